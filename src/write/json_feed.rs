//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), with serde: keys come out in the
//! order of the struct fields and empty fields are left out, so the bytes are stable.
//!
//! Photo captions and credits, which JSON Feed has no field for, go in an `_wirefeed`
//! extension object on each item (`"_wirefeed": {"photos": [{"url", "caption",
//! "credit": {"name", "organization"}}]}`); `image` is the first photo's URL.
//!
//! Archives (RFC 5005 in the XML feeds) use JSON Feed's own paging: `next_url` points
//! from the main feed to the newest archive page and from each page to the next older
//! one. Archive pages also say `"_wirefeed": {"archive": true, "current_url": …}`.

use serde::Serialize;

use super::{Document, Format, Kind, Namespaces, Scope, Seen, Streaming, Writer, between, split_at_last};
use crate::error::{Error, Result};
use crate::item::{Date, Item, Photo};

/// The JSON Feed version URL.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Writes `feed.json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonFeedWriter;

/// JSON Feed 1.1.
pub static FORMAT: Format = Format {
    file_name: "feed.json",
    media_type: "application/feed+json",
    label: "JSON Feed",
    kind: Kind::JsonFeed,
    scope: Scope::Document,
};

impl Writer for JsonFeedWriter {
    fn format(&self) -> &'static Format {
        &FORMAT
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let feed = json_feed(doc, self.file_name());
        let mut out = to_vec(&feed, doc, self.file_name())?;
        out.push(b'\n');
        Ok(out)
    }

    fn streaming(&self) -> Option<&dyn Streaming> {
        Some(self)
    }
}

fn to_vec(value: &impl Serialize, doc: &Document<'_>, file_name: &str) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(|e| Error::Write {
        file: doc.url_of(file_name),
        message: e.to_string(),
    })
}

/// The items array of a document without items, as serde_json pretty-prints it.
const EMPTY_ITEMS: &[u8] = b"\n  \"items\": []";

/// Items are serialized by serde_json in a bare object `{"items": [...]}`, where they
/// sit as deep as in a feed, and cut out of it.
impl Streaming for JsonFeedWriter {
    fn items(&self, doc: &Document<'_>) -> Result<(Vec<u8>, Namespaces)> {
        #[derive(Serialize)]
        struct Bare<'a> {
            items: Vec<JsonItem<'a>>,
        }
        let items = doc
            .items()
            .map(|(item, html)| json_item(item, html, doc.feed().link_of(item)))
            .collect();
        let batch = to_vec(&Bare { items }, doc, self.file_name())?;
        let empty = (b"{\n  \"items\": [".to_vec(), b"\n  ]\n}".to_vec());
        let file = doc.url_of(self.file_name());
        Ok((between(&batch, &empty, &file)?.to_vec(), Namespaces::new()))
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn frame(&self, doc: &Document<'_>, seen: &Seen) -> Result<(Vec<u8>, Vec<u8>)> {
        let feed = json_feed(doc, self.file_name());
        let mut whole = to_vec(&feed, doc, self.file_name())?;
        whole.push(b'\n');
        // `"items": []` becomes `"items": [` … `\n  ]` around the items.
        let (mut head, mut tail) = split_at_last(whole, EMPTY_ITEMS, &doc.url_of(self.file_name()))?;
        head.extend_from_slice(&tail[..EMPTY_ITEMS.len() - 1]);
        let rest = tail.split_off(EMPTY_ITEMS.len());
        tail = if seen.items > 0 {
            b"\n  ]".to_vec()
        } else {
            b"]".to_vec()
        };
        tail.extend_from_slice(&rest);
        Ok((head, tail))
    }
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<JsonHub<'a>>,
    items: Vec<JsonItem<'a>>,
    #[serde(rename = "_wirefeed", skip_serializing_if = "Option::is_none")]
    extension: Option<FeedExtension>,
}

#[derive(Serialize)]
struct FeedExtension {
    archive: bool,
    current_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_archive_url: Option<String>,
}

/// A hub for real-time notification (`{"type": "WebSub", "url": …}`).
#[derive(Serialize)]
struct JsonHub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(rename = "_wirefeed", skip_serializing_if = "Option::is_none")]
    extension: Option<ItemExtension<'a>>,
}

#[derive(Serialize)]
struct ItemExtension<'a> {
    photos: Vec<JsonPhoto<'a>>,
}

#[derive(Serialize)]
struct JsonPhoto<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    caption: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<JsonCredit<'a>>,
}

#[derive(Serialize)]
struct JsonCredit<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<&'a str>,
}

fn json_feed<'a>(doc: &'a Document<'a>, file_name: &str) -> JsonFeed<'a> {
    let feed = doc.feed();
    let paging = &doc.paging;
    let extension = paging.archive.then(|| FeedExtension {
        archive: true,
        current_url: paging
            .current
            .as_ref()
            .map_or_else(|| feed.url_of(file_name), |c| format!("{c}{file_name}")),
        next_archive_url: paging.next_archive.as_ref().map(|n| format!("{n}{file_name}")),
    });
    JsonFeed {
        version: VERSION,
        title: &doc.title,
        home_page_url: &feed.site_url,
        feed_url: doc.url_of(file_name),
        description: &feed.description,
        next_url: paging.prev_archive.as_ref().map(|p| format!("{p}{file_name}")),
        authors: vec![JsonAuthor {
            name: &feed.author,
            url: Some(&feed.site_url),
        }],
        language: feed.language.as_deref(),
        hubs: doc.hubs().map(|url| JsonHub { kind: "WebSub", url }).collect(),
        items: doc
            .items()
            .map(|(item, html)| json_item(item, html, doc.feed().link_of(item)))
            .collect(),
        extension,
    }
}

fn json_item<'a>(item: &'a Item, html: Option<&'a str>, link: String) -> JsonItem<'a> {
    let summary = item.summary.as_deref();
    // JSON Feed requires content_html or content_text: summary-only feeds give the
    // summary as text.
    let content_text = html.is_none().then(|| summary.unwrap_or(""));
    let photos: Vec<JsonPhoto<'a>> = item.photos.iter().map(json_photo).collect();
    JsonItem {
        id: &item.id,
        url: Some(link),
        title: &item.title,
        content_html: html,
        content_text,
        summary,
        image: item.photos.iter().find_map(|p| p.url.as_deref()),
        date_published: rfc3339(item.published),
        date_modified: item.updated.map(rfc3339),
        authors: item
            .authors
            .iter()
            .map(|a| JsonAuthor {
                name: &a.name,
                url: a.url.as_deref(),
            })
            .collect(),
        tags: &item.tags,
        extension: (!photos.is_empty()).then_some(ItemExtension { photos }),
    }
}

fn json_photo(photo: &Photo) -> JsonPhoto<'_> {
    let credit = &photo.credit;
    JsonPhoto {
        url: photo.url.as_deref(),
        caption: &photo.caption,
        credit: (!credit.is_empty()).then_some(JsonCredit {
            name: credit.name.as_deref(),
            organization: credit.organization.as_deref(),
        }),
    }
}

fn rfc3339(date: Date) -> String {
    date.to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Templates;
    use crate::write::Rendered;
    use crate::write::tests::sample_feed;

    fn write(full: bool) -> String {
        let feed = sample_feed();
        let templates = Templates::load(None).unwrap();
        let rendered = Rendered::new(&feed, &templates, full).unwrap();
        String::from_utf8(JsonFeedWriter.write(&rendered.document()).unwrap()).unwrap()
    }

    #[test]
    fn writes_the_golden_feed() {
        let got = write(true);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/writers/feed.json");
        crate::write::site::tests::assert_golden(path, &got);
    }

    #[test]
    fn feed_rs_reads_back_every_field() {
        let got = write(true);
        let parsed = feed_rs::parser::parse(got.as_bytes()).unwrap();
        assert_eq!(parsed.title.unwrap().content, "Harbor Gazette");
        assert_eq!(parsed.entries.len(), 3);
        let e = &parsed.entries[0];
        assert_eq!(e.id, "https://gazette.example/2024/ferry");
        assert_eq!(
            e.title.as_ref().unwrap().content,
            "Ferry “Nordlys” returns & docks"
        );
        assert_eq!(e.published.unwrap().to_rfc3339(), "2024-05-02T12:15:00+00:00");
        assert_eq!(e.updated.unwrap().to_rfc3339(), "2024-05-02T16:00:00+00:00");
        assert_eq!(e.authors[0].name, Some("Ana Øberg".to_string()));
        let cats: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(cats, ["Transport", "Économie"]);
        let body = e.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(body.starts_with("<figure><img src=\"https://img.gazette.example/ferry.jpg\""));
        assert!(body.contains("<figcaption>The ferry at Pier 4 on May 1. <small class=\"credit\">Photo: Lee Park / Reuters</small></figcaption>"));
        assert_eq!(e.summary.as_ref().unwrap().content, "The ferry is back.");
    }

    #[test]
    fn summary_only_feeds_give_the_summary_as_content_text() {
        let got = write(false);
        let value: serde_json::Value = serde_json::from_str(&got).unwrap();
        let item = &value["items"][1];
        assert_eq!(item["content_text"], "A vote.");
        assert!(item.get("content_html").is_none());
        assert_eq!(value["items"][2]["content_text"], "");
    }
}
