//! The benchmark behind `standort bench esco`: load time, index build time, query latency
//! over realistic queries (whole labels, prefixes while typing, one typo, single words).

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::dataset::Dataset;
use crate::error::LoadError;
use crate::load::Counts;
use crate::search::{Kind, Query, SearchIndex};

/// Settings of [`run`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct BenchOptions {
    /// Number of queries.
    pub queries: usize,
    /// Seed of the query generator (the same seed gives the same queries).
    pub seed: u64,
    /// Hits asked for per query.
    pub limit: usize,
    /// How often to repeat the load and the index build (the median is reported).
    pub repeat: usize,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            queries: 5000,
            seed: 20_261_122,
            limit: 20,
            repeat: 3,
        }
    }
}

/// How a benchmark query was made from a label.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum QueryShape {
    /// The whole label.
    Whole,
    /// The whole label with the first letter of each word upper-cased.
    Capitalised,
    /// The label cut off inside a word, as while typing.
    Prefix,
    /// The label with one typo (swap, deletion, substitution or insertion) in a word of 4+.
    Typo,
    /// The first one or two words.
    FirstWords,
    /// One word of the label.
    OneWord,
}

const SHAPES: [QueryShape; 6] = [
    QueryShape::Whole,
    QueryShape::Capitalised,
    QueryShape::Prefix,
    QueryShape::Typo,
    QueryShape::FirstWords,
    QueryShape::OneWord,
];

/// A generated query and the concept whose label it came from.
#[derive(Clone, Debug)]
pub struct BenchQuery {
    /// Query text.
    pub text: String,
    /// How it was made.
    pub shape: QueryShape,
    /// Source concept kind.
    pub kind: Kind,
    /// Source concept id.
    pub id: u32,
}

/// Latency percentiles of one group of queries.
#[derive(Clone, Debug)]
pub struct Latency {
    /// Number of queries.
    pub n: usize,
    /// Median.
    pub p50: Duration,
    /// 95th percentile.
    pub p95: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest.
    pub max: Duration,
    /// Share of queries whose source concept was among the hits.
    pub found: f64,
}

/// Figures of one benchmark run.
#[derive(Clone, Debug)]
pub struct BenchReport {
    /// Dataset sizes.
    pub counts: Counts,
    /// Median load time (all files, parse, validate, build adjacency).
    pub load: Duration,
    /// Median index build time.
    pub index_build: Duration,
    /// Labels indexed.
    pub index_entries: usize,
    /// Distinct tokens.
    pub index_tokens: usize,
    /// Hits asked for per query.
    pub limit: usize,
    /// All queries.
    pub all: Latency,
    /// Per query shape.
    pub by_shape: Vec<(QueryShape, Latency)>,
}

/// Loads `paths`, builds the index and times `options.queries` generated queries.
pub fn run<P: AsRef<Path>>(paths: &[P], options: &BenchOptions) -> Result<BenchReport, LoadError> {
    let repeat = options.repeat.max(1);
    let mut load_times = Vec::new();
    let mut dataset = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let d = Dataset::load(paths)?;
        load_times.push(t.elapsed());
        dataset = Some(d);
    }
    let Some(d) = dataset else {
        return Err(LoadError::NoSources);
    };
    let mut build_times = Vec::new();
    let mut index = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let i = SearchIndex::from_dataset(&d);
        build_times.push(t.elapsed());
        index = Some(i);
    }
    let Some(index) = index else {
        return Err(LoadError::NoSources);
    };
    let queries = realistic_queries(&d, options.queries, options.seed);

    // Warm up caches once, then time each query.
    for q in queries.iter().take(200) {
        std::hint::black_box(index.search(&Query::new(&q.text).limit(options.limit)));
    }
    let mut times: Vec<(QueryShape, Duration, bool)> = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let hits = index.search(&Query::new(&q.text).limit(options.limit));
        let dt = t.elapsed();
        let found = hits.iter().any(|h| h.kind == q.kind && h.id == q.id);
        times.push((q.shape, dt, found));
    }
    let all = latency(times.iter().map(|&(_, t, f)| (t, f)).collect());
    let by_shape = SHAPES
        .iter()
        .map(|&s| {
            (
                s,
                latency(
                    times
                        .iter()
                        .filter(|x| x.0 == s)
                        .map(|&(_, t, f)| (t, f))
                        .collect(),
                ),
            )
        })
        .collect();
    Ok(BenchReport {
        counts: d.counts(),
        load: median(load_times),
        index_build: median(build_times),
        index_entries: index.len(),
        index_tokens: index.vocabulary_len(),
        limit: options.limit,
        all,
        by_shape,
    })
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn latency(mut v: Vec<(Duration, bool)>) -> Latency {
    let n = v.len();
    let found = v.iter().filter(|x| x.1).count() as f64 / n.max(1) as f64;
    v.sort_by_key(|x| x.0);
    let pct = |p: f64| {
        if n == 0 {
            Duration::ZERO
        } else {
            v[((n as f64 * p).ceil() as usize).clamp(1, n) - 1].0
        }
    };
    Latency {
        n,
        p50: pct(0.50),
        p95: pct(0.95),
        p99: pct(0.99),
        max: v.last().map(|x| x.0).unwrap_or_default(),
        found,
    }
}

/// A small deterministic generator (xorshift64*), so the queries need no RNG crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `n` queries made from the labels of random occupations and skills, cycling through the
/// [`QueryShape`]s. Deterministic for a given dataset and seed.
pub fn realistic_queries(d: &Dataset, n: usize, seed: u64) -> Vec<BenchQuery> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(n);
    let occs = d.occupations().len();
    let skills = d.skills().len();
    if occs + skills == 0 {
        return out;
    }
    while out.len() < n {
        let shape = SHAPES[out.len() % SHAPES.len()];
        let (kind, id, labels) = if rng.below(2) == 0 && occs > 0 {
            let i = rng.below(occs);
            (Kind::Occupation, i as u32, &d.occupations()[i].labels)
        } else if skills > 0 {
            let i = rng.below(skills);
            (Kind::Skill, i as u32, &d.skills()[i].labels)
        } else {
            continue;
        };
        let langs: Vec<_> = labels.iter().collect();
        if langs.is_empty() {
            continue;
        }
        let l = langs[rng.below(langs.len())];
        let label = if l.alternative.is_empty() || rng.below(2) == 0 {
            l.preferred.as_str()
        } else {
            l.alternative[rng.below(l.alternative.len())].as_str()
        };
        let Some(text) = shape_query(label, shape, &mut rng) else {
            continue;
        };
        out.push(BenchQuery {
            text,
            shape,
            kind,
            id,
        });
    }
    out
}

fn shape_query(label: &str, shape: QueryShape, rng: &mut Rng) -> Option<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    match shape {
        QueryShape::Whole => Some(label.to_string()),
        QueryShape::Capitalised => Some(
            words
                .iter()
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" "),
        ),
        QueryShape::Prefix => {
            let chars: Vec<char> = label.chars().collect();
            if chars.len() < 3 {
                return None;
            }
            let cut = 2 + rng.below(chars.len() - 2);
            Some(chars[..cut].iter().collect())
        }
        QueryShape::Typo => {
            let long: Vec<usize> = (0..words.len())
                .filter(|&i| words[i].chars().count() >= 4)
                .collect();
            if long.is_empty() {
                return None;
            }
            let wi = long[rng.below(long.len())];
            let mut w: Vec<char> = words[wi].chars().collect();
            let p = rng.below(w.len() - 1);
            match rng.below(4) {
                0 => w.swap(p, p + 1),
                1 => {
                    w.remove(p);
                }
                2 => w[p] = if w[p] == 'e' { 'a' } else { 'e' },
                _ => w.insert(p, 'x'),
            }
            let mut ws: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            ws[wi] = w.into_iter().collect();
            Some(ws.join(" "))
        }
        QueryShape::FirstWords => Some(words[..words.len().min(1 + rng.below(2))].join(" ")),
        QueryShape::OneWord => Some(words[rng.below(words.len())].to_string()),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        writeln!(
            f,
            "dataset: {} occupations, {} skills, {} occupation–skill relations",
            c.occupations, c.skills, c.occupation_skill
        )?;
        writeln!(f, "load (median): {} ms", ms(self.load))?;
        writeln!(
            f,
            "index build (median): {} ms ({} labels, {} tokens)",
            ms(self.index_build),
            self.index_entries,
            self.index_tokens
        )?;
        writeln!(
            f,
            "| queries (limit {}) | n | p50 ms | p95 ms | p99 ms | max ms | source concept in hits |",
            self.limit
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, l: &Latency| {
            writeln!(
                f,
                "| {name} | {} | {} | {} | {} | {} | {:.1} % |",
                l.n,
                ms(l.p50),
                ms(l.p95),
                ms(l.p99),
                ms(l.max),
                l.found * 100.0
            )
        };
        row(f, "all", &self.all)?;
        for (s, l) in &self.by_shape {
            row(f, &format!("{s:?}"), l)?;
        }
        Ok(())
    }
}
