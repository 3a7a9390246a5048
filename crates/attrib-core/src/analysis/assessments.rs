//! Assessments: the attribution question answered. For each event and each
//! party held responsible, one assessment folds every chain that reaches
//! that party: who attributes it (grouped by kind, states counted once
//! each), what each of them stated, the support of all their evidence
//! together, who denies, disputes or acknowledges it, and when it was first
//! attributed.

use super::chains::Chain;
use super::links::{Link, Record, Shared, group_by_shared_root};
use super::parties::{self, Group, Party};
use super::support::{self, Computation, Item, Level, Support};
use super::view::Current;
use crate::date::Date;
use crate::model::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How an attributor takes part in an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    /// Its own claims make the chain.
    Attributes,
    /// It endorses a claim of the chain: the attribution is its own too.
    Endorses,
    /// It claims the event itself.
    ClaimsResponsibility,
}

impl Participation {
    pub fn word(self) -> &'static str {
        match self {
            Participation::Attributes => "attributes",
            Participation::Endorses => "endorses",
            Participation::ClaimsResponsibility => "claims-responsibility",
        }
    }
}

/// One party that holds the responsible party responsible.
#[derive(Debug, Clone)]
pub struct Attributor {
    pub actor: ActorId,
    pub group: Group,
    /// The state it counts for (states, their organs and office holders).
    pub state: Option<ActorId>,
    pub participation: Participation,
    /// Its current claims in this assessment, by date.
    pub claims: Vec<ClaimId>,
    /// Its claims in this assessment and the earlier ones they revise, by
    /// date: how its view changed.
    pub history: Vec<Said>,
    /// The current claim with its strongest stated confidence.
    pub stated: Option<ClaimId>,
    /// Its first attribution here: the earliest of its current claims and
    /// of the earlier ones that already named a party on its chains (or one
    /// whose structural relations lead to a party on them).
    pub first: Option<ClaimId>,
    /// The earliest of those made on the record (not `unofficial`).
    pub first_official: Option<ClaimId>,
    /// The chains its claims make (indexes into the chain set).
    pub chains: Vec<usize>,
    /// Some of its claims are marked `unconfirmed`.
    pub unconfirmed: bool,
    /// All its claims here were made without its name (`unofficial`).
    pub unofficial: bool,
    /// It holds the party responsible only through group-to-state claims
    /// joined to other parties' chains (its chains here are all joined):
    /// the claimants whose links lead from the event to the group, by id.
    pub via: Vec<ActorId>,
}

/// One claim in an attributor's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub claim: ClaimId,
    /// The actors it attributed to (or, for a claim of responsibility, its
    /// claimants), by id.
    pub named: Vec<ActorId>,
    /// Whether it is a current view (not revised since).
    pub current: bool,
}

/// The first attribution of an assessment.
#[derive(Debug, Clone)]
pub struct First {
    /// The earliest claims (several when their dates cannot be told apart).
    pub claims: Vec<ClaimId>,
    pub date: Date,
    /// Days from the event to the claim: the fewest and the most the two
    /// dates' precision allows.
    pub days: Option<(i64, i64)>,
}

/// Whose figure: the attributors a support figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Voices {
    /// States and intergovernmental bodies (their organs, their office holders).
    States,
    /// Companies: security vendors and others.
    Vendors,
    /// Everyone else: media, researchers, the actors themselves.
    Others,
}

impl Voices {
    pub const ALL: [Voices; 3] = [Voices::States, Voices::Vendors, Voices::Others];

    pub fn word(self) -> &'static str {
        match self {
            Voices::States => "states",
            Voices::Vendors => "vendors",
            Voices::Others => "others",
        }
    }

    fn of(group: Group) -> Voices {
        match group {
            Group::State | Group::InternationalOrganisation => Voices::States,
            Group::Vendor => Voices::Vendors,
            Group::Media | Group::Other | Group::Actors => Voices::Others,
        }
    }
}

/// What an assessment's support rests on: the one evidence item whose
/// removal lowers it most, and what it would be without it (Heuer's step
/// 6, the sensitivity of a conclusion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestsOn {
    pub item: EvidenceId,
    pub without: Support,
}

/// Who is held responsible for what, by whom, on what, since when.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub event: EventId,
    pub responsible: ActorId,
    /// The chains from the event to the party, in order.
    pub chains: Vec<usize>,
    /// By group, then date of first claim, then id.
    pub attributors: Vec<Attributor>,
    /// The distinct states among the attributors (attributing or
    /// endorsing), by id.
    pub states: Vec<ActorId>,
    /// The support of all the chains' evidence together.
    pub computation: Computation,
    /// The support of the chains of each kind of attributor alone (states,
    /// vendors, others), for those that have chains here.
    pub by_voices: Vec<(Voices, Computation)>,
    /// The item the support rests on most, when removing one lowers it.
    pub rests_on: Option<RestsOn>,
    /// The claim with the strongest stated confidence.
    pub strongest_stated: Option<ClaimId>,
    pub denials: Vec<ClaimId>,
    pub disputes: Vec<ClaimId>,
    pub acknowledgements: Vec<ClaimId>,
    /// Evidence contradicting a claim of the chains.
    pub contradicting: Vec<EvidenceId>,
    /// The first attribution on the record (made with the claimants' names).
    pub first: Option<First>,
    /// The first attribution made without names (`unofficial`), if it came
    /// before any official one or there is none.
    pub first_unofficial: Option<First>,
}

impl Assessment {
    pub fn support(&self) -> Support {
        self.computation.support
    }

    /// The support the chains of one kind of attributor give alone.
    pub fn support_by(&self, voices: Voices) -> Option<Support> {
        self.by_voices
            .iter()
            .find(|(v, _)| *v == voices)
            .map(|(_, c)| c.support)
    }

    /// Attributors other than the actors themselves.
    /// The attributors other than the actors themselves that hold the
    /// party responsible for the event directly: not those whose only
    /// route is a group-to-state claim joined to another's chain (shown,
    /// with `via`, but not counted as attributing the event).
    pub fn third_parties(&self) -> impl Iterator<Item = &Attributor> {
        self.attributors
            .iter()
            .filter(|a| a.participation != Participation::ClaimsResponsibility && a.via.is_empty())
    }
}

/// A claim's stated confidence on the 0–100 scale, if it states one.
fn stated(m: &Model, claim: ClaimId) -> Option<u8> {
    m.claims[claim]
        .confidence
        .as_ref()
        .map(|s| support::stated_value(s.term.value))
}

/// The claim with the strongest stated confidence (ties: the earlier, then id).
fn strongest(m: &Model, claims: impl Iterator<Item = ClaimId>) -> Option<ClaimId> {
    let mut best: Option<(u8, ClaimId)> = None;
    for c in claims {
        let Some(v) = stated(m, c) else { continue };
        let better = match best {
            None => true,
            Some((bv, b)) => v > bv || (v == bv && m.dated_key(c) < m.dated_key(b)),
        };
        if better {
            best = Some((v, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The actors a claim names as responsible (attributions' objects, or the
/// claimants of a claim of responsibility), by id.
fn named(m: &Model, current: &Current, claim: ClaimId) -> Vec<ActorId> {
    let c = &m.claims[claim];
    let mut out: Vec<ActorId> = Vec::new();
    for s in &c.statements {
        match s.verb {
            Verb::Attributes => out.extend(s.object.map(|o| o.to)),
            Verb::TakesResponsibility => {
                out.extend(current.claimants.get(&claim).into_iter().flatten())
            }
            _ => {}
        }
    }
    m.sort_by_name(&mut out);
    out
}

/// An event and every event it is part of, through `part of` (a cycle,
/// reported as E0201, stops the walk).
pub fn event_and_wholes(m: &Model, event: EventId) -> Vec<EventId> {
    let mut out = vec![event];
    let mut k = 0;
    while k < out.len() {
        for w in ids(&m.events[out[k]].part_of) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
        k += 1;
    }
    out
}

/// The support of some chains together, as an assessment counts them (each
/// chain with the figure of its weakest link's own evidence; chains whose
/// evidence shares a root source or an originator count once), without
/// one evidence item when asked: the figure if that item were not on
/// record.
pub fn chains_support(
    record: &Record,
    links: &[Link],
    chains: &[Chain],
    members: &[usize],
    without: Option<EvidenceId>,
) -> Computation {
    let mut items: Vec<(Item<usize>, Support)> = Vec::with_capacity(members.len());
    let mut shared: Vec<BTreeSet<Shared>> = Vec::with_capacity(members.len());
    for &k in members {
        let chain = &chains[k];
        let uses =
            |l: &Link| without.is_some_and(|e| l.evidence.contains(&e) || l.contra.contains(&e));
        let computed: Vec<std::borrow::Cow<'_, Computation>> = chain
            .links
            .iter()
            .map(|&l| match without {
                Some(e) if uses(&links[l]) => std::borrow::Cow::Owned(links[l].without(record, e)),
                _ => std::borrow::Cow::Borrowed(&links[l].computation),
            })
            .collect();
        // The weakest link by what its evidence gives (a link without
        // evidence gives nothing, whatever the 15 it shows), the first on a
        // tie: a chain with a link no evidence supports adds nothing.
        let raw = |c: &Computation| {
            if c.support.level == Level::NoEvidence {
                0
            } else {
                c.evidence.unwrap_or(c.support.value)
            }
        };
        let mut weakest = 0;
        for (i, c) in computed.iter().enumerate() {
            if raw(c) < raw(&computed[weakest]) {
                weakest = i;
            }
        }
        let w = &computed[weakest];
        items.push((
            Item {
                what: k,
                score: w.evidence.unwrap_or(w.support.value),
                group: 0,
            },
            w.support,
        ));
        shared.push(
            record.shared_of(
                chain
                    .links
                    .iter()
                    .flat_map(|&l| links[l].evidence.iter().copied())
                    .filter(|&e| Some(e) != without),
            ),
        );
    }
    let refs: Vec<&BTreeSet<Shared>> = shared.iter().collect();
    for ((item, _), group) in items.iter_mut().zip(group_by_shared_root(&refs)) {
        item.group = group;
    }
    support::assessment(&items)
}

/// Build the assessments from the chains.
pub fn assess(
    m: &Model,
    record: &Record,
    links: &[Link],
    chains: &[Chain],
    current: &Current,
    parties: &HashMap<ActorId, Party>,
    event_rank: &HashMap<EventId, usize>,
) -> Vec<Assessment> {
    // A chain from an event counts for that event and for every event it
    // is part of: attributing part of an attack is taking a view of it.
    let mut groups: BTreeMap<(EventId, ActorId), Vec<usize>> = BTreeMap::new();
    let mut wholes: HashMap<EventId, Vec<EventId>> = HashMap::default();
    for (k, c) in chains.iter().enumerate() {
        let events = wholes
            .entry(c.event)
            .or_insert_with(|| event_and_wholes(m, c.event));
        for &e in events.iter() {
            groups.entry((e, c.responsible)).or_default().push(k);
        }
    }
    let mut out = Vec::new();
    for ((event, responsible), members) in groups {
        let mut by_actor: BTreeMap<ActorId, Attributor> = BTreeMap::new();
        let mut denials = Vec::new();
        let mut disputes = Vec::new();
        let mut acknowledgements = Vec::new();
        let mut contradicting = Vec::new();
        let mut add = |actor: ActorId, claim: ClaimId, how: Participation, chain: usize| {
            let party = parties.get(&actor).copied().unwrap_or(Party {
                group: Group::Other,
                state: None,
                speaker: actor,
            });
            let a = by_actor.entry(actor).or_insert_with(|| Attributor {
                actor,
                group: party.group,
                state: party.state,
                participation: how,
                claims: Vec::new(),
                history: Vec::new(),
                stated: None,
                first: None,
                first_official: None,
                chains: Vec::new(),
                unconfirmed: false,
                unofficial: false,
                via: Vec::new(),
            });
            a.participation = a.participation.min(how);
            a.claims.push(claim);
            a.chains.push(chain);
        };
        for &k in &members {
            // A joined chain's attributors are its joining party's: the
            // links before the join are another party's route to the group.
            let from = chains[k].joined.unwrap_or(0);
            for &l in &chains[k].links[from..] {
                let link = &links[l];
                if link.is_structural() {
                    continue;
                }
                for &c in &link.claims {
                    for &a in current.party(c) {
                        add(a, c, Participation::Attributes, k);
                    }
                }
                for &c in &link.self_claims {
                    for &a in current.party(c) {
                        add(a, c, Participation::ClaimsResponsibility, k);
                    }
                }
                for &c in &link.endorsements {
                    for &a in current.party(c) {
                        add(a, c, Participation::Endorses, k);
                    }
                }
                denials.extend(&link.denials);
                disputes.extend(&link.disputes);
                acknowledgements.extend(&link.acknowledgements);
                contradicting.extend(&link.contra);
            }
        }
        let mut attributors: Vec<Attributor> = by_actor.into_values().collect();
        for a in &mut attributors {
            m.sort_dated(&mut a.claims);
            a.chains.sort_unstable();
            a.chains.dedup();
            let mut history: Vec<ClaimId> = a
                .claims
                .iter()
                .flat_map(|&c| std::iter::once(c).chain(current.earlier(c)))
                .collect();
            m.sort_dated(&mut history);
            a.history = history
                .into_iter()
                .map(|c| Said {
                    claim: c,
                    named: named(m, current, c),
                    current: a.claims.contains(&c),
                })
                .collect();
            a.stated = strongest(m, a.claims.iter().copied());
            a.unconfirmed = a.claims.iter().any(|&c| m.unconfirmed(c));
            a.unofficial = a.claims.iter().all(|&c| m.claims[c].unofficial.is_some());
            if a.chains.iter().all(|&k| chains[k].joined.is_some()) {
                let mut via: Vec<ActorId> = a
                    .chains
                    .iter()
                    .flat_map(|&k| chains[k].via.iter().copied())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                m.sort_by_name(&mut via);
                a.via = via;
            }
            if a.participation == Participation::ClaimsResponsibility {
                a.group = Group::Actors;
                a.state = None;
            }
        }
        // By group; within a group, those who attribute the event before
        // those who only join it by a group-to-state claim; then by date.
        attributors.sort_by(|x, y| {
            (
                x.group,
                !x.via.is_empty(),
                m.dated_key(x.claims[0]),
                m.name(x.actor),
            )
                .cmp(&(
                    y.group,
                    !y.via.is_empty(),
                    m.dated_key(y.claims[0]),
                    m.name(y.actor),
                ))
        });

        // The states that attribute the event: not those that only tie a
        // group to a state (their claim names no event).
        let mut states: Vec<ActorId> = attributors
            .iter()
            .filter(|a| a.participation != Participation::ClaimsResponsibility && a.via.is_empty())
            .filter_map(|a| a.state)
            .collect::<BTreeSet<ActorId>>()
            .into_iter()
            .collect();
        states.sort_by_key(|&s| m.name(s));

        // Support: the chains as items, grouped by what their evidence shares.
        let computation = chains_support(record, links, chains, &members, None);
        // Whose figure: the chains of each kind of attributor alone.
        // A joined chain's evidence is on the route of those it joins: it
        // counts with their kind of attributor, not with the joiner's.
        let voices_of = |k: usize| {
            let c = &chains[k];
            let first = if c.joined.is_some() {
                c.via.first()
            } else {
                c.party.first()
            }
            .copied();
            Voices::of(
                first
                    .and_then(|a| parties.get(&a))
                    .map_or(Group::Other, |p| p.group),
            )
        };
        let by_voices: Vec<(Voices, Computation)> = Voices::ALL
            .iter()
            .filter_map(|&v| {
                let own: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&k| voices_of(k) == v)
                    .collect();
                (!own.is_empty()).then(|| (v, chains_support(record, links, chains, &own, None)))
            })
            .collect();
        // What it rests on: the supporting item whose removal lowers it most
        // (ties: the item's id).
        let mut candidates: Vec<EvidenceId> = members
            .iter()
            .flat_map(|&k| chains[k].links.iter())
            .flat_map(|&l| links[l].evidence.iter().copied())
            .collect();
        m.sort_by_name(&mut candidates);
        // An item on several chains is tried once.
        candidates.dedup();
        let mut rests_on: Option<RestsOn> = None;
        for e in candidates {
            let without = chains_support(record, links, chains, &members, Some(e)).support;
            let lower = without.value < computation.support.value
                || (without.value == computation.support.value
                    && without.level != computation.support.level);
            if lower && rests_on.is_none_or(|r| without.value < r.without.value) {
                rests_on = Some(RestsOn { item: e, without });
            }
        }

        let strongest_stated = strongest(
            m,
            attributors
                .iter()
                .filter(|a| a.via.is_empty())
                .flat_map(|a| a.claims.iter().copied()),
        );

        // Each attributor's first attribution: the claim certainly made
        // first among its current claims and the earlier ones that already
        // named a party on its chains; the assessment's is the first of those.
        let order = |c: ClaimId| {
            m.claims[c].date.as_ref().map(|d| {
                let (start, end) = d.value.interval();
                (end, start)
            })
        };
        let mut candidates: Vec<ClaimId> = Vec::new();
        for a in &mut attributors {
            let on_chains: BTreeSet<ActorId> = a
                .chains
                .iter()
                .flat_map(|&k| chains[k].links.iter().map(|&l| links[l].to))
                .collect();
            let mine: Vec<ClaimId> = a
                .history
                .iter()
                .filter(|s| {
                    // An earlier claim counts when a party it named is on
                    // the chains, or leads to one (US officials' "Russian
                    // military spies", an organ of Russia, before the
                    // charges named GRU officers).
                    s.current
                        || s.named
                            .iter()
                            .any(|&n| parties::above(m, n).iter().any(|a| on_chains.contains(a)))
                })
                .map(|s| s.claim)
                .filter(|&c| order(c).is_some())
                .collect();
            let earliest = |list: &mut dyn Iterator<Item = ClaimId>| {
                list.min_by(|&x, &y| (order(x), m.name(x)).cmp(&(order(y), m.name(y))))
            };
            a.first = earliest(&mut mine.iter().copied());
            // A joined group-to-state claim names no event: never a first
            // attribution of it.
            if !a.via.is_empty() {
                continue;
            }
            a.first_official = earliest(
                &mut mine
                    .iter()
                    .copied()
                    .filter(|&c| m.claims[c].unofficial.is_none()),
            );
            candidates.extend(mine);
        }
        // The first attribution made on the record, and the first made
        // without names when it came earlier (or alone).
        let first_of = |claims: &[ClaimId]| -> Option<First> {
            let dated: Vec<(ClaimId, (i64, i64))> = claims
                .iter()
                .filter_map(|&c| m.claims[c].date.as_ref().map(|d| (c, d.value.interval())))
                .collect();
            let key = dated.iter().map(|&(_, (start, end))| (end, start)).min()?;
            let mut claims: Vec<ClaimId> = dated
                .iter()
                .filter(|&&(_, (start, end))| (end, start) == key)
                .map(|&(c, _)| c)
                .collect();
            m.sort_by_name(&mut claims);
            let date = m.claims[claims[0]].date.as_ref().expect("dated").value;
            let days = m.events[event].date.as_ref().map(|e| {
                let (e0, e1) = e.value.interval();
                let (c0, c1) = date.interval();
                // A claim about an event is not made before it (E0301).
                ((c0 - e1).max(0), (c1 - e0).max(0))
            });
            Some(First { claims, date, days })
        };
        let (unofficial, official): (Vec<ClaimId>, Vec<ClaimId>) = candidates
            .into_iter()
            .partition(|&c| m.claims[c].unofficial.is_some());
        let first = first_of(&official);
        let first_unofficial = first_of(&unofficial).filter(|u| {
            first.as_ref().is_none_or(|f| {
                let (u0, u1) = u.date.interval();
                let (f0, f1) = f.date.interval();
                (u1, u0) < (f1, f0)
            })
        });

        for list in [&mut denials, &mut disputes, &mut acknowledgements] {
            m.sort_dated(list);
        }
        m.sort_by_name(&mut contradicting);

        out.push(Assessment {
            event,
            responsible,
            chains: members,
            attributors,
            states,
            computation,
            strongest_stated,
            denials,
            disputes,
            acknowledgements,
            contradicting,
            first,
            first_unofficial,
            by_voices,
            rests_on,
        });
    }
    // The weightiest first: the most states, then the most attributors,
    // the strongest support; then events in their order, and the id.
    out.sort_by(|a, b| {
        let key = |x: &Assessment| {
            (
                std::cmp::Reverse(x.states.len()),
                std::cmp::Reverse(x.third_parties().count()),
                std::cmp::Reverse(x.support().value),
                event_rank.get(&x.event).copied().unwrap_or(usize::MAX),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| m.name(a.responsible).cmp(m.name(b.responsible)))
    });
    out
}
