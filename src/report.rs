//! How `build` and `check` tell what they did: lines for people (`--format text`) or
//! one JSON object on standard output for scripts (`--format json`).
//!
//! The JSON of `build`:
//!
//! ```json
//! {"items": 50, "articles": 120, "out": "feeds",
//!  "written": ["rss.xml", …], "unchanged": […], "removed": […],
//!  "errors": [{"file": "articles/a.txt", "line": 3, "message": "no headline"}],
//!  "warnings": ["…"]}
//! ```
//!
//! and of `check`:
//!
//! ```json
//! {"files": ["feeds/rss.xml", …], "errors": 0, "warnings": 1,
//!  "findings": [{"file": "feeds/rss.xml", "line": 4, "column": 7,
//!                "severity": "warning", "message": "…"}]}
//! ```

use serde::Serialize;
use wirefeed::check::{self, Severity};
use wirefeed::{Config, Error};

use crate::cli::ReportFormat;
use crate::{chain, term};

/// One error, with the file and line it is about when it has them.
#[derive(Debug, Serialize, PartialEq)]
struct ErrorView {
    file: Option<String>,
    line: Option<usize>,
    message: String,
}

impl ErrorView {
    fn new(e: &Error) -> ErrorView {
        let (file, line, message) = match e {
            Error::Article { path, line, message } | Error::Config { path, line, message } => {
                (Some(path), *line, message.clone())
            }
            Error::Io { path, source } => (Some(path), None, chain(source)),
            other => (None, None, chain(other)),
        };
        ErrorView {
            file: file.map(|p| p.display().to_string()),
            line,
            message,
        }
    }
}

#[derive(Serialize)]
struct BuildView<'a> {
    items: usize,
    articles: usize,
    out: String,
    written: &'a [String],
    unchanged: &'a [String],
    removed: &'a [String],
    errors: Vec<ErrorView>,
    warnings: &'a [String],
}

/// Reports a finished build: JSON on standard output, or warnings, errors and a
/// summary line on standard error (only the errors with `quiet`).
pub(crate) fn build(cfg: &Config, report: &wirefeed::Report, format: ReportFormat, quiet: bool) {
    for e in &report.errors {
        term::error(chain(e));
    }
    if format == ReportFormat::Json {
        let view = BuildView {
            items: report.items,
            articles: report.articles,
            out: cfg.out.display().to_string(),
            written: &report.published.written,
            unchanged: &report.published.unchanged,
            removed: &report.published.removed,
            errors: report.errors.iter().map(ErrorView::new).collect(),
            warnings: &report.warnings,
        };
        json_line(&view);
        return;
    }
    if quiet {
        // Warnings (a DST guess, a merged duplicate) would repeat on every cron run;
        // --quiet keeps to what failed.
        return;
    }
    for w in &report.warnings {
        term::warning(w);
    }
    term::note(format_args!(
        "wirefeed: {} items in {} ({} files written, {} unchanged){}",
        report.items,
        cfg.out.display(),
        report.published.written.len(),
        report.published.unchanged.len(),
        if report.errors.is_empty() {
            String::new()
        } else {
            format!("; {} articles failed", report.errors.len())
        }
    ));
}

#[derive(Serialize)]
struct CheckView<'a> {
    files: Vec<String>,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: String,
    message: &'a str,
}

/// Reports a check: each finding and a summary line, or one JSON object (findings of
/// every severity; `quiet` leaves out warnings).
pub(crate) fn check(report: &check::Report, format: ReportFormat, quiet: bool) {
    let shown = report
        .findings
        .iter()
        .filter(|f| !quiet || f.severity == Severity::Error);
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    if format == ReportFormat::Json {
        let view = CheckView {
            files: report.files.iter().map(|p| p.display().to_string()).collect(),
            errors,
            warnings,
            findings: shown
                .map(|f| FindingView {
                    file: f.path.display().to_string(),
                    line: f.line,
                    column: f.column,
                    severity: f.severity.to_string(),
                    message: &f.message,
                })
                .collect(),
        };
        json_line(&view);
        return;
    }
    for f in shown {
        term::out_line(f);
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    term::out_line(format_args!(
        "wirefeed check: {} checked, {}, {}",
        plural(report.files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
}

/// Prints a value as one line of JSON on standard output.
fn json_line(value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(text) => term::out_line(text),
        Err(e) => term::error(format_args!("writing the JSON report: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_their_file_and_line_apart_from_the_message() {
        let e = Error::article("articles/a.txt", Some(3), "no headline");
        assert_eq!(
            ErrorView::new(&e),
            ErrorView {
                file: Some("articles/a.txt".into()),
                line: Some(3),
                message: "no headline".into(),
            }
        );
        let e = Error::io("feeds/rss.xml", std::io::Error::other("disk full"));
        assert_eq!(
            ErrorView::new(&e),
            ErrorView {
                file: Some("feeds/rss.xml".into()),
                line: None,
                message: "disk full".into(),
            }
        );
    }
}
