//! Impossible chronology, respecting each date's precision: only a date
//! that is before another whatever days they may mean is "before".

use crate::date::{Date, Order};
use crate::diagnostics::{Code, Diagnostic};
use crate::graph::lookup;
use crate::resolve::Symbols;
use crate::span::{Span, Spanned};
use crate::syntax::ast::*;

/// The date of an event, claim or response, if it has one.
fn dated(file: &File, i: usize) -> Option<&Spanned<Date>> {
    match &file.decls[i] {
        Decl::Event(e) => e.date.as_ref(),
        Decl::Claim(c) => c.date.as_ref(),
        Decl::Response(r) => r.date.as_ref(),
        _ => None,
    }
}

struct Clash<'a> {
    /// The later-dated thing that comes first, and what it refers to.
    this: &'a Spanned<Date>,
    this_what: String,
    other: &'a Spanned<Date>,
    other_what: String,
    reference: Span,
    message: String,
    help: &'static str,
}

fn push(out: &mut Vec<Diagnostic>, c: Clash<'_>) {
    out.push(
        Diagnostic::new(Code::Chronology, c.message)
            .label(
                c.this.span,
                format!("{} is dated {}", c.this_what, c.this.value),
            )
            .label(c.reference, "refers to this")
            .label(
                c.other.span,
                format!("{} is dated {}", c.other_what, c.other.value),
            )
            .help(c.help),
    );
}

pub(super) fn check(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    for decl in &file.decls {
        match decl {
            Decl::Response(r) => {
                let Some(date) = &r.date else { continue };
                for a in &r.answers {
                    let Some(j) = symbols.lookup(&a.value) else {
                        continue;
                    };
                    let Some(other) = dated(file, j) else {
                        continue;
                    };
                    if date.value.order(&other.value) == Order::Before {
                        let kind = file.decls[j].kind().keyword();
                        push(
                            out,
                            Clash {
                                this: date,
                                this_what: format!("the response `{}`", r.head.id.value),
                                other,
                                other_what: format!("the {kind} `{}`", a.value),
                                reference: a.span,
                                message: format!(
                                    "response `{}` is dated before the {kind} it answers",
                                    r.head.id.value
                                ),
                                help: "a response cannot come before what it answers: check both dates against their sources",
                            },
                        );
                    }
                }
            }
            Decl::Claim(c) => {
                let Some(date) = &c.date else { continue };
                for s in &c.statements {
                    let (targets, kind, word): (Vec<&Ident>, DeclKind, &str) = match s {
                        Statement::Attributes { subject, .. } => {
                            (vec![subject], DeclKind::Event, "attributes")
                        }
                        Statement::Responsibility { events, .. } => {
                            (events.iter().collect(), DeclKind::Event, "claims")
                        }
                        Statement::Condemns { targets, .. } => {
                            (targets.iter().collect(), DeclKind::Event, "condemns")
                        }
                        Statement::Assesses { targets, .. } => {
                            (targets.iter().collect(), DeclKind::Event, "assesses")
                        }
                        Statement::Denies { claims, .. } => {
                            (claims.iter().collect(), DeclKind::Claim, "denies")
                        }
                        Statement::Acknowledges { claims, .. } => {
                            (claims.iter().collect(), DeclKind::Claim, "acknowledges")
                        }
                        Statement::Endorses { claims, .. } => {
                            (claims.iter().collect(), DeclKind::Claim, "endorses")
                        }
                    };
                    for t in targets {
                        let Some(j) = lookup(file, symbols, t, kind) else {
                            continue;
                        };
                        let Some(other) = dated(file, j) else {
                            continue;
                        };
                        if date.value.order(&other.value) == Order::Before {
                            push(
                                out,
                                Clash {
                                    this: date,
                                    this_what: format!("the claim `{}`", c.head.id.value),
                                    other,
                                    other_what: format!("the {} `{}`", kind.keyword(), t.value),
                                    reference: t.span,
                                    message: format!(
                                        "claim `{}` is dated before the {} it {word}",
                                        c.head.id.value,
                                        kind.keyword()
                                    ),
                                    help: "a claim cannot come before what it is about: check both dates against their sources",
                                },
                            );
                        }
                    }
                }
                // A source cannot report a claim made after it was published.
                for s in &c.sources {
                    let Some(src) =
                        lookup(file, symbols, s, DeclKind::Source).and_then(|j| file.source(j))
                    else {
                        continue;
                    };
                    let Some(published) = &src.published else {
                        continue;
                    };
                    if published.value.order(&date.value) == Order::Before {
                        out.push(
                            Diagnostic::new(
                                Code::Chronology,
                                format!("claim `{}` cites a source published before the claim was made", c.head.id.value),
                            )
                            .label(s.span, "this source")
                            .label(published.span, format!("was published {}", published.value))
                            .label(date.span, format!("but the claim is dated {}", date.value))
                            .help("a source can only report what was said before it was published: check the claim's date and the source's"),
                        );
                    }
                }
            }
            Decl::Evidence(e) => {
                let Some(known) = &e.known else { continue };
                for c in &e.supports {
                    let Some(j) = lookup(file, symbols, c, DeclKind::Claim) else {
                        continue;
                    };
                    let Some(other) = dated(file, j) else {
                        continue;
                    };
                    if known.value.order(&other.value) == Order::After {
                        out.push(
                            Diagnostic::new(
                                Code::Chronology,
                                format!("claim `{}` cites evidence that became known after it", c.value),
                            )
                            .label(known.span, format!("`{}` became known {}", e.head.id.value, known.value))
                            .label(c.span, "cited by this claim")
                            .label(other.span, format!("the claim is dated {}", other.value))
                            .help("a claim can only rest on what was known when it was made: attach later evidence to the later claim that presented it"),
                        );
                    }
                }
            }
            Decl::Event(ev) => {
                let Some(date) = &ev.date else { continue };
                for f in &ev.follows {
                    let Some(j) = symbols.lookup(&f.value) else {
                        continue;
                    };
                    let Some(other) = dated(file, j) else {
                        continue;
                    };
                    if date.value.order(&other.value) == Order::Before {
                        let kind = file.decls[j].kind().keyword();
                        push(
                            out,
                            Clash {
                                this: date,
                                this_what: format!("the event `{}`", ev.head.id.value),
                                other,
                                other_what: format!("the {kind} `{}`", f.value),
                                reference: f.span,
                                message: format!(
                                    "event `{}` is dated before the {kind} it follows",
                                    ev.head.id.value
                                ),
                                help: "an event cannot come before what it follows: check both dates against their sources",
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
