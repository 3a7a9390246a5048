//! Attribution chains: from each event to each party held responsible,
//! link by link.
//!
//! A chain is a path in the attribution graph that starts at an event and
//! ends at a node with no further link (the party finally held
//! responsible). Paths never visit a node twice. A chain is never stronger
//! than its weakest link.
//!
//! The number of paths can grow exponentially with the graph, so the
//! search is bounded: at most [`MAX_CHAINS_PER_EVENT`] chains per event and
//! [`MAX_STEPS`] search steps in all. What is cut is said in
//! [`ChainSet::notes`].

use crate::graph::Analysis;
use crate::syntax::ast::{DeclKind, File};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

pub const MAX_CHAINS_PER_EVENT: usize = 100;
pub const MAX_STEPS: usize = 1_000_000;

#[derive(Debug, Clone)]
pub struct Chain {
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
    /// Chains that start and end where `chain` does, other than itself.
    pub fn agreeing(&self, index: usize) -> Vec<usize> {
        let c = &self.chains[index];
        self.chains
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != index && o.event == c.event && o.responsible == c.responsible)
            .map(|(j, _)| j)
            .collect()
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
        let mut path_nodes = vec![start];
        let mut path_links = Vec::new();
        let mut cut = false;
        walk(
            analysis,
            event,
            start,
            &mut path_nodes,
            &mut path_links,
            &mut set.chains,
            &mut steps,
            before,
            &mut cut,
        );
        if cut {
            set.notes.push(format!(
                "chains from `{}` were cut after {} of them ({} search steps in all): the graph has more routes than attrib reports; the strongest may be among those left out",
                file.decls[event].id().value,
                set.chains.len() - before,
                steps
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

#[allow(clippy::too_many_arguments)]
fn walk(
    analysis: &Analysis,
    event: usize,
    node: NodeIndex,
    path_nodes: &mut Vec<NodeIndex>,
    path_links: &mut Vec<usize>,
    out: &mut Vec<Chain>,
    steps: &mut usize,
    first: usize,
    cut: &mut bool,
) {
    *steps += 1;
    if *steps >= MAX_STEPS || out.len() - first >= MAX_CHAINS_PER_EVENT {
        *cut = true;
        return;
    }
    let mut next: Vec<(usize, NodeIndex)> = analysis
        .graph
        .edges_directed(node, Direction::Outgoing)
        .filter(|e| !path_nodes.contains(&e.target()))
        .map(|e| (*e.weight(), e.target()))
        .collect();
    next.sort_unstable();
    if next.is_empty() {
        if !path_links.is_empty() {
            out.push(chain(analysis, event, path_links));
        }
        return;
    }
    for (link, target) in next {
        path_nodes.push(target);
        path_links.push(link);
        walk(
            analysis, event, target, path_nodes, path_links, out, steps, first, cut,
        );
        path_links.pop();
        path_nodes.pop();
        if *cut {
            return;
        }
    }
}

fn chain(analysis: &Analysis, event: usize, links: &[usize]) -> Chain {
    let mut weakest = 0;
    for (i, l) in links.iter().enumerate() {
        if analysis.links[*l].confidence.value < analysis.links[links[weakest]].confidence.value {
            weakest = i;
        }
    }
    let last = *links.last().expect("a chain has a link");
    Chain {
        event,
        responsible: analysis.links[last].to,
        links: links.to_vec(),
        confidence: analysis.links[links[weakest]].confidence.value,
        weakest,
    }
}
