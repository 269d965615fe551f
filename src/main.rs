//! The `wirefeed` binary: parses the command line, resolves a [`Config`], calls the
//! library once per subcommand, prints errors with their causes, and maps the outcome
//! to an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use wirefeed::Config;
use wirefeed::config::{FileConfig, Overrides};

mod cli;

use cli::{BuildArgs, CheckArgs, Cli, Command, InspectArgs, InspectFormat, ServeArgs, SiteArgs};

/// Exit codes, documented in the README.
mod exit {
    /// Some articles could not be loaded; the feeds were written without them.
    pub(crate) const ARTICLES_FAILED: u8 = 1;
    /// Configuration or usage error: nothing was built.
    pub(crate) const CONFIG: u8 = 2;
    /// The build itself failed (I/O, templates): the previous feeds are untouched.
    pub(crate) const BUILD_FAILED: u8 = 3;
    /// Another build of the same output folder kept running past `--lock-wait`.
    pub(crate) const LOCKED: u8 = 4;
    /// `check` found errors in the feeds.
    pub(crate) const CHECK_FAILED: u8 = 1;
    /// `serve` could not listen or serve.
    pub(crate) const SERVE_FAILED: u8 = 3;
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Inspect(args) => inspect(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
    }
}

/// Reads the config file (explicit, or `wirefeed.toml` when present) and merges flags.
fn resolve(site: &SiteArgs, mut flags: Overrides, require_site: bool) -> wirefeed::Result<Config> {
    let default = Path::new("wirefeed.toml");
    let path: Option<PathBuf> = site
        .config
        .clone()
        .or_else(|| default.is_file().then(|| default.to_path_buf()));
    let file = match &path {
        Some(p) => FileConfig::read(p)?,
        None => FileConfig::default(),
    };
    flags.site_url = site.site_url.clone();
    flags.timezone = site.timezone.clone();
    if !require_site && flags.site_url.is_none() && file.site_url.is_none() {
        flags.site_url = Some("http://localhost/".into());
    }
    let base = path
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let origin = path.unwrap_or_else(|| PathBuf::from("command line"));
    Config::resolve(file, flags, &base, &origin)
}

fn build(args: BuildArgs) -> ExitCode {
    let flags = Overrides {
        input: args.input,
        out: args.out,
        title: args.title,
        limit: args.limit,
        ..Overrides::default()
    };
    let cfg = match resolve(&args.site, flags, true) {
        Ok(cfg) => cfg,
        Err(e) => return fail(&e, exit::CONFIG),
    };
    let lock =
        wirefeed::publish::OutputLock::acquire(&cfg.out, std::time::Duration::from_secs(args.lock_wait));
    let _lock = match lock {
        Ok(lock) => lock,
        Err(e) => return fail(&e, exit::LOCKED),
    };
    let progress = Progress::new(args.quiet);
    let report = match wirefeed::build_with(&cfg, &progress) {
        Ok(r) => r,
        Err(e) => return fail(&e, exit::BUILD_FAILED),
    };
    // Warnings (a DST guess, a merged duplicate) would repeat on every cron run;
    // --quiet keeps to what failed.
    if !args.quiet {
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
    }
    for e in &report.errors {
        eprintln!("error: {}", chain(e));
    }
    if !args.quiet {
        eprintln!(
            "wirefeed: {} items in {} ({} files written, {} unchanged){}",
            report.items,
            cfg.out.display(),
            report.published.written.len(),
            report.published.unchanged.len(),
            if report.errors.is_empty() {
                String::new()
            } else {
                format!("; {} articles failed", report.errors.len())
            }
        );
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::ARTICLES_FAILED)
    }
}

fn inspect(args: InspectArgs) -> ExitCode {
    let cfg = match resolve(&args.site, Overrides::default(), false) {
        Ok(cfg) => cfg,
        Err(e) => return fail(&e, exit::CONFIG),
    };
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for (path, result, warnings) in wirefeed::inspect(&cfg, &args.files) {
        for w in &warnings {
            eprintln!("warning: {}: {w}", path.display());
        }
        let items = match result {
            Ok(items) => items,
            Err(e) => {
                eprintln!("error: {}", chain(&e));
                failed = true;
                continue;
            }
        };
        for item in items {
            let text = match args.format {
                InspectFormat::Json => match serde_json::to_string(&item) {
                    Ok(s) => s + "\n",
                    Err(e) => {
                        eprintln!("error: {}: {e}", path.display());
                        failed = true;
                        continue;
                    }
                },
                InspectFormat::Text => text_summary(&item),
            };
            // A reader that closed the pipe (`inspect … | head`) has all it wants.
            if let Err(e) = std::io::Write::write_all(&mut out, text.as_bytes()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                eprintln!("error: writing the output: {e}");
                return ExitCode::from(exit::ARTICLES_FAILED);
            }
        }
    }
    if let Err(e) = std::io::Write::flush(&mut out)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: writing the output: {e}");
        return ExitCode::from(exit::ARTICLES_FAILED);
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
fn out_dir(config: Option<PathBuf>) -> wirefeed::Result<PathBuf> {
    let site = SiteArgs {
        config,
        site_url: None,
        timezone: None,
    };
    Ok(resolve(&site, Overrides::default(), false)?.out)
}

fn check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        match out_dir(args.config) {
            Ok(dir) => vec![dir],
            Err(e) => return fail(&e, exit::CONFIG),
        }
    } else {
        args.paths
    };
    let report = wirefeed::check::check_paths(&paths);
    for f in &report.findings {
        if !args.quiet || f.severity == wirefeed::check::Severity::Error {
            println!("{f}");
        }
    }
    let errors = report.count(wirefeed::check::Severity::Error);
    let warnings = report.count(wirefeed::check::Severity::Warning);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    println!(
        "wirefeed check: {} checked, {}, {}",
        plural(report.files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if errors > 0 {
        ExitCode::from(exit::CHECK_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let dir = match args.dir {
        Some(dir) => dir,
        None => match out_dir(args.config) {
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
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read {}",
            args.bind,
            dir.display()
        );
    }
    eprintln!(
        "wirefeed: serving {} at http://{}/ (Ctrl-C to stop)",
        dir.display(),
        server.local_addr()
    );
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, exit::SERVE_FAILED),
    }
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
                eprintln!("wirefeed: loading {n} articles");
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
                    eprintln!("wirefeed: loaded {d}/{t} articles");
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
                eprintln!(
                    "wirefeed: loaded {d} articles in {:.1} s",
                    start.elapsed().as_secs_f64()
                );
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
    eprintln!("error: {}", chain(e));
    ExitCode::from(code)
}
