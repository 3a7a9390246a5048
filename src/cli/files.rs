//! Reading case files from disk, walking folders, and writing formatted
//! files back.
//!
//! What is read, and what is not:
//! - a path named on the command line is read as named: a symlink is
//!   followed, but what it leads to must be a regular file;
//! - a folder is walked without following symlinks: a symlink met in the
//!   walk is skipped with a note and never opened, so a walk never leaves
//!   the folder it was given;
//! - only regular files are read: a FIFO, socket or device is refused
//!   (named) or skipped with a note (walked), and never opened for reading.
//!   Its type is checked before it is opened, the file is opened
//!   non-blocking (a FIFO swapped in between cannot hang attrib) and, in a
//!   walk, without following a symlink, and its type is checked again on
//!   the open file;
//! - files over [`MAX_FILE`] are refused unread.
//!
//! No message about a refused file contains any of its bytes: it is never
//! read.

use super::edge::shown;
use attrib_core::Loaded;
use std::fs::{File, Metadata};
use std::path::{Path, PathBuf};

/// The largest case file attrib reads. Case files are written by hand (the
/// largest real one is under 50 KB); a file this large is a mistake, and
/// reading it would cost several times its size in memory.
pub const MAX_FILE: u64 = 32 * 1024 * 1024;

/// A file to read, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    pub found: Found,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// Named on the command line: read as named, a symlink followed.
    Named,
    /// Found in a folder walk: never through a symlink.
    Walked,
}

impl Input {
    pub fn named(path: &Path) -> Self {
        Input {
            path: path.to_path_buf(),
            found: Found::Named,
        }
    }
}

pub fn load(input: &Input) -> Result<Loaded, String> {
    Ok(Loaded::from_bytes(&read(input)?.0))
}

/// What a file that is not a regular file is, in words.
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symlink";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_char_device() {
            return "a character device";
        }
    }
    "not a regular file"
}

fn not_regular(path: &Path, meta: &Metadata) -> String {
    if meta.is_dir() {
        return format!(
            "cannot read {}: it is a folder; `attrib check` reads folders",
            shown(path)
        );
    }
    format!(
        "cannot read {}: it is {}, not a regular file; attrib reads only regular files",
        shown(path),
        kind(meta)
    )
}

/// Open a file for reading: non-blocking (opening a FIFO must not wait for
/// a writer), and without following a final symlink when `no_follow`.
fn open_for_reading(path: &Path, no_follow: bool) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if no_follow {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    let _ = no_follow;
    options.open(path)
}

/// A file's bytes and its metadata (of the open file), refusing anything
/// but a regular file, and files over [`MAX_FILE`], without reading them.
pub fn read(input: &Input) -> Result<(Vec<u8>, Metadata), String> {
    use std::io::Read;
    let path = input.path.as_path();
    let too_large = |size: u64| {
        format!(
            "cannot read {}: the file is {:.1} MiB, and attrib reads case files of up to {} MiB; put each case in a file of its own",
            shown(path),
            size as f64 / (1024.0 * 1024.0),
            MAX_FILE / (1024 * 1024)
        )
    };
    let cannot = |e: std::io::Error| format!("cannot read {}: {}", shown(path), describe(&e));
    // Its type first, without opening it.
    let walked = input.found == Found::Walked;
    let before = if walked {
        std::fs::symlink_metadata(path)
    } else {
        std::fs::metadata(path)
    }
    .map_err(cannot)?;
    if !before.is_file() {
        return Err(not_regular(path, &before));
    }
    let file = open_for_reading(path, walked).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return format!(
                "cannot read {}: it became a symlink while attrib was reading the folder; it was not read",
                shown(path)
            );
        }
        cannot(e)
    })?;
    // And again on the open file: it may have been swapped since.
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    if meta.len() > MAX_FILE {
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
    Ok((bytes, meta))
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
/// be read. A walk follows no symlink and takes only regular files; what it
/// skips is said on standard error as a note.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, bool) {
    let mut out = Vec::new();
    let mut trouble = false;
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: cannot read {}: {}", shown(p), describe(&e));
                trouble = true;
                continue;
            }
        };
        if meta.is_file() {
            out.push(Input::named(p));
            continue;
        }
        if !meta.is_dir() {
            eprintln!("error: {}", not_regular(p, &meta));
            trouble = true;
            continue;
        }
        let mut found = Vec::new();
        // The folder named is entered even when it is a symlink (it was
        // named); nothing below it is followed.
        for entry in walkdir::WalkDir::new(p).follow_links(false) {
            match entry {
                Ok(e) => {
                    let t = e.file_type();
                    if t.is_symlink() {
                        eprintln!(
                            "note: skipped {}: attrib does not follow symlinks inside a folder; name it on the command line to read what it points to",
                            shown(e.path())
                        );
                    } else if t.is_dir() || e.path().extension().is_none_or(|x| x != "case") {
                        // Folders are walked; other files are not case files.
                    } else if t.is_file() {
                        found.push(Input {
                            path: e.into_path(),
                            found: Found::Walked,
                        });
                    } else {
                        let what = e
                            .metadata()
                            .map(|m| kind(&m))
                            .unwrap_or("not a regular file");
                        eprintln!(
                            "note: skipped {}: it is {what}, not a regular file",
                            shown(e.path())
                        );
                    }
                }
                Err(e) => {
                    eprintln!(
                        "error: cannot read {}: {}",
                        shown(e.path().unwrap_or(p)),
                        e.io_error().map(describe).unwrap_or_else(|| e.to_string())
                    );
                    trouble = true;
                }
            }
        }
        if found.is_empty() {
            eprintln!("error: no `.case` files under {}", shown(p));
            trouble = true;
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        out.extend(found);
    }
    // In the order given (a folder's files in path order), each once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.path.clone()));
    (out, trouble)
}

/// How a formatted file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A new file in the same folder, renamed over the old one: atomic.
    Replaced,
    /// Rewritten in place, through the file itself: for a file with more
    /// than one hard link, or whose owner attrib could not give a new file.
    InPlace,
}

/// Write a formatted file back, as `attrib fmt` promises (docs/ci.md):
/// - only the regular file that was read is written: the target of a
///   symlink named on the command line (the link stays), never a file that
///   changed identity since it was read;
/// - a read-only file is refused;
/// - a file over [`MAX_FILE`] is never written;
/// - the file keeps its permissions and its owner;
/// - a file with one link is replaced atomically (a temporary file in the
///   same folder, then a rename), so an error never leaves it truncated;
/// - a file with several hard links (or whose owner and group a new file
///   cannot be given) is rewritten in place, so every link sees the new
///   text; a copy of the old text is kept beside it while it is written, and
///   left there, named in the message, if the write fails.
///
/// `read` is the metadata of the file as it was read, `old` its text.
pub fn write_formatted(
    input: &Input,
    read: &Metadata,
    old: &str,
    new: &str,
) -> Result<Written, String> {
    let path = input.path.as_path();
    let shown = shown(path);
    if new.len() as u64 > MAX_FILE {
        return Err(format!(
            "{shown} would be {:.1} MiB once formatted, and attrib reads case files of up to {} MiB; it was left unchanged",
            new.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE / (1024 * 1024)
        ));
    }
    let cannot = |e: std::io::Error| format!("cannot write {shown}: {e}; the file is unchanged");
    // The file itself: a symlink named on the command line is written
    // through, to its target (a walk never yields a symlink).
    let is_link = std::fs::symlink_metadata(path)
        .map_err(cannot)?
        .file_type()
        .is_symlink();
    let target = if is_link && input.found == Found::Named {
        std::fs::canonicalize(path).map_err(cannot)?
    } else {
        path.to_path_buf()
    };
    let file = open_for_writing(&target).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            format!("cannot write {shown}: it is not writable (permission denied); the file is unchanged")
        }
        _ => cannot(e),
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() || !same_file(&meta, read) {
        return Err(format!(
            "{shown} changed while it was being formatted; it was left as it is now"
        ));
    }
    if meta.permissions().readonly() {
        return Err(format!(
            "{shown} is read-only; attrib fmt does not write read-only files (make it writable to format it)"
        ));
    }
    if links(&meta) > 1 {
        return in_place(&target, file, old, new).map(|()| Written::InPlace);
    }
    match replace(&target, &meta, new) {
        Ok(true) => Ok(Written::Replaced),
        Ok(false) => in_place(&target, file, old, new).map(|()| Written::InPlace),
        Err(e) => Err(cannot(e)),
    }
}

/// Open an existing file for writing, without truncating it or following a
/// final symlink.
fn open_for_writing(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Replace a file through a temporary file in the same folder and a
/// rename, giving the new file the old one's owner, group and permissions.
/// `Ok(false)` when the owner or group cannot be given (nothing was
/// changed).
fn replace(path: &Path, meta: &Metadata, text: &str) -> std::io::Result<bool> {
    use std::io::Write;
    let mut tmp = tempfile::Builder::new()
        .prefix(".attrib-fmt-")
        .tempfile_in(folder_of(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.as_file().metadata()?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid())
            && std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).is_err()
        {
            return Ok(false);
        }
    }
    tmp.write_all(text.as_bytes())?;
    // After the owner: changing the owner clears set-id bits.
    tmp.as_file().set_permissions(meta.permissions())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Rewrite a file through itself, keeping a copy of the old text beside it
/// until the new text is safely written.
fn in_place(path: &Path, mut file: File, old: &str, new: &str) -> Result<(), String> {
    use std::io::{Seek, Write};
    let shown = shown(path);
    let mut backup = tempfile::Builder::new()
        .prefix(".attrib-fmt-backup-")
        .tempfile_in(folder_of(path))
        .and_then(|mut b| {
            b.write_all(old.as_bytes())?;
            b.as_file().sync_all()?;
            Ok(b)
        })
        .map_err(|e| {
            format!(
                "cannot write {shown}: it has several hard links, so it is rewritten in place, and a copy of it could not be made first ({e}); the file is unchanged"
            )
        })?;
    let write = |file: &mut File, text: &str| -> std::io::Result<()> {
        file.rewind()?;
        file.write_all(text.as_bytes())?;
        file.set_len(text.len() as u64)?;
        file.sync_all()
    };
    match write(&mut file, new) {
        Ok(()) => Ok(()),
        Err(e) => {
            if write(&mut file, old).is_ok() {
                return Err(format!("cannot write {shown}: {e}; the file is unchanged"));
            }
            let kept = backup
                .as_file_mut()
                .sync_all()
                .and_then(|()| backup.keep().map_err(|k| k.error))
                .map(|(_, p)| super::edge::shown(&p))
                .unwrap_or_else(|_| "nowhere: it could not be kept".into());
            Err(format!(
                "cannot write {shown}: {e}; it may be damaged: its old text is in {kept}"
            ))
        }
    }
}
