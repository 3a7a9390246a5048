//! The research outputs: `compare` (table, CSV, JSON), `graph` (DOT,
//! Mermaid) and `export --format stix`, on the real cases.
//! The outside tools themselves (Graphviz, stix2-validator) are run by
//! `scripts/conformance`; these tests need only the Rust toolchain.

use attrib::render::{compare, graph, stix};
use attrib::{Compilation, compile};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

mod common;

fn cases() -> Vec<(PathBuf, Compilation)> {
    common::case_files("cases")
        .into_iter()
        .map(|p| {
            let c = compile(&std::fs::read_to_string(&p).unwrap());
            (p, c)
        })
        .collect()
}

fn records() -> Vec<attrib::compare::CaseRecord> {
    cases()
        .iter()
        .map(|(_, c)| attrib::compare::record(c))
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
    assert_eq!(&header[0], "case");
    for name in [
        "start_date",
        "attribution_date",
        "time_to_attribution",
        "attributed_initiator_country",
        "evidence_malware",
        "response_severance",
    ] {
        assert!(header.iter().any(|h| h == name), "no column {name}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(&records) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[0], r.case);
    }
}

#[test]
fn json_is_an_array_of_records() {
    let records = records();
    let v: Value = serde_json::from_str(&compare::json(&records)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), records.len());
}

#[test]
fn albania_variables() {
    let r = records()
        .into_iter()
        .find(|r| r.case == "albania-iran-2022")
        .unwrap();
    assert_eq!(r.attribution_date.as_deref(), Some("2022-09-07"));
    assert_eq!(
        r.attributed_initiator_country.as_deref(),
        Some("Iran, Islamic Republic of")
    );
    assert!(r.attributing_country.contains(&"Albania".to_string()));
    assert!(r.self_attribution && r.denial);
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
        let analysis = c.analysis.as_ref().unwrap();
        for chain in &c.chains.chains {
            for &l in &chain.links {
                let link = &analysis.links[l];
                let edge = format!(
                    "\"{}\" -> \"{}\"",
                    c.file.decls[link.from].id().value,
                    c.file.decls[link.to].id().value
                );
                assert!(dot.contains(&edge), "{}: no edge {edge}", path.display());
            }
        }
        assert_eq!(dot.matches('{').count(), dot.matches('}').count());
        let mermaid = graph::mermaid(&c);
        assert!(mermaid.starts_with("flowchart LR\n"));
        assert!(mermaid.contains("==>"), "chains are thick links");
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
            if o["relationship_type"] == "attributed-to" && o.get("confidence").is_some() {
                attributed += 1;
                assert!(o["confidence"].as_u64().unwrap() <= 100);
            }
        }
        assert!(
            attributed > 0,
            "{}: no attributed-to with confidence",
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
