//! Assumption sets: explicit rate tables per region and kind, valid from a year on, that
//! replace the derived rates where they are given.

use std::collections::BTreeMap;

use crate::ccm::Rates;
use crate::{AGES, Groups};

/// A kind of explicit rate of an assumption set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Births per woman during the year by mother's age (101 values).
    Fertility,
    /// Probability of dying by sex × age (202 values, as [`Population`] cells).
    Mortality,
    /// Probability of emigrating by sex × age.
    Emigration,
    /// Immigrants per year by sex × age (counts).
    Immigration,
    /// Probability that a foreign national becomes German during the year, by sex × age.
    Acquisition,
    /// Share of the children of foreign mothers who are German at birth (one value; § 4 (3)
    /// StAG: a parent has lived in Germany lawfully for five years with a permanent right of
    /// residence). The engine's `native_share_of_foreign_births`, the FSO's `int_mothers`.
    GermanBirths,
}

impl Kind {
    /// Every kind, in the order tables are applied.
    pub const ALL: [Kind; 6] = [
        Kind::Fertility,
        Kind::Mortality,
        Kind::Emigration,
        Kind::Immigration,
        Kind::Acquisition,
        Kind::GermanBirths,
    ];

    /// The name in files and stored values.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Fertility => "fertility",
            Kind::Mortality => "mortality",
            Kind::Emigration => "emigration",
            Kind::Immigration => "immigration",
            Kind::Acquisition => "acquisition",
            Kind::GermanBirths => "german_births",
        }
    }

    /// The kind of a stored name; `None` for an unknown one.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Number of values of a table of this kind.
    pub fn cells(self) -> usize {
        match self {
            Kind::Fertility => AGES,
            Kind::GermanBirths => 1,
            _ => 2 * AGES,
        }
    }

    /// The rate vector a table of this kind replaces (`None` for the scalar
    /// [`Kind::GermanBirths`]).
    fn slot(self, r: &mut Rates) -> Option<&mut Vec<f64>> {
        match self {
            Kind::Fertility => Some(&mut r.fertility),
            Kind::Mortality => Some(&mut r.mortality),
            Kind::Emigration => Some(&mut r.emigration),
            Kind::Immigration => Some(&mut r.immigration),
            Kind::Acquisition => Some(&mut r.acquisition),
            Kind::GermanBirths => None,
        }
    }
}

/// One explicit table of a region: the values of a kind valid from a year (`None` = from the
/// first projected year) until the next table of the same kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the values are.
    pub kind: Kind,
    /// First projected year the table applies to; `None` = from the first.
    pub year_from: Option<i64>,
    /// The nationality group (0 German, 1 foreign) the values are for; `None` = both.
    /// Acquisition tables are always for group 1.
    pub group: Option<usize>,
    /// [`Kind::cells`] values; cells a file did not give are 0.
    pub values: Vec<f64>,
}

/// An assumption set as the projection uses it: explicit tables by region id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assumptions {
    /// The set's name (shown in the run summary).
    pub name: String,
    /// Tables by region id.
    pub regions: BTreeMap<i64, Vec<Table>>,
}

impl Assumptions {
    /// The table of `kind` that applies to the projected `year` for `region`: the latest
    /// whose year is not after it.
    pub(super) fn table(
        &self,
        region: i64,
        kind: Kind,
        year: i64,
        group: Option<usize>,
    ) -> Option<&Table> {
        self.regions
            .get(&region)?
            .iter()
            .filter(|t| t.kind == kind && t.group == group && t.year_from.is_none_or(|y| y <= year))
            .max_by_key(|t| t.year_from.unwrap_or(i64::MIN))
    }

    /// Projection-year indices (0 = base year + 1) where one of the region's tables starts
    /// within the horizon.
    pub(super) fn change_points(&self, region: i64, base_year: i64, horizon: usize) -> Vec<usize> {
        self.regions
            .get(&region)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let t = t.year_from? - base_year - 1;
                (t > 0 && t < horizon as i64).then_some(t as usize)
            })
            .collect()
    }

    /// The kinds the set gives for a region.
    pub fn kinds_of(&self, region: i64) -> Vec<Kind> {
        let mut k: Vec<Kind> = self
            .regions
            .get(&region)
            .into_iter()
            .flatten()
            .map(|t| t.kind)
            .collect();
        k.sort_unstable();
        k.dedup();
        k
    }

    /// Replaces the kinds the set gives for the projected `year` in `rates`. A table without
    /// nationality applies to every group (immigration counts split by `shares`, the foreign
    /// share of the region's immigrants per sex × age); a table for one group then replaces
    /// that group's values. Group tables (and acquisition) are ignored for rates without
    /// nationality: the import refuses them for such regions, this only happens when the
    /// population was re-imported without nationality afterwards.
    pub(super) fn apply(&self, region: i64, year: i64, rates: &mut Rates, shares: &[f64]) {
        let groups = rates.groups.count();
        let split = rates.groups == Groups::Nationality;
        if split && let Some(t) = self.table(region, Kind::GermanBirths, year, None) {
            rates.native_share_of_foreign_births = t.values[0];
        }
        for kind in Kind::ALL {
            let per_group = kind.cells();
            if kind == Kind::GermanBirths {
                continue;
            }
            if let Some(t) = self.table(region, kind, year, None) {
                let slot = kind.slot(rates).expect("a vector kind");
                for g in 0..groups {
                    let block = &mut slot[g * per_group..(g + 1) * per_group];
                    if kind == Kind::Immigration && split {
                        let foreign = g == 1;
                        for (i, (b, v)) in block.iter_mut().zip(&t.values).enumerate() {
                            *b = v * if foreign { shares[i] } else { 1.0 - shares[i] };
                        }
                    } else if kind != Kind::Acquisition {
                        block.copy_from_slice(&t.values);
                    }
                }
            }
            if split {
                for g in 0..2 {
                    if let Some(t) = self.table(region, kind, year, Some(g)) {
                        kind.slot(rates).expect("a vector kind")
                            [g * per_group..(g + 1) * per_group]
                            .copy_from_slice(&t.values);
                    }
                }
            }
        }
        for g in 0..groups {
            rates.fertility[g * AGES] = 0.0;
        }
    }
}
