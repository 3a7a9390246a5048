//! Diagnostics for people, drawn by miette over the whole file.

use super::Style;
use crate::diagnostics::{Diagnostic, Severity};
use crate::span::Span;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::fmt;

/// The file as miette reads it: the text as shown, with an index of line
/// starts.
///
/// *As shown*: a character that must not reach a terminal ([`crate::chars::is_hidden`]:
/// escape sequences, NUL, bidirectional overrides) is written as its escape
/// (`\u{1b}`), and a lone carriage return (old Mac line endings) is a line
/// break. The labels' spans are moved by [`Shown::to_shown`] to match;
/// the header's line and column are those of the file on disk, the column
/// counting Unicode characters as every other format does.
///
/// *Indexed*: miette's own reading of a `str` scans from the top of the file
/// for every label, which makes a file with many diagnostics quadratic. This
/// hands miette only the lines around a label, then puts the lines and
/// offsets back in place.
struct Indexed<'a> {
    name: &'a str,
    shown: Shown<'a>,
    starts: Vec<usize>,
    /// Lines and columns of the file on disk.
    columns: crate::source::LineIndex<'a>,
}

/// The text as shown, and where it differs from the file.
struct Shown<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Each escaped character: its span in the file and in the shown text,
    /// in order.
    moved: Vec<(Span, Span)>,
}

impl<'a> Shown<'a> {
    fn new(text: &'a str) -> Self {
        let lone_cr = |i: usize| text.as_bytes().get(i + 1) != Some(&b'\n');
        let needs = crate::check::characters::may_hide(text);
        if !needs {
            return Shown {
                text: text.into(),
                moved: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut moved = Vec::new();
        for (i, c) in text.char_indices() {
            match c {
                '\n' | '\t' => out.push(c),
                // A lone CR ends a line; a CR before LF is kept (miette reads CRLF).
                '\r' if lone_cr(i) => out.push('\n'),
                '\r' => out.push(c),
                c if crate::chars::is_hidden(c) => {
                    let from = out.len();
                    out.extend(c.escape_unicode());
                    moved.push((Span::new(i, i + c.len_utf8()), Span::new(from, out.len())));
                }
                c => out.push(c),
            }
        }
        Shown {
            text: out.into(),
            moved,
        }
    }

    /// A file offset in the shown text.
    fn to_shown(&self, offset: usize) -> usize {
        let k = self.moved.partition_point(|(file, _)| file.start <= offset);
        match k.checked_sub(1).map(|k| self.moved[k]) {
            None => offset,
            Some((file, shown)) if offset < file.end => shown.start,
            Some((file, shown)) => shown.end + (offset - file.end),
        }
    }

    /// A shown offset in the file.
    fn to_file(&self, offset: usize) -> usize {
        let k = self
            .moved
            .partition_point(|(_, shown)| shown.start <= offset);
        match k.checked_sub(1).map(|k| self.moved[k]) {
            None => offset,
            Some((file, shown)) if offset < shown.end => file.start,
            Some((file, shown)) => file.end + (offset - shown.end),
        }
    }
}

impl<'a> Indexed<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        let shown = Shown::new(text);
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', shown.text.as_bytes()).map(|i| i + 1));
        Indexed {
            name,
            shown,
            starts,
            columns: crate::source::LineIndex::new(text),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The length in bytes of the (shown) line holding `offset`.
    fn line_len(&self, offset: usize) -> usize {
        let line = self.line_of(offset);
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.shown.text.len());
        end - self.starts[line]
    }

    /// A label's span (in the shown text) cut to its first
    /// [`EXCERPT_LINES`] lines when it covers more than [`MAX_LABEL_LINES`],
    /// and how many lines were cut.
    fn excerpt(&self, span: Span) -> (Span, usize) {
        let (first, last) = (self.line_of(span.start), self.line_of(span.end));
        if last - first < MAX_LABEL_LINES {
            return (span, 0);
        }
        // The end of the excerpt's last line, before its line break.
        let end = self.starts[first + EXCERPT_LINES] - 1;
        let end = if self.shown.text.as_bytes()[..end].ends_with(b"\r") {
            end - 1
        } else {
            end
        };
        (Span::new(span.start, end), last - first - EXCERPT_LINES + 1)
    }

    /// A label's span in the shown text.
    fn span(&self, span: Span) -> Span {
        Span::new(
            self.shown.to_shown(span.start),
            self.shown.to_shown(span.end),
        )
    }
}

impl SourceCode for Indexed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // A window of whole lines, one more on each side than the context
        // asks for: miette's reading of it is then the same as of the file
        // (but for the line count, below).
        let text = self.shown.text.as_bytes();
        let first = self.line_of(span.offset()).saturating_sub(before + 1);
        let last = self.line_of(span.offset() + span.len()) + after + 2;
        let start = self.starts[first];
        let end = self.starts.get(last).copied().unwrap_or(text.len());
        let window = &text[start..end];
        let local = SourceSpan::new((span.offset().saturating_sub(start)).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        // miette joins the snippets of two labels when the first one's
        // `line() + line_count()` reaches the second one's line. Reading a
        // whole file, its `line_count` is the number of the snippet's last
        // line, so nearly every pair of labels was joined and everything
        // between them printed (a W0203 on the Albania case showed 250
        // lines, and most of the time of the human output went there). Here
        // it is the number of lines the snippet shows: snippets are joined
        // only when they overlap or touch, and labels far apart are shown as
        // snippets of their own.
        let data = inner.data();
        let shown_lines = memchr::memchr_iter(b'\n', data).count()
            + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
        // The column miette prints in the header (it asks with no context):
        // in characters of the file on disk, as every format counts them.
        let column = if before == 0 {
            let (_, column) = self.columns.line_column(self.shown.to_file(span.offset()));
            column - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data,
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + first,
            column,
            shown_lines,
        )))
    }
}

/// Lines longer than this are not shown: the diagnostic says where instead.
const MAX_SHOWN_LINE: usize = 2_000;

/// A label over more lines than this (a text block of 300 lines) is shown
/// by its first [`EXCERPT_LINES`] lines only.
const MAX_LABEL_LINES: usize = 8;
const EXCERPT_LINES: usize = 3;

/// One diagnostic, seen through miette's eyes; `source` is `None` when a
/// label sits on a line too long to show.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    /// The message and help as shown: the diagnostic's, or wrapped
    /// already (see [`prewrap`]).
    message: Cow<'a, str>,
    help: Cow<'a, str>,
    source: Option<&'a Indexed<'a>>,
    /// The labels as miette draws them (miette asks for them several
    /// times): spans in the shown text, messages made visible.
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("code", &self.diagnostic.code)
            .finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Where miette may break a line of a message or a help: the same words as
/// textwrap's Unicode line-breaking separator (miette's default), found
/// faster. That separator runs the Unicode line-breaking algorithm (UAX
/// #14) over every line, and was most of the time spent wrapping. On a line
/// of [`plain`] text its words are the runs of non-spaces with the spaces
/// after them, which textwrap's ASCII-space separator finds in one scan;
/// any other line goes to the Unicode separator. The tests compare the two
/// on every short string of the characters involved and on every message
/// of a generated corpus.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    if plain(line) {
        textwrap::WordSeparator::AsciiSpace.find_words(line)
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties.find_words(line)
    }
}

/// A line where the Unicode line-breaking algorithm breaks only after
/// spaces: printable ASCII without the characters that allow a break after
/// them (`!`, `?`, `/`, `|`, `}`, and those that do beside numbers or
/// brackets: `$`, `%`, `+`, `\`, `[`, `]`, `{`), and without the places where
/// it does not break after a space (before `)`, `,`, `.`, `:`, `;`, and
/// after `(`) or breaks between two characters (`(` after `)`, `,`, `.`,
/// `:` or `;`), and not ending in `-`.
fn plain(line: &str) -> bool {
    // textwrap drops the break at the end of a line that ends in `-`, and
    // then the last break before it: a line of its own.
    if line.ends_with('-') {
        return false;
    }
    let bytes = line.as_bytes();
    let mut previous = b'a';
    for &b in bytes {
        let ok = match b {
            b' ' => previous != b'(',
            b')' | b',' | b'.' | b':' | b';' => previous != b' ',
            b'(' => !matches!(previous, b')' | b',' | b'.' | b':' | b';'),
            b'!' | b'?' | b'/' | b'|' | b'}' | b'$' | b'%' | b'+' | b'\\' | b'[' | b']' | b'{' => {
                false
            }
            0x21..=0x7e => true,
            _ => false,
        };
        if !ok {
            return false;
        }
        previous = b;
    }
    true
}

/// Render the diagnostics of one file, each followed by a blank line.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    render_with(path, text, diagnostics, style, true)
}

/// The columns a message or a help line may take: miette wraps at the
/// width less 2, less its indent (`  × `, `  │ `; `  help: `). `None` when
/// the first line's indent and the others' differ in width.
fn text_widths(theme: &GraphicalTheme, width: usize) -> (Option<usize>, Option<usize>, usize) {
    let width = width.saturating_sub(2);
    let chars = &theme.characters;
    let rest = textwrap::core::display_width(&format!("  {} ", chars.vbar));
    let header = |icon: &str| {
        let first = textwrap::core::display_width(&format!("  {icon} "));
        (first == rest).then(|| width.saturating_sub(first))
    };
    (
        header(&chars.error),
        header(&chars.warning),
        width.saturating_sub("  help: ".len()),
    )
}

/// `prewrap` off renders exactly as miette alone does; the tests compare
/// the two.
fn render_with(
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    style: Style,
    prewrap_texts: bool,
) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let (error_width, warning_width, help_width) = text_widths(&theme, style.width);
    let wrapping = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::Custom(words))
        .without_syntax_highlighting();
    // For texts wrapped here: miette only puts its indents in front of the
    // lines.
    let prewrapped = wrapping.clone().with_wrap_lines(false);
    if diagnostics.is_empty() {
        return String::new();
    }
    let shown_path = crate::chars::visible(path, false);
    let source = Indexed::new(&shown_path, text);
    let mut out = String::new();
    for d in diagnostics {
        let too_long = d
            .labels
            .iter()
            .any(|l| source.line_len(source.shown.to_shown(l.span.start)) > MAX_SHOWN_LINE);
        let message = crate::chars::visible(&d.message, true);
        let help = crate::chars::visible(&d.help, true);
        let help: Cow<'_, str> = if too_long {
            // Say where, rather than print a line of megabytes.
            let (line, column) = source.columns.line_column(d.primary().start);
            format!("{help} (at {shown_path}:{line}:{column}; the line is too long to show)",)
                .into()
        } else {
            help
        };
        let header_width = match d.severity() {
            Severity::Error => error_width,
            Severity::Warning => warning_width,
        };
        let wrapped = prewrap_texts
            .then(|| {
                let message = prewrap(&message, header_width?)?;
                let help = if help.is_empty() {
                    String::new()
                } else {
                    prewrap(&help, help_width)?
                };
                Some((message, help))
            })
            .flatten();
        let source = (!too_long).then_some(&source);
        let labels: Vec<LabeledSpan> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let span = match source {
                    Some(source) => source.span(l.span),
                    None => l.span,
                };
                let mut message = crate::chars::visible(&l.message, false).into_owned();
                // A label over many lines (a text block) is shown by its
                // first lines, and says how many more it covers.
                let span = match source.map(|s| s.excerpt(span)) {
                    Some((shown, hidden)) if hidden > 0 => {
                        message.push_str(&format!(
                            " (and {hidden} more line{}, not shown)",
                            if hidden == 1 { "" } else { "s" }
                        ));
                        shown
                    }
                    _ => span,
                };
                let span = (span.start, span.len());
                if i == 0 {
                    LabeledSpan::new_primary_with_span(Some(message), span)
                } else {
                    LabeledSpan::new_with_span(Some(message), span)
                }
            })
            .collect();
        let (handler, report) = match wrapped {
            Some((message, help)) => (
                &prewrapped,
                Report {
                    diagnostic: d,
                    message: message.into(),
                    help: help.into(),
                    source,
                    labels,
                },
            ),
            None => (
                &wrapping,
                Report {
                    diagnostic: d,
                    message,
                    help,
                    source,
                    labels,
                },
            ),
        };
        let mut one = String::new();
        if handler.render_report(&mut one, &report).is_err() {
            // Rendering into a String cannot fail; keep the message if it does.
            one = format!(
                "{}[{}]: {}\n",
                d.severity().word(),
                d.code.as_str(),
                report.message
            );
        }
        match source {
            Some(source) if d.labels.len() > 1 => {
                let (line, column) = source.columns.line_column(d.primary().start);
                out.push_str(&primary_first(&one, &format!(":{line}:{column}]")));
            }
            _ => out.push_str(&one),
        }
        out.push('\n');
    }
    out
}

/// A rendered report with the snippet of its primary label first. miette
/// draws the snippets of a diagnostic in the order of the file; each names
/// in its header (`╭─[path:line:column]`) the place of the primary label
/// when it holds it. The snippet whose header ends with `primary`
/// (`:line:column]`) is moved before the others, so the first place a
/// diagnostic names is where the problem is.
fn primary_first(report: &str, primary: &str) -> String {
    let lines: Vec<&str> = report.split_inclusive('\n').collect();
    fn plain(line: &str) -> Cow<'_, str> {
        if !line.contains('\u{1b}') {
            return line.into();
        }
        // Without colour codes: ESC `[` … a letter.
        let mut out = String::with_capacity(line.len());
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out.into()
    }
    // The snippets: from a line starting `╭` to the next starting `╰`.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut open = None;
    for (k, line) in lines.iter().enumerate() {
        // Only snippet borders matter: other lines are skipped unread.
        if !line.contains(['╭', '╰']) {
            continue;
        }
        let p = plain(line);
        let p = p.trim_start();
        if p.starts_with('╭') {
            // The first snippet names the primary label: nothing to move.
            if blocks.is_empty() && open.is_none() && p.trim_end().ends_with(primary) {
                return report.to_string();
            }
            open = Some(k);
        } else if p.starts_with('╰')
            && let Some(start) = open.take()
        {
            blocks.push((start, k + 1));
        }
    }
    let holds = blocks
        .iter()
        .position(|&(start, _)| plain(lines[start]).trim_end().ends_with(primary));
    let (Some(k), Some(&(first, _))) = (holds, blocks.first()) else {
        return report.to_string();
    };
    if k == 0 {
        return report.to_string();
    }
    let (start, end) = blocks[k];
    let mut out = String::with_capacity(report.len());
    out.extend(lines[..first].iter().copied());
    out.extend(lines[start..end].iter().copied());
    out.extend(lines[first..start].iter().copied());
    out.extend(lines[end..].iter().copied());
    out
}

/// A message or help wrapped as miette would wrap it, in lines of at most
/// `width` columns joined by `\n`, without miette's indents (which miette,
/// told not to wrap, puts in front of each line). `None` where miette's
/// own wrapping must be used: a text with a line break, or whose wrapping
/// would give a blank line (miette trims the indent of a blank line only
/// when it does not wrap).
///
/// Plain text ([`plain`]) is wrapped here, the way textwrap does it
/// (words at spaces, split after a hyphen between letters or digits, words
/// wider than a line broken, first fit) but without its general machinery,
/// which was most of the time left in wrapping; any other text is wrapped by
/// textwrap itself, with miette's options.
fn prewrap(text: &str, width: usize) -> Option<String> {
    if text.contains(['\n', '\r']) || width == 0 {
        return None;
    }
    let lines = if plain(text) {
        first_fit(text, width)
    } else {
        let indent = " ".repeat(4);
        let options = textwrap::Options::new(width + indent.len())
            .initial_indent(&indent)
            .subsequent_indent(&indent)
            .word_separator(textwrap::WordSeparator::Custom(words));
        let lines: Vec<String> = textwrap::wrap(text, options)
            .into_iter()
            .map(|l| l.strip_prefix(indent.as_str()).map(str::to_string))
            .collect::<Option<_>>()?;
        lines
    };
    if lines.iter().any(|l| l.trim().is_empty()) {
        return None;
    }
    Some(lines.join("\n"))
}

/// textwrap's wrapping of a plain ASCII line at `width` columns, every line
/// the same width, with a non-empty indent: its words (runs of non-spaces
/// with the spaces after them), split after each `-` between two letters or
/// digits, those wider than `width` cut every `width` characters, an empty
/// word first (what textwrap adds after an indent), then first fit.
fn first_fit(text: &str, width: usize) -> Vec<String> {
    // (start, end of the word, end of its spaces), contiguous.
    let mut fragments: Vec<(usize, usize, usize)> = vec![(0, 0, 0)];
    let bytes = text.as_bytes();
    let mut push_word = |start: usize, end: usize, spaces_end: usize| {
        // Split after hyphens between alphanumerics.
        let mut from = start;
        for i in start..end {
            if bytes[i] == b'-'
                && i > start
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric())
                && i + 1 < end
            {
                cut(&mut fragments, from, i + 1, i + 1, width);
                from = i + 1;
            }
        }
        cut(&mut fragments, from, end, spaces_end, width);
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // A word: non-spaces, then spaces.
        let word_end = i + bytes[i..].iter().take_while(|&&b| b != b' ').count();
        let spaces_end = word_end + bytes[word_end..].iter().take_while(|&&b| b == b' ').count();
        push_word(start, word_end, spaces_end);
        start = spaces_end;
        i = spaces_end;
    }
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut used = 0;
    for (idx, &(start, end, spaces_end)) in fragments.iter().enumerate() {
        if used + (end - start) > width && idx > line_start {
            lines.push(line_of(text, &fragments[line_start..idx]));
            line_start = idx;
            used = 0;
        }
        used += spaces_end - start;
    }
    lines.push(line_of(text, &fragments[line_start..]));
    lines
}

/// A fragment, cut into pieces of at most `width` characters when wider;
/// the last piece keeps the spaces after it.
fn cut(
    fragments: &mut Vec<(usize, usize, usize)>,
    start: usize,
    end: usize,
    spaces_end: usize,
    width: usize,
) {
    let mut from = start;
    while end - from > width {
        fragments.push((from, from + width, from + width));
        from += width;
    }
    if from < end || start == end {
        fragments.push((from, end, spaces_end));
    }
}

/// The text of a line of fragments, without the spaces after the last.
fn line_of(text: &str, fragments: &[(usize, usize, usize)]) -> String {
    let first = fragments.first().map_or(0, |f| f.0);
    let last = fragments.last().map_or(0, |f| f.1);
    text[first..last].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::WordSeparator;

    fn unicode(line: &str) -> Vec<(String, String)> {
        WordSeparator::UnicodeBreakProperties
            .find_words(line)
            .map(|w| (w.word.to_string(), w.whitespace.to_string()))
            .collect()
    }

    fn ours(line: &str) -> Vec<(String, String)> {
        words(line)
            .map(|w| (w.word.to_string(), w.whitespace.to_string()))
            .collect()
    }

    /// Every string of up to four characters (five for a smaller set) made
    /// of letters, digits, spaces and the punctuation of ASCII is split into
    /// the same words as by the Unicode separator.
    #[test]
    fn the_same_words_as_the_unicode_separator_on_short_strings() {
        let all: Vec<char> = " a1"
            .chars()
            .chain((0x21u8..0x7f).map(char::from))
            .collect();
        let mut checked = 0;
        let mut check = |s: &str| {
            if plain(s) {
                assert_eq!(ours(s), unicode(s), "{s:?} {:?}", (ours(s), unicode(s)));
                checked += 1;
            }
        };
        for &a in &all {
            for &b in &all {
                check(&format!("{a}{b}"));
                for &c in &all {
                    check(&format!("{a}{b}{c}"));
                }
            }
        }
        let some: Vec<char> = " a`'\"-.,;:()_*".chars().collect();
        for &a in &some {
            for &b in &some {
                for &c in &some {
                    for &d in &some {
                        check(&format!("{a}{b}{c}{d}"));
                        for &e in &some {
                            check(&format!("{a}{b}{c}{d}{e}"));
                        }
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// The real cases and the UI fixtures, in path order.
    fn real_case_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut paths: Vec<_> = ["cases", "tests/ui"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "case"))
            .collect();
        paths.sort();
        paths
    }

    /// The messages and helps of the real cases and of every UI fixture,
    /// wrapped as miette wraps them: the same lines.
    #[test]
    fn the_same_lines_on_real_messages() {
        let mut texts = Vec::new();
        for path in real_case_files() {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for d in crate::compile(&text).diagnostics {
                texts.push(d.message);
                texts.push(d.help);
            }
        }
        texts.push("see `x` (the \"y\" one): a, b; c. d-e — f… (g) h".into());
        texts.push("  two leading spaces, then words: and / a slash? yes! {x} [y] 50% +1".into());
        let mut plain_lines = 0;
        for text in &texts {
            plain_lines += usize::from(plain(text));
            for width in [20, 40, 98] {
                let options = |separator| {
                    textwrap::Options::new(width)
                        .initial_indent("  help: ")
                        .subsequent_indent("        ")
                        .word_separator(separator)
                };
                assert_eq!(
                    textwrap::fill(text, options(WordSeparator::Custom(words))),
                    textwrap::fill(text, options(WordSeparator::UnicodeBreakProperties)),
                    "{text:?} at {width}"
                );
            }
        }
        assert!(
            plain_lines * 2 > texts.len(),
            "most real messages are plain"
        );
    }

    /// textwrap's own wrapping, the reference for [`first_fit`].
    fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
        let options = textwrap::Options::new(width + 8)
            .initial_indent("  help: ")
            .subsequent_indent("        ")
            .word_separator(WordSeparator::AsciiSpace);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|l| l[8..].to_string())
            .collect()
    }

    /// Random plain lines (words of letters, digits, hyphens and
    /// punctuation, some longer than a line, runs of spaces, spaces at
    /// either end) wrap as textwrap wraps them, at many widths.
    #[test]
    fn first_fit_wraps_as_textwrap() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            (seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        };
        let pieces = [
            "a",
            "word",
            "claim",
            "`id-with-hyphens`",
            "x-",
            "-y",
            "a--b",
            "1-2",
            "--",
            "-",
            "self-claimed",
            "\"quoted\"",
            "e.g.",
            "(paren)",
            "it's",
            "under_score",
            "averyveryveryveryverylongwordwithoutanybreakatall",
            "hyphenated-very-long-compound-word-that-goes-on-and-on",
        ];
        let mut checked = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(6) {
                text.push(' ');
            }
            for w in 0..1 + next(30) {
                if w > 0 {
                    for _ in 0..1 + next(3) {
                        text.push(' ');
                    }
                }
                text.push_str(pieces[next(pieces.len())]);
            }
            for _ in 0..next(3) {
                text.push(' ');
            }
            let width = 3 + next(95);
            if !plain(&text) {
                continue;
            }
            assert_eq!(
                first_fit(&text, width),
                textwrap_lines(&text, width),
                "{text:?} at {width}"
            );
            checked += 1;
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// Wrapping here and handing miette the lines renders every real case
    /// and fixture exactly as miette's own wrapping does, with and without
    /// colour, at two widths.
    #[test]
    fn prewrapped_texts_render_as_miette_wraps_them() {
        let mut prewrapped = 0;
        for path in real_case_files() {
            let loaded = crate::Loaded::from_bytes(&std::fs::read(&path).unwrap());
            let mut diagnostics = loaded.diagnostics();
            // A message and a help of every shape: a line break, a long
            // word, a blank line.
            if let Some(d) = diagnostics.first().cloned() {
                let mut odd = d.clone();
                odd.message = format!("{} with\na break", d.message);
                odd.help = format!("{} {}", d.help, "x".repeat(150));
                diagnostics.push(odd);
            }
            for color in [false, true] {
                for width in [100, 60] {
                    let style = Style { color, width };
                    let name = path.display().to_string();
                    let ours = render_with(&name, loaded.text(), &diagnostics, style, true);
                    let miette = render_with(&name, loaded.text(), &diagnostics, style, false);
                    assert_eq!(ours, miette, "{name} colour {color} width {width}");
                }
            }
            prewrapped += diagnostics
                .iter()
                .filter(|d| prewrap(&d.help, 90).is_some())
                .count();
        }
        assert!(prewrapped > 20, "{prewrapped}");
    }
}
