//! The research outputs: `compare` (table, CSV, JSON), `graph` (DOT,
//! Mermaid) and `export --format stix`, on the real cases.
//! The outside tools themselves (Graphviz, stix2-validator) are run by
//! `scripts/conformance`; these tests need only the Rust toolchain.

use attrib_core::render::{compare, graph, stix};
use attrib_core::{Compilation, compile};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::common;

fn cases() -> Vec<(PathBuf, Compilation)> {
    common::case_files("cases")
        .into_iter()
        .map(|p| {
            let c = compile(&std::fs::read_to_string(&p).unwrap());
            (p, c)
        })
        .collect()
}

fn records() -> Vec<attrib_core::compare::CaseRecord> {
    cases()
        .iter()
        .map(|(_, c)| attrib_core::compare::record(c))
        .collect()
}

#[test]
fn the_table_fits_a_100_column_terminal() {
    let table = compare::table(&records(), 100);
    for line in table.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    insta::assert_snapshot!("compare-table", table);
}

#[test]
fn csv_has_one_record_per_case_under_one_header() {
    let records = records();
    let text = compare::csv(&records);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "case_id");
    for name in [
        "start_date",
        "attribution_date",
        "time_to_attribution_min",
        "time_to_attribution_max",
        "support_states",
        "support_all",
        "support_without_key_item",
        "first_attribution_official",
        "first_attribution_unofficial",
        "counter_measures",
        "strongest_response_rank",
        "attributed_initiator_country",
        "attributed_initiator_country_iso",
        "vendor_attributed_initiator_name",
        "attribution_date_earliest",
        "attribution_date_latest",
        "start_date_approximate",
        "located_in",
        "evidence_malware",
        "response_severance",
    ] {
        assert!(header.iter().any(|h| h == name), "no column {name}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(&records) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[0], r.case_id);
    }
}

#[test]
fn json_is_an_array_of_records() {
    let records = records();
    let v: Value = serde_json::from_str(&compare::json(&records)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), records.len());
}

/// CSV and JSON carry the same variables under the same names, in the
/// same order.
#[test]
fn csv_and_json_have_the_same_columns() {
    let records = records();
    let text = compare::csv(&records);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let json = compare::json(&records);
    let v: Value = serde_json::from_str(&json).unwrap();
    for row in v.as_array().unwrap() {
        let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        let mut sorted_header = header.clone();
        sorted_header.sort();
        let mut sorted_keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        sorted_keys.sort();
        assert_eq!(sorted_keys, sorted_header);
    }
    // The JSON text lists them in the CSV's order.
    let first = json.find('{').unwrap();
    let mut at = first;
    for name in &header {
        let found = json[at..]
            .find(&format!("\"{name}\":"))
            .unwrap_or_else(|| panic!("{name} out of order"));
        at += found;
    }
}

/// A cell that a spreadsheet would run as a formula is written as text.
#[test]
fn csv_cells_never_start_a_formula() {
    let mut r = attrib_core::compare::CaseRecord::empty();
    r.case_id = "x".into();
    r.title = "=HYPERLINK(\"http://example.org\",\"click\")".into();
    r.stated_confidence_words = Some("+cmd|' /C calc'!A0".into());
    r.attributing_actor = vec!["@SUM(1+1)".into(), "-2+3".into()];
    let text = compare::csv(&[r]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(
        cell("title"),
        "'=HYPERLINK(\"http://example.org\",\"click\")"
    );
    assert_eq!(cell("stated_confidence_words"), "'+cmd|' /C calc'!A0");
    assert_eq!(cell("attributing_actor"), "'@SUM(1+1); -2+3");
    for field in row.iter() {
        assert!(
            !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{field}"
        );
    }
}

#[test]
fn albania_variables() {
    let r = records()
        .into_iter()
        .find(|r| r.case_id == "albania-iran-2022")
        .unwrap();
    let date = r.attribution_date.as_ref().unwrap();
    assert_eq!(
        (
            date.date.as_str(),
            date.earliest.as_str(),
            date.latest.as_str()
        ),
        ("2022-09-07", "2022-09-07", "2022-09-07")
    );
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("Iran"));
    assert_eq!(r.attributed_initiator.category, "State");
    assert_eq!(
        r.attributed_initiator.country.as_deref(),
        Some("Iran, Islamic Republic of")
    );
    assert_eq!(r.attributed_initiator.country_iso.as_deref(), Some("IR"));
    assert!(r.attributing_country.contains(&"Albania".to_string()));
    assert_eq!(r.number_of_attributing_states, 3);
    // From the first publicly known event (the July attack), not the covert
    // intrusion found later.
    assert_eq!(r.public_date.as_ref().unwrap().date, "2022-07-15");
    assert_eq!(
        (r.time_to_attribution_min, r.time_to_attribution_max),
        (Some(54), Some(54))
    );
    // Support: the states' chains alone, and all chains together; the item
    // the figure rests on.
    assert_eq!(r.support_states, Some(15));
    assert_eq!(r.support_all, Some(68));
    assert_eq!(r.support_key_item.as_deref(), Some("microsoft-mek-target"));
    assert_eq!(r.support_without_key_item, Some(43));
    assert!(r.self_attribution);
    assert_eq!(r.denial, "yes");
    assert_eq!(r.strongest_response.as_deref(), Some("severance"));
    assert!(
        !r.attributing_actor
            .contains(&"homeland-justice".to_string()),
        "a self-claim is not an attribution by others"
    );
}

#[test]
fn dot_draws_every_chain_link() {
    for (path, c) in cases() {
        let dot = graph::dot(&c);
        assert!(dot.starts_with("digraph "), "{}", path.display());
        let analysis = &c.analysis;
        for chain in &analysis.chains.chains {
            for &l in &chain.links {
                let link = &analysis.links[l];
                let edge = format!(
                    "\"{}\" -> \"{}\"",
                    c.model.name(link.from),
                    c.model.name(link.to)
                );
                assert!(dot.contains(&edge), "{}: no edge {edge}", path.display());
            }
        }
        assert_eq!(dot.matches('{').count(), dot.matches('}').count());
        let mermaid = graph::mermaid(&c);
        assert!(mermaid.starts_with("---\ntitle: "), "a title first");
        assert!(mermaid.contains("\nflowchart LR\n"));
        assert!(
            mermaid.contains("==>") || mermaid.contains("stroke-dasharray:6 4"),
            "chains are thick links, dotted when weak"
        );
    }
}

fn objects(bundle: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(bundle).unwrap();
    assert_eq!(v["type"], "bundle");
    v["objects"].as_array().unwrap().clone()
}

#[test]
fn stix_export_is_deterministic_and_self_consistent() {
    let id_shape = |id: &str| {
        let (kind, uuid) = id.split_once("--").expect("type--uuid");
        assert!(!kind.is_empty());
        let u = uuid::Uuid::parse_str(uuid).expect("a UUID");
        assert_eq!(u.get_version_num(), 4, "{id}");
    };
    for (path, c) in cases() {
        let first = stix::bundle(&c);
        let again = stix::bundle(&compile(&std::fs::read_to_string(&path).unwrap()));
        assert_eq!(first, again, "{}: a re-export differs", path.display());
        let objs = objects(&first);
        let ids: BTreeSet<&str> = objs.iter().map(|o| o["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), objs.len(), "ids are unique");
        let mut attributed = 0;
        for o in &objs {
            id_shape(o["id"].as_str().unwrap());
            assert_eq!(o["spec_version"], "2.1");
            for key in ["source_ref", "target_ref", "created_by_ref"] {
                if let Some(r) = o.get(key) {
                    assert!(ids.contains(r.as_str().unwrap()), "{key} {r} dangles");
                }
            }
            if let Some(refs) = o.get("object_refs") {
                assert!(!refs.as_array().unwrap().is_empty());
                for r in refs.as_array().unwrap() {
                    assert!(ids.contains(r.as_str().unwrap()), "object_ref {r} dangles");
                }
            }
            if o["relationship_type"] == "attributed-to" {
                attributed += 1;
                if let Some(c) = o.get("confidence") {
                    // The claimant's stated confidence, mapped: one of the
                    // values of STIX's appendix scales.
                    let c = c.as_u64().unwrap();
                    assert!([5, 15, 30, 50, 70, 85, 95].contains(&c), "{c}");
                }
            }
        }
        assert!(
            attributed > 0,
            "{}: no attributed-to relationship",
            path.display()
        );
        for kind in ["campaign", "identity", "report", "relationship"] {
            assert!(
                objs.iter().any(|o| o["type"] == kind),
                "{}: no {kind}",
                path.display()
            );
        }
    }
}

#[test]
fn albania_stix_carries_the_denial_as_an_opinion() {
    let (_, c) = cases()
        .into_iter()
        .find(|(p, _)| p.ends_with("albania-iran-2022.case"))
        .unwrap();
    let objs = objects(&stix::bundle(&c));
    assert!(
        objs.iter()
            .any(|o| o["type"] == "opinion" && o["opinion"] == "strongly-disagree")
    );
    assert!(
        objs.iter()
            .any(|o| o["type"] == "intrusion-set" && o["name"] == "DEV-0842")
    );
}

/// Every date column comes with ISO first and last days that a CSV reader
/// can cast to dates.
#[test]
fn csv_dates_have_iso_companions() {
    let text = compare::csv(&records());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    for row in reader.records().map(Result::unwrap) {
        for (name, value) in header.iter().zip(row.iter()) {
            if (name.ends_with("_earliest") || name.ends_with("_latest")) && !value.is_empty() {
                let parts: Vec<&str> = value.split('-').collect();
                assert_eq!(parts.len(), 3, "{name}: {value}");
                assert!(parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
            }
        }
    }
}

/// Claimants, victims and officials are identities, never threat actors:
/// only parties that chains hold responsible or pass through are.
#[test]
fn stix_makes_threat_actors_only_of_the_accused() {
    for (path, c) in cases() {
        let file = &c.file;
        let analysis = &c.analysis;
        let symbols = &c.symbols;
        let mut on_chains: BTreeSet<String> = BTreeSet::new();
        for ch in &analysis.chains.chains {
            for &l in &ch.links {
                on_chains.insert(c.model.name(analysis.links[l].to).to_string());
                on_chains.insert(c.model.name(analysis.links[l].from).to_string());
            }
        }
        let mut speakers_and_victims: BTreeSet<String> = BTreeSet::new();
        for d in &file.decls {
            match d {
                attrib_core::syntax::ast::Decl::Claim(cl) => {
                    let self_claim = cl.statements.iter().any(|s| {
                        matches!(
                            s,
                            attrib_core::syntax::ast::Statement::Responsibility { .. }
                        )
                    });
                    if !self_claim {
                        speakers_and_victims.extend(cl.by.iter().map(|b| b.value.clone()));
                    }
                }
                attrib_core::syntax::ast::Decl::Event(e) => {
                    speakers_and_victims.extend(e.targets.iter().map(|t| t.value.clone()));
                }
                _ => {}
            }
        }
        speakers_and_victims.retain(|id| symbols.lookup(id).is_some() && !on_chains.contains(id));
        let objs = objects(&stix::bundle(&c));
        for o in &objs {
            if o["type"] == "threat-actor" || o["type"] == "intrusion-set" {
                let name = o["name"].as_str().unwrap();
                for id in &speakers_and_victims {
                    let i = c.model.node_of(symbols.lookup(id).unwrap()).unwrap();
                    assert_ne!(
                        name,
                        c.model.display_name(i),
                        "{}: {id}, a claimant or victim, became a {}",
                        path.display(),
                        o["type"]
                    );
                }
            }
        }
        // Each claimant's attribution keeps who said it and when.
        for o in &objs {
            if o["type"] == "relationship"
                && o["relationship_type"] == "attributed-to"
                && let Some(by) = o.get("created_by_ref")
            {
                assert!(by.as_str().unwrap().starts_with("identity--"));
                assert!(o.get("start_time").is_some(), "{}: {o}", path.display());
            }
        }
    }
}

#[test]
fn albania_stix_keeps_each_claimant_apart() {
    let (_, c) = cases()
        .into_iter()
        .find(|(p, _)| p.ends_with("albania-iran-2022.case"))
        .unwrap();
    let objs = objects(&stix::bundle(&c));
    let name_of = |id: &str| -> String {
        objs.iter()
            .find(|o| o["id"] == id)
            .map(|o| o["name"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    // Albania, Edi Rama, the NCSC: identities only.
    for who in ["Albania", "Edi Rama"] {
        assert!(
            !objs.iter().any(
                |o| (o["type"] == "threat-actor" || o["type"] == "intrusion-set")
                    && o["name"] == who
            ),
            "{who} is not a threat actor"
        );
    }
    // The relationships to Iran made by different claimants differ in author.
    let authors: BTreeSet<String> = objs
        .iter()
        .filter(|o| o["type"] == "relationship" && o.get("created_by_ref").is_some())
        .filter(|o| name_of(o["target_ref"].as_str().unwrap()) == "Iran")
        .map(|o| o["created_by_ref"].as_str().unwrap().to_string())
        .collect();
    assert!(authors.len() >= 3, "{authors:?}");
    // The context events are not campaigns.
    assert!(
        !objs
            .iter()
            .any(|o| o["type"] == "campaign" && o["name"].as_str().unwrap().contains("summit"))
    );
    // attrib's figure is in a note, labelled as support on record.
    assert!(objs.iter().any(|o| {
        o["type"] == "note"
            && o["abstract"]
                .as_str()
                .unwrap()
                .starts_with("attrib: support on record")
    }));
}

/// Mermaid renders labels as HTML: a name holding markup comes out as
/// entity codes, never as a tag (`<br/>` is attrib's own line break).
#[test]
fn mermaid_labels_cannot_hold_markup() {
    let text = r#"case c { title "C" }
source s { kind vendor publisher "P" reliability B }
actor v { kind company name "V <script>alert(1)</script>" }
actor a { kind state name "A <img src=x onerror=alert(1)> \"q\" #amp; `b` [x] |y|" }
event e { kind intrusion date 2022-01-01 title "E </div><iframe>" source s }
claim k { by v date 2022-02-01 source s attributes e to a as operator }
evidence x { class malware source s credibility 2 disclosed yes supports k }
"#;
    let c = attrib_core::compile(text);
    assert!(!c.has_errors());
    let mermaid = graph::mermaid(&c);
    // Long labels are wrapped (a line break for a space), so compare words.
    assert!(
        mermaid
            .replace("<br/>", " ")
            .contains("#60;img src=x onerror=alert#40;1#41;#62;"),
        "{mermaid}"
    );
    // Every label, between its quotes.
    let labels: Vec<&str> = mermaid.split('"').skip(1).step_by(2).collect();
    assert!(labels.len() > 4, "{mermaid}");
    for label in labels {
        let label = label.replace("<br/>", "");
        for bad in ["<", ">", "`", "#amp;", "[", "|"] {
            assert!(!label.contains(bad), "{bad} in {label}");
        }
    }
}

/// Every column of the CSV and JSON records is defined in docs/compare.md:
/// by its name, or by its family (`<date>_earliest`, `response_<kind>` …).
#[test]
fn every_column_is_documented() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/compare.md")).unwrap();
    // (the family as written in the doc, a test of a column's name)
    type Family = (&'static str, fn(&str) -> bool);
    let families: [Family; 8] = [
        ("`<date>_earliest`", |n| n.ends_with("_earliest")),
        ("`<date>_latest`", |n| n.ends_with("_latest")),
        ("`<date>_approximate`", |n| n.ends_with("_approximate")),
        ("`<date>_unconfirmed`", |n| n.ends_with("_unconfirmed")),
        ("`evidence_<class>`", |n| n.starts_with("evidence_")),
        ("`response_<kind>`", |n| n.starts_with("response_")),
        ("`category_<category>`", |n| n.starts_with("category_")),
        ("`vendor_attributed_initiator_*`", |n| {
            n.starts_with("vendor_attributed_initiator_")
        }),
    ];
    let empty = attrib_core::compare::CaseRecord::empty();
    let mut missing = Vec::new();
    for c in attrib_core::render::compare::columns(&empty) {
        let named = doc.contains(&format!("`{}`", c.name));
        let family = families
            .iter()
            .any(|(written, test)| test(&c.name) && doc.contains(written));
        if !named && !family {
            missing.push(c.name);
        }
    }
    assert!(missing.is_empty(), "not in docs/compare.md: {missing:?}");
}

/// `compare --format svg`: one self-contained picture of every case, from
/// the records alone; a case's text reaches it escaped.
#[test]
fn the_pictures_show_every_case_and_nothing_live() {
    let records = records();
    let svg = attrib_core::render::compare_svg::svg(&records);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    for r in &records {
        // One row in each of the three pictures.
        let label = format!(">{}</text>", r.case_id);
        assert_eq!(svg.matches(&label).count(), 3, "{}", r.case_id);
    }
    for forbidden in [
        "<script",
        "href=",
        "<style",
        "url(",
        "<image",
        "<foreignObject",
    ] {
        assert!(!svg.contains(forbidden), "{forbidden}");
    }
    // Olympic Destroyer's anonymous officials, two weeks on, are a triangle.
    assert!(svg.contains("<path d=\"M"));
    // A hostile case id is text, not markup.
    let mut hostile = records[0].clone();
    hostile.case_id = "<script>alert(1)</script>&".into();
    hostile.attributed_initiator.name = Some("\"/><script>".into());
    let svg = attrib_core::render::compare_svg::svg(&[hostile]);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;"));
}
