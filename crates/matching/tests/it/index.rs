//! Incremental updates of the candidate index.

use standort_matching::{CandidateId, CandidateIndex, MatchConfig};

use crate::common::{candidate, fixture, position};

#[test]
fn add_update_remove_without_rebuild() {
    let f = fixture();
    let cfg = MatchConfig::default();
    let p = position(&f, 1, f.bus_driver);
    let mut index = CandidateIndex::new(&f.taxonomy);
    assert!(index.top(&f.taxonomy, &p, 5, &cfg).is_empty());

    index.upsert(candidate(1, f.skills(&["drive bus"])));
    index.upsert(candidate(2, f.skills(&["cooking"])));
    let ids = |index: &CandidateIndex| -> Vec<i64> {
        index
            .top(&f.taxonomy, &p, 5, &cfg)
            .iter()
            .map(|m| m.id.0)
            .collect()
    };
    assert_eq!(ids(&index), vec![1]);

    // Candidate 2 learns to drive a bus and check vehicles: now first.
    index.upsert(candidate(2, f.skills(&["drive bus", "vehicle check"])));
    assert_eq!(ids(&index), vec![2, 1]);
    assert_eq!(index.len(), 2);

    // Candidate 1 now only cooks: gone from the bus list.
    index.upsert(candidate(1, f.skills(&["cooking"])));
    assert_eq!(ids(&index), vec![2]);

    assert!(index.remove(CandidateId(2)));
    assert!(!index.remove(CandidateId(2)));
    assert!(ids(&index).is_empty());
    assert_eq!(index.len(), 1);

    // A freed slot is reused.
    index.upsert(candidate(3, f.skills(&["ticketing"])));
    assert_eq!(ids(&index), vec![3]);
    assert_eq!(index.get(CandidateId(3)).map(|c| c.skills.len()), Some(1));
}

#[test]
fn top_zero_is_empty() {
    let f = fixture();
    let index =
        CandidateIndex::from_candidates(&f.taxonomy, [candidate(1, f.skills(&["drive bus"]))]);
    assert!(
        index
            .top(
                &f.taxonomy,
                &position(&f, 1, f.bus_driver),
                0,
                &MatchConfig::default()
            )
            .is_empty()
    );
}
