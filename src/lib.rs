//! wirefeed turns news articles — scraped page text, Markdown with front matter, JSON
//! exports, HTML pages — into RSS 2.0, Atom 1.0 and JSON Feed files with correct dates,
//! photo captions and photo credits.
//!
//! The pipeline reads top to bottom in the module list:
//!
//! ```text
//! articles/*  ──load──▶  Item  ──normalize──▶  Feed  ──write──▶  bytes  ──publish──▶  feeds/
//! ```
//!
//! Building a feed from a string and writing it as RSS:
//!
//! ```
//! use wirefeed::{Config, load::{Context, Loader, Source, text::TextLoader}};
//! use wirefeed::write::{Rendered, Writer, rss::RssWriter};
//!
//! let cfg = Config::for_site("https://news.example.com", chrono_tz::America::New_York);
//! let src = Source::from_text("a.txt", "Mayor opens bridge\n\nMarch 3, 2021 9:00 AM\n\nThe bridge opened.\n");
//! let items = TextLoader.load(&src, &Context::new(&cfg, "a.txt"))?;
//! let feed = wirefeed::feed_for(&cfg, items, &mut Vec::new());
//! let templates = wirefeed::template::Templates::load(None)?;
//! let xml = RssWriter.write(&Rendered::new(&feed, &templates, true)?.document())?;
//! let xml = String::from_utf8(xml).unwrap();
//! assert!(xml.contains("<title>Mayor opens bridge</title>"));
//! assert!(xml.contains("<pubDate>Wed, 03 Mar 2021 09:00:00 -0500</pubDate>"));
//! # Ok::<(), wirefeed::Error>(())
//! ```

pub mod check;
pub mod config;
pub mod date;
pub mod error;
pub mod item;
pub mod load;
pub mod normalize;
pub mod publish;
pub mod serve;
pub mod template;
pub mod write;

pub use config::Config;
pub use error::{Error, Result};
pub use item::{Feed, Item};

/// What a build did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Report {
    /// Items in the main feeds.
    pub items: usize,
    /// Articles found (after dedupe).
    pub articles: usize,
    /// Articles that could not be loaded; the feeds were written without them.
    pub errors: Vec<Error>,
    /// Things the user should look at, though nothing failed.
    pub warnings: Vec<String>,
    /// Output files written, and those left alone because nothing changed.
    pub published: publish::Published,
}

/// The feed for a site from loaded items: normalized and sorted newest first. Every
/// item stays: the writers apply `cfg.limit` (main and tag feeds) and page the rest
/// into archives.
pub fn feed_for(cfg: &Config, items: Vec<Item>, warnings: &mut Vec<String>) -> Feed {
    let items = normalize::normalize(items, &cfg.site_url, warnings);
    let mut feed = Feed::new(cfg.title.clone(), cfg.site_url.clone());
    feed.feed_base_url = cfg.feed_url.clone();
    if let Some(d) = &cfg.description {
        feed.description = d.clone();
    }
    if let Some(a) = &cfg.author {
        feed.author = a.clone();
    }
    feed.language = cfg.language.clone();
    feed.items = items;
    feed
}

/// Builds the site: loads every article, writes every feed (main, archive and tag feeds,
/// the browser pages), publishes what changed. Articles that fail to load are reported
/// in [`Report::errors`]; the rest is still published.
pub fn build(cfg: &Config) -> Result<Report> {
    build_with(cfg, &load::NoProgress)
}

/// [`build`], telling `progress` how loading goes.
pub fn build_with(cfg: &Config, progress: &dyn load::Progress) -> Result<Report> {
    let loaded = load::load_all_with(cfg, progress)?;
    let mut warnings = loaded.warnings;
    let feed = feed_for(cfg, loaded.items, &mut warnings);
    let templates = template::Templates::load(cfg.templates_dir.as_deref())?;
    let unchanged = archive_on_disk(&cfg.out);
    let options = write::site::Options::new(cfg.limit, cfg.full_content).skip_unchanged(&unchanged);
    // Files go to disk one at a time: the archive is never whole in memory. They are
    // published together at the end (see `publish::Batch`).
    let mut published = publish::Published::default();
    let mut batch = publish::Batch::new();
    let output = write::site::write_site(&feed, &templates, &options, &mut |(rel, bytes)| {
        let changed = batch.stage(&cfg.out.join(&rel), &bytes)?;
        published.record(rel, changed);
        Ok(())
    })?;
    batch.commit()?;
    published.unchanged.extend(output.kept);
    Ok(Report {
        items: output.main_items,
        articles: feed.items.len(),
        errors: loaded.errors,
        warnings,
        published,
    })
}

/// Whether an archive page folder of `out` holds the page of a fingerprint: the last
/// build recorded that fingerprint and every file is there. Archive pages that pass
/// are not rendered again.
fn archive_on_disk(out: &std::path::Path) -> impl Fn(&str, &str) -> bool + Sync + use<> {
    let out = out.to_path_buf();
    let manifest = std::fs::read_to_string(out.join(write::site::MANIFEST)).unwrap_or_default();
    let record = write::site::parse_manifest(&manifest);
    move |dir, fingerprint| {
        record.get(dir).is_some_and(|r| r == fingerprint)
            && write::WRITERS
                .iter()
                .all(|w| out.join(dir).join(w.file_name()).is_file())
    }
}

/// Loads files for `wirefeed inspect`: every item each file yields, normalized the way
/// a build would (summary filled in, URLs absolute), but not deduplicated or limited,
/// with the warnings loading and normalizing gave for that file.
pub fn inspect(cfg: &Config, paths: &[std::path::PathBuf]) -> Vec<Inspected> {
    paths
        .iter()
        .map(|path| {
            let mut warnings = Vec::new();
            let result = load::load_file(path, cfg).map(|(items, w)| {
                warnings.extend(w);
                items
                    .into_iter()
                    .flat_map(|i| normalize::normalize(vec![i], &cfg.site_url, &mut warnings))
                    .collect()
            });
            (path.clone(), result, warnings)
        })
        .collect()
}

/// One file as `wirefeed inspect` shows it: its path, its items or the error, and the
/// warnings about it.
pub type Inspected = (std::path::PathBuf, Result<Vec<Item>>, Vec<String>);
