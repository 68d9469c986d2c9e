//! Burn rate and days of supply.
//!
//! The arithmetic of the CDC/NIOSH PPE Burn Rate Calculator: the average daily use is what was
//! used over a window of days divided by the number of days (a day without a record counts as
//! a day without use); the use per patient-day is what was used divided by the sum of the
//! daily census over the same days; days of supply are the usable stock divided by the average
//! daily use, and the stock runs out on the day after the last full day it covers. A scenario
//! scales the daily use: by the census (more patients at the same use per patient) and by the
//! use per patient (e.g. ×3 in an outbreak).

use serde::Serialize;

use crate::Day;

/// Units used (issued to wards) on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub day: Day,
    pub quantity: i64,
}

/// Patients in beds on one day (the daily census).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Census {
    pub day: Day,
    pub patients: i64,
}

/// Use over a window of days ending the day before `today`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BurnRate {
    /// Days in the window (`today - window_days` up to `today - 1`).
    pub window_days: i64,
    /// Units used in the window.
    pub used: i64,
    /// Average units per day.
    pub per_day: f64,
    /// Standard deviation of the daily use (days without a record count as 0).
    pub sd_per_day: f64,
    /// Sum of the daily census over the window.
    pub patient_days: i64,
    /// Units per patient-day, when a census was recorded.
    pub per_patient_day: Option<f64>,
}

/// The burn rate over the `window` days before `today` (records outside the window are
/// ignored; several records of one day add up).
pub fn burn_rate(usage: &[Usage], census: &[Census], today: Day, window: i64) -> BurnRate {
    let window = window.max(1);
    let from = today - window;
    let mut daily = vec![0i64; window as usize];
    for u in usage.iter().filter(|u| u.day >= from && u.day < today) {
        daily[(u.day - from) as usize] += u.quantity.max(0);
    }
    let patient_days: i64 = census
        .iter()
        .filter(|c| c.day >= from && c.day < today)
        .map(|c| c.patients.max(0))
        .sum();
    burn_rate_from_totals(
        &UsageTotals {
            used: daily.iter().sum(),
            used_squared: daily.iter().map(|q| q * q).sum(),
            patient_days,
        },
        window,
    )
}

/// What a window's daily rows add up to — the input of [`burn_rate_from_totals`], which a
/// database can compute without sending every day's row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsageTotals {
    /// Units used in the window (each day's use counted from 0 up).
    pub used: i64,
    /// The sum of the squares of each day's use.
    pub used_squared: i64,
    /// Patients in beds, summed over the window's days.
    pub patient_days: i64,
}

/// [`burn_rate`] from the window's totals: the mean and the (population) standard deviation of
/// the daily use follow from the sum and the sum of squares (days without use count as 0).
pub fn burn_rate_from_totals(totals: &UsageTotals, window: i64) -> BurnRate {
    let window = window.max(1);
    let used = totals.used;
    let per_day = used as f64 / window as f64;
    // E[q²] − E[q]², never below 0 through rounding.
    let var = (totals.used_squared as f64 / window as f64 - per_day * per_day).max(0.0);
    let patient_days = totals.patient_days;
    BurnRate {
        window_days: window,
        used,
        per_day,
        sd_per_day: var.sqrt(),
        patient_days,
        per_patient_day: (patient_days > 0).then(|| used as f64 / patient_days as f64),
    }
}

/// Days the stock lasts at `per_day`; `None` when nothing is used (it lasts indefinitely).
pub fn days_of_supply(stock: i64, per_day: f64) -> Option<f64> {
    (per_day > 0.0).then(|| stock.max(0) as f64 / per_day)
}

/// The first day without stock: `today` plus the whole days the stock covers; `None` when
/// nothing is used.
pub fn stockout_day(today: Day, stock: i64, per_day: f64) -> Option<Day> {
    days_of_supply(stock, per_day).map(|d| today + d.floor() as i64)
}

/// A what-if: the daily use scaled by the census and by the use per patient.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scenario {
    /// 1.5 for "census +50 %".
    pub census_factor: f64,
    /// 3.0 for "use per patient ×3" in an outbreak.
    pub use_factor: f64,
}

impl Scenario {
    pub const BASELINE: Scenario = Scenario {
        census_factor: 1.0,
        use_factor: 1.0,
    };

    /// The daily use under this scenario.
    pub fn per_day(&self, rate: &BurnRate) -> f64 {
        rate.per_day * self.census_factor.max(0.0) * self.use_factor.max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burn_rate_averages_over_the_window_with_empty_days_as_zero() {
        let usage = [
            Usage {
                day: 97,
                quantity: 40,
            },
            Usage {
                day: 98,
                quantity: 20,
            },
            Usage {
                day: 98,
                quantity: 10,
            },
            // Outside the window: today itself and long ago.
            Usage {
                day: 100,
                quantity: 1000,
            },
            Usage {
                day: 10,
                quantity: 1000,
            },
        ];
        let census = [
            Census {
                day: 97,
                patients: 20,
            },
            Census {
                day: 98,
                patients: 10,
            },
        ];
        let r = burn_rate(&usage, &census, 100, 10);
        assert_eq!(r.used, 70);
        assert!((r.per_day - 7.0).abs() < 1e-9);
        assert_eq!(r.patient_days, 30);
        assert!((r.per_patient_day.unwrap() - 70.0 / 30.0).abs() < 1e-9);
        // Daily values 0×8, 40, 30: variance = (8·49 + 33² + 23²)/10.
        let var: f64 = (8.0 * 49.0 + 33.0f64.powi(2) + 23.0f64.powi(2)) / 10.0;
        assert!((r.sd_per_day - var.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn days_of_supply_and_stockout() {
        assert_eq!(days_of_supply(700, 50.0), Some(14.0));
        assert_eq!(days_of_supply(700, 0.0), None);
        assert_eq!(days_of_supply(-5, 10.0), Some(0.0));
        assert_eq!(stockout_day(100, 725, 50.0), Some(114));
        let r = burn_rate(
            &[Usage {
                day: 99,
                quantity: 10,
            }],
            &[],
            100,
            1,
        );
        assert_eq!(r.per_patient_day, None);
        let outbreak = Scenario {
            census_factor: 1.5,
            use_factor: 3.0,
        };
        assert!((outbreak.per_day(&r) - 45.0).abs() < 1e-9);
        assert!((Scenario::BASELINE.per_day(&r) - 10.0).abs() < 1e-9);
    }
}

#[cfg(test)]
mod totals_tests {
    use super::*;

    /// The database adds the daily rows up (`usage_totals`); the rate from those totals is the
    /// rate from the rows themselves.
    #[test]
    fn totals_give_the_rate_the_daily_rows_give() {
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut usage = Vec::new();
            let mut census = Vec::new();
            for day in 0..120 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                if seed >> 62 != 0 {
                    usage.push(Usage {
                        day,
                        quantity: (seed >> 40) as i64 % 500 - 20,
                    });
                }
                census.push(Census {
                    day,
                    patients: (seed >> 20) as i64 % 300,
                });
            }
            let rows = burn_rate(&usage, &census, 110, 90);
            let from = 110 - 90;
            let mut daily = std::collections::BTreeMap::new();
            for u in usage.iter().filter(|u| u.day >= from && u.day < 110) {
                *daily.entry(u.day).or_insert(0i64) += u.quantity;
            }
            let used: i64 = daily.values().map(|q| (*q).max(0)).sum();
            let used_squared: i64 = daily.values().map(|q| q.max(&0) * q.max(&0)).sum();
            let patient_days = census
                .iter()
                .filter(|c| c.day >= from && c.day < 110)
                .map(|c| c.patients.max(0))
                .sum();
            let totals = burn_rate_from_totals(
                &UsageTotals {
                    used,
                    used_squared,
                    patient_days,
                },
                90,
            );
            assert_eq!(totals, rows);
            // And the standard deviation is the two-pass one of the 90 daily figures.
            let days: Vec<f64> = (from..110)
                .map(|d| daily.get(&d).copied().unwrap_or(0).max(0) as f64)
                .collect();
            let mean = days.iter().sum::<f64>() / 90.0;
            let sd = (days.iter().map(|q| (q - mean).powi(2)).sum::<f64>() / 90.0).sqrt();
            assert!((totals.sd_per_day - sd).abs() <= 1e-9 * sd.max(1.0), "{sd}");
        }
    }
}
