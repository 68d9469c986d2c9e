//! Ranked lists with breakdowns on the hand-made taxonomy, as insta snapshots.

use standort_matching::{
    CandidateIndex, Cefr, GermanProgress, LicenceClass, MatchConfig, OccupationRanker,
    OccupationWeights, PositionIndex, Recognition, RegionId,
};
use time::macros::date;

use crate::common::{candidate, fixture, position};

fn people(f: &crate::common::Fixture) -> Vec<standort_matching::Candidate> {
    let mut v = vec![
        candidate(
            1,
            f.skills(&[
                "patient care",
                "wound care",
                "medication",
                "hygiene",
                "documentation",
                "empathy",
            ]),
        ),
        candidate(
            2,
            f.skills(&["patient care", "hygiene", "empathy", "cooking"]),
        ),
        candidate(3, f.skills(&["wound care", "hygiene", "first aid"])),
        candidate(
            4,
            f.skills(&[
                "drive bus",
                "ticketing",
                "vehicle check",
                "customer service",
            ]),
        ),
        candidate(
            5,
            f.skills(&[
                "patient care",
                "wound care",
                "medication",
                "hygiene",
                "documentation",
            ]),
        ),
        candidate(
            6,
            f.skills(&["patient care", "hygiene", "empathy", "cooking"]),
        ),
    ];
    v[1].german = GermanProgress {
        level: Some(Cefr::B1),
        next_level_expected: Some(date!(2027 - 02 - 01)),
    };
    v[2].regions = vec![RegionId(7), RegionId(1)];
    v[3].licences = [LicenceClass::D].into_iter().collect();
    v[4].recognition = Recognition::InProgress;
    v[5].german = GermanProgress {
        level: Some(Cefr::B1),
        next_level_expected: Some(date!(2027 - 02 - 01)),
    };
    v
}

#[test]
fn position_to_candidates_nurse() {
    let f = fixture();
    let index = CandidateIndex::from_candidates(&f.taxonomy, people(&f));
    let mut p = position(&f, 10, f.nurse);
    p.german = Some(Cefr::B2);
    let cfg = MatchConfig {
        include_ineligible: true,
        ..MatchConfig::default()
    };
    let ranked = index.top(&f.taxonomy, &p, 10, &cfg);
    insta::assert_json_snapshot!(ranked);
}

#[test]
fn position_to_candidates_care_assistant_ties_by_id() {
    let f = fixture();
    let index = CandidateIndex::from_candidates(&f.taxonomy, people(&f));
    let mut p = position(&f, 11, f.care_assistant);
    p.german = Some(Cefr::B2);
    let ranked = index.top(&f.taxonomy, &p, 3, &MatchConfig::default());
    // Candidates 2 and 6 are identical: the smaller id comes first.
    let ids: Vec<i64> = ranked.iter().map(|m| m.id.0).collect();
    insta::assert_json_snapshot!(ids, @r"
    [
      1,
      2,
      6
    ]
    ");
    assert_eq!(ranked[1].breakdown.score, ranked[2].breakdown.score);
}

#[test]
fn candidate_to_positions() {
    let f = fixture();
    let mut index = PositionIndex::new(MatchConfig::default());
    let mut bus = position(&f, 3, f.bus_driver);
    bus.licences = [LicenceClass::D].into_iter().collect();
    index.upsert(&f.taxonomy, &position(&f, 1, f.nurse));
    index.upsert(&f.taxonomy, &position(&f, 2, f.care_assistant));
    index.upsert(&f.taxonomy, &bus);
    let c = &people(&f)[0];
    let ranked = index.top(c, 10);
    insta::assert_json_snapshot!(ranked);
    assert!(index.remove(standort_matching::PositionId(1)));
    let ids: Vec<i64> = index.top(c, 10).iter().map(|m| m.id.0).collect();
    assert_eq!(ids, vec![2]);
}

#[test]
fn skills_to_occupations() {
    let f = fixture();
    let mut ranker = OccupationRanker::new(&f.taxonomy, OccupationWeights::default());
    let ranked = ranker.rank(
        &f.skills(&["patient care", "hygiene", "empathy", "wound care"]),
        5,
    );
    let named: Vec<_> = ranked
        .iter()
        .map(|m| {
            serde_json::json!({
                "occupation": f.taxonomy.occupation_uri(m.occupation),
                "score": m.score,
                "factors": m.factors,
                "missing_essential": m.missing_essential.iter().map(|&s| f.taxonomy.skill_uri(s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    insta::assert_json_snapshot!(named);
}
