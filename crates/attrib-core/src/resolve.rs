//! Name resolution: every id a file declares, and every reference checked
//! against them.
//!
//! All declarations share one namespace, whatever their kind, so an id
//! names one thing in a file. A reference must name a declaration of a
//! kind that fits where it stands: a claim's `by` is an actor, an
//! evidence item `supports` claims, and so on.

use crate::diagnostics::{Code, Diagnostic};
use crate::language;
use crate::syntax::ast::*;
use rustc_hash::FxHashMap as HashMap;

/// One reference in a declaration: the id as written, the kinds of
/// declaration it may name, and what it is, for messages.
pub struct Ref<'a> {
    pub ident: &'a Ident,
    pub allowed: &'static [DeclKind],
    pub what: &'static str,
}

/// Every reference a declaration makes, in source order, with the kinds
/// each may name — read from the language description
/// (`crate::language`), so resolution, the unused check and completion
/// agree on what may name what.
pub fn references(decl: &Decl) -> Vec<Ref<'_>> {
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
    let kind = decl.kind();
    let mut out: Vec<Ref<'_>> = Vec::new();
    // A field's references, and a phrase's object (`to ACTOR`, `per SOURCE`).
    let mut add =
        |list, keyword, what| push(&mut out, list, language::ref_kinds(kind, keyword), what);
    let one = std::slice::from_ref;
    let mut objects: Vec<(&[Ident], &str, &'static str)> = Vec::new();
    match decl {
        Decl::Case(_) => {}
        Decl::Source(s) => add(&s.repeats, "repeats", "the source it repeats"),
        Decl::Actor(a) => {
            for r in &a.relations {
                let keyword = match r.kind {
                    crate::vocab::Structure::OrganOf => "organ of",
                    crate::vocab::Structure::PartOf => "part of",
                    crate::vocab::Structure::FrontFor => "front for",
                    crate::vocab::Structure::OfficeIn => "holds office in",
                };
                add(one(&r.target), keyword, "the actor it relates to");
                objects.push((&r.per[..], keyword, "a source for the relation"));
            }
            for r in &a.imitations {
                add(one(&r.target), "imitates", "the party it imitates");
                objects.push((&r.per[..], "imitates", "a source for the imitation"));
            }
            add(&a.sources, "source", "a source");
        }
        Decl::Event(e) => {
            add(&e.targets, "target", "a target");
            add(&e.part_of, "part of", "the event it is part of");
            add(&e.follows, "follows", "what it follows");
            add(&e.sources, "source", "a source");
        }
        Decl::Claim(c) => {
            add(&c.by, "by", "the claimant");
            add(&c.sources, "source", "a source");
            for s in &c.statements {
                match s {
                    Statement::Attributes {
                        subject, object, ..
                    } => {
                        add(one(subject), "attributes", "what is attributed");
                        objects.push((one(object), "attributes", "who it is attributed to"));
                    }
                    Statement::Responsibility { events, .. } => {
                        add(events, "takes responsibility for", "the event claimed")
                    }
                    Statement::Denies { claims, .. } => add(claims, "denies", "the claim denied"),
                    Statement::Condemns { targets, .. } => {
                        add(targets, "condemns", "what is condemned")
                    }
                    Statement::Acknowledges { claims, .. } => {
                        add(claims, "acknowledges", "the claim acknowledged")
                    }
                    Statement::Endorses { claims, .. } => {
                        add(claims, "endorses", "the claim endorsed")
                    }
                    Statement::Assesses { targets, .. } => {
                        add(targets, "assesses", "what is assessed")
                    }
                    Statement::Locates { events, place, .. } => {
                        add(events, "locates", "the event located");
                        objects.push((one(place), "locates", "the state it is located in"));
                    }
                    Statement::Disputes { claims, .. } => {
                        add(claims, "disputes", "the claim disputed")
                    }
                    Statement::DeniesResponsibility { events, .. } => {
                        add(events, "denies responsibility for", "the event denied")
                    }
                    Statement::DeclinesToAttribute { events, .. } => {
                        add(events, "declines to attribute", "the event not attributed")
                    }
                    Statement::CannotAttribute { events, .. } => {
                        add(events, "cannot attribute", "the event not attributed")
                    }
                }
            }
            if let Some(r) = &c.revises {
                add(one(r), "revises", "the claim it revises");
            }
        }
        Decl::Evidence(e) => {
            add(&e.sources, "source", "a source");
            add(&e.supports, "supports", "the claim it supports");
            add(&e.contradicts, "contradicts", "the claim it contradicts");
            if let Some(by) = &e.by {
                add(one(by), "by", "who made the finding");
            }
            for s in &e.steps {
                add(one(&s.subject), "step", "what the step attributes");
                objects.push((one(&s.object), "step", "whom the step holds responsible"));
            }
            for rated in &e.ratings {
                add(&rated.hypotheses, "rated", "the hypothesis rated");
            }
        }
        Decl::Response(r) => {
            if let Some(by) = &r.by {
                add(one(by), "by", "who responded");
            }
            add(&r.with, "with", "a partner");
            add(&r.against, "against", "who it is against");
            add(&r.answers, "answers", "what it answers");
            if let Some(p) = &r.part_of {
                add(one(p), "part of", "the response it is part of");
            }
            add(&r.sources, "source", "a source");
        }
        Decl::Hypothesis(h) => {
            add(&h.explains, "explains", "the event it explains");
            add(
                &h.responsible,
                "responsible",
                "whom it would make responsible",
            );
            add(&h.sources, "source", "a source");
        }
    }
    for (list, keyword, what) in objects {
        push(&mut out, list, language::object_kinds(kind, keyword), what);
    }
    // In source order.
    out.sort_by_key(|r| r.ident.span.start);
    out
}

/// The declarations of a file by id, and the resolution table: every
/// reference with the declaration it names.
pub struct Symbols {
    by_id: HashMap<String, usize>,
    /// Each reference, by the byte offset its id starts at, to the
    /// declaration it names when that is of a kind allowed where it stands.
    targets: HashMap<usize, usize>,
    /// How many references named nothing, or a declaration of a kind not
    /// allowed where they stand.
    unresolved: usize,
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

    /// How many references did not resolve (each reported as `E0101` or
    /// `E0103`).
    pub fn unresolved(&self) -> usize {
        self.unresolved
    }
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
        unresolved: 0,
    };
    let mut suggest = Suggestions {
        budget: SUGGESTION_BUDGET,
        lookalikes: None,
    };
    let mut targets = HashMap::default();
    let mut unresolved = 0;
    for decl in &file.decls {
        for r in references(decl) {
            match check_reference(file, &symbols, &r, &mut suggest, diagnostics) {
                Some(t) => {
                    targets.insert(r.ident.span.start, t);
                }
                None => unresolved += 1,
            }
        }
    }
    symbols.targets = targets;
    symbols.unresolved = unresolved;
    symbols
}

/// How many candidate ids "did you mean" may compare, in all, for one file:
/// each suggestion looks at every declaration, so a file with very many
/// unknown references would otherwise take quadratic time. Past the budget,
/// unknown references are still reported, without a suggestion.
const SUGGESTION_BUDGET: usize = 4_000_000;

/// What "did you mean" needs across a file's references.
struct Suggestions {
    /// Candidates the edit distance may still compare.
    budget: usize,
    /// The declarations by the skeleton of their id (UTS #39), made at the
    /// first unknown reference: a reference that looks like a declared id
    /// finds it at once, whatever the edit distance (`rnodern`, `irаn`).
    lookalikes: Option<HashMap<String, Vec<usize>>>,
}

impl Suggestions {
    /// A declaration of an allowed kind whose id looks like `name` (the
    /// least id, when several do).
    fn lookalike<'f>(
        &mut self,
        file: &'f File,
        name: &str,
        allowed: &[DeclKind],
    ) -> Option<&'f str> {
        let by_skeleton = self.lookalikes.get_or_insert_with(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::default();
            for (i, d) in file.decls.iter().enumerate() {
                map.entry(crate::suggest::skeleton(&d.id().value))
                    .or_default()
                    .push(i);
            }
            map
        });
        by_skeleton
            .get(&crate::suggest::skeleton(name))?
            .iter()
            .map(|&i| &file.decls[i])
            .filter(|d| allowed.contains(&d.kind()) && d.id().value != name)
            .map(|d| d.id().value.as_str())
            .min()
    }
}

fn check_reference(
    file: &File,
    symbols: &Symbols,
    r: &Ref<'_>,
    suggest: &mut Suggestions,
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
            let lookalike = suggest.lookalike(file, name, r.allowed);
            let suggestion = lookalike.or_else(|| {
                (suggest.budget >= file.decls.len()).then(|| {
                    suggest.budget -= file.decls.len();
                    crate::suggest::nearest(name, candidates)
                })?
            });
            let help = match suggestion {
                Some(best) => {
                    if let Some(j) = symbols.lookup(best) {
                        d = d.label(
                            file.decls[j].id().span,
                            format!("`{best}` is declared here"),
                        );
                    }
                    d = d.fix(format!("Replace with `{best}`"), r.ident.span, best);
                    match lookalike {
                        // They look alike: say where they differ.
                        Some(_) => format!(
                            "did you mean `{best}`? The two look alike: `{name}` has {}",
                            crate::suggest::difference(name, best)
                        ),
                        None => format!("did you mean `{best}`?"),
                    }
                }
                None => format!(
                    "declare {} with the id `{name}`, or refer to one that is declared",
                    first_kind(r.allowed)
                ),
            };
            let help = match crate::suggest::mixed_scripts(name) {
                Some(scripts) if lookalike.is_none() => {
                    format!("{help} (`{name}` mixes the letters of {scripts})")
                }
                _ => help,
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
