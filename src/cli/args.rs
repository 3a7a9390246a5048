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
    /// Weigh competing hypotheses (ACH): each event's matrix of rated evidence, the ranking, what decides it.
    Ach(AchArgs),
    /// Compare cases side by side: one column per case, one row per research variable.
    Compare(CompareArgs),
    /// Draw a case's actors, events, claims and chains as a graph (DOT or Mermaid).
    Graph(GraphArgs),
    /// Export a case to another format (STIX 2.1).
    Export(ExportArgs),
    /// Write a self-contained HTML report of each case into a folder (and an index of them).
    #[command(
        long_about = "Write a self-contained HTML page for each case into a folder: the \
assessments first (who is held responsible for what, by whom, with what confidence they stated and \
what support the evidence on record gives it), a timeline, the chains link by link, the evidence and \
sources with their Admiralty grades, and the file's diagnostics. Given several cases, also an \
index.html with the cases compared. The pages load nothing from the network: open them from disk."
    )]
    Report(ReportArgs),
    /// Rewrite case files in the canonical layout, keeping every comment.
    Fmt(FmtArgs),
    /// Explain a diagnostic code; with no code, list every code.
    Explain(ExplainArgs),
    /// Print a shell completion script: `attrib completions bash > /etc/bash_completion.d/attrib`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `attrib man > attrib.1 && man ./attrib.1`.
    Man,
    /// Run the language server over standard input and output (for editors:
    /// docs/editors.md).
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Link each diagnostic code to its explanation at this address
    /// (`URL#w0201`), e.g. where docs/diagnostics.md is published.
    #[arg(long, value_name = "URL")]
    pub docs_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "Exit codes:
  0  every file is formatted (or was rewritten)
  1  with --check: some file is not formatted (its diff is printed); or a file has syntax errors
  2  usage error, or a path that cannot be read or written")]
pub struct FmtArgs {
    /// Case files, or folders: every `*.case` below a folder. A folder walk does not follow
    /// symlinks; a symlink named here has its target formatted, and stays a link. Read-only
    /// files are refused; a file with several hard links is rewritten in place.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Change nothing: print a diff of what would change and exit 1 if any file is not formatted.
    #[arg(long)]
    pub check: bool,
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
pub enum CheckFormat {
    /// Text for people.
    Human,
    /// JSON for programs, as documented in docs/json.md.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the lines of a pull request.
    Github,
    /// One line per diagnostic, `path:line:column: CODE severity: message`, for CI logs.
    Concise,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    /// Case files, or folders: every `*.case` below a folder is checked. A folder walk does not
    /// follow symlinks (each is skipped with a note: name a file to check what a link points
    /// to) and reads only regular files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Report warnings as errors (exit 1): `warnings` for all of them, or a code such as W0201.
    /// Repeatable.
    #[arg(long, value_name = "warnings|CODE")]
    pub deny: Vec<String>,
    /// Do not report this warning code at all. Repeatable. Errors cannot be allowed.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Where the diagnostics page is published: each SARIF rule's `helpUri` is `<URL>#<code>`.
    /// Without it, SARIF rules have no `helpUri`.
    #[arg(long, value_name = "URL", value_parser = absolute_uri)]
    pub docs_url: Option<String>,
}

/// An absolute URI: a scheme, a colon, and no white space or control
/// characters (RFC 3986's outline; SARIF asks for an absolute `helpUri`).
fn absolute_uri(text: &str) -> Result<String, String> {
    let scheme = text.split(':').next().unwrap_or("");
    let scheme_ok = text.contains(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "not an absolute URI: give one such as https://example.org/docs/diagnostics.md".into(),
        );
    }
    Ok(text.to_string())
}

impl CheckArgs {
    /// The severity policy the flags ask for.
    pub fn policy(&self) -> Result<attrib_core::diagnostics::Policy, String> {
        use attrib_core::diagnostics::{Code, Policy, Severity};
        let code = |text: &str| {
            Code::parse(text).ok_or_else(|| {
                format!("`{text}` is not a diagnostic code; `attrib explain` lists them")
            })
        };
        let mut policy = Policy::default();
        for d in &self.deny {
            if d.eq_ignore_ascii_case("warnings") {
                policy.deny_warnings = true;
            } else {
                policy.deny.push(code(d)?);
            }
        }
        for a in &self.allow {
            let c = code(a)?;
            if c.info().severity == Severity::Error {
                return Err(format!("`{a}` is an error, and errors cannot be allowed"));
            }
            if policy.deny.contains(&c) {
                return Err(format!(
                    "`{}` is both denied and allowed: give it to `--deny` or to `--allow`, not to both",
                    c.as_str()
                ));
            }
            policy.allow.push(c);
        }
        Ok(policy)
    }
}

/// `--as-of DATE`, shared by the commands that read the analysis.
#[derive(Debug, Args)]
pub struct AsOf {
    /// Show the case as it stood on this date (`2022-09-30`, `2022-09`):
    /// only claims and responses certainly made by then, and evidence
    /// known by then. The rule is in docs/confidence.md ("As of a date").
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<attrib_core::date::Date>,
}

fn parse_as_of(text: &str) -> Result<attrib_core::date::Date, String> {
    attrib_core::syntax::parse_date(text).ok_or_else(|| {
        format!(
            "`{text}` is not a date: write it as in a case file, `2022-09-30`, `2022-09` or `2022`"
        )
    })
}

impl AsOf {
    pub fn options(&self) -> attrib_core::Options {
        attrib_core::Options { as_of: self.as_of }
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
    /// Show how each link's and assessment's support is computed, step by step.
    #[arg(long)]
    pub explain: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub as_of: AsOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AchFormat {
    /// Text for people.
    Text,
    /// JSON for programs, as documented in docs/json.md.
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = ACH_HELP)]
pub struct AchArgs {
    /// The case file.
    pub file: PathBuf,
    /// Only this event's matrix.
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AchFormat::Text)]
    pub format: AchFormat,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub as_of: AsOf,
}

const ACH_HELP: &str = "\
The score of a hypothesis is weighted inconsistency on the record, not a probability: the sum,
over the evidence items rated inconsistent (1) or very inconsistent (2) with it, of that weight
times the item's grade (0-100). The least inconsistent comes first.

Exit codes:
  0  the matrices were shown
  1  the case has errors (`attrib check` shows them)
  2  usage error, an unknown event, or a path that cannot be read

Docs: docs/ach.md (the method, Heuer's eight steps), docs/json.md (the JSON output).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// One column per case, for people (fits the width).
    Table,
    /// One record per case, with a header line: for pandas and R.
    Csv,
    /// An array with one object per case.
    Json,
    /// Three pictures of the cases as one self-contained SVG: days to the
    /// first attribution, a case × state grid, the strongest response.
    Svg,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CompareArgs {
    /// Case files, or folders: every `*.case` below a folder, sorted by path.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format. The variables are defined in docs/compare.md.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Width of the table, in columns.
    #[arg(long, default_value_t = 100)]
    pub width: usize,
    #[command(flatten)]
    pub as_of: AsOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT: render with `dot -Tsvg`.
    Dot,
    /// Mermaid flowchart: renders in GitHub Markdown.
    Mermaid,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct GraphArgs {
    /// The case file.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Draw only the attribution chains, their events and parties (and the events' victims):
    /// no claims, evidence or responses.
    #[arg(long)]
    pub chains_only: bool,
    /// Only the chains from this event (or from its parts), and what they rest on.
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// Only the chains this actor asserts or endorses, and what they rest on.
    #[arg(long, value_name = "ID")]
    pub claimant: Option<String>,
    #[command(flatten)]
    pub as_of: AsOf,
}

#[derive(Debug, Args)]
#[command(after_help = REPORT_HELP)]
pub struct ReportArgs {
    /// Case files, or folders: every `*.case` below a folder, sorted by path.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The folder to write into, created if needed: one `<case-id>.html` per case, and
    /// `index.html` when there are several. Existing pages of the same names are replaced.
    #[arg(short = 'o', long = "out", value_name = "DIR", required = true)]
    pub out: PathBuf,
    #[command(flatten)]
    pub as_of: AsOf,
}

const REPORT_HELP: &str = "\
Examples:
  attrib report cases/albania-iran-2022.case -o report/     then open report/albania-iran-2022.html
  attrib report cases/ -o report/                           every case, and report/index.html
  attrib report cases/ -o report/ --as-of 2022-09-01        the cases as they stood then

Exit codes:
  0  every page was written
  1  a case has errors (`attrib check` shows them); its page is not written, the others are
  2  usage error, or a path that cannot be read or written

Docs: docs/report.md (what a page shows, the timeline's conventions), docs/confidence.md
(support on record and stated confidence).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A STIX 2.1 bundle (JSON), with deterministic ids.
    Stix,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ExportArgs {
    /// The case file.
    pub file: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub as_of: AsOf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code such as E0101 or W0201.
    pub code: Option<String>,
}
