//! `attrib ach`: the competing hypotheses of a case, as JSON (the contract
//! documented in `docs/json.md`) and as text for people (read from the same
//! model). The figures are the analysis's (`analysis::ach`); nothing is
//! computed here.

use super::Style;
use super::nodes::{NodeOutput, node};
use crate::analysis::ach::{Change, Hyp, Matrix};
use crate::chars::visible;
use crate::compile::Compilation;
use crate::model::{EventId, Model};
use serde::Serialize;
use std::fmt::Write;

/// The version of this JSON contract; `docs/json.md` lists the changes.
pub const VERSION: u32 = 1;

/// What the score is, in the output itself.
pub const SCORE: &str = "weighted inconsistency on the record, not a probability: for each hypothesis, the sum over the items rated against it of 1 (inconsistent) or 2 (very inconsistent) times the item's grade (0-100); the least inconsistent first";

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AchOutput {
    /// The contract's version: 1.
    pub version: u32,
    /// The case header's id; `null` when the file has none.
    pub case: Option<String>,
    /// The as-of date asked for (`--as-of`), as written; `null` for the whole file.
    pub as_of: Option<String>,
    /// What the score measures.
    pub score: &'static str,
    /// One matrix per event that has rated evidence, in event order (by
    /// date, then id).
    pub events: Vec<MatrixOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MatrixOutput {
    pub event: NodeOutput,
    /// The event's date as written.
    pub event_date: Option<String>,
    /// The columns, ranked: the least inconsistent first (ties by id), then
    /// those no item is rated against.
    pub hypotheses: Vec<HypothesisOutput>,
    /// The ids of the hypotheses tied for first place (the lowest score).
    pub first: Vec<String>,
    /// The rows, by the item's date, then id.
    pub rows: Vec<RowOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HypothesisOutput {
    /// An actor's id (a party a claim holds responsible) or a
    /// `hypothesis` declaration's id.
    pub id: String,
    /// `party` or `declared`.
    pub kind: &'static str,
    /// The actor's name or the declaration's title.
    pub title: String,
    /// Whom it makes responsible (ids): the party itself, or the
    /// declaration's `responsible`.
    pub responsible: Vec<String>,
    /// The sources a declaration cites for it (who raised it).
    pub sources: Vec<String>,
    /// 1-based; hypotheses with the same score share a rank. `null` when
    /// no item is rated against it.
    pub rank: Option<usize>,
    /// Weighted inconsistency on the record (see `score` at the top);
    /// `null` when no item is rated against it.
    pub score: Option<u32>,
    /// How many items are rated inconsistent or very inconsistent with it.
    pub against: usize,
    /// How many items are rated against it at all.
    pub rated: usize,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowOutput {
    /// The evidence item's id.
    pub item: String,
    /// The item's grade, 0–100, from the support calculus.
    pub grade: u8,
    /// Its ratings differ across the hypotheses (a cell not rated reads as
    /// neutral).
    pub diagnostic: bool,
    /// One per hypothesis, in the order of `hypotheses`; `null`: not rated.
    pub ratings: Vec<Option<RatingOutput>>,
    /// The changes to this row that would change first place; empty when
    /// none would.
    pub deciding: Vec<ChangeOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RatingOutput {
    /// `very-consistent`, `consistent`, `neutral`, `inconsistent`, `very-inconsistent`.
    pub rating: &'static str,
    /// Heuer's mark: CC, C, N, I, II.
    pub mark: &'static str,
    /// The reason the case gives.
    pub reason: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangeOutput {
    /// `removal` (the item taken off the record) or `re-rating`.
    pub change: &'static str,
    /// For a re-rating: the hypothesis whose rating changes, and to what.
    pub hypothesis: Option<String>,
    pub to: Option<&'static str>,
    /// First place as it would be then (ids).
    pub first: Vec<String>,
}

fn hypothesis(m: &Model, h: Hyp) -> (String, &'static str, Vec<String>, Vec<String>) {
    match h {
        Hyp::Party(a) => (
            m.display_name(a).to_string(),
            "party",
            vec![m.name(a).to_string()],
            Vec::new(),
        ),
        Hyp::Declared(d) => {
            let hyp = &m.hypotheses[d];
            (
                m.display_name(d).to_string(),
                "declared",
                hyp.responsible
                    .iter()
                    .map(|r| m.name(r.to).to_string())
                    .collect(),
                hyp.sources
                    .iter()
                    .map(|s| m.name(s.to).to_string())
                    .collect(),
            )
        }
    }
}

/// One event's matrix in words and figures.
pub fn matrix(m: &Model, x: &Matrix) -> MatrixOutput {
    let id = |k: usize| m.name(x.columns[k].hyp.node()).to_string();
    let mut rank = 0;
    let mut last: Option<u32> = None;
    let hypotheses = x
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (title, kind, responsible, sources) = hypothesis(m, c.hyp);
            if c.score.is_some() && c.score != last {
                rank = k + 1;
                last = c.score;
            }
            HypothesisOutput {
                id: id(k),
                kind,
                title,
                responsible,
                sources,
                rank: c.score.map(|_| rank),
                score: c.score,
                against: c.against,
                rated: c.rated,
            }
        })
        .collect();
    let rows = x
        .rows
        .iter()
        .map(|r| {
            let item = &m.evidence[r.item];
            RowOutput {
                item: m.name(r.item).to_string(),
                grade: r.grade,
                diagnostic: r.diagnostic,
                ratings: r
                    .cells
                    .iter()
                    .map(|c| {
                        c.map(|c| RatingOutput {
                            rating: c.rating.word(),
                            mark: c.rating.mark(),
                            reason: item.ratings[c.rated].reason.value.clone(),
                        })
                    })
                    .collect(),
                deciding: r
                    .flips
                    .iter()
                    .map(|f| {
                        let (change, hypothesis, to) = match f.change {
                            Change::Removal => ("removal", None, None),
                            Change::Rerating { column, to } => {
                                ("re-rating", Some(id(column)), Some(to.word()))
                            }
                        };
                        ChangeOutput {
                            change,
                            hypothesis,
                            to,
                            first: f.first.iter().map(|&k| id(k)).collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    MatrixOutput {
        event: node(m, x.event),
        event_date: m.events[x.event].date.as_ref().map(|d| d.value.to_string()),
        hypotheses,
        first: x.first.iter().map(|&k| id(k)).collect(),
        rows,
    }
}

/// The matrices of a compiled file, all of them or one event's.
pub fn matrices(c: &Compilation, event: Option<EventId>) -> Vec<MatrixOutput> {
    c.analysis
        .ach
        .matrices
        .iter()
        .filter(|x| event.is_none_or(|e| x.event == e))
        .map(|x| matrix(&c.model, x))
        .collect()
}

/// Build the model from a compiled file: every event's matrix, or the
/// one event named (an error when the case has no event of that id).
pub fn build(c: &Compilation, event: Option<&str>) -> Result<AchOutput, String> {
    let event = match event {
        None => None,
        Some(id) => match c.model.events.iter().find(|(_, e)| e.head.name == id) {
            Some((e, _)) => Some(e),
            None => {
                return Err(format!(
                    "`{}` is not an event of the case",
                    visible(id, false)
                ));
            }
        },
    };
    Ok(AchOutput {
        version: VERSION,
        case: c.case_id().map(str::to_string),
        as_of: c.analysis.view.as_of.map(|d| d.to_string()),
        score: SCORE,
        events: matrices(c, event),
    })
}

impl AchOutput {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("ACH output serialises")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Words for a list of ids: `a`, `a, b (tied)`, `none rated`.
fn first_words(first: &[String]) -> String {
    match first.len() {
        0 => "no hypothesis rated".to_string(),
        1 => first[0].clone(),
        _ => format!("{} (tied)", first.join(", ")),
    }
}

/// The legend of the matrix marks.
pub const MARKS: &str = "CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, . not rated";

/// `attrib ach` for people.
pub fn render(model: &AchOutput, style: Style) -> String {
    let bold = |t: &str| {
        if style.color {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let mut out = String::new();
    let case = model.case.as_deref().unwrap_or("(no case header)");
    let n = model.events.len();
    let _ = write!(
        out,
        "case {}: competing hypotheses for {n} event{}",
        visible(case, false),
        plural(n)
    );
    if let Some(d) = &model.as_of {
        let _ = write!(out, ", as of {d}");
    }
    out.push('\n');
    let _ = writeln!(out, "score: {SCORE}");
    if n == 0 {
        let _ = writeln!(
            out,
            "\nno evidence item is rated against a hypothesis (`rated … with …` in an evidence item: docs/ach.md)"
        );
    }
    for x in &model.events {
        out.push('\n');
        let mut heading = x.event.id.clone();
        if x.event.name != x.event.id {
            let _ = write!(heading, ": {}", visible(&x.event.name, false));
        }
        if let Some(d) = &x.event_date {
            let _ = write!(heading, ", {d}");
        }
        let _ = writeln!(out, "{}", bold(&heading));
        let idw = x
            .hypotheses
            .iter()
            .map(|h| h.id.chars().count())
            .max()
            .unwrap_or(0);
        let figures: Vec<String> = x
            .hypotheses
            .iter()
            .map(|h| match (h.rank, h.score) {
                (Some(r), Some(s)) => format!(
                    "{r:>2}. score {s:>4}, {} of {} item{} against",
                    h.against,
                    h.rated,
                    plural(h.rated)
                ),
                _ => " -. not rated".to_string(),
            })
            .collect();
        let figw = figures.iter().map(|f| f.chars().count()).max().unwrap_or(0);
        let _ = writeln!(out, "  hypotheses, least inconsistent first:");
        for (k, (h, figure)) in x.hypotheses.iter().zip(&figures).enumerate() {
            let key = format!("H{}", k + 1);
            let _ = writeln!(
                out,
                "    {key:<4}{figure:<figw$}  {:<idw$}  {}",
                h.id,
                visible(&h.title, false)
            );
        }
        let _ = writeln!(out, "  first place: {}", first_words(&x.first));

        // The matrix.
        let itemw = x
            .rows
            .iter()
            .map(|r| r.item.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        let _ = writeln!(out, "  matrix ({MARKS}):");
        let mut head = format!("    {:<itemw$}  grade", "item");
        for k in 0..x.hypotheses.len() {
            let _ = write!(head, " {:>3}", format!("H{}", k + 1));
        }
        let _ = writeln!(out, "{}", head.trim_end());
        for r in &x.rows {
            let mut line = format!("    {:<itemw$}  {:>5}", r.item, r.grade);
            for c in &r.ratings {
                let _ = write!(line, " {:>3}", c.as_ref().map_or(".", |c| c.mark));
            }
            let mut notes = Vec::new();
            if !r.deciding.is_empty() {
                notes.push("deciding");
            }
            if !r.diagnostic {
                notes.push("not diagnostic");
            }
            if !notes.is_empty() {
                let _ = write!(line, "   {}", notes.join(", "));
            }
            let _ = writeln!(out, "{line}");
        }

        // What decides first place.
        let deciding: Vec<&RowOutput> = x.rows.iter().filter(|r| !r.deciding.is_empty()).collect();
        if deciding.is_empty() {
            let _ = writeln!(
                out,
                "  deciding: no single item's removal or re-rating changes first place"
            );
        } else {
            let _ = writeln!(
                out,
                "  deciding: the items whose removal or re-rating changes first place"
            );
            for r in deciding {
                for c in &r.deciding {
                    let what = match (c.hypothesis.as_deref(), c.to) {
                        (Some(h), Some(to)) => format!("re-rated {to} with {h}"),
                        _ => "without it".to_string(),
                    };
                    let _ = writeln!(
                        out,
                        "    {}: {what}, first place would be {}",
                        r.item,
                        first_words(&c.first)
                    );
                }
            }
        }
        let silent: Vec<&str> = x
            .rows
            .iter()
            .filter(|r| !r.diagnostic)
            .map(|r| r.item.as_str())
            .collect();
        if !silent.is_empty() {
            let _ = writeln!(
                out,
                "  not diagnostic (rated the same against every hypothesis, so they tell none apart): {}",
                silent.join(", ")
            );
        }

        // The reasons, row by row: a reason given for several hypotheses
        // at once is written once.
        let _ = writeln!(out, "  reasons:");
        for r in &x.rows {
            let _ = writeln!(out, "    {} (grade {})", r.item, r.grade);
            let mut done = vec![false; r.ratings.len()];
            for (k, c) in r.ratings.iter().enumerate() {
                let Some(c) = c else { continue };
                if done[k] {
                    continue;
                }
                let mut with = Vec::new();
                for (j, other) in r.ratings.iter().enumerate().skip(k) {
                    if other
                        .as_ref()
                        .is_some_and(|o| o.mark == c.mark && o.reason == c.reason)
                    {
                        done[j] = true;
                        with.push(format!("H{} {}", j + 1, x.hypotheses[j].id));
                    }
                }
                let _ = writeln!(
                    out,
                    "      {:<2} {}: \"{}\"",
                    c.mark,
                    with.join(", "),
                    visible(&c.reason, false)
                );
            }
        }
    }
    out
}
