//! Positions as editors count them: a 0-based line and a 0-based column in
//! UTF-16 code units (the Language Server Protocol's default), to and from
//! byte offsets. Albanian `ë` is one unit, a Persian letter one, an emoji
//! two. Lines end at `\n`, `\r\n` or a lone `\r`.

/// Line starts of a text, for converting offsets and UTF-16 positions.
pub struct Utf16Index<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Utf16Index<'t> {
    pub fn new(text: &'t str) -> Self {
        Utf16Index {
            text,
            starts: crate::source::line_starts(text),
        }
    }

    /// The end of line `line`'s content (before its line break).
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[self.starts[line]..next];
        let trimmed = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        self.starts[line] + trimmed.len()
    }

    /// The (line, UTF-16 column) of a byte offset; an offset inside a
    /// character counts from that character's start.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let mut at = offset;
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let start = self.starts[line];
        let col: usize = self.text[start..at.max(start)]
            .chars()
            .map(char::len_utf16)
            .sum();
        (line as u32, col as u32)
    }

    /// The byte offset of a (line, UTF-16 column): past the end of a line
    /// means its end, past the last line the end of the text.
    pub fn offset(&self, line: u32, col: u32) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let start = self.starts[line];
        let end = self.line_end(line);
        let mut units = 0usize;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= col as usize {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Index;

    #[test]
    fn utf16_columns_count_units_not_bytes() {
        let text = "a ë 😀 x\nفارسی y\r\nz\rw";
        let ix = Utf16Index::new(text);
        let x = text.find('x').unwrap();
        // a, space, ë, space, 😀 (two units), space: x is at unit 7.
        assert_eq!(ix.position(x), (0, 7));
        assert_eq!(ix.offset(0, 7), x);
        let y = text.find('y').unwrap();
        assert_eq!(ix.position(y), (1, 6));
        assert_eq!(ix.offset(1, 6), y);
        // CR-only line ends count as line ends.
        let w = text.find('w').unwrap();
        assert_eq!(ix.position(w), (3, 0));
        assert_eq!(ix.offset(3, 0), w);
        // Past the end of a line: its end, before the line break.
        assert_eq!(ix.offset(1, 99), text.find("\r\n").unwrap());
        assert_eq!(ix.offset(9, 0), text.len());
    }
}
