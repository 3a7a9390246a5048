//! The catalogue: every diagnostic attrib can report, with its stable code.
//!
//! Codes never change meaning once released. Errors are `E`, warnings `W`.
//! The first two digits group them. Errors: `00` reading the file, `01`
//! names and fields, `02` structure, `03` chronology. Warnings: `01` the
//! file's own housekeeping, `02` sourcing and evidence, `03` responses,
//! `04` competing hypotheses.
//! Each code's long explanation lives in `explain/<CODE>.md`; `attrib
//! explain CODE` prints it and `docs/diagnostics.md` is generated from it.

use super::Severity;
use serde::Serialize;

/// Everything the catalogue knows about one code.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    /// A short kebab-case name, used for fixtures: `tests/ui/<code>-<name>.case`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the diagnostic says is wrong.
    pub summary: &'static str,
    /// The long explanation, in Markdown, with fixed headings.
    pub explanation: &'static str,
}

macro_rules! catalogue {
    ($($variant:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)+) => {
        /// A diagnostic code from the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($variant),+
        }

        /// Every code, in code order.
        pub static CATALOGUE: &[CodeInfo] = &[
            $(CodeInfo {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                explanation: include_str!(concat!("explain/", $code, ".md")),
            }),+
        ];

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            pub fn info(self) -> &'static CodeInfo {
                &CATALOGUE[self as usize]
            }

            pub fn as_str(self) -> &'static str {
                self.info().code
            }

            /// Look a code up by its text, case-insensitively (`e0101` works).
            pub fn parse(text: &str) -> Option<Code> {
                let upper = text.trim().to_ascii_uppercase();
                Code::ALL.iter().copied().find(|c| c.as_str() == upper)
            }
        }
    };
}

catalogue! {
    Syntax = "E0001", "syntax-error", Error, "the text is not valid case-file syntax";
    NotUtf8 = "E0002", "not-utf8", Error, "the file is not valid UTF-8 text";
    ControlCharacter = "E0003", "control-character", Error, "a control character (NUL, escape …) in the text of the file";
    UnknownReference = "E0101", "unknown-reference", Error, "a reference to an id that is not declared";
    DuplicateId = "E0102", "duplicate-id", Error, "the same id is declared twice";
    WrongKind = "E0103", "wrong-kind", Error, "a reference to the wrong kind of declaration";
    MissingField = "E0104", "missing-field", Error, "a required field is missing";
    RepeatedField = "E0105", "repeated-field", Error, "a field that takes one value is given twice";
    InvalidDate = "E0106", "invalid-date", Error, "a date that does not exist, or a range that ends before it starts";
    SecondCase = "E0107", "second-case", Error, "more than one case header in a file";
    Cycle = "E0201", "cycle", Error, "a cycle where none can be";
    RevisionOfAnother = "E0202", "revision-of-another", Error, "a claim revises a claim its claimant did not make";
    SelfAttribution = "E0203", "self-attribution", Error, "something attributed to itself";
    StepNotMade = "E0204", "step-not-made", Error, "an evidence item names a step that no claim it supports makes";
    Chronology = "E0301", "chronology", Error, "an impossible order of dates";
    Unused = "W0101", "unused", Warning, "a source or actor that nothing uses";
    NoCaseHeader = "W0102", "no-case-header", Warning, "the file has no case header";
    AllowWithoutReason = "W0103", "allow-without-reason", Warning, "a diagnostic silenced without a stated reason";
    UselessAllow = "W0104", "useless-allow", Warning, "an `allow` that silences nothing";
    UnknownOutsideId = "W0105", "unknown-outside-id", Warning, "an id from an outside vocabulary that does not exist";
    EscapeInPath = "W0106", "escape-in-path", Warning, "a text that looks like a Windows path holds `\\n` or `\\t`";
    BidiControl = "W0107", "bidi-control", Warning, "a character that reorders the text around it";
    ConfusableIds = "W0108", "confusable-ids", Warning, "two ids that look alike but differ";
    MixedScriptId = "W0109", "mixed-script-id", Warning, "an id that mixes the letters of several scripts";
    ControlEscape = "W0110", "control-escape", Warning, "an escape in text that makes a control character";
    NoEvidence = "W0201", "no-evidence", Warning, "an attribution with no evidence at all";
    SelfClaimOnly = "W0202", "self-claim-only", Warning, "a link supported only by the actors' own claim";
    UndisclosedOnly = "W0203", "undisclosed-only", Warning, "an attribution resting only on undisclosed evidence";
    Inflation = "W0204", "confidence-inflation", Warning, "stated confidence well above what the cited evidence supports";
    CircularSourcing = "W0205", "circular-sourcing", Warning, "several sources that all repeat one other source";
    MediaOnly = "W0206", "media-only", Warning, "a link that rests only on media reports";
    StepUnnamed = "W0207", "step-unnamed", Warning, "evidence for a claim of several steps that does not say which it bears on";
    RestsOnOneItem = "W0208", "rests-on-one-item", Warning, "one evidence item decides the level of an assessment's support";
    Unreached = "W0301", "response-unreached", Warning, "a response against an actor that no chain reaches";
    PrematureResponse = "W0302", "response-before-attribution", Warning, "a response dated before any attribution of its target";
    StatelessCountermeasure = "W0303", "countermeasure-without-state", Warning, "a countermeasure with no attribution to a state";
    HypothesisUnrated = "W0401", "hypothesis-unrated", Warning, "a hypothesis no evidence item is rated against";
    NoCoverHypothesis = "W0402", "no-cover-hypothesis", Warning, "a self-claim or persona with no hypothesis that it is a cover";
    RatingContradictsLink = "W0403", "rating-contradicts-link", Warning, "an item rated against what a claim it supports asserts";
    NoDiagnosticRow = "W0404", "no-diagnostic-row", Warning, "a matrix in which no item tells the hypotheses apart";
    RatedNotAHypothesis = "W0405", "rated-not-a-hypothesis", Warning, "a rating against an actor that is no hypothesis for what the item bears on";
}
