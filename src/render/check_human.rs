//! Diagnostics for people, drawn by miette over the whole file.

use super::Style;
use crate::diagnostics::{Diagnostic, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// The file as miette reads it, with an index of line starts: miette's own
/// reading of a `str` scans from the top of the file for every label, which
/// makes a file with many diagnostics quadratic. This hands miette only the
/// lines around a label, then puts the lines and offsets back in place.
struct Indexed<'a> {
    name: &'a str,
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Indexed<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Indexed { name, text, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The length in bytes of the line holding `offset`.
    fn line_len(&self, offset: usize) -> usize {
        let line = self.line_of(offset);
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        end - self.starts[line]
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
        // asks for: miette's reading of it is then the same as of the file.
        let first = self.line_of(span.offset()).saturating_sub(before + 1);
        let last = self.line_of(span.offset() + span.len()) + after + 2;
        let start = self.starts[first];
        let end = self.starts.get(last).copied().unwrap_or(self.text.len());
        let window = &self.text.as_bytes()[start..end];
        let local = SourceSpan::new((span.offset().saturating_sub(start)).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
}

/// Lines longer than this are not shown: the diagnostic says where instead.
const MAX_SHOWN_LINE: usize = 2_000;

/// One diagnostic, seen through miette's eyes; `source` is `None` when a
/// label sits on a line too long to show.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<&'a Indexed<'a>>,
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
        f.write_str(&self.diagnostic.message)
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
        (!self.diagnostic.help.is_empty())
            .then(|| Box::new(&self.diagnostic.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.diagnostic.labels.iter().enumerate().map(|(i, l)| {
            let span = (l.span.start, l.span.len());
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
            } else {
                LabeledSpan::new_with_span(Some(l.message.clone()), span)
            }
        });
        Some(Box::new(labels))
    }
}

/// Render the diagnostics of one file, each followed by a blank line.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .without_syntax_highlighting();
    let source = Indexed::new(path, text);
    let mut columns: Option<crate::source::LineIndex<'_>> = None;
    let mut out = String::new();
    for d in diagnostics {
        let too_long = d
            .labels
            .iter()
            .any(|l| source.line_len(l.span.start) > MAX_SHOWN_LINE);
        let shown;
        let report = if too_long {
            // Say where, rather than print a line of megabytes.
            let index = columns.get_or_insert_with(|| crate::source::LineIndex::new(text));
            let (line, column) = index.line_column(d.primary().start);
            let mut d = d.clone();
            d.help = format!(
                "{} (at {path}:{line}:{column}; the line is too long to show)",
                d.help
            );
            shown = d;
            Report {
                diagnostic: &shown,
                source: None,
            }
        } else {
            Report {
                diagnostic: d,
                source: Some(&source),
            }
        };
        if handler.render_report(&mut out, &report).is_err() {
            // Rendering into a String cannot fail; keep the message if it does.
            out.push_str(&format!(
                "{}[{}]: {}\n",
                d.severity().word(),
                d.code.as_str(),
                d.message
            ));
        }
        out.push('\n');
    }
    out
}
