//! Programmes (cohorts): creating and listing them (agency staff create, staff and
//! counsellors read).

use serde::Deserialize;
use standort_domain::ValidationError;
use standort_domain::date::parse_date;
use standort_store::list::Order;
use standort_store::placements::{
    self as store, ProgrammeData, ProgrammeFilter, ProgrammeListRow, ProgrammeRecord, ProgrammeSort,
};
use standort_store::{PageRequest, Paged, audit};

use super::{bounded, text};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// A programme as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeInput {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Planned cohort size.
    pub target_size: Option<String>,
    /// `YYYY-MM-DD`
    pub start_date: Option<String>,
}

/// The programmes list's search, filters and order as the list's URL gives them (text; the use
/// case checks them).
#[derive(Debug, Clone, Default)]
pub struct ProgrammeQuery {
    /// Words of the name or description.
    pub text: Option<String>,
    /// Words of the organisation's name.
    pub org: Option<String>,
    /// Starting from / until these days (`YYYY-MM-DD`, both included).
    pub from: Option<String>,
    pub to: Option<String>,
    pub order: Order<ProgrammeSort>,
}

impl App {
    /// The programmes list with its search, filters and order ([`ProgrammeQuery`]); readers as
    /// [`App::list_programmes`].
    pub async fn query_programmes(
        &self,
        actor: &Actor,
        query: &ProgrammeQuery,
        page: PageRequest,
    ) -> Result<Paged<ProgrammeListRow>, AppError> {
        policy::require(actor, Permission::ReadProgrammes)?;
        let filter = ProgrammeFilter {
            org: text(&query.org).map(str::to_owned),
            start_from: parse_date("from", &query.from)?,
            // The whole last day.
            start_to: parse_date("to", &query.to)?.map(|t| t + 86_399),
            text: text(&query.text).map(str::to_owned),
            order: query.order,
        };
        let mut conn = self.db.conn().await?;
        Ok(store::list_programmes_filtered(&mut conn, &filter, page).await?)
    }

    /// Creates a programme (cohort) of the actor's organisation (agency staff).
    pub async fn create_programme(
        &self,
        actor: &Actor,
        input: &ProgrammeInput,
    ) -> Result<ProgrammeRecord, AppError> {
        policy::require(actor, Permission::ManageProgrammes)?;
        let name =
            bounded("name", &input.name, 200)?.ok_or(ValidationError::new("name", "required"))?;
        let description =
            standort_domain::optional_text("description", input.description.as_deref(), 2000)?
                .unwrap_or_default();
        let target_size = match text(&input.target_size) {
            None => 0,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or(ValidationError::new("target_size", "invalid-number"))?,
        };
        let data = ProgrammeData {
            org_id: actor.user.org_id,
            name,
            description,
            target_size,
            start_date: parse_date("start_date", &input.start_date)?,
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let p = store::insert_programme(&mut tx, &data, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "programme", p.id, Some(p.data.org_id))
                .with_after(serde_json::to_value(&p.data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(p)
    }

    pub async fn list_programmes(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<ProgrammeRecord>, AppError> {
        policy::require(actor, Permission::ReadProgrammes)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_programmes(&mut conn, page).await?)
    }
}
