//! Investment projects from lead to decision: investor, cluster, kind, stage with its day,
//! planned jobs and investment, the office that leads it.

use serde::Deserialize;
use serde_json::json;
use standort_domain::ValidationError;
use standort_domain::network::{Cluster, ProjectKind, ProjectStage};
use standort_store::network::{self as store, Project, ProjectData};
use standort_store::{PageRequest, Paged, audit};

use super::{day_start, line, network_reader, number, org_field, required};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProjectInput {
    pub title: Option<String>,
    pub investor_org_id: Option<String>,
    pub cluster: Option<String>,
    pub kind: Option<String>,
    pub stage: Option<String>,
    pub planned_jobs: Option<String>,
    pub planned_investment_eur: Option<String>,
    pub office: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StageInput {
    pub stage: Option<String>,
    /// Required when lost or on hold.
    pub reason: Option<String>,
}

fn parse_stage(s: &Option<String>) -> Result<ProjectStage, ValidationError> {
    s.as_deref()
        .and_then(ProjectStage::parse)
        .ok_or(ValidationError::new("stage", "unknown-stage"))
}

impl App {
    pub async fn create_project(
        &self,
        actor: &Actor,
        input: &ProjectInput,
    ) -> Result<Project, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let title = required("title", &input.title, 300)?;
        let cluster = match input
            .cluster
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(c) => Some(
                Cluster::parse(c)
                    .ok_or(ValidationError::new("cluster", "unknown-cluster"))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let kind = input
            .kind
            .as_deref()
            .and_then(ProjectKind::parse)
            .ok_or(ValidationError::new("kind", "unknown-kind"))?;
        let stage = match input
            .stage
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => ProjectStage::Lead,
            Some(_) => parse_stage(&input.stage)?,
        };
        let planned_jobs = number("planned_jobs", &input.planned_jobs, 1_000_000)?;
        let planned_investment_eur = number(
            "planned_investment_eur",
            &input.planned_investment_eur,
            1_000_000_000_000,
        )?;
        let office = line("office", &input.office, 50)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let investor_org_id = org_field(&mut tx, "investor_org_id", &input.investor_org_id).await?;
        let data = ProjectData {
            title,
            investor_org_id,
            cluster,
            kind,
            stage,
            stage_on: day_start(now),
            reason: String::new(),
            planned_jobs,
            planned_investment_eur,
            office,
        };
        let p = store::insert_project(&mut tx, &data, actor.id(), now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_project", p.id, Some(investor_org_id))
                .with_after(serde_json::to_value(&p.data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(p)
    }

    /// Moves a project to another stage (lost and on hold need a reason).
    pub async fn set_project_stage(
        &self,
        actor: &Actor,
        id: i64,
        input: &StageInput,
    ) -> Result<Project, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let stage = parse_stage(&input.stage)?;
        let reason = line("reason", &input.reason, 500)?;
        if matches!(stage, ProjectStage::Lost | ProjectStage::OnHold) && reason.is_empty() {
            return Err(ValidationError::new("reason", "required").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before = store::get_project(&mut tx, id).await?;
        store::set_stage(&mut tx, id, stage, day_start(now), &reason).await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "stage",
                    "network_project",
                    id,
                    Some(before.data.investor_org_id),
                )
                .with_before(json!({"stage": before.data.stage.as_str()}))
                .with_after(json!({"stage": stage.as_str()})),
            now,
        )
        .await?;
        let after = store::get_project(&mut tx, id).await?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn list_projects(
        &self,
        actor: &Actor,
        stage: Option<&str>,
        page: PageRequest,
    ) -> Result<Paged<Project>, AppError> {
        network_reader(actor)?;
        let stage = match stage.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                Some(ProjectStage::parse(s).ok_or(ValidationError::new("stage", "unknown-stage"))?)
            }
        };
        let mut conn = self.db.conn().await?;
        Ok(store::list_projects(&mut conn, stage, page).await?)
    }

    pub async fn get_project(&self, actor: &Actor, id: i64) -> Result<Project, AppError> {
        network_reader(actor)?;
        let mut conn = self.db.conn().await?;
        Ok(store::get_project(&mut conn, id).await?)
    }
}
