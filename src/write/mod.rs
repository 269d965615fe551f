//! Writers: one per output file kind, each turning a [`Document`] into bytes.
//! Writers never touch the file system; `publish` writes what they return.
//!
//! [`WRITERS`] is the one description of the output formats: each writer's
//! [`Format`] names its file, media type and label, and says what it is. The feeds'
//! autodiscovery links, `serve`'s content types, the build's record of complete
//! archive pages, the hub pings and `check`'s choice of checker all derive from it.
//! Adding an output format means one new writer and one line in [`WRITERS`].
//!
//! Every item's HTML is rendered once, into [`Rendered`]; a [`Document`] (the main
//! feed, an archive page, a tag feed, one item's page) is a title, a self URL and a
//! list of *indices* into it, so a site of 100,000 articles never copies an article
//! per tag or page. [`site`] decides which documents a build writes.

use crate::error::Result;
use crate::item::{Date, Feed, Item};
use crate::template::Templates;

pub mod atom;
pub mod budget;
pub mod html;
pub mod json_feed;
pub mod rss;
pub mod site;
pub mod style;
pub mod tags;

/// The Media RSS namespace, used by the RSS and Atom writers.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// The RFC 5005 feed-history namespace (`fh:archive`).
pub const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// What an output file is: everything about a format that the rest of wirefeed may
/// know without writing one.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Format {
    /// The file's name, e.g. `rss.xml`; for [`Scope::Item`], the pattern of its path
    /// (`items/<slug>.html`, see [`crate::item::page_path`]).
    pub file_name: &'static str,
    /// The media type, without parameters: `application/rss+xml`.
    pub media_type: &'static str,
    /// What readers call it, in links: `RSS`.
    pub label: &'static str,
    /// What kind of file it is.
    pub kind: Kind,
    /// Where a build writes it.
    pub scope: Scope,
}

/// What kind of file a [`Format`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A feed in XML (RSS, Atom): announced, pinged, checked as XML, and styled for
    /// browsers by `feed.css`.
    XmlFeed,
    /// A feed in JSON (JSON Feed): announced, pinged, checked as JSON.
    JsonFeed,
    /// An HTML page for people.
    Page,
    /// A stylesheet the other files reference.
    Stylesheet,
}

impl Kind {
    /// True for feeds (what readers subscribe to).
    pub fn is_feed(self) -> bool {
        matches!(self, Kind::XmlFeed | Kind::JsonFeed)
    }
}

/// Where a build writes a [`Format`]'s files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scope {
    /// In the folder of every feed document: the main feed, each archive page, each tag.
    Document,
    /// Once, in the output folder.
    Site,
    /// Once per item without a URL, at [`crate::item::page_path`].
    Item,
}

/// One output format.
pub trait Writer: Sync {
    /// What this writer produces.
    fn format(&self) -> &'static Format;
    /// The file this writer produces, e.g. `rss.xml`.
    fn file_name(&self) -> &'static str {
        self.format().file_name
    }
    /// Serializes one document (for [`Scope::Site`] writers, any document of the
    /// site; for [`Scope::Item`], a document of the one item).
    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>>;
    /// How to write a document of this format a batch of items at a time, when the
    /// format allows it (the feeds do; see [`Streaming`]).
    fn streaming(&self) -> Option<&dyn Streaming> {
        None
    }
}

/// A format whose document can be written a batch of items at a time, in constant
/// memory: the document is a *frame* (everything but the items, split where the items
/// go) around its items' serialization, batch after batch. For any split of a
/// document's items into batches, `head`, then each batch's
/// [`items`](Streaming::items) joined by [`separator`](Streaming::separator), then
/// `tail` are the very bytes [`Writer::write`] gives for the whole document.
///
/// The frame depends on the items through what they have in common ([`Seen`]: the
/// newest date, the XML namespaces they use), so it is written last; the batches go
/// to a spill file meanwhile (`site::render`).
pub trait Streaming: Sync {
    /// The items of `doc` (a batch), serialized as they appear in the whole document,
    /// and the namespaces they use.
    fn items(&self, doc: &Document<'_>) -> Result<(Vec<u8>, Namespaces)>;
    /// What goes between two non-empty batches.
    fn separator(&self) -> &'static [u8] {
        b""
    }
    /// The head and tail of `doc` (whose own items are ignored) holding the items
    /// `seen` describes.
    fn frame(&self, doc: &Document<'_>, seen: &Seen) -> Result<(Vec<u8>, Vec<u8>)>;
}

/// XML namespaces by prefix.
pub type Namespaces = std::collections::BTreeMap<String, String>;

/// What a streamed document's frame needs to know of all its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Seen {
    /// Items written.
    pub items: usize,
    /// The newest of their dates ([`Document::updated`]).
    pub updated: Option<Date>,
    /// The namespaces their serialization uses.
    pub namespaces: Namespaces,
}

impl Seen {
    /// What a batch holds: its document and the namespaces its items used.
    pub fn of(batch: &Document<'_>, namespaces: Namespaces) -> Seen {
        Seen {
            items: batch.indices.len(),
            updated: (!batch.indices.is_empty()).then(|| batch.updated()),
            namespaces,
        }
    }

    /// Adds what another batch holds.
    pub fn merge(&mut self, other: Seen) {
        self.items += other.items;
        self.updated = self.updated.max(other.updated);
        self.namespaces.extend(other.namespaces);
    }

    /// The document-level date: [`Document::updated`] of all the items.
    pub fn updated(&self) -> Date {
        self.updated.unwrap_or_default()
    }
}

/// `whole` (a serialized document without items) split at the last `marker`, where
/// the items go: (head, tail).
pub(crate) fn split_at_last(whole: Vec<u8>, marker: &[u8], file: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    let at = whole
        .windows(marker.len())
        .rposition(|w| w == marker)
        .ok_or_else(|| crate::error::Error::Write {
            file: file.to_string(),
            message: format!("no {} to put the items before", String::from_utf8_lossy(marker)),
        })?;
    let mut head = whole;
    let tail = head.split_off(at);
    Ok((head, tail))
}

/// The items part of `batch`, a bare container serialized with some items: what lies
/// between `empty`'s head and tail (`empty` being the same container without items,
/// split where the items go). An error if `batch` is not `head + items + tail`.
pub(crate) fn between<'b>(batch: &'b [u8], empty: &(Vec<u8>, Vec<u8>), file: &str) -> Result<&'b [u8]> {
    let (head, tail) = empty;
    if batch.len() >= head.len() + tail.len() && batch.starts_with(head) && batch.ends_with(tail) {
        Ok(&batch[head.len()..batch.len() - tail.len()])
    } else {
        Err(crate::error::Error::Write {
            file: file.to_string(),
            message: "a batch of items did not serialize inside the document's frame".into(),
        })
    }
}

/// Every writer: the feeds, the browser pages and the stylesheets. Feeds come first,
/// in the order pages announce them.
pub static WRITERS: &[&dyn Writer] = &[
    &rss::RssWriter,
    &atom::AtomWriter,
    &json_feed::JsonFeedWriter,
    &html::IndexWriter,
    &html::ItemPageWriter,
    &style::CSS,
    &style::XSL,
];

/// The writers of one [`Scope`], in [`WRITERS`] order.
pub fn writers(scope: Scope) -> impl Iterator<Item = &'static dyn Writer> {
    WRITERS.iter().copied().filter(move |w| w.format().scope == scope)
}

/// The writers of feeds, in [`WRITERS`] order.
pub fn feed_writers() -> impl Iterator<Item = &'static dyn Writer> {
    WRITERS.iter().copied().filter(|w| w.format().kind.is_feed())
}

/// The format of a file wirefeed writes, by its name (`rss.xml`, `index.html`); for
/// any other name, the format all writers of its extension agree on (every `.json`
/// is JSON Feed, every `.html` a page), if they do.
pub fn format_of(file_name: &str) -> Option<&'static Format> {
    let name = file_name.rsplit('/').next().unwrap_or(file_name);
    let formats = || WRITERS.iter().map(|w| w.format());
    if let Some(f) = formats().find(|f| f.file_name.eq_ignore_ascii_case(name)) {
        return Some(f);
    }
    let ext = |n: &str| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let ext = ext(name)?;
    let mut same = formats().filter(|f| ext_of(f.file_name) == ext);
    let first = same.next()?;
    same.all(|f| f.media_type == first.media_type && f.kind == first.kind)
        .then_some(first)
}

/// The kind of feed a file holds, by its name: the kind of its [`format_of`], or, for
/// names no writer uses, the kind all feed writers of its extension share (every
/// `.xml` is an XML feed, `rss.xml` and `atom.xml` alike). `None` for what no feed
/// writer writes.
pub fn feed_kind_of(file_name: &str) -> Option<Kind> {
    if let Some(f) = format_of(file_name) {
        return f.kind.is_feed().then_some(f.kind);
    }
    let name = file_name.rsplit('/').next().unwrap_or(file_name);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let mut kinds = feed_writers()
        .map(|w| w.format())
        .filter(|f| ext_of(f.file_name) == ext)
        .map(|f| f.kind);
    let first = kinds.next()?;
    kinds.all(|k| k == first).then_some(first)
}

fn ext_of(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// A feed with the HTML of each item rendered once, shared by every document.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rendered<'a> {
    /// The feed: site metadata and every item, newest first.
    pub feed: &'a Feed,
    /// The templates the HTML writers render with.
    pub templates: &'a Templates,
    /// `feed.items[i]`'s HTML content, or `None` for summary-only feeds.
    pub contents: Vec<Option<String>>,
}

impl<'a> Rendered<'a> {
    /// Renders every item's HTML through the `item.html` template, in parallel. An
    /// item with neither text nor photos gets no content element at all, not an empty
    /// one.
    pub fn new(feed: &'a Feed, templates: &'a Templates, full_content: bool) -> Result<Self> {
        Self::selected(feed, templates, full_content, |_| true)
    }

    /// Renders only the items `needed(i)` says a document will show; the others get no
    /// HTML (they must not be written).
    pub(crate) fn selected(
        feed: &'a Feed,
        templates: &'a Templates,
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
        Ok(Rendered {
            feed,
            templates,
            contents,
        })
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
    /// The document's folder relative to the output folder: `""`, `archive/3/`,
    /// `tags/sport/`, `items/`. HTML pages link the rest of the site relative to it.
    pub dir: String,
    /// How many of its items the document's HTML page lists (all when `None`).
    pub listed: Option<usize>,
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
            dir: String::new(),
            listed: None,
        }
    }

    /// The relative path from the document's folder to the output folder: `""`,
    /// `../`, `../../`.
    pub fn root(&self) -> String {
        "../".repeat(self.dir.matches('/').count())
    }

    /// A folder URL of the site (one of [`Paging`]'s), relative to this document's
    /// folder when it lies under the site's feed URL.
    pub fn relative(&self, url: &str) -> String {
        match url.strip_prefix(self.feed().feed_base_url.as_str()) {
            Some(rel) => format!("{}{rel}", self.root()),
            None => url.to_string(),
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
    fn formats_are_found_by_name_then_by_an_extension_their_writers_agree_on() {
        let media = |name| format_of(name).map(|f| f.media_type);
        assert_eq!(media("rss.xml"), Some("application/rss+xml"));
        assert_eq!(media("ATOM.XML"), Some("application/atom+xml"));
        assert_eq!(media("tags/x/feed.json"), Some("application/feed+json"));
        assert_eq!(media("other.json"), Some("application/feed+json"));
        assert_eq!(media("index.html"), Some("text/html"));
        assert_eq!(media("items/a-1234abcd.html"), Some("text/html"));
        assert_eq!(media("feed.css"), Some("text/css"));
        assert_eq!(media("print.xsl"), Some("text/xsl"));
        // RSS and Atom disagree on the type of `.xml`: no format, but both are XML feeds.
        assert_eq!(media("sitemap.xml"), None);
        assert_eq!(feed_kind_of("sitemap.xml"), Some(Kind::XmlFeed));
        assert_eq!(feed_kind_of("x.json"), Some(Kind::JsonFeed));
        assert_eq!(feed_kind_of("index.html"), None);
        assert_eq!(feed_kind_of("notes.txt"), None);
        let labels: Vec<_> = feed_writers().map(|w| w.format().label).collect();
        assert_eq!(labels, ["RSS", "Atom", "JSON Feed"]);
        let names: Vec<_> = writers(Scope::Document).map(|w| w.file_name()).collect();
        assert_eq!(names, ["rss.xml", "atom.xml", "feed.json", "index.html"]);
        let names: Vec<_> = writers(Scope::Site).map(|w| w.file_name()).collect();
        assert_eq!(names, ["feed.css", "feed.xsl"]);
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
