//! The research variables of a case, computed from the analysis (its
//! assessments, links and responses) by one set of definitions, documented
//! in `docs/compare.md`, so that cases can be compared side by side and
//! joined with the research datasets. No variable depends on the order of
//! the declarations.

use crate::analysis::assessments::Voices;
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
/// same concept (see `docs/compare.md`); the others are attrib's own. The
/// variables about the attribution read the case's principal assessment
/// (`Analysis::principal`): the event it is about and the party the most
/// states hold responsible.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseRecord {
    /// The case header's id.
    pub case_id: String,
    pub title: String,
    /// The as-of date the variables were computed for (`--as-of`), if any.
    pub as_of: Option<String>,
    /// The event the principal assessment is about, by id.
    pub event: Option<String>,
    /// When that event happened (EuRepoC `start_date`).
    pub start_date: Option<DateVar>,
    /// When it became publicly known: its `known` date, else its date. The
    /// days to attribution count from here.
    pub public_date: Option<DateVar>,
    /// The first attribution of the event to the party by a state, on the
    /// record (EuRepoC `attribution_date`).
    pub attribution_date: Option<DateVar>,
    /// The fewest days from `public_date` to `attribution_date` the two
    /// dates allow (EuRepoC `time_to_attribution`; equal to the most when
    /// both are days).
    pub time_to_attribution_min: Option<i64>,
    /// The most days the two dates allow.
    pub time_to_attribution_max: Option<i64>,
    /// The first attribution of the event to the party by anyone, made on
    /// the record (with names).
    pub first_attribution_official: Option<DateVar>,
    /// Who made it, by id.
    pub first_attribution_official_by: Vec<String>,
    /// The first attribution made without names (`unofficial`: anonymous
    /// officials, unnamed sources), when it came before any official one.
    pub first_attribution_unofficial: Option<DateVar>,
    /// Who made it, by id.
    pub first_attribution_unofficial_by: Vec<String>,
    /// Everyone who attributes (or endorses an attribution), by id, the
    /// actors' own claims aside; the office holders of an international
    /// organisation count as the organisation (EuRepoC `attributing_actor`).
    pub attributing_actor: Vec<String>,
    /// Those among them whose attributing claims are all marked unconfirmed.
    pub attributing_actor_unconfirmed: Vec<String>,
    /// Those among them who attribute only without names (`unofficial`).
    pub attributing_actor_unofficial: Vec<String>,
    /// States that attribute on the record, by ISO 3166 short name
    /// (EuRepoC `attributing_country`).
    pub attributing_country: Vec<String>,
    /// Their ISO 3166 alpha-2 codes, in the same order (empty where unknown).
    pub attributing_country_iso: Vec<String>,
    pub number_of_attributing_states: usize,
    /// States that attribute only without names (anonymous officials).
    pub attributing_country_unofficial: Vec<String>,
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
    /// Who stated those words (the claimants of that one claim).
    pub stated_confidence_by: Vec<String>,
    /// The support on record the states' (and intergovernmental bodies')
    /// chains give the principal assessment, alone (0–100, attrib's figure
    /// for the evidence in the file: not a likelihood).
    pub support_states: Option<u8>,
    /// Its level: no-evidence, slight, partial, substantial, strong.
    pub support_states_level: Option<Level>,
    /// The support on record of all its chains together: states, vendors
    /// and others.
    pub support_all: Option<u8>,
    /// Its level.
    pub support_all_level: Option<Level>,
    /// The evidence item `support_all` rests on most: the one whose removal
    /// lowers it most (Heuer's sensitivity).
    pub support_key_item: Option<String>,
    /// `support_all` without that item.
    pub support_without_key_item: Option<u8>,
    /// Evidence items by ODNI indicator class.
    pub evidence_by_class: BTreeMap<String, usize>,
    pub evidence_items: usize,
    /// Share of evidence items disclosed, 0–1 (partly disclosed counts half).
    pub evidence_disclosed_share: Option<f64>,
    /// The actors claimed it themselves.
    pub self_attribution: bool,
    /// `yes` when a claim denies an attribution, else `not recorded`.
    pub denial: String,
    /// Responses that answer the case, by states and intergovernmental
    /// bodies other than the accused, by kind.
    pub responses_by_kind: BTreeMap<String, usize>,
    /// Those responses by legal category (those that have one).
    pub responses_by_category: BTreeMap<String, usize>,
    /// The strongest of those responses on attrib's ladder (`docs/compare.md`).
    pub strongest_response: Option<String>,
    /// Its rank on the ladder, 0 the weakest.
    pub strongest_response_rank: Option<u8>,
    /// States (and intergovernmental bodies) that responded, the accused aside.
    pub number_of_responding_states: usize,
    /// The accused's own moves in answer (entry bans, a counter-accusation
    /// made as a statement …), by kind: never counted as responses.
    pub counter_measures: Vec<String>,
    /// Remediation by companies (a vendor's patch, a victim's shutdown).
    pub remediation_by_companies: usize,
    /// The fewest days from `public_date` to the first response.
    pub time_to_first_response_min: Option<i64>,
    /// The most days.
    pub time_to_first_response_max: Option<i64>,
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

/// The fewest and the most days from `from` to `to` the two dates allow
/// (never fewer than none).
fn days_between(from: &Date, to: &Date) -> (i64, i64) {
    let (f0, f1) = from.interval();
    let (t0, t1) = to.interval();
    ((t0 - f1).max(0), (t1 - f0).max(0))
}

/// A date of claims as a variable: unconfirmed only when every claim that
/// makes it is.
fn claims_date(m: &Model, claims: &[ClaimId], date: &Date) -> DateVar {
    DateVar::new(date, claims.iter().all(|&c| m.unconfirmed(c)))
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
        case_id: c.case_id().unwrap_or("").to_string(),
        title: m
            .header()
            .and_then(|c| c.title.as_ref())
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        ..CaseRecord::empty()
    };
    r.as_of = analysis.view.as_of.map(|d| d.to_string());
    let id = |i: Node| m.name(i).to_string();
    let party = |a: ActorId| {
        analysis
            .parties
            .get(&a)
            .copied()
            .unwrap_or_else(|| crate::analysis::parties::party(m, a))
    };
    // The attributors as counted: an international organisation's office
    // holders count as the organisation.
    let counted = |a: ActorId| {
        let p = party(a);
        if p.group == Group::InternationalOrganisation {
            p.speaker
        } else {
            a
        }
    };
    let principal = analysis.principal(m);

    // The event the principal assessment is about.
    let mut public: Option<&Date> = None;
    if let Some(p) = principal {
        let ev = &m.events[p.event];
        r.event = Some(id(p.event.into()));
        let unconfirmed = m.unconfirmed(p.event);
        r.start_date = valid(ev.date.as_ref()).map(|d| DateVar::new(d, unconfirmed));
        public = valid(ev.known.as_ref()).or(valid(ev.date.as_ref()));
        r.public_date = public.map(|d| DateVar::new(d, unconfirmed));
        // The first attribution on the record, by anyone and by a state; the
        // first made without names.
        let by = |claims: &[ClaimId]| -> Vec<String> {
            let mut who: Vec<ActorId> = claims
                .iter()
                .flat_map(|c| analysis.current.claimants.get(c).into_iter().flatten())
                .map(|&a| counted(a))
                .collect();
            m.sort_by_name(&mut who);
            who.into_iter().map(|a| id(a.into())).collect()
        };
        if let Some(f) = &p.first {
            r.first_attribution_official = Some(claims_date(m, &f.claims, &f.date));
            r.first_attribution_official_by = by(&f.claims);
        }
        if let Some(f) = &p.first_unofficial {
            r.first_attribution_unofficial = Some(claims_date(m, &f.claims, &f.date));
            r.first_attribution_unofficial_by = by(&f.claims);
        }
        let state_firsts: Vec<ClaimId> = p
            .third_parties()
            .filter(|x| x.state.is_some())
            .filter_map(|x| x.first_official)
            .collect();
        let first_state = earliest(
            state_firsts
                .iter()
                .filter_map(|&c| Some((valid(m.claims[c].date.as_ref())?, c))),
        );
        if let Some((date, _)) = first_state {
            let same_day: Vec<ClaimId> = state_firsts
                .iter()
                .copied()
                .filter(|&c| {
                    valid(m.claims[c].date.as_ref())
                        .is_some_and(|d| d.interval() == date.interval())
                })
                .collect();
            r.attribution_date = Some(claims_date(m, &same_day, date));
            if let Some(p) = public {
                let (fewest, most) = days_between(p, date);
                r.time_to_attribution_min = Some(fewest);
                r.time_to_attribution_max = Some(most);
            }
        }
    }

    // Attributors across the assessments (the actors' own claims aside).
    let mut actors: BTreeSet<ActorId> = BTreeSet::new();
    let mut confirmed: BTreeSet<ActorId> = BTreeSet::new();
    let mut official: BTreeSet<ActorId> = BTreeSet::new();
    let mut states: BTreeSet<ActorId> = BTreeSet::new();
    let mut states_official: BTreeSet<ActorId> = BTreeSet::new();
    let mut vendors: BTreeSet<ActorId> = BTreeSet::new();
    let mut attributing_claims: BTreeSet<ClaimId> = BTreeSet::new();
    for a in &analysis.assessments {
        r.self_attribution |= a
            .attributors
            .iter()
            .any(|x| x.participation == Participation::ClaimsResponsibility);
        for x in a.third_parties() {
            let who = counted(x.actor);
            actors.insert(who);
            if x.claims.iter().any(|&c| !m.unconfirmed(c)) {
                confirmed.insert(who);
            }
            if !x.unofficial {
                official.insert(who);
            }
            if x.group == Group::Vendor {
                vendors.insert(x.actor);
            }
            attributing_claims.extend(&x.claims);
            if let Some(s) = x.state {
                states.insert(s);
                if !x.unofficial {
                    states_official.insert(s);
                }
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
    r.attributing_actor_unofficial = sorted_ids(&actors.difference(&official).copied().collect());
    r.attributing_vendor = sorted_ids(&vendors);
    let mut countries: Vec<(String, Option<String>)> =
        states_official.iter().map(|&s| country(m, s)).collect();
    countries.sort();
    r.attributing_country = countries.iter().map(|(n, _)| n.clone()).collect();
    r.attributing_country_iso = countries
        .iter()
        .map(|(_, c)| c.clone().unwrap_or_default())
        .collect();
    r.number_of_attributing_states = states_official.len();
    let mut unofficial_countries: Vec<String> = states
        .difference(&states_official)
        .map(|&s| country(m, s).0)
        .collect();
    unofficial_countries.sort();
    r.attributing_country_unofficial = unofficial_countries;

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
    // The strongest stated confidence: the value, and the words and
    // claimants of the earliest claim that stated it (each claimant's words
    // stay its own).
    let strongest = attributing_claims
        .iter()
        .filter_map(|&c| {
            let stated = m.claims[c].confidence.as_ref()?;
            Some((support::stated_value(stated.term.value), c))
        })
        .max_by(|(va, a), (vb, b)| {
            va.cmp(vb)
                .then_with(|| m.dated_key(*b).cmp(&m.dated_key(*a)))
        });
    if let Some((v, first)) = strongest {
        r.stated_confidence_max = Some(v);
        let stated = m.claims[first].confidence.as_ref().expect("stated");
        r.stated_confidence_words = Some(match &stated.words {
            Some(w) => format!("{} \"{}\"", stated.term.value, w.value),
            None => stated.term.value.word().to_string(),
        });
        let by: BTreeSet<ActorId> = analysis
            .current
            .claimants
            .get(&first)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        r.stated_confidence_by = sorted_ids(&by);
    }

    // Who is held responsible: by the states, and by the vendors.
    r.attributed_initiator = initiator(m, analysis, principal);
    r.vendor_attributed_initiator = initiator(m, analysis, analysis.principal_by_vendors(m));
    if let Some(p) = principal {
        if let Some(s) = p.support_by(Voices::States) {
            r.support_states = Some(s.value);
            r.support_states_level = Some(s.level);
        }
        r.support_all = Some(p.support().value);
        r.support_all_level = Some(p.support().level);
        if let Some(rests) = p.rests_on {
            r.support_key_item = Some(id(rests.item.into()));
            r.support_without_key_item = Some(rests.without.value);
        }
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

    // Responses that answer the case: by states and intergovernmental
    // bodies, the accused's own moves apart, a company's remediation apart.
    let accused: Option<ActorId> = principal.map(|p| party(p.responsible).speaker);
    let mut responders: BTreeSet<ActorId> = BTreeSet::new();
    let mut response_dates: Vec<&Date> = Vec::new();
    let mut strongest_rank: Option<u8> = None;
    let mut counter: BTreeSet<&'static str> = BTreeSet::new();
    for (_, resp) in m
        .responses
        .iter()
        .filter(|(i, _)| analysis.view.response(*i))
    {
        if resp.answers.is_empty() {
            continue;
        }
        let by = resp.by.map(|b| party(b.to));
        if by.is_some_and(|p| Some(p.speaker) == accused) {
            counter.insert(resp.kind.map_or("response", |k| k.word()));
            continue;
        }
        match by.map(|p| p.group) {
            Some(Group::State | Group::InternationalOrganisation) => {}
            Some(Group::Vendor) if resp.kind == Some(ResponseKind::Remediation) => {
                r.remediation_by_companies += 1;
                continue;
            }
            _ => continue,
        }
        if let Some(k) = resp.kind {
            *r.responses_by_kind.entry(k.word().to_string()).or_default() += 1;
            strongest_rank = strongest_rank.max(Some(k.rank()));
        }
        if let Some(cat) = &resp.category {
            *r.responses_by_category
                .entry(cat.value.word().to_string())
                .or_default() += 1;
        }
        if let Some(p) = by {
            responders.insert(p.speaker);
        }
        response_dates.extend(valid(resp.date.as_ref()));
    }
    r.strongest_response =
        strongest_rank.map(|k| RESPONSE_LADDER[usize::from(k)].word().to_string());
    r.strongest_response_rank = strongest_rank;
    r.number_of_responding_states = responders.len();
    r.counter_measures = counter.into_iter().map(str::to_string).collect();
    if let (Some(p), Some((f, _))) = (public, earliest(response_dates.iter().map(|d| (*d, ())))) {
        let (fewest, most) = days_between(p, f);
        r.time_to_first_response_min = Some(fewest);
        r.time_to_first_response_max = Some(most);
    }
    r
}

impl CaseRecord {
    /// A record with every variable empty: the shape of the columns.
    pub fn empty() -> CaseRecord {
        let unknown = || Initiator {
            category: "Unknown - not attributed".into(),
            ..Initiator::default()
        };
        CaseRecord {
            case_id: String::new(),
            title: String::new(),
            as_of: None,
            event: None,
            start_date: None,
            public_date: None,
            attribution_date: None,
            time_to_attribution_min: None,
            time_to_attribution_max: None,
            first_attribution_official: None,
            first_attribution_official_by: Vec::new(),
            first_attribution_unofficial: None,
            first_attribution_unofficial_by: Vec::new(),
            attributing_actor: Vec::new(),
            attributing_actor_unconfirmed: Vec::new(),
            attributing_actor_unofficial: Vec::new(),
            attributing_country: Vec::new(),
            attributing_country_iso: Vec::new(),
            number_of_attributing_states: 0,
            attributing_country_unofficial: Vec::new(),
            attribution_form: Vec::new(),
            attribution_basis_stated: Vec::new(),
            attributed_initiator: unknown(),
            vendor_attributed_initiator: unknown(),
            attributing_vendor: Vec::new(),
            located_in: Vec::new(),
            stated_confidence_max: None,
            stated_confidence_words: None,
            stated_confidence_by: Vec::new(),
            support_states: None,
            support_states_level: None,
            support_all: None,
            support_all_level: None,
            support_key_item: None,
            support_without_key_item: None,
            evidence_by_class: Default::default(),
            evidence_items: 0,
            evidence_disclosed_share: None,
            self_attribution: false,
            denial: "not recorded".into(),
            responses_by_kind: Default::default(),
            responses_by_category: Default::default(),
            strongest_response: None,
            strongest_response_rank: None,
            number_of_responding_states: 0,
            counter_measures: Vec::new(),
            remediation_by_companies: 0,
            time_to_first_response_min: None,
            time_to_first_response_max: None,
        }
    }
}
