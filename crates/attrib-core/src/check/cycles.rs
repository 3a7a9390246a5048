//! Cycles where none can be: an actor that is (through others) part of
//! itself, a source that repeats itself, an event or response part of
//! itself, a claim that revises itself.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Model, Node};
use crate::span::Span;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;
use rustc_hash::FxHashMap as HashMap;

/// One edge of a relation: from, to, and the span of the reference.
struct Edge {
    from: Node,
    to: Node,
    span: Span,
}

pub(super) fn check(m: &Model, out: &mut Vec<Diagnostic>) {
    let edge = |from: Node, to: Node, span: Span| Edge { from, to, span };
    let mut structure = Vec::new();
    let mut repeats = Vec::new();
    let mut event_parts = Vec::new();
    let mut response_parts = Vec::new();
    let mut revisions = Vec::new();
    for node in m.nodes() {
        match node {
            Node::Actor(i) => {
                for r in &m.actors[i].relations {
                    structure.push(edge(node, r.target.to.into(), r.span));
                }
            }
            Node::Source(i) => {
                for r in &m.sources[i].repeats {
                    repeats.push(edge(node, r.to.into(), r.span));
                }
            }
            Node::Event(i) => {
                for p in &m.events[i].part_of {
                    event_parts.push(edge(node, p.to.into(), p.span));
                }
            }
            Node::Claim(i) => {
                if let Some(r) = m.claims[i].revises {
                    revisions.push(edge(node, r.to.into(), r.span));
                }
            }
            Node::Response(i) => {
                if let Some(p) = m.responses[i].part_of {
                    response_parts.push(edge(node, p.to.into(), p.span));
                }
            }
            _ => {}
        }
    }
    for (edges, relation, help) in [
        (
            &structure,
            "actor relations",
            "an actor cannot stand above itself: remove the relation that is wrong",
        ),
        (
            &repeats,
            "`repeats` between sources",
            "a source cannot repeat itself, even through others: remove the `repeats` that is wrong",
        ),
        (
            &event_parts,
            "`part of` between events",
            "an event cannot be part of itself, even through others: remove the `part of` that is wrong",
        ),
        (
            &response_parts,
            "`part of` between responses",
            "a response cannot be part of itself, even through others: remove the `part of` that is wrong",
        ),
        (
            &revisions,
            "`revises` between claims",
            "a claim revises an earlier one, never itself, even through others: remove the `revises` that is wrong",
        ),
    ] {
        report(m, edges, relation, help, out);
    }
}

fn report(m: &Model, edges: &[Edge], relation: &str, help: &str, out: &mut Vec<Diagnostic>) {
    if edges.is_empty() {
        return;
    }
    let mut graph: DiGraph<Node, usize> = DiGraph::new();
    let mut nodes = HashMap::default();
    for (k, e) in edges.iter().enumerate() {
        let a = *nodes
            .entry(e.from)
            .or_insert_with(|| graph.add_node(e.from));
        let b = *nodes.entry(e.to).or_insert_with(|| graph.add_node(e.to));
        graph.add_edge(a, b, k);
    }
    // Kosaraju's algorithm walks the graph without recursion: a long chain of
    // relations cannot overflow the stack.
    let mut cycles: Vec<Vec<Node>> = kosaraju_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let mut members: Vec<Node> = scc.iter().map(|n| graph[*n]).collect();
            members.sort_unstable();
            members
        })
        .collect();
    cycles.sort();
    // Which cycle each node is in, then each edge to its cycle: one pass.
    let mut cycle_of: HashMap<Node, usize> = HashMap::default();
    for (c, members) in cycles.iter().enumerate() {
        for &n in members {
            cycle_of.insert(n, c);
        }
    }
    let mut inside: Vec<Vec<&Edge>> = vec![Vec::new(); cycles.len()];
    for e in edges {
        if let (Some(a), Some(b)) = (cycle_of.get(&e.from), cycle_of.get(&e.to))
            && a == b
        {
            inside[*a].push(e);
        }
    }
    for (members, mut inside) in cycles.into_iter().zip(inside) {
        inside.sort_by_key(|e| e.span);
        let names: Vec<String> = members
            .iter()
            .map(|&n| format!("`{}`", m.name(n)))
            .collect();
        let message = if members.len() == 1 {
            format!("{relation} form a cycle: {} refers to itself", names[0])
        } else {
            format!("{relation} form a cycle through {}", names.join(", "))
        };
        let mut d = Diagnostic::new(Code::Cycle, message);
        for (k, e) in inside.iter().enumerate() {
            let text = format!(
                "`{}` → `{}`{}",
                m.name(e.from),
                m.name(e.to),
                if k == 0 {
                    ": the cycle starts here"
                } else {
                    ""
                }
            );
            d = d.label(e.span, text);
        }
        out.push(d.help(help.to_string()));
    }
}
