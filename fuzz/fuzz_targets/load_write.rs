//! Load -> normalize -> write, with a strict re-parse: whatever the input, every XML
//! file the site holds is well-formed XML 1.0 (roxmltree) without a character XML
//! forbids, and feed.json is JSON. The first byte picks the loader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed::load::{Context, Loader, Source, html, json, markdown, text};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (input, _) = wirefeed::load::decode(rest);
    let (loader, name): (&dyn Loader, &str) = match pick % 4 {
        0 => (&text::TextLoader, "a.txt"),
        1 => (&markdown::MarkdownLoader, "a.md"),
        2 => (&json::JsonLoader, "a.json"),
        _ => (&html::HtmlLoader, "a.html"),
    };
    let cfg = wirefeed::Config::for_site("https://news.example.com/", chrono_tz::UTC);
    let Ok(items) = loader.load(&Source::from_text(name, &input), &Context::new(&cfg, name)) else {
        return;
    };
    let feed = wirefeed::feed_for(&cfg, items, &mut Vec::new());
    let templates = wirefeed::template::Templates::load(None).expect("built-in templates");
    let files = wirefeed::write::site::files(&feed, &templates, &wirefeed::write::site::Options::new(2, true))
        .expect("writing never fails on normalized items");
    for (path, bytes) in files {
        let text = std::str::from_utf8(&bytes).expect("output is UTF-8");
        assert!(
            text.chars().all(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)),
            "{path}: a character XML forbids"
        );
        if path.ends_with(".xml") {
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("{path}: not well-formed: {e}");
            }
        }
        if path.ends_with(".json") && !path.starts_with('.') {
            serde_json::from_str::<serde_json::Value>(text).expect("feed.json is JSON");
        }
    }
});
