//! The page's `<meta>` and `<link>` elements: Open Graph (`og:*`, `article:*`),
//! Twitter cards, Dublin Core, `name=author`, `rel=canonical`, `<base href>`.

use scraper::Html;

/// The metadata of a page, in document order.
#[derive(Debug, Default)]
pub(super) struct Meta {
    /// `(key, content)`: key is the lower-cased `property`, `name` or `itemprop`.
    entries: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub(super) canonical: Option<String>,
    /// `<base href>`.
    pub(super) base: Option<String>,
}

impl Meta {
    /// Reads every `<meta>` with content and the canonical and base links.
    pub(super) fn from_doc(doc: &Html) -> Self {
        let mut meta = Meta::default();
        for el in doc.root_element().descendent_elements() {
            match el.value().name() {
                "meta" => {
                    let Some(content) = el.attr("content") else {
                        continue;
                    };
                    // Content double-escaped by its CMS (`&amp;#8217;`) is decoded once more.
                    let content = collapse(&crate::load::entities::decode(content));
                    if content.is_empty() {
                        continue;
                    }
                    for attr in ["property", "name", "itemprop"] {
                        if let Some(key) = el.attr(attr) {
                            meta.entries
                                .push((key.trim().to_ascii_lowercase(), content.clone()));
                        }
                    }
                }
                "link" => {
                    let rel = el.attr("rel").unwrap_or_default().to_ascii_lowercase();
                    if let Some(href) = el.attr("href").map(str::trim).filter(|h| !h.is_empty())
                        && rel.split_whitespace().any(|r| r == "canonical")
                        && meta.canonical.is_none()
                    {
                        meta.canonical = Some(href.to_string());
                    }
                }
                "base" if meta.base.is_none() => {
                    meta.base = el
                        .attr("href")
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty());
                }
                _ => {}
            }
        }
        meta
    }

    /// The first value for any of `keys`, trying the keys in order.
    pub(super) fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.entries
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every `(key, content)` pair, in document order.
    pub(super) fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// Every value for `key`, in document order.
    pub(super) fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Collapses runs of white space to one space and trims.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
