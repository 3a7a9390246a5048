//! The commands `docs/ci.md` shows work as written: the workflow's `attrib`
//! steps run on the real cases, and the pre-commit hook runs in a fresh git
//! repository, accepting a good commit and refusing bad ones.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn doc() -> String {
    std::fs::read_to_string(root().join("docs/ci.md")).unwrap()
}

/// The fenced blocks of a language (```yaml, ```sh).
fn blocks(lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in doc().lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut current, fence) {
            (None, Some(l)) if l == lang => current = Some(String::new()),
            (Some(b), Some(_)) => {
                out.push(std::mem::take(b));
                current = None;
            }
            (Some(b), None) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// A folder holding `attrib`, to put first on PATH.
fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_attrib"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn path_with_attrib() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attrib-ci-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_workflow_steps_pass_on_the_cases() {
    let workflow = blocks("yaml")
        .into_iter()
        .next()
        .expect("a workflow in docs/ci.md");
    let steps: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- run: "))
        .filter(|cmd| cmd.starts_with("attrib "))
        .collect();
    assert!(steps.len() >= 3, "{steps:?}");
    let out_dir = scratch("workflow");
    for step in steps {
        let status = Command::new("sh")
            .arg("-c")
            .arg(step.replace(
                "> attrib.sarif",
                &format!("> {}/attrib.sarif", out_dir.display()),
            ))
            .current_dir(root())
            .env("PATH", path_with_attrib())
            .env("NO_COLOR", "1")
            .status()
            .unwrap();
        assert!(status.success(), "`{step}` failed: {status}");
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("attrib.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_attrib())
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap()
}

/// Everything a command printed (git passes a hook's output on either stream).
fn said(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_pre_commit_hook_accepts_good_cases_and_refuses_bad_ones() {
    let hook = blocks("sh")
        .into_iter()
        .find(|b| b.contains(".git/hooks/pre-commit"))
        .expect("the hook in docs/ci.md");
    let repo = scratch("hook");
    assert!(git(&repo, &["init", "-q"]).status.success());
    let hook_path = repo.join(".git/hooks/pre-commit");
    std::fs::write(&hook_path, &hook).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    // A formatted case without errors is committed.
    let case = std::fs::read_to_string(root().join("cases/albania-iran-2022.case")).unwrap();
    std::fs::write(repo.join("albania.case"), &case).unwrap();
    git(&repo, &["add", "albania.case"]);
    let ok = git(&repo, &["commit", "-q", "-m", "good"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // An unformatted one is refused.
    std::fs::write(repo.join("messy.case"), "case m { title \"M\" }\n").unwrap();
    git(&repo, &["add", "messy.case"]);
    let refused = git(&repo, &["commit", "-q", "-m", "messy"]);
    assert!(
        !refused.status.success(),
        "an unformatted file was committed"
    );
    assert!(
        said(&refused).contains("run 'attrib fmt'"),
        "{}",
        said(&refused)
    );

    // A formatted one with errors is refused too.
    std::fs::write(
        repo.join("messy.case"),
        "case m {\n  title \"M\"\n}\n\nactor a {\n  kind state\n}\n",
    )
    .unwrap();
    git(&repo, &["add", "messy.case"]);
    let refused = git(&repo, &["commit", "-q", "-m", "broken"]);
    assert!(
        !refused.status.success(),
        "a file with errors was committed"
    );
    assert!(said(&refused).contains("E0104"), "{}", said(&refused));
}

#[test]
fn completions_and_the_manual() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = Command::new(env!("CARGO_BIN_EXE_attrib"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .arg("man")
        .output()
        .unwrap();
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH attrib"),
        "{}",
        &man[..200.min(man.len())]
    );
    for sub in [
        "attrib-check",
        "attrib-chains",
        "attrib-compare",
        "attrib-fmt",
        "attrib-explain",
    ] {
        assert!(man.contains(&format!(".TH {sub}")), "no page for {sub}");
    }
}
