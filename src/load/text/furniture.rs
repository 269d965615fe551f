//! Page furniture around the article: lists of links to other stories.

/// A line of a list of links: a short headline, without sentence punctuation at the end.
pub(super) fn is_link_line(text: &str) -> bool {
    text.split_whitespace().count() <= 25
        && !text
            .trim_end_matches(|c: char| c.is_whitespace())
            .ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';', ','])
}

/// A line of a menu or a link list: at most six words, without sentence punctuation at
/// the end (`Share on Facebook`, `Terms of Service`, `19 Comments`).
pub(super) fn is_menu_line(text: &str) -> bool {
    text.split_whitespace().count() <= 6
        && !text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?'])
}

/// A block of lines without blank lines between them that is a menu, not a paragraph:
/// three lines or more, at least two in three of them [menu lines](is_menu_line). A
/// page copy writes each link of a menu or footer on its own line.
pub(super) fn is_menu_block(lines: &[&str]) -> bool {
    lines.len() >= 3 && lines.iter().filter(|t| is_menu_line(t)).count() * 3 >= lines.len() * 2
}
