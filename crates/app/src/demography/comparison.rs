//! Localities side by side for one measure, as data and as a download.

use serde::Serialize;
use standort_demography::service;
use standort_store::demography::{self as store, Region, ResultFilter, ResultRow};

use super::Table;
use super::export::{Download, Format};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Several regions side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub measure: String,
    pub regions: Vec<Region>,
    pub years: Vec<i64>,
    /// Per region, per year (medium or observed), with the 80 % interval where known.
    pub values: Vec<Vec<Option<ResultRow>>>,
}

impl App {
    /// Several regions side by side for one measure.
    pub async fn demography_compare(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
    ) -> Result<Comparison, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let known = service::all_measures().any(|m| m == measure);
        if !known {
            return Err(standort_domain::ValidationError::new("measure", "unknown-measure").into());
        }
        let mut conn = self.db.conn().await?;
        let mut regions = Vec::new();
        let mut series = Vec::new();
        for id in ids.iter().take(8) {
            let Ok(region) = store::get_region(&mut conn, *id).await else {
                continue;
            };
            let rows = store::results(
                &mut conn,
                *id,
                &ResultFilter {
                    measure: Some(measure.to_owned()),
                    scenario: None,
                },
            )
            .await?;
            regions.push(region);
            series.push(rows);
        }
        let mut years: Vec<i64> = series
            .iter()
            .flatten()
            .filter(|r| r.scenario == "observed" || r.scenario == "medium")
            .map(|r| r.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        let values = series
            .iter()
            .map(|rows| {
                years
                    .iter()
                    .map(|y| {
                        rows.iter()
                            .find(|r| r.year == *y && r.scenario == "observed")
                            .or_else(|| {
                                rows.iter().find(|r| r.year == *y && r.scenario == "medium")
                            })
                            .cloned()
                    })
                    .collect()
            })
            .collect();
        Ok(Comparison {
            measure: measure.to_owned(),
            regions,
            years,
            values,
        })
    }

    /// A comparison as a download.
    pub async fn demography_export_comparison(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
        format: Format,
    ) -> Result<Download, AppError> {
        self.demography_comparison_table(actor, ids, measure)
            .await?
            .render(format)
    }

    /// A comparison of localities as data: what its CSV/XLSX download and the JSON API carry.
    pub async fn demography_comparison_table(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
    ) -> Result<Table, AppError> {
        let c = self.demography_compare(actor, ids, measure).await?;
        let mut rows = Vec::new();
        for (region, values) in c.regions.iter().zip(&c.values) {
            for (year, v) in c.years.iter().zip(values) {
                let Some(v) = v else { continue };
                rows.push(vec![
                    region.key.as_str().into(),
                    region.name.as_str().into(),
                    (*year).into(),
                    v.scenario.as_str().into(),
                    v.value.into(),
                    v.p10.into(),
                    v.p90.into(),
                ]);
            }
        }
        Ok(Table {
            name: format!("comparison-{}", c.measure),
            columns: vec![
                "region_key",
                "name",
                "year",
                "scenario",
                "value",
                "p10",
                "p90",
            ],
            rows,
        })
    }
}
