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
//! **The axis is cut where nothing happens, and gives room where much
//! does.** Long stretches in which no date starts or ends are cut out
//! (drawn as a hatched gap with `//` on the axis, never silently), and a
//! span that crosses a cut is drawn across it. The rest is a focus-and-
//! context scale: each calendar month is linear, as wide as the time it
//! covers and the dates that start or end in it ask for, with its own
//! ticks (a busy month names its days).
//!
//! **Rows say who, in full.** A claim's row is labelled with who made it
//! (and the state they speak for), a response's with who took it; the note
//! beside the mark says what (`attributes to Iran · stated high`). Labels
//! go on over as many lines as they need; nothing is cut.
//!
//! The timeline reads the analysis (what is in view `--as-of` a date, and
//! when each evidence item entered the record: `analysis::view`) and the
//! tree's dates; it computes nothing else.

use super::anchor;
use super::chains_json;
use crate::analysis::parties::state_of;
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

/// Who made a claim or a response, by name, each with the state they
/// speak for when it is another actor: `Edi Rama (Albania)`, `Microsoft`.
fn who(m: &Model, by: impl IntoIterator<Item = ActorId>) -> Option<String> {
    let names: Vec<String> = by
        .into_iter()
        .map(|a| match state_of(m, a) {
            Some(s) if s != a => format!("{} ({})", m.display_name(a), m.display_name(s)),
            _ => m.display_name(a).to_string(),
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
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
        // What the claim says: its verb, and whom it attributes to.
        let says = match claim.statements.first() {
            Some(s) if s.verb == Verb::Attributes => match s.object {
                Some(o) => format!("{what} to {}", m.display_name(o.to)),
                None => what.to_string(),
            },
            _ => what.to_string(),
        };
        let note = match &stated {
            Some(s) => format!("{says} · stated {}", s.term),
            None => says,
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
                label: who(m, ids(&claim.by)).unwrap_or_else(|| claim.head.name.clone()),
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
                label: who(m, r.by.as_ref().map(|b| b.to)).unwrap_or_else(|| r.head.name.clone()),
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

impl Segment {
    fn per_day(&self) -> f64 {
        (self.x1 - self.x0) / (self.end - self.start).max(1) as f64
    }
}

/// A stretch of the axis between two cuts: its calendar months (the first
/// and last may be parts of months), each linear, each as wide as what
/// happens in it asks for.
#[derive(Debug, Clone)]
struct Piece {
    months: Vec<Segment>,
}

impl Piece {
    fn start(&self) -> i64 {
        self.months[0].start
    }
    fn end(&self) -> i64 {
        self.months[self.months.len() - 1].end
    }
    fn x0(&self) -> f64 {
        self.months[0].x0
    }
    fn x1(&self) -> f64 {
        self.months[self.months.len() - 1].x1
    }
}

/// The date axis: a focus-and-context scale. Long empty stretches are cut;
/// what remains is cut into calendar months, and each month is as wide as
/// a share of the plot for the time it covers (the context) plus a share
/// for the dates that start or end in it (the focus): a month in which most
/// of the case happens is drawn wide, a quiet one narrow. Each month is
/// linear, and has its own ticks.
#[derive(Debug, Clone)]
struct Axis {
    pieces: Vec<Piece>,
}

/// Gaps shorter than this are never cut.
const MIN_CUT_DAYS: i64 = 45;
/// At most this many cuts: the longest gaps are cut first.
const MAX_CUTS: usize = 7;
/// A stretch between cuts shows at least this many days.
const MIN_SEGMENT_DAYS: i64 = 28;
const CUT_WIDTH: f64 = 14.0;
const MIN_SEGMENT_WIDTH: f64 = 32.0;
/// The weight of a month of time against one date starting or ending in
/// it: a month in which nothing happens weighs as much as one date.
const MONTH_WEIGHT: f64 = 0.35;
const DAYS_PER_MONTH: f64 = 30.44;

/// The first day of the month after the one `day` is in.
fn next_month(day: i64) -> i64 {
    let (y, m, _) = civil_from_days(day);
    if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    }
}

impl Axis {
    fn new(mut zones: Vec<(i64, i64)>, left: f64, right: f64) -> Axis {
        zones.sort_unstable();
        // Merge overlapping zones into runs.
        let mut runs: Vec<(i64, i64)> = Vec::new();
        for &(a, b) in &zones {
            match runs.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => runs.push((a, b)),
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
        let mut stretches: Vec<(i64, i64)> = Vec::new();
        let mut from = 0;
        for &k in cut_after.iter().chain(std::iter::once(&(runs.len() - 1))) {
            let group = &runs[from..=k];
            stretches.push((
                group[0].0,
                group.iter().map(|r| r.1).max().unwrap_or(group[0].1) + 1,
            ));
            from = k + 1;
        }
        // Pad each stretch a little, to at least MIN_SEGMENT_DAYS, within the gaps.
        let n = stretches.len();
        let mut padded: Vec<(i64, i64)> = Vec::with_capacity(n);
        for (k, &(a, b)) in stretches.iter().enumerate() {
            let pad = ((b - a) / 20).max(2);
            let mut start = a - pad;
            let mut end = b + pad;
            if end - start < MIN_SEGMENT_DAYS {
                let more = MIN_SEGMENT_DAYS - (end - start);
                start -= more / 2;
                end += more - more / 2;
            }
            // Never pad into the next or previous stretch.
            if k > 0 {
                start = start.max((stretches[k - 1].1 + a) / 2);
            }
            if k + 1 < n {
                end = end.min((b + stretches[k + 1].0) / 2);
            }
            padded.push((start, end.max(start + 1)));
        }
        // Each stretch's months, with their weights: the time they cover,
        // and the dates that start or end in them.
        let mut months: Vec<Vec<(i64, i64, f64)>> = padded
            .iter()
            .map(|&(start, end)| {
                let mut v = Vec::new();
                let mut a = start;
                while a < end {
                    let b = next_month(a).min(end);
                    v.push((a, b, MONTH_WEIGHT * (b - a) as f64 / DAYS_PER_MONTH));
                    a = b;
                }
                v
            })
            .collect();
        let find = |months: &[Vec<(i64, i64, f64)>], day: i64| -> Option<(usize, usize)> {
            let p = months.iter().position(|m| {
                m.first().is_some_and(|f| f.0 <= day) && m.last().is_some_and(|l| day < l.1)
            })?;
            let k = months[p].partition_point(|m| m.1 <= day);
            Some((p, k))
        };
        for &(a, b) in &zones {
            let first = find(&months, a);
            let last = find(&months, b);
            for at in [first, last].into_iter().flatten() {
                months[at.0][at.1].2 += 1.0;
                if first == last {
                    break;
                }
            }
        }
        let weights: Vec<f64> = months.iter().map(|m| m.iter().map(|x| x.2).sum()).collect();
        let total: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let width = right - left - CUT_WIDTH * n.saturating_sub(1) as f64;
        let spare = (width - MIN_SEGMENT_WIDTH * n as f64).max(0.0);
        let mut x = left;
        let mut pieces = Vec::with_capacity(n);
        for (list, weight) in months.iter().zip(&weights) {
            let w = if n == 1 {
                width
            } else {
                MIN_SEGMENT_WIDTH + spare * weight / total
            };
            let mut segs = Vec::with_capacity(list.len());
            let mut mx = x;
            for &(start, end, mw) in list {
                let share = w * mw / weight.max(f64::MIN_POSITIVE);
                segs.push(Segment {
                    start,
                    end,
                    x0: mx,
                    x1: mx + share,
                });
                mx += share;
            }
            pieces.push(Piece { months: segs });
            x += w + CUT_WIDTH;
        }
        Axis { pieces }
    }

    /// The x of the start of a day (a day in a cut maps across the cut).
    fn x(&self, day: i64) -> f64 {
        let ps = &self.pieces;
        for (k, p) in ps.iter().enumerate() {
            if day < p.start() {
                if k == 0 {
                    return p.x0();
                }
                let q = &ps[k - 1];
                let f = (day - q.end()) as f64 / (p.start() - q.end()).max(1) as f64;
                return q.x1() + f * (p.x0() - q.x1());
            }
            if day <= p.end() {
                return x_in(p, day);
            }
        }
        ps.last().map_or(0.0, |p| p.x1())
    }

    /// The share of the plot's width (cuts left out) the days `[from, to)`
    /// are drawn across.
    fn share(&self, from: i64, to: i64) -> f64 {
        let plot: f64 = self.pieces.iter().map(|p| p.x1() - p.x0()).sum();
        (self.x(to) - self.x(from)) / plot
    }
}

/// The share of the timeline's width (the cuts left out) that the days a
/// date may mean are drawn across: how much room the axis gives a period.
pub fn share_of_width(t: &Timeline, d: &Date) -> f64 {
    let axis = Axis::new(zones(t), PLOT_LEFT, PLOT_RIGHT);
    let (a, b) = d.interval();
    axis.share(a, b + 1)
}

/// The ticks of a stretch of the axis: grid lines at the months' bounds
/// (and at labelled days in a month wide enough for them), and labels. A
/// wide month names its days (the first with its month, and the year where
/// it changes); a month wide enough for its name is named (`2022-09`),
/// centred over it; where the months are too narrow, years are named over
/// their span; a label that would not fit or would overlap is left out.
struct Ticks {
    lines: Vec<f64>,
    /// Lines at labelled days inside a month, drawn lighter.
    minor: Vec<f64>,
    /// x, label, whether the label is centred on x.
    labels: Vec<(f64, String, bool)>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Units of width per character of a tick label.
const TICK_CHAR: f64 = 6.0;
/// A month's grid line is drawn where both months beside it are this wide.
const MIN_MONTH_LINE: f64 = 8.0;

fn ticks(p: &Piece) -> Ticks {
    let mut out = Ticks {
        lines: Vec::new(),
        minor: Vec::new(),
        labels: Vec::new(),
    };
    // The labels placed so far, as (left, right): a label that would come
    // within 6 units of one is left out.
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let mut place = |out: &mut Ticks, x: f64, label: String, centred: bool| -> bool {
        let width = label.chars().count() as f64 * TICK_CHAR;
        let left = if centred { x - width / 2.0 } else { x };
        let clear = placed
            .iter()
            .all(|&(a, b)| left + width + 6.0 <= a || b + 6.0 <= left);
        let fits = clear && left >= p.x0() - 8.0 && left + width <= p.x1() + 8.0;
        if fits {
            placed.push((left, left + width));
            out.labels.push((x, label, centred));
        }
        fits
    };
    // The year is named on the first label of the stretch and where it changes.
    let mut last_year: Option<i32> = None;
    let mut named_years: Vec<i32> = Vec::new();
    let with_year = |label: String, y: i32, last_year: &Option<i32>| {
        if *last_year == Some(y) {
            label
        } else {
            format!("{label} {y:04}")
        }
    };
    // Days: every day, every other day or every week, whichever leaves
    // room for a day's number; none in a month too narrow for that.
    let step = |s: &Segment| {
        [1, 2, 7]
            .into_iter()
            .find(|&st| st as f64 * s.per_day() >= 20.0)
    };
    // First the months: a month's name (at its first day when its days
    // are named, else centred over it), so that no day's number takes its
    // place. Months whose name found no room name their first labelled day.
    let mut unnamed: Vec<usize> = Vec::new();
    for (k, s) in p.months.iter().enumerate() {
        let (y, m, d0) = civil_from_days(s.start);
        let width = s.x1 - s.x0;
        if k > 0 {
            let before = p.months[k - 1].x1 - p.months[k - 1].x0;
            if width.min(before) >= MIN_MONTH_LINE || m == 1 {
                out.lines.push(s.x0);
            }
        }
        let placed_name = if step(s).is_some() {
            let label = with_year(format!("{d0} {}", MONTHS[m as usize - 1]), y, &last_year);
            place(&mut out, s.x0 + 2.0, label, false)
        } else {
            // A month cut short by the stretch's start or end is named only
            // if it is most of a month.
            let label = with_year(MONTHS[m as usize - 1].to_string(), y, &last_year);
            (d0 == 1 || s.end - s.start >= 20)
                && width >= label.chars().count() as f64 * TICK_CHAR + 4.0
                && place(&mut out, (s.x0 + s.x1) / 2.0, label, true)
        };
        if placed_name {
            last_year = Some(y);
            named_years.push(y);
        } else {
            unnamed.push(k);
        }
    }
    // Then the days of the months wide enough for them.
    for (k, s) in p.months.iter().enumerate() {
        let Some(step) = step(s) else { continue };
        let mut name_it = unnamed.contains(&k);
        for day in s.start + 1..s.end {
            let (y, m, dd) = civil_from_days(day);
            if (dd - 1) % step != 0 {
                continue;
            }
            let x = s.x0 + (day - s.start) as f64 * s.per_day();
            out.minor.push(x);
            let label = if name_it {
                format!("{dd} {} {y:04}", MONTHS[m as usize - 1])
            } else {
                dd.to_string()
            };
            if place(&mut out, x + 2.0, label, false) && name_it {
                name_it = false;
                named_years.push(y);
            }
        }
    }
    // Years none of whose months or days is named: named over their span.
    let (first_year, _, _) = civil_from_days(p.start());
    let (last, _, _) = civil_from_days(p.end() - 1);
    for y in first_year..=last {
        if named_years.contains(&y) {
            continue;
        }
        let a = p.start().max(days_from_civil(y, 1, 1));
        let b = p.end().min(days_from_civil(y + 1, 1, 1));
        let (xa, xb) = (x_in(p, a), x_in(p, b));
        let label = format!("{y:04}");
        if xb - xa >= label.chars().count() as f64 * TICK_CHAR + 4.0 {
            place(&mut out, (xa + xb) / 2.0, label, true);
        }
    }
    // A stretch too narrow for any label is named by its middle: the month
    // for a short one, else the year.
    if out.labels.is_empty() {
        let (y, m, _) = civil_from_days((p.start() + p.end()) / 2);
        let label = if p.end() - p.start() <= 62 {
            format!("{} {y:04}", MONTHS[m as usize - 1])
        } else {
            format!("{y:04}")
        };
        out.labels.push(((p.x0() + p.x1()) / 2.0, label, true));
    }
    out.labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// The x of a day inside a stretch.
fn x_in(p: &Piece, day: i64) -> f64 {
    let k = p.months.partition_point(|s| s.end <= day);
    match p.months.get(k) {
        Some(s) => s.x0 + (day - s.start) as f64 * s.per_day(),
        None => p.x1(),
    }
}

// --- Drawing --------------------------------------------------------------------------------------

const WIDTH: f64 = 1100.0;
const PLOT_LEFT: f64 = 262.0;
const PLOT_RIGHT: f64 = 1085.0;
const ROW: f64 = 19.0;
/// The height of each further line of a row's label.
const LINE: f64 = 12.5;
const HEADING: f64 = 24.0;
const AXIS: f64 = 42.0;
/// Characters of a row label that fit a line of its column; a longer
/// label goes on over more lines, never cut.
const LABEL_CHARS: usize = 45;

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// A label in lines of at most `max` characters, broken between words (a
/// word longer than a line is broken inside).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let mut word = word;
        loop {
            let have = line.chars().count();
            let len = word.chars().count();
            if have > 0 && have + 1 + len <= max {
                line.push(' ');
                line.push_str(word);
                break;
            }
            if have == 0 && len <= max {
                line.push_str(word);
                break;
            }
            if have > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let cut = word.char_indices().nth(max).map_or(word.len(), |(i, _)| i);
            lines.push(word[..cut].to_string());
            word = &word[cut..];
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
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
    let axis = Axis::new(zones(t), PLOT_LEFT, PLOT_RIGHT);
    let counts: Vec<String> = {
        let mut lanes: Vec<Lane> = t.marks.iter().map(|m| m.lane).collect();
        lanes.dedup();
        lanes
            .iter()
            .map(|l| {
                let k = t.marks.iter().filter(|m| m.lane == *l).count();
                format!("{k} {}", l.class())
            })
            .collect()
    };
    let desc = format!(
        "{} dated items on one date axis ({}). Each date is drawn as the span of days it may mean; approximate dates have faded ends; hatched gaps cut stretches with nothing recorded; months in which more is recorded are drawn wider.",
        t.marks.len(),
        counts.join(", ")
    );
    // Rows, with their y and height: a lane's heading, or a mark and its
    // label's lines.
    struct Row<'a> {
        y: f64,
        h: f64,
        lane: Option<Lane>,
        mark: Option<(&'a Mark, Vec<String>)>,
    }
    let mut rows: Vec<Row<'_>> = Vec::new();
    let mut y = AXIS;
    let mut last: Option<Lane> = None;
    for m in &t.marks {
        if last != Some(m.lane) {
            rows.push(Row {
                y,
                h: HEADING,
                lane: Some(m.lane),
                mark: None,
            });
            y += HEADING;
            last = Some(m.lane);
        }
        let lines = wrap(&m.label, LABEL_CHARS);
        let h = ROW + (lines.len() - 1) as f64 * LINE;
        rows.push(Row {
            y,
            h,
            lane: None,
            mark: Some((m, lines)),
        });
        y += h;
    }
    // Room under the lower axis for the as-of label.
    let extra = if t.as_of.is_some() { 16.0 } else { 0.0 };
    let bottom = y + 6.0;
    let height = y + AXIS + extra;
    let cuts: Vec<(f64, f64)> = axis
        .pieces
        .windows(2)
        .map(|w| (w[0].x1(), w[1].x0()))
        .collect();
    let all_ticks: Vec<Ticks> = axis.pieces.iter().map(ticks).collect();
    let grid: Vec<f64> = all_ticks
        .iter()
        .flat_map(|t| t.lines.iter().copied())
        .chain(axis.pieces.iter().flat_map(|p| [p.x0(), p.x1()]))
        .collect();
    let minor: Vec<f64> = all_ticks
        .iter()
        .flat_map(|t| t.minor.iter().copied())
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
            @for (k, r) in rows.iter().filter(|r| r.mark.is_some()).enumerate() {
                @if k % 2 == 0 {
                    rect class="stripe" x="0" y=(n(r.y)) width=(n(WIDTH)) height=(n(r.h)) {}
                }
            }
            // Grid and cuts.
            @for x in &minor {
                line class="grid minor" x1=(n(*x)) x2=(n(*x)) y1=(n(AXIS - 6.0)) y2=(n(bottom)) {}
            }
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
                @for p in &axis.pieces {
                    line class="axis" x1=(n(p.x0())) x2=(n(p.x1())) y1=(n(ya)) y2=(n(ya)) {}
                }
                @for (a, b) in &cuts {
                    text class="cut-mark" x=(n((a + b) / 2.0)) y=(n(ya + 4.0)) text-anchor="middle" { "//" }
                }
                @for x in &grid {
                    line class="tick" x1=(n(*x)) x2=(n(*x)) y1=(n(ya - 3.0)) y2=(n(ya + 3.0)) {}
                }
                @for x in &minor {
                    line class="tick minor" x1=(n(*x)) x2=(n(*x)) y1=(n(ya - 2.0)) y2=(n(ya + 2.0)) {}
                }
                @for (x, label, centre) in labels.iter().copied() {
                    text class="tick-label" x=(n(*x)) y=(n(if above { ya - 7.0 } else { ya + 15.0 }))
                        text-anchor=(if *centre { "middle" } else { "start" }) { (label) }
                }
            }
            @for r in &rows {
                @if let Some(lane) = r.lane {
                    text class="lane-heading" x="4" y=(n(r.y + HEADING - 7.0)) { (lane.heading()) }
                }
                @if let Some((m, lines)) = &r.mark {
                    (row(&axis, m, lines, r.y, r.h))
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

/// The days the timeline must show: every date drawn (each end of a
/// range), each event's `known`, each deadline's end, the as-of date.
fn zones(t: &Timeline) -> Vec<(i64, i64)> {
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
    zones
}

/// One row: its label (in as many lines as it needs) and its mark (a link
/// to the item on the page), level with the label's first line.
fn row(axis: &Axis, m: &Mark, lines: &[String], y: f64, height: f64) -> Markup {
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
            rect class="hit" x="0" y=(n(y)) width=(n(WIDTH)) height=(n(height)) {}
            text class="row-label" x="4" y=(n(text_y)) {
                @for (k, line) in lines.iter().enumerate() {
                    @if k == 0 { (line) } @else { tspan x="4" dy=(n(LINE)) { (line) } }
                }
            }
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
        assert_eq!(axis.pieces.len(), 3);
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
    fn busy_months_are_drawn_wider_than_quiet_ones() {
        // Two dates in May, ten in June, none in April or July.
        let mut zones = vec![
            (day(2022, 5, 3), day(2022, 5, 3)),
            (day(2022, 5, 20), day(2022, 5, 20)),
        ];
        for d in 1..=10 {
            zones.push((day(2022, 6, d * 2), day(2022, 6, d * 2)));
        }
        zones.push((day(2022, 4, 1), day(2022, 7, 31)));
        let axis = Axis::new(zones, 0.0, 1000.0);
        assert_eq!(axis.pieces.len(), 1);
        let share = |a: i64, b: i64| axis.share(a, b);
        let (april, may, june, july) = (
            share(day(2022, 4, 1), day(2022, 5, 1)),
            share(day(2022, 5, 1), day(2022, 6, 1)),
            share(day(2022, 6, 1), day(2022, 7, 1)),
            share(day(2022, 7, 1), day(2022, 8, 1)),
        );
        assert!(
            june > 2.0 * may && may > april,
            "{april} {may} {june} {july}"
        );
        assert!(
            june > 0.5,
            "June, with most dates, gets most of the width: {june}"
        );
        // Each month is linear, and days map in order across months.
        let xs: Vec<f64> = (0..=121).map(|k| axis.x(day(2022, 4, 1) + k)).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        let mid = axis.x(day(2022, 6, 16));
        let (a, b) = (axis.x(day(2022, 6, 1)), axis.x(day(2022, 7, 1)));
        assert!((mid - (a + (b - a) * 15.0 / 30.0)).abs() < 1e-6);
    }

    #[test]
    fn labels_wrap_between_words_and_lose_nothing() {
        let label = "Federal Bureau of Investigation (United States), Cybersecurity and Infrastructure Security Agency (United States)";
        let lines = wrap(label, 45);
        assert!(
            lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 45),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), label);
        let long = "x".repeat(100);
        assert_eq!(wrap(&long, 45).concat(), long);
        assert_eq!(wrap("", 45), vec![String::new()]);
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
