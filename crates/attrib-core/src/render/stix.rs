//! `attrib export --format stix`: a STIX 2.1 bundle, read from the analysed
//! model (mapping documented in `docs/stix.md`).
//!
//! - The case is one `report` that holds every other object, and whose
//!   external references are the sources cited: MISP makes one event of it.
//! - Parties that chains hold responsible or pass through become
//!   `intrusion-set` (threat groups) or `threat-actor` (personas, states,
//!   organs and others); every other actor — claimants, victims, officials —
//!   is an `identity` only. A state, organ or other actor that is both
//!   keeps its `identity` and gets a `threat-actor` `attributed-to` it.
//! - Only attacks become campaigns: events that a chain starts from or that
//!   a claim condemns, assesses or locates, or whose kind is not `other`.
//!   Other events (context: a relocation, a postponed summit) become notes.
//! - Each claimant's view of each chain link is its own `relationship`:
//!   `created_by_ref` the claimant, `start_time` the first claim of its
//!   chain of revisions, its own description, and STIX `confidence` = the
//!   claimant's *stated* confidence, mapped. Each claim that makes
//!   relationships is also a `note` by its claimant that holds them, so
//!   that a platform that merges relationships by type, source, target and
//!   time (OpenCTI) still keeps each claimant's attribution apart. attrib's
//!   support on record and its computation go in a `note` on the link's
//!   relationships.
//! - `locates … in` → a `location` the campaign `originates-from`.
//! - Denials, disputes and endorsements → `opinion`; acknowledgements,
//!   condemnations and assessments → `note`; evidence and responses → `note`.
//!   Every note and opinion also names the case's report.
//! - Each source → an external reference (publisher, address or id,
//!   title, publication date as written, Admiralty reliability) on every
//!   object made from what cites it.
//!
//! Ids are deterministic: the UUID is derived from the case id and a name
//! made of declaration ids and words (never of a position), the way UUIDv5
//! is (SHA-1 over a namespace and a name), then stamped version 4, as STIX
//! 2.1 recommends for domain objects. A re-export of the same file is
//! byte-identical, whatever the order of its declarations or of the fields
//! inside them.

use super::words;
use crate::analysis::support::stated_value;
use crate::analysis::{Analysis, Link, Relation};
use crate::compile::Compilation;
use crate::date::Date;
use crate::model::*;
use crate::vocab::ActorKind;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// A date as a timestamp on the first day it may mean, and whether that day
/// is the date itself (not so for a year, a month, `~` or a range).
fn first_day(d: &Date) -> (i64, bool) {
    let (first, last) = d.interval();
    (first, first == last)
}

/// " `FIELD` is the first day that DATE may mean." for a date that is not
/// one exact day, else nothing: a timestamp never claims more precision
/// than the case gives without saying so.
fn first_day_note(field: &str, d: &Date) -> String {
    if first_day(d).1 {
        String::new()
    } else {
        format!(" `{field}` is the first day that {d} may mean.")
    }
}

struct Builder {
    case: String,
    /// One timestamp for `created`/`modified`: the last day that the latest
    /// date in the case may mean.
    stamp: String,
    /// The case's report: every note and opinion names it.
    report: String,
    objects: Vec<Value>,
    /// STIX id → its index in `objects`.
    index: HashMap<String, usize>,
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
        let created = fields
            .remove("created")
            .unwrap_or_else(|| json!(self.stamp));
        // Never modified before it was created: an opinion made on the
        // stamp's own day is created a few milliseconds after its midnight.
        let modified = match created.as_str() {
            Some(c) if c > self.stamp.as_str() => created.clone(),
            _ => json!(self.stamp),
        };
        obj.insert("created".into(), created);
        obj.insert("modified".into(), modified);
        if matches!(kind, "note" | "opinion")
            && let Some(Value::Array(refs)) = fields.get_mut("object_refs")
        {
            refs.push(json!(self.report));
        }
        obj.append(&mut fields);
        self.index.insert(id.clone(), self.objects.len());
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

/// A declaration's summary, quotes (in the order of their words, not of
/// the fields) and unconfirmed note, as one text.
fn text_of(head: &Head) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &head.summary {
        parts.push(s.value.clone());
    }
    let mut quotes: Vec<&str> = head.quotes.iter().map(|q| q.value.as_str()).collect();
    quotes.sort_unstable();
    quotes.dedup();
    for q in quotes {
        parts.push(format!("\"{q}\""));
    }
    if let Some(u) = &head.unconfirmed {
        parts.push(format!("Unconfirmed: {}", u.value));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A note's content: its first line says what it is about (a platform may
/// show the note apart from what it names), then the declaration's text.
fn content(first: &str, head: &Head) -> String {
    match text_of(head) {
        Some(t) => format!("{first}\n{t}"),
        None => first.to_string(),
    }
}

fn fields(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// The STIX 2.1 bundle of a compiled case, as pretty JSON.
pub fn bundle(c: &Compilation) -> String {
    let m = &c.model;
    let case = c.case_id().unwrap_or("case").to_string();
    // The latest date in the case, and the last day it may mean: nothing is
    // stamped before what it describes.
    let latest = m
        .nodes()
        .filter(|n| {
            matches!(
                n,
                Node::Event(_) | Node::Claim(_) | Node::Response(_) | Node::Source(_)
            )
        })
        .filter_map(|n| m.date(n).map(|d| (d.value.interval().1, d.value)))
        .max_by_key(|&(last, d)| (last, d.interval().0, d.to_string()));
    let b = Builder {
        case: case.clone(),
        stamp: timestamp(latest.map_or(0, |(last, _)| last)),
        report: stix_id("report", &case, &case),
        objects: Vec::new(),
        index: HashMap::new(),
        made: BTreeMap::new(),
    };
    let mut x = Export {
        m,
        analysis: &c.analysis,
        b,
        latest: latest.map(|(_, d)| d),
        identity_of: BTreeMap::new(),
        attribution_object: BTreeMap::new(),
        campaign_of: BTreeMap::new(),
        relationships_of: BTreeMap::new(),
        said: BTreeMap::new(),
        cited_by_structure: Vec::new(),
        outside: BTreeSet::new(),
        opinion_times: BTreeSet::new(),
    };
    x.actors();
    x.events();
    x.links();
    x.locations();
    x.claims();
    x.answers();
    x.evidence();
    x.responses();
    let cited = x.sources();
    x.case_report(&cited);
    finish(&case, x.b.objects)
}

/// The export's state: what was made from what.
struct Export<'a> {
    m: &'a Model,
    analysis: &'a Analysis,
    b: Builder,
    /// The latest date in the case (by the last day it may mean).
    latest: Option<Date>,
    identity_of: BTreeMap<ActorId, String>,
    /// The threat actor or intrusion set made from an implicated actor.
    attribution_object: BTreeMap<ActorId, String>,
    campaign_of: BTreeMap<EventId, String>,
    /// Claim → the relationships made from it (and from the claims it revises).
    relationships_of: BTreeMap<ClaimId, Vec<String>>,
    /// Relationship made from a claim → what it says, for the claim's note.
    said: BTreeMap<String, String>,
    /// Structural relationships and the sources that state them.
    cited_by_structure: Vec<(String, Vec<SourceId>)>,
    /// Objects made once for the whole bundle (vulnerabilities, techniques, locations).
    outside: BTreeSet<String>,
    /// (opinion, created) pairs taken: OpenCTI keeps one opinion per pair.
    opinion_times: BTreeSet<(&'static str, String)>,
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

    /// Claim ids, by id, as a list in words.
    fn claim_list(&self, claims: impl Iterator<Item = ClaimId>) -> String {
        let mut v: Vec<ClaimId> = claims.collect();
        self.m.sort_by_name(&mut v);
        v.iter().map(|&c| self.id(c)).collect::<Vec<_>>().join(", ")
    }

    /// The identity, threat actor or intrusion set made from an actor.
    fn actor_object(&self, a: ActorId) -> Option<&String> {
        self.identity_of
            .get(&a)
            .or_else(|| self.attribution_object.get(&a))
    }

    /// The first claim of a claim's chain of revisions (the earliest dated
    /// of the claim and those it revises, then by id).
    fn first_of_chain(&self, claim: ClaimId) -> ClaimId {
        let m = self.m;
        std::iter::once(claim)
            .chain(self.analysis.current.earlier(claim))
            .filter_map(|c| {
                m.claims[c]
                    .date
                    .as_ref()
                    .map(|d| (first_day(&d.value).0, c))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| m.name(a.1).cmp(m.name(b.1))))
            .map_or(claim, |(_, c)| c)
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
                let mut v: Vec<&str> = a.aliases.iter().map(|t| t.value.as_str()).collect();
                v.sort_unstable();
                v.dedup();
                json!(v)
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
                let mut refs: Vec<String> = ids(&e.targets)
                    .filter_map(|a| self.actor_object(a))
                    .cloned()
                    .collect();
                refs.sort();
                refs.dedup();
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
                        ("content", json!(content(&abstract_, &e.head))),
                        ("object_refs", json!(refs)),
                    ]),
                );
                continue;
            }
            let (first_seen, mut description) = match &e.date {
                Some(d) => (
                    json!(timestamp(first_day(&d.value).0)),
                    first_day_note("first_seen", &d.value),
                ),
                None => (Value::Null, String::new()),
            };
            if let Some(t) = text_of(&e.head) {
                description = format!("{t}\n{}", description.trim_start());
            }
            let campaign = self.b.sdo(
                "campaign",
                &id,
                Some(i.into()),
                fields(vec![
                    ("name", json!(m.display_name(i))),
                    (
                        "description",
                        json!(Some(description.trim().to_string()).filter(|d| !d.is_empty())),
                    ),
                    ("first_seen", first_seen),
                ]),
            );
            self.campaign_of.insert(i, campaign.clone());
            let mut outside: Vec<(&str, &str, &str, &str, &str)> = e
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
                }))
                .collect();
            outside.sort_unstable();
            outside.dedup();
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
            let mut about = format!(
                "Support on record for {} → {}",
                m.display_name(link.from),
                m.display_name(link.to)
            );
            if !link.party.is_empty() {
                about.push_str(&format!(", as {} attribute it", names(m, &link.party)));
            }
            about.push(':');
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
                    (
                        "content",
                        json!(std::iter::once(about).chain(steps).collect::<Vec<_>>().join("\n")),
                    ),
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
            let date = m.claims[loc.claim].date.as_ref().map(|d| &d.value);
            let mut description = format!(
                "{} places the activity on the territory of {} without attributing it to the state ({}",
                names(m, &by),
                m.display_name(loc.place),
                self.id(loc.claim)
            );
            if let Some(d) = date {
                description.push_str(&format!(", {d}"));
            }
            description.push_str(").");
            if let Some(d) = date {
                description.push_str(&first_day_note("start_time", d));
            }
            let mut events = loc.events.clone();
            self.m.sort_by_name(&mut events);
            for e in events {
                let Some(campaign) = self.campaign_of.get(&e).cloned() else {
                    continue;
                };
                let name = format!(
                    "{}/{}/originates-from/{place}",
                    self.id(loc.claim),
                    self.id(e)
                );
                let author = self.author(&by);
                let made = self.b.sdo(
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
                            date.map_or(Value::Null, |d| json!(timestamp(first_day(d).0))),
                        ),
                        ("description", json!(description)),
                    ]),
                );
                self.said.insert(made, description.clone());
            }
        }
    }

    /// Each claim that made relationships: a note by its claimant that
    /// holds them and says what the claim says, so that each claimant's
    /// view stays apart where relationships merge.
    fn claims(&mut self) {
        let m = self.m;
        for i in self.in_view(&m.claims) {
            let rels: Vec<String> = self
                .b
                .made(i.into())
                .into_iter()
                .filter(|r| self.said.contains_key(r))
                .collect();
            if rels.is_empty() {
                continue;
            }
            let c = &m.claims[i];
            let by = self.claimants(i);
            let mut abstract_ = format!("claim {} by {}", self.id(i), names(m, &by));
            if let Some(d) = &c.date {
                abstract_.push_str(&format!(" ({})", d.value));
            }
            let mut lines: Vec<&str> = rels.iter().map(|r| self.said[r].as_str()).collect();
            lines.dedup();
            let first = format!("{abstract_}\n{}", lines.join("\n"));
            // The note has the author its relationships have: none for a claim
            // of responsibility by the actors themselves.
            let author = rels
                .iter()
                .find_map(|r| {
                    self.b.objects[self.b.index[r]]
                        .get("created_by_ref")
                        .cloned()
                })
                .unwrap_or(Value::Null);
            let stated = c.confidence.as_ref();
            self.b.sdo(
                "note",
                m.name(i),
                Some(i.into()),
                fields(vec![
                    ("abstract", json!(abstract_)),
                    ("content", json!(content(&first, &c.head))),
                    ("object_refs", json!(rels)),
                    (
                        "confidence",
                        stated.map_or(Value::Null, |s| json!(stated_value(s.term.value))),
                    ),
                    ("created_by_ref", author),
                ]),
            );
        }
    }

    /// Claims that answer claims, or attribute nothing: an opinion or a note
    /// per claim and verb.
    fn answers(&mut self) {
        let m = self.m;
        for i in self.in_view(&m.claims) {
            let claim = &m.claims[i];
            let claimants = self.claimants(i);
            let by = self.author(&claimants);
            let mut said: BTreeMap<Verb, (Vec<String>, BTreeSet<Node>)> = BTreeMap::new();
            for s in &claim.statements {
                let refs: Vec<String> = match s.verb {
                    Verb::Denies | Verb::Endorses | Verb::Acknowledges | Verb::Disputes => s
                        .targets
                        .iter()
                        .filter_map(|t| t.to.claim())
                        .flat_map(|t| self.relationships(t))
                        .collect(),
                    Verb::Condemns | Verb::Assesses => {
                        s.targets.iter().flat_map(|t| self.b.made(t.to)).collect()
                    }
                    _ => continue,
                };
                let entry = said.entry(s.verb).or_default();
                entry.0.extend(refs);
                entry.1.extend(s.targets.iter().map(|t| t.to));
            }
            for (verb, (mut refs, targets)) in said {
                refs.sort();
                refs.dedup();
                if refs.is_empty() {
                    continue;
                }
                let mut targets: Vec<Node> = targets.into_iter().collect();
                m.sort_by_name(&mut targets);
                let named: Vec<&str> = targets.iter().map(|&t| m.display_name(t)).collect();
                let mut first = format!(
                    "{} {} {} ({}",
                    names(m, &claimants),
                    words::statement_verb(verb),
                    named.join(", "),
                    self.id(i)
                );
                if let Some(d) = &claim.date {
                    first.push_str(&format!(", {}", d.value));
                }
                first.push_str(").");
                let name = format!("{}/{}", self.id(i), verb.keyword());
                let opinion = match verb {
                    Verb::Denies => Some("strongly-disagree"),
                    Verb::Disputes => Some("disagree"),
                    Verb::Endorses => Some("agree"),
                    _ => None,
                };
                if let Some(o) = opinion {
                    let created = self.opinion_created(o, &name, claim.date.as_ref());
                    self.b.sdo(
                        "opinion",
                        &name,
                        Some(i.into()),
                        fields(vec![
                            ("created", created),
                            ("opinion", json!(o)),
                            ("explanation", json!(content(&first, &claim.head))),
                            ("object_refs", json!(refs)),
                            ("created_by_ref", by.clone()),
                        ]),
                    );
                } else {
                    self.b.sdo(
                        "note",
                        &name,
                        Some(i.into()),
                        fields(vec![
                            (
                                "abstract",
                                json!(format!("{} ({})", self.id(i), words::statement_verb(verb))),
                            ),
                            ("content", json!(content(&first, &claim.head))),
                            ("object_refs", json!(refs)),
                            ("created_by_ref", by.clone()),
                        ]),
                    );
                }
            }
        }
    }

    /// An opinion's `created`: the first day its claim may have been made
    /// (the stamp's day for an undated claim), at midnight and a number of milliseconds drawn from its name (the same
    /// milliseconds a second later, and so on, when two would meet). OpenCTI
    /// identifies an opinion by its value and its `created` alone, so two
    /// claimants who agree on the same day would otherwise become one.
    fn opinion_created(
        &mut self,
        opinion: &'static str,
        name: &str,
        date: Option<&crate::span::Spanned<Date>>,
    ) -> Value {
        const DAY_MS: u64 = 86_400_000;
        // An undated claim's opinion: the day of the bundle's stamp.
        let day = date.map_or_else(
            || self.b.stamp[..10].to_string(),
            |d| crate::date::iso_from_days(first_day(&d.value).0),
        );
        let digest = uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes());
        let ms = u64::from(u16::from_be_bytes([digest.as_bytes()[0], digest.as_bytes()[1]]) % 1000);
        // A day holds 86,400 seconds: more opinions of one value on one day
        // than that cannot fit in a case file, and each step is a new time.
        for k in 0..DAY_MS {
            let at = (ms + 1000 * k + k / 86_400) % DAY_MS;
            let created = format!(
                "{day}T{:02}:{:02}:{:02}.{:03}Z",
                at / 3_600_000,
                at / 60_000 % 60,
                at / 1000 % 60,
                at % 1000
            );
            if self.opinion_times.insert((opinion, created.clone())) {
                return json!(created);
            }
        }
        Value::Null
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
            let abstract_ = format!(
                "evidence {id} ({class}, credibility {credibility}, disclosed {disclosed}, grade {})",
                grade.map_or(0, |g| g.score)
            );
            let mut first = abstract_.clone();
            if !e.supports.is_empty() {
                first.push_str(&format!("; supports {}", self.claim_list(ids(&e.supports))));
            }
            if !e.contradicts.is_empty() {
                first.push_str(&format!(
                    "; contradicts {}",
                    self.claim_list(ids(&e.contradicts))
                ));
            }
            first.push('.');
            self.b.sdo(
                "note",
                &id,
                Some(i.into()),
                fields(vec![
                    ("abstract", json!(abstract_)),
                    ("content", json!(content(&first, &e.head))),
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
            let mut first = abstract_.clone();
            if !by.is_empty() {
                first.push_str(&format!(" by {}", names(m, &by)));
            }
            let mut against: Vec<ActorId> = ids(&r.against).collect();
            m.sort_by_name(&mut against);
            if !against.is_empty() {
                first.push_str(&format!(", against {}", names(m, &against)));
            }
            let mut answers: Vec<Node> = ids(&r.answers).collect();
            m.sort_by_name(&mut answers);
            if !answers.is_empty() {
                let named: Vec<&str> = answers.iter().map(|&a| m.display_name(a)).collect();
                first.push_str(&format!(", answering {}", named.join(", ")));
            }
            first.push('.');
            let author = self.author(&by);
            self.b.sdo(
                "note",
                &id,
                Some(i.into()),
                fields(vec![
                    ("abstract", json!(abstract_)),
                    ("content", json!(content(&first, &r.head))),
                    ("object_refs", json!(refs)),
                    ("created_by_ref", author),
                ]),
            );
        }
    }

    /// A source as an external reference: OpenCTI keys it on `source_name`
    /// and `external_id` (the address, or the case's id of the source when
    /// the case gives none); STIX asks for a hash of the page with every
    /// `url`, and attrib holds no copy of the page to hash.
    fn reference(&self, i: SourceId) -> Value {
        let m = self.m;
        let s = &m.sources[i];
        let id = self.id(i);
        let mut what: Vec<String> = Vec::new();
        if let Some(t) = &s.title {
            what.push(format!("\"{}\"", t.value));
        }
        match &s.published {
            Some(p) => what.push(format!("published {}", p.value)),
            None => what.push("publication date not recorded".into()),
        }
        if let Some(r) = s.reliability {
            what.push(format!(
                "source reliability {} ({}; Admiralty scale, the case author's grading)",
                r.word(),
                r.meaning()
            ));
        }
        what.push(format!("attrib source {id}"));
        json!({
            "source_name": s.publisher.as_ref().map_or(id, |p| p.value.as_str()),
            "external_id": self.external_id(i),
            "description": what.join("; "),
        })
    }

    fn external_id(&self, i: SourceId) -> String {
        let s = &self.m.sources[i];
        s.url.as_ref().map_or_else(
            || format!("{}/{}", self.b.case, self.id(i)),
            |u| u.value.clone(),
        )
    }

    /// Every object made from a declaration that cites sources gets them as
    /// external references. Returns the sources cited, by id.
    fn sources(&mut self) -> Vec<SourceId> {
        let m = self.m;
        let mut on: BTreeMap<String, BTreeSet<SourceId>> = BTreeMap::new();
        for (&node, made) in &self.b.made {
            let cites = match node {
                Node::Claim(c) => &m.claims[c].sources,
                Node::Evidence(e) => &m.evidence[e].sources,
                Node::Event(e) => &m.events[e].sources,
                Node::Response(r) => &m.responses[r].sources,
                Node::Actor(a) => &m.actors[a].sources,
                _ => continue,
            };
            for id in made {
                on.entry(id.clone()).or_default().extend(ids(cites));
            }
        }
        for (id, per) in &self.cited_by_structure {
            on.entry(id.clone())
                .or_default()
                .extend(per.iter().copied());
        }
        let mut cited: Vec<SourceId> = on.values().flatten().copied().collect();
        m.sort_by_name(&mut cited);
        let refs: BTreeMap<SourceId, Value> =
            cited.iter().map(|&s| (s, self.reference(s))).collect();
        for (id, sources) in on {
            let mut sources: Vec<SourceId> = sources.into_iter().collect();
            m.sort_by_name(&mut sources);
            if sources.is_empty() {
                continue;
            }
            let list: Vec<Value> = sources.iter().map(|s| refs[s].clone()).collect();
            let k = self.b.index[&id];
            if let Value::Object(o) = &mut self.b.objects[k] {
                o.insert("external_references".into(), json!(list));
            }
        }
        cited
    }

    /// The case: one report of every object, its sources as external
    /// references and, for a reader of the description alone (MISP keeps it
    /// as the event's report), listed there too. Put first in the bundle.
    fn case_report(&mut self, cited: &[SourceId]) {
        let m = self.m;
        if self.b.objects.is_empty() {
            return;
        }
        let refs: Vec<Value> = self.b.objects.iter().map(|o| o["id"].clone()).collect();
        let header = m.header();
        let name = header.map_or(self.b.case.clone(), |h| {
            h.title
                .as_ref()
                .map_or(h.head.name.clone(), |t| t.value.clone())
        });
        let mut description = header
            .and_then(|h| text_of(&h.head))
            .unwrap_or_else(|| name.clone());
        description.push_str(&format!(
            "\n\nThe case {} as compiled by attrib: who attributed what to whom, when, and on what record. Each claimant's attribution is its own relationship, and a note by the claimant holds it.",
            self.b.case
        ));
        if let Some(d) = &self.latest {
            description.push_str(&format!(
                " `published` is the last day that the latest date in the case, {d}, may mean: the report is never dated before what it reports."
            ));
        }
        if !cited.is_empty() {
            description.push_str("\n\nSources:");
            for &s in cited {
                let r = self.reference(s);
                description.push_str(&format!(
                    "\n- {}: {} ({}).",
                    r["source_name"].as_str().unwrap_or_default(),
                    r["external_id"].as_str().unwrap_or_default(),
                    r["description"].as_str().unwrap_or_default(),
                ));
            }
        }
        let external: Vec<Value> = cited.iter().map(|&s| self.reference(s)).collect();
        let case = self.b.case.clone();
        self.b.sdo(
            "report",
            &case,
            None,
            fields(vec![
                ("name", json!(name)),
                ("description", json!(description)),
                ("published", json!(self.b.stamp)),
                ("report_types", json!(["threat-actor"])),
                ("object_refs", json!(refs)),
                (
                    "external_references",
                    if external.is_empty() {
                        Value::Null
                    } else {
                        json!(external)
                    },
                ),
            ]),
        );
        // First: a consumer that follows references from the report
        // (OpenCTI's splitter) meets every object through it.
        let report = self.b.objects.pop().expect("the report was just made");
        self.b.objects.insert(0, report);
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
            let mut per: Vec<SourceId> = link.per.clone();
            m.sort_by_name(&mut per);
            let per_names: Vec<&str> = per.iter().map(|&p| m.name(p)).collect();
            let mut description = format!(
                "{from_name} → {to_name}: {} (a relation declared in the case",
                s.word()
            );
            if !per_names.is_empty() {
                description.push_str(&format!(", per {}", per_names.join(", ")));
            }
            description.push_str(").");
            let made = self.b.sdo(
                "relationship",
                &format!("{}/{}/{kind}", id(link.from), m.name(link.to)),
                None,
                fields(vec![
                    ("relationship_type", json!(kind)),
                    ("source_ref", json!(source)),
                    ("target_ref", json!(target)),
                    ("description", json!(description)),
                ]),
            );
            self.cited_by_structure.push((made.clone(), per));
            out.push(made);
            return out;
        }
        for &claim in &link.all_claims() {
            let c = &m.claims[claim];
            let by = self.claimants(claim);
            let own = link.self_claims.contains(&claim) && !link.claims.contains(&claim);
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
            // The relationship starts when the first claim of its chain of
            // revisions was made.
            let first = self.first_of_chain(claim);
            let start = m.claims[first].date.as_ref().map(|d| &d.value);
            if first != claim
                && let Some(d) = start
            {
                description.push_str(&format!(
                    " The claimant has held it since {} ({d}), the first claim of this chain of revisions: `start_time` is its date.",
                    m.name(first)
                ));
            }
            if let Some(d) = start {
                description.push_str(&first_day_note("start_time", d));
            }
            description.push_str(&weak);
            let made = self.b.sdo(
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
                        start.map_or(Value::Null, |d| json!(timestamp(first_day(d).0))),
                    ),
                    ("description", json!(description)),
                    (
                        "created_by_ref",
                        if own { Value::Null } else { self.author(&by) },
                    ),
                ]),
            );
            self.said.insert(made.clone(), description);
            out.push(made);
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
