//! The command-line interface, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit codes:
  0  no errors (and no warnings under --deny warnings)
  1  the input has errors (or warnings under --deny warnings)
  2  usage error, or a path that cannot be read

Docs: docs/language.md (the language), docs/diagnostics.md (every code),
docs/confidence.md (the calculus), docs/json.md (the JSON output).";

/// attrib — check cyber-attribution case files and derive their attribution chains.
#[derive(Debug, Parser)]
#[command(name = "attrib", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check case files and report every error and warning.
    Check(CheckArgs),
    /// Show the attribution chains of a case: from each event to each party held responsible.
    Chains(ChainsArgs),
    /// Explain a diagnostic code; with no code, list every code.
    Explain(ExplainArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for programs, as documented in docs/json.md.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Treat warnings as errors: exit 1 when there are any.
    Warnings,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    /// Case files, or folders: every `*.case` below a folder is checked.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Make warnings fail the check (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,
}

impl CheckArgs {
    pub fn deny_warnings(&self) -> bool {
        self.deny.contains(&Deny::Warnings)
    }
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ChainsArgs {
    /// The case file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show how each link's confidence is computed, step by step.
    #[arg(long)]
    pub explain: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code such as E0101 or W0201.
    pub code: Option<String>,
}
