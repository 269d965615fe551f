//! Unit tests of [`respond`](super::respond): what the server answers, without sockets.

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
    assert_eq!(r.body, Content::File(root.join("rss.xml")));
    assert_eq!(r.length, Some(6));
    assert_eq!(
        r.header("content-type"),
        Some("application/rss+xml; charset=utf-8")
    );
    assert_eq!(r.header("Cache-Control"), Some("max-age=300"));
    assert_eq!(r.header("Vary"), Some("Accept, Accept-Encoding"));
    let modified = std::fs::metadata(root.join("rss.xml"))
        .unwrap()
        .modified()
        .unwrap();
    let nanos = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let etag = format!("\"{nanos:x}-6\"");
    assert_eq!(r.header("ETag"), Some(etag.as_str()));
}

#[test]
fn browsers_get_a_type_they_render_readers_the_feed_type() {
    let (_d, root) = site();
    let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
    let r = respond(
        &root,
        &Request {
            accept: Some(chromium),
            ..get("/rss.xml")
        },
    );
    assert_eq!(r.header("Content-Type"), Some("application/xml; charset=utf-8"));
    assert!(r.header("ETag").unwrap().ends_with("-b\""));
    for reader in [
        "application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, */*;q=0.1",
        "*/*",
        "text/html;q=0, application/rss+xml",
    ] {
        let r = respond(
            &root,
            &Request {
                accept: Some(reader),
                ..get("/rss.xml")
            },
        );
        assert_eq!(
            r.header("Content-Type"),
            Some("application/rss+xml; charset=utf-8"),
            "{reader}"
        );
    }
    let r = respond(
        &root,
        &Request {
            accept: Some(chromium),
            ..get("/tags/index.html")
        },
    );
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("Vary"), Some("Accept-Encoding"));
}

#[test]
fn accept_rules() {
    assert!(accepts_html("text/html"));
    assert!(accepts_html("application/xml, TEXT/HTML;q=0.5"));
    assert!(!accepts_html("text/html;q=0"));
    assert!(!accepts_html("*/*"));
    assert!(!accepts_html("text/*"));
    assert!(!accepts_html(""));
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
    assert_eq!((r.status, &r.body, r.length), (304, &Content::Empty, Some(6)));
    assert_eq!(r.header("ETag"), Some(etag.as_str()));
    assert_eq!(r.header("Content-Type"), None);
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
    assert_eq!((&r.body, r.length), (&Content::Gzip(root.join("rss.xml")), None));
    let z = gzip_file(&root.join("rss.xml")).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&z[..]), &mut out).unwrap();
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
    assert_eq!(
        (r.status, &r.body),
        (200, &Content::File(root.join("tags/index.html")))
    );
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
        "/.wirefeed-staging/staged-x.tmp",
        "/tags/city/.wirefeed-x.tmp",
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

#[test]
fn small_files_are_read_whole_large_or_changed_ones_streamed() {
    let (dir, root) = site();
    let small = respond(&root, &get("/rss.xml"));
    assert!(matches!(small.body, Content::File(_)), "{small:?}");
    assert_eq!(read_small(small).body, Content::Bytes(b"<rss/>".to_vec()));

    let big = vec![b'x'; READ_WHOLE as usize + 1];
    std::fs::write(dir.path().join("big.json"), &big).unwrap();
    let large = read_small(respond(&root, &get("/big.json")));
    assert!(matches!(large.body, Content::File(_)), "a large file is streamed");

    // The file grew between its look-up and the read: streamed, which reports it.
    let looked_up = respond(&root, &get("/rss.xml"));
    std::fs::write(dir.path().join("rss.xml"), "<rss>longer</rss>").unwrap();
    assert!(matches!(read_small(looked_up).body, Content::File(_)));
}
