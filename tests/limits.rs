//! Awkward and very large input, each handled on purpose: a 10 MB line,
//! 100,000 declarations, the deepest nesting of relations, bytes that are
//! not UTF-8, a byte-order mark, CRLF line endings, tabs, zero-width and
//! right-to-left characters. (Files over 32 MiB are refused unread by the
//! command line: `tests/cli.rs`.)

use attrib_core::diagnostics::Code;
use attrib_core::render::{Style, chains_json, check_human, check_json};
use attrib_core::{Loaded, compile};
use std::fmt::Write;

/// Compile and render in every format; return the JSON diagnostics.
fn everything(text: &str) -> serde_json::Value {
    let c = compile(text);
    for d in &c.diagnostics {
        for l in &d.labels {
            assert!(
                l.span.end <= text.len()
                    && text.is_char_boundary(l.span.start)
                    && text.is_char_boundary(l.span.end)
            );
        }
    }
    check_human::render("limit.case", text, &c.diagnostics, Style::default());
    chains_json::build(&c, true).to_json();
    attrib_core::render::stix::bundle(&c);
    attrib_core::render::graph::dot(&c);
    let out = check_json::file_output("limit.case", text, &c.diagnostics);
    serde_json::to_value(&out).unwrap()
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_line_of_ten_megabytes() {
    let long = "attribution evidence ".repeat(500_000);
    let text = format!(
        "case x {{ title \"T\" summary \"{long}\" }} event e {{ kind other date 2022 target nobody }}"
    );
    assert!(text.len() > 10_000_000 && !text.contains('\n'));
    let v = everything(&text);
    assert_eq!(codes(&v), ["E0101"]);
    let label = &v["diagnostics"][0]["labels"][0];
    assert_eq!(label["line"], 1);
    assert_eq!(
        label["column"].as_u64().unwrap() as usize,
        text.rfind("nobody").unwrap() + 1
    );
    // The human output says where, without printing ten megabytes.
    let c = compile(&text);
    let human = check_human::render("limit.case", &text, &c.diagnostics, Style::default());
    assert!(human.len() < 2_000, "{} bytes", human.len());
    assert!(human.contains("the line is too long to show"));
}

#[test]
fn a_hundred_thousand_declarations() {
    let mut text = String::from(
        "case big {\n  title \"Big\"\n}\n\nsource s {\n  kind vendor\n  publisher \"P\"\n  reliability B\n}\n\nactor state {\n  kind state\n  name \"State\"\n}\n\nactor vendor {\n  kind company\n  name \"Vendor\"\n}\n\n",
    );
    for i in 0..33_333 {
        let _ = write!(
            text,
            "event e{i} {{\n  kind intrusion\n  date 2022-01-01\n}}\n\nclaim c{i} {{\n  by vendor\n  date 2022-02-01\n  source s\n  attributes e{i} to state as sponsor\n}}\n\nevidence v{i} {{\n  class malware\n  source s\n  credibility 2\n  disclosed yes\n  supports c{i}\n}}\n\n"
        );
    }
    // And a few unknown references, with suggestions.
    text.push_str("claim wrong {\n  by vendr\n  date 2022-02-01\n  source s\n  attributes e1 to stat as sponsor\n}\n");
    let c = compile(&text);
    assert_eq!(c.file.decls.len(), 100_004);
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownReference)
        .collect();
    assert_eq!(errors.len(), 2);
    assert!(
        errors[0].help.contains("did you mean `vendor`?"),
        "{}",
        errors[0].help
    );
    assert_eq!(c.analysis.chains.chains.len(), 33_333);
}

#[test]
fn the_deepest_nesting_is_a_note_not_a_stack_overflow() {
    // The grammar does not nest; relations do: 100,000 actors each part of
    // the next, 100,000 sources each repeating the next, and an attack at
    // the bottom of the actors.
    let n = 100_000;
    let mut text = String::from("case deep {\n  title \"Deep\"\n}\n\n");
    for i in 0..n {
        let _ = writeln!(
            text,
            "actor a{i} {{ kind organisation name \"A{i}\" part of a{} }}",
            i + 1
        );
        let _ = writeln!(
            text,
            "source s{i} {{ kind media publisher \"P\" reliability C repeats s{} }}",
            i + 1
        );
    }
    let _ = writeln!(
        text,
        "actor a{n} {{ kind state name \"Top\" }}\nsource s{n} {{ kind media publisher \"P\" reliability C }}"
    );
    text.push_str("actor v { kind company name \"V\" }\nevent e { kind wiper date 2022 }\n");
    text.push_str("claim c { by v date 2022 source s0 attributes e to a0 as operator }\n");
    let c = compile(&text);
    assert!(
        !c.has_errors(),
        "{:?}",
        c.diagnostics
            .iter()
            .find(|d| d.severity() == attrib_core::diagnostics::Severity::Error)
    );
    let analysis = &c.analysis;
    assert!(
        analysis
            .chains
            .notes
            .iter()
            .any(|n| matches!(n, attrib_core::analysis::chains::Note::TooDeep { .. })),
        "{:?}",
        analysis.chains.notes
    );
    let source = |id: &str| match c.model.node_of(c.symbols.lookup(id).unwrap()) {
        Some(attrib_core::model::Node::Source(s)) => s,
        other => panic!("{id} is {other:?}"),
    };
    let (s0, root) = (source("s0"), source(&format!("s{n}")));
    assert_eq!(
        analysis.record.roots[&s0]
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [root]
    );
    everything(&text);
}

#[test]
fn bytes_that_are_not_utf8_name_their_offset() {
    let mut bytes = b"case x {\n  title \"Caf".to_vec();
    bytes.extend([0xE9, b'"', b'\n', b'}']);
    let loaded = Loaded::from_bytes(&bytes);
    let d = loaded.diagnostics();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::NotUtf8);
    assert!(
        d[0].message.contains("byte 0xE9 at offset 21"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].labels[0].span.start, 21);
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let text = "\u{FEFF}case x { title \"T\" nme \"n\" }";
    let v = everything(text);
    let label = &v["diagnostics"][0]["labels"][0];
    assert_eq!(
        (label["line"].as_u64(), label["column"].as_u64()),
        (Some(1), Some(20))
    );
    assert_eq!(
        label["offset"].as_u64().unwrap() as usize,
        text.find("nme").unwrap()
    );
}

#[test]
fn crlf_gives_the_same_lines_and_columns_as_lf() {
    let lf =
        "case x {\n  title \"T\"\n}\n\nevent e {\n  kind wiper\n  date 2022\n  target nobody\n}\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = everything(lf);
    let b = everything(&crlf);
    let place = |v: &serde_json::Value| {
        let l = &v["diagnostics"][0]["labels"][0];
        (
            l["line"].as_u64(),
            l["column"].as_u64(),
            l["length"].as_u64(),
        )
    };
    assert_eq!(place(&a), place(&b));
    assert_eq!(place(&a), (Some(8), Some(10), Some(6)));
}

#[test]
fn a_tab_is_one_column() {
    let text = "case x {\n\ttitle \"T\"\n\tnme \"n\"\n}";
    let v = everything(text);
    let l = &v["diagnostics"][0]["labels"][0];
    assert_eq!(
        (l["line"].as_u64(), l["column"].as_u64()),
        (Some(3), Some(2))
    );
}

#[test]
fn zero_width_and_right_to_left_characters() {
    // In text they are text; next to an error they count as columns and
    // never split a character.
    let text = "case x { title \"\u{202E}txet\u{200B}\u{200F}\" }\nactor \u{0627}\u{0644}\u{0639} { kind state name \"\u{200B}\" }\nevent e { kind wiper date 2022 target \u{200F}nobody }";
    let v = everything(text);
    assert!(codes(&v).contains(&"E0001".to_string()), "{:?}", codes(&v));
    let text = "case x { title \"\u{202E}txet\u{200B}\" }\nactor \u{0627}\u{0644}\u{0639} { kind state name \"\u{200B}\" }\nevent e { kind wiper date 2022 target nobody\u{0301} }";
    let v = everything(text);
    let unknown = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E0101")
        .expect("an unknown reference");
    assert_eq!(unknown["labels"][0]["line"], 3);
    assert_eq!(unknown["labels"][0]["column"], 39);
}

/// `allow` is applied in one pass: a hundred thousand declarations, each
/// allowing its own warning, check quickly (quadratic handling took minutes
/// here, and 20 minutes on a 31 MiB file), and every allow does what it
/// says: each silences its declaration's warning, and a second allow of the
/// same code on the same declaration silences nothing.
#[test]
fn a_hundred_thousand_allows() {
    let n = 100_000;
    let mut text = String::from("case x { title \"T\" }\n");
    for i in 0..n {
        let _ = writeln!(
            text,
            "source s{i} {{ kind media publisher \"P\" reliability B allow W0101 \"kept on purpose\" }}"
        );
    }
    text.push_str(
        "source twice { kind media publisher \"P\" reliability B allow W0101 \"a\" allow W0101 \"b\" }\n",
    );
    text.push_str("source unused { kind media publisher \"P\" reliability B }\n");
    let c = compile(&text);
    let found: Vec<(Code, usize)> = c
        .diagnostics
        .iter()
        .map(|d| (d.code, d.primary().start))
        .collect();
    let twice = text.find("source twice").unwrap();
    let second = twice + text[twice..].find("allow W0101 \"b\"").unwrap();
    let unused = text.find("source unused").unwrap();
    assert_eq!(
        found,
        [(Code::UselessAllow, second), (Code::Unused, unused)],
        "{:?}",
        c.diagnostics
    );
}

/// A 1 MB id (declared twice, referred to misspelt, unused) is shortened in
/// every message of every format: no output echoes it.
#[test]
fn a_megabyte_id_is_shortened_in_every_format() {
    use attrib_core::render::{check_concise, github, sarif};
    let id = format!("a{}", "b".repeat(1 << 20));
    let text = format!(
        "case c {{ title \"C\" }}\nactor {id} {{ kind state name \"A\" }}\nactor {id} {{ kind state name \"B\" }}\nevent e {{ kind intrusion date 2022 target {id}x }}\n"
    );
    let c = compile(&text);
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"E0102") && codes.contains(&"E0101"),
        "{codes:?}"
    );
    let d = &c.diagnostics;
    let outputs = [
        (
            "human",
            check_human::render("limit.case", &text, d, Style::default()),
        ),
        (
            "json",
            check_json::file_output("limit.case", &text, d).to_json_fragment(),
        ),
        ("concise", check_concise::lines("limit.case", &text, d)),
        ("github", github::commands("limit.case", &text, d)),
        (
            "sarif",
            sarif::results(&sarif::FileDiagnostics {
                path: "limit.case",
                text: &text,
                diagnostics: d,
            }),
        ),
    ];
    for (format, out) in outputs {
        assert!(out.len() < 16 * 1024, "{format}: {} bytes", out.len());
        assert!(out.contains("abbbb"), "{format}: the id's start is shown");
        assert!(out.contains('…'), "{format}: shortened");
    }
}

/// A warning over a text block of 300 lines shows a few of them, and says
/// how many more it covers (it printed all 300).
#[test]
fn a_label_over_a_long_text_block_is_an_excerpt() {
    let lines: String = (0..300)
        .map(|i| format!("    line {i} of a long quotation\n"))
        .collect();
    let text = format!(
        "case c {{ title \"C\" }}\nsource s {{ kind vendor publisher \"V\" reliability B }}\nactor a {{ kind state name \"A\" }}\nactor v {{ kind company name \"V\" }}\nevent e {{ kind wiper date 2022-01-01 }}\nclaim k {{\n  by v\n  date 2022-02-01\n  source s\n  attributes e to a as sponsor\n  confidence almost-certain \"\"\"\n{lines}    \"\"\"\n}}\n"
    );
    let c = compile(&text);
    assert_eq!(c.diagnostics[0].code, Code::NoEvidence);
    let shown = check_human::render("block.case", &text, &c.diagnostics, Style::default());
    assert!(shown.lines().count() < 30, "{shown}");
    assert!(shown.contains("line 1 of a long quotation"), "{shown}");
    assert!(!shown.contains("line 10 of a long quotation"), "{shown}");
    assert!(shown.contains("(and 299 more lines, not shown)"), "{shown}");
}
