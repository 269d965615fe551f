//! The article text, rewritten as clean HTML: paragraphs, subheadings, lists, quotes,
//! preformatted text and data tables, with no attributes but `href` on links, and
//! without page chrome, ads, photos, bylines or datelines. [`super::locate`] finds
//! the containers this module cleans.

use scraper::{ElementRef, Node};

use super::classify;
use super::locate::{is_block, link_density};
use super::meta::collapse;
use super::resolve;
use super::title::norm;

/// Nesting depth past which elements are flattened to their text, so that no page,
/// however deeply nested, can exhaust the stack.
const MAX_DEPTH: usize = 120;

/// What the cleaner needs besides the markup.
pub(super) struct Cleaner<'c> {
    /// Resolves relative link targets.
    pub(super) base: Option<&'c url::Url>,
    /// The headline, normalized, so a repeated headline is dropped.
    pub(super) title: String,
    /// The authors' names, normalized, so a byline paragraph is dropped.
    pub(super) authors: Vec<String>,
    /// Tells whether a short paragraph is only a date.
    pub(super) is_date: &'c dyn Fn(&str) -> bool,
    /// Tells whether a paragraph is site boilerplate (subscription prompts, …).
    pub(super) is_boilerplate: &'c dyn Fn(&str) -> bool,
    /// Whether a real paragraph has been kept yet (bylines come before it).
    seen_text: bool,
    /// How deep the rendering recursion is (bounded by [`MAX_DEPTH`]).
    depth: usize,
}

/// A rendered block; `auto` when it is loose text wrapped in a paragraph by us.
struct Block {
    html: String,
    auto: bool,
}

/// Inline content being gathered: its HTML, its text and how much of it is links.
#[derive(Default)]
struct Inline {
    html: String,
    text: String,
    link_chars: usize,
}

impl Inline {
    fn push_text(&mut self, t: &str, in_link: bool) {
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.html.ends_with(' ') {
                    self.html.push(' ');
                    self.text.push(' ');
                }
                continue;
            }
            self.text.push(c);
            if in_link {
                self.link_chars += 1;
            }
            match c {
                '&' => self.html.push_str("&amp;"),
                '<' => self.html.push_str("&lt;"),
                '>' => self.html.push_str("&gt;"),
                c => self.html.push(c),
            }
        }
    }

    fn ends_with_br(&self) -> bool {
        self.html.trim_end().ends_with("<br>")
    }

    fn take(&mut self) -> Inline {
        std::mem::take(self)
    }
}

impl<'c> Cleaner<'c> {
    /// A cleaner; see the fields.
    pub(super) fn new(
        base: Option<&'c url::Url>,
        title: &str,
        authors: Vec<String>,
        is_date: &'c dyn Fn(&str) -> bool,
        is_boilerplate: &'c dyn Fn(&str) -> bool,
    ) -> Self {
        Cleaner {
            base,
            title: norm(title),
            authors,
            is_date,
            is_boilerplate,
            seen_text: false,
            depth: 0,
        }
    }

    /// The clean HTML of the article's containers, one block per line.
    pub(super) fn clean(&mut self, roots: &[ElementRef<'_>]) -> String {
        let mut blocks = Vec::new();
        for root in roots {
            self.flow(*root, &mut blocks);
        }
        blocks.into_iter().map(|b| b.html).collect::<Vec<_>>().join("\n")
    }

    /// Renders the children of a flow container as blocks, wrapping loose text in
    /// paragraphs (a double `<br>` starts a new one).
    fn flow(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        if self.depth >= MAX_DEPTH {
            // Pathologically deep markup: keep the text, flat, rather than recurse on.
            let mut inline = Inline::default();
            inline.push_text(&el.text().collect::<String>(), false);
            self.flush(inline, out);
            return;
        }
        self.depth += 1;
        self.flow_children(el, out);
        self.depth -= 1;
    }

    fn flow_children(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        let mut inline = Inline::default();
        for child in el.children() {
            match child.value() {
                Node::Text(t) => inline.push_text(t, false),
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if self.dropped(c) {
                        continue;
                    }
                    let name = c.value().name();
                    if name == "br" {
                        if inline.ends_with_br() {
                            let mut para = inline.take();
                            let trimmed = para.html.trim_end().trim_end_matches("<br>").len();
                            para.html.truncate(trimmed);
                            self.flush(para, out);
                        } else {
                            inline.html.push_str("<br>");
                        }
                    } else if is_inline(name) && !has_block(c) {
                        self.inline(c, &mut inline, false);
                    } else {
                        self.flush(inline.take(), out);
                        self.block(c, out);
                    }
                }
                _ => {}
            }
        }
        self.flush(inline, out);
    }

    /// Ends a run of loose inline content as an automatic paragraph.
    fn flush(&mut self, inline: Inline, out: &mut Vec<Block>) {
        if let Some(html) = self.paragraph(inline) {
            out.push(Block {
                html: format!("<p>{html}</p>"),
                auto: true,
            });
        }
    }

    /// The inner HTML of a paragraph, or `None` when it is empty or page furniture
    /// (a byline, a date line, an ad label, `RELATED: <link>`, configured boilerplate).
    fn paragraph(&mut self, inline: Inline) -> Option<String> {
        let html = trim_br(&inline.html);
        let text = collapse(&inline.text);
        if text.is_empty() || self.is_furniture(&text, inline.link_chars) {
            return None;
        }
        if text.split_whitespace().count() >= 6 {
            self.seen_text = true;
        }
        Some(html)
    }

    fn is_furniture(&self, text: &str, link_chars: usize) -> bool {
        let n = norm(text);
        let words = text.split_whitespace().count();
        const LABELS: &[&str] = &[
            "advertisement",
            "advertisements",
            "ad",
            "sponsored",
            "sponsoredcontent",
            "storycontinuesbelow",
            "storycontinuesbelowadvertisement",
            "continuereadingbelow",
            "articlecontinuesbelow",
            "articlecontinuesbelowadvertisement",
            "skipadvertisement",
            "scrolltocontinuewithcontent",
            "continuereadingthemainstory",
            "sharethisarticle",
            "share",
            "sharethis",
            "sharethisstory",
            "related",
            "relatedstories",
            "relatedarticles",
            "readmore",
            "loading",
            "advertisementscrolltocontinue",
        ];
        if LABELS.contains(&n.as_str()) || (!self.title.is_empty() && n == self.title) {
            return true;
        }
        if (self.is_boilerplate)(text) {
            return true;
        }
        if words <= 12 {
            let lower = text.to_lowercase();
            let is_byline = lower.starts_with("by ") && !self.seen_text && looks_like_byline(&text[3..]);
            let names_author =
                !self.authors.is_empty() && (self.authors.iter().any(|a| *a == n || format!("by{a}") == n));
            let dated = [
                "updated",
                "published",
                "posted",
                "last updated",
                "first published",
                "modified",
            ]
            .iter()
            .any(|w| lower.starts_with(w))
                && text.chars().any(|c| c.is_ascii_digit())
                && !self.seen_text;
            if is_byline || names_author || dated || (self.is_date)(text) {
                return true;
            }
        }
        // `RELATED: <a>Another story</a>`: a short label before a link.
        let text_chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if link_chars * 2 >= text_chars
            && let Some((label, _)) = text.split_once(':')
            && label.split_whitespace().count() <= 4
            && !label.is_empty()
            && link_chars > 0
        {
            return true;
        }
        false
    }

    /// Renders an inline element into `out`: links keep `href`, emphasis and code
    /// keep their tags, everything else keeps only its text.
    fn inline(&mut self, el: ElementRef<'_>, out: &mut Inline, in_link: bool) {
        if self.depth >= MAX_DEPTH {
            out.push_text(&el.text().collect::<String>(), in_link);
            return;
        }
        self.depth += 1;
        self.inline_element(el, out, in_link);
        self.depth -= 1;
    }

    fn inline_element(&mut self, el: ElementRef<'_>, out: &mut Inline, in_link: bool) {
        let name = el.value().name();
        let (open, close) = match name {
            "a" => match el.attr("href").and_then(|h| safe_href(h, self.base)) {
                Some(href) if !in_link => (
                    format!("<a href=\"{}\">", crate::template::escape_html(&href)),
                    "</a>".to_string(),
                ),
                _ => (String::new(), String::new()),
            },
            "strong" | "b" | "em" | "i" | "code" | "sub" | "sup" => {
                (format!("<{name}>"), format!("</{name}>"))
            }
            "br" => {
                out.html.push_str("<br>");
                return;
            }
            _ => (String::new(), String::new()),
        };
        let link = in_link || (name == "a" && !open.is_empty());
        out.html.push_str(&open);
        for child in el.children() {
            match child.value() {
                Node::Text(t) => out.push_text(t, link),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child)
                        && !self.dropped(c)
                    {
                        self.inline(c, out, link);
                    }
                }
                _ => {}
            }
        }
        if !open.is_empty() && out.html.ends_with(&open) {
            out.html.truncate(out.html.len() - open.len());
        } else {
            out.html.push_str(&close);
        }
    }

    /// Renders a block element: kept ones with their tag, containers by their
    /// content.
    fn block(&mut self, el: ElementRef<'_>, out: &mut Vec<Block>) {
        let name = el.value().name();
        match name {
            "p" => {
                let mut inline = Inline::default();
                for child in el.children() {
                    match child.value() {
                        Node::Text(t) => inline.push_text(t, false),
                        Node::Element(_) => {
                            if let Some(c) = ElementRef::wrap(child)
                                && !self.dropped(c)
                            {
                                self.inline(c, &mut inline, false);
                            }
                        }
                        _ => {}
                    }
                }
                if let Some(html) = self.paragraph(inline) {
                    out.push(Block {
                        html: format!("<p>{html}</p>"),
                        auto: false,
                    });
                }
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                let mut inline = Inline::default();
                self.inline(el, &mut inline, false);
                let text = collapse(&inline.text);
                let tag = if name == "h2" || name == "h3" { name } else { "h4" };
                if !text.is_empty() && norm(&text) != self.title {
                    out.push(Block {
                        html: format!("<{tag}>{}</{tag}>", trim_br(&inline.html)),
                        auto: false,
                    });
                }
            }
            "ul" | "ol" => {
                let mut items = String::new();
                for li in el.child_elements() {
                    if self.dropped(li) {
                        continue;
                    }
                    let mut inner = Vec::new();
                    self.flow(li, &mut inner);
                    let html = match inner.as_slice() {
                        [one] if one.auto => strip_p(&one.html),
                        _ => inner.into_iter().map(|b| b.html).collect::<Vec<_>>().join(""),
                    };
                    if !html.is_empty() {
                        items.push_str(&format!("<li>{html}</li>"));
                    }
                }
                if !items.is_empty() {
                    out.push(Block {
                        html: format!("<{name}>{items}</{name}>"),
                        auto: false,
                    });
                }
            }
            "blockquote" => {
                let mut inner = Vec::new();
                self.flow(el, &mut inner);
                if !inner.is_empty() {
                    let html: String = inner.into_iter().map(|b| b.html).collect();
                    out.push(Block {
                        html: format!("<blockquote>{html}</blockquote>"),
                        auto: false,
                    });
                }
            }
            "pre" => {
                let text: String = el.text().collect();
                if !text.trim().is_empty() {
                    let escaped = text
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    out.push(Block {
                        html: format!("<pre>{}</pre>", escaped.trim_matches('\n')),
                        auto: false,
                    });
                }
            }
            "table" if is_data_table(el) => {
                if let Some(html) = self.table(el) {
                    out.push(Block { html, auto: false });
                }
            }
            _ => self.flow(el, out),
        }
    }

    fn table(&mut self, el: ElementRef<'_>) -> Option<String> {
        let mut rows = String::new();
        for tr in el.descendent_elements().filter(|e| e.value().name() == "tr") {
            let mut cells = String::new();
            for cell in tr.child_elements() {
                let tag = cell.value().name();
                if tag != "td" && tag != "th" {
                    continue;
                }
                let mut inline = Inline::default();
                self.inline(cell, &mut inline, false);
                cells.push_str(&format!("<{tag}>{}</{tag}>", trim_br(&inline.html)));
            }
            if !cells.is_empty() {
                rows.push_str(&format!("<tr>{cells}</tr>"));
            }
        }
        (!rows.is_empty()).then(|| format!("<table>{rows}</table>"))
    }

    /// True for elements that never reach the body: scripts, media, forms, page
    /// landmarks, hidden elements, ads, chrome, and link lists.
    fn dropped(&self, el: ElementRef<'_>) -> bool {
        let name = el.value().name();
        if matches!(
            name,
            "script"
                | "style"
                | "noscript"
                | "template"
                | "nav"
                | "header"
                | "footer"
                | "aside"
                | "form"
                | "iframe"
                | "object"
                | "embed"
                | "svg"
                | "canvas"
                | "video"
                | "audio"
                | "button"
                | "input"
                | "select"
                | "textarea"
                | "option"
                | "label"
                | "figure"
                | "picture"
                | "img"
                | "figcaption"
                | "dialog"
                | "menu"
                | "link"
                | "meta"
                | "source"
                | "map"
                | "area"
                | "math"
                | "h1"
                | "address"
                | "title"
                | "head"
                | "frame"
                | "frameset"
                | "applet"
                | "param"
                | "track"
                | "output"
                | "progress"
                | "meter"
                | "hr"
                | "caption"
                | "wbr"
        ) {
            return true;
        }
        if classify::is_hidden(el) || classify::is_chrome_role(el) || classify::is_photo_block(el) {
            return true;
        }
        let words = classify::words(el);
        if classify::is_ad(&words) {
            return true;
        }
        if is_inline(name) {
            return words.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "sronly" | "visuallyhidden" | "screenreader" | "share" | "sharing" | "social"
                )
            });
        }
        let heading = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6");
        if !heading && classify::is_chrome(&words) {
            let weak_but_long = classify::is_weak_chrome(&words)
                && el.text().flat_map(str::split_whitespace).count() >= 100
                && link_density(el) < 0.3;
            if !weak_but_long {
                return true;
            }
        }
        match name {
            "ul" | "ol" => {
                let items: Vec<ElementRef<'_>> = el.child_elements().collect();
                // A list of links, or of story teasers (each item a linked heading).
                let teasers = items.len() >= 2
                    && items.iter().all(|li| {
                        li.descendent_elements().any(|d| {
                            matches!(d.value().name(), "h2" | "h3" | "h4" | "h5")
                                && d.descendent_elements().any(|a| a.value().name() == "a")
                        })
                    });
                teasers || (items.len() >= 2 && link_density(el) > 0.7)
            }
            "div" | "section" | "center" => {
                let has_form = el
                    .descendent_elements()
                    .any(|d| matches!(d.value().name(), "form" | "input" | "button"));
                let words = el.text().flat_map(str::split_whitespace).count();
                (has_form && words < 60) || (words < 150 && words > 0 && link_density(el) > 0.6)
            }
            _ => false,
        }
    }
}

/// True when the words after `By` are names: capitalized words, joined by `and`,
/// `of`, `for`, commas, and role words (`By the time we arrived` is not a byline).
fn looks_like_byline(rest: &str) -> bool {
    const JOINERS: &[&str] = &[
        "and",
        "&",
        "with",
        "for",
        "of",
        "the",
        "de",
        "da",
        "del",
        "van",
        "von",
        "der",
        "le",
        "la",
        "y",
        "e",
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "contributors",
        "|",
        "-",
        "—",
        "–",
    ];
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| c == ',' || c == '.' || c == ';');
            w.is_empty()
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || JOINERS.contains(&w.to_lowercase().as_str())
        })
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "br"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "font"
            | "del"
            | "ins"
            | "acronym"
            | "big"
            | "tt"
            | "strike"
            | "nobr"
    )
}

fn has_block(el: ElementRef<'_>) -> bool {
    el.descendent_elements()
        .skip(1)
        .any(|d| is_block(d.value().name()) || d.value().name() == "li")
}

fn is_data_table(el: ElementRef<'_>) -> bool {
    !el.descendent_elements().skip(1).any(|d| {
        matches!(
            d.value().name(),
            "table"
                | "p"
                | "div"
                | "ul"
                | "ol"
                | "blockquote"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "figure"
                | "article"
        )
    })
}

fn trim_br(html: &str) -> String {
    let mut t = html.trim();
    loop {
        let before = t.len();
        t = t.trim_start_matches("<br>").trim_end_matches("<br>").trim();
        if t.len() == before {
            return t.to_string();
        }
    }
}

fn strip_p(html: &str) -> String {
    html.strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

/// A link target fit for a feed: http(s), mailto or relative (resolved against the
/// page); never `javascript:` or `data:`.
fn safe_href(href: &str, base: Option<&url::Url>) -> Option<String> {
    let h = href.trim();
    if h.is_empty() || h.starts_with('#') {
        return None;
    }
    let lower = h.to_ascii_lowercase();
    if let Some((scheme, _)) = lower.split_once(':')
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !matches!(scheme, "http" | "https" | "mailto")
    {
        return None;
    }
    Some(resolve(h, base))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::html::locate::locate;
    use scraper::Html;

    fn clean(html: &str) -> String {
        let doc = Html::parse_document(html);
        let found = locate(&doc);
        let no_date = |_: &str| false;
        let no_boilerplate = |_: &str| false;
        Cleaner::new(None, "The headline", Vec::new(), &no_date, &no_boilerplate).clean(&found.roots)
    }

    #[test]
    fn keeps_structure_and_drops_attributes() {
        let html = r#"<article><h1>The headline</h1><p class="lead" style="x">First <a href="/a" onclick="x()">link</a> &amp; <b>bold</b>.</p>
            <h2 id="s">Section</h2><ul><li>One</li><li>Two <em>it</em></li></ul><blockquote><p>Quote here.</p></blockquote>
            <pre>  a &lt; b
  c</pre><table><tr><th>Team</th><th>Score</th></tr><tr><td>Reds</td><td>3</td></tr></table>
            <p><a href="javascript:alert(1)">js</a> text</p></article>"#;
        assert_eq!(
            clean(html),
            "<p>First <a href=\"/a\">link</a> &amp; <b>bold</b>.</p>\n<h2>Section</h2>\n<ul><li>One</li><li>Two <em>it</em></li></ul>\n<blockquote><p>Quote here.</p></blockquote>\n<pre>  a &lt; b\n  c</pre>\n<table><tr><th>Team</th><th>Score</th></tr><tr><td>Reds</td><td>3</td></tr></table>\n<p>js text</p>"
        );
    }

    #[test]
    fn bylines_are_names_not_sentences() {
        let html = "<article><p>By Ann Lee and Raúl Ortiz, staff writers</p><p>By the time rescuers arrived, the river had risen.</p></article>";
        assert_eq!(
            clean(html),
            "<p>By the time rescuers arrived, the river had risen.</p>"
        );
        let html = "<article><p>Updated 3:45 p.m. ET</p><p>The river rose, the mayor said on Tuesday evening.</p><p>Published in 1998, the report was ignored.</p></article>";
        assert_eq!(
            clean(html),
            "<p>The river rose, the mayor said on Tuesday evening.</p>\n<p>Published in 1998, the report was ignored.</p>"
        );
        let html = "<article><p>By BEN ODUYA</p><p>The river rose two metres overnight, officials said.</p></article>";
        assert_eq!(
            clean(html),
            "<p>The river rose two metres overnight, officials said.</p>"
        );
    }

    #[test]
    fn loose_text_becomes_paragraphs() {
        let html = "<body><div id=x>First part of the story, with commas, and more words to score.<br><br>Second part, also long enough to count, surely.<br>Same paragraph.</div></body>";
        assert_eq!(
            clean(html),
            "<p>First part of the story, with commas, and more words to score.</p>\n<p>Second part, also long enough to count, surely.<br>Same paragraph.</p>"
        );
    }

    #[test]
    fn drops_chrome_ads_and_furniture() {
        let html = r##"<article><div class="byline">By Ann Lee</div><p>By Ann Lee</p>
            <div class="ad-slot"><p>Buy things now, great deals, many of them here.</p></div>
            <div class="header-note"><p>Header note is chrome.</p></div>
            <p class="shadow-text">Real paragraph that stays, with enough words in it.</p>
            <p>Advertisement</p><p>RELATED: <a href="/x">Another story entirely</a></p>
            <div class="share-bar"><a href="#">Facebook</a></div>
            <div><h3>Get our newsletter</h3><form><input type="email"><button>Go</button></form></div>
            <ul><li><a href="/1">Story one</a></li><li><a href="/2">Story two</a></li></ul>
            <figure><img src="a.jpg"><figcaption>Caption</figcaption></figure>
            <p>Last paragraph, download the report.</p></article>"##;
        assert_eq!(
            clean(html),
            "<p>Real paragraph that stays, with enough words in it.</p>\n<p>Last paragraph, download the report.</p>"
        );
    }
}
