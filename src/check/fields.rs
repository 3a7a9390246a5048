//! Required fields, and the one case header a file may have.

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::*;

fn missing(head: &Head, field: &str, help: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        format!(
            "{} `{}` has no `{field}`",
            head.kind.keyword(),
            head.id.value
        ),
    )
    .label(
        head.header,
        format!("this {} needs `{field}`", head.kind.keyword()),
    )
    .help(help.to_string())
}

pub(super) fn check(file: &File, out: &mut Vec<Diagnostic>) {
    let mut first_case: Option<&Head> = None;
    for decl in &file.decls {
        let head = decl.head();
        let mut need = |present: bool, field: &str, help: &str| {
            if !present {
                out.push(missing(head, field, help));
            }
        };
        match decl {
            Decl::Case(c) => {
                need(
                    c.title.is_some(),
                    "title",
                    "add `title \"…\"`: what the case is called",
                );
            }
            Decl::Source(s) => {
                need(
                    s.kind.is_some(),
                    "kind",
                    "add `kind` with one of: government, intergovernmental, vendor, advisory, court, media, own-channel, other",
                );
                need(
                    s.publisher.is_some(),
                    "publisher",
                    "add `publisher \"…\"`: who published it",
                );
                need(
                    s.reliability.is_some(),
                    "reliability",
                    "add `reliability` A to F (Admiralty scale); F when it cannot be judged",
                );
            }
            Decl::Actor(a) => {
                need(
                    a.kind.is_some(),
                    "kind",
                    "add `kind` with one of: state, state-organ, international-organisation, company, organisation, threat-group, persona, person",
                );
                need(
                    a.name.is_some(),
                    "name",
                    "add `name \"…\"`: the actor's usual name",
                );
            }
            Decl::Event(e) => {
                need(
                    !e.kinds.is_empty(),
                    "kind",
                    "add `kind` with what happened: intrusion, data-theft, ransomware, wiper, ddos, defacement, leak, outage, disruption or other",
                );
                need(
                    e.date.is_some(),
                    "date",
                    "add `date` as precisely as the source allows: 2022, 2022-07 or 2022-07-15",
                );
            }
            Decl::Claim(c) => {
                need(
                    !c.by.is_empty(),
                    "by",
                    "add `by ACTOR`: who made the claim (`by A, B` for a joint statement)",
                );
                need(
                    c.date.is_some(),
                    "date",
                    "add `date`: when the claim was made",
                );
                need(
                    !c.sources.is_empty(),
                    "source",
                    "add `source SOURCE`: where the claim was published; every claim cites its source",
                );
                if c.statements.is_empty() {
                    out.push(
                        Diagnostic::new(
                            Code::MissingField,
                            format!("claim `{}` states nothing", head.id.value),
                        )
                        .label(head.header, "this claim needs a statement")
                        .help("say what the claim states: `attributes EVENT to ACTOR as ROLE`, `takes responsibility for EVENT`, `denies CLAIM`, `condemns EVENT`, `acknowledges CLAIM`, `endorses CLAIM`, `disputes CLAIM`, `locates EVENT in STATE` or `assesses EVENT`"),
                    );
                }
            }
            Decl::Evidence(e) => {
                need(
                    e.class.is_some(),
                    "class",
                    "add `class`: tradecraft, infrastructure, malware, intent, external or unknown",
                );
                need(
                    !e.sources.is_empty(),
                    "source",
                    "add `source SOURCE`: where the evidence was reported; every evidence item cites its source",
                );
                need(
                    e.credibility.is_some(),
                    "credibility",
                    "add `credibility` 1 to 6 (Admiralty scale); 6 when it cannot be judged",
                );
                need(
                    e.disclosed.is_some(),
                    "disclosed",
                    "add `disclosed yes`, `no` or `partly`: whether the evidence itself was made public",
                );
                need(
                    !e.supports.is_empty() || !e.contradicts.is_empty(),
                    "supports",
                    "add `supports CLAIM` or `contradicts CLAIM`: what the evidence bears on",
                );
            }
            Decl::Response(r) => {
                need(
                    r.kind.is_some(),
                    "kind",
                    "add `kind`: statement, condemnation, expulsion, severance, sanctions, indictment, countermeasure, collective-action, investigation, remediation or enforcement",
                );
                need(r.by.is_some(), "by", "add `by ACTOR`: who responded");
                need(
                    r.date.is_some(),
                    "date",
                    "add `date`: when the response was made",
                );
                need(
                    !r.sources.is_empty(),
                    "source",
                    "add `source SOURCE`: where the response was reported",
                );
            }
        }
        if let Decl::Case(c) = decl {
            match first_case {
                Some(first) => out.push(
                    Diagnostic::new(
                        Code::SecondCase,
                        "a file holds one case, but this is a second case header",
                    )
                    .label(c.head.header, "second case header")
                    .label(first.header, "the file's case header")
                    .help("put each case in a file of its own, or merge the two headers"),
                ),
                None => first_case = Some(&c.head),
            }
        }
    }
    if first_case.is_none() && !file.decls.is_empty() {
        let first = file.decls[0].head();
        out.push(
            Diagnostic::new(Code::NoCaseHeader, "the file has no case header")
                .label(first.header, "the file starts here")
                .help("add `case ID { title \"…\" }` so the case has an id and a title in reports"),
        );
    }
}
