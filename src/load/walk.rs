//! Listing the input folder (provisional: h-cron's walker replaces this file; the
//! surface — [`Entry`], [`Sidecar`], [`Walked`], [`walk`], [`read`] — stays).
//!
//! [`walk`] finds every article file and its sidecar and takes their sizes and
//! modification times (in parallel) without reading any article; [`read`] reads and
//! decodes one of them. The build uses the sizes and times to tell unchanged files
//! from changed ones before reading anything.

use std::path::PathBuf;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Source, decode, discover, loader_for, relative_path};
use crate::config::Config;
use crate::error::{Error, Result};

/// One article file of the input folder, as listed (not read).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Entry {
    /// The file's path as found.
    pub path: PathBuf,
    /// The path relative to the input folder, `/`-separated.
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
    /// The sidecar metadata file (`NAME.toml` beside `NAME.txt`), when there is one.
    pub sidecar: Option<Sidecar>,
}

/// A sidecar file, as listed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Sidecar {
    /// Its path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
}

/// The listing of an input folder.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Walked {
    /// Article files, sorted by path.
    pub entries: Vec<Entry>,
    /// Entries that could not be listed, each naming its path.
    pub errors: Vec<Error>,
}

/// Lists the article files under `cfg.input` with their sizes and times (taken in
/// parallel); reads no article.
pub fn walk(cfg: &Config) -> Walked {
    let paths = match discover(&cfg.input) {
        Ok(paths) => paths,
        Err(e) => {
            return Walked {
                entries: Vec::new(),
                errors: vec![e],
            };
        }
    };
    let results: Vec<Result<Entry>> = paths
        .into_par_iter()
        .filter(|p| loader_for(p).is_some())
        .map(|path| {
            let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
            let sidecar_path = path.with_extension("toml");
            let sidecar = match std::fs::metadata(&sidecar_path) {
                Ok(m) => Some(Sidecar {
                    size: m.len(),
                    modified: m.modified().ok(),
                    path: sidecar_path,
                }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&sidecar_path, e)),
            };
            Ok(Entry {
                rel: relative_path(&path, &cfg.input),
                size: meta.len(),
                modified: meta.modified().ok(),
                sidecar,
                path,
            })
        })
        .collect();
    let mut walked = Walked::default();
    for r in results {
        match r {
            Ok(e) => walked.entries.push(e),
            Err(e) => walked.errors.push(e),
        }
    }
    walked
}

/// Reads and decodes one listed article and its sidecar.
pub fn read(entry: &Entry, cfg: &Config) -> Result<Source> {
    let _ = cfg;
    let bytes = std::fs::read(&entry.path).map_err(|e| Error::io(&entry.path, e))?;
    let sidecar = match &entry.sidecar {
        Some(s) => Some((
            s.path.clone(),
            decode(&std::fs::read(&s.path).map_err(|e| Error::io(&s.path, e))?),
        )),
        None => None,
    };
    Ok(Source {
        path: entry.path.clone(),
        rel_path: entry.rel.clone(),
        text: decode(&bytes),
        sidecar,
        modified: entry.modified,
    })
}
