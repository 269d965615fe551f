//! The stylesheets a build writes once, into the output folder: `feed.css`, which
//! the RSS and Atom feeds reference so browsers show them readably, and `feed.xsl`,
//! the older XSLT view, no longer referenced by the feeds but kept for pages that
//! link it. Each is its template, rendered as it is.

use minijinja::context;

use super::{Document, Format, Kind, Scope, Writer};
use crate::error::Result;

/// A stylesheet: its template rendered without variables.
#[derive(Debug)]
pub struct Stylesheet(&'static Format);

/// `feed.css`.
pub static CSS: Stylesheet = Stylesheet(&Format {
    file_name: "feed.css",
    media_type: "text/css",
    label: "CSS",
    kind: Kind::Stylesheet,
    scope: Scope::Site,
});

/// `feed.xsl`.
pub static XSL: Stylesheet = Stylesheet(&Format {
    file_name: "feed.xsl",
    media_type: "text/xsl",
    label: "XSLT",
    kind: Kind::Stylesheet,
    scope: Scope::Site,
});

impl Writer for Stylesheet {
    fn format(&self) -> &'static Format {
        self.0
    }

    fn write(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let text = doc.rendered.templates.render(self.0.file_name, context! {})?;
        Ok(text.into_bytes())
    }
}
