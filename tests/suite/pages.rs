//! Issue 9 item 6, links never dangle: an item without a URL links to a page of its
//! own (`items/<slug>.html`), archive pages have an HTML page linked from `index.html`
//! and to each other, and a build removes the page of an item that was deleted or got
//! a URL.

use std::collections::BTreeSet;

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
    "--format",
    "json",
];

/// A Markdown article; `front` is more front matter (`url: …`).
fn article(title: &str, date: &str, front: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{front}---\n\nThe story of {title}.\n")
}

/// Builds and returns the JSON report.
fn build(t: &FeedTest, extra: &[&str]) -> serde_json::Value {
    let mut args = SITE.to_vec();
    args.extend_from_slice(extra);
    let out = t.build_ok(&args);
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// The paths a report lists under `key` (`written`, `unchanged`, `removed`).
fn listed(report: &serde_json::Value, key: &str) -> BTreeSet<String> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} in {report}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The files under `feeds/items/`, relative to `feeds/`.
fn item_pages(t: &FeedTest) -> Vec<String> {
    files_under(&t.path().join("feeds"))
        .into_iter()
        .filter(|f| f.starts_with("items/"))
        .collect()
}

/// `href` (relative, `/`-separated) resolved against the page at `from`, both
/// relative to the output folder.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The `href` of the link with `class` on the page, if any.
fn link(page: &str, class: &str) -> Option<String> {
    let at = page.find(&format!("<a class=\"{class}\" href=\""))?;
    let rest = &page[at..];
    let start = rest.find("href=\"")? + "href=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_string())
}

#[test]
fn an_item_without_a_url_links_to_its_own_page_in_every_feed() {
    let t = FeedTest::new();
    t.write(
        "articles/bridge.md",
        article(
            "Bridge reopens",
            "2024-03-04T09:30:00-06:00",
            "author: Ana Ruiz\n",
        ),
    );
    t.write(
        "articles/linked.md",
        article(
            "Council votes",
            "2024-03-03T18:00:00-06:00",
            "url: https://news.example.com/2024/council/\n",
        ),
    );
    build(&t, &[]);
    let pages = item_pages(&t);
    assert_eq!(pages.len(), 1, "{pages:?}");
    let page = &pages[0];
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let feed = parse_feed(&t.read(&format!("feeds/{file}")));
        let href = |title: &str| {
            let entry = feed
                .entries
                .iter()
                .find(|e| e.title.as_ref().is_some_and(|x| x.content == title))
                .unwrap_or_else(|| panic!("{title} in {file}"));
            entry.links[0].href.clone()
        };
        assert_eq!(
            href("Bridge reopens"),
            format!("https://news.example.com/{page}"),
            "{file}"
        );
        assert_eq!(
            href("Council votes"),
            "https://news.example.com/2024/council/",
            "{file}"
        );
    }
    let html = t.read(&format!("feeds/{page}"));
    for want in [
        "<title>Bridge reopens — ",
        "<h1>Bridge reopens</h1>",
        r#"<time datetime="2024-03-04T09:30:00-06:00">March 4, 2024, 9:30 AM UTC-06:00</time>"#,
        "By Ana Ruiz",
        "<p>The story of Bridge reopens.</p>",
        r#"<a href="../index.html">"#,
    ] {
        assert!(html.contains(want), "{want:?} missing from {page}:\n{html}");
    }
    // index.html links both headlines and shows dates with their zone.
    let index = t.read("feeds/index.html");
    for want in [
        format!(r#"<h2><a href="{page}">Bridge reopens</a></h2>"#),
        r#"<h2><a href="https://news.example.com/2024/council/">Council votes</a></h2>"#.to_string(),
        r#"<time datetime="2024-03-03T18:00:00-06:00">March 3, 2024, 6:00 PM UTC-06:00</time>"#.to_string(),
    ] {
        assert!(
            index.contains(&want),
            "{want:?} missing from index.html:\n{index}"
        );
    }
}

#[test]
fn archive_pages_have_html_pages_linked_from_the_index_and_to_each_other() {
    let t = FeedTest::new();
    // Seven stories, two per feed: the main feed holds 2, archive pages 2, 2 and 1.
    for d in 1..=7 {
        t.write(
            &format!("articles/s{d}.md"),
            article(&format!("Story {d}"), &format!("2024-03-0{d}T09:00:00-06:00"), ""),
        );
    }
    build(&t, &["--limit", "2"]);
    // Walk the chain from index.html through the "Older items" links.
    let mut at = "index.html".to_string();
    let mut visited = vec![at.clone()];
    while let Some(href) = link(&t.read(&format!("feeds/{at}")), "older") {
        let next = resolve(&at, &href);
        // Each page links back to the one it was reached from.
        let back = link(&t.read(&format!("feeds/{next}")), "newer").expect("a newer link");
        assert_eq!(resolve(&next, &back), at, "{next} links back");
        visited.push(next.clone());
        at = next;
    }
    assert_eq!(
        visited,
        [
            "index.html",
            "archive/3/index.html",
            "archive/2/index.html",
            "archive/1/index.html"
        ]
    );
    // Each archive page lists the items of its feeds, newest first.
    for (k, want) in [
        (1, ["Story 2", "Story 1"].as_slice()),
        (2, &["Story 4", "Story 3"]),
        (3, &["Story 5"]),
    ] {
        let feed = parse_feed(&t.read(&format!("feeds/archive/{k}/atom.xml")));
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(titles, want, "archive/{k}");
        let html = t.read(&format!("feeds/archive/{k}/index.html"));
        let listed: Vec<&str> = want
            .iter()
            .copied()
            .filter(|title| html.contains(&format!(">{title}</a></h2>")))
            .collect();
        assert_eq!(listed, want, "archive/{k}/index.html");
    }

    // A new story completes page 3; complete pages 1 and 2 are not rendered again.
    t.write(
        "articles/s8.md",
        article("Story 8", "2024-03-08T09:00:00-06:00", ""),
    );
    let report = build(&t, &["--limit", "2"]);
    let written = listed(&report, "written");
    let unchanged = listed(&report, "unchanged");
    for k in [1, 2] {
        for f in ["index.html", "rss.xml", "atom.xml", "feed.json"] {
            let rel = format!("archive/{k}/{f}");
            assert!(
                unchanged.contains(&rel) && !written.contains(&rel),
                "{rel}: {report}"
            );
        }
    }
    assert!(written.contains("archive/3/index.html"), "{report}");
    assert!(t.read("feeds/archive/3/index.html").contains(">Story 6</a></h2>"));
}

#[test]
fn a_deleted_item_or_one_that_got_a_url_loses_its_page() {
    let t = FeedTest::new();
    for (name, day) in [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)] {
        t.write(
            &format!("articles/{name}.md"),
            article(
                &format!("Story {name}"),
                &format!("2024-03-0{day}T09:00:00-06:00"),
                "",
            ),
        );
    }
    build(&t, &[]);
    let before = item_pages(&t);
    assert_eq!(before.len(), 5, "{before:?}");
    let page_of = |title: &str| -> String {
        let index = t.read("feeds/index.html");
        let at = index.find(&format!("\">{title}</a></h2>")).unwrap();
        let start = index[..at].rfind("href=\"").unwrap() + "href=\"".len();
        index[start..at].to_string()
    };
    let (a, b) = (page_of("Story a"), page_of("Story b"));

    std::fs::remove_file(t.path().join("articles/a.md")).unwrap();
    t.write(
        "articles/b.md",
        article(
            "Story b",
            "2024-03-02T09:00:00-06:00",
            "url: https://news.example.com/b/\n",
        ),
    );
    let report = build(&t, &[]);
    assert_eq!(listed(&report, "removed"), BTreeSet::from([a.clone(), b.clone()]));
    let after = item_pages(&t);
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(!after.contains(&a) && !after.contains(&b));
    // The three left are the ones there were, untouched.
    assert!(after.iter().all(|p| before.contains(p)));
    let feed = parse_feed(&t.read("feeds/rss.xml"));
    let links: Vec<&str> = feed.entries.iter().map(|e| e.links[0].href.as_str()).collect();
    assert!(links.contains(&"https://news.example.com/b/"), "{links:?}");
    for l in links {
        let rel = l.strip_prefix("https://news.example.com/").unwrap();
        assert!(
            rel == "b/" || t.path().join("feeds").join(rel).is_file(),
            "{l} dangles"
        );
    }
}
