//! Position → candidates through an incremental inverted index, and candidate → positions.
//!
//! [`CandidateIndex`] keeps, per skill, the list of candidates holding it, plus each
//! candidate's data in a slot. Adding, updating or removing a profile touches only that
//! profile's postings; there is no rebuild.
//!
//! A query walks the postings of every skill that can earn credit for the position (the
//! required skills and their narrower, broader and related skills), summing credits into an
//! upper bound of the skill part of the score. Candidates are then scored exactly in
//! descending order of their bound, and the walk stops once the bound falls below the `k`-th
//! best exact score. The result equals scoring every candidate that shares at least one
//! relevant skill; candidates sharing none are not returned.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use crate::licence::LicenceSet;
use crate::profile::{Candidate, CandidateId, Position, PositionId};
use crate::score::{
    Breakdown, MatchConfig, PreparedPosition, availability_gate, german_value, normalise,
    place_value, recognition_gate, score_prepared,
};
use crate::taxonomy::Taxonomy;

/// One ranked result: who, and the full breakdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match<I> {
    pub id: I,
    #[serde(flatten)]
    pub breakdown: Breakdown,
}

/// Ranking order: higher score first, then smaller id; eligible before ineligible.
fn better<I: Ord>(a: &Match<I>, b: &Match<I>) -> Ordering {
    b.breakdown
        .eligible
        .cmp(&a.breakdown.eligible)
        .then(b.breakdown.score.total_cmp(&a.breakdown.score))
        .then(a.id.cmp(&b.id))
}

/// Heap entry whose maximum is the worst match kept.
struct Worst<I>(Match<I>);

impl<I: Ord> PartialEq for Worst<I> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<I: Ord> Eq for Worst<I> {}
impl<I: Ord> PartialOrd for Worst<I> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<I: Ord> Ord for Worst<I> {
    fn cmp(&self, other: &Self) -> Ordering {
        better(&self.0, &other.0)
    }
}

/// Keeps the best `k` matches.
struct TopK<I> {
    k: usize,
    heap: BinaryHeap<Worst<I>>,
}

impl<I: Ord> TopK<I> {
    fn new(k: usize) -> Self {
        Self {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn push(&mut self, m: Match<I>) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Worst(m));
        } else if let Some(worst) = self.heap.peek()
            && better(&m, &worst.0) == Ordering::Less
        {
            self.heap.pop();
            self.heap.push(Worst(m));
        }
    }

    /// Score a new match must exceed (or equal, with a smaller id) to enter; `None` while
    /// fewer than `k` are kept.
    fn threshold(&self) -> Option<f64> {
        (self.heap.len() >= self.k).then(|| self.heap.peek().map_or(0.0, |w| w.0.breakdown.score))
    }

    fn into_sorted(self) -> Vec<Match<I>> {
        let mut v: Vec<Match<I>> = self.heap.into_iter().map(|w| w.0).collect();
        v.sort_by(better);
        v
    }
}

/// Candidates indexed by skill for position → candidates queries.
#[derive(Debug)]
pub struct CandidateIndex {
    slots: Vec<Option<Candidate>>,
    /// Licence closure per slot, so the gate is a bit test.
    licences: Vec<LicenceSet>,
    free: Vec<u32>,
    by_id: HashMap<CandidateId, u32>,
    /// Per skill id: slots of the candidates holding it (unordered).
    postings: Vec<Vec<u32>>,
}

/// Safety margin on the f32 bound against rounding.
const BOUND_EPS: f32 = 1e-4;

impl CandidateIndex {
    /// An empty index for skills of `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> Self {
        Self {
            slots: Vec::new(),
            licences: Vec::new(),
            free: Vec::new(),
            by_id: HashMap::new(),
            postings: vec![Vec::new(); taxonomy.skill_count()],
        }
    }

    /// Builds an index from many candidates (later ids replace earlier ones).
    pub fn from_candidates(
        taxonomy: &Taxonomy,
        candidates: impl IntoIterator<Item = Candidate>,
    ) -> Self {
        let mut index = Self::new(taxonomy);
        for c in candidates {
            index.upsert(c);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The stored candidate (skills sorted and deduplicated).
    pub fn get(&self, id: CandidateId) -> Option<&Candidate> {
        self.by_id
            .get(&id)
            .and_then(|&slot| self.slots[slot as usize].as_ref())
    }

    /// Adds a candidate, or replaces the one with the same id. Skills outside the taxonomy
    /// are ignored by the index.
    pub fn upsert(&mut self, candidate: Candidate) {
        self.remove(candidate.id);
        let candidate = normalise(&candidate);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                self.licences.push(LicenceSet::EMPTY);
                (self.slots.len() - 1) as u32
            }
        };
        for s in &candidate.skills {
            if let Some(p) = self.postings.get_mut(s.ix()) {
                p.push(slot);
            }
        }
        self.by_id.insert(candidate.id, slot);
        self.licences[slot as usize] = candidate.licences.closure();
        self.slots[slot as usize] = Some(candidate);
    }

    /// Removes a candidate; returns whether it was there.
    pub fn remove(&mut self, id: CandidateId) -> bool {
        let Some(slot) = self.by_id.remove(&id) else {
            return false;
        };
        if let Some(old) = self.slots[slot as usize].take() {
            for s in &old.skills {
                if let Some(p) = self.postings.get_mut(s.ix())
                    && let Some(i) = p.iter().position(|&x| x == slot)
                {
                    p.swap_remove(i);
                }
            }
        }
        self.free.push(slot);
        true
    }

    /// The best `k` candidates for `position`, best first, with breakdowns. Equal scores are
    /// ordered by candidate id. Ineligible candidates only with `config.include_ineligible`,
    /// after all eligible ones.
    pub fn top(
        &self,
        taxonomy: &Taxonomy,
        position: &Position,
        k: usize,
        config: &MatchConfig,
    ) -> Vec<Match<CandidateId>> {
        let prepared = PreparedPosition::new(taxonomy, position, &config.credits);
        let w = &config.weights;
        let total = w.essential + w.optional + w.german + w.place;

        // Phase 1: upper bound of the skill part per candidate, from the postings.
        let mut acc = vec![0f32; self.slots.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut walk = |reqs: &[(crate::SkillId, Vec<crate::score::Route>)], weight: f64| {
            if reqs.is_empty() {
                return;
            }
            let per = weight / total / reqs.len() as f64;
            for (_, routes) in reqs {
                for r in routes {
                    let add = (per * r.credit) as f32;
                    for &slot in &self.postings[r.skill.ix()] {
                        let a = &mut acc[slot as usize];
                        if *a == 0.0 {
                            touched.push(slot);
                        }
                        *a += add;
                    }
                }
            }
        };
        walk(&prepared.essential, w.essential);
        walk(&prepared.optional, w.optional);
        // Candidates get the full share of a factor with nothing required.
        let free_share = (if prepared.essential.is_empty() {
            w.essential
        } else {
            0.0
        } + if prepared.optional.is_empty() {
            w.optional
        } else {
            0.0
        }) / total;

        // Phase 2: cheap gates and the exact non-skill factors tighten the bound.
        let mut eligible_bounds: Vec<(f32, u32)> = Vec::with_capacity(touched.len());
        let mut ineligible: Vec<u32> = Vec::new();
        for &slot in &touched {
            let c = self.slots[slot as usize]
                .as_ref()
                .expect("postings hold live slots");
            let licences_ok = position.licences.is_subset(self.licences[slot as usize]);
            let ok = licences_ok
                && recognition_gate(position, c).passed
                && availability_gate(position, c).passed;
            if ok {
                let (g, _) = german_value(position, c, &config.german);
                let (p, _) = place_value(position, c, &config.place);
                let rest = (free_share + (w.german * g + w.place * p) / total) as f32;
                eligible_bounds.push((acc[slot as usize] + rest + BOUND_EPS, slot));
            } else if config.include_ineligible {
                ineligible.push(slot);
            }
        }

        // Phase 3: exact scores in descending bound order until no bound can enter.
        let mut top = TopK::new(k);
        let desc = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let mut rest: &mut [(f32, u32)] = &mut eligible_bounds;
        let mut chunk = (4 * k).max(64);
        'outer: while !rest.is_empty() {
            let m = chunk.min(rest.len());
            if m < rest.len() {
                rest.select_nth_unstable_by(m - 1, desc);
            }
            let (head, tail) = rest.split_at_mut(m);
            head.sort_unstable_by(desc);
            for &(bound, slot) in head.iter() {
                if let Some(t) = top.threshold()
                    && (bound as f64) < t
                {
                    break 'outer;
                }
                let c = self.slots[slot as usize].as_ref().expect("live slot");
                top.push(Match {
                    id: c.id,
                    breakdown: score_prepared(&prepared, c, config),
                });
            }
            rest = tail;
            chunk *= 4;
        }
        let mut out = top.into_sorted();
        if config.include_ineligible && out.len() < k {
            let mut extra: Vec<Match<CandidateId>> = ineligible
                .iter()
                .map(|&slot| {
                    let c = self.slots[slot as usize].as_ref().expect("live slot");
                    Match {
                        id: c.id,
                        breakdown: score_prepared(&prepared, c, config),
                    }
                })
                .collect();
            extra.sort_by(better);
            extra.truncate(k - out.len());
            out.extend(extra);
        }
        out
    }
}

/// Positions for candidate → positions queries. Scores every stored position (positions are
/// few compared with candidates).
#[derive(Debug, Default)]
pub struct PositionIndex {
    positions: Vec<PreparedPosition>,
    by_id: HashMap<PositionId, usize>,
    config: MatchConfig,
}

impl PositionIndex {
    /// An empty index; `config` fixes the credits used to prepare positions and the weights.
    pub fn new(config: MatchConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Adds a position or replaces the one with the same id.
    pub fn upsert(&mut self, taxonomy: &Taxonomy, position: &Position) {
        let prepared = PreparedPosition::new(taxonomy, position, &self.config.credits);
        match self.by_id.get(&position.id) {
            Some(&i) => self.positions[i] = prepared,
            None => {
                self.by_id.insert(position.id, self.positions.len());
                self.positions.push(prepared);
            }
        }
    }

    /// Removes a position; returns whether it was there.
    pub fn remove(&mut self, id: PositionId) -> bool {
        let Some(i) = self.by_id.remove(&id) else {
            return false;
        };
        self.positions.swap_remove(i);
        if let Some(moved) = self.positions.get(i) {
            self.by_id.insert(moved.position.id, i);
        }
        true
    }

    /// The best `k` positions for `candidate`, best first; equal scores by position id.
    /// Ineligible positions only with `include_ineligible` of the index's config, last.
    pub fn top(&self, candidate: &Candidate, k: usize) -> Vec<Match<PositionId>> {
        let candidate = normalise(candidate);
        let mut top = TopK::new(k);
        for p in &self.positions {
            let breakdown = score_prepared(p, &candidate, &self.config);
            if breakdown.eligible || self.config.include_ineligible {
                top.push(Match {
                    id: p.position.id,
                    breakdown,
                });
            }
        }
        top.into_sorted()
    }
}
