//! Metadata beside the text: a sidecar `NAME.toml` or a front-matter block at the top
//! of the file.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::lines::Line;
use crate::date;
use crate::item::{Author, Credit, Date, Photo};
use crate::load::Context;
use crate::load::credit::{parse_credit, split_caption};

/// Splits off a `+++`/`---` front-matter block at the top of the file.
pub(super) fn split_front_matter(lines: &[Line]) -> (Option<(&'static str, &[Line])>, &[Line]) {
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

/// Metadata from a sidecar file or front matter.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Meta {
    pub(super) url: Option<String>,
    pub(super) id: Option<String>,
    pub(super) title: Option<String>,
    pub(super) summary: Option<String>,
    #[serde(alias = "published")]
    pub(super) date: Option<toml::Value>,
    #[serde(alias = "modified")]
    pub(super) updated: Option<toml::Value>,
    #[serde(default)]
    pub(super) tags: Option<StringOrList>,
    #[serde(alias = "categories")]
    pub(super) categories_: Option<StringOrList>,
    #[serde(alias = "author")]
    pub(super) authors: Option<StringOrList>,
    #[serde(default)]
    pub(super) images: Vec<String>,
    #[serde(default)]
    pub(super) photos: Vec<PhotoMeta>,
    #[serde(flatten)]
    pub(super) other: BTreeMap<String, toml::Value>,
    /// `date`, read.
    #[serde(skip)]
    pub(super) published_at: Option<Date>,
    /// `updated`, read.
    #[serde(skip)]
    pub(super) updated_at: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum StringOrList {
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
pub(super) enum PhotoMeta {
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
    pub(super) fn parse(
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
    pub(super) fn merge(&mut self, other: Meta) {
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

    pub(super) fn tags(&self) -> Vec<String> {
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

    pub(super) fn authors(&self) -> Vec<Author> {
        self.authors
            .as_ref()
            .map_or_else(Vec::new, |a| a.items().into_iter().map(Author::named).collect())
    }

    /// Gives photos their URLs (and captions / credits the text lacks), in order.
    pub(super) fn apply_photos(&self, photos: &mut Vec<Photo>) {
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
pub(super) fn line_of_key(text: &str, keys: &[&str]) -> Option<usize> {
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

pub(super) fn meta_date(
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
pub(super) fn simple_yaml(text: &str) -> std::result::Result<toml::Table, (usize, String)> {
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
