// Highlighting of attrib case files: a stream tokenizer whose word lists come
// from the core's description of the language (`attrib_words`, crates/attrib-wasm),
// so a word added to the language is highlighted without touching this file.
// What it cannot know from the lists it takes from a token's place on its line:
// a declaration keyword opens a line at column 0, a field keyword is a line's
// first word, a vocabulary word comes after it (`class malware` against the field
// `malware "…"`), and the word after a declaration keyword is the id it declares.

import { StreamLanguage, HighlightStyle } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const ID = /^[\p{L}_][\p{L}\p{M}\p{N}_-]*/u;
const DATE = /^~?\d{4}(-\d{2}(-\d{2})?)?(?![\p{L}\p{N}_-])/u;
const CODE = /^[EW]\d{4}(?![\p{L}\p{N}_-])/u;

export function attribLanguage(words) {
  const declarations = new Set(words.declarations);
  const keywords = new Set(words.keywords);
  const vocabulary = new Set(words.vocabulary);
  return StreamLanguage.define({
    name: "attrib",
    startState: () => ({ block: false, first: true, declares: false }),
    copyState: (s) => ({ ...s }),
    token(stream, state) {
      if (stream.sol()) state.first = true;
      if (state.block) {
        if (stream.skipTo('"""')) {
          stream.pos += 3;
          state.block = false;
        } else stream.skipToEnd();
        return "string";
      }
      if (stream.eatSpace()) return null;
      const first = state.first;
      state.first = false;
      if (stream.peek() === "#") {
        stream.skipToEnd();
        return "comment";
      }
      if (stream.match('"""')) {
        state.block = true;
        return "string";
      }
      if (stream.eat('"')) {
        while (!stream.eol()) {
          const c = stream.next();
          if (c === "\\") stream.next();
          else if (c === '"') break;
        }
        return "string";
      }
      if (stream.match(CODE) || stream.match(DATE) || stream.match(/^\d+/)) return "number";
      if (stream.match(/^[{}]/)) {
        state.declares = false;
        return "brace";
      }
      if (stream.match(ID)) {
        const w = stream.current();
        if (first && stream.start === 0 && declarations.has(w)) {
          state.declares = true;
          return "definitionKeyword";
        }
        if (state.declares) {
          state.declares = false;
          return "variableName.definition";
        }
        if (first) return keywords.has(w) ? "keyword" : "variableName";
        if (vocabulary.has(w)) return "atom";
        if (keywords.has(w)) return "keyword";
        return "variableName";
      }
      stream.next();
      return "punctuation";
    },
    languageData: { commentTokens: { line: "#" } },
  });
}

export const attribHighlight = HighlightStyle.define([
  { tag: t.definitionKeyword, class: "tok-declaration" },
  { tag: t.keyword, class: "tok-keyword" },
  { tag: t.definition(t.variableName), class: "tok-definition" },
  { tag: t.variableName, class: "tok-reference" },
  { tag: t.string, class: "tok-string" },
  { tag: t.comment, class: "tok-comment" },
  { tag: t.atom, class: "tok-word" },
  { tag: t.number, class: "tok-number" },
  { tag: t.brace, class: "tok-brace" },
]);
