//! Capacities of facilities (places from a year on) and the gaps between them and the
//! projected demand.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_store::audit;
use standort_store::demography::{self as store, Capacity, ResultRow};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Facility bands: name, the age band measure it serves, default take-up share.
pub const FACILITIES: [(&str, &str, f64); 3] = [
    ("creche", "0-2", 0.55),
    ("kindergarten", "3-5", 0.95),
    ("primary", "6-9", 1.0),
];

/// One year of a capacity gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GapRow {
    pub year: i64,
    pub places: f64,
    /// Expected demand: children in the band × take-up (median).
    pub demand: f64,
    /// Places − demand (negative = shortfall).
    pub gap: f64,
    /// 80 % interval of the gap (pessimistic, optimistic).
    pub gap_low80: f64,
    pub gap_high80: f64,
    /// 95 % interval of the gap.
    pub gap_low95: f64,
    pub gap_high95: f64,
}

/// The gap of one facility band.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// `creche`, `kindergarten`, `primary`.
    pub facility: &'static str,
    pub measure: &'static str,
    pub rows: Vec<GapRow>,
}

impl Gap {
    /// The first year with a shortfall (median demand above the places).
    pub fn first_shortfall(&self) -> Option<&GapRow> {
        self.rows.iter().find(|r| r.gap < 0.0)
    }
}

/// Input of the capacity form.
#[derive(Debug, Clone, Deserialize)]
pub struct CapacityInput {
    pub facility: String,
    pub year_from: i64,
    pub places: i64,
    /// Percent (0–100) of the age band expected to need a place; default per facility.
    pub take_up_percent: Option<f64>,
}

/// Gaps per facility from capacities and the stored band results.
pub fn gaps(capacities: &[Capacity], results: &[ResultRow]) -> Vec<Gap> {
    FACILITIES
        .iter()
        .filter_map(|(facility, measure, _)| {
            let mut entries: Vec<&Capacity> =
                capacities.iter().filter(|c| c.band == *facility).collect();
            if entries.is_empty() {
                return None;
            }
            entries.sort_by_key(|c| c.year_from);
            let rows = results
                .iter()
                .filter(|r| r.measure == *measure && r.scenario == "medium")
                .filter_map(|r| {
                    let c = entries.iter().rev().find(|c| c.year_from <= r.year)?;
                    let places = c.places as f64;
                    let d = |v: Option<f64>| v.unwrap_or(r.value) * c.take_up;
                    Some(GapRow {
                        year: r.year,
                        places,
                        demand: r.value * c.take_up,
                        gap: places - r.value * c.take_up,
                        gap_low80: places - d(r.p90),
                        gap_high80: places - d(r.p10),
                        gap_low95: places - d(r.p97_5),
                        gap_high95: places - d(r.p2_5),
                    })
                })
                .collect();
            Some(Gap {
                facility,
                measure,
                rows,
            })
        })
        .collect()
}

impl App {
    /// Sets the places of a facility in a region from a year on.
    pub async fn demography_set_capacity(
        &self,
        actor: &Actor,
        region_id: i64,
        input: &CapacityInput,
    ) -> Result<Capacity, AppError> {
        policy::require(actor, Permission::ManageDemography)?;
        let (facility, _, default_take_up) =
            FACILITIES.iter().find(|f| f.0 == input.facility).ok_or(
                standort_domain::ValidationError::new("facility", "unknown-facility"),
            )?;
        if !(1900..=2200).contains(&input.year_from) {
            return Err(standort_domain::ValidationError::new("year_from", "invalid-year").into());
        }
        if !(0..=1_000_000).contains(&input.places) {
            return Err(standort_domain::ValidationError::new("places", "invalid-places").into());
        }
        let take_up = match input.take_up_percent {
            Some(p) if (1.0..=100.0).contains(&p) => p / 100.0,
            Some(_) => {
                return Err(standort_domain::ValidationError::new(
                    "take_up_percent",
                    "invalid-share",
                )
                .into());
            }
            None => *default_take_up,
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_region(&mut tx, region_id).await?;
        let c = store::set_capacity(
            &mut tx,
            region_id,
            facility,
            input.year_from,
            input.places,
            take_up,
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "demography_capacity", c.id, None)
                .with_after(json!({"region_id": region_id, "facility": facility, "year_from": c.year_from, "places": c.places, "take_up": c.take_up})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    pub async fn demography_delete_capacity(
        &self,
        actor: &Actor,
        region_id: i64,
        id: i64,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageDemography)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::delete_capacity(&mut tx, region_id, id).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("delete", "demography_capacity", id, None)
                .with_before(json!({"region_id": region_id})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
