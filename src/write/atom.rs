//! Atom 1.0, with `atom_syndication`: `published` and `updated`, the HTML as
//! `content type="html"`, the site's name as feed author (entries without a byline
//! inherit it), the same Media RSS elements as the RSS feed, and for archived feeds
//! (RFC 5005) `fh:archive` plus `current` / `prev-archive` / `next-archive` links.
//! Archive pages share the main feed's `id`: they are pages of one logical feed.

use std::collections::BTreeMap;

use atom_syndication as atom;

use super::rss::media_content;
use super::{Document, HISTORY_NS, MEDIA_NS, Writer, with_stylesheet};
use crate::error::{Error, Result};
use crate::item::Item;

/// Writes `atom.xml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AtomWriter;

impl Writer for AtomWriter {
    fn file_name(&self) -> &'static str {
        "atom.xml"
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let feed = atom_feed(doc, self.file_name());
        let mut out = br#"<?xml version="1.0" encoding="utf-8"?>"#.to_vec();
        out.push(b'\n');
        let config = atom::WriteConfig {
            write_document_declaration: false,
            indent_size: Some(2),
        };
        feed.write_with_config(&mut out, config)
            .map_err(|e| Error::Write {
                file: doc.url_of(self.file_name()),
                message: e.to_string(),
            })?;
        out.push(b'\n');
        Ok(with_stylesheet(out, doc.stylesheet.as_deref()))
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
    let entries: Vec<atom::Entry> = doc.items().map(|(item, html)| entry(item, html)).collect();
    let mut namespaces = BTreeMap::new();
    if entries.iter().any(|e| !e.extensions.is_empty()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    let paging = &doc.paging;
    let mut links = vec![
        link(doc.url_of(file_name), "self", Some("application/atom+xml")),
        link(feed.site_url.clone(), "alternate", Some("text/html")),
    ];
    for (rel, base) in [
        ("current", &paging.current),
        ("prev-archive", &paging.prev_archive),
        ("next-archive", &paging.next_archive),
    ] {
        if let Some(base) = base {
            links.push(link(
                format!("{base}{file_name}"),
                rel,
                Some("application/atom+xml"),
            ));
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

fn entry(item: &Item, html: Option<&str>) -> atom::Entry {
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
        links: item
            .url
            .iter()
            .map(|u| link(u.clone(), "alternate", Some("text/html")))
            .collect(),
        summary: item.summary.clone().map(atom::Text::plain),
        content: html.map(|h| atom::Content {
            value: Some(h.to_string()),
            content_type: Some("html".into()),
            ..Default::default()
        }),
        extensions,
        ..Default::default()
    }
}

/// The same element as the RSS crate's extension type, as atom_syndication's.
fn to_atom(e: rss::extension::Extension) -> atom::extension::Extension {
    atom::extension::Extension {
        name: e.name,
        value: e.value,
        attrs: e.attrs,
        children: e
            .children
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(to_atom).collect()))
            .collect(),
    }
}
