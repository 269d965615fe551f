//! `wirefeed check`: feeds from our own writers pass; the binary prints one line per
//! finding and exits non-zero on errors only.

use std::path::Path;
use std::process::Command;

use wirefeed::check::{Severity, check_path};
use wirefeed::item::{Author, Body, Credit, Item, Photo};
use wirefeed::write::{Rendered, feed_writers};
use wirefeed::{Config, feed_for, template::Templates};

fn item(id: &str, title: &str, date: &str) -> Item {
    let date = chrono::DateTime::parse_from_rfc3339(date).unwrap();
    let mut item = Item::new(id, title, date);
    item.url = Some(id.to_string());
    item.body = Body::Paragraphs(vec!["First paragraph & more.".into(), "Second.".into()]);
    item
}

/// Writes every feed of a small site, built through the library, into `dir`.
fn write_site(dir: &Path) {
    write_site_with_photo(dir, "https://img.tidewater.example.org/levee.jpg");
}

fn write_site_with_photo(dir: &Path, photo_url: &str) {
    let cfg = Config::for_site("https://tidewater.example.org/news/", chrono_tz::America::Chicago);
    let mut a = item(
        "https://tidewater.example.org/news/levee",
        "Levee holds after <storm>",
        "2024-02-03T07:45:00-06:00",
    );
    let mut photo = Photo::new(
        "Crews stack sandbags on Feb. 2",
        Credit::new(Some("Lena Ortiz".into()), Some("Tidewater Times".into())),
    );
    photo.url = Some(photo_url.into());
    a.photos = vec![photo, Photo::new("A map of the levee", Credit::new(None, None))];
    a.authors = vec![Author::named("Sam Whitfield")];
    a.tags = vec!["weather".into()];
    let mut b = item(
        "tag:tidewater.example.org,2000:council-budget",
        "Council passes budget",
        "2024-02-01T18:00:00-06:00",
    );
    b.url = None;
    b.updated = Some(chrono::DateTime::parse_from_rfc3339("2024-02-02T09:00:00-06:00").unwrap());
    let feed = feed_for(&cfg, vec![a, b], &mut Vec::new());
    let templates = Templates::load(None).unwrap();
    let rendered = Rendered::new(&feed, &templates, true).unwrap();
    for w in feed_writers() {
        std::fs::write(dir.join(w.file_name()), w.write(&rendered.document()).unwrap()).unwrap();
    }
}

#[test]
fn our_own_feeds_pass() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let findings = check_path(dir.path());
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(
        findings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        Vec::<String>::new()
    );
}

/// Found by `check`: atom_syndication writes extension attributes unescaped, so a
/// photo URL with `&` makes `atom.xml` malformed. The fix belongs in src/write/atom.rs.
#[test]
fn photo_urls_with_ampersands_stay_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    write_site_with_photo(
        dir.path(),
        "https://img.tidewater.example.org/levee.jpg?w=1200&h=800",
    );
    let findings: Vec<String> = check_path(dir.path())
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(findings, Vec::<String>::new());
}

fn run(args: &[&Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wirefeed"))
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn binary_reports_findings_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_site(root);
    std::fs::create_dir(root.join("tags")).unwrap();
    std::fs::write(
        root.join("tags/rss.xml"),
        "<rss version=\"2.0\">\n<channel>\n<title>T</title>\n<link>https://a.example/</link>\n<description>D</description>\n<item><title>x</title><pubDate>yesterday</pubDate></item>\n</channel>\n</rss>\n",
    )
    .unwrap();
    std::fs::write(root.join("manifest.json"), "{\"name\": \"not a feed\"}").unwrap();
    let (code, out) = run(&[root]);
    let tags = root.join("tags/rss.xml");
    assert_eq!(
        out,
        format!(
            "{t}:2:1: warning: no <atom:link rel=\"self\"> (xmlns:atom=\"http://www.w3.org/2005/Atom\"): readers use it to know the feed's own URL\n\
             {t}:6:23: error: <pubDate> \"yesterday\" is not an RFC 822 date, like \"Wed, 24 Jan 2018 10:27:00 -0500\"\n\
             wirefeed check: 4 files checked, 1 error, 1 warning\n",
            t = tags.display()
        )
    );
    assert_eq!(code, 1);

    // Warnings alone exit 0; a file named on the command line is checked as a feed.
    std::fs::write(&tags, "<rss version=\"2.0\"><channel><title>T</title><link>https://a.example/</link><description>D</description></channel></rss>").unwrap();
    let (code, out) = run(&[&tags]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("wirefeed check: 1 file checked, 0 errors, 1 warning\n"),
        "{out}"
    );
    let (code, out) = run(&[&root.join("manifest.json")]);
    assert_eq!(code, 1);
    assert!(out.contains("manifest.json:1:1: error: no \"version\""), "{out}");
    let (code, out) = run(&[&root.join("missing.xml")]);
    assert_eq!(code, 1);
    assert!(out.contains("missing.xml: error: "), "{out}");
}
