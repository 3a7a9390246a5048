//! The resolved case: the syntax tree lowered once, after name resolution,
//! into per-kind arenas with typed ids (`ClaimId`, `ActorId` …).
//!
//! In the model every reference is already the id of the declaration it
//! names (a reference that names nothing, or a declaration of a kind not
//! allowed there, was reported by resolution and is left out), every date
//! is parsed and valid (an invalid one was reported as `E0106` and is left
//! out), and each statement of a claim is spelled once, as a [`Verb`] and
//! what it names. Checks, the analysis, the renderers and the language
//! server read this model; none of them looks an id up or reads a date
//! from the text again. The syntax tree stays for what is about the text
//! itself: the formatter, semantic tokens, completion.

pub mod arena;
mod lower;

pub use arena::{
    ActorId, Arena, CaseId, ClaimId, EventId, EvidenceId, HypothesisId, Idx, PerId, ResponseId,
    SourceId,
};
pub use lower::lower;

use crate::date::{Date, Duration};
pub use crate::language::DeclKind;
use crate::span::{Span, Spanned};
use crate::vocab::*;

/// Text as it reads after escapes are applied, with the span of the literal.
pub type Text = Spanned<String>;

/// Any declaration of the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    Case(CaseId),
    Source(SourceId),
    Actor(ActorId),
    Event(EventId),
    Claim(ClaimId),
    Evidence(EvidenceId),
    Response(ResponseId),
    Hypothesis(HypothesisId),
}

macro_rules! node_from {
    ($($variant:ident($id:ident)),+ $(,)?) => {
        $(
            impl From<$id> for Node {
                fn from(id: $id) -> Node {
                    Node::$variant(id)
                }
            }
        )+
        impl Node {
            pub fn kind(self) -> DeclKind {
                match self {
                    $(Node::$variant(_) => DeclKind::$variant),+
                }
            }
        }
    };
}

node_from! {
    Case(CaseId),
    Source(SourceId),
    Actor(ActorId),
    Event(EventId),
    Claim(ClaimId),
    Evidence(EvidenceId),
    Response(ResponseId),
    Hypothesis(HypothesisId),
}

impl Node {
    pub fn event(self) -> Option<EventId> {
        match self {
            Node::Event(e) => Some(e),
            _ => None,
        }
    }

    pub fn actor(self) -> Option<ActorId> {
        match self {
            Node::Actor(a) => Some(a),
            _ => None,
        }
    }

    pub fn claim(self) -> Option<ClaimId> {
        match self {
            Node::Claim(c) => Some(c),
            _ => None,
        }
    }
}

/// A resolved reference: the declaration it names and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref<T> {
    pub to: T,
    pub span: Span,
}

/// The ids a list of references names, in the order written.
pub fn ids<T: Copy>(refs: &[Ref<T>]) -> impl Iterator<Item = T> + '_ {
    refs.iter().map(|r| r.to)
}

/// What every declaration has.
#[derive(Debug, Clone)]
pub struct Head {
    /// The id as written.
    pub name: String,
    /// The span of the id.
    pub name_span: Span,
    /// The keyword and id: where diagnostics about the whole declaration point.
    pub header: Span,
    /// The whole declaration, keyword to closing brace.
    pub span: Span,
    pub summary: Option<Text>,
    pub notes: Vec<Text>,
    pub quotes: Vec<Text>,
    pub unconfirmed: Option<Text>,
    /// The declaration has a syntax error and holds what was read before it.
    pub partial: bool,
    /// Its index among the declarations of the syntax tree.
    pub decl: usize,
}

/// The case header.
#[derive(Debug, Clone)]
pub struct Header {
    pub head: Head,
    pub title: Option<Text>,
    pub period: Option<Spanned<Date>>,
    pub authors: Vec<Text>,
    pub version: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub head: Head,
    pub kind: Option<SourceKind>,
    pub publisher: Option<Text>,
    pub title: Option<Text>,
    pub url: Option<Text>,
    pub published: Option<Spanned<Date>>,
    pub reliability: Option<Reliability>,
    pub repeats: Vec<Ref<SourceId>>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub head: Head,
    pub kind: Option<ActorKind>,
    pub name: Option<Text>,
    pub aliases: Vec<Text>,
    pub country: Option<Spanned<String>>,
    pub attack_group: Option<Spanned<String>>,
    pub relations: Vec<Relation>,
    /// Parties it is made to look like (a persona, a false flag): no
    /// structural relation, and nothing attributed.
    pub imitations: Vec<Imitation>,
    pub sources: Vec<Ref<SourceId>>,
}

/// `imitates ACTOR per SOURCE`.
#[derive(Debug, Clone)]
pub struct Imitation {
    pub target: Ref<ActorId>,
    pub per: Vec<Ref<SourceId>>,
    pub span: Span,
}

/// A structural relation from an actor to another: `organ of iran`.
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: Structure,
    pub target: Ref<ActorId>,
    /// `holds office in albania as "Prime Minister"`
    pub office: Option<Text>,
    /// `per treasury-2022` — the sources that state the relation.
    pub per: Vec<Ref<SourceId>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub head: Head,
    pub title: Option<Text>,
    pub kinds: Vec<EventKind>,
    pub date: Option<Spanned<Date>>,
    /// When it became publicly known, if later than it happened.
    pub known: Option<Spanned<Date>>,
    pub duration: Option<Spanned<Duration>>,
    pub targets: Vec<Ref<ActorId>>,
    pub effects: Vec<Text>,
    pub techniques: Vec<Spanned<String>>,
    pub malware: Vec<Text>,
    pub tools: Vec<Text>,
    pub cves: Vec<Spanned<String>>,
    pub part_of: Vec<Ref<EventId>>,
    /// Events or responses it follows.
    pub follows: Vec<Ref<Node>>,
    pub sources: Vec<Ref<SourceId>>,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub head: Head,
    /// Who made the claim: one actor, or several for a joint statement.
    pub by: Vec<Ref<ActorId>>,
    pub date: Option<Spanned<Date>>,
    pub sources: Vec<Ref<SourceId>>,
    pub statements: Vec<Statement>,
    pub confidence: Option<Stated>,
    pub basis: Option<Basis>,
    /// `revises earlier-claim`: this claim is its claimants' later view
    /// (theirs, or that of another body of the same state).
    pub revises: Option<Ref<ClaimId>>,
    /// `unofficial "…"`: the claimants spoke without their names.
    pub unofficial: Option<Text>,
}

impl Claim {
    /// `attributes SUBJECT to OBJECT as ROLES`, each with its parts.
    pub fn attributions(&self) -> impl Iterator<Item = Attribution<'_>> {
        self.statements
            .iter()
            .filter_map(|s| match (s.verb, s.object) {
                (Verb::Attributes, Some(object)) => s.targets.first().map(|subject| Attribution {
                    subject: subject.to,
                    object: object.to,
                    roles: &s.roles,
                    statement: s,
                }),
                _ => None,
            })
    }

    /// Whether it says `attributes …` at all.
    pub fn attributes(&self) -> bool {
        self.statements.iter().any(|s| s.verb == Verb::Attributes)
    }

    /// The events it takes responsibility for.
    pub fn responsibility_for(&self) -> impl Iterator<Item = EventId> + '_ {
        self.statements
            .iter()
            .filter(|s| s.verb == Verb::TakesResponsibility)
            .flat_map(|s| s.targets.iter().filter_map(|t| t.to.event()))
    }

    /// The claims it answers with each reaction (denies, disputes,
    /// acknowledges, endorses).
    pub fn reactions(&self) -> impl Iterator<Item = (Reaction, ClaimId)> + '_ {
        self.statements.iter().flat_map(|s| {
            s.verb.reaction().into_iter().flat_map(move |reaction| {
                s.targets
                    .iter()
                    .filter_map(move |t| t.to.claim().map(|c| (reaction, c)))
            })
        })
    }
}

/// One `attributes` statement.
#[derive(Debug, Clone, Copy)]
pub struct Attribution<'a> {
    /// The event (or actor) attributed.
    pub subject: Node,
    /// Whom it is attributed to.
    pub object: ActorId,
    pub roles: &'a [Spanned<Role>],
    pub statement: &'a Statement,
}

/// What a claim says, one statement each; every statement has the same
/// shape: a verb, what it names, and (for `attributes` and `locates`) an
/// object.
#[derive(Debug, Clone)]
pub struct Statement {
    pub verb: Verb,
    /// What the statement is about: the event or actor attributed, the
    /// events claimed, condemned, assessed or located, the claims denied,
    /// acknowledged, endorsed or disputed.
    pub targets: Vec<Ref<Node>>,
    /// `to ACTOR` of an attribution, `in STATE` of a location.
    pub object: Option<Ref<ActorId>>,
    /// The roles of an attribution.
    pub roles: Vec<Spanned<Role>>,
    pub span: Span,
}

/// The statements a claim can make, in the order a claim lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verb {
    /// `attributes july-attack to iran as orchestrator, sponsor`
    Attributes,
    /// `takes responsibility for july-attack`: the claimant's own claim.
    TakesResponsibility,
    /// `denies rama-attribution`
    Denies,
    /// `condemns july-attack`
    Condemns,
    /// `acknowledges us-attribution`: relays another claim without making it.
    Acknowledges,
    /// `endorses us-attribution`: makes another claim's attribution its own.
    Endorses,
    /// `assesses july-attack`: an assessment that attributes nothing.
    Assesses,
    /// `locates exchange-compromise in china`: undertaken from that
    /// state's territory; nothing is attributed to the state.
    Locates,
    /// `disputes fbi-attribution`: a third party doubts or rejects a claim.
    Disputes,
    /// `denies responsibility for EVENT`: denies the act, not a claim.
    DeniesResponsibility,
    /// `declines to attribute EVENT`: will not say who did it.
    DeclinesToAttribute,
    /// `cannot attribute EVENT`: says it cannot (yet) tell who did it.
    CannotAttribute,
}

impl Verb {
    /// How a statement answers the claims it names, if it does.
    pub fn reaction(self) -> Option<Reaction> {
        match self {
            Verb::Denies => Some(Reaction::Denies),
            Verb::Disputes => Some(Reaction::Disputes),
            Verb::Acknowledges => Some(Reaction::Acknowledges),
            Verb::Endorses => Some(Reaction::Endorses),
            Verb::Attributes
            | Verb::TakesResponsibility
            | Verb::Condemns
            | Verb::Assesses
            | Verb::Locates
            | Verb::DeniesResponsibility
            | Verb::DeclinesToAttribute
            | Verb::CannotAttribute => None,
        }
    }

    /// The keyword that writes it.
    pub fn keyword(self) -> &'static str {
        match self {
            Verb::Attributes => "attributes",
            Verb::TakesResponsibility => "takes responsibility for",
            Verb::Denies => "denies",
            Verb::Condemns => "condemns",
            Verb::Acknowledges => "acknowledges",
            Verb::Endorses => "endorses",
            Verb::Assesses => "assesses",
            Verb::Locates => "locates",
            Verb::Disputes => "disputes",
            Verb::DeniesResponsibility => "denies responsibility for",
            Verb::DeclinesToAttribute => "declines to attribute",
            Verb::CannotAttribute => "cannot attribute",
        }
    }
}

/// How one claim answers another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reaction {
    Denies,
    Disputes,
    Acknowledges,
    Endorses,
}

/// A claimant's stated confidence: a standard term and their own words.
#[derive(Debug, Clone)]
pub struct Stated {
    pub term: Spanned<Likelihood>,
    pub words: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub head: Head,
    pub class: Option<IndicatorClass>,
    pub sources: Vec<Ref<SourceId>>,
    pub credibility: Option<Credibility>,
    pub disclosed: Option<Spanned<Disclosure>>,
    pub known: Option<Spanned<Date>>,
    pub supports: Vec<Ref<ClaimId>>,
    pub contradicts: Vec<Ref<ClaimId>>,
    /// Who made the finding, when the case says (else the claimants of the
    /// claims it supports: `analysis::links`).
    pub by: Option<Ref<ActorId>>,
    /// The steps of the claims it supports that it bears on; none: every
    /// step of them.
    pub steps: Vec<Step>,
    /// Its ratings against hypotheses.
    pub ratings: Vec<Rated>,
}

/// `step SUBJECT to OBJECT`: one `attributes` line of a claim, by its ends.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub subject: Ref<Node>,
    pub object: Ref<ActorId>,
    pub span: Span,
}

/// `rated RATING with HYPOTHESES "reason"`.
#[derive(Debug, Clone)]
pub struct Rated {
    pub rating: Spanned<Rating>,
    /// Declared hypotheses, or actors (the hypothesis that some claim
    /// holds them responsible).
    pub hypotheses: Vec<Ref<Node>>,
    pub reason: Text,
    pub span: Span,
}

/// An explanation no claim makes (Analysis of Competing Hypotheses).
#[derive(Debug, Clone)]
pub struct Hypothesis {
    pub head: Head,
    pub title: Option<Text>,
    pub explains: Vec<Ref<EventId>>,
    /// Whom it would make responsible, if anyone in the case.
    pub responsible: Vec<Ref<ActorId>>,
    pub sources: Vec<Ref<SourceId>>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub head: Head,
    pub kind: Option<ResponseKind>,
    pub by: Option<Ref<ActorId>>,
    pub with: Vec<Ref<ActorId>>,
    pub against: Vec<Ref<ActorId>>,
    pub date: Option<Spanned<Date>>,
    pub deadline: Option<Spanned<Duration>>,
    /// Events or claims it answers.
    pub answers: Vec<Ref<Node>>,
    pub part_of: Option<Ref<ResponseId>>,
    pub category: Option<Spanned<LegalCategory>>,
    pub sources: Vec<Ref<SourceId>>,
}

/// The resolved case.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub cases: Arena<CaseId, Header>,
    pub sources: Arena<SourceId, Source>,
    pub actors: Arena<ActorId, Actor>,
    pub events: Arena<EventId, Event>,
    pub claims: Arena<ClaimId, Claim>,
    pub evidence: Arena<EvidenceId, Evidence>,
    pub responses: Arena<ResponseId, Response>,
    pub hypotheses: Arena<HypothesisId, Hypothesis>,
    /// The node of each declaration of the syntax tree, by its index there.
    nodes: Vec<Node>,
}

impl Model {
    /// Every declaration, in source order.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        self.nodes.iter().copied()
    }

    /// The node of the declaration at `decl` in the syntax tree.
    pub fn node_of(&self, decl: usize) -> Option<Node> {
        self.nodes.get(decl).copied()
    }

    pub fn head(&self, node: Node) -> &Head {
        match node {
            Node::Case(i) => &self.cases[i].head,
            Node::Source(i) => &self.sources[i].head,
            Node::Actor(i) => &self.actors[i].head,
            Node::Event(i) => &self.events[i].head,
            Node::Claim(i) => &self.claims[i].head,
            Node::Evidence(i) => &self.evidence[i].head,
            Node::Response(i) => &self.responses[i].head,
            Node::Hypothesis(i) => &self.hypotheses[i].head,
        }
    }

    /// A declaration's id, as written.
    pub fn name(&self, node: impl Into<Node>) -> &str {
        &self.head(node.into()).name
    }

    /// The name a declaration is shown by: an actor's name, a source's,
    /// case's or event's title, otherwise its id.
    pub fn display_name(&self, node: impl Into<Node>) -> &str {
        let node = node.into();
        let text = match node {
            Node::Actor(a) => self.actors[a].name.as_ref(),
            Node::Source(s) => self.sources[s].title.as_ref(),
            Node::Case(c) => self.cases[c].title.as_ref(),
            Node::Event(e) => self.events[e].title.as_ref(),
            Node::Hypothesis(h) => self.hypotheses[h].title.as_ref(),
            _ => None,
        };
        text.map_or(self.name(node), |t| t.value.as_str())
    }

    /// The date a declaration is dated by: an event's, claim's or
    /// response's date, an evidence item's `known` date, a source's
    /// publication.
    pub fn date(&self, node: impl Into<Node>) -> Option<&Spanned<Date>> {
        match node.into() {
            Node::Event(e) => self.events[e].date.as_ref(),
            Node::Claim(c) => self.claims[c].date.as_ref(),
            Node::Response(r) => self.responses[r].date.as_ref(),
            Node::Evidence(e) => self.evidence[e].known.as_ref(),
            Node::Source(s) => self.sources[s].published.as_ref(),
            Node::Case(_) | Node::Actor(_) | Node::Hypothesis(_) => None,
        }
    }

    /// The order declarations are listed in: by date (undated last), then
    /// id. No output depends on the order of the declarations.
    pub fn dated_key(&self, node: impl Into<Node>) -> ((i64, i64), &str) {
        let node = node.into();
        let key = self
            .date(node)
            .map_or((i64::MAX, i64::MAX), |d| d.value.sort_key());
        (key, self.name(node))
    }

    /// Sort ids by date, then id, and drop repeats.
    pub fn sort_dated<I: Into<Node> + Copy + PartialEq>(&self, list: &mut Vec<I>) {
        list.sort_by(|&a, &b| self.dated_key(a).cmp(&self.dated_key(b)));
        list.dedup();
    }

    /// Sort ids by id, and drop repeats.
    pub fn sort_by_name<I: Into<Node> + Copy + PartialEq>(&self, list: &mut Vec<I>) {
        list.sort_by(|&a, &b| self.name(a).cmp(self.name(b)));
        list.dedup();
    }

    /// Whether the declaration is marked `unconfirmed`.
    pub fn unconfirmed(&self, node: impl Into<Node>) -> bool {
        self.head(node.into()).unconfirmed.is_some()
    }

    /// The case header, if the file has one (the first, if it has several).
    pub fn header(&self) -> Option<&Header> {
        self.cases.values().next()
    }
}
