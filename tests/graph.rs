//! `attrib graph`: titles and legends, actors drawn by role, the filters
//! (`--chains-only`, `--event`, `--claimant`, `--as-of`), Mermaid escaping,
//! and a snapshot of the Albania picture with `--chains-only`.
//! Graphviz itself renders every case's DOT in `scripts/conformance`.

use attrib_core::render::graph::{self, Options};
use attrib_core::{Compilation, compile, compile_with};
use std::path::Path;

use crate::common;

fn albania() -> Compilation {
    compile(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
        )
        .unwrap(),
    )
}

fn chains_only() -> Options {
    Options {
        chains_only: true,
        ..Options::default()
    }
}

/// The node statements of a DOT picture: `"id" [label=…`.
fn nodes(dot: &str) -> Vec<&str> {
    dot.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"') && !l.contains("->"))
        .collect()
}

fn node<'a>(dot: &'a str, id: &str) -> Option<&'a str> {
    let start = format!("\"{id}\" [");
    nodes(dot).into_iter().find(|l| l.starts_with(&start))
}

#[test]
fn albania_chains_only_dot_snapshot() {
    let dot = graph::dot_with(&albania(), &chains_only()).unwrap();
    insta::assert_snapshot!("albania-chains-only-dot", dot);
}

#[test]
fn pictures_have_a_title_and_a_legend() {
    for path in common::case_files("cases") {
        let c = compile(&std::fs::read_to_string(&path).unwrap());
        for o in [Options::default(), chains_only()] {
            let dot = graph::dot_with(&c, &o).unwrap();
            assert!(dot.contains("labelloc=t"), "{}", path.display());
            assert!(dot.contains("Nodes — "), "{}: a legend", path.display());
            assert!(dot.contains("support on record"), "{}", path.display());
            let mermaid = graph::mermaid_with(&c, &o).unwrap();
            assert!(mermaid.starts_with("---\ntitle: \""), "{}", path.display());
            assert!(mermaid.contains("\nflowchart LR\n"));
            assert!(mermaid.contains("subgraph legend[\"Legend\"]"));
        }
    }
}

#[test]
fn actors_are_drawn_by_their_role_in_shape_and_words() {
    let dot = graph::dot(&albania());
    let iran = node(&dot, "iran").unwrap();
    assert!(iran.contains("accused") && iran.contains("shape=box") && iran.contains("bold"));
    let albania = node(&dot, "albania").unwrap();
    assert!(
        albania.contains("victim") && albania.contains("shape=house"),
        "{albania}"
    );
    let microsoft = node(&dot, "microsoft").unwrap();
    assert!(microsoft.contains("claimant") && microsoft.contains("shape=ellipse"));
    // States endorsing another's attribution are endorsers, not accused.
    let c = compile(
        r#"case e { title "E" }
source s { kind government publisher "G" reliability B }
actor a { kind state name "A" }
actor b { kind state name "B" }
actor x { kind state name "X" }
actor v { kind company name "V" }
event hit { kind wiper date 2022-01-10 target v }
claim by-a { by a date 2022-02-01 source s attributes hit to x as sponsor }
claim by-b { by b date 2022-02-02 source s endorses by-a }
"#,
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let dot = graph::dot(&c);
    let b = node(&dot, "b").unwrap();
    assert!(b.contains("endorser") && b.contains("dashed"), "{b}");
    let x = node(&dot, "x").unwrap();
    assert!(x.contains("accused"), "{x}");
    let mermaid = graph::mermaid(&c);
    assert!(mermaid.contains("class n_b endorser"));
    assert!(mermaid.contains("n_hit -->|\"targeted\"| n_v"), "{mermaid}");
    assert!(mermaid.contains("class n_x accused"));
}

#[test]
fn chains_only_draws_no_claim_evidence_or_response() {
    let c = albania();
    let dot = graph::dot_with(&c, &chains_only()).unwrap();
    for shape in ["shape=note", "shape=folder", "shape=hexagon"] {
        assert!(!dot.contains(shape), "{shape} in a chains-only picture");
    }
    let analysis = &c.analysis;
    for chain in &analysis.chains.chains {
        for &l in &chain.links {
            let link = &analysis.links[l];
            let edge = format!(
                "\"{}\" -> \"{}\"",
                c.model.name(link.from),
                c.model.name(link.to)
            );
            assert!(dot.contains(&edge), "no edge {edge}");
        }
    }
}

#[test]
fn the_event_filter_keeps_the_chains_from_that_event() {
    let c = albania();
    let o = Options {
        event: Some("tims-attack".into()),
        ..Options::default()
    };
    let dot = graph::dot_with(&c, &o).unwrap();
    assert!(dot.contains("\"tims-attack\" -> \"iran\""));
    assert!(node(&dot, "july-attack").is_none(), "another event");
    assert!(
        node(&dot, "microsoft").is_none(),
        "a claimant of other chains"
    );
    assert!(
        node(&dot, "rama-tims-attribution").is_some(),
        "the chain's claim"
    );
    assert!(dot.contains("from event tims-attack"));
    // Parts count for the whole: the July attack's chains include Microsoft's
    // chains from the initial access, part of it.
    let o = Options {
        event: Some("july-attack".into()),
        chains_only: true,
        ..Options::default()
    };
    let dot = graph::dot_with(&c, &o).unwrap();
    assert!(dot.contains("\"initial-access\" -> \"dev-0861\""));
    assert!(!dot.contains("\"tims-attack\" ->"));
    // Unknown ids are errors that say what was meant.
    let err = graph::dot_with(
        &c,
        &Options {
            event: Some("tims-atack".into()),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(err.contains("did you mean `tims-attack`"), "{err}");
    let err = graph::dot_with(
        &c,
        &Options {
            event: Some("iran".into()),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(err.contains("is an actor, not an event"), "{err}");
}

#[test]
fn the_claimant_filter_keeps_that_claimants_chains() {
    let c = albania();
    let o = Options {
        claimant: Some("mandiant".into()),
        chains_only: true,
        ..Options::default()
    };
    let dot = graph::dot_with(&c, &o).unwrap();
    assert!(dot.contains("by mandiant"));
    assert!(!dot.contains("by microsoft"));
    assert!(node(&dot, "iran").is_none(), "Mandiant names no state");
    let o = Options {
        claimant: Some("microsoft".into()),
        chains_only: true,
        ..Options::default()
    };
    let dot = graph::dot_with(&c, &o).unwrap();
    assert!(dot.contains("by microsoft") && !dot.contains("by mandiant"));
    assert!(
        dot.contains("\"mois\" -> \"iran\""),
        "structural links serve every chain"
    );
}

#[test]
fn as_of_draws_the_case_as_it_stood() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
    )
    .unwrap();
    let c = compile_with(
        &text,
        attrib_core::Options {
            as_of: attrib_core::syntax::parse_date("2022-09-01"),
        },
    );
    let dot = graph::dot_with(&c, &chains_only()).unwrap();
    assert!(dot.contains("as of 2022-09-01"));
    assert!(
        !dot.contains("by edi-rama"),
        "Albania had not attributed it yet"
    );
    assert!(dot.contains("by mandiant"));
}

/// A small case whose texts (as the file writes them, escapes and all) are
/// the case's title, the accused's and the claimant's names and the
/// event's title; it compiles without errors.
fn titled(title: &str, accused: &str, claimant: &str, event: &str) -> Compilation {
    let c = compile(&format!(
        r#"case x {{ title "{title}" }}
source s {{ kind vendor publisher "V" reliability B }}
actor evil {{ kind state name "{accused}" }}
actor v {{ kind company name "{claimant}" }}
event e {{ title "{event}" kind wiper date 2022-01-10 target evil }}
claim c {{ by v date 2022-02-01 source s attributes e to evil as sponsor }}
"#
    ));
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    c
}

#[test]
fn mermaid_labels_are_escaped() {
    let c = titled(
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        r#"V\" onclick=\"alert(3)"#,
        "<script>alert(4)</script>",
    );
    let m = graph::mermaid(&c);
    assert!(!m.contains("<script"), "{m}");
    assert!(!m.contains("<img"), "{m}");
    assert!(!m.contains("onclick=\""), "{m}");
    assert!(m.contains("#60;img src=x"), "{m}");
    assert!(m.contains("onerror=alert#40;2#41;#62;"), "{m}");
    // The only markup written is line breaks.
    let without_breaks = m.replace("<br/>", "");
    assert!(!without_breaks.contains('<'), "{without_breaks}");
    // DOT's HTML-like title is escaped too.
    let dot = graph::dot(&c);
    assert!(dot.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// A NUL, an escape sequence, a right-to-left override or a `##[` in a
/// case's text reaches the DOT picture as its escape, in every kind of
/// label (the title is HTML-like, nodes and edges quoted strings): a NUL
/// ended Graphviz's reading of the file. Graphviz renders it whole.
#[test]
fn control_characters_reach_dot_as_escapes() {
    let c = titled(
        r"Title\u{0}NUL ##[error]x",
        r"State\u{0}A \u{202e}B",
        r"V\u{1b}[2J",
        r"Attack\u{0}\u{7}",
    );
    let dot = graph::dot(&c);
    let live: Vec<char> = dot
        .chars()
        .filter(|&c| attrib_core::chars::is_hidden(c) && c != '\n')
        .collect();
    assert!(live.is_empty(), "{live:?} in\n{dot}");
    assert!(!dot.contains("##["), "{dot}");
    // Each shown as its escape: the title as it is (HTML-like), the node
    // labels with the backslash doubled, which Graphviz draws as one.
    assert!(dot.contains(r"Title\u{0}NUL #\u{23}[error]x"), "{dot}");
    assert!(dot.contains(r"State\\u{0}A \\u{202e}B"), "{dot}");
    assert!(dot.contains(r"Attack\\u{0}\\u{7}"), "{dot}");
    // Graphviz reads the whole file: the last node's label is in the SVG.
    if let Ok(mut child) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains(r"State\u{0}A"), "{svg}");
        assert!(svg.contains(r"Attack\u{0}\u{7}"), "{svg}");
    }
}
