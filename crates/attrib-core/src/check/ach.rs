//! Competing hypotheses (W04xx): hypotheses no item is rated against, a
//! self-claim or persona with no hypothesis that it is a cover, ratings
//! that contradict the item's own `supports`, matrices with no diagnostic
//! row, ratings that name no hypothesis of what the item bears on. They
//! speak only in a case that uses ACH (declares a hypothesis or rates an
//! item): a case that weighs no hypotheses is not asked to.

use crate::analysis::Analysis;
use crate::analysis::ach::{self, Hyp};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;
use std::collections::BTreeSet;

pub(super) fn check(m: &Model, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let a = &analysis.ach;
    if !a.used {
        return;
    }
    let word = |h: Hyp| m.name(h.node()).to_string();

    // W0401: declared hypotheses no item rates.
    let mut rated: BTreeSet<HypothesisId> = BTreeSet::new();
    for e in m.evidence.values() {
        for r in &e.ratings {
            rated.extend(r.hypotheses.iter().filter_map(|h| match h.to {
                Node::Hypothesis(h) => Some(h),
                _ => None,
            }));
        }
    }
    for (_, hyp) in m.hypotheses.iter().filter(|(h, _)| !rated.contains(h)) {
        out.push(
            Diagnostic::new(
                Code::HypothesisUnrated,
                format!(
                    "no evidence item is rated against hypothesis `{}`",
                    hyp.head.name
                ),
            )
            .label(hyp.head.header, "this hypothesis")
            .help(unrated_help()),
        );
    }
    // … and parties held responsible, in an event that has a matrix.
    for x in &a.matrices {
        for c in x.columns.iter().filter(|c| c.rated == 0) {
            if let Hyp::Party(p) = c.hyp {
                out.push(
                    Diagnostic::new(
                        Code::HypothesisUnrated,
                        format!(
                            "no evidence item is rated against `{}`, a hypothesis for `{}` (a claim holds it responsible)",
                            m.name(p),
                            m.name(x.event)
                        ),
                    )
                    .label(m.head(Node::Event(x.event)).header, "the event weighed")
                    .help(unrated_help()),
                );
            }
        }
    }

    // W0402: a self-claim or persona and no hypothesis that it is a cover.
    let self_claimed: BTreeSet<(EventId, ActorId)> = analysis
        .assessments
        .iter()
        .filter(|x| ach::self_claimed(m, x))
        .map(|x| (x.event, x.responsible))
        .collect();
    for (event, hyps) in &a.weighed {
        let own = |p: ActorId| self_claimed.contains(&(*event, p));
        let voices: Vec<ActorId> = hyps
            .iter()
            .filter_map(|h| match h {
                Hyp::Party(p) if own(*p) => Some(*p),
                _ => None,
            })
            .collect();
        if voices.is_empty() {
            continue;
        }
        let cover = hyps.iter().any(|h| match *h {
            Hyp::Party(p) => !own(p),
            Hyp::Declared(d) => {
                let r = &m.hypotheses[d].responsible;
                r.is_empty() || ids(r).any(|p| !own(p))
            }
        });
        if !cover {
            let names: Vec<String> = voices.iter().map(|&p| format!("`{}`", m.name(p))).collect();
            out.push(
                Diagnostic::new(
                    Code::NoCoverHypothesis,
                    format!(
                        "`{}` is explained only by {}'s own voice: no hypothesis that it is a cover",
                        m.name(*event),
                        names.join(", ")
                    ),
                )
                .label(m.head(Node::Event(*event)).header, "the event weighed")
                .help("declare a `hypothesis` that `explains` the event as a cover or false flag (who would stand behind the persona), citing the sources that raised it; a self-claim is not proof of who stands behind it"),
            );
        }
    }

    // W0403: a rating against what the item's own `supports` asserts.
    for (i, item) in m.evidence.iter() {
        for r in item.ratings.iter().filter(|r| r.rating.value.against() > 0) {
            for named in &r.hypotheses {
                let Some(h) = Hyp::of(named.to) else { continue };
                let parties: Vec<ActorId> = match h {
                    Hyp::Party(p) => vec![p],
                    Hyp::Declared(d) => ids(&m.hypotheses[d].responsible).collect(),
                };
                for s in &item.supports {
                    if held_responsible(m, s.to)
                        .iter()
                        .any(|p| parties.contains(p))
                    {
                        out.push(
                            Diagnostic::new(
                                Code::RatingContradictsLink,
                                format!(
                                    "evidence `{}` is rated {} with `{}`, but it supports `{}`, which holds that party responsible",
                                    m.name(i),
                                    r.rating.value.word(),
                                    word(h),
                                    m.name(s.to)
                                ),
                            )
                            .label(named.span, format!("rated {}", r.rating.value.word()))
                            .label(s.span, "this claim holds it responsible")
                            .help("an item cannot back a claim and count against what the claim asserts: correct the rating, or record the item as `contradicts` the claim if that is what the sources say"),
                        );
                    }
                }
            }
        }
    }

    // W0404: a matrix with no diagnostic row.
    for x in a
        .matrices
        .iter()
        .filter(|x| x.rows.iter().all(|r| !r.diagnostic))
    {
        out.push(
            Diagnostic::new(
                Code::NoDiagnosticRow,
                format!(
                    "no item rated for `{}` tells its hypotheses apart: every row is rated the same against all of them",
                    m.name(x.event)
                ),
            )
            .label(m.head(Node::Event(x.event)).header, "the event weighed")
            .help("rate the items against every hypothesis the sources speak to; if none tells them apart, the ranking says nothing, and this warning is a true statement about the case"),
        );
    }

    // W0405: ratings that name no hypothesis of what the item bears on.
    for u in &a.unmatched {
        let r = &m.evidence[u.item].ratings[u.rated];
        let named = r.hypotheses[u.named];
        out.push(
            Diagnostic::new(
                Code::RatedNotAHypothesis,
                format!(
                    "evidence `{}` is rated against `{}`, which no claim holds responsible for an event the item bears on",
                    m.name(u.item),
                    m.name(named.to)
                ),
            )
            .label(named.span, "not a hypothesis here")
            .help("rate it against a party a claim holds responsible for the event (the end of its chains), or declare a `hypothesis` that explains the event and rate against that"),
        );
    }
}

fn unrated_help() -> &'static str {
    "rate the evidence against it (`rated consistent with ID \"reason\"` in an evidence item) where a source gives a reason to; a hypothesis no item is rated against is not ranked"
}

/// The parties a claim holds responsible: the objects of its attributions
/// and the claimants of a claim of responsibility.
fn held_responsible(m: &Model, claim: ClaimId) -> Vec<ActorId> {
    let c = &m.claims[claim];
    let mut out = Vec::new();
    for s in &c.statements {
        match s.verb {
            Verb::Attributes => out.extend(s.object.map(|o| o.to)),
            Verb::TakesResponsibility => out.extend(ids(&c.by)),
            _ => {}
        }
    }
    out
}
