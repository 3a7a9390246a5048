//! Hostile text on the way out: nothing a case or a file name holds reaches
//! a terminal as a control or bidirectional character, or a CI log as a
//! workflow command, whatever the subcommand and the format; absolute paths
//! are shown relative to the working folder.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("attrib").expect("the binary builds");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    crate::common::scratch("hygiene", name)
}

/// What a terminal or a CI runner would act on in an output: a control
/// character (but the line feed and the tab), a bidirectional control, a
/// line whose first characters but white space are `::`, or a `##[`.
fn live(output: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(output);
    let mut found = Vec::new();
    for (k, line) in text.split('\n').enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| attrib_core::chars::is_hidden(c) && c != '\t')
        {
            found.push(format!("line {}: {c:?} in {line:?}", k + 1));
        }
        if line.trim_start().starts_with("::") {
            found.push(format!("line {}: a workflow command: {line:?}", k + 1));
        }
        if line.contains("##[") {
            found.push(format!("line {}: `##[`: {line:?}", k + 1));
        }
    }
    found
}

fn assert_clean(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let found = live(bytes);
        assert!(
            found.is_empty(),
            "{what}, {stream}:\n{}\n---\n{}",
            found.join("\n"),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// A case without errors whose texts hold, written as escapes, an escape
/// sequence, a NUL, the bell, a C1 control (CSI), a carriage return, a
/// right-to-left override; and workflow commands, in a text block and in a
/// line.
const HOSTILE: &str = r#"case hostile {
  title "Clear\u{1b}[2J the screen \u{9b}31m ##[error]forged"
  summary """
    A summary.
    ::error file=x,line=1::forged from a text block
    ::add-mask::secret
    """
}

source report {
  kind vendor
  publisher "Vendor\u{0}NUL \u{7}bell"
  reliability B
}

actor state-a {
  kind state
  name "State \u{202e}A\u{d}overwritten"
}

actor vendor {
  kind company
  name "Vendor \u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}"
}

event attack {
  kind wiper
  title "Attack ##[warning]forged"
  date 2022-01-10
}

claim vendor-claim {
  by vendor
  date 2022-02-01
  source report
  attributes attack to state-a as sponsor
  confidence high "sure\u{1b}[8m hidden"
}

evidence sample {
  class malware
  source report
  credibility 2
  disclosed yes
  supports vendor-claim
}
"#;

/// `check` reports the escapes of control characters (`W0110`), and
/// nothing worse: the case compiles.
#[test]
fn check_reports_escapes_of_control_characters() {
    let dir = scratch("w0110");
    std::fs::write(dir.join("hostile.case"), HOSTILE).unwrap();
    let out = attrib(&dir)
        .args(["check", "--format", "json", "hostile.case"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().filter(|&&c| c == "W0110").count() >= 5,
        "{codes:?}"
    );
    assert!(!codes.iter().any(|c| c.starts_with('E')), "{codes:?}");
}

/// Every subcommand, in every format, prints what the escapes stand for
/// escaped (`chains`, `compare` and `graph` printed them raw).
#[test]
fn case_text_never_reaches_a_terminal_or_a_ci_log() {
    let dir = scratch("subcommands");
    std::fs::write(dir.join("hostile.case"), HOSTILE).unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "--color", "never"],
        vec!["check", "--color", "always"],
        vec!["check", "--format", "concise"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "sarif"],
        vec!["chains", "--color", "never"],
        vec!["chains", "--color", "always"],
        vec!["chains", "--format", "json"],
        vec!["compare"],
        vec!["compare", "--format", "csv"],
        vec!["compare", "--format", "json"],
        vec!["graph"],
        vec!["graph", "--format", "mermaid"],
        vec!["export", "--format", "stix"],
    ];
    for args in runs {
        let out = attrib(&dir)
            .args(&args)
            .arg("hostile.case")
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}");
        let what = format!("attrib {}", args.join(" "));
        let shown: &[u8] = if args.contains(&"always") {
            // attrib's colours are escape sequences: only those may be there.
            &[]
        } else {
            &out.stdout
        };
        assert_clean(
            &what,
            &std::process::Output {
                status: out.status,
                stdout: shown.to_vec(),
                stderr: out.stderr.clone(),
            },
        );
        if args.contains(&"always") {
            let text = String::from_utf8_lossy(&out.stdout);
            for raw in [
                "\u{1b}[2J",
                "\u{1b}]8",
                "\u{1b}[8m",
                "\u{9b}",
                "\u{202e}",
                "\u{0}",
                "\u{7}",
                "##[",
                "\n::",
            ] {
                assert!(!text.contains(raw), "{what}: {raw:?} in\n{text}");
            }
        }
        // The JSON outputs stay JSON, the escapes JSON escapes.
        if args.contains(&"json") || args.contains(&"sarif") || args.contains(&"stix") {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
            if args[0] == "chains" || args[0] == "export" {
                let all = v.to_string();
                assert!(
                    all.contains("\\u001b[2J") || all.contains("\\u001b"),
                    "{what}"
                );
            }
        }
    }
}

/// `fmt --check` prints case lines with a one-space prefix, which a
/// runner strips: a `::error` line of a text block would be an annotation.
/// And a file name may hold a line break. Neither reaches the log as such.
#[test]
fn fmt_check_forges_no_annotation() {
    let dir = scratch("fmt");
    let case = "case c { title \"C\"\n  summary \"\"\"\n    ::error file=a.case,line=1::forged\n    ##[warning]forged too\n    \"\"\" }\n";
    let names = ["plain.case", "new\n::error::line.case", "esc\u{1b}[2J.case"];
    for name in names {
        std::fs::write(dir.join(name), case).unwrap();
    }
    let out = attrib(&dir).args(["fmt", "--check", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_clean("attrib fmt --check", &out);
    let diff = String::from_utf8_lossy(&out.stdout);
    // The text block's lines are still there, shown escaped.
    assert!(
        diff.contains(r"  \u{3a}:error file=a.case,line=1::forged"),
        "{diff}"
    );
    assert!(diff.contains(r"--- ./new\n::error::line.case"), "{diff}");
    // And the file is formatted as ever.
    attrib(&dir).args(["fmt", "plain.case"]).assert().code(0);
    attrib(&dir)
        .args(["fmt", "--check", "plain.case"])
        .assert()
        .code(0);
}

/// File names found in a walk are shown escaped in notes and errors.
#[cfg(unix)]
#[test]
fn file_names_in_a_walk_are_shown_escaped() {
    let dir = scratch("walk");
    let folder = dir.join("cases");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("good.case"), "case c { title \"C\" }\n").unwrap();
    std::os::unix::fs::symlink(
        folder.join("good.case"),
        folder.join("link\u{1b}]0;pwned\u{7}\n::error::x.case"),
    )
    .unwrap();
    std::fs::write(folder.join("bad\u{1b}[31m.case"), [0xff, 0xfe]).unwrap();
    for args in [
        vec!["check"],
        vec!["fmt", "--check"],
        vec!["compare"],
        vec!["report", "--out", "site"],
    ] {
        let out = attrib(&dir).args(&args).arg("cases").output().unwrap();
        let what = format!("attrib {}", args.join(" "));
        assert_clean(&what, &out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(r"link\u{1b}]0;pwned\u{7}\n::error::x.case"),
            "{what}: {stderr}"
        );
    }
}

/// An absolute path given on the command line is shown relative to the
/// working folder: in the check's outputs, SARIF's locations, the report's
/// items and its index.
#[test]
fn absolute_paths_are_shown_relative() {
    let dir = scratch("absolute");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("cases")).unwrap();
    for name in ["albania-iran-2022.case", "sony-2014.case"] {
        std::fs::copy(root.join("cases").join(name), dir.join("cases").join(name)).unwrap();
    }
    let absolute = dir.canonicalize().unwrap().join("cases");
    let hidden = absolute.parent().unwrap().display().to_string();
    for args in [
        vec!["check", "--format", "json"],
        vec!["check", "--format", "concise"],
        vec!["check"],
    ] {
        let out = attrib(&dir).args(&args).arg(&absolute).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(&hidden), "{args:?}: {hidden} in\n{text}");
        assert!(
            text.contains("cases/albania-iran-2022.case"),
            "{args:?}: {text}"
        );
    }
    // SARIF: each location relative to `%SRCROOT%` (the working folder,
    // which the log names once, as SARIF asks).
    let out = attrib(&dir)
        .args(["check", "--format", "sarif"])
        .arg(&absolute)
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert!(at["uri"].as_str().unwrap().starts_with("cases/"), "{at}");
        assert_eq!(at["uriBaseId"], "%SRCROOT%", "{at}");
    }
    let out = attrib(&dir)
        .args(["report", "--out", "site"])
        .arg(&absolute)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for page in std::fs::read_dir(dir.join("site")).unwrap() {
        let page = page.unwrap().path();
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            !html.contains(&hidden),
            "{}: holds {hidden}",
            page.display()
        );
        assert!(html.contains("cases/"), "{}", page.display());
    }
    // From a folder below: `..`.
    let below = dir.join("docs");
    std::fs::create_dir_all(&below).unwrap();
    let out = attrib(&below)
        .args(["check", "--format", "concise"])
        .arg(absolute.join("sony-2014.case"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("../cases/sony-2014.case:"), "{text}");
}

/// A usage error repeats what it was given: a file name a glob expanded
/// into an unknown option reaches standard error escaped, its line break
/// no workflow command.
#[test]
fn usage_errors_repeat_arguments_escaped() {
    let dir = scratch("usage");
    for args in [
        vec!["check", "--x\u{1b}[2J\n::error::forged\u{202e}.case"],
        vec!["graph", "--format", "dot\n::warning::x\u{7}", "a.case"],
    ] {
        let out = attrib(&dir).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_clean(&format!("attrib {args:?}"), &out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(r"\u{3a}:"), "{stderr}");
    }
}
