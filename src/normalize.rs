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
    match &mut item.body {
        Body::Paragraphs(ps) => ps.iter_mut().for_each(clean),
        Body::Html(h) => clean(h),
    }
    for photo in &mut item.photos {
        clean(&mut photo.caption);
        photo.credit.name.iter_mut().for_each(clean);
        photo.credit.organization.iter_mut().for_each(clean);
        photo.url = photo.url.take().and_then(|u| absolute(&u, base));
    }
    item.url = item.url.take().and_then(|u| absolute(&u, base));
    let mut seen = std::collections::BTreeSet::new();
    item.tags
        .retain(|t| !t.trim().is_empty() && seen.insert(t.trim().to_lowercase()));
    item.tags.iter_mut().for_each(|t| *t = t.trim().to_string());
    match &mut item.summary {
        Some(s) => clean(s),
        None => item.summary = summary_of(&item.body),
    }
}

/// Removes characters XML 1.0 cannot carry (C0 controls other than tab, newline and
/// carriage return; U+FFFE, U+FFFF) in place.
pub fn clean(s: &mut String) {
    if s.chars().any(|c| !xml_char(c)) {
        s.retain(xml_char);
    }
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

fn html_first_paragraph(html: &str) -> Option<String> {
    let start = html.find("<p")?;
    let open_end = start + html[start..].find('>')? + 1;
    let end = open_end + html[open_end..].find("</p>")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
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
    fn summaries_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = truncate_words(long.trim(), 22);
        assert_eq!(s, "word word word word…");
    }
}
