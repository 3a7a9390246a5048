//! attrib: a language for cyber-attribution cases, and its compiler.
//!
//! The library does no process I/O: it takes text and returns diagnostics,
//! chains and rendered output as values. See `ARCHITECTURE.md` for the map.

// pest_derive without `std` generates code that names `alloc`.
extern crate alloc;

pub mod analysis;
pub mod chars;
pub mod check;
pub mod compare;
pub mod compile;
pub mod date;
pub mod diagnostics;
pub mod format;
pub mod grammar;
pub mod ide;
pub mod language;
pub mod model;
pub mod render;
pub mod resolve;
pub mod source;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod vocab;
pub mod vocab_data;

pub use compile::{Compilation, Loaded, Options, compile, compile_with};
