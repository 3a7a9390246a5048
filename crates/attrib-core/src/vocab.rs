//! The closed vocabularies of the language: kinds, roles, grades.
//!
//! Each word here is also spelled in `grammar/attrib.pest`; a test checks
//! that the two lists agree.

use serde::Serialize;

macro_rules! vocab {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name {
            $(#[serde(rename = $word)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word that spells this value in a case file.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.word())
            }
        }
    };
}

vocab! {
    /// Where a fact was published.
    SourceKind {
        Government = "government",
        Intergovernmental = "intergovernmental",
        Vendor = "vendor",
        Advisory = "advisory",
        Court = "court",
        Media = "media",
        OwnChannel = "own-channel",
        Other = "other",
    }
}

vocab! {
    /// What an actor is.
    ActorKind {
        State = "state",
        StateOrgan = "state-organ",
        InternationalOrganisation = "international-organisation",
        Company = "company",
        Media = "media",
        Organisation = "organisation",
        ThreatGroup = "threat-group",
        Persona = "persona",
        Person = "person",
    }
}

vocab! {
    /// What happened in an event.
    EventKind {
        Intrusion = "intrusion",
        DataTheft = "data-theft",
        Ransomware = "ransomware",
        Wiper = "wiper",
        Ddos = "ddos",
        Defacement = "defacement",
        Leak = "leak",
        Outage = "outage",
        Disruption = "disruption",
        Other = "other",
    }
}

vocab! {
    /// The part an attribution says an actor played.
    Role {
        Operator = "operator",
        Sponsor = "sponsor",
        Orchestrator = "orchestrator",
        Directed = "directed",
        Responsible = "responsible",
        Linked = "linked",
        Front = "front",
    }
}

vocab! {
    /// A standard term for a claimant's stated confidence: the ICD 203
    /// likelihood terms, or the low / moderate / high confidence levels.
    Likelihood {
        AlmostNoChance = "almost-no-chance",
        VeryUnlikely = "very-unlikely",
        Unlikely = "unlikely",
        RoughlyEven = "roughly-even",
        Likely = "likely",
        VeryLikely = "very-likely",
        AlmostCertain = "almost-certain",
        Low = "low",
        Moderate = "moderate",
        High = "high",
    }
}

vocab! {
    /// What a claim rests on.
    Basis {
        Technical = "technical",
        Political = "political",
        Legal = "legal",
    }
}

vocab! {
    /// The indicator classes of the ODNI's 2018 guide to cyber attribution.
    IndicatorClass {
        Tradecraft = "tradecraft",
        Infrastructure = "infrastructure",
        Malware = "malware",
        Intent = "intent",
        External = "external",
        Unknown = "unknown",
    }
}

vocab! {
    /// Whether an evidence item was made public.
    Disclosure {
        Yes = "yes",
        No = "no",
        Partly = "partly",
    }
}

vocab! {
    /// What a response was.
    ResponseKind {
        Statement = "statement",
        Condemnation = "condemnation",
        Expulsion = "expulsion",
        Severance = "severance",
        Sanctions = "sanctions",
        Indictment = "indictment",
        Countermeasure = "countermeasure",
        CollectiveAction = "collective-action",
        Investigation = "investigation",
        Remediation = "remediation",
        Enforcement = "enforcement",
        Summons = "summons",
        ArrestWarrant = "arrest-warrant",
        Reward = "reward",
        Emergency = "emergency",
        EntryBan = "entry-ban",
        Seizure = "seizure",
        Judgment = "judgment",
        Recovery = "recovery",
    }
}

vocab! {
    /// How consistent an evidence item is with a hypothesis, on the scale
    /// of Heuer's Analysis of Competing Hypotheses.
    Rating {
        VeryConsistent = "very-consistent",
        Consistent = "consistent",
        Neutral = "neutral",
        Inconsistent = "inconsistent",
        VeryInconsistent = "very-inconsistent",
    }
}

vocab! {
    /// A response's category under international law.
    LegalCategory {
        Retorsion = "retorsion",
        Countermeasure = "countermeasure",
        Necessity = "necessity",
        SelfDefence = "self-defence",
    }
}

vocab! {
    /// Source reliability on the Admiralty scale.
    Reliability {
        A = "A",
        B = "B",
        C = "C",
        D = "D",
        E = "E",
        F = "F",
    }
}

vocab! {
    /// Information credibility on the Admiralty scale.
    Credibility {
        Confirmed = "1",
        ProbablyTrue = "2",
        PossiblyTrue = "3",
        DoubtfullyTrue = "4",
        Improbable = "5",
        CannotBeJudged = "6",
    }
}

vocab! {
    /// A structural relation between actors, declared on the actor.
    Structure {
        OrganOf = "organ-of",
        PartOf = "part-of",
        FrontFor = "front-for",
        OfficeIn = "office-in",
    }
}

impl Reliability {
    /// The words of the Admiralty scale.
    pub fn meaning(self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }
}

impl Credibility {
    pub fn meaning(self) -> &'static str {
        match self {
            Credibility::Confirmed => "confirmed by other sources",
            Credibility::ProbablyTrue => "probably true",
            Credibility::PossiblyTrue => "possibly true",
            Credibility::DoubtfullyTrue => "doubtfully true",
            Credibility::Improbable => "improbable",
            Credibility::CannotBeJudged => "truth cannot be judged",
        }
    }
}

impl ResponseKind {
    /// Its rank on attrib's response ladder, from the weakest (0) to the
    /// strongest (`docs/compare.md`). Every kind is ranked here: a new kind
    /// does not compile until it is given its place.
    pub const fn rank(self) -> u8 {
        match self {
            ResponseKind::Remediation => 0,
            ResponseKind::Recovery => 1,
            ResponseKind::Investigation => 2,
            ResponseKind::Emergency => 3,
            ResponseKind::Statement => 4,
            ResponseKind::Condemnation => 5,
            ResponseKind::Summons => 6,
            ResponseKind::Reward => 7,
            ResponseKind::Enforcement => 8,
            ResponseKind::Seizure => 9,
            ResponseKind::EntryBan => 10,
            ResponseKind::Expulsion => 11,
            ResponseKind::ArrestWarrant => 12,
            ResponseKind::Indictment => 13,
            ResponseKind::Judgment => 14,
            ResponseKind::Sanctions => 15,
            ResponseKind::Severance => 16,
            ResponseKind::CollectiveAction => 17,
            ResponseKind::Countermeasure => 18,
        }
    }
}

/// The response kinds from the weakest to the strongest, by
/// [`ResponseKind::rank`].
pub const RESPONSE_LADDER: [ResponseKind; ResponseKind::ALL.len()] = {
    let mut ladder = [ResponseKind::Statement; ResponseKind::ALL.len()];
    let mut i = 0;
    while i < ResponseKind::ALL.len() {
        let kind = ResponseKind::ALL[i];
        ladder[kind.rank() as usize] = kind;
        i += 1;
    }
    ladder
};

impl Rating {
    /// How much the rating counts against a hypothesis in the ACH score:
    /// inconsistent 1, very inconsistent 2, otherwise 0 (docs/ach.md).
    pub const fn against(self) -> u8 {
        match self {
            Rating::Inconsistent => 1,
            Rating::VeryInconsistent => 2,
            Rating::VeryConsistent | Rating::Consistent | Rating::Neutral => 0,
        }
    }

    /// The short mark of the rating in a matrix: CC, C, N, I, II (Heuer's).
    pub const fn mark(self) -> &'static str {
        match self {
            Rating::VeryConsistent => "CC",
            Rating::Consistent => "C",
            Rating::Neutral => "N",
            Rating::Inconsistent => "I",
            Rating::VeryInconsistent => "II",
        }
    }
}

#[cfg(test)]
mod ladder_tests {
    use super::*;

    #[test]
    fn every_response_kind_has_a_rank_of_its_own() {
        let mut ranks: Vec<u8> = ResponseKind::ALL.iter().map(|k| k.rank()).collect();
        ranks.sort_unstable();
        let expected: Vec<u8> = (0..ResponseKind::ALL.len() as u8).collect();
        assert_eq!(ranks, expected, "ranks are 0..n, each once");
        for (k, kind) in RESPONSE_LADDER.iter().enumerate() {
            assert_eq!(usize::from(kind.rank()), k);
        }
    }
}
