//! The command line: arguments (clap), files in, text out, exit codes.
//!
//! Exit codes mean one thing each:
//! - 0: no errors (and no warnings under `--deny warnings`);
//! - 1: the input has errors (or warnings under `--deny warnings`);
//! - 2: the command could not do its job: bad usage, a path that cannot
//!   be read.

// Every line written with the standard macros in `src/cli/` goes through
// the output edge (`edge.rs`): these replace `print!`, `println!`,
// `eprint!` and `eprintln!` in this module and every module below it, so
// that no message can write a case's text or a file name raw.
#[allow(unused_macros)]
macro_rules! print {
    ($($t:tt)*) => { $crate::cli::edge::out_text(&format!($($t)*)) };
}
macro_rules! println {
    () => { $crate::cli::edge::out_text("\n") };
    ($($t:tt)*) => { $crate::cli::edge::out_text(&(format!($($t)*) + "\n")) };
}
macro_rules! eprint {
    ($($t:tt)*) => { $crate::cli::edge::err_text(&format!($($t)*)) };
}
macro_rules! eprintln {
    () => { $crate::cli::edge::err_text("\n") };
    ($($t:tt)*) => { $crate::cli::edge::err_text(&(format!($($t)*) + "\n")) };
}

mod args;
mod edge;
mod files;
mod lsp;
mod report;

use args::{CheckFormat, Cli, ColorChoice, Command, Format};
use attrib_core::diagnostics::{Code, Diagnostic, Severity};
use attrib_core::render::emitter::{self, Emitter, Totals};
use attrib_core::render::{self, Style};
use clap::Parser;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};

pub const OK: i32 = 0;
pub const INVALID: i32 = 1;
pub const TROUBLE: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A usage error repeats what it was given (a file name a shell's
        // glob expanded into an option): as plain text, escaped.
        Err(e) if e.use_stderr() => {
            edge::err_text(&e.render().to_string());
            return TROUBLE;
        }
        // Help and version: attrib's own text.
        Err(e) => {
            let _ = e.print();
            return OK;
        }
    };
    match cli.command {
        Command::Check(a) => check(a),
        Command::Chains(a) => chains(a),
        Command::Ach(a) => ach(a),
        Command::Compare(a) => compare(a),
        Command::Graph(a) => graph(a),
        Command::Export(a) => export(a),
        Command::Report(a) => report::run(a),
        Command::Fmt(a) => fmt(a),
        Command::Explain(a) => explain(a),
        Command::Completions(a) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(a.shell, &mut cmd, "attrib", &mut out);
            edge::out_raw(&String::from_utf8_lossy(&out));
            OK
        }
        Command::Man => {
            edge::out_raw(&man_page());
            OK
        }
        Command::Lsp(a) => lsp::run(a.docs_url),
    }
}

/// The manual page, generated from the same clap definitions as `--help`:
/// the command and each subcommand.
pub fn man_page() -> String {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd.clone()).render(&mut out);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("attrib-{}", sub.get_name());
        let sub = sub.clone().name(name.clone()).bin_name(name);
        out.extend_from_slice(b"\n");
        let _ = clap_mangen::Man::new(sub).render(&mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn fmt(a: args::FmtArgs) -> i32 {
    let (inputs, mut trouble) = files::expand(&a.paths);
    let mut unformatted = 0;
    let mut invalid = false;
    for input in &inputs {
        let shown = edge::shown(&input.path);
        let (text, meta) = match files::read(input) {
            Ok((bytes, meta)) => match String::from_utf8(bytes) {
                Ok(t) => (t, meta),
                Err(_) => {
                    eprintln!("error: {shown} is not UTF-8: `attrib check {shown}` shows where");
                    invalid = true;
                    continue;
                }
            },
            Err(message) => {
                eprintln!("error: {message}");
                trouble = true;
                continue;
            }
        };
        let formatted = match attrib_core::format::layout(&text) {
            Ok(f) => f,
            Err(diagnostics) => {
                let style = style(ColorChoice::Auto, std::io::stderr().is_terminal());
                eprint_diagnostics(&shown, &text, &diagnostics, style);
                eprintln!("error: {shown} has syntax errors; it was not formatted");
                invalid = true;
                continue;
            }
        };
        if formatted.text == text {
            continue;
        }
        unformatted += 1;
        if a.check {
            edge::out_text(&formatted.diff(&text, &shown));
            continue;
        }
        match files::write_formatted(input, &meta, &text, &formatted.text) {
            Ok(files::Written::Replaced) => println!("formatted {shown}"),
            Ok(files::Written::InPlace) => {
                println!("formatted {shown} (in place: it has several hard links)")
            }
            Err(message) => {
                eprintln!("error: {message}");
                trouble = true;
            }
        }
    }
    if a.check && unformatted > 0 {
        eprintln!(
            "{unformatted} file{} not formatted; `attrib fmt` rewrites {}",
            plural(unformatted),
            if unformatted == 1 { "it" } else { "them" }
        );
    }
    if trouble {
        TROUBLE
    } else if invalid || (a.check && unformatted > 0) {
        INVALID
    } else {
        OK
    }
}

/// Load and compile one file for a command that needs it free of errors:
/// its errors go to standard error, with the exit code to return.
fn compile_clean(
    input: &files::Input,
    options: attrib_core::Options,
) -> Result<(attrib_core::Loaded, attrib_core::Compilation), i32> {
    let path = input.path.as_path();
    let loaded = files::load(input).map_err(|message| {
        eprintln!("error: {message}");
        TROUBLE
    })?;
    let shown = edge::shown(path);
    let style = style(ColorChoice::Auto, std::io::stderr().is_terminal());
    let Some(compilation) = loaded.compilation_with(options) else {
        eprint_diagnostics(&shown, loaded.text(), &loaded.diagnostics(), style);
        return Err(INVALID);
    };
    let errors: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprint_diagnostics(&shown, loaded.text(), &errors, style);
        eprintln!(
            "error: {shown} has {} error{}; fix them first (`attrib check {shown}`)",
            errors.len(),
            plural(errors.len())
        );
        return Err(INVALID);
    }
    Ok((loaded, compilation))
}

fn compare(a: args::CompareArgs) -> i32 {
    let (inputs, trouble) = files::expand(&a.paths);
    let mut records = Vec::new();
    let mut invalid = false;
    for input in &inputs {
        match compile_clean(input, a.as_of.options()) {
            Ok((_, c)) => records.push(attrib_core::compare::record(&c)),
            Err(code) => invalid |= code == INVALID,
        }
    }
    match a.format {
        args::CompareFormat::Table => edge::out_text(&render::compare::table(&records, a.width)),
        args::CompareFormat::Csv => edge::out_text(&render::compare::csv(&records)),
        args::CompareFormat::Json => edge::out_json(&(render::compare::json(&records) + "\n")),
        // An SVG picture: XML, whose escaping keeps the case's text as text.
        args::CompareFormat::Svg => edge::out_json(&render::compare_svg::svg(&records)),
    }
    if trouble {
        TROUBLE
    } else if invalid {
        INVALID
    } else {
        OK
    }
}

fn graph(a: args::GraphArgs) -> i32 {
    match compile_clean(&files::Input::named(&a.file), a.as_of.options()) {
        Ok((_, c)) => {
            let options = render::graph::Options {
                chains_only: a.chains_only,
                event: a.event.clone(),
                claimant: a.claimant.clone(),
            };
            let drawn = match a.format {
                args::GraphFormat::Dot => render::graph::dot_with(&c, &options),
                args::GraphFormat::Mermaid => render::graph::mermaid_with(&c, &options),
            };
            match drawn {
                Ok(text) => {
                    // Mermaid's title is YAML, whose strings take the
                    // escapes JSON's do.
                    match a.format {
                        args::GraphFormat::Dot => edge::out_text(&text),
                        args::GraphFormat::Mermaid => edge::out_json(&text),
                    }
                    OK
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    TROUBLE
                }
            }
        }
        Err(code) => code,
    }
}

fn ach(a: args::AchArgs) -> i32 {
    let c = match compile_clean(&files::Input::named(&a.file), a.as_of.options()) {
        Ok((_, c)) => c,
        Err(code) => return code,
    };
    let model = match render::ach::build(&c, a.event.as_deref()) {
        Ok(model) => model,
        Err(message) => {
            eprintln!("error: {message}");
            return TROUBLE;
        }
    };
    match a.format {
        args::AchFormat::Text => {
            edge::out_styled(style(a.color, std::io::stdout().is_terminal()), |style| {
                render::ach::render(&model, style)
            })
        }
        args::AchFormat::Json => edge::out_json(&(model.to_json() + "\n")),
    }
    OK
}

fn export(a: args::ExportArgs) -> i32 {
    match compile_clean(&files::Input::named(&a.file), a.as_of.options()) {
        Ok((_, c)) => {
            let args::ExportFormat::Stix = a.format;
            edge::out_json(&(render::stix::bundle(&c) + "\n"));
            OK
        }
        Err(code) => code,
    }
}

fn style(choice: ColorChoice, stream_is_terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && !no_color,
    };
    Style { color, width: 100 }
}

/// A check's human output on standard error: coloured by attrib (its
/// renderer writes the case's characters visibly), or plain text.
fn eprint_diagnostics(shown: &str, text: &str, diagnostics: &[Diagnostic], style: Style) {
    let rendered = render::check_human::render(shown, text, diagnostics, style);
    if style.color {
        edge::err_coloured(&rendered);
    } else {
        edge::err_text(&rendered);
    }
}

fn check(a: args::CheckArgs) -> i32 {
    let policy = match a.policy() {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            return TROUBLE;
        }
    };
    let (mut inputs, mut trouble) = files::expand(&a.paths);
    // `check` reports files in path order (docs/json.md).
    inputs.sort_by(|x, y| x.path.cmp(&y.path));
    let style = style(a.color, std::io::stdout().is_terminal());
    let srcroot = std::env::current_dir()
        .ok()
        .and_then(|d| d.to_str().map(render::sarif::folder_uri));
    let emitter: Box<dyn Emitter> = match a.format {
        CheckFormat::Human => Box::new(emitter::Human(style)),
        CheckFormat::Concise => Box::new(emitter::Concise),
        CheckFormat::Github => Box::new(emitter::Github),
        CheckFormat::Json => Box::new(emitter::Json),
        CheckFormat::Sarif => Box::new(emitter::Sarif(render::sarif::Log {
            docs_url: a.docs_url.as_deref(),
            srcroot: srcroot.as_deref(),
        })),
    };

    // Read, check and render every file in parallel; `collect` keeps the
    // order of `inputs`, so the output is the same whatever the timing. Each
    // file's text is dropped once its output is made, and the outputs are
    // written one after the other, never joined into one string.
    let checked: Vec<Result<Checked, String>> = inputs
        .par_iter()
        .map(|input| {
            let loaded = files::load(input)?;
            // Each renderer writes the path as its format needs it.
            let path = edge::data(&input.path);
            let mut diagnostics = loaded.diagnostics();
            policy.apply(&mut diagnostics);
            let output = edge::check_output(
                a.format,
                style,
                emitter.file(&render::FileDiagnostics {
                    path: &path,
                    text: loaded.text(),
                    diagnostics: &diagnostics,
                }),
            );
            Ok(Checked {
                errors: diagnostics
                    .iter()
                    .filter(|d| d.severity() == Severity::Error)
                    .count(),
                warnings: diagnostics
                    .iter()
                    .filter(|d| d.severity() == Severity::Warning)
                    .count(),
                output,
            })
        })
        .collect();

    let (mut errors, mut warnings) = (0, 0);
    let mut outputs = Vec::with_capacity(checked.len());
    for c in checked {
        match c {
            Ok(c) => {
                errors += c.errors;
                warnings += c.warnings;
                outputs.push(c.output);
            }
            Err(message) => {
                eprintln!("error: {message}");
                trouble = true;
            }
        }
    }
    let totals = Totals {
        errors,
        warnings,
        files: outputs.len(),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A closed pipe (`attrib … | head`) is not an error worth a panic.
    let _ = emitter
        .write(&mut out, outputs, totals)
        .and_then(|()| out.flush());
    // Standard output holds only what programs read (workflow commands).
    if let Some(summary) = emitter.summary_on_stderr(totals) {
        eprintln!("{summary}");
    }
    if trouble {
        TROUBLE
    } else if errors > 0 {
        INVALID
    } else {
        OK
    }
}

/// One file, checked, with its output made.
struct Checked {
    errors: usize,
    warnings: usize,
    /// The file's part of the output, in the chosen format.
    output: String,
}

fn chains(a: args::ChainsArgs) -> i32 {
    let loaded = match files::load(&files::Input::named(&a.file)) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return TROUBLE;
        }
    };
    let shown = edge::shown(&a.file);
    let Some(compilation) = loaded.compilation_with(a.as_of.options()) else {
        let diagnostics = loaded.diagnostics();
        eprint_diagnostics(
            &shown,
            loaded.text(),
            &diagnostics,
            style(a.color, std::io::stderr().is_terminal()),
        );
        return INVALID;
    };
    let errors = compilation.count(Severity::Error);
    if errors > 0 {
        let style = style(a.color, std::io::stderr().is_terminal());
        let only_errors: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .cloned()
            .collect();
        eprint_diagnostics(&shown, loaded.text(), &only_errors, style);
        eprintln!(
            "error: {shown} has {errors} error{}; chains are derived only from a file without errors",
            plural(errors)
        );
        return INVALID;
    }
    let model = render::chains_json::build(&compilation, a.explain);
    let warnings = compilation.count(Severity::Warning);
    match a.format {
        Format::Human => {
            // The case's warnings first, on standard error, one line each:
            // they say where the chains below are weak, and in full they
            // would push the assessments off the screen (`check` shows
            // them with their snippets).
            if warnings > 0 {
                eprint!(
                    "{}",
                    render::check_concise::lines(&shown, loaded.text(), &compilation.diagnostics)
                );
                eprintln!(
                    "{warnings} warning{}: `attrib check {shown}` shows each in place, with what to do",
                    plural(warnings)
                );
            }
            // Coloured only when the case holds nothing to escape: its
            // colours would be escaped with the rest.
            edge::out_styled(style(a.color, std::io::stdout().is_terminal()), |style| {
                render::chains_human::render(&model, style)
            });
        }
        Format::Json => {
            edge::out_json(&(model.to_json() + "\n"));
            if warnings > 0 {
                eprintln!(
                    "{warnings} warning{} in {shown}: `attrib check {shown}` shows them",
                    plural(warnings)
                );
            }
        }
    }
    OK
}

fn explain(a: args::ExplainArgs) -> i32 {
    match a.code {
        None => {
            edge::out_raw(&render::docs::list());
            OK
        }
        Some(text) => match Code::parse(&text) {
            Some(code) => {
                edge::out_raw(&render::docs::explain(code.info()));
                OK
            }
            None => {
                eprintln!(
                    "error: `{text}` is not a diagnostic code; `attrib explain` lists them all"
                );
                TROUBLE
            }
        },
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
