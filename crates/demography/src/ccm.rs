//! The cohort-component engine (one region, one year at a time, explicit rates).
//!
//! This is the single implementation of the projection step; the FSO format
//! ([`crate::fso`]), the stochastic simulation ([`crate::stochastic`]), the back-test
//! ([`crate::backtest`]) and the benchmark all run through [`step_into`].
//!
//! # Conventions (those of the Swiss FSO)
//! * A year runs from 1 January to 31 December. The projection state is the population on
//!   31 December; before each year it is *aged* ([`Population::aged`]): everybody becomes
//!   one year older, ages 99 and 100+ merge, age 0 is empty.
//! * All rates of year *t* are indexed by the **age reached on 31 December of *t*** (the
//!   age of the aged population), e.g. `mortality[age 1]` applies to the children born in
//!   *t − 1*.
//! * Mortality, emigration and acquisition are probabilities per person present on
//!   1 January; immigration is a count of persons arriving during the year.
//! * Persons who move or change nationality during the year are exposed to the risk of
//!   dying for half of the year. Per cell (`n` aged population on 1 January, `q`
//!   mortality, `e` total emigration, `c` acquisition for foreign nationals, `I`
//!   immigrants):
//!
//!   ```text
//!   deaths = n·(q − (e + c)·q/2) + I·q/2   (+ c_int·n_int·q_ch/2 for Swiss: new citizens)
//!   end    = n − deaths − n·e − n·c + I     (+ c_int·n_int for Swiss)
//!   ```
//! * Births: women's exposure is the mean of the aged population on 1 January and the
//!   population on 31 December of the same age; births = Σ fertility(age) · exposure.
//!   Births to Swiss mothers are Swiss; of the births to foreign mothers the share
//!   `native_share_of_foreign_births` (FSO `int_mothers`) is Swiss. A share
//!   `share_female` of births are girls (FSO: 100/205, i.e. 105 boys per 100 girls).
//! * Newborns (age 0 on 31 December, births `B`) are exposed for a shorter time; the FSO
//!   weights their exits and immigrants with 2/3:
//!   `deaths₀ = q₀ · (B · (1 − ⅔(e₀ + c₀)) + ⅔ I₀)`, `end₀ = B − deaths₀ − B·e₀ − B·c₀ + I₀`.
//! * No cell ever becomes negative: a cell whose exits exceed its stock is set to 0
//!   (this only happens with extreme multipliers or inconsistent inputs).

use crate::population::{AGES, Groups, Population, Sex, cell};
use crate::{Error, Result};

/// FSO standard share of girls among newborns, 100/205 (105 boys per 100 girls).
pub const FSO_SHARE_FEMALE: f64 = 100.0 / 205.0;

/// Age-specific rates of one region for one year. Layouts follow
/// [`crate::population::cell`]; all vectors are indexed by age on 31 December.
#[derive(Clone, Debug, PartialEq)]
pub struct Rates {
    /// Grouping these rates are for.
    pub groups: Groups,
    /// Births per woman during the year, by group × age: index `group * 101 + age`
    /// (length `groups × 101`). Must be 0 at age 0.
    pub fertility: Vec<f64>,
    /// Probability of dying during the year (length `groups.cells()`).
    pub mortality: Vec<f64>,
    /// Probability of emigrating during the year, all destinations together
    /// (length `groups.cells()`).
    pub emigration: Vec<f64>,
    /// Immigrants during the year, counts (length `groups.cells()`).
    pub immigration: Vec<f64>,
    /// Probability that a foreign national (group 1) becomes Swiss (group 0) during the
    /// year (length `groups.cells()`; only the group-1 half is used; all 0 with
    /// [`Groups::Total`]).
    pub acquisition: Vec<f64>,
    /// Share of girls among newborns.
    pub share_female: f64,
    /// Share of the children of foreign mothers who are Swiss at birth (FSO
    /// `int_mothers`); unused with [`Groups::Total`].
    pub native_share_of_foreign_births: f64,
}

impl Rates {
    /// All-zero rates (no births, deaths or migration) with the FSO sex ratio at birth.
    pub fn zeros(groups: Groups) -> Self {
        Rates {
            groups,
            fertility: vec![0.0; groups.count() * AGES],
            mortality: vec![0.0; groups.cells()],
            emigration: vec![0.0; groups.cells()],
            immigration: vec![0.0; groups.cells()],
            acquisition: vec![0.0; groups.cells()],
            share_female: FSO_SHARE_FEMALE,
            native_share_of_foreign_births: 0.0,
        }
    }

    /// Checks dimensions and ranges: all values finite and ≥ 0, probabilities ≤ 1,
    /// no fertility at age 0, shares within [0, 1].
    pub fn validate(&self) -> Result<()> {
        let cells = self.groups.cells();
        let check = |name: &str, v: &[f64], len: usize, prob: bool| -> Result<()> {
            if v.len() != len {
                return Err(Error::Invalid(format!(
                    "{name}: expected {len} values, got {}",
                    v.len()
                )));
            }
            if let Some((i, x)) = v
                .iter()
                .enumerate()
                .find(|(_, x)| !x.is_finite() || **x < 0.0 || (prob && **x > 1.0))
            {
                return Err(Error::Invalid(format!("{name}[{i}] = {x} is out of range")));
            }
            Ok(())
        };
        check(
            "fertility",
            &self.fertility,
            self.groups.count() * AGES,
            false,
        )?;
        check("mortality", &self.mortality, cells, true)?;
        check("emigration", &self.emigration, cells, true)?;
        check("immigration", &self.immigration, cells, false)?;
        check("acquisition", &self.acquisition, cells, true)?;
        check(
            "shares",
            &[self.share_female, self.native_share_of_foreign_births],
            2,
            true,
        )?;
        for g in 0..self.groups.count() {
            if self.fertility[g * AGES] != 0.0 {
                return Err(Error::Invalid("fertility at age 0 must be 0".into()));
            }
        }
        Ok(())
    }

    /// The same rates with nationality merged, weighting by `weights` (a population of
    /// the same grouping, e.g. the start population); immigration counts are summed.
    pub fn merged(&self, weights: &Population) -> Rates {
        if self.groups == Groups::Total {
            return self.clone();
        }
        let mut r = Rates::zeros(Groups::Total);
        r.share_female = self.share_female;
        let w = weights.values();
        for sex in Sex::ALL {
            for a in 0..AGES {
                let (i0, i1, o) = (cell(0, sex, a), cell(1, sex, a), cell(0, sex, a));
                let (w0, w1) = (w[i0], w[i1]);
                let tw = w0 + w1;
                let avg = |v: &[f64]| {
                    if tw > 0.0 {
                        (v[i0] * w0 + v[i1] * w1) / tw
                    } else {
                        0.5 * (v[i0] + v[i1])
                    }
                };
                r.mortality[o] = avg(&self.mortality);
                r.emigration[o] = avg(&self.emigration);
                r.immigration[o] = self.immigration[i0] + self.immigration[i1];
                if sex == Sex::Female {
                    let f0 = self.fertility[a];
                    let f1 = self.fertility[AGES + a];
                    r.fertility[a] = if tw > 0.0 {
                        (f0 * w0 + f1 * w1) / tw
                    } else {
                        0.5 * (f0 + f1)
                    };
                }
            }
        }
        r
    }
}

/// Scalar multipliers applied to a [`Rates`] set for one year (scenarios and stochastic
/// trajectories). Probabilities are capped at 1 after multiplication.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Multipliers {
    /// Multiplies fertility.
    pub fertility: f64,
    /// Multiplies mortality probabilities.
    pub mortality: f64,
    /// Multiplies emigration probabilities.
    pub emigration: f64,
    /// Multiplies immigration counts.
    pub immigration: f64,
}

impl Default for Multipliers {
    fn default() -> Self {
        Multipliers::ONE
    }
}

impl Multipliers {
    /// No change.
    pub const ONE: Multipliers = Multipliers {
        fertility: 1.0,
        mortality: 1.0,
        emigration: 1.0,
        immigration: 1.0,
    };
    /// Component-wise product.
    pub fn then(self, o: Multipliers) -> Multipliers {
        Multipliers {
            fertility: self.fertility * o.fertility,
            mortality: self.mortality * o.mortality,
            emigration: self.emigration * o.emigration,
            immigration: self.immigration * o.immigration,
        }
    }
    /// Checks that all multipliers are finite and ≥ 0.
    pub fn validate(&self) -> Result<()> {
        let all = [
            self.fertility,
            self.mortality,
            self.emigration,
            self.immigration,
        ];
        if all.iter().any(|m| !m.is_finite() || *m < 0.0) {
            return Err(Error::Invalid(format!(
                "multipliers must be finite and >= 0: {self:?}"
            )));
        }
        Ok(())
    }
}

/// Demographic events of one projected year, by group × sex (index `group * 2 + sex`;
/// only the first `groups × 2` entries are used).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Components {
    /// Live births by the child's group and sex.
    pub births: [f64; 4],
    /// Deaths (including deaths of newborns and of immigrants of the year).
    pub deaths: [f64; 4],
    /// Emigrants.
    pub emigrants: [f64; 4],
    /// Immigrants.
    pub immigrants: [f64; 4],
    /// Acquisitions of citizenship by sex (foreign → Swiss).
    pub acquisitions: [f64; 2],
}

impl Components {
    /// Total births.
    pub fn births_total(&self) -> f64 {
        self.births.iter().sum()
    }
    /// Total deaths.
    pub fn deaths_total(&self) -> f64 {
        self.deaths.iter().sum()
    }
    /// Births − deaths.
    pub fn natural_balance(&self) -> f64 {
        self.births_total() - self.deaths_total()
    }
    /// Immigrants − emigrants.
    pub fn migration_balance(&self) -> f64 {
        self.immigrants.iter().sum::<f64>() - self.emigrants.iter().sum::<f64>()
    }
    fn add(&mut self, o: &Components) {
        for i in 0..4 {
            self.births[i] += o.births[i];
            self.deaths[i] += o.deaths[i];
            self.emigrants[i] += o.emigrants[i];
            self.immigrants[i] += o.immigrants[i];
        }
        self.acquisitions[0] += o.acquisitions[0];
        self.acquisitions[1] += o.acquisitions[1];
    }
    /// Sum of several components (e.g. over regions).
    pub fn sum<'a>(it: impl IntoIterator<Item = &'a Components>) -> Components {
        let mut c = Components::default();
        for x in it {
            c.add(x);
        }
        c
    }
}

/// One projection year: the population on 31 December and the events of the year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearResult {
    /// Calendar year.
    pub year: i32,
    /// Population on 31 December of `year`.
    pub population: Population,
    /// Events during `year`.
    pub components: Components,
}

/// A deterministic projection of one region.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// The year of the base population (31 December).
    pub base_year: i32,
    /// The base population (31 December of `base_year`).
    pub base: Population,
    /// One entry per projected year, in order.
    pub years: Vec<YearResult>,
}

/// One projection step on flat vectors: `aged` is the population on 1 January already
/// aged ([`crate::population::age_into`]), `out` receives the population on 31 December.
/// `rates` must be valid ([`Rates::validate`]) and of the same grouping as the vectors.
///
/// This is the hot path: no allocation, no validation.
pub fn step_into(aged: &[f64], rates: &Rates, m: &Multipliers, out: &mut [f64]) -> Components {
    let groups = rates.groups.count();
    debug_assert_eq!(aged.len(), rates.groups.cells());
    debug_assert_eq!(out.len(), aged.len());
    let mut comp = Components::default();
    let (mm, me, mi) = (m.mortality, m.emigration, m.immigration);

    // 1. Ages 1..=100: survivors, emigrants, leavers by acquisition, immigrants.
    for g in 0..groups {
        for sex in Sex::ALL {
            let k = g * 2 + sex.index();
            let base = k * AGES;
            // Four accumulator lanes per component let the compiler vectorise the
            // loop (ages 1..=100 are 100 = 25 × 4 cells).
            let (mut d4, mut em4, mut im4, mut ac4) = ([0.0; 4], [0.0; 4], [0.0; 4], [0.0; 4]);
            // Swiss nationals do not acquire citizenship: multiply by 0 instead of
            // branching, so the loop stays branch-free.
            let cf = if g == 1 { 1.0 } else { 0.0 };
            let r = base + 1..base + AGES;
            let it = out[r.clone()]
                .chunks_exact_mut(4)
                .zip(aged[r.clone()].chunks_exact(4))
                .zip(rates.mortality[r.clone()].chunks_exact(4))
                .zip(rates.emigration[r.clone()].chunks_exact(4))
                .zip(rates.acquisition[r.clone()].chunks_exact(4))
                .zip(rates.immigration[r].chunks_exact(4));
            for (((((o, n), q), e), c), i) in it {
                for l in 0..4 {
                    let q = (q[l] * mm).min(1.0);
                    let e = (e[l] * me).min(1.0);
                    let c = c[l] * cf;
                    let i = i[l] * mi;
                    let n = n[l];
                    let deaths = n * (q - (e + c) * q * 0.5) + i * q * 0.5;
                    let emi = n * e;
                    let ac = n * c;
                    o[l] = n - deaths - emi - ac + i;
                    d4[l] += deaths;
                    em4[l] += emi;
                    im4[l] += i;
                    ac4[l] += ac;
                }
            }
            let sum4 = |v: [f64; 4]| (v[0] + v[1]) + (v[2] + v[3]);
            let (d, em, im, acq) = (sum4(d4), sum4(em4), sum4(im4), sum4(ac4));
            comp.deaths[k] += d;
            comp.emigrants[k] += em;
            comp.immigrants[k] += im;
            if g == 1 {
                comp.acquisitions[sex.index()] += acq;
            }
        }
    }
    // 2. New Swiss citizens join group 0 (exposed to Swiss mortality for half a year).
    if groups == 2 {
        for sex in Sex::ALL {
            let mut d = 0.0;
            for a in 1..AGES {
                let (ci, ii) = (cell(0, sex, a), cell(1, sex, a));
                let gained = aged[ii] * rates.acquisition[ii];
                let dead = gained * (rates.mortality[ci] * mm).min(1.0) * 0.5;
                out[ci] += gained - dead;
                d += dead;
            }
            comp.deaths[sex.index()] += d;
        }
    }
    for v in out.iter_mut() {
        if *v < 0.0 {
            *v = 0.0;
        }
    }
    // 3. Births from the mean number of women on 1 January and 31 December.
    let mut by_mother = [0.0; 2];
    for (g, bm) in by_mother.iter_mut().enumerate().take(groups) {
        let f = &rates.fertility[g * AGES..(g + 1) * AGES];
        let base = cell(g, Sex::Female, 0);
        let mut b = 0.0;
        for a in 1..AGES {
            if f[a] > 0.0 {
                b += f[a] * 0.5 * (aged[base + a] + out[base + a]);
            }
        }
        *bm = b * m.fertility;
    }
    let (sf, sm) = (rates.share_female, 1.0 - rates.share_female);
    let mut births = [0.0; 4];
    if groups == 1 {
        births[0] = by_mother[0] * sm;
        births[1] = by_mother[0] * sf;
    } else {
        let ns = rates.native_share_of_foreign_births;
        let ch = by_mother[0] + by_mother[1] * ns;
        let int = by_mother[1] * (1.0 - ns);
        births = [ch * sm, ch * sf, int * sm, int * sf];
    }
    comp.births = births;
    // 4. Age 0: newborns (weighted 2/3) and anybody present at age 0 on 1 January.
    let mut acq0 = [0.0; 2];
    for g in 0..groups {
        for sex in Sex::ALL {
            let k = g * 2 + sex.index();
            let i = k * AGES;
            let q = (rates.mortality[i] * mm).min(1.0);
            let e = (rates.emigration[i] * me).min(1.0);
            let c = if g == 1 { rates.acquisition[i] } else { 0.0 };
            let imm = rates.immigration[i] * mi;
            let n = aged[i];
            let b = births[k];
            let deaths = n * (q - (e + c) * q * 0.5)
                + q * (b * (1.0 - 2.0 / 3.0 * (e + c)) + 2.0 / 3.0 * imm);
            let emi = (n + b) * e;
            let ac = (n + b) * c;
            out[i] = (n + b - deaths - emi - ac + imm).max(0.0);
            comp.deaths[k] += deaths;
            comp.emigrants[k] += emi;
            comp.immigrants[k] += imm;
            if g == 1 {
                acq0[sex.index()] = ac;
                comp.acquisitions[sex.index()] += ac;
            }
        }
    }
    if groups == 2 {
        for sex in Sex::ALL {
            out[cell(0, sex, 0)] += acq0[sex.index()];
        }
    }
    comp
}

/// Reusable scratch space for projecting many regions without allocating per year.
#[derive(Debug, Clone)]
pub struct Projector {
    aged: Vec<f64>,
    end: Vec<f64>,
}

impl Projector {
    /// Scratch space for populations of `groups`.
    pub fn new(groups: Groups) -> Self {
        Projector {
            aged: vec![0.0; groups.cells()],
            end: vec![0.0; groups.cells()],
        }
    }

    /// Projects `base` (population on 31 December, flat layout) for `years` years.
    /// For each year index `t` (0-based), `rates_for(t)` supplies the rates and
    /// multipliers, and `sink(t, population_31_december, components)` receives the
    /// result. Rates must be valid and of the grouping this projector was made for.
    pub fn run<'r>(
        &mut self,
        base: &[f64],
        years: usize,
        mut rates_for: impl FnMut(usize) -> (&'r Rates, Multipliers),
        mut sink: impl FnMut(usize, &[f64], &Components),
    ) {
        assert_eq!(
            base.len(),
            self.end.len(),
            "population has the wrong grouping"
        );
        self.end.copy_from_slice(base);
        for t in 0..years {
            crate::population::age_into(&self.end, &mut self.aged);
            let (rates, m) = rates_for(t);
            let comp = step_into(&self.aged, rates, &m, &mut self.end);
            sink(t, &self.end, &comp);
        }
    }
}

/// Projects `base` (population on 31 December of `base_year`) through one year per entry
/// of `rates` (the first entry is year `base_year + 1`), all with the multipliers `m`.
pub fn project(
    base: &Population,
    base_year: i32,
    rates: &[Rates],
    m: &Multipliers,
) -> Result<Projection> {
    m.validate()?;
    for r in rates {
        r.validate()?;
        if r.groups != base.groups() {
            return Err(Error::Invalid(
                "rates and population have different groupings".into(),
            ));
        }
    }
    let mut years = Vec::with_capacity(rates.len());
    let mut proj = Projector::new(base.groups());
    proj.run(
        base.values(),
        rates.len(),
        |t| (&rates[t], *m),
        |t, pop, comp| {
            years.push(YearResult {
                year: base_year + t as i32 + 1,
                population: Population::from_values(base.groups(), pop.to_vec())
                    .expect("the engine keeps populations finite and non-negative"),
                components: *comp,
            })
        },
    );
    Ok(Projection {
        base_year,
        base: base.clone(),
        years,
    })
}
