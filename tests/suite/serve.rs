//! `wirefeed serve` over real sockets on loopback: content types, validators, 304s,
//! gzip, HEAD, and every way out of the folder refused. A raw HTTP/1.1 client keeps
//! the test free of a client dependency and lets it send malformed targets.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use wirefeed::serve::{Limits, Server};

struct Reply {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }
}

/// Sends one request (`Connection: close`) and reads the whole answer.
fn send(addr: SocketAddr, method: &str, target: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    send(addr, "GET", target, &[])
}

/// A site folder `site/` beside a secret in `outside/`.
fn make_site(base: &Path) -> std::path::PathBuf {
    let site = base.join("site");
    std::fs::create_dir_all(site.join("tags/world")).unwrap();
    std::fs::create_dir_all(base.join("outside")).unwrap();
    std::fs::write(base.join("outside/secret.txt"), "secret").unwrap();
    let files: &[(&str, &[u8])] = &[
        ("rss.xml", b"<rss version=\"2.0\"><channel/></rss>\n"),
        ("atom.xml", b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>\n"),
        (
            "feed.json",
            b"{\"version\": \"https://jsonfeed.org/version/1.1\"}\n",
        ),
        ("index.html", b"<!doctype html><title>News</title>\n"),
        ("feed.xsl", b"<xsl:stylesheet/>\n"),
        ("style.css", b"body { margin: 0 }\n"),
        ("app.js", b"console.log(1);\n"),
        ("logo.png", b"\x89PNG\r\n\x1a\n"),
        ("sitemap.xml", b"<urlset/>\n"),
        ("tags/world/index.html", b"<p>world</p>\n"),
        (".wirefeed.lock", b"lock"),
    ];
    for (name, body) in files {
        std::fs::write(site.join(name), body).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("/etc/passwd", site.join("passwd")).unwrap();
        symlink(base.join("outside"), site.join("out")).unwrap();
        symlink("../outside/secret.txt", site.join("secret.txt")).unwrap();
        symlink("rss.xml", site.join("latest.xml")).unwrap();
    }
    site
}

struct Running {
    addr: SocketAddr,
    stop: wirefeed::serve::StopHandle,
    thread: Option<std::thread::JoinHandle<wirefeed::Result<()>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn start(dir: &Path) -> Running {
    start_with(dir, Limits::default())
}

fn start_with(dir: &Path, limits: Limits) -> Running {
    let server = Server::bind(dir, "127.0.0.1:0".parse().unwrap())
        .unwrap()
        .quiet(true)
        .limits(limits);
    let addr = server.local_addr();
    assert!(addr.ip().is_loopback() && addr.port() != 0);
    let stop = server.stop_handle();
    let thread = Some(std::thread::spawn(move || server.run()));
    Running { addr, stop, thread }
}

#[test]
fn serves_every_file_with_its_type() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let expected = [
        ("/rss.xml", "application/rss+xml; charset=utf-8", "max-age=300"),
        ("/atom.xml", "application/atom+xml; charset=utf-8", "max-age=300"),
        (
            "/feed.json",
            "application/feed+json; charset=utf-8",
            "max-age=300",
        ),
        ("/", "text/html; charset=utf-8", "max-age=300"),
        ("/index.html", "text/html; charset=utf-8", "max-age=300"),
        ("/feed.xsl", "text/xsl; charset=utf-8", "max-age=3600"),
        ("/style.css", "text/css; charset=utf-8", "max-age=3600"),
        ("/app.js", "text/javascript; charset=utf-8", "max-age=3600"),
        ("/logo.png", "image/png", "max-age=3600"),
        ("/sitemap.xml", "application/xml; charset=utf-8", "max-age=300"),
        ("/tags/world/", "text/html; charset=utf-8", "max-age=300"),
        (
            "/tags/world/index.html?x=1",
            "text/html; charset=utf-8",
            "max-age=300",
        ),
    ];
    for (target, content_type, cache) in expected {
        let r = get(server.addr, target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), Some(content_type), "{target}");
        assert_eq!(r.header("Cache-Control"), Some(cache), "{target}");
        let etag = r.header("ETag").unwrap();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && !etag.starts_with("W/"),
            "{target}"
        );
        let lm = r.header("Last-Modified").unwrap();
        assert!(lm.ends_with(" GMT") && lm.len() == 29, "{target}: {lm}");
        assert_eq!(
            r.header("Content-Length"),
            Some(r.body.len().to_string().as_str())
        );
    }
    let r = get(server.addr, "/rss.xml");
    assert_eq!(r.body, b"<rss version=\"2.0\"><channel/></rss>\n");
    assert_eq!(r.header("Vary"), Some("Accept, Accept-Encoding"));
    assert!(r.header("Server").is_some_and(|s| s.starts_with("wirefeed/")));
    assert!(r.header("Date").is_some_and(|d| d.ends_with(" GMT")));
    let r = get(server.addr, "/tags/world");
    assert_eq!((r.status, r.header("Location")), (301, Some("/tags/world/")));
    #[cfg(unix)]
    {
        let r = get(server.addr, "/latest.xml");
        assert_eq!(
            (r.status, r.body.as_slice()),
            (200, &b"<rss version=\"2.0\"><channel/></rss>\n"[..])
        );
    }
}

#[test]
fn conditional_requests_head_and_methods() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let first = get(server.addr, "/atom.xml");
    let etag = first.header("ETag").unwrap().to_string();
    let lm = first.header("Last-Modified").unwrap().to_string();

    let list = format!("\"abc\", W/{etag}");
    let r = send(server.addr, "GET", "/atom.xml", &[("If-None-Match", &list)]);
    assert_eq!((r.status, r.body.len()), (304, 0));
    assert_eq!(r.header("ETag"), Some(etag.as_str()));
    assert_eq!(r.header("Last-Modified"), Some(lm.as_str()));
    assert_eq!(
        r.header("Content-Length"),
        Some(first.body.len().to_string().as_str())
    );
    assert_eq!(r.header("Content-Type"), None);
    let r = send(server.addr, "GET", "/atom.xml", &[("If-None-Match", "\"abc\"")]);
    assert_eq!(r.status, 200);
    let r = send(server.addr, "GET", "/atom.xml", &[("If-Modified-Since", &lm)]);
    assert_eq!((r.status, r.body.len()), (304, 0));
    let r = send(
        server.addr,
        "GET",
        "/atom.xml",
        &[("If-Modified-Since", "Thu, 01 Jan 1998 00:00:00 GMT")],
    );
    assert_eq!(r.status, 200);
    // If-None-Match decides alone when present.
    let r = send(
        server.addr,
        "GET",
        "/atom.xml",
        &[("If-None-Match", "\"abc\""), ("If-Modified-Since", &lm)],
    );
    assert_eq!(r.status, 200);

    let r = send(server.addr, "HEAD", "/atom.xml", &[]);
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(
        r.header("Content-Length"),
        Some(first.body.len().to_string().as_str())
    );
    assert_eq!(r.header("ETag"), Some(etag.as_str()));

    for method in ["POST", "PUT", "DELETE"] {
        let r = send(server.addr, method, "/atom.xml", &[("Content-Length", "0")]);
        assert_eq!(
            (r.status, r.header("Allow")),
            (405, Some("GET, HEAD")),
            "{method}"
        );
    }
}

#[test]
fn gzip_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let plain = get(server.addr, "/feed.json");
    let r = send(
        server.addr,
        "GET",
        "/feed.json",
        &[("Accept-Encoding", "gzip, deflate, br")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Encoding"), Some("gzip"));
    assert_eq!(r.header("Vary"), Some("Accept-Encoding"));
    let gz_etag = r.header("ETag").unwrap().to_string();
    assert_ne!(Some(gz_etag.as_str()), plain.header("ETag"));
    let mut body = Vec::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_end(&mut body)
        .unwrap();
    assert_eq!(body, plain.body);
    let r = send(
        server.addr,
        "GET",
        "/feed.json",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &gz_etag)],
    );
    assert_eq!(r.status, 304);
    let r = send(
        server.addr,
        "GET",
        "/feed.json",
        &[("Accept-Encoding", "gzip;q=0, br")],
    );
    assert_eq!(r.header("Content-Encoding"), None);
    assert_eq!(r.body, plain.body);
    let r = send(server.addr, "GET", "/logo.png", &[("Accept-Encoding", "gzip")]);
    assert_eq!((r.header("Content-Encoding"), r.header("Vary")), (None, None));
}

#[test]
fn nothing_outside_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let targets = [
        "/../outside/secret.txt",
        "/tags/../../outside/secret.txt",
        "/%2e%2e/outside/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/tags/%2e%2e%2f%2e%2e%2foutside/secret.txt",
        "/..%2foutside%2fsecret.txt",
        "/..%5coutside%5csecret.txt",
        "/..\\outside\\secret.txt",
        "/rss.xml%00.png",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "http://evil.example/../outside/secret.txt",
        "/passwd",
        "/out/secret.txt",
        "/secret.txt",
        "/.wirefeed.lock",
        "/missing.xml",
    ];
    for target in targets {
        let r = get(server.addr, target);
        assert!(matches!(r.status, 400 | 403 | 404), "{target}: {}", r.status);
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{target}: {body}"
        );
    }
}

/// Kills the child process when the test ends, even on a failed assertion.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn binary_announces_its_address_and_logs_each_request() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    use std::sync::mpsc;

    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_wirefeed"))
            .arg("serve")
            .arg(&site)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            if line.map(|l| tx.send(l)).is_err() {
                break;
            }
        }
    });
    let line = |rx: &mpsc::Receiver<String>| rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let banner = line(&rx);
    let prefix = format!("wirefeed: serving {} at http://", site.display());
    let addr = banner
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("/ (Ctrl-C to stop)"))
        .unwrap_or_else(|| panic!("unexpected banner {banner:?}"));
    let addr: SocketAddr = addr.parse().unwrap();
    assert!(addr.ip().is_loopback());
    assert_eq!(get(addr, "/rss.xml").status, 200);
    assert_eq!(line(&rx), "GET /rss.xml 200");
    assert_eq!(get(addr, "/%2e%2e/etc/passwd").status, 404);
    assert_eq!(line(&rx), "GET /%2e%2e/etc/passwd 404");
    assert_eq!(send(addr, "HEAD", "/tags/world", &[]).status, 301);
    assert_eq!(line(&rx), "HEAD /tags/world 301");
}

#[test]
fn browsers_get_feeds_as_xml_they_render() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for (target, accept, expected) in [
        ("/rss.xml", chromium, "application/xml; charset=utf-8"),
        ("/atom.xml", chromium, "application/xml; charset=utf-8"),
        (
            "/rss.xml",
            "application/rss+xml, */*;q=0.1",
            "application/rss+xml; charset=utf-8",
        ),
        ("/atom.xml", "*/*", "application/atom+xml; charset=utf-8"),
        ("/feed.json", chromium, "application/feed+json; charset=utf-8"),
        ("/index.html", chromium, "text/html; charset=utf-8"),
    ] {
        let r = send(server.addr, "GET", target, &[("Accept", accept)]);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), Some(expected), "{target} {accept}");
    }
}

/// Writes `bytes` as long as the server reads, then reads the answer's status line.
fn status_after_sending(addr: SocketAddr, bytes: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    for chunk in bytes.chunks(4096) {
        if stream.write_all(chunk).is_err() {
            break;
        }
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let head = String::from_utf8_lossy(&raw);
    head.split(' ').nth(1)?.parse().ok()
}

/// Issue 11, item 6: a request head past the limit is refused with 431, and the server
/// goes on serving.
#[test]
fn an_oversized_head_gets_431() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let mut req = b"GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    req.extend(std::iter::repeat_n(b'a', 64 * 1024));
    req.extend(b"\r\n\r\n");
    assert_eq!(status_after_sending(server.addr, &req), Some(431));
    let mut many = b"GET /rss.xml HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..2000 {
        many.extend(format!("X-{i}: y\r\n").as_bytes());
    }
    many.extend(b"\r\n");
    assert!(
        matches!(status_after_sending(server.addr, &many), Some(431 | 400)),
        "too many headers"
    );
    assert_eq!(get(server.addr, "/rss.xml").status, 200);
}

/// Issue 11, item 6: 1,000 idle connections (some with half a request head) held open
/// while another client gets its answers.
#[test]
fn a_thousand_idle_connections_do_not_stop_other_clients() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let server = start(&site);
    let idle: Vec<TcpStream> = (0..1000)
        .map(|i| {
            let mut s = TcpStream::connect_timeout(&server.addr, Duration::from_secs(10)).unwrap();
            if i % 2 == 0 {
                s.write_all(b"GET /rss.xml HTTP/1.1\r\nHost: x\r\n").unwrap();
            }
            s
        })
        .collect();
    for _ in 0..20 {
        let r = get(server.addr, "/rss.xml");
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"<rss version=\"2.0\"><channel/></rss>\n");
    }
    // The idle ones are still served once they finish their request.
    let mut last = idle.into_iter().last().unwrap();
    last.write_all(b"GET /atom.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    last.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut raw = Vec::new();
    last.read_to_end(&mut raw).unwrap();
    assert!(
        raw.starts_with(b"HTTP/1.1 200 OK\r\n"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
}

/// Issue 11, item 6: a connection that sends nothing is closed after the idle timeout.
#[test]
fn idle_connections_are_closed_after_the_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let site = make_site(tmp.path());
    let mut limits = Limits::default();
    limits.idle_timeout = Duration::from_millis(500);
    let server = start_with(&site, limits);
    let mut quiet = TcpStream::connect(server.addr).unwrap();
    quiet.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut buf = [0u8; 64];
    // EOF (or a reset), not a read timeout.
    match quiet.read(&mut buf) {
        Ok(n) => assert_eq!(n, 0),
        Err(e) => assert_ne!(e.kind(), std::io::ErrorKind::WouldBlock, "{e}"),
    }
    // A keep-alive connection is closed too once it goes quiet.
    let mut kept = TcpStream::connect(server.addr).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    kept.write_all(b"HEAD /rss.xml HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    let _ = kept.read_to_end(&mut raw);
    assert!(raw.starts_with(b"HTTP/1.1 200 OK\r\n"));
}

/// Issue 9, item 3: `serve --watch` builds, serves, and rebuilds when an article changes.
#[test]
fn watch_rebuilds_after_a_file_change() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    use std::sync::mpsc;

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(
        root.join("wirefeed.toml"),
        "title = \"Watch\"\nsite_url = \"https://news.example.com/\"\ntimezone = \"UTC\"\n",
    )
    .unwrap();
    let article = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2024-01-02T03:04:05Z\n---\n\nThe text of {title}.\n")
    };
    std::fs::write(root.join("articles/first.md"), article("First story")).unwrap();
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_wirefeed"))
            .args(["serve", "--watch", "--quiet", "--port", "0"])
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            if line.map(|l| tx.send(l)).is_err() {
                break;
            }
        }
    });
    let next = |rx: &mpsc::Receiver<String>| rx.recv_timeout(Duration::from_secs(30)).unwrap();
    // A save can come as two batches of events, so a rebuild may be followed by another
    // with nothing to do: skip to the line looked for.
    let wait_for = |rx: &mpsc::Receiver<String>, prefix: &str| {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line starting with {prefix:?}: {e}"),
            }
        }
    };
    let built = next(&rx);
    assert!(built.starts_with("wirefeed: rebuilt: 1 items ("), "{built}");
    let banner = next(&rx);
    let addr: SocketAddr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("{banner}"))
        .parse()
        .unwrap();
    let first = get(addr, "/rss.xml");
    assert_eq!(first.status, 200);
    assert!(String::from_utf8_lossy(&first.body).contains("<title>First story</title>"));

    std::fs::write(root.join("articles/second.md"), article("Second story")).unwrap();
    wait_for(&rx, "wirefeed: rebuilt: 2 items (");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let r = get(addr, "/rss.xml");
        if String::from_utf8_lossy(&r.body).contains("<title>Second story</title>") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no rebuild within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }

    // A broken config keeps the last good output served.
    std::fs::write(root.join("wirefeed.toml"), "title = [").unwrap();
    let line = wait_for(&rx, "error: rebuild failed, still serving the last good output: ");
    assert!(line.contains("wirefeed.toml"), "{line}");
    assert!(String::from_utf8_lossy(&get(addr, "/rss.xml").body).contains("Second story"));
}
