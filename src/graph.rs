//! The attribution graph: events and actors as nodes, links between them.
//!
//! A link runs from an event (or actor) to the actor held responsible for
//! it, one step: "the July attack was operated by DEV-0842", "MOIS is an
//! organ of Iran". Links come from claims (`attributes … to … as …`), from
//! the actors' own claims (`takes responsibility for`) and from the
//! structural relations declared on actors (`organ of`, `part of`,
//! `front for`, `holds office in`).
//!
//! Each party keeps its own links: the claims of one claimant (or one
//! group of joint claimants) asserting the same step share one link, whose
//! evidence is the evidence behind those claims. Albania's statement that
//! Iran was behind the July attack and the FBI's technical advisory saying
//! the same are two links, each graded on its own evidence. Structural
//! links belong to no party and serve every chain.

use crate::confidence::{self, Computation, Item, LinkInput};
use crate::resolve::Symbols;
use crate::syntax::ast::*;
use crate::vocab::*;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeSet;

/// What makes a link weak. Shown on every chain that uses the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
        }
    }
}

/// One step of attribution, with everything said about it.
#[derive(Debug, Clone)]
pub struct Link {
    /// Declaration indexes of the two ends.
    pub from: usize,
    pub to: usize,
    /// The claimants (actor indexes, sorted) whose claims make the link;
    /// empty for a structural link.
    pub party: Vec<usize>,
    /// Roles asserted by claims (`operator`, `sponsor` …).
    pub roles: BTreeSet<Role>,
    /// Structural relations declared on the `from` actor.
    pub structures: BTreeSet<Structure>,
    /// Claims that attribute this step, in source order.
    pub claims: Vec<usize>,
    /// The actors' own claims of responsibility for this step.
    pub self_claims: Vec<usize>,
    /// Sources cited with a structural relation (`per …`).
    pub per: Vec<usize>,
    /// Evidence supporting / contradicting the claims above.
    pub support: Vec<usize>,
    pub contra: Vec<usize>,
    /// Claims that deny one of the claims above.
    pub denials: Vec<usize>,
    /// Claims that acknowledge (relay) one of the claims above.
    pub acknowledgements: Vec<usize>,
    /// Claims that endorse (make their own) one of the claims above.
    pub endorsements: Vec<usize>,
    pub weaknesses: Vec<Weakness>,
    pub confidence: Computation,
}

impl Link {
    pub fn is_structural(&self) -> bool {
        !self.structures.is_empty()
    }

    /// The relation in one word: a structural relation if there is one,
    /// else `attribution`, else `self-claim`.
    pub fn relation(&self) -> &'static str {
        if let Some(s) = self.structures.iter().next() {
            s.word()
        } else if !self.claims.is_empty() {
            "attribution"
        } else {
            "self-claim"
        }
    }

    /// Every claim behind the link, attributions and self-claims, in source order.
    pub fn all_claims(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
            .claims
            .iter()
            .chain(&self.self_claims)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// The graph and everything derived from a case's sources and evidence.
pub struct Analysis {
    pub graph: DiGraph<usize, usize>,
    pub nodes: HashMap<usize, NodeIndex>,
    pub links: Vec<Link>,
    /// The root sources of each source: those it repeats, followed to the
    /// sources that repeat nothing.
    pub roots: HashMap<usize, BTreeSet<usize>>,
    /// The grade of each evidence item.
    pub grades: HashMap<usize, Item>,
    /// For each claim, the evidence that supports and contradicts it.
    pub evidence_of: EvidenceOf,
    /// For each claim, the claims that deny, acknowledge or endorse it.
    pub reactions: HashMap<usize, Vec<(Reaction, usize)>>,
}

/// How one claim answers another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    Denies,
    Acknowledges,
    Endorses,
}

/// Evidence lists per claim: (supporting, contradicting).
pub type EvidenceOf = HashMap<usize, (Vec<usize>, Vec<usize>)>;

impl Analysis {
    /// The root sources behind a list of source references.
    pub fn roots_of(&self, file: &File, symbols: &Symbols, sources: &[Ident]) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for s in sources {
            if let Some(i) = symbols
                .lookup(&s.value)
                .filter(|&i| file.source(i).is_some())
            {
                out.extend(self.roots.get(&i).into_iter().flatten());
            }
        }
        out
    }
}

/// Look an id up, keeping it only if it names a declaration of `kind`.
pub fn lookup(file: &File, symbols: &Symbols, id: &Ident, kind: DeclKind) -> Option<usize> {
    symbols
        .lookup(&id.value)
        .filter(|&i| file.decls[i].kind() == kind)
}

/// Evidence by claim, in source order.
fn evidence_by_claim(file: &File, symbols: &Symbols) -> EvidenceOf {
    let mut out: EvidenceOf = HashMap::default();
    for i in file.indexes(DeclKind::Evidence) {
        let e = file.evidence(i).expect("indexes gives evidence");
        for c in &e.supports {
            if let Some(c) = lookup(file, symbols, c, DeclKind::Claim) {
                out.entry(c).or_default().0.push(i);
            }
        }
        for c in &e.contradicts {
            if let Some(c) = lookup(file, symbols, c, DeclKind::Claim) {
                out.entry(c).or_default().1.push(i);
            }
        }
    }
    for (s, c) in out.values_mut() {
        s.dedup();
        c.dedup();
    }
    out
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

/// Grade one evidence item from its fields and its sources.
///
/// The reliability is that of the item's root sources (the originators its
/// cited sources repeat), the best of them: a reliable outlet relaying a
/// statement does not make the statement's author more reliable.
fn grade(file: &File, roots: &BTreeSet<usize>, e: &Evidence) -> (u8, String) {
    let credibility = e
        .credibility
        .as_ref()
        .map_or(Credibility::CannotBeJudged, |c| c.value);
    let disclosure = e.disclosed.as_ref().map_or(Disclosure::No, |d| d.value);
    let mut best: Option<(Reliability, &str)> = None;
    for &s in roots {
        if let Some(src) = file.source(s) {
            let r = src.reliability.as_ref().map_or(Reliability::F, |r| r.value);
            if best.is_none_or(|(b, _)| {
                confidence::reliability_weight(r) > confidence::reliability_weight(b)
            }) {
                best = Some((r, &src.head.id.value));
            }
        }
    }
    let (reliability, via) = best.unwrap_or((Reliability::F, "no source"));
    let score = confidence::grade(credibility, reliability, disclosure);
    let reason = format!(
        "credibility {} ({}) = {}, × reliability {} of {via} ({}, {}%), × disclosed {} ({}%) = {score}",
        credibility.word(),
        credibility.meaning(),
        confidence::credibility_value(credibility),
        reliability.word(),
        reliability.meaning(),
        confidence::reliability_weight(reliability),
        disclosure.word(),
        confidence::disclosure_weight(disclosure),
    );
    (score, reason)
}

/// Build the links, grade the evidence and compute every link's confidence.
pub fn analyse(file: &File, symbols: &Symbols) -> Analysis {
    let roots = roots(file, symbols);
    let evidence_of = evidence_by_claim(file, symbols);

    // Links keyed by their two ends and their party, in the order they are
    // first asserted.
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
                support: Vec::new(),
                contra: Vec::new(),
                denials: Vec::new(),
                acknowledgements: Vec::new(),
                endorsements: Vec::new(),
                weaknesses: Vec::new(),
                confidence: Computation {
                    value: 0,
                    steps: Vec::new(),
                },
            });
            links.len() - 1
        })
    };

    let mut reactions: HashMap<usize, Vec<(Reaction, usize)>> = HashMap::default();
    for (i, decl) in file.decls.iter().enumerate() {
        match decl {
            Decl::Claim(c) => {
                let mut party: Vec<usize> =
                    c.by.iter()
                        .filter_map(|b| lookup(file, symbols, b, DeclKind::Actor))
                        .collect();
                party.sort_unstable();
                party.dedup();
                if party.is_empty() {
                    continue;
                }
                for s in &c.statements {
                    match s {
                        Statement::Attributes {
                            subject,
                            object,
                            roles,
                            ..
                        } => {
                            let from = symbols.lookup(&subject.value).filter(|&f| {
                                matches!(file.decls[f].kind(), DeclKind::Event | DeclKind::Actor)
                            });
                            let to = lookup(file, symbols, object, DeclKind::Actor);
                            if let (Some(from), Some(to)) = (from, to) {
                                if from == to {
                                    continue;
                                }
                                let l = link_at(&mut links, from, to, &party);
                                links[l].roles.extend(roles.iter().map(|r| r.value));
                                // Claims come in order: a repeat is the last one.
                                if links[l].claims.last() != Some(&i) {
                                    links[l].claims.push(i);
                                }
                            }
                        }
                        Statement::Responsibility { events, .. } => {
                            for ev in events {
                                let Some(from) = lookup(file, symbols, ev, DeclKind::Event) else {
                                    continue;
                                };
                                for &to in &party {
                                    let l = link_at(&mut links, from, to, &party);
                                    if links[l].self_claims.last() != Some(&i) {
                                        links[l].self_claims.push(i);
                                    }
                                }
                            }
                        }
                        Statement::Denies { claims, .. }
                        | Statement::Acknowledges { claims, .. }
                        | Statement::Endorses { claims, .. } => {
                            let reaction = match s {
                                Statement::Denies { .. } => Reaction::Denies,
                                Statement::Acknowledges { .. } => Reaction::Acknowledges,
                                _ => Reaction::Endorses,
                            };
                            for d in claims {
                                if let Some(d) = lookup(file, symbols, d, DeclKind::Claim) {
                                    let list = reactions.entry(d).or_default();
                                    if list.last() != Some(&(reaction, i)) {
                                        list.push((reaction, i));
                                    }
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

    let evidence_roots = |e: usize| -> BTreeSet<usize> {
        let ev = file.evidence(e).expect("an evidence index");
        let mut out = BTreeSet::new();
        for s in &ev.sources {
            if let Some(s) = lookup(file, symbols, s, DeclKind::Source) {
                out.extend(roots.get(&s).into_iter().flatten());
            }
        }
        out
    };
    let mut grades: HashMap<usize, Item> = HashMap::default();
    for i in file.indexes(DeclKind::Evidence) {
        let e = file.evidence(i).expect("indexes gives evidence");
        let (score, reason) = grade(file, &evidence_roots(i), e);
        grades.insert(
            i,
            Item {
                id: e.head.id.value.clone(),
                score,
                group: 0,
                reason,
            },
        );
    }

    // Steps some party attributes (not only claims for itself).
    let attributed: std::collections::HashSet<(usize, usize)> = links
        .iter()
        .filter(|l| !l.claims.is_empty())
        .map(|l| (l.from, l.to))
        .collect();

    for link in &mut links {
        let all = link.all_claims();
        for c in &all {
            if let Some((s, x)) = evidence_of.get(c) {
                link.support.extend(s);
                link.contra.extend(x);
            }
            for &(reaction, r) in reactions.get(c).into_iter().flatten() {
                match reaction {
                    Reaction::Denies => link.denials.push(r),
                    Reaction::Acknowledges => link.acknowledgements.push(r),
                    Reaction::Endorses => link.endorsements.push(r),
                }
            }
        }
        // In source order, each once.
        for list in [
            &mut link.support,
            &mut link.contra,
            &mut link.denials,
            &mut link.acknowledgements,
            &mut link.endorsements,
            &mut link.per,
        ] {
            list.sort_unstable();
            list.dedup();
        }

        let items = |list: &[usize]| -> Vec<Item> {
            let root_sets: Vec<BTreeSet<usize>> = list.iter().map(|&e| evidence_roots(e)).collect();
            let groups = group_by_shared_root(&root_sets);
            list.iter()
                .zip(groups)
                .map(|(e, g)| Item {
                    group: g,
                    ..grades[e].clone()
                })
                .collect()
        };
        let support = items(&link.support);
        let contra = items(&link.contra);
        // The actors' own claim, which no one else's attribution backs.
        let self_claim = link.claims.is_empty() && !link.self_claims.is_empty();
        let self_claimed_only = self_claim && !attributed.contains(&(link.from, link.to));
        link.confidence = confidence::link(&LinkInput {
            structural: link.is_structural(),
            self_claimed_only: self_claim,
            support: &support,
            contra: &contra,
        });

        // Weaknesses.
        if !link.is_structural() {
            let mut w = Vec::new();
            if self_claimed_only {
                w.push(Weakness::SelfClaimedOnly);
            }
            if link.support.is_empty() {
                w.push(Weakness::AssertedOnly);
            } else if link.support.iter().all(|e| {
                file.evidence(*e)
                    .and_then(|e| e.disclosed.as_ref())
                    .is_none_or(|d| d.value == Disclosure::No)
            }) {
                w.push(Weakness::UndisclosedOnly);
            }
            let mut behind: BTreeSet<usize> = BTreeSet::new();
            for c in &all {
                if let Some(c) = file.claim(*c) {
                    for s in &c.sources {
                        if let Some(s) = lookup(file, symbols, s, DeclKind::Source) {
                            behind.extend(roots.get(&s).into_iter().flatten());
                        }
                    }
                }
            }
            for e in &link.support {
                behind.extend(evidence_roots(*e));
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
            link.weaknesses = w;
        }
    }

    let mut graph = DiGraph::new();
    let mut nodes = HashMap::default();
    for (li, link) in links.iter().enumerate() {
        let a = *nodes
            .entry(link.from)
            .or_insert_with(|| graph.add_node(link.from));
        let b = *nodes
            .entry(link.to)
            .or_insert_with(|| graph.add_node(link.to));
        graph.add_edge(a, b, li);
    }

    Analysis {
        graph,
        nodes,
        links,
        roots,
        grades,
        reactions,
        evidence_of,
    }
}

/// Group items that share any root source (transitively): the group of
/// each item is the smallest position of an item it is grouped with.
pub fn group_by_shared_root(root_sets: &[BTreeSet<usize>]) -> Vec<usize> {
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
        for r in roots {
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

#[cfg(test)]
mod tests {
    use super::group_by_shared_root;
    use std::collections::BTreeSet;

    #[test]
    fn items_sharing_a_root_group_together() {
        let sets = vec![
            BTreeSet::from([1]),
            BTreeSet::from([2]),
            BTreeSet::from([2, 3]),
            BTreeSet::from([3]),
            BTreeSet::new(),
        ];
        assert_eq!(group_by_shared_root(&sets), vec![0, 1, 1, 1, 4]);
    }
}
