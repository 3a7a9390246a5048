#!/usr/bin/env node
// A stand-in for `attrib lsp`: a minimal LSP server over stdio that records what it receives
// (one JSON object a line) in the file named by FAKE_ATTRIB_LOG.
'use strict';

const fs = require('fs');

const record = (entry) => fs.appendFileSync(process.env.FAKE_ATTRIB_LOG, `${JSON.stringify(entry)}\n`);
record({ argv: process.argv.slice(2), pid: process.pid });

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function handle(message) {
  const entry = { pid: process.pid, method: message.method };
  if (message.method === 'initialize') {
    entry.processId = message.params.processId;
    entry.clientName = message.params.clientInfo && message.params.clientInfo.name;
    send({ id: message.id, result: { capabilities: { textDocumentSync: 1 }, serverInfo: { name: 'fake-attrib' } } });
  } else if (message.method === 'textDocument/didOpen') {
    entry.uri = message.params.textDocument.uri;
    entry.languageId = message.params.textDocument.languageId;
  } else if (message.method === 'shutdown') {
    send({ id: message.id, result: null });
  }
  record(entry);
  if (message.method === 'exit') process.exit(0);
}

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))[1]);
    if (buffer.length < end + 4 + length) return;
    const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    buffer = buffer.subarray(end + 4 + length);
    handle(JSON.parse(body));
  }
});
