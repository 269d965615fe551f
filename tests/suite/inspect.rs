//! `wirefeed inspect`: golden output for every input fixture.
//!
//! Every file under `tests/fixtures/inputs/` is inspected, and the output compared with
//! `tests/fixtures/inspect/<same path>.out` (stdout, then the exit code and stderr
//! when the file is expected to fail).

use crate::support::*;

const SITE: &[&str] = &[
    "--site-url",
    "https://news.example.com",
    "--timezone",
    "America/New_York",
];

fn inspect(args: &[&str]) -> std::process::Output {
    let mut all = vec!["inspect"];
    all.extend_from_slice(SITE);
    all.extend_from_slice(args);
    wirefeed(&repo(), &all)
}

#[test]
fn every_input_fixture_matches_its_golden_inspect_output() {
    let inputs = fixture("inputs");
    let files: Vec<String> = files_under(&inputs)
        .into_iter()
        .filter(|f| wirefeed::load::loader_for(std::path::Path::new(f)).is_some())
        .collect();
    assert!(files.len() >= 3, "input fixtures: {files:?}");
    let actual = tempfile::tempdir().unwrap();
    for rel in &files {
        let arg = format!("tests/fixtures/inputs/{rel}");
        let out = inspect(&[&arg]);
        let mut text = String::from_utf8(out.stdout.clone()).unwrap();
        if !out.status.success() {
            text.push_str(&format!(
                "exit: {:?}\nstderr: {}",
                out.status.code(),
                stderr(&out)
            ));
        }
        let path = actual.path().join(format!("{rel}.out"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    assert_dirs_equal(actual.path(), &fixture("inspect"));
}

#[test]
fn inspect_prints_every_field_of_the_seed_as_json() {
    let out = inspect(&["tests/fixtures/seed/articles/000_363a71e73bdbfb18.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let item: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        item["title"],
        "US, Russian envoys talk Syria after chemical weapons charges"
    );
    assert_eq!(item["published"], "2018-01-24T10:27:00-05:00");
    assert_eq!(item["photos"].as_array().unwrap().len(), 1);
    assert_eq!(item["photos"][0]["credit"]["name"], "Thibault Camus");
    assert_eq!(item["photos"][0]["credit"]["organization"], "AP Photo");
    assert!(
        item["photos"][0]["caption"]
            .as_str()
            .unwrap()
            .ends_with("a suspected chemical attack in Syria.")
    );
    assert_eq!(item["body"]["paragraphs"].as_array().unwrap().len(), 6);
    for key in ["id", "url", "updated", "authors", "summary", "tags", "source"] {
        assert!(item.get(key).is_some(), "field {key} is printed");
    }
}

#[test]
fn inspect_text_format_and_errors() {
    let out = inspect(&[
        "--format",
        "text",
        "tests/fixtures/seed/articles/000_363a71e73bdbfb18.txt",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  credit:  Thibault Camus / AP Photo"), "{text}");
    let out = inspect(&["no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/file.txt"), "{}", stderr(&out));
    let out = inspect(&["Cargo.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Cargo.toml: no loader for this file type"),
        "{}",
        stderr(&out)
    );
}

/// What must come out the same whatever the input format (issue 3).
#[derive(Debug, PartialEq)]
struct Essentials {
    title: String,
    url: serde_json::Value,
    published: String,
    updated: serde_json::Value,
    authors: Vec<String>,
    photos: Vec<(String, serde_json::Value, serde_json::Value, serde_json::Value)>,
    paragraphs: Vec<String>,
    tags: Vec<String>,
}

fn essentials(item: &serde_json::Value) -> Essentials {
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let paragraphs = match &item["body"] {
        serde_json::Value::Object(o) if o.contains_key("paragraphs") => strings(&o["paragraphs"]),
        serde_json::Value::Object(o) => html_paragraphs(o["html"].as_str().unwrap_or("")),
        other => panic!("unexpected body {other}"),
    };
    Essentials {
        title: item["title"].as_str().unwrap().to_string(),
        url: item["url"].clone(),
        published: item["published"].as_str().unwrap().to_string(),
        updated: item["updated"].clone(),
        authors: item["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect(),
        photos: item["photos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["caption"].as_str().unwrap().to_string(),
                    p["credit"]["name"].clone(),
                    p["credit"]["organization"].clone(),
                    p["url"].clone(),
                )
            })
            .collect(),
        paragraphs,
        tags: strings(&item["tags"])
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect(),
    }
}

/// The text of each `<p>` in sanitized item HTML.
fn html_paragraphs(html: &str) -> Vec<String> {
    let p = regex::Regex::new(r"(?s)<p>(.*?)</p>").unwrap();
    let tag = regex::Regex::new(r"<[^>]+>").unwrap();
    p.captures_iter(html)
        .map(|c| {
            tag.replace_all(&c[1], "")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
        })
        .collect()
}

#[test]
fn the_same_article_in_every_format_loads_the_same() {
    for article in ["ferry", "library", "heat"] {
        let dir = fixture("inputs/parity").join(article);
        let mut seen: Vec<(String, Essentials)> = Vec::new();
        for file in files_under(&dir) {
            if file.ends_with(".toml") {
                continue; // the text file's sidecar
            }
            let arg = format!("tests/fixtures/inputs/parity/{article}/{file}");
            let out = inspect(&[&arg]);
            assert!(out.status.success(), "{arg}: {}", stderr(&out));
            let item: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            seen.push((file, essentials(&item)));
        }
        assert!(
            seen.len() >= 4,
            "{article}: txt, md, json and html versions: {seen:?}"
        );
        let (first_file, first) = &seen[0];
        for (file, got) in &seen[1..] {
            assert_eq!(got, first, "{article}: {file} differs from {first_file}");
        }
    }
}
