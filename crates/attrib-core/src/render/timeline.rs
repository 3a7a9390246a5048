//! The timeline of a case, drawn as inline SVG for the report page: events,
//! claims (marked by the confidence their claimants stated), evidence as it
//! became known, responses and their deadlines, on one date axis.
//!
//! **Nothing looks more precise than it is.** Every date is drawn as the
//! span of days it may mean: a day is a thin bar, a month a bar across the
//! month, a range a bar from the first day its start may mean to the last
//! day its end may mean. An approximate date (`~`) is drawn across the
//! widened span it may mean with faded, dashed ends beyond the date as
//! written. Each mark also says its date in words (its `<title>`).
//!
//! **The axis is cut where nothing happens.** Long stretches in which no
//! date starts or ends are cut out (drawn as a hatched gap with `//` on the
//! axis, never silently): each remaining segment is linear, with its own
//! ticks, and a span that crosses a cut is drawn across it.
//!
//! The timeline reads the analysis (what is in view `--as-of` a date, and
//! when each evidence item entered the record: `analysis::view`) and the
//! tree's dates; it computes nothing else.

use super::anchor;
use super::chains_json;
use crate::analysis::view::entered_date;
use crate::compile::Compilation;
use crate::date::{Date, DatePoint, Duration, Unit, civil_from_days, days_from_civil};
use crate::model::*;
use maud::{Markup, html};

/// The rows of the timeline, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    Event,
    Claim,
    Evidence,
    Response,
}

impl Lane {
    fn heading(self) -> &'static str {
        match self {
            Lane::Event => "Events",
            Lane::Claim => "Claims (marked by the confidence their claimant stated)",
            Lane::Evidence => "Evidence, as it became known",
            Lane::Response => "Responses and deadlines",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Lane::Event => "event",
            Lane::Claim => "claim",
            Lane::Evidence => "evidence",
            Lane::Response => "response",
        }
    }
}

/// One dated item.
#[derive(Debug, Clone)]
pub struct Mark {
    pub lane: Lane,
    /// The `id` of the item on the page.
    pub anchor: String,
    /// The row's label.
    pub label: String,
    /// A few words drawn beside the mark.
    pub note: String,
    /// The whole description, for the mark's `<title>`.
    pub describe: String,
    pub date: Date,
    /// When an event became publicly known, if later.
    pub known: Option<Date>,
    /// A response's deadline, counted from its date.
    pub deadline: Option<Duration>,
    /// A claim's stated confidence (the claimant's), 0–100.
    pub stated: Option<u8>,
}

/// What the timeline draws.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub marks: Vec<Mark>,
    pub as_of: Option<Date>,
    /// Items in view that have no date to draw them at (anchors).
    pub undated: Vec<String>,
}

fn valid(d: &Option<crate::span::Spanned<Date>>) -> Option<Date> {
    d.as_ref().map(|d| d.value)
}

/// How precisely a date is known, in words: "to the day", "to about the
/// month", "start to the month, end to the day".
pub fn precision_words(d: &Date) -> String {
    let point = |p: &DatePoint| {
        let unit = match p.precision() {
            crate::date::Precision::Year => "year",
            crate::date::Precision::Month => "month",
            crate::date::Precision::Day => "day",
        };
        if p.approx {
            format!("to about the {unit}")
        } else {
            format!("to the {unit}")
        }
    };
    match &d.to {
        None => format!("known {}", point(&d.from)),
        Some(to) => format!("start known {}, end {}", point(&d.from), point(to)),
    }
}

fn described(what: &str, d: &Date) -> String {
    let (start, end) = d.interval();
    if start == end {
        format!("{what}: {d}")
    } else {
        format!(
            "{what}: {d} ({}; any day from {} to {})",
            precision_words(d),
            crate::date::iso_from_days(start),
            crate::date::iso_from_days(end)
        )
    }
}

/// The verb of a claim's first statement; on the timeline a claim of
/// responsibility reads as what it is, not as its keyword.
fn verb(s: &Statement) -> &'static str {
    match s.verb {
        Verb::TakesResponsibility => "claims responsibility",
        v => super::words::statement_verb(v),
    }
}

/// Sort key: date (first day, last day), then id.
fn key(m: &Model, d: &Date, i: impl Into<Node>) -> (i64, i64, String) {
    let (a, b) = d.interval();
    (a, b, m.name(i).to_string())
}

/// Gather what the timeline draws.
pub fn build(c: &Compilation) -> Timeline {
    let m = &c.model;
    let analysis = &c.analysis;
    let mut t = Timeline {
        as_of: analysis.view.as_of,
        ..Timeline::default()
    };
    let mut marks: Vec<(Lane, (i64, i64, String), Mark)> = Vec::new();
    let mut undated: Vec<(Lane, String)> = Vec::new();
    let names = |list: &[Ref<ActorId>]| -> String {
        ids(list)
            .map(|a| m.display_name(a).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for &i in &analysis.events {
        let e = &m.events[i];
        let Some(date) = valid(&e.date) else {
            undated.push((Lane::Event, anchor(m, i)));
            continue;
        };
        let known = valid(&e.known);
        let mut describe = described(&format!("event {}", m.display_name(i)), &date);
        if let Some(k) = &known {
            describe.push_str(&format!("; publicly known {k}"));
        }
        marks.push((
            Lane::Event,
            key(m, &date, i),
            Mark {
                lane: Lane::Event,
                anchor: anchor(m, i),
                label: m.display_name(i).to_string(),
                note: known
                    .map(|k| format!("publicly known {k}"))
                    .unwrap_or_default(),
                describe,
                date,
                known,
                deadline: None,
                stated: None,
            },
        ));
    }
    for (i, claim) in m.claims.iter().filter(|(i, _)| analysis.view.claim(*i)) {
        let Some(date) = valid(&claim.date) else {
            undated.push((Lane::Claim, anchor(m, i)));
            continue;
        };
        let stated = chains_json::stated(m, i);
        let what = claim.statements.first().map_or("says", verb);
        let note = match &stated {
            Some(s) => format!("{what} · stated {}", s.term),
            None => what.to_string(),
        };
        let mut describe = described(
            &format!("claim {} by {}, {what}", claim.head.name, names(&claim.by)),
            &date,
        );
        match &stated {
            Some(s) => {
                describe.push_str(&format!("; the claimant stated {}", s.term));
                if let Some(w) = &s.words {
                    describe.push_str(&format!(" (“{w}”)"));
                }
            }
            None => describe.push_str("; no confidence stated"),
        }
        marks.push((
            Lane::Claim,
            key(m, &date, i),
            Mark {
                lane: Lane::Claim,
                anchor: anchor(m, i),
                label: claim.head.name.clone(),
                note,
                describe,
                date,
                known: None,
                deadline: None,
                stated: stated.map(|s| s.value),
            },
        ));
    }
    for (i, e) in m
        .evidence
        .iter()
        .filter(|(i, _)| analysis.view.evidence(*i))
    {
        let Some(date) = entered_date(m, i.into()) else {
            undated.push((Lane::Evidence, anchor(m, i)));
            continue;
        };
        let how = if valid(&e.known).is_some() {
            "known"
        } else {
            "its source published"
        };
        let mut note = match e.credibility {
            Some(c) => format!("credibility {}", c.word()),
            None => String::new(),
        };
        if let Some(d) = &e.disclosed {
            if !note.is_empty() {
                note.push_str(" · ");
            }
            note.push_str(&format!("disclosed {}", d.value.word()));
        }
        marks.push((
            Lane::Evidence,
            key(m, &date, i),
            Mark {
                lane: Lane::Evidence,
                anchor: anchor(m, i),
                label: e.head.name.clone(),
                note,
                describe: described(&format!("evidence {}, {how}", e.head.name), &date),
                date,
                known: None,
                deadline: None,
                stated: None,
            },
        ));
    }
    for (i, r) in m
        .responses
        .iter()
        .filter(|(i, _)| analysis.view.response(*i))
    {
        let Some(date) = valid(&r.date) else {
            undated.push((Lane::Response, anchor(m, i)));
            continue;
        };
        let kind = r.kind.map_or("response", |k| k.word());
        let deadline = r.deadline.as_ref().map(|d| d.value);
        let mut note = kind.to_string();
        if let Some(d) = &deadline {
            note.push_str(&format!(" · deadline {d}"));
        }
        let by =
            r.by.as_ref()
                .map(|b| names(std::slice::from_ref(b)))
                .unwrap_or_default();
        let mut describe = described(&format!("response {} ({kind}) by {by}", r.head.name), &date);
        if let Some(d) = &deadline {
            describe.push_str(&format!("; a deadline of {d}"));
        }
        marks.push((
            Lane::Response,
            key(m, &date, i),
            Mark {
                lane: Lane::Response,
                anchor: anchor(m, i),
                label: r.head.name.clone(),
                note,
                describe,
                date,
                known: None,
                deadline,
                stated: None,
            },
        ));
    }
    marks.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    t.marks = marks.into_iter().map(|(_, _, m)| m).collect();
    undated.sort();
    t.undated = undated.into_iter().map(|(_, a)| a).collect();
    t
}

/// The last day (inclusive) a deadline may reach, counted from the last
/// day of its start.
fn deadline_end(from: &Date, d: &Duration) -> i64 {
    let (_, end) = from.interval();
    let n = i64::from(d.count);
    let days = match d.unit {
        Unit::Hour => (n + 23) / 24,
        Unit::Day => n,
        Unit::Week => 7 * n,
        Unit::Month | Unit::Year => {
            let (y, m, day) = civil_from_days(end);
            let months = if d.unit == Unit::Month { n } else { 12 * n };
            let total = i64::from(y) * 12 + i64::from(m) - 1 + months;
            let (ny, nm) = (
                total.div_euclid(12) as i32,
                (total.rem_euclid(12) + 1) as u32,
            );
            let nd = day.min(crate::date::days_in_month(ny, nm));
            return days_from_civil(ny, nm, nd);
        }
    };
    end + days
}

/// The span a point is drawn across without its `~`.
fn core(p: &DatePoint) -> (i64, i64) {
    DatePoint {
        approx: false,
        ..*p
    }
    .interval()
}

/// The days a date may mean (outer) and the days it means as written,
/// without `~` (inner).
fn spans(d: &Date) -> ((i64, i64), (i64, i64)) {
    let outer = d.interval();
    let last = d.to.as_ref().unwrap_or(&d.from);
    ((outer.0, outer.1), (core(&d.from).0, core(last).1))
}

// --- The axis -------------------------------------------------------------------------------------

/// A linear stretch of the axis: days `[start, end)` drawn over `[x0, x1)`.
#[derive(Debug, Clone)]
struct Segment {
    start: i64,
    end: i64,
    x0: f64,
    x1: f64,
}

#[derive(Debug, Clone)]
struct Axis {
    segments: Vec<Segment>,
}

/// Gaps shorter than this are never cut.
const MIN_CUT_DAYS: i64 = 45;
/// At most this many cuts: the longest gaps are cut first.
const MAX_CUTS: usize = 7;
/// A segment shows at least this many days.
const MIN_SEGMENT_DAYS: i64 = 28;
const CUT_WIDTH: f64 = 18.0;
const MIN_SEGMENT_WIDTH: f64 = 44.0;

impl Axis {
    fn new(mut zones: Vec<(i64, i64)>, left: f64, right: f64) -> Axis {
        zones.sort_unstable();
        // Merge overlapping zones into runs.
        let mut runs: Vec<(i64, i64, usize)> = Vec::new();
        for (a, b) in zones {
            match runs.last_mut() {
                Some(last) if a <= last.1 + 1 => {
                    last.1 = last.1.max(b);
                    last.2 += 1;
                }
                _ => runs.push((a, b, 1)),
            }
        }
        // Cut the longest gaps (at least MIN_CUT_DAYS), at most MAX_CUTS.
        let mut gaps: Vec<(i64, usize)> = runs
            .windows(2)
            .enumerate()
            .map(|(k, w)| (w[1].0 - w[0].1 - 1, k))
            .filter(|&(g, _)| g >= MIN_CUT_DAYS)
            .collect();
        gaps.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        gaps.truncate(MAX_CUTS);
        let mut cut_after: Vec<usize> = gaps.into_iter().map(|(_, k)| k).collect();
        cut_after.sort_unstable();
        let mut pieces: Vec<(i64, i64, usize)> = Vec::new();
        let mut from = 0;
        for &k in cut_after.iter().chain(std::iter::once(&(runs.len() - 1))) {
            let group = &runs[from..=k];
            pieces.push((
                group[0].0,
                group.iter().map(|r| r.1).max().unwrap_or(group[0].1) + 1,
                group.iter().map(|r| r.2).sum(),
            ));
            from = k + 1;
        }
        // Pad each piece a little, to at least MIN_SEGMENT_DAYS, within the gaps.
        let n = pieces.len();
        let mut padded: Vec<(i64, i64, usize)> = Vec::with_capacity(n);
        for (k, &(a, b, count)) in pieces.iter().enumerate() {
            let len = b - a;
            let pad = (len / 20).max(2);
            let mut start = a - pad;
            let mut end = b + pad;
            if end - start < MIN_SEGMENT_DAYS {
                let more = MIN_SEGMENT_DAYS - (end - start);
                start -= more / 2;
                end += more - more / 2;
            }
            // Never pad into the next or previous piece.
            if k > 0 {
                let prev_end = pieces[k - 1].1;
                start = start.max((prev_end + a) / 2);
            }
            if k + 1 < n {
                let next_start = pieces[k + 1].0;
                end = end.min((b + next_start) / 2);
            }
            padded.push((start, end.max(start + 1), count));
        }
        let width = right - left - CUT_WIDTH * (n.saturating_sub(1)) as f64;
        let spare = (width - MIN_SEGMENT_WIDTH * n as f64).max(0.0);
        let total: usize = padded.iter().map(|p| p.2).sum::<usize>().max(1);
        let mut x = left;
        let mut segments = Vec::with_capacity(n);
        for &(start, end, count) in &padded {
            let w = if n == 1 {
                width
            } else {
                MIN_SEGMENT_WIDTH + spare * count as f64 / total as f64
            };
            segments.push(Segment {
                start,
                end,
                x0: x,
                x1: x + w,
            });
            x += w + CUT_WIDTH;
        }
        Axis { segments }
    }

    /// The x of the start of a day (a day in a cut maps across the cut).
    fn x(&self, day: i64) -> f64 {
        let segs = &self.segments;
        for (k, s) in segs.iter().enumerate() {
            if day < s.start {
                if k == 0 {
                    return s.x0;
                }
                let p = &segs[k - 1];
                let f = (day - p.end) as f64 / (s.start - p.end).max(1) as f64;
                return p.x1 + f * (s.x0 - p.x1);
            }
            if day <= s.end {
                let f = (day - s.start) as f64 / (s.end - s.start) as f64;
                return s.x0 + f * (s.x1 - s.x0);
            }
        }
        segs.last().map_or(0.0, |s| s.x1)
    }
}

/// The ticks of a segment: grid lines at the boundaries of a calendar unit
/// (days, weeks, months, quarters, years …) chosen to fit, and labels. A
/// label names the unit it is centred over (a month's label sits over the
/// month), or, for units of several months or years, the boundary it
/// starts at; a label that would not fit or would overlap is left out.
struct Ticks {
    lines: Vec<f64>,
    /// x, label, whether the label is centred on x.
    labels: Vec<(f64, String, bool)>,
}

fn ticks(s: &Segment) -> Ticks {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let per_day = (s.x1 - s.x0) / (s.end - s.start) as f64;
    let x = |day: i64| s.x0 + (day - s.start) as f64 * per_day;
    // Units: (approximate days between ticks, unit).
    #[derive(Clone, Copy, PartialEq)]
    enum U {
        Days(u32),
        Months(u32),
        Years(i32),
    }
    let units = [
        (1.0, U::Days(1)),
        (7.0, U::Days(7)),
        (30.4, U::Months(1)),
        (91.3, U::Months(3)),
        (182.6, U::Months(6)),
        (365.2, U::Years(1)),
        (730.5, U::Years(2)),
        (1826.2, U::Years(5)),
        (3652.5, U::Years(10)),
    ];
    let unit = units
        .iter()
        .find(|(days, _)| days * per_day >= 44.0)
        .map_or(U::Years(10), |u| u.1);
    // The boundaries of the unit from just before the segment to just after.
    let is_boundary = |day: i64| {
        let (y, m, d) = civil_from_days(day);
        match unit {
            U::Days(1) => true,
            U::Days(_) => [1, 8, 15, 22].contains(&d),
            U::Months(k) => d == 1 && (m - 1) % k == 0,
            U::Years(k) => d == 1 && m == 1 && y.rem_euclid(k) == 0,
        }
    };
    let label_of = |day: i64| {
        let (y, m, d) = civil_from_days(day);
        match unit {
            U::Days(_) => format!("{d} {}", MONTHS[m as usize - 1]),
            U::Months(1) => format!("{y:04}-{m:02}"),
            U::Months(_) => format!("{y:04}-{m:02}"),
            U::Years(_) => format!("{y:04}"),
        }
    };
    let centred = matches!(unit, U::Days(1) | U::Months(1) | U::Years(1));
    let mut bounds: Vec<i64> = Vec::new();
    // Walk back to the boundary at or before the start (at most ten years).
    let mut first = s.start;
    while !is_boundary(first) && s.start - first < 3660 * 10 {
        first -= 1;
    }
    let mut day = first;
    while day <= s.end {
        if is_boundary(day) {
            bounds.push(day);
        }
        day += 1;
    }
    // One more boundary after the end, so the last unit has an end.
    while !is_boundary(day) && day - s.end < 3660 * 10 {
        day += 1;
    }
    bounds.push(day);
    let mut out = Ticks {
        lines: Vec::new(),
        labels: Vec::new(),
    };
    let mut last_right = f64::MIN;
    // Day labels name the year on the first label and where the year changes.
    let mut last_year: Option<i32> = None;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a > s.start && a < s.end {
            out.lines.push(x(a));
        }
        let mut label = label_of(a);
        if matches!(unit, U::Days(_)) {
            let (y, _, _) = civil_from_days(a.max(s.start));
            if last_year != Some(y) {
                label = format!("{label} {y:04}");
            }
        }
        let width = label.chars().count() as f64 * 6.0;
        let (lx, centre) = if centred {
            let (va, vb) = (x(a.max(s.start)), x(b.min(s.end)));
            if vb - va < width + 4.0 {
                continue;
            }
            ((va + vb) / 2.0, true)
        } else {
            if a < s.start || x(a) + width > s.x1 {
                continue;
            }
            (x(a) + 2.0, false)
        };
        let left = if centre { lx - width / 2.0 } else { lx };
        if left < last_right + 6.0 {
            continue;
        }
        last_right = left + width;
        if matches!(unit, U::Days(_)) {
            last_year = Some(civil_from_days(a.max(s.start)).0);
        }
        out.labels.push((lx, label, centre));
    }
    // A segment too narrow for any label is named by its middle: the month
    // for a short one, else the year.
    if out.labels.is_empty() {
        let (y, m, _) = civil_from_days((s.start + s.end) / 2);
        let label = if s.end - s.start <= 62 {
            format!("{y:04}-{m:02}")
        } else {
            format!("{y:04}")
        };
        out.labels.push(((s.x0 + s.x1) / 2.0, label, true));
    }
    out
}

// --- Drawing --------------------------------------------------------------------------------------

const WIDTH: f64 = 1100.0;
const PLOT_LEFT: f64 = 262.0;
const PLOT_RIGHT: f64 = 1085.0;
const ROW: f64 = 19.0;
const HEADING: f64 = 24.0;
const AXIS: f64 = 42.0;
/// Characters of a row label that fit its column.
const LABEL_CHARS: usize = 38;

fn n(x: f64) -> String {
    format!("{x:.1}")
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The class of a claim's mark by its stated confidence (drawn darker the
/// more confident the claimant said they were; the words say it too).
fn stated_class(v: Option<u8>) -> &'static str {
    match v {
        None => "stated-none",
        Some(0..=30) => "stated-low",
        Some(31..=70) => "stated-mid",
        Some(_) => "stated-high",
    }
}

/// A bar for a date: solid across the days it means as written, faded and
/// dashed across the days a `~` adds. Returns the bar and its right end.
fn bar(axis: &Axis, d: &Date, y: f64, h: f64, class: &str) -> (Markup, f64, f64) {
    let ((o0, o1), (i0, i1)) = spans(d);
    let (xo0, xo1) = (axis.x(o0), axis.x(o1 + 1));
    let (mut xi0, mut xi1) = (axis.x(i0), axis.x(i1 + 1));
    // A day is at least 3 units wide, so that it shows.
    if xi1 - xi0 < 3.0 {
        let mid = (xi0 + xi1) / 2.0;
        xi0 = mid - 1.5;
        xi1 = mid + 1.5;
    }
    let left = xo0.min(xi0);
    let right = xo1.max(xi1);
    let markup = html! {
        @if xo0 < xi0 - 0.05 {
            rect class={"fuzzy fuzzy-left " (class)} x=(n(xo0)) y=(n(y)) width=(n(xi0 - xo0)) height=(n(h)) {}
        }
        rect class={"core " (class)} x=(n(xi0)) y=(n(y)) width=(n(xi1 - xi0)) height=(n(h)) {}
        @if xo1 > xi1 + 0.05 {
            rect class={"fuzzy fuzzy-right " (class)} x=(n(xi1)) y=(n(y)) width=(n(xo1 - xi1)) height=(n(h)) {}
        }
    };
    (markup, left, right)
}

/// The timeline as an inline SVG figure; `None` when nothing is dated.
pub fn svg(t: &Timeline, title: &str) -> Option<Markup> {
    if t.marks.is_empty() {
        return None;
    }
    let mut zones: Vec<(i64, i64)> = Vec::new();
    for m in &t.marks {
        zones.push(m.date.from.interval());
        if let Some(to) = &m.date.to {
            zones.push(to.interval());
        }
        if let Some(k) = &m.known {
            zones.push(k.interval());
        }
        if let Some(d) = &m.deadline {
            let e = deadline_end(&m.date, d);
            zones.push((e, e));
        }
    }
    if let Some(a) = &t.as_of {
        let (_, e) = a.interval();
        zones.push((e, e));
    }
    let axis = Axis::new(zones, PLOT_LEFT, PLOT_RIGHT);
    let lanes: Vec<Lane> = {
        let mut l: Vec<Lane> = t.marks.iter().map(|m| m.lane).collect();
        l.dedup();
        l
    };
    // Room under the lower axis for the as-of label.
    let extra = if t.as_of.is_some() { 16.0 } else { 0.0 };
    let height = AXIS + lanes.len() as f64 * HEADING + t.marks.len() as f64 * ROW + AXIS + extra;
    let bottom = height - extra - AXIS + 6.0;
    let counts: Vec<String> = lanes
        .iter()
        .map(|l| {
            let k = t.marks.iter().filter(|m| m.lane == *l).count();
            format!("{k} {}", l.class())
        })
        .collect();
    let desc = format!(
        "{} dated items on one date axis ({}). Each date is drawn as the span of days it may mean; approximate dates have faded ends; hatched gaps cut stretches with nothing recorded.",
        t.marks.len(),
        counts.join(", ")
    );
    // Rows, with their y.
    let mut rows: Vec<(f64, Option<Lane>, Option<&Mark>)> = Vec::new();
    let mut y = AXIS;
    let mut last: Option<Lane> = None;
    for m in &t.marks {
        if last != Some(m.lane) {
            rows.push((y, Some(m.lane), None));
            y += HEADING;
            last = Some(m.lane);
        }
        rows.push((y, None, Some(m)));
        y += ROW;
    }
    let cuts: Vec<(f64, f64)> = axis
        .segments
        .windows(2)
        .map(|w| (w[0].x1, w[1].x0))
        .collect();
    let all_ticks: Vec<Ticks> = axis.segments.iter().map(ticks).collect();
    let grid: Vec<f64> = all_ticks
        .iter()
        .flat_map(|t| t.lines.iter().copied())
        .chain(axis.segments.iter().flat_map(|s| [s.x0, s.x1]))
        .collect();
    let labels: Vec<&(f64, String, bool)> = all_ticks.iter().flat_map(|t| &t.labels).collect();
    let markup = html! {
        svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox={"0 0 " (n(WIDTH)) " " (n(height))}
            role="img" aria-labelledby="timeline-title timeline-desc" {
            title id="timeline-title" { "Timeline of " (title) }
            desc id="timeline-desc" { (desc) }
            defs {
                pattern id="cut-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#ffffff" {}
                    line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2" {}
                }
                @for lane in ["event", "claim", "evidence", "response"] {
                    linearGradient id={"fade-left-" (lane)} x1="0" x2="1" y1="0" y2="0" {
                        stop offset="0" class={"stop-" (lane)} stop-opacity="0" {}
                        stop offset="1" class={"stop-" (lane)} stop-opacity="0.65" {}
                    }
                    linearGradient id={"fade-right-" (lane)} x1="0" x2="1" y1="0" y2="0" {
                        stop offset="0" class={"stop-" (lane)} stop-opacity="0.65" {}
                        stop offset="1" class={"stop-" (lane)} stop-opacity="0" {}
                    }
                }
            }
            // Stripes behind the rows, so that a row reads from its label to its mark.
            @for (k, (y, lane, _)) in rows.iter().filter(|r| r.1.is_none()).enumerate() {
                @if k % 2 == 0 && lane.is_none() {
                    rect class="stripe" x="0" y=(n(*y)) width=(n(WIDTH)) height=(n(ROW)) {}
                }
            }
            // Grid and cuts.
            @for x in &grid {
                line class="grid" x1=(n(*x)) x2=(n(*x)) y1=(n(AXIS - 6.0)) y2=(n(bottom)) {}
            }
            @for (a, b) in &cuts {
                rect class="cut" x=(n(*a)) y=(n(AXIS - 14.0)) width=(n(b - a)) height=(n(bottom - AXIS + 28.0)) fill="url(#cut-hatch)" {
                    title { "cut: a stretch of time with nothing recorded" }
                }
            }
            // The axis, above and below.
            @for (ya, above) in [(AXIS - 6.0, true), (bottom, false)] {
                @for s in &axis.segments {
                    line class="axis" x1=(n(s.x0)) x2=(n(s.x1)) y1=(n(ya)) y2=(n(ya)) {}
                }
                @for (a, b) in &cuts {
                    text class="cut-mark" x=(n((a + b) / 2.0)) y=(n(ya + 4.0)) text-anchor="middle" { "//" }
                }
                @for x in &grid {
                    line class="tick" x1=(n(*x)) x2=(n(*x)) y1=(n(ya - 3.0)) y2=(n(ya + 3.0)) {}
                }
                @for (x, label, centre) in labels.iter().copied() {
                    text class="tick-label" x=(n(*x)) y=(n(if above { ya - 7.0 } else { ya + 15.0 }))
                        text-anchor=(if *centre { "middle" } else { "start" }) { (label) }
                }
            }
            @for (y, lane, mark) in &rows {
                @if let Some(lane) = lane {
                    text class="lane-heading" x="4" y=(n(y + HEADING - 7.0)) { (lane.heading()) }
                }
                @if let Some(m) = mark {
                    (row(&axis, m, *y))
                }
            }
            @if let Some(a) = &t.as_of {
                @let x = axis.x(a.interval().1 + 1);
                line class="as-of" x1=(n(x)) x2=(n(x)) y1=(n(AXIS - 6.0)) y2=(n(bottom)) {}
                line class="as-of" x1=(n(x)) x2=(n(x)) y1=(n(bottom)) y2=(n(bottom + 30.0)) {}
                text class="as-of-label" x=(n(x - 3.0)) y=(n(bottom + 30.0)) text-anchor="end" { "as of " (a.to_string()) }
            }
        }
    };
    Some(markup)
}

/// One row: its label and its mark (a link to the item on the page).
fn row(axis: &Axis, m: &Mark, y: f64) -> Markup {
    let lane = m.lane.class();
    let h = 9.0;
    let top = y + (ROW - h) / 2.0;
    let class = match m.lane {
        Lane::Claim => format!("{lane} {}", stated_class(m.stated)),
        _ => lane.to_string(),
    };
    let (bar_markup, left, mut right) = bar(axis, &m.date, top, h, &class);
    let known = m
        .known
        .as_ref()
        .map(|k| bar(axis, k, top + 2.0, h - 4.0, "known"));
    if let Some((_, _, r)) = &known {
        right = right.max(*r);
    }
    let deadline = m.deadline.as_ref().map(|d| {
        let (_, end) = m.date.interval();
        let x0 = axis.x(end + 1);
        let x1 = axis.x(deadline_end(&m.date, d) + 1).max(x0 + 4.0);
        (x0, x1)
    });
    if let Some((_, x1)) = deadline {
        right = right.max(x1);
    }
    let note_right = right + 5.0 + m.note.chars().count() as f64 * 5.6 <= PLOT_RIGHT + 10.0;
    let text_y = y + ROW - 5.5;
    html! {
        a class={"mark mark-" (lane)} href={"#" (m.anchor)} {
            title { (m.describe) }
            rect class="hit" x="0" y=(n(y)) width=(n(WIDTH)) height=(n(ROW)) {}
            text class="row-label" x="4" y=(n(text_y)) { (shorten(&m.label, LABEL_CHARS)) }
            (bar_markup)
            @if let Some((k, _, _)) = &known { (k) }
            @if let Some((x0, x1)) = deadline {
                line class="deadline" x1=(n(x0)) x2=(n(x1)) y1=(n(top + h / 2.0)) y2=(n(top + h / 2.0)) {}
                line class="deadline" x1=(n(x1)) x2=(n(x1)) y1=(n(top - 1.0)) y2=(n(top + h + 1.0)) {}
            }
            @if !m.note.is_empty() {
                @if note_right {
                    text class="note" x=(n(right + 5.0)) y=(n(text_y)) { (m.note) }
                } @else {
                    text class="note" x=(n(left - 5.0)) y=(n(text_y)) text-anchor="end" { (m.note) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d)
    }

    #[test]
    fn long_gaps_are_cut_and_days_map_in_order() {
        let zones = vec![
            (day(2013, 1, 1), day(2013, 12, 31)),
            (day(2022, 7, 15), day(2022, 7, 15)),
            (day(2022, 9, 7), day(2022, 9, 7)),
        ];
        let axis = Axis::new(zones, 0.0, 1000.0);
        assert_eq!(axis.segments.len(), 3);
        let xs: Vec<f64> = [
            day(2013, 6, 1),
            day(2018, 1, 1),
            day(2022, 7, 15),
            day(2022, 9, 7),
        ]
        .iter()
        .map(|&d| axis.x(d))
        .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    }

    #[test]
    fn approximate_dates_have_fuzzy_ends() {
        let d = Date {
            from: DatePoint {
                year: 2021,
                month: Some(5),
                day: None,
                approx: true,
            },
            to: None,
        };
        let ((o0, o1), (i0, i1)) = spans(&d);
        assert!(o0 < i0 && i1 < o1);
        assert_eq!(i0, day(2021, 5, 1));
        assert_eq!(i1, day(2021, 5, 31));
    }

    #[test]
    fn deadlines_count_from_the_last_day() {
        let d = Date::day(2022, 9, 7);
        let hours = Duration {
            count: 24,
            unit: Unit::Hour,
            approx: false,
        };
        assert_eq!(deadline_end(&d, &hours), day(2022, 9, 8));
        let month = Duration {
            count: 1,
            unit: Unit::Month,
            approx: false,
        };
        assert_eq!(
            deadline_end(&Date::day(2022, 1, 31), &month),
            day(2022, 2, 28)
        );
    }
}
