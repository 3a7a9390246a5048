//! `attrib check --format github`: GitHub Actions workflow commands, so that
//! each diagnostic shows on its line of a pull request.

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use std::fmt::Write;

/// Escape a command's message: `%`, CR and LF; control and bidirectional
/// characters are written visibly (`\u{1b}`), never sent to the log raw.
fn data(s: &str) -> String {
    crate::chars::visible(s, true)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property: also `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` or `::warning` line per diagnostic.
pub fn commands(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let span = d.primary();
        let (line, col) = index.line_column(span.start);
        let (end_line, end_col) = index.line_column(span.end);
        let kind = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "::{kind} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            property(path),
            property(&format!("{} {}", d.code.as_str(), d.code.info().name)),
            data(&format!("{}\nhelp: {}", d.message, d.help))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("x:y,z"), "x%3Ay%2Cz");
    }
}
