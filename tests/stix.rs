//! The STIX export as its consumers read it: ids that do not follow the
//! order of anything written, timestamps no more precise than their dates,
//! relationships that start with the first claim of a chain of revisions,
//! each claimant's attribution kept apart where a platform merges
//! relationships (OpenCTI), sources an importer keeps, and one report per
//! case (one MISP event). `scripts/conformance` runs OpenCTI's and MISP's
//! own code on the shipped cases (`scripts/stix-consumers.py`).

use attrib_core::compile;
use attrib_core::render::stix;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

use crate::common;

fn objects(text: &str) -> Vec<Value> {
    let c = compile(text);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let v: Value = serde_json::from_str(&stix::bundle(&c)).unwrap();
    v["objects"].as_array().unwrap().clone()
}

fn of_type<'a>(objs: &'a [Value], kind: &str) -> Vec<&'a Value> {
    objs.iter().filter(|o| o["type"] == kind).collect()
}

const HEADER: &str = r#"case c { title "C" summary "A case." }
source s { kind vendor publisher "P" url "https://example.org/p" published 2022-09 reliability B }
source t { kind media publisher "Q" reliability C }
actor v { kind company name "V" }
actor w { kind company name "W" }
actor u { kind state name "U" }
actor x { kind state name "X" }
actor a { kind state name "A" }
actor g { kind threat-group name "G" }
event e { kind intrusion date 2022-07 title "E" source s }
"#;

/// The statements and fields of a claim, in two orders, give the same
/// bundle: no id is made of a position inside a declaration.
#[test]
fn reordered_statements_and_fields_change_no_byte() {
    let one = format!(
        "{HEADER}claim k {{ by v date 2022-08-01 source s attributes e to a as operator }}
claim m {{ by w date 2022-08-01 source t attributes e to a as sponsor }}
claim d {{ by a date 2022-08-02 source s, t denies k disputes m condemns e quote \"one\" quote \"two\" }}
"
    );
    let two = format!(
        "{HEADER}claim k {{ by v date 2022-08-01 source s attributes e to a as operator }}
claim m {{ by w date 2022-08-01 source t attributes e to a as sponsor }}
claim d {{ quote \"two\" condemns e disputes m source t, s by a denies k quote \"one\" date 2022-08-02 }}
"
    );
    let (c1, c2) = (compile(&one), compile(&two));
    assert!(!c1.has_errors() && !c2.has_errors(), "{:?}", c2.diagnostics);
    assert_eq!(stix::bundle(&c1), stix::bundle(&c2));
}

/// The fields of every declaration of every shipped case, in another order:
/// the bundle is the same, byte for byte.
#[test]
fn shipped_cases_with_shuffled_fields_give_the_same_bundle() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let want = stix::bundle(&compile(&text));
        for seed in [3, 11] {
            let other = shuffled_fields(&text, seed);
            assert_ne!(other, text, "{}: the shuffle moved nothing", path.display());
            let c = compile(&other);
            assert!(
                !c.has_errors(),
                "{}: {:?}",
                path.display(),
                c.diagnostics.first()
            );
            let got = stix::bundle(&c);
            if got != want {
                let diff = similar::TextDiff::from_lines(want.as_str(), got.as_str())
                    .unified_diff()
                    .context_radius(1)
                    .to_string();
                panic!(
                    "{}: the bundle changed when fields were shuffled (seed {seed}):\n{diff}",
                    path.display()
                );
            }
        }
    }
}

/// Each declaration's fields in a shuffled order. A field is a line indented
/// by two spaces inside a declaration, with the lines that continue it (a
/// text block, deeper indentation, a list a trailing comma continues).
fn shuffled_fields(text: &str, seed: u64) -> String {
    let mut rng = common::Rng(seed);
    let mut out = String::new();
    let mut fields: Vec<String> = Vec::new();
    let mut in_decl = false;
    let mut in_block = false;
    let flush = |fields: &mut Vec<String>, out: &mut String, rng: &mut common::Rng| {
        for i in (1..fields.len()).rev() {
            let j = rng.below(i + 1);
            fields.swap(i, j);
        }
        for f in fields.drain(..) {
            out.push_str(&f);
        }
    };
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !in_decl {
            out.push_str(line);
            in_decl = trimmed.ends_with('{') && !trimmed.starts_with(' ');
            continue;
        }
        if !in_block && trimmed == "}" {
            flush(&mut fields, &mut out, &mut rng);
            out.push_str(line);
            in_decl = false;
            continue;
        }
        let starts_field = !in_block
            && line.starts_with("  ")
            && !line.starts_with("   ")
            && !trimmed.trim_start().starts_with('#')
            && !fields.last().is_some_and(|f| f.trim_end().ends_with(','));
        if starts_field || fields.is_empty() {
            fields.push(line.to_string());
        } else {
            fields.last_mut().unwrap().push_str(line);
        }
        if trimmed.matches("\"\"\"").count() % 2 == 1 {
            in_block = !in_block;
        }
    }
    flush(&mut fields, &mut out, &mut rng);
    out
}

/// A claim that revises an earlier one keeps the relationship's start at the
/// first claim of the chain, and says so.
#[test]
fn a_relationship_starts_with_the_first_claim_of_its_revisions() {
    let objs = objects(&format!(
        "{HEADER}claim k1 {{ by v date 2022-08-01 source s attributes e to a as operator confidence likely }}
claim k2 {{ by v date 2022-09-15 source s attributes e to a as operator confidence high revises k1 }}
"
    ));
    let rels: Vec<&Value> = of_type(&objs, "relationship")
        .into_iter()
        .filter(|r| r.get("created_by_ref").is_some())
        .collect();
    assert_eq!(rels.len(), 1, "{rels:?}");
    let r = rels[0];
    assert_eq!(r["start_time"], "2022-08-01T00:00:00.000Z");
    let d = r["description"].as_str().unwrap();
    assert!(d.contains("(k2, 2022-09-15)"), "{d}");
    assert!(d.contains("since k1 (2022-08-01)"), "{d}");
}

/// `first_seen` and `start_time` are the first day a date may mean and say
/// so when that is not the date itself; the case's report is published on
/// the last day the latest date may mean, never before what it reports.
#[test]
fn timestamps_are_never_more_precise_than_their_dates_without_saying_so() {
    let objs = objects(&format!(
        "{HEADER}claim k {{ by v date 2022-08 source s attributes e to a as operator }}
claim m {{ by w date ~2022-09-10 source t attributes e to a as sponsor }}
"
    ));
    let campaign = of_type(&objs, "campaign")[0];
    assert_eq!(campaign["first_seen"], "2022-07-01T00:00:00.000Z");
    let d = campaign["description"].as_str().unwrap();
    assert!(
        d.contains("`first_seen` is the first day that 2022-07 may mean"),
        "{d}"
    );
    let by_v = of_type(&objs, "relationship")
        .into_iter()
        .find(|r| {
            r["description"]
                .as_str()
                .unwrap()
                .starts_with("V attributes")
        })
        .unwrap();
    assert_eq!(by_v["start_time"], "2022-08-01T00:00:00.000Z");
    assert!(
        by_v["description"]
            .as_str()
            .unwrap()
            .contains("`start_time` is the first day that 2022-08 may mean")
    );
    // The latest date is ~2022-09-10 (to 17 September) or the source's 2022-09
    // (to 30 September): the report is published on 30 September.
    let reports = of_type(&objs, "report");
    assert_eq!(reports.len(), 1, "one report: the case");
    let report = reports[0];
    assert_eq!(report["published"], "2022-09-30T00:00:00.000Z");
    assert!(report["description"].as_str().unwrap().contains(
        "`published` is the last day that the latest date in the case, 2022-09, may mean"
    ));
    // A source's publication date is written as the case gives it.
    let refs = report["external_references"].as_array().unwrap();
    assert!(
        refs.iter().any(|r| r["description"]
            .as_str()
            .unwrap()
            .contains("published 2022-09;")),
        "{refs:?}"
    );
    // Nothing is created or modified after the report is published.
    for o in &objs {
        assert!(o["created"].as_str().unwrap() <= o["modified"].as_str().unwrap());
        assert!(o["modified"].as_str().unwrap() <= "2022-09-30T00:00:00.000Z");
    }
}

/// Two claimants attribute the same attack to the same state on the same
/// day: OpenCTI identifies a relationship by its type, its ends and its
/// times, so both become one there. Each is held by a note of its own
/// claimant that says what it says; opinions of one value on one day get
/// distinct `created` times (OpenCTI's other key for an opinion).
#[test]
fn each_claimant_is_kept_apart_where_relationships_merge() {
    let objs = objects(&format!(
        "{HEADER}claim k {{ by v date 2022-08-01 source s attributes e to a as operator }}
claim m {{ by w date 2022-08-01 source t attributes e to a as operator }}
claim n1 {{ by u date 2022-08-03 source s endorses k }}
claim n2 {{ by x date 2022-08-03 source t endorses k }}
"
    ));
    let key = |r: &Value| {
        (
            r["relationship_type"].to_string(),
            r["source_ref"].to_string(),
            r["target_ref"].to_string(),
            r["start_time"].to_string(),
        )
    };
    let mut same: BTreeMap<_, Vec<&Value>> = BTreeMap::new();
    for r in of_type(&objs, "relationship") {
        if r.get("created_by_ref").is_some() {
            same.entry(key(r)).or_default().push(r);
        }
    }
    let merged: Vec<&Value> = same
        .into_values()
        .find(|v| v.len() == 2)
        .expect("two claimants, one key");
    let authors: BTreeSet<&str> = merged
        .iter()
        .map(|r| r["created_by_ref"].as_str().unwrap())
        .collect();
    assert_eq!(authors.len(), 2);
    let notes = of_type(&objs, "note");
    for r in merged {
        let held = notes.iter().any(|n| {
            n["created_by_ref"] == r["created_by_ref"]
                && n["object_refs"].as_array().unwrap().contains(&r["id"])
                && n["content"]
                    .as_str()
                    .unwrap()
                    .contains(r["description"].as_str().unwrap())
        });
        assert!(held, "no note of its claimant holds {r}");
    }
    let opinions = of_type(&objs, "opinion");
    assert_eq!(opinions.len(), 2);
    let created: BTreeSet<&str> = opinions
        .iter()
        .map(|o| o["created"].as_str().unwrap())
        .collect();
    assert_eq!(created.len(), 2, "{opinions:?}");
    assert!(
        created
            .iter()
            .all(|c| c.starts_with("2022-08-03T00:00:00."))
    );
    // Every note and opinion also names the case's report (MISP attaches
    // it to the case's event), and every content starts with what it is about.
    let report = of_type(&objs, "report")[0]["id"].clone();
    for o in notes.iter().chain(&opinions) {
        assert!(
            o["object_refs"].as_array().unwrap().contains(&report),
            "{o}"
        );
    }
}

/// Sources are external references that an importer keys on: the address
/// as `external_id` (no `url`: `--strict` wants a hash of the page with it),
/// else the case's id of the source; one report in all, the case's, which
/// holds every object.
#[test]
fn sources_are_external_references_an_importer_keeps() {
    let objs = objects(&format!(
        "{HEADER}claim k {{ by v date 2022-08-01 source s, t attributes e to a as operator }}
evidence y {{ class malware source t credibility 2 disclosed yes supports k }}
"
    ));
    assert_eq!(of_type(&objs, "report").len(), 1);
    assert!(of_type(&objs, "grouping").is_empty());
    let report = &objs[0];
    assert_eq!(report["type"], "report", "the case's report comes first");
    let held: BTreeSet<&str> = report["object_refs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for o in &objs[1..] {
        assert!(held.contains(o["id"].as_str().unwrap()), "{o}");
    }
    for o in &objs {
        for r in o
            .get("external_references")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(r.get("url").is_none(), "{r}");
            assert!(
                r.get("source_name").is_some() && r.get("external_id").is_some(),
                "{r}"
            );
        }
    }
    let claim_rel = of_type(&objs, "relationship")
        .into_iter()
        .find(|r| r.get("created_by_ref").is_some())
        .unwrap();
    let ids: Vec<&str> = claim_rel["external_references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["external_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["https://example.org/p", "c/t"]);
    let evidence = of_type(&objs, "note")
        .into_iter()
        .find(|n| n["abstract"].as_str().unwrap().starts_with("evidence y"))
        .unwrap();
    assert!(evidence["content"].as_str().unwrap().contains("supports k"));
    assert_eq!(evidence["external_references"][0]["source_name"], "Q");
}

/// No object of any shipped case is modified before it was created (the
/// STIX validator refuses it: an opinion made on the stamp's own day was).
#[test]
fn nothing_is_modified_before_it_was_created() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        for o in objects(&text) {
            if let (Some(c), Some(m)) = (o["created"].as_str(), o["modified"].as_str()) {
                assert!(
                    m >= c,
                    "{}: {} modified {m} before created {c}",
                    path.display(),
                    o["id"]
                );
            }
        }
    }
}
