//! Output renderers: one file per format, all over the same models.

pub mod ach;
pub mod chains_human;
pub mod chains_json;
pub mod check_concise;
pub mod check_human;
pub mod check_json;
pub mod compare;
pub mod compare_svg;
pub mod docs;
pub mod emitter;
pub mod github;
pub mod graph;
pub mod language;
pub mod nodes;
pub mod report;
pub mod sarif;
#[cfg(feature = "schema")]
pub mod schema;
pub mod stix;
pub mod timeline;
pub mod words;

use crate::model::{Model, Node};

/// The anchor of a declaration on its case page: its keyword and its id
/// (`claim-albania-attribution`). Ids share one namespace, so anchors are
/// unique; the keyword keeps them apart from the page's own sections.
pub fn anchor(m: &Model, node: impl Into<Node>) -> String {
    let node = node.into();
    format!("{}-{}", node.kind().keyword(), m.name(node))
}

/// One file's diagnostics, as every format of `check` reads them: the
/// path as shown, the text, the diagnostics.
pub struct FileDiagnostics<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [crate::diagnostics::Diagnostic],
}

/// How human-readable output is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colour.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// The last line of `attrib check` in the human, concise and github
/// formats: `2 errors, 8 warnings in 3 files`.
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    let n =
        |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
    format!(
        "{}, {} in {}",
        n(errors, "error"),
        n(warnings, "warning"),
        n(files, "file")
    )
}

/// A buffer for one piece of a pretty-printed JSON document that sits
/// inside others: every line after the first is indented by the depth of
/// the piece. serde_json escapes line breaks inside strings, so a write
/// that ends a line is always the pretty printer's own, between two tokens.
pub(crate) struct Indented {
    buf: Vec<u8>,
    indent: &'static [u8],
}

impl Indented {
    pub(crate) fn new(indent: &'static [u8]) -> Self {
        Indented {
            buf: Vec::with_capacity(1024),
            indent,
        }
    }

    /// A comma between two values of the same array.
    pub(crate) fn separate(&mut self) {
        self.buf.extend_from_slice(b",\n");
        self.buf.extend_from_slice(self.indent);
    }

    pub(crate) fn into_string(self) -> String {
        String::from_utf8(self.buf).expect("serde_json writes UTF-8")
    }
}

impl std::io::Write for Indented {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if buf.last() == Some(&b'\n') {
            self.buf.extend_from_slice(self.indent);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
