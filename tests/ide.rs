//! The editor features tested on the core directly, with cursor fixtures:
//! each `tests/ide/*.case` marks a cursor with `$0`; what the `ide` layer
//! answers there — definition, references, hover, completion, a rename to
//! `renamed` — is snapshotted, each span shown as `line:column "text"`.

use attrib_core::compile;
use attrib_core::ide;
use attrib_core::source::LineIndex;
use attrib_core::span::Span;
use std::fmt::Write;

const CURSOR: &str = "$0";

fn answers(text: &str, at: usize) -> String {
    let c = compile(text);
    let lines = LineIndex::new(text);
    let show = |s: Span| {
        let (line, col) = lines.line_column(s.start);
        format!("{line}:{col} {:?}", &text[s.start..s.end])
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "definition: {}",
        ide::definition(&c, at).map_or("none".into(), show)
    );
    let refs: Vec<String> = ide::references(&c, at, true)
        .into_iter()
        .map(show)
        .collect();
    let _ = writeln!(out, "references: {refs:?}");
    match ide::hover(&c, at) {
        Some((span, words)) => {
            let _ = writeln!(out, "hover on {}:\n{words}", show(span));
        }
        None => out.push_str("hover: none\n"),
    }
    let completions: Vec<String> = ide::completions(&c, text, at)
        .into_iter()
        .map(|k| format!("{} ({:?})", k.label, k.kind))
        .collect();
    let _ = writeln!(out, "completions: {completions:?}");
    match ide::rename(&c, at, "renamed") {
        Ok(edits) => {
            let edits: Vec<String> = edits
                .into_iter()
                .map(|(s, t)| format!("{} → {t}", show(s)))
                .collect();
            let _ = writeln!(out, "rename: {edits:?}");
        }
        Err(why) => {
            let _ = writeln!(out, "rename refused: {why}");
        }
    }
    out
}

#[test]
fn cursor_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ide");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5);
    for path in paths {
        let marked = std::fs::read_to_string(&path).unwrap();
        let at = marked
            .find(CURSOR)
            .expect("a fixture marks its cursor with $0");
        let text = marked.replacen(CURSOR, "", 1);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, answers(&text, at));
    }
}
