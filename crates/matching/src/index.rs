//! Position → candidates through an incremental inverted index, and candidate → positions.
//!
//! [`CandidateIndex`] keeps, per skill, the list of candidates holding it, plus each
//! candidate's data in a slot. Adding, updating or removing a profile touches only that
//! profile's postings; there is no rebuild.
//!
//! A query walks the postings of every skill that can earn credit for the position (the
//! required skills and their narrower, broader and related skills and neighbours), summing
//! credits into an upper bound of the skill part of the score. Candidates are then scored
//! exactly in descending order of their bound, and the walk stops once the bound falls below
//! the `k`-th best exact score. The result equals scoring every candidate that shares at least
//! one relevant skill; candidates sharing none are not returned.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::licence::LicenceSet;
use crate::profile::Recognition;
use crate::profile::{Candidate, CandidateId, Position, PositionId};
use crate::score::{
    Breakdown, MatchConfig, PreparedPosition, availability_gate, licence_gate, normalise,
    normalised_weights, recognition_gate, score_eligible, score_prepared,
};
use crate::taxonomy::Taxonomy;

/// One ranked result: who, and the full breakdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match<I> {
    pub id: I,
    #[serde(flatten)]
    pub breakdown: Breakdown,
}

/// A lightweight ranked entry: higher score first, then smaller key.
#[derive(Clone, Copy, Debug)]
struct Ranked<K> {
    key: K,
    score: f64,
}

fn better<K: Ord>(a: &Ranked<K>, b: &Ranked<K>) -> Ordering {
    b.score.total_cmp(&a.score).then(a.key.cmp(&b.key))
}

/// Heap entry whose maximum is the worst entry kept.
struct Worst<K>(Ranked<K>);

impl<K: Ord> PartialEq for Worst<K> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<K: Ord> Eq for Worst<K> {}
impl<K: Ord> PartialOrd for Worst<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<K: Ord> Ord for Worst<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        better(&self.0, &other.0)
    }
}

/// Keeps the best `k` entries.
struct TopK<K> {
    k: usize,
    heap: BinaryHeap<Worst<K>>,
}

impl<K: Ord> TopK<K> {
    fn new(k: usize) -> Self {
        Self {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn push(&mut self, r: Ranked<K>) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Worst(r));
        } else if let Some(worst) = self.heap.peek()
            && better(&r, &worst.0) == Ordering::Less
        {
            self.heap.pop();
            self.heap.push(Worst(r));
        }
    }

    /// Score a new entry must reach to enter (ties go by key); `None` while fewer than `k`
    /// are kept.
    fn threshold(&self) -> Option<f64> {
        if self.heap.len() >= self.k {
            self.heap.peek().map(|w| w.0.score)
        } else {
            None
        }
    }

    fn into_sorted(self) -> Vec<Ranked<K>> {
        let mut v: Vec<Ranked<K>> = self.heap.into_iter().map(|w| w.0).collect();
        v.sort_by(better);
        v
    }
}

/// Compact gate data of one candidate.
#[derive(Clone, Copy, Debug)]
struct Meta {
    /// Licence closure, so the licence gate is a bit test.
    licences: LicenceSet,
    available_from: Date,
    recognised: bool,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            licences: LicenceSet::EMPTY,
            available_from: Date::MIN,
            recognised: false,
        }
    }
}

/// Candidates indexed by skill for position → candidates queries.
#[derive(Debug)]
pub struct CandidateIndex {
    slots: Vec<Option<Candidate>>,
    /// Gate data per slot, kept apart so the gates are checked without touching the profile.
    meta: Vec<Meta>,
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
            meta: Vec::new(),
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
                self.meta.push(Meta::default());
                (self.slots.len() - 1) as u32
            }
        };
        for s in &candidate.skills {
            if let Some(p) = self.postings.get_mut(s.ix()) {
                p.push(slot);
            }
        }
        self.by_id.insert(candidate.id, slot);
        self.meta[slot as usize] = Meta {
            licences: candidate.licences.closure(),
            available_from: candidate.available_from,
            recognised: candidate.recognition == Recognition::Recognised,
        };
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
    /// after all eligible ones (by id).
    pub fn top(
        &self,
        taxonomy: &Taxonomy,
        position: &Position,
        k: usize,
        config: &MatchConfig,
    ) -> Vec<Match<CandidateId>> {
        let prepared = PreparedPosition::new(taxonomy, position, &config.credits);
        let nw = normalised_weights(&config.weights);

        // Phase 1: an upper bound of the skill part per candidate, from the postings.
        let mut acc = vec![0f32; self.slots.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (reqs, weight) in [(&prepared.essential, nw[0]), (&prepared.optional, nw[1])] {
            if reqs.is_empty() {
                continue;
            }
            let per = weight / reqs.len() as f64;
            for (_, routes) in reqs.iter() {
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
        }
        // The rest of the score is at most the German and place weights, plus the full share
        // of a skill factor with nothing required.
        let rest = nw[2]
            + nw[3]
            + if prepared.essential.is_empty() {
                nw[0]
            } else {
                0.0
            }
            + if prepared.optional.is_empty() {
                nw[1]
            } else {
                0.0
            };
        let rest = rest as f32 + BOUND_EPS;

        // Phase 2: exact scores in descending bound order until no bound can enter the top k.
        let mut bounds: Vec<(f32, u32)> = touched.iter().map(|&s| (acc[s as usize], s)).collect();
        drop(acc);
        let mut top: TopK<(CandidateId, u32)> = TopK::new(k);
        let desc = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let mut remaining: &mut [(f32, u32)] = &mut bounds;
        let mut chunk = (8 * k).max(256);
        let mut scratch = Vec::new();
        'outer: while !remaining.is_empty() {
            let m = chunk.min(remaining.len());
            if m < remaining.len() {
                remaining.select_nth_unstable_by(m - 1, desc);
            }
            let (head, tail) = remaining.split_at_mut(m);
            head.sort_unstable_by(desc);
            for &(bound, slot) in head.iter() {
                if let Some(t) = top.threshold()
                    && ((bound + rest) as f64) < t
                {
                    break 'outer;
                }
                if !self.passes_gates(position, slot) {
                    continue;
                }
                let c = self.candidate(slot);
                let score = score_eligible(&prepared, c, config, nw, &mut scratch);
                top.push(Ranked {
                    key: (c.id, slot),
                    score,
                });
            }
            remaining = tail;
            chunk *= 4;
        }

        // Breakdowns for the winners only.
        let mut out: Vec<Match<CandidateId>> = top
            .into_sorted()
            .into_iter()
            .map(|r| {
                let c = self.candidate(r.key.1);
                Match {
                    id: c.id,
                    breakdown: score_prepared(&prepared, c, config),
                }
            })
            .collect();
        if config.include_ineligible && out.len() < k {
            let mut ineligible: Vec<(CandidateId, u32)> = touched
                .iter()
                .filter(|&&slot| !self.passes_gates(position, slot))
                .map(|&slot| (self.candidate(slot).id, slot))
                .collect();
            ineligible.sort_unstable();
            ineligible.truncate(k - out.len());
            out.extend(ineligible.into_iter().map(|(id, slot)| Match {
                id,
                breakdown: score_prepared(&prepared, self.candidate(slot), config),
            }));
        }
        out
    }

    fn candidate(&self, slot: u32) -> &Candidate {
        self.slots[slot as usize]
            .as_ref()
            .expect("postings hold live slots only")
    }

    /// All three gates, from the compact per-slot data.
    fn passes_gates(&self, position: &Position, slot: u32) -> bool {
        let m = &self.meta[slot as usize];
        position.licences.is_subset(m.licences)
            && m.available_from <= position.start
            && (!position.regulated || m.recognised || position.accepts_recognition_partnership)
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
    /// Ineligible positions only with `include_ineligible` of the index's config, after all
    /// eligible ones (by id).
    pub fn top(&self, candidate: &Candidate, k: usize) -> Vec<Match<PositionId>> {
        let candidate = normalise(candidate);
        let nw = normalised_weights(&self.config.weights);
        let mut top = TopK::new(k);
        let mut ineligible = Vec::new();
        let mut scratch = Vec::new();
        for (i, p) in self.positions.iter().enumerate() {
            let pos = &p.position;
            let eligible = recognition_gate(pos, &candidate).passed
                && licence_gate(pos, &candidate).passed
                && availability_gate(pos, &candidate).passed;
            if eligible {
                top.push(Ranked {
                    key: (pos.id, i),
                    score: score_eligible(p, &candidate, &self.config, nw, &mut scratch),
                });
            } else if self.config.include_ineligible {
                ineligible.push((pos.id, i));
            }
        }
        let mut keys: Vec<(PositionId, usize)> =
            top.into_sorted().into_iter().map(|r| r.key).collect();
        if keys.len() < k {
            ineligible.sort_unstable();
            ineligible.truncate(k - keys.len());
            keys.extend(ineligible);
        }
        keys.into_iter()
            .map(|(id, i)| Match {
                id,
                breakdown: score_prepared(&self.positions[i], &candidate, &self.config),
            })
            .collect()
    }
}
