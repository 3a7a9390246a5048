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

/// The first byte of `bytes` that [`SUSPECT`] marks. Sixty-four bytes at
/// a time, with a test the compiler turns into vector instructions (a fold
/// of comparisons, no early exit); a block that holds one is then looked at
/// byte by byte.
fn first_suspect(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(64);
    let mut at = 0;
    for block in &mut blocks {
        let any = block.iter().fold(false, |any, &b| {
            any | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
                | (b == 0x7F)
                | (b & 0xDF == 0xC2)
        });
        if any && let Some(k) = block.iter().position(|&b| SUSPECT[b as usize]) {
            return Some(at + k);
        }
        at += 64;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| SUSPECT[b as usize])
        .map(|k| at + k)
}

/// Whether a text holds a character [`crate::chars::is_hidden`] escapes
/// (but tab, LF and CR), or a lone CR: most texts hold none, and are shown
/// as they are. Only the bytes that may start one are looked at.
pub fn may_hide(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Controls, C1 controls and the marks starting with 0xE2.
    let mut at = 0;
    while let Some(k) = first_suspect(&bytes[at..]) {
        let i = at + k;
        let c = text[i..]
            .chars()
            .next()
            .expect("a suspect byte starts a character");
        if crate::chars::is_hidden(c) {
            return true;
        }
        at = i + c.len_utf8();
    }
    // A lone CR, and U+061C (0xD8 0x9C).
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
        || memchr::memmem::find(bytes, "\u{061C}".as_bytes()).is_some()
}

/// Diagnostics for the control and bidirectional characters of `text`, one
/// per run of them; `reported` are the diagnostics already made (syntax
/// errors), whose places are not reported again.
pub fn check(text: &str, reported: &[Diagnostic]) -> Vec<Diagnostic> {
    let bytes = text.as_bytes();
    let suspect = |b: u8| SUSPECT[b as usize];
    let Some(first) = first_suspect(bytes) else {
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
            // No run is open: on to the next suspect byte.
            None if i < bytes.len() => {
                i += 1;
                i += first_suspect(&bytes[i..]).unwrap_or(bytes.len() - i);
            }
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
        1 => crate::chars::code_and_name(c),
        n => format!("{n} of them, the first {}", crate::chars::code_and_name(c)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time search finds what a byte-by-byte one finds.
    #[test]
    fn first_suspect_is_the_first_suspect_byte() {
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut t = b"abcdefgh ijklmnop qrstuvw\nxyz".to_vec();
                t.insert(at, b);
                texts.push(t);
                // Beside every other byte, for the borrows of the tricks.
                for c in 0..=255u8 {
                    if at < 9 {
                        let mut t = b"\t\r\n\x80\xff abcdefgh ijkl".to_vec();
                        t.insert(at, b);
                        t.insert(at + 1, c);
                        texts.push(t);
                    }
                }
            }
        }
        texts.push(Vec::new());
        for t in texts {
            let expected = t.iter().position(|&b| SUSPECT[b as usize]);
            assert_eq!(first_suspect(&t), expected, "{t:?}");
        }
    }
}
