//! Wording at the edge: the analysis holds facts (indexes, enums, figures);
//! these functions say them in words, the same way in every output.
//!
//! A computed figure is always *support* — how far the evidence on record
//! backs a step — and is never given an ICD 203 likelihood word or a
//! confidence level. A claimant's stated confidence is always labelled as
//! theirs.

use crate::analysis::chains::{MAX_CHAINS_PER_EVENT, MAX_DEPTH, MAX_STEPS, Note};
use crate::analysis::links::Record;
use crate::analysis::support::{
    self, ASSERTION_FLOOR, Level, SELF_CLAIM_CAP, STRUCTURAL, Step, Support,
};
use crate::model::{EvidenceId, Model, Verb};

/// A statement's verb, as it reads in a sentence ("takes responsibility"
/// without its `for`).
pub fn statement_verb(verb: Verb) -> &'static str {
    match verb {
        Verb::TakesResponsibility => "takes responsibility",
        other => other.keyword(),
    }
}

/// What a support level means, in a few words.
pub fn level(l: Level) -> &'static str {
    l.meaning()
}

/// "63 of 100 (substantial)".
pub fn support(s: Support) -> String {
    s.to_string()
}

/// One step of a computation, in words.
pub fn step(m: &Model, record: &Record, s: &Step) -> String {
    let graded = |e: EvidenceId| -> String {
        let Some(g) = record.grades.get(&e) else {
            return format!("{} (not graded)", m.name(e));
        };
        let via = g.reliable_source.map_or("no source", |s| m.name(s));
        format!(
            "{}: credibility {} ({}) = {}, × reliability {} of {via} ({}, {}%), × disclosed {} ({}%) = {}",
            m.name(e),
            g.credibility.word(),
            g.credibility.meaning(),
            support::credibility_value(g.credibility),
            g.reliability.word(),
            g.reliability.meaning(),
            support::reliability_weight(g.reliability),
            g.disclosure.word(),
            support::disclosure_weight(g.disclosure),
            g.score
        )
    };
    let scored = |list: &[EvidenceId]| -> String {
        list.iter()
            .map(|&e| {
                format!(
                    "{} {}",
                    m.name(e),
                    record.grades.get(&e).map_or(0, |g| g.score)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s {
        Step::Structural => {
            format!("structural relation declared in the case: {STRUCTURAL}")
        }
        Step::Supporting(e) => format!("supporting {}", graded(*e)),
        Step::Contradicting(e) => format!("contradicting {}", graded(*e)),
        Step::SameRoot(kept) => format!(
            "items sharing a root source or an originator count once, the best of each: {}",
            scored(kept)
        ),
        Step::SameRootChains(kept) => format!(
            "chains whose evidence shares a root source or an originator count once, the best of each: {}",
            kept.iter()
                .map(|(k, v)| format!("chain {} {v}", k + 1))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Step::Combined(v) => {
            format!("combined as independent items: 100 × (1 − Π(1 − s/100)) = {v}")
        }
        Step::NoEvidence => {
            format!(
                "no supporting evidence on record: an assertion alone is given {ASSERTION_FLOOR}"
            )
        }
        Step::RaisedToFloor(v) => {
            format!("{v} is below what an assertion alone is given: raised to {ASSERTION_FLOOR}")
        }
        Step::Contradicted { by, before, after } => {
            format!("contradicted at {by}: {before} × (100 − {by}) / 100 = {after}")
        }
        Step::SelfClaimCap(v) => {
            format!("only the actors' own claim asserts it: {v} capped at {SELF_CLAIM_CAP}")
        }
        Step::Chain(k, s, score) if s.rests_on_evidence() && *score != s.value => format!(
            "chain {} has support {}; its evidence alone gives {score}, which is what combines",
            k + 1,
            support(*s)
        ),
        Step::Chain(k, s, _) => format!("chain {} has support {}", k + 1, support(*s)),
        Step::AssertionsOnly(v) => {
            format!("no chain rests on evidence on record: the strongest assertion stands, {v}")
        }
        Step::Result(s) => format!("support: {}", support(*s)),
    }
}

/// A note of the chain search, in words.
pub fn note(m: &Model, n: &Note) -> String {
    match n {
        Note::TooDeep { event } => format!(
            "routes from `{}` longer than {MAX_DEPTH} links were not followed: no real attribution runs that deep, so the graph likely holds a long chain of relations",
            m.name(*event)
        ),
        Note::Cut { event, kept, steps } => format!(
            "chains from `{}` were cut after {kept} of them ({steps} search steps): the graph has more routes than attrib reports ({MAX_CHAINS_PER_EVENT} per event at most); the strongest may be among those left out",
            m.name(*event)
        ),
        Note::Stopped { event } => format!(
            "the search stopped after {MAX_STEPS} steps: events after `{}` were not searched",
            m.name(*event)
        ),
    }
}
