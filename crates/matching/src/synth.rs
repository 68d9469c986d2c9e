//! Synthetic people, candidates and positions drawn from a taxonomy, for measuring quality and
//! speed. Deterministic for a given seed (ChaCha8).

use rand::Rng;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

use crate::cefr::{Cefr, GermanProgress};
use crate::licence::{LicenceClass, LicenceSet};
use crate::profile::{Candidate, CandidateId, Position, PositionId, Recognition, RegionId};
use crate::taxonomy::{OccupationId, SkillId, Taxonomy};

/// A synthetic person with the occupation their skills were drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub occupation: OccupationId,
    pub skills: Vec<SkillId>,
}

/// Draws `k` of `from` without replacement, `k` = `round(share · len)`.
fn draw(rng: &mut ChaCha8Rng, from: &[SkillId], share: f64, out: &mut Vec<SkillId>) {
    let k = ((share * from.len() as f64).round() as usize).min(from.len());
    out.extend(from.choose_multiple(rng, k).copied());
}

/// Occupations with at least `min_essential` essential skills, in id order.
pub fn occupations_with(taxonomy: &Taxonomy, min_essential: usize) -> Vec<OccupationId> {
    taxonomy
        .occupations()
        .filter(|&o| taxonomy.essential(o).len() >= min_essential)
        .collect()
}

/// Skills (not groups), in id order.
pub fn plain_skills(taxonomy: &Taxonomy) -> Vec<SkillId> {
    taxonomy
        .skills()
        .filter(|&s| !taxonomy.is_group(s))
        .collect()
}

/// How a synthetic person's skills are recorded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    /// Share of the occupation's essential skills recorded: uniform in this range.
    pub essential: (f64, f64),
    /// Share of its optional skills recorded: uniform in this range.
    pub optional: (f64, f64),
    /// Chance that a recorded skill is replaced by a hierarchy neighbour (another skill
    /// directly under one of its broader nodes, see [`Taxonomy::neighbours`]).
    pub neighbour: f64,
    /// Random skills of the whole taxonomy added: uniform count from 0 to this.
    pub random_max: usize,
}

impl Protocol {
    /// The protocol the engine was first fitted on: 60–90 % of the essential skills, 0–50 %
    /// of the optional ones, 0–5 random skills, no neighbours.
    pub const PUBLISHED: Protocol = Protocol {
        essential: (0.6, 0.9),
        optional: (0.0, 0.5),
        neighbour: 0.0,
        random_max: 5,
    };

    /// Captures as counsellors make them (issue 16): 40–70 % of the essential skills, 0–30 %
    /// of the optional ones, about half of the recorded skills replaced by a hierarchy
    /// neighbour, 0–5 random skills.
    pub const NEIGHBOUR: Protocol = Protocol {
        essential: (0.4, 0.7),
        optional: (0.0, 0.3),
        neighbour: 0.5,
        random_max: 5,
    };
}

/// The quality population of [`Protocol::PUBLISHED`]; see [`population_with`].
pub fn population(taxonomy: &Taxonomy, n: usize, seed: u64) -> Vec<Person> {
    population_with(taxonomy, n, seed, &Protocol::PUBLISHED)
}

/// A quality population: each person's true occupation is drawn uniformly from occupations
/// with ≥ 3 essential skills; the person's skills are recorded as `protocol` says.
pub fn population_with(
    taxonomy: &Taxonomy,
    n: usize,
    seed: u64,
    protocol: &Protocol,
) -> Vec<Person> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let occupations = occupations_with(taxonomy, 3);
    let all = plain_skills(taxonomy);
    if occupations.is_empty() || all.is_empty() {
        return Vec::new();
    }
    (0..n)
        .map(|_| {
            let occupation = *occupations.choose(&mut rng).expect("not empty");
            let mut skills = Vec::new();
            let e = rng.gen_range(protocol.essential.0..=protocol.essential.1);
            draw(&mut rng, taxonomy.essential(occupation), e, &mut skills);
            let o = rng.gen_range(protocol.optional.0..=protocol.optional.1);
            draw(&mut rng, taxonomy.optional(occupation), o, &mut skills);
            // No draw at all without neighbours, so the published population stays the same.
            if protocol.neighbour > 0.0 {
                for s in &mut skills {
                    if rng.gen_bool(protocol.neighbour)
                        && let Some(&other) = taxonomy.neighbours(*s).choose(&mut rng)
                    {
                        *s = other;
                    }
                }
            }
            for _ in 0..rng.gen_range(0..=protocol.random_max) {
                skills.push(*all.choose(&mut rng).expect("not empty"));
            }
            skills.sort_unstable();
            skills.dedup();
            Person { occupation, skills }
        })
        .collect()
}

/// Number of regions the synthetic profiles spread over.
pub const REGIONS: u32 = 400;

fn date(y: i32, m: Month, d: u8) -> Date {
    Date::from_calendar_date(y, m, d).expect("valid date")
}

fn random_licences(rng: &mut ChaCha8Rng) -> LicenceSet {
    let mut set = LicenceSet::EMPTY;
    if rng.gen_bool(0.5) {
        set.insert(LicenceClass::B);
    }
    if rng.gen_bool(0.08) {
        set.insert(LicenceClass::CE);
    }
    if rng.gen_bool(0.05) {
        set.insert(LicenceClass::D);
    }
    set
}

/// Synthetic candidates for speed measurements: skills like [`population`] (occupations with
/// ≥ 1 essential skill), random recognition, licences, availability in 2027, German level with
/// an expected date for the next level, 0–3 preferred regions of [`REGIONS`].
pub fn candidates(taxonomy: &Taxonomy, n: usize, seed: u64) -> Vec<Candidate> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let occupations = occupations_with(taxonomy, 1);
    let all = plain_skills(taxonomy);
    let base = date(2027, Month::January, 1);
    (0..n)
        .map(|i| {
            let mut skills = Vec::new();
            if let Some(&occ) = occupations.choose(&mut rng) {
                let e = rng.gen_range(0.6..=0.9);
                draw(&mut rng, taxonomy.essential(occ), e, &mut skills);
                let o = rng.gen_range(0.0..=0.5);
                draw(&mut rng, taxonomy.optional(occ), o, &mut skills);
            }
            for _ in 0..rng.gen_range(0..=5) {
                if let Some(&s) = all.choose(&mut rng) {
                    skills.push(s);
                }
            }
            let recognition = match rng.gen_range(0..4) {
                0 => Recognition::None,
                1 => Recognition::InProgress,
                2 => Recognition::Partial,
                _ => Recognition::Recognised,
            };
            let level = match rng.gen_range(0..7) {
                0 => None,
                r => Some(Cefr::ALL[r - 1]),
            };
            let german = GermanProgress {
                level,
                next_level_expected: rng
                    .gen_bool(0.6)
                    .then(|| base + Duration::days(rng.gen_range(0..540))),
            };
            let regions = (0..rng.gen_range(0..=3))
                .map(|_| RegionId(rng.gen_range(0..REGIONS)))
                .collect();
            Candidate {
                id: CandidateId(i as i64),
                skills,
                recognition,
                licences: random_licences(&mut rng),
                available_from: base + Duration::days(rng.gen_range(0..365)),
                german,
                regions,
            }
        })
        .collect()
}

/// Synthetic positions: a random occupation (≥ 1 essential skill) with its ESCO skills, a
/// start in 2027, sometimes a German level and a licence, half accepting a recognition
/// partnership.
pub fn positions(taxonomy: &Taxonomy, n: usize, seed: u64) -> Vec<Position> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let occupations = occupations_with(taxonomy, 1);
    let base = date(2027, Month::January, 1);
    (0..n)
        .filter_map(|i| {
            let occ = *occupations.choose(&mut rng)?;
            let start = base + Duration::days(rng.gen_range(30..540));
            let mut p = Position::for_occupation(
                taxonomy,
                PositionId(i as i64),
                occ,
                start,
                RegionId(rng.gen_range(0..REGIONS)),
            );
            p.accepts_recognition_partnership = rng.gen_bool(0.5);
            p.german = match rng.gen_range(0..4) {
                0 => None,
                1 => Some(Cefr::A2),
                2 => Some(Cefr::B1),
                _ => Some(Cefr::B2),
            };
            if rng.gen_bool(0.1) {
                p.licences = [LicenceClass::B].into_iter().collect();
            }
            Some(p)
        })
        .collect()
}
