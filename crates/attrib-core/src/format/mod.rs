//! `attrib fmt`: one canonical layout for every construct, losing nothing.
//!
//! The layout: declarations separated by one blank line; the keyword, id and
//! `{` on one line; one field per line, indented two spaces; `}` alone;
//! list items separated by `, `; `~` written against its date or count;
//! every token otherwise separated by one space. Text is kept exactly as
//! written, escapes and text blocks included.
//!
//! What is kept: every token, in order; every comment (a comment that ended
//! a line still ends the line of what it followed; a comment on its own line
//! stays on its own line, before what it preceded; a comment inside a
//! field's values moves to its own line just before the field); the blank
//! lines that separate paragraphs (collapsed to one); a byte-order mark;
//! CRLF line endings when the file uses them.
//!
//! Formatting works on the parse tree, so it only formats a file without
//! syntax errors; formatting twice gives what formatting once gave.

mod diff;

use crate::diagnostics::Diagnostic;
use crate::grammar::{AttribParser, Rule};
use pest::Parser;
use pest::iterators::Pair;

/// A token of the file: a leaf of the parse tree (`text` counts as one).
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    rule: Rule,
    /// Where the token sits in the canonical layout.
    place: Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The keyword that opens a declaration.
    DeclStart,
    /// The first token of a field.
    FieldStart,
    /// Any other token of a header or field line.
    Inside,
    /// The closing brace of a declaration.
    Close,
}

fn leaves(pair: Pair<'_, Rule>, out: &mut Vec<Token>) {
    let rule = pair.as_rule();
    let span = pair.as_span();
    if rule == Rule::text || pair.clone().into_inner().next().is_none() {
        if span.start() < span.end() {
            out.push(Token {
                start: span.start(),
                end: span.end(),
                rule,
                place: Place::Inside,
            });
        }
        return;
    }
    for inner in pair.into_inner() {
        leaves(inner, out);
    }
}

/// The tokens of a file that parses, in order, with their place.
fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut pairs = AttribParser::parse(Rule::file, text).ok()?;
    let file = pairs.next()?;
    let mut out = Vec::new();
    for decl in file.into_inner() {
        if decl.as_rule() == Rule::EOI {
            continue;
        }
        let kind = crate::language::declaration_of_rule(decl.as_rule());
        // keyword, id, `{`, then each field's keyword and values, `}`
        for (k, part) in decl.into_inner().enumerate() {
            let first = out.len();
            let place = match part.as_rule() {
                _ if k == 0 => Place::DeclStart,
                Rule::rbrace => Place::Close,
                rule if kind.is_some_and(|kind| crate::language::starts_field(kind, rule)) => {
                    Place::FieldStart
                }
                _ => Place::Inside,
            };
            leaves(part, &mut out);
            if let Some(t) = out.get_mut(first) {
                t.place = place;
            }
        }
    }
    Some(out)
}

/// The byte spans of a file's tokens, if it parses: for tools and tests
/// that re-lay a file out.
pub fn token_spans(text: &str) -> Option<Vec<(usize, usize)>> {
    tokens(text).map(|t| t.iter().map(|t| (t.start, t.end)).collect())
}

/// What lies between two tokens: commas, comments and line breaks.
#[derive(Debug, Default)]
struct Gap<'t> {
    comma: bool,
    /// Comments on the line of the token before the gap.
    trailing: Vec<&'t str>,
    /// Comments on lines of their own, with whether a blank line came before each.
    own_line: Vec<(bool, &'t str)>,
    /// A blank line just before the token after the gap.
    blank_before_next: bool,
}

fn gap(text: &str) -> Gap<'_> {
    let mut g = Gap::default();
    let mut newlines = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '\n' => {
                newlines += 1;
                rest = &rest[1..];
            }
            ',' => {
                g.comma = true;
                rest = &rest[1..];
            }
            '#' => {
                let end = rest.find('\n').unwrap_or(rest.len());
                // Only layout is trimmed: a comment keeps every other
                // character it holds (a control character stays, and stays
                // reported).
                let comment = rest[..end].trim_end_matches([' ', '\t', '\r']);
                if newlines == 0 && g.own_line.is_empty() {
                    g.trailing.push(comment);
                } else {
                    g.own_line.push((newlines >= 2, comment));
                }
                newlines = 0;
                rest = &rest[end..];
            }
            _ => rest = &rest[c.len_utf8()..],
        }
    }
    g.blank_before_next = newlines >= 2;
    g
}

/// The canonical layout of `text`, or the syntax errors that prevent it.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    layout(text).map(|f| f.text)
}

/// A file in its canonical layout, and where its lines and the original's
/// correspond.
#[derive(Debug, Clone)]
pub struct Formatted {
    /// The formatted text.
    pub text: String,
    /// `(line in the original, line in the formatted text)`, 0-based, lines
    /// ending at `\n`, in order: the lines before each pair in one text are
    /// the lines before it in the other, laid out again. There is one at
    /// each line that starts a declaration, a field or a closing brace on a
    /// line of its own in the original.
    anchors: Vec<(usize, usize)>,
}

impl Formatted {
    /// The changes from `old` (the text that was formatted) to the
    /// formatted text, as a unified diff with two lines of context, the
    /// files named `name`. Linear in the size of the texts: see
    /// [`diff::unified`].
    pub fn diff(&self, old: &str, name: &str) -> String {
        diff::unified(old, &self.text, &self.anchors, name)
    }
}

/// [`format`], with the correspondence of lines that [`Formatted::diff`]
/// reads.
pub fn layout(text: &str) -> Result<Formatted, Vec<Diagnostic>> {
    let Some(tokens) = tokens(text) else {
        let mut parsed = crate::syntax::parse_file(text);
        crate::diagnostics::shorten_all(&mut parsed.diagnostics);
        return Err(parsed.diagnostics);
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = Output::default();
    if text.starts_with('\u{FEFF}') {
        out.text.push('\u{FEFF}');
    }

    let gap_text = |from: usize, to: usize| {
        text[from..to]
            .strip_prefix('\u{FEFF}')
            .unwrap_or(&text[from..to])
    };
    let mut prev_end = 0;
    let mut field_comments: Vec<&str> = Vec::new();
    // Byte offsets (original, formatted) of lines that correspond.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        let mut g = gap(gap_text(prev_end, tok.start));
        if i == 0 {
            // Before the first token there is no line to end: the file's
            // opening comments all stand on lines of their own.
            let first: Vec<(bool, &str)> = g.trailing.drain(..).map(|c| (false, c)).collect();
            g.own_line.splice(0..0, first);
        }
        let line_start = tok.place != Place::Inside;
        // Comments that ended the previous token's line stay there.
        for c in &g.trailing {
            if line_start {
                out.trailing(c);
            } else {
                field_comments.push(c);
            }
        }
        if line_start {
            out.end_line(&mut field_comments);
            // The line after the previous token's, in both texts, when the
            // token is on a line after it in the original: what comes
            // before is the previous token's lines, what comes after is
            // this token's (comments and blank lines before it included).
            if i > 0
                && let Some(k) = memchr::memchr(b'\n', &text.as_bytes()[prev_end..tok.start])
            {
                anchors.push((prev_end + k + 1, out.text.len()));
            }
            match tok.place {
                Place::DeclStart => {
                    if i > 0 {
                        out.blank();
                    }
                    for (blank, c) in &g.own_line {
                        if *blank {
                            out.blank();
                        }
                        out.line(0, c);
                    }
                    if g.blank_before_next && !g.own_line.is_empty() {
                        out.blank();
                    }
                    out.start(0);
                }
                Place::FieldStart | Place::Close => {
                    let indent = usize::from(tok.place == Place::FieldStart);
                    let after_open = tokens[..i].last().is_some_and(|t| t.rule == Rule::lbrace);
                    for (k, (blank, c)) in g.own_line.iter().enumerate() {
                        if *blank && !(after_open && k == 0) {
                            out.blank();
                        }
                        out.line(1, c);
                    }
                    if g.blank_before_next && !after_open && tok.place == Place::FieldStart {
                        out.blank();
                    }
                    out.start(indent);
                }
                Place::Inside => unreachable!(),
            }
        } else {
            field_comments.extend(g.own_line.iter().map(|(_, c)| *c));
            let after_approx = tokens[..i].last().is_some_and(|t| t.rule == Rule::approx);
            if g.comma {
                out.text.push_str(", ");
            } else if !after_approx && i > 0 {
                out.text.push(' ');
            }
        }
        // Line breaks inside a text block follow the file's: `\n` here,
        // turned into `\r\n` at the end for a CRLF file.
        out.text
            .push_str(&text[tok.start..tok.end].replace("\r\n", "\n"));
        prev_end = tok.end;
    }
    // After the last token: comments on its line, then comments of their own.
    let g = gap(gap_text(prev_end, text.len()));
    for c in &g.trailing {
        out.trailing(c);
    }
    out.end_line(&mut field_comments);
    for (blank, c) in &g.own_line {
        if *blank && !out.is_empty() {
            out.blank();
        }
        out.line(0, c);
    }
    let formatted = out.text.as_str();
    let anchors = diff::lines_of(text, formatted, &anchors);
    Ok(Formatted {
        text: out.finish(newline),
        anchors,
    })
}

/// The formatted text, built line by line with `\n`; comments met inside a
/// field are held until the field's line is done, then put before it.
#[derive(Default)]
struct Output {
    text: String,
    /// Where the current line starts in `text`.
    line_start: usize,
    open: bool,
}

impl Output {
    fn is_empty(&self) -> bool {
        self.text.trim_start_matches('\u{FEFF}').is_empty()
    }

    /// Open a new line at `indent` levels.
    fn start(&mut self, indent: usize) {
        self.line_start = self.text.len();
        self.text.push_str(&"  ".repeat(indent));
        self.open = true;
    }

    /// Close the current line; comments from inside it go on lines before it.
    fn end_line(&mut self, held: &mut Vec<&str>) {
        if !self.open {
            return;
        }
        if !held.is_empty() {
            let line = self.text.split_off(self.line_start);
            let indent = line.len() - line.trim_start_matches(' ').len();
            for c in held.drain(..) {
                self.text.push_str(&" ".repeat(indent));
                self.text.push_str(c);
                self.text.push('\n');
            }
            self.text.push_str(&line);
        }
        self.text.push('\n');
        self.open = false;
    }

    fn trailing(&mut self, comment: &str) {
        if self.open {
            self.text.push_str("  ");
            self.text.push_str(comment);
        } else {
            // Only before the first token: the file starts with a comment.
            self.line(0, comment);
        }
    }

    fn line(&mut self, indent: usize, content: &str) {
        let mut held = Vec::new();
        self.end_line(&mut held);
        self.text.push_str(&"  ".repeat(indent));
        self.text.push_str(content);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        let mut held = Vec::new();
        self.end_line(&mut held);
        if !self.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    fn finish(mut self, newline: &str) -> String {
        let mut held = Vec::new();
        self.end_line(&mut held);
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        if newline == "\n" {
            self.text
        } else {
            self.text.replace('\n', newline)
        }
    }
}
