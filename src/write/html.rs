//! The browser view: `index.html` (and one per tag) rendered from `templates/index.html`,
//! listing a document's items with date, summary, first photo (caption and credit)
//! and tags, and announcing the feeds with autodiscovery `<link rel="alternate">`;
//! and the page of each item without a URL (`items/<slug>.html`, from
//! `templates/page.html`). Dates show with their UTC offset.

use minijinja::context;
use serde::Serialize;

use super::Document;
use super::tags::folder;
use crate::error::Result;
use crate::item::{Date, Feed, Item, page_path};
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
    /// Where the headline links: the item's URL, or its own page (relative).
    href: String,
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
    let items: Vec<ItemView<'_>> = doc
        .items()
        .take(limit)
        .map(|(item, _)| item_view(item, root))
        .collect();
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

/// A date as people read it, with its zone as a UTC offset: `March 4, 2024, 9:30 AM
/// UTC+01:00`.
fn human(d: Date) -> String {
    d.format("%B %-d, %Y, %-I:%M %p UTC%:z").to_string()
}

/// Renders the page of `item` (an item without a URL), which sits in `items/` under
/// the output folder: headline, dates with their zone, byline, photos with caption
/// and credit, and the body, whatever `full_content` says for the feeds.
pub fn item_page(item: &Item, site: &Feed, templates: &Templates) -> Result<Vec<u8>> {
    let view = item_view(item, "../");
    let content = templates.item_html(item)?;
    let mut html = templates.render(
        "page.html",
        context! {
            site_title => site.title,
            site_url => site.site_url,
            language => site.language,
            root => "../",
            item => view,
            content,
        },
    )?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html.into_bytes())
}

/// `item` as the templates see it; `root` is the relative path from the page's folder
/// to the output folder.
fn item_view<'a>(item: &'a Item, root: &str) -> ItemView<'a> {
    ItemView {
        title: &item.title,
        url: item.url.as_deref(),
        href: match &item.url {
            Some(url) => url.clone(),
            None => format!("{root}{}", page_path(&item.id)),
        },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::{Author, Body, Credit, Photo};

    #[test]
    fn an_item_page_shows_headline_dates_with_zone_byline_figures_and_body() {
        let date = chrono::DateTime::parse_from_rfc3339("2024-03-04T09:30:00+01:00").unwrap();
        let mut item = Item::new("tag:wire.example,2024:a&b", "Bridge <reopens>", date);
        item.updated = Some(chrono::DateTime::parse_from_rfc3339("2024-03-05T18:05:00-05:00").unwrap());
        item.authors = vec![Author::named("Ana \"Q\" Ruiz")];
        let mut photo = Photo::new("Crews & cranes", Credit::new(Some("Li Wei".into()), Some("AP".into())));
        photo.url = Some("https://img.example/1.jpg".into());
        item.photos = vec![photo];
        item.body = Body::Paragraphs(vec!["First <p>".into()]);
        let site = Feed::new("Wire", "https://wire.example/");
        let page = item_page(&item, &site, &Templates::load(None).unwrap()).unwrap();
        let page = String::from_utf8(page).unwrap();
        for want in [
            "<title>Bridge &lt;reopens&gt; — Wire</title>",
            "<h1>Bridge &lt;reopens&gt;</h1>",
            "<time datetime=\"2024-03-04T09:30:00+01:00\">March 4, 2024, 9:30 AM UTC+01:00</time>",
            "updated <time datetime=\"2024-03-05T18:05:00-05:00\">March 5, 2024, 6:05 PM UTC-05:00</time>",
            "By Ana &quot;Q&quot; Ruiz",
            "<img src=\"https://img.example/1.jpg\" alt=\"Crews &amp; cranes\">",
            "<small class=\"credit\">Photo: Li Wei / AP</small>",
            "<p>First &lt;p&gt;</p>",
            "<a href=\"../index.html\">← Wire</a>",
            "Content-Security-Policy",
        ] {
            assert!(page.contains(want), "{want:?} missing from:\n{page}");
        }
    }
}
