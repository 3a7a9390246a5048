//! Throughput of attrib on one core: parsing alone, and the whole check
//! (parse, resolve, check, graph, chains, rendering as `attrib check` does),
//! in bytes per second over 200 generated cases; the whole command on a
//! folder of 1,000 cases with one thread and with two; and chain derivation
//! on a case of 10,000 actors with millions of routes; `allow` on a file of
//! 50,000 allows (linear: it was quadratic).
//!
//!     cargo bench --bench throughput
//!
//! `docs/performance.md` records the figures and the machine.

use attrib_core::render::{Style, check_concise, check_human, check_json, sarif};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

#[path = "../examples/corpus/mod.rs"]
mod corpus;

fn cases(n: usize) -> Vec<String> {
    (0..n).map(|i| corpus::generate(i, 0x5EED)).collect()
}

fn one_core(c: &mut Criterion) {
    let texts = cases(200);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("one-core");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("pest only", |b| {
        use pest::Parser;
        b.iter(|| {
            for t in &texts {
                black_box(
                    attrib_core::grammar::AttribParser::parse(attrib_core::grammar::Rule::file, t)
                        .is_ok(),
                );
            }
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(attrib_core::syntax::parse(t));
            }
        })
    });
    group.bench_function("check (compile + json)", |b| {
        b.iter(|| {
            for t in &texts {
                let c = attrib_core::compile(t);
                black_box(
                    check_json::file_output("case.case", t, &c.diagnostics).to_json_fragment(),
                );
            }
        })
    });
    group.bench_function("check (compile + human)", |b| {
        b.iter(|| {
            for t in &texts {
                let c = attrib_core::compile(t);
                black_box(check_human::render(
                    "case.case",
                    t,
                    &c.diagnostics,
                    Style::default(),
                ));
            }
        })
    });
    group.bench_function("check (compile + sarif)", |b| {
        b.iter(|| {
            for t in &texts {
                let c = attrib_core::compile(t);
                black_box(sarif::results(&sarif::FileDiagnostics {
                    path: "case.case",
                    text: t,
                    diagnostics: &c.diagnostics,
                }));
            }
        })
    });
    group.bench_function("check (compile + concise)", |b| {
        b.iter(|| {
            for t in &texts {
                let c = attrib_core::compile(t);
                black_box(check_concise::lines("case.case", t, &c.diagnostics));
            }
        })
    });
    group.finish();
}

fn allows(c: &mut Criterion) {
    let mut text = String::from("case x { title \"T\" }\n");
    for i in 0..50_000 {
        text.push_str(&format!(
            "source s{i} {{ kind media publisher \"P\" reliability B allow W0101 \"k\" }}\n"
        ));
    }
    let mut group = c.benchmark_group("allow");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("50,000 allows (compile)", |b| {
        b.iter(|| black_box(attrib_core::compile(&text).diagnostics.len()))
    });
    group.finish();
}

fn folder(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("attrib-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = 0;
    for (i, t) in cases(1000).iter().enumerate() {
        bytes += t.len();
        std::fs::write(dir.join(format!("case-{i:05}.case")), t).unwrap();
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_attrib"));
    let mut group = c.benchmark_group("folder-of-1000");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for threads in [1, 2] {
        group.bench_with_input(
            BenchmarkId::new("attrib check --format json", threads),
            &threads,
            |b, &threads| {
                b.iter(|| {
                    let out = Command::new(&bin)
                        .args(["check", "--format", "json"])
                        .arg(&dir)
                        .env("RAYON_NUM_THREADS", threads.to_string())
                        .output()
                        .unwrap();
                    assert!(matches!(out.status.code(), Some(0 | 1)));
                    black_box(out.stdout.len())
                })
            },
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn chains_at_scale(c: &mut Criterion) {
    let text = corpus::scale_case(10_000, 10, 0x5CA1E);
    let mut group = c.benchmark_group("chains");
    group.sample_size(10);
    group.bench_function("10,000 actors, 10 layers (compile + chains JSON)", |b| {
        b.iter(|| {
            let compiled = attrib_core::compile(&text);
            black_box(attrib_core::render::chains_json::build(&compiled, false).to_json())
        })
    });
    group.finish();
}

/// A chain of `n` claims, each revising the one before (issue 22: 10,000
/// took 71.6 s): compile, chains and the report page must stay linear.
fn revision_chain(n: usize) -> String {
    let mut text = String::from(
        "case revisions { title \"Revisions\" }\n\
         source s { kind government publisher \"State A\" reliability B }\n\
         actor a { kind state name \"State A\" }\n\
         actor b { kind state name \"State B\" }\n\
         event e { kind intrusion date 2020-01-01 source s }\n",
    );
    for i in 0..n {
        let revises = if i > 0 {
            format!(" revises c{}", i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "claim c{i} {{ by a date 2020-02-01 source s attributes e to b as operator{revises} }}\n"
        ));
    }
    text
}

fn revisions(c: &mut Criterion) {
    let mut group = c.benchmark_group("revises");
    group.sample_size(10);
    for n in [10_000, 100_000] {
        let text = revision_chain(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("compile + chains JSON + report page", n),
            &text,
            |b, text| {
                b.iter(|| {
                    let compiled = attrib_core::compile(text);
                    let json = attrib_core::render::chains_json::build(&compiled, false).to_json();
                    let page = attrib_core::render::report::case_page(&compiled, text, "r.case");
                    black_box((json, page))
                })
            },
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    one_core,
    allows,
    folder,
    chains_at_scale,
    revisions
);
criterion_main!(benches);
