//! Writing the output folder: a file is written only when its bytes changed (so its
//! mtime, ETag and CDN caches stay valid), and always atomically — a temporary file in
//! the same folder, flushed to disk, then renamed over the old one. A build that fails
//! or is killed leaves every published file whole.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// What publishing did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Published {
    /// Files written (relative paths).
    pub written: Vec<String>,
    /// Files left alone because their bytes did not change.
    pub unchanged: Vec<String>,
}

/// Writes each `(relative path, bytes)` under `out`, skipping unchanged files.
pub fn publish(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Published> {
    let mut report = Published::default();
    for (rel, bytes) in files {
        let path = out.join(rel);
        if write_if_changed(&path, bytes)? {
            report.written.push(rel.clone());
        } else {
            report.unchanged.push(rel.clone());
        }
    }
    Ok(report)
}

/// Atomically replaces `path` with `bytes` unless it already holds exactly them.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    match std::fs::read(path) {
        Ok(old) if old == bytes => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(path, e)),
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".wirefeed-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(tmp.path(), e))?;
    set_readable(tmp.as_file(), path);
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    // Make the rename itself durable; not every platform can open a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(true)
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
