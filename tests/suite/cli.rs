//! The conventions of the command line: completions, the man page, `--help`, colour,
//! config discovery, environment overrides, JSON reports, broken pipes.

use std::process::{Command, Stdio};

use crate::support::{FeedTest, wirefeed};

/// A small site: one article, a config with a site URL.
fn small_site() -> FeedTest {
    let t = FeedTest::new();
    t.write(
        "wirefeed.toml",
        "title = \"Small Site\"\nsite_url = \"https://small.example/\"\ntimezone = \"UTC\"\n",
    );
    t.write(
        "articles/bridge.txt",
        "Mayor opens bridge\n\nMarch 3, 2021 9:00 AM\n\nThe bridge opened.\n",
    );
    t
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn completions_are_generated_for_every_shell() {
    let t = FeedTest::new();
    // Each shell's script names the subcommands; the marker is how that shell's
    // generator writes one of them.
    for (shell, marker) in [
        ("bash", "wirefeed__subcmd__build"),
        ("zsh", "#compdef wirefeed"),
        ("fish", "complete -c wirefeed"),
        ("elvish", "edit:completion:arg-completer[wirefeed]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = t.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains(marker),
            "{shell} script lacks {marker:?}:\n{script}"
        );
        assert!(script.contains("build"), "{shell} script does not mention build");
        assert!(
            script.contains("lock-wait"),
            "{shell} script does not mention lock-wait"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = FeedTest::new().run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let out = FeedTest::new().run(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{page}");
    assert!(page.contains(".TH wirefeed 1"), "{page}");
    for command in ["build", "inspect", "check", "serve", "completions", "man"] {
        assert!(
            page.contains(&format!("wirefeed\\-{command}")),
            "man page lacks {command}"
        );
    }
}

#[test]
fn help_shows_examples_environment_and_exit_codes() {
    let out = FeedTest::new().run(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("Examples:\n  wirefeed init mysite"), "{help}");
    assert!(help.contains("WIREFEED_<KEY>"), "{help}");
    assert!(
        help.contains("Exit codes:\n  0  built (or checked) without errors\n  1  some articles failed"),
        "{help}"
    );
}

#[test]
fn init_makes_a_site_that_builds_and_passes_check() {
    let t = FeedTest::new();
    let out = t.run(&["init", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        "site/wirefeed.toml",
        "site/articles/harbor-ferry.txt",
        "site/articles/harbor-ferry.toml",
        "site/articles/council-budget.md",
        "site/articles/weather.json",
        "site/articles/wire.ndjson",
        "site/articles/saved-page.html",
    ] {
        assert!(t.path().join(file).is_file(), "init did not create {file}");
    }
    assert!(!t.path().join("site/templates").exists());
    let out = t.run(&["--root", "site", "build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wirefeed: 6 items in site/feeds"),
        "{}",
        stderr(&out)
    );
    let out = t.run(&["--root", "site", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains(", 0 errors,"), "{}", stdout(&out));
}

#[test]
fn init_with_templates_copies_them_and_uses_them() {
    let t = FeedTest::new();
    let out = t.run(&["init", "--templates"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        t.read("templates/item.html"),
        std::fs::read_to_string(crate::support::repo().join("templates/item.html")).unwrap()
    );
    assert!(t.read("wirefeed.toml").contains("\ntemplates = \"templates\"\n"));
    // An edited template shows in the build.
    let index = t
        .read("templates/index.html")
        .replacen("<body", "<body data-edited=\"yes\"", 1);
    t.write("templates/index.html", index);
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(t.read("feeds/index.html").contains("<body data-edited=\"yes\""));
}

#[test]
fn init_never_overwrites_a_file() {
    let t = FeedTest::new();
    t.write("wirefeed.toml", "title = \"Mine\"\n");
    t.write("articles/weather.json", "{}");
    let out = t.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(t.read("wirefeed.toml"), "title = \"Mine\"\n");
    assert_eq!(t.read("articles/weather.json"), "{}");
    let err = stderr(&out);
    assert!(err.contains("wirefeed.toml exists: kept as it is"), "{err}");
    assert!(err.contains("created ./articles/harbor-ferry.txt"), "{err}");
}

#[test]
fn the_config_is_found_in_a_parent_folder() {
    let t = small_site();
    std::fs::create_dir_all(t.path().join("articles/deep")).unwrap();
    let out = wirefeed(&t.path().join("articles/deep"), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Relative paths of the found config start from its folder.
    assert!(
        t.read("feeds/rss.xml")
            .contains("<title>Mayor opens bridge</title>")
    );
    assert!(!t.path().join("articles/deep/feeds").exists());
}

#[test]
fn root_names_the_site_folder() {
    let t = small_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = t.path().to_str().unwrap();
    let out = wirefeed(elsewhere.path(), &["--root", root, "build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(t.path().join("feeds/atom.xml").is_file());
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn environment_variables_override_the_config_and_flags_win() {
    let t = small_site();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_wirefeed"))
            .args(args)
            .current_dir(t.path())
            .env("WIREFEED_TITLE", "From The Environment")
            .env("WIREFEED_OUT", "env-out")
            .output()
            .unwrap()
    };
    let out = run(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        t.read("env-out/rss.xml")
            .contains("<title>From The Environment</title>")
    );
    let out = run(&["build", "--quiet", "--title", "From The Flag"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(t.read("env-out/rss.xml").contains("<title>From The Flag</title>"));

    let out = Command::new(env!("CARGO_BIN_EXE_wirefeed"))
        .args(["build"])
        .current_dir(t.path())
        .env("WIREFEED_LIMT", "5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: WIREFEED_LIMT: unknown field `limt`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn build_and_check_report_as_json() {
    let t = small_site();
    t.write("articles/broken.md", "---\ntitle: [unclosed\n---\nBody\n");
    let out = t.run(&["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["items"], 1);
    assert_eq!(report["articles"], 1);
    assert_eq!(report["out"], "./feeds");
    let written: Vec<&str> = report["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for file in ["rss.xml", "atom.xml", "feed.json", "index.html"] {
        assert!(written.contains(&file), "{written:?}");
    }
    assert_eq!(report["unchanged"], serde_json::json!([]));
    assert_eq!(report["errors"][0]["file"], "./articles/broken.md");
    assert!(report["errors"][0]["line"].is_u64(), "{report}");
    // Nothing but the JSON on standard output; the error is also on standard error.
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    assert!(
        stderr(&out).starts_with("error: ./articles/broken.md:"),
        "{}",
        stderr(&out)
    );

    // A second build rewrites nothing.
    let out = t.run(&["build", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["written"], serde_json::json!([]));
    assert!(report["unchanged"].as_array().unwrap().len() >= 4, "{report}");

    let out = t.run(&["check", "--format", "json", "feeds/rss.xml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], serde_json::json!(["feeds/rss.xml"]));
    assert_eq!(report["errors"], 0);

    t.write(
        "bad.xml",
        "<rss version=\"2.0\"><channel>\n<title>x</title>\n</rss>",
    );
    let out = t.run(&["check", "--format", "json", "bad.xml"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["file"], "bad.xml");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["line"], 3);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let t = FeedTest::new();
    let run = |color: &str, no_color: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wirefeed"));
        cmd.args([
            "--color",
            color,
            "build",
            "--site-url",
            "https://a.example/",
            "--timezone",
            "Nowhere/Bogus",
        ])
        .current_dir(t.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        stderr(&cmd.output().unwrap())
    };
    // An unknown time zone: an error. Standard error is a pipe here, so auto means none.
    assert!(
        run("always", false).starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m "),
        "{:?}",
        run("always", false)
    );
    assert!(run("never", false).starts_with("error: "));
    assert!(run("auto", false).starts_with("error: "));
    assert!(run("auto", true).starts_with("error: "));
}

#[test]
fn a_closed_pipe_is_success() {
    let t = small_site();
    for args in [
        &["man"][..],
        &["completions", "bash"],
        &["inspect", "articles/bridge.txt"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirefeed"))
            .args(args)
            .current_dir(t.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

/// The form fields of one ping.
type Fields = Vec<(String, String)>;

/// A WebSub hub on 127.0.0.1: records the form fields of each POST and answers
/// `status`. It serves one connection at a time and stops when dropped, or by itself
/// after a minute.
struct Hub {
    url: String,
    pings: std::sync::Arc<std::sync::Mutex<Vec<Fields>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Hub {
    fn start(status: &'static str) -> Hub {
        use std::io::{BufRead, BufReader, Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/hub", listener.local_addr().unwrap());
        let pings = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (record, halt) = (pings.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
            while !halt.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(std::time::Duration::from_secs(5)))
                    .unwrap();
                let mut reader = BufReader::new(&stream);
                let mut length = 0;
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    line.clear();
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let fields = url::form_urlencoded::parse(&body).into_owned().collect();
                record.lock().unwrap().push(fields);
                let answer = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                (&stream).write_all(answer.as_bytes()).unwrap();
            }
        });
        Hub { url, pings, stop }
    }

    /// The pings received so far (each its form fields), sorted; forgets them.
    fn take(&self) -> Vec<Fields> {
        let mut pings = std::mem::take(&mut *self.pings.lock().unwrap());
        pings.sort();
        pings
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

fn publish(topic: &str) -> Fields {
    vec![
        ("hub.mode".to_string(), "publish".to_string()),
        ("hub.url".to_string(), topic.to_string()),
    ]
}

#[test]
fn build_ping_tells_the_hub_of_each_changed_feed() {
    let hub = Hub::start("204 No Content");
    let t = small_site();
    let config = format!(
        "title = \"Small Site\"\nsite_url = \"https://small.example/\"\nhub = \"{}\"\n",
        hub.url
    );
    t.write("wirefeed.toml", &config);
    let out = t.run(&["build", "--ping"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        hub.take(),
        [
            publish("https://small.example/atom.xml"),
            publish("https://small.example/feed.json"),
            publish("https://small.example/rss.xml"),
        ]
    );
    // The feeds announce the hub.
    assert!(
        t.read("feeds/rss.xml")
            .contains(&format!("<atom:link href=\"{}\" rel=\"hub\"/>", hub.url))
    );

    // Nothing changed: nobody is told.
    let out = t.run(&["build", "--ping"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(hub.take(), Vec::<Fields>::new());

    // A new tagged article changes the main feeds and creates a tag feed;
    // `ping_hubs = true` pings without the flag.
    t.write("wirefeed.toml", format!("{config}ping_hubs = true\n"));
    t.write(
        "articles/ferry.md",
        "---\ntitle: Ferry returns\ndate: 2021-03-04T10:00:00Z\ntags: [Transport]\n---\nThe ferry is back.\n",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        hub.take(),
        [
            publish("https://small.example/atom.xml"),
            publish("https://small.example/feed.json"),
            publish("https://small.example/rss.xml"),
            publish("https://small.example/tags/transport/atom.xml"),
            publish("https://small.example/tags/transport/feed.json"),
            publish("https://small.example/tags/transport/rss.xml"),
        ]
    );
}

#[test]
fn a_failing_hub_is_a_warning_not_a_failed_build() {
    let hub = Hub::start("400 Bad Request");
    let t = small_site();
    t.write(
        "wirefeed.toml",
        format!(
            "site_url = \"https://small.example/\"\nhub = \"{}\"\nping_hubs = true\n",
            hub.url
        ),
    );
    let out = t.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A 400 is final: one try per feed.
    assert_eq!(hub.take().len(), 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: WebSub hub {} was not told of https://small.example/rss.xml: the hub answered 400 Bad Request",
            hub.url
        )),
        "{err}"
    );
    assert!(t.path().join("feeds/rss.xml").is_file());
}

#[test]
fn short_flags_name_config_input_and_output() {
    let t = FeedTest::new();
    t.write(
        "site.toml",
        "title = \"Short\"\nsite_url = \"https://short.example/\"\n",
    );
    t.write(
        "texts/bridge.txt",
        "Mayor opens bridge\n\nMarch 3, 2021 9:00 AM\n\nThe bridge opened.\n",
    );
    let out = t.run(&["build", "-c", "site.toml", "-i", "texts", "-o", "public", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(t.read("public/rss.xml").contains("<title>Short</title>"));
}
