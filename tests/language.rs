//! The grammar and the vocabularies in `src/vocab.rs` agree, and the
//! language's lexical rules hold.

use attrib_core::syntax::ast::{Decl, Statement};
use attrib_core::syntax::parse;
use attrib_core::vocab::*;

fn parses(text: &str) -> bool {
    parse(text).1.is_empty()
}

#[test]
fn every_vocabulary_word_parses_where_it_belongs() {
    for w in SourceKind::ALL {
        assert!(
            parses(&format!("source s {{ kind {w} }}")),
            "source kind {w}"
        );
    }
    for w in ActorKind::ALL {
        assert!(parses(&format!("actor a {{ kind {w} }}")), "actor kind {w}");
    }
    for w in EventKind::ALL {
        assert!(parses(&format!("event e {{ kind {w} }}")), "event kind {w}");
    }
    for w in Role::ALL {
        assert!(
            parses(&format!("claim c {{ attributes e to a as {w} }}")),
            "role {w}"
        );
    }
    for w in Likelihood::ALL {
        assert!(
            parses(&format!("claim c {{ confidence {w} \"x\" }}")),
            "confidence {w}"
        );
    }
    for w in Basis::ALL {
        assert!(parses(&format!("claim c {{ basis {w} }}")), "basis {w}");
    }
    for w in IndicatorClass::ALL {
        assert!(parses(&format!("evidence e {{ class {w} }}")), "class {w}");
    }
    for w in Disclosure::ALL {
        assert!(
            parses(&format!("evidence e {{ disclosed {w} }}")),
            "disclosed {w}"
        );
    }
    for w in Credibility::ALL {
        assert!(
            parses(&format!("evidence e {{ credibility {w} }}")),
            "credibility {w}"
        );
    }
    for w in Reliability::ALL {
        assert!(
            parses(&format!("source s {{ reliability {w} }}")),
            "reliability {w}"
        );
    }
    for w in ResponseKind::ALL {
        assert!(
            parses(&format!("response r {{ kind {w} }}")),
            "response kind {w}"
        );
    }
    for w in LegalCategory::ALL {
        assert!(
            parses(&format!("response r {{ category {w} }}")),
            "category {w}"
        );
    }
}

#[test]
fn words_outside_the_vocabularies_do_not_parse() {
    assert!(!parses("actor a { kind goverment }"));
    assert!(!parses("actor a { kind statesman }"));
    assert!(!parses("source s { reliability G }"));
    assert!(!parses("evidence e { credibility 7 }"));
}

#[test]
fn keywords_are_whole_words() {
    // `kindness` is not `kind` followed by `ness`.
    assert!(!parses("actor a { kindness state }"));
    // An id may start with a keyword.
    assert!(parses("claim c { by actor-1 }"));
}

#[test]
fn text_escapes_and_blocks() {
    let (file, d) = parse(
        "actor a { name \"a \\\"b\\\" \\u{e9} Manëz\\n\" note \"\"\"\n    one\n      two\n    \"\"\" }",
    );
    assert!(d.is_empty(), "{d:?}");
    let Decl::Actor(a) = &file.decls[0] else {
        panic!()
    };
    assert_eq!(a.name.as_ref().unwrap().value, "a \"b\" é Manëz\n");
    assert_eq!(a.head.notes[0].value, "one\n  two");
}

#[test]
fn persian_text_and_unicode_ids() {
    let (file, d) = parse("actor وزارت { kind state-organ name \"وزارت اطلاعات\" }");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(file.decls[0].id().value, "وزارت");
}

#[test]
fn comments_anywhere() {
    assert!(parses(
        "# head\nactor a { # after brace\n kind state # after field\n}\n# tail"
    ));
    assert!(parses("actor a { name \"# not a comment\" }"));
}

#[test]
fn dates_durations_and_ranges() {
    let (file, d) = parse(
        "event e { date ~2021-05 to 2022-01 duration ~14 months } response r { deadline 24 hours }",
    );
    assert!(d.is_empty(), "{d:?}");
    let Decl::Event(e) = &file.decls[0] else {
        panic!()
    };
    assert_eq!(
        e.date.as_ref().unwrap().value.to_string(),
        "~2021-05 to 2022-01"
    );
    assert_eq!(e.duration.as_ref().unwrap().value.to_string(), "~14 months");
}

#[test]
fn statements_keep_their_parts() {
    let (file, d) = parse(
        "claim c { attributes e to a as operator, sponsor takes responsibility for e, f denies x }",
    );
    assert!(d.is_empty(), "{d:?}");
    let Decl::Claim(c) = &file.decls[0] else {
        panic!()
    };
    assert_eq!(c.statements.len(), 3);
    let Statement::Attributes { roles, .. } = &c.statements[0] else {
        panic!()
    };
    assert_eq!(roles.len(), 2);
    let Statement::Responsibility { events, .. } = &c.statements[1] else {
        panic!()
    };
    assert_eq!(events.len(), 2);
}

#[test]
fn spans_end_at_the_last_token() {
    let text = "claim c {\n  date 2022-09-07   # trailing\n  by a\n}";
    let (file, d) = parse(text);
    assert!(d.is_empty());
    let Decl::Claim(c) = &file.decls[0] else {
        panic!()
    };
    let span = c.date.as_ref().unwrap().span;
    assert_eq!(&text[span.start..span.end], "2022-09-07");
}

#[test]
fn several_syntax_errors_are_all_reported() {
    let text = "actor a {\n  nme \"x\"\n}\nactor b {\n  kind state\n}\nactor c {\n  kind stat\n}\n";
    let (file, d) = parse(text);
    assert_eq!(d.len(), 2, "{d:?}");
    // The good declaration builds; each broken one keeps what was read
    // before its error (its header), marked partial.
    let built: Vec<(&str, bool)> = file
        .decls
        .iter()
        .map(|d| (d.id().value.as_str(), d.head().partial))
        .collect();
    assert_eq!(built, [("a", true), ("b", false), ("c", true)]);
    assert!(
        d[0].message.contains("expected a field"),
        "{}",
        d[0].message
    );
    assert!(
        d[0].help.starts_with("did you mean `name`?"),
        "{}",
        d[0].help
    );
    assert!(
        d[1].help.starts_with("did you mean `state`?"),
        "{}",
        d[1].help
    );
}

#[test]
fn a_text_block_may_hold_lines_that_look_like_declarations() {
    // The parser reads large files in chunks cut at lines that start a
    // declaration; a text block holding such a line must still read whole.
    let filler: String = (0..3000)
        .map(|i| format!("event e{i} {{\n  kind other\n  date 2022\n}}\n\n"))
        .collect();
    let text = format!(
        "{filler}case x {{\n  title \"T\"\n  summary \"\"\"\n    first line\nclaim not-a-claim {{\n    \"\"\"\n}}\n\n{filler2}",
        filler2 = filler.replace("event e", "event f")
    );
    assert!(text.len() > 128 * 1024);
    let (file, d) = parse(&text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(file.decls.len(), 6001);
    let Decl::Case(c) = &file.decls[3000] else {
        panic!()
    };
    assert!(
        c.head
            .summary
            .as_ref()
            .unwrap()
            .value
            .contains("claim not-a-claim {")
    );
}

/// The grammar's fields of each declaration are the language description's
/// (`src/language.rs`): every field keyword the grammar accepts in a
/// declaration is in the table for that kind, and the other way round.
#[test]
fn the_grammar_and_the_language_description_have_the_same_fields() {
    use attrib_core::language;
    use std::collections::{BTreeMap, BTreeSet};
    let grammar =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/attrib.pest"))
            .unwrap();
    // `name = _{ body }` rules, the body on one or more lines.
    let mut rules: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in grammar.lines() {
        let line = line.split("//").next().unwrap();
        let starts_rule = !line.starts_with(char::is_whitespace);
        if let Some((name, body)) = line.split_once('=')
            && starts_rule
            && !name.trim().is_empty()
            && name
                .trim()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            if let Some((n, b)) = current.take() {
                rules.insert(n, b);
            }
            current = Some((name.trim().to_string(), body.to_string()));
        } else if let Some((_, b)) = current.as_mut() {
            b.push(' ');
            b.push_str(line);
        }
    }
    if let Some((n, b)) = current {
        rules.insert(n, b);
    }
    let alternatives = |name: &str| -> Vec<String> {
        let body = &rules[name];
        let inner = body.split_once('{').unwrap().1.rsplit_once('}').unwrap().0;
        inner
            .split('|')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect()
    };
    // The first keyword of a field rule, as the table writes it.
    let first_keyword = |field_rule: &str| -> String {
        let body = &rules[field_rule];
        let inner = body.split_once('{').unwrap().1;
        let first = inner.split_whitespace().next().unwrap();
        first.trim_start_matches("k_").replace('_', "-")
    };
    let fields_of_rule = |rule: &str, out: &mut BTreeSet<String>| {
        for alt in alternatives(rule) {
            if alt == "common_field" {
                continue;
            }
            out.insert(first_keyword(&alt));
        }
    };
    let mut common = BTreeSet::new();
    fields_of_rule("common_field", &mut common);
    for kind in language::DECLARATIONS {
        let rule = format!("{}_field", kind.keyword());
        let mut grammar_fields = common.clone();
        fields_of_rule(&rule, &mut grammar_fields);
        let table: BTreeSet<String> = language::fields_of(kind)
            .map(|f| f.keyword.split(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(grammar_fields, table, "{}", kind.keyword());
    }
}

/// The messages that name a mistake are given only where it was made: a
/// bad item after a comma is neither a missing nor a trailing comma, a
/// field after a text on the same line is no quote inside a quote, and an
/// ambiguous date gets no fix.
#[test]
fn mistakes_are_named_only_where_they_were_made() {
    let first = |text: &str| {
        let (_, d) = parse(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        d.into_iter().next().unwrap()
    };
    let d = first("claim c {\n  source s, 2022\n}\n");
    assert!(d.message.starts_with("expected an id"), "{}", d.message);
    let d = first("case x { title \"T\" nme \"n\" }");
    assert!(d.message.starts_with("expected a field"), "{}", d.message);
    let d = first("event e {\n  date 03/04/2022\n}\n");
    assert!(
        d.message.contains("day 3 of month 4, or day 4 of month 3"),
        "{}",
        d.message
    );
    assert!(d.fixes.is_empty());
    let d = first("event e {\n  date 15/07/2022\n}\n");
    assert_eq!(d.fixes[0].edits[0].1, "2022-07-15");
    let d = first("claim c {\n  attributes e to a as operator sponsor\n}\n");
    assert!(
        d.message
            .starts_with("a comma is missing between `operator`"),
        "{}",
        d.message
    );
}

/// The editors' grammars read the words of the language from
/// `editors/vscode/language.json`, generated from the language description.
#[test]
fn the_editors_language_description_is_generated() {
    crate::common::generated(
        "editors/vscode/language.json",
        &attrib_core::render::language::description_json(),
        "language::",
    );
}
