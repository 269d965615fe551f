//! `wirefeed build`: the sample, golden files, stability, bad input, interrupted builds.

use std::time::Duration;

use crate::support::*;

const SEED: &str = include_str!("../fixtures/seed/articles/000_363a71e73bdbfb18.txt");
const SEED_TITLE: &str = "US, Russian envoys talk Syria after chemical weapons charges";

fn flags_only_build(t: &FeedTest) {
    t.build_ok(&[
        "--input",
        "in",
        "--out",
        "out",
        "--site-url",
        "https://news.example.com",
        "--timezone",
        "America/New_York",
    ]);
}

/// Issue 2's evidence: the seed alone, built with flags and no config file.
#[test]
fn seed_builds_from_flags_alone_with_caption_credit_and_paragraphs() {
    let t = FeedTest::new();
    t.write("in/seed.txt", SEED);
    flags_only_build(&t);
    for file in ["out/rss.xml", "out/atom.xml"] {
        let text = t.read(file);
        assert!(!text.contains("Never miss a local story"), "{file}");
        assert!(!text.contains("Sign up today"), "{file}");
        let feed = parse_feed(&text);
        assert_eq!(feed.entries.len(), 1, "{file}");
        let entry = &feed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, SEED_TITLE, "{file}");
        let published = entry.published.unwrap();
        assert_eq!(
            published.to_rfc3339(),
            "2018-01-24T15:27:00+00:00",
            "{file}: 10:27 in New York"
        );
        let html = entry.content.as_ref().and_then(|c| c.body.clone()).unwrap();
        assert_eq!(html.matches("<figure").count(), 1, "{file}: {html}");
        let caption_start = html.find("<figcaption>").unwrap() + "<figcaption>".len();
        let caption_end = html.find("</figcaption>").unwrap();
        let figcaption = &html[caption_start..caption_end];
        assert!(
            figcaption.starts_with("U.S. Secretary of State Rex Tillerson, left,"),
            "{figcaption}"
        );
        assert!(
            figcaption.contains("a suspected chemical attack in Syria. <small"),
            "{figcaption}"
        );
        assert_eq!(
            figcaption.matches("Thibault Camus").count(),
            1,
            "credit once, in its element: {figcaption}"
        );
        assert!(
            figcaption.contains(r#"<small class="credit">Photo: Thibault Camus / AP Photo</small>"#),
            "{figcaption}"
        );
        assert_eq!(html.matches("<p>").count(), 6, "{file}: {html}");
    }
    let atom = parse_feed(&t.read("out/atom.xml"));
    assert_eq!(
        atom.entries[0]
            .published
            .unwrap()
            .with_timezone(&chrono_tz::America::New_York)
            .to_rfc3339(),
        "2018-01-24T10:27:00-05:00"
    );
    assert!(
        t.read("out/atom.xml")
            .contains("<published>2018-01-24T10:27:00-05:00</published>")
    );
    assert!(
        t.read("out/rss.xml")
            .contains("<pubDate>Wed, 24 Jan 2018 10:27:00 -0500</pubDate>")
    );
}

/// Golden files: the seed with a config file.
#[test]
fn seed_fixture_matches_golden_files() {
    let t = FeedTest::fixture("seed");
    t.build_ok(&[]);
    t.assert_matches_expected("feeds");
}

/// The committed `feeds/` folder is what `cargo run --release -- build` makes.
#[test]
fn sample_site_matches_the_committed_feeds() {
    let t = FeedTest::new();
    std::fs::copy(repo().join("wirefeed.toml"), t.path().join("wirefeed.toml")).unwrap();
    copy_dir(&repo().join("articles"), &t.path().join("articles"), &|_| false);
    t.build_ok(&["--quiet"]);
    assert_dirs_equal(&t.path().join("feeds"), &repo().join("feeds"));
    for file in files_under(&t.path().join("feeds")) {
        if file.ends_with(".xml") && !file.ends_with(".xsl") {
            let feed = parse_feed(&t.read(&format!("feeds/{file}")));
            assert!(!feed.entries.is_empty(), "{file} has entries");
        }
    }
}

#[test]
fn building_twice_gives_identical_bytes_and_leaves_mtimes_alone() {
    let t = FeedTest::fixture("seed");
    t.build_ok(&[]);
    let files = files_under(&t.path().join("feeds"));
    assert!(files.contains(&"rss.xml".to_string()) && files.contains(&"atom.xml".to_string()));
    let snapshot = |t: &FeedTest| -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
        files
            .iter()
            .map(|f| {
                let p = t.path().join("feeds").join(f);
                (
                    f.clone(),
                    std::fs::read(&p).unwrap(),
                    std::fs::metadata(&p).unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let first = snapshot(&t);
    std::thread::sleep(Duration::from_millis(50));
    let out = t.build_ok(&[]);
    assert_eq!(snapshot(&t), first);
    assert!(stderr(&out).contains("0 files written"), "{}", stderr(&out));
}

#[test]
fn quiet_prints_nothing_on_success() {
    let t = FeedTest::fixture("seed");
    let out = t.build_ok(&["--quiet"]);
    assert_eq!(stderr(&out), "");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_article_is_reported_and_the_rest_published() {
    let t = FeedTest::fixture("seed");
    t.write(
        "articles/broken.txt",
        "Just a headline\n\nFebruary 30, 2018 10:00 AM\n\nA paragraph dated a day that does not exist.\n",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("broken.txt"), "{err}");
    let feed = parse_feed(&t.read("feeds/rss.xml"));
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(feed.entries[0].title.as_ref().unwrap().content, SEED_TITLE);
}

#[test]
fn a_failed_build_leaves_the_published_feeds_whole() {
    let t = FeedTest::fixture("seed");
    t.build_ok(&[]);
    let before = t.read("feeds/rss.xml");
    // A template that does not compile makes the whole build fail after loading.
    t.write("templates/item.html", "{% for x in %}");
    t.write(
        "wirefeed.toml",
        format!("{}templates = \"templates\"\n", t.read("wirefeed.toml")),
    );
    t.write(
        "articles/new.txt",
        "Newer story\n\nFebruary 2, 2019 9:00 AM\n\nText.\n",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("item.html"), "{}", stderr(&out));
    assert_eq!(t.read("feeds/rss.xml"), before);
}

#[test]
fn config_errors_exit_2_and_name_the_file_and_line() {
    let t = FeedTest::new();
    t.write(
        "wirefeed.toml",
        "site_url = \"https://a.example\"\nlimit = \"many\"\n",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("wirefeed.toml:2"), "{}", stderr(&out));
    let out = t.run(&["build", "--config", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.toml"), "{}", stderr(&out));
}

#[test]
fn an_overlapping_build_waits_then_gives_up_with_a_clear_message() {
    let t = FeedTest::fixture("seed");
    let lock = wirefeed::publish::OutputLock::acquire(&t.path().join("feeds"), Duration::ZERO).unwrap();
    let out = t.run(&["build", "--lock-wait", "1"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("another wirefeed build is running"),
        "{}",
        stderr(&out)
    );
    drop(lock);
    t.build_ok(&[]);
}

/// Text that cannot be in XML 1.0 never reaches the output, whatever the encoding.
#[test]
fn control_characters_and_legacy_encodings_give_well_formed_feeds() {
    let t = FeedTest::fixture("seed");
    t.write(
        "articles/control.txt",
        "Bell\u{7} and escape\u{1b} in a headline\n\nMarch 3, 2021 9:00 AM\n\nA vertical\u{b}tab, a NUL\u{0} and a form feed\u{c} in the body.\n",
    );
    // "Café – naïve" in Windows-1252: not UTF-8 at all.
    t.write(
        "articles/legacy.txt",
        b"Caf\xe9 owners \x96 na\xefve or bold?\n\nMarch 4, 2021 9:00 AM\n\nThe caf\xe9 opened on the rue de l'\xc9glise.\n".as_slice(),
    );
    t.build_ok(&["--quiet"]);
    for file in ["feeds/rss.xml", "feeds/atom.xml"] {
        let text = t.read(file);
        let feed = parse_feed(&text);
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert!(
            titles.contains(&"Bell and escape in a headline".to_string()),
            "{titles:?}"
        );
        assert!(
            titles.contains(&"Café owners – naïve or bold?".to_string()),
            "{titles:?}"
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{0}') && !text.contains('\u{b}'),
            "{file}"
        );
    }
    let out = t.run(&["check", "feeds"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// Without a terminal (cron), progress is a few plain lines, then the summary.
#[test]
fn progress_is_plain_lines_when_stderr_is_not_a_terminal() {
    let t = FeedTest::fixture("seed");
    let out = t.build_ok(&[]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(lines[0], "wirefeed: loading 1 articles");
    assert!(lines[1].starts_with("wirefeed: loaded 1 articles in "), "{err}");
    assert!(
        lines[2].starts_with("wirefeed: 1 items in ") && lines[2].contains("feeds ("),
        "{err}"
    );
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let t = FeedTest::fixture("seed");
    // 2:30 AM on the spring-forward night does not exist in New York: a warning.
    t.write(
        "articles/dst.txt",
        "Clocks jump ahead\n\nMarch 11, 2018 2:30 AM\n\nText.\n",
    );
    let out = t.build_ok(&[]);
    assert!(stderr(&out).contains("warning: "), "{}", stderr(&out));
    let out = t.build_ok(&["--quiet"]);
    assert_eq!(stderr(&out), "");
    t.write(
        "articles/broken.txt",
        "Bad date\n\nFebruary 30, 2018 10:00 AM\n\nJust text.\n",
    );
    let out = t.run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: ") && err.contains("broken.txt") && !err.contains("warning"),
        "{err}"
    );
}
