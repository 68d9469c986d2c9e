//! The Swiss FSO cohort-component projection: parameter and population formats, the
//! projection, CSV output and the comparison with the FSO's published figures.
//!
//! # Method
//! The FSO ("Bundesamt für Statistik", scenarios of the cantonal population) projects by
//! single year of age 0..=100 (100+), sex and nationality (Swiss `ch` / foreign `int`)
//! with the rates of the parameter table; [`crate::ccm`] documents the order of
//! operations. It was established by reproducing the published reference scenario
//! for Aargau 2025–2055 one year at a time from the FSO's own start populations
//! (`start_n`), which matches every cell to the rounding of the published figures:
//!
//! * all flows use rates indexed by the age on 31 December;
//! * deaths among emigrants, new citizens and immigrants count half a year of exposure,
//!   and immigrants die at the mortality of **their own** age class (using the next age
//!   class, as one open implementation does, is 200× further off);
//! * newborns: births from the mean of the female population on 1 January and
//!   31 December times `birthrate`, children of foreign mothers Swiss with probability
//!   `int_mothers`, exits and immigrants of age 0 weighted with 2/3;
//! * **sex ratio at birth**: 105 boys per 100 girls (share of girls 100/205). Fitting it
//!   on the published figures confirms it: the maximum deviation of yearly totals is
//!   1.4·10⁻⁷ with 100/205 but 1.2·10⁻⁵ with 0.485 and 9.8·10⁻⁶ with 0.49. (The ratio of
//!   boys to girls aged 0 in the published table is only about 1.04–1.05 because
//!   immigrants and deaths of age 0 are not in the 105:100 ratio.)
//!
//! Source: Swiss Federal Statistical Office (FSO) / Statistik Aargau.
//!
//! # Formats
//! *Parameters* (`aargau-fso-2025-2055-reference.csv`): one row per year × nat × sex ×
//! age with columns `nat,sex,age,start_n,year,scen,spatial_unit,birthrate,int_mothers,
//! mor,emi_int,emi_nat,acq,imm_int_n,imm_nat_n` and optionally `fso_projection_n`
//! (other columns are ignored, order is free). Several scenarios may be present; exactly
//! one spatial unit per scenario.
//!
//! *Population* (`aargau-population-2024.csv`): `year,spatial_unit,nat,sex,age,n`, the
//! population on 31 December of `year` (`spatial_unit` and `nat` optional).
//!
//! *Output*: `year,nat,sex,age,n`, the population on 31 December of each projected
//! year, ordered by year, nat (ch, int), sex (m, f), age; `n` with 3 decimals.

use crate::ccm::{self, FSO_SHARE_FEMALE, Multipliers, Projection, Rates};
use crate::csvio::Table;
use crate::population::{AGES, Groups, Nat, Population, Sex, cell};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};

/// Options of the FSO projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FsoConfig {
    /// Share of girls among newborns (default 100/205).
    pub share_female: f64,
    /// Rate multipliers applied on top of the parameters (default: none), e.g. for
    /// sensitivity runs.
    pub multipliers: Multipliers,
}

impl Default for FsoConfig {
    fn default() -> Self {
        FsoConfig {
            share_female: FSO_SHARE_FEMALE,
            multipliers: Multipliers::ONE,
        }
    }
}

/// Parameters of one projection year.
#[derive(Clone, Debug, PartialEq)]
pub struct FsoYear {
    /// Calendar year.
    pub year: i32,
    /// Rates (emigration abroad and to other cantons summed; immigration from abroad and
    /// from other cantons summed).
    pub rates: Rates,
    /// `start_n`: the population on 1 January as the FSO carried it, already aged
    /// (age 0 empty).
    pub start: Population,
    /// `fso_projection_n`: the FSO's published population on 31 December, if the file
    /// has that column.
    pub published: Option<Population>,
}

/// The FSO parameter table of one scenario and one spatial unit, validated and complete
/// (all 404 cells of every year, consecutive years).
#[derive(Clone, Debug, PartialEq)]
pub struct FsoParameters {
    spatial_unit: String,
    scenario: String,
    years: Vec<FsoYear>,
}

const PARAM_COLUMNS: [&str; 15] = [
    "nat",
    "sex",
    "age",
    "start_n",
    "year",
    "scen",
    "spatial_unit",
    "birthrate",
    "int_mothers",
    "mor",
    "emi_int",
    "emi_nat",
    "acq",
    "imm_int_n",
    "imm_nat_n",
];

struct YearAcc {
    rates: Rates,
    start: Vec<f64>,
    published: Vec<f64>,
    seen: Vec<u64>,
    int_mothers: Option<f64>,
}

impl FsoParameters {
    /// Reads the parameter table for `scenario` (value of the `scen` column).
    ///
    /// Errors carry the line number: unparsable numbers, probabilities outside [0, 1],
    /// unknown `nat`/`sex`, ages outside 0..=100, duplicate cells; and, for the whole
    /// file, missing columns, an unknown scenario, several spatial units, missing cells
    /// or gaps between years.
    pub fn read(input: impl Read, scenario: &str) -> Result<Self> {
        let mut t = Table::new(input)?;
        let [
            nat,
            sex,
            age,
            start_n,
            year,
            scen,
            su,
            br,
            im,
            mor,
            emi_int,
            emi_nat,
            acq,
            imm_int,
            imm_nat,
        ] = t.columns(PARAM_COLUMNS)?;
        let published_col = t.column("fso_projection_n").ok();
        let mut scenarios = BTreeSet::new();
        let mut units = BTreeSet::new();
        let mut acc: BTreeMap<i32, YearAcc> = BTreeMap::new();
        t.for_each(|r| {
            let s = r.str(scen);
            if s != scenario {
                scenarios.insert(s.to_string());
                return Ok(());
            }
            units.insert(r.str(su).to_string());
            let (y, n, x, a) = (r.year(year)?, r.nat(nat)?, r.sex(sex)?, r.age(age)?);
            let ya = acc.entry(y).or_insert_with(|| YearAcc {
                rates: Rates::zeros(Groups::Nationality),
                start: vec![0.0; Groups::Nationality.cells()],
                published: vec![0.0; Groups::Nationality.cells()],
                seen: vec![0; Groups::Nationality.cells()],
                int_mothers: None,
            });
            let i = cell(n.index(), x, a);
            if ya.seen[i] != 0 {
                return Err(Error::Duplicate {
                    line: r.line,
                    first: ya.seen[i],
                    key: format!("year {y}, {}, {}, age {a}", n.code(), x.code()),
                });
            }
            ya.seen[i] = r.line;
            let birthrate = r.nonneg(br, "birthrate")?;
            if birthrate > 0.0 && (x == Sex::Male || a == 0) {
                return Err(Error::parse(
                    r.line,
                    "column `birthrate`: births are only possible for women aged 1 and over",
                ));
            }
            if x == Sex::Female {
                ya.rates.fertility[n.index() * AGES + a] = birthrate;
            }
            let int_mothers = r.prob(im, "int_mothers")?;
            if n == Nat::Int && x == Sex::Female && ya.int_mothers.is_none() {
                ya.int_mothers = Some(int_mothers);
            }
            ya.rates.mortality[i] = r.prob(mor, "mor")?;
            let e = r.prob(emi_int, "emi_int")? + r.prob(emi_nat, "emi_nat")?;
            if e > 1.0 {
                return Err(Error::parse(r.line, "emi_int + emi_nat exceeds 1"));
            }
            ya.rates.emigration[i] = e;
            let c = r.prob(acq, "acq")?;
            if n == Nat::Ch && c > 0.0 {
                return Err(Error::parse(
                    r.line,
                    "column `acq`: Swiss nationals cannot acquire citizenship",
                ));
            }
            ya.rates.acquisition[i] = c;
            ya.rates.immigration[i] =
                r.nonneg(imm_int, "imm_int_n")? + r.nonneg(imm_nat, "imm_nat_n")?;
            ya.start[i] = r.nonneg(start_n, "start_n")?;
            if let Some(pc) = published_col {
                ya.published[i] = r.nonneg(pc, "fso_projection_n")?;
            }
            Ok(())
        })?;
        if acc.is_empty() {
            return Err(Error::UnknownScenario {
                requested: scenario.to_string(),
                available: scenarios.into_iter().collect::<Vec<_>>().join(", "),
            });
        }
        if units.len() > 1 {
            return Err(Error::Incomplete(format!(
                "scenario `{scenario}` has several spatial units ({}); give one at a time",
                units.into_iter().collect::<Vec<_>>().join(", ")
            )));
        }
        let mut years = Vec::with_capacity(acc.len());
        let mut prev: Option<i32> = None;
        for (y, ya) in acc {
            if let Some(p) = prev
                && y != p + 1
            {
                return Err(Error::Incomplete(format!(
                    "years are not consecutive: {p} is followed by {y}"
                )));
            }
            prev = Some(y);
            if let Some(i) = ya.seen.iter().position(|s| *s == 0) {
                let (g, rest) = (i / (2 * AGES), i % (2 * AGES));
                return Err(Error::Incomplete(format!(
                    "year {y}: no row for {}, {}, age {}",
                    Nat::ALL[g].code(),
                    Sex::ALL[rest / AGES].code(),
                    rest % AGES
                )));
            }
            let mut rates = ya.rates;
            rates.native_share_of_foreign_births = ya.int_mothers.unwrap_or(0.0);
            years.push(FsoYear {
                year: y,
                rates,
                start: Population::from_values(Groups::Nationality, ya.start)?,
                published: match published_col {
                    Some(_) => Some(Population::from_values(Groups::Nationality, ya.published)?),
                    None => None,
                },
            });
        }
        Ok(FsoParameters {
            spatial_unit: units.into_iter().next().unwrap_or_default(),
            scenario: scenario.to_string(),
            years,
        })
    }

    /// The spatial unit of the table (e.g. `Aargau`).
    pub fn spatial_unit(&self) -> &str {
        &self.spatial_unit
    }
    /// The scenario that was read.
    pub fn scenario(&self) -> &str {
        &self.scenario
    }
    /// The projection years in order (at least one).
    pub fn years(&self) -> &[FsoYear] {
        &self.years
    }
    /// First projected year.
    pub fn first_year(&self) -> i32 {
        self.years[0].year
    }
    /// Last projected year.
    pub fn last_year(&self) -> i32 {
        self.years[self.years.len() - 1].year
    }

    /// A population on 31 December of `first_year − 1` that, aged by one year, equals the
    /// FSO's own start population `start_n` of the first year exactly. (Ages 0..=98 are
    /// `start_n` of ages 1..=99; age 99 holds the whole `start_n` of 100+, age 100 is 0.)
    /// Use it to reproduce the FSO's published figures independently of later revisions
    /// of the observed population.
    pub fn carried_start(&self) -> Population {
        let s = &self.years[0].start;
        let mut p = Population::zeros(Groups::Nationality);
        for g in 0..2 {
            for sex in Sex::ALL {
                for a in 1..AGES {
                    p.set(g, sex, a - 1, s.get(g, sex, a));
                }
            }
        }
        p
    }
}

/// A population table read from CSV (`year,spatial_unit,nat,sex,age,n`).
#[derive(Clone, Debug, PartialEq)]
pub struct PopulationTable {
    /// The year (population on 31 December of it).
    pub year: i32,
    /// The spatial unit, if the file has that column.
    pub spatial_unit: Option<String>,
    /// The population ([`Groups::Nationality`] if the file has a `nat` column, else
    /// [`Groups::Total`]).
    pub population: Population,
}

/// Reads a population table (one year, one spatial unit, every age × sex (× nat) cell
/// exactly once). Errors carry line numbers.
pub fn read_population(input: impl Read) -> Result<PopulationTable> {
    let mut t = Table::new(input)?;
    let [year, sex, age, n] = t.columns(["year", "sex", "age", "n"])?;
    let nat = t.column("nat").ok();
    let su = t.column("spatial_unit").ok();
    let groups = if nat.is_some() {
        Groups::Nationality
    } else {
        Groups::Total
    };
    let mut values = vec![0.0; groups.cells()];
    let mut seen = vec![0u64; groups.cells()];
    let mut the_year: Option<(i32, u64)> = None;
    let mut unit: Option<(String, u64)> = None;
    t.for_each(|r| {
        let y = r.year(year)?;
        match the_year {
            None => the_year = Some((y, r.line)),
            Some((y0, l0)) if y0 != y => {
                return Err(Error::parse(
                    r.line,
                    format!("year {y} differs from year {y0} on line {l0}; one year per file"),
                ));
            }
            _ => {}
        }
        if let Some(c) = su {
            let u = r.str(c);
            match &unit {
                None => unit = Some((u.to_string(), r.line)),
                Some((u0, l0)) if u0 != u => {
                    return Err(Error::parse(
                        r.line,
                        format!(
                            "spatial unit `{u}` differs from `{u0}` on line {l0}; one unit per file"
                        ),
                    ));
                }
                _ => {}
            }
        }
        let g = match nat {
            Some(c) => r.nat(c)?.index(),
            None => 0,
        };
        let (x, a) = (r.sex(sex)?, r.age(age)?);
        let i = cell(g, x, a);
        if seen[i] != 0 {
            return Err(Error::Duplicate {
                line: r.line,
                first: seen[i],
                key: format!(
                    "{}{}, age {a}",
                    if nat.is_some() {
                        format!("{}, ", Nat::ALL[g].code())
                    } else {
                        String::new()
                    },
                    x.code()
                ),
            });
        }
        seen[i] = r.line;
        values[i] = r.nonneg(n, "n")?;
        Ok(())
    })?;
    let Some((year, _)) = the_year else {
        return Err(Error::Incomplete("the population file has no rows".into()));
    };
    if let Some(i) = seen.iter().position(|s| *s == 0) {
        let rest = i % (2 * AGES);
        return Err(Error::Incomplete(format!(
            "no row for {}sex {}, age {}",
            if nat.is_some() {
                format!("nat {}, ", Nat::ALL[i / (2 * AGES)].code())
            } else {
                String::new()
            },
            Sex::ALL[rest / AGES].code(),
            rest % AGES
        )));
    }
    Ok(PopulationTable {
        year,
        spatial_unit: unit.map(|u| u.0),
        population: Population::from_values(groups, values)?,
    })
}

/// Projects `start` (population on 31 December of `params.first_year() − 1`, by
/// nationality) through all years of `params`.
pub fn project(
    params: &FsoParameters,
    start: &Population,
    config: &FsoConfig,
) -> Result<Projection> {
    if start.groups() != Groups::Nationality {
        return Err(Error::Invalid(
            "the FSO projection needs the population by nationality (column `nat`)".into(),
        ));
    }
    if !(0.0..=1.0).contains(&config.share_female) {
        return Err(Error::Invalid("share_female must be within [0, 1]".into()));
    }
    let rates: Vec<Rates> = params
        .years
        .iter()
        .map(|y| Rates {
            share_female: config.share_female,
            ..y.rates.clone()
        })
        .collect();
    ccm::project(start, params.first_year() - 1, &rates, &config.multipliers)
}

/// Writes a projection as CSV `year,nat,sex,age,n` (see the module documentation).
pub fn write_projection_csv(projection: &Projection, out: impl Write) -> Result<()> {
    let mut w = std::io::BufWriter::new(out);
    writeln!(w, "year,nat,sex,age,n")?;
    for y in &projection.years {
        let groups = y.population.groups();
        for g in 0..groups.count() {
            let nat = match groups {
                Groups::Nationality => Nat::ALL[g].code(),
                Groups::Total => "all",
            };
            for sex in Sex::ALL {
                for a in 0..AGES {
                    writeln!(
                        w,
                        "{},{},{},{},{:.3}",
                        y.year,
                        nat,
                        sex.code(),
                        a,
                        y.population.get(g, sex, a)
                    )?;
                }
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// What [`project_csv`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Spatial unit of the parameters.
    pub spatial_unit: String,
    /// Scenario projected.
    pub scenario: String,
    /// Year of the start population (31 December).
    pub base_year: i32,
    /// First projected year.
    pub first_year: i32,
    /// Last projected year.
    pub last_year: i32,
    /// Data rows written (without header).
    pub rows: usize,
    /// Total population on 31 December of every projected year.
    pub totals: Vec<(i32, f64)>,
}

/// The whole FSO projection from CSV to CSV, as called by
/// `standort demography project --format fso --parameters FILE --population FILE
/// --scenario NAME --out FILE.csv`.
///
/// `population` must be 31 December of the year before the first parameter year.
pub fn project_csv(
    params: impl Read,
    population: impl Read,
    scenario: &str,
    out: impl Write,
) -> Result<Summary> {
    let params = FsoParameters::read(params, scenario)?;
    let pop = read_population(population)?;
    if pop.year != params.first_year() - 1 {
        return Err(Error::Invalid(format!(
            "the population is for 31 December {} but the parameters start in {}; \
             the population must be for {}",
            pop.year,
            params.first_year(),
            params.first_year() - 1
        )));
    }
    if let Some(u) = &pop.spatial_unit
        && u != params.spatial_unit()
    {
        return Err(Error::Invalid(format!(
            "the population is for `{u}` but the parameters for `{}`",
            params.spatial_unit()
        )));
    }
    let projection = project(&params, &pop.population, &FsoConfig::default())?;
    write_projection_csv(&projection, out)?;
    Ok(Summary {
        spatial_unit: params.spatial_unit().to_string(),
        scenario: params.scenario().to_string(),
        base_year: projection.base_year,
        first_year: params.first_year(),
        last_year: params.last_year(),
        rows: projection.years.len() * Groups::Nationality.cells(),
        totals: projection
            .years
            .iter()
            .map(|y| (y.year, y.population.total()))
            .collect(),
    })
}

/// Deviation of a projection from the published FSO figures in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearDeviation {
    /// Calendar year.
    pub year: i32,
    /// Projected total.
    pub projected_total: f64,
    /// Published total.
    pub published_total: f64,
    /// `projected / published − 1`.
    pub total_rel: f64,
    /// Median of `|projected / published − 1|` over cells with ≥ 100 published persons.
    pub median_cell_rel: f64,
    /// Number of such cells.
    pub cells: usize,
}

/// Comparison of a projection with the FSO's published figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Per year.
    pub years: Vec<YearDeviation>,
    /// Largest `|total_rel|` over the years.
    pub max_total_rel: f64,
    /// Largest per-year median cell deviation.
    pub max_median_cell_rel: f64,
    /// Median cell deviation pooled over all years' cells (≥ 100 persons).
    pub pooled_median_cell_rel: f64,
}

/// Compares `projection` with the `fso_projection_n` column of `params`. Errors if the
/// parameter file had no such column or the years do not match.
pub fn compare_with_published(
    params: &FsoParameters,
    projection: &Projection,
) -> Result<Comparison> {
    let mut pooled = Vec::new();
    let mut years = Vec::new();
    let published: HashMap<i32, &Population> = params
        .years
        .iter()
        .filter_map(|y| y.published.as_ref().map(|p| (y.year, p)))
        .collect();
    for y in &projection.years {
        let Some(p) = published.get(&y.year) else {
            return Err(Error::Invalid(format!(
                "no published figures for {}",
                y.year
            )));
        };
        let mut devs = Vec::new();
        for (x, r) in y.population.values().iter().zip(p.values()) {
            if *r >= 100.0 {
                devs.push((x / r - 1.0).abs());
            }
        }
        pooled.extend_from_slice(&devs);
        let (pt, rt) = (y.population.total(), p.total());
        years.push(YearDeviation {
            year: y.year,
            projected_total: pt,
            published_total: rt,
            total_rel: pt / rt - 1.0,
            median_cell_rel: median(&mut devs),
            cells: devs.len(),
        });
    }
    Ok(Comparison {
        max_total_rel: years.iter().map(|y| y.total_rel.abs()).fold(0.0, f64::max),
        max_median_cell_rel: years.iter().map(|y| y.median_cell_rel).fold(0.0, f64::max),
        pooled_median_cell_rel: median(&mut pooled),
        years,
    })
}

/// Median of a slice (sorted in place); 0 for an empty slice.
pub(crate) fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}
