//! The yearly figures the agency reports: approaches by channel, fairs, leads, cost per lead,
//! trips, agreements, projects by stage, jobs and investment of won projects.

use serde::Serialize;
use standort_domain::ValidationError;
use standort_store::network::{self as store, YearFigures};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    pub year: i32,
    #[serde(flatten)]
    pub figures: YearFigures,
    /// Fair costs divided by leads, whole euros.
    pub cost_per_lead_eur: Option<i64>,
}

fn year_start(year: i32) -> Result<i64, ValidationError> {
    let d = time::Date::from_calendar_date(year, time::Month::January, 1)
        .map_err(|_| ValidationError::new("year", "invalid-year"))?;
    Ok(d.midnight().assume_utc().unix_timestamp())
}

impl App {
    /// The figures of `years` (each `2000..=2100`), in the order given.
    pub async fn network_figures(
        &self,
        actor: &Actor,
        years: &[i32],
    ) -> Result<Vec<YearReport>, AppError> {
        policy::require(actor, Permission::ReadNetworkFigures)?;
        let mut out = Vec::new();
        let mut conn = self.db.conn().await?;
        for &year in years {
            if !(2000..=2100).contains(&year) {
                return Err(ValidationError::new("year", "invalid-year").into());
            }
            let figures =
                store::year_figures(&mut conn, year_start(year)?, year_start(year + 1)?).await?;
            out.push(YearReport {
                year,
                cost_per_lead_eur: (figures.leads > 0)
                    .then(|| figures.fair_costs_eur / figures.leads),
                figures,
            });
        }
        Ok(out)
    }

    /// The current calendar year.
    pub fn current_year(&self) -> i32 {
        time::OffsetDateTime::from_unix_timestamp(self.now())
            .map(|t| t.year())
            .unwrap_or(2026)
    }
}
