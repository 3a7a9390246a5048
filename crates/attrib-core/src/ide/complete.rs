//! Completion: what may be written at the cursor, read from the language
//! description (`crate::language`) and the ids the file declares.
//!
//! The context is read from the text itself, not only the tree, because
//! the file being typed is often broken: the declaration the cursor is in
//! is the last line before it that starts with a declaration keyword and
//! is not yet closed by a line that starts with `}`.

use crate::compile::Compilation;
use crate::language::{self, Value, Vocabulary};
use crate::syntax::ast::DeclKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A declaration keyword, with a template of its required fields.
    Declaration,
    /// A field keyword.
    Field,
    /// An id the file declares.
    Id,
    /// A vocabulary word.
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// What it is: a declaration's kind and name, a field's pattern.
    pub detail: String,
    /// The text to insert, when it differs from the label.
    pub insert: Option<String>,
}

fn kind_of_keyword(word: &str) -> Option<DeclKind> {
    language::DECLARATIONS
        .iter()
        .copied()
        .find(|k| k.keyword() == word)
}

/// The declaration kind the cursor is inside, if any.
fn enclosing(text: &str, offset: usize) -> Option<DeclKind> {
    let before = &text[..offset];
    for line in before.lines().rev() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('}') && line.starts_with('}') {
            return None;
        }
        if !line.starts_with(char::is_whitespace)
            && let Some(first) = line.split_whitespace().next()
            && let Some(kind) = kind_of_keyword(first)
        {
            // `actor x { … }` on one line is closed.
            if line.contains('}') && !line.trim_end().ends_with('{') {
                return None;
            }
            return Some(kind);
        }
    }
    None
}

/// A template for a new declaration: its required fields.
fn template(kind: DeclKind) -> String {
    let mut out = format!("{} ${{1:id}} {{\n", kind.keyword());
    let mut stop = 2;
    for f in language::fields_of(kind) {
        let required = matches!(f.need, language::Need::Required);
        let first_of_group = matches!(f.need, language::Need::OneOf(_))
            && language::fields_of(kind)
                .find(|g| g.need == f.need)
                .is_some_and(|g| std::ptr::eq(g, f));
        if required || first_of_group {
            // Placeholders (`…`, `ACTOR`) become the editor's tab stops.
            let line: Vec<String> = f
                .example
                .split(' ')
                .map(|w| {
                    if w.contains('…') {
                        stop += 1;
                        w.replace('…', &format!("${{{}:…}}", stop - 1))
                    } else if w.len() > 1 && w.chars().all(|ch| ch.is_ascii_uppercase()) {
                        stop += 1;
                        format!("${{{}:{w}}}", stop - 1)
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            out.push_str(&format!("  {}\n", line.join(" ")));
        }
    }
    out.push_str("}\n");
    out
}

fn words(v: Vocabulary) -> Vec<Completion> {
    v.words()
        .into_iter()
        .map(|w| Completion {
            label: w.to_string(),
            kind: CompletionKind::Word,
            detail: v.what().to_string(),
            insert: None,
        })
        .collect()
}

fn ids(c: &Compilation, kinds: &[DeclKind]) -> Vec<Completion> {
    let m = &c.model;
    m.nodes()
        .filter(|n| kinds.contains(&n.kind()))
        .map(|n| id_completion(m, n))
        .collect()
}

fn id_completion(m: &crate::model::Model, n: crate::model::Node) -> Completion {
    Completion {
        label: m.name(n).to_string(),
        kind: CompletionKind::Id,
        detail: format!("{} — {}", n.kind().keyword(), m.display_name(n)),
        insert: None,
    }
}

/// The hypotheses a rating may name: the declared ones first, then the
/// parties some claim holds responsible, then every other actor.
fn hypotheses(c: &Compilation, kinds: &[DeclKind]) -> Vec<Completion> {
    use crate::model::Node;
    let m = &c.model;
    let held: std::collections::BTreeSet<crate::model::ActorId> = c
        .analysis
        .assessments
        .iter()
        .map(|a| a.responsible)
        .collect();
    let rank = |n: Node| -> u8 {
        match n {
            Node::Hypothesis(_) => 0,
            Node::Actor(a) if held.contains(&a) => 1,
            _ => 2,
        }
    };
    let mut nodes: Vec<Node> = m.nodes().filter(|n| kinds.contains(&n.kind())).collect();
    nodes.sort_by(|&a, &b| rank(a).cmp(&rank(b)).then_with(|| m.name(a).cmp(m.name(b))));
    nodes.into_iter().map(|n| id_completion(m, n)).collect()
}

/// What may be written at `offset`.
pub fn completions(c: &Compilation, text: &str, offset: usize) -> Vec<Completion> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |n| n + 1);
    let line = &text[line_start..offset];
    // The words before the cursor on this line; the last one is being typed
    // unless the line ends in white space or a comma.
    let typing = !line.ends_with(|ch: char| ch.is_whitespace() || ch == ',');
    let mut words_before: Vec<&str> = line
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if typing {
        words_before.pop();
    }
    let Some(kind) = enclosing(text, offset) else {
        if words_before.is_empty() {
            return language::DECLARATIONS
                .iter()
                .map(|&k| Completion {
                    label: k.keyword().to_string(),
                    kind: CompletionKind::Declaration,
                    detail: format!("a new {} declaration", k.keyword()),
                    insert: Some(template(k)),
                })
                .collect();
        }
        return Vec::new();
    };
    if words_before.is_empty() {
        return language::fields_of(kind)
            .map(|f| Completion {
                label: f.keyword.to_string(),
                kind: CompletionKind::Field,
                detail: f.example.to_string(),
                insert: None,
            })
            .collect();
    }
    // The field this line writes: its keyword is the line's first word(s).
    let Some(field) = language::fields_of(kind)
        .filter(|f| {
            let kw: Vec<&str> = f.keyword.split(' ').collect();
            words_before.len() >= kw.len() && words_before[..kw.len()] == kw[..]
        })
        .max_by_key(|f| f.keyword.len())
    else {
        return Vec::new();
    };
    let after: &[&str] = &words_before[field.keyword.split(' ').count()..];
    match field.value {
        Value::Refs(kinds) => ids(c, kinds),
        Value::Word(v) => words(v),
        // `rated RATING with HYPOTHESIS, … "reason"`: the rating words,
        // then, after `with`, the hypotheses (declared ones and actors).
        Value::Rated(_) if after.is_empty() => words(Vocabulary::Rating),
        Value::Rated(kinds) if after.contains(&"with") => hypotheses(c, kinds),
        Value::Stated if after.is_empty() => words(Vocabulary::Likelihood),
        Value::Allow if after.is_empty() => crate::diagnostics::CATALOGUE
            .iter()
            .filter(|i| i.severity == crate::diagnostics::Severity::Warning)
            .map(|i| Completion {
                label: i.code.to_string(),
                kind: CompletionKind::Word,
                detail: i.summary.to_string(),
                insert: None,
            })
            .collect(),
        Value::Phrase(subject, object) => {
            // `attributes X to Y as ROLES`, `organ of X per S`, `locates X in Y`.
            let last = after.last().copied();
            if after.contains(&"as") && field.rule == crate::grammar::Rule::k_attributes {
                words(Vocabulary::Role)
            } else if matches!(last, Some("to" | "per" | "in"))
                || (after.len() >= 2 && matches!(after[after.len() - 2], "to" | "per" | "in"))
            {
                ids(c, object)
            } else {
                ids(c, subject)
            }
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile;

    const TEXT: &str = "case c { title \"t\" }\nsource s { kind media publisher \"p\" reliability B }\nactor iran {\n  kind state\n  name \"Iran\"\n}\nevent e {\n  kind wiper\n  date 2022\n}\nclaim x {\n  by iran\n  date 2022\n  source s\n  attributes e to \n}\n";

    fn labels(at: &str, extra: usize) -> Vec<String> {
        let c = compile(TEXT);
        let offset = TEXT.find(at).unwrap() + at.len() + extra;
        completions(&c, TEXT, offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn ids_of_the_right_kind_after_a_reference_field() {
        assert_eq!(labels("  source ", 0), ["s"]);
        assert_eq!(labels("attributes e to ", 0), ["iran"]);
        assert_eq!(labels("  by ", 0), ["iran"]);
    }

    #[test]
    fn vocabulary_after_kind_and_fields_on_an_empty_line() {
        let kinds = labels("  kind ", 0);
        assert!(kinds.contains(&"state".to_string()), "{kinds:?}");
        let fields = labels("  name \"Iran\"\n", 0);
        assert!(fields.contains(&"alias".to_string()));
        assert!(fields.contains(&"organ of".to_string()));
    }

    #[test]
    fn rating_words_after_rated_and_hypotheses_after_with() {
        let text = format!(
            "{TEXT}hypothesis h {{\n  title \"t\"\n  explains e\n}}\nevidence v {{\n  source s\n  supports x\n  rated \n  rated consistent with \n}}\n"
        );
        let c = compile(&text);
        let at = |needle: &str| {
            let offset = text.find(needle).unwrap() + needle.len();
            completions(&c, &text, offset)
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        };
        let words = at("  rated ");
        assert!(
            words.contains(&"very-inconsistent".to_string()),
            "{words:?}"
        );
        // The declared hypothesis first, then the party held responsible.
        assert_eq!(at("rated consistent with "), ["h", "iran"]);
    }

    #[test]
    fn declarations_between_declarations() {
        let c = compile(TEXT);
        let end = TEXT.len();
        let top: Vec<String> = completions(&c, TEXT, end)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert!(top.contains(&"claim".to_string()), "{top:?}");
    }
}
