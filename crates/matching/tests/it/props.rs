//! Properties of the engine on random small taxonomies and profiles.

use proptest::prelude::*;
use standort_matching::{
    Candidate, CandidateId, CandidateIndex, Cefr, GermanProgress, LicenceClass, LicenceSet,
    MatchConfig, OccupationRanker, OccupationWeights, Position, PositionId, Recognition, RegionId,
    Relation, SkillId, Taxonomy, TaxonomyBuilder, score,
};
use time::{Date, Duration};

const SKILLS: u32 = 24;
/// Skill groups follow the skills: ids `SKILLS..SKILLS + GROUPS`.
const GROUPS: u32 = 3;

#[derive(Debug, Clone)]
struct World {
    occupations: Vec<(Vec<u32>, Vec<u32>, bool)>,
    broader: Vec<(u32, u32)>,
    related: Vec<(u32, u32, bool)>,
    /// (skill, group index): the skill is directly in the group.
    groups: Vec<(u32, u32)>,
}

fn world() -> impl Strategy<Value = World> {
    let occ = (
        prop::collection::vec(0..SKILLS, 1..8),
        prop::collection::vec(0..SKILLS, 0..6),
        any::<bool>(),
    );
    (
        prop::collection::vec(occ, 1..6),
        prop::collection::vec((0..SKILLS, 0..SKILLS), 0..12),
        prop::collection::vec((0..SKILLS, 0..SKILLS, any::<bool>()), 0..12),
        prop::collection::vec((0..SKILLS, 0..GROUPS), 0..16),
    )
        .prop_map(|(occupations, broader, related, groups)| World {
            occupations,
            broader,
            related,
            groups,
        })
}

fn build(w: &World) -> Taxonomy {
    let mut b = TaxonomyBuilder::new();
    for i in 0..SKILLS {
        b.skill(&format!("s{i}"));
    }
    for g in 0..GROUPS {
        b.skill_group(&format!("g{g}"));
    }
    // The last group sits above the others, as ESCO's groups form a hierarchy.
    for g in 0..GROUPS - 1 {
        b.broader(SkillId(SKILLS + g), SkillId(SKILLS + GROUPS - 1));
    }
    for &(s, g) in &w.groups {
        b.broader(SkillId(s), SkillId(SKILLS + g));
    }
    for (i, (e, o, reg)) in w.occupations.iter().enumerate() {
        let occ = b.occupation(&format!("o{i}"), *reg);
        for &s in e {
            b.essential(occ, SkillId(s));
        }
        for &s in o {
            b.optional(occ, SkillId(s));
        }
    }
    for &(n, p) in &w.broader {
        b.broader(SkillId(n), SkillId(p));
    }
    for &(a, c, ess) in &w.related {
        let r = if ess {
            Relation::Essential
        } else {
            Relation::Optional
        };
        b.related(SkillId(a), SkillId(c), r);
    }
    b.build()
}

fn base() -> Date {
    Date::from_calendar_date(2027, time::Month::January, 1).expect("date")
}

fn licences() -> impl Strategy<Value = LicenceSet> {
    prop::collection::vec(prop::sample::select(LicenceClass::ALL.to_vec()), 0..3)
        .prop_map(|v| v.into_iter().collect())
}

fn cefr() -> impl Strategy<Value = Option<Cefr>> {
    prop::option::of(prop::sample::select(Cefr::ALL.to_vec()))
}

fn candidate_strategy(id: i64) -> impl Strategy<Value = Candidate> {
    (
        prop::collection::vec(0..SKILLS + GROUPS, 0..10),
        prop::sample::select(vec![
            Recognition::None,
            Recognition::InProgress,
            Recognition::Partial,
            Recognition::Recognised,
        ]),
        licences(),
        0i64..120,
        cefr(),
        prop::option::of(0i64..120),
        prop::collection::vec(0u32..4, 0..3),
    )
        .prop_map(
            move |(skills, recognition, licences, avail, level, next, regions)| Candidate {
                id: CandidateId(id),
                skills: skills.into_iter().map(SkillId).collect(),
                recognition,
                licences,
                available_from: base() + Duration::days(avail),
                german: GermanProgress {
                    level,
                    next_level_expected: next.map(|d| base() + Duration::days(d)),
                },
                regions: regions.into_iter().map(RegionId).collect(),
            },
        )
}

fn position_strategy() -> impl Strategy<Value = Position> {
    (
        prop::collection::vec(0..SKILLS + GROUPS, 0..8),
        prop::collection::vec(0..SKILLS + GROUPS, 0..6),
        any::<bool>(),
        any::<bool>(),
        licences(),
        0i64..120,
        cefr(),
        0u32..4,
    )
        .prop_map(
            |(e, o, regulated, partnership, licences, start, german, region)| Position {
                id: PositionId(1),
                occupation: None,
                essential: e.into_iter().map(SkillId).collect(),
                optional: o.into_iter().map(SkillId).collect(),
                regulated,
                accepts_recognition_partnership: partnership,
                licences,
                start: base() + Duration::days(start),
                german,
                region: RegionId(region),
            },
        )
}

fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
    (1usize..30).prop_flat_map(|n| {
        (0..n)
            .map(|i| candidate_strategy(i as i64 * 7 % 31))
            .collect::<Vec<_>>()
    })
}

/// Every eligible candidate sharing a relevant skill, scored one by one and sorted.
fn brute_force(
    t: &Taxonomy,
    p: &Position,
    cs: &[Candidate],
    k: usize,
    cfg: &MatchConfig,
) -> Vec<(CandidateId, f64)> {
    let mut latest = std::collections::BTreeMap::new();
    for c in cs {
        latest.insert(c.id, c.clone());
    }
    let mut v: Vec<(CandidateId, f64)> = latest
        .values()
        .filter_map(|c| {
            let b = score(t, p, c, cfg);
            let ess_credit = b.factors[0].count.map_or(0.0, |x| x.matched);
            let opt_credit = b.factors[1].count.map_or(0.0, |x| x.matched);
            let shares = ess_credit > 0.0 || opt_credit > 0.0;
            (b.eligible && shares).then_some((c.id, b.score))
        })
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(k);
    v
}

proptest! {
    #[test]
    fn score_is_bounded_and_gates_zero_it(
        w in world(), p in position_strategy(), c in candidate_strategy(1)
    ) {
        let t = build(&w);
        let b = score(&t, &p, &c, &MatchConfig::default());
        prop_assert!((0.0..=1.0).contains(&b.score));
        for f in &b.factors {
            prop_assert!((0.0..=1.0).contains(&f.value));
        }
        let weights: f64 = b.factors.iter().map(|f| f.weight).sum();
        prop_assert!((weights - 1.0).abs() < 1e-9);
        prop_assert_eq!(b.eligible, b.gates.iter().all(|g| g.passed));
        if !b.eligible {
            prop_assert_eq!(b.score, 0.0);
        }
    }

    #[test]
    fn adding_a_lacking_essential_skill_never_lowers_the_score(
        w in world(), p in position_strategy(), c in candidate_strategy(1), pick in any::<prop::sample::Index>()
    ) {
        let t = build(&w);
        let cfg = MatchConfig::default();
        let lacking: Vec<SkillId> = p.essential.iter().copied().filter(|s| !c.skills.contains(s)).collect();
        prop_assume!(!lacking.is_empty());
        let before = score(&t, &p, &c, &cfg);
        let mut more = c.clone();
        more.skills.push(lacking[pick.index(lacking.len())]);
        let after = score(&t, &p, &more, &cfg);
        prop_assert!(after.score >= before.score, "{} < {}", after.score, before.score);
        prop_assert!(after.factors[0].value >= before.factors[0].value);
        prop_assert!(after.missing_essential.len() <= before.missing_essential.len());
    }

    #[test]
    fn index_equals_brute_force_and_is_deterministic(
        w in world(), p in position_strategy(), cs in candidates(), k in 1usize..12, ineligible in any::<bool>()
    ) {
        let t = build(&w);
        let cfg = MatchConfig { include_ineligible: ineligible, ..MatchConfig::default() };
        let index = CandidateIndex::from_candidates(&t, cs.clone());
        let got = index.top(&t, &p, k, &cfg);
        let eligible: Vec<(CandidateId, f64)> = got
            .iter()
            .filter(|m| m.breakdown.eligible)
            .map(|m| (m.id, m.breakdown.score))
            .collect();
        prop_assert_eq!(&eligible, &brute_force(&t, &p, &cs, k, &cfg));
        // Ineligible ones, if any, come last.
        let first_ineligible = got.iter().position(|m| !m.breakdown.eligible).unwrap_or(got.len());
        prop_assert!(got[first_ineligible..].iter().all(|m| !m.breakdown.eligible && m.breakdown.score == 0.0));
        prop_assert!(got.len() <= k);
        // Breakdowns agree with scoring the pair alone.
        for m in &got {
            let c = index.get(m.id).expect("stored");
            prop_assert_eq!(&m.breakdown, &score(&t, &p, c, &cfg));
        }
        // Same input, same output; insertion order does not matter.
        let mut reversed = CandidateIndex::from_candidates(&t, cs.iter().rev().cloned());
        // Reversing changes which duplicate id wins, so re-insert the latest version of each.
        for c in &cs {
            reversed.upsert(c.clone());
        }
        prop_assert_eq!(&got, &reversed.top(&t, &p, k, &cfg));
        prop_assert_eq!(&got, &index.top(&t, &p, k, &cfg));
    }

    #[test]
    fn updates_equal_a_fresh_index(
        w in world(), p in position_strategy(), cs in candidates(), changes in candidates(), drop in prop::collection::vec(0i64..31, 0..8)
    ) {
        let t = build(&w);
        let cfg = MatchConfig::default();
        let mut index = CandidateIndex::from_candidates(&t, cs.clone());
        let mut latest = std::collections::BTreeMap::new();
        for c in cs.iter().chain(&changes) {
            latest.insert(c.id, c.clone());
        }
        for c in &changes {
            index.upsert(c.clone());
        }
        for id in &drop {
            let had = latest.remove(&CandidateId(*id)).is_some();
            prop_assert_eq!(index.remove(CandidateId(*id)), had);
        }
        prop_assert_eq!(index.len(), latest.len());
        let fresh = CandidateIndex::from_candidates(&t, latest.into_values());
        prop_assert_eq!(index.top(&t, &p, 20, &cfg), fresh.top(&t, &p, 20, &cfg));
    }

    #[test]
    fn adding_any_skill_never_lowers_the_score(
        w in world(), p in position_strategy(), c in candidate_strategy(1), extra in 0..SKILLS + GROUPS
    ) {
        // Credit per required skill is the best route held, so more skills (neighbours and
        // groups included) can only add credit.
        let t = build(&w);
        let cfg = MatchConfig::default();
        let before = score(&t, &p, &c, &cfg);
        let mut more = c.clone();
        more.skills.push(SkillId(extra));
        let after = score(&t, &p, &more, &cfg);
        prop_assert!(after.score >= before.score, "{} < {}", after.score, before.score);
        prop_assert!(after.factors[0].value >= before.factors[0].value);
        prop_assert!(after.factors[1].value >= before.factors[1].value);
    }

    #[test]
    fn an_occupation_never_loses_by_a_person_holding_more_of_its_essential_skills(
        w in world(), skills in prop::collection::vec(0..SKILLS + GROUPS, 1..10), pick in any::<prop::sample::Index>()
    ) {
        let t = build(&w);
        let skills: Vec<SkillId> = skills.into_iter().map(SkillId).collect();
        let mut ranker = OccupationRanker::new(&t, OccupationWeights::default());
        let all = t.occupation_count();
        for o in t.occupations() {
            let lacking: Vec<SkillId> = t.essential(o).iter().copied().filter(|s| !skills.contains(s)).collect();
            if lacking.is_empty() {
                continue;
            }
            let score_of = |ranked: &[standort_matching::OccupationMatch]| {
                ranked.iter().find(|m| m.occupation == o).map_or(0.0, |m| m.score)
            };
            let before = score_of(&ranker.rank(&skills, all));
            let mut more = skills.clone();
            more.push(lacking[pick.index(lacking.len())]);
            let after = score_of(&ranker.rank(&more, all));
            prop_assert!(after >= before, "{:?}: {} < {}", o, after, before);
        }
    }

    #[test]
    fn occupation_scores_are_bounded_and_ordered(w in world(), skills in prop::collection::vec(0..SKILLS + GROUPS, 0..10)) {
        let t = build(&w);
        let skills: Vec<SkillId> = skills.into_iter().map(SkillId).collect();
        let mut ranker = OccupationRanker::new(&t, OccupationWeights::default());
        let ranked = ranker.rank(&skills, 10);
        for pair in ranked.windows(2) {
            prop_assert!(pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score && pair[0].occupation < pair[1].occupation));
        }
        for m in &ranked {
            prop_assert!((0.0..=1.0).contains(&m.score));
            for s in &m.missing_essential {
                prop_assert!(!skills.contains(s));
            }
            for s in &m.similar {
                prop_assert!(skills.contains(s));
                prop_assert!(!t.essential(m.occupation).contains(s) && !t.optional(m.occupation).contains(s));
            }
        }
        prop_assert_eq!(&ranked, &ranker.rank(&skills, 10));
    }
}
