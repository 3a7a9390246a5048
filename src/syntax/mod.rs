//! The syntax layer: text → typed tree with byte spans.
//!
//! Parsing never panics and never stops at the first error: when the whole
//! file does not parse, it is cut at every line that starts a declaration
//! and each piece is parsed on its own, so every broken declaration gets
//! its own diagnostic and the good ones still build.

pub mod ast;
mod build;
mod expected;
pub mod grammar;

use crate::diagnostics::Diagnostic;
use ast::File;
use build::Builder;
use grammar::{AttribParser, Rule};
use pest::Parser;

/// The declaration keywords, which start a new piece when recovering.
pub(crate) const DECL_KEYWORDS: [&str; 7] = [
    "case", "source", "actor", "event", "claim", "evidence", "response",
];

/// Parse a whole file. Syntax errors come back as diagnostics (code
/// `E0001`); the tree holds every declaration that could be read.
pub fn parse(text: &str) -> (File, Vec<Diagnostic>) {
    let parsed = parse_file(text);
    (parsed.file, parsed.diagnostics)
}

/// The result of parsing: the tree, the diagnostics of the syntax phase,
/// and whether the whole file was read (no declaration was lost to a
/// syntax error).
pub struct Parsed {
    pub file: File,
    pub diagnostics: Vec<Diagnostic>,
    pub complete: bool,
}

/// Parse a whole file, saying whether any of it was lost.
pub fn parse_file(text: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let mut file = File::default();
    let mut complete = true;
    match AttribParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let root = pairs.next().expect("a successful parse has its root");
            Builder::new(0, &mut diagnostics).file(root, &mut file.decls);
        }
        Err(whole) => {
            complete = false;
            let before = diagnostics.len();
            for (start, end) in pieces(text) {
                let piece = &text[start..end];
                match AttribParser::parse(Rule::file, piece) {
                    Ok(mut pairs) => {
                        let root = pairs.next().expect("a successful parse has its root");
                        Builder::new(start, &mut diagnostics).file(root, &mut file.decls);
                    }
                    Err(e) => diagnostics.push(expected::describe(text, start, &e)),
                }
            }
            if diagnostics.len() == before {
                // Every piece parsed on its own, yet the whole did not (a text
                // block spanning a declaration keyword, say): report the whole.
                diagnostics.push(expected::describe(text, 0, &whole));
            }
        }
    }
    Parsed {
        file,
        diagnostics,
        complete,
    }
}

/// Byte ranges of the pieces the file splits into: each starts at a line
/// whose first word is a declaration keyword.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && starts_declaration(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        out.push((s, e));
    }
    out
}

fn starts_declaration(line: &str) -> bool {
    DECL_KEYWORDS.iter().any(|k| {
        line.strip_prefix(k)
            .is_some_and(|rest| rest.starts_with([' ', '\t']))
    })
}
