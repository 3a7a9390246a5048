//! Impossible chronology, respecting each date's precision: only a date
//! that is before another whatever days they may mean is "before".

use crate::date::{Date, Order};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;
use crate::span::Spanned;

/// The date of an event, claim or response, if it has one.
fn dated(m: &Model, node: Node) -> Option<&Spanned<Date>> {
    match node {
        Node::Event(_) | Node::Claim(_) | Node::Response(_) => m.date(node),
        _ => None,
    }
}

/// A declaration dated `date` that refers to `targets`, each of which it
/// cannot come before (what a response answers, what an event follows,
/// what a claim is about). `kind`, when given, is the kind a target must be
/// to count; `verb` says how it refers ("answers", "follows" …).
struct Refers<'a> {
    decl: &'a Head,
    this: &'static str,
    date: &'a Spanned<Date>,
    targets: Vec<Ref<Node>>,
    kind: Option<DeclKind>,
    verb: &'a str,
    help: &'static str,
}

fn not_before(m: &Model, r: Refers<'_>, out: &mut Vec<Diagnostic>) {
    let this = r.this;
    for t in r.targets {
        if r.kind.is_some_and(|k| t.to.kind() != k) {
            continue;
        }
        let Some(other) = dated(m, t.to) else {
            continue;
        };
        if r.date.value.order(&other.value) != Order::Before {
            continue;
        }
        let kind = t.to.kind().keyword();
        out.push(
            Diagnostic::new(
                Code::Chronology,
                format!(
                    "{this} `{}` is dated before the {kind} it {}",
                    r.decl.name, r.verb
                ),
            )
            .label(
                r.date.span,
                format!("the {this} `{}` is dated {}", r.decl.name, r.date.value),
            )
            .label(t.span, "refers to this")
            .label(
                other.span,
                format!("the {kind} `{}` is dated {}", m.name(t.to), other.value),
            )
            .help(r.help),
        );
    }
}

pub(super) fn check(m: &Model, out: &mut Vec<Diagnostic>) {
    for node in m.nodes() {
        match node {
            Node::Response(i) => {
                let r = &m.responses[i];
                let Some(date) = &r.date else { continue };
                let refers = Refers {
                    decl: &r.head,
                    this: "response",
                    date,
                    targets: r.answers.clone(),
                    kind: None,
                    verb: "answers",
                    help: "a response cannot come before what it answers: check both dates against their sources",
                };
                not_before(m, refers, out);
            }
            Node::Claim(i) => {
                let c = &m.claims[i];
                let Some(date) = &c.date else { continue };
                for s in &c.statements {
                    let (kind, verb) = match s.verb {
                        Verb::Attributes => (DeclKind::Event, "attributes"),
                        Verb::TakesResponsibility => (DeclKind::Event, "claims"),
                        Verb::Condemns => (DeclKind::Event, "condemns"),
                        Verb::Assesses => (DeclKind::Event, "assesses"),
                        Verb::Denies => (DeclKind::Claim, "denies"),
                        Verb::Acknowledges => (DeclKind::Claim, "acknowledges"),
                        Verb::Endorses => (DeclKind::Claim, "endorses"),
                        Verb::Locates => (DeclKind::Event, "locates"),
                        Verb::Disputes => (DeclKind::Claim, "disputes"),
                        Verb::DeclinesToAttribute => (DeclKind::Event, "declines to attribute"),
                        Verb::CannotAttribute => (DeclKind::Event, "cannot attribute"),
                        // The accused may deny an act before it is done, or
                        // before anyone says it was theirs.
                        Verb::DeniesResponsibility => continue,
                    };
                    let refers = Refers {
                        decl: &c.head,
                        this: "claim",
                        date,
                        targets: s.targets.clone(),
                        kind: Some(kind),
                        verb,
                        help: "a claim cannot come before what it is about: check both dates against their sources",
                    };
                    not_before(m, refers, out);
                }
                if let Some(r) = c.revises {
                    let refers = Refers {
                        decl: &c.head,
                        this: "claim",
                        date,
                        targets: vec![Ref {
                            to: r.to.into(),
                            span: r.span,
                        }],
                        kind: Some(DeclKind::Claim),
                        verb: "revises",
                        help: "a claim can only revise an earlier one: check both dates against their sources",
                    };
                    not_before(m, refers, out);
                }
                // A source cannot report a claim made after it was published.
                for s in &c.sources {
                    let Some(published) = &m.sources[s.to].published else {
                        continue;
                    };
                    if published.value.order(&date.value) == Order::Before {
                        out.push(
                            Diagnostic::new(
                                Code::Chronology,
                                format!("claim `{}` cites a source published before the claim was made", c.head.name),
                            )
                            .label(s.span, "this source")
                            .label(published.span, format!("was published {}", published.value))
                            .label(date.span, format!("but the claim is dated {}", date.value))
                            .help("a source can only report what was said before it was published: check the claim's date and the source's"),
                        );
                    }
                }
            }
            Node::Evidence(i) => {
                let e = &m.evidence[i];
                let Some(known) = &e.known else {
                    continue;
                };
                for c in &e.supports {
                    let Some(other) = &m.claims[c.to].date else {
                        continue;
                    };
                    if known.value.order(&other.value) == Order::After {
                        out.push(
                            Diagnostic::new(
                                Code::Chronology,
                                format!("claim `{}` cites evidence that became known after it", m.name(c.to)),
                            )
                            .label(known.span, format!("`{}` became known {}", e.head.name, known.value))
                            .label(c.span, "cited by this claim")
                            .label(other.span, format!("the claim is dated {}", other.value))
                            .help("a claim can only rest on what was known when it was made: attach later evidence to the later claim that presented it"),
                        );
                    }
                }
            }
            Node::Event(i) => {
                let ev = &m.events[i];
                let Some(date) = &ev.date else {
                    continue;
                };
                if let Some(known) = &ev.known
                    && known.value.order(&date.value) == Order::Before
                {
                    out.push(
                        Diagnostic::new(
                            Code::Chronology,
                            format!("event `{}` became known before it happened", ev.head.name),
                        )
                        .label(known.span, format!("known {}", known.value))
                        .label(date.span, format!("but it happened {}", date.value))
                        .help("`known` is when the event became publicly known, on or after its `date`: check both against their sources"),
                    );
                }
                let refers = Refers {
                    decl: &ev.head,
                    this: "event",
                    date,
                    targets: ev.follows.clone(),
                    kind: None,
                    verb: "follows",
                    help: "an event cannot come before what it follows: check both dates against their sources",
                };
                not_before(m, refers, out);
            }
            _ => {}
        }
    }
}
