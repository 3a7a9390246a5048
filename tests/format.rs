//! `attrib fmt` loses nothing: a property test over the real cases, the
//! fixtures and randomly re-laid-out copies of them (fixed seed).
//! Formatting twice equals formatting once; the chains and the diagnostics
//! of a file are the same before and after; every comment survives.

use attrib_core::compile;
use attrib_core::format::{format, layout, token_spans};
use attrib_core::render::chains_json;
use std::path::Path;

use crate::common;
use common::Rng;

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["cases", "tests/ui"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "case")
                && let Ok(text) = std::fs::read_to_string(&p)
                && token_spans(&text).is_some()
            {
                out.push((p.display().to_string(), text));
            }
        }
    }
    out
}

/// What formatting must not change: the chains, and the diagnostics' codes
/// and messages (their places move with the layout).
fn meaning(text: &str) -> (String, Vec<(String, String)>) {
    let c = compile(text);
    let chains = chains_json::build(&c, true).to_json();
    let diagnostics = c
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.message.clone()))
        .collect();
    (chains, diagnostics)
}

fn assert_formats_well(name: &str, text: &str) -> String {
    let once = format(text).unwrap_or_else(|d| panic!("{name}: does not format: {d:?}"));
    let twice = format(&once).unwrap();
    assert!(
        once == twice,
        "{name}: formatting twice differs from once:\n{}",
        similar::TextDiff::from_lines(&once, &twice).unified_diff()
    );
    assert_eq!(
        meaning(text),
        meaning(&once),
        "{name}: formatting changed the meaning"
    );
    if once != text {
        let diff = layout(text).unwrap().diff(text, "x.case");
        assert_eq!(
            patched(text, &diff),
            once,
            "{name}: `fmt --check`'s diff does not lead to the formatted text:\n{diff}"
        );
    }
    once
}

/// `old` with a unified diff applied, checking every line it says is there.
fn patched(old: &str, diff: &str) -> String {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0;
    let mut lines = diff.split_inclusive('\n').skip(2).peekable();
    while let Some(line) = lines.next() {
        if let Some(header) = line.strip_prefix("@@ -") {
            let start: usize = header
                .split([',', ' '])
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a hunk header");
            // `-0,0` (nothing before an insertion at the top) is line 0.
            let start = start.saturating_sub(1).max(at);
            out.extend(old[at..start].iter().copied());
            at = start;
            continue;
        }
        let no_newline = lines.peek() == Some(&"\\ No newline at end of file\n");
        let (sign, rest) = line.split_at(1);
        let content = if no_newline {
            lines.next();
            rest.strip_suffix('\n').unwrap()
        } else {
            rest
        };
        match sign {
            " " | "-" => {
                assert_eq!(old[at], content, "the diff's line {at} is not the file's");
                if sign == " " {
                    out.push_str(content);
                }
                at += 1;
            }
            "+" => out.push_str(content),
            other => panic!("a diff line starting {other:?}"),
        }
    }
    out.extend(old[at..].iter().copied());
    out
}

#[test]
fn the_cases_are_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    for entry in std::fs::read_dir(root).unwrap() {
        let p = entry.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            format(&text).unwrap() == text,
            "{} is not formatted: run `attrib fmt cases/`",
            p.display()
        );
    }
}

#[test]
fn real_files_format_idempotently_and_keep_their_meaning() {
    for (name, text) in sources() {
        assert_formats_well(&name, &text);
    }
}

/// Lay a file's tokens out anew: random white space, line breaks, blank
/// lines and comments between them; commas kept where they were.
fn relayout(text: &str, rng: &mut Rng, comments: &mut Vec<String>) -> String {
    let spans = token_spans(text).unwrap();
    let mut out = String::new();
    let mut prev = 0;
    for (k, (start, end)) in spans.iter().enumerate() {
        // A comma between tokens, not one inside a comment.
        let had_comma = text[prev..*start]
            .lines()
            .any(|l| l.split('#').next().unwrap_or("").contains(','));
        let mut comment = || {
            let c = format!("# c{}", comments.len());
            comments.push(c.clone());
            c
        };
        let sep = if had_comma {
            match rng.below(4) {
                0 => ",".to_string(),
                1 => ", ".to_string(),
                2 => " ,\n    ".to_string(),
                _ => format!(", {}\n", comment()),
            }
        } else if k == 0 {
            match rng.below(3) {
                0 => String::new(),
                1 => format!("{}\n\n", comment()),
                _ => "\n\n".to_string(),
            }
        } else {
            match rng.below(9) {
                0 => "\n".to_string(),
                1 => "\n\n".to_string(),
                2 => "\t".to_string(),
                3 => "  \n   ".to_string(),
                4 => format!(" {}\n", comment()),
                5 => format!("\n{}\n\n", comment()),
                6 => format!("\n\n{}\n", comment()),
                _ => " ".to_string(),
            }
        };
        out.push_str(&sep);
        out.push_str(&text[*start..*end]);
        prev = *end;
    }
    if rng.below(2) == 0 {
        out.push_str(&format!("\n{}\n", {
            let c = format!("# c{}", comments.len());
            comments.push(c.clone());
            c
        }));
    }
    out
}

#[test]
fn relaid_out_files_format_idempotently_keep_their_meaning_and_every_comment() {
    let mut rng = Rng(0xF0F0_2026_1122_0001);
    let sources = sources();
    for (name, text) in &sources {
        let rounds = if name.contains("cases/") { 12 } else { 3 };
        for round in 0..rounds {
            let mut comments = Vec::new();
            let messy = relayout(text, &mut rng, &mut comments);
            let formatted = assert_formats_well(&format!("{name} (layout {round})"), &messy);
            for c in &comments {
                assert_eq!(
                    formatted.matches(&format!("{c}\n")).count()
                        + formatted.matches(&format!("{c}\r\n")).count(),
                    1,
                    "{name} (layout {round}): comment `{c}` lost or doubled"
                );
            }
        }
    }
}

#[test]
fn crlf_files_stay_crlf() {
    let text = "case x {\r\n  title \"T\"  # t\r\n}\r\n\r\nactor a { kind state name \"A\" }\r\n";
    let out = format(text).unwrap();
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    assert_eq!(format(&out).unwrap(), out);
    assert_eq!(meaning(text), meaning(&out));
}

#[test]
fn a_byte_order_mark_is_kept() {
    let text = "\u{FEFF}# head\ncase x { title \"T\" }\n";
    let out = format(text).unwrap();
    assert!(out.starts_with("\u{FEFF}# head\n"), "{out:?}");
    assert_eq!(format(&out).unwrap(), out);
}

#[test]
fn files_with_syntax_errors_are_not_formatted() {
    assert!(format("case x { titel \"T\" }").is_err());
}

/// Found by fuzzing: a comment that ends in control characters (here
/// vertical tabs, which Rust counts as white space) keeps them, and the
/// diagnostic they draw (`E0003`) with them; only layout is trimmed.
#[test]
fn a_comment_keeps_its_control_characters() {
    let text = "# are named \u{b}\u{b}\u{b}\ncase x { title \"T\" }  # trailing \u{c}  \n";
    let out = assert_formats_well("control characters in comments", text);
    assert!(out.contains("# are named \u{b}\u{b}\u{b}\n"), "{out:?}");
    assert!(out.contains("# trailing \u{c}\n"), "{out:?}");
    let codes: Vec<String> = meaning(text).1.into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["E0003", "E0003"]);
}
