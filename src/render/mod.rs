//! Output renderers: one file per format, all over the same models.

pub mod chains_human;
pub mod chains_json;
pub mod check_concise;
pub mod check_human;
pub mod check_json;
pub mod compare;
pub mod docs;
pub mod github;
pub mod graph;
pub mod sarif;
pub mod schema;
pub mod stix;
pub mod words;

/// Characters never written to a terminal as they are: control characters
/// (escape sequences, the bell, NUL …) and the bidirectional controls and
/// marks, which reorder or hide what follows them on the line.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden character ([`is_hidden`]) written visibly, as
/// its escape (`\u{1b}`, `\u{202e}`, `\n`). With `keep_line_breaks`, line
/// breaks and tabs stay as they are.
pub fn visible(text: &str, keep_line_breaks: bool) -> std::borrow::Cow<'_, str> {
    // Every hidden character starts with a byte below 0x20, 0x7F, 0xC2
    // (C1 controls), 0xD8 (U+061C) or 0xE2 (the other marks): text without
    // one is returned as it is, after a look at its bytes.
    let may = |b: u8| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2);
    if !text.bytes().any(may) {
        return text.into();
    }
    let escape = |c: char| is_hidden(c) && !(keep_line_breaks && matches!(c, '\n' | '\t'));
    if !text.chars().any(escape) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
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
