//! Neighbouring skills (same broader node in the hierarchy) and skill groups as broad
//! evidence, in all three directions.

use standort_matching::batch::{self, BatchOptions};
use standort_matching::{
    CandidateId, CandidateIndex, Link, MatchConfig, OccupationId, OccupationRanker,
    OccupationWeights, Position, PositionId, PositionIndex, RegionId, SkillId, Taxonomy,
    TaxonomyBuilder, score,
};

use crate::common::{START, candidate};

fn position(t: &Taxonomy, id: i64, occupation: OccupationId) -> Position {
    Position::for_occupation(t, PositionId(id), occupation, START, RegionId(1))
}

/// A care group (`group:care`, a skill group) holding bathing, feeding and lifting; an
/// ISCED-F style field group without skills; a carer needing bathing and feeding, a cook
/// needing cooking.
struct Care {
    taxonomy: Taxonomy,
    bathing: SkillId,
    feeding: SkillId,
    lifting: SkillId,
    care: SkillId,
    field: SkillId,
}

fn care() -> Care {
    let mut b = TaxonomyBuilder::new();
    let bathing = b.skill("skill:bathing");
    let feeding = b.skill("skill:feeding");
    let lifting = b.skill("skill:lifting");
    let cooking = b.skill("skill:cooking");
    let care = b.skill_group("group:care");
    let field = b.skill_group("http://data.europa.eu/esco/isced-f/0799");
    for s in [bathing, feeding, lifting] {
        b.broader(s, care);
    }
    let carer = b.occupation("occ:carer", false);
    b.essential(carer, bathing);
    b.essential(carer, feeding);
    let cook = b.occupation("occ:cook", false);
    b.essential(cook, cooking);
    Care {
        taxonomy: b.build(),
        bathing,
        feeding,
        lifting,
        care,
        field,
    }
}

#[test]
fn a_neighbour_skill_earns_partial_credit_and_is_explained() {
    let c = care();
    let t = &c.taxonomy;
    let carer = t.occupation_id("occ:carer").unwrap();
    let p = position(t, 1, carer);
    let cfg = MatchConfig::default();

    let with_neighbour = score(t, &p, &candidate(1, vec![c.lifting]), &cfg);
    let with_nothing = score(t, &p, &candidate(2, vec![]), &cfg);
    assert!(with_neighbour.score > with_nothing.score);
    let credit = cfg.credits.neighbour;
    assert_eq!(with_neighbour.factors[0].value, credit);
    assert!(with_neighbour.missing_essential.is_empty());
    let explained: Vec<(SkillId, SkillId, Link)> = with_neighbour
        .partial_essential
        .iter()
        .map(|p| (p.skill, p.via, p.link))
        .collect();
    assert_eq!(
        explained,
        [
            (c.bathing, c.lifting, Link::Neighbour),
            (c.feeding, c.lifting, Link::Neighbour)
        ]
    );

    // The same credit and explanation in both directions.
    let index = CandidateIndex::from_candidates(t, [candidate(1, vec![c.lifting])]);
    let found = index.top(t, &p, 5, &cfg);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, CandidateId(1));
    assert_eq!(found[0].breakdown, with_neighbour);
    let mut positions = PositionIndex::new(cfg);
    positions.upsert(t, &p);
    let found = positions.top(&candidate(1, vec![c.lifting]), 5);
    assert_eq!(found[0].id, PositionId(1));
    assert_eq!(found[0].breakdown, with_neighbour);

    // Skills → occupations: the neighbour points to the carer and is named as similar.
    let mut ranker = OccupationRanker::new(t, OccupationWeights::default());
    let ranked = ranker.rank(&[c.lifting], 5);
    assert_eq!(ranked[0].occupation, carer);
    assert!(ranked[0].score > 0.0);
    assert_eq!(ranked[0].similar, [c.lifting]);
}

#[test]
fn a_skill_group_is_broad_evidence_in_every_direction() {
    let c = care();
    let t = &c.taxonomy;
    let carer = t.occupation_id("occ:carer").unwrap();
    let p = position(t, 1, carer);
    let cfg = MatchConfig::default();

    // A candidate who holds the group gets the broader-skill credit for each skill in it.
    let b = score(t, &p, &candidate(1, vec![c.care]), &cfg);
    assert_eq!(b.factors[0].value, cfg.credits.broader);
    assert!(
        b.partial_essential
            .iter()
            .all(|p| p.link == Link::Broader && p.via == c.care)
    );

    // A position that asks for the group is met by any skill in it.
    let mut broad = p.clone();
    broad.essential = vec![c.care];
    let b = score(t, &broad, &candidate(1, vec![c.lifting]), &cfg);
    assert_eq!(b.factors[0].value, cfg.credits.narrower);

    // Skills → occupations: the group ranks the occupation whose skills lie in it.
    let mut ranker = OccupationRanker::new(t, OccupationWeights::default());
    let ranked = ranker.rank(&[c.care], 5);
    assert_eq!(ranked.len(), 1);
    assert_eq!(ranked[0].occupation, carer);
    assert_eq!(ranked[0].similar, [c.care]);
}

#[test]
fn a_skill_group_uri_is_accepted_by_the_batch_not_refused() {
    let c = care();
    let input = "{\"id\": 1, \"skills\": [\"group:care\", \"http://data.europa.eu/esco/isced-f/0799\"]}\n\
                 {\"id\": 2, \"skills\": [\"http://data.europa.eu/esco/isced-f/0799\"]}\n";
    let mut out = Vec::new();
    let summary = batch::run(
        &c.taxonomy,
        input.as_bytes(),
        &mut out,
        &BatchOptions::default(),
    )
    .expect("skill groups are known skills");
    assert_eq!(summary.requests, 2);
    assert_eq!(summary.unknown_skills, 0);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["occupations"][0]["uri"], "occ:carer");
    // A field group without skills says nothing about occupations: an empty answer.
    assert_eq!(lines[1]["occupations"], serde_json::json!([]));
    assert!(c.taxonomy.is_group(c.field));
}

#[test]
fn neighbours_are_the_other_skills_under_the_same_broader_node() {
    let c = care();
    assert_eq!(c.taxonomy.neighbours(c.bathing), [c.feeding, c.lifting]);
    assert!(c.taxonomy.neighbours(c.care).is_empty());
    assert_eq!(c.taxonomy.skills_below(c.care), 3);
}
