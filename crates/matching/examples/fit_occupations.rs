//! `cargo run --release -p standort-matching --example fit_occupations [-- ESCO_DIR]`: the
//! search that chose the defaults of `OccupationWeights` — recall on seed 1 of both synthetic
//! protocols (`PERSONS`, default 2,000) for a grid, one line per setting. The grid is given
//! as comma-separated lists in `QE`, `QO`, `R`, `EPS`, `CE`, `CO`, `NC` (each defaults to the
//! default coefficient); `SEEDS` (or `SEED`) a comma-separated list of seeds to report on
//! (default 1).

use standort_matching::synth::{Protocol, population_with};
use standort_matching::{OccupationWeights, bench, from_esco};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
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
    let taxonomy = from_esco(&esco);
    let n = env_or("PERSONS", 2_000);
    let seeds: Vec<u64> = std::env::var("SEEDS")
        .or_else(|_| std::env::var("SEED"))
        .map_or(vec![1], |v| {
            v.split(',').filter_map(|x| x.trim().parse().ok()).collect()
        });
    let populations: Vec<_> = seeds
        .iter()
        .map(|&seed| {
            (
                seed,
                population_with(&taxonomy, n, seed, &Protocol::PUBLISHED),
                population_with(&taxonomy, n, seed, &Protocol::NEIGHBOUR),
            )
        })
        .collect();
    type Set = fn(&mut OccupationWeights, f64);
    let axes: [(&str, Set); 7] = [
        ("QE", |w, x| w.essential_recorded = x),
        ("QO", |w, x| w.optional_recorded = x),
        ("R", |w, x| w.neighbour = x),
        ("EPS", |w, x| w.noise = x),
        ("CE", |w, x| w.missing_essential = x),
        ("CO", |w, x| w.missing_optional = x),
        ("NC", |w, x| w.neighbour_covers = x),
    ];
    let mut grid = vec![OccupationWeights::default()];
    for (name, set) in axes {
        let Ok(values) = std::env::var(name) else {
            continue;
        };
        let values: Vec<f64> = values
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        grid = grid
            .iter()
            .flat_map(|w| {
                values.iter().map(move |&x| {
                    let mut w = *w;
                    set(&mut w, x);
                    w
                })
            })
            .collect();
    }
    for w in grid {
        for (seed, published, neighbour) in &populations {
            let p = bench::quality(&taxonomy, w, published);
            let q = bench::quality(&taxonomy, w, neighbour);
            println!(
                "qe {} qo {} r {} eps {} ce {} co {} nc {} | seed {seed}: \
                 published {:.4} / {:.4}, neighbour {:.4} / {:.4}",
                w.essential_recorded,
                w.optional_recorded,
                w.neighbour,
                w.noise,
                w.missing_essential,
                w.missing_optional,
                w.neighbour_covers,
                p.recall_at_1,
                p.recall_at_10,
                q.recall_at_1,
                q.recall_at_10
            );
        }
    }
}
