// Just enough of the `vscode` API for extension.js and vscode-languageclient to start a server,
// open a document with it and stop it, outside VS Code. Anything else the client touches is a
// no-op: an `on…` member is an event that never fires, any other a class or function that does
// nothing. `state` is what the test sets and reads.
'use strict';

const state = {
  settings: {},
  documents: [],
  commands: new Map(),
  messages: [],
  output: [],
};

class Disposable {
  constructor(fn = () => {}) {
    this.dispose = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = listener.bind(thisArg);
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    this.listeners.forEach((l) => l(value));
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
    this.fsPath = path;
    this.authority = '';
    this.query = '';
    this.fragment = '';
  }
  static file(path) {
    return new Uri('file', path);
  }
  static parse(text) {
    const m = /^([a-z]+):(?:\/\/)?(.*)$/.exec(text);
    return new Uri(m[1], m[2]);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  with() {
    return this;
  }
}

const noopEvent = () => new Disposable();
const anything = () =>
  new Proxy(function stub() {}, {
    get: (target, prop) => (prop === 'prototype' ? target.prototype : prop === 'then' ? undefined : anything()),
    apply: () => undefined,
    construct: () => ({}),
  });

// A namespace: the members given, events for `on…`, and harmless stubs for the rest.
const namespace = (members) =>
  new Proxy(members, {
    get: (target, prop) => {
      if (prop in target) return target[prop];
      if (typeof prop === 'string' && /^on[A-Z]/.test(prop)) return noopEvent;
      return anything();
    },
  });

const workspace = namespace({
  workspaceFolders: undefined,
  get textDocuments() {
    return state.documents;
  },
  notebookDocuments: [],
  getConfiguration: (section) => ({
    get: (key, fallback) => {
      const value = state.settings[section ? `${section}.${key}` : key];
      return value === undefined ? fallback : value;
    },
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  }),
  createFileSystemWatcher: () => ({
    onDidCreate: noopEvent,
    onDidChange: noopEvent,
    onDidDelete: noopEvent,
    dispose() {},
  }),
});

const window = namespace({
  activeTextEditor: undefined,
  visibleTextEditors: [],
  tabGroups: { all: [], onDidChangeTabs: noopEvent, onDidChangeTabGroups: noopEvent },
  createOutputChannel: (name) => ({
    name,
    append: (text) => state.output.push(text),
    appendLine: (text) => state.output.push(text),
    replace() {},
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  }),
  showErrorMessage: async (message) => void state.messages.push(['error', message]),
  showWarningMessage: async (message) => void state.messages.push(['warning', message]),
  showInformationMessage: async (message) => void state.messages.push(['info', message]),
});

const languages = namespace({
  match: (selector, document) => {
    const filters = Array.isArray(selector) ? selector : [selector];
    const hit = filters.some(
      (f) =>
        (typeof f === 'string' ? f === document.languageId : !f.language || f.language === document.languageId) &&
        (typeof f === 'string' || !f.scheme || f.scheme === document.uri.scheme),
    );
    return hit ? 10 : 0;
  },
  createDiagnosticCollection: (name) => ({
    name,
    set() {},
    delete() {},
    clear() {},
    forEach() {},
    get: () => undefined,
    has: () => false,
    dispose() {},
  }),
});

const commands = namespace({
  registerCommand: (id, fn) => {
    state.commands.set(id, fn);
    return new Disposable(() => state.commands.delete(id));
  },
  executeCommand: async (id, ...args) => state.commands.get(id)(...args),
});

const api = {
  version: '1.75.0',
  env: namespace({ language: 'en', appName: 'stub', machineId: 'stub', sessionId: 'stub' }),
  workspace,
  window,
  languages,
  commands,
  Disposable,
  EventEmitter,
  Uri,
  state,
};

module.exports = new Proxy(api, {
  get: (target, prop) => (prop in target ? target[prop] : class Stub {}),
});
