//! A table of scraped-page layouts from many families of sites (wire services, big US
//! papers, UK papers, local TV, blogs): each row is a whole article with the exact
//! title, dates, authors, photos and body paragraphs the loader must find.

use super::*;

/// One photo: caption, credit name, credit organization.
type P = (&'static str, Option<&'static str>, Option<&'static str>);

/// One article and what the loader must read from it.
#[derive(Clone, Copy)]
struct Case<'a> {
    name: &'static str,
    text: &'a str,
    title: &'static str,
    published: &'static str,
    updated: Option<&'static str>,
    authors: &'static [&'static str],
    photos: &'static [P],
    body: &'static [&'static str],
}

/// Compares a case with what the loader read; the differences, if any.
fn check(case: &Case<'_>) -> Vec<String> {
    let cfg = cfg(chrono_tz::America::New_York);
    let src = Source::from_text("news/story.txt", case.text);
    let item = match load_with(&cfg, &src).0 {
        Ok(item) => item,
        Err(e) => return vec![format!("{}: error {e}", case.name)],
    };
    let mut diffs = Vec::new();
    let mut cmp = |what: &str, got: String, want: String| {
        if got != want {
            diffs.push(format!("{}: {what}\n   got: {got}\n  want: {want}", case.name));
        }
    };
    cmp("title", item.title.clone(), case.title.to_string());
    cmp(
        "published",
        item.published.to_rfc3339(),
        case.published.to_string(),
    );
    cmp(
        "updated",
        format!("{:?}", item.updated.map(|u| u.to_rfc3339())),
        format!("{:?}", case.updated),
    );
    let authors: Vec<&str> = item.authors.iter().map(|a| a.name.as_str()).collect();
    cmp("authors", format!("{authors:?}"), format!("{:?}", case.authors));
    let photos: Vec<(String, Option<String>, Option<String>)> = item
        .photos
        .iter()
        .map(|p| {
            (
                p.caption.clone(),
                p.credit.name.clone(),
                p.credit.organization.clone(),
            )
        })
        .collect();
    let want: Vec<(String, Option<String>, Option<String>)> = case
        .photos
        .iter()
        .map(|(c, n, o)| (c.to_string(), n.map(String::from), o.map(String::from)))
        .collect();
    cmp("photos", format!("{photos:#?}"), format!("{want:#?}"));
    cmp(
        "body",
        format!("{:#?}", paras(&item)),
        format!("{:#?}", case.body),
    );
    diffs
}

const ET_JAN24: &str = "2018-01-24T10:27:00-05:00";

const CASES: &[Case<'static>] = &[
    Case {
        name: "McClatchy: related-stories list after the body",
        text: include_str!("layouts/related.txt"),
        title: "Chiefs' defense prepares for high-powered Texans offense",
        published: "2017-10-05T18:29:00-04:00",
        updated: Some("2017-10-06T09:12:00-04:00"),
        authors: &["Blair Kerkhoff"],
        photos: &[(
            "Kansas City Chiefs quarterback Patrick Smithers throws a pass during practice on Wednesday, Oct. 4, 2017, in Kansas City, Mo.",
            Some("John Sleezer"),
            None,
        )],
        body: &[
            "The Chiefs have allowed the fewest points in the AFC through four games.",
            "\"We know what they can do,\" linebacker Derrick Johnson said.",
        ],
    },
    Case {
        name: "Lee/BLOX: Posted: … pm | Updated: time only",
        text: "Firefighters battle a blaze at a warehouse in Fresno, Calif., on Monday. Eric Paul Zamora ezamora@fresnobee.com\n\n\
               Warehouse fire forces evacuations in south Fresno\n\n\
               Posted: Monday, August 14, 2017 3:04 pm | Updated: 9:45 pm\n\n\
               By Jim Guy\n\n\
               FRESNO, Calif. (AP) — A four-alarm fire destroyed a warehouse Monday afternoon.\n\n\
               No injuries were reported.\n\n\
               Copyright 2017 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.\n",
        title: "Warehouse fire forces evacuations in south Fresno",
        published: "2017-08-14T15:04:00-04:00",
        updated: Some("2017-08-14T21:45:00-04:00"),
        authors: &["Jim Guy"],
        photos: &[(
            "Firefighters battle a blaze at a warehouse in Fresno, Calif., on Monday.",
            Some("Eric Paul Zamora"),
            None,
        )],
        body: &[
            "FRESNO, Calif. (AP) — A four-alarm fire destroyed a warehouse Monday afternoon.",
            "No injuries were reported.",
        ],
    },
    Case {
        name: "Reuters: REUTERS/Name credits and a Reporting by sign-off",
        text: "Protesters gather outside the parliament building in Warsaw, Poland, Sunday, July 16, 2017. REUTERS/Kacper Pempel\n\
               Police stand guard. Photo: Agnieszka Nowak / Reuters\n\n\
               Thousands protest Polish court overhaul\n\n\
               July 17, 2017\n\n\
               WARSAW (Reuters) - Thousands of Poles protested on Sunday against plans to overhaul the courts.\n\n\
               Reporting by Marcin Goettig; Editing by Richard Balmforth\n",
        title: "Thousands protest Polish court overhaul",
        published: "2017-07-17T00:00:00-04:00",
        updated: None,
        authors: &["Marcin Goettig"],
        photos: &[
            (
                "Protesters gather outside the parliament building in Warsaw, Poland, Sunday, July 16, 2017.",
                Some("Kacper Pempel"),
                Some("Reuters"),
            ),
            ("Police stand guard.", Some("Agnieszka Nowak"), Some("Reuters")),
        ],
        body: &[
            "WARSAW (Reuters) - Thousands of Poles protested on Sunday against plans to overhaul the courts.",
        ],
    },
    Case {
        name: "Reuters: parenthesized sign-off with places and additional reporting; byline wins",
        text: "Oil prices climb as OPEC holds output steady\n\n\
               By Ahmad Ghaddar\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               LONDON (Reuters) - Oil prices rose on Wednesday.\n\n\
               Brent crude futures were up 40 cents at $70.36 a barrel.\n\n\
               (Reporting by Ahmad Ghaddar in London and Henning Gloystein in Singapore; Additional reporting by Aaron Sheldrick in Tokyo; Editing by Dale Hudson)\n",
        title: "Oil prices climb as OPEC holds output steady",
        published: ET_JAN24,
        updated: None,
        authors: &["Ahmad Ghaddar"],
        photos: &[],
        body: &[
            "LONDON (Reuters) - Oil prices rose on Wednesday.",
            "Brent crude futures were up 40 cents at $70.36 a barrel.",
        ],
    },
    Case {
        name: "AP: three bylines, several photos, ___ separator, contributors line kept",
        text: "Senate Majority Leader Mitch Ellison walks to the chamber on Capitol Hill in Washington, Tuesday, Jan. 23, 2018. (AP Photo/J. Scott Applewhite)\n\
               Demonstrators rally outside the Capitol. (AP Photo/Jacquelyn Martin, File)\n\n\
               Senate passes stopgap spending bill\n\n\
               By ALAN FRAM, LISA MASCARO and MATTHEW DALY\n\n\
               Jan. 24, 2018\n\n\
               WASHINGTON (AP) — The Senate passed a stopgap bill late Tuesday.\n\n\
               The House is expected to vote Wednesday.\n\n\
               ___\n\n\
               Associated Press writers Kevin Freking and Zeke Miller contributed to this report.\n\n\
               Copyright © 2018 The Associated Press. All rights reserved. This material may not be published, broadcast, written or redistributed.\n",
        title: "Senate passes stopgap spending bill",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &["Alan Fram", "Lisa Mascaro", "Matthew Daly"],
        photos: &[
            (
                "Senate Majority Leader Mitch Ellison walks to the chamber on Capitol Hill in Washington, Tuesday, Jan. 23, 2018.",
                Some("J. Scott Applewhite"),
                Some("AP Photo"),
            ),
            (
                "Demonstrators rally outside the Capitol.",
                Some("Jacquelyn Martin"),
                Some("AP Photo"),
            ),
        ],
        body: &[
            "WASHINGTON (AP) — The Senate passed a stopgap bill late Tuesday.",
            "The House is expected to vote Wednesday.",
            "Associated Press writers Kevin Freking and Zeke Miller contributed to this report.",
        ],
    },
    Case {
        name: "AFP: AFP PHOTO / NAME credit in capitals",
        text: "A man walks past a mural in Havana on January 23, 2018. AFP PHOTO / YAMIL LAGE\n\n\
               Cuba opens its first wholesale market\n\n\
               24 January 2018\n\n\
               Havana (AFP) - Cuba opened its first wholesale market on Wednesday.\n",
        title: "Cuba opens its first wholesale market",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &[],
        photos: &[(
            "A man walks past a mural in Havana on January 23, 2018.",
            Some("Yamil Lage"),
            Some("AFP Photo"),
        )],
        body: &["Havana (AFP) - Cuba opened its first wholesale market on Wednesday."],
    },
    Case {
        name: "Bloomberg: updated on, with-assistance line kept, contact lines dropped",
        text: "Markets slide as bond yields jump\n\n\
               By Sofia Horta e Costa and Eric Lam\n\n\
               January 24, 2018, 10:27 AM EST\n\
               Updated on January 24, 2018, 11:05 AM EST\n\n\
               Stocks fell in Asia as bond yields rose.\n\n\
               — With assistance from Adam Haigh\n\n\
               To contact the reporters on this story: Sofia Horta e Costa in Hong Kong at shortaecosta@bloomberg.net\n\n\
               To contact the editors responsible for this story: Christopher Anstey at canstey@bloomberg.net\n",
        title: "Markets slide as bond yields jump",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &["Sofia Horta e Costa", "Eric Lam"],
        photos: &[],
        body: &[
            "Stocks fell in Asia as bond yields rose.",
            "— With assistance from Adam Haigh",
        ],
    },
    Case {
        name: "NYT: Credit... captions, print-edition note",
        text: "The new bridge over the Hudson at dusk.Credit...Wei Chen for The New York Times\n\n\
               A Bridge Opens, and a Town Holds Its Breath\n\n\
               By Tamsin Greer and Joaquín Ortega\n\n\
               Jan. 24, 2018\n\n\
               NYACK, N.Y. — The bridge opened on Tuesday.\n\n\
               Advertisement\n\n\
               Residents lined the shore to watch.\n\n\
               A version of this article appears in print on Jan. 25, 2018, Section A, Page 18 of the New York edition with the headline: A Bridge Opens.\n",
        title: "A Bridge Opens, and a Town Holds Its Breath",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &["Tamsin Greer", "Joaquín Ortega"],
        photos: &[(
            "The new bridge over the Hudson at dusk.",
            Some("Wei Chen"),
            Some("The New York Times"),
        )],
        body: &[
            "NYACK, N.Y. — The bridge opened on Tuesday.",
            "Residents lined the shore to watch.",
        ],
    },
    Case {
        name: "WaPo: names and outlet without By, at a.m. EST",
        text: "Commuters wait on the platform. (Bill O'Leary/The Washington Post)\n\n\
               Metro to close three stations for repairs\n\n\
               Faiz Siddiqui and Justin George, The Washington Post\n\n\
               January 24, 2018 at 10:27 a.m. EST\n\n\
               Metro will close three stations this summer.\n\n\
               Story continues below advertisement\n\n\
               The work will take 90 days.\n",
        title: "Metro to close three stations for repairs",
        published: ET_JAN24,
        updated: None,
        authors: &["Faiz Siddiqui", "Justin George"],
        photos: &[(
            "Commuters wait on the platform.",
            Some("Bill O'Leary"),
            Some("The Washington Post"),
        )],
        body: &[
            "Metro will close three stations this summer.",
            "The work will take 90 days.",
        ],
    },
    Case {
        name: "USA Today: Photo: credit, Buy Photo, time-first published and updated",
        text: "A crowd gathers at the rally. (Photo: Jack Reyes/USA TODAY) Buy Photo\n\n\
               Thousands march in Denver\n\n\
               Trevor Hughes, USA TODAY\n\
               Published 10:27 a.m. ET Jan. 24, 2018 | Updated 1:05 p.m. ET Jan. 24, 2018\n\n\
               DENVER — Thousands marched on Wednesday.\n\n\
               Follow Trevor Hughes on Twitter: @TrevorHughes\n",
        title: "Thousands march in Denver",
        published: ET_JAN24,
        updated: Some("2018-01-24T13:05:00-05:00"),
        authors: &["Trevor Hughes"],
        photos: &[(
            "A crowd gathers at the rally.",
            Some("Jack Reyes"),
            Some("USA TODAY"),
        )],
        body: &["DENVER — Thousands marched on Wednesday."],
    },
    Case {
        name: "Gannett local: Name | Outlet credit, Special to byline, SEE ALSO and RELATED lines",
        text: "Runners start the half marathon downtown. Terry Pierson | The Press-Enterprise\n\n\
               Record field runs the Riverside half marathon\n\n\
               Dana Whitfield | Special to The Press-Enterprise\n\n\
               1/24/2018 10:27 AM\n\n\
               More than 3,000 runners took part on Sunday.\n\n\
               SEE ALSO: Road closures for this weekend's races\n\n\
               RELATED: Last year's winner returns\n\n\
               The race raised $40,000 for the food bank.\n",
        title: "Record field runs the Riverside half marathon",
        published: ET_JAN24,
        updated: None,
        authors: &["Dana Whitfield"],
        photos: &[(
            "Runners start the half marathon downtown.",
            Some("Terry Pierson"),
            Some("The Press-Enterprise"),
        )],
        body: &[
            "More than 3,000 runners took part on Sunday.",
            "The race raised $40,000 for the food bank.",
        ],
    },
    Case {
        name: "Tribune: Name / Outlet credit, By Name, Outlet; contact the writer",
        text: "Aldermen debate the budget at City Hall. Antonio Perez / Chicago Tribune\n\n\
               Council approves $10 billion budget\n\n\
               By Juan Perez Jr., Chicago Tribune\n\n\
               January 24, 2018, 10:27 AM\n\n\
               The City Council approved the budget 35-14.\n\n\
               Contact the writer: jperez@chicagotribune.com\n\n\
               Twitter @JuanPerezJr\n",
        title: "Council approves $10 billion budget",
        published: ET_JAN24,
        updated: None,
        authors: &["Juan Perez Jr."],
        photos: &[(
            "Aldermen debate the budget at City Hall.",
            Some("Antonio Perez"),
            Some("Chicago Tribune"),
        )],
        body: &["The City Council approved the budget 35-14."],
    },
    Case {
        name: "Hearst: Updated time-first with weekday, Staff Writer byline, copyright",
        text: "Crews work on the levee. Photo: Jon Shapley / Staff photographer\n\n\
               Levee repairs begin before storm season\n\n\
               By Kiah Collier Staff Writer\n\n\
               Updated 10:27 am, Wednesday, January 24, 2018\n\n\
               Repairs began Monday on the levee.\n\n\
               Copyright © 2018 Hearst Communications, Inc.\n",
        title: "Levee repairs begin before storm season",
        published: ET_JAN24,
        updated: Some(ET_JAN24),
        authors: &["Kiah Collier"],
        photos: &[(
            "Crews work on the levee.",
            Some("Jon Shapley"),
            Some("Staff photographer"),
        )],
        body: &["Repairs began Monday on the levee."],
    },
    Case {
        name: "Guardian: Photograph credit, weekday date with dotted time and GMT, last modified",
        text: "Protesters in Parliament Square. Photograph: Dan Kitwood/Getty Images\n\n\
               MPs reject plan for second vote\n\n\
               Heather Stewart and Peter Walker\n\n\
               Wed 24 Jan 2018 10.27 GMT\n\
               Last modified on Wed 24 Jan 2018 12.00 GMT\n\n\
               MPs rejected the plan by 30 votes.\n\n\
               Show caption\n\n\
               The vote followed a six-hour debate.\n",
        title: "MPs reject plan for second vote",
        published: "2018-01-24T10:27:00+00:00",
        updated: Some("2018-01-24T12:00:00+00:00"),
        authors: &["Heather Stewart", "Peter Walker"],
        photos: &[(
            "Protesters in Parliament Square.",
            Some("Dan Kitwood"),
            Some("Getty Images"),
        )],
        body: &[
            "MPs rejected the plan by 30 votes.",
            "The vote followed a six-hour debate.",
        ],
    },
    Case {
        name: "BBC: day-month date, image copyright and caption lines in the body",
        text: "Storm closes schools across Scotland\n\n\
               24 January 2018\n\n\
               Image copyright PA\n\
               Image caption Snow covered the M80 on Wednesday\n\n\
               Hundreds of schools were closed on Wednesday.\n\n\
               Related Topics\n\n\
               Scotland weather\n",
        title: "Storm closes schools across Scotland",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &[],
        photos: &[],
        body: &["Hundreds of schools were closed on Wednesday."],
    },
    Case {
        name: "Telegraph: bullet between date and time, PA credit, correspondent byline",
        text: "The Prime Minister leaves Downing Street. Credit: Stefan Rousseau/PA\n\n\
               Cabinet split over customs plan\n\n\
               By Gordon Rayner, Political Editor\n\n\
               24 January 2018 • 10:27am\n\n\
               Ministers clashed over the plan on Tuesday.\n\n\
               Follow us on Facebook\n",
        title: "Cabinet split over customs plan",
        published: ET_JAN24,
        updated: None,
        authors: &["Gordon Rayner"],
        photos: &[(
            "The Prime Minister leaves Downing Street.",
            Some("Stefan Rousseau"),
            Some("PA"),
        )],
        body: &["Ministers clashed over the plan on Tuesday."],
    },
    Case {
        name: "Local TV: Posted/Updated without separator, courtesy photo",
        text: "The missing dog was found near the river. Courtesy photo\n\n\
               Family reunited with dog after 3 weeks\n\n\
               Posted: Jan 24, 2018 10:27 AM EST Updated: Jan 24, 2018 11:05 AM EST\n\n\
               By Maria Lopez | KARE 11\n\n\
               A family was reunited with their dog on Tuesday.\n\n\
               Copyright 2018 KARE. All rights reserved.\n",
        title: "Family reunited with dog after 3 weeks",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &["Maria Lopez"],
        photos: &[(
            "The missing dog was found near the river.",
            None,
            Some("Courtesy photo"),
        )],
        body: &["A family was reunited with their dog on Tuesday."],
    },
    Case {
        name: "Blog: no caption block, Posted on date by name, share row",
        text: "Ten tips for winter gardening\n\n\
               Posted on January 24, 2018 by Jenna Park\n\n\
               Winter is a good time to plan your beds.\n\n\
               Mulch keeps roots warm.\n\n\
               Share this:\n\
               Facebook Twitter Pinterest\n",
        title: "Ten tips for winter gardening",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &["Jenna Park"],
        photos: &[],
        body: &[
            "Winter is a good time to plan your beds.",
            "Mulch keeps roots warm.",
        ],
    },
    Case {
        name: "Community paper: SUBMITTED PHOTO, File photo, Provided, From staff and wire reports",
        text: "Jane Ortiz, 42, opened her bakery in 2010. SUBMITTED PHOTO\n\
               The old mill on Water Street. File photo\n\
               Volunteers sort donations. Provided\n\n\
               Bakery marks a decade on Main Street\n\n\
               From staff and wire reports\n\n\
               2018-01-24 10:27\n\n\
               The bakery celebrated on Saturday.\n",
        title: "Bakery marks a decade on Main Street",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[
            (
                "Jane Ortiz, 42, opened her bakery in 2010.",
                None,
                Some("Submitted Photo"),
            ),
            ("The old mill on Water Street.", None, Some("File photo")),
            ("Volunteers sort donations.", None, Some("Provided")),
        ],
        body: &["The bakery celebrated on Saturday."],
    },
    Case {
        name: "Getty: (Photo by Name/Getty Images), Image: credit, Name / Staff",
        text: "Fans celebrate in the stands. (Photo by Maddie Meyer/Getty Images)\n\
               The team bus arrives. Image: Kim Klement/USA Today Sports\n\
               Coach Bill Reyes talks to reporters. Jim Davis / Staff\n\n\
               Patriots head to another Super Bowl\n\n\
               By Ben Volin Globe Staff\n\n\
               Jan. 24, 2018 10:27 a.m.\n\n\
               FOXBOROUGH — The Patriots are back.\n",
        title: "Patriots head to another Super Bowl",
        published: ET_JAN24,
        updated: None,
        authors: &["Ben Volin"],
        photos: &[
            (
                "Fans celebrate in the stands.",
                Some("Maddie Meyer"),
                Some("Getty Images"),
            ),
            (
                "The team bus arrives.",
                Some("Kim Klement"),
                Some("USA Today Sports"),
            ),
            (
                "Coach Bill Reyes talks to reporters.",
                Some("Jim Davis"),
                Some("Staff"),
            ),
        ],
        body: &["FOXBOROUGH — The Patriots are back."],
    },
    Case {
        name: "NPR: Enlarge this image, credit line, toggle caption",
        text: "Enlarge this image\n\
               Farmworkers pick strawberries near Oxnard, Calif.\n\
               Lindsey Moran/NPR\n\
               toggle caption\n\
               Lindsey Moran/NPR\n\n\
               Farms face a shortage of workers\n\n\
               January 24, 2018 10:27 AM ET\n\n\
               Growers say they cannot find enough workers.\n",
        title: "Farms face a shortage of workers",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[(
            "Farmworkers pick strawberries near Oxnard, Calif.",
            Some("Lindsey Moran"),
            Some("NPR"),
        )],
        body: &["Growers say they cannot find enough workers."],
    },
    Case {
        name: "Gallery counters and Hide caption in the caption block",
        text: "1 of 3\n\
               Firefighters spray water on the roof. (Photo: Mark Henle/The Republic)\n\
               Hide caption\n\
               2 of 3\n\
               Neighbors watch from the street. (Photo: Mark Henle/The Republic)\n\n\
               Fire guts vacant Phoenix home\n\n\
               10:27 AM EST January 24, 2018\n\n\
               A fire destroyed a vacant home early Wednesday.\n",
        title: "Fire guts vacant Phoenix home",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[
            (
                "Firefighters spray water on the roof.",
                Some("Mark Henle"),
                Some("The Republic"),
            ),
            (
                "Neighbors watch from the street.",
                Some("Mark Henle"),
                Some("The Republic"),
            ),
        ],
        body: &["A fire destroyed a vacant home early Wednesday."],
    },
    Case {
        name: "A caption block without any credit",
        text: "Students walk to class on the first day of school.\n\
               Students walk to class on the first day of school.\n\n\
               District adds two new schools\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               The district opened two schools this year.\n",
        title: "District adds two new schools",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[("Students walk to class on the first day of school.", None, None)],
        body: &["The district opened two schools this year."],
    },
    Case {
        name: "A headline with a date and a colon",
        text: "Election 2018: What to watch on Nov. 6\n\n\
               January 24, 2018 10:27 AM\n\n\
               Voters will choose a governor.\n",
        title: "Election 2018: What to watch on Nov. 6",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &["Voters will choose a governor."],
    },
    Case {
        name: "A body paragraph that starts with a date",
        text: "Museum reopens after renovation\n\n\
               January 24, 2018\n\n\
               Jan. 23, 2018 — The museum reopened its doors on Tuesday.\n\n\
               March 1, 2018 is the date of the next exhibit.\n",
        title: "Museum reopens after renovation",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &[],
        photos: &[],
        body: &[
            "Jan. 23, 2018 — The museum reopened its doors on Tuesday.",
            "March 1, 2018 is the date of the next exhibit.",
        ],
    },
    Case {
        name: "Newsletter prompts, click-here lines, originally-appeared note; real sentences kept",
        text: "City budget faces $20 million gap\n\n\
               By Olu Adebayo\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               The city faces a $20 million gap.\n\n\
               Get the latest headlines delivered to your inbox. Sign up for our newsletter.\n\n\
               Click here to subscribe to our daily newsletter.\n\n\
               The paper urged readers to subscribe before the price rises.\n\n\
               An advertisement in the paper announced the hearing.\n\n\
               Click here for the full report.\n\n\
               This article originally appeared on The Conversation.\n",
        title: "City budget faces $20 million gap",
        published: ET_JAN24,
        updated: None,
        authors: &["Olu Adebayo"],
        photos: &[],
        body: &[
            "The city faces a $20 million gap.",
            "The paper urged readers to subscribe before the price rises.",
            "An advertisement in the paper announced the hearing.",
        ],
    },
    Case {
        name: "You may also like list and Watch: line",
        text: "Chef opens second restaurant\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               The chef opened her second restaurant on Friday.\n\n\
               Watch: Inside the new kitchen\n\n\
               \"It is a dream,\" she said.\n\n\
               You may also like\n\
               Best new restaurants of 2017\n\
               Where to eat brunch this weekend\n\n\
               Read next\n\n\
               Food truck rally returns\n",
        title: "Chef opens second restaurant",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &[
            "The chef opened her second restaurant on Friday.",
            "\"It is a dream,\" she said.",
        ],
    },
    Case {
        name: "A related list ends at the next real paragraph",
        text: "Zoo welcomes a baby giraffe\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               A giraffe was born on Monday.\n\n\
               More from the Zoo\n\n\
               Penguins get a new home\n\n\
               The calf weighed 150 pounds, keepers said.\n",
        title: "Zoo welcomes a baby giraffe",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &[
            "A giraffe was born on Monday.",
            "The calf weighed 150 pounds, keepers said.",
        ],
    },
    Case {
        name: "Updated before Published, numeric US dates",
        text: "Road closed after crash\n\n\
               Updated 1/24/2018 11:05 AM\n\
               Published 1/24/2018 10:27 AM\n\n\
               A crash closed the highway.\n",
        title: "Road closed after crash",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &[],
        photos: &[],
        body: &["A crash closed the highway."],
    },
    Case {
        name: "Windows-1252 quotes and dashes",
        text: "", // replaced by the decoded bytes below
        title: "Mayor’s plan draws praise – and doubts",
        published: ET_JAN24,
        updated: None,
        authors: &["Ana Ruiz"],
        photos: &[],
        body: &["“It will work,” the mayor said — twice."],
    },
    Case {
        name: "Sign-off words inside a real sentence are kept",
        text: "Station wins award\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               Reporting by the station's team won a national award.\n",
        title: "Station wins award",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &["Reporting by the station's team won a national award."],
    },
    Case {
        name: "Kicker, byline with e-mail, and time-zone-less ISO date",
        text: "POLITICS\n\n\
               Governor signs water bill\n\n\
               By Priya Natarajan pnatarajan@sacbee.com\n\n\
               2018-01-24 10:27\n\n\
               SACRAMENTO — The governor signed the bill.\n\n\
               ADVERTISEMENT\n\n\
               It takes effect in July.\n",
        title: "Governor signs water bill",
        published: ET_JAN24,
        updated: None,
        authors: &["Priya Natarajan"],
        photos: &[],
        body: &[
            "SACRAMENTO — The governor signed the bill.",
            "It takes effect in July.",
        ],
    },
    Case {
        name: "CNN: time-first update with weekday abbreviation, Name, CNN byline",
        text: "Snow blankets the capital. Getty Images\n\n\
               Winter storm shuts down Washington\n\n\
               By Lena Dobrev, CNN\n\n\
               Updated 10:27 AM ET, Wed January 24, 2018\n\n\
               Washington (CNN) — A storm dropped a foot of snow on the capital.\n",
        title: "Winter storm shuts down Washington",
        published: ET_JAN24,
        updated: Some(ET_JAN24),
        authors: &["Lena Dobrev"],
        photos: &[("Snow blankets the capital.", None, Some("Getty Images"))],
        body: &["Washington (CNN) — A storm dropped a foot of snow on the capital."],
    },
    Case {
        name: "Politico: zero-padded numeric date with zone, By Name / Outlet",
        text: "Senators face a new deadline\n\n\
               By Burgess Everett / Politico\n\n\
               01/24/2018 10:27 AM EST\n\n\
               Senators returned on Wednesday.\n",
        title: "Senators face a new deadline",
        published: ET_JAN24,
        updated: None,
        authors: &["Burgess Everett"],
        photos: &[],
        body: &["Senators returned on Wednesday."],
    },
    Case {
        name: "UK numeric date, day first, with a First published line",
        text: "Rail fares rise again\n\n\
               First published on 23/01/2018 08:00\n\
               Last modified 24/01/2018 10:27\n\n\
               Fares rose by 3.4 percent.\n",
        title: "Rail fares rise again",
        published: "2018-01-23T08:00:00-05:00",
        updated: Some(ET_JAN24),
        authors: &[],
        photos: &[],
        body: &["Fares rose by 3.4 percent."],
    },
    Case {
        name: "End-of-story contact, tip line and app prompts; service sentences kept",
        text: "Flu cases climb across the state\n\n\
               By Rosa Delgado\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               Flu cases doubled this month.\n\n\
               Residents can call the health line at 800-555-0199 for advice.\n\n\
               Contact Rosa Delgado at 555-555-1234 or rdelgado@example.com.\n\n\
               Have a news tip? Email us at tips@example.com.\n\n\
               Download our app for breaking news alerts.\n",
        title: "Flu cases climb across the state",
        published: ET_JAN24,
        updated: None,
        authors: &["Rosa Delgado"],
        photos: &[],
        body: &[
            "Flu cases doubled this month.",
            "Residents can call the health line at 800-555-0199 for advice.",
        ],
    },
    Case {
        name: "Boilerplate lines inside a paragraph without blank lines",
        text: "Port strike enters second week\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               Dockworkers stayed off the job on Wednesday.\n\
               Advertisement\n\
               Talks are set to resume Friday.\n",
        title: "Port strike enters second week",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &["Dockworkers stayed off the job on Wednesday. Talks are set to resume Friday."],
    },
    Case {
        name: "Staff byline with comma title, e-mail and handle lines, Twitter line in the body",
        text: "Water main break floods downtown street\n\n\
               Kwame Mensah, Staff Writer\n\
               kmensah@example.com\n\
               @kmensah\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               A water main broke under Elm Street.\n\n\
               Twitter: @kmensah\n",
        title: "Water main break floods downtown street",
        published: ET_JAN24,
        updated: None,
        authors: &["Kwame Mensah"],
        photos: &[],
        body: &["A water main broke under Elm Street."],
    },
    Case {
        name: "Trending now list at the end with many headlines",
        text: "Library extends weekend hours\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               The library will open on Sundays.\n\n\
               Trending Now\n\n\
               Police: Man arrested after chase\n\n\
               High school team wins title\n\n\
               New bakery opens downtown\n",
        title: "Library extends weekend hours",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &["The library will open on Sundays."],
    },
    Case {
        name: "A paragraph mentioning related stories is kept",
        text: "Readers weigh in on coverage\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               Related stories from other papers were linked in the original post.\n\n\
               The editor answered questions.\n",
        title: "Readers weigh in on coverage",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &[
            "Related stories from other papers were linked in the original post.",
            "The editor answered questions.",
        ],
    },
    Case {
        name: "AP: by-line with agency, update time line, photo credit with File",
        text: "President Donald Trump speaks in the Oval Office, Jan. 10, 2018. (AP Photo/Evan Vucci, File)\n\n\
               Trump says he will talk to Mueller\n\n\
               By ZEKE MILLER and JILL COLVIN Associated Press\n\n\
               January 24, 2018 10:27 AM\n\
               Updated 11:05 a.m.\n\n\
               WASHINGTON (AP) — President Donald Trump said Wednesday he would talk to the special counsel.\n",
        title: "Trump says he will talk to Mueller",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &["Zeke Miller", "Jill Colvin"],
        photos: &[(
            "President Donald Trump speaks in the Oval Office, Jan. 10, 2018.",
            Some("Evan Vucci"),
            Some("AP Photo"),
        )],
        body: &[
            "WASHINGTON (AP) — President Donald Trump said Wednesday he would talk to the special counsel.",
        ],
    },
    Case {
        name: "Photo credit on the caption's second copy only, three photos, separator lines",
        text: "A snowplow clears Main Street.\n\
               A snowplow clears Main Street. Mike Lee / The Daily Herald\n\
               Children sled on Hill Park.\n\
               Children sled on Hill Park. Staff photo\n\
               Cars are stuck on Route 9. Photo by Ana Kim\n\n\
               Storm dumps 14 inches on the county\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               Schools closed on Wednesday.\n\n\
               * * *\n\n\
               Plows worked through the night.\n",
        title: "Storm dumps 14 inches on the county",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[
            (
                "A snowplow clears Main Street.",
                Some("Mike Lee"),
                Some("The Daily Herald"),
            ),
            ("Children sled on Hill Park.", None, Some("Staff photo")),
            ("Cars are stuck on Route 9.", Some("Ana Kim"), None),
        ],
        body: &["Schools closed on Wednesday.", "Plows worked through the night."],
    },
    Case {
        name: "UTF-8 read as Windows-1252 on the way (mojibake) is repaired",
        text: "Mayorâ€™s plan draws praise â€” and doubts\n\n\
               Jan. 24, 2018 10:27 AM\n\n\
               â€œIt will work,â€\u{9d} said JosÃ© MartÃ\u{ad}nez.\n",
        title: "Mayor’s plan draws praise — and doubts",
        published: ET_JAN24,
        updated: None,
        authors: &[],
        photos: &[],
        body: &["“It will work,” said José Martínez."],
    },
    Case {
        name: "HTML character references left by the scraper",
        text: "Barnes &amp; Noble to close store\n\n\
               By Lee Chang on January 24, 2018\n\n\
               The store&#8217;s lease ends in May &#x2014; after 20 years.\n\n\
               Profits rose 5% &amp; more; AT&T was not involved.\n",
        title: "Barnes & Noble to close store",
        published: "2018-01-24T00:00:00-05:00",
        updated: None,
        authors: &["Lee Chang"],
        photos: &[],
        body: &[
            "The store’s lease ends in May — after 20 years.",
            "Profits rose 5% & more; AT&T was not involved.",
        ],
    },
    Case {
        name: "Fox: ordinal day, weekday, zone; byline with comma date",
        text: "Firefighters at the scene on Wednesday. (Fox 5 DC)\n\n\
               Apartment fire displaces dozens\n\n\
               By Chris Ortiz, Wednesday, January 24th 2018, 10:27 AM EST\n\n\
               Dozens of residents were displaced by a fire.\n",
        title: "Apartment fire displaces dozens",
        published: ET_JAN24,
        updated: None,
        authors: &["Chris Ortiz"],
        photos: &[("Firefighters at the scene on Wednesday.", None, Some("Fox 5 DC"))],
        body: &["Dozens of residents were displaced by a fire."],
    },
    Case {
        name: "Nexstar local TV: slashes between date, time and Updated",
        text: "Crews respond to a crash on I-35. (KXAN Photo/Ben Hunt)\n\n\
               Crash closes I-35 lanes in Austin\n\n\
               by: Ana Morales\n\n\
               Posted: Jan 24, 2018 / 10:27 AM EST / Updated: Jan 24, 2018 / 11:05 AM EST\n\n\
               AUSTIN (KXAN) — A crash closed two lanes of I-35 on Wednesday.\n",
        title: "Crash closes I-35 lanes in Austin",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &["Ana Morales"],
        photos: &[(
            "Crews respond to a crash on I-35.",
            Some("Ben Hunt"),
            Some("KXAN Photo"),
        )],
        body: &["AUSTIN (KXAN) — A crash closed two lanes of I-35 on Wednesday."],
    },
    Case {
        name: "LA Times: Pacific time zone, Name / Outlet credit, byline with handle",
        text: "Surfers ride waves at Huntington Beach. Allen J. Schaben / Los Angeles Times\n\n\
               Big swell brings crowds to the coast\n\n\
               By Hailey Branson-Potts @haileybp\n\n\
               Jan. 24, 2018 10:27 AM PT\n\n\
               A big swell drew crowds on Wednesday.\n",
        title: "Big swell brings crowds to the coast",
        published: "2018-01-24T10:27:00-08:00",
        updated: None,
        authors: &["Hailey Branson-Potts"],
        photos: &[(
            "Surfers ride waves at Huntington Beach.",
            Some("Allen J. Schaben"),
            Some("Los Angeles Times"),
        )],
        body: &["A big swell drew crowds on Wednesday."],
    },
    Case {
        name: "Seattle Times: originally published at … | Updated at …",
        text: "Ferry service resumes after storm\n\n\
               Originally published January 24, 2018 at 10:27 am | Updated January 24, 2018 at 11:05 am\n\n\
               Ferries resumed service on Wednesday.\n",
        title: "Ferry service resumes after storm",
        published: ET_JAN24,
        updated: Some("2018-01-24T11:05:00-05:00"),
        authors: &[],
        photos: &[],
        body: &["Ferries resumed service on Wednesday."],
    },
    Case {
        name: "UK: weekday day-month date without commas, By The Associated Press",
        text: "Queen opens new hospital wing\n\n\
               By The Associated Press\n\n\
               Wednesday 24 January 2018 15:27 GMT\n\n\
               LONDON (AP) — The Queen opened the wing on Wednesday.\n",
        title: "Queen opens new hospital wing",
        published: "2018-01-24T15:27:00+00:00",
        updated: None,
        authors: &[],
        photos: &[],
        body: &["LONDON (AP) — The Queen opened the wing on Wednesday."],
    },
];

#[test]
fn layouts_of_many_sites() {
    let cp1252: &[u8] = b"Mayor\x92s plan draws praise \x96 and doubts\n\nBy Ana Ruiz\n\n\
        Jan. 24, 2018 10:27 AM\n\n\x93It will work,\x94 the mayor said \x97 twice.\n";
    let decoded = crate::load::decode(cp1252).0;
    let mut diffs = Vec::new();
    for case in CASES {
        if case.text.is_empty() {
            let case = Case {
                text: &decoded,
                ..*case
            };
            diffs.extend(check(&case));
        } else {
            diffs.extend(check(case));
        }
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
