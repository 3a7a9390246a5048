//! The command line, tested on the built binary: exit codes, formats,
//! messages for files that cannot be read.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

mod common;

const ALBANIA: &str = "cases/albania-iran-2022.case";

/// Run and return standard output, asserting the exit code.
trait StdoutWith {
    fn stdout_with(&mut self, code: i32) -> Vec<u8>;
}

impl StdoutWith for Command {
    fn stdout_with(&mut self, code: i32) -> Vec<u8> {
        self.assert().code(code).get_output().stdout.clone()
    }
}

fn attrib() -> Command {
    let mut cmd = Command::cargo_bin("attrib").expect("the binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attrib-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

const CLEAN: &str = r#"case clean { title "Clean" }
source report { kind vendor publisher "Vendor" reliability B }
actor state-a { kind state name "State A" }
event attack { kind wiper date 2022-01-10 }
claim vendor-claim {
  by vendor
  date 2022-02-01
  source report
  attributes attack to state-a as sponsor
}
actor vendor { kind company name "Vendor" }
evidence sample { class malware source report credibility 2 disclosed yes supports vendor-claim }
"#;

const WARNED: &str = r#"case warned { title "Warned" }
source report { kind vendor publisher "Vendor" reliability B }
source unused { kind media publisher "Paper" reliability C }
actor state-a { kind state name "State A" }
actor vendor { kind company name "Vendor" }
event attack { kind wiper date 2022-01-10 }
claim vendor-claim { by vendor date 2022-02-01 source report attributes attack to state-a as sponsor }
evidence sample { class malware source report credibility 2 disclosed yes supports vendor-claim }
"#;

const BROKEN: &str = "case broken { title \"Broken\" }\nclaim c { by nobody date 2022-01-01 source s attributes e to a as operator }\n";

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("output is JSON")
}

#[test]
fn clean_file_exits_0() {
    let dir = scratch("clean");
    let f = write(&dir, "clean.case", CLEAN.as_bytes());
    attrib()
        .arg("check")
        .arg(&f)
        .arg("--color=never")
        .assert()
        .code(0);
}

#[test]
fn errors_exit_1() {
    let dir = scratch("errors");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .arg("check")
        .arg(&f)
        .arg("--color=never")
        .stdout_with(1);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("E0101"), "{text}");
    assert!(text.contains("error"), "{text}");
}

#[test]
fn warnings_exit_0_unless_denied() {
    let dir = scratch("warned");
    let f = write(&dir, "warned.case", WARNED.as_bytes());
    attrib().arg("check").arg(&f).assert().code(0);
    attrib()
        .args(["check", "--deny", "warnings"])
        .arg(&f)
        .assert()
        .code(1);
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    let out = attrib()
        .args(["check", "no/such/file.case"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("cannot read no/such/file.case"), "{text}");
    attrib().args(["check"]).assert().code(2);
    attrib().args(["frobnicate"]).assert().code(2);
    attrib()
        .args(["check", "--format", "xml", ALBANIA])
        .assert()
        .code(2);
    attrib().args(["explain", "X9999"]).assert().code(2);
}

#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = scratch("empty");
    attrib().arg("check").arg(&dir).assert().code(2);
}

#[test]
fn not_utf8_is_a_diagnostic_not_a_panic() {
    let dir = scratch("latin1");
    let f = write(&dir, "latin1.case", b"case x { title \"Caf\xe9\" }\n");
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&f)
        .stdout_with(1);
    let v = json(&out);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "E0002");
    assert_eq!(d["labels"][0]["offset"], 19);
    assert_eq!(d["labels"][0]["line"], 1);
    assert_eq!(d["labels"][0]["column"], 20);
}

#[test]
fn folders_are_walked_in_path_order_and_one_bad_file_does_not_stop_the_rest() {
    let dir = scratch("folder");
    write(&dir, "b/second.case", CLEAN.as_bytes());
    write(&dir, "a/first.case", BROKEN.as_bytes());
    write(&dir, "a/notes.txt", b"not a case");
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .stdout_with(1);
    let v = json(&out);
    let paths: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a/first.case") && paths[1].ends_with("b/second.case"),
        "{paths:?}"
    );
    assert!(v["errors"].as_u64().unwrap() > 0);
}

#[test]
fn check_json_has_the_documented_shape() {
    let dir = scratch("shape");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&f)
        .stdout_with(1);
    let v = json(&out);
    assert!(v["errors"].is_u64() && v["warnings"].is_u64());
    let file = &v["files"][0];
    assert!(file["path"].as_str().unwrap().ends_with("broken.case"));
    for d in file["diagnostics"].as_array().unwrap() {
        assert!(d["code"].as_str().unwrap().len() == 5);
        assert!(["error", "warning"].contains(&d["severity"].as_str().unwrap()));
        assert!(!d["message"].as_str().unwrap().is_empty());
        assert!(!d["help"].as_str().unwrap().is_empty());
        for l in d["labels"].as_array().unwrap() {
            for k in ["offset", "length", "line", "column"] {
                assert!(l[k].is_u64(), "{k} in {l}");
            }
            assert!(l["message"].is_string());
        }
    }
    // `nobody` is on line 2, column 14.
    let first = &file["diagnostics"][0];
    assert_eq!(first["code"], "E0101");
    assert_eq!(first["labels"][0]["line"], 2);
    assert_eq!(first["labels"][0]["column"], 14);
}

#[test]
fn chains_json_has_the_documented_shape() {
    let out = attrib()
        .args(["chains", "--format", "json", ALBANIA])
        .stdout_with(0);
    let v = json(&out);
    assert_eq!(v["version"], 2);
    assert_eq!(v["case"], "albania-iran-2022");
    let assessments = v["assessments"].as_array().unwrap();
    assert!(!assessments.is_empty());
    for a in assessments {
        assert!(a["event"]["id"].is_string() && a["responsible"]["id"].is_string());
        assert!(a["states"].is_array() && a["attributors"].is_array());
        assert!(a["support"]["value"].as_u64().unwrap() <= 100);
        assert!(a["support"]["level"].is_string());
        assert!(a.get("first_attribution").is_some());
    }
    let chains = v["chains"].as_array().unwrap();
    assert!(!chains.is_empty());
    for c in chains {
        for node in [&c["event"], &c["responsible"]] {
            assert!(node["id"].is_string() && node["kind"].is_string() && node["name"].is_string());
        }
        let conf = c["support"]["value"].as_u64().unwrap();
        assert!(conf <= 100);
        for l in c["links"].as_array().unwrap() {
            assert!(l["from"]["id"].is_string() && l["to"]["id"].is_string());
            assert!(l["relation"].is_string());
            assert!(
                l["claims"].is_array() && l["evidence"].is_array() && l["weaknesses"].is_array()
            );
            assert!(
                l["support"]["value"].as_u64().unwrap() >= conf,
                "a chain is never stronger than its weakest link"
            );
            assert!(l["support"].get("explanation").is_none());
        }
    }
    let explained = attrib()
        .args(["chains", "--explain", "--format", "json", ALBANIA])
        .stdout_with(0);
    let v = json(&explained);
    assert!(v["chains"][0]["links"][0]["support"]["explanation"].is_array());
    assert!(v["assessments"][0]["support"]["explanation"].is_array());
}

#[test]
fn chains_refuses_a_file_with_errors() {
    let dir = scratch("chains-broken");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .arg("chains")
        .arg(&f)
        .arg("--color=never")
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8(out.stderr).unwrap().contains("E0101"));
}

#[test]
fn explain_lists_every_code_one_a_line_code_first() {
    let out = attrib().arg("explain").stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), attrib::diagnostics::CATALOGUE.len());
    for (line, info) in lines.iter().zip(attrib::diagnostics::CATALOGUE) {
        assert!(line.starts_with(info.code), "{line}");
    }
}

#[test]
fn explain_prints_the_explanation() {
    for code in ["E0101", "w0202"] {
        let out = attrib().args(["explain", code]).stdout_with(0);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(&code.to_uppercase()), "{text}");
        assert!(text.contains("## How to fix"), "{text}");
    }
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = scratch("color");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let always = attrib()
        .args(["check", "--color", "always"])
        .arg(&f)
        .stdout_with(1);
    assert!(always.contains(&0x1b), "--color always colours");
    let never = attrib()
        .args(["check", "--color", "never"])
        .arg(&f)
        .stdout_with(1);
    assert!(!never.contains(&0x1b));
    // Not a terminal, and NO_COLOR: no colour in auto mode.
    let auto = attrib()
        .arg("check")
        .arg(&f)
        .env("NO_COLOR", "1")
        .stdout_with(1);
    assert!(!auto.contains(&0x1b));
}

#[test]
fn help_answers_the_question() {
    let out = attrib().arg("--help").stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    for word in ["check", "chains", "explain", "Exit codes"] {
        assert!(text.contains(word), "{word} in {text}");
    }
    let out = attrib().args(["check", "--help"]).stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("--deny")
            && text.contains("--format")
            && text.contains("every `*.case` below")
    );
}

#[test]
fn mutated_cases_exit_0_or_1() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ALBANIA)).unwrap();
    let dir = scratch("mutants");
    let mut rng = common::Rng(0xA1BA_41A0_2022_0715);
    for i in 0..40 {
        let mutant = common::mutate(&text, &mut rng);
        let f = write(&dir, &format!("mutant-{i}.case"), mutant.as_bytes());
        for args in [["check", "--format=json"], ["chains", "--format=json"]] {
            let out = attrib()
                .args(args)
                .arg(&f)
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{args:?} on mutant {i} exited {code:?}"
            );
        }
    }
}

#[test]
fn compare_graph_and_export_on_the_built_binary() {
    let out = attrib().args(["compare", "cases/"]).stdout_with(0);
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("albania-iran-2022")
    );
    let out = attrib()
        .args(["compare", "--format", "csv", "cases/"])
        .stdout_with(0);
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("case,title,as_of,start_date,")
    );
    let out = attrib()
        .args(["compare", "--format", "json", ALBANIA])
        .stdout_with(0);
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
    for format in ["dot", "mermaid"] {
        attrib()
            .args(["graph", "--format", format, ALBANIA])
            .assert()
            .code(0);
    }
    let out = attrib()
        .args(["export", "--format", "stix", ALBANIA])
        .stdout_with(0);
    assert_eq!(json(&out)["type"], "bundle");
}

#[test]
fn compare_keeps_the_order_of_the_command_line() {
    let out = attrib()
        .args([
            "compare",
            "--format",
            "csv",
            "cases/wannacry-2017.case",
            ALBANIA,
            "cases/sony-2014.case",
        ])
        .stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    let cases: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(cases, ["wannacry-2017", "albania-iran-2022", "sony-2014"]);
}

#[test]
fn as_of_shows_the_case_as_it_stood() {
    let before = attrib()
        .args([
            "chains",
            "--format",
            "json",
            "--as-of",
            "2022-09-01",
            ALBANIA,
        ])
        .stdout_with(0);
    let v = json(&before);
    assert_eq!(v["as_of"], "2022-09-01");
    for a in v["assessments"].as_array().unwrap() {
        assert!(a["states"].as_array().unwrap().is_empty(), "{a}");
    }
    let after = attrib()
        .args([
            "compare",
            "--format",
            "json",
            "--as-of",
            "2022-09-30",
            ALBANIA,
        ])
        .stdout_with(0);
    let r = &json(&after)[0];
    assert_eq!(r["number_of_attributing_states"], 3);
    assert_eq!(r["as_of"], "2022-09-30");
    for cmd in [vec!["graph"], vec!["export", "--format", "stix"]] {
        attrib()
            .args(&cmd)
            .args(["--as-of", "2022-09-01", ALBANIA])
            .assert()
            .code(0);
    }
    // Not a date: a usage error that says how to write one.
    let out = attrib()
        .args(["chains", "--as-of", "2022/09/01", ALBANIA])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("2022-09-30")
    );
}

#[test]
fn research_commands_refuse_files_with_errors() {
    let dir = scratch("research-broken");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    for args in [
        vec!["compare"],
        vec!["graph"],
        vec!["export", "--format", "stix"],
    ] {
        let out = attrib()
            .args(&args)
            .arg(&f)
            .assert()
            .code(1)
            .get_output()
            .clone();
        assert!(
            String::from_utf8(out.stderr).unwrap().contains("E0101"),
            "{args:?}"
        );
    }
    attrib().args(["export", ALBANIA]).assert().code(2);
}

#[test]
fn sarif_has_a_rule_per_code_and_located_results() {
    let dir = scratch("sarif");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .args(["check", "--format", "sarif"])
        .arg(&f)
        .stdout_with(1);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), attrib::diagnostics::CATALOGUE.len());
    for r in rules {
        assert!(r["helpUri"].as_str().unwrap().contains("diagnostics.md#"));
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
    }
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "E0101");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(14))
    );
    let custom = attrib()
        .args([
            "check",
            "--format",
            "sarif",
            "--docs-url",
            "https://example.org/d.md",
        ])
        .arg(&f)
        .stdout_with(1);
    assert_eq!(
        json(&custom)["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"],
        "https://example.org/d.md#e0001"
    );
}

#[test]
fn github_annotations_point_at_lines() {
    let dir = scratch("github");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .args(["check", "--format", "github"])
        .arg(&f)
        .stdout_with(1);
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("::error file="), "{first}");
    assert!(first.contains(",line=2,col=14,"), "{first}");
    assert!(first.contains("title=E0101 unknown-reference::"), "{first}");
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
    );
}

#[test]
fn deny_and_allow_codes() {
    let dir = scratch("policy");
    let f = write(&dir, "warned.case", WARNED.as_bytes());
    attrib().arg("check").arg(&f).assert().code(0);
    let out = attrib()
        .args(["check", "--format", "json", "--deny", "W0101"])
        .arg(&f)
        .stdout_with(1);
    let v = json(&out);
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "error");
    assert_eq!(v["errors"], 1);
    let out = attrib()
        .args([
            "check", "--format", "json", "--allow", "W0101", "--deny", "warnings",
        ])
        .arg(&f)
        .stdout_with(0);
    assert_eq!(json(&out)["warnings"], 0);
    attrib()
        .args(["check", "--allow", "E0101"])
        .arg(&f)
        .assert()
        .code(2);
    attrib()
        .args(["check", "--deny", "W9999"])
        .arg(&f)
        .assert()
        .code(2);
}

#[test]
fn fmt_checks_rewrites_and_never_damages() {
    let dir = scratch("fmt");
    let messy = "case m { title \"M\" } # end\n";
    let f = write(&dir, "messy.case", messy.as_bytes());
    let out = attrib()
        .args(["fmt", "--check"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("-case m { title \"M\" } # end") && diff.contains("+  title \"M\""),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        messy,
        "--check changes nothing"
    );

    attrib().arg("fmt").arg(&f).assert().code(0);
    let formatted = std::fs::read_to_string(&f).unwrap();
    assert_eq!(formatted, "case m {\n  title \"M\"\n}  # end\n");
    attrib().args(["fmt", "--check"]).arg(&f).assert().code(0);

    let broken = write(&dir, "broken.case", b"case b { titel \"B\" }\n");
    attrib().arg("fmt").arg(&broken).assert().code(1);
    assert_eq!(
        std::fs::read(&broken).unwrap(),
        b"case b { titel \"B\" }\n",
        "a file with syntax errors is left alone"
    );
    attrib().args(["fmt", "no/such.case"]).assert().code(2);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left behind: {leftovers:?}"
    );
}
