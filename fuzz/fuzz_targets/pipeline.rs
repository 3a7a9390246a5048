//! The whole path on arbitrary bytes: decode → parse → check → chains →
//! every output format → fmt. Nothing may panic; formatting must be
//! idempotent and keep the chains and diagnostics.

#![no_main]

use attrib_core::render::{Style, chains_human, chains_json, check_concise, check_human, check_json, compare, github, graph, sarif, stix};
use attrib_core::{Loaded, compile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = Loaded::from_bytes(data);
    let text = loaded.text();
    let diagnostics = loaded.diagnostics();
    for d in &diagnostics {
        for l in &d.labels {
            assert!(l.span.start <= l.span.end && l.span.end <= text.len(), "label outside the file");
        }
        // Fixes are edits of the file: inside it, on character boundaries.
        for f in &d.fixes {
            for (span, _) in &f.edits {
                assert!(span.start <= span.end && span.end <= text.len(), "fix outside the file");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "fix inside a character");
            }
        }
    }
    let style = Style::default();
    check_human::render("fuzz.case", text, &diagnostics, style);
    check_json::file_output("fuzz.case", text, &diagnostics);
    github::commands("fuzz.case", text, &diagnostics);
    check_concise::lines("fuzz.case", text, &diagnostics);
    sarif::results(&sarif::FileDiagnostics { path: "fuzz.case", text, diagnostics: &diagnostics });

    let Some(c) = loaded.compilation() else { return };
    let model = chains_json::build(&c, true);
    chains_human::render(&model, style);
    model.to_json();
    let record = attrib_core::compare::record(&c);
    compare::table(std::slice::from_ref(&record), 100);
    compare::csv(std::slice::from_ref(&record));
    graph::dot(&c);
    graph::mermaid(&c);
    stix::bundle(&c);

    if let Ok(once) = attrib_core::format::format(text) {
        let twice = attrib_core::format::format(&once).expect("formatted text parses");
        assert_eq!(once, twice, "formatting is not idempotent");
        let before = compile(text);
        let after = compile(&once);
        let meaning = |c: &attrib_core::Compilation| {
            (
                chains_json::build(c, false).to_json(),
                c.diagnostics.iter().map(|d| (d.code, d.message.clone())).collect::<Vec<_>>(),
            )
        };
        assert_eq!(meaning(&before), meaning(&after), "formatting changed the meaning");
    }
});
