//! Bad input never panics: randomly mutated copies of the real cases (lines
//! deleted or repeated, characters swapped, the file truncated) go through
//! every phase and every renderer, and every diagnostic points inside the
//! file. Fixed seed, bounded number of mutations: this runs in seconds.

use attrib::compile;
use attrib::render::{Style, chains_human, chains_json, check_human, check_json};
use std::path::Path;

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(5) {
        0 => {
            // Delete a few lines.
            for _ in 0..1 + rng.below(3) {
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    lines.remove(i);
                }
            }
            lines.concat()
        }
        1 => {
            // Repeat a line.
            if lines.is_empty() {
                return String::new();
            }
            let i = rng.below(lines.len());
            let l = lines[i];
            lines.insert(i, l);
            lines.concat()
        }
        2 => {
            // Swap two characters.
            let mut chars: Vec<char> = text.chars().collect();
            if chars.len() > 1 {
                let i = rng.below(chars.len());
                let j = rng.below(chars.len());
                chars.swap(i, j);
            }
            chars.into_iter().collect()
        }
        3 => {
            // Truncate at a character boundary.
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_string()
        }
        _ => {
            // Replace a character with something awkward.
            let awkward = [
                '{', '}', '"', '#', '~', ',', '\u{200B}', '\u{202E}', '\t', '\r', '\\', 'é',
            ];
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let i = rng.below(chars.len());
                chars[i] = awkward[rng.below(awkward.len())];
            }
            chars.into_iter().collect()
        }
    }
}

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
