//! `attrib check --format sarif`: SARIF 2.1.0, for code-scanning dashboards.
//!
//! One rule per catalogue code; one result per diagnostic, located by line
//! and column (columns count Unicode code points: `columnKind`
//! `unicodeCodePoints`), further labels as related locations.

use crate::diagnostics::{CATALOGUE, CodeInfo, Diagnostic, Severity};
use crate::source::LineIndex;
use serde_json::{Value, json};

/// A `file:` URI for a local path (absolute), percent-encoding what a URI
/// path cannot hold.
pub fn file_uri(path: &str) -> String {
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The first paragraph under "## What it means".
fn meaning(info: &CodeInfo) -> String {
    info.explanation
        .split("## What it means")
        .nth(1)
        .and_then(|rest| rest.trim_start().split("\n\n").next())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| info.summary.to_string())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One file's diagnostics, with what is needed to locate them.
pub struct FileDiagnostics<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// The SARIF results of one file's diagnostics.
pub fn results(f: &FileDiagnostics<'_>) -> Vec<Value> {
    let mut results = Vec::new();
    let index = LineIndex::new(f.text);
    let location = |span: crate::span::Span, message: Option<&str>| {
        let (start_line, start_column) = index.line_column(span.start);
        let (end_line, end_column) = index.line_column(span.end);
        let mut loc = json!({
            "physicalLocation": {
                "artifactLocation": { "uri": f.path },
                "region": {
                    "startLine": start_line,
                    "startColumn": start_column,
                    "endLine": end_line,
                    "endColumn": end_column,
                }
            }
        });
        if let Some(m) = message {
            loc["message"] = json!({ "text": m });
        }
        loc
    };
    for d in f.diagnostics {
        let rule_index = CATALOGUE
            .iter()
            .position(|i| i.code == d.code.as_str())
            .unwrap_or(0);
        let primary = d.labels.first().map(|l| l.span).unwrap_or_default();
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, l)| {
                let mut loc = location(l.span, Some(&l.message));
                loc["id"] = json!(k);
                loc
            })
            .collect();
        let mut result = json!({
            "ruleId": d.code.as_str(),
            "ruleIndex": rule_index,
            "level": level(d.severity()),
            "message": { "text": format!("{} — {}", d.message, d.help) },
            "locations": [location(primary, d.labels.first().map(|l| l.message.as_str()))],
        });
        if !related.is_empty() {
            result["relatedLocations"] = json!(related);
        }
        results.push(result);
    }
    results
}

/// The SARIF log of a run, from each file's results in order. `docs` is the
/// absolute URI of the diagnostics page each rule's `helpUri` points into.
pub fn log(results: Vec<Value>, docs: &str) -> String {
    let rules: Vec<Value> = CATALOGUE
        .iter()
        .map(|info| {
            json!({
                "id": info.code,
                "name": info.name,
                "shortDescription": { "text": info.summary },
                "fullDescription": { "text": meaning(info) },
                "helpUri": format!("{docs}#{}", info.code.to_lowercase()),
                "help": { "text": format!("attrib explain {}", info.code), "markdown": info.explanation },
                "defaultConfiguration": { "level": level(info.severity) },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "attrib",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).expect("SARIF serialises")
}
