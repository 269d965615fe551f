//! Writing the output folder: a file is written only when its bytes changed (so its
//! mtime, ETag and CDN caches stay valid), and always atomically — a temporary file in
//! the hidden staging folder [`STAGING_DIR`] at the root of the output folder (the same
//! file system), flushed to disk, then renamed over the old one. A build that fails or
//! is killed leaves every published file whole, and no temporary file anywhere but in
//! the staging folder, which static hosts do not serve and the next build removes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

/// Name of the lock file inside the output folder (a dotfile: static hosts should not
/// serve it; the README's recipes exclude dotfiles).
pub const LOCK_FILE: &str = ".wirefeed.lock";

/// Exclusive hold on an output folder for one build; released when dropped.
///
/// A second build started while one runs (an overlapping cron job) waits up to the
/// given time, then gives up with [`Error::Locked`]. The lock is an OS file lock, so a
/// killed build never leaves a stale lock behind.
#[derive(Debug)]
pub struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    /// Takes the lock on `out` (creating the folder), waiting at most `wait`.
    pub fn acquire(out: &Path, wait: std::time::Duration) -> Result<OutputLock> {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let path = out.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let start = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    remove_stale_temp_files(out);
                    return Ok(OutputLock { _file: file });
                }
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        path,
                        waited_secs: start.elapsed().as_secs(),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
    }
}

/// Deletes temporary files a killed build left behind (only called under the lock, so
/// no other build is writing them): the staging folder, and the temporary files that
/// older versions staged beside their targets (`.wirefeed-*.tmp`).
fn remove_stale_temp_files(out: &Path) {
    let _ = std::fs::remove_dir_all(staging_dir(out));
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".wirefeed-";
const TEMP_SUFFIX: &str = ".tmp";

/// Name of the staging folder inside the output folder, where a [`Batch`] writes its
/// temporary files and the backups of the main feeds. A dot-folder: GitHub Pages does
/// not serve it, `wirefeed serve` refuses it, the README's nginx recipe denies it, and
/// `wirefeed check` skips it. Removed when a batch ends, when a build takes the
/// [`OutputLock`] (after a killed build) and by [`interrupt`] (SIGTERM, SIGINT).
pub const STAGING_DIR: &str = ".wirefeed-staging";

/// The staging folder of the output folder `out`.
pub fn staging_dir(out: &Path) -> PathBuf {
    out.join(STAGING_DIR)
}

/// Held while a temporary file is created in a staging folder and while a batch renames
/// its files into place (and puts main feeds back), so that [`interrupt`] never cuts a
/// commit short nor races a new temporary file.
static PUBLISHING: Mutex<()> = Mutex::new(());

fn publishing() -> MutexGuard<'static, ()> {
    PUBLISHING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Stops publishing into `out` for good, for a SIGTERM/SIGINT handler: waits for a
/// commit under way to finish (its renames take milliseconds; on an error it has put
/// the main feeds back), removes the staging folder, and returns a guard that keeps
/// every later staging and commit of this process waiting. The caller exits while
/// holding it, so the published files are those of the last whole commit.
pub fn interrupt(out: &Path) -> MutexGuard<'static, ()> {
    let held = publishing();
    let _ = std::fs::remove_dir_all(staging_dir(out));
    held
}

/// What publishing did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Published {
    /// Files written (relative paths).
    pub written: Vec<String>,
    /// Files left alone because their bytes did not change.
    pub unchanged: Vec<String>,
    /// Files the previous build published and this one did not, removed.
    pub removed: Vec<String>,
}

impl Published {
    /// Records a file `rel` as written (`changed`) or left alone.
    pub fn record(&mut self, rel: String, changed: bool) {
        if changed {
            self.written.push(rel);
        } else {
            self.unchanged.push(rel);
        }
    }
}

/// Whether the output folder still holds what the ledger says the last build published
/// there, judged by the main feeds (a few small files, so hashing them is cheap): an
/// output folder emptied, replaced or restored from elsewhere makes the ledger
/// untrusted, and the build renders every archive page again. An empty ledger (a
/// first build) is never trusted.
pub fn ledger_holds(out: &Path, ledger: &BTreeMap<String, [u8; 16]>) -> bool {
    let main: Vec<(&String, &[u8; 16])> = ledger.iter().filter(|(path, _)| !path.contains('/')).collect();
    !main.is_empty()
        && main
            .iter()
            .all(|(path, hash)| hash_file(&out.join(path)).is_ok_and(|h| h == **hash))
}

/// [`crate::state::hash`] of a file's bytes, read a block at a time (a main feed with
/// `limit` 0 holds every item).
fn hash_file(path: &Path) -> std::io::Result<[u8; 16]> {
    let mut hashing = Hashing {
        inner: std::io::sink(),
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    std::io::copy(&mut std::fs::File::open(path)?, &mut hashing)?;
    Ok(hashing.hasher.digest128().to_le_bytes())
}

/// Removes every file the previous build published (`before`, the ledger) that this
/// build did not (`now`), then the folders that leaves empty. A file whose bytes are no
/// longer the ones wirefeed published (someone put their own file there) is left
/// alone, and so is every file wirefeed never wrote. Returns the removed files.
pub fn remove_stale(
    out: &Path,
    before: &BTreeMap<String, [u8; 16]>,
    now: &BTreeMap<String, [u8; 16]>,
) -> Result<Vec<String>> {
    let mut removed = Vec::new();
    let mut dirs = std::collections::BTreeSet::new();
    for (rel, hash) in before.iter().filter(|(rel, _)| !now.contains_key(*rel)) {
        let path = out.join(rel);
        match std::fs::read(&path) {
            Ok(bytes) if crate::state::hash(&bytes) == *hash => {}
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&path, e)),
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        removed.push(rel.clone());
        let mut dir = Path::new(rel.as_str()).parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            dirs.insert(d.to_path_buf());
            dir = d.parent();
        }
    }
    // Deepest first; a folder that still holds anything stays.
    for dir in dirs.iter().rev() {
        let _ = std::fs::remove_dir(out.join(dir));
    }
    Ok(removed)
}

/// Whether `rel` (a path relative to the output folder) is one of the main feeds —
/// `rss.xml`, `atom.xml`, `feed.json`, `index.html` — which a build publishes last
/// ([`Batch::stage_last`]).
pub fn is_main_feed(rel: &str) -> bool {
    use crate::write::Writer;
    rel == crate::write::html::IndexWriter.file_name()
        || crate::write::feed_writers().any(|w| w.file_name() == rel)
}

/// Publishes each `(relative path, bytes)` under `out` as one [`Batch`], skipping
/// unchanged files: all of them or, on an error, none.
pub fn publish(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Published> {
    let mut report = Published::default();
    let mut batch = Batch::new(out);
    for (rel, bytes) in files {
        let changed = if is_main_feed(rel) {
            batch.stage_last(&out.join(rel), bytes)?
        } else {
            batch.stage(&out.join(rel), bytes)?
        };
        report.record(rel.clone(), changed);
    }
    batch.commit()?;
    Ok(report)
}

/// Atomically replaces `path` with `bytes` unless it already holds exactly them: a
/// [`Batch`] of one file, staged in the staging folder of `path`'s folder. Returns
/// whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    let mut batch = Batch::new(path.parent().unwrap_or(Path::new(".")));
    let changed = batch.stage(path, bytes)?;
    batch.commit()?;
    Ok(changed)
}

/// Many files published as one step, for a build: [`Batch::stage`] writes each changed
/// file to a temporary file in the staging folder of the output folder
/// ([`STAGING_DIR`]), [`Batch::commit`] makes them durable and renames them into place
/// (creating the folders they go in).
///
/// **Publishing order.** Files staged with [`Batch::stage`] (archive pages, tag feeds,
/// item pages, the stylesheets) are renamed first, in staging order; files staged with
/// [`Batch::stage_last`] (the main feeds `rss.xml`, `atom.xml`, `feed.json` and
/// `index.html`) are renamed last, one right after the other, in staging order; the
/// build removes stale files ([`remove_stale`]) only after a whole commit. So a main
/// feed never links to an archive page or tag feed that is not there yet, and a reader
/// sees the main feeds disagree about their items only during their few consecutive
/// renames (the rename window).
///
/// A rename is atomic, so each file is always whole: its old bytes or its new ones.
/// Before the first main feed is renamed, each main feed that exists is hard-linked
/// (or copied) to a backup in the staging folder; an error at any later step (a full disk, a
/// permission, an injected fault) renames the backups back over the main feeds already
/// replaced, so after a failed commit the main feeds are all old, and the files of the
/// first group renamed so far are new. Only a kill inside the rename window can leave
/// the main feeds mixed, until the next build publishes them all; the staging folder
/// it leaves is deleted by that build's [`OutputLock`]. A SIGTERM or SIGINT handler
/// ([`interrupt`]) lets a commit under way finish first.
///
/// Flushing each file to disk as it is written (`fsync`) costs a journal commit each
/// time, which dominated a first build of thousands of archive pages. The batch keeps
/// the guarantee — a file is renamed over its target only once its bytes are on disk,
/// so neither a killed build nor a power cut leaves a published file empty or half
/// written — but flushes all temporary files together, from several threads, so the
/// file system groups the commits; and each folder is flushed once, after the renames.
/// A batch dropped without [`Batch::commit`] (an error, a panic) deletes its temporary
/// files and publishes nothing. A batch that ends either way removes the staging folder
/// when no other batch still has files there.
#[derive(Debug)]
pub struct Batch {
    staged: Vec<Staged>,
    staging: PathBuf,
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.staged.clear();
        let _held = publishing();
        let _ = std::fs::remove_dir(&self.staging);
    }
}

/// One staged file: its temporary file, its target, and whether it is renamed in the
/// last group (a main feed).
#[derive(Debug)]
struct Staged {
    tmp: tempfile::TempPath,
    target: std::path::PathBuf,
    last: bool,
}

/// Threads flushing a batch's files: flushing waits on the disk, not the processor.
const SYNC_THREADS: usize = 16;

impl Batch {
    /// An empty batch publishing into the output folder `out` (its files may go in
    /// any folder under it), staged in `out`'s staging folder.
    pub fn new(out: &Path) -> Batch {
        Batch {
            staged: Vec::new(),
            staging: staging_dir(out),
        }
    }

    /// Stages `bytes` for `path`, unless the file already holds exactly them. Returns
    /// whether the file will be written.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<bool> {
        self.stage_in_group(path, bytes, false)
    }

    /// [`Batch::stage`] for a file renamed in the last group at commit, after every file
    /// staged with [`Batch::stage`]: the main feeds.
    pub fn stage_last(&mut self, path: &Path, bytes: &[u8]) -> Result<bool> {
        self.stage_in_group(path, bytes, true)
    }

    /// A new temporary file in the staging folder (created if need be).
    fn temp_file(&self) -> Result<tempfile::NamedTempFile> {
        let dir = &self.staging;
        let _held = publishing();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        tempfile::Builder::new()
            .prefix("staged-")
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))
    }

    fn stage_in_group(&mut self, path: &Path, bytes: &[u8], last: bool) -> Result<bool> {
        match std::fs::read(path) {
            Ok(old) if old == bytes => return Ok(false),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
        let mut tmp = self.temp_file()?;
        tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
        set_readable(tmp.as_file(), path);
        // Closed now (a big site stages more files than a process may hold open);
        // reopened to be flushed at commit.
        self.staged.push(Staged {
            tmp: tmp.into_temp_path(),
            target: path.to_path_buf(),
            last,
        });
        Ok(true)
    }

    /// Flushes every staged file to disk, renames each over its target in the
    /// publishing order (see [`Batch`]), then flushes each folder that gained a file.
    /// On an error the main feeds (the last group) are put back as they were, so they
    /// are all old or all new.
    pub fn commit(self) -> Result<()> {
        self.commit_with(None)
    }

    /// The targets in the order [`Batch::commit`] renames them.
    pub fn order(&self) -> Vec<&Path> {
        self.ordered().map(|s| s.target.as_path()).collect()
    }

    /// The number of renames [`Batch::commit`] will make.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    fn ordered(&self) -> impl Iterator<Item = &Staged> {
        let first = self.staged.iter().filter(|s| !s.last);
        first.chain(self.staged.iter().filter(|s| s.last))
    }

    /// [`Batch::commit`] with a fault injected: a test-only hook, reached from a build
    /// through [`Config::test_fail_publish_at`](crate::Config::test_fail_publish_at).
    /// `Some(k)` fails with an "injected failure" error at step `k`, as a full disk
    /// would: before the `k`-th rename for `k <` [`Batch::len`], after the last rename
    /// for `k ==` [`Batch::len`]. `None` or a larger `k` injects nothing. The injected
    /// error takes the path of a real one: the main feeds renamed so far are put back
    /// and the rest of the batch is dropped.
    #[doc(hidden)]
    pub fn commit_with(mut self, fail_at: Option<usize>) -> Result<()> {
        let mut staged = std::mem::take(&mut self.staged);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let files = &staged;
        let results: Vec<Result<()>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..SYNC_THREADS.min(files.len()))
                .map(|_| {
                    scope.spawn(|| {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(file) = files.get(i) else {
                                return Ok(());
                            };
                            sync_file(&file.tmp)?;
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(Error::io(".", std::io::Error::other("flush thread panicked")))
                    })
                })
                .collect()
        });
        results.into_iter().collect::<Result<Vec<()>>>()?;
        let inject = |step: usize, path: &Path| match fail_at {
            Some(k) if k == step => Err(Error::io(path, std::io::Error::other("injected failure"))),
            _ => Ok(()),
        };
        // Stable: each group keeps its staging order.
        staged.sort_by_key(|s| s.last);
        let steps = staged.len();
        let main: Vec<std::path::PathBuf> = staged
            .iter()
            .filter(|s| s.last)
            .map(|s| s.target.clone())
            .collect();
        let mut dirs = std::collections::BTreeSet::new();
        let mut backups: Vec<Backup> = Vec::new();
        let mut renamed_main = 0;
        let held = publishing();
        let renamed = (|| -> Result<()> {
            for (step, Staged { tmp, target, last }) in staged.into_iter().enumerate() {
                if last && renamed_main == 0 && backups.is_empty() {
                    for (i, path) in main.iter().enumerate() {
                        backups.push(Backup::take(path, &self.staging, i)?);
                    }
                }
                inject(step, &target)?;
                let dir = target.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                tmp.persist(&target).map_err(|e| Error::io(&target, e.error))?;
                renamed_main += usize::from(last);
                dirs.insert(target.parent().unwrap_or(Path::new(".")).to_path_buf());
            }
            inject(steps, main.last().map_or(Path::new("."), |p| p.as_path()))
        })();
        if let Err(e) = renamed {
            let (put_back, unused) = backups.split_at(renamed_main.min(backups.len()));
            unused.iter().for_each(Backup::discard);
            for backup in put_back.iter().rev() {
                backup.restore().map_err(|again| {
                    Error::io(
                        &backup.target,
                        std::io::Error::other(format!(
                            "{e}; putting the previous file back failed too: {again}"
                        )),
                    )
                })?;
            }
            return Err(e);
        }
        backups.iter().for_each(Backup::discard);
        drop(held);
        // Make the renames durable; not every platform can open a folder.
        for dir in dirs {
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Stages for `path` the bytes `write` writes (once) into the writer it is given,
    /// for a file too big to hold in memory: they go straight to a temporary file in
    /// the staging folder, which is then compared with the target a block at a time
    /// and dropped when they are the same. `last` puts it in the group renamed last,
    /// as [`Batch::stage_last`] does. Returns whether the file will be written, and
    /// the hash of its bytes ([`crate::state::hash`]).
    pub fn stage_with(
        &mut self,
        path: &Path,
        last: bool,
        write: &mut dyn FnMut(&mut dyn Write) -> Result<()>,
    ) -> Result<(bool, [u8; 16])> {
        let tmp = self.temp_file()?;
        let mut out = Hashing {
            inner: std::io::BufWriter::with_capacity(1 << 20, tmp),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        };
        write(&mut out)?;
        let hash = out.hasher.digest128().to_le_bytes();
        let tmp = out
            .inner
            .into_inner()
            .map_err(|e| Error::io(path, e.into_error()))?;
        if same_bytes(tmp.path(), path)? {
            return Ok((false, hash));
        }
        set_readable(tmp.as_file(), path);
        self.staged.push(Staged {
            tmp: tmp.into_temp_path(),
            target: path.to_path_buf(),
            last,
        });
        Ok((true, hash))
    }
}

/// A writer that hashes what goes through it (xxh3-128, as [`crate::state::hash`]).
struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether the files `new` and `old` hold the same bytes (false when `old` does not
/// exist), read a block at a time.
fn same_bytes(new: &Path, old: &Path) -> Result<bool> {
    use std::io::Read;
    let open = |p: &Path| std::fs::File::open(p).map_err(|e| Error::io(p, e));
    let old_file = match std::fs::File::open(old) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(old, e)),
    };
    let len = |f: &std::fs::File, p: &Path| f.metadata().map(|m| m.len()).map_err(|e| Error::io(p, e));
    let new_file = open(new)?;
    if len(&old_file, old)? != len(&new_file, new)? {
        return Ok(false);
    }
    let (mut a, mut b) = (
        std::io::BufReader::with_capacity(1 << 20, new_file),
        std::io::BufReader::with_capacity(1 << 20, old_file),
    );
    let mut block = vec![0; 1 << 16];
    let mut other = vec![0; 1 << 16];
    loop {
        let n = a.read(&mut block).map_err(|e| Error::io(new, e))?;
        if n == 0 {
            return Ok(true);
        }
        b.read_exact(&mut other[..n]).map_err(|e| Error::io(old, e))?;
        if block[..n] != other[..n] {
            return Ok(false);
        }
    }
}

/// A main feed as it was before a commit renamed over it, so that a failed commit can
/// put it back: a hard link to the old file in the staging folder (a copy where the
/// file system has no hard links), or nothing when there was no file. One that a killed
/// build leaves is deleted with the staging folder by the next build's lock.
#[derive(Debug)]
struct Backup {
    target: std::path::PathBuf,
    saved: Option<std::path::PathBuf>,
}

impl Backup {
    /// Saves `target` as the `i`-th backup of a commit, in the folder `staging`.
    fn take(target: &Path, staging: &Path, i: usize) -> Result<Backup> {
        if !target.is_file() {
            return Ok(Backup {
                target: target.to_path_buf(),
                saved: None,
            });
        }
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let saved = staging.join(format!("previous-{i}-{name}{TEMP_SUFFIX}"));
        match std::fs::remove_file(&saved) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&saved, e)),
            _ => {}
        }
        if std::fs::hard_link(target, &saved).is_err() {
            std::fs::copy(target, &saved).map_err(|e| Error::io(&saved, e))?;
        }
        Ok(Backup {
            target: target.to_path_buf(),
            saved: Some(saved),
        })
    }

    /// Puts the old file back over the new one (a rename: atomic), or removes the new
    /// file where there was none.
    fn restore(&self) -> std::io::Result<()> {
        match &self.saved {
            Some(saved) => std::fs::rename(saved, &self.target),
            None => match std::fs::remove_file(&self.target) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }

    fn discard(&self) {
        if let Some(saved) = &self.saved {
            let _ = std::fs::remove_file(saved);
        }
    }
}

/// Flushes a closed file's bytes to disk.
fn sync_file(path: &Path) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// Temporary files are created private (0600); a published file must be readable by
/// the web server, so keep the old file's mode or use 0644.
#[cfg(unix)]
fn set_readable(file: &std::fs::File, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode())
        .unwrap_or(0o644);
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_readable(_file: &std::fs::File, _target: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("sub/a.xml".to_string(), b"one".to_vec())];
        assert_eq!(publish(dir.path(), &files).unwrap().written, ["sub/a.xml"]);
        let before = std::fs::metadata(dir.path().join("sub/a.xml"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let again = publish(dir.path(), &files).unwrap();
        assert!(again.written.is_empty());
        let after = std::fs::metadata(dir.path().join("sub/a.xml"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
        let changed = vec![("sub/a.xml".to_string(), b"two".to_vec())];
        assert_eq!(publish(dir.path(), &changed).unwrap().written, ["sub/a.xml"]);
        assert_eq!(std::fs::read(dir.path().join("sub/a.xml")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn a_second_build_waits_for_the_lock_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let held = OutputLock::acquire(dir.path(), std::time::Duration::ZERO).unwrap();
        let err = OutputLock::acquire(dir.path(), std::time::Duration::from_millis(300)).unwrap_err();
        assert!(matches!(err, Error::Locked { .. }), "{err}");
        assert!(
            err.to_string().contains("another wirefeed build is running"),
            "{err}"
        );
        drop(held);
        OutputLock::acquire(dir.path(), std::time::Duration::ZERO).unwrap();
    }

    #[test]
    fn taking_the_lock_removes_temp_files_of_killed_builds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tags/x")).unwrap();
        let stale = dir.path().join("tags/x/.wirefeed-abc123.tmp");
        std::fs::write(&stale, "half a feed").unwrap();
        std::fs::write(dir.path().join("keep.tmp"), "not ours").unwrap();
        std::fs::create_dir_all(dir.path().join(".wirefeed-staging")).unwrap();
        std::fs::write(dir.path().join(".wirefeed-staging/staged-x.tmp"), "a whole feed").unwrap();
        let _lock = OutputLock::acquire(dir.path(), std::time::Duration::ZERO).unwrap();
        assert!(!stale.exists());
        assert!(!dir.path().join(".wirefeed-staging").exists());
        assert!(dir.path().join("keep.tmp").exists());
        assert!(dir.path().join("tags/x").is_dir());
    }

    #[test]
    fn a_batch_publishes_changed_files_at_commit_and_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.xml"), dir.path().join("sub/b.xml"));
        std::fs::write(&a, "same").unwrap();
        let mut batch = Batch::new(dir.path());
        assert!(!batch.stage(&a, b"same").unwrap());
        assert!(batch.stage(&b, b"new").unwrap());
        assert!(!b.exists(), "nothing is published before commit");
        assert!(!dir.path().join("sub").exists(), "nor a folder created");
        let staged: Vec<String> = std::fs::read_dir(dir.path().join(".wirefeed-staging"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(staged.len(), 1, "{staged:?}");
        assert!(staged[0].starts_with("staged-") && staged[0].ends_with(".tmp"));
        batch.commit().unwrap();
        assert!(!dir.path().join(".wirefeed-staging").exists());
        assert_eq!(std::fs::read(&b).unwrap(), b"new");
        let mut batch = Batch::new(dir.path());
        assert!(batch.stage(&a, b"changed").unwrap());
        drop(batch);
        assert_eq!(std::fs::read(&a).unwrap(), b"same");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary files left behind");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// Two batches staging into one output folder: the first to end leaves the staging
    /// folder to the other.
    #[test]
    fn a_batch_ending_keeps_the_staging_folder_of_another() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = Batch::new(dir.path());
        let mut two = Batch::new(dir.path());
        one.stage(&dir.path().join("a.xml"), b"a").unwrap();
        two.stage(&dir.path().join("b.xml"), b"b").unwrap();
        one.commit().unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join(".wirefeed-staging"))
                .unwrap()
                .count(),
            1
        );
        two.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("b.xml")).unwrap(), b"b");
        assert!(!dir.path().join(".wirefeed-staging").exists());
    }

    /// What a SIGTERM handler does: the staged files go, nothing is published, and a
    /// commit started while the guard is held waits for it.
    #[test]
    fn an_interrupt_removes_the_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rss.xml"), "old").unwrap();
        let mut batch = Batch::new(dir.path());
        batch.stage_last(&dir.path().join("rss.xml"), b"new").unwrap();
        let held = interrupt(dir.path());
        assert!(!dir.path().join(".wirefeed-staging").exists());
        drop(held);
        batch.commit().unwrap_err();
        assert_eq!(std::fs::read(dir.path().join("rss.xml")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A published file made read-only (0444) is replaced and keeps its mode; a failed
    /// commit puts it back, mode and all.
    #[cfg(unix)]
    #[test]
    fn a_read_only_published_file_is_replaced_and_put_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let rss = dir.path().join("rss.xml");
        std::fs::write(&rss, "old").unwrap();
        std::fs::set_permissions(&rss, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let mut batch = Batch::new(dir.path());
        batch.stage_last(&rss, b"new").unwrap();
        batch.commit_with(Some(1)).unwrap_err();
        assert_eq!(std::fs::read(&rss).unwrap(), b"old");
        assert_eq!(mode(&rss), 0o444);
        let mut batch = Batch::new(dir.path());
        batch.stage_last(&rss, b"new").unwrap();
        batch.commit().unwrap();
        assert_eq!(std::fs::read(&rss).unwrap(), b"new");
        assert_eq!(mode(&rss), 0o444);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// The files of a small site, as a build stages them (main feeds first, as
    /// rendered), each holding which build wrote it.
    const SITE: [&str; 9] = [
        "rss.xml",
        "atom.xml",
        "feed.json",
        "index.html",
        "feed.xsl",
        "archive/1/rss.xml",
        "archive/1/atom.xml",
        "tags/city/rss.xml",
        "tags/city/feed.json",
    ];

    fn build_bytes(rel: &str, build: &str) -> Vec<u8> {
        format!("{rel} from build {build}: ids {build}-1 {build}-2\n").into_bytes()
    }

    #[test]
    fn main_feeds_are_renamed_last_in_a_fixed_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut batch = Batch::new(dir.path());
        for rel in SITE {
            let path = dir.path().join(rel);
            if is_main_feed(rel) {
                batch.stage_last(&path, b"x").unwrap();
            } else {
                batch.stage(&path, b"x").unwrap();
            }
        }
        let order: Vec<String> = batch
            .order()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            order,
            [
                "feed.xsl",
                "archive/1/rss.xml",
                "archive/1/atom.xml",
                "tags/city/rss.xml",
                "tags/city/feed.json",
                "rss.xml",
                "atom.xml",
                "feed.json",
                "index.html",
            ]
        );
    }

    /// A failure injected at every step of a commit: each file is whole (the old
    /// build's bytes or the new one's, exactly), the files of the first group renamed
    /// so far are new, the main feeds are all old (put back), no temporary file or
    /// backup is left, and the next commit publishes the rest.
    #[test]
    fn a_commit_failing_at_any_step_leaves_every_file_whole_and_the_main_feeds_old() {
        let main = ["rss.xml", "atom.xml", "feed.json", "index.html"];
        let others = [
            "feed.xsl",
            "archive/1/rss.xml",
            "archive/1/atom.xml",
            "tags/city/rss.xml",
            "tags/city/feed.json",
        ];
        // Steps 0..=9 fail (9: after the last rename); 10 is past the end: no failure.
        for k in 0..=SITE.len() + 1 {
            let dir = tempfile::tempdir().unwrap();
            let old: Vec<(String, Vec<u8>)> = SITE
                .iter()
                .map(|rel| (rel.to_string(), build_bytes(rel, "old")))
                .collect();
            publish(dir.path(), &old).unwrap();
            let mut batch = Batch::new(dir.path());
            for rel in SITE {
                let path = dir.path().join(rel);
                let bytes = build_bytes(rel, "new");
                if is_main_feed(rel) {
                    assert!(batch.stage_last(&path, &bytes).unwrap());
                } else {
                    assert!(batch.stage(&path, &bytes).unwrap());
                }
            }
            assert_eq!(batch.len(), 9);
            let result = batch.commit_with(Some(k));
            let failed = k <= SITE.len();
            if failed {
                let err = result.unwrap_err().to_string();
                assert!(err.ends_with(": injected failure"), "{err}");
            } else {
                result.unwrap();
            }
            let is_new = |rel: &str| {
                let bytes = std::fs::read(dir.path().join(rel)).unwrap();
                if bytes == build_bytes(rel, "new") {
                    true
                } else {
                    assert_eq!(bytes, build_bytes(rel, "old"), "{rel} torn at step {k}");
                    false
                }
            };
            let others_new: Vec<bool> = others.iter().map(|rel| is_new(rel)).collect();
            let expected: Vec<bool> = (0..others.len()).map(|i| i < k).collect();
            assert_eq!(others_new, expected, "first group after a failure at step {k}");
            let main_new: Vec<bool> = main.iter().map(|rel| is_new(rel)).collect();
            assert_eq!(main_new, [!failed; 4], "main feeds after a failure at step {k}");
            let temps: Vec<_> = walkdir::WalkDir::new(dir.path())
                .into_iter()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(TEMP_SUFFIX))
                .collect();
            assert!(temps.is_empty(), "temporary files left after step {k}: {temps:?}");
            assert!(!dir.path().join(".wirefeed-staging").exists(), "step {k}");
            // The next build publishes everything.
            let again: Vec<(String, Vec<u8>)> = SITE
                .iter()
                .map(|rel| (rel.to_string(), build_bytes(rel, "new")))
                .collect();
            let report = publish(dir.path(), &again).unwrap();
            let left = if failed {
                SITE.len() - k.min(others.len())
            } else {
                0
            };
            assert_eq!(report.written.len(), left, "step {k}");
        }
    }

    /// A main feed that did not exist before a failed commit does not exist after it.
    #[test]
    fn a_failed_commit_removes_a_main_feed_that_was_not_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rss.xml"), "old rss").unwrap();
        let mut batch = Batch::new(dir.path());
        batch.stage_last(&dir.path().join("rss.xml"), b"new rss").unwrap();
        batch
            .stage_last(&dir.path().join("feed.json"), b"new json")
            .unwrap();
        batch.commit_with(Some(2)).unwrap_err();
        assert_eq!(std::fs::read(dir.path().join("rss.xml")).unwrap(), b"old rss");
        assert!(!dir.path().join("feed.json").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_streamed_file_is_staged_only_when_its_bytes_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/rss.xml");
        let stage = |bytes: &'static [u8]| {
            let mut batch = Batch::new(dir.path());
            let staged = batch
                .stage_with(&path, true, &mut |w| {
                    // Written in pieces, as a streamed feed is.
                    for piece in bytes.chunks(3) {
                        w.write_all(piece).unwrap();
                    }
                    Ok(())
                })
                .unwrap();
            batch.commit().unwrap();
            staged
        };
        assert_eq!(
            stage(b"<rss>one</rss>"),
            (true, crate::state::hash(b"<rss>one</rss>"))
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"<rss>one</rss>");
        assert_eq!(
            stage(b"<rss>one</rss>"),
            (false, crate::state::hash(b"<rss>one</rss>"))
        );
        // Same length, other bytes.
        assert!(stage(b"<rss>two</rss>").0);
        assert_eq!(std::fs::read(&path).unwrap(), b"<rss>two</rss>");
        assert!(stage(b"<rss>three</rss>").0);
        assert_eq!(std::fs::read(&path).unwrap(), b"<rss>three</rss>");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary files left behind");
        assert_eq!(hash_file(&path).unwrap(), crate::state::hash(b"<rss>three</rss>"));
    }

    #[cfg(unix)]
    #[test]
    fn published_files_are_world_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write_if_changed(&dir.path().join("f"), b"x").unwrap();
        let mode = std::fs::metadata(dir.path().join("f"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
