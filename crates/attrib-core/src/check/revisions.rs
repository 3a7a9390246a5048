//! `revises`: a claim can only revise a claim of its own voice: its
//! claimant's, a joint statement its claimant took part in, or a claim of
//! another body of the same state or international organisation (an
//! agency's finding that the government later restates, a president's
//! statement that names what an interagency group left open).

use crate::analysis::parties::party;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;

pub(super) fn check(m: &Model, out: &mut Vec<Diagnostic>) {
    for (_, claim) in m.claims.iter() {
        let Some(revised) = claim.revises else {
            continue;
        };
        let earlier = &m.claims[revised.to];
        let voice = |a: ActorId| party(m, a).speaker;
        let shared = claim
            .by
            .iter()
            .any(|b| earlier.by.iter().any(|e| voice(e.to) == voice(b.to)));
        if shared || claim.by.is_empty() || earlier.by.is_empty() {
            continue;
        }
        let names = |by: &[Ref<ActorId>]| {
            by.iter()
                .map(|b| format!("`{}`", m.name(b.to)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Diagnostic::new(
                Code::RevisionOfAnother,
                format!(
                    "claim `{}` revises `{}`, which {} made, not {}",
                    claim.head.name,
                    earlier.head.name,
                    names(&earlier.by),
                    names(&claim.by)
                ),
            )
            .label(revised.span, "the claim revised")
            .label(earlier.head.header, format!("made by {}", names(&earlier.by)))
            .help("a claimant revises only its own earlier view or one of its state's (or organisation's) other bodies; to record that one party answers another, use `endorses`, `disputes` or `denies`"),
        );
    }
}
