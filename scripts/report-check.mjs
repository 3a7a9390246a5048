// Open every page of an `attrib report` folder in headless Chromium and fail on
// anything a reader would hit: a console error, a script error, a failed request,
// any request that is not file:, data: or about:, a missing or empty timeline, or
// a link to an anchor that is not on the page; on a case page, a first assessment
// below the first screen (1400×900), contents that scroll away, or support bars
// that print empty. Saves screenshots of each page (the first screen, the whole
// page, the timeline) and its A4 PDF.
//
// Usage: node scripts/report-check.mjs REPORT_DIR SHOTS_DIR
// Environment: CHROMIUM (the browser, default /usr/bin/chromium), REPORT_TOOLS (the
// folder puppeteer-core was installed into with `npm install --prefix`).

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const [dir, shots] = process.argv.slice(2);
if (!dir || !shots) {
  console.error("usage: node scripts/report-check.mjs REPORT_DIR SHOTS_DIR");
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const chromium = await launch();
const browser = chromium.browser;

const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
let failures = 0;
const fail = (page, message) => {
  failures += 1;
  console.error(`report-check: FAILED: ${page}: ${message}`);
};
if (pages.length === 0) fail(dir, "no .html pages");
if (!pages.includes("index.html")) fail(dir, "no index.html");

const allowed = (url) => /^(file|data|about):/.test(url);

for (const name of pages) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900, deviceScaleFactor: 1 });
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warn") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    if (allowed(req.url())) {
      req.continue();
    } else {
      problems.push(`request outside the page: ${req.url()}`);
      req.abort("blockedbyclient");
    }
  });
  const url = pathToFileURL(path.resolve(dir, name)).href;
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) problems.push(`could not load ${url}`);

  const facts = await page.evaluate(() => {
    const ids = new Set(Array.from(document.querySelectorAll("[id]"), (e) => e.id));
    const dangling = Array.from(document.querySelectorAll("a[href^='#']"))
      .map((a) => decodeURIComponent(a.getAttribute("href").slice(1)))
      .filter((id) => id !== "" && !ids.has(id));
    const svg = document.querySelector("svg.timeline");
    const box = svg ? svg.getBoundingClientRect() : null;
    const marks = svg ? svg.querySelectorAll(".mark").length : 0;
    const drawn = svg
      ? Array.from(svg.querySelectorAll(".mark rect.core")).filter((r) => {
          const b = r.getBoundingClientRect();
          return b.width > 0 && b.height > 0;
        }).length
      : 0;
    const lanes = svg ? Array.from(new Set(Array.from(svg.querySelectorAll(".mark"), (m) => m.getAttribute("class")))) : [];
    return {
      title: document.title,
      lang: document.documentElement.lang,
      h1: document.querySelector("h1")?.textContent ?? "",
      dangling: Array.from(new Set(dangling)),
      svg: !!svg,
      svgSize: box ? [Math.round(box.width), Math.round(box.height)] : null,
      svgTitle: svg?.querySelector("title")?.textContent ?? "",
      marks,
      drawn,
      lanes,
      rows: document.querySelectorAll("table#compare tbody tr").length,
      scripts: Array.from(document.querySelectorAll("script[src], link[href], img[src], iframe, object, embed")).length,
    };
  });
  if (!facts.title) problems.push("no <title>");
  if (facts.lang !== "en") problems.push(`lang is "${facts.lang}"`);
  if (!facts.h1) problems.push("no <h1>");
  if (facts.scripts) problems.push(`${facts.scripts} elements that load something`);
  if (facts.dangling.length) problems.push(`links to anchors not on the page: ${facts.dangling.join(", ")}`);

  if (name === "index.html") {
    const cases = pages.filter((p) => p !== "index.html").length;
    if (facts.rows !== cases) problems.push(`the comparison table has ${facts.rows} rows for ${cases} cases`);
    // Sort by a number column and back: the script must run without errors.
    const before = await page.$$eval("table#compare tbody th", (t) => t.map((x) => x.textContent));
    await page.click("table#compare thead th:nth-child(6) button");
    await page.click("table#compare thead th:nth-child(6) button");
    const after = await page.$$eval("table#compare tbody th", (t) => t.map((x) => x.textContent));
    if (before.length !== after.length) problems.push("sorting lost rows");
    const sorted = await page.$eval("table#compare thead th:nth-child(6)", (th) => th.getAttribute("aria-sort"));
    if (sorted !== "descending") problems.push(`after two clicks the column is sorted "${sorted}"`);
    // The strongest response sorts by its rank on the ladder, strongest first
    // after two clicks, cases without one last.
    await page.click("table#compare thead th:nth-child(9) button");
    await page.click("table#compare thead th:nth-child(9) button");
    const ranks = await page.$$eval("table#compare tbody tr", (rows) =>
      rows.map((r) => r.cells[8].getAttribute("data-value")),
    );
    const given = ranks.filter((v) => v !== "").map(Number);
    const descending = given.every((v, k) => k === 0 || given[k - 1] >= v);
    const emptiesLast = ranks.slice(given.length).every((v) => v === "");
    if (!descending || !emptiesLast) problems.push(`sorting by the strongest response gives ranks ${ranks.join(", ")}`);
  } else {
    if (!facts.svg) problems.push("no timeline SVG");
    else if (facts.marks === 0 || facts.drawn === 0) problems.push(`the timeline is empty (${facts.marks} marks, ${facts.drawn} drawn)`);
    else if (!facts.svgSize || facts.svgSize[0] < 600 || facts.svgSize[1] < 100) problems.push(`the timeline is drawn at ${facts.svgSize}`);
    if (!facts.svgTitle) problems.push("the timeline SVG has no <title>");
    // The answer above the fold: the first assessment whole on the first
    // screen (1400×900); the contents beside the page, still in view far down.
    const screen = await page.evaluate(() => {
      const first = document.querySelector("#assessments tbody tr");
      const toc = document.querySelector("nav.toc");
      const before = toc ? toc.getBoundingClientRect() : null;
      document.querySelector("#sources")?.scrollIntoView();
      const after = toc ? toc.getBoundingClientRect() : null;
      window.scrollTo(0, 0);
      return {
        firstBottom: first ? Math.round(first.getBoundingClientRect().bottom) : null,
        toc: before && after ? [Math.round(before.left), Math.round(after.top), Math.round(after.bottom)] : null,
      };
    });
    if (screen.firstBottom !== null && screen.firstBottom > 900)
      problems.push(`the first assessment ends at ${screen.firstBottom} px, below the first screen (900 px)`);
    if (!screen.toc) problems.push("no contents (nav.toc)");
    else if (screen.toc[1] < -1 || screen.toc[1] > 40)
      problems.push(`the contents scroll away: their top is at ${screen.toc[1]} px far down the page`);
    facts.firstBottom = screen.firstBottom;
    // Printed: the contents hidden, the support bars drawn (as borders, which
    // print without "background graphics"), on A4.
    await page.emulateMediaType("print");
    const print = await page.evaluate(() => {
      const toc = document.querySelector("nav.toc");
      const fills = Array.from(document.querySelectorAll(".meter .fill")).filter((f) => parseFloat(f.style.width) > 0);
      const blank = fills.filter((f) => parseFloat(getComputedStyle(f).borderTopWidth) < 2).length;
      return { tocShown: toc && getComputedStyle(toc).display !== "none", fills: fills.length, blank };
    });
    if (print.tocShown) problems.push("the contents are printed");
    if (print.blank) problems.push(`${print.blank} of ${print.fills} support bars print empty`);
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    facts.printed = (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
    fs.writeFileSync(path.join(shots, name.replace(/\.html$/, "-a4.pdf")), pdf);
    await page.emulateMediaType("screen");
  }

  const shot = path.join(shots, name.replace(/\.html$/, ".png"));
  await page.screenshot({ path: path.join(shots, name.replace(/\.html$/, "-first.png")) });
  await page.screenshot({ path: shot, fullPage: true });
  // The timeline alone, and the top of the page down to its end (what the docs show).
  if (facts.svg) {
    const figure = await page.$("#timeline");
    await figure.screenshot({ path: path.join(shots, name.replace(/\.html$/, "-timeline.png")) });
    const bottom = await page.$eval("#timeline", (e) => e.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({
      path: path.join(shots, name.replace(/\.html$/, "-top.png")),
      clip: { x: 0, y: 0, width: 1400, height: Math.ceil(bottom) + 16 },
    });
  }
  for (const p of problems) fail(name, p);
  console.log(
    `report-check: ${name}: ${problems.length ? "FAILED" : "ok"}` +
      (facts.svg ? ` (timeline ${facts.marks} marks, ${facts.svgSize?.join("×")} px; first assessment ends at ${facts.firstBottom} px; ${facts.printed} A4 pages)` : "") +
      (name === "index.html" ? ` (${facts.rows} cases)` : "") +
      `; screenshot ${shot}`,
  );
  await page.close();
}

await chromium.close();
if (failures) {
  console.error(`report-check: FAILED: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`report-check: ${pages.length} pages passed`);
