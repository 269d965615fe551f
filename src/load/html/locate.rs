//! Where the article is on a page: the container of its text (`itemprop=articleBody`
//! or a body class, then `<article>`, then `<main>`, else the element richest in
//! paragraph text, scored the way readability does) and the wider element around it
//! that holds its headline and photos.

use scraper::{ElementRef, Html};

use super::classify;
/// Where the article is: the element(s) holding its text, and the wider element
/// (the `<article>` or `<main>` around them) that holds its headline and photos.
#[derive(Debug)]
pub(super) struct Located<'a> {
    /// The containers of the text, in document order (a body split in parts).
    pub(super) roots: Vec<ElementRef<'a>>,
    /// The article around them, or the page's `<body>`.
    pub(super) scope: ElementRef<'a>,
}

/// Finds the article on a page.
pub(super) fn locate(doc: &Html) -> Located<'_> {
    let root = doc.root_element();
    let body = root
        .descendent_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let scores = scores(body);
    let scored = scores.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(e, _)| *e);
    let floor = scored.map_or(1, |e| para_text(e).div_ceil(3).max(1));
    let tiers: [&dyn Fn(ElementRef<'_>) -> bool; 3] = [
        &|e| classify::is_body_container(e),
        &|e| e.value().name() == "article",
        &|e| e.value().name() == "main" || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main")),
    ];
    for tier in tiers {
        let matches: Vec<ElementRef<'_>> = body
            .descendent_elements()
            .filter(|e| tier(*e) && !in_chrome(*e, body))
            .collect();
        if let Some(roots) = pick(&matches, floor) {
            let scope = scope_of(roots[0], body);
            return Located { roots, scope };
        }
    }
    match scored {
        Some(e) => Located {
            roots: with_siblings(e, &scores),
            scope: scope_of(e, body),
        },
        None => Located {
            roots: vec![body],
            scope: body,
        },
    }
}

/// The best-scored element and those of its siblings that score at least a fifth
/// as well, or are long paragraphs of their own (readability's sibling rule).
fn with_siblings<'a>(best: ElementRef<'a>, scores: &[(ElementRef<'a>, f64)]) -> Vec<ElementRef<'a>> {
    let score_of = |el: ElementRef<'a>| {
        scores
            .iter()
            .find(|(e, _)| e.id() == el.id())
            .map_or(0.0, |(_, s)| *s)
    };
    let top = score_of(best);
    let Some(parent) = best.parent().and_then(ElementRef::wrap) else {
        return vec![best];
    };
    parent
        .child_elements()
        .filter(|sib| {
            if sib.id() == best.id() {
                return true;
            }
            let score = score_of(*sib);
            let text = sib.text().map(|t| t.trim().chars().count()).sum::<usize>();
            (score >= top * 0.2 && score > 0.0 && !in_chrome(*sib, parent))
                || (sib.value().name() == "p" && text > 80 && link_density(*sib) < 0.25)
        })
        .collect()
}

/// The innermost match with nearly the most paragraph text, plus its siblings that
/// also match (bodies split in several parts).
fn pick<'a>(matches: &[ElementRef<'a>], floor: usize) -> Option<Vec<ElementRef<'a>>> {
    let texts: Vec<usize> = matches.iter().map(|e| para_text(*e)).collect();
    let max = texts.iter().copied().max().filter(|m| *m >= floor && *m > 0)?;
    // Innermost: the last in document order among those close to the maximum that
    // contains no other such match.
    let close: Vec<usize> = (0..matches.len()).filter(|i| texts[*i] * 5 >= max * 4).collect();
    let best = close.iter().copied().find(|i| {
        !close
            .iter()
            .any(|j| j != i && matches[*j].ancestors().any(|a| a.id() == matches[*i].id()))
    })?;
    let chosen = matches[best];
    // Other parts of a body split in several containers: same element, close by in
    // the tree (a common ancestor at most five levels up), not nested in each other.
    let near: Vec<_> = chosen.ancestors().take(5).map(|a| a.id()).collect();
    let related = |e: &ElementRef<'a>| {
        e.value().name() == chosen.value().name()
            && !e.ancestors().any(|a| a.id() == chosen.id())
            && !chosen.ancestors().any(|a| a.id() == e.id())
            && e.ancestors().any(|a| near.contains(&a.id()))
    };
    let candidates: Vec<ElementRef<'a>> = matches
        .iter()
        .zip(&texts)
        .filter(|(e, t)| e.id() == chosen.id() || (**t > 0 && related(e)))
        .map(|(e, _)| *e)
        .collect();
    let roots = candidates
        .iter()
        .filter(|e| {
            !candidates
                .iter()
                .any(|o| o.id() != e.id() && e.ancestors().any(|a| a.id() == o.id()))
        })
        .copied()
        .collect();
    Some(roots)
}

fn scope_of<'a>(el: ElementRef<'a>, body: ElementRef<'a>) -> ElementRef<'a> {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take_while(|a| a.id() != body.id())
        .find(|a| matches!(a.value().name(), "article" | "main"))
        .unwrap_or(body)
}

/// True when an element between `el` and `top` is page chrome.
fn in_chrome(el: ElementRef<'_>, top: ElementRef<'_>) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take_while(|a| a.id() != top.id())
        .any(|a| {
            let w = classify::words(a);
            matches!(a.value().name(), "aside" | "nav" | "footer")
                || classify::is_ad(&w)
                || w.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "related"
                            | "recommended"
                            | "recirc"
                            | "trending"
                            | "popular"
                            | "mostread"
                            | "comments"
                            | "comment"
                            | "sidebar"
                            | "rail"
                            | "newsletter"
                    )
                })
        })
}

/// Characters of paragraph text (paragraphs, and list items without paragraphs)
/// inside `el`, not counting page chrome.
fn para_text(el: ElementRef<'_>) -> usize {
    el.descendent_elements()
        .filter(|p| match p.value().name() {
            "p" | "pre" => true,
            "li" => !p
                .descendent_elements()
                .skip(1)
                .any(|d| matches!(d.value().name(), "p" | "li" | "ul" | "ol")),
            _ => false,
        })
        .filter(|p| !in_chrome(*p, el))
        .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
        .sum()
}

/// Elements scored by the paragraph text they hold, the way readability does: each
/// paragraph of 25 characters or more gives its parent a point, a point per comma
/// and up to three for length, and half that to its grandparent; class words and
/// link density adjust the total.
fn scores<'a>(body: ElementRef<'a>) -> Vec<(ElementRef<'a>, f64)> {
    let mut scores: Vec<(ElementRef<'a>, f64)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut add = |el: ElementRef<'a>, s: f64| match index.get(&el.id()).copied() {
        Some(i) => {
            if let Some(entry) = scores.get_mut::<usize>(i) {
                entry.1 += s;
            }
        }
        None => {
            index.insert(el.id(), scores.len());
            scores.push((el, s));
        }
    };
    for p in body.descendent_elements() {
        let name = p.value().name();
        let paragraph_like = name == "p"
            || name == "pre"
            || (name == "div"
                && !p.child_elements().any(|c| is_block(c.value().name()))
                // Bounded, so that chains of nested elements stay linear.
                && p.descendent_elements().take(200).count() < 200);
        if !paragraph_like {
            continue;
        }
        let text: String = p.text().collect();
        let len = text.trim().chars().count();
        if len < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let mut up = p.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = up.next() {
            add(parent, score);
            if let Some(grand) = up.next() {
                add(grand, score / 2.0);
            }
        }
    }
    scores
        .into_iter()
        .map(|(e, s)| {
            let weighted = s * (1.0 + 0.25 * f64::from(classify::weight(e))) * (1.0 - link_density(e));
            (e, weighted)
        })
        .collect()
}

pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "ul"
            | "ol"
            | "table"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "main"
            | "form"
            | "dl"
            | "hr"
    )
}

/// The share of an element's text that is link text.
pub(super) fn link_density(el: ElementRef<'_>) -> f64 {
    let chars = |e: ElementRef<'_>| e.text().map(|t| t.trim().chars().count()).sum::<usize>();
    let total = chars(el);
    // The parser never nests links, so the links' texts do not overlap.
    let linked: usize = el
        .descendent_elements()
        .filter(|d| d.value().name() == "a")
        .map(chars)
        .sum();
    let linked = linked.min(total);
    if total == 0 {
        0.0
    } else {
        linked as f64 / total as f64
    }
}
