//! Loading articles: finds input files and reads them ([`walk`], the only place that
//! reads article files), decodes them, and hands each one to the [`Loader`] for its
//! format.
//!
//! Loaders are pure: they get a [`Source`] (path + decoded text + optional sidecar)
//! and a [`Context`] (settings, time zone, a place for warnings) and return items.
//! Adding an input format means one new file here and one line in [`LOADERS`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono_tz::Tz;
use rayon::prelude::*;

use crate::config::{Config, MissingDate};
use crate::error::{Error, Result};
use crate::item::{Date, DateSource, Item};

pub mod boilerplate;
pub mod credit;
mod decode;
pub mod entities;
pub mod html;
mod ids;
pub mod json;
pub mod markdown;
mod meta;
pub mod nesting;
pub mod text;
pub mod walk;

pub use decode::decode;

/// One input format.
pub trait Loader: Sync {
    /// Short name of the format, e.g. `text`.
    fn name(&self) -> &'static str;
    /// File extensions (lower case, without the dot) this loader reads.
    fn extensions(&self) -> &'static [&'static str];
    /// Turns one file into items (a file may hold several articles, or none).
    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>>;
}

/// Every loader, in the order they are tried for an extension.
pub static LOADERS: &[&dyn Loader] = &[
    &text::TextLoader,
    &markdown::MarkdownLoader,
    &json::JsonLoader,
    &html::HtmlLoader,
];

/// An input file, read and decoded.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Source {
    /// The file's path as found (used in messages).
    pub path: PathBuf,
    /// The path relative to the input folder, `/`-separated (used in ids).
    pub rel_path: String,
    /// The text, decoded to UTF-8, without a byte-order mark.
    pub text: String,
    /// A sidecar metadata file (`NAME.toml` beside `NAME.txt`) and its text.
    pub sidecar: Option<(PathBuf, String)>,
    /// The file's modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
    /// What decoding had to repair (invalid UTF-8, control characters), one message
    /// each, naming the file (and the line).
    pub warnings: Vec<String>,
}

impl Source {
    /// A source made from a string (tests, stdin).
    pub fn from_text(rel_path: &str, text: &str) -> Self {
        Source {
            path: PathBuf::from(rel_path),
            rel_path: rel_path.to_string(),
            text: text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            sidecar: None,
            modified: None,
            warnings: Vec::new(),
        }
    }

    /// An error about this file at a 1-based line.
    pub fn error(&self, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::article(&self.path, line, message)
    }
}

/// What a loader may use besides the file: the settings and a warnings list.
#[derive(Debug)]
pub struct Context<'a> {
    /// The build's settings.
    pub config: &'a Config,
    /// The time zone for this file (per-folder overrides applied).
    pub timezone: Tz,
    warnings: RefCell<Vec<String>>,
    failed: RefCell<Vec<Error>>,
}

impl<'a> Context<'a> {
    /// A context for the file at `rel_path`.
    pub fn new(config: &'a Config, rel_path: &str) -> Self {
        Context {
            config,
            timezone: config.timezone_for(rel_path),
            warnings: RefCell::new(Vec::new()),
            failed: RefCell::new(Vec::new()),
        }
    }

    /// Records a warning about the current file.
    pub fn warn(&self, message: impl Into<String>) {
        self.warnings.borrow_mut().push(message.into());
    }

    /// Records an article of the current file that could not be loaded while the
    /// file's other articles load (a bad record of an NDJSON file): it counts as a
    /// failed article, exactly like a file that fails.
    pub fn fail(&self, error: Error) {
        self.failed.borrow_mut().push(error);
    }

    /// The warnings recorded so far.
    pub fn into_warnings(self) -> Vec<String> {
        self.warnings.into_inner()
    }

    /// The warnings and the failed articles recorded so far.
    pub fn into_parts(self) -> (Vec<String>, Vec<Error>) {
        (self.warnings.into_inner(), self.failed.into_inner())
    }
}

/// Dates read for this file use its zone and the configured zone abbreviations, and
/// daylight-saving notes become warnings.
impl crate::date::Zones for Context<'_> {
    fn policy(&self) -> crate::date::Policy<'_> {
        crate::date::Policy {
            abbreviations: Some(&self.config.zone_abbreviations),
            ..crate::date::Policy::new(self.timezone)
        }
    }

    fn note(&self, message: String) {
        self.warn(message);
    }
}

/// The date of an article that gives none, by the `missing_date` policy (one rule for
/// every loader). `why` says what was missing, for the messages.
///
/// - `first-seen` (the default): a stand-in date (the Unix epoch) marked [`DateSource::FirstSeen`]; the build replaces it with the time
///   it first saw the article and warns once, so the loader says nothing.
/// - `mtime`: the file's modification time, with a warning.
/// - `error`: the article is refused.
pub fn missing_date(src: &Source, ctx: &Context<'_>, why: &str) -> Result<(Date, DateSource)> {
    let modified = src.modified.map(|m| {
        chrono::DateTime::<chrono::Utc>::from(m)
            .with_timezone(&ctx.timezone)
            .fixed_offset()
    });
    match (ctx.config.missing_date, modified) {
        // The stand-in is fixed (not the file's time, which a checkout changes), so
        // `inspect` gives the same output everywhere.
        (MissingDate::FirstSeen, _) => {
            Ok((chrono::DateTime::UNIX_EPOCH.fixed_offset(), DateSource::FirstSeen))
        }
        (MissingDate::Mtime, Some(d)) => {
            ctx.warn(format!(
                "{why}; used the file's modification time, {}",
                d.to_rfc3339()
            ));
            Ok((d, DateSource::Mtime))
        }
        (MissingDate::Mtime, None) => Err(src.error(
            None,
            format!("{why}, and the file system gives no modification time"),
        )),
        (MissingDate::Error, _) => Err(src.error(
            None,
            format!(
                "{why}; set missing_date = \"first-seen\" or \"mtime\" in wirefeed.toml to date it anyway"
            ),
        )),
    }
}

/// The result of loading a folder or a file: items, per-file (or per-record) errors
/// and warnings.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Loaded {
    /// Every item from every file that loaded.
    pub items: Vec<Item>,
    /// One error per file (or record of a file of several articles) that did not load.
    pub errors: Vec<Error>,
    /// Warnings, each prefixed with its file.
    pub warnings: Vec<String>,
}

/// The loader for a path, by extension.
pub fn loader_for(path: &Path) -> Option<&'static dyn Loader> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    LOADERS
        .iter()
        .copied()
        .find(|l| l.extensions().contains(&ext.as_str()))
}

/// `path` relative to `root`, with `/` separators; the file name if it is not inside.
pub(crate) fn relative_path(path: &Path, root: &Path) -> String {
    let without_dots = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let (path, root) = (without_dots(path), without_dots(root));
    let rel = path.strip_prefix(&root).unwrap_or(&path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// Loads one file named outside a walk (`wirefeed inspect`): the checks of
/// [`walk::entry_for`], then [`load_entry`].
pub fn load_file(path: &Path, config: &Config) -> Result<Loaded> {
    load_entry(&walk::entry_for(path, config)?, config)
}

/// Reads one walked file and loads it with its loader: `Err` when the file fails, else
/// its items, its records that failed (each naming the file and line) and its warnings
/// (prefixed with the path).
pub fn load_entry(entry: &walk::Entry, config: &Config) -> Result<Loaded> {
    let path = entry.path.as_path();
    let loader = loader_for(path).ok_or_else(|| {
        let known: Vec<&str> = LOADERS.iter().flat_map(|l| l.extensions()).copied().collect();
        Error::article(
            path,
            None,
            format!("no loader for this file type (known: .{})", known.join(", .")),
        )
    })?;
    let src = walk::read(entry, config)?;
    load_source(loader, &src, config)
}

/// Runs `loader` over a read file: its items (each naming its source file), its records
/// that failed and its warnings, prefixed with the path.
fn load_source(loader: &dyn Loader, src: &Source, config: &Config) -> Result<Loaded> {
    let ctx = Context::new(config, &src.rel_path);
    let mut items = loader.load(src, &ctx)?;
    for item in &mut items {
        if item.source.is_empty() {
            item.source = src.rel_path.clone();
        }
    }
    let (warnings, errors) = ctx.into_parts();
    let warnings = src
        .warnings
        .iter()
        .cloned()
        .chain(
            warnings
                .into_iter()
                .map(|w| format!("{}: {w}", src.path.display())),
        )
        .collect();
    Ok(Loaded {
        items,
        errors,
        warnings,
    })
}

/// Told how loading goes, for progress bars and log lines. Called from several
/// threads at once.
pub trait Progress: Sync {
    /// Loading starts: `total` files were found.
    fn start(&self, total: usize) {
        let _ = total;
    }
    /// One more file was loaded (or failed).
    fn advance(&self) {}
    /// Loading is over.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Loads every article under the input folder, in parallel. A file that fails is
/// recorded in [`Loaded::errors`]; the others still load.
pub fn load_all(config: &Config) -> Result<Loaded> {
    load_all_with(config, &NoProgress)
}

/// [`load_all`], reporting each file to `progress`.
pub fn load_all_with(config: &Config, progress: &dyn Progress) -> Result<Loaded> {
    let walked = walk::walk(config);
    progress.start(walked.entries.len());
    let results: Vec<Result<Loaded>> = walked
        .entries
        .par_iter()
        .map(|entry| {
            let result = load_entry(entry, config);
            progress.advance();
            result
        })
        .collect();
    progress.finish();
    let mut loaded = Loaded {
        errors: walked.errors,
        ..Loaded::default()
    };
    for result in results {
        match result {
            Ok(file) => {
                loaded.items.extend(file.items);
                loaded.errors.extend(file.errors);
                loaded.warnings.extend(file.warnings);
            }
            Err(e) => loaded.errors.push(e),
        }
    }
    Ok(loaded)
}

/// What phase 1 of a build found: every item's metadata (bodies stay in the state
/// store), per-file errors and warnings.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Scanned {
    /// The items' metadata, file by file in listing order, each file's in order.
    pub items: Vec<crate::state::ItemMeta>,
    /// One error per file that did not load (unchanged bad files included).
    pub errors: Vec<Error>,
    /// Warnings, each prefixed with its file (unchanged files' included).
    pub warnings: Vec<String>,
    /// Files read and parsed by this build (new or changed ones).
    pub parsed: usize,
}

/// Files read and parsed together in parallel before their records go to the store.
const PARSE_CHUNK: usize = 256;

/// Phase 1 of a build: lists the input, takes each unchanged file's record from
/// `store` without reading the file (same size and modification time, or same
/// content), reads and parses only new and changed files, records them, and forgets
/// files that are gone. Memory holds the items' metadata, never all their bodies.
pub fn load_all_with_state(
    config: &Config,
    store: &crate::state::Store,
    progress: &dyn Progress,
) -> Result<Scanned> {
    use crate::state::{FileRecord, ItemMeta, hash, nanos};
    let fingerprint = shaping_settings(config);
    if store.meta("config")?.as_deref() != Some(fingerprint.as_str()) {
        store.forget_files()?;
        store.set_meta("config", &fingerprint)?;
    }
    // An input folder that cannot be listed fails the build: publishing empty feeds
    // over a missing folder would wipe the site.
    std::fs::read_dir(&config.input).map_err(|e| Error::io(&config.input, e))?;
    let walked = walk::walk(config);
    progress.start(walked.entries.len());
    let mut records = store.files()?;
    let mut stored = store.item_metas()?;
    let mut scanned = Scanned {
        errors: walked.errors,
        ..Scanned::default()
    };
    // A file modified this close to now may change again within the same timestamp
    // tick: its time is not recorded, so the next build compares its content.
    let recent = nanos(Some(SystemTime::now())).map(|n| n - 2_000_000_000);
    let stat_of = |e: &walk::Entry| {
        let mtime = nanos(e.modified).filter(|&m| recent.is_some_and(|r| m < r));
        let sidecar = e.sidecar.as_ref().map(|s| {
            (
                s.size,
                nanos(s.modified).filter(|&m| recent.is_some_and(|r| m < r)),
            )
        });
        (e.size, mtime, sidecar)
    };
    let same_stat = |rec: &FileRecord, e: &walk::Entry| {
        let (size, mtime, sidecar) = stat_of(e);
        rec.size == size
            && mtime.is_some()
            && rec.mtime_ns == mtime
            && rec.sidecar == sidecar
            && sidecar.is_none_or(|s| s.1.is_some())
    };
    // Entries whose stored record does not stand on its size and time alone.
    let mut changed: Vec<usize> = Vec::new();
    for (i, entry) in walked.entries.iter().enumerate() {
        match records.get(&entry.rel) {
            Some(rec) if same_stat(rec, entry) => progress.advance(),
            _ => changed.push(i),
        }
    }
    /// What reading one changed file gave.
    enum Outcome {
        /// Same content as recorded: only its times changed.
        Same(FileRecord),
        /// Parsed: its new record and items (with their JSON and derived ids).
        Parsed(FileRecord, Vec<(ItemMeta, String, Option<String>)>),
        /// It could not be read, or failed in a way not worth remembering.
        Failed(Error),
    }
    let listed: std::collections::HashSet<&str> = walked.entries.iter().map(|e| e.rel.as_str()).collect();
    // Read only when some file is parsed (a no-change rebuild needs no ids).
    let rows = if changed.is_empty() {
        Default::default()
    } else {
        store.id_history()?
    };
    let mut history = ids::IdHistory::new(rows, &listed);
    let mut fresh: HashMap<String, Vec<ItemMeta>> = HashMap::new();
    for chunk in changed.chunks(PARSE_CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|&i| {
                let entry = &walked.entries[i];
                let outcome = (|| {
                    let src = walk::read(entry, config)?;
                    let (size, mtime_ns, sidecar) = stat_of(entry);
                    let mut bytes = src.text.clone().into_bytes();
                    if let Some((_, side)) = &src.sidecar {
                        bytes.push(0);
                        bytes.extend_from_slice(side.as_bytes());
                    }
                    let content = hash(&bytes);
                    drop(bytes);
                    let mut rec = FileRecord {
                        path: entry.rel.clone(),
                        size,
                        mtime_ns,
                        sidecar,
                        hash: content,
                        warnings: Vec::new(),
                        error: None,
                    };
                    if let Some(old) = records.get(&entry.rel).filter(|r| r.hash == content) {
                        rec.warnings = old.warnings.clone();
                        rec.error = old.error.clone();
                        return Ok(Outcome::Same(rec));
                    }
                    let loader = loader_for(&entry.path)
                        .ok_or_else(|| Error::article(&entry.path, None, "no loader for this file type"))?;
                    match load_source(loader, &src, config) {
                        Ok(Loaded {
                            items,
                            errors,
                            mut warnings,
                        }) => {
                            rec.error = record_errors(&errors);
                            let path: std::sync::Arc<str> = entry.rel.as_str().into();
                            // Cleaning's warnings (dropped URLs, removed characters) are
                            // the file's: remembered with it, reported on every build.
                            let items: Vec<Item> = items
                                .into_iter()
                                .flat_map(|item| {
                                    crate::normalize::normalize(vec![item], &config.site_url, &mut warnings)
                                })
                                .collect();
                            rec.warnings = warnings;
                            let items = items
                                .into_iter()
                                .enumerate()
                                .map(|(nth, item)| {
                                    let json = serde_json::to_string(&item)
                                        .map_err(|e| Error::io(&entry.path, std::io::Error::other(e)))?;
                                    let derived = ids::derived_id(config, &entry.rel, &item);
                                    Ok((
                                        ItemMeta::of(&item, path.clone(), nth as u32, &json),
                                        json,
                                        derived,
                                    ))
                                })
                                .collect::<Result<Vec<_>>>()?;
                            Ok(Outcome::Parsed(rec, items))
                        }
                        Err(Error::Article { line, message, .. }) => {
                            rec.error = Some((line, message));
                            Ok(Outcome::Parsed(rec, Vec::new()))
                        }
                        Err(e) => Ok(Outcome::Failed(e)),
                    }
                })();
                progress.advance();
                outcome.unwrap_or_else(Outcome::Failed)
            })
            .collect();
        for (&i, outcome) in chunk.iter().zip(outcomes) {
            let rel = &walked.entries[i].rel;
            match outcome {
                Outcome::Same(rec) => {
                    store.touch_file(&rec)?;
                    records.insert(rec.path.clone(), rec);
                }
                Outcome::Parsed(rec, items) => {
                    let items = keep_ids(
                        &mut history,
                        &rec,
                        items,
                        &walked.entries[i],
                        config,
                        store,
                        &mut scanned.warnings,
                    )?;
                    store.put_file(&rec, &items)?;
                    fresh.insert(rel.clone(), items.into_iter().map(|(m, _)| m).collect());
                    records.insert(rec.path.clone(), rec);
                    scanned.parsed += 1;
                }
                Outcome::Failed(e) => {
                    store.remove_file(rel)?;
                    records.remove(rel);
                    scanned.errors.push(e);
                }
            }
        }
    }
    progress.finish();
    for gone in records.keys().filter(|p| !listed.contains(p.as_str())) {
        store.remove_file(gone)?;
    }
    for entry in &walked.entries {
        let Some(rec) = records.get(&entry.rel) else {
            continue;
        };
        scanned.warnings.extend(rec.warnings.iter().cloned());
        if let Some((line, message)) = &rec.error {
            scanned
                .errors
                .push(Error::article(&entry.path, *line, message.clone()));
        }
        let items = fresh
            .remove(&entry.rel)
            .or_else(|| stored.remove(&entry.rel))
            .unwrap_or_default();
        scanned.items.extend(items);
    }
    Ok(scanned)
}

/// Gives the items of a file just parsed the ids they keep ([`ids`]: across edits and
/// renames), records them in the id history, forgets the history of the gone files
/// they came from, and warns once per renamed file. Returns the items with their JSON.
fn keep_ids(
    history: &mut ids::IdHistory,
    rec: &crate::state::FileRecord,
    items: Vec<(crate::state::ItemMeta, String, Option<String>)>,
    entry: &walk::Entry,
    config: &Config,
    store: &crate::state::Store,
    warnings: &mut Vec<String>,
) -> Result<Vec<(crate::state::ItemMeta, String)>> {
    let wanted: Vec<(Option<&str>, Option<&str>)> = items
        .iter()
        .map(|(m, _, derived)| (derived.as_deref(), m.url.as_deref()))
        .collect();
    let assigned = history.assign(&rec.path, &rec.hash, &wanted);
    let mut rows = Vec::with_capacity(items.len());
    let mut kept = Vec::with_capacity(items.len());
    for ((mut meta, mut json, derived), id) in items.into_iter().zip(assigned.ids) {
        if let Some(id) = id {
            let bad = |e: serde_json::Error| Error::io(&entry.path, std::io::Error::other(e));
            let mut item: Item = serde_json::from_str(&json).map_err(bad)?;
            item.id = id;
            json = serde_json::to_string(&item).map_err(bad)?;
            meta = crate::state::ItemMeta::of(&item, meta.path.clone(), meta.nth, &json);
        }
        rows.push(crate::state::IdRecord {
            path: rec.path.clone(),
            nth: meta.nth,
            hash: rec.hash,
            url: meta.url.clone(),
            derived,
            id: meta.id.clone(),
        });
        kept.push((meta, json));
    }
    for old in &assigned.renamed_from {
        store.forget_id_history(old)?;
        let ids: Vec<&str> = kept.iter().map(|(m, _)| m.id.as_str()).collect();
        warnings.push(format!(
            "{}: same article as {}, which is gone (renamed or moved?): keeps its id {}, so readers do not see it again as new",
            entry.path.display(),
            config.input.join(old).display(),
            ids.join(", ")
        ));
    }
    // A file that yields nothing now (a draft, an error) keeps its history for when it
    // yields its items again.
    if !rows.is_empty() {
        store.put_id_history(&rec.path, &rows)?;
    }
    Ok(kept)
}

/// The records of a file that failed (NDJSON lines, JSON array entries), remembered as
/// the file's one error so that an unchanged file still reports them: the first
/// failure's line, and every message.
fn record_errors(errors: &[Error]) -> Option<(Option<usize>, String)> {
    let first_line = match errors.first()? {
        Error::Article { line, .. } => *line,
        _ => None,
    };
    let messages: Vec<String> = errors
        .iter()
        .enumerate()
        .map(|(i, e)| match e {
            Error::Article {
                line: Some(l),
                message,
                ..
            } if i > 0 => format!("line {l}: {message}"),
            Error::Article { message, .. } => message.clone(),
            other => other.to_string(),
        })
        .collect();
    Some((first_line, messages.join("; ")))
}

/// A fingerprint of the settings that change what an input file yields (everything
/// but the settings only the writers read) and of the wirefeed version: when it
/// changes, every file is parsed again.
fn shaping_settings(config: &Config) -> String {
    let mut c = config.clone();
    c.title = String::new();
    c.description = None;
    c.feed_url = String::new();
    c.author = None;
    c.language = None;
    c.out = PathBuf::new();
    c.state_dir = PathBuf::new();
    c.limit = 0;
    c.full_content = true;
    c.templates_dir = None;
    c.max_feed_bytes = 0;
    c.test_fail_publish_at = None;
    let text = format!("{} {c:?}", env!("CARGO_PKG_VERSION"));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// The stable id of an article without a URL: a `tag:` URI (RFC 4151) from the site's
/// host, the configured fixed date and the file's path relative to the input folder.
/// Neither the text nor the date of the article enters it, so edits never change it.
pub fn tag_id(config: &Config, rel_path: &str) -> String {
    let specific: String = rel_path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._~/!$&'()*+,;=@".contains(c) {
                c.to_string()
            } else {
                percent(c)
            }
        })
        .collect();
    format!("tag:{},{}:{}", config.host(), config.id_date, specific)
}

fn percent(c: char) -> String {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_have_no_root_or_dot_parts() {
        assert_eq!(
            relative_path(Path::new("site/articles/a/b.txt"), Path::new("site/articles")),
            "a/b.txt"
        );
        assert_eq!(
            relative_path(Path::new("/tmp/x/b.txt"), Path::new("articles")),
            "tmp/x/b.txt"
        );
        assert_eq!(
            relative_path(Path::new("./articles/../b.txt"), Path::new("articles")),
            "b.txt"
        );
        assert_eq!(
            relative_path(Path::new("articles/x/b.txt"), Path::new("./articles")),
            "x/b.txt"
        );
        assert_eq!(
            relative_path(Path::new("./articles/b.txt"), Path::new("articles/")),
            "b.txt"
        );
    }

    #[test]
    fn tag_ids_depend_only_on_host_date_and_path() {
        let cfg = Config::for_site("https://news.example.com/", chrono_tz::UTC);
        assert_eq!(
            tag_id(&cfg, "world/syria talks.txt"),
            "tag:news.example.com,2000:world/syria%20talks.txt"
        );
    }
}
