//! Required fields (from the language description, `crate::language`), and
//! the one case header a file may have.

use crate::diagnostics::{Code, Diagnostic};
use crate::language::{self, Field, Need, Value};
use crate::syntax::ast::*;

/// What to write to add a missing field, from its entry in the language
/// description.
fn how_to_add(field: &Field) -> String {
    match field.value {
        Value::Word(v) => format!("add `{}` with {}", field.keyword, v.choices()),
        Value::Date => format!(
            "add `{}` as precisely as the source allows: 2022, 2022-07 or 2022-07-15",
            field.keyword
        ),
        _ => format!("add `{}`", field.example),
    }
}

fn missing(head: &Head, field: &Field) -> Diagnostic {
    Diagnostic::new(
        Code::MissingField,
        format!(
            "{} `{}` has no `{}`",
            head.kind.keyword(),
            head.id.value,
            field.keyword
        ),
    )
    .label(
        head.header,
        format!("this {} needs `{}`", head.kind.keyword(), field.keyword),
    )
    .help(how_to_add(field))
}

/// Whether a field was written in a declaration.
fn written(head: &Head, field: &Field) -> bool {
    head.fields.iter().any(|(f, _)| std::ptr::eq(*f, field))
}

pub(super) fn check(file: &File, whole: super::Whole, out: &mut Vec<Diagnostic>) {
    let mut first_case: Option<&Head> = None;
    for decl in &file.decls {
        let head = decl.head();
        if let Decl::Case(c) = decl {
            match first_case {
                Some(first) => out.push(
                    Diagnostic::new(
                        Code::SecondCase,
                        "a file holds one case, but this is a second case header",
                    )
                    .label(c.head.header, "second case header")
                    .label(first.header, "the file's case header")
                    .help("put each case in a file of its own, or merge the two headers"),
                ),
                None => first_case = Some(&c.head),
            }
        }
        // A declaration with a syntax error lacks the fields after it: what
        // it does not have is not known.
        if head.partial {
            continue;
        }
        // Required fields, and groups of which one field is required, from
        // the language description.
        let mut groups: Vec<(&'static str, bool, &'static Field)> = Vec::new();
        for field in language::fields_of(head.kind) {
            match field.need {
                Need::Required if !written(head, field) => out.push(missing(head, field)),
                Need::OneOf(group) => {
                    let here = written(head, field);
                    match groups.iter_mut().find(|(g, _, _)| *g == group) {
                        Some(entry) => entry.1 |= here,
                        None => groups.push((group, here, field)),
                    }
                }
                _ => {}
            }
        }
        for (group, present, first) in groups {
            if present {
                continue;
            }
            let options: Vec<String> = language::fields_of(head.kind)
                .filter(|f| f.need == Need::OneOf(group))
                .map(|f| format!("`{}`", f.example))
                .collect();
            let d = if head.kind == DeclKind::Claim {
                Diagnostic::new(
                    Code::MissingField,
                    format!("claim `{}` states nothing", head.id.value),
                )
                .label(head.header, "this claim needs a statement")
            } else {
                missing(head, first)
            };
            out.push(d.help(format!("add {group}: {}", options.join(", "))));
        }
    }
    // A case header lost to a syntax error is not missing.
    if first_case.is_none() && !file.decls.is_empty() && whole.parsed {
        let first = file.decls[0].head();
        out.push(
            Diagnostic::new(Code::NoCaseHeader, "the file has no case header")
                .label(first.header, "the file starts here")
                .help("add `case ID { title \"…\" }` so the case has an id and a title in reports"),
        );
    }
}
