//! Cron-safe building (issues 8 and 11): what the input walk refuses, exit codes a
//! script can trust, lost articles, configuration checks, embargo and shrink guard.

use crate::support::*;

/// A second article, dated, for sites that need more than the seed.
const STORY: &str = "Harbor ferry returns\n\nMarch 3, 2021 9:00 AM\n\nThe ferry docked at noon.\n";

/// Titles of the items of a feed, in feed order.
fn titles(text: &str) -> Vec<String> {
    parse_feed(text)
        .entries
        .iter()
        .map(|e| e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default())
        .collect()
}

/// The error lines of a run, with the site folder taken out of paths.
fn error_lines(t: &FeedTest, out: &std::process::Output) -> Vec<String> {
    let prefix = format!("{}/", t.path().display());
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.replace(&prefix, "").replace("./articles", "articles"))
        .collect()
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Issue 8 item 5, issue 11 item 4: a dangling link, a link loop, a FIFO article and a
/// FIFO sidecar are one failed entry each (exit 1); the build never hangs and the
/// good article is published.
#[cfg(unix)]
#[test]
fn bad_directory_entries_are_one_error_each_and_never_hang_the_build() {
    use std::os::unix::fs::symlink;
    let t = FeedTest::fixture("seed");
    let articles = t.path().join("articles");
    symlink(articles.join("missing.txt"), articles.join("gone.txt")).unwrap();
    std::fs::create_dir(articles.join("loop")).unwrap();
    symlink(articles.join("loop"), articles.join("loop/again")).unwrap();
    mkfifo(&articles.join("pipe.txt"));
    t.write("articles/story.txt", STORY);
    mkfifo(&articles.join("story.toml"));
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        error_lines(&t, &out),
        [
            "error: articles/gone.txt: a dangling symbolic link (its target does not exist)",
            "error: articles/loop/again: a symbolic link loop (leads back to articles/loop): not followed",
            "error: articles/pipe.txt: a FIFO (named pipe), not a regular file: not opened",
            "error: articles/story.toml: a FIFO (named pipe), not a regular file: not opened",
        ]
    );
    assert_eq!(
        titles(&t.read("feeds/rss.xml")),
        ["US, Russian envoys talk Syria after chemical weapons charges"]
    );
}

/// Issue 11: a link to a file outside the input folder is not published, unless
/// `follow_links = true`.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_input_folder_is_refused_unless_follow_links() {
    let t = FeedTest::fixture("seed");
    t.write("private/secret.txt", STORY);
    std::os::unix::fs::symlink(
        t.path().join("private/secret.txt"),
        t.path().join("articles/secret.txt"),
    )
    .unwrap();
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        error_lines(&t, &out),
        [
            "error: articles/secret.txt: a symbolic link to private/secret.txt, outside the input folder: not followed (set follow_links = true in wirefeed.toml to follow it)"
        ]
    );
    assert_eq!(titles(&t.read("feeds/rss.xml")).len(), 1);
    t.write(
        "wirefeed.toml",
        format!("{}follow_links = true\n", t.read("wirefeed.toml")),
    );
    t.build_ok(&["--quiet"]);
    assert_eq!(
        titles(&t.read("feeds/rss.xml")),
        [
            "Harbor ferry returns",
            "US, Russian envoys talk Syria after chemical weapons charges"
        ]
    );
}

/// Issue 8 item 6: with the output folder inside the input folder, a rebuild does not
/// load its own `index.html` and `feed.json` as articles.
#[test]
fn the_output_folder_inside_the_input_folder_is_never_read_back() {
    let t = FeedTest::fixture("seed");
    t.write("articles/story.txt", STORY);
    let args = ["--out", "articles/feeds", "--quiet"];
    t.build_ok(&args);
    let first = t.read("articles/feeds/feed.json");
    let out = t.build_ok(&args);
    assert_eq!(stderr(&out), "");
    assert_eq!(t.read("articles/feeds/feed.json"), first);
    assert_eq!(titles(&first).len(), 2);
}

/// Issue 8 item 6: `exclude` globs and `.wirefeedignore` keep notes out of the build.
#[test]
fn excluded_and_ignored_files_are_not_articles() {
    let t = FeedTest::fixture("seed");
    t.write("articles/README.txt", "Notes for editors, not an article.\n");
    t.write("articles/drafts/story.txt", STORY);
    t.write("articles/world/story.txt", STORY);
    t.write("articles/.wirefeedignore", "# editors' notes\nREADME.txt\n");
    t.write(
        "wirefeed.toml",
        format!("{}exclude = [\"drafts/\"]\n", t.read("wirefeed.toml")),
    );
    t.build_ok(&["--quiet"]);
    let feed = parse_feed(&t.read("feeds/atom.xml"));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tag:news.example.com,2000:world/story.txt",
            "tag:news.example.com,2000:000_363a71e73bdbfb18.txt"
        ]
    );
}

/// Issue 11 item 5: an article over `max_article_bytes` is one failed file, refused
/// before it is read.
#[test]
fn an_article_over_the_size_limit_is_one_error() {
    let t = FeedTest::fixture("seed");
    t.write("articles/story.txt", STORY);
    t.write(
        "wirefeed.toml",
        format!("{}max_article_bytes = 100\n", t.read("wirefeed.toml")),
    );
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&t, &out),
        [
            "error: articles/000_363a71e73bdbfb18.txt: 2429 bytes, over max_article_bytes (100); raise max_article_bytes in wirefeed.toml to load it"
        ]
    );
    assert_eq!(titles(&t.read("feeds/rss.xml")), ["Harbor ferry returns"]);
}

/// Issue 8 item 4: a missing or non-folder `--input` is a usage error (exit 2) that
/// names the flag and creates nothing: no output folder, no lock file.
#[test]
fn a_missing_input_folder_exits_2_and_creates_nothing() {
    let t = FeedTest::new();
    t.write("wirefeed.toml", "site_url = \"https://a.example\"\n");
    let out = t.run(&["build", "--input", "nope"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out), "error: --input: nope: no such folder\n");
    assert!(!t.path().join("feeds").exists(), "the output folder was created");
    t.write("notes.txt", "a file");
    let out = t.run(&["build", "--input", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: --input: notes.txt: is not a folder\n");
    // From the config file, the error names the key.
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: input: ./articles: no such folder\n");
    assert!(!t.path().join("feeds").exists());
}

/// Issue 8 item 4: an output folder that cannot be created exits 3, not 4 (which a
/// wrapper may read as a harmless overlap).
#[test]
fn an_output_folder_that_cannot_be_created_exits_3() {
    let t = FeedTest::fixture("seed");
    t.write("feeds", "a file where the output folder should be");
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: ./feeds: "), "{}", stderr(&out));
    let out = t.run(&["build", "--quiet", "--out", "feeds/inside"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: feeds/inside: "),
        "{}",
        stderr(&out)
    );
}

/// Issue 8 item 4: a read-only output folder exits 3. (Root writes anywhere, so the
/// test has nothing to check when run as root.)
#[cfg(unix)]
#[test]
fn a_read_only_output_folder_exits_3() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return;
    }
    let t = FeedTest::fixture("seed");
    std::fs::create_dir(t.path().join("feeds")).unwrap();
    std::fs::set_permissions(t.path().join("feeds"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = t.run(&["build", "--quiet"]);
    std::fs::set_permissions(t.path().join("feeds"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

/// Issue 8 item 2: an article dated next year is held back with one line saying so
/// (exit 0); `--build-future` publishes it.
#[test]
fn an_article_dated_next_year_is_held_back_until_its_time() {
    use chrono::Datelike;
    let next_year = chrono::Utc::now().year() + 1;
    let t = FeedTest::fixture("seed");
    t.write(
        "articles/embargoed.txt",
        format!("Budget to be announced\n\nJune 1, {next_year} 9:00 AM\n\nThe budget.\n"),
    );
    let out = t.build_ok(&[]);
    let err = stderr(&out);
    let held: Vec<&str> = err.lines().filter(|l| l.contains("held back")).collect();
    assert_eq!(
        held,
        [format!(
            "warning: 1 item dated in the future is held back until its time; it is due {next_year}-06-01T09:00:00-04:00 (--build-future or build_future = true publishes them now)"
        )]
    );
    assert_eq!(
        titles(&t.read("feeds/rss.xml")),
        ["US, Russian envoys talk Syria after chemical weapons charges"]
    );
    t.build_ok(&["--build-future"]);
    assert_eq!(
        titles(&t.read("feeds/rss.xml")),
        [
            "Budget to be announced",
            "US, Russian envoys talk Syria after chemical weapons charges"
        ]
    );
}

/// Issue 8 item 3: a build over an emptied input folder (an unmounted share) exits 5
/// and leaves the published feeds untouched; `--force` publishes it anyway.
#[test]
fn an_empty_input_folder_over_a_published_site_exits_5_and_publishes_nothing() {
    let t = FeedTest::fixture("seed");
    t.write("articles/story.txt", STORY);
    t.build_ok(&["--quiet"]);
    let before: Vec<String> = ["rss.xml", "atom.xml", "feed.json", "index.html"]
        .iter()
        .map(|f| t.read(&format!("feeds/{f}")))
        .collect();
    for file in ["articles/story.txt", "articles/000_363a71e73bdbfb18.txt"] {
        std::fs::remove_file(t.path().join(file)).unwrap();
    }
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: ./feeds: not published: this build has 0 items where the last one published 2 (2 removed, over max_shrink = 0.5); if that is right, run again with --force\n"
    );
    let after: Vec<String> = ["rss.xml", "atom.xml", "feed.json", "index.html"]
        .iter()
        .map(|f| t.read(&format!("feeds/{f}")))
        .collect();
    assert_eq!(after, before);
    t.build_ok(&["--quiet", "--force"]);
    assert!(titles(&t.read("feeds/rss.xml")).is_empty());
}

/// Issue 8 item 3: removing up to `max_shrink` of the published items is an ordinary
/// build; removing more is refused.
#[test]
fn removing_more_than_max_shrink_of_the_items_exits_5() {
    let t = FeedTest::fixture("seed");
    t.write("articles/a.txt", STORY);
    t.write("articles/b.txt", STORY.replace("Harbor", "Airport"));
    t.write("articles/c.txt", STORY.replace("Harbor", "Station"));
    t.build_ok(&["--quiet"]);
    std::fs::remove_file(t.path().join("articles/a.txt")).unwrap();
    std::fs::remove_file(t.path().join("articles/b.txt")).unwrap();
    t.build_ok(&["--quiet"]);
    assert_eq!(titles(&t.read("feeds/rss.xml")).len(), 2);
    std::fs::remove_file(t.path().join("articles/c.txt")).unwrap();
    t.write(
        "wirefeed.toml",
        format!("{}max_shrink = 0.25\n", t.read("wirefeed.toml")),
    );
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(titles(&t.read("feeds/rss.xml")).len(), 2);
}

/// Issue 8 item 7: a bad record of an NDJSON file is a failed article (exit 1) naming
/// the file and line, even with `--quiet`; the good records are published.
#[test]
fn a_bad_ndjson_record_is_a_failed_article_even_with_quiet() {
    let t = FeedTest::fixture("seed");
    t.write(
        "articles/wire.ndjson",
        "{\"title\":\"Port reopens\",\"date\":\"2021-03-01T08:00:00Z\"}\n{\"title\": oops}\n{\"title\":\"Bridge closes\",\"date\":\"2021-03-02\",\"body\":\"x\"}\n",
    );
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        error_lines(&t, &out),
        ["error: articles/wire.ndjson:2: expected value"]
    );
    assert_eq!(
        titles(&t.read("feeds/rss.xml")),
        [
            "Bridge closes",
            "Port reopens",
            "US, Russian envoys talk Syria after chemical weapons charges"
        ]
    );
}

/// Issue 8 item 9: a missing `templates` folder is a config error (exit 2, nothing
/// created); `--timezone EST` and a `[timezones]` key naming no folder warn; a bad
/// flag is blamed on the flag.
#[test]
fn configuration_mistakes_are_reported() {
    let t = FeedTest::fixture("seed");
    let toml = t.read("wirefeed.toml");
    t.write("wirefeed.toml", format!("{toml}templates = \"nonexistent\"\n"));
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: wirefeed.toml: templates = \"nonexistent\": ./nonexistent is not a folder\n"
    );
    assert!(!t.path().join("feeds").exists());
    t.write(
        "wirefeed.toml",
        format!("{toml}[timezones]\nasia = \"Asia/Tokyo\"\n"),
    );
    let out = t.build_ok(&["--timezone", "EST"]);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(
        warnings,
        [
            "warning: [timezones] \"asia\" names no folder of the input folder ./articles; its zone applies to nothing",
            "warning: time zone \"EST\" is a fixed offset all year, without daylight saving time; use an IANA name such as \"America/New_York\""
        ]
    );
    let out = t.run(&["build", "--timezone", "Mars/Base"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --timezone: unknown time zone \"Mars/Base\": use an IANA name such as America/New_York\n"
    );
}

/// Issue 8 item 9, issue 11 item 5: `C++` and `C` get separate tag feeds with a
/// warning, `...` and `CON` get feeds in safe folders, and the folders are stable.
#[test]
fn colliding_and_unsafe_tags_each_get_their_own_safe_feed() {
    let t = FeedTest::fixture("seed");
    t.write(
        "articles/langs.md",
        "---\ntitle: Languages\ndate: 2021-03-03T09:00:00Z\ntags: [\"C++\", \"C\", \"...\", \"CON\"]\n---\nText.\n",
    );
    let out = t.build_ok(&[]);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("share the slug")).collect();
    assert_eq!(
        warnings,
        ["warning: tags share the slug \"c\": \"C\" in tags/c/, \"C++\" in tags/c-0dae8bb0/"]
    );
    let folders: Vec<String> = files_under(&t.path().join("feeds/tags"))
        .into_iter()
        .filter(|f| f.ends_with("/rss.xml"))
        .collect();
    assert_eq!(
        folders,
        [
            "c/rss.xml",
            "c-0dae8bb0/rss.xml",
            "con-0d01642b/rss.xml",
            "tag-ec4b1219/rss.xml"
        ]
    );
    for f in &folders {
        assert_eq!(titles(&t.read(&format!("feeds/tags/{f}"))), ["Languages"], "{f}");
    }
}
