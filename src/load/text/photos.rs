//! Photos: caption lines (above the headline) grouped into photos, with their credits.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use crate::item::Photo;
use crate::load::boilerplate::is_boilerplate;
use crate::load::credit::{parse_credit, split_caption};

/// Photo-widget words after a caption (`Buy Photo`, `Hide caption`, `Expand`).
pub(super) static CAPTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:buy photo|hide caption|toggle caption|show caption|expand|enlarge this image)\s*$")
        .unwrap_or_else(|e| panic!("caption tail pattern: {e}"))
});

/// Caption lines grouped into photos: copies of one caption (with or without the
/// credit) are one photo; different captions are different photos, in order of first
/// appearance.
pub(super) fn group_photos(lines: &[Line], extra: &[String]) -> Vec<Photo> {
    let mut photos: Vec<Photo> = Vec::new();
    for line in lines {
        let text = CAPTION_TAIL.replace(line.text.as_str(), "");
        let text = text.trim();
        if text.is_empty() || is_boilerplate(text, extra) || is_kicker(text) {
            continue;
        }
        let mut matched = false;
        for photo in &mut photos {
            let base = photo.caption.as_str();
            if text == base {
                matched = true;
            } else if let Some(rest) = text.strip_prefix(base).filter(|r| r.starts_with(' ')) {
                if photo.credit.is_empty() {
                    photo.credit = parse_credit(rest);
                }
                matched = true;
            } else if let Some(rest) = base.strip_prefix(text).filter(|r| r.starts_with(' ')) {
                // The first copy carried a credit the caption splitter did not know.
                if photo.credit.is_empty() {
                    photo.credit = parse_credit(rest);
                }
                photo.caption = text.to_string();
                matched = true;
            }
            if matched {
                break;
            }
        }
        if !matched {
            let (caption, credit) = split_caption(text);
            // A credit on a line of its own belongs to the photo above it.
            if caption.is_empty() {
                if let Some(p) = photos.last_mut()
                    && p.credit.is_empty()
                {
                    p.credit = credit;
                }
                continue;
            }
            // A copy with a credit may come after one whose credit we split off.
            if let Some(p) = photos.iter_mut().find(|p| p.caption == caption) {
                if p.credit.is_empty() {
                    p.credit = credit;
                }
                continue;
            }
            // Above the headline of a page copy are menus and labels too: a line is a
            // caption when it has a credit or reads as a sentence.
            if !credit.is_empty() || is_caption_sentence(&caption) {
                photos.push(Photo::new(caption, credit));
            }
        }
    }
    photos
}

/// A short label above the headline (`WORLD`, `Politics`, `Photo gallery`) rather than
/// a caption: a few words without sentence punctuation.
pub(super) fn is_kicker(text: &str) -> bool {
    text.split_whitespace().count() <= 3
        && !text.ends_with(['.', '!', '?', ')'])
        && split_caption(text).1.is_empty()
}

/// A caption without a credit: a sentence of four words or more (`The new library
/// branch opened Saturday in Lawrence.`), not a menu line (`Log in to your account`).
pub(super) fn is_caption_sentence(text: &str) -> bool {
    text.split_whitespace().count() >= 4
        && text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?'])
}
