//! The fan-out: which files a build writes, and which items go in each.
//!
//! ```text
//! rss.xml atom.xml feed.json index.html feed.css feed.xsl  the main feeds and page
//! archive/<k>/{rss.xml,atom.xml,feed.json,index.html} RFC 5005 archive pages, k = 1 is the oldest
//! tags/<slug>/{rss.xml,atom.xml,feed.json,index.html} one folder per tag, newest `limit` items
//! items/<slug>.html                                  the page of each item without a URL
//! ```
//!
//! Which files go in each folder is the writers' business ([`super::WRITERS`]): every
//! [`Scope::Document`] writer writes into each document's folder, the
//! [`Scope::Site`] ones into the output folder, the [`Scope::Item`] one a page per
//! item without a URL.
//!
//! # Item pages
//!
//! An item without a URL gets a page of its own, [`crate::item::page_path`], which its
//! feed link points to: it never moves when the item falls into the archive. Like
//! archive pages, each has a fingerprint (the item's, the site metadata's, the
//! templates' and the version's), and only the pages whose fingerprint changed since
//! the previous build are rendered again; the others are reported as kept.
//!
//! # Archives (RFC 5005, section 4)
//!
//! The main feed holds the newest `limit` items. The rest are paged **oldest first**
//! into archive pages of `limit` items: page 1 holds the oldest `limit`, page 2 the
//! next `limit`, and so on; the newest page may hold fewer. With `n` items there are
//! `ceil((n − limit) / limit)` pages. This gives:
//!
//! - every item exactly once across the main feed and the archive pages;
//! - complete archive pages that never change as newer articles arrive: a page's
//!   items are fixed by their position counted from the oldest item, so items falling
//!   out of the main feed only fill the newest, incomplete page. A page's feed-level
//!   date is its own newest item's. The one change a complete page sees in its life is
//!   gaining its `next-archive` link when the page after it is created. (Deleting an
//!   article, or adding one dated before archived ones, re-pages everything after it;
//!   that is a rare, deliberate edit.)
//!
//! The main feed links `prev-archive` to the newest page; each page has `fh:archive`,
//! `current` (the main feed), `prev-archive` (older) and, when it exists,
//! `next-archive` (newer). JSON Feed has no archive links: its `next_url` (paging,
//! towards older items) follows the same chain.
//!
//! Tag feeds are not archived: each holds the tag's newest `limit` items. With a
//! `limit` of 0, the main and tag feeds hold every item and there are no archives.
//!
//! # Plan, then render
//!
//! [`plan`] is pure: from each item's tags and fingerprint ([`Items`]) and the archive
//! fingerprints of the previous build, it decides every document and which archive
//! pages must be rendered. Every archive page has a fingerprint (a hash of its items'
//! fingerprints, the site metadata, its links, the templates and the wirefeed
//! version); a page whose fingerprint the previous build recorded is not rendered
//! again, and its files are reported as kept. [`render`] then turns the plan into
//! files handed to a sink, fetching the items it needs from [`Items::fetch`]: the main
//! and tag feeds' items once, archive pages' items one batch of pages at a time, so
//! memory never holds the archive's bodies, HTML or bytes. Writing the files is the
//! caller's business (`publish`).
//!
//! # Every item in the main feeds (`limit` 0)
//!
//! With a `limit` of 0 the main feeds would hold every body at once, so they are
//! streamed instead ([`super::Streaming`]): their items are fetched 256
//! at a time, serialized and appended to a spill file per feed, and each feed is
//! handed to the sink ([`Sink::stream`]) as its frame around its spill file. They have
//! a fingerprint too (key [`MAIN_FEEDS`]): a build in which no item changed keeps
//! them. `index.html` lists the newest [`INDEX_ITEMS_UNLIMITED`] items, fetched
//! like the tag feeds' items.

use std::collections::BTreeMap;

use rayon::prelude::*;

use std::io::{Seek, Write};

use super::{Document, Paging, Rendered, Scope, Seen, Streaming, Writer, style, writers};
use crate::error::{Error, Result};
use crate::item::{Author, Body, Credit, Date, Feed, Item, Photo};
use crate::template::Templates;

/// Where archive pages live, under the output folder.
pub const ARCHIVE_DIR: &str = "archive";
/// Where tag feeds live, under the output folder.
pub const TAGS_DIR: &str = "tags";

/// Items listed on `index.html` when `limit` is 0 (every item in the feeds).
pub const INDEX_ITEMS_UNLIMITED: usize = 50;

/// Archive pages serialized together in parallel.
const PAGE_BATCH: usize = 32;

/// Items per batch of a streamed main feed (`limit` 0).
const STREAM_BATCH: usize = 256;

/// The key of the streamed main feeds' fingerprint in [`Fingerprints`] (`limit` 0).
pub const MAIN_FEEDS: &str = "./";

/// The writers of the main feeds that are streamed with `limit` 0.
fn streamed_writers() -> impl Iterator<Item = &'static dyn Writer> {
    writers(Scope::Document).filter(|w| w.streaming().is_some())
}

/// The file a sink receives: a path relative to the output folder (`/`-separated) and
/// its bytes.
pub type File = (String, Vec<u8>);

/// A function writing a file's bytes into the writer it is given.
pub type WriteFn<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<()> + 'a;

/// Where [`render`] hands the files it renders. Any `FnMut(File) -> Result<()>` is a
/// sink that takes streamed files whole too.
pub trait Sink {
    /// Takes a file rendered whole.
    fn file(&mut self, file: File) -> Result<()>;

    /// Takes a file too big to hold in memory (the main feeds with `limit` 0): `write`
    /// writes its bytes into the writer it is given, once. By default they are
    /// collected and handed to [`Sink::file`].
    fn stream(&mut self, rel: String, write: &mut WriteFn<'_>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.file((rel, bytes))
    }
}

impl<F: FnMut(File) -> Result<()>> Sink for F {
    fn file(&mut self, file: File) -> Result<()> {
        self(file)
    }
}

/// The items of a site, newest first, as the planner and renderer see them: each
/// item's tags and fingerprint at hand, whole items fetched on demand.
pub trait Items: Sync {
    /// The number of items.
    fn len(&self) -> usize;
    /// True when there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Item `i`'s tags.
    fn tags(&self, i: usize) -> &[String];
    /// A hash of everything in item `i` that its rendering depends on.
    fn fingerprint(&self, i: usize) -> u64;
    /// Item `i`'s id.
    fn id(&self, i: usize) -> &str;
    /// True when item `i` has a URL of its own (so it gets no item page).
    fn has_url(&self, i: usize) -> bool;
    /// The items at `indices` (ascending), in that order.
    fn fetch(&self, indices: &[usize]) -> Result<Vec<Item>>;
}

/// A feed held whole in memory is its own item source.
impl Items for Feed {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn tags(&self, i: usize) -> &[String] {
        &self.items[i].tags
    }

    fn fingerprint(&self, i: usize) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        hash_item(&self.items[i], &mut h);
        std::hash::Hasher::finish(&h)
    }

    fn id(&self, i: usize) -> &str {
        &self.items[i].id
    }

    fn has_url(&self, i: usize) -> bool {
        self.items[i].url.is_some()
    }

    fn fetch(&self, indices: &[usize]) -> Result<Vec<Item>> {
        Ok(indices.iter().map(|&i| self.items[i].clone()).collect())
    }
}

/// How `n` items (newest first) split into the main feed and archive pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Items `0..main` are in the main feed.
    pub main: usize,
    /// Number of archive pages, each of `limit` items.
    pub pages: usize,
    /// Items per page.
    pub limit: usize,
    /// Items in all.
    pub n: usize,
}

impl Split {
    /// The split for `n` items and pages of `limit` (see the module docs); a `limit`
    /// of 0 puts every item in the main feed.
    pub fn new(n: usize, limit: usize) -> Split {
        if limit == 0 {
            return Split {
                main: n,
                pages: 0,
                limit: n.max(1),
                n,
            };
        }
        let main = n.min(limit);
        Split {
            main,
            pages: (n - main).div_ceil(limit),
            limit,
            n,
        }
    }

    /// The newest-first item indices of archive page `k` (1 = oldest), newest first.
    /// The newest page (`k == pages`) may be shorter than `limit`.
    pub fn page(&self, k: usize) -> std::ops::Range<usize> {
        let end = self.n - (k - 1) * self.limit;
        end.saturating_sub(self.limit).max(self.main)..end
    }
}

/// Archive page and item page fingerprints: page folder (`archive/3/`) or item page
/// file (`items/<slug>.html`) → fingerprint.
pub type Fingerprints = BTreeMap<String, String>;

/// How to build a site.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Options {
    /// Items in the main and tag feeds, and per archive page; 0 for every item in the
    /// main and tag feeds and no archives.
    pub limit: usize,
    /// Full article HTML (true) or summaries only.
    pub full_content: bool,
    /// The size budget the feeds are checked against as they are staged (0: none).
    /// Feeds kept from an earlier build are not checked again, so what they were
    /// checked against is part of their fingerprint.
    pub max_feed_bytes: usize,
}

impl Options {
    /// Options for feeds of `limit` items (0: all), full content or summaries, with no
    /// size budget.
    pub fn new(limit: usize, full_content: bool) -> Options {
        Options {
            limit,
            full_content,
            max_feed_bytes: 0,
        }
    }

    /// These options, with feeds checked against `max_feed_bytes` (0: none).
    pub fn with_budget(self, max_feed_bytes: usize) -> Options {
        Options {
            max_feed_bytes,
            ..self
        }
    }

    /// The number of items per feed, `usize::MAX` for "all".
    fn per_feed(&self) -> usize {
        if self.limit == 0 { usize::MAX } else { self.limit }
    }
}

/// Every document of a build, decided before anything is rendered.
#[derive(Debug)]
#[non_exhaustive]
pub struct Plan {
    /// How the items split into the main feed and archive pages.
    pub split: Split,
    /// Tag feeds by slug.
    pub tags: BTreeMap<String, Tag>,
    /// Every archive page's and item page's fingerprint: the record for the next build.
    pub fingerprints: Fingerprints,
    /// Archive pages to render (1 = oldest), oldest first.
    pub render_pages: Vec<usize>,
    /// Items (positions, ascending) whose own page must be rendered.
    pub render_items: Vec<usize>,
    /// The files of archive pages not rendered because the previous build published
    /// the same page.
    pub kept: Vec<String>,
    /// Whether the main feeds are streamed this build: with `limit` 0, unless the
    /// previous build published the same ones.
    pub stream_main: bool,
}

/// Decides the documents of a build from the items and the archive fingerprints the
/// previous build published (`previous`, empty to render every page).
pub fn plan(
    items: &dyn Items,
    site: &Feed,
    templates: &Templates,
    options: &Options,
    previous: &Fingerprints,
) -> Plan {
    let split = Split::new(items.len(), options.limit);
    let tags = tags(items, options.per_feed());
    let mut fingerprints: Fingerprints = (1..=split.pages)
        .into_par_iter()
        .map(|k| {
            (
                archive_dir(k),
                fingerprint(items, site, templates, options, &split, k),
            )
        })
        .collect();
    let pages: Vec<(usize, String, String)> = (0..items.len())
        .into_par_iter()
        .filter(|&i| !items.has_url(i))
        .map(|i| {
            (
                i,
                crate::item::page_path(items.id(i)),
                page_fingerprint(items, site, templates, i),
            )
        })
        .collect();
    let mut render_items = Vec::new();
    let mut render_pages = Vec::new();
    let mut kept = Vec::new();
    for k in 1..=split.pages {
        let dir = archive_dir(k);
        if previous.get(&dir) == fingerprints.get(&dir) {
            kept.extend(writers(Scope::Document).map(|w| format!("{dir}{}", w.file_name())));
        } else {
            render_pages.push(k);
        }
    }
    for (i, path, fp) in pages {
        if previous.get(&path) == Some(&fp) {
            kept.push(path.clone());
        } else {
            render_items.push(i);
        }
        fingerprints.insert(path, fp);
    }
    let mut stream_main = options.limit == 0;
    if stream_main {
        let fp = main_fingerprint(items, site, templates, options);
        if previous.get(MAIN_FEEDS) == Some(&fp) {
            stream_main = false;
            kept.extend(streamed_writers().map(|w| w.file_name().to_string()));
        }
        fingerprints.insert(MAIN_FEEDS.to_string(), fp);
    }
    Plan {
        split,
        tags,
        fingerprints,
        render_pages,
        render_items,
        kept,
        stream_main,
    }
}

/// The records of `previous` (archive pages and item pages) whose files the previous
/// build did publish (`published(rel)`, from its ledger): an archive page counts when
/// each file of its folder was published, an item page when it was, the streamed main
/// feeds when each was. A page missing from the result is rendered again.
pub fn still_published(previous: &Fingerprints, published: impl Fn(&str) -> bool) -> Fingerprints {
    previous
        .iter()
        .filter(|(key, _)| {
            if *key == MAIN_FEEDS {
                streamed_writers().all(|w| published(w.file_name()))
            } else if key.ends_with('/') {
                writers(Scope::Document).all(|w| published(&format!("{key}{}", w.file_name())))
            } else {
                published(key)
            }
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// What [`render`] did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Output {
    /// Items in the main feeds.
    pub main_items: usize,
    /// Files of archive pages skipped because they cannot have changed.
    pub kept: Vec<String>,
    /// Every archive page's fingerprint, for the next build.
    pub fingerprints: Fingerprints,
}

/// Every file of the site, collected (for tests and small sites; [`render`] hands
/// them out a few at a time).
pub fn files(feed: &Feed, templates: &Templates, options: &Options) -> Result<Vec<File>> {
    let mut files = Vec::new();
    write_site(feed, templates, options, &Fingerprints::new(), &mut |file| {
        files.push(file);
        Ok(())
    })?;
    Ok(files)
}

/// Plans and renders a feed held in memory, skipping the archive pages whose
/// fingerprints are in `previous`.
pub fn write_site(
    feed: &Feed,
    templates: &Templates,
    options: &Options,
    previous: &Fingerprints,
    sink: &mut dyn FnMut(File) -> Result<()>,
) -> Result<Output> {
    let plan = plan(feed, feed, templates, options, previous);
    let mut sink = sink;
    render(plan, feed, feed, templates, options, &mut sink)
}

/// Renders the files of a plan into `sink`, in a fixed order: main feeds, main page,
/// stylesheet, archive pages (oldest first), tags by slug. `site` gives the site
/// metadata (its items are not used: they come from `items`).
///
/// With `limit` 0 the main feeds hold every item: they are streamed
/// ([`Sink::stream`]), their items fetched and serialized a batch at a time, so
/// memory does not grow with the number of items.
pub fn render(
    plan: Plan,
    items: &dyn Items,
    site: &Feed,
    templates: &Templates,
    options: &Options,
    sink: &mut dyn Sink,
) -> Result<Output> {
    let Plan {
        split,
        tags,
        fingerprints,
        render_pages,
        render_items,
        kept,
        stream_main,
    } = plan;
    let index_items = if options.limit == 0 {
        INDEX_ITEMS_UNLIMITED
    } else {
        options.limit
    };
    // Main feeds of every item are streamed (`Site::stream_main`): only the items
    // the main page lists are needed here.
    let streamed = options.limit == 0;
    // The items the main and tag feeds show, fetched and rendered once; archive pages
    // fetch and render their own a batch at a time (`Site::archives`).
    let main_here = if streamed {
        split.main.min(index_items)
    } else {
        split.main
    };
    let mut needed: Vec<usize> = (0..main_here).collect();
    needed.extend(tags.values().flat_map(|t| t.indices.iter().copied()));
    needed.sort_unstable();
    needed.dedup();
    let shown = Subset::fetch(items, site, needed)?;
    let rendered = Rendered::new(&shown.feed, templates, options.full_content)?;
    let site_docs = Site {
        templates,
        index_items,
        full_content: options.full_content,
        split,
        site,
    };
    if stream_main {
        site_docs.stream_main(items, sink)?;
    }
    site_docs.main(&rendered, &shown, main_here, streamed, sink)?;
    site_docs.archives(items, &render_pages, sink)?;
    site_docs.tags(&rendered, &shown, tags, sink)?;
    site_docs.item_pages(items, &render_items, sink)?;
    Ok(Output {
        main_items: site_docs.split.main,
        kept,
        fingerprints,
    })
}

/// Some of the items, fetched into a feed of their own; positions in the whole list
/// map to positions in it.
struct Subset {
    feed: Feed,
    /// The whole-list positions of `feed.items`, ascending.
    positions: Vec<usize>,
}

impl Subset {
    fn fetch(items: &dyn Items, site: &Feed, positions: Vec<usize>) -> Result<Subset> {
        let mut feed = Feed {
            items: Vec::new(),
            ..site_header(site)
        };
        feed.items = items.fetch(&positions)?;
        Ok(Subset { feed, positions })
    }

    /// Local indices of whole-list positions (each must be in the subset).
    fn local(&self, positions: impl IntoIterator<Item = usize>) -> Vec<usize> {
        positions
            .into_iter()
            .filter_map(|p| self.positions.binary_search(&p).ok())
            .collect()
    }
}

/// The site metadata of a feed, without its items.
fn site_header(site: &Feed) -> Feed {
    Feed {
        title: site.title.clone(),
        description: site.description.clone(),
        site_url: site.site_url.clone(),
        feed_base_url: site.feed_base_url.clone(),
        author: site.author.clone(),
        language: site.language.clone(),
        hubs: site.hubs.clone(),
        items: Vec::new(),
    }
}

fn archive_dir(k: usize) -> String {
    format!("{ARCHIVE_DIR}/{k}/")
}

/// A hash of everything archive page `k`'s bytes depend on.
fn fingerprint(
    items: &dyn Items,
    site: &Feed,
    templates: &Templates,
    options: &Options,
    split: &Split,
    k: usize,
) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (
        env!("CARGO_PKG_VERSION"),
        templates.fingerprint(),
        options.full_content,
        split.limit,
        k,
        k < split.pages,
    )
        .hash(&mut hasher);
    (
        &site.title,
        &site.description,
        &site.site_url,
        &site.feed_base_url,
        &site.author,
        &site.language,
    )
        .hash(&mut hasher);
    for i in split.page(k) {
        items.fingerprint(i).hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// A hash of everything the streamed main feeds (`limit` 0) depend on: every item.
fn main_fingerprint(items: &dyn Items, site: &Feed, templates: &Templates, options: &Options) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (
        env!("CARGO_PKG_VERSION"),
        "main feeds",
        templates.fingerprint(),
        options.full_content,
        options.max_feed_bytes,
        items.len(),
    )
        .hash(&mut hasher);
    (
        &site.title,
        &site.description,
        &site.site_url,
        &site.feed_base_url,
        &site.author,
        &site.language,
        &site.hubs,
    )
        .hash(&mut hasher);
    for i in 0..items.len() {
        items.fingerprint(i).hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// A hash of everything item `i`'s own page depends on.
fn page_fingerprint(items: &dyn Items, site: &Feed, templates: &Templates, i: usize) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (
        env!("CARGO_PKG_VERSION"),
        "item page",
        templates.fingerprint(),
        items.fingerprint(i),
    )
        .hash(&mut hasher);
    (
        &site.title,
        &site.description,
        &site.site_url,
        &site.feed_base_url,
        &site.language,
    )
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Feeds every field of an item to a hasher. The patterns name every field (no `..`),
/// so a field added to the model does not compile until it is hashed here too. Dates
/// are hashed with their offset: `10:00-05:00` and `15:00Z` are one instant but print
/// differently.
fn hash_item(item: &Item, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    let hash_date = |d: &Date, h: &mut _| {
        (
            d.timestamp(),
            d.timestamp_subsec_nanos(),
            d.offset().local_minus_utc(),
        )
            .hash(h)
    };
    let Item {
        id,
        title,
        url,
        published,
        date_source: _,
        updated,
        authors,
        summary,
        body,
        photos,
        tags,
        source,
    } = item;
    (id, title, url, summary, tags, source).hash(h);
    hash_date(published, h);
    updated.is_some().hash(h);
    if let Some(u) = updated {
        hash_date(u, h);
    }
    authors.len().hash(h);
    for Author { name, email, url } in authors {
        (name, email, url).hash(h);
    }
    match body {
        Body::Paragraphs(ps) => (0u8, ps).hash(h),
        Body::Html(html) => (1u8, html).hash(h),
    }
    photos.len().hash(h);
    for Photo {
        url,
        caption,
        credit: Credit { name, organization },
    } in photos
    {
        (url, caption, name, organization).hash(h);
    }
}

/// What every part of the fan-out needs.
struct Site<'a> {
    templates: &'a Templates,
    /// Items listed on the HTML pages.
    index_items: usize,
    full_content: bool,
    split: Split,
    site: &'a Feed,
}

/// A document of `rendered` served from `dir` (`""`, or a folder such as
/// `archive/3/`), with the stylesheet that sits in the output folder.
fn document<'r>(rendered: &'r Rendered<'r>, title: String, dir: &str, indices: Vec<usize>) -> Document<'r> {
    let base_url = format!("{}{dir}", rendered.feed.feed_base_url);
    let mut doc = Document::new(rendered, title, base_url, indices);
    doc.dir = dir.to_string();
    doc.stylesheet = Some(format!("{}{}", doc.root(), style::CSS.file_name()));
    doc
}

impl Site<'_> {
    fn archive_url(&self, k: usize) -> String {
        format!("{}{}", self.site.feed_base_url, archive_dir(k))
    }

    /// The main feed document's files and the site's own (`feed.css`, `feed.xsl`),
    /// from its first `count` items; without the feeds that `streamed` says
    /// [`Site::stream_main`] wrote.
    fn main(
        &self,
        rendered: &Rendered<'_>,
        shown: &Subset,
        count: usize,
        streamed: bool,
        sink: &mut dyn Sink,
    ) -> Result<()> {
        let mut main = self.main_document(rendered, shown.local(0..count));
        main.listed = Some(self.index_items);
        for w in writers(Scope::Document).filter(|w| !(streamed && w.streaming().is_some())) {
            sink.file((w.file_name().to_string(), w.write(&main)?))?;
        }
        for w in writers(Scope::Site) {
            sink.file((w.file_name().to_string(), w.write(&main)?))?;
        }
        Ok(())
    }

    /// The main feed document over `indices` of `rendered`.
    fn main_document<'r>(&self, rendered: &'r Rendered<'r>, indices: Vec<usize>) -> Document<'r> {
        let mut main = document(rendered, self.site.title.clone(), "", indices);
        main.paging.prev_archive = (self.split.pages > 0).then(|| self.archive_url(self.split.pages));
        main
    }

    /// The main feeds that can be streamed ([`Writer::streaming`]), holding the main
    /// feed's items: fetched [`STREAM_BATCH`] at a time (the next batch while this one
    /// is rendered), rendered, serialized into one spill file per feed and dropped;
    /// then each feed is handed to the sink as its frame around its spill file.
    fn stream_main(&self, items: &dyn Items, sink: &mut dyn Sink) -> Result<()> {
        let feeds: Vec<(&dyn Writer, &dyn Streaming)> = writers(Scope::Document)
            .filter_map(|w| Some((w, w.streaming()?)))
            .collect();
        let spill_error = |e: std::io::Error| Error::Write {
            file: "a spill file of the main feeds".into(),
            message: e.to_string(),
        };
        let mut spills = Vec::new();
        for _ in &feeds {
            let file = tempfile::tempfile().map_err(spill_error)?;
            spills.push((std::io::BufWriter::with_capacity(1 << 20, file), Seen::default()));
        }
        let positions: Vec<usize> = (0..self.split.main).collect();
        let batches: Vec<&[usize]> = positions.chunks(STREAM_BATCH).collect();
        let fetch = |k: usize| {
            batches
                .get(k)
                .map(|b| Subset::fetch(items, self.site, b.to_vec()))
                .transpose()
        };
        let mut next = fetch(0)?;
        for k in 0..batches.len() {
            let Some(batch) = next.take() else { break };
            let (fetched, serialized) = rayon::join(|| fetch(k + 1), || self.stream_batch(&batch, &feeds));
            next = fetched?;
            for ((spill, seen), (bytes, batch_seen)) in spills.iter_mut().zip(serialized?) {
                seen.merge(batch_seen);
                spill.write_all(&bytes).map_err(spill_error)?;
            }
        }
        let empty = Feed {
            items: Vec::new(),
            ..site_header(self.site)
        };
        let rendered = Rendered::new(&empty, self.templates, self.full_content)?;
        let frame_doc = self.main_document(&rendered, Vec::new());
        for ((w, streaming), (spill, seen)) in feeds.into_iter().zip(spills) {
            let (head, tail) = streaming.frame(&frame_doc, &seen)?;
            let mut spill = spill.into_inner().map_err(|e| spill_error(e.into_error()))?;
            spill.seek(std::io::SeekFrom::Start(0)).map_err(spill_error)?;
            let rel = w.file_name().to_string();
            let file = rel.clone();
            sink.stream(rel, &mut |out| {
                let written = out
                    .write_all(&head)
                    .and_then(|()| std::io::copy(&mut spill, out).map(drop))
                    .and_then(|()| out.write_all(&tail));
                written.map_err(|e| Error::Write {
                    file: file.clone(),
                    message: e.to_string(),
                })
            })?;
        }
        Ok(())
    }

    /// One batch of the main feed's items, serialized by each of `feeds` (with the
    /// separator before it when it is not the first batch), and what each saw.
    fn stream_batch(
        &self,
        batch: &Subset,
        feeds: &[(&dyn Writer, &dyn Streaming)],
    ) -> Result<Vec<(Vec<u8>, Seen)>> {
        let rendered = Rendered::new(&batch.feed, self.templates, self.full_content)?;
        let doc = self.main_document(&rendered, (0..batch.feed.items.len()).collect());
        let first = batch.positions.first() == Some(&0);
        feeds
            .par_iter()
            .map(|(_, streaming)| {
                let (items, namespaces) = streaming.items(&doc)?;
                let mut bytes = Vec::with_capacity(items.len() + 1);
                if !first {
                    bytes.extend_from_slice(streaming.separator());
                }
                bytes.extend_from_slice(&items);
                Ok((bytes, Seen::of(&doc, namespaces)))
            })
            .collect()
    }

    /// `archive/<k>/…` for the pages to render, fetched, rendered and serialized a
    /// batch of pages at a time (in parallel) and handed out in order.
    fn archives(&self, items: &dyn Items, pages: &[usize], sink: &mut dyn Sink) -> Result<()> {
        for batch in pages.chunks(PAGE_BATCH) {
            // This batch's items, fetched and rendered for it alone and dropped with it.
            let mut positions: Vec<usize> = batch.iter().flat_map(|&k| self.split.page(k)).collect();
            positions.sort_unstable();
            positions.dedup();
            let subset = Subset::fetch(items, self.site, positions)?;
            let rendered = Rendered::new(&subset.feed, self.templates, self.full_content)?;
            let files: Vec<Vec<File>> = batch
                .par_iter()
                .map(|&k| self.archive_page(&rendered, &subset, k))
                .collect::<Result<_>>()?;
            for file in files.into_iter().flatten() {
                sink.file(file)?;
            }
        }
        Ok(())
    }

    fn archive_page(&self, rendered: &Rendered<'_>, subset: &Subset, k: usize) -> Result<Vec<File>> {
        let dir = archive_dir(k);
        let mut page = document(
            rendered,
            self.site.title.clone(),
            &dir,
            subset.local(self.split.page(k)),
        );
        page.paging = Paging {
            archive: true,
            current: Some(self.site.feed_base_url.clone()),
            prev_archive: (k > 1).then(|| self.archive_url(k - 1)),
            next_archive: (k < self.split.pages).then(|| self.archive_url(k + 1)),
        };
        serialize(&page, &dir)
    }

    /// `tags/<slug>/…` for every tag.
    fn tags(
        &self,
        rendered: &Rendered<'_>,
        shown: &Subset,
        tags: BTreeMap<String, Tag>,
        sink: &mut dyn Sink,
    ) -> Result<()> {
        for (slug, tag) in tags {
            let dir = format!("{TAGS_DIR}/{slug}/");
            let title = format!("{} — {}", self.site.title, tag.name);
            let mut doc = document(rendered, title, &dir, shown.local(tag.indices));
            doc.listed = Some(self.index_items);
            for file in serialize(&doc, &dir)? {
                sink.file(file)?;
            }
        }
        Ok(())
    }
}

impl Site<'_> {
    /// `items/<slug>.html` for the items at `positions`, fetched a batch at a time.
    fn item_pages(&self, items: &dyn Items, positions: &[usize], sink: &mut dyn Sink) -> Result<()> {
        for batch in positions.chunks(PAGE_BATCH * 8) {
            let subset = Subset::fetch(items, self.site, batch.to_vec())?;
            // A page shows the whole article, whatever the feeds carry.
            let rendered = Rendered::new(&subset.feed, self.templates, true)?;
            let pages: Vec<Vec<File>> = (0..subset.feed.items.len())
                .into_par_iter()
                .map(|j| {
                    let item = &subset.feed.items[j];
                    let path = crate::item::page_path(&item.id);
                    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                    let mut doc = document(&rendered, item.title.clone(), &format!("{dir}/"), vec![j]);
                    doc.stylesheet = None;
                    writers(Scope::Item)
                        .map(|w| Ok((path.clone(), w.write(&doc)?)))
                        .collect()
                })
                .collect::<Result<_>>()?;
            for file in pages.into_iter().flatten() {
                sink.file(file)?;
            }
        }
        Ok(())
    }
}

/// A document in every format written per document, as files under `dir`.
fn serialize(doc: &Document<'_>, dir: &str) -> Result<Vec<File>> {
    writers(Scope::Document)
        .map(|w| Ok((format!("{dir}{}", w.file_name()), w.write(doc)?)))
        .collect()
}

/// One tag's feed (see [`super::tags`]).
pub use super::tags::TagFeed as Tag;

/// Groups the items by tag folder, keeping each tag's newest `limit` items.
fn tags(items: &dyn Items, limit: usize) -> BTreeMap<String, Tag> {
    super::tags::group(items, limit)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::item::{Feed, Item};
    use crate::write::tests::sample_feed;

    /// Compares `got` with the golden file at `path`; `SNAPSHOTS=overwrite` rewrites it.
    pub(crate) fn assert_golden(path: &str, got: &str) {
        if std::env::var_os("SNAPSHOTS").is_some_and(|v| v == "overwrite") {
            std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
            std::fs::write(path, got).unwrap();
        }
        let want = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            want == got,
            "{path} differs (SNAPSHOTS=overwrite to update):\n{got}"
        );
    }

    fn site(n: usize) -> Feed {
        let mut feed = Feed::new("Wire", "https://wire.example/");
        let start = chrono::DateTime::parse_from_rfc3339("2023-01-01T00:00:00Z").unwrap();
        // Newest first, as normalize leaves them.
        feed.items = (0..n)
            .rev()
            .map(|k| {
                let mut item = Item::new(
                    format!("https://wire.example/{k}"),
                    format!("Story {k}"),
                    start + chrono::Duration::hours(k as i64),
                );
                item.tags = vec![if k % 2 == 0 { "Even" } else { "odd" }.into()];
                item
            })
            .collect();
        feed
    }

    fn build(feed: &Feed, limit: usize) -> BTreeMap<String, Vec<u8>> {
        let templates = Templates::load(None).unwrap();
        let options = Options::new(limit, true);
        files(feed, &templates, &options).unwrap().into_iter().collect()
    }

    fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
        String::from_utf8(files[path].clone()).unwrap()
    }

    #[test]
    fn split_keeps_the_newest_limit_in_the_main_feed() {
        let s = |n| {
            let s = Split::new(n, 3);
            (s.main, s.pages)
        };
        assert_eq!(
            [s(0), s(2), s(3), s(5), s(6), s(8), s(9), s(10)],
            [(0, 0), (2, 0), (3, 0), (3, 1), (3, 1), (3, 2), (3, 2), (3, 3)]
        );
        // 9 items, newest first: main 0..3, page 2 = 3..6, page 1 (oldest) = 6..9.
        let split = Split::new(9, 3);
        assert_eq!((split.page(1), split.page(2)), (6..9, 3..6));
        // 8 items: the newest page is the incomplete one.
        let split = Split::new(8, 3);
        assert_eq!((split.page(1), split.page(2)), (5..8, 3..5));
    }

    #[test]
    fn every_item_is_in_exactly_one_of_main_and_archives() {
        for n in [0, 1, 4, 5, 9, 10, 11, 23] {
            let feed = site(n);
            let files = build(&feed, 4);
            let mut seen: Vec<String> = Vec::new();
            let pages = files
                .keys()
                .filter(|p| p.starts_with("archive/") && p.ends_with("rss.xml"));
            for path in pages.chain(["rss.xml".to_string()].iter()) {
                let parsed = feed_rs::parser::parse(files[path].as_slice()).unwrap();
                seen.extend(parsed.entries.into_iter().map(|e| e.id));
            }
            seen.sort();
            let mut want: Vec<String> = feed.items.iter().map(|i| i.id.clone()).collect();
            want.sort();
            assert_eq!(seen, want, "n = {n}");
        }
    }

    #[test]
    fn archive_links_chain_from_the_main_feed_to_the_oldest_page() {
        let files = build(&site(13), 4);
        // 13 items, limit 4: 4 in the main feed, pages of 4, 4 and 1 (the newest page).
        let main = text(&files, "rss.xml");
        assert_eq!(feed_rs::parser::parse(main.as_bytes()).unwrap().entries.len(), 4);
        assert!(
            main.contains(r#"<atom:link href="https://wire.example/archive/3/rss.xml" rel="prev-archive""#)
        );
        assert!(!main.contains("fh:archive"));
        assert!(main.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"feed.css\"?>\n<rss "
        ));
        let p3 = text(&files, "archive/3/rss.xml");
        for want in [
            r#"xmlns:fh="http://purl.org/syndication/history/1.0""#,
            "<fh:archive></fh:archive>",
            r#"<atom:link href="https://wire.example/archive/3/rss.xml" rel="self""#,
            r#"<atom:link href="https://wire.example/rss.xml" rel="current""#,
            r#"<atom:link href="https://wire.example/archive/2/rss.xml" rel="prev-archive""#,
            "<?xml-stylesheet type=\"text/css\" href=\"../../feed.css\"?>",
        ] {
            assert!(p3.contains(want), "{want} missing from\n{p3}");
        }
        assert!(!p3.contains("next-archive"));
        assert_eq!(feed_rs::parser::parse(p3.as_bytes()).unwrap().entries.len(), 1);
        let p1 = text(&files, "archive/1/atom.xml");
        assert!(p1.contains(r#"<link href="https://wire.example/archive/2/atom.xml" rel="next-archive""#));
        assert!(!p1.contains("prev-archive"));
        assert!(p1.contains("<fh:archive></fh:archive>"));
        // Page 1 holds the four oldest stories; its date is its own newest item's.
        let parsed = feed_rs::parser::parse(files["archive/1/atom.xml"].as_slice()).unwrap();
        let titles: Vec<_> = parsed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(titles, ["Story 3", "Story 2", "Story 1", "Story 0"]);
        assert_eq!(parsed.updated.unwrap().to_rfc3339(), "2023-01-01T03:00:00+00:00");
        // An archive page is a page of the main feed: same Atom id.
        assert_eq!(parsed.id, "https://wire.example/atom.xml");
        // JSON Feed pages through the same chain with next_url.
        let json: serde_json::Value = serde_json::from_slice(&files["feed.json"]).unwrap();
        assert_eq!(json["next_url"], "https://wire.example/archive/3/feed.json");
        let json: serde_json::Value = serde_json::from_slice(&files["archive/2/feed.json"]).unwrap();
        assert_eq!(json["next_url"], "https://wire.example/archive/1/feed.json");
        assert_eq!(json["_wirefeed"]["current_url"], "https://wire.example/feed.json");
        // The HTML pages follow the same chain, with relative links.
        let index = text(&files, "index.html");
        assert!(index.contains(r#"<a class="older" href="archive/3/index.html">Older items →</a>"#));
        assert!(!index.contains("Newer items"));
        let p3 = text(&files, "archive/3/index.html");
        assert!(p3.contains(r#"<a class="newer" href="../../index.html">← Newer items</a>"#));
        assert!(p3.contains(r#"<a class="older" href="../../archive/2/index.html">Older items →</a>"#));
        // An archive page announces the feeds to subscribe to: the main ones.
        assert!(p3.contains(
            r#"type="application/rss+xml" title="Wire (RSS)" href="https://wire.example/rss.xml">"#
        ));
        let p1 = text(&files, "archive/1/index.html");
        assert!(p1.contains(r#"<a class="newer" href="../../archive/2/index.html">← Newer items</a>"#));
        assert!(!p1.contains("Older items"));
    }

    #[test]
    fn archive_pages_match_the_golden_files() {
        let files = build(&site(6), 2);
        for (rel, golden) in [
            ("archive/1/rss.xml", "archive-1-rss.xml"),
            ("archive/1/atom.xml", "archive-1-atom.xml"),
            ("archive/2/feed.json", "archive-2-feed.json"),
            ("archive/1/index.html", "archive-1-index.html"),
        ] {
            let path = format!("{}/tests/fixtures/writers/{golden}", env!("CARGO_MANIFEST_DIR"));
            assert_golden(&path, &text(&files, rel));
        }
    }

    #[test]
    fn a_new_item_leaves_complete_archive_pages_byte_identical() {
        // 14 items, limit 4: main 4; pages 1 and 2 complete, page 3 holds 2.
        let before = build(&site(14), 4);
        let after = build(&site(15), 4);
        let complete: Vec<_> = before
            .keys()
            .filter(|p| p.starts_with("archive/1/") || p.starts_with("archive/2/"))
            .collect();
        assert_eq!(complete.len(), 8); // 2 pages × (3 feeds + index.html)
        for path in complete {
            assert_eq!(before[path], after[path], "{path} changed");
        }
        assert_ne!(before["rss.xml"], after["rss.xml"]);
        assert_ne!(
            before["archive/3/rss.xml"], after["archive/3/rss.xml"],
            "the newest page fills up"
        );
        // Items 17 and 18 complete page 3 and start page 4: page 3 gains next-archive,
        // page 1 stays identical.
        let grown = build(&site(17), 4);
        assert!(grown.contains_key("archive/4/feed.json"));
        assert_eq!(before["archive/1/rss.xml"], grown["archive/1/rss.xml"]);
        assert!(text(&grown, "archive/3/rss.xml").contains("archive/4/rss.xml\" rel=\"next-archive\""));
    }

    #[test]
    fn tag_feeds_merge_spellings_and_keep_the_newest_limit_items() {
        let mut feed = sample_feed();
        feed.items[2].tags = vec!["ÉCONOMIE".into(), "economie".into()];
        let files = build(&feed, 2);
        let names: Vec<_> = files.keys().filter(|p| p.starts_with("tags/")).cloned().collect();
        assert_eq!(
            names,
            [
                "tags/economie/atom.xml",
                "tags/economie/feed.json",
                "tags/economie/index.html",
                "tags/economie/rss.xml",
                "tags/transport/atom.xml",
                "tags/transport/feed.json",
                "tags/transport/index.html",
                "tags/transport/rss.xml",
            ]
        );
        let parsed = feed_rs::parser::parse(files["tags/economie/atom.xml"].as_slice()).unwrap();
        // "economie" is used twice, "Économie" and "ÉCONOMIE" once each.
        assert_eq!(parsed.title.unwrap().content, "Harbor Gazette — economie");
        let ids: Vec<_> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "https://gazette.example/2024/ferry",
                "tag:gazette.example,2000:council"
            ]
        );
        let json: serde_json::Value = serde_json::from_slice(&files["tags/economie/feed.json"]).unwrap();
        assert_eq!(
            json["feed_url"],
            "https://gazette.example/feeds/tags/economie/feed.json"
        );
        let rss = text(&files, "tags/transport/rss.xml");
        assert!(rss.contains(
            r#"<atom:link href="https://gazette.example/feeds/tags/transport/rss.xml" rel="self""#
        ));
    }

    #[test]
    fn the_index_page_lists_items_and_announces_the_feeds() {
        let files = build(&sample_feed(), 50);
        let page = text(&files, "index.html");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/writers/index.html");
        assert_golden(path, &page);
        for want in [
            r#"<link rel="alternate" type="application/rss+xml" title="Harbor Gazette (RSS)" href="https://gazette.example/feeds/rss.xml">"#,
            r#"<link rel="alternate" type="application/atom+xml" title="Harbor Gazette (Atom)" href="https://gazette.example/feeds/atom.xml">"#,
            r#"<link rel="alternate" type="application/feed+json" title="Harbor Gazette (JSON Feed)" href="https://gazette.example/feeds/feed.json">"#,
            "Ferry “Nordlys” returns &amp; docks",
            "Council votes",
            "Tide tables",
            r#"<time datetime="2024-05-02T08:15:00-04:00">May 2, 2024, 8:15 AM UTC-04:00</time>"#,
            r#"<a href="tags/economie/index.html">Économie</a>"#,
        ] {
            assert!(page.contains(want), "{want} missing");
        }
        let tag_page = text(&files, "tags/transport/index.html");
        assert!(tag_page.contains(r#"<a href="../../index.html">"#));
        assert!(text(&files, "feed.xsl").starts_with("<?xml"));
    }

    #[test]
    fn a_rebuild_skips_archive_pages_whose_fingerprint_is_on_record() {
        let templates = Templates::load(None).unwrap();
        let options = Options::new(4, true);
        let first = write_site(&site(13), &templates, &options, &Fingerprints::new(), &mut |_| {
            Ok(())
        })
        .unwrap();
        let record = first.fingerprints;
        let archived: Vec<_> = record.keys().filter(|k| k.starts_with("archive/")).collect();
        assert_eq!(archived, ["archive/1/", "archive/2/", "archive/3/"]);
        // The stories have no URL: each has a page of its own, with its fingerprint.
        assert_eq!(record.keys().filter(|k| k.starts_with("items/")).count(), 13);
        let story0 = "items/0-5e87091a.html";
        assert!(record.contains_key(story0));
        // Edit the title of the oldest story: only page 1 changes.
        let mut feed = site(13);
        feed.items[12].title = "Story 0, corrected".into();
        let mut written = BTreeMap::new();
        let out = write_site(&feed, &templates, &options, &record, &mut |(rel, bytes)| {
            written.insert(rel, bytes);
            Ok(())
        })
        .unwrap();
        assert_eq!(out.main_items, 4);
        let kept_archives: Vec<_> = out.kept.iter().filter(|k| k.starts_with("archive/")).collect();
        assert_eq!(
            kept_archives,
            [
                "archive/2/rss.xml",
                "archive/2/atom.xml",
                "archive/2/feed.json",
                "archive/2/index.html",
                "archive/3/rss.xml",
                "archive/3/atom.xml",
                "archive/3/feed.json",
                "archive/3/index.html"
            ]
        );
        // Only the edited story's own page is rendered again.
        assert_eq!(out.kept.iter().filter(|k| k.starts_with("items/")).count(), 12);
        assert!(!out.kept.iter().any(|k| k == story0));
        assert!(written.contains_key(story0));
        assert!(written.contains_key("archive/1/rss.xml"));
        assert!(!written.contains_key("archive/2/rss.xml"));
        // What was skipped is exactly what a full build would have written.
        let full = build(&feed, 4);
        for (rel, bytes) in written {
            assert_eq!(full[&rel], bytes, "{rel}");
        }
        assert_ne!(out.fingerprints["archive/1/"], record["archive/1/"]);
        assert_eq!(out.fingerprints["archive/2/"], record["archive/2/"]);
    }

    #[test]
    fn a_page_is_on_record_only_while_all_its_files_were_published() {
        let record: Fingerprints = [
            ("archive/1/", "a"),
            ("archive/2/", "b"),
            ("items/x-00000001.html", "c"),
            ("items/y-00000002.html", "d"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
        let published = [
            "archive/1/rss.xml",
            "archive/1/atom.xml",
            "archive/1/feed.json",
            "archive/1/index.html",
            // archive/2/ lacks its index.html (published by an older version).
            "archive/2/rss.xml",
            "archive/2/atom.xml",
            "archive/2/feed.json",
            "items/x-00000001.html",
        ];
        let kept = still_published(&record, |rel| published.contains(&rel));
        assert_eq!(
            kept.keys().collect::<Vec<_>>(),
            ["archive/1/", "items/x-00000001.html"]
        );
    }

    #[test]
    fn limit_zero_puts_every_item_in_the_main_feeds_without_archives() {
        let files = build(&site(7), 0);
        assert!(!files.keys().any(|p| p.starts_with("archive/")));
        let parsed = feed_rs::parser::parse(files["rss.xml"].as_slice()).unwrap();
        assert_eq!(parsed.entries.len(), 7);
        let even = feed_rs::parser::parse(files["tags/even/atom.xml"].as_slice()).unwrap();
        assert_eq!(even.entries.len(), 4);
        assert!(!text(&files, "rss.xml").contains("prev-archive"));
    }

    /// The main feeds and page of `feed` written whole, as one document of every item.
    fn in_memory(feed: &Feed, full: bool) -> BTreeMap<String, Vec<u8>> {
        let templates = Templates::load(None).unwrap();
        let rendered = Rendered::new(feed, &templates, full).unwrap();
        let mut doc = document(&rendered, feed.title.clone(), "", (0..feed.items.len()).collect());
        doc.listed = Some(INDEX_ITEMS_UNLIMITED);
        writers(Scope::Document)
            .map(|w| (w.file_name().to_string(), w.write(&doc).unwrap()))
            .collect()
    }

    /// `feed` built with `limit` 0 (the main feeds streamed a batch at a time).
    fn streamed(feed: &Feed, full: bool) -> BTreeMap<String, Vec<u8>> {
        let templates = Templates::load(None).unwrap();
        let options = Options::new(0, full);
        let mut out = BTreeMap::new();
        write_site(feed, &templates, &options, &Fingerprints::new(), &mut |(
            rel,
            bytes,
        )| {
            out.insert(rel, bytes);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn streamed_main_feeds_match_the_golden_files() {
        // The golden files were written whole by each writer: photos (Media RSS),
        // bylines (dc:creator), HTML (content:encoded), hubs.
        let files = streamed(&sample_feed(), true);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/writers");
        assert_eq!(
            text(&files, "rss.xml"),
            std::fs::read_to_string(format!("{dir}/rss.xml")).unwrap()
        );
        assert_eq!(
            text(&files, "atom.xml"),
            std::fs::read_to_string(format!("{dir}/atom.xml")).unwrap()
        );
    }

    #[test]
    fn streamed_main_feeds_are_the_bytes_of_the_whole_document() {
        // Over two batch boundaries, with the only photo, byline and text in the last
        // batch, so the namespaces it needs are known only at the end.
        let n = 2 * STREAM_BATCH + 3;
        let mut big = site(n);
        let last = &mut big.items[n - 2];
        last.authors = vec![Author::named("Ana Øberg")];
        last.body = Body::Paragraphs(vec!["Text & more.".into()]);
        last.photos = vec![Photo {
            url: Some("https://img.wire.example/a.jpg?x=1&y=2".into()),
            ..Photo::new("A ferry", Default::default())
        }];
        let cases = [
            ("sample", sample_feed(), true),
            ("sample, summaries", sample_feed(), false),
            ("empty", site(0), true),
            ("one bare item", site(1), true),
            ("three batches", big.clone(), true),
            ("three batches, summaries", big, false),
        ];
        for (name, feed, full) in cases {
            let streamed = streamed(&feed, full);
            let whole = in_memory(&feed, full);
            assert_eq!(whole.len(), 4);
            for (file, bytes) in whole {
                assert!(
                    streamed[&file] == bytes,
                    "{name}: {file} differs:\n{}\n---\n{}",
                    String::from_utf8_lossy(&streamed[&file]),
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        // The JSON Feed's items across batches are one valid array.
        let json: serde_json::Value = serde_json::from_slice(&streamed(&site(n), true)["feed.json"]).unwrap();
        assert_eq!(json["items"].as_array().unwrap().len(), n);
        assert_eq!(
            json["items"][STREAM_BATCH]["title"],
            format!("Story {}", n - 1 - STREAM_BATCH)
        );
    }

    #[test]
    fn a_rebuild_keeps_streamed_main_feeds_whose_items_did_not_change() {
        let templates = Templates::load(None).unwrap();
        let options = Options::new(0, true);
        let rebuild = |feed: &Feed, record: &Fingerprints| {
            let mut written = Vec::new();
            let out = write_site(feed, &templates, &options, record, &mut |(rel, _)| {
                written.push(rel);
                Ok(())
            })
            .unwrap();
            (out, written)
        };
        let (first, written) = rebuild(&site(5), &Fingerprints::new());
        assert!(written.contains(&"rss.xml".to_string()));
        let record = first.fingerprints;
        assert!(record.contains_key(MAIN_FEEDS));
        let (again, written) = rebuild(&site(5), &record);
        let main_kept: Vec<_> = again.kept.iter().filter(|k| !k.contains('/')).collect();
        assert_eq!(main_kept, ["rss.xml", "atom.xml", "feed.json"]);
        assert!(!written.iter().any(|w| w.ends_with(".xml") && !w.contains('/')));
        assert!(
            written.contains(&"index.html".to_string()),
            "the main page is rendered"
        );
        // Another title: the main feeds are streamed again.
        let mut edited = site(5);
        edited.items[3].title = "Story 1, corrected".into();
        let (third, written) = rebuild(&edited, &record);
        assert!(written.contains(&"feed.json".to_string()));
        assert!(!third.kept.iter().any(|k| k == "feed.json"));
        assert_ne!(third.fingerprints[MAIN_FEEDS], record[MAIN_FEEDS]);
        // Kept only while the ledger says each of them was published.
        let all = ["rss.xml", "atom.xml", "feed.json"];
        let kept = still_published(&record, |rel| all.contains(&rel));
        assert!(kept.contains_key(MAIN_FEEDS));
        let kept = still_published(&record, |rel| rel == "rss.xml");
        assert!(!kept.contains_key(MAIN_FEEDS));
    }

    #[test]
    fn fingerprints_see_every_field_and_the_date_offset() {
        let fp = |item: &Item| {
            let mut h = std::hash::DefaultHasher::new();
            hash_item(item, &mut h);
            std::hash::Hasher::finish(&h)
        };
        let base = site(1).items.remove(0);
        let mut shifted = base.clone();
        shifted.published = base
            .published
            .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap());
        assert_eq!(shifted.published, base.published, "the same instant");
        let mut captioned = base.clone();
        captioned.photos = vec![crate::item::Photo::new("A ferry", Default::default())];
        let mut html = base.clone();
        html.body = Body::Html(String::new());
        let all = [fp(&base), fp(&shifted), fp(&captioned), fp(&html)];
        for (i, a) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|b| a != b), "{all:?}");
        }
        assert_eq!(fp(&base), fp(&base.clone()));
    }

    #[test]
    fn building_twice_gives_the_same_bytes() {
        assert_eq!(build(&site(30), 4), build(&site(30), 4));
    }
}
