//! The analysis: everything attrib derives from a resolved case, computed
//! once, as typed data (declaration indexes and enums, no English).
//!
//! view (as of a date, latest views) → links (graded evidence, support,
//! weaknesses) → chains → assessments → competing hypotheses (ach). Checks of the reasoning, every
//! renderer (chains, compare, graph, STIX, the report) and the language
//! server read this model; none of them looks ids up again or re-runs the
//! calculus. Wording is made where it is shown (`render::words`).

pub mod ach;
pub mod assessments;
pub mod chains;
pub mod links;
pub mod parties;
pub mod support;
pub mod view;

use crate::model::*;
use crate::vocab::EventKind;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

pub use assessments::{Assessment, Attributor, Participation};
pub use chains::{Chain, ChainSet};
pub use links::{Link, Reaction, Relation, Weakness};
pub use parties::{Group, Party};
pub use support::{Level, Support};
pub use view::{Current, View};

/// A statement that places an activity on a state's territory without
/// attributing it to the state (`locates … in …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub claim: ClaimId,
    pub events: Vec<EventId>,
    pub place: ActorId,
}

/// Everything derived from one case, as of one view.
pub struct Analysis {
    pub view: View,
    pub current: Current,
    /// Sources' roots, evidence grades, evidence per claim, reactions.
    pub record: links::Record,
    /// Every link, in canonical order.
    pub links: Vec<Link>,
    pub graph: chains::Graph,
    pub chains: ChainSet,
    pub assessments: Vec<Assessment>,
    /// The group and state of every claimant.
    pub parties: HashMap<ActorId, Party>,
    /// Territory statements in view, by date.
    pub locations: Vec<Location>,
    /// Events by date, then id: the order they are shown in.
    pub events: Vec<EventId>,
    /// The parties chains hold responsible or pass through.
    pub implicated: BTreeSet<ActorId>,
    /// The events that are attacks: chains start from them, a claim
    /// attributes, claims, condemns, assesses or locates them, or their
    /// kind is not `other`. (Other events are context: a relocation, a
    /// postponed summit.)
    pub attacks: BTreeSet<EventId>,
    /// The Analysis of Competing Hypotheses: hypotheses per event, the
    /// matrices, their scores, ranking and sensitivity.
    pub ach: ach::Ach,
}

/// Analyse a resolved case as of a view.
pub fn analyse(m: &Model, view: View) -> Analysis {
    let current = Current::build(m, &view);
    let (record, links) = links::build(m, &view, &current);
    let graph = chains::Graph::new(&links);
    let chains = chains::derive(m, &links, &graph);
    // The parties of the claimants only: each is a walk up the actor's
    // relations, and actors that claim nothing are never attributors.
    let claimants: std::collections::BTreeSet<ActorId> =
        current.claimants.values().flatten().copied().collect();
    let parties: HashMap<ActorId, Party> = claimants
        .into_iter()
        .map(|a| (a, parties::party(m, a)))
        .collect();
    let events = chains::events_in_order(m);
    let event_rank: HashMap<EventId, usize> =
        events.iter().enumerate().map(|(k, &e)| (e, k)).collect();
    let assessments = assessments::assess(
        m,
        &record,
        &links,
        &chains.chains,
        &current,
        &parties,
        &event_rank,
    );
    let mut locations = Vec::new();
    for (i, claim) in m.claims.iter().filter(|(i, _)| view.claim(*i)) {
        for s in claim.statements.iter().filter(|s| s.verb == Verb::Locates) {
            if let Some(place) = s.object {
                let mut events: Vec<EventId> =
                    s.targets.iter().filter_map(|e| e.to.event()).collect();
                events.sort_by_key(|e| event_rank.get(e).copied());
                locations.push(Location {
                    claim: i,
                    events,
                    place: place.to,
                });
            }
        }
    }
    locations.sort_by(|a, b| {
        m.dated_key(a.claim)
            .cmp(&m.dated_key(b.claim))
            .then_with(|| m.name(a.place).cmp(m.name(b.place)))
    });
    let ach = ach::build(m, &record, &links, &chains.chains, &assessments, &events);
    let implicated = implicated(&links, &chains);
    let attacks = attacks(m, &chains);
    Analysis {
        view,
        current,
        record,
        links,
        graph,
        chains,
        assessments,
        parties,
        locations,
        events,
        implicated,
        attacks,
        ach,
    }
}

/// The parties chains hold responsible or pass through: every link's end
/// (a link after the first starts where the one before it ends).
fn implicated(links: &[Link], chains: &ChainSet) -> BTreeSet<ActorId> {
    chains
        .chains
        .iter()
        .flat_map(|c| c.links.iter().map(|&l| links[l].to))
        .collect()
}

/// Events that are attacks (see [`Analysis::attacks`]): claims of every
/// date count, so that `--as-of` does not turn an attack into context.
fn attacks(m: &Model, chains: &ChainSet) -> BTreeSet<EventId> {
    let mut out: BTreeSet<EventId> = chains.chains.iter().map(|c| c.event).collect();
    for (i, e) in m.events.iter() {
        if e.kinds.iter().any(|&k| k != EventKind::Other) {
            out.insert(i);
        }
    }
    for claim in m.claims.values() {
        for s in &claim.statements {
            if matches!(
                s.verb,
                Verb::Attributes
                    | Verb::TakesResponsibility
                    | Verb::Condemns
                    | Verb::Assesses
                    | Verb::Locates
            ) {
                out.extend(s.targets.iter().filter_map(|t| t.to.event()));
            }
        }
    }
    out
}

impl Analysis {
    /// The assessment that answers the attribution question for the case:
    /// the one with the most independent attributing states, then the most
    /// attributors other than the actors themselves, then the strongest
    /// support, then the responsible party's id and the event's id — a rule
    /// no declaration order can change. `None` when nothing is attributed.
    pub fn principal(&self, m: &Model) -> Option<&Assessment> {
        self.best(m, |a| {
            (
                a.states.len(),
                a.third_parties().count(),
                usize::from(a.support().value),
            )
        })
    }

    /// The assessment most vendors hold: the most vendor attributors, then
    /// the strongest support, then the ids (as [`Analysis::principal`]).
    pub fn principal_by_vendors(&self, m: &Model) -> Option<&Assessment> {
        self.best(m, |a| {
            let vendors = a
                .attributors
                .iter()
                .filter(|x| x.group == Group::Vendor)
                .count();
            (vendors, 0, usize::from(a.support().value))
        })
        .filter(|a| a.attributors.iter().any(|x| x.group == Group::Vendor))
    }

    fn best(
        &self,
        m: &Model,
        key: impl Fn(&Assessment) -> (usize, usize, usize),
    ) -> Option<&Assessment> {
        self.assessments.iter().max_by(|a, b| {
            key(a)
                .cmp(&key(b))
                // On a tie the smaller id wins: reverse the comparison.
                .then_with(|| m.name(b.responsible).cmp(m.name(a.responsible)))
                .then_with(|| m.name(b.event).cmp(m.name(a.event)))
        })
    }
}
