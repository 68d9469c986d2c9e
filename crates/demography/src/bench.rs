//! The projection benchmark behind `standort bench projection`.
//!
//! 1. Builds a deterministic synthetic Germany-scale input: `regions` municipalities
//!    (default 10,800) in `districts` districts (default 400), 101 ages × 2 sexes, sizes
//!    log-normal (median 2,500), district rate schedules (Gompertz-like mortality,
//!    TFR ≈ 1.45, migration peaking in the mid-twenties) varied per municipality by
//!    multipliers.
//! 2. Projects every municipality `years` years (default 30) with the cohort-component
//!    step, keeping only the output (persons per municipality × year × planning band and
//!    total, `f32`) — memory is bounded by that output plus the input.
//! 3. Runs `trajectories` (default 1,000) stochastic trajectories for one district of
//!    `district_regions` (default 30) municipalities with streamed interval estimation
//!    ([`crate::quantile::Binned`]).
//!
//! Timings are wall-clock (`std::time::Instant`) on one thread; `peak_rss_mb` is VmHWM
//! from `/proc/self/status` (the whole process, so it includes whatever the caller
//! allocated before).

use crate::ccm::{Multipliers, Projector, Rates};
use crate::indicators::{AgeBand, PLANNING_BANDS};
use crate::population::{AGES, Groups, MAX_AGE, Population, Sex, cell};
use crate::stochastic::{self, RegionInput, StochasticConfig};
use crate::{Error, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt;
use std::time::Instant;

/// Size of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenchConfig {
    /// Municipalities of the deterministic run (default 10,800).
    pub regions: usize,
    /// Districts (rate schedules) they belong to (default 400).
    pub districts: usize,
    /// Projected years (default 30).
    pub years: usize,
    /// Stochastic trajectories (default 1,000).
    pub trajectories: usize,
    /// Municipalities of the stochastic district (default 30).
    pub district_regions: usize,
    /// Seed of the synthetic input and of the trajectories.
    pub seed: u64,
}

impl Default for BenchConfig {
    fn default() -> Self {
        BenchConfig {
            regions: 10_800,
            districts: 400,
            years: 30,
            trajectories: 1000,
            district_regions: 30,
            seed: 20261122,
        }
    }
}

/// Figures of one benchmark run.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchReport {
    /// The configuration run.
    pub config: BenchConfig,
    /// Seconds to build the synthetic input.
    pub build_s: f64,
    /// Seconds for the deterministic projection of all regions.
    pub deterministic_s: f64,
    /// Seconds for the stochastic run.
    pub stochastic_s: f64,
    /// CPU seconds of the deterministic projection (this thread), if measurable.
    pub deterministic_cpu_s: Option<f64>,
    /// CPU seconds of the stochastic run (this thread), if measurable.
    pub stochastic_cpu_s: Option<f64>,
    /// Regions projected deterministically.
    pub regions: usize,
    /// Cell-years computed deterministically (regions × 202 × years).
    pub cell_years: u64,
    /// Total base population.
    pub population_base: f64,
    /// Total population in the last projected year.
    pub population_last: f64,
    /// Size of the kept deterministic output in MB.
    pub output_mb: f64,
    /// Median total of the stochastic district in the last year and its 95 % interval.
    pub district_last: (f64, f64, f64),
    /// Peak resident set size of the process in MB (VmHWM), if readable.
    pub peak_rss_mb: Option<f64>,
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        writeln!(f, "build_s           {:.3}", self.build_s)?;
        writeln!(
            f,
            "deterministic_s   {:.3}  ({} regions × 202 cells × {} years = {} cell-years)",
            self.deterministic_s, self.regions, c.years, self.cell_years
        )?;
        writeln!(
            f,
            "stochastic_s      {:.3}  ({} trajectories × {} regions × {} years)",
            self.stochastic_s, c.trajectories, c.district_regions, c.years
        )?;
        let cpu = |c: Option<f64>| c.map_or("n/a".to_string(), |c| format!("{c:.3}"));
        writeln!(
            f,
            "cpu_s             deterministic {}, stochastic {} (this thread)",
            cpu(self.deterministic_cpu_s),
            cpu(self.stochastic_cpu_s)
        )?;
        writeln!(
            f,
            "population        {:.0} → {:.0}",
            self.population_base, self.population_last
        )?;
        writeln!(
            f,
            "district total    median {:.0}, 95 % [{:.0}, {:.0}]",
            self.district_last.0, self.district_last.1, self.district_last.2
        )?;
        writeln!(f, "output_mb         {:.1}", self.output_mb)?;
        match self.peak_rss_mb {
            Some(m) => writeln!(f, "peak_rss_mb       {m:.1}"),
            None => writeln!(f, "peak_rss_mb       n/a"),
        }
    }
}

/// Synthetic input: district schedules and municipalities.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// One rate schedule per district, for a reference municipality of 10,000 people.
    pub schedules: Vec<Rates>,
    /// Municipalities: (district, base population, multipliers).
    pub regions: Vec<(usize, Population, Multipliers)>,
}

const REF_SIZE: f64 = 10_000.0;

fn age_share(a: usize) -> f64 {
    let a = a as f64;
    let base = if a < 60.0 {
        1.0 + 0.35 * (-((a - 58.0) / 8.0).powi(2)).exp()
    } else {
        (1.0 + 0.35 * (-((a - 58.0) / 8.0).powi(2)).exp()) * (-((a - 60.0) / 24.0).powi(2)).exp()
    };
    base.max(0.0005)
}

fn schedule(rng: &mut ChaCha8Rng) -> Rates {
    let mut r = Rates::zeros(Groups::Total);
    let v = |rng: &mut ChaCha8Rng| rng.gen_range(0.95..1.05);
    let (fm, mm, em, im) = (v(rng), v(rng), v(rng), v(rng));
    let tfr = 1.45 * fm;
    let norm: f64 = (15..50)
        .map(|a| (-((a as f64 - 31.0) / 5.5).powi(2) / 2.0).exp())
        .sum();
    for a in 15..50 {
        r.fertility[a] = tfr * (-((a as f64 - 31.0) / 5.5).powi(2) / 2.0).exp() / norm;
    }
    let shares: f64 = (0..AGES).map(age_share).sum();
    for sex in Sex::ALL {
        let sx = if sex == Sex::Male { 1.25 } else { 1.0 };
        for a in 0..AGES {
            let i = cell(0, sex, a);
            let af = a as f64;
            let q = if a == 0 {
                0.0035
            } else {
                0.00008 + 0.000025 * sx * (0.097 * af).exp()
            };
            r.mortality[i] = (q * mm).min(0.6);
            let e = (0.012 + 0.045 * (-((af - 25.0) / 8.0).powi(2)).exp()) * em;
            r.emigration[i] = e;
            let pop = REF_SIZE * age_share(a) / shares / 2.0;
            r.immigration[i] = 1.1 * e * pop * im;
        }
    }
    r
}

/// Builds the synthetic input of `config` (deterministic in `config.seed`).
pub fn synthetic_germany(config: &BenchConfig) -> Synthetic {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let schedules: Vec<Rates> = (0..config.districts.max(1))
        .map(|_| schedule(&mut rng))
        .collect();
    let shares: Vec<f64> = (0..AGES).map(age_share).collect();
    let share_sum: f64 = shares.iter().sum();
    let regions = (0..config.regions)
        .map(|i| {
            let district = i * schedules.len() / config.regions.max(1);
            let z = stochastic::normal(&mut rng);
            let size = (2500.0 * (1.3 * z).exp()).clamp(50.0, 4_000_000.0);
            let mut p = Population::zeros(Groups::Total);
            for sex in Sex::ALL {
                for (a, share) in shares.iter().enumerate() {
                    let noise = rng.gen_range(0.9..1.1);
                    p.set(0, sex, a, size * share / share_sum / 2.0 * noise);
                }
            }
            let m = Multipliers {
                fertility: rng.gen_range(0.85..1.15),
                mortality: rng.gen_range(0.9..1.1),
                emigration: rng.gen_range(0.8..1.2),
                immigration: size / REF_SIZE * rng.gen_range(0.8..1.2),
            };
            (district, p, m)
        })
        .collect();
    Synthetic { schedules, regions }
}

fn bands() -> Vec<AgeBand> {
    let mut b = PLANNING_BANDS.to_vec();
    b.push(AgeBand::new(0, MAX_AGE));
    b
}

/// CPU time of the calling thread in seconds (`/proc/thread-self/schedstat`), if
/// readable. Unlike wall-clock time it does not grow when other processes compete for
/// the cores.
pub fn thread_cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Peak resident set size of this process in MB (VmHWM of `/proc/self/status`).
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the benchmark (see the module documentation) and returns its figures.
pub fn run_projection_bench(config: &BenchConfig) -> Result<BenchReport> {
    if config.regions == 0 || config.years == 0 || config.district_regions == 0 {
        return Err(Error::Invalid(
            "regions, years and district_regions must be > 0".into(),
        ));
    }
    let t0 = Instant::now();
    let input = synthetic_germany(config);
    let build_s = t0.elapsed().as_secs_f64();

    // Deterministic: all regions, output = persons per region × year × band (f32).
    let bands = bands();
    let nb = bands.len();
    let c1 = thread_cpu_s();
    let t1 = Instant::now();
    let mut output = vec![0f32; config.regions * config.years * nb];
    let mut projector = Projector::new(Groups::Total);
    for (ri, (district, base, m)) in input.regions.iter().enumerate() {
        let rates = &input.schedules[*district];
        let out = &mut output[ri * config.years * nb..(ri + 1) * config.years * nb];
        projector.run(
            base.values(),
            config.years,
            |_| (rates, *m),
            |t, pop, _| {
                for (b, band) in bands.iter().enumerate() {
                    let mut s = 0.0;
                    for chunk in pop.chunks_exact(AGES) {
                        s += chunk[band.from..=band.to].iter().sum::<f64>();
                    }
                    out[t * nb + b] = s as f32;
                }
            },
        );
    }
    let deterministic_s = t1.elapsed().as_secs_f64();
    let deterministic_cpu_s = thread_cpu_s().zip(c1).map(|(b, a)| b - a);
    let population_base: f64 = input.regions.iter().map(|r| r.1.total()).sum();
    let population_last: f64 = (0..config.regions)
        .map(|r| output[(r * config.years + config.years - 1) * nb + nb - 1] as f64)
        .sum();

    // Stochastic: the first `district_regions` municipalities as one district.
    let k = config.district_regions.min(input.regions.len());
    let regions: Vec<RegionInput> = input.regions[..k]
        .iter()
        .enumerate()
        .map(|(i, (d, base, m))| {
            let s = &input.schedules[*d];
            let mut r = s.clone();
            r.fertility.iter_mut().for_each(|v| *v *= m.fertility);
            r.mortality
                .iter_mut()
                .for_each(|v| *v = (*v * m.mortality).min(1.0));
            r.emigration
                .iter_mut()
                .for_each(|v| *v = (*v * m.emigration).min(1.0));
            r.immigration.iter_mut().for_each(|v| *v *= m.immigration);
            RegionInput {
                name: format!("m{i:02}"),
                base: base.clone(),
                rates: vec![r],
            }
        })
        .collect();
    let scfg = StochasticConfig {
        trajectories: config.trajectories,
        seed: config.seed,
        ..StochasticConfig::default()
    };
    let c2 = thread_cpu_s();
    let t2 = Instant::now();
    let intervals = stochastic::simulate(&regions, 0, config.years, &scfg)?;
    let stochastic_s = t2.elapsed().as_secs_f64();
    let stochastic_cpu_s = thread_cpu_s().zip(c2).map(|(b, a)| b - a);
    let total_band = intervals.bands.len() - 1;
    let (mut med, mut lo, mut hi) = (0.0, 0.0, 0.0);
    for r in 0..k {
        let q = intervals.get(r, total_band, config.years - 1);
        med += q.p50;
        lo += q.p2_5;
        hi += q.p97_5;
    }
    // Keep the deterministic output alive until here (it is the result of step 2).
    let output_mb = std::mem::size_of_val(output.as_slice()) as f64 / 1e6;
    Ok(BenchReport {
        config: *config,
        build_s,
        deterministic_s,
        stochastic_s,
        deterministic_cpu_s,
        stochastic_cpu_s,
        regions: config.regions,
        cell_years: (config.regions * 2 * AGES * config.years) as u64,
        population_base,
        population_last,
        output_mb,
        district_last: (med, lo, hi),
        peak_rss_mb: peak_rss_mb(),
    })
}
