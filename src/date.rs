//! Dates: the one engine every loader uses to turn date text into a [`Date`].
//!
//! The engine is pure: it takes the text and a [`Policy`] (the configured zone, extra
//! zone abbreviations, the order of numeric dates, the page's own offset) and gives a
//! [`Parsed`] date, with a note when a daylight-saving adjustment was made. Loaders
//! that keep a warnings list implement [`Zones`] and call [`parse`], which records the
//! note as a warning.
//!
//! [`read`] reads a whole string in any of these forms:
//!
//! - RFC 3339 / ISO 8601 extended (`2018-01-24T10:27:00-05:00`, `2018-01-24 10:27:05.123`,
//!   `2018-01-24`) and basic (`20201123T11:02:35Z`, `20201123T110235Z`, `20201123`), with
//!   an offset with or without a colon or minutes (`-05:00`, `-0500`, `-05`, `-500`);
//! - RFC 2822 (`Wed, 24 Jan 2018 10:27:00 -0500`) and the C / Java form
//!   (`Mon Aug 03 12:45:00 EDT 2015`);
//! - month names in English, German, French, Spanish, Portuguese, Italian and Dutch, full
//!   or abbreviated, before or after the day, with an optional weekday and the small words
//!   around dates (`January 24, 2018 10:27 AM`, `Jan. 24, 2018 at 10:27 a.m.`,
//!   `Fri 6:45 PM, Feb 16, 2018`, `10:27 a.m. ET Jan. 24, 2018`, `19. Juli 2022, 14:30 Uhr`,
//!   `3 de marzo de 2020`, `le 3 mars 2020 à 15h30`); English month words may be any
//!   prefix of three letters or more (`Sept`);
//! - numeric dates: year first (`2019.04.25`, `2020/10/04 15:05:21`), or day and month
//!   and a year of four or two digits (`19.07.2022`, `10/13/16 12:34PM`);
//! - CJK dates and times: `2019年3月1日 13時16分`, `2019年3月1日 午後1:16`, `2019년 3월 1일`;
//! - times in 12- or 24-hour clocks (`3:05 pm`, `15:05`, `15.05`, `15h05`), `noon` and
//!   `midnight`, separated from the date by `,`, `at`, `·`, `|`, `/` or `-`;
//! - a zone after the time: a US abbreviation (`EST`, `EDT`, `CST`, … `AKST`, `HST`), the
//!   generic US names `ET`/`CT`/`MT`/`PT` (taken in that region's zone, DST included),
//!   `GMT`, `UTC`, `UT`, `Z`, any abbreviation in [`Policy::abbreviations`] (these win over
//!   the next ones), a few unambiguous others (`BST`, `CET`, `CEST`, `EET`, `JST`, `AEST`,
//!   …; not `IST`, which names three zones), or a numeric offset (`-05:00`, `-0500`,
//!   `GMT-5`, `UTC+01:00`).
//!
//! **Day and month order.** In `dd.mm.yyyy` and `dd-mm-yyyy` the day comes first. In
//! `a/b/yyyy` a number above 12 settles it (`24/01/2018` is day first, `1/24/2018` month
//! first); when both could be months, [`Policy::order`] decides: month first unless the
//! page's language ([`DateOrder::for_language`]) or the configuration says day first.
//!
//! **Zones.** A time without a zone takes [`Policy::page_offset`] when the page gave an
//! offset elsewhere, else the configured [`Policy::timezone`]; a date without a time is
//! midnight there.
//!
//! **Daylight-saving time.** A local time that does not exist (the spring-forward gap,
//! e.g. 02:30 on 2018-03-11 in America/New_York) is moved forward by the length of the
//! gap (giving 03:30 EDT), as a clock that was not changed would read. A local time that
//! happens twice (the fall-back overlap) takes the earlier occurrence (the one still in
//! daylight time). Both give a note (a warning for [`parse`]); neither panics.
//!
//! A date that has a known shape but does not exist (February 30, hour 25) is
//! [`DateError::Impossible`], so that loaders can report it rather than skip it.
//!
//! [`find`] finds a date inside longer text (`Updated: Dec 15, 2016 2:57 PM UTC`,
//! `By Jane Doe | March 11, 2020`); [`dateline`] reads a scraped article's dateline line,
//! with its optional prefix (`Published`, `Posted`, `Updated`, `Last updated`, …), and
//! says which kind of date it gives.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use regex::{Captures, Regex};

use crate::item::Date;

/// Why date text could not be turned into a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not in any form wirefeed knows.
    #[error("{0:?} is not a date wirefeed understands")]
    Unrecognized(String),
    /// The text has a date form, but the date does not exist (February 30).
    #[error("{0:?} is not a real date")]
    Impossible(String),
}

/// Which date of an article a dateline gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// When the article was first published (no prefix, `Published`, `Posted`).
    Published,
    /// When it was last changed (`Updated`, `Last updated`, `Modified`).
    Updated,
}

/// The dates found on one dateline line (`Published … | Updated …` gives both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dateline {
    /// The publication date, when the line gives one.
    pub published: Option<Date>,
    /// The update date, when the line gives one.
    pub updated: Option<Date>,
}

/// Which number comes first in an all-numeric date whose first two numbers could both
/// be a month (`03/04/2020`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Month, day, year: March 4 (US usage; the default).
    #[default]
    MonthFirst,
    /// Day, month, year: 3 April (most other places).
    DayFirst,
}

impl DateOrder {
    /// The order pages in language `lang` (a BCP 47 tag: `en-US`, `de`, `pt-BR`) use:
    /// month first for English without a region or from the United States, Canada or
    /// the Philippines; day first for every other language and region. `None` for an
    /// empty tag.
    pub fn for_language(lang: &str) -> Option<DateOrder> {
        let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lang.split('-');
        let primary = parts.next().filter(|p| !p.is_empty())?;
        let region = parts.find(|p| p.len() == 2);
        Some(match (primary, region) {
            ("en", None | Some("us" | "ca" | "ph")) => DateOrder::MonthFirst,
            _ => DateOrder::DayFirst,
        })
    }
}

/// How to read dates: the zone policy a loader passes to the engine.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    /// The zone of a time that names none, and of a date without a time.
    pub timezone: Tz,
    /// Extra zone abbreviations (upper case) with their offsets; they win over the
    /// built-in ones.
    pub abbreviations: Option<&'a BTreeMap<String, FixedOffset>>,
    /// The order of an ambiguous numeric date.
    pub order: DateOrder,
    /// The page's own offset, when another date on the page gave one: a time without a
    /// zone takes it rather than [`Policy::timezone`].
    pub page_offset: Option<FixedOffset>,
}

impl Policy<'static> {
    /// A policy with only a zone: month-first numeric dates, no extra abbreviations.
    pub fn new(timezone: Tz) -> Self {
        Policy {
            timezone,
            abbreviations: None,
            order: DateOrder::MonthFirst,
            page_offset: None,
        }
    }
}

/// A date read from text, with how much the text said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The date (midnight when the text gave no time).
    pub date: Date,
    /// True when the text gave a time of day.
    pub has_time: bool,
    /// True when the text gave a zone or offset.
    pub has_zone: bool,
    /// A daylight-saving adjustment made to a local time, for a warning.
    pub note: Option<String>,
}

/// What a loader gives [`parse`], [`dateline`] and [`localize`]: the policy, and where
/// its notes go.
pub trait Zones {
    /// The policy for the current file.
    fn policy(&self) -> Policy<'_>;
    /// Records a note (a daylight-saving adjustment) as a warning about the file.
    fn note(&self, message: String);
}

/// Parses a whole string as a date in any supported form (see the module doc),
/// recording any daylight-saving note with `zones`.
pub fn parse<Z: Zones + ?Sized>(text: &str, zones: &Z) -> Result<Date, DateError> {
    let parsed = read(text, &zones.policy())?;
    if let Some(n) = parsed.note {
        zones.note(n);
    }
    Ok(parsed.date)
}

/// Month names: the English names (any prefix of three letters or more matches), then
/// the other languages' names and usual abbreviations, matched whole.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names and abbreviations in German, French, Spanish, Portuguese, Italian and
/// Dutch (lower case, without the final dot), with the month number.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    // German
    ("januar", 1),
    ("jänner", 1),
    ("jän", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fév", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("set", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("gen", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// Weekday names and abbreviations, skipped (lower case, without the final dot).
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "segunda",
    "terça",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "月",
    "火",
    "水",
    "木",
    "金",
    "土",
    "日",
];

/// Small words around dates and times, skipped: `at`, `on`, `the`, `of`, `de`, `à`,
/// `um`, `Uhr`, `h`, … (`am`, German "on", is handled with the clock words).
const FILLERS: &[&str] = &[
    "at", "on", "the", "of", "de", "del", "da", "em", "às", "as", "le", "à", "a", "um", "uhr", "h", "hrs",
    "hs", "horas", "den", "der", "el", "las", "la", "om", "op", "alle", "ore",
];

/// Built-in zone abbreviations with fixed offsets, in hours.
const FIXED_ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("UT", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
    ("AKST", -9),
    ("AKDT", -8),
    ("HST", -10),
];

/// Other common, unambiguous abbreviations, with offsets in minutes.
const MORE_ZONES: &[(&str, i32)] = &[
    ("BST", 60),
    ("WET", 0),
    ("WEST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MEZ", 60),
    ("MESZ", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("JST", 540),
    ("KST", 540),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
];

/// Generic US zone names that follow daylight-saving time.
const REGION_ZONES: &[(&str, Tz)] = &[
    ("ET", chrono_tz::America::New_York),
    ("CT", chrono_tz::America::Chicago),
    ("MT", chrono_tz::America::Denver),
    ("PT", chrono_tz::America::Los_Angeles),
];

/// The zone part of an ISO date: a letter abbreviation or a numeric offset.
const ISO_ZONE: &str =
    r"(?P<zone>[a-z]{1,5}|[+-]\d{1,2}(?::?\d{2})?|[+-]\d{3}|(?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?)";

/// ISO 8601 extended: a date with an optional time, fraction and zone.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)^
        (?P<y>\d{{4}})-(?P<mo>\d{{1,2}})-(?P<d>\d{{1,2}})
        (?:[t\s]+(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}})(?:[.,](?P<frac>\d{{1,9}}))?)?)?
        \s*{ISO_ZONE}?
        $"
    ))
    .unwrap_or_else(|e| panic!("ISO date pattern: {e}"))
});

/// ISO 8601 basic: `20201123`, `20201123T110235Z`, `20201123T11:02:35Z`.
static ISO_BASIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)^
        (?P<y>\d{{4}})(?P<mo>\d{{2}})(?P<d>\d{{2}})
        (?:t(?P<h>\d{{2}}):?(?P<mi>\d{{2}})(?::?(?P<s>\d{{2}})(?:[.,](?P<frac>\d{{1,9}}))?)?)?
        \s*{ISO_ZONE}?
        $"
    ))
    .unwrap_or_else(|e| panic!("ISO basic date pattern: {e}"))
});

/// The tokens of free-form date text. Alternatives are tried in order at each place.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          (?P<cjk>(?P<cy>\d{4})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일]?)
        | (?P<cjt>(?P<ch>\d{1,2})\s*[時时시点點]\s*(?:(?P<cmi>\d{1,2})\s*[分분])?(?:\s*(?P<cs>\d{1,2})\s*[秒초])?)
        | (?P<nd>(?P<n1>\d{1,4})(?P<s1>[./-])(?P<n2>\d{1,2})(?P<s2>[./-])(?P<n3>\d{4}|\d{2})\b)
        | (?P<time>(?P<h>\d{1,2})(?:[:](?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?|[.h](?P<mi2>\d{2})\b))
        | (?P<ampm>(?:a\.?\s?m|p\.?\s?m)\b\.?|午前|午後|上午|下午|오전|오후)
        | (?P<off>[+-]\d{1,4}(?::\d{2})?\b)
        | (?P<num>\d+)(?:(?:st|nd|rd|th|er)\b|[º°ª.])?
        | (?P<word>\p{L}+\.?)
        ",
    )
    .unwrap_or_else(|e| panic!("date token pattern: {e}"))
});

/// What may stand between tokens: spaces and separators.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || ",|·•/-–—()[]@;:".contains(c)
}

/// Reads a whole string as a date in any supported form (see the module doc).
pub fn read(text: &str, policy: &Policy<'_>) -> Result<Parsed, DateError> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let t = t.trim();
    if t.is_empty() {
        return Err(DateError::Unrecognized(String::new()));
    }
    // Every form has a day of the month in ASCII digits.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return Err(DateError::Unrecognized(t.to_string()));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(zoned(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Ok(zoned(d));
    }
    if let Some(c) = ISO.captures(t).or_else(|| ISO_BASIC.captures(t)) {
        // `2016-12-15 2:57 PM` has an ISO shape with a word that is no zone: read freely.
        match iso(&c, t, policy) {
            Err(DateError::Unrecognized(_)) => {}
            done => return done,
        }
    }
    // A word no free form reads fails it: known before the costly tokenizing.
    if !t.split_whitespace().all(|w| is_date_word(w, policy)) {
        return Err(DateError::Unrecognized(t.to_string()));
    }
    free_form(t, policy)
}

fn zoned(date: Date) -> Parsed {
    Parsed {
        date,
        has_time: true,
        has_zone: true,
        note: None,
    }
}

fn iso(c: &Captures<'_>, t: &str, policy: &Policy<'_>) -> Result<Parsed, DateError> {
    let impossible = || DateError::Impossible(t.to_string());
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = ymd(num("y"), num("mo"), num("d")).ok_or_else(impossible)?;
    let time = match num("h") {
        Some(h) => Some(
            NaiveTime::from_hms_nano_opt(
                h,
                num("mi").unwrap_or(0),
                num("s").unwrap_or(0),
                nanos(c.name("frac").map(|m| m.as_str())),
            )
            .ok_or_else(impossible)?,
        ),
        None => None,
    };
    finish(date, time, c.name("zone").map(|m| m.as_str()), t, policy)
}

/// A fraction of a second as nanoseconds.
fn nanos(frac: Option<&str>) -> u32 {
    frac.map_or(0, |digits| {
        format!("{:0<9}", &digits[..digits.len().min(9)])
            .parse::<u32>()
            .unwrap_or(0)
    })
}

/// One token of free-form date text.
#[derive(Debug)]
enum Tok<'t> {
    /// Year, month, day given together (CJK or numeric).
    Ymd(u32, u32, u32),
    /// Three numbers with separators, order to be decided: the numbers, their digit
    /// counts, and the separator.
    Numeric([(u32, usize); 3], char),
    /// A time of day: hour, minute, second, nanoseconds.
    Time(u32, u32, u32, u32),
    /// `am` / `pm` (true for pm), with the text.
    AmPm(bool, &'t str),
    /// A numeric offset, as written.
    Offset(&'t str),
    /// A number with its digit count, and whether an ordinal suffix followed.
    Num(u32, usize),
    /// A word, lower case, without a final dot.
    Word(String),
}

fn tokens(t: &str) -> Option<Vec<Tok<'_>>> {
    let mut out = Vec::new();
    let mut at = 0;
    for c in TOKEN.captures_iter(t) {
        let whole = c.get(0)?;
        if !t[at..whole.start()].chars().all(is_separator) {
            return None;
        }
        at = whole.end();
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let tok = if c.name("cjk").is_some() {
            Tok::Ymd(num("cy")?, num("cm")?, num("cd")?)
        } else if c.name("cjt").is_some() {
            Tok::Time(num("ch")?, num("cmi").unwrap_or(0), num("cs").unwrap_or(0), 0)
        } else if c.name("nd").is_some() {
            let (s1, s2) = (c.name("s1")?.as_str(), c.name("s2")?.as_str());
            if s1 != s2 {
                return None;
            }
            let part = |name: &str| -> Option<(u32, usize)> {
                let m = c.name(name)?;
                Some((m.as_str().parse().ok()?, m.as_str().len()))
            };
            Tok::Numeric([part("n1")?, part("n2")?, part("n3")?], s1.chars().next()?)
        } else if c.name("time").is_some() {
            Tok::Time(
                num("h")?,
                num("mi").or(num("mi2"))?,
                num("s").unwrap_or(0),
                nanos(c.name("frac").map(|m| m.as_str())),
            )
        } else if let Some(m) = c.name("ampm") {
            let s = m.as_str();
            let pm = s.starts_with(['p', 'P']) || s == "午後" || s == "下午" || s == "오후";
            Tok::AmPm(pm, s)
        } else if let Some(m) = c.name("off") {
            Tok::Offset(m.as_str())
        } else if let Some(m) = c.name("num") {
            Tok::Num(m.as_str().parse().ok()?, m.as_str().len())
        } else {
            let w = c.name("word")?.as_str();
            Tok::Word(w.trim_end_matches('.').to_lowercase())
        };
        out.push(tok);
    }
    t[at..].chars().all(is_separator).then_some(out)
}

/// The free forms: month names, numeric dates, CJK dates, times, zones, in any order.
fn free_form(t: &str, policy: &Policy<'_>) -> Result<Parsed, DateError> {
    let unrecognized = || DateError::Unrecognized(t.to_string());
    let impossible = || DateError::Impossible(t.to_string());
    let toks = tokens(t).ok_or_else(unrecognized)?;
    let (mut year, mut month, mut day) = (None::<u32>, None::<u32>, None::<u32>);
    let mut time: Option<(u32, u32, u32, u32)> = None;
    let mut ampm: Option<bool> = None;
    let mut zone: Option<String> = None;
    let mut numeric: Option<([(u32, usize); 3], char)> = None;
    for (i, tok) in toks.iter().enumerate() {
        let prev_is_clock = i > 0 && matches!(toks[i - 1], Tok::Time(..) | Tok::Num(..));
        match tok {
            Tok::Ymd(y, m, d) => {
                if year.is_some() || numeric.is_some() {
                    return Err(unrecognized());
                }
                (year, month, day) = (Some(*y), Some(*m), Some(*d));
            }
            Tok::Numeric(parts, sep) => {
                if year.is_some() || month.is_some() || numeric.is_some() {
                    return Err(unrecognized());
                }
                numeric = Some((*parts, *sep));
            }
            Tok::Time(h, m, s, n) => {
                if time.is_some() {
                    return Err(unrecognized());
                }
                time = Some((*h, *m, *s, *n));
            }
            Tok::AmPm(pm, text) => {
                let latin = text.is_ascii();
                if ampm.is_some() {
                    return Err(unrecognized());
                }
                if !latin || prev_is_clock {
                    ampm = Some(*pm);
                } else if !text.eq_ignore_ascii_case("am") {
                    // `am` before a date is German "on"; `pm` alone is not a date word.
                    return Err(unrecognized());
                }
            }
            Tok::Offset(o) => {
                let after_gmt = zone.as_deref().is_some_and(|z| matches!(z, "GMT" | "UTC" | "UT"));
                if after_gmt {
                    zone = Some(format!("GMT{o}"));
                } else if time.is_some() && zone.is_none() {
                    zone = Some((*o).to_string());
                } else {
                    return Err(unrecognized());
                }
            }
            Tok::Num(n, len) => {
                let next_is_ampm = matches!(toks.get(i + 1), Some(Tok::AmPm(_, s)) if s.is_ascii());
                if next_is_ampm && time.is_none() && *len <= 2 {
                    time = Some((*n, 0, 0, 0));
                } else if *len == 4 && year.is_none() && (1000..3000).contains(n) {
                    year = Some(*n);
                } else if *len <= 2 && day.is_none() {
                    day = Some(*n);
                } else {
                    return Err(unrecognized());
                }
            }
            Tok::Word(w) => {
                if month.is_none()
                    && let Some(m) = month_number(w)
                {
                    month = Some(m);
                } else if WEEKDAYS.contains(&w.as_str()) || FILLERS.contains(&w.as_str()) {
                } else if matches!(w.as_str(), "noon" | "midday" | "mittag" | "midi") && time.is_none() {
                    time = Some((12, 0, 0, 0));
                } else if w == "midnight" && time.is_none() {
                    time = Some((0, 0, 0, 0));
                } else if zone.is_none() && zone_of(w, policy).is_some() {
                    zone = Some(w.to_ascii_uppercase());
                } else {
                    return Err(unrecognized());
                }
            }
        }
    }
    if let Some((parts, sep)) = numeric {
        if year.is_some() || month.is_some() || day.is_some() {
            return Err(unrecognized());
        }
        let (y, m, d) = numeric_order(parts, sep, policy.order).ok_or_else(unrecognized)?;
        (year, month, day) = (Some(y), Some(m), Some(d));
    }
    let (Some(_), Some(_), Some(_)) = (year, month, day) else {
        return Err(unrecognized());
    };
    let date = ymd(year, month, day).ok_or_else(impossible)?;
    let time = match time {
        None if ampm.is_some() => return Err(unrecognized()),
        None => None,
        Some((h, mi, s, n)) => {
            let hour = match ampm {
                Some(pm) => {
                    if !(1..=12).contains(&h) {
                        return Err(impossible());
                    }
                    (h % 12) + if pm { 12 } else { 0 }
                }
                None => h,
            };
            Some(NaiveTime::from_hms_nano_opt(hour, mi, s, n).ok_or_else(impossible)?)
        }
    };
    finish(date, time, zone.as_deref(), t, policy)
}

/// Year, month and day of a numeric date (see the module doc for the order).
fn numeric_order(parts: [(u32, usize); 3], sep: char, order: DateOrder) -> Option<(u32, u32, u32)> {
    let [(a, alen), (b, _), (c, clen)] = parts;
    if alen == 4 {
        return Some((a, b, c));
    }
    if alen > 2 {
        return None;
    }
    let year = match clen {
        4 => c,
        2 if c < 70 => 2000 + c,
        2 => 1900 + c,
        _ => return None,
    };
    let day_first = if a > 12 {
        true
    } else if b > 12 {
        false
    } else {
        sep != '/' || order == DateOrder::DayFirst
    };
    Some(if day_first { (year, b, a) } else { (year, a, b) })
}

/// Finds the first date inside `text` (the longest that starts earliest), with its
/// byte range: `Updated: Dec 15, 2016 2:57 PM UTC`, `By Jane Doe | March 11, 2020`.
/// Text over 300 bytes is not searched.
pub fn find(text: &str, policy: &Policy<'_>) -> Option<(Parsed, Range<usize>)> {
    if text.len() > 300 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<Range<usize>> = word_spans(text);
    // A span holding a word that no date form reads can never be a date: each start
    // tries only the words up to the first such word (this bounds the search to the
    // words around a date instead of every span of the line).
    let mut stop = vec![words.len(); words.len() + 1];
    for (i, w) in words.iter().enumerate().rev() {
        stop[i] = if is_date_word(&text[w.clone()], policy) {
            stop[i + 1]
        } else {
            i
        };
    }
    for start in 0..words.len() {
        let first = text[words[start].clone()]
            .trim_matches(is_separator)
            .to_lowercase();
        if FILLERS.contains(&first.as_str()) {
            continue;
        }
        let end_max = words.len().min(start + 12).min(stop[start]);
        for end in (start + 1..=end_max).rev() {
            let span = words[start].start..words[end - 1].end;
            let piece = &text[span.clone()];
            let trimmed = piece.trim_matches(is_separator);
            let trimmed = trimmed.trim_end_matches(['.', ',', ':', ';', '|']);
            if trimmed.is_empty() || !trimmed.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            if let Ok(p) = read(trimmed, policy) {
                let lead = piece.find(trimmed).unwrap_or(0);
                let s = span.start + lead;
                return Some((p, s..s + trimmed.len()));
            }
        }
    }
    None
}

/// False for a word that no date form can hold: one made only of ASCII letters (and
/// a trailing `.`) that is no month, weekday, filler, time word, AM/PM or zone. Words
/// with digits, other characters or other scripts are left to [`read`].
fn is_date_word(word: &str, policy: &Policy<'_>) -> bool {
    let w = word
        .trim_matches(is_separator)
        .trim_end_matches(['.', ',', ':', ';', '|']);
    if w.is_empty() || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    let lower = w.to_ascii_lowercase();
    let lower = lower.as_str();
    month_number(lower).is_some()
        || WEEKDAYS.contains(&lower)
        || FILLERS.contains(&lower)
        || matches!(
            lower,
            "am" | "pm" | "noon" | "midday" | "mittag" | "midi" | "midnight"
        )
        || zone_of(w, policy).is_some()
}

/// The byte ranges of the whitespace-separated words of `text`.
fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// A time of day alone (`9:45 pm`, `10.27 GMT`): the update part of
/// `Posted: Aug. 14, 2017 3:04 pm | Updated: 9:45 pm` gives the time on the same day.
static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[:.]\d{2}\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s+\(?[a-z]{1,5}\)?)?$")
        .unwrap_or_else(|e| panic!("time pattern: {e}"))
});

/// An update prefix inside a dateline line, after the publication date.
static UPDATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:last\s+)?(?:updated|modified)\b")
        .unwrap_or_else(|e| panic!("update word pattern: {e}"))
});

/// Prefixes of a dateline, and the kind of date they announce.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:
            (?P<upd>(?:last\s+)?(?:updated|modified|revised|edited)(?:\s+(?:on|at))?)
          | (?P<pub>(?:originally\s+)?(?:published|posted|first\s+published|created|date|dated)(?:\s+(?:on|at))?)
        )
        \s*:?\s*",
    )
    .unwrap_or_else(|e| panic!("dateline prefix pattern: {e}"))
});

/// Reads a dateline line: an optional prefix (`Published`, `Posted:`, `Updated`,
/// `Last updated on`, …) and a date, or several such parts separated by `|`, `·`, `•`
/// or `;` (`Published Jan. 24, 2018 | Updated Jan. 25, 2018`).
///
/// Returns `None` when the line is not wholly a dateline, and an error when it has a
/// dateline's shape but the date does not exist (`February 30, 2018`).
pub fn dateline<Z: Zones + ?Sized>(line: &str, zones: &Z) -> Option<Result<Dateline, DateError>> {
    let line = line.trim();
    if line.is_empty() || line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = Dateline::default();
    // The whole line first: `Jan. 24, 2018 | 10:27 AM` is one date.
    match prefixed(line, zones) {
        Some(Ok((DateKind::Published, d))) => {
            out.published = Some(d);
            return Some(Ok(out));
        }
        Some(Ok((DateKind::Updated, d))) => {
            out.updated = Some(d);
            return Some(Ok(out));
        }
        Some(Err(e)) => return Some(Err(e)),
        None => {}
    }
    let mut update_time = None;
    // `Posted: Jan 24, 2018 10:27 AM EST Updated: Jan 24, 2018 11:05 AM EST`: no separator.
    let split_at = UPDATE_WORD
        .find(line)
        .filter(|m| m.start() > 0 && !line[..m.start()].contains(['|', '·', '•', ';']))
        .map(|m| m.start());
    let parts: Vec<&str> = match split_at {
        Some(k) => vec![&line[..k], &line[k..]],
        None => line.split(['|', '·', '•', ';']).collect(),
    };
    for part in parts {
        // `Posted: Jan 24, 2018 / 10:27 AM EST / Updated: …`
        let part = part.trim().trim_end_matches(['/', '-', '–', '—']).trim_end();
        if part.is_empty() {
            continue;
        }
        if let Some(time) = update_time_only(part) {
            update_time = Some(time);
            continue;
        }
        match prefixed(part, zones)? {
            Ok((kind, d)) => {
                let slot = match kind {
                    DateKind::Published => &mut out.published,
                    DateKind::Updated => &mut out.updated,
                };
                if slot.is_none() {
                    *slot = Some(d);
                }
            }
            Err(e) => return Some(Err(e)),
        }
    }
    if let (Some(published), None, Some(time)) = (out.published, out.updated, update_time) {
        let day = published.format("%B %-d, %Y");
        out.updated = parse(&format!("{day} {time}"), zones)
            .ok()
            .filter(|u| *u >= published);
    }
    if out.published.is_none() && out.updated.is_none() {
        return None;
    }
    Some(Ok(out))
}

/// The time of an `Updated: 9:45 pm` part that gives no date.
fn update_time_only(part: &str) -> Option<&str> {
    let c = PREFIX.captures(part)?;
    c.name("upd")?;
    let rest = part[c.get(0)?.end()..].trim();
    TIME_ONLY.is_match(rest).then_some(rest)
}

/// One date with its optional prefix; `None` when the text is not one.
fn prefixed<Z: Zones + ?Sized>(part: &str, zones: &Z) -> Option<Result<(DateKind, Date), DateError>> {
    let (kind, rest) = match PREFIX.captures(part) {
        Some(c) => {
            let kind = if c.name("upd").is_some() {
                DateKind::Updated
            } else {
                DateKind::Published
            };
            (kind, &part[c.get(0).map_or(0, |m| m.end())..])
        }
        None => (DateKind::Published, part),
    };
    match parse(rest, zones) {
        Ok(d) => Some(Ok((kind, d))),
        Err(e @ DateError::Impossible(_)) => Some(Err(e)),
        Err(DateError::Unrecognized(_)) => None,
    }
}

/// The month number of a month word: an English name or a prefix of it of at least three
/// letters (`Jan`, `Sept`, `SEPT`, `march`), or a German, French, Spanish, Portuguese,
/// Italian or Dutch name or usual abbreviation (`März`, `févr.`, `marzo`, `mrt`), any case.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    if let Some((_, m)) = FOREIGN_MONTHS.iter().find(|(name, _)| *name == w) {
        return Some(*m);
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w.as_str()))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn ymd(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y?).ok()?, m?, d?)
}

/// Applies the zone (or the page's offset, or the policy's zone) to a local date and
/// time.
fn finish(
    date: NaiveDate,
    time: Option<NaiveTime>,
    zone: Option<&str>,
    text: &str,
    policy: &Policy<'_>,
) -> Result<Parsed, DateError> {
    let naive = date.and_time(time.unwrap_or(NaiveTime::MIN));
    let has_time = time.is_some();
    let fixed = |offset: FixedOffset| {
        offset
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(|| DateError::Impossible(text.to_string()))
    };
    let (date, note) = match zone {
        None => match policy.page_offset {
            Some(offset) => (fixed(offset)?, None),
            None => localize_note(naive, policy.timezone),
        },
        Some(z) => match zone_of(z, policy) {
            Some(Zone::Fixed(offset)) => (fixed(offset)?, None),
            Some(Zone::Region(tz)) => localize_note(naive, tz),
            None => return Err(DateError::Unrecognized(text.to_string())),
        },
    };
    Ok(Parsed {
        date,
        has_time,
        has_zone: zone.is_some(),
        note,
    })
}

enum Zone {
    Fixed(FixedOffset),
    Region(Tz),
}

/// A zone written after a time: an abbreviation or a numeric offset (`-05:00`, `-0500`,
/// `-05`, `-500`, `GMT+1`).
fn zone_of(text: &str, policy: &Policy<'_>) -> Option<Zone> {
    let upper = text.trim().to_ascii_uppercase();
    if let Some(offset) = policy.abbreviations.and_then(|a| a.get(&upper)) {
        return Some(Zone::Fixed(*offset));
    }
    if let Some((_, hours)) = FIXED_ZONES.iter().find(|(a, _)| *a == upper) {
        return FixedOffset::east_opt(hours * 3600).map(Zone::Fixed);
    }
    if let Some((_, tz)) = REGION_ZONES.iter().find(|(a, _)| *a == upper) {
        return Some(Zone::Region(*tz));
    }
    if let Some((_, minutes)) = MORE_ZONES.iter().find(|(a, _)| *a == upper) {
        return FixedOffset::east_opt(minutes * 60).map(Zone::Fixed);
    }
    let numeric = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper)
        .trim();
    let (sign, rest) = match numeric.as_bytes().first()? {
        b'+' => (1, &numeric[1..]),
        b'-' => (-1, &numeric[1..]),
        _ => return None,
    };
    if !rest.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() <= 2 => (rest, "0"),
        None if rest.len() <= 4 => rest.split_at(rest.len() - 2),
        None => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).map(Zone::Fixed)
}

/// A local time in `tz` as a fixed-offset date, recording any daylight-saving note
/// with `zones` (see [`localize_note`]).
pub fn localize<Z: Zones + ?Sized>(naive: NaiveDateTime, tz: Tz, zones: &Z) -> Date {
    let (d, note) = localize_note(naive, tz);
    if let Some(n) = note {
        zones.note(n);
    }
    d
}

/// A local time in `tz` as a fixed-offset date. A time that falls in a DST gap is
/// moved forward by the length of the gap; an ambiguous one takes the earlier (first)
/// occurrence. Both cases come with a note saying so.
pub fn localize_note(naive: NaiveDateTime, tz: Tz) -> (Date, Option<String>) {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(d) => (d.fixed_offset(), None),
        LocalResult::Ambiguous(early, _) => {
            let d = early.fixed_offset();
            let note = format!("{naive} happens twice in {tz} (clocks go back); took the first, {d}");
            (d, Some(note))
        }
        LocalResult::None => {
            // Read the time with the offset in force before the gap: the result lies
            // after the gap, moved forward by the gap's length.
            let before = naive - chrono::Duration::days(1);
            let offset = tz
                .from_local_datetime(&before)
                .earliest()
                .map_or(0, |d| d.fixed_offset().offset().local_minus_utc());
            let utc = naive - chrono::Duration::seconds(i64::from(offset));
            let d = tz.from_utc_datetime(&utc).fixed_offset();
            let note = format!("{naive} does not exist in {tz} (clocks go forward); took {d}");
            (d, Some(note))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::London;
    use std::cell::RefCell;

    /// A policy and the notes it received, as a loader's context keeps them.
    struct Zoned<'a> {
        policy: Policy<'a>,
        notes: RefCell<Vec<String>>,
    }

    impl Zones for Zoned<'_> {
        fn policy(&self) -> Policy<'_> {
            self.policy
        }
        fn note(&self, message: String) {
            self.notes.borrow_mut().push(message);
        }
    }

    fn zoned(tz: Tz) -> Zoned<'static> {
        Zoned {
            policy: Policy::new(tz),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Parses in `tz` and gives the RFC 3339 text and the warnings.
    fn p_in(text: &str, tz: Tz) -> (Result<String, DateError>, Vec<String>) {
        let z = zoned(tz);
        let r = parse(text, &z).map(|d| d.to_rfc3339());
        (r, z.notes.into_inner())
    }

    fn p(text: &str) -> String {
        match p_in(text, New_York).0 {
            Ok(s) => s,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn err(text: &str) -> DateError {
        match p_in(text, New_York).0 {
            Ok(s) => panic!("{text:?} parsed as {s}"),
            Err(e) => e,
        }
    }

    #[test]
    fn rfc3339_and_rfc2822() {
        assert_eq!(p("2018-01-24T10:27:00-05:00"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2018-01-24T15:27:00Z"), "2018-01-24T15:27:00+00:00");
        assert_eq!(
            p("2018-01-24T10:27:00.250+01:00"),
            "2018-01-24T10:27:00.250+01:00"
        );
        assert_eq!(p("Wed, 24 Jan 2018 10:27:00 -0500"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("24 Jan 2018 10:27:00 GMT"), "2018-01-24T10:27:00+00:00");
    }

    #[test]
    fn iso_without_zone_takes_the_files_zone() {
        assert_eq!(p("2018-01-24"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("2018-01-24T10:27"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2018-01-24 10:27"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2018-01-24T10:27:05"), "2018-01-24T10:27:05-05:00");
        assert_eq!(p("2018-07-04 10:27:05.5"), "2018-07-04T10:27:05.500-04:00");
        assert_eq!(p("2018-01-24 10:27 EST"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2018-01-24T10:27:00+0100"), "2018-01-24T10:27:00+01:00");
    }

    #[test]
    fn ap_and_us_forms() {
        assert_eq!(p("January 24, 2018 10:27 AM"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("January 24, 2018 10:27 PM"), "2018-01-24T22:27:00-05:00");
        assert_eq!(p("Jan. 24, 2018 10:27 a.m."), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("Jan. 24, 2018, 3:05 p.m."), "2018-01-24T15:05:00-05:00");
        assert_eq!(p("Sept. 5, 2019"), "2019-09-05T00:00:00-04:00");
        assert_eq!(p("Jan 24, 2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("JANUARY 24, 2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("24 January 2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("24 Jan 2018 14:05"), "2018-01-24T14:05:00-05:00");
        assert_eq!(p("Wednesday, January 24, 2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("Wed., Jan. 24, 2018 at 10:27 AM"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("January 24, 2018 at 10:27 a.m."), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("January 24, 2018 12:00 PM"), "2018-01-24T12:00:00-05:00");
        assert_eq!(p("January 24, 2018 12:15 AM"), "2018-01-24T00:15:00-05:00");
        assert_eq!(p("January 24, 2018 9 AM"), "2018-01-24T09:00:00-05:00");
        assert_eq!(p("January 24, 2018 noon"), "2018-01-24T12:00:00-05:00");
        assert_eq!(p("June 3, 2020 10:27:41 AM"), "2020-06-03T10:27:41-04:00");
        assert_eq!(p("Aug. 1st, 2021"), "2021-08-01T00:00:00-04:00");
        assert_eq!(p("Jan. 24, 2018 / 10:27AM"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("January 24th, 2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("2018-01-24 10:27:00 EST"), "2018-01-24T10:27:00-05:00");
        assert_eq!(
            p("Wednesday 24 January 2018 10.27 GMT"),
            "2018-01-24T10:27:00+00:00"
        );
        assert_eq!(p("10:27 a.m. ET Jan. 24, 2018"), "2018-01-24T10:27:00-05:00");
        assert_eq!(
            p("3:05 PM EST, Wed January 24, 2018"),
            "2018-01-24T15:05:00-05:00"
        );
    }

    #[test]
    fn zone_abbreviations_and_offsets() {
        assert_eq!(p("January 24, 2018 12:00 PM EST"), "2018-01-24T12:00:00-05:00");
        assert_eq!(p("July 4, 2018 12:00 PM EDT"), "2018-07-04T12:00:00-04:00");
        assert_eq!(p("July 4, 2018 9:15 a.m. CDT"), "2018-07-04T09:15:00-05:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM PST"), "2018-01-24T08:00:00-08:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM MST"), "2018-01-24T08:00:00-07:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM AKST"), "2018-01-24T08:00:00-09:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM HST"), "2018-01-24T08:00:00-10:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM (UTC)"), "2018-01-24T08:00:00+00:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM GMT"), "2018-01-24T08:00:00+00:00");
        assert_eq!(p("Jan. 24, 2018 8:00 UT"), "2018-01-24T08:00:00+00:00");
        assert_eq!(p("Jan. 24, 2018 8:00 Z"), "2018-01-24T08:00:00+00:00");
        assert_eq!(p("Jan. 24, 2018 8:00 AM -0330"), "2018-01-24T08:00:00-03:30");
        assert_eq!(p("Jan. 24, 2018 8:00 AM +05:30"), "2018-01-24T08:00:00+05:30");
        assert_eq!(p("Jan. 24, 2018 8:00 AM GMT+1"), "2018-01-24T08:00:00+01:00");
        // Generic US names follow DST.
        assert_eq!(p("July 4, 2018 9:00 AM ET"), "2018-07-04T09:00:00-04:00");
        assert_eq!(p("Jan. 4, 2018 9:00 AM PT"), "2018-01-04T09:00:00-08:00");
    }

    #[test]
    fn configured_abbreviations() {
        let mut abbreviations = BTreeMap::new();
        abbreviations.insert(
            "CET".to_string(),
            FixedOffset::east_opt(7200).unwrap_or_else(|| unreachable!()),
        );
        let policy = Policy {
            abbreviations: Some(&abbreviations),
            ..Policy::new(New_York)
        };
        let d = read("24 January 2018 10:27 CET", &policy).map(|d| d.date.to_rfc3339());
        // The configured offset wins over the built-in one.
        assert_eq!(d, Ok("2018-01-24T10:27:00+02:00".to_string()));
        assert!(matches!(
            err("24 January 2018 10:27 XYZ"),
            DateError::Unrecognized(_)
        ));
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(
            err("February 30, 2018"),
            DateError::Impossible("February 30, 2018".into())
        );
        assert_eq!(err("2018-02-30"), DateError::Impossible("2018-02-30".into()));
        assert!(matches!(err("2018-01-24T25:00"), DateError::Impossible(_)));
        assert!(matches!(err("January 24, 2018 25:10"), DateError::Impossible(_)));
        assert!(matches!(
            err("January 24, 2018 13:10 PM"),
            DateError::Impossible(_)
        ));
        assert!(matches!(err("January 32, 2018"), DateError::Impossible(_)));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "hello",
            "Jan. 24",
            "Never miss a local story.",
            "Janitor 24, 2018",
            "January 24, 2018 is the day",
            "US, Russian envoys talk Syria after chemical weapons charges",
            "January 24, 2018 10",
        ] {
            assert!(matches!(err(text), DateError::Unrecognized(_)), "{text:?}");
        }
    }

    #[test]
    fn dst_gap_moves_forward_with_a_warning() {
        let (d, w) = p_in("March 11, 2018 2:30 AM", New_York);
        assert_eq!(d, Ok("2018-03-11T03:30:00-04:00".into()));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("does not exist"), "{w:?}");
        let (d, w) = p_in("2019-03-31T01:15", London);
        assert_eq!(d, Ok("2019-03-31T02:15:00+01:00".into()));
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn dst_overlap_takes_the_first_with_a_warning() {
        let (d, w) = p_in("November 4, 2018 1:30 AM", New_York);
        assert_eq!(d, Ok("2018-11-04T01:30:00-04:00".into()));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("twice"), "{w:?}");
        let (d, w) = p_in("27 October 2019 01:30", London);
        assert_eq!(d, Ok("2019-10-27T01:30:00+01:00".into()));
        assert_eq!(w.len(), 1);
        let (d, w) = p_in("27 October 2019 03:30", London);
        assert_eq!(d, Ok("2019-10-27T03:30:00+00:00".into()));
        assert!(w.is_empty());
    }

    #[test]
    fn month_words() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("sep"), Some(9));
        assert_eq!(month_number("MAR"), Some(3));
        assert_eq!(month_number("Ju"), None);
        assert_eq!(month_number("Janu"), Some(1));
        assert_eq!(month_number("Marx"), None);
    }

    type Dates = (Option<String>, Option<String>);

    fn dl(line: &str) -> Option<Result<Dates, DateError>> {
        dateline(line, &zoned(New_York)).map(|r| {
            r.map(|d| {
                (
                    d.published.map(|x| x.to_rfc3339()),
                    d.updated.map(|x| x.to_rfc3339()),
                )
            })
        })
    }

    #[test]
    fn datelines_with_prefixes() {
        let jan24 = Some("2018-01-24T10:27:00-05:00".to_string());
        let jan25 = Some("2018-01-25T08:00:00-05:00".to_string());
        assert_eq!(dl("January 24, 2018 10:27 AM"), Some(Ok((jan24.clone(), None))));
        assert_eq!(
            dl("Published January 24, 2018 10:27 AM"),
            Some(Ok((jan24.clone(), None)))
        );
        assert_eq!(
            dl("Posted: Jan. 24, 2018 10:27 a.m."),
            Some(Ok((jan24.clone(), None)))
        );
        assert_eq!(
            dl("Published on January 24, 2018 10:27 AM"),
            Some(Ok((jan24.clone(), None)))
        );
        assert_eq!(
            dl("Updated January 25, 2018 08:00 AM"),
            Some(Ok((None, jan25.clone())))
        );
        assert_eq!(
            dl("Last updated: Jan. 25, 2018 8:00 AM"),
            Some(Ok((None, jan25.clone())))
        );
        assert_eq!(
            dl("Published January 24, 2018 10:27 AM | Updated January 25, 2018 08:00 AM"),
            Some(Ok((jan24.clone(), jan25.clone())))
        );
        assert_eq!(
            dl("Updated February 30, 2018"),
            Some(Err(DateError::Impossible("February 30, 2018".into())))
        );
        assert_eq!(dl("Updated 2 hours ago"), None);
        assert_eq!(dl("Jan. 24, 2018 | 10:27 AM"), Some(Ok((jan24.clone(), None))));
        assert_eq!(
            dl("Published 10:27 a.m. ET Jan. 24, 2018 | Updated 8:00 a.m. ET Jan. 25, 2018"),
            Some(Ok((jan24.clone(), jan25.clone())))
        );
        assert_eq!(dl("The meeting is January 24, 2018 at noon in Paris."), None);
        assert_eq!(dl("By Jane Doe"), None);
        assert_eq!(dl("Paris, Tuesday, Jan. 23, 2018."), None);
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(p("1/24/2018 10:27 AM"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("01/24/2018 10:27 AM EST"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("1/24/2018"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("24/01/2018 10:27"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("24.01.2018 10:27"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2/3/2018"), "2018-02-03T00:00:00-05:00");
        assert!(matches!(err("13/13/2018"), DateError::Impossible(_)));
        assert!(matches!(err("2/30/2018"), DateError::Impossible(_)));
        assert!(matches!(err("1/24"), DateError::Unrecognized(_)));
    }

    #[test]
    fn update_time_without_a_date_and_no_separator() {
        let pub3 = Some("2017-08-14T15:04:00-04:00".to_string());
        assert_eq!(
            dl("Posted: Monday, August 14, 2017 3:04 pm | Updated: 9:45 pm"),
            Some(Ok((pub3.clone(), Some("2017-08-14T21:45:00-04:00".to_string()))))
        );
        // An update time before the publication time is not an update on the same day.
        assert_eq!(
            dl("Posted: Aug. 14, 2017 3:04 pm | Updated: 9:45 am"),
            Some(Ok((pub3, None)))
        );
        assert_eq!(
            dl("Posted: Jan 24, 2018 10:27 AM EST Updated: Jan 24, 2018 11:05 AM EST"),
            Some(Ok((
                Some("2018-01-24T10:27:00-05:00".to_string()),
                Some("2018-01-24T11:05:00-05:00".to_string())
            )))
        );
        assert_eq!(
            dl("24 January 2018 • 10:27am"),
            Some(Ok((Some("2018-01-24T10:27:00-05:00".to_string()), None)))
        );
        assert_eq!(dl("Updated: 9:45 pm"), None);
    }

    /// Reads with `policy` and gives the RFC 3339 text.
    fn r(text: &str, policy: &Policy<'_>) -> String {
        match read(text, policy) {
            Ok(p) => p.date.to_rfc3339(),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    #[test]
    fn iso_basic_and_short_offsets() {
        assert_eq!(p("20201123T11:02:35Z"), "2020-11-23T11:02:35+00:00");
        assert_eq!(p("20201123T110235Z"), "2020-11-23T11:02:35+00:00");
        assert_eq!(p("20201123T1102+0100"), "2020-11-23T11:02:00+01:00");
        assert_eq!(p("20201123"), "2020-11-23T00:00:00-05:00");
        assert_eq!(p("2018-10-29T10:15-500"), "2018-10-29T10:15:00-05:00");
        assert_eq!(p("2018-10-29T10:15-05"), "2018-10-29T10:15:00-05:00");
        assert_eq!(p("2016-12-15T14:57:00-0800"), "2016-12-15T14:57:00-08:00");
        assert_eq!(p("2017-03-01 14:27:02 +0800"), "2017-03-01T14:27:02+08:00");
        assert_eq!(
            p("2018-01-24T10:27:00.1234567891Z"),
            "2018-01-24T10:27:00.123456789+00:00"
        );
        assert!(matches!(err("20201323"), DateError::Impossible(_)));
    }

    #[test]
    fn c_and_java_forms_and_weekday_time_first() {
        assert_eq!(p("Mon Aug 03 12:45:00 EDT 2015"), "2015-08-03T12:45:00-04:00");
        assert_eq!(p("Fri 6:45 PM, Feb 16, 2018"), "2018-02-16T18:45:00-05:00");
        assert_eq!(p("Dec 13, 2016 at 3:45 pm"), "2016-12-13T15:45:00-05:00");
        assert_eq!(p("Dec 15, 2016 2:57 PM UTC"), "2016-12-15T14:57:00+00:00");
        assert_eq!(p("Oct 19, 2016 · 10:00am"), "2016-10-19T10:00:00-04:00");
        assert_eq!(p("Nov 29, 2016, 10:00am EST"), "2016-11-29T10:00:00-05:00");
        assert_eq!(p("January 24, 2018 midnight"), "2018-01-24T00:00:00-05:00");
        assert_eq!(p("15 Dec 2016 14:57:00 +0000"), "2016-12-15T14:57:00+00:00");
        assert_eq!(p("Jan 24, 2018 10:27 GMT+0530"), "2018-01-24T10:27:00+05:30");
    }

    #[test]
    fn numeric_forms_and_their_order() {
        assert_eq!(p("19.07.2022"), "2022-07-19T00:00:00-04:00");
        assert_eq!(p("2019.04.25"), "2019-04-25T00:00:00-04:00");
        assert_eq!(p("2020/10/04 15:05:21"), "2020-10-04T15:05:21-04:00");
        assert_eq!(p("10/13/16 12:34PM"), "2016-10-13T12:34:00-04:00");
        assert_eq!(p("24-01-2018 10:27"), "2018-01-24T10:27:00-05:00");
        assert_eq!(p("2016-12-15 2:57 PM"), "2016-12-15T14:57:00-05:00");
        // Both numbers could be a month: the policy's order decides.
        assert_eq!(p("03/04/2020"), "2020-03-04T00:00:00-05:00");
        let day_first = Policy {
            order: DateOrder::DayFirst,
            ..Policy::new(New_York)
        };
        assert_eq!(r("03/04/2020", &day_first), "2020-04-03T00:00:00-04:00");
        // A number above 12 settles it whatever the policy.
        assert_eq!(r("1/24/2018", &day_first), "2018-01-24T00:00:00-05:00");
        // Dots are day first whatever the policy.
        assert_eq!(p("03.04.2020"), "2020-04-03T00:00:00-04:00");
        assert!(matches!(err("19.07.22.1"), DateError::Unrecognized(_)));
    }

    #[test]
    fn order_from_the_page_language() {
        assert_eq!(DateOrder::for_language("en"), Some(DateOrder::MonthFirst));
        assert_eq!(DateOrder::for_language("en-US"), Some(DateOrder::MonthFirst));
        assert_eq!(DateOrder::for_language("en_GB"), Some(DateOrder::DayFirst));
        assert_eq!(DateOrder::for_language("de-DE"), Some(DateOrder::DayFirst));
        assert_eq!(DateOrder::for_language("fr"), Some(DateOrder::DayFirst));
        assert_eq!(DateOrder::for_language(""), None);
    }

    #[test]
    fn month_names_in_other_languages() {
        assert_eq!(p("19. Juli 2022, 14:30 Uhr"), "2022-07-19T14:30:00-04:00");
        assert_eq!(p("am 3. März 2020 um 15:05"), "2020-03-03T15:05:00-05:00");
        assert_eq!(p("le 3 mars 2020 à 15h30"), "2020-03-03T15:30:00-05:00");
        assert_eq!(p("mercredi 1er août 2018"), "2018-08-01T00:00:00-04:00");
        assert_eq!(p("3 de marzo de 2020"), "2020-03-03T00:00:00-05:00");
        assert_eq!(p("1 de março de 2020 às 10:00"), "2020-03-01T10:00:00-05:00");
        assert_eq!(p("3 dic. 2019"), "2019-12-03T00:00:00-05:00");
        assert_eq!(p("lunedì 3 giugno 2019 ore 9:15"), "2019-06-03T09:15:00-04:00");
        assert_eq!(p("3 maart 2020 om 10:00"), "2020-03-03T10:00:00-05:00");
        assert_eq!(p("3 mrt. 2020"), "2020-03-03T00:00:00-05:00");
        assert_eq!(month_number("Okt."), Some(10));
        assert_eq!(month_number("févr."), Some(2));
        assert_eq!(month_number("mei"), Some(5));
        assert_eq!(month_number("outubro"), Some(10));
    }

    #[test]
    fn cjk_forms() {
        assert_eq!(p("2019年3月1日 13時16分"), "2019-03-01T13:16:00-05:00");
        assert_eq!(p("2019年3月1日(金) 13:16"), "2019-03-01T13:16:00-05:00");
        assert_eq!(p("2019年03月01日 下午1:16"), "2019-03-01T13:16:00-05:00");
        assert_eq!(p("2019년 3월 1일 오후 1:16"), "2019-03-01T13:16:00-05:00");
        assert_eq!(p("2019年3月1日"), "2019-03-01T00:00:00-05:00");
        assert!(matches!(err("2019年2月30日"), DateError::Impossible(_)));
    }

    #[test]
    fn a_time_without_zone_takes_the_pages_offset() {
        let policy = Policy {
            page_offset: FixedOffset::east_opt(9 * 3600),
            ..Policy::new(New_York)
        };
        assert_eq!(r("2019-03-01 13:16", &policy), "2019-03-01T13:16:00+09:00");
        assert_eq!(r("March 1, 2019 1:16 PM", &policy), "2019-03-01T13:16:00+09:00");
        // A zone written beside the time still wins.
        assert_eq!(
            r("March 1, 2019 1:16 PM EST", &policy),
            "2019-03-01T13:16:00-05:00"
        );
    }

    #[test]
    fn how_much_the_text_said() {
        let policy = Policy::new(New_York);
        let day = read("March 1, 2019", &policy).map(|p| (p.has_time, p.has_zone));
        assert_eq!(day, Ok((false, false)));
        let local = read("March 1, 2019 1:16 PM", &policy).map(|p| (p.has_time, p.has_zone));
        assert_eq!(local, Ok((true, false)));
        let instant = read("2019-03-01T13:16Z", &policy).map(|p| (p.has_time, p.has_zone));
        assert_eq!(instant, Ok((true, true)));
    }

    #[test]
    fn bare_times_and_other_non_dates() {
        for text in [
            "16:45",
            "4:45 PM",
            "2019",
            "March 2019",
            "pm March 3, 2019",
            "12/2018",
            "+0100",
        ] {
            assert!(matches!(err(text), DateError::Unrecognized(_)), "{text:?}");
        }
    }

    /// `find` on `text`: the date found and the text it spans.
    fn f(text: &str) -> Option<(String, String)> {
        find(text, &Policy::new(New_York)).map(|(p, span)| (p.date.to_rfc3339(), text[span].to_string()))
    }

    #[test]
    fn finding_a_date_inside_text() {
        assert_eq!(
            f("Updated: Dec 15, 2016 2:57 PM UTC"),
            Some((
                "2016-12-15T14:57:00+00:00".into(),
                "Dec 15, 2016 2:57 PM UTC".into()
            ))
        );
        assert_eq!(
            f("By Jane Doe | March 11, 2020"),
            Some(("2020-03-11T00:00:00-04:00".into(), "March 11, 2020".into()))
        );
        assert_eq!(
            f("Published 19.07.2022."),
            Some(("2022-07-19T00:00:00-04:00".into(), "19.07.2022".into()))
        );
        assert_eq!(
            f("Story published on Oct 5, 2022. More text."),
            Some(("2022-10-05T00:00:00-04:00".into(), "Oct 5, 2022".into()))
        );
        assert_eq!(f("Read more at 16:45"), None);
        assert_eq!(f("No date here"), None);
    }
}
