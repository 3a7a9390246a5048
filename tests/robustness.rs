//! Bad input never panics: randomly mutated copies of the real cases (lines
//! deleted or repeated, characters swapped, the file truncated) go through
//! every phase and every renderer (the report page and filtered graphs
//! too), and every diagnostic points inside the
//! file. Fixed seed, bounded number of mutations: this runs in seconds.

use attrib_core::compile;
use attrib_core::render::{
    Style, chains_human, chains_json, check_human, check_json, graph, report,
};
use std::path::Path;

use crate::common;
use common::{Rng, mutate};

fn exercise(text: &str) {
    let c = compile(text);
    for d in &c.diagnostics {
        assert!(!d.labels.is_empty(), "{} has no label", d.code.as_str());
        for l in &d.labels {
            assert!(
                l.span.start <= l.span.end && l.span.end <= text.len(),
                "{:?} outside the file",
                l.span
            );
            assert!(text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
        }
        assert!(
            !d.message.is_empty() && !d.help.is_empty(),
            "{} lacks a message or help",
            d.code.as_str()
        );
    }
    let style = Style::default();
    check_human::render("mutant.case", text, &c.diagnostics, style);
    check_json::file_output("mutant.case", text, &c.diagnostics);
    let model = chains_json::build(&c, true);
    chains_human::render(&model, style);
    model.to_json();
    report::case_page(&c, text, "mutant.case");
    let _ = graph::dot_with(
        &c,
        &graph::Options {
            chains_only: true,
            ..graph::Options::default()
        },
    );
    let _ = graph::mermaid_with(
        &c,
        &graph::Options {
            event: Some("july-attack".into()),
            claimant: Some("microsoft".into()),
            ..graph::Options::default()
        },
    );
}

#[test]
fn mutated_cases_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in ["cases", "tests/ui"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "case")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                sources.push(text);
            }
        }
    }
    assert!(!sources.is_empty());
    let mut rng = Rng(0x5EED_A77B_1B00_2022);
    for _ in 0..400 {
        let base = &sources[rng.below(sources.len())];
        let mut text = mutate(base, &mut rng);
        if rng.below(3) == 0 {
            text = mutate(&text, &mut rng);
        }
        exercise(&text);
    }
}

#[test]
fn awkward_text_is_handled() {
    for text in [
        "",
        "\u{FEFF}",
        "\u{FEFF}case x { title \"BOM\" }",
        "case x {\r\n  title \"CRLF\"\r\n  nme \"x\"\r\n}\r\n",
        "case x {\n\ttitle\t\"tabs\"\n}",
        "actor a { name \"\u{202E}evil\u{200B}\" kind stat\u{200B}e }",
        "{",
        "}",
        "\"",
        "\"\"\"",
        "case",
        "case x",
        "case x {",
        "claim c { attributes a to a as operator by a }",
        "actor a { kind state name \"A\" part of a }",
    ] {
        exercise(text);
    }
}

/// Inputs the fuzzer found (`fuzz/README.md`), kept in `tests/regressions/`:
/// each goes through every phase and renderer, and formatting (when the
/// file formats) keeps its diagnostics. `fuzz-id-with-space-cr-lines`: the
/// "id with a space" message sliced backwards on lines ended by a lone CR;
/// `fuzz-comment-control-characters`: `fmt` dropped the control characters
/// at the end of a comment, and the `E0003` they draw.
#[test]
fn inputs_the_fuzzer_found() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let loaded = attrib_core::Loaded::from_bytes(&bytes);
        let text = loaded.text();
        exercise(text);
        if let Ok(once) = attrib_core::format::format(text) {
            let codes = |t: &str| -> Vec<_> {
                compile(t)
                    .diagnostics
                    .iter()
                    .map(|d| (d.code, d.message.clone()))
                    .collect()
            };
            assert_eq!(
                codes(text),
                codes(&once),
                "formatting changed the diagnostics"
            );
        }
        seen += 1;
    }
    assert!(seen >= 2);
}
