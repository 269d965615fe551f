//! `wirefeed serve`: previews the output folder over HTTP the way a static host would
//! serve it — feed content types, ETags and Last-Modified with 304 answers, gzip when
//! the client asks for it, `index.html` for folders — and with `--watch` rebuilds the
//! site when an article, the config or a template changes.
//!
//! The HTTP layer is hyper's HTTP/1.1 server on a small tokio runtime: thousands of
//! idle connections cost a few kilobytes each, not a thread. What the server holds to
//! (see [`Limits`]): a fixed number of worker threads and of threads reading files, a
//! cap on open connections, an idle timeout on each connection (a client that sends
//! nothing, or reads nothing, for that long is dropped), and a size limit on request
//! heads, answered with 431. Files are streamed from disk, never read whole.
//!
//! Everything that decides *what* to answer lives in [`respond`], a function of the
//! folder and the request that reads only file metadata, so it is tested without
//! sockets.
//!
//! Nothing outside the folder is ever served: the request path is decoded once,
//! any `..`, encoded slash or backslash, NUL or dot-file segment is refused, and the
//! file found is canonicalized (following symlinks) and must still lie inside the
//! canonical folder. Refusals are plain 404s, so they reveal nothing about what exists.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use hyper::body::{Body as HttpBody, Bytes, Frame, SizeHint};

use crate::error::{Error, Result};

mod watch;
pub use watch::{DEBOUNCE, Rebuild, Watch};

/// `Cache-Control` for feeds and pages: readers poll often, and a preview should show a
/// rebuild within minutes.
pub const FEED_CACHE_CONTROL: &str = "max-age=300";
/// `Cache-Control` for everything else (stylesheets, images).
pub const ASSET_CACHE_CONTROL: &str = "max-age=3600";

/// What the server holds to under load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Threads answering requests.
    pub workers: usize,
    /// Threads reading files (tokio's blocking pool).
    pub file_threads: usize,
    /// Open connections at most; more wait to be accepted.
    pub connections: usize,
    /// A connection that sends or reads nothing for this long is closed.
    pub idle_timeout: Duration,
    /// Largest request head (request line and headers), in bytes; a larger one gets 431.
    pub max_head: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            workers: 2,
            file_threads: 8,
            connections: 4096,
            idle_timeout: Duration::from_secs(30),
            max_head: 16 * 1024,
        }
    }
}

/// A bound preview server. [`Server::bind`] opens the socket, so the address (with the
/// port the system chose for port 0) is known before [`Server::run`] serves.
pub struct Server {
    listener: std::net::TcpListener,
    root: Arc<PathBuf>,
    addr: SocketAddr,
    quiet: bool,
    limits: Limits,
    stop: Arc<tokio::sync::watch::Sender<bool>>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone)]
pub struct StopHandle {
    stop: Arc<tokio::sync::watch::Sender<bool>>,
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
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl StopHandle {
    /// Makes [`Server::run`] stop accepting and return; open connections are closed.
    pub fn stop(&self) {
        self.stop.send_replace(true);
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
        let listener = std::net::TcpListener::bind(addr).map_err(|e| Error::io(addr.to_string(), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io(addr.to_string(), e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io(addr.to_string(), e))?;
        Ok(Server {
            listener,
            root: Arc::new(root),
            addr,
            quiet: false,
            limits: Limits::default(),
            stop: Arc::new(tokio::sync::watch::channel(false).0),
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

    /// Replaces the default [`Limits`].
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// A handle that stops [`Server::run`] from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle {
            stop: Arc::clone(&self.stop),
        }
    }

    /// Serves requests until stopped.
    pub fn run(self) -> Result<()> {
        let addr = self.addr.to_string();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(self.limits.workers.max(1))
            .max_blocking_threads(self.limits.file_threads.max(1))
            .thread_name("wirefeed-serve")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| Error::io(&addr, e))?;
        runtime.block_on(self.accept_loop())
    }

    async fn accept_loop(self) -> Result<()> {
        let addr = self.addr.to_string();
        let listener = tokio::net::TcpListener::from_std(self.listener).map_err(|e| Error::io(&addr, e))?;
        let slots = Arc::new(tokio::sync::Semaphore::new(self.limits.connections.max(1)));
        let mut stopped = self.stop.subscribe();
        let started = Instant::now();
        loop {
            if *stopped.borrow() {
                return Ok(());
            }
            let slot = tokio::select! {
                _ = stopped.changed() => return Ok(()),
                slot = Arc::clone(&slots).acquire_owned() => slot,
            };
            let Ok(slot) = slot else { return Ok(()) };
            let accepted = tokio::select! {
                _ = stopped.changed() => return Ok(()),
                accepted = listener.accept() => accepted,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of descriptors, or a connection reset before it was accepted:
                    // the server goes on; a short pause lets descriptors come back.
                    if !self.quiet {
                        let _ = writeln!(std::io::stderr(), "wirefeed: accept: {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let conn = Connection {
                root: Arc::clone(&self.root),
                quiet: self.quiet,
                limits: self.limits,
                started,
            };
            let mut stopped = self.stop.subscribe();
            tokio::spawn(async move {
                tokio::select! {
                    _ = conn.serve(stream) => {}
                    _ = stopped.wait_for(|s| *s) => {}
                }
                drop(slot);
            });
        }
    }
}

/// One client connection.
struct Connection {
    root: Arc<PathBuf>,
    quiet: bool,
    limits: Limits,
    started: Instant,
}

impl Connection {
    async fn serve(self, stream: tokio::net::TcpStream) {
        let last = Arc::new(AtomicU64::new(0));
        let tracked = Tracked {
            inner: stream,
            last: Arc::clone(&last),
            started: self.started,
        };
        tracked.touch();
        let root = Arc::clone(&self.root);
        let quiet = self.quiet;
        let service = hyper::service::service_fn(move |req| {
            let root = Arc::clone(&root);
            async move { Ok::<_, std::convert::Infallible>(answer(&root, req, quiet).await) }
        });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(self.limits.idle_timeout)
            .max_header_size(self.limits.max_head)
            .max_buf_size(self.limits.max_head.max(8192) + 8192)
            .max_headers(100);
        let conn = http.serve_connection(hyper_util::rt::TokioIo::new(tracked), service);
        let idle = async {
            loop {
                let since = self.started.elapsed().as_millis() as u64 - last.load(Ordering::Relaxed);
                let left = (self.limits.idle_timeout.as_millis() as u64).saturating_sub(since);
                if left == 0 {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(left)).await;
            }
        };
        tokio::select! {
            _ = conn => {}
            _ = idle => {}
        }
    }
}

/// A stream that notes the time of its last read or write, for the idle timeout.
struct Tracked {
    inner: tokio::net::TcpStream,
    last: Arc<AtomicU64>,
    started: Instant,
}

impl Tracked {
    fn touch(&self) {
        self.last
            .store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

impl tokio::io::AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        r
    }
}

impl tokio::io::AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Answers one request: decides with [`respond`], then streams the file.
async fn answer(
    root: &Path,
    request: hyper::Request<hyper::body::Incoming>,
    quiet: bool,
) -> hyper::Response<Payload> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (inm, ims, ae, accept) = (
        header("if-none-match"),
        header("if-modified-since"),
        header("accept-encoding"),
        header("accept"),
    );
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().to_string(), |p| p.as_str().to_string());
    let method = request.method().as_str().to_string();
    let req = Request {
        method: &method,
        target: &target,
        if_none_match: inm.as_deref(),
        if_modified_since: ims.as_deref(),
        accept_encoding: ae.as_deref(),
        accept: accept.as_deref(),
    };
    let decided = {
        let root = root.to_path_buf();
        let owned = OwnedRequest::from(&req);
        tokio::task::spawn_blocking(move || {
            let head = owned.method == "HEAD";
            let decided = respond(&root, &owned.borrow());
            if head { decided } else { read_small(decided) }
        })
        .await
        .unwrap_or_else(|_| Response::plain(500, "500 Internal Server Error"))
    };
    let mut reply = match decided.body {
        Content::Gzip(path) => match tokio::task::spawn_blocking(move || gzip_file(&path)).await {
            Ok(Ok(z)) => Response {
                length: Some(z.len() as u64),
                body: Content::Bytes(z),
                ..decided
            },
            _ => Response::plain(500, "500 Internal Server Error"),
        },
        _ => decided,
    };
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{method} {target} {}", reply.status);
    }
    reply.headers.push((
        "Server",
        concat!("wirefeed/", env!("CARGO_PKG_VERSION")).to_string(),
    ));
    reply.headers.push(("Date", http_date(Utc::now())));
    let mut builder = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        builder = builder.header(*name, value);
    }
    if let Some(len) = reply.length {
        builder = builder.header("Content-Length", len);
    }
    let body = match reply.body {
        _ if method == "HEAD" => Payload::Bytes(None),
        // hyper drops a Content-Length it is given beside an empty body of a 304; a
        // body that announces the length and is never sent (304s have none) keeps it.
        Content::Empty if reply.status == 304 => Payload::Withheld(reply.length.unwrap_or(0)),
        Content::Empty => Payload::Bytes(None),
        Content::Bytes(b) => Payload::Bytes(Some(Bytes::from(b))),
        Content::File(path) => match tokio::fs::File::open(&path).await {
            Ok(f) => Payload::File {
                file: f,
                left: reply.length.unwrap_or(0),
                buf: vec![0; 64 * 1024],
            },
            Err(_) => Payload::Bytes(None),
        },
        Content::Gzip(_) => Payload::Bytes(None),
    };
    builder.body(body).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Payload::Bytes(None));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

/// Files up to this size are read whole in the same blocking step that found them;
/// larger ones are streamed a chunk at a time.
const READ_WHOLE: u64 = 256 * 1024;

/// `decided` with a small file's body read into memory (one trip to the blocking
/// pool per request instead of one per read). A file whose length changed since it
/// was looked up is left to be streamed, which reports the change.
fn read_small(decided: Response) -> Response {
    match &decided.body {
        Content::File(path) if decided.length.is_some_and(|n| n <= READ_WHOLE) => match std::fs::read(path) {
            Ok(bytes) if Some(bytes.len() as u64) == decided.length => Response {
                body: Content::Bytes(bytes),
                ..decided
            },
            _ => decided,
        },
        _ => decided,
    }
}

/// A response body: bytes in memory, or a file read a chunk at a time.
enum Payload {
    /// Everything at once (or nothing).
    Bytes(Option<Bytes>),
    /// The body of a 304: never sent, its length announced.
    Withheld(u64),
    /// A file, `left` bytes still to send.
    File {
        file: tokio::fs::File,
        left: u64,
        buf: Vec<u8>,
    },
}

impl HttpBody for Payload {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<std::io::Result<Frame<Bytes>>>> {
        match self.get_mut() {
            Payload::Bytes(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Payload::Withheld(_) => Poll::Ready(None),
            Payload::File { file, left, buf } => {
                if *left == 0 {
                    return Poll::Ready(None);
                }
                let want = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                let mut read = tokio::io::ReadBuf::new(&mut buf[..want]);
                match tokio::io::AsyncRead::poll_read(Pin::new(file), cx, &mut read) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
                    Poll::Ready(Ok(())) if read.filled().is_empty() => {
                        Poll::Ready(Some(Err(std::io::Error::new(
                            std::io::ErrorKind::UnexpectedEof,
                            "the file shrank while it was sent",
                        ))))
                    }
                    Poll::Ready(Ok(())) => {
                        let chunk = Bytes::copy_from_slice(read.filled());
                        *left -= chunk.len() as u64;
                        Poll::Ready(Some(Ok(Frame::data(chunk))))
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Payload::Bytes(b) => b.is_none(),
            Payload::Withheld(_) => false,
            Payload::File { left, .. } => *left == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Payload::Bytes(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Payload::Withheld(len) => SizeHint::with_exact(*len),
            Payload::File { left, .. } => SizeHint::with_exact(*left),
        }
    }
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
    /// The `Accept` header (a browser's names `text/html`).
    pub accept: Option<&'a str>,
}

/// A [`Request`] that owns its strings, to cross into the file-reading pool.
struct OwnedRequest {
    method: String,
    target: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    accept_encoding: Option<String>,
    accept: Option<String>,
}

impl OwnedRequest {
    fn from(r: &Request<'_>) -> Self {
        let own = |s: Option<&str>| s.map(str::to_string);
        OwnedRequest {
            method: r.method.to_string(),
            target: r.target.to_string(),
            if_none_match: own(r.if_none_match),
            if_modified_since: own(r.if_modified_since),
            accept_encoding: own(r.accept_encoding),
            accept: own(r.accept),
        }
    }

    fn borrow(&self) -> Request<'_> {
        Request {
            method: &self.method,
            target: &self.target,
            if_none_match: self.if_none_match.as_deref(),
            if_modified_since: self.if_modified_since.as_deref(),
            accept_encoding: self.accept_encoding.as_deref(),
            accept: self.accept.as_deref(),
        }
    }
}

/// What a response carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// No body (304, and HEAD answers).
    Empty,
    /// A short text (errors, redirects).
    Bytes(Vec<u8>),
    /// The file at this path, streamed.
    File(PathBuf),
    /// The file at this path, gzip-compressed.
    Gzip(PathBuf),
}

/// An answer: status, headers and what the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Header names and values, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Content,
    /// The `Content-Length`: the body's, or for a 304 the length a 200 would have had
    /// (RFC 9110 forbids any other value there); `None` when not known in advance
    /// (a compressed file before it is compressed).
    pub length: Option<u64>,
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
        let body = format!("{text}\n").into_bytes();
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            length: Some(body.len() as u64),
            body: Content::Bytes(body),
        }
    }
}

/// Decides the answer to `req` for the folder `root` (which should be canonical).
/// Reads file metadata only: the file itself is streamed by the caller.
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
        match inside(root, &file.join(crate::write::html::INDEX.file_name)) {
            Some(index) => file = index,
            None => return not_found(),
        }
    }
    match std::fs::metadata(&file) {
        Ok(meta) if meta.is_file() => match meta.modified() {
            Ok(modified) => serve_file(file, meta.len(), modified, req),
            Err(_) => not_found(),
        },
        _ => not_found(),
    }
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

fn serve_file(file: PathBuf, len: u64, modified: SystemTime, req: &Request<'_>) -> Response {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    // XML feeds carry a stylesheet that browsers apply to XML.
    let feed_file = crate::write::format_of(&name).is_some_and(|f| f.kind == crate::write::Kind::XmlFeed);
    let browser = feed_file && accepts_html(req.accept.unwrap_or(""));
    let content_type = if browser {
        BROWSER_FEED_TYPE.to_string()
    } else {
        content_type(&name)
    };
    let compressible = is_compressible(&content_type);
    let gzip = compressible && accepts_gzip(req.accept_encoding.unwrap_or(""));
    let stamp = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // A validator from the file's metadata (as nginx does): the file is not read to
    // answer a conditional request. Each representation has its own tag.
    let etag = format!(
        "\"{stamp:x}-{len:x}{}{}\"",
        if browser { "-b" } else { "" },
        if gzip { "-gz" } else { "" }
    );
    let modified: DateTime<Utc> = modified.into();
    let modified_secs = modified.timestamp();
    let last_modified = http_date(modified);
    let cache = if is_feed_or_page(&content_type) {
        FEED_CACHE_CONTROL
    } else {
        ASSET_CACHE_CONTROL
    };
    let mut headers = vec![
        ("Content-Type", content_type),
        ("ETag", etag.clone()),
        ("Last-Modified", last_modified),
        ("Cache-Control", cache.to_string()),
    ];
    match (feed_file, compressible) {
        (true, _) => headers.push(("Vary", "Accept, Accept-Encoding".into())),
        (false, true) => headers.push(("Vary", "Accept-Encoding".into())),
        (false, false) => {}
    }
    let not_modified = match (req.if_none_match, req.if_modified_since) {
        (Some(inm), _) => etag_matches(inm, &etag),
        (None, Some(ims)) => parse_http_date(ims).is_some_and(|t| modified_secs <= t.timestamp()),
        (None, None) => false,
    };
    if not_modified {
        headers.retain(|(n, _)| *n != "Content-Type");
        return Response {
            status: 304,
            headers,
            body: Content::Empty,
            // The length of the compressed variant is not known without compressing.
            length: (!gzip).then_some(len),
        };
    }
    if gzip {
        headers.push(("Content-Encoding", "gzip".into()));
        return Response {
            status: 200,
            headers,
            body: Content::Gzip(file),
            length: None,
        };
    }
    Response {
        status: 200,
        headers,
        body: Content::File(file),
        length: Some(len),
    }
}

/// The type `rss.xml` and `atom.xml` get when a browser asks: one it renders as a
/// page (with the feed's stylesheet), where the feed's own type makes it show raw text
/// or offer a download.
pub const BROWSER_FEED_TYPE: &str = "application/xml; charset=utf-8";

/// Whether an `Accept` value names `text/html` with a q above 0: a browser navigating.
/// Feed readers ask for feed types (or `*/*`) and get the feed's own type.
pub fn accepts_html(accept: &str) -> bool {
    accept.split(',').any(|part| {
        let mut params = part.split(';');
        let range = params.next().unwrap_or("").trim();
        let q = params
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
            .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
        range.eq_ignore_ascii_case("text/html") && q > 0.0
    })
}

/// The `Content-Type` for a file name (lower case): for the files wirefeed writes (and
/// others of their extension), their format's media type ([`crate::write::format_of`]),
/// as text in UTF-8; for anything else, by extension.
pub fn content_type(name: &str) -> String {
    if let Some(format) = crate::write::format_of(name) {
        return format!("{}; charset=utf-8", format.media_type);
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let by_extension = match ext {
        "xml" => "application/xml; charset=utf-8",
        "htm" => "text/html; charset=utf-8",
        "xslt" => "text/xsl; charset=utf-8",
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
    };
    by_extension.to_string()
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

/// The file at `path`, gzip-compressed as it is read (never whole in memory
/// uncompressed).
fn gzip_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::copy(&mut file, &mut enc)?;
    enc.finish()
}

#[cfg(test)]
mod tests;
