//! Attribution chains: from each event to each party held responsible,
//! link by link.
//!
//! A chain is one party's route from an event to the party finally held
//! responsible: a path in the attribution graph that starts at an event,
//! follows the links of one claimant (or group of joint claimants) and the
//! structural links that serve everyone, and ends where that party's
//! claims stop. Paths never visit a node twice. A chain's support is that
//! of its weakest link.
//!
//! A claim that ties a group to a state without naming an event (the
//! NCSC's "HAFNIUM is associated with the Chinese state") joins the chains
//! of another party that end at that group: the route goes on under the
//! joining party's links, once. Such a chain is the joining party's
//! attribution of the event *via* the first party's: `via` names the first
//! party and `joined` says where the joining party's links begin.
//!
//! Events are searched in order of date, then id, and links in their
//! canonical order, so the chains and where a bounded search cuts them do
//! not depend on the order of the declarations.
//!
//! The number of paths can grow exponentially with the graph, so the
//! search is bounded: at most [`MAX_CHAINS_PER_EVENT`] chains per event and
//! [`MAX_STEPS`] search steps in all, and routes of at most [`MAX_DEPTH`]
//! links. What is cut is said in [`ChainSet::notes`].

use super::links::Link;
use super::support::Support;
use crate::model::{ActorId, EventId, Model, Node};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap as HashMap;

pub const MAX_CHAINS_PER_EVENT: usize = 100;
pub const MAX_STEPS: usize = 1_000_000;
/// Routes longer than this many links are not followed.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone)]
pub struct Chain {
    /// The claimants whose claims make the chain (for a joined chain, the
    /// joining party: whose attribution it concludes).
    pub party: Vec<ActorId>,
    /// For a joined chain, the claimants whose links it starts with (the
    /// route from the event to the group); empty otherwise.
    pub via: Vec<ActorId>,
    /// For a joined chain, the position in `links` of the joining party's
    /// first link.
    pub joined: Option<usize>,
    /// The event it starts from.
    pub event: EventId,
    /// The party held responsible.
    pub responsible: ActorId,
    /// Link indexes, event first.
    pub links: Vec<usize>,
    /// The support of the weakest link.
    pub support: Support,
    /// Position in `links` of the weakest link (the first, on a tie).
    pub weakest: usize,
}

/// What a bounded search left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Routes from this event longer than [`MAX_DEPTH`] were not followed.
    TooDeep { event: EventId },
    /// Chains from this event were cut after `kept`, after `steps` steps.
    Cut {
        event: EventId,
        kept: usize,
        steps: usize,
    },
    /// The whole search stopped at [`MAX_STEPS`]; events after this one
    /// were not searched.
    Stopped { event: EventId },
}

#[derive(Debug, Clone, Default)]
pub struct ChainSet {
    pub chains: Vec<Chain>,
    pub notes: Vec<Note>,
}

impl ChainSet {
    /// For each chain, the other chains that start and end where it does.
    pub fn agreements(&self) -> Vec<Vec<usize>> {
        let mut groups: HashMap<(EventId, ActorId), Vec<usize>> = Default::default();
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
}

/// The graph of links: declarations as nodes, link indexes as edges.
pub struct Graph {
    pub graph: DiGraph<Node, usize>,
    pub nodes: HashMap<Node, NodeIndex>,
}

impl Graph {
    pub fn new(links: &[Link]) -> Graph {
        let mut graph = DiGraph::new();
        let mut nodes = HashMap::default();
        for (li, link) in links.iter().enumerate() {
            let a = *nodes
                .entry(link.from)
                .or_insert_with(|| graph.add_node(link.from));
            let b = *nodes
                .entry(Node::Actor(link.to))
                .or_insert_with(|| graph.add_node(Node::Actor(link.to)));
            graph.add_edge(a, b, li);
        }
        Graph { graph, nodes }
    }
}

/// The events in the order they are searched and shown: by date, then id.
pub fn events_in_order(m: &Model) -> Vec<EventId> {
    let mut events: Vec<EventId> = m.events.ids().collect();
    events.sort_by(|&a, &b| m.dated_key(a).cmp(&m.dated_key(b)));
    events
}

/// Derive every chain.
pub fn derive(m: &Model, links: &[Link], graph: &Graph) -> ChainSet {
    let mut set = ChainSet::default();
    // The links that may join another party's chain: from an actor to a
    // state (or one of its organs or office holders), made by claims none
    // of which attributes an event.
    let about_events: rustc_hash::FxHashSet<crate::model::ClaimId> = links
        .iter()
        .filter(|l| matches!(l.from, Node::Event(_)))
        .flat_map(|l| l.claims.iter().copied())
        .collect();
    let joins: Vec<bool> = links
        .iter()
        .map(|l| {
            matches!(l.from, Node::Actor(_))
                && !l.party.is_empty()
                && !l.claims.is_empty()
                && super::parties::state_of(m, l.to).is_some()
                && l.claims.iter().all(|c| !about_events.contains(c))
        })
        .collect();
    let mut steps = 0usize;
    for event in events_in_order(m) {
        let Some(&start) = graph.nodes.get(&Node::Event(event)) else {
            continue;
        };
        let before = set.chains.len();
        let steps_before = steps;
        let mut path_nodes = vec![start];
        let mut path_links = Vec::new();
        let mut cut = false;
        let mut too_deep = false;
        let mut search = Search {
            links,
            joins: &joins,
            graph,
            event,
            out: &mut set.chains,
            steps: &mut steps,
            first: before,
            cut: &mut cut,
            too_deep: &mut too_deep,
        };
        search.walk(start, None, None, &mut path_nodes, &mut path_links);
        if too_deep {
            set.notes.push(Note::TooDeep { event });
        }
        if cut {
            set.notes.push(Note::Cut {
                event,
                kept: set.chains.len() - before,
                steps: steps - steps_before,
            });
        }
        if steps >= MAX_STEPS {
            set.notes.push(Note::Stopped { event });
            break;
        }
    }
    set
}

/// The state of one event's search.
struct Search<'a> {
    links: &'a [Link],
    /// Per link: whether it may join another party's chain.
    joins: &'a [bool],
    graph: &'a Graph,
    event: EventId,
    out: &'a mut Vec<Chain>,
    steps: &'a mut usize,
    first: usize,
    cut: &'a mut bool,
    too_deep: &'a mut bool,
}

impl Search<'_> {
    /// Extend the path from `node`, following the links of `party` (fixed
    /// by the first link) and structural links; where `party`'s route ends
    /// at an actor, a joining link of another party continues it once
    /// (`joined`: the first party and where the joining links begin).
    fn walk(
        &mut self,
        node: NodeIndex,
        party: Option<&[ActorId]>,
        joined: Option<(&[ActorId], usize)>,
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
        let links = self.links;
        let mut next: Vec<(usize, NodeIndex)> = self
            .graph
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|e| !path_nodes.contains(&e.target()))
            .filter(|e| {
                let link = &links[*e.weight()];
                link.party.is_empty() || party.is_none_or(|p| p == link.party.as_slice())
            })
            .map(|e| (*e.weight(), e.target()))
            .collect();
        // Links are in canonical order: their index is the order.
        next.sort_unstable();
        if next.is_empty() {
            if path_links.is_empty() {
                return;
            }
            self.out
                .push(chain(self.links, self.event, party, joined, path_links));
            // The route ends here: another party's group-to-state claim
            // may take it on, once, when a party's own claims brought it.
            let Some(own) = party.filter(|_| joined.is_none()) else {
                return;
            };
            // Not a party that has its own way into the group: its own
            // chains already carry its view.
            let own_way_in = |party: &[ActorId]| {
                self.graph
                    .graph
                    .edges_directed(node, Direction::Incoming)
                    .any(|e| self.links[*e.weight()].party == party)
            };
            let mut joining: Vec<(usize, NodeIndex)> = self
                .graph
                .graph
                .edges_directed(node, Direction::Outgoing)
                .filter(|e| self.joins[*e.weight()] && !path_nodes.contains(&e.target()))
                .filter(|e| !own_way_in(&self.links[*e.weight()].party))
                .map(|e| (*e.weight(), e.target()))
                .collect();
            joining.sort_unstable();
            let at = path_links.len();
            for (link, target) in joining {
                let theirs = self.links[link].party.as_slice();
                path_nodes.push(target);
                path_links.push(link);
                self.walk(
                    target,
                    Some(theirs),
                    Some((own, at)),
                    path_nodes,
                    path_links,
                );
                path_links.pop();
                path_nodes.pop();
                if *self.cut {
                    return;
                }
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
            self.walk(target, party, joined, path_nodes, path_links);
            path_links.pop();
            path_nodes.pop();
            if *self.cut {
                return;
            }
        }
    }
}

fn chain(
    links: &[Link],
    event: EventId,
    party: Option<&[ActorId]>,
    joined: Option<(&[ActorId], usize)>,
    path: &[usize],
) -> Chain {
    let mut weakest = 0;
    for (i, l) in path.iter().enumerate() {
        if links[*l].support().value < links[path[weakest]].support().value {
            weakest = i;
        }
    }
    let last = *path.last().expect("a chain has a link");
    Chain {
        party: party.unwrap_or_default().to_vec(),
        via: joined.map_or_else(Vec::new, |(p, _)| p.to_vec()),
        joined: joined.map(|(_, at)| at),
        event,
        responsible: links[last].to,
        links: path.to_vec(),
        support: links[path[weakest]].support(),
        weakest,
    }
}
