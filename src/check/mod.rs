//! `wirefeed check`: validates feed files the way a strict reader would read them, and
//! reports each problem as `FILE:LINE:COL: error|warning: message`.
//!
//! What is checked:
//!
//! - every XML file: UTF-8 (an other declared encoding is a warning, bytes that are not
//!   the declared encoding an error), characters XML 1.0 forbids, well-formedness and
//!   undeclared namespace prefixes (with the line and column of the problem), and
//!   well-known prefixes (`media`, `content`, `dc`, `atom`) bound to the wrong URI;
//! - RSS 2.0 ([`rss`](self)): channel `title`/`link`/`description`, an item's `title`
//!   or `description`, RFC 822 dates, permalink guids that are absolute URLs, `<author>`
//!   holding an e-mail, `atom:link rel="self"`, enclosures, Media RSS elements;
//! - Atom 1.0: `id`/`title`/`updated` on the feed and every entry, an author on the feed
//!   or on every entry, RFC 3339 dates, ids that are absolute URIs, `link rel="self"`,
//!   text and content types;
//! - JSON Feed 1.1: `version`, `title`, `items` with `id` and `content_html` or
//!   `content_text`, RFC 3339 dates, `feed_url`;
//! - in every format: duplicate item ids, relative URLs in the HTML content (readers
//!   resolve them against different bases, or not at all), and Media RSS images the HTML
//!   content does not show (readers that only render the HTML would miss the photo).
//!
//! Errors are what the specs forbid or what makes common readers drop or mangle
//! items; warnings are what works but loses something. Size budget: a feed over
//! [`WARN_SIZE`] (512 KiB) gets a warning, one over [`MAX_SIZE`] (1 MiB) an error —
//! hosted feed services and aggregators commonly refuse or truncate feeds at those
//! sizes, and a feed that size should carry fewer items or summaries instead. `build`
//! never writes a feed over [`MAX_SIZE`]: it is the default and the most of its
//! `max_feed_bytes` ([`crate::write::budget`]).
//!
//! In a folder, every file of a feed's extension (`*.xml`, `*.json`: the extensions of
//! the feed writers, [`crate::write::feed_kind_of`]) is checked (hidden folders are
//! skipped), JSON as JSON Feed and the rest as XML. XML files whose root is neither
//! `<rss>` nor an Atom `<feed>` are only checked for well-formedness; JSON files that
//! do not declare a JSON Feed version are skipped unless named on the command line or
//! called `feed.json`.

use std::fmt;
use std::path::{Path, PathBuf};

mod atom;
mod html;
mod json_feed;
mod rss;
mod xml;

/// A feed above this size gets a warning.
pub const WARN_SIZE: usize = 512 * 1024;
/// A feed above this size is an error.
pub const MAX_SIZE: usize = 1024 * 1024;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Works, but something is lost or fragile.
    Warning,
    /// Forbidden by the spec, or breaks common readers.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, and where it matters.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}: {}", self.severity, self.message)
    }
}

/// What [`check_paths`] found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Report {
    /// The files checked.
    pub files: Vec<PathBuf>,
    /// Every finding, file by file, in order of position.
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Checks files and folders.
pub fn check_paths(paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    for path in paths {
        let (files, mut findings) = collect(path);
        report.findings.append(&mut findings);
        for (file, explicit) in files {
            let (mut findings, checked) = check_file(&file, explicit);
            report.findings.append(&mut findings);
            if checked {
                report.files.push(file);
            }
        }
    }
    report
}

/// Checks one file, or every feed file under a folder.
pub fn check_path(path: &Path) -> Vec<Finding> {
    check_paths(&[path.to_path_buf()]).findings
}

/// The files to check under `path` (a file stands for itself), each with whether it
/// was named directly; plus findings for what could not be read.
fn collect(path: &Path) -> (Vec<(PathBuf, bool)>, Vec<Finding>) {
    let mut sink = Sink::new(path);
    if !path.is_dir() {
        return (vec![(path.to_path_buf(), true)], Vec::new());
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy();
                if crate::write::feed_kind_of(&name).is_some() {
                    files.push((e.into_path(), false));
                }
            }
            Ok(_) => {}
            Err(e) => sink.error(None, e.to_string()),
        }
    }
    (files, sink.findings)
}

/// Checks one file; `explicit` when the user named it (JSON that is not a JSON Feed
/// is then an error rather than skipped). Also returns whether the file was checked.
fn check_file(path: &Path, explicit: bool) -> (Vec<Finding>, bool) {
    match std::fs::read(path) {
        Ok(bytes) => check_bytes_as(path, &bytes, explicit),
        Err(e) => {
            let mut sink = Sink::new(path);
            sink.error(None, e.to_string());
            (sink.findings, true)
        }
    }
}

/// Checks a document held in memory; `path` names it in findings and its extension
/// picks the format (`.json` is JSON Feed, anything else XML).
pub fn check_bytes(path: &Path, bytes: &[u8]) -> Vec<Finding> {
    check_bytes_as(path, bytes, true).0
}

/// The findings, and whether the document was checked (not skipped as not a feed).
fn check_bytes_as(path: &Path, bytes: &[u8], explicit: bool) -> (Vec<Finding>, bool) {
    let mut sink = Sink::new(path);
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // The format by the file's name, as the writers describe them; XML otherwise.
    let is_json = crate::write::feed_kind_of(&name) == Some(crate::write::Kind::JsonFeed);
    let explicit = explicit || crate::write::feed_writers().any(|w| w.file_name() == name);
    let is_feed = if is_json {
        match json_feed::check(bytes, explicit, &mut sink) {
            Some(is_feed) => is_feed,
            None => return (Vec::new(), false),
        }
    } else {
        xml::check(bytes, &mut sink)
    };
    if is_feed {
        let kib = bytes.len() / 1024;
        if bytes.len() > MAX_SIZE {
            sink.error(
                None,
                format!("the feed is {kib} KiB, over the 1 MiB that feed services accept: carry fewer items or summaries"),
            );
        } else if bytes.len() > WARN_SIZE {
            sink.warning(
                None,
                format!("the feed is {kib} KiB, over 512 KiB: some feed services truncate or refuse feeds this large"),
            );
        }
    }
    sink.findings.sort_by_key(|f| (f.line, f.column));
    (sink.findings, true)
}

/// A line and column, 1-based.
pub(crate) type Pos = Option<(usize, usize)>;

/// Collects findings for one file.
pub(crate) struct Sink {
    path: PathBuf,
    findings: Vec<Finding>,
}

impl Sink {
    fn new(path: &Path) -> Sink {
        Sink {
            path: path.to_path_buf(),
            findings: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, pos: Pos, message: String) {
        self.findings.push(Finding {
            path: self.path.clone(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            severity,
            message,
        });
    }

    pub(crate) fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Error, pos, message.into());
    }

    pub(crate) fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Warning, pos, message.into());
    }
}

/// Maps byte offsets to lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn pos(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
    }
}

/// Whether `s` is an absolute URI (has a scheme; http and https need a host).
pub(crate) fn is_absolute_uri(s: &str) -> bool {
    match url::Url::parse(s.trim()) {
        Ok(u) => !matches!(u.scheme(), "http" | "https") || u.host_str().is_some_and(|h| !h.is_empty()),
        Err(_) => false,
    }
}

/// Whether `s` holds something shaped like an e-mail address.
pub(crate) fn has_email(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || "<>()\"',;".contains(c))
        .any(|w| match w.split_once('@') {
            Some((user, domain)) => !user.is_empty() && domain.contains('.') && !domain.ends_with('.'),
            None => false,
        })
}

/// An RFC 822 (RFC 2822) date check, for RSS.
pub(crate) fn check_rfc822(sink: &mut Sink, pos: Pos, element: &str, value: &str) {
    let v = value.trim();
    match chrono::DateTime::parse_from_rfc2822(v) {
        Ok(_) => {}
        Err(e) if e.kind() == chrono::format::ParseErrorKind::Impossible => {
            sink.error(
                pos,
                format!("<{element}> {v:?}: the day of the week does not match the date"),
            );
        }
        Err(_) => sink.error(
            pos,
            format!("<{element}> {v:?} is not an RFC 822 date, like \"Wed, 24 Jan 2018 10:27:00 -0500\""),
        ),
    }
}

/// An RFC 3339 date check, for Atom and JSON Feed.
pub(crate) fn check_rfc3339(sink: &mut Sink, pos: Pos, what: &str, value: &str) {
    let v = value.trim();
    // RFC 4287 (and so JSON Feed, which follows it) wants the upper-case `T` and `Z`
    // that RFC 3339 only recommends.
    let strict = v.as_bytes().get(10) == Some(&b'T') && !v.ends_with('z');
    if !strict || chrono::DateTime::parse_from_rfc3339(v).is_err() {
        sink.error(
            pos,
            format!("{what} {v:?} is not an RFC 3339 date, like \"2018-01-24T10:27:00-05:00\""),
        );
    }
}

/// Reports every id seen before, pointing at the first.
pub(crate) fn check_duplicates(sink: &mut Sink, what: &str, ids: &[(String, Pos)]) {
    let mut seen: std::collections::HashMap<&str, Pos> = std::collections::HashMap::new();
    for (id, pos) in ids {
        match seen.get(id.as_str()) {
            Some(first) => {
                let at = first.map_or(String::new(), |p| format!(" (first on line {})", p.0));
                sink.error(
                    *pos,
                    format!("duplicate {what} {id:?}{at}: readers keep only one of the items"),
                );
            }
            None => {
                seen.insert(id, *pos);
            }
        }
    }
}

/// Checks an item's HTML content: relative URLs (unless `based`, i.e. an `xml:base`
/// applies), and `images` (from Media RSS) that the HTML does not show.
pub(crate) fn check_content(
    sink: &mut Sink,
    pos: Pos,
    what: &str,
    html: Option<&str>,
    based: bool,
    images: &[String],
) {
    let attrs = html.map(html::url_attrs).unwrap_or_default();
    if !based {
        let mut reported = std::collections::HashSet::new();
        for a in &attrs {
            if html::is_relative(&a.value) && reported.insert(a.value.clone()) {
                sink.warning(
                    pos,
                    format!(
                        "relative URL {:?} ({} of <{}>) in {what}: readers resolve it against different bases or not at all; make it absolute",
                        a.value, a.attr, a.tag
                    ),
                );
            }
        }
    }
    for image in images {
        let shown = attrs
            .iter()
            .any(|a| (a.attr == "src" || a.attr == "srcset" || a.attr == "href") && a.value == *image);
        if !shown {
            sink.warning(
                pos,
                format!(
                    "image {image:?} is only in Media RSS, not in the HTML {what}: readers that show only the HTML will miss it"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_display() {
        let f = Finding {
            path: "feeds/rss.xml".into(),
            line: Some(3),
            column: Some(7),
            severity: Severity::Error,
            message: "bad".into(),
        };
        assert_eq!(f.to_string(), "feeds/rss.xml:3:7: error: bad");
        let f = Finding {
            line: None,
            column: None,
            severity: Severity::Warning,
            ..f
        };
        assert_eq!(f.to_string(), "feeds/rss.xml: warning: bad");
    }

    #[test]
    fn line_index() {
        let idx = LineIndex::new("ab\nçd\n\nx");
        assert_eq!(idx.pos(0), (1, 1));
        assert_eq!(idx.pos(3), (2, 1));
        assert_eq!(idx.pos(5), (2, 2));
        assert_eq!(idx.pos(7), (3, 1));
        assert_eq!(idx.pos(9), (4, 2));
    }

    #[test]
    fn emails_and_uris() {
        assert!(has_email("jane@example.com (Jane Doe)"));
        assert!(has_email("Jane Doe <jane@news.example.org>"));
        assert!(!has_email("Jane Doe"));
        assert!(!has_email("@handle"));
        assert!(is_absolute_uri("https://a.example/x"));
        assert!(is_absolute_uri("tag:news.example.com,2000:a-b"));
        assert!(is_absolute_uri("urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6"));
        assert!(!is_absolute_uri("/posts/1"));
        assert!(!is_absolute_uri("news.example.com/1"));
        assert!(!is_absolute_uri("https://"));
    }

    fn rfc822(value: &str) -> Vec<String> {
        let mut sink = Sink::new(Path::new("rss.xml"));
        check_rfc822(&mut sink, Some((4, 2)), "pubDate", value);
        sink.findings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn rfc822_dates() {
        for ok in [
            "Tue, 02 Mar 2021 18:30:00 GMT",
            "02 Mar 2021 18:30:00 +0000",
            "Tue, 02 Mar 21 18:30 EST",
            " Tue, 2 Mar 2021 18:30:00 PDT\n",
        ] {
            assert_eq!(rfc822(ok), Vec::<String>::new(), "{ok}");
        }
        assert_eq!(
            rfc822("Wed, 02 Mar 2021 18:30:00 +0000"),
            vec![
                "rss.xml:4:2: error: <pubDate> \"Wed, 02 Mar 2021 18:30:00 +0000\": the day of the week does not match the date"
            ]
        );
        assert_eq!(
            rfc822("Tue, 02 Mar 2021 18:30:00 UTC"),
            vec![
                "rss.xml:4:2: error: <pubDate> \"Tue, 02 Mar 2021 18:30:00 UTC\" is not an RFC 822 date, like \"Wed, 24 Jan 2018 10:27:00 -0500\""
            ]
        );
    }

    #[test]
    fn rfc3339_dates_need_upper_case_t_and_z() {
        let mut sink = Sink::new(Path::new("a.xml"));
        check_rfc3339(&mut sink, None, "<updated>", "2021-03-02T18:30:00Z");
        check_rfc3339(&mut sink, None, "<updated>", "2021-03-02T18:30:00.25+05:30");
        assert!(sink.findings.is_empty());
        check_rfc3339(&mut sink, None, "<updated>", "2021-03-02t18:30:00z");
        check_rfc3339(&mut sink, None, "<updated>", "2021-03-02");
        assert_eq!(sink.findings.len(), 2);
    }

    #[test]
    fn size_budget() {
        let item = "<item><title>t</title><guid isPermaLink=\"false\">x</guid></item>";
        let head = "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title><link>https://a.example/</link><description>D</description><atom:link href=\"https://a.example/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>";
        let pad = format!("<!--{}-->", "x".repeat(600 * 1024));
        let doc = format!("{head}{item}</channel></rss>{pad}");
        let f = check_bytes(Path::new("rss.xml"), doc.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].to_string(),
            "rss.xml: warning: the feed is 600 KiB, over 512 KiB: some feed services truncate or refuse feeds this large"
        );
        let pad = "x".repeat(1100 * 1024);
        let doc = format!("{head}{item}</channel></rss><!--{pad}-->");
        let f = check_bytes(Path::new("rss.xml"), doc.as_bytes());
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.starts_with("the feed is 1100 KiB"), "{}", f[0]);
    }
}
