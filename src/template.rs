//! HTML templates: the built-ins in `templates/` are compiled into the binary, and a
//! `templates/` folder beside the config may override any of them by name.

use std::path::Path;

use minijinja::{Environment, context};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::item::{Body, Item};

/// The built-in templates: (name, source).
const BUILTIN: &[(&str, &str)] = &[
    ("item.html", include_str!("../templates/item.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("feed.xsl", include_str!("../templates/feed.xsl")),
    ("feed.css", include_str!("../templates/feed.css")),
];

/// The built-in templates as (file name, source), e.g. for `wirefeed init --templates`
/// to copy out for editing.
pub fn builtins() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// The compiled templates of a build.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    fingerprint: u64,
}

impl Templates {
    /// The built-in templates, each replaced by `dir/NAME` when `dir` has that file.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xsl") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            // minijinja's HTML escaping also encodes `/` and `'`, which is valid but
            // makes captions and credits hard to read in the feed source; escape only
            // what HTML needs in text and double-quoted attributes.
            if value.is_safe() || state.auto_escape() == minijinja::AutoEscape::None {
                return minijinja::escape_formatter(out, state, value);
            }
            if !(value.is_none() || value.is_undefined()) {
                out.write_str(&escape_html(&value.to_string()))?;
            }
            Ok(())
        });
        let mut hasher = std::hash::DefaultHasher::new();
        for (name, builtin) in BUILTIN {
            let source = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
                None => (*builtin).to_string(),
            };
            std::hash::Hash::hash(&(name, &source), &mut hasher);
            env.add_template_owned(*name, source)
                .map_err(|e| template_error(name, &e))?;
        }
        Ok(Templates {
            env,
            fingerprint: std::hash::Hasher::finish(&hasher),
        })
    }

    /// A hash of every template's source: output rendered with templates of the same
    /// fingerprint is the same.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The HTML body of an item: one `<figure>` per photo (caption and credit in the
    /// `<figcaption>`), then the paragraphs or the item's HTML.
    pub fn item_html(&self, item: &Item) -> Result<String> {
        let photos: Vec<PhotoView<'_>> = item
            .photos
            .iter()
            .map(|p| PhotoView {
                url: p.url.as_deref(),
                caption: &p.caption,
                credit_name: p.credit.name.as_deref(),
                credit_org: p.credit.organization.as_deref(),
                credit: p.credit.display(),
            })
            .collect();
        let (paragraphs, html): (&[String], Option<&str>) = match &item.body {
            Body::Paragraphs(ps) => (ps, None),
            Body::Html(h) => (&[], Some(h)),
        };
        self.render(
            "item.html",
            context! { photos, paragraphs, html, url => item.url, title => item.title },
        )
        .map(|s| s.trim().to_string())
    }

    /// Renders a template by name with any serializable context.
    pub fn render(&self, name: &str, ctx: impl Serialize) -> Result<String> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|e| template_error(name, &e))?;
        tmpl.render(ctx).map_err(|e| template_error(name, &e))
    }
}

/// Escapes `&`, `<`, `>` and `"` for HTML text and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct PhotoView<'a> {
    url: Option<&'a str>,
    caption: &'a str,
    credit_name: Option<&'a str>,
    credit_org: Option<&'a str>,
    credit: Option<String>,
}

fn template_error(name: &str, e: &minijinja::Error) -> Error {
    let mut message = e.to_string();
    if let Some(line) = e.line() {
        message = format!("line {line}: {message}");
    }
    Error::Template {
        name: name.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::{Credit, Photo};

    #[test]
    fn item_html_has_a_figure_per_photo_then_escaped_paragraphs() {
        let date = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap();
        let mut item = Item::new("id", "T", date);
        item.photos = vec![Photo::new(
            "Fans & <friends>",
            Credit::new(Some("Zoë Ng".into()), Some("Reuters".into())),
        )];
        item.body = Body::Paragraphs(vec!["A “quoted” <b>".into(), "Two".into()]);
        let html = Templates::load(None).unwrap().item_html(&item).unwrap();
        assert_eq!(
            html,
            "<figure><figcaption>Fans &amp; &lt;friends&gt; <small class=\"credit\">Photo: Zoë Ng / Reuters</small></figcaption></figure>\n<p>A “quoted” &lt;b&gt;</p>\n<p>Two</p>"
        );
    }
}
