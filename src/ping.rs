//! WebSub publishing: after a build, tell each hub (config `hub`) which feeds changed,
//! so that subscribed readers fetch them at once instead of at their next poll.
//!
//! A ping is a form-encoded `POST` of `hub.mode=publish&hub.url=TOPIC` to the hub, one
//! per changed feed (main and tag feeds in every format; archive pages never change
//! and carry no hub link). Each request has a timeout; a network error, `429` or a
//! `5xx` answer is retried with a doubling back-off; any other answer outside `2xx`
//! is final. A failed ping is a warning, never a failed build: the feeds are already
//! published, and readers still see them at their next poll.

use std::time::Duration;

/// How hard to try each ping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// Tries per ping, the first included.
    pub(crate) attempts: u32,
    /// Wait before the second try; doubled before each further one.
    pub(crate) backoff: Duration,
    /// Limit on one whole request (connecting, sending, reading the answer).
    pub(crate) timeout: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            attempts: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(10),
        }
    }
}

/// The outcome of one hub and topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ping {
    /// The hub's URL.
    pub(crate) hub: String,
    /// The feed's URL.
    pub(crate) topic: String,
    /// `Ok` with the HTTP status, or what went wrong on the last try.
    pub(crate) result: Result<u16, String>,
}

/// The URLs of the feeds a build changed: every written file that a feed writer names
/// (`rss.xml`, `atom.xml`, `feed.json`), outside the archive, under `feed_url`.
pub(crate) fn topics(feed_url: &str, written: &[String]) -> Vec<String> {
    let archive = format!("{}/", wirefeed::write::site::ARCHIVE_DIR);
    written
        .iter()
        .filter(|rel| !rel.starts_with(&archive))
        .filter(|rel| {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            wirefeed::write::feed_writers().any(|w| w.file_name() == name)
        })
        .map(|rel| format!("{feed_url}{rel}"))
        .collect()
}

/// Pings every hub about every topic, one request at a time, and says how each went.
pub(crate) fn ping_all(hubs: &[String], topics: &[String], policy: Policy) -> Vec<Ping> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(policy.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("wirefeed/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    hubs.iter()
        .flat_map(|hub| topics.iter().map(move |topic| (hub, topic)))
        .map(|(hub, topic)| Ping {
            hub: hub.clone(),
            topic: topic.clone(),
            result: ping_one(&agent, hub, topic, policy),
        })
        .collect()
}

/// One ping, with retries.
fn ping_one(agent: &ureq::Agent, hub: &str, topic: &str, policy: Policy) -> Result<u16, String> {
    let mut wait = policy.backoff;
    let mut last = String::new();
    for attempt in 1..=policy.attempts.max(1) {
        if attempt > 1 {
            std::thread::sleep(wait);
            wait *= 2;
        }
        let sent = agent
            .post(hub)
            .send_form([("hub.mode", "publish"), ("hub.url", topic)]);
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                if (200..300).contains(&status) {
                    return Ok(status);
                }
                last = format!("the hub answered {}", response.status());
                if !(status == 429 || status >= 500) {
                    break;
                }
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_the_changed_live_feeds() {
        let written: Vec<String> = [
            "rss.xml",
            "index.html",
            "feed.xsl",
            "tags/sport/atom.xml",
            "tags/sport/index.html",
            "archive/3/rss.xml",
            "feed.json",
            ".wirefeed-archive.json",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            topics("https://news.example.com/feeds/", &written),
            [
                "https://news.example.com/feeds/rss.xml",
                "https://news.example.com/feeds/tags/sport/atom.xml",
                "https://news.example.com/feeds/feed.json",
            ]
        );
        assert!(topics("https://a.example/", &[]).is_empty());
    }

    #[test]
    fn an_unreachable_hub_fails_after_every_try() {
        // A port that was free a moment ago: the connection is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let policy = Policy {
            attempts: 2,
            backoff: Duration::from_millis(10),
            timeout: Duration::from_secs(2),
        };
        let hub = format!("http://127.0.0.1:{port}/");
        let pings = ping_all(
            std::slice::from_ref(&hub),
            &["https://a.example/rss.xml".into()],
            policy,
        );
        assert_eq!(pings.len(), 1);
        assert_eq!(pings[0].hub, hub);
        assert!(pings[0].result.is_err(), "{pings:?}");
    }
}
