//! What an element is for, judged from its structure: its tag, its `role`, its
//! `itemprop`, and the words of its `class` and `id` (`article-body`, `adSlot`,
//! `div-gpt-ad-3` become `article body`, `ad slot`, `div gpt ad 3`).
//!
//! Words are compared whole, so `header`, `shadow`, `download` and `address` are never
//! taken for ads, while `ad`, `ads`, `advert…`, `sponsor…` and `promo…` are.

use scraper::ElementRef;

/// The lower-case words of an element's `class` and `id` attributes (and of the
/// `data-testid` / `data-component` / `data-qa` / `data-module` attributes that
/// script-built pages name their parts with), split at punctuation and at camelCase
/// humps, plus each adjacent pair run together (`most-read` gives `most`, `read` and
/// `mostread`).
pub(super) fn words(el: ElementRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [
        "class",
        "id",
        "data-testid",
        "data-component",
        "data-qa",
        "data-module",
    ] {
        if let Some(value) = el.attr(attr) {
            split_words(value, &mut out);
        }
    }
    out
}

fn split_words(value: &str, out: &mut Vec<String>) {
    let start = out.len();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            word.extend(c.to_lowercase());
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    let pairs: Vec<String> = out[start..]
        .windows(2)
        .map(|w| format!("{}{}", w[0], w[1]))
        .collect();
    out.extend(pairs);
}

fn has_any(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
}

/// Advertising, sponsorship and promotion slots.
pub(super) fn is_ad(words: &[String]) -> bool {
    const ADS: &[&str] = &[
        "ad",
        "ads",
        "adv",
        "adslot",
        "adunit",
        "adcontainer",
        "adwrapper",
        "dfp",
        "outbrain",
        "taboola",
    ];
    words.iter().any(|w| {
        ADS.contains(&w.as_str())
            || w.starts_with("advert")
            || w.starts_with("sponsor")
            || w.starts_with("promo")
    })
}

/// Page chrome that never belongs in an article body: navigation, sharing, related
/// stories, newsletter and subscription prompts, comments, sidebars, bylines,
/// datelines, tag lists, captions and screen-reader-only labels.
pub(super) fn is_chrome(words: &[String]) -> bool {
    const CHROME: &[&str] = &[
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "share",
        "sharing",
        "sharebar",
        "shares",
        "sharetools",
        "social",
        "toolbar",
        "tools",
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "recirculation",
        "trending",
        "popular",
        "mostread",
        "mostpopular",
        "morestories",
        "readmore",
        "seealso",
        "alsoread",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "subscriptions",
        "signup",
        "comments",
        "comment",
        "disqus",
        "footer",
        "masthead",
        "sidebar",
        "rail",
        "widget",
        "banner",
        "cookie",
        "cookies",
        "consent",
        "modal",
        "popup",
        "overlay",
        "sronly",
        "visuallyhidden",
        "screenreader",
        "skip",
        "skiplink",
        "byline",
        "bylines",
        "author",
        "authors",
        "dateline",
        "timestamp",
        "published",
        "pubdate",
        "meta",
        "tags",
        "tag",
        "topics",
        "keywords",
        "caption",
        "credit",
        "pagination",
        "pager",
        "donate",
        "donation",
        "membership",
        "print",
        "email",
        "bio",
        "gallery",
        "slideshow",
        "carousel",
        "header",
    ];
    has_any(words, CHROME)
        || words.iter().any(|w| {
            // Compounds such as `relatedposts`, `sharebuttons`, `newsletterform`.
            const PREFIXES: &[&str] = &[
                "related",
                "newsletter",
                "subscri",
                "sharing",
                "sharebar",
                "sharebutton",
                "sharetool",
                "social",
                "breadcrumb",
                "sidebar",
                "recommend",
                "commentlist",
                "commentform",
                "byline",
                "signup",
                "paginat",
                "mostread",
                "mostpopular",
                "morestories",
                "readnext",
                "upnext",
            ];
            PREFIXES.iter().any(|p| w.starts_with(p))
        })
}

/// True when the chrome words of an element are only ones that also name wrappers
/// of real text (`read-more` expanders, `widget`, `tools`, `meta`): such an element
/// is kept when it holds a lot of text.
pub(super) fn is_weak_chrome(words: &[String]) -> bool {
    const WEAK: &[&str] = &[
        "readmore", "widget", "tools", "meta", "print", "email", "rail", "header", "caption", "tags", "tag",
    ];
    let strong = words
        .iter()
        .any(|w| !WEAK.contains(&w.as_str()) && is_chrome(std::slice::from_ref(w)));
    !strong
}

/// Words that mark a photo credit inside a figure.
pub(super) fn is_credit(el: ElementRef<'_>) -> bool {
    const CREDIT: &[&str] = &[
        "credit",
        "credits",
        "copyright",
        "byline",
        "author",
        "source",
        "photographer",
        "courtesy",
        "attribution",
        "rights",
    ];
    if matches!(el.value().name(), "small" | "cite") {
        return true;
    }
    let mut w = words(el);
    if let Some(prop) = el.attr("itemprop") {
        split_words(prop, &mut w);
    }
    has_any(&w, CREDIT) || w.iter().any(|w| w.starts_with("copyright"))
}

/// Words that mark a caption inside a figure (besides `<figcaption>`).
pub(super) fn is_caption(el: ElementRef<'_>) -> bool {
    if el.value().name() == "figcaption" {
        return true;
    }
    let mut w = words(el);
    if let Some(prop) = el.attr("itemprop") {
        split_words(prop, &mut w);
    }
    has_any(&w, &["caption", "description", "cutline"])
}

/// Words that mark a byline element (`byline`, `author`, `itemprop=author`).
pub(super) fn is_byline(el: ElementRef<'_>) -> bool {
    let mut w = words(el);
    if let Some(prop) = el.attr("itemprop") {
        split_words(prop, &mut w);
    }
    has_any(
        &w,
        &[
            "byline",
            "bylines",
            "author",
            "authors",
            "authorname",
            "bylineauthor",
        ],
    )
}

/// Words that mark the container of an article's text (`article-body`,
/// `story__content`, `entry-content`, `itemprop=articleBody`, …).
pub(super) fn is_body_container(el: ElementRef<'_>) -> bool {
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        || el
            .attr("name")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return true;
    }
    const FIRST: &[&str] = &["article", "story", "entry", "post", "news", "main", "body"];
    const SECOND: &[&str] = &["body", "content", "text", "copy", "contents"];
    let w = words(el);
    w.windows(2)
        .any(|p| FIRST.contains(&p[0].as_str()) && SECOND.contains(&p[1].as_str()))
        || has_any(
            &w,
            &[
                "articlebody",
                "storybody",
                "entrycontent",
                "postcontent",
                "storytext",
                "articletext",
                "bodytext",
            ],
        )
}

/// A photo with its caption outside `<figure>` (`<div class="wp-caption">`,
/// `<div class="photo">`, `<table class="image">`): an image and little text, in an
/// element whose class names an image.
pub(super) fn is_photo_block(el: ElementRef<'_>) -> bool {
    const PHOTO: &[&str] = &[
        "image",
        "img",
        "photo",
        "photos",
        "picture",
        "pic",
        "wpcaption",
        "imageblock",
        "photoblock",
        "inlineimage",
        "mediaimage",
        "imagewrapper",
        "photowrapper",
        "leadimage",
        "leadphoto",
    ];
    if matches!(
        el.value().name(),
        "figure" | "img" | "picture" | "body" | "html" | "article" | "main"
    ) {
        return false;
    }
    has_any(&words(el), PHOTO)
        && el.descendent_elements().any(|d| d.value().name() == "img")
        && el.text().flat_map(str::split_whitespace).count() < 80
        && !el.descendent_elements().any(|d| d.value().name() == "figure")
}

/// Roles of landmarks that are not the article.
pub(super) fn is_chrome_role(el: ElementRef<'_>) -> bool {
    el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "toolbar"
                | "button"
                | "form"
        )
    })
}

/// True when the element is not rendered: the `hidden` attribute, `aria-hidden`, or
/// an inline `display: none`.
pub(super) fn is_hidden(el: ElementRef<'_>) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Words that positively or negatively mark a container, for scoring: +1 for
/// article-like words, -1 for chrome-like ones, 0 otherwise.
pub(super) fn weight(el: ElementRef<'_>) -> i32 {
    let w = words(el);
    if is_ad(&w) || is_chrome(&w) {
        return -1;
    }
    const GOOD: &[&str] = &[
        "article", "body", "content", "entry", "main", "story", "text", "post", "blog",
    ];
    i32::from(has_any(&w, GOOD))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_words(s, &mut out);
        out
    }

    #[test]
    fn splits_class_names_into_words() {
        assert_eq!(
            w("article-body story__text"),
            [
                "article",
                "body",
                "story",
                "text",
                "articlebody",
                "bodystory",
                "storytext"
            ]
        );
        assert_eq!(w("adSlot"), ["ad", "slot", "adslot"]);
        assert_eq!(
            w("div-gpt-ad-1234"),
            ["div", "gpt", "ad", "1234", "divgpt", "gptad", "ad1234"]
        );
    }

    #[test]
    fn ads_are_whole_words() {
        for ad in [
            "ad",
            "ad-slot",
            "ads_top",
            "advertisement",
            "sponsored-content",
            "promoBox",
            "div-gpt-ad-1",
        ] {
            assert!(is_ad(&w(ad)), "{ad}");
        }
        for not in [
            "header", "shadow", "download", "address", "loaded", "badge", "headline",
        ] {
            assert!(!is_ad(&w(not)), "{not}");
        }
    }

    #[test]
    fn chrome_words() {
        for c in [
            "share-bar",
            "related-stories",
            "newsletter-signup",
            "mostRead",
            "sr-only",
            "site-footer",
            "article__byline",
        ] {
            assert!(is_chrome(&w(c)), "{c}");
        }
        for not in [
            "article-body",
            "paragraph",
            "story-content",
            "headline",
            "shadow-box",
            "commentary",
        ] {
            assert!(!is_chrome(&w(not)), "{not}");
        }
    }
}
