//! Direction three: a set of skills → ranked ESCO occupations.
//!
//! Every occupation that the person's skills say anything about is scored by a naive-Bayes
//! log-likelihood ratio of "works in this occupation" against "skills drawn at random":
//!
//! ```text
//! LL(o) = Σₓ ln(1 + λ(x, o) / ε)  −  cₑ·(Tₑ − mₑ − d·nₑ)  −  cₒ·(Tₒ − mₒ)
//!
//! λ(x, o) = min(qₑ,  qₑ·[x essential] + qₒ·[x optional]
//!                  + r · Σ_{s ∈ N(x) listed by o} q(s, o) / |N(s)|
//!                  + r · (qₑ·eₓ + qₒ·oₓ) / nₓ)
//! ```
//!
//! * `x` — each of the person's skills; `ε` the chance that a skill is recorded at random;
//! * `qₑ`, `qₒ` — how likely a person of the occupation has one of its essential / optional
//!   skills recorded exactly; `q(s, o)` is `qₑ` or `qₒ` as `o` lists `s`;
//! * *neighbour evidence*: `N(x)` are the neighbours of `x` (the other skills directly under
//!   one of its broader skills or skill groups, [`Taxonomy::neighbours`]). A counsellor who
//!   records a neighbour instead of the exact skill `s` picks one of the `|N(s)|` neighbours
//!   of `s`, so each occupation skill `s` next to `x` adds `q(s, o) / |N(s)|`: a neighbour
//!   in a small group says more than one in a group of hundreds;
//! * *broad evidence*: when `x` is a skill group or a skill with narrower skills, `eₓ`, `oₓ`
//!   count the occupation's essential / optional skills below `x` (any depth) and `nₓ` all
//!   skills below it. `r` scales neighbour and broad evidence;
//! * `Tₑ − mₑ`, `Tₒ − mₒ` — the occupation's essential / optional skills the person lacks
//!   (not held exactly), costing `cₑ` / `cₒ` each; each of the person's skills that the
//!   occupation does not list but that is neighbour or broad evidence of its essential skills
//!   (`nₑ` of them) takes `d` of one missing essential skill off (a neighbour recorded
//!   instead of the exact one).
//!
//! The reported score is `LL(o)` divided by its best possible value for the same skills
//! (every skill an exact essential one, nothing missing), clamped to [0, 1]: for one person
//! it orders occupations exactly as `LL` does, and it is 1 only for a perfect fit. A skill
//! that says nothing about any occupation (an ISCED-F group without skills, say) is accepted
//! and lowers every occupation's score alike.
//!
//! Coefficients were fitted on seed 1 of both synthetic populations of [`crate::synth`]
//! (the published protocol and the neighbour protocol) and are reported on other seeds; see
//! README.md.

use serde::{Deserialize, Serialize};

use crate::MatchError;
use crate::score::{Count, Factor, FactorKind, Reason, coverage};
use crate::taxonomy::{OccupationId, Relation, SkillId, Taxonomy};

/// Coefficients of the skills → occupations score. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OccupationWeights {
    /// `qₑ`: chance that an essential skill is recorded exactly.
    pub essential_recorded: f64,
    /// `qₒ`: chance that an optional skill is recorded exactly.
    pub optional_recorded: f64,
    /// `r`: weight of neighbour and broad evidence (a share of the exact evidence spread over
    /// the skills below the node).
    pub neighbour: f64,
    /// `ε`: chance that a skill is recorded at random.
    pub noise: f64,
    /// `cₑ`: cost of one missing essential skill.
    pub missing_essential: f64,
    /// `cₒ`: cost of one missing optional skill.
    pub missing_optional: f64,
    /// `d`: share of a missing essential skill's cost that a neighbour recorded instead
    /// takes away (per held skill that is neighbour evidence of the occupation's essentials).
    pub neighbour_covers: f64,
}

impl Default for OccupationWeights {
    fn default() -> Self {
        Self {
            essential_recorded: 0.3,
            optional_recorded: 0.03,
            neighbour: 1.0,
            noise: 3e-4,
            missing_essential: 0.8,
            missing_optional: 0.05,
            neighbour_covers: 0.6,
        }
    }
}

impl OccupationWeights {
    /// Checks that the chances lie in (0, 1] and the other coefficients are finite and
    /// non-negative.
    pub fn validate(&self) -> Result<(), MatchError> {
        let chances = [self.essential_recorded, self.noise];
        let ok = chances.iter().all(|x| *x > 0.0 && *x <= 1.0)
            && (0.0..=1.0).contains(&self.optional_recorded)
            && (0.0..=1.0).contains(&self.neighbour_covers)
            && [
                self.neighbour,
                self.missing_essential,
                self.missing_optional,
            ]
            .iter()
            .all(|x| x.is_finite() && *x >= 0.0);
        if ok {
            Ok(())
        } else {
            Err(MatchError::Config(
                "recorded chances and noise must lie in (0, 1], the other coefficients must be \
                 finite and non-negative"
                    .into(),
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
    /// The person's skills the occupation does not list but that count as neighbour or broad
    /// evidence for it (a sibling of one of its skills, or a group above them), sorted by id.
    pub similar: Vec<SkillId>,
}

/// Ranks occupations against a person's skills with reusable scratch buffers.
///
/// Cheap to create; keep one per thread to avoid re-allocating the accumulators.
#[derive(Debug)]
pub struct OccupationRanker<'t> {
    taxonomy: &'t Taxonomy,
    weights: OccupationWeights,
    /// Per occupation: log-likelihood so far (`NaN`: not touched by this query).
    ll: Vec<f64>,
    /// Per occupation: exact essential / optional matches, skills with any evidence, and
    /// unlisted skills that are neighbour evidence of its essential skills.
    exact: Vec<(u32, u32, u32, u32)>,
    /// Per occupation, for the skill being added: λ, how the skill is listed, and whether it
    /// is neighbour evidence of an essential skill.
    lambda: Vec<(f64, Option<Relation>, bool)>,
    touched: Vec<OccupationId>,
    touched_by_skill: Vec<OccupationId>,
}

impl<'t> OccupationRanker<'t> {
    pub fn new(taxonomy: &'t Taxonomy, weights: OccupationWeights) -> Self {
        let n = taxonomy.occupation_count();
        Self {
            taxonomy,
            weights,
            ll: vec![f64::NAN; n],
            exact: vec![(0, 0, 0, 0); n],
            lambda: vec![(0.0, None, false); n],
            touched: Vec::new(),
            touched_by_skill: Vec::new(),
        }
    }

    /// Adds the evidence of one held skill `x` to the accumulators.
    fn add_skill(&mut self, x: SkillId) {
        let tax = self.taxonomy;
        let w = self.weights;
        for &(o, rel) in tax.occupations_of(x) {
            let l = &mut self.lambda[o.ix()];
            if l.0 == 0.0 && l.1.is_none() {
                self.touched_by_skill.push(o);
            }
            l.1 = Some(rel);
            l.0 += match rel {
                Relation::Essential => w.essential_recorded,
                Relation::Optional => w.optional_recorded,
            };
        }
        if w.neighbour > 0.0 {
            let mut add = |o: OccupationId, add: f64, essential: bool| {
                let l = &mut self.lambda[o.ix()];
                if l.0 == 0.0 && l.1.is_none() {
                    self.touched_by_skill.push(o);
                }
                l.0 += add;
                l.2 |= essential;
            };
            // Broad evidence: `x` is a group or a skill with narrower skills, so it stands for
            // any of the skills below it.
            let below = tax.skills_below(x);
            if below > 0 {
                let per = w.neighbour / f64::from(below);
                for b in tax.occupations_under(x) {
                    let (e, op) = (f64::from(b.essential), f64::from(b.optional));
                    add(
                        b.occupation,
                        per * (w.essential_recorded * e + w.optional_recorded * op),
                        b.essential > 0,
                    );
                }
            }
            // Neighbour evidence: `x` recorded instead of a skill `s` of the occupation that
            // shares a broader node with it, one of `s`'s neighbours: chance 1 / |N(s)| each.
            if !tax.is_group(x) {
                for s in tax.neighbours(x) {
                    let per = w.neighbour / f64::from(tax.neighbour_count(s).max(1));
                    for &(o, rel) in tax.occupations_of(s) {
                        let q = match rel {
                            Relation::Essential => w.essential_recorded,
                            Relation::Optional => w.optional_recorded,
                        };
                        add(o, per * q, rel == Relation::Essential);
                    }
                }
            }
        }
        for &o in &self.touched_by_skill {
            let (lambda, rel, covers) =
                std::mem::replace(&mut self.lambda[o.ix()], (0.0, None, false));
            let ll = &mut self.ll[o.ix()];
            if ll.is_nan() {
                *ll = 0.0;
                self.touched.push(o);
            }
            *ll += (lambda.min(w.essential_recorded) / w.noise).ln_1p();
            let ex = &mut self.exact[o.ix()];
            match rel {
                Some(Relation::Essential) => ex.0 += 1,
                Some(Relation::Optional) => ex.1 += 1,
                None => ex.3 += u32::from(covers),
            }
            ex.2 += 1;
        }
        self.touched_by_skill.clear();
    }

    /// The `top_k` best occupations for `skills`, best first; equal scores by occupation id.
    /// Duplicate skills are ignored. Occupations the skills say nothing about are never
    /// returned.
    pub fn rank(&mut self, skills: &[SkillId], top_k: usize) -> Vec<OccupationMatch> {
        let mut held: Vec<SkillId> = skills.to_vec();
        held.sort_unstable();
        held.dedup();
        for &x in &held {
            self.add_skill(x);
        }
        let w = self.weights;
        let ideal = held.len() as f64 * (w.essential_recorded / w.noise).ln_1p();

        let tax = self.taxonomy;
        let mut scored: Vec<(f64, OccupationId)> = self
            .touched
            .iter()
            .map(|&o| {
                let (me, mo, _, covering) = self.exact[o.ix()];
                let missing_e = tax.essential(o).len() as f64
                    - f64::from(me)
                    - w.neighbour_covers * f64::from(covering);
                let missing_o = tax.optional(o).len() as f64 - f64::from(mo);
                let ll = self.ll[o.ix()]
                    - w.missing_essential * missing_e.max(0.0)
                    - w.missing_optional * missing_o.max(0.0);
                let score = if ideal > 0.0 {
                    (ll / ideal).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (score, o)
            })
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
                factors: self.factors(o, &held),
                missing_essential: tax
                    .essential(o)
                    .iter()
                    .copied()
                    .filter(|s| held.binary_search(s).is_err())
                    .collect(),
                similar: self.similar(o, &held),
            })
            .collect();

        for &o in &self.touched {
            self.ll[o.ix()] = f64::NAN;
            self.exact[o.ix()] = (0, 0, 0, 0);
        }
        self.touched.clear();
        out
    }

    /// Held skills that `o` does not list but that are neighbour or broad evidence for it.
    fn similar(&self, o: OccupationId, held: &[SkillId]) -> Vec<SkillId> {
        let tax = self.taxonomy;
        let listed = |x: &SkillId| {
            tax.essential(o).binary_search(x).is_ok() || tax.optional(o).binary_search(x).is_ok()
        };
        held.iter()
            .copied()
            .filter(|x| !listed(x))
            .filter(|&x| {
                let broad = tax.skills_below(x) > 0
                    && tax
                        .occupations_under(x)
                        .binary_search_by_key(&o, |b| b.occupation)
                        .is_ok();
                broad
                    || (!tax.is_group(x)
                        && tax
                            .neighbours(x)
                            .iter()
                            .any(|&s| tax.occupations_of(s).iter().any(|&(other, _)| other == o)))
            })
            .collect()
    }

    fn factors(&self, o: OccupationId, held: &[SkillId]) -> Vec<Factor> {
        let i = o.ix();
        let w = &self.weights;
        let tax = self.taxonomy;
        let (me, mo, evidence, _) = self.exact[i];
        let share = |part: u32, of: usize| {
            if of == 0 {
                1.0
            } else {
                (f64::from(part) / of as f64).clamp(0.0, 1.0)
            }
        };
        let explained = if held.is_empty() {
            0.0
        } else {
            (f64::from(evidence) / held.len() as f64).clamp(0.0, 1.0)
        };
        let (n_e, n_o) = (tax.essential(o).len(), tax.optional(o).len());
        vec![
            coverage(
                FactorKind::EssentialSkills,
                share(me, n_e),
                f64::from(me),
                n_e,
                w.missing_essential,
            ),
            coverage(
                FactorKind::OptionalSkills,
                share(mo, n_o),
                f64::from(mo),
                n_o,
                w.missing_optional,
            ),
            Factor {
                kind: FactorKind::ExplainedSkills,
                value: explained,
                weight: 1.0,
                reason: Reason::from_share(explained),
                count: Some(Count {
                    matched: f64::from(evidence),
                    of: held.len() as u32,
                }),
            },
        ]
    }
}
