// The attrib extension: starts the language server, `attrib lsp`, over stdio for attrib documents.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;
// Starts and stops run one after the other, so that a restart never meets a half-started client.
let queue = Promise.resolve();

function enqueue(step) {
  queue = queue.then(step, step);
  return queue;
}

/** The server command from the settings: `attrib.server.path lsp attrib.server.extraArgs…`. */
function serverCommand() {
  const config = vscode.workspace.getConfiguration('attrib');
  const command = config.get('server.path') || 'attrib';
  const extraArgs = config.get('server.extraArgs') || [];
  return { command, args: ['lsp', ...extraArgs.map(String)] };
}

async function startClient() {
  const { command, args } = serverCommand();
  // No `transport`: the server is spoken to over its stdin and stdout. (`TransportKind.stdio` would
  // also add `--stdio` to the arguments, which `attrib lsp` does not take.) Its stderr goes to the
  // output channel.
  const executable = { command, args };
  client = new LanguageClient(
    'attrib',
    'attrib language server',
    { run: executable, debug: executable },
    {
      documentSelector: [
        { scheme: 'file', language: 'attrib' },
        { scheme: 'untitled', language: 'attrib' },
      ],
      outputChannel: output,
    },
  );
  try {
    await client.start();
  } catch {
    // The client has already reported the failure and offers this channel.
    output.appendLine(
      `Could not start \`${[command, ...args].join(' ')}\`. Install attrib, or set "attrib.server.path" ` +
        'to the attrib program, then run "attrib: Restart Language Server".',
    );
  }
}

async function stopClient() {
  const old = client;
  client = undefined;
  if (old === undefined) {
    return;
  }
  if (old.isRunning()) {
    await old.stop();
  } else if (old.diagnostics) {
    // A client whose server failed to start has nothing to stop; drop what it created.
    old.diagnostics.dispose();
  }
}

function restartClient() {
  return enqueue(async () => {
    await stopClient();
    await startClient();
  });
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel('attrib');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('attrib.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('attrib.server')) {
        void restartClient();
      }
    }),
  );
  await enqueue(startClient);
}

function deactivate() {
  return enqueue(stopClient);
}

module.exports = { activate, deactivate };
