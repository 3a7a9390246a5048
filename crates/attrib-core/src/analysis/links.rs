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
use crate::resolve::{Symbols, lookup};
use crate::syntax::ast::*;
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

/// How one claim answers another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reaction {
    Denies,
    Disputes,
    Acknowledges,
    Endorses,
}

/// One step of attribution, with everything said about it.
#[derive(Debug, Clone)]
pub struct Link {
    /// Declaration indexes of the two ends.
    pub from: usize,
    pub to: usize,
    /// The claimants (actor indexes, sorted by id) whose claims make the
    /// link; empty for a structural link.
    pub party: Vec<usize>,
    /// Roles asserted by claims (`operator`, `sponsor` …).
    pub roles: BTreeSet<Role>,
    /// Structural relations declared on the `from` actor.
    pub structures: BTreeSet<Structure>,
    /// Current claims that attribute this step, by date.
    pub claims: Vec<usize>,
    /// The actors' own current claims of responsibility for this step.
    pub self_claims: Vec<usize>,
    /// Sources cited with a structural relation (`per …`).
    pub per: Vec<usize>,
    /// Evidence supporting / contradicting the claims above (and the
    /// earlier claims they revise).
    pub evidence: Vec<usize>,
    pub contra: Vec<usize>,
    /// Claims that deny, dispute, acknowledge or endorse one of the claims
    /// above (or an earlier claim they revise), by date.
    pub denials: Vec<usize>,
    pub disputes: Vec<usize>,
    pub acknowledgements: Vec<usize>,
    pub endorsements: Vec<usize>,
    /// The root sources of the supporting evidence.
    pub roots: BTreeSet<usize>,
    pub weaknesses: Vec<Weakness>,
    pub computation: Computation,
}

impl Link {
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
    pub fn all_claims(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
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
pub type EvidenceOf = HashMap<usize, (Vec<usize>, Vec<usize>)>;

/// The sourcing facts the links are built on.
pub struct Record {
    /// The root sources of each source: those it repeats, followed to the
    /// sources that repeat nothing.
    pub roots: HashMap<usize, BTreeSet<usize>>,
    /// The grade of each evidence item in view.
    pub grades: HashMap<usize, Grade>,
    /// The root sources of each evidence item in view.
    pub evidence_roots: HashMap<usize, BTreeSet<usize>>,
    /// For each claim in view, the evidence in view that supports and
    /// contradicts it, its own and that of the earlier claims it revises.
    pub evidence_of: EvidenceOf,
    /// For each claim, the claims in view that answer it, by date.
    pub reactions: HashMap<usize, Vec<(Reaction, usize)>>,
    /// For each claim that attributes, the support of its evidence alone.
    pub claim_support: HashMap<usize, Computation>,
}

/// A sort key for claims and other dated declarations: date, then id.
pub fn dated_key(file: &File, i: usize) -> ((i64, i64), &str) {
    let date = match &file.decls[i] {
        Decl::Claim(c) => c.date.as_ref(),
        Decl::Response(r) => r.date.as_ref(),
        Decl::Event(e) => e.date.as_ref(),
        Decl::Evidence(e) => e.known.as_ref(),
        Decl::Source(s) => s.published.as_ref(),
        _ => None,
    };
    let key = date
        .map(|d| &d.value)
        .filter(|d| d.validate().is_ok())
        .map_or((i64::MAX, i64::MAX), |d| d.sort_key());
    (key, file.decls[i].id().value.as_str())
}

fn sort_dated(file: &File, list: &mut Vec<usize>) {
    list.sort_by(|&a, &b| dated_key(file, a).cmp(&dated_key(file, b)));
    list.dedup();
}

fn sort_by_id(file: &File, list: &mut Vec<usize>) {
    list.sort_by(|&a, &b| file.decls[a].id().value.cmp(&file.decls[b].id().value));
    list.dedup();
}

/// Root sources of every source, guarding against cycles (reported by the
/// checker): a source met again on its own path counts as a root.
fn roots(file: &File, symbols: &Symbols) -> HashMap<usize, BTreeSet<usize>> {
    let repeats_of = |s: usize| -> Vec<usize> {
        file.source(s)
            .map(|src| {
                src.repeats
                    .iter()
                    .filter_map(|r| lookup(file, symbols, r, DeclKind::Source))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Depth-first with an explicit stack, so a very long chain of `repeats`
    // cannot overflow the call stack.
    struct Frame {
        source: usize,
        repeats: Vec<usize>,
        next: usize,
        roots: BTreeSet<usize>,
    }
    let mut memo: HashMap<usize, BTreeSet<usize>> = HashMap::default();
    let mut on_path: rustc_hash::FxHashSet<usize> = Default::default();
    for start in file.indexes(DeclKind::Source) {
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
    file: &File,
    symbols: &Symbols,
    roots: &HashMap<usize, BTreeSet<usize>>,
    sources: &[Ident],
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for s in sources {
        if let Some(s) = lookup(file, symbols, s, DeclKind::Source) {
            out.extend(roots.get(&s).into_iter().flatten());
        }
    }
    out
}

/// Grade one evidence item from its fields and its root sources. The
/// reliability is that of the best root source (ties: the first by id): a
/// reliable outlet relaying a statement does not make its author more
/// reliable.
fn grade(file: &File, roots: &BTreeSet<usize>, e: &Evidence) -> Grade {
    let credibility = e
        .credibility
        .as_ref()
        .map_or(Credibility::CannotBeJudged, |c| c.value);
    let disclosure = e.disclosed.as_ref().map_or(Disclosure::No, |d| d.value);
    let mut ordered: Vec<usize> = roots.iter().copied().collect();
    sort_by_id(file, &mut ordered);
    let mut best: Option<(Reliability, usize)> = None;
    for s in ordered {
        if let Some(src) = file.source(s) {
            let r = src.reliability.as_ref().map_or(Reliability::F, |r| r.value);
            if best.is_none_or(|(b, _)| {
                support::reliability_weight(r) > support::reliability_weight(b)
            }) {
                best = Some((r, s));
            }
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
pub fn group_by_shared_root(root_sets: &[&BTreeSet<usize>]) -> Vec<usize> {
    let n = root_sets.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut owner: HashMap<usize, usize> = HashMap::default();
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
    /// Evidence items as they enter a computation, grouped by shared root.
    pub fn items(&self, list: &[usize]) -> Vec<Item> {
        let empty = BTreeSet::new();
        let sets: Vec<&BTreeSet<usize>> = list
            .iter()
            .map(|e| self.evidence_roots.get(e).unwrap_or(&empty))
            .collect();
        list.iter()
            .zip(group_by_shared_root(&sets))
            .map(|(&e, group)| Item {
                what: e,
                score: self.grades.get(&e).map_or(0, |g| g.score),
                group,
            })
            .collect()
    }

    fn build(file: &File, symbols: &Symbols, view: &View, current: &Current) -> Record {
        let roots = roots(file, symbols);
        let mut grades = HashMap::default();
        let mut evidence_roots = HashMap::default();
        let mut own: EvidenceOf = HashMap::default();
        for i in file
            .indexes(DeclKind::Evidence)
            .filter(|&i| view.includes(i))
        {
            let e = file.evidence(i).expect("indexes gives evidence");
            let r = roots_of(file, symbols, &roots, &e.sources);
            grades.insert(i, grade(file, &r, e));
            evidence_roots.insert(i, r);
            for c in &e.supports {
                if let Some(c) = lookup(file, symbols, c, DeclKind::Claim) {
                    own.entry(c).or_default().0.push(i);
                }
            }
            for c in &e.contradicts {
                if let Some(c) = lookup(file, symbols, c, DeclKind::Claim) {
                    own.entry(c).or_default().1.push(i);
                }
            }
        }
        // Each claim's evidence: its own and that of the claims it revises.
        let mut evidence_of: EvidenceOf = HashMap::default();
        for &c in current.claimants.keys() {
            let mut entry: (Vec<usize>, Vec<usize>) = Default::default();
            for k in std::iter::once(c).chain(current.earlier(c).iter().copied()) {
                if let Some((s, x)) = own.get(&k) {
                    entry.0.extend(s);
                    entry.1.extend(x);
                }
            }
            if entry.0.is_empty() && entry.1.is_empty() {
                continue;
            }
            sort_by_id(file, &mut entry.0);
            sort_by_id(file, &mut entry.1);
            evidence_of.insert(c, entry);
        }

        let mut reactions: HashMap<usize, Vec<(Reaction, usize)>> = HashMap::default();
        for (&i, _) in current.claimants.iter() {
            let claim = file.claim(i).expect("current holds claims");
            for s in &claim.statements {
                let (reaction, claims) = match s {
                    Statement::Denies { claims, .. } => (Reaction::Denies, claims),
                    Statement::Disputes { claims, .. } => (Reaction::Disputes, claims),
                    Statement::Acknowledges { claims, .. } => (Reaction::Acknowledges, claims),
                    Statement::Endorses { claims, .. } => (Reaction::Endorses, claims),
                    _ => continue,
                };
                for d in claims {
                    if let Some(d) = lookup(file, symbols, d, DeclKind::Claim) {
                        reactions.entry(d).or_default().push((reaction, i));
                    }
                }
            }
        }
        for list in reactions.values_mut() {
            list.sort_by(|a, b| (a.0, dated_key(file, a.1)).cmp(&(b.0, dated_key(file, b.1))));
            list.dedup();
        }

        let mut record = Record {
            roots,
            grades,
            evidence_roots,
            evidence_of,
            reactions,
            claim_support: HashMap::default(),
        };
        // The support each attributing claim's own evidence gives (for W0204).
        for &c in current.claimants.keys() {
            let claim = file.claim(c).expect("current holds claims");
            if !claim
                .statements
                .iter()
                .any(|s| matches!(s, Statement::Attributes { .. }))
            {
                continue;
            }
            let (s, x) = record.evidence_of.get(&c).cloned().unwrap_or_default();
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
pub fn build(
    file: &File,
    symbols: &Symbols,
    view: &View,
    current: &Current,
) -> (Record, Vec<Link>) {
    let record = Record::build(file, symbols, view, current);

    let mut links: Vec<Link> = Vec::new();
    let mut index: HashMap<(usize, usize, Vec<usize>), usize> = HashMap::default();
    let mut link_at = |links: &mut Vec<Link>, from: usize, to: usize, party: &[usize]| -> usize {
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
                weaknesses: Vec::new(),
                computation: support::link(&LinkInput {
                    structural: false,
                    self_claimed_only: false,
                    support: &[],
                    contra: &[],
                }),
            });
            links.len() - 1
        })
    };

    for (i, decl) in file.decls.iter().enumerate() {
        match decl {
            Decl::Claim(c) => {
                let mut party = current.party(i).to_vec();
                if party.is_empty() {
                    continue;
                }
                sort_by_id(file, &mut party);
                for s in &c.statements {
                    match s {
                        Statement::Attributes {
                            subject,
                            object,
                            roles,
                            ..
                        } => {
                            let from = symbols.target(subject);
                            let to = lookup(file, symbols, object, DeclKind::Actor);
                            if let (Some(from), Some(to)) = (from, to) {
                                if from == to {
                                    continue;
                                }
                                let l = link_at(&mut links, from, to, &party);
                                links[l].roles.extend(roles.iter().map(|r| r.value));
                                links[l].claims.push(i);
                            }
                        }
                        Statement::Responsibility { events, .. } => {
                            for ev in events {
                                let Some(from) = lookup(file, symbols, ev, DeclKind::Event) else {
                                    continue;
                                };
                                for &to in &party {
                                    let l = link_at(&mut links, from, to, &party);
                                    links[l].self_claims.push(i);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Decl::Actor(a) => {
                for r in &a.relations {
                    if let Some(to) = lookup(file, symbols, &r.target, DeclKind::Actor) {
                        if to == i {
                            continue;
                        }
                        let l = link_at(&mut links, i, to, &[]);
                        links[l].structures.insert(r.kind);
                        links[l].per.extend(
                            r.per
                                .iter()
                                .filter_map(|s| lookup(file, symbols, s, DeclKind::Source)),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    // Canonical order: by the ids of the ends, then of the party.
    let key = |l: &Link| -> (String, String, Vec<String>) {
        (
            file.decls[l.from].id().value.clone(),
            file.decls[l.to].id().value.clone(),
            l.party
                .iter()
                .map(|&p| file.decls[p].id().value.clone())
                .collect(),
        )
    };
    links.sort_by_cached_key(key);

    // Steps some party attributes (not only claims for itself).
    let attributed: rustc_hash::FxHashSet<(usize, usize)> = links
        .iter()
        .filter(|l| !l.claims.is_empty())
        .map(|l| (l.from, l.to))
        .collect();

    for link in &mut links {
        sort_dated(file, &mut link.claims);
        sort_dated(file, &mut link.self_claims);
        sort_by_id(file, &mut link.per);
        let all = link.all_claims();
        // The claims behind the link and the earlier claims they revise.
        let mut answered: Vec<usize> = all.clone();
        for &c in &all {
            answered.extend(current.earlier(c));
            if let Some((s, x)) = record.evidence_of.get(&c) {
                link.evidence.extend(s);
                link.contra.extend(x);
            }
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
        sort_by_id(file, &mut link.evidence);
        sort_by_id(file, &mut link.contra);
        for list in [
            &mut link.denials,
            &mut link.disputes,
            &mut link.acknowledgements,
            &mut link.endorsements,
        ] {
            sort_dated(file, list);
        }
        for e in &link.evidence {
            link.roots
                .extend(record.evidence_roots.get(e).into_iter().flatten());
        }

        // The actors' own claim, which no one else's attribution backs.
        let self_claim = link.claims.is_empty() && !link.self_claims.is_empty();
        let self_claimed_only = self_claim && !attributed.contains(&(link.from, link.to));
        link.computation = support::link(&LinkInput {
            structural: link.is_structural(),
            self_claimed_only: self_claim,
            support: &record.items(&link.evidence),
            contra: &record.items(&link.contra),
        });

        if !link.is_structural() {
            link.weaknesses = weaknesses(file, symbols, &record, link, &all, self_claimed_only);
        }
    }
    (record, links)
}

fn weaknesses(
    file: &File,
    symbols: &Symbols,
    record: &Record,
    link: &Link,
    claims: &[usize],
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
    let mut behind: BTreeSet<usize> = link.roots.clone();
    for c in claims {
        if let Some(c) = file.claim(*c) {
            behind.extend(roots_of(file, symbols, &record.roots, &c.sources));
        }
    }
    if behind.len() == 1 {
        w.push(Weakness::SingleSource);
    }
    if !behind.is_empty()
        && behind.iter().all(|s| {
            file.source(*s)
                .and_then(|s| s.kind.as_ref())
                .is_some_and(|k| k.value == SourceKind::Media)
        })
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
