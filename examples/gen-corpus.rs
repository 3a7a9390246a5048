//! Write a corpus of generated case files, for benchmarks and load tests:
//!
//!     cargo run --release --example gen-corpus -- N DIR [SEED]
//!
//! The cases have the sizes and shapes of the real ones (tens of sources
//! and actors, a few events, claims with evidence, responses, comments and
//! text blocks); about one in ten carries an error and most draw warnings.
//! The same N and SEED always give the same files.

use std::path::PathBuf;

mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: gen-corpus N DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args
        .get(2)
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0x5EED);
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen-corpus: cannot create {}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut bytes = 0;
    for i in 0..n {
        let text = corpus::generate(i, seed);
        bytes += text.len();
        let path = dir.join(format!("case-{i:05}.case"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-corpus: cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    eprintln!(
        "gen-corpus: wrote {n} cases, {bytes} bytes, to {}",
        dir.display()
    );
}
