//! What an editor asks of a case file, answered from the compiled document:
//! where an id is declared and used, what it is, what may be written at the
//! cursor, the outline, renames, quick fixes, the tokens to colour.
//!
//! Everything here is a pure function of the text and its `Compilation`
//! (byte offsets in, byte spans out); the language server (`attrib lsp`,
//! in the binary) turns them into the protocol's UTF-16 positions. Nothing
//! here looks ids up by name when the resolution table already holds the
//! answer, and nothing re-runs the analysis.

mod complete;
pub mod position;
mod tokens;

pub use complete::{Completion, CompletionKind, completions};
pub use tokens::{TokenKind, semantic_tokens};

use crate::analysis::Analysis;
use crate::compile::Compilation;
use crate::diagnostics::Code;
use crate::model::{Model, Node};
use crate::render::words;
use crate::resolve;
use crate::span::Span;
use crate::syntax::ast::*;

/// An id under the cursor: where it is, and the declaration it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The id as written at the cursor.
    pub span: Span,
    /// The declaration it names (or declares), if any.
    pub decl: Option<usize>,
    /// Whether the cursor is on the declaration's own id.
    pub is_declaration: bool,
}

/// The declaration whose text contains `offset`, if any.
fn decl_at(file: &File, offset: usize) -> Option<usize> {
    // Declarations are in source order: the last one starting at or before
    // the offset is the only one that can contain it.
    let k = file
        .decls
        .partition_point(|d| d.head().span.start <= offset);
    let i = k.checked_sub(1)?;
    let span = file.decls[i].head().span;
    (offset <= span.end).then_some(i)
}

/// The id at `offset`: a declaration's own id or a reference.
pub fn target_at(c: &Compilation, offset: usize) -> Option<Target> {
    let file = &c.file;
    let i = decl_at(file, offset)?;
    let decl = &file.decls[i];
    let id = decl.id();
    if id.span.start <= offset && offset <= id.span.end {
        return Some(Target {
            span: id.span,
            decl: Some(i),
            is_declaration: true,
        });
    }
    let r = resolve::references(decl)
        .into_iter()
        .find(|r| r.ident.span.start <= offset && offset <= r.ident.span.end)?;
    // What the reference resolved to; a reference of the wrong kind still
    // leads to the declaration of that name.
    let named = c
        .symbols
        .target(r.ident)
        .or_else(|| c.symbols.lookup(&r.ident.value));
    Some(Target {
        span: r.ident.span,
        decl: named,
        is_declaration: false,
    })
}

/// Where the id at `offset` is declared.
pub fn definition(c: &Compilation, offset: usize) -> Option<Span> {
    let t = target_at(c, offset)?;
    t.decl.map(|d| c.file.decls[d].id().span)
}

/// Every place the declaration named at `offset` is referred to (and its
/// own id, when asked), in source order.
pub fn references(c: &Compilation, offset: usize, include_declaration: bool) -> Vec<Span> {
    let Some(decl) = target_at(c, offset).and_then(|t| t.decl) else {
        return Vec::new();
    };
    references_of(c, decl, include_declaration)
}

fn references_of(c: &Compilation, decl: usize, include_declaration: bool) -> Vec<Span> {
    let file = &c.file;
    let name = &file.decls[decl].id().value;
    let mut out = Vec::new();
    if include_declaration {
        out.push(file.decls[decl].id().span);
    }
    for d in &file.decls {
        for r in resolve::references(d) {
            let named = c
                .symbols
                .target(r.ident)
                .map_or(r.ident.value == *name, |t| t == decl);
            if named {
                out.push(r.ident.span);
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Whether a text is a valid id: what the grammar's `id` reads, whole (a
/// letter or `_`, then letters, digits, marks, `-` and `_`).
pub fn is_id(text: &str) -> bool {
    use pest::Parser;
    crate::grammar::AttribParser::parse(crate::grammar::Rule::id, text).is_ok_and(|mut pairs| {
        pairs
            .next()
            .is_some_and(|id| id.as_str().len() == text.len())
    })
}

/// The edits that rename the declaration named at `offset` to `new`: its id
/// and every reference. Refused when `new` is not an id or already names a
/// declaration.
pub fn rename(c: &Compilation, offset: usize, new: &str) -> Result<Vec<(Span, String)>, String> {
    let decl = target_at(c, offset)
        .and_then(|t| t.decl)
        .ok_or("there is no declared id here to rename")?;
    if !is_id(new) {
        return Err(format!(
            "`{new}` is not an id: an id starts with a letter or `_` and goes on with letters, digits, `-` and `_`"
        ));
    }
    if c.file.decls[decl].id().value == new {
        return Ok(Vec::new());
    }
    if c.file.decls.iter().any(|d| d.id().value == new) {
        return Err(format!("`{new}` already names a declaration in this file"));
    }
    Ok(references_of(c, decl, true)
        .into_iter()
        .map(|s| (s, new.to_string()))
        .collect())
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub decl: usize,
    pub kind: DeclKind,
    pub id: String,
    /// The display name (an actor's name, an event's title …).
    pub detail: String,
    pub span: Span,
    pub id_span: Span,
}

/// The outline: declarations grouped by kind, in the reference's order of
/// kinds, each group in source order.
pub fn outline(c: &Compilation) -> Vec<(DeclKind, Vec<Symbol>)> {
    let mut out: Vec<(DeclKind, Vec<Symbol>)> = Vec::new();
    let m = &c.model;
    for kind in crate::language::DECLARATIONS {
        let symbols: Vec<Symbol> = m
            .nodes()
            .filter(|n| n.kind() == kind)
            .map(|n| {
                let head = m.head(n);
                Symbol {
                    decl: head.decl,
                    kind,
                    id: head.name.clone(),
                    detail: m.display_name(n).to_string(),
                    span: head.span,
                    id_span: head.name_span,
                }
            })
            .collect();
        if !symbols.is_empty() {
            out.push((kind, symbols));
        }
    }
    out
}

/// Text of the case inside Markdown, shown as it is written: every ASCII
/// punctuation character backslash-escaped (CommonMark lets any be), so no
/// link, image, HTML, emphasis, heading or list can start in it, and no
/// bare address or e-mail is turned into a link; control and bidirectional
/// characters written as their escapes (`\u{1b}`).
pub fn markdown_text(text: &str) -> String {
    let shown = crate::chars::visible(text, true);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What the id at `offset` is, in Markdown: its kind, name and summary; on
/// an actor, event or claim, the assessments and chains it takes part in,
/// with their support. Every text the case holds is escaped
/// ([`markdown_text`]); ids and the language's words need no escaping.
pub fn hover(c: &Compilation, offset: usize) -> Option<(Span, String)> {
    if let Some(rating) = rating_at(c, offset) {
        return Some(rating);
    }
    let t = target_at(c, offset)?;
    let Some(i) = t.decl else {
        let name = c
            .file
            .decls
            .iter()
            .flat_map(resolve::references)
            .find(|r| r.ident.span == t.span)
            .map(|r| r.ident.value.clone())
            .unwrap_or_default();
        return Some((t.span, format!("`{name}` is not declared in this file")));
    };
    let m = &c.model;
    let node = m.node_of(i)?;
    let id = m.name(node);
    let mut md = format!("**{}** `{id}`", node.kind().keyword());
    let name = m.display_name(node);
    if name != id {
        md.push_str(&format!(" — {}", markdown_text(name)));
    }
    if let Node::Actor(a) = node
        && let Some(k) = m.actors[a].kind
    {
        md.push_str(&format!(" ({})", k.word()));
    }
    if let Some(s) = &m.head(node).summary {
        md.push_str(&format!("\n\n{}", markdown_text(&s.value)));
    }
    if let Node::Claim(claim) = node {
        let cl = &m.claims[claim];
        let by: Vec<&str> = cl.by.iter().map(|b| m.name(b.to)).collect();
        md.push_str(&format!("\n\nby {}", by.join(", ")));
        if let Some(d) = &cl.date {
            md.push_str(&format!(", {}", d.value));
        }
        if let Some(s) = &cl.confidence {
            md.push_str(&format!(
                "; they stated `{}`{}",
                s.term.value.word(),
                s.words
                    .as_ref()
                    .map(|w| format!(" \"{}\"", markdown_text(&w.value)))
                    .unwrap_or_default()
            ));
        }
    }
    md.push_str(&takes_part(m, &c.analysis, node));
    Some((t.span, md))
}

/// A hover on the rating word of a `rated` line: the rating, the
/// hypotheses it names and its reason (escaped).
fn rating_at(c: &Compilation, offset: usize) -> Option<(Span, String)> {
    let m = &c.model;
    for e in m.evidence.values() {
        for r in &e.ratings {
            let span = r.rating.span;
            if span.start <= offset && offset <= span.end {
                let named: Vec<String> = r
                    .hypotheses
                    .iter()
                    .map(|h| format!("`{}`", m.name(h.to)))
                    .collect();
                let md = format!(
                    "**rated** `{}` ({}) with {}\n\n{}",
                    r.rating.value.word(),
                    r.rating.value.mark(),
                    named.join(", "),
                    markdown_text(&r.reason.value)
                );
                return Some((span, md));
            }
        }
    }
    None
}

/// The assessments and chains a declaration takes part in, as Markdown lines.
fn takes_part(m: &Model, a: &Analysis, i: Node) -> String {
    let id = |k: Node| m.name(k);
    let mut lines = Vec::new();
    for x in &a.assessments {
        let attributes = x.attributors.iter().any(|at| Node::Actor(at.actor) == i)
            || x.attributors
                .iter()
                .any(|at| at.claims.iter().any(|&c| Node::Claim(c) == i));
        if Node::Event(x.event) == i || Node::Actor(x.responsible) == i || attributes {
            lines.push(format!(
                "- `{}` → `{}`: {} state{}, support on record {}",
                id(x.event.into()),
                id(x.responsible.into()),
                x.states.len(),
                if x.states.len() == 1 { "" } else { "s" },
                words::support(x.support())
            ));
        }
    }
    let mut chains = Vec::new();
    for (k, ch) in a.chains.chains.iter().enumerate() {
        let on = Node::Event(ch.event) == i
            || ch.party.iter().any(|&p| Node::Actor(p) == i)
            || ch.links.iter().any(|&l| {
                let link = &a.links[l];
                Node::Actor(link.to) == i
                    || link.from == i
                    || link.all_claims().iter().any(|&c| Node::Claim(c) == i)
            });
        if on {
            let route: Vec<&str> = std::iter::once(id(ch.event.into()))
                .chain(ch.links.iter().map(|&l| id(a.links[l].to.into())))
                .collect();
            chains.push(format!(
                "- chain {}: {} — support {}",
                k + 1,
                route.join(" → "),
                words::support(ch.support)
            ));
        }
    }
    let mut out = String::new();
    if !lines.is_empty() {
        out.push_str("\n\n**Assessments**\n");
        out.push_str(&lines.join("\n"));
    }
    if !chains.is_empty() {
        out.push_str("\n\n**Chains**\n");
        out.push_str(&chains.join("\n"));
    }
    out
}

/// The explanation of a diagnostic code, for a hover on a diagnostic.
pub fn explain(code: Code) -> String {
    let info = code.info();
    format!(
        "**{} {}** — {}\n\n{}",
        info.code, info.name, info.summary, info.explanation
    )
}

/// A change an editor can apply: a title and edits (span, replacement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub edits: Vec<(Span, String)>,
    /// The diagnostic it answers (index into the compilation's diagnostics).
    pub diagnostic: Option<usize>,
}

/// Where a new line goes in a declaration: the start of the line that holds
/// its closing brace, and the indentation of its fields.
fn before_closing(text: &str, decl: &Head) -> usize {
    let end = decl.span.end.min(text.len());
    text[..end.saturating_sub(1)]
        .rfind('\n')
        .map_or(end.saturating_sub(1), |n| n + 1)
}

/// The quick fixes for the diagnostics that touch `range`: their own fixes,
/// adding a missing required field, and `allow CODE "reason"` for a
/// warning.
pub fn code_actions(c: &Compilation, text: &str, range: Span) -> Vec<Action> {
    let mut out = Vec::new();
    for (k, d) in c.diagnostics.iter().enumerate() {
        let touches = d
            .labels
            .iter()
            .any(|l| l.span.start <= range.end && range.start <= l.span.end);
        if !touches {
            continue;
        }
        for fix in &d.fixes {
            out.push(Action {
                title: fix.title.clone(),
                edits: fix.edits.clone(),
                diagnostic: Some(k),
            });
        }
        let Some(i) = decl_at(&c.file, d.primary().start) else {
            continue;
        };
        let head = c.file.decls[i].head();
        let at = Span::new(before_closing(text, head), before_closing(text, head));
        if d.code == Code::MissingField {
            for field in crate::language::fields_of(head.kind) {
                let named = d.message.contains(&format!("has no `{}`", field.keyword));
                if named {
                    out.push(Action {
                        title: format!("Add `{}`", field.example),
                        edits: vec![(at, format!("  {}\n", field.example))],
                        diagnostic: Some(k),
                    });
                }
            }
        }
        if d.code.info().severity == crate::diagnostics::Severity::Warning {
            out.push(Action {
                title: format!("Allow {} here, with a reason", d.code.as_str()),
                edits: vec![(
                    at,
                    format!(
                        "  allow {} \"the reason this is accepted\"\n",
                        d.code.as_str()
                    ),
                )],
                diagnostic: Some(k),
            });
        }
    }
    out
}

/// The whole text formatted, or `None` when it has syntax errors (the
/// formatter keeps every token and comment, so it formats only a file
/// that parses).
pub fn format(text: &str) -> Option<String> {
    crate::format::format(text).ok()
}
