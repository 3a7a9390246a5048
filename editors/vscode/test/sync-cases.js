#!/usr/bin/env node
// The snapshot tests run over every real case file. vscode-tmgrammar-snap keeps a snapshot beside
// the file it tests (NAME.case.snap), and cases/ must hold only case files, so test/cases/ holds a
// symbolic link to each ../../../cases/NAME.case with its snapshot beside it.
//
//   node test/sync-cases.js           make test/cases/ match cases/ (links made, stale ones removed)
//   node test/sync-cases.js --check   exit 1 if a case has no link or no snapshot, or one is stale
'use strict';

const fs = require('fs');
const path = require('path');

const CASES = path.resolve(__dirname, '../../../cases');
const LINKS = path.join(__dirname, 'cases');
const check = process.argv.includes('--check');

if (!fs.existsSync(CASES)) {
  console.log(`sync-cases: ${CASES} not found (not in the attrib repository); skipped`);
  process.exit(0);
}

const names = fs.readdirSync(CASES).filter((n) => n.endsWith('.case')).sort();
const target = (name) => path.join('..', '..', '..', '..', 'cases', name);
const problems = [];

fs.mkdirSync(LINKS, { recursive: true });
for (const name of names) {
  const link = path.join(LINKS, name);
  let current;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current !== target(name)) {
    if (check) {
      problems.push(`test/cases/${name} is not a link to cases/${name}`);
    } else {
      fs.rmSync(link, { force: true });
      fs.symlinkSync(target(name), link);
      console.log(`sync-cases: linked test/cases/${name}`);
    }
  }
  if (check && !fs.existsSync(`${link}.snap`)) problems.push(`test/cases/${name}.snap is missing`);
}
for (const entry of fs.readdirSync(LINKS)) {
  if (names.includes(entry.replace(/\.snap$/, ''))) continue;
  if (check) {
    problems.push(`test/cases/${entry} has no case in cases/`);
  } else {
    fs.rmSync(path.join(LINKS, entry), { force: true });
    console.log(`sync-cases: removed stale test/cases/${entry}`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`sync-cases: ${p}`);
  console.error('sync-cases: run `npm run snap:update` and commit test/cases/');
  process.exit(1);
}
console.log(
  check
    ? `sync-cases: each of the ${names.length} case files has a link and a snapshot in test/cases/`
    : `sync-cases: test/cases/ links the ${names.length} case files of cases/`,
);
