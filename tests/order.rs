//! Declarations may come in any order: shuffling a case's declarations
//! changes no assessment, no chain, no ranking, no compare value, no graph
//! no STIX object and no report page (but for each item's `file:line`).
//! The same holds for the fields inside each declaration. Every real case
//! is shuffled several ways.

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

/// Every output of `other` is the expected one, else a diff of the first
/// that is not.
fn same_outputs(path: &std::path::Path, expected: &[(&str, String)], other: &str, how: &str) {
    for ((what, want), (_, got)) in expected.iter().zip(outputs(other)) {
        if *want != got {
            let diff = similar::TextDiff::from_lines(want.as_str(), got.as_str())
                .unified_diff()
                .context_radius(1)
                .to_string();
            panic!("{}: {what} changed when {how}:\n{diff}", path.display());
        }
    }
}

#[test]
fn shuffling_declarations_changes_no_output() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = outputs(&text);
        for seed in [1, 7, 42, 1_000_003] {
            let other = shuffled(&text, seed);
            assert_ne!(other, text, "{}: the shuffle moved nothing", path.display());
            same_outputs(
                &path,
                &expected,
                &other,
                &format!("the declarations were shuffled (seed {seed})"),
            );
        }
    }
}

/// The file with each declaration's fields in a shuffled order: each field
/// (from the start of its line to the next field's line, its comments with
/// it) moves with the others of its keyword, whose order is kept (two
/// `quote`s or two `attributes` lines keep theirs, which is the author's).
fn shuffled_fields(text: &str, seed: u64) -> String {
    let c = compile(text);
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |k| k + 1);
    let mut rng = common::Rng(seed);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for d in &c.file.decls {
        let head = d.head();
        let starts: Vec<usize> = head
            .fields
            .iter()
            .map(|(_, s)| line_start(s.start))
            .collect();
        let close = line_start(head.span.end.saturating_sub(1));
        // Two fields on one line, or the closing brace on a field's line:
        // left as written.
        if starts.len() < 2
            || starts.windows(2).any(|w| w[0] >= w[1])
            || close <= starts[starts.len() - 1]
        {
            continue;
        }
        // The fields grouped by keyword, in order of first appearance.
        let mut groups: Vec<(&str, String)> = Vec::new();
        for (k, (field, _)) in head.fields.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(close);
            let piece = &text[starts[k]..end];
            match groups.iter_mut().find(|(kw, _)| *kw == field.keyword) {
                Some((_, g)) => g.push_str(piece),
                None => groups.push((field.keyword, piece.to_string())),
            }
        }
        for i in (1..groups.len()).rev() {
            let j = rng.below(i + 1);
            groups.swap(i, j);
        }
        out.push_str(&text[done..starts[0]]);
        for (_, g) in &groups {
            out.push_str(g);
        }
        done = close;
    }
    out.push_str(&text[done..]);
    out
}

#[test]
fn shuffling_fields_changes_no_output() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = outputs(&text);
        for seed in [3, 11, 2_024] {
            let other = shuffled_fields(&text, seed);
            assert_ne!(other, text, "{}: the shuffle moved nothing", path.display());
            assert_eq!(
                other.len(),
                text.len(),
                "{}: the shuffle lost text",
                path.display()
            );
            same_outputs(
                &path,
                &expected,
                &other,
                &format!("the fields were shuffled (seed {seed})"),
            );
        }
    }
}
