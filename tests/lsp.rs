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

// --- What cannot be read, and what is too large -------------------------------------------------

use lsp_client::{Session, framed, goodbye, handshake, session};

fn error_of(s: &Session, id: Value) -> &Value {
    s.messages
        .iter()
        .find(|m| m["id"] == id && m.get("error").is_some())
        .unwrap_or_else(|| {
            panic!(
                "no error for id {id}: {:#?}\nstderr: {}",
                s.messages, s.stderr
            )
        })
}

fn answered(s: &Session, id: i64) -> bool {
    s.messages.iter().any(|m| m["id"] == id)
}

/// A body that is not JSON is answered with a parse error (id `null`), one
/// that is JSON but no message with an invalid-request error carrying its
/// id; the server goes on, and ends cleanly when asked.
#[test]
fn malformed_messages_are_answered_and_the_server_goes_on() {
    let mut input = handshake();
    let garbage = b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ";
    input.extend(format!("Content-Length: {}\r\n\r\n", garbage.len()).into_bytes());
    input.extend(garbage);
    input.extend(framed(&json!({ "jsonrpc": "2.0", "id": 2, "method": 7 })));
    input.extend(framed(
        &json!({ "jsonrpc": "2.0", "id": 3, "method": "workspace/symbol", "params": { "query": "" } }),
    ));
    input.extend(goodbye());
    let s = session(input);
    assert_eq!(error_of(&s, Value::Null)["error"]["code"], -32700);
    assert_eq!(error_of(&s, json!(2))["error"]["code"], -32600);
    assert!(answered(&s, 3), "{:#?}", s.messages);
    assert_eq!(s.code, Some(0), "{}", s.stderr);
    assert!(s.stderr.contains("not JSON"), "{}", s.stderr);
}

/// A header that leaves no way to find the next message stops the server
/// with exit code 2, a parse error to the client and the reason on
/// standard error, never silently.
#[test]
fn a_broken_header_stops_the_server_loudly() {
    for broken in [
        &b"Content-Length: lots\r\n\r\n{}"[..],
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n{}",
    ] {
        let mut input = handshake();
        input.extend(broken);
        let s = session(input);
        assert_eq!(
            s.code,
            Some(2),
            "{:?}: {}",
            String::from_utf8_lossy(broken),
            s.stderr
        );
        assert_eq!(error_of(&s, Value::Null)["error"]["code"], -32700);
        assert!(s.stderr.contains("attrib lsp"), "{}", s.stderr);
    }
}

/// A message over the limit is read past, unkept, and refused; the next
/// one is answered. A length claimed and never sent allocates nothing: the
/// stream ends inside the message, and the server says so.
#[test]
fn huge_messages_are_refused_without_their_memory() {
    let limit = 64 * 1024 * 1024;
    let mut input = handshake();
    input.extend(format!("Content-Length: {}\r\n\r\n", limit + 1).into_bytes());
    input.resize(input.len() + limit + 1, b' ');
    input.extend(framed(
        &json!({ "jsonrpc": "2.0", "id": 5, "method": "workspace/symbol", "params": { "query": "" } }),
    ));
    input.extend(goodbye());
    let s = session(input);
    let refused = error_of(&s, Value::Null);
    assert_eq!(refused["error"]["code"], -32600);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("64.0 MiB"),
        "{refused}"
    );
    assert!(answered(&s, 5));
    assert_eq!(s.code, Some(0), "{}", s.stderr);

    let mut input = handshake();
    input.extend(b"Content-Length: 4611686018427387904\r\n\r\n{}");
    let s = session(input);
    assert_eq!(s.code, Some(2), "{}", s.stderr);
    assert!(s.stderr.contains("ended inside a message"), "{}", s.stderr);
}

/// Leaving without `shutdown` is not a clean exit (the protocol's exit
/// code 1), and the server says so.
#[test]
fn leaving_without_shutdown_exits_1() {
    let s = session(handshake());
    assert_eq!(s.code, Some(1));
    assert!(
        s.stderr.contains("without asking the server to shut down"),
        "{}",
        s.stderr
    );
    let mut input = handshake();
    input.extend(framed(&json!({ "jsonrpc": "2.0", "method": "exit" })));
    assert_eq!(session(input).code, Some(1));
}

/// A document over the limit of case files is not compiled: one diagnostic
/// says so, and requests about it answer nothing.
#[test]
fn a_document_over_the_limit_is_not_compiled() {
    let mut c = Client::start();
    let line = "source s { kind media publisher \"P\" reliability B }\n";
    let text = line.repeat(32 * 1024 * 1024 / line.len() + 1);
    let diagnostics = c.open(URI, &text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.contains("32 MiB") && message.contains("not checked"),
        "{message}"
    );
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 8 } }),
    );
    assert!(hover.is_null(), "{hover}");
    // Made small again, it is checked.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": TEXT }] }),
    );
    assert!(c.diagnostics(URI).iter().any(|d| d["code"] == "W0201"));
    c.shutdown();
}

/// Hover shows the case's texts as written: no image, HTML, link or
/// emphasis from a name or summary reaches the editor's Markdown.
#[test]
fn hover_escapes_the_cases_markdown() {
    let hostile = "![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)> [click](https://evil.example) **bold** https://evil.example www.evil.example a@evil.example \u{1b}[2J";
    let text = TEXT.replace(
        "name \"State B\"",
        &format!(
            "name \"{}\"\n  summary \"# heading\\n- item\"",
            hostile.replace('"', "\\\"")
        ),
    );
    let mut c = Client::start();
    c.open(URI, &text);
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": position(&text, "to state-b", 3) }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    // Live: written without a backslash before it.
    let live = |s: &str| {
        value
            .match_indices(s)
            .any(|(i, _)| !value[..i].ends_with('\\'))
    };
    for markup in [
        "![",
        "<img",
        "](",
        "**bold",
        "https://",
        "www.evil",
        "a@evil",
        "\n# heading",
        "\n- item",
        "\u{1b}",
    ] {
        assert!(!live(markup), "{markup:?} is live in {value}");
    }
    // Escaped, it reads as written once the Markdown is rendered.
    assert!(
        value.contains(r"\!\[pixel\]\(https\:\/\/evil\.example\/p\.png\)"),
        "{value}"
    );
    c.shutdown();
}

/// A refused rename is an error (RequestFailed, -32803) and a message the
/// editor shows (`window/showMessage`), whatever it does with the error.
#[test]
fn a_refused_rename_is_shown() {
    let mut c = Client::start();
    c.open(URI, TEXT);
    let at = position(TEXT, "to state-b", 3);
    for (new, why) in [
        ("state-a", "already"),
        ("9 lives", "not an id"),
        ("Ⅻ", "not an id"),
    ] {
        let refused = c.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": URI }, "position": at, "newName": new }),
        );
        assert_eq!(refused["error"]["code"], -32803, "{refused}");
        let shown = c
            .pending
            .iter()
            .rev()
            .find(|m| m["method"] == "window/showMessage")
            .unwrap_or_else(|| panic!("no message shown for {new}"));
        assert!(
            shown["params"]["message"].as_str().unwrap().contains(why),
            "{shown}"
        );
        c.pending.clear();
    }
    c.shutdown();
}

/// Every string the server sends about a case (completion details, the
/// outline, workspace symbols, hover, diagnostics) holds the case's control
/// and bidirectional characters as their escapes: an editor shows them,
/// never acts on them. The names here write them as escapes (W0110).
#[test]
fn the_cases_control_characters_reach_the_editor_escaped() {
    let text = TEXT
        .replace(
            "name \"State B\"",
            r#"name "State\u{1b}[2J B\u{202e}\u{0}""#,
        )
        .replace("title \"Example\"", r#"title "Ex\u{9b}31mample""#);
    let mut c = Client::start();
    let diagnostics = c.open(URI, &text);
    assert!(
        diagnostics.iter().any(|d| d["code"] == "W0110"),
        "{diagnostics:?}"
    );
    let at = position(&text, "to state-b", 3);
    let answers = [
        c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": at }),
        ),
        c.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": URI } }),
        ),
        c.request("workspace/symbol", json!({ "query": "" })),
        c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": at }),
        ),
        json!(diagnostics),
    ];
    fn strings<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
        match v {
            Value::String(s) => out.push(s),
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    for a in &answers {
        strings(a, &mut all);
    }
    for s in &all {
        assert!(
            !s.chars()
                .any(|ch| attrib_core::chars::is_hidden(ch) && !matches!(ch, '\n' | '\t')),
            "{s:?}"
        );
    }
    // The completion of `state-b` names it, escaped.
    assert!(
        all.iter()
            .any(|s| s.contains(r"State\u{1b}[2J B\u{202e}\u{0}")),
        "{all:?}"
    );
    c.shutdown();
}
