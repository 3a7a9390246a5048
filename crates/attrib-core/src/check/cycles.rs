//! Cycles where none can be: an actor that is (through others) part of
//! itself, a source that repeats itself, an event or response part of
//! itself, a claim that revises itself.

use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::Symbols;
use crate::resolve::lookup;
use crate::span::Span;
use crate::syntax::ast::*;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;
use rustc_hash::FxHashMap as HashMap;

/// One edge of a relation: from, to, and the span of the reference.
struct Edge {
    from: usize,
    to: usize,
    span: Span,
}

pub(super) fn check(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    let mut structure = Vec::new();
    let mut repeats = Vec::new();
    let mut event_parts = Vec::new();
    let mut response_parts = Vec::new();
    let mut revisions = Vec::new();
    for (i, decl) in file.decls.iter().enumerate() {
        match decl {
            Decl::Actor(a) => {
                for r in &a.relations {
                    if let Some(to) = lookup(file, symbols, &r.target, DeclKind::Actor) {
                        structure.push(Edge {
                            from: i,
                            to,
                            span: r.span,
                        });
                    }
                }
            }
            Decl::Source(s) => {
                for r in &s.repeats {
                    if let Some(to) = lookup(file, symbols, r, DeclKind::Source) {
                        repeats.push(Edge {
                            from: i,
                            to,
                            span: r.span,
                        });
                    }
                }
            }
            Decl::Event(e) => {
                for p in &e.part_of {
                    if let Some(to) = lookup(file, symbols, p, DeclKind::Event) {
                        event_parts.push(Edge {
                            from: i,
                            to,
                            span: p.span,
                        });
                    }
                }
            }
            Decl::Claim(c) => {
                if let Some(r) = &c.revises
                    && let Some(to) = lookup(file, symbols, r, DeclKind::Claim)
                {
                    revisions.push(Edge {
                        from: i,
                        to,
                        span: r.span,
                    });
                }
            }
            Decl::Response(r) => {
                if let Some(p) = &r.part_of
                    && let Some(to) = lookup(file, symbols, p, DeclKind::Response)
                {
                    response_parts.push(Edge {
                        from: i,
                        to,
                        span: p.span,
                    });
                }
            }
            _ => {}
        }
    }
    report(
        file,
        &structure,
        "actor relations",
        "an actor cannot stand above itself: remove the relation that is wrong",
        out,
    );
    report(
        file,
        &repeats,
        "`repeats` between sources",
        "a source cannot repeat itself, even through others: remove the `repeats` that is wrong",
        out,
    );
    report(
        file,
        &event_parts,
        "`part of` between events",
        "an event cannot be part of itself, even through others: remove the `part of` that is wrong",
        out,
    );
    report(
        file,
        &response_parts,
        "`part of` between responses",
        "a response cannot be part of itself, even through others: remove the `part of` that is wrong",
        out,
    );
    report(
        file,
        &revisions,
        "`revises` between claims",
        "a claim revises an earlier one, never itself, even through others: remove the `revises` that is wrong",
        out,
    );
}

fn report(file: &File, edges: &[Edge], relation: &str, help: &str, out: &mut Vec<Diagnostic>) {
    if edges.is_empty() {
        return;
    }
    let mut graph: DiGraph<usize, usize> = DiGraph::new();
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
    let mut cycles: Vec<Vec<usize>> = kosaraju_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
            members.sort_unstable();
            members
        })
        .collect();
    cycles.sort();
    // Which cycle each node is in, then each edge to its cycle: one pass.
    let mut cycle_of: HashMap<usize, usize> = HashMap::default();
    for (c, members) in cycles.iter().enumerate() {
        for &m in members {
            cycle_of.insert(m, c);
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
            .map(|m| format!("`{}`", file.decls[*m].id().value))
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
                file.decls[e.from].id().value,
                file.decls[e.to].id().value,
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
