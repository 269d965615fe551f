//! HTML article pages as saved from a browser (`.html`, `.htm`).
//!
//! The page is parsed with an HTML5 parser (html5ever, through `scraper`), so
//! unclosed tags and other real-world markup parse the way browsers parse them. The
//! metadata comes from the machine-readable parts first (Open Graph and `article:*`
//! meta tags, JSON-LD, `rel=canonical`), then from the visible page (`<h1>`,
//! `<time>`, bylines); the text comes from the article's container, rewritten as
//! clean HTML. The submodules each handle one part:
//!
//! - [`meta`](self) and [`jsonld`](self): what the page says about itself;
//! - `title`: the headline without the site name;
//! - `authors`: bylines; `photos`: figures and the share image;
//! - `body`: finding and cleaning the article text; `classify`: what an element is for.

mod authors;
mod body;
mod classify;
mod jsonld;
mod meta;
mod photos;
mod title;

use scraper::{ElementRef, Html};
use serde_json::Value;

use super::{Context, Loader, Source, tag_id};
use crate::error::Result;
use crate::item::{Body, Date, Item};
use jsonld::JsonLd;
use meta::{Meta, collapse};

/// Loader for `.html` / `.htm` article pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlLoader;

impl Loader for HtmlLoader {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm"]
    }

    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>> {
        load_page(src, ctx).map(|item| vec![item])
    }
}

fn load_page(src: &Source, ctx: &Context<'_>) -> Result<Item> {
    let doc = Html::parse_document(&src.text);
    let meta = Meta::from_doc(&doc);
    let ld = JsonLd::from_doc(&doc);
    let article = ld.article();

    // The page's own URL, and the base that relative URLs resolve against.
    let ld_url = article.and_then(|a| {
        jsonld::string(a.get("url")).or_else(|| match a.get("mainEntityOfPage") {
            Some(Value::Object(m)) => jsonld::string(m.get("@id")).or_else(|| jsonld::string(m.get("url"))),
            other => jsonld::string(other),
        })
    });
    let og_url = meta.first(&["og:url"]).map(str::to_string);
    let absolute_hint = [og_url.as_deref(), ld_url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|u| url::Url::parse(u).ok());
    let page_url = meta
        .canonical
        .clone()
        .or(og_url)
        .or(ld_url)
        .map(|u| resolve(&u, absolute_hint.as_ref()));
    let page_abs = page_url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let base = match &meta.base {
        Some(b) => url::Url::parse(b)
            .ok()
            .or_else(|| page_abs.as_ref().and_then(|p| p.join(b).ok())),
        None => None,
    }
    .or_else(|| page_abs.clone());
    let base = base.as_ref();

    let located = body::locate(&doc);
    let scope = located.scope;

    // Site names, to tell them from headlines and bylines.
    let mut sites: Vec<String> = Vec::new();
    sites.extend(meta.first(&["og:site_name"]).map(str::to_string));
    sites.extend(meta.first(&["application-name", "apple-mobile-web-app-title"]).map(str::to_string));
    sites.extend(ld.site_names());
    let host = page_abs.as_ref().and_then(|u| u.host_str().map(str::to_string));

    let title = headline(&doc, &meta, &ld, scope, &sites, host.as_deref())
        .ok_or_else(|| src.error(None, "no headline: the page has no og:title, JSON-LD headline, <h1> or <title>"))?;
    let (published, updated) = dates(&doc, &meta, &ld, scope, ctx)
        .map_err(|seen| src.error(None, no_date_message(&seen)))?;

    let id = match &page_abs {
        Some(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
        _ => tag_id(ctx.config, &src.rel_path),
    };
    let mut item = Item::new(id, title.clone(), published);
    item.updated = updated.filter(|u| *u > published);
    item.url = page_url;
    item.authors = authors::authors(&ld, &meta, scope, &sites);
    for a in &mut item.authors {
        a.url = a.url.take().map(|u| resolve(&u, base));
    }
    item.summary = meta
        .first(&["description", "og:description", "twitter:description"])
        .map(str::to_string)
        .or_else(|| article.and_then(|a| jsonld::string(a.get("description"))))
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty());
    item.tags = tags(&meta, &ld);

    let mut photos = Vec::new();
    for photo in photos::figures(scope, base) {
        let dup = photos.iter().any(|p: &crate::item::Photo| {
            p.url.as_deref().zip(photo.url.as_deref()).is_some_and(|(a, b)| photos::same_image(a, b))
        });
        if !dup {
            photos.push(photo);
        }
    }
    if let Some(lead) = photos::lead_photo(&meta, &ld, &photos, base) {
        photos.insert(0, lead);
    }
    item.photos = photos;

    let boilerplate: Vec<regex::Regex> = ctx
        .config
        .boilerplate
        .iter()
        .filter_map(|p| regex::Regex::new(&format!("^(?:{p})$")).ok())
        .collect();
    let is_date = |t: &str| crate::date::parse(t, ctx).is_ok();
    let author_names = item.authors.iter().map(|a| title::norm(&a.name)).collect();
    let mut cleaner = body::Cleaner::new(base, &title, author_names, &is_date, &boilerplate);
    item.body = Body::Html(cleaner.clean(&located.roots));
    item.source = src.rel_path.clone();
    Ok(item)
}

/// `url` resolved against `base` when it is relative and a base is known; as given
/// otherwise (normalize makes it absolute against the site).
pub(super) fn resolve(url: &str, base: Option<&url::Url>) -> String {
    let url = url.trim();
    match base {
        Some(b) if url::Url::parse(url).is_err() => b.join(url).map_or_else(|_| url.to_string(), |u| u.to_string()),
        _ => url.to_string(),
    }
}

fn headline(
    doc: &Html,
    meta: &Meta,
    ld: &JsonLd,
    scope: ElementRef<'_>,
    sites: &[String],
    host: Option<&str>,
) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(meta.first(&["og:title"]).map(str::to_string));
    if let Some(a) = ld.article() {
        candidates.extend(jsonld::string(a.get("headline")).or_else(|| jsonld::string(a.get("name"))));
    }
    candidates.extend(meta.first(&["twitter:title", "parsely-title", "sailthru.title", "dc.title", "headline"]).map(str::to_string));
    let site_norms: Vec<String> = sites.iter().map(|s| title::norm(s)).collect();
    let h1 = doc
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "h1" && e.ancestors().any(|a| a.id() == scope.id()))
        .filter(|e| usable_h1(*e))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty() && !site_norms.contains(&title::norm(t)))
        .or_else(|| first_h1(doc, &site_norms));
    candidates.extend(h1);
    if let Some(t) = doc.root_element().descendent_elements().find(|e| e.value().name() == "title") {
        candidates.push(collapse(&t.text().collect::<String>()));
    }
    let candidates: Vec<String> = candidates.into_iter().map(|c| collapse(&c)).filter(|c| !c.is_empty()).collect();
    title::choose(&candidates, sites, host)
}

/// The first `<h1>` outside the page's header, navigation and asides.
fn first_h1(doc: &Html, site_norms: &[String]) -> Option<String> {
    doc.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "h1" && usable_h1(*e))
        .filter(|e| {
            !e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "header" && !a.ancestors().filter_map(ElementRef::wrap).any(|b| b.value().name() == "article"))
        })
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty() && !site_norms.contains(&title::norm(t)))
}

/// An `<h1>` that is not the site's logo and not in navigation, asides or footers.
fn usable_h1(e: ElementRef<'_>) -> bool {
    let logo = classify::words(e)
        .iter()
        .any(|w| matches!(w.as_str(), "logo" | "brand" | "site" | "sitename" | "masthead"));
    let chrome = e
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "nav" | "aside" | "footer"));
    !logo && !chrome
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

/// Generic meta keys for the publication date, tried after JSON-LD and `<time>`.
const DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
];

const UPDATED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:updated_time",
    "datemodified",
];

const UPDATED_LATE_META: &[&str] = &[
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "sailthru.lastmodified",
    "revised",
];

/// The publication date and the update date. Err holds the date texts seen that
/// could not be parsed, for the error message.
fn dates(
    doc: &Html,
    meta: &Meta,
    ld: &JsonLd,
    scope: ElementRef<'_>,
    ctx: &Context<'_>,
) -> std::result::Result<(Date, Option<Date>), Vec<String>> {
    let article = ld.article();
    let ld_date = |key: &str| article.and_then(|a| jsonld::string(a.get(key)));
    let times = time_elements(doc, scope);

    let mut published: Vec<String> = Vec::new();
    published.extend(PUBLISHED_META.iter().filter_map(|k| meta.first(&[k])).map(str::to_string));
    published.extend(ld_date("datePublished"));
    published.extend(times.iter().filter(|t| t.kind == TimeKind::Published).map(|t| t.value.clone()));
    published.extend(DATE_META.iter().filter_map(|k| meta.first(&[k])).map(str::to_string));
    published.extend(times.iter().filter(|t| t.kind == TimeKind::Unmarked && t.in_scope).map(|t| t.value.clone()));
    published.extend(ld_date("dateCreated"));

    let mut updated: Vec<String> = Vec::new();
    updated.extend(UPDATED_META.iter().filter_map(|k| meta.first(&[k])).map(str::to_string));
    updated.extend(ld_date("dateModified"));
    updated.extend(times.iter().filter(|t| t.kind == TimeKind::Updated).map(|t| t.value.clone()));
    updated.extend(UPDATED_LATE_META.iter().filter_map(|k| meta.first(&[k])).map(str::to_string));

    let parse = |v: &String| crate::date::parse(v, ctx).ok();
    let Some(p) = published.iter().find_map(parse) else {
        return Err(published);
    };
    Ok((p, updated.iter().find_map(parse)))
}

fn no_date_message(seen: &[String]) -> String {
    match seen.first() {
        None => "no publication date: the page has no article:published_time, JSON-LD datePublished, <time> or date meta tag".to_string(),
        Some(first) => format!("no publication date wirefeed understands (first found: {first:?})"),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum TimeKind {
    Published,
    Updated,
    Unmarked,
}

struct TimeEl {
    value: String,
    kind: TimeKind,
    in_scope: bool,
}

/// Every `<time>` (and `itemprop=datePublished/dateModified` element) with what it
/// marks, judged from its own and its parents' attributes and the words before it.
fn time_elements(doc: &Html, scope: ElementRef<'_>) -> Vec<TimeEl> {
    let mut out = Vec::new();
    for el in doc.root_element().descendent_elements() {
        let itemprop = el.attr("itemprop").map(str::to_ascii_lowercase);
        let is_time = el.value().name() == "time";
        let prop_kind = match itemprop.as_deref() {
            Some("datepublished" | "datecreated") => Some(TimeKind::Published),
            Some("datemodified") => Some(TimeKind::Updated),
            _ => None,
        };
        if !is_time && prop_kind.is_none() || el.value().name() == "meta" {
            continue;
        }
        let value = el
            .attr("datetime")
            .or_else(|| el.attr("content"))
            .map(str::to_string)
            .unwrap_or_else(|| collapse(&el.text().collect::<String>()));
        if value.is_empty() {
            continue;
        }
        let kind = prop_kind.unwrap_or_else(|| time_kind(el));
        let in_scope = el.ancestors().any(|a| a.id() == scope.id());
        out.push(TimeEl { value, kind, in_scope });
    }
    out
}

fn time_kind(el: ElementRef<'_>) -> TimeKind {
    if el.attr("pubdate").is_some() {
        return TimeKind::Published;
    }
    let near = std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap).take(2));
    for e in near {
        let words = classify::words(e);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(&["updated", "modified", "update", "lastupdated", "datemodified", "revised"]) {
            return TimeKind::Updated;
        }
        if has(&["published", "publish", "pubdate", "posted", "created", "datepublished", "publishdate", "publishedat", "firstpublished"]) {
            return TimeKind::Published;
        }
    }
    // "Updated <time>" in the text just before.
    let before: String = el
        .prev_siblings()
        .take(2)
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let before = before.trim().to_lowercase();
    if before.ends_with("updated") || before.ends_with("updated:") || before.ends_with("modified:") {
        return TimeKind::Updated;
    }
    if before.ends_with("published") || before.ends_with("published:") || before.ends_with("posted:") || before.ends_with("posted") {
        return TimeKind::Published;
    }
    TimeKind::Unmarked
}

/// Tags: `article:tag` metas and JSON-LD `keywords`; `news_keywords` / `keywords`
/// metas only when those give none.
fn tags(meta: &Meta, ld: &JsonLd) -> Vec<String> {
    let mut out: Vec<String> = meta.all("article:tag").flat_map(split_keywords).collect();
    if let Some(kw) = ld.article().and_then(|a| a.get("keywords")) {
        match kw {
            Value::Array(items) => out.extend(items.iter().filter_map(|v| jsonld::string(Some(v))).flat_map(|s| split_keywords(&s))),
            other => out.extend(jsonld::string(Some(other)).map(|s| split_keywords(&s)).unwrap_or_default()),
        }
    }
    if out.is_empty() {
        for key in ["news_keywords", "keywords"] {
            if let Some(v) = meta.first(&[key]) {
                out.extend(split_keywords(v));
                break;
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|t| seen.insert(t.to_lowercase()));
    out
}

fn split_keywords(s: &str) -> Vec<String> {
    let sep = if s.contains(',') { ',' } else { ';' };
    s.split(sep).map(collapse).filter(|t| !t.is_empty()).collect()
}
