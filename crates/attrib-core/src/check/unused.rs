//! Declared but never used: a source no fact cites, an actor nothing
//! mentions.

use crate::diagnostics::{Code, Diagnostic};
use crate::resolve::references;
use crate::syntax::ast::*;
use std::collections::HashSet;

pub(super) fn check(file: &File, out: &mut Vec<Diagnostic>) {
    let mut used: HashSet<&str> = HashSet::new();
    for decl in &file.decls {
        for r in references(decl) {
            if r.ident.value != decl.id().value {
                used.insert(r.ident.value.as_str());
            }
        }
    }
    for decl in &file.decls {
        let head = decl.head();
        if used.contains(head.id.value.as_str()) {
            continue;
        }
        let (message, help) = match decl.kind() {
            DeclKind::Source => (
                format!("source `{}` is never cited", head.id.value),
                "cite it with `source` on the claims, evidence or events it reports, or delete it",
            ),
            DeclKind::Actor => (
                format!("actor `{}` is never mentioned", head.id.value),
                "refer to it from a claim, event, response or another actor, or delete it",
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(Code::Unused, message)
                .label(head.header, "declared here")
                .help(help),
        );
    }
}
