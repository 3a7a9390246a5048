//! The pipeline, from text to diagnostics and the analysis.
//!
//! grammar → syntax → resolve → check → analysis → check (reasoning).
//! A file with syntax errors goes through every phase too: a broken
//! declaration keeps what was read before its error (`Head::partial`), so
//! references to it resolve and the rest of the file is checked. Checks
//! that rest on something being absent run only on a file that parsed
//! completely and whose references all resolve (`check::Whole`).
//!
//! Diagnostics always describe the whole file. With [`Options::as_of`], the
//! analysis the renderers read is the case as it stood on that date (one
//! filter applied before the analysis: `analysis::view`).

use crate::analysis::{self, Analysis, View};
use crate::check;
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::model::{self, Model};
use crate::resolve::{self, Symbols};
use crate::syntax::{self, ast::File};

/// How to compile.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Analyse the case as it stood on this date.
    pub as_of: Option<Date>,
}

/// Everything attrib knows about one file.
pub struct Compilation {
    /// The syntax tree: for what is about the text itself (formatting,
    /// semantic tokens, completion).
    pub file: File,
    /// The resolution table: what each reference in the text names.
    pub symbols: Symbols,
    /// The resolved case, which checks, the analysis, the renderers and
    /// the language server read.
    pub model: Model,
    /// The analysis (as of the date asked for, if any), of what could be
    /// read when the file has syntax errors.
    pub analysis: Analysis,
    /// In source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// The case header's id, if the file has one.
    pub fn case_id(&self) -> Option<&str> {
        self.model.header().map(|h| h.head.name.as_str())
    }
}

/// Compile one file's text.
pub fn compile(text: &str) -> Compilation {
    compile_with(text, Options::default())
}

/// Compile one file's text with options.
pub fn compile_with(text: &str, options: Options) -> Compilation {
    let syntax::Parsed {
        file,
        mut diagnostics,
        complete,
    } = syntax::parse_file(text);
    let hidden = check::characters::check(text, &diagnostics);
    diagnostics.extend(hidden);
    let symbols = resolve::resolve(&file, &mut diagnostics);
    let model = model::lower(&file, &symbols);
    let whole_file = check::Whole {
        parsed: complete,
        resolved: symbols.unresolved() == 0,
    };
    check::structure(&file, &symbols, &model, whole_file, &mut diagnostics);
    let whole = analysis::analyse(&model, View::whole(&model));
    check::reasoning(&model, &whole, whole_file, &mut diagnostics);
    check::allow::apply(&file, whole_file, &mut diagnostics);
    diagnostics::shorten_all(&mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    let analysis = match options.as_of {
        Some(date) => analysis::analyse(&model, View::as_of(&model, date)),
        None => whole,
    };
    Compilation {
        file,
        symbols,
        model,
        analysis,
        diagnostics,
    }
}

/// A file's bytes, decoded: its text, or its lossy text and the diagnostic
/// saying it is not UTF-8.
pub struct Loaded {
    text: String,
    not_utf8: Option<Diagnostic>,
}

impl Loaded {
    pub fn from_bytes(bytes: &[u8]) -> Loaded {
        match crate::source::decode(bytes) {
            Ok(text) => Loaded {
                text: text.to_string(),
                not_utf8: None,
            },
            Err(failed) => {
                let (text, d) = *failed;
                Loaded {
                    text,
                    not_utf8: Some(d),
                }
            }
        }
    }

    /// The text, decoded lossily where it is not UTF-8.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The compiled file, unless it is not UTF-8.
    pub fn compilation(&self) -> Option<Compilation> {
        self.compilation_with(Options::default())
    }

    /// The compiled file with options, unless it is not UTF-8.
    pub fn compilation_with(&self, options: Options) -> Option<Compilation> {
        self.not_utf8
            .is_none()
            .then(|| compile_with(&self.text, options))
    }

    /// Every diagnostic of the file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match &self.not_utf8 {
            Some(d) => vec![d.clone()],
            None => compile(&self.text).diagnostics,
        }
    }
}
