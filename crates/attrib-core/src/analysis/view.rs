//! What the analysis looks at: the case as it stood on a date (`--as-of`),
//! and each claimant's latest view (`revises`).
//!
//! **As of a date.** Claims and responses count when their date certainly
//! fell on or before the as-of date: the last day the date may mean is on
//! or before the last day of the as-of date (`--as-of 2022-09` means "by
//! the end of September 2022"). Evidence counts from its `known` date, else
//! from the earliest publication of its sources; evidence with neither
//! counts with the claims it supports. What may or may not have happened by
//! then (a claim dated `2022-09` seen as of `2022-09-15`) is left out and
//! listed in [`View::uncertain`]. Actors, events and sources are the
//! stage, not statements: they are always in view.
//!
//! **Latest views.** A claim that `revises` an earlier one replaces it for
//! the claimants the two share. The earlier claim stays in the history; it
//! no longer makes links for them. The evidence presented for the earlier
//! claim stays behind the later one, and so do the reactions to it (a
//! denial of the first statement is a denial of the view).

use crate::date::Date;
use crate::resolve::{Symbols, lookup};
use crate::syntax::ast::*;
use rustc_hash::FxHashMap as HashMap;

/// Which declarations are in view.
#[derive(Debug, Clone)]
pub struct View {
    pub as_of: Option<Date>,
    included: Vec<bool>,
    /// Claims, evidence and responses left out because their date may or
    /// may not fall by the as-of date, in source order.
    pub uncertain: Vec<usize>,
}

/// A date that is valid (an invalid one, reported as `E0106`, feeds no
/// reasoning).
fn valid(date: &Option<crate::span::Spanned<Date>>) -> Option<&Date> {
    date.as_ref()
        .map(|d| &d.value)
        .filter(|d| d.validate().is_ok())
}

/// When a claim, response or evidence item entered the record, if known:
/// its date, its `known` date, or (for evidence without one) the earliest
/// publication of its sources — the one certainly out first (ties: the
/// earlier start, then the source's id).
pub fn entered_date(file: &File, symbols: &Symbols, i: usize) -> Option<Date> {
    match &file.decls[i] {
        Decl::Claim(c) => valid(&c.date).copied(),
        Decl::Response(r) => valid(&r.date).copied(),
        Decl::Evidence(e) => valid(&e.known).copied().or_else(|| {
            e.sources
                .iter()
                .filter_map(|s| lookup(file, symbols, s, DeclKind::Source))
                .filter_map(|s| {
                    file.source(s)
                        .and_then(|src| valid(&src.published))
                        .map(|d| (d, s))
                })
                .min_by(|(a, x), (b, y)| {
                    let (a0, a1) = a.interval();
                    let (b0, b1) = b.interval();
                    (a1, a0, &file.decls[*x].id().value).cmp(&(b1, b0, &file.decls[*y].id().value))
                })
                .map(|(d, _)| *d)
        }),
        _ => None,
    }
}

/// The interval of days [`entered_date`] may mean.
fn entered(file: &File, symbols: &Symbols, i: usize) -> Option<(i64, i64)> {
    entered_date(file, symbols, i).map(|d| d.interval())
}

impl View {
    /// Everything the file says.
    pub fn whole(file: &File) -> View {
        View {
            as_of: None,
            included: vec![true; file.decls.len()],
            uncertain: Vec::new(),
        }
    }

    /// The case as it stood on `as_of`.
    pub fn as_of(file: &File, symbols: &Symbols, as_of: Date) -> View {
        let (_, limit) = as_of.interval();
        let mut included = vec![true; file.decls.len()];
        let mut uncertain = Vec::new();
        for (i, decl) in file.decls.iter().enumerate() {
            let dated = matches!(
                decl.kind(),
                DeclKind::Claim | DeclKind::Response | DeclKind::Evidence
            );
            if !dated {
                continue;
            }
            match entered(file, symbols, i) {
                Some((_, end)) if end <= limit => {}
                Some((start, _)) => {
                    included[i] = false;
                    if start <= limit {
                        uncertain.push(i);
                    }
                }
                // An undated claim or response cannot be placed in time;
                // undated evidence follows the claims it supports.
                None => included[i] = decl.kind() == DeclKind::Evidence,
            }
        }
        View {
            as_of: Some(as_of),
            included,
            uncertain,
        }
    }

    pub fn includes(&self, i: usize) -> bool {
        self.included.get(i).copied().unwrap_or(false)
    }
}

/// Each claim in view with the claimants whose current view it is, and
/// the revisions between claims.
#[derive(Debug, Clone, Default)]
pub struct Current {
    /// Claim → its claimants (actor indexes, sorted) whose view it still
    /// is; empty when every claimant has revised it.
    pub party: HashMap<usize, Vec<usize>>,
    /// Claim → its claimants as written (actor indexes, sorted).
    pub claimants: HashMap<usize, Vec<usize>>,
    /// Claim → the earlier claims it revises, nearest first (transitively).
    pub earlier: HashMap<usize, Vec<usize>>,
}

impl Current {
    pub fn build(file: &File, symbols: &Symbols, view: &View) -> Current {
        let mut out = Current::default();
        let in_view = |i: usize| view.includes(i) && file.claim(i).is_some();
        for i in file.indexes(DeclKind::Claim).filter(|&i| view.includes(i)) {
            let claim = file.claim(i).expect("indexes gives claims");
            let mut by: Vec<usize> = claim
                .by
                .iter()
                .filter_map(|b| lookup(file, symbols, b, DeclKind::Actor))
                .collect();
            by.sort_unstable();
            by.dedup();
            out.claimants.insert(i, by.clone());
            out.party.insert(i, by);
        }
        let revises = |i: usize| -> Option<usize> {
            file.claim(i)
                .and_then(|c| c.revises.as_ref())
                .and_then(|r| lookup(file, symbols, r, DeclKind::Claim))
                .filter(|&r| in_view(r))
        };
        let claims: Vec<usize> = out.claimants.keys().copied().collect();
        for &i in &claims {
            // The earlier claims, nearest first; a cycle (reported as E0201)
            // stops the walk where it closes.
            let mut earlier = Vec::new();
            let mut at = i;
            while let Some(r) = revises(at) {
                if r == i || earlier.contains(&r) {
                    break;
                }
                earlier.push(r);
                at = r;
            }
            if let Some(&r) = earlier.first() {
                let by = out.claimants[&i].clone();
                if let Some(party) = out.party.get_mut(&r) {
                    party.retain(|a| !by.contains(a));
                }
            }
            if !earlier.is_empty() {
                out.earlier.insert(i, earlier);
            }
        }
        out
    }

    /// The claimants whose current view a claim is (empty if none or not in view).
    pub fn party(&self, claim: usize) -> &[usize] {
        self.party.get(&claim).map_or(&[], Vec::as_slice)
    }

    /// The earlier claims a claim revises, nearest first.
    pub fn earlier(&self, claim: usize) -> &[usize] {
        self.earlier.get(&claim).map_or(&[], Vec::as_slice)
    }
}
