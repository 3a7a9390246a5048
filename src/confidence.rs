//! The confidence calculus (documented in `docs/confidence.md`).
//!
//! Every number here is an integer from 0 to 100 on STIX 2.1's confidence
//! scale. The calculus is deterministic: the same case gives the same
//! figures, and every step can be shown (`attrib chains --explain`).

use crate::vocab::{Credibility, Disclosure, Likelihood, Reliability};

/// A link that is asserted but has no evidence on record is worth this
/// much, whoever asserts it and however confidently.
pub const ASSERTION_FLOOR: u8 = 15;
/// A link only the actors themselves claim is worth at most this much.
pub const SELF_CLAIM_CAP: u8 = 30;
/// A structural link (an organ of a state, part of an organisation …).
pub const STRUCTURAL: u8 = 95;
/// Stated confidence this many points above the computed one is inflation.
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

/// A stated confidence term → STIX 2.1 (its appendix mappings for ICD 203
/// terms and for low / moderate / high).
pub fn likelihood_value(l: Likelihood) -> u8 {
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

/// 0–100 → the ICD 203 term whose STIX value is nearest (ties go to the
/// lower term).
pub fn icd203_term(v: u8) -> Likelihood {
    match v {
        0..=10 => Likelihood::AlmostNoChance,
        11..=22 => Likelihood::VeryUnlikely,
        23..=40 => Likelihood::Unlikely,
        41..=60 => Likelihood::RoughlyEven,
        61..=77 => Likelihood::Likely,
        78..=90 => Likelihood::VeryLikely,
        _ => Likelihood::AlmostCertain,
    }
}

/// 0–100 → low (0–32), moderate (33–67) or high (68–100) confidence.
pub fn confidence_level(v: u8) -> Likelihood {
    match v {
        0..=32 => Likelihood::Low,
        33..=67 => Likelihood::Moderate,
        _ => Likelihood::High,
    }
}

/// "42 (roughly-even; moderate confidence)"
pub fn describe(v: u8) -> String {
    format!(
        "{v} ({}; {} confidence)",
        icd203_term(v),
        confidence_level(v)
    )
}

/// The grade of one evidence item: credibility × reliability × disclosure.
pub fn grade(c: Credibility, r: Reliability, d: Disclosure) -> u8 {
    let product = u32::from(credibility_value(c))
        * u32::from(reliability_weight(r))
        * u32::from(disclosure_weight(d));
    // Round half up: (x + 5000) / 10000.
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

/// A computed confidence with the steps that led to it, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computation {
    pub value: u8,
    pub steps: Vec<String>,
}

/// One graded evidence item as it enters a link's computation.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub score: u8,
    /// Items in the same group share a root source and count once.
    pub group: usize,
    /// How the score was reached.
    pub reason: String,
}

/// What a link's confidence is computed from.
pub struct LinkInput<'a> {
    pub structural: bool,
    pub self_claimed_only: bool,
    pub support: &'a [Item],
    pub contra: &'a [Item],
}

/// The best item of each group, in order of first appearance.
fn by_group(items: &[Item]) -> Vec<&Item> {
    let mut best: Vec<&Item> = Vec::new();
    for item in items {
        match best.iter_mut().find(|b| b.group == item.group) {
            Some(b) if item.score > b.score => *b = item,
            Some(_) => {}
            None => best.push(item),
        }
    }
    best
}

fn ids(items: &[&Item]) -> String {
    items
        .iter()
        .map(|i| format!("{} {}", i.id, i.score))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compute one link's confidence, step by step.
pub fn link(input: &LinkInput<'_>) -> Computation {
    let mut steps = Vec::new();
    if input.structural {
        steps.push(format!(
            "structural relation declared in the case: {STRUCTURAL}"
        ));
        return Computation {
            value: STRUCTURAL,
            steps,
        };
    }
    for item in input.support {
        steps.push(format!("supporting {}: {}", item.id, item.reason));
    }
    let groups = by_group(input.support);
    if groups.len() < input.support.len() {
        steps.push(format!(
            "items sharing a root source count once, the best of each: {}",
            ids(&groups)
        ));
    }
    let scores: Vec<u8> = groups.iter().map(|i| i.score).collect();
    let mut value = if scores.is_empty() {
        steps.push(format!(
            "no supporting evidence: an assertion alone is worth {ASSERTION_FLOOR}"
        ));
        ASSERTION_FLOOR
    } else {
        let combined = combine(&scores);
        if scores.len() > 1 {
            steps.push(format!(
                "combined as independent items: 100 × (1 − Π(1 − s/100)) = {combined}"
            ));
        }
        if combined < ASSERTION_FLOOR {
            steps.push(format!(
                "below the assertion floor: raised to {ASSERTION_FLOOR}"
            ));
            ASSERTION_FLOOR
        } else {
            combined
        }
    };
    if !input.contra.is_empty() {
        for item in input.contra {
            steps.push(format!("contradicting {}: {}", item.id, item.reason));
        }
        let contra: Vec<u8> = by_group(input.contra).iter().map(|i| i.score).collect();
        let c = combine(&contra);
        let after = ((u32::from(value) * u32::from(100 - c) + 50) / 100) as u8;
        steps.push(format!(
            "contradicted at {c}: {value} × (100 − {c}) / 100 = {after}"
        ));
        value = after;
    }
    if input.self_claimed_only && value > SELF_CLAIM_CAP {
        steps.push(format!(
            "only the actors' own claim asserts it: capped at {SELF_CLAIM_CAP}"
        ));
        value = SELF_CLAIM_CAP;
    }
    steps.push(format!("link confidence: {}", describe(value)));
    Computation { value, steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, score: u8, group: usize) -> Item {
        Item {
            id: id.into(),
            score,
            group,
            reason: String::new(),
        }
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
        let support = [item("a", 60, 0), item("b", 70, 0), item("c", 50, 1)];
        let c = link(&LinkInput {
            structural: false,
            self_claimed_only: false,
            support: &support,
            contra: &[],
        });
        // best of group 0 is 70; with 50: 1 - 0.3*0.5 = 0.85
        assert_eq!(c.value, 85);
    }

    #[test]
    fn assertion_floor_and_self_claim_cap() {
        let none = link(&LinkInput {
            structural: false,
            self_claimed_only: false,
            support: &[],
            contra: &[],
        });
        assert_eq!(none.value, ASSERTION_FLOOR);
        let strong = [item("video", 70, 0)];
        let own = link(&LinkInput {
            structural: false,
            self_claimed_only: true,
            support: &strong,
            contra: &[],
        });
        assert_eq!(own.value, SELF_CLAIM_CAP);
    }

    #[test]
    fn contradiction_pulls_down() {
        let support = [item("a", 80, 0)];
        let contra = [item("x", 50, 1)];
        let c = link(&LinkInput {
            structural: false,
            self_claimed_only: false,
            support: &support,
            contra: &contra,
        });
        assert_eq!(c.value, 40);
    }

    #[test]
    fn structural_is_fixed() {
        let c = link(&LinkInput {
            structural: true,
            self_claimed_only: false,
            support: &[],
            contra: &[],
        });
        assert_eq!(c.value, STRUCTURAL);
    }

    #[test]
    fn scales_map_both_ways() {
        for l in Likelihood::ALL.iter().take(7) {
            assert_eq!(icd203_term(likelihood_value(*l)), *l);
        }
        for l in [Likelihood::Low, Likelihood::Moderate, Likelihood::High] {
            assert_eq!(confidence_level(likelihood_value(l)), l);
        }
    }
}
