#!/usr/bin/env node
// The highlighting grammar (tools/build-grammar.js) must know what grammar/attrib.pest knows:
// every keyword, every vocabulary word, and which fields each declaration takes. What the editor
// knows that attrib.pest does not (yet) have is listed, not failed: the editor may be ahead.
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
  rating: 'rating',
  duration_unit: 'duration-unit',
};

if (!fs.existsSync(PEST)) {
  console.log(`pest-words: ${PEST} not found (not in the attrib repository); skipped`);
  process.exit(0);
}

// The rules of attrib.pest, name -> body, comments removed. A rule starts at the start of a line
// and runs to the next rule.
const rules = new Map();
let current;
for (const raw of fs.readFileSync(PEST, 'utf8').split('\n')) {
  const line = raw.replace(/\/\/.*$/, '');
  const start = /^(\w+)\s*=\s*(.*)$/.exec(line);
  if (start) {
    current = start[1];
    rules.set(current, start[2]);
  } else if (current && line.trim()) {
    rules.set(current, `${rules.get(current)} ${line.trim()}`);
  }
}
const strings = (body) => [...body.matchAll(/"([^"\\]+)"/g)].map((m) => m[1]);

const { keywords, vocabularies, fields } = allWords();
const problems = [];
const ahead = [];
const pestKeywords = new Set();
const pestVocabularies = {};

for (const [name, body] of rules) {
  if (name.startsWith('k_')) {
    const [word] = strings(body);
    pestKeywords.add(word);
    if (!keywords.has(word)) problems.push(`keyword \`${word}\` (${name}) is not in tools/build-grammar.js`);
  } else if (/^@\{\s*\(\s*"[^"]+"(?:\s*\|\s*"[^"]+")*\s*\)\s*~\s*boundary\s*\}$/.test(body.trim())) {
    // A choice of words: `@{ ("a" | "b") ~ boundary }`.
    const vocab = VOCABULARY_RULES[name];
    if (vocab === undefined) {
      problems.push(`vocabulary rule \`${name}\` is new: add it to VOCABULARY_RULES in test/pest-words.js and to tools/build-grammar.js`);
      continue;
    }
    pestVocabularies[vocab] = new Set(strings(body));
    for (const word of pestVocabularies[vocab]) {
      if (!vocabularies[vocab].includes(word)) problems.push(`${vocab} word \`${word}\` (${name}) is not in tools/build-grammar.js`);
    }
  }
}
for (const [rule, vocab] of Object.entries(VOCABULARY_RULES)) {
  if (pestVocabularies[vocab] === undefined) problems.push(`vocabulary rule \`${rule}\` not found in attrib.pest`);
}
if (pestKeywords.size === 0) problems.push('no k_* keyword rules found in attrib.pest');
ahead.push(...[...keywords].filter((w) => !pestKeywords.has(w)));
for (const [vocab, list] of Object.entries(vocabularies)) {
  const known = pestVocabularies[vocab];
  if (known) ahead.push(...list.filter((w) => !known.has(w)).map((w) => `${w} (${vocab})`));
}

// The keywords that start the fields of a rule such as `event_field = _{ title_field | … }`: each
// alternative is a field (`title_field = _{ k_title ~ text }`) or another choice of fields.
function fieldKeywords(rule, seen = new Set()) {
  const result = new Set();
  if (seen.has(rule) || !rules.has(rule)) return result;
  seen.add(rule);
  const body = rules.get(rule).replace(/^[_@$]?\{|\}$/g, '').trim();
  const first = /^(k_\w+)\b/.exec(body);
  if (first) {
    result.add(strings(rules.get(first[1]) || '')[0]);
  } else {
    for (const alternative of body.split('|').map((a) => a.trim())) {
      fieldKeywords(alternative, seen).forEach((k) => result.add(k));
    }
  }
  return result;
}

let declarations = 0;
for (const [name, body] of rules) {
  const decl = /^\{\s*k_(\w+)\s*~\s*id\s*~\s*lbrace\s*~\s*(\w+)\*\s*~\s*rbrace\s*\}$/.exec(body.trim());
  if (!name.endsWith('_decl') || !decl) continue;
  declarations++;
  const [, keyword, fieldRule] = decl;
  const mine = fields[keyword];
  if (mine === undefined) {
    problems.push(`declaration \`${keyword}\` (${name}) is not in tools/build-grammar.js`);
    continue;
  }
  const theirs = fieldKeywords(fieldRule);
  for (const k of theirs) {
    if (!mine.has(k)) problems.push(`${keyword} takes the field \`${k}\` (${fieldRule}), not in FIELDS.${keyword} of tools/build-grammar.js`);
  }
  ahead.push(...[...mine].filter((k) => !theirs.has(k)).map((k) => `${k} (a field of ${keyword})`));
}
if (declarations === 0) problems.push('no declaration rules (`X_decl = { k_X ~ id ~ lbrace ~ X_field* ~ rbrace }`) found in attrib.pest');

if (ahead.length > 0) console.log(`pest-words: known to the editor, not (yet) to attrib.pest: ${ahead.join(', ')}`);
if (problems.length > 0) {
  for (const p of problems) console.error(`pest-words: ${p}`);
  console.error('pest-words: add them to tools/build-grammar.js, then `npm run grammar` and `npm run snap:update`');
  process.exit(1);
}
const words = Object.values(pestVocabularies).reduce((n, set) => n + set.size, 0);
console.log(
  `pest-words: the ${pestKeywords.size} keywords, ${words} vocabulary words and the fields of the ${declarations} declarations of grammar/attrib.pest are highlighted`,
);
