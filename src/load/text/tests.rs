//! Tests of the scraped-text loader, on the real sample and on varied layouts.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use chrono_tz::Tz;

use super::*;
use crate::config::{Config, MissingDate};
use crate::item::DateSource;

const SEED: &str = include_str!("../../../articles/000_363a71e73bdbfb18.txt");

fn cfg(tz: Tz) -> Config {
    Config::for_site("https://news.example.com/", tz)
}

fn load_with(cfg: &Config, src: &Source) -> (Result<Item>, Vec<String>) {
    let ctx = Context::new(cfg, &src.rel_path);
    let r = TextLoader.load(src, &ctx).map(|mut v| v.remove(0));
    (r, ctx.into_warnings())
}

fn load(text: &str) -> Item {
    let cfg = cfg(chrono_tz::America::New_York);
    match load_with(&cfg, &Source::from_text("world/story.txt", text)).0 {
        Ok(item) => item,
        Err(e) => panic!("{e}"),
    }
}

fn load_err(text: &str) -> String {
    let cfg = cfg(chrono_tz::America::New_York);
    match load_with(&cfg, &Source::from_text("world/story.txt", text)).0 {
        Ok(item) => panic!("loaded {item:?}"),
        Err(e) => e.to_string(),
    }
}

fn paras(item: &Item) -> Vec<&str> {
    match &item.body {
        Body::Paragraphs(p) => p.iter().map(String::as_str).collect(),
        Body::Html(h) => panic!("html body {h}"),
    }
}

fn credit(name: Option<&str>, org: Option<&str>) -> Credit {
    Credit::new(name.map(String::from), org.map(String::from))
}

fn names(item: &Item) -> Vec<(&str, Option<&str>)> {
    item.authors
        .iter()
        .map(|a| (a.name.as_str(), a.email.as_deref()))
        .collect()
}

#[test]
fn the_real_sample() {
    let item = load(SEED);
    assert_eq!(
        item.title,
        "US, Russian envoys talk Syria after chemical weapons charges"
    );
    assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
    assert_eq!(item.updated, None);
    assert_eq!(item.id, "tag:news.example.com,2000:world/story.txt");
    assert_eq!(item.photos.len(), 1);
    let photo = &item.photos[0];
    assert!(
        photo
            .caption
            .starts_with("U.S. Secretary of State Rex Tillerson, left, and French")
    );
    assert!(
        photo
            .caption
            .ends_with("amid new reports of a suspected chemical attack in Syria.")
    );
    assert_eq!(photo.credit, credit(Some("Thibault Camus"), Some("AP Photo")));
    assert_eq!(photo.url, None);
    let p = paras(&item);
    assert_eq!(p.len(), 6);
    assert!(p[0].starts_with("U.S. Secretary of State Rex Tillerson and Russian Foreign Minister"));
    assert_eq!(
        p[1],
        "The call comes less than 24 hours after Tillerson accused Russia of being responsible for \
         chemical weapons attacks in Syria — a charge that draw a furious response from Moscow."
    );
    assert_eq!(
        p[5],
        "The Russian account says they talked about preparing for the next round of U.N. talks."
    );
    assert!(
        !p.iter()
            .any(|x| x.contains("Never miss") || x.contains("Sign up"))
    );
    assert!(item.authors.is_empty());
}

#[test]
fn the_sample_in_another_zone() {
    let cfg = cfg(chrono_tz::Europe::London);
    let (item, w) = load_with(&cfg, &Source::from_text("a.txt", SEED));
    assert_eq!(
        item.map(|i| i.published.to_rfc3339()).ok(),
        Some("2018-01-24T10:27:00+00:00".into())
    );
    assert!(w.is_empty());
}

#[test]
fn several_photos_with_interleaved_copies_and_credit_styles() {
    let text = "\
Firefighters spray water on a burning warehouse in Wichita, Kan., Monday, March 4, 2019.
Volunteers hand out blankets at a shelter in Topeka, Kan., on Monday.
Firefighters spray water on a burning warehouse in Wichita, Kan., Monday, March 4, 2019. (AP Photo/Orlin Wagner)
Volunteers hand out blankets at a shelter in Topeka, Kan., on Monday. Ingrid Schröder/Getty Images
A map of the affected area. Photo: Chen Wei / Reuters
Volunteers hand out blankets at a shelter in Topeka, Kan., on Monday. Ingrid Schröder/Getty Images

Fire destroys downtown warehouse; no injuries reported

March 4, 2019 4:15 PM

The fire started shortly after noon, officials said.
";
    let item = load(text);
    assert_eq!(
        item.title,
        "Fire destroys downtown warehouse; no injuries reported"
    );
    assert_eq!(item.published.to_rfc3339(), "2019-03-04T16:15:00-05:00");
    let got: Vec<(&str, &Credit)> = item
        .photos
        .iter()
        .map(|p| (p.caption.as_str(), &p.credit))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Firefighters spray water on a burning warehouse in Wichita, Kan., Monday, March 4, 2019.",
                &credit(Some("Orlin Wagner"), Some("AP Photo"))
            ),
            (
                "Volunteers hand out blankets at a shelter in Topeka, Kan., on Monday.",
                &credit(Some("Ingrid Schröder"), Some("Getty Images"))
            ),
            (
                "A map of the affected area.",
                &credit(Some("Chen Wei"), Some("Reuters"))
            ),
        ]
    );
    assert_eq!(
        paras(&item),
        vec!["The fire started shortly after noon, officials said."]
    );
}

#[test]
fn a_credit_the_splitter_does_not_know_is_found_from_the_copies() {
    let text = "\
Kids play in the fountain at Crown Center on a hot afternoon.
Kids play in the fountain at Crown Center on a hot afternoon. Tammy Ljungblad Mid-America Press Photos

Heat wave grips the metro

July 20, 2022

Temperatures passed 100 degrees for the third day.
";
    let item = load(text);
    assert_eq!(item.photos.len(), 1);
    assert_eq!(
        item.photos[0].caption,
        "Kids play in the fountain at Crown Center on a hot afternoon."
    );
    assert_eq!(
        item.photos[0].credit,
        credit(Some("Tammy Ljungblad"), Some("Mid-America Press Photos"))
    );
    assert_eq!(item.published.to_rfc3339(), "2022-07-20T00:00:00-04:00");
}

#[test]
fn all_caps_name_and_outlet_credit_and_byline_with_email() {
    let text = "\
Chiefs fans tailgate outside Arrowhead Stadium before the game. JILL TOYOSHIBA The Kansas City Star

Chiefs fans brave the cold for playoff game

By MARÍA GARCÍA-LÓPEZ
mgarcia@kcstar.com

January 12, 2019 07:30 PM

Updated January 13, 2019 09:05 AM

Fans began arriving before dawn.

Read more here: https://www.kansascity.com/sports/nfl/article224389010.html
";
    let item = load(text);
    assert_eq!(item.title, "Chiefs fans brave the cold for playoff game");
    assert_eq!(
        item.published.to_rfc3339(),
        "2019-01-12T19:30:00-06:00".replace("-06:00", "-05:00")
    );
    assert_eq!(
        item.updated.map(|d| d.to_rfc3339()),
        Some("2019-01-13T09:05:00-05:00".into())
    );
    assert_eq!(
        names(&item),
        vec![("María García-López", Some("mgarcia@kcstar.com"))]
    );
    assert_eq!(
        item.photos[0].credit,
        credit(Some("Jill Toyoshiba"), Some("The Kansas City Star"))
    );
    assert_eq!(paras(&item), vec!["Fans began arriving before dawn."]);
}

#[test]
fn updated_line_before_the_published_line() {
    let text = "\
Council approves transit budget

Updated Jan. 25, 2018 8:00 a.m.
Published Jan. 24, 2018 10:27 a.m.

The council voted 7-2.
";
    let item = load(text);
    assert_eq!(item.title, "Council approves transit budget");
    assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
    assert_eq!(
        item.updated.map(|d| d.to_rfc3339()),
        Some("2018-01-25T08:00:00-05:00".into())
    );
    assert!(item.photos.is_empty());
    assert_eq!(paras(&item), vec!["The council voted 7-2."]);
}

#[test]
fn published_and_updated_on_one_line_with_zone() {
    let text = "Storm knocks out power to thousands\n\nPosted: Sept. 5, 2019 6:12 p.m. CDT | Updated: Sept. 6, 2019 7:00 a.m. CDT\n\nCrews worked overnight.\n";
    let item = load(text);
    assert_eq!(item.published.to_rfc3339(), "2019-09-05T18:12:00-05:00");
    assert_eq!(
        item.updated.map(|d| d.to_rfc3339()),
        Some("2019-09-06T07:00:00-05:00".into())
    );
}

#[test]
fn dateline_forms() {
    for (line, want) in [
        ("January 24, 2018 10:27 AM", "2018-01-24T10:27:00-05:00"),
        ("Jan. 24, 2018 10:27 a.m.", "2018-01-24T10:27:00-05:00"),
        ("Sept. 5, 2019", "2019-09-05T00:00:00-04:00"),
        ("January 24, 2018 12:00 PM EST", "2018-01-24T12:00:00-05:00"),
        ("2018-01-24T10:27:00-08:00", "2018-01-24T10:27:00-08:00"),
        ("Published January 24, 2018", "2018-01-24T00:00:00-05:00"),
        (
            "Posted Wednesday, January 24, 2018 at 3:45 PM",
            "2018-01-24T15:45:00-05:00",
        ),
        ("Published on 24 January 2018 10:27", "2018-01-24T10:27:00-05:00"),
    ] {
        let text = format!("Headline here\n\n{line}\n\nBody text.\n");
        assert_eq!(load(&text).published.to_rfc3339(), want, "{line}");
    }
}

#[test]
fn bylines_of_many_shapes() {
    type Named<'a> = Vec<(&'a str, Option<&'a str>)>;
    let cases: Vec<(&str, Named)> = vec![
        ("By JANE DOE Associated Press", vec![("Jane Doe", None)]),
        (
            "By Jane Doe and John Roe",
            vec![("Jane Doe", None), ("John Roe", None)],
        ),
        (
            "By Aisha Haddad, Tomás Reyes and Wei Chen",
            vec![("Aisha Haddad", None), ("Tomás Reyes", None), ("Wei Chen", None)],
        ),
        ("By Jane Doe, The Kansas City Star", vec![("Jane Doe", None)]),
        (
            "By Jane Doe jdoe@kcstar.com",
            vec![("Jane Doe", Some("jdoe@kcstar.com"))],
        ),
        (
            "By SEAN MCDONALD-O'BRIEN The Associated Press",
            vec![("Sean McDonald-O'Brien", None)],
        ),
        ("By Zoë O'Brien, Staff Writer", vec![("Zoë O'Brien", None)]),
        ("By MATTHEW LEE AP Diplomatic Writer", vec![("Matthew Lee", None)]),
        (
            "By Jean-Yves Le Drian Associated Press",
            vec![("Jean-Yves Le Drian", None)],
        ),
        ("By Jane Doe Kansas City Star", vec![("Jane Doe", None)]),
        (
            "By Ludwig van Beethoven The Vienna Gazette",
            vec![("Ludwig van Beethoven", None)],
        ),
        (
            "BY LUCÍA MARTÍNEZ | Special to the Star",
            vec![("Lucía Martínez", None)],
        ),
        ("By The Associated Press", vec![]),
        ("By Jane Doe - Staff Writer", vec![("Jane Doe", None)]),
        (
            "By Kwame Okafor kokafor@example.com and Dana Ruiz druiz@example.com",
            vec![
                ("Kwame Okafor", Some("kokafor@example.com")),
                ("Dana Ruiz", Some("druiz@example.com")),
            ],
        ),
    ];
    for (byline, want) in cases {
        let text =
            format!("Headline for a byline test\n\nJune 3, 2020 10:00 AM\n\n{byline}\n\nFirst paragraph.\n");
        let item = load(&text);
        assert_eq!(names(&item), want, "{byline}");
        assert_eq!(paras(&item), vec!["First paragraph."], "{byline}");
    }
}

#[test]
fn byline_before_the_dateline_with_contact_lines() {
    let text = "\
Residents protest pipeline route

By Dana Ruiz and Kwame Okafor
The Wichita Eagle
druiz@wichitaeagle.com
kokafor@wichitaeagle.com
@danaruiz
316-268-6000
Published June 3, 2020 10:00 AM

About 200 people gathered at City Hall.
";
    let item = load(text);
    assert_eq!(item.title, "Residents protest pipeline route");
    assert_eq!(
        names(&item),
        vec![
            ("Dana Ruiz", Some("druiz@wichitaeagle.com")),
            ("Kwame Okafor", Some("kokafor@wichitaeagle.com"))
        ]
    );
    assert_eq!(paras(&item), vec!["About 200 people gathered at City Hall."]);
}

#[test]
fn byline_and_date_on_one_line() {
    let item = load(
        "Bridge reopens after repairs\n\nBy Henry Brennan | March 3, 2021 9:00 AM\n\nTraffic resumed.\n",
    );
    assert_eq!(names(&item), vec![("Henry Brennan", None)]);
    assert_eq!(item.published.to_rfc3339(), "2021-03-03T09:00:00-05:00");
}

#[test]
fn a_body_sentence_starting_with_by_is_not_a_byline() {
    let item = load(
        "Police chase ends downtown\n\nMay 1, 2021 11:00 PM\n\nBy the time officers arrived, the driver had fled.\n\nNo one was hurt.\n",
    );
    assert!(item.authors.is_empty());
    assert_eq!(
        paras(&item),
        vec![
            "By the time officers arrived, the driver had fled.",
            "No one was hurt."
        ]
    );
}

#[test]
fn boilerplate_variants_are_dropped() {
    let text = "\
Schools delay start over heat

August 15, 2023 6:00 AM

Classes will start two hours late on Tuesday.

Advertisement

Never miss a local story.
Sign up today for a free 30 day free trial of unlimited digital access.

Buses will run on the delayed schedule.

Share this story
Order Reprint Print Page

Related stories from The Topeka Capital

Read Next

Copyright 2023 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.

___

Follow Grace Kowalski on Twitter: https://twitter.com/gkowalski

Email: gkowalski@example.com
";
    let item = load(text);
    assert_eq!(
        paras(&item),
        vec![
            "Classes will start two hours late on Tuesday.",
            "Buses will run on the delayed schedule."
        ]
    );
}

#[test]
fn config_boilerplate_extends_the_list() {
    let mut cfg = cfg(chrono_tz::America::Chicago);
    cfg.boilerplate = vec![r"Download the .+ app\b.*".into()];
    let src = Source::from_text(
        "a.txt",
        "Headline\n\nMay 5, 2020\n\nFirst.\n\nDownload the Daily Planet app for alerts.\n\nSecond.\n",
    );
    let item = load_with(&cfg, &src).0.ok();
    assert_eq!(item.as_ref().map(paras), Some(vec!["First.", "Second."]));
}

#[test]
fn hygiene_crlf_bom_nbsp_tabs_and_wrapped_paragraphs() {
    let text = "\u{feff}Caf\u{e9} owners fight \u{201c}parking\u{201d} plan\r\n \r\nMarch\u{a0}3, 2021 9:00\u{a0}AM  \r\n\t\r\nThe owners of Caf\u{e9} M\u{fc}ller & Sons said \r\nthe <new> plan would hurt \u{2018}small\u{2019} shops.\r\n\r\nZo\u{eb} O\u{2019}Brien agreed.\r\n";
    let item = load(text);
    assert_eq!(item.title, "Café owners fight “parking” plan");
    assert_eq!(item.published.to_rfc3339(), "2021-03-03T09:00:00-05:00");
    assert_eq!(
        paras(&item),
        vec![
            "The owners of Café Müller & Sons said the <new> plan would hurt ‘small’ shops.",
            "Zoë O’Brien agreed."
        ]
    );
}

#[test]
fn no_blank_lines_between_header_parts() {
    let text = "\
A crowd watches the parade on Main Street. Emily Sullivan/Staff photographer
Parade draws record crowd
April 2, 2022 1:05 PM
The parade lasted three hours.

Organizers were pleased.
";
    let item = load(text);
    assert_eq!(item.title, "Parade draws record crowd");
    assert_eq!(item.photos.len(), 1);
    assert_eq!(
        item.photos[0].caption,
        "A crowd watches the parade on Main Street."
    );
    assert_eq!(
        item.photos[0].credit,
        credit(Some("Emily Sullivan"), Some("Staff photographer"))
    );
    assert_eq!(
        paras(&item),
        vec!["The parade lasted three hours.", "Organizers were pleased."]
    );
}

#[test]
fn a_wrapped_headline_is_joined() {
    let item = load(
        "City council votes to expand\nbus service to the airport\n\nJune 9, 2021\n\nThe vote was 9-0.\n",
    );
    assert_eq!(
        item.title,
        "City council votes to expand bus service to the airport"
    );
    assert!(item.photos.is_empty());
}

#[test]
fn dates_in_captions_and_body_are_not_the_dateline() {
    let text = "\
Officials tour the dam, Tuesday, Jan. 23, 2018.
Officials tour the dam, Tuesday, Jan. 23, 2018. Pedro Morales AP Photo

Dam repairs to begin in spring

February 2, 2018 8:00 AM

Work begins March 1, 2018.

March 1, 2018
";
    let item = load(text);
    assert_eq!(item.published.to_rfc3339(), "2018-02-02T08:00:00-05:00");
    assert_eq!(
        item.photos[0].caption,
        "Officials tour the dam, Tuesday, Jan. 23, 2018."
    );
    assert_eq!(paras(&item), vec!["Work begins March 1, 2018.", "March 1, 2018"]);
}

#[test]
fn a_caption_without_any_credit() {
    let text = "The new library branch opened Saturday in Lawrence.\n\nLibrary opens new branch\n\nMay 7, 2022\n\nHundreds came.\n";
    let item = load(text);
    assert_eq!(item.photos.len(), 1);
    assert_eq!(
        item.photos[0].caption,
        "The new library branch opened Saturday in Lawrence."
    );
    assert!(item.photos[0].credit.is_empty());
}

#[test]
fn kickers_above_the_headline_are_not_photos() {
    let item = load("WORLD\n\nTalks resume in Geneva\n\nMay 7, 2022\n\nDiplomats met.\n");
    assert!(item.photos.is_empty());
    assert_eq!(item.title, "Talks resume in Geneva");
}

#[test]
fn errors_name_the_file_and_line() {
    assert_eq!(
        load_err(""),
        "world/story.txt: empty file: no headline, dateline or text"
    );
    assert_eq!(
        load_err(" \n\n\t\n"),
        "world/story.txt: empty file: no headline, dateline or text"
    );
    let item = load("Headline\n\nA body without any date.\n");
    assert_eq!(item.date_source, DateSource::FirstSeen);
    let mut refuse = cfg(chrono_tz::America::New_York);
    refuse.missing_date = MissingDate::Error;
    let e = load_with(
        &refuse,
        &Source::from_text("world/story.txt", "Headline\n\nA body without any date.\n"),
    )
    .0
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "world/story.txt: no dateline (a line such as `January 24, 2018 10:27 AM`) found; set missing_date = \"first-seen\" or \"mtime\" in wirefeed.toml to date it anyway"
    );
    assert_eq!(
        load_err("Headline\n\nFebruary 30, 2018 10:00 AM\n\nBody.\n"),
        "world/story.txt:3: dateline: \"February 30, 2018 10:00 AM\" is not a real date"
    );
    assert_eq!(
        load_err("January 24, 2018 10:27 AM\n\nA body sentence that ends with a period.\n"),
        "world/story.txt:1: no headline: the dateline must follow the headline"
    );
}

#[test]
fn missing_date_can_use_the_files_time() {
    let mut cfg = cfg(chrono_tz::America::New_York);
    cfg.missing_date = MissingDate::Mtime;
    let mut src = Source::from_text(
        "a.txt",
        "A long caption of a photo that ends with a period.\n\nHeadline without date\n\nBody.\n",
    );
    src.modified = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000));
    let (item, warnings) = load_with(&cfg, &src);
    let item = item.ok();
    assert_eq!(
        item.as_ref().map(|i| i.published.to_rfc3339()),
        Some("2020-09-13T08:26:40-04:00".into())
    );
    assert_eq!(
        item.as_ref().map(|i| i.title.as_str()),
        Some("Headline without date")
    );
    assert_eq!(item.as_ref().map(|i| i.photos.len()), Some(1));
    assert_eq!(item.as_ref().map(paras), Some(vec!["Body."]));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("modification time"), "{warnings:?}");
}

#[test]
fn dst_gap_in_a_dateline_warns() {
    let cfg = cfg(chrono_tz::America::New_York);
    let (item, warnings) = load_with(
        &cfg,
        &Source::from_text("a.txt", "Headline\n\nMarch 11, 2018 2:30 AM\n\nBody.\n"),
    );
    assert_eq!(
        item.map(|i| i.published.to_rfc3339()).ok(),
        Some("2018-03-11T03:30:00-04:00".into())
    );
    assert_eq!(warnings.len(), 1);
}

fn with_sidecar(text: &str, sidecar: &str) -> Source {
    let mut src = Source::from_text("local/fair.txt", text);
    src.sidecar = Some((PathBuf::from("local/fair.toml"), sidecar.to_string()));
    src
}

const FAIR: &str = "\
Crowds fill the midway. Carolyn Whitaker/The Hutchinson News
Judges look over a prize heifer.

State fair opens

September 8, 2023 9:00 AM

The fair runs through Sept. 17.
";

#[test]
fn sidecar_gives_url_images_and_tags() {
    let cfg = cfg(chrono_tz::America::Chicago);
    let src = with_sidecar(
        FAIR,
        "url = \"https://news.example.com/local/fair\"\nimages = [\"https://news.example.com/img/midway.jpg\", \"/img/heifer.jpg\"]\ntags = [\"local\", \"fair\", \"local\"]\n",
    );
    let (item, warnings) = load_with(&cfg, &src);
    let item = item.unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(item.id, "https://news.example.com/local/fair");
    assert_eq!(item.url.as_deref(), Some("https://news.example.com/local/fair"));
    assert_eq!(item.tags, vec!["local", "fair"]);
    let urls: Vec<Option<&str>> = item.photos.iter().map(|p| p.url.as_deref()).collect();
    assert_eq!(
        urls,
        vec![
            Some("https://news.example.com/img/midway.jpg"),
            Some("/img/heifer.jpg")
        ]
    );
    assert_eq!(
        item.photos[0].credit,
        credit(Some("Carolyn Whitaker"), Some("The Hutchinson News"))
    );
    assert_eq!(item.photos[1].caption, "Judges look over a prize heifer.");
}

#[test]
fn sidecar_photos_table_and_id() {
    let cfg = cfg(chrono_tz::America::Chicago);
    let src = with_sidecar(
        FAIR,
        "id = \"fair-2023\"\nurl = \"https://news.example.com/local/fair\"\n[[photos]]\nurl = \"https://img.example.com/1.jpg\"\n[[photos]]\nurl = \"https://img.example.com/2.jpg\"\ncredit = \"Derek Kaplan/Staff\"\n[[photos]]\nurl = \"https://img.example.com/3.jpg\"\ncaption = \"The Ferris wheel at night. Derek Kaplan/Staff\"\n",
    );
    let item = load_with(&cfg, &src).0.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.id, "fair-2023");
    assert_eq!(item.photos.len(), 3);
    assert_eq!(item.photos[1].credit, credit(Some("Derek Kaplan"), Some("Staff")));
    assert_eq!(item.photos[2].caption, "The Ferris wheel at night.");
    assert_eq!(item.photos[2].credit, credit(Some("Derek Kaplan"), Some("Staff")));
    assert_eq!(
        item.photos[2].url.as_deref(),
        Some("https://img.example.com/3.jpg")
    );
}

#[test]
fn sidecar_errors_name_the_sidecar_and_line() {
    let cfg = cfg(chrono_tz::America::Chicago);
    let src = with_sidecar(FAIR, "url = \"https://a.example/x\"\ntags = [\"a\",\n  oops]\n");
    let e = load_with(&cfg, &src)
        .0
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("local/fair.toml:3: sidecar: "), "{e}");
    let src = with_sidecar(
        FAIR,
        "url = \"https://a.example/x\"\ndate = \"February 30, 2023\"\n",
    );
    let e = load_with(&cfg, &src)
        .0
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        e,
        "local/fair.toml:2: sidecar: `date`: \"February 30, 2023\" is not a real date"
    );
}

#[test]
fn unknown_sidecar_keys_warn() {
    let cfg = cfg(chrono_tz::America::Chicago);
    let src = with_sidecar(FAIR, "url = \"https://a.example/x\"\nsection = \"local\"\n");
    let (item, warnings) = load_with(&cfg, &src);
    assert!(item.is_ok());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("`section`"), "{warnings:?}");
}

#[test]
fn toml_front_matter() {
    let text = "+++\nurl = \"https://news.example.com/a\"\ntags = [\"world\"]\nimages = [\"https://news.example.com/a.jpg\"]\n+++\nA caption. Jane Doe/Reuters\n\nHeadline\n\nJuly 1, 2020 10:00 AM\n\nBody.\n";
    let item = load(text);
    assert_eq!(item.id, "https://news.example.com/a");
    assert_eq!(item.tags, vec!["world"]);
    assert_eq!(
        item.photos[0].url.as_deref(),
        Some("https://news.example.com/a.jpg")
    );
    assert_eq!(item.photos[0].credit, credit(Some("Jane Doe"), Some("Reuters")));
    assert_eq!(item.title, "Headline");
}

#[test]
fn yaml_like_front_matter() {
    let text = "---\nurl: https://news.example.com/b\ntags: [politics, \"local news\"]\nphotos:\n  - url: https://news.example.com/b1.jpg\n  - url: https://news.example.com/b2.jpg\n---\nHeadline B\n\nJuly 1, 2020\n\nBody.\n";
    let item = load(text);
    assert_eq!(item.id, "https://news.example.com/b");
    assert_eq!(item.tags, vec!["politics", "local news"]);
    let urls: Vec<Option<&str>> = item.photos.iter().map(|p| p.url.as_deref()).collect();
    assert_eq!(
        urls,
        vec![
            Some("https://news.example.com/b1.jpg"),
            Some("https://news.example.com/b2.jpg")
        ]
    );
}

#[test]
fn front_matter_errors_give_the_file_line() {
    let e = load_err("+++\nurl = \"x\"\ntags = = 1\n+++\nHeadline\n\nJuly 1, 2020\n\nBody.\n");
    assert!(e.starts_with("world/story.txt:3: "), "{e}");
}

#[test]
fn front_matter_date_stands_in_for_a_dateline() {
    let item = load("+++\ndate = 2020-07-01T10:00:00-04:00\n+++\nHeadline C\n\nBody one.\n\nBody two.\n");
    assert_eq!(item.published.to_rfc3339(), "2020-07-01T10:00:00-04:00");
    assert_eq!(item.title, "Headline C");
    assert_eq!(paras(&item), vec!["Body one.", "Body two."]);
}

#[test]
fn byline_parser() {
    let n = |s: &str| parse_byline(s).map(|v| v.into_iter().map(|a| a.name).collect::<Vec<_>>());
    assert_eq!(n("By Jane Doe"), Some(vec!["Jane Doe".to_string()]));
    assert_eq!(n("By the time we arrived"), None);
    assert_eq!(n("Byron Smith said"), None);
    assert_eq!(
        n("By Martin Luther King Jr."),
        Some(vec!["Martin Luther King Jr.".to_string()])
    );
    assert_eq!(n("By Jane Doe."), Some(vec!["Jane Doe".to_string()]));
    assert_eq!(n("Story by Wei Chen"), Some(vec!["Wei Chen".to_string()]));
    assert_eq!(n("Written by: Wei Chen"), Some(vec!["Wei Chen".to_string()]));
    assert_eq!(n("BY: WEI CHEN"), Some(vec!["Wei Chen".to_string()]));
    assert_eq!(n("Story continues below"), None);
    assert_eq!(
        n("By José Müller-Lüdenscheidt, Associated Press"),
        Some(vec!["José Müller-Lüdenscheidt".to_string()])
    );
    assert_eq!(
        n("By Søren Kierkegaard for The New York Times"),
        Some(vec!["Søren Kierkegaard".to_string()])
    );
}

#[test]
fn the_sample_site_articles() {
    let cfg = cfg(chrono_tz::America::New_York);
    let cases = [
        (
            include_str!("../../../articles/world/geneva-water-talks.txt"),
            "Five nations open talks on sharing a shrinking river",
            "2019-01-09T06:45:00-05:00",
            2,
            6,
        ),
        (
            include_str!("../../../articles/local/river-trail.txt"),
            "Mill Creek trail opens after a decade of planning",
            "2019-06-09T17:30:00-04:00",
            2,
            4,
        ),
        (
            include_str!("../../../articles/business/bakery-expansion.txt"),
            "Neighborhood bakery to open second shop downtown",
            "2021-03-14T00:00:00-05:00",
            2,
            3,
        ),
        (
            include_str!("../../../articles/sports/marathon.txt"),
            "Hometown runner wins city marathon in course-record time",
            "2019-10-06T14:15:00-05:00",
            2,
            3,
        ),
        (
            include_str!("../../../articles/science/comet-visible.txt"),
            "A comet is visible to the naked eye this week. Here is where to look",
            "2022-08-12T21:40:00-04:00",
            2,
            3,
        ),
        (
            include_str!("../../../articles/world/harbor-cleanup.txt"),
            "Volunteers pull two tons of trash from the harbor",
            "2020-11-16T11:20:00-05:00",
            1,
            3,
        ),
    ];
    for (text, title, published, photos, paragraphs) in cases {
        let (item, warnings) = load_with(&cfg, &Source::from_text("a.txt", text));
        let item = item.unwrap_or_else(|e| panic!("{title}: {e}"));
        assert_eq!(item.title, title);
        assert_eq!(item.published.to_rfc3339(), published, "{title}");
        assert_eq!(item.photos.len(), photos, "{title}");
        assert!(item.photos.iter().all(|p| !p.credit.is_empty()), "{title}");
        assert_eq!(paras(&item).len(), paragraphs, "{title}");
        assert!(warnings.is_empty(), "{title}: {warnings:?}");
    }
}

#[test]
fn credit_lines_widget_words_and_hyphen_wraps() {
    let text = "\
Smoke rises over the refinery after the explosion. Buy Photo
(AP Photo/Karim Jaafar, File)
A worker walks past the gate on Thursday.

Refinery blast shakes east side

Published 10:27 a.m. ET Jan. 24, 2018 | Updated 11:05 a.m. ET Jan. 24, 2018

The blast, felt miles away, damaged a long-
term storage tank and shattered
windows nearby.

Updated 2 hours ago
";
    let item = load(text);
    assert_eq!(item.photos.len(), 2);
    assert_eq!(
        item.photos[0].caption,
        "Smoke rises over the refinery after the explosion."
    );
    assert_eq!(
        item.photos[0].credit,
        credit(Some("Karim Jaafar"), Some("AP Photo"))
    );
    assert!(item.photos[1].credit.is_empty());
    assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
    assert_eq!(
        item.updated.map(|d| d.to_rfc3339()),
        Some("2018-01-24T11:05:00-05:00".into())
    );
    assert_eq!(
        paras(&item),
        vec!["The blast, felt miles away, damaged a long-term storage tank and shattered windows nearby."]
    );
}

#[test]
fn a_deck_between_headline_and_dateline_becomes_the_summary() {
    let text = "\
Volunteers restore a prairie at the edge of town. Quinn Kaplan/Getty Images

Prairie returns to former landfill

Twenty years after the dump closed, native grasses and wildflowers cover the hill again, and birds have followed.

May 2, 2021 8:00 AM

The county closed the landfill in 2001.
";
    let item = load(text);
    assert_eq!(item.title, "Prairie returns to former landfill");
    assert_eq!(
        item.summary.as_deref(),
        Some(
            "Twenty years after the dump closed, native grasses and wildflowers cover the hill again, and birds have followed."
        )
    );
    assert_eq!(item.photos.len(), 1);
    assert_eq!(paras(&item), vec!["The county closed the landfill in 2001."]);
}

#[test]
fn originally_published_line_gives_the_date_when_there_is_no_dateline() {
    let text = "Library extends weekend hours\n\nThe main branch will stay open until 8 p.m. on Saturdays.\n\nThis story was originally published March 2, 2020 4:05 PM.\n";
    let item = load(text);
    assert_eq!(item.title, "Library extends weekend hours");
    assert_eq!(item.published.to_rfc3339(), "2020-03-02T16:05:00-05:00");
    assert_eq!(
        paras(&item),
        vec!["The main branch will stay open until 8 p.m. on Saturdays."]
    );
}

#[test]
fn a_bare_name_under_the_headline_is_a_byline() {
    let text = "Farmers brace for late frost\n\nFATIMA NGUYEN\nThe Wichita Eagle\n\nApril 20, 2021 5:00 AM\n\nGrowers covered their trees overnight.\n";
    let item = load(text);
    assert_eq!(item.title, "Farmers brace for late frost");
    assert_eq!(names(&item), vec![("Fatima Nguyen", None)]);
    assert_eq!(paras(&item), vec!["Growers covered their trees overnight."]);
}

#[test]
fn a_short_name_like_headline_stays_the_headline() {
    let item = load(
        "Fans cheer at the parade. Derek Kaplan/Getty Images\n\nKansas City Chiefs\n\nFebruary 5, 2020\n\nThe parade drew a million people.\n",
    );
    assert_eq!(item.title, "Kansas City Chiefs");
    assert!(item.authors.is_empty());
    assert_eq!(item.photos.len(), 1);
}

#[test]
fn guardian_like_header_without_blank_lines() {
    let text = "\
Crowds on the beach at Brighton during the heatwave. Photograph: Yusuf Kaplan/PA
Britain swelters through hottest June day on record
Forecasters say temperatures could climb higher still at the weekend, as water companies urge customers to save water.
Ingrid Lindqvist and Tomás Reyes in London
Wed 24 Jun 2020 17.40 BST
Britain recorded its hottest June day on Wednesday.
";
    let mut cfg = cfg(chrono_tz::Europe::London);
    cfg.zone_abbreviations.insert(
        "BST".into(),
        chrono::FixedOffset::east_opt(3600).unwrap_or_else(|| unreachable!()),
    );
    let item = load_with(&cfg, &Source::from_text("uk/heat.txt", text))
        .0
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.title, "Britain swelters through hottest June day on record");
    assert_eq!(item.published.to_rfc3339(), "2020-06-24T17:40:00+01:00");
    assert_eq!(
        names(&item),
        vec![("Ingrid Lindqvist", None), ("Tomás Reyes", None)]
    );
    assert_eq!(
        item.summary.as_deref().map(|s| s.starts_with("Forecasters say")),
        Some(true)
    );
    assert_eq!(item.photos.len(), 1);
    assert_eq!(item.photos[0].credit, credit(Some("Yusuf Kaplan"), Some("PA")));
    assert_eq!(
        paras(&item),
        vec!["Britain recorded its hottest June day on Wednesday."]
    );
}

#[test]
fn an_update_note_without_a_date_is_not_body_text() {
    let item = load(
        "Water main break floods intersection\n\nJuly 8, 2021 6:10 AM\nUpdated 9:45 AM\n\nCrews shut off the water by 7 a.m.\n",
    );
    assert_eq!(
        item.updated.map(|d| d.to_rfc3339()),
        Some("2021-07-08T09:45:00-04:00".into())
    );
    assert_eq!(paras(&item), vec!["Crews shut off the water by 7 a.m."]);
    let item = load(
        "Water main break floods intersection\n\nJuly 8, 2021 6:10 AM\nUpdated moments ago\n\nCrews shut off the water by 7 a.m.\n",
    );
    assert_eq!(item.updated, None);
    assert_eq!(paras(&item), vec!["Crews shut off the water by 7 a.m."]);
}

#[test]
fn a_headline_starting_with_updated_is_still_the_headline() {
    let item =
        load("Updated guidance on school masks issued\n\nJuly 8, 2021\n\nThe state issued new guidance.\n");
    assert_eq!(item.title, "Updated guidance on school masks issued");
}

#[test]
fn dashes_that_are_not_front_matter_are_text() {
    let cfg = cfg(chrono_tz::America::New_York);
    let text = "---\nA photo caption that is long enough to be a caption. Jane Doe/Reuters\n---\nHeadline D\n\nJuly 1, 2020\n\nBody.\n";
    let (item, warnings) = load_with(&cfg, &Source::from_text("d.txt", text));
    let item = item.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.title, "Headline D");
    assert_eq!(item.photos.len(), 1);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn a_file_that_opens_with_its_dateline() {
    let item = load(
        "January 24, 2018 10:27 AM\nBy Jane Doe\n\nCity opens warming centers\n\nThree centers opened Tuesday.\n",
    );
    assert_eq!(item.title, "City opens warming centers");
    assert_eq!(item.published.to_rfc3339(), "2018-01-24T10:27:00-05:00");
    assert_eq!(names(&item), vec![("Jane Doe", None)]);
    assert_eq!(paras(&item), vec!["Three centers opened Tuesday."]);
}

#[test]
fn a_place_line_after_a_blank_is_body_text() {
    let item =
        load("Markets rally on rate hopes\n\nMay 3, 2019 4:30 PM\n\nNEW YORK\n\nStocks rose Friday.\n");
    assert!(item.authors.is_empty());
    assert_eq!(paras(&item), vec!["NEW YORK", "Stocks rose Friday."]);
    let item =
        load("Markets rally on rate hopes\nMay 3, 2019 4:30 PM\nRania Haddad\n\nStocks rose Friday.\n");
    assert_eq!(names(&item), vec![("Rania Haddad", None)]);
}

mod layouts;
#[test]
fn the_byte_check_finds_exactly_the_characters_lines_lose_or_change() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let fixed = !matches!(char_fix(c), CharFix::Keep);
        assert_eq!(needs_char_fix(&format!("ab{c}cd")), fixed, "U+{:04X}", c as u32);
    }
    assert_eq!(clean_line("  a\u{a0}\u{a0}b\u{200b}c\t "), "a bc");
    assert_eq!(clean_line("“Quoted” — café"), "“Quoted” — café");
}

/// A browser copy of a whole page: menus and a section label above the headline, a
/// byline and date on one line, share buttons, and a footer menu after the story.
const PAGE_COPY: &str = "\
Skip to main content
News
Sports
Weather
Log in to your account
Subscribe

Tech —
The connected renter: How to make your apartment smarter
Renting makes smart homes tricky; we have some advice for you.

Valentina Palladino - Aug 10, 2016 11:15 am UTC

Share on Facebook
Share on Twitter
Share on Reddit

Name a home appliance and there is probably a smart version of it today.

Luckily, more devices now cater to apartment dwellers.

About Us
Contact Us
Privacy Policy
Terms of Service
";

#[test]
fn navigation_above_the_headline_is_cut_not_joined() {
    let item = load(PAGE_COPY);
    assert_eq!(
        item.title,
        "The connected renter: How to make your apartment smarter"
    );
    assert_eq!(item.published.to_rfc3339(), "2016-08-10T11:15:00+00:00");
    assert_eq!(names(&item), vec![("Valentina Palladino", None)]);
    assert!(item.photos.is_empty(), "{:?}", item.photos);
    assert_eq!(
        item.summary.as_deref(),
        Some("Renting makes smart homes tricky; we have some advice for you.")
    );
    assert_eq!(
        paras(&item),
        vec![
            "Name a home appliance and there is probably a smart version of it today.",
            "Luckily, more devices now cater to apartment dwellers.",
        ]
    );
}

#[test]
fn dates_beside_bylines_reading_times_and_phrases() {
    let cases = [
        (
            "ByTravis Haney Dec 9, 2016",
            "2016-12-09T00:00:00-05:00",
            vec!["Travis Haney"],
        ),
        (
            "By Jane Doe Nov 29, 2016, 10:00am EST",
            "2016-11-29T10:00:00-05:00",
            vec!["Jane Doe"],
        ),
        ("Oct 19, 2016 · 10 min read", "2016-10-19T00:00:00-04:00", vec![]),
        (
            "Story published on Oct 5, 2022.",
            "2022-10-05T00:00:00-04:00",
            vec![],
        ),
        ("Politics | 19.07.2022", "2022-07-19T00:00:00-04:00", vec![]),
        (
            "Published Tue, Dec 20 201610:32 AM ESTUpdated Tue, Dec 20 2016",
            "2016-12-20T10:32:00-05:00",
            vec![],
        ),
        (
            "2019.04.25 by Jane Doe",
            "2019-04-25T00:00:00-04:00",
            vec!["Jane Doe"],
        ),
    ];
    for (line, when, authors) in cases {
        let text =
            format!("Menu\nHome\n\nCouncil approves the new budget\n{line}\n\nThe council voted 7-2.\n");
        let item = load(&text);
        assert_eq!(item.title, "Council approves the new budget", "{line}");
        assert_eq!(item.published.to_rfc3339(), when, "{line}");
        let got: Vec<&str> = item.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(got, authors, "{line}");
        assert_eq!(paras(&item), vec!["The council voted 7-2."], "{line}");
    }
}

#[test]
fn a_sentence_with_a_date_is_not_a_dateline() {
    let text = "\
Council approves the new budget

The plan, first proposed on March 3, 2021, was cut by a third after months of debate.

The council voted 7-2.
";
    let item = load(text);
    assert_eq!(item.title, "Council approves the new budget");
    assert_eq!(item.date_source, DateSource::FirstSeen);
    assert_eq!(paras(&item).len(), 2);
}

#[test]
fn a_dated_related_link_above_the_story_is_not_its_anchor() {
    // The first dated line sits under a one-word label, which is no headline.
    let text = "\
Trending
Jan 3, 2017

Council approves the new budget
By Jane Doe | Feb 1, 2017

The council voted 7-2.
";
    let item = load(text);
    assert_eq!(item.title, "Council approves the new budget");
    assert_eq!(item.published.to_rfc3339(), "2017-02-01T00:00:00-05:00");
    assert_eq!(names(&item), vec![("Jane Doe", None)]);
}

#[test]
fn title_like_lines() {
    for t in [
        "Council approves the new budget",
        "Breaking: Houston hires Major Applewhite as head coach",
        "異世界おもいで食堂",
    ] {
        assert!(header::is_title_like(t), "{t:?}");
    }
    for t in [
        "EXCLUSIVE",
        "0:49",
        "Related stories:",
        "The main branch will stay open until 8 p.m. on Saturdays.",
        "A fire crew at work. (AP Photo/Jane Doe)",
    ] {
        assert!(!header::is_title_like(t), "{t:?}");
    }
}

#[test]
fn menu_blocks_and_lines() {
    assert!(furniture::is_menu_block(&[
        "About Us",
        "Contact Us",
        "Privacy Policy"
    ]));
    assert!(furniture::is_menu_block(&[
        "Share",
        "Tweet",
        "A longer line that ends a sentence."
    ]));
    assert!(!furniture::is_menu_block(&[
        "Roses are red,",
        "violets are blue."
    ]));
    assert!(!furniture::is_menu_block(&[
        "The council met on Monday.",
        "It voted on the budget.",
        "Residents",
    ]));
    assert!(furniture::is_menu_line("19 Comments"));
    assert!(!furniture::is_menu_line("It rained."));
}

#[test]
fn only_sentences_or_credited_lines_above_the_headline_are_photos() {
    let text = "\
Log in to your account
Sign up for our daily briefing today
A firefighter sprays water on the warehouse roof.
Smoke over the river. (AP Photo/Jane Doe)

Fire destroys warehouse

May 7, 2022

Nobody was hurt.
";
    let item = load(text);
    let got: Vec<&str> = item.photos.iter().map(|p| p.caption.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "A firefighter sprays water on the warehouse roof.",
            "Smoke over the river."
        ]
    );
    assert!(photos::is_caption_sentence("The new branch opened Saturday."));
    assert!(!photos::is_caption_sentence("Log in to your account"));
}

#[test]
fn without_a_date_the_headline_is_the_title_the_story_follows() {
    let text = "\
Special Offer
One month for only one dollar

Join Today
Houston hires a new head coach for its football team
19 Comments
Houston has promoted its offensive coordinator to become the school's next head coach, the school announced on Friday morning after a short search.
";
    let item = load(text);
    assert_eq!(item.title, "Houston hires a new head coach for its football team");
    assert_eq!(item.date_source, DateSource::FirstSeen);
}

#[test]
fn author_box_lines_between_headline_and_date_are_skipped() {
    for widget in [
        "Will Leitch @williamfleitch",
        "+Follow",
        "More stories by Jeremy Herron",
        "Get author RSS feed",
        "Alex Shephard/",
    ] {
        assert!(header::is_author_widget(widget), "{widget:?}");
        let text =
            format!("Council approves the new budget\n{widget}\nFeb 1, 2017\n\nThe council voted 7-2.\n");
        let item = load(&text);
        assert_eq!(item.title, "Council approves the new budget", "{widget}");
        assert_eq!(
            item.published.to_rfc3339(),
            "2017-02-01T00:00:00-05:00",
            "{widget}"
        );
    }
    assert!(!header::is_author_widget("Council approves the new budget"));
    assert!(!header::is_author_widget("The mayor said she would sign it."));
}
