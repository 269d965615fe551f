//! The browser view, as two writers: [`IndexWriter`] writes the `index.html` of every
//! feed document (the main page, each archive page, each tag) from
//! `templates/index.html`, listing the document's items with date, summary, first
//! photo (caption and credit) and tags, announcing the feeds with autodiscovery
//! `<link rel="alternate">` and linking the archive pages to each other;
//! [`ItemPageWriter`] writes the page of each item without a URL
//! (`items/<slug>.html`, from `templates/page.html`). Dates show with their UTC
//! offset.

use minijinja::context;
use serde::Serialize;

use super::tags::folder;
use super::{Document, Format, Kind, Scope, Writer, feed_writers};
use crate::error::Result;
use crate::item::{Date, Item, page_path};

/// Writes `index.html` in the folder of each feed document.
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexWriter;

/// The browser view of a feed document.
pub static INDEX: Format = Format {
    file_name: "index.html",
    media_type: "text/html",
    label: "HTML",
    kind: Kind::Page,
    scope: Scope::Document,
};

impl Writer for IndexWriter {
    fn format(&self) -> &'static Format {
        &INDEX
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        index_page(doc)
    }
}

/// Writes `items/<slug>.html` for each item without a URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemPageWriter;

/// The page of one item.
pub static ITEM_PAGE: Format = Format {
    file_name: "items/<slug>.html",
    media_type: "text/html",
    label: "HTML",
    kind: Kind::Page,
    scope: Scope::Item,
};

impl Writer for ItemPageWriter {
    fn format(&self) -> &'static Format {
        &ITEM_PAGE
    }

    /// The page of the document's first item (the document of one item).
    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        match doc.items().next() {
            Some((item, content)) => item_page(doc, item, content.unwrap_or_default()),
            None => Ok(Vec::new()),
        }
    }
}

/// One feed the page announces.
#[derive(Debug, Serialize)]
struct FeedLink {
    /// `application/rss+xml`, …
    mime: &'static str,
    /// `RSS`, `Atom`, `JSON Feed`.
    label: &'static str,
    /// Absolute URL, for autodiscovery.
    url: String,
    /// The visible link (relative, so a local preview works).
    href: String,
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

/// Renders the `index.html` of `doc`: at most [`Document::listed`] of its items.
/// The main page links the newest archive page; an archive page links the next older
/// and newer ones (the newest, the main page) and announces the main feeds, which are
/// the ones to subscribe to; a tag page links back to the main page.
fn index_page(doc: &Document<'_>) -> Result<Vec<u8>> {
    let feed = doc.feed();
    let root = doc.root();
    let archive = doc.paging.archive;
    // An archive page announces the feeds it is a page of.
    let (feed_dir, feed_rel) = match (&doc.paging.current, archive) {
        (Some(current), true) => (current.clone(), root.clone()),
        _ => (doc.base_url.clone(), String::new()),
    };
    let feeds: Vec<FeedLink> = feed_writers()
        .map(|w| {
            let f = w.format();
            FeedLink {
                mime: f.media_type,
                label: f.label,
                url: format!("{feed_dir}{}", f.file_name),
                href: format!("{feed_rel}{}", f.file_name),
            }
        })
        .collect();
    let page = |dir: &str| format!("{}{}", doc.relative(dir), INDEX.file_name);
    let older = doc.paging.prev_archive.as_deref().map(page);
    let newer = match &doc.paging.next_archive {
        Some(dir) => Some(page(dir)),
        None => archive.then(|| format!("{root}{}", INDEX.file_name)),
    };
    let items: Vec<ItemView<'_>> = doc
        .items()
        .take(doc.listed.unwrap_or(usize::MAX))
        .map(|(item, _)| item_view(item, &root))
        .collect();
    // An archive page's span: the days of its oldest and newest item.
    let day = |d: Date| d.format("%B %-d, %Y").to_string();
    let span = archive
        .then(|| Some((doc.items().last()?.0.published, doc.items().next()?.0.published)))
        .flatten()
        .map(|(from, to)| (day(from), day(to)));
    let title = if archive {
        format!("{} — older items", doc.title)
    } else {
        doc.title.clone()
    };
    let mut html = doc.rendered.templates.render(
        INDEX.file_name,
        context! {
            title,
            feed_title => doc.title,
            site_title => feed.title,
            description => feed.description,
            site_url => feed.site_url,
            language => feed.language,
            root,
            home => doc.dir.is_empty(),
            archive,
            span,
            older,
            newer,
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

/// Renders the page of `item` (an item without a URL, with its HTML `content`):
/// headline, dates with their zone, byline, photos with caption and credit, and the
/// body, whatever `full_content` says for the feeds.
fn item_page(doc: &Document<'_>, item: &Item, content: &str) -> Result<Vec<u8>> {
    let site = doc.feed();
    let root = doc.root();
    let view = item_view(item, &root);
    let mut html = doc.rendered.templates.render(
        "page.html",
        context! {
            site_title => site.title,
            site_url => site.site_url,
            language => site.language,
            root,
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
    use crate::item::{Author, Body, Credit, Feed, Photo};
    use crate::template::Templates;
    use crate::write::Rendered;

    #[test]
    fn an_item_page_shows_headline_dates_with_zone_byline_figures_and_body() {
        let date = chrono::DateTime::parse_from_rfc3339("2024-03-04T09:30:00+01:00").unwrap();
        let mut item = Item::new("tag:wire.example,2024:a&b", "Bridge <reopens>", date);
        item.updated = Some(chrono::DateTime::parse_from_rfc3339("2024-03-05T18:05:00-05:00").unwrap());
        item.authors = vec![Author::named("Ana \"Q\" Ruiz")];
        let mut photo = Photo::new(
            "Crews & cranes",
            Credit::new(Some("Li Wei".into()), Some("AP".into())),
        );
        photo.url = Some("https://img.example/1.jpg".into());
        item.photos = vec![photo];
        item.body = Body::Paragraphs(vec!["First <p>".into()]);
        let mut site = Feed::new("Wire", "https://wire.example/");
        site.items = vec![item];
        let templates = Templates::load(None).unwrap();
        let rendered = Rendered::new(&site, &templates, true).unwrap();
        let mut doc = Document::new(
            &rendered,
            "Wire".into(),
            "https://wire.example/items/".into(),
            vec![0],
        );
        doc.dir = "items/".into();
        let page = String::from_utf8(ItemPageWriter.write(&doc).unwrap()).unwrap();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/writers/item-page.html"
        );
        crate::write::site::tests::assert_golden(path, &page);
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
