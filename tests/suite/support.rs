//! `FeedTest`: a site in a temporary folder, built with the real binary, compared
//! against golden files.
//!
//! Golden files live in `tests/fixtures/<case>/expected/`. To accept new output after
//! reviewing it, run `SNAPSHOTS=overwrite cargo test` and review the diff in the commit.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub(crate) fn fixture(case: &str) -> PathBuf {
    repo().join("tests/fixtures").join(case)
}

/// Runs the binary with `args` in `dir`.
pub(crate) fn wirefeed(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirefeed"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("run the wirefeed binary")
}

/// A site in a temporary folder.
pub(crate) struct FeedTest {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) case: Option<String>,
}

impl FeedTest {
    /// An empty site folder.
    pub(crate) fn new() -> Self {
        FeedTest {
            dir: tempfile::tempdir().expect("temp dir"),
            case: None,
        }
    }

    /// A copy of `tests/fixtures/<case>/` (without `expected/`).
    pub(crate) fn fixture(case: &str) -> Self {
        let t = FeedTest {
            case: Some(case.to_string()),
            ..FeedTest::new()
        };
        copy_dir(&fixture(case), t.path(), &|p| {
            p.file_name().is_some_and(|n| n == "expected")
        });
        t
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), relative to the site folder.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Reads an output file as text.
    pub(crate) fn read(&self, rel: &str) -> String {
        let path = self.path().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Runs `wirefeed ARGS` in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        wirefeed(self.path(), args)
    }

    /// Runs `wirefeed build ARGS` and asserts success.
    pub(crate) fn build_ok(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "wirefeed build failed ({:?}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Compares every file under `out` with the fixture's `expected/` folder, both ways.
    pub(crate) fn assert_matches_expected(&self, out: &str) {
        let case = self.case.as_deref().expect("a fixture case");
        assert_dirs_equal(&self.path().join(out), &fixture(case).join("expected"));
    }
}

/// Every file (except dotfiles) under `root`, relative, sorted.
pub(crate) fn files_under(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if entry.file_type().is_file() && !hidden {
            files.push(rel);
        }
    }
    files
}

/// Asserts that `actual` holds exactly the files of `expected` with the same bytes.
/// With `SNAPSHOTS=overwrite`, replaces `expected` with `actual` instead.
pub(crate) fn assert_dirs_equal(actual: &Path, expected: &Path) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        let _ = std::fs::remove_dir_all(expected);
        copy_dir(actual, expected, &|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        });
        return;
    }
    let got = files_under(actual);
    let want = files_under(expected);
    assert_eq!(
        got,
        want,
        "files under {} differ from {} (SNAPSHOTS=overwrite cargo test to accept)",
        actual.display(),
        expected.display()
    );
    for rel in &want {
        let a = std::fs::read_to_string(actual.join(rel)).unwrap();
        let e = std::fs::read_to_string(expected.join(rel)).unwrap();
        if a != e {
            let line = a
                .lines()
                .zip(e.lines())
                .position(|(x, y)| x != y)
                .map_or(0, |i| i + 1);
            panic!(
                "{rel} differs from {} at line {line}:\n  got:  {}\n  want: {}\n(SNAPSHOTS=overwrite cargo test to accept)",
                expected.join(rel).display(),
                a.lines().nth(line.saturating_sub(1)).unwrap_or("<end>"),
                e.lines().nth(line.saturating_sub(1)).unwrap_or("<end>"),
            );
        }
    }
}

/// Copies a folder tree, skipping paths for which `skip` is true.
pub(crate) fn copy_dir(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(e.path()))
    {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Parses a feed with feed-rs, the independent parser.
pub(crate) fn parse_feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs cannot parse the feed: {e}\n{text}"))
}

/// The stderr of a run, as text.
pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
