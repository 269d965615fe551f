//! The command line (clap derive). Only the binary sees these types; it turns them
//! into a [`wirefeed::Config`] before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn a folder of news articles into RSS 2.0, Atom 1.0 and JSON Feed files.
#[derive(Debug, Parser)]
#[command(name = "wirefeed", version, about, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Load every article under the input folder and write the feeds into the output folder.
    Build(BuildArgs),
    /// Print what the loader understood of each file, one JSON object per item.
    Inspect(InspectArgs),
    /// Validate feed files: well-formed XML, required elements, dates, duplicate ids.
    Check(CheckArgs),
    /// Preview the output folder over HTTP, as a static host would serve it.
    Serve(ServeArgs),
}

/// Settings that every command reading articles shares.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// Config file [default: wirefeed.toml in the current folder, when present].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The site's home page, e.g. https://news.example.com/.
    #[arg(long, value_name = "URL")]
    pub(crate) site_url: Option<String>,
    /// IANA time zone for dates that carry none, e.g. America/New_York.
    #[arg(long, value_name = "TZ")]
    pub(crate) timezone: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// Folder of articles [default: articles].
    #[arg(long, value_name = "DIR")]
    pub(crate) input: Option<PathBuf>,
    /// Output folder [default: feeds].
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Feed title [default: the site's host name].
    #[arg(long, value_name = "T")]
    pub(crate) title: Option<String>,
    /// Number of items in the main feeds [default: 50].
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// Print nothing unless something failed (errors only; no progress, summary or warnings).
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Seconds to wait for another build of the same output folder to finish.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub(crate) lock_wait: u64,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Json)]
    pub(crate) format: InspectFormat,
    /// Article files to inspect.
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InspectFormat {
    /// One JSON object per item, one per line.
    Json,
    /// A short human-readable summary per item.
    Text,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Config file, for the default output folder [default: wirefeed.toml, when present].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Feed files or folders to check (folders are searched for *.xml and *.json)
    /// [default: the output folder].
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Print errors only, not warnings.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Config file, for the default output folder [default: wirefeed.toml, when present].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Folder to serve [default: the output folder, `feeds`].
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub(crate) port: u16,
    /// Address to listen on; anything but loopback exposes the folder to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Do not log requests.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Build the site, serve its output folder, and rebuild when an article, the config
    /// or a template changes.
    #[arg(long, short, conflicts_with = "dir")]
    pub(crate) watch: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
