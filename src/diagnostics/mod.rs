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

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
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

/// Sort diagnostics into source order (then by code), keeping the order
/// of those that tie.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.primary().start, d.primary().end, d.code));
}
