//! Dates: the one module every loader uses to turn date text into a
//! [`Date`].
//!
//! [`parse`] reads a whole string in any of these forms:
//!
//! - RFC 3339 (`2018-01-24T10:27:00-05:00`) and RFC 2822 (`Wed, 24 Jan 2018 10:27:00 -0500`);
//! - ISO dates without a zone: `2018-01-24`, `2018-01-24T10:27`, `2018-01-24 10:27:05`,
//!   `2018-01-24T10:27:05.123`;
//! - the AP / US newspaper forms: `January 24, 2018 10:27 AM`, `Jan. 24, 2018 10:27 a.m.`,
//!   `Sept. 5, 2019`, `Jan 24, 2018`, `24 January 2018`, `Wednesday, January 24, 2018`,
//!   `January 24, 2018 at 10:27 AM`, `January 24, 2018, 10:27 a.m. EST`;
//! - a zone after the time: a US abbreviation (`EST`, `EDT`, `CST`, … `AKST`, `HST`), the
//!   generic US names `ET`/`CT`/`MT`/`PT` (taken in that region's zone, DST included),
//!   `GMT`, `UTC`, `UT`, `Z`, any abbreviation in `zone_abbreviations` of the config (these
//!   win over the next ones), a few unambiguous others (`BST`, `CET`, `CEST`, `EET`, `JST`,
//!   `AEST`, …; not `IST`, which names three zones), or a numeric offset (`-05:00`,
//!   `-0500`, `GMT-5`, `UTC+01:00`).
//!
//! A time without a zone is local time in the file's zone ([`Context::timezone`]); a date
//! without a time is midnight there.
//!
//! **Daylight-saving time.** A local time that does not exist (the spring-forward gap,
//! e.g. 02:30 on 2018-03-11 in America/New_York) is moved forward by the length of the
//! gap (giving 03:30 EDT), as a clock that was not changed would read. A local time that
//! happens twice (the fall-back overlap) takes the earlier occurrence (the one still in
//! daylight time). Both add a warning; neither panics.
//!
//! A date that has a known shape but does not exist (February 30, hour 25) is
//! [`DateError::Impossible`], so that loaders can report it rather than skip it.
//!
//! [`dateline`] finds the date of a scraped article's dateline line, with its optional
//! prefix (`Published`, `Posted`, `Updated`, `Last updated`, …), and says which kind it is.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use regex::Regex;

use crate::item::Date;
use crate::load::Context;

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

/// Month names; a month word is a full name or a prefix of at least three letters
/// (`Jan`, `Sept`).
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

/// ISO 8601 date with optional time, fraction and zone.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})
        (?:[t\s]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?)?
        \s*(?P<zone>[a-z]{1,5}|[+-]\d{2}(?::?\d{2})?|(?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?)?
        $",
    )
    .unwrap_or_else(|e| panic!("ISO date pattern: {e}"))
});

/// The newspaper forms: `[Weekday,] Month D, YYYY [at] [H:MM [AM]] [ZONE]` and
/// `[Weekday,] D Month YYYY …`.
static HUMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?
        (?:
            (?P<mon1>[a-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})
          | (?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>[a-z]{3,9})\.?,?\s+(?P<y2>\d{4})
        )
        (?:
            \s*(?:,|\s+at\b|\s+-|\s+–|\s+—|\s+\||\s+·|\s+•|\s+/)?\s*
            (?:
                (?P<h>\d{1,2})(?:[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?)?
                \s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?
              | (?P<noon>noon|midnight)
            )
            (?:\s*\(?(?P<zone>[a-z]{1,5}|[+-]\d{2}(?::?\d{2})?|(?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?
        )?
        \s*$",
    )
    .unwrap_or_else(|e| panic!("date pattern: {e}"))
});

/// A time written before the date (`10:27 a.m. ET Jan. 24, 2018`, USA Today style).
static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?P<time>\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+\(?[a-z]{1,5}\)?)?)\s*[,|]?\s+(?P<date>[a-z].*\d{4})$",
    )
    .unwrap_or_else(|e| panic!("time-first pattern: {e}"))
});

/// A numeric date: `1/24/2018` (US order, month first; day first when the first number
/// cannot be a month), `24.01.2018` (day first), with an optional time after it.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y1>\d{4}) | (?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y2>\d{4}))
        (?P<rest>(?:,?\s+(?:at\s+)?|\s*[|-]\s*)\d{1,2}[:.]\d{2}.*)?
        $",
    )
    .unwrap_or_else(|e| panic!("numeric date pattern: {e}"))
});

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

/// Parses a whole string as a date in any supported form (see the module doc).
pub fn parse(text: &str, ctx: &Context<'_>) -> Result<Date, DateError> {
    let t = text.trim().replace('\u{a0}', " ");
    let t = t.trim();
    if t.is_empty() {
        return Err(DateError::Unrecognized(String::new()));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Ok(d);
    }
    let impossible = || DateError::Impossible(t.to_string());
    if let Some(c) = ISO.captures(t) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = ymd(num("y"), num("mo"), num("d")).ok_or_else(impossible)?;
        let time = match num("h") {
            Some(h) => {
                let nanos = c.name("frac").map_or(0, |f| {
                    let digits = f.as_str();
                    let padded = format!("{digits:0<9}");
                    padded.parse::<u32>().unwrap_or(0)
                });
                NaiveTime::from_hms_nano_opt(h, num("mi").unwrap_or(0), num("s").unwrap_or(0), nanos)
                    .ok_or_else(impossible)?
            }
            None => NaiveTime::MIN,
        };
        return finish(date.and_time(time), c.name("zone").map(|m| m.as_str()), t, ctx);
    }
    if let Some(c) = TIME_FIRST.captures(t)
        && let (Some(time), Some(date)) = (c.name("time"), c.name("date"))
    {
        return parse(&format!("{} {}", date.as_str(), time.as_str()), ctx);
    }
    if let Some(c) = NUMERIC.captures(t) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (month, day, year) = match (num("a"), num("b")) {
            (Some(a), Some(b)) if a > 12 => (b, a, num("y1")),
            (Some(a), Some(b)) => (a, b, num("y1")),
            _ => (num("mo").unwrap_or(0), num("d").unwrap_or(0), num("y2")),
        };
        let (Some(name), Some(year)) = (month.checked_sub(1).and_then(|m| MONTHS.get(m as usize)), year)
        else {
            return Err(impossible());
        };
        let rest = c
            .name("rest")
            .map_or("", |m| m.as_str().trim_start_matches([',', '|', '-', ' ']));
        return parse(&format!("{name} {day}, {year} {rest}"), ctx);
    }
    if let Some(c) = HUMAN.captures(t) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month_word = c.name("mon1").or(c.name("mon2")).map(|m| m.as_str());
        let Some(month) = month_word.and_then(month_number) else {
            return Err(DateError::Unrecognized(t.to_string()));
        };
        let date =
            ymd(num("y1").or(num("y2")), Some(month), num("d1").or(num("d2"))).ok_or_else(impossible)?;
        let time = if let Some(noon) = c.name("noon") {
            let h = if noon.as_str().eq_ignore_ascii_case("noon") {
                12
            } else {
                0
            };
            NaiveTime::from_hms_opt(h, 0, 0).ok_or_else(impossible)?
        } else if let Some(h) = num("h") {
            let ampm = c.name("ampm").map(|m| m.as_str().to_ascii_lowercase());
            if c.name("mi").is_none() && ampm.is_none() {
                // A bare number after the date is not a time.
                return Err(DateError::Unrecognized(t.to_string()));
            }
            let hour = match ampm.as_deref().map(|s| s.starts_with('p')) {
                Some(pm) => {
                    if !(1..=12).contains(&h) {
                        return Err(impossible());
                    }
                    (h % 12) + if pm { 12 } else { 0 }
                }
                None => h,
            };
            NaiveTime::from_hms_opt(hour, num("mi").unwrap_or(0), num("s").unwrap_or(0))
                .ok_or_else(impossible)?
        } else {
            NaiveTime::MIN
        };
        return finish(date.and_time(time), c.name("zone").map(|m| m.as_str()), t, ctx);
    }
    Err(DateError::Unrecognized(t.to_string()))
}

/// Reads a dateline line: an optional prefix (`Published`, `Posted:`, `Updated`,
/// `Last updated on`, …) and a date, or several such parts separated by `|`, `·`, `•`
/// or `;` (`Published Jan. 24, 2018 | Updated Jan. 25, 2018`).
///
/// Returns `None` when the line is not wholly a dateline, and an error when it has a
/// dateline's shape but the date does not exist (`February 30, 2018`).
pub fn dateline(line: &str, ctx: &Context<'_>) -> Option<Result<Dateline, DateError>> {
    let line = line.trim();
    if line.is_empty() || line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = Dateline::default();
    // The whole line first: `Jan. 24, 2018 | 10:27 AM` is one date.
    match prefixed(line, ctx) {
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
        match prefixed(part, ctx)? {
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
        out.updated = parse(&format!("{day} {time}"), ctx)
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
fn prefixed(part: &str, ctx: &Context<'_>) -> Option<Result<(DateKind, Date), DateError>> {
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
    match parse(rest, ctx) {
        Ok(d) => Some(Ok((kind, d))),
        Err(e @ DateError::Impossible(_)) => Some(Err(e)),
        Err(DateError::Unrecognized(_)) => None,
    }
}

/// The month number of a month word: a full name or a prefix of at least three
/// letters, any case (`Jan`, `Sept`, `SEPT`, `march`).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w.as_str()))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn ymd(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y?).ok()?, m?, d?)
}

/// Applies the zone (or the file's zone when there is none) to a local time.
fn finish(
    naive: NaiveDateTime,
    zone: Option<&str>,
    text: &str,
    ctx: &Context<'_>,
) -> Result<Date, DateError> {
    let Some(zone) = zone else {
        return Ok(localize(naive, ctx.timezone, ctx));
    };
    match zone_of(zone, ctx) {
        Some(Zone::Fixed(offset)) => offset
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(|| DateError::Impossible(text.to_string())),
        Some(Zone::Region(tz)) => Ok(localize(naive, tz, ctx)),
        None => Err(DateError::Unrecognized(text.to_string())),
    }
}

enum Zone {
    Fixed(FixedOffset),
    Region(Tz),
}

/// A zone written after a time: an abbreviation or a numeric offset.
fn zone_of(text: &str, ctx: &Context<'_>) -> Option<Zone> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    if let Some((_, hours)) = FIXED_ZONES.iter().find(|(a, _)| *a == upper) {
        return FixedOffset::east_opt(hours * 3600).map(Zone::Fixed);
    }
    if let Some((_, tz)) = REGION_ZONES.iter().find(|(a, _)| *a == upper) {
        return Some(Zone::Region(*tz));
    }
    if let Some(offset) = ctx.config.zone_abbreviations.get(&upper) {
        return Some(Zone::Fixed(*offset));
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
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() <= 2 => (rest, "0"),
        None if rest.len() == 4 => rest.split_at(2),
        None => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).map(Zone::Fixed)
}

/// A local time in `tz` as a fixed-offset date. A time that falls in a DST gap is
/// moved forward by the length of the gap; an ambiguous one takes the earlier (first)
/// occurrence. Both cases are reported as a warning.
pub fn localize(naive: NaiveDateTime, tz: Tz, ctx: &Context<'_>) -> Date {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(d) => d.fixed_offset(),
        LocalResult::Ambiguous(early, _) => {
            let d = early.fixed_offset();
            ctx.warn(format!(
                "{naive} happens twice in {tz} (clocks go back); took the first, {d}"
            ));
            d
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
            ctx.warn(format!(
                "{naive} does not exist in {tz} (clocks go forward); took {d}"
            ));
            d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::London;

    fn config(tz: Tz) -> Config {
        Config::for_site("https://news.example.com/", tz)
    }

    /// Parses in `tz` and gives the RFC 3339 text and the warnings.
    fn p_in(text: &str, tz: Tz) -> (Result<String, DateError>, Vec<String>) {
        let cfg = config(tz);
        let ctx = Context::new(&cfg, "a.txt");
        let r = parse(text, &ctx).map(|d| d.to_rfc3339());
        (r, ctx.into_warnings())
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
        let mut cfg = config(New_York);
        cfg.zone_abbreviations.insert(
            "CET".into(),
            FixedOffset::east_opt(3600).unwrap_or_else(|| unreachable!()),
        );
        let ctx = Context::new(&cfg, "a.txt");
        let d = parse("24 January 2018 10:27 CET", &ctx).map(|d| d.to_rfc3339());
        assert_eq!(d, Ok("2018-01-24T10:27:00+01:00".to_string()));
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
        let cfg = config(New_York);
        let ctx = Context::new(&cfg, "a.txt");
        dateline(line, &ctx).map(|r| {
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
}
