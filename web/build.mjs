// Builds the playground into one self-contained page: the WebAssembly module
// and the shipped cases embedded in the script, the script and the style inline,
// and a Content-Security-Policy that lets only that script run (by its hash).
// Run by scripts/build-web, which builds the module and installs esbuild and
// CodeMirror into target/web-tools first.
//
// Usage: node web/build.mjs WASM CASES_DIR OUT_DIR NODE_MODULES VERSION

import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const [wasmPath, casesDir, outDir, nodeModules, version] = process.argv.slice(2);
if (!version) {
  console.error("usage: node web/build.mjs WASM CASES_DIR OUT_DIR NODE_MODULES VERSION");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const esbuild = createRequire(path.join(path.resolve(nodeModules), "..", "package.json"))("esbuild");

// The shipped cases, by name.
const cases = fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith(".case"))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(casesDir, name), "utf8") }));
if (cases.length === 0) throw new Error(`no .case files in ${casesDir}`);

// `attrib:wasm` (the module's bytes) and `attrib:cases`, made here.
const embedded = {
  name: "attrib-embedded",
  setup(build) {
    build.onResolve({ filter: /^attrib:/ }, (a) => ({ path: a.path, namespace: "attrib" }));
    build.onLoad({ filter: /^attrib:wasm$/, namespace: "attrib" }, () => ({
      contents: fs.readFileSync(wasmPath),
      loader: "binary",
    }));
    build.onLoad({ filter: /^attrib:cases$/, namespace: "attrib" }, () => ({
      contents: `export default ${JSON.stringify(cases)};`,
      loader: "js",
    }));
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(here, "src", "main.js")],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome110", "firefox115", "safari16"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  nodePaths: [path.resolve(nodeModules)],
  define: { VERSION: JSON.stringify(version) },
  plugins: [embedded],
  write: false,
  logLevel: "warning",
});
let script = result.outputFiles[0].text;
// Inline in the page: nothing in it may close the element.
script = script.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const style = fs.readFileSync(path.join(here, "playground.css"), "utf8");
if (/<\/style/i.test(style)) throw new Error("playground.css closes its element");

const hash = crypto.createHash("sha256").update(script, "utf8").digest("base64");
// Nothing may be loaded, sent or framed from anywhere; the one script is the
// page's own (its hash), WebAssembly may be compiled; styles are inline (the
// report's meters and the editor set style attributes).
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  "img-src data:",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const template = fs.readFileSync(path.join(here, "index.html"), "utf8");
const page = template
  .replace("{{CSP}}", () => csp)
  .replace("{{VERSION}}", () => version)
  .replace("{{STYLE}}", () => style)
  .replace("{{SCRIPT}}", () => script);

fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, "index.html");
fs.writeFileSync(out, page);

// What a reader downloads.
const wasmBytes = fs.statSync(wasmPath).size;
const gzip = zlib.gzipSync(page, { level: 9 }).length;
const brotli = zlib.brotliCompressSync(page, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const sizes = {
  page: page.length,
  wasm: wasmBytes,
  wasmGzip: zlib.gzipSync(fs.readFileSync(wasmPath), { level: 9 }).length,
  script: Buffer.byteLength(script),
  style: Buffer.byteLength(style),
  cases: cases.reduce((n, c) => n + Buffer.byteLength(c.text), 0),
  gzip,
  brotli,
};
fs.writeFileSync(path.join(outDir, "sizes.json"), JSON.stringify(sizes, null, 2) + "\n");
console.log(
  `build-web: ${out}: ${kb(page.length)} (${kb(gzip)} gzip -9, ${kb(brotli)} brotli 11); ` +
    `the module ${kb(wasmBytes)} (${kb(sizes.wasmGzip)} gzip), ${cases.length} cases`,
);
