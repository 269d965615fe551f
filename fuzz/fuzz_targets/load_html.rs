//! The html loader on arbitrary bytes (decoded as a build decodes files): it may refuse
//! the file, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wirefeed::load::{Context, Loader, Source};

fuzz_target!(|data: &[u8]| {
    let (text, _) = wirefeed::load::decode(data);
    let cfg = wirefeed::Config::for_site("https://news.example.com/", chrono_tz::UTC);
    let src = Source::from_text("a.html", &text);
    let _ = wirefeed::load::html::HtmlLoader.load(&src, &Context::new(&cfg, "a.html"));
});
