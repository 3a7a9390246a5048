//! Turning pest's "expected rules" into words an analyst understands.
//!
//! pest reports the rules it tried at the furthest position it reached.
//! Each rule that can appear there has a description below; a grammar rule's
//! name never reaches the user.

use super::scan::{header_at, word_at};
use crate::diagnostics::{Code, Diagnostic};
use crate::grammar::Rule;
use crate::span::Span;
use crate::vocab::*;
use pest::error::{Error, ErrorVariant, InputLocation};

/// What pest expected, described.
enum Want {
    /// A keyword, written as the analyst types it.
    Keyword(&'static str),
    /// Anything else, in words.
    Thing(String),
}

/// A syntax error in the piece of `text` starting at `base`, as a diagnostic
/// over the whole file.
pub(super) fn describe(text: &str, base: usize, error: &Error<Rule>) -> Diagnostic {
    let pos = base
        + match error.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let positives: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let (found, span) = found_at(text, pos);
    let wants: Vec<Want> = dedup(positives.iter().map(|r| want(*r)).collect());
    let keywords: Vec<&str> = wants
        .iter()
        .filter_map(|w| match w {
            Want::Keyword(k) => Some(*k),
            Want::Thing(_) => None,
        })
        .collect();
    let things: Vec<&str> = wants
        .iter()
        .filter_map(|w| match w {
            Want::Thing(t) => Some(t.as_str()),
            Want::Keyword(_) => None,
        })
        .collect();

    let is_declaration_start = keywords.contains(&"case") && keywords.contains(&"response");
    let closes = keywords.contains(&"}");
    let fields: Vec<&str> = keywords.iter().copied().filter(|k| *k != "}").collect();
    // The words that start a field, for the help: not `to` (which may go on
    // a date before it) or `per`.
    let field_words: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|k| crate::language::FIELDS.iter().any(|f| f.keyword == *k))
        .collect();
    let is_field = fields.len() > 3 && !is_declaration_start;
    let expected = if is_declaration_start {
        let mut parts = vec![
            "a declaration (`case`, `source`, `actor`, `event`, `claim`, `evidence` or `response`)"
                .to_string(),
        ];
        parts.extend(things.iter().map(|t| t.to_string()));
        join_or(&parts)
    } else if is_field {
        let mut parts = vec!["a field".to_string()];
        parts.extend(things.iter().map(|t| t.to_string()));
        if closes {
            parts.push("`}`".to_string());
        }
        join_or(&parts)
    } else {
        let mut parts: Vec<String> = keywords.iter().map(|k| format!("`{k}`")).collect();
        parts.extend(things.iter().map(|t| t.to_string()));
        if parts.is_empty() {
            "something else".to_string()
        } else {
            join_or(&parts)
        }
    };

    // A declaration keyword where a field or `}` was expected: the
    // declaration before it was never closed.
    let word = word_at(text, pos);
    if closes && word.is_some_and(|w| crate::language::declaration(w).is_some()) {
        let header = header_at(text, base);
        let message = format!(
            "`{}` is not closed: expected `}}` before the next declaration",
            &text[header.start..header.end]
        );
        return Diagnostic::new(Code::Syntax, message)
            .label(span, "the next declaration starts here")
            .label(header, "this declaration has no closing `}`")
            .help("add `}` at the end of the declaration");
    }

    let stop = super::teach::Stop {
        text,
        base,
        pos,
        positives: &positives,
        closes,
        field_expected: is_field,
        brace_expected: keywords == ["{"] && things.is_empty(),
    };
    if let Some(d) = super::teach::teach(&stop) {
        return d;
    }

    let message = format!("expected {expected}, found {found}");
    let short = without_parentheses(&expected);
    let mut help = if is_field {
        let list: Vec<String> = field_words.iter().map(|k| format!("`{k}`")).collect();
        format!("the fields that can come here are {}", join_and(&list))
    } else if positives.contains(&Rule::string_end) {
        "text in double quotes ends on the line it starts: close it with `\"`, or use `\"\"\"` for text over several lines".to_string()
    } else if positives.contains(&Rule::block_end) {
        "a text block that opens with `\"\"\"` must close with `\"\"\"`".to_string()
    } else if is_declaration_start {
        "a case file is a list of declarations, each a keyword, an id and fields in braces: `actor iran { kind state name \"Iran\" }`".to_string()
    } else {
        format!("write {expected} here")
    };
    let mut fix = None;
    if let Some(word) = word {
        let candidates: Vec<&str> = fields
            .iter()
            .copied()
            .chain(vocab_words(&positives))
            .collect();
        if let Some(best) = crate::suggest::nearest(word, candidates.iter().copied()) {
            help = format!("did you mean `{best}`? {help}");
            fix = Some(best);
        }
    }
    let d = Diagnostic::new(Code::Syntax, message)
        .label(span, format!("expected {short}"))
        .help(help);
    match fix {
        Some(best) => d.fix(format!("Replace with `{best}`"), span, best),
        None => d,
    }
}

fn want(rule: Rule) -> Want {
    use Want::*;
    // Field keywords are written as the language description writes them
    // (`organ of`, `takes responsibility for`); the other keywords here.
    let kw = |r: Rule| -> Option<&'static str> {
        match r {
            Rule::per => Some("per"),
            Rule::lbrace => Some("{"),
            Rule::rbrace => Some("}"),
            other => crate::language::keyword_of_rule(other),
        }
    };
    if let Some(k) = kw(rule) {
        return Keyword(k);
    }
    let words = |all: Vec<&str>| {
        all.iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Thing(match rule {
        Rule::id | Rule::ids => "an id like `july-attack`".into(),
        Rule::text | Rule::texts | Rule::string | Rule::text_block => {
            "text in double quotes".into()
        }
        Rule::string_body | Rule::string_end => "the closing `\"` of the text".into(),
        Rule::block_body | Rule::block_end => "the closing `\"\"\"` of the text block".into(),
        Rule::escape => r#"an escape (`\"`, `\\`, `\n`, `\t` or `\u{…}`)"#.into(),
        Rule::date | Rule::date_point | Rule::calendar | Rule::approx => {
            "a date like 2022-07-15, 2022-07 or 2022".into()
        }
        Rule::duration | Rule::count => "a duration like `24 hours`".into(),
        Rule::duration_unit => "a unit (`hours`, `days`, `weeks`, `months` or `years`)".into(),
        Rule::reliability => "a source reliability from A to F".into(),
        Rule::credibility => "an information credibility from 1 to 6".into(),
        Rule::country_code => "a two-letter ISO 3166 country code like `AL`".into(),
        Rule::attack_group => "an ATT&CK group id like `G0059`".into(),
        Rule::technique | Rule::techniques => "an ATT&CK technique id like `T1486`".into(),
        Rule::cve | Rule::cves => "a CVE id like `CVE-2019-0604`".into(),
        Rule::code => "a diagnostic code like `W0201`".into(),
        Rule::source_kind => format!(
            "a source kind ({})",
            words(SourceKind::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::actor_kind => format!(
            "an actor kind ({})",
            words(ActorKind::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::event_kind | Rule::event_kinds => {
            format!(
                "an event kind ({})",
                words(EventKind::ALL.iter().map(|v| v.word()).collect())
            )
        }
        Rule::role | Rule::roles => format!(
            "a role ({})",
            words(Role::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::likelihood => format!(
            "a confidence term ({})",
            words(Likelihood::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::basis => format!(
            "a basis ({})",
            words(Basis::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::class => format!(
            "an indicator class ({})",
            words(IndicatorClass::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::disclosure => "`yes`, `no` or `partly`".into(),
        Rule::response_kind => format!(
            "a response kind ({})",
            words(ResponseKind::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::legal_category => format!(
            "a legal category ({})",
            words(LegalCategory::ALL.iter().map(|v| v.word()).collect())
        ),
        Rule::EOI => "the end of the file".into(),
        Rule::file | Rule::declaration => {
            "a declaration (`case`, `source`, `actor`, `event`, `claim`, `evidence` or `response`)"
                .into()
        }
        other => format!("{other:?}").replace('_', " "),
    })
}

/// The vocabulary words a position accepts, for "did you mean".
fn vocab_words(positives: &[Rule]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for r in positives {
        match r {
            Rule::source_kind => out.extend(SourceKind::ALL.iter().map(|v| v.word())),
            Rule::actor_kind => out.extend(ActorKind::ALL.iter().map(|v| v.word())),
            Rule::event_kind | Rule::event_kinds => {
                out.extend(EventKind::ALL.iter().map(|v| v.word()))
            }
            Rule::role | Rule::roles => out.extend(Role::ALL.iter().map(|v| v.word())),
            Rule::likelihood => out.extend(Likelihood::ALL.iter().map(|v| v.word())),
            Rule::basis => out.extend(Basis::ALL.iter().map(|v| v.word())),
            Rule::class => out.extend(IndicatorClass::ALL.iter().map(|v| v.word())),
            Rule::disclosure => out.extend(Disclosure::ALL.iter().map(|v| v.word())),
            Rule::response_kind => out.extend(ResponseKind::ALL.iter().map(|v| v.word())),
            Rule::legal_category => out.extend(LegalCategory::ALL.iter().map(|v| v.word())),
            _ => {}
        }
    }
    out
}

fn dedup(wants: Vec<Want>) -> Vec<Want> {
    let mut seen = std::collections::HashSet::new();
    wants
        .into_iter()
        .filter(|w| {
            seen.insert(match w {
                Want::Keyword(k) => format!("k:{k}"),
                Want::Thing(t) => format!("t:{t}"),
            })
        })
        .collect()
}

/// What stands at `pos`, in words, and the span to underline.
fn found_at(text: &str, pos: usize) -> (String, Span) {
    let rest = &text[pos.min(text.len())..];
    if let Some(word) = word_at(text, pos) {
        return (format!("`{word}`"), Span::new(pos, pos + word.len()));
    }
    match rest.chars().next() {
        None => ("the end of the file".into(), Span::new(pos, pos)),
        Some('\n') | Some('\r') => ("the end of the line".into(), Span::new(pos, pos)),
        Some('"') => ("text".into(), Span::new(pos, pos + 1)),
        Some(c) if c.is_whitespace() || crate::chars::is_hidden(c) => (
            format!("the character U+{:04X}", c as u32),
            Span::new(pos, pos + c.len_utf8()),
        ),
        Some(c) => (format!("`{c}`"), Span::new(pos, pos + c.len_utf8())),
    }
}

/// "a source kind (`a`, `b`)" → "a source kind": lists stay in the message,
/// labels stay short.
fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.replace(" ,", ",").replace("  ", " ").trim().to_string()
}

fn join_or(parts: &[String]) -> String {
    join(parts, "or")
}

fn join_and(parts: &[String]) -> String {
    join(parts, "and")
}

fn join(parts: &[String], word: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}
