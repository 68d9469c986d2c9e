//! Investment projects from lead to decision.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::{ProjectKind, ProjectStage};
use standort_domain::{OrgId, UserId};

use super::unknown;
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectData {
    pub title: String,
    pub investor_org_id: OrgId,
    /// Stable name of a `Cluster`.
    pub cluster: Option<String>,
    pub kind: ProjectKind,
    pub stage: ProjectStage,
    /// The day the project reached its stage.
    pub stage_on: i64,
    /// Why it was lost or put on hold.
    pub reason: String,
    pub planned_jobs: i64,
    pub planned_investment_eur: i64,
    /// The office that leads it (`leipzig`, `hcmc` …).
    pub office: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    pub id: i64,
    #[serde(flatten)]
    pub data: ProjectData,
    pub investor_name: String,
    pub created_at: i64,
}

const COLUMNS: &str = "p.id, p.title, p.investor_org_id, p.cluster, p.kind, p.stage, \
    p.stage_on, p.reason, p.planned_jobs, p.planned_investment_eur, p.office, p.created_at, \
    o.name AS investor_name";
const FROM: &str = "network_projects p JOIN organisations o ON o.id = p.investor_org_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Project> {
    let kind: String = r.try_get("kind")?;
    let stage: String = r.try_get("stage")?;
    Ok(Project {
        id: r.try_get("id")?,
        data: ProjectData {
            title: r.try_get("title")?,
            investor_org_id: OrgId(r.try_get("investor_org_id")?),
            cluster: r.try_get("cluster")?,
            kind: ProjectKind::parse(&kind).ok_or_else(|| unknown("project kind", &kind))?,
            stage: ProjectStage::parse(&stage).ok_or_else(|| unknown("stage", &stage))?,
            stage_on: r.try_get("stage_on")?,
            reason: r.try_get("reason")?,
            planned_jobs: r.try_get("planned_jobs")?,
            planned_investment_eur: r.try_get("planned_investment_eur")?,
            office: r.try_get("office")?,
        },
        investor_name: r.try_get("investor_name")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_project(
    conn: &mut AnyConnection,
    d: &ProjectData,
    by: UserId,
    now: i64,
) -> Result<Project> {
    let row = sqlx::query(
        "INSERT INTO network_projects (title, investor_org_id, cluster, kind, stage, stage_on, \
         reason, planned_jobs, planned_investment_eur, office, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(&d.title)
    .bind(d.investor_org_id.0)
    .bind(d.cluster.clone())
    .bind(d.kind.as_str())
    .bind(d.stage.as_str())
    .bind(d.stage_on)
    .bind(&d.reason)
    .bind(d.planned_jobs)
    .bind(d.planned_investment_eur)
    .bind(&d.office)
    .bind(by.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    get_project(conn, row.try_get("id")?).await
}

pub async fn get_project(conn: &mut AnyConnection, id: i64) -> Result<Project> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Projects, the latest stage change first; `stage` keeps one stage.
pub async fn list_projects(
    conn: &mut AnyConnection,
    stage: Option<ProjectStage>,
    page: PageRequest,
) -> Result<Paged<Project>> {
    let mut f = Filter::default();
    if let Some(s) = stage {
        f.and(Arg::Text(s.as_str().into()), |n| format!("p.stage = ${n}"));
    }
    let (from_where, args) = f.from(FROM);
    crate::fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        "p.stage_on DESC, p.id DESC",
        &args,
        page,
        from_row,
    )
    .await
}

/// Moves a project to a stage on a day, with the reason (lost, on hold).
pub async fn set_stage(
    conn: &mut AnyConnection,
    id: i64,
    stage: ProjectStage,
    on: i64,
    reason: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE network_projects SET stage = $1, stage_on = $2, reason = $3 WHERE id = $4",
    )
    .bind(stage.as_str())
    .bind(on)
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
