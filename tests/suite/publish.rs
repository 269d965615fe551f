//! Publishing all or none: a build that fails at any step of its commit leaves every
//! published file whole (the last build's bytes or the new build's), the main feeds
//! agreeing with each other, and a site the next build completes.
//!
//! The failures are injected with the library's test-only hook
//! (`Config::test_fail_publish_at`), one build per step: deterministic, unlike killing
//! a process after a delay.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::*;

const SITE: &[&str] = &[
    "--input",
    "articles",
    "--out",
    "feeds",
    "--site-url",
    "https://news.example.com/",
    "--timezone",
    "America/Chicago",
    "--limit",
    "3",
];

fn article(title: &str, day: u32, tag: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2024-03-{day:02}T09:00:00\ntags: [{tag}]\n---\n\n{body}\n")
}

/// Every output file (dotfiles aside) and its bytes.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The config the binary makes of [`SITE`] in `dir`, with the fault hook set.
fn config(dir: &Path, fail_at: Option<usize>) -> wirefeed::Config {
    let flags = wirefeed::config::Overrides {
        input: Some(dir.join("articles")),
        out: Some(dir.join("feeds")),
        site_url: Some("https://news.example.com/".into()),
        timezone: Some("America/Chicago".into()),
        limit: Some(3),
        ..Default::default()
    };
    let mut cfg = wirefeed::Config::resolve(
        wirefeed::config::FileConfig::default(),
        flags,
        dir,
        Path::new("command line"),
    )
    .unwrap();
    cfg.test_fail_publish_at = fail_at;
    cfg
}

/// The item ids of a feed file, in order, parsed by feed-rs.
fn ids(bytes: &[u8]) -> Vec<String> {
    parse_feed(std::str::from_utf8(bytes).unwrap())
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// Build A (8 articles, limit 3: main feeds, archive pages, tag feeds), then edits
/// (one changed, one deleted, two added: the main feeds, archives and tag feeds all
/// change, a tag feed goes stale) built as B with a failure injected at every step of
/// publishing, from the first rename to after the last. After each failure every
/// output file parses, is byte for byte A's or B's, the main feeds list the same ids
/// (A's: a failed commit puts them back), `check` finds no error; the next ordinary
/// build then gives exactly a fresh full build of B.
#[test]
fn a_build_failing_at_any_publishing_step_leaves_whole_files_and_agreeing_main_feeds() {
    let t = FeedTest::new();
    let tags = ["city", "roads", "weather"];
    for i in 1..=8 {
        t.write(
            &format!("articles/a{i}.md"),
            article(&format!("Story {i}"), i, tags[i as usize % 3], "Text."),
        );
    }
    t.write("articles/lone.md", article("Lone fair", 9, "fairs", "Rides."));
    t.build_ok(SITE);
    let a = outputs(&t.path().join("feeds"));

    // The edits of build B.
    t.write(
        "articles/a2.md",
        article("Story 2, corrected", 2, "city", "Text, fixed."),
    );
    std::fs::remove_file(t.path().join("articles/lone.md")).unwrap();
    t.write("articles/b1.md", article("New story 1", 10, "city", "More."));
    t.write("articles/b2.md", article("New story 2", 11, "schools", "More."));

    // B as a fresh full build, and how many files an incremental B renames.
    let fresh = FeedTest::new();
    copy_dir(
        &t.path().join("articles"),
        &fresh.path().join("articles"),
        &|_| false,
    );
    fresh.build_ok(SITE);
    let b = outputs(&fresh.path().join("feeds"));
    let probe = FeedTest::new();
    copy_dir(t.path(), probe.path(), &|_| false);
    let report = wirefeed::build(&config(probe.path(), None)).unwrap();
    let renames = report.published.written.len();
    assert_eq!(outputs(&probe.path().join("feeds")), b);
    assert!(renames > 8, "B rewrites main, archive and tag feeds: {renames}");
    assert!(a.contains_key("tags/fairs/rss.xml") && !b.contains_key("tags/fairs/rss.xml"));

    for k in 0..=renames {
        let s = FeedTest::new();
        copy_dir(t.path(), s.path(), &|_| false);
        let err = wirefeed::build(&config(s.path(), Some(k)))
            .unwrap_err()
            .to_string();
        assert!(err.ends_with(": injected failure"), "step {k}: {err}");

        let now = outputs(&s.path().join("feeds"));
        for (rel, bytes) in &now {
            assert!(
                a.get(rel) == Some(bytes) || b.get(rel) == Some(bytes),
                "step {k}: {rel} is neither A's nor B's"
            );
            if rel.ends_with("rss.xml") || rel.ends_with("atom.xml") || rel.ends_with("feed.json") {
                ids(bytes);
            }
        }
        // Nothing A published is gone: stale files go only after a whole commit.
        for rel in a.keys() {
            assert!(now.contains_key(rel), "step {k}: {rel} removed early");
        }
        let main_ids = ids(&now["rss.xml"]);
        assert_eq!(ids(&now["atom.xml"]), main_ids, "step {k}");
        assert_eq!(ids(&now["feed.json"]), main_ids, "step {k}");
        for rel in ["rss.xml", "atom.xml", "feed.json", "index.html"] {
            assert_eq!(now[rel], a[rel], "step {k}: {rel} put back");
        }
        // No temporary file is left, in the staging folder or anywhere.
        assert!(!s.path().join("feeds/.wirefeed-staging").exists(), "step {k}");
        for entry in walkdir::WalkDir::new(s.path().join("feeds")) {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "step {k}: {name} left");
        }
        let check = s.run(&["check", "feeds"]);
        assert!(
            check.status.success(),
            "step {k}: {}",
            String::from_utf8_lossy(&check.stdout)
        );

        s.build_ok(SITE);
        assert!(
            outputs(&s.path().join("feeds")) == b,
            "step {k}: the next build differs from a fresh full build"
        );
    }
}

/// Issue 8's reproduction: 60 articles of 40 KB made a 1.7 MB `rss.xml`, which `check`
/// rejects (over 1 MiB). Now every feed holds as many of the newest items as fit, the
/// archive pages hold the rest, and a warning says so.
#[test]
fn sixty_long_articles_give_feeds_under_max_feed_bytes_and_lose_no_item() {
    let t = FeedTest::new();
    let paragraph = "The council debated the budget late into the night, line by line. ".repeat(6);
    let body = format!("{paragraph}\n\n").repeat(110);
    assert!(body.len() > 40_000);
    for i in 0..60 {
        t.write(
            &format!("articles/long{i:02}.md"),
            format!(
                "---\ntitle: \"Long story {i}\"\ndate: 2024-03-01T{:02}:{:02}:00\ntags: [city]\n---\n\n{body}",
                i / 60,
                i % 60
            ),
        );
    }
    let out = t.build_ok(&["--site-url", "https://news.example.com/", "--timezone", "UTC"]);
    let warnings: Vec<&str> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .map(|l| l.to_owned().leak() as &str)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let main = ids(t.read("feeds/rss.xml").as_bytes());
    assert_eq!(
        warnings[0],
        format!(
            "warning: the feeds hold the newest {} items, not 50 items (limit): more would make a feed over max_feed_bytes = 1048576 bytes; the older items are in the archive pages",
            main.len()
        )
    );
    assert!((20..50).contains(&main.len()), "{} items", main.len());

    let files = outputs(&t.path().join("feeds"));
    let mut largest = 0;
    for (rel, bytes) in &files {
        if rel.ends_with("rss.xml") || rel.ends_with("atom.xml") || rel.ends_with("feed.json") {
            assert!(bytes.len() <= 1_048_576, "{rel}: {} bytes", bytes.len());
            largest = largest.max(bytes.len());
        }
    }
    // The budget is used, not squandered: the largest feed is within two items of it.
    assert!(largest > 1_048_576 - 2 * 45_000, "largest feed {largest} bytes");
    // The tag feed (every article is tagged `city`) holds as many as the main feeds.
    assert_eq!(ids(&files["tags/city/atom.xml"]).len(), main.len());

    // No item lost: the main feed and the archive pages hold all 60, once each.
    let mut all: Vec<String> = files
        .iter()
        .filter(|(rel, _)| {
            *rel == "feed.json" || (rel.starts_with("archive/") && rel.ends_with("/feed.json"))
        })
        .flat_map(|(_, bytes)| ids(bytes))
        .collect();
    all.sort();
    let mut want: Vec<String> = (0..60)
        .map(|i| format!("tag:news.example.com,2000:long{i:02}.md"))
        .collect();
    want.sort();
    assert_eq!(all, want);

    let check = t.run(&["check", "feeds"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // A rebuild measures nothing again and gives the same bytes.
    t.build_ok(&["--site-url", "https://news.example.com/", "--timezone", "UTC"]);
    assert!(outputs(&t.path().join("feeds")) == files);
}

/// `max_feed_bytes` lowers the budget (flag, config key or `WIREFEED_MAX_FEED_BYTES`).
#[test]
fn max_feed_bytes_lowers_the_budget() {
    let t = FeedTest::new();
    let body = "A paragraph of news that goes on for a while.\n\n".repeat(40);
    for i in 0..10 {
        t.write(
            &format!("articles/a{i}.md"),
            format!("---\ntitle: \"Story {i}\"\ndate: 2024-03-01T09:{i:02}:00\n---\n\n{body}"),
        );
    }
    let site = ["--site-url", "https://news.example.com/", "--timezone", "UTC"];
    t.build_ok(&site);
    assert_eq!(ids(t.read("feeds/rss.xml").as_bytes()).len(), 10);
    let out = t.build_ok(&[&site[..], &["--max-feed-bytes", "20000"]].concat());
    assert!(
        stderr(&out).contains("max_feed_bytes = 20000 bytes"),
        "{}",
        stderr(&out)
    );
    let files = outputs(&t.path().join("feeds"));
    for (rel, bytes) in &files {
        if rel.ends_with("rss.xml") || rel.ends_with("atom.xml") || rel.ends_with("feed.json") {
            assert!(bytes.len() <= 20_000, "{rel}: {} bytes", bytes.len());
        }
    }
    assert!(files.contains_key("archive/1/rss.xml"));
    // The same bytes as a full build from an empty state (which measures every item).
    let fresh = FeedTest::new();
    copy_dir(
        &t.path().join("articles"),
        &fresh.path().join("articles"),
        &|_| false,
    );
    fresh.build_ok(&[&site[..], &["--max-feed-bytes", "20000"]].concat());
    assert!(outputs(&fresh.path().join("feeds")) == files);
    // Back to the default budget: all 10 in the main feeds again, the archive removed.
    t.build_ok(&site);
    assert_eq!(ids(t.read("feeds/rss.xml").as_bytes()).len(), 10);
    assert!(!t.path().join("feeds/archive").exists());
    let out = t.run(&[&["build"][..], &site[..], &["--max-feed-bytes", "2000000"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// `--limit 0 --max-feed-bytes 0`: the budget is off, so the main feeds hold every
/// item (streamed, over 1 MiB here) and there are no archive pages; `check` reports the
/// size, as the README says.
#[test]
fn limit_0_without_a_budget_puts_every_item_in_the_main_feeds() {
    let t = FeedTest::new();
    let paragraph = "The council debated the budget late into the night, line by line. ".repeat(6);
    let body = format!("{paragraph}\n\n").repeat(110);
    for i in 0..30 {
        t.write(
            &format!("articles/long{i:02}.md"),
            format!("---\ntitle: \"Long story {i}\"\ndate: 2024-03-01T00:{i:02}:00\n---\n\n{body}"),
        );
    }
    let flags = [
        "--site-url",
        "https://news.example.com/",
        "--timezone",
        "UTC",
        "--limit",
        "0",
        "--max-feed-bytes",
        "0",
    ];
    let out = t.build_ok(&flags);
    assert!(
        !stderr(&out).contains("warning: the feeds hold"),
        "{}",
        stderr(&out)
    );
    let files = outputs(&t.path().join("feeds"));
    assert!(
        !files.keys().any(|rel| rel.starts_with("archive/")),
        "no archive pages"
    );
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        assert!(
            files[feed].len() > 1_048_576,
            "{feed}: {} bytes",
            files[feed].len()
        );
        let parsed = feed_rs::parser::parse(&files[feed][..]).unwrap();
        assert_eq!(parsed.entries.len(), 30, "{feed}");
        assert_eq!(parsed.entries[0].title.as_ref().unwrap().content, "Long story 29");
        assert_eq!(parsed.entries[29].title.as_ref().unwrap().content, "Long story 0");
    }
    let check = t.run(&["check", "feeds"]);
    assert!(!check.status.success());
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("over the 1 MiB"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // With the budget on (the default), the same site is paged into archives.
    let out = t.build_ok(&[
        "--site-url",
        "https://news.example.com/",
        "--timezone",
        "UTC",
        "--limit",
        "0",
    ]);
    assert!(
        stderr(&out).contains("warning: the feeds hold the newest"),
        "{}",
        stderr(&out)
    );
    assert!(t.path().join("feeds/archive/1/rss.xml").exists());
    assert!(std::fs::metadata(t.path().join("feeds/rss.xml")).unwrap().len() <= 1_048_576);
}
