//! The real cases: they check without errors, every warning they draw is
//! the one expected, and their attribution chains are the ones the sources
//! support.

use attrib::compile;
use attrib::diagnostics::Severity;
use attrib::render::chains_json::{self, ChainOutput, ChainsOutput};
use attrib::render::{Style, chains_human, check_human};
use std::path::Path;

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

#[test]
fn albania_checks_without_errors_and_with_the_expected_warnings() {
    let text = load("albania-iran-2022.case");
    let c = compile(&text);
    let rendered = check_human::render(
        "cases/albania-iran-2022.case",
        &text,
        &c.diagnostics,
        Style::default(),
    );
    assert_eq!(c.count(Severity::Error), 0, "{rendered}");
    // Each warning is a true statement about the case; the snapshot says which.
    insta::assert_snapshot!("albania-check", rendered);
}

#[test]
fn albania_chains_as_people_read_them() {
    let text = load("albania-iran-2022.case");
    let c = compile(&text);
    let model = chains_json::build(&c, false);
    insta::assert_snapshot!(
        "albania-chains",
        chains_human::render(&model, Style::default())
    );
}

#[test]
fn albania_own_chain_rests_on_undisclosed_evidence() {
    let model = chains(&load("albania-iran-2022.case"));
    let own = find(&model, "edi-rama", &["july-attack", "iran"]);
    let link = &own.links[0];
    assert_eq!(link.relation, "attribution");
    assert!(link.roles.contains(&"orchestrator") && link.roles.contains(&"sponsor"));
    assert_eq!(link.claims, ["albania-attribution"]);
    assert_eq!(link.evidence, ["albania-investigation-findings"]);
    assert_eq!(
        model.evidence["albania-investigation-findings"].disclosed,
        Some("no")
    );
    assert!(
        link.weaknesses.contains(&"undisclosed-only"),
        "{:?}",
        link.weaknesses
    );
    assert!(link.denials.contains(&"iran-denial-albania".to_string()));
    assert!(link.acknowledged_by.contains(&"nato-statement".to_string()));
    assert!(
        own.confidence <= 20,
        "undisclosed evidence alone is worth little: {}",
        own.confidence
    );
    let stated = model.claims["albania-attribution"].stated.as_ref().unwrap();
    assert_eq!(
        (stated.term, stated.words.as_deref()),
        ("almost-certain", Some("undeniable evidence"))
    );
}

#[test]
fn albania_technical_chain_runs_through_mois_with_evidence_on_each_link() {
    let model = chains(&load("albania-iran-2022.case"));
    let chain = find(
        &model,
        "microsoft",
        &["july-attack", "dev-0861", "europium", "mois", "iran"],
    );
    for link in &chain.links {
        if link.relation == "attribution" {
            assert!(
                !link.evidence.is_empty(),
                "no evidence on {} → {}",
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
    assert_eq!(chain.links[3].relation, "organ-of");
    assert_eq!(chain.responsible.kind, "state");
    let weakest = chain.links.iter().map(|l| l.confidence).min().unwrap();
    assert_eq!(chain.confidence, weakest);
    // Microsoft's technical route agrees with Albania's political one.
    let own = model
        .chains
        .iter()
        .position(|c| {
            c.asserted_by.iter().any(|p| p.id == "edi-rama") && route(c) == ["july-attack", "iran"]
        })
        .unwrap();
    assert!(chain.agrees_with.contains(&own));
}

#[test]
fn albania_homeland_justice_is_a_weak_self_claim() {
    let model = chains(&load("albania-iran-2022.case"));
    let chain = find(
        &model,
        "homeland-justice",
        &["july-attack", "homeland-justice"],
    );
    let link = &chain.links[0];
    assert_eq!(link.relation, "self-claim");
    assert!(link.weaknesses.contains(&"self-claimed-only"));
    assert!(chain.confidence <= attrib::confidence::SELF_CLAIM_CAP);
}

#[test]
fn albania_denials_show_on_the_chains_they_contradict() {
    let model = chains(&load("albania-iran-2022.case"));
    for (party, denial) in [
        ("us-nsc", "iran-denial-us-uk"),
        ("us-treasury", "iran-denial-sanctions"),
    ] {
        let chain = model
            .chains
            .iter()
            .find(|c| c.event.id == "july-attack" && c.asserted_by.iter().any(|p| p.id == party))
            .unwrap();
        assert!(
            chain
                .links
                .iter()
                .any(|l| l.denials.iter().any(|d| d == denial)),
            "{party}: {denial}"
        );
    }
}

#[test]
fn every_chain_is_as_strong_as_its_weakest_link() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")).unwrap() {
        let path = entry.unwrap().path();
        let model = chains(&std::fs::read_to_string(&path).unwrap());
        assert!(!model.chains.is_empty(), "{}", path.display());
        for c in &model.chains {
            assert_eq!(
                c.confidence,
                c.links.iter().map(|l| l.confidence).min().unwrap()
            );
            assert_eq!(c.links[c.weakest_link].confidence, c.confidence);
        }
    }
}
