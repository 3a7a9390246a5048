//! `cargo bench --bench lsp`: the language server's latency, driven over
//! stdio as an editor drives it, on the Albania case (1,200 lines).
//!
//! - a change → its diagnostics (median and 99th percentile over 200
//!   changes; targets: median under 10 ms, p99 under 30 ms);
//! - completion and hover (targets: under 5 ms);
//! - the server's resident memory with 50 cases open;
//! - hostile documents, each at two sizes ten times apart, to show the
//!   cost grows linearly: a document written on one line (1.7 MB and 17 MB:
//!   its diagnostics, its semantic tokens), `workspace/symbol` over 20,000
//!   and 200,000 declarations, and a document over the size limit (50 MB:
//!   refused, the time and memory it costs).
//!
//! Run on a release build; the figures are printed, not asserted (speed
//! targets live in benchmarks, never in tests).

use serde_json::{Value, json};
use std::time::{Duration, Instant};

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;
use lsp_client::Client;

/// A figure of the server's memory from /proc, in KiB: `VmRSS` (resident
/// now) or `VmHWM` (the peak).
fn memory_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn rss_kib(pid: u32) -> u64 {
    memory_kib(pid, "VmRSS")
}

fn peak_kib(pid: u32) -> u64 {
    memory_kib(pid, "VmHWM")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k]
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what:<28} median {:>7.2} ms   p99 {:>7.2} ms   ({} runs)",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.len()
    );
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/cases/albania-iran-2022.case")).unwrap();
    let uri = "file:///bench/albania-iran-2022.case";
    let mut s = Client::start();
    s.open(uri, &text);

    // A change → its diagnostics: the text edited as someone types.
    let mut times = Vec::new();
    for v in 0..200 {
        let edited = text.replace(
            "title \"Cyberattack on Albanian government systems\"",
            &format!("title \"Cyberattack on Albanian government systems {v}\""),
        );
        let t = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": v + 2 }, "contentChanges": [{ "text": edited }] }),
        );
        s.diagnostics(uri);
        times.push(t.elapsed());
    }
    report("change → diagnostics", times);

    let at = |needle: &str, extra: usize| -> Value {
        lsp_client::position_of(&text, text.find(needle).unwrap() + extra)
    };
    let completion_at = at("  source ", 9);
    let hover_at = at("attributes july-attack to iran", 27);
    let mut completions = Vec::new();
    let mut hovers = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        s.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": completion_at }),
        );
        completions.push(t.elapsed());
        let t = Instant::now();
        s.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": hover_at }),
        );
        hovers.push(t.elapsed());
    }
    report("completion", completions);
    report("hover", hovers);

    // Memory with 50 cases open (the seven real cases, under 50 names).
    let before = rss_kib(s.pid());
    let mut cases: Vec<String> = std::fs::read_dir(format!("{root}/cases"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().to_string())
        .filter(|p| p.ends_with(".case"))
        .collect();
    cases.sort();
    for k in 0..50 {
        let path = &cases[k % cases.len()];
        let text = std::fs::read_to_string(path).unwrap();
        s.open(&format!("file:///bench/{k}.case"), &text);
    }
    println!(
        "{:<28} {:>7.1} MiB resident (one case open: {:.1} MiB)",
        "memory, 50 cases open",
        rss_kib(s.pid()) as f64 / 1024.0,
        before as f64 / 1024.0
    );
    s.shutdown();

    hostile();
}

/// Declarations on one line, about `size` bytes: sources and the actors
/// that cite them (each actor unused: a warning each).
fn one_line(size: usize) -> String {
    let mut out = String::from("case big { title \"Big\" }");
    let mut i = 0;
    while out.len() < size {
        out.push_str(&format!(
            " source s{i} {{ kind media publisher \"Publisher {i}\" reliability B }} actor a{i} {{ kind state name \"Actor {i}\" source s{i} }}"
        ));
        i += 1;
    }
    out.push('\n');
    out
}

/// `count` declarations, one a line.
fn declarations(count: usize) -> String {
    let mut out = String::from("case big { title \"Big\" }\n");
    for i in 0..count {
        out.push_str(&format!(
            "source s{i} {{ kind media publisher \"Publisher {i}\" reliability B }}\n"
        ));
    }
    out
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn hostile() {
    println!("\nhostile documents (each size is 10x the one before: linear means 10x the time)");
    for size in [1_700_000, 17_000_000] {
        let text = one_line(size);
        let mut s = Client::start();
        let uri = "file:///bench/one-line.case";
        let (diagnostics, open) = timed(|| s.open(uri, &text));
        let (tokens, took) = timed(|| {
            s.request(
                "textDocument/semanticTokens/full",
                json!({ "textDocument": { "uri": uri } }),
            )
        });
        println!(
            "one line of {:>5.1} MB: open → {:>6} diagnostics {:>8.2} s; semantic tokens ({} numbers) {:>8.2} s; peak {:.0} MiB",
            text.len() as f64 / 1e6,
            diagnostics.len(),
            open.as_secs_f64(),
            tokens["data"].as_array().map_or(0, Vec::len),
            took.as_secs_f64(),
            peak_kib(s.pid()) as f64 / 1024.0
        );
        s.shutdown();
    }
    for count in [20_000, 200_000] {
        let text = declarations(count);
        let mut s = Client::start();
        s.open("file:///bench/many.case", &text);
        let (found, took) = timed(|| s.request("workspace/symbol", json!({ "query": "" })));
        println!(
            "workspace/symbol, {count:>7} declarations: {:>7} symbols {:>8.2} s",
            found.as_array().map_or(0, Vec::len),
            took.as_secs_f64()
        );
        s.shutdown();
    }
    let big = declarations(50_000_000 / 70);
    let mut s = Client::start();
    let (diagnostics, took) = timed(|| s.open("file:///bench/big.case", &big));
    println!(
        "a document of {:.1} MB (over the limit): {} diagnostic in {:.2} s; peak {:.0} MiB",
        big.len() as f64 / 1e6,
        diagnostics.len(),
        took.as_secs_f64(),
        peak_kib(s.pid()) as f64 / 1024.0
    );
    s.shutdown();
}
