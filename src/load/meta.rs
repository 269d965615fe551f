//! The article fields that Markdown front matter and JSON records share: one serde
//! struct, [`Fields`], read from YAML, TOML or JSON, and its conversion to an [`Item`].
//!
//! The field names follow what Hugo, Zola, Jekyll and JSON Feed write (`date`,
//! `lastmod`, `taxonomies.tags`, `date_published`, …). Every value type is lenient about
//! its shape (one author or a list, a date as text, as a TOML datetime or as a Unix
//! time) so that exports from many tools load as they are; unknown fields are ignored.
//! `schema/article.schema.json` describes the same fields for editors, and a test keeps
//! the two in step.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::credit::{parse_credit, split_caption};
use super::{Context, Source};
use crate::error::{Error, Result};
use crate::item::{Author, Body, Credit, Date, DateSource, Item, Photo};

/// The fields of one article, as front matter or a JSON record gives them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Fields {
    pub(crate) id: Option<Text>,
    pub(crate) title: Option<Text>,
    pub(crate) date: Option<DateValue>,
    #[serde(rename = "publishDate")]
    pub(crate) publish_date: Option<DateValue>,
    pub(crate) published: Option<DateValue>,
    pub(crate) date_published: Option<DateValue>,
    pub(crate) published_at: Option<DateValue>,
    #[serde(rename = "pubDate")]
    pub(crate) pub_date: Option<DateValue>,
    pub(crate) updated: Option<DateValue>,
    pub(crate) lastmod: Option<DateValue>,
    pub(crate) modified: Option<DateValue>,
    pub(crate) last_modified_at: Option<DateValue>,
    pub(crate) date_modified: Option<DateValue>,
    pub(crate) updated_at: Option<DateValue>,
    pub(crate) author: OneOrMany<AuthorValue>,
    pub(crate) authors: OneOrMany<AuthorValue>,
    pub(crate) tags: OneOrMany<Text>,
    pub(crate) categories: OneOrMany<Text>,
    pub(crate) taxonomies: Taxonomies,
    pub(crate) summary: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) excerpt: Option<Text>,
    pub(crate) url: Option<Text>,
    pub(crate) permalink: Option<Text>,
    pub(crate) link: Option<Text>,
    pub(crate) slug: Option<Text>,
    pub(crate) draft: Flag,
    pub(crate) image: OneOrMany<PhotoValue>,
    pub(crate) feature_image: Option<PhotoValue>,
    pub(crate) featured_image: Option<PhotoValue>,
    pub(crate) caption: Option<Text>,
    pub(crate) feature_image_caption: Option<Text>,
    pub(crate) credit: Option<CreditValue>,
    pub(crate) credit_org: Option<Text>,
    pub(crate) photos: OneOrMany<PhotoValue>,
    pub(crate) images: OneOrMany<PhotoValue>,
    pub(crate) body: Option<BodyValue>,
    pub(crate) body_html: Option<Text>,
    pub(crate) html: Option<Text>,
    pub(crate) content: Option<Text>,
    pub(crate) content_html: Option<Text>,
    pub(crate) content_text: Option<Text>,
    /// Hugo's table of custom fields; fills in fields missing at the top.
    pub(crate) params: Option<Box<Fields>>,
    /// Zola's table of custom fields; fills in fields missing at the top.
    pub(crate) extra: Option<Box<Fields>>,
}

/// Zola's `[taxonomies]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Taxonomies {
    pub(crate) tags: OneOrMany<Text>,
    pub(crate) categories: OneOrMany<Text>,
}

/// A photo given as a table / object (`photos:` entries, `image:` as a table).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PhotoFields {
    pub(crate) url: Option<Text>,
    pub(crate) image: Option<Text>,
    pub(crate) src: Option<Text>,
    pub(crate) path: Option<Text>,
    pub(crate) caption: Option<Text>,
    pub(crate) credit: Option<CreditValue>,
    pub(crate) credit_org: Option<Text>,
}

/// A credit given as a table, as `wirefeed inspect` prints it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CreditFields {
    pub(crate) name: Option<Text>,
    pub(crate) organization: Option<Text>,
}

/// A photo credit: one line (`Jane Doe/Getty Images`) or its parts.
#[derive(Debug, Clone)]
pub(crate) enum CreditValue {
    /// One line, split with `parse_credit` unless `credit_org` is given.
    Line(Text),
    /// Name and organization, taken as given.
    Parts(CreditFields),
}

impl<'de> Deserialize<'de> for CreditValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CreditValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a credit line or a table with name and organization")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CreditValue, E> {
                Ok(CreditValue::Line(Text(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CreditValue, A::Error> {
                CreditFields::deserialize(de::value::MapAccessDeserializer::new(map)).map(CreditValue::Parts)
            }
        }
        d.deserialize_any(V)
    }
}

/// An author given as a table / object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AuthorFields {
    pub(crate) name: Option<Text>,
    pub(crate) email: Option<Text>,
    pub(crate) url: Option<Text>,
}

/// A scalar taken as text: strings as they are, numbers and booleans written out
/// (`title: 1984` is the title "1984").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Text(pub(crate) String);

impl Text {
    /// The trimmed text, `None` when blank.
    fn get(&self) -> Option<String> {
        let t = self.0.trim();
        (!t.is_empty()).then(|| t.to_string())
    }
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().and_then(Text::get)
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text(String::new()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        d.deserialize_any(TextVisitor)
    }
    /// WordPress's REST API wraps text as `{"rendered": "…"}`; CMS exports give tags
    /// and categories as `{"name": "…", "slug": "…"}`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "rendered" || (key == "name" && found.is_none()) {
                found = Some(map.next_value::<Text>()?);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// A date as the input gave it: text for [`crate::date::parse`], or a Unix time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateValue {
    /// Date text, including a TOML datetime written back out (RFC 3339).
    Text(String),
    /// Seconds since 1970 (JSON exports); milliseconds are recognized by size.
    Unix(i64),
}

/// The key under which the `toml` crate hands over a native datetime.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Integers above this are Unix times rather than years or nonsense.
const UNIX_MIN: i64 = 100_000_000;

/// Integers above this are Unix times in milliseconds.
const UNIX_MILLIS_MIN: i64 = 100_000_000_000;

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = DateValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (text such as 2024-03-01T09:30:00-05:00, or a Unix time)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateValue, E> {
        Ok(DateValue::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateValue, E> {
        Ok(if v >= UNIX_MIN {
            DateValue::Unix(v)
        } else {
            DateValue::Text(v.to_string())
        })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateValue, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Ok(DateValue::Text(v.to_string())),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateValue, E> {
        // Unix times with a fraction (1700000000.5): whole seconds are enough.
        if v.is_finite() && v >= UNIX_MIN as f64 && v < i64::MAX as f64 {
            Ok(DateValue::Unix(v as i64))
        } else {
            Ok(DateValue::Text(v.to_string()))
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateValue, A::Error> {
        // A TOML datetime arrives as a one-entry map holding its RFC 3339 text.
        match map.next_key::<String>()? {
            Some(k) if k == TOML_DATETIME_KEY => Ok(DateValue::Text(map.next_value::<String>()?)),
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// A yes/no flag (`draft: true`, `draft = "yes"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flag(pub(crate) bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Text::deserialize(d)?;
        let v = t.0.trim().to_ascii_lowercase();
        Ok(Flag(matches!(v.as_str(), "true" | "yes" | "on" | "1")))
    }
}

/// One value or a list of them (`author: Jane` and `author: [Jane, Joe]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OneOrMany<T>(pub(crate) Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

struct OneOrManyVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one value or a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(OneOrMany(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|v| OneOrMany(vec![v]))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|v| OneOrMany(vec![v]))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|v| OneOrMany(vec![v]))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_string(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_string(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.visit_string(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.visit_string(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OneOrMany(Vec::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OneOrMany(Vec::new()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OneOrManyVisitor(std::marker::PhantomData))
    }
}

/// Implements `Deserialize` for a value written either as a string or as a table.
macro_rules! string_or_table {
    ($ty:ident, $fields:ident, $what:literal, |$s:ident| $from_str:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, $s: &str) -> Result<$ty, E> {
                        Ok($from_str)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $fields::deserialize(de::value::MapAccessDeserializer::new(map)).map($ty)
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

/// A photo: an image URL alone, or a table with caption and credit.
#[derive(Debug, Default)]
pub(crate) struct PhotoValue(pub(crate) PhotoFields);

string_or_table!(PhotoValue, PhotoFields, "an image URL or a photo table", |s| {
    PhotoValue(PhotoFields {
        url: Some(Text(s.to_string())),
        ..PhotoFields::default()
    })
});

/// An author: a name alone, or a table with name, email and url.
#[derive(Debug, Default)]
pub(crate) struct AuthorValue(pub(crate) AuthorFields);

string_or_table!(
    AuthorValue,
    AuthorFields,
    "an author name or an author table",
    |s| {
        AuthorValue(AuthorFields {
            name: Some(Text(s.to_string())),
            ..AuthorFields::default()
        })
    }
);

/// A JSON `body`: Markdown text, a list of plain paragraphs, or a table with `html`,
/// `paragraphs` or `markdown` (what `wirefeed inspect` prints loads back).
#[derive(Debug)]
pub(crate) enum BodyValue {
    /// Markdown text.
    Markdown(String),
    /// Plain-text paragraphs.
    Paragraphs(Vec<String>),
    /// HTML, kept for sanitizing later.
    Html(String),
}

/// The table form of a JSON `body`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct BodyFields {
    pub(crate) html: Option<Text>,
    pub(crate) paragraphs: Vec<Text>,
    pub(crate) markdown: Option<Text>,
}

impl<'de> Deserialize<'de> for BodyValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BodyValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Markdown text, a list of paragraphs, or a table with html")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<BodyValue, E> {
                Ok(BodyValue::Markdown(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BodyValue, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element::<Text>()? {
                    out.extend(t.get());
                }
                Ok(BodyValue::Paragraphs(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<BodyValue, A::Error> {
                let f = BodyFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(match (f.html, f.markdown) {
                    (Some(h), _) => BodyValue::Html(h.0),
                    (None, Some(m)) => BodyValue::Markdown(m.0),
                    (None, None) => {
                        BodyValue::Paragraphs(f.paragraphs.iter().filter_map(Text::get).collect())
                    }
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// The article text already turned into a body, with photos found inside it.
#[derive(Debug, Default)]
pub(crate) struct RenderedBody {
    /// The body.
    pub(crate) body: Body,
    /// Photos taken out of the body (image + italic caption).
    pub(crate) photos: Vec<Photo>,
    /// The leading `# heading`, when it was taken out to serve as the title.
    pub(crate) heading: Option<String>,
    /// The text before a `<!--more-->` divider (Hugo, Jekyll), as a summary.
    pub(crate) summary: Option<String>,
}

/// Where a conversion error points: the file, and a way to find a field's line.
pub(crate) struct Origin<'a> {
    /// The file.
    pub(crate) src: &'a Source,
    /// The 1-based line of a field (by name), when it can be found.
    pub(crate) line_of: &'a dyn Fn(&str) -> Option<usize>,
    /// The line errors point to when no field line is known (a record's first line).
    pub(crate) line: Option<usize>,
    /// The id used when the fields give neither `id` nor `url`.
    pub(crate) fallback_id: String,
}

impl Origin<'_> {
    fn error(&self, field: Option<&str>, message: impl Into<String>) -> Error {
        let line = field.and_then(|f| (self.line_of)(f)).or(self.line);
        self.src.error(line, message)
    }
}

impl Fields {
    /// Fills fields missing at the top level from Hugo's `params` and Zola's `extra`
    /// tables, where themes put `image`, `author` and the like.
    pub(crate) fn with_nested(mut self) -> Self {
        for nested in [self.params.take(), self.extra.take()].into_iter().flatten() {
            let nested = nested.with_nested();
            macro_rules! fill {
                (opt: $($f:ident),*; list: $($l:ident),*) => {
                    $(if self.$f.is_none() { self.$f = nested.$f; })*
                    $(if self.$l.0.is_empty() { self.$l = nested.$l; })*
                };
            }
            fill!(
                opt: id, title, date, publish_date, published, date_published, published_at,
                    pub_date, updated, lastmod, modified, last_modified_at, date_modified,
                    updated_at, summary, description, excerpt, url, permalink, link, slug,
                    feature_image, featured_image, caption, feature_image_caption, credit,
                    credit_org, body, body_html, html, content, content_html, content_text;
                list: author, authors, tags, categories, image, photos, images
            );
            self.draft.0 |= nested.draft.0;
        }
        self
    }

    /// True for drafts, which are left out of the feeds.
    pub(crate) fn is_draft(&self) -> bool {
        self.draft.0
    }

    /// The title the fields give, if any.
    pub(crate) fn title(&self) -> Option<String> {
        text(&self.title).map(|t| collapse(&t))
    }

    /// Turns the fields and the rendered body into an item.
    pub(crate) fn into_item(
        self,
        rendered: RenderedBody,
        origin: &Origin<'_>,
        ctx: &Context<'_>,
    ) -> Result<Item> {
        let title = self.title().or(rendered.heading).ok_or_else(|| {
            origin.error(
                None,
                "no title: add a `title` field (or start the text with a `# heading`)",
            )
        })?;
        let (published, date_source) = self.published(origin, ctx)?;
        let updated = self.updated(origin, ctx);
        let url = self.url(ctx);
        let id = match text(&self.id) {
            Some(id) if is_absolute_uri(&id) => id,
            Some(id) => super::tag_id(ctx.config, &id),
            None => url.clone().unwrap_or_else(|| origin.fallback_id.clone()),
        };
        let mut item = Item::new(id, title, published);
        item.date_source = date_source;
        item.updated = updated;
        item.url = url;
        item.authors = self.authors();
        item.tags = self.tags();
        item.summary = text(&self.summary)
            .or_else(|| text(&self.description))
            .or_else(|| text(&self.excerpt).map(|e| strip_tags(&e)))
            .or(rendered.summary)
            .map(|s| collapse(&s));
        item.photos = self.photos();
        for photo in rendered.photos {
            push_photo(&mut item.photos, photo);
        }
        item.body = rendered.body;
        item.source = origin.src.rel_path.clone();
        Ok(item)
    }

    fn published(&self, origin: &Origin<'_>, ctx: &Context<'_>) -> Result<(Date, DateSource)> {
        let candidates = [
            ("date", &self.date),
            ("publishDate", &self.publish_date),
            ("published", &self.published),
            ("date_published", &self.date_published),
            ("published_at", &self.published_at),
            ("pubDate", &self.pub_date),
        ];
        if let Some((name, value)) = candidates.iter().find_map(|(n, v)| v.as_ref().map(|v| (*n, v))) {
            return parse_date(value, ctx)
                .map(|d| (d, DateSource::Article(format!("field {name}"))))
                .map_err(|m| origin.error(Some(name), format!("{name}: {m}")));
        }
        if let Some(date) = date_from_file_name(&origin.src.rel_path, ctx) {
            return Ok((date, DateSource::Article("file name".into())));
        }
        super::missing_date(
            origin.src,
            ctx,
            "no date (a `date` field such as 2024-03-01T09:30:00-05:00)",
        )
    }

    /// The update time; an unreadable one is dropped with a warning rather than
    /// sinking the article.
    fn updated(&self, origin: &Origin<'_>, ctx: &Context<'_>) -> Option<Date> {
        let candidates = [
            ("updated", &self.updated),
            ("lastmod", &self.lastmod),
            ("modified", &self.modified),
            ("last_modified_at", &self.last_modified_at),
            ("date_modified", &self.date_modified),
            ("updated_at", &self.updated_at),
        ];
        let (name, value) = candidates.iter().find_map(|(n, v)| v.as_ref().map(|v| (*n, v)))?;
        match parse_date(value, ctx) {
            Ok(d) => Some(d),
            Err(m) => {
                let line = (origin.line_of)(name).or(origin.line);
                let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
                ctx.warn(format!("{at}{name}: {m}; ignored"));
                None
            }
        }
    }

    /// `url` / `permalink` / `link` as given (relative ones joined to the site URL), else the
    /// site URL + `slug`.
    fn url(&self, ctx: &Context<'_>) -> Option<String> {
        let site = url::Url::parse(&ctx.config.site_url).ok();
        let given = text(&self.url)
            .or_else(|| text(&self.permalink))
            .or_else(|| text(&self.link));
        if let Some(u) = given {
            return Some(match (url::Url::parse(&u), &site) {
                (Ok(abs), _) => abs.to_string(),
                (Err(_), Some(site)) => site.join(&u).map_or(u, |j| j.to_string()),
                (Err(_), None) => u,
            });
        }
        let slug = text(&self.slug)?;
        Some(format!("{}{}", ctx.config.site_url, slug.trim_start_matches('/')))
    }

    fn authors(&self) -> Vec<Author> {
        let mut out: Vec<Author> = Vec::new();
        for AuthorValue(a) in self.author.0.iter().chain(&self.authors.0) {
            // Digits alone are a CMS's author id (WordPress), not a name.
            let Some(name) = text(&a.name)
                .map(|n| strip_by(&n))
                .filter(|n| !n.chars().all(|c| c.is_ascii_digit()))
            else {
                continue;
            };
            if out.iter().any(|o| o.name.eq_ignore_ascii_case(&name)) {
                continue;
            }
            let mut author = Author::named(name);
            author.email = text(&a.email);
            author.url = text(&a.url);
            out.push(author);
        }
        out
    }

    fn tags(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let all = [
            &self.tags,
            &self.categories,
            &self.taxonomies.tags,
            &self.taxonomies.categories,
        ];
        for list in all {
            // One string may hold several tags, comma-separated: `tags: "arts, museums"`.
            let parts: Vec<String> = match list.0.as_slice() {
                [one] => one.0.split(',').map(str::to_string).collect(),
                many => many.iter().map(|t| t.0.clone()).collect(),
            };
            for tag in parts.iter().map(|t| collapse(t)).filter(|t| !t.is_empty()) {
                if !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    out.push(tag);
                }
            }
        }
        out
    }

    /// The lead photo (`image`, else `feature_image` / `featured_image`, with `caption`
    /// and `credit`), then `photos`, then `images`; the same image listed twice is one
    /// photo.
    fn photos(&self) -> Vec<Photo> {
        let mut out = Vec::new();
        let mut images = self.image.0.iter();
        let first = images
            .next()
            .or(self.feature_image.as_ref())
            .or(self.featured_image.as_ref());
        let caption = self
            .caption
            .clone()
            .or_else(|| text(&self.feature_image_caption).map(|c| Text(strip_tags(&c))));
        let lead = PhotoFields {
            url: first.and_then(|PhotoValue(p)| {
                p.url
                    .clone()
                    .or(p.image.clone())
                    .or(p.src.clone())
                    .or(p.path.clone())
            }),
            caption: first.and_then(|PhotoValue(p)| p.caption.clone()).or(caption),
            credit: first
                .and_then(|PhotoValue(p)| p.credit.clone())
                .or(self.credit.clone()),
            credit_org: first
                .and_then(|PhotoValue(p)| p.credit_org.clone())
                .or(self.credit_org.clone()),
            ..PhotoFields::default()
        };
        for PhotoValue(p) in std::iter::once(&PhotoValue(lead))
            .chain(images)
            .chain(&self.photos.0)
            .chain(&self.images.0)
        {
            if let Some(photo) = photo_from(p) {
                push_photo(&mut out, photo);
            }
        }
        out
    }
}

/// A photo from its fields; `None` when it has neither an image nor a caption.
fn photo_from(p: &PhotoFields) -> Option<Photo> {
    let url = text(&p.url)
        .or_else(|| text(&p.image))
        .or_else(|| text(&p.src))
        .or_else(|| text(&p.path));
    let caption = text(&p.caption).map(|c| collapse(&c)).unwrap_or_default();
    let org = text(&p.credit_org).map(|c| collapse(&c));
    let (caption, credit) = match &p.credit {
        Some(CreditValue::Parts(parts)) => {
            let name = text(&parts.name).map(|c| collapse(&c));
            let org = text(&parts.organization).map(|c| collapse(&c)).or(org);
            match (name, org) {
                (None, None) => caption_and_credit(&caption, None, None),
                (name, org) => (caption, Credit::new(name, org)),
            }
        }
        Some(CreditValue::Line(line)) => {
            let line = line.get().map(|c| collapse(&c));
            caption_and_credit(&caption, line.as_deref(), org)
        }
        None => caption_and_credit(&caption, None, org),
    };
    if url.is_none() && caption.is_empty() && credit.is_empty() {
        return None;
    }
    let mut photo = Photo::new(caption, credit);
    photo.url = url;
    Some(photo)
}

/// Splits the credit from the caption the way the fields allow: an explicit
/// organization is taken as given; a lone credit is split with [`parse_credit`]; with no
/// credit, one at the end of the caption is split off. A caption that repeats the
/// credit at its end loses the copy.
pub(crate) fn caption_and_credit(
    caption: &str,
    credit: Option<&str>,
    org: Option<String>,
) -> (String, Credit) {
    let Some(credit) = credit.filter(|c| !c.is_empty()) else {
        let (caption, mut parsed) = split_caption(caption);
        if org.is_some() {
            parsed.organization = org;
        }
        return (caption, parsed);
    };
    let caption = caption
        .strip_suffix(&format!("({credit})"))
        .or_else(|| caption.strip_suffix(credit))
        .map(|c| c.trim_end().trim_end_matches(['|', '—', '–']).trim_end())
        .unwrap_or(caption)
        .to_string();
    let credit = match org {
        Some(org) => Credit::new(Some(credit.to_string()), Some(org)),
        None => parse_credit(credit),
    };
    (caption, credit)
}

/// Adds a photo unless the same image (or, without images, the same caption) is
/// already there; a copy with more detail fills in what the first one lacks.
pub(crate) fn push_photo(photos: &mut Vec<Photo>, photo: Photo) {
    let same = |p: &Photo| match (&p.url, &photo.url) {
        (Some(a), Some(b)) => a == b,
        (None, None) | (None, Some(_)) | (Some(_), None) => {
            !photo.caption.is_empty() && p.caption == photo.caption
        }
    };
    match photos.iter_mut().find(|p| same(p)) {
        Some(existing) => {
            if existing.url.is_none() {
                existing.url = photo.url;
            }
            if existing.caption.is_empty() {
                existing.caption = photo.caption;
            }
            if existing.credit.is_empty() {
                existing.credit = photo.credit;
            }
        }
        None => photos.push(photo),
    }
}

fn parse_date(value: &DateValue, ctx: &Context<'_>) -> std::result::Result<Date, String> {
    match value {
        DateValue::Text(t) => crate::date::parse(t, ctx).map_err(|e| e.to_string()),
        DateValue::Unix(n) => {
            let (secs, nanos) = if *n >= UNIX_MILLIS_MIN {
                (n.div_euclid(1000), (n.rem_euclid(1000) * 1_000_000) as u32)
            } else {
                (*n, 0)
            };
            chrono::DateTime::from_timestamp(secs, nanos)
                .map(|d| d.fixed_offset())
                .ok_or_else(|| format!("{n} is out of range as a Unix time"))
        }
    }
}

/// The date in a Jekyll-style file name, `2024-03-01-some-title.md`, at midnight in
/// the file's time zone.
fn date_from_file_name(rel_path: &str, ctx: &Context<'_>) -> Option<Date> {
    let name = rel_path.rsplit('/').next()?;
    let head = name.get(..10)?;
    let rest = &name[10..];
    if !(rest.starts_with('-') || rest.starts_with('_') || rest.starts_with('.')) {
        return None;
    }
    let day = chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?;
    Some(crate::date::localize(
        day.and_time(chrono::NaiveTime::MIN),
        ctx.timezone,
        ctx,
    ))
}

/// True for `https://…`, `urn:…`, `tag:…`: text with a scheme.
fn is_absolute_uri(s: &str) -> bool {
    url::Url::parse(s).is_ok() && !s.contains(char::is_whitespace)
}

/// A byline without its leading "By ".
fn strip_by(name: &str) -> String {
    let n = name.trim();
    let rest = n
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case("by "))
        .map_or(n, |_| &n[3..]);
    collapse(rest)
}

/// Runs of whitespace (newlines in folded YAML) as single spaces.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an HTML fragment: tags dropped, common entities decoded, spaces collapsed.
pub(crate) fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = collapse(&decode_entities(&text));
    // Tags replaced by spaces leave a space before punctuation: "<em>Caption</em>."
    text.replace(" .", ".").replace(" ,", ",")
}

/// Decodes the entities that appear in captions and URLs.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&#160;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&copy;", "©")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// serde_json's message without its " at line L column C" tail (callers give the line
/// separately, counted from the file's start).
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The field names a derived `Deserialize` struct accepts, read from serde itself by a
/// deserializer that records what it is asked for (used to keep the JSON Schema honest).
#[cfg(test)]
pub(crate) fn field_names<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    struct Probe<'a>(&'a mut Vec<&'static str>);

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.extend_from_slice(fields);
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }

    let mut names = Vec::new();
    let _ = T::deserialize(Probe(&mut names));
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn cfg() -> Config {
        Config::for_site("https://news.example.org/", chrono_tz::America::New_York)
    }

    fn item_from_json(json: &str) -> Result<Item> {
        let config = cfg();
        let ctx = Context::new(&config, "a.json");
        let src = Source::from_text("a.json", json);
        let fields: Fields = serde_json::from_str(json).map_err(|e| src.error(None, e.to_string()))?;
        let origin = Origin {
            src: &src,
            line_of: &|_| None,
            line: None,
            fallback_id: "fallback".into(),
        };
        fields.into_item(RenderedBody::default(), &origin, &ctx)
    }

    #[test]
    fn schema_lists_exactly_the_accepted_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schema/article.schema.json")).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"].as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let names = |mut v: Vec<&str>| -> Vec<String> {
            v.sort_unstable();
            v.into_iter().map(String::from).collect()
        };
        assert_eq!(keys(&schema), names(field_names::<Fields>()));
        assert_eq!(
            keys(&schema["$defs"]["photo"]["anyOf"][1]),
            names(field_names::<PhotoFields>())
        );
        assert_eq!(
            keys(&schema["$defs"]["author"]["anyOf"][1]),
            names(field_names::<AuthorFields>())
        );
        assert_eq!(
            keys(&schema["$defs"]["credit"]["anyOf"][1]),
            names(field_names::<CreditFields>())
        );
        assert_eq!(
            keys(&schema["properties"]["body"]["anyOf"][2]),
            names(field_names::<BodyFields>())
        );
        assert_eq!(
            keys(&schema["properties"]["taxonomies"]),
            names(field_names::<Taxonomies>())
        );
    }

    #[test]
    fn dates_come_from_text_unix_times_and_the_first_field_present() {
        let item = item_from_json(
            r#"{"title":"T","publishDate":"2024-03-01T09:30:00-05:00","date":"2024-02-01T08:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(item.published.to_rfc3339(), "2024-02-01T08:00:00+00:00");
        let item =
            item_from_json(r#"{"title":"T","date_published":1700000000,"lastmod":1700000600000}"#).unwrap();
        assert_eq!(item.published.to_rfc3339(), "2023-11-14T22:13:20+00:00");
        assert_eq!(item.updated.unwrap().to_rfc3339(), "2023-11-14T22:23:20+00:00");
    }

    #[test]
    fn an_unreadable_update_is_a_warning_not_an_error() {
        let config = cfg();
        let ctx = Context::new(&config, "a.json");
        let src = Source::from_text("a.json", "");
        let fields: Fields =
            serde_json::from_str(r#"{"title":"T","date":"2024-03-01","updated":"soon"}"#).unwrap();
        let origin = Origin {
            src: &src,
            line_of: &|f| (f == "updated").then_some(4),
            line: None,
            fallback_id: "x".into(),
        };
        let item = fields.into_item(RenderedBody::default(), &origin, &ctx).unwrap();
        assert_eq!(item.updated, None);
        assert_eq!(
            ctx.into_warnings(),
            ["line 4: updated: \"soon\" is not a date wirefeed understands; ignored"]
        );
    }

    #[test]
    fn missing_title_and_date_name_the_file() {
        let err = item_from_json(r#"{"date":"2024-03-01"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.json: no title: add a `title` field (or start the text with a `# heading`)"
        );
        let item = item_from_json(r#"{"title":"T"}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(item.date_source, DateSource::FirstSeen);
    }

    #[test]
    fn jekyll_file_names_give_a_date() {
        let config = cfg();
        let ctx = Context::new(&config, "_posts/2019-07-04-parade.md");
        assert_eq!(
            date_from_file_name("_posts/2019-07-04-parade.md", &ctx)
                .unwrap()
                .to_rfc3339(),
            "2019-07-04T00:00:00-04:00"
        );
        assert_eq!(date_from_file_name("posts/parade-2019-07-04.md", &ctx), None);
    }

    #[test]
    fn ids_prefer_id_then_url_then_the_fallback() {
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01","id":"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66","url":"/a"}"#).unwrap();
        assert_eq!(item.id, "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66");
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01","id":4711}"#).unwrap();
        assert_eq!(item.id, "tag:news.example.org,2000:4711");
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01","url":"/world/a.html"}"#).unwrap();
        assert_eq!(item.id, "https://news.example.org/world/a.html");
        assert_eq!(item.url.as_deref(), Some("https://news.example.org/world/a.html"));
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01","slug":"city-budget"}"#).unwrap();
        assert_eq!(item.url.as_deref(), Some("https://news.example.org/city-budget"));
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01"}"#).unwrap();
        assert_eq!(item.id, "fallback");
        assert_eq!(item.url, None);
    }

    #[test]
    fn authors_accept_strings_lists_and_tables() {
        let item = item_from_json(
            r#"{"title":"T","date":"2024-03-01","author":"By Ana Lima",
                "authors":[{"name":"Kofi Mensah","email":"kofi@example.org","url":"https://example.org/kofi"},"ana lima"]}"#,
        )
        .unwrap();
        let names: Vec<&str> = item.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Ana Lima", "Kofi Mensah"]);
        assert_eq!(item.authors[1].email.as_deref(), Some("kofi@example.org"));
        assert_eq!(item.authors[1].url.as_deref(), Some("https://example.org/kofi"));
    }

    #[test]
    fn tags_merge_categories_and_taxonomies_without_duplicates() {
        let item = item_from_json(
            r#"{"title":"T","date":"2024-03-01","tags":"Transit","categories":["Local","transit"],
                "taxonomies":{"tags":["Budget"],"categories":"Opinion"}}"#,
        )
        .unwrap();
        assert_eq!(item.tags, ["Transit", "Local", "Budget", "Opinion"]);
    }

    #[test]
    fn summary_falls_back_to_description() {
        let item = item_from_json(r#"{"title":"T","date":"2024-03-01","description":"Short."}"#).unwrap();
        assert_eq!(item.summary.as_deref(), Some("Short."));
        let item =
            item_from_json(r#"{"title":"T","date":"2024-03-01","description":"D","summary":"S"}"#).unwrap();
        assert_eq!(item.summary.as_deref(), Some("S"));
    }

    #[test]
    fn the_lead_image_and_the_photo_list_merge() {
        let item = item_from_json(
            r#"{"title":"T","date":"2024-03-01",
                "image":"https://img.example.org/1.jpg","caption":"Crews clear snow.","credit":"Lena Park/Getty Images",
                "photos":[{"image":"https://img.example.org/1.jpg","caption":"Crews clear snow.","credit":"Lena Park/Getty Images"},
                          {"src":"/img/2.jpg","caption":"A plow.","credit":"Omar Said","credit_org":"The Daily Ledger"}]}"#,
        )
        .unwrap();
        assert_eq!(item.photos.len(), 2);
        assert_eq!(
            item.photos[0].url.as_deref(),
            Some("https://img.example.org/1.jpg")
        );
        assert_eq!(item.photos[0].caption, "Crews clear snow.");
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Lena Park".into()), Some("Getty Images".into()))
        );
        assert_eq!(item.photos[1].url.as_deref(), Some("/img/2.jpg"));
        assert_eq!(
            item.photos[1].credit,
            Credit::new(Some("Omar Said".into()), Some("The Daily Ledger".into()))
        );
    }

    #[test]
    fn a_credit_repeated_at_the_end_of_the_caption_is_cut() {
        let (caption, credit) = caption_and_credit(
            "Fans cheer. (Lena Park/Getty Images)",
            Some("Lena Park/Getty Images"),
            None,
        );
        assert_eq!(caption, "Fans cheer.");
        assert_eq!(
            credit,
            Credit::new(Some("Lena Park".into()), Some("Getty Images".into()))
        );
    }

    #[test]
    fn a_caption_without_a_credit_field_has_its_credit_split_off() {
        let (caption, credit) = caption_and_credit("Fans cheer in the rain. Rui Costa AP Photo", None, None);
        assert_eq!(caption, "Fans cheer in the rain.");
        assert_eq!(
            credit,
            Credit::new(Some("Rui Costa".into()), Some("AP Photo".into()))
        );
    }

    #[test]
    fn hugo_params_and_zola_extra_fill_in_missing_fields() {
        let f: Fields = serde_json::from_str(
            r#"{"title":"Top","params":{"title":"Nested","author":"Ama Owusu","image":"/a.jpg"},
                "extra":{"caption":"A caption.","author":"Not used"}}"#,
        )
        .unwrap();
        let f = f.with_nested();
        assert_eq!(f.title().as_deref(), Some("Top"));
        assert_eq!(f.authors()[0].name, "Ama Owusu");
        let photos = f.photos();
        assert_eq!(photos[0].url.as_deref(), Some("/a.jpg"));
        assert_eq!(photos[0].caption, "A caption.");
    }

    #[test]
    fn wordpress_rest_api_records() {
        let item = item_from_json(
            r#"{"id":118,"date":"2018-01-24T10:27:00","link":"https://news.example.org/?p=118",
                "title":{"rendered":"Envoys meet in Paris"},"author":7,
                "content":{"rendered":"<p>Talks went on.</p>","protected":false}}"#,
        )
        .unwrap();
        assert_eq!(item.title, "Envoys meet in Paris");
        assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
        assert_eq!(item.id, "tag:news.example.org,2000:118");
        assert_eq!(item.url.as_deref(), Some("https://news.example.org/?p=118"));
        assert_eq!(item.authors, []);
    }

    #[test]
    fn what_inspect_prints_loads_back() {
        let config = cfg();
        let cfg_ctx = Context::new(&config, "a.md");
        let src = Source::from_text(
            "a.md",
            "---\ntitle: Round trip\ndate: 2020-02-02T02:02:00Z\nimage: /p.jpg\ncaption: A caption.\ncredit: Ann Lee/AFP\n---\nText.\n",
        );
        use crate::load::Loader;
        let original = crate::load::markdown::MarkdownLoader
            .load(&src, &cfg_ctx)
            .unwrap();
        let printed = serde_json::to_string(&original[0]).unwrap();
        let again = item_from_json(&printed).unwrap();
        assert_eq!(again.title, original[0].title);
        assert_eq!(again.id, original[0].id);
        assert_eq!(again.published, original[0].published);
        assert_eq!(again.photos, original[0].photos);
        assert_eq!(again.tags, original[0].tags);
        let f: Fields = serde_json::from_str(&printed).unwrap();
        assert!(matches!(f.body, Some(BodyValue::Html(ref h)) if h == "<p>Text.</p>\n"));
    }

    #[test]
    fn ghost_style_records() {
        let item = item_from_json(
            r#"{"title":"Harbor plan","published_at":"2022-06-01T12:00:00.000Z","updated_at":"2022-06-02T08:00:00.000Z",
                "feature_image":"https://cdn.example.org/harbor.jpg",
                "feature_image_caption":"Cranes at the port. <a href=\"https://x.example\">Ivo Petrov</a> AP Photo",
                "tags":[{"name":"Port","slug":"port"},{"name":"Economy"}],"authors":[{"name":"Rosa Díaz","slug":"rosa"}],
                "excerpt":"The port grows."}"#,
        )
        .unwrap();
        assert_eq!(item.published.to_rfc3339(), "2022-06-01T12:00:00+00:00");
        assert_eq!(item.updated.unwrap().to_rfc3339(), "2022-06-02T08:00:00+00:00");
        assert_eq!(item.tags, ["Port", "Economy"]);
        assert_eq!(item.authors[0].name, "Rosa Díaz");
        assert_eq!(item.summary.as_deref(), Some("The port grows."));
        assert_eq!(item.photos.len(), 1);
        assert_eq!(
            item.photos[0].url.as_deref(),
            Some("https://cdn.example.org/harbor.jpg")
        );
        assert_eq!(item.photos[0].caption, "Cranes at the port.");
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Ivo Petrov".into()), Some("AP Photo".into()))
        );
    }

    #[test]
    fn several_images_in_image() {
        let item = item_from_json(
            r#"{"title":"T","date":"2024-03-01","image":["/a.jpg","/b.jpg"],"caption":"First."}"#,
        )
        .unwrap();
        let urls: Vec<_> = item.photos.iter().map(|p| p.url.as_deref()).collect();
        assert_eq!(urls, [Some("/a.jpg"), Some("/b.jpg")]);
        assert_eq!(item.photos[0].caption, "First.");
        assert_eq!(item.photos[1].caption, "");
    }

    #[test]
    fn drafts_and_lenient_scalars() {
        let f: Fields = serde_json::from_str(r#"{"draft":"yes","title":1984}"#).unwrap();
        assert!(f.is_draft());
        assert_eq!(f.title().as_deref(), Some("1984"));
        let f: Fields = serde_json::from_str(r#"{"draft":false,"tags":null}"#).unwrap();
        assert!(!f.is_draft());
        assert!(f.tags.0.is_empty());
    }
}
