//! The command line, tested on the built binary: exit codes, formats,
//! messages for files that cannot be read.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

use crate::common;

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
    assert_eq!(v["version"], 3);
    assert_eq!(v["case"], "albania-iran-2022");
    let assessments = v["assessments"].as_array().unwrap();
    assert!(!assessments.is_empty());
    for a in assessments {
        assert!(a["event"]["id"].is_string() && a["responsible"]["id"].is_string());
        assert!(a["states"].is_array() && a["attributors"].is_array());
        assert!(a["support"]["value"].as_u64().unwrap() <= 100);
        assert!(a["support"]["level"].is_string());
        assert!(a.get("first_attribution").is_some());
        assert!(a.get("first_attribution_unofficial").is_some());
        assert!(a["support_by"].is_object());
        assert!(a.get("rests_on").is_some());
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

/// `chains` lists the case's warnings on standard error one line each,
/// the same lines as `check --format concise`, then says where to see them
/// in full: the assessments are not pushed off the screen by snippets.
#[test]
fn chains_lists_warnings_one_a_line() {
    let out = attrib()
        .args(["chains", "--color=never", ALBANIA])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    let concise = attrib()
        .args(["check", "--format", "concise", ALBANIA])
        .stdout_with(0);
    let concise = String::from_utf8(concise).unwrap();
    let warnings: Vec<&str> = concise.lines().filter(|l| l.contains(": W")).collect();
    assert!(warnings.len() > 3, "{concise}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[..warnings.len()], warnings[..], "{err}");
    assert_eq!(
        lines[warnings.len()..],
        [format!(
            "{} warnings: `attrib check {ALBANIA}` shows each in place, with what to do",
            warnings.len()
        )],
        "{err}"
    );
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.starts_with("case albania-iran-2022: "), "{shown}");
}

#[test]
fn explain_lists_every_code_one_a_line_code_first() {
    let out = attrib().arg("explain").stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), attrib_core::diagnostics::CATALOGUE.len());
    for (line, info) in lines.iter().zip(attrib_core::diagnostics::CATALOGUE) {
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
            && text.contains("does not follow symlinks")
            && text.contains("concise")
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
            .starts_with("case_id,title,as_of,event,start_date,")
    );
    let out = attrib()
        .args(["compare", "--format", "json", ALBANIA])
        .stdout_with(0);
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
    let out = attrib()
        .args(["compare", "--format", "svg", "cases/"])
        .stdout_with(0);
    let svg = String::from_utf8(out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">olympic-destroyer-2018</text>"));
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
    // A folder's cases come in path order.
    let out = attrib()
        .args(["compare", "--format", "csv", "cases/"])
        .stdout_with(0);
    let text = String::from_utf8(out).unwrap();
    let cases: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let mut sorted = cases.clone();
    sorted.sort();
    assert_eq!(cases, sorted);
    assert_eq!(cases.len(), 14);
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

/// A file whose only error is a syntax error is analysed (the rest of it
/// is checked), yet the commands that read the analysis still refuse it,
/// and `fmt` leaves it alone.
#[test]
fn commands_refuse_a_file_with_a_syntax_error() {
    let dir = scratch("syntax-broken");
    let text = "case c { title \"C\" }\nactor a {\n  kind state\n  nme \"A\"\n}\n";
    let f = write(&dir, "broken.case", text.as_bytes());
    for args in [
        vec!["chains"],
        vec!["compare"],
        vec!["graph"],
        vec!["export", "--format", "stix"],
        vec!["fmt"],
    ] {
        let out = attrib()
            .args(&args)
            .arg(&f)
            .assert()
            .code(1)
            .get_output()
            .clone();
        // (`compare` still prints its table's frame, with no case in it.)
        if args[0] != "compare" {
            assert!(out.stdout.is_empty(), "{args:?}");
        }
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("E0001"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_to_string(&f).unwrap(), text);
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
    assert_eq!(rules.len(), attrib_core::diagnostics::CATALOGUE.len());
    for r in rules {
        assert!(r.get("helpUri").is_none(), "helpUri only from --docs-url");
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

/// A code both denied and allowed is a usage error, in either order, and
/// says which code and why; `--deny warnings --allow CODE` stays valid.
#[test]
fn a_code_denied_and_allowed_is_a_usage_error() {
    let dir = scratch("policy-conflict");
    let f = write(&dir, "warned.case", WARNED.as_bytes());
    for args in [
        ["--deny", "W0101", "--allow", "W0101"],
        ["--allow", "w0101", "--deny", "W0101"],
    ] {
        let out = attrib().arg("check").args(args).arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("`W0101` is both denied and allowed"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
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

// --- Paths: what a walk reads, what fmt writes (Unix: symlinks, FIFOs, modes) ---------------

/// A file outside every test folder whose bytes must never be printed.
#[cfg(unix)]
fn secret(name: &str) -> (PathBuf, &'static str) {
    const MARK: &str = "SECRET-7f3a-do-not-print";
    let outside = scratch(&format!("{name}-outside"));
    let file = write(
        &outside,
        "secret.txt",
        format!("API_TOKEN={MARK}\nroot:x:0:0:root:/root:/bin/bash\n").as_bytes(),
    );
    (file, MARK)
}

#[cfg(unix)]
#[test]
fn a_walk_skips_symlinks_and_never_prints_what_they_point_to() {
    use std::os::unix::fs::symlink;
    let dir = scratch("walk-symlink");
    write(&dir, "good.case", CLEAN.as_bytes());
    let (file, mark) = secret("walk-symlink");
    symlink(&file, dir.join("env.case")).unwrap();
    let passwd = Path::new("/etc/passwd");
    if passwd.exists() {
        symlink(passwd, dir.join("passwd.case")).unwrap();
    }
    for format in ["human", "json", "sarif", "github", "concise"] {
        let out = attrib()
            .args(["check", "--color", "never", "--format", format])
            .arg(&dir)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(!text.contains(mark), "{format}: {text}");
        assert!(!text.contains("root:x:0:0"), "{format}: {text}");
        assert_eq!(out.status.code(), Some(0), "{format}: {text}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("env.case") && stderr.contains("does not follow symlinks"),
            "{format}: {stderr}"
        );
    }
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .stdout_with(0);
    let files = json(&out)["files"].as_array().unwrap().len();
    assert_eq!(files, 1, "only the regular file is checked");
}

#[cfg(unix)]
#[test]
fn a_symlink_named_on_the_command_line_is_read() {
    let dir = scratch("named-symlink");
    let target = write(&dir, "real/target.case", BROKEN.as_bytes());
    let link = dir.join("link.case");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&link)
        .stdout_with(1);
    assert_eq!(json(&out)["files"][0]["diagnostics"][0]["code"], "E0101");
}

#[cfg(unix)]
#[test]
fn a_walk_does_not_follow_a_folder_symlink_out_of_the_folder() {
    let dir = scratch("walk-dirlink");
    write(&dir, "inside/good.case", CLEAN.as_bytes());
    let outside = scratch("walk-dirlink-outside");
    let messy = "case m { title \"M\" }\n";
    let victim = write(&outside, "victim.case", messy.as_bytes());
    std::os::unix::fs::symlink(&outside, dir.join("inside/out")).unwrap();
    let out = attrib()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .stdout_with(0);
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("good.case"), "{paths:?}");
    attrib().arg("fmt").arg(&dir).assert().code(0);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        messy,
        "fmt wrote outside the folder it was given"
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_named_case_is_refused_without_hanging() {
    let dir = scratch("fifo");
    write(&dir, "good.case", CLEAN.as_bytes());
    let fifo = dir.join("x.case");
    mkfifo(&fifo);
    let walked = attrib()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(walked.status.code(), Some(0), "the walk skips it");
    let stderr = String::from_utf8_lossy(&walked.stderr);
    assert!(
        stderr.contains("x.case") && stderr.contains("FIFO"),
        "{stderr}"
    );
    assert_eq!(json(&walked.stdout)["files"].as_array().unwrap().len(), 1);
    for command in ["check", "chains", "fmt"] {
        let named = attrib()
            .arg(command)
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&named.stderr);
        assert_eq!(named.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{command}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn fmt_formats_a_symlinks_target_and_keeps_the_link() {
    let dir = scratch("fmt-symlink");
    let target = write(&dir, "real/messy.case", b"case m { title \"M\" }\n");
    let link = dir.join("link.case");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    attrib().arg("fmt").arg(&link).assert().code(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "case m {\n  title \"M\"\n}\n",
        "the target is formatted"
    );
    // In a walk, the link is skipped: the target is formatted once, as itself.
    write(&dir, "real/messy.case", b"case m { title \"M\" }\n");
    let out = attrib()
        .arg("fmt")
        .arg(&dir)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("link.case"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("messy.case"));
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fmt-readonly");
    let messy = "case m { title \"M\" }\n";
    let f = write(&dir, "ro.case", messy.as_bytes());
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = attrib()
        .arg("fmt")
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("read-only") || stderr.contains("not writable"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), messy);
    assert_eq!(
        std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = scratch("fmt-owner");
    let f = write(&dir, "m.case", b"case m { title \"M\" }\n");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file to someone else: then the file must stay
    // theirs when root formats it.
    let root = std::fs::metadata(&f).unwrap().uid() == 0;
    let nobody = 65534;
    if root {
        std::os::unix::fs::chown(&f, Some(nobody), Some(nobody)).unwrap();
    }
    attrib().arg("fmt").arg(&f).assert().code(0);
    let meta = std::fs::metadata(&f).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (nobody, nobody), "owner kept");
    } else {
        eprintln!("not root: the owner part of this test needs root");
    }
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "case m {\n  title \"M\"\n}\n"
    );
}

#[cfg(unix)]
#[test]
fn fmt_rewrites_a_hard_linked_file_in_place() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("fmt-hardlink");
    let f = write(&dir, "a.case", b"case m { title \"M\" }\n");
    let other = dir.join("b.case");
    std::fs::hard_link(&f, &other).unwrap();
    let inode = std::fs::metadata(&f).unwrap().ino();
    let out = attrib()
        .arg("fmt")
        .arg(&f)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("in place"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let formatted = "case m {\n  title \"M\"\n}\n";
    assert_eq!(std::fs::read_to_string(&f).unwrap(), formatted);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        formatted,
        "the other link sees the new text"
    );
    assert_eq!(std::fs::metadata(&f).unwrap().ino(), inode, "the same file");
    assert_eq!(std::fs::metadata(&f).unwrap().nlink(), 2, "still two links");
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no copy left behind: {names:?}");
}

#[test]
fn fmt_never_writes_a_file_larger_than_attrib_reads() {
    // Each 26-byte declaration grows to 32 bytes once formatted: 29 MiB in,
    // more than the 32 MiB attrib reads out.
    let dir = scratch("fmt-too-large");
    let mut text = String::with_capacity(30 << 20);
    let mut i = 0;
    while text.len() < 29 << 20 {
        text.push_str(&format!("actor a{i:07}{{kind state}}\n"));
        i += 1;
    }
    let f = write(&dir, "big.case", text.as_bytes());
    let out = attrib()
        .arg("fmt")
        .arg(&f)
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("32 MiB"), "{stderr}");
    assert_eq!(
        std::fs::metadata(&f).unwrap().len(),
        text.len() as u64,
        "unchanged"
    );
}

// --- CI logs: the concise format and the summary line ----------------------------------------

#[test]
fn check_concise_is_one_line_per_diagnostic_then_a_summary() {
    let dir = scratch("concise");
    // Two characters of two bytes each before `nobody`: column 27 in
    // characters (29 in bytes).
    let f = write(
        &dir,
        "c.case",
        "case c { title \"T\" }\nclaim k { summary \"ëë\" by nobody date 2022-01-01 source s attributes e to a as operator }\n".as_bytes(),
    );
    let w = write(&dir, "w.case", WARNED.as_bytes());
    // Absolute paths, shown relative to the working folder.
    let out = attrib()
        .current_dir(&dir)
        .args(["check", "--format", "concise"])
        .arg(&f)
        .arg(&w)
        .stdout_with(1);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "c.case:2:27: E0101 error: `nobody` is not declared",
        "{out}"
    );
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("c.case:") || l.starts_with("w.case:")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.contains(": W0101 warning: ")),
        "{out}"
    );
    let summary = lines.last().unwrap();
    assert!(*summary == "4 errors, 1 warning in 2 files", "{summary}");
    // A denied warning is reported as an error.
    let denied = attrib()
        .args(["check", "--format", "concise", "--deny", "W0101"])
        .arg(&w)
        .stdout_with(1);
    let denied = String::from_utf8(denied).unwrap();
    assert!(denied.contains(": W0101 error: "), "{denied}");
    assert!(
        denied.ends_with("1 error, 0 warnings in 1 file\n"),
        "{denied}"
    );
}

#[test]
fn human_and_github_end_with_a_summary_line() {
    let dir = scratch("summary");
    let f = write(&dir, "broken.case", BROKEN.as_bytes());
    let human = attrib()
        .args(["check", "--color", "never"])
        .arg(&f)
        .stdout_with(1);
    let human = String::from_utf8(human).unwrap();
    assert!(
        // The claim's references do not resolve: the warnings that rest on
        // what is absent (W0201) wait until they do.
        human.ends_with("\n4 errors, 0 warnings in 1 file\n"),
        "{human}"
    );
    let github = attrib()
        .args(["check", "--format", "github"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(github.stderr).unwrap(),
        "4 errors, 0 warnings in 1 file\n",
        "the summary goes to standard error"
    );
    assert!(
        String::from_utf8(github.stdout)
            .unwrap()
            .lines()
            .all(|l| l.starts_with("::")),
        "standard output holds only workflow commands"
    );
}

#[test]
fn labels_far_apart_are_shown_as_two_snippets() {
    let out = attrib()
        .args(["check", "--color", "never", ALBANIA])
        .stdout_with(0);
    let out = String::from_utf8(out).unwrap();
    let w0203 = out
        .split("\n\n")
        .skip_while(|block| block.trim() != "W0203")
        .nth(1)
        .expect("a W0203 on the Albania case");
    assert_eq!(w0203.matches("╭─[").count(), 2, "{w0203}");
    assert!(w0203.lines().count() < 30, "{w0203}");
}

// --- SARIF: URIs, the tool's home, help links --------------------------------------------------

#[test]
fn sarif_uris_are_percent_encoded_relative_to_srcroot() {
    let dir = scratch("sarif-uris");
    write(&dir, "cases copy/ünï #1 %.case", BROKEN.as_bytes());
    let absolute = write(&dir, "abs dir/a.case", BROKEN.as_bytes());
    let out = attrib()
        .current_dir(&dir)
        .args(["check", "--format", "sarif", "cases copy"])
        .arg(&absolute)
        .stdout_with(1);
    let v = json(&out);
    let run = &v["runs"][0];
    let uris: std::collections::BTreeSet<(String, Option<String>)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                a["uri"].as_str().unwrap().to_string(),
                a["uriBaseId"].as_str().map(String::from),
            )
        })
        .collect();
    let canonical = dir.canonicalize().unwrap();
    // The absolute path is shown relative to the working folder too.
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        vec![
            (
                "abs%20dir/a.case".to_string(),
                Some("%SRCROOT%".to_string())
            ),
            (
                "cases%20copy/%C3%BCn%C3%AF%20%231%20%25.case".to_string(),
                Some("%SRCROOT%".to_string())
            ),
        ]
    );
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    assert!(
        base.trim_end_matches('/')
            .ends_with(canonical.file_name().unwrap().to_str().unwrap()),
        "{base}"
    );
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        env!("CARGO_PKG_REPOSITORY")
    );
}

#[test]
fn sarif_help_links_only_from_docs_url() {
    let dir = scratch("sarif-docs");
    write(&dir, "broken.case", BROKEN.as_bytes());
    let out = attrib()
        .current_dir(&dir)
        .args(["check", "--format", "sarif", "broken.case"])
        .stdout_with(1);
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("helpUri"), "no helpUri without --docs-url");
    assert!(
        !text.contains(env!("CARGO_MANIFEST_DIR")),
        "the build machine's path is not in the log"
    );
    attrib()
        .current_dir(&dir)
        .args(["check", "--format", "sarif", "--docs-url", "not a url"])
        .arg("broken.case")
        .assert()
        .code(2);
}

/// A "did you mean" is a fix as data: SARIF carries it as `fixes`, with
/// the region to replace and the text to put there.
#[test]
fn sarif_carries_did_you_mean_as_a_fix() {
    let out = attrib()
        .args([
            "check",
            "--format",
            "sarif",
            "tests/ui/E0101-unknown-reference.case",
        ])
        .stdout_with(1);
    let v = json(&out);
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "E0101");
    let fix = &result["fixes"][0];
    assert_eq!(fix["description"]["text"], "Replace with `example-attack`");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "example-attack");
    assert_eq!(
        replacement["deletedRegion"],
        result["locations"][0]["physicalLocation"]["region"]
    );
}

/// Control characters and bidirectional overrides in a file (escape
/// sequences that clear the screen or make hyperlinks, the bell, a
/// right-to-left override) are shown escaped in every text format, never
/// written raw, whatever the colour setting.
#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = scratch("hygiene");
    let text = "case c {\n  title \"clear\u{1b}[2J bell\u{7} link \u{1b}]8;;https://evil.example\u{7}click\u{1b}]8;;\u{7}\"\n  nme \"a \u{202E}reversed\"  # comment \u{202E}too\n}\nactor a\u{202E}b { kind state name \"A\" }\n";
    let f = write(&dir, "hygiene.case", text.as_bytes());
    let raw: [&[u8]; 4] = [b"\x1b[2J", b"\x1b]8;", b"\x07", "\u{202E}".as_bytes()];
    for args in [
        vec!["--color", "never"],
        vec!["--color", "always"],
        vec!["--format", "concise"],
        vec!["--format", "github"],
    ] {
        let out = attrib().arg("check").args(&args).arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        for stream in [&out.stdout, &out.stderr] {
            for bad in raw {
                assert!(
                    !stream.windows(bad.len()).any(|w| w == bad),
                    "{args:?}: raw {bad:?} in\n{}",
                    String::from_utf8_lossy(stream)
                );
            }
            if args[1] != "always" {
                assert!(!stream.contains(&0x1b), "{args:?}: an escape byte");
            }
        }
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            shown.contains("\\u{1b}") || shown.contains("U+001B"),
            "{args:?}: {shown}"
        );
    }
}
