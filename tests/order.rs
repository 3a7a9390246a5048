//! Declarations may come in any order: shuffling a case's declarations
//! changes no assessment, no chain, no ranking, no compare value, no graph
//! no STIX object and no report page (but for each item's `file:line`).
//! Every real case is shuffled several ways.

use attrib_core::compile;
use attrib_core::render::{Style, ach, chains_human, chains_json, compare, graph, report, stix};

use crate::common;

/// The file's declarations in a shuffled order: each declaration with the
/// text that follows it up to the next (its trailing comments), the text
/// before the first one kept in front.
fn shuffled(text: &str, seed: u64) -> String {
    let c = compile(text);
    let starts: Vec<usize> = c.file.decls.iter().map(|d| d.head().span.start).collect();
    assert!(!starts.is_empty());
    let mut pieces: Vec<&str> = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        pieces.push(&text[s..e]);
    }
    let mut rng = common::Rng(seed);
    for i in (1..pieces.len()).rev() {
        let j = rng.below(i + 1);
        pieces.swap(i, j);
    }
    let mut out = text[..starts[0]].to_string();
    for p in pieces {
        out.push_str(p);
        if !p.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Everything attrib derives from a file, as text.
fn outputs(text: &str) -> Vec<(&'static str, String)> {
    let c = compile(text);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let model = chains_json::build(&c, true);
    let record = attrib_core::compare::record(&c);
    let analysis = &c.analysis;
    // Filters on the first event with chains and the first claimant, by id.
    let first_event = analysis
        .chains
        .chains
        .iter()
        .map(|ch| c.model.name(ch.event).to_string())
        .min();
    let first_claimant = analysis
        .chains
        .chains
        .iter()
        .flat_map(|ch| ch.party.iter().map(|&p| c.model.name(p).to_string()))
        .min();
    let chains_only = graph::Options {
        chains_only: true,
        ..graph::Options::default()
    };
    let one_event = graph::Options {
        event: first_event,
        ..graph::Options::default()
    };
    let one_claimant = graph::Options {
        claimant: first_claimant,
        ..graph::Options::default()
    };
    vec![
        (
            "chains (human)",
            chains_human::render(&model, Style::default()),
        ),
        ("chains (json)", model.to_json()),
        ("compare (csv)", compare::csv(std::slice::from_ref(&record))),
        (
            "compare (json)",
            compare::json(std::slice::from_ref(&record)),
        ),
        ("graph (dot)", graph::dot(&c)),
        ("graph (mermaid)", graph::mermaid(&c)),
        (
            "graph (dot, chains only)",
            graph::dot_with(&c, &chains_only).unwrap(),
        ),
        (
            "graph (dot, one event)",
            graph::dot_with(&c, &one_event).unwrap(),
        ),
        (
            "graph (mermaid, one claimant)",
            graph::mermaid_with(&c, &one_claimant).unwrap(),
        ),
        ("stix", stix::bundle(&c)),
        (
            "ach (text)",
            ach::render(&ach::build(&c, None).unwrap(), Style::default()),
        ),
        ("ach (json)", ach::build(&c, None).unwrap().to_json()),
        // Each item's `file:line` moves with it; nothing else may.
        (
            "report",
            without_lines(&report::case_page(&c, text, "case.case")),
        ),
    ]
}

/// The report page with the line of every `file:line` left out.
fn without_lines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(k) = rest.find("case.case:") {
        let (head, tail) = rest.split_at(k + "case.case:".len());
        out.push_str(head);
        out.push('N');
        rest = tail.trim_start_matches(|ch: char| ch.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

#[test]
fn shuffling_declarations_changes_no_output() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = outputs(&text);
        for seed in [1, 7, 42, 1_000_003] {
            let other = shuffled(&text, seed);
            assert_ne!(other, text, "{}: the shuffle moved nothing", path.display());
            for ((what, want), (_, got)) in expected.iter().zip(outputs(&other)) {
                if *want != got {
                    let diff = similar::TextDiff::from_lines(want.as_str(), got.as_str())
                        .unified_diff()
                        .context_radius(1)
                        .to_string();
                    panic!(
                        "{}: {what} changed when the declarations were shuffled (seed {seed}):\n{diff}",
                        path.display()
                    );
                }
            }
        }
    }
}
