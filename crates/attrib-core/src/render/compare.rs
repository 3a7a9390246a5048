//! `attrib compare`: cases side by side (a table for people, one column per
//! case), or one record per case (CSV and JSON, for pandas and R).

use crate::compare::{CaseRecord, DateVar, Initiator};
use crate::vocab::{IndicatorClass, LegalCategory, ResponseKind};
use serde_json::{Value, json};

/// A list variable: its items joined with `; ` in CSV, an array in JSON.
fn list(v: &[String]) -> Value {
    json!(v)
}

fn opt<T: serde::Serialize>(v: &Option<T>) -> Value {
    json!(v)
}

/// A date's columns: as written, its first and last day, its flags.
fn date_columns(out: &mut Vec<(String, Value)>, name: &str, d: &Option<DateVar>) {
    let field = |f: fn(&DateVar) -> Value| d.as_ref().map_or(Value::Null, f);
    out.push((name.into(), field(|d| json!(d.date))));
    out.push((format!("{name}_earliest"), field(|d| json!(d.earliest))));
    out.push((format!("{name}_latest"), field(|d| json!(d.latest))));
    out.push((
        format!("{name}_approximate"),
        field(|d| json!(d.approximate)),
    ));
    out.push((
        format!("{name}_unconfirmed"),
        field(|d| json!(d.unconfirmed)),
    ));
}

/// An initiator's columns.
fn initiator_columns(out: &mut Vec<(String, Value)>, prefix: &str, i: &Initiator) {
    out.push((format!("{prefix}_name"), opt(&i.name)));
    out.push((format!("{prefix}_category"), json!(i.category)));
    out.push((format!("{prefix}_country"), opt(&i.country)));
    out.push((format!("{prefix}_country_iso"), opt(&i.country_iso)));
}

/// The variables of a case as named columns, dates, initiators and the
/// per-class and per-kind counts spread over columns of their own: the
/// record of a case, the same in CSV and in JSON (docs/compare.md lists
/// them). Values are typed: text, numbers, booleans, lists, or null.
pub fn columns(r: &CaseRecord) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = vec![
        ("case_id".into(), json!(r.case_id)),
        ("title".into(), json!(r.title)),
        ("as_of".into(), opt(&r.as_of)),
        ("event".into(), opt(&r.event)),
    ];
    date_columns(&mut out, "start_date", &r.start_date);
    date_columns(&mut out, "public_date", &r.public_date);
    date_columns(&mut out, "attribution_date", &r.attribution_date);
    out.extend([
        (
            "time_to_attribution_min".into(),
            opt(&r.time_to_attribution_min),
        ),
        (
            "time_to_attribution_max".into(),
            opt(&r.time_to_attribution_max),
        ),
    ]);
    date_columns(
        &mut out,
        "first_attribution_official",
        &r.first_attribution_official,
    );
    out.push((
        "first_attribution_official_by".into(),
        list(&r.first_attribution_official_by),
    ));
    date_columns(
        &mut out,
        "first_attribution_unofficial",
        &r.first_attribution_unofficial,
    );
    out.push((
        "first_attribution_unofficial_by".into(),
        list(&r.first_attribution_unofficial_by),
    ));
    out.extend([
        ("attributing_actor".into(), list(&r.attributing_actor)),
        (
            "attributing_actor_unconfirmed".into(),
            list(&r.attributing_actor_unconfirmed),
        ),
        (
            "attributing_actor_unofficial".into(),
            list(&r.attributing_actor_unofficial),
        ),
        ("attributing_country".into(), list(&r.attributing_country)),
        (
            "attributing_country_iso".into(),
            list(&r.attributing_country_iso),
        ),
        (
            "number_of_attributing_states".into(),
            json!(r.number_of_attributing_states),
        ),
        (
            "attributing_country_unofficial".into(),
            list(&r.attributing_country_unofficial),
        ),
        ("attribution_form".into(), list(&r.attribution_form)),
        (
            "attribution_basis_stated".into(),
            list(&r.attribution_basis_stated),
        ),
    ]);
    initiator_columns(&mut out, "attributed_initiator", &r.attributed_initiator);
    initiator_columns(
        &mut out,
        "vendor_attributed_initiator",
        &r.vendor_attributed_initiator,
    );
    out.extend([
        ("attributing_vendor".into(), list(&r.attributing_vendor)),
        ("located_in".into(), list(&r.located_in)),
        (
            "stated_confidence_max".into(),
            opt(&r.stated_confidence_max),
        ),
        (
            "stated_confidence_words".into(),
            opt(&r.stated_confidence_words),
        ),
        ("stated_confidence_by".into(), list(&r.stated_confidence_by)),
        ("support_states".into(), opt(&r.support_states)),
        (
            "support_states_level".into(),
            opt(&r.support_states_level.map(|l| l.word())),
        ),
        ("support_all".into(), opt(&r.support_all)),
        (
            "support_all_level".into(),
            opt(&r.support_all_level.map(|l| l.word())),
        ),
        ("support_key_item".into(), opt(&r.support_key_item)),
        (
            "support_without_key_item".into(),
            opt(&r.support_without_key_item),
        ),
        ("evidence_items".into(), json!(r.evidence_items)),
    ]);
    for class in IndicatorClass::ALL {
        let n = r.evidence_by_class.get(class.word()).copied().unwrap_or(0);
        out.push((format!("evidence_{}", class.word()), json!(n)));
    }
    out.push((
        "evidence_disclosed_share".into(),
        opt(&r.evidence_disclosed_share),
    ));
    out.push(("self_attribution".into(), json!(r.self_attribution)));
    out.push(("denial".into(), json!(r.denial)));
    for kind in ResponseKind::ALL {
        let n = r.responses_by_kind.get(kind.word()).copied().unwrap_or(0);
        out.push((
            format!("response_{}", kind.word().replace('-', "_")),
            json!(n),
        ));
    }
    for cat in LegalCategory::ALL {
        let n = r
            .responses_by_category
            .get(cat.word())
            .copied()
            .unwrap_or(0);
        out.push((
            format!("category_{}", cat.word().replace('-', "_")),
            json!(n),
        ));
    }
    out.extend([
        ("strongest_response".into(), opt(&r.strongest_response)),
        (
            "strongest_response_rank".into(),
            opt(&r.strongest_response_rank),
        ),
        (
            "number_of_responding_states".into(),
            json!(r.number_of_responding_states),
        ),
        ("counter_measures".into(), list(&r.counter_measures)),
        (
            "remediation_by_companies".into(),
            json!(r.remediation_by_companies),
        ),
        (
            "time_to_first_response_min".into(),
            opt(&r.time_to_first_response_min),
        ),
        (
            "time_to_first_response_max".into(),
            opt(&r.time_to_first_response_max),
        ),
    ]);
    out
}

/// A CSV cell: text as it is but for a leading formula character, which a
/// spreadsheet would run (`=`, `+`, `-`, `@`, tab, carriage return: OWASP's
/// rule): such a cell starts with `'`. Numbers and booleans as JSON writes
/// them, lists joined with `; `, null empty.
fn cell(v: &Value) -> String {
    let text = match v {
        Value::Null => return String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("; "),
        other => return other.to_string(),
    };
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One header line and one record per case.
pub fn csv(records: &[CaseRecord]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = columns(records.first().unwrap_or(&CaseRecord::empty()))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&header);
    for r in records {
        let _ = w.write_record(columns(r).iter().map(|(_, v)| cell(v)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One record as a JSON object, its keys in the columns' order.
struct Record(Vec<(String, Value)>);

impl serde::Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A JSON array with one object per case: the same columns as the CSV,
/// with their JSON types.
pub fn json(records: &[CaseRecord]) -> String {
    let rows: Vec<Record> = records.iter().map(|r| Record(columns(r))).collect();
    serde_json::to_string_pretty(&rows).expect("records serialise")
}

/// A cell of the table: the party and its EuRepoC category, shortened.
fn held(i: &Initiator) -> String {
    let category = match i.category.as_str() {
        "Non-state actor, state-affiliation suggested" => "non-state, state link suggested",
        "Unknown - not attributed" => "not attributed",
        other => other,
    };
    match &i.name {
        Some(n) => format!("{n} ({})", category.to_lowercase()),
        None => category.to_lowercase(),
    }
}

/// Break text into lines of at most `width` characters, at spaces where
/// possible.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Days as a figure, or the range the dates allow (`139–199`).
fn days(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// The table's columns: heading, share of the width, and the cell.
type Column = (&'static str, usize, fn(&CaseRecord) -> String);

const COLUMNS: [Column; 7] = [
    ("case", 21, |r| r.case_id.clone()),
    ("held responsible (by states)", 17, |r| {
        held(&r.attributed_initiator)
    }),
    ("states", 12, |r| {
        let codes: Vec<&str> = r
            .attributing_country_iso
            .iter()
            .zip(&r.attributing_country)
            .map(|(iso, name)| {
                if iso.is_empty() {
                    name.as_str()
                } else {
                    iso.as_str()
                }
            })
            .collect();
        if codes.is_empty() {
            "0".into()
        } else {
            format!("{}: {}", codes.len(), codes.join(" "))
        }
    }),
    ("first by a state", 13, |r| {
        r.attribution_date.as_ref().map_or(String::new(), |d| {
            if d.unconfirmed {
                format!("{} (unconfirmed)", d.date)
            } else {
                d.date.clone()
            }
        })
    }),
    ("days", 4, |r| {
        days(r.time_to_attribution_min, r.time_to_attribution_max)
    }),
    ("support on record (by states)", 14, |r| {
        match (r.support_states, r.support_states_level) {
            (Some(v), Some(l)) => format!("{v} {}", l.word()),
            _ => String::new(),
        }
    }),
    ("strongest response", 12, |r| {
        r.strongest_response.clone().unwrap_or_default()
    }),
];

/// One row per case, the key variables in columns, within `width` columns
/// (CSV and JSON carry every variable).
pub fn table(records: &[CaseRecord], width: usize) -> String {
    let gap = 1;
    let total: usize = COLUMNS.iter().map(|c| c.1).sum();
    let room = width
        .saturating_sub(gap * (COLUMNS.len() - 1))
        .max(COLUMNS.len() * 4);
    let widths: Vec<usize> = COLUMNS
        .iter()
        .map(|c| (c.1 * room / total).max(4))
        .collect();
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut out = String::new();
    let emit = |cells: Vec<Vec<String>>, out: &mut String| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let row: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, &w)| pad(c.get(line).map_or("", String::as_str), w))
                .collect();
            out.push_str(row.join(&" ".repeat(gap)).trim_end());
            out.push('\n');
        }
    };
    emit(
        COLUMNS
            .iter()
            .zip(&widths)
            .map(|(c, &w)| wrap(c.0, w))
            .collect(),
        &mut out,
    );
    out.push_str(&"─".repeat(widths.iter().sum::<usize>() + gap * (widths.len() - 1)));
    out.push('\n');
    for r in records {
        emit(
            COLUMNS
                .iter()
                .zip(&widths)
                .map(|(c, &w)| wrap(&(c.2)(r), w))
                .collect(),
            &mut out,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_within_width() {
        assert_eq!(
            wrap("Non-state actor, state-affiliation suggested", 20),
            vec!["Non-state actor,", "state-affiliation", "suggested"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
