//! The size budget: no feed a build writes is over `max_feed_bytes` (default
//! [`crate::check::MAX_SIZE`], the 1 MiB that feed services accept and `wirefeed check`
//! enforces).
//!
//! An item adds the same bytes to every document it is in (its HTML is rendered once
//! and its element does not depend on the document), so a feed's size is the size of
//! the document without items plus its items' sizes. [`item_sizes`] measures items, in
//! every format (the largest counts); [`overhead`] bounds the rest of a document; and
//! [`fit`] finds the largest number of items per feed, at most `limit`, for which the
//! main feed, every archive page and every tag feed fit. The feeds then hold that many
//! of the newest items, and the archive pages, paged by that number, hold the rest.

use rayon::prelude::*;

use super::site::{ARCHIVE_DIR, FEED_CSS, Split, TAGS_DIR};
use super::{Document, Paging, Rendered, WRITERS};
use crate::error::Result;
use crate::item::{Feed, Item};
use crate::template::Templates;

/// Bytes added to each document's measured overhead for what varies between
/// documents by a few bytes (dates, page numbers in links).
pub const MARGIN: usize = 4096;

/// The bytes each of `items` adds to a feed document of `site`: the most over the
/// formats.
pub fn item_sizes(
    site: &Feed,
    templates: &Templates,
    full_content: bool,
    items: Vec<Item>,
) -> Result<Vec<usize>> {
    let feed = Feed {
        items,
        ..site.clone()
    };
    let rendered = Rendered::new(&feed, templates, full_content)?;
    let doc = |indices: Vec<usize>| {
        Document::new(&rendered, feed.title.clone(), feed.feed_base_url.clone(), indices)
    };
    let empty: Vec<usize> = WRITERS
        .iter()
        .map(|w| Ok(w.write(&doc(Vec::new()))?.len()))
        .collect::<Result<_>>()?;
    (0..feed.items.len())
        .into_par_iter()
        .map(|i| {
            let mut size = 0;
            for (w, empty) in WRITERS.iter().zip(&empty) {
                size = size.max(w.write(&doc(vec![i]))?.len().saturating_sub(*empty));
            }
            Ok(size)
        })
        .collect()
}

/// An upper bound of the bytes of a document of `site` without its items: the larger
/// of an archive page with every link and a live feed titled `title` (the longest
/// document title of the site) in the deepest folder, plus [`MARGIN`].
pub fn overhead(site: &Feed, templates: &Templates, full_content: bool, title: &str) -> Result<usize> {
    let feed = Feed {
        items: Vec::new(),
        ..site.clone()
    };
    let rendered = Rendered::new(&feed, templates, full_content)?;
    let page = |k: usize| format!("{}{ARCHIVE_DIR}/{k}/", feed.feed_base_url);
    let deepest = format!("{}{TAGS_DIR}/{}/", feed.feed_base_url, "x".repeat(80));
    let mut live = Document::new(&rendered, title.to_string(), deepest.clone(), Vec::new());
    live.paging.prev_archive = Some(page(usize::MAX));
    live.stylesheet = Some(format!("../../{FEED_CSS}"));
    let mut archive = Document::new(&rendered, title.to_string(), deepest, Vec::new());
    archive.paging = Paging {
        archive: true,
        current: Some(feed.feed_base_url.clone()),
        prev_archive: Some(page(usize::MAX)),
        next_archive: Some(page(usize::MAX)),
    };
    archive.stylesheet = live.stylesheet.clone();
    let mut most = 0;
    for w in WRITERS {
        for doc in [&live, &archive] {
            most = most.max(w.write(doc)?.len());
        }
    }
    Ok(most + MARGIN)
}

/// The number of items per feed (and per archive page) for which every feed fits
/// `max` bytes: `limit` when it does (0: every item in the main and tag feeds), else
/// the largest smaller number that does. `sizes` are the items' sizes, newest first;
/// `tags` each tag's items (positions, newest first); `overhead` a document's bytes
/// without items. A feed of a single item always counts as fitting: nothing smaller
/// can be written (see [`oversized`]).
pub fn fit(sizes: &[usize], tags: &[Vec<usize>], limit: usize, max: usize, overhead: usize) -> usize {
    let n = sizes.len();
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0usize);
    for s in sizes {
        prefix.push(prefix.last().copied().unwrap_or(0).saturating_add(*s));
    }
    let tag_prefix: Vec<Vec<usize>> = tags
        .iter()
        .map(|t| {
            let mut p = vec![0usize];
            for &i in t {
                p.push(p.last().copied().unwrap_or(0).saturating_add(sizes[i]));
            }
            p
        })
        .collect();
    let fits = |count: usize, bytes: usize| count <= 1 || overhead.saturating_add(bytes) <= max;
    let all_fit = |per_feed: usize| {
        let split = Split::new(n, per_feed);
        let feed_items = if per_feed == 0 { usize::MAX } else { per_feed };
        fits(split.main, prefix[split.main])
            && (1..=split.pages).all(|k| {
                let r = split.page(k);
                fits(r.len(), prefix[r.end] - prefix[r.start])
            })
            && tag_prefix.iter().all(|p| {
                let count = (p.len() - 1).min(feed_items);
                fits(count, p[count])
            })
    };
    if all_fit(limit) {
        return limit;
    }
    // No feed holds more items than the newest that fit in the main feed.
    let start = if limit == 0 { n } else { limit.min(n) };
    let main_most = (1..=start).rev().find(|&k| fits(k, prefix[k])).unwrap_or(1);
    (1..=main_most).rev().find(|&k| all_fit(k)).unwrap_or(1)
}

/// The positions of the items that alone make a feed over `max` bytes.
pub fn oversized(sizes: &[usize], max: usize, overhead: usize) -> Vec<usize> {
    (0..sizes.len())
        .filter(|&i| overhead.saturating_add(sizes[i]) > max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_stays_when_every_feed_fits() {
        assert_eq!(fit(&[10; 9], &[vec![0, 1, 2]], 3, 100, 20), 3);
        assert_eq!(fit(&[10; 9], &[], 0, 200, 20), 0);
    }

    #[test]
    fn the_feeds_hold_fewer_items_when_the_newest_are_too_big() {
        // 30 bytes of overhead, 100 at most: 7 items of 10 fit, not 8.
        assert_eq!(fit(&[10; 20], &[], 10, 100, 30), 7);
        // Every item in one feed is too big: pages of the most that fit.
        assert_eq!(fit(&[10; 20], &[], 0, 100, 30), 7);
        // An archive page of big items decides, though the main feed would fit 7:
        // items 5..20 are 30 bytes, so pages of 2.
        let mut sizes = vec![10; 5];
        sizes.extend([30; 15]);
        assert_eq!(fit(&sizes, &[], 10, 100, 30), 2);
        // A tag feed of big items decides too: main and archive fit 4 (60 and 40
        // bytes), but the tag's newest 3 make 75.
        let sizes = [25, 5, 25, 5, 25, 5, 5, 5];
        assert_eq!(fit(&sizes, &[vec![0, 2, 4]], 4, 100, 30), 2);
        assert_eq!(fit(&sizes, &[], 4, 100, 30), 4);
    }

    #[test]
    fn an_item_too_big_alone_still_gets_a_feed_of_its_own() {
        assert_eq!(fit(&[500, 10, 10], &[], 3, 100, 30), 1);
        assert_eq!(oversized(&[500, 10, 10], 100, 30), [0]);
    }
}
