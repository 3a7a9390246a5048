//! Write one case built to stress chain derivation (10,000 actors in deep
//! and wide hierarchies, many routes from each event to the state):
//!
//!     cargo run --release --example gen-scale -- [ACTORS [LAYERS]] > scale.case
//!     attrib chains scale.case

mod corpus;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let actors = args.first().copied().unwrap_or(10_000);
    let layers = args.get(1).copied().unwrap_or(10);
    print!("{}", corpus::scale_case(actors, layers, 0x5CA1E));
}
