//! Placements (candidate × position) with what permission checks and lists need from their
//! candidate and position, and the filters of the lists.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::{PageRequest, Paged, Result, StoreError, flag};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementData {
    pub candidate_id: i64,
    pub position_id: i64,
    pub programme_id: Option<i64>,
    /// Copied from the position when the placement is created.
    pub recognition_required: bool,
    pub partnership_accepted: bool,
    pub apprenticeship: bool,
}

/// A placement with what permission checks and lists need from its candidate and position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementSummary {
    pub id: i64,
    #[serde(flatten)]
    pub data: PlacementData,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub family_name: String,
    pub given_names: String,
    /// The candidate's own login.
    pub candidate_user: Option<UserId>,
    /// The counsellor whose caseload the candidate is in.
    pub counsellor: Option<UserId>,
    /// The candidate consented to be shown to employers.
    pub shared: bool,
    pub position_title: String,
    pub position_org: OrgId,
    pub programme_name: Option<String>,
}

/// Filters for listing placements; every field optional.
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub programme: Option<i64>,
    pub candidate: Option<i64>,
    /// Only the placements of the candidate linked to this login.
    pub candidate_user: Option<UserId>,
    /// Only placements for positions of this organisation …
    pub position_org: Option<OrgId>,
    /// … and only of candidates who consented to be shown to the position's employer (to all
    /// employers, or to that organisation by name).
    pub shared_only: bool,
    pub counsellor: Option<UserId>,
}

const SUMMARY_SELECT: &str = "SELECT p.id, p.candidate_id, p.position_id, p.programme_id, \
    p.recognition_required, p.partnership_accepted, p.apprenticeship, p.created_by, p.created_at, \
    c.family_name, c.given_names, c.user_id AS candidate_user, c.counsellor_id, \
    CAST(CASE WHEN c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id) THEN 1 ELSE 0 END AS BIGINT) AS shared_with_employer, \
    s.title AS position_title, s.org_id AS position_org, \
    g.name AS programme_name \
    FROM placements p JOIN candidates c ON c.id = p.candidate_id \
    JOIN positions s ON s.id = p.position_id LEFT JOIN programmes g ON g.id = p.programme_id";

const FILTER: &str = "WHERE ($1 IS NULL OR p.programme_id = $1) AND ($2 IS NULL OR p.candidate_id = $2) \
    AND ($3 IS NULL OR c.user_id = $3) AND ($4 IS NULL OR s.org_id = $4) \
    AND ($5 = 0 OR c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id)) AND ($6 IS NULL OR c.counsellor_id = $6)";

fn summary_from_row(r: &sqlx::any::AnyRow) -> Result<PlacementSummary> {
    Ok(PlacementSummary {
        id: r.try_get("id")?,
        data: PlacementData {
            candidate_id: r.try_get("candidate_id")?,
            position_id: r.try_get("position_id")?,
            programme_id: r.try_get("programme_id")?,
            recognition_required: flag(r.try_get("recognition_required")?),
            partnership_accepted: flag(r.try_get("partnership_accepted")?),
            apprenticeship: flag(r.try_get("apprenticeship")?),
        },
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        family_name: r.try_get("family_name")?,
        given_names: r.try_get("given_names")?,
        candidate_user: r.try_get::<Option<i64>, _>("candidate_user")?.map(UserId),
        counsellor: r.try_get::<Option<i64>, _>("counsellor_id")?.map(UserId),
        shared: flag(r.try_get("shared_with_employer")?),
        position_title: r.try_get("position_title")?,
        position_org: OrgId(r.try_get("position_org")?),
        programme_name: r.try_get("programme_name")?,
    })
}

pub async fn insert_placement(
    conn: &mut AnyConnection,
    d: &PlacementData,
    created_by: Option<UserId>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (candidate_id, position_id, programme_id, recognition_required, \
         partnership_accepted, apprenticeship, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(d.candidate_id)
    .bind(d.position_id)
    .bind(d.programme_id)
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.partnership_accepted))
    .bind(i64::from(d.apprenticeship))
    .bind(created_by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn get_placement(conn: &mut AnyConnection, id: i64) -> Result<PlacementSummary> {
    let row = sqlx::query(&format!("{SUMMARY_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    summary_from_row(&row)
}

macro_rules! bind_filter {
    ($q:expr, $f:expr) => {
        $q.bind($f.programme)
            .bind($f.candidate)
            .bind($f.candidate_user.map(|u| u.0))
            .bind($f.position_org.map(|o| o.0))
            .bind(i64::from($f.shared_only))
            .bind($f.counsellor.map(|u| u.0))
    };
}

/// Placements by candidate name; one page.
pub async fn list_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
    page: PageRequest,
) -> Result<Paged<PlacementSummary>> {
    let count_sql = format!(
        "SELECT COUNT(*) FROM placements p JOIN candidates c ON c.id = p.candidate_id \
         JOIN positions s ON s.id = p.position_id {FILTER}"
    );
    let (total,): (i64,) = bind_filter!(sqlx::query_as(&count_sql), filter)
        .fetch_one(&mut *conn)
        .await?;
    let sql = format!(
        "{SUMMARY_SELECT} {FILTER} ORDER BY c.family_name, c.given_names, p.id LIMIT $7 OFFSET $8"
    );
    let rows = bind_filter!(sqlx::query(&sql), filter)
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Paged {
        items: rows.iter().map(summary_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// Every placement matching the filter (programme boards, the overdue card).
pub async fn all_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
) -> Result<Vec<PlacementSummary>> {
    let sql = format!("{SUMMARY_SELECT} {FILTER} ORDER BY c.family_name, c.given_names, p.id");
    bind_filter!(sqlx::query(&sql), filter)
        .fetch_all(conn)
        .await?
        .iter()
        .map(summary_from_row)
        .collect()
}
