//! `attrib compare`: cases side by side (a table for people, one column per
//! case), or one record per case (CSV and JSON, for pandas and R).

use crate::compare::{CaseRecord, DateVar, Initiator};
use crate::vocab::{IndicatorClass, LegalCategory, ResponseKind};
use serde_json::{Value, json};

/// The JSON type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Text,
    Integer,
    Number,
    Boolean,
    /// A list of texts (an array in JSON, joined with `; ` in CSV).
    List,
}

impl Ty {
    /// The JSON Schema type word.
    pub fn word(self) -> &'static str {
        match self {
            Ty::Text => "string",
            Ty::Integer => "integer",
            Ty::Number => "number",
            Ty::Boolean => "boolean",
            Ty::List => "array",
        }
    }
}

/// One column of a case's record: its name, the variable of
/// [`CaseRecord`] it comes from, its type and its value.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// The field of [`CaseRecord`] it is made from (its documentation is
    /// the column's).
    pub field: &'static str,
    /// What part of the field it holds, when not all of it (a date's
    /// first day, a count per class).
    pub part: Option<String>,
    pub ty: Ty,
    /// Whether it may be null (empty in CSV).
    pub nullable: bool,
    pub value: Value,
}

/// A Rust value as a typed cell.
trait Cell {
    fn ty() -> Ty;
    const NULLABLE: bool = false;
    fn value(&self) -> Value;
}

macro_rules! cells {
    ($($t:ty => $ty:expr),* $(,)?) => {$(
        impl Cell for $t {
            fn ty() -> Ty { $ty }
            fn value(&self) -> Value { json!(self) }
        }
    )*};
}

cells! {
    String => Ty::Text,
    &str => Ty::Text,
    usize => Ty::Integer,
    u8 => Ty::Integer,
    i64 => Ty::Integer,
    f64 => Ty::Number,
    bool => Ty::Boolean,
    Vec<String> => Ty::List,
}

impl<T: Cell> Cell for Option<T> {
    fn ty() -> Ty {
        T::ty()
    }
    const NULLABLE: bool = true;
    fn value(&self) -> Value {
        self.as_ref().map_or(Value::Null, Cell::value)
    }
}

/// The columns of a record as they are made.
struct Columns(Vec<Column>);

impl Columns {
    /// A column that is the whole of a field.
    fn add<T: Cell>(&mut self, field: &'static str, v: &T) {
        self.part(field.to_string(), field, None, v);
    }

    fn part<T: Cell>(&mut self, name: String, field: &'static str, part: Option<String>, v: &T) {
        self.0.push(Column {
            name,
            field,
            part,
            ty: T::ty(),
            nullable: T::NULLABLE,
            value: v.value(),
        });
    }

    /// A date's columns: as written, its first and last day, its flags.
    fn date(&mut self, field: &'static str, d: &Option<DateVar>) {
        let part = |p: &str| Some(p.to_string());
        let text = |f: fn(&DateVar) -> &String| d.as_ref().map(|d| f(d).clone());
        let flag = |f: fn(&DateVar) -> bool| d.as_ref().map(f);
        self.part(field.into(), field, None, &text(|d| &d.date));
        self.part(
            format!("{field}_earliest"),
            field,
            part("its first day"),
            &text(|d| &d.earliest),
        );
        self.part(
            format!("{field}_latest"),
            field,
            part("its last day"),
            &text(|d| &d.latest),
        );
        self.part(
            format!("{field}_approximate"),
            field,
            part("whether it is approximate, a range or less precise than a day"),
            &flag(|d| d.approximate),
        );
        self.part(
            format!("{field}_unconfirmed"),
            field,
            part("whether it is marked unconfirmed"),
            &flag(|d| d.unconfirmed),
        );
    }

    /// An initiator's columns.
    fn initiator(&mut self, field: &'static str, i: &Initiator) {
        let part = |p: &str| Some(p.to_string());
        self.part(format!("{field}_name"), field, part("its name"), &i.name);
        self.part(
            format!("{field}_category"),
            field,
            part("its EuRepoC category"),
            &i.category,
        );
        self.part(
            format!("{field}_country"),
            field,
            part("its country"),
            &i.country,
        );
        self.part(
            format!("{field}_country_iso"),
            field,
            part("its country's ISO 3166 code"),
            &i.country_iso,
        );
    }

    /// A count per word of a vocabulary, one column each.
    fn counts<'w>(
        &mut self,
        prefix: &str,
        field: &'static str,
        words: impl Iterator<Item = &'w str>,
        counts: &std::collections::BTreeMap<String, usize>,
    ) {
        for w in words {
            let n = counts.get(w).copied().unwrap_or(0);
            self.part(
                format!("{prefix}_{}", w.replace('-', "_")),
                field,
                Some(format!("the count for `{w}`")),
                &n,
            );
        }
    }
}

/// The variables of a case as named, typed columns, dates, initiators and
/// the per-class and per-kind counts spread over columns of their own: the
/// record of a case, the same in CSV and in JSON (docs/compare.md lists
/// them; `schema/compare.schema.json` is made from them).
pub fn columns(r: &CaseRecord) -> Vec<Column> {
    let mut c = Columns(Vec::new());
    c.add("case_id", &r.case_id);
    c.add("title", &r.title);
    c.add("as_of", &r.as_of);
    c.add("event", &r.event);
    c.date("start_date", &r.start_date);
    c.date("public_date", &r.public_date);
    c.date("attribution_date", &r.attribution_date);
    c.add("time_to_attribution_min", &r.time_to_attribution_min);
    c.add("time_to_attribution_max", &r.time_to_attribution_max);
    c.date("first_attribution_official", &r.first_attribution_official);
    c.add(
        "first_attribution_official_by",
        &r.first_attribution_official_by,
    );
    c.date(
        "first_attribution_unofficial",
        &r.first_attribution_unofficial,
    );
    c.add(
        "first_attribution_unofficial_by",
        &r.first_attribution_unofficial_by,
    );
    c.add("attributing_actor", &r.attributing_actor);
    c.add(
        "attributing_actor_unconfirmed",
        &r.attributing_actor_unconfirmed,
    );
    c.add(
        "attributing_actor_unofficial",
        &r.attributing_actor_unofficial,
    );
    c.add("attributing_country", &r.attributing_country);
    c.add("attributing_country_iso", &r.attributing_country_iso);
    c.add(
        "number_of_attributing_states",
        &r.number_of_attributing_states,
    );
    c.add(
        "attributing_country_unofficial",
        &r.attributing_country_unofficial,
    );
    c.add("attribution_form", &r.attribution_form);
    c.add("attribution_basis_stated", &r.attribution_basis_stated);
    c.initiator("attributed_initiator", &r.attributed_initiator);
    c.initiator(
        "vendor_attributed_initiator",
        &r.vendor_attributed_initiator,
    );
    c.add("attributing_vendor", &r.attributing_vendor);
    c.add("located_in", &r.located_in);
    c.add("stated_confidence_max", &r.stated_confidence_max);
    c.add("stated_confidence_words", &r.stated_confidence_words);
    c.add("stated_confidence_by", &r.stated_confidence_by);
    c.add("support_states", &r.support_states);
    c.add(
        "support_states_level",
        &r.support_states_level.map(|l| l.word()),
    );
    c.add("support_all", &r.support_all);
    c.add("support_all_level", &r.support_all_level.map(|l| l.word()));
    c.add("support_key_item", &r.support_key_item);
    c.add("support_without_key_item", &r.support_without_key_item);
    c.add("evidence_items", &r.evidence_items);
    c.counts(
        "evidence",
        "evidence_by_class",
        IndicatorClass::ALL.iter().map(|k| k.word()),
        &r.evidence_by_class,
    );
    c.add("evidence_disclosed_share", &r.evidence_disclosed_share);
    c.add("self_attribution", &r.self_attribution);
    c.add("denial", &r.denial);
    c.counts(
        "response",
        "responses_by_kind",
        ResponseKind::ALL.iter().map(|k| k.word()),
        &r.responses_by_kind,
    );
    c.counts(
        "category",
        "responses_by_category",
        LegalCategory::ALL.iter().map(|k| k.word()),
        &r.responses_by_category,
    );
    c.add("strongest_response", &r.strongest_response);
    c.add("strongest_response_rank", &r.strongest_response_rank);
    c.add(
        "number_of_responding_states",
        &r.number_of_responding_states,
    );
    c.add("counter_measures", &r.counter_measures);
    c.add("remediation_by_companies", &r.remediation_by_companies);
    c.add("time_to_first_response_min", &r.time_to_first_response_min);
    c.add("time_to_first_response_max", &r.time_to_first_response_max);
    c.0
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
        .map(|c| c.name)
        .collect();
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&header);
    for r in records {
        let _ = w.write_record(columns(r).iter().map(|c| cell(&c.value)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One record as a JSON object, its keys in the columns' order.
struct Record(Vec<Column>);

impl serde::Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for c in &self.0 {
            map.serialize_entry(&c.name, &c.value)?;
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
type TableColumn = (&'static str, usize, fn(&CaseRecord) -> String);

const COLUMNS: [TableColumn; 7] = [
    ("case", 22, |r| r.case_id.clone()),
    ("held responsible (by states)", 17, |r| {
        held(&r.attributed_initiator)
    }),
    ("states", 11, |r| {
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
    ("days", 7, |r| {
        days(r.time_to_attribution_min, r.time_to_attribution_max)
    }),
    ("support on record (by states)", 11, |r| {
        match (r.support_states, r.support_states_level) {
            (Some(v), Some(l)) => format!("{v} {}", l.word()),
            _ => String::new(),
        }
    }),
    ("strongest response", 13, |r| {
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
