//! Atom 1.0 rules (RFC 4287): `id`, `title` and `updated` on the feed and on every
//! entry, an author on the feed or on every entry, RFC 3339 dates, ids that are
//! absolute URIs, `link rel="self"`, text and content constructs.

use roxmltree::Node;

use super::xml::{ATOM_NS, check_media, child, children, has_base, pos, text};
use super::{Sink, check_content, check_duplicates, check_rfc3339, is_absolute_uri};

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Checks an Atom `<feed>` root element.
pub(super) fn check(feed: Node<'_, '_>, sink: &mut Sink) {
    check_common(feed, "feed", sink);
    let feed_has_author = child(feed, Some(ATOM_NS), "author").is_some();
    let self_link = children(feed, Some(ATOM_NS), "link").find(|l| l.attribute("rel") == Some("self"));
    match self_link.and_then(|l| l.attribute("href")) {
        Some(href) if !is_absolute_uri(href) => sink.warning(
            self_link.and_then(pos),
            format!("link rel=\"self\" href {href:?} is relative: readers need the feed's absolute URL"),
        ),
        Some(_) => {}
        None => sink.warning(
            pos(feed),
            "no <link rel=\"self\">: readers use it to know the feed's own URL",
        ),
    }
    let mut ids = Vec::new();
    for entry in children(feed, Some(ATOM_NS), "entry") {
        check_common(entry, "entry", sink);
        if let Some(id) = child(entry, Some(ATOM_NS), "id") {
            ids.push((text(id).trim().to_string(), pos(id)));
        }
        let source_author =
            child(entry, Some(ATOM_NS), "source").and_then(|s| child(s, Some(ATOM_NS), "author"));
        if !feed_has_author && child(entry, Some(ATOM_NS), "author").is_none() && source_author.is_none() {
            sink.error(
                pos(entry),
                "<entry> has no <author>, and the feed has none to inherit",
            );
        }
        if let Some(published) = child(entry, Some(ATOM_NS), "published") {
            check_rfc3339(sink, pos(published), "<published>", &text(published));
        }
        let content = child(entry, Some(ATOM_NS), "content");
        let has_alternate = children(entry, Some(ATOM_NS), "link")
            .any(|l| l.attribute("rel").is_none_or(|r| r == "alternate"));
        if content.is_none() && !has_alternate {
            sink.error(
                pos(entry),
                "<entry> has neither <content> nor <link rel=\"alternate\">",
            );
        }
        for name in ["summary", "rights"] {
            if let Some(t) = child(entry, Some(ATOM_NS), name) {
                check_text_construct(t, sink);
            }
        }
        let images = {
            let mut scratch = Sink::new(std::path::Path::new(""));
            check_media(entry, &mut scratch)
        };
        let (html, at) = match content {
            Some(c) => (check_content_element(c, sink), pos(c)),
            None => (None, pos(entry)),
        };
        check_content(
            sink,
            at,
            "content",
            html.as_deref(),
            has_base(content.unwrap_or(entry)),
            &images,
        );
    }
    check_media(feed, sink);
    check_duplicates(sink, "id", &ids);
}

/// The rules feed and entry share: one `id` (an absolute URI), one `title`, one
/// `updated` (RFC 3339); authors with names; links with `href`.
fn check_common(node: Node<'_, '_>, what: &str, sink: &mut Sink) {
    for name in ["id", "title", "updated"] {
        let found: Vec<_> = children(node, Some(ATOM_NS), name).collect();
        match found.as_slice() {
            [] => sink.error(pos(node), format!("<{what}> has no <{name}>")),
            [_] => {}
            [_, extra, ..] => sink.error(pos(*extra), format!("<{what}> has more than one <{name}>")),
        }
    }
    if let Some(id) = child(node, Some(ATOM_NS), "id") {
        let value = text(id);
        if !is_absolute_uri(&value) {
            sink.error(
                pos(id),
                format!(
                    "<id> {:?} is not an absolute URI (use the URL or a tag: URI)",
                    value.trim()
                ),
            );
        }
    }
    if let Some(title) = child(node, Some(ATOM_NS), "title") {
        check_text_construct(title, sink);
    }
    if let Some(updated) = child(node, Some(ATOM_NS), "updated") {
        check_rfc3339(sink, pos(updated), "<updated>", &text(updated));
    }
    for author in children(node, Some(ATOM_NS), "author") {
        if child(author, Some(ATOM_NS), "name").is_none_or(|n| text(n).trim().is_empty()) {
            sink.error(pos(author), "<author> has no <name>");
        }
    }
    for link in children(node, Some(ATOM_NS), "link") {
        if link.attribute("href").is_none() {
            sink.error(pos(link), "<link> has no href");
        }
    }
}

/// `type` of a text construct (title, summary, rights) is text, html or xhtml.
fn check_text_construct(node: Node<'_, '_>, sink: &mut Sink) -> Option<()> {
    let t = node.attribute("type")?;
    if !matches!(t, "text" | "html" | "xhtml") {
        let name = node.tag_name().name();
        sink.error(
            pos(node),
            format!("<{name}> type {t:?} must be text, html or xhtml"),
        );
    } else if t == "xhtml" {
        check_xhtml_div(node, sink);
    }
    None
}

/// Checks `<content>`'s type and form; returns its HTML when it is HTML or XHTML.
fn check_content_element(c: Node<'_, '_>, sink: &mut Sink) -> Option<String> {
    let t = c.attribute("type").unwrap_or("text");
    if c.attribute("src").is_some() {
        if !text(c).trim().is_empty() || c.children().any(|n| n.is_element()) {
            sink.error(pos(c), "<content src> must be empty");
        }
        if matches!(t, "html" | "xhtml") {
            sink.warning(
                pos(c),
                format!("<content src> type {t:?} should be a media type such as text/html"),
            );
        }
        return None;
    }
    match t {
        "text" => None,
        "html" => Some(text(c)),
        "xhtml" => {
            check_xhtml_div(c, sink);
            Some(xhtml_urls(c))
        }
        _ if t.contains('/') => None,
        _ => {
            sink.error(
                pos(c),
                format!("<content> type {t:?} must be text, html, xhtml or a media type"),
            );
            None
        }
    }
}

fn check_xhtml_div(node: Node<'_, '_>, sink: &mut Sink) {
    let elements: Vec<_> = node.children().filter(Node::is_element).collect();
    let ok = matches!(elements.as_slice(), [div] if div.tag_name().name() == "div" && div.tag_name().namespace() == Some(XHTML_NS));
    if !ok {
        let name = node.tag_name().name();
        sink.error(
            pos(node),
            format!("<{name} type=\"xhtml\"> must hold exactly one <div xmlns=\"{XHTML_NS}\">"),
        );
    }
}

/// The URL attributes of XHTML content, re-serialized as tags the HTML scan reads.
fn xhtml_urls(c: Node<'_, '_>) -> String {
    let mut out = String::new();
    for e in c.descendants().filter(Node::is_element) {
        out.push('<');
        out.push_str(e.tag_name().name());
        for a in e.attributes() {
            out.push_str(&format!(
                " {}=\"{}\"",
                a.name(),
                a.value().replace('&', "&amp;").replace('"', "&quot;")
            ));
        }
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::check_bytes;

    fn findings(doc: &str) -> Vec<String> {
        check_bytes(Path::new("atom.xml"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    const HEAD: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<id>https://harbor.example.net/atom.xml</id>
<title>Harbor Herald</title>
<updated>2022-05-01T08:00:00+02:00</updated>
<link rel="self" href="https://harbor.example.net/atom.xml"/>
"#;

    #[test]
    fn a_good_feed_has_no_findings() {
        let doc = format!(
            r#"{HEAD}<author><name>Harbor Herald</name></author>
<entry>
<id>tag:harbor.example.net,2000:ferry</id>
<title type="html">Ferry &amp;amp; port</title>
<updated>2022-05-01T08:00:00+02:00</updated>
<published>2022-04-30T21:15:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><img src="https://img.example.net/f.jpg"/></div></content>
<media:content url="https://img.example.net/f.jpg" medium="image"/>
</entry>
</feed>"#
        );
        assert_eq!(findings(&doc), Vec::<String>::new());
    }

    #[test]
    fn required_elements_and_authors() {
        let doc = r#"<feed xmlns="http://www.w3.org/2005/Atom">
<title type="markdown">T</title>
<updated>May 1, 2022</updated>
<entry>
<id>/posts/1</id>
<updated>2022-05-01T08:00:00</updated>
<published>2022-05-01 08:00:00Z</published>
<link href="https://a.example/1"/>
</entry>
<entry>
<id>tag:a.example,2000:2</id>
<id>tag:a.example,2000:3</id>
<title>Two</title>
<updated>2022-05-01T08:00:00Z</updated>
<author><email>x@a.example</email></author>
</entry>
</feed>"#;
        assert_eq!(
            findings(doc),
            vec![
                "atom.xml:1:1: error: <feed> has no <id>",
                "atom.xml:1:1: warning: no <link rel=\"self\">: readers use it to know the feed's own URL",
                "atom.xml:2:1: error: <title> type \"markdown\" must be text, html or xhtml",
                "atom.xml:3:1: error: <updated> \"May 1, 2022\" is not an RFC 3339 date, like \"2018-01-24T10:27:00-05:00\"",
                "atom.xml:4:1: error: <entry> has no <title>",
                "atom.xml:4:1: error: <entry> has no <author>, and the feed has none to inherit",
                "atom.xml:5:1: error: <id> \"/posts/1\" is not an absolute URI (use the URL or a tag: URI)",
                "atom.xml:6:1: error: <updated> \"2022-05-01T08:00:00\" is not an RFC 3339 date, like \"2018-01-24T10:27:00-05:00\"",
                "atom.xml:7:1: error: <published> \"2022-05-01 08:00:00Z\" is not an RFC 3339 date, like \"2018-01-24T10:27:00-05:00\"",
                "atom.xml:10:1: error: <entry> has neither <content> nor <link rel=\"alternate\">",
                "atom.xml:12:1: error: <entry> has more than one <id>",
                "atom.xml:15:1: error: <author> has no <name>",
            ]
        );
    }

    #[test]
    fn content_rules_and_duplicates() {
        let doc = format!(
            r#"{HEAD}<author><name>H</name></author>
<entry>
<id>https://harbor.example.net/a</id><title>A</title><updated>2022-05-01T08:00:00Z</updated>
<content type="html">&lt;img src="img/a.jpg"&gt;</content>
</entry>
<entry xml:base="https://harbor.example.net/">
<id>https://harbor.example.net/a</id><title>B</title><updated>2022-05-01T08:00:00Z</updated>
<content type="html">&lt;img src="img/b.jpg"&gt;</content>
</entry>
<entry>
<id>https://harbor.example.net/c</id><title>C</title><updated>2022-05-01T08:00:00Z</updated>
<content type="xhtml"><p>no div</p></content>
</entry>
<entry>
<id>https://harbor.example.net/d</id><title>D</title><updated>2022-05-01T08:00:00Z</updated>
<content type="html" src="https://harbor.example.net/d">x</content>
<link rel="alternate" href="https://harbor.example.net/d"/>
</entry>
<entry>
<id>https://harbor.example.net/e</id><title>E</title><updated>2022-05-01T08:00:00Z</updated>
<content type="bogus">x</content>
</entry>
</feed>"#
        );
        assert_eq!(
            findings(&doc),
            vec![
                "atom.xml:9:1: warning: relative URL \"img/a.jpg\" (src of <img>) in content: readers resolve it against different bases or not at all; make it absolute",
                "atom.xml:12:1: error: duplicate id \"https://harbor.example.net/a\" (first on line 8): readers keep only one of the items",
                "atom.xml:17:1: error: <content type=\"xhtml\"> must hold exactly one <div xmlns=\"http://www.w3.org/1999/xhtml\">",
                "atom.xml:21:1: error: <content src> must be empty",
                "atom.xml:21:1: warning: <content src> type \"html\" should be a media type such as text/html",
                "atom.xml:26:1: error: <content> type \"bogus\" must be text, html, xhtml or a media type",
            ]
        );
    }
}
