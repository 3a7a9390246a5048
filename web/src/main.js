// The playground: an editor on the left, what attrib makes of the file on the
// right. Every pane is an output of the core's own renderers (crates/attrib-wasm),
// recompiled on each change; nothing here words or computes a result.

import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, bracketMatching, indentUnit } from "@codemirror/language";
import { setDiagnostics, lintGutter, lintKeymap, forEachDiagnostic } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import cases from "attrib:cases";
import { Core, byteOffsets } from "./core.js";
import { attribLanguage, attribHighlight } from "./language.js";

const $ = (id) => document.getElementById(id);

/// An element with text (never markup: case text is user input).
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const state = {
  core: null,
  view: null,
  name: "untitled.case",
  /// The document last compiled (its text and name), and its diagnostics.
  doc: null,
  text: null,
  textName: null,
  diagnostics: [],
  editorDiagnostics: [],
  /// What the diagnostics pane shows.
  shownDiagnostics: null,
  compiles: 0,
  errors: 0,
  /// What went wrong, when the core failed on the text.
  failed: null,
  /// Which panes show the last compilation.
  fresh: new Set(),
  tab: "diagnostics",
  /// When the input being answered was typed (event time), and the time taken
  /// by the compile, for the timings.
  typedAt: null,
  compiled: null,
  timings: [],
};

// --------------------------------------------------------------------- compiling

/// Compile a document; its diagnostics as the editor's. The editor may make a
/// transaction twice for one keystroke: the same text is compiled once.
function compile(doc) {
  const t0 = performance.now();
  const text = doc.toString();
  state.doc = doc;
  if (text === state.text && state.name === state.textName) return state.editorDiagnostics;
  state.text = text;
  state.textName = state.name;
  state.errors = state.core.compile(text, state.name);
  const file = state.core.diagnostics();
  const at = byteOffsets(text);
  state.fresh.clear();
  state.diagnostics = file.diagnostics.map((d) => ({ ...d, at }));
  state.editorDiagnostics = state.diagnostics.map((d) => toEditor(d, at));
  state.compiled = { start: t0, end: performance.now() };
  state.compiles += 1;
  return state.editorDiagnostics;
}

/// Every change is compiled before the editor shows it, and its diagnostics
/// are set by the same transaction: the editor redraws once per keystroke.
const compileOnChange = EditorState.transactionExtender.of((tr) => {
  if (!tr.docChanged) return null;
  const diagnostics = safely(() => compile(tr.newDoc));
  return diagnostics && setDiagnostics(tr.startState, diagnostics);
});

/// Run the core; on an error (a bug of the core) say so, start the module
/// afresh for the next change, and return null.
function safely(f) {
  try {
    state.failed = null;
    return f();
  } catch (e) {
    console.error(e);
    state.core.reset();
    state.text = null;
    state.failed = `attrib failed on this text (${e}); please report it`;
    return null;
  }
}

/// Whether the diagnostics and panes are those of the text the editor holds.
function compiled(view) {
  return view.state.doc === state.doc || view.state.doc.toString() === state.text;
}

/// The panes, once the editor shows the change.
function update() {
  const view = state.view;
  if (!compiled(view)) {
    // A change that was not compiled on its way: its diagnostics are set once
    // this update is over.
    const diagnostics = safely(() => compile(view.state.doc));
    if (!diagnostics) return showStatus();
    queueMicrotask(() => view.dispatch(setDiagnostics(view.state, diagnostics)));
  }
  const t2 = performance.now();
  safely(showAssessments);
  const t3 = performance.now();
  showDiagnostics();
  showCaveat();
  if (state.tab !== "diagnostics" && state.tab !== "assessments") safely(() => showTab(state.tab));
  showStatus();
  if (state.typedAt !== null) {
    // Where the time went, for scripts/web-check and docs/performance.md.
    const typed = state.typedAt;
    const { start, end } = state.compiled;
    state.typedAt = null;
    const t4 = performance.now();
    const record = { updated: t4 - typed, input: start - typed, compile: end - start, editor: t2 - end, assessments: t3 - t2, panes: t4 - t3 };
    requestAnimationFrame(() => state.timings.push({ ...record, painted: performance.now() - typed }));
  }
}

/// A diagnostic of the core, as the editor shows it: at its primary label, with
/// its fixes as actions.
function toEditor(d, at) {
  const label = d.labels[0];
  const from = label ? at(label.offset) : 0;
  const to = label ? at(label.offset + label.length) : 0;
  return {
    from,
    to,
    severity: d.severity,
    code: d.code,
    message: d.message,
    renderMessage: () => message(d),
    actions: d.fixes.map((fix) => ({ name: fix.title, apply: (view) => applyFix(view, fix, at) })),
  };
}

function message(d) {
  const box = el("div", undefined, "diag-message");
  const head = el("div");
  head.append(el("strong", d.code, d.severity), " ", d.message);
  box.append(head);
  for (const l of d.labels.slice(1)) box.append(el("div", `line ${l.line}: ${l.message}`, "aside"));
  if (d.help) box.append(el("div", d.help, "help"));
  return box;
}

/// Apply a fix's edits (byte offsets into the text it was computed on).
function applyFix(view, fix, at) {
  if (!compiled(view)) return; // typed since: its offsets are stale
  view.dispatch({
    changes: fix.edits.map((e) => ({ from: at(e.offset), to: at(e.offset + e.length), insert: e.text })),
    userEvent: "input.fix",
  });
  view.focus();
}

// ------------------------------------------------------------------------- panes

function showStatus() {
  if (state.failed) {
    $("status").textContent = state.failed;
    $("status").className = "has-errors";
    return;
  }
  const warnings = state.diagnostics.length - state.errors;
  const n = (k, w) => `${k} ${w}${k === 1 ? "" : "s"}`;
  $("status").textContent = `${state.name}: ${n(state.errors, "error")}, ${n(warnings, "warning")}`;
  $("status").className = state.errors ? "has-errors" : warnings ? "has-warnings" : "clean";
  $("count").textContent = `(${state.diagnostics.length})`;
}

/// Panes other than the diagnostics show what could be read of a file with
/// errors; `attrib chains` and `attrib report` would refuse it.
function showCaveat() {
  const c = $("caveat");
  c.hidden = state.errors === 0 || state.tab === "diagnostics";
  c.textContent = state.errors
    ? `This file has ${state.errors} error${state.errors === 1 ? "" : "s"}: this pane shows what could be read of it (attrib chains and attrib report refuse a file with errors).`
    : "";
}

/// The diagnostics pane, redrawn only when what it shows changed (typing moves
/// the offsets, not the lines, columns and words); its buttons read the
/// diagnostics of the last compilation.
function showDiagnostics() {
  const shown = JSON.stringify(state.diagnostics.map((d) => [d.code, d.message, d.help, d.labels.map((l) => [l.line, l.column, l.message]), d.fixes.map((f) => f.title)]));
  if (shown === state.shownDiagnostics) return;
  state.shownDiagnostics = shown;
  const list = $("diagnostics");
  list.replaceChildren();
  if (state.diagnostics.length === 0) list.append(el("li", "No diagnostics: the file checks clean.", "none"));
  state.diagnostics.forEach((d, i) => {
    const item = el("li", undefined, d.severity);
    const label = d.labels[0];
    const where = el("button", label ? `line ${label.line}, column ${label.column}` : "the file", "where");
    where.type = "button";
    where.addEventListener("click", () => {
      const now = state.diagnostics[i];
      reveal(now.labels[0] ? now.at(now.labels[0].offset) : 0);
    });
    item.append(where, message(d));
    d.fixes.forEach((fix, k) => {
      const b = el("button", fix.title, "fix");
      b.type = "button";
      b.addEventListener("click", () => applyFix(state.view, state.diagnostics[i].fixes[k], state.diagnostics[i].at));
      item.append(b);
    });
    list.append(item);
  });
}

function reveal(pos) {
  state.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  state.view.focus();
}

function showAssessments() {
  const text = state.core.render("assessments");
  const pane = $("assessments");
  if (pane.textContent !== text) pane.textContent = text;
  state.fresh.add("assessments");
}

/// A page of the core's (the report, the timeline) in its frame, keeping the
/// place the reader had scrolled to.
function showPage(frame, html) {
  let y = 0;
  try {
    y = frame.contentWindow.scrollY;
  } catch {
    // Not readable: start at the top.
  }
  frame.onload = () => frame.contentWindow.scrollTo(0, y);
  frame.srcdoc = html;
}

const panes = {
  diagnostics: () => {},
  assessments: showAssessments,
  chains: () => {
    $("chains").textContent = $("chains-format").value === "json" ? state.core.render("chains_json") : state.core.render("chains");
  },
  ach: () => {
    const out = state.core.render("ach");
    const box = $("ach");
    box.replaceChildren();
    if (out === "") {
      box.append(el("p", "No matrix: nothing to weigh.", "none"));
    } else if (out.startsWith("<!DOCTYPE")) {
      const frame = el("iframe");
      frame.title = "Competing hypotheses";
      frame.setAttribute("sandbox", "allow-same-origin");
      box.append(frame);
      showPage(frame, out);
    } else {
      box.append(el("pre", out));
    }
  },
  timeline: () => showPage($("timeline"), state.core.render("timeline")),
  report: () => showPage($("report"), state.core.render("report")),
};

function showTab(name) {
  if (!state.fresh.has(name)) {
    panes[name]();
    state.fresh.add(name);
  }
}

function selectTab(name) {
  state.tab = name;
  for (const tab of $("tabs").querySelectorAll("[role=tab]")) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !on;
  }
  showCaveat();
  safely(() => showTab(name));
  showStatus();
}

// ---------------------------------------------------------------------- documents

function load(text, name) {
  state.name = name;
  state.view.dispatch({
    changes: { from: 0, to: state.view.state.doc.length, insert: text },
    selection: { anchor: 0 },
    scrollIntoView: true,
  });
}

function download() {
  const blob = new Blob([state.view.state.doc.toString()], { type: "text/plain;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = el("a");
  a.href = url;
  a.download = state.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function openFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  let utf8 = true;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("utf-8").decode(bytes);
    utf8 = false;
  }
  addOption(file.name, file.name, true);
  load(text, file.name);
  if (!utf8) $("status").textContent += " (the file is not UTF-8: its invalid bytes were replaced)";
}

function addOption(value, label, selected) {
  const select = $("cases");
  let option = Array.from(select.options).find((o) => o.value === value);
  if (!option) {
    option = el("option", label);
    option.value = value;
    select.append(option);
  }
  if (selected) select.value = value;
}

// ------------------------------------------------------------------------- start

async function start() {
  state.core = await Core.load();
  const words = state.core.words();
  state.view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        bracketMatching(),
        indentUnit.of("  "),
        attribLanguage(words),
        syntaxHighlighting(attribHighlight),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        compileOnChange,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) update();
        }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": "Case file", spellcheck: "false" }),
      ],
    }),
  });
  // When a key was pressed, to time the way from it to the updated panes (a key
  // that changed nothing is forgotten when it is released).
  let docAtKey = null;
  state.view.contentDOM.addEventListener("keydown", (e) => {
    if (state.typedAt === null) {
      state.typedAt = e.timeStamp;
      docAtKey = state.view.state.doc;
    }
  }, true);
  state.view.contentDOM.addEventListener("keyup", () => {
    if (state.typedAt !== null && state.view.state.doc === docAtKey) state.typedAt = null;
  }, true);

  for (const c of cases) addOption(c.name, c.name.replace(/\.case$/, ""), false);
  $("cases").addEventListener("change", (e) => {
    const c = cases.find((x) => x.name === e.target.value);
    if (c) load(c.text, c.name);
  });
  $("open").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", (e) => {
    if (e.target.files[0]) openFile(e.target.files[0]);
    e.target.value = "";
  });
  $("download").addEventListener("click", download);
  $("format").addEventListener("click", () => {
    const formatted = state.core.render("format");
    if (formatted === "") {
      $("status").textContent = "The file has syntax errors: fix them to format it";
    } else if (formatted !== state.view.state.doc.toString()) {
      state.view.dispatch({ changes: { from: 0, to: state.view.state.doc.length, insert: formatted } });
    }
  });
  for (const tab of $("tabs").querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
  }
  $("tabs").addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const tabs = Array.from($("tabs").querySelectorAll("[role=tab]"));
    const i = tabs.findIndex((t) => t.id === `tab-${state.tab}`);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    selectTab(next.id.slice(4));
    next.focus();
  });
  $("chains-format").addEventListener("change", () => {
    state.fresh.delete("chains");
    showTab("chains");
  });
  $("version").textContent = `attrib ${VERSION}`;

  const first = cases.find((c) => c.name.startsWith("albania")) || cases[0];
  $("cases").value = first.name;
  load(first.text, first.name);
  selectTab("assessments");

  // For scripts/web-check: the editor, what it shows, and the timings.
  window.attribPlayground = {
    view: state.view,
    cases: cases.map((c) => c.name),
    load: (name) => {
      $("cases").value = name;
      $("cases").dispatchEvent(new Event("change"));
    },
    diagnostics() {
      const out = [];
      forEachDiagnostic(state.view.state, (d, from) => {
        out.push({ line: state.view.state.doc.lineAt(from).number, code: d.code, severity: d.severity, message: d.message, fixes: (d.actions || []).map((a) => a.name) });
      });
      return out;
    },
    reveal,
    /// Whether the panes show the document as it is now.
    settled: () => compiled(state.view),
    timings: state.timings,
    compiles: () => state.compiles,
    /// From the start of the page's load to the first case compiled and shown.
    startup: performance.now(),
    ready: true,
  };
}

start().catch((e) => {
  $("status").textContent = `The compiler could not start: ${e}`;
  console.error(e);
});
