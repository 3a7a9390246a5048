//! The Analysis of Competing Hypotheses (`attrib ach`, docs/ach.md): the
//! score worked by hand on a small case, diagnosticity, the sensitivity
//! finding the deciding item, the real cases' rankings, and the text and
//! JSON of the Albania and Sony cases.

use attrib_core::compile;
use attrib_core::render::Style;
use attrib_core::render::ach::{self, AchOutput, MatrixOutput};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model(text: &str) -> AchOutput {
    let c = compile(text);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    ach::build(&c, None).unwrap()
}

fn case(name: &str) -> AchOutput {
    model(&std::fs::read_to_string(root().join("cases").join(name)).unwrap())
}

fn fixture() -> String {
    std::fs::read_to_string(root().join("tests/ui/ok-ach-weighed.case")).unwrap()
}

fn ranking(x: &MatrixOutput) -> Vec<(&str, Option<usize>, Option<u32>)> {
    x.hypotheses
        .iter()
        .map(|h| (h.id.as_str(), h.rank, h.score))
        .collect()
}

/// The items whose removal or re-rating changes first place.
fn deciding(x: &MatrixOutput) -> Vec<&str> {
    x.rows
        .iter()
        .filter(|r| !r.deciding.is_empty())
        .map(|r| r.item.as_str())
        .collect()
}

fn row<'a>(x: &'a MatrixOutput, item: &str) -> &'a ach::RowOutput {
    x.rows.iter().find(|r| r.item == item).unwrap()
}

/// The score worked by hand on `tests/ui/ok-ach-weighed.case`:
/// grades: code-reuse 2 (70) × B (90) × yes (100) = 63; agency-ips
/// 2 (70) × A (100) × partly (75) = 52.5 → 53; persona-video 3 (50) × F
/// (50) × yes (100) = 25.
/// state-a: no item against it → 0.
/// false-flag: agency-ips inconsistent, 1 × 53 = 53.
/// persona: agency-ips very inconsistent 2 × 53, code-reuse inconsistent
/// 1 × 63 → 106 + 63 = 169.
#[test]
fn the_score_is_weighted_inconsistency_worked_by_hand() {
    let out = model(&fixture());
    let x = &out.events[0];
    assert_eq!(x.event.id, "attack");
    assert_eq!(
        ranking(x),
        vec![
            ("state-a", Some(1), Some(0)),
            ("false-flag", Some(2), Some(53)),
            ("persona", Some(3), Some(169)),
        ]
    );
    assert_eq!(x.first, vec!["state-a"]);
    let grades: Vec<(&str, u8)> = x.rows.iter().map(|r| (r.item.as_str(), r.grade)).collect();
    assert_eq!(
        grades,
        vec![
            ("agency-ips", 53),
            ("code-reuse", 63),
            ("persona-video", 25)
        ]
    );
    assert_eq!(x.hypotheses[2].against, 2);
    assert_eq!(x.hypotheses[2].rated, 3);
}

#[test]
fn an_item_rated_the_same_against_every_hypothesis_is_not_diagnostic() {
    let out = model(&fixture());
    let x = &out.events[0];
    assert!(!row(x, "persona-video").diagnostic);
    assert!(row(x, "code-reuse").diagnostic);
    assert!(row(x, "agency-ips").diagnostic);
    // A cell not rated reads as neutral: an item rated consistent with one
    // hypothesis alone tells it apart from the others.
    let albania = case("albania-iran-2022.case");
    let x = &albania.events[0];
    assert!(row(x, "microsoft-mek-target").diagnostic);
    assert!(!row(x, "homeland-justice-video").diagnostic);
}

#[test]
fn sensitivity_finds_the_deciding_item() {
    let out = model(&fixture());
    let x = &out.events[0];
    // Without agency-ips, false-flag's 53 is gone and it ties State A at 0.
    let deciding = &row(x, "agency-ips").deciding;
    assert_eq!(deciding[0].change, "removal");
    assert_eq!(deciding[0].first, vec!["state-a", "false-flag"]);
    // code-reuse counts only against the persona, far behind: removing it
    // changes nothing; rating it inconsistent with State A (63) would put
    // false-flag (53) first.
    let d = &row(x, "code-reuse").deciding;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].change, "re-rating");
    assert_eq!(d[0].hypothesis.as_deref(), Some("state-a"));
    assert_eq!(d[0].to, Some("inconsistent"));
    assert_eq!(d[0].first, vec!["false-flag"]);
    assert!(row(x, "persona-video").deciding.is_empty());
}

#[test]
fn albania_iran_has_least_against_it_and_the_false_flag_rests_on_one_undisclosed_item() {
    let out = case("albania-iran-2022.case");
    assert_eq!(out.events.len(), 1, "the July attack is the one weighed");
    let x = &out.events[0];
    assert_eq!(x.event.id, "july-attack");
    assert_eq!(
        ranking(x),
        vec![
            ("iran", Some(1), Some(0)),
            ("iran-aligned-actors", Some(1), Some(0)),
            ("third-party-false-flag", Some(3), Some(14)),
            ("homeland-justice", Some(4), Some(91)),
        ]
    );
    assert_eq!(x.first, vec!["iran", "iran-aligned-actors"]);
    assert_eq!(deciding(x), vec!["albania-investigation-findings"]);
}

#[test]
fn sony_north_korea_has_least_against_it_and_comeys_addresses_decide_against_the_insiders() {
    let out = case("sony-2014.case");
    let x = &out.events[0];
    assert_eq!(x.event.id, "sony-hack");
    assert_eq!(
        ranking(x),
        vec![
            ("chosun-expo", Some(1), Some(0)),
            ("north-korea", Some(1), Some(0)),
            ("former-sony-staff", Some(3), Some(47)),
            ("hacktivists", Some(3), Some(47)),
            ("guardians-of-peace", None, None),
        ]
    );
    assert_eq!(deciding(x), vec!["comey-north-korean-ips"]);
}

#[test]
fn as_of_a_date_only_the_items_known_then_are_weighed() {
    let text = std::fs::read_to_string(root().join("cases/sony-2014.case")).unwrap();
    let date = attrib_core::syntax::parse_date("2014-12-31").unwrap();
    let c = attrib_core::compile_with(&text, attrib_core::Options { as_of: Some(date) });
    let out = ach::build(&c, None).unwrap();
    let x = &out.events[0];
    let items: Vec<&str> = x.rows.iter().map(|r| r.item.as_str()).collect();
    assert!(!items.contains(&"comey-north-korean-ips"), "{items:?}");
    assert!(
        !items.contains(&"park-shared-north-korean-ips"),
        "{items:?}"
    );
    assert_eq!(out.as_of.as_deref(), Some("2014-12-31"));
}

#[test]
fn one_event_or_an_unknown_one() {
    let c = compile(&fixture());
    assert_eq!(ach::build(&c, Some("attack")).unwrap().events.len(), 1);
    let err = ach::build(&c, Some("nothing\u{1b}[31m")).unwrap_err();
    assert!(err.contains("\\u{1b}"), "{err}");
}

#[test]
fn the_shipped_cases_in_text_and_json() {
    for name in ["albania-iran-2022", "sony-2014"] {
        let out = case(&format!("{name}.case"));
        insta::assert_snapshot!(format!("{name}-text"), ach::render(&out, Style::default()));
        insta::assert_snapshot!(format!("{name}-json"), out.to_json());
    }
}

#[test]
fn a_case_that_rates_nothing_has_no_matrix() {
    let out = case("wannacry-2017.case");
    assert!(out.events.is_empty());
    assert!(ach::render(&out, Style::default()).contains("no evidence item is rated"));
}

#[test]
fn the_editor_hovers_a_rating_with_its_reason() {
    let text = fixture();
    let c = compile(&text);
    let at = text.find("rated very-consistent").unwrap() + "rated ".len() + 2;
    let (span, md) = attrib_core::ide::hover(&c, at).unwrap();
    assert_eq!(&text[span.start..span.end], "very-consistent");
    assert!(md.contains("`state-a`"), "{md}");
    assert!(md.contains("addresses"), "{md}");
}

/// A rating may name an actor on the way from the event to the party held
/// responsible (the GRU, between the officers a claim names and Russia):
/// it becomes a hypothesis of the event, and draws no W0405.
#[test]
fn a_rated_actor_on_a_chain_is_a_hypothesis() {
    let text = r#"
case example { title "Example" }
source report { kind government publisher "State A" reliability B }
actor state-a { kind state name "State A" }
actor state-b { kind state name "State B" }
actor agency-b { kind state-organ name "State B's agency" organ of state-b per report }
actor officers { kind person name "Officers" holds office in agency-b per report }
event attack { kind intrusion date 2023-03-01 source report }
claim indictment {
  by state-a
  date 2023-05-01
  source report
  attributes attack to officers as operator
}
evidence logs {
  class infrastructure
  credibility 2
  disclosed yes
  source report
  supports indictment
  rated consistent with agency-b "the agency's servers"
  rated inconsistent with officers "not the officers' own machines"
}
"#;
    let c = compile(text);
    assert!(
        !c.diagnostics.iter().any(|d| d.code.as_str() == "W0405"),
        "{:#?}",
        c.diagnostics
    );
    let out = ach::build(&c, None).unwrap();
    let x = &out.events[0];
    let ids: Vec<&str> = x.hypotheses.iter().map(|h| h.id.as_str()).collect();
    assert!(ids.contains(&"agency-b"), "{ids:?}");
    assert!(ids.contains(&"state-b"), "{ids:?}");
}
