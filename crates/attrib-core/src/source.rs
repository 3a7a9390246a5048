//! Case-file text: decoding bytes, and turning byte offsets into lines and
//! columns for display.

use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;

/// Decode a file's bytes as UTF-8. A byte-order mark is kept (the grammar
/// reads it as white space) so that every offset is an offset into the file
/// as it is on disk.
///
/// Bytes that are not UTF-8 give the diagnostic `E0002` pointing at the first
/// bad byte, and the text decoded lossily so that it can still be shown.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<(String, Diagnostic)>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let shown = String::from_utf8_lossy(bytes).into_owned();
            // The valid prefix is unchanged in the lossy text, so `at` points
            // at the replacement character that stands for the bad byte.
            // A point, not a range: the offset is exact in the file and in
            // the lossy text, a length would not be.
            let span = Span::new(at, at);
            let byte = bytes[at];
            let diagnostic = Diagnostic::new(
                Code::NotUtf8,
                format!("the file is not UTF-8: byte 0x{byte:02X} at offset {at} starts no UTF-8 character"),
            )
            .label(span, "this byte is not UTF-8")
            .help("save the file as UTF-8 (most editors offer \"Save with encoding\"); attrib reads no other encoding");
            Err(Box::new((shown, diagnostic)))
        }
    }
}

/// The byte offset of every line's start: a line ends at LF, at CRLF, or
/// at a lone CR (old Mac files).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_none() {
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    } else {
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1),
        );
    }
    starts
}

/// Line starts of a text, for turning offsets into 1-based lines and
/// columns. Columns count Unicode characters, not bytes. A line ends at a
/// line feed, a CRLF or a lone carriage return.
///
/// Counting characters from the start of a line would make every column on
/// a very long line cost the line's length; the index also keeps, every
/// [`MARK`] bytes, how many characters come before, so a column costs at
/// most `MARK` bytes of counting.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// `(byte offset, characters before it)`, at char boundaries, in order.
    marks: Vec<(usize, usize)>,
}

/// Distance between two character-count marks, in bytes.
const MARK: usize = 4096;

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = line_starts(text);
        // Marks are needed only when some line is longer than a mark's span.
        let long_line = starts.windows(2).any(|w| w[1] - w[0] > MARK)
            || text.len() - starts.last().copied().unwrap_or(0) > MARK;
        let mut marks = vec![(0, 0)];
        if long_line {
            let mut chars = 0;
            let mut from = 0;
            while from + MARK < text.len() {
                let mut to = from + MARK;
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                chars += text[from..to].chars().count();
                marks.push((to, chars));
                from = to;
            }
        }
        LineIndex {
            text,
            starts,
            marks,
        }
    }

    /// Characters before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = self.marks.partition_point(|&(b, _)| b <= offset) - 1;
        let (byte, chars) = self.marks[k];
        chars + self.text[byte..offset].chars().count()
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut column = if offset - start <= MARK || self.marks.len() == 1 {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        // A byte-order mark is not a column.
        if line == 0 && offset > 0 && self.text.starts_with('\u{FEFF}') {
            column -= 1;
        }
        // A CR before the LF belongs to the line break, never to a column.
        if offset > start
            && self.text[..offset].ends_with('\r')
            && self.text[offset..].starts_with('\n')
        {
            column -= 1;
        }
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\nManëz x\r\nz";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_column(0), (1, 1));
        assert_eq!(ix.line_column(3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(ix.line_column(x), (2, 7));
        let z = text.rfind('z').unwrap();
        assert_eq!(ix.line_column(z), (3, 1));
        assert_eq!(ix.line_column(text.len() + 10), (3, 2));
    }

    #[test]
    fn columns_on_a_very_long_line() {
        let text = format!("{}x", "é".repeat(10_000));
        let ix = LineIndex::new(&text);
        assert_eq!(ix.line_column(text.len() - 1), (1, 10_001));
        assert_eq!(ix.line_column(2 * 5_000), (1, 5_001));
        // An offset inside a character counts from that character.
        assert_eq!(ix.line_column(1), (1, 1));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let ix = LineIndex::new("ab\rcd\r\nef\rg");
        assert_eq!(ix.line_column(3), (2, 1));
        assert_eq!(ix.line_column(4), (2, 2));
        assert_eq!(ix.line_column(5), (2, 3));
        assert_eq!(ix.line_column(7), (3, 1));
        assert_eq!(ix.line_column(10), (4, 1));
    }

    #[test]
    fn crlf_does_not_count_as_a_column() {
        let ix = LineIndex::new("ab\r\ncd");
        assert_eq!(ix.line_column(3), (1, 3));
        assert_eq!(ix.line_column(4), (2, 1));
    }

    #[test]
    fn bad_bytes_are_located() {
        let bytes = b"case x {\n \xff }";
        let (shown, d) = *decode(bytes).unwrap_err();
        assert_eq!(d.code, Code::NotUtf8);
        assert_eq!(d.labels[0].span.start, 10);
        assert!(shown.contains('\u{FFFD}'));
        assert!(d.message.contains("0xFF at offset 10"));
    }
}
