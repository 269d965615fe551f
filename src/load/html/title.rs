//! The headline: the candidates (og:title, JSON-LD headline, twitter:title, `<h1>`,
//! `<title>`) without the site name that sites add (`Headline | Site`,
//! `Headline - The Daily Planet`, `Site: Headline`).

/// Separators between a headline and a site name, longest first.
const SEPARATORS: &[&str] = &[
    " | ", " || ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ", " « ", ": ", " : ",
];

/// Separators that headlines themselves almost never contain.
const RARE_SEPARATORS: &[&str] = &[" | ", " || ", " :: ", " • ", " » ", " « "];

/// The headline from candidates in order of preference. Each loses a site-name part
/// (compared with `site_names` and the site's host name); then a candidate that is
/// another candidate plus a separator and more words is cut back to that candidate.
pub(super) fn choose(candidates: &[String], site_names: &[String], host: Option<&str>) -> Option<String> {
    let sites: Vec<String> = site_names
        .iter()
        .map(|s| norm(s))
        .filter(|s| s.len() >= 2)
        .collect();
    let host = host.map(host_label).filter(|h| h.len() >= 3);
    let stripped: Vec<String> = candidates
        .iter()
        .map(|c| strip_site(c, &sites, host.as_deref()))
        .filter(|c| !c.is_empty())
        .collect();
    let mut best = stripped.first()?.clone();
    // A shorter candidate that `best` extends with a separator is the real headline.
    for other in &stripped {
        if other.len() < best.len() && extends(&best, other) {
            best = other.clone();
        }
    }
    if stripped.iter().all(|c| *c == best) {
        best = strip_unknown_suffix(&best);
    }
    Some(best)
}

/// True when `long` is `short` with a separator and a site-like part before or after.
fn extends(long: &str, short: &str) -> bool {
    let check = |rest: &str| {
        SEPARATORS
            .iter()
            .any(|sep| rest.starts_with(sep.trim_start()) || rest.starts_with(sep))
    };
    if let Some(rest) = long.strip_prefix(short) {
        return check(rest) || check(rest.trim_start());
    }
    if let Some(head) = long.strip_suffix(short) {
        let head = head.trim_end();
        return SEPARATORS.iter().any(|sep| head.ends_with(sep.trim()));
    }
    false
}

fn strip_site(title: &str, sites: &[String], host: Option<&str>) -> String {
    let mut t = collapse(title);
    for _ in 0..3 {
        let before = t.clone();
        for sep in SEPARATORS {
            if let Some((head, tail)) = t.rsplit_once(sep)
                && !head.trim().is_empty()
                && is_site(tail, sites, host)
            {
                t = head.trim().to_string();
                break;
            }
            if let Some((head, tail)) = t.split_once(sep)
                && !tail.trim().is_empty()
                && is_site(head, sites, host)
            {
                t = tail.trim().to_string();
                break;
            }
        }
        if t == before {
            break;
        }
    }
    t
}

/// Without any site name to compare with, a last part after a separator headlines
/// rarely use (`|`, `::`, `•`) of at most five words is taken for the site name.
fn strip_unknown_suffix(title: &str) -> String {
    for sep in RARE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.split_whitespace().count() <= 5
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

fn is_site(part: &str, sites: &[String], host: Option<&str>) -> bool {
    let p = norm(part);
    if p.is_empty() {
        return false;
    }
    let words = part.split_whitespace().count();
    let looks_like_domain = words == 1 && part.contains('.') && !part.ends_with('.');
    if looks_like_domain {
        return true;
    }
    let bare = p.strip_prefix("the").unwrap_or(&p);
    for s in sites {
        let s_bare = s.strip_prefix("the").unwrap_or(s);
        if bare == s_bare
            || (words <= 6 && (p.starts_with(s.as_str()) || bare.starts_with(s_bare)) && s_bare.len() >= 4)
        {
            return true;
        }
    }
    if let Some(h) = host {
        if bare == h || (words <= 4 && h.len() >= 4 && bare.contains(h)) {
            return true;
        }
        if words <= 4 && bare.len() >= 5 && h.contains(bare) && bare.len() * 5 >= h.len() * 3 {
            return true;
        }
    }
    false
}

/// The distinctive label of a host: `www.dailyplanet.com` gives `dailyplanet`,
/// `news.example.co.uk` gives `example`.
pub(super) fn host_label(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let mut end = labels.len();
    // Drop the public suffix: the last label, and a short second-level one (co.uk).
    if end >= 2 {
        end -= 1;
        if end >= 2 && labels[end - 1].len() <= 3 {
            end -= 1;
        }
    }
    labels[..end]
        .iter()
        .rev()
        .find(|l| !matches!(**l, "www" | "m" | "amp" | "mobile"))
        .map(|l| norm(l))
        .unwrap_or_default()
}

/// Lower-case letters and digits only, for comparing names.
pub(super) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn strips_site_name_suffixes_and_prefixes() {
        let sites = c(&["The Daily Planet"]);
        for title in [
            "Bridge reopens after storm | The Daily Planet",
            "Bridge reopens after storm - Daily Planet",
            "The Daily Planet: Bridge reopens after storm",
            "Bridge reopens after storm — dailyplanet.com",
        ] {
            assert_eq!(
                choose(&c(&[title]), &sites, None).as_deref(),
                Some("Bridge reopens after storm"),
                "{title}"
            );
        }
    }

    #[test]
    fn uses_the_host_when_no_site_name_is_given() {
        assert_eq!(
            choose(
                &c(&["Council votes on budget - Riverton Gazette"]),
                &[],
                Some("www.rivertongazette.com")
            )
            .as_deref(),
            Some("Council votes on budget")
        );
    }

    #[test]
    fn compares_candidates_with_each_other() {
        assert_eq!(
            choose(
                &c(&[
                    "Storm: what we know - Metro Section - The Herald",
                    "Storm: what we know"
                ]),
                &[],
                None
            )
            .as_deref(),
            Some("Storm: what we know")
        );
    }

    #[test]
    fn keeps_headlines_with_dashes_and_colons() {
        assert_eq!(
            choose(
                &c(&["Brexit: what happens next - and why it matters"]),
                &c(&["Planet"]),
                None
            )
            .as_deref(),
            Some("Brexit: what happens next - and why it matters")
        );
        assert_eq!(
            choose(&c(&["Mayor's plan | Analysis of the week"]), &[], None).as_deref(),
            Some("Mayor's plan | Analysis of the week")
        );
        assert_eq!(
            choose(
                &c(&["Five things to know about the mayor's plan | Riverton"]),
                &[],
                None
            )
            .as_deref(),
            Some("Five things to know about the mayor's plan")
        );
    }

    #[test]
    fn host_labels() {
        assert_eq!(host_label("www.dailyplanet.com"), "dailyplanet");
        assert_eq!(host_label("news.example.co.uk"), "example");
        assert_eq!(host_label("localhost"), "localhost");
    }
}
