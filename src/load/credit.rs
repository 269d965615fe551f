//! Photo credits: splitting a credit off the end of a caption, and a credit string
//! into the photographer's name and the organization. Shared by every loader.
//! (First version: only `Name AP Photo` and `Name/Org`; see the tests for the forms.)

use crate::item::Credit;

/// Splits a caption that may end with a credit into (caption, credit).
pub fn split_caption(text: &str) -> (String, Credit) {
    let t = text.trim();
    if let Some(head) = t.strip_suffix(" AP Photo")
        && let Some((caption, name)) = head.rsplit_once(". ")
    {
        {
            return (
                format!("{caption}."),
                Credit::new(Some(name.trim().to_string()), Some("AP Photo".into())),
            );
        }
    }
    (t.to_string(), Credit::default())
}

/// Parses a credit on its own (`Jane Doe/Getty Images`, `Jane Doe AP Photo`, …).
pub fn parse_credit(text: &str) -> Credit {
    let t = text.trim();
    if let Some((name, org)) = t.split_once('/') {
        return Credit::new(Some(name.trim().to_string()), Some(org.trim().to_string()));
    }
    if t.is_empty() {
        Credit::default()
    } else {
        Credit::new(Some(t.to_string()), None)
    }
}
