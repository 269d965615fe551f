//! Bylines: JSON-LD `author`, `<meta name=author>`, `rel=author` links and byline
//! elements, with `By`, roles (`Staff Writer`) and outlets or agencies
//! (`, Associated Press`, `for The Daily Planet`) taken off.

use scraper::ElementRef;
use serde_json::Value;

use super::classify;
use super::jsonld::{self, JsonLd};
use super::meta::{Meta, collapse};
use super::title::norm;
use crate::item::Author;

/// Words that make a byline part an organization or a role rather than a person.
const ORG_WORDS: &[&str] = &[
    "press",
    "associated",
    "reuters",
    "afp",
    "bloomberg",
    "news",
    "times",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "daily",
    "media",
    "network",
    "wire",
    "wires",
    "agency",
    "service",
    "services",
    "inc",
    "ltd",
    "llc",
    "staff",
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "editor",
    "editors",
    "contributor",
    "contributors",
    "columnist",
    "desk",
    "team",
    "bureau",
    "newsroom",
    "magazine",
    "chronicle",
    "telegraph",
    "examiner",
    "dispatch",
    "upi",
    "cnn",
    "bbc",
    "npr",
    "dpa",
    "efe",
    "xinhua",
    "kyodo",
    "tass",
    "ansa",
    "group",
    "report",
    "reports",
    "online",
    "digital",
    "radio",
    "television",
    "tv",
    "editorial",
    "board",
    "post",
    "ledger",
    "courier",
    "observer",
    "independent",
    "register",
    "bulletin",
    "monitor",
    "sentinel",
    "enquirer",
    "inquirer",
    "advertiser",
    "advocate",
    "echo",
    "argus",
    "clarion",
    "mercury",
    "express",
    "mirror",
    "newspaper",
    "newspapers",
    "publications",
    "broadcasting",
    "syndicate",
];

/// What a byline source gave: people, and organizations kept for when no source
/// names a person.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) people: Vec<Author>,
    pub(super) orgs: Vec<Author>,
}

/// The article's authors, from the first source that names a person; an agency or
/// outlet byline only when nothing names a person; never a JSON-LD `Organization`.
/// `scope` is the article, `page` the whole page: markup bylines are looked for in
/// the article first, then anywhere outside page chrome.
pub(super) fn authors(
    ld: &JsonLd,
    meta: &Meta,
    scope: ElementRef<'_>,
    page: ElementRef<'_>,
    sites: &[String],
) -> Vec<Author> {
    let mut sources = Vec::new();
    if let Some(article) = ld.article() {
        let value = article.get("author").or_else(|| article.get("creator"));
        if let Some(v) = value {
            sources.push(from_json(ld, v, sites));
        }
    }
    for key in [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
    ] {
        let mut found = Found::default();
        for value in meta.all(key) {
            if value.contains("://") || value.starts_with('@') || value.starts_with("www.") {
                continue;
            }
            let f = from_byline(value, sites);
            found.people.extend(f.people);
            found.orgs.extend(f.orgs);
        }
        sources.push(found);
    }
    sources.push(from_rel_author(scope, sites));
    sources.push(from_byline_elements(scope, sites));
    if page.id() != scope.id() {
        sources.push(from_rel_author(page, sites));
        sources.push(from_byline_elements(page, sites));
    }
    let mut chosen = sources
        .iter()
        .find(|f| !f.people.is_empty())
        .map(|f| f.people.clone());
    if chosen.is_none() {
        chosen = sources
            .iter()
            .find(|f| !f.orgs.is_empty())
            .map(|f| f.orgs.clone());
    }
    let mut out: Vec<Author> = Vec::new();
    for a in chosen.unwrap_or_default() {
        if !out.iter().any(|o| norm(&o.name) == norm(&a.name)) {
            out.push(a);
        }
    }
    out
}

fn from_json(ld: &JsonLd, value: &Value, sites: &[String]) -> Found {
    let mut found = Found::default();
    match ld.resolve(value) {
        Value::String(s) => found = from_byline(s, sites),
        Value::Array(items) => {
            for v in items {
                let f = from_json(ld, v, sites);
                found.people.extend(f.people);
                found.orgs.extend(f.orgs);
            }
        }
        Value::Object(map) => {
            let is_org = jsonld::types(map).iter().any(|t| {
                matches!(
                    *t,
                    "Organization" | "NewsMediaOrganization" | "Corporation" | "WebSite"
                )
            });
            if is_org {
                return found;
            }
            if let Some(name) = jsonld::string(map.get("name")) {
                let f = from_byline(&name, sites);
                let url = jsonld::string(map.get("url")).or_else(|| jsonld::string(map.get("sameAs")));
                let email = jsonld::string(map.get("email"));
                for mut p in f.people {
                    if f_is_single(&name) {
                        p.url = url.clone();
                        p.email = email.clone();
                    }
                    found.people.push(p);
                }
                found.orgs.extend(f.orgs);
            }
        }
        _ => {}
    }
    found
}

fn f_is_single(name: &str) -> bool {
    !name.contains(',') && !name.contains(" and ") && !name.contains('&')
}

fn from_rel_author(scope: ElementRef<'_>, sites: &[String]) -> Found {
    let mut found = Found::default();
    for el in scope.descendent_elements() {
        let is_rel = el
            .attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("author")));
        if el.value().name() != "a" || !is_rel || in_chrome(el, scope) {
            continue;
        }
        let text = collapse(&el.text().collect::<String>());
        let f = from_byline(&text, sites);
        for mut p in f.people {
            p.url = el
                .attr("href")
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty());
            found.people.push(p);
        }
    }
    found
}

fn from_byline_elements(scope: ElementRef<'_>, sites: &[String]) -> Found {
    let Some(byline) = scope
        .descendent_elements()
        .filter(|el| el.value().name() != "meta" && el.value().name() != "link")
        .find(|el| {
            classify::is_byline(*el)
                && (!in_chrome(*el, scope)
                    || el
                        .attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("author")))
                && el.text().flat_map(str::split_whitespace).count() <= 30
        })
    else {
        return Found::default();
    };
    // Names marked up inside the byline (`<a>`, `itemprop=name`, `.author-name`).
    let mut found = Found::default();
    for el in byline.descendent_elements().skip(1) {
        let marked = el.value().name() == "a"
            || el
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            || classify::is_byline(el);
        if marked && !el.descendent_elements().skip(1).any(classify::is_byline) {
            let f = from_byline(&collapse(&el.text().collect::<String>()), sites);
            found.people.extend(f.people);
            found.orgs.extend(f.orgs);
        }
    }
    if !found.people.is_empty() {
        return found;
    }
    // Otherwise the byline's own text, up to a date or a separator.
    let mut text = String::new();
    for node in byline.descendants() {
        if let Some(el) = ElementRef::wrap(node)
            && el.value().name() == "time"
        {
            break;
        }
        if let Some(t) = node.value().as_text() {
            text.push_str(t);
            text.push(' ');
        }
    }
    from_byline(&collapse(&text), sites)
}

/// True when an element between `el` and `scope` is page chrome (aside, nav,
/// footer, related stories, comments).
fn in_chrome(el: ElementRef<'_>, scope: ElementRef<'_>) -> bool {
    for node in el.ancestors() {
        if node.id() == scope.id() {
            break;
        }
        if let Some(a) = ElementRef::wrap(node) {
            let w = classify::words(a);
            if matches!(a.value().name(), "aside" | "nav" | "footer")
                || w.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "related"
                            | "comments"
                            | "comment"
                            | "recommended"
                            | "sidebar"
                            | "trending"
                            | "popular"
                            | "mostread"
                            | "recirc"
                            | "morestories"
                            | "nav"
                            | "subnav"
                            | "navbar"
                            | "navigation"
                            | "menu"
                    )
                })
                || classify::is_ad(&w)
            {
                return true;
            }
        }
    }
    false
}

/// Splits a byline into people and organizations: `By Jane Doe and John Roe,
/// Associated Press` gives Jane Doe and John Roe.
pub(super) fn from_byline(text: &str, sites: &[String]) -> Found {
    let mut found = Found::default();
    let mut t = collapse(text);
    for sep in [" | ", " • ", " · ", " — ", " – ", " - "] {
        if let Some((head, _)) = t.split_once(sep) {
            t = head.to_string();
        }
    }
    let t = strip_by(&t);
    let t = t.replace(" and ", ",").replace(" & ", ",").replace(';', ",");
    let sites: Vec<String> = sites.iter().map(|s| norm(s)).collect();
    for part in t.split(',') {
        let mut part = part.trim().trim_end_matches('.').trim().to_string();
        for cut in [
            " for ",
            " of the ",
            " of The ",
            " at ",
            " from ",
            " edited by ",
            " Edited by ",
            " with ",
            " avec ",
        ] {
            if let Some((head, _)) = part.split_once(cut) {
                part = head.trim().to_string();
            }
        }
        let part = strip_by(&part);
        if part.is_empty() || part.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let n = norm(&part);
        let is_site = sites
            .iter()
            .any(|s| !s.is_empty() && (n == *s || n.strip_prefix("the") == Some(s.as_str())));
        if is_site {
            continue;
        }
        if is_org(&part) {
            found.orgs.push(Author::named(part));
        } else if is_name(&part) {
            found.people.push(Author::named(title_case_if_shouted(&part)));
        }
    }
    found
}

fn strip_by(t: &str) -> String {
    const PREFIXES: &[&str] = &[
        "written by ",
        "words by ",
        "story by ",
        "reporting by ",
        "text by ",
        "posted by ",
        "by: ",
        "by ",
        "par ",
        "por ",
        "von ",
    ];
    let t = t.trim();
    let lower = t.to_lowercase();
    for prefix in PREFIXES {
        if lower.starts_with(prefix) && t.is_char_boundary(prefix.len()) {
            let rest = t[prefix.len()..].trim();
            // "Von Miller" is a name; "Von Anna Müller" is German for "By Anna Müller".
            if *prefix == "von " && rest.split_whitespace().count() < 2 {
                break;
            }
            return rest.to_string();
        }
    }
    if lower == "by" {
        String::new()
    } else {
        t.to_string()
    }
}

fn is_org(part: &str) -> bool {
    let words: Vec<String> = part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.iter().any(|w| ORG_WORDS.contains(&w.as_str())) {
        return true;
    }
    // A short all-capitals token: AP, AFP, UPI.
    part.split_whitespace().count() == 1
        && part.chars().count() <= 5
        && part.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// `DANA WHITFIELD` (a byline typed in capitals) becomes `Dana Whitfield`; names with
/// any lower-case letter are kept as printed.
fn title_case_if_shouted(name: &str) -> String {
    if name.chars().any(char::is_lowercase) || name.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return name.to_string();
    }
    let mut out = String::new();
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

fn is_name(part: &str) -> bool {
    let words = part.split_whitespace().count();
    (1..=6).contains(&words)
        && part.chars().count() <= 60
        && !part.contains([':', '"', '!', '?', '|', '“', '”', '@', '#'])
        && !part.split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "follow"
                    | "unfollow"
                    | "profile"
                    | "view"
                    | "contact"
                    | "share"
                    | "posts"
                    | "articles"
                    | "author"
                    | "more"
                    | "menu"
            )
        })
        && part
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[Author]) -> Vec<&str> {
        found.iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn bylines_lose_by_roles_and_outlets() {
        let f = from_byline("By Jane Doe and John Roe, Associated Press", &[]);
        assert_eq!(names(&f.people), ["Jane Doe", "John Roe"]);
        assert_eq!(names(&f.orgs), ["Associated Press"]);
        let f = from_byline("BY MARÍA LÓPEZ | Staff Writer", &[]);
        assert_eq!(names(&f.people), ["María López"]);
        let f = from_byline("By SEÁN O'NEILL-HAYES", &[]);
        assert_eq!(names(&f.people), ["Seán O'Neill-Hayes"]);
        let f = from_byline("Story by Kofi Mensah for The Riverton Gazette", &[]);
        assert_eq!(names(&f.people), ["Kofi Mensah"]);
        let f = from_byline("Lena Park, Anil Rao & Tom Weiss", &[]);
        assert_eq!(names(&f.people), ["Lena Park", "Anil Rao", "Tom Weiss"]);
        let f = from_byline("Par Sébastien Marchal", &[]);
        assert_eq!(names(&f.people), ["Sébastien Marchal"]);
        let f = from_byline("Written by Rob Ellis Edited by Kim Tran", &[]);
        assert_eq!(names(&f.people), ["Rob Ellis"]);
        let f = from_byline("By", &[]);
        assert!(f.people.is_empty() && f.orgs.is_empty());
        let f = from_byline("By AP", &[]);
        assert!(f.people.is_empty());
        assert_eq!(names(&f.orgs), ["AP"]);
        let f = from_byline("The Harbor Light", &["Harbor Light".to_string()]);
        assert!(f.people.is_empty() && f.orgs.is_empty());
    }
}
