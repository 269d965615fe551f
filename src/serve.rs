//! `wirefeed serve`: previews the output folder over HTTP the way a static host would
//! serve it — feed content types, strong ETags and Last-Modified with 304 answers,
//! gzip when the client asks for it, `index.html` for folders.
//!
//! The HTTP layer is `tiny_http` (synchronous, four small dependencies): a preview
//! server needs no async runtime, and hyper + tokio would cost minutes of compile time
//! on small machines. Everything that decides *what* to answer lives in [`respond`], a
//! pure function of the folder and the request, so it is tested without sockets.
//!
//! Nothing outside the folder is ever served: the request path is decoded once,
//! any `..`, encoded slash or backslash, NUL or dot-file segment is refused, and the
//! file found is canonicalized (following symlinks) and must still lie inside the
//! canonical folder. Refusals are plain 404s, so they reveal nothing about what exists.

use std::io::Write as _;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};

/// `Cache-Control` for feeds and pages: readers poll often, and a preview should show a
/// rebuild within minutes.
pub const FEED_CACHE_CONTROL: &str = "max-age=300";
/// `Cache-Control` for everything else (stylesheets, images).
pub const ASSET_CACHE_CONTROL: &str = "max-age=3600";

/// A bound preview server. [`Server::bind`] opens the socket, so the address (with the
/// port the system chose for port 0) is known before [`Server::run`] serves.
pub struct Server {
    http: Arc<tiny_http::Server>,
    root: Arc<PathBuf>,
    addr: SocketAddr,
    quiet: bool,
    stopped: Arc<AtomicBool>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone)]
pub struct StopHandle {
    http: Arc<tiny_http::Server>,
    stopped: Arc<AtomicBool>,
}

impl std::fmt::Debug for StopHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopHandle").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("root", &self.root)
            .field("addr", &self.addr)
            .field("quiet", &self.quiet)
            .finish_non_exhaustive()
    }
}

impl StopHandle {
    /// Makes [`Server::run`] return after the request it is handing out, if any.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.http.unblock();
    }
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) to serve the folder `dir`.
    pub fn bind(dir: &Path, addr: SocketAddr) -> Result<Server> {
        let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        if !root.is_dir() {
            return Err(Error::io(
                dir,
                std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
            ));
        }
        let listener = TcpListener::bind(addr).map_err(|e| Error::io(addr.to_string(), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io(addr.to_string(), e))?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| Error::io(addr.to_string(), std::io::Error::other(e.to_string())))?;
        Ok(Server {
            http: Arc::new(http),
            root: Arc::new(root),
            addr,
            quiet: false,
            stopped: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The canonical folder being served.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// With `true`, no line per request on stderr.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    /// A handle that stops [`Server::run`] from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle {
            http: Arc::clone(&self.http),
            stopped: Arc::clone(&self.stopped),
        }
    }

    /// Serves requests until stopped, each on its own thread.
    pub fn run(self) -> Result<()> {
        while !self.stopped.load(Ordering::SeqCst) {
            let request = match self.http.recv() {
                Ok(r) => r,
                Err(_) if self.stopped.load(Ordering::SeqCst) => break,
                Err(e) => return Err(Error::io(self.addr.to_string(), e)),
            };
            let root = Arc::clone(&self.root);
            let quiet = self.quiet;
            std::thread::spawn(move || handle(&root, request, quiet));
        }
        Ok(())
    }
}

fn handle(root: &Path, request: tiny_http::Request, quiet: bool) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let if_none_match = header("If-None-Match");
    let if_modified_since = header("If-Modified-Since");
    let accept_encoding = header("Accept-Encoding");
    let method = request.method().as_str().to_string();
    let req = Request {
        method: &method,
        target: request.url(),
        if_none_match: if_none_match.as_deref(),
        if_modified_since: if_modified_since.as_deref(),
        accept_encoding: accept_encoding.as_deref(),
    };
    let reply = respond(root, &req);
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{} {} {}", method, request.url(), reply.status);
    }
    let server = (
        "Server",
        concat!("wirefeed/", env!("CARGO_PKG_VERSION")).to_string(),
    );
    let headers = reply
        .headers
        .iter()
        .chain(std::iter::once(&server))
        .filter_map(|(name, value)| tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
        .collect();
    // tiny_http sends no body for HEAD and 304, but announces `length` as Content-Length.
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        headers,
        std::io::Cursor::new(reply.body),
        Some(reply.length),
        None,
    )
    .with_chunked_threshold(usize::MAX);
    // The client may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

/// The parts of a request that decide the answer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// `GET`, `HEAD`, …
    pub method: &'a str,
    /// The request target as sent, e.g. `/tags/world/rss.xml?x=1`.
    pub target: &'a str,
    /// The `If-None-Match` header.
    pub if_none_match: Option<&'a str>,
    /// The `If-Modified-Since` header.
    pub if_modified_since: Option<&'a str>,
    /// The `Accept-Encoding` header.
    pub accept_encoding: Option<&'a str>,
}

/// An answer: status, headers and body. Leaving the body out of HEAD answers is the
/// HTTP layer's job: the body is kept so `Content-Length` is right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Header names and values, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The `Content-Length`: the body's, or for a 304 the length a 200 would have had
    /// (RFC 9110 forbids any other value there).
    pub length: usize,
}

impl Response {
    /// The value of header `name` (case-insensitive), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn plain(status: u16, text: &str) -> Response {
        Response::new(
            status,
            vec![("Content-Type", "text/plain; charset=utf-8".into())],
            format!("{text}\n").into_bytes(),
        )
    }

    fn new(status: u16, headers: Vec<(&'static str, String)>, body: Vec<u8>) -> Response {
        Response {
            status,
            headers,
            length: body.len(),
            body,
        }
    }
}

/// Decides the answer to `req` for the folder `root` (which should be canonical).
pub fn respond(root: &Path, req: &Request<'_>) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        let mut r = Response::plain(405, "405 Method Not Allowed");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let not_found = || Response::plain(404, "404 Not Found");
    let (path, query) = match req.target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (req.target, None),
    };
    let Some(segments) = safe_segments(path) else {
        return not_found();
    };
    let mut file = root.to_path_buf();
    file.extend(&segments);
    let Some(mut file) = inside(root, &file) else {
        return not_found();
    };
    if !file.is_dir() && path.ends_with('/') {
        // A file is not a folder: `/rss.xml/` is not `/rss.xml`.
        return not_found();
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            let mut r = Response::plain(301, "301 Moved Permanently");
            r.headers.push(("Location", location));
            return r;
        }
        match inside(root, &file.join("index.html")) {
            Some(index) => file = index,
            None => return not_found(),
        }
    }
    if !file.is_file() {
        return not_found();
    }
    let (body, modified) =
        match std::fs::read(&file).and_then(|b| Ok((b, std::fs::metadata(&file)?.modified()?))) {
            Ok(x) => x,
            Err(_) => return not_found(),
        };
    serve_file(&file, body, modified, req)
}

/// The path's segments, decoded, or `None` when the path could name anything outside
/// the folder (or anything hidden) however a file system might read it.
fn safe_segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') || path.contains('\\') {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    // An encoded separator would be decoded into a segment; refuse rather than guess.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        if seg.is_empty() {
            continue;
        }
        // ".." (and "." as such) never; dot-files (lock files, .git) are not for serving.
        if seg.starts_with('.') || seg.contains(['\\', '\0', ':']) || seg.chars().any(char::is_control) {
            return None;
        }
        segments.push(seg.to_string());
    }
    Some(segments)
}

/// `path` canonicalized, when it exists and lies inside `root` after following symlinks.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(root).then_some(real)
}

fn serve_file(file: &Path, body: Vec<u8>, modified: SystemTime, req: &Request<'_>) -> Response {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let content_type = content_type(&name);
    let compressible = is_compressible(content_type);
    let gzip = compressible && accepts_gzip(req.accept_encoding.unwrap_or(""));
    let mut etag = format!("\"{:016x}-{:x}", fnv1a(&body), body.len());
    etag.push_str(if gzip { "-gz\"" } else { "\"" });
    let modified: DateTime<Utc> = modified.into();
    let modified_secs = modified.timestamp();
    let last_modified = http_date(modified);
    let cache = if is_feed_or_page(content_type) {
        FEED_CACHE_CONTROL
    } else {
        ASSET_CACHE_CONTROL
    };
    let mut headers = vec![
        ("Content-Type", content_type.to_string()),
        ("ETag", etag.clone()),
        ("Last-Modified", last_modified),
        ("Cache-Control", cache.to_string()),
    ];
    if compressible {
        headers.push(("Vary", "Accept-Encoding".into()));
    }
    let not_modified = match (req.if_none_match, req.if_modified_since) {
        (Some(inm), _) => etag_matches(inm, &etag),
        (None, Some(ims)) => parse_http_date(ims).is_some_and(|t| modified_secs <= t.timestamp()),
        (None, None) => false,
    };
    let body = if gzip {
        match gzip_bytes(&body) {
            Ok(z) => {
                headers.push(("Content-Encoding", "gzip".into()));
                z
            }
            Err(_) => return Response::plain(500, "500 Internal Server Error"),
        }
    } else {
        body
    };
    if not_modified {
        headers.retain(|(n, _)| *n != "Content-Type" && *n != "Content-Encoding");
        return Response {
            status: 304,
            headers,
            length: body.len(),
            body: Vec::new(),
        };
    }
    Response::new(200, headers, body)
}

/// The `Content-Type` for a file name (lower case).
pub fn content_type(name: &str) -> &'static str {
    match name {
        "rss.xml" => return "application/rss+xml; charset=utf-8",
        "atom.xml" => return "application/atom+xml; charset=utf-8",
        _ => {}
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "json" => "application/feed+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "xsl" | "xslt" => "text/xsl; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/")
            && (content_type.contains("xml") || content_type.contains("json"))
        || content_type == "image/svg+xml"
}

fn is_feed_or_page(content_type: &str) -> bool {
    content_type.starts_with("application/") || content_type.starts_with("text/html")
}

/// Whether an `Accept-Encoding` value allows gzip: named (or `*`) with a q above 0.
pub fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut star = None;
    for part in accept_encoding.split(',') {
        let mut params = part.split(';');
        let coding = params.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = params
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
        match coding.as_str() {
            "gzip" | "x-gzip" => return q > 0.0,
            "*" => star = Some(q > 0.0),
            _ => {}
        }
    }
    star.unwrap_or(false)
}

/// Weak comparison of an `If-None-Match` list against our (strong) tag; `*` matches.
fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == ours)
}

/// An HTTP date (IMF-fixdate), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Parses an IMF-fixdate (the obsolete RFC 850 and asctime forms are also accepted).
pub fn parse_http_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.with_timezone(&Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
        .map(|n| n.and_utc())
}

/// 64-bit FNV-1a: a stable content hash for ETags (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn gzip_bytes(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(body)?;
    enc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rss.xml"), "<rss/>").unwrap();
        std::fs::create_dir(dir.path().join("tags")).unwrap();
        std::fs::write(dir.path().join("tags/index.html"), "<p>tags</p>").unwrap();
        let root = dir.path().canonicalize().unwrap();
        (dir, root)
    }

    fn get(target: &str) -> Request<'_> {
        Request {
            method: "GET",
            target,
            ..Request::default()
        }
    }

    #[test]
    fn serves_a_feed_with_its_type_and_validators() {
        let (_d, root) = site();
        let r = respond(&root, &get("/rss.xml?utm=1"));
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"<rss/>");
        assert_eq!(
            r.header("content-type"),
            Some("application/rss+xml; charset=utf-8")
        );
        assert_eq!(r.header("Cache-Control"), Some("max-age=300"));
        assert_eq!(r.header("Vary"), Some("Accept-Encoding"));
        let etag = format!("\"{:016x}-6\"", fnv1a(b"<rss/>"));
        assert_eq!(r.header("ETag"), Some(etag.as_str()));
    }

    #[test]
    fn conditional_requests() {
        let (_d, root) = site();
        let first = respond(&root, &get("/rss.xml"));
        let etag = first.header("ETag").unwrap().to_string();
        let lm = first.header("Last-Modified").unwrap().to_string();
        let list = format!("\"nope\", W/{etag}");
        let r = respond(
            &root,
            &Request {
                if_none_match: Some(&list),
                ..get("/rss.xml")
            },
        );
        assert_eq!((r.status, r.body.len(), r.length), (304, 0, 6));
        assert_eq!(r.header("ETag"), Some(etag.as_str()));
        let r = respond(
            &root,
            &Request {
                if_none_match: Some("*"),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.status, 304);
        let r = respond(
            &root,
            &Request {
                if_modified_since: Some(&lm),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.status, 304);
        let r = respond(
            &root,
            &Request {
                if_modified_since: Some("Sat, 01 Jan 2000 00:00:00 GMT"),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.status, 200);
        // If-None-Match wins over If-Modified-Since.
        let r = respond(
            &root,
            &Request {
                if_none_match: Some("\"other\""),
                if_modified_since: Some(&lm),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.status, 200);
    }

    #[test]
    fn gzip_when_accepted() {
        let (_d, root) = site();
        let r = respond(
            &root,
            &Request {
                accept_encoding: Some("br, gzip;q=0.5"),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.header("Content-Encoding"), Some("gzip"));
        assert!(r.header("ETag").unwrap().ends_with("-gz\""));
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&r.body[..]), &mut out).unwrap();
        assert_eq!(out, "<rss/>");
        let r = respond(
            &root,
            &Request {
                accept_encoding: Some("gzip;q=0, *"),
                ..get("/rss.xml")
            },
        );
        assert_eq!(r.header("Content-Encoding"), None);
    }

    #[test]
    fn accept_encoding_rules() {
        assert!(accepts_gzip("gzip"));
        assert!(accepts_gzip("deflate, GZIP;q=0.1"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("gzip; q=0.000, *"));
        assert!(!accepts_gzip("br"));
        assert!(!accepts_gzip(""));
        assert!(!accepts_gzip("*;q=0"));
    }

    #[test]
    fn folders_redirect_then_serve_index() {
        let (_d, root) = site();
        let r = respond(&root, &get("/tags?a=b"));
        assert_eq!((r.status, r.header("Location")), (301, Some("/tags/?a=b")));
        let r = respond(&root, &get("/tags/"));
        assert_eq!((r.status, r.body.as_slice()), (200, &b"<p>tags</p>"[..]));
        assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert_eq!(respond(&root, &get("/")).status, 404);
        assert_eq!(respond(&root, &get("/rss.xml/")).status, 404);
    }

    #[test]
    fn other_methods_are_refused() {
        let (_d, root) = site();
        let r = respond(
            &root,
            &Request {
                method: "POST",
                ..get("/rss.xml")
            },
        );
        assert_eq!((r.status, r.header("Allow")), (405, Some("GET, HEAD")));
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for p in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/tags/%2E%2E/%2E%2E/x",
            "/tags%2frss.xml",
            "/..%5crss.xml",
            "/tags\\..\\rss.xml",
            "/rss.xml%00",
            "/.hidden",
            "http://example.com/rss.xml",
            "rss.xml",
            "/C:/Windows",
        ] {
            assert_eq!(safe_segments(p), None, "{p}");
        }
        assert_eq!(
            safe_segments("//etc/passwd"),
            Some(vec!["etc".into(), "passwd".into()])
        );
        assert_eq!(
            safe_segments("/a%20b/c.xml"),
            Some(vec!["a b".into(), "c.xml".into()])
        );
    }

    #[test]
    fn types_by_name() {
        assert_eq!(content_type("feed.json"), "application/feed+json; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("style.xsl"), "text/xsl; charset=utf-8");
        assert_eq!(content_type("photo.jpeg"), "image/jpeg");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }

    #[test]
    fn http_dates_round_trip() {
        let t = DateTime::parse_from_rfc3339("1994-11-06T08:49:37Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
    }
}
