//! The `wirefeed` binary: parses the command line, resolves a [`Config`], calls the
//! library once per subcommand, prints errors with their causes, and maps the outcome
//! to an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use wirefeed::Config;
use wirefeed::config::{FileConfig, Overrides};

mod cli;
mod init;
mod ping;
mod report;
mod term;

use cli::{
    BuildArgs, CheckArgs, Cli, Command, InspectArgs, InspectFormat, ReportFormat, ServeArgs, SiteArgs,
};

/// Exit codes, documented in the README.
mod exit {
    /// Some articles could not be loaded; the feeds were written without them.
    pub(crate) const ARTICLES_FAILED: u8 = 1;
    /// Configuration or usage error: nothing was built.
    pub(crate) const CONFIG: u8 = 2;
    /// The output folder cannot be created or written, or the build failed (I/O,
    /// templates): the previous feeds are untouched.
    pub(crate) const BUILD_FAILED: u8 = 3;
    /// Another build of the same output folder kept running past `--lock-wait`.
    pub(crate) const LOCKED: u8 = 4;
    /// The shrink guard stopped the build: it would have removed too many of the
    /// published items; nothing was published (`--force` overrides).
    pub(crate) const SHRINK_GUARD: u8 = 5;
    /// `check` found errors in the feeds.
    pub(crate) const CHECK_FAILED: u8 = 1;
    /// `serve` could not listen or serve.
    pub(crate) const SERVE_FAILED: u8 = 3;
    /// A build stopped by a signal exits 128 + its number, as a shell reports it:
    /// 130 for SIGINT (Ctrl-C), 143 for SIGTERM.
    #[cfg(unix)]
    pub(crate) const SIGNALLED: i32 = 128;
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    term::set_color(cli.color);
    let root = cli.root.as_deref();
    match cli.command {
        Command::Build(args) => build(root, args),
        Command::Inspect(args) => inspect(root, args),
        Command::Check(args) => check(root, args),
        Command::Serve(args) => serve(root, args),
        Command::Completions(args) => {
            term::out(&cli::completions(args.shell));
            ExitCode::SUCCESS
        }
        Command::Man => man(),
        Command::Init(args) => init(root, args),
    }
}

/// The config file's name.
const CONFIG_NAME: &str = "wirefeed.toml";

/// The config file to use when none is given: `ROOT/wirefeed.toml` with `--root`,
/// else the nearest `wirefeed.toml` from the current folder upwards, as a relative
/// path (`wirefeed.toml`, `../wirefeed.toml`, …) so that messages stay short.
fn find_config(root: Option<&Path>) -> Option<PathBuf> {
    if let Some(root) = root {
        let path = root.join(CONFIG_NAME);
        return path.is_file().then_some(path);
    }
    let cwd = std::env::current_dir().ok()?;
    let mut up = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(CONFIG_NAME).is_file() {
            return Some(up.join(CONFIG_NAME));
        }
        up.push("..");
    }
    None
}

/// The `WIREFEED_*` environment variables (those with a Unicode name and value).
fn config_env() -> Vec<(String, String)> {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| k.starts_with("WIREFEED_"))
        .collect()
}

/// Reads the config file (explicit, found by [`find_config`], or none), lays the
/// `WIREFEED_*` environment variables over it, and merges flags.
fn resolve(
    root: Option<&Path>,
    site: &SiteArgs,
    mut flags: Overrides,
    require_site: bool,
) -> wirefeed::Result<Config> {
    let path: Option<PathBuf> = site.config.clone().or_else(|| find_config(root));
    let text = match &path {
        Some(p) => std::fs::read_to_string(p).map_err(|e| wirefeed::Error::io(p, e))?,
        None => String::new(),
    };
    let named = path.as_deref().unwrap_or(Path::new("environment"));
    let file = FileConfig::parse_with_env(&text, named, &config_env())?;
    flags.site_url = site.site_url.clone();
    flags.timezone = site.timezone.clone();
    if !require_site && flags.site_url.is_none() && file.site_url.is_none() {
        flags.site_url = Some("http://localhost/".into());
    }
    let base = path
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .or(root)
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let origin = path.unwrap_or_else(|| PathBuf::from("command line"));
    Config::resolve(file, flags, &base, &origin)
}

fn build(root: Option<&Path>, args: BuildArgs) -> ExitCode {
    let input_flag = args.input.is_some();
    let flags = Overrides {
        input: args.input,
        out: args.out,
        title: args.title,
        limit: args.limit,
        state_dir: args.state_dir,
        build_future: args.build_future,
        force: args.force,
        max_feed_bytes: args.max_feed_bytes,
        ..Overrides::default()
    };
    let cfg = match resolve(root, &args.site, flags, true) {
        Ok(cfg) => cfg,
        Err(e) => return fail(&e, exit::CONFIG),
    };
    // Usage errors are found before the lock is taken: they create nothing.
    if let Err(e) = input_folder(&cfg.input, input_flag) {
        return fail(&e, exit::CONFIG);
    }
    let lock =
        wirefeed::publish::OutputLock::acquire(&cfg.out, std::time::Duration::from_secs(args.lock_wait));
    let _lock = match lock {
        Ok(lock) => lock,
        Err(e) => return fail(&e, exit_code(&e)),
    };
    stop_on_signals(&cfg.out);
    if !args.quiet {
        for w in cfg.warnings() {
            eprintln!("warning: {w}");
        }
    }
    let progress = Progress::new(args.quiet || args.format == ReportFormat::Json);
    let report = match wirefeed::build_with(&cfg, &progress) {
        Ok(r) => r,
        Err(e) => return fail(&e, exit_code(&e)),
    };
    report::build(&cfg, &report, args.format, args.quiet);
    if args.ping || cfg.ping_hubs {
        ping_hubs(&cfg, &report, args.quiet);
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::ARTICLES_FAILED)
    }
}

/// From here on, SIGTERM (`timeout`, systemd, `kill`) and SIGINT (Ctrl-C) stop the build
/// cleanly: a commit under way finishes (or puts the main feeds back), the staging
/// folder with the temporary files is removed, and the process exits 128 + the
/// signal's number while the output lock is still held. Without this a signal would
/// leave the staging folder until the next build.
#[cfg(unix)]
fn stop_on_signals(out: &Path) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT]) {
        Ok(signals) => signals,
        Err(e) => {
            term::warning(format_args!("cannot handle SIGTERM and SIGINT: {e}"));
            return;
        }
    };
    let out = out.to_path_buf();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _held = wirefeed::publish::interrupt(&out);
            let name = if signal == SIGINT { "SIGINT" } else { "SIGTERM" };
            term::error(format_args!(
                "stopped by {name}: nothing more was published and the temporary files were removed"
            ));
            std::process::exit(exit::SIGNALLED + signal);
        }
    });
}

#[cfg(not(unix))]
fn stop_on_signals(_out: &Path) {}

/// The exit code of a build that stopped with `e`: one meaning per code.
fn exit_code(e: &wirefeed::Error) -> u8 {
    match e {
        wirefeed::Error::Locked { .. } => exit::LOCKED,
        wirefeed::Error::Config { .. } => exit::CONFIG,
        wirefeed::Error::Shrink { .. } => exit::SHRINK_GUARD,
        _ => exit::BUILD_FAILED,
    }
}

/// The input folder must exist and be a folder; the error names `--input` when the
/// flag gave it, else the config key.
fn input_folder(input: &Path, from_flag: bool) -> wirefeed::Result<()> {
    let problem = match std::fs::metadata(input) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => "is not a folder".to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "no such folder".to_string(),
        Err(e) => e.to_string(),
    };
    let origin = if from_flag { "--input" } else { "input" };
    Err(wirefeed::Error::config(
        origin,
        None,
        format!("{}: {problem}", input.display()),
    ))
}

fn inspect(root: Option<&Path>, args: InspectArgs) -> ExitCode {
    let cfg = match resolve(root, &args.site, Overrides::default(), false) {
        Ok(cfg) => cfg,
        Err(e) => return fail(&e, exit::CONFIG),
    };
    let mut failed = false;
    for (path, result, warnings) in wirefeed::inspect(&cfg, &args.files) {
        // Warnings go to standard error, each naming its file already.
        for w in &warnings {
            term::warning(w);
        }
        let items = match result {
            Ok(items) => items,
            Err(e) => {
                term::error(chain(&e));
                failed = true;
                continue;
            }
        };
        for item in items {
            match args.format {
                InspectFormat::Json => match serde_json::to_string(&item) {
                    Ok(s) => term::out_line(s),
                    Err(e) => {
                        term::error(format_args!("{}: {e}", path.display()));
                        failed = true;
                    }
                },
                InspectFormat::Text => term::out(text_summary(&item).as_bytes()),
            }
        }
    }
    if failed {
        ExitCode::from(exit::ARTICLES_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn text_summary(item: &wirefeed::Item) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "{}", item.source);
    let _ = writeln!(s, "  title:     {}", item.title);
    let _ = writeln!(s, "  id:        {}", item.id);
    let _ = writeln!(s, "  published: {}", item.published.to_rfc3339());
    if let Some(u) = item.updated {
        let _ = writeln!(s, "  updated:   {}", u.to_rfc3339());
    }
    if let Some(u) = &item.url {
        let _ = writeln!(s, "  url:       {u}");
    }
    for a in &item.authors {
        let _ = writeln!(s, "  author:    {}", a.name);
    }
    for p in &item.photos {
        let _ = writeln!(s, "  photo:     {}", p.caption);
        if let Some(c) = p.credit.display() {
            let _ = writeln!(s, "    credit:  {c}");
        }
        if let Some(u) = &p.url {
            let _ = writeln!(s, "    url:     {u}");
        }
    }
    if !item.tags.is_empty() {
        let _ = writeln!(s, "  tags:      {}", item.tags.join(", "));
    }
    let body = match &item.body {
        wirefeed::item::Body::Paragraphs(ps) => format!("{} paragraphs", ps.len()),
        wirefeed::item::Body::Html(h) => format!("{} bytes of HTML", h.len()),
    };
    let _ = writeln!(s, "  body:      {body}");
    s
}

/// The output folder of the config file (given, or `wirefeed.toml` when present), else
/// `feeds`.
fn out_dir(root: Option<&Path>, config: Option<PathBuf>) -> wirefeed::Result<PathBuf> {
    let site = SiteArgs {
        config,
        site_url: None,
        timezone: None,
    };
    Ok(resolve(root, &site, Overrides::default(), false)?.out)
}

fn check(root: Option<&Path>, args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        match out_dir(root, args.config) {
            Ok(dir) => vec![dir],
            Err(e) => return fail(&e, exit::CONFIG),
        }
    } else {
        args.paths
    };
    let report = wirefeed::check::check_paths(&paths);
    report::check(&report, args.format, args.quiet);
    if report.count(wirefeed::check::Severity::Error) > 0 {
        ExitCode::from(exit::CHECK_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(root: Option<&Path>, args: ServeArgs) -> ExitCode {
    let mut _watch = None;
    if args.watch {
        let config = args.config.clone();
        let root_dir: Option<PathBuf> = root.map(Path::to_path_buf);
        let load = move || {
            let site = SiteArgs {
                config: config.clone(),
                site_url: None,
                timezone: None,
            };
            resolve(root_dir.as_deref(), &site, Overrides::default(), true)
        };
        let cfg = match load() {
            Ok(cfg) => cfg,
            Err(e) => return fail(&e, exit::CONFIG),
        };
        print_rebuild(&wirefeed::serve::Rebuild::run(&load));
        let config_file = args.config.clone().or_else(|| find_config(root));
        match wirefeed::serve::Watch::start(&cfg, config_file.as_deref(), load, |r| print_rebuild(&r)) {
            Ok(w) => _watch = Some(w),
            Err(e) => return fail(&e, exit::SERVE_FAILED),
        }
    }
    let dir = match args.dir {
        Some(dir) => dir,
        None => match out_dir(root, args.config) {
            Ok(dir) => dir,
            Err(e) => return fail(&e, exit::CONFIG),
        },
    };
    let addr = std::net::SocketAddr::new(args.bind, args.port);
    let server = match wirefeed::serve::Server::bind(&dir, addr) {
        Ok(s) => s.quiet(args.quiet),
        Err(e) => return fail(&e, exit::SERVE_FAILED),
    };
    if !args.bind.is_loopback() {
        term::warning(format_args!(
            "listening on {}: anyone who can reach this machine can read {}",
            args.bind,
            dir.display()
        ));
    }
    term::note(format_args!(
        "wirefeed: serving {} at http://{}/ (Ctrl-C to stop)",
        dir.display(),
        server.local_addr()
    ));
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, exit::SERVE_FAILED),
    }
}

/// Prints what a `serve --watch` rebuild did.
fn print_rebuild(r: &wirefeed::serve::Rebuild) {
    for e in &r.errors {
        eprintln!("error: {e}");
    }
    let kind = if r.failed { "error: " } else { "wirefeed: " };
    eprintln!("{kind}{}", r.summary);
}

/// Loading progress: a bar on a terminal, a few plain lines otherwise (cron logs),
/// nothing with `--quiet`.
enum Progress {
    Quiet,
    Bar(indicatif::ProgressBar),
    Lines {
        total: std::sync::atomic::AtomicUsize,
        done: std::sync::atomic::AtomicUsize,
        start: std::time::Instant,
    },
}

/// Files between two plain progress lines.
const PROGRESS_LINE_EVERY: usize = 10_000;

impl Progress {
    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} loading {pos}/{len} articles {wide_bar} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                total: 0.into(),
                done: 0.into(),
                start: std::time::Instant::now(),
            }
        }
    }
}

impl wirefeed::load::Progress for Progress {
    fn start(&self, n: usize) {
        match self {
            Progress::Quiet => {}
            Progress::Bar(bar) => {
                bar.set_length(n as u64);
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            Progress::Lines { total, .. } => {
                total.store(n, std::sync::atomic::Ordering::Relaxed);
                term::note(format_args!("wirefeed: loading {n} articles"));
            }
        }
    }

    fn advance(&self) {
        match self {
            Progress::Quiet => {}
            Progress::Bar(bar) => bar.inc(1),
            Progress::Lines { total, done, .. } => {
                let d = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                let t = total.load(std::sync::atomic::Ordering::Relaxed);
                if d % PROGRESS_LINE_EVERY == 0 && d < t {
                    term::note(format_args!("wirefeed: loaded {d}/{t} articles"));
                }
            }
        }
    }

    fn finish(&self) {
        match self {
            Progress::Quiet => {}
            Progress::Bar(bar) => bar.finish_and_clear(),
            Progress::Lines { done, start, .. } => {
                let d = done.load(std::sync::atomic::Ordering::Relaxed);
                term::note(format_args!(
                    "wirefeed: loaded {d} articles in {:.1} s",
                    start.elapsed().as_secs_f64()
                ));
            }
        }
    }
}

/// The error with its causes, `outer: inner: …`.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !s.ends_with(&text) {
            s = format!("{s}: {text}");
        }
        source = inner.source();
    }
    s
}

fn fail(e: &wirefeed::Error, code: u8) -> ExitCode {
    term::error(chain(e));
    ExitCode::from(code)
}

/// Notifies the WebSub hubs of the feeds the build changed. A failure is a warning:
/// the feeds are published whatever the hubs say.
fn ping_hubs(cfg: &Config, report: &wirefeed::Report, quiet: bool) {
    if cfg.hubs.is_empty() {
        term::warning("--ping: no hub is configured (set `hub` in wirefeed.toml)");
        return;
    }
    let topics = ping::topics(&cfg.feed_url, &report.published.written);
    for p in ping::ping_all(&cfg.hubs, &topics, ping::Policy::default()) {
        match p.result {
            Ok(_) if quiet => {}
            Ok(status) => term::note(format_args!(
                "wirefeed: pinged {} for {} ({status})",
                p.hub, p.topic
            )),
            Err(why) => term::warning(format_args!(
                "WebSub hub {} was not told of {}: {why}",
                p.hub, p.topic
            )),
        }
    }
}

/// `wirefeed init`: creates the site's files, one line per file.
fn init(root: Option<&Path>, args: cli::InitArgs) -> ExitCode {
    let dir = args
        .dir
        .or_else(|| root.map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    match init::init(&dir, args.templates, &today) {
        Ok(outcomes) => {
            for outcome in outcomes {
                match outcome {
                    init::Outcome::Created(p) => term::note(format_args!("created {}", p.display())),
                    init::Outcome::Kept(p) => {
                        term::warning(format_args!("{} exists: kept as it is", p.display()))
                    }
                }
            }
            term::note(format_args!(
                "wirefeed: new site in {}: set site_url in wirefeed.toml, then run `wirefeed build`",
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, exit::BUILD_FAILED),
    }
}

/// `wirefeed man`: the manual page on standard output.
fn man() -> ExitCode {
    match cli::man_page() {
        Ok(page) => {
            term::out(&page);
            ExitCode::SUCCESS
        }
        Err(e) => {
            term::error(format_args!("rendering the man page: {e}"));
            ExitCode::from(exit::BUILD_FAILED)
        }
    }
}
