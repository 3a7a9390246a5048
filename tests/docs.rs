//! The documentation stays true: the diagnostics page is generated from
//! the catalogue, and every example in the language reference parses.
//!
//! `ATTRIB_BLESS=1 cargo test --test it docs::` rewrites the generated page.

use attrib_core::diagnostics::Code;
use attrib_core::syntax::parse;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn diagnostics_page_is_generated_from_the_catalogue() {
    let page = attrib_core::render::docs::diagnostics_page();
    crate::common::generated("docs/diagnostics.md", &page, "docs::");
}

#[test]
fn every_explanation_has_the_fixed_headings() {
    for info in attrib_core::diagnostics::CATALOGUE {
        let mut at = 0;
        for heading in [
            "## What it means",
            "## Why it matters",
            "## Example",
            "## How to fix",
        ] {
            let found = info.explanation[at..].find(heading);
            assert!(
                found.is_some(),
                "{}: `{heading}` missing or out of order",
                info.code
            );
            at += found.unwrap();
        }
    }
}

/// Fenced blocks of a Markdown file whose first code line starts a declaration.
fn declaration_blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(block) => out.push(block),
                None => current = Some(String::new()),
            }
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    let keywords = [
        "case ",
        "source ",
        "actor ",
        "event ",
        "claim ",
        "evidence ",
        "response ",
        "#",
    ];
    out.into_iter()
        .filter(|b| {
            let first = b.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            keywords.iter().any(|k| first.starts_with(k)) && !first.contains('…')
        })
        .collect()
}

#[test]
fn every_example_in_the_language_reference_parses() {
    let text = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let blocks = declaration_blocks(&text);
    assert!(
        blocks.len() >= 9,
        "expected the reference's examples, found {}",
        blocks.len()
    );
    for block in blocks {
        let (_, diagnostics) = parse(&block);
        assert!(
            diagnostics.is_empty(),
            "example does not parse: {diagnostics:?}\n{block}"
        );
    }
}

#[test]
fn every_explanation_example_parses() {
    for info in attrib_core::diagnostics::CATALOGUE {
        if info.code == "E0001" || info.code == "E0002" {
            continue;
        }
        for block in declaration_blocks(info.explanation) {
            let (_, diagnostics) = parse(&block);
            // Examples may be wrong on purpose (a repeated field, an impossible
            // date), but not in their syntax.
            let syntax: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.code == Code::Syntax)
                .collect();
            assert!(
                syntax.is_empty(),
                "{}: example does not parse: {syntax:?}\n{block}",
                info.code
            );
        }
    }
}

/// The README's commands build attrib once: every `cargo run` uses the
/// release profile of the first one (a `cargo run --` after a
/// `cargo run --release --` is a second full build).
#[test]
fn the_readme_builds_attrib_once() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let runs: Vec<&str> = readme
        .lines()
        .filter(|l| l.trim_start().starts_with("cargo run"))
        .collect();
    assert!(runs.len() > 5, "{runs:?}");
    for line in runs {
        assert!(
            line.trim_start().starts_with("cargo run --release -- "),
            "not the release profile: {line}"
        );
    }
}

/// The reference documents the whole language: every field of every
/// declaration and every word of every vocabulary, read from the language
/// description, appears in docs/language.md (a new word fails here until it
/// is documented).
#[test]
fn the_language_reference_documents_every_field_and_word() {
    use attrib_core::language::{FIELDS, Vocabulary};
    let text = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let mut missing = Vec::new();
    for f in FIELDS {
        if !text.contains(&format!("`{}", f.keyword)) {
            missing.push(format!("field `{}`", f.keyword));
        }
    }
    for v in Vocabulary::ALL {
        for w in v.words() {
            if !text.contains(&format!("`{w}`")) {
                missing.push(format!("{} `{w}`", v.what()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/language.md does not document: {}",
        missing.join(", ")
    );
}

/// The compare records of `cases/`, in path order (as `attrib compare cases/`).
fn corpus_records() -> Vec<attrib_core::compare::CaseRecord> {
    crate::common::case_files("cases")
        .iter()
        .map(|p| {
            attrib_core::compare::record(&attrib_core::compile(
                &std::fs::read_to_string(p).unwrap(),
            ))
        })
        .collect()
}

/// docs/corpus.md shows `attrib compare cases/` as the tool prints it
/// (100 columns, the cases in path order), between two markers.
#[test]
fn the_corpus_page_shows_the_compare_table_of_the_cases() {
    const START: &str = "<!-- the compare table: generated, do not edit -->\n";
    const END: &str = "<!-- end of the compare table -->\n";
    let records = corpus_records();
    assert_eq!(records.len(), 14, "the corpus has fourteen cases");
    let table = attrib_core::render::compare::table(&records, 100);
    let page = std::fs::read_to_string(root().join("docs/corpus.md")).unwrap();
    let (head, rest) = page.split_once(START).expect("the start marker");
    let (_, tail) = rest.split_once(END).expect("the end marker");
    let expected = format!("{head}{START}```text\n{table}```\n{END}{tail}");
    crate::common::generated("docs/corpus.md", &expected, "docs::");
}

/// docs/corpus.svg is `attrib compare --format svg cases/`.
#[test]
fn the_corpus_pictures_are_those_of_the_cases() {
    let records = corpus_records();
    let svg = attrib_core::render::compare_svg::svg(&records);
    crate::common::generated("docs/corpus.svg", &svg, "docs::");
}
