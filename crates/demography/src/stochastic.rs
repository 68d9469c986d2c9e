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
//! trajectories run with P² estimators ([`crate::quantile::P2`]): memory is
//! O(regions × bands × years), independent of the number of trajectories.

use crate::ccm::{Multipliers, Projector, Rates};
use crate::indicators::{AgeBand, PLANNING_BANDS};
use crate::population::{MAX_AGE, Population};
use crate::quantile::P2;
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

const PS: [f64; 5] = [0.025, 0.1, 0.5, 0.9, 0.975];

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
    let ncells = regions.len() * nb * years;
    let mut est: Vec<[P2; 5]> = (0..ncells).map(|_| PS.map(P2::new)).collect();
    let mut sums = vec![0.0f64; ncells];
    let mut band_buf = vec![0.0f64; nb];
    let mut projectors: Vec<Projector> = Vec::new();
    for tr in 0..config.trajectories {
        let shocks = trajectory_multipliers(config.seed, tr, years, &config.uncertainty);
        for (ri, region) in regions.iter().enumerate() {
            let groups = region.base.groups();
            if projectors.len() <= ri {
                projectors.push(Projector::new(groups));
            }
            let rates = &region.rates;
            projectors[ri].run(
                region.base.values(),
                years,
                |t| {
                    let r = if rates.len() == 1 {
                        &rates[0]
                    } else {
                        &rates[t]
                    };
                    (r, config.scenario.then(shocks[t]))
                },
                |t, pop, _| {
                    band_sums(pop, &config.bands, &mut band_buf);
                    for (b, v) in band_buf.iter().enumerate() {
                        let c = (ri * nb + b) * years + t;
                        sums[c] += v;
                        for e in est[c].iter_mut() {
                            e.add(*v);
                        }
                    }
                },
            );
        }
    }
    let n = config.trajectories as f64;
    let cells = est
        .iter()
        .zip(&sums)
        .map(|(e, s)| Quantiles {
            p2_5: e[0].estimate(),
            p10: e[1].estimate(),
            p50: e[2].estimate(),
            p90: e[3].estimate(),
            p97_5: e[4].estimate(),
            mean: s / n,
        })
        .collect();
    Ok(Intervals {
        base_year,
        years,
        regions: regions.iter().map(|r| r.name.clone()).collect(),
        bands: config.bands.clone(),
        trajectories: config.trajectories,
        cells,
    })
}

/// Sums a flat population (any grouping) into bands.
fn band_sums(pop: &[f64], bands: &[AgeBand], out: &mut [f64]) {
    out.iter_mut().for_each(|v| *v = 0.0);
    for chunk in pop.chunks_exact(crate::AGES) {
        for (o, b) in out.iter_mut().zip(bands) {
            *o += chunk[b.from.min(MAX_AGE)..=b.to.min(MAX_AGE)]
                .iter()
                .sum::<f64>();
        }
    }
}
