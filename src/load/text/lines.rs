//! Cleaning the copied text into numbered lines: mis-decoded UTF-8 and HTML character
//! references repaired, line ends unified, odd and invisible spaces normalized.

use std::sync::LazyLock;

use regex::Regex;

/// One line of the file, cleaned, with its 1-based number.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) no: usize,
    pub(super) text: String,
}

/// HTML character references left in scraped text (`&amp;`, `&#8217;`, `&rsquo;`).
pub(super) static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#(?P<dec>\d{2,7})|#[xX](?P<hex>[0-9a-fA-F]{2,6})|(?P<name>[a-zA-Z]{2,6}));")
        .unwrap_or_else(|e| panic!("entity pattern: {e}"))
});

/// Named character references common in news text.
pub(super) const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("lt", "<"),
    ("gt", ">"),
    ("rsquo", "’"),
    ("lsquo", "‘"),
    ("rdquo", "”"),
    ("ldquo", "“"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("copy", "©"),
    ("eacute", "é"),
];

/// Repairs two artifacts of scraping: UTF-8 text that was decoded as Windows-1252 on
/// the way (`Mayorâ€™s` → `Mayor’s`), and HTML character references (`&amp;`,
/// `&#8217;`). Text without them is returned as is.
pub(super) fn repair(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = std::borrow::Cow::Borrowed(text);
    if text.contains("â€") || text.contains('Ã') || text.contains('Â') {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        if !unmappable && let Ok(fixed) = std::str::from_utf8(&bytes) {
            out = std::borrow::Cow::Owned(fixed.to_string());
        }
    }
    if out.contains('&') && ENTITY.is_match(&out) {
        let replaced = ENTITY.replace_all(&out, |c: &regex::Captures<'_>| {
            let code = c
                .name("dec")
                .and_then(|d| d.as_str().parse::<u32>().ok())
                .or_else(|| {
                    c.name("hex")
                        .and_then(|h| u32::from_str_radix(h.as_str(), 16).ok())
                });
            if let Some(ch) = code.and_then(char::from_u32) {
                return ch.to_string();
            }
            let name = c.name("name").map_or("", |m| m.as_str());
            match ENTITIES.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => (*v).to_string(),
                None => c[0].to_string(),
            }
        });
        out = std::borrow::Cow::Owned(replaced.into_owned());
    }
    out
}

/// The file's lines with line ends, no-break and odd spaces, zero-width characters and
/// trailing white space normalized.
pub(super) fn clean_lines(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        text
    };
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            text: clean_line(raw),
        })
        .collect()
}

/// What [`clean_line`] does to one character: keep it, make it a plain space, or drop it.
pub(super) enum CharFix {
    Keep,
    Space,
    Drop,
}

pub(super) fn char_fix(c: char) -> CharFix {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\t' | '\u{3000}' => CharFix::Space,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => CharFix::Drop,
        c if c.is_control() => CharFix::Drop,
        _ => CharFix::Keep,
    }
}

/// One line with odd spaces made plain, invisible and control characters dropped, and
/// runs of spaces collapsed to one, trimmed.
pub(super) fn clean_line(raw: &str) -> String {
    // Most lines need nothing: check first, copy once.
    let trimmed = raw.trim();
    let double_space = trimmed.as_bytes().windows(2).any(|w| w == b"  ");
    if !double_space && !needs_char_fix(trimmed) {
        return trimmed.to_string();
    }
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match char_fix(c) {
            CharFix::Space => s.push(' '),
            CharFix::Drop => {}
            CharFix::Keep => s.push(c),
        }
    }
    collapse_spaces(s.trim())
}

/// Whether [`char_fix`] would change a character of `s`, tested on the UTF-8 bytes: an
/// ASCII control or tab; `C2 80`–`C2 A0` and `C2 AD` (C1 controls, no-break space, soft
/// hyphen); `E2 80 80`–`E2 80 8D` and `E2 80 AF` (odd and zero-width spaces); `E2 81 A0`
/// (word joiner); `E3 80 80` (ideographic space); `EF BB BF` (byte-order mark).
pub(super) fn needs_char_fix(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path for the common case, a chunk at a time so it vectorizes.
    let odd_byte = |c: u8| c < 0x20 || c == 0x7f || matches!(c, 0xC2 | 0xE2 | 0xE3 | 0xEF);
    if !b
        .chunks(64)
        .any(|ch| ch.iter().fold(false, |acc, &c| acc | odd_byte(c)))
    {
        return false;
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    (0..b.len()).any(|i| match b[i] {
        c if c < 0x20 || c == 0x7f => true,
        0xC2 => matches!(at(i + 1), 0x80..=0xA0 | 0xAD),
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x80..=0x8D | 0xAF),
            0x81 => at(i + 2) == 0xA0,
            _ => false,
        },
        0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
        0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
        _ => false,
    })
}

pub(super) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}
