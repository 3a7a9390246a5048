//! Ids: an attribution of something to itself (`attributes iran to
//! iran`), ids that look alike (`iran` and `irаn` with a Cyrillic `а`), and
//! ids that mix scripts — the last two as Rust's compiler lints
//! identifiers, with Unicode's confusables and mixed-script detection (UTS
//! #39, from the `unicode-security` crate).

use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::Symbols;
use crate::syntax::ast::*;
use rustc_hash::FxHashMap as HashMap;
use unicode_security::MixedScript;

pub(super) fn check(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    itself(file, symbols, out);
    lookalikes(file, out);
}

/// `attributes X to X`: both ends name the same declaration.
fn itself(file: &File, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    for claim in file.decls.iter().filter_map(|d| match d {
        Decl::Claim(c) => Some(c),
        _ => None,
    }) {
        for s in &claim.statements {
            let Statement::Attributes {
                subject, object, ..
            } = s
            else {
                continue;
            };
            let same = match (symbols.target(subject), symbols.target(object)) {
                (Some(a), Some(b)) => a == b,
                _ => subject.value == object.value,
            };
            if !same {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::SelfAttribution,
                    format!(
                        "claim `{}` attributes `{}` to itself",
                        claim.head.id.value, subject.value
                    ),
                )
                .label(object.span, "the same as what is attributed")
                .label(subject.span, "what is attributed")
                .help("an attribution links what happened (or an actor) to another party: write the event or actor attributed first, then who is held responsible"),
            );
        }
    }
}

/// Ids that look alike, and ids that mix scripts. Look-alikes are found by
/// Unicode's skeletons (UTS #39), within ASCII too: `modern` and `rnodern`,
/// `apt1` and `aptl` look alike in most fonts. An ASCII id's skeleton is
/// read from a table of the 128 characters' skeletons.
fn lookalikes(file: &File, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::default();
    for (i, decl) in file.decls.iter().enumerate() {
        let id = decl.id();
        let ascii = id.value.is_ascii();
        if !ascii && !id.value.as_str().is_single_script() {
            out.push(
                Diagnostic::new(
                    Code::MixedScriptId,
                    format!("the id `{}` mixes the letters of several scripts", id.value),
                )
                .label(id.span, format!("letters of {}", crate::suggest::scripts(&id.value)))
                .help("write each id in one script: a letter typed on another keyboard layout, or pasted, only looks like the one meant"),
            );
        }
        let key = crate::suggest::skeleton(&id.value);
        match seen.get(&key) {
            Some(&j) => {
                let other = file.decls[j].id();
                if other.value != id.value {
                    out.push(
                        Diagnostic::new(
                            Code::ConfusableIds,
                            format!(
                                "the ids `{}` and `{}` look alike",
                                id.value, other.value
                            ),
                        )
                        .label(
                            id.span,
                            format!(
                                "looks like `{}`: {}",
                                other.value,
                                crate::suggest::difference(&id.value, &other.value)
                            ),
                        )
                        .label(other.span, "declared here")
                        .help("give the two declarations ids that do not look alike, typed in one script; if they are the same thing, merge them"),
                    );
                }
            }
            None => {
                seen.insert(key, i);
            }
        }
    }
}
