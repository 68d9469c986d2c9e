//! Observed small-area history: population on 1 January and the flows of the year, as in
//! `aargau-subregions-2022-2025.csv`.
//!
//! Format: `year,spatial_unit,age,nat,sex,n_jan,births,imm_n,emi_n` and optionally
//! `deaths` (`nat` optional: without it the history has [`Groups::Total`]). `n_jan` is the
//! population on 1 January by the age reached on 31 December (age 0 is empty), `births`
//! are counted at age 0 by the child's sex and nationality, `imm_n` / `emi_n` are all
//! moves across the unit's border during the year.

use crate::csvio::Table;
use crate::population::{AGES, Groups, Nat, Population, Sex, cell};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// One unit in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Observed {
    /// Calendar year.
    pub year: i32,
    /// Population on 1 January (aged: by age on 31 December; age 0 empty).
    pub start: Population,
    /// Births by the child's group and sex (index `group * 2 + sex`).
    pub births: [f64; 4],
    /// Immigrants of the year.
    pub immigrants: Population,
    /// Emigrants of the year.
    pub emigrants: Population,
    /// Deaths of the year, if the file has a `deaths` column.
    pub deaths: Option<Population>,
}

impl Observed {
    fn zeros(year: i32, groups: Groups, deaths: bool) -> Self {
        Observed {
            year,
            start: Population::zeros(groups),
            births: [0.0; 4],
            immigrants: Population::zeros(groups),
            emigrants: Population::zeros(groups),
            deaths: deaths.then(|| Population::zeros(groups)),
        }
    }

    /// Cell-wise sum of several observations of the same year (e.g. a parent region).
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Observed>) -> Option<Observed> {
        let mut it = items.into_iter();
        let mut acc = it.next()?.clone();
        for o in it {
            let add = |a: &mut Population, b: &Population| {
                for (x, y) in a.values_mut().iter_mut().zip(b.values()) {
                    *x += y;
                }
            };
            add(&mut acc.start, &o.start);
            add(&mut acc.immigrants, &o.immigrants);
            add(&mut acc.emigrants, &o.emigrants);
            if let (Some(a), Some(b)) = (acc.deaths.as_mut(), o.deaths.as_ref()) {
                add(a, b);
            }
            for i in 0..4 {
                acc.births[i] += o.births[i];
            }
        }
        Some(acc)
    }
}

/// Observations for several units and consecutive years, complete in every cell.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    groups: Groups,
    units: Vec<String>,
    years: Vec<i32>,
    data: Vec<Observed>,
}

impl History {
    /// Reads the history format (see the module documentation). Errors carry line numbers.
    pub fn read(input: impl Read) -> Result<Self> {
        let mut t = Table::new(input)?;
        let [year, su, age, sex, n_jan, births, imm, emi] = t.columns([
            "year",
            "spatial_unit",
            "age",
            "sex",
            "n_jan",
            "births",
            "imm_n",
            "emi_n",
        ])?;
        let nat = t.column("nat").ok();
        let deaths = t.column("deaths").ok();
        let groups = if nat.is_some() {
            Groups::Nationality
        } else {
            Groups::Total
        };
        let mut map: BTreeMap<(String, i32), (Observed, Vec<u64>)> = BTreeMap::new();
        t.for_each(|r| {
            let (y, u) = (r.year(year)?, r.str(su).to_string());
            if u.is_empty() {
                return Err(Error::parse(r.line, "column `spatial_unit` is empty"));
            }
            let g = match nat {
                Some(c) => r.nat(c)?.index(),
                None => 0,
            };
            let (x, a) = (r.sex(sex)?, r.age(age)?);
            let (o, seen) = map.entry((u.clone(), y)).or_insert_with(|| {
                (
                    Observed::zeros(y, groups, deaths.is_some()),
                    vec![0; groups.cells()],
                )
            });
            let i = cell(g, x, a);
            if seen[i] != 0 {
                return Err(Error::Duplicate {
                    line: r.line,
                    first: seen[i],
                    key: format!("unit {u}, year {y}, group {g}, {}, age {a}", x.code()),
                });
            }
            seen[i] = r.line;
            o.start.values_mut()[i] = r.nonneg(n_jan, "n_jan")?;
            let b = r.nonneg(births, "births")?;
            if b > 0.0 && a != 0 {
                return Err(Error::parse(
                    r.line,
                    "column `births`: births are counted at age 0 only",
                ));
            }
            o.births[g * 2 + x.index()] += b;
            o.immigrants.values_mut()[i] = r.nonneg(imm, "imm_n")?;
            o.emigrants.values_mut()[i] = r.nonneg(emi, "emi_n")?;
            if let (Some(c), Some(d)) = (deaths, o.deaths.as_mut()) {
                d.values_mut()[i] = r.nonneg(c, "deaths")?;
            }
            Ok(())
        })?;
        let units: Vec<String> = map
            .keys()
            .map(|k| k.0.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let years: Vec<i32> = map
            .keys()
            .map(|k| k.1)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if units.is_empty() {
            return Err(Error::Incomplete("the history has no rows".into()));
        }
        if years.windows(2).any(|w| w[1] != w[0] + 1) {
            return Err(Error::Incomplete("years are not consecutive".into()));
        }
        let mut data = Vec::with_capacity(units.len() * years.len());
        for u in &units {
            for y in &years {
                let Some((o, seen)) = map.remove(&(u.clone(), *y)) else {
                    return Err(Error::Incomplete(format!("no rows for unit {u} in {y}")));
                };
                if let Some(i) = seen.iter().position(|s| *s == 0) {
                    let rest = i % (2 * AGES);
                    return Err(Error::Incomplete(format!(
                        "unit {u}, {y}: no row for {}{}, age {}",
                        if groups == Groups::Nationality {
                            format!("{}, ", Nat::ALL[i / (2 * AGES)].code())
                        } else {
                            String::new()
                        },
                        Sex::ALL[rest / AGES].code(),
                        rest % AGES
                    )));
                }
                data.push(o);
            }
        }
        Ok(History {
            groups,
            units,
            years,
            data,
        })
    }

    /// Grouping of all populations.
    pub fn groups(&self) -> Groups {
        self.groups
    }
    /// Unit names (sorted).
    pub fn units(&self) -> &[String] {
        &self.units
    }
    /// Years (consecutive, sorted).
    pub fn years(&self) -> &[i32] {
        &self.years
    }
    /// Observation of unit index `unit` in `year`.
    pub fn get(&self, unit: usize, year: i32) -> Option<&Observed> {
        let yi = self.years.iter().position(|y| *y == year)?;
        self.data.get(unit * self.years.len() + yi)
    }
    /// Sum over all units in `year` (the parent region).
    pub fn parent(&self, year: i32) -> Option<Observed> {
        let items: Option<Vec<&Observed>> =
            (0..self.units.len()).map(|u| self.get(u, year)).collect();
        Observed::sum(items?)
    }
}
