//! HTML article pages as saved from a browser (`.html`, `.htm`).
//!
//! The page is parsed with an HTML5 parser (html5ever, through `scraper`), so
//! unclosed tags and other real-world markup parse the way browsers parse them. The
//! metadata comes from the machine-readable parts first (Open Graph and `article:*`
//! meta tags, JSON-LD, `rel=canonical`), then from the visible page (`<h1>`,
//! `<time>`, bylines); the text comes from the article's container, rewritten as
//! clean HTML. The submodules each handle one part:
//!
//! - `meta` and `jsonld`: what the page says about itself;
//! - `title`: the headline without the site name;
//! - `authors`: bylines; `photos`: figures and the share image;
//! - `locate`: where the article's text is; `body`: that text as clean HTML;
//! - `classify`: what an element is for, from its tag, role and class words.

mod authors;
mod body;
mod classify;
mod dates;
mod jsonld;
mod locate;
mod meta;
mod photos;
mod title;

use scraper::{ElementRef, Html};
use serde_json::Value;

use super::{Context, Loader, Source, tag_id};
use crate::error::Result;
use crate::item::{Body, DateSource, Item};
use jsonld::JsonLd;
use meta::{Meta, collapse};

/// Loader for `.html` / `.htm` article pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlLoader;

impl Loader for HtmlLoader {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm"]
    }

    fn load(&self, src: &Source, ctx: &Context<'_>) -> Result<Vec<Item>> {
        load_page(src, ctx).map(|item| vec![item])
    }
}

fn load_page(src: &Source, ctx: &Context<'_>) -> Result<Item> {
    let text = crate::load::nesting::flatten_html(&src.text, crate::load::nesting::MAX_HTML_DEPTH);
    let doc = Html::parse_document(&text);
    let meta = Meta::from_doc(&doc);
    let ld = JsonLd::from_doc(&doc);
    let article = ld.article();

    // The page's own URL, and the base that relative URLs resolve against.
    let ld_url = article.and_then(|a| {
        jsonld::string(a.get("url")).or_else(|| match a.get("mainEntityOfPage") {
            Some(Value::Object(m)) => jsonld::string(m.get("@id")).or_else(|| jsonld::string(m.get("url"))),
            other => jsonld::string(other),
        })
    });
    let og_url = meta.first(&["og:url"]).map(str::to_string);
    let absolute_hint = [meta.base.as_deref(), og_url.as_deref(), ld_url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|u| url::Url::parse(u).ok());
    let page_url = meta
        .canonical
        .clone()
        .or(og_url)
        .or(ld_url)
        .map(|u| resolve(&u, absolute_hint.as_ref()));
    let page_abs = page_url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let base = match &meta.base {
        Some(b) => url::Url::parse(b)
            .ok()
            .or_else(|| page_abs.as_ref().and_then(|p| p.join(b).ok())),
        None => None,
    }
    .or_else(|| page_abs.clone());
    let base = base.as_ref();

    let located = locate::locate(&doc);
    let scope = located.scope;

    // Site names, to tell them from headlines and bylines.
    let mut sites: Vec<String> = Vec::new();
    sites.extend(meta.first(&["og:site_name"]).map(str::to_string));
    sites.extend(
        meta.first(&["application-name", "apple-mobile-web-app-title"])
            .map(str::to_string),
    );
    sites.extend(ld.site_names());
    let host = page_abs.as_ref().and_then(|u| u.host_str().map(str::to_string));

    let title = headline(&doc, &meta, &ld, scope, &sites, host.as_deref()).ok_or_else(|| {
        src.error(
            None,
            "no headline: the page has no og:title, JSON-LD headline, <h1> or <title>",
        )
    })?;
    let found = dates::dates(&doc, &meta, &ld, scope, page_url.as_deref(), ctx);
    let (published, date_source) = match found.published {
        Some((d, source)) => (d, DateSource::Article(source)),
        None => super::missing_date(src, ctx, &no_date_message(&found.unread))?,
    };
    let updated = found.updated;

    let id = match &page_abs {
        Some(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
        _ => tag_id(ctx.config, &src.rel_path),
    };
    let mut item = Item::new(id, title.clone(), published);
    item.date_source = date_source;
    item.updated = updated.filter(|u| *u > published);
    item.url = page_url;
    let mut byline_sites = sites.clone();
    byline_sites.extend(host.as_deref().map(title::host_label));
    let page = doc.root_element();
    item.authors = authors::authors(&ld, &meta, scope, page, &byline_sites);
    for a in &mut item.authors {
        a.url = a.url.take().map(|u| resolve(&u, base));
    }
    item.summary = meta
        .first(&["description", "og:description", "twitter:description"])
        .map(str::to_string)
        .or_else(|| article.and_then(|a| jsonld::string(a.get("description"))))
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty());
    item.tags = tags(&meta, &ld);

    let mut photos = Vec::new();
    for photo in photos::figures(scope, base) {
        let dup = photos.iter().any(|p: &crate::item::Photo| {
            p.url
                .as_deref()
                .zip(photo.url.as_deref())
                .is_some_and(|(a, b)| photos::same_image(a, b))
        });
        if !dup {
            photos.push(photo);
        }
    }
    if let Some(lead) = photos::lead_photo(&meta, &ld, &photos, base) {
        photos.insert(0, lead);
    }
    item.photos = photos;

    // The site-boilerplate list the text loader uses, plus the configured patterns.
    let is_boilerplate = |t: &str| crate::load::boilerplate::is_boilerplate(t, &ctx.config.boilerplate);
    let is_date = |t: &str| crate::date::parse(t, ctx).is_ok();
    let author_names = item.authors.iter().map(|a| title::norm(&a.name)).collect();
    let mut cleaner = body::Cleaner::new(base, &title, author_names, &is_date, &is_boilerplate);
    item.body = Body::Html(cleaner.clean(&located.roots));
    item.source = src.rel_path.clone();
    Ok(item)
}

/// `url` resolved against `base` when it is relative and a base is known; as given
/// otherwise (normalize makes it absolute against the site).
pub(super) fn resolve(url: &str, base: Option<&url::Url>) -> String {
    let url = url.trim();
    match base {
        Some(b) if url::Url::parse(url).is_err() => {
            b.join(url).map_or_else(|_| url.to_string(), |u| u.to_string())
        }
        _ => url.to_string(),
    }
}

fn headline(
    doc: &Html,
    meta: &Meta,
    ld: &JsonLd,
    scope: ElementRef<'_>,
    sites: &[String],
    host: Option<&str>,
) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(meta.first(&["og:title"]).map(str::to_string));
    if let Some(a) = ld.article() {
        candidates.extend(jsonld::string(a.get("headline")).or_else(|| jsonld::string(a.get("name"))));
    }
    candidates.extend(
        meta.first(&[
            "twitter:title",
            "parsely-title",
            "sailthru.title",
            "dc.title",
            "headline",
        ])
        .map(str::to_string),
    );
    let site_norms: Vec<String> = sites.iter().map(|s| title::norm(s)).collect();
    let h1 = doc
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "h1" && e.ancestors().any(|a| a.id() == scope.id()))
        .filter(|e| usable_h1(*e))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty() && !site_norms.contains(&title::norm(t)))
        .or_else(|| first_h1(doc, &site_norms));
    let page_title = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "title")
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    // An <h1> that shares no words with the page title is a section label.
    let h1 = h1.filter(|h| {
        page_title
            .as_deref()
            .or(candidates.first().map(String::as_str))
            .is_none_or(|t| shares_words(h, t))
    });
    candidates.extend(h1);
    candidates.extend(page_title);
    let candidates: Vec<String> = candidates
        .into_iter()
        .map(|c| collapse(&c))
        .filter(|c| !c.is_empty())
        .collect();
    title::choose(&candidates, sites, host)
}

/// The first `<h1>` outside the page's header, navigation and asides.
fn first_h1(doc: &Html, site_norms: &[String]) -> Option<String> {
    doc.root_element()
        .descendent_elements()
        .filter(|e| e.value().name() == "h1" && usable_h1(*e))
        .filter(|e| {
            !e.ancestors().filter_map(ElementRef::wrap).any(|a| {
                a.value().name() == "header"
                    && !a
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|b| b.value().name() == "article")
            })
        })
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty() && !site_norms.contains(&title::norm(t)))
}

/// True when at least half of the words of `a` occur in `b`.
fn shares_words(a: &str, b: &str) -> bool {
    let b: Vec<String> = b.split_whitespace().map(title::norm).collect();
    let a: Vec<String> = a
        .split_whitespace()
        .map(title::norm)
        .filter(|w| !w.is_empty())
        .collect();
    let common = a.iter().filter(|w| b.contains(w)).count();
    common * 2 >= a.len()
}

/// An `<h1>` that is not the site's logo and not in navigation, asides or footers.
fn usable_h1(e: ElementRef<'_>) -> bool {
    let logo = classify::words(e)
        .iter()
        .any(|w| matches!(w.as_str(), "logo" | "brand" | "site" | "sitename" | "masthead"));
    let chrome = e
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "nav" | "aside" | "footer"));
    !logo && !chrome
}

fn no_date_message(seen: &[String]) -> String {
    match seen.first() {
        None => "no publication date: the page has no article:published_time, JSON-LD datePublished, <time> or date meta tag".to_string(),
        Some(first) => format!("no publication date wirefeed understands (first found: {first:?})"),
    }
}

/// Tags: `article:tag` metas and JSON-LD `keywords`; `news_keywords` / `keywords`
/// metas only when those give none.
fn tags(meta: &Meta, ld: &JsonLd) -> Vec<String> {
    let mut out: Vec<String> = meta.all("article:tag").flat_map(split_keywords).collect();
    if let Some(kw) = ld.article().and_then(|a| a.get("keywords")) {
        match kw {
            Value::Array(items) => out.extend(
                items
                    .iter()
                    .filter_map(|v| jsonld::string(Some(v)))
                    .flat_map(|s| split_keywords(&s)),
            ),
            other => out.extend(
                jsonld::string(Some(other))
                    .map(|s| split_keywords(&s))
                    .unwrap_or_default(),
            ),
        }
    }
    if out.is_empty() {
        for key in ["news_keywords", "keywords"] {
            if let Some(v) = meta.first(&[key]) {
                out.extend(split_keywords(v));
                break;
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|t| seen.insert(t.to_lowercase()));
    out
}

fn split_keywords(s: &str) -> Vec<String> {
    let sep = if s.contains(',') { ',' } else { ';' };
    s.split(sep).map(collapse).filter(|t| !t.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::item::{Author, Credit, Date, Photo};
    use crate::load::credit::{parse_credit, split_caption};

    fn load(name: &str) -> Result<Item> {
        let path = format!("{}/tests/fixtures/inputs/html/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
        let cfg = Config::for_site("https://example.org/", chrono_tz::America::New_York);
        let src = Source::from_text(&format!("html/{name}"), &text);
        load_page(&src, &Context::new(&cfg, &src.rel_path))
    }

    fn date(s: &str) -> Date {
        chrono::DateTime::parse_from_rfc3339(s).unwrap_or_default()
    }

    fn photo(url: &str, caption: &str, credit: Credit) -> Photo {
        let mut p = Photo::new(caption, credit);
        p.url = Some(url.to_string());
        p
    }

    fn author(name: &str, url: Option<&str>) -> Author {
        let mut a = Author::named(name);
        a.url = url.map(str::to_string);
        a
    }

    fn html(item: &Item) -> &str {
        match &item.body {
            Body::Html(h) => h,
            Body::Paragraphs(_) => "",
        }
    }

    /// Text of page chrome in the fixtures that must never reach a body.
    const CHROME: &[&str] = &[
        "Advertisement",
        "ADVERTISEMENT",
        "Share",
        "Facebook",
        "Most read",
        "Related",
        "related",
        "newsletter",
        "Subscribe",
        "Sign up",
        "Comments",
        "comment",
        "©",
        "Copyright",
        "Skip to",
        "Top stories",
        "lottery",
        "Tagged",
        "By ",
        "Words by",
        "Posted",
        "Updated",
        "Photograph",
        "Reporting by",
        "Home",
        "Sport",
        "Physics",
        "Sign in",
        "Black holes",
        "rights reserved",
        "Never miss",
        "30 day",
        "autumn sale",
        "You might also like",
        "travel writer",
        "Caption",
        "(AP Photo",
        "Boats loaded",
        "health worker checks",
        "sleeper service waits",
        "boathouse before",
    ];

    fn assert_no_chrome(item: &Item) {
        for chrome in CHROME {
            assert!(
                !html(item).contains(chrome),
                "{chrome:?} in body of {}",
                item.source
            );
        }
    }

    #[test]
    fn wire_page_with_json_ld_graph() -> Result<()> {
        let item = load("wire-graph.html")?;
        let url = "https://www.meridianwire.example/world/asia/floodwaters-recede-delta-2024-09-14/";
        assert_eq!(item.id, url);
        assert_eq!(item.url.as_deref(), Some(url));
        assert_eq!(
            item.title,
            "Floodwaters recede in river delta as rescuers reach cut-off villages"
        );
        assert_eq!(item.published, date("2024-09-14T06:12:00Z"));
        assert_eq!(item.updated, Some(date("2024-09-14T09:40:00Z")));
        // The Organization author stays out; the @id reference resolves to the person.
        assert_eq!(
            item.authors,
            [
                author(
                    "Ravi Chandrasekhar",
                    Some("https://www.meridianwire.example/authors/ravi-chandrasekhar")
                ),
                author("Ngozi Okafor", None)
            ]
        );
        assert_eq!(
            item.summary.as_deref(),
            Some("Rescuers reached villages in the delta that had been cut off for a week by floodwaters.")
        );
        assert_eq!(item.tags, ["Floods", "Disaster relief", "Asia"]);
        // og:image is the lead figure's image at another size: not a second photo.
        assert_eq!(
            item.photos,
            [
                photo(
                    "https://img.meridianwire.example/photos/2024/09/delta-boats.jpg?w=800",
                    "Boats loaded with rice and medicine wait at a jetty before setting off for flooded villages, Sept. 13, 2024.",
                    parse_credit("Lena Varga/Meridian Wire"),
                ),
                photo(
                    "https://img.meridianwire.example/photos/2024/09/delta-camp.jpg",
                    "A health worker checks a child at a relief camp.",
                    parse_credit("Omar Faruk/Reuters"),
                ),
            ]
        );
        assert_eq!(
            html(&item),
            "<p>DHAKA, Bangladesh — Rescuers on Saturday reached dozens of villages in the river delta that had been cut off for a week, as floodwaters began to recede and aid groups warned of disease.</p>\n\
             <p>Officials said more than 40,000 people had been stranded on rooftops and embankments since the rivers broke their banks, and that boats had delivered rice, clean water and oral rehydration salts.</p>\n\
             <p>“We walked for two days to reach the road,” said Amina Begum, 52, who lost her house. “Now we are waiting for the water to go down so we can see what is left.”</p>\n\
             <h2>Warnings of disease</h2>\n\
             <p>Health workers said cases of diarrhea had risen in relief camps, and the <a href=\"https://www.meridianwire.example/health/\">health ministry</a> said it was sending 200 medical teams.</p>\n\
             <ul><li>About 1.2 million people are affected, the government said.</li><li>At least 31 people have died.</li></ul>\n\
             <p>The country’s meteorological department forecast lighter rain for the coming week.</p>"
        );
        assert_no_chrome(&item);
        assert_eq!(item.source, "html/wire-graph.html");
        Ok(())
    }

    #[test]
    fn local_cms_page_with_meta_tags_and_lazy_images() -> Result<()> {
        let item = load("local-cms.html")?;
        let url = "https://www.rivertonledger.example/news/local/article_5f2c.html";
        assert_eq!(item.id, url);
        assert_eq!(item.url.as_deref(), Some(url));
        assert_eq!(item.title, "City council approves new bus routes");
        assert_eq!(item.published, date("2023-01-24T10:27:00-05:00"));
        assert_eq!(item.updated, Some(date("2023-01-25T08:00:00-05:00")));
        // The byline's outlet (the site's own name) is not an author; capitals are undone.
        assert_eq!(
            item.authors,
            [author("Dana Whitfield", None), author("Luis Ortega", None)]
        );
        assert_eq!(
            item.summary.as_deref(),
            Some("Three new bus routes will connect the east side with downtown starting in March.")
        );
        // article:tag wins over the generic keywords meta.
        assert_eq!(item.tags, ["transportation", "city council"]);
        let (cap1, credit1) = split_caption(
            "Buses sit at the Elm Street depot on Monday, Jan. 23, 2023. The city will add three routes in March. (AP Photo/Jane Doe)",
        );
        // A labelled credit ("Photo by …") is split off here; others by split_caption.
        let (cap2, credit2) = (
            "Transit director Carla Mendes speaks to the council on Tuesday.".to_string(),
            parse_credit("Sam Kirby / Riverton Ledger"),
        );
        assert_eq!(
            item.photos,
            [
                photo(
                    "https://bloximages.example/rivertonledger/5f2c/bus-depot.jpg?resize=1200",
                    &cap1,
                    credit1
                ),
                photo(
                    "https://bloximages.example/rivertonledger/5f2c/council.jpg?resize=1280",
                    &cap2,
                    credit2
                ),
            ]
        );
        assert_eq!(
            html(&item),
            "<p>The Riverton City Council voted 6-1 on Tuesday night to add three bus routes connecting the east side with downtown, ending a two-year debate over the cost.</p>\n\
             <p>The routes will start running in March, transit director Carla Mendes said, and will cost about $1.8 million a year, paid for by a state grant for the first three years.</p>\n\
             <p>Council member Greg Toller, who cast the lone vote against the plan, said the city should have waited for a ridership study.</p>\n\
             <p>“We are spending money we don’t have on buses nobody has asked for,” Toller said.</p>\n\
             <p>Riders at the Elm Street depot welcomed the news. “It takes me an hour and a half to get to work now,” said Denise Holt, a nurse.</p>\n\
             <p><i>Dana Whitfield covers city hall for the Riverton Ledger.</i></p>"
        );
        assert_no_chrome(&item);
        Ok(())
    }

    #[test]
    fn magazine_page_with_time_rel_author_and_picture() -> Result<()> {
        let item = load("magazine-blog.html")?;
        // The relative canonical link resolves against <base href>.
        let url = "https://northernlines.example/features/night-trains-return";
        assert_eq!(item.id, url);
        assert_eq!(item.url.as_deref(), Some(url));
        // `<title>` has " | Site"; the application-name and the h1 show it.
        assert_eq!(item.title, "The quiet return of the night train");
        assert_eq!(item.published, date("2022-11-03T07:30:00Z"));
        assert_eq!(item.updated, Some(date("2022-11-05T12:00:00Z")));
        assert_eq!(
            item.authors,
            [author(
                "Freya Lindqvist",
                Some("https://northernlines.example/contributors/freya-lindqvist")
            )]
        );
        assert_eq!(item.summary, None);
        assert_eq!(item.tags, ["rail travel", "sleeper trains", "Europe"]);
        assert_eq!(
            item.photos,
            [photo(
                "https://northernlines.example/wp-content/uploads/2022/11/sleeper-1440.webp",
                "A sleeper service waits to depart from Vienna.",
                parse_credit("Pieter de Vries/Alpine Images"),
            )]
        );
        assert_eq!(
            html(&item),
            "<p>At ten to eleven on a wet Tuesday, the platform at Vienna’s main station is full of people carrying pillows.</p>\n\
             <p>They are waiting for the <em>Nightjet</em> to Hamburg, one of more than a dozen sleeper routes that have returned to Europe’s timetables in the past five years, after decades in which night trains seemed to be <strong>disappearing for good</strong>.</p>\n\
             <h3>Why now?</h3>\n\
             <p>Part of the answer is climate. A seat on an overnight train produces a fraction of the emissions of a short flight, and travellers have noticed.</p>\n\
             <blockquote><p>“People want to arrive rested, and they want to feel good about how they got there.”</p><p>Operator spokesperson</p></blockquote>\n\
             <ol><li>Vienna – Hamburg</li><li>Brussels – Berlin</li><li>Zurich – Amsterdam</li></ol>\n\
             <p>Not every route has survived. Several services launched with fanfare were cut within a year, victims of high track-access charges.</p>"
        );
        assert_no_chrome(&item);
        Ok(())
    }

    #[test]
    fn app_page_with_data_attributes_and_json_ld_list() -> Result<()> {
        let item = load("broadcaster-app.html")?;
        let url = "https://news.northwind.example/canada/wildfire-smoke-air-quality-1.7012345";
        assert_eq!(item.id, url);
        assert_eq!(item.url.as_deref(), Some(url));
        assert_eq!(
            item.title,
            "Wildfire smoke prompts air quality warnings across the Prairies"
        );
        assert_eq!(item.published, date("2023-06-29T14:00:00Z"));
        assert_eq!(item.updated, Some(date("2023-06-29T18:30:00Z")));
        // A JSON-LD author string: "By", "and" and the outlet are taken apart.
        assert_eq!(
            item.authors,
            [author("Priya Natarajan", None), author("Tomás Ferreira", None)]
        );
        assert_eq!(
            item.summary.as_deref(),
            Some("Environment officials say the smoke could linger until the weekend.")
        );
        assert_eq!(
            item.tags,
            ["wildfires", "air quality", "Saskatchewan", "Manitoba"]
        );
        // No figure: the share image is the lead photo, captioned and credited from JSON-LD.
        assert_eq!(
            item.photos,
            [photo(
                "https://i.northwind.example/1.7012345.1688047200!/fileImage/httpImage/image.jpg_gen/derivatives/16x9_1180/smoke-skyline.jpg",
                "Smoke hangs over the downtown skyline in Regina on Thursday.",
                parse_credit("Kayla Moose/Northwind"),
            )]
        );
        assert_eq!(
            html(&item),
            "<p>Thick smoke from wildfires in northern Saskatchewan and Manitoba drifted south on Thursday, prompting special air quality statements for much of the Prairies.</p>\n\
             <p>Environment officials said the air quality health index had reached 10+, the highest level, in several communities, and advised people to limit time outdoors.</p>\n\
             <h2>Schools keep children indoors</h2>\n\
             <p>Several school divisions cancelled outdoor recess, and a weekend music festival in Brandon postponed its opening night.</p>\n\
             <p>“You can taste it in the air,” said Marguerite Lavoie, who runs a daycare in Saskatoon. “We’re keeping the kids inside with the windows shut.”</p>\n\
             <p>Rain forecast for Saturday could bring some relief, the weather agency said.</p>"
        );
        assert_no_chrome(&item);
        for chrome in [
            "READ MORE",
            "morning briefing",
            "Trending",
            "Menu",
            "Last Updated",
        ] {
            assert!(!html(&item).contains(chrome), "{chrome}");
        }
        Ok(())
    }

    #[test]
    fn malformed_page_parses_like_a_browser() -> Result<()> {
        let item = load("malformed.html")?;
        assert_eq!(item.id, "tag:example.org,2000:html/malformed.html");
        assert_eq!(item.url, None);
        assert_eq!(item.title, "Harbour fire destroys historic boathouse");
        // A date without a time takes midnight in the configured zone.
        assert_eq!(item.published, date("2019-06-02T00:00:00-04:00"));
        assert_eq!(item.updated, None);
        assert_eq!(item.authors, [author("Maeve O'Connell", None)]);
        assert_eq!(item.summary, None);
        assert_eq!(item.tags, ["fire", "harbour", "heritage"]);
        assert_eq!(
            item.photos,
            [photo(
                "/photos/boathouse.jpg",
                "The boathouse before the fire",
                Credit::default()
            )]
        );
        assert_eq!(
            html(&item),
            "<p>A fire that started late on Saturday destroyed the 120-year-old boathouse at Kilbrannan harbour, the town's oldest building on the waterfront.</p>\n\
             <p>Firefighters from three stations fought the blaze for more than four hours, <b>but the roof collapsed shortly after midnight</b>, a spokesman said.</p>\n\
             <p>No one was injured. The cause of the fire is not yet known &amp; gardaí have asked anyone with information to come forward.</p>\n\
             <p>The rowing club that used the building said it had lost eleven boats, some of them more than fifty years old</p>\n\
             <p>\"It is a terrible night for the town,\" said club secretary Ciarán Burke.</p>"
        );
        assert_no_chrome(&item);
        Ok(())
    }

    #[test]
    fn page_without_article_element_is_scored() -> Result<()> {
        let item = load("no-article.html")?;
        let url = "https://sciencedesk.example/2021/03/18/deepest-cave-balkans";
        assert_eq!(item.id, url);
        assert_eq!(item.url.as_deref(), Some(url));
        // "Site: Headline" loses the site name.
        assert_eq!(
            item.title,
            "Researchers map the deepest cave system in the Balkans"
        );
        assert_eq!(item.published, date("2021-03-18T14:05:00Z"));
        assert_eq!(item.updated, None);
        assert_eq!(item.authors, [author("Ivana Petrović", None)]);
        assert_eq!(item.summary, None);
        assert!(item.tags.is_empty());
        // og:image is the only photo: the lead, its caption from og:image:alt.
        let (caption, credit) =
            split_caption("Cavers descend a shaft in the Dinaric Alps. Marko Ilić/Speleo Club Belgrade");
        assert_eq!(
            item.photos,
            [photo(
                "https://sciencedesk.example/media/cave-survey.jpg",
                &caption,
                credit
            )]
        );
        assert_eq!(
            html(&item),
            "<p>A team of cavers and geologists has completed the first full survey of a cave system in the Dinaric Alps, measuring it at more than 1,600 metres deep, the deepest known in the region.</p>\n\
             <p>The survey, which took six expeditions over four years, used laser scanners carried through flooded passages, narrow squeezes and vertical shafts, some of them more than 300 metres deep.</p>\n\
             <p>“Every time we thought we had reached the bottom, the water showed us another way down,” said the expedition leader, Dr. Stefan Kovač, a geologist at the university.</p>\n\
             <p>The researchers say the cave holds sediments that record more than a million years of climate history, and plan to return next summer to take samples.</p>"
        );
        assert_no_chrome(&item);
        Ok(())
    }

    #[test]
    fn page_without_date_takes_the_first_seen_time_or_is_an_error_naming_the_file() {
        let item = load("no-date.html").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(item.date_source, DateSource::FirstSeen);
        let mut cfg = Config::for_site("https://example.org/", chrono_tz::UTC);
        cfg.missing_date = crate::config::MissingDate::Error;
        let path = format!(
            "{}/tests/fixtures/inputs/html/no-date.html",
            env!("CARGO_MANIFEST_DIR")
        );
        let src = Source::from_text(
            "html/no-date.html",
            &std::fs::read_to_string(path).unwrap_or_default(),
        );
        let err = load_page(&src, &Context::new(&cfg, "html/no-date.html"))
            .map(|i| i.title)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "html/no-date.html: no publication date: the page has no article:published_time, JSON-LD datePublished, <time> or date meta tag; set missing_date = \"first-seen\" or \"mtime\" in wirefeed.toml to date it anyway"
        );
    }

    #[test]
    fn unparsable_date_is_named_in_the_error() {
        let mut cfg = Config::for_site("https://example.org/", chrono_tz::UTC);
        cfg.missing_date = crate::config::MissingDate::Error;
        let src = Source::from_text(
            "x.html",
            r#"<meta property="article:published_time" content="sometime soon"><h1>Hi</h1><p>Text.</p>"#,
        );
        let err = load_page(&src, &Context::new(&cfg, "x.html"))
            .map(|i| i.title)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.html: no publication date wirefeed understands (first found: \"sometime soon\"); set missing_date = \"first-seen\" or \"mtime\" in wirefeed.toml to date it anyway"
        );
    }

    #[test]
    fn deeply_nested_markup_does_not_exhaust_the_stack() -> Result<()> {
        let depth = 1_500;
        let mut page = String::from(
            "<meta name=date content=2020-01-02><title>Deep</title><article><figure><img src=a.jpg><figcaption>",
        );
        page.push_str(&"<span>".repeat(depth));
        page.push_str("Cap");
        page.push_str("</figcaption></figure>");
        page.push_str(&"<div><span>".repeat(depth));
        page.push_str("Deep text that is still kept, with a comma, and more words.");
        let cfg = Config::for_site("https://example.org/", chrono_tz::UTC);
        let src = Source::from_text("deep.html", &page);
        let item = load_page(&src, &Context::new(&cfg, "deep.html"))?;
        assert!(html(&item).contains("Deep text that is still kept, with a comma, and more words."));
        Ok(())
    }

    #[test]
    fn dates_of_other_articles_are_not_taken() -> Result<()> {
        let cfg = Config::for_site("https://example.org/", chrono_tz::UTC);
        let page = r#"<title>Dam opens</title>
            <aside class="related"><time class="published" datetime="2020-01-01T08:00:00Z">Jan 1</time></aside>
            <div class="comments"><time datetime="2020-03-09T08:00:00Z">Mar 9</time></div>
            <article><h1>Dam opens</h1><p class="meta"><time datetime="2020-03-04T10:00:00Z">March 4</time></p>
            <p>The dam opened on Wednesday after six years of work.</p></article>"#;
        let src = Source::from_text("dam.html", page);
        let item = load_page(&src, &Context::new(&cfg, "dam.html"))?;
        assert_eq!(item.published, date("2020-03-04T10:00:00Z"));
        assert_eq!(
            html(&item),
            "<p>The dam opened on Wednesday after six years of work.</p>"
        );
        Ok(())
    }

    #[test]
    fn registered_for_html_and_htm() {
        for name in ["a.html", "b.HTM"] {
            let loader = crate::load::loader_for(std::path::Path::new(name)).map(|l| l.name());
            assert_eq!(loader, Some("html"));
        }
    }
}
