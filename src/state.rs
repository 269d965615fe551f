//! The build's state: what each input file yielded and what the last build published,
//! kept in one SQLite database, `state.sqlite`, in the state folder (`state_dir`,
//! default `.wirefeed/` beside the config file). It is a cache and a memory, never an
//! input: deleting it makes the next build a full one, with the same bytes, except
//! that first-seen dates are taken again.
//!
//! # Tables
//!
//! Inspect them with `sqlite3 .wirefeed/state.sqlite`.
//!
//! | table | one row per | columns |
//! |---|---|---|
//! | `meta` | setting | `key`, `value`: `schema_version`, `config` (a hash of the settings that change what files yield) |
//! | `files` | input file | `path` (relative to the input folder), `size`, `mtime_ns`, `sidecar_size`, `sidecar_mtime_ns` (NULL without a sidecar), `hash` (xxh3-128 of its decoded text and sidecar), `warnings` (JSON array), `error_line`, `error` (the loader's message, NULL when it loaded) |
//! | `items` | item a file yielded | `path`, `nth` (its place in the file), `id`, `url`, `published`, `updated` (RFC 3339 with offset), `first_seen` (1 when the article gives no date), `tags` (JSON array), `source`, `fingerprint` (xxh3-64 of the item as stored) |
//! | `bodies` | item | `path`, `nth`, `item` (the normalized item as JSON: what the writers render) |
//! | `first_seen` | undated article | `id`, `seen` (RFC 3339): the time a build first saw it, its date ever after |
//! | `id_history` | item a file yielded (kept after the file is gone) | `path`, `nth`, `hash` (the file's), `url`, `derived` (the id wirefeed made for it from its URL or path; NULL for an id the article gives), `id` (the id it was published with): how ids survive edits and renames (see `src/load/ids.rs`) |
//! | `item_sizes` | item | `key` (a hash of the item's fingerprint and of what its rendering depends on), `sizes` (the bytes it adds to a feed in each format, comma-separated: see [`crate::write::budget`]) |
//! | `archive_pages` | archive page | `dir` (`archive/3/`), `fingerprint` of everything its bytes depend on |
//! | `published` | output file | `path` (relative to the output folder), `hash` (xxh3-128 of its bytes) |
//! | `main_items` | item of the main feeds | `position` (0 = newest), `id` |
//!
//! Items are stored as JSON rather than a binary encoding: the model's serde form
//! skips empty fields, which the compact binary formats (postcard, bincode) cannot
//! read back, and JSON can be read with SQLite's own `json_extract`. Bodies sit in
//! their own table so that a rebuild reads every item's metadata without touching a
//! body.
//!
//! # Safety
//!
//! The database runs in WAL mode and a build changes it in one transaction, committed
//! after its files are published: a build killed at any point leaves the state of the
//! last finished build. A store of an older `schema_version` this version knows is
//! migrated in place (version 1 to 2: `id_history` gains `nth` and `derived`, and
//! `item_sizes` is new); one of
//! another version, or one SQLite cannot read, is moved aside (`state.sqlite.old`) and
//! started afresh, with a warning.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::item::{Date, Item};

/// The version of the tables above; a store of any other version is rebuilt.
pub const SCHEMA_VERSION: i64 = 2;

/// The database file's name inside the state folder.
pub const FILE_NAME: &str = "state.sqlite";

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER,
    sidecar_size INTEGER, sidecar_mtime_ns INTEGER, hash BLOB NOT NULL,
    warnings TEXT NOT NULL, error_line INTEGER, error TEXT);
CREATE TABLE items (
    path TEXT NOT NULL, nth INTEGER NOT NULL, id TEXT NOT NULL, url TEXT,
    published TEXT NOT NULL, updated TEXT, first_seen INTEGER NOT NULL,
    tags TEXT NOT NULL, source TEXT NOT NULL, fingerprint INTEGER NOT NULL,
    PRIMARY KEY (path, nth));
CREATE TABLE bodies (path TEXT NOT NULL, nth INTEGER NOT NULL, item TEXT NOT NULL,
    PRIMARY KEY (path, nth));
CREATE TABLE first_seen (id TEXT PRIMARY KEY, seen TEXT NOT NULL);
CREATE TABLE id_history (path TEXT NOT NULL, hash BLOB NOT NULL, url TEXT, id TEXT NOT NULL,
    nth INTEGER NOT NULL DEFAULT 0, derived TEXT);
CREATE INDEX id_history_path ON id_history (path);
CREATE TABLE archive_pages (dir TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
CREATE TABLE item_sizes (key INTEGER PRIMARY KEY, sizes TEXT NOT NULL);
CREATE TABLE published (path TEXT PRIMARY KEY, hash BLOB NOT NULL);
CREATE TABLE main_items (position INTEGER PRIMARY KEY, id TEXT NOT NULL);
";

/// Version 1 to 2: `id_history` gains each item's place in its file (`nth`, from the
/// order the rows were written in) and the id wirefeed derived for it (`derived`:
/// version 1 never replaced a derived id, so it is the id, or an id the article gave,
/// which is never looked up as derived).
const MIGRATE_1_TO_2: &str = "
ALTER TABLE id_history ADD COLUMN nth INTEGER NOT NULL DEFAULT 0;
ALTER TABLE id_history ADD COLUMN derived TEXT;
UPDATE id_history SET derived = id, nth = (
    SELECT COUNT(*) FROM id_history AS h
    WHERE h.path = id_history.path AND h.rowid < id_history.rowid);
CREATE TABLE IF NOT EXISTS item_sizes (key INTEGER PRIMARY KEY, sizes TEXT NOT NULL);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
";

/// One row of the id history: an id an item was published with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRecord {
    /// The input file (relative path).
    pub path: String,
    /// The item's place in its file.
    pub nth: u32,
    /// The file's content hash when the item was recorded.
    pub hash: [u8; 16],
    /// The item's URL.
    pub url: Option<String>,
    /// The id wirefeed derived for the item (from its URL or its file's path), `None`
    /// when the article gave its own id.
    pub derived: Option<String>,
    /// The id the item was published with.
    pub id: String,
}

/// What the store remembers of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Path relative to the input folder.
    pub path: String,
    /// Size in bytes when it was read.
    pub size: u64,
    /// Modification time in nanoseconds since 1970, when known.
    pub mtime_ns: Option<i64>,
    /// The sidecar's size and time, when there was one.
    pub sidecar: Option<(u64, Option<i64>)>,
    /// xxh3-128 of the decoded text and sidecar.
    pub hash: [u8; 16],
    /// Its warnings, each naming the file.
    pub warnings: Vec<String>,
    /// Why it did not load (line, message), when it did not.
    pub error: Option<(Option<usize>, String)>,
}

/// The metadata of one stored item: all a build needs to order, page and tag items
/// without their bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemMeta {
    /// The input file (relative path) and the item's place in it.
    pub path: std::sync::Arc<str>,
    /// The item's place in its file.
    pub nth: u32,
    /// [`Item::id`].
    pub id: String,
    /// [`Item::url`].
    pub url: Option<String>,
    /// [`Item::published`] (after first-seen dates are put in).
    pub published: Date,
    /// [`Item::updated`].
    pub updated: Option<Date>,
    /// Whether `published` is a first-seen date.
    pub first_seen: bool,
    /// [`Item::tags`].
    pub tags: Vec<String>,
    /// [`Item::source`].
    pub source: String,
    /// A hash of the stored item (and of its first-seen date, once put in).
    pub fingerprint: u64,
}

impl ItemMeta {
    /// The metadata of an item found in `path` at place `nth`.
    pub fn of(item: &Item, path: std::sync::Arc<str>, nth: u32, json: &str) -> ItemMeta {
        ItemMeta {
            path,
            nth,
            id: item.id.clone(),
            url: item.url.clone(),
            published: item.published,
            updated: item.updated,
            first_seen: item.date_source == crate::item::DateSource::FirstSeen,
            tags: item.tags.clone(),
            source: item.source.clone(),
            fingerprint: xxhash_rust::xxh3::xxh3_64(json.as_bytes()),
        }
    }

    /// `updated` when the item has one, else `published`.
    pub fn last_modified(&self) -> Date {
        self.updated.unwrap_or(self.published)
    }
}

/// xxh3-128 of some bytes, as stored.
pub fn hash(bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// Nanoseconds since 1970 of a file time (None before 1970 or past 2262).
pub fn nanos(time: Option<std::time::SystemTime>) -> Option<i64> {
    let d = time?.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(d.as_nanos()).ok()
}

/// An open state store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating it when needed) the store in `dir`. A store of another schema
    /// version, or one that cannot be read, is moved aside and replaced by an empty
    /// one; `warnings` says so.
    pub fn open(dir: &Path, warnings: &mut Vec<String>) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(FILE_NAME);
        match Store::open_existing(&path) {
            Ok(store) => return Ok(store),
            Err(why) => {
                if path.exists() {
                    warnings.push(format!(
                        "{}: {why}; moved it aside to {FILE_NAME}.old and started a new one (this build is a full one)",
                        path.display()
                    ));
                    move_aside(&path)?;
                }
            }
        }
        let conn = connect(&path)?;
        conn.execute_batch(SCHEMA).map_err(|e| db_error(&path, e))?;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
            params![SCHEMA_VERSION.to_string()],
        )
        .map_err(|e| db_error(&path, e))?;
        Ok(Store { conn, path })
    }

    /// Opens a store that exists and has this schema version; the error says why not.
    fn open_existing(path: &Path) -> std::result::Result<Store, String> {
        if !path.exists() {
            return Err("no state yet".into());
        }
        let conn = connect(path).map_err(|e| e.to_string())?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| format!("the state store cannot be read ({e})"))?;
        let version = version.as_deref().map(str::parse::<i64>);
        if let Some(Ok(1)) = version {
            conn.execute_batch(&format!("BEGIN IMMEDIATE; {MIGRATE_1_TO_2} COMMIT;"))
                .map_err(|e| format!("the state store of schema version 1 cannot be migrated ({e})"))?;
            return Ok(Store {
                conn,
                path: path.to_path_buf(),
            });
        }
        match version {
            Some(Ok(SCHEMA_VERSION)) => Ok(Store {
                conn,
                path: path.to_path_buf(),
            }),
            Some(Ok(v)) => Err(format!(
                "the state store has schema version {v}, this wirefeed uses {SCHEMA_VERSION}"
            )),
            _ => Err("the state store has no schema version".into()),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    /// Starts the build's transaction: nothing the build changes is visible to the
    /// next one until [`Store::commit`].
    pub fn begin(&self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))
    }

    /// Commits the build's transaction.
    pub fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Forgets every input file (the settings that shape items changed).
    pub fn forget_files(&self) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM files; DELETE FROM items; DELETE FROM bodies;")
            .map_err(|e| self.err(e))
    }

    /// Every file record, by path.
    pub fn files(&self) -> Result<HashMap<String, FileRecord>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT path, size, mtime_ns, sidecar_size, sidecar_mtime_ns, hash, warnings, error_line, error FROM files",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let hash: Vec<u8> = r.get(5)?;
                let warnings: String = r.get(6)?;
                let sidecar_size: Option<i64> = r.get(3)?;
                let error: Option<String> = r.get(8)?;
                let error_line: Option<i64> = r.get(7)?;
                Ok(FileRecord {
                    path: r.get(0)?,
                    size: r.get::<_, i64>(1)? as u64,
                    mtime_ns: r.get(2)?,
                    sidecar: sidecar_size.map(|s| (s as u64, r.get(4).ok().flatten())),
                    hash: hash.try_into().unwrap_or([0; 16]),
                    warnings: serde_json::from_str(&warnings).unwrap_or_default(),
                    error: error.map(|m| (error_line.map(|l| l as usize), m)),
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let rec = row.map_err(|e| self.err(e))?;
            out.insert(rec.path.clone(), rec);
        }
        Ok(out)
    }

    /// Every stored item's metadata, grouped by file, each file's in order.
    pub fn item_metas(&self) -> Result<HashMap<String, Vec<ItemMeta>>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT path, nth, id, url, published, updated, first_seen, tags, source, fingerprint FROM items ORDER BY path, nth",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut out: HashMap<String, Vec<ItemMeta>> = HashMap::new();
        let mut current: Option<std::sync::Arc<str>> = None;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let path: String = r.get(0).map_err(|e| self.err(e))?;
            let arc = match &current {
                Some(a) if **a == *path => a.clone(),
                _ => {
                    let a: std::sync::Arc<str> = path.as_str().into();
                    current = Some(a.clone());
                    a
                }
            };
            let get = |i| -> Result<Option<String>> { r.get(i).map_err(|e| self.err(e)) };
            let date = |s: Option<String>| -> Result<Option<Date>> {
                s.map(|s| {
                    chrono::DateTime::parse_from_rfc3339(&s)
                        .map_err(|e| Error::io(&self.path, std::io::Error::other(e)))
                })
                .transpose()
            };
            let meta = ItemMeta {
                path: arc,
                nth: r.get::<_, i64>(1).map_err(|e| self.err(e))? as u32,
                id: get(2)?.unwrap_or_default(),
                url: get(3)?,
                published: date(get(4)?)?.unwrap_or_default(),
                updated: date(get(5)?)?,
                first_seen: r.get::<_, i64>(6).map_err(|e| self.err(e))? != 0,
                tags: serde_json::from_str(&get(7)?.unwrap_or_default()).unwrap_or_default(),
                source: get(8)?.unwrap_or_default(),
                fingerprint: r.get::<_, i64>(9).map_err(|e| self.err(e))? as u64,
            };
            out.entry(path).or_default().push(meta);
        }
        Ok(out)
    }

    /// Records what a file yielded, replacing what was known of it: its record, and
    /// each item's metadata and JSON.
    pub fn put_file(&self, rec: &FileRecord, items: &[(ItemMeta, String)]) -> Result<()> {
        self.remove_file(&rec.path)?;
        let warnings = serde_json::to_string(&rec.warnings).unwrap_or_else(|_| "[]".into());
        self.conn
            .prepare_cached(
                "INSERT INTO files (path, size, mtime_ns, sidecar_size, sidecar_mtime_ns, hash, warnings, error_line, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    rec.path,
                    rec.size as i64,
                    rec.mtime_ns,
                    rec.sidecar.map(|s| s.0 as i64),
                    rec.sidecar.and_then(|s| s.1),
                    &rec.hash[..],
                    warnings,
                    rec.error.as_ref().and_then(|e| e.0.map(|l| l as i64)),
                    rec.error.as_ref().map(|e| &e.1),
                ])
            })
            .map_err(|e| self.err(e))?;
        let mut meta_stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO items (path, nth, id, url, published, updated, first_seen, tags, source, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(|e| self.err(e))?;
        let mut body_stmt = self
            .conn
            .prepare_cached("INSERT INTO bodies (path, nth, item) VALUES (?1, ?2, ?3)")
            .map_err(|e| self.err(e))?;
        for (meta, json) in items {
            meta_stmt
                .execute(params![
                    rec.path,
                    meta.nth,
                    meta.id,
                    meta.url,
                    meta.published.to_rfc3339(),
                    meta.updated.map(|d| d.to_rfc3339()),
                    meta.first_seen as i64,
                    serde_json::to_string(&meta.tags).unwrap_or_else(|_| "[]".into()),
                    meta.source,
                    meta.fingerprint as i64,
                ])
                .map_err(|e| self.err(e))?;
            body_stmt
                .execute(params![rec.path, meta.nth, json])
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Updates the size and times of a file whose content did not change.
    pub fn touch_file(&self, rec: &FileRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE files SET size = ?2, mtime_ns = ?3, sidecar_size = ?4, sidecar_mtime_ns = ?5 WHERE path = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    rec.path,
                    rec.size as i64,
                    rec.mtime_ns,
                    rec.sidecar.map(|s| s.0 as i64),
                    rec.sidecar.and_then(|s| s.1),
                ])
            })
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Forgets a file that is gone.
    pub fn remove_file(&self, path: &str) -> Result<()> {
        for sql in [
            "DELETE FROM files WHERE path = ?1",
            "DELETE FROM items WHERE path = ?1",
            "DELETE FROM bodies WHERE path = ?1",
        ] {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.execute(params![path]))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The stored item at place `nth` of `path`.
    pub fn item(&self, path: &str, nth: u32) -> Result<Item> {
        let json: String = self
            .conn
            .prepare_cached("SELECT item FROM bodies WHERE path = ?1 AND nth = ?2")
            .and_then(|mut s| s.query_row(params![path, nth], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        serde_json::from_str(&json).map_err(|e| {
            Error::io(
                &self.path,
                std::io::Error::other(format!("item {nth} of {path}: {e}")),
            )
        })
    }

    /// Every recorded first-seen time, by item id.
    pub fn first_seen(&self) -> Result<HashMap<String, Date>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, seen FROM first_seen")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, seen) = row.map_err(|e| self.err(e))?;
            if let Ok(d) = chrono::DateTime::parse_from_rfc3339(&seen) {
                out.insert(id, d);
            }
        }
        Ok(out)
    }

    /// Records the time an item was first seen.
    pub fn put_first_seen(&self, id: &str, seen: Date) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO first_seen (id, seen) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![id, seen.to_rfc3339()]))
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Every row of the id history, by path (sorted), each path's rows in item order.
    pub fn id_history(&self) -> Result<BTreeMap<String, Vec<IdRecord>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, nth, hash, url, derived, id FROM id_history ORDER BY path, nth")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let hash: Vec<u8> = r.get(2)?;
                Ok(IdRecord {
                    path: r.get(0)?,
                    nth: r.get::<_, i64>(1)? as u32,
                    hash: hash.try_into().unwrap_or([0; 16]),
                    url: r.get(3)?,
                    derived: r.get(4)?,
                    id: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out: BTreeMap<String, Vec<IdRecord>> = BTreeMap::new();
        for row in rows {
            let row = row.map_err(|e| self.err(e))?;
            out.entry(row.path.clone()).or_default().push(row);
        }
        Ok(out)
    }

    /// Records the ids a file's items were published with, replacing what was recorded
    /// for that path (`rows` all have that path).
    pub fn put_id_history(&self, path: &str, rows: &[IdRecord]) -> Result<()> {
        self.forget_id_history(path)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO id_history (path, nth, hash, url, derived, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(|e| self.err(e))?;
        for row in rows {
            stmt.execute(params![
                path,
                row.nth,
                &row.hash[..],
                row.url,
                row.derived,
                row.id
            ])
            .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Forgets the ids recorded for a path (a file whose ids went to the file it was
    /// renamed to).
    pub fn forget_id_history(&self, path: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM id_history WHERE path = ?1")
            .and_then(|mut s| s.execute(params![path]))
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// The items' sizes measured by earlier builds: key → bytes per format.
    pub fn item_sizes(&self) -> Result<HashMap<u64, Vec<usize>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, sizes FROM item_sizes")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let (key, sizes) = row.map_err(|e| self.err(e))?;
            let sizes: Option<Vec<usize>> = sizes.split(',').map(|s| s.parse().ok()).collect();
            if let Some(sizes) = sizes {
                out.insert(key, sizes);
            }
        }
        Ok(out)
    }

    /// Records the sizes of new item versions and forgets those of items gone.
    pub fn update_item_sizes(&self, added: &[(u64, Vec<usize>)], gone: &[u64]) -> Result<()> {
        let mut insert = self
            .conn
            .prepare_cached("INSERT OR REPLACE INTO item_sizes (key, sizes) VALUES (?1, ?2)")
            .map_err(|e| self.err(e))?;
        for (key, sizes) in added {
            let text: Vec<String> = sizes.iter().map(usize::to_string).collect();
            insert
                .execute(params![*key as i64, text.join(",")])
                .map_err(|e| self.err(e))?;
        }
        let mut delete = self
            .conn
            .prepare_cached("DELETE FROM item_sizes WHERE key = ?1")
            .map_err(|e| self.err(e))?;
        for key in gone {
            delete.execute(params![*key as i64]).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The archive page fingerprints the last build recorded: folder → fingerprint.
    pub fn archive_pages(&self) -> Result<BTreeMap<String, String>> {
        self.pairs("SELECT dir, fingerprint FROM archive_pages")
    }

    /// Replaces the archive page fingerprints.
    pub fn set_archive_pages(
        &self,
        old: &BTreeMap<String, String>,
        pages: &BTreeMap<String, String>,
    ) -> Result<()> {
        self.replace_rows("archive_pages", "dir", "fingerprint", old, pages, |fp| {
            rusqlite::types::Value::Text(fp.clone())
        })
    }

    fn pairs(&self, sql: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.err(e))
    }

    /// The published ledger: every output file the last build published, with the
    /// hash of its bytes.
    pub fn ledger(&self) -> Result<BTreeMap<String, [u8; 16]>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, hash FROM published")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (path, hash) = row.map_err(|e| self.err(e))?;
            out.insert(path, hash.try_into().unwrap_or([0; 16]));
        }
        Ok(out)
    }

    /// Replaces the published ledger and the ids of the main feeds' items.
    pub fn set_ledger(
        &self,
        old: &BTreeMap<String, [u8; 16]>,
        files: &BTreeMap<String, [u8; 16]>,
        main_ids: &[&str],
    ) -> Result<()> {
        self.replace_rows("published", "path", "hash", old, files, |hash| {
            rusqlite::types::Value::Blob(hash.to_vec())
        })?;
        self.conn
            .execute("DELETE FROM main_items", [])
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare_cached("INSERT INTO main_items (position, id) VALUES (?1, ?2)")
            .map_err(|e| self.err(e))?;
        for (i, id) in main_ids.iter().enumerate() {
            stmt.execute(params![i as i64, id]).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Makes `table` (key column `key`, value column `value`), which holds `old`, hold
    /// `new`: only the rows that differ are deleted or written, so a build that
    /// changed a few of a hundred thousand files writes a few rows.
    fn replace_rows<V: PartialEq>(
        &self,
        table: &str,
        key: &str,
        value: &str,
        old: &BTreeMap<String, V>,
        new: &BTreeMap<String, V>,
        sql_value: impl Fn(&V) -> rusqlite::types::Value,
    ) -> Result<()> {
        let mut delete = self
            .conn
            .prepare_cached(&format!("DELETE FROM {table} WHERE {key} = ?1"))
            .map_err(|e| self.err(e))?;
        for gone in old.keys().filter(|k| !new.contains_key(*k)) {
            delete.execute(params![gone]).map_err(|e| self.err(e))?;
        }
        let mut upsert = self
            .conn
            .prepare_cached(&format!(
                "INSERT INTO {table} ({key}, {value}) VALUES (?1, ?2) \
                 ON CONFLICT ({key}) DO UPDATE SET {value} = excluded.{value}"
            ))
            .map_err(|e| self.err(e))?;
        for (k, v) in new.iter().filter(|(k, v)| old.get(*k) != Some(v)) {
            upsert
                .execute(params![k, sql_value(v)])
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }
}

/// Opens the database file in WAL mode, waiting a little when another process holds it.
fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(|e| db_error(path, e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| db_error(path, e))?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| db_error(path, e))?;
    Ok(conn)
}

/// Renames a store (and its WAL files) to `*.old`, replacing an older one.
fn move_aside(path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let mut old = path.as_os_str().to_owned();
    old.push(".old");
    std::fs::rename(path, PathBuf::from(old)).map_err(|e| Error::io(path, e))
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::io(path, std::io::Error::other(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn record(path: &str) -> FileRecord {
        FileRecord {
            path: path.into(),
            size: 12,
            mtime_ns: Some(1_700_000_000_123_456_789),
            sidecar: Some((3, None)),
            hash: [7; 16],
            warnings: vec!["a.txt: odd dateline".into()],
            error: None,
        }
    }

    #[test]
    fn a_file_record_and_its_items_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
        let mut item = Item::new(
            "tag:x,2000:a.txt",
            "Bridge opens",
            date("2024-03-01T09:00:00-05:00"),
        );
        item.tags = vec!["City".into(), "Roads".into()];
        item.source = "a.txt".into();
        let json = serde_json::to_string(&item).unwrap();
        let meta = ItemMeta::of(&item, "a.txt".into(), 0, &json);
        store.put_file(&record("a.txt"), &[(meta.clone(), json)]).unwrap();
        assert_eq!(store.files().unwrap()["a.txt"], record("a.txt"));
        assert_eq!(store.item_metas().unwrap()["a.txt"], [meta]);
        let back = store.item("a.txt", 0).unwrap();
        assert_eq!(back, item);
        assert_eq!(back.published.to_rfc3339(), "2024-03-01T09:00:00-05:00");
        store.remove_file("a.txt").unwrap();
        assert!(store.files().unwrap().is_empty());
        assert!(store.item_metas().unwrap().is_empty());
    }

    #[test]
    fn an_unreadable_store_is_moved_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            b"this is not a database, just text.....",
        )
        .unwrap();
        let mut warnings = Vec::new();
        let store = Store::open(dir.path(), &mut warnings).unwrap();
        assert!(store.files().unwrap().is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("moved it aside to state.sqlite.old"),
            "{warnings:?}"
        );
        assert!(dir.path().join("state.sqlite.old").exists());
    }

    #[test]
    fn a_store_of_another_schema_version_is_started_afresh() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
            store.put_file(&record("a.txt"), &[]).unwrap();
            store.set_meta("schema_version", "0").unwrap();
        }
        let mut warnings = Vec::new();
        let store = Store::open(dir.path(), &mut warnings).unwrap();
        assert!(store.files().unwrap().is_empty());
        assert!(
            warnings[0].contains("the state store has schema version 0, this wirefeed uses 2"),
            "{warnings:?}"
        );
        // Reopening the new store warns no more.
        drop(store);
        let mut warnings = Vec::new();
        Store::open(dir.path(), &mut warnings).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_version_1_store_is_migrated_keeping_first_seen_dates_and_ids() {
        let dir = tempfile::tempdir().unwrap();
        {
            // A version 1 store: `id_history` without `nth` and `derived`.
            let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
            store
                .put_first_seen("tag:x,2000:a.txt", date("2026-12-03T10:46:00-05:00"))
                .unwrap();
            store
                .conn
                .execute_batch(
                    "DROP TABLE id_history;
                     DROP TABLE item_sizes;
                     CREATE TABLE id_history (path TEXT NOT NULL, hash BLOB NOT NULL, url TEXT, id TEXT NOT NULL);
                     INSERT INTO id_history VALUES ('a.txt', x'07070707070707070707070707070707', NULL, 'tag:x,2000:a.txt');
                     INSERT INTO id_history VALUES ('w.ndjson', x'08080808080808080808080808080808', 'https://x/1', 'https://x/1');
                     INSERT INTO id_history VALUES ('w.ndjson', x'08080808080808080808080808080808', NULL, 'tag:x,2000:w.ndjson%232');",
                )
                .unwrap();
            store.set_meta("schema_version", "1").unwrap();
        }
        let mut warnings = Vec::new();
        let store = Store::open(dir.path(), &mut warnings).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(store.meta("schema_version").unwrap().as_deref(), Some("2"));
        assert!(store.item_sizes().unwrap().is_empty());
        assert_eq!(
            store.first_seen().unwrap()["tag:x,2000:a.txt"].to_rfc3339(),
            "2026-12-03T10:46:00-05:00"
        );
        let rows: Vec<(String, u32, Option<String>)> = store
            .id_history()
            .unwrap()
            .into_values()
            .flatten()
            .map(|r| (r.path, r.nth, r.derived))
            .collect();
        assert_eq!(
            rows,
            [
                ("a.txt".to_string(), 0, Some("tag:x,2000:a.txt".to_string())),
                ("w.ndjson".to_string(), 0, Some("https://x/1".to_string())),
                (
                    "w.ndjson".to_string(),
                    1,
                    Some("tag:x,2000:w.ndjson%232".to_string())
                ),
            ]
        );
    }

    #[test]
    fn an_unfinished_transaction_leaves_the_last_committed_state() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
            store.begin().unwrap();
            store.put_file(&record("a.txt"), &[]).unwrap();
            store.commit().unwrap();
            store.begin().unwrap();
            store.remove_file("a.txt").unwrap();
            store.put_file(&record("b.txt"), &[]).unwrap();
            // Dropped without commit: a killed build.
        }
        let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
        let files: Vec<String> = store.files().unwrap().into_keys().collect();
        assert_eq!(files, ["a.txt"]);
    }

    #[test]
    fn the_ledger_and_archive_fingerprints_replace_the_previous_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
        let files = BTreeMap::from([
            ("rss.xml".to_string(), [1; 16]),
            ("tags/a/rss.xml".to_string(), [2; 16]),
        ]);
        store.set_ledger(&BTreeMap::new(), &files, &["x", "y"]).unwrap();
        let later = BTreeMap::from([
            ("rss.xml".to_string(), [3; 16]),
            ("tags/b/rss.xml".to_string(), [4; 16]),
        ]);
        store
            .set_ledger(&store.ledger().unwrap(), &later, &["y"])
            .unwrap();
        assert_eq!(
            store.ledger().unwrap(),
            BTreeMap::from([
                ("rss.xml".to_string(), [3; 16]),
                ("tags/b/rss.xml".to_string(), [4; 16]),
            ])
        );
        let pages = BTreeMap::from([
            ("archive/1/".to_string(), "00ff".to_string()),
            ("archive/2/".to_string(), "0aff".to_string()),
        ]);
        store.set_archive_pages(&BTreeMap::new(), &pages).unwrap();
        let repaged = BTreeMap::from([
            ("archive/1/".to_string(), "00ff".to_string()),
            ("items/a-1.html".to_string(), "11ff".to_string()),
        ]);
        store.set_archive_pages(&pages, &repaged).unwrap();
        assert_eq!(store.archive_pages().unwrap(), repaged);
    }

    #[test]
    fn item_sizes_are_added_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
        store
            .update_item_sizes(&[(1, vec![100, 101, 102]), (u64::MAX, vec![200, 201, 202])], &[])
            .unwrap();
        store
            .update_item_sizes(&[(3, vec![300, 301, 302])], &[1])
            .unwrap();
        assert_eq!(
            store.item_sizes().unwrap(),
            HashMap::from([(u64::MAX, vec![200, 201, 202]), (3, vec![300, 301, 302])])
        );
    }

    #[test]
    fn first_seen_times_are_kept_with_their_offset() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &mut Vec::new()).unwrap();
        store
            .put_first_seen("tag:x,2000:a.txt", date("2026-12-03T10:46:00-05:00"))
            .unwrap();
        let seen = store.first_seen().unwrap();
        assert_eq!(seen["tag:x,2000:a.txt"].to_rfc3339(), "2026-12-03T10:46:00-05:00");
    }
}
