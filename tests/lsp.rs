//! `attrib lsp` driven over standard input and output, as an editor does:
//! initialize, open, diagnostics, change, definition, references, rename,
//! symbols, completion, hover, formatting, code actions, semantic tokens,
//! shutdown.

use serde_json::{Value, json};

use crate::lsp_client;
use lsp_client::{Client, position_of};

fn position(text: &str, needle: &str, extra: usize) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + extra;
    position_of(text, offset)
}

const URI: &str = "file:///tmp/example.case";

const TEXT: &str = r#"case example {
  title "Example"
}

source ministry {
  kind government
  publisher "Ministria e Punëve të Jashtme 😀"
  reliability B
}

actor state-a {
  kind state
  name "State A"
}

actor state-b {
  kind state
  name "State B"
}

event attack {
  kind wiper
  date 2023-03-01
  target state-a
  source ministry
}

claim attribution {
  by state-a
  date 2023-04-10
  source ministry
  attributes attack to state-b as sponsor
  confidence high "beyond doubt"
}
"#;

#[test]
fn a_whole_editing_session() {
    let mut c = Client::start();
    let diagnostics = c.open(URI, TEXT);
    // The claim has no evidence: W0201, at the attribution, with its code.
    let w = diagnostics
        .iter()
        .find(|d| d["code"] == "W0201")
        .expect("W0201");
    assert_eq!(w["range"]["start"], position(TEXT, "attributes attack", 0));
    assert_eq!(w["severity"], 2);
    assert!(w["relatedInformation"].is_array(), "secondary labels: {w}");

    // Definition and references of `state-b`.
    let at = position(TEXT, "to state-b", 3);
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": URI }, "position": at }),
    );
    assert_eq!(def["range"]["start"], position(TEXT, "actor state-b", 6));
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": URI }, "position": at, "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().unwrap().len(), 2);

    // Rename: refused for a taken id and for a non-id; applied otherwise.
    let taken = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": at, "newName": "state-a" }),
    );
    assert!(
        taken["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already")
    );
    let bad = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": at, "newName": "9 lives" }),
    );
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not an id")
    );
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": URI }, "position": at, "newName": "iran" }),
    );
    assert_eq!(edit["changes"][URI].as_array().unwrap().len(), 2);

    // Hover: what the id is, and the chains it is on with their support.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": at }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("actor") && value.contains("State B"),
        "{value}"
    );
    assert!(value.contains("support"), "{value}");

    // Hover on the diagnostic: its code's explanation.
    let on_diag = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": position(TEXT, "attributes attack", 2) }),
    );
    assert!(
        on_diag["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("W0201"),
        "{on_diag}"
    );

    // Outline by kind; workspace symbols.
    let outline = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let groups: Vec<&str> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["cases", "sources", "actors", "events", "claims"]);
    let ws = c.request("workspace/symbol", json!({ "query": "state" }));
    assert_eq!(ws.as_array().unwrap().len(), 2);

    // Semantic tokens: delta-encoded, five numbers each.
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": URI } }),
    );
    let data = tokens["data"].as_array().unwrap();
    assert!(!data.is_empty() && data.len().is_multiple_of(5));

    // Code actions at the W0201: allow it, with a reason.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": w["range"], "context": { "diagnostics": [] } }),
    );
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"].as_str().unwrap().contains("Allow W0201"))
    );
    c.shutdown();
}

#[test]
fn changes_misspellings_completion_and_formatting() {
    let mut c = Client::start();
    c.open(URI, TEXT);
    // A misspelt reference: E0101 with a quick fix that replaces it.
    let broken = TEXT.replace("attributes attack to", "attributes atack to");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let diagnostics = c.diagnostics(URI);
    let e = diagnostics
        .iter()
        .find(|d| d["code"] == "E0101")
        .expect("E0101");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": e["range"], "context": { "diagnostics": [] } }),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Replace with `attack`")
        .expect("a did-you-mean fix");
    assert_eq!(fix["edit"]["changes"][URI][0]["newText"], "attack");

    // Completion: ids of the right kind, vocabulary, field keywords.
    let text = TEXT.replace(
        "  confidence high",
        "  confidence high\n  source \n  basis ",
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    c.diagnostics(URI);
    let labels = |r: &Value| -> Vec<String> {
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let sources = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": position(&text, "  source \n", 9) }),
    );
    assert_eq!(labels(&sources), ["ministry"]);
    let bases = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": position(&text, "  basis ", 8) }),
    );
    assert_eq!(labels(&bases), ["technical", "political", "legal"]);

    // Formatting: refused with syntax errors, an edit otherwise.
    let messy = TEXT.replace("  kind wiper\n", "kind    wiper\n");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 4 }, "contentChanges": [{ "text": messy }] }),
    );
    c.diagnostics(URI);
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits[0]["newText"], TEXT);
    let unparsable = TEXT.replace("kind wiper", "kind wiper {");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 5 }, "contentChanges": [{ "text": unparsable }] }),
    );
    c.diagnostics(URI);
    let refused = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("syntax")
    );
    c.shutdown();
}

/// Positions count UTF-16 units: after `ë` and an emoji on the publisher
/// line, a diagnostic's column is the editor's column.
#[test]
fn positions_are_utf16() {
    let mut c = Client::start();
    let text = TEXT.replace("reliability B", "reliability B\n  repeats nowhere");
    let text = text.replace(
        "publisher \"Ministria e Punëve të Jashtme 😀\"",
        "publisher \"Ministria e Punëve të Jashtme 😀\" repeats elsewhere",
    );
    let diagnostics = c.open(URI, &text);
    let e = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("elsewhere"))
        .expect("E0101 on `elsewhere`");
    assert_eq!(e["range"]["start"], position(&text, "elsewhere", 0));
    // ë is one unit, the emoji two: the column is not the byte offset.
    let bytes_col = text[..text.find("elsewhere").unwrap()]
        .rsplit('\n')
        .next()
        .unwrap()
        .len();
    assert_ne!(e["range"]["start"]["character"], bytes_col);
    c.shutdown();
}

/// A missing required field has a quick fix that adds it before the
/// declaration's closing brace.
#[test]
fn a_missing_field_can_be_added() {
    let mut c = Client::start();
    let text = TEXT.replace("  reliability B\n", "");
    let diagnostics = c.open(URI, &text);
    let e = diagnostics
        .iter()
        .find(|d| d["code"] == "E0104")
        .expect("E0104");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": e["range"], "context": { "diagnostics": [] } }),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add `reliability B`")
        .unwrap_or_else(|| panic!("{actions}"));
    let edit = &add["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "  reliability B\n");
    // Inserted at the start of the line of the source's closing brace.
    let closing = text.find("😀\"\n}").unwrap() + "😀\"\n".len();
    assert_eq!(edit["range"]["start"], position_of(&text, closing));
    c.shutdown();
}

/// Issue 12's case in the editor: the Albania case with the closing brace
/// of Rama's claim removed and a reference misspelt further on. Both are
/// published, the unknown reference with its "did you mean" as a quick
/// fix, and going to the definition of the broken claim still works.
#[test]
fn a_broken_file_still_gets_every_diagnostic_and_navigation() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/albania-iran-2022.case");
    let mut text = std::fs::read_to_string(path).unwrap();
    let claim = text.find("claim albania-attribution {").unwrap();
    let brace = claim + text[claim..].find("\n}\n").unwrap() + 1;
    text.replace_range(brace..brace + 1, "");
    text = text.replacen(
        "  denies albania-attribution",
        "  denies albania-atribution",
        1,
    );
    let uri = "file:///tmp/albania-broken.case";
    let mut c = Client::start();
    let diagnostics = c.open(uri, &text);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E0001", "E0101"], "{diagnostics:#?}");
    let unknown = &diagnostics[1];
    assert_eq!(
        unknown["range"]["start"],
        position(&text, "albania-atribution", 0)
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": unknown["range"], "context": { "diagnostics": [] } }),
    );
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"] == "Replace with `albania-attribution`"),
        "{actions}"
    );
    // A reference to the broken claim (not the misspelt one) still leads
    // to it.
    let reference = text
        .match_indices("albania-attribution")
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with("claim "))
        .expect("a reference to the claim");
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": position_of(&text, reference) }),
    );
    assert_eq!(
        def["range"]["start"],
        position_of(&text, claim + "claim ".len())
    );
    c.shutdown();
}
