#!/usr/bin/env node
// Builds syntaxes/attrib.tmLanguage.json, the TextMate grammar for attrib case files.
//
// The words of the language are read from ../language.json, which attrib writes from its one
// language description; the grammar is generated from them so that each declaration gets its own
// fields and each field its own kind of value (`class malware` is a vocabulary word, `malware "…"`
// a field; `front` is a role after `as` and a keyword in `front for`). When the language grows,
// regenerate language.json (`ATTRIB_BLESS=1 cargo test --test it language::`), run
// `npm run grammar`, then `npm run snap:update`, and commit all three. `npm test` fails while the
// JSON is out of date, and test/pest-words.js fails while a word of grammar/attrib.pest is missing.
//
//   node tools/build-grammar.js           write the grammar
//   node tools/build-grammar.js --check   exit 1 if the file on disk differs from the output

'use strict';

const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, '..', 'syntaxes', 'attrib.tmLanguage.json');

// ------------------------------------------------------------------------------------ the words

// The words of the language come from attrib's own language description
// (crates/attrib-core/src/language.rs), written to ../language.json by a test of the Rust
// workspace (`ATTRIB_BLESS=1 cargo test --test it language::`), which also fails while the
// committed file is out of date: they are listed once, in Rust.
const LANGUAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'language.json'), 'utf8'));

const DECLARATIONS = LANGUAGE.declarations;
const VOCABULARIES = LANGUAGE.vocabularies;
const DURATION_UNITS = LANGUAGE.duration_units;
// Fields: the keyword that starts the field, the other keywords it may hold (`organ of X per S`),
// and the kinds of value it takes (names of repository rules below). `roles` is the list after
// `as` in `attributes X to Y as ROLE, …`.
const COMMON_FIELDS = LANGUAGE.common_fields;
const FIELDS = LANGUAGE.fields;

// ------------------------------------------------------------------------------ the lexical rules

// Oniguruma regular expressions. An id character is a letter, mark or digit of any script, `-`
// or `_`; a word (keyword, vocabulary word, id, date) neither follows nor is followed by one, so
// `dev-0842` is one id and `state` does not match the start of `state-organ`.
const IDC = '[\\p{L}\\p{M}\\p{N}_\\-]';
const START = `(?<!${IDC})`;
const END = `(?!${IDC})`;
const ID = `[\\p{L}_]${IDC}*`;
const words = (list) => `${START}(?:${list.join('|')})${END}`;
const POINT = '~?\\s*\\d{4}(?:-\\d{2}(?:-\\d{2})?)?';

// A field runs until the next field or the closing brace: a line that starts with one of the
// declaration's field keywords, or such a keyword on the same line after a value (not after a
// comma: `source a, note-b` goes on). Lists may go on over several lines.
function fieldEnd(decl) {
  const starts = words(unique([...FIELDS[decl], ...COMMON_FIELDS].map((x) => x.keyword)));
  return `(?=\\})|^(?=\\s*${starts})|(?<=[^,\\s]\\s)(?=${starts})`;
}

function fieldRule(decl, field) {
  const patterns = [{ include: '#comment' }];
  if (field.words.length > 0) {
    patterns.push({ match: words(field.words), name: 'keyword.other.attrib' });
  }
  for (const value of field.values) {
    if (value === 'roles') {
      patterns.push({
        begin: `${START}(as)${END}`,
        beginCaptures: { 1: { name: 'keyword.other.attrib' } },
        end: fieldEnd(decl),
        patterns: [{ include: '#comment' }, { include: '#vocab-role' }, { include: '#comma' }],
      });
    } else {
      patterns.push({ include: `#${value}` });
    }
  }
  // Text where it does not belong is still text: a `#` inside it is no comment.
  if (!field.values.includes('text')) patterns.push({ include: '#text' });
  patterns.push({ include: '#comma' });
  return {
    name: `meta.field.${field.keyword}.attrib`,
    begin: `${START}(${field.keyword})${END}`,
    beginCaptures: { 1: { name: 'keyword.other.field.attrib' } },
    end: fieldEnd(decl),
    patterns,
  };
}

function declarationRule(decl) {
  return {
    name: `meta.declaration.${decl}.attrib`,
    begin: `${START}(${decl})${END}(?:\\s+(${ID}))?`,
    beginCaptures: {
      1: { name: `storage.type.${decl}.attrib` },
      2: { name: `entity.name.type.${decl}.attrib` },
    },
    // Ends after its block, or, if the block never opened, where the next declaration starts.
    end: `(?<=\\})|^(?=\\s*${words(DECLARATIONS)})`,
    patterns: [
      { include: '#comment' },
      { match: ID, name: `entity.name.type.${decl}.attrib` },
      {
        begin: '\\{',
        beginCaptures: { 0: { name: 'punctuation.section.block.begin.attrib' } },
        end: '\\}',
        endCaptures: { 0: { name: 'punctuation.section.block.end.attrib' } },
        patterns: [
          { include: '#comment' },
          ...[...FIELDS[decl], ...COMMON_FIELDS].map((field) => fieldRule(decl, field)),
          { include: '#text' },
        ],
      },
    ],
  };
}

function build() {
  const repository = {
    comment: {
      match: '(#).*$',
      name: 'comment.line.number-sign.attrib',
      captures: { 1: { name: 'punctuation.definition.comment.attrib' } },
    },
    comma: { match: ',', name: 'punctuation.separator.comma.attrib' },
    ids: { match: `${START}${ID}`, name: 'variable.other.reference.attrib' },
    text: { patterns: [{ include: '#text-block' }, { include: '#string' }] },
    'text-block': {
      name: 'string.quoted.triple.attrib',
      begin: '"""',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.attrib' } },
      end: '"""',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.attrib' } },
      patterns: [{ include: '#escape' }],
    },
    // Text in double quotes stays on one line: an unclosed string ends with its line.
    string: {
      name: 'string.quoted.double.attrib',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.attrib' } },
      end: '(")|$',
      endCaptures: { 1: { name: 'punctuation.definition.string.end.attrib' } },
      patterns: [{ include: '#escape' }],
    },
    escape: {
      patterns: [
        { match: '\\\\(?:["\\\\nt]|u\\{[0-9A-Fa-f]{1,6}\\})', name: 'constant.character.escape.attrib' },
        { match: '\\\\(?:u\\{[^}"\\s]*\\}?|.)?', name: 'invalid.illegal.escape.attrib' },
      ],
    },
    dates: {
      patterns: [
        {
          match: `${START}(${POINT})\\s+(to)\\s+(${POINT})${END}`,
          name: 'meta.date.range.attrib',
          captures: {
            1: { patterns: [{ include: '#date-point' }] },
            2: { name: 'keyword.other.range.attrib' },
            3: { patterns: [{ include: '#date-point' }] },
          },
        },
        { include: '#date-point' },
        { match: words(['to']), name: 'keyword.other.range.attrib' },
        { include: '#not-a-value' },
      ],
    },
    'date-point': {
      match: `${START}(~)?\\s*(\\d{4}(?:-\\d{2}(?:-\\d{2})?)?)${END}`,
      name: 'constant.numeric.date.attrib',
      captures: { 1: { name: 'keyword.operator.approximate.attrib' } },
    },
    duration: {
      patterns: [
        {
          match: `${START}(~)?\\s*(\\d{1,9})\\s+(${DURATION_UNITS.join('|')})${END}`,
          name: 'constant.numeric.duration.attrib',
          captures: {
            1: { name: 'keyword.operator.approximate.attrib' },
            3: { name: 'keyword.other.unit.attrib' },
          },
        },
        { include: '#not-a-value' },
      ],
    },
    reliability: shaped('[A-F]', 'constant.numeric.grade.reliability.attrib'),
    credibility: shaped('[1-6]', 'constant.numeric.grade.credibility.attrib'),
    country: shaped('[A-Z]{2}', 'constant.language.country.attrib'),
    'attack-group': shaped('G\\d{4}', 'constant.numeric.attack.group.attrib'),
    technique: shaped('T\\d{4}(?:\\.\\d{3})?', 'constant.numeric.attack.technique.attrib'),
    cve: shaped('CVE-\\d{4}-\\d{4,7}', 'constant.numeric.cve.attrib'),
    'diagnostic-code': shaped('[EW]\\d{4}', 'constant.numeric.diagnostic.attrib'),
    // Where a value of a fixed shape is expected, anything else is flagged.
    'not-a-value': { match: '[^\\s,#"{}]+', name: 'invalid.illegal.value.attrib' },
  };
  for (const [name, list] of Object.entries(VOCABULARIES)) {
    repository[`vocab-${name}`] = { match: words(list), name: `constant.language.${name}.attrib` };
  }
  for (const decl of DECLARATIONS) {
    repository[`declaration-${decl}`] = declarationRule(decl);
  }

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    information_for_contributors: [
      'Generated by tools/build-grammar.js: edit that file and run `npm run grammar`.',
    ],
    name: 'attrib',
    scopeName: 'source.attrib',
    fileTypes: ['case'],
    patterns: [
      { include: '#comment' },
      ...DECLARATIONS.map((decl) => ({ include: `#declaration-${decl}` })),
      { include: '#text' },
      { match: '\\}', name: 'invalid.illegal.stray-brace.attrib' },
    ],
    repository,
  };
}

function shaped(regex, scope) {
  return { patterns: [{ match: `${START}${regex}${END}`, name: scope }, { include: '#not-a-value' }] };
}

function unique(list) {
  return [...new Set(list)];
}

// Every word the grammar knows, and the fields of each declaration, for test/pest-words.js.
function allWords() {
  const keywords = new Set([...DECLARATIONS, 'to', 'as']);
  for (const field of [...Object.values(FIELDS).flat(), ...COMMON_FIELDS]) {
    keywords.add(field.keyword);
    field.words.forEach((w) => keywords.add(w));
  }
  const fields = {};
  for (const decl of DECLARATIONS) {
    fields[decl] = new Set([...FIELDS[decl], ...COMMON_FIELDS].map((field) => field.keyword));
  }
  return { keywords, vocabularies: { ...VOCABULARIES, 'duration-unit': DURATION_UNITS }, fields };
}

module.exports = { build, allWords, OUT };

if (require.main === module) {
  const text = `${JSON.stringify(build(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), OUT)} is out of date: run \`npm run grammar\``);
      process.exit(1);
    }
    console.log('grammar: syntaxes/attrib.tmLanguage.json is up to date');
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`grammar: wrote ${path.relative(process.cwd(), OUT)}`);
  }
}
