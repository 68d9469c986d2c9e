//! Trade fairs and events: the calendar with costs, and leads captured at the stand (a short
//! form that works on a phone).

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::ValidationError;
use standort_store::network::{self as store, Fair, FairData, Lead};
use standort_store::{PageRequest, Paged, audit};

use super::{line, network_reader, number, org_field, required, required_day, text};
use crate::organisations::parse_country;
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FairInput {
    pub name: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Stand and travel costs in whole euros.
    pub cost_eur: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeadInput {
    pub org_id: Option<String>,
    pub note: Option<String>,
    /// `YYYY-MM-DD`
    pub follow_up: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FairView {
    pub fair: Fair,
    pub leads: Vec<Lead>,
    /// Costs divided by leads, whole euros (none without leads).
    pub cost_per_lead_eur: Option<i64>,
}

impl App {
    pub async fn create_fair(&self, actor: &Actor, input: &FairInput) -> Result<Fair, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let start_day = required_day("start", &input.start)?;
        let end_day = required_day("end", &input.end)?;
        if end_day < start_day {
            return Err(ValidationError::new("end", "before-start").into());
        }
        let data = FairData {
            name: required("name", &input.name, 200)?,
            city: line("city", &input.city, 100)?,
            country: parse_country(input.country.as_deref())?,
            start_day,
            end_day,
            cost_eur: number("cost_eur", &input.cost_eur, 100_000_000)?,
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let f = store::insert_fair(&mut tx, &data, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_fair", f.id, None)
                .with_after(serde_json::to_value(&f.data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(f)
    }

    pub async fn list_fairs(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Fair>, AppError> {
        network_reader(actor)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_fairs(&mut conn, page).await?)
    }

    pub async fn get_fair(&self, actor: &Actor, id: i64) -> Result<FairView, AppError> {
        network_reader(actor)?;
        let mut conn = self.db.conn().await?;
        let fair = store::get_fair(&mut conn, id).await?;
        let leads = store::leads(&mut conn, id).await?;
        let n = leads.len() as i64;
        Ok(FairView {
            cost_per_lead_eur: (n > 0).then(|| fair.data.cost_eur / n),
            fair,
            leads,
        })
    }

    /// Captures a lead at a fair.
    pub async fn add_lead(
        &self,
        actor: &Actor,
        fair: i64,
        input: &LeadInput,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let note = text("note", &input.note, 2000)?;
        let follow_up = standort_domain::date::parse_date("follow_up", &input.follow_up)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_fair(&mut tx, fair).await?;
        let org = org_field(&mut tx, "org_id", &input.org_id).await?;
        let id = store::add_lead(&mut tx, fair, org, &note, follow_up, actor.id(), now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_lead", "network_fair", fair, Some(org))
                .with_after(json!({"lead": id, "org_id": org.0})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
