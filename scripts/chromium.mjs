// Headless Chromium for the browser checks (report-check.mjs, web-check.mjs):
// Debian's chromium driven by puppeteer-core, both installed by scripts/tools.sh.
//
// Environment: CHROMIUM (the browser, default /usr/bin/chromium), REPORT_TOOLS (the
// folder puppeteer-core was installed into with `npm install --prefix`).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

/// The browser, on a fresh profile; `close()` closes it and removes the profile.
export async function launch() {
  const tools = path.resolve(process.env.REPORT_TOOLS || "target/report-tools");
  const puppeteer = createRequire(path.join(tools, "package.json"))("puppeteer-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "attrib-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // A loaded 2-core machine (a release build just finished) can take over the
    // default 30 s to start Chromium.
    timeout: 120000,
    // Chromium's own switches: no sandbox (root in a container), no GPU, and nothing
    // that would reach out to the network by itself; a fresh profile.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
