//! Resolved settings for a build: `wirefeed.toml` merged with command-line flags
//! (flags win). The library never sees clap; the binary builds a [`Config`] with
//! [`Config::resolve`] and hands it over.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Default number of items in the main feeds.
pub const DEFAULT_LIMIT: usize = 50;

/// Default date for `tag:` ids when the config sets none (RFC 4151 needs one; any
/// fixed date will do, as long as it never changes for a site).
pub const DEFAULT_ID_DATE: &str = "2000";

/// Default largest article or sidecar file read, in bytes (4 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Default largest share of the published items one build may remove (see
/// [`crate::guard`]).
pub const DEFAULT_MAX_SHRINK: f64 = 0.5;

/// Default largest size of a feed file, in bytes: the 1 MiB that feed services accept
/// and `wirefeed check` enforces ([`crate::check::MAX_SIZE`]).
pub const DEFAULT_MAX_FEED_BYTES: usize = crate::check::MAX_SIZE;

/// Default largest number of tags kept per article.
pub const DEFAULT_MAX_TAGS: usize = 50;

/// Default largest number of tag feeds per site.
pub const DEFAULT_MAX_TAG_FEEDS: usize = 1000;

/// What to do with an article that has a headline and a body but no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MissingDate {
    /// Use the time the first build saw the article, remembered in the build's state so
    /// that later builds give the same date (the default). The loader marks the item
    /// with [`DateSource::FirstSeen`](crate::item::DateSource::FirstSeen); the build
    /// puts in the remembered time.
    #[default]
    FirstSeen,
    /// Report the file as an error.
    Error,
    /// Use the file's modification time, with a warning.
    Mtime,
}

/// Everything a build needs to know, resolved and validated.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Site title (feed title).
    pub title: String,
    /// Site description (RSS channel description).
    pub description: Option<String>,
    /// Site home page, absolute, ending in `/`.
    pub site_url: String,
    /// Where the feeds are served, ending in `/` (defaults to `site_url`).
    pub feed_url: String,
    /// Name that stands in for missing bylines (defaults to the title).
    pub author: Option<String>,
    /// Language tag for the feeds.
    pub language: Option<String>,
    /// Folder of articles.
    pub input: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// The build's state folder (`state.sqlite`): outside the output folder.
    pub state_dir: PathBuf,
    /// Time zone of dates that carry none.
    pub timezone: Tz,
    /// Per-folder time zones: input sub-folder (relative, `/`-separated) → zone.
    pub folder_timezones: BTreeMap<String, Tz>,
    /// Extra zone abbreviations (e.g. `CET = "+01:00"`), beside the built-in US ones.
    pub zone_abbreviations: BTreeMap<String, FixedOffset>,
    /// Number of items in the main and tag feeds and per archive page; 0 puts every
    /// item in the main feeds, without archives.
    pub limit: usize,
    /// Whether feeds carry the full article (true) or the summary only.
    pub full_content: bool,
    /// The fixed date in `tag:` ids (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub id_date: String,
    /// Extra boilerplate patterns (regular expressions matched against whole lines).
    pub boilerplate: Vec<String>,
    /// What to do with a scraped article that has no dateline.
    pub missing_date: MissingDate,
    /// Folder of template overrides, if any.
    pub templates_dir: Option<PathBuf>,
    /// Follow symbolic links out of the input folder too.
    pub follow_links: bool,
    /// Paths under the input folder never read (`.gitignore` rules).
    pub exclude: Vec<String>,
    /// Largest article or sidecar file read, in bytes.
    pub max_article_bytes: u64,
    /// Publish items dated in the future now instead of holding them back.
    pub build_future: bool,
    /// Largest share (0 to 1) of the published items a build may remove.
    pub max_shrink: f64,
    /// Publish even when the shrink guard objects (`--force`).
    pub force: bool,
    /// Largest number of tags kept per article.
    pub max_tags: usize,
    /// Largest number of tag feeds per site.
    pub max_tag_feeds: usize,
    /// WebSub hubs announced in the feeds (absolute http or https URLs).
    pub hubs: Vec<String>,
    /// Whether a build notifies the hubs of the feeds it changed.
    pub ping_hubs: bool,
    /// Largest size of a feed file, in bytes: the main and tag feeds hold as many of
    /// the newest `limit` items as fit (see [`crate::write::budget`]). 0: no budget,
    /// feeds of any size (with `limit = 0`, every item in the main feeds, streamed).
    pub max_feed_bytes: usize,
    /// Test-only hook, never set by a config file, a flag or the environment: makes
    /// publishing fail at step `k` of [`Batch::commit`](crate::publish::Batch::commit)
    /// (see [`Batch::commit_with`](crate::publish::Batch::commit_with)), so that tests
    /// can check what every possible failure leaves in the output folder.
    #[doc(hidden)]
    pub test_fail_publish_at: Option<usize>,
}

/// One URL or a list of them, as TOML allows either for `hub`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMore {
    /// `hub = "https://…"`.
    One(String),
    /// `hub = ["https://…", …]`.
    More(Vec<String>),
}

/// The settings of `wirefeed.toml`. Every field is optional; relative paths are taken
/// from the config file's folder.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FileConfig {
    /// Site title.
    pub title: Option<String>,
    /// Site description.
    pub description: Option<String>,
    /// Site home page.
    pub site_url: Option<String>,
    /// Where the feeds are served.
    pub feed_url: Option<String>,
    /// Stand-in author.
    pub author: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Articles folder.
    pub input: Option<PathBuf>,
    /// Output folder.
    pub out: Option<PathBuf>,
    /// The build's state folder.
    pub state_dir: Option<PathBuf>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Per-folder time zones.
    #[serde(default)]
    pub timezones: BTreeMap<String, String>,
    /// Extra zone abbreviations → offsets.
    #[serde(default)]
    pub zone_abbreviations: BTreeMap<String, String>,
    /// Items in the main feeds.
    pub limit: Option<usize>,
    /// Full content or summaries.
    pub full_content: Option<bool>,
    /// The fixed date in `tag:` ids.
    pub id_date: Option<String>,
    /// Extra boilerplate patterns.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Missing dateline policy.
    pub missing_date: Option<MissingDate>,
    /// Template override folder.
    pub templates: Option<PathBuf>,
    /// Follow links out of the input folder.
    pub follow_links: Option<bool>,
    /// Paths never read, `.gitignore` rules.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Largest article or sidecar file, in bytes.
    pub max_article_bytes: Option<u64>,
    /// Publish future-dated items now.
    pub build_future: Option<bool>,
    /// Largest share of published items a build may remove.
    pub max_shrink: Option<f64>,
    /// Largest number of tags per article.
    pub max_tags: Option<usize>,
    /// Largest number of tag feeds per site.
    pub max_tag_feeds: Option<usize>,
    /// WebSub hub URL(s).
    pub hub: Option<OneOrMore>,
    /// Notify the hubs after a build.
    pub ping_hubs: Option<bool>,
    /// Largest feed file, in bytes.
    pub max_feed_bytes: Option<usize>,
}

/// Values given on the command line; each one that is set wins over the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--input`.
    pub input: Option<PathBuf>,
    /// `--out`.
    pub out: Option<PathBuf>,
    /// `--state-dir`.
    pub state_dir: Option<PathBuf>,
    /// `--site-url`.
    pub site_url: Option<String>,
    /// `--title`.
    pub title: Option<String>,
    /// `--timezone`.
    pub timezone: Option<String>,
    /// `--limit`.
    pub limit: Option<usize>,
    /// `--build-future`.
    pub build_future: bool,
    /// `--force`.
    pub force: bool,
    /// `--max-feed-bytes`.
    pub max_feed_bytes: Option<usize>,
}

impl FileConfig {
    /// Reads and parses a config file, with the line of any syntax error.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            Error::config(path, line, e.message().to_string())
        })
    }

    /// Parses config text (empty when there is no file) with `WIREFEED_<KEY>`
    /// environment variables laid over it: each of `env` (name, value) whose name
    /// starts with `WIREFEED_` sets the key named by the rest, lower-cased
    /// (`WIREFEED_SITE_URL` → `site_url`). A value is read as a TOML value when that
    /// gives the key's type (`50`, `true`, `["a", "b"]`, `{ europe = "Europe/Paris" }`),
    /// else as a string. A variable naming no key, or of the wrong type, is an error
    /// naming the variable.
    pub fn parse_with_env(text: &str, path: &Path, env: &[(String, String)]) -> Result<Self> {
        let file = Self::parse(text, path)?;
        let vars: Vec<(&str, &str)> = env
            .iter()
            .filter_map(|(name, value)| Some((name.strip_prefix("WIREFEED_")?, value.as_str())))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        if vars.is_empty() {
            return Ok(file);
        }
        let mut table: toml::Table =
            toml::from_str(text).map_err(|e| Error::config(path, None, e.message().to_string()))?;
        for (key, value) in vars {
            let name = format!("WIREFEED_{key}");
            let key = key.to_ascii_lowercase();
            // The value as TOML (a number, a list…), then as a plain string: the first
            // that makes a valid one-key config is the one.
            let typed = toml::from_str::<toml::Table>(&format!("v = {value}"))
                .ok()
                .and_then(|mut t| t.remove("v"));
            let mut last_error = String::new();
            let mut chosen = None;
            for candidate in typed.into_iter().chain([toml::Value::String(value.to_string())]) {
                let one = toml::Table::from_iter([(key.clone(), candidate.clone())]);
                match one.try_into::<FileConfig>() {
                    Ok(_) => {
                        chosen = Some(candidate);
                        break;
                    }
                    Err(e) => last_error = e.message().to_string(),
                }
            }
            let value = chosen.ok_or_else(|| Error::config(&name, None, last_error))?;
            table.insert(key, value);
        }
        table
            .try_into()
            .map_err(|e: toml::de::Error| Error::config(path, None, e.message().to_string()))
    }
}

impl Config {
    /// Merges a config file (if any) with command-line overrides. `base` is the folder
    /// relative paths in the file are resolved against.
    pub fn resolve(file: FileConfig, flags: Overrides, base: &Path, origin: &Path) -> Result<Config> {
        let err = |m: String| Error::config(origin, None, m);
        // A value given by a flag is blamed on the flag, not on the file.
        let blame = |flag: &str, from_flag: bool, m: String| {
            if from_flag {
                Error::config(flag, None, m)
            } else {
                err(m)
            }
        };
        let from_file = |p: Option<PathBuf>| p.map(|p| base.join(p));
        let url_flag = flags.site_url.is_some();
        let site_url = flags
            .site_url
            .or(file.site_url)
            .ok_or_else(|| err("no site URL: set site_url in wirefeed.toml or pass --site-url".into()))?;
        let site_url = absolute_dir_url(&site_url)
            .map_err(|m| blame("--site-url", url_flag, format!("site_url {m}")))?;
        let feed_url = match file.feed_url {
            Some(u) => absolute_dir_url(&u).map_err(|m| err(format!("feed_url {m}")))?,
            None => site_url.clone(),
        };
        let tz_flag = flags.timezone.is_some();
        let tz_name = flags.timezone.or(file.timezone).unwrap_or_else(|| "UTC".into());
        let timezone = parse_tz(&tz_name).map_err(|m| blame("--timezone", tz_flag, m))?;
        let folder_timezones = file
            .timezones
            .into_iter()
            .map(|(folder, tz)| Ok((folder.trim_matches('/').to_string(), parse_tz(&tz).map_err(err)?)))
            .collect::<Result<_>>()?;
        let zone_abbreviations = file
            .zone_abbreviations
            .into_iter()
            .map(|(abbr, off)| {
                let offset = parse_offset(&off).ok_or_else(|| {
                    err(format!(
                        "zone abbreviation {abbr}: {off:?} is not an offset like +01:00"
                    ))
                })?;
                Ok((abbr.to_ascii_uppercase(), offset))
            })
            .collect::<Result<_>>()?;
        for pattern in &file.boilerplate {
            regex::Regex::new(pattern).map_err(|e| err(format!("boilerplate pattern {pattern:?}: {e}")))?;
        }
        let id_date = file.id_date.unwrap_or_else(|| DEFAULT_ID_DATE.into());
        if !valid_tag_date(&id_date) {
            return Err(err(format!(
                "id_date {id_date:?} must be YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        let limit = flags.limit.or(file.limit).unwrap_or(DEFAULT_LIMIT);
        let templates_dir = from_file(file.templates);
        if let Some(dir) = &templates_dir
            && !dir.is_dir()
        {
            return Err(err(format!(
                "templates = {:?}: {} is not a folder",
                dir.strip_prefix(base).unwrap_or(dir).display(),
                dir.display()
            )));
        }
        crate::load::walk::exclude_builder(base, &file.exclude).map_err(err)?;
        let max_shrink = file.max_shrink.unwrap_or(DEFAULT_MAX_SHRINK);
        if !(0.0..=1.0).contains(&max_shrink) {
            return Err(err(format!(
                "max_shrink = {max_shrink} must be between 0 and 1 (a share: 0.5 allows removing half of the published items)"
            )));
        }
        let max_feed_bytes_flag = flags.max_feed_bytes.is_some();
        let max_feed_bytes = flags
            .max_feed_bytes
            .or(file.max_feed_bytes)
            .unwrap_or(DEFAULT_MAX_FEED_BYTES);
        if max_feed_bytes > crate::check::MAX_SIZE {
            return Err(blame(
                "--max-feed-bytes",
                max_feed_bytes_flag,
                format!(
                    "max_feed_bytes = {max_feed_bytes} must be at most {} (1 MiB, the most `wirefeed check` accepts), or 0 for no budget",
                    crate::check::MAX_SIZE
                ),
            ));
        }
        let title = flags.title.or(file.title).unwrap_or_else(|| host_of(&site_url));
        let hubs = match file.hub {
            None => Vec::new(),
            Some(OneOrMore::One(url)) => vec![url],
            Some(OneOrMore::More(urls)) => urls,
        };
        for hub in &hubs {
            let ok =
                url::Url::parse(hub).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
            if !ok {
                return Err(err(format!("hub {hub:?} must be an absolute http or https URL")));
            }
        }
        Ok(Config {
            title,
            description: file.description,
            site_url,
            feed_url,
            author: file.author,
            language: file.language,
            input: flags
                .input
                .or(from_file(file.input))
                .unwrap_or_else(|| base.join("articles")),
            out: flags
                .out
                .or(from_file(file.out))
                .unwrap_or_else(|| base.join("feeds")),
            state_dir: flags
                .state_dir
                .or(from_file(file.state_dir))
                .unwrap_or_else(|| base.join(".wirefeed")),
            timezone,
            folder_timezones,
            zone_abbreviations,
            limit,
            full_content: file.full_content.unwrap_or(true),
            id_date,
            boilerplate: file.boilerplate,
            missing_date: file.missing_date.unwrap_or_default(),
            templates_dir,
            follow_links: file.follow_links.unwrap_or(false),
            exclude: file.exclude,
            max_article_bytes: file.max_article_bytes.unwrap_or(DEFAULT_MAX_ARTICLE_BYTES),
            build_future: flags.build_future || file.build_future.unwrap_or(false),
            max_shrink,
            force: flags.force,
            max_tags: file.max_tags.unwrap_or(DEFAULT_MAX_TAGS),
            max_tag_feeds: file.max_tag_feeds.unwrap_or(DEFAULT_MAX_TAG_FEEDS),
            hubs,
            ping_hubs: file.ping_hubs.unwrap_or(false),
            max_feed_bytes,
            test_fail_publish_at: None,
        })
    }

    /// A config for a site with defaults everywhere else (handy in tests and docs).
    pub fn for_site(site_url: &str, timezone: Tz) -> Config {
        let flags = Overrides {
            site_url: Some(site_url.into()),
            timezone: Some(timezone.name().into()),
            ..Overrides::default()
        };
        Config::resolve(
            FileConfig::default(),
            flags,
            Path::new("."),
            Path::new("command line"),
        )
        .unwrap_or_else(|e| panic!("Config::for_site({site_url:?}): {e}"))
    }

    /// Settings that are valid but probably not what the user meant, as warnings:
    /// `[timezones]` keys that name no sub-folder of the input folder (their articles
    /// would silently fall back to the site zone), and a site zone that is a fixed
    /// offset abbreviation such as `EST` (no daylight saving time).
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        for folder in self.folder_timezones.keys() {
            if !folder.is_empty() && !self.input.join(folder).is_dir() {
                warnings.push(format!(
                    "[timezones] {folder:?} names no folder of the input folder {}; its zone applies to nothing",
                    self.input.display()
                ));
            }
        }
        if let Some(iana) = fixed_zone_suggestion(self.timezone.name()) {
            warnings.push(format!(
                "time zone {:?} is a fixed offset all year, without daylight saving time; use an IANA name such as {iana:?}",
                self.timezone.name()
            ));
        }
        warnings
    }

    /// The site's host name, for `tag:` ids.
    pub fn host(&self) -> String {
        host_of(&self.site_url)
    }

    /// The time zone for an article at `rel_path` (relative to the input folder): the
    /// longest matching folder override, else the site's zone.
    pub fn timezone_for(&self, rel_path: &str) -> Tz {
        self.folder_timezones
            .iter()
            .filter(|(folder, _)| {
                folder.is_empty()
                    || rel_path
                        .strip_prefix(folder.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|(folder, _)| folder.len())
            .map_or(self.timezone, |(_, tz)| *tz)
    }
}

fn parse_tz(name: &str) -> std::result::Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| format!("unknown time zone {name:?}: use an IANA name such as America/New_York"))
}

/// The IANA zone to suggest for a zone name that is a fixed offset or a legacy POSIX
/// rule rather than a place (`EST`, `MST7MDT`, `Etc/GMT+5`); `None` for place zones and
/// UTC.
fn fixed_zone_suggestion(name: &str) -> Option<&'static str> {
    let suggestion = match name {
        "EST" | "EST5EDT" => "America/New_York",
        "CST6CDT" => "America/Chicago",
        "MST" | "MST7MDT" => "America/Denver",
        "PST8PDT" => "America/Los_Angeles",
        "HST" => "Pacific/Honolulu",
        "CET" | "MET" => "Europe/Paris",
        "EET" => "Europe/Athens",
        "WET" => "Europe/Lisbon",
        _ if name.starts_with("Etc/GMT") && name.len() > "Etc/GMT".len() => {
            "a city's zone, e.g. Europe/Berlin"
        }
        _ => return None,
    };
    Some(suggestion)
}

/// Parses `+01:00`, `-0530` or `Z`.
pub(crate) fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn absolute_dir_url(s: &str) -> std::result::Result<String, String> {
    let mut url = url::Url::parse(s.trim()).map_err(|e| format!("{s:?} is not an absolute URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{s:?} must be an http or https URL"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.to_string())
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into())
}

fn valid_tag_date(s: &str) -> bool {
    let ok = |fmt: &str| chrono::NaiveDate::parse_from_str(s, fmt).is_ok();
    match s.len() {
        4 => s.bytes().all(|b| b.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        10 => ok("%Y-%m-%d"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(toml: &str, flags: Overrides) -> Result<Config> {
        let file = FileConfig::parse(toml, Path::new("wirefeed.toml"))?;
        Config::resolve(file, flags, Path::new("site"), Path::new("wirefeed.toml"))
    }

    #[test]
    fn flags_win_over_the_file() {
        let flags = Overrides {
            title: Some("Flag Title".into()),
            limit: Some(5),
            ..Overrides::default()
        };
        let cfg = resolve(
            "title = \"File\"\nsite_url = \"https://a.example\"\nlimit = 9\n",
            flags,
        )
        .unwrap();
        assert_eq!(cfg.title, "Flag Title");
        assert_eq!(cfg.limit, 5);
        assert_eq!(cfg.site_url, "https://a.example/");
        assert_eq!(cfg.input, Path::new("site/articles"));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = resolve("title = \"x\"\nlimit = = 3\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().starts_with("wirefeed.toml:2:"), "{err}");
    }

    #[test]
    fn unknown_keys_and_zones_are_errors() {
        let err = resolve(
            "site_url = \"https://a.example\"\ntitel = \"x\"\n",
            Overrides::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
        let err = resolve(
            "site_url = \"https://a.example\"\ntimezone = \"Mars/Base\"\n",
            Overrides::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("Mars/Base"), "{err}");
    }

    #[test]
    fn folder_time_zones_pick_the_longest_prefix() {
        let cfg = resolve(
            "site_url = \"https://a.example\"\ntimezone = \"America/New_York\"\n[timezones]\neurope = \"Europe/Paris\"\n\"europe/uk\" = \"Europe/London\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(cfg.timezone_for("europe/uk/a.txt"), chrono_tz::Europe::London);
        assert_eq!(cfg.timezone_for("europe/a.txt"), chrono_tz::Europe::Paris);
        assert_eq!(cfg.timezone_for("europeans.txt"), chrono_tz::America::New_York);
    }

    fn env(vars: &[(&str, &str)]) -> Vec<(String, String)> {
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn environment_variables_override_the_file() {
        let text = "title = \"File\"\nlimit = 9\nsite_url = \"https://a.example\"\n";
        let vars = env(&[
            ("WIREFEED_TITLE", "2024"),
            ("WIREFEED_LIMIT", "7"),
            ("WIREFEED_FULL_CONTENT", "false"),
            ("WIREFEED_ID_DATE", "2019-05-01"),
            ("WIREFEED_TIMEZONES", "{ europe = \"Europe/Paris\" }"),
            ("WIREFEED_BOILERPLATE", "[\"^Subscribe\"]"),
            ("PATH", "/bin"),
        ]);
        let file = FileConfig::parse_with_env(text, Path::new("wirefeed.toml"), &vars).unwrap();
        assert_eq!(file.title.as_deref(), Some("2024"));
        assert_eq!(file.limit, Some(7));
        assert_eq!(file.full_content, Some(false));
        assert_eq!(file.id_date.as_deref(), Some("2019-05-01"));
        assert_eq!(
            file.timezones.get("europe").map(String::as_str),
            Some("Europe/Paris")
        );
        assert_eq!(file.boilerplate, ["^Subscribe"]);
        assert_eq!(file.site_url.as_deref(), Some("https://a.example"));
    }

    #[test]
    fn a_bad_environment_variable_is_named() {
        let err = FileConfig::parse_with_env("", Path::new("wirefeed.toml"), &env(&[("WIREFEED_LIMT", "5")]))
            .unwrap_err();
        assert!(
            err.to_string().starts_with("WIREFEED_LIMT: unknown field `limt`"),
            "{err}"
        );
        let err = FileConfig::parse_with_env(
            "",
            Path::new("wirefeed.toml"),
            &env(&[("WIREFEED_LIMIT", "many")]),
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("WIREFEED_LIMIT: invalid type"),
            "{err}"
        );
    }

    #[test]
    fn hub_is_one_url_or_a_list() {
        let site = "site_url = \"https://a.example\"\n";
        let cfg = resolve(
            &format!("{site}hub = \"https://hub.example/\"\n"),
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(cfg.hubs, ["https://hub.example/"]);
        assert!(!cfg.ping_hubs);
        let cfg = resolve(
            &format!(
                "{site}hub = [\"https://a.hub.example/\", \"http://b.hub.example/p\"]\nping_hubs = true\n"
            ),
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(cfg.hubs, ["https://a.hub.example/", "http://b.hub.example/p"]);
        assert!(cfg.ping_hubs);
        assert!(resolve(site, Overrides::default()).unwrap().hubs.is_empty());
        let err = resolve(&format!("{site}hub = \"hub.example\"\n"), Overrides::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "wirefeed.toml: hub \"hub.example\" must be an absolute http or https URL"
        );
    }

    #[test]
    fn flag_errors_name_the_flag() {
        let flags = Overrides {
            timezone: Some("EST5".into()),
            ..Overrides::default()
        };
        let err = resolve("site_url = \"https://a.example\"\n", flags).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--timezone: unknown time zone \"EST5\": use an IANA name such as America/New_York"
        );
        let flags = Overrides {
            site_url: Some("not a url".into()),
            ..Overrides::default()
        };
        let err = resolve("", flags).unwrap_err();
        assert!(err.to_string().starts_with("--site-url: "), "{err}");
    }

    #[test]
    fn max_feed_bytes_defaults_to_what_check_accepts_and_no_more() {
        let site = "site_url = \"https://a.example\"\n";
        assert_eq!(
            resolve(site, Overrides::default()).unwrap().max_feed_bytes,
            1048576
        );
        let cfg = resolve(&format!("{site}max_feed_bytes = 500000\n"), Overrides::default()).unwrap();
        assert_eq!(cfg.max_feed_bytes, 500000);
        let flags = Overrides {
            max_feed_bytes: Some(2_000_000),
            ..Overrides::default()
        };
        let err = resolve(site, flags).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--max-feed-bytes: max_feed_bytes = 2000000 must be at most 1048576 (1 MiB, the most `wirefeed check` accepts), or 0 for no budget"
        );
    }

    #[test]
    fn a_missing_templates_folder_is_an_error() {
        let err = resolve(
            "site_url = \"https://a.example\"\ntemplates = \"nonexistent\"\n",
            Overrides::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "wirefeed.toml: templates = \"nonexistent\": site/nonexistent is not a folder"
        );
    }

    #[test]
    fn fixed_offset_zones_and_unknown_timezone_folders_warn() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("europe")).unwrap();
        let toml = "site_url = \"https://a.example\"\ntimezone = \"EST\"\n[timezones]\neurope = \"Europe/Paris\"\nasia = \"Asia/Tokyo\"\n";
        let file = FileConfig::parse(toml, Path::new("wirefeed.toml")).unwrap();
        let mut cfg =
            Config::resolve(file, Overrides::default(), dir.path(), Path::new("wirefeed.toml")).unwrap();
        cfg.input = dir.path().to_path_buf();
        let warnings: Vec<String> = cfg
            .warnings()
            .into_iter()
            .map(|w| w.replace(&dir.path().display().to_string(), "IN"))
            .collect();
        assert_eq!(
            warnings,
            [
                "[timezones] \"asia\" names no folder of the input folder IN; its zone applies to nothing",
                "time zone \"EST\" is a fixed offset all year, without daylight saving time; use an IANA name such as \"America/New_York\""
            ]
        );
        assert_eq!(fixed_zone_suggestion("America/New_York"), None);
        assert_eq!(fixed_zone_suggestion("UTC"), None);
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+01:00"), FixedOffset::east_opt(3600));
        assert_eq!(parse_offset("-0530"), FixedOffset::east_opt(-19800));
        assert_eq!(parse_offset("1:00"), None);
    }
}
