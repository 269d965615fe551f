//! `wirefeed init [DIR]`: a new site to start from — a commented `wirefeed.toml` with
//! every key and its default, an `articles/` folder with one example article in each
//! input format, and with `--templates` the built-in templates copied out for editing.
//! An existing file is never overwritten: it is kept and reported as such.

use std::io::Write;
use std::path::{Path, PathBuf};

use wirefeed::{Error, Result};

/// What happened to one file of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Written.
    Created(PathBuf),
    /// Already there, left as it was.
    Kept(PathBuf),
}

/// The folder copied-out templates go to, relative to the site.
const TEMPLATES_DIR: &str = "templates";

/// Creates the site's files under `dir` (created if needed); `today` (`YYYY-MM-DD`)
/// becomes the config's `id_date`. Stops at the first file that cannot be written.
pub(crate) fn init(dir: &Path, templates: bool, today: &str) -> Result<Vec<Outcome>> {
    let mut files: Vec<(String, String)> = vec![("wirefeed.toml".into(), config(today, templates))];
    files.extend(
        ARTICLES
            .iter()
            .map(|(name, text)| (format!("articles/{name}"), (*text).to_string())),
    );
    if templates {
        files.extend(
            wirefeed::template::builtins()
                .iter()
                .map(|(name, text)| (format!("{TEMPLATES_DIR}/{name}"), (*text).to_string())),
        );
    }
    files
        .iter()
        .map(|(rel, text)| create_new(&dir.join(rel), text.as_bytes()))
        .collect()
}

/// Writes a file that must not exist yet (`create_new`: no check-then-write race).
fn create_new(path: &Path, bytes: &[u8]) -> Result<Outcome> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file {
        Ok(mut file) => {
            file.write_all(bytes).map_err(|e| Error::io(path, e))?;
            Ok(Outcome::Created(path.to_path_buf()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Outcome::Kept(path.to_path_buf())),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The commented config. Keys set below are the defaults, spelled out; commented-out
/// keys show an example (or a default) of a setting that is off unless set.
fn config(today: &str, templates: bool) -> String {
    let templates_line = if templates {
        format!("templates = \"{TEMPLATES_DIR}\"")
    } else {
        format!("# templates = \"{TEMPLATES_DIR}\"")
    };
    CONFIG
        .replace("{id_date}", today)
        .replace("{templates}", &templates_line)
}

const CONFIG: &str = r#"# wirefeed.toml: the settings of this site (see "Configuration" in wirefeed's README).
# Keys written out hold their default value; commented-out keys are off until set.
# Relative paths are taken from this file's folder. Every key can also be set by an
# environment variable WIREFEED_<KEY> (WIREFEED_SITE_URL, WIREFEED_LIMIT, ...);
# command-line flags win over both.

# --- The site -------------------------------------------------------------------
# Feed title (default: the host name of site_url).
title = "My News Site"
# The site's home page; relative article URLs resolve against it. Set yours.
site_url = "https://news.example.com/"
# One sentence for the RSS channel description (default: "Latest articles from TITLE").
# description = "Local news from My News Site"
# Where the output folder is served (default: site_url).
# feed_url = "https://news.example.com/feeds/"
# Stands in for articles without a byline (default: the title).
# author = "My News Site"
# Language tag of the feeds.
# language = "en-us"

# --- Input and output -----------------------------------------------------------
input = "articles"
out = "feeds"
# Folder of the build's state (what each article yielded, first-seen dates).
# state_dir = ".wirefeed"
# Glob patterns of input files to leave out.
# exclude = ["drafts/**", "*.bak"]
# Largest article (or sidecar) file read, in bytes.
# max_article_bytes = 8388608
# Follow symbolic links that lead out of the input folder too.
# follow_links = false
# Folder of template overrides (item.html, index.html, feed.xsl, feed.css).
{templates}

# --- Dates ----------------------------------------------------------------------
# IANA time zone of dates that carry none.
timezone = "UTC"
# The date in the tag: ids of articles without a URL: set once, never change.
id_date = "{id_date}"
# An article without a date: "first-seen" (the time the first build saw it),
# "mtime" (the file's modification time) or "error".
missing_date = "first-seen"
# Publish articles dated in the future now instead of at their time.
# build_future = false

# --- The feeds ------------------------------------------------------------------
# Items in the main and tag feeds, and per archive page.
limit = 50
# true: feeds carry the whole article; false: summaries only.
full_content = true
# Tags kept per article.
# max_tags = 50
# Most tag feeds a site gets (the tags on most articles first).
# max_tag_feeds = 1000
# Largest feed file in bytes (at most 1 MiB, what feed services accept): feeds hold as
# many of the newest `limit` items as fit, the rest go to archive pages. 0: no budget.
# max_feed_bytes = 1048576
# Largest share of the published items one build may remove before it stops.
# max_shrink = 0.5
# Extra boilerplate lines to drop: regular expressions matched against whole lines.
boilerplate = []

# --- Push to readers (WebSub) ---------------------------------------------------
# Hubs announced in every feed (one URL or a list).
# hub = ["https://pubsubhubbub.appspot.com/"]
# Notify the hubs of each changed feed after a build (like `build --ping`).
# ping_hubs = false

# --- Per-folder time zones and extra zone abbreviations ---------------------------
[timezones]
# "europe" = "Europe/Paris"

[zone_abbreviations]
# CET = "+01:00"
"#;

/// One example article per input format: (file name under `articles/`, text).
const ARTICLES: &[(&str, &str)] = &[
    (
        "harbor-ferry.txt",
        "The ferry Nordlys at Pier 4 on Tuesday morning.\n\
The ferry Nordlys at Pier 4 on Tuesday morning. Photo: Lee Park / Harbor Gazette\n\
\n\
Ferry service returns to Pier 4 after repairs\n\
\n\
May 2, 2024 8:15 AM\n\
\n\
By Ana Oberg\n\
\n\
This is an example of scraped page text: photo captions first (the second copy\n\
carries the credit), then the headline, the dateline and the body.\n\
\n\
The ferry made its first crossing in six weeks on Tuesday, carrying 212 passengers.\n",
    ),
    (
        "harbor-ferry.toml",
        "# Sidecar of harbor-ferry.txt: what scraped text cannot hold.\n\
url = \"https://news.example.com/2024/05/ferry-returns\"\n\
images = [\"https://news.example.com/img/ferry.jpg\"]\n\
tags = [\"transport\", \"harbor\"]\n",
    ),
    (
        "council-budget.md",
        "---\n\
title: Council passes the budget\n\
date: 2024-05-01T18:30:00\n\
author: Sam Rivera\n\
tags: [politics]\n\
summary: An example of Markdown with YAML front matter.\n\
image: https://news.example.com/img/council.jpg\n\
caption: Council members vote on the budget.\n\
credit: Jo Lin/My News Site\n\
---\n\
\n\
The city council passed next year's **budget** by a vote of 7 to 2.\n\
\n\
The budget keeps library hours and adds two bus routes.\n",
    ),
    (
        "weather.json",
        "{\n  \"id\": \"weather-2024-04-30\",\n  \"title\": \"Warm week ahead\",\n  \"date\": \"2024-04-30T06:00:00+00:00\",\n  \"author\": \"Weather desk\",\n  \"tags\": [\"weather\"],\n  \"summary\": \"An example of one article as JSON.\",\n  \"body\": \"Highs near 25 degrees all week.\\n\\nRain returns on Sunday.\"\n}\n",
    ),
    (
        "wire.ndjson",
        "{\"id\": \"wire-1\", \"title\": \"Port reopens after storm\", \"date\": \"2024-04-29T12:00:00Z\", \"tags\": [\"business\"], \"body\": \"An example of an NDJSON export: one article per line.\"}\n\
{\"id\": \"wire-2\", \"title\": \"Museum adds evening hours\", \"date\": \"2024-04-28T09:00:00Z\", \"body_html\": \"<p>The museum stays open until 9 p.m. on Fridays.</p>\"}\n",
    ),
    (
        "saved-page.html",
        "<!DOCTYPE html>\n\
<html lang=\"en\">\n\
<head>\n\
<meta charset=\"utf-8\">\n\
<title>Night market opens for the season | My News Site</title>\n\
<meta property=\"og:title\" content=\"Night market opens for the season\">\n\
<meta property=\"article:published_time\" content=\"2024-04-27T19:00:00-04:00\">\n\
<meta name=\"author\" content=\"Kim Tran\">\n\
<link rel=\"canonical\" href=\"https://news.example.com/2024/04/night-market\">\n\
</head>\n\
<body>\n\
<article>\n\
<h1>Night market opens for the season</h1>\n\
<figure>\n\
<img src=\"https://news.example.com/img/market.jpg\" alt=\"\">\n\
<figcaption>Stalls on Water Street. <span class=\"credit\">Photo: Kim Tran</span></figcaption>\n\
</figure>\n\
<p>An example of a saved HTML page: wirefeed finds the article, its date, byline and photos.</p>\n\
<p>The market runs every Saturday until October.</p>\n\
</article>\n\
</body>\n\
</html>\n",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_parses_with_the_real_loader_and_holds_the_defaults() {
        for templates in [false, true] {
            let text = config("2024-05-02", templates);
            let file = wirefeed::config::FileConfig::parse(&text, Path::new("wirefeed.toml"))
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            // The config checks that a templates folder exists: make the site's folder.
            let dir = tempfile::tempdir().unwrap();
            let site = dir.path().join("site");
            std::fs::create_dir_all(site.join("templates")).unwrap();
            let cfg = wirefeed::Config::resolve(
                file,
                wirefeed::config::Overrides::default(),
                &site,
                Path::new("wirefeed.toml"),
            )
            .unwrap();
            assert_eq!(cfg.title, "My News Site");
            assert_eq!(cfg.site_url, "https://news.example.com/");
            assert_eq!(cfg.limit, 50);
            assert_eq!(cfg.id_date, "2024-05-02");
            assert_eq!(cfg.input, site.join("articles"));
            assert_eq!(cfg.out, site.join("feeds"));
            assert_eq!(cfg.templates_dir, templates.then(|| site.join("templates")));
        }
    }

    #[test]
    fn every_key_of_the_config_is_in_the_file() {
        let text = config("2024-05-02", false);
        for key in [
            "title",
            "site_url",
            "description",
            "feed_url",
            "author",
            "language",
            "input",
            "out",
            "state_dir",
            "exclude",
            "max_article_bytes",
            "templates",
            "timezone",
            "id_date",
            "missing_date",
            "build_future",
            "limit",
            "full_content",
            "max_tags",
            "max_tag_feeds",
            "max_feed_bytes",
            "follow_links",
            "max_shrink",
            "boilerplate",
            "hub",
            "ping_hubs",
            "[timezones]",
            "[zone_abbreviations]",
        ] {
            assert!(
                text.lines()
                    .any(|l| l.trim_start_matches("# ").starts_with(&format!("{key} ")) || l == key),
                "no line for {key}"
            );
        }
    }

    #[test]
    fn existing_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("wirefeed.toml"), "title = \"Mine\"\n").unwrap();
        let outcomes = init(dir.path(), false, "2024-05-02").unwrap();
        assert_eq!(outcomes[0], Outcome::Kept(dir.path().join("wirefeed.toml")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("wirefeed.toml")).unwrap(),
            "title = \"Mine\"\n"
        );
        assert_eq!(
            outcomes[1],
            Outcome::Created(dir.path().join("articles/harbor-ferry.txt"))
        );
        // A second run creates nothing.
        let again = init(dir.path(), false, "2024-05-02").unwrap();
        assert!(again.iter().all(|o| matches!(o, Outcome::Kept(_))), "{again:?}");
    }
}
