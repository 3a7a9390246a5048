//! `attrib report`: one self-contained HTML page per case, and an index of
//! several cases with their comparison table.
//!
//! A case page shows, in this order: the case's title, period and summary;
//! the assessments (who is held responsible for what, by whom, with what
//! confidence *they* stated, and what support the evidence on record gives
//! it); the timeline ([`super::timeline`]); the chains link by link; the
//! claims, events, evidence, responses, actors and sources as tables; the
//! file's diagnostics. Every item has an anchor (`id="claim-…"`) and its
//! `file:line`, and every reference is a link to the item it names.
//!
//! The page is made with maud, which escapes every value it inserts: case
//! text is user input and is never written out as markup. The page loads
//! nothing: no script (the index has a few inline lines to sort its table),
//! no external style, font or image; its Content-Security-Policy forbids it.
//!
//! The page reads the resolved case ([`crate::model`]) and its analysis,
//! each assessment and link worded by [`super::chains_json`] from the
//! analysis itself; it does not re-run the calculus or look ids up by name.
//! Nothing on it depends on the order of the declarations, except each
//! item's `file:line`.

use super::chains_json::{self, AssessmentOutput, StatedOutput, SupportOutput};
use super::timeline;
use super::words;
use crate::analysis::assessments::{Assessment, Attributor, Participation};
use crate::analysis::{Analysis, Group};
use crate::compare::CaseRecord;
use crate::compile::Compilation;
use crate::diagnostics::Severity;
use crate::model::*;
use crate::source::LineIndex;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeMap;

pub use super::anchor;

/// The name of a case's page: its case id (or, without a header, the
/// file's name), with every character that is not a letter, a digit, `-`
/// or `_` replaced, and `.html`.
pub fn page_name(c: &Compilation, fallback: &str) -> String {
    let base = c.case_id().unwrap_or(fallback);
    let safe: String = base
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let safe = if safe.is_empty() || safe.starts_with('.') {
        format!("case{safe}")
    } else {
        safe
    };
    format!("{safe}.html")
}

const STYLE: &str = include_str!("report.css");
const SORT_SCRIPT: &str = include_str!("report-sort.js");

/// The policy of a case page: nothing may be loaded.
const CSP_PAGE: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
/// The index may also run its inline sorting script, and no other: the
/// policy names the script by its hash (SHA-256 of `report-sort.js`, base64;
/// `tests/report.rs` recomputes it from the page, and says the new value
/// when the script changes).
const CSP_INDEX: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-fD4gAj/noxS6ueFCTmCaFVrDTY7ObRP8C3Kq4zHLCnk='; img-src data:; base-uri 'none'; form-action 'none'";

struct Ctx<'a> {
    m: &'a Model,
    analysis: &'a Analysis,
    path: &'a str,
    /// The line of each declaration's keyword, by its index in the file.
    lines: Vec<usize>,
}

impl Ctx<'_> {
    /// A link to a declaration, showing its id.
    fn link(&self, i: impl Into<Node>) -> Markup {
        let i = i.into();
        html! { a href={"#" (anchor(self.m, i))} { (self.m.name(i)) } }
    }

    /// A link to a declaration, showing its display name.
    fn named(&self, i: impl Into<Node>) -> Markup {
        let i = i.into();
        html! { a href={"#" (anchor(self.m, i))} { (self.m.display_name(i)) } }
    }

    /// Links to the declarations of a list, comma-separated.
    fn links<I: Into<Node> + Copy>(&self, list: &[I]) -> Markup {
        html! {
            (comma_separated(list.iter().map(|&i| self.link(i))))
        }
    }

    /// References, each a link to what it names.
    fn refs<T: Into<Node> + Copy>(&self, list: &[Ref<T>]) -> Markup {
        html! {
            (comma_separated(list.iter().map(|r| self.link(r.to))))
        }
    }

    fn loc(&self, i: impl Into<Node>) -> Markup {
        html! { span.loc { (self.path) ":" (self.lines[self.m.head(i.into()).decl]) } }
    }

    /// A claim with its claimants and date: `albania-attribution (Edi Rama, 2022-09-07)`.
    fn claim_ref(&self, c: ClaimId) -> Markup {
        let claim = &self.m.claims[c];
        let date = claim.date.as_ref().map(|d| d.value.to_string());
        html! {
            (self.link(c))
            span.aside {
                " ("
                (comma_separated(claim.by.iter().map(|a| self.m.display_name(a.to))))
                @if let Some(d) = date { @if !claim.by.is_empty() { ", " } (d) }
                ")"
            }
        }
    }

    fn claim_refs(&self, list: &[ClaimId]) -> Markup {
        html! {
            ul.plain {
                @for &c in list { li { (self.claim_ref(c)) } }
            }
        }
    }

    fn in_view(&self, i: impl Into<Node>) -> bool {
        self.analysis.view.includes(i.into())
    }

    /// The declarations of an arena, sorted by date then id.
    fn dated<I: Idx + Into<Node>, T>(&self, arena: &Arena<I, T>) -> Vec<I> {
        let mut v: Vec<I> = arena.ids().collect();
        self.m.sort_dated(&mut v);
        v
    }

    /// The declarations of an arena, sorted by id.
    fn by_id<I: Idx + Into<Node>, T>(&self, arena: &Arena<I, T>) -> Vec<I> {
        let mut v: Vec<I> = arena.ids().collect();
        self.m.sort_by_name(&mut v);
        v
    }
}

/// A claimant's stated confidence, always labelled as theirs.
fn stated(s: &StatedOutput) -> Markup {
    html! {
        span.stated {
            span.tag { "stated" } " "
            strong { (s.term) }
            @if let Some(w) = &s.words { " “" (w) "”" }
            span.aside { " (" (s.value) " on STIX's scale; the claimant's own, in " (s.claim) ")" }
        }
    }
}

/// attrib's support figure, never called confidence.
fn support(s: &SupportOutput, what: &str) -> Markup {
    let level = words::level(s.level);
    html! {
        div.support role="group" aria-label={"Support on record for " (what)} {
            span.support-label { "Support on record" }
            span.meter aria-hidden="true" {
                span class={"fill level-" (s.level.word())} style={"width:" (s.value) "%"} {}
            }
            span.support-figure { strong { (s.value) } " of 100" }
            " "
            span.support-level { "(" (level) ")" }
            @if let Some(steps) = &s.explanation {
                details.steps {
                    summary { "How this figure is computed" }
                    ol { @for step in steps { li { (step) } } }
                }
            }
        }
    }
}

/// The heading of a group of attributors: states are counted once each
/// (a state, its organs and office holders count for it), others one by one.
fn group_heading(g: Group, members: &[&Attributor]) -> String {
    let n = if g == Group::State {
        let states: std::collections::BTreeSet<Option<ActorId>> =
            members.iter().map(|x| x.state.or(Some(x.actor))).collect();
        states.len()
    } else {
        members.len()
    };
    let plural = if n == 1 { "" } else { "s" };
    match g {
        Group::State => {
            if members.len() == n {
                format!("{n} state{plural}")
            } else {
                format!("{n} state{plural} ({} attributors)", members.len())
            }
        }
        Group::InternationalOrganisation => format!("{n} international organisation{plural}"),
        Group::Vendor => format!("{n} vendor{plural}"),
        Group::Media => format!("{n} media outlet{plural}"),
        Group::Other => format!("{n} other{plural}"),
        Group::Actors => "the actors themselves".to_string(),
    }
}

fn participation(p: Participation) -> &'static str {
    match p {
        Participation::Attributes => "attributes",
        Participation::Endorses => "endorses another's attribution",
        Participation::ClaimsResponsibility => "claims responsibility",
    }
}

/// Paragraphs of a text block: blank lines part them, single line breaks
/// are spaces.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn head(title: &str, csp: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(csp);
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content={"attrib " (env!("CARGO_PKG_VERSION"))};
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    }
}

/// The report page of one compiled case. `path` is the file as the
/// reader knows it (shown with each item's line); `text` is its text.
pub fn case_page(c: &Compilation, text: &str, path: &str) -> String {
    let m = &c.model;
    let analysis = &c.analysis;
    let case = m.header();
    let title = title(c, path);
    let index = LineIndex::new(text);
    let lines = c
        .file
        .decls
        .iter()
        .map(|d| index.line_column(d.head().header.start).0)
        .collect();
    let cx = Ctx {
        m,
        analysis,
        path,
        lines,
    };
    let tl = timeline::build(c);
    let warnings = c.count(Severity::Warning);
    let authors: &[Text] = case.map_or(&[], |k| k.authors.as_slice());
    // The page's sections, in order: the page and its contents are both
    // made from this list.
    let sections: Vec<Section> = [
        Some(assessments(&cx)),
        hypotheses(&cx),
        Some(timeline_section(&tl, &title)),
        assessment_details(&cx),
        Some(chains(&cx)),
        Some(claims(&cx)),
        Some(events(&cx)),
        Some(evidence(&cx)),
        Some(responses(&cx)),
        Some(actors(&cx)),
        Some(sources(&cx)),
        Some(diagnostics(&cx, c, text, warnings)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("{title} — attrib report"), CSP_PAGE))
            body.case {
                a.skip href="#assessments" { "Skip to the assessments" }
                div.layout {
                    (contents(&sections))
                    div.page {
                        header #top {
                            p.kicker { "attrib case report" }
                            h1 { (title) }
                            dl.facts {
                                @if let Some(id) = c.case_id() { div { dt { "Case" } dd { code { (id) } } } }
                                @if let Some(p) = case.and_then(|k| k.period.as_ref()) {
                                    div {
                                        dt { "Period" }
                                        dd { (p.value.to_string()) span.aside { " (" (timeline::precision_words(&p.value)) ")" } }
                                    }
                                }
                                @if let Some(v) = case.and_then(|k| k.version.as_ref()) { div { dt { "Version" } dd { (v.value) } } }
                                @if !authors.is_empty() {
                                    div {
                                        dt { "Authors" }
                                        dd { @for (n, a) in authors.iter().enumerate() { @if n > 0 { ", " } (a.value) } }
                                    }
                                }
                                div { dt { "File" } dd { code { (path) } } }
                                @if let Some(d) = &analysis.view.as_of {
                                    div { dt { "As of" } dd { (d.to_string()) } }
                                }
                            }
                            @if let Some(k) = case {
                                @if let Some(s) = &k.head.summary {
                                    section.summary aria-label="Summary" {
                                        @for p in paragraphs(&s.value) { p { (p) } }
                                    }
                                }
                                @for note in &k.head.notes { p.note { span.tag { "note" } " " (note.value) } }
                            }
                            @if let Some(d) = &analysis.view.as_of {
                                p.as-of {
                                    strong { "As of " (d.to_string()) ": " }
                                    "the assessments, chains and timeline show only the claims and responses certainly made by then and the evidence known by then (docs/confidence.md, “As of a date”)."
                                    @if !analysis.view.uncertain.is_empty() {
                                        " Left out, dated too coarsely to tell whether by then: " (cx.links(&analysis.view.uncertain)) "."
                                    }
                                }
                            }
                        }
                        main {
                            @for s in &sections { (s.render()) }
                        }
                        footer {
                            p { "Made by attrib " (env!("CARGO_PKG_VERSION")) " from " code { (path) } ". The page shows only what the case file says and what attrib derives from it; see docs/report.md." }
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

/// The case's title: its header's `title`, else its id, else the path.
fn title(c: &Compilation, path: &str) -> String {
    c.model
        .header()
        .map(|h| h.title.as_ref().map_or(&h.head.name, |t| &t.value).clone())
        .unwrap_or_else(|| path.to_string())
}

/// A section of a case page: its anchor, its heading and body, and its
/// entry in the contents. The page and its contents are both made from one
/// list of sections, so that a section added to the list is in both.
struct Section {
    id: &'static str,
    heading: &'static str,
    /// The entry in the contents, when shorter than the heading.
    label: Option<&'static str>,
    /// How many items the section lists, shown beside its entry.
    count: Option<usize>,
    /// Entries under the section's: (anchor, words).
    entries: Vec<(String, String)>,
    body: Markup,
}

impl Section {
    fn new(id: &'static str, heading: &'static str, body: Markup) -> Section {
        Section {
            id,
            heading,
            label: None,
            count: None,
            entries: Vec::new(),
            body,
        }
    }

    fn label(mut self, label: &'static str) -> Section {
        self.label = Some(label);
        self
    }

    fn count(mut self, n: usize) -> Section {
        self.count = Some(n);
        self
    }

    fn entries(mut self, entries: Vec<(String, String)>) -> Section {
        self.entries = entries;
        self
    }

    fn render(&self) -> Markup {
        html! {
            section id=(self.id) {
                h2 { (self.heading) }
                (self.body)
            }
        }
    }
}

/// The contents: a sidebar that stays in view beside the page on a wide
/// screen, a list above it on a narrow one; not printed.
fn contents(sections: &[Section]) -> Markup {
    html! {
        nav.toc aria-label="Contents" {
            p.toc-heading { a href="#top" { "Contents" } }
            ol {
                @for s in sections {
                    li {
                        a href={"#" (s.id)} {
                            (s.label.unwrap_or(s.heading))
                            @if let Some(n) = s.count { " " span.count { (n) } }
                        }
                        @if !s.entries.is_empty() {
                            ol {
                                @for (anchor, words) in &s.entries {
                                    li { a href={"#" (anchor)} title=(words) { (words) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The timeline section of [`case_page`] as a page of its own, with the
/// report's style and policy (the playground's timeline pane). Its marks
/// link to items of the case page, which are not on it.
pub fn timeline_page(c: &Compilation, path: &str) -> String {
    let title = title(c, path);
    let tl = timeline::build(c);
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("{title} — timeline — attrib"), CSP_PAGE))
            body { main { (timeline_section(&tl, &title).render()) } }
        }
    }
    .into_string()
}

/// The timeline: the figure and its legend, and what could not be drawn.
fn timeline_section(tl: &timeline::Timeline, title: &str) -> Section {
    let body = html! {
        @match timeline::svg(tl, title) {
            Some(svg) => figure.timeline-figure {
                div.timeline-scroll { (svg) }
                figcaption { (legend()) }
            },
            None => p { "Nothing in this case is dated." },
        }
        @if !tl.undated.is_empty() {
            p.aside {
                "Not drawn, for want of a date: "
                (comma_separated(tl.undated.iter().map(|a| html! { a href={"#" (a)} { (a) } })))
                "."
            }
        }
    };
    Section::new("timeline", "Timeline", body)
}

/// The timeline's legend: what each kind of mark means, drawn as it is.
fn legend() -> Markup {
    let swatch = |class: &str, fuzzy: bool| {
        html! {
            svg.swatch viewBox="0 0 44 12" width="44" height="12" aria-hidden="true" {
                @if fuzzy {
                    rect class={"fuzzy fuzzy-left " (class)} x="0" y="2" width="12" height="8" {}
                    rect class={"core " (class)} x="12" y="2" width="20" height="8" {}
                    rect class={"fuzzy fuzzy-right " (class)} x="32" y="2" width="12" height="8" {}
                } @else {
                    rect class={"core " (class)} x="2" y="2" width="40" height="8" {}
                }
            }
        }
    };
    html! {
        ul.legend {
            li { (swatch("event", false)) " event" }
            li { (swatch("known", false)) " in an event's row: when it became publicly known" }
            li { (swatch("evidence", false)) " evidence, when it became known" }
            li { (swatch("response", false)) " response; a dashed line ending in a bar is its deadline" }
        }
        ul.legend {
            li { "Claims, by the confidence their claimant " em { "stated" } " (the words beside each mark say it):" }
            li { (swatch("claim stated-none", false)) " none stated" }
            li { (swatch("claim stated-low", false)) " low (30 or less)" }
            li { (swatch("claim stated-mid", false)) " middle (50–70)" }
            li { (swatch("claim stated-high", false)) " high (85 or more)" }
        }
        p {
            "Every date is drawn as the span of days it may mean: a day is a thin bar, a month a bar across the month, a range runs from the first day its start may mean to the last day its end may mean. "
            (swatch("event", true))
            " An approximate date (" code { "~" } ") has faded, dashed ends across the days the " code { "~" } " adds. "
            "Hatched gaps marked // cut long stretches in which nothing is recorded. The rest is drawn month by month, each month the wider the more is recorded in it (a busy month is spread out, a quiet one kept narrow): read dates from the ticks, not from distances across months. Hover a mark for its date in words; select it to go to the item."
        }
    }
}

/// Each assessment of the analysis with its wording (figures and names),
/// made from it.
fn assessment_list<'a>(cx: &'a Ctx<'_>) -> Vec<(AssessmentOutput, &'a Assessment)> {
    cx.analysis
        .assessments
        .iter()
        .map(|a| (chains_json::assessment(cx.m, cx.analysis, a, true), a))
        .collect()
}

/// A date as written (`2022-09-09 to 2022-09-10`), each date kept whole on
/// one line.
fn date_words(d: &str) -> Markup {
    html! {
        @for (k, part) in d.split(" to ").enumerate() {
            @if k > 0 { " to " }
            span.date { (part) }
        }
    }
}

/// The two figures, side by side, as everywhere in attrib.
fn measures() -> Markup {
    html! {
        aside.measures aria-label="How to read the figures" {
            p {
                strong { "Support on record" }
                " is attrib's figure, 0–100: how far the evidence recorded and disclosed in this file backs an attribution. It measures the record, not the truth, and is not a likelihood."
            }
            p {
                strong { "Stated confidence" }
                " is the claimant's own: their words and the standard term they map to. It is always theirs, never attrib's, and never enters the support."
            }
        }
    }
}

/// The answer first: one row per assessment, weightiest first.
fn assessments(cx: &Ctx<'_>) -> Section {
    let list = assessment_list(cx);
    let body = html! {
        @if list.is_empty() {
            p { "No event is attributed to anyone in this file." }
        } @else {
            div.table-scroll {
                table.answers {
                    caption { "For each event and party held responsible: who holds it responsible, the confidence they stated, and the support the evidence on record gives it. The weightiest first; each row links to its details." }
                    (column_headings(&[
                        "Held responsible",
                        "For",
                        "By",
                        "Strongest stated confidence (the claimant's)",
                        "Support on record (attrib's)",
                        "First attributed",
                    ]))
                    tbody {
                        @for (k, (out, a)) in list.iter().enumerate() {
                            tr {
                                th scope="row" {
                                    a href={"#assessment-" (k + 1)} { (out.responsible.name) }
                                    span.aside { " (" (out.responsible.kind) ")" }
                                }
                                td { (out.event.name) @if let Some(d) = &out.event_date { span.aside { ", " (date_words(d)) } } }
                                td {
                                    @if !a.states.is_empty() {
                                        strong { (a.states.len()) " state" @if a.states.len() != 1 { "s" } } ": "
                                        @for (n, &st) in a.states.iter().enumerate() { @if n > 0 { ", " } (cx.m.display_name(st)) }
                                    }
                                    @let others: Vec<&Attributor> = a.attributors.iter().filter(|x| x.group != Group::State).collect();
                                    @if !others.is_empty() {
                                        @if !a.states.is_empty() { br; }
                                        @for (n, x) in others.iter().enumerate() {
                                            @if n > 0 { ", " }
                                            (cx.m.display_name(x.actor))
                                            @if x.participation == Participation::ClaimsResponsibility { span.aside { " (its own claim)" } }
                                        }
                                    }
                                }
                                td {
                                    @match &out.strongest_stated {
                                        Some(s) => { span.tag { "stated" } " " strong { (s.term) } @if let Some(w) = &s.words { " “" (w) "”" } },
                                        None => span.aside { "none stated" },
                                    }
                                }
                                td.figure {
                                    span.meter aria-hidden="true" { span class={"fill level-" (out.support.level.word())} style={"width:" (out.support.value) "%"} {} }
                                    " " strong { (out.support.value) } " of 100"
                                    br; span.aside { (words::level(out.support.level)) }
                                }
                                td { @if let Some(f) = &a.first { (date_words(&f.date.to_string())) } @else { "—" } }
                            }
                        }
                    }
                }
            }
        }
        (measures())
    };
    Section::new("assessments", "Assessments: who is held responsible", body)
        .label("Assessments")
        .count(list.len())
}

/// The competing hypotheses (`attrib ach`): for each event weighed, the
/// ranking and the matrix, coloured by rating, the deciding rows marked.
/// No section when the case rates nothing.
fn hypotheses(cx: &Ctx<'_>) -> Option<Section> {
    let m = cx.m;
    let matrices = &cx.analysis.ach.matrices;
    if matrices.is_empty() && m.hypotheses.is_empty() {
        return None;
    }
    let body = html! {
        p.aside { "Score: " (super::ach::SCORE) "." }
        @for x in matrices {
            @let out = super::ach::matrix(cx.m, x);
            div.matrix id={"ach-" (cx.m.name(x.event))} {
                h3 { "For " (cx.named(x.event)) @if let Some(d) = &out.event_date { span.aside { ", " (date_words(d)) } } }
                div.table-scroll {
                    table.ranking {
                        caption { "The hypotheses, least inconsistent first. First place: " (out.first.join(", ")) @if out.first.len() > 1 { " (tied)" } "." }
                        (column_headings(&["", "Hypothesis", "Weighted inconsistency", "Items against", "Who raised it"]))
                        tbody {
                            @for (k, h) in out.hypotheses.iter().enumerate() {
                                tr class=@if out.first.contains(&h.id) { "first" } {
                                    td { "H" (k + 1) }
                                    th scope="row" {
                                        (cx.named(x.columns[k].hyp.node()))
                                        br; span.aside { (h.id) }
                                    }
                                    td.figure { @match (h.rank, h.score) { (Some(r), Some(s)) => { strong { (s) } span.aside { " (rank " (r) ")" } }, _ => span.aside { "not rated" } } }
                                    td { (h.against) " of " (h.rated) }
                                    td {
                                        @if h.kind == "party" { span.aside { "a claim holds it responsible" } }
                                        @else if h.sources.is_empty() { span.aside { "declared; no source raises it" } }
                                        @else { "declared, per " (comma_separated(h.sources.iter().map(|s| html! { a href={"#source-" (s)} { (s) } }))) }
                                    }
                                }
                            }
                        }
                    }
                }
                div.table-scroll {
                    table.ach {
                        caption { "Each item rated against each hypothesis (CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent; blank: not rated; hover a mark for its reason). Deciding: removing or re-rating the item would bring another hypothesis into first place." }
                        thead { tr {
                            th scope="col" { "Item" }
                            th scope="col" { "Grade" }
                            @for k in 0..out.hypotheses.len() { th scope="col" title=(out.hypotheses[k].id) { "H" (k + 1) } }
                            th scope="col" { "" }
                        } }
                        tbody {
                            @for (r, row) in out.rows.iter().zip(&x.rows) {
                                tr class=@if !r.deciding.is_empty() { "deciding" } @else if !r.diagnostic { "silent" } {
                                    th scope="row" { (cx.link(row.item)) }
                                    td.figure { (r.grade) }
                                    @for c in &r.ratings {
                                        @match c {
                                            Some(c) => td class={"rating " (c.rating)} title=(c.reason) { (c.mark) },
                                            None => td.rating {},
                                        }
                                    }
                                    td {
                                        @if !r.deciding.is_empty() { strong { "deciding" } }
                                        @if !r.diagnostic { span.aside { "not diagnostic" } }
                                    }
                                }
                            }
                        }
                    }
                }
                details.reasons {
                    summary { "The reasons for each rating" }
                    ul {
                        @for r in &out.rows {
                            @for (k, c) in r.ratings.iter().enumerate() {
                                @if let Some(c) = c {
                                    li { code { (r.item) } " " (c.mark) " H" (k + 1) " " code { (out.hypotheses[k].id) } ": " (c.reason) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let declared = html! {
        @if !m.hypotheses.is_empty() {
            h3 { "Declared hypotheses" }
            p.aside { "The explanations no claim makes; every party a claim holds responsible is a hypothesis too." }
            (items_table(&["Hypothesis", "Title", "Explains", "Makes responsible", "Raised by"], html! {
                @for h in cx.by_id(&m.hypotheses) {
                    @let hyp = &m.hypotheses[h];
                    tr id=(anchor(m, h)) {
                        th scope="row" { (hyp.head.name) br; (cx.loc(h)) }
                        td { @if let Some(t) = &hyp.title { (t.value) } (head_extras(&hyp.head)) }
                        td { (cx.refs(&hyp.explains)) }
                        td { (cx.refs(&hyp.responsible)) }
                        td { @if hyp.sources.is_empty() { span.aside { "no source cited" } } @else { (cx.refs(&hyp.sources)) } }
                    }
                }
            }))
        }
    };
    let body = html! { (body) (declared) };
    Some(Section::new("hypotheses", "Competing hypotheses", body).count(matrices.len()))
}

/// Each assessment in full; each is an entry of the contents.
fn assessment_details(cx: &Ctx<'_>) -> Option<Section> {
    let list = assessment_list(cx);
    if list.is_empty() {
        return None;
    }
    let body = html! {
        @for (k, (out, a)) in list.iter().enumerate() {
            (assessment(cx, k, out, a))
        }
    };
    let entries = list
        .iter()
        .enumerate()
        .map(|(k, (out, _))| {
            (
                format!("assessment-{}", k + 1),
                format!("{}: {}", out.responsible.name, out.event.name),
            )
        })
        .collect();
    Some(Section::new("assessment-details", "Assessments in detail", body).entries(entries))
}

fn assessment(cx: &Ctx<'_>, k: usize, out: &AssessmentOutput, a: &Assessment) -> Markup {
    let what = format!(
        "{} held responsible for {}",
        out.responsible.name, out.event.name
    );
    // Attributors by group, in the order of the model.
    let mut groups: Vec<(Group, Vec<&Attributor>)> = Vec::new();
    for x in &a.attributors {
        match groups.last_mut() {
            Some((g, v)) if *g == x.group => v.push(x),
            _ => groups.push((x.group, vec![x])),
        }
    }
    let outs: BTreeMap<ActorId, &chains_json::AttributorOutput> = a
        .attributors
        .iter()
        .map(|x| x.actor)
        .zip(&out.attributors)
        .collect();
    html! {
        article.assessment id={"assessment-" (k + 1)} {
            h3 {
                span.responsible { (cx.named(a.responsible)) }
                span.aside { " (" (out.responsible.kind) ")" }
                " held responsible for "
                (cx.named(a.event))
                @if let Some(d) = &out.event_date { span.aside { ", " (d) } }
            }
            @if !out.states.is_empty() {
                p.lead {
                    "By " strong { (out.states.len()) " state" @if out.states.len() != 1 { "s" } }
                    ": "
                    (cx.links_named(&a.states))
                    @if a.attributors.iter().any(|x| x.group != Group::State && x.group != Group::Actors) {
                        ", and others"
                    }
                    "."
                }
            }
            table.attributors {
                caption { "Who holds " (out.responsible.name) " responsible, and what they stated" }
                (column_headings(&["Attributor", "Counts for", "How", "Claims", "Stated confidence (theirs)"]))
                @for (g, members) in &groups {
                    tbody {
                        tr.group { th colspan="5" scope="rowgroup" { (group_heading(*g, members)) } }
                        @for x in members {
                            @let xo = outs.get(&x.actor);
                            tr {
                                th scope="row" { (cx.named(x.actor)) }
                                td { @if let Some(s) = x.state { (cx.named(s)) } @else { "—" } }
                                td {
                                    (participation(x.participation))
                                    @if x.unconfirmed { " " span.tag.unconfirmed { "unconfirmed" } }
                                    @if x.unofficial { " " span.tag { "without names" } }
                                    @if !x.via.is_empty() {
                                        br; span.aside { "by a group-to-state claim joined to the attribution of " (cx.links_named(&x.via)) }
                                    }
                                }
                                td {
                                    ul.plain {
                                        @for said in &x.history {
                                            li {
                                                (cx.claim_ref(said.claim))
                                                @if !said.current { " " span.tag { "revised later" } }
                                            }
                                        }
                                    }
                                }
                                td {
                                    @match xo.and_then(|o| o.stated.as_ref()) {
                                        Some(s) => (stated(s)),
                                        None => span.aside { "none stated" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (support(&out.support, &what))
            @if a.by_voices.len() > 1 {
                p.support-by {
                    "By kind of attributor, each alone: "
                    (comma_separated(a.by_voices.iter().map(|(v, c)| html! {
                        (v.word()) " " strong { (c.support.value) } " (" (words::level(c.support.level)) ")"
                    })))
                    "."
                }
            }
            @if let Some(r) = &a.rests_on {
                p.rests-on {
                    "Rests on " (cx.link(r.item)) ": " (out.support.value) " → "
                    strong { (r.without.value) } " (" (words::level(r.without.level)) ") without it."
                }
            }
            dl.about {
                @if let Some(s) = &out.strongest_stated {
                    dt { "Strongest stated confidence" }
                    dd { (stated(s)) }
                }
                @if let Some(f) = &a.first {
                    dt { "First attributed" }
                    dd {
                        (f.date.to_string())
                        @if let Some(fo) = &out.first_attribution {
                            @if let Some(days) = &fo.days_from_event {
                                @if days.fewest == days.most {
                                    ", " (days.fewest) " days after the event"
                                } @else {
                                    ", " (days.fewest) " to " (days.most) " days after the event (the dates' precision allows no closer figure)"
                                }
                            }
                        }
                        ", in " (cx.links(&f.claims))
                    }
                }
                @if let Some(f) = &a.first_unofficial {
                    dt { "First attributed without names" }
                    dd { (f.date.to_string()) ", in " (cx.links(&f.claims)) }
                }
                @if !a.denials.is_empty() { dt { "Denied by" } dd { (cx.claim_refs(&a.denials)) } }
                @if !a.disputes.is_empty() { dt { "Disputed by" } dd { (cx.claim_refs(&a.disputes)) } }
                @if !a.acknowledgements.is_empty() {
                    dt { "Relayed, not made, by" } dd { (cx.claim_refs(&a.acknowledgements)) }
                }
                @if !a.contradicting.is_empty() {
                    dt { "Contradicting evidence" } dd { (cx.links(&a.contradicting)) }
                }
                dt { "Chains" }
                dd {
                    @for (n, &ch) in a.chains.iter().enumerate() {
                        @if n > 0 { ", " }
                        a href={"#chain-" (ch + 1)} { (ch + 1) }
                    }
                }
            }
        }
    }
}

impl Ctx<'_> {
    fn links_named<I: Into<Node> + Copy>(&self, list: &[I]) -> Markup {
        html! {
            (comma_separated(list.iter().map(|&i| self.named(i))))
        }
    }
}

fn chains(cx: &Ctx<'_>) -> Section {
    let chains = &cx.analysis.chains.chains;
    let agreements = cx.analysis.chains.agreements();
    let body = html! {
        p.aside { "A chain is one claimant's route from an event to the party finally held responsible. Its support on record is that of its weakest link." }
        @if chains.is_empty() { p { "No chains." } }
        @for (k, chain) in chains.iter().enumerate() {
            @let out = chains_json::chain(cx.m, cx.analysis, chain, &agreements[k], true);
            article.chain id={"chain-" (k + 1)} {
                h3 {
                    "Chain " (k + 1) ": "
                    (cx.named(chain.event))
                    @for &l in &chain.links {
                        " → " (cx.named(cx.analysis.links[l].to))
                    }
                }
                p {
                    "Asserted by "
                    @if chain.party.is_empty() { "no one (declared relations only)" } @else { (cx.links_named(&chain.party)) }
                    "."
                    @if !out.agrees_with.is_empty() {
                        " Other routes from the same event to the same party: "
                        @for (n, j) in out.agrees_with.iter().enumerate() {
                            @if n > 0 { ", " }
                            a href={"#chain-" (j + 1)} { "chain " (j + 1) }
                        }
                        "."
                    }
                }
                (support(&out.support, &format!("chain {}", k + 1)))
                ol.links {
                    @for (n, (&l, lo)) in chain.links.iter().zip(&out.links).enumerate() {
                        @let link = &cx.analysis.links[l];
                        li.link.weakest[n == chain.weakest && chain.links.len() > 1] {
                            div.link-what {
                                p.step {
                                    (cx.named(link.from))
                                    " —" strong { (if lo.roles.is_empty() { lo.relation.to_string() } else { lo.roles.join(", ") }) } "→ "
                                    (cx.named(link.to))
                                    @if n == chain.weakest && chain.links.len() > 1 { " " span.tag.weak { "weakest link" } }
                                }
                                (support(&lo.support, &format!("the link from {} to {}", lo.from.name, lo.to.name)))
                            }
                            dl.about {
                                @let claims = link.all_claims();
                                @if !claims.is_empty() { dt { "Claims" } dd { (cx.claim_refs(&claims)) } }
                                @if !link.evidence.is_empty() {
                                    dt { "Evidence" }
                                    dd { ul.plain { @for &e in &link.evidence { li { (evidence_ref(cx, e)) } } } }
                                }
                                @if !link.contra.is_empty() {
                                    dt { "Contradicting" }
                                    dd { ul.plain { @for &e in &link.contra { li { (evidence_ref(cx, e)) } } } }
                                }
                                @if !link.per.is_empty() { dt { "Per" } dd { (cx.links(&link.per)) } }
                                @if !link.denials.is_empty() { dt { "Denied by" } dd { (cx.claim_refs(&link.denials)) } }
                                @if !link.disputes.is_empty() { dt { "Disputed by" } dd { (cx.claim_refs(&link.disputes)) } }
                                @if !link.acknowledgements.is_empty() { dt { "Relayed by" } dd { (cx.claim_refs(&link.acknowledgements)) } }
                                @if !link.endorsements.is_empty() { dt { "Endorsed by" } dd { (cx.claim_refs(&link.endorsements)) } }
                                @if !lo.weaknesses.is_empty() {
                                    dt { "Weak" }
                                    dd { @for w in &lo.weaknesses { span.tag.weak { (w) } " " } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @for note in &cx.analysis.chains.notes { p.note { span.tag { "note" } " " (words::note(cx.m, note)) } }
    };
    Section::new("chains", "Chains, link by link", body)
        .label("Chains")
        .count(chains.len())
}

fn evidence_ref(cx: &Ctx<'_>, e: EvidenceId) -> Markup {
    let grade = cx.analysis.record.grades.get(&e).map(|g| g.score);
    html! {
        (cx.link(e))
        @if let Some(g) = grade { span.aside { " (grade " (g) " of 100)" } }
    }
}

/// A statement as it reads in the file: its verb, what it names, and the
/// object of an attribution (`to`) or a location (`in`).
fn statement(cx: &Ctx<'_>, s: &Statement) -> Markup {
    let joint = match s.verb {
        Verb::Attributes => Some(" to "),
        Verb::Locates => Some(" in "),
        _ => None,
    };
    html! {
        (s.verb.keyword()) " " (cx.refs(&s.targets))
        @if let (Some(joint), Some(object)) = (joint, s.object) {
            (joint) (cx.link(object.to))
        }
        @if !s.roles.is_empty() {
            " as " (comma_separated(s.roles.iter().map(|r| r.value.word())))
        }
    }
}

fn not_in_view(cx: &Ctx<'_>, i: impl Into<Node>) -> Markup {
    html! {
        @if !cx.in_view(i) {
            @if let Some(d) = &cx.analysis.view.as_of {
                " " span.tag { "not on record as of " (d.to_string()) }
            }
        }
    }
}

fn head_extras(h: &Head) -> Markup {
    html! {
        @if let Some(s) = &h.summary { p { (s.value.split_whitespace().collect::<Vec<_>>().join(" ")) } }
        @for q in &h.quotes { blockquote { "“" (q.value) "”" } }
        @for n in &h.notes { p.note { span.tag { "note" } " " (n.value) } }
        @if let Some(u) = &h.unconfirmed { p.unconfirmed { span.tag.unconfirmed { "unconfirmed" } " " (u.value) } }
    }
}

fn claims(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    // Evidence that supports or contradicts each claim.
    let mut supported: BTreeMap<ClaimId, Vec<EvidenceId>> = BTreeMap::new();
    let mut contradicted: BTreeMap<ClaimId, Vec<EvidenceId>> = BTreeMap::new();
    for e in cx.by_id(&m.evidence) {
        let ev = &m.evidence[e];
        for c in ids(&ev.supports) {
            supported.entry(c).or_default().push(e);
        }
        for c in ids(&ev.contradicts) {
            contradicted.entry(c).or_default().push(e);
        }
    }
    let body = html! {
        p.aside { "Every claim in the file, by date. Stated confidence is the claimant's own." }
        (items_table(&["Claim", "By, date", "Says", "Stated confidence (theirs)", "Sources", "Evidence on record"], html! {
            @for c in cx.dated(&m.claims) {
                @let claim = &m.claims[c];
                tr id=(anchor(m, c)) {
                    th scope="row" {
                        (claim.head.name) br; (cx.loc(c)) (not_in_view(cx, c))
                    }
                    td {
                        (cx.refs(&claim.by))
                        @if let Some(d) = &claim.date { br; (d.value.to_string()) }
                        @if let Some(b) = &claim.basis { br; span.aside { "basis: " (b.word()) } }
                    }
                    td {
                        ul.plain { @for s in &claim.statements { li { (statement(cx, s)) } } }
                        @if let Some(r) = &claim.revises { p { "revises " (cx.link(r.to)) } }
                        (head_extras(&claim.head))
                    }
                    td {
                        @match chains_json::stated(m, c) {
                            Some(s) => (stated(&s)),
                            None => span.aside { "none stated" },
                        }
                    }
                    td { (cx.refs(&claim.sources)) }
                    td {
                        @if let Some(list) = supported.get(&c) { "supported by " (cx.links(list)) }
                        @if let Some(list) = contradicted.get(&c) { @if supported.contains_key(&c) { br; } "contradicted by " (cx.links(list)) }
                        @if !supported.contains_key(&c) && !contradicted.contains_key(&c) { span.aside { "none" } }
                    }
                }
            }
        }))
    };
    Section::new("claims", "Claims", body).count(m.claims.len())
}

fn events(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    let body = html! {
        (items_table(&["Event", "Date", "What", "Targets", "Sources"], html! {
            @for &e in &cx.analysis.events {
                @let ev = &m.events[e];
                tr id=(anchor(m, e)) {
                    th scope="row" { (m.display_name(e)) br; code { (ev.head.name) } br; (cx.loc(e)) }
                    td {
                        @if let Some(d) = &ev.date { (d.value.to_string()) }
                        @if let Some(k) = &ev.known { br; "known " (k.value.to_string()) }
                        @if let Some(d) = &ev.duration { br; "lasted " (d.value.to_string()) }
                    }
                    td {
                        @if !ev.kinds.is_empty() {
                            p { (comma_separated(ev.kinds.iter().map(|x| x.word()))) }
                        }
                        @for x in &ev.effects { p { (x.value) } }
                        @if !ev.malware.is_empty() { p { "malware: " (comma_separated(ev.malware.iter().map(|m| &m.value))) } }
                        @if !ev.tools.is_empty() { p { "tools: " (comma_separated(ev.tools.iter().map(|m| &m.value))) } }
                        @if !ev.techniques.is_empty() { p { "techniques: " (comma_separated(ev.techniques.iter().map(|m| &m.value))) } }
                        @if !ev.cves.is_empty() { p { (comma_separated(ev.cves.iter().map(|m| &m.value))) } }
                        @if !ev.part_of.is_empty() { p { "part of " (cx.refs(&ev.part_of)) } }
                        @if !ev.follows.is_empty() { p { "follows " (cx.refs(&ev.follows)) } }
                        (head_extras(&ev.head))
                    }
                    td { (cx.refs(&ev.targets)) }
                    td { (cx.refs(&ev.sources)) }
                }
            }
        }))
    };
    Section::new("events", "Events", body).count(m.events.len())
}

fn evidence(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    let body = html! {
        p.aside {
            "Credibility on the Admiralty scale (1 confirmed … 6 cannot be judged); the grade (0–100) is attrib's: credibility × the reliability of the item's best root source × disclosure (docs/confidence.md)."
        }
        (items_table(&["Evidence", "Class", "Credibility", "Disclosed", "Known", "Sources", "Grade", "Supports / contradicts"], html! {
            @for e in cx.by_id(&m.evidence) {
                @let ev = &m.evidence[e];
                @let grade = cx.analysis.record.grades.get(&e);
                tr id=(anchor(m, e)) {
                    th scope="row" { (ev.head.name) br; (cx.loc(e)) (not_in_view(cx, e)) }
                    td { @if let Some(x) = &ev.class { (x.word()) } }
                    td { @if let Some(x) = &ev.credibility { strong { (x.word()) } " " span.aside { (x.meaning()) } } }
                    td { @if let Some(x) = &ev.disclosed { (x.value.word()) } }
                    td { @if let Some(x) = &ev.known { (x.value.to_string()) } }
                    td { (cx.refs(&ev.sources)) }
                    td {
                        @if let Some(g) = grade {
                            strong { (g.score) } " of 100"
                            @if let Some(s) = g.reliable_source {
                                br; span.aside { "reliability " (g.reliability.word()) " of " (cx.link(s)) }
                            }
                        }
                    }
                    td {
                        @if !ev.supports.is_empty() { "supports " (cx.refs(&ev.supports)) }
                        @if !ev.contradicts.is_empty() { @if !ev.supports.is_empty() { br; } "contradicts " (cx.refs(&ev.contradicts)) }
                        (head_extras(&ev.head))
                    }
                }
            }
        }))
    };
    Section::new("evidence", "Evidence", body).count(m.evidence.len())
}

/// Items separated by commas.
fn comma_separated<T: maud::Render>(items: impl IntoIterator<Item = T>) -> Markup {
    html! {
        @for (k, item) in items.into_iter().enumerate() {
            @if k > 0 { ", " }
            (item)
        }
    }
}

/// A table's row of column headings.
fn column_headings(headings: &[&str]) -> Markup {
    html! {
        thead { tr { @for h in headings { th scope="col" { (h) } } } }
    }
}

/// A table of the file's items: a row of column headings, then the rows;
/// it scrolls sideways on a narrow screen.
fn items_table(headings: &[&str], rows: Markup) -> Markup {
    html! {
        div.table-scroll {
            table.items {
                (column_headings(headings))
                tbody { (rows) }
            }
        }
    }
}

fn responses(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    let body = html! {
        (items_table(&["Response", "Kind", "By, date", "Against, answers", "Sources"], html! {
            @for r in cx.dated(&m.responses) {
                @let resp = &m.responses[r];
                tr id=(anchor(m, r)) {
                    th scope="row" { (resp.head.name) br; (cx.loc(r)) (not_in_view(cx, r)) }
                    td {
                        @if let Some(k) = &resp.kind { (k.word()) }
                        @if let Some(k) = &resp.category { br; span.aside { "category: " (k.value.word()) } }
                    }
                    td {
                        @if let Some(b) = &resp.by { (cx.link(b.to)) }
                        @if !resp.with.is_empty() { " with " (cx.refs(&resp.with)) }
                        @if let Some(d) = &resp.date { br; (d.value.to_string()) }
                        @if let Some(d) = &resp.deadline { br; "deadline " (d.value.to_string()) }
                    }
                    td {
                        @if !resp.against.is_empty() { "against " (cx.refs(&resp.against)) }
                        @if !resp.answers.is_empty() { @if !resp.against.is_empty() { br; } "answers " (cx.refs(&resp.answers)) }
                        @if let Some(p) = &resp.part_of { br; "part of " (cx.link(p.to)) }
                        (head_extras(&resp.head))
                    }
                    td { (cx.refs(&resp.sources)) }
                }
            }
        }))
    };
    Section::new("responses", "Responses", body).count(m.responses.len())
}

fn actors(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    let body = html! {
        (items_table(&["Actor", "Kind", "Relations", "Sources"], html! {
            @for a in cx.by_id(&m.actors) {
                @let actor = &m.actors[a];
                tr id=(anchor(m, a)) {
                    th scope="row" { (m.display_name(a)) br; code { (actor.head.name) } br; (cx.loc(a)) }
                    td {
                        @if let Some(k) = &actor.kind { (k.word()) }
                        @if let Some(c) = &actor.country { br; "country " (c.value) }
                        @if let Some(g) = &actor.attack_group { br; "ATT&CK " (g.value) }
                        @if !actor.aliases.is_empty() {
                            br; span.aside { "also " (comma_separated(actor.aliases.iter().map(|x| &x.value))) }
                        }
                    }
                    td {
                        ul.plain {
                            @for r in &actor.relations {
                                li {
                                    (r.kind.word()) " " (cx.link(r.target.to))
                                    @if let Some(o) = &r.office { " as " (o.value) }
                                    @if !r.per.is_empty() { span.aside { " per " (cx.refs(&r.per)) } }
                                }
                            }
                        }
                        (head_extras(&actor.head))
                    }
                    td { (cx.refs(&actor.sources)) }
                }
            }
        }))
    };
    Section::new("actors", "Actors", body).count(m.actors.len())
}

/// An address is shown as a link only when it is a web address.
fn web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn sources(cx: &Ctx<'_>) -> Section {
    let m = cx.m;
    let body = html! {
        p.aside { "Reliability on the Admiralty scale (A completely reliable … F cannot be judged), as graded by the case's authors." }
        (items_table(&["Source", "Title, publisher", "Kind", "Published", "Reliability", "Repeats"], html! {
            @for s in cx.by_id(&m.sources) {
                @let src = &m.sources[s];
                tr id=(anchor(m, s)) {
                    th scope="row" { (src.head.name) br; (cx.loc(s)) }
                    td {
                        @if let Some(t) = &src.title { (t.value) }
                        @if let Some(p) = &src.publisher { br; span.aside { (p.value) } }
                        @if let Some(u) = &src.url {
                            br;
                            @if web_address(&u.value) {
                                a.url href=(u.value) rel="noreferrer noopener" { (u.value) }
                            } @else {
                                code { (u.value) }
                            }
                        }
                        (head_extras(&src.head))
                    }
                    td { @if let Some(k) = &src.kind { (k.word()) } }
                    td { @if let Some(p) = &src.published { (p.value.to_string()) } }
                    td { @if let Some(r) = &src.reliability { strong { (r.word()) } " " span.aside { (r.meaning()) } } }
                    td { (cx.refs(&src.repeats)) }
                }
            }
        }))
    };
    Section::new("sources", "Sources", body).count(m.sources.len())
}

fn diagnostics(cx: &Ctx<'_>, c: &Compilation, text: &str, warnings: usize) -> Section {
    let index = LineIndex::new(text);
    // The declaration each diagnostic points into, by its first label.
    let starts: Vec<(usize, usize, Node)> = {
        let mut v: Vec<(usize, usize, Node)> =
            cx.m.nodes()
                .map(|n| {
                    let h = cx.m.head(n);
                    (h.span.start, h.span.end, n)
                })
                .collect();
        v.sort_unstable();
        v
    };
    let owner = |offset: usize| -> Option<Node> {
        let k = starts.partition_point(|&(s, _, _)| s <= offset);
        k.checked_sub(1)
            .map(|k| starts[k])
            .filter(|&(_, e, _)| offset <= e)
            .map(|(_, _, i)| i)
    };
    // Shown by severity, code, then where they point (by id), so that the
    // order of the declarations does not change the page.
    let mut list: Vec<(&crate::diagnostics::Diagnostic, Option<Node>, usize)> = c
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.labels.first().map(|l| l.span.start);
            (
                d,
                at.and_then(owner),
                at.map_or(0, |o| index.line_column(o).0),
            )
        })
        .collect();
    list.sort_by(|a, b| {
        let key = |x: &(&crate::diagnostics::Diagnostic, Option<Node>, usize)| {
            (
                x.0.severity(),
                x.0.code.as_str(),
                x.1.map(|i| cx.m.name(i).to_string()),
                x.0.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let body = html! {
        p {
            @if c.diagnostics.is_empty() { "attrib check reports nothing on this file." }
            @else {
                "attrib check reports " (warnings) " warning" @if warnings != 1 { "s" }
                " on this file: where the record is weak, or the file could say more. "
                code { "attrib explain CODE" } " explains each code."
            }
        }
        @if !list.is_empty() {
            (items_table(&["Code", "Where", "What"], html! {
                @for (d, decl, line) in &list {
                    tr {
                        th scope="row" { span class={"sev sev-" (d.severity().word())} { (d.severity().word()) } " " code { (d.code.as_str()) } }
                        td {
                            @if let Some(i) = decl { (cx.link(*i)) br; }
                            span.loc { (cx.path) ":" (line) }
                        }
                        td {
                            p { (d.message) }
                            @if !d.help.is_empty() { p.aside { "help: " (d.help) } }
                        }
                    }
                }
            }))
        }
    };
    Section::new("diagnostics", "Diagnostics", body).count(c.diagnostics.len())
}

/// One case on the index page.
pub struct IndexEntry {
    /// The case's page, relative to the index.
    pub href: String,
    pub path: String,
    /// Its research variables (`attrib compare`).
    pub record: CaseRecord,
    pub warnings: usize,
    /// Who stated the strongest confidence, by name (the record has their
    /// ids).
    pub stated_by: Vec<String>,
}

impl IndexEntry {
    /// The entry of a compiled case whose page is `href`; `path` is its file
    /// as the reader knows it.
    pub fn new(c: &Compilation, href: String, path: String) -> IndexEntry {
        let record = crate::compare::record(c);
        let m = &c.model;
        let stated_by = record
            .stated_confidence_by
            .iter()
            .map(|id| {
                m.actors
                    .iter()
                    .find(|(_, a)| a.head.name == *id)
                    .map_or(id.as_str(), |(a, _)| m.display_name(a))
                    .to_string()
            })
            .collect();
        IndexEntry {
            href,
            path,
            record,
            warnings: c.count(Severity::Warning),
            stated_by,
        }
    }
}

/// A response kind's rank on attrib's ladder (`compare::RESPONSE_LADDER`,
/// weakest 0), from its word.
fn response_rank(word: &str) -> Option<usize> {
    crate::compare::RESPONSE_LADDER
        .iter()
        .position(|k| k.word() == word)
}

/// The index of several cases: the comparison table (`attrib compare`'s
/// key variables), sortable by a few lines of inline script, readable
/// without it.
pub fn index_page(entries: &[IndexEntry], as_of: Option<&str>) -> String {
    let col = |h: &'static str, kind: &'static str| (h, kind);
    let cols = [
        col("Case", "text"),
        col("Held responsible (by states)", "text"),
        col("States attributing", "number"),
        col("First attribution by a state", "text"),
        col("Days to it", "number"),
        col("Support on record by states (attrib's, 0–100)", "number"),
        col("Strongest stated confidence (the claimant's)", "number"),
        col("Evidence items", "number"),
        col("Strongest response (rank on attrib's ladder)", "number"),
    ];
    let records: Vec<crate::compare::CaseRecord> =
        entries.iter().map(|e| e.record.clone()).collect();
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            (head("Cases — attrib report", CSP_INDEX))
            body {
                header {
                    p.kicker { "attrib report" }
                    h1 { "Cases compared" }
                    p {
                        (entries.len()) " case" @if entries.len() != 1 { "s" } "."
                        @if let Some(d) = as_of { " As of " (d) "." }
                        " Each row links to the case's page. The variables are defined in docs/compare.md; "
                        strong { "support on record" } " is attrib's figure for the evidence in the file (not a likelihood), "
                        strong { "stated confidence" } " is the claimant's own."
                    }
                }
                main {
                    div.table-scroll {
                        table.compare #compare {
                            caption { "The cases side by side. With scripts on, select a column's heading to sort by it." }
                            thead { tr {
                                @for (h, kind) in &cols {
                                    th scope="col" data-kind=(kind) aria-sort="none" { (h) }
                                }
                            } }
                            tbody {
                                @for e in entries {
                                    @let r = &e.record;
                                    tr {
                                        th scope="row" data-value=(r.case_id) {
                                            a href=(e.href) { (r.title) }
                                            br; code { (e.path) }
                                            @if e.warnings > 0 { br; span.aside { (e.warnings) " warning" @if e.warnings != 1 { "s" } } }
                                        }
                                        td { (held(&r.attributed_initiator)) }
                                        td data-value=(r.number_of_attributing_states) {
                                            (r.number_of_attributing_states)
                                            @if !r.attributing_country.is_empty() { span.aside { ": " (r.attributing_country.join(", ")) } }
                                        }
                                        td data-value=(r.attribution_date.as_ref().map_or(String::new(), |d| d.earliest.clone())) {
                                            @if let Some(d) = &r.attribution_date {
                                                (d.date) @if d.unconfirmed { " " span.tag.unconfirmed { "unconfirmed" } }
                                            } @else { "—" }
                                        }
                                        td data-value=(r.time_to_attribution_min.map_or(String::new(), |d| d.to_string())) {
                                            @match (r.time_to_attribution_min, r.time_to_attribution_max) {
                                                (Some(a), Some(b)) if a == b => (a),
                                                (Some(a), Some(b)) => { (a) "–" (b) },
                                                _ => "—",
                                            }
                                        }
                                        td data-value=(r.support_states.map_or(String::new(), |s| s.to_string())) {
                                            @if let (Some(v), Some(l)) = (r.support_states, r.support_states_level) {
                                                strong { (v) } " of 100 " span.aside { "(" (words::level(l)) ")" }
                                            } @else { "—" }
                                        }
                                        td data-value=(r.stated_confidence_max.map_or(String::new(), |s| s.to_string())) {
                                            @if let Some(v) = r.stated_confidence_max {
                                                span.tag { "stated" } " "
                                                @if let Some(w) = &r.stated_confidence_words { (w) " " }
                                                span.aside { "(" (v) ")" }
                                                @if !e.stated_by.is_empty() { span.aside { " by " (e.stated_by.join(", ")) } }
                                            } @else { "—" }
                                        }
                                        td data-value=(r.evidence_items) { (r.evidence_items) }
                                        @let rank = r.strongest_response.as_deref().and_then(response_rank);
                                        td data-value=(rank.map_or(String::new(), |k| k.to_string())) {
                                            @if let Some(s) = &r.strongest_response {
                                                (s) @if let Some(k) = rank { span.aside { " (rank " (k) ")" } }
                                            } @else { "—" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    section.pictures aria-label="The cases in pictures" {
                        h2 { "The cases in pictures" }
                        p.aside { "Drawn from the table's records alone (" code { "attrib compare --format svg" } "): the days to the first attribution, the states that attributed each case, and the strongest response on attrib's ladder." }
                        div.table-scroll { (PreEscaped(super::compare_svg::svg(&records))) }
                    }
                }
                footer { p { "Made by attrib " (env!("CARGO_PKG_VERSION")) "." } }
                script { (PreEscaped(SORT_SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

fn held(i: &crate::compare::Initiator) -> String {
    match &i.name {
        Some(n) => format!("{n} ({})", i.category.to_lowercase()),
        None => i.category.to_lowercase(),
    }
}
