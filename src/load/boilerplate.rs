//! Site boilerplate in scraped text: subscription prompts, share buttons, "Read
//! more" links, copyright lines. One list of patterns ([`PATTERNS`]), each matched
//! against a whole line or paragraph, ignoring case and surrounding white space; the
//! config's `boilerplate` patterns extend it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::RegexSet;

/// The built-in patterns. Each must match the *whole* line or paragraph (they are
/// anchored when compiled), so a sentence of the article that merely mentions a
/// subscription is kept.
pub const PATTERNS: &[&str] = &[
    // Subscription and account prompts.
    r"never miss a (?:local )?story\.?",
    r"sign up (?:today|now|here|for)\b.*",
    r"subscribe (?:now|today|here)\b.*",
    r"subscribe(?: to [\w\s]+)?[.!]?",
    r"(?:get|unlock|start|try) (?:unlimited|full|digital|1 year of|your) .*access.*",
    r"support (?:local|quality|independent) journalism.*",
    r"(?:already a subscriber|not a subscriber)\??.*",
    r"(?:log in|sign in|create an account|register)(?: to .*)?[.!]?",
    r"this (?:article|story|content) is (?:only )?(?:available|free) (?:to|for) .*",
    r"you have \d+ free (?:articles?|stories) .*",
    r"(?:get|sign up for) (?:our|the) .*newsletters?.*",
    r"\w+ newsletter",
    // Links and navigation.
    r"read more(?: here)?:?\s*(?:https?://\S+)?",
    r"read (?:next|more)",
    r"more from .{1,60}",
    r"(?:related|recommended|trending|popular|top) (?:stories|articles|content|videos?|links?)(?: from .*)?:?",
    r"see also:?.*",
    r"(?:click|tap) (?:here )?to (?:resize|enlarge|expand|read more|see more|view|watch|listen|subscribe)\b.*",
    r"(?:view|see|open) (?:the )?(?:photo )?gallery.*",
    r"(?:view|see) (?:more )?(?:photos|comments)\b.*",
    r"(?:show|hide|load) (?:more )?comments?.*",
    r"comments?\s*\(?\d*\)?",
    r"advertisement",
    r"sponsored(?: content)?",
    r"skip (?:to|this) (?:main )?(?:content|ad).*",
    r"continue reading.*",
    r"story continues (?:below|after).*",
    r"scroll (?:down )?(?:to|for) .*",
    r"back to top",
    // Sharing and printing.
    r"share(?: this)?(?: story| article| on \w+)?:?",
    r"(?:share|email|print|tweet|facebook|twitter|linkedin|reddit|whatsapp|pinterest|copy link|comments?)(?:[\s|•·,]+(?:share|email|print|tweet|facebook|twitter|linkedin|reddit|whatsapp|pinterest|copy link|comments?))+",
    r"order reprint(?:[\s|•·]+print page)?(?:[\s|•·]+.*)?",
    r"print (?:page|this (?:article|story|page))",
    r"(?:listen to|audio:) this (?:article|story).*",
    r"\d+ min(?:ute)?s? read",
    r"(?:photo|image|video) (?:gallery|credit|courtesy)s?:?",
    r"(?:play|watch) video.*",
    // Copyright and wire notices.
    r"(?:copyright|©|\(c\))\s*(?:\d{4}\s+)?.*(?:all rights reserved|may not be (?:published|reproduced)).*",
    r"all rights reserved\.?",
    r"this material may not be published, broadcast, rewritten,? or redistributed\.?",
    r"(?:updated|posted|published)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago",
    r"buy (?:photo|reprints?)",
    r"(?:hide|toggle|show) caption",
    r"image (?:source|caption),?.*",
    r"(?:this (?:story|article) was )?originally (?:published|posted)\b.*",
    // Separators.
    r"[_\-=*~•·]{3,}",
    r"\*\s*\*\s*\*",
    // Contact lines at the end of a story.
    r"follow .{1,60} on (?:twitter|x|facebook|instagram|threads|bluesky|mastodon)(?: at)?:?\s*.*",
    r"(?:e-?mail|twitter|phone|tel\.?|x|instagram|bluesky|threads|facebook):\s*\S.{0,80}",
    r"@\w{1,30}",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
];

/// The built-in patterns, compiled once.
static BUILT_IN: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(PATTERNS.iter().map(|p| anchored(p)))
        .unwrap_or_else(|e| panic!("built-in boilerplate patterns: {e}"))
});

/// The built-in patterns without their `\b` assertions: a looser test, tried first.
///
/// A Unicode word boundary stops the regex crate's fast (lazy DFA) engine at the first
/// non-ASCII byte, and news text is full of them (curly quotes, dashes, accents), so
/// [`BUILT_IN`] alone runs its slowest engine on nearly every paragraph. Dropping an
/// assertion only widens what a pattern matches, so text this set rejects is not
/// boilerplate, and the exact set decides the rest: same answers, about five times
/// faster on article text.
static BUILT_IN_LOOSE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(PATTERNS.iter().map(|p| anchored(&p.replace(r"\b", ""))))
        .unwrap_or_else(|e| panic!("built-in boilerplate patterns: {e}"))
});

thread_local! {
    /// The config's extra patterns, compiled for the last list this thread saw (a build
    /// has one list, so each loader thread compiles it once, without locking).
    static EXTRA: RefCell<Option<(Vec<String>, Rc<RegexSet>)>> = const { RefCell::new(None) };
}

/// A pattern matched against the whole (trimmed) text, ignoring case.
fn anchored(pattern: &str) -> String {
    format!(r"(?i)^\s*(?:{pattern})\s*$")
}

/// True when `text` (a line or a whole paragraph) is boilerplate: it matches one of
/// [`PATTERNS`] or one of `extra` (the config's `boilerplate` patterns). Extra patterns
/// that do not compile are ignored here (the config check reports them).
pub fn is_boilerplate(text: &str, extra: &[String]) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    if BUILT_IN_LOOSE.is_match(text) && BUILT_IN.is_match(text) {
        return true;
    }
    if extra.is_empty() {
        return false;
    }
    extra_set(extra).is_some_and(|set| set.is_match(text))
}

fn extra_set(extra: &[String]) -> Option<Rc<RegexSet>> {
    EXTRA.with(|cell| {
        let mut cache = cell.borrow_mut();
        if let Some((patterns, set)) = cache.as_ref()
            && patterns.as_slice() == extra
        {
            return Some(Rc::clone(set));
        }
        let set = Rc::new(RegexSet::new(extra.iter().map(|p| anchored(p))).ok()?);
        *cache = Some((extra.to_vec(), Rc::clone(&set)));
        Some(set)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loose_set_only_drops_word_boundaries() {
        // `\\b` (an escaped backslash, then `b`) would be cut wrongly by the rewrite.
        assert!(PATTERNS.iter().all(|p| !p.contains(r"\\b")));
        assert_eq!(BUILT_IN_LOOSE.len(), BUILT_IN.len());
        // The loose set accepts what the exact set rejects only at a word boundary.
        let text = "Subscribe nowadays to the paper";
        assert!(BUILT_IN_LOOSE.is_match(text) && !BUILT_IN.is_match(text));
        assert!(!b(text));
    }

    fn b(text: &str) -> bool {
        is_boilerplate(text, &[])
    }

    #[test]
    fn subscription_prompts() {
        for text in [
            "Never miss a local story.",
            "NEVER MISS A LOCAL STORY",
            "Sign up today for a free 30 day free trial of unlimited digital access.",
            "Sign up now for our free morning newsletter",
            "Subscribe now",
            "Subscribe Now!",
            "Subscribe to The Daily Planet.",
            "Get unlimited digital access",
            "Get unlimited digital access for $1 a month.",
            "Support local journalism.",
            "Support quality journalism: subscribe today",
            "Already a subscriber? Log in",
            "  Log in  ",
        ] {
            assert!(b(text), "{text:?}");
        }
    }

    #[test]
    fn links_sharing_and_notices() {
        for text in [
            "Read more here: http://www.kansascity.com/news/article196456789.html",
            "Read more here:",
            "Read Next",
            "Advertisement",
            "ADVERTISEMENT",
            "Share this story",
            "Share",
            "Related stories from Kansas City Star",
            "Related Stories",
            "Order Reprint Print Page",
            "Order Reprint | Print Page",
            "Click to resize",
            "Facebook Twitter Email",
            "Copyright 2018 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
            "© 2021 The Daily Planet. All rights reserved.",
            "___",
            "* * *",
            "Follow Jane Doe on Twitter: @janedoe",
            "Follow Rania Haddad on Twitter at https://twitter.com/rhaddad",
            "Email: jdoe@example.com",
            "jdoe@kcstar.com",
            "@janedoe",
            "Twitter: @janedoe",
            "4 min read",
            "Story continues below advertisement",
            "Updated 2 hours ago",
            "Buy Photo",
            "This story was originally published January 24, 2018 10:27 AM.",
        ] {
            assert!(b(text), "{text:?}");
        }
    }

    #[test]
    fn article_sentences_are_kept() {
        for text in [
            "The newspaper asked readers to subscribe now, before the price rises.",
            "Never miss a chance to see the comet, astronomers said.",
            "Read the full report on the city's website.",
            "The advertisement ran for three weeks before it was pulled.",
            "Follow the money, the prosecutor told jurors on Tuesday, and you will find the motive.",
            "“Sign up for what?” she asked.",
            "Share prices fell 3 percent.",
            "The State Department says the pair discussed Russia's role in pressing Syrian President Bashar Assad's government to participate in U.N.-led peace talks.",
            "Associated Press writer Jane Doe in Moscow contributed to this report.",
            "Comments from residents were mixed.",
        ] {
            assert!(!b(text), "{text:?}");
        }
    }

    #[test]
    fn config_patterns_extend_the_list() {
        let extra = vec![r"Download our app.*".to_string(), r"\[.*\]".to_string()];
        assert!(is_boilerplate("Download our app today!", &extra));
        assert!(is_boilerplate("download our APP", &extra));
        assert!(is_boilerplate("[Gallery]", &extra));
        assert!(!is_boilerplate(
            "Residents said they would download our app.",
            &extra
        ));
        // A second list replaces the cached one.
        let other = vec![r"Brought to you by .*".to_string()];
        assert!(is_boilerplate("Brought to you by Acme", &other));
        assert!(!is_boilerplate("Download our app today!", &other));
        // A broken pattern is ignored.
        assert!(!is_boilerplate("Anything", &["(".to_string()]));
    }
}
