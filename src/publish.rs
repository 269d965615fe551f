//! Writing the output folder: a file is written only when its bytes changed (so its
//! mtime, ETag and CDN caches stay valid), and always atomically — a temporary file in
//! the same folder, flushed to disk, then renamed over the old one. A build that fails
//! or is killed leaves every published file whole.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

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
/// no other build is writing them).
fn remove_stale_temp_files(out: &Path) {
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".wirefeed-";
const TEMP_SUFFIX: &str = ".tmp";

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

/// Publishes each `(relative path, bytes)` under `out` as one [`Batch`], skipping
/// unchanged files: all of them or, on an error, none.
pub fn publish(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Published> {
    let mut report = Published::default();
    let mut batch = Batch::new();
    for (rel, bytes) in files {
        report.record(rel.clone(), batch.stage(&out.join(rel), bytes)?);
    }
    batch.commit()?;
    Ok(report)
}

/// Atomically replaces `path` with `bytes` unless it already holds exactly them: a
/// [`Batch`] of one file. Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    let mut batch = Batch::new();
    let changed = batch.stage(path, bytes)?;
    batch.commit()?;
    Ok(changed)
}

/// Many files published as one step, for a build: [`Batch::stage`] writes each changed
/// file to a temporary file beside its target, [`Batch::commit`] makes them durable
/// and renames them into place, in staging order.
///
/// Flushing each file to disk as it is written (`fsync`) costs a journal commit each
/// time, which dominated a first build of thousands of archive pages. The batch keeps
/// the guarantee — a file is renamed over its target only once its bytes are on disk,
/// so neither a killed build nor a power cut leaves a published file empty or half
/// written — but flushes all temporary files together, from several threads, so the
/// file system groups the commits; and each folder is flushed once, after the renames.
/// A batch dropped without [`Batch::commit`] (an error, a panic) deletes its temporary
/// files and publishes nothing.
#[derive(Debug, Default)]
pub struct Batch {
    staged: Vec<(tempfile::TempPath, std::path::PathBuf)>,
}

/// Threads flushing a batch's files: flushing waits on the disk, not the processor.
const SYNC_THREADS: usize = 16;

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Stages `bytes` for `path`, unless the file already holds exactly them. Returns
    /// whether the file will be written.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<bool> {
        match std::fs::read(path) {
            Ok(old) if old == bytes => return Ok(false),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
        set_readable(tmp.as_file(), path);
        // Closed now (a big site stages more files than a process may hold open);
        // reopened to be flushed at commit.
        self.staged.push((tmp.into_temp_path(), path.to_path_buf()));
        Ok(true)
    }

    /// Flushes every staged file to disk, renames each over its target in staging
    /// order, then flushes each folder that gained a file.
    pub fn commit(self) -> Result<()> {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let staged = &self.staged;
        let results: Vec<Result<()>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..SYNC_THREADS.min(staged.len()))
                .map(|_| {
                    scope.spawn(|| {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some((tmp, _)) = staged.get(i) else {
                                return Ok(());
                            };
                            sync_file(tmp)?;
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
        let mut dirs = std::collections::BTreeSet::new();
        for (tmp, path) in self.staged {
            tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
            dirs.insert(path.parent().unwrap_or(Path::new(".")).to_path_buf());
        }
        // Make the renames durable; not every platform can open a folder.
        for dir in dirs {
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Stages for `path` the bytes `write` writes (once) into the writer it is given,
    /// for a file too big to hold in memory: they go straight to a temporary file
    /// beside the target, which is then compared with the target a block at a time
    /// and dropped when they are the same. Returns whether the file will be written,
    /// and the hash of its bytes ([`crate::state::hash`]).
    pub fn stage_with(
        &mut self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> Result<()>,
    ) -> Result<(bool, [u8; 16])> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
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
        self.staged.push((tmp.into_temp_path(), path.to_path_buf()));
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
        let _lock = OutputLock::acquire(dir.path(), std::time::Duration::ZERO).unwrap();
        assert!(!stale.exists());
        assert!(dir.path().join("keep.tmp").exists());
    }

    #[test]
    fn a_batch_publishes_changed_files_at_commit_and_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.xml"), dir.path().join("sub/b.xml"));
        std::fs::write(&a, "same").unwrap();
        let mut batch = Batch::new();
        assert!(!batch.stage(&a, b"same").unwrap());
        assert!(batch.stage(&b, b"new").unwrap());
        assert!(!b.exists(), "nothing is published before commit");
        batch.commit().unwrap();
        assert_eq!(std::fs::read(&b).unwrap(), b"new");
        let mut batch = Batch::new();
        assert!(batch.stage(&a, b"changed").unwrap());
        drop(batch);
        assert_eq!(std::fs::read(&a).unwrap(), b"same");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary files left behind");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_streamed_file_is_staged_only_when_its_bytes_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/rss.xml");
        let stage = |bytes: &'static [u8]| {
            let mut batch = Batch::new();
            let staged = batch
                .stage_with(&path, &mut |w| {
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
