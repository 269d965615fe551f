//! `wirefeed serve --watch`: rebuilds the site when an article, the config or a
//! template changes. File events are debounced (`notify-debouncer-mini`), so an editor's
//! save (write, rename, chmod) or a `git pull` is one rebuild. The server reads files
//! from disk on every request, so a rebuild is served at once; a rebuild that fails
//! publishes nothing (the build is atomic), and the last good output stays served.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};

use crate::config::Config;
use crate::error::{Error, Result};

/// How long the file system must stay quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// What one rebuild did, as lines for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rebuild {
    /// One line: items, files written and unchanged, failed articles; or why the build
    /// failed.
    pub summary: String,
    /// One line per article that failed (file, line, reason).
    pub errors: Vec<String>,
    /// True when nothing was published (the previous output is still served).
    pub failed: bool,
}

impl Rebuild {
    /// Builds the site with the config `load` gives now (re-read on each rebuild, so a
    /// changed `wirefeed.toml` takes effect), holding the output lock.
    pub fn run(load: &dyn Fn() -> Result<Config>) -> Rebuild {
        let failed = |e: &Error| Rebuild {
            summary: format!("rebuild failed, still serving the last good output: {}", chain(e)),
            errors: Vec::new(),
            failed: true,
        };
        let cfg = match load() {
            Ok(cfg) => cfg,
            Err(e) => return failed(&e),
        };
        let _lock = match crate::publish::OutputLock::acquire(&cfg.out, Duration::from_secs(60)) {
            Ok(lock) => lock,
            Err(e) => return failed(&e),
        };
        match crate::build(&cfg) {
            Ok(report) => Rebuild {
                summary: format!(
                    "rebuilt: {} items ({} files written, {} unchanged){}",
                    report.items,
                    report.published.written.len(),
                    report.published.unchanged.len(),
                    if report.errors.is_empty() {
                        String::new()
                    } else {
                        format!("; {} articles failed", report.errors.len())
                    }
                ),
                errors: report.errors.iter().map(chain).collect(),
                failed: false,
            },
            Err(e) => failed(&e),
        }
    }
}

/// An error with its causes, `: `-separated.
fn chain(e: &Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(&format!(": {s}"));
        source = s.source();
    }
    out
}

/// A running watch: rebuilds until dropped.
pub struct Watch {
    _debouncer: notify_debouncer_mini::Debouncer<RecommendedWatcher>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").finish_non_exhaustive()
    }
}

impl Watch {
    /// Watches what `cfg` builds from — the input folder, the templates folder and the
    /// config file `config_file` — and on each change calls [`Rebuild::run`] with
    /// `load`, handing the result to `report` (on a thread of its own). Changes inside
    /// the output folder and to hidden files (editor swap files, the state folder) are
    /// ignored.
    pub fn start(
        cfg: &Config,
        config_file: Option<&Path>,
        load: impl Fn() -> Result<Config> + Send + 'static,
        report: impl Fn(Rebuild) + Send + 'static,
    ) -> Result<Watch> {
        let (tx, rx) = mpsc::channel();
        let mut debouncer = notify_debouncer_mini::new_debouncer(DEBOUNCE, tx)
            .map_err(|e| Error::io(&cfg.input, std::io::Error::other(e.to_string())))?;
        let watch =
            |debouncer: &mut notify_debouncer_mini::Debouncer<RecommendedWatcher>, path: &Path, mode| {
                debouncer
                    .watcher()
                    .watch(path, mode)
                    .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))
            };
        watch(&mut debouncer, &cfg.input, RecursiveMode::Recursive)?;
        if let Some(t) = &cfg.templates_dir {
            watch(&mut debouncer, t, RecursiveMode::Recursive)?;
        }
        // Editors replace a file by renaming over it: watch its folder, not the file.
        let config_file = config_file.map(absolute);
        if let Some(dir) = config_file.as_deref().and_then(Path::parent) {
            watch(&mut debouncer, dir, RecursiveMode::NonRecursive)?;
        }
        let relevant = Relevant {
            input: absolute(&cfg.input),
            templates: cfg.templates_dir.as_deref().map(absolute),
            config: config_file,
            out: absolute(&cfg.out),
        };
        std::thread::Builder::new()
            .name("wirefeed-watch".into())
            .spawn(move || {
                // Ends when the debouncer (and with it the sender) is dropped.
                for events in rx.iter() {
                    let Ok(events) = events else { continue };
                    if events.iter().any(|e| relevant.matters(&e.path)) {
                        // Changes made while building are picked up by the next round.
                        while rx_drain(&rx) {}
                        report(Rebuild::run(&load));
                    }
                }
            })
            .map_err(|e| Error::io(&cfg.input, e))?;
        Ok(Watch {
            _debouncer: debouncer,
        })
    }
}

/// Takes one waiting batch of events off `rx` without blocking; false when none waits.
fn rx_drain<T>(rx: &mpsc::Receiver<T>) -> bool {
    rx.try_recv().is_ok()
}

/// `path` made absolute against the current folder, without touching the disk.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Which changed paths call for a rebuild.
struct Relevant {
    input: PathBuf,
    templates: Option<PathBuf>,
    config: Option<PathBuf>,
    out: PathBuf,
}

impl Relevant {
    fn matters(&self, path: &Path) -> bool {
        let path = absolute(path);
        let hidden = |p: &Path, root: &Path| {
            p.strip_prefix(root).is_ok_and(|rel| {
                rel.components().any(|c| {
                    let name = c.as_os_str().to_string_lossy();
                    name.starts_with('.') || name.ends_with('~')
                })
            })
        };
        if path.starts_with(&self.out) {
            return false;
        }
        if self.config.as_deref() == Some(path.as_path()) {
            return true;
        }
        [Some(&self.input), self.templates.as_ref()]
            .into_iter()
            .flatten()
            .any(|root| path.starts_with(root) && !hidden(&path, root))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_triggers_a_rebuild() {
        let r = Relevant {
            input: PathBuf::from("/site/articles"),
            templates: Some(PathBuf::from("/site/templates")),
            config: Some(PathBuf::from("/site/wirefeed.toml")),
            out: PathBuf::from("/site/articles/feeds"),
        };
        assert!(r.matters(Path::new("/site/articles/a.md")));
        assert!(r.matters(Path::new("/site/articles/world/b.txt")));
        assert!(r.matters(Path::new("/site/templates/item.html")));
        assert!(r.matters(Path::new("/site/wirefeed.toml")));
        assert!(!r.matters(Path::new("/site/articles/.a.md.swp")));
        assert!(!r.matters(Path::new("/site/articles/a.md~")));
        assert!(!r.matters(Path::new("/site/articles/feeds/rss.xml")));
        assert!(!r.matters(Path::new("/site/other.toml")));
        assert!(!r.matters(Path::new("/site/.wirefeed/state.sqlite")));
    }
}
