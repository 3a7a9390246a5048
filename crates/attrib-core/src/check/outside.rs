//! Ids from outside vocabularies: ISO 3166 alpha-2 country codes and MITRE
//! ATT&CK technique ids are checked against the tables in `data/`; CVE ids
//! against the form the CVE program gives them (the grammar) and its first
//! year, 1999 — attrib carries no list of CVEs.

use crate::diagnostics::{Code, Diagnostic};
use crate::span::Spanned;
use crate::syntax::ast::*;
use crate::vocab_data;

fn unknown(id: &Spanned<String>, what: &str, nearest: Option<(&str, &str)>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownOutsideId,
        format!("`{}` is not {what}", id.value),
    );
    match nearest {
        Some((code, name)) => d
            .label(id.span, format!("not {what}"))
            .help(format!("did you mean `{code}` ({name})?")),
        None => d
            .label(id.span, format!("not {what}"))
            .help("check the id against its source; remove it if it cannot be confirmed"),
    }
}

pub(super) fn check(file: &File, out: &mut Vec<Diagnostic>) {
    for decl in &file.decls {
        match decl {
            Decl::Actor(a) => {
                if let Some(c) = &a.country
                    && vocab_data::country_name(&c.value).is_none()
                {
                    let near = vocab_data::nearest_country(&c.value)
                        .map(|n| (n, vocab_data::country_name(n).unwrap_or("")));
                    out.push(unknown(c, "an ISO 3166 alpha-2 country code", near));
                }
            }
            Decl::Event(e) => {
                for t in &e.techniques {
                    if vocab_data::technique_name(&t.value).is_none() {
                        let near = vocab_data::nearest_technique(&t.value)
                            .map(|n| (n, vocab_data::technique_name(n).unwrap_or("")));
                        let what = format!("a technique of {}", vocab_data::attack_release());
                        out.push(unknown(t, &what, near));
                    }
                }
                for cve in &e.cves {
                    let year: u32 = cve.value[4..8].parse().unwrap_or(0);
                    if year < 1999 {
                        out.push(unknown(cve, "a CVE id: CVE numbering starts in 1999", None));
                    }
                }
            }
            _ => {}
        }
    }
}
