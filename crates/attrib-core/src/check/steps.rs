//! The steps an evidence item bears on: a step it names must be one the
//! claims it supports make (`E0204`), and an item that supports a claim of
//! several steps should say which it bears on (`W0207`).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;

pub(super) fn check(m: &Model, out: &mut Vec<Diagnostic>) {
    for (_, e) in m.evidence.iter() {
        let claims: Vec<&Ref<ClaimId>> = e.supports.iter().chain(&e.contradicts).collect();
        // Every step the claims it bears on make.
        let made: Vec<(Node, ActorId)> = claims
            .iter()
            .flat_map(|c| m.claims[c.to].attributions())
            .map(|a| (a.subject, a.object))
            .collect();
        let words = |steps: &[(Node, ActorId)]| {
            steps
                .iter()
                .map(|(s, o)| format!("`step {} to {}`", m.name(*s), m.name(*o)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for step in &e.steps {
            if made.contains(&(step.subject.to, step.object.to)) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::StepNotMade,
                format!(
                    "evidence `{}` names the step `{}` → `{}`, which no claim it supports makes",
                    e.head.name,
                    m.name(step.subject.to),
                    m.name(step.object.to)
                ),
            )
            .label(step.span, "no claim it supports attributes this");
            for c in &claims {
                d = d.label(
                    c.span,
                    format!("`{}` does not make this step", m.name(c.to)),
                );
            }
            out.push(d.help(if made.is_empty() {
                "the claims it supports attribute nothing: remove the step, or cite the claim that makes it".to_string()
            } else {
                format!(
                    "name a step the claims it supports make ({}), or cite the claim that makes this one",
                    words(&made)
                )
            }));
        }
        if !e.steps.is_empty() {
            continue;
        }
        for c in &e.supports {
            let steps: Vec<(Node, ActorId)> = m.claims[c.to]
                .attributions()
                .map(|a| (a.subject, a.object))
                .collect();
            if steps.len() < 2 {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::StepUnnamed,
                    format!(
                        "evidence `{}` supports claim `{}`, which makes {} steps, without saying which it bears on",
                        e.head.name,
                        m.name(c.to),
                        steps.len()
                    ),
                )
                .label(c.span, "a claim of several steps")
                .label(e.head.header, "names no step")
                .help(format!(
                    "add the steps it bears on, one line each, from {}; an item that names none counts for every step of the claim, and its finding spreads to steps it may not be about",
                    words(&steps)
                )),
            );
        }
    }
}
