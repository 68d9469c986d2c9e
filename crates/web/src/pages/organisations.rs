use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::export::Value;
use standort_app::organisations::{
    NewOrganisationInput, OrgProfileInput, OrgSearchInput, OrganisationDetails,
};
use standort_app::policy::{Permission, allows};
use standort_domain::network::{Cluster, LinkKind};
use standort_domain::{OrgId, OrgKind};
use standort_store::orgs::{OrgSort, Organisation};
use standort_store::users::User;

use super::form::{done, first, pairs};
use super::list::{ListState, ListView, download};
use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::error::PageError;
use crate::i18n::locales;
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "organisations",
    help: &["help-organisations"],
    locales: locales!("organisations"),
    pages: routes,
    api: crate::api::organisations::routes,
    openapi: crate::api::organisations::openapi,
    nav: &[NavEntry {
        href: "/organisations",
        label_key: "nav-organisations",
        visible: |role| allows(role, Permission::ReadOrganisations),
    }],
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(list).post(create))
        .route("/organisations/{id}", get(show))
        .route("/organisations/{id}/profile", post(update_profile))
        .route("/organisations/{id}/names", post(add_name))
        .route("/organisations/{id}/links", post(add_link))
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct ListPage<'a> {
    page: &'a Layout,
    count: String,
    search: &'a OrgSearchInput,
    clusters: &'static [Cluster],
    orgs: &'a [Organisation],
    pager: Pager,
    list: ListView,
    can_create: bool,
    kinds: &'a [OrgKind],
}

/// The organisations list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const FILTERS: &[&str] = &["kind", "country", "sector", "cluster"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const COLUMNS: &[(&str, Option<OrgSort>)] = &[
    ("org-name", Some(OrgSort::Name)),
    ("org-kind", Some(OrgSort::Kind)),
    ("org-country", Some(OrgSort::Country)),
    ("org-sector", Some(OrgSort::Sector)),
];

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st = match ListState::<OrgSort>::parse("/organisations", &p, FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let text = |k: &str| st.filter(k).map(str::to_owned);
    let search = OrgSearchInput {
        q: Some(st.q.clone()).filter(|q| !q.is_empty()),
        kind: text("kind"),
        country: text("country"),
        sector: text("sector"),
        cluster: text("cluster"),
        order: st.order,
    };
    let page = match state
        .app
        .search_organisations(&actor, &search, st.rows())
        .await
    {
        Ok(page) => page,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    if let Some(format) = st.format {
        let tr = &ctx.tr;
        let rows = page
            .items
            .iter()
            .map(|o| {
                vec![
                    Value::from(o.name.as_str()),
                    Value::from(tr.org_kind(&o.kind)),
                    Value::from(tr.country(&o.country)),
                    o.profile.sector.clone().map_or(Value::Empty, Value::from),
                ]
            })
            .collect();
        let columns: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "organisations", &columns, rows);
    }
    let layout = Layout::new(&ctx, "organisations-title")
        .with_notice(super::notice(&ctx.tr, first(&p, "done").as_deref()));
    render(&ListPage {
        page: &layout,
        count: ctx.tr.tn("organisations-count", "count", page.total),
        search: &search,
        clusters: Cluster::ALL,
        orgs: &page.items,
        pager: Pager::new(&ctx.tr, &page, &st.base()),
        list: st.view(&ctx.tr, COLUMNS),
        can_create: allows(actor.role(), Permission::ManageAccounts),
        kinds: &OrgKind::ALL,
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<NewOrganisationInput>,
) -> Response {
    match state.app.create_organisation(&actor, &form).await {
        Ok(_) => Redirect::to("/organisations?done=org-created-ok").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    org: &'a Organisation,
    d: &'a OrganisationDetails,
    members: &'a [User],
    /// The sector with its division's title in the user's language.
    sector: Option<String>,
    can_edit: bool,
    /// (cluster, held)
    clusters: Vec<(&'static str, bool)>,
    link_kinds: &'static [LinkKind],
    others: Vec<(i64, String)>,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let d = match state.app.organisation_details(&actor, OrgId(id)).await {
        Ok(d) => d,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let org = &d.organisation;
    // Members are listed only for roles that may read accounts; within scope by construction.
    let members = if allows(actor.role(), Permission::ReadUsers) {
        match state
            .app
            .list_users(
                &actor,
                Some(org.id),
                PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
            )
            .await
        {
            Ok(p) => p.items,
            Err(e) => return PageError::new(e.into(), &ctx).into_response(),
        }
    } else {
        Vec::new()
    };
    let can_edit = allows(actor.role(), Permission::ManageOrganisations);
    let others = if can_edit {
        match state
            .app
            .list_organisations(&actor, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
            .await
        {
            Ok(p) => p
                .items
                .into_iter()
                .filter(|o| o.id != org.id)
                .map(|o| (o.id.0, o.name))
                .collect(),
            Err(e) => return PageError::new(e.into(), &ctx).into_response(),
        }
    } else {
        Vec::new()
    };
    let sector = org.profile.sector.as_deref().and_then(|code| {
        let div = standort_domain::nace::division(code.get(..2)?)?;
        let title = if ctx.lang() == standort_domain::Language::De {
            div.title_de
        } else {
            div.title_en
        };
        Some(format!("{code} – {title}"))
    });
    let mut layout = Layout::new(&ctx, "organisations-title");
    layout.title = org.name.clone();
    render(&ShowPage {
        page: &layout,
        org,
        d: &d,
        members: &members,
        sector,
        can_edit,
        clusters: Cluster::ALL
            .iter()
            .map(|c| {
                (
                    c.as_str(),
                    org.profile.clusters.iter().any(|h| h == c.as_str()),
                )
            })
            .collect(),
        link_kinds: LinkKind::ALL,
        others,
    })
}

pub async fn update_profile(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<OrgProfileForm>,
) -> Response {
    let input = OrgProfileInput {
        sector: form.sector,
        clusters: Some(form.cluster.join(",")),
        employees: form.employees,
        website: form.website,
        address: form.address,
    };
    let r = state
        .app
        .update_organisation_profile(&actor, OrgId(id), &input)
        .await
        .map(|_| ());
    done(r, &ctx, format!("/organisations/{id}"))
}

/// The profile form: clusters come as repeated checkboxes.
#[derive(Debug, Default)]
pub struct OrgProfileForm {
    sector: Option<String>,
    cluster: Vec<String>,
    employees: Option<String>,
    website: Option<String>,
    address: Option<String>,
}

impl<'de> serde::Deserialize<'de> for OrgProfileForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = serde::Deserialize::deserialize(d)?;
        let mut f = OrgProfileForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "sector" => f.sector = Some(v),
                "cluster" => f.cluster.push(v),
                "employees" => f.employees = Some(v),
                "website" => f.website = Some(v),
                "address" => f.address = Some(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct NameForm {
    name: String,
    lang: String,
}

pub async fn add_name(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<NameForm>,
) -> Response {
    let r = state
        .app
        .add_organisation_name(&actor, OrgId(id), &form.name, &form.lang)
        .await
        .map(|_| ());
    done(r, &ctx, format!("/organisations/{id}"))
}

#[derive(Debug, serde::Deserialize)]
pub struct LinkForm {
    to: i64,
    kind: String,
}

pub async fn add_link(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<LinkForm>,
) -> Response {
    let r = state
        .app
        .link_organisations(&actor, OrgId(id), OrgId(form.to), &form.kind)
        .await
        .map(|_| ());
    done(r, &ctx, format!("/organisations/{id}"))
}
