//! Costs of a recruitment, flagged when borne by the candidate.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostRecord {
    pub id: i64,
    pub placement_id: i64,
    pub incurred_on: i64,
    pub purpose: String,
    pub amount_cents: i64,
    /// ISO 4217 (`EUR`, `VND`).
    pub currency: String,
    /// `candidate`, `employer`, `agency` or `programme`.
    pub borne_by: String,
    pub actor_user_id: Option<i64>,
    pub recorded_at: i64,
}

impl CostRecord {
    /// Fair-recruitment rule: the candidate pays nothing.
    pub fn flagged(&self) -> bool {
        self.borne_by == "candidate" && self.amount_cents != 0
    }
}

#[derive(Debug, Clone)]
pub struct NewCost<'a> {
    pub placement_id: i64,
    pub incurred_on: i64,
    pub purpose: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub borne_by: &'a str,
    pub actor: Option<UserId>,
}

const COST_COLUMNS: &str = "k.id, k.placement_id, k.incurred_on, k.purpose, k.amount_cents, k.currency, \
    k.borne_by, k.actor_user_id, k.recorded_at";

fn cost_from_row(r: &sqlx::any::AnyRow) -> Result<CostRecord> {
    Ok(CostRecord {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        incurred_on: r.try_get("incurred_on")?,
        purpose: r.try_get("purpose")?,
        amount_cents: r.try_get("amount_cents")?,
        currency: r.try_get("currency")?,
        borne_by: r.try_get("borne_by")?,
        actor_user_id: r.try_get("actor_user_id")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub async fn add_cost(conn: &mut AnyConnection, c: &NewCost<'_>, now: i64) -> Result<CostRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO placement_costs (placement_id, incurred_on, purpose, amount_cents, currency, borne_by, \
         actor_user_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {}",
        COST_COLUMNS.replace("k.", "")
    ))
    .bind(c.placement_id)
    .bind(c.incurred_on)
    .bind(c.purpose)
    .bind(c.amount_cents)
    .bind(c.currency)
    .bind(c.borne_by)
    .bind(c.actor.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    cost_from_row(&row)
}

pub async fn costs(conn: &mut AnyConnection, placement: i64) -> Result<Vec<CostRecord>> {
    sqlx::query(&format!(
        "SELECT {COST_COLUMNS} FROM placement_costs k WHERE k.placement_id = $1 ORDER BY k.incurred_on, k.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(cost_from_row)
    .collect()
}

/// The costs of every placement of a programme (`None`: of all placements).
pub async fn costs_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<CostRecord>> {
    sqlx::query(&format!(
        "SELECT {COST_COLUMNS} FROM placement_costs k JOIN placements p ON p.id = k.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY k.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(cost_from_row)
    .collect()
}
