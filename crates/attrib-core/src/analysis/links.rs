//! Links: one step of attribution each, with everything said about it.
//!
//! A link runs from an event (or actor) to the actor held responsible for
//! it, one step: "the July attack was operated by DEV-0842", "MOIS is an
//! organ of Iran". Links come from claims (`attributes … to … as …`), from
//! the actors' own claims (`takes responsibility for`) and from the
//! structural relations declared on actors (`organ of`, `part of`,
//! `front for`, `holds office in`).
//!
//! Each party keeps its own links: the current claims of one claimant (or
//! one group of joint claimants) asserting the same step share one link,
//! whose evidence is the evidence behind those claims (and behind the
//! earlier claims they revise). Structural links belong to no party and
//! serve every chain.
//!
//! Links are in a canonical order — by the ids of their ends and parties —
//! and every list in them is sorted by date and id, so nothing here depends
//! on the order of the declarations.

use super::support::{self, Computation, Grade, Item, LinkInput};
use super::view::{Current, View};
pub use crate::model::Reaction;
use crate::model::*;
use crate::vocab::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeSet;

/// What makes a link weak. Shown on every chain that uses the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Weakness {
    /// Claims assert it, but no evidence is on record.
    AssertedOnly,
    /// Only the actors' own claim of responsibility asserts it.
    SelfClaimedOnly,
    /// All its evidence is undisclosed.
    UndisclosedOnly,
    /// Everything behind it traces back to one source.
    SingleSource,
    /// Everything behind it traces back to media reports.
    MediaOnly,
    /// Evidence on record contradicts it.
    Contradicted,
    /// A claim asserting it is denied by another claim.
    Denied,
    /// A third party disputes a claim asserting it.
    Disputed,
}

impl Weakness {
    pub fn word(self) -> &'static str {
        match self {
            Weakness::AssertedOnly => "asserted-only",
            Weakness::SelfClaimedOnly => "self-claimed-only",
            Weakness::UndisclosedOnly => "undisclosed-only",
            Weakness::SingleSource => "single-source",
            Weakness::MediaOnly => "media-only",
            Weakness::Contradicted => "contradicted",
            Weakness::Denied => "denied",
            Weakness::Disputed => "disputed",
        }
    }
}

/// What kind of step a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Claims attribute it.
    Attribution,
    /// Only the actors' own claims of responsibility make it.
    SelfClaim,
    /// A structural relation declared on an actor.
    Structure(Structure),
}

impl Relation {
    pub fn word(self) -> &'static str {
        match self {
            Relation::Attribution => "attribution",
            Relation::SelfClaim => "self-claim",
            Relation::Structure(s) => s.word(),
        }
    }
}

/// One step of attribution, with everything said about it.
#[derive(Debug, Clone)]
pub struct Link {
    /// The event (or actor) held to be the work of `to`.
    pub from: Node,
    pub to: ActorId,
    /// The claimants (sorted by id) whose claims make the link; empty for
    /// a structural link.
    pub party: Vec<ActorId>,
    /// Roles asserted by claims (`operator`, `sponsor` …).
    pub roles: BTreeSet<Role>,
    /// Structural relations declared on the `from` actor.
    pub structures: BTreeSet<Structure>,
    /// Current claims that attribute this step, by date.
    pub claims: Vec<ClaimId>,
    /// The actors' own current claims of responsibility for this step.
    pub self_claims: Vec<ClaimId>,
    /// Sources cited with a structural relation (`per …`).
    pub per: Vec<SourceId>,
    /// Evidence supporting / contradicting the claims above (and the
    /// earlier claims they revise).
    pub evidence: Vec<EvidenceId>,
    pub contra: Vec<EvidenceId>,
    /// Claims that deny, dispute, acknowledge or endorse one of the claims
    /// above (or an earlier claim they revise), by date.
    pub denials: Vec<ClaimId>,
    pub disputes: Vec<ClaimId>,
    pub acknowledgements: Vec<ClaimId>,
    pub endorsements: Vec<ClaimId>,
    /// The root sources of the supporting evidence.
    pub roots: BTreeSet<SourceId>,
    /// What its supporting evidence shares with others' ([`Shared`]): its
    /// roots and its originators' voices.
    pub shared: BTreeSet<Shared>,
    pub weaknesses: Vec<Weakness>,
    pub computation: Computation,
    /// Only the actors' own claims make it (capped: `SELF_CLAIM_CAP`).
    pub self_claim: bool,
}

impl Link {
    /// The link's support without one evidence item: what it would be if
    /// that item were not on record.
    pub fn without(&self, record: &Record, item: EvidenceId) -> Computation {
        let keep = |list: &[EvidenceId]| -> Vec<EvidenceId> {
            list.iter().copied().filter(|&e| e != item).collect()
        };
        support::link(&LinkInput {
            structural: self.is_structural(),
            self_claimed_only: self.self_claim,
            support: &record.items(&keep(&self.evidence)),
            contra: &record.items(&keep(&self.contra)),
        })
    }

    pub fn is_structural(&self) -> bool {
        !self.structures.is_empty()
    }

    pub fn relation(&self) -> Relation {
        if let Some(s) = self.structures.iter().next() {
            Relation::Structure(*s)
        } else if !self.claims.is_empty() {
            Relation::Attribution
        } else {
            Relation::SelfClaim
        }
    }

    pub fn support(&self) -> support::Support {
        self.computation.support
    }

    /// Every claim behind the link, attributions and self-claims, by date.
    pub fn all_claims(&self) -> Vec<ClaimId> {
        let mut all: Vec<ClaimId> = self
            .claims
            .iter()
            .chain(&self.self_claims)
            .copied()
            .collect();
        all.dedup();
        all
    }
}

/// Evidence lists per claim: (supporting, contradicting).
pub type EvidenceOf = HashMap<ClaimId, (Vec<EvidenceId>, Vec<EvidenceId>)>;

/// What makes two evidence items count once in a combination: a root
/// source they share (one report, relayed twice), or the voice that made
/// both findings (one agency restating its finding; the organs of one
/// state). Corroboration means independent sources *and* different
/// originators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shared {
    Root(SourceId),
    Voice(ActorId),
}

/// The sourcing facts the links are built on.
pub struct Record {
    /// The root sources of each source: those it repeats, followed to the
    /// sources that repeat nothing.
    pub roots: HashMap<SourceId, BTreeSet<SourceId>>,
    /// The grade of each evidence item in view.
    pub grades: HashMap<EvidenceId, Grade>,
    /// The root sources of each evidence item in view.
    pub evidence_roots: HashMap<EvidenceId, BTreeSet<SourceId>>,
    /// Who made each item's finding, as the voices they speak for (a state,
    /// an organisation, else the actor): its `by`, else the claimants of the
    /// claims it supports or contradicts. Sorted by id.
    pub originators: HashMap<EvidenceId, Vec<ActorId>>,
    /// The steps an item names (`step SUBJECT to OBJECT`); an item that
    /// names none bears on every step of the claims it supports.
    pub steps: HashMap<EvidenceId, Vec<(Node, ActorId)>>,
    /// Each claim's own evidence in view (supporting, contradicting), by id.
    pub own: EvidenceOf,
    /// For each claim in view, the claims in view that answer it, by date.
    pub reactions: HashMap<ClaimId, Vec<(Reaction, ClaimId)>>,
    /// For each current claim that attributes, the support of its evidence
    /// alone (for W0204).
    pub claim_support: HashMap<ClaimId, Computation>,
    /// For each claim in view: whether it, or an earlier claim it revises,
    /// has supporting evidence, and whether any of that was disclosed
    /// (computed once along each chain of revisions).
    pub inherited: HashMap<ClaimId, Inherited>,
}

/// What a claim inherits along its revisions, in two bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inherited {
    /// Some supporting evidence is on record for it or an earlier view.
    pub supported: bool,
    /// Some of that evidence was disclosed, at least in part.
    pub disclosed: bool,
}

/// Root sources of every source, guarding against cycles (reported by the
/// checker): a source met again on its own path counts as a root.
fn roots(m: &Model) -> HashMap<SourceId, BTreeSet<SourceId>> {
    let repeats_of = |s: SourceId| -> Vec<SourceId> { ids(&m.sources[s].repeats).collect() };
    // Depth-first with an explicit stack, so a very long chain of `repeats`
    // cannot overflow the call stack.
    struct Frame {
        source: SourceId,
        repeats: Vec<SourceId>,
        next: usize,
        roots: BTreeSet<SourceId>,
    }
    let mut memo: HashMap<SourceId, BTreeSet<SourceId>> = HashMap::default();
    let mut on_path: rustc_hash::FxHashSet<SourceId> = Default::default();
    for start in m.sources.ids() {
        if memo.contains_key(&start) {
            continue;
        }
        on_path.insert(start);
        let mut stack = vec![Frame {
            source: start,
            repeats: repeats_of(start),
            next: 0,
            roots: BTreeSet::new(),
        }];
        while let Some(top) = stack.last_mut() {
            if let Some(&r) = top.repeats.get(top.next) {
                top.next += 1;
                if let Some(known) = memo.get(&r) {
                    top.roots.extend(known.iter().copied());
                } else if on_path.contains(&r) {
                    top.roots.insert(r);
                } else {
                    on_path.insert(r);
                    stack.push(Frame {
                        source: r,
                        repeats: repeats_of(r),
                        next: 0,
                        roots: BTreeSet::new(),
                    });
                }
                continue;
            }
            let mut done = stack.pop().expect("the loop holds a frame");
            on_path.remove(&done.source);
            if done.repeats.is_empty() {
                done.roots.insert(done.source);
            }
            if let Some(parent) = stack.last_mut() {
                parent.roots.extend(done.roots.iter().copied());
            }
            memo.insert(done.source, done.roots);
        }
    }
    memo
}

/// The root sources behind a list of source references.
pub fn roots_of(
    roots: &HashMap<SourceId, BTreeSet<SourceId>>,
    sources: &[Ref<SourceId>],
) -> BTreeSet<SourceId> {
    let mut out = BTreeSet::new();
    for s in ids(sources) {
        out.extend(roots.get(&s).into_iter().flatten());
    }
    out
}

/// Grade one evidence item from its fields and its root sources. The
/// reliability is that of the best root source (ties: the first by id): a
/// reliable outlet relaying a statement does not make its author more
/// reliable.
fn grade(m: &Model, roots: &BTreeSet<SourceId>, e: &Evidence) -> Grade {
    let credibility = e.credibility.unwrap_or(Credibility::CannotBeJudged);
    let disclosure = e.disclosed.as_ref().map_or(Disclosure::No, |d| d.value);
    let mut ordered: Vec<SourceId> = roots.iter().copied().collect();
    m.sort_by_name(&mut ordered);
    let mut best: Option<(Reliability, SourceId)> = None;
    for s in ordered {
        let r = m.sources[s].reliability.unwrap_or(Reliability::F);
        if best.is_none_or(|(b, _)| support::reliability_weight(r) > support::reliability_weight(b))
        {
            best = Some((r, s));
        }
    }
    let reliability = best.map_or(Reliability::F, |(r, _)| r);
    Grade {
        credibility,
        reliability,
        reliable_source: best.map(|(_, s)| s),
        disclosure,
        score: support::grade(credibility, reliability, disclosure),
    }
}

/// Group items that share any root source (transitively): the group of
/// each item is the smallest position of an item it is grouped with.
pub fn group_by_shared_root<T: Copy + Eq + std::hash::Hash>(
    root_sets: &[&BTreeSet<T>],
) -> Vec<usize> {
    let n = root_sets.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut owner: HashMap<T, usize> = HashMap::default();
    for (i, roots) in root_sets.iter().enumerate() {
        for r in roots.iter() {
            match owner.get(r) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    owner.insert(*r, i);
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

impl Record {
    /// What makes an item count with others: its root sources and its
    /// originators' voices.
    fn shared(&self, e: EvidenceId) -> BTreeSet<Shared> {
        let roots = self.evidence_roots.get(&e).into_iter().flatten();
        let voices = self.originators.get(&e).into_iter().flatten();
        roots
            .map(|&r| Shared::Root(r))
            .chain(voices.map(|&v| Shared::Voice(v)))
            .collect()
    }

    /// Evidence items as they enter a computation, grouped by what they
    /// share ([`Shared`]).
    pub fn items(&self, list: &[EvidenceId]) -> Vec<Item<EvidenceId>> {
        let sets: Vec<BTreeSet<Shared>> = list.iter().map(|&e| self.shared(e)).collect();
        let refs: Vec<&BTreeSet<Shared>> = sets.iter().collect();
        list.iter()
            .zip(group_by_shared_root(&refs))
            .map(|(&e, group)| Item {
                what: e,
                score: self.grades.get(&e).map_or(0, |g| g.score),
                group,
            })
            .collect()
    }

    /// What a set of items shares with others: the roots and voices of them all.
    pub fn shared_of(&self, list: impl IntoIterator<Item = EvidenceId>) -> BTreeSet<Shared> {
        list.into_iter().flat_map(|e| self.shared(e)).collect()
    }

    /// Whether an item bears on the step `from → to`: it names that step,
    /// or names none.
    pub fn bears_on(&self, e: EvidenceId, from: Node, to: ActorId) -> bool {
        self.steps
            .get(&e)
            .is_none_or(|steps| steps.contains(&(from, to)))
    }

    /// A claim's evidence: its own and that of the earlier claims it
    /// revises, supporting and contradicting, by id.
    pub fn evidence_of(
        &self,
        m: &Model,
        current: &Current,
        claim: ClaimId,
    ) -> (Vec<EvidenceId>, Vec<EvidenceId>) {
        let mut entry: (Vec<EvidenceId>, Vec<EvidenceId>) = Default::default();
        for k in std::iter::once(claim).chain(current.earlier(claim)) {
            if let Some((s, x)) = self.own.get(&k) {
                entry.0.extend(s);
                entry.1.extend(x);
            }
        }
        m.sort_by_name(&mut entry.0);
        m.sort_by_name(&mut entry.1);
        entry
    }

    fn build(m: &Model, view: &View, current: &Current) -> Record {
        let roots = roots(m);
        let voice = |a: ActorId| super::parties::party(m, a).speaker;
        let mut record = Record {
            roots,
            grades: HashMap::default(),
            evidence_roots: HashMap::default(),
            originators: HashMap::default(),
            steps: HashMap::default(),
            own: HashMap::default(),
            reactions: HashMap::default(),
            claim_support: HashMap::default(),
            inherited: HashMap::default(),
        };
        for (i, e) in m.evidence.iter().filter(|(i, _)| view.evidence(*i)) {
            let r = roots_of(&record.roots, &e.sources);
            record.grades.insert(i, grade(m, &r, e));
            record.evidence_roots.insert(i, r);
            for c in ids(&e.supports) {
                record.own.entry(c).or_default().0.push(i);
            }
            for c in ids(&e.contradicts) {
                record.own.entry(c).or_default().1.push(i);
            }
            // Who made the finding: as the case says, else the claimants of
            // the claims it bears on (a claimant's revisions are its own).
            let mut by: Vec<ActorId> = match e.by {
                Some(b) => vec![voice(b.to)],
                None => ids(&e.supports)
                    .chain(ids(&e.contradicts))
                    .flat_map(|c| ids(&m.claims[c].by))
                    .map(voice)
                    .collect(),
            };
            m.sort_by_name(&mut by);
            record.originators.insert(i, by);
            if !e.steps.is_empty() {
                let steps = e
                    .steps
                    .iter()
                    .map(|s| (s.subject.to, s.object.to))
                    .collect();
                record.steps.insert(i, steps);
            }
        }
        for (s, x) in record.own.values_mut() {
            m.sort_by_name(s);
            m.sort_by_name(x);
        }
        // Along each chain of revisions, from the earliest claim down.
        for &c in current.claimants.keys() {
            if record.inherited.contains_key(&c) {
                continue;
            }
            let mut path: Vec<ClaimId> = std::iter::once(c)
                .chain(current.earlier(c))
                .take_while(|k| !record.inherited.contains_key(k))
                .collect();
            let mut below = current
                .earlier(*path.last().expect("the claim itself"))
                .next()
                .and_then(|k| record.inherited.get(&k).copied())
                .unwrap_or_default();
            while let Some(k) = path.pop() {
                let supporting = record.own.get(&k).map(|(s, _)| s.as_slice()).unwrap_or(&[]);
                below = Inherited {
                    supported: below.supported || !supporting.is_empty(),
                    disclosed: below.disclosed
                        || supporting.iter().any(|e| {
                            record
                                .grades
                                .get(e)
                                .is_some_and(|g| g.disclosure != Disclosure::No)
                        }),
                };
                record.inherited.insert(k, below);
            }
        }

        for &i in current.claimants.keys() {
            for (reaction, d) in m.claims[i].reactions() {
                record.reactions.entry(d).or_default().push((reaction, i));
            }
        }
        for list in record.reactions.values_mut() {
            list.sort_by(|a, b| (a.0, m.dated_key(a.1)).cmp(&(b.0, m.dated_key(b.1))));
            list.dedup();
        }

        // The support each current attributing claim's own evidence gives
        // (for W0204): a claimant's present view, not its superseded ones.
        for (&c, party) in &current.party {
            if party.is_empty() || !m.claims[c].attributes() {
                continue;
            }
            let (s, x) = record.evidence_of(m, current, c);
            let computation = support::link(&LinkInput {
                structural: false,
                self_claimed_only: false,
                support: &record.items(&s),
                contra: &record.items(&x),
            });
            record.claim_support.insert(c, computation);
        }
        record
    }
}

/// Build the record and every link, in canonical order.
pub fn build(m: &Model, view: &View, current: &Current) -> (Record, Vec<Link>) {
    let record = Record::build(m, view, current);

    let mut links: Vec<Link> = Vec::new();
    let mut index: HashMap<(Node, ActorId, Vec<ActorId>), usize> = HashMap::default();
    let mut link_at =
        |links: &mut Vec<Link>, from: Node, to: ActorId, party: &[ActorId]| -> usize {
            *index.entry((from, to, party.to_vec())).or_insert_with(|| {
                links.push(Link {
                    from,
                    to,
                    party: party.to_vec(),
                    roles: BTreeSet::new(),
                    structures: BTreeSet::new(),
                    claims: Vec::new(),
                    self_claims: Vec::new(),
                    per: Vec::new(),
                    evidence: Vec::new(),
                    contra: Vec::new(),
                    denials: Vec::new(),
                    disputes: Vec::new(),
                    acknowledgements: Vec::new(),
                    endorsements: Vec::new(),
                    roots: BTreeSet::new(),
                    shared: BTreeSet::new(),
                    weaknesses: Vec::new(),
                    computation: support::link(&LinkInput {
                        structural: false,
                        self_claimed_only: false,
                        support: &[],
                        contra: &[],
                    }),
                    self_claim: false,
                });
                links.len() - 1
            })
        };

    for node in m.nodes() {
        match node {
            Node::Claim(i) => {
                let mut party = current.party(i).to_vec();
                if party.is_empty() {
                    continue;
                }
                m.sort_by_name(&mut party);
                let claim = &m.claims[i];
                for s in &claim.statements {
                    match s.verb {
                        Verb::Attributes => {
                            let (Some(from), Some(to)) = (s.targets.first(), s.object) else {
                                continue;
                            };
                            let (from, to) = (from.to, to.to);
                            if from == Node::Actor(to) {
                                continue;
                            }
                            let l = link_at(&mut links, from, to, &party);
                            links[l].roles.extend(s.roles.iter().map(|r| r.value));
                            links[l].claims.push(i);
                        }
                        Verb::TakesResponsibility => {
                            for from in s.targets.iter().filter_map(|t| t.to.event()) {
                                for &to in &party {
                                    let l = link_at(&mut links, Node::Event(from), to, &party);
                                    links[l].self_claims.push(i);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Node::Actor(i) => {
                for r in &m.actors[i].relations {
                    let to = r.target.to;
                    if to == i {
                        continue;
                    }
                    let l = link_at(&mut links, Node::Actor(i), to, &[]);
                    links[l].structures.insert(r.kind);
                    links[l].per.extend(ids(&r.per));
                }
            }
            _ => {}
        }
    }

    // Canonical order: by the ids of the ends, then of the party.
    let key = |l: &Link| -> (String, String, Vec<String>) {
        (
            m.name(l.from).to_owned(),
            m.name(l.to).to_owned(),
            l.party.iter().map(|&p| m.name(p).to_owned()).collect(),
        )
    };
    links.sort_by_cached_key(key);

    // Steps some party attributes (not only claims for itself).
    let attributed: rustc_hash::FxHashSet<(Node, ActorId)> = links
        .iter()
        .filter(|l| !l.claims.is_empty())
        .map(|l| (l.from, l.to))
        .collect();

    for link in &mut links {
        m.sort_dated(&mut link.claims);
        m.sort_dated(&mut link.self_claims);
        m.sort_by_name(&mut link.per);
        let all = link.all_claims();
        // The claims behind the link and the earlier claims they revise.
        let mut answered: Vec<ClaimId> = all.clone();
        for &c in &all {
            answered.extend(current.earlier(c));
            // The claim's evidence that bears on this step.
            let (s, x) = record.evidence_of(m, current, c);
            let bears = |&e: &EvidenceId| record.bears_on(e, link.from, link.to);
            link.evidence.extend(s.into_iter().filter(bears));
            link.contra.extend(x.into_iter().filter(bears));
        }
        for c in answered {
            for &(reaction, r) in record.reactions.get(&c).into_iter().flatten() {
                match reaction {
                    Reaction::Denies => link.denials.push(r),
                    Reaction::Disputes => link.disputes.push(r),
                    Reaction::Acknowledges => link.acknowledgements.push(r),
                    Reaction::Endorses => link.endorsements.push(r),
                }
            }
        }
        m.sort_by_name(&mut link.evidence);
        m.sort_by_name(&mut link.contra);
        for list in [
            &mut link.denials,
            &mut link.disputes,
            &mut link.acknowledgements,
            &mut link.endorsements,
        ] {
            m.sort_dated(list);
        }
        for e in &link.evidence {
            link.roots
                .extend(record.evidence_roots.get(e).into_iter().flatten());
        }
        link.shared = record.shared_of(link.evidence.iter().copied());

        // The actors' own claim, which no one else's attribution backs.
        let self_claim = link.claims.is_empty() && !link.self_claims.is_empty();
        let self_claimed_only = self_claim && !attributed.contains(&(link.from, link.to));
        link.self_claim = self_claim;
        link.computation = support::link(&LinkInput {
            structural: link.is_structural(),
            self_claimed_only: self_claim,
            support: &record.items(&link.evidence),
            contra: &record.items(&link.contra),
        });

        if !link.is_structural() {
            link.weaknesses = weaknesses(m, &record, link, &all, self_claimed_only);
        }
    }
    (record, links)
}

fn weaknesses(
    m: &Model,
    record: &Record,
    link: &Link,
    claims: &[ClaimId],
    self_claimed_only: bool,
) -> Vec<Weakness> {
    let mut w = Vec::new();
    if self_claimed_only {
        w.push(Weakness::SelfClaimedOnly);
    }
    if link.evidence.is_empty() {
        w.push(Weakness::AssertedOnly);
    } else if link.evidence.iter().all(|e| {
        record
            .grades
            .get(e)
            .is_none_or(|g| g.disclosure == Disclosure::No)
    }) {
        w.push(Weakness::UndisclosedOnly);
    }
    let mut behind: BTreeSet<SourceId> = link.roots.clone();
    for &c in claims {
        behind.extend(roots_of(&record.roots, &m.claims[c].sources));
    }
    if behind.len() == 1 {
        w.push(Weakness::SingleSource);
    }
    if !behind.is_empty()
        && behind
            .iter()
            .all(|&s| m.sources[s].kind == Some(SourceKind::Media))
    {
        w.push(Weakness::MediaOnly);
    }
    if !link.contra.is_empty() {
        w.push(Weakness::Contradicted);
    }
    if !link.denials.is_empty() {
        w.push(Weakness::Denied);
    }
    if !link.disputes.is_empty() {
        w.push(Weakness::Disputed);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::group_by_shared_root;
    use std::collections::BTreeSet;

    #[test]
    fn items_sharing_a_root_group_together() {
        let sets = [
            BTreeSet::from([1]),
            BTreeSet::from([2]),
            BTreeSet::from([2, 3]),
            BTreeSet::from([3]),
            BTreeSet::new(),
        ];
        let refs: Vec<&BTreeSet<usize>> = sets.iter().collect();
        assert_eq!(group_by_shared_root(&refs), vec![0, 1, 1, 1, 4]);
    }
}
