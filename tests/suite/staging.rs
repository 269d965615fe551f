//! Temporary files are never served: a build stages its files in the hidden folder
//! `OUT/.wirefeed-staging`, and nowhere else; a killed build's staging folder (and
//! the `.wirefeed-*.tmp` files older versions left beside their targets) go at the
//! start of the next build; SIGTERM and SIGINT remove the staging folder and exit
//! 143 and 130, leaving the published files whole.
//!
//! A build is held between staging and publishing with the binary's test-only hook
//! (`_WIREFEED_TEST_HOLD_BEFORE_COMMIT`): it announces itself with a file and waits
//! for another, so nothing here depends on timing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::support::*;

const SITE: &[&str] = &[
    "build",
    "--input",
    "articles",
    "--out",
    "feeds",
    "--site-url",
    "https://news.example.com/",
    "--timezone",
    "UTC",
    "--limit",
    "3",
];

const STAGING: &str = "feeds/.wirefeed-staging";

/// Every file under `root`, dotfiles and dot-folders included (the lock file aside),
/// with its bytes.
fn every_file(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".wirefeed.lock")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A site of `n` articles over three tags (main feeds, archive pages, tag feeds).
fn site(t: &FeedTest, n: u32, title: &str) {
    let tags = ["city", "roads", "weather"];
    for i in 1..=n {
        t.write(
            &format!("articles/a{i}.md"),
            format!(
                "---\ntitle: \"{title} {i}\"\ndate: 2024-03-{i:02}T09:00:00\ntags: [{}]\n---\n\nText {i}.\n",
                tags[i as usize % 3]
            ),
        );
    }
}

/// The outputs of a fresh build of `t`'s articles.
fn fresh_build(t: &FeedTest) -> BTreeMap<String, Vec<u8>> {
    let fresh = FeedTest::new();
    copy_dir(
        &t.path().join("articles"),
        &fresh.path().join("articles"),
        &|_| false,
    );
    fresh.run_ok(SITE);
    every_file(&fresh.path().join("feeds"))
}

trait RunOk {
    fn run_ok(&self, args: &[&str]);
}

impl RunOk for FeedTest {
    fn run_ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// Starts a build of `t` held after staging; returns it once it has staged everything.
fn held_build(t: &FeedTest) -> (Child, PathBuf) {
    let hold = t.path().join("hold");
    std::fs::create_dir_all(&hold).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_wirefeed"))
        .args(SITE)
        .current_dir(t.path())
        .env("_WIREFEED_TEST_HOLD_BEFORE_COMMIT", &hold)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Polls for the hook's announcement (not a guess at how long staging takes); the
    // limit only keeps a broken build from hanging the suite.
    let start = std::time::Instant::now();
    while !hold.join("staged").exists() {
        assert!(start.elapsed().as_secs() < 120, "the build never staged");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (child, hold)
}

#[test]
fn a_killed_builds_staging_folder_and_old_temp_files_are_removed_by_the_next_build() {
    let t = FeedTest::new();
    site(&t, 8, "Story");
    t.run_ok(SITE);
    let feeds = t.path().join("feeds");
    // What a SIGKILL during staging leaves: whole copies in the staging folder, and
    // (from a version that staged beside the target) a `.wirefeed-*.tmp` in a folder.
    std::fs::create_dir_all(feeds.join(".wirefeed-staging")).unwrap();
    std::fs::copy(
        feeds.join("rss.xml"),
        feeds.join(".wirefeed-staging/staged-Ab12.tmp"),
    )
    .unwrap();
    std::fs::copy(
        feeds.join("rss.xml"),
        feeds.join(".wirefeed-staging/previous-0-rss.xml.tmp"),
    )
    .unwrap();
    std::fs::copy(
        feeds.join("tags/city/rss.xml"),
        feeds.join("tags/city/.wirefeed-x.tmp"),
    )
    .unwrap();
    std::fs::copy(
        feeds.join("rss.xml"),
        feeds.join(".wirefeed-rss.xml.previous.tmp"),
    )
    .unwrap();
    // Someone's own file that merely looks temporary is left alone.
    std::fs::write(feeds.join("notes.tmp"), "mine").unwrap();

    site(&t, 9, "Edited story");
    t.run_ok(SITE);
    let mut want = fresh_build(&t);
    want.insert("notes.tmp".into(), b"mine".to_vec());
    assert!(!feeds.join(".wirefeed-staging").exists());
    assert_eq!(
        every_file(&feeds).keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    assert!(
        every_file(&feeds) == want,
        "the outputs differ from a clean build"
    );
}

#[test]
fn a_staged_build_has_temp_files_only_in_the_staging_folder() {
    let t = FeedTest::new();
    site(&t, 8, "Story");
    t.run_ok(SITE);
    let feeds = t.path().join("feeds");
    let old = every_file(&feeds);
    site(&t, 9, "Edited story");

    let (child, hold) = held_build(&t);
    let now = every_file(&feeds);
    let (staged, published): (Vec<_>, Vec<_>) =
        now.keys().partition(|rel| rel.starts_with(".wirefeed-staging/"));
    assert!(
        staged.len() > 8,
        "the edits stage main, archive and tag feeds: {staged:?}"
    );
    for rel in &published {
        assert!(
            !rel.ends_with(".tmp") && !rel.contains("/."),
            "{rel} beside the outputs"
        );
        assert_eq!(now[*rel], old[*rel], "{rel} published before the commit");
    }
    assert_eq!(published.len(), old.len());
    // `check` looks at the outputs only.
    let check = t.run(&["check", "feeds"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    std::fs::write(hold.join("go"), "").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!t.path().join(STAGING).exists());
    assert!(every_file(&feeds) == fresh_build(&t));
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_remove_the_staging_folder_and_leave_the_old_files() {
    for (signal, code, name) in [(libc::SIGTERM, 143, "SIGTERM"), (libc::SIGINT, 130, "SIGINT")] {
        let t = FeedTest::new();
        site(&t, 8, "Story");
        t.run_ok(SITE);
        let feeds = t.path().join("feeds");
        let old = every_file(&feeds);
        site(&t, 9, "Edited story");

        let (child, _hold) = held_build(&t);
        assert!(t.path().join(STAGING).is_dir());
        let pid = libc::pid_t::try_from(child.id()).unwrap();
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("stopped by {name}")),
            "{}",
            stderr(&out)
        );
        assert!(!t.path().join(STAGING).exists(), "{name}");
        assert!(every_file(&feeds) == old, "{name}: the published files changed");

        // The next build publishes what a clean build would.
        t.run_ok(SITE);
        assert!(every_file(&feeds) == fresh_build(&t), "{name}");
    }
}
