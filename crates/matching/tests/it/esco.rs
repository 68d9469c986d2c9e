//! On the real ESCO files: the adapter and the recall targets over the synthetic population.
//! Skipped (with a note) when the shared data is not present.

use standort_matching::{OccupationWeights, bench, from_esco, synth};

fn esco() -> Option<standort_esco::Dataset> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/esco-v1.1.1"
    );
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
    assert_eq!(taxonomy.skill_count(), 13_896);
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

    // A seed other than the one the weights were chosen on.
    let persons = synth::population(&taxonomy, 1_000, 3);
    assert_eq!(persons.len(), 1_000);
    let q = bench::quality(&taxonomy, OccupationWeights::default(), &persons);
    eprintln!(
        "recall@1 {:.4}, recall@10 {:.4}",
        q.recall_at_1, q.recall_at_10
    );
    assert!(q.recall_at_1 >= 0.95, "recall@1 {}", q.recall_at_1);
    assert!(q.recall_at_10 >= 0.99, "recall@10 {}", q.recall_at_10);
}
