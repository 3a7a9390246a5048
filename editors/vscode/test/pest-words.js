#!/usr/bin/env node
// Every keyword and vocabulary word of grammar/attrib.pest must be known to the highlighting
// grammar (tools/build-grammar.js). Words the editor knows that attrib.pest does not yet have are
// listed, not failed: the editor may be ahead of the parser.
'use strict';

const fs = require('fs');
const path = require('path');
const { allWords } = require('../tools/build-grammar');

const PEST = path.resolve(__dirname, '../../../grammar/attrib.pest');

// The vocabulary rules of attrib.pest and their names in tools/build-grammar.js.
const VOCABULARY_RULES = {
  source_kind: 'source-kind',
  actor_kind: 'actor-kind',
  event_kind: 'event-kind',
  role: 'role',
  likelihood: 'confidence',
  basis: 'basis',
  class: 'indicator-class',
  disclosure: 'disclosure',
  response_kind: 'response-kind',
  legal_category: 'legal-category',
  duration_unit: 'duration-unit',
};

if (!fs.existsSync(PEST)) {
  console.log(`pest-words: ${PEST} not found (not in the attrib repository); skipped`);
  process.exit(0);
}

const { keywords, vocabularies } = allWords();
const problems = [];
const seen = { keywords: new Set(), vocabularies: {} };

for (const line of fs.readFileSync(PEST, 'utf8').split('\n')) {
  const rule = /^\s*(\w+)\s*=\s*@\{(.*)\}\s*$/.exec(line);
  if (!rule) continue;
  const [, name, body] = rule;
  const strings = [...body.matchAll(/"([^"\\]+)"/g)].map((m) => m[1]);
  if (name.startsWith('k_')) {
    const word = strings[0];
    seen.keywords.add(word);
    if (!keywords.has(word)) problems.push(`keyword \`${word}\` (${name}) is not in tools/build-grammar.js`);
  } else if (/^\s*\(\s*"[^"]+"(?:\s*\|\s*"[^"]+")*\s*\)\s*~\s*boundary\s*$/.test(body)) {
    // A choice of words: `("a" | "b") ~ boundary`.
    const vocab = VOCABULARY_RULES[name];
    if (vocab === undefined) {
      problems.push(`vocabulary rule \`${name}\` is new: add it to VOCABULARY_RULES in test/pest-words.js and to tools/build-grammar.js`);
      continue;
    }
    seen.vocabularies[vocab] = new Set(strings);
    for (const word of strings) {
      if (!vocabularies[vocab].includes(word)) {
        problems.push(`${vocab} word \`${word}\` (${name}) is not in tools/build-grammar.js`);
      }
    }
  }
}

for (const [rule, vocab] of Object.entries(VOCABULARY_RULES)) {
  if (seen.vocabularies[vocab] === undefined) problems.push(`vocabulary rule \`${rule}\` not found in attrib.pest`);
}
if (seen.keywords.size === 0) problems.push('no k_* keyword rules found in attrib.pest');

const ahead = [
  ...[...keywords].filter((w) => !seen.keywords.has(w)),
  ...Object.entries(vocabularies).flatMap(([vocab, list]) =>
    list.filter((w) => seen.vocabularies[vocab] && !seen.vocabularies[vocab].has(w)).map((w) => `${w} (${vocab})`),
  ),
];
if (ahead.length > 0) console.log(`pest-words: known to the editor, not yet to attrib.pest: ${ahead.join(', ')}`);

if (problems.length > 0) {
  for (const p of problems) console.error(`pest-words: ${p}`);
  console.error('pest-words: add the words to tools/build-grammar.js, then `npm run grammar` and `npm run snap:update`');
  process.exit(1);
}
console.log(`pest-words: all ${seen.keywords.size} keywords and ${Object.values(seen.vocabularies).reduce((n, s) => n + s.size, 0)} vocabulary words of grammar/attrib.pest are highlighted`);
