//! Build benchmark: times a full build, a no-change rebuild and a one-article edit over a
//! corpus, and reports peak memory.
//!
//! ```sh
//! cargo bench --bench build                          # 10,000 generated articles
//! cargo bench --bench build -- --articles 100000
//! python3 ../shared/bench/gen_corpus.py -n 20000 --out /tmp/c
//! cargo bench --bench build -- --corpus /tmp/c/text  # an existing folder
//! ```
//!
//! Timing belongs here, never in tests.

use std::path::{Path, PathBuf};
use std::time::Instant;

use wirefeed::config::{FileConfig, Overrides};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut articles = 10_000usize;
    let mut corpus: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--articles" => articles = args.next().and_then(|n| n.parse().ok()).expect("--articles N"),
            "--corpus" => corpus = args.next().map(PathBuf::from),
            _ => {} // cargo bench passes --bench
        }
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let input = match corpus {
        Some(dir) => dir,
        None => {
            let dir = tmp.path().join("articles");
            generate(&dir, articles);
            dir
        }
    };
    let out = tmp.path().join("feeds");
    let flags = Overrides {
        input: Some(input.clone()),
        out: Some(out.clone()),
        state_dir: Some(tmp.path().join("state")),
        site_url: Some("https://news.example.com/".into()),
        timezone: Some("America/New_York".into()),
        ..Overrides::default()
    };
    let cfg = wirefeed::Config::resolve(FileConfig::default(), flags, Path::new("."), Path::new("bench"))
        .expect("config");
    let files = wirefeed::load::walk::walk(&cfg).entries.len();
    println!("corpus: {} ({files} files)", input.display());

    let run = |label: &str| {
        let start = Instant::now();
        let report = wirefeed::build(&cfg).expect("build");
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{label:<22} {secs:>8.3} s  {:>10.0} articles/s  {} errors  {} written",
            files as f64 / secs,
            report.errors.len(),
            report.published.written.len()
        );
    };
    run("full build");
    run("no-change rebuild");
    if let Some(first) = wirefeed::load::walk::walk(&cfg)
        .entries
        .into_iter()
        .next()
        .map(|e| e.path)
    {
        let text = std::fs::read_to_string(&first).unwrap_or_default();
        std::fs::write(&first, format!("{text}\n\nOne more paragraph.\n")).expect("edit");
        run("one article edited");
        std::fs::write(&first, text).expect("restore");
    }
    println!(
        "peak memory (VmHWM): {}",
        peak_memory().unwrap_or_else(|| "unknown".into())
    );
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map(|l| l["VmHWM:".len()..].trim().to_string())
}

/// Writes `n` articles in the scraped-text layout, deterministic in `i`.
fn generate(dir: &Path, n: usize) {
    const WORDS: &[&str] = &[
        "council",
        "budget",
        "vote",
        "river",
        "bridge",
        "school",
        "mayor",
        "plan",
        "storm",
        "court",
        "said",
        "residents",
        "officials",
        "report",
        "state",
        "city",
        "week",
        "new",
        "million",
        "project",
    ];
    const MONTHS: &[&str] = &[
        "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let mut words = |k: usize| -> String {
            (0..k)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let caption = format!("A {} in Springfield, Tuesday, Jan. 23, 2018.", words(12));
        let head = words(7);
        let paragraphs: Vec<String> = (0..8).map(|_| format!("The {}.", words(40))).collect();
        let text = format!(
            "{caption}\n{caption} Jane Roe AP Photo\n\n{head} {i}\n\n{} {}, {} {}:{:02} AM\n\n{}\n\nNever miss a local story.\n",
            MONTHS[i % 12],
            i % 28 + 1,
            2015 + i % 10,
            i % 12 + 1,
            i % 60,
            paragraphs.join("\n\n")
        );
        std::fs::write(sub.join(format!("{i:06}.txt")), text).expect("write");
    }
}
