//! The integration tests, as one test binary (one link, not one per file).
//! Each module is a file of this folder; `tests/snapshots/` holds their
//! snapshots, named `it__<module>__<name>.snap`.

mod common;
#[path = "../examples/corpus/mod.rs"]
mod corpus;
#[path = "support/lsp_client.rs"]
mod lsp_client;

mod ach;
mod architecture;
mod cases;
mod ci_docs;
mod cli;
mod coding;
mod docs;
mod format;
mod golden;
mod graph;
mod hygiene;
mod ide;
mod language;
mod limits;
mod lsp;
mod order;
mod recovery;
mod report;
mod research;
mod robustness;
mod scale;
mod schema;
mod stix;
mod ui;
