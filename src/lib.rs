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
pub mod guard;
pub mod item;
pub mod load;
pub mod normalize;
pub mod publish;
pub mod serve;
pub mod state;
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
    feed.hubs = cfg.hubs.clone();
    feed.items = items;
    feed
}

/// Builds the site: loads the articles that changed since the last build, writes the
/// feeds that change (main, archive and tag feeds, the browser pages), publishes them
/// and removes what the last build published and this one does not. Articles that fail
/// to load are reported in [`Report::errors`]; the rest is still published.
pub fn build(cfg: &Config) -> Result<Report> {
    build_with(cfg, &load::NoProgress)
}

/// [`build`], telling `progress` how loading goes.
///
/// The stages: **load** (phase 1, [`load::load_all_with_state`]: unchanged files'
/// items come from the state store), **plan** ([`write::site::plan`]: pure, from the
/// items' metadata and the previous build's record), **render**
/// ([`write::site::render`]: files, bodies fetched from the store) and **publish**
/// (the only stage that touches the output folder, [`publish::Batch`] then
/// [`publish::remove_stale`]), and last the record of what was published, committed
/// with everything else the build learned.
pub fn build_with(cfg: &Config, progress: &dyn load::Progress) -> Result<Report> {
    let mut warnings = Vec::new();
    let store = state::Store::open(&cfg.state_dir, &mut warnings)?;
    store.begin()?;
    let scanned = load::load_all_with_state(cfg, &store, progress)?;
    warnings.extend(scanned.warnings);
    let now = chrono::Utc::now().with_timezone(&cfg.timezone).fixed_offset();
    let items = dated(scanned.items, &store, now, &mut warnings)?;
    let (items, first_seen) = items;
    let mut items = dedupe(items, &mut warnings);
    // What a build refuses to publish (src/guard.rs): items dated in the future wait for
    // their time; a site that would lose too many items publishes nothing.
    warnings.extend(guard::embargo(&mut items, chrono::Utc::now(), cfg.build_future).message());
    capped_tags(cfg, &mut items, &mut warnings);
    if !cfg.force {
        let now: std::collections::BTreeSet<String> = items.iter().map(|m| m.id.clone()).collect();
        guard::shrink(
            &cfg.out,
            &guard::previous_main_ids(&cfg.out),
            &now,
            cfg.max_shrink,
        )?;
    }
    let site = feed_for(cfg, Vec::new(), &mut Vec::new());
    let templates = template::Templates::load(cfg.templates_dir.as_deref())?;

    // Plan: archive pages the last build published, when its record can be trusted.
    let ledger = store.ledger()?;
    let recorded_pages = store.archive_pages()?;
    let previous = if publish::ledger_holds(&cfg.out, &ledger) {
        write::site::still_published(&recorded_pages, |rel| ledger.contains_key(rel))
    } else {
        Default::default()
    };
    let stored = Stored {
        items,
        first_seen,
        store: std::sync::Mutex::new(store),
    };
    // Render into a batch of staged files, a few files in memory at a time: with
    // `limit` items per feed, checking each feed's size as it is staged, unless the
    // item sizes known from earlier builds show that a feed cannot fit; when one is
    // over `max_feed_bytes`, again with the number the size budget gives
    // (`write::budget`).
    let stage = |per_feed: usize, check: bool| -> Result<Option<StagedSite>> {
        let budget = if check { cfg.max_feed_bytes } else { 0 };
        let options = write::site::Options::new(per_feed, cfg.full_content).with_budget(budget);
        let plan = write::site::plan(&stored, &site, &templates, &options, &previous);
        let mut published = publish::Published::default();
        let mut batch = publish::Batch::new(&cfg.out);
        let mut now_published = std::collections::BTreeMap::new();
        let mut staging = Staging {
            out: &cfg.out,
            batch: &mut batch,
            published: &mut published,
            now_published: &mut now_published,
            max_feed_bytes: (options.max_feed_bytes > 0).then_some(options.max_feed_bytes),
            over: false,
        };
        let rendered = write::site::render(plan, &stored, &site, &templates, &options, &mut staging);
        let over = staging.over;
        let output = match rendered {
            Err(_) if over => return Ok(None),
            other => other?,
        };
        for rel in &output.kept {
            if let Some(hash) = ledger.get(rel) {
                now_published.insert(rel.clone(), *hash);
            }
            published.unchanged.push(rel.clone());
        }
        Ok(Some(StagedSite {
            batch,
            published,
            now_published,
            output,
        }))
    };
    let tags: Vec<Vec<usize>> = write::tags::group(&stored, usize::MAX)
        .into_values()
        .map(|t| t.indices)
        .collect();
    // `max_feed_bytes = 0`: no budget (feeds of any size, which `check` reports).
    let budget = cfg.max_feed_bytes > 0;
    let known = if budget {
        item_sizes(cfg, &stored, &site, &templates, false)?
    } else {
        None
    };
    let surely_over = known
        .as_ref()
        .is_some_and(|sizes| write::budget::surely_over(sizes, &tags, cfg.limit, cfg.max_feed_bytes));
    let mut staged = if surely_over {
        None
    } else {
        stage(cfg.limit, budget)?
    };
    if staged.is_none() {
        let sizes = match known {
            Some(sizes) => sizes,
            None => item_sizes(cfg, &stored, &site, &templates, true)?.unwrap_or_default(),
        };
        let per_feed = size_budget(cfg, &stored, &site, &templates, &sizes, &tags, &mut warnings)?;
        staged = stage(per_feed, false)?;
    }
    let Some(StagedSite {
        batch,
        mut published,
        now_published,
        output,
    }) = staged
    else {
        unreachable!("staging without a size check always completes")
    };

    // Publish, then record what was published.
    test_hold_before_commit();
    batch.commit_with(cfg.test_fail_publish_at)?;
    published.removed = publish::remove_stale(&cfg.out, &ledger, &now_published)?;
    let Stored { items, store, .. } = stored;
    let store = store
        .into_inner()
        .map_err(|_| Error::io(&cfg.state_dir, std::io::Error::other("state store lock poisoned")))?;
    let main_ids: Vec<&str> = items[..output.main_items].iter().map(|m| m.id.as_str()).collect();
    store.set_ledger(&ledger, &now_published, &main_ids)?;
    store.set_archive_pages(&recorded_pages, &output.fingerprints)?;
    store.commit()?;
    Ok(Report {
        items: output.main_items,
        articles: items.len(),
        errors: scanned.errors,
        warnings,
        published,
    })
}

/// A test-only hook: when the environment variable `_WIREFEED_TEST_HOLD_BEFORE_COMMIT`
/// names a folder, a build that has staged all its files creates the file `staged` in
/// it and waits for a file `go` there before it publishes them, so that a test can look
/// at (or signal) a build that is staged but has not committed. Not a `WIREFEED_`
/// variable: those are config keys.
#[doc(hidden)]
fn test_hold_before_commit() {
    if let Some(dir) = std::env::var_os("_WIREFEED_TEST_HOLD_BEFORE_COMMIT") {
        let dir = std::path::Path::new(&dir);
        let _ = std::fs::write(dir.join("staged"), "");
        while !dir.join("go").exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// The files of a site rendered and staged, not yet published.
struct StagedSite {
    batch: publish::Batch,
    published: publish::Published,
    now_published: std::collections::BTreeMap<String, [u8; 16]>,
    output: write::site::Output,
}

/// Each item's size in a feed, per format ([`write::budget::item_sizes`]): kept in the
/// state store per item version. With `measure`, the sizes not kept yet are measured
/// (and kept, and those of items gone forgotten); without, `None` unless all are kept.
fn item_sizes(
    cfg: &Config,
    stored: &Stored,
    site: &Feed,
    templates: &template::Templates,
    measure: bool,
) -> Result<Option<Vec<Vec<usize>>>> {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (
        env!("CARGO_PKG_VERSION"),
        templates.fingerprint(),
        cfg.full_content,
        &site.title,
        &site.site_url,
        &site.feed_base_url,
        &site.author,
        &site.language,
    )
        .hash(&mut h);
    let seed = h.finish();
    let keys: Vec<u64> = stored
        .items
        .iter()
        .map(|m| xxhash_rust::xxh3::xxh3_64_with_seed(&m.fingerprint.to_le_bytes(), seed))
        .collect();
    let store = || {
        stored
            .store
            .lock()
            .map_err(|_| Error::io(&cfg.state_dir, std::io::Error::other("state store lock poisoned")))
    };
    let known = store()?.item_sizes()?;
    let missing: Vec<usize> = (0..keys.len())
        .filter(|&i| !known.contains_key(&keys[i]))
        .collect();
    if !measure && !missing.is_empty() {
        return Ok(None);
    }
    let mut sizes: Vec<Vec<usize>> = keys
        .iter()
        .map(|k| known.get(k).cloned().unwrap_or_default())
        .collect();
    for chunk in missing.chunks(256) {
        let items = write::site::Items::fetch(stored, chunk)?;
        let measured = write::budget::item_sizes(site, templates, cfg.full_content, items)?;
        for (&i, size) in chunk.iter().zip(measured) {
            sizes[i] = size;
        }
    }
    let added: Vec<(u64, Vec<usize>)> = missing.iter().map(|&i| (keys[i], sizes[i].clone())).collect();
    let current: std::collections::HashSet<u64> = keys.iter().copied().collect();
    let gone: Vec<u64> = known.keys().filter(|k| !current.contains(k)).copied().collect();
    if !added.is_empty() || !gone.is_empty() {
        store()?.update_item_sizes(&added, &gone)?;
    }
    Ok(Some(sizes))
}

/// The number of items per feed and archive page when `cfg.limit` items make a feed
/// over `cfg.max_feed_bytes` ([`write::budget::fit`]), with a warning, and one per
/// article too big for a feed of its own.
fn size_budget(
    cfg: &Config,
    stored: &Stored,
    site: &Feed,
    templates: &template::Templates,
    sizes: &[Vec<usize>],
    tags: &[Vec<usize>],
    warnings: &mut Vec<String>,
) -> Result<usize> {
    let longest = write::tags::group(stored, 0)
        .into_values()
        .map(|t| format!("{} — {}", site.title, t.name))
        .max_by_key(String::len)
        .unwrap_or_else(|| site.title.clone());
    let overhead = write::budget::overhead(site, templates, cfg.full_content, &longest)?;
    let max = cfg.max_feed_bytes;
    let per_feed = write::budget::fit(sizes, tags, cfg.limit, max, &overhead);
    if per_feed != cfg.limit {
        let wanted = if cfg.limit == 0 {
            "every item (limit = 0)".to_string()
        } else {
            format!("{} items (limit)", cfg.limit)
        };
        warnings.push(format!(
            "the feeds hold the newest {per_feed} items, not {wanted}: more would make a feed over max_feed_bytes = {max} bytes; the older items are in the archive pages"
        ));
    }
    for i in write::budget::oversized(sizes, max, &overhead) {
        let largest = sizes[i]
            .iter()
            .zip(&overhead)
            .map(|(s, o)| s + o)
            .max()
            .unwrap_or(0);
        warnings.push(format!(
            "{}: this article alone makes a feed of {} KiB, over max_feed_bytes = {max} bytes: shorten it, or publish summaries (full_content = false)",
            stored.items[i].source,
            largest / 1024
        ));
    }
    Ok(per_feed)
}

/// Applies the tag limits ([`write::tags::cap`]) to the items' metadata; an item whose
/// tags changed gets a new fingerprint, since its rendering shows its tags.
fn capped_tags(cfg: &Config, items: &mut [state::ItemMeta], warnings: &mut Vec<String>) {
    let before: Vec<usize> = items.iter().map(|m| m.tags.len()).collect();
    write::tags::cap(items, cfg.max_tags, cfg.max_tag_feeds, warnings);
    for (meta, n) in items.iter_mut().zip(before) {
        if meta.tags.len() != n {
            meta.fingerprint =
                xxhash_rust::xxh3::xxh3_64_with_seed(meta.tags.join("\n").as_bytes(), meta.fingerprint);
        }
    }
}

/// Items dated by the time a build first saw them (`first-seen`) get that time: the
/// one recorded in the store, or `now` for an item seen for the first time (recorded,
/// with one warning). Returns the items and the dates put in, by id.
fn dated(
    mut items: Vec<state::ItemMeta>,
    store: &state::Store,
    now: item::Date,
    warnings: &mut Vec<String>,
) -> Result<(
    Vec<state::ItemMeta>,
    std::collections::HashMap<String, item::Date>,
)> {
    use chrono::Timelike;
    let now = now.with_nanosecond(0).unwrap_or(now);
    let recorded = store.first_seen()?;
    let mut used = std::collections::HashMap::new();
    for item in items.iter_mut().filter(|i| i.first_seen) {
        let seen = match recorded.get(&item.id).or(used.get(&item.id)) {
            Some(d) => *d,
            None => {
                store.put_first_seen(&item.id, now)?;
                warnings.push(format!(
                    "{}: the article gives no date; dated {}, when this build first saw it (kept from now on)",
                    item.source,
                    now.to_rfc3339()
                ));
                now
            }
        };
        item.published = seen;
        item.fingerprint =
            xxhash_rust::xxh3::xxh3_64_with_seed(seen.to_rfc3339().as_bytes(), item.fingerprint);
        used.insert(item.id.clone(), seen);
    }
    Ok((items, used))
}

/// Merges duplicates (same id or same URL) into one item, the most recently updated,
/// with a warning naming both files; then sorts newest first (ties by id). The same
/// rule as [`normalize::normalize`], on metadata.
fn dedupe(items: Vec<state::ItemMeta>, warnings: &mut Vec<String>) -> Vec<state::ItemMeta> {
    let newer = |a: &state::ItemMeta, b: &state::ItemMeta| {
        (a.last_modified(), &b.source) > (b.last_modified(), &a.source)
    };
    let mut kept: Vec<state::ItemMeta> = Vec::with_capacity(items.len());
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in items {
        let keys = [Some(item.id.clone()), item.url.clone()];
        match keys.iter().flatten().find_map(|k| index.get(k).copied()) {
            Some(i) => {
                let other = &kept[i];
                let replace = newer(&item, other);
                warnings.push(format!(
                    "{} and {} are the same article (id {}); kept the one from {}",
                    other.source,
                    item.source,
                    other.id,
                    if replace { &item.source } else { &other.source }
                ));
                if replace {
                    kept[i] = item;
                    for k in [Some(kept[i].id.clone()), kept[i].url.clone()]
                        .into_iter()
                        .flatten()
                    {
                        index.insert(k, i);
                    }
                }
            }
            None => {
                for k in keys.into_iter().flatten() {
                    index.insert(k, kept.len());
                }
                kept.push(item);
            }
        }
    }
    kept.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    kept
}

/// The items of a build as the writers see them: metadata in memory, bodies fetched
/// from the state store when a document needs them.
struct Stored {
    items: Vec<state::ItemMeta>,
    first_seen: std::collections::HashMap<String, item::Date>,
    store: std::sync::Mutex<state::Store>,
}

impl write::site::Items for Stored {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn tags(&self, i: usize) -> &[String] {
        &self.items[i].tags
    }

    fn fingerprint(&self, i: usize) -> u64 {
        self.items[i].fingerprint
    }

    fn id(&self, i: usize) -> &str {
        &self.items[i].id
    }

    fn has_url(&self, i: usize) -> bool {
        self.items[i].url.is_some()
    }

    fn fetch(&self, indices: &[usize]) -> Result<Vec<Item>> {
        let store = self
            .store
            .lock()
            .map_err(|_| Error::io(".", std::io::Error::other("state store lock poisoned")))?;
        indices
            .iter()
            .map(|&i| {
                let meta = &self.items[i];
                let mut item = store.item(&meta.path, meta.nth)?;
                // The tags left after the site's tag limits (`capped_tags`).
                item.tags.clone_from(&meta.tags);
                if item.date_source == item::DateSource::FirstSeen
                    && let Some(seen) = self.first_seen.get(&item.id)
                {
                    item.published = *seen;
                }
                Ok(item)
            })
            .collect()
    }
}

/// Rendered files staged into a [`publish::Batch`], with their hashes for the ledger.
struct Staging<'a> {
    out: &'a std::path::Path,
    batch: &'a mut publish::Batch,
    published: &'a mut publish::Published,
    now_published: &'a mut std::collections::BTreeMap<String, [u8; 16]>,
    /// The size budget feeds are checked against as they are staged, if any.
    max_feed_bytes: Option<usize>,
    /// Set when a feed was over the budget (staging then stops with an error).
    over: bool,
}

impl Staging<'_> {
    /// Stops staging when `rel`, a feed of `len` bytes, is over the budget.
    fn check(&mut self, rel: &str, len: u64) -> Result<()> {
        let feed = write::feed_writers().any(|w| rel.ends_with(w.file_name()));
        match self.max_feed_bytes {
            Some(max) if feed && len > max as u64 => {
                self.over = true;
                Err(Error::Write {
                    file: rel.to_string(),
                    message: "over max_feed_bytes".into(),
                })
            }
            _ => Ok(()),
        }
    }
}

impl write::site::Sink for Staging<'_> {
    fn file(&mut self, (rel, bytes): write::site::File) -> Result<()> {
        self.check(&rel, bytes.len() as u64)?;
        self.now_published.insert(rel.clone(), state::hash(&bytes));
        let path = self.out.join(&rel);
        let changed = if publish::is_main_feed(&rel) {
            self.batch.stage_last(&path, &bytes)?
        } else {
            self.batch.stage(&path, &bytes)?
        };
        self.published.record(rel, changed);
        Ok(())
    }

    fn stream(&mut self, rel: String, write: &mut write::site::WriteFn<'_>) -> Result<()> {
        let mut len = 0u64;
        let last = publish::is_main_feed(&rel);
        let (changed, hash) = self.batch.stage_with(&self.out.join(&rel), last, &mut |w| {
            let mut counted = CountingWriter {
                inner: w,
                len: &mut len,
            };
            write(&mut counted)
        })?;
        self.check(&rel, len)?;
        self.now_published.insert(rel.clone(), hash);
        self.published.record(rel, changed);
        Ok(())
    }
}

/// A writer that counts the bytes written through it.
struct CountingWriter<'a> {
    inner: &'a mut dyn std::io::Write,
    len: &'a mut u64,
}

impl std::io::Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        *self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Loads files for `wirefeed inspect`: every item each file yields, normalized the way
/// a build would (summary filled in, URLs absolute), but not deduplicated or limited,
/// with the warnings loading and normalizing gave for that file. A record of a file
/// that fails while the others load comes as one more `Err` entry for that file.
pub fn inspect(cfg: &Config, paths: &[std::path::PathBuf]) -> Vec<Inspected> {
    paths
        .iter()
        .flat_map(|path| {
            let mut warnings = Vec::new();
            let (result, failed) = match load::load_file(path, cfg) {
                Ok(loaded) => {
                    warnings.extend(loaded.warnings);
                    (Ok(loaded.items), loaded.errors)
                }
                Err(e) => (Err(e), Vec::new()),
            };
            let result = result.map(|items| {
                items
                    .into_iter()
                    .flat_map(|i| normalize::normalize(vec![i], &cfg.site_url, &mut warnings))
                    .collect()
            });
            std::iter::once((path.clone(), result, warnings))
                .chain(failed.into_iter().map(|e| (path.clone(), Err(e), Vec::new())))
        })
        .collect()
}

/// One file as `wirefeed inspect` shows it: its path, its items or the error, and the
/// warnings about it.
pub type Inspected = (std::path::PathBuf, Result<Vec<Item>>, Vec<String>);
