//! The scraped-text layout: caption block, headline, dateline, body paragraphs.
//! (Minimal first version; see the README for the layout.)

use super::{Context, Loader, Source, tag_id};
use crate::error::Result;
use crate::item::{Body, Item};

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
        let blocks: Vec<&str> = src
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .collect();
        let (title, date_idx) = blocks
            .iter()
            .enumerate()
            .find_map(|(i, b)| crate::date::parse(b, ctx).ok().map(|_| (blocks[i - 1], i)))
            .ok_or_else(|| src.error(None, "no dateline found"))?;
        let published =
            crate::date::parse(blocks[date_idx], ctx).map_err(|e| src.error(None, e.to_string()))?;
        let mut item = Item::new(tag_id(ctx.config, &src.rel_path), title, published);
        item.body = Body::Paragraphs(blocks[date_idx + 1..].iter().map(|s| s.to_string()).collect());
        Ok(vec![item])
    }
}
