//! The chains model shared by `attrib chains` in both formats, and its JSON
//! form (the contract documented in `docs/json.md`): the assessments first,
//! then the chains, and the claims and evidence they cite.

pub use super::nodes::{NodeOutput, node};
use super::words;
use crate::analysis::assessments::{Assessment, Attributor, First, Participation};
use crate::analysis::parties::Group;
use crate::analysis::support::{self, Computation, Level};
use crate::analysis::{Analysis, Chain, Link};
use crate::compile::Compilation;
use crate::date::iso_from_days;
use crate::model::{self as model, ClaimId, Model, Node};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The version of this JSON contract; `docs/json.md` lists the changes.
pub const VERSION: u32 = 3;

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChainsOutput {
    /// The contract's version: 2.
    pub version: u32,
    /// The case header's id; `null` when the file has none.
    pub case: Option<String>,
    /// The as-of date asked for (`--as-of`), as written; `null` for the whole file.
    pub as_of: Option<String>,
    /// Claims, evidence and responses left out of an as-of view because
    /// their date may or may not fall by then (ids).
    pub left_out_uncertain: Vec<String>,
    /// For each event and party held responsible: who holds it responsible,
    /// on what, since when.
    pub assessments: Vec<AssessmentOutput>,
    pub chains: Vec<ChainOutput>,
    /// Every claim the assessments and chains cite, by id.
    pub claims: BTreeMap<String, ClaimOutput>,
    /// Every evidence item the chains cite, by id.
    pub evidence: BTreeMap<String, EvidenceOutput>,
    /// What the chain search left out, and why.
    pub notes: Vec<String>,
    /// The competing-hypotheses matrices, as `attrib ach --format json`
    /// gives them under `events`; absent when the case rates nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ach: Vec<super::ach::MatrixOutput>,
}

/// A figure computed by attrib: how far the evidence on record supports a
/// step (0–100). Not a likelihood.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportOutput {
    pub value: u8,
    pub level: Level,
    /// The computation, step by step (`--explain` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AssessmentOutput {
    pub event: NodeOutput,
    /// The event's date as written.
    pub event_date: Option<String>,
    pub responsible: NodeOutput,
    /// The ids of the distinct states that attribute (or endorse an
    /// attribution): states, their organs and office holders count for
    /// their state.
    pub states: Vec<String>,
    /// By group (states, international organisations, vendors, media,
    /// others, the actors themselves), then date of first claim.
    pub attributors: Vec<AttributorOutput>,
    /// The support of all the chains' evidence together: independent
    /// evidence from different originators corroborates, repetition does
    /// not.
    pub support: SupportOutput,
    /// The support the chains of each kind of attributor give alone:
    /// `states` (states and intergovernmental bodies), `vendors`, `others`
    /// — for those that have chains here.
    pub support_by: BTreeMap<String, SupportOutput>,
    /// What the support rests on: the evidence item whose removal lowers it
    /// most, and the support without it.
    pub rests_on: Option<RestsOnOutput>,
    /// The strongest confidence any attributor stated: theirs, not attrib's.
    pub strongest_stated: Option<StatedOutput>,
    /// Claims that deny a claim of the chains.
    pub denied_by: Vec<String>,
    /// Claims of third parties that dispute a claim of the chains.
    pub disputed_by: Vec<String>,
    /// Claims that acknowledge (relay) a claim of the chains without making it.
    pub acknowledged_by: Vec<String>,
    /// Evidence that contradicts a claim of the chains.
    pub contradicting: Vec<String>,
    /// The first attribution made on the record (with names).
    pub first_attribution: Option<FirstOutput>,
    /// The first made without names (`unofficial`), when it came before
    /// any on the record.
    pub first_attribution_unofficial: Option<FirstOutput>,
    /// 0-based positions in `chains`.
    pub chains: Vec<usize>,
}

/// What an assessment's support rests on.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RestsOnOutput {
    /// The evidence item's id.
    pub item: String,
    /// The support without it.
    pub without: SupportOutput,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AttributorOutput {
    pub actor: NodeOutput,
    pub group: Group,
    /// The state it counts for, if it is a state, an organ of one or holds
    /// office in one.
    pub state: Option<NodeOutput>,
    pub participation: Participation,
    /// Its current claims in this assessment, by date.
    pub claims: Vec<String>,
    /// Its strongest stated confidence among them: theirs, not attrib's.
    pub stated: Option<StatedOutput>,
    /// Some of its claims are marked unconfirmed in the case.
    pub unconfirmed: bool,
    /// All its claims here were made without names (anonymous officials).
    pub unofficial: bool,
    /// When it holds the party responsible only by a claim that ties a
    /// group to a state, joined to other claimants' attribution of the
    /// event to that group: those claimants, by id; else empty.
    pub via: Vec<String>,
    /// Its claims and the earlier ones they revise, by date.
    pub history: Vec<HistoryOutput>,
    /// 0-based positions in `chains`.
    pub chains: Vec<usize>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryOutput {
    pub claim: String,
    pub date: Option<String>,
    pub stated: Option<StatedOutput>,
    /// The ids of the actors this claim held responsible.
    pub named: Vec<String>,
    /// `false` for a view revised later.
    pub current: bool,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FirstOutput {
    /// The earliest claims (several when their dates cannot be told apart).
    pub claims: Vec<String>,
    /// The ids of their claimants.
    pub by: Vec<String>,
    /// The date as written, and the first and last day it may mean.
    pub date: String,
    pub date_earliest: String,
    pub date_latest: String,
    /// Days from the event: the fewest and the most both dates' precision
    /// allows (equal when both are days).
    pub days_from_event: Option<DaysOutput>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DaysOutput {
    pub fewest: i64,
    pub most: i64,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChainOutput {
    /// The claimants whose claims make the chain (for a joined chain, the
    /// claimants of its group-to-state claim).
    pub asserted_by: Vec<NodeOutput>,
    /// For a chain joined by a claim that ties a group to a state: the
    /// claimants whose links lead from the event to the group, and where
    /// the joining claimants' links begin; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joins: Option<JoinOutput>,
    pub event: NodeOutput,
    pub responsible: NodeOutput,
    /// The support of its weakest link.
    pub support: SupportOutput,
    pub links: Vec<LinkOutput>,
    /// 0-based position in `links` of the weakest link.
    pub weakest_link: usize,
    /// 0-based positions in `chains` of the chains from the same event to
    /// the same party by another route.
    pub agrees_with: Vec<usize>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JoinOutput {
    /// The claimants of the links from the event to the group.
    pub via: Vec<NodeOutput>,
    /// 0-based position in `links` of the joining claimants' first link.
    pub at_link: usize,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LinkOutput {
    pub from: NodeOutput,
    pub to: NodeOutput,
    /// `attribution`, `self-claim`, or a structural relation (`organ-of` …).
    pub relation: &'static str,
    /// The roles claims assert (`operator`, `sponsor` …).
    pub roles: Vec<&'static str>,
    pub claims: Vec<String>,
    pub evidence: Vec<String>,
    pub contradicting: Vec<String>,
    /// Claims that deny a claim of this link.
    pub denials: Vec<String>,
    /// Claims of third parties that dispute a claim of this link.
    pub disputes: Vec<String>,
    /// Claims that acknowledge (relay) a claim of this link without making it.
    pub acknowledged_by: Vec<String>,
    /// Claims that endorse a claim of this link: their claimants make it their own.
    pub endorsed_by: Vec<String>,
    /// Sources cited for a structural relation.
    pub sources: Vec<String>,
    pub support: SupportOutput,
    pub weaknesses: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClaimOutput {
    pub by: Vec<String>,
    pub date: Option<String>,
    /// The confidence the claimant stated: theirs, not attrib's.
    pub stated: Option<StatedOutput>,
    pub basis: Option<&'static str>,
    pub sources: Vec<String>,
    pub unconfirmed: Option<String>,
    /// The earlier claim this one revises.
    pub revises: Option<String>,
}

/// A claimant's stated confidence: their words and a standard term.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatedOutput {
    /// The claim that states it.
    pub claim: String,
    /// The standard term (ICD 203, or low / moderate / high).
    pub term: &'static str,
    /// The term on STIX 2.1's 0–100 scale (its appendix mapping).
    pub value: u8,
    /// The claimant's own words.
    pub words: Option<String>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvidenceOutput {
    pub class: Option<&'static str>,
    pub credibility: Option<&'static str>,
    pub disclosed: Option<&'static str>,
    pub known: Option<String>,
    pub sources: Vec<String>,
    /// The item's grade, 0–100 (credibility × reliability × disclosure).
    pub grade: u8,
}

fn ids<I: Into<Node> + Copy>(m: &Model, list: &[I]) -> Vec<String> {
    list.iter().map(|&i| m.name(i).to_string()).collect()
}

/// The stated confidence of a claim, if it states one.
pub fn stated(m: &Model, claim: ClaimId) -> Option<StatedOutput> {
    let c = &m.claims[claim];
    let s = c.confidence.as_ref()?;
    Some(StatedOutput {
        claim: c.head.name.clone(),
        term: s.term.value.word(),
        value: support::stated_value(s.term.value),
        words: s.words.as_ref().map(|w| w.value.clone()),
    })
}

fn support_output(m: &Model, analysis: &Analysis, c: &Computation, explain: bool) -> SupportOutput {
    SupportOutput {
        value: c.support.value,
        level: c.support.level,
        explanation: explain.then(|| {
            c.steps
                .iter()
                .map(|s| words::step(m, &analysis.record, s))
                .collect()
        }),
    }
}

fn date_of(m: &Model, claim: ClaimId) -> Option<String> {
    m.claims[claim].date.as_ref().map(|d| d.value.to_string())
}

fn attributor(m: &Model, a: &Attributor) -> AttributorOutput {
    AttributorOutput {
        actor: node(m, a.actor),
        group: a.group,
        state: a.state.map(|s| node(m, s)),
        participation: a.participation,
        claims: ids(m, &a.claims),
        stated: a.stated.and_then(|c| stated(m, c)),
        unconfirmed: a.unconfirmed,
        unofficial: a.unofficial,
        via: a.via.iter().map(|&v| m.name(v).to_string()).collect(),
        history: a
            .history
            .iter()
            .map(|h| HistoryOutput {
                claim: m.name(h.claim).to_string(),
                date: date_of(m, h.claim),
                stated: stated(m, h.claim),
                named: ids(m, &h.named),
                current: h.current,
            })
            .collect(),
        chains: a.chains.clone(),
    }
}

/// One assessment in words and figures.
pub fn assessment(
    m: &Model,
    analysis: &Analysis,
    a: &Assessment,
    explain: bool,
) -> AssessmentOutput {
    AssessmentOutput {
        event: node(m, a.event),
        event_date: m.events[a.event].date.as_ref().map(|d| d.value.to_string()),
        responsible: node(m, a.responsible),
        states: ids(m, &a.states),
        attributors: a.attributors.iter().map(|x| attributor(m, x)).collect(),
        support: support_output(m, analysis, &a.computation, explain),
        strongest_stated: a.strongest_stated.and_then(|c| stated(m, c)),
        denied_by: ids(m, &a.denials),
        disputed_by: ids(m, &a.disputes),
        acknowledged_by: ids(m, &a.acknowledgements),
        contradicting: ids(m, &a.contradicting),
        support_by: a
            .by_voices
            .iter()
            .map(|(v, c)| {
                (
                    v.word().to_string(),
                    support_output(m, analysis, c, explain),
                )
            })
            .collect(),
        rests_on: a.rests_on.map(|r| RestsOnOutput {
            item: m.name(r.item).to_string(),
            without: SupportOutput {
                value: r.without.value,
                level: r.without.level,
                explanation: None,
            },
        }),
        first_attribution: a.first.as_ref().map(|f| first_output(m, analysis, f)),
        first_attribution_unofficial: a
            .first_unofficial
            .as_ref()
            .map(|f| first_output(m, analysis, f)),
        chains: a.chains.clone(),
    }
}

fn first_output(m: &Model, analysis: &Analysis, f: &First) -> FirstOutput {
    let (start, end) = f.date.interval();
    let mut by: Vec<model::ActorId> = f
        .claims
        .iter()
        .flat_map(|&c| analysis.current.claimants.get(&c).into_iter().flatten())
        .copied()
        .collect();
    m.sort_by_name(&mut by);
    FirstOutput {
        claims: ids(m, &f.claims),
        by: ids(m, &by),
        date: f.date.to_string(),
        date_earliest: iso_from_days(start),
        date_latest: iso_from_days(end),
        days_from_event: f.days.map(|(fewest, most)| DaysOutput { fewest, most }),
    }
}

fn link_output(m: &Model, analysis: &Analysis, link: &Link, explain: bool) -> LinkOutput {
    LinkOutput {
        from: node(m, link.from),
        to: node(m, link.to),
        relation: link.relation().word(),
        roles: link.roles.iter().map(|r| r.word()).collect(),
        claims: ids(m, &link.all_claims()),
        evidence: ids(m, &link.evidence),
        contradicting: ids(m, &link.contra),
        denials: ids(m, &link.denials),
        disputes: ids(m, &link.disputes),
        acknowledged_by: ids(m, &link.acknowledgements),
        endorsed_by: ids(m, &link.endorsements),
        sources: ids(m, &link.per),
        support: support_output(m, analysis, &link.computation, explain),
        weaknesses: link.weaknesses.iter().map(|w| w.word()).collect(),
    }
}

/// One chain in words and figures; `agrees_with` are the other chains from
/// the same event to the same party (`ChainSet::agreements`).
pub fn chain(
    m: &Model,
    analysis: &Analysis,
    chain: &Chain,
    agrees_with: &[usize],
    explain: bool,
) -> ChainOutput {
    ChainOutput {
        asserted_by: chain.party.iter().map(|&p| node(m, p)).collect(),
        joins: chain.joined.map(|at| JoinOutput {
            via: chain.via.iter().map(|&p| node(m, p)).collect(),
            at_link: at,
        }),
        event: node(m, chain.event),
        responsible: node(m, chain.responsible),
        support: SupportOutput {
            value: chain.support.value,
            level: chain.support.level,
            explanation: None,
        },
        links: chain
            .links
            .iter()
            .map(|&l| link_output(m, analysis, &analysis.links[l], explain))
            .collect(),
        weakest_link: chain.weakest,
        agrees_with: agrees_with.to_vec(),
    }
}

/// Build the model from a compiled file.
pub fn build(c: &Compilation, explain: bool) -> ChainsOutput {
    let m = &c.model;
    let analysis = &c.analysis;
    let mut out = ChainsOutput {
        version: VERSION,
        case: c.case_id().map(str::to_string),
        as_of: analysis.view.as_of.map(|d| d.to_string()),
        left_out_uncertain: ids(m, &analysis.view.uncertain),
        assessments: Vec::new(),
        chains: Vec::new(),
        claims: BTreeMap::new(),
        evidence: BTreeMap::new(),
        notes: analysis
            .chains
            .notes
            .iter()
            .map(|n| words::note(m, n))
            .collect(),
        ach: super::ach::matrices(c, None),
    };
    out.assessments = analysis
        .assessments
        .iter()
        .map(|a| assessment(m, analysis, a, explain))
        .collect();

    // Every claim and evidence item cited.
    let mut claims: BTreeSet<ClaimId> = BTreeSet::new();
    let mut evidence: BTreeSet<model::EvidenceId> = BTreeSet::new();
    for a in &analysis.assessments {
        for x in &a.attributors {
            claims.extend(x.history.iter().map(|h| h.claim));
        }
        claims.extend(
            a.denials
                .iter()
                .chain(&a.disputes)
                .chain(&a.acknowledgements),
        );
        evidence.extend(&a.contradicting);
    }
    let agreements = analysis.chains.agreements();
    for (k, ch) in analysis.chains.chains.iter().enumerate() {
        for &l in &ch.links {
            let link = &analysis.links[l];
            claims.extend(
                link.all_claims()
                    .iter()
                    .chain(&link.denials)
                    .chain(&link.disputes)
                    .chain(&link.acknowledgements)
                    .chain(&link.endorsements),
            );
            evidence.extend(link.evidence.iter().chain(&link.contra));
        }
        out.chains
            .push(chain(m, analysis, ch, &agreements[k], explain));
    }
    for ci in claims {
        let claim = &m.claims[ci];
        out.claims.insert(
            claim.head.name.clone(),
            ClaimOutput {
                by: ids(m, &model::ids(&claim.by).collect::<Vec<_>>()),
                date: date_of(m, ci),
                stated: stated(m, ci),
                basis: claim.basis.map(|b| b.word()),
                sources: ids(m, &model::ids(&claim.sources).collect::<Vec<_>>()),
                unconfirmed: claim.head.unconfirmed.as_ref().map(|u| u.value.clone()),
                revises: claim.revises.map(|r| m.name(r.to).to_string()),
            },
        );
    }
    for ei in evidence {
        let e = &m.evidence[ei];
        out.evidence.insert(
            e.head.name.clone(),
            EvidenceOutput {
                class: e.class.map(|x| x.word()),
                credibility: e.credibility.map(|x| x.word()),
                disclosed: e.disclosed.as_ref().map(|x| x.value.word()),
                known: e.known.as_ref().map(|d| d.value.to_string()),
                sources: ids(m, &model::ids(&e.sources).collect::<Vec<_>>()),
                grade: analysis.record.grades.get(&ei).map_or(0, |g| g.score),
            },
        );
    }
    out
}

impl ChainsOutput {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("chains output serialises")
    }
}
