//! The pipeline, from text to diagnostics and chains.
//!
//! grammar → syntax → resolve → check → graph → chains → check (reasoning).
//! A file with syntax errors stops after the syntax phase: its other
//! diagnostics would describe a file that is not what the analyst wrote.

use crate::chains::{self, ChainSet};
use crate::check;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::graph::{self, Analysis};
use crate::resolve::{self, Symbols};
use crate::syntax::{self, ast::File};

/// Everything attrib knows about one file.
pub struct Compilation {
    pub file: File,
    pub symbols: Option<Symbols>,
    pub analysis: Option<Analysis>,
    pub chains: ChainSet,
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
        self.file.decls.iter().find_map(|d| match d {
            syntax::ast::Decl::Case(c) => Some(c.head.id.value.as_str()),
            _ => None,
        })
    }
}

/// Compile one file's text.
pub fn compile(text: &str) -> Compilation {
    let syntax::Parsed {
        file,
        mut diagnostics,
        complete,
    } = syntax::parse_file(text);
    if !complete {
        diagnostics::sort(&mut diagnostics);
        return Compilation {
            file,
            symbols: None,
            analysis: None,
            chains: ChainSet::default(),
            diagnostics,
        };
    }
    let symbols = resolve::resolve(&file, &mut diagnostics);
    check::structure(&file, &symbols, &mut diagnostics);
    let analysis = graph::analyse(&file, &symbols);
    let chains = chains::derive(&file, &analysis);
    check::reasoning(&file, &symbols, &analysis, &chains, &mut diagnostics);
    check::allow::apply(&file, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    Compilation {
        file,
        symbols: Some(symbols),
        analysis: Some(analysis),
        chains,
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
            Err((text, d)) => Loaded {
                text,
                not_utf8: Some(d),
            },
        }
    }

    /// The text, decoded lossily where it is not UTF-8.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The compiled file, unless it is not UTF-8.
    pub fn compilation(&self) -> Option<Compilation> {
        self.not_utf8.is_none().then(|| compile(&self.text))
    }

    /// Every diagnostic of the file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match &self.not_utf8 {
            Some(d) => vec![d.clone()],
            None => compile(&self.text).diagnostics,
        }
    }
}
