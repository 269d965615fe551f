//! Site boilerplate in scraped text: subscription prompts, share buttons, "Read
//! more" links, copyright lines. One list of patterns ([`PATTERNS`]), each matched
//! against a whole line or paragraph, ignoring case and surrounding white space; the
//! config's `boilerplate` patterns extend it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::{RegexSet, RegexSetBuilder};

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
    r"more (?:from|on|about) [^.!?]+",
    r"(?:see also|related|also read|read also|more|watch|listen|related (?:coverage|stories|content|link))\s*:\s*[^.!?]*[?]?",
    r"see also",
    r"(?:click|tap) (?:here )?to (?:resize|enlarge|expand|read more|see more|view|watch|listen|subscribe)\b.*",
    r"(?:click|tap) here\b[^.]*[.!]?",
    r"\d{1,3} of \d{1,3}(?:\s*(?:photos?|images?))?",
    r"(?:enlarge|expand) (?:this )?(?:image|photo)",
    r"(?:photos?|image|video|gallery):?\s*\d{1,3}(?: photos| images)?",
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
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?[^.]*\.?(?:\s*all rights reserved\.?)?",
    r"(?:this|the) (?:article|story|post|report) (?:originally )?(?:appeared|was (?:first )?published|first appeared) (?:on|in) .+",
    r"(?:contact|reach|email|e-mail) (?:the )?(?:writer|reporter|author|us|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)?)(?: at)?:\s*\S.*",
    r"follow us on (?:twitter|x|facebook|instagram|threads|bluesky|mastodon|youtube|tiktok)\b.*",
    r"(?:like|follow) us on .+",
    r"(?:sign up|subscribe) (?:to|for) (?:our|the) .+",
    r"(?:get|receive) (?:the )?(?:latest|top) (?:news|headlines|stories)\b.*",
    r"(?:enter your email|email address)\b.*",
    r"(?:contact|reach|email|e-mail|call|write to) (?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})(?: at|:| by)\s.*?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}).*",
    r"(?:have|got) a (?:news )?(?:tip|story idea)\b.*",
    r"(?:download|get) (?:the|our) (?:free )?(?:[\w-]+ )?(?:news )?app\b.*",
    r"(?:get|turn on|enable|sign up for) (?:breaking news )?(?:push )?(?:notifications|alerts)\b.*",
    r"(?:contact|reach|email|e-mail|write to) [^.]+?(?: at|:)\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?(?:\s.*)?",
    r"(?:we|this site) (?:may )?(?:earn|receive) (?:a )?commission\b.*",
    r"this material may not be published, broadcast, rewritten,? or redistributed\.?",
    r"(?:updated|posted|published)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago",
    r"buy (?:photo|reprints?)",
    r"(?:hide|toggle|show) caption",
    r"image (?:source|caption|copyright),?.*",
    r"a version of this (?:article|story) (?:appears|appeared) in print\b.*",
    r"to contact the (?:reporters?|editors?|authors?|writers?)(?: responsible)?(?: for| on| of)? this (?:story|article):.*",
    r"(?:this (?:story|article) was )?originally (?:published|posted)\b.*",
    // Separators.
    r"[_\-=*~•·]{3,}",
    r"\*\s*\*\s*\*",
    // Contact lines at the end of a story.
    r"follow .{1,60} on (?:twitter|x|facebook|instagram|threads|bluesky|mastodon)(?: at)?:?\s*.*",
    r"(?:e-?mail|twitter|phone|tel\.?|x|instagram|bluesky|threads|facebook):\s*\S.{0,80}",
    r"@\w{1,30}",
    r"(?:twitter|x|instagram|threads|bluesky)\s*:?\s*@\w+",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
];

/// Headers of a list of links to other stories (`Related stories from The Star`, `Read
/// next`, `You may also like`): the header and the headline-like lines right after it
/// are dropped (see `text.rs`). Matched like [`PATTERNS`]; each is boilerplate too.
pub const LIST_HEADERS: &[&str] = &[
    r"(?:related|recommended|trending|popular|top|more|latest|other) (?:stories|articles|content|videos?|links?|coverage|news|headlines|reading|topics)(?: (?:from|on|for|about) [^.!?]*)?:?",
    r"related|more on this (?:story|topic)|more from [^.!?]+",
    r"(?:read|watch|up) next:?|what to read next:?",
    r"(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy|be interested in)[:.]?",
    r"(?:recommended for you|most (?:popular|read|viewed)|trending now|don't miss|in other news)[:.]?",
];

/// The longest text (in bytes) the built-in patterns are tried on.
const MAX_LEN: usize = 500;

/// The built-in patterns, compiled once.
///
/// In sets of [`CHUNK`] patterns: one set of them all is too big for the regex engine's
/// fast (lazy DFA) matcher, which then falls back to a much slower one.
static BUILT_IN: LazyLock<Vec<RegexSet>> = LazyLock::new(|| {
    let all: Vec<String> = PATTERNS.iter().chain(LIST_HEADERS).map(|p| anchored(p)).collect();
    all.chunks(CHUNK)
        .map(|chunk| {
            RegexSetBuilder::new(chunk)
                .dfa_size_limit(8 << 20)
                .build()
                .unwrap_or_else(|e| panic!("built-in boilerplate patterns: {e}"))
        })
        .collect()
});

/// How many built-in patterns one compiled set holds.
const CHUNK: usize = 16;

/// The list headers, compiled once.
static LIST_HEADER_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(LIST_HEADERS.iter().map(|p| anchored(p)))
        .unwrap_or_else(|e| panic!("built-in list header patterns: {e}"))
});

thread_local! {
    /// The config's extra patterns, compiled for the last list this thread saw (a build
    /// has one list, so each loader thread compiles it once, without locking).
    static EXTRA: RefCell<Option<(Vec<String>, Rc<RegexSet>)>> = const { RefCell::new(None) };
}

/// A pattern matched against the whole (trimmed) text, ignoring case.
///
/// Word boundaries are ASCII ones (`(?-u:\b)`): the regex engine's fast DFA gives up on
/// Unicode word boundaries in non-ASCII text, and the set is matched against every line.
fn anchored(pattern: &str) -> String {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
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
    // Site furniture is short (the longest, wire notices, are about 200 bytes); a long
    // paragraph is article text, and matching it against the whole set is the costliest
    // part of loading.
    if text.len() <= MAX_LEN && BUILT_IN.iter().any(|set| set.is_match(text)) {
        return true;
    }
    if extra.is_empty() {
        return false;
    }
    extra_set(extra).is_some_and(|set| set.is_match(text))
}

/// True when `text` heads a list of links to other stories (one of [`LIST_HEADERS`]).
pub fn is_list_header(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.len() <= 80 && LIST_HEADER_SET.is_match(text)
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
        let extra = vec![r"Visit our shop.*".to_string(), r"\[.*\]".to_string()];
        assert!(is_boilerplate("Visit our shop today!", &extra));
        assert!(is_boilerplate("visit our SHOP", &extra));
        assert!(is_boilerplate("[Gallery]", &extra));
        assert!(!is_boilerplate(
            "Residents said they would visit our shop.",
            &extra
        ));
        // A second list replaces the cached one.
        let other = vec![r"Brought to you by .*".to_string()];
        assert!(is_boilerplate("Brought to you by Acme", &other));
        assert!(!is_boilerplate("Visit our shop today!", &other));
        // A broken pattern is ignored.
        assert!(!is_boilerplate("Anything", &["(".to_string()]));
    }

    #[test]
    fn more_site_furniture() {
        for text in [
            "RELATED: Council to vote on budget",
            "SEE ALSO: Road closures this weekend",
            "Watch: Inside the new kitchen",
            "Related Content",
            "More from The Times",
            "You may also like",
            "Read next",
            "1 of 12",
            "Enlarge this image",
            "Click here to subscribe to our daily newsletter.",
            "Click here for the full report.",
            "This article originally appeared on The Conversation.",
            "Contact the writer: jdoe@example.com",
            "Contact Rosa Delgado at 555-555-1234 or rdelgado@example.com.",
            "Follow us on Facebook",
            "Copyright © 2018 Hearst Communications, Inc.",
            "Copyright 2018 KARE. All rights reserved.",
            "Image copyright Getty Images",
            "A version of this article appears in print on Jan. 25, 2018, Section A, Page 18.",
            "To contact the reporter on this story: Jane Doe in London at jdoe@example.net",
            "Have a news tip? Email us at tips@example.com.",
            "Download our app for breaking news alerts.",
            "Twitter @JaneDoe",
        ] {
            assert!(b(text), "{text:?}");
        }
    }

    #[test]
    fn sentences_that_look_like_furniture_are_kept() {
        for text in [
            "See also the city's report, which was released on Monday.",
            "More from the interview will air on Sunday.",
            "Related stories from other papers were linked in the original post.",
            "Residents can call the health line at 800-555-0199 for advice.",
            "Reach the county at its website for details.",
            "Watch parties were held across the city.",
            "Copyright law was at the center of the case.",
        ] {
            assert!(!b(text), "{text:?}");
        }
    }

    #[test]
    fn list_headers() {
        for text in [
            "Related stories from Kansas City Star",
            "Read Next",
            "You might also like:",
            "Trending Now",
            "Related",
        ] {
            assert!(is_list_header(text), "{text:?}");
            assert!(b(text), "{text:?}");
        }
        for text in [
            "Advertisement",
            "Related stories from other papers were linked.",
            "Subscribe now",
        ] {
            assert!(!is_list_header(text), "{text:?}");
        }
    }
}
