//! Scanning the text around a syntax error, below the modules that word
//! the error (`expected`, `teach`): where a declaration's header is, which
//! word stands at an offset.

use crate::span::Span;

/// The keyword and id that open the declaration at `start` (the start of a
/// piece), skipping comments and white space before it.
pub(super) fn header_at(text: &str, start: usize) -> Span {
    let mut at = start;
    // Lines end at LF, CRLF or a lone CR.
    for line in text[start..].split_inclusive(['\n', '\r']) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            at += line.len();
            continue;
        }
        at += line.len() - trimmed.len();
        break;
    }
    let keyword = word_at(text, at).map_or(0, str::len);
    let rest = &text[at + keyword..];
    let gap = rest.len() - rest.trim_start().len();
    let id = word_at(text, at + keyword + gap).map_or(0, str::len);
    Span::new(at, at + keyword + gap + id)
}

/// The word (letters, digits, `-`, `_`, `.`, `~`) starting at `pos`, if any.
pub(super) fn word_at(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| &rest[..len])
}
