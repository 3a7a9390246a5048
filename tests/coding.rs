//! The coding rules of `docs/compare.md`, each pinned on a small case of
//! its own in `tests/coding/`: what a research coder would read off the
//! record, whatever way the case was written.

use attrib_core::compare::{CaseRecord, record};
use attrib_core::compile;

fn case(name: &str) -> (attrib_core::compile::Compilation, CaseRecord) {
    let path = format!("{}/tests/coding/{name}.case", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let c = compile(&text);
    assert!(
        c.diagnostics.is_empty(),
        "{name}: {:?}",
        c.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    let r = record(&c);
    (c, r)
}

/// Days to attribution count from the event the principal assessment is
/// about, not from the first event on record (a Viasat-like case:
/// WhisperGate a month before).
#[test]
fn days_count_from_the_attributed_event() {
    let (_, r) = case("second-event");
    assert_eq!(r.event.as_deref(), Some("later-attack"));
    assert_eq!(r.time_to_attribution_min, Some(75));
    assert_eq!(r.time_to_attribution_max, Some(75));
}

/// `2021 to 2021-03-02` ends on 2 March: the days are a range, 139 to 199,
/// not 0 to 199.
#[test]
fn a_year_start_range_ends_where_it_ends() {
    let (_, r) = case("year-start-range");
    assert_eq!(r.time_to_attribution_min, Some(139));
    assert_eq!(r.time_to_attribution_max, Some(199));
    let d = r.start_date.unwrap();
    assert_eq!(
        (d.earliest.as_str(), d.latest.as_str()),
        ("2021-01-01", "2021-03-02")
    );
    assert!(d.approximate);
}

/// The accused's own moves are counter-measures: not a responding state,
/// not the strongest response, and no W0301.
#[test]
fn the_accuseds_moves_are_counter_measures() {
    let (_, r) = case("counter-moves");
    assert_eq!(r.number_of_responding_states, 1);
    assert_eq!(r.strongest_response.as_deref(), Some("summons"));
    assert_eq!(r.counter_measures, ["sanctions"]);
}

/// One claimant's words are listed with that claimant only.
#[test]
fn stated_words_stay_with_their_claimant() {
    let (_, r) = case("pooled-words");
    assert_eq!(
        r.first_attribution_official_by,
        ["agency-c", "state-a", "state-b"]
    );
    let words = r.stated_confidence_words.unwrap();
    let by = r.stated_confidence_by;
    assert_eq!(by.len(), 1, "{words} by {by:?}");
    assert!(
        (words.contains("highly likely") && by == ["agency-c"])
            || (words.contains("high confidence") && by == ["state-a"]),
        "{words} by {by:?}"
    );
}

/// Unnamed officials first, the state on the record later: the official
/// first attribution is the state's, the unofficial one is kept apart, and
/// the days count to the official one.
#[test]
fn anonymous_officials_are_an_unofficial_attribution() {
    let (c, r) = case("anonymous-officials");
    let official = r.first_attribution_official.unwrap();
    assert_eq!(official.date, "2016-05-13");
    let unofficial = r.first_attribution_unofficial.unwrap();
    assert_eq!(unofficial.date, "2016-01-30");
    assert_eq!(r.first_attribution_unofficial_by, ["state-a"]);
    assert_eq!(r.time_to_attribution_min, Some(378));
    let p = c.analysis.principal(&c.model).unwrap();
    assert!(p.first.is_some() && p.first_unofficial.is_some());
}

/// An agency's finding restated by its director: one originator, so the
/// second item is not corroboration and the figure is the first's.
#[test]
fn a_restatement_is_not_corroboration() {
    let (c, r) = case("restatement");
    let (_, alone) = {
        let path = format!(
            "{}/tests/coding/restatement.case",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        // The same case without the director's restatement and its item.
        let cut = text.find("claim director-restates").unwrap();
        let end = text[cut..].find("\n}\n").unwrap() + cut + 3;
        let item = text.find("evidence infrastructure-overlap").unwrap();
        let without = format!("{}{}", &text[..cut], &text[end..item]);
        let c = compile(&without);
        (c.diagnostics.len(), record(&c))
    };
    assert_eq!(r.support_states, alone.support_states);
    assert_eq!(r.support_states, Some(47));
    // Two items, one voice.
    let p = c.analysis.principal(&c.model).unwrap();
    assert_eq!(p.attributors.len(), 2);
}
