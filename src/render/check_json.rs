//! `attrib check --format json`: the contract documented in `docs/json.md`.

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CheckOutput {
    pub files: Vec<FileOutput>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FileOutput {
    pub path: String,
    pub diagnostics: Vec<DiagnosticOutput>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DiagnosticOutput {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub labels: Vec<LabelOutput>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
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
            })
            .collect(),
    }
}

impl CheckOutput {
    pub fn new(files: Vec<FileOutput>) -> Self {
        let count = |s: Severity| {
            files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| d.severity == s)
                .count()
        };
        CheckOutput {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            files,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("check output serialises")
    }
}
