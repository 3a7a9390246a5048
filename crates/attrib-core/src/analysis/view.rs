//! What the analysis looks at: the case as it stood on a date (`--as-of`),
//! and each claimant's latest view (`revises`).
//!
//! **As of a date.** Claims and responses count when their date certainly
//! fell on or before the as-of date: the last day the date may mean is on
//! or before the last day of the as-of date (`--as-of 2022-09` means "by
//! the end of September 2022"). Evidence counts from its `known` date, else
//! from the earliest publication of its sources; evidence with neither
//! counts with the claims it supports. What may or may not have happened by
//! then (a claim dated `2022-09` seen as of `2022-09-15`) is left out and
//! listed in [`View::uncertain`]. Actors, events and sources are the
//! stage, not statements: they are always in view.
//!
//! **Latest views.** A claim that `revises` an earlier one replaces it for
//! the claimants the two share. The earlier claim stays in the history; it
//! no longer makes links for them. The evidence presented for the earlier
//! claim stays behind the later one, and so do the reactions to it (a
//! denial of the first statement is a denial of the view).

use crate::date::Date;
use crate::model::*;
use rustc_hash::FxHashMap as HashMap;

/// Which declarations are in view.
#[derive(Debug, Clone)]
pub struct View {
    pub as_of: Option<Date>,
    claims: PerId<ClaimId, bool>,
    evidence: PerId<EvidenceId, bool>,
    responses: PerId<ResponseId, bool>,
    /// Claims, evidence and responses left out because their date may or
    /// may not fall by the as-of date, in source order.
    pub uncertain: Vec<Node>,
}

/// When a claim, response or evidence item entered the record, if known:
/// its date, its `known` date, or (for evidence without one) the earliest
/// publication of its sources — the one certainly out first (ties: the
/// earlier start, then the source's id).
pub fn entered_date(m: &Model, node: Node) -> Option<Date> {
    match node {
        Node::Claim(c) => m.claims[c].date.as_ref().map(|d| d.value),
        Node::Response(r) => m.responses[r].date.as_ref().map(|d| d.value),
        Node::Evidence(e) => {
            let e = &m.evidence[e];
            e.known.as_ref().map(|d| d.value).or_else(|| {
                ids(&e.sources)
                    .filter_map(|s| m.sources[s].published.as_ref().map(|d| (d.value, s)))
                    .min_by(|(a, x), (b, y)| {
                        let (a0, a1) = a.interval();
                        let (b0, b1) = b.interval();
                        (a1, a0, m.name(*x)).cmp(&(b1, b0, m.name(*y)))
                    })
                    .map(|(d, _)| d)
            })
        }
        _ => None,
    }
}

impl View {
    /// Everything the file says.
    pub fn whole(m: &Model) -> View {
        View {
            as_of: None,
            claims: PerId::filled(&m.claims, true),
            evidence: PerId::filled(&m.evidence, true),
            responses: PerId::filled(&m.responses, true),
            uncertain: Vec::new(),
        }
    }

    /// The case as it stood on `as_of`.
    pub fn as_of(m: &Model, as_of: Date) -> View {
        let (_, limit) = as_of.interval();
        let mut view = View::whole(m);
        view.as_of = Some(as_of);
        for node in m.nodes() {
            let included = match node {
                Node::Claim(c) => &mut view.claims[c],
                Node::Evidence(e) => &mut view.evidence[e],
                Node::Response(r) => &mut view.responses[r],
                _ => continue,
            };
            match entered_date(m, node).map(|d| d.interval()) {
                Some((_, end)) if end <= limit => {}
                Some((start, _)) => {
                    *included = false;
                    if start <= limit {
                        view.uncertain.push(node);
                    }
                }
                // An undated claim or response cannot be placed in time;
                // undated evidence follows the claims it supports.
                None => *included = matches!(node, Node::Evidence(_)),
            }
        }
        view
    }

    pub fn claim(&self, c: ClaimId) -> bool {
        self.claims[c]
    }

    pub fn evidence(&self, e: EvidenceId) -> bool {
        self.evidence[e]
    }

    pub fn response(&self, r: ResponseId) -> bool {
        self.responses[r]
    }

    /// Whether a declaration is in view: claims, evidence and responses by
    /// their dates; everything else always.
    pub fn includes(&self, node: Node) -> bool {
        match node {
            Node::Claim(c) => self.claims[c],
            Node::Evidence(e) => self.evidence[e],
            Node::Response(r) => self.responses[r],
            _ => true,
        }
    }
}

/// Each claim in view with the claimants whose current view it is, and
/// the revisions between claims.
///
/// A claim that `revises` an earlier one replaces it for the claimants the
/// two share, and for those that speak for the same state or organisation
/// (one government's bodies: an agency's finding revised by the White
/// House). Revisions are kept as a pointer from each claim to the one it
/// revises: a chain of many revisions costs one step per claim.
#[derive(Debug, Clone, Default)]
pub struct Current {
    /// Claim → its claimants whose view it still is (sorted); empty when
    /// every claimant has revised it.
    pub party: HashMap<ClaimId, Vec<ActorId>>,
    /// Claim → its claimants as written (sorted).
    pub claimants: HashMap<ClaimId, Vec<ActorId>>,
    /// Claim → the claim in view it revises (never itself).
    pub revised: HashMap<ClaimId, ClaimId>,
}

impl Current {
    pub fn build(m: &Model, view: &View) -> Current {
        let mut out = Current::default();
        for (i, claim) in m.claims.iter().filter(|(i, _)| view.claim(*i)) {
            let mut by: Vec<ActorId> = ids(&claim.by).collect();
            by.sort_unstable();
            by.dedup();
            out.claimants.insert(i, by.clone());
            out.party.insert(i, by);
        }
        for &i in out.claimants.keys() {
            let Some(r) = m.claims[i].revises.map(|r| r.to) else {
                continue;
            };
            if r == i || !view.claim(r) {
                continue;
            }
            out.revised.insert(i, r);
        }
        // The nearest earlier claim is no longer the view of the claimants
        // the later one speaks for.
        let voice = |a: ActorId| super::parties::party(m, a).speaker;
        for (&i, &r) in &out.revised {
            let voices: Vec<ActorId> = out.claimants[&i].iter().map(|&a| voice(a)).collect();
            if let Some(party) = out.party.get_mut(&r) {
                party.retain(|&a| !voices.contains(&voice(a)));
            }
        }
        out
    }

    /// The claimants whose current view a claim is (empty if none or not in view).
    pub fn party(&self, claim: ClaimId) -> &[ActorId] {
        self.party.get(&claim).map_or(&[], Vec::as_slice)
    }

    /// The earlier claims a claim revises, nearest first (transitively; a
    /// cycle, reported as E0201, stops the walk where it closes).
    pub fn earlier(&self, claim: ClaimId) -> Earlier<'_> {
        Earlier {
            revised: &self.revised,
            start: claim,
            at: claim,
            seen: Default::default(),
        }
    }
}

/// The walk of [`Current::earlier`].
pub struct Earlier<'a> {
    revised: &'a HashMap<ClaimId, ClaimId>,
    start: ClaimId,
    at: ClaimId,
    seen: rustc_hash::FxHashSet<ClaimId>,
}

impl Iterator for Earlier<'_> {
    type Item = ClaimId;

    fn next(&mut self) -> Option<ClaimId> {
        let r = *self.revised.get(&self.at)?;
        if r == self.start || !self.seen.insert(r) {
            return None;
        }
        self.at = r;
        Some(r)
    }
}
