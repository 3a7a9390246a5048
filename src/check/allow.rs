//! `allow CODE "reason"`: silencing one warning on one declaration.
//!
//! An allow silences the diagnostics of its code whose primary label lies
//! inside the declaration that carries it. Errors cannot be silenced. An
//! allow without a reason is itself a warning, and so is one that silences
//! nothing (a typo in the code, or a warning that has since gone away).

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::syntax::ast::File;

pub fn apply(file: &File, diagnostics: &mut Vec<Diagnostic>) {
    let mut added = Vec::new();
    for decl in &file.decls {
        let head = decl.head();
        for allow in &head.allows {
            let text = &allow.code.value;
            let Some(code) = Code::parse(text) else {
                added.push(
                    Diagnostic::new(
                        Code::UselessAllow,
                        format!("`{text}` is not a diagnostic code"),
                    )
                    .label(allow.code.span, "no such code")
                    .help("`attrib explain` lists every code"),
                );
                continue;
            };
            if code.info().severity == Severity::Error {
                added.push(
                    Diagnostic::new(
                        Code::UselessAllow,
                        format!("`{text}` is an error, and errors cannot be allowed"),
                    )
                    .label(allow.code.span, "an error code")
                    .help("fix the error instead; only warnings can be silenced"),
                );
                continue;
            }
            let before = diagnostics.len();
            diagnostics.retain(|d| {
                let p = d.primary();
                !(d.code == code && head.span.start <= p.start && p.end <= head.span.end)
            });
            if diagnostics.len() == before {
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
