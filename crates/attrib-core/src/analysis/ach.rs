//! The Analysis of Competing Hypotheses (Heuer, *Psychology of
//! Intelligence Analysis*, ch. 8), compiled from the case (`docs/ach.md`).
//!
//! For each event weighed: its hypotheses (every party an assessment holds
//! responsible for it, and the `hypothesis` declarations that explain it),
//! the matrix of the evidence items rated against them, each item with its
//! grade from the support calculus (`Record::grades`, never recomputed
//! here), a weighted inconsistency score per hypothesis, the ranking (least
//! inconsistent first), each row's diagnosticity and the sensitivity of
//! first place to each row. Typed data only: the wording is the renderers'.
//!
//! Which events are weighed: those with a hypothesis, except an event that
//! is part of another (it is weighed with its whole, as its assessments
//! are) unless a declaration explains it. An item is a row of an event's
//! matrix when it bears on the event (it supports or contradicts a claim
//! about the event or a part of it, it is evidence of a link on one of the
//! event's chains, or it rates a hypothesis that explains the event) and
//! rates at least one of the event's hypotheses.

use super::assessments::{Assessment, Participation, event_and_wholes};
use super::chains::Chain;
use super::links::{Link, Record};
use crate::model::*;
use crate::vocab::{ActorKind, Rating};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// A hypothesis: a party some claim holds responsible, or a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hyp {
    Party(ActorId),
    Declared(HypothesisId),
}

impl Hyp {
    pub fn node(self) -> Node {
        match self {
            Hyp::Party(a) => Node::Actor(a),
            Hyp::Declared(h) => Node::Hypothesis(h),
        }
    }

    /// The hypothesis a rating's reference names, if it can name one.
    pub fn of(node: Node) -> Option<Hyp> {
        match node {
            Node::Actor(a) => Some(Hyp::Party(a)),
            Node::Hypothesis(h) => Some(Hyp::Declared(h)),
            _ => None,
        }
    }
}

/// One rating in the matrix: which `rated` line of the item gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub rating: Rating,
    /// The index in the item's `ratings`.
    pub rated: usize,
}

/// A change to one row that would change first place: bring another
/// hypothesis into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The item taken off the record.
    Removal,
    /// One of its ratings changed: the column (an index in
    /// [`Matrix::columns`]) and the rating that would change first place.
    Rerating { column: usize, to: Rating },
}

/// What a change would do: first place as it would be then (column
/// indexes; empty when no hypothesis would be rated any more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flip {
    pub change: Change,
    pub first: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub item: EvidenceId,
    /// The item's grade (0–100) from the support calculus.
    pub grade: u8,
    /// One per column; `None`: not rated against that hypothesis.
    pub cells: Vec<Option<Cell>>,
    /// Its ratings differ across the hypotheses (a cell not rated reads as
    /// neutral): it helps tell them apart.
    pub diagnostic: bool,
    /// The changes to this row that would change first place (removal
    /// first, then re-ratings by column).
    pub flips: Vec<Flip>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub hyp: Hyp,
    /// Σ against(rating) × grade over its cells; `None` when no item rates
    /// it (it is then not ranked).
    pub score: Option<u32>,
    /// How many items are rated against it (inconsistent or very inconsistent).
    pub against: usize,
    /// How many items rate it at all.
    pub rated: usize,
}

/// The matrix of one event.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub event: EventId,
    /// In ranking order: the rated hypotheses by score, then id; then those
    /// no item rates, by id.
    pub columns: Vec<Column>,
    /// By date, then id.
    pub rows: Vec<Row>,
    /// The columns tied for first place (the lowest score).
    pub first: Vec<usize>,
}

impl Matrix {
    /// The rows whose removal or re-rating would change first place.
    pub fn deciding(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| !r.flips.is_empty())
    }
}

/// A rating that names an actor no claim holds responsible for an event the
/// item bears on: it enters no matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unmatched {
    pub item: EvidenceId,
    /// The index in the item's `ratings`.
    pub rated: usize,
    /// The index in that rating's `hypotheses`.
    pub named: usize,
}

/// Everything ACH derives from a case.
#[derive(Debug, Clone, Default)]
pub struct Ach {
    /// Whether the case uses ACH at all: it declares a hypothesis or rates
    /// an item. Its diagnostics speak only then.
    pub used: bool,
    /// Every event weighed, in event order, with its hypotheses (parties by
    /// id, then declarations by id).
    pub weighed: Vec<(EventId, Vec<Hyp>)>,
    /// The events that have a matrix (at least one row), in event order.
    pub matrices: Vec<Matrix>,
    /// Ratings that enter no matrix, by item id.
    pub unmatched: Vec<Unmatched>,
}

impl Ach {
    /// The matrix of an event, if it has one.
    pub fn matrix(&self, event: EventId) -> Option<&Matrix> {
        self.matrices.iter().find(|x| x.event == event)
    }
}

/// Whether a party held responsible is only the attacker's own voice: a
/// persona, or a party only its own claim holds responsible.
pub fn self_claimed(m: &Model, a: &Assessment) -> bool {
    m.actors[a.responsible].kind == Some(ActorKind::Persona)
        || a.attributors
            .iter()
            .all(|x| x.participation == Participation::ClaimsResponsibility)
}

/// Compute ACH for the case as the view shows it.
pub fn build(
    m: &Model,
    record: &Record,
    links: &[Link],
    chains: &[Chain],
    assessments: &[Assessment],
    events: &[EventId],
) -> Ach {
    let used = !m.hypotheses.is_empty() || m.evidence.values().any(|e| !e.ratings.is_empty());
    if !used {
        return Ach::default();
    }
    // Hypotheses per event: parties, then declarations.
    let mut parties: HashMap<EventId, Vec<ActorId>> = HashMap::default();
    for a in assessments {
        parties.entry(a.event).or_default().push(a.responsible);
    }
    let mut declared: HashMap<EventId, Vec<HypothesisId>> = HashMap::default();
    for (h, hyp) in m.hypotheses.iter() {
        for e in ids(&hyp.explains) {
            declared.entry(e).or_default().push(h);
        }
    }
    // The rated items in view, and the events each bears on.
    let rated: BTreeSet<EvidenceId> = m
        .evidence
        .iter()
        .filter(|(i, e)| !e.ratings.is_empty() && record.grades.contains_key(i))
        .map(|(i, _)| i)
        .collect();
    let mut bears: HashMap<EvidenceId, BTreeSet<EventId>> = HashMap::default();
    let mut wholes: HashMap<EventId, Vec<EventId>> = HashMap::default();
    let mut up = |e: EventId| -> Vec<EventId> {
        wholes
            .entry(e)
            .or_insert_with(|| event_and_wholes(m, e))
            .clone()
    };
    for &i in &rated {
        let item = &m.evidence[i];
        let mut set = BTreeSet::new();
        for c in ids(&item.supports).chain(ids(&item.contradicts)) {
            for s in &m.claims[c].statements {
                for t in s.targets.iter().filter_map(|t| t.to.event()) {
                    set.extend(up(t));
                }
            }
        }
        for r in &item.ratings {
            for h in r.hypotheses.iter().filter_map(|h| match h.to {
                Node::Hypothesis(h) => Some(h),
                _ => None,
            }) {
                set.extend(ids(&m.hypotheses[h].explains));
            }
        }
        bears.insert(i, set);
    }
    // The actors on the chains from each event (and the events it is part
    // of): a rating may name any of them — the GRU, on the way from the
    // officers a claim names to Russia — and so make it a hypothesis.
    let mut on_chains: HashMap<EventId, BTreeSet<ActorId>> = HashMap::default();
    for chain in chains {
        for e in up(chain.event) {
            on_chains
                .entry(e)
                .or_default()
                .extend(chain.links.iter().map(|&l| links[l].to));
        }
        let items: Vec<EvidenceId> = chain
            .links
            .iter()
            .flat_map(|&l| links[l].evidence.iter().chain(&links[l].contra))
            .copied()
            .filter(|e| rated.contains(e))
            .collect();
        if items.is_empty() {
            continue;
        }
        let events = up(chain.event);
        for e in items {
            bears.entry(e).or_default().extend(events.iter().copied());
        }
    }

    for &i in &rated {
        for e in bears.get(&i).into_iter().flatten() {
            let Some(reached) = on_chains.get(e) else {
                continue;
            };
            let ps = parties.entry(*e).or_default();
            for r in &m.evidence[i].ratings {
                for h in &r.hypotheses {
                    if let Node::Actor(a) = h.to
                        && reached.contains(&a)
                        && !ps.contains(&a)
                    {
                        ps.push(a);
                    }
                }
            }
        }
    }
    let mut weighed: Vec<(EventId, Vec<Hyp>)> = Vec::new();
    for &e in events {
        let explained = declared.get(&e);
        let is_part = !m.events[e].part_of.is_empty();
        if is_part && explained.is_none() {
            continue;
        }
        let mut ps = parties.get(&e).cloned().unwrap_or_default();
        m.sort_by_name(&mut ps);
        let mut ds = explained.cloned().unwrap_or_default();
        m.sort_by_name(&mut ds);
        let hyps: Vec<Hyp> = ps
            .into_iter()
            .map(Hyp::Party)
            .chain(ds.into_iter().map(Hyp::Declared))
            .collect();
        if !hyps.is_empty() {
            weighed.push((e, hyps));
        }
    }

    // Matrices.
    let mut matched: BTreeSet<(EvidenceId, usize, usize)> = BTreeSet::new();
    let mut matrices = Vec::new();
    for (event, hyps) in &weighed {
        let column_of: HashMap<Hyp, usize> =
            hyps.iter().enumerate().map(|(k, &h)| (h, k)).collect();
        let mut rows: Vec<Row> = Vec::new();
        for &i in &rated {
            if !bears.get(&i).is_some_and(|s| s.contains(event)) {
                continue;
            }
            let mut cells: Vec<Option<Cell>> = vec![None; hyps.len()];
            for (k, r) in m.evidence[i].ratings.iter().enumerate() {
                for (n, named) in r.hypotheses.iter().enumerate() {
                    let Some(&col) = Hyp::of(named.to).and_then(|h| column_of.get(&h)) else {
                        continue;
                    };
                    matched.insert((i, k, n));
                    // The first rating written for a hypothesis counts.
                    cells[col].get_or_insert(Cell {
                        rating: r.rating.value,
                        rated: k,
                    });
                }
            }
            if cells.iter().all(Option::is_none) {
                continue;
            }
            let read = |c: &Option<Cell>| c.map_or(Rating::Neutral, |c| c.rating);
            let diagnostic = cells.iter().any(|c| read(c) != read(&cells[0]));
            rows.push(Row {
                item: i,
                grade: record.grades[&i].score,
                cells,
                diagnostic,
                flips: Vec::new(),
            });
        }
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(|a, b| m.dated_key(a.item).cmp(&m.dated_key(b.item)));
        matrices.push(matrix(m, *event, hyps, rows));
    }

    let mut unmatched = Vec::new();
    for &i in &rated {
        for (k, r) in m.evidence[i].ratings.iter().enumerate() {
            for (n, named) in r.hypotheses.iter().enumerate() {
                if named.to.actor().is_some() && !matched.contains(&(i, k, n)) {
                    unmatched.push(Unmatched {
                        item: i,
                        rated: k,
                        named: n,
                    });
                }
            }
        }
    }
    unmatched.sort_by(|a, b| m.name(a.item).cmp(m.name(b.item)));

    Ach {
        used,
        weighed,
        matrices,
        unmatched,
    }
}

/// Scores of the columns: `None` for a column no row rates.
fn scores(rows: &[Row], width: usize) -> Vec<Option<u32>> {
    let mut out = vec![None; width];
    for row in rows {
        for (k, cell) in row.cells.iter().enumerate() {
            if let Some(c) = cell {
                let s = out[k].get_or_insert(0u32);
                *s += u32::from(c.rating.against()) * u32::from(row.grade);
            }
        }
    }
    out
}

/// The columns tied for the lowest score.
fn first_place(scores: &[Option<u32>]) -> Vec<usize> {
    let Some(best) = scores.iter().flatten().min() else {
        return Vec::new();
    };
    (0..scores.len())
        .filter(|&k| scores[k] == Some(*best))
        .collect()
}

/// Whether first place changes: another hypothesis comes into it (a tie
/// broken among those already first is not a change of first place), or
/// no hypothesis would be rated any more.
fn changes_first(before: &[usize], after: &[usize]) -> bool {
    after.iter().any(|k| !before.contains(k)) || (after.is_empty() && !before.is_empty())
}

/// Rank the columns, then find each row's flips.
fn matrix(m: &Model, event: EventId, hyps: &[Hyp], mut rows: Vec<Row>) -> Matrix {
    let raw = scores(&rows, hyps.len());
    // The ranking: rated columns by score, then id; then the others by id.
    let mut order: Vec<usize> = (0..hyps.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |k: usize| (raw[k].is_none(), raw[k].unwrap_or(0));
        key(a)
            .cmp(&key(b))
            .then_with(|| m.name(hyps[a].node()).cmp(m.name(hyps[b].node())))
    });
    for row in &mut rows {
        row.cells = order.iter().map(|&k| row.cells[k]).collect();
    }
    let scores = scores(&rows, hyps.len());
    let first = first_place(&scores);

    // Sensitivity. Scores are sums, so a change to one row moves only its
    // own terms; a re-rating that changes first place is found among the
    // least changes in the one direction that can (a first-placed
    // hypothesis rated worse, another rated better): the first of them
    // that brings another hypothesis into first place is kept.
    let rated_by = |rows: &[Row], k: usize| rows.iter().filter(|r| r.cells[k].is_some()).count();
    let counts: Vec<usize> = (0..hyps.len()).map(|k| rated_by(&rows, k)).collect();
    let mut all_flips: Vec<Vec<Flip>> = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut flips = Vec::new();
        let term = |c: &Cell| u32::from(c.rating.against()) * u32::from(row.grade);
        // Removal.
        let without: Vec<Option<u32>> = (0..hyps.len())
            .map(|k| match (&row.cells[k], scores[k]) {
                (Some(_), _) if counts[k] == 1 => None,
                (Some(c), Some(s)) => Some(s - term(c)),
                (_, s) => s,
            })
            .collect();
        let now = first_place(&without);
        if changes_first(&first, &now) {
            flips.push(Flip {
                change: Change::Removal,
                first: now,
            });
        }
        // Re-ratings.
        for (k, cell) in row.cells.iter().enumerate() {
            let Some(c) = cell else { continue };
            let tries: &[Rating] = if first.contains(&k) {
                match c.rating.against() {
                    0 => &[Rating::Inconsistent, Rating::VeryInconsistent],
                    1 => &[Rating::VeryInconsistent],
                    _ => &[],
                }
            } else {
                match c.rating.against() {
                    2 => &[Rating::Inconsistent, Rating::Neutral],
                    1 => &[Rating::Neutral],
                    _ => &[],
                }
            };
            for &to in tries {
                let mut changed = scores.clone();
                if let Some(s) = changed[k].as_mut() {
                    *s = *s - term(c) + u32::from(to.against()) * u32::from(row.grade);
                }
                let now = first_place(&changed);
                if changes_first(&first, &now) {
                    flips.push(Flip {
                        change: Change::Rerating { column: k, to },
                        first: now,
                    });
                    break;
                }
            }
        }
        all_flips.push(flips);
    }
    for (row, flips) in rows.iter_mut().zip(all_flips) {
        row.flips = flips;
    }
    let columns = order
        .iter()
        .enumerate()
        .map(|(k, &o)| Column {
            hyp: hyps[o],
            score: scores[k],
            against: rows
                .iter()
                .filter(|r| r.cells[k].is_some_and(|c| c.rating.against() > 0))
                .count(),
            rated: counts[k],
        })
        .collect();
    Matrix {
        event,
        columns,
        rows,
        first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(grade: u8, cells: &[Option<Rating>]) -> Row {
        Row {
            item: EvidenceId::from_index(0),
            grade,
            cells: cells
                .iter()
                .map(|c| c.map(|rating| Cell { rating, rated: 0 }))
                .collect(),
            diagnostic: true,
            flips: Vec::new(),
        }
    }

    #[test]
    fn the_score_weighs_inconsistency_by_the_grade() {
        use Rating::*;
        // Worked by hand: column 0 = 1×40 + 2×10 = 60; column 1 = 0;
        // column 2 is rated by no item.
        let rows = [
            row(40, &[Some(Inconsistent), Some(Consistent), None]),
            row(10, &[Some(VeryInconsistent), Some(VeryConsistent), None]),
            row(70, &[Some(Neutral), None, None]),
        ];
        assert_eq!(scores(&rows, 3), vec![Some(60), Some(0), None]);
        assert_eq!(first_place(&scores(&rows, 3)), vec![1]);
        assert_eq!(first_place(&[Some(5), Some(5), None]), vec![0, 1]);
        assert_eq!(first_place(&[None, None]), Vec::<usize>::new());
    }

    #[test]
    fn first_place_changes_when_another_hypothesis_comes_into_it() {
        assert!(changes_first(&[0], &[1]));
        assert!(changes_first(&[0], &[0, 1]));
        assert!(
            !changes_first(&[0, 1], &[1]),
            "a tie broken is not a change"
        );
        assert!(!changes_first(&[0], &[0]));
        assert!(changes_first(&[0], &[]));
    }
}
