//! `attrib lsp`: the language server, over standard input and output.
//!
//! The protocol glue only: documents in, the library's answers out
//! (`attrib_core::ide`), byte offsets turned into UTF-16 positions. Messages
//! are read and framed by [`transport`], with limits, and answered per
//! JSON-RPC when they cannot be read.
//!
//! Each open document is compiled at most once per version, and only when
//! something needs it: its diagnostics are published when no message is
//! waiting (a burst of changes, as someone types, is compiled once, at its
//! end), and a request compiles the version it is about. A document over
//! [`files::MAX_FILE`] is not compiled: one diagnostic says why, and
//! requests about it answer nothing. Every position is converted through
//! one index per version ([`Utf16Index`]), at a bounded cost whatever the
//! length of the line.

// lsp-types keys its maps by `Uri`, which clippy takes for interior
// mutability; its hash and equality are those of the URI's text.
#![allow(clippy::mutable_key_type)]

mod transport;

use super::files;
use attrib_core::Compilation;
use attrib_core::diagnostics::{Diagnostic as Found, Severity};
use attrib_core::ide::{self, CompletionKind, TokenKind, position::Utf16Index};
use attrib_core::span::Span;
use attrib_core::syntax::ast::DeclKind;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId};
use lsp_types::{self as lsp, Uri};
use std::collections::{BTreeSet, HashMap};
use std::sync::mpsc;
use transport::{Incoming, Writer};

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

/// One open document: its text, and what was made of it.
struct Document {
    text: String,
    version: Option<i32>,
    state: State,
}

enum State {
    /// Changed since it was last compiled (or never compiled).
    Changed,
    Compiled(Box<Compiled>),
    /// Over the size limit, in bytes: never compiled, its text not kept.
    TooLarge(usize),
}

struct Compiled {
    compilation: Compilation,
    index: Utf16Index,
}

impl Document {
    fn new(text: String, version: Option<i32>) -> Document {
        if text.len() as u64 > files::MAX_FILE {
            return Document {
                state: State::TooLarge(text.len()),
                text: String::new(),
                version,
            };
        }
        Document {
            text,
            version,
            state: State::Changed,
        }
    }

    fn compile(&mut self) {
        if let State::Changed = self.state {
            let compilation = attrib_core::compile(&self.text);
            let index = Utf16Index::new(&self.text);
            self.state = State::Compiled(Box::new(Compiled { compilation, index }));
        }
    }
}

/// A compiled document, as requests read it.
struct View<'d> {
    text: &'d str,
    compilation: &'d Compilation,
    index: &'d Utf16Index,
}

impl View<'_> {
    fn range(&self, span: Span) -> lsp::Range {
        let (l0, c0) = self.index.position(self.text, span.start);
        let (l1, c1) = self.index.position(self.text, span.end);
        lsp::Range::new(lsp::Position::new(l0, c0), lsp::Position::new(l1, c1))
    }

    fn offset(&self, p: lsp::Position) -> usize {
        self.index.offset(self.text, p.line, p.character)
    }
}

/// A request's result as JSON, or why there is none.
type Answer = Result<Vec<u8>, Failure>;

/// A result, written as JSON.
fn json(result: impl serde::Serialize) -> Answer {
    serde_json::to_vec(&result).map_err(|e| Failure::new(ErrorCode::InternalError, e.to_string()))
}

/// Why a request was not answered.
struct Failure {
    code: ErrorCode,
    message: String,
    /// Also said to the person (`window/showMessage`): an editor may keep a
    /// request's error in its log.
    show: bool,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
            show: false,
        }
    }

    /// A refusal the person asked for must see (a rename refused).
    fn shown(message: impl Into<String>) -> Failure {
        Failure {
            show: true,
            ..Failure::new(ErrorCode::RequestFailed, message)
        }
    }
}

/// The open documents, by URI.
#[derive(Default)]
struct Documents(HashMap<Uri, Document>);

impl Documents {
    /// The document as compiled, compiling it if it changed; `None` for a
    /// document too large to compile.
    fn view(&mut self, uri: &Uri) -> Result<Option<View<'_>>, Failure> {
        let doc = self.0.get_mut(uri).ok_or_else(|| {
            Failure::new(
                ErrorCode::InvalidParams,
                format!("{} is not open", uri.as_str()),
            )
        })?;
        doc.compile();
        Ok(match &doc.state {
            State::Compiled(c) => Some(View {
                text: &doc.text,
                compilation: &c.compilation,
                index: &c.index,
            }),
            State::Changed | State::TooLarge(_) => None,
        })
    }
}

struct Server {
    out: Writer<std::io::Stdout>,
    documents: Documents,
    /// Documents whose diagnostics are not published yet.
    unpublished: BTreeSet<Uri>,
    /// Where each code's explanation is published, if given (`--docs-url`).
    docs_url: Option<String>,
}

fn capabilities() -> lsp::InitializeResult {
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
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
        },
        server_info: Some(lsp::ServerInfo {
            name: "attrib".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// Run the server until the client says `exit`. Returns the exit code: 0
/// after `shutdown`, 1 when the client left without it, 2 when the stream
/// could not be read.
pub fn run(docs_url: Option<String>) -> i32 {
    // Messages are read on a thread of their own, a few ahead at most.
    let (tx, rx) = mpsc::sync_channel::<Incoming>(4);
    std::thread::spawn(move || {
        let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
        loop {
            let incoming = transport::read(&mut input);
            let last = matches!(incoming, Incoming::End | Incoming::Broken(_));
            if tx.send(incoming).is_err() || last {
                break;
            }
        }
    });
    let mut server = Server {
        out: Writer::new(std::io::stdout()),
        documents: Documents::default(),
        unpublished: BTreeSet::new(),
        docs_url,
    };
    server.main_loop(&rx)
}

impl Server {
    fn main_loop(&mut self, rx: &mpsc::Receiver<Incoming>) -> i32 {
        let (mut initialized, mut shut_down) = (false, false);
        loop {
            // Diagnostics wait until no message does: a burst of changes is
            // compiled once.
            let incoming = if self.unpublished.is_empty() {
                rx.recv().unwrap_or(Incoming::End)
            } else {
                match rx.try_recv() {
                    Ok(incoming) => incoming,
                    Err(mpsc::TryRecvError::Empty) => {
                        self.publish_all();
                        continue;
                    }
                    Err(mpsc::TryRecvError::Disconnected) => Incoming::End,
                }
            };
            match incoming {
                Incoming::Message(Message::Request(req)) => {
                    let id = req.id.clone();
                    let answer = match req.method.as_str() {
                        "initialize" if initialized => Err(Failure::new(
                            ErrorCode::InvalidRequest,
                            "the server is initialized already",
                        )),
                        "initialize" => {
                            initialized = true;
                            json(capabilities())
                        }
                        _ if !initialized => Err(Failure::new(
                            ErrorCode::ServerNotInitialized,
                            "the server is not initialized yet: send `initialize` first",
                        )),
                        _ if shut_down => Err(Failure::new(
                            ErrorCode::InvalidRequest,
                            "the server is shutting down: send `exit`",
                        )),
                        "shutdown" => {
                            shut_down = true;
                            Ok(b"null".to_vec())
                        }
                        _ => self.request(req),
                    };
                    self.respond(id, answer);
                }
                Incoming::Message(Message::Notification(n)) => {
                    if n.method == "exit" {
                        return if shut_down { super::OK } else { super::INVALID };
                    }
                    if initialized && !shut_down {
                        self.notification(n);
                    }
                }
                Incoming::Message(Message::Response(_)) => {}
                Incoming::Refused { id, code, message } => {
                    eprintln!("attrib lsp: {message}");
                    self.out.refuse(id, code, &message);
                }
                Incoming::Broken(why) => {
                    eprintln!("attrib lsp: {why}; the server stops");
                    self.out.refuse(
                        serde_json::Value::Null,
                        ErrorCode::ParseError,
                        &format!("attrib lsp stops: {why}"),
                    );
                    return super::TROUBLE;
                }
                Incoming::End => {
                    if shut_down {
                        return super::OK;
                    }
                    eprintln!(
                        "attrib lsp: the client closed the connection without asking the server to shut down"
                    );
                    return super::INVALID;
                }
            }
        }
    }

    fn respond(&mut self, id: RequestId, answer: Answer) {
        match answer {
            Ok(result) => self.out.answer(&id, &result),
            Err(f) => {
                if f.show {
                    let params = lsp::ShowMessageParams {
                        typ: lsp::MessageType::WARNING,
                        message: f.message.clone(),
                    };
                    self.out.notify("window/showMessage", &params);
                }
                let id = serde_json::to_value(&id).unwrap_or_default();
                self.out.refuse(id, f.code, &f.message);
            }
        }
    }

    /// A new text for a document: kept, compiled when something needs it.
    fn changed(&mut self, uri: Uri, text: String, version: Option<i32>) {
        self.documents
            .0
            .insert(uri.clone(), Document::new(text, version));
        self.unpublished.insert(uri);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.changed(d.uri, d.text, Some(d.version));
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    let d = p.text_document;
                    self.changed(d.uri, change.text, Some(d.version));
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.documents.0.remove(&uri);
                    self.unpublished.remove(&uri);
                    // Clear its diagnostics.
                    self.send_diagnostics(&uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn publish_all(&mut self) {
        for uri in std::mem::take(&mut self.unpublished) {
            self.publish(&uri);
        }
    }

    fn publish(&mut self, uri: &Uri) {
        let (version, large) = match self.documents.0.get(uri) {
            Some(doc) => match doc.state {
                State::TooLarge(size) => (doc.version, Some(size)),
                _ => (doc.version, None),
            },
            None => return,
        };
        let diagnostics = match large {
            Some(size) => vec![too_large(size)],
            None => match self.documents.view(uri) {
                Ok(Some(v)) => v
                    .compilation
                    .diagnostics
                    .iter()
                    .map(|d| diagnostic(self.docs_url.as_deref(), uri, &v, d))
                    .collect(),
                _ => return,
            },
        };
        self.send_diagnostics(uri, diagnostics, version);
    }

    fn send_diagnostics(
        &mut self,
        uri: &Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.out.notify("textDocument/publishDiagnostics", &params);
    }

    fn request(&mut self, req: Request) -> Answer {
        fn params<T: serde::de::DeserializeOwned>(req: &Request) -> Result<T, Failure> {
            serde_json::from_value(req.params.clone())
                .map_err(|e| Failure::new(ErrorCode::InvalidParams, e.to_string()))
        }
        let null = Ok(b"null".to_vec());
        match req.method.as_str() {
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = params(&req)?;
                let uri = p.text_document_position_params.text_document.uri;
                let Some(v) = self.documents.view(&uri)? else {
                    return null;
                };
                let offset = v.offset(p.text_document_position_params.position);
                json(
                    ide::definition(v.compilation, offset)
                        .map(|span| lsp::Location::new(uri.clone(), v.range(span))),
                )
            }
            "textDocument/references" => {
                let p: lsp::ReferenceParams = params(&req)?;
                let uri = p.text_document_position.text_document.uri;
                let Some(v) = self.documents.view(&uri)? else {
                    return null;
                };
                let offset = v.offset(p.text_document_position.position);
                let found: Vec<lsp::Location> =
                    ide::references(v.compilation, offset, p.context.include_declaration)
                        .into_iter()
                        .map(|s| lsp::Location::new(uri.clone(), v.range(s)))
                        .collect();
                json(found)
            }
            "textDocument/prepareRename" => {
                let p: lsp::TextDocumentPositionParams = params(&req)?;
                let Some(v) = self.documents.view(&p.text_document.uri)? else {
                    return null;
                };
                let offset = v.offset(p.position);
                match ide::target_at(v.compilation, offset) {
                    Some(t) if t.decl.is_some() => {
                        json(lsp::PrepareRenameResponse::Range(v.range(t.span)))
                    }
                    _ => Err(Failure::new(
                        ErrorCode::RequestFailed,
                        "there is no declared id here to rename",
                    )),
                }
            }
            "textDocument/rename" => {
                let p: lsp::RenameParams = params(&req)?;
                let uri = p.text_document_position.text_document.uri;
                let Some(v) = self.documents.view(&uri)? else {
                    return Err(Failure::shown(
                        "this file is too large for attrib to read: nothing was renamed",
                    ));
                };
                let offset = v.offset(p.text_document_position.position);
                let edits = ide::rename(v.compilation, offset, &p.new_name)
                    .map_err(|e| Failure::shown(format!("cannot rename: {e}")))?;
                let changes = HashMap::from([(
                    uri.clone(),
                    edits
                        .into_iter()
                        .map(|(s, t)| lsp::TextEdit::new(v.range(s), t))
                        .collect(),
                )]);
                json(lsp::WorkspaceEdit::new(changes))
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = params(&req)?;
                let Some(v) = self.documents.view(&p.text_document.uri)? else {
                    return null;
                };
                json(lsp::DocumentSymbolResponse::Nested(outline(&v)))
            }
            "workspace/symbol" => {
                let p: lsp::WorkspaceSymbolParams = params(&req)?;
                let query = p.query.to_lowercase();
                let mut uris: Vec<Uri> = self.documents.0.keys().cloned().collect();
                uris.sort();
                let mut found: Vec<lsp::WorkspaceSymbol> = Vec::new();
                for uri in uris {
                    let Some(v) = self.documents.view(&uri)? else {
                        continue;
                    };
                    for (_, symbols) in ide::outline(v.compilation) {
                        for s in symbols {
                            let matches = s.id.to_lowercase().contains(&query)
                                || s.detail.to_lowercase().contains(&query);
                            if matches {
                                found.push(lsp::WorkspaceSymbol {
                                    kind: symbol_kind(s.kind),
                                    tags: None,
                                    container_name: Some(s.kind.keyword().into()),
                                    location: lsp::OneOf::Left(lsp::Location::new(
                                        uri.clone(),
                                        v.range(s.id_span),
                                    )),
                                    name: s.id,
                                    data: None,
                                });
                            }
                        }
                    }
                }
                json(found)
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = params(&req)?;
                let Some(v) = self
                    .documents
                    .view(&p.text_document_position_params.text_document.uri)?
                else {
                    return null;
                };
                let offset = v.offset(p.text_document_position_params.position);
                json(hover(&v, offset))
            }
            "textDocument/completion" => {
                let p: lsp::CompletionParams = params(&req)?;
                let Some(v) = self
                    .documents
                    .view(&p.text_document_position.text_document.uri)?
                else {
                    return null;
                };
                let offset = v.offset(p.text_document_position.position);
                let items: Vec<lsp::CompletionItem> =
                    ide::completions(v.compilation, v.text, offset)
                        .into_iter()
                        .map(|c| lsp::CompletionItem {
                            label: c.label,
                            kind: Some(match c.kind {
                                CompletionKind::Declaration => lsp::CompletionItemKind::SNIPPET,
                                CompletionKind::Field => lsp::CompletionItemKind::KEYWORD,
                                CompletionKind::Id => lsp::CompletionItemKind::REFERENCE,
                                CompletionKind::Word => lsp::CompletionItemKind::ENUM_MEMBER,
                            }),
                            detail: Some(plain(&c.detail)),
                            insert_text_format: c
                                .insert
                                .as_ref()
                                .map(|_| lsp::InsertTextFormat::SNIPPET),
                            insert_text: c.insert,
                            ..Default::default()
                        })
                        .collect();
                json(items)
            }
            "textDocument/formatting" => {
                let p: lsp::DocumentFormattingParams = params(&req)?;
                let Some(v) = self.documents.view(&p.text_document.uri)? else {
                    return Err(Failure::new(
                        ErrorCode::RequestFailed,
                        "the file is too large for attrib to read: it was not formatted",
                    ));
                };
                let formatted = ide::format(v.text).ok_or_else(|| {
                    Failure::new(
                        ErrorCode::RequestFailed,
                        "the file has syntax errors: fix them before formatting",
                    )
                })?;
                let edits = if formatted == v.text {
                    Vec::new()
                } else {
                    vec![lsp::TextEdit::new(
                        v.range(Span::new(0, v.text.len())),
                        formatted,
                    )]
                };
                json(edits)
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = params(&req)?;
                let uri = p.text_document.uri;
                let docs_url = self.docs_url.as_deref();
                let Some(v) = self.documents.view(&uri)? else {
                    return null;
                };
                let span = Span::new(v.offset(p.range.start), v.offset(p.range.end));
                let actions: Vec<lsp::CodeActionOrCommand> =
                    ide::code_actions(v.compilation, v.text, span)
                        .into_iter()
                        .map(|a| {
                            let edits = a
                                .edits
                                .into_iter()
                                .map(|(s, t)| lsp::TextEdit::new(v.range(s), t))
                                .collect();
                            lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                                title: a.title,
                                kind: Some(lsp::CodeActionKind::QUICKFIX),
                                diagnostics: a.diagnostic.map(|k| {
                                    vec![diagnostic(
                                        docs_url,
                                        &uri,
                                        &v,
                                        &v.compilation.diagnostics[k],
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
                json(actions)
            }
            "textDocument/semanticTokens/full" => {
                let p: lsp::SemanticTokensParams = params(&req)?;
                let Some(v) = self.documents.view(&p.text_document.uri)? else {
                    return null;
                };
                json(semantic_tokens(&v))
            }
            other => Err(Failure::new(
                ErrorCode::MethodNotFound,
                format!("attrib lsp does not answer `{other}`"),
            )),
        }
    }
}

/// The one diagnostic of a document too large to read.
fn too_large(size: usize) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("attrib".into()),
        message: format!(
            "this file is {:.1} MiB, and attrib reads case files of up to {} MiB: it is not checked; put each case in a file of its own",
            size as f64 / (1024.0 * 1024.0),
            files::MAX_FILE / (1024 * 1024)
        ),
        ..Default::default()
    }
}

/// A diagnostic as the protocol has it; its texts with no control or
/// bidirectional character left in them.
fn diagnostic(docs_url: Option<&str>, uri: &Uri, v: &View<'_>, d: &Found) -> lsp::Diagnostic {
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
            location: lsp::Location::new(uri.clone(), v.range(l.span)),
            message: attrib_core::chars::visible(&l.message, true).into_owned(),
        })
        .collect();
    let href = docs_url.and_then(|base| {
        format!(
            "{}#{}",
            base.trim_end_matches('/'),
            d.code.as_str().to_lowercase()
        )
        .parse::<Uri>()
        .ok()
    });
    lsp::Diagnostic {
        range: v.range(primary.map(|l| l.span).unwrap_or_default()),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: href.map(|href| lsp::CodeDescription { href }),
        source: Some("attrib".into()),
        message: attrib_core::chars::visible(&message, true).into_owned(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
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

/// A case's text for a plain-text field of the protocol (a completion's or
/// a symbol's detail): on one line, its control and bidirectional
/// characters written as escapes.
fn plain(text: &str) -> String {
    attrib_core::chars::visible(text, false).into_owned()
}

/// The outline: one group per kind of declaration, its declarations inside.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, as None.
fn outline(v: &View<'_>) -> Vec<lsp::DocumentSymbol> {
    ide::outline(v.compilation)
        .into_iter()
        .map(|(kind, symbols)| {
            let first = symbols.first().map(|s| s.span).unwrap_or_default();
            let last = symbols.last().map(|s| s.span).unwrap_or_default();
            let children: Vec<lsp::DocumentSymbol> = symbols
                .into_iter()
                .map(|s| lsp::DocumentSymbol {
                    name: s.id,
                    detail: Some(plain(&s.detail)),
                    kind: symbol_kind(s.kind),
                    tags: None,
                    deprecated: None,
                    range: v.range(s.span),
                    selection_range: v.range(s.id_span),
                    children: None,
                })
                .collect();
            lsp::DocumentSymbol {
                name: format!("{}s", kind.keyword()).replace("evidences", "evidence"),
                detail: Some(format!("{}", children.len())),
                kind: symbol_kind(kind),
                tags: None,
                deprecated: None,
                range: v.range(Span::new(first.start, last.end)),
                selection_range: v.range(Span::new(first.start, first.start)),
                children: Some(children),
            }
        })
        .collect()
}

/// Hover: on a diagnostic, its code's explanation; on an id, what it is
/// (Markdown, every text of the case escaped by `ide::hover`).
fn hover(v: &View<'_>, offset: usize) -> Option<lsp::Hover> {
    let on_id = ide::hover(v.compilation, offset);
    let diagnostic = v.compilation.diagnostics.iter().find(|d| {
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
        range: Some(v.range(span)),
    })
}

/// Semantic tokens, delta-encoded as the protocol asks; a token over
/// several lines (a text block) is sent line by line.
fn semantic_tokens(v: &View<'_>) -> lsp::SemanticTokens {
    let text = v.text;
    let mut data = Vec::new();
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for (span, kind) in ide::semantic_tokens(text) {
        let mut pieces = Vec::new();
        let mut start = span.start;
        for (k, _) in text[span.start..span.end].match_indices('\n') {
            pieces.push(Span::new(start, span.start + k));
            start = span.start + k + 1;
        }
        pieces.push(Span::new(start, span.end));
        for piece in pieces.into_iter().filter(|p| p.end > p.start) {
            let (line, col) = v.index.position(text, piece.start);
            let (_, end_col) = v.index.position(text, piece.end);
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
