//! Schema.org JSON-LD (`<script type="application/ld+json">`): finds the article
//! object (`NewsArticle`, `Article`, `BlogPosting`, … at the top level, in lists, in
//! `@graph` arrays or nested under `mainEntity`) and follows `@id` references.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use scraper::Html;
use serde_json::{Map, Value};

/// Types whose object describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Report",
    "TechArticle",
];

/// Every JSON-LD object of a page, in document order, with an index by `@id`.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    objects: Vec<Map<String, Value>>,
    ids: HashMap<String, Value>,
    /// The text of scripts that could not be parsed even after repair.
    broken: Vec<String>,
}

impl JsonLd {
    /// Reads every JSON-LD script of the page; scripts that are not valid JSON (even
    /// after removing HTML comment and CDATA wrappers) are skipped.
    pub(super) fn from_doc(doc: &Html) -> Self {
        let mut ld = JsonLd::default();
        for el in doc.root_element().descendent_elements() {
            if el.value().name() != "script" {
                continue;
            }
            let is_ld = el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if !is_ld {
                continue;
            }
            let text: String = el.text().collect();
            match parse_lenient(&text) {
                Some(value) => ld.collect(&value),
                None => ld.broken.push(text),
            }
        }
        ld
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.collect(v)),
            Value::Object(map) => {
                if let Some(id) = map.get("@id").and_then(Value::as_str)
                    && map.len() > 1
                {
                    self.ids
                        .entry(id.to_string())
                        .or_insert_with(|| Value::Object(map.clone()));
                }
                if map.contains_key("@type") {
                    self.objects.push(map.clone());
                }
                for (key, v) in map {
                    if key != "@context" {
                        self.collect(v);
                    }
                }
            }
            _ => {}
        }
    }

    /// The article object: the first object with an article type, else the first
    /// with a `headline`.
    pub(super) fn article(&self) -> Option<&Map<String, Value>> {
        self.objects
            .iter()
            .find(|o| types(o).iter().any(|t| ARTICLE_TYPES.contains(t)))
            .or_else(|| self.objects.iter().find(|o| o.contains_key("headline")))
    }

    /// Every date of every object, whatever its type, as `(type, key, value)` in
    /// document order (`datePublished`, `dateModified`, `dateCreated`, `uploadDate`);
    /// then the same keys found by their text in scripts too broken to parse, with the
    /// type `script`.
    pub(super) fn dates(&self) -> Vec<(String, String, String)> {
        const KEYS: [&str; 4] = ["datePublished", "dateModified", "dateCreated", "uploadDate"];
        let mut out = Vec::new();
        for o in &self.objects {
            let ty = types(o).first().copied().unwrap_or("Thing").to_string();
            for key in KEYS {
                if let Some(v) = string(o.get(key)) {
                    out.push((ty.clone(), key.to_string(), v));
                }
            }
        }
        for text in &self.broken {
            for c in BROKEN_DATE.captures_iter(text) {
                out.push(("script".to_string(), c[1].to_string(), c[2].trim().to_string()));
            }
        }
        out
    }

    /// `value` itself, or the full object when it is only an `{"@id": …}` reference.
    pub(super) fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        if let Value::Object(map) = value
            && let Some(id) = map.get("@id").and_then(Value::as_str)
            && !map.contains_key("name")
            && let Some(full) = self.ids.get(id)
        {
            return full;
        }
        value
    }

    /// The names of the organizations and web sites the page describes (for telling
    /// a site name apart from a headline or a byline).
    pub(super) fn site_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(article) = self.article()
            && let Some(publisher) = article.get("publisher")
        {
            names.extend(self.names(publisher));
        }
        for o in &self.objects {
            let t = types(o);
            if t.iter().any(|t| {
                matches!(
                    *t,
                    "Organization" | "NewsMediaOrganization" | "WebSite" | "Corporation"
                )
            }) {
                names.extend(o.get("name").and_then(Value::as_str).map(str::to_string));
                names.extend(o.get("alternateName").and_then(Value::as_str).map(str::to_string));
            }
        }
        names
    }

    /// The names in a value: a string, an object's `name`, or a list of either.
    pub(super) fn names(&self, value: &Value) -> Vec<String> {
        match self.resolve(value) {
            Value::String(s) => vec![crate::load::entities::decode(s)],
            Value::Array(items) => items.iter().flat_map(|v| self.names(v)).collect(),
            Value::Object(map) => map.get("name").map(|n| self.names(n)).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// The `@type` of an object as a list (it may be a string or an array).
pub(super) fn types(obj: &Map<String, Value>) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A string value: a string, a number, or the first string of a list.
pub(super) fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(crate::load::entities::decode(s.trim())),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(|v| string(Some(v))),
        Value::Object(map) => string(map.get("@value")),
        _ => None,
    }
}

/// A date key and its string value in the text of a script that is not valid JSON.
static BROKEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(datePublished|dateModified|dateCreated|uploadDate)"\s*:\s*"([^"\n]{6,60})""#)
        .unwrap_or_else(|e| panic!("JSON-LD date pattern: {e}"))
});

/// Reads a JSON-LD script, repairing what pages commonly break: HTML comment and CDATA
/// wrappers, raw line breaks inside strings, quotes left unescaped inside strings, and
/// text after the first complete value (a stray brace).
fn parse_lenient(text: &str) -> Option<Value> {
    let t = text.trim();
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    let unwrapped = unwrap(t);
    let repaired = repair(unwrapped);
    serde_json::from_str(&repaired).ok().or_else(|| {
        serde_json::Deserializer::from_str(&repaired)
            .into_iter::<Value>()
            .next()
            .and_then(Result::ok)
    })
}

/// Strings with raw control characters made valid, and quotes inside strings that do
/// not end them (not followed by `,` `:` `}` `]`) escaped.
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !in_string {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
            continue;
        }
        if escaped {
            escaped = false;
            out.push(c);
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                out.push(c);
            }
            '"' => {
                let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
                if next.is_none_or(|n| matches!(n, ',' | ':' | '}' | ']')) {
                    in_string = false;
                    out.push(c);
                } else {
                    out.push_str("\\\"");
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The JSON inside HTML comment and CDATA wrappers and without a final `;`.
fn unwrap(t: &str) -> &str {
    t.trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';')
}
