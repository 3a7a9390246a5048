// The playground (target/web/index.html) in headless Chromium, as a reader uses it,
// opened from disk: every shipped case loads and checks clean; an error typed
// into each is reported at its line and gone once undone; the Albania case's
// assessments name Iran, and a misspelt id there is fixed by its did-you-mean quick
// fix from the editor, after which the assessments are back as they were; every
// pane shows its output; a file opened from disk and the download work. Fails on
// any console error or warning, script error, failed request, or request that is
// not file:, data:, blob: or about:. Measures a keystroke to updated diagnostics
// and assessments over 100 edits, and saves a screenshot.
//
// Usage: node scripts/web-check.mjs PAGE CASES_DIR SCREENSHOT
// Environment: CHROMIUM (the browser), REPORT_TOOLS (where puppeteer-core is).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const [pagePath, casesDir, shot] = process.argv.slice(2);
if (!shot) {
  console.error("usage: node scripts/web-check.mjs PAGE CASES_DIR SCREENSHOT");
  process.exit(2);
}
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "attrib-web-downloads-"));
const chromium = await launch();
const browser = chromium.browser;

let failures = 0;
const fail = (what) => {
  failures += 1;
  console.error(`web-check: FAILED: ${what}`);
};
const ok = (what) => console.log(`web-check: ${what}`);

const page = await browser.newPage();
await page.setViewport({ width: 1440, height: 900, deviceScaleFactor: 1 });
page.on("console", (msg) => {
  if (msg.type() === "error" || msg.type() === "warn") fail(`console ${msg.type()}: ${msg.text()}`);
});
page.on("pageerror", (err) => fail(`script error: ${err.message}`));
page.on("requestfailed", (req) => fail(`request failed: ${req.url()} (${req.failure()?.errorText})`));
await page.setRequestInterception(true);
page.on("request", (req) => {
  if (/^(file|data|blob|about):/.test(req.url())) {
    req.continue();
  } else {
    fail(`request outside the page: ${req.url()}`);
    req.abort("blockedbyclient");
  }
});
const cdp = await page.createCDPSession();
await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });

const url = pathToFileURL(path.resolve(pagePath)).href;
const response = await page.goto(url, { waitUntil: "load" });
if (!response || !response.ok()) fail(`could not load ${url}`);
await page.waitForFunction(() => window.attribPlayground?.ready, { timeout: 20000 });
ok(`loaded from disk and the first case shown in ${(await page.evaluate(() => window.attribPlayground.startup)).toFixed(0)} ms`);

// The policy: the page's one script by its hash, never inline scripts at large.
const csp = await page.$eval("meta[http-equiv=Content-Security-Policy]", (m) => m.content);
if (!/script-src 'sha256-[^']+' 'wasm-unsafe-eval'(;|$)/.test(csp) || !/default-src 'none'/.test(csp)) {
  fail(`unexpected Content-Security-Policy: ${csp}`);
}

// --- helpers --------------------------------------------------------------------------------------
const text = () => page.evaluate(() => window.attribPlayground.view.state.doc.toString());
const diagnostics = () => page.evaluate(() => window.attribPlayground.diagnostics());
const errors = async () => (await diagnostics()).filter((d) => d.severity === "error");
const pane = (id) => page.$eval(`#${id}`, (e) => e.textContent);
const status = () => pane("status");
// Wait until the panes show the document as it is now.
const settled = () =>
  page.waitForFunction(() => window.attribPlayground.settled());
async function load(name) {
  await page.evaluate((n) => window.attribPlayground.load(n), name);
  await page.waitForFunction((n) => document.getElementById("status").textContent.startsWith(`${n}:`), {}, name);
}
// Select [from, to) of line `line` (1-based, UTF-16 columns) and type `words` with the keyboard.
async function typeOver(line, from, to, words) {
  await page.evaluate(
    (l, f, t) => {
      const v = window.attribPlayground.view;
      const start = v.state.doc.line(l).from;
      v.dispatch({ selection: { anchor: start + f, head: start + t }, scrollIntoView: true });
      v.focus();
    },
    line,
    from,
    to,
  );
  await page.keyboard.type(words);
  await settled();
}
async function selectTab(name) {
  await page.click(`#tab-${name}`);
  await page.waitForFunction((n) => !document.getElementById(`pane-${n}`).hidden, {}, name);
}

// --- every shipped case ---------------------------------------------------------------------------
const shipped = fs.readdirSync(casesDir).filter((f) => f.endsWith(".case")).sort();
const menu = await page.evaluate(() => window.attribPlayground.cases);
if (JSON.stringify(menu) !== JSON.stringify(shipped)) fail(`the menu lists ${menu.join(", ")}; cases/ has ${shipped.join(", ")}`);

for (const name of shipped) {
  await load(name);
  const original = fs.readFileSync(path.join(casesDir, name), "utf8");
  if ((await text()) !== original) fail(`${name}: the editor does not hold the file as shipped`);
  const before = await diagnostics();
  if (before.some((d) => d.severity === "error")) fail(`${name}: errors in a shipped case`);
  // The first `by ID` of a claim or response: name someone the file does not declare.
  const lines = original.split("\n");
  const i = lines.findIndex((l) => /^\s+by [\p{L}_]/u.test(l));
  const m = /^(\s+by )([\p{L}\p{M}\p{N}_-]+)/u.exec(lines[i]);
  const line = i + 1;
  await typeOver(line, m[1].length, m[0].length, "nobody-declared-this");
  const found = await errors();
  const at = found.filter((d) => d.line === line);
  if (at.length === 0) fail(`${name}: no error at line ${line} after misspelling \`${m[2]}\` (errors: ${JSON.stringify(found)})`);
  const marked = await page.$$eval(".cm-lintRange-error", (es) => es.map((e) => e.textContent));
  if (!marked.some((t) => t.includes("nobody-declared-this"))) fail(`${name}: the editor does not mark the misspelt id (${JSON.stringify(marked)})`);
  const count = await page.$eval("#count", (e) => e.textContent);
  await typeOver(line, m[1].length, m[1].length + "nobody-declared-this".length, m[2]);
  if ((await text()) !== original) fail(`${name}: the text did not come back as shipped`);
  const after = await diagnostics();
  if (JSON.stringify(after) !== JSON.stringify(before)) fail(`${name}: the diagnostics did not come back when the error was undone`);
  ok(`${name}: ${before.length} warnings; an unknown id at line ${line} reported (${at[0].code}; the diagnostics tab reads ${count}) and gone when undone`);
}

// --- the Albania case: Iran, and a did-you-mean quick fix ------------------------------------------
const albania = shipped.find((n) => n.startsWith("albania"));
await load(albania);
await selectTab("assessments");
const assessed = await pane("assessments");
if (!/^july-attack → Iran \(state\)$/m.test(assessed)) fail("the Albania assessments do not name Iran for the July attack");
else ok("the Albania assessments name Iran: july-attack → Iran (state)");
// The highlighting: the language's words, by what they are where they stand.
const shown = async (re) => {
  const at = (await text()).split("\n").findIndex((l) => re.test(l)) + 1;
  await page.evaluate((l) => window.attribPlayground.reveal(window.attribPlayground.view.state.doc.line(l).from), at);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
};
await shown(/^\s+kind state$/);
const vocabulary = await page.$$eval(".cm-content .tok-word", (es) => es.map((e) => e.textContent));
if (!vocabulary.includes("state")) fail(`the editor does not highlight \`state\` as a vocabulary word: ${JSON.stringify(vocabulary.slice(0, 20))}`);
await shown(/^case /);
const tokens = await page.evaluate(() => {
  const words = (c) => Array.from(document.querySelectorAll(`.cm-content .${c}`), (e) => e.textContent);
  return { declaration: words("tok-declaration"), keyword: words("tok-keyword"), word: words("tok-word"), definition: words("tok-definition"), string: words("tok-string").length, comment: words("tok-comment").length };
});
for (const [kind, expected] of [["declaration", "case"], ["keyword", "title"], ["definition", "albania-iran-2022"]]) {
  if (!tokens[kind].includes(expected)) fail(`the editor does not highlight \`${expected}\` as a ${kind}: ${JSON.stringify(tokens[kind].slice(0, 20))}`);
}
if (!tokens.string || !tokens.comment) fail(`no string or comment highlighted: ${JSON.stringify(tokens)}`);
ok(`highlighting: \`case\` a declaration, \`title\` a keyword, \`albania-iran-2022\` a definition, \`state\` a vocabulary word; ${tokens.string} strings and ${tokens.comment} comments in view`);
const original = await text();
const lines = original.split("\n");
const i = lines.findIndex((l) => /^\s+attributes july-attack to iran as /.test(l));
const line = i + 1;
const col = lines[i].indexOf(" iran ") + " iran".length;
// Misspell `iran` as `irann`.
await typeOver(line, col, col, "n");
const misspelt = (await errors()).filter((d) => d.line === line);
const fixTitle = misspelt[0]?.fixes.find((f) => /\biran\b/.test(f));
if (!fixTitle) fail(`no did-you-mean fix for \`irann\` at line ${line}: ${JSON.stringify(misspelt)}`);
const broken = await pane("assessments");
if (broken === assessed) fail("the assessments did not change with the misspelt id");
const caveat = await page.$eval("#caveat", (e) => !e.hidden && e.textContent);
if (!caveat) fail("no caveat over the assessments of a file with errors");
// Hover the marked id and apply the fix from the editor's tooltip.
await page.evaluate((l) => window.attribPlayground.reveal(window.attribPlayground.view.state.doc.line(l).from), line);
const range = await page.waitForSelector(".cm-lintRange-error");
await range.hover();
const action = await page.waitForSelector(".cm-tooltip-lint .cm-diagnosticAction", { timeout: 5000 });
const actionTitle = await action.evaluate((b) => b.textContent);
await page.screenshot({ path: shot });
await action.click();
await settled();
if ((await text()) !== original) fail("the quick fix did not restore `iran`");
if ((await errors()).length) fail("errors remain after the quick fix");
const fixed = await pane("assessments");
if (fixed !== assessed) fail("the assessments did not come back after the quick fix");
else ok(`line ${line}: \`irann\` → error ${misspelt[0]?.code} with the fix “${actionTitle}”, applied from the editor; the assessments updated`);

// --- the other panes -----------------------------------------------------------------------------
await selectTab("chains");
if (!/^chain 1: /m.test(await pane("chains"))) fail("the chains pane shows no chain");
await page.select("#chains-format", "json");
await page.waitForFunction(() => document.getElementById("chains").textContent.startsWith("{"));
JSON.parse(await pane("chains"));
await selectTab("ach");
if (!/july-attack/.test(await pane("ach")) || !/first place: iran, iran-aligned-actors/.test(await pane("ach"))) fail("the matrix pane does not show the Albania case's ranking");
const frame = async (id, check) => {
  await selectTab(id);
  const handle = await page.$(`#${id}`);
  const f = await handle.contentFrame();
  await f.waitForSelector("body *");
  return f.evaluate(check);
};
const marks = await frame("timeline", () => document.querySelectorAll("svg.timeline .mark").length);
if (!marks) fail("the timeline pane draws no marks");
const report = await frame("report", () => ({ h1: document.querySelector("h1")?.textContent, iran: /Iran/.test(document.querySelector("#assessments")?.textContent || "") }));
if (!report.h1 || !report.iran) fail(`the report pane: ${JSON.stringify(report)}`);
ok(`panes: chains (text and JSON), matrix (not in this build), timeline (${marks} marks), report (“${report.h1}”)`);

// --- a file from disk, and the download ------------------------------------------------------------
const mine = path.join(downloads, "mine.case");
const mineText = "case mine {\n  title \"A file opened from disk\"\n}\n";
const messy = "case   mine {\n      title    \"A file opened from disk\"   }\n";
fs.writeFileSync(mine, messy);
const input = await page.$("#file");
await input.uploadFile(mine);
await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("mine.case:"));
if ((await text()) !== messy) fail("the file opened from disk is not in the editor");
await page.click("#format");
await settled();
if ((await text()) !== mineText) fail(`Format made ${JSON.stringify(await text())}`);
await typeOver(3, 0, 0, "# edited\n");
fs.rmSync(mine);
await page.click("#download");
const saved = path.join(downloads, "mine.case");
for (let k = 0; k < 50 && !fs.existsSync(saved); k++) await new Promise((r) => setTimeout(r, 100));
if (!fs.existsSync(saved)) fail("the download did not arrive");
else if (fs.readFileSync(saved, "utf8") !== mineText.replace("}\n", "# edited\n}\n")) fail("the download is not the edited text");
else ok("a file opened from disk, formatted, edited and downloaded");

// Characters of two, three and four bytes before a misspelt id: its fix, applied from the
// diagnostics pane, lands on the id (byte offsets turned into the editor's UTF-16 ones).
const wide = path.join(downloads, "wide.case");
const wideText = 'actor ana {\n  kind person\n  name "Ana Ñ — 😀😀"\n}\n\nevent e {\n  kind intrusion\n  date 2020-01-01\n  target anna\n}\n';
fs.writeFileSync(wide, wideText);
await input.uploadFile(wide);
await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("wide.case:"));
await selectTab("diagnostics");
const wideError = (await errors()).find((d) => d.line === 9);
if (!wideError) fail(`wide.case: no error at line 9: ${JSON.stringify(await diagnostics())}`);
await page.click("#diagnostics li.error button.fix");
await settled();
if ((await text()) !== wideText.replace("target anna", "target ana")) fail(`wide.case: the fix made ${JSON.stringify(await text())}`);
else if ((await errors()).length) fail("wide.case: errors remain after the fix");
else ok(`a misspelt id after characters of 2, 3 and 4 bytes: ${wideError.code}, fixed from the diagnostics pane`);

// --- speed: a keystroke to updated diagnostics and assessments, 100 edits ------------------------
await load(albania);
await selectTab("assessments");
const pct = (xs, p) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
// The cursor at column `col` of line `line`; then `key` typed and erased, 50 times, each
// edit waited for (its panes updated and painted) before the next key.
async function series(what, line, col, key) {
  await typeOver(line, col, col, "");
  await page.evaluate(() => window.attribPlayground.timings.splice(0));
  const compilesBefore = await page.evaluate(() => window.attribPlayground.compiles());
  for (let k = 0; k < 100; k++) {
    const n = await page.evaluate(() => window.attribPlayground.timings.length);
    await page.keyboard.press(k % 2 === 0 ? key : "Backspace");
    await page.waitForFunction((m) => window.attribPlayground.timings.length > m, {}, n);
    await settled();
  }
  const timings = await page.evaluate(() => window.attribPlayground.timings.slice());
  const compiles = (await page.evaluate(() => window.attribPlayground.compiles())) - compilesBefore;
  if (compiles !== timings.length) fail(`${what}: ${compiles} compiles for ${timings.length} edits`);
  if ((await text()) !== original) fail(`${what}: the text did not come back`);
  const f = (k) => {
    const xs = timings.map((t) => t[k]);
    return `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`;
  };
  ok(`${timings.length} edits of the Albania case, ${what}: keystroke → diagnostics and assessments updated ${f("updated")}; → painted ${f("painted")}`);
  ok(`  of which: the editor taking the key ${f("input")}; compile and diagnostics ${f("compile")}; editor marks ${f("editor")}; assessments ${f("assessments")}; the other panes ${f("panes")}`);
  return timings;
}
const lineOf = (re) => original.split("\n").findIndex((l) => re.test(l)) + 1;
// Typing in a text: what most keystrokes are.
const typing = await series("a letter typed in a summary and erased", lineOf(/^\s+summary "[^"]/), 11, "x");
// A keystroke that breaks the syntax (`"""` becomes `"x""`: the text block is never closed,
// the rest of the file is re-read in pieces) and one that mends it.
const breaking = await series("a text block broken and mended", lineOf(/^\s+summary """$/), 11, "x");
fs.writeFileSync(
  path.join(path.dirname(path.resolve(pagePath)), "timings.json"),
  JSON.stringify({ typing, breaking }) + "\n",
);

await chromium.close();
fs.rmSync(downloads, { recursive: true, force: true });
if (failures) {
  console.error(`web-check: FAILED: ${failures} problem(s)`);
  process.exit(1);
}
ok("passed");
