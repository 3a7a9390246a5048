//! Lowering: the syntax tree and the resolution table into the model, once.

use super::*;
use crate::resolve::Symbols;
use crate::syntax::ast;

/// Lower a resolved file into the model.
pub fn lower(file: &ast::File, symbols: &Symbols) -> Model {
    let mut model = Model::default();
    // Each declaration's node first, so that references can name them.
    let mut counts = [0usize; 8];
    model.nodes = file
        .decls
        .iter()
        .map(|d| {
            let slot = |k: usize, counts: &mut [usize; 8]| {
                counts[k] += 1;
                counts[k] - 1
            };
            match d {
                ast::Decl::Case(_) => Node::Case(CaseId::from_index(slot(0, &mut counts))),
                ast::Decl::Source(_) => Node::Source(SourceId::from_index(slot(1, &mut counts))),
                ast::Decl::Actor(_) => Node::Actor(ActorId::from_index(slot(2, &mut counts))),
                ast::Decl::Event(_) => Node::Event(EventId::from_index(slot(3, &mut counts))),
                ast::Decl::Claim(_) => Node::Claim(ClaimId::from_index(slot(4, &mut counts))),
                ast::Decl::Evidence(_) => {
                    Node::Evidence(EvidenceId::from_index(slot(5, &mut counts)))
                }
                ast::Decl::Response(_) => {
                    Node::Response(ResponseId::from_index(slot(6, &mut counts)))
                }
                ast::Decl::Hypothesis(_) => {
                    Node::Hypothesis(HypothesisId::from_index(slot(7, &mut counts)))
                }
            }
        })
        .collect();
    let l = Lowering {
        symbols,
        nodes: &model.nodes,
    };
    for (decl, d) in file.decls.iter().enumerate() {
        match d {
            ast::Decl::Case(c) => {
                model.cases.push(Header {
                    head: head(&c.head, decl),
                    title: c.title.clone(),
                    period: valid(&c.period),
                    authors: c.authors.clone(),
                    version: c.version.clone(),
                });
            }
            ast::Decl::Source(s) => {
                model.sources.push(Source {
                    head: head(&s.head, decl),
                    kind: s.kind.as_ref().map(|k| k.value),
                    publisher: s.publisher.clone(),
                    title: s.title.clone(),
                    url: s.url.clone(),
                    published: valid(&s.published),
                    reliability: s.reliability.as_ref().map(|r| r.value),
                    repeats: l.refs(&s.repeats, Node::source),
                });
            }
            ast::Decl::Actor(a) => {
                model.actors.push(Actor {
                    head: head(&a.head, decl),
                    kind: a.kind.as_ref().map(|k| k.value),
                    name: a.name.clone(),
                    aliases: a.aliases.clone(),
                    country: a.country.clone(),
                    attack_group: a.attack_group.clone(),
                    imitations: a
                        .imitations
                        .iter()
                        .filter_map(|r| {
                            Some(Imitation {
                                target: l.one(&r.target, Node::actor)?,
                                per: l.refs(&r.per, Node::source),
                                span: r.span,
                            })
                        })
                        .collect(),
                    relations: a
                        .relations
                        .iter()
                        .filter_map(|r| {
                            Some(Relation {
                                kind: r.kind,
                                target: l.one(&r.target, Node::actor)?,
                                office: r.office.clone(),
                                per: l.refs(&r.per, Node::source),
                                span: r.span,
                            })
                        })
                        .collect(),
                    sources: l.refs(&a.sources, Node::source),
                });
            }
            ast::Decl::Event(e) => {
                model.events.push(Event {
                    head: head(&e.head, decl),
                    title: e.title.clone(),
                    kinds: e.kinds.iter().map(|k| k.value).collect(),
                    date: valid(&e.date),
                    known: valid(&e.known),
                    duration: e.duration.clone(),
                    targets: l.refs(&e.targets, Node::actor),
                    effects: e.effects.clone(),
                    techniques: e.techniques.clone(),
                    malware: e.malware.clone(),
                    tools: e.tools.clone(),
                    cves: e.cves.clone(),
                    part_of: l.refs(&e.part_of, Node::event),
                    follows: l.refs(&e.follows, Some),
                    sources: l.refs(&e.sources, Node::source),
                });
            }
            ast::Decl::Claim(c) => {
                // By kind of statement (the order of the verbs), each kind
                // in the order written: the order of a claim's fields
                // changes nothing.
                let mut statements: Vec<Statement> =
                    c.statements.iter().map(|s| l.statement(s)).collect();
                statements.sort_by_key(|s| s.verb);
                model.claims.push(Claim {
                    head: head(&c.head, decl),
                    by: l.refs(&c.by, Node::actor),
                    date: valid(&c.date),
                    sources: l.refs(&c.sources, Node::source),
                    statements,
                    confidence: c.confidence.as_ref().map(|s| Stated {
                        term: s.term.clone(),
                        words: s.words.clone(),
                        span: s.span,
                    }),
                    basis: c.basis.as_ref().map(|b| b.value),
                    revises: c.revises.as_ref().and_then(|r| l.one(r, Node::claim)),
                    unofficial: c.unofficial.clone(),
                });
            }
            ast::Decl::Evidence(e) => {
                model.evidence.push(Evidence {
                    head: head(&e.head, decl),
                    class: e.class.as_ref().map(|c| c.value),
                    sources: l.refs(&e.sources, Node::source),
                    credibility: e.credibility.as_ref().map(|c| c.value),
                    disclosed: e.disclosed.clone(),
                    known: valid(&e.known),
                    supports: l.refs(&e.supports, Node::claim),
                    contradicts: l.refs(&e.contradicts, Node::claim),
                    by: e.by.as_ref().and_then(|b| l.one(b, Node::actor)),
                    steps: e
                        .steps
                        .iter()
                        .filter_map(|s| {
                            Some(Step {
                                subject: l.one(&s.subject, Some)?,
                                object: l.one(&s.object, Node::actor)?,
                                span: s.span,
                            })
                        })
                        .collect(),
                    ratings: e
                        .ratings
                        .iter()
                        .map(|r| Rated {
                            rating: r.rating.clone(),
                            hypotheses: l.refs(&r.hypotheses, Some),
                            reason: r.reason.clone(),
                            span: r.span,
                        })
                        .collect(),
                });
            }
            ast::Decl::Response(r) => {
                model.responses.push(Response {
                    head: head(&r.head, decl),
                    kind: r.kind.as_ref().map(|k| k.value),
                    by: r.by.as_ref().and_then(|b| l.one(b, Node::actor)),
                    with: l.refs(&r.with, Node::actor),
                    against: l.refs(&r.against, Node::actor),
                    date: valid(&r.date),
                    deadline: r.deadline.clone(),
                    answers: l.refs(&r.answers, Some),
                    part_of: r.part_of.as_ref().and_then(|p| l.one(p, Node::response)),
                    category: r.category.clone(),
                    sources: l.refs(&r.sources, Node::source),
                });
            }
            ast::Decl::Hypothesis(h) => {
                model.hypotheses.push(Hypothesis {
                    head: head(&h.head, decl),
                    title: h.title.clone(),
                    explains: l.refs(&h.explains, Node::event),
                    responsible: l.refs(&h.responsible, Node::actor),
                    sources: l.refs(&h.sources, Node::source),
                });
            }
        }
    }
    model
}

fn head(h: &ast::Head, decl: usize) -> Head {
    Head {
        name: h.id.value.clone(),
        name_span: h.id.span,
        header: h.header,
        span: h.span,
        summary: h.summary.clone(),
        notes: h.notes.clone(),
        quotes: h.quotes.clone(),
        unconfirmed: h.unconfirmed.clone(),
        partial: h.partial,
        decl,
    }
}

/// A date that exists: an invalid one (`2022-13-07`, reported as `E0106`)
/// feeds nothing.
fn valid(date: &Option<Spanned<Date>>) -> Option<Spanned<Date>> {
    date.as_ref()
        .filter(|d| d.value.validate().is_ok())
        .cloned()
}

struct Lowering<'a> {
    symbols: &'a Symbols,
    nodes: &'a [Node],
}

impl Lowering<'_> {
    /// A reference, if it resolved to a declaration `typed` accepts.
    fn one<T>(&self, ident: &ast::Ident, typed: fn(Node) -> Option<T>) -> Option<Ref<T>> {
        let node = self.nodes[self.symbols.target(ident)?];
        Some(Ref {
            to: typed(node)?,
            span: ident.span,
        })
    }

    fn refs<T>(&self, idents: &[ast::Ident], typed: fn(Node) -> Option<T>) -> Vec<Ref<T>> {
        idents.iter().filter_map(|i| self.one(i, typed)).collect()
    }

    fn statement(&self, s: &ast::Statement) -> Statement {
        use ast::Statement as S;
        let (verb, targets, object, roles): (Verb, &[ast::Ident], Option<&ast::Ident>, &[_]) =
            match s {
                S::Attributes {
                    subject,
                    object,
                    roles,
                    ..
                } => (
                    Verb::Attributes,
                    std::slice::from_ref(subject),
                    Some(object),
                    roles,
                ),
                S::Responsibility { events, .. } => (Verb::TakesResponsibility, events, None, &[]),
                S::Denies { claims, .. } => (Verb::Denies, claims, None, &[]),
                S::Condemns { targets, .. } => (Verb::Condemns, targets, None, &[]),
                S::Acknowledges { claims, .. } => (Verb::Acknowledges, claims, None, &[]),
                S::Endorses { claims, .. } => (Verb::Endorses, claims, None, &[]),
                S::Assesses { targets, .. } => (Verb::Assesses, targets, None, &[]),
                S::Locates { events, place, .. } => (Verb::Locates, events, Some(place), &[]),
                S::Disputes { claims, .. } => (Verb::Disputes, claims, None, &[]),
                S::DeniesResponsibility { events, .. } => {
                    (Verb::DeniesResponsibility, events, None, &[])
                }
                S::DeclinesToAttribute { events, .. } => {
                    (Verb::DeclinesToAttribute, events, None, &[])
                }
                S::CannotAttribute { events, .. } => (Verb::CannotAttribute, events, None, &[]),
            };
        Statement {
            verb,
            targets: self.refs(targets, Some),
            object: object.and_then(|o| self.one(o, Node::actor)),
            roles: roles.to_vec(),
            span: s.span(),
        }
    }
}

impl Node {
    fn source(self) -> Option<SourceId> {
        match self {
            Node::Source(s) => Some(s),
            _ => None,
        }
    }

    fn response(self) -> Option<ResponseId> {
        match self {
            Node::Response(r) => Some(r),
            _ => None,
        }
    }
}
