//! Photo credits: splitting a credit off the end of a caption, and a credit string
//! into the photographer's name and the organization. Shared by every loader.
//!
//! A credit is recognized by its structure, helped by a short list of agencies and of
//! the words newspaper names end with ([`AGENCIES`], [`OUTLET_WORDS`]):
//!
//! | form | name | organization |
//! | --- | --- | --- |
//! | `… Syria. Thibault Camus AP Photo` | Thibault Camus | AP Photo |
//! | `(AP Photo/Jane Doe)`, `AP Photo/Jane Doe` | Jane Doe | AP Photo |
//! | `Jane Doe/Getty Images`, `(Jane Doe/Reuters)` | Jane Doe | Getty Images, Reuters |
//! | `Jane Doe/AFP/Getty Images` | Jane Doe | AFP/Getty Images |
//! | `Photo: Jane Doe / Reuters`, `Photo by Jane Doe` | Jane Doe | Reuters, — |
//! | `Jane Doe for The New York Times`, `Jane Doe via Getty Images` | Jane Doe | The New York Times |
//! | `JANE DOE The Kansas City Star`, `Jane Doe, The Wichita Eagle` | Jane Doe | The Kansas City Star |
//! | `Jane Doe \| The Oklahoman` | Jane Doe | The Oklahoman |
//! | `Courtesy of the Smith family` | — | the Smith family |
//! | `Jane Doe/Staff photographer` | Jane Doe | Staff photographer |
//!
//! In a caption, the credit must follow the caption's last sentence (or be in
//! parentheses, or be introduced by `Photo:`, `Courtesy`, `|`): a caption that ends
//! with an ordinary sentence keeps it whole. Names printed in capitals are title-cased
//! ([`fix_caps`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::item::Credit;

/// Agencies, services and credit words, as printed (compared case-insensitively, on
/// whole words). A credit part equal to one of these is an organization.
pub const AGENCIES: &[&str] = &[
    "AP",
    "AP Photo",
    "AP Photos",
    "AP Images",
    "The AP",
    "Associated Press",
    "The Associated Press",
    "Reuters",
    "Thomson Reuters",
    "Getty",
    "Getty Images",
    "AFP",
    "AFP Photo",
    "Agence France-Presse",
    "EPA",
    "EPA-EFE",
    "EFE",
    "dpa",
    "ANSA",
    "Xinhua",
    "Kyodo",
    "Kyodo News",
    "Yonhap",
    "TASS",
    "Sputnik",
    "Anadolu",
    "Anadolu Agency",
    "TNS",
    "Tribune News Service",
    "PA",
    "PA Wire",
    "PA Media",
    "Press Association",
    "Canadian Press",
    "The Canadian Press",
    "AAP",
    "UPI",
    "SWNS",
    "Bloomberg",
    "Bloomberg News",
    "Pool",
    "Pool Photo",
    "Staff",
    "Staff Photo",
    "Staff Photographer",
    "File",
    "File Photo",
    "Handout",
    "Handout Photo",
    "Contributed",
    "Contributed Photo",
    "Submitted",
    "Provided",
    "Provided Photo",
    "Submitted Photo",
    "Courtesy Photo",
    "Special",
    "Shutterstock",
    "iStock",
    "iStockphoto",
    "Alamy",
    "NurPhoto",
    "SOPA Images",
    "LightRocket",
    "Sipa",
    "Sipa USA",
    "ZUMA",
    "ZUMA Press",
    "ZUMA Wire",
    "Invision",
    "WireImage",
    "FilmMagic",
    "Imagn",
    "USA TODAY",
    "USA Today Sports",
    "USA TODAY Network",
    "NASA",
    "CNN",
    "BBC",
    "Polaris",
    "Redux",
    "Magnum Photos",
    "VII",
];

/// Last words of newspaper and outlet names (`The Kansas City Star`, `Miami Herald`).
pub const OUTLET_WORDS: &[&str] = &[
    "Star",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Eagle",
    "Gazette",
    "News",
    "Chronicle",
    "Observer",
    "Sun",
    "Bee",
    "Globe",
    "Register",
    "Inquirer",
    "Examiner",
    "Courier",
    "Dispatch",
    "Telegraph",
    "Telegram",
    "Guardian",
    "Independent",
    "Record",
    "Review",
    "Press",
    "Democrat",
    "Republican",
    "Enterprise",
    "Sentinel",
    "Constitution",
    "Statesman",
    "Ledger",
    "Leader",
    "Mail",
    "Mirror",
    "Standard",
    "Advocate",
    "Citizen",
    "Oklahoman",
    "Plain Dealer",
    "Bulletin",
    "Banner",
    "Beacon",
    "Monitor",
    "Reporter",
    "Daily",
    "Magazine",
    "Agency",
    "Service",
    "Wire",
    "Network",
    "Images",
    "Pictures",
    "Photos",
    "Photography",
    "Media",
    "Today",
    "Online",
    "Photographer",
];

/// Outlet words that are also common surnames: a two-word name ending with one is a
/// person (`Wei Sun`, `Emily Post`).
const SURNAME_OUTLET_WORDS: &[&str] = &["Sun", "Post", "Star", "Bee", "Globe", "Press", "Record", "Leader"];

/// Lower-case words that may sit inside a name (`Ludwig van Beethoven`, `Sergio de la Cruz`).
const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
    "ter", "ten", "zu", "bin", "ibn", "al", "el", "y", "e", "St.",
];

/// Capitalized words that never belong to a name.
const NOT_NAME_WORDS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "Of", "For", "And", "Or", "But", "With", "From", "To", "By", "As",
    "This", "That", "These", "Those", "He", "She", "They", "It", "We", "I", "His", "Her", "Their", "Its",
    "Photo", "Photos", "Courtesy", "Credit", "Image", "File",
];

/// Words that introduce a credit: `Photo: …`, `Photo by …`, `Photograph by …`.
static PHOTO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:photo(?:graph)?s?|images?|pictures?|credits?|photo\s+credit|photo\s+illustration|photography|video)\s*(?::|by\b|-|–|—|\.{2,}|…)\s*",
    )
    .unwrap_or_else(|e| panic!("credit prefix pattern: {e}"))
});

/// `Courtesy of …`, `Photo courtesy of …`, `Provided by …`.
static COURTESY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:photo|image|picture)s?\s+)?(?:courtesy(?:\s+of)?|provided\s+by|submitted\s+by)[:\s]\s*",
    )
    .unwrap_or_else(|e| panic!("courtesy pattern: {e}"))
});

/// A credit ending with an e-mail address.
static TRAILING_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>.+?)\s+<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?$")
        .unwrap_or_else(|e| panic!("e-mail pattern: {e}"))
});

/// `, File` / `, Pool` / `, Handout` after an agency credit.
static FILE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s*(?:file|pool|handout|file photo)\s*$")
        .unwrap_or_else(|e| panic!("file marker pattern: {e}"))
});

/// Where a caption's sentence ends: `.`, `?` or `!`, perhaps closing quotes or
/// parentheses, then white space.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]["”’')\]]*\s+"#).unwrap_or_else(|e| panic!("sentence pattern: {e}")));

/// Splits a caption that may end with a credit into (caption, credit). A caption
/// without a recognizable credit comes back whole (trimmed), with an empty credit.
pub fn split_caption(text: &str) -> (String, Credit) {
    let (caption, credit) = split_caption_raw(text);
    (caption, normalize_org(credit))
}

fn split_caption_raw(text: &str) -> (String, Credit) {
    let t = text.trim();
    // Try the split points from the earliest (the longest credit) to the latest, so
    // that `John Q. Public AP Photo` keeps its initial.
    for start in split_points(t) {
        let (caption, tail) = t.split_at(start);
        let caption = caption.trim_end().trim_end_matches(['—', '–', '|']).trim_end();
        if let Some(credit) = credit_of(tail).or_else(|| parenthesized(caption, tail)) {
            return (caption.to_string(), credit);
        }
    }
    // No sentence end before the credit (`… Jan. 23, 2018 Thibault Camus AP Photo`): a
    // name of two to four words and a known agency at the very end.
    let words: Vec<(usize, &str)> = t
        .split(' ')
        .scan(0, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .collect();
    for n in (3..=7).rev() {
        if n >= words.len() {
            continue;
        }
        let (start, _) = words[words.len() - n];
        let before = words[words.len() - n - 1].1;
        // The caption's last word ends with a digit or punctuation (`2018`, `Monday,`);
        // after a plain word (`at Arrowhead Stadium Reuters`) the name is not clear.
        if !before.ends_with(|c: char| c.is_ascii_digit() || ",.;:!?)\"”’".contains(c)) {
            continue;
        }
        let tail = &t[start..];
        if let Some(c) = name_then_org(tail)
            && c.organization.as_deref().is_some_and(is_agency)
            && c.name
                .as_deref()
                .is_some_and(|n| n.split_whitespace().count() >= 2)
        {
            return (t[..start].trim_end().to_string(), c);
        }
    }
    (t.to_string(), Credit::default())
}

/// `… on Monday. (Fox 5 DC)`: a short capitalized phrase in parentheses after the
/// caption's last sentence is its credit (a person when it is a name of two words or
/// more, else an organization).
fn parenthesized(caption: &str, tail: &str) -> Option<Credit> {
    let inner = tail.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    if !caption.ends_with(['.', '!', '?']) || inner.split_whitespace().count() > 6 || !is_phrase(inner) {
        return None;
    }
    Some(if is_name(inner) && inner.split_whitespace().count() >= 2 {
        Credit::new(Some(fix_caps(inner)), None)
    } else {
        Credit::new(None, Some(inner.to_string()))
    })
}

/// Parses a credit on its own (`Jane Doe/Getty Images`, `Jane Doe AP Photo`,
/// `(AP Photo/Jane Doe)`, `Reuters`, `Jane Doe`). Anything that is not a known form is
/// taken as the name, or as the organization when it looks like one.
pub fn parse_credit(text: &str) -> Credit {
    normalize_org(parse_credit_raw(text))
}

fn parse_credit_raw(text: &str) -> Credit {
    let t = clean(text);
    if t.is_empty() {
        return Credit::default();
    }
    if let Some(c) = credit_of(t) {
        return c;
    }
    // `Jane Doe Mid-America Press Photos`: a name, then an outlet-like phrase.
    let words: Vec<&str> = t.split_whitespace().collect();
    for k in [2, 3, 1] {
        if k < words.len() {
            let (name, org) = (words[..k].join(" "), words[k..].join(" "));
            if is_name(&name) && looks_like_org(&org) {
                return Credit::new(Some(fix_caps(&name)), Some(org));
            }
        }
    }
    if looks_like_org(t) {
        return Credit::new(None, Some(t.to_string()));
    }
    Credit::new(Some(fix_caps(t)), None)
}

/// Gives the agencies of a credit's organization their usual spelling when they are
/// printed in capitals (`REUTERS/File Photo` → `Reuters/File Photo`, `AFP PHOTO` → `AFP
/// Photo`); other parts are left as printed.
fn normalize_org(mut credit: Credit) -> Credit {
    if let Some(org) = credit.organization.as_deref()
        && org.chars().any(char::is_uppercase)
        && org
            .split('/')
            .any(|p| p.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
    {
        let parts: Vec<&str> = org
            .split('/')
            .map(|part| {
                let p = part.trim();
                let caps = p.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                match AGENCIES.iter().find(|a| a.eq_ignore_ascii_case(p)) {
                    Some(a) if caps => a,
                    _ => part,
                }
            })
            .collect();
        credit.organization = Some(parts.join("/"));
    }
    credit
}

/// Title-cases a name printed in capitals (`JANE MCDONALD-O'BRIEN` → `Jane
/// McDonald-O'Brien`); a name with any lower-case letter is returned unchanged.
pub fn fix_caps(name: &str) -> String {
    let name = name.trim();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let bare = word.trim_end_matches([',', '.']);
            if matches!(bare, "II" | "III" | "IV" | "VI") {
                return word.to_string();
            }
            let mut out = String::with_capacity(word.len());
            let mut upper_next = true;
            let mut chars = word.chars().peekable();
            while let Some(c) = chars.next() {
                if upper_next {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                upper_next = matches!(c, '-' | '\'' | '’' | '.');
                // `Mc` + capital (McDonald); `O'` is covered by the apostrophe rule.
                if out == "Mc" && chars.peek().is_some_and(|n| n.is_alphabetic()) {
                    upper_next = true;
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Candidate starts of a trailing credit in `t`, earliest first: after each sentence
/// end, before a parenthesis or a credit marker, and the start of the text.
fn split_points(t: &str) -> Vec<usize> {
    let mut points = vec![0];
    points.extend(SENTENCE_END.find_iter(t).map(|m| m.end()));
    for (i, _) in t.match_indices(['(', '|', '—', '–']) {
        points.push(i);
    }
    let lower = t.to_lowercase();
    for marker in [
        " photo courtesy",
        " photo:",
        " photos:",
        " photo by ",
        " courtesy ",
        " credit:",
        " photograph by ",
    ] {
        for (i, _) in lower.match_indices(marker) {
            points.push(i + 1);
        }
    }
    // `… at dusk.Credit...Jane Doe`: a credit label glued to the caption's last sentence.
    for marker in ["credit...", "credit…", "credit:"] {
        for (i, _) in lower.match_indices(marker) {
            if lower[..i].ends_with(['.', '!', '?', '"', '”', ')']) {
                points.push(i);
            }
        }
    }
    points.retain(|&p| p < t.len() && t.is_char_boundary(p));
    points.sort_unstable();
    points.dedup();
    points
}

/// Trims white space, surrounding parentheses and dashes off a credit.
fn clean(text: &str) -> &str {
    let mut t = text.trim().trim_start_matches(['—', '–', '-', '|']).trim();
    while let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        t = inner.trim();
    }
    while let Some(inner) = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        t = inner.trim();
    }
    t
}

/// The credit `tail` is, if it is wholly one of the known forms.
fn credit_of(tail: &str) -> Option<Credit> {
    let t = clean(tail);
    if t.is_empty() || t.len() > 160 {
        return None;
    }
    // `JILL TOYOSHIBA jtoyoshiba@kcstar.com`: a name and the photographer's address.
    if let Some(c) = TRAILING_EMAIL.captures(t)
        && let Some(name) = c.name("name")
    {
        let name = name.as_str().trim().trim_end_matches(',');
        if let Some(credit) = structured(name) {
            return Some(credit);
        }
        return is_name(name).then(|| Credit::new(Some(fix_caps(name)), None));
    }
    if is_agency(t) {
        return Some(Credit::new(None, Some(t.to_string())));
    }
    if let Some(m) = COURTESY.find(t) {
        let org = t[m.end()..].trim().trim_end_matches('.');
        return (!org.is_empty() && org.split_whitespace().count() <= 8)
            .then(|| Credit::new(None, Some(org.to_string())));
    }
    if let Some(m) = PHOTO_PREFIX.find(t) {
        let rest = t[m.end()..].trim();
        if let Some(c) = structured(rest) {
            return Some(c);
        }
        if is_name(rest) {
            return Some(Credit::new(Some(fix_caps(rest)), None));
        }
        if looks_like_org(rest) {
            return Some(Credit::new(None, Some(rest.to_string())));
        }
        return None;
    }
    structured(t)
}

/// The forms with a visible structure: `A | B`, `A/B`, `Name for Outlet`,
/// `Name Agency`, `Name, Outlet`, or an agency alone.
fn structured(t: &str) -> Option<Credit> {
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((name, org)) = t.split_once('|') {
        let (name, org) = (name.trim(), org.trim());
        if is_name(name) && is_phrase(org) {
            return Some(Credit::new(Some(fix_caps(name)), Some(org.to_string())));
        }
        return None;
    }
    if t.contains('/') {
        return slashed(t);
    }
    if is_agency(t) {
        return Some(Credit::new(None, Some(t.to_string())));
    }
    // `Getty Images for Netflix`, `Pool via AP`: an agency working for someone.
    if let Some((agency, _)) = t.split_once(" for ").or_else(|| t.split_once(" via "))
        && is_agency(agency)
        && is_phrase(t)
    {
        return Some(Credit::new(None, Some(t.to_string())));
    }
    for joiner in [" for ", " via ", ", "] {
        if let Some((name, org)) = t.split_once(joiner)
            && is_name(name)
            && (looks_like_org(org) || (joiner != ", " && is_phrase(org)))
        {
            return Some(Credit::new(Some(fix_caps(name)), Some(org.trim().to_string())));
        }
    }
    name_then_org(t)
}

/// `A/B[/C]`: each side a short capitalized phrase. The side that is a person is the
/// name: `AP Photo/Jane Doe` and `Jane Doe/AFP/Getty Images` both work.
fn slashed(t: &str) -> Option<Credit> {
    // `(AP Photo/Jane Doe, File)`: a trailing marker is not part of the name.
    let t = FILE_MARKER.replace(t, "");
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    if parts.len() > 4 || !parts.iter().all(|p| is_phrase(p) || is_agency(p)) {
        return None;
    }
    let (first, rest) = parts.split_first()?;
    let (last, init) = parts.split_last()?;
    let all_orgs = parts
        .iter()
        .all(|p| is_agency(p) || (looks_like_org(p) && !is_name(p)));
    if all_orgs {
        return Some(Credit::new(None, Some(parts.join("/"))));
    }
    if is_agency(first) && !is_agency(last) && is_name(last) {
        return Some(Credit::new(Some(fix_caps(last)), Some(init.join("/"))));
    }
    // `REUTERS/Jane Doe/File Photo`: the one part that is a person.
    let people: Vec<usize> = (0..parts.len())
        .filter(|&i| !is_agency(parts[i]) && is_name(parts[i]))
        .collect();
    if let [i] = people[..]
        && i > 0
    {
        let orgs: Vec<&str> = parts
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, p)| *p)
            .collect();
        return Some(Credit::new(Some(fix_caps(parts[i])), Some(orgs.join("/"))));
    }
    // `Jane Doe AFP/Getty Images`: the first part ends with an agency.
    if let Some(Credit {
        name: Some(name),
        organization: Some(org),
    }) = name_then_org(first)
    {
        return Some(Credit::new(Some(name), Some(format!("{org}/{}", rest.join("/")))));
    }
    if is_name(first) {
        return Some(Credit::new(Some(fix_caps(first)), Some(rest.join("/"))));
    }
    None
}

/// `Thibault Camus AP Photo`, `JILL TOYOSHIBA The Kansas City Star`: a name followed
/// by a known agency or an outlet name beginning with `The`.
fn name_then_org(t: &str) -> Option<Credit> {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 2 || words.len() > 12 {
        return None;
    }
    for k in 1..words.len() {
        let (name, org) = (words[..k].join(" "), words[k..].join(" "));
        let outlet = words[k] == "The" && words.len() - k >= 2 && is_phrase(&org);
        if (is_agency(&org) || outlet) && is_name(&name) {
            return Some(Credit::new(Some(fix_caps(&name)), Some(org)));
        }
    }
    None
}

/// True when `s` is one of [`AGENCIES`] (any case).
pub fn is_agency(s: &str) -> bool {
    let s = s.trim();
    AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(s))
}

/// True when `s` reads like an organization: a known agency, or a capitalized phrase
/// beginning with `The` or ending with an outlet word (`Miami Herald`).
pub fn looks_like_org(s: &str) -> bool {
    let s = s.trim();
    if is_agency(s) {
        return true;
    }
    if !is_phrase(s) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) && words.len() >= 2 {
        return true;
    }
    let last = words.last().copied().unwrap_or_default();
    words.len() >= 2 && OUTLET_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// A short phrase of capitalized words (an organization or a name): 1 to 7 words, the
/// first capitalized, the others capitalized or short joining words.
fn is_phrase(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 {
        return false;
    }
    let joining = [
        "of", "for", "the", "and", "&", "via", "de", "la", "du", "del", "in", "to", "at",
    ];
    let all_fit = words.iter().enumerate().all(|(i, w)| {
        let capital =
            starts_upper(w) || w.starts_with(|c: char| c.is_ascii_digit()) || w.starts_with("iStock");
        capital || (i > 0 && (joining.contains(&w.to_lowercase().as_str()) || PARTICLES.contains(w)))
    });
    // A sentence ends with a period; a phrase may only end with an initial (`John Q.`).
    all_fit && (!s.ends_with('.') || words.last().is_some_and(|w| is_initial(w)))
}

/// True when `s` is a person's name: 1 to 5 words, capitalized (or in capitals), with
/// initials and particles allowed inside and no function words.
pub fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let last = words.last().copied().unwrap_or_default();
    // `Kansas City Star` is an outlet; `Wei Sun` and `Emily Post` are people.
    let surname_like = words.len() == 2 && SURNAME_OUTLET_WORDS.contains(&last);
    if is_agency(s)
        || (words.len() > 1 && is_agency(last))
        || (!surname_like && OUTLET_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last)))
    {
        return false;
    }
    let n = words.len();
    words.iter().enumerate().all(|(i, w)| {
        if NOT_NAME_WORDS.contains(w) {
            return false;
        }
        if i > 0 && i + 1 < n && PARTICLES.contains(w) {
            return true;
        }
        if i + 1 == n && matches!(*w, "Jr." | "Sr." | "II" | "III" | "IV" | "Jr" | "Sr") {
            return n > 1;
        }
        is_initial(w) || is_name_word(w)
    })
}

/// `J.` or `J.R.`.
fn is_initial(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    w.ends_with('.') && !letters.is_empty() && letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// `Müller-Lüdenscheidt`, `O'Brien`, `McDONALD`, `d'Alembert`: letters with inner
/// hyphens and apostrophes, starting with a capital (or a lower-case elision).
fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    if w.is_empty() || w.chars().count() > 30 {
        return false;
    }
    let body_ok = w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    if !body_ok || w.ends_with(['-', '\'', '’']) {
        return false;
    }
    if starts_upper(w) {
        return true;
    }
    // d'Alembert, l'Hôpital
    let mut chars = w.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some('\'' | '’'), Some(b)) if a.is_lowercase() && b.is_uppercase())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: Option<&str>, org: Option<&str>) -> Credit {
        Credit::new(name.map(String::from), org.map(String::from))
    }

    fn split(text: &str) -> (String, Option<String>, Option<String>) {
        let (cap, cr) = split_caption(text);
        (cap, cr.name, cr.organization)
    }

    fn s(cap: &str, name: Option<&str>, org: Option<&str>) -> (String, Option<String>, Option<String>) {
        (cap.to_string(), name.map(String::from), org.map(String::from))
    }

    #[test]
    fn the_seed_form_name_then_ap_photo() {
        let text = "U.S. Secretary of State Rex Tillerson, left, in Paris, Tuesday, Jan. 23, 2018. \
                    The United States and 28 other countries are launching a new plan. Thibault Camus AP Photo";
        let cap = "U.S. Secretary of State Rex Tillerson, left, in Paris, Tuesday, Jan. 23, 2018. \
                   The United States and 28 other countries are launching a new plan.";
        assert_eq!(split(text), s(cap, Some("Thibault Camus"), Some("AP Photo")));
    }

    #[test]
    fn a_credit_after_a_caption_without_a_final_period() {
        assert_eq!(
            split("Ministers pose for a photo in Paris, Tuesday, Jan. 23, 2018 Thibault Camus AP Photo"),
            s(
                "Ministers pose for a photo in Paris, Tuesday, Jan. 23, 2018",
                Some("Thibault Camus"),
                Some("AP Photo")
            )
        );
        assert_eq!(
            split("Ministers meet with Secretary General António Guterres"),
            s(
                "Ministers meet with Secretary General António Guterres",
                None,
                None
            )
        );
        assert_eq!(
            split("Fans wave flags at Arrowhead Stadium Reuters"),
            s("Fans wave flags at Arrowhead Stadium Reuters", None, None)
        );
    }

    #[test]
    fn name_then_known_agency_or_outlet() {
        assert_eq!(
            split("Crews clear the road in Omaha, Neb. Zoë O'Brien Reuters"),
            s(
                "Crews clear the road in Omaha, Neb.",
                Some("Zoë O'Brien"),
                Some("Reuters")
            )
        );
        assert_eq!(
            split("Fans cheer the team. JILL TOYOSHIBA The Kansas City Star"),
            s(
                "Fans cheer the team.",
                Some("Jill Toyoshiba"),
                Some("The Kansas City Star")
            )
        );
        assert_eq!(
            split("Fans cheer. Jean-Yves Le Drian The Wichita Eagle"),
            s(
                "Fans cheer.",
                Some("Jean-Yves Le Drian"),
                Some("The Wichita Eagle")
            )
        );
        assert_eq!(
            split("Fans cheer. José Müller-Lüdenscheidt TNS"),
            s("Fans cheer.", Some("José Müller-Lüdenscheidt"), Some("TNS"))
        );
        assert_eq!(
            split("A crowd waits. John Q. Public AP Photo"),
            s("A crowd waits.", Some("John Q. Public"), Some("AP Photo"))
        );
        assert_eq!(
            split("The mayor speaks. Søren Kierkegaard, The Daily Planet"),
            s(
                "The mayor speaks.",
                Some("Søren Kierkegaard"),
                Some("The Daily Planet")
            )
        );
    }

    #[test]
    fn parenthesized_credits() {
        assert_eq!(
            split("Police stand guard in Kraków, Poland, on Monday. (AP Photo/Czarek Sokolowski)"),
            s(
                "Police stand guard in Kraków, Poland, on Monday.",
                Some("Czarek Sokolowski"),
                Some("AP Photo")
            )
        );
        assert_eq!(
            split("Flooded streets in Lagos (Ngozi Adeyemi/Reuters)"),
            s("Flooded streets in Lagos", Some("Ngozi Adeyemi"), Some("Reuters"))
        );
        assert_eq!(
            split("A voter casts a ballot. (AP Photo)"),
            s("A voter casts a ballot.", None, Some("AP Photo"))
        );
        assert_eq!(
            split("The lake froze (left) early this year."),
            s("The lake froze (left) early this year.", None, None)
        );
    }

    #[test]
    fn slashed_credits() {
        assert_eq!(
            split("Skiers ride a lift in Zürich. Björn Lindqvist/Getty Images"),
            s(
                "Skiers ride a lift in Zürich.",
                Some("Björn Lindqvist"),
                Some("Getty Images")
            )
        );
        assert_eq!(
            split("Smoke rises over the city. Aisha Haddad/AFP/Getty Images"),
            s(
                "Smoke rises over the city.",
                Some("Aisha Haddad"),
                Some("AFP/Getty Images")
            )
        );
        assert_eq!(
            split("The council meets. AP Photo/Mark Nakamura"),
            s("The council meets.", Some("Mark Nakamura"), Some("AP Photo"))
        );
        assert_eq!(
            split("Troops patrol the border. (AP Photo/Hussein Malla, File)"),
            s(
                "Troops patrol the border.",
                Some("Hussein Malla"),
                Some("AP Photo")
            )
        );
        assert_eq!(
            split("Troops patrol the border. REUTERS/Lucía Martínez/File Photo"),
            s(
                "Troops patrol the border.",
                Some("Lucía Martínez"),
                Some("Reuters/File Photo")
            )
        );
        assert_eq!(
            split("A crowd gathers at the rally. (Photo: Jack Reyes/USA TODAY)"),
            s(
                "A crowd gathers at the rally.",
                Some("Jack Reyes"),
                Some("USA TODAY")
            )
        );
        assert_eq!(
            split("Flood waters cover the road. Photograph: Olga Ivanova/EPA"),
            s("Flood waters cover the road.", Some("Olga Ivanova"), Some("EPA"))
        );
        assert_eq!(
            split("The skyline at dusk. Credit...Wei Chen for The New York Times"),
            s(
                "The skyline at dusk.",
                Some("Wei Chen"),
                Some("The New York Times")
            )
        );
        assert_eq!(
            split("Kids play in the fountain. JILL TOYOSHIBA jtoyoshiba@kcstar.com"),
            s("Kids play in the fountain.", Some("Jill Toyoshiba"), None)
        );
        assert_eq!(
            split("The council meets. Wei Sun/Reuters"),
            s("The council meets.", Some("Wei Sun"), Some("Reuters"))
        );
        assert_eq!(
            split("The council meets. Dana Ruiz/Staff photographer"),
            s(
                "The council meets.",
                Some("Dana Ruiz"),
                Some("Staff photographer")
            )
        );
        assert_eq!(
            split("The council meets. Dana Ruiz/Tulsa World"),
            s("The council meets.", Some("Dana Ruiz"), Some("Tulsa World"))
        );
    }

    #[test]
    fn photo_prefixed_and_courtesy_credits() {
        assert_eq!(
            split("Rescuers search the rubble. Photo: Kwame Okafor / Reuters"),
            s(
                "Rescuers search the rubble.",
                Some("Kwame Okafor"),
                Some("Reuters")
            )
        );
        assert_eq!(
            split("Rescuers search the rubble. Photo by Lucía Martínez"),
            s("Rescuers search the rubble.", Some("Lucía Martínez"), None)
        );
        assert_eq!(
            split("The original 1923 storefront Photo courtesy of the Denver Public Library"),
            s(
                "The original 1923 storefront",
                None,
                Some("the Denver Public Library")
            )
        );
        assert_eq!(
            split("Grace Kowalski at her graduation. Courtesy of the Kowalski family"),
            s(
                "Grace Kowalski at her graduation.",
                None,
                Some("the Kowalski family")
            )
        );
        assert_eq!(
            split("The new bridge at dusk. Photograph by Wei Chen for The New York Times"),
            s(
                "The new bridge at dusk.",
                Some("Wei Chen"),
                Some("The New York Times")
            )
        );
    }

    #[test]
    fn for_and_pipe_credits() {
        assert_eq!(
            split("Farmers harvest wheat near Salina. Hiroshi Nakamura for The New York Times"),
            s(
                "Farmers harvest wheat near Salina.",
                Some("Hiroshi Nakamura"),
                Some("The New York Times")
            )
        );
        assert_eq!(
            split("Farmers harvest wheat. Nadia Petrović | The Oklahoman"),
            s(
                "Farmers harvest wheat.",
                Some("Nadia Petrović"),
                Some("The Oklahoman")
            )
        );
        assert_eq!(
            split("Farmers harvest wheat. Nadia Petrović via Getty Images"),
            s(
                "Farmers harvest wheat.",
                Some("Nadia Petrović"),
                Some("Getty Images")
            )
        );
    }

    #[test]
    fn ordinary_caption_endings_are_kept() {
        for text in [
            "Crews work near the bridge in Des Moines, Iowa, Monday, Sept. 5, 2019.",
            "The mayor, left, speaks with Jane Doe.",
            "Students walk to class. The school reopened Monday.",
            "Voters line up outside the library in St. Louis",
            "A view of the stadium. Kansas City Star",
            "Officials met with the United Nations. Secretary General António Guterres",
            "“We are ready,” said Linda Brown, the police chief.",
            "Leaders of the U.S. and Russia. Washington Post",
            "Smoke over the hills. Los Angeles",
            "The rally drew thousands. Many carried signs",
        ] {
            assert_eq!(split(text), s(text, None, None), "{text}");
        }
    }

    #[test]
    fn standalone_credits() {
        assert_eq!(
            parse_credit("Thibault Camus AP Photo"),
            c(Some("Thibault Camus"), Some("AP Photo"))
        );
        assert_eq!(
            parse_credit("(AP Photo/Jane Doe)"),
            c(Some("Jane Doe"), Some("AP Photo"))
        );
        assert_eq!(
            parse_credit("Jane Doe/Getty Images"),
            c(Some("Jane Doe"), Some("Getty Images"))
        );
        assert_eq!(parse_credit("Reuters"), c(None, Some("Reuters")));
        assert_eq!(
            parse_credit("The Wichita Eagle"),
            c(None, Some("The Wichita Eagle"))
        );
        assert_eq!(parse_credit("Jane Doe"), c(Some("Jane Doe"), None));
        assert_eq!(
            parse_credit("Tammy Ljungblad Mid-America Press Photos"),
            c(Some("Tammy Ljungblad"), Some("Mid-America Press Photos"))
        );
        assert_eq!(parse_credit("JANE DOE"), c(Some("Jane Doe"), None));
        assert_eq!(parse_credit("Courtesy of NASA"), c(None, Some("NASA")));
        assert_eq!(parse_credit("  "), c(None, None));
        assert_eq!(
            parse_credit("Photo: Rania Haddad/EPA-EFE"),
            c(Some("Rania Haddad"), Some("EPA-EFE"))
        );
        assert_eq!(parse_credit("Pool/AP"), c(None, Some("Pool/AP")));
        assert_eq!(parse_credit("(Courtesy photo)"), c(None, Some("Courtesy photo")));
        assert_eq!(
            parse_credit("Getty Images for Netflix"),
            c(None, Some("Getty Images for Netflix"))
        );
        assert_eq!(
            parse_credit("Jane Doe/Pool via AP"),
            c(Some("Jane Doe"), Some("Pool via AP"))
        );
        assert_eq!(
            parse_credit("JANE DOE/THE KANSAS CITY STAR"),
            c(Some("Jane Doe"), Some("THE KANSAS CITY STAR"))
        );
        assert_eq!(
            parse_credit("Jane Doe / Special to the Star"),
            c(Some("Jane Doe"), Some("Special to the Star"))
        );
    }

    #[test]
    fn capitals_are_title_cased() {
        assert_eq!(fix_caps("JANE MCDONALD-O'BRIEN"), "Jane McDonald-O'Brien");
        assert_eq!(fix_caps("JOSÉ MÜLLER"), "José Müller");
        assert_eq!(fix_caps("MARTIN LUTHER KING III"), "Martin Luther King III");
        assert_eq!(fix_caps("Jane DOE"), "Jane DOE");
        assert_eq!(fix_caps("ZOË O’BRIEN"), "Zoë O’Brien");
        assert_eq!(fix_caps("J.R. SMITH"), "J.R. Smith");
    }

    #[test]
    fn names() {
        assert!(is_name("Ludwig van Beethoven"));
        assert!(is_name("Wei Sun"));
        assert!(!is_name("Baltimore Sun Media"));
        assert!(!is_name("Jane Doe AP"));
        assert!(is_name("Zoë O'Brien"));
        assert!(is_name("d'Artagnan Smith"));
        assert!(!is_name("The Mayor"));
        assert!(!is_name("van Beethoven Smith Jones Brown Lee"));
        assert!(!is_name("Kansas City Star"));
        assert!(!is_name("many carried signs"));
    }

    #[test]
    fn agencies_in_capitals_get_their_usual_spelling() {
        assert_eq!(
            split("Protesters gather in Warsaw. REUTERS/Kacper Pempel"),
            s(
                "Protesters gather in Warsaw.",
                Some("Kacper Pempel"),
                Some("Reuters")
            )
        );
        assert_eq!(
            split("A man walks past a mural. AFP PHOTO / YAMIL LAGE"),
            s("A man walks past a mural.", Some("Yamil Lage"), Some("AFP Photo"))
        );
        assert_eq!(parse_credit("GETTY IMAGES"), c(None, Some("Getty Images")));
        assert_eq!(parse_credit("SUBMITTED PHOTO"), c(None, Some("Submitted Photo")));
        assert_eq!(parse_credit("USA TODAY"), c(None, Some("USA TODAY")));
        assert_eq!(parse_credit("AP"), c(None, Some("AP")));
        // Outlets that are not in the list keep their printing.
        assert_eq!(
            parse_credit("JANE DOE/THE KANSAS CITY STAR"),
            c(Some("Jane Doe"), Some("THE KANSAS CITY STAR"))
        );
    }

    #[test]
    fn glued_and_parenthesized_credits() {
        assert_eq!(
            split("The new bridge at dusk.Credit...Wei Chen for The New York Times"),
            s(
                "The new bridge at dusk.",
                Some("Wei Chen"),
                Some("The New York Times")
            )
        );
        assert_eq!(
            split("Firefighters at the scene on Wednesday. (Fox 5 DC)"),
            s("Firefighters at the scene on Wednesday.", None, Some("Fox 5 DC"))
        );
        assert_eq!(
            split("The family at home in 2015. (Jane Doe)"),
            s("The family at home in 2015.", Some("Jane Doe"), None)
        );
        assert_eq!(
            split("Smoke over the lake (Lake Erie)"),
            s("Smoke over the lake (Lake Erie)", None, None)
        );
        assert_eq!(
            split("The team poses. Credit: Stefan Rousseau/PA"),
            s("The team poses.", Some("Stefan Rousseau"), Some("PA"))
        );
    }
}
