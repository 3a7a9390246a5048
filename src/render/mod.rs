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
pub mod report;
pub mod sarif;
pub mod schema;
pub mod stix;
pub mod timeline;
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
    // The hidden characters in UTF-8, byte by byte (no decoding): text
    // without one is returned as it is.
    let bytes = text.as_bytes();
    // Most texts hold no byte that may start one (a fold of comparisons,
    // which the compiler vectorises).
    let may = bytes.iter().fold(false, |any, &b| {
        any | ((b < 0x20) & !(keep_line_breaks & ((b == b'\n') | (b == b'\t'))))
            | (b == 0x7F)
            | (b & 0xDF == 0xC2)
            | (b == 0xD8)
    });
    if !may {
        return text.into();
    }
    let next = |i: usize, k: usize| bytes.get(i + k).copied().unwrap_or(0);
    let hides = bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => !keep_line_breaks,
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(next(i, 1), 0x80..=0x9F),
        0xD8 => next(i, 1) == 0x9C,
        0xE2 => match next(i, 1) {
            0x80 => matches!(next(i, 2), 0x8E | 0x8F | 0xAA..=0xAE),
            0x81 => matches!(next(i, 2), 0xA6..=0xA9),
            _ => false,
        },
        _ => false,
    });
    if !hides {
        return text.into();
    }
    let escape = |c: char| is_hidden(c) && !(keep_line_breaks && matches!(c, '\n' | '\t'));
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

#[cfg(test)]
mod tests {
    /// The byte test finds exactly the characters `is_hidden` names.
    #[test]
    fn visible_escapes_exactly_the_hidden_characters() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            for keep in [false, true] {
                let hidden = super::is_hidden(c) && !(keep && matches!(c, '\n' | '\t'));
                let shown = super::visible(&text, keep);
                assert_eq!(shown != text, hidden, "{c:?} keep {keep}");
            }
        }
    }
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
