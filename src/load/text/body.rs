//! The article's body: blank-line separated paragraphs, wrapped lines joined, page
//! furniture left out.

use super::furniture::{is_link_line, is_menu_block};
use super::lines::Line;
use crate::load::boilerplate::{is_boilerplate, is_list_header};

/// Blank-line separated groups of non-empty lines.
pub(super) fn paragraphs(lines: &[Line]) -> Vec<Vec<&Line>> {
    let mut out: Vec<Vec<&Line>> = Vec::new();
    let mut cur: Vec<&Line> = Vec::new();
    for line in lines {
        if line.text.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The body's paragraphs: wrapped lines joined with spaces, boilerplate lines and
/// paragraphs and menu blocks ([`is_menu_block`]) dropped. A list header (`Related stories`, `Read next`) also drops the
/// headline-like lines after it (links to other stories), up to the next real sentence.
pub(super) fn body_paragraphs(lines: &[Line], extra: &[String]) -> Vec<String> {
    let mut in_list = false;
    let mut out = Vec::new();
    for p in paragraphs(lines) {
        let texts: Vec<&str> = p.iter().map(|l| l.text.as_str()).collect();
        if is_menu_block(&texts) {
            in_list = false;
            continue;
        }
        let mut kept: Vec<&str> = Vec::with_capacity(p.len());
        for t in p.iter().map(|l| l.text.as_str()) {
            if in_list && is_link_line(t) {
                continue;
            }
            in_list = false;
            if is_boilerplate(t, extra) {
                in_list = is_list_header(t);
            } else {
                kept.push(t);
            }
        }
        let joined = join_wrapped(&kept);
        // One kept line is its own paragraph, and was just checked.
        if !joined.is_empty() && (kept.len() == 1 || !is_boilerplate(&joined, extra)) {
            out.push(joined);
        }
    }
    out
}

/// Joins the lines of a hard-wrapped paragraph with spaces; a line ending in a hyphen
/// after a letter joins the next without one (`long-` + `term` → `long-term`).
pub(super) fn join_wrapped(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let glued = out.ends_with('-') && out.chars().rev().nth(1).is_some_and(char::is_alphabetic);
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}
