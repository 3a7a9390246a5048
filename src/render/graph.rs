//! `attrib graph`: the case as a picture, in Graphviz DOT or Mermaid.
//!
//! One picture model (nodes and edges with a style) and one writer per
//! format. Chains are drawn as heavy edges coloured by their support on record, from
//! the events on the left to the states on the right; claims, evidence and
//! responses hang off them in lighter strokes.

use crate::analysis::Level;
use crate::compile::Compilation;
use crate::resolve::lookup;
use crate::syntax::ast::*;
use crate::vocab::ActorKind;
use std::collections::BTreeSet;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Event,
    State,
    Organ,
    Group,
    Persona,
    Other,
    Claim,
    Evidence,
    Response,
}

struct Node {
    id: String,
    label: String,
    shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stroke {
    /// A link on a chain, coloured by its support.
    Chain { support: Level, weak: bool },
    /// Claimant → claim, claim → what it is about.
    Claim,
    /// Evidence → the claim it supports.
    Supports,
    /// Evidence → the claim it contradicts; a denial → the claim denied.
    Against,
    /// Responder → response → target.
    Response,
}

struct Edge {
    from: String,
    to: String,
    label: String,
    stroke: Stroke,
}

struct Picture {
    title: String,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

fn shape_of(file: &File, i: usize) -> Shape {
    match &file.decls[i] {
        Decl::Event(_) => Shape::Event,
        Decl::Claim(_) => Shape::Claim,
        Decl::Evidence(_) => Shape::Evidence,
        Decl::Response(_) => Shape::Response,
        Decl::Actor(a) => match a.kind.as_ref().map(|k| k.value) {
            Some(ActorKind::State) => Shape::State,
            Some(ActorKind::StateOrgan) => Shape::Organ,
            Some(ActorKind::ThreatGroup) => Shape::Group,
            Some(ActorKind::Persona) => Shape::Persona,
            _ => Shape::Other,
        },
        _ => Shape::Other,
    }
}

fn picture(c: &Compilation) -> Picture {
    let file = &c.file;
    let title = c.case_id().unwrap_or("case").to_string();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut edges = Vec::new();
    let id = |i: usize| file.decls[i].id().value.clone();
    if let (Some(symbols), Some(analysis)) = (&c.symbols, &c.analysis) {
        // Chain links, once each.
        let mut drawn = BTreeSet::new();
        for chain in &analysis.chains.chains {
            for &l in &chain.links {
                if !drawn.insert(l) {
                    continue;
                }
                let link = &analysis.links[l];
                used.insert(link.from);
                used.insert(link.to);
                let who: Vec<String> = link.party.iter().map(|&p| id(p)).collect();
                let mut label = match link.roles.iter().map(|r| r.word()).collect::<Vec<_>>() {
                    roles if roles.is_empty() => link.relation().word().to_string(),
                    roles => roles.join(", "),
                };
                if !who.is_empty() {
                    label.push_str(&format!(" (by {})", who.join(", ")));
                }
                label.push_str(&format!(" · support {}", link.support().value));
                if !link.weaknesses.is_empty() {
                    let w: Vec<&str> = link.weaknesses.iter().map(|w| w.word()).collect();
                    label.push_str(&format!("\n{}", w.join(", ")));
                }
                edges.push(Edge {
                    from: id(link.from),
                    to: id(link.to),
                    label,
                    stroke: Stroke::Chain {
                        support: link.support().level,
                        weak: !link.weaknesses.is_empty(),
                    },
                });
            }
        }
        // Claims, their claimants and what they are about.
        for i in file.indexes(DeclKind::Claim) {
            let claim = file.claim(i).expect("claim index");
            used.insert(i);
            for b in &claim.by {
                if let Some(a) = lookup(file, symbols, b, DeclKind::Actor) {
                    used.insert(a);
                    edges.push(Edge {
                        from: id(a),
                        to: id(i),
                        label: claim
                            .date
                            .as_ref()
                            .map(|d| d.value.to_string())
                            .unwrap_or_default(),
                        stroke: Stroke::Claim,
                    });
                }
            }
            for s in &claim.statements {
                let (targets, verb, stroke): (Vec<&Ident>, &str, Stroke) = match s {
                    Statement::Attributes { subject, .. } => {
                        (vec![subject], "attributes", Stroke::Claim)
                    }
                    Statement::Responsibility { events, .. } => {
                        (events.iter().collect(), "claims", Stroke::Claim)
                    }
                    Statement::Denies { claims, .. } => {
                        (claims.iter().collect(), "denies", Stroke::Against)
                    }
                    Statement::Condemns { targets, .. } => {
                        (targets.iter().collect(), "condemns", Stroke::Claim)
                    }
                    Statement::Acknowledges { claims, .. } => {
                        (claims.iter().collect(), "acknowledges", Stroke::Claim)
                    }
                    Statement::Endorses { claims, .. } => {
                        (claims.iter().collect(), "endorses", Stroke::Claim)
                    }
                    Statement::Assesses { targets, .. } => {
                        (targets.iter().collect(), "assesses", Stroke::Claim)
                    }
                    Statement::Locates { events, place, .. } => (
                        events.iter().chain([place]).collect(),
                        "locates",
                        Stroke::Claim,
                    ),
                    Statement::Disputes { claims, .. } => {
                        (claims.iter().collect(), "disputes", Stroke::Against)
                    }
                };
                for t in targets {
                    if let Some(j) = symbols.target(t) {
                        used.insert(j);
                        edges.push(Edge {
                            from: id(i),
                            to: id(j),
                            label: verb.to_string(),
                            stroke,
                        });
                    }
                }
            }
        }
        for i in file.indexes(DeclKind::Evidence) {
            let e = file.evidence(i).expect("evidence index");
            let grade = analysis.record.grades.get(&i).map_or(0, |g| g.score);
            for (list, stroke, verb) in [
                (&e.supports, Stroke::Supports, "supports"),
                (&e.contradicts, Stroke::Against, "contradicts"),
            ] {
                for t in list {
                    if let Some(j) = lookup(file, symbols, t, DeclKind::Claim) {
                        used.insert(i);
                        edges.push(Edge {
                            from: id(i),
                            to: id(j),
                            label: format!("{verb} · {grade}"),
                            stroke,
                        });
                    }
                }
            }
        }
        for i in file.indexes(DeclKind::Response) {
            let r = file.response(i).expect("response index");
            used.insert(i);
            if let Some(by) =
                r.by.as_ref()
                    .and_then(|b| lookup(file, symbols, b, DeclKind::Actor))
            {
                used.insert(by);
                edges.push(Edge {
                    from: id(by),
                    to: id(i),
                    label: r
                        .date
                        .as_ref()
                        .map(|d| d.value.to_string())
                        .unwrap_or_default(),
                    stroke: Stroke::Response,
                });
            }
            for t in &r.against {
                if let Some(j) = lookup(file, symbols, t, DeclKind::Actor) {
                    used.insert(j);
                    edges.push(Edge {
                        from: id(i),
                        to: id(j),
                        label: "against".into(),
                        stroke: Stroke::Response,
                    });
                }
            }
            for t in &r.answers {
                if let Some(j) = symbols.target(t) {
                    used.insert(j);
                    edges.push(Edge {
                        from: id(i),
                        to: id(j),
                        label: "answers".into(),
                        stroke: Stroke::Response,
                    });
                }
            }
        }
    }
    let mut nodes: Vec<Node> = used
        .into_iter()
        .map(|i| {
            let shape = shape_of(file, i);
            let name = file.display_name(i);
            let label = match &file.decls[i] {
                Decl::Response(r) => format!(
                    "{}\n{}",
                    r.kind.as_ref().map_or("response", |k| k.value.word()),
                    r.head.id.value
                ),
                Decl::Claim(_) | Decl::Evidence(_) => file.decls[i].id().value.clone(),
                _ => name.to_string(),
            };
            Node {
                id: id(i),
                label,
                shape,
            }
        })
        .collect();
    // Declarations may come in any order: the picture is in id order.
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    edges.sort_by(|a, b| {
        let key = |e: &Edge| {
            (
                !matches!(e.stroke, Stroke::Chain { .. }),
                e.from.clone(),
                e.to.clone(),
                e.label.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    edges.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.label == b.label);
    Picture {
        title,
        nodes,
        edges,
    }
}

/// Edge colour by support level: green strong or substantial, amber
/// partial, red slight or no evidence; structural relations grey.
fn colour(level: Level) -> &'static str {
    match level {
        Level::Strong | Level::Substantial => "#1a7f37",
        Level::Partial => "#b7791f",
        Level::Declared => "#555555",
        Level::Slight | Level::NoEvidence => "#c53030",
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Graphviz DOT.
pub fn dot(c: &Compilation) -> String {
    let p = picture(c);
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&p.title));
    out.push_str("  rankdir=LR;\n  newrank=true;\n");
    out.push_str("  graph [fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\"");
    out.push_str(&dot_escape(&format!(
        "{} — attribution chains (edge colour: support on record; dashed: weak link)",
        p.title
    )));
    out.push_str("\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n");
    for n in &p.nodes {
        let style = match n.shape {
            Shape::Event => "shape=box, style=\"rounded,filled\", fillcolor=\"#fff3c4\"",
            Shape::State => "shape=box, peripheries=2, style=filled, fillcolor=\"#dbe7ff\"",
            Shape::Organ => "shape=box, style=filled, fillcolor=\"#eef3ff\"",
            Shape::Group => "shape=box, style=filled, fillcolor=\"#ffe3e3\"",
            Shape::Persona => "shape=box, style=\"dashed,filled\", fillcolor=\"#fff0f0\"",
            Shape::Other => "shape=box",
            Shape::Claim => "shape=note, fontsize=8, color=\"#777777\"",
            Shape::Evidence => "shape=folder, fontsize=8, color=\"#777777\"",
            Shape::Response => "shape=hexagon, fontsize=8, style=filled, fillcolor=\"#e6f4ea\"",
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", {style}];",
            dot_escape(&n.id),
            dot_escape(&n.label)
        );
    }
    let events: Vec<&Node> = p.nodes.iter().filter(|n| n.shape == Shape::Event).collect();
    if !events.is_empty() {
        let ids: Vec<String> = events
            .iter()
            .map(|n| format!("\"{}\"", dot_escape(&n.id)))
            .collect();
        let _ = writeln!(out, "  {{ rank=min; {}; }}", ids.join("; "));
    }
    let states: Vec<&Node> = p.nodes.iter().filter(|n| n.shape == Shape::State).collect();
    if !states.is_empty() {
        let ids: Vec<String> = states
            .iter()
            .map(|n| format!("\"{}\"", dot_escape(&n.id)))
            .collect();
        let _ = writeln!(out, "  {{ rank=max; {}; }}", ids.join("; "));
    }
    for e in &p.edges {
        let style = match e.stroke {
            Stroke::Chain { support, weak } => format!(
                "color=\"{}\", fontcolor=\"{}\", penwidth=3, style={}, weight=10",
                colour(support),
                colour(support),
                if weak { "dashed" } else { "solid" }
            ),
            Stroke::Claim => {
                "color=\"#999999\", fontcolor=\"#777777\", style=dotted, arrowsize=0.6, weight=0"
                    .into()
            }
            Stroke::Supports => {
                "color=\"#1a7f37\", fontcolor=\"#1a7f37\", style=dotted, arrowsize=0.6, weight=0"
                    .into()
            }
            Stroke::Against => {
                "color=\"#c53030\", fontcolor=\"#c53030\", style=dotted, arrowsize=0.6, weight=0"
                    .into()
            }
            Stroke::Response => {
                "color=\"#2f855a\", fontcolor=\"#2f855a\", style=dashed, arrowsize=0.6, weight=0"
                    .into()
            }
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", {style}];",
            dot_escape(&e.from),
            dot_escape(&e.to),
            dot_escape(&e.label)
        );
    }
    out.push_str("}\n");
    out
}

/// A Mermaid node id: letters and digits only.
fn mermaid_id(id: &str) -> String {
    let mut out = String::from("n_");
    for ch in id.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else {
            let _ = write!(out, "_{:x}_", ch as u32);
        }
    }
    out
}

/// A Mermaid label: Mermaid renders labels as HTML, so every character that
/// could open markup, an entity or Mermaid's own syntax (`<`, `>`, `&`,
/// `"`, `#`, quotes, brackets, `|`, backticks) and every control character
/// is written as an entity code (`#60;`); a line break is `<br/>`.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("<br/>"),
            '<' | '>' | '&' | '"' | '\'' | '#' | '`' | '|' | '[' | ']' | '{' | '}' | '(' | ')'
            | '\\' | ';' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() || crate::check::characters::reorders(c) => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid flowchart.
pub fn mermaid(c: &Compilation) -> String {
    let p = picture(c);
    let mut out = String::from("flowchart LR\n");
    for n in &p.nodes {
        let (open, close) = match n.shape {
            Shape::Event => ("([", "])"),
            Shape::State => ("[[", "]]"),
            Shape::Claim | Shape::Evidence => ("[/", "/]"),
            Shape::Response => ("{{", "}}"),
            _ => ("[", "]"),
        };
        let _ = writeln!(
            out,
            "  {}{open}\"{}\"{close}",
            mermaid_id(&n.id),
            mermaid_text(&n.label)
        );
    }
    let mut styles = Vec::new();
    for (k, e) in p.edges.iter().enumerate() {
        let arrow = match e.stroke {
            Stroke::Chain { .. } => "==>",
            Stroke::Response => "-.->",
            _ => "-.->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow}|\"{}\"| {}",
            mermaid_id(&e.from),
            mermaid_text(&e.label),
            mermaid_id(&e.to)
        );
        if let Stroke::Chain { support, weak } = e.stroke {
            let dash = if weak { ",stroke-dasharray:6 4" } else { "" };
            styles.push(format!(
                "  linkStyle {k} stroke:{},stroke-width:3px{dash}",
                colour(support)
            ));
        }
    }
    for s in styles {
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str("  classDef event fill:#fff3c4,stroke:#b7791f\n  classDef state fill:#dbe7ff,stroke:#2b6cb0\n");
    for n in &p.nodes {
        match n.shape {
            Shape::Event => {
                let _ = writeln!(out, "  class {} event", mermaid_id(&n.id));
            }
            Shape::State => {
                let _ = writeln!(out, "  class {} state", mermaid_id(&n.id));
            }
            _ => {}
        }
    }
    out
}
