//! attrib in the browser: the core library behind a small interface for the
//! playground (`web/`, built by `scripts/build-web`).
//!
//! Nothing here computes or words anything: every pane of the playground is
//! an output of the core's renderers, the same the command line prints
//! ([`Session`]). The interface to JavaScript (`ffi`, compiled for
//! wasm32 only) is a handful of `extern "C"` functions over one session:
//! strings go in through a buffer the module owns ([`ffi::attrib_input`])
//! and come out through another ([`ffi::attrib_output`]), as UTF-8 with a
//! length; structured outputs are JSON.

use attrib_core::grammar::Rule;
use attrib_core::language::{self, Vocabulary};
use attrib_core::render::{self, Style, chains_json::ChainsOutput};
use attrib_core::{Compilation, compile};
use serde::Serialize;
use std::collections::BTreeSet;

#[cfg(target_arch = "wasm32")]
pub mod ffi;

/// The text panes are drawn as `attrib chains` draws them without colour,
/// at this width.
const STYLE: Style = Style {
    color: false,
    width: 100,
};

/// One document: its text, the name it is shown under, and what the core
/// made of it. Each output is rendered when asked for, from the last
/// compilation.
pub struct Session {
    text: String,
    path: String,
    compilation: Compilation,
    /// The assessments-and-chains model, made once per compilation.
    chains: Option<ChainsOutput>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new("", "untitled.case")
    }
}

impl Session {
    pub fn new(text: &str, path: &str) -> Self {
        Session {
            text: text.to_string(),
            path: path.to_string(),
            compilation: compile(text),
            chains: None,
        }
    }

    /// Compile a new text (the whole document: at a case's size a compile
    /// costs about a millisecond, docs/performance.md).
    pub fn update(&mut self, text: &str, path: &str) {
        *self = Session::new(text, path);
    }

    pub fn errors(&self) -> usize {
        self.compilation
            .count(attrib_core::diagnostics::Severity::Error)
    }

    /// `attrib check --format json`'s object for this file (docs/json.md):
    /// each diagnostic with its labels and its fixes as edits.
    pub fn diagnostics(&self) -> String {
        let out =
            render::check_json::file_output(&self.path, &self.text, &self.compilation.diagnostics);
        serde_json::to_string(&out).expect("diagnostics serialise")
    }

    fn chains_model(&mut self) -> &ChainsOutput {
        self.chains
            .get_or_insert_with(|| render::chains_json::build(&self.compilation, false))
    }

    /// The assessments as `attrib chains` prints them (its first part).
    pub fn assessments(&mut self) -> String {
        render::chains_human::assessments(self.chains_model(), STYLE)
    }

    /// The chains as `attrib chains` prints them (its second part).
    pub fn chains(&mut self) -> String {
        render::chains_human::chains(self.chains_model(), STYLE)
    }

    /// `attrib chains --format json`.
    pub fn chains_json(&mut self) -> String {
        self.chains_model().to_json()
    }

    /// The report's timeline section as a page of its own.
    pub fn timeline(&self) -> String {
        render::report::timeline_page(&self.compilation, &self.path)
    }

    /// The report's case page (`attrib report`).
    pub fn report(&self) -> String {
        render::report::case_page(&self.compilation, &self.text, &self.path)
    }

    /// The competing-hypotheses matrices as `attrib ach` prints them.
    pub fn ach(&self) -> String {
        render::ach::render(
            &render::ach::build(&self.compilation, None).expect("no event named, no error"),
            STYLE,
        )
    }

    /// `attrib fmt`'s layout of the text; `None` when it has syntax errors.
    pub fn format(&self) -> Option<String> {
        attrib_core::ide::format(&self.text)
    }
}

/// The words of the language, for the editor's highlighting: read from the
/// core's description of the language (`attrib_core::language`) and its
/// grammar's keyword rules, never listed by hand.
#[derive(Debug, Serialize)]
pub struct Words {
    /// The keywords that open a declaration (`case`, `actor` …).
    pub declarations: Vec<&'static str>,
    /// The words of field keywords (`organ`, `of`, `takes` …) and the words
    /// that join a field's parts (`to`, `as`, `per` …).
    pub keywords: BTreeSet<String>,
    /// The closed vocabularies' words (`state`, `operator`, `almost-certain` …).
    pub vocabulary: BTreeSet<&'static str>,
}

pub fn words() -> Words {
    let declarations: Vec<&'static str> =
        language::DECLARATIONS.iter().map(|k| k.keyword()).collect();
    let mut keywords: BTreeSet<String> = language::FIELDS
        .iter()
        .flat_map(|f| f.keyword.split(' '))
        .map(str::to_string)
        .collect();
    // The grammar's other keyword rules (`k_to`, `k_as`, `k_per`): the words
    // inside a field's phrase.
    for rule in Rule::all_rules() {
        let name = format!("{rule:?}");
        if let Some(word) = name.strip_prefix("k_") {
            let word = word.replace('_', "-");
            if !declarations.contains(&word.as_str()) {
                keywords.insert(word);
            }
        }
    }
    let vocabulary = Vocabulary::ALL.iter().flat_map(|v| v.words()).collect();
    Words {
        declarations,
        keywords,
        vocabulary,
    }
}

/// [`words`] as JSON.
pub fn words_json() -> String {
    serde_json::to_string(&words()).expect("words serialise")
}

#[cfg(test)]
mod tests;
