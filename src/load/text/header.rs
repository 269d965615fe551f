//! The article's header: the dateline that anchors it, the headline above it (or
//! below it), a deck, the header lines around it (bylines, contact lines, outlet and
//! update notes), and what lies above the headline (captions).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::body::paragraphs;
use super::byline::{
    BYLINE_TITLE, CONTACT, EMAIL, assign_emails, bare_names, is_bare_name, parse_byline, without_outlet,
};
use super::lines::Line;
use crate::date::{self, DateError, Dateline, Zones};
use crate::error::Result;
use crate::item::{Author, Credit};
use crate::load::boilerplate::is_boilerplate;
use crate::load::credit::{looks_like_org, split_caption};
use crate::load::{Context, Source};

/// The closing line of some sites: `This story was originally published <date>.`
pub(super) static ORIGINALLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this (?:story|article) was )?originally (?:published|posted)(?: on| at)?:?\s+(?P<when>.+?)\.?$")
        .unwrap_or_else(|e| panic!("originally-published pattern: {e}"))
});

/// A line announcing an update without a date we can read.
pub(super) static UPDATE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last\s+)?(?:updated|modified)\b:?\s*(?:on\s+|at\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+\(?[a-z]{1,5}\)?)?|\d[^.]*|[^.]*\bago|just now|moments ago)$")
        .unwrap_or_else(|e| panic!("update note pattern: {e}"))
});

/// The time of an update note: `Updated 11:05 a.m. EST`, `Last updated at 9:45 AM`.
pub(super) static UPDATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:last\s+)?(?:updated|modified):?\s+(?:at\s+)?(?P<time>\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s+\(?[a-z]{1,5}\)?)?)$",
    )
    .unwrap_or_else(|e| panic!("update time pattern: {e}"))
});

/// What one line of the article header is.
#[derive(Debug, Clone)]
pub(super) enum Header {
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

/// The parts of the article around its dateline.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub(super) captions: Vec<Line>,
    pub(super) title: String,
    pub(super) deck: Option<String>,
    pub(super) dates: Dateline,
    pub(super) authors: Vec<Author>,
    pub(super) body: Vec<Line>,
}

/// Finds the dateline and, from it, the headline, captions, bylines and body.
pub(super) fn find_header(lines: &[Line], src: &Source, ctx: &Context<'_>) -> Result<Parts> {
    // Every line that could anchor the article: datelines first (in order), then
    // bylines. The first whose headline reads as one wins; a page copy has dated lines
    // in its menus and related lists too.
    let mut dated = Vec::new();
    let mut bylined = Vec::new();
    let mut headers = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        // Story paragraphs are no anchors: a dateline is at most 120 bytes, and a byline's
        // names at most 200 characters.
        if line.text.is_empty() || line.text.len() > MAX_ANCHOR_LINE {
            continue;
        }
        // A boilerplate line (`This story was originally published …`) anchors only
        // when it is wholly a dateline.
        let found = match classify_strict(&line.text, ctx) {
            None if is_boilerplate(&line.text, &ctx.config.boilerplate) => continue,
            None => loose_dateline(&line.text, ctx).map(Ok),
            found => found,
        };
        match found {
            Some(Ok(h @ (Header::Dates(_) | Header::Both(..)))) => {
                dated.push(i);
                headers.insert(i, h);
            }
            Some(Ok(h @ Header::Byline(_))) if matches!(&h, Header::Byline(a) if !a.is_empty()) => {
                bylined.push(i);
                headers.insert(i, h);
            }
            Some(Err(e)) if dated.is_empty() => {
                return Err(src.error(Some(line.no), format!("dateline: {e}")));
            }
            _ => {}
        }
    }
    let first = dated.first().copied();
    let chosen = dated
        .iter()
        .chain(&bylined)
        .take(MAX_ANCHORS)
        .find_map(|&a| {
            let (end, above) = walk_up(lines, a, ctx);
            let ok = match end {
                Some(h) => is_title_like(&lines[headline_of(lines, h)].text),
                None => headline_below(lines, a, ctx).is_some(),
            };
            ok.then_some((a, end, above))
        })
        .or_else(|| {
            first.map(|a| {
                let (end, above) = walk_up(lines, a, ctx);
                (a, end, above)
            })
        });
    let Some((anchor, headline_end, mut above)) = chosen else {
        return without_dateline(lines, src, ctx);
    };
    let anchor_header = headers.remove(&anchor).unwrap_or(Header::Title);
    let mut parts = Parts::default();
    let mut emails = Vec::new();
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
        match classify_strict(text, ctx) {
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

/// How many anchor lines are tried before the first dateline is taken as it is.
const MAX_ANCHORS: usize = 12;

/// The header lines above the anchor line at `anchor` (bylines, another dateline),
/// nearest first, and the line where the headline (or a deck under it) ends.
fn walk_up(lines: &[Line], anchor: usize, ctx: &Context<'_>) -> (Option<usize>, Vec<Header>) {
    let mut i = anchor;
    let mut above: Vec<Header> = Vec::new();
    let end = loop {
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
            _ if is_boilerplate(text, &ctx.config.boilerplate) || is_author_widget(text) => {}
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
    (end, above)
}

/// What an author box leaves between a headline and its date in a page copy: a name
/// with a handle (`Jane Doe @janedoe`), a follow button (`+Follow`), a link to the
/// author's other stories or feed, a name cut at a slash (`Jane Doe/`).
static AUTHOR_WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\+\s*follow\b.*|follow(?: author)?|(?:more|all|other) (?:stories|articles|posts) by .{1,60}|get (?:the )?author (?:rss )?feed|[^.!?]{1,60}\s@\w{1,30}|[^.!?/]{1,60}/)$",
    )
    .unwrap_or_else(|e| panic!("author widget pattern: {e}"))
});

/// A line of an author box ([`AUTHOR_WIDGET`]).
pub(super) fn is_author_widget(text: &str) -> bool {
    text.len() <= 100 && AUTHOR_WIDGET.is_match(text)
}

/// The headline line for a headline (or deck) ending at `end`: the line above a deck.
fn headline_of(lines: &[Line], end: usize) -> usize {
    if is_deck(&lines[end].text)
        && let Some(prev) = (0..end).rev().find(|&k| !lines[k].text.is_empty())
        && looks_like_headline(&lines[prev].text)
    {
        return prev;
    }
    end
}

/// Whether a line can be a headline at all: some words (or CJK characters), not a
/// sentence-long paragraph, no photo credit, not a counter or a time (`0:49`), not one
/// word (`EXCLUSIVE`, `Politics`).
pub(super) fn is_title_like(text: &str) -> bool {
    let chars = text.chars().count();
    let words = text.split_whitespace().count();
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (words >= 2 || cjk >= 4)
        && (8..=300).contains(&chars)
        && words <= 40
        && letters * 2 >= chars.min(40)
        && !text.ends_with(':')
        && !(text.ends_with('.') && words > 6)
        && split_caption(text).1.is_empty()
}

/// A Chinese, Japanese or Korean character (they are written without spaces).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// A deck: a whole sentence of eight words or more, ending with sentence punctuation.
pub(super) fn is_deck(text: &str) -> bool {
    text.split_whitespace().count() >= 8
        && text
            .trim_end_matches(['"', '”', '’', '\''])
            .ends_with(['.', '!', '?'])
        && split_caption(text).1.is_empty()
}

/// A headline: four to 30 words, not ending with a period, carrying no photo credit.
pub(super) fn looks_like_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (4..=30).contains(&words) && !text.ends_with('.') && split_caption(text).1.is_empty()
}

/// The headline of a file that opens with its dateline: the first line after the
/// header lines, when it stands alone and reads like a headline.
pub(super) fn headline_below(lines: &[Line], anchor: usize, ctx: &Context<'_>) -> Option<usize> {
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
/// short lines without sentence punctuation, each going on in lower case, is one
/// headline.
pub(super) fn headline_start(lines: &[Line], end: usize) -> usize {
    let mut start = end;
    let mut len = lines[end].text.chars().count();
    while start > 0 {
        let prev = &lines[start - 1].text;
        let n = prev.chars().count();
        let ends_sentence = prev.ends_with(['.', '!', '?', '"', '”', ')', ':']);
        // A copied page puts each headline on one line: a line above it is a label or
        // a menu (`Tech —`, `Donate`) unless the headline goes on in lower case.
        let continues = lines[start].text.chars().next().is_some_and(char::is_lowercase);
        if prev.is_empty()
            || !continues
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

/// How many non-empty lines may separate a headline from the first paragraph of the
/// story when there is no dateline or byline.
const LEAD_GAP: usize = 3;

/// The characters of a paragraph of the story (for text without spaces).
const LEAD_CHARS: usize = 120;

/// The words of a paragraph of the story: a line this long is text, not a menu.
const LEAD_WORDS: usize = 20;

/// The headline of a page copy without a dateline or byline: of the title-like lines
/// (not boilerplate) at most [`LEAD_GAP`] non-empty lines above the first paragraph of
/// [`LEAD_WORDS`] words or more, the one with the most words (the nearest of equals).
fn lead_headline<'a>(lines: &'a [Line], ctx: &Context<'_>) -> Option<&'a Line> {
    let filled: Vec<&Line> = lines.iter().filter(|l| !l.text.is_empty()).collect();
    let long =
        |l: &Line| l.text.split_whitespace().count() >= LEAD_WORDS || l.text.chars().count() >= LEAD_CHARS;
    let first_long = filled.iter().position(|l| long(l))?;
    filled[first_long.saturating_sub(LEAD_GAP + 1)..first_long]
        .iter()
        .rev()
        .filter(|l| is_title_like(&l.text) && !is_boilerplate(&l.text, &ctx.config.boilerplate))
        .max_by_key(|l| l.text.split_whitespace().count())
        .copied()
}

/// Parts for a file without a dateline: the headline is [`lead_headline`], else the first
/// short single-line paragraph; the date comes later from metadata or the file's time.
pub(super) fn without_dateline(lines: &[Line], src: &Source, ctx: &Context<'_>) -> Result<Parts> {
    let paragraphs = paragraphs(lines);
    let Some(h) = paragraphs
        .iter()
        .position(|p| p.len() == 1 && p[0].text.chars().count() <= 200 && !p[0].text.ends_with('.'))
        .or(if paragraphs.is_empty() { None } else { Some(0) })
    else {
        return Err(src.error(None, "no headline"));
    };
    // In a page copy the first such paragraph is often a menu item: prefer the first
    // title-like line that the story's text follows closely.
    let title_line = lead_headline(lines, ctx).unwrap_or(paragraphs[h][paragraphs[h].len() - 1]);
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

pub(super) fn merge_dates(into: &mut Dateline, d: Dateline) {
    if into.published.is_none() {
        into.published = d.published;
    }
    if into.updated.is_none() {
        into.updated = d.updated;
    }
}

/// What a header line is, if it is one; an error for a dateline whose date does not
/// exist.
pub(super) fn classify(text: &str, ctx: &Context<'_>) -> Option<std::result::Result<Header, DateError>> {
    classify_strict(text, ctx).or_else(|| loose_dateline(text, ctx).map(Ok))
}

/// The longest line tried as an anchor (a dateline or byline) of the article.
const MAX_ANCHOR_LINE: usize = 400;

/// The longest bare-name byline with its outlet (three names of four words and a long
/// outlet name fit in far less); longer lines are text, and are not tried as names.
const MAX_BARE_BYLINE: usize = 300;

/// [`classify`] without the loose datelines: the header lines that may also follow the
/// dateline, where a sentence starting with a date is body text.
fn classify_strict(text: &str, ctx: &Context<'_>) -> Option<std::result::Result<Header, DateError>> {
    if let Some(r) = date::dateline(text, ctx) {
        return Some(r.map(Header::Dates));
    }
    // `By Jane Doe | January 24, 2018 10:27 AM`
    for sep in [" | ", " · ", " • ", " - ", " — ", " on ", ", "] {
        // The date part first: it rejects most lines at once.
        if let Some((a, b)) = text.split_once(sep)
            && let Some(dates) = date::dateline(b, ctx)
            && let Some(authors) = parse_byline(a)
        {
            match dates {
                Ok(d) => return Some(Ok(Header::Both(authors, d))),
                Err(e) => return Some(Err(e)),
            }
        }
    }
    // `Posted on January 24, 2018 by Jane Doe` (blogs)
    if let Some(k) = text.find(" by ").or_else(|| text.find(" By "))
        && let Some(dates) = date::dateline(&text[..k], ctx)
        && let Some(authors) = parse_byline(&text[k + 1..])
        && !authors.is_empty()
    {
        match dates {
            Ok(d) => return Some(Ok(Header::Both(authors, d))),
            Err(e) => return Some(Err(e)),
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
    if text.len() <= MAX_BARE_BYLINE && without_outlet(text).len() < text.len() && is_bare_name(text) {
        return Some(Ok(Header::Byline(bare_names(text))));
    }
    if text.split_whitespace().nth(6).is_none() && (BYLINE_TITLE.is_match(text) || looks_like_org(text)) {
        return Some(Ok(Header::Title));
    }
    // `By` on its own line, over the name.
    if text.len() <= 11
        && matches!(
            text.trim_end_matches(':').to_lowercase().as_str(),
            "by" | "written by" | "story by"
        )
    {
        return Some(Ok(Header::Title));
    }
    None
}

/// Text glued together by a copy (inline elements without spaces between them):
/// `201610:32 AM` (a year and a time), `2021April`, `ESTUpdated`.
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<year>(?:19|20)\d\d)(?P<time>\d{1,2}:\d\d)
      | (?P<num>\d)(?P<word>\p{Lu}\p{Ll}{2,})
      | (?P<low>[\p{Ll}\p{Lu}])(?P<prefix>(?:Updated|Published|Posted|Modified|By)\b)",
    )
    .unwrap_or_else(|e| panic!("glued text pattern: {e}"))
});

/// A year (`2018`, or the two digits closing a numeric date such as `10/13/16`): the
/// cheap test a line passes before the date engine searches it.
static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d\d|\d[./-]\d{1,2}[./-]\d\d").unwrap_or_else(|e| panic!("year pattern: {e}"))
});

/// Words around a date on a header line that say nothing about the article
/// (`Story published on`, `10 min read`, `Last updated:`).
static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:story|article|post|this|was|is|first|originally|last|published|posted|updated|modified|on|at|date|dated|\d+|mins?|minutes?|read|reading|time|ago|and|am|pm|\W+)$",
    )
    .unwrap_or_else(|e| panic!("date words pattern: {e}"))
});

/// A header line that carries a date among other short items: a byline
/// (`By T.C. Sottek Nov 29, 2016, 10:00am EST`, `Jane Doe - Aug 10, 2016 11:15 am UTC`),
/// a reading time or a section (`Oct 19, 2016 · 10 min read`, `Politics | 19.07.2022`),
/// a short phrase (`Story published on Oct 5, 2022.`), or items run together
/// (`Published Tue, Dec 20 201610:32 AM ESTUpdated …`). A sentence that mentions a date
/// (a caption, the body) is not one: beside the date and a byline, at most six words, or
/// at most twelve in short `|`/`·`-separated items.
fn loose_dateline(text: &str, ctx: &Context<'_>) -> Option<Header> {
    if text.len() > 200 || !text.bytes().any(|b| b.is_ascii_digit()) || !HAS_YEAR.is_match(text) {
        return None;
    }
    let unglued = GLUED.replace_all(text, |c: &regex::Captures<'_>| {
        let pair = |a: &str, b: &str| {
            c.name(a)
                .zip(c.name(b))
                .map(|(x, y)| format!("{} {}", x.as_str(), y.as_str()))
        };
        pair("year", "time")
            .or_else(|| pair("num", "word"))
            .or_else(|| pair("low", "prefix"))
            .unwrap_or_else(|| c[0].to_string())
    });
    let policy = ctx.policy();
    let (parsed, range) = date::find(&unglued, &policy)?;
    let before = unglued[..range.start].trim();
    let after = unglued[range.end..].trim();
    let seps: &[char] = &['|', '·', '•', '-', '—', '–', ',', ':', '/', '(', ')', '.'];
    // `Jan. 23, 2018 — The museum reopened …`: a sentence that starts with its date.
    let after_words = after
        .split_whitespace()
        .filter(|w| !DATE_WORDS.is_match(w))
        .count();
    if after_words >= 3 && after.ends_with(['.', '!', '?', '"', '”']) {
        return None;
    }
    let before_clean = before.trim_matches(|c: char| seps.contains(&c) || c.is_whitespace());
    let after_clean = after.trim_matches(|c: char| seps.contains(&c) || c.is_whitespace());
    let mut authors = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    // A byline before the date, or after it (`… by Jane Doe`).
    let byline_in = |part: &str| -> Option<Vec<Author>> {
        let head = part.split(['|', '·', '•']).next().unwrap_or(part).trim();
        let head = head.trim_matches(|c: char| seps.contains(&c) || c.is_whitespace());
        parse_byline(head)
            .filter(|a| !a.is_empty())
            .or_else(|| is_bare_name(head).then(|| bare_names(head)))
    };
    let mut take = |part: &str| {
        if part.is_empty() {
            return;
        }
        if authors.is_empty()
            && let Some(a) = byline_in(part)
        {
            authors = a;
            let head_len = part.split(['|', '·', '•']).next().map_or(part.len(), str::len);
            rest.push(part.get(head_len..).unwrap_or("").to_string());
        } else {
            rest.push(part.to_string());
        }
    };
    take(before_clean);
    // `… by Jane Doe`: the word `by` starts the byline.
    let after_by = after_clean
        .strip_prefix("by ")
        .or_else(|| after_clean.strip_prefix("By "))
        .map(|r| format!("By {r}"));
    match after_by {
        Some(by) if authors.is_empty() => {
            if let Some(a) = byline_in(&by) {
                authors = a;
                let head_len = by.split(['|', '·', '•']).next().map_or(by.len(), str::len);
                let tail = by.get(head_len..).unwrap_or("").to_string();
                return accept(&[&rest.join(" "), &tail], authors, parsed.date, before);
            }
            rest.push(after_clean.to_string());
        }
        _ => rest.push(after_clean.to_string()),
    }
    accept(&[&rest.join(" ")], authors, parsed.date, before)
}

/// The header of a loose dateline whose other words are few enough (see
/// [`loose_dateline`]).
fn accept(rest: &[&str], authors: Vec<Author>, when: crate::item::Date, before: &str) -> Option<Header> {
    let rest = rest.join(" | ");
    let words: Vec<&str> = rest
        .split_whitespace()
        .filter(|w| !DATE_WORDS.is_match(w))
        .collect();
    let items_short = rest.split(['|', '·', '•']).all(|item| {
        item.split_whitespace()
            .filter(|w| !DATE_WORDS.is_match(w))
            .count()
            <= 4
    });
    if words.len() > 12 || (words.len() > 6 && !items_short) {
        return None;
    }
    let updated = before
        .to_lowercase()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .ends_with("updated");
    let dates = if updated {
        Dateline {
            published: None,
            updated: Some(when),
        }
    } else {
        Dateline {
            published: Some(when),
            updated: None,
        }
    };
    Some(if authors.is_empty() {
        Header::Dates(dates)
    } else {
        Header::Both(authors, dates)
    })
}
