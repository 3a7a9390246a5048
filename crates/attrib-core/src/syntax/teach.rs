//! Syntax errors that name the mistake: a trailing comma, a missing comma,
//! a quote inside a quote, curly quotes and non-breaking spaces pasted from
//! elsewhere, a date with slashes, a field of another kind of declaration,
//! an id with a space, a backslash that starts no escape, a text block or a
//! declaration never closed.
//!
//! Each looks at the text around the place pest stopped, only when a file
//! has a syntax error (never on the parser's path), and returns a
//! diagnostic that says what was written, what it means, and how to write
//! it, with the fix as data where there is one. [`super::expected`] falls
//! back to pest's "expected …" when none applies.

use crate::diagnostics::{Code, Diagnostic, Fix};
use crate::grammar::Rule;
use crate::language::{self, Arity, Value};
use crate::span::Span;
use crate::syntax::ast::DeclKind;
use crate::vocab::Role;

/// What pest was looking for where it stopped.
pub(super) struct Stop<'a> {
    pub text: &'a str,
    /// Where the piece that failed starts (a declaration's first line).
    pub base: usize,
    /// Where pest stopped.
    pub pos: usize,
    pub positives: &'a [Rule],
    /// `}` was one of the things expected.
    pub closes: bool,
    /// A field keyword was expected (the position is between fields).
    pub field_expected: bool,
    /// Only `{` was expected (after a declaration's id).
    pub brace_expected: bool,
}

/// A diagnostic that names the mistake at `stop`, if one is recognised.
pub(super) fn teach(stop: &Stop<'_>) -> Option<Diagnostic> {
    unicode_lookalike(stop)
        .or_else(|| unclosed_block(stop))
        .or_else(|| unclosed_at_end(stop))
        .or_else(|| bad_escape(stop))
        .or_else(|| slashed_range(stop))
        .or_else(|| slashed_date(stop))
        .or_else(|| trailing_comma(stop))
        .or_else(|| quote_in_quote(stop))
        .or_else(|| id_with_space(stop))
        .or_else(|| missing_comma(stop))
        .or_else(|| field_of_another_kind(stop))
}

// ------------------------------------------------------------------ helpers

/// The line holding `pos`: its start and end (before the line break).
fn line_around(text: &str, pos: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = bytes[..pos]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let end = bytes[pos..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |i| pos + i);
    (start, end)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_')
}

/// The word (letters, digits, `-`, `_`) starting at `pos`.
fn word_at(text: &str, pos: usize) -> Option<Span> {
    let rest = text.get(pos..)?;
    let len: usize = rest
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| Span::new(pos, pos + len))
}

/// The word ending at `end`.
fn word_before(text: &str, end: usize) -> Option<Span> {
    let len: usize = text[..end]
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| Span::new(end - len, end))
}

/// The offset just after the last token before `pos`, skipping white space
/// (line breaks too when `lines`) and, across lines, comments.
fn token_end_before(text: &str, pos: usize, lines: bool) -> usize {
    let mut at = pos;
    loop {
        let before = &text[..at];
        let trimmed = if lines {
            before.trim_end()
        } else {
            before.trim_end_matches([' ', '\t'])
        };
        at = trimmed.len();
        if !lines {
            return at;
        }
        // A comment ending the line before: go to before it.
        let (line_start, _) = line_around(text, at.saturating_sub(1));
        let line = &text[line_start..at];
        match comment_start(line) {
            Some(c) => at = line_start + c,
            None => return at,
        }
    }
}

/// The characters of a line that are outside `"…"` text, with their
/// offsets; the quotes themselves are left out, a comment's `#` is not.
fn chars_outside_text(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut in_text = false;
    let mut escaped = false;
    line.char_indices().filter(move |&(_, c)| {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_text => escaped = true,
            '"' => in_text = !in_text,
            _ => return !in_text,
        }
        false
    })
}

/// Where a `#` comment starts on a line, outside text.
fn comment_start(line: &str) -> Option<usize> {
    chars_outside_text(line)
        .find(|&(_, c)| c == '#')
        .map(|(i, _)| i)
}

/// The kind of the declaration the piece at `base` opens, from its keyword.
fn decl_kind(text: &str, base: usize) -> Option<DeclKind> {
    let header = super::scan::header_at(text, base);
    let keyword = word_at(text, header.start)?;
    language::DECLARATIONS
        .into_iter()
        .find(|k| k.keyword() == &text[keyword.start..keyword.end])
}

fn one_fix(title: impl Into<String>, edits: Vec<(Span, String)>) -> Fix {
    Fix {
        title: title.into(),
        edits,
    }
}

fn with_fix(mut d: Diagnostic, fix: Fix) -> Diagnostic {
    d.fixes.push(fix);
    d
}

// ------------------------------------------------------------------ mistakes

const DOUBLE_CURLY: [char; 5] = ['\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}'];
const SINGLE_CURLY: [char; 4] = ['\u{2018}', '\u{2019}', '\u{201A}', '\u{2032}'];

/// The characters outside text on a line, before any comment, with their offsets.
fn outside_text(line: &str) -> Vec<(usize, char)> {
    chars_outside_text(line)
        .take_while(|&(_, c)| c != '#')
        .collect()
}

/// Curly quotes from a word processor, a non-breaking or other Unicode
/// space from a web page.
fn unicode_lookalike(stop: &Stop<'_>) -> Option<Diagnostic> {
    let c = stop.text[stop.pos..].chars().next()?;
    let quote = DOUBLE_CURLY.contains(&c) || SINGLE_CURLY.contains(&c);
    let space = !c.is_ascii() && (c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}'));
    if !quote && !space {
        return None;
    }
    let (line_start, line_end) = line_around(stop.text, stop.pos);
    let line = &stop.text[line_start..line_end];
    let at = Span::new(stop.pos, stop.pos + c.len_utf8());
    let name = crate::chars::code_and_name(c);
    if space {
        let edits: Vec<(Span, String)> = outside_text(line)
            .into_iter()
            .filter(|&(_, d)| {
                !d.is_ascii() && (d.is_whitespace() || matches!(d, '\u{200B}' | '\u{2060}'))
            })
            .map(|(i, d)| {
                let s = line_start + i;
                (Span::new(s, s + d.len_utf8()), " ".to_string())
            })
            .collect();
        let d = Diagnostic::new(
            Code::Syntax,
            format!("a {name}, as pasted from a web page, where an ordinary space belongs"),
        )
        .label(at, "not an ordinary space")
        .help("attrib separates words with ordinary spaces, tabs and line breaks: replace this character with a space");
        return Some(with_fix(
            d,
            one_fix("Replace with an ordinary space", edits),
        ));
    }
    // The quote that opens and the last curly quote of the line after it.
    let double = DOUBLE_CURLY.contains(&c);
    let family: &[char] = if double { &DOUBLE_CURLY } else { &SINGLE_CURLY };
    let close = line[stop.pos - line_start + c.len_utf8()..]
        .char_indices()
        .rfind(|(_, d)| family.contains(d))
        .map(|(i, d)| {
            let s = stop.pos + c.len_utf8() + i;
            Span::new(s, s + d.len_utf8())
        });
    let mut edits = vec![(at, "\"".to_string())];
    if let Some(close) = close {
        edits.push((close, "\"".to_string()));
    }
    let what = if double {
        "a curly quote"
    } else {
        "a curly single quote"
    };
    let d = Diagnostic::new(
        Code::Syntax,
        format!("{what} ({name}), as a word processor writes it: text goes between straight double quotes `\"`"),
    )
    .label(at, "a curly quote");
    let d = match close {
        Some(close) => d.label(close, "and its closing quote"),
        None => d,
    };
    let d = d.help("replace the curly quotes around the text with `\"`; inside text, curly quotes are kept as they are");
    Some(with_fix(d, one_fix("Replace with straight quotes", edits)))
}

/// A `"""` text block that reaches the end of its declaration unclosed.
fn unclosed_block(stop: &Stop<'_>) -> Option<Diagnostic> {
    if !stop
        .positives
        .iter()
        .any(|r| matches!(r, Rule::block_end | Rule::block_body))
    {
        return None;
    }
    // The last `"""` before the stop opened the block that is not closed.
    let open = stop.text[stop.base..stop.pos].rfind("\"\"\"")? + stop.base;
    let found = match word_at(stop.text, stop.pos) {
        Some(w) if crate::language::declaration(&stop.text[w.start..w.end]).is_some() => {
            (w, "the next declaration starts here")
        }
        _ => (
            Span::new(stop.pos, stop.pos),
            "the text block is still open here",
        ),
    };
    Some(
        Diagnostic::new(
            Code::Syntax,
            "a text block opened with `\"\"\"` is never closed",
        )
        .label(
            Span::new(open, open + 3),
            "this `\"\"\"` opens a text block",
        )
        .label(found.0, found.1)
        .help("close the block with `\"\"\"` on a line after its text"),
    )
}

/// The last declaration of a file without its `}`.
fn unclosed_at_end(stop: &Stop<'_>) -> Option<Diagnostic> {
    if !stop.closes || !stop.text[stop.pos..].trim().is_empty() {
        return None;
    }
    let header = super::scan::header_at(stop.text, stop.base);
    // The last line of the declaration, where `}` belongs after.
    let end = stop.text[..stop.pos].trim_end().len();
    let (line_start, _) = line_around(stop.text, end.saturating_sub(1));
    let indent = stop.text[line_start..end].len() - stop.text[line_start..end].trim_start().len();
    let last = Span::new(line_start + indent, end);
    if last.start <= header.end {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::Syntax,
            format!(
                "`{}` is not closed: expected `}}` before the end of the file",
                &stop.text[header.start..header.end]
            ),
        )
        .label(last, "the file ends after this line")
        .label(header, "this declaration has no closing `}`")
        .help("add `}` on a line after the declaration's last field")
        .fix("Close the declaration", Span::new(end, end), "\n}"),
    )
}

/// Whether a text's raw form looks like a Windows path: `C:\…`.
pub(crate) fn looks_like_path(raw: &str) -> bool {
    raw.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_alphabetic() && w[1] == b':' && w[2] == b'\\')
}

/// A backslash in text that starts no escape: `"C:\Users"`.
fn bad_escape(stop: &Stop<'_>) -> Option<Diagnostic> {
    if !stop.text[stop.pos..].starts_with('\\') && !stop.positives.contains(&Rule::escape) {
        return None;
    }
    let slash = if stop.text[stop.pos..].starts_with('\\') {
        stop.pos
    } else {
        stop.pos
            .checked_sub(1)
            .filter(|&p| stop.text[p..].starts_with('\\'))?
    };
    let after = stop.text[slash + 1..].chars().next()?;
    if matches!(after, '"' | '\\' | 'n' | 't') {
        return None;
    }
    let shown: String = if after.is_control() || after.is_whitespace() {
        format!("\\ followed by {}", crate::chars::code_and_name(after))
    } else {
        format!("`\\{after}`")
    };
    let (line_start, line_end) = line_around(stop.text, slash);
    // The text on this line that holds the backslash: from its opening
    // quote before it to the end of the line.
    let opening = stop.text[line_start..slash]
        .rfind('"')
        .map(|i| line_start + i);
    let path = opening.is_some_and(|o| looks_like_path(&stop.text[o..line_end]));
    let at = Span::new(slash, slash + 1 + after.len_utf8());
    let d = Diagnostic::new(
        Code::Syntax,
        format!("{shown} is not an escape: in text, a backslash starts an escape"),
    )
    .label(at, "a backslash that starts no escape")
    .help(
        "write `\\\\` for a backslash (`\"C:\\\\Users\"`); the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{…}`",
    );
    // In a path, every lone backslash of the text is a separator.
    let edits: Vec<(Span, String)> = match (path, opening) {
        (true, Some(o)) => {
            let mut edits = Vec::new();
            let bytes = stop.text.as_bytes();
            let mut i = o + 1;
            while i < line_end {
                match bytes[i] {
                    b'"' => break,
                    b'\\' if matches!(bytes.get(i + 1), Some(b'\\' | b'"')) => i += 2,
                    b'\\' => {
                        edits.push((Span::new(i, i + 1), "\\\\".to_string()));
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            edits
        }
        _ => vec![(Span::new(slash, slash + 1), "\\\\".to_string())],
    };
    let title = if edits.len() > 1 {
        "Write each backslash as `\\\\`"
    } else {
        "Write the backslash as `\\\\`"
    };
    Some(with_fix(d, one_fix(title, edits)))
}

/// A range written the ISO way, `A/B` (`2022-03-31/2022-04-01`), or with
/// its end shortened (`2016-07-22/26`, `2016-07-22/08-02`): the language
/// writes `A to B`, each end in full.
fn slashed_range(stop: &Stop<'_>) -> Option<Diagnostic> {
    let text = stop.text;
    if !text[stop.pos..].starts_with('/') {
        return None;
    }
    let is_date_char = |c: char| c.is_ascii_digit() || matches!(c, '-' | '~');
    let start = stop.pos
        - text[..stop.pos]
            .chars()
            .rev()
            .take_while(|&c| is_date_char(c))
            .map(char::len_utf8)
            .sum::<usize>();
    let after = stop.pos + 1;
    let end = after
        + text[after..]
            .chars()
            .take_while(|&c| is_date_char(c))
            .map(char::len_utf8)
            .sum::<usize>();
    let (from, tail) = (&text[start..stop.pos], &text[after..end]);
    fn numbers(s: &str) -> Option<Vec<&str>> {
        let parts: Vec<&str> = s.split('-').collect();
        parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then_some(parts)
    }
    let from_parts = numbers(from.trim_start_matches('~'))?;
    let tail_parts = numbers(tail.trim_start_matches('~'))?;
    if from_parts[0].len() != 4
        || from_parts.len() > 3
        || from_parts[1..].iter().any(|p| p.len() != 2)
    {
        return None;
    }
    // The end in full: a full date, or the start's leading parts with the
    // tail's in place of its last ones.
    let to = if tail_parts[0].len() == 4 {
        tail.to_string()
    } else if tail_parts.iter().all(|p| p.len() == 2) && tail_parts.len() < from_parts.len() {
        let keep = from_parts.len() - tail_parts.len();
        let mut parts: Vec<&str> = from_parts[..keep].to_vec();
        parts.extend(&tail_parts);
        let approx = if tail.starts_with('~') { "~" } else { "" };
        format!("{approx}{}", parts.join("-"))
    } else {
        return None;
    };
    let span = Span::new(start, end);
    let written = format!("{from} to {to}");
    let d = Diagnostic::new(
        Code::Syntax,
        format!(
            "a range of dates is written `A to B`: `{}` is `{written}`",
            &text[start..end]
        ),
    )
    .label(span, "a range written with `/`")
    .help("write both ends in full (a year, a month or a day each) with `to` between them");
    Some(d.fix(format!("Write `{written}`"), span, written))
}

/// A date written with slashes or dots (`2022/07/15`, `15.07.2022`) or
/// without zeros (`2022-7-5`).
fn slashed_date(stop: &Stop<'_>) -> Option<Diagnostic> {
    let text = stop.text;
    let is_date_char = |c: char| c.is_ascii_digit() || matches!(c, '/' | '.' | '-');
    let back: usize = text[..stop.pos]
        .chars()
        .rev()
        .take_while(|&c| is_date_char(c))
        .map(char::len_utf8)
        .sum();
    let start = stop.pos - back;
    let fwd: usize = text[start..]
        .chars()
        .take_while(|&c| is_date_char(c))
        .map(char::len_utf8)
        .sum();
    let token = text[start..start + fwd].trim_end_matches(['.', '-', '/']);
    if token.is_empty() || !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = token.split(['/', '.', '-']).collect();
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let dashes_only = !token.contains(['/', '.']);
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let span = Span::new(start, start + token.len());
    let iso = |y: u32, m: u32, d: Option<u32>| match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    };
    // Year first, or year last with the day and month in some order.
    let written = if parts[0].len() == 4 {
        Some(iso(n[0], n[1], n.get(2).copied()))
    } else if parts.len() == 3 && parts[2].len() == 4 && !dashes_only {
        match (n[0], n[1]) {
            (d, m) if d > 12 && m <= 12 => Some(iso(n[2], m, Some(d))),
            (m, d) if d > 12 && m <= 12 => Some(iso(n[2], m, Some(d))),
            _ => None,
        }
    } else {
        return None;
    };
    if dashes_only && parts.iter().all(|p| p.len() != 1) {
        return None;
    }
    let message = match &written {
        Some(iso) => format!("dates are written year first with `-`: `{token}` is `{iso}`"),
        None => format!(
            "dates are written year first with `-`, as YYYY-MM-DD: is `{token}` day {} of month {}, or day {} of month {}?",
            n[0], n[1], n[1], n[0]
        ),
    };
    let d = Diagnostic::new(Code::Syntax, message)
        .label(span, "a date written another way")
        .help(
            "write dates as 2022-07-15, 2022-07 or 2022, with two digits for the month and the day",
        );
    Some(match written {
        Some(iso) => d.fix(format!("Write `{iso}`"), span, iso),
        None => d,
    })
}

/// A list that ends with a comma: the next field's keyword (or the `}`) is
/// read as one more item.
fn trailing_comma(stop: &Stop<'_>) -> Option<Diagnostic> {
    let text = stop.text;
    let prev = token_end_before(text, stop.pos, true);
    let (comma, swallowed) = if text[..prev].ends_with(',') {
        // `source a, 2022`: a bad item after the comma, on its line, is not
        // a trailing comma.
        let (line_start, _) = line_around(text, stop.pos);
        if prev > line_start && !text[stop.pos..].starts_with('}') && stop.pos < text.len() {
            return None;
        }
        (prev - 1, None)
    } else {
        // `source a,` then `date 2022` on the next line: `date` was read as
        // an item, and pest stopped at what follows it.
        let word = word_before(text, prev)?;
        let w = &text[word.start..word.end];
        if !language::FIELDS
            .iter()
            .any(|f| f.keyword.split(' ').next() == Some(w))
        {
            return None;
        }
        let before = token_end_before(text, word.start, true);
        if !text[..before].ends_with(',') {
            return None;
        }
        (before - 1, Some(word))
    };
    let at = Span::new(comma, comma + 1);
    let message = match swallowed {
        Some(w) => format!(
            "a list ends with a comma, so `{}` after it is read as one more item",
            &text[w.start..w.end]
        ),
        None => "a list ends with a comma".to_string(),
    };
    let d = Diagnostic::new(Code::Syntax, message).label(at, "this comma is followed by no item");
    let d = match swallowed {
        Some(w) => d.label(w, "read as an item of the list"),
        None => d,
    };
    Some(
        d.help("a comma separates two items of a list: delete the comma after the last item")
            .fix("Delete the trailing comma", at, ""),
    )
}

/// A `"` inside text, which ends the text early.
fn quote_in_quote(stop: &Stop<'_>) -> Option<Diagnostic> {
    let text = stop.text;
    let prev = token_end_before(text, stop.pos, false);
    if prev == 0
        || !text[..prev].ends_with('"')
        || prev == stop.pos && !text[stop.pos..].starts_with(|c: char| is_word_char(c))
    {
        return None;
    }
    let (line_start, line_end) = line_around(text, stop.pos);
    let line = &text[line_start..line_end];
    // The unescaped quotes of the line, outside comments.
    let mut quotes = Vec::new();
    let mut escaped = false;
    let mut in_text = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                quotes.push(line_start + i);
                in_text = !in_text;
            }
            '#' if !in_text => break,
            _ => {}
        }
    }
    // The early end, and at least one quote after the stop. The quote that
    // ended the text opens a quotation: a space before it, a word after.
    let early = prev - 1;
    let opens = text[..early].ends_with([' ', '\t']) && text[early + 1..].starts_with(is_word_char);
    if !opens {
        return None;
    }
    let first = *quotes.first()?;
    let last = *quotes.last()?;
    if first >= early || last <= stop.pos || text[line_start..first].contains("\"\"\"") {
        return None;
    }
    let edits: Vec<(Span, String)> = quotes
        .iter()
        .filter(|&&q| q > first && q < last)
        .map(|&q| (Span::new(q, q + 1), "\\\"".to_string()))
        .collect();
    let d = Diagnostic::new(
        Code::Syntax,
        "a `\"` inside text ends the text: write `\\\"` for a quote inside text",
    )
    .label(Span::new(early, early + 1), "the text ends here")
    .label(
        Span::new(
            stop.pos,
            word_at(text, stop.pos).map_or(stop.pos + 1, |w| w.end),
        ),
        "so this is read as what follows the text",
    )
    .help("escape each quote inside the text as `\\\"`: `quote \"he said \\\"no\\\"\"`");
    Some(with_fix(
        d,
        one_fix("Escape the quotes inside the text", edits),
    ))
}

/// An id written as two words: `actor state a {`.
fn id_with_space(stop: &Stop<'_>) -> Option<Diagnostic> {
    if !stop.brace_expected {
        return None;
    }
    let text = stop.text;
    let header = super::scan::header_at(text, stop.base);
    let keyword = word_at(text, header.start)?;
    let id_start = keyword.end
        + (text[keyword.end..].len() - text[keyword.end..].trim_start_matches([' ', '\t']).len());
    let (_, line_end) = line_around(text, stop.pos);
    let brace = text[stop.pos..line_end].find('{')? + stop.pos;
    // The id starts on the line of the stop, before it.
    let (line_start, _) = line_around(text, stop.pos);
    if id_start < line_start || id_start > stop.pos {
        return None;
    }
    let written = text[id_start..brace].trim_end();
    let words: Vec<&str> = written
        .split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || !words.iter().all(|w| w.chars().all(is_word_char)) {
        return None;
    }
    let joined = words.join("-");
    let span = Span::new(id_start, id_start + written.len());
    Some(
        Diagnostic::new(
            Code::Syntax,
            format!("an id is one word, but `{written}` has a space in it"),
        )
        .label(span, "an id with a space")
        .help(format!(
            "join the words with `-` (`{joined}`) and refer to it by that id"
        ))
        .fix(format!("Write `{joined}`"), span, joined),
    )
}

/// Two items of a list with no comma between them: `source a b`.
fn missing_comma(stop: &Stop<'_>) -> Option<Diagnostic> {
    let text = stop.text;
    let found = if text[stop.pos..].starts_with('"') {
        Span::new(stop.pos, stop.pos + 1)
    } else {
        word_at(text, stop.pos)?
    };
    let prev = token_end_before(text, stop.pos, false);
    if prev == stop.pos {
        return None;
    }
    let (line_start, _) = line_around(text, stop.pos);
    if prev <= line_start {
        return None;
    }
    // The field: the line's first word, or on a line that holds a whole
    // declaration, the nearest field keyword before the list.
    let kind = decl_kind(text, stop.base)?;
    let field_of = |w: Span| {
        let word = &text[w.start..w.end];
        language::fields_of(kind).find(|f| f.keyword.split(' ').next() == Some(word))
    };
    let line = &text[line_start..];
    let first = word_at(
        text,
        line_start + (line.len() - line.trim_start_matches([' ', '\t']).len()),
    )?;
    let first = match field_of(first) {
        Some(_) => first,
        None => keyword_before(text, line_start, prev, field_of)?,
    };
    let keyword = &text[first.start..first.end];
    let field = field_of(first)?;
    // After a comma the item itself is wrong, not the list.
    if text[..prev].ends_with(',') {
        return None;
    }
    let prev_is_text = text[..prev].ends_with('"');
    let prev_word = (!prev_is_text).then(|| word_before(text, prev)).flatten();
    if prev_word.is_some_and(|w| w.start == first.start) {
        return None; // the keyword itself: not an item
    }
    let found_word = &text[found.start..found.end];
    let lists = match field.value {
        Value::Refs(_) | Value::Outside(_) => {
            field.arity == Arity::List || matches!(field.value, Value::Refs(_))
        }
        Value::Text | Value::Word(_) => field.arity == Arity::List,
        Value::Phrase(..) => matches!(keyword, "takes" | "locates"),
        _ => false,
    };
    let roles = prev_word.is_some_and(|w| Role::from_word(&text[w.start..w.end]).is_some())
        && Role::from_word(found_word).is_some();
    let same_shape = match field.value {
        Value::Text => prev_is_text && found_word == "\"",
        Value::Refs(_) => {
            !prev_is_text && found_word.starts_with(|c: char| c.is_alphabetic() || c == '_')
        }
        _ => !prev_is_text && found_word != "\"",
    };
    if !(roles || lists && same_shape) {
        return None;
    }
    let before = match prev_word {
        Some(w) => format!("`{}`", &text[w.start..w.end]),
        None => "the text before".to_string(),
    };
    let here = Span::new(prev, prev);
    Some(
        Diagnostic::new(
            Code::Syntax,
            format!("a comma is missing between {before} and what follows it: the items of a list are separated by commas"),
        )
        .label(found, "a comma is missing before this")
        .help(format!("write `{}` as a list: `a, b`", keyword))
        .fix("Insert a comma", here, ","),
    )
}

/// The nearest word before `end` on its line for which `is_field` holds,
/// going back over plain words and commas only (never into text).
fn keyword_before<T>(
    text: &str,
    line_start: usize,
    end: usize,
    is_field: impl Fn(Span) -> Option<T>,
) -> Option<Span> {
    let mut at = end;
    loop {
        at = text[..at].trim_end_matches([' ', '\t', ',']).len();
        let w = word_before(text, at)?;
        if w.start < line_start {
            return None;
        }
        if is_field(w).is_some() {
            return Some(w);
        }
        at = w.start;
    }
}

/// A field of another kind of declaration: `date` on a source.
fn field_of_another_kind(stop: &Stop<'_>) -> Option<Diagnostic> {
    if !stop.field_expected {
        return None;
    }
    let text = stop.text;
    let word = word_at(text, stop.pos)?;
    let w = &text[word.start..word.end];
    let kind = decl_kind(text, stop.base)?;
    let elsewhere: Vec<&language::Field> = language::FIELDS
        .iter()
        .filter(|f| f.decl.is_some_and(|d| d != kind) && f.keyword.split(' ').next() == Some(w))
        .collect();
    if elsewhere.is_empty()
        || language::fields_of(kind).any(|f| f.keyword.split(' ').next() == Some(w))
    {
        return None;
    }
    let mut kinds: Vec<&str> = Vec::new();
    for f in &elsewhere {
        let k = f.decl.expect("filtered").keyword();
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    let plural: Vec<String> = kinds
        .iter()
        .map(|k| {
            if *k == "evidence" {
                "evidence items".to_string()
            } else {
                format!("{k}s")
            }
        })
        .collect();
    let kinds_text = match plural.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    // This kind's own fields with a value of the same sort.
    let same = |a: Value, b: Value| std::mem::discriminant(&a) == std::mem::discriminant(&b);
    let candidates: Vec<&'static language::Field> = language::fields_of(kind)
        .filter(|f| f.decl.is_some())
        .filter(|f| elsewhere.iter().any(|e| same(e.value, f.value)))
        .collect();
    let best = match candidates.as_slice() {
        [one] => Some(*one),
        _ => crate::suggest::nearest(w, candidates.iter().map(|f| f.keyword))
            .and_then(|k| candidates.iter().copied().find(|f| f.keyword == k)),
    };
    let d = Diagnostic::new(
        Code::Syntax,
        format!(
            "{} has no field `{w}`: `{w}` is a field of {kinds_text}",
            kind.with_article()
        ),
    )
    .label(word, format!("not a field of {}", kind.with_article()));
    Some(match best {
        Some(f) => d
            .help(format!("did you mean `{}`? {}", f.keyword, f.example))
            .fix(format!("Replace with `{}`", f.keyword), word, f.keyword),
        None => {
            let own: Vec<String> = language::fields_of(kind)
                .filter(|f| f.decl.is_some())
                .map(|f| format!("`{}`", f.keyword))
                .collect();
            d.help(format!(
                "the fields of {} are {}",
                kind.with_article(),
                own.join(", ")
            ))
        }
    })
}
