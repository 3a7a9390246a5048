//! `attrib chains` for people.

use super::Style;
use super::chains_json::{ChainsOutput, LinkOutput};
use crate::confidence;
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

/// Render the chains of one case.
pub fn render(model: &ChainsOutput, style: Style) -> String {
    let p = Paint { on: style.color };
    let mut out = String::new();
    let case = model.case.as_deref().unwrap_or("(no case header)");
    let _ = writeln!(
        out,
        "{} {case}: {} chain{}",
        p.bold("case"),
        model.chains.len(),
        plural(model.chains.len())
    );
    if model.chains.is_empty() {
        let _ = writeln!(out, "\nNo event is attributed to anyone in this file.");
    }
    for (k, chain) in model.chains.iter().enumerate() {
        out.push('\n');
        let route: Vec<&str> = std::iter::once(chain.event.id.as_str())
            .chain(chain.links.iter().map(|l| l.to.id.as_str()))
            .collect();
        let by: Vec<&str> = chain.asserted_by.iter().map(|n| n.id.as_str()).collect();
        let _ = writeln!(
            out,
            "{} {}   {}",
            p.bold(&format!("chain {}:", k + 1)),
            p.bold(&route.join(" → ")),
            p.dim(&format!("asserted by {}", by.join(", ")))
        );
        let _ = writeln!(
            out,
            "  from {} ({}) to {} ({}), confidence {}",
            chain.event.name,
            chain.event.kind,
            chain.responsible.name,
            chain.responsible.kind,
            confidence::describe(chain.confidence)
        );
        for (i, link) in chain.links.iter().enumerate() {
            let marker = if i == chain.weakest_link && chain.links.len() > 1 {
                p.weak("  ← weakest")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}. {} —{}→ {}   {}{marker}",
                i + 1,
                link.from.id,
                relation(link),
                link.to.id,
                link.confidence
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
    let pad = "       ";
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
                match &s.words {
                    Some(w) => parts.push(format!("stated {} \"{w}\"", s.term)),
                    None => parts.push(format!("stated {}", s.term)),
                }
            }
            if claim.unconfirmed.is_some() {
                parts.push("unconfirmed".into());
            }
            line = format!("{c} ({})", parts.join(", "));
        }
        let _ = writeln!(out, "{pad}{} {line}", p.dim("claim   "));
    }
    for e in &link.evidence {
        let _ = writeln!(
            out,
            "{pad}{} {}",
            p.dim("evidence"),
            evidence_line(model, e)
        );
    }
    for e in &link.contradicting {
        let _ = writeln!(
            out,
            "{pad}{} {}",
            p.weak("against "),
            evidence_line(model, e)
        );
    }
    if !link.sources.is_empty() {
        let _ = writeln!(
            out,
            "{pad}{} {}",
            p.dim("per     "),
            link.sources.join(", ")
        );
    }
    for d in &link.denials {
        let _ = writeln!(out, "{pad}{} {d}{}", p.weak("denied  "), by_whom(model, d));
    }
    for a in &link.endorsed_by {
        let _ = writeln!(out, "{pad}{} {a}{}", p.dim("endorsed"), by_whom(model, a));
    }
    for a in &link.acknowledged_by {
        let _ = writeln!(out, "{pad}{} {a}{}", p.dim("relayed "), by_whom(model, a));
    }
    if !link.weaknesses.is_empty() {
        let _ = writeln!(
            out,
            "{pad}{} {}",
            p.weak("weak    "),
            link.weaknesses.join(", ")
        );
    }
    if let Some(steps) = &link.explanation {
        for s in steps {
            let _ = writeln!(out, "{pad}{} {s}", p.dim("  ·"));
        }
    }
}

/// " (by nasser-kanaani)" for a claim id.
fn by_whom(model: &ChainsOutput, claim: &str) -> String {
    match model.claims.get(claim) {
        Some(c) if !c.by.is_empty() => format!(" (by {})", c.by.join(", ")),
        _ => String::new(),
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
