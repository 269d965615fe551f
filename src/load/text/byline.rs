//! Who wrote the article: bylines (`By Jane Doe and John Roe, The Star`), bare-name
//! bylines, contact lines and their e-mail addresses, and wire sign-offs at the end
//! (`Reporting by Jane Doe; Editing by John Roe`).

use std::sync::LazyLock;

use regex::Regex;

use crate::item::Author;
use crate::load::credit::{fix_caps, is_agency, is_name, looks_like_org};

/// An e-mail address anywhere in a line.
pub(super) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:e-?mail:?\s*)?<?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?")
        .unwrap_or_else(|e| panic!("e-mail pattern: {e}"))
});

/// A Twitter / X handle after a name in a byline.
pub(super) static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+@\w{1,30}\b").unwrap_or_else(|e| panic!("handle pattern: {e}")));

/// The start of a byline: `By`, `BY:`, `Byline:`, `Story by`, `Written by`, `Reporting by`;
/// copies of pages may glue it to the name (`ByJane Doe`) or double it (`Byby`).
pub(super) static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:story|written|reported|reporting|words|text|article|byline)\s*(?:by)?|by(?:\s*by)?)\s*:?\s+|^(?:By|BY)(?:by)?(?:\s*:)?(?-i:\p{Lu}\p{Ll})",
    )
    .unwrap_or_else(|e| panic!("byline pattern: {e}"))
});

/// Contact lines that follow a byline: e-mail, phone, Twitter / X handles.
pub(super) static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:e-?mail:?\s*)?<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?(?:\s*[|,;]\s*.*)?
          | (?:phone|tel\.?|call)?:?\s*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?:\s*[|,;]\s*.*)?
          | (?:twitter|x|instagram|bluesky|threads)?:?\s*@\w{1,30}(?:\s*[|,;]\s*.*)?
        )$",
    )
    .unwrap_or_else(|e| panic!("contact pattern: {e}"))
});

/// Job titles and outlet lines that sit beside a byline and are not names.
pub(super) static BYLINE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            special\s+to\s+.*
          | (?:from\s+)?(?:(?:staff|wire|news|combined|local)\s+(?:and\s+(?:staff|wire|news)\s+)?)?(?:reports?|services?|dispatches)
          | staff\s+report
          | (?:for|of|from)\s+(?:the\s+)?(?-i:\p{Lu})[^.]*
          | (?:the\s+)?(?:associated\s+press|ap|(?-i:\p{Lu})[\w.&'-]*(?:\s+(?-i:\p{Lu})[\w.&'-]*)?)?\s*
            (?:senior\s+|chief\s+|staff\s+|contributing\s+|political\s+|sports\s+|business\s+|health\s+|science\s+|investigative\s+|global\s+|national\s+|local\s+|freelance\s+)*
            (?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|photographers?|critics?|staff)
        )\.?$",
    )
    .unwrap_or_else(|e| panic!("byline title pattern: {e}"))
});

/// A job title at the end of a byline name (`Staff Writer`, `Senior Correspondent`).
pub(super) static TITLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\s+(?:(?:senior|chief|staff|contributing|political|sports|business|health|science|investigative|global|national|local|freelance)\s+)*
        (?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|photographers?|critics?|staff)\.?$",
    )
    .unwrap_or_else(|e| panic!("title suffix pattern: {e}"))
});

/// Reads a byline (`By JANE DOE Associated Press`, `By Jane Doe and John Roe`,
/// `By A, B and C`, `By Jane Doe, The Kansas City Star`, `By Jane Doe jdoe@x.com`):
/// the authors, with outlets and job titles left out. `None` when the line is not a
/// byline (`By the time police arrived, …`).
pub fn parse_byline(line: &str) -> Option<Vec<Author>> {
    let t = line.trim();
    // Every form [`BY`] reads starts with one of these two letters (a cheap test before
    // the pattern, which runs on every line of a page).
    let start = t.get(..2).map(str::to_ascii_lowercase);
    if !matches!(
        start.as_deref(),
        Some("by" | "st" | "wr" | "re" | "wo" | "te" | "ar")
    ) {
        return None;
    }
    // `By Jane Doe @janedoe`: handles are not names.
    let by = BY.find(t)?;
    // A glued `ByJane`: the match took the name's first two letters.
    let end = if by.as_str().ends_with(char::is_alphabetic) {
        by.as_str()
            .char_indices()
            .rev()
            .nth(1)
            .map_or(by.end(), |(k, _)| by.start() + k)
    } else {
        by.end()
    };
    let rest = HANDLE.replace_all(&t[end..], "");
    let rest = rest.as_ref();
    if rest.chars().count() > 200 {
        return None;
    }
    // E-mail addresses go to the name they follow.
    let mut pending: Vec<(usize, String)> = Vec::new();
    let mut without = String::with_capacity(rest.len());
    let mut last = 0;
    for c in EMAIL.captures_iter(rest) {
        let (Some(whole), Some(addr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        without.push_str(&rest[last..whole.start()]);
        without.push(',');
        pending.push((without.len(), addr.as_str().to_string()));
        last = whole.end();
    }
    without.push_str(&rest[last..]);
    let main = without.split(['|', '•', '·']).next().unwrap_or_default();
    let main = [" - ", " — ", " – ", " / "]
        .iter()
        .fold(main, |m, sep| m.split(sep).next().unwrap_or(m));
    let mut authors: Vec<Author> = Vec::new();
    let split_names = |s: &str| {
        s.replace(" and ", ", ")
            .replace(" & ", ", ")
            .replace(" AND ", ", ")
            .replace(';', ",")
    };
    let normalized = split_names(main);
    for (k, seg) in normalized.split(',').enumerate() {
        let seg = seg.trim();
        // A closing period is not part of the name, unless it ends `Jr.` or an initial.
        let keeps_period = seg
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w, "Jr." | "Sr.") || (w.chars().count() == 2 && w.ends_with('.')));
        let seg = if keeps_period {
            seg
        } else {
            seg.trim_end_matches('.').trim()
        };
        if seg.is_empty() {
            continue;
        }
        match byline_name(seg) {
            Some(name) => authors.push(Author::named(name)),
            None if is_outlet_or_title(seg) => {}
            None if k == 0 => return None,
            None => {}
        }
    }
    // Inline e-mails: an address belongs to the author whose name came just before it.
    let names_before = |pos: usize| -> usize {
        let head = main.get(..pos.min(main.len())).unwrap_or(main);
        let head = split_names(head);
        head.split(',')
            .filter(|s| byline_name(s.trim()).is_some())
            .count()
    };
    for (pos, addr) in pending {
        let k = names_before(pos).max(1) - 1;
        if let Some(a) = authors.get_mut(k)
            && a.email.is_none()
        {
            a.email = Some(addr);
        }
    }
    Some(authors)
}

/// One name of a byline, with an outlet or title after it removed; `None` when the
/// segment is an outlet, a title or not a name.
pub(super) fn byline_name(seg: &str) -> Option<String> {
    let seg = seg.trim();
    if seg.is_empty() || is_agency(seg) {
        return None;
    }
    if BYLINE_TITLE.is_match(seg) {
        // `Jane Doe Staff Writer`: a name of two words or more before a job title.
        let name = TITLE_SUFFIX.replace(seg, "");
        let words: Vec<&str> = name.split_whitespace().collect();
        let ok = name.len() < seg.len()
            && words.len() >= 2
            && !words.iter().any(|w| is_agency(w))
            && is_name(&name);
        return ok.then(|| fix_caps(&name));
    }
    let words: Vec<&str> = seg.split_whitespace().collect();
    // Names are usually two words or more: try those splits first.
    let splits: Vec<usize> = (2..words.len()).chain((words.len() > 1).then_some(1)).collect();
    let split_where = |rest_ok: &dyn Fn(&str) -> bool| {
        splits.iter().find_map(|&k| {
            let (name, rest) = (words[..k].join(" "), words[k..].join(" "));
            (is_name(&name) && rest_ok(&rest)).then(|| fix_caps(&name))
        })
    };
    // `JANE DOE Associated Press`, `MATTHEW LEE AP Diplomatic Writer`
    if let Some(name) = split_where(&|rest| is_agency(rest) || BYLINE_TITLE.is_match(rest)) {
        return Some(name);
    }
    // `Jane Doe The Kansas City Star`
    if let Some(name) = split_where(&|rest| rest.starts_with("The ") && looks_like_org(rest)) {
        return Some(name);
    }
    if is_name(seg) {
        return Some(fix_caps(seg));
    }
    split_where(&|rest| looks_like_org(rest))
}

/// An outlet (`The Kansas City Star`, `Associated Press`) or a job title (`Staff Writer`).
pub(super) fn is_outlet_or_title(seg: &str) -> bool {
    looks_like_org(seg) || BYLINE_TITLE.is_match(seg)
}

/// A line that is only a person's name (two to four words): a byline without "By",
/// perhaps with its outlet or title (`Jane Doe and John Roe, The Washington Post`,
/// `Jane Doe | Special to the Star`).
pub(super) fn is_bare_name(text: &str) -> bool {
    let text = without_outlet(text);
    // `Jane Doe in Paris`, `Jane Doe and John Roe`
    let name = match text.split_once(" in ") {
        Some((name, place)) if is_name(place) || looks_like_org(place) => name,
        _ => text,
    };
    let names: Vec<&str> = name.split(" and ").flat_map(|n| n.split(", ")).collect();
    names.len() <= 3
        && names
            .iter()
            .all(|n| (2..=4).contains(&n.split_whitespace().count()) && is_name(n))
}

/// A bare-name byline without the outlet or title after its last ` | `, ` - ` or `, `.
pub(super) fn without_outlet(text: &str) -> &str {
    for sep in [" | ", " - ", " — ", ", "] {
        if let Some((names, outlet)) = text.rsplit_once(sep)
            && is_outlet_or_title(outlet.trim())
        {
            return names.trim();
        }
    }
    text
}

/// The authors of a bare-name byline.
pub(super) fn bare_names(text: &str) -> Vec<Author> {
    let text = without_outlet(text);
    let name = text.split_once(" in ").map_or(text, |(n, _)| n);
    name.split(" and ")
        .flat_map(|n| n.split(", "))
        .map(|n| Author::named(fix_caps(n.trim())))
        .collect()
}

/// Gives e-mail addresses from contact lines to authors: by name when the address
/// contains the author's last name, then in order.
pub(super) fn assign_emails(authors: &mut [Author], emails: Vec<String>) {
    let mut left = Vec::new();
    for addr in emails {
        let local = addr.split('@').next().unwrap_or_default().to_lowercase();
        let owner = authors.iter_mut().find(|a| {
            a.email.is_none()
                && a.name
                    .split_whitespace()
                    .last()
                    .map(|l| l.to_lowercase().replace(['\'', '’', '-'], ""))
                    .is_some_and(|l| l.len() >= 2 && local.contains(&l))
        });
        match owner {
            Some(a) => a.email = Some(addr),
            None => left.push(addr),
        }
    }
    let mut free = authors.iter_mut().filter(|a| a.email.is_none());
    for addr in left {
        match free.next() {
            Some(a) => a.email = Some(addr),
            None => break,
        }
    }
}

/// One part of a wire sign-off: `Reporting by Jane Doe in Warsaw`, `Editing by John Roe`.
pub(super) static SIGNOFF_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<extra>additional\s+)?(?P<role>reporting|writing|editing|compiled|produced|research|graphics|fact-checking|translation|translated|edited|written|reported)(?:\s+and\s+\w+)?\s+by\s+(?P<names>.+?)\.?$",
    )
    .unwrap_or_else(|e| panic!("sign-off pattern: {e}"))
});

/// Removes a wire sign-off paragraph near the end of the body (`Reporting by Jane Doe in
/// Warsaw; Editing by John Roe`, often in parentheses) and returns its reporters (the
/// `Reporting by` and `Writing by` names, not the additional reporters or the editors).
pub(super) fn take_signoff(body: &mut Vec<String>) -> Vec<Author> {
    let start = body.len().saturating_sub(2);
    let Some(k) = (start..body.len()).rev().find(|&k| signoff(&body[k]).is_some()) else {
        return Vec::new();
    };
    let authors = signoff(&body[k]).unwrap_or_default();
    body.remove(k);
    authors
}

/// The reporters of a sign-off paragraph; `None` when the paragraph is not one (every
/// `;`-separated part must be `<role> by <names>`).
pub(super) fn signoff(text: &str) -> Option<Vec<Author>> {
    let t = text.trim();
    let t = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(t);
    if t.len() > 400 {
        return None;
    }
    let mut authors = Vec::new();
    for part in t.split(';') {
        let c = SIGNOFF_PART.captures(part.trim())?;
        let names = c
            .name("names")?
            .as_str()
            .replace(" and ", ", ")
            .replace(" & ", ", ");
        let role = c.name("role")?.as_str().to_ascii_lowercase();
        let main = c.name("extra").is_none()
            && matches!(role.as_str(), "reporting" | "writing" | "written" | "reported");
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            // `Jane Doe in Warsaw`
            let name = name.split_once(" in ").map_or(name, |(n, _)| n).trim();
            if !is_name(name) {
                return None;
            }
            if main && !authors.iter().any(|a: &Author| a.name == name) {
                authors.push(Author::named(fix_caps(name)));
            }
        }
    }
    Some(authors)
}
