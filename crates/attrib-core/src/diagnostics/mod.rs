//! One catalogue of diagnostics, and the diagnostic model every phase
//! produces.
//!
//! Phases report facts as [`Diagnostic`] values: a [`Code`] from the
//! catalogue, a one-line message, labelled spans and a help line. How they
//! are shown (miette, JSON …) is the business of [`crate::render`].

mod catalogue;

pub use catalogue::{CATALOGUE, Code, CodeInfo};

use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A labelled place in the file. The first label of a diagnostic is the
/// primary one: where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A fix as data: what it does, and the edits (a span of the file and the
/// text that replaces it). Shown in the help line, sent as a quick fix by
/// the language server and as `fixes` in SARIF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Span, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: String,
    /// Fixes that resolve it, when one is known ("did you mean").
    pub fixes: Vec<Fix>,
    /// A warning turned into an error by the caller's policy (`--deny`).
    pub denied: bool,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            labels: Vec::new(),
            help: String::new(),
            fixes: Vec::new(),
            denied: false,
        }
    }

    /// A fix that replaces `span` with `replacement`.
    pub fn fix(
        mut self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits: vec![(span, replacement.into())],
        });
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// The severity it is reported with: its code's, or error when denied.
    pub fn severity(&self) -> Severity {
        if self.denied {
            Severity::Error
        } else {
            self.code.info().severity
        }
    }

    /// Where the diagnostic points first: used to sort into source order.
    pub fn primary(&self) -> Span {
        self.labels.first().map(|l| l.span).unwrap_or_default()
    }
}

/// What the caller makes of warnings: `--deny warnings`, `--deny CODE`,
/// `--allow CODE`. Errors can be neither allowed nor made lighter.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub deny_warnings: bool,
    pub deny: Vec<Code>,
    pub allow: Vec<Code>,
}

impl Policy {
    /// Drop allowed warnings and turn denied ones into errors.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| {
            !(d.code.info().severity == Severity::Warning && self.allow.contains(&d.code))
        });
        for d in diagnostics.iter_mut() {
            if d.code.info().severity == Severity::Warning
                && (self.deny_warnings || self.deny.contains(&d.code))
            {
                d.denied = true;
            }
        }
    }
}

/// The longest word a message shows in full, in characters: an id or a
/// token of a megabyte is shown as its first and last characters.
pub const MAX_TOKEN: usize = 80;

/// `text` with every run of non-space characters longer than [`MAX_TOKEN`]
/// shortened to its first 60 and last 12 characters around `…`.
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_long_run(text) {
        return text.into();
    }
    let long = |w: &str| w.len() > MAX_TOKEN && w.chars().count() > MAX_TOKEN;
    if !text.split(char::is_whitespace).any(long) {
        return text.into();
    }
    let mut out = String::with_capacity(MAX_TOKEN * 4);
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_len);
        if long(word) {
            let count = word.chars().count();
            out.extend(word.chars().take(60));
            out.push('…');
            out.extend(word.chars().skip(count - 12));
        } else {
            out.push_str(word);
        }
        let space_len = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&after[..space_len]);
        rest = &after[space_len..];
    }
    out.into()
}

/// Whether `text` has more than [`MAX_TOKEN`] bytes without an ASCII
/// space, tab or line break: the cheap test that a word may be too long
/// (bytes count at least as many as characters).
fn has_long_run(text: &str) -> bool {
    if text.len() <= MAX_TOKEN {
        return false;
    }
    // A run of more than 80 bytes without a space covers at least nine
    // whole words of eight bytes none of which holds a space: look closer
    // only then.
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut spaceless = 0;
    let mut may = false;
    for chunk in text.as_bytes().chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ (LO * b' ' as u64);
        if x.wrapping_sub(LO) & !x & HI == 0 {
            spaceless += 1;
            if spaceless >= 9 {
                may = true;
                break;
            }
        } else {
            spaceless = 0;
        }
    }
    if !may {
        return false;
    }
    let mut run = 0;
    for &b in text.as_bytes() {
        if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
            run = 0;
        } else {
            run += 1;
            if run > MAX_TOKEN {
                return true;
            }
        }
    }
    false
}

impl Diagnostic {
    /// The same with every long token of its texts shortened ([`shorten`]):
    /// messages stay readable, in every format, whatever the file holds.
    /// Fixes' edits are kept whole (they are text to insert).
    pub fn shortened(mut self) -> Diagnostic {
        let cut = |s: &mut String| {
            if let std::borrow::Cow::Owned(short) = shorten(s) {
                *s = short;
            }
        };
        cut(&mut self.message);
        cut(&mut self.help);
        for l in &mut self.labels {
            cut(&mut l.message);
        }
        for f in &mut self.fixes {
            cut(&mut f.title);
        }
        self
    }
}

/// Shorten the long tokens of every diagnostic ([`Diagnostic::shortened`]).
pub fn shorten_all(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if has_long_run(&d.message)
            || has_long_run(&d.help)
            || d.labels.iter().any(|l| has_long_run(&l.message))
            || d.fixes.iter().any(|f| has_long_run(&f.title))
        {
            *d = std::mem::replace(d, Diagnostic::new(d.code, "")).shortened();
        }
    }
}

/// Sort diagnostics into source order (then by code), keeping the order
/// of those that tie.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.primary().start, d.primary().end, d.code));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tokens_are_shortened_short_ones_kept() {
        let id = "x".repeat(1 << 20);
        let text = format!("`{id}` is not declared, see  `{id}`.");
        let short = shorten(&text);
        assert!(short.len() < 200, "{}", short.len());
        assert!(short.starts_with("`xxx"));
        assert!(short.contains("…"));
        assert!(short.ends_with("xxx`."));
        assert!(short.contains(" is not declared, see  `"));
        let fine = "a message with `ordinary-ids` and words, of any length ".repeat(5);
        assert_eq!(shorten(&fine), fine);
        let wide = "é".repeat(81);
        assert_eq!(shorten(&wide).chars().count(), 73);
        // Every length and place of a long word, for the eight-byte test.
        for len in 70..100 {
            for at in 0..10 {
                let text = format!("{} {} tail", "ab ".repeat(at), "x".repeat(len));
                assert_eq!(has_long_run(&text), len > MAX_TOKEN, "{len} at {at}");
            }
        }
    }
}
