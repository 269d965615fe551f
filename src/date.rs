//! Dates: the one module every loader uses to turn date text into a
//! [`Date`](crate::item::Date). A time without a zone takes the file's configured zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

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

/// Parses a whole string as a date in any supported form.
pub fn parse(text: &str, ctx: &Context<'_>) -> Result<Date, DateError> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Ok(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%B %d, %Y %I:%M %p",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(localize(n, ctx.timezone, ctx));
        }
    }
    for fmt in ["%Y-%m-%d", "%B %d, %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Ok(localize(d.and_time(NaiveTime::MIN), ctx.timezone, ctx));
        }
    }
    Err(DateError::Unrecognized(t.to_string()))
}

/// A local time in `tz` as a fixed-offset date. A time that falls in a DST gap is
/// moved forward by the gap; an ambiguous one takes the earlier (daylight) reading.
/// Both cases are reported as a warning.
pub fn localize(naive: NaiveDateTime, tz: Tz, ctx: &Context<'_>) -> Date {
    use chrono::LocalResult;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(d) => d.fixed_offset(),
        LocalResult::Ambiguous(early, _) => {
            ctx.warn(format!(
                "{naive} happens twice in {tz} (clocks go back); took the first, {}",
                early.fixed_offset()
            ));
            early.fixed_offset()
        }
        LocalResult::None => {
            let shifted = naive + chrono::Duration::hours(1);
            let d = tz
                .from_local_datetime(&shifted)
                .earliest()
                .unwrap_or_else(|| tz.from_utc_datetime(&naive))
                .fixed_offset();
            ctx.warn(format!(
                "{naive} does not exist in {tz} (clocks go forward); took {d}"
            ));
            d
        }
    }
}
