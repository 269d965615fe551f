//! Loading articles: finds input files, reads and decodes them (the only place that
//! reads article files), and hands each one to the [`Loader`] for its format.
//!
//! Loaders are pure: they get a [`Source`] (path + decoded text + optional sidecar)
//! and a [`Context`] (settings, time zone, a place for warnings) and return items.
//! Adding an input format means one new file here and one line in [`LOADERS`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono_tz::Tz;
use rayon::prelude::*;

use crate::config::{Config, MissingDate};
use crate::error::{Error, Result};
use crate::item::{Date, DateSource, Item};

pub mod boilerplate;
pub mod credit;
pub mod html;
pub mod json;
pub mod markdown;
mod meta;
pub mod text;

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
}

impl<'a> Context<'a> {
    /// A context for the file at `rel_path`.
    pub fn new(config: &'a Config, rel_path: &str) -> Self {
        Context {
            config,
            timezone: config.timezone_for(rel_path),
            warnings: RefCell::new(Vec::new()),
        }
    }

    /// Records a warning about the current file.
    pub fn warn(&self, message: impl Into<String>) {
        self.warnings.borrow_mut().push(message.into());
    }

    /// The warnings recorded so far.
    pub fn into_warnings(self) -> Vec<String> {
        self.warnings.into_inner()
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
/// - `first-seen` (the default): a stand-in date (the file's modification time, or the
///   Unix epoch) marked [`DateSource::FirstSeen`]; the build replaces it with the time
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
        (MissingDate::FirstSeen, m) => {
            let stand_in = m.unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.fixed_offset());
            Ok((stand_in, DateSource::FirstSeen))
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

/// The result of loading a folder: items, per-file errors and warnings.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Loaded {
    /// Every item from every file that loaded.
    pub items: Vec<Item>,
    /// One error per file that did not load.
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

/// Every article file under `input`, sorted by path. Hidden files and folders (names
/// starting with `.`) and files no loader reads (sidecars, images) are skipped.
pub fn discover(input: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(input)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(input).to_path_buf();
            Error::io(path, e.into())
        })?;
        if entry.file_type().is_file() && loader_for(entry.path()).is_some() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Reads one file: decodes it to UTF-8 (byte-order mark, then UTF-8, then a detected
/// legacy encoding such as Windows-1252) and reads its sidecar when there is one.
pub fn read_source(path: &Path, input_root: &Path) -> Result<Source> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let rel_path = relative_path(path, input_root);
    let sidecar_path = path.with_extension("toml");
    let sidecar = match std::fs::read(&sidecar_path) {
        Ok(b) => Some((sidecar_path, decode(&b))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&sidecar_path, e)),
    };
    Ok(Source {
        path: path.to_path_buf(),
        rel_path,
        text: decode(&bytes),
        sidecar,
        modified,
    })
}

/// `path` relative to `root`, with `/` separators; the file name if it is not inside.
fn relative_path(path: &Path, root: &Path) -> String {
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

/// Decodes article bytes to a string: a BOM decides; else valid UTF-8 is taken as is;
/// else the encoding is detected (chardetng) and decoded with encoding_rs.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
            let (text, _, _) = enc.decode(bytes);
            text.into_owned()
        }
    }
}

/// Loads one file with its loader. Warnings are returned prefixed with the path.
pub fn load_file(path: &Path, config: &Config) -> Result<(Vec<Item>, Vec<String>)> {
    let loader = loader_for(path).ok_or_else(|| {
        let known: Vec<&str> = LOADERS.iter().flat_map(|l| l.extensions()).copied().collect();
        Error::article(
            path,
            None,
            format!("no loader for this file type (known: .{})", known.join(", .")),
        )
    })?;
    let src = read_source(path, &config.input)?;
    let ctx = Context::new(config, &src.rel_path);
    let mut items = loader.load(&src, &ctx)?;
    for item in &mut items {
        if item.source.is_empty() {
            item.source = src.rel_path.clone();
        }
    }
    let warnings = ctx
        .into_warnings()
        .into_iter()
        .map(|w| format!("{}: {w}", path.display()))
        .collect();
    Ok((items, warnings))
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
    let files = discover(&config.input)?;
    progress.start(files.len());
    let results: Vec<Result<(Vec<Item>, Vec<String>)>> = files
        .par_iter()
        .map(|path| {
            let result = load_file(path, config);
            progress.advance();
            result
        })
        .collect();
    progress.finish();
    let mut loaded = Loaded::default();
    for result in results {
        match result {
            Ok((items, warnings)) => {
                loaded.items.extend(items);
                loaded.warnings.extend(warnings);
            }
            Err(e) => loaded.errors.push(e),
        }
    }
    Ok(loaded)
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
    fn decodes_bom_utf8_and_legacy_encodings() {
        assert_eq!(decode(b"\xef\xbb\xbfhello"), "hello");
        assert_eq!(decode("café".as_bytes()), "café");
        // "café – naïve" in Windows-1252
        assert_eq!(
            decode(b"caf\xe9 \x96 na\xefve, a longer line of French text: \xe9t\xe9"),
            "café – naïve, a longer line of French text: été"
        );
        assert_eq!(decode(b"\xff\xfeh\0i\0"), "hi");
    }

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
