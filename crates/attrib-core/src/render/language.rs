//! The language description as JSON, for the tools that colour and complete
//! case files outside attrib: the VS Code extension's TextMate grammar
//! (`editors/vscode/tools/build-grammar.js` builds it from
//! `editors/vscode/language.json`, which a test keeps equal to this output)
//! and the playground. Everything here is read from [`crate::language`]:
//! the words are listed once, there.

use crate::date::Unit;
use crate::grammar::Rule;
use crate::language::{self, DeclKind, Field, Value, Vocabulary};
use serde_json::{Value as Json, json};

/// The kinds of value a field holds, as the editors' grammars name their
/// rules: `text`, `dates`, `ids`, `vocab-source-kind` …
fn values(field: &Field) -> Vec<String> {
    let vocabulary = |v: Vocabulary| match v {
        Vocabulary::Reliability | Vocabulary::Credibility => v.name().to_string(),
        other => format!("vocab-{}", other.name()),
    };
    match field.value {
        Value::Text => vec!["text".into()],
        Value::Date => vec!["dates".into()],
        Value::Duration => vec!["duration".into()],
        Value::Outside(_) => vec![field.keyword.to_string()],
        Value::Word(v) => vec![vocabulary(v)],
        Value::Refs(_) => vec!["ids".into()],
        Value::Allow => vec!["diagnostic-code".into(), "text".into()],
        Value::Stated => vec![vocabulary(Vocabulary::Likelihood), "text".into()],
        Value::Rated(_) => vec![vocabulary(Vocabulary::Rating), "ids".into(), "text".into()],
        // What follows `as`: an attribution's roles, an office's title.
        Value::Phrase(..) if field.rule == Rule::k_attributes => vec!["roles".into(), "ids".into()],
        Value::Phrase(..) if field.after.contains(&"as") => vec!["text".into(), "ids".into()],
        Value::Phrase(..) => vec!["ids".into()],
    }
}

fn field(f: &Field) -> Json {
    let values = values(f);
    // The roles value starts with its own `as` (`as operator, sponsor`).
    let roles = values.iter().any(|v| v == "roles");
    let words: Vec<&str> = f.words().filter(|w| !(roles && *w == "as")).collect();
    json!({
        "keyword": f.keyword.split(' ').next().unwrap_or(f.keyword),
        "values": values,
        "words": words,
    })
}

/// The language description: declarations, the fields of each (and those
/// every declaration may carry), the vocabularies with their words, the
/// units of a duration.
pub fn description() -> Json {
    let own = |kind: DeclKind| -> Vec<Json> {
        language::FIELDS
            .iter()
            .filter(|f| f.decl == Some(kind))
            .map(field)
            .collect()
    };
    let common: Vec<Json> = language::FIELDS
        .iter()
        .filter(|f| f.decl.is_none())
        .map(field)
        .collect();
    let mut fields = serde_json::Map::new();
    for kind in language::DECLARATIONS {
        fields.insert(kind.keyword().into(), json!(own(kind)));
    }
    let mut vocabularies = serde_json::Map::new();
    for v in Vocabulary::ALL {
        if !matches!(v, Vocabulary::Reliability | Vocabulary::Credibility) {
            vocabularies.insert(v.name().into(), json!(v.words()));
        }
    }
    let units: Vec<String> = Unit::ALL
        .iter()
        .flat_map(|u| [format!("{}s", u.word()), u.word().to_string()])
        .collect();
    json!({
        "generated": "by attrib from its language description (crates/attrib-core/src/language.rs); `ATTRIB_BLESS=1 cargo test --test it language::` rewrites it",
        "declarations": language::DECLARATIONS.map(DeclKind::keyword),
        "vocabularies": vocabularies,
        "duration_units": units,
        "common_fields": common,
        "fields": fields,
    })
}

/// [`description`] as pretty JSON with a final line break.
pub fn description_json() -> String {
    serde_json::to_string_pretty(&description()).expect("the description serialises") + "\n"
}
