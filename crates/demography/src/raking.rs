//! Raking (iterative proportional fitting) of child regions to a parent projection.
//!
//! The table has one row per child region and one column per cell (e.g. sex × age, or
//! group × sex × age). Column targets are the parent's cells, so that the children sum to
//! the parent exactly; row targets are the children's own totals scaled to the parent
//! total (or totals given by the caller, likewise scaled), so each child keeps its share.
//! Rows and columns are scaled in turn until the largest relative deviation of a row
//! total from its target is at most `tolerance`; the last scaling is always a column
//! scaling, so parent totals hold to rounding whether or not the rows converged.
//!
//! Structural zeros: a parent cell with people but no child having any gets seeded with
//! the row targets' shares before fitting. Cells never become negative (only
//! multiplications by non-negative factors).

use crate::population::Population;
use crate::{Error, Result};

/// Options of [`rake`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RakeOptions {
    /// Convergence tolerance: largest `|row total / row target − 1|` accepted.
    pub tolerance: f64,
    /// Upper bound on row+column scaling rounds.
    pub max_iterations: usize,
}

impl Default for RakeOptions {
    fn default() -> Self {
        RakeOptions {
            tolerance: 1e-9,
            max_iterations: 1000,
        }
    }
}

/// Result of [`rake`].
#[derive(Clone, Debug, PartialEq)]
pub struct Raked {
    /// Fitted cells, one vector per child (same shape as the input).
    pub cells: Vec<Vec<f64>>,
    /// Rounds of row and column scaling performed.
    pub iterations: usize,
    /// Largest relative row deviation at the end.
    pub max_row_deviation: f64,
    /// Whether `max_row_deviation ≤ tolerance`.
    pub converged: bool,
}

/// Rakes `children` (rows) to `parent` (column targets). `child_totals`, if given, are
/// the desired relative sizes of the children (scaled to the parent total); otherwise
/// the children's current totals are used.
pub fn rake(
    children: &[Vec<f64>],
    parent: &[f64],
    child_totals: Option<&[f64]>,
    options: &RakeOptions,
) -> Result<Raked> {
    let cols = parent.len();
    if children.iter().any(|c| c.len() != cols) {
        return Err(Error::Invalid(
            "every child needs as many cells as the parent".into(),
        ));
    }
    let bad = |v: &f64| !v.is_finite() || *v < 0.0;
    if parent.iter().any(bad) || children.iter().flatten().any(bad) {
        return Err(Error::Invalid("cells must be finite and >= 0".into()));
    }
    if !(options.tolerance.is_finite() && options.tolerance >= 0.0) {
        return Err(Error::Invalid("tolerance must be finite and >= 0".into()));
    }
    let parent_total: f64 = parent.iter().sum();
    let mut x: Vec<Vec<f64>> = children.to_vec();
    let raw: Vec<f64> = match child_totals {
        Some(t) => {
            if t.len() != children.len() || t.iter().any(bad) {
                return Err(Error::Invalid(
                    "child_totals: one finite value >= 0 per child".into(),
                ));
            }
            t.to_vec()
        }
        None => x.iter().map(|r| r.iter().sum()).collect(),
    };
    let raw_total: f64 = raw.iter().sum();
    if children.is_empty() || parent_total == 0.0 {
        for r in &mut x {
            r.iter_mut().for_each(|v| *v = 0.0);
        }
        return Ok(Raked {
            cells: x,
            iterations: 0,
            max_row_deviation: 0.0,
            converged: parent_total == 0.0 || children.is_empty(),
        });
    }
    // Row targets: shares of the parent total (even split if no child has anybody).
    let targets: Vec<f64> = if raw_total > 0.0 {
        raw.iter().map(|r| r / raw_total * parent_total).collect()
    } else {
        vec![parent_total / children.len() as f64; children.len()]
    };
    // Seed empty rows with the parent's distribution and empty columns with row shares.
    for (r, t) in x.iter_mut().zip(&targets) {
        if *t > 0.0 && r.iter().sum::<f64>() == 0.0 {
            for (v, p) in r.iter_mut().zip(parent) {
                *v = p / parent_total * t;
            }
        }
    }
    for j in 0..cols {
        if parent[j] > 0.0 && x.iter().all(|r| r[j] == 0.0) {
            for (r, t) in x.iter_mut().zip(&targets) {
                r[j] = t / parent_total * parent[j];
            }
        }
    }
    let scale_cols = |x: &mut Vec<Vec<f64>>| {
        for j in 0..cols {
            let s: f64 = x.iter().map(|r| r[j]).sum();
            let f = if s > 0.0 { parent[j] / s } else { 0.0 };
            for r in x.iter_mut() {
                r[j] *= f;
            }
        }
    };
    let row_dev = |x: &Vec<Vec<f64>>| {
        x.iter()
            .zip(&targets)
            .map(|(r, t)| {
                let s: f64 = r.iter().sum();
                if *t > 0.0 { (s / t - 1.0).abs() } else { s }
            })
            .fold(0.0, f64::max)
    };
    scale_cols(&mut x);
    let mut dev = row_dev(&x);
    let mut iterations = 0;
    while dev > options.tolerance && iterations < options.max_iterations {
        for (r, t) in x.iter_mut().zip(&targets) {
            let s: f64 = r.iter().sum();
            let f = if s > 0.0 { t / s } else { 0.0 };
            r.iter_mut().for_each(|v| *v *= f);
        }
        scale_cols(&mut x);
        iterations += 1;
        dev = row_dev(&x);
    }
    Ok(Raked {
        cells: x,
        iterations,
        max_row_deviation: dev,
        converged: dev <= options.tolerance,
    })
}

/// Rakes child populations to a parent population over all cells (group × sex × age).
/// Returns the fitted populations and the raking statistics.
pub fn rake_populations(
    children: &[Population],
    parent: &Population,
    options: &RakeOptions,
) -> Result<(Vec<Population>, Raked)> {
    if children.iter().any(|c| c.groups() != parent.groups()) {
        return Err(Error::Invalid(
            "children and parent have different groupings".into(),
        ));
    }
    let rows: Vec<Vec<f64>> = children.iter().map(|c| c.values().to_vec()).collect();
    let raked = rake(&rows, parent.values(), None, options)?;
    let pops = raked
        .cells
        .iter()
        .map(|r| Population::from_values(parent.groups(), r.clone()))
        .collect::<Result<Vec<_>>>()?;
    Ok((pops, raked))
}
