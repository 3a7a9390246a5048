//! `attrib report`: compile each case, make its page (the library renders,
//! this writes), and an index when there are several.
//!
//! Pages are written into the folder through a temporary file and a rename
//! (`write_page`): a page is either the old one or the new one, never a
//! truncated one, and the rename replaces a symbolic link at the page's
//! name instead of writing through it, so nothing is ever written outside
//! the folder.

use super::args::ReportArgs;
use super::edge::shown;
use super::{INVALID, OK, TROUBLE, compile_clean, files};
use attrib_core::render::report;
use std::collections::BTreeSet;
use std::path::Path;

/// One case compiled and rendered.
struct Page {
    name: String,
    html: String,
    entry: report::IndexEntry,
}

pub fn run(a: ReportArgs) -> i32 {
    let (paths, mut trouble) = files::expand(&a.paths);
    let mut invalid = false;
    let mut pages: Vec<Page> = Vec::new();
    // `index.html` is the index's when there is one.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if paths.len() > 1 {
        taken.insert("index.html".into());
    }
    for input in &paths {
        let path = input.path.as_path();
        let (loaded, c) = match compile_clean(input, a.as_of.options()) {
            Ok(x) => x,
            Err(code) => {
                invalid |= code == INVALID;
                trouble |= code == TROUBLE;
                continue;
            }
        };
        let shown = super::edge::data(path);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "case".into());
        let name = unique(&mut taken, &report::page_name(&c, &stem));
        pages.push(Page {
            html: report::case_page(&c, loaded.text(), &shown),
            entry: report::IndexEntry::new(&c, name.clone(), shown),
            name,
        });
    }
    if (!pages.is_empty() || paths.len() > 1)
        && let Err(message) = make_folder(&a.out)
    {
        eprintln!("error: {message}");
        return TROUBLE;
    }
    for p in &pages {
        match write_page(&a.out, &p.name, &p.html) {
            Ok(()) => println!("wrote {}", shown(&a.out.join(&p.name))),
            Err(message) => {
                eprintln!("error: {message}");
                trouble = true;
            }
        }
    }
    if paths.len() > 1 {
        let entries: Vec<report::IndexEntry> = pages.into_iter().map(|p| p.entry).collect();
        let as_of = a.as_of.as_of.map(|d| d.to_string());
        let html = report::index_page(&entries, as_of.as_deref());
        match write_page(&a.out, "index.html", &html) {
            Ok(()) => println!("wrote {}", shown(&a.out.join("index.html"))),
            Err(message) => {
                eprintln!("error: {message}");
                trouble = true;
            }
        }
    }
    if trouble {
        TROUBLE
    } else if invalid {
        INVALID
    } else {
        OK
    }
}

/// A page name not taken yet: `name.html`, else `name-2.html` …
fn unique(taken: &mut BTreeSet<String>, name: &str) -> String {
    let stem = name.strip_suffix(".html").unwrap_or(name);
    let mut candidate = name.to_string();
    let mut k = 2;
    while taken.contains(&candidate) {
        candidate = format!("{stem}-{k}.html");
        k += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn make_folder(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "cannot write into {}: it is a file, not a folder",
            shown(dir)
        ));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the folder {}: {e}", shown(dir)))
}

/// Write one page into the folder: a temporary file in the folder, then a
/// rename over `dir/name`. `name` is a plain file name (no separators).
fn write_page(dir: &Path, name: &str, html: &str) -> Result<(), String> {
    use std::io::Write;
    debug_assert!(!name.contains('/') && !name.contains('\\') && !name.starts_with('.'));
    let target = dir.join(name);
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", shown(&target));
    if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        return Err(format!(
            "cannot write {}: a folder of that name is in the way",
            shown(&target)
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".attrib-report-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(cannot)?;
    tmp.write_all(html.as_bytes()).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(cannot)?;
    }
    // A rename replaces the directory entry: a symbolic link at `target`
    // is replaced, never followed.
    tmp.persist(&target).map_err(|e| cannot(e.error))?;
    Ok(())
}
