//! `attrib compare --format svg`: the corpus in three pictures, drawn from
//! the compare records alone (no case is read again), as one self-contained
//! SVG document: presentation attributes only (no style sheet, no script, no
//! outside reference), so that it shows the same as a file, inside the
//! report's index under its Content-Security-Policy, and in a browser.
//!
//! 1. Days from each case's event to its first attribution: by a state on
//!    the record, by anyone on the record, and without names (anonymous
//!    officials), each a range where the dates are imprecise, on a
//!    logarithmic axis (a day and ten years on one line).
//! 2. Which states attributed which case (a case × state grid), on the
//!    record or only without names, beside the state held responsible.
//! 3. The strongest response to each case on attrib's response ladder.
//!
//! Every text from a case (ids, names, words) is escaped for XML.

use crate::compare::{CaseRecord, DateVar, RESPONSE_LADDER};
use crate::date::days_from_civil;
use std::collections::BTreeMap;
use std::fmt::Write;

const WIDTH: f64 = 1000.0;
const LEFT: f64 = 210.0;
const RIGHT: f64 = 960.0;
const ROW: f64 = 22.0;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const INK: &str = "#1a202c";
const MUTED: &str = "#5a6472";
const RULE: &str = "#d5dae1";
const STATE: &str = "#1f4e8c";
const ANYONE: &str = "#7a8aa0";
const UNOFFICIAL: &str = "#c05621";

/// XML-escape a text; control characters (which a case cannot hold, but a
/// record could be built by hand) become spaces.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD`.
fn day(iso: &str) -> Option<i64> {
    let mut parts = iso.splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some(days_from_civil(y, m, d))
}

/// The fewest and the most days from `from` to `to` that their dates allow
/// (never below 0: an attribution is not made before the event is known).
fn days_between(from: &DateVar, to: &DateVar) -> Option<(i64, i64)> {
    let (f0, f1) = (day(&from.earliest)?, day(&from.latest)?);
    let (t0, t1) = (day(&to.earliest)?, day(&to.latest)?);
    Some(((t0 - f1).max(0), (t1 - f0).max(0)))
}

/// The three ranges of one case: by a state, by anyone, without names.
struct Times {
    state: Option<(i64, i64)>,
    anyone: Option<(i64, i64)>,
    unofficial: Option<(i64, i64)>,
}

fn times(r: &CaseRecord) -> Times {
    let from = r.public_date.as_ref();
    let between =
        |to: &Option<DateVar>| from.zip(to.as_ref()).and_then(|(f, t)| days_between(f, t));
    Times {
        state: r.time_to_attribution_min.zip(r.time_to_attribution_max),
        anyone: between(&r.first_attribution_official),
        unofficial: between(&r.first_attribution_unofficial),
    }
}

/// A logarithmic axis of days, `ln(1 + d)`, from 0 to `max`.
struct DayAxis {
    max: f64,
}

impl DayAxis {
    fn x(&self, d: i64) -> f64 {
        LEFT + (RIGHT - LEFT) * ((1.0 + d.max(0) as f64).ln() / (1.0 + self.max).ln())
    }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, fill: &str, anchor: &str, words: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
        esc(words)
    );
}

fn heading(out: &mut String, y: f64, title: &str, note: &str) {
    let _ = writeln!(
        out,
        r#"<text x="20" y="{y:.1}" font-size="16" font-weight="600" fill="{INK}">{}</text>"#,
        esc(title)
    );
    text(out, 20.0, y + 18.0, 12.0, MUTED, "start", note);
}

/// A mark of one kind of first attribution, at `x`.
fn mark(out: &mut String, x: f64, y: f64, colour: &str, shape: Shape) {
    let _ = match shape {
        Shape::Circle => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{colour}"/>"#
        ),
        Shape::Ring => writeln!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="white" stroke="{colour}" stroke-width="2"/>"#
        ),
        Shape::Triangle => writeln!(
            out,
            r#"<path d="M{x:.1} {:.1} l5 9 h-10 z" fill="{colour}"/>"#,
            y - 5.0
        ),
    };
}

#[derive(Clone, Copy)]
enum Shape {
    Circle,
    Ring,
    Triangle,
}

/// A range as a bar from its fewest to its most days, with its mark at the
/// fewest.
fn range(
    out: &mut String,
    axis: &DayAxis,
    y: f64,
    (lo, hi): (i64, i64),
    colour: &str,
    shape: Shape,
) {
    let (x0, x1) = (axis.x(lo), axis.x(hi));
    if x1 - x0 > 1.5 {
        let _ = writeln!(
            out,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="6" rx="3" fill="{colour}" fill-opacity="0.45"/>"#,
            y - 3.0,
            x1 - x0
        );
    }
    mark(out, x0, y, colour, shape);
}

fn days_words((lo, hi): (i64, i64)) -> String {
    if lo == hi {
        format!("{lo} d")
    } else {
        format!("{lo}–{hi} d")
    }
}

fn row_label(out: &mut String, y: f64, r: &CaseRecord, k: usize) {
    if k.is_multiple_of(2) {
        let _ = writeln!(
            out,
            r##"<rect x="16" y="{:.1}" width="{:.1}" height="{ROW}" fill="#f4f6f9"/>"##,
            y - ROW / 2.0,
            WIDTH - 32.0
        );
    }
    text(out, 24.0, y + 4.0, 12.0, INK, "start", &r.case_id);
}

fn times_panel(out: &mut String, top: f64, records: &[CaseRecord]) -> f64 {
    heading(
        out,
        top,
        "Days from the event to its first attribution",
        "From the day the event was publicly known; a bar where the dates are imprecise; logarithmic axis.",
    );
    let all: Vec<Times> = records.iter().map(times).collect();
    let max = all
        .iter()
        .flat_map(|t| [t.state, t.anyone, t.unofficial])
        .flatten()
        .map(|(_, hi)| hi)
        .max()
        .unwrap_or(0)
        .max(365) as f64;
    let axis = DayAxis { max };
    // Legend.
    let ly = top + 40.0;
    let legend = [
        (STATE, Shape::Circle, "by a state, on the record"),
        (
            ANYONE,
            Shape::Ring,
            "by anyone on the record (a vendor, the media)",
        ),
        (UNOFFICIAL, Shape::Triangle, "without names, when earlier"),
    ];
    let mut lx = LEFT;
    for (colour, shape, words) in legend {
        mark(out, lx + 6.0, ly, colour, shape);
        text(out, lx + 16.0, ly + 4.0, 12.0, INK, "start", words);
        lx += 16.0 + words.chars().count() as f64 * 6.2 + 24.0;
    }
    let top_rows = ly + 30.0;
    let bottom = top_rows + ROW * records.len() as f64;
    // Ticks.
    for (d, label) in [
        (0, "0"),
        (1, "1 day"),
        (7, "1 week"),
        (30, "1 month"),
        (90, "3 months"),
        (365, "1 year"),
        (730, "2 years"),
        (1826, "5 years"),
        (3652, "10 years"),
    ] {
        if d as f64 > max {
            continue;
        }
        let x = axis.x(d);
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{RULE}"/>"#,
            top_rows - ROW / 2.0
        );
        text(out, x, bottom + 14.0, 11.0, MUTED, "middle", label);
    }
    for (k, (r, t)) in records.iter().zip(&all).enumerate() {
        let y = top_rows + ROW * k as f64;
        row_label(out, y, r, k);
        if let Some(u) = t.unofficial {
            range(out, &axis, y, u, UNOFFICIAL, Shape::Triangle);
        }
        if let Some(a) = t.anyone {
            range(out, &axis, y, a, ANYONE, Shape::Ring);
        }
        match t.state {
            Some(s) => {
                range(out, &axis, y, s, STATE, Shape::Circle);
                let x = axis.x(s.1) + 9.0;
                let (x, anchor) = if x > RIGHT - 40.0 {
                    (axis.x(s.0) - 9.0, "end")
                } else {
                    (x, "start")
                };
                text(out, x, y + 4.0, 11.0, STATE, anchor, &days_words(s));
            }
            None => text(
                out,
                RIGHT,
                y + 4.0,
                11.0,
                MUTED,
                "end",
                "no state on the record",
            ),
        }
    }
    bottom + 30.0
}

fn grid_panel(out: &mut String, top: f64, records: &[CaseRecord]) -> f64 {
    heading(
        out,
        top,
        "Which states attributed which case",
        "A filled square: on the record; an open one: only without names. Right: whom the states hold responsible.",
    );
    // ISO codes by country name, from every record that gives both.
    let mut iso: BTreeMap<&str, &str> = BTreeMap::new();
    for r in records {
        for (n, c) in r.attributing_country.iter().zip(&r.attributing_country_iso) {
            if !c.is_empty() {
                iso.insert(n, c);
            }
        }
    }
    let code = |n: &str| iso.get(n).map_or_else(|| n.to_string(), |c| c.to_string());
    // Columns: every state, the most frequent first (then by code).
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        for n in r
            .attributing_country
            .iter()
            .chain(&r.attributing_country_unofficial)
        {
            *count.entry(code(n)).or_default() += 1;
        }
    }
    let mut columns: Vec<(String, usize)> = count.into_iter().collect();
    columns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let col = 30.0;
    let top_rows = top + 56.0;
    for (j, (c, _)) in columns.iter().enumerate() {
        text(
            out,
            LEFT + col * j as f64 + col / 2.0,
            top_rows - 18.0,
            11.0,
            INK,
            "middle",
            c,
        );
    }
    let held_x = LEFT + col * columns.len() as f64 + 24.0;
    text(
        out,
        held_x,
        top_rows - 18.0,
        11.0,
        MUTED,
        "start",
        "held responsible (by states)",
    );
    for (k, r) in records.iter().enumerate() {
        let y = top_rows + ROW * k as f64;
        row_label(out, y, r, k);
        let on: Vec<String> = r.attributing_country.iter().map(|n| code(n)).collect();
        let off: Vec<String> = r
            .attributing_country_unofficial
            .iter()
            .map(|n| code(n))
            .collect();
        for (j, (c, _)) in columns.iter().enumerate() {
            let x = LEFT + col * j as f64 + col / 2.0 - 7.0;
            let (fill, stroke) = if on.contains(c) {
                (STATE, STATE)
            } else if off.contains(c) {
                ("white", UNOFFICIAL)
            } else {
                ("none", RULE)
            };
            let width = if stroke == RULE { 1.0 } else { 2.0 };
            let _ = writeln!(
                out,
                r#"<rect x="{x:.1}" y="{:.1}" width="14" height="14" rx="2" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>"#,
                y - 7.0
            );
        }
        let held = match (
            &r.attributed_initiator.name,
            &r.attributed_initiator.country_iso,
        ) {
            (Some(n), Some(c)) if !c.is_empty() => format!("{n} ({c})"),
            (Some(n), _) => format!("{n} ({})", r.attributed_initiator.category.to_lowercase()),
            (None, _) => "no one".to_string(),
        };
        text(out, held_x, y + 4.0, 12.0, INK, "start", &held);
    }
    top_rows + ROW * records.len() as f64 + 20.0
}

fn ladder_panel(out: &mut String, top: f64, records: &[CaseRecord]) -> f64 {
    heading(
        out,
        top,
        "The strongest response to each case",
        "By a state or an intergovernmental body, on attrib's response ladder (docs/compare.md), weakest left.",
    );
    // Room on the right for the last word, written slanting down.
    let n = RESPONSE_LADDER.len() as f64;
    let step = (RIGHT - 70.0 - LEFT) / (n - 1.0);
    let x = |rank: u8| LEFT + step * f64::from(rank);
    let top_rows = top + 56.0;
    let bottom = top_rows + ROW * records.len() as f64;
    for (rank, kind) in RESPONSE_LADDER.iter().enumerate() {
        let xr = x(rank as u8);
        let _ = writeln!(
            out,
            r#"<line x1="{xr:.1}" y1="{:.1}" x2="{xr:.1}" y2="{:.1}" stroke="{RULE}"/>"#,
            top_rows - ROW / 2.0,
            bottom - ROW / 2.0
        );
        let _ = writeln!(
            out,
            r#"<text transform="translate({:.1} {:.1}) rotate(40)" font-size="11" fill="{MUTED}">{}</text>"#,
            xr - 3.0,
            bottom - 2.0,
            esc(kind.word())
        );
    }
    for (k, r) in records.iter().enumerate() {
        let y = top_rows + ROW * k as f64;
        row_label(out, y, r, k);
        match (r.strongest_response_rank, &r.strongest_response) {
            (Some(rank), Some(word)) => {
                let xr = x(rank);
                let _ = writeln!(
                    out,
                    r#"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{xr:.1}" y2="{y:.1}" stroke="{STATE}" stroke-opacity="0.35" stroke-width="3"/>"#
                );
                let _ = writeln!(
                    out,
                    r#"<circle cx="{xr:.1}" cy="{y:.1}" r="5.5" fill="{STATE}"/>"#
                );
                let (tx, anchor) = if xr > RIGHT - 180.0 {
                    (xr - 10.0, "end")
                } else {
                    (xr + 10.0, "start")
                };
                text(out, tx, y + 4.0, 12.0, INK, anchor, word);
            }
            _ => text(
                out,
                LEFT,
                y + 4.0,
                11.0,
                MUTED,
                "start",
                "no response by a state on record",
            ),
        }
    }
    bottom + 90.0
}

/// The three pictures of the corpus, one SVG document.
pub fn svg(records: &[CaseRecord]) -> String {
    let mut body = String::new();
    let mut y = 30.0;
    y = times_panel(&mut body, y, records);
    y = grid_panel(&mut body, y, records);
    y = ladder_panel(&mut body, y, records);
    let height = y.ceil();
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" font-family="{FONT}">"#
    );
    let _ = writeln!(
        out,
        "<title>{} cases compared: days to the first attribution, the states that attributed each case, the strongest response</title>",
        records.len()
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imprecise_dates_make_ranges() {
        let d = |earliest: &str, latest: &str| DateVar {
            date: String::new(),
            earliest: earliest.into(),
            latest: latest.into(),
            approximate: earliest != latest,
            unconfirmed: false,
        };
        let event = d("2016-12-17", "2016-12-18");
        assert_eq!(
            days_between(&event, &d("2016-12-29", "2016-12-29")),
            Some((11, 12))
        );
        // A claim dated by its month, the event a day of that month.
        assert_eq!(
            days_between(
                &d("2015-06-04", "2015-06-04"),
                &d("2015-06-01", "2015-06-30")
            ),
            Some((0, 26))
        );
    }

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos; "
        );
    }
}
