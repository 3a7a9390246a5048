//! The JSON Schemas in `schema/` are generated from the Rust types, and the
//! real outputs validate against them.
//!
//! `ATTRIB_BLESS=1 cargo test --test schema` rewrites the committed schemas.

use attrib::Loaded;
use attrib::render::{chains_json, check_json, compare, schema};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_of(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("schema/{name}.schema.json")))
        .expect("schema is committed");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn assert_valid(name: &str, instance: &Value) {
    let schema = schema_of(name);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} output does not match its schema:\n{}",
        errors.join("\n")
    );
}

mod common;

fn case_files() -> Vec<PathBuf> {
    common::case_files("cases")
}

#[test]
fn committed_schemas_are_fresh() {
    for (name, text) in schema::all() {
        let path = root().join(format!("schema/{name}.schema.json"));
        if std::env::var_os("ATTRIB_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run `ATTRIB_BLESS=1 cargo test --test schema`",
            path.display()
        );
    }
}

#[test]
fn check_output_matches_its_schema() {
    let mut files = Vec::new();
    let mut dirs = case_files();
    for entry in std::fs::read_dir(root().join("tests/ui")).unwrap() {
        dirs.push(entry.unwrap().path());
    }
    for path in dirs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
    {
        let loaded = Loaded::from_bytes(&std::fs::read(path).unwrap());
        files.push(check_json::file_output(
            &path.display().to_string(),
            loaded.text(),
            &loaded.diagnostics(),
        ));
    }
    let out: Value = serde_json::from_str(&check_json::CheckOutput::new(files).to_json()).unwrap();
    assert!(
        out["errors"].as_u64().unwrap() > 0,
        "the fixtures include errors"
    );
    assert_valid("check", &out);
}

#[test]
fn chains_output_matches_its_schema() {
    for path in case_files() {
        let c = attrib::compile(&std::fs::read_to_string(&path).unwrap());
        for explain in [false, true] {
            let out: Value =
                serde_json::from_str(&chains_json::build(&c, explain).to_json()).unwrap();
            assert_valid("chains", &out);
        }
    }
}

#[test]
fn compare_output_matches_its_schema() {
    let records: Vec<_> = case_files()
        .iter()
        .map(|p| attrib::compare::record(&attrib::compile(&std::fs::read_to_string(p).unwrap())))
        .collect();
    let out: Value = serde_json::from_str(&compare::json(&records)).unwrap();
    assert_valid("compare", &out);
}

#[test]
fn a_wrong_output_fails_the_schema() {
    // The schemas are strict enough to catch a broken contract.
    let schema = schema_of("check");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let broken = serde_json::json!({"files": [{"path": "x", "diagnostics": [{"code": "E0101", "severity": "fatal"}]}], "errors": 1, "warnings": 0});
    assert!(!validator.is_valid(&broken));
}
