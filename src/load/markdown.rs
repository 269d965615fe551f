//! Markdown articles with front matter, as Hugo, Zola and Jekyll write them: YAML
//! between `---` lines, TOML between `+++` lines, or a JSON object at the top (Hugo),
//! then the text.
//!
//! The fields are those of `meta::Fields`, shared with the JSON loader.
//! The text becomes HTML through pulldown-cmark (tables, footnotes, strikethrough). An
//! image alone in its paragraph followed by an italic line (`*Caption — Jane Doe/AP*`)
//! is a photo: it leaves the HTML (the writers render photos as `<figure>`) and joins
//! the item's photos, its credit split off the caption. Raw HTML stays in the body;
//! `normalize` sanitizes it.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde_saphyr::MessageFormatter;

use super::credit::{parse_credit, split_caption};
use super::meta::{
    Fields, Origin, RenderedBody, caption_and_credit, collapse, decode_entities, json_message, push_photo,
    strip_tags,
};
use super::{Context, Loader, Source, tag_id};
use crate::error::Result;
use crate::item::{Body, Credit, Item, Photo};

/// Loader for `.md` and `.markdown` files.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownLoader;

impl Loader for MarkdownLoader {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>> {
        let doc = split(src)?;
        let fields = doc.fields(src)?.with_nested();
        if fields.is_draft() {
            return Ok(Vec::new());
        }
        let title = fields.title();
        let rendered = render(doc.body, title.as_deref());
        let line_of = |key: &str| doc.line_of(key);
        let origin = Origin {
            src,
            line_of: &line_of,
            line: None,
            fallback_id: tag_id(ctx.config, &src.rel_path),
        };
        Ok(vec![fields.into_item(rendered, &origin, ctx)?])
    }
}

/// The front matter's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
    Json,
}

/// A Markdown file cut into front matter and text.
#[derive(Debug)]
struct Document<'a> {
    /// The front matter's language and text, without its delimiters.
    front: Option<(Format, &'a str)>,
    /// The 1-based file line the front matter text starts on.
    first_line: usize,
    /// The Markdown text after the front matter.
    body: &'a str,
}

/// Cuts the front matter off. A `---` or `+++` that opens front matter without
/// closing it is an error; a file without front matter is all text.
fn split(src: &Source) -> Result<Document<'_>> {
    let text = src.text.as_str();
    // Blank lines before the opening delimiter are tolerated.
    let lead = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let lead = text[..lead].rfind('\n').map_or(0, |i| i + 1);
    let skipped_lines = text[..lead].matches('\n').count();
    let rest = &text[lead..];
    let first = rest.lines().next().unwrap_or("").trim_end();
    let (format, closers): (Format, &[&str]) = match first {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        // Hugo's JSON front matter; `{{< shortcode >}}` and `{: .class}` are text.
        _ if first.starts_with('{')
            && !first.starts_with("{{")
            && matches!(first[1..].trim_start().chars().next(), None | Some('"')) =>
        {
            return split_json(src, lead, skipped_lines);
        }
        _ => {
            return Ok(Document {
                front: None,
                first_line: 1,
                body: text,
            });
        }
    };
    let content_start = lead + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut pos = content_start;
    for line in text[content_start..].split_inclusive('\n') {
        if closers.contains(&line.trim_end()) {
            return Ok(Document {
                front: Some((format, &text[content_start..pos])),
                first_line: skipped_lines + 2,
                body: &text[pos + line.len()..],
            });
        }
        pos += line.len();
    }
    Err(src.error(
        Some(skipped_lines + 1),
        format!("front matter opened with {first} is never closed (no closing {first} line)"),
    ))
}

/// Hugo's JSON front matter: one JSON object at the top of the file.
fn split_json(src: &Source, lead: usize, skipped_lines: usize) -> Result<Document<'_>> {
    let text = &src.text[lead..];
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => {
            let end = stream.byte_offset();
            Ok(Document {
                front: Some((Format::Json, &text[..end])),
                first_line: skipped_lines + 1,
                body: &text[end..],
            })
        }
        Some(Err(e)) => Err(src.error(
            Some(skipped_lines + e.line()),
            format!("JSON front matter: {}", json_message(&e)),
        )),
        None => Err(src.error(None, "JSON front matter is empty")),
    }
}

impl Document<'_> {
    /// Parses the front matter; syntax and type errors name the file line.
    fn fields(&self, src: &Source) -> Result<Fields> {
        let Some((format, text)) = self.front else {
            return Ok(Fields::default());
        };
        let at = |line: usize| Some(self.first_line + line.saturating_sub(1));
        match format {
            Format::Yaml => {
                let blank = text
                    .lines()
                    .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
                if blank {
                    return Ok(Fields::default());
                }
                // YAML 1.2 booleans only (`title: No` is the word), and numbers with
                // leading zeros or underscores stay text (`id: 00123`).
                let options = serde_saphyr::options! {
                    strict_booleans: true,
                    leading_zero_numbers_as_strings: true,
                    underscored_numbers_as_strings: true,
                };
                serde_saphyr::from_str_with_options(text, options).map_err(|e| {
                    let line = e.location().map(|l| l.line() as usize).filter(|l| *l > 0);
                    let message = serde_saphyr::UserMessageFormatter.format_message(e.without_snippet());
                    src.error(line.and_then(at), format!("YAML front matter: {message}"))
                })
            }
            Format::Toml => toml::from_str(text).map_err(|e| {
                let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
                src.error(
                    line.and_then(at),
                    format!("TOML front matter: {}", e.message().trim_end()),
                )
            }),
            Format::Json => serde_json::from_str(text)
                .map_err(|e| src.error(at(e.line()), format!("JSON front matter: {}", json_message(&e)))),
        }
    }

    /// The file line of a top-level front matter key, for messages about its value.
    fn line_of(&self, key: &str) -> Option<usize> {
        let (_, text) = self.front?;
        text.lines()
            .position(|line| {
                let rest = line
                    .strip_prefix(key)
                    .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                    .or_else(|| line.strip_prefix(&format!("'{key}'")));
                rest.is_some_and(|r| matches!(r.trim_start().chars().next(), Some(':' | '=')))
                    || line.trim_start().starts_with(&format!("\"{key}\""))
            })
            .map(|i| self.first_line + i)
    }
}

/// Markdown → HTML with the extensions news text uses.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown text to an HTML body, taking out captioned photos and the leading
/// `# heading` when it is the title: taken as the title when `title` is `None`, dropped
/// when it repeats `title`.
pub(crate) fn render(markdown: &str, title: Option<&str>) -> RenderedBody {
    let flat = super::nesting::flatten_markdown(markdown, super::nesting::MAX_MARKDOWN_DEPTH);
    let markdown: &str = &flat;
    let (events, offsets): (Vec<Event<'_>>, Vec<Range<usize>>) =
        Parser::new_ext(markdown, options()).into_offset_iter().unzip();
    let blocks = top_level_blocks(&events);
    let mut keep = vec![true; blocks.len()];
    let mut out = RenderedBody::default();

    let mut i = 0;
    while i < blocks.len() {
        let block = &events[blocks[i].clone()];
        let source = markdown.get(offsets[blocks[i].start].clone()).unwrap_or("");
        let figure = match block.first() {
            Some(Event::Start(Tag::Paragraph)) => figure_shortcode(source),
            Some(Event::Start(Tag::HtmlBlock)) => html_figure(source),
            _ => None,
        };
        if let Some(photo) = figure {
            push_photo(&mut out.photos, photo);
            keep[i] = false;
            i += 1;
            continue;
        }
        if let Some(image) = image_paragraph(&events[blocks[i].clone()]) {
            let caption = match image.caption {
                Some(Caption::Italic(c)) => Some((split_body_caption(&c), 1)),
                Some(Caption::Plain(c)) => {
                    Some((split_body_caption(&c), 1)).filter(|((_, credit), _)| !credit.is_empty())
                }
                None => blocks
                    .get(i + 1)
                    .and_then(|b| emphasis_paragraph(&events[b.clone()]))
                    .map(|c| (split_body_caption(&c), 2)),
            };
            if let Some(((caption, credit), used)) = caption {
                let mut photo = Photo::new(caption, credit);
                photo.url = Some(image.url);
                push_photo(&mut out.photos, photo);
                keep[i..i + used].iter_mut().for_each(|k| *k = false);
                i += used;
                continue;
            }
        }
        i += 1;
    }

    // The title heading: the first `# heading`, when only photos, images or HTML come
    // before it (not text).
    let lead = (0..blocks.len()).filter(|&i| keep[i]).find(|&i| {
        !matches!(
            events[blocks[i].start],
            Event::Start(Tag::HtmlBlock) | Event::Rule
        ) && image_paragraph(&events[blocks[i].clone()]).is_none()
    });
    if let Some(first) = lead
        && let Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }) = events[blocks[first].start]
    {
        let heading = collapse(&plain_text(&events[blocks[first].clone()]));
        match title {
            None if !heading.is_empty() => {
                out.heading = Some(heading);
                keep[first] = false;
            }
            Some(t) if heading.eq_ignore_ascii_case(&collapse(t)) => keep[first] = false,
            _ => {}
        }
    }

    // Hugo's and Jekyll's summary divider: the text before it is the summary.
    let divider = (0..blocks.len()).find(|&i| {
        matches!(events[blocks[i].start], Event::Start(Tag::HtmlBlock))
            && markdown
                .get(offsets[blocks[i].start].clone())
                .is_some_and(|s| s.trim().replace(' ', "").eq_ignore_ascii_case("<!--more-->"))
    });
    if let Some(d) = divider {
        keep[d] = false;
        let text: Vec<String> = (0..d)
            .filter(|&i| keep[i] && matches!(events[blocks[i].start], Event::Start(Tag::Paragraph)))
            .map(|i| collapse(&plain_text(&events[blocks[i].clone()])))
            .filter(|t| !t.is_empty())
            .collect();
        out.summary = Some(text.join(" ")).filter(|t| !t.is_empty());
    }

    let kept = blocks
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .flat_map(|(range, _)| events[range.clone()].iter().cloned());
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, kept);
    out.body = Body::Html(html);
    out
}

/// Hugo's figure shortcode alone in a paragraph:
/// `{{< figure src="/a.jpg" caption="…" attr="Jane Doe/Reuters" >}}`.
fn figure_shortcode(source: &str) -> Option<Photo> {
    static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?s)^\s*\{\{[<%]\s*figure\s+(.*?)\s*/?\s*[>%]\}\}\s*$").unwrap_or_else(|e| panic!("{e}"))
    });
    static ATTR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let args = SHORTCODE.captures(source)?.get(1)?.as_str();
    let mut src = None;
    let mut caption = None;
    let mut title = None;
    let mut attr = None;
    for c in ATTR.captures_iter(args) {
        let value = (2..=5).find_map(|i| c.get(i)).map_or("", |m| m.as_str());
        let value = collapse(&value.replace("\\\"", "\""));
        match c.get(1).map(|m| m.as_str()) {
            Some("src") => src = Some(value),
            Some("caption") => caption = Some(strip_tags(&value)),
            Some("title") => title = Some(strip_tags(&value)),
            Some("attr") => attr = Some(strip_tags(&value)),
            _ => {}
        }
    }
    let caption = caption.or(title).unwrap_or_default();
    let (caption, credit) = caption_and_credit(&caption, attr.as_deref(), None);
    let mut photo = Photo::new(caption, credit);
    photo.url = Some(src?);
    Some(photo)
}

/// An HTML `<figure>` block with one `<img>` and a `<figcaption>`; a credit inside the
/// caption marked by class (`credit`, `byline`, `attribution`, …) or by `<cite>` /
/// `<small>` is taken as the credit.
fn html_figure(source: &str) -> Option<Photo> {
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)^\s*<figure\b[^>]*>(.*)</figure>\s*$").unwrap_or_else(|e| panic!("{e}"))
    });
    static IMG_SRC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    static FIGCAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<figcaption\b[^>]*>(.*?)</figcaption>").unwrap_or_else(|e| panic!("{e}"))
    });
    static ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(span|small|cite|p|div|em)\b([^>]*)>(.*?)</(?:span|small|cite|p|div|em)>")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    static CREDIT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)class\s*=\s*["'][^"']*(credit|byline|attribution|photographer|copyright)"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let inner = FIGURE.captures(source)?.get(1)?.as_str();
    let mut imgs = IMG_SRC.captures_iter(inner);
    let img = imgs.next()?;
    if imgs.next().is_some() {
        return None;
    }
    let url = decode_entities((1..=3).find_map(|i| img.get(i))?.as_str().trim());
    let figcaption = FIGCAPTION
        .captures(inner)
        .and_then(|c| c.get(1))
        .map_or("", |m| m.as_str());
    // A marked credit element: `class="credit"`, or a `<cite>` / `<small>` element.
    let marked = ELEMENT.captures_iter(figcaption).find(|c| {
        let tag = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let attrs = c.get(2).map_or("", |m| m.as_str());
        tag == "cite" || tag == "small" || CREDIT_CLASS.is_match(attrs)
    });
    let (caption, credit) = match marked {
        Some(c) => {
            let whole = c.get(0).map_or("", |m| m.as_str());
            let credit = strip_tags(c.get(3).map_or("", |m| m.as_str()));
            let caption = strip_tags(&figcaption.replacen(whole, " ", 1));
            caption_and_credit(&caption, Some(&credit), None)
        }
        None => caption_and_credit(&strip_tags(figcaption), None, None),
    };
    let mut photo = Photo::new(caption, credit);
    photo.url = Some(url);
    Some(photo)
}

/// The event ranges of the top-level blocks (paragraphs, headings, lists, HTML, …).
fn top_level_blocks(events: &[Event<'_>]) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push(start..i + 1);
                }
            }
            _ if depth == 0 => blocks.push(i..i + 1),
            _ => {}
        }
    }
    blocks
}

/// An image found alone in a paragraph.
struct BodyImage {
    url: String,
    /// The line right under the image in the same paragraph, if any.
    caption: Option<Caption>,
}

/// The line under an image.
enum Caption {
    /// An italic line: a caption.
    Italic(String),
    /// Plain text: a caption only when it ends with a credit.
    Plain(String),
}

/// `![alt](url)` alone in a paragraph (possibly wrapped in a link), optionally
/// followed on the next line by an italic caption.
fn image_paragraph(block: &[Event<'_>]) -> Option<BodyImage> {
    let inner = strip_paragraph(block)?;
    let mut rest = skip_space(inner);
    let linked = matches!(rest.first(), Some(Event::Start(Tag::Link { .. })));
    if linked {
        rest = skip_space(&rest[1..]);
    }
    let Some(Event::Start(Tag::Image { dest_url, .. })) = rest.first() else {
        return None;
    };
    let url = dest_url.to_string();
    let end = rest.iter().position(|e| matches!(e, Event::End(TagEnd::Image)))?;
    rest = skip_space(&rest[end + 1..]);
    if linked {
        let Some(Event::End(TagEnd::Link)) = rest.first() else {
            return None;
        };
        rest = skip_space(&rest[1..]);
    }
    if rest.is_empty() {
        return Some(BodyImage { url, caption: None });
    }
    let Some(Event::SoftBreak | Event::HardBreak) = rest.first() else {
        return None;
    };
    let rest = skip_space(&rest[1..]);
    let caption = match emphasis_only(rest) {
        Some(italic) => Caption::Italic(italic),
        None if rest.iter().any(|e| matches!(e, Event::Start(Tag::Image { .. }))) => return None,
        None => Caption::Plain(collapse(&plain_text(rest))),
    };
    Some(BodyImage {
        url,
        caption: Some(caption),
    })
}

/// A paragraph that is one italic span: a caption line.
fn emphasis_paragraph(block: &[Event<'_>]) -> Option<String> {
    emphasis_only(skip_space(strip_paragraph(block)?))
}

/// The text of `events` when they are exactly one emphasis span (plus white space).
fn emphasis_only(events: &[Event<'_>]) -> Option<String> {
    let Some(Event::Start(Tag::Emphasis)) = events.first() else {
        return None;
    };
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Emphasis) => depth += 1,
            Event::End(TagEnd::Emphasis) => {
                depth -= 1;
                if depth == 0 {
                    if !skip_space(&events[i + 1..]).is_empty() {
                        return None;
                    }
                    let text = collapse(&plain_text(&events[1..i]));
                    return (!text.is_empty()).then_some(text);
                }
            }
            _ => {}
        }
    }
    None
}

/// The events inside a paragraph block, `None` for other blocks.
fn strip_paragraph<'a, 'e>(block: &'a [Event<'e>]) -> Option<&'a [Event<'e>]> {
    match block {
        [
            Event::Start(Tag::Paragraph),
            inner @ ..,
            Event::End(TagEnd::Paragraph),
        ] => Some(inner),
        _ => None,
    }
}

/// Drops leading white-space-only text.
fn skip_space<'a, 'e>(mut events: &'a [Event<'e>]) -> &'a [Event<'e>] {
    while let Some(Event::Text(t)) = events.first() {
        if !t.trim().is_empty() {
            break;
        }
        events = &events[1..];
    }
    events
}

/// The text content of events, markup dropped, breaks as spaces.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Splits `Caption — Jane Doe/Getty Images` (em dash, en dash or bar before a short
/// credit); other captions go through [`split_caption`].
fn split_body_caption(text: &str) -> (String, Credit) {
    for sep in [" — ", " – ", " | "] {
        if let Some((caption, credit)) = text.rsplit_once(sep) {
            let credit = credit.trim();
            let words = credit.split_whitespace().count();
            if (1..=8).contains(&words) && !credit.ends_with(['.', '?', '!']) {
                return (caption.trim().to_string(), parse_credit(credit));
            }
        }
    }
    split_caption(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, rel_path: &str) -> Result<Vec<Item>> {
        let cfg = crate::config::Config::for_site("https://news.example.org/", chrono_tz::America::Chicago);
        let ctx = Context::new(&cfg, rel_path);
        MarkdownLoader.load(&Source::from_text(rel_path, text), &ctx)
    }

    fn one(text: &str) -> Item {
        let mut items = load(text, "news/story.md").unwrap();
        assert_eq!(items.len(), 1);
        items.remove(0)
    }

    fn html(item: &Item) -> &str {
        match &item.body {
            Body::Html(h) => h,
            Body::Paragraphs(_) => panic!("expected HTML"),
        }
    }

    #[test]
    fn yaml_front_matter() {
        let item = one(include_str!("../../tests/fixtures/inputs/markdown/yaml.md"));
        assert_eq!(item.title, "Council approves new bus routes after long debate");
        assert_eq!(item.published.to_rfc3339(), "2023-05-02T18:45:00-05:00");
        assert_eq!(item.updated.unwrap().to_rfc3339(), "2023-05-03T08:00:00-05:00");
        let names: Vec<&str> = item.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Priya Raman", "Tomasz Nowak"]);
        assert_eq!(item.tags, ["transit", "city hall", "Local"]);
        assert_eq!(item.summary.as_deref(), Some("Three routes change in June."));
        assert_eq!(
            item.url.as_deref(),
            Some("https://news.example.org/local/bus-routes/")
        );
        assert_eq!(item.id, "https://news.example.org/local/bus-routes/");
        assert_eq!(item.photos.len(), 2);
        assert_eq!(item.photos[0].url.as_deref(), Some("/img/bus.jpg"));
        assert_eq!(item.photos[0].caption, "A bus waits at the Main Street stop.");
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Ines Ferreira".into()), Some("Getty Images".into()))
        );
        assert_eq!(
            item.photos[1].url.as_deref(),
            Some("https://cdn.example.org/council.jpg")
        );
        assert_eq!(item.photos[1].caption, "Council members vote on Tuesday.");
        assert_eq!(
            item.photos[1].credit,
            Credit::new(Some("Sam Okoro".into()), Some("The Riverside Courier".into()))
        );
        assert_eq!(
            html(&item),
            "<p>The city council voted 7-2 on Tuesday to <strong>redraw</strong> three bus routes.</p>\n\
             <table><thead><tr><th>Route</th><th>Change</th></tr></thead><tbody>\n\
             <tr><td>4</td><td><del>cut</del> kept</td></tr>\n</tbody></table>\n\
             <p>“We listened,” the mayor said.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n\
             <div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n\
             <p>At the June 1 meeting.</p>\n</div>\n"
        );
    }

    #[test]
    fn toml_front_matter_with_native_dates_and_zola_taxonomies() {
        let item = one(include_str!("../../tests/fixtures/inputs/markdown/toml.md"));
        assert_eq!(item.title, "Storm knocks out power to 40,000 homes");
        assert_eq!(item.published.to_rfc3339(), "2024-01-13T06:10:00+01:00");
        assert_eq!(item.updated.unwrap().to_rfc3339(), "2024-01-13T00:00:00-06:00");
        assert_eq!(item.tags, ["weather", "utilities"]);
        assert_eq!(item.authors[0].name, "Hanne Berg");
        assert_eq!(item.authors[0].email.as_deref(), Some("hberg@example.org"));
        assert_eq!(
            item.url.as_deref(),
            Some("https://news.example.org/storm-outages")
        );
        assert_eq!(item.photos.len(), 1);
        assert_eq!(
            item.photos[0].url.as_deref(),
            Some("https://img.example.no/line.jpg")
        );
        assert_eq!(html(&item), "<p>Crews worked through the night.</p>\n");
    }

    /// Depends on `credit::split_caption` splitting a trailing `Name/Org` credit off a
    /// caption (the thorough version being written beside this loader).
    #[test]
    fn toml_photo_caption_with_a_trailing_credit() {
        let item = one(include_str!("../../tests/fixtures/inputs/markdown/toml.md"));
        assert_eq!(item.photos[0].caption, "Crews repair a line near Route 9.");
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Lars Vik".into()), Some("NTB".into()))
        );
    }

    #[test]
    fn yaml_native_dates_without_quotes() {
        let item = one("---\ntitle: Plain\ndate: 2021-09-30\nlastmod: 2021-10-01 14:05:00\n---\nText.\n");
        assert_eq!(item.published.to_rfc3339(), "2021-09-30T00:00:00-05:00");
        assert_eq!(item.updated.unwrap().to_rfc3339(), "2021-10-01T14:05:00-05:00");
    }

    #[test]
    fn body_photos_with_italic_captions_leave_the_html() {
        let item = one(include_str!(
            "../../tests/fixtures/inputs/markdown/body-photos.md"
        ));
        assert_eq!(item.photos.len(), 3);
        assert_eq!(
            item.photos[0].url.as_deref(),
            Some("https://img.example.net/harbor.jpg")
        );
        assert_eq!(
            item.photos[0].caption,
            "Fishing boats return to the harbor at dawn."
        );
        assert_eq!(
            item.photos[0].credit,
            Credit::new(Some("Mei Tanaka".into()), Some("Reuters".into()))
        );
        assert_eq!(item.photos[1].url.as_deref(), Some("/photos/market.jpg"));
        assert_eq!(item.photos[1].caption, "The fish market opens at 5 a.m.");
        assert_eq!(
            item.photos[1].credit,
            Credit::new(Some("Diego Alvarez".into()), Some("AP Photo".into()))
        );
        assert_eq!(
            item.photos[2].url.as_deref(),
            Some("https://img.example.net/nets.jpg")
        );
        assert_eq!(item.photos[2].caption, "Nets dry in the sun.");
        assert_eq!(item.photos[2].credit, Credit::default());
        assert_eq!(
            html(&item),
            "<p>Boats came back early.</p>\n\
             <p>Prices fell by a third.</p>\n\
             <p><img src=\"https://img.example.net/uncaptioned.png\" alt=\"a chart\" /></p>\n\
             <p>The chart shows the catch by month.</p>\n\
             <p><em>An italic remark that is not a caption.</em></p>\n\
             <div class=\"note\"><script>alert(1)</script></div>\n"
        );
    }

    #[test]
    fn hugo_figure_shortcodes_and_html_figures_are_photos() {
        let item = one(include_str!("../../tests/fixtures/inputs/markdown/figures.md"));
        assert_eq!(item.tags, ["arts", "museums"]);
        let got: Vec<(Option<&str>, &str, &Credit)> = item
            .photos
            .iter()
            .map(|p| (p.url.as_deref(), p.caption.as_str(), &p.credit))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("/img/hall.jpg"),
                    "Visitors walk through the renovated hall.",
                    &parse_credit("Photo: Nora Quinn/The Gazette")
                ),
                (
                    Some("https://cdn.example.com/statue.jpg?w=800&h=600"),
                    "A bronze statue returns to its plinth.",
                    &parse_credit("Yuki Sato / Kyodo News")
                ),
                (
                    Some("https://cdn.example.com/hall2.jpg"),
                    "The west wing, seen from the balcony.",
                    &parse_credit("Erik Holm")
                ),
            ]
        );
        assert_eq!(
            html(&item),
            "<p>The museum reopened on Saturday.</p>\n\
             <p>{{&lt; youtube abc &gt;}}</p>\n\
             <p>Curators spent two years on the work.</p>\n"
        );
    }

    #[test]
    fn a_figure_with_two_images_stays_in_the_body() {
        let md = "<figure><img src=\"a.jpg\"><img src=\"b.jpg\"><figcaption>Two.</figcaption></figure>\n";
        assert!(html_figure(md).is_none());
        assert_eq!(render(md, Some("T")).photos, []);
    }

    #[test]
    fn a_plain_line_under_an_image_is_a_caption_only_when_it_ends_with_a_credit() {
        let md =
            "![](/a.jpg)\nFirefighters at the scene. Kim Lee AP Photo\n\n![](/b.jpg)\nSee the chart above.\n";
        let out = render(md, Some("T"));
        assert_eq!(out.photos.len(), 1);
        assert_eq!(out.photos[0].url.as_deref(), Some("/a.jpg"));
        assert_eq!(
            out.photos[0].credit,
            split_caption("Firefighters at the scene. Kim Lee AP Photo").1
        );
        assert_eq!(
            out.body,
            Body::Html("<p><img src=\"/b.jpg\" alt=\"\" />\nSee the chart above.</p>\n".into())
        );
    }

    #[test]
    fn the_more_divider_ends_the_summary() {
        let out = render("Lead *one*.\n\nLead two.\n\n<!--more-->\n\nRest.\n", Some("T"));
        assert_eq!(out.summary.as_deref(), Some("Lead one. Lead two."));
        assert_eq!(
            out.body,
            Body::Html("<p>Lead <em>one</em>.</p>\n<p>Lead two.</p>\n<p>Rest.</p>\n".into())
        );
        let item = one("---\ntitle: T\ndate: 2020-01-01\nsummary: Given.\n---\nA.\n\n<!-- more -->\n\nB.\n");
        assert_eq!(item.summary.as_deref(), Some("Given."));
    }

    #[test]
    fn a_leading_heading_is_the_title_when_there_is_none() {
        let item = one("---\ndate: 2022-02-02T10:00:00Z\n---\n\n# Heading *title*\n\nText.\n");
        assert_eq!(item.title, "Heading title");
        assert_eq!(html(&item), "<p>Text.</p>\n");
        // A heading that repeats the title is dropped; another one stays.
        let item = one("---\ntitle: Same title\ndate: 2022-02-02\n---\n# Same  Title\n\nText.\n");
        assert_eq!(html(&item), "<p>Text.</p>\n");
        let item = one("---\ntitle: Other\ndate: 2022-02-02\n---\n# Section\n\nText.\n");
        assert_eq!(html(&item), "<h1>Section</h1>\n<p>Text.</p>\n");
    }

    #[test]
    fn no_front_matter_uses_heading_and_file_name_date() {
        let items = load(
            "# Parade draws thousands\n\nThe parade began at noon.\n",
            "2019-07-04-parade.md",
        )
        .unwrap();
        assert_eq!(items[0].title, "Parade draws thousands");
        assert_eq!(items[0].published.to_rfc3339(), "2019-07-04T00:00:00-05:00");
        assert_eq!(items[0].id, "tag:news.example.org,2000:2019-07-04-parade.md");
        assert_eq!(items[0].source, "2019-07-04-parade.md");
    }

    #[test]
    fn drafts_give_no_items() {
        assert!(
            load("---\ntitle: WIP\ndate: 2020-01-01\ndraft: true\n---\nx\n", "a.md")
                .unwrap()
                .is_empty()
        );
        assert!(
            load("+++\ntitle = \"WIP\"\ndraft = true\n+++\nx\n", "a.md")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn missing_title_or_date_names_the_file() {
        let err = load("---\ndate: 2020-01-01\n---\nJust text.\n", "x/a.md").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x/a.md: no title: add a `title` field (or start the text with a `# heading`)"
        );
        let item = load("---\ntitle: T\n---\nJust text.\n", "x/a.md").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(item[0].date_source, crate::item::DateSource::FirstSeen);
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let err = load("---\ntitle: T\n\ndate: next tuesday\n---\nx\n", "a.md").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:4: date: \"next tuesday\" is not a date wirefeed understands"
        );
    }

    #[test]
    fn yaml_syntax_errors_name_the_file_line() {
        let err = load("\n---\ntitle: T\ndate: 2020-01-01\ntags: [a, b\n---\nx\n", "a.md").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("a.md:5: YAML front matter: ") || msg.starts_with("a.md:6: YAML front matter: "),
            "{msg}"
        );
        let err = load("---\ntitle: T\n  date: : 2020\n---\nx\n", "a.md").unwrap_err();
        assert!(
            err.to_string().starts_with("a.md:3: YAML front matter: "),
            "{err}"
        );
    }

    #[test]
    fn toml_syntax_errors_name_the_file_line() {
        let err = load("+++\ntitle = \"T\"\ndate = = 2020-01-01\n+++\nx\n", "a.md").unwrap_err();
        assert!(
            err.to_string().starts_with("a.md:3: TOML front matter: "),
            "{err}"
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = load("---\ntitle: T\ndate: 2020-01-01\n\nText.\n", "a.md").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:1: front matter opened with --- is never closed (no closing --- line)"
        );
    }

    #[test]
    fn json_front_matter() {
        let item =
            one("{\n  \"title\": \"JSON top\",\n  \"date\": \"2020-05-05T05:05:05Z\"\n}\n\nBody *here*.\n");
        assert_eq!(item.title, "JSON top");
        assert_eq!(html(&item), "<p>Body <em>here</em>.</p>\n");
        let err = load(
            "{\n  \"title\": \"JSON top\",\n  \"date\": 2020-05-05\n}\n",
            "a.md",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("a.md:3: JSON front matter: "),
            "{err}"
        );
    }

    #[test]
    fn a_leading_shortcode_is_not_json_front_matter() {
        let items = load(
            "{{< figure src=\"/a.jpg\" caption=\"Dawn.\" >}}\n\n# Title here\n\nText.\n",
            "2020-01-01-a.md",
        )
        .unwrap();
        assert_eq!(items[0].title, "Title here");
        assert_eq!(items[0].photos[0].caption, "Dawn.");
        assert_eq!(html(&items[0]), "<p>Text.</p>\n");
    }

    /// Jekyll writes `date: 2018-01-24 10:27:00 -0500`; `date::parse` is to learn it.
    #[test]
    fn jekyll_dates_with_a_numeric_offset() {
        let item = one("---\ntitle: T\ndate: 2018-01-24 10:27:00 -0500\n---\nx\n");
        assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
    }

    #[test]
    fn yaml_scalars_keep_their_spelling() {
        let item = one("---\ntitle: No\ndate: 2020-01-01\nid: 00123\ntags: [yes, on, 2024]\n---\nx\n");
        assert_eq!(item.title, "No");
        assert_eq!(item.id, "tag:news.example.org,2000:00123");
        assert_eq!(item.tags, ["yes", "on", "2024"]);
        assert!(
            load("---\ntitle: T\ndate: 2020-01-01\ndraft: yes\n---\nx\n", "a.md")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn crlf_files_and_unknown_fields() {
        let item = one(
            "---\r\ntitle: Windows\r\ndate: 2020-01-01T00:00:00Z\r\nweight: 3\r\nextra: {a: 1}\r\n---\r\nLine one.\r\n",
        );
        assert_eq!(item.title, "Windows");
        assert_eq!(html(&item), "<p>Line one.</p>\n");
    }

    #[test]
    fn body_captions_split_on_dashes_and_bars() {
        assert_eq!(
            split_body_caption("Voters line up — Ana Ruiz/The Tribune"),
            (
                "Voters line up".into(),
                Credit::new(Some("Ana Ruiz".into()), Some("The Tribune".into()))
            )
        );
        assert_eq!(
            split_body_caption("Voters line up | Photo by Ana Ruiz"),
            ("Voters line up".into(), parse_credit("Photo by Ana Ruiz"))
        );
        // A dash inside a sentence is not a credit.
        let long = "Voters line up — and wait for hours before the polls open at seven.";
        assert_eq!(split_body_caption(long), split_caption(long));
    }
}
