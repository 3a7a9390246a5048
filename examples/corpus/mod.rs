//! The case generator shared by `examples/gen-corpus.rs` and the benchmarks.
//! Cases are realistic in shape and size, invented in content.

#![allow(dead_code)]

use std::fmt::Write;

/// xorshift64: small and deterministic.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "government",
    "network",
    "ministry",
    "attack",
    "services",
    "systems",
    "investigation",
    "analysts",
    "infrastructure",
    "ransomware",
    "wiper",
    "access",
    "accounts",
    "statement",
    "officials",
    "sources",
    "intrusion",
    "operators",
    "campaign",
    "evidence",
    "report",
    "capital",
    "embassy",
    "sanctions",
];
const STATES: &[(&str, &str)] = &[
    ("AL", "Albania"),
    ("IR", "Iran"),
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("RU", "Russia"),
    ("KP", "North Korea"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("UA", "Ukraine"),
    ("JP", "Japan"),
    ("CA", "Canada"),
    ("AU", "Australia"),
    ("NZ", "New Zealand"),
    ("DK", "Denmark"),
    ("NL", "Netherlands"),
];
const TECHNIQUES: &[&str] = &[
    "T1486",
    "T1485",
    "T1190",
    "T1566.001",
    "T1078",
    "T1561",
    "T1005",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str() + ".",
        None => s,
    }
}

fn date(rng: &mut Rng, year: i32, precision: usize) -> String {
    let m = rng.range(1, 12);
    let d = rng.range(1, 28);
    match precision {
        0 => format!("{year}"),
        1 => format!("{year}-{m:02}"),
        2 => format!("~{year}-{m:02}"),
        _ => format!("{year}-{m:02}-{d:02}"),
    }
}

/// The text of generated case number `n`.
pub fn case(n: usize, rng: &mut Rng) -> String {
    let mut out = String::new();
    let year = 2010 + rng.below(14) as i32;
    let id = format!("generated-{n:05}");
    let _ = writeln!(
        out,
        "# Generated case {n}: realistic in shape, invented in content.\n"
    );
    let _ = writeln!(
        out,
        "case {id} {{\n  title \"Generated case {n}\"\n  period {year} to {}\n  author \"gen-corpus\"",
        year + 1
    );
    let _ = writeln!(
        out,
        "  summary \"\"\"\n    {}\n    {}\n    \"\"\"\n}}\n",
        sentence(rng, 12),
        sentence(rng, 10)
    );

    let sources = rng.range(10, 40);
    for s in 0..sources {
        let kind = rng.pick(&[
            "government",
            "vendor",
            "media",
            "media",
            "advisory",
            "intergovernmental",
        ]);
        let _ = writeln!(
            out,
            "source s{s} {{\n  kind {kind}\n  publisher \"Publisher {s}\"\n  title \"{}\"",
            sentence(rng, 6)
        );
        let _ = writeln!(
            out,
            "  published {}\n  reliability {}",
            date(rng, year + 2, 3),
            rng.pick(&["A", "B", "B", "C", "D", "F"])
        );
        if s > 2 && rng.chance(40) {
            let _ = writeln!(out, "  repeats s{}", rng.below(s));
        }
        let _ = writeln!(out, "}}\n");
    }

    let states = rng.range(2, 6);
    let mut actors = Vec::new();
    for k in 0..states {
        let (code, name) = STATES[(n + k * 7) % STATES.len()];
        let aid = format!("state-{}", code.to_lowercase());
        if actors.contains(&aid) {
            continue;
        }
        let _ = writeln!(
            out,
            "actor {aid} {{\n  kind state\n  name \"{name}\"\n  country {code}\n}}\n"
        );
        actors.push(aid);
    }
    let groups = rng.range(1, 6);
    for g in 0..groups {
        let _ = writeln!(
            out,
            "actor group-{g} {{\n  kind threat-group\n  name \"GROUP-{g:04}\"\n  alias \"Alias {g}\", \"Other {g}\"\n}}\n"
        );
    }
    let organs = rng.range(1, 4);
    for o in 0..organs {
        let state = &actors[o % actors.len()];
        let _ = writeln!(
            out,
            "actor organ-{o} {{\n  kind state-organ\n  name \"Agency {o}\"\n  organ of {state} per s{}\n}}\n",
            rng.below(sources)
        );
    }
    let claimants = rng.range(2, 6);
    for c in 0..claimants {
        let kind = rng.pick(&["company", "person", "state-organ"]);
        let _ = write!(
            out,
            "actor claimant-{c} {{\n  kind {kind}\n  name \"Claimant {c}\"\n"
        );
        if kind != "company" {
            let _ = writeln!(
                out,
                "  {} {}",
                if kind == "person" {
                    "holds office in"
                } else {
                    "organ of"
                },
                actors[c % actors.len()]
            );
        }
        let _ = writeln!(out, "}}\n");
    }
    let _ = writeln!(
        out,
        "actor persona {{\n  kind persona\n  name \"Persona {n}\"\n}}\n"
    );

    let events = rng.range(1, 5);
    for e in 0..events {
        let _ = writeln!(out, "# --- event {e}");
        let _ = writeln!(
            out,
            "event event-{e} {{\n  title \"{}\"\n  kind {}",
            sentence(rng, 5),
            rng.pick(&[
                "intrusion",
                "wiper, outage",
                "ransomware",
                "data-theft",
                "ddos"
            ])
        );
        let precision = rng.below(4);
        let _ = writeln!(
            out,
            "  date {}\n  target {}\n  technique {}",
            date(rng, year, precision),
            actors[0],
            rng.pick(TECHNIQUES)
        );
        let _ = writeln!(
            out,
            "  effect \"{}\"\n  source s{}\n}}\n",
            sentence(rng, 8),
            rng.below(sources)
        );
    }

    let claims = rng.range(5, 28);
    for c in 0..claims {
        let by = format!("claimant-{}", rng.below(claimants));
        let event = format!("event-{}", rng.below(events));
        // Claims come in order through the year after the events.
        let month = 1 + c * 12 / claims;
        let _ = writeln!(
            out,
            "claim claim-{c} {{\n  by {by}\n  date {}-{month:02}-{:02}\n  source s{}",
            year + 1,
            rng.range(1, 28),
            rng.below(sources)
        );
        match rng.below(4) {
            0 => {
                let g = rng.below(groups);
                let _ = writeln!(
                    out,
                    "  attributes {event} to group-{g} as operator\n  attributes group-{g} to organ-{} as sponsor",
                    rng.below(organs)
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  attributes {event} to {} as sponsor, orchestrator",
                    actors[rng.below(actors.len())]
                );
            }
            2 if c > 0 => {
                let _ = writeln!(out, "  denies claim-{}", rng.below(c));
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  attributes {event} to group-{} as operator",
                    rng.below(groups)
                );
            }
        }
        let _ = writeln!(
            out,
            "  confidence {} \"{}\"",
            rng.pick(&["high", "moderate", "likely", "almost-certain"]),
            rng.pick(WORDS)
        );
        let _ = writeln!(
            out,
            "  basis {}\n  summary \"{}\"",
            rng.pick(&["technical", "political", "legal"]),
            sentence(rng, 14)
        );
        let _ = writeln!(
            out,
            "  quote \"{}\"\n  note \"{}\"\n}}\n",
            sentence(rng, 6),
            sentence(rng, 16)
        );
    }
    let _ = writeln!(
        out,
        "claim self-claim {{\n  by persona\n  date {year}\n  source s0\n  takes responsibility for event-0\n}}\n"
    );

    let evidence = rng.range(4, 26);
    for e in 0..evidence {
        let _ = writeln!(
            out,
            "evidence ev-{e} {{\n  class {}\n  source s{}",
            rng.pick(&[
                "tradecraft",
                "infrastructure",
                "malware",
                "intent",
                "external"
            ]),
            rng.below(sources)
        );
        let _ = writeln!(
            out,
            "  credibility {}\n  disclosed {}",
            rng.range(1, 6),
            rng.pick(&["yes", "no", "partly"])
        );
        let _ = writeln!(
            out,
            "  supports claim-{}\n  summary \"{}\"\n}}\n",
            rng.below(claims),
            sentence(rng, 10)
        );
    }

    let responses = rng.range(1, 6);
    for r in 0..responses {
        let _ = writeln!(
            out,
            "response response-{r} {{\n  kind {}\n  by {}",
            rng.pick(&[
                "statement",
                "sanctions",
                "expulsion",
                "severance",
                "indictment"
            ]),
            actors[rng.below(actors.len())]
        );
        let _ = writeln!(
            out,
            "  against {}\n  date {}-{:02}-{:02}\n  answers event-{}",
            actors[rng.below(actors.len())],
            year + 1,
            rng.range(1, 12),
            rng.range(1, 28),
            rng.below(events)
        );
        let _ = writeln!(
            out,
            "  category retorsion\n  source s{}\n}}\n",
            rng.below(sources)
        );
    }

    // About one case in ten has an error an analyst might make.
    if rng.chance(10) {
        match rng.below(4) {
            0 => out.push_str("claim broken-ref {\n  by claimant-O\n  date 2020-01-01\n  source s0\n  attributes event-0 to group-0 as operator\n}\n"),
            1 => out.push_str("event bad-date {\n  kind outage\n  date 2021-02-30\n}\n"),
            2 => out.push_str("actor group-0 {\n  kind persona\n  name \"Duplicate\"\n}\n"),
            _ => out.push_str("source unclosed {\n  kind media\n  publisher \"Unclosed\n  reliability C\n}\n"),
        }
    }
    out
}

/// Generated case `i` of the corpus with `seed`: the same every time.
pub fn generate(i: usize, seed: u64) -> String {
    let mut rng = Rng(seed ^ ((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
    case(i, &mut rng)
}

/// One case built to stress chain derivation: `actors` threat groups in
/// `layers` layers, each attributed (by one vendor, or by one of a few
/// states) to several actors of the next layer, the last layer organs of
/// one state; a few events, each attributed to many actors of the first
/// layer. The number of routes from an event to the state grows
/// exponentially with the depth.
pub fn scale_case(actors: usize, layers: usize, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let per_layer = (actors / layers).max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "case scale {{\n  title \"{actors} actors in {layers} layers\"\n}}\n"
    );
    let _ = writeln!(
        out,
        "source report {{\n  kind vendor\n  publisher \"Vendor\"\n  reliability B\n}}\n"
    );
    let _ = writeln!(
        out,
        "actor state {{\n  kind state\n  name \"State\"\n  country AL\n}}\n"
    );
    let _ = writeln!(
        out,
        "actor vendor {{\n  kind company\n  name \"Vendor\"\n}}\n"
    );
    for layer in 0..layers {
        for k in 0..per_layer {
            let _ = write!(
                out,
                "actor g{layer}-{k} {{\n  kind threat-group\n  name \"G{layer}-{k}\"\n"
            );
            if layer + 1 == layers {
                let _ = writeln!(out, "  organ of state per report");
            }
            let _ = writeln!(out, "}}\n");
        }
    }
    let mut claim = 0;
    for layer in 0..layers.saturating_sub(1) {
        for k in 0..per_layer {
            let _ = write!(
                out,
                "claim c{claim} {{\n  by vendor\n  date 2022-02-01\n  source report\n"
            );
            for _ in 0..3 {
                let _ = writeln!(
                    out,
                    "  attributes g{layer}-{k} to g{}-{} as linked",
                    layer + 1,
                    rng.below(per_layer)
                );
            }
            let _ = writeln!(out, "}}\n");
            claim += 1;
        }
    }
    for e in 0..5 {
        let _ = writeln!(
            out,
            "event e{e} {{\n  kind intrusion\n  date 2022-01-01\n}}\n"
        );
        let _ = write!(
            out,
            "claim c{claim} {{\n  by vendor\n  date 2022-02-01\n  source report\n"
        );
        for _ in 0..50 {
            let _ = writeln!(
                out,
                "  attributes e{e} to g0-{} as operator",
                rng.below(per_layer)
            );
        }
        let _ = writeln!(out, "}}\n");
        claim += 1;
    }
    out
}
