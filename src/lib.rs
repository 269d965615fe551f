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
    let options = write::site::Options::new(cfg.limit, cfg.full_content);

    // Plan: archive pages the last build published, when its record can be trusted.
    let ledger = store.ledger()?;
    let previous = if publish::ledger_holds(&cfg.out, &ledger) {
        write::site::still_published(store.archive_pages()?, |rel| ledger.contains_key(rel))
    } else {
        Default::default()
    };
    let stored = Stored {
        items,
        first_seen,
        store: std::sync::Mutex::new(store),
    };
    let plan = write::site::plan(&stored, &site, &templates, &options, &previous);

    // Render into a batch of staged files, a few files in memory at a time.
    let mut published = publish::Published::default();
    let mut batch = publish::Batch::new();
    let mut now_published = std::collections::BTreeMap::new();
    let mut staging = Staging {
        out: &cfg.out,
        batch: &mut batch,
        published: &mut published,
        now_published: &mut now_published,
    };
    let output = write::site::render(plan, &stored, &site, &templates, &options, &mut staging)?;
    for rel in output.kept {
        if let Some(hash) = ledger.get(&rel) {
            now_published.insert(rel.clone(), *hash);
        }
        published.unchanged.push(rel);
    }

    // Publish, then record what was published.
    batch.commit()?;
    published.removed = publish::remove_stale(&cfg.out, &ledger, &now_published)?;
    let Stored { items, store, .. } = stored;
    let store = store
        .into_inner()
        .map_err(|_| Error::io(&cfg.state_dir, std::io::Error::other("state store lock poisoned")))?;
    let main_ids: Vec<&str> = items[..output.main_items].iter().map(|m| m.id.as_str()).collect();
    store.set_ledger(&now_published, &main_ids)?;
    store.set_archive_pages(&output.fingerprints)?;
    store.commit()?;
    Ok(Report {
        items: output.main_items,
        articles: items.len(),
        errors: scanned.errors,
        warnings,
        published,
    })
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
}

impl write::site::Sink for Staging<'_> {
    fn file(&mut self, (rel, bytes): write::site::File) -> Result<()> {
        self.now_published.insert(rel.clone(), state::hash(&bytes));
        let changed = self.batch.stage(&self.out.join(&rel), &bytes)?;
        self.published.record(rel, changed);
        Ok(())
    }

    fn stream(&mut self, rel: String, write: &mut write::site::WriteFn<'_>) -> Result<()> {
        let (changed, hash) = self.batch.stage_with(&self.out.join(&rel), write)?;
        self.now_published.insert(rel.clone(), hash);
        self.published.record(rel, changed);
        Ok(())
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
