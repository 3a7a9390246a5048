//! From pest's pairs to the typed syntax tree: one function per rule.

use crate::date::{Date, DatePoint, Duration, Unit};
use crate::diagnostics::{Code, Diagnostic};
use crate::grammar::Rule;
use crate::span::{Span, Spanned};
use crate::syntax::ast::*;
use crate::vocab::*;
use pest::iterators::{Pair, Pairs};

const GRAMMAR: &str = "the grammar guarantees this shape";

/// Builds the tree of one successfully parsed piece of text that starts at
/// byte `base` of the file.
pub(crate) struct Builder<'d> {
    base: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// A field: its keyword (the rule that names it), the keyword's span, the
/// whole field's span and its value pairs. Field rules are silent in the
/// grammar (it makes parsing cheaper), so a declaration's pairs come flat:
/// a field-starting keyword, then that field's values.
struct Field<'i> {
    rule: Rule,
    key: Span,
    span: Span,
    values: std::iter::Take<Pairs<'i, Rule>>,
}

/// A field whose values are still being counted.
struct Open<'i> {
    rule: Rule,
    key: Span,
    /// End of the last value so far (of the keyword, before any).
    end: usize,
    /// The pairs just after the keyword.
    from: Pairs<'i, Rule>,
    count: usize,
}

impl<'i> Open<'i> {
    fn close(self) -> Field<'i> {
        Field {
            rule: self.rule,
            key: self.key,
            span: self.key.to(Span::new(self.key.start, self.end)),
            values: self.from.take(self.count),
        }
    }
}

impl<'d> Builder<'d> {
    pub(crate) fn new(base: usize, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Builder { base, diagnostics }
    }

    /// The span of a pair, ending where its last token ends: pest lets a
    /// rule that ends in an optional or repeated part swallow the white
    /// space and comments it skipped while trying that part.
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        // What pest skips after a rule always ends in white space (a comment
        // stops before its line break), so a span that does not end in white
        // space is exact; only the others need their last token found.
        let exact = !s.as_str().ends_with(|c: char| c.is_whitespace());
        let end = if exact { s.end() } else { token_end(p) };
        Span::new(self.base + s.start(), self.base + end)
    }

    pub(crate) fn file(&mut self, file: Pair<'_, Rule>, out: &mut Vec<Decl>) {
        for p in file.into_inner() {
            if p.as_rule() != Rule::EOI {
                out.push(self.decl(p));
            }
        }
    }

    fn decl(&mut self, p: Pair<'_, Rule>) -> Decl {
        let rule = p.as_rule();
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let keyword = self.span(&inner.next().expect(GRAMMAR));
        let id = self.ident(inner.next().expect(GRAMMAR));
        let kind = crate::language::declaration_of_rule(rule).expect(GRAMMAR);
        let mut head = Head {
            kind,
            header: keyword.to(id.span),
            id,
            span,
            summary: None,
            notes: Vec::new(),
            quotes: Vec::new(),
            unconfirmed: None,
            allows: Vec::new(),
            fields: Vec::new(),
            partial: false,
        };
        // A field's values are the pairs after its keyword: the field keeps
        // a copy of the iterator there (two reference counts, no allocation)
        // and how many values follow.
        let mut fields: Vec<Field<'_>> = Vec::with_capacity(8);
        let mut current: Option<Open<'_>> = None;
        while let Some(p) = inner.next() {
            let rule = p.as_rule();
            if crate::language::starts_field(kind, rule) {
                if let Some(open) = current.take() {
                    fields.push(open.close());
                }
                let key = self.span(&p);
                current = Some(Open {
                    rule,
                    key,
                    end: key.end,
                    from: inner.clone(),
                    count: 0,
                });
            } else if !matches!(rule, Rule::lbrace | Rule::rbrace)
                && let Some(open) = current.as_mut()
            {
                open.count += 1;
                open.end = self.span(&p).end;
            }
        }
        if let Some(open) = current {
            fields.push(open.close());
        }
        head.fields = fields
            .iter()
            .filter_map(|f| crate::language::field(kind, f.rule).map(|spec| (spec, f.key)))
            .collect();
        match kind {
            DeclKind::Case => Decl::Case(self.case(head, fields)),
            DeclKind::Source => Decl::Source(self.source(head, fields)),
            DeclKind::Actor => Decl::Actor(self.actor(head, fields)),
            DeclKind::Event => Decl::Event(self.event(head, fields)),
            DeclKind::Claim => Decl::Claim(self.claim(head, fields)),
            DeclKind::Evidence => Decl::Evidence(self.evidence(head, fields)),
            DeclKind::Response => Decl::Response(self.response(head, fields)),
            DeclKind::Hypothesis => Decl::Hypothesis(self.hypothesis(head, fields)),
        }
    }

    // ------------------------------------------------------------ declarations

    fn case(&mut self, head: Head, fields: Vec<Field<'_>>) -> Case {
        let mut d = Case {
            head,
            title: None,
            period: None,
            authors: Vec::new(),
            version: None,
        };
        for mut f in fields {
            match f.rule {
                Rule::k_title => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.title, v, f.key, "title");
                }
                Rule::k_period => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.period, v, f.key, "period");
                }
                Rule::k_author => d.authors.extend(self.texts(f.values)),
                Rule::k_version => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.version, v, f.key, "version");
                }
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn source(&mut self, head: Head, fields: Vec<Field<'_>>) -> Source {
        let mut d = Source {
            head,
            kind: None,
            publisher: None,
            title: None,
            url: None,
            published: None,
            reliability: None,
            repeats: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_kind => {
                    let v = self.word(f.values.next().expect(GRAMMAR), SourceKind::from_word);
                    self.once(&mut d.kind, v, f.key, "kind");
                }
                Rule::k_publisher => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.publisher, v, f.key, "publisher");
                }
                Rule::k_title => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.title, v, f.key, "title");
                }
                Rule::k_url => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.url, v, f.key, "url");
                }
                Rule::k_published => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.published, v, f.key, "published");
                }
                Rule::k_reliability => {
                    let v = self.word(f.values.next().expect(GRAMMAR), Reliability::from_word);
                    self.once(&mut d.reliability, v, f.key, "reliability");
                }
                Rule::k_repeats => d.repeats.extend(self.ids(f.values)),
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn actor(&mut self, head: Head, fields: Vec<Field<'_>>) -> Actor {
        let mut d = Actor {
            head,
            kind: None,
            name: None,
            aliases: Vec::new(),
            country: None,
            attack_group: None,
            relations: Vec::new(),
            imitations: Vec::new(),
            sources: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_kind => {
                    let v = self.word(f.values.next().expect(GRAMMAR), ActorKind::from_word);
                    self.once(&mut d.kind, v, f.key, "kind");
                }
                Rule::k_name => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.name, v, f.key, "name");
                }
                Rule::k_alias => d.aliases.extend(self.texts(f.values)),
                Rule::k_country => {
                    let v = self.raw(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.country, v, f.key, "country");
                }
                Rule::k_attack_group => {
                    let v = self.raw(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.attack_group, v, f.key, "attack-group");
                }
                Rule::k_organ | Rule::k_part | Rule::k_front | Rule::k_holds => {
                    let kind = match f.rule {
                        Rule::k_organ => Structure::OrganOf,
                        Rule::k_part => Structure::PartOf,
                        Rule::k_front => Structure::FrontFor,
                        _ => Structure::OfficeIn,
                    };
                    d.relations.push(self.relation(kind, f));
                }
                Rule::k_imitates => {
                    let Relation {
                        target, per, span, ..
                    } = self.relation(Structure::FrontFor, f);
                    d.imitations.push(Imitation { target, per, span });
                }
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn relation(&mut self, kind: Structure, f: Field<'_>) -> Relation {
        let mut target = None;
        let mut office = None;
        let mut per = Vec::new();
        for p in f.values {
            match p.as_rule() {
                Rule::id => target = Some(self.ident(p)),
                Rule::text => office = Some(self.text(p)),
                Rule::per => per = self.ids(p.into_inner().skip(1)),
                _ => {} // the connecting words: of, for, in, office, as
            }
        }
        Relation {
            kind,
            target: target.expect(GRAMMAR),
            office,
            per,
            span: f.span,
        }
    }

    fn event(&mut self, head: Head, fields: Vec<Field<'_>>) -> Event {
        let mut d = Event {
            head,
            title: None,
            kinds: Vec::new(),
            date: None,
            known: None,
            duration: None,
            targets: Vec::new(),
            effects: Vec::new(),
            techniques: Vec::new(),
            malware: Vec::new(),
            tools: Vec::new(),
            cves: Vec::new(),
            part_of: Vec::new(),
            follows: Vec::new(),
            sources: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_title => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.title, v, f.key, "title");
                }
                Rule::k_kind => {
                    for p in f.values {
                        let v = self.word(p, EventKind::from_word);
                        d.kinds.push(v);
                    }
                }
                Rule::k_date => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.date, v, f.key, "date");
                }
                Rule::k_known => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.known, v, f.key, "known");
                }
                Rule::k_duration => {
                    let v = self.duration(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.duration, v, f.key, "duration");
                }
                Rule::k_target => d.targets.extend(self.ids(f.values)),
                Rule::k_effect => d.effects.push(self.text(f.values.next().expect(GRAMMAR))),
                Rule::k_technique => d.techniques.extend(f.values.map(|p| self.raw(p))),
                Rule::k_cve => d.cves.extend(f.values.map(|p| self.raw(p))),
                Rule::k_malware => d.malware.extend(self.texts(f.values)),
                Rule::k_tool => d.tools.extend(self.texts(f.values)),
                Rule::k_part => d.part_of.extend(self.ids(f.values.skip(1))),
                Rule::k_follows => d.follows.extend(self.ids(f.values)),
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn claim(&mut self, head: Head, fields: Vec<Field<'_>>) -> Claim {
        let mut d = Claim {
            head,
            by: Vec::new(),
            date: None,
            sources: Vec::new(),
            statements: Vec::new(),
            confidence: None,
            basis: None,
            revises: None,
            unofficial: None,
        };
        for mut f in fields {
            let span = f.span;
            match f.rule {
                Rule::k_by => {
                    if let Some(first) = d.by.first() {
                        let first = first.span;
                        self.repeated(f.key, first, "by");
                    } else {
                        d.by = self.ids(f.values);
                    }
                }
                Rule::k_date => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.date, v, f.key, "date");
                }
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                Rule::k_attributes => {
                    let subject = self.ident(f.values.next().expect(GRAMMAR));
                    let _to = f.values.next();
                    let object = self.ident(f.values.next().expect(GRAMMAR));
                    let _as = f.values.next();
                    let roles = f.values.map(|p| self.word(p, Role::from_word)).collect();
                    d.statements.push(Statement::Attributes {
                        subject,
                        object,
                        roles,
                        span,
                    });
                }
                Rule::k_takes => {
                    // takes responsibility for IDS
                    let events = self.ids(f.values.skip(2));
                    d.statements
                        .push(Statement::Responsibility { events, span });
                }
                Rule::k_denies => {
                    // `denies CLAIMS`, or `denies responsibility for EVENTS`.
                    let act = f
                        .values
                        .clone()
                        .next()
                        .is_some_and(|p| p.as_rule() == Rule::k_responsibility);
                    let ids = self.ids(f.values);
                    d.statements.push(if act {
                        Statement::DeniesResponsibility { events: ids, span }
                    } else {
                        Statement::Denies { claims: ids, span }
                    });
                }
                Rule::k_declines => {
                    let events = self.ids(f.values);
                    d.statements
                        .push(Statement::DeclinesToAttribute { events, span });
                }
                Rule::k_cannot => {
                    let events = self.ids(f.values);
                    d.statements
                        .push(Statement::CannotAttribute { events, span });
                }
                Rule::k_unofficial => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.unofficial, v, f.key, "unofficial");
                }
                Rule::k_condemns => {
                    let targets = self.ids(f.values);
                    d.statements.push(Statement::Condemns { targets, span });
                }
                Rule::k_endorses => {
                    let claims = self.ids(f.values);
                    d.statements.push(Statement::Endorses { claims, span });
                }
                Rule::k_acknowledges => {
                    let claims = self.ids(f.values);
                    d.statements.push(Statement::Acknowledges { claims, span });
                }
                Rule::k_assesses => {
                    let targets = self.ids(f.values);
                    d.statements.push(Statement::Assesses { targets, span });
                }
                Rule::k_locates => {
                    // locates IDS in ID: the last id, after `in`, is the place.
                    let mut events = self.ids(f.values);
                    let place = events.pop().expect(GRAMMAR);
                    d.statements.push(Statement::Locates {
                        events,
                        place,
                        span,
                    });
                }
                Rule::k_disputes => {
                    let claims = self.ids(f.values);
                    d.statements.push(Statement::Disputes { claims, span });
                }
                Rule::k_revises => {
                    let v = self.ident(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.revises, v, f.key, "revises");
                }
                Rule::k_confidence => {
                    let term = self.word(f.values.next().expect(GRAMMAR), Likelihood::from_word);
                    let words = f.values.next().map(|p| self.text(p));
                    let v = Stated { term, words, span };
                    if let Some(first) = &d.confidence {
                        let first = first.span;
                        self.repeated(f.key, first, "confidence");
                    } else {
                        d.confidence = Some(v);
                    }
                }
                Rule::k_basis => {
                    let v = self.word(f.values.next().expect(GRAMMAR), Basis::from_word);
                    self.once(&mut d.basis, v, f.key, "basis");
                }
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn evidence(&mut self, head: Head, fields: Vec<Field<'_>>) -> Evidence {
        let mut d = Evidence {
            head,
            class: None,
            sources: Vec::new(),
            credibility: None,
            disclosed: None,
            known: None,
            supports: Vec::new(),
            contradicts: Vec::new(),
            by: None,
            steps: Vec::new(),
            ratings: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_class => {
                    let v = self.word(f.values.next().expect(GRAMMAR), IndicatorClass::from_word);
                    self.once(&mut d.class, v, f.key, "class");
                }
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                Rule::k_credibility => {
                    let v = self.word(f.values.next().expect(GRAMMAR), Credibility::from_word);
                    self.once(&mut d.credibility, v, f.key, "credibility");
                }
                Rule::k_disclosed => {
                    let v = self.word(f.values.next().expect(GRAMMAR), Disclosure::from_word);
                    self.once(&mut d.disclosed, v, f.key, "disclosed");
                }
                Rule::k_known => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.known, v, f.key, "known");
                }
                Rule::k_supports => d.supports.extend(self.ids(f.values)),
                Rule::k_contradicts => d.contradicts.extend(self.ids(f.values)),
                Rule::k_by => {
                    let v = self.ident(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.by, v, f.key, "by");
                }
                Rule::k_step => {
                    let mut ids = self.ids(f.values).into_iter();
                    let subject = ids.next().expect(GRAMMAR);
                    let object = ids.next().expect(GRAMMAR);
                    d.steps.push(Step {
                        subject,
                        object,
                        span: f.span,
                    });
                }
                Rule::k_rated => {
                    let rating = self.word(f.values.next().expect(GRAMMAR), Rating::from_word);
                    let mut hypotheses = Vec::new();
                    let mut reason = None;
                    for p in f.values {
                        match p.as_rule() {
                            Rule::id => hypotheses.push(self.ident(p)),
                            Rule::text => reason = Some(self.text(p)),
                            _ => {} // `with`
                        }
                    }
                    d.ratings.push(Rated {
                        rating,
                        hypotheses,
                        reason: reason.expect(GRAMMAR),
                        span: f.span,
                    });
                }
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn hypothesis(&mut self, head: Head, fields: Vec<Field<'_>>) -> Hypothesis {
        let mut d = Hypothesis {
            head,
            title: None,
            explains: Vec::new(),
            responsible: Vec::new(),
            sources: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_title => {
                    let v = self.text(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.title, v, f.key, "title");
                }
                Rule::k_explains => d.explains.extend(self.ids(f.values)),
                Rule::k_responsible => d.responsible.extend(self.ids(f.values)),
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    fn response(&mut self, head: Head, fields: Vec<Field<'_>>) -> Response {
        let mut d = Response {
            head,
            kind: None,
            by: None,
            with: Vec::new(),
            against: Vec::new(),
            date: None,
            deadline: None,
            answers: Vec::new(),
            part_of: None,
            category: None,
            sources: Vec::new(),
        };
        for mut f in fields {
            match f.rule {
                Rule::k_kind => {
                    let v = self.word(f.values.next().expect(GRAMMAR), ResponseKind::from_word);
                    self.once(&mut d.kind, v, f.key, "kind");
                }
                Rule::k_by => {
                    let v = self.ident(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.by, v, f.key, "by");
                }
                Rule::k_with => d.with.extend(self.ids(f.values)),
                Rule::k_against => d.against.extend(self.ids(f.values)),
                Rule::k_date => {
                    let v = self.date(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.date, v, f.key, "date");
                }
                Rule::k_deadline => {
                    let v = self.duration(f.values.next().expect(GRAMMAR));
                    self.once(&mut d.deadline, v, f.key, "deadline");
                }
                Rule::k_answers => d.answers.extend(self.ids(f.values)),
                Rule::k_part => {
                    let v = self.ident(f.values.nth(1).expect(GRAMMAR));
                    self.once(&mut d.part_of, v, f.key, "part of");
                }
                Rule::k_category => {
                    let v = self.word(f.values.next().expect(GRAMMAR), LegalCategory::from_word);
                    self.once(&mut d.category, v, f.key, "category");
                }
                Rule::k_source => d.sources.extend(self.ids(f.values)),
                _ => self.common(&mut d.head, f),
            }
        }
        d
    }

    /// The fields every declaration may carry.
    fn common(&mut self, head: &mut Head, mut f: Field<'_>) {
        match f.rule {
            Rule::k_summary => {
                let v = self.text(f.values.next().expect(GRAMMAR));
                self.once(&mut head.summary, v, f.key, "summary");
            }
            Rule::k_note => head.notes.push(self.text(f.values.next().expect(GRAMMAR))),
            Rule::k_quote => head.quotes.push(self.text(f.values.next().expect(GRAMMAR))),
            Rule::k_unconfirmed => {
                let v = self.text(f.values.next().expect(GRAMMAR));
                self.once(&mut head.unconfirmed, v, f.key, "unconfirmed");
            }
            Rule::k_allow => {
                let code = self.raw(f.values.next().expect(GRAMMAR));
                let reason = f.values.next().map(|p| self.text(p));
                head.allows.push(Allow {
                    code,
                    reason,
                    span: f.span,
                });
            }
            other => unreachable!("{GRAMMAR}: no field {other:?} in {:?}", head.kind),
        }
    }

    // ------------------------------------------------------------------ values

    /// Keep the first value of a single-valued field; report the second.
    fn once<T: HasSpan>(&mut self, slot: &mut Option<T>, value: T, key: Span, name: &str) {
        match slot {
            Some(first) => {
                let first = first.span_of();
                self.repeated(key, first, name);
            }
            None => *slot = Some(value),
        }
    }

    fn repeated(&mut self, again: Span, first: Span, name: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::RepeatedField,
                format!("`{name}` is given more than once"),
            )
            .label(again, "given again here")
            .label(first, "first given here")
            .help(format!(
                "`{name}` takes one value: keep the one that is right and delete the other"
            )),
        );
    }

    fn ident(&self, p: Pair<'_, Rule>) -> Ident {
        Spanned::new(p.as_str().to_string(), self.span(&p))
    }

    fn ids<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Vec<Ident> {
        let mut out = Vec::new();
        for p in pairs {
            if p.as_rule() == Rule::id {
                out.push(self.ident(p))
            }
        }
        out
    }

    fn raw(&self, p: Pair<'_, Rule>) -> Spanned<String> {
        Spanned::new(p.as_str().to_string(), self.span(&p))
    }

    fn word<T>(&self, p: Pair<'_, Rule>, from: fn(&str) -> Option<T>) -> Spanned<T> {
        Spanned::new(from(p.as_str()).expect(GRAMMAR), self.span(&p))
    }

    fn texts<'i>(&mut self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Vec<Text> {
        let mut out = Vec::new();
        for p in pairs {
            if p.as_rule() == Rule::text {
                out.push(self.text(p));
            }
        }
        out
    }

    /// `text` → its value with escapes applied; a block is dedented.
    fn text(&mut self, p: Pair<'_, Rule>) -> Text {
        let span = self.span(&p);
        let body = p.into_inner().next().expect(GRAMMAR);
        let block = body.as_rule() == Rule::block_body;
        let body_start = self.span(&body).start;
        let raw = body.as_str();
        let unescaped = if raw.contains('\\') {
            self.path_escapes(raw, body_start);
            self.unescape(raw, body_start)
        } else {
            raw.to_string()
        };
        let value = if block { dedent(&unescaped) } else { unescaped };
        Spanned::new(value, span)
    }

    /// `"C:\temp\new"`: a text that looks like a Windows path and uses
    /// `\t` or `\n`, which are valid escapes a path almost never means.
    fn path_escapes(&mut self, raw: &str, start: usize) {
        if !super::teach::looks_like_path(raw) {
            return;
        }
        let bytes = raw.as_bytes();
        let mut lone = Vec::new();
        let mut meant = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            match bytes.get(i + 1) {
                Some(b'n' | b't') => {
                    meant.push(i);
                    lone.push(i);
                }
                Some(b'u') if bytes.get(i + 2) == Some(&b'{') => {}
                Some(b'\\' | b'"') => {}
                _ => lone.push(i),
            }
            i += 2;
        }
        if meant.is_empty() {
            return;
        }
        let mut escapes: Vec<String> = meant
            .iter()
            .map(|&i| format!("`\\{}`", bytes[i + 1] as char))
            .collect();
        escapes.sort();
        escapes.dedup();
        escapes.reverse();
        let mut d = Diagnostic::new(
            Code::EscapeInPath,
            format!(
                "this text looks like a Windows path, but {} in it {} a {}",
                escapes.join(" and "),
                if escapes.len() == 1 { "is" } else { "are" },
                if meant.iter().all(|&i| bytes[i + 1] == b'n') {
                    "line break"
                } else if meant.iter().all(|&i| bytes[i + 1] == b't') {
                    "tab"
                } else {
                    "tab and a line break"
                }
            ),
        )
        .help("in text, a backslash starts an escape: write each backslash of a path as `\\\\`");
        // One label per escape, none over the whole text: overlapping
        // labels hide each other's pointers.
        for &i in &meant {
            let what = if bytes[i + 1] == b'n' {
                "a line break, not a backslash"
            } else {
                "a tab, not a backslash"
            };
            d = d.label(Span::new(start + i, start + i + 2), what);
        }
        d.fixes.push(crate::diagnostics::Fix {
            title: "Write each backslash as `\\\\`".into(),
            edits: lone
                .iter()
                .map(|&i| (Span::new(start + i, start + i + 1), "\\\\".to_string()))
                .collect(),
        });
        self.diagnostics.push(d);
    }

    /// `raw` (which holds a backslash) with its escapes applied. An escape
    /// that makes a control character (but `\n` and `\t`) is reported,
    /// one warning per run of them (`W0110`).
    fn unescape(&mut self, raw: &str, start: usize) -> String {
        let mut out = String::with_capacity(raw.len());
        // Runs of escapes of control characters: their span, the first
        // character, how many.
        let mut controls: Vec<(Span, String, char, usize)> = Vec::new();
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'u')) => {
                    // The grammar guarantees `{` 1–6 hex digits `}`.
                    let rest = &raw[i + 2..];
                    let close = rest.find('}').expect(GRAMMAR);
                    let hex = &rest[1..close];
                    for _ in 0..=close {
                        chars.next();
                    }
                    let value = u32::from_str_radix(hex, 16).expect(GRAMMAR);
                    match char::from_u32(value) {
                        Some(ch) => {
                            if ch.is_control() && !matches!(ch, '\n' | '\t') {
                                let span = Span::new(start + i, start + i + 3 + close);
                                match controls.last_mut() {
                                    Some(run) if run.0.end == span.start => {
                                        run.0.end = span.end;
                                        run.3 += 1;
                                    }
                                    _ => controls.push((span, raw[i..i + 3 + close].into(), ch, 1)),
                                }
                            }
                            out.push(ch)
                        }
                        None => {
                            let span = Span::new(start + i, start + i + 3 + close);
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::Syntax,
                                    format!("`\\u{{{hex}}}` is not a Unicode character"),
                                )
                                .label(span, "this escape")
                                .help(
                                    "write a Unicode scalar value: 0 to 10FFFF, outside D800–DFFF",
                                ),
                            );
                            out.push('\u{FFFD}');
                        }
                    }
                }
                _ => unreachable!("{GRAMMAR}: escapes are checked by the grammar"),
            }
        }
        for (span, written, c, count) in controls {
            self.diagnostics
                .push(control_escape(span, &written, c, count));
        }
        out
    }

    fn date(&mut self, p: Pair<'_, Rule>) -> Spanned<Date> {
        let span = self.span(&p);
        let mut points = p.into_inner().filter(|q| q.as_rule() == Rule::date_point);
        let from = self.date_point(points.next().expect(GRAMMAR));
        let to = points.next().map(|q| self.date_point(q));
        let date = Date { from, to };
        if let Err(e) = date.validate() {
            self.diagnostics.push(
                Diagnostic::new(Code::InvalidDate, format!("invalid date: {e}"))
                    .label(span, "this date")
                    .help("write a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD; a range runs from the earlier date to the later"),
            );
        }
        Spanned::new(date, span)
    }

    /// A date pair's value, without diagnostics.
    pub(crate) fn date_value(&mut self, p: Pair<'_, Rule>) -> Date {
        self.date(p).value
    }

    fn date_point(&self, p: Pair<'_, Rule>) -> DatePoint {
        let mut approx = false;
        let mut text = "";
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::approx => approx = true,
                _ => text = q.as_str(),
            }
        }
        let mut parts = text.split('-').map(|n| n.parse::<u32>().expect(GRAMMAR));
        let year = parts.next().expect(GRAMMAR) as i32;
        DatePoint {
            year,
            month: parts.next(),
            day: parts.next(),
            approx,
        }
    }

    fn duration(&self, p: Pair<'_, Rule>) -> Spanned<Duration> {
        let span = self.span(&p);
        let mut approx = false;
        let mut count = 0;
        let mut unit = Unit::Day;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::approx => approx = true,
                Rule::count => count = q.as_str().parse().expect(GRAMMAR),
                _ => unit = Unit::parse(q.as_str()).expect(GRAMMAR),
            }
        }
        Spanned::new(
            Duration {
                count,
                unit,
                approx,
            },
            span,
        )
    }
}

/// Where the last token inside a pair ends (tokens are atomic rules, which
/// never hold skipped white space).
fn token_end(p: &Pair<'_, Rule>) -> usize {
    match p.clone().into_inner().last() {
        Some(last) => token_end(&last),
        None => p.as_span().end(),
    }
}

/// Anything that knows where it was written.
trait HasSpan {
    fn span_of(&self) -> Span;
}

impl<T> HasSpan for Spanned<T> {
    fn span_of(&self) -> Span {
        self.span
    }
}

/// Remove the first line break after `"""`, the indentation common to all
/// lines, and trailing blank space, so that a block reads as it is laid out.
fn dedent(text: &str) -> String {
    // Line breaks are LF, CRLF or a lone CR (old Mac files): all read as LF.
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let text = text
        .strip_prefix("\r\n")
        .or_else(|| text.strip_prefix('\n'))
        .unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Every line that is not blank starts with at least `indent` bytes
        // of ASCII space or tab; blank lines keep nothing.
        if !line.trim().is_empty() {
            out.push_str(&line[indent..]);
        }
    }
    out.trim_end().to_string()
}

/// `W0110`: escapes in a text that make control characters; `written` is
/// the first as the file writes it.
fn control_escape(span: Span, written: &str, c: char, count: usize) -> Diagnostic {
    let message = match count {
        1 => format!(
            "the escape `{written}` in this text makes a control character, {}",
            crate::chars::code_and_name(c)
        ),
        n => format!(
            "{n} escapes in this text make control characters, the first `{written}` ({})",
            crate::chars::code_and_name(c)
        ),
    };
    Diagnostic::new(Code::ControlEscape, message)
        .label(
            span,
            "a control character: it means nothing to a reader, and acts on a terminal",
        )
        .help("delete it; write a line break as `\\n`, a tab as `\\t`, anything else in words")
        .fix(
            if count == 1 {
                "Delete the escape"
            } else {
                "Delete these escapes"
            },
            span,
            "",
        )
}

#[cfg(test)]
mod tests {
    use super::dedent;

    #[test]
    fn blocks_are_dedented() {
        assert_eq!(dedent("\n    one\n      two\n    "), "one\n  two");
        assert_eq!(dedent("single"), "single");
        assert_eq!(dedent("\r\n  a\r\n  b\r\n"), "a\nb");
        assert_eq!(dedent("\r  a\r  b\r"), "a\nb");
        assert_eq!(dedent("\n    a\n\u{3000}\u{3000}\n    b"), "a\n\nb");
    }
}
