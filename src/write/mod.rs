//! Feed writers: one per output format, each turning a [`Document`] into bytes.
//! Writers never touch the file system; `publish` writes what they return.
//! Adding an output format means one new file here and one line in [`WRITERS`].
//!
//! Every item's HTML is rendered once, into [`Rendered`]; a [`Document`] (the main
//! feed, an archive page, a tag feed) is a title, a self URL and a list of *indices*
//! into it, so a site of 100,000 articles never copies an article per tag or page.
//! [`site`] decides which documents a build writes.

use crate::error::Result;
use crate::item::{Date, Feed, Item};
use crate::template::Templates;

pub mod atom;
pub mod budget;
pub mod html;
pub mod json_feed;
pub mod rss;
pub mod site;
pub mod tags;

/// The Media RSS namespace, used by the RSS and Atom writers.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// The RFC 5005 feed-history namespace (`fh:archive`).
pub const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// One output format.
pub trait Writer: Sync {
    /// The file this writer produces, e.g. `rss.xml`.
    fn file_name(&self) -> &'static str;
    /// Serializes one feed document.
    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>>;
}

/// Every writer of feed documents (main, archive and tag feeds).
pub static WRITERS: &[&dyn Writer] = &[&rss::RssWriter, &atom::AtomWriter, &json_feed::JsonFeedWriter];

/// A feed with the HTML of each item rendered once, shared by every document.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rendered<'a> {
    /// The feed: site metadata and every item, newest first.
    pub feed: &'a Feed,
    /// `feed.items[i]`'s HTML content, or `None` for summary-only feeds.
    pub contents: Vec<Option<String>>,
}

impl<'a> Rendered<'a> {
    /// Renders every item's HTML through the `item.html` template, in parallel. An
    /// item with neither text nor photos gets no content element at all, not an empty
    /// one.
    pub fn new(feed: &'a Feed, templates: &Templates, full_content: bool) -> Result<Self> {
        Self::selected(feed, templates, full_content, |_| true)
    }

    /// Renders only the items `needed(i)` says a document will show; the others get no
    /// HTML (they must not be written).
    pub(crate) fn selected(
        feed: &'a Feed,
        templates: &Templates,
        full_content: bool,
        needed: impl Fn(usize) -> bool + Sync,
    ) -> Result<Self> {
        use rayon::prelude::*;
        let contents = feed
            .items
            .par_iter()
            .enumerate()
            .map(|(i, item)| {
                if !(full_content && needed(i)) {
                    return Ok(None);
                }
                let html = templates.item_html(item)?;
                Ok((!html.is_empty()).then_some(html))
            })
            .collect::<Result<_>>()?;
        Ok(Rendered { feed, contents })
    }

    /// The whole feed as one document at the feed's own URL, without archives.
    pub fn document(&self) -> Document<'_> {
        Document::new(
            self,
            self.feed.title.clone(),
            self.feed.feed_base_url.clone(),
            (0..self.feed.items.len()).collect(),
        )
    }
}

/// RFC 5005 links of a document, each the folder URL of another document (writers
/// append their own file name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Paging {
    /// True for an archive document (`fh:archive`).
    pub archive: bool,
    /// The main feed's folder, on archive documents (`rel="current"`).
    pub current: Option<String>,
    /// The next older archive page (`rel="prev-archive"`; JSON Feed `next_url`).
    pub prev_archive: Option<String>,
    /// The next newer archive page (`rel="next-archive"`).
    pub next_archive: Option<String>,
}

/// One feed document: some of the rendered items under a title and a self URL.
#[derive(Debug)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The shared items and their HTML.
    pub rendered: &'a Rendered<'a>,
    /// The document's title (the site's, or `Site — Tag`).
    pub title: String,
    /// The absolute folder URL this document is served from, ending in `/`.
    pub base_url: String,
    /// Indices into `rendered.feed.items`, newest first.
    pub indices: Vec<usize>,
    /// Archive links.
    pub paging: Paging,
    /// `href` of the CSS stylesheet for browsers, relative to the document.
    pub stylesheet: Option<String>,
}

impl<'a> Document<'a> {
    /// A document over `indices` of the rendered feed, without paging or stylesheet.
    pub fn new(rendered: &'a Rendered<'a>, title: String, base_url: String, indices: Vec<usize>) -> Self {
        Document {
            rendered,
            title,
            base_url,
            indices,
            paging: Paging::default(),
            stylesheet: None,
        }
    }

    /// The site metadata (description, author, language, home page).
    pub fn feed(&self) -> &'a Feed {
        self.rendered.feed
    }

    /// The absolute URL of this document's `file_name`, e.g. `…/tags/sport/rss.xml`.
    pub fn url_of(&self, file_name: &str) -> String {
        format!("{}{}", self.base_url, file_name)
    }

    /// The document's items with their HTML, newest first.
    pub fn items(&self) -> impl Iterator<Item = (&'a Item, Option<&'a str>)> + '_ {
        let rendered = self.rendered;
        self.indices.iter().filter_map(move |&i| {
            let item = rendered.feed.items.get(i)?;
            Some((item, rendered.contents.get(i).and_then(Option::as_deref)))
        })
    }

    /// The WebSub hubs this document announces: the site's, on live documents (main
    /// and tag feeds); archive pages never change, so nobody subscribes to them.
    pub fn hubs(&self) -> impl Iterator<Item = &'a String> + use<'a> {
        let hubs: &'a [String] = if self.paging.archive {
            &[]
        } else {
            &self.rendered.feed.hubs
        };
        hubs.iter()
    }

    /// The document-level date: the newest date among its own items, or the Unix epoch
    /// for an empty document (never the clock, so unchanged input gives unchanged bytes).
    pub fn updated(&self) -> Date {
        self.items()
            .map(|(item, _)| item.last_modified())
            .max()
            .unwrap_or_default()
    }
}

/// Inserts `<?xml-stylesheet type="text/css"?>` right after the XML declaration of a
/// serialized document (or at the start when there is none). Browsers style the feed
/// with it when they open it. It is CSS, not XSLT: browsers are removing XSLT
/// (Chromium already shows a warning over XSLT pages), and an XSLT instruction would
/// take precedence over the CSS one.
pub(crate) fn with_stylesheet(xml: Vec<u8>, href: Option<&str>) -> Vec<u8> {
    let Some(href) = href else { return xml };
    let pi = format!(
        "\n<?xml-stylesheet type=\"text/css\" href=\"{}\"?>",
        crate::template::escape_html(href)
    );
    let at = if xml.starts_with(b"<?xml") {
        xml.windows(2).position(|w| w == b"?>").map_or(0, |p| p + 2)
    } else {
        0
    };
    let mut out = Vec::with_capacity(xml.len() + pi.len());
    out.extend_from_slice(&xml[..at]);
    if at == 0 {
        out.extend_from_slice(pi.trim_start().as_bytes());
        out.push(b'\n');
    } else {
        out.extend_from_slice(pi.as_bytes());
    }
    out.extend_from_slice(&xml[at..]);
    out
}

/// The MIME type of an image URL, from its extension, when it is a known one.
pub fn image_mime(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    //! A small feed shared by the writers' tests.

    use super::*;
    use crate::item::{Author, Body, Credit, Photo};

    /// [`sample_feed`] written by `writer` (full content or summaries), with the
    /// stylesheet reference the build adds.
    pub(crate) fn write_sample(writer: &dyn Writer, full: bool) -> String {
        let feed = sample_feed();
        let templates = crate::template::Templates::load(None).unwrap();
        let rendered = Rendered::new(&feed, &templates, full).unwrap();
        let mut doc = rendered.document();
        doc.stylesheet = Some("feed.css".into());
        String::from_utf8(writer.write(&doc).unwrap()).unwrap()
    }

    /// Three items: one with a photo (URL, caption, credit), byline, tags and an
    /// update; one with HTML body and a credit-only photo without URL; one bare.
    pub(crate) fn sample_feed() -> Feed {
        let date = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let mut feed = Feed::new("Harbor Gazette", "https://gazette.example/");
        feed.feed_base_url = "https://gazette.example/feeds/".into();
        feed.description = "News from the harbor".into();
        feed.language = Some("en-us".into());
        feed.hubs = vec!["https://hub.example/".into()];

        let mut a = Item::new(
            "https://gazette.example/2024/ferry",
            "Ferry “Nordlys” returns & docks",
            date("2024-05-02T08:15:00-04:00"),
        );
        a.url = Some("https://gazette.example/2024/ferry".into());
        a.updated = Some(date("2024-05-02T12:00:00-04:00"));
        a.authors = vec![Author::named("Ana Øberg")];
        a.summary = Some("The ferry is back.".into());
        a.body = Body::Paragraphs(vec!["The ferry is back.".into(), "Crowds <cheered>.".into()]);
        let mut photo = Photo::new(
            "The ferry at Pier 4 on May 1.",
            Credit::new(Some("Lee Park".into()), Some("Reuters".into())),
        );
        photo.url = Some("https://img.gazette.example/ferry.jpg".into());
        a.photos = vec![photo];
        a.tags = vec!["Transport".into(), "Économie".into()];

        let mut b = Item::new(
            "tag:gazette.example,2000:council",
            "Council votes",
            date("2024-05-01T18:00:00Z"),
        );
        b.summary = Some("A vote.".into());
        b.body = Body::Html("<p>A <em>vote</em>.</p>".into());
        b.photos = vec![Photo::new(
            "Council chamber",
            Credit::new(None, Some("City Hall".into())),
        )];
        b.tags = vec!["economie".into()];

        let c = Item::new(
            "https://gazette.example/2024/tide",
            "Tide tables",
            date("2024-04-30T06:00:00+02:00"),
        );
        feed.items = vec![a, b, c];
        feed
    }

    #[test]
    fn stylesheet_goes_right_after_the_declaration() {
        let xml = b"<?xml version=\"1.0\"?>\n<rss/>".to_vec();
        assert_eq!(
            String::from_utf8(with_stylesheet(xml, Some("../../feed.css"))).unwrap(),
            "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/css\" href=\"../../feed.css\"?>\n<rss/>"
        );
        assert_eq!(with_stylesheet(b"<a/>".to_vec(), None), b"<a/>");
    }

    #[test]
    fn archive_pages_announce_no_hub() {
        let feed = sample_feed();
        let templates = Templates::load(None).unwrap();
        let rendered = Rendered::new(&feed, &templates, true).unwrap();
        let mut doc = Document::new(&rendered, "t".into(), "u/".into(), vec![0]);
        assert_eq!(doc.hubs().collect::<Vec<_>>(), ["https://hub.example/"]);
        doc.paging.archive = true;
        assert_eq!(doc.hubs().count(), 0);
    }

    #[test]
    fn a_document_dates_itself_from_its_own_items() {
        let feed = sample_feed();
        let templates = Templates::load(None).unwrap();
        let rendered = Rendered::new(&feed, &templates, true).unwrap();
        let doc = Document::new(&rendered, "t".into(), "u/".into(), vec![1, 2]);
        assert_eq!(doc.updated().to_rfc3339(), "2024-05-01T18:00:00+00:00");
        let empty = Document::new(&rendered, "t".into(), "u/".into(), vec![]);
        assert_eq!(empty.updated().to_rfc3339(), "1970-01-01T00:00:00+00:00");
    }
}
