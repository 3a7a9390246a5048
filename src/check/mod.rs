//! The checks: what makes a case file wrong (errors) or its reasoning weak
//! (warnings).
//!
//! Each submodule checks one concern and only reports facts as
//! diagnostics; none of them stops the others.

pub mod allow;
mod chronology;
mod cycles;
mod fields;
mod outside;
mod reasoning;
mod responses;
mod revisions;
mod unused;

use crate::analysis::Analysis;
use crate::diagnostics::Diagnostic;
use crate::resolve::Symbols;
use crate::syntax::ast::File;

/// Checks that need only the file and its names.
pub fn structure(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    fields::check(file, out);
    cycles::check(file, symbols, out);
    revisions::check(file, symbols, out);
    chronology::check(file, symbols, out);
    unused::check(file, out);
    outside::check(file, out);
}

/// Checks of the reasoning, which need the graph and its chains.
pub fn reasoning(file: &File, symbols: &Symbols, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    reasoning::check(file, symbols, analysis, out);
    responses::check(file, symbols, analysis, out);
}
