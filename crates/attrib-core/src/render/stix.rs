//! `attrib export --format stix`: a STIX 2.1 bundle, read from the analysed
//! model (mapping documented in `docs/stix.md`).
//!
//! - Parties that chains hold responsible or pass through become
//!   `intrusion-set` (threat groups) or `threat-actor` (personas, states,
//!   organs and others); every other actor — claimants, victims, officials —
//!   is an `identity` only. A state, organ or other actor that is both
//!   keeps its `identity` and gets a `threat-actor` `attributed-to` it.
//! - Only attacks become campaigns: events that a chain starts from or that
//!   a claim condemns, assesses or locates, or whose kind is not `other`.
//!   Other events (context: a relocation, a postponed summit) become notes.
//! - Each claimant's view of each chain link is its own `relationship`:
//!   `created_by_ref` the claimant, `start_time` the claim's date, its own
//!   description, and STIX `confidence` = the claimant's *stated*
//!   confidence, mapped; attrib's support on record and its computation go
//!   in a `note` on the link's relationships.
//! - `locates … in` → a `location` the campaign `originates-from`.
//! - Denials, disputes and endorsements → `opinion`; acknowledgements,
//!   condemnations and assessments → `note`; evidence and responses → `note`.
//! - Each source → a `report` of the objects made from what cites it, with
//!   its Admiralty reliability (the case author's grading) in its
//!   description and labels.
//!
//! Ids are deterministic: the UUID is derived from the case id and a name
//! the way UUIDv5 is (SHA-1 over a namespace and a name), then stamped
//! version 4, as STIX 2.1 recommends for domain objects. A re-export of the
//! same file is byte-identical, whatever the order of its declarations.

use super::words;
use crate::analysis::support::stated_value;
use crate::analysis::{Analysis, Link, Relation};
use crate::compile::Compilation;
use crate::model::*;
use crate::vocab::ActorKind;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// attrib's namespace for derived ids.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f1c_2a4e_9d3b_4c5a_8e7f_0a1b_2c3d_4e5f);

/// A deterministic STIX id for `kind` named `name` in `case`.
pub fn stix_id(kind: &str, case: &str, name: &str) -> String {
    let derived = uuid::Uuid::new_v5(&NAMESPACE, format!("{case}/{kind}/{name}").as_bytes());
    let mut bytes = *derived.as_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    format!("{kind}--{}", uuid::Uuid::from_bytes(bytes))
}

fn timestamp(days: i64) -> String {
    format!("{}T00:00:00.000Z", crate::date::iso_from_days(days))
}

struct Builder {
    case: String,
    /// One timestamp for `created`/`modified`: the latest date in the case.
    stamp: String,
    objects: Vec<Value>,
    /// Declaration → the STIX ids made from it.
    made: BTreeMap<Node, Vec<String>>,
}

impl Builder {
    fn sdo(
        &mut self,
        kind: &str,
        name: &str,
        decl: Option<Node>,
        mut fields: Map<String, Value>,
    ) -> String {
        let id = stix_id(kind, &self.case, name);
        let mut obj = Map::new();
        obj.insert("type".into(), json!(kind));
        obj.insert("spec_version".into(), json!("2.1"));
        obj.insert("id".into(), json!(id));
        obj.insert("created".into(), json!(self.stamp));
        obj.insert("modified".into(), json!(self.stamp));
        obj.append(&mut fields);
        self.objects.push(Value::Object(obj));
        if let Some(d) = decl {
            self.made.entry(d).or_default().push(id.clone());
        }
        id
    }

    fn made(&self, decl: Node) -> Vec<String> {
        self.made.get(&decl).cloned().unwrap_or_default()
    }
}

/// A declaration's summary, quotes and unconfirmed note, as one text.
fn text_of(head: &Head) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &head.summary {
        parts.push(s.value.clone());
    }
    for q in &head.quotes {
        parts.push(format!("\"{}\"", q.value));
    }
    if let Some(u) = &head.unconfirmed {
        parts.push(format!("Unconfirmed: {}", u.value));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn fields(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// A date as the day it is anchored on.
fn day(d: Option<&crate::span::Spanned<crate::date::Date>>) -> Option<i64> {
    d.map(|d| d.value.anchor())
}

/// The STIX 2.1 bundle of a compiled case, as pretty JSON.
pub fn bundle(c: &Compilation) -> String {
    let m = &c.model;
    let case = c.case_id().unwrap_or("case").to_string();
    let latest = m
        .nodes()
        .filter(|n| {
            matches!(
                n,
                Node::Event(_) | Node::Claim(_) | Node::Response(_) | Node::Source(_)
            )
        })
        .filter_map(|n| day(m.date(n)))
        .max()
        .unwrap_or(0);
    let b = Builder {
        case: case.clone(),
        stamp: timestamp(latest),
        objects: Vec::new(),
        made: BTreeMap::new(),
    };
    let mut x = Export {
        m,
        analysis: &c.analysis,
        b,
        latest,
        identity_of: BTreeMap::new(),
        attribution_object: BTreeMap::new(),
        campaign_of: BTreeMap::new(),
        relationships_of: BTreeMap::new(),
        outside: BTreeSet::new(),
    };
    x.actors();
    x.events();
    x.links();
    x.locations();
    x.answers();
    x.evidence();
    x.responses();
    x.reports();
    finish(&case, x.b.objects)
}

/// The export's state: what was made from what.
struct Export<'a> {
    m: &'a Model,
    analysis: &'a Analysis,
    b: Builder,
    /// The latest date in the case, as a day number.
    latest: i64,
    identity_of: BTreeMap<ActorId, String>,
    /// The threat actor or intrusion set made from an implicated actor.
    attribution_object: BTreeMap<ActorId, String>,
    campaign_of: BTreeMap<EventId, String>,
    /// Claim → the relationships made from it (and from the claims it revises).
    relationships_of: BTreeMap<ClaimId, Vec<String>>,
    /// Objects made once for the whole bundle (vulnerabilities, techniques, locations).
    outside: BTreeSet<String>,
}

impl Export<'_> {
    fn id(&self, i: impl Into<Node>) -> &str {
        self.m.name(i)
    }

    /// Declarations of an arena in id order, so the bundle does not follow the file's order.
    fn by_id<I: Idx + Into<Node>, T>(&self, arena: &Arena<I, T>) -> Vec<I> {
        let mut v: Vec<I> = arena.ids().collect();
        self.m.sort_by_name(&mut v);
        v
    }

    /// Claims, evidence or responses in view (`--as-of`), in id order.
    fn in_view<I: Idx + Into<Node>, T>(&self, arena: &Arena<I, T>) -> Vec<I> {
        let mut v = self.by_id(arena);
        v.retain(|&i| self.analysis.view.includes(i.into()));
        v
    }

    /// The identity of the first of these actors that has one.
    fn author(&self, actors: &[ActorId]) -> Value {
        actors
            .iter()
            .find_map(|a| self.identity_of.get(a))
            .map_or(Value::Null, |s| json!(s))
    }

    /// A claim's claimants, by id.
    fn claimants(&self, claim: ClaimId) -> Vec<ActorId> {
        let mut v: Vec<ActorId> = self
            .analysis
            .current
            .claimants
            .get(&claim)
            .cloned()
            .unwrap_or_default();
        self.m.sort_by_name(&mut v);
        v
    }

    fn relationships(&self, claim: ClaimId) -> Vec<String> {
        self.relationships_of
            .get(&claim)
            .cloned()
            .unwrap_or_default()
    }

    /// The identity, threat actor or intrusion set made from an actor.
    fn actor_object(&self, a: ActorId) -> Option<&String> {
        self.identity_of
            .get(&a)
            .or_else(|| self.attribution_object.get(&a))
    }

    fn actors(&mut self) {
        let m = self.m;
        let implicated = &self.analysis.implicated;
        for i in self.by_id(&m.actors) {
            let a = &m.actors[i];
            let name = m.display_name(i).to_string();
            let id = self.id(i).to_string();
            let aliases = if a.aliases.is_empty() {
                Value::Null
            } else {
                json!(
                    a.aliases
                        .iter()
                        .map(|t| t.value.as_str())
                        .collect::<Vec<_>>()
                )
            };
            let description = text_of(&a.head);
            let kind = a.kind;
            let held = implicated.contains(&i);
            let own_object = match kind {
                Some(ActorKind::ThreatGroup) if held => Some(("intrusion-set", Value::Null)),
                Some(ActorKind::Persona) if held => Some(("threat-actor", json!(["unknown"]))),
                _ => None,
            };
            if let Some((stix_kind, types)) = own_object {
                let made = self.b.sdo(
                    stix_kind,
                    &id,
                    Some(i.into()),
                    fields(vec![
                        ("name", json!(name)),
                        ("description", json!(description)),
                        ("threat_actor_types", types),
                        ("aliases", aliases),
                    ]),
                );
                self.attribution_object.insert(i, made);
                continue;
            }
            let class = match kind {
                Some(ActorKind::Person) => "individual",
                Some(ActorKind::ThreatGroup | ActorKind::Persona) => "group",
                _ => "organization",
            };
            let sectors = matches!(kind, Some(ActorKind::State | ActorKind::StateOrgan))
                .then(|| json!(["government"]));
            let identity = self.b.sdo(
                "identity",
                &id,
                Some(i.into()),
                fields(vec![
                    ("name", json!(name)),
                    ("description", json!(description)),
                    ("identity_class", json!(class)),
                    ("sectors", sectors.unwrap_or(Value::Null)),
                ]),
            );
            self.identity_of.insert(i, identity.clone());
            if !held {
                continue;
            }
            let types = match kind {
                Some(ActorKind::State | ActorKind::StateOrgan) => "nation-state",
                _ => "unknown",
            };
            let ta = self.b.sdo(
                "threat-actor",
                &id,
                Some(i.into()),
                fields(vec![
                    ("name", json!(name)),
                    ("threat_actor_types", json!([types])),
                    ("aliases", aliases),
                ]),
            );
            self.b.sdo(
                "relationship",
                &format!("{id}/is"),
                None,
                fields(vec![
                    ("relationship_type", json!("attributed-to")),
                    ("source_ref", json!(ta)),
                    ("target_ref", json!(identity)),
                    (
                        "description",
                        json!(format!("The threat actor is {name} itself.")),
                    ),
                ]),
            );
            self.attribution_object.insert(i, ta);
        }
    }

    /// Attacks become campaigns with their vulnerabilities and techniques
    /// (each of those once); other events, notes on their targets.
    fn events(&mut self) {
        let m = self.m;
        for i in self.by_id(&m.events) {
            let e = &m.events[i];
            let id = self.id(i).to_string();
            if !self.analysis.attacks.contains(&i) {
                let refs: Vec<String> = ids(&e.targets)
                    .filter_map(|a| self.actor_object(a))
                    .cloned()
                    .collect();
                if refs.is_empty() {
                    continue;
                }
                let mut abstract_ = format!("context: {}", m.display_name(i));
                if let Some(d) = &e.date {
                    abstract_.push_str(&format!(" ({})", d.value));
                }
                self.b.sdo(
                    "note",
                    &id,
                    Some(i.into()),
                    fields(vec![
                        ("abstract", json!(abstract_)),
                        (
                            "content",
                            json!(text_of(&e.head).unwrap_or_else(|| id.clone())),
                        ),
                        ("object_refs", json!(refs)),
                    ]),
                );
                continue;
            }
            let first_seen = day(e.date.as_ref())
                .map(|d| json!(timestamp(d)))
                .unwrap_or(Value::Null);
            let campaign = self.b.sdo(
                "campaign",
                &id,
                Some(i.into()),
                fields(vec![
                    ("name", json!(m.display_name(i))),
                    ("description", json!(text_of(&e.head))),
                    ("first_seen", first_seen),
                ]),
            );
            self.campaign_of.insert(i, campaign.clone());
            let outside = e
                .cves
                .iter()
                .map(|v| {
                    (
                        "vulnerability",
                        "targets",
                        "cve",
                        v.value.as_str(),
                        v.value.as_str(),
                    )
                })
                .chain(e.techniques.iter().map(|t| {
                    let name = crate::vocab_data::technique_name(&t.value).unwrap_or(&t.value);
                    (
                        "attack-pattern",
                        "uses",
                        "mitre-attack",
                        t.value.as_str(),
                        name,
                    )
                }));
            for (kind, relation, registry, external_id, name) in outside {
                let target = stix_id(kind, &self.b.case, external_id);
                if self.outside.insert(target.clone()) {
                    self.b.sdo(
                        kind,
                        external_id,
                        None,
                        fields(vec![
                            ("name", json!(name)),
                            (
                                "external_references",
                                json!([{"source_name": registry, "external_id": external_id}]),
                            ),
                        ]),
                    );
                }
                self.b.sdo(
                    "relationship",
                    &format!("{id}/{relation}/{external_id}"),
                    Some(i.into()),
                    fields(vec![
                        ("relationship_type", json!(relation)),
                        ("source_ref", json!(campaign)),
                        ("target_ref", json!(target)),
                    ]),
                );
            }
        }
    }

    /// Each claimant's view of each link on a chain, and attrib's support
    /// on record for the link in a note on them.
    fn links(&mut self) {
        let (m, analysis) = (self.m, self.analysis);
        let on_chains: BTreeSet<usize> = analysis
            .chains
            .chains
            .iter()
            .flat_map(|ch| ch.links.iter().copied())
            .collect();
        for &l in &on_chains {
            let link = &analysis.links[l];
            let made = self.link_relationships(link);
            if made.is_empty() {
                continue;
            }
            for &claim in &link.all_claims() {
                for k in std::iter::once(claim).chain(analysis.current.earlier(claim)) {
                    self.relationships_of
                        .entry(k)
                        .or_default()
                        .extend(made.iter().cloned());
                }
            }
            let steps: Vec<String> = link
                .computation
                .steps
                .iter()
                .map(|s| words::step(m, &analysis.record, s))
                .collect();
            let name = format!(
                "{}/{}/{}/support",
                self.id(link.from),
                self.id(link.to),
                party_name(m, &link.party)
            );
            self.b.sdo(
                "note",
                &name,
                None,
                fields(vec![
                    (
                        "abstract",
                        json!(format!(
                            "attrib: support on record {} (the evidence in the case file, not a likelihood)",
                            words::support(link.support())
                        )),
                    ),
                    ("content", json!(steps.join("\n"))),
                    ("object_refs", json!(made)),
                ]),
            );
        }
    }

    /// `locates … in`: a location the campaign originates from.
    fn locations(&mut self) {
        let m = self.m;
        for loc in &self.analysis.locations {
            let Some(code) = m.actors[loc.place]
                .country
                .as_ref()
                .map(|c| c.value.clone())
            else {
                continue;
            };
            let place = self.id(loc.place).to_string();
            let location = stix_id("location", &self.b.case, &place);
            if self.outside.insert(location.clone()) {
                self.b.sdo(
                    "location",
                    &place,
                    None,
                    fields(vec![
                        ("name", json!(m.display_name(loc.place))),
                        ("country", json!(code)),
                    ]),
                );
            }
            let by = self.claimants(loc.claim);
            let date = day(m.claims[loc.claim].date.as_ref());
            let description = format!(
                "{} places the activity on the territory of {} without attributing it to the state ({}).",
                names(m, &by),
                m.display_name(loc.place),
                self.id(loc.claim)
            );
            for &e in &loc.events {
                let Some(campaign) = self.campaign_of.get(&e).cloned() else {
                    continue;
                };
                let name = format!(
                    "{}/{}/originates-from/{place}",
                    self.id(loc.claim),
                    self.id(e)
                );
                let author = self.author(&by);
                self.b.sdo(
                    "relationship",
                    &name,
                    Some(loc.claim.into()),
                    fields(vec![
                        ("relationship_type", json!("originates-from")),
                        ("source_ref", json!(campaign)),
                        ("target_ref", json!(location)),
                        ("created_by_ref", author),
                        (
                            "start_time",
                            date.map_or(Value::Null, |d| json!(timestamp(d))),
                        ),
                        ("description", json!(description)),
                    ]),
                );
            }
        }
    }

    /// Claims that answer claims, or attribute nothing: opinions and notes.
    fn answers(&mut self) {
        let m = self.m;
        for i in self.in_view(&m.claims) {
            let claim = &m.claims[i];
            let by = self.author(&self.claimants(i));
            let text = text_of(&claim.head).unwrap_or_else(|| self.id(i).to_string());
            for (k, s) in claim.statements.iter().enumerate() {
                let (opinion, mut refs): (Option<&str>, Vec<String>) = match s.verb {
                    Verb::Denies | Verb::Endorses | Verb::Acknowledges | Verb::Disputes => {
                        let refs = s
                            .targets
                            .iter()
                            .filter_map(|t| t.to.claim())
                            .flat_map(|t| self.relationships(t))
                            .collect();
                        let opinion = match s.verb {
                            Verb::Denies => Some("strongly-disagree"),
                            Verb::Disputes => Some("disagree"),
                            Verb::Endorses => Some("agree"),
                            _ => None,
                        };
                        (opinion, refs)
                    }
                    Verb::Condemns | Verb::Assesses => (
                        None,
                        s.targets.iter().flat_map(|t| self.b.made(t.to)).collect(),
                    ),
                    _ => continue,
                };
                refs.sort();
                refs.dedup();
                if refs.is_empty() {
                    continue;
                }
                let name = format!("{}/{k}", self.id(i));
                let fields = match opinion {
                    Some(o) => (
                        "opinion",
                        fields(vec![
                            ("opinion", json!(o)),
                            ("explanation", json!(text)),
                            ("object_refs", json!(refs)),
                            ("created_by_ref", by.clone()),
                        ]),
                    ),
                    None => (
                        "note",
                        fields(vec![
                            (
                                "abstract",
                                json!(format!(
                                    "{} ({})",
                                    self.id(i),
                                    words::statement_verb(s.verb)
                                )),
                            ),
                            ("content", json!(text)),
                            ("object_refs", json!(refs)),
                            ("created_by_ref", by.clone()),
                        ]),
                    ),
                };
                self.b.sdo(fields.0, &name, Some(i.into()), fields.1);
            }
        }
    }

    /// Evidence: a note on the relationships of the claims it bears on.
    fn evidence(&mut self) {
        let m = self.m;
        for i in self.in_view(&m.evidence) {
            let e = &m.evidence[i];
            let mut refs: Vec<String> = ids(&e.supports)
                .chain(ids(&e.contradicts))
                .flat_map(|t| self.relationships(t))
                .collect();
            refs.sort();
            refs.dedup();
            if refs.is_empty() {
                continue;
            }
            let grade = self.analysis.record.grades.get(&i);
            let class = e.class.map_or("unknown", |c| c.word());
            let disclosed = e.disclosed.as_ref().map_or("no", |d| d.value.word());
            let credibility = grade.map_or("6", |g| g.credibility.word());
            let id = self.id(i).to_string();
            self.b.sdo(
                "note",
                &id,
                Some(i.into()),
                fields(vec![
                    (
                        "abstract",
                        json!(format!(
                            "evidence {id} ({class}, credibility {credibility}, disclosed {disclosed}, grade {})",
                            grade.map_or(0, |g| g.score)
                        )),
                    ),
                    ("content", json!(text_of(&e.head).unwrap_or_else(|| id.clone()))),
                    ("object_refs", json!(refs)),
                ]),
            );
        }
    }

    /// Responses: a note on what they answer and whom they are against.
    fn responses(&mut self) {
        let m = self.m;
        for i in self.in_view(&m.responses) {
            let r = &m.responses[i];
            let mut refs: Vec<String> = Vec::new();
            for t in ids(&r.answers) {
                refs.extend(self.b.made(t));
                if let Some(c) = t.claim() {
                    refs.extend(self.relationships(c));
                }
            }
            refs.extend(ids(&r.against).filter_map(|a| self.actor_object(a).cloned()));
            refs.sort();
            refs.dedup();
            if refs.is_empty() {
                continue;
            }
            let kind = r.kind.map_or("response", |k| k.word());
            let by: Vec<ActorId> = r.by.map(|b| b.to).into_iter().collect();
            let id = self.id(i).to_string();
            let mut abstract_ = format!("response {id} ({kind}");
            if let Some(d) = &r.date {
                abstract_.push_str(&format!(", {}", d.value));
            }
            if let Some(cat) = &r.category {
                abstract_.push_str(&format!(", {}", cat.value.word()));
            }
            abstract_.push(')');
            let author = self.author(&by);
            self.b.sdo(
                "note",
                &id,
                Some(i.into()),
                fields(vec![
                    ("abstract", json!(abstract_)),
                    (
                        "content",
                        json!(text_of(&r.head).unwrap_or_else(|| id.clone())),
                    ),
                    ("object_refs", json!(refs)),
                    ("created_by_ref", author),
                ]),
            );
        }
    }

    /// A report per source, of the objects made from what cites it, with
    /// the source's reliability.
    fn reports(&mut self) {
        let m = self.m;
        let mut citing: BTreeMap<SourceId, Vec<Node>> = BTreeMap::new();
        for j in m.nodes() {
            if !self.analysis.view.includes(j) {
                continue;
            }
            let cites = match j {
                Node::Claim(c) => &m.claims[c].sources,
                Node::Evidence(e) => &m.evidence[e].sources,
                Node::Event(e) => &m.events[e].sources,
                Node::Response(r) => &m.responses[r].sources,
                Node::Actor(a) => &m.actors[a].sources,
                _ => continue,
            };
            let sources: BTreeSet<SourceId> = ids(cites).collect();
            for s in sources {
                citing.entry(s).or_default().push(j);
            }
        }
        for i in self.by_id(&m.sources) {
            let s = &m.sources[i];
            let mut refs: BTreeSet<String> = BTreeSet::new();
            let mut latest_cited: Option<i64> = None;
            for &j in citing.get(&i).into_iter().flatten() {
                refs.extend(self.b.made(j));
                if let Some(c) = j.claim() {
                    refs.extend(self.relationships(c));
                }
                let date = match j {
                    Node::Claim(_) | Node::Event(_) | Node::Response(_) => day(m.date(j)),
                    _ => None,
                };
                latest_cited = latest_cited.max(date);
            }
            if refs.is_empty() {
                continue;
            }
            let (published, derived) = match (day(s.published.as_ref()), latest_cited) {
                (Some(p), _) => (p, false),
                (None, Some(d)) => (d, true),
                (None, None) => (self.latest, true),
            };
            let mut description = text_of(&s.head).unwrap_or_default();
            if let Some(p) = &s.publisher {
                description = format!("Published by {}. {description}", p.value)
                    .trim()
                    .to_string();
            }
            let reliability = s.reliability;
            if let Some(r) = reliability {
                description.push_str(&format!(
                    " Source reliability (Admiralty scale, the case author's grading): {} — {}.",
                    r.word(),
                    r.meaning()
                ));
            }
            if derived {
                description.push_str(" The case records no publication date: `published` is set to the latest date of what the source reports.");
            }
            let labels = reliability
                .map(|r| json!([format!("admiralty-reliability-{}", r.word().to_lowercase())]));
            // STIX asks for a hash with every `url`; attrib holds no copy of
            // the page to hash, so the address goes into the description.
            let mut external = Map::new();
            external.insert(
                "source_name".into(),
                json!(
                    s.publisher
                        .as_ref()
                        .map_or(self.id(i), |p| p.value.as_str())
                ),
            );
            let mut what = vec![m.display_name(i).to_string()];
            if let Some(u) = &s.url {
                what.push(u.value.clone());
            }
            external.insert("description".into(), json!(what.join(" — ")));
            let id = self.id(i).to_string();
            self.b.sdo(
                "report",
                &id,
                None,
                fields(vec![
                    ("name", json!(m.display_name(i))),
                    ("description", json!(description.trim())),
                    ("published", json!(timestamp(published))),
                    ("report_types", json!(["threat-actor"])),
                    ("labels", labels.unwrap_or(Value::Null)),
                    ("object_refs", json!(refs.into_iter().collect::<Vec<_>>())),
                    ("external_references", json!([Value::Object(external)])),
                ]),
            );
        }
    }
    /// The relationships of one link: one per current claim (the claimant's
    /// view), or one for a structural relation. Returns their ids.
    fn link_relationships(&mut self, link: &Link) -> Vec<String> {
        let m = self.m;
        let id = |i: Node| m.name(i);
        let (campaign_of, identity_of, attribution_object) = (
            &self.campaign_of,
            &self.identity_of,
            &self.attribution_object,
        );
        let source = match link.from {
            Node::Event(e) => campaign_of.get(&e),
            Node::Actor(a) => attribution_object.get(&a),
            _ => None,
        };
        let source_type = source.map(|s| s.split("--").next().unwrap_or("").to_string());
        let target = match source_type.as_deref() {
            Some("threat-actor") => identity_of
                .get(&link.to)
                .or_else(|| attribution_object.get(&link.to)),
            _ => attribution_object.get(&link.to),
        };
        let (Some(source), Some(target)) = (source.cloned(), target.cloned()) else {
            return Vec::new();
        };
        let target_type = target.split("--").next().unwrap_or("");
        let suggested = matches!(
            (source_type.as_deref().unwrap_or(""), target_type),
            ("campaign", "intrusion-set" | "threat-actor")
                | ("intrusion-set", "threat-actor")
                | ("threat-actor", "identity")
        );
        let kind = if suggested {
            "attributed-to"
        } else {
            "related-to"
        };
        let what = if link.roles.is_empty() {
            link.relation().word().to_string()
        } else {
            link.roles
                .iter()
                .map(|r| r.word())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let weak = if link.weaknesses.is_empty() {
            String::new()
        } else {
            let w: Vec<&str> = link.weaknesses.iter().map(|w| w.word()).collect();
            format!(" Weak: {}.", w.join(", "))
        };
        let from_name = m.display_name(link.from);
        let to_name = m.display_name(link.to);
        let mut out = Vec::new();
        if let Relation::Structure(s) = link.relation() {
            let per: Vec<&str> = link.per.iter().map(|&p| m.name(p)).collect();
            let mut description = format!(
                "{from_name} → {to_name}: {} (a relation declared in the case",
                s.word()
            );
            if !per.is_empty() {
                description.push_str(&format!(", per {}", per.join(", ")));
            }
            description.push_str(").");
            out.push(self.b.sdo(
                "relationship",
                &format!("{}/{}/{kind}", id(link.from), m.name(link.to)),
                None,
                fields(vec![
                    ("relationship_type", json!(kind)),
                    ("source_ref", json!(source)),
                    ("target_ref", json!(target)),
                    ("description", json!(description)),
                ]),
            ));
            return out;
        }
        for &claim in &link.all_claims() {
            let c = &m.claims[claim];
            let by = self.claimants(claim);
            let own = link.self_claims.contains(&claim) && !link.claims.contains(&claim);
            let date = day(c.date.as_ref());
            let stated = c.confidence.as_ref();
            let mut description = if own {
                format!(
                    "{} claims {from_name} itself ({}",
                    names(m, &by),
                    m.name(claim)
                )
            } else {
                format!(
                    "{} attributes {from_name} to {to_name} as {what} ({}",
                    names(m, &by),
                    m.name(claim)
                )
            };
            if let Some(d) = &c.date {
                description.push_str(&format!(", {}", d.value));
            }
            description.push_str(").");
            if let Some(s) = stated {
                match &s.words {
                    Some(w) => description.push_str(&format!(
                        " Stated confidence (the claimant's): {} \"{}\".",
                        s.term.value, w.value
                    )),
                    None => description.push_str(&format!(
                        " Stated confidence (the claimant's): {}.",
                        s.term.value
                    )),
                }
            }
            if let Some(u) = &c.head.unconfirmed {
                description.push_str(&format!(" Unconfirmed: {}", u.value));
            }
            if let Some(r) = &c.revises {
                description.push_str(&format!(" Revises {}.", m.name(r.to)));
            }
            description.push_str(&weak);
            out.push(self.b.sdo(
                "relationship",
                &format!(
                    "{}/{}/{}/{kind}",
                    m.name(claim),
                    id(link.from),
                    m.name(link.to)
                ),
                Some(claim.into()),
                fields(vec![
                    ("relationship_type", json!(kind)),
                    ("source_ref", json!(source)),
                    ("target_ref", json!(target)),
                    (
                        "confidence",
                        stated.map_or(Value::Null, |s| json!(stated_value(s.term.value))),
                    ),
                    (
                        "start_time",
                        date.map_or(Value::Null, |d| json!(timestamp(d))),
                    ),
                    ("description", json!(description)),
                    (
                        "created_by_ref",
                        if own { Value::Null } else { self.author(&by) },
                    ),
                ]),
            ));
        }
        out
    }
}

fn party_name(m: &Model, party: &[ActorId]) -> String {
    party
        .iter()
        .map(|&p| m.name(p))
        .collect::<Vec<_>>()
        .join("+")
}

/// "Microsoft", "FBI and CISA".
fn names(m: &Model, actors: &[ActorId]) -> String {
    let names: Vec<&str> = actors.iter().map(|&a| m.display_name(a)).collect();
    match names.as_slice() {
        [] => "someone".into(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn finish(case: &str, objects: Vec<Value>) -> String {
    let bundle = json!({
        "type": "bundle",
        "id": stix_id("bundle", case, case),
        "objects": objects,
    });
    serde_json::to_string_pretty(&bundle).expect("bundle serialises")
}
