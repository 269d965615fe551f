//! Photos: every `<figure>` of the article with an image (the largest candidate of
//! `src`, lazy-loading `data-*` attributes, `srcset` and `<picture><source>`), its
//! caption and its credit; and the `og:image` as the lead photo when no figure has it.

use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::classify;
use super::jsonld::{self, JsonLd};
use super::meta::{Meta, collapse};
use super::resolve;
use crate::item::{Credit, Photo};
use crate::load::credit::{parse_credit, split_caption};

/// Attributes that hold a single image URL, with their rank when no width is known:
/// lazy-loading attributes beat `src`, which is often a placeholder.
const SRC_ATTRS: &[(&str, f64)] = &[
    ("data-src", 0.5),
    ("data-lazy-src", 0.5),
    ("data-original", 0.5),
    ("data-url", 0.5),
    ("data-full-src", 0.6),
    ("data-hi-res-src", 0.6),
    ("data-zoom-src", 0.6),
    ("src", 0.0),
];

/// Attributes that hold a `srcset`.
const SRCSET_ATTRS: &[&str] = &["srcset", "data-srcset", "data-lazy-srcset"];

/// The photos of the figures inside `scope`, skipping figures in page chrome
/// (asides, related stories, ads) and figures without an image.
pub(super) fn figures(scope: ElementRef<'_>, base: Option<&url::Url>) -> Vec<Photo> {
    let mut photos = Vec::new();
    for fig in scope.descendent_elements() {
        let is_photo = fig.value().name() == "figure" || classify::is_photo_block(fig);
        if !is_photo || nested_in_figure(fig, scope) || in_chrome(fig, scope) {
            continue;
        }
        let Some(url) = image_url(fig).filter(|u| !is_logo(u)) else {
            continue;
        };
        let (caption, credit) = caption_and_credit(fig);
        let mut photo = Photo::new(caption, credit);
        photo.url = Some(resolve(&url, base));
        photos.push(photo);
    }
    photos
}

fn nested_in_figure(fig: ElementRef<'_>, scope: ElementRef<'_>) -> bool {
    fig.ancestors()
        .take_while(|n| n.id() != scope.id())
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "figure" || classify::is_photo_block(a))
}

fn in_chrome(el: ElementRef<'_>, scope: ElementRef<'_>) -> bool {
    el.ancestors()
        .take_while(|n| n.id() != scope.id())
        .filter_map(ElementRef::wrap)
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
                            | "morestories"
                            | "newsletter"
                            | "comments"
                            | "sidebar"
                            | "rail"
                    )
                })
        })
}

/// The best image URL of a figure: the widest `srcset` candidate of any `<img>` or
/// `<source>`, else a lazy-loading attribute, else `src`; images inside `<noscript>`
/// count when the figure has no other.
pub(super) fn image_url(fig: ElementRef<'_>) -> Option<String> {
    let mut best = best_candidate(fig, 0.0);
    // The `<noscript>` copy of a lazy-loaded image is the full-size one; it wins ties
    // with the low-resolution preview the page shows first.
    for el in fig.descendent_elements() {
        if el.value().name() == "noscript" {
            let inner = Html::parse_fragment(&el.text().collect::<String>());
            if let Some((score, url)) = best_candidate(inner.root_element(), 0.5)
                && best.as_ref().is_none_or(|(s, _)| score > *s)
            {
                best = Some((score, url));
            }
        }
    }
    best.map(|(_, url)| url)
}

fn best_candidate(root: ElementRef<'_>, bonus: f64) -> Option<(f64, String)> {
    let mut best: Option<(f64, String)> = None;
    let mut offer = |score: f64, url: &str| {
        let url = url.trim();
        if url.is_empty() || is_placeholder(url) {
            return;
        }
        let score = score + bonus;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, url.to_string()));
        }
    };
    for el in root.descendent_elements() {
        let name = el.value().name();
        if name != "img" && name != "source" {
            continue;
        }
        if name == "source"
            && el
                .attr("type")
                .is_some_and(|t| t.starts_with("video") || t.starts_with("audio"))
        {
            continue;
        }
        for attr in SRCSET_ATTRS {
            if let Some(set) = el.attr(attr) {
                for (url, score) in srcset(set) {
                    offer(score, &url);
                }
            }
        }
        for (attr, rank) in SRC_ATTRS {
            if let Some(url) = el.attr(attr) {
                let width = el.attr("width").and_then(|w| w.trim().parse::<f64>().ok());
                // A single URL with a known width competes with srcset widths.
                offer(width.map_or(*rank, |w| w.max(*rank) * 0.99), url);
            }
        }
    }
    best
}

/// The candidates of a `srcset`: (URL, width or density).
fn srcset(set: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    // URLs may contain commas; candidates are separated by a comma followed by space
    // or by a comma after a descriptor.
    for candidate in split_srcset(set) {
        let mut parts = candidate.split_whitespace();
        let Some(url) = parts.next() else { continue };
        let score = match parts.next() {
            Some(d) if d.ends_with('w') => d[..d.len() - 1].parse::<f64>().unwrap_or(1.0),
            Some(d) if d.ends_with('x') => d[..d.len() - 1].parse::<f64>().unwrap_or(1.0),
            _ => 1.0,
        };
        out.push((url.to_string(), score));
    }
    out
}

fn split_srcset(set: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_url = true;
    let mut chars = set.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if !cur.trim().is_empty() {
                in_url = false;
            }
            cur.push(c);
        } else if c == ',' && (!in_url || chars.peek().is_some_and(|n| n.is_whitespace())) {
            out.push(std::mem::take(&mut cur));
            in_url = true;
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

fn is_placeholder(url: &str) -> bool {
    if url.starts_with("data:")
        || url.starts_with("about:")
        || url.starts_with("javascript:")
        || url.contains(['{', '}', ' ', '\n'])
    {
        return true;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    [
        "placeholder",
        "blank.",
        "spacer",
        "pixel.",
        "transparent.",
        "1x1",
        "lazy",
        "loading.",
    ]
    .iter()
    .any(|p| file.contains(p))
}

/// The caption (text of `<figcaption>` or a caption element, without the credit) and
/// the credit (from a credit element, else split off the end of the caption).
pub(super) fn caption_and_credit(fig: ElementRef<'_>) -> (String, Credit) {
    let mut bufs = Buffers::default();
    walk(fig, false, false, &mut bufs, 0);
    let mut caption = strip_caption_label(&collapse(&bufs.caption));
    if caption.is_empty() {
        caption = strip_caption_label(&collapse(&bufs.other));
    }
    let mut credit = collapse(&bufs.credit);
    // A caption that is only a labelled credit (`Credit Jane Doe/Reuters`).
    if credit.is_empty() && has_credit_label(&caption) {
        credit = std::mem::take(&mut caption);
    }
    if credit.is_empty() {
        if let Some((caption, credit)) = split_labelled_credit(&caption) {
            return (caption, parse_credit(&strip_credit_label(&credit)));
        }
        return split_caption(&caption);
    }
    let caption = caption
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '—' | '–' | '-' | '('))
        .to_string();
    (caption, parse_credit(&strip_credit_label(&credit)))
}

/// Text of a figure by role: caption, credit, and anything else.
#[derive(Default)]
struct Buffers {
    caption: String,
    credit: String,
    other: String,
}

impl Buffers {
    fn push(&mut self, in_caption: bool, in_credit: bool, text: &str) {
        if in_credit {
            self.credit.push_str(text);
        } else if in_caption {
            self.caption.push_str(text);
        } else {
            self.other.push_str(text);
        }
    }
}

fn walk(el: ElementRef<'_>, in_caption: bool, in_credit: bool, bufs: &mut Buffers, depth: usize) {
    if depth > 100 {
        bufs.push(in_caption, in_credit, &el.text().collect::<String>());
        return;
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => bufs.push(in_caption, in_credit, t),
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if matches!(
                    e.name(),
                    "img" | "picture" | "source" | "script" | "style" | "noscript" | "button" | "svg"
                ) || classify::is_hidden(c)
                    || is_screen_reader_only(c)
                {
                    continue;
                }
                let cap = in_caption || classify::is_caption(c);
                let cred = in_credit || (e.name() != "figcaption" && classify::is_credit(c));
                let inline = matches!(
                    e.name(),
                    "a" | "b"
                        | "strong"
                        | "em"
                        | "i"
                        | "span"
                        | "abbr"
                        | "sup"
                        | "sub"
                        | "u"
                        | "mark"
                        | "time"
                        | "font"
                        | "q"
                );
                if !inline {
                    bufs.push(cap, cred, " ");
                }
                walk(c, cap, cred, bufs, depth + 1);
                if !inline {
                    bufs.push(cap, cred, " ");
                }
            }
            _ => {}
        }
    }
}

fn is_screen_reader_only(el: ElementRef<'_>) -> bool {
    classify::words(el).iter().any(|w| {
        matches!(
            w.as_str(),
            "sronly" | "visuallyhidden" | "screenreader" | "offscreen"
        )
    })
}

/// Labels that start a credit: `Photo: …`, `Credit …`, `Image source, …`.
const CREDIT_LABELS: &[&str] = &[
    "photo credit",
    "image credit",
    "image source",
    "photograph",
    "photos",
    "photo",
    "credits",
    "credit",
    "image",
    "picture",
    "source",
    "foto",
    "copyright",
    "bild",
    "illustration",
];

/// The credit without its label: after the label comes a colon, a comma, white space
/// or, where hidden labels run into the name, a capital letter.
fn without_credit_label(t: &str) -> Option<&str> {
    let lower = t.to_lowercase();
    for label in CREDIT_LABELS {
        if lower.starts_with(label) && t.is_char_boundary(label.len()) {
            let rest = &t[label.len()..];
            let next = rest.chars().next();
            if next.is_some_and(|c| c == ':' || c == ',' || c.is_whitespace() || c.is_uppercase()) {
                let rest = rest.trim_start_matches([':', ',']).trim_start();
                let rest = rest.strip_prefix("by ").unwrap_or(rest);
                return Some(rest.trim());
            }
        }
    }
    None
}

/// True when a whole caption is a labelled credit (`CreditJane Doe/Reuters`).
fn has_credit_label(caption: &str) -> bool {
    without_credit_label(caption).is_some_and(|r| !r.is_empty())
        || (caption.starts_with('©') && caption.chars().count() > 1)
}

/// A caption ending in a labelled credit (`… | Foto: Reuters`, `… Photograph: Jane
/// Doe for the Tribune`, `… (Photo by Lee Chan)`): the credit starts after a sentence
/// end, a bar, a semicolon or an opening bracket, with a label and a colon or `by`.
fn split_labelled_credit(caption: &str) -> Option<(String, String)> {
    for (start, c) in caption.char_indices() {
        let after_break = matches!(c, '(' | '[')
            || (c.is_alphabetic()
                && caption[..start]
                    .trim_end()
                    .ends_with(['.', '|', ';', '—', '–', '!', '?', '”', '"']));
        if start == 0 || !after_break {
            continue;
        }
        let rest = &caption[start..];
        let inner = rest.trim_start_matches(['(', '[']).to_lowercase();
        let labelled = CREDIT_LABELS.iter().any(|l| {
            inner
                .strip_prefix(l)
                .is_some_and(|after| after.trim_start().starts_with(':') || after.starts_with(" by "))
        });
        if labelled {
            let head = caption[..start]
                .trim_end()
                .trim_end_matches(['|', ';', '—', '–'])
                .trim_end()
                .to_string();
            let credit = rest
                .trim()
                .trim_start_matches(['(', '['])
                .trim_end_matches([')', ']'])
                .trim();
            return Some((head, credit.to_string()));
        }
    }
    None
}

/// `Photo: Jane Doe/Reuters`, `(Credit: Jane Doe)`, `CreditJane Doe` and `© Jane Doe`
/// lose the label and brackets (repeated labels too).
fn strip_credit_label(credit: &str) -> String {
    let mut t = credit.trim();
    if t.starts_with('(') && t.ends_with(')') {
        t = t[1..t.len() - 1].trim();
    }
    for _ in 0..3 {
        t = t.trim_start_matches('©').trim_start();
        match without_credit_label(t) {
            Some(rest) if !rest.is_empty() => t = rest,
            _ => break,
        }
    }
    t.to_string()
}

/// Screen-reader labels that some sites put before a caption (`Image caption`).
fn strip_caption_label(caption: &str) -> String {
    let lower = caption.to_lowercase();
    for label in ["image caption", "media caption", "photo caption", "caption"] {
        if lower.starts_with(label) && caption.is_char_boundary(label.len()) {
            let rest = &caption[label.len()..];
            let next = rest.chars().next();
            if next.is_some_and(|c| c == ':' || c == ',' || c.is_uppercase())
                || (label.contains(' ') && next == Some(' '))
            {
                return rest.trim_start_matches([':', ',']).trim().to_string();
            }
        }
    }
    caption.to_string()
}

/// The page's share image (`og:image`, `twitter:image`, JSON-LD `image`) as a lead
/// photo, unless a figure already has it or it is the site's logo.
pub(super) fn lead_photo(
    meta: &Meta,
    ld: &JsonLd,
    photos: &[Photo],
    base: Option<&url::Url>,
) -> Option<Photo> {
    let ld_image = ld.article().and_then(|a| a.get("image")).map(|v| ld.resolve(v));
    let ld_image = match ld_image {
        Some(Value::Array(items)) => items.first().map(|v| ld.resolve(v)),
        other => other,
    };
    let ld_url = ld_image.and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => jsonld::string(m.get("url")).or_else(|| jsonld::string(m.get("contentUrl"))),
        _ => None,
    });
    let url = meta
        .first(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .map(str::to_string)
        .or(ld_url.clone())?;
    let url = resolve(&url, base);
    if is_logo(&url)
        || photos
            .iter()
            .any(|p| p.url.as_deref().is_some_and(|u| same_image(u, &url)))
    {
        return None;
    }
    let ld_obj = ld_image.and_then(Value::as_object).filter(|_| {
        ld_url
            .as_deref()
            .is_some_and(|u| same_image(&resolve(u, base), &url))
    });
    let caption = ld_obj
        .and_then(|m| jsonld::string(m.get("caption")).or_else(|| jsonld::string(m.get("description"))))
        .or_else(|| {
            meta.first(&["og:image:alt", "twitter:image:alt"])
                .map(str::to_string)
        })
        .unwrap_or_default();
    let ld_credit = ld_obj.and_then(|m| {
        jsonld::string(m.get("creditText"))
            .or_else(|| ld.names(m.get("author")?).into_iter().next())
            .or_else(|| ld.names(m.get("copyrightHolder")?).into_iter().next())
    });
    let (caption, credit) = match ld_credit {
        Some(c) => (collapse(&caption), parse_credit(&strip_credit_label(&c))),
        None => split_caption(&collapse(&caption)),
    };
    let mut photo = Photo::new(caption, credit);
    photo.url = Some(url);
    Some(photo)
}

fn is_logo(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    let file = path.rsplit('/').next().unwrap_or(&path);
    ["logo", "default", "placeholder", "fallback"]
        .iter()
        .any(|w| file.contains(w))
}

/// True when two URLs name the same image: equal but for the query string (resizing
/// parameters), fragment and scheme; or on the same host with the same distinctive
/// file name (image-style folders, `-1024x683` size suffixes).
pub(super) fn same_image(a: &str, b: &str) -> bool {
    fn parts(u: &str) -> (String, String) {
        let u = u.split(['?', '#']).next().unwrap_or(u);
        let u = u.split_once("://").map_or(u, |(_, rest)| rest);
        let u = u.trim_start_matches("//").to_ascii_lowercase();
        let host = u.split('/').next().unwrap_or_default().to_string();
        (host, u)
    }
    let ((host_a, a), (host_b, b)) = (parts(a), parts(b));
    if a == b {
        return true;
    }
    let (file_a, file_b) = (file_stem(&a), file_stem(&b));
    let (short, long) = if file_a.len() <= file_b.len() {
        (&file_a, &file_b)
    } else {
        (&file_b, &file_a)
    };
    host_a == host_b
        && ((short.len() >= 10 && short == long) || (short.len() >= 16 && long.starts_with(short.as_str())))
}

/// The file name without its extension and without a trailing `-WIDTHxHEIGHT`.
fn file_stem(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if let Some((head, size)) = stem.rsplit_once('-')
        && let Some((w, h)) = size.split_once('x')
        && !w.is_empty()
        && !h.is_empty()
        && w.chars().chain(h.chars()).all(|c| c.is_ascii_digit())
    {
        return head.to_string();
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(html: &str) -> Html {
        Html::parse_fragment(html)
    }

    #[test]
    fn picks_the_widest_candidate() {
        let h = fig(
            r#"<figure><picture><source srcset="a-400.webp 400w, a-1600.webp 1600w"><img src="data:image/gif;base64,R0l" data-src="a-800.jpg" srcset="a-300.jpg 300w,a-1200.jpg 1200w"></picture></figure>"#,
        );
        assert_eq!(image_url(h.root_element()).as_deref(), Some("a-1600.webp"));
        let h = fig(r#"<figure><img src="/img/blank.gif" data-src="/photos/b.jpg"></figure>"#);
        assert_eq!(image_url(h.root_element()).as_deref(), Some("/photos/b.jpg"));
        let h = fig(r#"<figure><img src="c.jpg" srcset="c.jpg 1x, c@2x.jpg 2x"></figure>"#);
        assert_eq!(image_url(h.root_element()).as_deref(), Some("c@2x.jpg"));
        let h = fig(r#"<figure><noscript><img src="d.jpg"></noscript></figure>"#);
        assert_eq!(image_url(h.root_element()).as_deref(), Some("d.jpg"));
        let h = fig(
            r#"<figure><img srcset="https://cdn.example/i/w_400,h_300/e.jpg 400w, https://cdn.example/i/w_900,h_600/e.jpg 900w"></figure>"#,
        );
        assert_eq!(
            image_url(h.root_element()).as_deref(),
            Some("https://cdn.example/i/w_900,h_600/e.jpg")
        );
    }

    #[test]
    fn credit_elements_leave_the_caption() {
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption>Crowds gather outside the court. <span class="credit">Photo: Jane Doe/Reuters</span></figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            (
                "Crowds gather outside the court.".to_string(),
                parse_credit("Jane Doe/Reuters")
            )
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption><span class="sr-only">Image caption,</span>Firefighters at work.<small>(Lee Chan)</small></figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            ("Firefighters at work.".to_string(), parse_credit("Lee Chan"))
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption>The pier at dusk. Omar Haddad AP Photo</figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            split_caption("The pier at dusk. Omar Haddad AP Photo")
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption>Souček after the win. | Foto: Reuters</figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            ("Souček after the win.".to_string(), parse_credit("Reuters"))
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption>Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian</figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            (
                "Whale expert Hori Parata.".to_string(),
                parse_credit("Adrian Malloch for the Guardian")
            )
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption>The lab in Barcelona (photo by Joan Serra)</figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            ("The lab in Barcelona".to_string(), parse_credit("Joan Serra"))
        );
        // Hidden labels run into the text: "Credit" before the credit, "Image caption".
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption><span class="c1">Credit</span>Kevin Ortiz/Getty Images</figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            (String::new(), parse_credit("Kevin Ortiz/Getty Images"))
        );
        let h = fig(
            r#"<figure><img src="x.jpg"><figcaption><span>Image caption</span> Crowds at the rally <span class="c-credit"><span>Credit</span> <span>Ana Ruiz for The Tribune</span></span></figcaption></figure>"#,
        );
        assert_eq!(
            caption_and_credit(h.root_element()),
            (
                "Crowds at the rally".to_string(),
                parse_credit("Ana Ruiz for The Tribune")
            )
        );
    }

    #[test]
    fn same_image_ignores_resizing_queries() {
        assert!(same_image(
            "https://cdn.example/a.jpg?w=1200",
            "http://cdn.example/a.jpg?w=600"
        ));
        assert!(!same_image(
            "https://cdn.example/a.jpg",
            "https://cdn.example/b.jpg"
        ));
    }
}
