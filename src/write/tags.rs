//! Tags: which tags are one tag, the folder each tag's feeds live in, and the limits
//! that keep a site's tag feeds bounded.
//!
//! - **One tag, many spellings.** Tags that differ only in case, diacritics or spacing
//!   (`Économie`, `ÉCONOMIE`, `economie`) are one tag, named by its most used spelling.
//! - **Folders** ([`folder`]) are a function of the tag alone, so a tag's URL never
//!   moves when other tags come and go. A tag made only of letters, digits, spaces and
//!   hyphens gets its plain slug (`Local News` → `local-news`). Any other tag — one
//!   whose slug would drop characters (`C++`, `C#`, `...`), a Windows device name
//!   (`CON`, `aux`, `nul`), or a slug longer than [`MAX_SLUG`] — gets its slug
//!   followed by a hash of the tag (`c-3a9f01bc`, `tag-…` when nothing is left), so
//!   `C++` and `C` never share a folder, every tag gets a feed, and every folder name
//!   is safe on Windows, macOS and Linux (ASCII letters, digits and `-`, bounded
//!   length, never a reserved name). The build warns when two tags share a slug.
//! - **Limits** ([`cap`]): an article keeps its first `max_tags` tags, and a site has at
//!   most `max_tag_feeds` tag feeds (the tags of the most items; the others are dropped
//!   from the items, so no page links to a feed that does not exist); each with a
//!   warning.

use std::collections::BTreeMap;

use super::site::Items;
use crate::item::Item;

/// Longest plain slug kept; longer ones are cut and given a hash.
pub const MAX_SLUG: usize = 60;

/// Names Windows reserves for devices, in every folder and with any extension.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The identity of a tag: diacritics folded to ASCII, lower case, runs of white space
/// as one space, trimmed. Tags with the same key are one tag.
pub fn key(tag: &str) -> String {
    deunicode::deunicode(tag)
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plain slug of a tag: lower-case ASCII letters and digits, diacritics folded
/// (`Économie` → `economie`), any other run of characters → `-`. Empty when the tag
/// has no letter or digit.
pub fn slug(tag: &str) -> String {
    let ascii = key(tag);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The folder (under `tags/`) of a tag's feeds; see the module docs.
pub fn folder(tag: &str) -> String {
    let key = key(tag);
    let slug = slug(tag);
    let plain = !slug.is_empty()
        && slug.len() <= MAX_SLUG
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && !DEVICE_NAMES.contains(&slug.as_str());
    if plain {
        return slug;
    }
    let mut base: String = slug.chars().take(MAX_SLUG).collect();
    while base.ends_with('-') {
        base.pop();
    }
    if base.is_empty() {
        base.push_str("tag");
    }
    format!("{base}-{:08x}", fnv1a(key.as_bytes()) as u32)
}

/// FNV-1a, 64 bits: a hash that never changes between Rust versions or machines (the
/// standard library's does not promise that), as folder names must not.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One tag's feed: its display name and newest items.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct TagFeed {
    /// The most used spelling (ties: the smallest).
    pub name: String,
    /// Positions of its newest items, newest first, at most `limit`.
    pub indices: Vec<usize>,
}

/// Groups the items by tag folder, keeping each tag's newest `limit` items.
pub(crate) fn group(items: &dyn Items, limit: usize) -> BTreeMap<String, TagFeed> {
    let mut spellings: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut tags: BTreeMap<String, TagFeed> = BTreeMap::new();
    for i in 0..items.len() {
        for name in items.tags(i) {
            let folder = folder(name);
            *spellings
                .entry(folder.clone())
                .or_default()
                .entry(name)
                .or_default() += 1;
            let tag = tags.entry(folder).or_default();
            if tag.indices.len() < limit && tag.indices.last() != Some(&i) {
                tag.indices.push(i);
            }
        }
    }
    for (folder, tag) in &mut tags {
        if let Some(names) = spellings.get(folder) {
            let best = names.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
            tag.name = best.map(|(n, _)| n.to_string()).unwrap_or_default();
        }
    }
    tags
}

/// Applies the tag limits to the items before a build, with a warning for each:
/// every article keeps its first `max_tags` tags, and only the `max_tag_feeds` tags
/// with the most items (ties: by folder) stay on the site. Also warns once per slug
/// shared by different tags, naming the folder each one got.
pub fn cap<T: Tagged>(items: &mut [T], max_tags: usize, max_tag_feeds: usize, warnings: &mut Vec<String>) {
    for item in items.iter_mut() {
        if item.tags().len() > max_tags {
            warnings.push(format!(
                "{}: {} tags; kept the first {max_tags} (max_tags)",
                item.source(),
                item.tags().len()
            ));
            item.tags_mut().truncate(max_tags);
        }
    }
    // Folder → (items, a spelling); slug → folders, for the collision warning.
    let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for item in items.iter() {
        let mut seen: Vec<String> = item.tags().iter().map(|t| folder(t)).collect();
        seen.sort();
        seen.dedup();
        for f in seen {
            let name = item
                .tags()
                .iter()
                .find(|t| folder(t) == f)
                .cloned()
                .unwrap_or_default();
            counts.entry(f).or_insert((0, name)).0 += 1;
        }
    }
    let mut by_slug: BTreeMap<String, Vec<(&String, &String)>> = BTreeMap::new();
    for (f, (_, name)) in &counts {
        by_slug.entry(slug(name)).or_default().push((f, name));
    }
    for (s, tags) in by_slug.iter().filter(|(s, t)| t.len() > 1 && !s.is_empty()) {
        let list: Vec<String> = tags.iter().map(|(f, n)| format!("{n:?} in tags/{f}/")).collect();
        warnings.push(format!("tags share the slug {s:?}: {}", list.join(", ")));
    }
    if counts.len() > max_tag_feeds {
        let mut ranked: Vec<(&String, usize)> = counts.iter().map(|(f, (n, _))| (f, *n)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let kept: std::collections::BTreeSet<String> = ranked
            .iter()
            .take(max_tag_feeds)
            .map(|(f, _)| (*f).clone())
            .collect();
        warnings.push(format!(
            "{} tags; only the {max_tag_feeds} with the most articles get feeds (max_tag_feeds), the others are dropped",
            counts.len()
        ));
        for item in items.iter_mut() {
            item.tags_mut().retain(|t| kept.contains(&folder(t)));
        }
    }
}

/// Something with tags that [`cap`] can trim: a whole item, or the metadata a build
/// plans with.
pub trait Tagged {
    /// The tags.
    fn tags(&self) -> &[String];
    /// The tags, to trim.
    fn tags_mut(&mut self) -> &mut Vec<String>;
    /// The input file, for warnings.
    fn source(&self) -> &str;
}

impl Tagged for Item {
    fn tags(&self) -> &[String] {
        &self.tags
    }
    fn tags_mut(&mut self) -> &mut Vec<String> {
        &mut self.tags
    }
    fn source(&self) -> &str {
        &self.source
    }
}

impl Tagged for crate::state::ItemMeta {
    fn tags(&self) -> &[String] {
        &self.tags
    }
    fn tags_mut(&mut self) -> &mut Vec<String> {
        &mut self.tags
    }
    fn source(&self) -> &str {
        &self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_case_diacritics_and_punctuation() {
        assert_eq!(slug("Économie & Finances"), "economie-finances");
        assert_eq!(slug("  São Paulo!! "), "sao-paulo");
        assert_eq!(slug("Zürich/Genève"), "zurich-geneve");
        assert_eq!(slug("COVID-19"), "covid-19");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn plain_tags_keep_their_slug_as_folder() {
        assert_eq!(folder("Local News"), "local-news");
        assert_eq!(folder("Économie"), "economie");
        assert_eq!(folder("ÉCONOMIE"), "economie");
        assert_eq!(folder("COVID-19"), "covid-19");
        assert_eq!(folder("C"), "c");
    }

    #[test]
    fn tags_that_lose_characters_get_a_hash_and_never_collide() {
        let cpp = folder("C++");
        let csharp = folder("C#");
        assert_eq!(cpp, "c-0dae8bb0");
        assert_eq!(csharp, "c-b54a8023");
        assert_eq!(folder("c++"), cpp, "case does not make another tag");
        assert_eq!(folder("..."), "tag-ec4b1219");
        assert_eq!(folder("Zürich/Genève"), "zurich-geneve-053c4247");
    }

    #[test]
    fn folders_are_safe_on_every_system() {
        assert_eq!(folder("CON"), "con-0d01642b");
        assert_eq!(folder("aux"), "aux-05623939");
        assert_eq!(folder("../../etc"), "etc-e2c00c1f");
        let long = "word ".repeat(40);
        let f = folder(&long);
        assert_eq!(f.len(), MAX_SLUG - 1 + 9, "{f}");
        assert!(f.ends_with("-ef727857"), "{f}");
        assert!(f.starts_with("word-word-"), "{f}");
        for f in [folder("CON"), folder("../../etc"), folder("..."), f] {
            assert!(
                f.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{f}"
            );
        }
    }

    fn item(source: &str, tags: &[&str]) -> Item {
        let date = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
        let mut item = Item::new(source.to_string(), source.to_string(), date);
        item.source = source.to_string();
        item.tags = tags.iter().map(|t| t.to_string()).collect();
        item
    }

    #[test]
    fn caps_tags_per_article_and_feeds_per_site_and_warns_about_shared_slugs() {
        let mut items = vec![
            item("a.txt", &["C", "C++", "Rust", "Go"]),
            item("b.txt", &["C", "Rust"]),
            item("c.txt", &["C"]),
        ];
        let mut warnings = Vec::new();
        cap(&mut items, 3, 2, &mut warnings);
        assert_eq!(
            warnings,
            [
                "a.txt: 4 tags; kept the first 3 (max_tags)",
                "tags share the slug \"c\": \"C\" in tags/c/, \"C++\" in tags/c-0dae8bb0/",
                "3 tags; only the 2 with the most articles get feeds (max_tag_feeds), the others are dropped",
            ]
        );
        let tags: Vec<&Vec<String>> = items.iter().map(|i| &i.tags).collect();
        assert_eq!(
            tags,
            [
                &vec!["C".to_string(), "Rust".into()],
                &vec!["C".into(), "Rust".into()],
                &vec!["C".into()]
            ]
        );
    }
}
