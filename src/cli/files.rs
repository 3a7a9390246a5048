//! Reading case files from disk.

use attrib::Loaded;
use std::path::{Path, PathBuf};

/// The largest case file attrib reads. Case files are written by hand (the
/// largest real one is under 50 KB); a file this large is a mistake, and
/// reading it would cost several times its size in memory.
pub const MAX_FILE: u64 = 32 * 1024 * 1024;

pub fn load(path: &Path) -> Result<Loaded, String> {
    Ok(Loaded::from_bytes(&read(path)?))
}

/// A file's bytes, refusing files over [`MAX_FILE`] without reading them.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let too_large = |size: u64| {
        format!(
            "cannot read {}: the file is {:.1} MiB, and attrib reads case files of up to {} MiB; put each case in a file of its own",
            path.display(),
            size as f64 / (1024.0 * 1024.0),
            MAX_FILE / (1024 * 1024)
        )
    };
    let cannot = |e: std::io::Error| format!("cannot read {}: {}", path.display(), describe(&e));
    let file = std::fs::File::open(path).map_err(cannot)?;
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE
    {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte past the limit, whatever the file claimed to be.
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Replace a file's contents through a temporary file in the same folder
/// and a rename, so that an error never leaves a truncated file. The file
/// keeps its permissions.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder; `attrib check` reads folders".into(),
        _ => e.to_string(),
    }
}

/// Files named on the command line, and every `*.case` below each folder
/// named, sorted by path, each once. The flag is set when a path could not
/// be read.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut out = Vec::new();
    let mut trouble = false;
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(p).follow_links(true) {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_file()
                            && e.path().extension().is_some_and(|x| x == "case")
                        {
                            found.push(e.into_path());
                        }
                    }
                    Err(e) => {
                        eprintln!(
                            "error: cannot read {}: {e}",
                            e.path().unwrap_or(p).display()
                        );
                        trouble = true;
                    }
                }
            }
            if found.is_empty() {
                eprintln!("error: no `.case` files under {}", p.display());
                trouble = true;
            }
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            eprintln!("error: cannot read {}: no such file or folder", p.display());
            trouble = true;
        }
    }
    // In the order given (a folder's files in path order), each once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    (out, trouble)
}
