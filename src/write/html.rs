//! The browser view: `index.html` (and one per tag) rendered from `templates/index.html`,
//! listing a document's items with date, summary, first photo (caption and credit)
//! and tags, and announcing the feeds with autodiscovery `<link rel="alternate">`.

use minijinja::context;
use serde::Serialize;

use super::Document;
use super::tags::folder;
use crate::error::Result;
use crate::item::Item;
use crate::template::Templates;

/// One feed the page announces.
#[derive(Debug, Serialize)]
struct FeedLink {
    /// `application/rss+xml`, …
    mime: &'static str,
    /// `RSS`, `Atom`, `JSON Feed`.
    label: &'static str,
    /// Absolute URL, for autodiscovery.
    url: String,
    /// The file name, for the visible link (relative, so a local preview works).
    href: &'static str,
}

#[derive(Serialize)]
struct ItemView<'a> {
    title: &'a str,
    url: Option<&'a str>,
    anchor: String,
    date_iso: String,
    date_human: String,
    updated_iso: Option<String>,
    updated_human: Option<String>,
    authors: Vec<&'a str>,
    summary: Option<&'a str>,
    photo: Option<PhotoView<'a>>,
    tags: Vec<TagView<'a>>,
}

#[derive(Serialize)]
struct PhotoView<'a> {
    url: Option<&'a str>,
    caption: &'a str,
    credit: Option<String>,
}

#[derive(Serialize)]
struct TagView<'a> {
    name: &'a str,
    slug: String,
}

/// Renders the page for `doc`: at most `limit` of its items. `root` is the relative
/// path from the page's folder to the output folder (`""` or `"../../"`); `home` is
/// false on tag pages, which link back to the main page.
pub fn index_page(
    doc: &Document<'_>,
    templates: &Templates,
    limit: usize,
    root: &str,
    home: bool,
) -> Result<Vec<u8>> {
    let feed = doc.feed();
    let feeds = [
        ("application/rss+xml", "RSS", "rss.xml"),
        ("application/atom+xml", "Atom", "atom.xml"),
        ("application/feed+json", "JSON Feed", "feed.json"),
    ]
    .map(|(mime, label, href)| FeedLink {
        mime,
        label,
        url: doc.url_of(href),
        href,
    });
    let items: Vec<ItemView<'_>> = doc.items().take(limit).map(|(item, _)| item_view(item)).collect();
    let mut html = templates.render(
        "index.html",
        context! {
            title => doc.title,
            site_title => feed.title,
            description => feed.description,
            site_url => feed.site_url,
            language => feed.language,
            root,
            home,
            feeds,
            items,
        },
    )?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html.into_bytes())
}

fn item_view(item: &Item) -> ItemView<'_> {
    let human = |d: crate::item::Date| d.format("%B %-d, %Y, %-I:%M %p").to_string();
    ItemView {
        title: &item.title,
        url: item.url.as_deref(),
        anchor: item.anchor(),
        date_iso: item.published.to_rfc3339(),
        date_human: human(item.published),
        updated_iso: item.updated.map(|d| d.to_rfc3339()),
        updated_human: item.updated.map(human),
        authors: item.authors.iter().map(|a| a.name.as_str()).collect(),
        summary: item.summary.as_deref(),
        photo: item.photos.first().map(|p| PhotoView {
            url: p.url.as_deref(),
            caption: &p.caption,
            credit: p.credit.display(),
        }),
        tags: item
            .tags
            .iter()
            .map(|t| TagView {
                name: t,
                slug: folder(t),
            })
            .collect(),
    }
}
