//! The research variables of a case, computed from the analysis (its
//! assessments, links and responses) by one set of definitions, documented
//! in `docs/compare.md`, so that cases can be compared side by side and
//! joined with the research datasets. No variable depends on the order of
//! the declarations.

use crate::analysis::assessments::{Assessment, Participation};
use crate::analysis::parties::{Group, state_of};
use crate::analysis::support::{self, Level};
use crate::analysis::{Analysis, Reaction};
use crate::compile::Compilation;
use crate::date::{Date, iso_from_days};
use crate::model::*;
use crate::vocab::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A date as a research variable: as written, the first and last day it
/// may mean (ISO dates that pandas and DuckDB cast), and its flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DateVar {
    /// As written in the case (`2022-09`, `~2021-05`, `2021-10 to 2022-01`).
    pub date: String,
    /// The first day it may mean, `YYYY-MM-DD`.
    pub earliest: String,
    /// The last day it may mean, `YYYY-MM-DD`.
    pub latest: String,
    /// Written with `~`, or less precise than a day.
    pub approximate: bool,
    /// The declaration it comes from is marked `unconfirmed`.
    pub unconfirmed: bool,
}

impl DateVar {
    fn new(d: &Date, unconfirmed: bool) -> DateVar {
        let (start, end) = d.interval();
        DateVar {
            date: d.to_string(),
            earliest: iso_from_days(start),
            latest: iso_from_days(end),
            approximate: start != end,
            unconfirmed,
        }
    }
}

/// Who a case holds responsible, as one research variable group.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Initiator {
    /// The party held responsible (its name).
    pub name: Option<String>,
    /// EuRepoC's categories: `State`; `State-affiliated group`; `Non-state
    /// actor, state-affiliation suggested`; `Non-state-group`; `Individual
    /// hacker(s)`; `Unknown - not attributed`.
    pub category: String,
    /// The state, for `State` and `State-affiliated group` (ISO 3166 short name).
    pub country: Option<String>,
    /// Its ISO 3166 alpha-2 code.
    pub country_iso: Option<String>,
}

/// One case's variables. Field names follow EuRepoC where a variable is the
/// same concept (see `docs/compare.md`); the others are attrib's own.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseRecord {
    /// The case header's id.
    pub case: String,
    pub title: String,
    /// The as-of date the variables were computed for (`--as-of`), if any.
    pub as_of: Option<String>,
    /// First event some attribution chain starts from (EuRepoC `start_date`).
    pub start_date: Option<DateVar>,
    /// First of those events to be publicly known: its `known` date, else
    /// its date. `time_to_attribution` counts from here.
    pub public_date: Option<DateVar>,
    /// First attribution by a state (EuRepoC `attribution_date`).
    pub attribution_date: Option<DateVar>,
    /// Days from `public_date` to `attribution_date`, first day to first
    /// day (EuRepoC `time_to_attribution`; see `docs/compare.md`).
    pub time_to_attribution: Option<i64>,
    /// Everyone who attributes (or endorses an attribution), by id, the
    /// actors' own claims aside (EuRepoC `attributing_actor`).
    pub attributing_actor: Vec<String>,
    /// Those among them whose attributing claims are all marked unconfirmed.
    pub attributing_actor_unconfirmed: Vec<String>,
    /// States among them, by ISO 3166 short name (EuRepoC `attributing_country`).
    pub attributing_country: Vec<String>,
    /// Their ISO 3166 alpha-2 codes, in the same order (empty where unknown).
    pub attributing_country_iso: Vec<String>,
    pub number_of_attributing_states: usize,
    /// technical report, political statement, legal action, self-attribution.
    pub attribution_form: Vec<String>,
    /// The bases claims state: technical, political, legal.
    pub attribution_basis_stated: Vec<String>,
    /// Whom the attributing states hold responsible (EuRepoC
    /// `attributed_initiator_*`; CFR `Sponsor` for the country).
    pub attributed_initiator: Initiator,
    /// Whom the vendors hold responsible (EuRepoC keeps IT-company
    /// attributions apart).
    pub vendor_attributed_initiator: Initiator,
    /// Vendors that attribute, by id.
    pub attributing_vendor: Vec<String>,
    /// States whose territory a claim places the activity on without
    /// attributing it to them (ISO 3166 short names).
    pub located_in: Vec<String>,
    /// The highest confidence a claimant stated, on STIX's 0–100 scale: theirs.
    pub stated_confidence_max: Option<u8>,
    /// Its words, as the claimant put them.
    pub stated_confidence_words: Option<String>,
    /// Who stated it.
    pub stated_confidence_by: Vec<String>,
    /// The support on record of the states' assessment (0–100, attrib's
    /// figure for the evidence in the file: not a likelihood).
    pub support: Option<u8>,
    /// Its level: no-evidence, slight, partial, substantial, strong.
    pub support_level: Option<Level>,
    /// Evidence items by ODNI indicator class.
    pub evidence_by_class: BTreeMap<String, usize>,
    pub evidence_items: usize,
    /// Share of evidence items disclosed, 0–1 (partly disclosed counts half).
    pub evidence_disclosed_share: Option<f64>,
    /// The actors claimed it themselves.
    pub self_attribution: bool,
    /// `yes` when a claim denies an attribution, else `not recorded`.
    pub denial: String,
    /// Responses that answer the case, by kind.
    pub responses_by_kind: BTreeMap<String, usize>,
    /// Responses by legal category (those that have one).
    pub responses_by_category: BTreeMap<String, usize>,
    /// The strongest response on attrib's ladder (`docs/compare.md`).
    pub strongest_response: Option<String>,
    pub number_of_responding_states: usize,
    /// Days from `public_date` to the first response.
    pub time_to_first_response: Option<i64>,
}

/// Responses from weakest to strongest: the ladder `strongest_response`
/// uses (each kind's place is [`ResponseKind::rank`]).
pub use crate::vocab::RESPONSE_LADDER;

/// A state's name for the tables: its ISO 3166 short name when its code is
/// known, else its declared name; and the code.
fn country(m: &Model, state: ActorId) -> (String, Option<String>) {
    let code = m.actors[state]
        .country
        .as_ref()
        .filter(|c| crate::vocab_data::country_name(&c.value).is_some())
        .map(|c| c.value.clone());
    let name = code
        .as_deref()
        .and_then(crate::vocab_data::country_name)
        .map(str::to_string)
        .unwrap_or_else(|| m.display_name(state).to_string());
    (name, code)
}

fn valid(d: Option<&crate::span::Spanned<Date>>) -> Option<&Date> {
    d.map(|d| &d.value)
}

/// The first of several dates, respecting precision: the one by whose last
/// possible day something had certainly happened (`2018-02-15` comes before
/// `2018-02`, which may mean the 28th); ties by the text.
fn earliest<'a, T>(dates: impl Iterator<Item = (&'a Date, T)>) -> Option<(&'a Date, T)> {
    dates.min_by(|(a, _), (b, _)| {
        let (a0, a1) = a.interval();
        let (b0, b1) = b.interval();
        (a1, a0, a.to_string()).cmp(&(b1, b0, b.to_string()))
    })
}

/// The form of one attributing claim.
fn form(m: &Model, claim: &Claim) -> &'static str {
    if claim
        .statements
        .iter()
        .any(|s| s.verb == Verb::TakesResponsibility)
    {
        return "self-attribution";
    }
    let kinds: Vec<SourceKind> = ids(&claim.sources)
        .filter_map(|s| m.sources[s].kind)
        .collect();
    match claim.basis {
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

/// The initiator an assessment holds responsible, coded after EuRepoC.
fn initiator(m: &Model, analysis: &Analysis, a: Option<&Assessment>) -> Initiator {
    let Some(a) = a else {
        return Initiator {
            category: "Unknown - not attributed".into(),
            ..Initiator::default()
        };
    };
    let who = a.responsible;
    let state = state_of(m, who);
    // Some link (of any claimant) from the party to a state.
    let suggested = analysis
        .links
        .iter()
        .any(|l| l.from == Node::Actor(who) && state_of(m, l.to).is_some() && !l.is_structural());
    let category = match m.actors[who].kind {
        Some(ActorKind::State | ActorKind::StateOrgan) => "State",
        Some(ActorKind::Person) if state.is_some() => "State",
        _ if state.is_some() => "State-affiliated group",
        _ if suggested => "Non-state actor, state-affiliation suggested",
        Some(ActorKind::Person) => "Individual hacker(s)",
        _ => "Non-state-group",
    };
    let (country, country_iso) = match state {
        Some(s) => {
            let (name, code) = self::country(m, s);
            (Some(name), code)
        }
        None => (None, None),
    };
    Initiator {
        name: Some(m.display_name(who).to_string()),
        category: category.into(),
        country,
        country_iso,
    }
}

/// Compute the variables of one compiled case.
pub fn record(c: &Compilation) -> CaseRecord {
    let m = &c.model;
    let analysis = &c.analysis;
    let mut r = CaseRecord {
        case: c.case_id().unwrap_or("").to_string(),
        title: m
            .header()
            .and_then(|c| c.title.as_ref())
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        ..CaseRecord::empty()
    };
    r.as_of = analysis.view.as_of.map(|d| d.to_string());
    let id = |i: Node| m.name(i).to_string();

    // The events chains start from: the first, and the first publicly known.
    let events: BTreeSet<EventId> = analysis.chains.chains.iter().map(|ch| ch.event).collect();
    let dated: Vec<(&Date, EventId)> = events
        .iter()
        .filter_map(|&e| Some((valid(m.events[e].date.as_ref())?, e)))
        .collect();
    let unconfirmed = |i: Node| m.unconfirmed(i);
    let start = earliest(dated.iter().copied());
    r.start_date = start.map(|(d, e)| DateVar::new(d, unconfirmed(e.into())));
    let public = earliest(events.iter().filter_map(|&e| {
        let ev = &m.events[e];
        Some((valid(ev.known.as_ref()).or(valid(ev.date.as_ref()))?, e))
    }));
    r.public_date = public.map(|(d, e)| DateVar::new(d, unconfirmed(e.into())));

    // Attributors across the assessments (the actors' own claims aside).
    let mut actors: BTreeSet<ActorId> = BTreeSet::new();
    let mut confirmed: BTreeSet<ActorId> = BTreeSet::new();
    let mut states: BTreeSet<ActorId> = BTreeSet::new();
    let mut vendors: BTreeSet<ActorId> = BTreeSet::new();
    let mut state_claims: Vec<ClaimId> = Vec::new();
    let mut attributing_claims: BTreeSet<ClaimId> = BTreeSet::new();
    for a in &analysis.assessments {
        r.self_attribution |= a
            .attributors
            .iter()
            .any(|x| x.participation == Participation::ClaimsResponsibility);
        for x in a.third_parties() {
            actors.insert(x.actor);
            if x.claims.iter().any(|&c| !unconfirmed(c.into())) {
                confirmed.insert(x.actor);
            }
            if x.group == Group::Vendor {
                vendors.insert(x.actor);
            }
            attributing_claims.extend(&x.claims);
            if let Some(s) = x.state {
                states.insert(s);
                state_claims.extend(x.first.iter());
            }
        }
        if !a.denials.is_empty() {
            r.denial = "yes".into();
        }
    }
    let sorted_ids = |set: &BTreeSet<ActorId>| -> Vec<String> {
        let mut v: Vec<String> = set.iter().map(|&i| id(i.into())).collect();
        v.sort();
        v
    };
    r.attributing_actor = sorted_ids(&actors);
    r.attributing_actor_unconfirmed = sorted_ids(&actors.difference(&confirmed).copied().collect());
    r.attributing_vendor = sorted_ids(&vendors);
    let mut countries: Vec<(String, Option<String>)> =
        states.iter().map(|&s| country(m, s)).collect();
    countries.sort();
    r.attributing_country = countries.iter().map(|(n, _)| n.clone()).collect();
    r.attributing_country_iso = countries
        .iter()
        .map(|(_, c)| c.clone().unwrap_or_default())
        .collect();
    r.number_of_attributing_states = states.len();

    let first_state = earliest(
        state_claims
            .iter()
            .filter_map(|&c| Some((valid(m.claims[c].date.as_ref())?, c))),
    );
    r.attribution_date = first_state.map(|(d, c)| DateVar::new(d, unconfirmed(c.into())));
    if let (Some((p, _)), Some((a, _))) = (public, first_state) {
        r.time_to_attribution = Some(p.days_until(a));
    }

    // Forms and bases of the attributing claims; the strongest stated confidence.
    let mut forms = BTreeSet::new();
    let mut bases = BTreeSet::new();
    for a in &analysis.assessments {
        for x in &a.attributors {
            for &c in &x.claims {
                let claim = &m.claims[c];
                if x.participation != Participation::Endorses {
                    forms.insert(form(m, claim));
                }
                if let Some(b) = claim.basis {
                    bases.insert(b.word());
                }
            }
        }
    }
    r.attribution_form = forms.into_iter().map(str::to_string).collect();
    r.attribution_basis_stated = bases.into_iter().map(str::to_string).collect();
    let mut best: Option<(u8, Vec<ClaimId>)> = None;
    for &c in &attributing_claims {
        let Some(stated) = m.claims[c].confidence.as_ref() else {
            continue;
        };
        let v = support::stated_value(stated.term.value);
        match &mut best {
            Some((b, list)) if *b == v => list.push(c),
            Some((b, _)) if *b > v => {}
            _ => best = Some((v, vec![c])),
        }
    }
    if let Some((v, claims)) = best {
        r.stated_confidence_max = Some(v);
        // The words of the earliest of the claims that stated it.
        let first = claims
            .iter()
            .copied()
            .min_by(|&a, &b| m.dated_key(a).cmp(&m.dated_key(b)))
            .expect("not empty");
        let stated = m.claims[first].confidence.as_ref().expect("stated");
        r.stated_confidence_words = Some(match &stated.words {
            Some(w) => format!("{} \"{}\"", stated.term.value, w.value),
            None => stated.term.value.word().to_string(),
        });
        let mut by: BTreeSet<ActorId> = BTreeSet::new();
        for c in &claims {
            by.extend(analysis.current.claimants.get(c).into_iter().flatten());
        }
        r.stated_confidence_by = sorted_ids(&by);
    }

    // Who is held responsible: by the states, and by the vendors.
    let principal = analysis.principal(m);
    r.attributed_initiator = initiator(m, analysis, principal);
    r.vendor_attributed_initiator = initiator(m, analysis, analysis.principal_by_vendors(m));
    if let Some(p) = principal {
        r.support = Some(p.support().value);
        r.support_level = Some(p.support().level);
    }
    let mut located: Vec<String> = analysis
        .locations
        .iter()
        .map(|l| country(m, l.place).0)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    located.sort();
    r.located_in = located;

    // Denials recorded against any attributing claim.
    if r.denial != "yes"
        && analysis.record.reactions.iter().any(|(c, list)| {
            attributing_claims.contains(c) && list.iter().any(|(x, _)| *x == Reaction::Denies)
        })
    {
        r.denial = "yes".into();
    }

    // Evidence.
    let mut disclosed = 0.0;
    for (_, e) in m
        .evidence
        .iter()
        .filter(|(i, _)| analysis.view.evidence(*i))
    {
        r.evidence_items += 1;
        let class = e.class.map_or("unknown", |c| c.word());
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
    let mut responders: BTreeSet<ActorId> = BTreeSet::new();
    let mut response_dates: Vec<&Date> = Vec::new();
    let mut strongest_rank = None;
    for (_, resp) in m
        .responses
        .iter()
        .filter(|(i, _)| analysis.view.response(*i))
    {
        if resp.answers.is_empty() {
            continue;
        }
        if let Some(k) = resp.kind {
            *r.responses_by_kind.entry(k.word().to_string()).or_default() += 1;
            let rank = Some(usize::from(k.rank()));
            if rank > strongest_rank {
                strongest_rank = rank;
            }
        }
        if let Some(cat) = &resp.category {
            *r.responses_by_category
                .entry(cat.value.word().to_string())
                .or_default() += 1;
        }
        if let Some(s) = resp.by.and_then(|b| state_of(m, b.to)) {
            responders.insert(s);
        }
        response_dates.extend(valid(resp.date.as_ref()));
    }
    r.strongest_response = strongest_rank.map(|k| RESPONSE_LADDER[k].word().to_string());
    r.number_of_responding_states = responders.len();
    if let (Some((p, _)), Some((f, _))) =
        (public, earliest(response_dates.iter().map(|d| (*d, ()))))
    {
        r.time_to_first_response = Some(p.days_until(f));
    }
    r
}

impl CaseRecord {
    /// A record with every variable empty: the shape of the columns.
    pub fn empty() -> CaseRecord {
        CaseRecord {
            case: String::new(),
            title: String::new(),
            as_of: None,
            start_date: None,
            public_date: None,
            attribution_date: None,
            time_to_attribution: None,
            attributing_actor: Vec::new(),
            attributing_actor_unconfirmed: Vec::new(),
            attributing_country: Vec::new(),
            attributing_country_iso: Vec::new(),
            number_of_attributing_states: 0,
            attribution_form: Vec::new(),
            attribution_basis_stated: Vec::new(),
            attributed_initiator: Initiator {
                category: "Unknown - not attributed".into(),
                ..Initiator::default()
            },
            vendor_attributed_initiator: Initiator {
                category: "Unknown - not attributed".into(),
                ..Initiator::default()
            },
            attributing_vendor: Vec::new(),
            located_in: Vec::new(),
            stated_confidence_max: None,
            stated_confidence_words: None,
            stated_confidence_by: Vec::new(),
            support: None,
            support_level: None,
            evidence_by_class: Default::default(),
            evidence_items: 0,
            evidence_disclosed_share: None,
            self_attribution: false,
            denial: "not recorded".into(),
            responses_by_kind: Default::default(),
            responses_by_category: Default::default(),
            strongest_response: None,
            number_of_responding_states: 0,
            time_to_first_response: None,
        }
    }
}
