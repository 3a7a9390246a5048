//! The interface the playground's JavaScript calls (`web/src/core.js`).
//!
//! One session lives in the module. To compile, JavaScript asks for an input
//! buffer of `n` bytes ([`attrib_input`]), writes the text's UTF-8 then the
//! file name's into it, and calls [`attrib_compile`] with both lengths.
//! Every output function renders into the output buffer and returns its
//! length in bytes; [`attrib_output`] gives its address. Pointers are valid
//! until the next call (memory may grow).

use crate::Session;
use std::cell::RefCell;

#[derive(Default)]
struct State {
    session: Session,
    input: Vec<u8>,
    output: String,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// Put a rendered output into the output buffer; its length.
fn emit(f: impl FnOnce(&mut Session) -> String) -> usize {
    with(|s| {
        s.output = f(&mut s.session);
        s.output.len()
    })
}

/// The address of an input buffer of `len` bytes for JavaScript to fill.
#[unsafe(no_mangle)]
pub extern "C" fn attrib_input(len: usize) -> *mut u8 {
    with(|s| {
        s.input.clear();
        s.input.resize(len, 0);
        s.input.as_mut_ptr()
    })
}

/// Compile the text in the input buffer (its first `text_len` bytes; the
/// next `path_len` are the file's name). Returns the number of errors.
#[unsafe(no_mangle)]
pub extern "C" fn attrib_compile(text_len: usize, path_len: usize) -> usize {
    with(|s| {
        let end = (text_len + path_len).min(s.input.len());
        let text_len = text_len.min(end);
        let text = String::from_utf8_lossy(&s.input[..text_len]);
        let path = String::from_utf8_lossy(&s.input[text_len..end]);
        s.session.update(&text, &path);
        s.session.errors()
    })
}

/// The address of the last output.
#[unsafe(no_mangle)]
pub extern "C" fn attrib_output() -> *const u8 {
    with(|s| s.output.as_ptr())
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_diagnostics() -> usize {
    emit(|s| s.diagnostics())
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_assessments() -> usize {
    emit(Session::assessments)
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_chains() -> usize {
    emit(Session::chains)
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_chains_json() -> usize {
    emit(Session::chains_json)
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_timeline() -> usize {
    emit(|s| s.timeline())
}

#[unsafe(no_mangle)]
pub extern "C" fn attrib_report() -> usize {
    emit(|s| s.report())
}

/// The competing-hypotheses matrix; 0 bytes when this build has none.
#[unsafe(no_mangle)]
pub extern "C" fn attrib_ach() -> usize {
    emit(|s| s.ach())
}

/// The formatted text; 0 bytes when it cannot be formatted (syntax errors).
#[unsafe(no_mangle)]
pub extern "C" fn attrib_format() -> usize {
    emit(|s| s.format().unwrap_or_default())
}

/// The words of the language, for highlighting (JSON, [`crate::Words`]).
#[unsafe(no_mangle)]
pub extern "C" fn attrib_words() -> usize {
    emit(|_| crate::words_json())
}
