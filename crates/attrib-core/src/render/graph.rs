//! `attrib graph`: the case as a picture, in Graphviz DOT or Mermaid.
//!
//! One picture model (nodes with a role, edges with a stroke) and one
//! writer per format. Both writers give the picture a title and a legend.
//!
//! - Chains are drawn as heavy edges, from the events on the left to the
//!   parties held responsible on the right, coloured by their support on
//!   record and dashed where a link is weak; the links of several claimants
//!   between the same two nodes with the same support are drawn as one
//!   edge that names them all.
//! - Actors are drawn by the part they play, by shape and border and in
//!   words, not by colour alone: the **accused** (the parties chains hold
//!   responsible or pass through), **victims** (the targets of an event),
//!   **claimants** and **endorsers** (who make another's attribution their
//!   own).
//! - Claims, evidence and responses hang off them in lighter strokes,
//!   unless `chains_only`.
//!
//! Filters ([`Options`]): only the chains from one event (or its parts),
//! only those one claimant asserts or endorses. The picture reads the
//! analysis (chains, links, assessments) and the resolution table; the
//! ids given to the filters are the only names looked up.

use crate::analysis::{Analysis, Level};
use crate::compile::Compilation;
use crate::model::{self as model, DeclKind, Model, Verb, ids};
use crate::suggest::nearest;
use crate::vocab::ActorKind;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only the attribution chains, their events and their parties (and
    /// the events' victims): no claims, evidence or responses.
    pub chains_only: bool,
    /// Only the chains from this event or from its parts (an id).
    pub event: Option<String>,
    /// Only the chains this actor asserts or endorses (an id).
    pub claimant: Option<String>,
}

/// The part a node plays in the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Event,
    /// Held responsible by a chain, or a step on one.
    Accused,
    /// The target of an event.
    Victim,
    /// Endorses another's attribution.
    Endorser,
    /// Makes a claim in the picture.
    Claimant,
    /// Any other actor (named in a response, say).
    Actor,
    Claim,
    Evidence,
    Response,
}

impl Role {
    fn word(self) -> &'static str {
        match self {
            Role::Event => "event",
            Role::Accused => "accused",
            Role::Victim => "victim",
            Role::Endorser => "endorser",
            Role::Claimant => "claimant",
            Role::Actor => "actor",
            Role::Claim => "claim",
            Role::Evidence => "evidence",
            Role::Response => "response",
        }
    }
}

struct Node {
    id: String,
    label: String,
    /// The roles it plays, the one it is drawn as first.
    roles: Vec<Role>,
    /// The actor's kind (`state` …), for the label.
    kind: Option<&'static str>,
}

impl Node {
    fn role(&self) -> Role {
        self.roles[0]
    }

    /// The roles of an actor, in words: "accused", "victim, claimant".
    fn role_words(&self) -> String {
        self.roles
            .iter()
            .map(|r| r.word())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stroke {
    /// A link on a chain, coloured by its support.
    Chain { support: Level, weak: bool },
    /// Event → its target.
    Target,
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
    subtitle: String,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

/// Break a label into lines of about `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// The declaration an id given on the command line names, if it is of
/// `kind`; else an error that says what it is, or what was meant.
fn named(c: &Compilation, id: &str, kind: DeclKind, flag: &str) -> Result<model::Node, String> {
    let m = &c.model;
    match c.symbols.lookup(id).and_then(|i| m.node_of(i)) {
        Some(n) if n.kind() == kind => Ok(n),
        Some(n) => Err(format!(
            "`{id}` is {}, not {}: {flag} takes the id of {}",
            n.kind().with_article(),
            kind.with_article(),
            kind.with_article()
        )),
        None => {
            let ids = m.nodes().filter(|n| n.kind() == kind).map(|n| m.name(n));
            Err(match nearest(id, ids) {
                Some(m) => format!(
                    "no {} `{id}` in this case; did you mean `{m}`?",
                    kind.keyword()
                ),
                None => format!("no {} `{id}` in this case", kind.keyword()),
            })
        }
    }
}

/// The chains the options select (indexes into the chain set).
fn selected(c: &Compilation, analysis: &Analysis, o: &Options) -> Result<Vec<usize>, String> {
    let mut keep: BTreeSet<usize> = (0..analysis.chains.chains.len()).collect();
    if let Some(id) = &o.event {
        let e = named(c, id, DeclKind::Event, "--event")?
            .event()
            .expect("an event");
        // The chains from the event and from its parts: those of its assessments.
        let of_event: BTreeSet<usize> = analysis
            .assessments
            .iter()
            .filter(|a| a.event == e)
            .flat_map(|a| a.chains.iter().copied())
            .chain(
                analysis
                    .chains
                    .chains
                    .iter()
                    .enumerate()
                    .filter(|(_, ch)| ch.event == e)
                    .map(|(k, _)| k),
            )
            .collect();
        keep.retain(|k| of_event.contains(k));
    }
    if let Some(id) = &o.claimant {
        let a = named(c, id, DeclKind::Actor, "--claimant")?
            .actor()
            .expect("an actor");
        keep.retain(|&k| {
            let chain = &analysis.chains.chains[k];
            chain.party.contains(&a)
                || chain.links.iter().any(|&l| {
                    analysis.links[l]
                        .endorsements
                        .iter()
                        .any(|&cl| analysis.current.party(cl).contains(&a))
                })
        });
    }
    Ok(keep.into_iter().collect())
}

fn kind_of(m: &Model, i: model::Node) -> Option<&'static str> {
    i.actor().and_then(|a| m.actors[a].kind).map(|k| k.word())
}

fn picture(c: &Compilation, o: &Options) -> Result<Picture, String> {
    let m = &c.model;
    let analysis = &c.analysis;
    let case_title = m
        .header()
        .map(|h| h.title.as_ref().map_or(&h.head.name, |t| &t.value).clone())
        .unwrap_or_else(|| c.case_id().unwrap_or("case").to_string());
    let mut filters: Vec<String> = Vec::new();
    if o.chains_only {
        filters.push("chains only".into());
    }
    if let Some(e) = &o.event {
        filters.push(format!("from event {e}"));
    }
    if let Some(a) = &o.claimant {
        filters.push(format!("asserted or endorsed by {a}"));
    }
    let mut used: BTreeSet<model::Node> = BTreeSet::new();
    let mut roles: BTreeMap<model::Node, BTreeSet<Role>> = BTreeMap::new();
    let mut edges = Vec::new();
    let id = |i: model::Node| m.name(i).to_string();
    if let Some(d) = &analysis.view.as_of {
        filters.push(format!("as of {d}"));
    }
    let chains = selected(c, analysis, o)?;
    let filtered = o.event.is_some() || o.claimant.is_some();
    let chain_events: BTreeSet<model::Node> = chains
        .iter()
        .map(|&k| analysis.chains.chains[k].event.into())
        .collect();

    // Chain links, once each; the links of several claimants between the
    // same two nodes with the same support and weakness are one edge.
    let links: BTreeSet<usize> = chains
        .iter()
        .flat_map(|&k| analysis.chains.chains[k].links.iter().copied())
        .collect();
    let mut merged: BTreeMap<(model::Node, model::Node, u8, bool), Vec<usize>> = BTreeMap::new();
    for &l in &links {
        let link = &analysis.links[l];
        let to = model::Node::Actor(link.to);
        used.insert(link.from);
        used.insert(to);
        roles.entry(to).or_default().insert(Role::Accused);
        merged
            .entry((
                link.from,
                to,
                link.support().value,
                !link.weaknesses.is_empty(),
            ))
            .or_default()
            .push(l);
    }
    for ((from, to, _, weak), group) in &merged {
        let first = &analysis.links[group[0]];
        let mut roles_words: BTreeSet<&str> = BTreeSet::new();
        let mut who: Vec<String> = Vec::new();
        let mut weaknesses: BTreeSet<&str> = BTreeSet::new();
        for &l in group {
            let link = &analysis.links[l];
            roles_words.extend(link.roles.iter().map(|r| r.word()));
            if link.roles.is_empty() {
                roles_words.insert(link.relation().word());
            }
            let party: Vec<String> = link.party.iter().map(|&p| id(p.into())).collect();
            if !party.is_empty() {
                who.push(party.join(" + "));
            }
            weaknesses.extend(link.weaknesses.iter().map(|w| w.word()));
        }
        // Narrow lines, so that labels widen the picture little: the roles,
        // who claims them, the support, then the weaknesses.
        let mut label = wrap(&roles_words.into_iter().collect::<Vec<_>>().join(", "), 14);
        if !who.is_empty() {
            label.push_str(&format!(
                "\n{}",
                wrap(&format!("by {}", who.join(", ")), 14)
            ));
        }
        label.push_str(&format!("\nsupport {}", first.support().value));
        if !weaknesses.is_empty() {
            label.push_str(&format!(
                "\n{}",
                wrap(&weaknesses.into_iter().collect::<Vec<_>>().join(", "), 14)
            ));
        }
        edges.push(Edge {
            from: id(*from),
            to: id(*to),
            label,
            stroke: Stroke::Chain {
                support: first.support().level,
                weak: *weak,
            },
        });
    }

    if !o.chains_only {
        // The claims to show: all of them, or those of the selected links.
        let claims: Vec<model::ClaimId> = if filtered {
            let mut set: BTreeSet<model::ClaimId> = BTreeSet::new();
            for &l in &links {
                let link = &analysis.links[l];
                set.extend(link.all_claims());
                set.extend(&link.denials);
                set.extend(&link.disputes);
                set.extend(&link.acknowledgements);
                set.extend(&link.endorsements);
            }
            set.into_iter().collect()
        } else {
            m.claims.ids().filter(|&i| analysis.view.claim(i)).collect()
        };
        let shown: BTreeSet<model::Node> = claims.iter().map(|&c| c.into()).collect();
        for &ci in &claims {
            let claim = &m.claims[ci];
            let i = model::Node::Claim(ci);
            used.insert(i);
            let endorses = claim.statements.iter().any(|s| s.verb == Verb::Endorses);
            for a in ids(&claim.by) {
                let a = model::Node::Actor(a);
                {
                    used.insert(a);
                    let r = roles.entry(a).or_default();
                    r.insert(Role::Claimant);
                    if endorses {
                        r.insert(Role::Endorser);
                    }
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
                let (verb, stroke) = match s.verb {
                    Verb::TakesResponsibility => ("claims", Stroke::Claim),
                    Verb::Denies | Verb::Disputes => (s.verb.keyword(), Stroke::Against),
                    other => (other.keyword(), Stroke::Claim),
                };
                // What it names; a location also points at the place.
                let place = s
                    .object
                    .filter(|_| s.verb == Verb::Locates)
                    .map(|o| model::Node::Actor(o.to));
                for j in s.targets.iter().map(|t| t.to).chain(place) {
                    {
                        // With a filter, claims point only at what is shown.
                        if filtered && j.kind() == DeclKind::Claim && !shown.contains(&j) {
                            continue;
                        }
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
        for (ei, e) in m
            .evidence
            .iter()
            .filter(|(i, _)| analysis.view.evidence(*i))
        {
            let grade = analysis.record.grades.get(&ei).map_or(0, |g| g.score);
            let i = model::Node::Evidence(ei);
            for (list, stroke, verb) in [
                (&e.supports, Stroke::Supports, "supports"),
                (&e.contradicts, Stroke::Against, "contradicts"),
            ] {
                for j in ids(list).map(model::Node::Claim) {
                    if shown.contains(&j) {
                        used.insert(i);
                        edges.push(Edge {
                            from: id(i),
                            to: id(j),
                            label: format!("{verb} · grade {grade}"),
                            stroke,
                        });
                    }
                }
            }
        }
        // With a filter, only the responses to what is shown: the events of
        // the chains drawn and the claims shown.
        let responses: Vec<(model::ResponseId, &model::Response)> = m
            .responses
            .iter()
            .filter(|(i, _)| analysis.view.response(*i))
            .filter(|(_, r)| {
                !filtered
                    || ids(&r.answers)
                        .any(|j: model::Node| shown.contains(&j) || chain_events.contains(&j))
            })
            .collect();
        // Who responded is drawn before any `against` edge is decided, so
        // that an edge to a responder never depends on the declarations'
        // order.
        for (_, r) in &responses {
            if let Some(b) = r.by {
                used.insert(model::Node::Actor(b.to));
            }
        }
        for &(ri, r) in &responses {
            let i = model::Node::Response(ri);
            let against: Vec<model::Node> = ids(&r.against).map(model::Node::Actor).collect();
            let answers: Vec<model::Node> = ids(&r.answers).collect();
            used.insert(i);
            if let Some(by) = r.by.map(|b| model::Node::Actor(b.to)) {
                used.insert(by);
                roles.entry(by).or_default().insert(Role::Actor);
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
            for j in against {
                if filtered && !used.contains(&j) {
                    continue;
                }
                used.insert(j);
                edges.push(Edge {
                    from: id(i),
                    to: id(j),
                    label: "against".into(),
                    stroke: Stroke::Response,
                });
            }
            for j in answers {
                if filtered && !shown.contains(&j) && !chain_events.contains(&j) {
                    continue;
                }
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

    // Victims: the targets of the events shown.
    let events: Vec<model::EventId> = used.iter().filter_map(|i| i.event()).collect();
    for ei in events {
        let e = model::Node::Event(ei);
        for v in ids(&m.events[ei].targets).map(model::Node::Actor) {
            {
                used.insert(v);
                roles.entry(v).or_default().insert(Role::Victim);
                // Drawn from the victim to the event, the arrow at the
                // victim: victims stand left of the events they suffered.
                edges.push(Edge {
                    from: id(v),
                    to: id(e),
                    label: "targeted".into(),
                    stroke: Stroke::Target,
                });
            }
        }
    }

    let mut nodes: Vec<Node> = used
        .into_iter()
        .map(|i| {
            let name = m.display_name(i);
            let (label, node_roles) = match i {
                model::Node::Event(_) => (wrap(name, 22), vec![Role::Event]),
                model::Node::Claim(_) => (id(i), vec![Role::Claim]),
                model::Node::Evidence(_) => (id(i), vec![Role::Evidence]),
                model::Node::Response(r) => (
                    format!(
                        "{}\n{}",
                        m.responses[r].kind.map_or("response", |k| k.word()),
                        m.name(i)
                    ),
                    vec![Role::Response],
                ),
                _ => {
                    let mut r: Vec<Role> = roles
                        .get(&i)
                        .map(|s| {
                            s.iter()
                                .copied()
                                .filter(|&x| x != Role::Actor || s.len() == 1)
                                .collect()
                        })
                        .unwrap_or_default();
                    if r.is_empty() {
                        r.push(Role::Actor);
                    }
                    (wrap(name, 20), r)
                }
            };
            Node {
                id: id(i),
                label,
                roles: node_roles,
                kind: kind_of(m, i),
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
    let subtitle = if filters.is_empty() {
        "attribution chains, claims, evidence and responses".to_string()
    } else {
        format!("attribution chains ({})", filters.join("; "))
    };
    Ok(Picture {
        title: case_title,
        subtitle,
        nodes,
        edges,
    })
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

/// Text inside a DOT string: `\` and `"` escaped, a line break as DOT's
/// `\n`; a control or bidirectional character (a NUL ends Graphviz's
/// string, and the file with it) and the `#` of a `##[` (a CI runner's
/// command) written as their escapes, whose backslash is doubled so that
/// Graphviz draws it (`\\u{0}` draws `\u{0}`).
fn dot_escape(s: &str) -> String {
    let commands = crate::chars::commands(s, false);
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if crate::chars::is_hidden(c) || commands.binary_search(&i).is_ok() => {
                let _ = write!(out, "\\\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text inside a DOT HTML-like label: a control or bidirectional character
/// (but line breaks) and the `#` of a `##[` written as their escapes (`\u{0}`: a NUL ends the
/// file for Graphviz), then the markup's characters as entities.
fn dot_html(s: &str) -> String {
    crate::chars::visible(s, true)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// How a node of each role is drawn in DOT: shape and style first (what
/// reads without colour), then the fill.
fn dot_style(role: Role, kind: Option<&str>) -> String {
    let state = kind == Some(ActorKind::State.word());
    let periph = if state { ", peripheries=2" } else { "" };
    match role {
        Role::Event => {
            "shape=box, style=\"rounded,filled\", fillcolor=\"#fff3c4\", color=\"#8a6d00\"".into()
        }
        Role::Accused => format!(
            "shape=box, style=\"filled,bold\", penwidth=3, fillcolor=\"#ffe1dc\", color=\"#9b1c1c\"{periph}"
        ),
        Role::Victim => {
            format!("shape=house, style=filled, fillcolor=\"#dbe7ff\", color=\"#1e4e8c\"{periph}")
        }
        Role::Endorser => format!(
            "shape=ellipse, style=\"dashed,filled\", fillcolor=\"#eef3ff\", color=\"#1e4e8c\"{periph}"
        ),
        Role::Claimant => {
            format!("shape=ellipse, style=filled, fillcolor=\"#eef3ff\", color=\"#1e4e8c\"{periph}")
        }
        Role::Actor => format!("shape=box{periph}"),
        Role::Claim => "shape=note, fontsize=13, color=\"#777777\"".into(),
        Role::Evidence => "shape=folder, fontsize=13, color=\"#777777\"".into(),
        Role::Response => "shape=hexagon, fontsize=13, style=filled, fillcolor=\"#e6f4ea\"".into(),
    }
}

/// The roles a legend names, in its order: the role, its shape in DOT, its
/// name, and what it means where the name alone does not say.
const LEGEND_ROLES: [(Role, &str, &str, Option<&str>); 8] = [
    (Role::Event, "rounded box", "event", None),
    (
        Role::Accused,
        "bold box",
        "accused",
        Some("held responsible, or a step on a chain"),
    ),
    (Role::Victim, "house", "victim", Some("an event's target")),
    (Role::Claimant, "ellipse", "claimant", None),
    (
        Role::Endorser,
        "dashed ellipse",
        "endorser",
        Some("makes another's attribution its own"),
    ),
    (Role::Claim, "note", "claim", None),
    (Role::Evidence, "folder", "evidence", None),
    (Role::Response, "hexagon", "response", None),
];

/// The Mermaid class (a `classDef`) that colours a role, if any does.
fn mermaid_class(role: Role) -> Option<&'static str> {
    match role {
        Role::Event => Some("event"),
        Role::Accused => Some("accused"),
        Role::Victim => Some("victim"),
        Role::Claimant => Some("claimant"),
        Role::Endorser => Some("endorser"),
        _ => None,
    }
}

/// Every role some node of the picture plays.
fn roles_present(p: &Picture) -> BTreeSet<Role> {
    p.nodes
        .iter()
        .flat_map(|n| n.roles.iter().copied())
        .collect()
}

/// The entries of [`LEGEND_ROLES`] for the roles drawn in the picture.
fn legend_roles(p: &Picture) -> impl Iterator<Item = (Role, &str, &str, Option<&str>)> {
    let present = roles_present(p);
    LEGEND_ROLES
        .into_iter()
        .filter(move |(role, ..)| present.contains(role))
}

/// The legend under the title, as a DOT HTML-like label: every role and
/// stroke in the picture, each named in words.
fn dot_legend(p: &Picture) -> String {
    let strokes: BTreeSet<Stroke> = p.edges.iter().map(|e| e.stroke).collect();
    let nodes: Vec<String> = legend_roles(p)
        .map(|(_, shape, name, detail)| match detail {
            Some(detail) => format!("{shape}: {name} ({detail})"),
            None => format!("{shape}: {name}"),
        })
        .collect();
    let mut lines: Vec<String> = vec![format!(
        "Nodes — {}; double border: a state.",
        nodes.join("; ")
    )];
    type Pred = fn(&Stroke) -> bool;
    let samples: [(Pred, &str, &str); 4] = [
        (
            |s| {
                matches!(
                    s,
                    Stroke::Chain {
                        support: Level::Strong | Level::Substantial,
                        ..
                    }
                )
            },
            "#1a7f37",
            "green: substantial or strong",
        ),
        (
            |s| {
                matches!(
                    s,
                    Stroke::Chain {
                        support: Level::Partial,
                        ..
                    }
                )
            },
            "#b7791f",
            "amber: partial",
        ),
        (
            |s| {
                matches!(
                    s,
                    Stroke::Chain {
                        support: Level::Slight | Level::NoEvidence,
                        ..
                    }
                )
            },
            "#c53030",
            "red: slight or no evidence",
        ),
        (
            |s| {
                matches!(
                    s,
                    Stroke::Chain {
                        support: Level::Declared,
                        ..
                    }
                )
            },
            "#555555",
            "grey: a relation declared in the case",
        ),
    ];
    let chain: Vec<String> = samples
        .iter()
        .filter(|(pred, _, _)| strokes.iter().any(pred))
        .map(|(_, colour, text)| format!("<font color=\"{colour}\"><b>{text}</b></font>"))
        .collect();
    if !chain.is_empty() {
        lines.push(
            "Heavy edges — chain links, labelled with the roles claimed, who claims them, and their support on record (0–100: attrib's figure for the evidence in the file, not a likelihood); dashed: a weak link, its weaknesses named."
                .to_string(),
        );
    }
    let mut light = Vec::new();
    if strokes.contains(&Stroke::Target) {
        light.push("thin solid: an event's target");
    }
    if strokes.contains(&Stroke::Claim) {
        light.push("dotted grey: claims");
    }
    if strokes.contains(&Stroke::Supports) {
        light.push("dotted green: evidence supporting a claim");
    }
    if strokes.contains(&Stroke::Against) {
        light.push("dotted red: denials, disputes, contradicting evidence");
    }
    if strokes.contains(&Stroke::Response) {
        light.push("dashed green: responses");
    }
    if !light.is_empty() {
        lines.push(format!("Light edges — {}.", light.join("; ")));
    }
    let mut out = String::from("<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">");
    let _ = write!(
        out,
        "<tr><td align=\"left\"><font point-size=\"28\"><b>{}</b></font></td></tr>",
        dot_html(&p.title)
    );
    let _ = write!(
        out,
        "<tr><td align=\"left\"><font point-size=\"20\">{}</font></td></tr>",
        dot_html(&p.subtitle)
    );
    for l in lines {
        let _ = write!(
            out,
            "<tr><td align=\"left\" balign=\"left\"><font point-size=\"16\">{}</font></td></tr>",
            dot_html(&wrap(&l, 140)).replace('\n', "<br/>")
        );
    }
    if !chain.is_empty() {
        let _ = write!(
            out,
            "<tr><td align=\"left\"><font point-size=\"16\">Colour of a chain link by its support on record: {}</font></td></tr>",
            chain.join(", ")
        );
    }
    out.push_str("</table>>");
    out
}

/// Graphviz DOT of the whole case.
pub fn dot(c: &Compilation) -> String {
    dot_with(c, &Options::default()).expect("no filter, no error")
}

/// Graphviz DOT, with filters. An error when a filter names no event or
/// actor of the case.
pub fn dot_with(c: &Compilation, o: &Options) -> Result<String, String> {
    let p = picture(c, o)?;
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&p.title));
    out.push_str("  rankdir=LR;\n  newrank=true;\n  nodesep=0.45;\n  ranksep=0.3;\n");
    let _ = writeln!(
        out,
        "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, label={}];",
        dot_legend(&p)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=18, margin=\"0.12,0.06\"];\n  edge [fontname=\"Helvetica\", fontsize=16];\n");
    for n in &p.nodes {
        let label = match n.role() {
            Role::Event | Role::Claim | Role::Evidence | Role::Response => n.label.clone(),
            _ => match n.kind {
                Some(k) if k.len() + n.role_words().len() > 16 => {
                    format!("{}\n{k}\n{}", n.label, n.role_words())
                }
                Some(k) => format!("{}\n{k} · {}", n.label, n.role_words()),
                None => format!("{}\n{}", n.label, n.role_words()),
            },
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", {}];",
            dot_escape(&n.id),
            dot_escape(&label),
            dot_style(n.role(), n.kind)
        );
    }
    // Events, and the victims drawn as victims, stand on the left.
    let events: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| matches!(n.role(), Role::Event | Role::Victim))
        .collect();
    if !events.is_empty() {
        let ids: Vec<String> = events
            .iter()
            .map(|n| format!("\"{}\"", dot_escape(&n.id)))
            .collect();
        let _ = writeln!(out, "  {{ rank=min; {}; }}", ids.join("; "));
    }
    for e in &p.edges {
        let style = match e.stroke {
            Stroke::Chain { support, weak } => format!(
                "color=\"{}\", fontcolor=\"{}\", penwidth=3, style={}, weight=10",
                colour(support),
                colour(support),
                if weak { "dashed" } else { "solid" }
            ),
            Stroke::Target => {
                "color=\"#1e4e8c\", fontcolor=\"#1e4e8c\", penwidth=1, dir=back, arrowtail=vee, arrowsize=0.7, weight=1".into()
            }
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
    Ok(out)
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

/// Text of the Mermaid front matter (YAML), in double quotes.
fn yaml_text(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' | '>' | '&' => {
                let _ = write!(out, "\\u{:04x}", ch as u32);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn mermaid_shape(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Event => ("([", "])"),
        Role::Accused => ("{{", "}}"),
        Role::Victim => ("[/", "\\]"),
        Role::Endorser => (">", "]"),
        Role::Claimant => ("(", ")"),
        Role::Actor => ("[", "]"),
        Role::Claim => ("[/", "/]"),
        Role::Evidence => ("[\\", "\\]"),
        Role::Response => ("[[", "]]"),
    }
}

/// A Mermaid flowchart of the whole case.
pub fn mermaid(c: &Compilation) -> String {
    mermaid_with(c, &Options::default()).expect("no filter, no error")
}

/// A Mermaid flowchart, with filters, a title (front matter) and a legend
/// (a subgraph of sample shapes, each named in words).
pub fn mermaid_with(c: &Compilation, o: &Options) -> Result<String, String> {
    let p = picture(c, o)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "---\ntitle: \"{} — {}\"\n---\nflowchart LR",
        yaml_text(&p.title),
        yaml_text(&p.subtitle)
    );
    for n in &p.nodes {
        let (open, close) = mermaid_shape(n.role());
        let label = match n.role() {
            Role::Event | Role::Claim | Role::Evidence | Role::Response => n.label.clone(),
            _ => format!(
                "{}\n{}{}",
                n.label,
                n.kind.map(|k| format!("{k} · ")).unwrap_or_default(),
                n.role_words()
            ),
        };
        let _ = writeln!(
            out,
            "  {}{open}\"{}\"{close}",
            mermaid_id(&n.id),
            mermaid_text(&label)
        );
    }
    let mut styles = Vec::new();
    for (k, e) in p.edges.iter().enumerate() {
        let arrow = match e.stroke {
            Stroke::Chain { weak: false, .. } => "==>",
            Stroke::Chain { weak: true, .. } => "-.->",
            Stroke::Target => "-->",
            _ => "-.->",
        };
        // Mermaid draws arrows forward only: an event points at its victim.
        let (from, to) = match e.stroke {
            Stroke::Target => (&e.to, &e.from),
            _ => (&e.from, &e.to),
        };
        let _ = writeln!(
            out,
            "  {} {arrow}|\"{}\"| {}",
            mermaid_id(from),
            mermaid_text(&e.label),
            mermaid_id(to)
        );
        if let Stroke::Chain { support, weak } = e.stroke {
            let dash = if weak { ",stroke-dasharray:6 4" } else { "" };
            styles.push(format!(
                "  linkStyle {k} stroke:{},stroke-width:3px{dash}",
                colour(support)
            ));
        }
    }
    // The legend: one sample node per role in the picture, named in words.
    out.push_str("  subgraph legend[\"Legend\"]\n    direction TB\n");
    for (role, _, name, detail) in legend_roles(&p) {
        let text = match detail {
            Some(detail) => format!("{name}: {detail}"),
            None => name.to_string(),
        };
        let (open, close) = mermaid_shape(role);
        let _ = writeln!(
            out,
            "    legend_{}{open}\"{}\"{close}",
            role.word(),
            mermaid_text(&text)
        );
    }
    let _ = writeln!(
        out,
        "    legend_edges[\"{}\"]",
        mermaid_text(
            "thick edge: a chain link, labelled with its support on record (0–100, attrib's, not a likelihood); green substantial or strong, amber partial, red slight or no evidence; dotted: a weak link"
        )
    );
    out.push_str("  end\n");
    for s in styles {
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(concat!(
        "  classDef event fill:#fff3c4,stroke:#8a6d00\n",
        "  classDef accused fill:#ffe1dc,stroke:#9b1c1c,stroke-width:3px\n",
        "  classDef victim fill:#dbe7ff,stroke:#1e4e8c\n",
        "  classDef claimant fill:#eef3ff,stroke:#1e4e8c\n",
        "  classDef endorser fill:#eef3ff,stroke:#1e4e8c,stroke-dasharray:4 3\n",
        "  classDef legend fill:#ffffff,stroke:#999999\n",
    ));
    for n in &p.nodes {
        if let Some(class) = mermaid_class(n.role()) {
            let _ = writeln!(out, "  class {} {class}", mermaid_id(&n.id));
        }
    }
    for role in roles_present(&p) {
        if let Some(class) = mermaid_class(role) {
            let _ = writeln!(out, "  class legend_{} {class}", role.word());
        }
    }
    out.push_str("  class legend_edges legend\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_carry_no_markup() {
        let t = mermaid_text("<script>alert(1)</script> <img src=x onerror=alert(1)> \"q\" & #1;");
        assert!(!t.contains('<') || t.matches('<').count() == t.matches("<br/>").count());
        assert!(!t.contains('>') || t.matches('>').count() == t.matches("<br/>").count());
        assert!(!t.contains('"'));
        assert!(t.contains("#60;script#62;"));
        assert_eq!(mermaid_text("a\nb"), "a<br/>b");
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap("one two three", 7), "one two\nthree");
        assert_eq!(wrap("unbreakable", 3), "unbreakable");
    }
}
