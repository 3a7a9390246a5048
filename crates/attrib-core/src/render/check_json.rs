//! `attrib check --format json`: the contract documented in `docs/json.md`.

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckOutput {
    pub files: Vec<FileOutput>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileOutput {
    pub path: String,
    pub diagnostics: Vec<DiagnosticOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DiagnosticOutput {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub labels: Vec<LabelOutput>,
    /// Fixes that resolve the diagnostic (a "did you mean"): each a title
    /// and edits, each edit a place (as a label's) and the text to put there.
    pub fixes: Vec<FixOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FixOutput {
    pub title: String,
    pub edits: Vec<EditOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EditOutput {
    /// Byte offset into the file.
    pub offset: usize,
    /// Length in bytes of what is replaced.
    pub length: usize,
    /// 1-based line and column (Unicode characters) of the offset.
    pub line: usize,
    pub column: usize,
    /// The text that replaces it.
    pub text: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LabelOutput {
    pub message: String,
    /// Byte offset into the file.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counting Unicode characters.
    pub column: usize,
}

/// The JSON form of one file's diagnostics.
pub fn file_output(path: &str, text: &str, diagnostics: &[Diagnostic]) -> FileOutput {
    let index = LineIndex::new(text);
    FileOutput {
        path: path.to_string(),
        diagnostics: diagnostics
            .iter()
            .map(|d| DiagnosticOutput {
                code: d.code.as_str(),
                severity: d.severity(),
                message: d.message.clone(),
                help: d.help.clone(),
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (line, column) = index.line_column(l.span.start);
                        LabelOutput {
                            message: l.message.clone(),
                            offset: l.span.start,
                            length: l.span.len(),
                            line,
                            column,
                        }
                    })
                    .collect(),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| FixOutput {
                        title: f.title.clone(),
                        edits: f
                            .edits
                            .iter()
                            .map(|(span, text)| {
                                let (line, column) = index.line_column(span.start);
                                EditOutput {
                                    offset: span.start,
                                    length: span.len(),
                                    line,
                                    column,
                                    text: text.clone(),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

impl CheckOutput {
    pub fn new(files: Vec<FileOutput>) -> Self {
        CheckOutput {
            errors: files.iter().map(FileOutput::errors).sum(),
            warnings: files.iter().map(FileOutput::warnings).sum(),
            files,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("check output serialises")
    }
}

impl FileOutput {
    /// This file's object as it appears inside the whole document, indented
    /// for its place in `"files"`. Files are serialised one by one (in
    /// parallel, by the command line) and joined with [`document`]; the
    /// result is byte for byte what [`CheckOutput::to_json`] gives.
    pub fn to_json_fragment(&self) -> String {
        let mut out = super::Indented::new(b"    ");
        serde_json::to_writer_pretty(&mut out, self).expect("file output serialises");
        out.into_string()
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// The whole `check` document from the files' fragments
/// ([`FileOutput::to_json_fragment`]) and the totals. The command line
/// writes the same pieces one by one: [`document_head`], the fragments
/// separated by [`DOCUMENT_SEPARATOR`], [`document_tail`].
pub fn document(fragments: &[String], errors: usize, warnings: usize) -> String {
    let mut out = String::with_capacity(fragments.iter().map(|f| f.len() + 6).sum::<usize>() + 80);
    out.push_str(document_head(!fragments.is_empty()));
    for (i, fragment) in fragments.iter().enumerate() {
        if i > 0 {
            out.push_str(DOCUMENT_SEPARATOR);
        }
        out.push_str(fragment);
    }
    out.push_str(&document_tail(!fragments.is_empty(), errors, warnings));
    out
}

/// Between two files' fragments.
pub const DOCUMENT_SEPARATOR: &str = ",\n    ";

/// The document up to its first file's fragment.
pub fn document_head(any_file: bool) -> &'static str {
    if any_file {
        "{\n  \"files\": [\n    "
    } else {
        "{\n  \"files\": [],\n"
    }
}

/// The document after its last file's fragment (no final newline).
pub fn document_tail(any_file: bool, errors: usize, warnings: usize) -> String {
    format!(
        "{}  \"errors\": {errors},\n  \"warnings\": {warnings}\n}}",
        if any_file { "\n  ],\n" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};
    use crate::span::Span;

    fn file(path: &str, diagnostics: usize) -> FileOutput {
        let text = "actor a {\n  name \"A \\\"quoted\\\"\nline\"\n}\n";
        let diagnostics: Vec<Diagnostic> = (0..diagnostics)
            .map(|i| {
                Diagnostic::new(Code::Unused, format!("message {i}\nwith a break"))
                    .label(Span::new(6, 7), "here")
                    .help("help")
            })
            .collect();
        file_output(path, text, &diagnostics)
    }

    /// Joining fragments gives exactly what serialising the whole gives.
    #[test]
    fn fragments_join_to_the_whole_document() {
        for files in [
            vec![],
            vec![file("a", 0)],
            vec![file("a", 2), file("b", 0), file("c", 1)],
        ] {
            let fragments: Vec<String> = files.iter().map(FileOutput::to_json_fragment).collect();
            let whole = CheckOutput::new(files);
            assert_eq!(
                document(&fragments, whole.errors, whole.warnings),
                whole.to_json()
            );
        }
    }
}
