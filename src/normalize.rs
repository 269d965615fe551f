//! Between loading and writing: drop text XML cannot hold, fill in summaries, make
//! URLs absolute, merge duplicates, sort newest first.

use std::collections::HashMap;

use crate::item::{Body, Item};

/// Longest generated summary, in characters.
const SUMMARY_CHARS: usize = 300;

/// Cleans and orders items. Duplicates (same id or same URL) become one item, the
/// most recently updated; each merge adds a warning naming both files.
pub fn normalize(items: Vec<Item>, site_url: &str, warnings: &mut Vec<String>) -> Vec<Item> {
    let base = url::Url::parse(site_url).ok();
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for mut item in items {
        clean_item(&mut item, base.as_ref(), warnings);
        let keys = [Some(item.id.clone()), item.url.clone()];
        let existing = keys.iter().flatten().find_map(|k| index.get(k).copied());
        match existing {
            Some(i) => {
                let other = &kept[i];
                warnings.push(format!(
                    "{} and {} are the same article (id {}); kept the one from {}",
                    other.source,
                    item.source,
                    other.id,
                    if newer(&item, other) {
                        &item.source
                    } else {
                        &other.source
                    }
                ));
                if newer(&item, other) {
                    kept[i] = item;
                    for k in [Some(kept[i].id.clone()), kept[i].url.clone()]
                        .into_iter()
                        .flatten()
                    {
                        index.insert(k, i);
                    }
                }
            }
            None => {
                for k in keys.into_iter().flatten() {
                    index.insert(k, kept.len());
                }
                kept.push(item);
            }
        }
    }
    sort_newest_first(&mut kept);
    kept
}

/// Orders items newest first; equal dates are ordered by id so output never depends
/// on the order files were read in.
pub fn sort_newest_first(items: &mut [Item]) {
    items.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
}

/// True when `a` should replace `b`: newer update, ties broken by source path.
fn newer(a: &Item, b: &Item) -> bool {
    (a.last_modified(), &b.source) > (b.last_modified(), &a.source)
}

/// Everything normalize does to one item: every text field made XML-safe
/// ([`xml_safe`]), every URL checked ([`safe_url`]), HTML sanitized, tags trimmed and
/// deduplicated, a summary filled in, implausible dates reported.
fn clean_item(item: &mut Item, base: Option<&url::Url>, warnings: &mut Vec<String>) {
    let mut removed = xml_safe(item);
    let source = item.source.clone();
    let mut drop_url = |what: &str, raw: &str, why: UrlRefused| {
        warnings.push(format!("{source}: dropped {what} {}: {why}", shown_url(raw)));
    };
    item.url = item.url.take().and_then(|u| {
        safe_url(&u, base, Scheme::Link)
            .map_err(|why| drop_url("the article's link", &u, why))
            .ok()
    });
    for photo in &mut item.photos {
        photo.url = photo.url.take().and_then(|u| {
            safe_url(&u, base, Scheme::Resource)
                .map_err(|why| drop_url("a photo URL", &u, why))
                .ok()
        });
    }
    for author in &mut item.authors {
        author.url = author.url.take().and_then(|u| {
            safe_url(&u, base, Scheme::Resource)
                .map_err(|why| drop_url("an author's URL", &u, why))
                .ok()
        });
        author.email = author.email.take().and_then(|e| {
            let e = e.trim().trim_start_matches("mailto:").to_string();
            let plausible =
                e.contains('@') && !e.contains(char::is_whitespace) && !e.contains(['<', '>', '"']);
            if !plausible {
                drop_url("an author's e-mail address", &e, UrlRefused::NotAnAddress);
            }
            plausible.then_some(e)
        });
    }
    let article_base = item.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    if let Body::Html(h) = &mut item.body {
        let (html, dropped, decoded) = sanitize_html_reporting(h, article_base.as_ref().or(base));
        *h = html;
        removed += decoded;
        for (raw, why) in dropped {
            drop_url("a URL in the article's HTML", &raw, why);
        }
    }
    item.title = collapse_spaces(&item.title);
    let mut seen = std::collections::BTreeSet::new();
    item.tags.iter_mut().for_each(|t| *t = collapse_spaces(t));
    item.tags
        .retain(|t| !t.is_empty() && seen.insert(t.to_lowercase()));
    if item.summary.is_none() {
        item.summary = summary_of(&item.body);
        item.summary.iter_mut().for_each(|s| {
            clean(s);
        });
    }
    if removed > 0 {
        warnings.push(format!(
            "{source}: removed {removed} character{} XML cannot carry (control characters, \
             written as escapes or character references)",
            if removed == 1 { "" } else { "s" }
        ));
    }
    for (what, date) in [("publication", Some(item.published)), ("update", item.updated)] {
        if let Some(date) = date
            && let Some(why) = implausible(date, chrono::Utc::now())
        {
            warnings.push(format!(
                "{source}: the {what} date {} is {why}; check the article's date",
                date.to_rfc3339()
            ));
        }
    }
}

/// The boundary between items and writers: removes every character XML 1.0 forbids
/// from every text field of `item`. The item is taken apart field by field, without
/// `..`, so a field added to [`Item`], [`Photo`](crate::item::Photo),
/// [`Credit`](crate::item::Credit) or [`Author`](crate::item::Author) does not compile
/// until it is handled here. Returns how many characters were removed.
pub fn xml_safe(item: &mut Item) -> usize {
    let mut removed = 0;
    let mut c = |s: &mut String| removed += clean(s);
    let Item {
        id,
        title,
        url,
        published: _,
        date_source,
        updated: _,
        authors,
        summary,
        body,
        photos,
        tags,
        source,
    } = item;
    c(id);
    c(title);
    url.iter_mut().for_each(&mut c);
    if let crate::item::DateSource::Article(how) = date_source {
        c(how);
    }
    for crate::item::Author { name, email, url } in authors {
        c(name);
        email.iter_mut().for_each(&mut c);
        url.iter_mut().for_each(&mut c);
    }
    summary.iter_mut().for_each(&mut c);
    match body {
        Body::Paragraphs(ps) => ps.iter_mut().for_each(&mut c),
        Body::Html(h) => c(h),
    }
    for crate::item::Photo { url, caption, credit } in photos {
        url.iter_mut().for_each(&mut c);
        c(caption);
        let crate::item::Credit { name, organization } = credit;
        name.iter_mut().for_each(&mut c);
        organization.iter_mut().for_each(&mut c);
    }
    tags.iter_mut().for_each(&mut c);
    c(source);
    removed
}

/// Earliest year a news article is taken to be from without a warning.
pub const EARLIEST_YEAR: i32 = 1800;
/// How many years past the present an article's date may be without a warning.
pub const YEARS_AHEAD: i32 = 5;

/// Why `date` is not a plausible article date (before [`EARLIEST_YEAR`], or more than
/// [`YEARS_AHEAD`] years after `now`), or `None`.
fn implausible(date: crate::item::Date, now: chrono::DateTime<chrono::Utc>) -> Option<String> {
    use chrono::Datelike;
    let year = date.year();
    if year < EARLIEST_YEAR {
        Some(format!("before {EARLIEST_YEAR}"))
    } else if year > now.year() + YEARS_AHEAD {
        Some(format!("more than {YEARS_AHEAD} years ahead"))
    } else {
        None
    }
}

/// Which schemes a URL may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    /// A link a reader follows: `http`, `https` or `mailto`.
    Link,
    /// Something fetched (an image, a video, a profile page): `http` or `https`.
    Resource,
}

/// Why a URL was not published.
#[derive(Debug, Clone, PartialEq, Eq)]
enum UrlRefused {
    /// The scheme is not one a feed may carry (`javascript:`, `data:`, `file:`…).
    Scheme(String),
    /// Not a URL at all.
    Unparsable,
    /// A relative URL and no site URL to resolve it against.
    Relative,
    /// An e-mail address field that holds no address.
    NotAnAddress,
}

impl std::fmt::Display for UrlRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlRefused::Scheme(s) => write!(
                f,
                "the scheme {s}: is not allowed (only http and https, and mailto for links)"
            ),
            UrlRefused::Unparsable => f.write_str("not a valid URL"),
            UrlRefused::Relative => f.write_str("a relative URL with no site URL to resolve it"),
            UrlRefused::NotAnAddress => f.write_str("not an e-mail address"),
        }
    }
}

/// The one rule for every URL that comes from input: parsed, made absolute against
/// `base`, and kept only with an `http`/`https` scheme (or `mailto` for links).
fn safe_url(raw: &str, base: Option<&url::Url>, allowed: Scheme) -> Result<String, UrlRefused> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(UrlRefused::Unparsable);
    }
    let url = match url::Url::parse(raw) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base
            .ok_or(UrlRefused::Relative)?
            .join(raw)
            .map_err(|_| UrlRefused::Unparsable)?,
        Err(_) => return Err(UrlRefused::Unparsable),
    };
    match (url.scheme(), allowed) {
        ("http" | "https", _) if url.host().is_some() => Ok(url.to_string()),
        ("http" | "https", _) => Err(UrlRefused::Unparsable),
        ("mailto", Scheme::Link) => Ok(url.to_string()),
        (other, _) => Err(UrlRefused::Scheme(other.to_string())),
    }
}

/// A URL as quoted in a warning: at most 80 characters, control characters escaped.
fn shown_url(raw: &str) -> String {
    let cut: String = raw.trim().chars().take(80).collect();
    let more = if raw.trim().chars().count() > 80 {
        "…"
    } else {
        ""
    };
    format!("{:?}", format!("{cut}{more}"))
}

/// Attributes lazy-loading scripts put the real image URL in.
const LAZY_SRC: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url"];

/// Makes HTML from an input safe and self-contained for a feed: nesting past
/// [`MAX_HTML_DEPTH`](crate::load::nesting::MAX_HTML_DEPTH) is flattened, lazy-loaded
/// images get their real `src`, ammonia removes scripts, styles, event handlers,
/// iframes and other unknown embeds, and every URL it keeps (`href`, `src`, `poster`,
/// `cite`, each `srcset` candidate) is made absolute against `base` and kept only
/// with an http or https scheme (or mailto for links). Characters XML forbids are removed
/// from the result (the parser decodes `&#1;` into one).
pub fn sanitize_html(html: &str, base: Option<&url::Url>) -> String {
    sanitize_html_reporting(html, base).0
}

thread_local! {
    /// The base URL of the HTML being sanitized and the URLs dropped from it: ammonia's
    /// attribute filter is a `'static` callback, so it reaches them here.
    static URL_FILTER: std::cell::RefCell<UrlFilter> = const { std::cell::RefCell::new((None, Vec::new())) };
}

/// The base URL of the HTML being sanitized, and each URL dropped with the reason.
type UrlFilter = (Option<url::Url>, Vec<(String, UrlRefused)>);

/// [`sanitize_html`], also returning each URL it dropped and why, and how many
/// characters XML forbids the parser's decoding produced (then removed).
fn sanitize_html_reporting(
    html: &str,
    base: Option<&url::Url>,
) -> (String, Vec<(String, UrlRefused)>, usize) {
    let html = crate::load::nesting::flatten_html(html, crate::load::nesting::MAX_HTML_DEPTH);
    let rewritten = lazy_images(&html).unwrap_or_else(|_| html.to_string());
    URL_FILTER.with(|f| *f.borrow_mut() = (base.cloned(), Vec::new()));
    let mut out = sanitizer().clean(&rewritten).to_string();
    let dropped = URL_FILTER.with(|f| std::mem::take(&mut f.borrow_mut().1));
    let removed = clean(&mut out);
    (out, dropped, removed)
}

/// The schemes ammonia lets through to [`filter_url_attribute`], which keeps only
/// http, https and mailto and reports the others with the file. Ammonia drops a URL of
/// any scheme not listed here silently (safe, but unreported), so the list names every
/// scheme an article is likely to hold.
const REPORTED_SCHEMES: &[&str] = &[
    "http",
    "https",
    "mailto",
    "javascript",
    "vbscript",
    "livescript",
    "data",
    "file",
    "blob",
    "about",
    "filesystem",
    "tel",
    "sms",
    "ftp",
    "ws",
    "wss",
    "jar",
    "mhtml",
    "view-source",
    "chrome",
    "intent",
    "webcal",
    "feed",
    "news",
    "irc",
    "magnet",
    "ssh",
    "geo",
    "skype",
    "callto",
];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["picture", "source", "video", "audio", "track"])
            .add_tag_attributes("img", ["srcset", "sizes", "loading"])
            .add_tag_attributes("source", ["src", "srcset", "sizes", "type", "media"])
            .add_tag_attributes("video", ["src", "poster", "controls", "width", "height"])
            .add_tag_attributes("audio", ["src", "controls"])
            .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
            .url_schemes(REPORTED_SCHEMES.iter().copied().collect())
            .attribute_filter(|_element, attribute, value| filter_url_attribute(attribute, value))
            .link_rel(None);
        b
    });
    &BUILDER
}

/// Ammonia's last word on each attribute it keeps: a URL attribute keeps its value only
/// when [`safe_url`] accepts it; a `srcset` keeps only the candidates it accepts.
fn filter_url_attribute<'a>(attribute: &str, value: &'a str) -> Option<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    let allowed = match attribute {
        "href" => Scheme::Link,
        "src" | "poster" | "cite" | "data-src" => Scheme::Resource,
        "srcset" | "data-srcset" => {
            let kept: Vec<String> = srcset_candidates(value)
                .into_iter()
                .filter_map(|(url, descriptor)| {
                    let url = check_url(url, Scheme::Resource)?;
                    Some(if descriptor.is_empty() {
                        url
                    } else {
                        format!("{url} {descriptor}")
                    })
                })
                .collect();
            return (!kept.is_empty()).then(|| Cow::Owned(kept.join(", ")));
        }
        _ => return Some(Cow::Borrowed(value)),
    };
    check_url(value, allowed).map(Cow::Owned)
}

/// [`safe_url`] against the base of the HTML being sanitized, recording a refusal.
fn check_url(raw: &str, allowed: Scheme) -> Option<String> {
    URL_FILTER.with(|f| {
        let mut f = f.borrow_mut();
        match safe_url(raw, f.0.as_ref(), allowed) {
            Ok(u) => Some(u),
            Err(why) => {
                f.1.push((raw.to_string(), why));
                None
            }
        }
    })
}

/// The candidates of a `srcset` value as (URL, descriptor) pairs, following the HTML
/// rule: a URL runs to the next whitespace (trailing commas end it), a descriptor to the
/// next comma.
fn srcset_candidates(set: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = set;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let url = &rest[..url_end];
        if url.ends_with(',') {
            out.push((url.trim_end_matches(','), ""));
            rest = &rest[url_end..];
            continue;
        }
        let after = &rest[url_end..];
        let desc_end = after.find(',').unwrap_or(after.len());
        out.push((url, after[..desc_end].trim()));
        rest = &after[desc_end..];
    }
}

/// Gives lazy-loaded images their real `src` and `srcset` (from `data-src`,
/// `data-srcset`…). Values are copied as written, entities and all: the sanitizer
/// decodes them, then makes each URL absolute and checks it ([`filter_url_attribute`]).
fn lazy_images(html: &str) -> Result<String, lol_html::errors::RewritingError> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("img, source", |el| {
        let placeholder = el
            .get_attribute("src")
            .is_none_or(|s| s.trim().is_empty() || s.starts_with("data:"));
        if placeholder && let Some(real) = LAZY_SRC.iter().find_map(|a| el.get_attribute(a)) {
            el.set_attribute("src", &real)?;
        }
        if el.get_attribute("srcset").is_none()
            && let Some(set) = el.get_attribute("data-srcset")
        {
            el.set_attribute("srcset", &set)?;
        }
        Ok(())
    }));
    rewrite_str(html, settings)
}

/// Removes characters XML 1.0 cannot carry (C0 controls other than tab, newline and
/// carriage return; U+FFFE, U+FFFF) in place; returns how many.
pub fn clean(s: &mut String) -> usize {
    if !has_non_xml_char(s) {
        return 0;
    }
    let before = s.chars().count();
    s.retain(xml_char);
    before - s.chars().count()
}

/// Whether `s` holds a character [`xml_char`] rejects, checked on the bytes (this runs
/// over every article's whole text): a C0 control other than tab, newline and carriage
/// return is one byte below 0x20; U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`.
fn has_non_xml_char(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path, a chunk at a time so it vectorizes: most text has neither byte.
    if !b
        .chunks(64)
        .any(|ch| ch.iter().fold(false, |acc, &c| acc | (c < 0x20) | (c == 0xEF)))
    {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || (c == 0xEF && b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    })
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first paragraph as plain text, cut at a word boundary.
fn summary_of(body: &Body) -> Option<String> {
    let first = match body {
        Body::Paragraphs(ps) => ps.first()?.clone(),
        Body::Html(h) => html_first_paragraph(h)?,
    };
    Some(truncate_words(&collapse_spaces(&first), SUMMARY_CHARS))
}

/// The text of the first `<p>` element, entities decoded by a real HTML parser (CMS
/// exports carry `&rsquo;` and `&#8217;`). Only that element is parsed: this runs for
/// every article without a summary.
fn html_first_paragraph(html: &str) -> Option<String> {
    let start = ["<p>", "<p "].iter().filter_map(|tag| html.find(tag)).min()?;
    let end = start + html[start..].find("</p>")? + "</p>".len();
    let text = crate::load::entities::fragment_text(&html[start..end]);
    (!text.trim().is_empty()).then_some(text)
}

fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_agrees_with_the_character_rule() {
        for c in [
            '\0', '\u{1}', '\u{1f}', '\t', '\n', '\r', ' ', '\u{7f}', '\u{85}', '\u{d7ff}',
        ]
        .into_iter()
        .chain([
            '\u{e000}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{10000}',
            '\u{10ffff}',
            'é',
            '“',
        ]) {
            let s = format!("a{c}b");
            assert_eq!(has_non_xml_char(&s), !xml_char(c), "{:?}", c);
        }
        // Every character in the Basic Multilingual Plane.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                has_non_xml_char(&c.to_string()),
                !xml_char(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    fn item(id: &str, date: &str, source: &str) -> Item {
        let mut i = Item::new(id, "T", chrono::DateTime::parse_from_rfc3339(date).unwrap());
        i.source = source.into();
        i
    }

    #[test]
    fn sorts_newest_first_with_ties_by_id() {
        let items = vec![
            item("b", "2020-01-01T00:00:00Z", "b.txt"),
            item("a", "2020-01-01T00:00:00Z", "a.txt"),
            item("c", "2021-01-01T00:00:00Z", "c.txt"),
        ];
        let ids: Vec<String> = normalize(items, "https://x.example/", &mut vec![])
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn duplicates_keep_the_newest_update_and_warn_with_both_files() {
        let old = item("same", "2020-01-01T00:00:00Z", "old.txt");
        let mut new = item("same", "2020-01-01T00:00:00Z", "new.md");
        new.updated = Some(chrono::DateTime::parse_from_rfc3339("2020-02-01T00:00:00Z").unwrap());
        let mut warnings = vec![];
        let out = normalize(vec![old, new], "https://x.example/", &mut warnings);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].source, "new.md");
        assert!(
            warnings[0].contains("old.txt") && warnings[0].contains("new.md"),
            "{warnings:?}"
        );
    }

    #[test]
    fn strips_xml_illegal_characters_and_makes_urls_absolute() {
        let mut i = item("x", "2020-01-01T00:00:00Z", "x.txt");
        i.title = "Bad\u{1}  title\u{FFFE}".into();
        i.url = Some("/news/x".into());
        let out = normalize(vec![i], "https://x.example/site/", &mut vec![]);
        assert_eq!(out[0].title, "Bad title");
        assert_eq!(out[0].url.as_deref(), Some("https://x.example/news/x"));
    }

    #[test]
    fn html_is_sanitized_and_urls_made_absolute() {
        let base = url::Url::parse("https://paper.example/news/2020/story.html").unwrap();
        let html = r#"<p onclick="x()">Hi <a href="../about">us</a><script>alert(1)</script></p><iframe src="https://ads.example/"></iframe><img src="data:image/gif;base64,R0l" data-src="/img/a.jpg" data-srcset="/img/a.jpg 1x, b.jpg 2x" alt="A"><video poster="p.jpg" src="v.mp4"></video><style>p{}</style>"#;
        assert_eq!(
            sanitize_html(html, Some(&base)),
            r#"<p>Hi <a href="https://paper.example/news/about">us</a></p><img src="https://paper.example/img/a.jpg" alt="A" srcset="https://paper.example/img/a.jpg 1x, https://paper.example/news/2020/b.jpg 2x"><video poster="https://paper.example/news/2020/p.jpg" src="https://paper.example/news/2020/v.mp4"></video>"#
        );
    }

    #[test]
    fn html_without_base_loses_relative_urls_and_scripts() {
        assert_eq!(
            sanitize_html(r#"<p><a href="/x" onmouseover="y">x</a></p>"#, None),
            r#"<p><a>x</a></p>"#
        );
        assert_eq!(
            sanitize_html(r#"<a href="javascript:alert(1)">x</a>"#, None),
            "<a>x</a>"
        );
    }

    #[test]
    fn only_http_https_and_mailto_urls_survive_in_html() {
        let base = url::Url::parse("https://paper.example/a/").unwrap();
        let html = concat!(
            r#"<p><a href="JaVaScRiPt:alert(1)">a</a><a href="jav&#x61;script:alert(2)">b</a>"#,
            r#"<a href="mailto:desk@paper.example">c</a><a href="tel:+1555">d</a></p>"#,
            r#"<img src="x.jpg" srcset="javascript:alert(3) 1x, /ok.jpg 2x, data:image/png;base64,AA 3x">"#,
            r#"<img src="data:image/png;base64,AA" srcset="javascript:a 1x">"#,
            r#"<video src="file:///etc/passwd" poster="vbscript:x"></video>"#,
            r#"<blockquote cite="ftp://x.example/">q</blockquote>"#,
        );
        let (out, dropped, _) = sanitize_html_reporting(html, Some(&base));
        assert_eq!(
            out,
            concat!(
                r#"<p><a>a</a><a>b</a><a href="mailto:desk@paper.example">c</a><a>d</a></p>"#,
                r#"<img src="https://paper.example/a/x.jpg" srcset="https://paper.example/ok.jpg 2x">"#,
                r#"<img><video></video><blockquote>q</blockquote>"#,
            )
        );
        let schemes: Vec<String> = dropped
            .iter()
            .map(|(_, why)| match why {
                UrlRefused::Scheme(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(
            schemes,
            [
                "javascript",
                "javascript",
                "tel",
                "javascript",
                "data",
                "data",
                "javascript",
                "file",
                "vbscript",
                "ftp"
            ]
        );
    }

    #[test]
    fn srcset_candidates_follow_the_html_rule() {
        assert_eq!(
            srcset_candidates(" a.jpg 1x,b.jpg, c.jpg?w=1,2 640w ,, d.jpg"),
            [
                ("a.jpg", "1x"),
                ("b.jpg", ""),
                ("c.jpg?w=1,2", "640w"),
                ("d.jpg", "")
            ]
        );
        assert_eq!(srcset_candidates(" , "), []);
    }

    #[test]
    fn unsafe_item_urls_are_dropped_with_a_warning_naming_the_file() {
        let mut i = item("x", "2020-01-01T00:00:00Z", "news/evil.md");
        i.url = Some("javascript:alert(document.cookie)".into());
        i.photos = vec![crate::item::Photo {
            url: Some(" data:image/svg+xml,<svg onload=alert(1)>".into()),
            ..Default::default()
        }];
        let mut a = crate::item::Author::named("Ann");
        a.url = Some("/staff/ann".into());
        a.email = Some("not an address".into());
        let mut b = crate::item::Author::named("Bo");
        b.url = Some("vbscript:x".into());
        b.email = Some("mailto:bo@paper.example".into());
        i.authors = vec![a, b];
        let mut warnings = vec![];
        let out = normalize(vec![i], "https://x.example/", &mut warnings);
        assert_eq!(out[0].url, None);
        assert_eq!(out[0].photos[0].url, None);
        assert_eq!(
            out[0].authors[0].url.as_deref(),
            Some("https://x.example/staff/ann")
        );
        assert_eq!(out[0].authors[0].email, None);
        assert_eq!(out[0].authors[1].url, None);
        assert_eq!(out[0].authors[1].email.as_deref(), Some("bo@paper.example"));
        assert_eq!(
            warnings,
            [
                r#"news/evil.md: dropped the article's link "javascript:alert(document.cookie)": the scheme javascript: is not allowed (only http and https, and mailto for links)"#,
                r#"news/evil.md: dropped a photo URL "data:image/svg+xml,<svg onload=alert(1)>": the scheme data: is not allowed (only http and https, and mailto for links)"#,
                r#"news/evil.md: dropped an author's e-mail address "not an address": not an e-mail address"#,
                r#"news/evil.md: dropped an author's URL "vbscript:x": the scheme vbscript: is not allowed (only http and https, and mailto for links)"#,
            ]
        );
    }

    #[test]
    fn every_field_is_xml_safe_even_after_entity_decoding() {
        let mut i = item("id\u{1}", "2020-01-01T00:00:00Z", "x.json");
        i.tags = vec!["wor\u{0}ld".into(), "\u{1b}World ".into(), "\u{ffff}".into()];
        let mut a = crate::item::Author::named("An\u{8}n");
        a.email = Some("a\u{1}@x.example".into());
        i.authors = vec![a];
        i.photos = vec![crate::item::Photo::new(
            "Cap\u{b}tion",
            crate::item::Credit::new(Some("N\u{c}ame".into()), Some("Org\u{fffe}".into())),
        )];
        i.body = Body::Html(r#"<p title="t&#1;">One&#x1b; two&#0; &#xFFFE;three</p>"#.into());
        let mut warnings = vec![];
        let out = normalize(vec![i], "https://x.example/", &mut warnings);
        assert_eq!(
            warnings,
            [
                "x.json: removed 12 characters XML cannot carry (control characters, written as escapes or character references)"
            ]
        );
        let o = &out[0];
        assert_eq!(o.id, "id");
        assert_eq!(o.tags, ["world"]);
        assert_eq!(o.authors[0].name, "Ann");
        assert_eq!(o.authors[0].email.as_deref(), Some("a@x.example"));
        assert_eq!(o.photos[0].caption, "Caption");
        assert_eq!(o.photos[0].credit.display().as_deref(), Some("Name / Org"));
        assert_eq!(
            o.body,
            Body::Html("<p title=\"t\">One two\u{fffd} three</p>".into())
        );
        assert_eq!(o.summary.as_deref(), Some("One two\u{fffd} three"));
    }

    #[test]
    fn implausible_dates_warn() {
        let mut far = item("far", "9999-12-31T00:00:00Z", "far.md");
        far.updated = Some(chrono::DateTime::parse_from_rfc3339("9999-12-31T12:00:00Z").unwrap());
        let old = item("old", "0001-01-01T00:00:00Z", "old.md");
        let fine = item("fine", "1850-06-01T00:00:00Z", "fine.md");
        let mut warnings = vec![];
        normalize(vec![far, old, fine], "https://x.example/", &mut warnings);
        assert_eq!(
            warnings,
            [
                "far.md: the publication date 9999-12-31T00:00:00+00:00 is more than 5 years ahead; check the article's date",
                "far.md: the update date 9999-12-31T12:00:00+00:00 is more than 5 years ahead; check the article's date",
                "old.md: the publication date 0001-01-01T00:00:00+00:00 is before 1800; check the article's date",
            ]
        );
    }

    #[test]
    fn html_summaries_come_from_the_first_paragraph_with_entities_decoded() {
        let body = Body::Html(
            "<pre>code</pre><p class=\"lede\">It&rsquo;s <b>AT&amp;T</b>&#8217;s day.</p><p>Next.</p>".into(),
        );
        assert_eq!(summary_of(&body).as_deref(), Some("It’s AT&T’s day."));
    }

    #[test]
    fn summaries_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = truncate_words(long.trim(), 22);
        assert_eq!(s, "word word word word…");
    }
}
