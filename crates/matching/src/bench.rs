//! Quality and speed measurement behind `standort bench matching`.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::index::CandidateIndex;
use crate::occupations::{OccupationRanker, OccupationWeights};
use crate::score::MatchConfig;
use crate::synth;
use crate::synth::Person;
use crate::taxonomy::Taxonomy;

/// Recall of the true occupation for skills → occupations over a synthetic population.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    pub persons: usize,
    pub recall_at_1: f64,
    pub recall_at_10: f64,
}

/// Ranks every person's skills and counts how often the true occupation is first / in the top
/// ten.
pub fn quality(taxonomy: &Taxonomy, weights: OccupationWeights, persons: &[Person]) -> Quality {
    let mut ranker = OccupationRanker::new(taxonomy, weights);
    let (mut at1, mut at10) = (0usize, 0usize);
    for p in persons {
        let ranked = ranker.rank(&p.skills, 10);
        if let Some(pos) = ranked.iter().position(|m| m.occupation == p.occupation) {
            at10 += 1;
            if pos == 0 {
                at1 += 1;
            }
        }
    }
    let n = persons.len().max(1) as f64;
    Quality {
        persons: persons.len(),
        recall_at_1: at1 as f64 / n,
        recall_at_10: at10 as f64 / n,
    }
}

/// What to measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchOptions {
    /// Size of the quality population (≥ 1,000 for a meaningful figure).
    pub persons: usize,
    pub quality_seed: u64,
    /// Index sizes to time position → candidates on.
    pub profile_sizes: Vec<usize>,
    /// Queries (synthetic positions) per index size.
    pub queries: usize,
    /// Candidates returned per query.
    pub top_k: usize,
    /// Profile updates timed per index size (each an update, an add and a remove).
    pub updates: usize,
    pub speed_seed: u64,
}

impl Default for BenchOptions {
    fn default() -> Self {
        Self {
            persons: 5_000,
            quality_seed: 2,
            profile_sizes: vec![100_000, 1_000_000],
            queries: 300,
            top_k: 50,
            updates: 1_000,
            speed_seed: 7,
        }
    }
}

/// Timing of position → top-k candidates on one index size (one thread).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeedRun {
    pub profiles: usize,
    pub queries: usize,
    pub top_k: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Mean candidates returned per query.
    pub mean_results: f64,
    /// Building the index from scratch.
    pub build_ms: f64,
    /// Mean time of one profile update (replace), add and remove, in microseconds.
    pub update_us: f64,
    pub add_us: f64,
    pub remove_us: f64,
}

/// Everything `standort bench matching` reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// On [`synth::Protocol::PUBLISHED`].
    pub quality: Quality,
    /// On [`synth::Protocol::NEIGHBOUR`] (fewer essentials, hierarchy neighbours).
    pub neighbour_quality: Quality,
    pub speed: Vec<SpeedRun>,
}

/// The last line printed by the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub recall_at_1: f64,
    pub recall_at_10: f64,
    pub neighbour_recall_at_1: f64,
    pub neighbour_recall_at_10: f64,
    /// Of the largest index measured.
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub profiles: usize,
}

impl BenchReport {
    /// Figures of the largest index size.
    pub fn summary(&self) -> Summary {
        let largest = self.speed.iter().max_by_key(|s| s.profiles);
        Summary {
            recall_at_1: self.quality.recall_at_1,
            recall_at_10: self.quality.recall_at_10,
            neighbour_recall_at_1: self.neighbour_quality.recall_at_1,
            neighbour_recall_at_10: self.neighbour_quality.recall_at_10,
            p50_ms: largest.map_or(0.0, |s| s.p50_ms),
            p95_ms: largest.map_or(0.0, |s| s.p95_ms),
            profiles: largest.map_or(0, |s| s.profiles),
        }
    }

    /// Human-readable lines followed by the summary as one JSON object on the last line.
    pub fn render(&self) -> String {
        let q = &self.quality;
        let n = &self.neighbour_quality;
        let mut out = format!(
            "quality: {} synthetic persons, recall@1 {:.4}, recall@10 {:.4}\n\
             quality, neighbour protocol: {} synthetic persons, recall@1 {:.4}, recall@10 {:.4}\n",
            q.persons, q.recall_at_1, q.recall_at_10, n.persons, n.recall_at_1, n.recall_at_10
        );
        for s in &self.speed {
            out.push_str(&format!(
                "speed: {} profiles, {} queries, top {}: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms; \
                 build {:.0} ms; update {:.1} µs, add {:.1} µs, remove {:.1} µs\n",
                s.profiles,
                s.queries,
                s.top_k,
                s.p50_ms,
                s.p95_ms,
                s.max_ms,
                s.build_ms,
                s.update_us,
                s.add_us,
                s.remove_us
            ));
        }
        out.push_str(&serde_json::to_string(&self.summary()).expect("plain numbers serialise"));
        out.push('\n');
        out
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Times position → top-k candidates on a synthetic index of `profiles` candidates.
pub fn speed(taxonomy: &Taxonomy, profiles: usize, options: &BenchOptions) -> SpeedRun {
    let config = MatchConfig::default();
    let seed = options.speed_seed ^ profiles as u64;
    let people = synth::candidates(taxonomy, profiles + options.updates, seed);
    let (initial, extra) = people.split_at(profiles);
    let t = Instant::now();
    let mut index = CandidateIndex::from_candidates(taxonomy, initial.iter().cloned());
    let build_ms = ms(t.elapsed());

    let positions = synth::positions(taxonomy, options.queries, seed.wrapping_add(1));
    let mut times = Vec::with_capacity(positions.len());
    let mut results = 0usize;
    for p in &positions {
        let t = Instant::now();
        let top = index.top(taxonomy, p, options.top_k, &config);
        times.push(ms(t.elapsed()));
        results += std::hint::black_box(top).len();
    }
    times.sort_by(f64::total_cmp);

    // Updates: give existing profiles the skills of new ones; add new ones; remove them.
    let n = extra.len().min(profiles).max(1);
    let t = Instant::now();
    for (i, e) in extra.iter().enumerate() {
        let mut c = e.clone();
        c.id = initial[i % profiles.max(1)].id;
        index.upsert(c);
    }
    let update_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let t = Instant::now();
    for e in extra {
        index.upsert(e.clone());
    }
    let add_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let t = Instant::now();
    for e in extra {
        index.remove(e.id);
    }
    let remove_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;

    SpeedRun {
        profiles,
        queries: positions.len(),
        top_k: options.top_k,
        p50_ms: percentile(&times, 0.5),
        p95_ms: percentile(&times, 0.95),
        max_ms: times.last().copied().unwrap_or(0.0),
        mean_results: results as f64 / positions.len().max(1) as f64,
        build_ms,
        update_us,
        add_us,
        remove_us,
    }
}

/// Runs the quality measurements (both protocols, same seed) and the speed measurement for every size in `options`.
/// Single-threaded; the only place in the engine that reads the clock.
pub fn run(taxonomy: &Taxonomy, options: &BenchOptions) -> BenchReport {
    let weights = OccupationWeights::default();
    let persons = synth::population(taxonomy, options.persons, options.quality_seed);
    let published = quality(taxonomy, weights, &persons);
    let persons = synth::population_with(
        taxonomy,
        options.persons,
        options.quality_seed,
        &synth::Protocol::NEIGHBOUR,
    );
    let neighbour_quality = quality(taxonomy, weights, &persons);
    let speed = options
        .profile_sizes
        .iter()
        .map(|&n| speed(taxonomy, n, options))
        .collect();
    BenchReport {
        quality: published,
        neighbour_quality,
        speed,
    }
}
