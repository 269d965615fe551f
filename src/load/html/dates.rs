//! The article's publication and update dates, from every place a page keeps them.
//!
//! Every candidate is gathered, ranked by how far it can be trusted, and read with the
//! one date engine ([`crate::date`]); a candidate that cannot be read is passed over,
//! never the end of the search. From most to least trusted:
//!
//! 1. the article meta tags (`article:published_time`, `og:updated_time`, …);
//! 2. JSON-LD `datePublished` / `dateModified` of the article object;
//! 3. microdata (`itemprop=datePublished`) and `<time datetime>` elements marked as the
//!    publication or update time (`pubdate`, their class words, the word before them);
//! 4. JSON-LD dates of any other object (`WebPage`, `ClaimReview`, …, or a script too
//!    broken to parse), and the generic date meta names (Dublin Core, Parse.ly, Sailthru,
//!    `citation_*`, `pdate`, …: any name with `date` or `time` in it);
//! 5. unmarked `<time datetime>` elements;
//! 6. `<time>` text, `data-*` attributes that hold dates, and the visible text of
//!    byline and date elements;
//! 7. short text blocks near the headline;
//! 8. the date in the page's URL path (`/2018/10/29/`).
//!
//! Within a level, a candidate closer to the headline wins; nothing is taken from
//! navigation, related-story lists, teasers or comments. When the winner gives only a
//! day, a candidate giving a time on the same day supplies it. A time written without a
//! zone takes the page's own offset when another candidate gives a (non-zero) one.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html};
use serde_json::Value;

use super::classify;
use super::jsonld::{self, JsonLd};
use super::meta::{Meta, collapse};
use crate::date::{self, DateOrder, Parsed, Policy, Zones};
use crate::item::Date;
use crate::load::Context;

/// The dates found, and what could not be read.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The publication date and the name of its source (`meta article:published_time`).
    pub(super) published: Option<(Date, String)>,
    /// The update date.
    pub(super) updated: Option<Date>,
    /// Candidate texts that could not be read, in rank order, for the error message.
    pub(super) unread: Vec<String>,
}

/// What a candidate dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Published,
    Updated,
    /// Not said: taken as the publication date.
    Unmarked,
}

/// One place on the page that holds a date.
#[derive(Debug)]
struct Candidate {
    value: String,
    source: String,
    kind: Kind,
    /// Lower is more trusted: the level times 100,000 plus the distance to the headline.
    rank: usize,
}

/// Meta keys for the publication date, most specific first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
];

/// Meta keys for the update date, most specific first.
const UPDATED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:updated_time",
    "datemodified",
];

/// Parts of a meta name that say its date is not the publication date.
const NOT_PUBLISHED: &[&str] = &[
    "modif", "updat", "revis", "expir", "edit", "last", "change", "print", "until", "end", "zone", "format",
    "refresh", "viewport", "read", "birth", "event", "start",
];

/// Parts of a meta or attribute name that say it holds an update date.
const UPDATE_WORDS: &[&str] = &["modif", "updat", "revis", "lastmod", "changed"];

/// The date in a URL path: `/2018/10/29/`, `/2018-10-29/`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$|\.)")
        .unwrap_or_else(|e| panic!("URL date pattern: {e}"))
});

/// The dates of the page (see the module doc for the order).
pub(super) fn dates(
    doc: &Html,
    meta: &Meta,
    ld: &JsonLd,
    scope: ElementRef<'_>,
    page_url: Option<&str>,
    ctx: &Context<'_>,
) -> Found {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut add = |value: &str, source: String, kind: Kind, level: usize, distance: usize| {
        let value = collapse(value);
        if !value.is_empty() {
            cands.push(Candidate {
                value,
                source,
                kind,
                rank: level * 100_000 + distance.min(99_999),
            });
        }
    };

    // 1. Article meta tags.
    for (list, kind) in [(PUBLISHED_META, Kind::Published), (UPDATED_META, Kind::Updated)] {
        for (i, key) in list.iter().enumerate() {
            if let Some(v) = meta.first(&[key]) {
                add(v, format!("meta {key}"), kind, 1, i);
            }
        }
    }

    // 2 and 4. JSON-LD: the article object first, then any object with dates.
    let article = ld.article();
    for (key, kind) in [
        ("datePublished", Kind::Published),
        ("dateModified", Kind::Updated),
    ] {
        if let Some(v) = article.and_then(|a| jsonld::string(a.get(key))) {
            add(&v, format!("json-ld {key}"), kind, 2, 0);
        }
    }
    for (i, (ty, key, value)) in ld.dates().into_iter().enumerate() {
        let kind = match key.as_str() {
            "dateModified" => Kind::Updated,
            "datePublished" | "uploadDate" => Kind::Published,
            _ => Kind::Unmarked,
        };
        let level = if key == "dateCreated" { 5 } else { 4 };
        add(&value, format!("json-ld {ty} {key}"), kind, level, i);
    }

    // 4. Generic meta names.
    for (i, (key, value)) in meta.entries().iter().enumerate() {
        if PUBLISHED_META.contains(&key.as_str()) || UPDATED_META.contains(&key.as_str()) {
            continue;
        }
        if value.starts_with('{') {
            // Parse.ly's `parsely-page` and the like: a JSON object with a date.
            if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(value) {
                for k in ["pub_date", "published", "datePublished", "date"] {
                    if let Some(v) = jsonld::string(map.get(k)) {
                        add(&v, format!("meta {key} {k}"), Kind::Published, 4, 50_000 + i);
                    }
                }
            }
            continue;
        }
        let updates = UPDATE_WORDS.iter().any(|w| key.contains(w));
        if !(key.contains("date") || key.contains("time") || updates) {
            continue;
        }
        if updates {
            add(value, format!("meta {key}"), Kind::Updated, 4, 50_000 + i);
        } else if !NOT_PUBLISHED.iter().any(|w| key.contains(w)) {
            add(value, format!("meta {key}"), Kind::Published, 4, 50_000 + i);
        }
    }

    // 3, 5, 6, 7: the page's elements, by distance to the headline.
    let positions: HashMap<_, usize> = doc
        .root_element()
        .descendent_elements()
        .enumerate()
        .map(|(i, e)| (e.id(), i))
        .collect();
    let pos = |e: ElementRef<'_>| positions.get(&e.id()).copied().unwrap_or(0);
    let keep: Vec<ElementRef<'_>> = std::iter::once(scope)
        .chain(scope.ancestors().filter_map(ElementRef::wrap))
        .collect();
    let anchor = headline_element(doc, scope, &keep).map_or_else(|| pos(scope), pos);
    for el in doc.root_element().descendent_elements() {
        let name = el.value().name();
        if matches!(name, "script" | "style" | "head" | "noscript" | "template") {
            continue;
        }
        let itemprop = el.attr("itemprop").map(str::to_ascii_lowercase);
        let prop_kind = match itemprop.as_deref() {
            Some("datepublished" | "datecreated") => Some(Kind::Published),
            Some("datemodified") => Some(Kind::Updated),
            _ => None,
        };
        if name == "meta" {
            continue;
        }
        let distance = pos(el).abs_diff(anchor);
        // Microdata is the article's own wherever it sits.
        if let Some(kind) = prop_kind {
            let v = el
                .attr("datetime")
                .or_else(|| el.attr("content"))
                .map(str::to_string)
                .unwrap_or_else(|| el.text().collect());
            add(
                &v,
                "microdata".to_string() + &format!(" {}", itemprop.as_deref().unwrap_or("")),
                kind,
                3,
                distance,
            );
            continue;
        }
        let chrome_checked = std::cell::OnceCell::new();
        let in_chrome = || *chrome_checked.get_or_init(|| in_page_chrome(el, &keep));
        if name == "time" {
            if in_chrome() {
                continue;
            }
            let kind = time_kind(el);
            let text = collapse(&el.text().collect::<String>());
            if let Some(v) = el.attr("datetime") {
                let level = if kind == Kind::Unmarked { 5 } else { 3 };
                add(v, "<time datetime>".to_string(), kind, level, distance);
            }
            add(&text, "<time> text".to_string(), kind, 6, distance);
            continue;
        }
        // `data-*` attributes that hold dates.
        for attr in el.value().attrs() {
            let (key, value) = (attr.0.to_ascii_lowercase(), attr.1);
            if !key.starts_with("data-")
                || !(key.contains("date") || key.contains("time") || key.contains("publish"))
            {
                continue;
            }
            if in_chrome() {
                break;
            }
            let kind = if UPDATE_WORDS.iter().any(|w| key.contains(w)) {
                Kind::Updated
            } else {
                Kind::Unmarked
            };
            let value = unix_time(value).unwrap_or_else(|| value.to_string());
            add(&value, format!("{key} attribute"), kind, 6, distance);
        }
        // Visible text of byline and date elements, and short blocks near the headline.
        let datey = is_date_element(el);
        let near = distance <= 40
            && matches!(
                name,
                "p" | "span"
                    | "div"
                    | "li"
                    | "small"
                    | "em"
                    | "strong"
                    | "b"
                    | "i"
                    | "td"
                    | "dd"
                    | "address"
                    | "cite"
                    | "abbr"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "header"
                    | "footer"
            );
        if !(datey || near) || in_chrome() {
            continue;
        }
        let text = collapse(&el.text().collect::<String>());
        if text.len() > if datey { 200 } else { 120 } || !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let level = if datey { 6 } else { 7 };
        add(
            &text,
            if datey {
                "date text"
            } else {
                "text near the headline"
            }
            .to_string(),
            Kind::Unmarked,
            level,
            distance,
        );
    }

    // 8. The URL path.
    if let Some(c) = page_url.and_then(|u| URL_DATE.captures(u)) {
        let v = format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]);
        add(&v, "url path".to_string(), Kind::Published, 8, 0);
    }

    choose(cands, doc, ctx)
}

/// Reads the candidates and picks the best publication and update dates.
fn choose(mut cands: Vec<Candidate>, doc: &Html, ctx: &Context<'_>) -> Found {
    cands.sort_by_key(|c| c.rank);
    let mut policy = ctx.policy();
    if let Some(order) = doc
        .root_element()
        .attr("lang")
        .or_else(|| doc.root_element().attr("xml:lang"))
        .and_then(DateOrder::for_language)
    {
        policy.order = order;
    }
    let mut read: Vec<(usize, Parsed)> = Vec::new();
    let mut unread = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        match read_candidate(c, &policy) {
            Some(p) if plausible(&p.date) => read.push((i, p)),
            _ => {
                if c.rank < 600_000 {
                    unread.push(c.value.clone());
                }
            }
        }
    }
    // The page's own offset, from its most trusted zoned time that is not UTC.
    let page_offset = read
        .iter()
        .filter(|(_, p)| p.has_zone && p.has_time && p.date.offset().local_minus_utc() != 0)
        .map(|(_, p)| *p.date.offset())
        .next();
    if let Some(offset) = page_offset {
        let local = Policy {
            page_offset: Some(offset),
            ..policy
        };
        for (i, p) in &mut read {
            if p.has_time
                && !p.has_zone
                && let Some(again) = read_candidate(&cands[*i], &local)
            {
                *p = again;
            }
        }
    }
    let best = |kinds: &[Kind]| -> Option<(Date, String)> {
        let of_kind = || read.iter().filter(|(i, _)| kinds.contains(&cands[*i].kind));
        let (i, first) = of_kind().next()?;
        if first.has_time {
            return Some((first.date, cands[*i].source.clone()));
        }
        // Only a day: a time on the same day from another source makes it an instant.
        let day = first.date.date_naive();
        let timed = of_kind().find(|(_, p)| {
            p.has_time
                && (p.date.date_naive() == day
                    || p.date.with_timezone(first.date.offset()).date_naive() == day)
        });
        Some(match timed {
            Some((j, p)) => (p.date, cands[*j].source.clone()),
            None => (first.date, cands[*i].source.clone()),
        })
    };
    let published = best(&[Kind::Published, Kind::Unmarked]);
    let updated = best(&[Kind::Updated]).map(|(d, _)| d);
    if let Some(note) = published
        .as_ref()
        .and_then(|(d, _)| read.iter().find(|(_, p)| p.date == *d))
        .and_then(|(_, p)| p.note.clone())
    {
        ctx.warn(note);
    }
    Found {
        published,
        updated,
        unread,
    }
}

/// A candidate read whole, or (for visible text) the date found inside it; a text's
/// `Updated …` part is not taken as the publication date.
fn read_candidate(c: &Candidate, policy: &Policy<'_>) -> Option<Parsed> {
    if let Ok(p) = date::read(&c.value, policy) {
        return Some(p);
    }
    if c.rank < 600_000 && !c.source.ends_with("text") {
        return None;
    }
    let mut text = c.value.as_str();
    let mut update = None;
    // Skip an update date written before the publication date; a text that gives only
    // an update date gives that.
    loop {
        let Some((p, span)) = date::find(text, policy) else {
            return update;
        };
        let before = text[..span.start].to_lowercase();
        let last_word = before
            .split(|ch: char| !ch.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .unwrap_or("");
        let is_update = matches!(
            last_word,
            "updated"
                | "modified"
                | "revised"
                | "aktualisiert"
                | "actualizado"
                | "actualizada"
                | "mis"
                | "atualizado"
                | "aggiornato"
                | "bijgewerkt"
        );
        if !is_update {
            return Some(p);
        }
        update.get_or_insert(p);
        text = &text[span.end..];
    }
}

/// A date in a sensible range: not before 1990, not more than a year ahead.
fn plausible(d: &Date) -> bool {
    let now = chrono::Utc::now();
    d.timestamp() >= 631_152_000 && d.timestamp() <= now.timestamp() + 366 * 86_400
}

/// A Unix time in seconds (10 digits) or milliseconds (13) as RFC 3339 text.
fn unix_time(value: &str) -> Option<String> {
    let v = value.trim();
    if !v.bytes().all(|b| b.is_ascii_digit()) || !(v.len() == 10 || v.len() == 13) {
        return None;
    }
    let n: i64 = v.parse().ok()?;
    let secs = if v.len() == 13 { n / 1000 } else { n };
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.to_rfc3339())
}

/// The article's headline element: the first `<h1>` in the article's scope, else the
/// first on the page.
fn headline_element<'a>(
    doc: &'a Html,
    scope: ElementRef<'a>,
    keep: &[ElementRef<'_>],
) -> Option<ElementRef<'a>> {
    let h1s = || {
        doc.root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "h1")
    };
    h1s()
        .find(|e| e.ancestors().any(|a| a.id() == scope.id()))
        .or_else(|| h1s().find(|e| !in_page_chrome(*e, keep)))
}

/// An element whose class words say it holds a date or a byline.
fn is_date_element(el: ElementRef<'_>) -> bool {
    classify::words(el).iter().any(|w| {
        w.contains("date")
            || (w.contains("time") && !w.contains("timeline"))
            || matches!(
                w.as_str(),
                "byline"
                    | "meta"
                    | "posted"
                    | "published"
                    | "updated"
                    | "modified"
                    | "info"
                    | "author"
                    | "credit"
                    | "credits"
                    | "dateline"
                    | "stamp"
            )
    })
}

/// True inside navigation, comments, related-story lists, and asides or footers of
/// the page (not of an `<article>`, whose footer is its own), whose dates belong to
/// other articles. The elements that hold the article (`keep`: its container and that
/// container's ancestors, `<body>` and `<html>` among them) are never chrome, whatever
/// their class words (`<body class="content-sidebar">`).
fn in_page_chrome(el: ElementRef<'_>, keep: &[ElementRef<'_>]) -> bool {
    let in_article = |a: ElementRef<'_>| {
        a.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|b| b.value().name() == "article")
    };
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        if keep.iter().any(|k| k.id() == a.id()) || matches!(a.value().name(), "body" | "html") {
            return false;
        }
        a.value().name() == "nav"
            || (matches!(a.value().name(), "aside" | "footer") && !in_article(a))
            || classify::words(a).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "related"
                        | "recommended"
                        | "trending"
                        | "popular"
                        | "mostread"
                        | "recirc"
                        | "morestories"
                        | "sidebar"
                        | "rail"
                        | "comments"
                        | "comment"
                        | "teaser"
                        | "teasers"
                        | "promo"
                )
            })
    })
}

/// What a `<time>` marks, from its own and its parents' class words and the words just
/// before it.
fn time_kind(el: ElementRef<'_>) -> Kind {
    if el.attr("pubdate").is_some() {
        return Kind::Published;
    }
    let near = std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap).take(2));
    for e in near {
        let words = classify::words(e);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(&[
            "updated",
            "modified",
            "update",
            "lastupdated",
            "datemodified",
            "revised",
        ]) {
            return Kind::Updated;
        }
        if has(&[
            "published",
            "publish",
            "pubdate",
            "posted",
            "created",
            "datepublished",
            "publishdate",
            "publishedat",
            "firstpublished",
        ]) {
            return Kind::Published;
        }
    }
    // "Updated <time>" in the text just before.
    let before: String = el
        .prev_siblings()
        .take(2)
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let before = before.trim().trim_end_matches(':').trim().to_lowercase();
    if before.ends_with("updated") || before.ends_with("modified") {
        return Kind::Updated;
    }
    if before.ends_with("published") || before.ends_with("posted") {
        return Kind::Published;
    }
    Kind::Unmarked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The published date (RFC 3339), its source and the updated date of a page.
    fn found(page: &str, url: Option<&str>) -> (Option<(String, String)>, Option<String>) {
        let cfg = Config::for_site("https://example.org/", chrono_tz::America::New_York);
        let ctx = Context::new(&cfg, "a.html");
        let doc = Html::parse_document(page);
        let meta = Meta::from_doc(&doc);
        let ld = JsonLd::from_doc(&doc);
        let scope = super::super::locate::locate(&doc).scope;
        let f = dates(&doc, &meta, &ld, scope, url, &ctx);
        (
            f.published.map(|(d, s)| (d.to_rfc3339(), s)),
            f.updated.map(|d| d.to_rfc3339()),
        )
    }

    fn published(page: &str) -> Option<(String, String)> {
        found(page, None).0
    }

    const BODY: &str =
        "<p>The council met on a wet evening and voted on the plan, after a long debate that ran late.</p>";

    fn pair(date: &str, source: &str) -> Option<(String, String)> {
        Some((date.to_string(), source.to_string()))
    }

    #[test]
    fn an_unreadable_candidate_does_not_stop_the_search() {
        let page = format!(
            r#"<meta property="article:published_time" content="16:45"><article><h1>Vote</h1>
            <time datetime="2015-08-03T12:45:00-0800">Aug 3</time>{BODY}</article>"#
        );
        assert_eq!(
            published(&page),
            pair("2015-08-03T12:45:00-08:00", "<time datetime>")
        );
    }

    #[test]
    fn visible_date_text_in_byline_and_date_elements() {
        let page = format!(
            r#"<article><h1>Vote</h1><p class="byline">By <a href="/a">Jo Park</a>
            <span class="entry-date">March 11, 2020</span></p>{BODY}</article>"#
        );
        assert_eq!(published(&page), pair("2020-03-11T00:00:00-04:00", "date text"));
        let page = format!(
            r#"<html lang="de"><article><h1>Abstimmung</h1><ul><li class="meta-date">19.07.2022</li></ul>{BODY}</article></html>"#
        );
        assert_eq!(published(&page), pair("2022-07-19T00:00:00-04:00", "date text"));
        let page = format!(
            r#"<article><h1>Vote</h1><span class="stamp">Updated: Dec 15, 2016 2:57 PM UTC</span>{BODY}</article>"#
        );
        assert_eq!(published(&page), pair("2016-12-15T14:57:00+00:00", "date text"));
    }

    #[test]
    fn json_ld_of_any_type_and_broken_json_ld() {
        let page = format!(
            "<script type=\"application/ld+json\">{{\"@type\": \"WebPage\", \"name\": \"a\nb\", \"datePublished\": \"2019-04-25T08:00:00Z\"}}}}</script><h1>Vote</h1>{BODY}"
        );
        assert_eq!(
            published(&page),
            pair("2019-04-25T08:00:00+00:00", "json-ld WebPage datePublished")
        );
        let page = format!(
            r#"<script type="application/ld+json"><![CDATA[{{"@type": "NewsArticle", "headline": "He said "no"", "datePublished": "2019-04-25T08:00:00Z"}}]]></script><h1>Vote</h1>{BODY}"#
        );
        assert_eq!(
            published(&page),
            pair("2019-04-25T08:00:00+00:00", "json-ld datePublished")
        );
        let page = format!(
            r#"<script type="application/ld+json">{{"@type": [, "datePublished": "2019-04-25T08:00:00Z"</script><h1>Vote</h1>{BODY}"#
        );
        assert_eq!(
            published(&page),
            pair("2019-04-25T08:00:00+00:00", "json-ld script datePublished")
        );
    }

    #[test]
    fn generic_and_json_meta_names() {
        let page = format!(r#"<meta name="sn-post-date" content="2020/10/04 15:05:21"><h1>Vote</h1>{BODY}"#);
        assert_eq!(
            published(&page),
            pair("2020-10-04T15:05:21-04:00", "meta sn-post-date")
        );
        let page = format!(
            r#"<meta name="parsely-page" content='{{"title": "Vote", "pub_date": "2018-10-29T10:15:00Z"}}'><h1>Vote</h1>{BODY}"#
        );
        assert_eq!(
            published(&page),
            pair("2018-10-29T10:15:00+00:00", "meta parsely-page pub_date")
        );
        // An expiry or modification date is not the publication date.
        let page = format!(
            r#"<meta name="expiry_date" content="2030-01-01"><meta name="last-modified" content="2020-01-02T10:00:00Z"><h1>Vote</h1>{BODY}"#
        );
        assert_eq!(
            found(&page, None),
            (None, Some("2020-01-02T10:00:00+00:00".into()))
        );
    }

    #[test]
    fn data_attributes_time_text_and_the_url() {
        let page = format!(
            r#"<article><h1>Vote</h1><div data-origindate="2017-03-01 14:27:02 +0800"></div>{BODY}</article>"#
        );
        assert_eq!(
            published(&page),
            pair("2017-03-01T14:27:02+08:00", "data-origindate attribute")
        );
        let page = format!(r#"<article><h1>Vote</h1><time>Dec 13, 2016 at 3:45 pm</time>{BODY}</article>"#);
        assert_eq!(published(&page), pair("2016-12-13T15:45:00-05:00", "<time> text"));
        let page = format!("<article><h1>Vote</h1>{BODY}</article>");
        assert_eq!(
            found(&page, Some("https://x.example/2018/10/29/vote")).0,
            pair("2018-10-29T00:00:00-04:00", "url path")
        );
    }

    #[test]
    fn a_day_takes_the_time_of_the_same_day_and_the_pages_offset() {
        let page = format!(
            r#"<meta property="article:published_time" content="2016-12-13"><article><h1>Vote</h1>
            <time datetime="2016-12-13T15:45:00-08:00">3:45 pm</time>{BODY}</article>"#
        );
        assert_eq!(
            published(&page),
            pair("2016-12-13T15:45:00-08:00", "<time datetime>")
        );
        // A time without a zone takes the offset the page gives elsewhere.
        let page = format!(
            r#"<meta property="article:modified_time" content="2019-03-02T10:00:00+09:00">
            <meta property="article:published_time" content="2019-03-01 13:16"><h1>Vote</h1>{BODY}"#
        );
        assert_eq!(
            published(&page),
            pair("2019-03-01T13:16:00+09:00", "meta article:published_time")
        );
    }

    #[test]
    fn dates_of_other_content_are_not_taken_but_the_pages_wrappers_are_no_chrome() {
        let page = format!(
            r#"<body class="content-sidebar"><div class="related"><time datetime="2001-01-01T00:00:00Z"></time></div>
            <article><h1>Vote</h1><time datetime="2019-04-13T16:08:44+09:00"></time>{BODY}</article>
            <div class="comments"><time class="published" datetime="2020-01-01T00:00:00Z"></time></div></body>"#
        );
        assert_eq!(
            published(&page),
            pair("2019-04-13T16:08:44+09:00", "<time datetime>")
        );
    }
}
