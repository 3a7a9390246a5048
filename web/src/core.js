// The attrib core, compiled for WebAssembly (crates/attrib-wasm), behind a few
// functions. The module is embedded in the page (a page opened from disk cannot
// fetch a file), so instantiating it makes no request.
//
// Its interface is crates/attrib-wasm/src/ffi.rs: text goes in through a buffer
// the module owns, every output comes back as UTF-8 bytes in another.

import wasm from "attrib:wasm";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Core {
  static async load() {
    const { instance } = await WebAssembly.instantiate(wasm, {});
    return new Core(instance.exports);
  }

  constructor(exports) {
    this.x = exports;
  }

  /// Compile a document; returns the number of errors.
  compile(text, name) {
    const cap = (text.length + name.length) * 3;
    const ptr = this.x.attrib_input(cap);
    const into = new Uint8Array(this.x.memory.buffer, ptr, cap);
    const t = encoder.encodeInto(text, into);
    const n = encoder.encodeInto(name, into.subarray(t.written));
    return this.x.attrib_compile(t.written, n.written);
  }

  read(len) {
    if (len === 0) return "";
    return decoder.decode(new Uint8Array(this.x.memory.buffer, this.x.attrib_output(), len));
  }

  /// `attrib check --format json`'s object for the file (docs/json.md).
  diagnostics() {
    return JSON.parse(this.read(this.x.attrib_diagnostics()));
  }

  /// One of the module's text outputs (crates/attrib-wasm/src/ffi.rs):
  /// `assessments`, `chains`, `chains_json`, `timeline`, `report`, `ach` (""
  /// when this build has no matrix), `format` ("" when the text has syntax errors).
  render(what) {
    return this.read(this.x[`attrib_${what}`]());
  }

  /// The words of the language, from the core's description of it.
  words() {
    return JSON.parse(this.read(this.x.attrib_words()));
  }
}

/// A function from byte offsets into the UTF-8 of `text` to offsets in the
/// JavaScript string (UTF-16 code units), which the editor counts in.
export function byteOffsets(text) {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => Math.min(b, text.length);
  const map = new Uint32Array(text.length * 3 + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = text.length;
  return (off) => map[Math.min(off, b)];
}
