//! `cargo bench --bench lsp`: the language server's latency, driven over
//! stdio as an editor drives it, on the Albania case (1,200 lines).
//!
//! - a change → its diagnostics (median and 99th percentile over 200
//!   changes; targets: median under 10 ms, p99 under 30 ms);
//! - completion and hover (targets: under 5 ms);
//! - the server's resident memory with 50 cases open.
//!
//! Run on a release build; the figures are printed, not asserted (speed
//! targets live in benchmarks, never in tests).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_attrib"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("attrib lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut s = Server {
            child,
            stdin,
            stdout,
            next: 1,
        };
        s.request("initialize", json!({ "capabilities": {} }));
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, m: Value) {
        let body = serde_json::to_vec(&m).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.read();
            if m["id"] == id {
                return m["result"].clone();
            }
        }
    }

    fn diagnostics(&mut self) {
        loop {
            let m = self.read();
            if m["method"] == "textDocument/publishDiagnostics" {
                return;
            }
        }
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
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
    let mut s = Server::start();
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "attrib", "version": 1, "text": text } }),
    );
    s.diagnostics();

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
        s.diagnostics();
        times.push(t.elapsed());
    }
    report("change → diagnostics", times);

    let at = |needle: &str, extra: usize| -> Value {
        let offset = text.find(needle).unwrap() + extra;
        let line = text[..offset].matches('\n').count();
        let col: usize = text[..offset]
            .rsplit('\n')
            .next()
            .unwrap()
            .chars()
            .map(char::len_utf16)
            .sum();
        json!({ "line": line, "character": col })
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
    let before = s.rss_kib();
    let mut cases: Vec<String> = std::fs::read_dir(format!("{root}/cases"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().to_string())
        .filter(|p| p.ends_with(".case"))
        .collect();
    cases.sort();
    for k in 0..50 {
        let path = &cases[k % cases.len()];
        let text = std::fs::read_to_string(path).unwrap();
        s.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": format!("file:///bench/{k}.case"), "languageId": "attrib", "version": 1, "text": text } }),
        );
        s.diagnostics();
    }
    println!(
        "{:<28} {:>7.1} MiB resident (one case open: {:.1} MiB)",
        "memory, 50 cases open",
        s.rss_kib() as f64 / 1024.0,
        before as f64 / 1024.0
    );
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = s.child.wait();
}
