//! Semantic tokens: what each token of the file is, for colouring.
//!
//! Read from pest's parse of the text (declaration by declaration, so that
//! the declarations that parse are coloured even while another is broken),
//! and comments from the gaps between tokens.

use crate::grammar::{AttribParser, Rule};
use crate::language::Vocabulary;
use crate::span::Span;
use pest::Parser;
use pest::iterators::Pair;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `case`, `source` … that open a declaration.
    Declaration,
    /// A field keyword and the other keywords (`to`, `as`, `of`, `per`).
    Keyword,
    /// A declaration's own id.
    Definition,
    /// An id that refers to a declaration.
    Reference,
    String,
    /// Dates, durations, grades.
    Number,
    /// A vocabulary word (`state`, `operator`, `almost-certain`).
    Word,
    Comment,
}

fn kind(rule: Rule, first_id: bool) -> Option<TokenKind> {
    Some(match rule {
        Rule::id if first_id => TokenKind::Definition,
        Rule::id => TokenKind::Reference,
        Rule::text => TokenKind::String,
        Rule::calendar
        | Rule::approx
        | Rule::count
        | Rule::duration_unit
        | Rule::reliability
        | Rule::credibility => TokenKind::Number,
        Rule::country_code | Rule::attack_group | Rule::technique | Rule::cve | Rule::code => {
            TokenKind::Word
        }
        r if Vocabulary::ALL.iter().any(|v| v.rule() == r) => TokenKind::Word,
        r if crate::language::is_keyword(r) => TokenKind::Keyword,
        _ => return None,
    })
}

fn leaves(pair: Pair<'_, Rule>, base: usize, out: &mut Vec<(Span, Rule)>) {
    let rule = pair.as_rule();
    let span = pair.as_span();
    if rule == Rule::text || pair.clone().into_inner().next().is_none() {
        if span.start() < span.end() {
            out.push((Span::new(base + span.start(), base + span.end()), rule));
        }
        return;
    }
    for inner in pair.into_inner() {
        leaves(inner, base, out);
    }
}

/// Every token to colour, in order.
pub fn semantic_tokens(text: &str) -> Vec<(Span, TokenKind)> {
    // Parse declaration by declaration, at lines that start one.
    let mut starts = vec![0];
    for (i, _) in text.match_indices('\n') {
        let rest = &text[i + 1..];
        if crate::language::starts_declaration(rest.as_bytes()) {
            starts.push(i + 1);
        }
    }
    starts.push(text.len());
    let mut tokens: Vec<(Span, Rule)> = Vec::new();
    for w in starts.windows(2) {
        let piece = &text[w[0]..w[1]];
        if let Ok(mut pairs) = AttribParser::parse(Rule::file, piece)
            && let Some(file) = pairs.next()
        {
            for decl in file.into_inner() {
                let mut decl_tokens = Vec::new();
                leaves(decl, w[0], &mut decl_tokens);
                tokens.extend(decl_tokens);
            }
        }
    }
    let mut out: Vec<(Span, TokenKind)> = Vec::new();
    let mut previous_end = 0;
    let mut first_in_decl = false;
    for (span, rule) in tokens {
        comments(text, previous_end, span.start, &mut out);
        previous_end = span.end;
        let is_decl_keyword = matches!(
            rule,
            Rule::k_case
                | Rule::k_source
                | Rule::k_actor
                | Rule::k_event
                | Rule::k_claim
                | Rule::k_evidence
                | Rule::k_response
        ) && (span.start == 0 || text[..span.start].ends_with(['\n', '\r']));
        if is_decl_keyword {
            out.push((span, TokenKind::Declaration));
            first_in_decl = true;
            continue;
        }
        if let Some(k) = kind(rule, first_in_decl && rule == Rule::id) {
            out.push((span, k));
        }
        if rule == Rule::id {
            first_in_decl = false;
        }
    }
    comments(text, previous_end, text.len(), &mut out);
    out
}

/// Comments in a gap between tokens: from `#` to the end of the line.
fn comments(text: &str, from: usize, to: usize, out: &mut Vec<(Span, TokenKind)>) {
    let mut at = from;
    while let Some(k) = text.get(at..to).and_then(|gap| gap.find('#')) {
        let start = at + k;
        let end = text[start..to].find(['\n', '\r']).map_or(to, |n| start + n);
        out.push((Span::new(start, end), TokenKind::Comment));
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_declaration() {
        let text = "# a case\nactor iran { # the state\n  kind state\n  name \"Iran # not a comment\"\n}\n";
        let tokens = semantic_tokens(text);
        let of = |k: TokenKind| -> Vec<&str> {
            tokens
                .iter()
                .filter(|(_, t)| *t == k)
                .map(|(s, _)| &text[s.start..s.end])
                .collect()
        };
        assert_eq!(of(TokenKind::Declaration), ["actor"]);
        assert_eq!(of(TokenKind::Definition), ["iran"]);
        assert_eq!(of(TokenKind::Keyword), ["kind", "name"]);
        assert_eq!(of(TokenKind::Word), ["state"]);
        assert_eq!(of(TokenKind::String), ["\"Iran # not a comment\""]);
        assert_eq!(of(TokenKind::Comment), ["# a case", "# the state"]);
    }
}
