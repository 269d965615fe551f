//! The scraped-text layout: caption block, headline, dateline, bylines, body.
//!
//! ```text
//! <caption>                  ← photo captions; copies of one caption are one photo,
//! <caption> <credit>           the credit may be on some copies only
//!
//! <headline>                 ← the non-empty line above the dateline
//! By Jane Doe                ← optional bylines, e-mail and Twitter lines (above or below)
//! January 24, 2018 10:27 AM  ← the first line that is wholly a date (`Published …`,
//! Updated January 25, 2018     `Posted …`, `Updated …` in any order)
//!
//! <paragraph>                ← blank-line separated; wrapped lines are joined;
//! Never miss a local story.    boilerplate (see `boilerplate.rs`) is dropped
//! ```
//!
//! The layout is found from the dateline's shape, not from line positions: the first
//! line that is wholly a dateline anchors the article; the headline is the line above
//! it (skipping bylines, contact lines and outlet names); everything above the headline
//! is captions. Dates inside captions or the body are never the publication date.
//! Variants read the same way: a deck sentence between headline and dateline (it becomes
//! the summary), a file that opens with its dateline and has the headline under it, a
//! byline and date on one line (`By Jane Doe | Jan. 24, 2018`), a byline without "By"
//! next to the dateline, and, when there is no dateline at all, a closing `This story was
//! originally published <date>.` line or the sidecar's `date`.
//!
//! Photo credits are split off captions by [`super::credit`]; repeated copies of a caption
//! also reveal a credit the splitter does not know (the text a later copy adds).
//! Boilerplate lines and paragraphs are dropped by [`super::boilerplate`], extended by the
//! config's `boilerplate` patterns.
//!
//! Metadata the text cannot hold (URL, image URLs, tags, id) comes from a sidecar
//! `NAME.toml` beside the file, or from a front-matter block at the top of the file
//! (`+++` TOML `+++`, or `---` … `---` with TOML or simple `key: value` lines):
//!
//! ```toml
//! url = "https://news.example.com/world/talks"
//! images = ["https://news.example.com/img/talks.jpg"]   # or photos = [{ url = "…" }]
//! tags = ["world", "diplomacy"]
//! id = "talks-2018"                                      # optional; default: url, else a tag: URI
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::boilerplate::{is_boilerplate, is_list_header};
use super::credit::{fix_caps, is_agency, is_name, looks_like_org, parse_credit, split_caption};
use super::{Context, Loader, Source, tag_id};
use crate::date::{self, DateError, Dateline};
use crate::error::{Error, Result};
use crate::item::{Author, Body, Credit, Date, DateSource, Item, Photo};

/// Loader for `.txt` scraped article text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextLoader;

impl Loader for TextLoader {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt"]
    }

    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>> {
        parse_article(src, ctx).map(|item| vec![item])
    }
}

/// An e-mail address anywhere in a line.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:e-?mail:?\s*)?<?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?")
        .unwrap_or_else(|e| panic!("e-mail pattern: {e}"))
});

/// A Twitter / X handle after a name in a byline.
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+@\w{1,30}\b").unwrap_or_else(|e| panic!("handle pattern: {e}")));

/// The start of a byline: `By`, `BY:`, `Byline:`, `Story by`, `Written by`, `Reporting by`.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:story|written|reported|reporting|words|text|article|byline)\s*(?:by)?|by)\s*:?\s+",
    )
    .unwrap_or_else(|e| panic!("byline pattern: {e}"))
});

/// Contact lines that follow a byline: e-mail, phone, Twitter / X handles.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:e-?mail:?\s*)?<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?(?:\s*[|,;]\s*.*)?
          | (?:phone|tel\.?|call)?:?\s*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?:\s*[|,;]\s*.*)?
          | (?:twitter|x|instagram|bluesky|threads)?:?\s*@\w{1,30}(?:\s*[|,;]\s*.*)?
        )$",
    )
    .unwrap_or_else(|e| panic!("contact pattern: {e}"))
});

/// Job titles and outlet lines that sit beside a byline and are not names.
static BYLINE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            special\s+to\s+.*
          | (?:from\s+)?(?:(?:staff|wire|news|combined|local)\s+(?:and\s+(?:staff|wire|news)\s+)?)?(?:reports?|services?|dispatches)
          | staff\s+report
          | (?:for|of|from)\s+(?:the\s+)?(?-i:\p{Lu})[^.]*
          | (?:the\s+)?(?:associated\s+press|ap|(?-i:\p{Lu})[\w.&'-]*(?:\s+(?-i:\p{Lu})[\w.&'-]*)?)?\s*
            (?:senior\s+|chief\s+|staff\s+|contributing\s+|political\s+|sports\s+|business\s+|health\s+|science\s+|investigative\s+|global\s+|national\s+|local\s+|freelance\s+)*
            (?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|photographers?|critics?|staff)
        )\.?$",
    )
    .unwrap_or_else(|e| panic!("byline title pattern: {e}"))
});

/// A job title at the end of a byline name (`Staff Writer`, `Senior Correspondent`).
static TITLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\s+(?:(?:senior|chief|staff|contributing|political|sports|business|health|science|investigative|global|national|local|freelance)\s+)*
        (?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|photographers?|critics?|staff)\.?$",
    )
    .unwrap_or_else(|e| panic!("title suffix pattern: {e}"))
});

/// Photo-widget words after a caption (`Buy Photo`, `Hide caption`, `Expand`).
static CAPTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:buy photo|hide caption|toggle caption|show caption|expand|enlarge this image)\s*$")
        .unwrap_or_else(|e| panic!("caption tail pattern: {e}"))
});

/// The closing line of some sites: `This story was originally published <date>.`
static ORIGINALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this (?:story|article) was )?originally (?:published|posted)(?: on| at)?:?\s+(?P<when>.+?)\.?$")
        .unwrap_or_else(|e| panic!("originally-published pattern: {e}"))
});

/// A line announcing an update without a date we can read.
static UPDATE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last\s+)?(?:updated|modified)\b:?\s*(?:on\s+|at\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+\(?[a-z]{1,5}\)?)?|\d[^.]*|[^.]*\bago|just now|moments ago)$")
        .unwrap_or_else(|e| panic!("update note pattern: {e}"))
});

/// One part of a wire sign-off: `Reporting by Jane Doe in Warsaw`, `Editing by John Roe`.
static SIGNOFF_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<extra>additional\s+)?(?P<role>reporting|writing|editing|compiled|produced|research|graphics|fact-checking|translation|translated|edited|written|reported)(?:\s+and\s+\w+)?\s+by\s+(?P<names>.+?)\.?$",
    )
    .unwrap_or_else(|e| panic!("sign-off pattern: {e}"))
});

/// The time of an update note: `Updated 11:05 a.m. EST`, `Last updated at 9:45 AM`.
static UPDATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:last\s+)?(?:updated|modified):?\s+(?:at\s+)?(?P<time>\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s+\(?[a-z]{1,5}\)?)?)$",
    )
    .unwrap_or_else(|e| panic!("update time pattern: {e}"))
});

/// What one line of the article header is.
#[derive(Debug)]
enum Header {
    /// A dateline, with its dates.
    Dates(Dateline),
    /// A byline, with the authors it names.
    Byline(Vec<Author>),
    /// Both on one line (`By Jane Doe | January 24, 2018`).
    Both(Vec<Author>, Dateline),
    /// An e-mail, phone or Twitter line.
    Contact(Vec<String>),
    /// An outlet or job title on its own line (`The Associated Press`, `Staff Writer`).
    Title,
    /// An update note with a time of day only (`Updated 11:05 a.m.`), or no time at all.
    UpdateTime(Option<String>),
}

/// One line of the file, cleaned, with its 1-based number.
#[derive(Debug, Clone)]
struct Line {
    no: usize,
    text: String,
}

fn parse_article(src: &Source, ctx: &Context<'_>) -> Result<Item> {
    if src.text.trim().is_empty() {
        return Err(src.error(None, "empty file: no headline, dateline or text"));
    }
    let all = clean_lines(&repair(&src.text));
    let (front, mut lines) = split_front_matter(&all);
    let mut meta = Meta::default();
    if let Some((delim, fm_lines)) = front {
        let text: Vec<&str> = fm_lines.iter().map(|l| l.text.as_str()).collect();
        let first = fm_lines.first().map_or(1, |l| l.no);
        match Meta::parse(&text.join("\n"), delim == "---", ctx) {
            Ok(m) => meta = m,
            // `---` may also be a separator line in scraped text: read the file as text.
            Err((line, msg)) if delim == "---" => {
                ctx.warn(format!(
                    "the `---` block at the top is not front matter ({}{msg}); read as article text",
                    line.map_or(String::new(), |l| format!("line {}: ", l + first - 1))
                ));
                lines = &all;
            }
            Err((line, msg)) => return Err(src.error(line.map(|l| l + first - 1), msg)),
        }
    }
    if let Some((path, text)) = &src.sidecar {
        let side = Meta::parse(text, false, ctx)
            .map_err(|(line, msg)| Error::article(path, line, format!("sidecar: {msg}")))?;
        meta.merge(side);
    }
    let header = find_header(lines, src, ctx)?;
    let mut authors = header.authors;
    let mut date_source = DateSource::Article("dateline".into());
    let (published, updated) = match (header.dates.published, header.dates.updated) {
        (Some(p), u) => (p, u),
        (None, Some(u)) => (u, Some(u)),
        (None, None) => match meta.published_at {
            Some(d) => {
                date_source = DateSource::Article("front matter".into());
                (d, None)
            }
            None => {
                let (d, source) = super::missing_date(
                    src,
                    ctx,
                    "no dateline (a line such as `January 24, 2018 10:27 AM`) found",
                )?;
                date_source = source;
                (d, None)
            }
        },
    };
    let updated = meta.updated_at.or(updated);
    if let Some(u) = updated
        && u < published
    {
        ctx.warn(format!(
            "updated date {u} is before the publication date {published}"
        ));
    }
    let title = meta.title.clone().unwrap_or(header.title);
    if title.trim().is_empty() {
        return Err(src.error(None, "no headline"));
    }
    let id = meta
        .id
        .clone()
        .or_else(|| meta.url.clone())
        .unwrap_or_else(|| tag_id(ctx.config, &src.rel_path));
    let mut item = Item::new(id, title, published);
    item.date_source = date_source;
    item.updated = updated;
    item.url = meta.url.clone();
    item.photos = group_photos(&header.captions, &ctx.config.boilerplate);
    let mut body = body_paragraphs(&header.body, &ctx.config.boilerplate);
    let reporters = take_signoff(&mut body);
    item.body = Body::Paragraphs(body);
    if authors.is_empty() {
        authors = meta.authors();
    }
    if authors.is_empty() {
        authors = reporters;
    }
    item.authors = authors;
    item.summary = meta.summary.clone().or(header.deck);
    meta.apply_photos(&mut item.photos);
    for tag in meta.tags() {
        if !item.tags.contains(&tag) {
            item.tags.push(tag);
        }
    }
    Ok(item)
}

/// HTML character references left in scraped text (`&amp;`, `&#8217;`, `&rsquo;`).
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#(?P<dec>\d{2,7})|#[xX](?P<hex>[0-9a-fA-F]{2,6})|(?P<name>[a-zA-Z]{2,6}));")
        .unwrap_or_else(|e| panic!("entity pattern: {e}"))
});

/// Named character references common in news text.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("lt", "<"),
    ("gt", ">"),
    ("rsquo", "’"),
    ("lsquo", "‘"),
    ("rdquo", "”"),
    ("ldquo", "“"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("copy", "©"),
    ("eacute", "é"),
];

/// Repairs two artifacts of scraping: UTF-8 text that was decoded as Windows-1252 on
/// the way (`Mayorâ€™s` → `Mayor’s`), and HTML character references (`&amp;`,
/// `&#8217;`). Text without them is returned as is.
fn repair(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = std::borrow::Cow::Borrowed(text);
    if text.contains("â€") || text.contains('Ã') || text.contains('Â') {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        if !unmappable && let Ok(fixed) = std::str::from_utf8(&bytes) {
            out = std::borrow::Cow::Owned(fixed.to_string());
        }
    }
    if out.contains('&') && ENTITY.is_match(&out) {
        let replaced = ENTITY.replace_all(&out, |c: &regex::Captures<'_>| {
            let code = c
                .name("dec")
                .and_then(|d| d.as_str().parse::<u32>().ok())
                .or_else(|| {
                    c.name("hex")
                        .and_then(|h| u32::from_str_radix(h.as_str(), 16).ok())
                });
            if let Some(ch) = code.and_then(char::from_u32) {
                return ch.to_string();
            }
            let name = c.name("name").map_or("", |m| m.as_str());
            match ENTITIES.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => (*v).to_string(),
                None => c[0].to_string(),
            }
        });
        out = std::borrow::Cow::Owned(replaced.into_owned());
    }
    out
}

/// The file's lines with line ends, no-break and odd spaces, zero-width characters and
/// trailing white space normalized.
fn clean_lines(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        text
    };
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            text: clean_line(raw),
        })
        .collect()
}

/// What [`clean_line`] does to one character: keep it, make it a plain space, or drop it.
enum CharFix {
    Keep,
    Space,
    Drop,
}

fn char_fix(c: char) -> CharFix {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\t' | '\u{3000}' => CharFix::Space,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => CharFix::Drop,
        c if c.is_control() => CharFix::Drop,
        _ => CharFix::Keep,
    }
}

/// One line with odd spaces made plain, invisible and control characters dropped, and
/// runs of spaces collapsed to one, trimmed.
fn clean_line(raw: &str) -> String {
    // Most lines need nothing: check first, copy once.
    let trimmed = raw.trim();
    let double_space = trimmed.as_bytes().windows(2).any(|w| w == b"  ");
    if !double_space && !needs_char_fix(trimmed) {
        return trimmed.to_string();
    }
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match char_fix(c) {
            CharFix::Space => s.push(' '),
            CharFix::Drop => {}
            CharFix::Keep => s.push(c),
        }
    }
    collapse_spaces(s.trim())
}

/// Whether [`char_fix`] would change a character of `s`, tested on the UTF-8 bytes: an
/// ASCII control or tab; `C2 80`–`C2 A0` and `C2 AD` (C1 controls, no-break space, soft
/// hyphen); `E2 80 80`–`E2 80 8D` and `E2 80 AF` (odd and zero-width spaces); `E2 81 A0`
/// (word joiner); `E3 80 80` (ideographic space); `EF BB BF` (byte-order mark).
fn needs_char_fix(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path for the common case, a chunk at a time so it vectorizes.
    let odd_byte = |c: u8| c < 0x20 || c == 0x7f || matches!(c, 0xC2 | 0xE2 | 0xE3 | 0xEF);
    if !b
        .chunks(64)
        .any(|ch| ch.iter().fold(false, |acc, &c| acc | odd_byte(c)))
    {
        return false;
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    (0..b.len()).any(|i| match b[i] {
        c if c < 0x20 || c == 0x7f => true,
        0xC2 => matches!(at(i + 1), 0x80..=0xA0 | 0xAD),
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x80..=0x8D | 0xAF),
            0x81 => at(i + 2) == 0xA0,
            _ => false,
        },
        0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
        0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
        _ => false,
    })
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Splits off a `+++`/`---` front-matter block at the top of the file.
fn split_front_matter(lines: &[Line]) -> (Option<(&'static str, &[Line])>, &[Line]) {
    let first = lines.iter().position(|l| !l.text.is_empty());
    if let Some(first) = first {
        for delim in ["+++", "---"] {
            if lines[first].text == delim
                && let Some(end) = lines[first + 1..].iter().position(|l| l.text == delim)
            {
                let end = first + 1 + end;
                return (Some((delim, &lines[first + 1..end])), &lines[end + 1..]);
            }
        }
    }
    (None, lines)
}

/// The parts of the article around its dateline.
#[derive(Debug, Default)]
struct Parts {
    captions: Vec<Line>,
    title: String,
    deck: Option<String>,
    dates: Dateline,
    authors: Vec<Author>,
    body: Vec<Line>,
}

/// Finds the dateline and, from it, the headline, captions, bylines and body.
fn find_header(lines: &[Line], src: &Source, ctx: &Context<'_>) -> Result<Parts> {
    let mut anchor = None;
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        match classify(&line.text, ctx) {
            Some(Ok(h @ (Header::Dates(_) | Header::Both(..)))) => {
                anchor = Some((i, h));
                break;
            }
            Some(Err(e)) => {
                return Err(src.error(Some(line.no), format!("dateline: {e}")));
            }
            _ => {}
        }
    }
    let Some((anchor, anchor_header)) = anchor else {
        return without_dateline(lines, src, ctx);
    };
    let mut parts = Parts::default();
    let mut emails = Vec::new();
    // Header lines above the dateline (bylines, another dateline), then the headline.
    let mut i = anchor;
    let mut above: Vec<Header> = Vec::new();
    let headline_end = loop {
        if i == 0 {
            break None;
        }
        i -= 1;
        let text = &lines[i].text;
        if text.is_empty() {
            continue;
        }
        match classify(text, ctx) {
            Some(Ok(h)) => above.push(h),
            _ if is_boilerplate(text, &ctx.config.boilerplate) => {}
            // `Jane Doe` on its own line under the headline (a byline without "By").
            // It must sit right on top of another header line, as headlines do not.
            // Several names (`Jane Doe and John Roe`) may stand alone.
            _ if is_bare_name(text)
                && (lines.get(i + 1).is_some_and(|l| !l.text.is_empty()) || bare_names(text).len() > 1)
                && lines[..i].iter().any(|l| !l.text.is_empty()) =>
            {
                above.push(Header::Byline(bare_names(text)));
            }
            _ => break Some(i),
        }
    };
    let h_end = match headline_end {
        Some(h) => h,
        None => {
            // Nothing above the dateline: the headline may follow it instead.
            headline_below(lines, anchor, ctx).ok_or_else(|| {
                src.error(
                    Some(lines[anchor].no),
                    "no headline: the dateline must follow the headline",
                )
            })?
        }
    };
    let headline_first = h_end > anchor;
    // A deck (a sentence-long summary) may sit between the headline and the dateline.
    let mut h_end = h_end;
    if is_deck(&lines[h_end].text)
        && let Some(prev) = (0..h_end).rev().find(|&k| !lines[k].text.is_empty())
        && looks_like_headline(&lines[prev].text)
    {
        parts.deck = Some(lines[h_end].text.clone());
        h_end = prev;
    }
    let h_start = if headline_first {
        h_end
    } else {
        headline_start(lines, h_end)
    };
    parts.title = lines[h_start..=h_end]
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    parts.captions = lines[..h_start.min(anchor)]
        .iter()
        .filter(|l| !l.text.is_empty())
        .cloned()
        .collect();
    above.reverse();
    // The dateline and the header lines below it.
    let mut j = anchor + 1;
    let mut below = vec![anchor_header];
    while j < lines.len() {
        let text = &lines[j].text;
        if text.is_empty() {
            j += 1;
            continue;
        }
        if headline_first && j == h_end {
            j += 1;
            continue;
        }
        match classify(text, ctx) {
            Some(Ok(h)) => {
                below.push(h);
                j += 1;
            }
            // A name right under the dateline, or over its outlet or e-mail line.
            None if is_bare_name(text)
                && (!lines[j - 1].text.is_empty()
                    || lines.get(j + 1).is_some_and(|l| {
                        matches!(
                            classify(&l.text, ctx),
                            Some(Ok(Header::Title | Header::Contact(_)))
                        )
                    })) =>
            {
                below.push(Header::Byline(bare_names(text)));
                j += 1;
            }
            Some(Err(e)) => return Err(src.error(Some(lines[j].no), format!("dateline: {e}"))),
            None => break,
        }
    }
    let mut update_time: Option<String> = None;
    for h in above.into_iter().chain(below) {
        match h {
            Header::Dates(d) => merge_dates(&mut parts.dates, d),
            Header::Byline(a) => parts.authors.extend(a),
            Header::Both(a, d) => {
                parts.authors.extend(a);
                merge_dates(&mut parts.dates, d);
            }
            Header::Contact(e) => emails.extend(e),
            Header::Title => {}
            Header::UpdateTime(t) => update_time = update_time.or(t),
        }
    }
    // `Updated 11:05 a.m.`: the same day as the publication.
    if let (Some(published), None, Some(time)) = (parts.dates.published, parts.dates.updated, update_time) {
        let day = published.format("%B %-d, %Y");
        if let Ok(u) = date::parse(&format!("{day} {time}"), ctx)
            && u >= published
        {
            parts.dates.updated = Some(u);
        }
    }
    assign_emails(&mut parts.authors, emails);
    parts.body = lines[j..].to_vec();
    Ok(parts)
}

/// A deck: a whole sentence of a dozen words or more, ending with sentence punctuation.
fn is_deck(text: &str) -> bool {
    text.split_whitespace().count() >= 12
        && text
            .trim_end_matches(['"', '”', '’', '\''])
            .ends_with(['.', '!', '?'])
        && split_caption(text).1.is_empty()
}

/// A headline: four to 30 words, not ending with a period, carrying no photo credit.
fn looks_like_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (4..=30).contains(&words) && !text.ends_with('.') && split_caption(text).1.is_empty()
}

/// The headline of a file that opens with its dateline: the first line after the
/// header lines, when it stands alone and reads like a headline.
fn headline_below(lines: &[Line], anchor: usize, ctx: &Context<'_>) -> Option<usize> {
    let mut k = anchor + 1;
    while k < lines.len() {
        let text = &lines[k].text;
        if !text.is_empty() && classify(text, ctx).is_none() {
            let alone = lines.get(k + 1).is_none_or(|l| l.text.is_empty());
            return (alone && looks_like_headline(text)).then_some(k);
        }
        k += 1;
    }
    None
}

/// Where the headline ending at `end` starts: a headline hard-wrapped over several
/// short lines without sentence punctuation is one headline.
fn headline_start(lines: &[Line], end: usize) -> usize {
    let mut start = end;
    let mut len = lines[end].text.chars().count();
    while start > 0 {
        let prev = &lines[start - 1].text;
        let n = prev.chars().count();
        let ends_sentence = prev.ends_with(['.', '!', '?', '"', '”', ')', ':']);
        if prev.is_empty()
            || !prev.chars().any(char::is_alphanumeric)
            || n > 90
            || ends_sentence
            || len + n > 200
            || split_caption(prev).1 != Credit::default()
        {
            break;
        }
        len += n;
        start -= 1;
    }
    start
}

/// Parts for a file without a dateline: the headline is the first short single-line
/// paragraph; the date comes later from metadata or the file's time.
fn without_dateline(lines: &[Line], src: &Source, ctx: &Context<'_>) -> Result<Parts> {
    let paragraphs = paragraphs(lines);
    let Some(h) = paragraphs
        .iter()
        .position(|p| p.len() == 1 && p[0].text.chars().count() <= 200 && !p[0].text.ends_with('.'))
        .or(if paragraphs.is_empty() { None } else { Some(0) })
    else {
        return Err(src.error(None, "no headline"));
    };
    let title_line = &paragraphs[h][paragraphs[h].len() - 1];
    let title = title_line.text.clone();
    let captions = lines
        .iter()
        .take_while(|l| l.no < title_line.no)
        .filter(|l| !l.text.is_empty())
        .cloned()
        .collect();
    let body = lines.iter().filter(|l| l.no > title_line.no).cloned().collect();
    // `This story was originally published January 24, 2018 10:27 AM.` at the end.
    let mut dates = Dateline::default();
    for line in lines.iter().rev() {
        if let Some(c) = ORIGINALLY.captures(&line.text)
            && let Some(when) = c.name("when")
        {
            match date::parse(when.as_str(), ctx) {
                Ok(d) => {
                    dates.published = Some(d);
                    break;
                }
                Err(e @ DateError::Impossible(_)) => {
                    return Err(src.error(Some(line.no), format!("date: {e}")));
                }
                Err(DateError::Unrecognized(_)) => {}
            }
        }
    }
    Ok(Parts {
        captions,
        title,
        dates,
        body,
        ..Parts::default()
    })
}

fn merge_dates(into: &mut Dateline, d: Dateline) {
    if into.published.is_none() {
        into.published = d.published;
    }
    if into.updated.is_none() {
        into.updated = d.updated;
    }
}

/// What a header line is, if it is one; an error for a dateline whose date does not
/// exist.
fn classify(text: &str, ctx: &Context<'_>) -> Option<std::result::Result<Header, DateError>> {
    if let Some(r) = date::dateline(text, ctx) {
        return Some(r.map(Header::Dates));
    }
    // `By Jane Doe | January 24, 2018 10:27 AM`
    for sep in [" | ", " · ", " • ", " - ", " — ", " on ", ", "] {
        if let Some((a, b)) = text.split_once(sep) {
            let by = parse_byline(a);
            let dates = date::dateline(b, ctx);
            match (by, dates) {
                (Some(authors), Some(Ok(d))) => return Some(Ok(Header::Both(authors, d))),
                (Some(_), Some(Err(e))) => return Some(Err(e)),
                _ => {}
            }
        }
    }
    // `Posted on January 24, 2018 by Jane Doe` (blogs)
    if let Some(k) = text.find(" by ").or_else(|| text.find(" By "))
        && let Some(authors) = parse_byline(&text[k + 1..])
        && !authors.is_empty()
    {
        match date::dateline(&text[..k], ctx) {
            Some(Ok(d)) => return Some(Ok(Header::Both(authors, d))),
            Some(Err(e)) => return Some(Err(e)),
            None => {}
        }
    }
    if let Some(authors) = parse_byline(text) {
        return Some(Ok(Header::Byline(authors)));
    }
    if CONTACT.is_match(text) {
        let emails = EMAIL
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| m.as_str().to_string());
        return Some(Ok(Header::Contact(emails.collect())));
    }
    // `Updated 11:05 a.m.`, `Updated: moments ago`: an update note without a full date.
    if text.chars().count() <= 60 && UPDATE_NOTE.is_match(text) {
        let time = UPDATE_TIME
            .captures(text)
            .and_then(|c| c.name("time"))
            .map(|m| m.as_str().to_string());
        return Some(Ok(Header::UpdateTime(time)));
    }
    // `Jane Doe, The Washington Post`, `Jane Doe | Special to the Star`
    if without_outlet(text).len() < text.len() && is_bare_name(text) {
        return Some(Ok(Header::Byline(bare_names(text))));
    }
    if text.split_whitespace().count() <= 6 && (BYLINE_TITLE.is_match(text) || looks_like_org(text)) {
        return Some(Ok(Header::Title));
    }
    None
}

/// Reads a byline (`By JANE DOE Associated Press`, `By Jane Doe and John Roe`,
/// `By A, B and C`, `By Jane Doe, The Kansas City Star`, `By Jane Doe jdoe@x.com`):
/// the authors, with outlets and job titles left out. `None` when the line is not a
/// byline (`By the time police arrived, …`).
pub fn parse_byline(line: &str) -> Option<Vec<Author>> {
    let t = line.trim();
    // `By Jane Doe @janedoe`: handles are not names.
    let rest = HANDLE.replace_all(&t[BY.find(t)?.end()..], "");
    let rest = rest.as_ref();
    if rest.chars().count() > 200 {
        return None;
    }
    // E-mail addresses go to the name they follow.
    let mut pending: Vec<(usize, String)> = Vec::new();
    let mut without = String::with_capacity(rest.len());
    let mut last = 0;
    for c in EMAIL.captures_iter(rest) {
        let (Some(whole), Some(addr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        without.push_str(&rest[last..whole.start()]);
        without.push(',');
        pending.push((without.len(), addr.as_str().to_string()));
        last = whole.end();
    }
    without.push_str(&rest[last..]);
    let main = without.split(['|', '•', '·']).next().unwrap_or_default();
    let main = [" - ", " — ", " – ", " / "]
        .iter()
        .fold(main, |m, sep| m.split(sep).next().unwrap_or(m));
    let mut authors: Vec<Author> = Vec::new();
    let split_names = |s: &str| {
        s.replace(" and ", ", ")
            .replace(" & ", ", ")
            .replace(" AND ", ", ")
            .replace(';', ",")
    };
    let normalized = split_names(main);
    for (k, seg) in normalized.split(',').enumerate() {
        let seg = seg.trim();
        // A closing period is not part of the name, unless it ends `Jr.` or an initial.
        let keeps_period = seg
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w, "Jr." | "Sr.") || (w.chars().count() == 2 && w.ends_with('.')));
        let seg = if keeps_period {
            seg
        } else {
            seg.trim_end_matches('.').trim()
        };
        if seg.is_empty() {
            continue;
        }
        match byline_name(seg) {
            Some(name) => authors.push(Author::named(name)),
            None if is_outlet_or_title(seg) => {}
            None if k == 0 => return None,
            None => {}
        }
    }
    // Inline e-mails: an address belongs to the author whose name came just before it.
    let names_before = |pos: usize| -> usize {
        let head = main.get(..pos.min(main.len())).unwrap_or(main);
        let head = split_names(head);
        head.split(',')
            .filter(|s| byline_name(s.trim()).is_some())
            .count()
    };
    for (pos, addr) in pending {
        let k = names_before(pos).max(1) - 1;
        if let Some(a) = authors.get_mut(k)
            && a.email.is_none()
        {
            a.email = Some(addr);
        }
    }
    Some(authors)
}

/// One name of a byline, with an outlet or title after it removed; `None` when the
/// segment is an outlet, a title or not a name.
fn byline_name(seg: &str) -> Option<String> {
    let seg = seg.trim();
    if seg.is_empty() || is_agency(seg) {
        return None;
    }
    if BYLINE_TITLE.is_match(seg) {
        // `Jane Doe Staff Writer`: a name of two words or more before a job title.
        let name = TITLE_SUFFIX.replace(seg, "");
        let words: Vec<&str> = name.split_whitespace().collect();
        let ok = name.len() < seg.len()
            && words.len() >= 2
            && !words.iter().any(|w| is_agency(w))
            && is_name(&name);
        return ok.then(|| fix_caps(&name));
    }
    let words: Vec<&str> = seg.split_whitespace().collect();
    // Names are usually two words or more: try those splits first.
    let splits: Vec<usize> = (2..words.len()).chain((words.len() > 1).then_some(1)).collect();
    let split_where = |rest_ok: &dyn Fn(&str) -> bool| {
        splits.iter().find_map(|&k| {
            let (name, rest) = (words[..k].join(" "), words[k..].join(" "));
            (is_name(&name) && rest_ok(&rest)).then(|| fix_caps(&name))
        })
    };
    // `JANE DOE Associated Press`, `MATTHEW LEE AP Diplomatic Writer`
    if let Some(name) = split_where(&|rest| is_agency(rest) || BYLINE_TITLE.is_match(rest)) {
        return Some(name);
    }
    // `Jane Doe The Kansas City Star`
    if let Some(name) = split_where(&|rest| rest.starts_with("The ") && looks_like_org(rest)) {
        return Some(name);
    }
    if is_name(seg) {
        return Some(fix_caps(seg));
    }
    split_where(&|rest| looks_like_org(rest))
}

/// An outlet (`The Kansas City Star`, `Associated Press`) or a job title (`Staff Writer`).
fn is_outlet_or_title(seg: &str) -> bool {
    looks_like_org(seg) || BYLINE_TITLE.is_match(seg)
}

/// A line that is only a person's name (two to four words): a byline without "By",
/// perhaps with its outlet or title (`Jane Doe and John Roe, The Washington Post`,
/// `Jane Doe | Special to the Star`).
fn is_bare_name(text: &str) -> bool {
    let text = without_outlet(text);
    // `Jane Doe in Paris`, `Jane Doe and John Roe`
    let name = match text.split_once(" in ") {
        Some((name, place)) if is_name(place) || looks_like_org(place) => name,
        _ => text,
    };
    let names: Vec<&str> = name.split(" and ").flat_map(|n| n.split(", ")).collect();
    names.len() <= 3
        && names
            .iter()
            .all(|n| (2..=4).contains(&n.split_whitespace().count()) && is_name(n))
}

/// A bare-name byline without the outlet or title after its last ` | `, ` - ` or `, `.
fn without_outlet(text: &str) -> &str {
    for sep in [" | ", " - ", " — ", ", "] {
        if let Some((names, outlet)) = text.rsplit_once(sep)
            && is_outlet_or_title(outlet.trim())
        {
            return names.trim();
        }
    }
    text
}

/// The authors of a bare-name byline.
fn bare_names(text: &str) -> Vec<Author> {
    let text = without_outlet(text);
    let name = text.split_once(" in ").map_or(text, |(n, _)| n);
    name.split(" and ")
        .flat_map(|n| n.split(", "))
        .map(|n| Author::named(fix_caps(n.trim())))
        .collect()
}

/// Gives e-mail addresses from contact lines to authors: by name when the address
/// contains the author's last name, then in order.
fn assign_emails(authors: &mut [Author], emails: Vec<String>) {
    let mut left = Vec::new();
    for addr in emails {
        let local = addr.split('@').next().unwrap_or_default().to_lowercase();
        let owner = authors.iter_mut().find(|a| {
            a.email.is_none()
                && a.name
                    .split_whitespace()
                    .last()
                    .map(|l| l.to_lowercase().replace(['\'', '’', '-'], ""))
                    .is_some_and(|l| l.len() >= 2 && local.contains(&l))
        });
        match owner {
            Some(a) => a.email = Some(addr),
            None => left.push(addr),
        }
    }
    let mut free = authors.iter_mut().filter(|a| a.email.is_none());
    for addr in left {
        match free.next() {
            Some(a) => a.email = Some(addr),
            None => break,
        }
    }
}

/// Caption lines grouped into photos: copies of one caption (with or without the
/// credit) are one photo; different captions are different photos, in order of first
/// appearance.
fn group_photos(lines: &[Line], extra: &[String]) -> Vec<Photo> {
    let mut photos: Vec<Photo> = Vec::new();
    for line in lines {
        let text = CAPTION_TAIL.replace(line.text.as_str(), "");
        let text = text.trim();
        if text.is_empty() || is_boilerplate(text, extra) || is_kicker(text) {
            continue;
        }
        let mut matched = false;
        for photo in &mut photos {
            let base = photo.caption.as_str();
            if text == base {
                matched = true;
            } else if let Some(rest) = text.strip_prefix(base).filter(|r| r.starts_with(' ')) {
                if photo.credit.is_empty() {
                    photo.credit = parse_credit(rest);
                }
                matched = true;
            } else if let Some(rest) = base.strip_prefix(text).filter(|r| r.starts_with(' ')) {
                // The first copy carried a credit the caption splitter did not know.
                if photo.credit.is_empty() {
                    photo.credit = parse_credit(rest);
                }
                photo.caption = text.to_string();
                matched = true;
            }
            if matched {
                break;
            }
        }
        if !matched {
            let (caption, credit) = split_caption(text);
            // A credit on a line of its own belongs to the photo above it.
            if caption.is_empty() {
                if let Some(p) = photos.last_mut()
                    && p.credit.is_empty()
                {
                    p.credit = credit;
                }
                continue;
            }
            // A copy with a credit may come after one whose credit we split off.
            if let Some(p) = photos.iter_mut().find(|p| p.caption == caption) {
                if p.credit.is_empty() {
                    p.credit = credit;
                }
                continue;
            }
            photos.push(Photo::new(caption, credit));
        }
    }
    photos
}

/// A short label above the headline (`WORLD`, `Politics`, `Photo gallery`) rather than
/// a caption: a few words without sentence punctuation.
fn is_kicker(text: &str) -> bool {
    text.split_whitespace().count() <= 3
        && !text.ends_with(['.', '!', '?', ')'])
        && split_caption(text).1.is_empty()
}

/// Blank-line separated groups of non-empty lines.
fn paragraphs(lines: &[Line]) -> Vec<Vec<&Line>> {
    let mut out: Vec<Vec<&Line>> = Vec::new();
    let mut cur: Vec<&Line> = Vec::new();
    for line in lines {
        if line.text.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The body's paragraphs: wrapped lines joined with spaces, boilerplate lines and
/// paragraphs dropped. A list header (`Related stories`, `Read next`) also drops the
/// headline-like lines after it (links to other stories), up to the next real sentence.
fn body_paragraphs(lines: &[Line], extra: &[String]) -> Vec<String> {
    let mut in_list = false;
    let mut out = Vec::new();
    for p in paragraphs(lines) {
        let mut kept: Vec<&str> = Vec::with_capacity(p.len());
        for t in p.iter().map(|l| l.text.as_str()) {
            if in_list && is_link_line(t) {
                continue;
            }
            in_list = false;
            if is_boilerplate(t, extra) {
                in_list = is_list_header(t);
            } else {
                kept.push(t);
            }
        }
        let joined = join_wrapped(&kept);
        // One kept line is its own paragraph, and was just checked.
        if !joined.is_empty() && (kept.len() == 1 || !is_boilerplate(&joined, extra)) {
            out.push(joined);
        }
    }
    out
}

/// A line of a list of links: a short headline, without sentence punctuation at the end.
fn is_link_line(text: &str) -> bool {
    text.split_whitespace().count() <= 25
        && !text
            .trim_end_matches(|c: char| c.is_whitespace())
            .ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';', ','])
}

/// Removes a wire sign-off paragraph near the end of the body (`Reporting by Jane Doe in
/// Warsaw; Editing by John Roe`, often in parentheses) and returns its reporters (the
/// `Reporting by` and `Writing by` names, not the additional reporters or the editors).
fn take_signoff(body: &mut Vec<String>) -> Vec<Author> {
    let start = body.len().saturating_sub(2);
    let Some(k) = (start..body.len()).rev().find(|&k| signoff(&body[k]).is_some()) else {
        return Vec::new();
    };
    let authors = signoff(&body[k]).unwrap_or_default();
    body.remove(k);
    authors
}

/// The reporters of a sign-off paragraph; `None` when the paragraph is not one (every
/// `;`-separated part must be `<role> by <names>`).
fn signoff(text: &str) -> Option<Vec<Author>> {
    let t = text.trim();
    let t = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(t);
    if t.len() > 400 {
        return None;
    }
    let mut authors = Vec::new();
    for part in t.split(';') {
        let c = SIGNOFF_PART.captures(part.trim())?;
        let names = c
            .name("names")?
            .as_str()
            .replace(" and ", ", ")
            .replace(" & ", ", ");
        let role = c.name("role")?.as_str().to_ascii_lowercase();
        let main = c.name("extra").is_none()
            && matches!(role.as_str(), "reporting" | "writing" | "written" | "reported");
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            // `Jane Doe in Warsaw`
            let name = name.split_once(" in ").map_or(name, |(n, _)| n).trim();
            if !is_name(name) {
                return None;
            }
            if main && !authors.iter().any(|a: &Author| a.name == name) {
                authors.push(Author::named(fix_caps(name)));
            }
        }
    }
    Some(authors)
}

/// Joins the lines of a hard-wrapped paragraph with spaces; a line ending in a hyphen
/// after a letter joins the next without one (`long-` + `term` → `long-term`).
fn join_wrapped(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let glued = out.ends_with('-') && out.chars().rev().nth(1).is_some_and(char::is_alphabetic);
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Metadata from a sidecar file or front matter.
#[derive(Debug, Default, Deserialize)]
struct Meta {
    url: Option<String>,
    id: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    #[serde(alias = "published")]
    date: Option<toml::Value>,
    #[serde(alias = "modified")]
    updated: Option<toml::Value>,
    #[serde(default)]
    tags: Option<StringOrList>,
    #[serde(alias = "categories")]
    categories_: Option<StringOrList>,
    #[serde(alias = "author")]
    authors: Option<StringOrList>,
    #[serde(default)]
    images: Vec<String>,
    #[serde(default)]
    photos: Vec<PhotoMeta>,
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
    /// `date`, read.
    #[serde(skip)]
    published_at: Option<Date>,
    /// `updated`, read.
    #[serde(skip)]
    updated_at: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    fn items(&self) -> Vec<String> {
        match self {
            StringOrList::One(s) => s
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            StringOrList::Many(v) => v
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PhotoMeta {
    Url(String),
    Full {
        #[serde(alias = "image", alias = "src")]
        url: Option<String>,
        caption: Option<String>,
        credit: Option<String>,
    },
}

impl Meta {
    /// Parses TOML (or, for `---` front matter, simple YAML `key: value` lines). The
    /// error gives the line within `text`.
    fn parse(
        text: &str,
        yaml_ok: bool,
        ctx: &Context<'_>,
    ) -> std::result::Result<Meta, (Option<usize>, String)> {
        let mut meta: Meta = match toml::from_str(text) {
            Ok(m) => m,
            Err(e) if yaml_ok => {
                let table = simple_yaml(text).map_err(|(line, msg)| (Some(line), msg))?;
                let _ = e;
                Meta::deserialize(toml::Value::Table(table)).map_err(|e| (None, e.message().to_string()))?
            }
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text.get(..s.start).unwrap_or(text).matches('\n').count() + 1);
                return Err((line, e.message().to_string()));
            }
        };
        meta.published_at = meta_date(meta.date.as_ref(), "date", ctx)
            .map_err(|m| (line_of_key(text, &["date", "published"]), m))?;
        meta.updated_at = meta_date(meta.updated.as_ref(), "updated", ctx)
            .map_err(|m| (line_of_key(text, &["updated", "modified"]), m))?;
        for key in meta.other.keys() {
            ctx.warn(format!(
                "metadata key `{key}` is not used (known: url, id, title, summary, date, updated, tags, authors, images, photos)"
            ));
        }
        Ok(meta)
    }

    /// Fills what `other` has and `self` lacks.
    fn merge(&mut self, other: Meta) {
        macro_rules! take {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = other.$f; } )* };
        }
        take!(
            url,
            id,
            title,
            summary,
            date,
            updated,
            tags,
            categories_,
            authors,
            published_at,
            updated_at
        );
        if self.images.is_empty() {
            self.images = other.images;
        }
        if self.photos.is_empty() {
            self.photos = other.photos;
        }
    }

    fn tags(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for list in [&self.tags, &self.categories_].into_iter().flatten() {
            for t in list.items() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    fn authors(&self) -> Vec<Author> {
        self.authors
            .as_ref()
            .map_or_else(Vec::new, |a| a.items().into_iter().map(Author::named).collect())
    }

    /// Gives photos their URLs (and captions / credits the text lacks), in order.
    fn apply_photos(&self, photos: &mut Vec<Photo>) {
        let mut metas: Vec<(Option<String>, Option<String>, Option<String>)> = self
            .images
            .iter()
            .map(|u| (Some(u.clone()), None, None))
            .collect();
        if metas.is_empty() {
            metas = self
                .photos
                .iter()
                .map(|p| match p {
                    PhotoMeta::Url(u) => (Some(u.clone()), None, None),
                    PhotoMeta::Full { url, caption, credit } => {
                        (url.clone(), caption.clone(), credit.clone())
                    }
                })
                .collect();
        }
        for (i, (url, caption, credit)) in metas.into_iter().enumerate() {
            if i >= photos.len() {
                photos.push(Photo::new(String::new(), Credit::default()));
            }
            let photo = &mut photos[i];
            if url.is_some() {
                photo.url = url;
            }
            if let Some(c) = caption
                && photo.caption.is_empty()
            {
                let (cap, cr) = split_caption(&c);
                photo.caption = cap;
                if photo.credit.is_empty() {
                    photo.credit = cr;
                }
            }
            if let Some(c) = credit
                && photo.credit.is_empty()
            {
                photo.credit = parse_credit(&c);
            }
        }
    }
}

/// The 1-based line where one of `keys` is set in TOML or YAML-like text.
fn line_of_key(text: &str, keys: &[&str]) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            keys.iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
            })
        })
        .map(|i| i + 1)
}

fn meta_date(
    value: Option<&toml::Value>,
    key: &str,
    ctx: &Context<'_>,
) -> std::result::Result<Option<Date>, String> {
    let Some(value) = value else { return Ok(None) };
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        other => return Err(format!("`{key}` must be a date, not {}", other.type_str())),
    };
    date::parse(&text, ctx)
        .map(Some)
        .map_err(|e| format!("`{key}`: {e}"))
}

/// A small YAML subset for `---` front matter: `key: value`, `key: [a, b]`, and
/// `key:` followed by `- item` lines (items may be `- url: …` maps of one level).
fn simple_yaml(text: &str) -> std::result::Result<toml::Table, (usize, String)> {
    let mut table = toml::Table::new();
    let mut list_key: Option<String> = None;
    let mut list: Vec<toml::Value> = Vec::new();
    let scalar = |v: &str| -> toml::Value {
        let v = v.trim();
        let unq = v
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(v);
        toml::Value::String(unq.replace("\\\"", "\""))
    };
    let flow = |v: &str| -> Option<toml::Value> {
        let inner = v.trim().strip_prefix('[')?.strip_suffix(']')?;
        Some(toml::Value::Array(
            inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(scalar)
                .collect(),
        ))
    };
    let finish = |table: &mut toml::Table, key: &mut Option<String>, list: &mut Vec<toml::Value>| {
        if let Some(k) = key.take() {
            table.insert(k, toml::Value::Array(std::mem::take(list)));
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| (trimmed == "-").then_some(""))
        {
            if list_key.is_none() {
                return Err((i + 1, "a `- item` line outside a list".into()));
            }
            match item.split_once(": ") {
                Some((k, v)) if !k.contains(' ') && !item.starts_with(['"', '\'']) => {
                    let mut m = toml::Table::new();
                    m.insert(k.trim().to_string(), scalar(v));
                    list.push(toml::Value::Table(m));
                }
                _ => list.push(scalar(item)),
            }
            continue;
        }
        if line.starts_with(' ') {
            // `  caption: …` continuing a `- url: …` map.
            if let (Some(toml::Value::Table(m)), Some((k, v))) = (list.last_mut(), trimmed.split_once(':')) {
                m.insert(k.trim().to_string(), scalar(v));
                continue;
            }
            return Err((i + 1, format!("cannot read {trimmed:?}")));
        }
        finish(&mut table, &mut list_key, &mut list);
        let Some((key, value)) = line.split_once(':') else {
            return Err((i + 1, format!("expected `key: value`, found {line:?}")));
        };
        let key = key.trim().to_string();
        let value = value.trim();
        if value.is_empty() {
            list_key = Some(key);
        } else if let Some(v) = flow(value) {
            table.insert(key, v);
        } else {
            table.insert(key, scalar(value));
        }
    }
    finish(&mut table, &mut list_key, &mut list);
    Ok(table)
}

#[cfg(test)]
mod tests;
