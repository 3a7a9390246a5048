//! The JSON Schemas in `schema/` are generated from the Rust types. That the
//! real outputs validate against them is checked by `scripts/conformance`
//! (with `check-jsonschema`), which keeps a JSON Schema validator out of
//! `cargo test`.
//!
//! `ATTRIB_BLESS=1 cargo test --test it schema::` rewrites the committed schemas.

use attrib_core::render::schema;

#[test]
fn committed_schemas_are_fresh() {
    for (name, text) in schema::all() {
        crate::common::generated(&format!("schema/{name}.schema.json"), &text, "schema::");
    }
}
