//! Text generated from the catalogue: `attrib explain` and
//! `docs/diagnostics.md`.

use crate::diagnostics::{CATALOGUE, CodeInfo};
use std::fmt::Write;

/// What `attrib explain CODE` prints.
pub fn explain(info: &CodeInfo) -> String {
    format!(
        "{} ({}, {}): {}\n\n{}",
        info.code,
        info.name,
        info.severity.word(),
        info.summary,
        info.explanation.trim_end()
    ) + "\n"
}

/// What `attrib explain` with no code prints: every code, one a line.
pub fn list() -> String {
    let mut out = String::new();
    for info in CATALOGUE {
        let _ = writeln!(
            out,
            "{}  {:<8} {:<30} {}",
            info.code,
            info.severity.word(),
            info.name,
            info.summary
        );
    }
    out
}

/// `docs/diagnostics.md`, generated.
pub fn diagnostics_page() -> String {
    let mut out = String::new();
    out.push_str("# Diagnostics\n\n");
    out.push_str("<!-- Generated from crates/attrib-core/src/diagnostics/explain/*.md by `ATTRIB_BLESS=1 cargo test --test it docs::`. Do not edit. -->\n\n");
    out.push_str("Every diagnostic attrib reports has a stable code: `E` for errors (the file is wrong), `W` for\n");
    out.push_str("warnings (the reasoning is weak). `attrib explain CODE` prints the same text as this page.\n\n");
    out.push_str("| Code | Name | Severity | Summary |\n|---|---|---|---|\n");
    for info in CATALOGUE {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} |",
            info.code,
            info.code.to_lowercase(),
            info.name,
            info.severity.word(),
            info.summary
        );
    }
    for info in CATALOGUE {
        let _ = write!(
            out,
            "\n## {}\n\n**{}** — {}, {}.\n\n{}\n",
            info.code,
            info.name,
            info.severity.word(),
            info.summary,
            shift_headings(info.explanation.trim_end())
        );
    }
    out
}

/// Explanations use `##` headings; on the page they sit under a `##` code.
fn shift_headings(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with('#') {
                format!("#{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
