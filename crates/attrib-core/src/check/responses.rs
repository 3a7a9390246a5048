//! Responses measured against the chains: against whom no chain reaches,
//! before any attribution of their target, countermeasures without a state.

use crate::analysis::{Analysis, Chain, chains::Note};
use crate::date::Order;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;
use crate::vocab::{ActorKind, LegalCategory};
use std::collections::BTreeSet;

/// The events a response answers: directly, or through the claims it answers.
fn answered_events(m: &Model, r: &Response) -> BTreeSet<EventId> {
    let mut events = BTreeSet::new();
    for a in &r.answers {
        match a.to {
            Node::Event(e) => {
                events.insert(e);
            }
            Node::Claim(c) => {
                for s in &m.claims[c].statements {
                    // What is attributed, or the events claimed.
                    if matches!(s.verb, Verb::Attributes | Verb::TakesResponsibility) {
                        events.extend(s.targets.iter().filter_map(|t| t.to.event()));
                    }
                }
            }
            _ => {}
        }
    }
    events
}

/// `target` and every actor it stands under through structural relations
/// (the state it is an organ of, the organisation it is part of, where it
/// holds office, whom it fronts for). A response against an organ of a
/// state answers an attribution to that state.
fn covering(m: &Model, target: ActorId) -> BTreeSet<ActorId> {
    let mut up = BTreeSet::from([target]);
    let mut frontier = vec![target];
    while let Some(a) = frontier.pop() {
        for r in &m.actors[a].relations {
            if up.insert(r.target.to) {
                frontier.push(r.target.to);
            }
        }
    }
    up
}

pub(super) fn check(m: &Model, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let mut by_event: rustc_hash::FxHashMap<EventId, Vec<&Chain>> = Default::default();
    for c in &analysis.chains.chains {
        by_event.entry(c.event).or_default().push(c);
    }
    // Events whose chains the bounded search did not all find (`attrib
    // chains` says so in its notes): what no chain reaches from them is not
    // known, so the responses to them are not measured.
    let mut unsure: BTreeSet<EventId> = BTreeSet::new();
    for note in &analysis.chains.notes {
        match *note {
            Note::TooDeep { event } | Note::Cut { event, .. } => {
                unsure.insert(event);
            }
            Note::Stopped { event } => {
                let from = analysis.events.iter().position(|&e| e == event);
                unsure.extend(analysis.events[from.unwrap_or(0)..].iter().copied());
            }
        }
    }
    for r in m.responses.values() {
        if r.answers.is_empty() {
            continue;
        }
        let events = answered_events(m, r);
        if events.iter().any(|e| unsure.contains(e)) {
            continue;
        }
        let relevant: Vec<&Chain> = events
            .iter()
            .flat_map(|e| by_event.get(e).into_iter().flatten().copied())
            .collect();
        let id = &r.head.name;

        // The accused's own counter-moves (entry bans on the accusers, a
        // counter-accusation) are not against anyone a chain reaches.
        let speaker = |a: ActorId| crate::analysis::parties::party(m, a).speaker;
        let accused = relevant
            .iter()
            .map(|c| speaker(c.responsible))
            .collect::<BTreeSet<ActorId>>();
        if r.by.iter().any(|b| accused.contains(&speaker(b.to))) {
            continue;
        }
        for t in &r.against {
            let target = t.to;
            let above = covering(m, target);
            // Claims on the chains up to the first node that covers the target.
            let mut reached = false;
            let mut claims: BTreeSet<ClaimId> = BTreeSet::new();
            for c in &relevant {
                for (k, &l) in c.links.iter().enumerate() {
                    if above.contains(&analysis.links[l].to) {
                        reached = true;
                        for &l in &c.links[..=k] {
                            for &claim in &analysis.links[l].claims {
                                // The claim and the earlier views it revises.
                                claims.insert(claim);
                                claims.extend(analysis.current.earlier(claim));
                            }
                        }
                        break;
                    }
                }
            }
            if !reached {
                out.push(
                    Diagnostic::new(
                        Code::Unreached,
                        format!("response `{id}` is against `{}`, but no chain from what it answers reaches it", m.name(target)),
                    )
                    .label(t.span, "no attribution chain reaches this actor")
                    .help("record the claim that holds this actor responsible, or check that the response answers the right event or claim"),
                );
                continue;
            }
            let Some(date) = &r.date else {
                continue;
            };
            let dates: Vec<_> = claims
                .iter()
                .filter_map(|&c| m.claims[c].date.as_ref())
                .collect();
            if !dates.is_empty()
                && dates
                    .iter()
                    .all(|d| date.value.order(&d.value) == Order::Before)
            {
                let earliest = dates
                    .iter()
                    .min_by_key(|d| d.value.sort_key())
                    .expect("not empty");
                out.push(
                    Diagnostic::new(
                        Code::PrematureResponse,
                        format!("response `{id}` against `{}` is dated before any attribution of it", m.name(target)),
                    )
                    .label(date.span, format!("the response is dated {}", date.value))
                    .label(earliest.span, format!("the earliest attribution is dated {}", earliest.value))
                    .help("a response before attribution is worth recording, but check the dates: if they are right, say in a `note` what the response rested on"),
                );
            }
        }

        if let Some(cat) = &r.category
            && cat.value == LegalCategory::Countermeasure
        {
            let reaches_state = relevant
                .iter()
                .any(|c| m.actors[c.responsible].kind == Some(ActorKind::State));
            if !reaches_state {
                out.push(
                        Diagnostic::new(
                            Code::StatelessCountermeasure,
                            format!("response `{id}` is a countermeasure, but no chain attributes what it answers to a state"),
                        )
                        .label(cat.span, "a countermeasure answers a state's wrongful act")
                        .help("record the attribution to a state that the countermeasure rests on, or categorise the response as retorsion"),
                    );
            }
        }
    }
}
