//! The `wirefeed` binary: parses the command line, resolves a [`Config`], calls the
//! library once per subcommand, prints errors with their causes, and maps the outcome
//! to an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use wirefeed::Config;
use wirefeed::config::{FileConfig, Overrides};

mod cli;

use cli::{BuildArgs, Cli, Command, InspectArgs, InspectFormat, SiteArgs};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Inspect(args) => inspect(args),
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
    let report = match wirefeed::build(&cfg) {
        Ok(r) => r,
        Err(e) => return fail(&e, exit::BUILD_FAILED),
    };
    for w in &report.warnings {
        eprintln!("warning: {w}");
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
    for (path, result) in wirefeed::inspect(&cfg, &args.files) {
        match result {
            Ok(items) => {
                for item in items {
                    match args.format {
                        InspectFormat::Json => match serde_json::to_string(&item) {
                            Ok(s) => println!("{s}"),
                            Err(e) => {
                                eprintln!("error: {}: {e}", path.display());
                                failed = true;
                            }
                        },
                        InspectFormat::Text => print!("{}", text_summary(&item)),
                    }
                }
            }
            Err(e) => {
                eprintln!("error: {}", chain(&e));
                failed = true;
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
