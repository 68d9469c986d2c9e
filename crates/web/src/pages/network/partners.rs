//! What the visit log shares with each partner agency, decided by agency staff: the list of
//! partner organisations and, per partner, its scope — clusters and NACE sections (checkboxes)
//! and companies named one by one (added through the organisation picker, removed one by one).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use standort_app::network::PartnerScopeInput;
use standort_domain::OrgId;
use standort_domain::network::{Cluster, nace_sections};
use standort_store::network::PartnerOrg;

use super::{fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/partners", get(list))
        .route("/network/partners/{id}", get(show).post(set_scope))
        .route("/network/partners/{id}/companies", post(add_company))
        .route(
            "/network/partners/{id}/companies/{company}/remove",
            post(remove_company),
        )
}

#[derive(Template)]
#[template(path = "network_partners.html")]
struct ListPage<'a> {
    page: &'a Layout,
    /// (org id, name, accounts, when the scope was last changed)
    partners: Vec<(i64, String, i64, Option<String>)>,
}

pub async fn list(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    let partners = match state.app.partner_organisations(&actor).await {
        Ok(p) => p,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "network-partners-title");
    render(&ListPage {
        page: &layout,
        partners: partners
            .into_iter()
            .map(|p: PartnerOrg| {
                (
                    p.org_id.0,
                    p.name,
                    p.users,
                    p.updated_at.map(|t| ctx.tr.datetime(t)),
                )
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "network_partner.html")]
struct ScopePage<'a> {
    page: &'a Layout,
    id: i64,
    name: String,
    agreed: bool,
    updated: String,
    /// (stable name, translation key, chosen)
    clusters: Vec<(&'static str, String, bool)>,
    /// (letter, title, chosen)
    sections: Vec<(char, String, bool)>,
    /// The named companies (id, name).
    companies: Vec<(i64, String)>,
    /// The organisation picker: (id, name, chosen) and its search.
    orgs: Vec<(i64, String, bool)>,
    org_query: String,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    // Staff only: a partner's people read their scope on the visit log.
    if let Err(e) = state.app.partner_organisations(&actor).await {
        return fail(e, &ctx);
    }
    let v = match state.app.partner_scope(&actor, OrgId(id)).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let org_query = first(&p, "oq").unwrap_or_default();
    let orgs = org_options(&state, &actor, &org_query)
        .await
        .into_iter()
        .filter(|(o, _)| *o != id && !v.stored.scope.companies.contains(&OrgId(*o)))
        .map(|(o, n)| (o, n, false))
        .collect();
    let scope = &v.stored.scope;
    let layout = Layout::new(&ctx, "network-partner-title").with_notice(notice(&ctx.tr, &p));
    render(&ScopePage {
        page: &layout,
        id,
        name: v.partner.name.clone(),
        agreed: v.stored.updated_at.is_some(),
        updated: v
            .stored
            .updated_at
            .map(|t| ctx.tr.datetime(t))
            .unwrap_or_default(),
        clusters: Cluster::ALL
            .iter()
            .map(|c| {
                (
                    c.as_str(),
                    format!("network-cluster-{}", c.as_str()),
                    scope.clusters.contains(c),
                )
            })
            .collect(),
        sections: nace_sections()
            .into_iter()
            .map(|c| {
                (
                    c,
                    ctx.tr.t(format!("network-section-{c}")),
                    scope.sections.contains(&c),
                )
            })
            .collect(),
        companies: v.companies.iter().map(|(o, n)| (o.0, n.clone())).collect(),
        orgs,
        org_query,
    })
}

/// Every value given under `key` (a checkbox list), comma-joined for the use case.
fn joined(p: &[(String, String)], key: &str) -> Option<String> {
    let values: Vec<&str> = p
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect();
    Some(values.join(","))
}

pub async fn set_scope(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<Vec<(String, String)>>,
) -> Response {
    let input = PartnerScopeInput {
        clusters: joined(&form, "clusters"),
        sections: joined(&form, "sections"),
    };
    let r = state
        .app
        .set_partner_scope(&actor, OrgId(id), &input)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/partners/{id}?done=network-scope-ok"),
    )
}

#[derive(serde::Deserialize)]
pub struct CompanyForm {
    company: Option<String>,
}

pub async fn add_company(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<CompanyForm>,
) -> Response {
    let r = state
        .app
        .add_partner_company(&actor, OrgId(id), &form.company)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/partners/{id}?done=network-scope-ok"),
    )
}

pub async fn remove_company(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, company)): PagePath<(i64, i64)>,
) -> Response {
    let r = state
        .app
        .remove_partner_company(&actor, OrgId(id), OrgId(company))
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/partners/{id}?done=network-scope-ok"),
    )
}
