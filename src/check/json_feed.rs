//! JSON Feed 1.1 rules (jsonfeed.org): `version`, `title`, `items` each with an `id`
//! and `content_html` or `content_text`, RFC 3339 dates, absolute URLs, `feed_url`.
//! Findings point at the value's line and column, found by a small scan of the text
//! (serde_json's values carry no positions).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{LineIndex, Pos, Sink, check_content, check_duplicates, check_rfc3339, is_absolute_uri};

const VERSION_1_1: &str = "https://jsonfeed.org/version/1.1";
const VERSION_1: &str = "https://jsonfeed.org/version/1";

/// Checks a JSON document; returns whether it is a JSON Feed, or `None` when it was
/// skipped: JSON that declares no JSON Feed version is skipped unless `explicit`.
pub(super) fn check(bytes: &[u8], explicit: bool, sink: &mut Sink) -> Option<bool> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let pos = LineIndex::new(&prefix).pos(good);
            sink.error(
                Some(pos),
                format!("invalid UTF-8 (byte 0x{:02X}): JSON must be UTF-8", bytes[good]),
            );
            return Some(false);
        }
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let message = e
                .to_string()
                .replace(&format!(" at line {} column {}", e.line(), e.column()), "");
            sink.error(Some((e.line(), e.column())), format!("not valid JSON: {message}"));
            return Some(false);
        }
    };
    let lines = LineIndex::new(text);
    let offsets = Scanner::index(text);
    let at = |path: &str| -> Pos { offsets.get(path).map(|o| lines.pos(*o)) };
    let Some(feed) = value.as_object() else {
        if explicit {
            sink.error(at(""), "a JSON Feed is a JSON object");
        }
        return explicit.then_some(false);
    };
    match feed.get("version").and_then(Value::as_str) {
        Some(VERSION_1_1) => {}
        Some(VERSION_1) => sink.warning(
            at("version"),
            format!("JSON Feed 1.0: version {VERSION_1_1:?} is current"),
        ),
        Some(v) if v.starts_with("https://jsonfeed.org/version/") => {
            sink.warning(
                at("version"),
                format!("unknown JSON Feed version {v:?}: checked as 1.1"),
            );
        }
        _ if !explicit => return None,
        None => sink.error(at(""), format!("no \"version\" ({VERSION_1_1:?})")),
        Some(v) => sink.error(at("version"), format!("version {v:?} is not a JSON Feed version")),
    }
    match feed.get("title") {
        Some(Value::String(t)) if !t.trim().is_empty() => {}
        Some(Value::String(_)) => sink.warning(at("title"), "\"title\" is empty"),
        Some(_) => sink.error(at("title"), "\"title\" must be a string"),
        None => sink.error(at(""), "no \"title\""),
    }
    if !feed.contains_key("feed_url") {
        sink.warning(
            at(""),
            "no \"feed_url\": readers use it to know the feed's own URL",
        );
    }
    for key in ["feed_url", "home_page_url", "icon", "favicon", "next_url"] {
        check_url(feed, key, "", sink, &at, true);
    }
    check_authors(feed, "", sink, &at);
    let items = match feed.get("items") {
        Some(Value::Array(items)) => items,
        Some(_) => {
            sink.error(at("items"), "\"items\" must be an array");
            return Some(true);
        }
        None => {
            sink.error(at(""), "no \"items\"");
            return Some(true);
        }
    };
    let mut ids = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("items[{i}]");
        let Some(item) = item.as_object() else {
            sink.error(at(&path), format!("{path} must be an object"));
            continue;
        };
        check_item(item, &path, sink, &at, &mut ids);
    }
    check_duplicates(sink, "id", &ids);
    Some(true)
}

fn check_item(
    item: &Map<String, Value>,
    path: &str,
    sink: &mut Sink,
    at: &dyn Fn(&str) -> Pos,
    ids: &mut Vec<(String, Pos)>,
) {
    let key = |k: &str| format!("{path}.{k}");
    match item.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => ids.push((id.clone(), at(&key("id")))),
        Some(Value::String(_)) => sink.error(at(&key("id")), format!("{path}: \"id\" is empty")),
        Some(Value::Number(n)) => {
            sink.warning(at(&key("id")), format!("{path}: \"id\" should be a string"));
            ids.push((n.to_string(), at(&key("id"))));
        }
        Some(_) => sink.error(at(&key("id")), format!("{path}: \"id\" must be a string")),
        None => sink.error(at(path), format!("{path} has no \"id\"")),
    }
    let html = item.get("content_html").and_then(Value::as_str);
    if html.is_none() && item.get("content_text").and_then(Value::as_str).is_none() {
        sink.error(
            at(path),
            format!("{path} has neither \"content_html\" nor \"content_text\""),
        );
    }
    for k in ["date_published", "date_modified"] {
        match item.get(k) {
            Some(Value::String(d)) => check_rfc3339(sink, at(&key(k)), &format!("{path}: \"{k}\""), d),
            Some(_) => sink.error(at(&key(k)), format!("{path}: \"{k}\" must be a string")),
            None => {}
        }
    }
    for k in ["url", "external_url", "image", "banner_image"] {
        check_url(item, k, path, sink, at, false);
    }
    if let Some(tags) = item.get("tags")
        && !tags.as_array().is_some_and(|t| t.iter().all(Value::is_string))
    {
        sink.error(
            at(&key("tags")),
            format!("{path}: \"tags\" must be an array of strings"),
        );
    }
    check_authors(item, path, sink, at);
    check_content(
        sink,
        at(&key("content_html")),
        &format!("{path}.content_html"),
        html,
        false,
        &[],
    );
}

/// A URL-valued member: a string holding an absolute URL (relative: an error when
/// `strict`, else a warning).
fn check_url(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    sink: &mut Sink,
    at: &dyn Fn(&str) -> Pos,
    strict: bool,
) {
    let full = if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    };
    match obj.get(key) {
        Some(Value::String(u)) if is_absolute_uri(u) => {}
        Some(Value::String(u)) if strict => {
            sink.error(at(&full), format!("\"{full}\" {u:?} is not an absolute URL"))
        }
        Some(Value::String(u)) => sink.warning(at(&full), format!("\"{full}\" {u:?} is not an absolute URL")),
        Some(_) => sink.error(at(&full), format!("\"{full}\" must be a string")),
        None => {}
    }
}

/// `authors` is an array of objects, each with a name, url or avatar; the 1.0
/// `author` is deprecated.
fn check_authors(obj: &Map<String, Value>, path: &str, sink: &mut Sink, at: &dyn Fn(&str) -> Pos) {
    let full = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    if obj.contains_key("author") {
        sink.warning(
            at(&full("author")),
            format!(
                "\"{}\" is JSON Feed 1.0: use \"authors\", an array",
                full("author")
            ),
        );
    }
    let Some(authors) = obj.get("authors") else {
        return;
    };
    let Some(list) = authors.as_array() else {
        sink.error(
            at(&full("authors")),
            format!("\"{}\" must be an array", full("authors")),
        );
        return;
    };
    for (i, a) in list.iter().enumerate() {
        let p = format!("{}[{i}]", full("authors"));
        let ok = a.as_object().is_some_and(|o| {
            ["name", "url", "avatar"]
                .iter()
                .any(|k| o.get(*k).is_some_and(Value::is_string))
        });
        if !ok {
            sink.error(at(&p), format!("\"{p}\" needs a \"name\", \"url\" or \"avatar\""));
        }
    }
}

/// Finds the byte offset of every value in a valid JSON text, by path: `""` for the
/// root, `items[2].id` for members and elements.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    out: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn index(text: &str) -> HashMap<String, usize> {
        let mut s = Scanner {
            b: text.as_bytes(),
            i: 0,
            out: HashMap::new(),
        };
        s.value(String::new());
        s.out
    }

    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn value(&mut self, path: String) {
        self.ws();
        self.out.insert(path.clone(), self.i);
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        None => break,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        Some(b'"') => {
                            let start = self.i;
                            self.string();
                            let key: String =
                                serde_json::from_slice(&self.b[start..self.i]).unwrap_or_default();
                            self.ws();
                            if self.b.get(self.i) == Some(&b':') {
                                self.i += 1;
                            }
                            let child = if path.is_empty() {
                                key
                            } else {
                                format!("{path}.{key}")
                            };
                            self.value(child);
                        }
                        Some(_) => self.i += 1,
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        None => break,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        Some(b',') => self.i += 1,
                        Some(_) => {
                            self.value(format!("{path}[{n}]"));
                            n += 1;
                        }
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(_) => {
                while self
                    .b
                    .get(self.i)
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
                {
                    self.i += 1;
                }
            }
            None => {}
        }
    }

    fn string(&mut self) {
        self.i += 1;
        while let Some(c) = self.b.get(self.i) {
            match c {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return;
                }
                _ => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::check_bytes;
    use super::*;

    fn findings(doc: &str) -> Vec<String> {
        check_bytes(Path::new("feed.json"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn scanner_finds_values() {
        let idx = Scanner::index("{\"a\": [1, {\"b\\\"c\": \"x,]\"}], \"d\": {}}");
        assert_eq!(idx[""], 0);
        assert_eq!(idx["a"], 6);
        assert_eq!(idx["a[0]"], 7);
        assert_eq!(idx["a[1]"], 10);
        assert_eq!(idx["a[1].b\"c"], 19);
        assert_eq!(idx["d"], 33);
    }

    #[test]
    fn a_good_feed_has_no_findings() {
        let doc = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Valley Courier",
  "home_page_url": "https://courier.example.com/",
  "feed_url": "https://courier.example.com/feed.json",
  "authors": [{"name": "Valley Courier"}],
  "items": [
    {"id": "https://courier.example.com/a", "title": "A", "content_html": "<p><img src=\"https://img.example.com/a.jpg\"></p>",
     "date_published": "2023-07-04T09:00:00-06:00", "tags": ["local"]}
  ]
}"#;
        assert_eq!(findings(doc), Vec::<String>::new());
    }

    #[test]
    fn broken_json_has_a_position() {
        assert_eq!(
            findings("{\n  \"version\": \"x\",\n  \"title\" \"T\"\n}"),
            vec!["feed.json:3:11: error: not valid JSON: expected `:`"]
        );
    }

    #[test]
    fn rules() {
        let doc = r#"{
  "version": "https://jsonfeed.org/version/1",
  "home_page_url": "/",
  "author": {"name": "X"},
  "items": [
    {"title": "no id", "content_text": "t"},
    {"id": 7, "content_html": "<a href=\"/x\">x</a>", "date_published": "07/04/2023"},
    {"id": "7", "summary": "s", "url": "p/1", "tags": "local"},
    {"id": "", "content_text": "t", "authors": [{"email": "a@b.example"}]}
  ]
}"#;
        assert_eq!(
            findings(doc),
            vec![
                "feed.json:1:1: error: no \"title\"",
                "feed.json:1:1: warning: no \"feed_url\": readers use it to know the feed's own URL",
                "feed.json:2:14: warning: JSON Feed 1.0: version \"https://jsonfeed.org/version/1.1\" is current",
                "feed.json:3:20: error: \"home_page_url\" \"/\" is not an absolute URL",
                "feed.json:4:13: warning: \"author\" is JSON Feed 1.0: use \"authors\", an array",
                "feed.json:6:5: error: items[0] has no \"id\"",
                "feed.json:7:12: warning: items[1]: \"id\" should be a string",
                "feed.json:7:31: warning: relative URL \"/x\" (href of <a>) in items[1].content_html: readers resolve it against different bases or not at all; make it absolute",
                "feed.json:7:73: error: items[1]: \"date_published\" \"07/04/2023\" is not an RFC 3339 date, like \"2018-01-24T10:27:00-05:00\"",
                "feed.json:8:5: error: items[2] has neither \"content_html\" nor \"content_text\"",
                "feed.json:8:12: error: duplicate id \"7\" (first on line 7): readers keep only one of the items",
                "feed.json:8:40: warning: \"items[2].url\" \"p/1\" is not an absolute URL",
                "feed.json:8:55: error: items[2]: \"tags\" must be an array of strings",
                "feed.json:9:12: error: items[3]: \"id\" is empty",
                "feed.json:9:49: error: \"items[3].authors[0]\" needs a \"name\", \"url\" or \"avatar\"",
            ]
        );
    }

    #[test]
    fn other_json_in_a_folder_is_skipped() {
        let mut sink = Sink::new(Path::new("manifest.json"));
        assert_eq!(check(br#"{"name": "app"}"#, false, &mut sink), None);
        assert!(sink.findings.is_empty());
        let mut sink = Sink::new(Path::new("manifest.json"));
        assert_eq!(check(br#"{"name": "app"}"#, true, &mut sink), Some(true));
        assert_eq!(sink.findings.len(), 4, "{:?}", sink.findings);
    }
}
