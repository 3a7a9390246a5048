//! The typed syntax tree of a case file.
//!
//! Every node keeps the byte span it was read from. The tree holds what the
//! file says, in the order it says it; it knows nothing of other
//! declarations (that is [`crate::resolve`]) nor of whether what is said is
//! consistent (that is [`crate::check`]).

use crate::date::{Date, Duration};
use crate::span::{Span, Spanned};
use crate::vocab::*;

/// An identifier as written, with its span.
pub type Ident = Spanned<String>;
/// Text as it reads after escapes are applied, with the span of the literal.
pub type Text = Spanned<String>;

/// A whole case file: its declarations in source order.
#[derive(Debug, Clone, Default)]
pub struct File {
    pub decls: Vec<Decl>,
}

pub use crate::language::DeclKind;

/// What every declaration has: its keyword, id and the fields any
/// declaration may carry.
#[derive(Debug, Clone)]
pub struct Head {
    pub kind: DeclKind,
    pub id: Ident,
    /// The keyword and id: where diagnostics about the whole declaration point.
    pub header: Span,
    /// The whole declaration, keyword to closing brace.
    pub span: Span,
    pub summary: Option<Text>,
    pub notes: Vec<Text>,
    pub quotes: Vec<Text>,
    pub unconfirmed: Option<Text>,
    pub allows: Vec<Allow>,
    /// The fields written, in order: each field's entry in the language
    /// description and the span of its keyword.
    pub fields: Vec<(&'static crate::language::Field, Span)>,
    /// The declaration has a syntax error: it holds what was read before
    /// the error (at least its keyword and id), and its other fields may be
    /// missing. Checks that rest on a field's absence skip it.
    pub partial: bool,
}

/// `allow W0201 "reason"`: silence one diagnostic on this declaration.
#[derive(Debug, Clone)]
pub struct Allow {
    pub code: Spanned<String>,
    pub reason: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Decl {
    Case(Case),
    Source(Source),
    Actor(Actor),
    Event(Event),
    Claim(Claim),
    Evidence(Evidence),
    Response(Response),
    Hypothesis(Hypothesis),
}

impl Decl {
    pub fn head(&self) -> &Head {
        match self {
            Decl::Case(d) => &d.head,
            Decl::Source(d) => &d.head,
            Decl::Actor(d) => &d.head,
            Decl::Event(d) => &d.head,
            Decl::Claim(d) => &d.head,
            Decl::Evidence(d) => &d.head,
            Decl::Response(d) => &d.head,
            Decl::Hypothesis(d) => &d.head,
        }
    }

    pub fn head_mut(&mut self) -> &mut Head {
        match self {
            Decl::Case(d) => &mut d.head,
            Decl::Source(d) => &mut d.head,
            Decl::Actor(d) => &mut d.head,
            Decl::Event(d) => &mut d.head,
            Decl::Claim(d) => &mut d.head,
            Decl::Evidence(d) => &mut d.head,
            Decl::Response(d) => &mut d.head,
            Decl::Hypothesis(d) => &mut d.head,
        }
    }

    pub fn kind(&self) -> DeclKind {
        self.head().kind
    }

    pub fn id(&self) -> &Ident {
        &self.head().id
    }
}

#[derive(Debug, Clone)]
pub struct Case {
    pub head: Head,
    pub title: Option<Text>,
    pub period: Option<Spanned<Date>>,
    pub authors: Vec<Text>,
    pub version: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub head: Head,
    pub kind: Option<Spanned<SourceKind>>,
    pub publisher: Option<Text>,
    pub title: Option<Text>,
    pub url: Option<Text>,
    pub published: Option<Spanned<Date>>,
    pub reliability: Option<Spanned<Reliability>>,
    pub repeats: Vec<Ident>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub head: Head,
    pub kind: Option<Spanned<ActorKind>>,
    pub name: Option<Text>,
    pub aliases: Vec<Text>,
    pub country: Option<Spanned<String>>,
    pub attack_group: Option<Spanned<String>>,
    pub relations: Vec<Relation>,
    /// `imitates islamic-state per fireeye-2015`: a persona or false flag
    /// made to look like another party. Not a structural relation: it
    /// attributes nothing.
    pub imitations: Vec<Imitation>,
    pub sources: Vec<Ident>,
}

/// `imitates ACTOR per SOURCE`.
#[derive(Debug, Clone)]
pub struct Imitation {
    pub target: Ident,
    pub per: Vec<Ident>,
    pub span: Span,
}

/// A structural relation from an actor to another: `organ of iran`.
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: Structure,
    pub target: Ident,
    /// `holds office in albania as "Prime Minister"`
    pub office: Option<Text>,
    /// `per treasury-2022` — the sources that state the relation.
    pub per: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub head: Head,
    pub title: Option<Text>,
    pub kinds: Vec<Spanned<EventKind>>,
    pub date: Option<Spanned<Date>>,
    /// When it became publicly known, if later than it happened.
    pub known: Option<Spanned<Date>>,
    pub duration: Option<Spanned<Duration>>,
    pub targets: Vec<Ident>,
    pub effects: Vec<Text>,
    pub techniques: Vec<Spanned<String>>,
    pub malware: Vec<Text>,
    pub tools: Vec<Text>,
    pub cves: Vec<Spanned<String>>,
    pub part_of: Vec<Ident>,
    pub follows: Vec<Ident>,
    pub sources: Vec<Ident>,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub head: Head,
    /// Who made the claim: one actor, or several for a joint statement.
    pub by: Vec<Ident>,
    pub date: Option<Spanned<Date>>,
    pub sources: Vec<Ident>,
    pub statements: Vec<Statement>,
    pub confidence: Option<Stated>,
    pub basis: Option<Spanned<Basis>>,
    /// `revises earlier-claim`: this claim is its claimants' later view.
    pub revises: Option<Ident>,
    /// `unofficial "two officials, to the Washington Post"`: the claimants
    /// spoke without their names, not on the record.
    pub unofficial: Option<Text>,
}

/// What a claim says. A claim may say several things.
#[derive(Debug, Clone)]
pub enum Statement {
    /// `attributes july-attack to iran as orchestrator, sponsor`
    Attributes {
        subject: Ident,
        object: Ident,
        roles: Vec<Spanned<Role>>,
        span: Span,
    },
    /// `takes responsibility for july-attack`: the claimant's own claim.
    Responsibility { events: Vec<Ident>, span: Span },
    /// `denies rama-attribution`
    Denies { claims: Vec<Ident>, span: Span },
    /// `condemns july-attack`
    Condemns { targets: Vec<Ident>, span: Span },
    /// `acknowledges us-attribution`: relays another claim without making it.
    Acknowledges { claims: Vec<Ident>, span: Span },
    /// `endorses us-attribution`: makes another claim's attribution its own
    /// (a state that reviewed the evidence and agrees).
    Endorses { claims: Vec<Ident>, span: Span },
    /// `assesses july-attack`: an assessment that attributes nothing.
    Assesses { targets: Vec<Ident>, span: Span },
    /// `locates exchange-compromise in china`: the activity was undertaken
    /// from that state's territory; nothing is attributed to the state.
    Locates {
        events: Vec<Ident>,
        place: Ident,
        span: Span,
    },
    /// `disputes fbi-attribution`: a third party doubts or rejects a claim.
    Disputes { claims: Vec<Ident>, span: Span },
    /// `denies responsibility for olympic-attack`: a denial of the act
    /// itself, with no claim to deny (or before any).
    DeniesResponsibility { events: Vec<Ident>, span: Span },
    /// `declines to attribute olympic-attack`: will not say who did it.
    DeclinesToAttribute { events: Vec<Ident>, span: Span },
    /// `cannot attribute kaseya-attack`: says it cannot (yet) tell who did it.
    CannotAttribute { events: Vec<Ident>, span: Span },
}

impl Statement {
    pub fn span(&self) -> Span {
        match self {
            Statement::Attributes { span, .. }
            | Statement::Responsibility { span, .. }
            | Statement::Denies { span, .. }
            | Statement::Condemns { span, .. }
            | Statement::Acknowledges { span, .. }
            | Statement::Endorses { span, .. }
            | Statement::Assesses { span, .. }
            | Statement::Locates { span, .. }
            | Statement::Disputes { span, .. }
            | Statement::DeniesResponsibility { span, .. }
            | Statement::DeclinesToAttribute { span, .. }
            | Statement::CannotAttribute { span, .. } => *span,
        }
    }
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
    pub class: Option<Spanned<IndicatorClass>>,
    pub sources: Vec<Ident>,
    pub credibility: Option<Spanned<Credibility>>,
    pub disclosed: Option<Spanned<Disclosure>>,
    pub known: Option<Spanned<Date>>,
    pub supports: Vec<Ident>,
    pub contradicts: Vec<Ident>,
    /// `by microsoft`: who made the finding, when not the claimant.
    pub by: Option<Ident>,
    /// `step july-attack to dev-0842`: the steps of the claims it supports
    /// that it bears on.
    pub steps: Vec<Step>,
    /// `rated consistent with iran "reason"`.
    pub ratings: Vec<Rated>,
}

/// `step SUBJECT to OBJECT`.
#[derive(Debug, Clone)]
pub struct Step {
    pub subject: Ident,
    pub object: Ident,
    pub span: Span,
}

/// `rated RATING with HYPOTHESES "reason"`.
#[derive(Debug, Clone)]
pub struct Rated {
    pub rating: Spanned<Rating>,
    pub hypotheses: Vec<Ident>,
    pub reason: Text,
    pub span: Span,
}

/// An explanation no claim makes (Analysis of Competing Hypotheses): a
/// false flag, an insider, hacktivists.
#[derive(Debug, Clone)]
pub struct Hypothesis {
    pub head: Head,
    pub title: Option<Text>,
    pub explains: Vec<Ident>,
    /// Whom it would make responsible, if anyone in the case.
    pub responsible: Vec<Ident>,
    /// Where the explanation was put forward.
    pub sources: Vec<Ident>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub head: Head,
    pub kind: Option<Spanned<ResponseKind>>,
    pub by: Option<Ident>,
    pub with: Vec<Ident>,
    pub against: Vec<Ident>,
    pub date: Option<Spanned<Date>>,
    pub deadline: Option<Spanned<Duration>>,
    pub answers: Vec<Ident>,
    pub part_of: Option<Ident>,
    pub category: Option<Spanned<LegalCategory>>,
    pub sources: Vec<Ident>,
}
