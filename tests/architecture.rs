//! The layers of the core library point down only (ARCHITECTURE.md, "Layers"):
//! a module may use the modules of a lower layer, never one of its own
//! layer or above; and the files of one folder (`render/`, `syntax/` …) use
//! each other without a cycle. The imports are read from the sources, as
//! `crate::module` paths and `super::file` paths outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `crates/attrib-core/src` and its layer: a
/// module uses only modules of lower layers.
const LAYERS: &[(&str, u8)] = &[
    // Leaves: they import nothing of the crate.
    ("chars", 0),
    ("suggest", 0),
    ("span", 0),
    ("date", 0),
    ("vocab", 0),
    ("grammar", 0),
    // The diagnostic model, the outside vocabularies, the language description.
    ("diagnostics", 1),
    ("vocab_data", 1),
    ("language", 1),
    // The text: decoding and positions, the syntax tree.
    ("source", 2),
    ("syntax", 2),
    // Names, and the canonical layout.
    ("resolve", 3),
    ("format", 3),
    // The resolved case.
    ("model", 4),
    // What is derived from it.
    ("analysis", 5),
    // What is wrong with it.
    ("check", 6),
    // The pipeline.
    ("compile", 7),
    // The research variables.
    ("compare", 8),
    // The outputs.
    ("render", 9),
    // What an editor asks.
    ("ide", 10),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/attrib-core/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments (`//` to the end of the line; the crate
/// writes no `/* */` comments and no `//` inside strings that name a path).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words that follow `prefix` in `text` (`crate::` → `model`, `render` …).
fn paths_after<'a>(text: &'a str, prefix: &str) -> BTreeSet<&'a str> {
    text.match_indices(prefix)
        .filter(|(i, _)| {
            // `crate::` itself, not `attrib_crate::`.
            *i == 0
                || !text.as_bytes()[i - 1].is_ascii_alphanumeric() && text.as_bytes()[i - 1] != b'_'
        })
        .map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The top-level module a file belongs to.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn every_module_has_a_layer() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    for f in &files {
        let m = module_of(f);
        assert!(
            m == "lib" || layers.contains_key(m.as_str()),
            "{m} ({}) has no layer in tests/architecture.rs: give it one, and say so in ARCHITECTURE.md",
            f.display()
        );
    }
}

#[test]
fn layers_point_down() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for f in &files {
        let m = module_of(f);
        let Some(&mine) = layers.get(m.as_str()) else {
            continue;
        };
        for used in paths_after(&code(f), "crate::") {
            if used == m {
                continue;
            }
            let Some(&theirs) = layers.get(used) else {
                continue;
            };
            if theirs >= mine {
                wrong.push(format!(
                    "{} (layer {mine}) uses `crate::{used}` (layer {theirs})",
                    f.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_files_of_a_folder_use_each_other_without_a_cycle() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    // Folder → file → the sibling files it uses.
    let mut graph: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for f in &files {
        let dir = f.parent().unwrap().to_path_buf();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        if name == "mod" || dir == src() {
            continue;
        }
        let text = code(f);
        let folder = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut used: BTreeSet<String> = paths_after(&text, "super::")
            .into_iter()
            .map(str::to_string)
            .collect();
        used.extend(
            paths_after(&text, &format!("crate::{folder}::"))
                .into_iter()
                .map(str::to_string),
        );
        used.retain(|u| u != &name && dir.join(format!("{u}.rs")).exists());
        graph.entry(dir).or_default().insert(name, used);
    }
    for (dir, edges) in &graph {
        // Depth-first, with the path kept: a file met again on it closes a cycle.
        fn visit(
            n: &str,
            edges: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(at) = path.iter().position(|p| p == n) {
                let mut cycle = path[at..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            if !done.insert(n.to_string()) {
                return None;
            }
            path.push(n.to_string());
            for next in edges.get(n).into_iter().flatten() {
                if let Some(c) = visit(next, edges, path, done) {
                    return Some(c);
                }
            }
            path.pop();
            None
        }
        let mut done = BTreeSet::new();
        for start in edges.keys() {
            let mut path = Vec::new();
            if let Some(cycle) = visit(start, edges, &mut path, &mut done) {
                panic!(
                    "{}: the files use each other in a cycle: {}",
                    dir.strip_prefix(src()).unwrap().display(),
                    cycle.join(" → ")
                );
            }
        }
    }
}

/// The test can fail: a made-up import that points up is found.
#[test]
fn an_import_that_points_up_is_found() {
    let text = "use crate::render::words;\nuse crate::span::Span; // crate::ide in a comment\n";
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let used = paths_after(&code, "crate::");
    assert_eq!(used, BTreeSet::from(["render", "span"]));
}
