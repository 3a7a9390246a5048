//! The research variables of a case, computed from one set of definitions
//! (documented in `docs/compare.md`) so that cases can be compared side by
//! side and joined with the research datasets.

use crate::compile::Compilation;
use crate::confidence;
use crate::date::Date;
use crate::graph::lookup;
use crate::resolve::Symbols;
use crate::syntax::ast::*;
use crate::vocab::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One case's variables. Field names follow EuRepoC where a variable is the
/// same concept (see `docs/compare.md`); the others are attrib's own.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CaseRecord {
    /// The case header's id.
    pub case: String,
    pub title: String,
    /// First event that an attribution reaches, as written (EuRepoC `start_date`).
    pub start_date: Option<String>,
    /// The case marks that event `unconfirmed`.
    pub start_date_unconfirmed: bool,
    /// First attribution by a state, as written (EuRepoC `attribution_date`).
    pub attribution_date: Option<String>,
    /// The case marks that claim `unconfirmed`.
    pub attribution_date_unconfirmed: bool,
    /// Days from `start_date` to `attribution_date` (EuRepoC `time_to_attribution`).
    pub time_to_attribution: Option<i64>,
    /// Everyone who attributed (or endorsed an attribution), by id, the
    /// actors' own claims aside (EuRepoC `attributing_actor`).
    pub attributing_actor: Vec<String>,
    /// States among them, by ISO 3166 short name (EuRepoC `attributing_country`).
    pub attributing_country: Vec<String>,
    pub number_of_attributing_states: usize,
    /// technical report, political statement, legal action, self-attribution.
    pub attribution_form: Vec<String>,
    /// The bases claims state: technical, political, legal.
    pub attribution_basis_stated: Vec<String>,
    /// EuRepoC's categories: State; Non-state actor, state-affiliation
    /// suggested; Non-state-group; Individual hacker(s); Unknown - not attributed.
    pub attributed_initiator_category: String,
    /// The actor the strongest chain names first (EuRepoC `attributed_initiator_name`).
    pub attributed_initiator_name: Option<String>,
    /// The state the strongest chain reaches (EuRepoC `attributed_initiator_country`; CFR `Sponsor`).
    pub attributed_initiator_country: Option<String>,
    /// The highest confidence a claimant stated, on the 0–100 scale.
    pub stated_confidence_max: Option<u8>,
    /// Its words, as the claimant put them.
    pub stated_confidence_words: Option<String>,
    /// The highest computed chain confidence, 0–100.
    pub computed_confidence_max: Option<u8>,
    /// Evidence items by ODNI indicator class.
    pub evidence_by_class: BTreeMap<String, usize>,
    pub evidence_items: usize,
    /// Share of evidence items disclosed, 0–1 (partly disclosed counts half).
    pub evidence_disclosed_share: Option<f64>,
    /// The actors claimed it themselves.
    pub self_attribution: bool,
    /// Someone denied an attribution.
    pub denial: bool,
    /// Responses that answer the case, by kind.
    pub responses_by_kind: BTreeMap<String, usize>,
    /// Responses by legal category (those that have one).
    pub responses_by_category: BTreeMap<String, usize>,
    /// The strongest response on attrib's ladder (`docs/compare.md`).
    pub strongest_response: Option<String>,
    pub number_of_responding_states: usize,
    /// Days from `start_date` to the first response.
    pub time_to_first_response: Option<i64>,
}

/// Responses from weakest to strongest: the ladder `strongest_response` uses.
pub const RESPONSE_LADDER: [ResponseKind; 16] = [
    ResponseKind::Remediation,
    ResponseKind::Investigation,
    ResponseKind::Emergency,
    ResponseKind::Statement,
    ResponseKind::Condemnation,
    ResponseKind::Summons,
    ResponseKind::Reward,
    ResponseKind::Enforcement,
    ResponseKind::EntryBan,
    ResponseKind::Expulsion,
    ResponseKind::ArrestWarrant,
    ResponseKind::Indictment,
    ResponseKind::Sanctions,
    ResponseKind::Severance,
    ResponseKind::CollectiveAction,
    ResponseKind::Countermeasure,
];

/// The state an actor belongs to: itself, or the first state reached by
/// following its structural relations (organ of, part of, holds office in).
pub fn state_of(file: &File, symbols: &Symbols, actor: usize) -> Option<usize> {
    let mut seen = BTreeSet::new();
    let mut queue = std::collections::VecDeque::from([actor]);
    while let Some(a) = queue.pop_front() {
        if !seen.insert(a) {
            continue;
        }
        let Some(decl) = file.actor(a) else { continue };
        if decl
            .kind
            .as_ref()
            .is_some_and(|k| k.value == ActorKind::State)
        {
            return Some(a);
        }
        for r in &decl.relations {
            if r.kind != Structure::FrontFor {
                queue.extend(lookup(file, symbols, &r.target, DeclKind::Actor));
            }
        }
    }
    None
}

fn actor_kind(file: &File, a: usize) -> Option<ActorKind> {
    file.actor(a).and_then(|d| d.kind.as_ref()).map(|k| k.value)
}

/// A state's name for the tables: its ISO 3166 short name when its code is
/// known, else its declared name.
fn country_name(file: &File, state: usize) -> String {
    let actor = file.actor(state);
    actor
        .and_then(|a| a.country.as_ref())
        .and_then(|c| crate::vocab_data::country_name(&c.value))
        .map(str::to_string)
        .unwrap_or_else(|| file.display_name(state).to_string())
}

/// The first of several dates, respecting precision: the one by whose last
/// possible day something had certainly happened (`2018-02-15` comes before
/// `2018-02`, which may mean the 28th).
fn earliest<'a>(dates: impl Iterator<Item = &'a Date>) -> Option<&'a Date> {
    dates.min_by_key(|d| {
        let (start, end) = d.interval();
        (end, start)
    })
}

/// The form of one attributing claim.
fn form(file: &File, symbols: &Symbols, claim: &Claim) -> &'static str {
    if claim
        .statements
        .iter()
        .any(|s| matches!(s, Statement::Responsibility { .. }))
    {
        return "self-attribution";
    }
    let kinds: Vec<SourceKind> = claim
        .sources
        .iter()
        .filter_map(|s| lookup(file, symbols, s, DeclKind::Source).and_then(|i| file.source(i)))
        .filter_map(|s| s.kind.as_ref().map(|k| k.value))
        .collect();
    match claim.basis.as_ref().map(|b| b.value) {
        Some(Basis::Legal) => "legal action",
        Some(Basis::Technical) => "technical report",
        Some(Basis::Political) => "political statement",
        None if kinds.contains(&SourceKind::Court) => "legal action",
        None if kinds
            .iter()
            .any(|k| matches!(k, SourceKind::Vendor | SourceKind::Advisory)) =>
        {
            "technical report"
        }
        None if kinds
            .iter()
            .any(|k| matches!(k, SourceKind::Government | SourceKind::Intergovernmental)) =>
        {
            "political statement"
        }
        None => "unspecified",
    }
}

/// The chain with the highest confidence (the first of equals).
fn strongest_of<'c>(
    chains: impl Iterator<Item = &'c crate::chains::Chain>,
) -> Option<&'c crate::chains::Chain> {
    chains.fold(None, |best, ch| match best {
        Some(b) if b.confidence >= ch.confidence => Some(b),
        _ => Some(ch),
    })
}

/// Compute the variables of one compiled case.
pub fn record(c: &Compilation) -> CaseRecord {
    let file = &c.file;
    let case = file.decls.iter().find_map(|d| match d {
        Decl::Case(c) => Some(c),
        _ => None,
    });
    let mut r = CaseRecord {
        case: c.case_id().unwrap_or("").to_string(),
        title: case
            .and_then(|c| c.title.as_ref())
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        attributed_initiator_category: "Unknown - not attributed".into(),
        ..CaseRecord::empty()
    };
    let (Some(symbols), Some(analysis)) = (&c.symbols, &c.analysis) else {
        return r;
    };

    // The events an attribution reaches.
    let events: BTreeSet<usize> = c.chains.chains.iter().map(|ch| ch.event).collect();
    let dated_events: Vec<(&Date, bool)> = events
        .iter()
        .filter_map(|&e| {
            let ev = file.event(e)?;
            Some((&ev.date.as_ref()?.value, ev.head.unconfirmed.is_some()))
        })
        .collect();
    let start = earliest(dated_events.iter().map(|(d, _)| *d));
    r.start_date = start.map(|d| d.to_string());
    r.start_date_unconfirmed = dated_events.iter().any(|(d, u)| *u && Some(*d) == start);

    // Attributing claims, and the claims that endorse them.
    let attributing: Vec<usize> = file
        .indexes(DeclKind::Claim)
        .filter(|&i| {
            file.claim(i).is_some_and(|cl| {
                cl.statements.iter().any(|s| {
                    matches!(
                        s,
                        Statement::Attributes { .. } | Statement::Responsibility { .. }
                    )
                })
            })
        })
        .collect();
    let mut endorsing: Vec<usize> = Vec::new();
    for &a in &attributing {
        for &(reaction, by) in analysis.reactions.get(&a).into_iter().flatten() {
            if reaction == crate::graph::Reaction::Endorses {
                endorsing.push(by);
            }
        }
        for &(reaction, _) in analysis.reactions.get(&a).into_iter().flatten() {
            if reaction == crate::graph::Reaction::Denies {
                r.denial = true;
            }
        }
    }

    endorsing.sort_unstable();
    endorsing.dedup();
    let attributing_set: BTreeSet<usize> = attributing.iter().copied().collect();
    let mut forms = BTreeSet::new();
    let mut bases = BTreeSet::new();
    // In the order first met, each once.
    let mut actors: Vec<usize> = Vec::new();
    let mut actor_set: BTreeSet<usize> = BTreeSet::new();
    let mut states: Vec<usize> = Vec::new();
    let mut state_set: BTreeSet<usize> = BTreeSet::new();
    let mut state_dates: Vec<(&Date, bool)> = Vec::new();
    for &i in attributing.iter().chain(&endorsing) {
        let claim = file.claim(i).expect("claim index");
        let self_claim = claim
            .statements
            .iter()
            .any(|s| matches!(s, Statement::Responsibility { .. }));
        r.self_attribution |= self_claim;
        if attributing_set.contains(&i) {
            forms.insert(form(file, symbols, claim));
            if let Some(b) = &claim.basis {
                bases.insert(b.value.word());
            }
        }
        for by in &claim.by {
            let Some(a) = lookup(file, symbols, by, DeclKind::Actor) else {
                continue;
            };
            // The actors' own claim is self-attribution, not attribution by them.
            if self_claim {
                continue;
            }
            if actor_set.insert(a) {
                actors.push(a);
            }
            if let Some(s) = state_of(file, symbols, a) {
                if state_set.insert(s) {
                    states.push(s);
                }
                if let Some(d) = &claim.date {
                    state_dates.push((&d.value, claim.head.unconfirmed.is_some()));
                }
            }
        }
        if let Some(stated) = &claim.confidence {
            let v = confidence::likelihood_value(stated.term.value);
            if r.stated_confidence_max.is_none_or(|m| v > m) {
                r.stated_confidence_max = Some(v);
                r.stated_confidence_words = Some(match &stated.words {
                    Some(w) => format!("{} \"{}\"", stated.term.value, w.value),
                    None => stated.term.value.word().to_string(),
                });
            }
        }
    }
    r.attributing_actor = actors
        .iter()
        .map(|&a| file.decls[a].id().value.clone())
        .collect();
    r.attributing_country = states.iter().map(|&s| country_name(file, s)).collect();
    r.number_of_attributing_states = states.len();
    r.attribution_form = forms.into_iter().map(str::to_string).collect();
    r.attribution_basis_stated = bases.into_iter().map(str::to_string).collect();
    let first_state = earliest(state_dates.iter().map(|(d, _)| *d));
    r.attribution_date = first_state.map(|d| d.to_string());
    r.attribution_date_unconfirmed = state_dates
        .iter()
        .any(|(d, u)| *u && Some(*d) == first_state);
    if let (Some(s), Some(a)) = (start, first_state) {
        r.time_to_attribution = Some(s.days_until(a));
    }

    // The initiator, from the strongest chain (ending at a state if any does).
    let to_state =
        |ch: &&crate::chains::Chain| actor_kind(file, ch.responsible) == Some(ActorKind::State);
    let strongest = strongest_of(c.chains.chains.iter().filter(to_state))
        .or_else(|| strongest_of(c.chains.chains.iter().filter(|ch| !ch.party.is_empty())));
    r.computed_confidence_max = c.chains.chains.iter().map(|ch| ch.confidence).max();
    if let Some(ch) = strongest {
        let first = analysis.links[ch.links[0]].to;
        r.attributed_initiator_name = Some(file.display_name(first).to_string());
        let reaches_state = actor_kind(file, ch.responsible) == Some(ActorKind::State);
        r.attributed_initiator_category = match actor_kind(file, first) {
            Some(ActorKind::State | ActorKind::StateOrgan) => "State",
            Some(ActorKind::Person) if !reaches_state => "Individual hacker(s)",
            _ if reaches_state => "Non-state actor, state-affiliation suggested",
            _ => "Non-state-group",
        }
        .to_string();
        if reaches_state {
            r.attributed_initiator_country = Some(country_name(file, ch.responsible));
        }
    }

    // Evidence.
    let mut disclosed = 0.0;
    for i in file.indexes(DeclKind::Evidence) {
        let e = file.evidence(i).expect("evidence index");
        r.evidence_items += 1;
        let class = e.class.as_ref().map_or("unknown", |c| c.value.word());
        *r.evidence_by_class.entry(class.to_string()).or_default() += 1;
        disclosed += match e.disclosed.as_ref().map(|d| d.value) {
            Some(Disclosure::Yes) => 1.0,
            Some(Disclosure::Partly) => 0.5,
            _ => 0.0,
        };
    }
    if r.evidence_items > 0 {
        let share = disclosed / r.evidence_items as f64;
        r.evidence_disclosed_share = Some((share * 100.0).round() / 100.0);
    }

    // Responses that answer the case.
    let mut responders: BTreeSet<usize> = BTreeSet::new();
    let mut first_response: Option<&Date> = None;
    let mut strongest_rank = None;
    for i in file.indexes(DeclKind::Response) {
        let resp = file.response(i).expect("response index");
        if resp.answers.is_empty() {
            continue;
        }
        if let Some(k) = &resp.kind {
            *r.responses_by_kind
                .entry(k.value.word().to_string())
                .or_default() += 1;
            let rank = RESPONSE_LADDER.iter().position(|x| *x == k.value);
            if rank > strongest_rank {
                strongest_rank = rank;
            }
        }
        if let Some(cat) = &resp.category {
            *r.responses_by_category
                .entry(cat.value.word().to_string())
                .or_default() += 1;
        }
        if let Some(s) = resp
            .by
            .as_ref()
            .and_then(|b| lookup(file, symbols, b, DeclKind::Actor))
            .and_then(|a| state_of(file, symbols, a))
        {
            responders.insert(s);
        }
        if let Some(d) = &resp.date {
            first_response = earliest(first_response.into_iter().chain([&d.value]));
        }
    }
    r.strongest_response = strongest_rank.map(|k| RESPONSE_LADDER[k].word().to_string());
    r.number_of_responding_states = responders.len();
    if let (Some(s), Some(f)) = (start, first_response) {
        r.time_to_first_response = Some(s.days_until(f));
    }
    r
}
