//! JSON article exports: a `.json` file holding one article object, an array of them,
//! or an object with an `items` / `articles` / `posts` / `entries` array (a JSON Feed
//! document loads this way); a `.ndjson` / `.jsonl` file holding one article per line.
//!
//! The fields are those of `meta::Fields`, the same as Markdown front
//! matter. The text comes from `body_html` / `content_html` / `html` (HTML, sanitized later),
//! `body` (Markdown, or a list of paragraphs), `content` (HTML when it starts with a
//! tag, else Markdown) or `content_text` (plain paragraphs). In a file of several
//! articles, a bad record is one failed article naming the file and its line
//! ([`Context::fail`]), and the others load.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use super::markdown::render;
use super::meta::{BodyValue, Fields, Origin, RenderedBody, json_message};
use super::{Context, Loader, Source, tag_id};
use crate::error::Result;
use crate::item::{Body, Item};

/// Loader for `.json`, `.ndjson` and `.jsonl` files.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLoader;

impl Loader for JsonLoader {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json", "ndjson", "jsonl"]
    }

    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>> {
        let ext = src
            .path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (records, several) = if ext == "ndjson" || ext == "jsonl" {
            (lines(&src.text), true)
        } else {
            records(src)?
        };
        let mut items = Vec::new();
        for record in &records {
            match load_record(src, ctx, record, several) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {}
                // One lost article is one failed article, as for a file.
                Err(e) if several => ctx.fail(e),
                Err(e) => return Err(e),
            }
        }
        Ok(items)
    }
}

/// One article's JSON text and where it is in the file.
#[derive(Debug)]
struct Record<'a> {
    text: &'a str,
    /// The 1-based file line the record starts on.
    line: usize,
    /// The record's 1-based position in the file.
    number: usize,
}

/// NDJSON: every non-blank line is a record.
fn lines(text: &str) -> Vec<Record<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .enumerate()
        .map(|(n, (i, l))| Record {
            text: l,
            line: i + 1,
            number: n + 1,
        })
        .collect()
}

/// Keys of an object that wraps a list of articles (JSON Feed uses `items`).
const WRAPPER_KEYS: [&str; 4] = ["items", "articles", "posts", "entries"];

/// A `.json` file's records, and whether there may be several.
fn records(src: &Source) -> Result<(Vec<Record<'_>>, bool)> {
    let text = src.text.as_str();
    match text.trim_start().chars().next() {
        Some('[') => Ok((list(src, text)?, true)),
        Some('{') => {
            let map: BTreeMap<String, &RawValue> =
                serde_json::from_str(text).map_err(|e| src.error(Some(e.line()), json_message(&e)))?;
            let wrapped = WRAPPER_KEYS
                .iter()
                .filter_map(|k| map.get(*k))
                .find(|r| r.get().starts_with('['));
            match wrapped {
                Some(raw) => Ok((list(src, raw.get())?, true)),
                None => Ok((
                    vec![Record {
                        text,
                        line: 1,
                        number: 1,
                    }],
                    false,
                )),
            }
        }
        None => Err(src.error(
            None,
            "empty file: expected an article object or an array of articles",
        )),
        Some(_) => Err(src.error(
            Some(1),
            "expected an article object, an array of articles, or an object with an `items` array",
        )),
    }
}

/// The records of a JSON array `raw`, a slice of the file's text.
fn list<'a>(src: &'a Source, raw: &'a str) -> Result<Vec<Record<'a>>> {
    let text = src.text.as_str();
    let base = text[..offset_in(text, raw)].matches('\n').count() + 1;
    let raws: Vec<&'a RawValue> =
        serde_json::from_str(raw).map_err(|e| src.error(Some(base + e.line() - 1), json_message(&e)))?;
    // Records come in file order: count lines from the previous record, not from the
    // top, so a file of many records is read in linear time.
    let (mut offset, mut line) = (0, 1);
    let mut records = Vec::with_capacity(raws.len());
    for (i, r) in raws.into_iter().enumerate() {
        let at = offset_in(text, r.get()).max(offset);
        line += text[offset..at].matches('\n').count();
        offset = at;
        records.push(Record {
            text: r.get(),
            line,
            number: i + 1,
        });
    }
    Ok(records)
}

/// Turns one record into an item (`None` for drafts).
fn load_record(src: &Source, ctx: &Context<'_>, record: &Record<'_>, several: bool) -> Result<Option<Item>> {
    let at = |line: usize| Some(record.line + line.saturating_sub(1));
    if !record.text.trim_start().starts_with('{') {
        return Err(src.error(at(1), "expected an article object ({ … })"));
    }
    let mut fields: Fields = serde_json::from_str::<Fields>(record.text)
        .map_err(|e| src.error(at(e.line()), json_message(&e)))?
        .with_nested();
    if fields.is_draft() {
        return Ok(None);
    }
    let rendered = body(&mut fields);
    let fallback_id = if several {
        tag_id(ctx.config, &format!("{}#{}", src.rel_path, record.number))
    } else {
        tag_id(ctx.config, &src.rel_path)
    };
    let line_of = |key: &str| key_line(record.text, key).and_then(at);
    let origin = Origin {
        src,
        line_of: &line_of,
        line: Some(record.line),
        fallback_id,
    };
    fields.into_item(rendered, &origin, ctx).map(Some)
}

/// The article text from the first body field present.
fn body(fields: &mut Fields) -> RenderedBody {
    let html = |h: String| RenderedBody {
        body: Body::Html(h),
        ..RenderedBody::default()
    };
    let title = fields.title();
    if let Some(h) = fields
        .body_html
        .take()
        .or(fields.content_html.take())
        .or(fields.html.take())
    {
        return html(h.0);
    }
    match fields.body.take() {
        Some(BodyValue::Markdown(md)) => return render(&md, title.as_deref()),
        Some(BodyValue::Html(h)) => return html(h),
        Some(BodyValue::Paragraphs(ps)) => {
            return RenderedBody {
                body: Body::Paragraphs(ps),
                ..RenderedBody::default()
            };
        }
        None => {}
    }
    if let Some(content) = fields.content.take() {
        return if content.0.trim_start().starts_with('<') {
            html(content.0)
        } else {
            render(&content.0, title.as_deref())
        };
    }
    let paragraphs = fields
        .content_text
        .take()
        .map(|t| {
            t.0.replace("\r\n", "\n")
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    RenderedBody {
        body: Body::Paragraphs(paragraphs),
        ..RenderedBody::default()
    }
}

/// The byte offset of `part` inside `whole` (it must be a slice of it; 0 otherwise).
fn offset_in(whole: &str, part: &str) -> usize {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at + part.len() <= start + whole.len() {
        at - start
    } else {
        0
    }
}

/// The 1-based line (within the record) of the first `"key":` in it.
fn key_line(text: &str, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&needle) {
        let end = from + i + needle.len();
        if text[end..].trim_start().starts_with(':') {
            return Some(text[..from + i].matches('\n').count() + 1);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::error::Error;
    use crate::item::Credit;

    fn cfg() -> Config {
        Config::for_site("https://wire.example.com/", chrono_tz::Europe::Berlin)
    }

    /// The items (or the file's error), and the failed records' messages.
    fn load(text: &str, rel_path: &str) -> (Result<Vec<Item>>, Vec<String>) {
        let config = cfg();
        let ctx = Context::new(&config, rel_path);
        let result = JsonLoader.load(&Source::from_text(rel_path, text), &ctx);
        let (warnings, failed) = ctx.into_parts();
        assert!(warnings.is_empty(), "{warnings:?}");
        (result, failed.iter().map(Error::to_string).collect())
    }

    fn ok(text: &str, rel_path: &str) -> Vec<Item> {
        let (result, failed) = load(text, rel_path);
        assert!(failed.is_empty(), "{failed:?}");
        result.unwrap()
    }

    #[test]
    fn one_article_object() {
        let items = ok(
            include_str!("../../tests/fixtures/inputs/json/article.json"),
            "a.json",
        );
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(item.title, "Rail strike ends after three days");
        assert_eq!(item.published.to_rfc3339(), "2022-11-08T07:30:00+01:00");
        assert_eq!(item.id, "https://wire.example.com/business/rail-strike-ends");
        assert_eq!(item.authors[0].name, "Jonas Weber");
        assert_eq!(item.tags, ["labor", "transport"]);
        assert_eq!(item.photos.len(), 1);
        assert_eq!(item.photos[0].caption, "Commuters crowd a platform on Monday.");
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Clara Roth".into()), Some("dpa".into()))
        );
        assert_eq!(
            item.body,
            Body::Html(
                "<p>Trains ran again on <em>Tuesday</em>.</p>\n<p>The union called it a win.</p>\n".into()
            )
        );
    }

    #[test]
    fn arrays_and_wrapped_lists_get_one_id_per_record() {
        let items = ok(
            include_str!("../../tests/fixtures/inputs/json/feed.json"),
            "export/feed.json",
        );
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "https://wire.example.com/a/first",
                "tag:wire.example.com,2000:export/feed.json%232"
            ]
        );
        assert_eq!(items[0].body, Body::Html("<p>Raw <b>HTML</b> body.</p>".into()));
        assert_eq!(
            items[1].body,
            Body::Paragraphs(vec!["First paragraph.".into(), "Second one.".into()])
        );
        assert_eq!(
            items[1].updated.unwrap().to_rfc3339(),
            "2021-03-04T12:00:00+00:00"
        );
        let items = ok(
            r#"[{"title":"A","date":"2020-01-01","body":["One.","Two."]},{"title":"B","date":"2020-01-02","content":"<p>x</p>"}]"#,
            "list.json",
        );
        assert_eq!(
            items[0].body,
            Body::Paragraphs(vec!["One.".into(), "Two.".into()])
        );
        assert_eq!(items[1].body, Body::Html("<p>x</p>".into()));
        let items = ok(
            r#"{"articles":[{"title":"A","date":"2020-01-01","content":"Some *md*"}]}"#,
            "w.json",
        );
        assert_eq!(items[0].body, Body::Html("<p>Some <em>md</em></p>\n".into()));
    }

    #[test]
    fn ndjson_keeps_good_records_and_fails_bad_lines() {
        let (result, failed) = load(
            include_str!("../../tests/fixtures/inputs/json/wire.ndjson"),
            "wire.ndjson",
        );
        let items = result.unwrap();
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Port reopens", "Bridge inspection finds cracks", "No date here"]
        );
        assert_eq!(failed, ["wire.ndjson:3: expected `,` or `}`"]);
        assert_eq!(
            items.len(),
            3,
            "the record without a date is kept with its first-seen time"
        );
        assert_eq!(items[2].date_source, crate::item::DateSource::FirstSeen);
        assert_eq!(items[1].id, "tag:wire.example.com,2000:wire.ndjson%233");
    }

    #[test]
    fn every_record_that_fails_is_one_error() {
        let (result, failed) = load(
            "{\"date\":\"2020-01-01\"}\n\n{\"date\":\"2020-01-02\"}\n",
            "bad.jsonl",
        );
        assert!(result.unwrap().is_empty());
        assert_eq!(
            failed,
            [
                "bad.jsonl:1: no title: add a `title` field (or start the text with a `# heading`)",
                "bad.jsonl:3: no title: add a `title` field (or start the text with a `# heading`)"
            ]
        );
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let (result, _) = load("{\n  \"title\": \"x\",\n  \"date\": 2020-01-01\n}\n", "a.json");
        assert_eq!(result.unwrap_err().to_string(), "a.json:3: expected `,` or `}`");
        let (result, _) = load(
            "[\n {\"title\":\"a\",\"date\":\"2020-01-01\"},\n {\"title\": }\n]",
            "b.json",
        );
        assert_eq!(result.unwrap_err().to_string(), "b.json:3: expected value");
        let (result, _) = load("\"just a string\"", "c.json");
        assert!(
            result
                .unwrap_err()
                .to_string()
                .starts_with("c.json:1: expected an article object")
        );
    }

    #[test]
    fn a_bad_date_in_an_array_names_the_record_line() {
        let (result, failed) = load(
            "[\n{\"title\":\"ok\",\"date\":\"2020-01-01\"},\n{\"title\":\"bad\",\n \"date\":\"someday\"}\n]",
            "d.json",
        );
        assert_eq!(result.unwrap().len(), 1);
        assert_eq!(
            failed,
            ["d.json:4: date: \"someday\" is not a date wirefeed understands"]
        );
    }

    #[test]
    fn drafts_are_skipped() {
        let items = ok(
            r#"[{"title":"A","date":"2020-01-01","draft":true},{"title":"B","date":"2020-01-01"}]"#,
            "x.json",
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].title, "B");
    }

    #[test]
    fn every_json_extension_reaches_this_loader() {
        for name in ["a.json", "b.NDJSON", "c.jsonl"] {
            let loader = crate::load::loader_for(std::path::Path::new(name));
            assert_eq!(loader.map(|l| l.name()), Some("json"), "{name}");
        }
        for name in ["a.md", "b.Markdown"] {
            let loader = crate::load::loader_for(std::path::Path::new(name));
            assert_eq!(loader.map(|l| l.name()), Some("markdown"), "{name}");
        }
    }

    /// Paragraph texts of a body, markup dropped.
    fn paragraphs(body: &Body) -> Vec<String> {
        match body {
            Body::Paragraphs(ps) => ps.clone(),
            Body::Html(h) => h
                .split("<p>")
                .skip(1)
                .filter_map(|p| p.split_once("</p>").map(|(p, _)| p))
                .map(|p| {
                    p.replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&")
                })
                .collect(),
        }
    }

    #[test]
    fn the_same_article_as_markdown_and_json_gives_the_same_item() {
        let config = cfg();
        let md_ctx = Context::new(&config, "parity.md");
        let md = crate::load::markdown::MarkdownLoader
            .load(
                &Source::from_text(
                    "parity.md",
                    include_str!("../../tests/fixtures/inputs/markdown/parity.md"),
                ),
                &md_ctx,
            )
            .unwrap();
        let json = ok(
            include_str!("../../tests/fixtures/inputs/json/parity.json"),
            "parity.json",
        );
        let (md, json) = (&md[0], &json[0]);
        assert_eq!(md.title, json.title);
        assert_eq!(md.published, json.published);
        assert_eq!(md.published.to_rfc3339(), "2019-03-09T18:05:00+01:00");
        assert_eq!(md.authors, json.authors);
        assert_eq!(md.authors[0].name, "Lucía Ortega");
        assert_eq!(md.photos, json.photos);
        assert_eq!(
            md.photos[0].caption,
            "Passengers board the first ferry in Halifax, Saturday, March 9, 2019. Service had stopped on Feb. 23."
        );
        assert_eq!(
            md.photos[0].credit,
            Credit::new(Some("Darren Calabrese".into()), Some("AP Photo".into()))
        );
        assert_eq!(paragraphs(&md.body), paragraphs(&json.body));
        assert_eq!(paragraphs(&md.body).len(), 3);
    }

    #[test]
    fn key_lines() {
        assert_eq!(key_line("{\n\"a\": 1,\n\"date\" : 2}", "date"), Some(3));
        assert_eq!(key_line("{\"x\": \"date\", \"date\": 1}", "date"), Some(1));
        assert_eq!(key_line("{}", "date"), None);
    }
}
