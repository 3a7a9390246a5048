//! `revises`: a claim can only revise a claim of its own claimant (or a
//! joint statement its claimant took part in).

use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::Symbols;
use crate::resolve::lookup;
use crate::syntax::ast::*;

pub(super) fn check(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    for i in file.indexes(DeclKind::Claim) {
        let claim = file.claim(i).expect("indexes gives claims");
        let Some(revised) = &claim.revises else {
            continue;
        };
        let Some(earlier) =
            lookup(file, symbols, revised, DeclKind::Claim).and_then(|j| file.claim(j))
        else {
            continue;
        };
        let shared = claim
            .by
            .iter()
            .any(|b| earlier.by.iter().any(|e| e.value == b.value));
        if shared || claim.by.is_empty() || earlier.by.is_empty() {
            continue;
        }
        let names = |by: &[Ident]| {
            by.iter()
                .map(|b| format!("`{}`", b.value))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Diagnostic::new(
                Code::RevisionOfAnother,
                format!(
                    "claim `{}` revises `{}`, which {} made, not {}",
                    claim.head.id.value,
                    revised.value,
                    names(&earlier.by),
                    names(&claim.by)
                ),
            )
            .label(revised.span, "the claim revised")
            .label(earlier.head.header, format!("made by {}", names(&earlier.by)))
            .help("a claimant revises only its own earlier view; to record that one party answers another, use `endorses`, `disputes` or `denies`"),
        );
    }
}
