//! Chain derivation stays bounded on a large graph: 10,000 actors in ten
//! layers, each linked to three of the next, so that the routes from an
//! event to the state number in the millions. (Its speed is measured in
//! `benches/throughput.rs`.)

use attrib_core::analysis::chains::MAX_CHAINS_PER_EVENT;
use attrib_core::compile;
use attrib_core::render::chains_json;

use crate::corpus;

#[test]
fn ten_thousand_actors_give_a_bounded_set_of_chains_and_say_what_was_cut() {
    let text = corpus::scale_case(10_000, 10, 0x5CA1E);
    let c = compile(&text);
    assert!(!c.has_errors());
    let model = chains_json::build(&c, false);
    let events = 5;
    assert!(
        model.chains.len() <= events * MAX_CHAINS_PER_EVENT,
        "{} chains",
        model.chains.len()
    );
    assert!(model.chains.len() >= events, "each event has chains");
    assert_eq!(model.notes.len(), events, "{:?}", model.notes);
    assert!(
        model.notes[0].contains("were cut after 100") && model.notes[0].contains("more routes"),
        "{}",
        model.notes[0]
    );
    for chain in &model.chains {
        assert_eq!(chain.responsible.id, "state");
        assert_eq!(chain.links.len(), 11, "ten layers and the organ link");
    }
}
