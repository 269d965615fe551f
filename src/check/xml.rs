//! The XML layer of `check`: encoding, characters XML 1.0 forbids, well-formedness
//! (roxmltree, which also refuses undeclared prefixes), well-known prefixes bound to
//! the wrong namespace, then the RSS or Atom rules by root element. Also the small
//! node helpers the format rules share.

use roxmltree::{Document, Node, ParsingOptions};

use super::{LineIndex, Pos, Sink, atom, rss};

/// The Atom namespace.
pub(crate) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The Media RSS namespace.
pub(crate) const MEDIA_NS: &str = crate::write::MEDIA_NS;
/// RSS 1.0's content module (`content:encoded`).
pub(crate) const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The XML namespace (`xml:base`, `xml:lang`).
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Prefixes readers often match by name, with the namespace they must be bound to.
const KNOWN_PREFIXES: &[(&str, &str)] = &[
    ("media", MEDIA_NS),
    ("content", CONTENT_NS),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("atom", ATOM_NS),
];

/// At most this many illegal characters are reported one by one.
const MAX_CHAR_REPORTS: usize = 5;

/// Checks an XML document; returns whether it is a feed (RSS or Atom).
pub(super) fn check(bytes: &[u8], sink: &mut Sink) -> bool {
    let Some(text) = decode(bytes, sink) else {
        return false;
    };
    let text = replace_illegal_chars(&text, sink);
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(&text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = match e {
                roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
                    LineIndex::new(&text).pos(text.len())
                }
                _ => (e.pos().row as usize, e.pos().col as usize),
            };
            let message = e.to_string().replace(&format!(" at {}", e.pos()), "");
            sink.error(Some(pos), format!("not well-formed XML: {message}"));
            return false;
        }
    };
    let root = doc.root_element();
    for ns in root.namespaces() {
        if let Some((prefix, expected)) = KNOWN_PREFIXES.iter().find(|(p, _)| ns.name() == Some(*p))
            && ns.uri() != *expected
        {
            sink.warning(
                pos(root),
                format!(
                    "prefix {prefix:?} is bound to {:?}, not {expected:?}: readers will not recognize its elements",
                    ns.uri()
                ),
            );
        }
    }
    match (root.tag_name().namespace(), root.tag_name().name()) {
        (None, "rss") => {
            rss::check(root, sink);
            true
        }
        (Some(ATOM_NS), "feed") => {
            atom::check(root, sink);
            true
        }
        (_, "feed") => {
            sink.error(
                pos(root),
                format!("<feed> is not in the Atom namespace: declare xmlns=\"{ATOM_NS}\""),
            );
            true
        }
        _ => false,
    }
}

/// The document as text: UTF-8 is expected; a declared legacy encoding is decoded
/// with a warning; bytes that are not valid in the encoding are an error.
fn decode(bytes: &[u8], sink: &mut Sink) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        sink.warning(None, "the file is UTF-16: feeds should be UTF-8");
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            sink.error(None, "the file is not valid UTF-16");
        }
        return Some(text.into_owned());
    }
    let declared = declared_encoding(bytes);
    if let Some((label, pos)) = &declared
        && !label.eq_ignore_ascii_case("utf-8")
        && !label.eq_ignore_ascii_case("utf8")
    {
        let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) else {
            sink.error(Some(*pos), format!("unknown encoding {label:?}"));
            return None;
        };
        if encoding != encoding_rs::UTF_8 {
            sink.warning(
                Some(*pos),
                format!("encoding declared {label:?}: feeds should be UTF-8, which every reader supports"),
            );
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if had_errors {
                sink.error(None, format!("the file has bytes that are not valid {label}"));
            }
            return Some(text.into_owned());
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(e) => {
            let good = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let pos = LineIndex::new(&prefix).pos(good);
            sink.error(
                Some(pos),
                format!(
                    "invalid UTF-8 (byte 0x{:02X}){}",
                    bytes[good],
                    if declared.is_some() {
                        ""
                    } else {
                        ": declare the file's encoding or convert it to UTF-8"
                    }
                ),
            );
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

/// The `encoding` of the XML declaration, with its position.
fn declared_encoding(bytes: &[u8]) -> Option<(String, (usize, usize))> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let end = bytes.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&bytes[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = rest[1..].split(quote).next()?;
    Some((value.to_string(), (1, at + 1)))
}

/// Whether XML 1.0 allows `c` in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Reports characters XML forbids and replaces each with a space, so parsing can go
/// on and find the other problems.
fn replace_illegal_chars(text: &str, sink: &mut Sink) -> String {
    if text.chars().all(is_xml_char) {
        return text.to_string();
    }
    let (mut line, mut col, mut count) = (1, 1, 0);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            count += 1;
            if count <= MAX_CHAR_REPORTS {
                sink.error(
                    Some((line, col)),
                    format!("character U+{:04X} is not allowed in XML", u32::from(c)),
                );
            }
            out.push(' ');
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    if count > MAX_CHAR_REPORTS {
        sink.error(
            None,
            format!("{} more characters not allowed in XML", count - MAX_CHAR_REPORTS),
        );
    }
    out
}

/// The line and column where `node` starts.
pub(crate) fn pos(node: Node<'_, '_>) -> Pos {
    let p = node.document().text_pos_at(node.range().start);
    Some((p.row as usize, p.col as usize))
}

/// The child elements of `node` named `name` in namespace `ns` (`None`: no namespace).
pub(crate) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    ns: Option<&'static str>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
}

/// The first child element named `name` in `ns`.
pub(crate) fn child<'a, 'i>(
    node: Node<'a, 'i>,
    ns: Option<&'static str>,
    name: &'static str,
) -> Option<Node<'a, 'i>> {
    children(node, ns, name).next()
}

/// The text of an element (all its text and CDATA, concatenated).
pub(crate) fn text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Whether an `xml:base` applies to `node` (relative URLs are then resolvable).
pub(crate) fn has_base(node: Node<'_, '_>) -> bool {
    node.ancestors().any(|n| n.attribute((XML_NS, "base")).is_some())
}

/// Checks the Media RSS elements under `node`: `media:content` and `media:thumbnail`
/// need an absolute `url`, `medium` one of the spec's values. Returns the image URLs
/// of the `media:content` elements.
pub(crate) fn check_media(node: Node<'_, '_>, sink: &mut Sink) -> Vec<String> {
    let mut images = Vec::new();
    for m in node
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(MEDIA_NS))
    {
        let name = m.tag_name().name();
        if !matches!(name, "content" | "thumbnail") {
            continue;
        }
        match m.attribute("url") {
            None if name == "content" && child(m, Some(MEDIA_NS), "player").is_some() => {}
            None => sink.error(pos(m), format!("<media:{name}> has no url")),
            Some(url) if !super::is_absolute_uri(url) => {
                sink.error(
                    pos(m),
                    format!("<media:{name}> url {url:?} is not an absolute URL"),
                );
            }
            Some(url) if name == "content" => {
                let medium = m.attribute("medium");
                if let Some(medium) = medium
                    && !matches!(medium, "image" | "audio" | "video" | "document" | "executable")
                {
                    sink.error(
                        pos(m),
                        format!("<media:content> medium {medium:?} is not image, audio, video, document or executable"),
                    );
                }
                let is_image = medium == Some("image")
                    || m.attribute("type").is_some_and(|t| t.starts_with("image/"))
                    || medium.is_none()
                        && m.attribute("type").is_none()
                        && crate::write::image_mime(url).is_some();
                if is_image {
                    images.push(url.to_string());
                }
            }
            Some(_) => {}
        }
    }
    images
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::check_bytes;

    fn findings(doc: &str) -> Vec<String> {
        check_bytes(Path::new("f.xml"), doc.as_bytes())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn not_well_formed_with_position() {
        assert_eq!(
            findings("<root>\n  <a>text</b>\n</root>\n"),
            vec!["f.xml:2:10: error: not well-formed XML: expected 'a' tag, not 'b'"]
        );
        assert_eq!(
            findings("<root>\n  <a>"),
            vec!["f.xml:2:6: error: not well-formed XML: the root node was opened but never closed"]
        );
    }

    #[test]
    fn undeclared_prefix() {
        assert_eq!(
            findings("<root>\n<item>\n  <media:content url=\"https://a.example/p.jpg\"/>\n</item></root>"),
            vec!["f.xml:3:4: error: not well-formed XML: an unknown namespace prefix 'media'"]
        );
    }

    #[test]
    fn illegal_characters_are_reported_each() {
        assert_eq!(
            findings("<root>\n<a>bell\u{7} and \u{1}</a>\n<b>\u{FFFF}</b></root>"),
            vec![
                "f.xml:2:8: error: character U+0007 is not allowed in XML",
                "f.xml:2:14: error: character U+0001 is not allowed in XML",
                "f.xml:3:4: error: character U+FFFF is not allowed in XML",
            ]
        );
    }

    #[test]
    fn illegal_character_references() {
        let f = findings("<root>\n<a>&#x1;</a></root>");
        assert_eq!(f.len(), 1);
        assert!(f[0].starts_with("f.xml:2:4: error: not well-formed XML"), "{f:?}");
    }

    #[test]
    fn encodings() {
        assert_eq!(
            findings("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root>café</root>"),
            Vec::<String>::new()
        );
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<root>caf\xE9</root>";
        assert_eq!(
            check_bytes(Path::new("f.xml"), latin1)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            vec![
                "f.xml:1:21: warning: encoding declared \"ISO-8859-1\": feeds should be UTF-8, which every reader supports"
            ]
        );
        let broken = b"<root>\nok\ncaf\xE9</root>";
        assert_eq!(
            check_bytes(Path::new("f.xml"), broken)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            vec![
                "f.xml:3:4: error: invalid UTF-8 (byte 0xE9): declare the file's encoding or convert it to UTF-8"
            ]
        );
    }

    #[test]
    fn wrong_namespace_for_a_known_prefix() {
        assert_eq!(
            findings("<root xmlns:media=\"http://search.yahoo.com/mrss\"/>"),
            vec![
                "f.xml:1:1: warning: prefix \"media\" is bound to \"http://search.yahoo.com/mrss\", not \"http://search.yahoo.com/mrss/\": readers will not recognize its elements"
            ]
        );
    }

    #[test]
    fn other_xml_is_only_checked_for_well_formedness() {
        assert_eq!(findings("<urlset><url/></urlset>"), Vec::<String>::new());
    }
}
