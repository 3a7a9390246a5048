//! Positions as editors count them: a 0-based line and a 0-based column in
//! UTF-16 code units (the Language Server Protocol's default), to and from
//! byte offsets. Albanian `ë` is one unit, a Persian letter one, an emoji
//! two. Lines end at `\n`, `\r\n` or a lone `\r`.
//!
//! Every conversion costs at most [`MARK`] bytes of counting, whatever the
//! length of the line: the index keeps, every `MARK` bytes of the text, how
//! many UTF-16 units come before. (Counting from the start of the line made
//! a document written on one line quadratic: every diagnostic and every
//! semantic token counted the whole line up to it.) The index is built once
//! per version of a document and owns no text: each call is given the text
//! it was built from.

/// Distance between two marks, in bytes.
const MARK: usize = 256;

/// Line starts and UTF-16 marks of a text.
#[derive(Debug, Clone, Default)]
pub struct Utf16Index {
    len: usize,
    starts: Vec<usize>,
    /// `(byte offset, UTF-16 units before it)`, at char boundaries, about
    /// every [`MARK`] bytes; empty for an ASCII text, where a unit is a
    /// byte.
    marks: Vec<(usize, usize)>,
}

/// UTF-16 units of a UTF-8 text: one per character, two for a character
/// outside the Basic Multilingual Plane (four bytes in UTF-8). Counted on
/// bytes, a fold the compiler vectorises: every byte but a continuation
/// byte starts a character, and a byte from 0xF0 starts a four-byte one.
fn units(bytes: &[u8]) -> usize {
    bytes.iter().fold(0usize, |n, &b| {
        n + usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0)
    })
}

impl Utf16Index {
    pub fn new(text: &str) -> Self {
        let starts = crate::source::line_starts(text);
        let mut marks = Vec::new();
        if !text.is_ascii() {
            marks.reserve(text.len() / MARK + 1);
            marks.push((0, 0));
            let bytes = text.as_bytes();
            let (mut from, mut before) = (0, 0);
            while from + MARK < text.len() {
                let mut to = from + MARK;
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                before += units(&bytes[from..to]);
                marks.push((to, before));
                from = to;
            }
        }
        Utf16Index {
            len: text.len(),
            starts,
            marks,
        }
    }

    /// UTF-16 units before byte `offset` (a char boundary) in the text.
    fn units_before(&self, text: &str, offset: usize) -> usize {
        if self.marks.is_empty() {
            return offset;
        }
        let k = self.marks.partition_point(|&(b, _)| b <= offset) - 1;
        let (byte, before) = self.marks[k];
        before + units(&text.as_bytes()[byte..offset])
    }

    /// The end of line `line`'s content (before its line break).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let content = &text[self.starts[line]..next];
        let trimmed = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        self.starts[line] + trimmed.len()
    }

    /// The (line, UTF-16 column) of a byte offset of `text` (the text the
    /// index was built from); an offset inside a character counts from that
    /// character's start.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        debug_assert_eq!(text.len(), self.len, "the index of another text");
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let start = self.starts[line];
        let col = self.units_before(text, at) - self.units_before(text, start);
        (line as u32, col as u32)
    }

    /// The byte offset of a (line, UTF-16 column) of `text`: past the end
    /// of a line means its end, past the last line the end of the text.
    pub fn offset(&self, text: &str, line: u32, col: u32) -> usize {
        debug_assert_eq!(text.len(), self.len, "the index of another text");
        let line = line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.line_end(text, line);
        if self.marks.is_empty() {
            return (start + col as usize).min(end);
        }
        // The last mark on the line at or before the column, then on by
        // characters from there.
        let wanted = self.units_before(text, start) + col as usize;
        let k = self
            .marks
            .partition_point(|&(b, u)| b <= end && u <= wanted);
        let (mut at, mut before) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((b, u)) if b > start => (b, u),
            _ => (start, self.units_before(text, start)),
        };
        for ch in text[at..end].chars() {
            if before >= wanted {
                return at;
            }
            before += ch.len_utf16();
            at += ch.len_utf8();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Index;

    /// Positions counted the slow way: from the start of the line.
    fn slow(text: &str, offset: usize) -> (u32, u32) {
        let before = &text[..offset];
        let line_start = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .map(|(i, _)| i + 1)
            .next_back()
            .unwrap_or(0);
        let line = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .count();
        let col: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    #[test]
    fn utf16_columns_count_units_not_bytes() {
        let text = "a ë 😀 x\nفارسی y\r\nz\rw";
        let ix = Utf16Index::new(text);
        let x = text.find('x').unwrap();
        // a, space, ë, space, 😀 (two units), space: x is at unit 7.
        assert_eq!(ix.position(text, x), (0, 7));
        assert_eq!(ix.offset(text, 0, 7), x);
        let y = text.find('y').unwrap();
        assert_eq!(ix.position(text, y), (1, 6));
        assert_eq!(ix.offset(text, 1, 6), y);
        // CR-only line ends count as line ends.
        let w = text.find('w').unwrap();
        assert_eq!(ix.position(text, w), (3, 0));
        assert_eq!(ix.offset(text, 3, 0), w);
        // Past the end of a line: its end, before the line break.
        assert_eq!(ix.offset(text, 1, 99), text.find("\r\n").unwrap());
        assert_eq!(ix.offset(text, 9, 0), text.len());
    }

    /// On long lines, across many marks, with characters of one to four
    /// bytes: every offset has the position counted from the line start,
    /// and that position leads back to the offset.
    #[test]
    fn marks_agree_with_counting() {
        let pieces = ["ab ", "ë", "😀", "فا", "\n", "x\r\ny", "\r", "漢字 "];
        let mut text = String::new();
        for k in 0..3000 {
            text.push_str(pieces[(k * 7 + k / 13) % pieces.len()]);
            if k % 500 == 0 {
                text.push_str(&"z".repeat(700));
            }
        }
        for t in [text.as_str(), &text.replace(['\n', '\r'], " ")] {
            let ix = Utf16Index::new(t);
            for (offset, _) in t.char_indices().chain([(t.len(), ' ')]) {
                let (line, col) = ix.position(t, offset);
                assert_eq!((line, col), slow(t, offset), "at {offset}");
                let back = ix.offset(t, line, col);
                // A CR before LF is part of the line break: its offset and
                // the LF's give the same position.
                assert!(
                    back == offset || (t[back..].starts_with("\r\n") && back + 1 == offset),
                    "at {offset}: back at {back}"
                );
            }
        }
    }

    #[test]
    fn an_ascii_text_needs_no_marks() {
        let text = "x".repeat(10_000) + "\nab";
        let ix = Utf16Index::new(&text);
        assert!(ix.marks.is_empty());
        assert_eq!(ix.position(&text, 9_999), (0, 9_999));
        assert_eq!(ix.offset(&text, 0, 20_000), 10_000);
        assert_eq!(ix.offset(&text, 1, 1), 10_002);
    }
}
