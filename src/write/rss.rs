//! RSS 2.0, with the `rss` crate: `dc:creator` per author, `content:encoded` for the
//! HTML, Media RSS for photos with an image URL (after the content: feedparser would
//! otherwise take a caption for the article's text), `atom:link rel="self"`, and for
//! archived feeds (RFC 5005) `fh:archive` plus `current` / `prev-archive` /
//! `next-archive` atom links.

use std::collections::BTreeMap;

use rss::extension::{Extension, ExtensionMap};

use super::{
    Document, Format, HISTORY_NS, Kind, MEDIA_NS, Namespaces, Scope, Seen, Streaming, Writer, between,
    image_mime, split_at_last, with_stylesheet,
};
use crate::error::{Error, Result};
use crate::item::{Date, Item, Photo};

/// Writes `rss.xml`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RssWriter;

/// RSS 2.0.
pub static FORMAT: Format = Format {
    file_name: "rss.xml",
    media_type: "application/rss+xml",
    label: "RSS",
    kind: Kind::XmlFeed,
    scope: Scope::Document,
};

impl Writer for RssWriter {
    fn format(&self) -> &'static Format {
        &FORMAT
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let channel = channel(doc, self.file_name());
        let out = serialize(&channel, &doc.url_of(self.file_name()))?;
        Ok(with_stylesheet(out, doc.stylesheet.as_deref()))
    }

    fn streaming(&self) -> Option<&dyn Streaming> {
        Some(self)
    }
}

/// Builds the channel for a feed document served as `file_name`.
pub fn channel(doc: &Document<'_>, file_name: &str) -> rss::Channel {
    let items = rss_items(doc);
    let namespaces = media_namespace(&items);
    let mut channel = frame_channel(doc, file_name, doc.updated(), namespaces);
    channel.set_items(items);
    channel
}

/// The document's items as the rss crate's.
fn rss_items(doc: &Document<'_>) -> Vec<rss::Item> {
    doc.items()
        .map(|(item, html)| rss_item(item, html, doc.feed().link_of(item)))
        .collect()
}

/// The Media RSS namespace, when some of `items` use it.
fn media_namespace(items: &[rss::Item]) -> Namespaces {
    let mut namespaces = Namespaces::new();
    if items.iter().any(|i| !i.extensions.is_empty()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    namespaces
}

/// The channel of `doc` without items, dated `updated`, declaring `namespaces`.
fn frame_channel(
    doc: &Document<'_>,
    file_name: &str,
    updated: Date,
    mut namespaces: Namespaces,
) -> rss::Channel {
    let feed = doc.feed();
    let updated = rfc822(updated);
    let atom_link = |href: String, rel: &str| rss::extension::atom::Link {
        href,
        rel: rel.into(),
        mime_type: Some(FORMAT.media_type.into()),
        ..Default::default()
    };
    let paging = &doc.paging;
    let mut links = vec![atom_link(doc.url_of(file_name), "self")];
    links.extend(doc.hubs().map(|hub| rss::extension::atom::Link {
        href: hub.clone(),
        rel: "hub".into(),
        ..Default::default()
    }));
    for (rel, base) in [
        ("current", &paging.current),
        ("prev-archive", &paging.prev_archive),
        ("next-archive", &paging.next_archive),
    ] {
        if let Some(base) = base {
            links.push(atom_link(format!("{base}{file_name}"), rel));
        }
    }
    let mut extensions = ExtensionMap::new();
    if paging.archive {
        namespaces.insert("fh".to_string(), HISTORY_NS.to_string());
        let archive = Extension {
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
    rss::ChannelBuilder::default()
        .title(doc.title.clone())
        .link(feed.site_url.clone())
        .description(feed.description.clone())
        .language(feed.language.clone())
        .generator(Some(format!("wirefeed {}", env!("CARGO_PKG_VERSION"))))
        .docs(Some("https://www.rssboard.org/rss-specification".to_string()))
        .last_build_date(Some(updated.clone()))
        .pub_date(Some(updated))
        .atom_ext(Some(rss::extension::atom::AtomExtension { links }))
        .extensions(extensions)
        .namespaces(namespaces)
        .build()
}

/// Serializes a channel as the RSS writer does, without the stylesheet.
fn serialize(channel: &rss::Channel, file: &str) -> Result<Vec<u8>> {
    let mut out = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .map_err(|e| Error::Write {
            file: file.to_string(),
            message: e.to_string(),
        })?;
    out.push(b'\n');
    Ok(out)
}

/// Where a channel's items go: before its end tag (items are its last elements).
const ITEMS_END: &[u8] = b"\n  </channel>";

/// The namespaces the rss crate declares for the items that use them (`content:encoded`
/// and `dc:creator`); a streamed channel declares them itself.
fn item_namespaces(items: &[rss::Item]) -> Namespaces {
    let mut namespaces = media_namespace(items);
    if items.iter().any(|i| i.content.is_some()) {
        namespaces.insert("content".into(), CONTENT_NS.into());
    }
    if items.iter().any(|i| i.dublin_core_ext.is_some()) {
        namespaces.insert("dc".into(), rss::extension::dublincore::NAMESPACE.into());
    }
    namespaces
}

/// The `content:encoded` namespace.
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";

/// A bare channel whose start tag declares every namespace items may use, so that its
/// head is the same whatever its items.
fn bare_channel(items: Vec<rss::Item>) -> rss::Channel {
    let mut namespaces = Namespaces::from([
        ("media".to_string(), MEDIA_NS.to_string()),
        ("content".to_string(), CONTENT_NS.to_string()),
        (
            "dc".to_string(),
            rss::extension::dublincore::NAMESPACE.to_string(),
        ),
    ]);
    namespaces.insert("atom".into(), rss::extension::atom::NAMESPACE.into());
    let mut channel = rss::Channel {
        namespaces,
        ..Default::default()
    };
    channel.set_items(items);
    channel
}

/// Each item is serialized by the rss crate inside a bare channel, and cut out of it.
impl Streaming for RssWriter {
    fn items(&self, doc: &Document<'_>) -> Result<(Vec<u8>, Namespaces)> {
        let file = doc.url_of(self.file_name());
        let items = rss_items(doc);
        let namespaces = item_namespaces(&items);
        let empty = split_at_last(serialize(&bare_channel(Vec::new()), &file)?, ITEMS_END, &file)?;
        let batch = serialize(&bare_channel(items), &file)?;
        Ok((between(&batch, &empty, &file)?.to_vec(), namespaces))
    }

    fn frame(&self, doc: &Document<'_>, seen: &Seen) -> Result<(Vec<u8>, Vec<u8>)> {
        let file = doc.url_of(self.file_name());
        let channel = frame_channel(doc, self.file_name(), seen.updated(), seen.namespaces.clone());
        let whole = with_stylesheet(serialize(&channel, &file)?, doc.stylesheet.as_deref());
        split_at_last(whole, ITEMS_END, &file)
    }
}

fn rss_item(item: &Item, html: Option<&str>, link: String) -> rss::Item {
    let is_permalink = item.url.as_deref() == Some(item.id.as_str());
    let guid = rss::Guid {
        value: item.id.clone(),
        permalink: is_permalink,
    };
    let categories: Vec<rss::Category> = item
        .tags
        .iter()
        .map(|t| rss::Category {
            name: t.clone(),
            domain: None,
        })
        .collect();
    let dc = (!item.authors.is_empty()).then(|| rss::extension::dublincore::DublinCoreExtension {
        creators: item.authors.iter().map(|a| a.name.clone()).collect(),
        ..Default::default()
    });
    let media: Vec<Extension> = item.photos.iter().filter_map(media_content).collect();
    let mut extensions = ExtensionMap::new();
    if !media.is_empty() {
        extensions.insert("media".into(), BTreeMap::from([("content".to_string(), media)]));
    }
    rss::ItemBuilder::default()
        .title(Some(item.title.clone()))
        .link(Some(link))
        // RSS descriptions are HTML: the plain-text summary is escaped, so `AT&T` or
        // `x < y` stay text for readers (and the W3C validator).
        .description(item.summary.as_deref().map(crate::template::escape_html))
        .categories(categories)
        .guid(Some(guid))
        .pub_date(Some(rfc822(item.published)))
        .content(html.map(str::to_string))
        .dublin_core_ext(dc)
        .extensions(extensions)
        .build()
}

/// `<media:content url medium="image" [type]>` holding `media:description` (the
/// caption, plain text) and `media:credit role="photographer" scheme="urn:ebu"`.
/// Shared with the Atom writer: the elements are the same in both formats.
pub(crate) fn media_content(photo: &Photo) -> Option<Extension> {
    let url = photo.url.as_ref()?;
    let mut attrs = BTreeMap::from([
        ("url".to_string(), url.clone()),
        ("medium".to_string(), "image".to_string()),
    ]);
    if let Some(mime) = image_mime(url) {
        attrs.insert("type".into(), mime.into());
    }
    let mut children = BTreeMap::new();
    if !photo.caption.is_empty() {
        children.insert(
            "media:description".to_string(),
            vec![element("media:description", &photo.caption, &[("type", "plain")])],
        );
    }
    if let Some(credit) = photo.credit.display() {
        children.insert(
            "media:credit".to_string(),
            vec![element(
                "media:credit",
                &credit,
                &[("role", "photographer"), ("scheme", "urn:ebu")],
            )],
        );
    }
    Some(Extension {
        name: "media:content".into(),
        value: None,
        attrs,
        children,
    })
}

fn element(name: &str, value: &str, attrs: &[(&str, &str)]) -> Extension {
    Extension {
        name: name.into(),
        value: Some(value.into()),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        children: BTreeMap::new(),
    }
}

/// An RFC 822 date with a two-digit day (`Sun, 06 Oct 2019 14:15:00 -0500`): RFC 822
/// allows one digit, but some parsers (feedparser's strict checks among them) want two.
pub fn rfc822(date: crate::item::Date) -> String {
    date.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_escaped_html_of_the_plain_summary() {
        let date = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap();
        let mut item = Item::new("id", "T", date);
        item.summary = Some("AT&T says x < y".into());
        let rss = rss_item(&item, None, "https://a.example/".into());
        assert_eq!(rss.description.as_deref(), Some("AT&amp;T says x &lt; y"));
    }

    #[test]
    fn rfc822_dates_have_two_digit_days() {
        let d = chrono::DateTime::parse_from_rfc3339("2019-10-06T14:15:00-05:00").unwrap();
        assert_eq!(rfc822(d), "Sun, 06 Oct 2019 14:15:00 -0500");
    }
    use crate::write::site::tests::assert_golden;
    use crate::write::tests::write_sample;

    fn write(full: bool) -> String {
        write_sample(&RssWriter, full)
    }

    #[test]
    fn writes_the_golden_feed() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/writers/rss.xml");
        assert_golden(path, &write(true));
    }

    #[test]
    fn feed_rs_reads_back_every_field() {
        let parsed = feed_rs::parser::parse(write(true).as_bytes()).unwrap();
        assert_eq!(parsed.title.unwrap().content, "Harbor Gazette");
        assert_eq!(parsed.updated.unwrap().to_rfc3339(), "2024-05-02T16:00:00+00:00");
        let e = &parsed.entries[0];
        assert_eq!(e.id, "https://gazette.example/2024/ferry");
        assert_eq!(
            e.title.as_ref().unwrap().content,
            "Ferry “Nordlys” returns & docks"
        );
        assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-02T12:15:00+00:00");
        assert_eq!(e.authors[0].name.as_deref(), Some("Ana Øberg"));
        let cats: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(cats, ["Transport", "Économie"]);
        let body = e.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(body.contains(
            "<figcaption>The ferry at Pier 4 on May 1. <small class=\"credit\">Photo: Lee Park / Reuters</small></figcaption>"
        ));
        assert_eq!(e.summary.as_ref().unwrap().content, "The ferry is back.");
        let media = &e.media[0];
        assert_eq!(
            media.content[0].url.as_ref().unwrap().as_str(),
            "https://img.gazette.example/ferry.jpg"
        );
        assert_eq!(
            media.description.as_ref().unwrap().content,
            "The ferry at Pier 4 on May 1."
        );
        assert_eq!(media.credits[0].entity, "Lee Park / Reuters");
        // The photo without a URL is only in the HTML.
        let council = &parsed.entries[1];
        assert!(council.media.is_empty());
        let body = council.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(body.contains("Council chamber <small class=\"credit\">Photo: City Hall</small>"));
    }

    #[test]
    fn summary_only_feeds_have_no_content_encoded() {
        let xml = write(false);
        assert!(!xml.contains("content:encoded"));
        assert!(xml.contains("<description><![CDATA[The ferry is back.]]></description>"));
    }
}
