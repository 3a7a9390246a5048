//! UI tests: every fixture in `tests/ui/` rendered as a person sees it,
//! snapshotted with insta. One fixture per diagnostic code at least.

use attrib::Loaded;
use attrib::diagnostics::CATALOGUE;
use attrib::render::{Style, check_human};
use std::path::Path;

fn render(path: &Path) -> (String, Vec<&'static str>) {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let loaded = Loaded::from_bytes(&bytes);
    let diagnostics = loaded.diagnostics();
    let name = format!("tests/ui/{}", path.file_name().unwrap().to_string_lossy());
    let style = Style {
        color: false,
        width: 100,
    };
    let codes = diagnostics.iter().map(|d| d.code.as_str()).collect();
    (
        check_human::render(&name, loaded.text(), &diagnostics, style),
        codes,
    )
}

#[test]
fn fixtures_render_as_snapshotted() {
    insta::glob!("ui/*.case", |path| {
        let (output, codes) = render(path);
        let own = path.file_name().unwrap().to_string_lossy()[..5].to_string();
        assert!(
            codes.contains(&own.as_str()),
            "{} should report {own}, but reports {codes:?}",
            path.display()
        );
        insta::assert_snapshot!(output);
    });
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
