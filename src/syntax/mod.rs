//! The syntax layer: text → typed tree with byte spans.
//!
//! Parsing never panics and never stops at the first error: the file is cut
//! at every line that starts a declaration and each piece is parsed on its
//! own, so every broken declaration gets its own diagnostic and the good ones
//! still build (see [`parse_file`]).

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

/// Read a date written as in a case file (`2022-09-30`, `2022-09`,
/// `~2021-05`, `2021-10 to 2022-01`): for options such as `--as-of`. `None`
/// when the text is not a date or names a day that does not exist.
pub fn parse_date(text: &str) -> Option<crate::date::Date> {
    let text = text.trim();
    let mut pairs = AttribParser::parse(Rule::date, text).ok()?;
    let pair = pairs.next()?;
    if pair.as_span().end() != text.len() {
        return None;
    }
    let mut diagnostics = Vec::new();
    let date = Builder::new(0, &mut diagnostics).date_value(pair);
    (diagnostics.is_empty() && date.validate().is_ok()).then_some(date)
}

/// The result of parsing: the tree, the diagnostics of the syntax phase,
/// and whether the whole file was read (no declaration was lost to a
/// syntax error).
pub struct Parsed {
    pub file: File,
    pub diagnostics: Vec<Diagnostic>,
    pub complete: bool,
}

/// Pieces are parsed together in chunks of at least this many bytes: one
/// parse per chunk keeps pest's per-parse costs low, and its tokens for one
/// chunk only are alive at a time.
const CHUNK: usize = 64 * 1024;

/// Parse a whole file, saying whether any of it was lost.
///
/// The file is cut at lines that start a declaration and parsed in chunks
/// of such pieces, so that memory stays proportional to the tree, not to
/// pest's queue of tokens for the whole file. Text blocks are the only
/// tokens that span lines, and a chunk cut inside one fails to parse: when
/// a chunk fails, the whole file is parsed at once to decide, and only if
/// that fails too is each piece parsed on its own, so that every broken
/// declaration gets its own diagnostic and the good ones still build.
pub fn parse_file(text: &str) -> Parsed {
    let pieces = pieces(text);
    let mut diagnostics = Vec::new();
    let mut file = File::default();
    let mut chunk_start = 0;
    let mut failed = None;
    for (k, &(_, end)) in pieces.iter().enumerate() {
        let last = k + 1 == pieces.len();
        if end - chunk_start < CHUNK && !last {
            continue;
        }
        if let Err(e) = parse_into(text, chunk_start..end, &mut file, &mut diagnostics) {
            failed = Some((chunk_start..end, e));
            break;
        }
        chunk_start = end;
    }
    let whole = match failed {
        None => {
            return Parsed {
                file,
                diagnostics,
                complete: true,
            };
        }
        // The chunk was the whole file (most files are smaller than a
        // chunk): its error is the whole file's.
        Some((chunk, e)) if chunk == (0..text.len()) => e,
        // A chunk failed. Perhaps it was cut inside a text block: the whole
        // file decides.
        Some(_) => {
            let mut diagnostics = Vec::new();
            let mut file = File::default();
            match parse_into(text, 0..text.len(), &mut file, &mut diagnostics) {
                Ok(()) => {
                    return Parsed {
                        file,
                        diagnostics,
                        complete: true,
                    };
                }
                Err(whole) => whole,
            }
        }
    };
    let mut diagnostics = Vec::new();
    let mut file = File::default();
    for &(start, end) in &pieces {
        if let Err(e) = parse_into(text, start..end, &mut file, &mut diagnostics) {
            diagnostics.push(expected::describe(text, start, &e));
        }
    }
    if diagnostics
        .iter()
        .all(|d| d.code != crate::diagnostics::Code::Syntax)
    {
        // Every piece parsed on its own, yet the whole did not (a text
        // block spanning a declaration keyword, say): report the whole.
        diagnostics.push(expected::describe(text, 0, &whole));
    }
    Parsed {
        file,
        diagnostics,
        complete: false,
    }
}

/// Parse `text[range]` and add its declarations (and any diagnostics of
/// building them) to `file`; on a syntax error nothing is added.
fn parse_into(
    text: &str,
    range: std::ops::Range<usize>,
    file: &mut File,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Box<pest::error::Error<Rule>>> {
    let start = range.start;
    let mut pairs = AttribParser::parse(Rule::file, &text[range]).map_err(Box::new)?;
    let root = pairs.next().expect("a successful parse has its root");
    Builder::new(start, diagnostics).file(root, &mut file.decls);
    Ok(())
}

/// Byte ranges of the pieces the file splits into: each starts at a line
/// whose first word is a declaration keyword.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let offset = newline + 1;
        if starts_declaration(&text.as_bytes()[offset..]) {
            starts.push(offset);
        }
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        out.push((s, e));
    }
    out
}

/// Whether the line starting `line` (the rest of the text) starts with a
/// declaration keyword and a space or tab.
fn starts_declaration(line: &[u8]) -> bool {
    // Most lines start with white space, `#` or `}`: decide those by one byte.
    if !matches!(line.first(), Some(b'a' | b'c' | b'e' | b'r' | b's')) {
        return false;
    }
    DECL_KEYWORDS.iter().any(|k| {
        line.strip_prefix(k.as_bytes())
            .is_some_and(|rest| matches!(rest.first(), Some(b' ' | b'\t')))
    })
}
