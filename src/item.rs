//! The model that crosses from loaders to writers: [`Feed`], [`Item`], [`Photo`],
//! [`Credit`] and [`Author`].
//!
//! Loaders produce items; `normalize` cleans, dedupes and sorts them; writers render a
//! [`Feed`]. Nothing else crosses that seam, so a new input or output format only has to
//! speak these types.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A date with the UTC offset it was given in (the same type as atom_syndication's).
pub type Date = DateTime<FixedOffset>;

/// Channel-level metadata plus the items, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Feed {
    /// The site's title, used as the feed title.
    pub title: String,
    /// One-sentence description of the site (RSS requires one).
    pub description: String,
    /// The site's home page, absolute, ending in `/`.
    pub site_url: String,
    /// The absolute URL the feed file is served at, without the file name:
    /// writers append their own file name (`rss.xml`, …) to it.
    pub feed_base_url: String,
    /// Name standing in for the author of items without a byline (Atom needs one).
    pub author: String,
    /// Language tag such as `en-us`, when known.
    pub language: Option<String>,
    /// WebSub hubs that readers may subscribe at for pushed updates.
    pub hubs: Vec<String>,
    /// The items, sorted newest first (ties broken by id).
    pub items: Vec<Item>,
}

impl Feed {
    /// Creates a feed for a site, with no items yet.
    pub fn new(title: impl Into<String>, site_url: impl Into<String>) -> Self {
        let site_url = site_url.into();
        let title = title.into();
        Feed {
            description: format!("Latest articles from {title}"),
            author: title.clone(),
            feed_base_url: site_url.clone(),
            title,
            site_url,
            language: None,
            hubs: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The newest date in the feed (published or updated), from the items, never the
    /// clock: building twice gives the same bytes.
    pub fn updated(&self) -> Option<Date> {
        self.items.iter().map(Item::last_modified).max()
    }

    /// The link of an item: its URL, or for an article without one, its own page on
    /// the site ([`page_path`]), which stays where it is when the item is archived, so
    /// that every item has a link readers can open.
    pub fn link_of(&self, item: &Item) -> String {
        match &item.url {
            Some(url) => url.clone(),
            None => self.url_of(&page_path(&item.id)),
        }
    }

    /// The absolute URL of one of this feed's files, e.g. `feed.url_of("rss.xml")`.
    pub fn url_of(&self, file_name: &str) -> String {
        format!("{}{}", self.feed_base_url, file_name)
    }
}

/// Where the folder of item pages lives, under the output folder.
pub const ITEMS_DIR: &str = "items";

/// Longest readable part of an item page's file name.
const MAX_PAGE_SLUG: usize = 60;

/// The page of an item without a URL, relative to the output folder:
/// `items/<slug>.html`. The slug is derived from the id alone (so it is as stable as
/// the id), from its telling part: after the authority of a `tag:` URI
/// (`tag:news.example.com,2018:sports/marathon.txt` → `sports/marathon.txt`) or of a
/// URL (its path), else the whole id. Its ASCII letters and digits, lowercased, runs
/// of anything else as `-`, cut to 60 characters; then `-` and 8 hex digits of a hash
/// of the whole id, so that ids differing only in punctuation or case, in their
/// authority, or beyond the cut get pages of their own. Only `[a-z0-9-]` ever reaches
/// the file name.
pub fn page_path(id: &str) -> String {
    let tail = if let Some(rest) = id.strip_prefix("tag:") {
        rest.split_once(':').map_or(rest, |(_, specific)| specific)
    } else if let Some((_, rest)) = id.split_once("://") {
        rest.split_once('/').map_or(rest, |(_, path)| path)
    } else {
        id
    };
    let tail = if tail.chars().any(|c| c.is_ascii_alphanumeric()) {
        tail
    } else {
        id
    };
    let mut slug = String::new();
    for c in tail.chars() {
        if slug.len() >= MAX_PAGE_SLUG {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("item");
    }
    let hash = xxhash_rust::xxh3::xxh3_64(id.as_bytes()) as u32;
    format!("{ITEMS_DIR}/{slug}-{hash:08x}.html")
}

/// One article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Item {
    /// Stable identifier: the article URL, or a `tag:` URI (RFC 4151). Never changes
    /// when the article's text or date is edited.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The article's canonical URL, absolute, when known.
    pub url: Option<String>,
    /// Publication time.
    pub published: Date,
    /// Where `published` came from. For [`DateSource::FirstSeen`], `published` is a
    /// stand-in that the build replaces with the time it first saw the article.
    #[serde(default, skip_serializing_if = "DateSource::is_unstated")]
    pub date_source: DateSource,
    /// Last update, when the article says it was updated.
    pub updated: Option<Date>,
    /// Bylines, in order.
    pub authors: Vec<Author>,
    /// A short plain-text summary (the first paragraph when the input gives none).
    pub summary: Option<String>,
    /// The article text.
    pub body: Body,
    /// Photos, in order of first appearance.
    pub photos: Vec<Photo>,
    /// Tags / categories, in input order, without duplicates.
    pub tags: Vec<String>,
    /// The input file, relative to the input folder (`/`-separated).
    pub source: String,
}

impl Item {
    /// Creates an item with the required fields; the rest start empty.
    pub fn new(id: impl Into<String>, title: impl Into<String>, published: Date) -> Self {
        Item {
            id: id.into(),
            title: title.into(),
            url: None,
            published,
            date_source: DateSource::default(),
            updated: None,
            authors: Vec::new(),
            summary: None,
            body: Body::Paragraphs(Vec::new()),
            photos: Vec::new(),
            tags: Vec::new(),
            source: String::new(),
        }
    }

    /// A fragment identifier for this item on an HTML page, derived from the id (so it
    /// is as stable as the id): ASCII letters and digits, runs of anything else as `-`.
    pub fn anchor(&self) -> String {
        let mut out = String::from("item-");
        for c in self.id.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_string()
    }

    /// `updated` when the article has one, else `published`.
    pub fn last_modified(&self) -> Date {
        self.updated.unwrap_or(self.published)
    }
}

/// Where an item's publication date came from (shown by `inspect`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The article gives it; the text names where (`dateline`, `meta
    /// article:published_time`, `json-ld datePublished`), empty when the loader does
    /// not say.
    Article(String),
    /// The article has no date: the build uses the time it first saw it.
    FirstSeen,
    /// The article has no date: the file's modification time stands in.
    Mtime,
    /// Not stated.
    #[default]
    Unstated,
}

impl DateSource {
    /// True when the loader did not say.
    pub fn is_unstated(&self) -> bool {
        *self == DateSource::Unstated
    }
}

/// The article text: plain paragraphs (scraped text) or HTML (Markdown, JSON, HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// Plain-text paragraphs, in order; the templates escape them.
    Paragraphs(Vec<String>),
    /// Sanitized HTML: block-level elements only, no scripts or event handlers.
    Html(String),
}

impl Default for Body {
    fn default() -> Self {
        Body::Paragraphs(Vec::new())
    }
}

/// A photo with its caption and credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Photo {
    /// The image URL, absolute, when known. Only photos with a URL get Media RSS.
    pub url: Option<String>,
    /// The caption text, without the credit.
    pub caption: String,
    /// Who took the photo and for whom.
    pub credit: Credit,
}

impl Photo {
    /// A photo with a caption and credit and no URL.
    pub fn new(caption: impl Into<String>, credit: Credit) -> Self {
        Photo {
            url: None,
            caption: caption.into(),
            credit,
        }
    }
}

/// A photo credit, split into the person and the organization.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credit {
    /// The photographer, e.g. `Thibault Camus`.
    pub name: Option<String>,
    /// The agency or outlet, e.g. `AP Photo`.
    pub organization: Option<String>,
}

impl Credit {
    /// Builds a credit from optional parts.
    pub fn new(name: Option<String>, organization: Option<String>) -> Self {
        Credit { name, organization }
    }

    /// True when neither part is known.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.organization.is_none()
    }

    /// The credit as one line: `Name / Organization`, `Name` or `Organization`.
    pub fn display(&self) -> Option<String> {
        match (&self.name, &self.organization) {
            (Some(n), Some(o)) => Some(format!("{n} / {o}")),
            (Some(n), None) => Some(n.clone()),
            (None, Some(o)) => Some(o.clone()),
            (None, None) => None,
        }
    }
}

/// A byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Author {
    /// The person's name as printed.
    pub name: String,
    /// An e-mail address, when the article gives one.
    pub email: Option<String>,
    /// A profile URL, when the article gives one.
    pub url: Option<String>,
}

impl Author {
    /// An author known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Author {
            name: name.into(),
            email: None,
            url: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_pages_are_named_after_the_telling_part_of_the_id() {
        let cases = [
            (
                "tag:news.example.com,2018-01-01:sports/marathon.txt",
                "items/sports-marathon-txt-2e9fce69.html",
            ),
            (
                "https://gazette.example/2024/Tide",
                "items/2024-tide-6b28538e.html",
            ),
            ("../../etc/passwd", "items/etc-passwd-2d201361.html"),
            ("tag:x,2000:…", "items/tag-x-2000-e0391a49.html"),
            ("日本", "items/item-7f1a1bc0.html"),
        ];
        let got: Vec<(&str, String)> = cases.iter().map(|(id, _)| (*id, page_path(id))).collect();
        let want: Vec<(&str, String)> = cases.iter().map(|(id, p)| (*id, p.to_string())).collect();
        assert_eq!(got, want);
        // Ids that differ only in case or punctuation get pages of their own.
        assert_ne!(page_path("a/b"), page_path("a-b"));
        assert_ne!(page_path("A"), page_path("a"));
        let long = page_path(&"x".repeat(500));
        assert_eq!(long.len(), "items/".len() + 60 + 1 + 8 + ".html".len());
    }
}
