//! JSON Schemas of the JSON outputs, generated from the Rust types that
//! produce them. `schema/*.schema.json` are written from here by
//! `ATTRIB_BLESS=1 cargo test --test schema`, and a test fails when they are
//! stale.

use super::ach::AchOutput;
use super::chains_json::ChainsOutput;
use super::check_json::CheckOutput;
use crate::compare::CaseRecord;

/// `(file stem, schema as pretty JSON)` for every JSON output.
pub fn all() -> Vec<(&'static str, String)> {
    let pretty =
        |s: schemars::Schema| serde_json::to_string_pretty(&s).expect("schemas serialise") + "\n";
    vec![
        ("check", pretty(schemars::schema_for!(CheckOutput))),
        ("chains", pretty(schemars::schema_for!(ChainsOutput))),
        ("compare", pretty(compare())),
        ("ach", pretty(schemars::schema_for!(AchOutput))),
    ]
}

/// The schema of `attrib compare --format json`: an array of flat records,
/// one property per column ([`super::compare::columns`]), each described by
/// the documentation of the [`CaseRecord`] field it is made from.
fn compare() -> schemars::Schema {
    use serde_json::{Map, Value, json};
    let record = schemars::schema_for!(CaseRecord);
    let about = |field: &str| -> String {
        record
            .get("properties")
            .and_then(|p| p.get(field))
            .and_then(|f| f.get("description"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in super::compare::columns(&CaseRecord::empty()) {
        let mut description = about(c.field);
        if let Some(part) = &c.part {
            description = format!("{description} (`{}`: {part})", c.field);
        }
        let ty = if c.nullable {
            json!([c.ty.word(), "null"])
        } else {
            json!(c.ty.word())
        };
        let mut p = json!({ "description": description, "type": ty });
        if c.ty == super::compare::Ty::List {
            p["items"] = json!({ "type": "string" });
        }
        required.push(Value::String(c.name.clone()));
        properties.insert(c.name, p);
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "attrib compare --format json",
        "description": "One record per case, the same columns as the CSV, in the same order (docs/compare.md).",
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false
        }
    });
    schemars::Schema::try_from(schema).expect("an object is a schema")
}
