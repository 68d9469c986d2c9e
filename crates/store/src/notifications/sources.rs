//! What the periodic job raises from other modules' tables, and who receives it: the due items
//! stored with each placement's steps (migration 0011) and the people holding a role.

use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, Role, UserId};

use crate::{Result, flag};

/// A stored due item of a placement that is due before the job's horizon and not yet raised
/// for its recipient, with that recipient: the track's owner, else the candidate's counsellor
/// (`None`: neither — the caller raises it for the agency's staff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueSource {
    pub placement_id: i64,
    pub track: String,
    pub code: String,
    pub due_on: i64,
    pub legal: bool,
    pub user_id: Option<UserId>,
}

/// The key of a due item's notification: the placement, the step and its due day (a new due
/// day is a new occasion).
pub fn due_record_key(placement: i64, track: &str, code: &str, due_on: i64) -> String {
    format!("placement:{placement}:{track}:{code}:{due_on}")
}

/// The same key written in SQL over `placement_due d` (both backends: `||` and `CAST … AS TEXT`).
const DUE_KEY_SQL: &str = "'placement:' || CAST(d.placement_id AS TEXT) || ':' || d.track || ':' \
    || d.code || ':' || CAST(d.due_on AS TEXT)";

/// Due items before `until` (Unix seconds) whose notification of the kind they have as of
/// `today` (`track_overdue` before `today`, `track_due` after) their owner or counsellor does
/// not have yet. Items without either are all returned (their recipients are a role; the
/// unique key keeps raising them idempotent).
pub async fn due_sources(
    conn: &mut AnyConnection,
    today: i64,
    until: i64,
) -> Result<Vec<DueSource>> {
    sources(conn, today, until, None).await
}

/// [`due_sources`] of one placement (raised in the transaction that recorded its step).
pub async fn due_sources_of(
    conn: &mut AnyConnection,
    placement: i64,
    today: i64,
    until: i64,
) -> Result<Vec<DueSource>> {
    sources(conn, today, until, Some(placement)).await
}

async fn sources(
    conn: &mut AnyConnection,
    today: i64,
    until: i64,
    placement: Option<i64>,
) -> Result<Vec<DueSource>> {
    let one = if placement.is_some() {
        " AND d.placement_id = $3"
    } else {
        ""
    };
    let sql = format!(
        "SELECT x.* FROM (SELECT d.placement_id, d.track, d.code, d.due_on, d.legal, \
         COALESCE(t.owner_user_id, c.counsellor_id) AS user_id, {DUE_KEY_SQL} AS record_key, \
         CASE WHEN d.due_on < $1 THEN 'track_overdue' ELSE 'track_due' END AS kind \
         FROM placement_due d JOIN placements p ON p.id = d.placement_id \
         JOIN candidates c ON c.id = p.candidate_id \
         LEFT JOIN placement_tracks t ON t.placement_id = d.placement_id AND t.track = d.track \
         WHERE d.due_on < $2{one}) x \
         WHERE x.user_id IS NULL OR NOT EXISTS (SELECT 1 FROM notifications n \
         WHERE n.user_id = x.user_id AND n.kind = x.kind AND n.record_key = x.record_key) \
         ORDER BY x.user_id, x.due_on, x.placement_id"
    );
    let mut query = sqlx::query(&sql).bind(today).bind(until);
    if let Some(placement) = placement {
        query = query.bind(placement);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|r| {
            Ok(DueSource {
                placement_id: r.try_get("placement_id")?,
                track: r.try_get("track")?,
                code: r.try_get("code")?,
                due_on: r.try_get("due_on")?,
                legal: flag(r.try_get("legal")?),
                user_id: r.try_get::<Option<i64>, _>("user_id")?.map(UserId),
            })
        })
        .collect()
}

/// The active accounts holding `role`, in `org` when given (a role within an organisation's
/// scope), else in every organisation.
pub async fn users_with_role(
    conn: &mut AnyConnection,
    role: Role,
    org: Option<OrgId>,
) -> Result<Vec<UserId>> {
    let rows: Vec<(i64,)> =
        match org {
            Some(org) => sqlx::query_as(
                "SELECT id FROM users WHERE role = $1 AND org_id = $2 AND disabled = 0 ORDER BY id",
            )
            .bind(role.as_str())
            .bind(org.0)
            .fetch_all(conn)
            .await?,
            None => {
                sqlx::query_as("SELECT id FROM users WHERE role = $1 AND disabled = 0 ORDER BY id")
                    .bind(role.as_str())
                    .fetch_all(conn)
                    .await?
            }
        };
    Ok(rows.into_iter().map(|(id,)| UserId(id)).collect())
}
