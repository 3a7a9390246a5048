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
    const { module, instance } = await WebAssembly.instantiate(wasm, {});
    return new Core(module, instance.exports);
  }

  constructor(module, exports) {
    this.module = module;
    this.x = exports;
  }

  /// A fresh instance, after the module stopped on an error (a bug of the core:
  /// its memory is not to be trusted after that).
  reset() {
    this.x = new WebAssembly.Instance(this.module, {}).exports;
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
  /// `assessments`, `chains`, `chains_json`, `timeline`, `report`, `ach` (the
  /// competing-hypotheses matrices, as `attrib ach` prints them), `format` (""
  /// when the text has syntax errors).
  render(what) {
    return this.read(this.x[`attrib_${what}`]());
  }

  /// The words of the language, from the core's description of it.
  words() {
    return JSON.parse(this.read(this.x.attrib_words()));
  }
}

/// A function from byte offsets into the UTF-8 of `text` to offsets in the
/// JavaScript string (UTF-16 code units), which the editor counts in. It walks
/// the text from where it last stopped (diagnostics come in source order), and
/// only past its first character that is not ASCII.
export function byteOffsets(text) {
  const wide = text.search(/[^\x00-\x7f]/);
  if (wide < 0) return (b) => Math.min(b, text.length);
  let byte = wide;
  let unit = wide;
  return (b) => {
    if (b <= wide) return b;
    if (b < byte) {
      byte = wide;
      unit = wide;
    }
    while (byte < b && unit < text.length) {
      const c = text.charCodeAt(unit);
      if (c < 0x80) {
        byte += 1;
        unit += 1;
      } else if (c < 0x800) {
        byte += 2;
        unit += 1;
      } else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00) {
        byte += 4; // a surrogate pair
        unit += 2;
      } else {
        byte += 3; // a lone surrogate is written as U+FFFD
        unit += 1;
      }
    }
    return unit;
  };
}
