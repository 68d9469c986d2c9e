//! The yearly figures the agency reports: one year's counts, each one indexed query.

use serde::Serialize;
use sqlx::AnyConnection;

use crate::Result;

/// One year's figures (`from` inclusive, `to` exclusive, both days).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct YearFigures {
    /// Approaches per channel (stable channel name, count), by name.
    pub approaches_by_channel: Vec<(String, i64)>,
    pub approaches: i64,
    pub fairs: i64,
    pub leads: i64,
    pub fair_costs_eur: i64,
    pub trips: i64,
    pub agreements: i64,
    /// Projects per stage reached within the year (stable stage name, count).
    pub projects_by_stage: Vec<(String, i64)>,
    pub projects_won: i64,
    pub jobs_won: i64,
    pub investment_won_eur: i64,
}

pub async fn year_figures(conn: &mut AnyConnection, from: i64, to: i64) -> Result<YearFigures> {
    let approaches_by_channel: Vec<(String, i64)> = sqlx::query_as(
        "SELECT channel, COUNT(*) FROM network_approaches WHERE on_day >= $1 AND on_day < $2 \
         GROUP BY channel ORDER BY channel",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let (fairs, fair_costs_eur): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(cost_eur), 0) AS BIGINT) FROM network_fairs \
         WHERE start_day >= $1 AND start_day < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    let (leads,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM network_leads l JOIN network_fairs f ON f.id = l.fair_id \
         WHERE f.start_day >= $1 AND f.start_day < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    let (trips,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM network_trips WHERE start_day >= $1 AND start_day < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    let (agreements,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM network_agreements WHERE signed_on >= $1 AND signed_on < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    let projects_by_stage: Vec<(String, i64)> = sqlx::query_as(
        "SELECT stage, COUNT(*) FROM network_projects WHERE stage_on >= $1 AND stage_on < $2 \
         GROUP BY stage ORDER BY stage",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let (projects_won, jobs_won, investment_won_eur): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(planned_jobs), 0) AS BIGINT), CAST(COALESCE(SUM(planned_investment_eur), 0) AS BIGINT) \
         FROM network_projects WHERE stage = 'won' AND stage_on >= $1 AND stage_on < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await?;
    Ok(YearFigures {
        approaches: approaches_by_channel.iter().map(|(_, n)| n).sum(),
        approaches_by_channel,
        fairs,
        leads,
        fair_costs_eur,
        trips,
        agreements,
        projects_by_stage,
        projects_won,
        jobs_won,
        investment_won_eur,
    })
}
