//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// xorshift64*: small, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

pub fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(5) {
        0 => {
            // Delete a few lines.
            for _ in 0..1 + rng.below(3) {
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    lines.remove(i);
                }
            }
            lines.concat()
        }
        1 => {
            // Repeat a line.
            if lines.is_empty() {
                return String::new();
            }
            let i = rng.below(lines.len());
            let l = lines[i];
            lines.insert(i, l);
            lines.concat()
        }
        2 => {
            // Swap two characters.
            let mut chars: Vec<char> = text.chars().collect();
            if chars.len() > 1 {
                let i = rng.below(chars.len());
                let j = rng.below(chars.len());
                chars.swap(i, j);
            }
            chars.into_iter().collect()
        }
        3 => {
            // Truncate at a character boundary.
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_string()
        }
        _ => {
            // Replace a character with something awkward.
            let awkward = [
                '{', '}', '"', '#', '~', ',', '\u{200B}', '\u{202E}', '\t', '\r', '\\', 'é',
            ];
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let i = rng.below(chars.len());
                chars[i] = awkward[rng.below(awkward.len())];
            }
            chars.into_iter().collect()
        }
    }
}

/// The `*.case` files of a folder of the repository, sorted by path.
pub fn case_files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    files.sort();
    files
}

/// A committed file that attrib generates (a page of the docs, a schema, the
/// editors' language description): with `ATTRIB_BLESS=1` it is written,
/// otherwise it must equal `text`; `how` is the test filter that rewrites it.
pub fn generated(relative: &str, text: &str, how: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("ATTRIB_BLESS").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{relative}: {e}"));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{relative} is stale: run `ATTRIB_BLESS=1 cargo test --test it {how}`"
    );
}

/// A fresh folder for one test's files: `attrib-<area>-<process>-<name>`
/// in the system's temporary folder.
pub fn scratch(area: &str, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("attrib-{area}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
