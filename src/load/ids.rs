//! Ids that survive edits and renames.
//!
//! An item's id is the one its article gives (an `id` field), else its URL, else a
//! `tag:` URI made from its file's path ([`super::tag_id`]). The last two are
//! *derived*; a path's `tag:` id would change when the file is renamed or moved, and
//! readers would show the article again as new. So the state store keeps the id
//! history ([`IdRecord`]: every id an item of a file was published with), and an item
//! whose id is derived gets, of these, the first that applies:
//!
//! 1. the id recorded for the same file and the same derived id: an edited file keeps
//!    the id it had, inherited ones included;
//! 2. the id of the item at the same place in a file that is gone (its path is no
//!    longer in the input) and had the same content hash: a renamed or moved file;
//! 3. the id of an item of a gone file with the same URL: a file renamed and edited;
//! 4. its derived id.
//!
//! An id the article gives is always its id. A gone file lends its ids to one file
//! only, the first in listing order, and its history is then forgotten; the build
//! warns once per renamed file, naming both paths. Without the state (deleted, or a
//! state folder moved), a renamed file gets the id of its new path, as on a first
//! build: an article whose id must never change should give one, or a URL.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::Config;
use crate::item::Item;
use crate::state::IdRecord;

/// The id history of the last build, and which gone files have lent their ids.
#[derive(Debug)]
pub(crate) struct IdHistory {
    /// Every recorded row, by path.
    rows: BTreeMap<String, Vec<IdRecord>>,
    /// Gone files by content hash, in path order.
    gone_by_hash: HashMap<[u8; 16], Vec<String>>,
    /// Items of gone files by URL: the first path in path order, and the item's id.
    gone_by_url: HashMap<String, (String, String)>,
    /// Gone files whose ids went to a file of this build.
    lent: HashSet<String>,
}

/// What [`IdHistory::assign`] decided for one file.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Assigned {
    /// Per item, the id it keeps when that is not the one the loader gave it.
    pub(crate) ids: Vec<Option<String>>,
    /// The gone files it took ids from (a rename: worth one warning each).
    pub(crate) renamed_from: Vec<String>,
}

impl IdHistory {
    /// The history `rows` (by path), with `listed` the files in the input now: every
    /// other file in the history is gone and may lend its ids.
    pub(crate) fn new(rows: BTreeMap<String, Vec<IdRecord>>, listed: &HashSet<&str>) -> IdHistory {
        let mut gone_by_hash: HashMap<[u8; 16], Vec<String>> = HashMap::new();
        let mut gone_by_url: HashMap<String, (String, String)> = HashMap::new();
        for (path, records) in rows.iter().filter(|(p, _)| !listed.contains(p.as_str())) {
            if let Some(first) = records.first() {
                gone_by_hash.entry(first.hash).or_default().push(path.clone());
            }
            for r in records {
                if let Some(url) = &r.url {
                    gone_by_url
                        .entry(url.clone())
                        .or_insert_with(|| (path.clone(), r.id.clone()));
                }
            }
        }
        IdHistory {
            rows,
            gone_by_hash,
            gone_by_url,
            lent: HashSet::new(),
        }
    }

    /// The ids of the items of the file `rel` (content `hash`), just parsed: for each
    /// item, its derived id (`None` when the article gave its own) and its URL, in
    /// order. See the module documentation for the rules.
    pub(crate) fn assign(
        &mut self,
        rel: &str,
        hash: &[u8; 16],
        items: &[(Option<&str>, Option<&str>)],
    ) -> Assigned {
        let own = self.rows.get(rel);
        let renamed = self
            .gone_by_hash
            .get(hash)
            .and_then(|paths| paths.iter().find(|p| !self.lent.contains(*p)))
            .cloned();
        let mut assigned = Assigned::default();
        let lend = |path: &String, assigned: &mut Assigned| {
            if !assigned.renamed_from.contains(path) {
                assigned.renamed_from.push(path.clone());
            }
        };
        for (nth, (derived, url)) in items.iter().enumerate() {
            let Some(derived) = derived else {
                assigned.ids.push(None);
                continue;
            };
            let recorded = own
                .into_iter()
                .flatten()
                .find(|r| r.derived.as_deref() == Some(*derived))
                .map(|r| r.id.clone());
            let by_content = || {
                let path = renamed.as_ref()?;
                let r = self.rows.get(path)?.iter().find(|r| r.nth as usize == nth)?;
                Some((path, r.id.clone()))
            };
            let by_url = || {
                let (path, id) = self.gone_by_url.get((*url)?)?;
                (!self.lent.contains(path)).then(|| (path, id.clone()))
            };
            let id = match recorded {
                Some(id) => Some(id),
                None => match by_content().or_else(by_url) {
                    Some((path, id)) => {
                        lend(path, &mut assigned);
                        Some(id)
                    }
                    None => None,
                },
            };
            assigned.ids.push(id.filter(|id| id.as_str() != *derived));
        }
        for path in &assigned.renamed_from {
            self.lent.insert(path.clone());
        }
        assigned
    }
}

/// The id wirefeed derived for `item` of the file `rel` — its URL, or the `tag:` URI
/// of the path (`path#n` for a record of a JSON file) — or `None` when the article
/// gave its own id. An id that is the article's URL counts as derived, however the
/// article wrote it.
pub(crate) fn derived_id(config: &Config, rel: &str, item: &Item) -> Option<String> {
    let tag = super::tag_id(config, rel);
    let from_path = item.id == tag
        || item
            .id
            .strip_prefix(tag.as_str())
            .is_some_and(|rest| rest.starts_with("%23"));
    let parse = |u: &str| url::Url::parse(u).ok().map(String::from);
    let from_url = item
        .url
        .as_deref()
        .is_some_and(|u| u == item.id || parse(u).is_some_and(|u| Some(u) == parse(&item.id)));
    (from_path || from_url).then(|| item.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, nth: u32, hash: u8, url: Option<&str>, derived: Option<&str>, id: &str) -> IdRecord {
        IdRecord {
            path: path.into(),
            nth,
            hash: [hash; 16],
            url: url.map(Into::into),
            derived: derived.map(Into::into),
            id: id.into(),
        }
    }

    fn history(rows: Vec<IdRecord>, listed: &[&str]) -> IdHistory {
        let mut by_path: BTreeMap<String, Vec<IdRecord>> = BTreeMap::new();
        for r in rows {
            by_path.entry(r.path.clone()).or_default().push(r);
        }
        IdHistory::new(by_path, &listed.iter().copied().collect())
    }

    #[test]
    fn a_moved_file_takes_the_ids_of_the_gone_file_with_its_content_once() {
        let mut h = history(
            vec![
                row(
                    "city/x.txt",
                    0,
                    7,
                    None,
                    Some("tag:a,2000:city/x.txt"),
                    "tag:a,2000:city/x.txt",
                ),
                row(
                    "kept.txt",
                    0,
                    7,
                    None,
                    Some("tag:a,2000:kept.txt"),
                    "tag:a,2000:kept.txt",
                ),
            ],
            &["archive/x.txt", "copy/x.txt", "kept.txt"],
        );
        let got = h.assign(
            "archive/x.txt",
            &[7; 16],
            &[(Some("tag:a,2000:archive/x.txt"), None)],
        );
        assert_eq!(
            got,
            Assigned {
                ids: vec![Some("tag:a,2000:city/x.txt".into())],
                renamed_from: vec!["city/x.txt".into()],
            }
        );
        // A second copy of the same content: the gone file has lent its id already, and
        // a file still in the input lends nothing.
        let got = h.assign("copy/x.txt", &[7; 16], &[(Some("tag:a,2000:copy/x.txt"), None)]);
        assert_eq!(
            got,
            Assigned {
                ids: vec![None],
                renamed_from: vec![]
            }
        );
    }

    #[test]
    fn an_edited_file_keeps_its_recorded_id_and_an_explicit_id_wins() {
        let mut h = history(
            vec![row(
                "archive/x.txt",
                0,
                1,
                None,
                Some("tag:a,2000:archive/x.txt"),
                "tag:a,2000:city/x.txt",
            )],
            &["archive/x.txt"],
        );
        let got = h.assign(
            "archive/x.txt",
            &[2; 16],
            &[(Some("tag:a,2000:archive/x.txt"), None)],
        );
        assert_eq!(got.ids, [Some("tag:a,2000:city/x.txt".to_string())]);
        assert!(got.renamed_from.is_empty());
        let got = h.assign("archive/x.txt", &[2; 16], &[(None, None)]);
        assert_eq!(got.ids, [None]);
    }

    #[test]
    fn a_renamed_and_edited_file_keeps_the_id_of_the_gone_item_with_its_url() {
        let mut h = history(
            vec![row("old.md", 0, 1, Some("https://a/x"), None, "story-17")],
            &["new.md"],
        );
        let got = h.assign("new.md", &[2; 16], &[(Some("https://a/x"), Some("https://a/x"))]);
        assert_eq!(
            got,
            Assigned {
                ids: vec![Some("story-17".into())],
                renamed_from: vec!["old.md".into()],
            }
        );
    }

    #[test]
    fn derived_ids_are_the_url_or_the_paths_tag() {
        let cfg = Config::for_site("https://news.example.com/", chrono_tz::UTC);
        let date = chrono::DateTime::parse_from_rfc3339("2024-03-01T09:00:00Z").unwrap();
        let mut item = Item::new("tag:news.example.com,2000:city/x.txt", "T", date);
        assert_eq!(
            derived_id(&cfg, "city/x.txt", &item).as_deref(),
            Some(item.id.as_str())
        );
        assert_eq!(derived_id(&cfg, "archive/x.txt", &item), None);
        item.id = "tag:news.example.com,2000:wire.ndjson%232".into();
        assert!(derived_id(&cfg, "wire.ndjson", &item).is_some());
        item.id = "https://news.example.com".into();
        item.url = Some("https://news.example.com/".into());
        assert!(derived_id(&cfg, "a.html", &item).is_some());
        item.id = "story-17".into();
        assert_eq!(derived_id(&cfg, "a.html", &item), None);
    }
}
