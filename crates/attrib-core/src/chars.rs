//! Character classes and names: the leaf every layer may use (nothing here
//! imports another module of the crate).

/// Characters never written to a terminal as they are: control characters
/// (escape sequences, the bell, NUL …) and the bidirectional controls and
/// marks, which reorder or hide what follows them on the line.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden character ([`is_hidden`]) written visibly, as
/// its escape (`\u{1b}`, `\u{202e}`, `\n`), and every workflow command a CI
/// runner would obey ([`commands`]) broken by an escape. With
/// `keep_line_breaks`, line breaks (LF, and CR before LF) and tabs stay as
/// they are.
pub fn visible(text: &str, keep_line_breaks: bool) -> std::borrow::Cow<'_, str> {
    let commands = commands(text, keep_line_breaks);
    if commands.is_empty() && !hides(text, keep_line_breaks) {
        return text.into();
    }
    let bytes = text.as_bytes();
    let escape = |i: usize, c: char| {
        is_hidden(c)
            && !(keep_line_breaks
                && (matches!(c, '\n' | '\t') || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'))))
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut broken = commands.iter().copied().peekable();
    for (i, c) in text.char_indices() {
        if broken.next_if_eq(&i).is_some() {
            out.extend(c.escape_unicode());
        } else if escape(i, c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Whether `text` holds a character [`visible`] escapes.
fn hides(text: &str, keep_line_breaks: bool) -> bool {
    // The hidden characters in UTF-8, byte by byte (no decoding).
    let bytes = text.as_bytes();
    // Most texts hold no byte that may start one (a fold of comparisons,
    // which the compiler vectorises).
    let may = bytes.iter().fold(false, |any, &b| {
        any | ((b < 0x20) & !(keep_line_breaks & ((b == b'\n') | (b == b'\t'))))
            | (b == 0x7F)
            | (b & 0xDF == 0xC2)
            | (b == 0xD8)
    });
    if !may {
        return false;
    }
    let next = |i: usize, k: usize| bytes.get(i + k).copied().unwrap_or(0);
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => !keep_line_breaks,
        b'\r' => !(keep_line_breaks && next(i, 1) == b'\n'),
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(next(i, 1), 0x80..=0x9F),
        0xD8 => next(i, 1) == 0x9C,
        0xE2 => match next(i, 1) {
            0x80 => matches!(next(i, 2), 0x8E | 0x8F | 0xAA..=0xAE),
            0x81 => matches!(next(i, 2), 0xA6..=0xA9),
            _ => false,
        },
        _ => false,
    })
}

/// Where `text` would give a CI runner a workflow command: the byte offsets
/// of the characters to escape, in order. GitHub's runner obeys a line
/// whose first characters but white space are `::` (`::error::…`,
/// `::add-mask::…`), and `##[` anywhere in a line (`##[error]…`, the older
/// form); so the first `:` of a `::` at the start of a line (of the text,
/// or after a line break when `keep_line_breaks`) is escaped, and the
/// second `#` of every `##[`.
pub fn commands(text: &str, keep_line_breaks: bool) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out: Vec<usize> = memchr::memmem::find_iter(bytes, b"##[")
        .map(|i| i + 1)
        .collect();
    let starts_line = |i: usize| {
        let before =
            text[..i].trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
        before.is_empty() || (keep_line_breaks && before.ends_with(['\n', '\r']))
    };
    if keep_line_breaks {
        out.extend(memchr::memmem::find_iter(bytes, b"::").filter(|&i| starts_line(i)));
    } else if let Some(i) = text.find(|c: char| !c.is_whitespace())
        && text[i..].starts_with("::")
    {
        out.push(i);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A JSON document with nothing in it a terminal or a CI runner would act
/// on: the control characters serde_json leaves as they are (DEL and the C1
/// controls), the bidirectional controls, and the `#` of a `##[`, written
/// as JSON escapes (`\u009b`, `\u0023`), which only strings can hold. The
/// line breaks and spaces of the layout stay.
pub fn visible_json(json: &str) -> std::borrow::Cow<'_, str> {
    let bytes = json.as_bytes();
    let may = bytes.iter().fold(false, |any, &b| {
        any | (b == 0x7F) | (b & 0xDF == 0xC2) | (b == 0xD8) | (b == b'#')
    });
    if !may {
        return json.into();
    }
    let commands = commands(json, false);
    let escape = |c: char| is_hidden(c) && !matches!(c, '\n' | '\t' | '\r');
    if commands.is_empty() && !json.chars().any(escape) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut broken = commands.iter().copied().peekable();
    for (i, c) in json.char_indices() {
        if broken.next_if_eq(&i).is_some() || escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The Unicode names of the characters attrib names in its messages: every
/// white space character (`char::is_whitespace`), and the quotation marks
/// and formatting characters a case may hold by mistake (control characters
/// have no name). Sorted by code point.
const NAMES: &[(char, &str)] = &[
    ('\u{0020}', "SPACE"),
    ('\u{00A0}', "NO-BREAK SPACE"),
    ('\u{00AB}', "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"),
    ('\u{00BB}', "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{1680}', "OGHAM SPACE MARK"),
    ('\u{2000}', "EN QUAD"),
    ('\u{2001}', "EM QUAD"),
    ('\u{2002}', "EN SPACE"),
    ('\u{2003}', "EM SPACE"),
    ('\u{2004}', "THREE-PER-EM SPACE"),
    ('\u{2005}', "FOUR-PER-EM SPACE"),
    ('\u{2006}', "SIX-PER-EM SPACE"),
    ('\u{2007}', "FIGURE SPACE"),
    ('\u{2008}', "PUNCTUATION SPACE"),
    ('\u{2009}', "THIN SPACE"),
    ('\u{200A}', "HAIR SPACE"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{2018}', "LEFT SINGLE QUOTATION MARK"),
    ('\u{2019}', "RIGHT SINGLE QUOTATION MARK"),
    ('\u{201A}', "SINGLE LOW-9 QUOTATION MARK"),
    ('\u{201C}', "LEFT DOUBLE QUOTATION MARK"),
    ('\u{201D}', "RIGHT DOUBLE QUOTATION MARK"),
    ('\u{201E}', "DOUBLE LOW-9 QUOTATION MARK"),
    ('\u{2028}', "LINE SEPARATOR"),
    ('\u{2029}', "PARAGRAPH SEPARATOR"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{202F}', "NARROW NO-BREAK SPACE"),
    ('\u{2032}', "PRIME"),
    ('\u{205F}', "MEDIUM MATHEMATICAL SPACE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{3000}', "IDEOGRAPHIC SPACE"),
];

/// The Unicode name of a character attrib names in messages, if it has one.
pub fn name(c: char) -> Option<&'static str> {
    NAMES
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| NAMES[i].1)
}

/// "U+00A0 NO-BREAK SPACE", or "U+001B" for a character with no name.
pub fn code_and_name(c: char) -> String {
    match name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    /// The byte test finds exactly the characters `is_hidden` names.
    #[test]
    fn visible_escapes_exactly_the_hidden_characters() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            for keep in [false, true] {
                let hidden = super::is_hidden(c) && !(keep && matches!(c, '\n' | '\t'));
                let shown = super::visible(&text, keep);
                assert_eq!(shown != text, hidden, "{c:?} keep {keep}");
            }
        }
    }

    #[test]
    fn workflow_commands_are_broken() {
        let v = |t: &str, keep| super::visible(t, keep).into_owned();
        assert_eq!(v("::error::forged", false), "\\u{3a}:error::forged");
        assert_eq!(v("  ::error::x", false), "  \\u{3a}:error::x");
        assert_eq!(v("a ::error::x", false), "a ::error::x");
        assert_eq!(
            v("ok\n \u{a0}::warning::x\r\n::notice::y", true),
            "ok\n \u{a0}\\u{3a}:warning::x\r\n\\u{3a}:notice::y"
        );
        // Without line breaks kept, the text is one line.
        assert_eq!(v("a\n::error::x", false), "a\\n::error::x");
        assert_eq!(
            v("see ##[error]x and ###[", true),
            "see #\\u{23}[error]x and ##\\u{23}["
        );
        assert_eq!(v("a ## [b] :: c", true), "a ## [b] :: c");
        assert_eq!(
            super::visible_json("{\"m\": \"##[error]\u{9b}2J\u{202e}\"}\n"),
            "{\"m\": \"#\\u0023[error]\\u009b2J\\u202e\"}\n"
        );
        assert_eq!(
            super::visible_json("{\n  \"a\": \"# x\"\n}"),
            "{\n  \"a\": \"# x\"\n}"
        );
    }

    #[test]
    fn names_are_sorted_for_the_binary_search() {
        assert!(super::NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(super::name('\u{00A0}'), Some("NO-BREAK SPACE"));
        assert_eq!(super::name('\u{1b}'), None);
        assert_eq!(
            super::code_and_name('\u{202E}'),
            "U+202E RIGHT-TO-LEFT OVERRIDE"
        );
        for c in (0..0x3001u32).filter_map(char::from_u32) {
            if c.is_whitespace() && !c.is_control() {
                assert!(super::name(c).is_some(), "{c:?} has no name");
            }
        }
    }
}
