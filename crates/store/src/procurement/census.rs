//! The daily census: patients in beds per clinic and day (for the burn rate per patient-day).

use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;

use crate::Result;

/// Sets a clinic's census of a day (a second entry for the day replaces the first).
pub async fn set_census(
    conn: &mut AnyConnection,
    org: OrgId,
    day: i64,
    patients: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO procurement_census (org_id, day, patients, recorded_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (org_id, day) DO UPDATE SET patients = excluded.patients, recorded_at = excluded.recorded_at",
    )
    .bind(org.0)
    .bind(day)
    .bind(patients)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// `(clinic, day, patients)` in `[from, to)` (`None`: every clinic), by clinic and day.
/// Per clinic, the patients in beds summed over the days of a window (patient-days).
pub async fn patient_days(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    from: i64,
    to: i64,
) -> Result<Vec<(OrgId, i64)>> {
    super::fetch_window(
        conn,
        "SELECT org_id, CAST(SUM(CASE WHEN patients > 0 THEN patients ELSE 0 END) AS BIGINT) AS days \
         FROM procurement_census WHERE {clinic}day >= $1 AND day < $2 GROUP BY org_id",
        from,
        to,
        org,
    )
    .await?
        .iter()
        .map(|r| Ok((OrgId(r.try_get("org_id")?), r.try_get("days")?)))
        .collect()
}

pub async fn census(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    from: i64,
    to: i64,
) -> Result<Vec<(OrgId, i64, i64)>> {
    sqlx::query(
        "SELECT org_id, day, patients FROM procurement_census \
         WHERE ($1 IS NULL OR org_id = $1) AND day >= $2 AND day < $3 ORDER BY org_id, day",
    )
    .bind(org.map(|o| o.0))
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok((
            OrgId(r.try_get("org_id")?),
            r.try_get("day")?,
            r.try_get("patients")?,
        ))
    })
    .collect()
}
