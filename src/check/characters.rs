//! Characters that must not hide in a case file: control characters (NUL,
//! escape …: `E0003`) and the bidirectional controls that reorder what an
//! editor shows (`W0107`, "Trojan Source").
//!
//! One pass over the bytes; a file of ordinary text costs a compare or two
//! per byte. The tab, the line feed and the carriage return are the only
//! control characters a file may hold; one diagnostic per run of others
//! (a run is never split by `attrib fmt`), with a fix that deletes it. Where the parser
//! already stopped on such a character (outside text and comments), the
//! syntax error says so, and nothing is added.

use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;

/// The bidirectional embeddings, overrides and isolates: they change the
/// order in which the text after them is shown (the characters Rust's
/// compiler lints for the same reason).
pub fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A control character other than tab, line feed and carriage return.
pub fn is_hidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The bytes that may start a control or bidirectional character: below
/// 0x20 (but tab, LF and CR) and 0x7F; 0xC2 starts the C1 controls, 0xE2
/// the bidirectional controls. One table lookup a byte.
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Whether a text may hold a character [`crate::render::is_hidden`] would
/// escape, or a lone CR (one table lookup a byte): most texts hold none,
/// and need no closer look.
pub fn may_hide(text: &str) -> bool {
    text.bytes()
        .any(|b| SUSPECT[b as usize] || b == b'\r' || b == 0xD8)
}

/// "U+001B" and its name when Unicode gives one.
fn named(c: char) -> String {
    match unicode_names2::name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Diagnostics for the control and bidirectional characters of `text`, one
/// per run of them; `reported` are the diagnostics already made (syntax
/// errors), whose places are not reported again.
pub fn check(text: &str, reported: &[Diagnostic]) -> Vec<Diagnostic> {
    let bytes = text.as_bytes();
    let suspect = |b: u8| SUSPECT[b as usize];
    let Some(first) = bytes.iter().position(|&b| suspect(b)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // The run being read: whether of control characters, its span, its
    // first character and its length in characters.
    let mut run: Option<(bool, Span, char, usize)> = None;
    let mut i = first;
    while i <= bytes.len() {
        let found = bytes
            .get(i)
            .filter(|&&b| suspect(b))
            .and_then(|_| text[i..].chars().next())
            .and_then(|c| {
                if is_hidden_control(c) {
                    Some((true, c))
                } else if reorders(c) {
                    Some((false, c))
                } else {
                    None
                }
            });
        match (found, run.as_mut()) {
            (Some((control, c)), Some(r)) if r.0 == control && r.1.end == i => {
                r.1.end = i + c.len_utf8();
                r.3 += 1;
            }
            (found, _) => {
                if let Some(r) = run.take() {
                    out.extend(diagnose(r, reported));
                }
                if let Some((control, c)) = found {
                    run = Some((control, Span::new(i, i + c.len_utf8()), c, 1));
                }
            }
        }
        match found {
            Some((_, c)) => i += c.len_utf8(),
            None => i += 1,
        }
    }
    out
}

/// The diagnostic of one run of control (or bidirectional) characters.
fn diagnose(
    (control, span, c, count): (bool, Span, char, usize),
    reported: &[Diagnostic],
) -> Option<Diagnostic> {
    if reported
        .iter()
        .any(|d| d.code == Code::Syntax && d.primary().start == span.start)
    {
        return None;
    }
    let shown = format!("`{}`", c.escape_unicode());
    let what = match count {
        1 => named(c),
        n => format!("{n} of them, the first {}", named(c)),
    };
    let d = if control {
        Diagnostic::new(
            Code::ControlCharacter,
            format!("a control character in the file: {what}"),
        )
        .label(span, format!("{shown}, invisible in an editor"))
        .help("delete it; if the text needs it, write it as an escape, which shows what it is: `\\u{…}`")
    } else {
        Diagnostic::new(
            Code::BidiControl,
            format!("a character that reorders the text after it: {what}"),
        )
        .label(span, format!("{shown} changes how the rest of the line is shown"))
        .help("delete it: the text of a case file must read as it is written; write `\\u{…}` if a quotation needs it")
    };
    let title = if count > 1 {
        "Delete these characters"
    } else {
        "Delete the character"
    };
    Some(d.fix(title, span, ""))
}
