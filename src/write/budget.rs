//! The size budget: no feed a build writes is over `max_feed_bytes` (default
//! [`crate::check::MAX_SIZE`], the 1 MiB that feed services accept and `wirefeed check`
//! enforces).
//!
//! An item adds the same bytes to every document it is in (its HTML is rendered once
//! and its element does not depend on the document), so a feed file's size is the size
//! of the document without items plus its items' sizes in that format. A build first
//! renders its feeds with `limit` items and checks each file as it is staged: when all
//! fit, that is all (it costs nothing). Otherwise — or when the item sizes kept from an
//! earlier build already show that a feed [cannot fit](surely_over) — it measures the
//! items ([`item_sizes`], kept in the state), bounds the rest of a document
//! ([`overhead`]), and [`fit`] finds the largest number of items per feed, at most
//! `limit`, for which the main feed, every archive page and every tag feed fit in every
//! format. The feeds then hold that many of the newest items, and the archive pages,
//! paged by that number, hold the rest. Either way the number depends only on the items,
//! so an incremental build and a full one agree.

use rayon::prelude::*;

use super::site::{ARCHIVE_DIR, Split, TAGS_DIR};
use super::{Document, Paging, Rendered, feed_writers};
use crate::error::Result;
use crate::item::{Feed, Item};
use crate::template::Templates;

/// Bytes added to each document's measured overhead for what varies between
/// documents by a few bytes (dates, page numbers in links).
pub const MARGIN: usize = 4096;

/// The bytes each of `items` adds to a feed document of `site`, per format (in
/// [`super::feed_writers`] order).
pub fn item_sizes(
    site: &Feed,
    templates: &Templates,
    full_content: bool,
    items: Vec<Item>,
) -> Result<Vec<Vec<usize>>> {
    let feed = Feed {
        items,
        ..site.clone()
    };
    let rendered = Rendered::new(&feed, templates, full_content)?;
    let doc = |indices: Vec<usize>| {
        Document::new(&rendered, feed.title.clone(), feed.feed_base_url.clone(), indices)
    };
    let empty: Vec<usize> = feed_writers()
        .map(|w| Ok(w.write(&doc(Vec::new()))?.len()))
        .collect::<Result<_>>()?;
    (0..feed.items.len())
        .into_par_iter()
        .map(|i| {
            feed_writers()
                .zip(&empty)
                .map(|(w, empty)| Ok(w.write(&doc(vec![i]))?.len().saturating_sub(*empty)))
                .collect()
        })
        .collect()
}

/// Per format, an upper bound of the bytes of a document of `site` without its items:
/// the larger of an archive page with every link and a live feed titled `title` (the
/// longest document title of the site) in the deepest folder, plus [`MARGIN`].
pub fn overhead(site: &Feed, templates: &Templates, full_content: bool, title: &str) -> Result<Vec<usize>> {
    let feed = Feed {
        items: Vec::new(),
        ..site.clone()
    };
    let rendered = Rendered::new(&feed, templates, full_content)?;
    let page = |k: usize| format!("{}{ARCHIVE_DIR}/{k}/", feed.feed_base_url);
    let deepest = format!("{}{TAGS_DIR}/{}/", feed.feed_base_url, "x".repeat(80));
    let mut live = Document::new(&rendered, title.to_string(), deepest.clone(), Vec::new());
    live.paging.prev_archive = Some(page(usize::MAX));
    live.stylesheet = Some(format!("../../{}", super::Writer::file_name(&super::style::CSS)));
    let mut archive = Document::new(&rendered, title.to_string(), deepest, Vec::new());
    archive.paging = Paging {
        archive: true,
        current: Some(feed.feed_base_url.clone()),
        prev_archive: Some(page(usize::MAX)),
        next_archive: Some(page(usize::MAX)),
    };
    archive.stylesheet = live.stylesheet.clone();
    feed_writers()
        .map(|w| Ok(w.write(&live)?.len().max(w.write(&archive)?.len()) + MARGIN))
        .collect()
}

/// The documents of a site of `n` items with `per_feed` items per feed (0: all), as
/// ranges of their items' positions (main feed, archive pages) and counts of each tag
/// list's newest items.
fn documents(n: usize, per_feed: usize) -> (Vec<std::ops::Range<usize>>, usize) {
    let split = Split::new(n, per_feed);
    let ranges = std::iter::once(0..split.main)
        .chain((1..=split.pages).map(|k| split.page(k)))
        .collect();
    (ranges, if per_feed == 0 { usize::MAX } else { per_feed })
}

/// Sums of item sizes per format, for every document of the site with `per_feed`
/// items per feed: `(items in the document, bytes per format)`.
fn document_sums(sizes: &[Vec<usize>], tags: &[Vec<usize>], per_feed: usize) -> Vec<(usize, Vec<usize>)> {
    let formats = sizes.first().map_or(0, Vec::len);
    let (ranges, tag_items) = documents(sizes.len(), per_feed);
    let sum = |positions: &mut dyn Iterator<Item = usize>| {
        let mut count = 0;
        let mut bytes = vec![0usize; formats];
        for i in positions {
            count += 1;
            for (b, s) in bytes.iter_mut().zip(&sizes[i]) {
                *b = b.saturating_add(*s);
            }
        }
        (count, bytes)
    };
    let mut sums: Vec<(usize, Vec<usize>)> = ranges.into_iter().map(|r| sum(&mut r.into_iter())).collect();
    sums.extend(tags.iter().map(|t| sum(&mut t.iter().copied().take(tag_items))));
    sums
}

/// The number of items per feed (and per archive page) for which every feed fits
/// `max` bytes in every format: `limit` when it does (0: every item in the main and
/// tag feeds), else the largest smaller number that does. `sizes` are the items'
/// sizes per format, newest first; `tags` each tag's items (positions, newest first);
/// `overhead` a document's bytes without items, per format. A feed of a single item
/// always counts as fitting: nothing smaller can be written (see [`oversized`]).
pub fn fit(sizes: &[Vec<usize>], tags: &[Vec<usize>], limit: usize, max: usize, overhead: &[usize]) -> usize {
    let all_fit = |per_feed: usize| {
        document_sums(sizes, tags, per_feed).iter().all(|(count, bytes)| {
            *count <= 1
                || bytes
                    .iter()
                    .zip(overhead)
                    .all(|(b, o)| b.saturating_add(*o) <= max)
        })
    };
    if all_fit(limit) {
        return limit;
    }
    // No feed holds more items than the newest that fit in the main feed alone.
    let n = sizes.len();
    let start = if limit == 0 { n } else { limit.min(n) };
    let mut main_most = 1;
    let mut bytes = vec![0usize; overhead.len()];
    for (k, item) in sizes.iter().take(start).enumerate() {
        for (b, s) in bytes.iter_mut().zip(item) {
            *b = b.saturating_add(*s);
        }
        if bytes
            .iter()
            .zip(overhead)
            .any(|(b, o)| b.saturating_add(*o) > max)
        {
            break;
        }
        main_most = k + 1;
    }
    (1..=main_most).rev().find(|&k| all_fit(k)).unwrap_or(1)
}

/// Whether some feed of `limit` items (0: all) is certainly over `max` bytes, from its
/// items' sizes alone (every document is larger than its items), allowing `SLACK`
/// bytes per item for what varies with the document. Sound: when it says so, rendering
/// the feeds with `limit` items would find a file over `max`.
pub fn surely_over(sizes: &[Vec<usize>], tags: &[Vec<usize>], limit: usize, max: usize) -> bool {
    const SLACK: usize = 64;
    document_sums(sizes, tags, limit)
        .iter()
        .any(|(count, bytes)| *count > 1 && bytes.iter().any(|b| b.saturating_sub(SLACK * count) > max))
}

/// The positions of the items that alone make a feed over `max` bytes in some format.
pub fn oversized(sizes: &[Vec<usize>], max: usize, overhead: &[usize]) -> Vec<usize> {
    (0..sizes.len())
        .filter(|&i| {
            sizes[i]
                .iter()
                .zip(overhead)
                .any(|(s, o)| s.saturating_add(*o) > max)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items of one size in a single format.
    fn one(sizes: &[usize]) -> Vec<Vec<usize>> {
        sizes.iter().map(|&s| vec![s]).collect()
    }

    #[test]
    fn the_limit_stays_when_every_feed_fits() {
        assert_eq!(fit(&one(&[10; 9]), &[vec![0, 1, 2]], 3, 100, &[20]), 3);
        assert_eq!(fit(&one(&[10; 9]), &[], 0, 200, &[20]), 0);
        assert!(!surely_over(&one(&[10; 9]), &[], 0, 200));
    }

    #[test]
    fn the_feeds_hold_fewer_items_when_the_newest_are_too_big() {
        // 30 bytes of overhead, 100 at most: 7 items of 10 fit, not 8.
        assert_eq!(fit(&one(&[10; 20]), &[], 10, 100, &[30]), 7);
        // Every item in one feed is too big: pages of the most that fit.
        assert_eq!(fit(&one(&[10; 20]), &[], 0, 100, &[30]), 7);
        // An archive page of big items decides, though the main feed would fit 7:
        // items 5..20 are 30 bytes, so pages of 2.
        let mut sizes = vec![10; 5];
        sizes.extend([30; 15]);
        assert_eq!(fit(&one(&sizes), &[], 10, 100, &[30]), 2);
        // A tag feed of big items decides too: main and archive fit 4 (60 and 40
        // bytes), but the tag's newest 3 make 75.
        let sizes = one(&[25, 5, 25, 5, 25, 5, 5, 5]);
        assert_eq!(fit(&sizes, &[vec![0, 2, 4]], 4, 100, &[30]), 2);
        assert_eq!(fit(&sizes, &[], 4, 100, &[30]), 4);
    }

    #[test]
    fn every_format_must_fit_on_its_own() {
        // Items alternate between big in the first format and in the second: each
        // format's file is what counts, not the sum of each item's largest.
        let sizes = vec![vec![40, 10], vec![10, 40], vec![40, 10], vec![10, 40]];
        assert_eq!(fit(&sizes, &[], 4, 100, &[0, 0]), 4);
        assert!(!surely_over(&sizes, &[], 4, 100));
        assert_eq!(fit(&sizes, &[], 4, 90, &[0, 0]), 3);
        assert!(surely_over(&vec![vec![1000, 10]; 4], &[], 4, 100));
    }

    #[test]
    fn an_item_too_big_alone_still_gets_a_feed_of_its_own() {
        assert_eq!(fit(&one(&[500, 10, 10]), &[], 3, 100, &[30]), 1);
        assert_eq!(oversized(&one(&[500, 10, 10]), 100, &[30]), [0]);
    }
}
