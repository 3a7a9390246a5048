//! One output interface for the formats of `attrib check` (after Ruff's
//! `Emitter`): each format makes one file's part in the parallel pass
//! ([`Emitter::file`]) and writes the parts, in order, inside whatever the
//! format puts around them ([`Emitter::write`]). A new format is a new
//! implementation here and a word in the command line's `--format`.

use super::{FileDiagnostics, Style, check_concise, check_human, check_json, github, sarif};
use std::io::{self, Write};

/// The run's totals, for what a format writes after the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Totals {
    /// `2 errors, 8 warnings in 3 files`.
    pub fn summary(self) -> String {
        super::summary(self.errors, self.warnings, self.files)
    }
}

/// A format of `attrib check`.
pub trait Emitter: Sync {
    /// One file's part of the output.
    fn file(&self, f: &FileDiagnostics<'_>) -> String;

    /// The whole output: the parts in order (each written once, then
    /// dropped; never joined into one string) inside the format's frame.
    fn write(&self, out: &mut dyn Write, parts: Vec<String>, totals: Totals) -> io::Result<()>;

    /// The summary line for standard error (`2 errors, 8 warnings in 3
    /// files`), for a format whose standard output is for programs only.
    fn summary_on_stderr(&self, totals: Totals) -> Option<String> {
        let _ = totals;
        None
    }
}

/// Write the parts, with `separator` between two (between two non-empty
/// ones when `skip_empty`).
fn write_parts(
    out: &mut dyn Write,
    parts: Vec<String>,
    separator: &str,
    skip_empty: bool,
) -> io::Result<()> {
    let mut first = true;
    for part in parts {
        if skip_empty && part.is_empty() {
            continue;
        }
        if !first {
            out.write_all(separator.as_bytes())?;
        }
        first = false;
        out.write_all(part.as_bytes())?;
    }
    Ok(())
}

/// miette's report of each diagnostic in place, then the summary line.
pub struct Human(pub Style);

impl Emitter for Human {
    fn file(&self, f: &FileDiagnostics<'_>) -> String {
        check_human::render(f.path, f.text, f.diagnostics, self.0)
    }

    fn write(&self, out: &mut dyn Write, parts: Vec<String>, totals: Totals) -> io::Result<()> {
        write_parts(out, parts, "", false)?;
        writeln!(out, "{}", totals.summary())
    }
}

/// One line per diagnostic, then the summary line.
pub struct Concise;

impl Emitter for Concise {
    fn file(&self, f: &FileDiagnostics<'_>) -> String {
        check_concise::lines(f.path, f.text, f.diagnostics)
    }

    fn write(&self, out: &mut dyn Write, parts: Vec<String>, totals: Totals) -> io::Result<()> {
        write_parts(out, parts, "", false)?;
        writeln!(out, "{}", totals.summary())
    }
}

/// GitHub Actions workflow commands; the summary goes to standard error.
pub struct Github;

impl Emitter for Github {
    fn file(&self, f: &FileDiagnostics<'_>) -> String {
        github::commands(f.path, f.text, f.diagnostics)
    }

    fn write(&self, out: &mut dyn Write, parts: Vec<String>, _: Totals) -> io::Result<()> {
        write_parts(out, parts, "", false)
    }

    fn summary_on_stderr(&self, totals: Totals) -> Option<String> {
        Some(totals.summary())
    }
}

/// The JSON document of docs/json.md.
pub struct Json;

impl Emitter for Json {
    fn file(&self, f: &FileDiagnostics<'_>) -> String {
        check_json::file_output(f.path, f.text, f.diagnostics).to_json_fragment()
    }

    fn write(&self, out: &mut dyn Write, parts: Vec<String>, totals: Totals) -> io::Result<()> {
        let any = !parts.is_empty();
        out.write_all(check_json::document_head(any).as_bytes())?;
        write_parts(out, parts, check_json::DOCUMENT_SEPARATOR, false)?;
        writeln!(
            out,
            "{}",
            check_json::document_tail(any, totals.errors, totals.warnings)
        )
    }
}

/// A SARIF 2.1.0 log.
pub struct Sarif<'a>(pub sarif::Log<'a>);

impl Emitter for Sarif<'_> {
    fn file(&self, f: &FileDiagnostics<'_>) -> String {
        sarif::results(f)
    }

    fn write(&self, out: &mut dyn Write, parts: Vec<String>, _: Totals) -> io::Result<()> {
        if parts.iter().all(String::is_empty) {
            return out.write_all(self.0.whole(&[]).as_bytes());
        }
        out.write_all(self.0.head().as_bytes())?;
        write_parts(out, parts, sarif::Log::SEPARATOR, true)?;
        out.write_all(self.0.tail().as_bytes())
    }
}
