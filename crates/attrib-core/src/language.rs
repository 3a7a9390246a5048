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
#[repr(u8)]
pub enum DeclKind {
    Case,
    Source,
    Actor,
    Event,
    Claim,
    Evidence,
    Response,
    Hypothesis,
}

impl DeclKind {
    /// The grammar rule of its keyword.
    pub fn rule(self) -> Rule {
        match self {
            DeclKind::Case => Rule::k_case,
            DeclKind::Source => Rule::k_source,
            DeclKind::Actor => Rule::k_actor,
            DeclKind::Event => Rule::k_event,
            DeclKind::Claim => Rule::k_claim,
            DeclKind::Evidence => Rule::k_evidence,
            DeclKind::Response => Rule::k_response,
            DeclKind::Hypothesis => Rule::k_hypothesis,
        }
    }

    pub const fn keyword(self) -> &'static str {
        match self {
            DeclKind::Case => "case",
            DeclKind::Source => "source",
            DeclKind::Actor => "actor",
            DeclKind::Event => "event",
            DeclKind::Claim => "claim",
            DeclKind::Evidence => "evidence",
            DeclKind::Response => "response",
            DeclKind::Hypothesis => "hypothesis",
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
            DeclKind::Hypothesis => "a hypothesis",
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
    Rating,
}

impl Vocabulary {
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
            Vocabulary::Rating => all(Rating::ALL, Rating::word),
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

    /// Its name in the language description for editors (`source-kind`).
    pub fn name(self) -> &'static str {
        match self {
            Vocabulary::SourceKind => "source-kind",
            Vocabulary::ActorKind => "actor-kind",
            Vocabulary::EventKind => "event-kind",
            Vocabulary::ResponseKind => "response-kind",
            Vocabulary::Role => "role",
            Vocabulary::Likelihood => "confidence",
            Vocabulary::Basis => "basis",
            Vocabulary::IndicatorClass => "indicator-class",
            Vocabulary::Disclosure => "disclosure",
            Vocabulary::LegalCategory => "legal-category",
            Vocabulary::Reliability => "reliability",
            Vocabulary::Credibility => "credibility",
            Vocabulary::Rating => "rating",
        }
    }

    /// The grammar rule of its words.
    pub fn rule(self) -> Rule {
        match self {
            Vocabulary::SourceKind => Rule::source_kind,
            Vocabulary::ActorKind => Rule::actor_kind,
            Vocabulary::EventKind => Rule::event_kind,
            Vocabulary::ResponseKind => Rule::response_kind,
            Vocabulary::Role => Rule::role,
            Vocabulary::Likelihood => Rule::likelihood,
            Vocabulary::Basis => Rule::basis,
            Vocabulary::IndicatorClass => Rule::class,
            Vocabulary::Disclosure => Rule::disclosure,
            Vocabulary::LegalCategory => Rule::legal_category,
            Vocabulary::Reliability => Rule::reliability,
            Vocabulary::Credibility => Rule::credibility,
            Vocabulary::Rating => Rule::rating,
        }
    }

    /// Every vocabulary.
    pub const ALL: [Vocabulary; 13] = [
        Vocabulary::SourceKind,
        Vocabulary::ActorKind,
        Vocabulary::EventKind,
        Vocabulary::Role,
        Vocabulary::Likelihood,
        Vocabulary::Basis,
        Vocabulary::IndicatorClass,
        Vocabulary::Disclosure,
        Vocabulary::ResponseKind,
        Vocabulary::LegalCategory,
        Vocabulary::Reliability,
        Vocabulary::Credibility,
        Vocabulary::Rating,
    ];

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
            Vocabulary::Rating => "a rating on Heuer's scale",
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
    /// `rated RATING with HYPOTHESES "reason"`: hypotheses (declared, or
    /// the actors some claim holds responsible).
    Rated(&'static [DeclKind]),
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
    /// The connecting words that may follow its first value
    /// (`attributes EVENT to ACTOR as ROLE`: `to`, `as`), besides those of
    /// its keyword (`organ of`).
    pub after: &'static [&'static str],
}

impl Field {
    /// Every word of the field but its first: the rest of its keyword and
    /// its connecting words (`of`, `per` for `organ of STATE per SOURCE`).
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.keyword
            .split(' ')
            .skip(1)
            .chain(self.after.iter().copied())
    }
}

use DeclKind::{Actor, Case, Claim, Event, Evidence, Hypothesis, Response, Source};

const SOURCE: &[DeclKind] = &[Source];
const ACTOR: &[DeclKind] = &[Actor];
const EVENT: &[DeclKind] = &[Event];
const CLAIM: &[DeclKind] = &[Claim];
const RESPONSE: &[DeclKind] = &[Response];
const EVENT_OR_ACTOR: &[DeclKind] = &[Event, Actor];
const EVENT_OR_RESPONSE: &[DeclKind] = &[Event, Response];
const EVENT_OR_CLAIM: &[DeclKind] = &[Event, Claim];
const ASSESSABLE: &[DeclKind] = &[Event, Actor, Claim];
const HYPOTHESIS_OR_ACTOR: &[DeclKind] = &[Hypothesis, Actor];

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
        after: &[],
    }
}

/// A field with connecting words after its first value.
const fn then(field: Field, after: &'static [&'static str]) -> Field {
    Field { after, ..field }
}

use Arity::*;
use Need::*;
use Value::*;

/// Every field of the language.
pub static FIELDS: &[Field] = &ALL_FIELDS;

#[rustfmt::skip]
const ALL_FIELDS: [Field; 84] = [
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
    then(f(Some(Actor), "organ of", Rule::k_organ, Repeat, Phrase(ACTOR, SOURCE), Optional, "organ of STATE per SOURCE"), &["per"]),
    then(f(Some(Actor), "part of", Rule::k_part, Repeat, Phrase(ACTOR, SOURCE), Optional, "part of ACTOR per SOURCE"), &["per"]),
    then(f(Some(Actor), "front for", Rule::k_front, Repeat, Phrase(ACTOR, SOURCE), Optional, "front for ACTOR per SOURCE"), &["per"]),
    then(f(Some(Actor), "holds office in", Rule::k_holds, Repeat, Phrase(ACTOR, SOURCE), Optional, "holds office in STATE as \"…\""), &["as", "per"]),
    then(f(Some(Actor), "imitates", Rule::k_imitates, Repeat, Phrase(ACTOR, SOURCE), Optional, "imitates ACTOR per SOURCE"), &["per"]),
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
    then(f(Some(Claim), "attributes", Rule::k_attributes, Repeat, Phrase(EVENT_OR_ACTOR, ACTOR), OneOf("a statement"), "attributes EVENT to ACTOR as ROLE"), &["to", "as"]),
    f(Some(Claim), "takes responsibility for", Rule::k_takes, Repeat, Phrase(EVENT, &[]), OneOf("a statement"), "takes responsibility for EVENT"),
    f(Some(Claim), "denies", Rule::k_denies, Repeat, Refs(CLAIM), OneOf("a statement"), "denies CLAIM"),
    f(Some(Claim), "denies responsibility for", Rule::k_denies, Repeat, Refs(EVENT), OneOf("a statement"), "denies responsibility for EVENT"),
    f(Some(Claim), "condemns", Rule::k_condemns, Repeat, Refs(EVENT), OneOf("a statement"), "condemns EVENT"),
    f(Some(Claim), "acknowledges", Rule::k_acknowledges, Repeat, Refs(CLAIM), OneOf("a statement"), "acknowledges CLAIM"),
    f(Some(Claim), "endorses", Rule::k_endorses, Repeat, Refs(CLAIM), OneOf("a statement"), "endorses CLAIM"),
    f(Some(Claim), "disputes", Rule::k_disputes, Repeat, Refs(CLAIM), OneOf("a statement"), "disputes CLAIM"),
    then(f(Some(Claim), "locates", Rule::k_locates, Repeat, Phrase(EVENT, ACTOR), OneOf("a statement"), "locates EVENT in STATE"), &["in"]),
    f(Some(Claim), "assesses", Rule::k_assesses, Repeat, Refs(ASSESSABLE), OneOf("a statement"), "assesses EVENT"),
    f(Some(Claim), "declines to attribute", Rule::k_declines, Repeat, Refs(EVENT), OneOf("a statement"), "declines to attribute EVENT"),
    f(Some(Claim), "cannot attribute", Rule::k_cannot, Repeat, Refs(EVENT), OneOf("a statement"), "cannot attribute EVENT"),
    f(Some(Claim), "revises", Rule::k_revises, One, Refs(CLAIM), Optional, "revises CLAIM"),
    f(Some(Claim), "confidence", Rule::k_confidence, One, Stated, Optional, "confidence high \"their words\""),
    f(Some(Claim), "basis", Rule::k_basis, One, Word(Vocabulary::Basis), Optional, "basis technical"),
    f(Some(Claim), "unofficial", Rule::k_unofficial, One, Text, Optional, "unofficial \"who spoke, to whom\""),
    // evidence
    f(Some(Evidence), "class", Rule::k_class, One, Word(Vocabulary::IndicatorClass), Required, "class malware"),
    f(Some(Evidence), "source", Rule::k_source, List, Refs(SOURCE), Required, "source SOURCE"),
    f(Some(Evidence), "credibility", Rule::k_credibility, One, Word(Vocabulary::Credibility), Required, "credibility 2"),
    f(Some(Evidence), "disclosed", Rule::k_disclosed, One, Word(Vocabulary::Disclosure), Required, "disclosed yes"),
    f(Some(Evidence), "known", Rule::k_known, One, Date, Optional, "known 2022-08-04"),
    f(Some(Evidence), "supports", Rule::k_supports, List, Refs(CLAIM), OneOf("supports or contradicts"), "supports CLAIM"),
    f(Some(Evidence), "contradicts", Rule::k_contradicts, List, Refs(CLAIM), OneOf("supports or contradicts"), "contradicts CLAIM"),
    f(Some(Evidence), "by", Rule::k_by, One, Refs(ACTOR), Optional, "by ACTOR"),
    then(f(Some(Evidence), "step", Rule::k_step, Repeat, Phrase(EVENT_OR_ACTOR, ACTOR), Optional, "step EVENT to ACTOR"), &["to"]),
    then(f(Some(Evidence), "rated", Rule::k_rated, Repeat, Rated(HYPOTHESIS_OR_ACTOR), Optional, "rated consistent with HYPOTHESIS \"reason\""), &["with"]),
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
    // hypothesis
    f(Some(Hypothesis), "title", Rule::k_title, One, Text, Required, "title \"…\""),
    f(Some(Hypothesis), "explains", Rule::k_explains, List, Refs(EVENT), Required, "explains EVENT"),
    f(Some(Hypothesis), "responsible", Rule::k_responsible, List, Refs(ACTOR), Optional, "responsible ACTOR"),
    f(Some(Hypothesis), "source", Rule::k_source, List, Refs(SOURCE), Optional, "source SOURCE"),
];

/// The declaration keywords, in the order the reference lists them.
pub const DECLARATIONS: [DeclKind; 8] = [
    Case, Source, Actor, Event, Claim, Evidence, Response, Hypothesis,
];

/// The words that connect the parts of a field (`organ of STATE per
/// SOURCE`, `attributes EVENT to ACTOR as ROLE`), with their grammar
/// rules. A test checks that these are exactly the words the fields use.
pub const CONNECTORS: [(Rule, &str); 10] = [
    (Rule::k_as, "as"),
    (Rule::k_attribute, "attribute"),
    (Rule::k_for, "for"),
    (Rule::k_in, "in"),
    (Rule::k_of, "of"),
    (Rule::k_office, "office"),
    (Rule::k_per, "per"),
    (Rule::k_responsibility, "responsibility"),
    (Rule::k_to, "to"),
    (Rule::k_with, "with"),
];

/// The declaration a keyword starts, if it starts one.
pub fn declaration(keyword: &str) -> Option<DeclKind> {
    DECLARATIONS.into_iter().find(|k| k.keyword() == keyword)
}

/// The first bytes of the declaration keywords: most lines start with
/// white space, `#` or `}`, and are told apart by one byte.
const DECLARATION_FIRST_BYTES: [bool; 256] = {
    let mut first = [false; 256];
    let mut i = 0;
    while i < DECLARATIONS.len() {
        first[DECLARATIONS[i].keyword().as_bytes()[0] as usize] = true;
        i += 1;
    }
    first
};

/// Whether a line (the text from its start) begins with a declaration
/// keyword and a space or tab: where the parser cuts a file into pieces.
pub fn starts_declaration(line: &[u8]) -> bool {
    let Some(&first) = line.first() else {
        return false;
    };
    DECLARATION_FIRST_BYTES[first as usize]
        && DECLARATIONS.iter().any(|k| {
            line.strip_prefix(k.keyword().as_bytes())
                .is_some_and(|rest| matches!(rest.first(), Some(b' ' | b'\t')))
        })
}

/// Whether a grammar rule is a keyword of the language: a declaration's,
/// a field's first word, or a connecting word.
pub fn is_keyword(rule: Rule) -> bool {
    keyword_of_rule(rule).is_some()
}

/// Whether a word is the first word of some field (`with` starts a
/// response's field, and connects a rating to its hypotheses).
pub fn starts_some_field(word: &str) -> bool {
    FIELDS
        .iter()
        .any(|f| f.keyword.split(' ').next() == Some(word))
}

/// Whether a word connects the parts of a field (`to`, `per` …).
pub fn is_connector(word: &str) -> bool {
    CONNECTORS.iter().any(|(_, w)| *w == word)
}

/// Every keyword of the language written as a grammar rule (declarations,
/// fields' first words, connecting words), as it is spelled.
pub fn keyword_of_rule(rule: Rule) -> Option<&'static str> {
    keyword_words(rule)
        .or_else(|| {
            DECLARATIONS
                .into_iter()
                .find(|k| k.rule() == rule)
                .map(DeclKind::keyword)
        })
        .or_else(|| CONNECTORS.iter().find(|(r, _)| *r == rule).map(|(_, w)| *w))
}

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

/// For each kind of declaration and each grammar rule (by its number),
/// whether the rule starts a field of that kind: computed from the table
/// at compile time, so the parser's hot loop asks one array. (`with` starts
/// a field of a response, and is a connecting word inside a rating.)
const STARTS_FIELD: [[bool; 256]; DECLARATIONS.len()] = {
    let mut starts = [[false; 256]; DECLARATIONS.len()];
    let mut i = 0;
    while i < ALL_FIELDS.len() {
        let field = &ALL_FIELDS[i];
        let mut k = 0;
        while k < DECLARATIONS.len() {
            let applies = match field.decl {
                None => true,
                Some(d) => d as usize == DECLARATIONS[k] as usize,
            };
            if applies {
                starts[DECLARATIONS[k] as usize][field.rule as usize] = true;
            }
            k += 1;
        }
        i += 1;
    }
    starts
};

/// Whether a keyword rule starts a field of a declaration kind (the
/// parser's field recogniser: field rules are silent, so a declaration's
/// pairs come flat — keyword, values, keyword …).
pub fn starts_field(kind: DeclKind, rule: Rule) -> bool {
    STARTS_FIELD[kind as usize]
        .get(rule as usize)
        .copied()
        .unwrap_or(false)
}

/// The kind of declaration a grammar rule of a whole declaration is.
pub fn declaration_of_rule(rule: Rule) -> Option<DeclKind> {
    Some(match rule {
        Rule::case_decl => DeclKind::Case,
        Rule::source_decl => DeclKind::Source,
        Rule::actor_decl => DeclKind::Actor,
        Rule::event_decl => DeclKind::Event,
        Rule::claim_decl => DeclKind::Claim,
        Rule::evidence_decl => DeclKind::Evidence,
        Rule::response_decl => DeclKind::Response,
        Rule::hypothesis_decl => DeclKind::Hypothesis,
        _ => return None,
    })
}

/// How a field keyword is written in full, for messages: `organ of` for
/// `k_organ`, `takes responsibility for` for `k_takes`.
pub fn keyword_words(rule: Rule) -> Option<&'static str> {
    FIELDS.iter().find(|f| f.rule == rule).map(|f| f.keyword)
}

/// The kinds a reference in this field may name (the subject of a phrase).
pub fn ref_kinds(kind: DeclKind, keyword: &str) -> &'static [DeclKind] {
    match field_named(kind, keyword).map(|f| f.value) {
        Some(Value::Refs(k) | Value::Phrase(k, _) | Value::Rated(k)) => k,
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
    fn the_connectors_are_the_words_the_fields_use() {
        let used: std::collections::BTreeSet<&str> =
            FIELDS.iter().flat_map(|f| f.words()).collect();
        let listed: std::collections::BTreeSet<&str> = CONNECTORS.iter().map(|(_, w)| *w).collect();
        assert_eq!(used, listed);
        for (rule, word) in CONNECTORS {
            assert_eq!(format!("{rule:?}"), format!("k_{word}"));
        }
        for kind in DECLARATIONS {
            assert_eq!(
                format!("{:?}", kind.rule()),
                format!("k_{}", kind.keyword())
            );
        }
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
