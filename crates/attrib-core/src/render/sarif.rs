//! `attrib check --format sarif`: SARIF 2.1.0, for code-scanning dashboards.
//!
//! One rule per catalogue code; one result per diagnostic, located by line
//! and column (columns count Unicode code points: `columnKind`
//! `unicodeCodePoints`), further labels as related locations.
//!
//! Artifact locations are URIs: a relative path becomes a relative URI,
//! percent-encoded, against the base `%SRCROOT%` (the folder attrib ran in,
//! given in the run's `originalUriBaseIds`); an absolute path becomes a
//! `file:///` URI.
//!
//! The log is made in pieces, never as one tree of JSON values nor one
//! string: [`results`] serialises one file's results (in parallel, by the
//! command line), and [`Log::head`] and [`Log::tail`] go around them.
//! [`Log::whole`] joins them, for tests.

use super::Indented;
use crate::diagnostics::{CATALOGUE, CodeInfo, Severity};
use crate::source::LineIndex;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// The base every relative artifact URI is resolved against.
pub const SRCROOT: &str = "%SRCROOT%";

/// What a URI path keeps as it is: RFC 3986's unreserved characters, and
/// `/` between segments. Everything else, `:` included (in a relative URI
/// it would read as a scheme), is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A path with `/` between its parts (`\` too on Windows), and whether it
/// is absolute.
fn slashed(path: &str) -> (String, bool) {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let absolute = path.starts_with('/') || (cfg!(windows) && drive);
    (path, absolute)
}

/// A `file:` URI for an absolute path; a Windows drive letter keeps its
/// colon (`file:///C:/…`).
fn absolute_uri(path: &str) -> String {
    let mut out = String::from("file://");
    let rest = match path.as_bytes() {
        [letter, b':', ..] if cfg!(windows) && letter.is_ascii_alphabetic() => {
            out.push('/');
            out.push_str(&path[..2]);
            &path[2..]
        }
        _ => path,
    };
    out.extend(utf8_percent_encode(rest, PATH));
    out
}

/// The `file:` URI of a folder, ending in `/` as a base URI must.
pub fn folder_uri(path: &str) -> String {
    let (path, _) = slashed(path);
    let mut uri = absolute_uri(&path);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Where a result's file is: its URI, and the base it is relative to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

impl ArtifactLocation {
    /// The location of a file named by a path as given (relative to the
    /// folder attrib runs in, or absolute).
    pub fn of(path: &str) -> Self {
        let (path, absolute) = slashed(path);
        if absolute {
            return ArtifactLocation {
                uri: absolute_uri(&path),
                uri_base_id: None,
            };
        }
        let mut rest = path.as_str();
        while let Some(r) = rest.strip_prefix("./") {
            rest = r.trim_start_matches('/');
        }
        ArtifactLocation {
            uri: utf8_percent_encode(rest, PATH).to_string(),
            uri_base_id: Some(SRCROOT),
        }
    }
}

/// The first paragraph under "## What it means".
fn meaning(info: &CodeInfo) -> String {
    info.explanation
        .split("## What it means")
        .nth(1)
        .and_then(|rest| rest.trim_start().split("\n\n").next())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| info.summary.to_string())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

pub use super::FileDiagnostics;

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

/// A fix (SARIF 2.1.0 §3.55): the replacements that resolve the result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: &'a ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Inserted<'a>,
}

#[derive(Serialize)]
struct Inserted<'a> {
    text: &'a str,
}

fn locate<'a>(
    index: &LineIndex<'_>,
    artifact: &'a ArtifactLocation,
    id: Option<usize>,
    span: crate::span::Span,
    message: Option<&'a str>,
) -> Location<'a> {
    let (start_line, start_column) = index.line_column(span.start);
    let (end_line, end_column) = index.line_column(span.end);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact,
            region: Region {
                start_line,
                start_column,
                end_line,
                end_column,
            },
        },
        message: message.map(|text| Message { text }),
    }
}

/// Results sit four levels deep in the log: `{ runs: [ { results: [`.
const RESULT_INDENT: &[u8] = b"        ";

/// The SARIF results of one file's diagnostics, serialised, indented for
/// their place in the log and separated by commas: a piece for
/// [`Log::head`] … [`Log::tail`]. Empty when the file has no diagnostics.
pub fn results(f: &FileDiagnostics<'_>) -> String {
    let index = LineIndex::new(f.text);
    let artifact = ArtifactLocation::of(f.path);
    let location = |id, span, message| locate(&index, &artifact, id, span, message);
    let mut out = Indented::new(RESULT_INDENT);
    for (i, d) in f.diagnostics.iter().enumerate() {
        let primary = d.labels.first().map(|l| l.span).unwrap_or_default();
        let text = format!("{} — {}", d.message, d.help);
        let result = SarifResult {
            rule_id: d.code.as_str(),
            rule_index: d.code as usize,
            level: level(d.severity()),
            message: Message { text: &text },
            locations: [location(
                None,
                primary,
                d.labels.first().map(|l| l.message.as_str()),
            )],
            related_locations: d
                .labels
                .iter()
                .enumerate()
                .skip(1)
                .map(|(k, l)| location(Some(k), l.span, Some(&l.message)))
                .collect(),
            fixes: d
                .fixes
                .iter()
                .map(|fix| SarifFix {
                    description: Message { text: &fix.title },
                    artifact_changes: [ArtifactChange {
                        artifact_location: &artifact,
                        replacements: fix
                            .edits
                            .iter()
                            .map(|(span, text)| Replacement {
                                deleted_region: location(None, *span, None)
                                    .physical_location
                                    .region,
                                inserted_content: Inserted { text },
                            })
                            .collect(),
                    }],
                })
                .collect(),
        };
        if i > 0 {
            out.separate();
        }
        serde_json::to_writer_pretty(&mut out, &result).expect("a SARIF result serialises");
    }
    out.into_string()
}

/// The run around the results: the tool, its rules, and where relative
/// URIs start.
pub struct Log<'a> {
    /// Where the diagnostics page is published: each rule's `helpUri` is
    /// `<docs_url>#<code>`. No `helpUri` without it.
    pub docs_url: Option<&'a str>,
    /// The absolute `file:` URI of the folder relative paths start from
    /// ([`folder_uri`]), given as `%SRCROOT%` in `originalUriBaseIds`.
    pub srcroot: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Message<'static>,
    full_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Base<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<std::collections::BTreeMap<&'static str, Base<'a>>>,
    column_kind: &'static str,
    /// Always empty here: the results are written between head and tail.
    results: [(); 0],
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

/// Where the results go in the log: the run's last member.
const RESULTS: &str = "\n      \"results\": []";

impl Log<'_> {
    /// The whole log with no results, pretty-printed.
    fn empty(&self) -> String {
        let rules = CATALOGUE
            .iter()
            .map(|info| Rule {
                id: info.code,
                name: info.name,
                short_description: Message { text: info.summary },
                full_description: Text {
                    text: meaning(info),
                },
                help_uri: self
                    .docs_url
                    .map(|docs| format!("{docs}#{}", info.code.to_lowercase())),
                help: Help {
                    text: format!("attrib explain {}", info.code),
                    markdown: info.explanation,
                },
                default_configuration: Configuration {
                    level: level(info.severity),
                },
            })
            .collect();
        let log = SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "attrib",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: env!("CARGO_PKG_REPOSITORY"),
                        rules,
                    },
                },
                original_uri_base_ids: self
                    .srcroot
                    .map(|uri| [(SRCROOT, Base { uri })].into_iter().collect()),
                column_kind: "unicodeCodePoints",
                results: [],
            }],
        };
        serde_json::to_string_pretty(&log).expect("SARIF serialises")
    }

    /// Everything before the results, up to and with the `[` that opens them.
    pub fn head(&self) -> String {
        let empty = self.empty();
        let at = empty.rfind(RESULTS).expect("the run ends with its results") + RESULTS.len();
        format!("{}\n{}", &empty[..at - 1], str_indent(RESULT_INDENT))
    }

    /// Everything after the results, from the `]` that closes them, with a
    /// final newline.
    pub fn tail(&self) -> String {
        let empty = self.empty();
        let at = empty.rfind(RESULTS).expect("the run ends with its results") + RESULTS.len();
        format!("\n      {}\n", &empty[at - 1..])
    }

    /// The separator between two files' non-empty [`results`].
    pub const SEPARATOR: &'static str = ",\n        ";

    /// The whole log around the pieces [`results`] made, in order.
    pub fn whole(&self, pieces: &[String]) -> String {
        let mut out = String::new();
        let full: Vec<&String> = pieces.iter().filter(|p| !p.is_empty()).collect();
        if full.is_empty() {
            let empty = self.empty();
            out.push_str(&empty);
            out.push('\n');
            return out;
        }
        out.push_str(&self.head());
        for (i, piece) in full.iter().enumerate() {
            if i > 0 {
                out.push_str(Self::SEPARATOR);
            }
            out.push_str(piece);
        }
        out.push_str(&self.tail());
        out
    }
}

fn str_indent(indent: &[u8]) -> &str {
    std::str::from_utf8(indent).expect("indentation is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};
    use crate::span::Span;

    #[test]
    fn relative_paths_are_relative_uris_against_srcroot() {
        let a = ArtifactLocation::of("cases copy/ünï #1.case");
        assert_eq!(a.uri, "cases%20copy/%C3%BCn%C3%AF%20%231.case");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        assert_eq!(
            ArtifactLocation::of("./a/./b:c%.case").uri,
            "a/./b%3Ac%25.case"
        );
        assert_eq!(ArtifactLocation::of("../up.case").uri, "../up.case");
    }

    #[test]
    fn absolute_paths_are_file_uris() {
        let a = ArtifactLocation::of("/tmp/x y/é?.case");
        assert_eq!(a.uri, "file:///tmp/x%20y/%C3%A9%3F.case");
        assert_eq!(a.uri_base_id, None);
        assert_eq!(folder_uri("/home/a b"), "file:///home/a%20b/");
        assert_eq!(folder_uri("/"), "file:///");
    }

    /// Laid out as serde_json's pretty printer lays out a document: each
    /// line indented two spaces per level of nesting, a final newline.
    fn pretty(json: &str) {
        assert!(json.ends_with("}\n"));
        let mut depth = 0usize;
        let (mut in_string, mut escaped) = (false, false);
        for line in json.lines() {
            let body = line.trim_start();
            let expected = if body.starts_with(['}', ']']) {
                depth - 1
            } else {
                depth
            };
            assert_eq!(line.len() - body.len(), 2 * expected, "{line}");
            for c in body.chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '{' | '[' if !in_string => depth += 1,
                    '}' | ']' if !in_string => depth -= 1,
                    _ => {}
                }
            }
        }
        assert_eq!(depth, 0);
    }

    fn diagnostics() -> Vec<Diagnostic> {
        vec![
            Diagnostic::new(Code::Unused, "one\nline")
                .label(Span::new(0, 5), "here")
                .label(Span::new(6, 7), "and here")
                .help("help"),
            Diagnostic::new(Code::UnknownReference, "two").label(Span::new(2, 3), "there"),
        ]
    }

    /// The pieces make one JSON document, the same as a whole serialised
    /// at once would be.
    #[test]
    fn the_pieces_make_the_log() {
        let text = "actor a {\n  kind state\n}\n";
        let d = diagnostics();
        let piece = |path| {
            results(&FileDiagnostics {
                path,
                text,
                diagnostics: &d,
            })
        };
        let log = Log {
            docs_url: Some("https://example.org/d.md"),
            srcroot: Some("file:///w/"),
        };
        let pieces = [piece("a.case"), String::new(), piece("/abs/b.case")];
        let whole = log.whole(&pieces);
        let v: serde_json::Value = serde_json::from_str(&whole).unwrap();
        pretty(&whole);
        let run = &v["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), 4);
        assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///w/");
        assert_eq!(
            run["tool"]["driver"]["informationUri"],
            env!("CARGO_PKG_REPOSITORY")
        );
        assert_eq!(run["results"][0]["ruleIndex"], Code::Unused as usize);
        assert_eq!(
            run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///abs/b.case"
        );
        assert_eq!(run["results"][0]["relatedLocations"][0]["id"], 1, "{whole}");

        let empty = Log {
            docs_url: None,
            srcroot: None,
        }
        .whole(&[String::new()]);
        let v: serde_json::Value = serde_json::from_str(&empty).unwrap();
        pretty(&empty);
        assert!(v["runs"][0]["results"].as_array().unwrap().is_empty());
        assert!(
            v["runs"][0]["tool"]["driver"]["rules"][0]
                .get("helpUri")
                .is_none()
        );
        assert!(v["runs"][0].get("originalUriBaseIds").is_none());
    }
}
