//! `attrib chains` for people: who is held responsible for what, by whom,
//! on what and since when (the assessments) first, then every chain link by
//! link.
//!
//! Stated confidence (the claimant's) and support (attrib's figure for the
//! record) are never on the same line.

use super::Style;
use super::chains_json::{
    AssessmentOutput, AttributorOutput, ChainsOutput, LinkOutput, StatedOutput, SupportOutput,
};
use super::words;
use crate::analysis::Group;
use crate::analysis::Participation;
use std::fmt::Write;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
    fn weak(&self, t: &str) -> String {
        self.wrap("33", t)
    }
    fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn support(s: &SupportOutput) -> String {
    format!("{} of 100 ({})", s.value, words::level(s.level))
}

/// `they stated high "high confidence"`
fn stated(s: &StatedOutput) -> String {
    match &s.words {
        Some(w) => format!("stated {} \"{w}\"", s.term),
        None => format!("stated {}", s.term),
    }
}

fn group_heading(g: Group, n: usize) -> String {
    let word = match g {
        Group::State => "state",
        Group::InternationalOrganisation => "international organisation",
        Group::Vendor => "vendor",
        Group::Media => "media outlet",
        Group::Other => "other",
        Group::Actors => "the actors themselves",
    };
    match g {
        Group::Actors => word.to_string(),
        Group::Other => format!("{n} other{}", plural(n)),
        _ => format!("{n} {word}{}", plural(n)),
    }
}

/// Render the chains of one case: its assessments, then its chains.
pub fn render(model: &ChainsOutput, style: Style) -> String {
    let mut out = assessments(model, style);
    out.push_str(&chains(model, style));
    out
}

/// The first part of [`render`]: the case's heading line and its
/// assessments (the playground shows them in a pane of their own).
pub fn assessments(model: &ChainsOutput, style: Style) -> String {
    let p = Paint { on: style.color };
    let mut out = String::new();
    let case = model.case.as_deref().unwrap_or("(no case header)");
    let _ = write!(
        out,
        "{} {case}: {} assessment{}, {} chain{}",
        p.bold("case"),
        model.assessments.len(),
        plural(model.assessments.len()),
        model.chains.len(),
        plural(model.chains.len())
    );
    if let Some(d) = &model.as_of {
        let _ = write!(out, ", as of {d}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        p.dim("support: how far the evidence on record backs an attribution, 0-100 (not a likelihood); stated confidence is the claimant's own")
    );
    if !model.left_out_uncertain.is_empty() {
        let _ = writeln!(
            out,
            "{} {}",
            p.dim("left out, dated too coarsely to tell whether by then:"),
            model.left_out_uncertain.join(", ")
        );
    }
    if model.chains.is_empty() {
        let _ = writeln!(out, "\nNo event is attributed to anyone in this file.");
    }
    for a in &model.assessments {
        assessment(&mut out, model, a, &p);
    }
    out
}

/// The second part of [`render`]: every chain link by link, and the search
/// notes.
pub fn chains(model: &ChainsOutput, style: Style) -> String {
    let p = Paint { on: style.color };
    let mut out = String::new();
    if !model.chains.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("Chains"));
    }
    for (k, chain) in model.chains.iter().enumerate() {
        out.push('\n');
        let route: Vec<&str> = std::iter::once(chain.event.id.as_str())
            .chain(chain.links.iter().map(|l| l.to.id.as_str()))
            .collect();
        let by: Vec<&str> = chain.asserted_by.iter().map(|n| n.id.as_str()).collect();
        let joined = chain.joins.as_ref().map_or(String::new(), |j| {
            let via: Vec<&str> = j.via.iter().map(|n| n.id.as_str()).collect();
            format!(
                ", joining {}'s attribution to {}",
                via.join(", "),
                chain.links[j.at_link].from.id
            )
        });
        let _ = writeln!(
            out,
            "{} {}   {}",
            p.bold(&format!("chain {}:", k + 1)),
            p.bold(&route.join(" → ")),
            p.dim(&format!("asserted by {}{joined}", by.join(", ")))
        );
        let _ = writeln!(
            out,
            "  from {} ({}) to {} ({}), support {}",
            chain.event.name,
            chain.event.kind,
            chain.responsible.name,
            chain.responsible.kind,
            support(&chain.support)
        );
        for (i, link) in chain.links.iter().enumerate() {
            let marker = if i == chain.weakest_link && chain.links.len() > 1 {
                p.weak("  ← weakest")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}. {} —{}→ {}   support {}{marker}",
                i + 1,
                link.from.id,
                relation(link),
                link.to.id,
                link.support.value
            );
            details(&mut out, model, link, &p);
        }
        if !chain.agrees_with.is_empty() {
            let others: Vec<String> = chain
                .agrees_with
                .iter()
                .map(|j| (j + 1).to_string())
                .collect();
            let _ = writeln!(
                out,
                "  {} chain{} {} (from {} to {} too)",
                p.dim("agrees with"),
                plural(others.len()),
                others.join(", "),
                chain.event.id,
                chain.responsible.id
            );
        }
    }
    if !model.notes.is_empty() {
        out.push('\n');
        for n in &model.notes {
            let _ = writeln!(out, "note: {n}");
        }
    }
    out
}

fn assessment(out: &mut String, model: &ChainsOutput, a: &AssessmentOutput, p: &Paint) {
    out.push('\n');
    let _ = writeln!(
        out,
        "{} {}",
        p.bold(&format!("{} → {}", a.event.id, a.responsible.name)),
        p.dim(&format!("({})", a.responsible.kind))
    );
    match &a.event_date {
        Some(d) => {
            let _ = writeln!(out, "  {:<12} {}, {d}", "event", a.event.name);
        }
        None => {
            let _ = writeln!(out, "  {:<12} {}", "event", a.event.name);
        }
    }
    // Attributors by group.
    let mut k = 0;
    while k < a.attributors.len() {
        let group = a.attributors[k].group;
        let members: Vec<&AttributorOutput> = a.attributors[k..]
            .iter()
            .take_while(|x| x.group == group)
            .collect();
        k += members.len();
        let heading = if group == Group::State {
            let n = a.states.len();
            format!("{n} state{}", plural(n))
        } else {
            group_heading(group, members.len())
        };
        let _ = writeln!(out, "  {}", p.dim(&format!("{heading}:")));
        for m in members {
            attributor_line(out, model, a, m);
        }
    }
    let _ = writeln!(out, "  {:<12} {}", "support", support(&a.support));
    // Whose figure, when more than one kind of attributor has chains.
    if a.support_by.len() > 1 {
        let by: Vec<String> = a
            .support_by
            .iter()
            .map(|(voices, s)| format!("by {voices} {}", support(s)))
            .collect();
        let _ = writeln!(out, "  {:<12} {}", "", by.join("; "));
    }
    if let Some(r) = &a.rests_on {
        let _ = writeln!(
            out,
            "  {:<12} {}: {} → {} without it",
            "rests on",
            r.item,
            a.support.value,
            support(&r.without)
        );
    }
    for s in a.support.explanation.iter().flatten() {
        let _ = writeln!(out, "  {:<12} {}", "", p.dim(&format!("· {s}")));
    }
    let mut answered = |label: &str, list: &[String]| {
        if list.is_empty() {
            return;
        }
        // One claim a line, under the first: a list of denials on one
        // line runs far past the edge of a terminal.
        for (i, c) in list.iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            let _ = writeln!(out, "  {:<12} {}", label, claim_by_date(model, c));
        }
    };
    answered("denied by", &a.denied_by);
    answered("disputed by", &a.disputed_by);
    answered("relayed by", &a.acknowledged_by);
    if !a.contradicting.is_empty() {
        let _ = writeln!(out, "  {:<12} {}", "against", a.contradicting.join(", "));
    }
    for (f, how) in [
        (&a.first_attribution_unofficial, " without names,"),
        (&a.first_attribution, ""),
    ] {
        let Some(f) = f else { continue };
        let days = match &f.days_from_event {
            Some(d) if d.fewest == d.most => format!(", {} days after the event", d.fewest),
            Some(d) => format!(
                ", {} to {} days after the event (dates of that precision)",
                d.fewest, d.most
            ),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {:<12} {}{how} by {}{days}",
            "first",
            f.date,
            f.by.join(", ")
        );
    }
    let chains: Vec<String> = a.chains.iter().map(|c| (c + 1).to_string()).collect();
    let _ = writeln!(
        out,
        "  {:<12} {}",
        format!("chain{}", plural(chains.len())),
        chains.join(", ")
    );
}

/// One attributor: who, for which state, when, what they stated, by which route.
fn attributor_line(
    out: &mut String,
    model: &ChainsOutput,
    a: &AssessmentOutput,
    m: &AttributorOutput,
) {
    let who = match &m.state {
        Some(state) => format!("{} ({})", m.actor.id, state.name),
        None if m.group == Group::State => format!("{} ({})", m.actor.id, m.actor.name),
        None => m.actor.id.clone(),
    };
    let mut parts = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    for d in m
        .history
        .iter()
        .filter(|h| h.current)
        .filter_map(|h| h.date.clone())
    {
        if !dates.contains(&d) {
            dates.push(d);
        }
    }
    if !dates.is_empty() {
        parts.push(dates.join(", "));
    }
    match m.participation {
        Participation::Endorses => parts.push("endorses".into()),
        Participation::ClaimsResponsibility => parts.push("claims it".into()),
        Participation::Attributes => {}
    }
    if let Some(s) = &m.stated {
        parts.push(format!("they {}", stated(s)));
    }
    if m.unofficial {
        parts.push("without names (unofficial)".into());
    }
    if m.unconfirmed {
        parts.push("unconfirmed".into());
    }
    if !m.via.is_empty() {
        parts.push(format!(
            "by a group-to-state claim joined to {}'s attribution",
            m.via.join(", ")
        ));
    }
    // The route, when it passes through others.
    // The routes through others, each with the events (parts of this one)
    // it starts from; a route that another extends is left out.
    let mut routes: Vec<(Vec<String>, Vec<&str>)> = Vec::new();
    for c in m.chains.iter().filter_map(|&c| model.chains.get(c)) {
        // A joined chain's group is where others' attribution ends.
        let through: Vec<String> = c.links[..c.links.len() - 1]
            .iter()
            .enumerate()
            .map(|(i, l)| match &c.joins {
                Some(j) if j.at_link == i + 1 => {
                    let via: Vec<&str> = j.via.iter().map(|n| n.id.as_str()).collect();
                    format!("{} (per {})", l.to.id, via.join(", "))
                }
                _ => l.to.id.clone(),
            })
            .collect();
        match routes.iter_mut().find(|(r, _)| *r == through) {
            Some((_, events)) if !events.contains(&c.event.id.as_str()) => {
                events.push(c.event.id.as_str())
            }
            Some(_) => {}
            None => routes.push((through, vec![c.event.id.as_str()])),
        }
    }
    let extended = |r: &[String], events: &[&str]| {
        routes.iter().any(|(o, oe)| {
            o.len() > r.len() && o.starts_with(r) && events.iter().all(|e| oe.contains(e))
        })
    };
    let shown: Vec<String> = routes
        .iter()
        .filter(|(r, events)| !r.is_empty() && !extended(r, events))
        .map(|(r, events)| {
            let on: Vec<&str> = events
                .iter()
                .copied()
                .filter(|e| *e != a.event.id)
                .collect();
            if on.is_empty() {
                r.join(" → ")
            } else {
                format!("{} (on {})", r.join(" → "), on.join(", "))
            }
        })
        .collect();
    let parts_of_event: Vec<&str> = routes
        .iter()
        .filter(|(r, _)| r.is_empty())
        .flat_map(|(_, events)| events.iter().copied())
        .filter(|e| *e != a.event.id)
        .collect();
    if !parts_of_event.is_empty() {
        parts.push(format!("directly on {}", parts_of_event.join(", ")));
    }
    let _ = writeln!(out, "    {who}: {}", parts.join(", "));
    for route in &shown {
        let _ = writeln!(out, "      via {route}");
    }
    let earlier: Vec<&super::chains_json::HistoryOutput> =
        m.history.iter().filter(|h| !h.current).collect();
    for h in earlier {
        let mut e = format!(
            "      earlier: {} {}",
            h.date.as_deref().unwrap_or("undated"),
            h.claim
        );
        if !h.named.is_empty() {
            let _ = write!(e, ", named {}", h.named.join(", "));
        }
        if let Some(s) = &h.stated {
            let _ = write!(e, ", {}", stated(s));
        }
        let _ = writeln!(out, "{e}");
    }
}

/// "iran-denial (by nasser-kanaani, 2022-09-07)"
fn claim_by_date(model: &ChainsOutput, claim: &str) -> String {
    match model.claims.get(claim) {
        Some(c) => {
            let mut parts = Vec::new();
            if !c.by.is_empty() {
                parts.push(format!("by {}", c.by.join(", ")));
            }
            if let Some(d) = &c.date {
                parts.push(d.clone());
            }
            format!("{claim} ({})", parts.join(", "))
        }
        None => claim.to_string(),
    }
}

fn relation(link: &LinkOutput) -> String {
    if link.roles.is_empty() {
        link.relation.to_string()
    } else if link.relation == "attribution" {
        link.roles.join(", ")
    } else {
        format!("{}; {}", link.relation, link.roles.join(", "))
    }
}

fn details(out: &mut String, model: &ChainsOutput, link: &LinkOutput, p: &Paint) {
    let mut row = |label: String, text: &str| {
        let _ = writeln!(out, "       {label} {text}");
    };
    for c in &link.claims {
        let mut line = c.clone();
        if let Some(claim) = model.claims.get(c) {
            let mut parts = Vec::new();
            if !claim.by.is_empty() {
                parts.push(format!("by {}", claim.by.join(", ")));
            }
            if let Some(d) = &claim.date {
                parts.push(d.clone());
            }
            if let Some(s) = &claim.stated {
                parts.push(format!("they {}", stated(s)));
            }
            if let Some(r) = &claim.revises {
                parts.push(format!("revises {r}"));
            }
            if claim.unconfirmed.is_some() {
                parts.push("unconfirmed".into());
            }
            line = format!("{c} ({})", parts.join(", "));
        }
        row(p.dim("claim   "), &line);
    }
    for e in &link.evidence {
        row(p.dim("evidence"), &evidence_line(model, e));
    }
    for e in &link.contradicting {
        row(p.weak("against "), &evidence_line(model, e));
    }
    if !link.sources.is_empty() {
        row(p.dim("per     "), &link.sources.join(", "));
    }
    let answers = [
        (p.weak("denied  "), &link.denials),
        (p.weak("disputed"), &link.disputes),
        (p.dim("endorsed"), &link.endorsed_by),
        (p.dim("relayed "), &link.acknowledged_by),
    ];
    for (label, claims) in answers {
        for c in claims {
            row(label.clone(), &claim_by_date(model, c));
        }
    }
    if !link.weaknesses.is_empty() {
        row(p.weak("weak    "), &link.weaknesses.join(", "));
    }
    for s in link.support.explanation.iter().flatten() {
        row(p.dim("  ·"), s);
    }
}

fn evidence_line(model: &ChainsOutput, id: &str) -> String {
    match model.evidence.get(id) {
        Some(e) => {
            let mut parts = Vec::new();
            if let Some(c) = e.class {
                parts.push(c.to_string());
            }
            if let Some(c) = e.credibility {
                parts.push(format!("credibility {c}"));
            }
            match e.disclosed {
                Some("no") => parts.push("undisclosed".into()),
                Some("partly") => parts.push("partly disclosed".into()),
                _ => {}
            }
            parts.push(format!("grade {}", e.grade));
            format!("{id} ({})", parts.join(", "))
        }
        None => id.to_string(),
    }
}
