//! Feed writers: one per output format, each turning a [`Rendered`] feed into bytes.
//! Writers never touch the file system; `publish` writes what they return.
//! Adding an output format means one new file here and one line in [`WRITERS`].

use crate::error::Result;
use crate::item::{Date, Feed, Item};
use crate::template::Templates;

pub mod atom;
pub mod rss;

/// The Media RSS namespace, used by the RSS and Atom writers.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// One output format.
pub trait Writer: Sync {
    /// The file this writer produces, e.g. `rss.xml`.
    fn file_name(&self) -> &'static str;
    /// Serializes the feed.
    fn write(&self, feed: &Rendered<'_>) -> Result<Vec<u8>>;
}

/// Every writer of the main feeds.
pub static WRITERS: &[&dyn Writer] = &[&rss::RssWriter, &atom::AtomWriter];

/// A feed with the HTML of each item rendered once, shared by every writer.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rendered<'a> {
    /// The feed.
    pub feed: &'a Feed,
    /// `items[i]`'s HTML content, or `None` for summary-only feeds.
    pub contents: Vec<Option<String>>,
}

impl<'a> Rendered<'a> {
    /// Renders every item's HTML through the `item.html` template.
    pub fn new(feed: &'a Feed, templates: &Templates, full_content: bool) -> Result<Self> {
        let contents = feed
            .items
            .iter()
            .map(|item| full_content.then(|| templates.item_html(item)).transpose())
            .collect::<Result<_>>()?;
        Ok(Rendered { feed, contents })
    }

    /// The items with their HTML.
    pub fn items(&self) -> impl Iterator<Item = (&'a Item, Option<&str>)> + '_ {
        self.feed
            .items
            .iter()
            .zip(self.contents.iter().map(Option::as_deref))
    }

    /// The feed-level date: the newest item's, or the Unix epoch for an empty feed (never
    /// the clock, so an unchanged site gives unchanged bytes).
    pub fn updated(&self) -> Date {
        self.feed.updated().unwrap_or_default()
    }
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
