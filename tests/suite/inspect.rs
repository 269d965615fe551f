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
