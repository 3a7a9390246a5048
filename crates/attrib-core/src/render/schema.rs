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
        ("compare", pretty(schemars::schema_for!(Vec<CaseRecord>))),
        ("ach", pretty(schemars::schema_for!(AchOutput))),
    ]
}
