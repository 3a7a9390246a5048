//! The output edge: everything attrib writes to standard output and
//! standard error passes here, and nothing a case or a file name holds
//! leaves it as a control character, a character that reorders the line,
//! or a workflow command a CI runner would obey.
//!
//! - Text for people (`print!`, `eprintln!` … in `src/cli/`, which
//!   `cli/mod.rs` replaces with [`out_text`] and [`err_text`]; the diff of
//!   `fmt --check`; the outputs of `chains`, `compare`, `graph`): control
//!   and bidirectional characters written as escapes (`\u{1b}`), a `::` at
//!   the start of a line and every `##[` broken by an escape
//!   (`attrib_core::chars::visible`).
//! - Text coloured by attrib ([`out_coloured`], [`err_coloured`]): its
//!   renderer already writes every character of the case visibly (the
//!   check's human output) or it is coloured only when the case holds
//!   nothing to escape (`chains`); only workflow commands are broken.
//! - JSON, SARIF and the Mermaid picture ([`out_json`]): what JSON and
//!   YAML strings may hold escaped as `\u009b`, `\u0023`
//!   (`attrib_core::chars::visible_json`).
//! - attrib's own texts (completions, the manual, `explain`) go out as
//!   they are ([`out_raw`]): a completion script must stay a script.
//!
//! Paths are shown relative to the working folder ([`relative`]): an
//! absolute path given on the command line does not put the folders above
//! it into every report, index and SARIF log. In messages and text outputs
//! a path is written on one line, escaped ([`shown`]); JSON, SARIF and the
//! report's pages get it as it is, which their own escaping keeps
//! ([`data`]).

use super::args::CheckFormat;
use attrib_core::chars;
use attrib_core::render::Style;
use std::borrow::Cow;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// A path relative to the working folder: `cases/x.case` for
/// `/home/me/repo/cases/x.case` run from `/home/me/repo`, `../cases/x.case`
/// from `/home/me/repo/docs`, `../../../tmp/x.case` from `/home/me/repo`.
/// A relative path is kept as given, and so is an absolute one on another
/// drive than the working folder.
pub fn relative(path: &Path) -> PathBuf {
    if !path.is_absolute() {
        return path.to_path_buf();
    }
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let lexical = relative_to(path, &cwd);
    // Outside the working folder as written: maybe inside once the folders
    // are resolved (`/tmp` a link to `/private/tmp`); the file itself is
    // not resolved, so a link keeps its name.
    let outside = |p: &Option<PathBuf>| p.as_ref().is_none_or(|p| p.starts_with(".."));
    if outside(&lexical)
        && let (Some(folder), Some(name)) = (path.parent(), path.file_name())
        && let Ok(folder) = folder.canonicalize()
    {
        let resolved = relative_to(&folder.join(name), &cwd);
        if !outside(&resolved) {
            return resolved.unwrap_or_default();
        }
    }
    lexical.unwrap_or_else(|| path.to_path_buf())
}

/// `path` (absolute) relative to `base` (absolute), read lexically.
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    fn clean(p: &Path) -> Vec<Component<'_>> {
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect()
    }
    let (p, b) = (clean(path), clean(base));
    let common = p
        .iter()
        .zip(&b)
        .take_while(|(x, y)| x == y && !matches!(x, Component::ParentDir))
        .count();
    // Another drive, or a working folder named through `..`.
    let roots = p
        .iter()
        .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        .count();
    if common < roots
        || b[common..]
            .iter()
            .any(|c| matches!(c, Component::ParentDir))
    {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

/// A path as messages and text outputs show it: relative, on one line,
/// every control and bidirectional character escaped.
pub fn shown(path: &Path) -> String {
    chars::visible(&relative(path).display().to_string(), false).into_owned()
}

/// A path as JSON, SARIF and the report's pages hold it: relative, as it is.
pub fn data(path: &Path) -> String {
    relative(path).display().to_string()
}

fn write(mut to: impl Write, text: &str) {
    // A closed pipe (`attrib … | head`) is not an error worth a panic.
    let _ = to.write_all(text.as_bytes());
    let _ = to.flush();
}

/// Text for people, to standard output.
pub fn out_text(text: &str) {
    write(std::io::stdout().lock(), &chars::visible(text, true));
}

/// Text for people, to standard error.
pub fn err_text(text: &str) {
    write(std::io::stderr().lock(), &chars::visible(text, true));
}

/// Text with attrib's colours, to standard output.
pub fn out_coloured(text: &str) {
    write(std::io::stdout().lock(), &commands_broken(text));
}

/// Text with attrib's colours, to standard error.
pub fn err_coloured(text: &str) {
    write(std::io::stderr().lock(), &commands_broken(text));
}

/// A JSON document (or a Mermaid picture), to standard output.
pub fn out_json(text: &str) {
    write(std::io::stdout().lock(), &chars::visible_json(text));
}

/// attrib's own text, to standard output as it is.
pub fn out_raw(text: &str) {
    write(std::io::stdout().lock(), text);
}

/// Text a renderer colours with `style`, to standard output: coloured only
/// when the text holds nothing to escape (its colours would be escaped
/// with the rest), plain and escaped otherwise.
pub fn out_styled(style: Style, render: impl Fn(Style) -> String) {
    let plain = render(Style {
        color: false,
        ..style
    });
    match chars::visible(&plain, true) {
        Cow::Borrowed(_) if style.color => out_coloured(&render(style)),
        shown => out_raw(&shown),
    }
}

/// One file's part of `attrib check`'s output, made safe for the format:
/// the human report coloured by attrib keeps its colours (its renderer
/// writes the case's characters visibly) with workflow commands broken;
/// text formats escaped ([`chars::visible`]); JSON and SARIF with what
/// their strings may hold escaped ([`chars::visible_json`]); GitHub's
/// workflow commands are attrib's own, their texts escaped by their
/// renderer as the runner reads them.
pub fn check_output(format: CheckFormat, style: Style, part: String) -> String {
    let safe = match format {
        CheckFormat::Human if style.color => commands_broken(&part),
        CheckFormat::Human | CheckFormat::Concise => chars::visible(&part, true),
        CheckFormat::Github => return part,
        CheckFormat::Json | CheckFormat::Sarif => chars::visible_json(&part),
    };
    match safe {
        Cow::Borrowed(_) => part,
        Cow::Owned(s) => s,
    }
}

/// `text` with only its workflow commands broken (its escape sequences are
/// attrib's colours).
pub fn commands_broken(text: &str) -> Cow<'_, str> {
    let at = chars::commands(text, true);
    if at.is_empty() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8 * at.len());
    let mut last = 0;
    for i in at {
        out.push_str(&text[last..i]);
        let c = text[i..]
            .chars()
            .next()
            .expect("a command starts at a character");
        out.extend(c.escape_unicode());
        last = i + c.len_utf8();
    }
    out.push_str(&text[last..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_relative_to_a_folder() {
        let rel = |p: &str, base: &str| relative_to(Path::new(p), Path::new(base));
        assert_eq!(
            rel("/home/me/repo/cases/x.case", "/home/me/repo"),
            Some("cases/x.case".into())
        );
        assert_eq!(
            rel("/home/me/repo/./x.case", "/home/me/repo/docs"),
            Some("../x.case".into())
        );
        assert_eq!(rel("/x.case", "/"), Some("x.case".into()));
        assert_eq!(rel("/home/me/repo", "/home/me/repo"), Some(".".into()));
        assert_eq!(
            rel("/tmp/x.case", "/home/me"),
            Some("../../tmp/x.case".into())
        );
        assert_eq!(
            rel("/home/me/../x.case", "/home/other"),
            Some("../me/../x.case".into())
        );
    }

    #[test]
    fn coloured_text_keeps_its_colours() {
        let text = "\u{1b}[1mhi\u{1b}[0m\n  ::error::x ##[warning]y\n";
        assert_eq!(
            commands_broken(text),
            "\u{1b}[1mhi\u{1b}[0m\n  \\u{3a}:error::x #\\u{23}[warning]y\n"
        );
    }
}
