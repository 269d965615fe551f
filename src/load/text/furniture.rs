//! Page furniture around the article: lists of links to other stories.

/// A line of a list of links: a short headline, without sentence punctuation at the end.
pub(super) fn is_link_line(text: &str) -> bool {
    text.split_whitespace().count() <= 25
        && !text
            .trim_end_matches(|c: char| c.is_whitespace())
            .ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';', ','])
}
