//! `attrib report`: the HTML page of every case, its escaping, its anchors
//! and cross-links, its timeline; the index; the command that writes them.
//! The pages in a real browser are checked by `scripts/report-check`.

use assert_cmd::Command;
use attrib_core::render::report;
use attrib_core::{Options, compile, compile_with};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common;

fn page(text: &str) -> String {
    let c = compile(text);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    report::case_page(&c, text, "test.case")
}

/// The values of an attribute, in order: `attr="…"`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(k) = rest.find(&needle) {
        rest = &rest[k + needle.len()..];
        let end = rest.find('"').expect("a closing quote");
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Every `href="#x"` has an element with `id="x"`, and ids are unique.
fn assert_anchors_resolve(html: &str, what: &str) {
    let ids: Vec<&str> = values(html, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{what}: an id is used twice");
    let mut links = 0;
    for href in values(html, "href") {
        if let Some(target) = href.strip_prefix('#') {
            links += 1;
            // maud writes `&` as `&amp;` inside attributes.
            let target = target.replace("&amp;", "&");
            assert!(
                unique.contains(target.as_str()),
                "{what}: href=\"#{target}\" has no id"
            );
        }
    }
    assert!(links > 0, "{what}: no links at all");
}

#[test]
fn every_case_renders_a_complete_page() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let html = page(&text);
        let what = path.display().to_string();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
            "{what}"
        );
        assert!(html.contains("<title>") && html.contains("<h1>"), "{what}");
        for section in [
            "id=\"assessments\"",
            "id=\"timeline\"",
            "id=\"chains\"",
            "id=\"claims\"",
            "id=\"evidence\"",
            "id=\"sources\"",
            "id=\"diagnostics\"",
        ] {
            assert!(html.contains(section), "{what}: no {section}");
        }
        // Self-contained: nothing is loaded, no script runs.
        assert!(
            !html.contains("<script"),
            "{what}: a case page runs no script"
        );
        assert!(!html.contains("<link"), "{what}");
        assert!(values(&html, "src").is_empty(), "{what}: loads something");
        assert!(html.contains("Content-Security-Policy"), "{what}");
        assert!(html.contains("default-src 'none'"), "{what}");
        // The timeline: an accessible SVG with marks.
        assert!(
            html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""),
            "{what}"
        );
        assert!(
            html.contains("role=\"img\"") && html.contains("<title id=\"timeline-title\">"),
            "{what}"
        );
        assert!(
            html.contains("class=\"mark mark-event\""),
            "{what}: no event on the timeline"
        );
        assert!(
            html.contains("class=\"mark mark-claim\""),
            "{what}: no claim on the timeline"
        );
        // Every declaration has its anchor and its line.
        let c = compile(&text);
        for n in c.model.nodes() {
            if matches!(n, attrib_core::model::Node::Case(_)) {
                continue;
            }
            let a = report::anchor(&c.model, n);
            assert!(
                html.contains(&format!("id=\"{a}\"")),
                "{what}: no anchor {a}"
            );
        }
        assert!(html.contains("<span class=\"loc\">test.case:"), "{what}");
        assert_anchors_resolve(&html, &what);
    }
}

#[test]
fn figures_are_labelled_support_on_record_and_stated_confidence_is_theirs() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
    )
    .unwrap();
    let html = page(&text);
    assert!(html.contains("Support on record"));
    assert!(html.contains("Stated confidence (theirs)"));
    assert!(html.contains("the claimant's own"));
    // attrib's figure is never called confidence nor given a likelihood word.
    for window in html.split("support-figure").skip(1) {
        let near: String = window.chars().take(200).collect();
        for word in ["likely", "almost certain", "confidence"] {
            assert!(
                !near.contains(word),
                "`{word}` beside a support figure: {near}"
            );
        }
    }
    // The answer first: Iran, by three states, 69 of 100.
    let answers =
        &html[html.find("id=\"assessments\"").unwrap()..html.find("id=\"timeline\"").unwrap()];
    assert!(answers.contains("Iran") && answers.contains("3 states"));
    assert!(answers.contains("<strong>68</strong> of 100"));
}

#[test]
fn the_timeline_marks_events_claims_evidence_responses_and_deadlines() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
    )
    .unwrap();
    let c = compile(&text);
    let t = attrib_core::render::timeline::build(&c);
    use attrib_core::render::timeline::Lane;
    for lane in [Lane::Event, Lane::Claim, Lane::Evidence, Lane::Response] {
        assert!(t.marks.iter().any(|m| m.lane == lane), "no {lane:?} mark");
    }
    assert!(
        t.marks.iter().any(|m| m.deadline.is_some()),
        "the severance's deadline"
    );
    // Claims carry their stated confidence (theirs).
    let albania = t
        .marks
        .iter()
        .find(|m| m.anchor == "claim-albania-attribution")
        .unwrap();
    assert_eq!(albania.stated, Some(95));
    assert!(albania.note.contains("stated almost-certain"));
    let html = report::case_page(&c, &text, "albania.case");
    for class in ["mark-event", "mark-claim", "mark-evidence", "mark-response"] {
        assert!(html.contains(&format!("class=\"mark {class}\"")), "{class}");
    }
    assert!(html.contains("class=\"deadline\""));
    // An approximate date (~2021-05) has fuzzy ends; a month is a bar, not a point.
    assert!(html.contains("class=\"fuzzy fuzzy-left event\""));
    assert!(html.contains("class=\"fuzzy fuzzy-right event\""));
    // The description of a mark says the date's precision in words.
    assert!(html.contains("2022-07 (known to the month; any day from 2022-07-01 to 2022-07-31)"));
    // As of a date: the as-of line, and what came later is not drawn.
    let c = compile_with(
        &text,
        Options {
            as_of: attrib_core::syntax::parse_date("2022-09-01"),
        },
    );
    let t = attrib_core::render::timeline::build(&c);
    assert!(
        t.marks
            .iter()
            .all(|m| m.anchor != "claim-albania-attribution")
    );
    let html = report::case_page(&c, &text, "albania.case");
    assert!(html.contains("class=\"as-of\""));
    assert!(html.contains("As of 2022-09-01"));
    assert_anchors_resolve(&html, "albania as of 2022-09-01");
}

const HOSTILE: &str = r#"case hostile {
  title "<script>alert('title')</script> & co"
  summary "<script>alert(1)</script> <img src=x onerror=alert(2)> \"quoted\""
}
source s1 {
  kind vendor
  publisher "<b>bold</b>"
  title "</td></tr></table><script>alert(3)</script>"
  url "javascript:alert(4)"
  reliability B
}
source s2 {
  kind media
  publisher "Web"
  title "A web page"
  url "https://example.org/?a=1&b=<2>"
  reliability C
}
actor victim { kind state name "<img src=x onerror=alert(5)>" }
actor bad { kind state name "Bad \" onmouseover=\"alert(6)" }
actor vendor { kind company name "Vendor</text><script>alert(7)</script>" }
event attack {
  title "</title><script>alert(8)</script>"
  kind wiper
  date 2022-01-10
  target victim
  source s1
}
claim c1 {
  by vendor
  date 2022-02-01
  source s1, s2
  attributes attack to bad as sponsor
  confidence high "<script>alert(9)</script>"
  quote "</blockquote><script>alert(10)</script>"
}
evidence e1 { class malware source s1 credibility 2 disclosed yes supports c1 summary "<svg onload=alert(11)>" }
"#;

/// The index of one case, read from `path`.
fn index_of(c: &attrib_core::Compilation, path: &str) -> String {
    report::index_page(
        &[report::IndexEntry::new(c, "case.html".into(), path.into())],
        None,
    )
}

#[test]
fn case_text_is_escaped_everywhere() {
    let html = page(HOSTILE);
    // No markup from the case reaches the page: every `<script` is text.
    assert!(!html.contains("<script"), "a <script> got through");
    assert!(!html.contains("<img"), "an <img> got through");
    assert!(!html.contains("<svg onload"), "an <svg> got through");
    assert!(
        !html.contains("onmouseover=\"alert"),
        "an attribute got out of its quotes"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the summary reads as text"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    // A `javascript:` address is shown, never linked; a web address is linked.
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("javascript:alert(4)"));
    assert!(html.contains("href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\""));
    assert_anchors_resolve(&html, "hostile");

    // The index escapes the titles too.
    let index = index_of(&compile(HOSTILE), "<x>.case");
    let without_own_script = index.replace(&index[index.find("<script>").unwrap()..], "");
    assert!(
        !without_own_script.contains("<script"),
        "{without_own_script}"
    );
    assert!(index.contains("&lt;script&gt;alert('title')&lt;/script&gt; &amp; co"));
    assert_eq!(
        index.matches("<script>").count(),
        1,
        "only the sorting script"
    );
}

#[test]
fn the_index_compares_the_cases() {
    let cases: Vec<(PathBuf, attrib_core::Compilation)> = common::case_files("cases")
        .into_iter()
        .map(|p| {
            let c = compile(&std::fs::read_to_string(&p).unwrap());
            (p, c)
        })
        .collect();
    let entries: Vec<report::IndexEntry> = cases
        .iter()
        .map(|(p, c)| {
            report::IndexEntry::new(c, report::page_name(c, "x"), p.display().to_string())
        })
        .collect();
    let html = report::index_page(&entries, None);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert_eq!(
        html.matches("<tr>").count(),
        cases.len() + 1,
        "a header and a row per case"
    );
    for e in &entries {
        assert!(html.contains(&format!("href=\"{}\"", e.href)));
    }
    assert!(html.contains("Support on record by states (attrib's, 0–100)"));
    assert!(html.contains("Strongest stated confidence (the claimant's)"));
    assert!(html.contains("data-kind=\"number\""));
}

#[test]
fn page_names_are_plain_file_names() {
    let c = compile("case a.b/../c { title \"x\" }\n");
    let name = report::page_name(&c, "fallback");
    assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
    assert!(name.ends_with(".html"));
    let c = compile("actor a { kind state name \"A\" }\n");
    assert_eq!(report::page_name(&c, "my-case"), "my-case.html");
}

// --- The command ---------------------------------------------------------------------------------

fn attrib() -> Command {
    let mut cmd = Command::cargo_bin("attrib").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attrib-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn report_writes_a_page_per_case_and_an_index() {
    let dir = scratch("all").join("new/folder");
    attrib()
        .args(["report", "cases/", "-o"])
        .arg(&dir)
        .assert()
        .code(0);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let cases = common::case_files("cases");
    assert_eq!(names.len(), cases.len() + 1, "{names:?}");
    assert!(names.contains(&"index.html".to_string()));
    assert!(names.contains(&"albania-iran-2022.html".to_string()));
    assert!(
        names.iter().all(|n| n.ends_with(".html")),
        "no temporary file is left: {names:?}"
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    for n in names.iter().filter(|n| *n != "index.html") {
        assert!(index.contains(&format!("href=\"{n}\"")), "{n}");
    }
    // One case: its page, no index.
    let one = scratch("one");
    attrib()
        .args(["report", "cases/sony-2014.case", "-o"])
        .arg(&one)
        .args(["--as-of", "2015-01"])
        .assert()
        .code(0);
    assert!(one.join("sony-2014.html").exists());
    assert!(!one.join("index.html").exists());
    let html = std::fs::read_to_string(one.join("sony-2014.html")).unwrap();
    assert!(html.contains("As of 2015-01"));
}

#[test]
fn report_refuses_what_it_cannot_do() {
    let dir = scratch("refuse");
    // The folder is a file.
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = attrib()
        .args(["report", "cases/sony-2014.case", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("it is a file, not a folder"));
    // No output folder.
    attrib()
        .args(["report", "cases/sony-2014.case"])
        .assert()
        .code(2);
    // A case with errors: exit 1, and its page is not written.
    let bad = dir.join("bad.case");
    std::fs::write(&bad, "case bad { title \"B\" }\nclaim c { by nobody }\n").unwrap();
    let out_dir = dir.join("out");
    attrib()
        .args(["report"])
        .arg(&bad)
        .arg("-o")
        .arg(&out_dir)
        .assert()
        .code(1);
    assert!(!out_dir.join("bad.html").exists());
    // A missing case: exit 2.
    attrib()
        .args(["report", "no-such.case", "-o"])
        .arg(dir.join("out2"))
        .assert()
        .code(2);
}

#[cfg(unix)]
#[test]
fn report_never_writes_through_a_symbolic_link() {
    let dir = scratch("symlink");
    let outside = dir.join("outside.html");
    std::fs::write(&outside, "keep me").unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("sony-2014.html")).unwrap();
    attrib()
        .args(["report", "cases/sony-2014.case", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    let meta = std::fs::symlink_metadata(out.join("sony-2014.html")).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the link was replaced by the page"
    );
}

#[test]
fn report_help_answers_the_question() {
    let out = attrib()
        .args(["report", "--help"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for word in [
        "--out",
        "--as-of",
        "index.html",
        "self-contained",
        "Exit codes",
        "docs/report.md",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
}

#[test]
fn the_timeline_gives_its_busiest_month_room() {
    use attrib_core::date::{Date, DatePoint, civil_from_days};
    use attrib_core::render::timeline;
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
    )
    .unwrap();
    let t = timeline::build(&compile(&text));
    // The month in which most marks start: September 2022, with most of them.
    let mut by_month: std::collections::BTreeMap<(i32, u32), usize> = Default::default();
    for m in &t.marks {
        let (y, mo, _) = civil_from_days(m.date.interval().0);
        *by_month.entry((y, mo)).or_default() += 1;
    }
    let (&(y, mo), &n) = by_month.iter().max_by_key(|(_, n)| **n).unwrap();
    assert_eq!((y, mo), (2022, 9));
    assert!(2 * n > t.marks.len(), "{n} of {} marks", t.marks.len());
    let month = Date {
        from: DatePoint {
            year: y,
            month: Some(mo),
            day: None,
            approx: false,
        },
        to: None,
    };
    let share = timeline::share_of_width(&t, &month);
    // A linear axis gave it 9 % of the width; the focus-and-context axis
    // gives it room in proportion to what happens in it.
    assert!(
        share >= 0.40,
        "{n} of {} marks start in {y}-{mo:02}, drawn across {:.0} % of the width",
        t.marks.len(),
        share * 100.0
    );
}

fn albania() -> (String, attrib_core::Compilation) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case"),
    )
    .unwrap();
    let c = compile(&text);
    (text, c)
}

/// The text between `start` and the `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = s[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &s[from..to]
}

#[test]
fn the_page_has_print_styles() {
    let (text, c) = albania();
    let html = report::case_page(&c, &text, "albania.case");
    let style = between(&html, "<style>", "</style>");
    let print = &style[style.find("@media print").expect("print styles")..];
    let rule = |selector: &str| -> &str {
        let at = print
            .find(&format!("\n  {selector}"))
            .unwrap_or_else(|| panic!("no print rule for {selector}"));
        between(&print[at..], "{", "}")
    };
    // The contents sidebar is for the screen.
    assert!(rule(".toc, .skip").contains("display: none"));
    // Headings stay with what follows them; the timeline is not cut.
    let keep_with_next = rule("h2, h3, caption");
    assert!(
        keep_with_next.contains("break-after: avoid"),
        "{keep_with_next}"
    );
    let whole = print
        .lines()
        .find(|l| l.trim_start().starts_with("h2, h3, p, li"))
        .expect("a rule keeping headings, paragraphs and items whole");
    assert!(
        whole.contains(".timeline-figure") && whole.contains("break-inside: avoid"),
        "{whole}"
    );
    // Support bars print without backgrounds: drawn with a border.
    let fill = rule(".meter .fill {");
    assert!(
        fill.contains("border-top:") && fill.contains("background: none"),
        "{fill}"
    );
    assert!(print.contains("print-color-adjust: exact"));
    // A page size is left to the printer; margins are set.
    assert!(print.contains("@page { margin:"));
}

#[test]
fn the_contents_are_made_from_the_sections_and_resolve() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let c = compile(&text);
        let html = report::case_page(&c, &text, "test.case");
        let what = path.display().to_string();
        let nav = between(
            &html,
            "<nav class=\"toc\" aria-label=\"Contents\">",
            "</nav>",
        );
        let main = between(&html, "<main>", "</main>");
        let page_ids: BTreeSet<&str> = values(&html, "id").into_iter().collect();
        // Every entry of the contents goes to something on the page.
        let hrefs = values(nav, "href");
        assert!(hrefs.len() > 10, "{what}: {hrefs:?}");
        for h in &hrefs {
            let id = h.strip_prefix('#').expect("an anchor");
            assert!(page_ids.contains(id), "{what}: the contents link to #{id}");
        }
        // Every section of the page has its entry, in the page's order.
        let sections: Vec<&str> = main
            .split("<section id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let entries: Vec<&str> = hrefs
            .iter()
            .map(|h| &h[1..])
            .filter(|h| sections.contains(h))
            .collect();
        assert_eq!(entries, sections, "{what}");
        assert_eq!(sections[0], "assessments", "{what}: the answer first");
        // Each assessment in detail is an entry.
        let n = c.analysis.assessments.len();
        for k in 1..=n {
            assert!(
                hrefs.contains(&format!("#assessment-{k}").as_str()),
                "{what}: assessment {k}"
            );
        }
    }
}

#[test]
fn the_index_policy_names_its_script_by_hash() {
    use base64::Engine;
    use sha2::Digest;
    let index = index_of(&albania().1, "a.case");
    let csp = between(
        &index,
        "http-equiv=\"Content-Security-Policy\" content=\"",
        "\"",
    );
    let script_src = between(csp, "script-src ", ";");
    assert!(!script_src.contains("unsafe"), "{csp}");
    assert!(csp.contains("default-src 'none'"));
    let script = between(&index, "<script>", "</script>");
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    assert_eq!(
        script_src,
        format!("'sha256-{hash}'"),
        "the index's script changed: put its hash in CSP_INDEX (render/report.rs)"
    );
}

#[test]
fn the_index_ranks_responses_on_the_ladder_and_names_claimants() {
    use attrib_core::compare::RESPONSE_LADDER;
    let entries: Vec<report::IndexEntry> = common::case_files("cases")
        .into_iter()
        .map(|p| {
            let c = compile(&std::fs::read_to_string(&p).unwrap());
            report::IndexEntry::new(&c, report::page_name(&c, "x"), p.display().to_string())
        })
        .collect();
    let html = report::index_page(&entries, None);
    let heads = between(&html, "<thead>", "</thead>");
    assert!(
        heads.contains("data-kind=\"number\" aria-sort=\"none\">Strongest response"),
        "{heads}"
    );
    let mut ranked = 0;
    for row in between(&html, "<tbody>", "</tbody>").split("<tr>").skip(1) {
        let last = &row[row.rfind("<td").unwrap()..];
        let e = entries
            .iter()
            .find(|e| row.contains(&format!("href=\"{}\"", e.href)))
            .unwrap();
        match &e.record.strongest_response {
            Some(word) => {
                let rank = RESPONSE_LADDER
                    .iter()
                    .position(|k| k.word() == word)
                    .unwrap();
                assert!(
                    last.starts_with(&format!("<td data-value=\"{rank}\">{word}")),
                    "{last}"
                );
                ranked += 1;
            }
            None => assert!(last.starts_with("<td data-value=\"\">—"), "{last}"),
        }
        // Who stated the strongest confidence, by name, not by id.
        for (id, name) in e.record.stated_confidence_by.iter().zip(&e.stated_by) {
            assert_ne!(id, name, "{}: {id} has a name", e.path);
            // As the page writes it: HTML-escaped ("Foreign, Commonwealth &amp;
            // Development Office").
            let shown = name
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(row.contains(&shown), "{name}");
            assert!(!row.contains(&format!(" by {id}")), "{id}");
        }
    }
    assert!(ranked >= 5, "{ranked} cases with a response");
    // Albania's strongest response is the severance of relations, above the
    // sanctions that sort before it by name.
    let albania = entries
        .iter()
        .find(|e| e.href == "albania-iran-2022.html")
        .unwrap();
    assert_eq!(
        albania.record.strongest_response.as_deref(),
        Some("severance")
    );
    assert!(
        albania.stated_by.iter().any(|n| n == "Edi Rama"),
        "{:?}",
        albania.stated_by
    );
}

#[test]
fn timeline_rows_say_who_in_full() {
    let (text, c) = albania();
    let t = attrib_core::render::timeline::build(&c);
    let label = |anchor: &str| &t.marks.iter().find(|m| m.anchor == anchor).unwrap().label;
    // A claim's row says who made it (and the state they speak for), not its id.
    assert_eq!(label("claim-albania-attribution"), "Edi Rama (Albania)");
    assert_eq!(label("claim-iran-denial-albania"), "Nasser Kanaani (Iran)");
    assert_eq!(label("claim-microsoft-roles"), "Microsoft");
    let note = &t
        .marks
        .iter()
        .find(|m| m.anchor == "claim-albania-attribution")
        .unwrap()
        .note;
    assert_eq!(note, "attributes to Iran · stated almost-certain");
    // Labels are drawn in full, over several lines when long.
    let html = report::case_page(&c, &text, "albania.case");
    let svg = between(
        &html,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"",
        "</svg>",
    );
    assert!(!svg.contains('…'), "a label is cut");
    for m in &t.marks {
        for word in m.label.split_whitespace() {
            assert!(svg.contains(word), "{word} of {}", m.label);
        }
    }
    assert!(
        svg.contains("<tspan x=\"4\" dy=\"12.5\">"),
        "a long label goes on to a second line"
    );
}
