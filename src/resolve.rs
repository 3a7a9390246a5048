//! Name resolution: every id a file declares, and every reference checked
//! against them.
//!
//! All declarations share one namespace, whatever their kind, so an id
//! names one thing in a file. A reference must name a declaration of a
//! kind that fits where it stands: a claim's `by` is an actor, an
//! evidence item `supports` claims, and so on.

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::*;
use rustc_hash::FxHashMap as HashMap;

/// One reference in a declaration: the id as written, the kinds of
/// declaration it may name, and what it is, for messages.
pub struct Ref<'a> {
    pub ident: &'a Ident,
    pub allowed: &'static [DeclKind],
    pub what: &'static str,
}

const SOURCE: &[DeclKind] = &[DeclKind::Source];
const ACTOR: &[DeclKind] = &[DeclKind::Actor];
const EVENT: &[DeclKind] = &[DeclKind::Event];
const CLAIM: &[DeclKind] = &[DeclKind::Claim];
const RESPONSE: &[DeclKind] = &[DeclKind::Response];
const EVENT_OR_ACTOR: &[DeclKind] = &[DeclKind::Event, DeclKind::Actor];
const EVENT_OR_RESPONSE: &[DeclKind] = &[DeclKind::Event, DeclKind::Response];
const EVENT_OR_CLAIM: &[DeclKind] = &[DeclKind::Event, DeclKind::Claim];
const ASSESSABLE: &[DeclKind] = &[DeclKind::Event, DeclKind::Actor, DeclKind::Claim];

/// Every reference a declaration makes, in source order.
pub fn references(decl: &Decl) -> Vec<Ref<'_>> {
    let mut out: Vec<Ref<'_>> = Vec::new();
    fn push<'a>(
        out: &mut Vec<Ref<'a>>,
        list: &'a [Ident],
        allowed: &'static [DeclKind],
        what: &'static str,
    ) {
        for ident in list {
            out.push(Ref {
                ident,
                allowed,
                what,
            });
        }
    }
    let mut add = |list, allowed, what| push(&mut out, list, allowed, what);
    match decl {
        Decl::Case(_) => {}
        Decl::Source(s) => add(&s.repeats, SOURCE, "the source it repeats"),
        Decl::Actor(a) => {
            for r in &a.relations {
                add(
                    std::slice::from_ref(&r.target),
                    ACTOR,
                    "the actor it relates to",
                );
                add(&r.per, SOURCE, "a source for the relation");
            }
            add(&a.sources, SOURCE, "a source");
        }
        Decl::Event(e) => {
            add(&e.targets, ACTOR, "a target");
            add(&e.part_of, EVENT, "the event it is part of");
            add(&e.follows, EVENT_OR_RESPONSE, "what it follows");
            add(&e.sources, SOURCE, "a source");
        }
        Decl::Claim(c) => {
            add(&c.by, ACTOR, "the claimant");
            add(&c.sources, SOURCE, "a source");
            for s in &c.statements {
                match s {
                    Statement::Attributes {
                        subject, object, ..
                    } => {
                        add(
                            std::slice::from_ref(subject),
                            EVENT_OR_ACTOR,
                            "what is attributed",
                        );
                        add(
                            std::slice::from_ref(object),
                            ACTOR,
                            "who it is attributed to",
                        );
                    }
                    Statement::Responsibility { events, .. } => {
                        add(events, EVENT, "the event claimed")
                    }
                    Statement::Denies { claims, .. } => add(claims, CLAIM, "the claim denied"),
                    Statement::Condemns { targets, .. } => add(targets, EVENT, "what is condemned"),
                    Statement::Acknowledges { claims, .. } => {
                        add(claims, CLAIM, "the claim acknowledged")
                    }
                    Statement::Endorses { claims, .. } => add(claims, CLAIM, "the claim endorsed"),
                    Statement::Assesses { targets, .. } => {
                        add(targets, ASSESSABLE, "what is assessed")
                    }
                    Statement::Locates { events, place, .. } => {
                        add(events, EVENT, "the event located");
                        add(
                            std::slice::from_ref(place),
                            ACTOR,
                            "the state it is located in",
                        );
                    }
                    Statement::Disputes { claims, .. } => add(claims, CLAIM, "the claim disputed"),
                }
            }
            if let Some(r) = &c.revises {
                add(std::slice::from_ref(r), CLAIM, "the claim it revises");
            }
        }
        Decl::Evidence(e) => {
            add(&e.sources, SOURCE, "a source");
            add(&e.supports, CLAIM, "the claim it supports");
            add(&e.contradicts, CLAIM, "the claim it contradicts");
        }
        Decl::Response(r) => {
            if let Some(by) = &r.by {
                add(std::slice::from_ref(by), ACTOR, "who responded");
            }
            add(&r.with, ACTOR, "a partner");
            add(&r.against, ACTOR, "who it is against");
            add(&r.answers, EVENT_OR_CLAIM, "what it answers");
            if let Some(p) = &r.part_of {
                add(
                    std::slice::from_ref(p),
                    RESPONSE,
                    "the response it is part of",
                );
            }
            add(&r.sources, SOURCE, "a source");
        }
    }
    out
}

/// The declarations of a file by id, and the resolution table: every
/// reference with the declaration it names.
pub struct Symbols {
    by_id: HashMap<String, usize>,
    /// Each reference, by the byte offset its id starts at, to the
    /// declaration it names when that is of a kind allowed where it stands.
    targets: HashMap<usize, usize>,
}

impl Symbols {
    /// The declaration an id names, whatever its kind.
    pub fn lookup(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// What a reference in the file resolved to: the declaration it names,
    /// if that is of a kind allowed where the reference stands (read from
    /// the table resolution built; nothing is looked up again).
    pub fn target(&self, reference: &Ident) -> Option<usize> {
        self.targets.get(&reference.span.start).copied()
    }
}

/// The declaration a reference names, if it is of `kind`.
pub fn lookup(file: &File, symbols: &Symbols, id: &Ident, kind: DeclKind) -> Option<usize> {
    symbols.target(id).filter(|&i| file.decls[i].kind() == kind)
}

/// Declare every id (reporting duplicates), then check every reference.
pub fn resolve(file: &File, diagnostics: &mut Vec<Diagnostic>) -> Symbols {
    let mut by_id: HashMap<String, usize> =
        HashMap::with_capacity_and_hasher(file.decls.len(), Default::default());
    for (i, decl) in file.decls.iter().enumerate() {
        let id = decl.id();
        match by_id.get(&id.value) {
            Some(&first) => {
                let first = &file.decls[first];
                diagnostics.push(
                    Diagnostic::new(Code::DuplicateId, format!("`{}` is declared twice", id.value))
                        .label(id.span, format!("declared again here, as {}", decl.kind().with_article()))
                        .label(first.id().span, format!("first declared here, as {}", first.kind().with_article()))
                        .help("every declaration needs an id of its own: rename one of them, or merge them if they are the same thing"),
                );
            }
            None => {
                by_id.insert(id.value.clone(), i);
            }
        }
    }
    let mut symbols = Symbols {
        by_id,
        targets: HashMap::default(),
    };
    let mut budget = SUGGESTION_BUDGET;
    let mut targets = HashMap::default();
    for decl in &file.decls {
        for r in references(decl) {
            if let Some(t) = check_reference(file, &symbols, &r, &mut budget, diagnostics) {
                targets.insert(r.ident.span.start, t);
            }
        }
    }
    symbols.targets = targets;
    symbols
}

/// How many candidate ids "did you mean" may compare, in all, for one file:
/// each suggestion looks at every declaration, so a file with very many
/// unknown references would otherwise take quadratic time. Past the budget,
/// unknown references are still reported, without a suggestion.
const SUGGESTION_BUDGET: usize = 4_000_000;

fn check_reference(
    file: &File,
    symbols: &Symbols,
    r: &Ref<'_>,
    budget: &mut usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let name = &r.ident.value;
    match symbols.lookup(name) {
        Some(i) => {
            let found = &file.decls[i];
            if r.allowed.contains(&found.kind()) {
                return Some(i);
            } else {
                let wanted = kinds_phrase(r.allowed);
                diagnostics.push(
                    Diagnostic::new(
                        Code::WrongKind,
                        format!(
                            "`{name}` is {}, but {} must be {wanted}",
                            found.kind().with_article(),
                            r.what
                        ),
                    )
                    .label(r.ident.span, format!("{} must be {wanted}", r.what))
                    .label(
                        found.id().span,
                        format!(
                            "`{name}` is declared here as {}",
                            found.kind().with_article()
                        ),
                    )
                    .help(format!("refer to {wanted} here")),
                );
            }
        }
        None => {
            let candidates = file
                .decls
                .iter()
                .filter(|d| r.allowed.contains(&d.kind()))
                .map(|d| d.id().value.as_str());
            let mut d =
                Diagnostic::new(Code::UnknownReference, format!("`{name}` is not declared")).label(
                    r.ident.span,
                    format!("{} is not declared in this file", r.what),
                );
            let suggestion = if *budget >= file.decls.len() {
                *budget -= file.decls.len();
                nearest(name, candidates)
            } else {
                None
            };
            let help = match suggestion {
                Some(best) => {
                    if let Some(j) = symbols.lookup(best) {
                        d = d.label(
                            file.decls[j].id().span,
                            format!("`{best}` is declared here"),
                        );
                    }
                    format!("did you mean `{best}`?")
                }
                None => format!(
                    "declare {} with the id `{name}`, or refer to one that is declared",
                    first_kind(r.allowed)
                ),
            };
            diagnostics.push(d.help(help));
        }
    }
    None
}

fn first_kind(kinds: &[DeclKind]) -> &'static str {
    kinds
        .first()
        .map(|k| k.with_article())
        .unwrap_or("a declaration")
}

/// "an actor", "an event or an actor", …
pub fn kinds_phrase(kinds: &[DeclKind]) -> String {
    let words: Vec<&str> = kinds.iter().map(|k| k.with_article()).collect();
    match words.as_slice() {
        [] => "nothing".into(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: at most a third of the word's length in edits (at least one).
pub fn nearest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let len = word.chars().count();
    for c in candidates {
        // Cheap bounds first: lengths that differ by more than the limit
        // cannot be within it.
        if c == word
            || c.len().abs_diff(word.len()) > limit * 4
            || c.chars().count().abs_diff(len) > limit
        {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_finds_typos_only() {
        let ids = ["july-attack", "iran", "albania"];
        assert_eq!(
            nearest("juli-attack", ids.iter().copied()),
            Some("july-attack")
        );
        assert_eq!(nearest("iram", ids.iter().copied()), Some("iran"));
        assert_eq!(nearest("nato", ids.iter().copied()), None);
    }
}
