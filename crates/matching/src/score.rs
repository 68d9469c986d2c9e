//! Scoring one candidate against one position: gates, factors, breakdown.
//!
//! **Gates** decide eligibility: recognition (regulated occupations), driving licences,
//! availability by the start date. A candidate who fails any gate is *ineligible*: the score is
//! `0.0`, `eligible` is `false`, and the failing gates carry their reason. The factors are
//! still computed so a counsellor sees what else would fit.
//!
//! **Factors** (weighted mean, weights normalised to sum 1, so the score lies in [0, 1]):
//!
//! | factor | default weight | value |
//! |---|---|---|
//! | `essential_skills` | 0.55 | credit over the position's essential skills |
//! | `optional_skills` | 0.15 | credit over its optional skills |
//! | `german` | 0.20 | CEFR gap and timing, see [`GermanValues`] |
//! | `place` | 0.10 | region preference, see [`PlaceValues`] |
//!
//! Credit for one required skill is the best of: held exactly (1.0); a narrower skill held
//! (0.75, a specialisation shows the broader ability); a broader skill held (0.5); a skill
//! linked by an ESCO skill–skill relation held (0.5 essential relation, 0.25 optional); a
//! neighbour held (0.25: another skill directly under one of its broader skills or skill
//! groups). Only direct links count (one step in the hierarchy). Skill groups take part like
//! skills: a candidate's group is a broader skill of the skills in it, a position's group is
//! met by the skills and groups directly in it.

use serde::{Deserialize, Serialize};

use crate::MatchError;
use crate::cefr::GermanOutcome;
use crate::licence::LicenceClass;
use crate::profile::{Candidate, Position, Recognition};
use crate::taxonomy::{Relation, SkillId, Taxonomy};

/// Relative weights of the candidate–position factors. Normalised by their sum when used.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub essential: f64,
    pub optional: f64,
    pub german: f64,
    pub place: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            essential: 0.55,
            optional: 0.15,
            german: 0.20,
            place: 0.10,
        }
    }
}

/// Partial credit for a required skill reached through the taxonomy.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    pub narrower: f64,
    pub broader: f64,
    pub related_essential: f64,
    pub related_optional: f64,
    /// A neighbour: another skill directly under one of the required skill's broader nodes
    /// (broader skill or skill group), as counsellors often record a neighbouring skill.
    #[serde(default = "default_neighbour_credit")]
    pub neighbour: f64,
    /// Neighbours count only under a broader node with at most this many skills: a sibling
    /// in a group of hundreds says little (the skills → occupations score weighs it by
    /// 1/size), and walking hundreds of siblings per required skill would slow the index.
    #[serde(default = "default_neighbour_within")]
    pub neighbour_within: u32,
}

fn default_neighbour_credit() -> f64 {
    Credits::default().neighbour
}

fn default_neighbour_within() -> u32 {
    Credits::default().neighbour_within
}

impl Default for Credits {
    fn default() -> Self {
        Self {
            narrower: 0.75,
            broader: 0.5,
            related_essential: 0.5,
            related_optional: 0.25,
            neighbour: 0.25,
            neighbour_within: 50,
        }
    }
}

/// Value of the German factor per outcome.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GermanValues {
    /// One level short, next level expected by the start date: likely but not certain.
    pub reached_by_start: f64,
    /// One level short, next level expected after the start date.
    pub next_level_after_start: f64,
    /// One level short, no expected date.
    pub gap_1: f64,
    /// Two levels short.
    pub gap_2: f64,
    // Three or more levels short: 0.
}

impl Default for GermanValues {
    fn default() -> Self {
        Self {
            reached_by_start: 0.85,
            next_level_after_start: 0.5,
            gap_1: 0.4,
            gap_2: 0.15,
        }
    }
}

/// Value of the place factor.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceValues {
    /// The position's region is the candidate's first choice: 1.0.
    /// Another of the candidate's preferred regions:
    pub preferred: f64,
    /// The candidate named no preference:
    pub no_preference: f64,
    // Not among the preferred regions: 0.
}

impl Default for PlaceValues {
    fn default() -> Self {
        Self {
            preferred: 0.8,
            no_preference: 0.7,
        }
    }
}

/// Everything that tunes candidate–position matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchConfig {
    pub weights: Weights,
    pub credits: Credits,
    pub german: GermanValues,
    pub place: PlaceValues,
    /// Also return ineligible matches (score 0, after all eligible ones).
    pub include_ineligible: bool,
}

impl MatchConfig {
    /// Checks that every weight and value lies in [0, 1] (weights: ≥ 0, sum > 0).
    pub fn validate(&self) -> Result<(), MatchError> {
        let w = &self.weights;
        let weights = [w.essential, w.optional, w.german, w.place];
        if weights.iter().any(|x| !(x.is_finite() && *x >= 0.0))
            || weights.iter().sum::<f64>() <= 0.0
        {
            return Err(MatchError::Config(
                "weights must be finite, non-negative and not all zero".into(),
            ));
        }
        let c = &self.credits;
        let g = &self.german;
        let p = &self.place;
        let values = [
            c.narrower,
            c.broader,
            c.related_essential,
            c.related_optional,
            c.neighbour,
            g.reached_by_start,
            g.next_level_after_start,
            g.gap_1,
            g.gap_2,
            p.preferred,
            p.no_preference,
        ];
        if values.iter().any(|x| !(0.0..=1.0).contains(x)) {
            return Err(MatchError::Config(
                "credits and values must lie in [0, 1]".into(),
            ));
        }
        Ok(())
    }
}

/// A hard requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateKind {
    Recognition,
    Licences,
    Availability,
}

/// A scored factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    EssentialSkills,
    OptionalSkills,
    German,
    Place,
    /// Skills → occupations only: share of the person's skills the occupation lists.
    ExplainedSkills,
}

/// Machine-readable reason; the UI translates the `code` (and uses the fields).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    // coverage factors
    AllCovered,
    PartlyCovered,
    NoneCovered,
    NoneRequired,
    // German
    GermanNotRequired,
    GermanMeets,
    GermanReachedByStart,
    GermanNextLevelAfterStart,
    GermanGap { levels: u8 },
    // place
    PlaceFirstChoice,
    PlacePreferred,
    PlaceNoPreference,
    PlaceNotPreferred,
    // gates
    NotRegulated,
    Recognised,
    RecognitionPartnership,
    RecognitionMissing,
    NoLicenceRequired,
    LicencesHeld,
    LicencesMissing { missing: Vec<LicenceClass> },
    AvailableByStart,
    AvailableAfterStart { days_late: i64 },
}

impl Reason {
    /// Coverage reason for a share in [0, 1].
    pub fn from_share(share: f64) -> Reason {
        if share >= 1.0 {
            Reason::AllCovered
        } else if share > 0.0 {
            Reason::PartlyCovered
        } else {
            Reason::NoneCovered
        }
    }
}

/// How many required skills were matched (sum of credits) out of how many.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub matched: f64,
    pub of: u32,
}

/// One line of a breakdown: `value` in [0, 1] times `weight` adds to the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub kind: FactorKind,
    pub value: f64,
    /// Candidate ↔ position: normalised weight (the weights of one breakdown sum to 1, and
    /// the score is Σ value · weight). Skills → occupations: the factor's coefficient in the
    /// ratio of [`crate::OccupationRanker`] (cost per missing skill; 1 for explained skills).
    pub weight: f64,
    pub reason: Reason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
}

impl Factor {
    pub fn new(kind: FactorKind, value: f64, weight: f64, reason: Reason) -> Factor {
        Factor {
            kind,
            value,
            weight,
            reason,
            count: None,
        }
    }
}

/// Result of one hard requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    pub kind: GateKind,
    pub passed: bool,
    pub reason: Reason,
}

/// How a required skill got partial credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    Exact,
    /// The candidate holds a narrower (more specific) skill.
    Narrower,
    /// The candidate holds a broader skill.
    Broader,
    /// The candidate holds a skill related by an ESCO skill–skill relation.
    RelatedEssential,
    RelatedOptional,
    /// The candidate holds a neighbour: a skill under the same broader skill or skill group.
    Neighbour,
}

/// A required essential skill matched only partly.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialCredit {
    pub skill: SkillId,
    /// The candidate's skill that earned the credit.
    pub via: SkillId,
    pub link: Link,
    pub credit: f64,
}

/// The full, readable result of matching one candidate with one position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// In [0, 1]; 0 when not eligible.
    pub score: f64,
    pub eligible: bool,
    pub gates: Vec<Gate>,
    pub factors: Vec<Factor>,
    /// Essential skills with no credit at all, sorted by id.
    pub missing_essential: Vec<SkillId>,
    /// Essential skills with partial credit only, sorted by skill id.
    pub partial_essential: Vec<PartialCredit>,
}

/// A route by which a candidate skill earns credit for a required skill.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Route {
    pub skill: SkillId,
    pub credit: f64,
    pub link: Link,
}

/// Routes for one required skill, best credit first (ties by skill id), the exact skill first.
pub(crate) fn routes(taxonomy: &Taxonomy, skill: SkillId, credits: &Credits) -> Vec<Route> {
    let mut out = vec![Route {
        skill,
        credit: 1.0,
        link: Link::Exact,
    }];
    let mut push = |s: SkillId, credit: f64, link: Link| {
        if credit > 0.0 && s != skill {
            out.push(Route {
                skill: s,
                credit,
                link,
            });
        }
    };
    for &n in taxonomy.narrower(skill) {
        push(n, credits.narrower, Link::Narrower);
    }
    for &b in taxonomy.broader(skill) {
        push(b, credits.broader, Link::Broader);
    }
    for &(r, rel) in taxonomy.related(skill) {
        match rel {
            Relation::Essential => push(r, credits.related_essential, Link::RelatedEssential),
            Relation::Optional => push(r, credits.related_optional, Link::RelatedOptional),
        }
    }
    if !taxonomy.is_group(skill) {
        for n in taxonomy.neighbours_within(skill, credits.neighbour_within) {
            push(n, credits.neighbour, Link::Neighbour);
        }
    }
    out[1..].sort_by(|a, b| {
        b.credit
            .total_cmp(&a.credit)
            .then(a.skill.cmp(&b.skill))
            .then(a.link.cmp(&b.link))
    });
    // Keep the best route per skill.
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| seen.insert(r.skill));
    out
}

/// A position with its requirement routes worked out once.
#[derive(Clone, Debug)]
pub(crate) struct PreparedPosition {
    pub position: Position,
    pub essential: Vec<(SkillId, Vec<Route>)>,
    pub optional: Vec<(SkillId, Vec<Route>)>,
    /// Every route as (candidate skill, requirement index, credit), sorted by skill.
    /// Requirement indices: essential `0..e`, then optional `e..e + o`.
    by_skill: Vec<(SkillId, u32, f64)>,
}

impl PreparedPosition {
    pub fn new(taxonomy: &Taxonomy, position: &Position, credits: &Credits) -> PreparedPosition {
        let mut position = position.clone();
        position.essential.sort_unstable();
        position.essential.dedup();
        position.optional.sort_unstable();
        position.optional.dedup();
        let ess = position.essential.clone();
        position.optional.retain(|s| ess.binary_search(s).is_err());
        let prep = |skills: &[SkillId]| {
            skills
                .iter()
                .map(|&s| (s, routes(taxonomy, s, credits)))
                .collect()
        };
        let essential: Vec<(SkillId, Vec<Route>)> = prep(&position.essential);
        let optional: Vec<(SkillId, Vec<Route>)> = prep(&position.optional);
        let mut by_skill: Vec<(SkillId, u32, f64)> = essential
            .iter()
            .chain(&optional)
            .enumerate()
            .flat_map(|(i, (_, routes))| routes.iter().map(move |r| (r.skill, i as u32, r.credit)))
            .collect();
        by_skill.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        PreparedPosition {
            essential,
            optional,
            by_skill,
            position,
        }
    }

    /// (essential credit, optional credit) of a candidate holding the sorted skills `held`:
    /// per requirement the best credit held, summed in requirement order. Equal to walking
    /// the routes of each requirement, but costs one lookup per held skill.
    pub fn credits(&self, held: &[SkillId], best: &mut Vec<f64>) -> (f64, f64) {
        best.clear();
        best.resize(self.essential.len() + self.optional.len(), 0.0);
        let table = &self.by_skill;
        let mut from = 0;
        for &s in held {
            from += table[from..].partition_point(|e| e.0 < s);
            for &(skill, req, credit) in &table[from..] {
                if skill != s {
                    break;
                }
                let b = &mut best[req as usize];
                if credit > *b {
                    *b = credit;
                }
            }
        }
        let (e, o) = best.split_at(self.essential.len());
        let sum = |v: &[f64]| v.iter().filter(|&&c| c > 0.0).fold(0.0, |acc, c| acc + c);
        (sum(e), sum(o))
    }
}

/// Sorted, deduplicated copy of a candidate's skills.
pub(crate) fn normalise(candidate: &Candidate) -> Candidate {
    let mut c = candidate.clone();
    c.skills.sort_unstable();
    c.skills.dedup();
    c
}

/// Scores `candidate` against `position`.
pub fn score(
    taxonomy: &Taxonomy,
    position: &Position,
    candidate: &Candidate,
    config: &MatchConfig,
) -> Breakdown {
    let prepared = PreparedPosition::new(taxonomy, position, &config.credits);
    score_prepared(&prepared, &normalise(candidate), config)
}

/// Best route held by the candidate, if any. `held` is sorted.
fn best_route<'r>(routes: &'r [Route], held: &[SkillId]) -> Option<&'r Route> {
    routes.iter().find(|r| held.binary_search(&r.skill).is_ok())
}

/// Scores a normalised candidate (sorted skills) against a prepared position.
pub(crate) fn score_prepared(
    prepared: &PreparedPosition,
    candidate: &Candidate,
    config: &MatchConfig,
) -> Breakdown {
    let position = &prepared.position;
    let held = &candidate.skills;

    let gates = vec![
        recognition_gate(position, candidate),
        licence_gate(position, candidate),
        availability_gate(position, candidate),
    ];
    let eligible = gates.iter().all(|g| g.passed);

    let mut missing_essential = Vec::new();
    let mut partial_essential = Vec::new();
    let mut ess_credit = 0.0;
    for (skill, routes) in &prepared.essential {
        match best_route(routes, held) {
            Some(r) if r.link == Link::Exact => ess_credit += 1.0,
            Some(r) => {
                ess_credit += r.credit;
                partial_essential.push(PartialCredit {
                    skill: *skill,
                    via: r.skill,
                    link: r.link,
                    credit: r.credit,
                });
            }
            None => missing_essential.push(*skill),
        }
    }
    let opt_credit = optional_credit(prepared, held);

    let nw = normalised_weights(&config.weights);
    let factors = vec![
        coverage_factor(
            FactorKind::EssentialSkills,
            ess_credit,
            prepared.essential.len(),
            nw[0],
        ),
        coverage_factor(
            FactorKind::OptionalSkills,
            opt_credit,
            prepared.optional.len(),
            nw[1],
        ),
        german_factor(position, candidate, &config.german, nw[2]),
        place_factor(position, candidate, &config.place, nw[3]),
    ];
    let score = if eligible {
        weighted_sum(
            [
                factors[0].value,
                factors[1].value,
                factors[2].value,
                factors[3].value,
            ],
            nw,
        )
    } else {
        0.0
    };
    Breakdown {
        score,
        eligible,
        gates,
        factors,
        missing_essential,
        partial_essential,
    }
}

fn optional_credit(prepared: &PreparedPosition, held: &[SkillId]) -> f64 {
    prepared
        .optional
        .iter()
        .filter_map(|(_, routes)| best_route(routes, held))
        .fold(0.0, |acc, r| acc + r.credit)
}

/// Weights scaled to sum 1, in factor order (essential, optional, German, place).
/// A configuration that [`MatchConfig::validate`] rejects falls back to the default weights,
/// so a score is never NaN.
pub(crate) fn normalised_weights(w: &Weights) -> [f64; 4] {
    let raw = [w.essential, w.optional, w.german, w.place];
    let total: f64 = raw.iter().sum();
    if raw.iter().all(|x| x.is_finite() && *x >= 0.0) && total > 0.0 {
        raw.map(|x| x / total)
    } else {
        normalised_weights(&Weights::default())
    }
}

fn coverage_value(credit: f64, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        (credit / of as f64).clamp(0.0, 1.0)
    }
}

fn weighted_sum(values: [f64; 4], weights: [f64; 4]) -> f64 {
    values
        .iter()
        .zip(weights)
        .fold(0.0, |acc, (v, w)| acc + v * w)
        .clamp(0.0, 1.0)
}

/// The score of an eligible candidate, bit-identical to [`score_prepared`]'s, without
/// building the breakdown. Gates are not checked.
pub(crate) fn score_eligible(
    prepared: &PreparedPosition,
    candidate: &Candidate,
    config: &MatchConfig,
    nw: [f64; 4],
    scratch: &mut Vec<f64>,
) -> f64 {
    let (ess_credit, opt_credit) = prepared.credits(&candidate.skills, scratch);
    let position = &prepared.position;
    weighted_sum(
        [
            coverage_value(ess_credit, prepared.essential.len()),
            coverage_value(opt_credit, prepared.optional.len()),
            german_value(position, candidate, &config.german).0,
            place_value(position, candidate, &config.place).0,
        ],
        nw,
    )
}

fn coverage_factor(kind: FactorKind, credit: f64, of: usize, weight: f64) -> Factor {
    coverage(kind, coverage_value(credit, of), credit, of, weight)
}

/// A coverage factor: `value` is the (possibly weighted) share covered, `matched` of `of`
/// the plain count; nothing to cover reads as `none_required` with value 1.
pub(crate) fn coverage(
    kind: FactorKind,
    value: f64,
    matched: f64,
    of: usize,
    weight: f64,
) -> Factor {
    let (value, reason) = if of == 0 {
        (1.0, Reason::NoneRequired)
    } else {
        (value, Reason::from_share(value))
    };
    Factor {
        kind,
        value,
        weight,
        reason,
        count: Some(Count {
            matched,
            of: of as u32,
        }),
    }
}

pub(crate) fn recognition_gate(position: &Position, candidate: &Candidate) -> Gate {
    let (passed, reason) = if !position.regulated {
        (true, Reason::NotRegulated)
    } else if candidate.recognition == Recognition::Recognised {
        (true, Reason::Recognised)
    } else if position.accepts_recognition_partnership {
        (true, Reason::RecognitionPartnership)
    } else {
        (false, Reason::RecognitionMissing)
    };
    Gate {
        kind: GateKind::Recognition,
        passed,
        reason,
    }
}

pub(crate) fn licence_gate(position: &Position, candidate: &Candidate) -> Gate {
    let (passed, reason) = if position.licences.is_empty() {
        (true, Reason::NoLicenceRequired)
    } else {
        let missing = candidate.licences.missing(position.licences);
        if missing.is_empty() {
            (true, Reason::LicencesHeld)
        } else {
            (
                false,
                Reason::LicencesMissing {
                    missing: missing.iter().collect(),
                },
            )
        }
    };
    Gate {
        kind: GateKind::Licences,
        passed,
        reason,
    }
}

pub(crate) fn availability_gate(position: &Position, candidate: &Candidate) -> Gate {
    let (passed, reason) = if candidate.available_from <= position.start {
        (true, Reason::AvailableByStart)
    } else {
        (
            false,
            Reason::AvailableAfterStart {
                days_late: (candidate.available_from - position.start).whole_days(),
            },
        )
    };
    Gate {
        kind: GateKind::Availability,
        passed,
        reason,
    }
}

pub(crate) fn german_value(
    position: &Position,
    candidate: &Candidate,
    values: &GermanValues,
) -> (f64, Reason) {
    match candidate.german.outcome(position.german, position.start) {
        GermanOutcome::NotRequired => (1.0, Reason::GermanNotRequired),
        GermanOutcome::Meets => (1.0, Reason::GermanMeets),
        GermanOutcome::ReachedByStart => (values.reached_by_start, Reason::GermanReachedByStart),
        GermanOutcome::NextLevelAfterStart => (
            values.next_level_after_start,
            Reason::GermanNextLevelAfterStart,
        ),
        GermanOutcome::Gap { gap } => {
            let v = match gap {
                1 => values.gap_1,
                2 => values.gap_2,
                _ => 0.0,
            };
            (v, Reason::GermanGap { levels: gap })
        }
    }
}

fn german_factor(
    position: &Position,
    candidate: &Candidate,
    values: &GermanValues,
    weight: f64,
) -> Factor {
    let (v, reason) = german_value(position, candidate, values);
    Factor::new(FactorKind::German, v, weight, reason)
}

pub(crate) fn place_value(
    position: &Position,
    candidate: &Candidate,
    values: &PlaceValues,
) -> (f64, Reason) {
    match candidate.regions.iter().position(|&r| r == position.region) {
        Some(0) => (1.0, Reason::PlaceFirstChoice),
        Some(_) => (values.preferred, Reason::PlacePreferred),
        None if candidate.regions.is_empty() => (values.no_preference, Reason::PlaceNoPreference),
        None => (0.0, Reason::PlaceNotPreferred),
    }
}

fn place_factor(
    position: &Position,
    candidate: &Candidate,
    values: &PlaceValues,
    weight: f64,
) -> Factor {
    let (v, reason) = place_value(position, candidate, values);
    Factor::new(FactorKind::Place, v, weight, reason)
}
