//! The checks: what makes a case file wrong (errors) or its reasoning weak
//! (warnings).
//!
//! Each submodule checks one concern and only reports facts as
//! diagnostics; none of them stops the others.

mod ach;
pub mod allow;
pub mod characters;
mod chronology;
mod cycles;
mod fields;
mod ids;
mod outside;
mod reasoning;
mod responses;
mod revisions;
mod steps;
mod unused;

use crate::analysis::Analysis;
use crate::diagnostics::Diagnostic;
use crate::model::Model;
use crate::resolve::Symbols;
use crate::syntax::ast::File;

/// How much of the file the checks can trust.
///
/// A check that reports something present (a date before another, a
/// cycle, an unknown id) is right on any part of a file. A check that
/// reports something *absent* (a source nothing cites, a claim with no
/// evidence, a response no chain reaches) is right only when nothing is
/// missing: such checks run only on a [`Whole::sound`] file, one that
/// parsed completely and whose references all resolved (a syntax error may
/// have cut the field that cites the source; a misspelt reference may be
/// the missing link of the chain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole {
    /// No syntax error: every declaration was read in full.
    pub parsed: bool,
    /// Every reference names a declaration of a kind allowed there.
    pub resolved: bool,
}

impl Whole {
    pub fn sound(self) -> bool {
        self.parsed && self.resolved
    }
}

/// Checks of what the file says, before the analysis: of the text as
/// written (fields, ids, outside vocabularies, what is never cited) and of
/// the resolved case (cycles, revisions, chronology).
pub fn structure(
    file: &File,
    symbols: &Symbols,
    m: &Model,
    whole: Whole,
    out: &mut Vec<Diagnostic>,
) {
    fields::check(file, whole, out);
    cycles::check(m, out);
    revisions::check(m, out);
    chronology::check(m, out);
    ids::check(file, symbols, out);
    if whole.sound() {
        unused::check(file, out);
        // A step may be missing from a claim only because an error cut it.
        steps::check(m, out);
    }
    outside::check(file, out);
}

/// Checks of the reasoning, which need the graph and its chains: all of
/// them rest on what the graph lacks, so they run only on a sound file.
pub fn reasoning(m: &Model, analysis: &Analysis, whole: Whole, out: &mut Vec<Diagnostic>) {
    if !whole.sound() {
        return;
    }
    reasoning::check(m, analysis, out);
    responses::check(m, analysis, out);
    ach::check(m, analysis, out);
}
