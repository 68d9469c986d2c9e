//! On the real ESCO files: the adapter and the recall targets over the synthetic population.
//! Skipped (with a note) when the shared data is not present.

use standort_matching::{OccupationWeights, bench, from_esco, synth};

/// `../shared/data/esco-v1.1.1` beside the checkout, or under `$STANDORT_SHARED` (a checkout
/// in a worktree folder has no `../shared` of its own).
fn esco_dir() -> String {
    match std::env::var("STANDORT_SHARED") {
        Ok(shared) => format!("{shared}/data/esco-v1.1.1"),
        Err(_) => concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/esco-v1.1.1"
        )
        .to_owned(),
    }
}

fn esco() -> Option<standort_esco::Dataset> {
    let dir = esco_dir();
    let paths = [
        format!("{dir}/ESCO dataset - v1.1.1 - classification - en - csv.zip"),
        format!("{dir}/ESCO dataset - v1.1.1 - relations - csv.zip"),
    ];
    if !paths.iter().all(|p| std::path::Path::new(p).exists()) {
        eprintln!("ESCO files not found under {dir}; skipping");
        return None;
    }
    Some(standort_esco::Dataset::load(&paths).expect("the ESCO files load"))
}

#[test]
fn recall_targets_on_the_synthetic_population() {
    let Some(esco) = esco() else { return };
    let taxonomy = from_esco(&esco);
    assert_eq!(taxonomy.occupation_count(), 3_007);
    // 13,896 skills and knowledge concepts, then every skill group the reader knows (the 640
    // of skillGroups_en.csv, ISCED-F included, and the few top nodes the hierarchy names).
    assert_eq!(esco.skills().len(), 13_896);
    assert!(esco.skill_groups().len() >= 640);
    assert_eq!(
        taxonomy.skill_count(),
        esco.skills().len() + esco.skill_groups().len()
    );
    let field = taxonomy
        .skill_id("http://data.europa.eu/esco/isced-f/0799")
        .expect("the ISCED-F field groups are in the taxonomy");
    assert!(taxonomy.is_group(field));
    let relations: usize = taxonomy
        .occupations()
        .map(|o| taxonomy.essential(o).len() + taxonomy.optional(o).len())
        .sum();
    // A pair listed both essential and optional counts once, as essential.
    let both: usize = esco
        .occupation_ids()
        .map(|o| {
            let essential = esco.essential_skills(o);
            esco.optional_skills(o)
                .iter()
                .filter(|s| essential.contains(s))
                .count()
        })
        .sum();
    let listed: usize = esco
        .occupation_ids()
        .map(|o| esco.essential_skills(o).len() + esco.optional_skills(o).len())
        .sum();
    assert_eq!(relations, listed - both);
    assert!(relations > 123_000, "{relations}");
    assert_eq!(
        taxonomy
            .occupations()
            .filter(|&o| taxonomy.is_regulated(o))
            .count(),
        15
    );

    // Seeds other than the one the weights were fitted on (seed 1), both protocols. The
    // thresholds sit a little under the targets (published ≥ 0.98 / ≥ 0.997, neighbour
    // ≥ 0.92 / ≥ 0.99 on 5,000 persons in BENCHMARKS.md): 2,000 persons carry about ±0.006
    // of sampling noise at recall@1.
    for seed in [2, 3] {
        let persons = synth::population(&taxonomy, 2_000, seed);
        assert_eq!(persons.len(), 2_000);
        let q = bench::quality(&taxonomy, OccupationWeights::default(), &persons);
        eprintln!(
            "published protocol, seed {seed}: recall@1 {:.4}, recall@10 {:.4}",
            q.recall_at_1, q.recall_at_10
        );
        assert!(q.recall_at_1 >= 0.97, "recall@1 {}", q.recall_at_1);
        assert!(q.recall_at_10 >= 0.99, "recall@10 {}", q.recall_at_10);

        let persons = synth::population_with(&taxonomy, 2_000, seed, &synth::Protocol::NEIGHBOUR);
        let q = bench::quality(&taxonomy, OccupationWeights::default(), &persons);
        eprintln!(
            "neighbour protocol, seed {seed}: recall@1 {:.4}, recall@10 {:.4}",
            q.recall_at_1, q.recall_at_10
        );
        assert!(q.recall_at_1 >= 0.90, "recall@1 {}", q.recall_at_1);
        assert!(q.recall_at_10 >= 0.98, "recall@10 {}", q.recall_at_10);
    }
}

/// The neighbour protocol replaces recorded skills by real hierarchy neighbours: about half
/// of the skills a person holds are not listed by the true occupation at all, yet share a
/// broader node with one of its skills.
#[test]
fn the_neighbour_protocol_draws_hierarchy_neighbours() {
    let Some(esco) = esco() else { return };
    let taxonomy = from_esco(&esco);
    let persons = synth::population_with(&taxonomy, 500, 5, &synth::Protocol::NEIGHBOUR);
    let (mut listed, mut neighbour, mut total) = (0usize, 0usize, 0usize);
    for p in &persons {
        let own: Vec<_> = taxonomy
            .essential(p.occupation)
            .iter()
            .chain(taxonomy.optional(p.occupation))
            .copied()
            .collect();
        for &s in &p.skills {
            total += 1;
            if own.contains(&s) {
                listed += 1;
            } else if own.iter().any(|&o| taxonomy.neighbours(o).contains(&s)) {
                neighbour += 1;
            }
        }
    }
    let (listed, neighbour) = (
        listed as f64 / total as f64,
        neighbour as f64 / total as f64,
    );
    eprintln!("listed {listed:.3}, neighbours {neighbour:.3} of {total} skills");
    assert!(neighbour > 0.3, "neighbours {neighbour}");
    assert!(listed > 0.3, "listed {listed}");
}
