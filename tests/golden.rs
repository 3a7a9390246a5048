//! Golden output of real cases (the Albania and Sony cases, and the seven
//! cases of the corpus's second half), in every format that renders a case:
//! the STIX bundle, the chains as JSON (with the calculus) and as text (with
//! and without `--explain`), the pictures in DOT and Mermaid, the compare CSV and JSON (of the first two;
//! the whole corpus's table is in docs/corpus.md), and the report page's
//! main content. A change to any figure, word or id of these cases
//! shows up here as a snapshot to review (`cargo insta review`).

use attrib_core::render::{Style, chains_human, chains_json, compare, graph, report, stix};
use attrib_core::{Compilation, compile};

const CASES: [&str; 9] = [
    "albania-iran-2022",
    "sony-2014",
    "olympic-destroyer-2018",
    "tv5monde-2015",
    "ukraine-grid-2015",
    "opm-2015",
    "colonial-pipeline-2021",
    "kaseya-revil-2021",
    "bangladesh-bank-2016",
];

fn compiled(name: &str) -> Compilation {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("cases")
        .join(format!("{name}.case"));
    compile(&std::fs::read_to_string(path).expect("the case is in cases/"))
}

/// The snapshot of one output of one case: `golden__<case>.<what>.snap`.
fn golden(name: &str, what: &str, text: &str) {
    insta::assert_snapshot!(format!("{name}.{what}"), text);
}

#[test]
fn stix() {
    for name in CASES {
        golden(name, "stix", &stix::bundle(&compiled(name)));
    }
}

#[test]
fn chains_json_with_the_calculus() {
    for name in CASES {
        golden(
            name,
            "chains-explain.json",
            &chains_json::build(&compiled(name), true).to_json(),
        );
    }
}

#[test]
fn chains_text() {
    for name in CASES {
        let c = compiled(name);
        for (explain, what) in [(false, "chains.txt"), (true, "chains-explain.txt")] {
            let model = chains_json::build(&c, explain);
            golden(name, what, &chains_human::render(&model, Style::default()));
        }
    }
}

#[test]
fn pictures() {
    for name in CASES {
        let c = compiled(name);
        golden(name, "dot", &graph::dot(&c));
        golden(name, "mmd", &graph::mermaid(&c));
    }
}

#[test]
fn compare_csv_and_json() {
    let records: Vec<_> = ["albania-iran-2022", "sony-2014"]
        .iter()
        .map(|n| attrib_core::compare::record(&compiled(n)))
        .collect();
    golden("albania-and-sony", "compare.csv", &compare::csv(&records));
    golden("albania-and-sony", "compare.json", &compare::json(&records));
}

#[test]
fn report_main_content() {
    for name in CASES {
        let path = format!("cases/{name}.case");
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&path))
                .unwrap();
        let page = report::case_page(&compile(&text), &text, &path);
        let start = page.find("<main").expect("the page has a main element");
        let end = page.rfind("</main>").expect("the main element is closed") + "</main>".len();
        // One element a line, so that a change reads as a few lines.
        let main = page[start..end].replace("><", ">\n<");
        golden(name, "report-main.html", &main);
    }
}
