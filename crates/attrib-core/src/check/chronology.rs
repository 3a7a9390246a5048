//! Impossible chronology, respecting each date's precision: only a date
//! that is before another whatever days they may mean is "before".

use crate::date::{Date, Order};
use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::Symbols;
use crate::resolve::lookup;
use crate::span::Spanned;
use crate::syntax::ast::*;

/// A date that exists: an invalid one (`2022-13-07`, reported as `E0106`)
/// is never compared with another.
fn valid(date: &Option<Spanned<Date>>) -> Option<&Spanned<Date>> {
    date.as_ref().filter(|d| d.value.validate().is_ok())
}

/// The date of an event, claim or response, if it has a valid one.
fn dated(file: &File, i: usize) -> Option<&Spanned<Date>> {
    match &file.decls[i] {
        Decl::Event(e) => valid(&e.date),
        Decl::Claim(c) => valid(&c.date),
        Decl::Response(r) => valid(&r.date),
        _ => None,
    }
}

/// A declaration dated `date` that refers to `targets`, each of which it
/// cannot come before (what a response answers, what an event follows,
/// what a claim is about). `kind`, when given, is the kind a target must be
/// to count; `verb` says how it refers ("answers", "follows" …).
struct Refers<'a> {
    decl: &'a Head,
    date: &'a Spanned<Date>,
    targets: Vec<&'a Ident>,
    kind: Option<DeclKind>,
    verb: &'a str,
    help: &'static str,
}

fn not_before(file: &File, symbols: &Symbols, r: Refers<'_>, out: &mut Vec<Diagnostic>) {
    let this = r.decl.kind.keyword();
    for t in r.targets {
        let Some(j) = symbols.lookup(&t.value) else {
            continue;
        };
        if r.kind.is_some_and(|k| file.decls[j].kind() != k) {
            continue;
        }
        let Some(other) = dated(file, j) else {
            continue;
        };
        if r.date.value.order(&other.value) != Order::Before {
            continue;
        }
        let kind = file.decls[j].kind().keyword();
        out.push(
            Diagnostic::new(
                Code::Chronology,
                format!(
                    "{this} `{}` is dated before the {kind} it {}",
                    r.decl.id.value, r.verb
                ),
            )
            .label(
                r.date.span,
                format!("the {this} `{}` is dated {}", r.decl.id.value, r.date.value),
            )
            .label(t.span, "refers to this")
            .label(
                other.span,
                format!("the {kind} `{}` is dated {}", t.value, other.value),
            )
            .help(r.help),
        );
    }
}

pub(super) fn check(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    for decl in &file.decls {
        match decl {
            Decl::Response(r) => {
                let Some(date) = valid(&r.date) else { continue };
                let refers = Refers {
                    decl: &r.head,
                    date,
                    targets: r.answers.iter().collect(),
                    kind: None,
                    verb: "answers",
                    help: "a response cannot come before what it answers: check both dates against their sources",
                };
                not_before(file, symbols, refers, out);
            }
            Decl::Claim(c) => {
                let Some(date) = valid(&c.date) else { continue };
                for s in &c.statements {
                    let (targets, kind, verb): (Vec<&Ident>, DeclKind, &str) = match s {
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
                        Statement::Locates { events, .. } => {
                            (events.iter().collect(), DeclKind::Event, "locates")
                        }
                        Statement::Disputes { claims, .. } => {
                            (claims.iter().collect(), DeclKind::Claim, "disputes")
                        }
                    };
                    let refers = Refers {
                        decl: &c.head,
                        date,
                        targets,
                        kind: Some(kind),
                        verb,
                        help: "a claim cannot come before what it is about: check both dates against their sources",
                    };
                    not_before(file, symbols, refers, out);
                }
                if let Some(r) = &c.revises {
                    let refers = Refers {
                        decl: &c.head,
                        date,
                        targets: vec![r],
                        kind: Some(DeclKind::Claim),
                        verb: "revises",
                        help: "a claim can only revise an earlier one: check both dates against their sources",
                    };
                    not_before(file, symbols, refers, out);
                }
                // A source cannot report a claim made after it was published.
                for s in &c.sources {
                    let Some(src) =
                        lookup(file, symbols, s, DeclKind::Source).and_then(|j| file.source(j))
                    else {
                        continue;
                    };
                    let Some(published) = valid(&src.published) else {
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
                let Some(known) = valid(&e.known) else {
                    continue;
                };
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
                let Some(date) = valid(&ev.date) else {
                    continue;
                };
                if let Some(known) = valid(&ev.known)
                    && known.value.order(&date.value) == Order::Before
                {
                    out.push(
                        Diagnostic::new(
                            Code::Chronology,
                            format!("event `{}` became known before it happened", ev.head.id.value),
                        )
                        .label(known.span, format!("known {}", known.value))
                        .label(date.span, format!("but it happened {}", date.value))
                        .help("`known` is when the event became publicly known, on or after its `date`: check both against their sources"),
                    );
                }
                let refers = Refers {
                    decl: &ev.head,
                    date,
                    targets: ev.follows.iter().collect(),
                    kind: None,
                    verb: "follows",
                    help: "an event cannot come before what it follows: check both dates against their sources",
                };
                not_before(file, symbols, refers, out);
            }
            _ => {}
        }
    }
}
