//! `cargo run --release -p standort-matching --example fit_occupations [-- ESCO_DIR]`: the
//! search that chose the defaults of `OccupationWeights` — recall on seed 1 of both synthetic
//! protocols (`PERSONS`, default 2,000) for a grid, one line per setting. The grid is given
//! as comma-separated lists in `QE`, `QO`, `R`, `EPS`, `CE`, `CO`, `NC` (each defaults to the
//! default coefficient); `SEED` picks another seed to report on.

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
    let seed = env_or("SEED", 1);
    let published = population_with(&taxonomy, n, seed, &Protocol::PUBLISHED);
    let neighbour = population_with(&taxonomy, n, seed, &Protocol::NEIGHBOUR);
    let d = OccupationWeights::default();
    let list = |name: &str, default: f64| -> Vec<f64> {
        std::env::var(name).map_or(vec![default], |v| {
            v.split(',').filter_map(|x| x.trim().parse().ok()).collect()
        })
    };
    let mut grid = Vec::new();
    for qe in list("QE", d.essential_recorded) {
        for qo in list("QO", d.optional_recorded) {
            for r in list("R", d.neighbour) {
                for eps in list("EPS", d.noise) {
                    for ce in list("CE", d.missing_essential) {
                        for co in list("CO", d.missing_optional) {
                            for nc in list("NC", d.neighbour_covers) {
                                grid.push(OccupationWeights {
                                    essential_recorded: qe,
                                    optional_recorded: qo,
                                    neighbour: r,
                                    noise: eps,
                                    missing_essential: ce,
                                    missing_optional: co,
                                    neighbour_covers: nc,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    for w in grid {
        let p = bench::quality(&taxonomy, w, &published);
        let q = bench::quality(&taxonomy, w, &neighbour);
        println!(
            "qe {} qo {} r {} eps {} ce {} co {} nc {}: published {:.4} / {:.4}, neighbour {:.4} / {:.4}",
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
