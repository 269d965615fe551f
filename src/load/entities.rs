//! Character references (`&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`): the one place
//! wirefeed decodes them.
//!
//! Decoding is done by the HTML5 parser already used for pages (html5ever, through
//! `scraper`), so every named reference of the HTML standard is known, numeric
//! references follow the standard's repairs (`&#150;` is the en dash Windows-1252 puts
//! there, `&#0;` the replacement character), and text reads exactly as a browser shows
//! it. [`decode`] follows the rules of text between tags; [`decode_attribute`] those of
//! an attribute value, where a legacy name without `;` followed by `=` or a letter is
//! left alone (`?a=1&copy=2` in a URL stays as written). [`fragment_text`] gives the
//! text of an HTML fragment, tags dropped.

use scraper::Html;

/// `text` with its character references decoded as in text between tags; `<` and
/// everything else is kept as written.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let escaped = text.replace('<', "&lt;");
    let doc = Html::parse_fragment(&escaped);
    doc.root_element().text().collect()
}

/// An attribute value with its character references decoded as a browser decodes
/// them inside an attribute.
pub fn decode_attribute(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let markup = format!("<a title=\"{}\"></a>", value.replace('"', "&quot;"));
    let doc = Html::parse_fragment(&markup);
    doc.root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "a")
        .and_then(|a| a.attr("title"))
        .map_or_else(|| value.to_string(), str::to_string)
}

/// The text of an HTML fragment: tags dropped, references decoded, spacing kept.
pub fn fragment_text(html: &str) -> String {
    Html::parse_fragment(html).root_element().text().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_references_of_the_whole_standard() {
        assert_eq!(decode("It&rsquo;s AT&amp;T&#8217;s day"), "It’s AT&T’s day");
        assert_eq!(
            decode("&hellip; &mdash; &eacute;&Eacute; &nbsp;x"),
            "… — éÉ \u{a0}x"
        );
        assert_eq!(decode("&NotNestedGreaterGreater;&fjlig;"), "⪢\u{338}fj");
        assert_eq!(decode("&bogus; &amp"), "&bogus; &");
    }

    #[test]
    fn numeric_references_with_the_standards_repairs() {
        assert_eq!(decode("&#x2019;&#X2019;&#39;"), "’’'");
        assert_eq!(decode("&#150;"), "–");
        assert_eq!(decode("&#0;"), "\u{fffd}");
        assert_eq!(decode("&#x110000;"), "\u{fffd}");
    }

    #[test]
    fn markup_in_text_is_kept_as_written() {
        assert_eq!(decode("a < b &amp; <b>c</b>"), "a < b & <b>c</b>");
        assert_eq!(decode("no references"), "no references");
    }

    #[test]
    fn attributes_leave_legacy_names_before_equals_alone() {
        assert_eq!(decode_attribute("/a?x=1&copy=2"), "/a?x=1&copy=2");
        assert_eq!(decode_attribute("/a?x=1&amp;y=\"2\""), "/a?x=1&y=\"2\"");
        assert_eq!(decode_attribute("&#38;&#x26;&lt;"), "&&<");
        // In text the same legacy name is decoded.
        assert_eq!(decode("x=1&copy=2"), "x=1©=2");
    }

    #[test]
    fn fragment_text_drops_tags() {
        assert_eq!(
            fragment_text("<p class=\"x\">It&rsquo;s <b>AT&amp;T</b></p>"),
            "It’s AT&T"
        );
    }
}
