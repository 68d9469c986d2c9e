//! Organisations as seen by an actor.

use serde::Deserialize;
use serde_json::json;
use standort_domain::{OrgId, OrgKind, OrgName, Role, ValidationError};
use standort_store::orgs::{NewOrganisation, Organisation};
use standort_store::{PageRequest, Paged, orgs};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};
use standort_store::audit;

#[derive(Debug, Clone, Deserialize)]
pub struct NewOrganisationInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
}

fn parse_country(raw: Option<&str>) -> Result<String, ValidationError> {
    let c = raw.unwrap_or("DE").trim().to_ascii_uppercase();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(ValidationError::new("country", "invalid-country"))
    }
}

impl App {
    pub async fn list_organisations(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Organisation>, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::list(&mut conn, scope.only(), page).await?)
    }

    /// Up to `limit` organisations in the actor's scope whose name contains `text` (the
    /// organisation pickers of forms).
    pub async fn search_organisations(
        &self,
        actor: &Actor,
        text: &str,
        limit: i64,
    ) -> Result<Vec<Organisation>, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::search(&mut conn, scope.only(), text, limit).await?)
    }

    pub async fn get_organisation(
        &self,
        actor: &Actor,
        id: OrgId,
    ) -> Result<Organisation, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        policy::require_in_scope(scope, id)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::get(&mut conn, id).await?)
    }

    pub async fn create_organisation(
        &self,
        actor: &Actor,
        input: &NewOrganisationInput,
    ) -> Result<Organisation, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let name = OrgName::parse(&input.name)?;
        let kind =
            OrgKind::parse(&input.kind).ok_or(ValidationError::new("kind", "unknown-kind"))?;
        let country = parse_country(input.country.as_deref())?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let org = orgs::insert(
            &mut tx,
            &NewOrganisation {
                name: name.as_str(),
                kind,
                country: &country,
            },
            now,
        )
        .await
        .map_err(|e| match e {
            standort_store::StoreError::Conflict(_) => AppError::Conflict("name-taken"),
            other => other.into(),
        })?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "organisation", org.id.to_string(), Some(org.id))
                .with_after(
                    json!({"name": org.name, "kind": org.kind.as_str(), "country": org.country}),
                ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }
}

/// The organisations module's dashboard card: the registry for administrators and staff, the
/// own organisation for employers.
pub(crate) async fn dashboard(
    conn: &mut standort_store::AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    let link = Some("/organisations");
    match actor.role() {
        Role::Administrator => {
            let n = orgs::count(conn).await?;
            board.card(
                "card-organisations",
                Some(n),
                "card-organisations-hint",
                link,
            );
        }
        Role::AgencyStaff => {
            let n = orgs::count(conn).await?;
            board.card("card-organisations", Some(n), "card-partners-hint", link);
        }
        Role::Employer => {
            board.card("card-own-organisation", None, "card-employer-empty", link);
        }
        _ => {}
    }
    Ok(())
}
