//! `allow CODE "reason"`: silencing one warning on one declaration.
//!
//! An allow silences the diagnostics of its code whose primary label lies
//! inside the declaration that carries it. Errors cannot be silenced. An
//! allow without a reason is itself a warning, and so is one that silences
//! nothing (a typo in the code, a second allow of the same code on the same
//! declaration, or a warning that has since gone away).
//!
//! The work is linear: the allows are indexed by declaration and code, the
//! declarations that carry one are sorted by where they start, and each
//! diagnostic is then looked up once (a binary search and a hash lookup).

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::span::Span;
use crate::syntax::ast::File;
use rustc_hash::FxHashMap;

/// What one `allow` turned out to be.
enum Verdict {
    /// Not a code in the catalogue.
    NotACode,
    /// An error's code: errors cannot be allowed.
    AnError,
    /// The allow of its code on its declaration: `silenced[slot]` says
    /// whether it silenced anything.
    Silences(usize),
    /// The same code allowed again on the same declaration: the first allow
    /// does the silencing, this one silences nothing.
    Repeated,
}

/// `whole` says whether the file is sound (`super::Whole`): when it is not,
/// the warnings an allow may be meant for were not all computed, and an
/// allow that silenced nothing is not reported.
pub fn apply(file: &File, whole: super::Whole, diagnostics: &mut Vec<Diagnostic>) {
    // Index the allows: (declaration, code) → the slot of the first allow.
    let mut slots: FxHashMap<(usize, Code), usize> = FxHashMap::default();
    let mut verdicts = Vec::new();
    // Declarations carrying at least one allow that may silence: their spans
    // and indexes.
    let mut carriers: Vec<(Span, usize)> = Vec::new();
    for (index, decl) in file.decls.iter().enumerate() {
        let head = decl.head();
        let mut carries = false;
        for allow in &head.allows {
            let verdict = match Code::parse(&allow.code.value) {
                None => Verdict::NotACode,
                Some(code) if code.info().severity == Severity::Error => Verdict::AnError,
                Some(code) => {
                    let next = slots.len();
                    match slots.entry((index, code)) {
                        std::collections::hash_map::Entry::Occupied(_) => Verdict::Repeated,
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(next);
                            carries = true;
                            Verdict::Silences(next)
                        }
                    }
                }
            };
            verdicts.push(verdict);
        }
        if carries {
            carriers.push((head.span, index));
        }
    }

    // One pass over the diagnostics.
    let mut silenced = vec![false; slots.len()];
    if !slots.is_empty() {
        carriers.sort_by_key(|&(span, index)| (span.start, index));
        diagnostics.retain(|d| {
            let p = d.primary();
            // The last declarations starting at or before the label. Spans of
            // declarations do not overlap, but two may touch (`}actor`), and
            // then a point where they meet lies in both: the earlier
            // declaration is asked first.
            let after = carriers.partition_point(|&(span, _)| span.start <= p.start);
            let mut found = [None, None];
            for (k, &(span, index)) in carriers[after.saturating_sub(2)..after].iter().enumerate() {
                if span.start <= p.start && p.end <= span.end {
                    found[k] = Some(index);
                }
            }
            if let [Some(a), Some(b)] = found
                && b < a
            {
                found.swap(0, 1);
            }
            for index in found.into_iter().flatten() {
                if let Some(&slot) = slots.get(&(index, d.code)) {
                    silenced[slot] = true;
                    return false;
                }
            }
            true
        });
    }

    // What the allows themselves draw, in the order they are written.
    let mut added = Vec::new();
    let mut verdicts = verdicts.into_iter();
    for decl in &file.decls {
        let head = decl.head();
        for allow in &head.allows {
            let text = &allow.code.value;
            let useless = |why: String, label: &str, help: &str| {
                Diagnostic::new(Code::UselessAllow, why)
                    .label(allow.code.span, label)
                    .help(help)
            };
            let silences = match verdicts.next().expect("one verdict per allow") {
                Verdict::NotACode => {
                    added.push(useless(
                        format!("`{text}` is not a diagnostic code"),
                        "no such code",
                        "`attrib explain` lists every code",
                    ));
                    continue;
                }
                Verdict::AnError => {
                    added.push(useless(
                        format!("`{text}` is an error, and errors cannot be allowed"),
                        "an error code",
                        "fix the error instead; only warnings can be silenced",
                    ));
                    continue;
                }
                Verdict::Silences(slot) => silenced[slot],
                Verdict::Repeated => false,
            };
            if !silences && whole.sound() {
                added.push(
                    Diagnostic::new(
                        Code::UselessAllow,
                        format!(
                            "`allow {text}` silences nothing in {} `{}`",
                            head.kind.keyword(),
                            head.id.value
                        ),
                    )
                    .label(allow.span, "nothing here reports this code")
                    .help(
                        "delete the `allow`, or move it to the declaration the warning points at",
                    ),
                );
            }
            if allow.reason.is_none() {
                added.push(
                    Diagnostic::new(
                        Code::AllowWithoutReason,
                        format!("`allow {text}` gives no reason"),
                    )
                    .label(allow.span, "silenced without a reason")
                    .help(format!(
                        "say why the warning does not apply here: `allow {text} \"…\"`"
                    )),
                );
            }
        }
    }
    diagnostics.extend(added);
}
