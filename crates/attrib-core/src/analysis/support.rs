//! The support calculus (documented in `docs/confidence.md`).
//!
//! *Support* is how far the evidence recorded and disclosed in the case
//! file backs a step of attribution — the record, not the truth. It is an
//! integer from 0 to 100, deterministic, and every step of its computation
//! is kept as data ([`Step`]) so that `attrib chains --explain` can show it.
//! It is never a likelihood: a claimant's *stated* confidence is theirs,
//! mapped by [`stated_value`], and never enters the figure.

use crate::model::{EvidenceId, SourceId};
use crate::vocab::{Credibility, Disclosure, Likelihood, Reliability};
use serde::Serialize;

/// A link that claims assert but no evidence on record supports.
pub const ASSERTION_FLOOR: u8 = 15;
/// A link only the actors themselves claim has at most this much support.
pub const SELF_CLAIM_CAP: u8 = 30;
/// A structural relation declared in the case (an organ of a state …).
pub const STRUCTURAL: u8 = 95;
/// Stated confidence this many points above the support on record is
/// reported as inflation (`W0204`).
pub const INFLATION_GAP: u8 = 30;

/// Admiralty credibility → STIX 2.1 (its appendix mapping). Credibility 6,
/// "cannot be judged", has no STIX value; attrib treats it like 4.
pub fn credibility_value(c: Credibility) -> u8 {
    match c {
        Credibility::Confirmed => 90,
        Credibility::ProbablyTrue => 70,
        Credibility::PossiblyTrue => 50,
        Credibility::DoubtfullyTrue => 30,
        Credibility::Improbable => 10,
        Credibility::CannotBeJudged => 30,
    }
}

/// Admiralty source reliability → a weight in percent.
pub fn reliability_weight(r: Reliability) -> u8 {
    match r {
        Reliability::A => 100,
        Reliability::B => 90,
        Reliability::C => 75,
        Reliability::D => 50,
        Reliability::E => 25,
        Reliability::F => 50,
    }
}

/// Disclosure → a weight in percent: what no one outside can check counts
/// for half.
pub fn disclosure_weight(d: Disclosure) -> u8 {
    match d {
        Disclosure::Yes => 100,
        Disclosure::Partly => 75,
        Disclosure::No => 50,
    }
}

/// A claimant's stated confidence term → STIX 2.1's 0–100 scale (its
/// appendix mappings for the ICD 203 terms and for low / moderate / high).
/// This is the claimant's figure, never attrib's.
pub fn stated_value(l: Likelihood) -> u8 {
    match l {
        Likelihood::AlmostNoChance => 5,
        Likelihood::VeryUnlikely => 15,
        Likelihood::Unlikely => 30,
        Likelihood::RoughlyEven => 50,
        Likelihood::Likely => 70,
        Likelihood::VeryLikely => 85,
        Likelihood::AlmostCertain => 95,
        Likelihood::Low => 15,
        Likelihood::Moderate => 50,
        Likelihood::High => 85,
    }
}

/// What a support figure rests on, in attrib's own words (never ICD 203
/// likelihood terms, never a confidence level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// No evidence on record: the figure is the assertion floor (or the
    /// self-claim cap).
    NoEvidence,
    /// Evidence on record supports it slightly: below 25.
    Slight,
    /// 25 to 49.
    Partial,
    /// 50 to 74.
    Substantial,
    /// 75 and above.
    Strong,
    /// A structural relation declared in the case.
    Declared,
}

impl Level {
    /// The word that spells the level in every output.
    pub fn word(self) -> &'static str {
        match self {
            Level::NoEvidence => "no-evidence",
            Level::Slight => "slight",
            Level::Partial => "partial",
            Level::Substantial => "substantial",
            Level::Strong => "strong",
            Level::Declared => "declared",
        }
    }

    /// What the level means, in a few words.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::NoEvidence => "no evidence on record",
            Level::Slight => "slight",
            Level::Partial => "partial",
            Level::Substantial => "substantial",
            Level::Strong => "strong",
            Level::Declared => "a relation declared in the case",
        }
    }

    /// The band a figure backed by evidence falls in.
    pub fn of(value: u8) -> Level {
        match value {
            0..=24 => Level::Slight,
            25..=49 => Level::Partial,
            50..=74 => Level::Substantial,
            _ => Level::Strong,
        }
    }
}

/// A support figure and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Support {
    /// 0–100: how far the evidence on record supports the step.
    pub value: u8,
    pub level: Level,
}

/// "63 of 100 (substantial)": the one way a figure is written, in messages
/// and every output.
impl std::fmt::Display for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of 100 ({})", self.value, self.level.meaning())
    }
}

impl Support {
    pub fn evidence(value: u8) -> Support {
        Support {
            value,
            level: Level::of(value),
        }
    }

    pub fn without_evidence(value: u8) -> Support {
        Support {
            value,
            level: Level::NoEvidence,
        }
    }

    pub fn declared() -> Support {
        Support {
            value: STRUCTURAL,
            level: Level::Declared,
        }
    }

    /// Whether the figure rests on evidence on record (or a declared relation).
    pub fn rests_on_evidence(self) -> bool {
        self.level != Level::NoEvidence
    }
}

/// The grade of one evidence item and what it was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    pub credibility: Credibility,
    pub reliability: Reliability,
    /// The root source whose reliability was used (the best of the item's).
    pub reliable_source: Option<SourceId>,
    pub disclosure: Disclosure,
    pub score: u8,
}

/// Grade an item: credibility × reliability × disclosure, rounded half up.
pub fn grade(c: Credibility, r: Reliability, d: Disclosure) -> u8 {
    let product = u32::from(credibility_value(c))
        * u32::from(reliability_weight(r))
        * u32::from(disclosure_weight(d));
    ((product + 5_000) / 10_000) as u8
}

/// Independent items combine like independent chances of being right:
/// 100 × (1 − Π(1 − sᵢ/100)), rounded to the nearest integer.
pub fn combine(scores: &[u8]) -> u8 {
    if scores.is_empty() {
        return 0;
    }
    let miss: f64 = scores.iter().map(|&s| 1.0 - f64::from(s) / 100.0).product();
    (100.0 * (1.0 - miss)).round().clamp(0.0, 100.0) as u8
}

/// One graded item as it enters a computation: an evidence item (for a
/// link or a claim) or a chain (for an assessment, by its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<T> {
    pub what: T,
    pub score: u8,
    /// Items in the same group share a root source and count once.
    pub group: usize,
}

/// One step of a computation, as data; `render::words` says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A structural relation declared in the case.
    Structural,
    /// A supporting evidence item and its grade.
    Supporting(EvidenceId),
    /// Evidence items sharing a root source or an originator count once:
    /// the best of each group.
    SameRoot(Vec<EvidenceId>),
    /// An assessment: chains whose evidence shares a root source or an
    /// originator count once, the best of each group (chain indexes and the
    /// figure each enters with).
    SameRootChains(Vec<(usize, u8)>),
    /// Independent items combined.
    Combined(u8),
    /// No evidence on record: the assertion floor.
    NoEvidence,
    /// Evidence combined below the floor, raised to it.
    RaisedToFloor(u8),
    /// A contradicting evidence item and its grade.
    Contradicting(EvidenceId),
    /// Contradicting items combined to `by` pulled `before` down to `after`.
    Contradicted { by: u8, before: u8, after: u8 },
    /// Only the actors' own claim asserts it: capped.
    SelfClaimCap(u8),
    /// An assessment: one chain enters with its support, and the figure
    /// its evidence gives (which combines: the floor is for display only).
    Chain(usize, Support, u8),
    /// An assessment: chains that rest on no evidence add nothing; the
    /// strongest of them is kept as the figure when no chain has evidence.
    AssertionsOnly(u8),
    /// The result.
    Result(Support),
}

/// A computed support with the steps that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computation {
    pub support: Support,
    pub steps: Vec<Step>,
    /// The figure that enters a combination with others: the evidence's
    /// own value, never the floor an assertion is shown with (a link whose
    /// evidence gives 14 is shown as 15 but combines as 14). `None` when no
    /// evidence is on record.
    pub evidence: Option<u8>,
}

/// What a link's (or a claim's) support is computed from.
pub struct LinkInput<'a> {
    pub structural: bool,
    pub self_claimed_only: bool,
    pub support: &'a [Item<EvidenceId>],
    pub contra: &'a [Item<EvidenceId>],
}

/// The best item of each group, in order of first appearance.
fn by_group<T: Copy>(items: &[Item<T>]) -> Vec<Item<T>> {
    let mut best: Vec<Item<T>> = Vec::new();
    for item in items {
        match best.iter_mut().find(|b| b.group == item.group) {
            Some(b) if item.score > b.score => *b = *item,
            Some(_) => {}
            None => best.push(*item),
        }
    }
    best
}

/// Combine items, best of each root-source group; records the steps
/// (`kept` says how the best of each group is recorded).
fn combine_groups<T: Copy>(
    items: &[Item<T>],
    steps: &mut Vec<Step>,
    kept: fn(&[Item<T>]) -> Step,
) -> u8 {
    let groups = by_group(items);
    if groups.len() < items.len() {
        steps.push(kept(&groups));
    }
    let scores: Vec<u8> = groups.iter().map(|i| i.score).collect();
    let combined = combine(&scores);
    if scores.len() > 1 {
        steps.push(Step::Combined(combined));
    }
    combined
}

fn evidence_kept(kept: &[Item<EvidenceId>]) -> Step {
    Step::SameRoot(kept.iter().map(|i| i.what).collect())
}

/// Compute one link's support (or one claim's, from its own evidence).
pub fn link(input: &LinkInput<'_>) -> Computation {
    if input.structural {
        let support = Support::declared();
        return Computation {
            support,
            steps: vec![Step::Structural, Step::Result(support)],
            evidence: Some(STRUCTURAL),
        };
    }
    let mut steps: Vec<Step> = input
        .support
        .iter()
        .map(|i| Step::Supporting(i.what))
        .collect();
    let mut evidence = None;
    let mut support = if input.support.is_empty() {
        steps.push(Step::NoEvidence);
        Support::without_evidence(ASSERTION_FLOOR)
    } else {
        let combined = combine_groups(input.support, &mut steps, evidence_kept);
        evidence = Some(combined);
        if combined < ASSERTION_FLOOR {
            steps.push(Step::RaisedToFloor(combined));
            Support::evidence(ASSERTION_FLOOR)
        } else {
            Support::evidence(combined)
        }
    };
    if !input.contra.is_empty() {
        steps.extend(input.contra.iter().map(|i| Step::Contradicting(i.what)));
        let mut ignored = Vec::new();
        let c = combine_groups(input.contra, &mut ignored, evidence_kept);
        let pulled = |v: u8| ((u32::from(v) * u32::from(100 - c) + 50) / 100) as u8;
        evidence = evidence.map(pulled);
        let before = support.value;
        let after = pulled(before);
        steps.push(Step::Contradicted {
            by: c,
            before,
            after,
        });
        support.value = after;
        if support.rests_on_evidence() {
            support.level = Level::of(after);
        }
    }
    evidence = evidence.map(|v| {
        if input.self_claimed_only {
            v.min(SELF_CLAIM_CAP)
        } else {
            v
        }
    });
    if input.self_claimed_only && support.value > SELF_CLAIM_CAP {
        steps.push(Step::SelfClaimCap(support.value));
        support.value = SELF_CLAIM_CAP;
        if support.rests_on_evidence() {
            support.level = Level::of(SELF_CLAIM_CAP);
        }
    }
    steps.push(Step::Result(support));
    Computation {
        support,
        steps,
        evidence,
    }
}

/// An assessment's support from its chains: chains that rest on evidence
/// combine as independent items, each with its evidence's own figure
/// (chains whose evidence shares a root source or an originator count
/// once, the best of them); chains resting on no evidence add nothing, and
/// when no chain has evidence the strongest of them stands.
pub fn assessment(chains: &[(Item<usize>, Support)]) -> Computation {
    let mut steps: Vec<Step> = chains
        .iter()
        .map(|(i, s)| Step::Chain(i.what, *s, i.score))
        .collect();
    let backed: Vec<Item<usize>> = chains
        .iter()
        .filter(|(_, s)| s.rests_on_evidence())
        .map(|(i, _)| *i)
        .collect();
    let (support, evidence) = if backed.is_empty() {
        let best = chains.iter().map(|(_, s)| s.value).max().unwrap_or(0);
        steps.push(Step::AssertionsOnly(best));
        (Support::without_evidence(best), None)
    } else {
        let combined = combine_groups(&backed, &mut steps, |kept| {
            Step::SameRootChains(kept.iter().map(|i| (i.what, i.score)).collect())
        });
        // Shown no lower than an assertion alone, as a link is; combined
        // with others as it is.
        if combined < ASSERTION_FLOOR {
            steps.push(Step::RaisedToFloor(combined));
            (Support::evidence(ASSERTION_FLOOR), Some(combined))
        } else {
            (Support::evidence(combined), Some(combined))
        }
    };
    steps.push(Step::Result(support));
    Computation {
        support,
        steps,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Idx;

    fn item(what: usize, score: u8, group: usize) -> Item<EvidenceId> {
        Item {
            what: EvidenceId::from_index(what),
            score,
            group,
        }
    }

    fn chain(what: usize, score: u8, group: usize) -> Item<usize> {
        Item { what, score, group }
    }

    fn plain(
        support: &[Item<EvidenceId>],
        contra: &[Item<EvidenceId>],
        self_claimed_only: bool,
    ) -> Computation {
        link(&LinkInput {
            structural: false,
            self_claimed_only,
            support,
            contra,
        })
    }

    #[test]
    fn grades_multiply() {
        assert_eq!(
            grade(Credibility::Confirmed, Reliability::A, Disclosure::Yes),
            90
        );
        assert_eq!(
            grade(Credibility::ProbablyTrue, Reliability::B, Disclosure::Yes),
            63
        );
        assert_eq!(
            grade(Credibility::CannotBeJudged, Reliability::B, Disclosure::No),
            14
        );
        assert_eq!(
            grade(Credibility::Improbable, Reliability::E, Disclosure::No),
            1
        );
    }

    #[test]
    fn independent_items_combine() {
        assert_eq!(combine(&[]), 0);
        assert_eq!(combine(&[50]), 50);
        assert_eq!(combine(&[50, 50]), 75);
        assert_eq!(combine(&[63, 45]), 80);
        assert_eq!(combine(&[100, 10]), 100);
    }

    #[test]
    fn same_root_counts_once() {
        let c = plain(
            &[item(1, 60, 0), item(2, 70, 0), item(3, 50, 1)],
            &[],
            false,
        );
        // best of group 0 is 70; with 50: 1 - 0.3*0.5 = 0.85
        assert_eq!(c.support, Support::evidence(85));
        assert!(c.steps.contains(&Step::SameRoot(vec![
            EvidenceId::from_index(2),
            EvidenceId::from_index(3)
        ])));
    }

    #[test]
    fn no_evidence_is_the_floor_and_says_so() {
        let none = plain(&[], &[], false);
        assert_eq!(none.support, Support::without_evidence(ASSERTION_FLOOR));
        assert_eq!(none.support.level, Level::NoEvidence);
        let weak = plain(&[item(1, 10, 0)], &[], false);
        assert_eq!(weak.support, Support::evidence(ASSERTION_FLOOR));
        assert_eq!(weak.support.level, Level::Slight);
    }

    #[test]
    fn self_claim_is_capped() {
        let own = plain(&[item(1, 70, 0)], &[], true);
        assert_eq!(own.support.value, SELF_CLAIM_CAP);
        assert_eq!(own.support.level, Level::Partial);
    }

    #[test]
    fn contradiction_pulls_down() {
        let c = plain(&[item(1, 80, 0)], &[item(2, 50, 1)], false);
        assert_eq!(c.support, Support::evidence(40));
    }

    #[test]
    fn structural_is_declared() {
        let c = link(&LinkInput {
            structural: true,
            self_claimed_only: false,
            support: &[],
            contra: &[],
        });
        assert_eq!(c.support, Support::declared());
    }

    #[test]
    fn assessments_count_independent_chains_and_not_repetition() {
        let a = (chain(0, 63, 0), Support::evidence(63));
        let b = (chain(1, 45, 1), Support::evidence(45));
        let repeat = (chain(2, 50, 0), Support::evidence(50));
        let bare = (chain(3, 15, 3), Support::without_evidence(15));
        assert_eq!(assessment(&[a, b]).support, Support::evidence(80));
        assert_eq!(assessment(&[a, repeat]).support, Support::evidence(63));
        assert_eq!(assessment(&[a, bare]).support, Support::evidence(63));
        assert_eq!(
            assessment(&[bare]).support,
            Support::without_evidence(ASSERTION_FLOOR)
        );
    }

    #[test]
    fn levels_are_bands() {
        assert_eq!(Level::of(0), Level::Slight);
        assert_eq!(Level::of(24), Level::Slight);
        assert_eq!(Level::of(25), Level::Partial);
        assert_eq!(Level::of(50), Level::Substantial);
        assert_eq!(Level::of(75), Level::Strong);
    }
}
