//! The chains model shared by `attrib chains` in both formats, and its JSON
//! form (the contract documented in `docs/json.md`): the assessments first,
//! then the chains, and the claims and evidence they cite.

use super::words;
use crate::analysis::assessments::{Assessment, Attributor, Participation};
use crate::analysis::parties::Group;
use crate::analysis::support::{self, Computation, Level};
use crate::analysis::{Analysis, Link};
use crate::compile::Compilation;
use crate::date::iso_from_days;
use crate::syntax::ast::{Decl, File};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The version of this JSON contract; `docs/json.md` lists the changes.
pub const VERSION: u32 = 2;

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
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeOutput {
    pub id: String,
    /// `event`, or the actor's kind (`state`, `threat-group` …).
    pub kind: String,
    pub name: String,
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
    /// evidence corroborates, repetition does not.
    pub support: SupportOutput,
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
    pub first_attribution: Option<FirstOutput>,
    /// 0-based positions in `chains`.
    pub chains: Vec<usize>,
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
    /// The claimants whose claims make the chain.
    pub asserted_by: Vec<NodeOutput>,
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

pub fn node(file: &File, i: usize) -> NodeOutput {
    let decl = &file.decls[i];
    let kind = match decl {
        Decl::Actor(a) => a.kind.as_ref().map_or("actor", |k| k.value.word()),
        other => other.kind().keyword(),
    };
    NodeOutput {
        id: decl.id().value.clone(),
        kind: kind.to_string(),
        name: file.display_name(i).to_string(),
    }
}

fn ids(file: &File, list: &[usize]) -> Vec<String> {
    list.iter()
        .map(|&i| file.decls[i].id().value.clone())
        .collect()
}

/// The stated confidence of a claim, if it states one.
pub fn stated(file: &File, claim: usize) -> Option<StatedOutput> {
    let c = file.claim(claim)?;
    let s = c.confidence.as_ref()?;
    Some(StatedOutput {
        claim: c.head.id.value.clone(),
        term: s.term.value.word(),
        value: support::stated_value(s.term.value),
        words: s.words.as_ref().map(|w| w.value.clone()),
    })
}

fn support_output(
    file: &File,
    analysis: &Analysis,
    c: &Computation,
    explain: bool,
) -> SupportOutput {
    SupportOutput {
        value: c.support.value,
        level: c.support.level,
        explanation: explain.then(|| {
            c.steps
                .iter()
                .map(|s| words::step(file, &analysis.record, s))
                .collect()
        }),
    }
}

fn date_of(file: &File, claim: usize) -> Option<String> {
    file.claim(claim)
        .and_then(|c| c.date.as_ref())
        .map(|d| d.value.to_string())
}

fn attributor(file: &File, a: &Attributor) -> AttributorOutput {
    AttributorOutput {
        actor: node(file, a.actor),
        group: a.group,
        state: a.state.map(|s| node(file, s)),
        participation: a.participation,
        claims: ids(file, &a.claims),
        stated: a.stated.and_then(|c| stated(file, c)),
        unconfirmed: a.unconfirmed,
        history: a
            .history
            .iter()
            .map(|h| HistoryOutput {
                claim: file.decls[h.claim].id().value.clone(),
                date: date_of(file, h.claim),
                stated: stated(file, h.claim),
                named: ids(file, &h.named),
                current: h.current,
            })
            .collect(),
        chains: a.chains.clone(),
    }
}

fn assessment(file: &File, analysis: &Analysis, a: &Assessment, explain: bool) -> AssessmentOutput {
    AssessmentOutput {
        event: node(file, a.event),
        event_date: file
            .event(a.event)
            .and_then(|e| e.date.as_ref())
            .map(|d| d.value.to_string()),
        responsible: node(file, a.responsible),
        states: ids(file, &a.states),
        attributors: a.attributors.iter().map(|x| attributor(file, x)).collect(),
        support: support_output(file, analysis, &a.computation, explain),
        strongest_stated: a.strongest_stated.and_then(|c| stated(file, c)),
        denied_by: ids(file, &a.denials),
        disputed_by: ids(file, &a.disputes),
        acknowledged_by: ids(file, &a.acknowledgements),
        contradicting: ids(file, &a.contradicting),
        first_attribution: a.first.as_ref().map(|f| {
            let (start, end) = f.date.interval();
            let mut by: Vec<usize> = f
                .claims
                .iter()
                .flat_map(|&c| analysis.current.claimants.get(&c).into_iter().flatten())
                .copied()
                .collect();
            by.sort_by(|&x, &y| file.decls[x].id().value.cmp(&file.decls[y].id().value));
            by.dedup();
            FirstOutput {
                claims: ids(file, &f.claims),
                by: ids(file, &by),
                date: f.date.to_string(),
                date_earliest: iso_from_days(start),
                date_latest: iso_from_days(end),
                days_from_event: f.days.map(|(fewest, most)| DaysOutput { fewest, most }),
            }
        }),
        chains: a.chains.clone(),
    }
}

fn link_output(file: &File, analysis: &Analysis, link: &Link, explain: bool) -> LinkOutput {
    LinkOutput {
        from: node(file, link.from),
        to: node(file, link.to),
        relation: link.relation().word(),
        roles: link.roles.iter().map(|r| r.word()).collect(),
        claims: ids(file, &link.all_claims()),
        evidence: ids(file, &link.evidence),
        contradicting: ids(file, &link.contra),
        denials: ids(file, &link.denials),
        disputes: ids(file, &link.disputes),
        acknowledged_by: ids(file, &link.acknowledgements),
        endorsed_by: ids(file, &link.endorsements),
        sources: ids(file, &link.per),
        support: support_output(file, analysis, &link.computation, explain),
        weaknesses: link.weaknesses.iter().map(|w| w.word()).collect(),
    }
}

/// Build the model from a compiled file.
pub fn build(c: &Compilation, explain: bool) -> ChainsOutput {
    let file = &c.file;
    let mut out = ChainsOutput {
        version: VERSION,
        case: c.case_id().map(str::to_string),
        as_of: None,
        left_out_uncertain: Vec::new(),
        assessments: Vec::new(),
        chains: Vec::new(),
        claims: BTreeMap::new(),
        evidence: BTreeMap::new(),
        notes: Vec::new(),
    };
    let Some(analysis) = &c.analysis else {
        return out;
    };
    out.as_of = analysis.view.as_of.map(|d| d.to_string());
    out.left_out_uncertain = ids(file, &analysis.view.uncertain);
    out.notes = analysis
        .chains
        .notes
        .iter()
        .map(|n| words::note(file, n))
        .collect();
    out.assessments = analysis
        .assessments
        .iter()
        .map(|a| assessment(file, analysis, a, explain))
        .collect();

    // Every claim and evidence item cited.
    let mut claims: BTreeSet<usize> = BTreeSet::new();
    let mut evidence: BTreeSet<usize> = BTreeSet::new();
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
    for (k, chain) in analysis.chains.chains.iter().enumerate() {
        let mut links = Vec::new();
        for &l in &chain.links {
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
            links.push(link_output(file, analysis, link, explain));
        }
        out.chains.push(ChainOutput {
            asserted_by: chain.party.iter().map(|&p| node(file, p)).collect(),
            event: node(file, chain.event),
            responsible: node(file, chain.responsible),
            support: SupportOutput {
                value: chain.support.value,
                level: chain.support.level,
                explanation: None,
            },
            links,
            weakest_link: chain.weakest,
            agrees_with: agreements[k].clone(),
        });
    }
    for ci in claims {
        let claim = file.claim(ci).expect("cited claims are claims");
        out.claims.insert(
            claim.head.id.value.clone(),
            ClaimOutput {
                by: claim.by.iter().map(|b| b.value.clone()).collect(),
                date: claim.date.as_ref().map(|d| d.value.to_string()),
                stated: stated(file, ci),
                basis: claim.basis.as_ref().map(|b| b.value.word()),
                sources: claim.sources.iter().map(|s| s.value.clone()).collect(),
                unconfirmed: claim.head.unconfirmed.as_ref().map(|u| u.value.clone()),
                revises: claim.revises.as_ref().map(|r| r.value.clone()),
            },
        );
    }
    for ei in evidence {
        let e = file.evidence(ei).expect("cited evidence is evidence");
        out.evidence.insert(
            e.head.id.value.clone(),
            EvidenceOutput {
                class: e.class.as_ref().map(|x| x.value.word()),
                credibility: e.credibility.as_ref().map(|x| x.value.word()),
                disclosed: e.disclosed.as_ref().map(|x| x.value.word()),
                known: e.known.as_ref().map(|d| d.value.to_string()),
                sources: e.sources.iter().map(|s| s.value.clone()).collect(),
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
