//! Attribution chains: from each event to each party held responsible,
//! link by link.
//!
//! A chain is one party's route from an event to the party finally held
//! responsible: a path in the attribution graph that starts at an event,
//! follows the links of one claimant (or group of joint claimants) and the
//! structural links that serve everyone, and ends where that party's
//! claims stop. Paths never visit a node twice. A chain is never stronger
//! than its weakest link. Chains of different parties that reach the same
//! party from the same event agree; denials and contradicting evidence show
//! on the chains whose links they touch.
//!
//! The number of paths can grow exponentially with the graph, so the
//! search is bounded: at most [`MAX_CHAINS_PER_EVENT`] chains per event and
//! [`MAX_STEPS`] search steps in all, and routes of at most [`MAX_DEPTH`]
//! links. What is cut is said in [`ChainSet::notes`].

use crate::graph::Analysis;
use crate::syntax::ast::{DeclKind, File};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

pub const MAX_CHAINS_PER_EVENT: usize = 100;
pub const MAX_STEPS: usize = 1_000_000;
/// Routes longer than this many links are not followed.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone)]
pub struct Chain {
    /// The claimants whose claims make the chain (actor indexes).
    pub party: Vec<usize>,
    /// Declaration index of the event it starts from.
    pub event: usize,
    /// Declaration index of the party held responsible.
    pub responsible: usize,
    /// Link indexes, event first.
    pub links: Vec<usize>,
    /// The lowest link confidence.
    pub confidence: u8,
    /// Position in `links` of the weakest link (the first, on a tie).
    pub weakest: usize,
}

#[derive(Debug, Clone, Default)]
pub struct ChainSet {
    pub chains: Vec<Chain>,
    /// What the search left out, and why.
    pub notes: Vec<String>,
}

impl ChainSet {
    /// For each chain, the other chains that start and end where it does.
    pub fn agreements(&self) -> Vec<Vec<usize>> {
        let mut groups: rustc_hash::FxHashMap<(usize, usize), Vec<usize>> = Default::default();
        for (k, c) in self.chains.iter().enumerate() {
            groups.entry((c.event, c.responsible)).or_default().push(k);
        }
        self.chains
            .iter()
            .enumerate()
            .map(|(k, c)| {
                groups[&(c.event, c.responsible)]
                    .iter()
                    .copied()
                    .filter(|&j| j != k)
                    .collect()
            })
            .collect()
    }

    /// The chains from each event.
    pub fn by_event(&self) -> rustc_hash::FxHashMap<usize, Vec<&Chain>> {
        let mut out: rustc_hash::FxHashMap<usize, Vec<&Chain>> = Default::default();
        for c in &self.chains {
            out.entry(c.event).or_default().push(c);
        }
        out
    }
}

/// Derive every chain, events in source order, links in the order they
/// were first asserted.
pub fn derive(file: &File, analysis: &Analysis) -> ChainSet {
    let mut set = ChainSet::default();
    let mut steps = 0usize;
    for event in file.indexes(DeclKind::Event) {
        let Some(&start) = analysis.nodes.get(&event) else {
            continue;
        };
        let before = set.chains.len();
        let steps_before = steps;
        let mut path_nodes = vec![start];
        let mut path_links = Vec::new();
        let mut cut = false;
        let mut too_deep = false;
        let mut search = Search {
            analysis,
            event,
            out: &mut set.chains,
            steps: &mut steps,
            first: before,
            cut: &mut cut,
            too_deep: &mut too_deep,
        };
        search.walk(start, None, &mut path_nodes, &mut path_links);
        if too_deep {
            set.notes.push(format!(
                "routes from `{}` longer than {MAX_DEPTH} links were not followed: no real attribution runs that deep, so the graph likely holds a long chain of relations",
                file.decls[event].id().value
            ));
        }
        if cut {
            set.notes.push(format!(
                "chains from `{}` were cut after {} of them ({} search steps): the graph has more routes than attrib reports ({MAX_CHAINS_PER_EVENT} per event at most); the strongest may be among those left out",
                file.decls[event].id().value,
                set.chains.len() - before,
                steps - steps_before
            ));
        }
        if steps >= MAX_STEPS {
            set.notes.push(format!(
                "the search stopped after {MAX_STEPS} steps: events after `{}` were not searched",
                file.decls[event].id().value
            ));
            break;
        }
    }
    set
}

/// The state of one event's search.
struct Search<'a> {
    analysis: &'a Analysis,
    event: usize,
    out: &'a mut Vec<Chain>,
    steps: &'a mut usize,
    first: usize,
    cut: &'a mut bool,
    too_deep: &'a mut bool,
}

impl Search<'_> {
    /// Extend the path from `node`, following the links of `party` (fixed
    /// by the first link) and structural links.
    fn walk(
        &mut self,
        node: NodeIndex,
        party: Option<&[usize]>,
        path_nodes: &mut Vec<NodeIndex>,
        path_links: &mut Vec<usize>,
    ) {
        *self.steps += 1;
        if *self.steps >= MAX_STEPS || self.out.len() - self.first >= MAX_CHAINS_PER_EVENT {
            *self.cut = true;
            return;
        }
        // The recursion is as deep as the route is long: bounded here.
        if path_links.len() >= MAX_DEPTH {
            *self.too_deep = true;
            return;
        }
        let links = &self.analysis.links;
        let mut next: Vec<(usize, NodeIndex)> = self
            .analysis
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|e| !path_nodes.contains(&e.target()))
            .filter(|e| {
                let link = &links[*e.weight()];
                link.party.is_empty() || party.is_none_or(|p| p == link.party.as_slice())
            })
            .map(|e| (*e.weight(), e.target()))
            .collect();
        next.sort_unstable();
        if next.is_empty() {
            if !path_links.is_empty() {
                self.out
                    .push(chain(self.analysis, self.event, party, path_links));
            }
            return;
        }
        for (link, target) in next {
            let own = &links[link].party;
            let party = if own.is_empty() {
                party
            } else {
                Some(own.as_slice())
            };
            path_nodes.push(target);
            path_links.push(link);
            self.walk(target, party, path_nodes, path_links);
            path_links.pop();
            path_nodes.pop();
            if *self.cut {
                return;
            }
        }
    }
}

fn chain(analysis: &Analysis, event: usize, party: Option<&[usize]>, links: &[usize]) -> Chain {
    let mut weakest = 0;
    for (i, l) in links.iter().enumerate() {
        if analysis.links[*l].confidence.value < analysis.links[links[weakest]].confidence.value {
            weakest = i;
        }
    }
    let last = *links.last().expect("a chain has a link");
    Chain {
        party: party.unwrap_or_default().to_vec(),
        event,
        responsible: analysis.links[last].to,
        links: links.to_vec(),
        confidence: analysis.links[links[weakest]].confidence.value,
        weakest,
    }
}
