//! `cargo bench -p standort-matching --bench matching [-- ESCO_DIR]`: the quality and speed
//! measurement of `standort bench matching`, on the real ESCO files, until the CLI exists.
//! Environment: `PROFILES=100000,1000000`, `QUERIES=300`, `PERSONS=5000`.

use standort_matching::bench::{BenchOptions, run};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/esco-v1.1.1"
            )
            .to_owned()
        });
    let paths = [
        format!("{dir}/ESCO dataset - v1.1.1 - classification - en - csv.zip"),
        format!("{dir}/ESCO dataset - v1.1.1 - relations - csv.zip"),
    ];
    let esco = standort_esco::Dataset::load(&paths).expect("load the ESCO files");
    let taxonomy = standort_matching::from_esco(&esco);
    let mut options = BenchOptions {
        persons: env_or("PERSONS", 5_000),
        queries: env_or("QUERIES", 300),
        ..BenchOptions::default()
    };
    if let Ok(sizes) = std::env::var("PROFILES") {
        options.profile_sizes = sizes
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
    }
    print!("{}", run(&taxonomy, &options).render());
}
