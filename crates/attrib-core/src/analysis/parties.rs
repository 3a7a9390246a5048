//! Who an actor speaks for: the group its attributions are counted in
//! (states, vendors, international organisations …) and the state it
//! counts for, if any.

use crate::model::{ActorId, Model};
use crate::vocab::{ActorKind, Structure};
use serde::Serialize;
use std::collections::{BTreeSet, VecDeque};

/// How attributors are grouped in an assessment, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// A state, one of its organs or agencies, or someone holding office in it.
    State,
    InternationalOrganisation,
    /// A company: security vendors and other firms.
    Vendor,
    Media,
    /// Anyone else: persons without office, organisations, researchers.
    Other,
    /// The actors themselves, claiming responsibility.
    Actors,
}

impl Group {
    pub fn word(self) -> &'static str {
        match self {
            Group::State => "state",
            Group::InternationalOrganisation => "international-organisation",
            Group::Vendor => "vendor",
            Group::Media => "media",
            Group::Other => "other",
            Group::Actors => "actors",
        }
    }
}

/// What the analysis knows of an actor as a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party {
    pub group: Group,
    /// The state it counts for: itself, or the state reached through its
    /// structural relations (`organ of`, `part of`, `holds office in`).
    pub state: Option<ActorId>,
    /// Whom it speaks for: its state, or the international organisation
    /// it is an organ of or holds office in, else itself. The organs and
    /// office holders of one state (or one organisation) are one voice:
    /// one originator of findings, one attributor in the research variables.
    pub speaker: ActorId,
}

/// The first actor of `kind` reached from `actor` by following its
/// structural relations (organ of, part of, holds office in; not `front
/// for`), breadth first: the actor itself when it is of that kind.
fn reached(m: &Model, actor: ActorId, kind: ActorKind) -> Option<ActorId> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([actor]);
    while let Some(a) = queue.pop_front() {
        if !seen.insert(a) {
            continue;
        }
        let decl = &m.actors[a];
        if decl.kind == Some(kind) {
            return Some(a);
        }
        for r in &decl.relations {
            if r.kind != Structure::FrontFor {
                queue.push_back(r.target.to);
            }
        }
    }
    None
}

/// The actor and every actor its structural relations lead to (organ of,
/// part of, holds office in, front for): the parties a chain through it
/// reaches.
pub fn above(m: &Model, actor: ActorId) -> BTreeSet<ActorId> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([actor]);
    while let Some(a) = queue.pop_front() {
        if seen.insert(a) {
            queue.extend(m.actors[a].relations.iter().map(|r| r.target.to));
        }
    }
    seen
}

/// The state an actor belongs to: itself, or the first state reached by
/// following its structural relations (organ of, part of, holds office in;
/// not `front for`), breadth first.
pub fn state_of(m: &Model, actor: ActorId) -> Option<ActorId> {
    reached(m, actor, ActorKind::State)
}

/// The group, state and voice of one actor.
pub fn party(m: &Model, actor: ActorId) -> Party {
    let state = state_of(m, actor);
    let organisation = || reached(m, actor, ActorKind::InternationalOrganisation);
    let (group, organisation) = match m.actors[actor].kind {
        Some(ActorKind::State | ActorKind::StateOrgan) => (Group::State, None),
        Some(ActorKind::Person) if state.is_some() => (Group::State, None),
        Some(ActorKind::InternationalOrganisation) => {
            (Group::InternationalOrganisation, Some(actor))
        }
        // Office holders of an international organisation count with it.
        Some(ActorKind::Person) if organisation().is_some() => {
            (Group::InternationalOrganisation, organisation())
        }
        Some(ActorKind::Company) => (Group::Vendor, None),
        Some(ActorKind::Media) => (Group::Media, None),
        _ => (Group::Other, None),
    };
    let state = if group == Group::State { state } else { None };
    Party {
        group,
        state,
        speaker: state.or(organisation).unwrap_or(actor),
    }
}
