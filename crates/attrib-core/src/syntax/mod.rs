//! The syntax layer: text → typed tree with byte spans.
//!
//! Parsing never panics and never stops at the first error: the file is cut
//! at every line that starts a declaration and each piece is parsed on its
//! own, so every broken declaration gets its own diagnostic and the good ones
//! still build (see [`parse_file`]).

pub mod ast;
mod build;
mod expected;
mod scan;
mod teach;

use crate::diagnostics::Diagnostic;
use crate::grammar::{AttribParser, Rule};
use ast::File;
use build::Builder;
use pest::Parser;

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
            recover(
                text,
                start..end,
                error_offset(start, &e),
                &mut file,
                &mut diagnostics,
            );
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

/// Where in the file a piece's syntax error is.
fn error_offset(base: usize, e: &pest::error::Error<Rule>) -> usize {
    base + match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// How many line starts before a syntax error are tried as the place to
/// cut a broken declaration.
const MAX_CUTS: usize = 4;

/// Keep what can be read of a broken piece (`text[range]`, whose syntax
/// error is at `error`): the declaration cut at the start of the line of
/// the error (or of an earlier line, up to [`MAX_CUTS`], where a field
/// starts) with a `}` put after it, else its header alone (`KEYWORD ID {`).
/// What is kept is marked partial (`Head::partial`): later phases know that
/// the fields after the cut are missing. When neither parses, the piece
/// adds nothing.
fn recover(
    text: &str,
    range: std::ops::Range<usize>,
    error: usize,
    file: &mut File,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let start = range.start;
    let end = text[..range.end].trim_end().len().max(start);
    let mut cut = line_start(text, error.min(range.end)).max(start);
    for _ in 0..MAX_CUTS {
        if cut <= start {
            break;
        }
        if starts_a_field(text, start, cut)
            && build_partial(text, start, &text[start..cut], end, file, diagnostics)
        {
            return;
        }
        cut = line_start(text, cut - 1);
    }
    // The header alone, when its id is followed by `{`.
    let header = scan::header_at(text, start);
    if header.end >= range.end {
        return;
    }
    let after = &text[header.end..range.end];
    let gap = after.len() - skip_blank(after).len();
    if header.end > header.start && after[gap..].starts_with('{') {
        let brace = header.end + gap;
        build_partial(text, start, &text[start..=brace], end, file, diagnostics);
    }
}

/// Parse `prefix` (text from `start`) with a `}` after it; on success, add
/// its declarations, the last one marked partial and spanning to `end`.
fn build_partial(
    text: &str,
    start: usize,
    prefix: &str,
    end: usize,
    file: &mut File,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut closed = String::with_capacity(prefix.len() + 1);
    closed.push_str(prefix);
    closed.push('}');
    let Ok(mut pairs) = AttribParser::parse(Rule::file, &closed) else {
        return false;
    };
    let root = pairs.next().expect("a successful parse has its root");
    let before = file.decls.len();
    let mut built = Vec::new();
    Builder::new(start, &mut built).file(root, &mut file.decls);
    if file.decls.len() == before {
        return false;
    }
    // Diagnostics of building the fields that were read are the file's; the
    // `}` put after them is not in the file.
    let cut = start + prefix.len();
    diagnostics.extend(built.into_iter().filter(|d| d.primary().end <= cut));
    let last = file.decls.last_mut().expect("a declaration was added");
    let head = last.head_mut();
    head.partial = true;
    head.span = crate::span::Span::new(head.span.start, end.max(head.header.end).min(text.len()));
    true
}

/// The start of the line holding `offset` (a line ends at `\n` or a lone
/// `\r`).
fn line_start(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// White space and comments at the start of `text` skipped.
fn skip_blank(text: &str) -> &str {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('#') {
            Some(comment) => {
                rest = comment.find(['\n', '\r']).map_or("", |i| &comment[i..]);
            }
            None => return trimmed,
        }
    }
}

/// Whether a declaration can be cut at `cut` (a line start) without cutting
/// a field in two: the line before does not end a list with a comma, and
/// the line at the cut does not go on with the field before it (a
/// connecting word such as `to` or `per`, text, a date or a count).
fn starts_a_field(text: &str, start: usize, cut: usize) -> bool {
    let before = text[start..cut]
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .rfind(|l| !l.is_empty());
    if before.is_some_and(|l| l.ends_with(',')) {
        return false;
    }
    let line = skip_blank(&text[cut..]);
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    // `with` also starts a field of its own: a line that starts with it is
    // that field.
    let continues =
        crate::language::is_connector(&word) && !crate::language::starts_some_field(&word);
    !continues
        && !line.starts_with(['"', ',', '~'])
        && !line.starts_with(|c: char| c.is_ascii_digit())
}

/// Byte ranges of the pieces the file splits into: each starts at a line
/// whose first word is a declaration keyword.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut push = |offset: usize| {
        if crate::language::starts_declaration(&bytes[offset..]) {
            starts.push(offset);
        }
    };
    if memchr::memchr(b'\r', bytes).is_none() {
        for newline in memchr::memchr_iter(b'\n', bytes) {
            push(newline + 1);
        }
    } else {
        // Lines end at LF, CRLF or a lone CR.
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if !(bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n')) {
                push(end + 1);
            }
        }
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        out.push((s, e));
    }
    out
}
