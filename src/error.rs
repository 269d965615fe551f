//! The library's error type. Every variant names the file it is about, and the line
//! when there is one, so a user can go straight to the problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in wirefeed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An article could not be understood.
    #[error("{}{}: {message}", path.display(), Line(*line))]
    Article {
        /// The article file.
        path: PathBuf,
        /// The 1-based line the problem is on, when known.
        line: Option<usize>,
        /// What is wrong, in words a user can act on.
        message: String,
    },
    /// The configuration file or a flag is wrong.
    #[error("{}{}: {message}", path.display(), Line(*line))]
    Config {
        /// The config file (or `command line` for flags).
        path: PathBuf,
        /// The 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A template failed to compile or render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name, e.g. `item.html`.
        name: String,
        /// The template engine's message.
        message: String,
    },
    /// A feed could not be serialized.
    #[error("writing {file}: {message}")]
    Write {
        /// The output file name, e.g. `rss.xml`.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The shrink guard refused to publish: the build would remove too many of the
    /// items the last build published (see [`crate::guard`]).
    #[error(
        "{}: not published: this build has {now} items where the last one published {before} ({removed} removed, over max_shrink = {max_shrink}); if that is right, run again with --force",
        out.display()
    )]
    Shrink {
        /// The output folder.
        out: PathBuf,
        /// Items the last build published.
        before: usize,
        /// Items this build would publish.
        now: usize,
        /// Items of the last build this one would remove.
        removed: usize,
        /// The share allowed (`max_shrink`).
        max_shrink: f64,
    },
    /// Another build holds the output folder's lock.
    #[error("{}: another wirefeed build is running (lock held for {waited_secs} s); try again later", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// How long this run waited.
        waited_secs: u64,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// An article error on `path`, at `line` when known.
    pub fn article(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Article {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A configuration error.
    pub fn config(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Config {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// Formats `:LINE` when a line is known, nothing otherwise.
struct Line(Option<usize>);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_and_line() {
        let e = Error::article("articles/a.txt", Some(7), "no dateline");
        assert_eq!(e.to_string(), "articles/a.txt:7: no dateline");
        let e = Error::article("articles/a.txt", None, "empty file");
        assert_eq!(e.to_string(), "articles/a.txt: empty file");
    }

    #[test]
    fn error_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
    }
}
