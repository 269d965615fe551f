//! Walking the input folder: which files are articles, and reading them safely.
//!
//! The input folder is a boundary. [`walk`] lists the article files under it without
//! reading any of them; [`read`] reads one. The rules, each checked from metadata
//! before anything is opened:
//!
//! - A symbolic link is followed only when its target is inside the input folder
//!   (`follow_links = true` in the config follows every link). A dangling link, a link
//!   loop or a link out of the folder is one failed entry naming its path.
//! - Only regular files are ever opened. A FIFO, socket or device with an article's
//!   extension, or as a sidecar, is one failed entry; it is never opened for reading,
//!   so a build cannot hang on it. (Files are also opened non-blocking and checked
//!   again once open, in case one is swapped for a FIFO between the walk and the read.)
//! - The output folder and wirefeed's state folder (`.wirefeed/`) are never input,
//!   even when they sit inside the input folder.
//! - Hidden files and folders (names starting with `.`) are skipped, and so is every
//!   path matched by an `exclude` pattern of the config or a line of the input
//!   folder's `.wirefeedignore` file (both with `.gitignore` rules).
//! - An article or sidecar larger than `max_article_bytes` is one failed entry; the
//!   size is checked before reading, and reading stops at the limit even when the size
//!   was not known (a link to a device such as `/dev/zero`).
//!
//! Every other file with a loader's extension is an [`Entry`]; one bad entry never
//! stops the walk.

use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::{Source, decode, loader_for, relative_path};
use crate::config::Config;
use crate::error::{Error, Result};

/// The ignore file read from the top of the input folder.
pub const IGNORE_FILE: &str = ".wirefeedignore";

/// wirefeed's own state folder, never read as input.
pub const STATE_DIR: &str = ".wirefeed";

/// One article file found by [`walk`], not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file's path as found (under the input folder; a link's own path).
    pub path: PathBuf,
    /// The path relative to the input folder, `/`-separated (used in ids).
    pub rel: String,
    /// The file's size in bytes, when walked.
    pub size: u64,
    /// The file's modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
    /// Its sidecar metadata file (`NAME.toml` beside `NAME.txt`), when there is one.
    pub sidecar: Option<Sidecar>,
}

/// A sidecar metadata file found beside an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sidecar {
    /// The sidecar's path.
    pub path: PathBuf,
    /// Its size in bytes, when walked.
    pub size: u64,
    /// Its modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
}

/// What [`walk`] found: the article files, sorted by path, and one error per entry
/// that cannot be an article (each names its path).
#[derive(Debug, Default)]
pub struct Walked {
    /// Article files, sorted by path.
    pub entries: Vec<Entry>,
    /// Entries refused: dangling links, loops, special files, files over the size limit…
    pub errors: Vec<Error>,
}

/// Lists every article file under `cfg.input` by the rules of this module. Reads no
/// article (only the `.wirefeedignore` file).
pub fn walk(cfg: &Config) -> Walked {
    let root = cfg.input.as_path();
    let mut walked = Walked::default();
    let canonical_root = match std::fs::canonicalize(root) {
        Ok(p) => p,
        Err(e) => {
            walked.errors.push(Error::io(root, e));
            return walked;
        }
    };
    let excludes = match excludes(cfg) {
        Ok(m) => m,
        Err(e) => {
            walked.errors.push(e);
            return walked;
        }
    };
    let boundary = Boundary::new(cfg, canonical_root);
    let errors = RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            let is_dir = e.file_type().is_dir();
            // (An empty matcher is skipped: asking it walks every entry's parents.)
            let excluded =
                !excludes.is_empty() && excludes.matched_path_or_any_parents(e.path(), is_dir).is_ignore();
            if hidden || excluded {
                return false;
            }
            match boundary.admits(e.path(), e.path_is_symlink(), is_dir) {
                Ok(admitted) => admitted,
                Err(err) => {
                    errors.borrow_mut().push((e.path().to_path_buf(), err));
                    false
                }
            }
        });
    // The listing says which articles have a sidecar (`x.toml` beside `x.txt`), so an
    // article without one costs no look-up of its own.
    let mut articles = Vec::new();
    let mut sidecars = std::collections::HashSet::new();
    for found in walker {
        let entry = match found {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(root).to_path_buf();
                errors.borrow_mut().push((at, walk_error(e, root)));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if loader_for(entry.path()).is_some() {
            articles.push(entry);
        } else if entry.path().extension().is_some_and(|e| e == SIDECAR_EXTENSION) {
            sidecars.insert(entry.into_path());
        }
    }
    // In path order (each folder's entries by name, a folder's files right after it),
    // whatever order the file system lists them in. Sorted here, once, by whole paths:
    // sorting each folder's listing by name took a fifth of a rebuild of 100,000 files.
    articles.sort_unstable_by(|a, b| path_order(a.path(), b.path()));
    for entry in articles {
        let has_sidecar = sidecars.contains(&entry.path().with_extension(SIDECAR_EXTENSION));
        match article(
            entry.path(),
            root,
            entry.metadata().ok(),
            cfg,
            &boundary,
            has_sidecar,
        ) {
            Ok(a) => walked.entries.push(a),
            Err(e) => errors.borrow_mut().push((entry.into_path(), e)),
        }
    }
    let mut errors = errors.into_inner();
    errors.sort_by(|a, b| path_order(&a.0, &b.0));
    walked.errors = errors.into_iter().map(|(_, e)| e).collect();
    walked
}

/// The [`Entry`] for one article file named outside a walk (`wirefeed inspect`), with
/// the same checks as a walked file except the input-folder boundary.
pub fn entry_for(path: &Path, cfg: &Config) -> Result<Entry> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let boundary = Boundary {
        root: None,
        never: Vec::new(),
        follow_links: true,
    };
    article(path, &cfg.input, Some(metadata), cfg, &boundary, true)
}

/// The order of a walk that lists each folder's entries by name, a folder's files right
/// after its name: the paths' bytes, with the separator before every other byte.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |s: &[u8]| {
        s.get(common)
            .map(|&c| if c == b'/' { 0 } else { u16::from(c) + 1 })
    };
    rank(a).cmp(&rank(b))
}

/// The extension of a text article's sidecar: `x.toml` beside `x.txt`.
const SIDECAR_EXTENSION: &str = "toml";

/// Reads and decodes one article and its sidecar. Each file is opened non-blocking,
/// checked to be a regular file once open, and read up to `max_article_bytes`.
pub fn read(entry: &Entry, cfg: &Config) -> Result<Source> {
    let limit = cfg.max_article_bytes;
    let (bytes, modified) = read_limited(&entry.path, limit)?;
    // Repairs of the bytes (invalid UTF-8, control characters) are reported, naming
    // the file.
    let mut warnings = Vec::new();
    let mut decoded = |path: &std::path::Path, bytes: &[u8]| {
        let (text, repairs) = decode(bytes);
        warnings.extend(repairs.into_iter().map(|w| format!("{}: {w}", path.display())));
        text
    };
    let text = decoded(&entry.path, &bytes);
    let sidecar = match &entry.sidecar {
        Some(s) => Some((s.path.clone(), decoded(&s.path, &read_limited(&s.path, limit)?.0))),
        None => None,
    };
    Ok(Source {
        path: entry.path.clone(),
        rel_path: entry.rel.clone(),
        text,
        sidecar,
        modified: modified.or(entry.modified),
        warnings,
    })
}

/// The `exclude` patterns and the input folder's `.wirefeedignore`, as one matcher.
fn excludes(cfg: &Config) -> Result<Gitignore> {
    let mut builder =
        exclude_builder(&cfg.input, &cfg.exclude).map_err(|m| Error::config("wirefeed.toml", None, m))?;
    let ignore_file = cfg.input.join(IGNORE_FILE);
    if let Ok(meta) = std::fs::symlink_metadata(&ignore_file) {
        if !meta.is_file() {
            return Err(Error::article(
                &ignore_file,
                None,
                "not a regular file; an ignore file must be a plain file, not a link or a special file",
            ));
        }
        let (bytes, _) = read_limited(&ignore_file, cfg.max_article_bytes)?;
        for (n, line) in decode(&bytes).0.lines().enumerate() {
            builder
                .add_line(Some(ignore_file.clone()), line)
                .map_err(|e| Error::article(&ignore_file, Some(n + 1), e.to_string()))?;
        }
    }
    builder
        .build()
        .map_err(|e| Error::article(&ignore_file, None, e.to_string()))
}

/// A `.gitignore`-rules matcher rooted at `input` holding the `exclude` patterns; an
/// invalid pattern is an error naming it (also used to check the config).
pub(crate) fn exclude_builder(
    input: &Path,
    patterns: &[String],
) -> std::result::Result<GitignoreBuilder, String> {
    let mut builder = GitignoreBuilder::new(input);
    for pattern in patterns {
        builder
            .add_line(None, pattern)
            .map_err(|e| format!("exclude pattern {pattern:?}: {e}"))?;
    }
    Ok(builder)
}

/// Where the input folder ends: its canonical path, and the folders inside it that are
/// never input.
struct Boundary {
    /// The input folder, canonical; `None` admits any link target.
    root: Option<PathBuf>,
    /// Canonical folders never read: the output folder and the state folders.
    never: Vec<PathBuf>,
    /// `follow_links = true`: links may point anywhere.
    follow_links: bool,
}

impl Boundary {
    fn new(cfg: &Config, root: PathBuf) -> Boundary {
        let never = [
            cfg.out.clone(),
            cfg.out.join(STATE_DIR),
            cfg.input.join(STATE_DIR),
        ]
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
        Boundary {
            root: Some(root),
            never,
            follow_links: cfg.follow_links,
        }
    }

    /// Whether the walk may enter (a folder) or take (a file) `path`; an error when a
    /// link leads out of the input folder.
    fn admits(&self, path: &Path, is_link: bool, is_dir: bool) -> Result<bool> {
        if !is_link && !is_dir {
            return Ok(true);
        }
        let target = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        if self.never.iter().any(|n| target.starts_with(n)) {
            return Ok(false);
        }
        match &self.root {
            Some(root) if is_link && !self.follow_links && !target.starts_with(root) => Err(Error::article(
                path,
                None,
                format!(
                    "a symbolic link to {}, outside the input folder: not followed (set follow_links = true in wirefeed.toml to follow it)",
                    target.display()
                ),
            )),
            _ => Ok(true),
        }
    }
}

/// The entry for an article file (metadata already taken, following links), with its
/// sidecar (looked up only when `may_have_sidecar`); an error when either is not a
/// regular file or is over the size limit.
fn article(
    path: &Path,
    root: &Path,
    metadata: Option<std::fs::Metadata>,
    cfg: &Config,
    boundary: &Boundary,
    may_have_sidecar: bool,
) -> Result<Entry> {
    let metadata = match metadata {
        Some(m) => m,
        None => std::fs::metadata(path).map_err(|e| Error::io(path, e))?,
    };
    check_file(path, &metadata, cfg.max_article_bytes)?;
    let sidecar_path = path.with_extension(SIDECAR_EXTENSION);
    let found = if may_have_sidecar {
        std::fs::symlink_metadata(&sidecar_path)
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    };
    let sidecar = match found {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&sidecar_path, e)),
        Ok(link) => {
            if link.file_type().is_symlink() && !boundary.admits(&sidecar_path, true, false)? {
                return Err(Error::article(
                    &sidecar_path,
                    None,
                    "the sidecar is a link into the output or state folder",
                ));
            }
            let meta = std::fs::metadata(&sidecar_path).map_err(|e| Error::io(&sidecar_path, e))?;
            check_file(&sidecar_path, &meta, cfg.max_article_bytes)?;
            Some(Sidecar {
                path: sidecar_path,
                size: meta.len(),
                modified: meta.modified().ok(),
            })
        }
    };
    Ok(Entry {
        path: path.to_path_buf(),
        rel: relative_path(path, root),
        size: metadata.len(),
        modified: metadata.modified().ok(),
        sidecar,
    })
}

/// A file may be read when it is a regular file within the size limit.
fn check_file(path: &Path, metadata: &std::fs::Metadata, limit: u64) -> Result<()> {
    if !metadata.is_file() {
        return Err(Error::article(
            path,
            None,
            format!(
                "{}, not a regular file: not opened",
                kind_of(&metadata.file_type())
            ),
        ));
    }
    if metadata.len() > limit {
        return Err(too_big(path, Some(metadata.len()), limit));
    }
    Ok(())
}

fn too_big(path: &Path, size: Option<u64>, limit: u64) -> Error {
    let size = size.map_or_else(|| "more than".to_string(), |s| format!("{s} bytes,"));
    Error::article(
        path,
        None,
        format!(
            "{size} over max_article_bytes ({limit}); raise max_article_bytes in wirefeed.toml to load it"
        ),
    )
}

/// What a non-regular file is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Reads at most `limit` bytes of a regular file; an error past the limit. The file is
/// opened non-blocking (so a FIFO put in its place cannot hang the open) and checked
/// to be a regular file before any byte is read.
fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, Option<SystemTime>)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io(path, e))?;
    let metadata = file.metadata().map_err(|e| Error::io(path, e))?;
    check_file(path, &metadata, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, None, limit));
    }
    Ok((bytes, metadata.modified().ok()))
}

/// A walk error as one failed entry naming its path.
fn walk_error(e: walkdir::Error, root: &Path) -> Error {
    let path = e.path().unwrap_or(root).to_path_buf();
    if let Some(ancestor) = e.loop_ancestor() {
        return Error::article(
            &path,
            None,
            format!(
                "a symbolic link loop (leads back to {}): not followed",
                ancestor.display()
            ),
        );
    }
    match e.into_io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => Error::article(
            &path,
            None,
            "a dangling symbolic link (its target does not exist)",
        ),
        Some(io) => Error::io(&path, io),
        None => Error::article(&path, None, "cannot be walked"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_a_walk_by_name_lists_them() {
        let mut paths = vec![
            "r/b.txt",
            "r/a.txt",
            "r/a/z.txt",
            "r/a-b.txt",
            "r/a/b/c.txt",
            "r/A.txt",
        ];
        paths.sort_by(|a, b| path_order(Path::new(a), Path::new(b)));
        assert_eq!(
            paths,
            [
                "r/A.txt",
                "r/a/b/c.txt",
                "r/a/z.txt",
                "r/a-b.txt",
                "r/a.txt",
                "r/b.txt"
            ]
        );
    }

    /// A config reading `input` (a temporary folder) into `input/feeds`.
    fn config(input: &Path) -> Config {
        let mut cfg = Config::for_site("https://a.example/", chrono_tz::UTC);
        cfg.input = input.to_path_buf();
        cfg.out = input.join("feeds");
        cfg
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn rels(walked: &Walked) -> Vec<&str> {
        walked.entries.iter().map(|e| e.rel.as_str()).collect()
    }

    fn messages(walked: &Walked, root: &Path) -> Vec<String> {
        let prefix = format!("{}/", root.display());
        walked
            .errors
            .iter()
            .map(|e| e.to_string().replace(&prefix, ""))
            .collect()
    }

    #[test]
    fn lists_article_files_sorted_with_their_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b.txt", "B");
        write(root, "a/z.md", "Z");
        write(root, "b.toml", "title = \"B\"\n");
        write(root, "photo.jpg", "not an article");
        write(root, ".hidden/c.txt", "C");
        write(root, ".d.txt", "D");
        let walked = walk(&config(root));
        assert_eq!(rels(&walked), ["a/z.md", "b.txt"]);
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
        let b = &walked.entries[1];
        assert_eq!(b.size, 1);
        let sidecar = b.sidecar.as_ref().unwrap();
        assert_eq!(sidecar.path, root.join("b.toml"));
        assert_eq!(sidecar.size, 12);
        let src = read(b, &config(root)).unwrap();
        assert_eq!(src.text, "B");
        assert_eq!(src.rel_path, "b.txt");
        assert_eq!(src.sidecar.unwrap().1, "title = \"B\"\n");
    }

    #[test]
    fn excludes_and_the_ignore_file_use_gitignore_rules() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "README.txt", "notes");
        write(root, "drafts/a.txt", "A");
        write(root, "world/README.txt", "notes");
        write(root, "world/b.txt", "B");
        write(root, "world/keep.md", "K");
        write(root, "world/skip.md", "S");
        write(root, IGNORE_FILE, "# comment\n/README.txt\n*.md\n!keep.md\n");
        let mut cfg = config(root);
        cfg.exclude = vec!["drafts/".into()];
        let walked = walk(&cfg);
        assert_eq!(
            rels(&walked),
            ["world/README.txt", "world/b.txt", "world/keep.md"]
        );
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
    }

    #[test]
    fn the_output_and_state_folders_are_never_input() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.txt", "A");
        write(root, "feeds/feed.json", "{}");
        write(root, "feeds/index.html", "<html></html>");
        write(root, "feeds/tags/x/feed.json", "{}");
        write(root, ".wirefeed/state.json", "{}");
        let walked = walk(&config(root));
        assert_eq!(rels(&walked), ["a.txt"]);
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "big.txt", &"x".repeat(101));
        write(root, "ok.txt", &"x".repeat(100));
        write(root, "side.txt", "S");
        write(root, "side.toml", &"#".repeat(101));
        let mut cfg = config(root);
        cfg.max_article_bytes = 100;
        let walked = walk(&cfg);
        assert_eq!(rels(&walked), ["ok.txt"]);
        assert_eq!(
            messages(&walked, root),
            [
                "big.txt: 101 bytes, over max_article_bytes (100); raise max_article_bytes in wirefeed.toml to load it",
                "side.toml: 101 bytes, over max_article_bytes (100); raise max_article_bytes in wirefeed.toml to load it",
            ]
        );
    }

    #[test]
    fn reading_stops_at_the_limit_when_the_file_grew() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.txt", "short");
        let mut cfg = config(root);
        cfg.max_article_bytes = 10;
        let walked = walk(&cfg);
        write(root, "a.txt", "now it is longer than ten bytes");
        let err = read(&walked.entries[0], &cfg).unwrap_err().to_string();
        assert!(err.ends_with("a.txt: 31 bytes, over max_article_bytes (10); raise max_article_bytes in wirefeed.toml to load it"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_followed_and_links_out_dangling_or_looping_are_one_error_each() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "secret.txt", "secret");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "real/a.txt", "A");
        symlink(root.join("real"), root.join("alias")).unwrap();
        symlink(root.join("real/a.txt"), root.join("b.txt")).unwrap();
        symlink(outside.path().join("secret.txt"), root.join("c.txt")).unwrap();
        symlink(root.join("missing.txt"), root.join("d.txt")).unwrap();
        std::fs::create_dir(root.join("loop")).unwrap();
        symlink(root.join("loop"), root.join("loop/again")).unwrap();
        let walked = walk(&config(root));
        assert_eq!(rels(&walked), ["alias/a.txt", "b.txt", "real/a.txt"]);
        let canonical = std::fs::canonicalize(outside.path()).unwrap();
        assert_eq!(
            messages(&walked, root),
            [
                format!(
                    "c.txt: a symbolic link to {}/secret.txt, outside the input folder: not followed (set follow_links = true in wirefeed.toml to follow it)",
                    canonical.display()
                ),
                "d.txt: a dangling symbolic link (its target does not exist)".to_string(),
                "loop/again: a symbolic link loop (leads back to loop): not followed".to_string(),
            ]
        );
        let mut cfg = config(root);
        cfg.follow_links = true;
        let walked = walk(&cfg);
        assert_eq!(rels(&walked), ["alias/a.txt", "b.txt", "c.txt", "real/a.txt"]);
        assert_eq!(walked.errors.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_never_opened_even_as_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.txt", "A");
        write(root, "b.txt", "B");
        for fifo in ["pipe.txt", "a.toml"] {
            let path = std::ffi::CString::new(root.join(fifo).to_str().unwrap()).unwrap();
            // SAFETY: mkfifo with a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
        }
        std::os::unix::fs::symlink("/dev/zero", root.join("b.toml")).unwrap();
        let mut cfg = config(root);
        cfg.follow_links = true;
        let walked = walk(&cfg);
        assert!(walked.entries.is_empty(), "{:?}", walked.entries);
        assert_eq!(
            messages(&walked, root),
            [
                "a.toml: a FIFO (named pipe), not a regular file: not opened",
                "b.toml: a device, not a regular file: not opened",
                "pipe.txt: a FIFO (named pipe), not a regular file: not opened",
            ]
        );
        // Named directly, a FIFO is refused once open, without blocking.
        let entry = Entry {
            path: root.join("pipe.txt"),
            rel: "pipe.txt".into(),
            size: 0,
            modified: None,
            sidecar: None,
        };
        let err = read(&entry, &cfg).unwrap_err().to_string();
        assert!(
            err.ends_with("pipe.txt: a FIFO (named pipe), not a regular file: not opened"),
            "{err}"
        );
    }
}
