//! The JSON Schemas in `schema/` are generated from the Rust types. That the
//! real outputs validate against them is checked by `scripts/conformance`
//! (with `check-jsonschema`), which keeps a JSON Schema validator out of
//! `cargo test`.
//!
//! `ATTRIB_BLESS=1 cargo test --test it schema::` rewrites the committed schemas.

use attrib_core::render::schema;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
            "{} is stale: run `ATTRIB_BLESS=1 cargo test --test it schema::`",
            path.display()
        );
    }
}
