//! Turning an article file's bytes into text, and saying what had to be repaired.
//!
//! A byte-order mark decides the encoding. Otherwise the text is UTF-8 when it mostly
//! is: a file of UTF-8 with a few invalid bytes keeps its UTF-8 (the bad bytes become
//! U+FFFD), and a legacy encoding (detected by chardetng, decoded by encoding_rs) is
//! chosen only when the file as a whole is not UTF-8. Characters XML 1.0 cannot carry
//! (control characters other than tab, newline and carriage return; U+FFFE, U+FFFF)
//! are removed here, where the line they were on is still known.
//!
//! Every repair is reported: one warning per kind, with the line of the first case.

/// Decodes article bytes to text without a byte-order mark. Returns the text and the
/// warnings about it (without the file name, which the caller adds), e.g.
/// `line 3: invalid UTF-8, 1 byte sequence replaced with U+FFFD`.
pub fn decode(bytes: &[u8]) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let text = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            utf8_lossy(&bytes[bom_len..], &mut warnings)
        } else {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                warnings.push(format!("invalid {} replaced with U+FFFD", enc.name()));
            }
            text.into_owned()
        }
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        // The common case, checked at the speed of memory.
        text.to_owned()
    } else if mostly_utf8(bytes) {
        utf8_lossy(bytes, &mut warnings)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
        let (text, _, _) = enc.decode(bytes);
        warnings.push(format!("not UTF-8: read as {}", enc.name()));
        text.into_owned()
    };
    let text = remove_non_xml(text, &mut warnings);
    (text, warnings)
}

/// True when `bytes` are UTF-8 apart from a few invalid sequences: at least one valid
/// multi-byte character, and at most four invalid sequences for each. In text of a
/// legacy encoding every accented letter is an invalid sequence and valid multi-byte
/// characters are rare accidents; plain ASCII with one stray byte (no multi-byte
/// character at all) is taken as a legacy encoding's letter.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || (valid > 0 && invalid <= valid * 4)
}

/// UTF-8 with each invalid sequence replaced by U+FFFD, and one warning when there was any.
fn utf8_lossy(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut bad = 0usize;
    let mut first_line = None;
    let mut lines_before = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        lines_before += chunk.valid().bytes().filter(|&b| b == b'\n').count();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first_line.get_or_insert(lines_before + 1);
            out.push('\u{FFFD}');
        }
    }
    if let Some(line) = first_line {
        warnings.push(format!(
            "line {line}: invalid UTF-8, {bad} byte sequence{} replaced with U+FFFD",
            if bad == 1 { "" } else { "s" }
        ));
    }
    out
}

/// `text` without the characters XML 1.0 forbids, and one warning when there was any.
fn remove_non_xml(text: String, warnings: &mut Vec<String>) -> String {
    // In UTF-8 the forbidden characters are the C0 controls other than tab and line
    // ends, and U+FFFE / U+FFFF (`EF BF BE`, `EF BF BF`): a byte scan finds none in
    // almost every file.
    let suspect = text
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || text.contains(['\u{FFFE}', '\u{FFFF}']);
    if !suspect {
        return text;
    }
    let Some(first) = text.find(|c| !xml_char(c)) else {
        return text;
    };
    let line = text[..first].bytes().filter(|&b| b == b'\n').count() + 1;
    let removed = text.chars().filter(|&c| !xml_char(c)).count();
    warnings.push(format!(
        "line {line}: removed {removed} control character{} that XML cannot carry",
        if removed == 1 { "" } else { "s" }
    ));
    text.chars().filter(|&c| xml_char(c)).collect()
}

/// Whether XML 1.0 allows `c` in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_decide() {
        assert_eq!(decode(b"\xef\xbb\xbfhello"), ("hello".into(), vec![]));
        assert_eq!(decode(b"\xff\xfeh\0i\0"), ("hi".into(), vec![]));
    }

    #[test]
    fn valid_utf8_is_taken_as_is() {
        assert_eq!(decode("café".as_bytes()), ("café".into(), vec![]));
    }

    #[test]
    fn text_that_is_not_utf8_as_a_whole_is_read_in_its_legacy_encoding() {
        // "café – naïve, … été" in Windows-1252
        assert_eq!(
            decode(b"caf\xe9 \x96 na\xefve, a longer line of French text: \xe9t\xe9"),
            (
                "café – naïve, a longer line of French text: été".into(),
                vec!["not UTF-8: read as windows-1252".into()]
            )
        );
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8_and_says_where() {
        let bytes = b"Headline\n\nCaf\xc3\xa9 owner Zo\xc3\xab\nsaid \xff hello\n\xfe\n";
        assert_eq!(
            decode(bytes),
            (
                "Headline\n\nCafé owner Zoë\nsaid \u{FFFD} hello\n\u{FFFD}\n".into(),
                vec!["line 4: invalid UTF-8, 2 byte sequences replaced with U+FFFD".into()]
            )
        );
        assert_eq!(
            decode(b"\xef\xbb\xbfZo\xc3\xab \xc3"),
            (
                "Zoë \u{FFFD}".into(),
                vec!["line 1: invalid UTF-8, 1 byte sequence replaced with U+FFFD".into()]
            )
        );
    }

    #[test]
    fn control_characters_are_removed_with_the_first_line() {
        assert_eq!(
            decode(b"one\ttab\r\ntwo\x01\nthree\x1b[0m\x0c\n"),
            (
                "one\ttab\r\ntwo\nthree[0m\n".into(),
                vec!["line 2: removed 3 control characters that XML cannot carry".into()]
            )
        );
        assert_eq!(
            decode("a\u{FFFF}".as_bytes()),
            (
                "a".into(),
                vec!["line 1: removed 1 control character that XML cannot carry".into()]
            )
        );
        assert_eq!(
            decode("x\ny\u{FFFE}".as_bytes()),
            (
                "x\ny".into(),
                vec!["line 2: removed 1 control character that XML cannot carry".into()]
            )
        );
        // Characters whose UTF-8 holds the bytes of U+FFFF (`¿` is C2 BF) are kept.
        assert_eq!(decode("¿Qué? 試".as_bytes()), ("¿Qué? 試".into(), vec![]));
    }
}
