// Runs extension.js, outside VS Code, against a stand-in language server (fake-attrib.js): the
// client must start `attrib.server.path lsp …extraArgs` and speak LSP with it over stdio, open
// attrib documents (and no others) with it, restart it on `attrib.restartServer`, and stop it.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const test = require('node:test');

const stub = require('./vscode-stub');

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};
const extension = require('../../extension');

const FAKE = path.join(__dirname, 'fake-attrib.js');

function readLog(file) {
  return fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : [];
}

async function waitFor(what, condition) {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const document = (scheme, file, languageId) => ({
  uri: new stub.Uri(scheme, file),
  languageId,
  version: 1,
  getText: () => 'case x {\n  title "x"\n}\n',
});

test('the client starts `attrib lsp`, syncs attrib documents, restarts and stops', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attrib-client-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'log.jsonl');
  process.env.FAKE_ATTRIB_LOG = log;
  stub.state.settings = { 'attrib.server.path': FAKE, 'attrib.server.extraArgs': ['--fake-flag'] };
  stub.state.documents = [
    document('file', '/work/albania.case', 'attrib'),
    document('file', '/work/notes.md', 'markdown'),
  ];
  const context = { subscriptions: [] };

  await extension.activate(context);
  assert.ok(stub.state.commands.has('attrib.restartServer'), 'the restart command is registered');
  await waitFor('the document to be opened', () => readLog(log).some((e) => e.method === 'textDocument/didOpen'));

  const entries = readLog(log);
  const first = entries[0];
  assert.deepEqual(first.argv, ['lsp', '--fake-flag'], 'the server is run as `attrib lsp EXTRA…`');
  const methods = entries.filter((e) => e.pid === first.pid && e.method).map((e) => e.method);
  assert.deepEqual(methods.slice(0, 3), ['initialize', 'initialized', 'textDocument/didOpen']);
  const init = entries.find((e) => e.method === 'initialize');
  assert.equal(init.processId, process.pid);
  const opened = entries.filter((e) => e.method === 'textDocument/didOpen');
  assert.deepEqual(
    opened.map((e) => [e.uri, e.languageId]),
    [['file:///work/albania.case', 'attrib']],
    'only the attrib document is sent to the server',
  );

  await stub.commands.executeCommand('attrib.restartServer');
  await waitFor('a second server', () => readLog(log).filter((e) => e.argv).length === 2);
  await waitFor('the second server to open the document', () =>
    readLog(log).some((e) => e.method === 'textDocument/didOpen' && e.pid !== first.pid),
  );
  const methodsOf = (pid) => readLog(log).filter((e) => e.pid === pid && e.method).map((e) => e.method);
  await waitFor('the first server to exit', () => methodsOf(first.pid).includes('exit'));
  assert.deepEqual(methodsOf(first.pid).slice(-2), ['shutdown', 'exit'], 'the first server was shut down');
  const second = readLog(log).filter((e) => e.argv)[1];
  assert.deepEqual(second.argv, ['lsp', '--fake-flag']);

  await extension.deactivate();
  await waitFor('the second server to exit', () => methodsOf(second.pid).includes('exit'));
  assert.deepEqual(methodsOf(second.pid).slice(-2), ['shutdown', 'exit'], 'deactivate shuts the server down');
  context.subscriptions.forEach((d) => d.dispose());
});

test('a missing server is reported, not thrown', async () => {
  stub.state.settings = { 'attrib.server.path': path.join(os.tmpdir(), 'no-such-attrib-binary') };
  stub.state.output.length = 0;
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.ok(
    stub.state.output.some((line) => /Could not start .*no-such-attrib-binary lsp/.test(line)),
    `the output channel says what failed:\n${stub.state.output.join('\n')}`,
  );
  await extension.deactivate();
  context.subscriptions.forEach((d) => d.dispose());
});
