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

mod body;
mod byline;
mod furniture;
mod header;
mod lines;
mod photos;
mod sidecar;

use super::{Context, Loader, Source, tag_id};
use crate::error::{Error, Result};
use crate::item::{Body, DateSource, Item};
use body::body_paragraphs;
pub use byline::parse_byline;
use byline::take_signoff;
use header::find_header;
use lines::{clean_lines, repair};
use photos::group_photos;
use sidecar::{Meta, split_front_matter};
#[cfg(test)]
use {
    crate::item::Credit,
    lines::{CharFix, char_fix, clean_line, needs_char_fix},
};

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

#[cfg(test)]
mod tests;
