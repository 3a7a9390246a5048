//! Weak reasoning: attributions without evidence, on undisclosed evidence
//! only, with inflated confidence; links only the actors themselves claim
//! or only the media report; sources that look independent but are not.

use crate::analysis::support::{self, ASSERTION_FLOOR, INFLATION_GAP};
use crate::analysis::{Analysis, Weakness, links::roots_of};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;
use crate::span::Span;

/// How many undisclosed items W0203 points at.
const UNDISCLOSED_LABELS: usize = 12;

pub(super) fn check(m: &Model, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let record = &analysis.record;
    for (i, claim) in m.claims.iter() {
        let Some(first) = claim.statements.iter().find(|s| s.verb == Verb::Attributes) else {
            continue;
        };
        // What its own evidence and that of the earlier claims it revises
        // amount to (worked out once along each chain of revisions).
        let inherited = record.inherited.get(&i).copied().unwrap_or_default();
        let id = &claim.head.name;
        let stated = claim
            .confidence
            .as_ref()
            .map(|s| (s, support::stated_value(s.term.value)));
        if !inherited.supported {
            let what = attribution_words(m, first);
            // A confident claim with no evidence: one diagnostic says both.
            let inflated =
                stated.filter(|(_, v)| *v > ASSERTION_FLOOR.saturating_add(INFLATION_GAP));
            let mut d = match inflated {
                Some((s, v)) => Diagnostic::new(
                    Code::NoEvidence,
                    format!(
                        "claim `{id}` attributes {what} with no evidence on record, though its claimant states {} ({v})",
                        s.term.value
                    ),
                )
                .label(first.span, "this attribution")
                .label(s.span, format!("the claimant's stated confidence: {} = {v}", s.term.value)),
                None => Diagnostic::new(
                    Code::NoEvidence,
                    format!("claim `{id}` attributes {what} with no evidence on record"),
                )
                .label(first.span, "this attribution"),
            };
            d = d.help("record the evidence the claim rests on as an `evidence` item that `supports` it; if the claimant published none, this warning is a true statement about the case");
            out.push(d);
            continue;
        }
        if !inherited.disclosed {
            let mut d = Diagnostic::new(
                Code::UndisclosedOnly,
                format!("claim `{id}` rests only on evidence that was never disclosed"),
            )
            .label(first.span, "this attribution");
            // Its items, a bounded number of them: a long chain of
            // revisions inherits them all.
            let (support_list, _) = record.evidence_of(m, &analysis.current, i);
            for &e in support_list.iter().take(UNDISCLOSED_LABELS) {
                if let Some(dis) = m.evidence[e].disclosed.as_ref() {
                    d = d.label(dis.span, format!("`{}` was not disclosed", m.name(e)));
                }
            }
            out.push(d.help("no one outside can check this attribution; record disclosed evidence if any was published later, by whom and when"));
        }
        if let (Some((s, said)), Some(computed)) = (stated, record.claim_support.get(&i)) {
            let on_record = computed.support.value;
            if said > on_record.saturating_add(INFLATION_GAP) {
                out.push(
                    Diagnostic::new(
                        Code::Inflation,
                        format!(
                            "claim `{id}` states {} ({said}), but the evidence on record gives it a support of {on_record}",
                            s.term.value,
                        ),
                    )
                    .label(s.span, format!("the claimant's stated confidence: {} = {said}", s.term.value))
                    .label(first.span, format!("support from its evidence on record: {on_record} of 100"))
                    .help("record the evidence the claimant relied on, or keep the stated words as they are and let the gap show; `attrib chains --explain` shows the computation"),
                );
            }
        }
    }

    for link in &analysis.links {
        if link.is_structural() {
            continue;
        }
        let from = m.name(link.from);
        let to = m.name(link.to);
        if link.weaknesses.contains(&Weakness::SelfClaimedOnly) {
            let c = link.self_claims[0];
            let span = statement_span(m, c, link.from, link.to);
            out.push(
                Diagnostic::new(
                    Code::SelfClaimOnly,
                    format!("only `{to}`'s own claim links `{from}` to `{to}`"),
                )
                .label(span, "a claim of responsibility by the actor itself")
                .help("a claim of responsibility is not proof of who stands behind it: record who else attributes the event, and on what evidence"),
            );
        }
        if link.weaknesses.contains(&Weakness::MediaOnly) {
            let c = link.all_claims()[0];
            let span = statement_span(m, c, link.from, link.to);
            out.push(
                Diagnostic::new(
                    Code::MediaOnly,
                    format!("the link from `{from}` to `{to}` rests only on media reports"),
                )
                .label(span, "every source behind this traces back to the media")
                .help("find the primary statement or report the media relay, declare it as a source and mark the media copies with `repeats`; if there is none, the link stays weak"),
            );
        }
    }

    circular_sourcing(m, analysis, out);
    rests_on_one_item(m, analysis, out);
}

/// Evidence items that, alone, decide the level word of an assessment's
/// support (Heuer's step 6: the few items a conclusion rests on).
fn rests_on_one_item(m: &Model, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let words = |s: crate::analysis::Support| s.to_string();
    let mut decided: std::collections::BTreeMap<&str, (EvidenceId, Vec<String>)> =
        Default::default();
    for a in &analysis.assessments {
        let Some(r) = a.rests_on else { continue };
        if r.without.level == a.support().level {
            continue;
        }
        // An assessment with one item plainly rests on it (`attrib chains`
        // says so); the warning is for a figure that looks corroborated.
        let items: std::collections::BTreeSet<EvidenceId> = a
            .chains
            .iter()
            .flat_map(|&k| analysis.chains.chains[k].links.iter())
            .flat_map(|&l| analysis.links[l].evidence.iter().copied())
            .collect();
        if items.len() < 2 {
            continue;
        }
        decided
            .entry(m.name(r.item))
            .or_insert_with(|| (r.item, Vec::new()))
            .1
            .push(format!(
                "`{}` → `{}`: {} with it, {} without",
                m.name(a.event),
                m.name(a.responsible),
                words(a.support()),
                words(r.without)
            ));
    }
    for (name, (item, list)) in decided {
        let n = list.len();
        let shown: Vec<&String> = list.iter().take(3).collect();
        let more = if n > 3 {
            format!(", and {} more", n - 3)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                Code::RestsOnOneItem,
                format!(
                    "evidence `{name}` alone decides the level of {} assessment{}: {}{more}",
                    n,
                    if n == 1 { "" } else { "s" },
                    shown
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
            .label(m.head(item.into()).header, "the support rests on this one item")
            .help("a conclusion that one finding decides is fragile (Heuer's step 6): record corroborating evidence from another originator if the sources give any; if they give none, the warning is a true statement about the case"),
        );
    }
}

/// "`july-attack` to `iran`": the ends of an attribution (the reasoning
/// is checked on a file whose references all resolve).
fn attribution_words(m: &Model, s: &Statement) -> String {
    match (s.targets.first(), s.object) {
        (Some(subject), Some(object)) => {
            format!("`{}` to `{}`", m.name(subject.to), m.name(object.to))
        }
        _ => String::new(),
    }
}

/// The span of the statement in claim `c` that asserts the link `from → to`.
fn statement_span(m: &Model, c: ClaimId, from: Node, to: ActorId) -> Span {
    let claim = &m.claims[c];
    for s in &claim.statements {
        let asserts = match s.verb {
            Verb::Attributes => {
                s.targets.first().map(|t| t.to) == Some(from) && s.object.map(|o| o.to) == Some(to)
            }
            Verb::TakesResponsibility => s.targets.iter().any(|e| e.to == from),
            _ => false,
        };
        if asserts {
            return s.span;
        }
    }
    claim.head.header
}

/// Several sources cited together that all repeat one source not cited.
fn circular_sourcing(m: &Model, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    for node in m.nodes() {
        let sources = match node {
            Node::Claim(c) => &m.claims[c].sources,
            Node::Evidence(e) => &m.evidence[e].sources,
            _ => continue,
        };
        let cited: Vec<SourceId> = ids(sources).collect();
        if cited.len() < 2 {
            continue;
        }
        let roots = roots_of(&analysis.record.roots, sources);
        if roots.len() != 1 {
            continue;
        }
        let root = *roots.iter().next().expect("one root");
        if cited.contains(&root) {
            continue;
        }
        let root_id = m.name(root);
        let mut d = Diagnostic::new(
            Code::CircularSourcing,
            format!(
                "the {} sources of `{}` all repeat `{root_id}`: they count as one",
                cited.len(),
                m.name(node)
            ),
        );
        for s in sources {
            d = d.label(s.span, format!("repeats `{root_id}`"));
        }
        d = d.label(m.head(root.into()).name_span, "the one source behind them");
        out.push(d.help(format!(
            "cite `{root_id}` itself beside its copies, so a reader sees the copies add no independent confirmation"
        )));
    }
}
