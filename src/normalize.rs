//! Between loading and writing: drop text XML cannot hold, fill in summaries, make
//! URLs absolute, merge duplicates, sort newest first.

use std::collections::HashMap;

use crate::item::{Body, Item};

/// Longest generated summary, in characters.
const SUMMARY_CHARS: usize = 300;

/// Cleans and orders items. Duplicates (same id or same URL) become one item, the
/// most recently updated; each merge adds a warning naming both files.
pub fn normalize(items: Vec<Item>, site_url: &str, warnings: &mut Vec<String>) -> Vec<Item> {
    let base = url::Url::parse(site_url).ok();
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for mut item in items {
        clean_item(&mut item, base.as_ref());
        let keys = [Some(item.id.clone()), item.url.clone()];
        let existing = keys.iter().flatten().find_map(|k| index.get(k).copied());
        match existing {
            Some(i) => {
                let other = &kept[i];
                warnings.push(format!(
                    "{} and {} are the same article (id {}); kept the one from {}",
                    other.source,
                    item.source,
                    other.id,
                    if newer(&item, other) {
                        &item.source
                    } else {
                        &other.source
                    }
                ));
                if newer(&item, other) {
                    kept[i] = item;
                    for k in [Some(kept[i].id.clone()), kept[i].url.clone()]
                        .into_iter()
                        .flatten()
                    {
                        index.insert(k, i);
                    }
                }
            }
            None => {
                for k in keys.into_iter().flatten() {
                    index.insert(k, kept.len());
                }
                kept.push(item);
            }
        }
    }
    sort_newest_first(&mut kept);
    kept
}

/// Orders items newest first; equal dates are ordered by id so output never depends
/// on the order files were read in.
pub fn sort_newest_first(items: &mut [Item]) {
    items.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
}

/// True when `a` should replace `b`: newer update, ties broken by source path.
fn newer(a: &Item, b: &Item) -> bool {
    (a.last_modified(), &b.source) > (b.last_modified(), &a.source)
}

fn clean_item(item: &mut Item, base: Option<&url::Url>) {
    clean(&mut item.title);
    item.title = collapse_spaces(&item.title);
    clean(&mut item.id);
    for author in &mut item.authors {
        clean(&mut author.name);
    }
    for photo in &mut item.photos {
        clean(&mut photo.caption);
        photo.credit.name.iter_mut().for_each(clean);
        photo.credit.organization.iter_mut().for_each(clean);
        photo.url = photo.url.take().and_then(|u| absolute(&u, base));
    }
    item.url = item.url.take().and_then(|u| absolute(&u, base));
    let article_base = item.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    match &mut item.body {
        Body::Paragraphs(ps) => ps.iter_mut().for_each(clean),
        Body::Html(h) => {
            clean(h);
            *h = sanitize_html(h, article_base.as_ref().or(base));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    item.tags
        .retain(|t| !t.trim().is_empty() && seen.insert(t.trim().to_lowercase()));
    item.tags.iter_mut().for_each(|t| *t = t.trim().to_string());
    match &mut item.summary {
        Some(s) => clean(s),
        None => item.summary = summary_of(&item.body),
    }
}

/// Attributes holding one URL, made absolute in item HTML.
const URL_ATTRS: &[&str] = &["href", "src", "poster", "cite", "data-src"];
/// Attributes holding a `srcset` list (`URL [descriptor], …`).
const SRCSET_ATTRS: &[&str] = &["srcset", "data-srcset"];
/// Attributes lazy-loading scripts put the real image URL in.
const LAZY_SRC: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url"];

/// Makes HTML from an input safe and self-contained for a feed: lazy-loaded images get
/// their real `src`, every URL attribute (`href`, `src`, `srcset`, `poster`, lazy
/// `data-src`) becomes absolute against `base`, then ammonia removes scripts, styles,
/// event handlers, iframes and other unknown embeds.
pub fn sanitize_html(html: &str, base: Option<&url::Url>) -> String {
    let rewritten = rewrite_urls(html, base).unwrap_or_else(|_| html.to_string());
    sanitizer().clean(&rewritten).to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["picture", "source", "video", "audio", "track"])
            .add_tag_attributes("img", ["srcset", "sizes", "loading"])
            .add_tag_attributes("source", ["src", "srcset", "sizes", "type", "media"])
            .add_tag_attributes("video", ["src", "poster", "controls", "width", "height"])
            .add_tag_attributes("audio", ["src", "controls"])
            .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(None);
        b
    });
    &BUILDER
}

fn rewrite_urls(html: &str, base: Option<&url::Url>) -> Result<String, lol_html::errors::RewritingError> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let fix = |v: &str| -> String {
        base.and_then(|b| b.join(v.trim()).ok())
            .map_or_else(|| v.to_string(), |u| u.to_string())
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("img, source", |el| {
            let placeholder = el
                .get_attribute("src")
                .is_none_or(|s| s.trim().is_empty() || s.starts_with("data:"));
            if placeholder && let Some(real) = LAZY_SRC.iter().find_map(|a| el.get_attribute(a)) {
                el.set_attribute("src", &real)?;
            }
            if el.get_attribute("srcset").is_none()
                && let Some(set) = el.get_attribute("data-srcset")
            {
                el.set_attribute("srcset", &set)?;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("*", |el| {
            for name in URL_ATTRS {
                if let Some(v) = el.get_attribute(name) {
                    el.set_attribute(name, &fix(&v))?;
                }
            }
            for name in SRCSET_ATTRS {
                if let Some(v) = el.get_attribute(name) {
                    el.set_attribute(name, &absolute_srcset(&v, &fix))?;
                }
            }
            Ok(())
        }));
    rewrite_str(html, settings)
}

/// `a.jpg 1x, /b.jpg 2x` → each URL made absolute, descriptors kept.
fn absolute_srcset(set: &str, fix: &dyn Fn(&str) -> String) -> String {
    set.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|candidate| match candidate.split_once(char::is_whitespace) {
            Some((url, descriptor)) => format!("{} {}", fix(url), descriptor.trim()),
            None => fix(candidate),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Removes characters XML 1.0 cannot carry (C0 controls other than tab, newline and
/// carriage return; U+FFFE, U+FFFF) in place.
pub fn clean(s: &mut String) {
    if has_non_xml_char(s) {
        s.retain(xml_char);
    }
}

/// Whether `s` holds a character [`xml_char`] rejects, checked on the bytes (this runs
/// over every article's whole text): a C0 control other than tab, newline and carriage
/// return is one byte below 0x20; U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`.
fn has_non_xml_char(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path, a chunk at a time so it vectorizes: most text has neither byte.
    if !b
        .chunks(64)
        .any(|ch| ch.iter().fold(false, |acc, &c| acc | (c < 0x20) | (c == 0xEF)))
    {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || (c == 0xEF && b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    })
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn absolute(url: &str, base: Option<&url::Url>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    match url::Url::parse(url) {
        Ok(u) => Some(u.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok().map(|u| u.to_string()),
        Err(_) => None,
    }
}

/// The first paragraph as plain text, cut at a word boundary.
fn summary_of(body: &Body) -> Option<String> {
    let first = match body {
        Body::Paragraphs(ps) => ps.first()?.clone(),
        Body::Html(h) => html_first_paragraph(h)?,
    };
    Some(truncate_words(&collapse_spaces(&first), SUMMARY_CHARS))
}

/// The text of the first `<p>` element, entities decoded by a real HTML parser (CMS
/// exports carry `&rsquo;` and `&#8217;`). Only that element is parsed: this runs for
/// every article without a summary.
fn html_first_paragraph(html: &str) -> Option<String> {
    let start = ["<p>", "<p "].iter().filter_map(|tag| html.find(tag)).min()?;
    let end = start + html[start..].find("</p>")? + "</p>".len();
    let text = crate::load::entities::fragment_text(&html[start..end]);
    (!text.trim().is_empty()).then_some(text)
}

fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_agrees_with_the_character_rule() {
        for c in [
            '\0', '\u{1}', '\u{1f}', '\t', '\n', '\r', ' ', '\u{7f}', '\u{85}', '\u{d7ff}',
        ]
        .into_iter()
        .chain([
            '\u{e000}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{10000}',
            '\u{10ffff}',
            'é',
            '“',
        ]) {
            let s = format!("a{c}b");
            assert_eq!(has_non_xml_char(&s), !xml_char(c), "{:?}", c);
        }
        // Every character in the Basic Multilingual Plane.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                has_non_xml_char(&c.to_string()),
                !xml_char(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    fn item(id: &str, date: &str, source: &str) -> Item {
        let mut i = Item::new(id, "T", chrono::DateTime::parse_from_rfc3339(date).unwrap());
        i.source = source.into();
        i
    }

    #[test]
    fn sorts_newest_first_with_ties_by_id() {
        let items = vec![
            item("b", "2020-01-01T00:00:00Z", "b.txt"),
            item("a", "2020-01-01T00:00:00Z", "a.txt"),
            item("c", "2021-01-01T00:00:00Z", "c.txt"),
        ];
        let ids: Vec<String> = normalize(items, "https://x.example/", &mut vec![])
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn duplicates_keep_the_newest_update_and_warn_with_both_files() {
        let old = item("same", "2020-01-01T00:00:00Z", "old.txt");
        let mut new = item("same", "2020-01-01T00:00:00Z", "new.md");
        new.updated = Some(chrono::DateTime::parse_from_rfc3339("2020-02-01T00:00:00Z").unwrap());
        let mut warnings = vec![];
        let out = normalize(vec![old, new], "https://x.example/", &mut warnings);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].source, "new.md");
        assert!(
            warnings[0].contains("old.txt") && warnings[0].contains("new.md"),
            "{warnings:?}"
        );
    }

    #[test]
    fn strips_xml_illegal_characters_and_makes_urls_absolute() {
        let mut i = item("x", "2020-01-01T00:00:00Z", "x.txt");
        i.title = "Bad\u{1}  title\u{FFFE}".into();
        i.url = Some("/news/x".into());
        let out = normalize(vec![i], "https://x.example/site/", &mut vec![]);
        assert_eq!(out[0].title, "Bad title");
        assert_eq!(out[0].url.as_deref(), Some("https://x.example/news/x"));
    }

    #[test]
    fn html_is_sanitized_and_urls_made_absolute() {
        let base = url::Url::parse("https://paper.example/news/2020/story.html").unwrap();
        let html = r#"<p onclick="x()">Hi <a href="../about">us</a><script>alert(1)</script></p><iframe src="https://ads.example/"></iframe><img src="data:image/gif;base64,R0l" data-src="/img/a.jpg" data-srcset="/img/a.jpg 1x, b.jpg 2x" alt="A"><video poster="p.jpg" src="v.mp4"></video><style>p{}</style>"#;
        assert_eq!(
            sanitize_html(html, Some(&base)),
            r#"<p>Hi <a href="https://paper.example/news/about">us</a></p><img src="https://paper.example/img/a.jpg" alt="A" srcset="https://paper.example/img/a.jpg 1x, https://paper.example/news/2020/b.jpg 2x"><video poster="https://paper.example/news/2020/p.jpg" src="https://paper.example/news/2020/v.mp4"></video>"#
        );
    }

    #[test]
    fn html_without_base_keeps_relative_urls_but_loses_scripts() {
        assert_eq!(
            sanitize_html(r#"<p><a href="/x" onmouseover="y">x</a></p>"#, None),
            r#"<p><a href="/x">x</a></p>"#
        );
        assert_eq!(
            sanitize_html(r#"<a href="javascript:alert(1)">x</a>"#, None),
            "<a>x</a>"
        );
    }

    #[test]
    fn html_summaries_come_from_the_first_paragraph_with_entities_decoded() {
        let body = Body::Html(
            "<pre>code</pre><p class=\"lede\">It&rsquo;s <b>AT&amp;T</b>&#8217;s day.</p><p>Next.</p>".into(),
        );
        assert_eq!(summary_of(&body).as_deref(), Some("It’s AT&T’s day."));
    }

    #[test]
    fn summaries_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = truncate_words(long.trim(), 22);
        assert_eq!(s, "word word word word…");
    }
}
