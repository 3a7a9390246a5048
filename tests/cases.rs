//! The real cases: they check without errors, every warning they draw is
//! the one expected, and their assessments and chains are the ones their
//! sources support.

use attrib_core::analysis::support::SELF_CLAIM_CAP;
use attrib_core::compile;
use attrib_core::diagnostics::Severity;
use attrib_core::render::chains_json::{self, AssessmentOutput, ChainOutput, ChainsOutput};
use attrib_core::render::{Style, chains_human, check_human};
use std::path::Path;

use crate::common;

fn load(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("cases")
            .join(name),
    )
    .expect("case is readable")
}

fn chains(text: &str) -> ChainsOutput {
    let c = compile(text);
    assert_eq!(c.count(Severity::Error), 0, "{:#?}", c.diagnostics);
    chains_json::build(&c, false)
}

fn route(c: &ChainOutput) -> Vec<&str> {
    std::iter::once(c.event.id.as_str())
        .chain(c.links.iter().map(|l| l.to.id.as_str()))
        .collect()
}

fn find<'a>(model: &'a ChainsOutput, party: &str, path: &[&str]) -> &'a ChainOutput {
    model
        .chains
        .iter()
        .find(|c| route(c) == path && c.asserted_by.iter().any(|p| p.id == party))
        .unwrap_or_else(|| panic!("no chain {path:?} asserted by {party}"))
}

fn assessment<'a>(model: &'a ChainsOutput, event: &str, responsible: &str) -> &'a AssessmentOutput {
    model
        .assessments
        .iter()
        .find(|a| a.event.id == event && a.responsible.id == responsible)
        .unwrap_or_else(|| panic!("no assessment {event} → {responsible}"))
}

fn attributors(a: &AssessmentOutput) -> Vec<&str> {
    a.attributors.iter().map(|x| x.actor.id.as_str()).collect()
}

/// Each case's warnings, as people read them: each is a true statement
/// about the case (the snapshots say which).
#[test]
fn every_case_checks_without_errors_and_with_the_expected_warnings() {
    for path in common::case_files("cases") {
        let text = std::fs::read_to_string(&path).unwrap();
        let c = compile(&text);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let rendered = check_human::render(
            &format!("cases/{name}.case"),
            &text,
            &c.diagnostics,
            Style::default(),
        );
        assert_eq!(c.count(Severity::Error), 0, "{rendered}");
        insta::assert_snapshot!(format!("{name}-check"), rendered);
    }
}

#[test]
fn albania_chains_as_people_read_them() {
    let model = chains(&load("albania-iran-2022.case"));
    insta::assert_snapshot!(
        "albania-chains",
        chains_human::render(&model, Style::default())
    );
}

#[test]
fn albania_first_screen_answers_who_is_blamed_by_whom() {
    let model = chains(&load("albania-iran-2022.case"));
    let text = chains_human::render(&model, Style::default());
    let first: Vec<&str> = text.lines().take(25).collect();
    let first = first.join("\n");
    for needle in [
        "july-attack → Iran",
        "(Albania)",
        "(United States)",
        "(United Kingdom)",
        "microsoft",
        "europium → mois",
        "denied by",
        "nasser-kanaani",
    ] {
        assert!(
            first.contains(needle),
            "not in the first 25 lines: {needle}\n{first}"
        );
    }
}

#[test]
fn albania_the_attack_is_laid_at_irans_door_by_three_states() {
    let model = chains(&load("albania-iran-2022.case"));
    let a = assessment(&model, "july-attack", "iran");
    assert_eq!(a.states, ["albania", "united-kingdom", "united-states"]);
    let who = attributors(a);
    for x in ["edi-rama", "us-nsc", "ncsc", "microsoft"] {
        assert!(
            who.contains(&x),
            "{x} attributes the attack to Iran: {who:?}"
        );
    }
    // NATO relays the allies' attribution; it does not make one.
    assert!(!who.contains(&"nato"));
    assert!(a.acknowledged_by.contains(&"nato-statement".to_string()));
    assert!(a.denied_by.contains(&"iran-denial-albania".to_string()));
    let first = a.first_attribution.as_ref().unwrap();
    assert_eq!(first.date, "2022-09-07");
    let days = first.days_from_event.as_ref().unwrap();
    assert_eq!((days.fewest, days.most), (54, 54));
    // Corroboration by independent lines of evidence raises the support
    // above any one of them.
    let best_chain = a
        .chains
        .iter()
        .map(|&k| model.chains[k].support.value)
        .max()
        .unwrap();
    assert!(
        a.support.value > best_chain,
        "{} vs {best_chain}",
        a.support.value
    );
    // The claimants' stated confidence is theirs.
    let rama = a
        .attributors
        .iter()
        .find(|x| x.actor.id == "edi-rama")
        .unwrap();
    let stated = rama.stated.as_ref().unwrap();
    assert_eq!(
        (stated.term, stated.words.as_deref()),
        ("almost-certain", Some("undeniable evidence"))
    );
    // The principal assessment is the first shown.
    assert_eq!(model.assessments[0].event.id, "july-attack");
    assert_eq!(model.assessments[0].responsible.id, "iran");
}

#[test]
fn albania_own_chain_rests_on_undisclosed_evidence() {
    let model = chains(&load("albania-iran-2022.case"));
    let own = find(&model, "edi-rama", &["july-attack", "iran"]);
    let link = &own.links[0];
    assert_eq!(link.relation, "attribution");
    assert!(link.roles.contains(&"orchestrator") && link.roles.contains(&"sponsor"));
    assert_eq!(link.claims, ["albania-attribution"]);
    assert_eq!(model.evidence[&link.evidence[0]].disclosed, Some("no"));
    assert!(link.weaknesses.contains(&"undisclosed-only"));
    assert!(link.denials.contains(&"iran-denial-albania".to_string()));
    assert!(link.acknowledged_by.contains(&"nato-statement".to_string()));
    assert!(
        own.support.value <= 20,
        "undisclosed evidence alone supports little: {}",
        own.support.value
    );
}

#[test]
fn albania_technical_route_runs_through_mois_with_evidence_on_each_attribution() {
    let model = chains(&load("albania-iran-2022.case"));
    let chain = model
        .chains
        .iter()
        .find(|c| {
            c.asserted_by.iter().any(|p| p.id == "microsoft")
                && route(c).ends_with(&["europium", "mois", "iran"])
        })
        .expect("Microsoft's route through EUROPIUM and MOIS");
    for link in &chain.links {
        if link.relation == "attribution" {
            assert!(
                !link.evidence.is_empty(),
                "{} → {}",
                link.from.id,
                link.to.id
            );
        } else {
            assert_eq!(link.relation, "organ-of");
            assert!(
                !link.sources.is_empty(),
                "the structural link cites its source"
            );
        }
    }
    assert_eq!(chain.responsible.kind, "state");
}

#[test]
fn albania_homeland_justice_is_a_weak_self_claim() {
    let model = chains(&load("albania-iran-2022.case"));
    let chain = find(
        &model,
        "homeland-justice",
        &["july-attack", "homeland-justice"],
    );
    assert_eq!(chain.links[0].relation, "self-claim");
    assert!(chain.links[0].weaknesses.contains(&"self-claimed-only"));
    assert!(chain.support.value <= SELF_CLAIM_CAP);
    // The victim state's assessment outranks the attackers' own claim.
    let iran = assessment(&model, "july-attack", "iran");
    let hj = assessment(&model, "july-attack", "homeland-justice");
    assert!(iran.support.value > hj.support.value);
}

#[test]
fn albania_as_of_dates() {
    let text = load("albania-iran-2022.case");
    let at = |d: &str| {
        let c = attrib_core::compile_with(
            &text,
            attrib_core::Options {
                as_of: attrib_core::syntax::parse_date(d),
            },
        );
        chains_json::build(&c, false)
    };
    let before = at("2022-09-01");
    assert!(
        before.assessments.iter().all(|a| a.states.is_empty()),
        "no state had attributed the attack by 1 September 2022"
    );
    let after = at("2022-09-30");
    let a = assessment(&after, "july-attack", "iran");
    assert_eq!(a.states, ["albania", "united-kingdom", "united-states"]);
}

#[test]
fn sony_the_fbi_view_hardened_and_experts_disputed_it() {
    let model = chains(&load("sony-2014.case"));
    let a = assessment(&model, "sony-hack", "north-korea");
    assert_eq!(a.states, ["united-states"]);
    let fbi = a.attributors.iter().find(|x| x.actor.id == "fbi").unwrap();
    assert!(
        fbi.history.iter().any(|h| !h.current),
        "the December view is in the history"
    );
    assert_eq!(
        fbi.stated.as_ref().unwrap().words.as_deref(),
        Some("very high confidence")
    );
    assert_eq!(a.first_attribution.as_ref().unwrap().date, "2014-12-19");
    assert!(!a.denied_by.is_empty(), "North Korea denied it");
    assert!(a.disputed_by.len() >= 2, "outside experts doubted it");
}

#[test]
fn bundestag_germany_and_the_uk_hold_russia_responsible() {
    let model = chains(&load("bundestag-2015.case"));
    let a = assessment(&model, "bundestag-hack", "russia");
    assert_eq!(a.states, ["germany", "united-kingdom"]);
    assert!(!a.denied_by.is_empty());
    // Anonymous officials through a news magazine: Germany's, without names;
    // its first attribution on the record is the BfV's, four months later.
    let germany = a
        .attributors
        .iter()
        .find(|x| x.actor.id == "germany")
        .unwrap();
    assert!(germany.unofficial);
    assert_eq!(a.first_attribution.as_ref().unwrap().date, "2016-05-13");
    assert_eq!(
        a.first_attribution_unofficial.as_ref().unwrap().date,
        "2016-01-30"
    );
}

#[test]
fn exchange_the_eu_places_the_activity_but_attributes_nothing() {
    let model = chains(&load("exchange-hafnium-2021.case"));
    let a = assessment(&model, "exchange-compromise", "china");
    assert_eq!(
        a.states,
        [
            "australia",
            "canada",
            "new-zealand",
            "united-kingdom",
            "united-states"
        ]
    );
    assert!(
        !a.attributors.iter().any(|x| x.actor.id.starts_with("eu")),
        "the EU located the activity in China; it did not attribute it"
    );
    assert!(!a.denied_by.is_empty(), "China denied it");
    let records = attrib_core::compare::record(&compile(&load("exchange-hafnium-2021.case")));
    assert_eq!(records.located_in, ["China"]);
    assert!(
        !records
            .attributing_country
            .iter()
            .any(|c| c.contains("European"))
    );
}

#[test]
fn costa_rica_a_criminal_group_and_no_state_blamed() {
    let text = load("costa-rica-conti-2022.case");
    let model = chains(&text);
    let a = assessment(&model, "conti-attack", "conti");
    assert_eq!(a.states, ["costa-rica", "united-states"]);
    let r = attrib_core::compare::record(&compile(&text));
    assert_eq!(r.attributed_initiator.category, "Non-state-group");
    assert_eq!(r.attributed_initiator.country, None);
    assert_eq!(r.strongest_response.as_deref(), Some("reward"));
}

#[test]
fn every_chain_is_as_strong_as_its_weakest_link() {
    for path in common::case_files("cases") {
        let model = chains(&std::fs::read_to_string(&path).unwrap());
        assert!(!model.chains.is_empty(), "{}", path.display());
        for c in &model.chains {
            let weakest = c.links.iter().map(|l| l.support.value).min().unwrap();
            assert_eq!(c.support.value, weakest);
            assert_eq!(c.links[c.weakest_link].support.value, c.support.value);
        }
        assert!(!model.assessments.is_empty(), "{}", path.display());
    }
}

/// ICD 203's likelihood words say how probable a judgement is; attrib's
/// figures measure the record. No line that shows a computed figure may
/// carry one of those words, or call the figure "confidence".
#[test]
fn no_likelihood_word_stands_next_to_a_computed_figure() {
    let words = [
        "almost no chance",
        "almost-no-chance",
        "very unlikely",
        "very-unlikely",
        "unlikely",
        "roughly even",
        "roughly-even",
        "likely",
        "almost certain",
        "almost-certain",
        "confidence",
    ];
    for path in common::case_files("cases") {
        let c = compile(&std::fs::read_to_string(&path).unwrap());
        let model = chains_json::build(&c, true);
        let human = chains_human::render(&model, Style::default());
        for line in human.lines() {
            let figure = line.contains("support") && line.chars().any(|ch| ch.is_ascii_digit());
            if !figure {
                continue;
            }
            // The legend line names both measures to tell them apart.
            if line.starts_with("support: how far") {
                continue;
            }
            let lower = line.to_lowercase();
            for w in words {
                assert!(
                    !lower.contains(w),
                    "{}: `{w}` beside a figure: {line}",
                    path.display()
                );
            }
        }
        let json: serde_json::Value = serde_json::from_str(&model.to_json()).unwrap();
        fn walk(v: &serde_json::Value, at: &str, path: &Path) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        assert_ne!(
                            k,
                            "confidence",
                            "{}: a `confidence` key at {at}",
                            path.display()
                        );
                        walk(x, &format!("{at}.{k}"), path);
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, at, path)),
                _ => {}
            }
        }
        walk(&json, "", &path);
    }
}

/// `revises` across one state's bodies (the corpus's rule 2): the Justice
/// Department's charges revise what officials said without their names, a
/// claim of the state itself; a vendor cannot revise a state's claim.
#[test]
fn a_body_of_a_state_revises_another_bodys_claim() {
    let text = |later_by: &str| {
        format!(
            r#"case c {{ title "T" }}
source s {{ kind government publisher "P" reliability B }}
actor us {{ kind state name "United States" }}
actor doj {{ kind state-organ name "DOJ" organ of us }}
actor ag {{ kind person name "Attorney General" holds office in doj }}
actor vendor {{ kind company name "V" }}
actor x {{ kind state name "X" }}
event e {{ kind intrusion date 2018-02-09 source s }}
claim officials {{
  by us
  unofficial "officials, to a newspaper"
  date 2018-02-24
  source s
  attributes e to x as operator
  allow W0201 "example"
}}
claim charges {{
  by {later_by}
  date 2020-10-19
  source s
  attributes e to x as operator
  revises officials
  allow W0201 "example"
}}
"#
        )
    };
    let revision_errors = |by: &str| {
        compile(&text(by))
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "E0202")
            .count()
    };
    assert_eq!(
        revision_errors("doj"),
        0,
        "an organ revises its state's claim"
    );
    assert_eq!(revision_errors("ag"), 0, "an office holder of an organ too");
    assert_eq!(revision_errors("vendor"), 1, "a vendor does not");
    // The analysis agrees: the state's earlier view is history.
    let model = chains(&text("doj"));
    let a = assessment(&model, "e", "x");
    let us = a.attributors.iter().find(|p| p.actor.id == "doj").unwrap();
    assert!(us.history.iter().any(|h| !h.current), "{:?}", us.history);
}

// ---------------------------------------------------------------------------
// The seven cases of the corpus's second half (issue 20): each one's
// principal assessment, as `attrib compare` codes it, and what it adds.
// ---------------------------------------------------------------------------

fn record(name: &str) -> attrib_core::compare::CaseRecord {
    attrib_core::compare::record(&compile(&load(name)))
}

fn date(d: &Option<attrib_core::compare::DateVar>) -> Option<&str> {
    d.as_ref().map(|d| d.date.as_str())
}

#[test]
fn olympic_destroyer_russia_named_by_two_states_after_a_false_flag() {
    let text = load("olympic-destroyer-2018.case");
    let model = chains(&text);
    let a = assessment(&model, "olympic-attack", "russia");
    assert_eq!(a.states, ["united-kingdom", "united-states"]);
    let r = record("olympic-destroyer-2018.case");
    assert_eq!(r.event.as_deref(), Some("olympic-attack"));
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("Russia"));
    assert_eq!(r.attributing_country_iso, ["GB", "US"]);
    // Two anonymous US officials named Russian military spies two weeks
    // after the Games; the states said it on the record in October 2020.
    assert_eq!(date(&r.first_attribution_unofficial), Some("2018-02-24"));
    assert_eq!(r.first_attribution_unofficial_by, ["united-states"]);
    assert_eq!(date(&r.attribution_date), Some("2020-10-19"));
    assert_eq!(r.time_to_attribution_min, Some(983));
    assert_eq!(r.strongest_response.as_deref(), Some("indictment"));
    assert_eq!(r.denial, "yes");
    // The false flag: the wiper's traces imitate Lazarus, which no claim blames.
    assert!(
        !model
            .assessments
            .iter()
            .any(|a| a.event.id == "olympic-attack" && a.responsible.id == "lazarus")
    );
    assert!(text.contains("imitates lazarus"));
}

#[test]
fn tv5monde_a_persona_claimed_it_and_france_named_russia_a_decade_later() {
    let r = record("tv5monde-2015.case");
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("Russia"));
    assert_eq!(r.attributing_country_iso, ["FR"]);
    assert!(r.self_attribution, "the CyberCaliphate persona claimed it");
    // A French judicial source in June 2015; the foreign ministry in 2025.
    assert_eq!(
        date(&r.first_attribution_unofficial),
        Some("2015-06-09 to 2015-06-10")
    );
    assert_eq!(r.first_attribution_unofficial_by, ["france"]);
    assert_eq!(date(&r.attribution_date), Some("2025-04-29"));
    assert_eq!(r.time_to_attribution_min, Some(3674));
    assert_eq!(r.vendor_attributed_initiator.name.as_deref(), Some("APT28"));
}

#[test]
fn ukraine_grid_both_blackouts_laid_at_russias_door() {
    let model = chains(&load("ukraine-grid-2015.case"));
    for event in ["grid-attack-2015", "grid-attack-2016"] {
        let a = assessment(&model, event, "russia");
        assert_eq!(a.states, ["ukraine", "united-states"], "{event}");
    }
    // The SBU blamed Russia's services within days of the first blackout.
    let a = assessment(&model, "grid-attack-2015", "russia");
    assert_eq!(
        a.first_attribution.as_ref().unwrap().date,
        "2015-12-28 to 2015-12-31"
    );
    let r = record("ukraine-grid-2015.case");
    // The principal assessment is the better supported of the two (ties on
    // states and attributors): the 2016 blackout.
    assert_eq!(r.event.as_deref(), Some("grid-attack-2016"));
    assert_eq!(r.attributing_country_iso, ["UA", "US"]);
    assert_eq!(r.located_in, ["Russian Federation"]);
    assert_eq!(r.strongest_response.as_deref(), Some("sanctions"));
}

#[test]
fn opm_china_never_formally_named_by_the_executive() {
    let r = record("opm-2015.case");
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("China"));
    // Anonymous officials the day of the disclosure; on the record only a
    // senator (the legislature counts as the United States).
    assert_eq!(date(&r.first_attribution_unofficial), Some("2015-06-04"));
    assert_eq!(r.first_attribution_official_by, ["susan-collins"]);
    assert_eq!(r.attributing_country_iso, ["US"]);
    // No US measure against China: an investigation; China's own arrests
    // are the accused's counter-measure.
    assert_eq!(r.strongest_response.as_deref(), Some("investigation"));
    assert_eq!(r.counter_measures, ["enforcement"]);
    assert_eq!(r.denial, "yes");
}

#[test]
fn colonial_pipeline_a_criminal_group_living_in_russia_and_a_seizure() {
    let r = record("colonial-pipeline-2021.case");
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("DarkSide"));
    assert_eq!(r.attributed_initiator.category, "Non-state-group");
    assert_eq!(r.attributed_initiator.country, None);
    // Biden: the criminals live in Russia; the government was not involved.
    assert_eq!(r.located_in, ["Russian Federation"]);
    assert_eq!(date(&r.attribution_date), Some("2021-05-10"));
    assert_eq!(r.first_attribution_official_by, ["fbi"]);
    assert_eq!(r.time_to_attribution_min, Some(3));
    assert_eq!(r.strongest_response.as_deref(), Some("seizure"));
    assert_eq!(r.responses_by_kind.get("reward"), Some(&1));
}

#[test]
fn kaseya_revil_vendors_first_the_state_months_later_then_a_sentence() {
    let r = record("kaseya-revil-2021.case");
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("REvil"));
    assert_eq!(r.attributing_country_iso, ["US"]);
    assert_eq!(
        r.first_attribution_official_by,
        ["huntress", "other-researchers"]
    );
    // The State Department named REvil with its reward (the day derived
    // from a weekday, so unconfirmed).
    let first_state = r.attribution_date.as_ref().unwrap();
    assert_eq!(first_state.date, "2021-11-08");
    assert!(first_state.unconfirmed);
    assert!(r.self_attribution, "REvil claimed it");
    assert_eq!(r.responses_by_kind.get("judgment"), Some(&1));
    assert_eq!(r.strongest_response.as_deref(), Some("sanctions"));
}

#[test]
fn bangladesh_bank_north_korea_charged_vendors_named_lazarus() {
    let r = record("bangladesh-bank-2016.case");
    assert_eq!(r.attributed_initiator.name.as_deref(), Some("North Korea"));
    assert_eq!(r.attributing_country_iso, ["BD", "US"]);
    assert_eq!(
        r.vendor_attributed_initiator.name.as_deref(),
        Some("Lazarus Group")
    );
    assert_eq!(date(&r.first_attribution_unofficial), Some("2017-03-22"));
    assert_eq!(date(&r.attribution_date), Some("2018-09-06"));
    assert_eq!(r.responses_by_kind.get("recovery"), Some(&1));
    assert_eq!(r.responses_by_kind.get("judgment"), Some(&2));
    assert_eq!(r.strongest_response.as_deref(), Some("sanctions"));
}
