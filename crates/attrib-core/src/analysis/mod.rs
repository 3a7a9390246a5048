//! The analysis: everything attrib derives from a resolved case, computed
//! once, as typed data (declaration indexes and enums, no English).
//!
//! view (as of a date, latest views) → links (graded evidence, support,
//! weaknesses) → chains → assessments. Checks of the reasoning, every
//! renderer (chains, compare, graph, STIX, the report) and the language
//! server read this model; none of them looks ids up again or re-runs the
//! calculus. Wording is made where it is shown (`render::words`).

pub mod assessments;
pub mod chains;
pub mod links;
pub mod parties;
pub mod support;
pub mod view;

use crate::resolve::{Symbols, lookup};
use crate::syntax::ast::*;
use rustc_hash::FxHashMap as HashMap;

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
    pub claim: usize,
    pub events: Vec<usize>,
    pub place: usize,
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
    pub parties: HashMap<usize, Party>,
    /// Territory statements in view, by date.
    pub locations: Vec<Location>,
    /// Events by date, then id: the order they are shown in.
    pub events: Vec<usize>,
}

/// Analyse a resolved file as of a view.
pub fn analyse(file: &File, symbols: &Symbols, view: View) -> Analysis {
    let current = Current::build(file, symbols, &view);
    let (record, links) = links::build(file, symbols, &view, &current);
    let graph = chains::Graph::new(&links);
    let chains = chains::derive(file, &links, &graph);
    // The parties of the claimants only: each is a walk up the actor's
    // relations, and actors that claim nothing are never attributors.
    let claimants: std::collections::BTreeSet<usize> =
        current.claimants.values().flatten().copied().collect();
    let parties: HashMap<usize, Party> = claimants
        .into_iter()
        .map(|a| (a, parties::party(file, symbols, a)))
        .collect();
    let events = chains::events_in_order(file);
    let event_rank: HashMap<usize, usize> =
        events.iter().enumerate().map(|(k, &e)| (e, k)).collect();
    let assessments = assessments::assess(
        file,
        symbols,
        &links,
        &chains.chains,
        &current,
        &parties,
        &event_rank,
    );
    let mut locations = Vec::new();
    for i in file.indexes(DeclKind::Claim).filter(|&i| view.includes(i)) {
        let claim = file.claim(i).expect("indexes gives claims");
        for s in &claim.statements {
            if let Statement::Locates { events, place, .. } = s
                && let Some(place) = lookup(file, symbols, place, DeclKind::Actor)
            {
                let mut events: Vec<usize> = events
                    .iter()
                    .filter_map(|e| lookup(file, symbols, e, DeclKind::Event))
                    .collect();
                events.sort_by_key(|&e| event_rank.get(&e).copied());
                locations.push(Location {
                    claim: i,
                    events,
                    place,
                });
            }
        }
    }
    locations.sort_by(|a, b| {
        links::dated_key(file, a.claim)
            .cmp(&links::dated_key(file, b.claim))
            .then_with(|| {
                file.decls[a.place]
                    .id()
                    .value
                    .cmp(&file.decls[b.place].id().value)
            })
    });
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
    }
}

impl Analysis {
    /// The assessment that answers the attribution question for the case:
    /// the one with the most independent attributing states, then the most
    /// attributors other than the actors themselves, then the strongest
    /// support, then the responsible party's id and the event's id — a rule
    /// no declaration order can change. `None` when nothing is attributed.
    pub fn principal(&self, file: &File) -> Option<&Assessment> {
        self.best(file, |a| {
            (
                a.states.len(),
                a.third_parties().count(),
                usize::from(a.support().value),
            )
        })
    }

    /// The assessment most vendors hold: the most vendor attributors, then
    /// the strongest support, then the ids (as [`Analysis::principal`]).
    pub fn principal_by_vendors(&self, file: &File) -> Option<&Assessment> {
        self.best(file, |a| {
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
        file: &File,
        key: impl Fn(&Assessment) -> (usize, usize, usize),
    ) -> Option<&Assessment> {
        let id = |i: usize| file.decls[i].id().value.as_str();
        self.assessments.iter().max_by(|a, b| {
            key(a)
                .cmp(&key(b))
                // On a tie the smaller id wins: reverse the comparison.
                .then_with(|| id(b.responsible).cmp(id(a.responsible)))
                .then_with(|| id(b.event).cmp(id(a.event)))
        })
    }
}
