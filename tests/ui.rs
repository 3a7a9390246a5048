//! UI tests: every fixture in `tests/ui/` rendered in every format of
//! `attrib check` (human as a person sees it, JSON, concise, SARIF results,
//! GitHub commands), snapshotted with insta. One fixture per diagnostic code
//! at least; `ok-*.case` fixtures are near misses that must draw nothing.

use attrib_core::Loaded;
use attrib_core::diagnostics::{CATALOGUE, Diagnostic};
use attrib_core::render::{Style, check_concise, check_human, check_json, github, sarif};
use std::path::Path;

struct Rendered {
    name: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

fn load(path: &Path) -> Rendered {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let loaded = Loaded::from_bytes(&bytes);
    Rendered {
        name: format!("tests/ui/{}", path.file_name().unwrap().to_string_lossy()),
        text: loaded.text().to_string(),
        diagnostics: loaded.diagnostics(),
    }
}

impl Rendered {
    fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    fn human(&self) -> String {
        let style = Style {
            color: false,
            width: 100,
        };
        check_human::render(&self.name, &self.text, &self.diagnostics, style)
    }

    fn json(&self) -> String {
        let out = check_json::file_output(&self.name, &self.text, &self.diagnostics);
        serde_json::to_string_pretty(&out).unwrap()
    }

    fn concise(&self) -> String {
        check_concise::lines(&self.name, &self.text, &self.diagnostics)
    }

    fn sarif(&self) -> String {
        sarif::results(&sarif::FileDiagnostics {
            path: &self.name,
            text: &self.text,
            diagnostics: &self.diagnostics,
        })
    }

    fn github(&self) -> String {
        github::commands(&self.name, &self.text, &self.diagnostics)
    }
}

fn is_near_miss(path: &Path) -> bool {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("ok-")
}

#[test]
fn fixtures_render_as_snapshotted() {
    insta::glob!("ui/*.case", |path| {
        if is_near_miss(path) {
            return;
        }
        let r = load(path);
        let own = path.file_name().unwrap().to_string_lossy()[..5].to_string();
        assert!(
            r.codes().contains(&own.as_str()),
            "{} should report {own}, but reports {:?}",
            path.display(),
            r.codes()
        );
        insta::assert_snapshot!(r.human());
    });
}

#[test]
fn fixtures_in_every_format() {
    insta::glob!("ui/*.case", |path| {
        if is_near_miss(path) {
            return;
        }
        let r = load(path);
        insta::assert_snapshot!("json", r.json());
        insta::assert_snapshot!("concise", r.concise());
        insta::assert_snapshot!("sarif", r.sarif());
        insta::assert_snapshot!("github", r.github());
    });
}

/// Near misses: what looks like a mistake and is not draws nothing, in
/// any format.
#[test]
fn near_misses_draw_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !is_near_miss(&path) {
            continue;
        }
        seen += 1;
        let r = load(&path);
        assert!(
            r.diagnostics.is_empty(),
            "{} should draw nothing, but draws:\n{}",
            path.display(),
            r.human()
        );
        assert_eq!(r.human(), "");
        assert_eq!(r.concise(), "");
        assert_eq!(r.github(), "");
        assert_eq!(r.sarif(), "");
    }
    assert!(seen >= 4, "{seen} near-miss fixtures");
}

/// One column convention: the first place the human output names for a
/// diagnostic (its first snippet's header) is its primary label's line and
/// column, in Unicode characters, exactly as the JSON output gives them.
#[test]
fn the_human_header_names_the_primary_label_as_json_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if is_near_miss(&path) {
            continue;
        }
        let r = load(&path);
        let json = check_json::file_output(&r.name, &r.text, &r.diagnostics);
        for (d, j) in r.diagnostics.iter().zip(&json.diagnostics) {
            let style = Style {
                color: false,
                width: 100,
            };
            let one = check_human::render(&r.name, &r.text, std::slice::from_ref(d), style);
            let Some(header) = one.lines().find(|l| l.trim_start().starts_with("╭─[")) else {
                continue;
            };
            let primary = &j.labels[0];
            let expected = format!("{}:{}:{}]", r.name, primary.line, primary.column);
            assert!(
                header.ends_with(&expected),
                "{}: {} names `{header}`, JSON `{expected}`",
                path.display(),
                d.code.as_str()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

/// Fixes are data that fix: applying any fix a fixture's diagnostic
/// offers gives a file with fewer diagnostics of that code.
#[test]
fn every_fix_fixes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut applied = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if is_near_miss(&path) {
            continue;
        }
        let r = load(&path);
        let count = |text: &str, code| {
            attrib_core::compile(text)
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .count()
        };
        for d in &r.diagnostics {
            for fix in &d.fixes {
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
                let mut text = r.text.clone();
                for (span, new) in edits {
                    text.replace_range(span.start..span.end, &new);
                }
                assert!(
                    count(&text, d.code) < count(&r.text, d.code),
                    "{}: the fix `{}` of {} leaves it:\n{text}",
                    path.display(),
                    fix.title,
                    d.code.as_str()
                );
                applied += 1;
            }
        }
    }
    assert!(applied >= 15, "{applied} fixes applied");
}

#[test]
fn every_code_has_a_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/ui exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for info in CATALOGUE {
        let expected = format!("{}-{}", info.code, info.name);
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&expected) && n.ends_with(".case")),
            "no fixture tests/ui/{expected}.case for {}",
            info.code
        );
    }
}
