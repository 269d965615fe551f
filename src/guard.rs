//! What a build refuses to publish, as pure functions the build calls before writing:
//!
//! - **Embargo** ([`embargo`]): an item dated after the build's clock is held back
//!   until its time, with one line saying how many and when the next is due
//!   (`build_future = true` or `--build-future` publishes them anyway). The next build
//!   after that time publishes it.
//! - **Shrink guard** ([`shrink`]): a build that would remove more than `max_shrink`
//!   of the items the last build published in its main feed (by default half), or all
//!   of them, publishes nothing ([`Error::Shrink`], exit code 5) — an input folder
//!   that went missing (an unmounted share, a failed sync) must not wipe the site.
//!   An item counts as removed when it is in none of this build's items: an item that
//!   merely moved to an archive page is still published. `--force` overrides.
//!
//! What the last build published comes from [`previous_main_ids`], which reads the
//! published main `feed.json`; it is the one place to change when the build's state
//! records it.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::item::{Date, Item};

/// The items [`embargo`] held back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// How many items were held back.
    pub count: usize,
    /// The date of the earliest one, when any.
    pub next: Option<Date>,
}

impl Held {
    /// The line to print, when anything was held back.
    pub fn message(&self) -> Option<String> {
        let next = self.next?;
        let (n, rest) = match self.count {
            1 => ("1 item dated in the future is".to_string(), "its time; it is"),
            n => (
                format!("{n} items dated in the future are"),
                "their time; the next is",
            ),
        };
        Some(format!(
            "{n} held back until {rest} due {} (--build-future or build_future = true publishes them now)",
            next.to_rfc3339()
        ))
    }
}

/// Removes from `items` those dated after `now`, unless `build_future`; says how many
/// and when the next is due.
pub fn embargo<T: Dated>(items: &mut Vec<T>, now: DateTime<Utc>, build_future: bool) -> Held {
    if build_future {
        return Held::default();
    }
    let mut held = Held::default();
    items.retain(|item| {
        let published = item.published();
        if published <= now {
            return true;
        }
        held.count += 1;
        if held.next.is_none_or(|next| published < next) {
            held.next = Some(published);
        }
        false
    });
    held
}

/// Something with a publication date that [`embargo`] can hold back: a whole item, or
/// the metadata a build plans with.
pub trait Dated {
    /// The publication date.
    fn published(&self) -> Date;
}

impl Dated for Item {
    fn published(&self) -> Date {
        self.published
    }
}

impl Dated for crate::state::ItemMeta {
    fn published(&self) -> Date {
        self.published
    }
}

/// The shrink guard's verdict on a build: `Ok` to publish, or the numbers of
/// [`Error::Shrink`]. `before` holds the ids of the last build's main feed, `now` the
/// ids of every item this build publishes.
pub fn shrink(out: &Path, before: &BTreeSet<String>, now: &BTreeSet<String>, max_shrink: f64) -> Result<()> {
    if before.is_empty() {
        return Ok(());
    }
    let removed = before.difference(now).count();
    let share = removed as f64 / before.len() as f64;
    if (now.is_empty() && removed > 0) || share > max_shrink {
        return Err(Error::Shrink {
            out: out.to_path_buf(),
            before: before.len(),
            now: now.len(),
            removed,
            max_shrink,
        });
    }
    Ok(())
}

/// The ids of the items in the main `feed.json` published in `out`; none when there is
/// no readable one (a first build).
pub fn previous_main_ids(out: &Path) -> BTreeSet<String> {
    #[derive(serde::Deserialize)]
    struct Feed {
        #[serde(default)]
        items: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        id: String,
    }
    // Read as a stream: with `limit` 0 the main feed holds every item, bodies and all.
    let path = out.join(crate::write::json_feed::FORMAT.file_name);
    let Ok(file) = std::fs::File::open(&path) else {
        return BTreeSet::new();
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    if let Some(ids) = pretty_item_ids(&mut reader) {
        return ids;
    }
    let Ok(file) = std::fs::File::open(&path) else {
        return BTreeSet::new();
    };
    serde_json::from_reader::<_, Feed>(std::io::BufReader::new(file))
        .map(|feed| feed.items.into_iter().map(|e| e.id).collect())
        .unwrap_or_default()
}

/// The item ids of a feed.json as wirefeed writes it (pretty-printed, so each item's
/// `"id"` key starts a line at the items' depth, and no other key at that depth is
/// `"id"`), a line at a time; `None` for any other file, which is then parsed whole.
fn pretty_item_ids(reader: &mut impl std::io::BufRead) -> Option<BTreeSet<String>> {
    const START: &[u8] = b"{\n  \"version\": ";
    const ID: &[u8] = b"      \"id\": ";
    let mut line = Vec::new();
    let mut first = true;
    let mut ids = BTreeSet::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return Some(ids);
        }
        if first {
            // The first line is `{`; the second must be the version.
            let mut second = Vec::new();
            reader.read_until(b'\n', &mut second).ok()?;
            line.extend_from_slice(&second);
            if !line.starts_with(START) {
                return None;
            }
            first = false;
            continue;
        }
        if let Some(value) = line.strip_prefix(ID) {
            let value = value.trim_ascii_end();
            let value = value.strip_suffix(b",").unwrap_or(value);
            ids.insert(serde_json::from_slice::<String>(value).ok()?);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, date: &str) -> Item {
        let date = DateTime::parse_from_rfc3339(date).unwrap();
        Item::new(id.to_string(), id.to_string(), date)
    }

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_previous_main_ids_come_from_the_published_feed_json() {
        let dir = tempfile::tempdir().unwrap();
        assert!(previous_main_ids(dir.path()).is_empty());
        let mut feed = crate::Feed::new("Wire", "https://wire.example/");
        let mut a = item("https://wire.example/a", "2024-05-31T09:00:00Z");
        a.authors = vec![crate::item::Author::named("id")];
        a.body = crate::item::Body::Paragraphs(vec!["\"id\": \"not an id\"\n      \"id\": x".into()]);
        feed.items = vec![a, item("tag:wire.example,2024:b \"q\"", "2024-05-30T09:00:00Z")];
        let templates = crate::template::Templates::load(None).unwrap();
        let rendered = crate::write::Rendered::new(&feed, &templates, true).unwrap();
        let json =
            crate::write::Writer::write(&crate::write::json_feed::JsonFeedWriter, &rendered.document())
                .unwrap();
        std::fs::write(dir.path().join("feed.json"), &json).unwrap();
        let want = ids(&["https://wire.example/a", "tag:wire.example,2024:b \"q\""]);
        assert_eq!(previous_main_ids(dir.path()), want);
        // Another layout is parsed whole.
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        std::fs::write(dir.path().join("feed.json"), value.to_string()).unwrap();
        assert_eq!(previous_main_ids(dir.path()), want);
        std::fs::write(
            dir.path().join("feed.json"),
            "{\n  \"version\": \"x\",\n  \"items\": [\n    {\n      \"id\": 3",
        )
        .unwrap();
        assert!(
            previous_main_ids(dir.path()).is_empty(),
            "a malformed id gives nothing"
        );
    }

    #[test]
    fn future_items_are_held_back_and_the_next_one_named() {
        let mut items = vec![
            item("past", "2024-05-31T09:00:00-04:00"),
            item("exactly-now", "2024-06-01T08:00:00-04:00"),
            item("later", "2024-07-04T09:00:00-04:00"),
            item("sooner", "2024-06-01T12:30:00+00:00"),
        ];
        let held = embargo(&mut items, now(), false);
        let kept: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(kept, ["past", "exactly-now"]);
        assert_eq!(held.count, 2);
        assert_eq!(
            held.message().unwrap(),
            "2 items dated in the future are held back until their time; the next is due 2024-06-01T12:30:00+00:00 (--build-future or build_future = true publishes them now)"
        );
    }

    #[test]
    fn build_future_holds_nothing_back() {
        let mut items = vec![item("later", "2030-01-01T00:00:00Z")];
        let held = embargo(&mut items, now(), true);
        assert_eq!(items.len(), 1);
        assert_eq!(held, Held::default());
        assert_eq!(held.message(), None);
    }

    #[test]
    fn one_held_item_is_named_in_the_singular() {
        let mut items = vec![item("later", "2030-01-01T00:00:00Z")];
        let held = embargo(&mut items, now(), false);
        assert!(items.is_empty());
        assert_eq!(
            held.message().unwrap(),
            "1 item dated in the future is held back until its time; it is due 2030-01-01T00:00:00+00:00 (--build-future or build_future = true publishes them now)"
        );
    }

    #[test]
    fn the_shrink_guard_refuses_an_empty_build_over_a_published_site() {
        let out = Path::new("feeds");
        let err = shrink(out, &ids(&["a", "b"]), &ids(&[]), 1.0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "feeds: not published: this build has 0 items where the last one published 2 (2 removed, over max_shrink = 1); if that is right, run again with --force"
        );
    }

    #[test]
    fn the_shrink_guard_allows_up_to_max_shrink_removed() {
        let out = Path::new("feeds");
        let before = ids(&["a", "b", "c", "d"]);
        // Half removed: allowed at 0.5; three quarters: refused.
        assert!(shrink(out, &before, &ids(&["c", "d", "e"]), 0.5).is_ok());
        let err = shrink(out, &before, &ids(&["d"]), 0.5).unwrap_err();
        assert!(matches!(
            err,
            Error::Shrink {
                before: 4,
                now: 1,
                removed: 3,
                ..
            }
        ));
        // A first build (nothing published) and a build that only adds are fine.
        assert!(shrink(out, &ids(&[]), &ids(&[]), 0.5).is_ok());
        assert!(shrink(out, &before, &ids(&["a", "b", "c", "d", "e"]), 0.0).is_ok());
    }

    #[test]
    fn previous_ids_come_from_the_published_main_json_feed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(previous_main_ids(dir.path()).is_empty());
        std::fs::write(
            dir.path().join("feed.json"),
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"x","title":"X"},{"id":"y"}]}"#,
        )
        .unwrap();
        assert_eq!(previous_main_ids(dir.path()), ids(&["x", "y"]));
        std::fs::write(dir.path().join("feed.json"), "not json").unwrap();
        assert!(previous_main_ids(dir.path()).is_empty());
    }
}
