//! The language server's messages on standard input and output, framed as
//! the Language Server Protocol says (`Content-Length: N`, a blank line, N
//! bytes of JSON), read with limits and answered per JSON-RPC when they
//! cannot be read:
//!
//! - a body that is not JSON is answered with a parse error (`-32700`), and
//!   one that is JSON but not a request, notification or response with an
//!   invalid-request error (`-32600`), with the request's id when it can be
//!   read and `null` otherwise; the server goes on with the next message;
//! - a message longer than [`MAX_MESSAGE`] is read past without being kept
//!   (it never costs more memory than a buffer) and answered with an
//!   invalid-request error; the body is never allocated by what
//!   `Content-Length` claims, only as its bytes arrive;
//! - a header that cannot be read (no `Content-Length`, a length that is
//!   not a number, a header line over [`MAX_HEADER`] bytes, the stream
//!   ending inside a message) leaves no way to find the next message: the
//!   client is told with a parse error, the reason goes to standard error,
//!   and the server stops with exit code 2, never silently.

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};

/// The longest message read, in bytes: twice the largest document
/// (`files::MAX_FILE`), for JSON's escapes (a quote or a line break takes
/// two bytes).
pub const MAX_MESSAGE: u64 = 2 * crate::cli::files::MAX_FILE;

/// The longest header, all its lines together, in bytes.
pub const MAX_HEADER: usize = 8 * 1024;

/// What was read from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that is not one: answer it with this error.
    Refused {
        /// The request's id, or `null` when it could not be read.
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// The stream cannot be read on: why.
    Broken(String),
    /// The client closed the stream between two messages.
    End,
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Read the next message.
pub fn read(r: &mut impl BufRead) -> Incoming {
    match read_framed(r) {
        Ok(incoming) => incoming,
        Err(e) => Incoming::Broken(format!("cannot read standard input: {e}")),
    }
}

fn read_framed(r: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<u64> = None;
    let mut header = 0usize;
    let mut fields = 0usize;
    loop {
        let mut line = Vec::new();
        let room = (MAX_HEADER + 1).saturating_sub(header) as u64;
        let n = r.by_ref().take(room).read_until(b'\n', &mut line)?;
        header += n;
        if n == 0 {
            return Ok(if header == 0 {
                Incoming::End
            } else {
                Incoming::Broken("the stream ended inside a message's header".into())
            });
        }
        if !line.ends_with(b"\n") {
            return Ok(Incoming::Broken(if header > MAX_HEADER {
                format!("a message's header is longer than {MAX_HEADER} bytes")
            } else {
                "the stream ended inside a message's header".into()
            }));
        }
        let line = line.trim_ascii_end();
        if line.is_empty() {
            if fields == 0 {
                // Blank lines between messages are passed over.
                continue;
            }
            break;
        }
        fields += 1;
        let Some((name, value)) = std::str::from_utf8(line)
            .ok()
            .and_then(|l| l.split_once(':'))
        else {
            return Ok(Incoming::Broken(format!(
                "a header line is not `Name: value`: {:?}",
                String::from_utf8_lossy(&line[..line.len().min(80)])
            )));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            match value.trim().parse::<u64>() {
                Ok(n) => length = Some(n),
                Err(_) => {
                    return Ok(Incoming::Broken(format!(
                        "Content-Length is not a number of bytes: {:?}",
                        &value.trim()[..value.trim().len().min(40)]
                    )));
                }
            }
        }
    }
    let Some(length) = length else {
        return Ok(Incoming::Broken("a message has no Content-Length".into()));
    };
    if length > MAX_MESSAGE {
        // Read past it, a buffer at a time.
        let skipped = io::copy(&mut r.by_ref().take(length), &mut io::sink())?;
        if skipped < length {
            return Ok(Incoming::Broken("the stream ended inside a message".into()));
        }
        return Ok(Incoming::Refused {
            id: Value::Null,
            code: ErrorCode::InvalidRequest,
            message: format!(
                "a message of {} was not read: attrib lsp reads messages of up to {} (documents of up to {})",
                mib(length),
                mib(MAX_MESSAGE),
                mib(crate::cli::files::MAX_FILE)
            ),
        });
    }
    // Allocated as the bytes arrive, never by the length claimed.
    let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
    r.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Incoming::Broken("the stream ended inside a message".into()));
    }
    Ok(parse(&body))
}

/// A message's body, read as JSON-RPC.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Refused {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {e}"),
            };
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Refused {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!(
                "the message is not a JSON-RPC request, notification or response: {e}"
            ),
        },
    }
}

/// Where messages to the client go. Results and parameters are written
/// straight to JSON, never built as a tree of values first (a tree of
/// 200,000 workspace symbols cost more than finding them).
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out }
    }

    /// Write one message's body, framed. A client that stopped reading is
    /// not an error worth a panic: it ends the stream, and the server with
    /// it.
    fn write(&mut self, body: &[u8]) {
        let _ = write!(self.out, "Content-Length: {}\r\n\r\n", body.len())
            .and_then(|()| self.out.write_all(body))
            .and_then(|()| self.out.flush());
    }

    /// A request's result, given as JSON.
    pub fn answer(&mut self, id: &RequestId, result: &[u8]) {
        let mut body = Vec::with_capacity(result.len() + 48);
        body.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
        let _ = serde_json::to_writer(&mut body, id);
        body.extend_from_slice(br#","result":"#);
        body.extend_from_slice(result);
        body.push(b'}');
        self.write(&body);
    }

    /// A notification.
    pub fn notify(&mut self, method: &str, params: &impl serde::Serialize) {
        let mut body = Vec::with_capacity(256);
        body.extend_from_slice(br#"{"jsonrpc":"2.0","method":"#);
        let _ = serde_json::to_writer(&mut body, method);
        body.extend_from_slice(br#","params":"#);
        let _ = serde_json::to_writer(&mut body, params);
        body.push(b'}');
        self.write(&body);
    }

    /// An error response, as JSON-RPC says: its id may be `null`.
    pub fn refuse(&mut self, id: Value, code: ErrorCode, message: &str) {
        let body = json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": message },
        });
        self.write(body.to_string().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn read_all(bytes: &[u8]) -> Vec<Incoming> {
        let mut r = io::BufReader::new(bytes);
        let mut out = Vec::new();
        loop {
            let m = read(&mut r);
            let last = matches!(m, Incoming::End | Incoming::Broken(_));
            out.push(m);
            if last {
                return out;
            }
        }
    }

    #[test]
    fn messages_errors_and_the_next_message() {
        let mut input = framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        input.extend(framed("{not json"));
        input.extend(framed(r#"{"jsonrpc":"2.0","id":7,"method":5}"#));
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let got = read_all(&input);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
        assert!(matches!(
            &got[1],
            Incoming::Refused {
                id: Value::Null,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[2],
            Incoming::Refused { id, code: ErrorCode::InvalidRequest, .. } if id == &json!(7)
        ));
        assert!(
            matches!(&got[3], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
        assert!(matches!(got[4], Incoming::End));
    }

    #[test]
    fn broken_headers_stop_the_stream() {
        for input in [
            &b"Content-Length: lots\r\n\r\n{}"[..],
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 10\r\n\r\n{}",
            b"Content-Length: 2\r\n",
            b"garbage\r\n\r\n",
        ] {
            let got = read_all(input);
            assert!(
                matches!(got.last(), Some(Incoming::Broken(_))),
                "{input:?}: {got:?}"
            );
        }
        let long = format!("X-Long: {}\r\n", "x".repeat(MAX_HEADER));
        assert!(matches!(read_all(long.as_bytes())[0], Incoming::Broken(_)));
    }

    /// A length far beyond the limit is read past, never allocated; the
    /// message after it is read.
    #[test]
    fn a_huge_message_is_skipped() {
        let length = MAX_MESSAGE + 1;
        let mut input = format!("Content-Length: {length}\r\n\r\n").into_bytes();
        input.resize(input.len() + length as usize, b' ');
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let got = read_all(&input);
        assert!(matches!(
            &got[0],
            Incoming::Refused {
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
        assert!(matches!(&got[1], Incoming::Message(_)));
        // Claimed but never sent: the stream ends, nothing was allocated.
        let got = read_all(b"Content-Length: 18446744073709551615\r\n\r\n{}");
        assert!(matches!(got[0], Incoming::Broken(_)), "{got:?}");
    }
}
