//! `attrib check --format concise`: one line per diagnostic, for CI logs
//! and editors' error lists:
//!
//! ```text
//! cases/albania-iran-2022.case:812:3: W0201 warning: claim `us-attribution` attributes `july-attack` to `iran` with no evidence on record
//! ```
//!
//! `path:line:column: CODE severity: message`, the column counting Unicode
//! characters (as in the JSON output). The severity is the one reported:
//! `error` for a warning made an error by `--deny`. A line never breaks:
//! control characters in the path or the message are written escaped
//! (`\n`, `\u{1b}`), and so are the characters that reorder text
//! (bidirectional controls).

use crate::diagnostics::Diagnostic;
use crate::source::LineIndex;
use std::fmt::Write;

/// One line per diagnostic, each ending in a newline.
pub fn lines(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    if diagnostics.is_empty() {
        return out;
    }
    let index = LineIndex::new(text);
    let path = one_line(path);
    for d in diagnostics {
        let (line, column) = index.line_column(d.primary().start);
        let _ = writeln!(
            out,
            "{path}:{line}:{column}: {} {}: {}",
            d.code.as_str(),
            d.severity().word(),
            one_line(&d.message)
        );
    }
    out
}

/// The text with control and bidirectional characters escaped.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::chars::visible(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::span::Span;

    #[test]
    fn one_line_each_columns_in_characters() {
        let text = "actor ëë {\n  kind statë nobody\n}\n";
        let at = text.find("nobody").unwrap();
        let d = vec![
            Diagnostic::new(
                Code::UnknownReference,
                "two\nlines \u{1b}[2J and \u{202E}rtl",
            )
            .label(Span::new(at, at + 6), "here"),
        ];
        let out = lines("dir/a\tb.case", text, &d);
        assert_eq!(
            out,
            "dir/a\\tb.case:2:14: E0101 error: two\\nlines \\u{1b}[2J and \\u{202e}rtl\n"
        );
        assert_eq!(lines("a.case", text, &[]), "");
    }
}
