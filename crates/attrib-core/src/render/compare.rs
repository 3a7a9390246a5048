//! `attrib compare`: cases side by side (a table for people, one column per
//! case), or one record per case (CSV and JSON, for pandas and R).

use crate::compare::{CaseRecord, DateVar, Initiator};
use crate::vocab::{IndicatorClass, LegalCategory, ResponseKind};

fn list(v: &[String]) -> String {
    v.join("; ")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A date's columns: as written, its first and last day, its flags.
fn date_columns(out: &mut Vec<(String, String)>, name: &str, d: &Option<DateVar>) {
    let field = |f: fn(&DateVar) -> String| d.as_ref().map(f).unwrap_or_default();
    out.push((name.into(), field(|d| d.date.clone())));
    out.push((format!("{name}_earliest"), field(|d| d.earliest.clone())));
    out.push((format!("{name}_latest"), field(|d| d.latest.clone())));
    out.push((
        format!("{name}_approximate"),
        field(|d| d.approximate.to_string()),
    ));
    out.push((
        format!("{name}_unconfirmed"),
        field(|d| d.unconfirmed.to_string()),
    ));
}

/// An initiator's columns.
fn initiator_columns(out: &mut Vec<(String, String)>, prefix: &str, i: &Initiator) {
    out.push((format!("{prefix}_name"), opt(&i.name)));
    out.push((format!("{prefix}_category"), i.category.clone()));
    out.push((format!("{prefix}_country"), opt(&i.country)));
    out.push((format!("{prefix}_country_iso"), opt(&i.country_iso)));
}

/// The variables as (name, value) pairs, with dates, initiators and the
/// per-class and per-kind counts spread over columns of their own: the CSV
/// record of a case. Lists are joined with `; `.
pub fn columns(r: &CaseRecord) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![
        ("case".into(), r.case.clone()),
        ("title".into(), r.title.clone()),
        ("as_of".into(), opt(&r.as_of)),
    ];
    date_columns(&mut out, "start_date", &r.start_date);
    date_columns(&mut out, "public_date", &r.public_date);
    date_columns(&mut out, "attribution_date", &r.attribution_date);
    out.extend([
        ("time_to_attribution".into(), opt(&r.time_to_attribution)),
        ("attributing_actor".into(), list(&r.attributing_actor)),
        (
            "attributing_actor_unconfirmed".into(),
            list(&r.attributing_actor_unconfirmed),
        ),
        ("attributing_country".into(), list(&r.attributing_country)),
        (
            "attributing_country_iso".into(),
            list(&r.attributing_country_iso),
        ),
        (
            "number_of_attributing_states".into(),
            r.number_of_attributing_states.to_string(),
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
        ("support".into(), opt(&r.support)),
        (
            "support_level".into(),
            r.support_level
                .map(|l| l.word().to_string())
                .unwrap_or_default(),
        ),
        ("evidence_items".into(), r.evidence_items.to_string()),
    ]);
    for class in IndicatorClass::ALL {
        let n = r.evidence_by_class.get(class.word()).copied().unwrap_or(0);
        out.push((format!("evidence_{}", class.word()), n.to_string()));
    }
    out.push((
        "evidence_disclosed_share".into(),
        opt(&r.evidence_disclosed_share),
    ));
    out.push(("self_attribution".into(), r.self_attribution.to_string()));
    out.push(("denial".into(), r.denial.clone()));
    for kind in ResponseKind::ALL {
        let n = r.responses_by_kind.get(kind.word()).copied().unwrap_or(0);
        out.push((
            format!("response_{}", kind.word().replace('-', "_")),
            n.to_string(),
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
            n.to_string(),
        ));
    }
    out.push(("strongest_response".into(), opt(&r.strongest_response)));
    out.push((
        "number_of_responding_states".into(),
        r.number_of_responding_states.to_string(),
    ));
    out.push((
        "time_to_first_response".into(),
        opt(&r.time_to_first_response),
    ));
    out
}

/// One header line and one record per case.
pub fn csv(records: &[CaseRecord]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = match records.first() {
        Some(r) => columns(r).into_iter().map(|(k, _)| k).collect(),
        None => columns(&CaseRecord::empty())
            .into_iter()
            .map(|(k, _)| k)
            .collect(),
    };
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&header);
    for r in records {
        let _ = w.write_record(columns(r).into_iter().map(|(_, v)| v));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A JSON array with one object per case.
pub fn json(records: &[CaseRecord]) -> String {
    serde_json::to_string_pretty(records).expect("records serialise")
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

/// The table's columns: heading, share of the width, and the cell.
type Column = (&'static str, usize, fn(&CaseRecord) -> String);

const COLUMNS: [Column; 7] = [
    ("case", 21, |r| r.case.clone()),
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
    ("days", 4, |r| opt(&r.time_to_attribution)),
    ("support on record", 14, |r| {
        match (r.support, r.support_level) {
            (Some(v), Some(l)) => format!("{v} {}", l.word()),
            _ => String::new(),
        }
    }),
    ("strongest response", 12, |r| opt(&r.strongest_response)),
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
