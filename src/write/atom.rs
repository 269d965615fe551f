//! Atom 1.0, with `atom_syndication`: `published` and `updated`, the HTML as
//! `content type="html"`, the site's name as feed author (entries without a byline
//! inherit it), the same Media RSS elements as the RSS feed, and for archived feeds
//! (RFC 5005) `fh:archive` plus `current` / `prev-archive` / `next-archive` links.
//! Archive pages share the main feed's `id`: they are pages of one logical feed.

use std::collections::BTreeMap;

use atom_syndication as atom;

use super::rss::media_content;
use super::{
    Document, Format, HISTORY_NS, Kind, MEDIA_NS, Namespaces, Scope, Seen, Streaming, Writer, between,
    split_at_last, with_stylesheet,
};
use crate::error::{Error, Result};
use crate::item::Item;

/// Writes `atom.xml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AtomWriter;

/// Atom 1.0.
pub static FORMAT: Format = Format {
    file_name: "atom.xml",
    media_type: "application/atom+xml",
    label: "Atom",
    kind: Kind::XmlFeed,
    scope: Scope::Document,
};

impl Writer for AtomWriter {
    fn format(&self) -> &'static Format {
        &FORMAT
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let feed = atom_feed(doc, self.file_name());
        let out = serialize(&feed, &doc.url_of(self.file_name()))?;
        Ok(with_stylesheet(out, doc.stylesheet.as_deref()))
    }

    fn streaming(&self) -> Option<&dyn Streaming> {
        Some(self)
    }
}

/// Serializes a feed as the Atom writer does, without the stylesheet.
fn serialize(feed: &atom::Feed, file: &str) -> Result<Vec<u8>> {
    let mut out = br#"<?xml version="1.0" encoding="utf-8"?>"#.to_vec();
    out.push(b'\n');
    let config = atom::WriteConfig {
        write_document_declaration: false,
        indent_size: Some(2),
    };
    feed.write_with_config(&mut out, config)
        .map_err(|e| Error::Write {
            file: file.to_string(),
            message: e.to_string(),
        })?;
    out.push(b'\n');
    Ok(out)
}

/// Where a feed's entries go when it has no extension elements (which atom_syndication
/// writes after the entries): before its end tag.
const ENTRIES_END: &[u8] = b"\n</feed>";

/// Each entry is serialized by atom_syndication inside a bare feed, and cut out of it.
/// Only documents without extension elements (not archive pages) stream.
impl Streaming for AtomWriter {
    fn items(&self, doc: &Document<'_>) -> Result<(Vec<u8>, Namespaces)> {
        let file = doc.url_of(self.file_name());
        let entries = entries(doc);
        let namespaces = media_namespace(&entries);
        let bare = |entries| atom::Feed {
            namespaces: Namespaces::from([("media".to_string(), MEDIA_NS.to_string())]),
            entries,
            ..Default::default()
        };
        let empty = split_at_last(serialize(&bare(Vec::new()), &file)?, ENTRIES_END, &file)?;
        let batch = serialize(&bare(entries), &file)?;
        Ok((between(&batch, &empty, &file)?.to_vec(), namespaces))
    }

    fn frame(&self, doc: &Document<'_>, seen: &Seen) -> Result<(Vec<u8>, Vec<u8>)> {
        let file = doc.url_of(self.file_name());
        if doc.paging.archive {
            return Err(Error::Write {
                file,
                message: "an archive page cannot be streamed".into(),
            });
        }
        let mut feed = atom_feed(doc, self.file_name());
        feed.updated = seen.updated();
        feed.namespaces = seen.namespaces.clone();
        let whole = with_stylesheet(serialize(&feed, &file)?, doc.stylesheet.as_deref());
        split_at_last(whole, ENTRIES_END, &file)
    }
}

fn link(href: String, rel: &str, mime: Option<&str>) -> atom::Link {
    atom::Link {
        href,
        rel: rel.into(),
        mime_type: mime.map(str::to_string),
        ..Default::default()
    }
}

/// Builds the Atom feed for a feed document served as `file_name`.
pub fn atom_feed(doc: &Document<'_>, file_name: &str) -> atom::Feed {
    let feed = doc.feed();
    let entries = entries(doc);
    let mut namespaces = media_namespace(&entries);
    let paging = &doc.paging;
    let mut links = vec![
        link(doc.url_of(file_name), "self", Some(FORMAT.media_type)),
        link(feed.site_url.clone(), "alternate", Some("text/html")),
    ];
    links.extend(doc.hubs().map(|hub| link(hub.clone(), "hub", None)));
    for (rel, base) in [
        ("current", &paging.current),
        ("prev-archive", &paging.prev_archive),
        ("next-archive", &paging.next_archive),
    ] {
        if let Some(base) = base {
            links.push(link(format!("{base}{file_name}"), rel, Some(FORMAT.media_type)));
        }
    }
    let mut extensions = atom::extension::ExtensionMap::new();
    if paging.archive {
        namespaces.insert("fh".to_string(), HISTORY_NS.to_string());
        let archive = atom::extension::Extension {
            name: "fh:archive".into(),
            // An empty text keeps the pretty-printer from putting a line break inside.
            value: Some(String::new()),
            ..Default::default()
        };
        extensions.insert(
            "fh".into(),
            BTreeMap::from([("archive".to_string(), vec![archive])]),
        );
    }
    let id = match &paging.current {
        Some(current) => format!("{current}{file_name}"),
        None => doc.url_of(file_name),
    };
    atom::Feed {
        title: doc.title.clone().into(),
        id,
        updated: doc.updated(),
        authors: vec![atom::Person {
            name: feed.author.clone(),
            email: None,
            uri: Some(feed.site_url.clone()),
            ..Default::default()
        }],
        links,
        extensions,
        subtitle: Some(feed.description.clone().into()),
        generator: Some(atom::Generator {
            value: "wirefeed".into(),
            uri: None,
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        lang: feed.language.clone(),
        namespaces,
        entries,
        ..Default::default()
    }
}

/// The document's items as atom_syndication's entries.
fn entries(doc: &Document<'_>) -> Vec<atom::Entry> {
    doc.items()
        .map(|(item, html)| entry(item, html, doc.feed().link_of(item)))
        .collect()
}

/// The Media RSS namespace, when some of `entries` use it.
fn media_namespace(entries: &[atom::Entry]) -> Namespaces {
    let mut namespaces = Namespaces::new();
    if entries.iter().any(|e| !e.extensions.is_empty()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    namespaces
}

fn entry(item: &Item, html: Option<&str>, link_href: String) -> atom::Entry {
    let mut extensions = atom::extension::ExtensionMap::new();
    let media: Vec<_> = item
        .photos
        .iter()
        .filter_map(media_content)
        .map(to_atom)
        .collect();
    if !media.is_empty() {
        extensions.insert("media".into(), BTreeMap::from([("content".to_string(), media)]));
    }
    atom::Entry {
        title: item.title.clone().into(),
        id: item.id.clone(),
        updated: item.last_modified(),
        published: Some(item.published),
        authors: item
            .authors
            .iter()
            .map(|a| atom::Person {
                name: a.name.clone(),
                email: a.email.clone(),
                uri: a.url.clone(),
                ..Default::default()
            })
            .collect(),
        categories: item
            .tags
            .iter()
            .map(|t| atom::Category {
                term: t.clone(),
                ..Default::default()
            })
            .collect(),
        links: vec![link(link_href, "alternate", Some("text/html"))],
        summary: item.summary.clone().map(atom::Text::plain),
        content: content(item, html),
        extensions,
        ..Default::default()
    }
}

/// The HTML as `content type="html"`. An entry with no HTML (summary-only feeds, empty
/// articles) and no link must still have a `content` (RFC 4287, 4.1.1): the summary,
/// as text.
fn content(item: &Item, html: Option<&str>) -> Option<atom::Content> {
    let (value, content_type) = match html {
        Some(h) => (h.to_string(), "html"),
        None if item.url.is_none() => (item.summary.clone().unwrap_or_default(), "text"),
        None => return None,
    };
    Some(atom::Content {
        value: Some(value),
        content_type: Some(content_type.into()),
        ..Default::default()
    })
}

/// The same element as the RSS crate's extension type, as atom_syndication's.
///
/// atom_syndication 0.12 writes extension attribute values verbatim (the rss crate
/// escapes them), so a photo URL with `&` would make the feed malformed: escape here.
/// `tests/suite/check.rs` pins this; if a newer atom_syndication escapes by itself,
/// that test fails on the double escape.
fn to_atom(e: rss::extension::Extension) -> atom::extension::Extension {
    atom::extension::Extension {
        name: e.name,
        value: e.value,
        attrs: e
            .attrs
            .into_iter()
            .map(|(k, v)| (k, crate::template::escape_html(&v)))
            .collect(),
        children: e
            .children
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(to_atom).collect()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::site::tests::assert_golden;
    use crate::write::tests::write_sample;

    fn write(full: bool) -> String {
        write_sample(&AtomWriter, full)
    }

    #[test]
    fn writes_the_golden_feed() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/writers/atom.xml");
        assert_golden(path, &write(true));
    }

    #[test]
    fn feed_rs_reads_back_every_field() {
        let parsed = feed_rs::parser::parse(write(true).as_bytes()).unwrap();
        assert_eq!(parsed.id, "https://gazette.example/feeds/atom.xml");
        assert_eq!(parsed.updated.unwrap().to_rfc3339(), "2024-05-02T16:00:00+00:00");
        assert_eq!(parsed.authors[0].name.as_deref(), Some("Harbor Gazette"));
        let hub = parsed
            .links
            .iter()
            .find(|l| l.rel.as_deref() == Some("hub"))
            .unwrap();
        assert_eq!(hub.href, "https://hub.example/");
        let e = &parsed.entries[0];
        assert_eq!(
            e.title.as_ref().unwrap().content,
            "Ferry “Nordlys” returns & docks"
        );
        assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-02T12:15:00+00:00");
        assert_eq!(e.updated.unwrap().to_rfc3339(), "2024-05-02T16:00:00+00:00");
        assert_eq!(e.authors[0].name.as_deref(), Some("Ana Øberg"));
        assert_eq!(e.links[0].href, "https://gazette.example/2024/ferry");
        let cats: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(cats, ["Transport", "Économie"]);
        let body = e.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(body.contains(
            "<figcaption>The ferry at Pier 4 on May 1. <small class=\"credit\">Photo: Lee Park / Reuters</small></figcaption>"
        ));
        let media = &e.media[0];
        assert_eq!(
            media.description.as_ref().unwrap().content,
            "The ferry at Pier 4 on May 1."
        );
        assert_eq!(media.credits[0].entity, "Lee Park / Reuters");
        assert_eq!(parsed.entries[1].id, "tag:gazette.example,2000:council");
    }

    #[test]
    fn summary_only_feeds_have_content_only_where_atom_requires_it() {
        let xml = write(false);
        // The ferry has a link: summary only. The council vote has none: its summary
        // is also its content.
        assert!(xml.contains("<summary>The ferry is back.</summary>\n    <media:content"));
        assert!(xml.contains("<summary>A vote.</summary>\n    <content type=\"text\">A vote.</content>"));
        assert!(!xml.contains("type=\"html\""));
    }
}
