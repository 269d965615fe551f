//! RSS 2.0 rules (rssboard.org's specification and its best practices): what the
//! channel and each item must have, RFC 822 dates, permalink guids, e-mail authors,
//! `atom:link rel="self"`, enclosures and Media RSS.

use roxmltree::Node;

use super::xml::{ATOM_NS, CONTENT_NS, check_media, child, children, has_base, pos, text};
use super::{Sink, check_content, check_duplicates, check_rfc822, has_email, is_absolute_uri};

/// Checks an `<rss>` root element.
pub(super) fn check(root: Node<'_, '_>, sink: &mut Sink) {
    match root.attribute("version") {
        Some("2.0") => {}
        Some(v) => sink.warning(pos(root), format!("RSS version {v:?}: checked as RSS 2.0")),
        None => sink.error(pos(root), "<rss> has no version attribute (version=\"2.0\")"),
    }
    let channels: Vec<_> = children(root, None, "channel").collect();
    let Some(channel) = channels.first().copied() else {
        sink.error(pos(root), "<rss> has no <channel>");
        return;
    };
    for extra in &channels[1..] {
        sink.error(pos(*extra), "more than one <channel>");
    }
    for name in ["title", "link", "description"] {
        if child(channel, None, name).is_none() {
            sink.error(pos(channel), format!("<channel> has no <{name}>"));
        }
    }
    if let Some(title) = child(channel, None, "title")
        && text(title).trim().is_empty()
    {
        sink.warning(pos(title), "the channel <title> is empty");
    }
    if let Some(link) = child(channel, None, "link") {
        let url = text(link);
        if !is_absolute_uri(&url) {
            sink.error(
                pos(link),
                format!("channel <link> {:?} is not an absolute URL", url.trim()),
            );
        }
    }
    for name in ["pubDate", "lastBuildDate"] {
        for date in children(channel, None, name) {
            check_rfc822(sink, pos(date), name, &text(date));
        }
    }
    for name in ["managingEditor", "webMaster"] {
        for person in children(channel, None, name) {
            if !has_email(&text(person)) {
                sink.error(pos(person), format!("<{name}> must hold an e-mail address"));
            }
        }
    }
    check_self_link(channel, sink);
    let mut guids = Vec::new();
    for item in children(channel, None, "item") {
        check_item(item, sink, &mut guids);
    }
    check_media(channel, sink);
    check_duplicates(sink, "guid", &guids);
}

fn check_self_link(channel: Node<'_, '_>, sink: &mut Sink) {
    let self_link = children(channel, Some(ATOM_NS), "link").find(|l| l.attribute("rel") == Some("self"));
    let Some(link) = self_link else {
        sink.warning(
            pos(channel),
            format!(
                "no <atom:link rel=\"self\"> (xmlns:atom=\"{ATOM_NS}\"): readers use it to know the feed's own URL"
            ),
        );
        return;
    };
    match link.attribute("href") {
        Some(href) if is_absolute_uri(href) => {}
        Some(href) => sink.warning(
            pos(link),
            format!("atom:link rel=\"self\" href {href:?} is relative: readers need the feed's absolute URL"),
        ),
        None => sink.error(pos(link), "atom:link rel=\"self\" has no href"),
    }
    if let Some(t) = link.attribute("type")
        && t != "application/rss+xml"
    {
        sink.warning(
            pos(link),
            format!("atom:link rel=\"self\" type {t:?} should be \"application/rss+xml\""),
        );
    }
}

fn check_item(item: Node<'_, '_>, sink: &mut Sink, guids: &mut Vec<(String, super::Pos)>) {
    let at = pos(item);
    let description = child(item, None, "description");
    if child(item, None, "title").is_none() && description.is_none() {
        sink.error(at, "<item> has neither <title> nor <description>");
    }
    if let Some(link) = child(item, None, "link") {
        let url = text(link);
        if !is_absolute_uri(&url) {
            sink.error(
                pos(link),
                format!("item <link> {:?} is not an absolute URL", url.trim()),
            );
        }
    }
    if let Some(guid) = child(item, None, "guid") {
        let value = text(guid).trim().to_string();
        let permalink = match guid.attribute("isPermaLink") {
            None | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                sink.error(
                    pos(guid),
                    format!("isPermaLink {other:?} must be \"true\" or \"false\""),
                );
                false
            }
        };
        if value.is_empty() {
            sink.error(pos(guid), "<guid> is empty");
        } else {
            if permalink && !is_absolute_uri(&value) {
                sink.error(
                    pos(guid),
                    format!(
                        "<guid> {value:?} is a permalink (isPermaLink defaults to true) but not an absolute URL: add isPermaLink=\"false\""
                    ),
                );
            }
            guids.push((value, pos(guid)));
        }
    }
    if let Some(date) = child(item, None, "pubDate") {
        check_rfc822(sink, pos(date), "pubDate", &text(date));
    }
    for author in children(item, None, "author") {
        if !has_email(&text(author)) {
            sink.error(
                pos(author),
                "<author> must hold an e-mail address, like \"jane@example.com (Jane Doe)\"; put names in <dc:creator>",
            );
        }
    }
    for enclosure in children(item, None, "enclosure") {
        for attr in ["url", "length", "type"] {
            if enclosure.attribute(attr).is_none() {
                sink.error(pos(enclosure), format!("<enclosure> has no {attr}"));
            }
        }
        if let Some(url) = enclosure.attribute("url")
            && !is_absolute_uri(url)
        {
            sink.error(
                pos(enclosure),
                format!("<enclosure> url {url:?} is not an absolute URL"),
            );
        }
    }
    let images = check_media_images(item);
    let (content, what) = match child(item, Some(CONTENT_NS), "encoded") {
        Some(c) => (Some(c), "content:encoded"),
        None => (description, "description"),
    };
    let html = content.map(text);
    let place = content.map_or(at, pos);
    check_content(sink, place, what, html.as_deref(), has_base(item), &images);
}

/// The image URLs of an item's Media RSS, without reporting (the whole channel's media
/// elements are checked once).
fn check_media_images(item: Node<'_, '_>) -> Vec<String> {
    let mut scratch = Sink::new(std::path::Path::new(""));
    check_media(item, &mut scratch)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::check_bytes;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>The Riverton Ledger</title>
<link>https://ledger.example.org/</link>
<description>Local news</description>
<atom:link href="https://ledger.example.org/rss.xml" rel="self" type="application/rss+xml"/>
"#;

    /// Findings for a feed made of HEAD (7 lines), `items` and the closing tags.
    fn findings(items: &str) -> Vec<String> {
        let doc = format!("{HEAD}{items}\n</channel>\n</rss>\n");
        check_bytes(Path::new("rss.xml"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_good_feed_has_no_findings() {
        let items = r#"<item>
<title>Council votes</title>
<link>https://ledger.example.org/council</link>
<guid>https://ledger.example.org/council</guid>
<pubDate>Tue, 02 Mar 2021 18:30:00 -0500</pubDate>
<author>desk@ledger.example.org (City Desk)</author>
<content:encoded><![CDATA[<figure><img src="https://img.example.org/c.jpg?w=800&amp;h=600"></figure><p><a href="https://ledger.example.org/">Home</a></p>]]></content:encoded>
<media:content url="https://img.example.org/c.jpg?w=800&amp;h=600" medium="image"><media:credit role="photographer">Ana Ruiz</media:credit></media:content>
</item>"#;
        assert_eq!(findings(items), Vec::<String>::new());
    }

    #[test]
    fn channel_requirements() {
        let doc = "<rss>\n<channel>\n<title></title>\n<link>/home</link>\n<pubDate>2021-03-02</pubDate>\n<webMaster>Webmaster</webMaster>\n</channel></rss>";
        let f: Vec<String> = check_bytes(Path::new("rss.xml"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            f,
            vec![
                "rss.xml:1:1: error: <rss> has no version attribute (version=\"2.0\")",
                "rss.xml:2:1: error: <channel> has no <description>",
                "rss.xml:2:1: warning: no <atom:link rel=\"self\"> (xmlns:atom=\"http://www.w3.org/2005/Atom\"): readers use it to know the feed's own URL",
                "rss.xml:3:1: warning: the channel <title> is empty",
                "rss.xml:4:1: error: channel <link> \"/home\" is not an absolute URL",
                "rss.xml:5:1: error: <pubDate> \"2021-03-02\" is not an RFC 822 date, like \"Wed, 24 Jan 2018 10:27:00 -0500\"",
                "rss.xml:6:1: error: <webMaster> must hold an e-mail address",
            ]
        );
    }

    #[test]
    fn item_rules() {
        let items = r#"<item>
<link>https://ledger.example.org/a</link>
</item>
<item>
<title>Two</title>
<guid>a-17</guid>
<pubDate>2021-03-02T18:30:00Z</pubDate>
<author>Jane Doe</author>
</item>
<item>
<title>Three</title>
<guid isPermaLink="false">a-17</guid>
<guid isPermaLink="yes">b</guid>
<enclosure url="/a.mp3" type="audio/mpeg"/>
</item>"#;
        assert_eq!(
            findings(items),
            vec![
                "rss.xml:8:1: error: <item> has neither <title> nor <description>",
                "rss.xml:13:1: error: <guid> \"a-17\" is a permalink (isPermaLink defaults to true) but not an absolute URL: add isPermaLink=\"false\"",
                "rss.xml:14:1: error: <pubDate> \"2021-03-02T18:30:00Z\" is not an RFC 822 date, like \"Wed, 24 Jan 2018 10:27:00 -0500\"",
                "rss.xml:15:1: error: <author> must hold an e-mail address, like \"jane@example.com (Jane Doe)\"; put names in <dc:creator>",
                "rss.xml:19:1: error: duplicate guid \"a-17\" (first on line 13): readers keep only one of the items",
                "rss.xml:21:1: error: <enclosure> has no length",
                "rss.xml:21:1: error: <enclosure> url \"/a.mp3\" is not an absolute URL",
            ]
        );
    }

    #[test]
    fn content_urls_and_media() {
        let items = r##"<item>
<title>Storm</title>
<guid isPermaLink="false">storm</guid>
<content:encoded>&lt;p&gt;&lt;img src="/photos/storm.jpg"&gt; &lt;a href="../x"&gt;x&lt;/a&gt; &lt;a href="#n"&gt;n&lt;/a&gt;&lt;/p&gt;</content:encoded>
<media:content url="https://img.example.org/storm-2.jpg" medium="image"/>
<media:content url="photos/3.jpg" medium="picture"/>
<media:thumbnail/>
</item>"##;
        assert_eq!(
            findings(items),
            vec![
                "rss.xml:11:1: warning: relative URL \"/photos/storm.jpg\" (src of <img>) in content:encoded: readers resolve it against different bases or not at all; make it absolute",
                "rss.xml:11:1: warning: relative URL \"../x\" (href of <a>) in content:encoded: readers resolve it against different bases or not at all; make it absolute",
                "rss.xml:11:1: warning: image \"https://img.example.org/storm-2.jpg\" is only in Media RSS, not in the HTML content:encoded: readers that show only the HTML will miss it",
                "rss.xml:13:1: error: <media:content> url \"photos/3.jpg\" is not an absolute URL",
                "rss.xml:14:1: error: <media:thumbnail> has no url",
            ]
        );
    }

    #[test]
    fn bad_medium_and_self_link() {
        let doc = HEAD.replace("https://ledger.example.org/rss.xml", "rss.xml");
        let doc = format!(
            "{doc}<item><title>x</title><media:content url=\"https://a.example/v.mp4\" medium=\"film\"/></item>\n</channel>\n</rss>"
        );
        let f: Vec<String> = check_bytes(Path::new("rss.xml"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            f,
            vec![
                "rss.xml:7:1: warning: atom:link rel=\"self\" href \"rss.xml\" is relative: readers need the feed's absolute URL",
                "rss.xml:8:23: error: <media:content> medium \"film\" is not image, audio, video, document or executable",
            ]
        );
    }
}
