//! The visit log shared with partner agencies (the city's or the district's business office,
//! the chamber). Agency staff agree a scope with each partner organisation — clusters, NACE
//! sections, named companies (see [`PartnerScope`]) — and change it as the agreement changes;
//! every change is audited. Partner agencies' people then see the approaches of the companies
//! in scope (every agency's, so a company is not visited twice) and log their own, as their
//! organisation; every company and approach outside the scope answers 404. They see nothing
//! else of the network: no contacts, trips, fairs, projects or agreements.

use serde::Deserialize;
use serde_json::json;
use standort_domain::network::{Cluster, PartnerScope, nace_sections};
use standort_domain::{OrgId, ValidationError};
use standort_store::network::{self as store, PartnerOrg, StoredScope};
use standort_store::orgs::{self, Organisation};
use standort_store::{AnyConnection, PageRequest, Paged, StoreError, audit};

use super::org_field;
use crate::policy::{self, Permission, VisitLogAccess};
use crate::{Actor, App, AppError};

/// The clusters and NACE sections of a scope as a form or body gives them (stable names and
/// section letters, comma-separated; blank for none).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PartnerScopeInput {
    pub clusters: Option<String>,
    pub sections: Option<String>,
}

/// A partner organisation's scope with the names of its named companies.
#[derive(Debug, Clone)]
pub struct PartnerScopeView {
    pub partner: Organisation,
    pub stored: StoredScope,
    /// The named companies (id, name; by name).
    pub companies: Vec<(OrgId, String)>,
}

fn parse_list<T>(
    field: &'static str,
    raw: &Option<String>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, AppError>
where
    T: PartialEq,
{
    let mut out = Vec::new();
    for v in raw
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        let item = parse(v).ok_or(ValidationError::new(field, "invalid-choice"))?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

fn section(v: &str) -> Option<char> {
    let mut chars = v.chars();
    let c = chars.next()?.to_ascii_uppercase();
    (chars.next().is_none() && nace_sections().contains(&c)).then_some(c)
}

/// What an audit entry keeps of a scope: its rules and the named companies' ids.
fn scope_json(s: &PartnerScope) -> serde_json::Value {
    json!({
        "clusters": s.clusters.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "sections": s.sections.iter().map(char::to_string).collect::<Vec<_>>(),
        "companies": s.companies.iter().map(|c| c.0).collect::<Vec<_>>(),
    })
}

/// The visit log as one actor sees it: for a partner agency, its scope (`None`: everything).
pub(super) struct LogView {
    pub scope: Option<PartnerScope>,
}

impl LogView {
    pub(super) async fn of(conn: &mut AnyConnection, actor: &Actor) -> Result<LogView, AppError> {
        let scope = match policy::visit_log_access(actor)? {
            VisitLogAccess::Partner(org) => Some(store::partner_scope(conn, org).await?.scope),
            _ => None,
        };
        Ok(LogView { scope })
    }

    /// Refuses (404) a company outside a partner's scope, or one that does not exist.
    pub(super) async fn company(
        &self,
        conn: &mut AnyConnection,
        org: OrgId,
    ) -> Result<(), AppError> {
        let Some(scope) = &self.scope else {
            return Ok(());
        };
        let o = match orgs::get(conn, org).await {
            Ok(o) => o,
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        };
        policy::require_in_partner_scope(
            scope,
            o.id,
            o.profile.sector.as_deref(),
            &o.profile.clusters,
        )
    }

    /// The company named in a form: for staff one that exists (422 otherwise); for a partner
    /// one in its scope (404 otherwise, whether it exists or not).
    pub(super) async fn company_field(
        &self,
        conn: &mut AnyConnection,
        field: &'static str,
        raw: &Option<String>,
    ) -> Result<OrgId, AppError> {
        if self.scope.is_none() {
            return org_field(conn, field, raw).await;
        }
        let id = raw
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ValidationError::new(field, "required"))?
            .parse::<i64>()
            .map_err(|_| ValidationError::new(field, "unknown-organisation"))?;
        self.company(conn, OrgId(id)).await?;
        Ok(OrgId(id))
    }
}

/// How a change of a partner's named companies names the company: a form or body field is
/// added (an unknown organisation is a validation error), a path id is taken out (404).
enum Named<'a> {
    Field(&'a Option<String>),
    Path(OrgId),
}

/// Agency staff decide the scopes; every other role gets 404 (these are new pages and
/// endpoints: a role without the feature does not learn they exist).
fn scope_manager(actor: &Actor) -> Result<(), AppError> {
    match policy::require(actor, Permission::ManagePartnerScopes) {
        Ok(_) => Ok(()),
        Err(AppError::Forbidden) => Err(AppError::NotFound),
        Err(e) => Err(e),
    }
}

impl App {
    /// The partner organisations (with partner-agency accounts or an agreed scope), for staff.
    pub async fn partner_organisations(&self, actor: &Actor) -> Result<Vec<PartnerOrg>, AppError> {
        scope_manager(actor)?;
        let mut conn = self.db.conn().await?;
        Ok(store::partner_organisations(&mut conn).await?)
    }

    /// The scope agreed with `partner`: staff see every partner's, a partner agency's people
    /// their own organisation's; anyone else 404.
    pub async fn partner_scope(
        &self,
        actor: &Actor,
        partner: OrgId,
    ) -> Result<PartnerScopeView, AppError> {
        let own = policy::visit_log_access(actor).ok() == Some(VisitLogAccess::Partner(partner));
        if !own {
            scope_manager(actor)?;
        }
        let mut conn = self.db.conn().await?;
        let partner = match orgs::get(&mut conn, partner).await {
            Ok(o) => o,
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let stored = store::partner_scope(&mut conn, partner.id).await?;
        let mut companies = Vec::new();
        for id in &stored.scope.companies {
            companies.push((*id, orgs::get(&mut conn, *id).await?.name));
        }
        Ok(PartnerScopeView {
            partner,
            stored,
            companies,
        })
    }

    /// Replaces the clusters and NACE sections agreed with `partner` (staff; audited with the
    /// scope before and after).
    pub async fn set_partner_scope(
        &self,
        actor: &Actor,
        partner: OrgId,
        input: &PartnerScopeInput,
    ) -> Result<StoredScope, AppError> {
        scope_manager(actor)?;
        let clusters = parse_list("clusters", &input.clusters, Cluster::parse)?;
        let mut sections = parse_list("sections", &input.sections, section)?;
        sections.sort_unstable();
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let partner = self.org_in_path(&mut tx, partner).await?;
        let before = store::partner_scope(&mut tx, partner).await?;
        store::put_partner_scope(&mut tx, partner, &clusters, &sections, actor.id(), now).await?;
        let after = store::partner_scope(&mut tx, partner).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "network_partner_scope", partner.0, Some(partner))
                .with_before(scope_json(&before.scope))
                .with_after(scope_json(&after.scope)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Names a company in the scope agreed with `partner` (staff; audited).
    pub async fn add_partner_company(
        &self,
        actor: &Actor,
        partner: OrgId,
        company: &Option<String>,
    ) -> Result<StoredScope, AppError> {
        self.change_partner_company(actor, partner, Named::Field(company))
            .await
    }

    /// Takes a named company out of the scope agreed with `partner` (staff; audited); a
    /// company that was not named answers 404.
    pub async fn remove_partner_company(
        &self,
        actor: &Actor,
        partner: OrgId,
        company: OrgId,
    ) -> Result<StoredScope, AppError> {
        self.change_partner_company(actor, partner, Named::Path(company))
            .await
    }

    async fn change_partner_company(
        &self,
        actor: &Actor,
        partner: OrgId,
        company: Named<'_>,
    ) -> Result<StoredScope, AppError> {
        scope_manager(actor)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let partner = self.org_in_path(&mut tx, partner).await?;
        let (company, add) = match company {
            Named::Field(raw) => (org_field(&mut tx, "company", raw).await?, true),
            // A company named in the path that does not exist is not found (404), like any
            // path id; only a form or body field answers 422.
            Named::Path(id) => (self.org_in_path(&mut tx, id).await?, false),
        };
        let before = store::partner_scope(&mut tx, partner).await?;
        if before.updated_at.is_none() {
            // The first change of a partner's scope creates its (empty) agreement.
            store::put_partner_scope(&mut tx, partner, &[], &[], actor.id(), now).await?;
        }
        let changed = if add {
            store::add_partner_company(&mut tx, partner, company).await?
        } else {
            store::remove_partner_company(&mut tx, partner, company).await?
        };
        if !changed && !add {
            return Err(AppError::NotFound);
        }
        let after = store::partner_scope(&mut tx, partner).await?;
        if changed {
            audit::append(
                &mut tx,
                &actor
                    .audit("update", "network_partner_scope", partner.0, Some(partner))
                    .with_before(scope_json(&before.scope))
                    .with_after(scope_json(&after.scope)),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// An organisation named in a path (a partner, a company): one that exists (404 otherwise).
    async fn org_in_path(&self, conn: &mut AnyConnection, id: OrgId) -> Result<OrgId, AppError> {
        match orgs::get(conn, id).await {
            Ok(o) => Ok(o.id),
            Err(StoreError::NotFound) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// One company of the visit log (id, name): any for staff and administrators, one in scope
    /// for a partner agency (404 otherwise).
    pub async fn visit_log_company(
        &self,
        actor: &Actor,
        org: OrgId,
    ) -> Result<(OrgId, String), AppError> {
        let mut conn = self.db.conn().await?;
        LogView::of(&mut conn, actor)
            .await?
            .company(&mut conn, org)
            .await?;
        match orgs::get(&mut conn, org).await {
            Ok(o) => Ok((o.id, o.name)),
            Err(StoreError::NotFound) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// The companies a partner agency may log approaches of (its scope), by name, whose name
    /// holds every word of `text`; for others the use case is refused as the visit log is.
    pub async fn visit_log_companies(
        &self,
        actor: &Actor,
        text: &str,
        page: PageRequest,
    ) -> Result<Paged<(OrgId, String)>, AppError> {
        let mut conn = self.db.conn().await?;
        let view = LogView::of(&mut conn, actor).await?;
        let Some(scope) = &view.scope else {
            return Err(AppError::NotFound);
        };
        let text = text.trim();
        Ok(
            store::companies_in_scope(&mut conn, scope, (!text.is_empty()).then_some(text), page)
                .await?,
        )
    }
}
