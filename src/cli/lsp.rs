//! `attrib lsp`: the language server, over standard input and output.
//!
//! The protocol glue only: documents in, the library's answers out
//! (`attrib_core::ide`), byte offsets turned into UTF-16 positions. Each open
//! document is compiled once per change; every request reads that
//! compilation.

// lsp-types keys its maps by `Uri`, which clippy takes for interior
// mutability; its hash and equality are those of the URI's text.
#![allow(clippy::mutable_key_type)]

use attrib_core::Compilation;
use attrib_core::diagnostics::{Diagnostic as Found, Severity};
use attrib_core::ide::{self, CompletionKind, TokenKind, position::Utf16Index};
use attrib_core::span::Span;
use attrib_core::syntax::ast::DeclKind;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{self as lsp, Uri};
use std::collections::HashMap;

/// The semantic token types, in the order of their indexes.
const TOKEN_TYPES: [lsp::SemanticTokenType; 8] = [
    lsp::SemanticTokenType::KEYWORD,
    lsp::SemanticTokenType::PROPERTY,
    lsp::SemanticTokenType::CLASS,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::STRING,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::ENUM_MEMBER,
    lsp::SemanticTokenType::COMMENT,
];

fn token_type(k: TokenKind) -> u32 {
    match k {
        TokenKind::Declaration => 0,
        TokenKind::Keyword => 1,
        TokenKind::Definition => 2,
        TokenKind::Reference => 3,
        TokenKind::String => 4,
        TokenKind::Number => 5,
        TokenKind::Word => 6,
        TokenKind::Comment => 7,
    }
}

struct Document {
    text: String,
    compilation: Compilation,
}

impl Document {
    fn new(text: String) -> Document {
        let compilation = attrib_core::compile(&text);
        Document { text, compilation }
    }

    fn index(&self) -> Utf16Index<'_> {
        Utf16Index::new(&self.text)
    }

    fn range(&self, span: Span) -> lsp::Range {
        let ix = self.index();
        range(&ix, span)
    }

    fn offset(&self, p: lsp::Position) -> usize {
        self.index().offset(p.line, p.character)
    }
}

fn range(ix: &Utf16Index<'_>, span: Span) -> lsp::Range {
    let (l0, c0) = ix.position(span.start);
    let (l1, c1) = ix.position(span.end);
    lsp::Range::new(lsp::Position::new(l0, c0), lsp::Position::new(l1, c1))
}

struct Server {
    connection: Connection,
    documents: HashMap<Uri, Document>,
    /// Where each code's explanation is published, if given (`--docs-url`).
    docs_url: Option<String>,
}

/// Run the server until the client says `exit`. Returns the exit code.
pub fn run(docs_url: Option<String>) -> i32 {
    let (connection, io) = Connection::stdio();
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ",".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(
            lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lsp::SemanticTokensOptions {
                    legend: lsp::SemanticTokensLegend {
                        token_types: TOKEN_TYPES.to_vec(),
                        token_modifiers: Vec::new(),
                    },
                    full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    work_done_progress_options: Default::default(),
                },
            ),
        ),
        ..Default::default()
    };
    let capabilities = serde_json::to_value(capabilities).expect("capabilities serialise");
    if let Err(e) = connection.initialize(capabilities) {
        eprintln!("attrib lsp: the client did not initialise: {e}");
        return super::TROUBLE;
    }
    let mut server = Server {
        connection,
        documents: HashMap::new(),
        docs_url,
    };
    let code = server.main_loop();
    drop(server);
    let _ = io.join();
    code
}

impl Server {
    fn main_loop(&mut self) -> i32 {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(req) => {
                    // After `shutdown`, the client may send `exit` or just
                    // close the stream: either way the exit is clean.
                    match self.connection.handle_shutdown(&req) {
                        Ok(true) | Err(_) => return super::OK,
                        Ok(false) => {}
                    }
                    let id = req.id.clone();
                    let response = match self.request(req) {
                        Ok(value) => Response::new_ok(id, value),
                        Err((code, message)) => Response::new_err(id, code as i32, message),
                    };
                    let _ = self.connection.sender.send(Message::Response(response));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
        super::OK
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.documents
                        .insert(uri.clone(), Document::new(p.text_document.text));
                    self.publish(&uri, Some(p.text_document.version));
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    let uri = p.text_document.uri;
                    self.documents
                        .insert(uri.clone(), Document::new(change.text));
                    self.publish(&uri, Some(p.text_document.version));
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.documents.remove(&p.text_document.uri);
                    // Clear its diagnostics.
                    self.send_diagnostics(&p.text_document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn publish(&self, uri: &Uri, version: Option<i32>) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let ix = doc.index();
        let diagnostics = doc
            .compilation
            .diagnostics
            .iter()
            .map(|d| self.diagnostic(uri, &ix, d))
            .collect();
        self.send_diagnostics(uri, diagnostics, version);
    }

    fn send_diagnostics(&self, uri: &Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        let n = Notification::new("textDocument/publishDiagnostics".into(), params);
        let _ = self.connection.sender.send(Message::Notification(n));
    }

    fn diagnostic(&self, uri: &Uri, ix: &Utf16Index<'_>, d: &Found) -> lsp::Diagnostic {
        let severity = match d.severity() {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        };
        let primary = d.labels.first();
        let mut message = d.message.clone();
        if !d.help.is_empty() {
            message.push_str(&format!("\nhelp: {}", d.help));
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .skip(1)
            .map(|l| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), range(ix, l.span)),
                message: l.message.clone(),
            })
            .collect();
        let href = self.docs_url.as_ref().and_then(|base| {
            format!(
                "{}#{}",
                base.trim_end_matches('/'),
                d.code.as_str().to_lowercase()
            )
            .parse::<Uri>()
            .ok()
        });
        lsp::Diagnostic {
            range: range(ix, primary.map(|l| l.span).unwrap_or_default()),
            severity: Some(severity),
            code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
            code_description: href.map(|href| lsp::CodeDescription { href }),
            source: Some("attrib".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    fn document(&self, uri: &Uri) -> Result<&Document, (ErrorCode, String)> {
        self.documents.get(uri).ok_or((
            ErrorCode::InvalidParams,
            format!("{} is not open", uri.as_str()),
        ))
    }

    fn request(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn params<T: serde::de::DeserializeOwned>(req: &Request) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(req.params.clone())
                .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let json = |v: serde_json::Value| Ok(v);
        match req.method.as_str() {
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = params(&req)?;
                let uri = p.text_document_position_params.text_document.uri;
                let doc = self.document(&uri)?;
                let offset = doc.offset(p.text_document_position_params.position);
                let found = ide::definition(&doc.compilation, offset)
                    .map(|span| lsp::Location::new(uri.clone(), doc.range(span)));
                json(serde_json::to_value(found).unwrap_or_default())
            }
            "textDocument/references" => {
                let p: lsp::ReferenceParams = params(&req)?;
                let uri = p.text_document_position.text_document.uri;
                let doc = self.document(&uri)?;
                let offset = doc.offset(p.text_document_position.position);
                let ix = doc.index();
                let found: Vec<lsp::Location> =
                    ide::references(&doc.compilation, offset, p.context.include_declaration)
                        .into_iter()
                        .map(|s| lsp::Location::new(uri.clone(), range(&ix, s)))
                        .collect();
                json(serde_json::to_value(found).unwrap_or_default())
            }
            "textDocument/prepareRename" => {
                let p: lsp::TextDocumentPositionParams = params(&req)?;
                let doc = self.document(&p.text_document.uri)?;
                let offset = doc.offset(p.position);
                match ide::target_at(&doc.compilation, offset) {
                    Some(t) if t.decl.is_some() => json(
                        serde_json::to_value(lsp::PrepareRenameResponse::Range(doc.range(t.span)))
                            .unwrap_or_default(),
                    ),
                    _ => Err((
                        ErrorCode::InvalidRequest,
                        "there is no declared id here to rename".into(),
                    )),
                }
            }
            "textDocument/rename" => {
                let p: lsp::RenameParams = params(&req)?;
                let uri = p.text_document_position.text_document.uri;
                let doc = self.document(&uri)?;
                let offset = doc.offset(p.text_document_position.position);
                let edits = ide::rename(&doc.compilation, offset, &p.new_name)
                    .map_err(|e| (ErrorCode::InvalidRequest, e))?;
                let ix = doc.index();
                let changes = HashMap::from([(
                    uri.clone(),
                    edits
                        .into_iter()
                        .map(|(s, t)| lsp::TextEdit::new(range(&ix, s), t))
                        .collect(),
                )]);
                json(serde_json::to_value(lsp::WorkspaceEdit::new(changes)).unwrap_or_default())
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = params(&req)?;
                let doc = self.document(&p.text_document.uri)?;
                json(
                    serde_json::to_value(lsp::DocumentSymbolResponse::Nested(outline(doc)))
                        .unwrap_or_default(),
                )
            }
            "workspace/symbol" => {
                let p: lsp::WorkspaceSymbolParams = params(&req)?;
                let query = p.query.to_lowercase();
                let mut found: Vec<lsp::WorkspaceSymbol> = Vec::new();
                let mut uris: Vec<&Uri> = self.documents.keys().collect();
                uris.sort();
                for uri in uris {
                    let doc = &self.documents[uri];
                    for (_, symbols) in ide::outline(&doc.compilation) {
                        for s in symbols {
                            let matches = s.id.to_lowercase().contains(&query)
                                || s.detail.to_lowercase().contains(&query);
                            if matches {
                                found.push(lsp::WorkspaceSymbol {
                                    name: s.id.clone(),
                                    kind: symbol_kind(s.kind),
                                    tags: None,
                                    container_name: Some(s.kind.keyword().into()),
                                    location: lsp::OneOf::Left(lsp::Location::new(
                                        uri.clone(),
                                        doc.range(s.id_span),
                                    )),
                                    data: None,
                                });
                            }
                        }
                    }
                }
                json(serde_json::to_value(found).unwrap_or_default())
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = params(&req)?;
                let doc = self.document(&p.text_document_position_params.text_document.uri)?;
                let offset = doc.offset(p.text_document_position_params.position);
                json(serde_json::to_value(hover(doc, offset)).unwrap_or_default())
            }
            "textDocument/completion" => {
                let p: lsp::CompletionParams = params(&req)?;
                let doc = self.document(&p.text_document_position.text_document.uri)?;
                let offset = doc.offset(p.text_document_position.position);
                let items: Vec<lsp::CompletionItem> =
                    ide::completions(&doc.compilation, &doc.text, offset)
                        .into_iter()
                        .map(|c| lsp::CompletionItem {
                            label: c.label,
                            kind: Some(match c.kind {
                                CompletionKind::Declaration => lsp::CompletionItemKind::SNIPPET,
                                CompletionKind::Field => lsp::CompletionItemKind::KEYWORD,
                                CompletionKind::Id => lsp::CompletionItemKind::REFERENCE,
                                CompletionKind::Word => lsp::CompletionItemKind::ENUM_MEMBER,
                            }),
                            detail: Some(c.detail),
                            insert_text_format: c
                                .insert
                                .as_ref()
                                .map(|_| lsp::InsertTextFormat::SNIPPET),
                            insert_text: c.insert,
                            ..Default::default()
                        })
                        .collect();
                json(serde_json::to_value(items).unwrap_or_default())
            }
            "textDocument/formatting" => {
                let p: lsp::DocumentFormattingParams = params(&req)?;
                let doc = self.document(&p.text_document.uri)?;
                let formatted = ide::format(&doc.text).ok_or((
                    ErrorCode::RequestFailed,
                    "the file has syntax errors: fix them before formatting".to_string(),
                ))?;
                let edits = if formatted == doc.text {
                    Vec::new()
                } else {
                    vec![lsp::TextEdit::new(
                        doc.range(Span::new(0, doc.text.len())),
                        formatted,
                    )]
                };
                json(serde_json::to_value(edits).unwrap_or_default())
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = params(&req)?;
                let uri = p.text_document.uri;
                let doc = self.document(&uri)?;
                let span = Span::new(doc.offset(p.range.start), doc.offset(p.range.end));
                let ix = doc.index();
                let actions: Vec<lsp::CodeActionOrCommand> =
                    ide::code_actions(&doc.compilation, &doc.text, span)
                        .into_iter()
                        .map(|a| {
                            let edits = a
                                .edits
                                .into_iter()
                                .map(|(s, t)| lsp::TextEdit::new(range(&ix, s), t))
                                .collect();
                            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                                title: a.title,
                                kind: Some(lsp::CodeActionKind::QUICKFIX),
                                diagnostics: a.diagnostic.map(|k| {
                                    vec![self.diagnostic(
                                        &uri,
                                        &ix,
                                        &doc.compilation.diagnostics[k],
                                    )]
                                }),
                                edit: Some(lsp::WorkspaceEdit::new(HashMap::from([(
                                    uri.clone(),
                                    edits,
                                )]))),
                                ..Default::default()
                            })
                        })
                        .collect();
                json(serde_json::to_value(actions).unwrap_or_default())
            }
            "textDocument/semanticTokens/full" => {
                let p: lsp::SemanticTokensParams = params(&req)?;
                let doc = self.document(&p.text_document.uri)?;
                json(serde_json::to_value(semantic_tokens(doc)).unwrap_or_default())
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("attrib lsp does not answer `{other}`"),
            )),
        }
    }
}

fn symbol_kind(k: DeclKind) -> lsp::SymbolKind {
    match k {
        DeclKind::Case => lsp::SymbolKind::FILE,
        DeclKind::Source => lsp::SymbolKind::MODULE,
        DeclKind::Actor => lsp::SymbolKind::CLASS,
        DeclKind::Event => lsp::SymbolKind::EVENT,
        DeclKind::Claim => lsp::SymbolKind::INTERFACE,
        DeclKind::Evidence => lsp::SymbolKind::CONSTANT,
        DeclKind::Response => lsp::SymbolKind::FUNCTION,
        DeclKind::Hypothesis => lsp::SymbolKind::STRUCT,
    }
}

/// The outline: one group per kind of declaration, its declarations inside.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, as None.
fn outline(doc: &Document) -> Vec<lsp::DocumentSymbol> {
    let ix = doc.index();
    ide::outline(&doc.compilation)
        .into_iter()
        .map(|(kind, symbols)| {
            let first = symbols.first().map(|s| s.span).unwrap_or_default();
            let last = symbols.last().map(|s| s.span).unwrap_or_default();
            let children: Vec<lsp::DocumentSymbol> = symbols
                .into_iter()
                .map(|s| lsp::DocumentSymbol {
                    name: s.id,
                    detail: Some(s.detail),
                    kind: symbol_kind(s.kind),
                    tags: None,
                    deprecated: None,
                    range: range(&ix, s.span),
                    selection_range: range(&ix, s.id_span),
                    children: None,
                })
                .collect();
            lsp::DocumentSymbol {
                name: format!("{}s", kind.keyword()).replace("evidences", "evidence"),
                detail: Some(format!("{}", children.len())),
                kind: symbol_kind(kind),
                tags: None,
                deprecated: None,
                range: range(&ix, Span::new(first.start, last.end)),
                selection_range: range(&ix, Span::new(first.start, first.start)),
                children: Some(children),
            }
        })
        .collect()
}

/// Hover: on a diagnostic, its code's explanation; on an id, what it is.
fn hover(doc: &Document, offset: usize) -> Option<lsp::Hover> {
    let on_id = ide::hover(&doc.compilation, offset);
    let diagnostic = doc.compilation.diagnostics.iter().find(|d| {
        d.labels
            .first()
            .is_some_and(|l| l.span.start <= offset && offset <= l.span.end.max(l.span.start + 1))
    });
    let (span, mut text) = match (on_id, diagnostic) {
        (Some((span, text)), _) => (span, text),
        (None, Some(d)) => (d.primary(), String::new()),
        (None, None) => return None,
    };
    if let Some(d) = diagnostic {
        if !text.is_empty() {
            text.push_str("\n\n---\n\n");
        }
        text.push_str(&ide::explain(d.code));
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.range(span)),
    })
}

/// Semantic tokens, delta-encoded as the protocol asks; a token over
/// several lines (a text block) is sent line by line.
fn semantic_tokens(doc: &Document) -> lsp::SemanticTokens {
    let ix = doc.index();
    let mut data = Vec::new();
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for (span, kind) in ide::semantic_tokens(&doc.text) {
        let mut pieces = Vec::new();
        let mut start = span.start;
        for (k, _) in doc.text[span.start..span.end].match_indices('\n') {
            pieces.push(Span::new(start, span.start + k));
            start = span.start + k + 1;
        }
        pieces.push(Span::new(start, span.end));
        for piece in pieces.into_iter().filter(|p| p.end > p.start) {
            let (line, col) = ix.position(piece.start);
            let (_, end_col) = ix.position(piece.end);
            let delta_line = line - last_line;
            let delta_start = if delta_line == 0 { col - last_col } else { col };
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: end_col.saturating_sub(col),
                token_type: token_type(kind),
                token_modifiers_bitset: 0,
            });
            last_line = line;
            last_col = col;
        }
    }
    lsp::SemanticTokens {
        result_id: None,
        data,
    }
}
