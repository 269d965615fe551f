//! A loose scan of HTML content for the URLs in its attributes (`href`, `src`,
//! `srcset`, `poster`). Content in feeds is HTML fragments of any quality; this reads
//! tags and attributes the way browsers tolerate them and never fails.

/// One URL-valued attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlAttr {
    /// The element name, lower case.
    pub(crate) tag: String,
    /// The attribute name, lower case.
    pub(crate) attr: String,
    /// The URL, with character references decoded.
    pub(crate) value: String,
}

const URL_ATTRS: &[&str] = &["href", "src", "srcset", "poster", "cite", "data"];

/// Every URL-valued attribute in `html`, in order (one entry per `srcset` candidate).
pub(crate) fn url_attrs(html: &str) -> Vec<UrlAttr> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        rest = attributes(rest, &tag, &mut out);
    }
    out
}

/// Reads the attributes of one tag, up to and past its `>`; returns the rest.
fn attributes<'a>(mut rest: &'a str, tag: &str, out: &mut Vec<UrlAttr>) -> &'a str {
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return rest;
        }
        if let Some(r) = rest.strip_prefix('>') {
            return r;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let Some(r) = rest.strip_prefix('=') else {
            continue;
        };
        rest = r.trim_start();
        let (value, r) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &rest[1..];
                match body.find(q) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        rest = r;
        if URL_ATTRS.contains(&name.as_str()) {
            let value = decode_entities(value.trim());
            if name == "srcset" {
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.push(UrlAttr {
                            tag: tag.into(),
                            attr: name.clone(),
                            value: url.into(),
                        });
                    }
                }
            } else {
                out.push(UrlAttr {
                    tag: tag.into(),
                    attr: name,
                    value,
                });
            }
        }
    }
}

/// Decodes the character references of an attribute value, as a browser does.
fn decode_entities(s: &str) -> String {
    crate::load::entities::decode_attribute(s)
}

/// Whether a URL is relative: no scheme, and not a same-document `#fragment`.
pub(crate) fn is_relative(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') {
        return false;
    }
    let scheme_len = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .unwrap_or(0);
    let has_scheme = scheme_len > 0
        && url.starts_with(|c: char| c.is_ascii_alphabetic())
        && url[scheme_len..].starts_with(':');
    !has_scheme
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(String, String, String)> {
        url_attrs(html)
            .into_iter()
            .map(|a| (a.tag, a.attr, a.value))
            .collect()
    }

    #[test]
    fn finds_url_attributes_in_messy_html() {
        let html = r#"<P><A HREF=/a?x=1&amp;y=2 title='t>'>x</A><!-- <img src="c.jpg"> -->
<img alt="a > b" src='https://cdn.example/p.jpg' srcset="s1.jpg 1x, https://cdn.example/s2.jpg 2x"/><br/><video poster="v.png" controls>"#;
        assert_eq!(
            values(html),
            vec![
                ("a".into(), "href".into(), "/a?x=1&y=2".into()),
                ("img".into(), "src".into(), "https://cdn.example/p.jpg".into()),
                ("img".into(), "srcset".into(), "s1.jpg".into()),
                ("img".into(), "srcset".into(), "https://cdn.example/s2.jpg".into()),
                ("video".into(), "poster".into(), "v.png".into()),
            ]
        );
    }

    #[test]
    fn never_fails_on_broken_markup() {
        assert_eq!(
            values("<a href=\"unterminated"),
            vec![("a".into(), "href".into(), "unterminated".into())]
        );
        assert!(values("< 3 <> <=").is_empty());
        assert!(values("<img src").is_empty());
    }

    #[test]
    fn relative_urls() {
        for u in ["/x.jpg", "x.jpg", "../x", "//cdn.example/x.jpg", "?q=1"] {
            assert!(is_relative(u), "{u}");
        }
        for u in [
            "https://a.example/",
            "mailto:a@b.example",
            "data:image/png;base64,AA",
            "#top",
            "",
            "tel:+1",
        ] {
            assert!(!is_relative(u), "{u}");
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#38;c&#x26;d&bogus;e&"),
            "a&b&c&d&bogus;e&"
        );
    }
}
