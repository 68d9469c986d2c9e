//! Agreements (memoranda of understanding, cooperation agreements): parties, signed on, term,
//! the trip they came out of, obligations with owner and deadline. Agency staff register
//! them; a clinic or employer sees the agreements its own organisation is a party to, and
//! any other answers 404.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::network::{AgreementKind, AgreementStatus};
use standort_domain::{OrgId, UserId, ValidationError};
use standort_store::network::{self as store, Agreement, AgreementData, Obligation, Party};
use standort_store::{PageRequest, Paged, audit, users};

use super::{org_field, required, required_day};
use crate::policy::{self, Permission, allows};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgreementInput {
    pub title: Option<String>,
    /// `memorandum` or `cooperation`
    pub kind: Option<String>,
    /// `draft`, `signed` or `ended`; `signed` if a signing day is given, else `draft`.
    pub status: Option<String>,
    pub signed_on: Option<String>,
    pub ends_on: Option<String>,
    pub trip_id: Option<String>,
    /// The parties: organisation ids, comma-separated (at least two).
    pub parties: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ObligationInput {
    pub description: Option<String>,
    /// `YYYY-MM-DD`
    pub due: Option<String>,
    /// The user responsible (an id); the actor when left out.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub agreement: Agreement,
    pub parties: Vec<Party>,
    pub obligations: Vec<Obligation>,
}

/// Who may read agreements, and which: `None` all (staff, administrators), `Some(org)` only
/// those `org` is a party to.
fn agreement_scope(actor: &Actor) -> Result<Option<OrgId>, AppError> {
    let role = actor.role();
    if allows(role, Permission::ReadNetwork) {
        Ok(None)
    } else if allows(role, Permission::ReadOwnAgreements) {
        Ok(Some(actor.user.org_id))
    } else {
        // Refused as `policy::require` refuses (a partner agency: not found).
        policy::require(actor, Permission::ReadOwnAgreements).map(|_| None)
    }
}

impl App {
    /// Registers an agreement with its parties (agency staff).
    pub async fn create_agreement(
        &self,
        actor: &Actor,
        input: &AgreementInput,
    ) -> Result<Agreement, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let title = required("title", &input.title, 300)?;
        let kind = input
            .kind
            .as_deref()
            .and_then(AgreementKind::parse)
            .ok_or(ValidationError::new("kind", "unknown-kind"))?;
        let signed_on = standort_domain::date::parse_date("signed_on", &input.signed_on)?;
        let ends_on = standort_domain::date::parse_date("ends_on", &input.ends_on)?;
        if let (Some(s), Some(e)) = (signed_on, ends_on)
            && e < s
        {
            return Err(ValidationError::new("ends_on", "before-start").into());
        }
        let status = match input
            .status
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => {
                AgreementStatus::parse(s).ok_or(ValidationError::new("status", "unknown-status"))?
            }
            None if signed_on.is_some() => AgreementStatus::Signed,
            None => AgreementStatus::Draft,
        };
        let mut party_ids: Vec<Option<String>> = Vec::new();
        for p in input
            .parties
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
        {
            if !p.is_empty() && !party_ids.contains(&Some(p.to_owned())) {
                party_ids.push(Some(p.to_owned()));
            }
        }
        if party_ids.len() < 2 {
            return Err(ValidationError::new("parties", "two-parties").into());
        }
        let trip_id = match input
            .trip_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(t) => Some(
                t.parse::<i64>()
                    .map_err(|_| ValidationError::new("trip_id", "unknown-trip"))?,
            ),
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let mut parties = Vec::new();
        for p in &party_ids {
            parties.push(org_field(&mut tx, "parties", p).await?);
        }
        if let Some(t) = trip_id {
            store::get_trip(&mut tx, t)
                .await
                .map_err(|_| AppError::from(ValidationError::new("trip_id", "unknown-trip")))?;
        }
        let data = AgreementData {
            title,
            kind,
            status,
            signed_on,
            ends_on,
            trip_id,
        };
        let a = store::insert_agreement(&mut tx, &data, actor.id(), now).await?;
        for p in &parties {
            store::add_party(&mut tx, a.id, *p).await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_agreement", a.id, None)
                .with_after(json!({
                    "agreement": serde_json::to_value(&a.data).unwrap_or_default(),
                    "parties": parties.iter().map(|p| p.0).collect::<Vec<_>>(),
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Adds an obligation with owner and deadline.
    pub async fn add_obligation(
        &self,
        actor: &Actor,
        agreement: i64,
        input: &ObligationInput,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let description = required("description", &input.description, 500)?;
        let due = required_day("due", &input.due)?;
        let owner = match input
            .owner
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => actor.id(),
            Some(o) => UserId(
                o.parse()
                    .map_err(|_| ValidationError::new("owner", "unknown-user"))?,
            ),
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_agreement(&mut tx, agreement).await?;
        users::get(&mut tx, owner)
            .await
            .map_err(|_| AppError::from(ValidationError::new("owner", "unknown-user")))?;
        let id =
            store::add_obligation(&mut tx, agreement, &description, Some(owner), due, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_obligation", "network_agreement", agreement, None)
                .with_after(json!({"obligation": id, "due_day": due, "owner": owner.0})),
            now,
        )
        .await?;
        // An obligation already within the reminders' horizon is announced at once.
        let raises =
            super::reminders::obligation_raises(&mut tx, super::day_start(now), Some(agreement))
                .await?;
        let mailed = self.raise(&mut tx, &raises, now).await?.mailed;
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(id)
    }

    /// Marks an obligation as fulfilled.
    pub async fn complete_obligation(
        &self,
        actor: &Actor,
        agreement: i64,
        obligation: i64,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::complete_obligation(&mut tx, agreement, obligation, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("complete_obligation", "network_agreement", agreement, None)
                .with_after(json!({"obligation": obligation})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Agreements the actor may see, the latest first.
    pub async fn list_agreements(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Agreement>, AppError> {
        let party = agreement_scope(actor)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_agreements(&mut conn, party, page).await?)
    }

    /// One agreement with parties and obligations; 404 outside the actor's scope.
    pub async fn get_agreement(&self, actor: &Actor, id: i64) -> Result<AgreementView, AppError> {
        let party = agreement_scope(actor)?;
        let mut conn = self.db.conn().await?;
        if let Some(org) = party
            && !store::is_party(&mut conn, id, org).await?
        {
            return Err(AppError::NotFound);
        }
        Ok(AgreementView {
            agreement: store::get_agreement(&mut conn, id).await?,
            parties: store::parties(&mut conn, id).await?,
            obligations: store::obligations(&mut conn, id).await?,
        })
    }

    /// Open obligations due within `days` days (overdue ones included), earliest first.
    pub async fn obligations_due(
        &self,
        actor: &Actor,
        days: i64,
    ) -> Result<(Vec<Obligation>, i64), AppError> {
        super::network_reader(actor)?;
        let until = super::day_start(self.now()) + (days + 1) * super::DAY;
        let mut conn = self.db.conn().await?;
        Ok(store::obligations_due(&mut conn, until, 50).await?)
    }
}
