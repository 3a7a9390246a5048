//! `cargo bench --bench fmt`: `attrib fmt --check` on files none of whose
//! lines is laid out canonically (every declaration on one line, every
//! field to be put on a line of its own), at 2.3 MB and at 23 MB: ten times
//! the size should take about ten times as long (the diff was quadratic:
//! 2.3 MB took 296 s). Also a file whose declarations are all on one line.
//!
//! The whole command, as CI runs it; the figures are printed, not asserted
//! (speed targets live in benchmarks, never in tests). `docs/performance.md`
//! records them.

use std::process::Command;
use std::time::Instant;

/// One declaration a line, about `size` bytes.
fn one_a_line(size: usize) -> String {
    let mut out = String::from("case big { title \"Big\" }\n");
    let mut i = 0;
    while out.len() < size {
        out.push_str(&format!(
            "source s{i} {{ kind media publisher \"Publisher {i}\" reliability B }}\n"
        ));
        i += 1;
    }
    out
}

fn main() {
    let dir = std::env::temp_dir().join(format!("attrib-bench-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_attrib");
    for (what, text) in [
        ("one declaration a line", one_a_line(2_300_000)),
        ("one declaration a line", one_a_line(23_000_000)),
        ("all on one line", one_a_line(2_300_000).replace('\n', " ")),
        ("all on one line", one_a_line(23_000_000).replace('\n', " ")),
    ] {
        let path = dir.join("big.case");
        std::fs::write(&path, &text).unwrap();
        let t = Instant::now();
        let out = Command::new(bin)
            .args(["fmt", "--check"])
            .arg(&path)
            .output()
            .unwrap();
        let took = t.elapsed();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "fmt --check, {what:<22} {:>5.1} MB: {:>9} lines of diff in {:>7.2} s",
            text.len() as f64 / 1e6,
            out.stdout.iter().filter(|&&b| b == b'\n').count(),
            took.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
