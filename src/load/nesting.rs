//! Nesting limits: a pre-pass, in one linear scan, that flattens HTML elements and
//! Markdown containers (blockquotes, lists) nested deeper than a limit, before a parser
//! sees them.
//!
//! HTML and Markdown parsers look through the stack of open elements at each tag, so a
//! page of nothing but nested `<div>`s or `>` markers costs time in the square of its
//! depth (100 KB of them ran for minutes). No article nests anywhere near the limits:
//! past them the markup is dropped and the text kept.

use std::borrow::Cow;

/// Deepest nesting of HTML elements kept (past it, start and end tags are dropped and
/// their text kept).
pub const MAX_HTML_DEPTH: usize = 128;

/// Most Markdown containers (`>` and list markers, and indentation counted in steps of
/// four columns) kept at the start of a line.
pub const MAX_MARKDOWN_DEPTH: usize = 32;

/// Elements that never contain anything.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements a following sibling closes implicitly: they do not deepen the tree however
/// many follow each other unclosed, so they are not counted.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt",
    "rp", "colgroup", "caption",
];

/// Elements whose content is text, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// `html` with start and end tags nested deeper than `max_depth` removed (their text
/// stays). Borrowed, untouched, when nothing is that deep.
pub fn flatten_html(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    // The kept open elements (at most `max_depth`), then the dropped ones inside the
    // innermost of them, with a count per name so an end tag finds its element in
    // constant time.
    let mut open: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut dropped_names: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let rest = &html[start..];
        let Some(tag) = Tag::parse(rest) else {
            i = start + 1;
            continue;
        };
        let end = start + tag.len;
        let mut drop = false;
        match tag.kind {
            Kind::Skip => {}
            Kind::Start {
                ref name,
                self_closing,
            } => {
                let counted = !self_closing
                    && !VOID.contains(&name.as_str())
                    && !SELF_CLOSING_SIBLINGS.contains(&name.as_str());
                if counted {
                    if open.len() >= max_depth {
                        *dropped_names.entry(name.clone()).or_default() += 1;
                        dropped.push(name.clone());
                        drop = true;
                    } else {
                        open.push(name.clone());
                    }
                }
                if RAW_TEXT.contains(&name.as_str()) && !self_closing && !drop {
                    // Jump to the end tag: what is inside is not markup.
                    let close = format!("</{name}");
                    let skip_to = find_ascii_ci(&html[end..], &close).map_or(html.len(), |p| end + p);
                    i = skip_to;
                    continue;
                }
            }
            Kind::End(ref name) => {
                let counted =
                    !VOID.contains(&name.as_str()) && !SELF_CLOSING_SIBLINGS.contains(&name.as_str());
                if counted {
                    if dropped_names.get(name).is_some_and(|&n| n > 0) {
                        // Closes the innermost dropped element of that name (and any
                        // dropped inside it): each is popped once, so this stays linear.
                        while let Some(top) = dropped.pop() {
                            if let Some(n) = dropped_names.get_mut(&top) {
                                *n -= 1;
                            }
                            if top == *name {
                                break;
                            }
                        }
                        drop = true;
                    } else if let Some(at) = open.iter().rposition(|n| n == name) {
                        // Closes a kept element, and with it whatever was dropped inside.
                        open.truncate(at);
                        dropped.clear();
                        dropped_names.clear();
                    }
                }
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

enum Kind {
    Start {
        name: String,
        self_closing: bool,
    },
    End(String),
    /// A comment, doctype or processing instruction.
    Skip,
}

struct Tag {
    kind: Kind,
    /// Bytes from `<` to `>` included.
    len: usize,
}

impl Tag {
    /// The tag at the start of `s` (which starts with `<`), or `None` when the `<` is
    /// text.
    fn parse(s: &str) -> Option<Tag> {
        let b = s.as_bytes();
        match b.get(1)? {
            b'!' => {
                let len = if s[2..].starts_with("--") {
                    s[4..].find("-->").map_or(s.len(), |p| 4 + p + 3)
                } else {
                    s.find('>').map_or(s.len(), |p| p + 1)
                };
                Some(Tag {
                    kind: Kind::Skip,
                    len,
                })
            }
            b'?' => Some(Tag {
                kind: Kind::Skip,
                len: s.find('>').map_or(s.len(), |p| p + 1),
            }),
            b'/' => {
                let name = name_at(&s[2..])?;
                let len = s.find('>').map_or(s.len(), |p| p + 1);
                Some(Tag {
                    kind: Kind::End(name),
                    len,
                })
            }
            c if c.is_ascii_alphabetic() => {
                let name = name_at(&s[1..])?;
                let len = end_of_start_tag(s);
                let self_closing = s[..len].ends_with("/>");
                Some(Tag {
                    kind: Kind::Start { name, self_closing },
                    len,
                })
            }
            _ => None,
        }
    }
}

/// The lower-cased tag name at the start of `s`.
fn name_at(s: &str) -> Option<String> {
    let end = s
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    (end > 0).then(|| s[..end].to_ascii_lowercase())
}

/// The length of the start tag at the start of `s`, through its `>`; quoted attribute
/// values may hold `>`.
fn end_of_start_tag(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Where `needle` (ASCII, lower case) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// `markdown` with the containers at the start of each line (`>`, `-`, `*`, `+`, `1.`,
/// `1)`, indentation) cut to `max_depth`; the rest of the line is kept. Borrowed when no
/// line goes that deep.
pub fn flatten_markdown(markdown: &str, max_depth: usize) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        match cut_prefix(line, max_depth) {
            None => {
                if let Some(o) = &mut out {
                    o.push_str(line);
                }
            }
            Some((keep, content)) => {
                let o = out.get_or_insert_with(|| {
                    let mut s = String::with_capacity(markdown.len());
                    s.push_str(&markdown[..offset]);
                    s
                });
                o.push_str(&line[..keep]);
                o.push_str(&line[content..]);
            }
        }
        offset += line.len();
    }
    out.map_or(Cow::Borrowed(markdown), Cow::Owned)
}

/// For a line whose container prefix goes deeper than `max_depth`: the length of the
/// prefix to keep and where the content starts.
fn cut_prefix(line: &str, max_depth: usize) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let (mut i, mut depth, mut columns) = (0, 0usize, 0usize);
    let (mut keep, mut spaces_start) = (None, 0);
    loop {
        let mut marker_start = i;
        match b.get(i) {
            Some(b' ') => {
                if columns % 4 == 0 {
                    spaces_start = i;
                }
                columns += 1;
                i += 1;
                if columns % 4 == 0 {
                    depth += 1;
                    marker_start = spaces_start;
                } else {
                    continue;
                }
            }
            Some(b'\t') => {
                columns += 4;
                depth += 1;
                i += 1;
            }
            Some(b'>') => {
                depth += 1;
                i += 1;
            }
            Some(b'-' | b'*' | b'+') if matches!(b.get(i + 1), Some(b' ' | b'\t')) => {
                depth += 1;
                i += 2;
            }
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits <= 9
                    && matches!(b.get(i + digits), Some(b'.' | b')'))
                    && matches!(b.get(i + digits + 1), Some(b' ' | b'\t'))
                {
                    depth += 1;
                    i += digits + 2;
                } else {
                    break;
                }
            }
            _ => break,
        }
        if depth > max_depth && keep.is_none() {
            keep = Some(marker_start);
        }
    }
    keep.map(|k| (k, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_left_alone() {
        let html = r#"<div><p>a<br>b<img src="x>y"></p><!-- <div> --><script>"<div>"</script></div>"#;
        assert!(matches!(flatten_html(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_html_loses_its_innermost_tags_not_its_text() {
        assert_eq!(
            flatten_html("<div><section><div>deep <b>text</b></div></section></div>", 2),
            "<div><section>deep text</section></div>"
        );
        assert_eq!(
            flatten_html("<DIV><div><p>x<p>y</div></DIV>", 1),
            "<DIV><p>x<p>y</DIV>"
        );
    }

    #[test]
    fn closing_a_kept_element_closes_what_was_dropped_inside_it() {
        assert_eq!(
            flatten_html(
                "<figure><figcaption><span><span>Cap</figcaption></figure><p>Body",
                3
            ),
            "<figure><figcaption><span>Cap</figcaption></figure><p>Body"
        );
    }

    #[test]
    fn a_megabyte_of_nested_divs_is_flattened_to_the_limit() {
        let n = 100_000;
        let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let flat = flatten_html(&html, MAX_HTML_DEPTH);
        assert_eq!(
            flat,
            format!(
                "{}x{}",
                "<div>".repeat(MAX_HTML_DEPTH),
                "</div>".repeat(MAX_HTML_DEPTH)
            )
        );
    }

    #[test]
    fn markdown_containers_are_cut_to_the_limit() {
        assert_eq!(flatten_markdown("> > > deep\n> ok\n", 2), "> > deep\n> ok\n");
        assert_eq!(flatten_markdown(">>>>x", 3), ">>>x");
        assert_eq!(flatten_markdown("- - - 1. item\n", 2), "- - item\n");
        assert_eq!(flatten_markdown("            code\n", 2), "        code\n");
        let shallow = "# Title\n\n> quote\n\n- a\n  - b\n\n2021. A year.\n";
        assert!(matches!(flatten_markdown(shallow, 3), Cow::Borrowed(_)));
    }
}
