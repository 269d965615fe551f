//! The command line (clap derive). Only the binary sees these types; it turns them
//! into a [`wirefeed::Config`] before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn a folder of news articles into RSS 2.0, Atom 1.0 and JSON Feed files.
#[derive(Debug, Parser)]
#[command(
    name = "wirefeed",
    version,
    about,
    propagate_version = true,
    after_help = EXAMPLES,
    after_long_help = EXAMPLES
)]
pub(crate) struct Cli {
    /// When to colour `error:` and `warning:` (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(crate) color: ColorChoice,
    /// The site's folder: its wirefeed.toml is used, and relative defaults start there
    /// [default: the nearest folder, from the current one upwards, holding wirefeed.toml].
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The end of `--help`: examples, environment and exit codes (also in the README).
const EXAMPLES: &str = "\
Examples:
  wirefeed init mysite                    create a site with example articles
  wirefeed build                          build the site of ./wirefeed.toml (or a parent's)
  wirefeed build -i articles -o feeds --site-url https://news.example.com/
  wirefeed build --format json | jq .written
  wirefeed check feeds/                   validate the feeds
  wirefeed inspect articles/a.txt         what the loader understood of an article
  wirefeed serve                          preview the feeds on http://127.0.0.1:8080/

Environment:
  WIREFEED_<KEY>   overrides the config key KEY (e.g. WIREFEED_SITE_URL, WIREFEED_LIMIT);
                   flags win over it
  NO_COLOR         no colour with --color auto

Exit codes:
  0  built (or checked) without errors
  1  some articles failed (the feeds were written without them); check found errors
  2  usage or configuration error: nothing was built
  3  the output could not be written (the previous feeds are untouched)
  4  another build of the same output folder holds the lock
  5  the shrink guard stopped the build (nothing was published)
  130, 143  stopped by SIGINT, SIGTERM (temporary files removed)";

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
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
    /// Create a new site: a commented wirefeed.toml, example articles (never overwrites a file).
    Init(InitArgs),
    /// Print a shell completion script (see the README for where to put it).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `wirefeed man > ~/.local/share/man/man1/wirefeed.1`.
    Man,
}

/// Settings that every command reading articles shares.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// Config file [default: wirefeed.toml in --root, or in the nearest folder upwards].
    #[arg(long, short, value_name = "FILE")]
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
    #[arg(long, short, value_name = "DIR")]
    pub(crate) input: Option<PathBuf>,
    /// Output folder [default: feeds].
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Feed title [default: the site's host name].
    #[arg(long, value_name = "T")]
    pub(crate) title: Option<String>,
    /// Number of items in the main feeds [default: 50]; 0 for every item, without archives (within --max-feed-bytes unless that is 0).
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// Largest feed file in bytes [default: 1048576]: feeds hold as many of the newest items as fit; 0 for no budget.
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_feed_bytes: Option<usize>,
    /// Folder of the build's state [default: .wirefeed beside the config file].
    #[arg(long, value_name = "DIR")]
    pub(crate) state_dir: Option<PathBuf>,
    /// Print nothing unless something failed (errors only; no progress, summary or warnings).
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Publish items dated in the future now, instead of holding them back until their time.
    #[arg(long)]
    pub(crate) build_future: bool,
    /// Publish even when the build would remove more than `max_shrink` of the published items.
    #[arg(long)]
    pub(crate) force: bool,
    /// Seconds to wait for another build of the same output folder to finish.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub(crate) lock_wait: u64,
    /// Report format: text on standard error, or one JSON object on standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub(crate) format: ReportFormat,
    /// Notify the WebSub hubs (config `hub`) of each feed this build changed.
    #[arg(long)]
    pub(crate) ping: bool,
}

/// How `build` and `check` report what they did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Lines for people, on standard error (`check`: standard output).
    Text,
    /// One JSON object on standard output, for scripts.
    Json,
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
    /// Config file, for the default output folder [default: as for build].
    #[arg(long, short, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Feed files or folders to check (folders are searched for *.xml and *.json)
    /// [default: the output folder].
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Print errors only, not warnings.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Report format: lines for people, or one JSON object for scripts.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub(crate) format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Config file, for the default output folder [default: as for build].
    #[arg(long, short, value_name = "FILE")]
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

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Folder of the new site (created when missing) [default: --root, else the current folder].
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// Also copy the built-in templates into DIR/templates/ for editing, and use them.
    #[arg(long)]
    pub(crate) templates: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// The completion script for `shell`, generated from the command-line definition.
pub(crate) fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "wirefeed", &mut out);
    out
}

/// The manual page (`wirefeed.1`, roff), generated from the command-line definition.
pub(crate) fn man_page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
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
