//! Atom 1.0, with `atom_syndication`: `published` and `updated`, the HTML as
//! `content type="html"`, the site's name as feed author (entries without a byline
//! inherit it), and the same Media RSS elements as the RSS feed.

use std::collections::BTreeMap;

use atom_syndication as atom;

use super::rss::media_content;
use super::{MEDIA_NS, Rendered, Writer};
use crate::error::{Error, Result};
use crate::item::Item;

/// Writes `atom.xml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AtomWriter;

impl Writer for AtomWriter {
    fn file_name(&self) -> &'static str {
        "atom.xml"
    }

    fn write(&self, doc: &Rendered<'_>) -> Result<Vec<u8>> {
        let feed = atom_feed(doc, self.file_name());
        let mut out = br#"<?xml version="1.0" encoding="utf-8"?>"#.to_vec();
        out.push(b'\n');
        let config = atom::WriteConfig {
            write_document_declaration: false,
            indent_size: Some(2),
        };
        feed.write_with_config(&mut out, config)
            .map_err(|e| Error::Write {
                file: self.file_name().into(),
                message: e.to_string(),
            })?;
        out.push(b'\n');
        Ok(out)
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

/// Builds the Atom feed for a rendered feed served as `file_name`.
pub fn atom_feed(doc: &Rendered<'_>, file_name: &str) -> atom::Feed {
    let feed = doc.feed;
    let entries: Vec<atom::Entry> = doc.items().map(|(item, html)| entry(item, html)).collect();
    let mut namespaces = BTreeMap::new();
    if entries.iter().any(|e| !e.extensions.is_empty()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    atom::Feed {
        title: feed.title.clone().into(),
        id: feed.url_of(file_name),
        updated: doc.updated(),
        authors: vec![atom::Person {
            name: feed.author.clone(),
            email: None,
            uri: Some(feed.site_url.clone()),
            ..Default::default()
        }],
        links: vec![
            link(feed.url_of(file_name), "self", Some("application/atom+xml")),
            link(feed.site_url.clone(), "alternate", Some("text/html")),
        ],
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
///
/// atom_syndication 0.12 writes extension attribute values verbatim (the rss crate
/// escapes them), so a photo URL with `&` would make the feed malformed: escape here.
/// `tests/suite/check.rs` pins this; if a newer atom_syndication escapes by itself,
/// that test fails on the double escape.
fn to_atom(e: rss::extension::Extension) -> atom::extension::Extension {
    atom::extension::Extension {
        name: e.name,
        value: e.value,
        attrs: e.attrs.into_iter().map(|(k, v)| (k, escape_attr(&v))).collect(),
        children: e
            .children
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(to_atom).collect()))
            .collect(),
    }
}

fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}
