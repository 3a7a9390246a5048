//! Analysis that survives broken text (ARCHITECTURE.md, "Parsing never
//! fails"): a declaration with a syntax error keeps what was read before
//! it, the whole file is resolved and checked, and nothing reported rests
//! on what the error hid. And follow-on diagnostics are not reported where
//! their cause already is: an unknown reference draws no "no chain
//! reaches", an invalid date feeds no chronology, a search cut at its depth
//! bound draws no "no chain reaches".

use attrib_core::compile;
use attrib_core::diagnostics::{Code, Severity};
use std::path::Path;

fn albania() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case");
    std::fs::read_to_string(path).unwrap()
}

fn codes(text: &str) -> Vec<&'static str> {
    compile(text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// The closing brace of the declaration that starts with `header`.
fn closing_brace(text: &str, header: &str) -> usize {
    let start = text.find(header).unwrap();
    start + text[start..].find("\n}\n").unwrap() + 1
}

/// Issue 12's test: the Albania case with one `}` removed and a reference
/// misspelt a few lines further on reports both, and nothing about the
/// broken declaration's id (references to it resolve).
#[test]
fn a_missing_brace_and_a_misspelt_reference_are_both_reported() {
    let mut text = albania();
    let brace = closing_brace(&text, "claim albania-attribution {");
    text.replace_range(brace..brace + 1, "");
    let denial = text.find("  denies albania-attribution").unwrap();
    text.replace_range(
        denial..denial + "  denies albania-attribution".len(),
        "  denies albania-atribution",
    );
    let c = compile(&text);
    let found: Vec<(&str, &str)> = c
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "E0001");
    assert!(
        found[0]
            .1
            .contains("`claim albania-attribution` is not closed"),
        "{found:?}"
    );
    assert_eq!(found[1], ("E0101", "`albania-atribution` is not declared"));
    let unknown = &c.diagnostics[1];
    assert_eq!(unknown.help, "did you mean `albania-attribution`?");
    // The broken claim is in the tree, partial, with the fields before the
    // error, and declared.
    let symbols = &c.symbols;
    let i = symbols.lookup("albania-attribution").unwrap();
    let Some(attrib_core::syntax::ast::Decl::Claim(claim)) = c.file.decls.get(i) else {
        panic!("albania-attribution is a claim");
    };
    assert!(claim.head.partial);
    assert_eq!(claim.by[0].value, "edi-rama");
    assert_eq!(claim.statements.len(), 1);
}

/// Every declaration of the Albania case with its closing brace removed,
/// one at a time: exactly one diagnostic, the syntax error, naming the
/// declaration. No follow-on: no unknown reference, no missing field, no
/// warning resting on what is absent.
#[test]
fn any_brace_removed_draws_only_the_syntax_error() {
    let text = albania();
    assert!(
        compile(&text)
            .diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Warning),
        "the case checks without errors"
    );
    let mut checked = 0;
    for (line_start, _) in text.match_indices("\n}\n") {
        let brace = line_start + 1;
        let mut broken = text.clone();
        broken.replace_range(brace..brace + 1, "");
        let c = compile(&broken);
        let found: Vec<(&str, &str)> = c
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "brace at {brace}: {found:#?}");
        assert_eq!(found[0].0, "E0001", "brace at {brace}");
        assert!(found[0].1.contains("is not closed"), "{found:?}");
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

/// A misspelt field keyword in the middle of declarations: one syntax
/// error each, and nothing else — the declaration keeps the fields before
/// it, loses the ones after, and is not said to lack them.
#[test]
fn a_misspelt_field_draws_only_the_syntax_error() {
    let text = albania();
    let mut checked = 0;
    let mut offset = 0;
    for (k, line) in text.split_inclusive('\n').enumerate() {
        let here = offset;
        offset += line.len();
        // Every fifth field line whose keyword is a word of its own.
        let Some(field) = line.strip_prefix("  ") else {
            continue;
        };
        let keyword: String = field
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        if k % 5 != 0 || keyword.len() < 3 || field.starts_with(' ') {
            continue;
        }
        let mut broken = text.clone();
        // `source` → `sXurce`: no longer a keyword, and no value.
        broken.replace_range(here + 3..here + 4, "X");
        let found: Vec<&str> = codes(&broken);
        assert_eq!(found, ["E0001"], "line {}: {}", k + 1, line.trim());
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
}

/// A response against an actor named by a misspelt id: the unknown
/// reference is reported, and no "no chain reaches" besides.
#[test]
fn an_unknown_reference_draws_no_unreached_response() {
    let text = albania().replacen("  against iran\n", "  against irna\n", 1);
    let found = codes(&text);
    assert!(found.contains(&"E0101"), "{found:?}");
    assert!(!found.contains(&"W0301"), "{found:?}");
    // An attribution whose event is misspelt: the response that answers the
    // event is not measured against a chain the typo broke.
    let text = "case c { title \"C\" }
source s { kind vendor publisher \"P\" reliability B }
actor v { kind company name \"V\" }
actor a { kind state name \"A\" }
event e { kind intrusion date 2022-01-01 source s }
claim k { by v date 2022-02-01 source s attributes ee to a as operator }
evidence x { class malware source s credibility 2 disclosed yes supports k }
response r { kind sanctions by v against a date 2022-03-01 answers e source s }
";
    let found = codes(text);
    assert_eq!(found, ["E0101"], "{found:?}");
    // Fixed, the case checks clean: the test above did not pass by accident.
    assert!(codes(&text.replace("attributes ee", "attributes e")).is_empty());
}

/// An invalid date is reported as such and compared with nothing.
#[test]
fn an_invalid_date_feeds_no_chronology() {
    let text = "case c { title \"C\" }
source s { kind vendor publisher \"P\" reliability B published 2022-02-02 }
actor v { kind company name \"V\" }
actor a { kind state name \"A\" }
event e { kind intrusion date 2022-13-07 source s }
claim k { by v date 2022-02-01 source s attributes e to a as operator }
evidence x { class malware source s credibility 2 disclosed yes supports k known 2022-14-01 }
response r { kind sanctions by v against a date 2022-00-09 answers e source s }
";
    let found = codes(text);
    assert_eq!(found, ["E0106", "E0106", "E0106"], "{found:?}");
    // With valid dates in the wrong order, chronology is reported.
    let valid = text
        .replace("2022-13-07", "2022-12-07")
        .replace("2022-14-01", "2022-12-01");
    let found = codes(&valid);
    assert!(found.contains(&"E0301"), "{found:?}");
}

/// A case whose attribution reaches `a0`, from which structural links go
/// up to `a{depth}`, and a response against `against`.
fn deep(depth: usize, against: &str) -> String {
    let mut text = String::from(
        "case c { title \"C\" }\nsource s { kind media publisher \"P\" reliability B }\nactor v { kind company name \"V\" }\n",
    );
    for i in 0..=depth {
        let up = if i < depth {
            format!(" part of a{} per s", i + 1)
        } else {
            String::new()
        };
        let kind = if i < depth { "organisation" } else { "state" };
        text.push_str(&format!("actor a{i} {{ kind {kind} name \"A{i}\"{up} }}\n"));
    }
    text.push_str(
        "event e { kind intrusion date 2022-01-01 source s }
claim k { by v date 2022-02-01 source s attributes e to a0 as operator }
evidence x { class malware source s credibility 2 disclosed yes supports k }
",
    );
    text.push_str(&format!(
        "response r {{ kind sanctions by v against {against} date 2022-03-01 answers e source s }}\n"
    ));
    text
}

/// A chain longer than the search's depth bound: `attrib chains` notes the
/// cut, and `check` does not report the response against the end as
/// unreached.
#[test]
fn a_cut_search_draws_no_unreached_response() {
    let depth = attrib_core::analysis::chains::MAX_DEPTH + 3;
    let text = deep(depth, &format!("a{depth}"));
    let c = compile(&text);
    let analysis = &c.analysis;
    assert!(
        analysis
            .chains
            .notes
            .iter()
            .any(|n| matches!(n, attrib_core::analysis::chains::Note::TooDeep { .. })),
        "the search is cut"
    );
    let found: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert!(!found.contains(&Code::Unreached), "{found:?}");
    // A short chain: its end is reached, and an actor off it is reported.
    assert!(!codes(&deep(3, "a3")).contains(&"W0301"));
    assert!(codes(&deep(3, "v")).contains(&"W0301"));
}
