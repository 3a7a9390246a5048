//! The chains model shared by `attrib chains` in both formats, and its
//! JSON form (the contract documented in `docs/json.md`).

use crate::compile::Compilation;
use crate::confidence;
use crate::syntax::ast::{Decl, File};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChainsOutput {
    /// The case header's id; `null` when the file has none.
    pub case: Option<String>,
    pub chains: Vec<ChainOutput>,
    /// Every claim a link cites, by id.
    pub claims: BTreeMap<String, ClaimOutput>,
    /// Every evidence item a link cites, by id.
    pub evidence: BTreeMap<String, EvidenceOutput>,
    /// What the chain search left out, and why.
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct NodeOutput {
    pub id: String,
    /// `event`, or the actor's kind (`state`, `threat-group` …).
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChainOutput {
    /// The claimants whose claims make the chain; empty only for a chain
    /// of structural links.
    pub asserted_by: Vec<NodeOutput>,
    pub event: NodeOutput,
    pub responsible: NodeOutput,
    pub confidence: u8,
    pub links: Vec<LinkOutput>,
    /// 0-based position in `links` of the weakest link.
    pub weakest_link: usize,
    /// 0-based positions in `chains` of the chains from the same event to
    /// the same party by another route.
    pub agrees_with: Vec<usize>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
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
    /// Claims that acknowledge (relay) a claim of this link without making it.
    pub acknowledged_by: Vec<String>,
    /// Claims that endorse a claim of this link: their claimants make it their own.
    pub endorsed_by: Vec<String>,
    /// Sources cited for a structural relation.
    pub sources: Vec<String>,
    pub confidence: u8,
    pub weaknesses: Vec<&'static str>,
    /// The computation, step by step (`--explain` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<String>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ClaimOutput {
    pub by: Vec<String>,
    pub date: Option<String>,
    pub stated: Option<StatedOutput>,
    pub basis: Option<&'static str>,
    pub sources: Vec<String>,
    pub unconfirmed: Option<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StatedOutput {
    pub term: &'static str,
    /// The term on STIX 2.1's 0–100 scale.
    pub value: u8,
    pub words: Option<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EvidenceOutput {
    pub class: Option<&'static str>,
    pub credibility: Option<&'static str>,
    pub disclosed: Option<&'static str>,
    pub known: Option<String>,
    pub sources: Vec<String>,
    /// The item's grade, 0–100.
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

/// Build the model from a compiled file.
pub fn build(c: &Compilation, explain: bool) -> ChainsOutput {
    let file = &c.file;
    let mut out = ChainsOutput {
        case: c.case_id().map(str::to_string),
        chains: Vec::new(),
        claims: BTreeMap::new(),
        evidence: BTreeMap::new(),
        notes: c.chains.notes.clone(),
    };
    let Some(analysis) = &c.analysis else {
        return out;
    };
    let agreements = c.chains.agreements();
    for (k, chain) in c.chains.chains.iter().enumerate() {
        let mut links = Vec::new();
        for &l in &chain.links {
            let link = &analysis.links[l];
            for &ci in link
                .all_claims()
                .iter()
                .chain(&link.denials)
                .chain(&link.acknowledgements)
                .chain(&link.endorsements)
            {
                let claim = file.claim(ci).expect("a link's claims are claims");
                out.claims
                    .entry(claim.head.id.value.clone())
                    .or_insert_with(|| ClaimOutput {
                        by: claim.by.iter().map(|b| b.value.clone()).collect(),
                        date: claim.date.as_ref().map(|d| d.value.to_string()),
                        stated: claim.confidence.as_ref().map(|s| StatedOutput {
                            term: s.term.value.word(),
                            value: confidence::likelihood_value(s.term.value),
                            words: s.words.as_ref().map(|w| w.value.clone()),
                        }),
                        basis: claim.basis.as_ref().map(|b| b.value.word()),
                        sources: claim.sources.iter().map(|s| s.value.clone()).collect(),
                        unconfirmed: claim.head.unconfirmed.as_ref().map(|u| u.value.clone()),
                    });
            }
            for &ei in link.support.iter().chain(&link.contra) {
                let e = file.evidence(ei).expect("a link's evidence is evidence");
                out.evidence
                    .entry(e.head.id.value.clone())
                    .or_insert_with(|| EvidenceOutput {
                        class: e.class.as_ref().map(|x| x.value.word()),
                        credibility: e.credibility.as_ref().map(|x| x.value.word()),
                        disclosed: e.disclosed.as_ref().map(|x| x.value.word()),
                        known: e.known.as_ref().map(|d| d.value.to_string()),
                        sources: e.sources.iter().map(|s| s.value.clone()).collect(),
                        grade: analysis.grades.get(&ei).map_or(0, |g| g.score),
                    });
            }
            links.push(LinkOutput {
                from: node(file, link.from),
                to: node(file, link.to),
                relation: link.relation(),
                roles: link.roles.iter().map(|r| r.word()).collect(),
                claims: ids(file, &link.all_claims()),
                evidence: ids(file, &link.support),
                contradicting: ids(file, &link.contra),
                denials: ids(file, &link.denials),
                acknowledged_by: ids(file, &link.acknowledgements),
                endorsed_by: ids(file, &link.endorsements),
                sources: ids(file, &link.per),
                confidence: link.confidence.value,
                weaknesses: link.weaknesses.iter().map(|w| w.word()).collect(),
                explanation: explain.then(|| link.confidence.steps.clone()),
            });
        }
        out.chains.push(ChainOutput {
            asserted_by: chain.party.iter().map(|&p| node(file, p)).collect(),
            event: node(file, chain.event),
            responsible: node(file, chain.responsible),
            confidence: chain.confidence,
            links,
            weakest_link: chain.weakest,
            agrees_with: agreements[k].clone(),
        });
    }
    out
}

impl ChainsOutput {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("chains output serialises")
    }
}
