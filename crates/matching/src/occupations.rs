//! Direction three: a set of skills → ranked ESCO occupations.
//!
//! Every occupation that lists at least one of the person's skills is scored as the share of
//! evidence *for* it among all evidence:
//!
//! ```text
//!                      mₑ + a·mₒ
//! score = ─────────────────────────────────────
//!          h + βₑ·(Tₑ − mₑ) + βₒ·(Tₒ − mₒ)
//! ```
//!
//! * `mₑ`, `mₒ` — the person's skills that the occupation lists as essential / optional;
//!   an optional match counts `a` = 0.9 of an essential one;
//! * `h` — all the person's skills, so skills the occupation does not list at all count
//!   against it (this also normalises for occupation size: an occupation listing hundreds of
//!   skills does not win by listing everything);
//! * `Tₑ − mₑ`, `Tₒ − mₒ` — the occupation's essential / optional skills the person lacks,
//!   each costing `βₑ` = 0.1 / `βₒ` = 0.02 of a skill.
//!
//! The score is in [0, 1] (numerator ≤ `h` ≤ denominator) and is 1 only when every skill of
//! the person is essential to the occupation and nothing is missing. Each skill counts 1, or
//! its IDF weight if [`OccupationWeights::idf`] is set. The form is the ratio version of a
//! log-likelihood ratio of the person's skills under "works in this occupation": listed
//! skills are far likelier than unlisted ones, missing essentials are mildly unlikely.
//! Defaults were chosen on the synthetic population of [`crate::synth::population`]
//! (seed 1) and checked on another seed; see README.md.

use serde::{Deserialize, Serialize};

use crate::MatchError;
use crate::score::{Count, Factor, FactorKind, Reason, coverage};
use crate::taxonomy::{OccupationId, Relation, SkillId, Taxonomy};

/// Coefficients of the skills → occupations score. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationWeights {
    /// `a`: worth of an optional match relative to an essential one.
    pub optional_match: f64,
    /// `βₑ`: cost of one missing essential skill.
    pub missing_essential: f64,
    /// `βₒ`: cost of one missing optional skill.
    pub missing_optional: f64,
    /// Weigh each skill by its IDF instead of 1 (rare skills say more). Off by default: on
    /// the synthetic population it measured no better (see README.md).
    pub idf: bool,
}

impl Default for OccupationWeights {
    fn default() -> Self {
        Self {
            optional_match: 0.9,
            missing_essential: 0.1,
            missing_optional: 0.02,
            idf: false,
        }
    }
}

impl OccupationWeights {
    /// Checks that `a` lies in [0, 1] and the costs are finite and non-negative.
    pub fn validate(&self) -> Result<(), MatchError> {
        let ok = (0.0..=1.0).contains(&self.optional_match)
            && [self.missing_essential, self.missing_optional]
                .iter()
                .all(|x| x.is_finite() && *x >= 0.0);
        if ok {
            Ok(())
        } else {
            Err(MatchError::Config(
                "optional_match must lie in [0, 1], costs must be non-negative".into(),
            ))
        }
    }
}

/// One ranked occupation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationMatch {
    pub occupation: OccupationId,
    /// In [0, 1].
    pub score: f64,
    pub factors: Vec<Factor>,
    /// Essential skills of the occupation the person does not hold, sorted by id.
    pub missing_essential: Vec<SkillId>,
}

/// Ranks occupations against a person's skills with reusable scratch buffers.
///
/// Cheap to create; keep one per thread to avoid re-allocating the accumulators.
#[derive(Debug)]
pub struct OccupationRanker<'t> {
    taxonomy: &'t Taxonomy,
    weights: OccupationWeights,
    ess: Vec<f64>,
    opt: Vec<f64>,
    ess_total: Vec<f64>,
    opt_total: Vec<f64>,
    touched: Vec<OccupationId>,
}

impl<'t> OccupationRanker<'t> {
    pub fn new(taxonomy: &'t Taxonomy, weights: OccupationWeights) -> Self {
        let w = |s: &SkillId| {
            if weights.idf { taxonomy.idf(*s) } else { 1.0 }
        };
        let ess_total = taxonomy
            .occupations()
            .map(|o| taxonomy.essential(o).iter().map(w).sum())
            .collect();
        let opt_total = taxonomy
            .occupations()
            .map(|o| taxonomy.optional(o).iter().map(w).sum())
            .collect();
        let n = taxonomy.occupation_count();
        Self {
            taxonomy,
            weights,
            ess: vec![0.0; n],
            opt: vec![0.0; n],
            ess_total,
            opt_total,
            touched: Vec::new(),
        }
    }

    fn weight(&self, s: SkillId) -> f64 {
        if self.weights.idf {
            self.taxonomy.idf(s)
        } else {
            1.0
        }
    }

    /// The `top_k` best occupations for `skills`, best first; equal scores by occupation id.
    /// Duplicate skills are ignored. Occupations sharing no skill are never returned.
    pub fn rank(&mut self, skills: &[SkillId], top_k: usize) -> Vec<OccupationMatch> {
        let mut held: Vec<SkillId> = skills.to_vec();
        held.sort_unstable();
        held.dedup();
        let held_total: f64 = held.iter().map(|&s| self.weight(s)).sum();

        for &s in &held {
            let w = self.weight(s);
            for &(o, rel) in self.taxonomy.occupations_of(s) {
                if self.ess[o.ix()] == 0.0 && self.opt[o.ix()] == 0.0 {
                    self.touched.push(o);
                }
                match rel {
                    Relation::Essential => self.ess[o.ix()] += w,
                    Relation::Optional => self.opt[o.ix()] += w,
                }
            }
        }

        let mut scored: Vec<(f64, OccupationId)> = self
            .touched
            .iter()
            .map(|&o| (self.combine(o, held_total), o))
            .collect();
        let k = top_k.min(scored.len());
        let order = |a: &(f64, OccupationId), b: &(f64, OccupationId)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        };
        if k < scored.len() && k > 0 {
            scored.select_nth_unstable_by(k - 1, order);
        }
        scored.truncate(k);
        scored.sort_unstable_by(order);

        let out = scored
            .into_iter()
            .map(|(score, o)| OccupationMatch {
                occupation: o,
                score,
                factors: self.factors(o, &held, held_total),
                missing_essential: self
                    .taxonomy
                    .essential(o)
                    .iter()
                    .copied()
                    .filter(|s| held.binary_search(s).is_err())
                    .collect(),
            })
            .collect();

        for &o in &self.touched {
            self.ess[o.ix()] = 0.0;
            self.opt[o.ix()] = 0.0;
        }
        self.touched.clear();
        out
    }

    /// The score of occupation `o` given the accumulators and the person's total weight.
    fn combine(&self, o: OccupationId, held_total: f64) -> f64 {
        let i = o.ix();
        let w = &self.weights;
        let (me, mo) = (self.ess[i], self.opt[i]);
        let num = me + w.optional_match * mo;
        let den = held_total
            + w.missing_essential * (self.ess_total[i] - me).max(0.0)
            + w.missing_optional * (self.opt_total[i] - mo).max(0.0);
        if den > 0.0 {
            (num / den).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    fn factors(&self, o: OccupationId, held: &[SkillId], held_total: f64) -> Vec<Factor> {
        let i = o.ix();
        let w = &self.weights;
        let tax = self.taxonomy;
        let count = |skills: &[SkillId]| {
            skills
                .iter()
                .filter(|s| held.binary_search(s).is_ok())
                .count() as f64
        };
        let coverage = |kind, part: f64, total: f64, n: &[SkillId], weight| {
            let value = if total > 0.0 {
                (part / total).clamp(0.0, 1.0)
            } else {
                1.0
            };
            coverage(kind, value, count(n), n.len(), weight)
        };
        let explained = if held_total > 0.0 {
            ((self.ess[i] + self.opt[i]) / held_total).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let listed = count(tax.essential(o)) + count(tax.optional(o));
        vec![
            coverage(
                FactorKind::EssentialSkills,
                self.ess[i],
                self.ess_total[i],
                tax.essential(o),
                w.missing_essential,
            ),
            coverage(
                FactorKind::OptionalSkills,
                self.opt[i],
                self.opt_total[i],
                tax.optional(o),
                w.missing_optional,
            ),
            Factor {
                kind: FactorKind::ExplainedSkills,
                value: explained,
                weight: 1.0,
                reason: Reason::from_share(explained),
                count: Some(Count {
                    matched: listed,
                    of: held.len() as u32,
                }),
            },
        ]
    }
}
