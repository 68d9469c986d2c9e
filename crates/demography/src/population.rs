//! Population vectors by group (nationality), sex and single year of age.

use crate::{Error, Result};

/// Number of single-year age classes: 0, 1, …, 99 and the open class 100+ (index 100).
pub const AGES: usize = 101;
/// Index of the open age class "100 and over".
pub const MAX_AGE: usize = 100;

/// Sex as used by the FSO tables (`m`, `f`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sex {
    /// Male (`m`), index 0.
    Male,
    /// Female (`f`), index 1.
    Female,
}

impl Sex {
    /// Both sexes in index order.
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];
    /// Position in population vectors (male 0, female 1).
    pub fn index(self) -> usize {
        self as usize
    }
    /// The FSO code (`m` / `f`).
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "m",
            Sex::Female => "f",
        }
    }
    /// Parses the FSO code (`m`, `f`; also `M`, `F`).
    pub fn parse(s: &str) -> Option<Sex> {
        match s.trim() {
            "m" | "M" => Some(Sex::Male),
            "f" | "F" | "w" | "W" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// Nationality as used by the FSO tables: Swiss (`ch`) or foreign (`int`).
///
/// In a [`Population`] with [`Groups::Nationality`], `Ch` is group 0 and `Int` group 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nat {
    /// Swiss nationals (`ch`), group 0.
    Ch,
    /// Foreign nationals (`int`), group 1.
    Int,
}

impl Nat {
    /// Both nationalities in index order.
    pub const ALL: [Nat; 2] = [Nat::Ch, Nat::Int];
    /// Group index (ch 0, int 1).
    pub fn index(self) -> usize {
        self as usize
    }
    /// The FSO code (`ch` / `int`).
    pub fn code(self) -> &'static str {
        match self {
            Nat::Ch => "ch",
            Nat::Int => "int",
        }
    }
    /// Parses the FSO code (`ch`, `int`).
    pub fn parse(s: &str) -> Option<Nat> {
        match s.trim() {
            "ch" | "CH" => Some(Nat::Ch),
            "int" | "INT" => Some(Nat::Int),
            _ => None,
        }
    }
}

/// How a population is split besides sex and age.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Groups {
    /// One group: the whole population.
    Total,
    /// Two groups: Swiss (`ch`, group 0) and foreign (`int`, group 1) nationals, with
    /// acquisition of citizenship moving people from group 1 to group 0.
    Nationality,
}

impl Groups {
    /// Number of groups (1 or 2).
    pub fn count(self) -> usize {
        match self {
            Groups::Total => 1,
            Groups::Nationality => 2,
        }
    }
    /// Number of cells of a population vector: groups × 2 sexes × 101 ages.
    pub fn cells(self) -> usize {
        self.count() * 2 * AGES
    }
}

/// Index of a cell in a flat population vector: `((group * 2) + sex) * 101 + age`.
#[inline]
pub fn cell(group: usize, sex: Sex, age: usize) -> usize {
    (group * 2 + sex.index()) * AGES + age
}

/// A population (or any quantity of the same shape, e.g. immigration counts) by group,
/// sex and single year of age 0..=100 (100 = 100 and over).
///
/// The layout is flat: see [`cell`]. Values are `f64` persons; projections produce
/// fractional persons, which is intended (round only for display).
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    groups: Groups,
    values: Vec<f64>,
}

impl Population {
    /// An all-zero population.
    pub fn zeros(groups: Groups) -> Self {
        Population {
            groups,
            values: vec![0.0; groups.cells()],
        }
    }

    /// Wraps a flat vector (layout of [`cell`]); checks length, finiteness and sign.
    pub fn from_values(groups: Groups, values: Vec<f64>) -> Result<Self> {
        if values.len() != groups.cells() {
            return Err(Error::Invalid(format!(
                "population needs {} values, got {}",
                groups.cells(),
                values.len()
            )));
        }
        if let Some(v) = values.iter().find(|v| !v.is_finite() || **v < 0.0) {
            return Err(Error::Invalid(format!(
                "population values must be finite and >= 0, got {v}"
            )));
        }
        Ok(Population { groups, values })
    }

    /// The grouping of this population.
    pub fn groups(&self) -> Groups {
        self.groups
    }
    /// The flat values (layout of [`cell`]).
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// Mutable flat values (layout of [`cell`]). Callers keep them finite and non-negative.
    pub fn values_mut(&mut self) -> &mut [f64] {
        &mut self.values
    }
    /// Value of one cell. Panics if `group` or `age` is out of range.
    pub fn get(&self, group: usize, sex: Sex, age: usize) -> f64 {
        assert!(
            group < self.groups.count() && age < AGES,
            "cell out of range"
        );
        self.values[cell(group, sex, age)]
    }
    /// Sets one cell (callers keep it finite and ≥ 0). Panics if out of range.
    pub fn set(&mut self, group: usize, sex: Sex, age: usize, value: f64) {
        assert!(
            group < self.groups.count() && age < AGES,
            "cell out of range"
        );
        self.values[cell(group, sex, age)] = value;
    }
    /// Total of all cells.
    pub fn total(&self) -> f64 {
        self.values.iter().sum()
    }
    /// Sum over groups: a vector of 2 × 101 values (layout of [`cell`] with group 0).
    pub fn by_sex_age(&self) -> Vec<f64> {
        let mut out = vec![0.0; 2 * AGES];
        for g in 0..self.groups.count() {
            for (i, o) in out.iter_mut().enumerate() {
                *o += self.values[g * 2 * AGES + i];
            }
        }
        out
    }
    /// Sum over groups and sexes by age (101 values).
    pub fn by_age(&self) -> Vec<f64> {
        let sa = self.by_sex_age();
        (0..AGES).map(|a| sa[a] + sa[AGES + a]).collect()
    }
    /// The same population with nationality groups merged into one.
    pub fn merged(&self) -> Population {
        Population {
            groups: Groups::Total,
            values: self.by_sex_age(),
        }
    }
    /// Sum over `ages` (inclusive range, clipped to 0..=100), all groups and both sexes.
    pub fn sum_ages(&self, from: usize, to: usize) -> f64 {
        let to = to.min(MAX_AGE);
        let mut s = 0.0;
        for g in 0..self.groups.count() {
            for sex in Sex::ALL {
                for a in from..=to {
                    s += self.values[cell(g, sex, a)];
                }
            }
        }
        s
    }

    /// Advances the population by one year: the population on 31 December becomes the
    /// population on 1 January of the next year, one year older. Age 0 becomes empty (it
    /// is filled by the births of the coming year); ages 99 and 100+ merge into 100+.
    pub fn aged(&self) -> Population {
        let mut out = Population::zeros(self.groups);
        age_into(&self.values, &mut out.values);
        out
    }
}

/// Ages a flat population vector by one year into `out` (same length, any number of
/// groups): `out[a] = v[a-1]` for 1 ≤ a < 100, `out[100] = v[99] + v[100]`, `out[0] = 0`.
#[inline]
pub fn age_into(v: &[f64], out: &mut [f64]) {
    debug_assert_eq!(v.len(), out.len());
    for (src, dst) in v.chunks_exact(AGES).zip(out.chunks_exact_mut(AGES)) {
        dst[0] = 0.0;
        dst[1..AGES].copy_from_slice(&src[0..AGES - 1]);
        dst[MAX_AGE] += src[MAX_AGE];
    }
}
