//! Probabilistic projection intervals from stochastic trajectories.
//!
//! # Model
//! Each trajectory perturbs the base rates of every year with multiplicative shocks that
//! are common to all regions of the run (shocks hit a district as a whole, so sums over
//! regions get realistic widths). With `z` independent standard normal draws per year
//! (Box–Muller on a ChaCha8 stream; trajectory `i` uses stream `i` of the seed, so
//! results do not depend on the order of computation):
//!
//! * fertility: `exp(F_t)`, `F_t = F_{t−1} + σ_f z` (random walk; default σ_f = 0.03 per
//!   year, i.e. ±16 % TFR after 30 years at one s.d.);
//! * mortality: `exp(M_t)`, `M_t = M_{t−1} + σ_m z` (random walk; σ_m = 0.02);
//! * immigration: `exp(I_t)`, `I_t = ρ I_{t−1} + σ_i z` (AR(1); ρ = 0.5, σ_i = 0.15 —
//!   migration swings from year to year but does not drift);
//! * emigration: `exp(E_t)`, AR(1) with ρ = 0.5, σ_e = 0.10.
//!
//! The shocks are log-normal with median 1, so the median trajectory follows the
//! deterministic projection.
//!
//! # Output
//! For every region × age band × year: the 2.5, 10, 50, 90 and 97.5 % quantiles (80 %
//! interval = 10–90, 95 % interval = 2.5–97.5) and the mean, computed while the
//! trajectories run with one binned streaming estimator per cell
//! ([`crate::quantile::Binned`]). The run goes region by region, all trajectories of one
//! region before the next, so only one region's estimators (bands × years) exist at a
//! time: besides the output, memory is O(bands × years) for the estimators and
//! O(trajectories × years) for the shock paths, never O(trajectories × cells).

use crate::ccm::{Multipliers, Projector, Rates};
use crate::indicators::{AgeBand, PLANNING_BANDS};
use crate::population::{MAX_AGE, Population};
use crate::quantile::Binned;
use crate::{Error, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;

/// Standard deviations and autocorrelation of the shocks (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Uncertainty {
    /// Random-walk s.d. of log fertility per year.
    pub fertility_sd: f64,
    /// Random-walk s.d. of log mortality per year.
    pub mortality_sd: f64,
    /// AR(1) innovation s.d. of log immigration.
    pub immigration_sd: f64,
    /// AR(1) innovation s.d. of log emigration.
    pub emigration_sd: f64,
    /// AR(1) coefficient of the migration shocks.
    pub migration_rho: f64,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            fertility_sd: 0.03,
            mortality_sd: 0.02,
            immigration_sd: 0.15,
            emigration_sd: 0.10,
            migration_rho: 0.5,
        }
    }
}

/// Options of [`simulate`].
#[derive(Clone, Debug, PartialEq)]
pub struct StochasticConfig {
    /// Number of trajectories (e.g. 1,000).
    pub trajectories: usize,
    /// RNG seed.
    pub seed: u64,
    /// Shock distributions.
    pub uncertainty: Uncertainty,
    /// Scenario multipliers applied before the shocks.
    pub scenario: Multipliers,
    /// Output age bands (default: the planning bands and the total 0–100+).
    pub bands: Vec<AgeBand>,
}

impl Default for StochasticConfig {
    fn default() -> Self {
        let mut bands = PLANNING_BANDS.to_vec();
        bands.push(AgeBand::new(0, MAX_AGE));
        StochasticConfig {
            trajectories: 1000,
            seed: 1,
            uncertainty: Uncertainty::default(),
            scenario: Multipliers::ONE,
            bands,
        }
    }
}

/// One region of a stochastic run.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionInput {
    /// Name or id of the region.
    pub name: String,
    /// Population on 31 December of the base year.
    pub base: Population,
    /// Rates: one entry (used for every year) or one per projected year.
    pub rates: Vec<Rates>,
}

/// Quantiles of one output cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantiles {
    /// 2.5 % quantile (lower bound of the 95 % interval).
    pub p2_5: f64,
    /// 10 % quantile (lower bound of the 80 % interval).
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90 % quantile (upper bound of the 80 % interval).
    pub p90: f64,
    /// 97.5 % quantile (upper bound of the 95 % interval).
    pub p97_5: f64,
    /// Mean over trajectories.
    pub mean: f64,
}

/// Interval estimates per region × band × year.
#[derive(Clone, Debug, PartialEq)]
pub struct Intervals {
    /// Base year (31 December).
    pub base_year: i32,
    /// Number of projected years.
    pub years: usize,
    /// Region names, in input order.
    pub regions: Vec<String>,
    /// Age bands, in order.
    pub bands: Vec<AgeBand>,
    /// Number of trajectories.
    pub trajectories: usize,
    cells: Vec<Quantiles>,
}

impl Intervals {
    /// Quantiles for region index `region`, band index `band`, projected year index
    /// `t` (0 = `base_year + 1`). Panics if out of range.
    pub fn get(&self, region: usize, band: usize, t: usize) -> &Quantiles {
        assert!(region < self.regions.len() && band < self.bands.len() && t < self.years);
        &self.cells[(region * self.bands.len() + band) * self.years + t]
    }

    /// Demand series for [`crate::indicators::capacity_gap`]: the median with the 80 %
    /// interval (10–90 %) of one region × band over all years.
    pub fn demand_80(&self, region: usize, band: usize) -> Vec<crate::indicators::Demand> {
        (0..self.years)
            .map(|t| {
                let q = self.get(region, band, t);
                crate::indicators::Demand {
                    year: self.base_year + t as i32 + 1,
                    central: q.p50,
                    low: q.p10,
                    high: q.p90,
                }
            })
            .collect()
    }

    /// Writes `region,band,year,p2_5,p10,p50,p90,p97_5,mean` as CSV.
    pub fn write_csv(&self, out: impl Write) -> Result<()> {
        let mut w = std::io::BufWriter::new(out);
        writeln!(w, "region,band,year,p2_5,p10,p50,p90,p97_5,mean")?;
        for (r, name) in self.regions.iter().enumerate() {
            for (b, band) in self.bands.iter().enumerate() {
                for t in 0..self.years {
                    let q = self.get(r, b, t);
                    writeln!(
                        w,
                        "{},{},{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2}",
                        name,
                        band.label(),
                        self.base_year + t as i32 + 1,
                        q.p2_5,
                        q.p10,
                        q.p50,
                        q.p90,
                        q.p97_5,
                        q.mean
                    )?;
                }
            }
        }
        w.flush()?;
        Ok(())
    }
}

/// A standard normal draw (Box–Muller, one of the pair).
pub(crate) fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = rng.r#gen::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.r#gen();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Shock multipliers of one trajectory for `years` years.
pub fn trajectory_multipliers(
    seed: u64,
    trajectory: usize,
    years: usize,
    u: &Uncertainty,
) -> Vec<Multipliers> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(trajectory as u64);
    let (mut f, mut m, mut i, mut e) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    (0..years)
        .map(|_| {
            f += u.fertility_sd * normal(&mut rng);
            m += u.mortality_sd * normal(&mut rng);
            i = u.migration_rho * i + u.immigration_sd * normal(&mut rng);
            e = u.migration_rho * e + u.emigration_sd * normal(&mut rng);
            Multipliers {
                fertility: f.exp(),
                mortality: m.exp(),
                immigration: i.exp(),
                emigration: e.exp(),
            }
        })
        .collect()
}

/// Runs `config.trajectories` stochastic projections of `years` years for every region
/// and returns the interval estimates.
pub fn simulate(
    regions: &[RegionInput],
    base_year: i32,
    years: usize,
    config: &StochasticConfig,
) -> Result<Intervals> {
    config.scenario.validate()?;
    if config.trajectories == 0 || config.bands.is_empty() {
        return Err(Error::Invalid(
            "need at least one trajectory and one band".into(),
        ));
    }
    for r in regions {
        if r.rates.len() != 1 && r.rates.len() != years {
            return Err(Error::Invalid(format!(
                "region {}: give one rate set or one per year ({years})",
                r.name
            )));
        }
        for rt in &r.rates {
            rt.validate()?;
            if rt.groups != r.base.groups() {
                return Err(Error::Invalid(format!(
                    "region {}: rates and population have different groupings",
                    r.name
                )));
            }
        }
    }
    let nb = config.bands.len();
    let n = config.trajectories as f64;
    let mut cells = Vec::with_capacity(regions.len() * nb * years);
    // One region's estimators at a time (band × year), reused for the next region.
    let mut est: Vec<Binned> = (0..nb * years).map(|_| Binned::new()).collect();
    let mut sums = vec![0.0f64; nb * years];
    let mut band_buf = vec![0.0f64; nb];
    let mut by_age = [0.0f64; crate::AGES];
    // The shock paths of all trajectories (4 multipliers per year: small next to the
    // estimators) so that the loop can run region by region: one region's estimators and
    // rates stay in the CPU caches for all its trajectories instead of the estimators of
    // every region being streamed through memory once per trajectory. Each cell still
    // sees its observations in trajectory order.
    let shocks: Vec<Vec<Multipliers>> = (0..config.trajectories)
        .map(|tr| trajectory_multipliers(config.seed, tr, years, &config.uncertainty))
        .collect();
    for region in regions {
        let mut projector = Projector::new(region.base.groups());
        let rates = &region.rates;
        est.iter_mut().for_each(Binned::clear);
        sums.iter_mut().for_each(|s| *s = 0.0);
        for path in &shocks {
            projector.run(
                region.base.values(),
                years,
                |t| {
                    let r = if rates.len() == 1 {
                        &rates[0]
                    } else {
                        &rates[t]
                    };
                    (r, config.scenario.then(path[t]))
                },
                |t, pop, _| {
                    band_sums(pop, &config.bands, &mut by_age, &mut band_buf);
                    for (b, v) in band_buf.iter().enumerate() {
                        let c = b * years + t;
                        sums[c] += v;
                        est[c].add(*v);
                    }
                },
            );
        }
        cells.extend(est.iter().zip(&sums).map(|(e, s)| Quantiles {
            p2_5: e.quantile(0.025),
            p10: e.quantile(0.1),
            p50: e.quantile(0.5),
            p90: e.quantile(0.9),
            p97_5: e.quantile(0.975),
            mean: s / n,
        }));
    }
    Ok(Intervals {
        base_year,
        years,
        regions: regions.iter().map(|r| r.name.clone()).collect(),
        bands: config.bands.clone(),
        trajectories: config.trajectories,
        cells,
    })
}

/// Sums a flat population (any grouping) into bands. `by_age` is scratch space for the
/// population by age over all groups and sexes.
///
/// This runs once per region × year × trajectory, so it avoids long chains of dependent
/// additions: the groups are added element-wise (vectorised) and each band is summed in
/// four lanes.
fn band_sums(pop: &[f64], bands: &[AgeBand], by_age: &mut [f64; crate::AGES], out: &mut [f64]) {
    let mut chunks = pop.chunks_exact(crate::AGES);
    by_age.copy_from_slice(chunks.next().expect("a population has at least one chunk"));
    for chunk in chunks {
        for (a, v) in by_age.iter_mut().zip(chunk) {
            *a += v;
        }
    }
    for (o, b) in out.iter_mut().zip(bands) {
        *o = lane_sum(&by_age[b.from.min(MAX_AGE)..=b.to.min(MAX_AGE)]);
    }
}

/// Sum in four independent lanes (the compiler keeps them in one vector register).
fn lane_sum(v: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let chunks = v.chunks_exact(4);
    let rest: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for (l, x) in lanes.iter_mut().zip(c) {
            *l += x;
        }
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}
