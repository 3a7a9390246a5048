use super::*;

const ALBANIA: &str = include_str!("../../../cases/albania-iran-2022.case");

#[test]
fn the_words_come_from_the_language() {
    let w = words();
    assert_eq!(
        w.declarations,
        [
            "case",
            "source",
            "actor",
            "event",
            "claim",
            "evidence",
            "response",
            "hypothesis"
        ]
    );
    for k in [
        "attributes",
        "organ",
        "of",
        "takes",
        "responsibility",
        "to",
        "as",
        "per",
        "in",
    ] {
        assert!(w.keywords.contains(k), "{k}");
    }
    for v in [
        "state",
        "operator",
        "almost-certain",
        "retorsion",
        "partly",
        "very-inconsistent",
    ] {
        assert!(w.vocabulary.contains(v), "{v}");
    }
    assert!(!w.keywords.contains("actor"));
}

/// The panes are the command line's outputs: the assessments and the chains
/// are `attrib chains` cut in two, the diagnostics `check --format json`'s.
#[test]
fn the_panes_are_the_command_lines_outputs() {
    let mut s = Session::new(ALBANIA, "albania-iran-2022.case");
    assert_eq!(s.errors(), 0);
    let c = compile(ALBANIA);
    let model = render::chains_json::build(&c, false);
    let whole = render::chains_human::render(&model, STYLE);
    let (assessments, chains) = (s.assessments(), s.chains());
    assert!(assessments.contains("july-attack → Iran (state)"));
    assert!(chains.starts_with("\nChains\n"));
    assert_eq!(assessments + &chains, whole);
    assert_eq!(s.chains_json(), model.to_json());
    let diagnostics: serde_json::Value = serde_json::from_str(&s.diagnostics()).unwrap();
    assert_eq!(diagnostics["path"], "albania-iran-2022.case");
    assert_eq!(
        diagnostics["diagnostics"].as_array().unwrap().len(),
        c.diagnostics.len()
    );
    assert_eq!(
        s.report(),
        render::report::case_page(&c, ALBANIA, "albania-iran-2022.case")
    );
    assert_eq!(
        s.ach(),
        render::ach::render(&render::ach::build(&c, None).unwrap(), STYLE)
    );
    assert!(s.ach().contains("july-attack"));
}

/// The timeline pane is the report's timeline section, with its style and
/// its policy, and nothing else of the page.
#[test]
fn the_timeline_is_the_reports() {
    let s = Session::new(ALBANIA, "albania-iran-2022.case");
    let page = s.timeline();
    let report = s.report();
    let svg = |p: &str| {
        let start = p
            .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"")
            .expect("a timeline");
        let end = start + p[start..].find("</svg>").unwrap();
        p[start..end].to_string()
    };
    assert_eq!(svg(&page), svg(&report));
    assert!(page.contains("Content-Security-Policy"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("id=\"assessments\""));
}

/// A misspelt id draws an error with a fix that puts the right one back.
#[test]
fn a_misspelt_id_has_its_fix() {
    let broken = ALBANIA.replacen(
        "attributes july-attack to iran as",
        "attributes july-attack to irann as",
        1,
    );
    let s = Session::new(&broken, "a.case");
    assert_eq!(s.errors(), 1);
    let d: serde_json::Value = serde_json::from_str(&s.diagnostics()).unwrap();
    let error = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    let edit = &error["fixes"][0]["edits"][0];
    assert_eq!(edit["text"], "iran");
    let (at, len) = (
        edit["offset"].as_u64().unwrap() as usize,
        edit["length"].as_u64().unwrap() as usize,
    );
    assert_eq!(&broken[at..at + len], "irann");
}
