//! One description of the language: for each declaration kind, its fields —
//! the keyword that starts each, how often it may appear, what its value
//! is, whether it is required, and the kinds of declaration a reference in
//! it may name.
//!
//! The parts that must agree are derived from this table: which keywords
//! start a field (the parser's field recogniser, the formatter), the words
//! of "expected …" messages, the required-field check, the kinds a
//! reference may name (resolution), and the language server's completion.
//! Adding a field is adding one entry here (and its grammar rule, which a
//! test checks against this table).

use crate::grammar::Rule;
use crate::vocab::*;

/// The kinds of declaration; each has its own keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclKind {
    Case,
    Source,
    Actor,
    Event,
    Claim,
    Evidence,
    Response,
}

impl DeclKind {
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Case => "case",
            DeclKind::Source => "source",
            DeclKind::Actor => "actor",
            DeclKind::Event => "event",
            DeclKind::Claim => "claim",
            DeclKind::Evidence => "evidence",
            DeclKind::Response => "response",
        }
    }

    /// "an actor", "a source" …
    pub fn with_article(self) -> &'static str {
        match self {
            DeclKind::Case => "a case",
            DeclKind::Source => "a source",
            DeclKind::Actor => "an actor",
            DeclKind::Event => "an event",
            DeclKind::Claim => "a claim",
            DeclKind::Evidence => "an evidence item",
            DeclKind::Response => "a response",
        }
    }
}

/// How often a field may appear in one declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// At most once.
    One,
    /// A comma-separated list; may be repeated, the lists add up.
    List,
    /// May be repeated, one value each time.
    Repeat,
}

/// A closed vocabulary a field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    SourceKind,
    ActorKind,
    EventKind,
    ResponseKind,
    Role,
    Likelihood,
    Basis,
    IndicatorClass,
    Disclosure,
    LegalCategory,
    Reliability,
    Credibility,
}

impl Vocabulary {
    /// Every vocabulary of the language.
    pub const ALL: [Vocabulary; 12] = [
        Vocabulary::SourceKind,
        Vocabulary::ActorKind,
        Vocabulary::EventKind,
        Vocabulary::ResponseKind,
        Vocabulary::Role,
        Vocabulary::Likelihood,
        Vocabulary::Basis,
        Vocabulary::IndicatorClass,
        Vocabulary::Disclosure,
        Vocabulary::LegalCategory,
        Vocabulary::Reliability,
        Vocabulary::Credibility,
    ];

    /// Every word of the vocabulary.
    pub fn words(self) -> Vec<&'static str> {
        fn all<T: Copy>(values: &[T], word: fn(T) -> &'static str) -> Vec<&'static str> {
            values.iter().map(|v| word(*v)).collect()
        }
        match self {
            Vocabulary::SourceKind => all(SourceKind::ALL, SourceKind::word),
            Vocabulary::ActorKind => all(ActorKind::ALL, ActorKind::word),
            Vocabulary::EventKind => all(EventKind::ALL, EventKind::word),
            Vocabulary::ResponseKind => all(ResponseKind::ALL, ResponseKind::word),
            Vocabulary::Role => all(Role::ALL, Role::word),
            Vocabulary::Likelihood => all(Likelihood::ALL, Likelihood::word),
            Vocabulary::Basis => all(Basis::ALL, Basis::word),
            Vocabulary::IndicatorClass => all(IndicatorClass::ALL, IndicatorClass::word),
            Vocabulary::Disclosure => all(Disclosure::ALL, Disclosure::word),
            Vocabulary::LegalCategory => all(LegalCategory::ALL, LegalCategory::word),
            Vocabulary::Reliability => all(Reliability::ALL, Reliability::word),
            Vocabulary::Credibility => all(Credibility::ALL, Credibility::word),
        }
    }

    /// The choices, for help: "A to F on the Admiralty scale …", or "one of:
    /// government, intergovernmental, …".
    pub fn choices(self) -> String {
        match self {
            Vocabulary::Reliability => {
                "A to F on the Admiralty scale (F when it cannot be judged)".into()
            }
            Vocabulary::Credibility => {
                "1 to 6 on the Admiralty scale (6 when it cannot be judged)".into()
            }
            Vocabulary::Disclosure => {
                "`yes`, `no` or `partly`: whether the evidence itself was made public".into()
            }
            other => format!("one of: {}", other.words().join(", ")),
        }
    }

    /// What the vocabulary is, for messages: "a source kind".
    pub fn what(self) -> &'static str {
        match self {
            Vocabulary::SourceKind => "a source kind",
            Vocabulary::ActorKind => "an actor kind",
            Vocabulary::EventKind => "an event kind",
            Vocabulary::ResponseKind => "a response kind",
            Vocabulary::Role => "a role",
            Vocabulary::Likelihood => "a confidence term",
            Vocabulary::Basis => "a basis",
            Vocabulary::IndicatorClass => "an indicator class",
            Vocabulary::Disclosure => "`yes`, `no` or `partly`",
            Vocabulary::LegalCategory => "a legal category",
            Vocabulary::Reliability => "a source reliability from A to F",
            Vocabulary::Credibility => "an information credibility from 1 to 6",
        }
    }
}

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Text,
    Date,
    Duration,
    /// An outside id: ISO country code, ATT&CK group, technique, CVE.
    Outside(&'static str),
    Word(Vocabulary),
    /// References to declarations of these kinds.
    Refs(&'static [DeclKind]),
    /// `allow CODE "reason"`.
    Allow,
    /// `confidence TERM "words"`.
    Stated,
    /// A relation or statement with two parts that name declarations: the
    /// subject and the object (`attributes EVENT to ACTOR as ROLES`,
    /// `organ of STATE per SOURCE`, `locates EVENT in STATE`).
    Phrase(&'static [DeclKind], &'static [DeclKind]),
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Optional,
    Required,
    /// One of the fields of this group must be present (a claim's
    /// statements; evidence's `supports` / `contradicts`).
    OneOf(&'static str),
}

/// One field of a declaration kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// `None` for the fields every declaration may carry.
    pub decl: Option<DeclKind>,
    /// How it is written, keyword first: `organ of`, `takes responsibility for`.
    pub keyword: &'static str,
    /// The grammar rule of its first keyword.
    pub rule: Rule,
    pub arity: Arity,
    pub value: Value,
    pub need: Need,
    /// A pattern of the whole field, for help and completion.
    pub example: &'static str,
}

use DeclKind::{Actor, Case, Claim, Event, Evidence, Response, Source};

const SOURCE: &[DeclKind] = &[Source];
const ACTOR: &[DeclKind] = &[Actor];
const EVENT: &[DeclKind] = &[Event];
const CLAIM: &[DeclKind] = &[Claim];
const RESPONSE: &[DeclKind] = &[Response];
const EVENT_OR_ACTOR: &[DeclKind] = &[Event, Actor];
const EVENT_OR_RESPONSE: &[DeclKind] = &[Event, Response];
const EVENT_OR_CLAIM: &[DeclKind] = &[Event, Claim];
const ASSESSABLE: &[DeclKind] = &[Event, Actor, Claim];

const fn f(
    decl: Option<DeclKind>,
    keyword: &'static str,
    rule: Rule,
    arity: Arity,
    value: Value,
    need: Need,
    example: &'static str,
) -> Field {
    Field {
        decl,
        keyword,
        rule,
        arity,
        value,
        need,
        example,
    }
}

use Arity::*;
use Need::*;
use Value::*;

/// Every field of the language.
pub static FIELDS: &[Field] = &ALL_FIELDS;

#[rustfmt::skip]
const ALL_FIELDS: [Field; 72] = [
    // Every declaration.
    f(None, "summary", Rule::k_summary, One, Text, Optional, "summary \"…\""),
    f(None, "note", Rule::k_note, Repeat, Text, Optional, "note \"…\""),
    f(None, "quote", Rule::k_quote, Repeat, Text, Optional, "quote \"…\""),
    f(None, "unconfirmed", Rule::k_unconfirmed, One, Text, Optional, "unconfirmed \"what and why\""),
    f(None, "allow", Rule::k_allow, Repeat, Allow, Optional, "allow W0201 \"reason\""),
    // case
    f(Some(Case), "title", Rule::k_title, One, Text, Required, "title \"…\""),
    f(Some(Case), "period", Rule::k_period, One, Date, Optional, "period 2021-05 to 2022-09"),
    f(Some(Case), "author", Rule::k_author, List, Text, Optional, "author \"…\""),
    f(Some(Case), "version", Rule::k_version, One, Text, Optional, "version \"1\""),
    // source
    f(Some(Source), "kind", Rule::k_kind, One, Word(Vocabulary::SourceKind), Required, "kind media"),
    f(Some(Source), "publisher", Rule::k_publisher, One, Text, Required, "publisher \"…\""),
    f(Some(Source), "title", Rule::k_title, One, Text, Optional, "title \"…\""),
    f(Some(Source), "url", Rule::k_url, One, Text, Optional, "url \"https://…\""),
    f(Some(Source), "published", Rule::k_published, One, Date, Optional, "published 2022-09-08"),
    f(Some(Source), "reliability", Rule::k_reliability, One, Word(Vocabulary::Reliability), Required, "reliability B"),
    f(Some(Source), "repeats", Rule::k_repeats, List, Refs(SOURCE), Optional, "repeats SOURCE"),
    // actor
    f(Some(Actor), "kind", Rule::k_kind, One, Word(Vocabulary::ActorKind), Required, "kind state"),
    f(Some(Actor), "name", Rule::k_name, One, Text, Required, "name \"…\""),
    f(Some(Actor), "alias", Rule::k_alias, List, Text, Optional, "alias \"…\""),
    f(Some(Actor), "country", Rule::k_country, One, Outside("an ISO 3166 alpha-2 code"), Optional, "country AL"),
    f(Some(Actor), "attack-group", Rule::k_attack_group, One, Outside("an ATT&CK group id"), Optional, "attack-group G0059"),
    f(Some(Actor), "organ of", Rule::k_organ, Repeat, Phrase(ACTOR, SOURCE), Optional, "organ of STATE per SOURCE"),
    f(Some(Actor), "part of", Rule::k_part, Repeat, Phrase(ACTOR, SOURCE), Optional, "part of ACTOR per SOURCE"),
    f(Some(Actor), "front for", Rule::k_front, Repeat, Phrase(ACTOR, SOURCE), Optional, "front for ACTOR per SOURCE"),
    f(Some(Actor), "holds office in", Rule::k_holds, Repeat, Phrase(ACTOR, SOURCE), Optional, "holds office in STATE as \"…\""),
    f(Some(Actor), "source", Rule::k_source, List, Refs(SOURCE), Optional, "source SOURCE"),
    // event
    f(Some(Event), "title", Rule::k_title, One, Text, Optional, "title \"…\""),
    f(Some(Event), "kind", Rule::k_kind, List, Word(Vocabulary::EventKind), Required, "kind intrusion"),
    f(Some(Event), "date", Rule::k_date, One, Date, Required, "date 2022-07-15"),
    f(Some(Event), "known", Rule::k_known, One, Date, Optional, "known 2022-09-08"),
    f(Some(Event), "duration", Rule::k_duration, One, Duration, Optional, "duration 24 hours"),
    f(Some(Event), "target", Rule::k_target, List, Refs(ACTOR), Optional, "target ACTOR"),
    f(Some(Event), "effect", Rule::k_effect, Repeat, Text, Optional, "effect \"…\""),
    f(Some(Event), "technique", Rule::k_technique, List, Outside("an ATT&CK technique id"), Optional, "technique T1486"),
    f(Some(Event), "malware", Rule::k_malware, List, Text, Optional, "malware \"…\""),
    f(Some(Event), "tool", Rule::k_tool, List, Text, Optional, "tool \"…\""),
    f(Some(Event), "cve", Rule::k_cve, List, Outside("a CVE id"), Optional, "cve CVE-2019-0604"),
    f(Some(Event), "part of", Rule::k_part, List, Refs(EVENT), Optional, "part of EVENT"),
    f(Some(Event), "follows", Rule::k_follows, List, Refs(EVENT_OR_RESPONSE), Optional, "follows EVENT"),
    f(Some(Event), "source", Rule::k_source, List, Refs(SOURCE), Optional, "source SOURCE"),
    // claim
    f(Some(Claim), "by", Rule::k_by, One, Refs(ACTOR), Required, "by ACTOR"),
    f(Some(Claim), "date", Rule::k_date, One, Date, Required, "date 2022-09-07"),
    f(Some(Claim), "source", Rule::k_source, List, Refs(SOURCE), Required, "source SOURCE"),
    f(Some(Claim), "attributes", Rule::k_attributes, Repeat, Phrase(EVENT_OR_ACTOR, ACTOR), OneOf("a statement"), "attributes EVENT to ACTOR as ROLE"),
    f(Some(Claim), "takes responsibility for", Rule::k_takes, Repeat, Phrase(EVENT, &[]), OneOf("a statement"), "takes responsibility for EVENT"),
    f(Some(Claim), "denies", Rule::k_denies, Repeat, Refs(CLAIM), OneOf("a statement"), "denies CLAIM"),
    f(Some(Claim), "condemns", Rule::k_condemns, Repeat, Refs(EVENT), OneOf("a statement"), "condemns EVENT"),
    f(Some(Claim), "acknowledges", Rule::k_acknowledges, Repeat, Refs(CLAIM), OneOf("a statement"), "acknowledges CLAIM"),
    f(Some(Claim), "endorses", Rule::k_endorses, Repeat, Refs(CLAIM), OneOf("a statement"), "endorses CLAIM"),
    f(Some(Claim), "disputes", Rule::k_disputes, Repeat, Refs(CLAIM), OneOf("a statement"), "disputes CLAIM"),
    f(Some(Claim), "locates", Rule::k_locates, Repeat, Phrase(EVENT, ACTOR), OneOf("a statement"), "locates EVENT in STATE"),
    f(Some(Claim), "assesses", Rule::k_assesses, Repeat, Refs(ASSESSABLE), OneOf("a statement"), "assesses EVENT"),
    f(Some(Claim), "revises", Rule::k_revises, One, Refs(CLAIM), Optional, "revises CLAIM"),
    f(Some(Claim), "confidence", Rule::k_confidence, One, Stated, Optional, "confidence high \"their words\""),
    f(Some(Claim), "basis", Rule::k_basis, One, Word(Vocabulary::Basis), Optional, "basis technical"),
    // evidence
    f(Some(Evidence), "class", Rule::k_class, One, Word(Vocabulary::IndicatorClass), Required, "class malware"),
    f(Some(Evidence), "source", Rule::k_source, List, Refs(SOURCE), Required, "source SOURCE"),
    f(Some(Evidence), "credibility", Rule::k_credibility, One, Word(Vocabulary::Credibility), Required, "credibility 2"),
    f(Some(Evidence), "disclosed", Rule::k_disclosed, One, Word(Vocabulary::Disclosure), Required, "disclosed yes"),
    f(Some(Evidence), "known", Rule::k_known, One, Date, Optional, "known 2022-08-04"),
    f(Some(Evidence), "supports", Rule::k_supports, List, Refs(CLAIM), OneOf("supports or contradicts"), "supports CLAIM"),
    f(Some(Evidence), "contradicts", Rule::k_contradicts, List, Refs(CLAIM), OneOf("supports or contradicts"), "contradicts CLAIM"),
    // response
    f(Some(Response), "kind", Rule::k_kind, One, Word(Vocabulary::ResponseKind), Required, "kind sanctions"),
    f(Some(Response), "by", Rule::k_by, One, Refs(ACTOR), Required, "by ACTOR"),
    f(Some(Response), "with", Rule::k_with, List, Refs(ACTOR), Optional, "with ACTOR"),
    f(Some(Response), "against", Rule::k_against, List, Refs(ACTOR), Optional, "against ACTOR"),
    f(Some(Response), "date", Rule::k_date, One, Date, Required, "date 2022-09-07"),
    f(Some(Response), "deadline", Rule::k_deadline, One, Duration, Optional, "deadline 24 hours"),
    f(Some(Response), "answers", Rule::k_answers, List, Refs(EVENT_OR_CLAIM), Optional, "answers EVENT"),
    f(Some(Response), "part of", Rule::k_part, One, Refs(RESPONSE), Optional, "part of RESPONSE"),
    f(Some(Response), "category", Rule::k_category, One, Word(Vocabulary::LegalCategory), Optional, "category retorsion"),
    f(Some(Response), "source", Rule::k_source, List, Refs(SOURCE), Required, "source SOURCE"),
];

/// The declaration keywords, in the order the reference lists them.
pub const DECLARATIONS: [DeclKind; 7] = [Case, Source, Actor, Event, Claim, Evidence, Response];

/// The fields a declaration kind may carry: its own, then those of every
/// declaration.
pub fn fields_of(kind: DeclKind) -> impl Iterator<Item = &'static Field> {
    FIELDS
        .iter()
        .filter(move |f| f.decl == Some(kind))
        .chain(FIELDS.iter().filter(|f| f.decl.is_none()))
}

/// The field of a kind that starts with this keyword rule.
pub fn field(kind: DeclKind, rule: Rule) -> Option<&'static Field> {
    fields_of(kind).find(|f| f.rule == rule)
}

/// The field of a kind written with these words (`organ of`, `date`).
pub fn field_named(kind: DeclKind, keyword: &str) -> Option<&'static Field> {
    fields_of(kind).find(|f| f.keyword == keyword)
}

/// For each grammar rule (by its number), whether it starts a field:
/// computed from the table at compile time, so the parser's hot loop asks
/// one array.
const STARTS_FIELD: [bool; 256] = {
    let mut starts = [false; 256];
    let mut i = 0;
    while i < ALL_FIELDS.len() {
        starts[ALL_FIELDS[i].rule as usize] = true;
        i += 1;
    }
    starts
};

/// Whether a keyword rule starts a field of some declaration (the parser's
/// field recogniser: field rules are silent, so a declaration's pairs come
/// flat — keyword, values, keyword …).
pub fn starts_field(rule: Rule) -> bool {
    STARTS_FIELD.get(rule as usize).copied().unwrap_or(false)
}

/// How a field keyword is written in full, for messages: `organ of` for
/// `k_organ`, `takes responsibility for` for `k_takes`.
pub fn keyword_words(rule: Rule) -> Option<&'static str> {
    FIELDS.iter().find(|f| f.rule == rule).map(|f| f.keyword)
}

/// The kinds a reference in this field may name (the subject of a phrase).
pub fn ref_kinds(kind: DeclKind, keyword: &str) -> &'static [DeclKind] {
    match field_named(kind, keyword).map(|f| f.value) {
        Some(Value::Refs(k) | Value::Phrase(k, _)) => k,
        _ => &[],
    }
}

/// The kinds the object of a phrase may name (`to ACTOR`, `per SOURCE`,
/// `in STATE`).
pub fn object_kinds(kind: DeclKind, keyword: &str) -> &'static [DeclKind] {
    match field_named(kind, keyword).map(|f| f.value) {
        Some(Value::Phrase(_, k)) => k,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_keyword_is_written_with_its_rule() {
        for f in FIELDS {
            let first = f.keyword.split(' ').next().unwrap();
            let rule = format!("{:?}", f.rule);
            assert_eq!(
                rule.trim_start_matches("k_").replace('_', "-"),
                first,
                "{}",
                f.keyword
            );
        }
    }

    /// `Vocabulary::ALL` names every vocabulary a field's value comes
    /// from (the playground's highlighting reads it).
    #[test]
    fn every_vocabulary_of_a_field_is_listed() {
        for f in FIELDS {
            if let Value::Word(v) = f.value {
                assert!(Vocabulary::ALL.contains(&v), "{v:?}");
            }
        }
        let distinct: std::collections::BTreeSet<String> =
            Vocabulary::ALL.iter().map(|v| format!("{v:?}")).collect();
        assert_eq!(distinct.len(), Vocabulary::ALL.len());
    }

    #[test]
    fn a_kind_has_each_keyword_once() {
        for kind in DECLARATIONS {
            let mut seen = std::collections::BTreeSet::new();
            for f in fields_of(kind) {
                assert!(seen.insert(f.keyword), "{kind:?}: {} twice", f.keyword);
            }
        }
    }
}
