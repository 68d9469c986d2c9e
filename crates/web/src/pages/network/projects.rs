//! Investment projects: the list by stage (filter), a form for a new project, and moving a
//! project to another stage (lost and on hold with a reason).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::network::{ProjectInput, StageInput};
use standort_domain::network::{Cluster, ProjectKind, ProjectStage};
use standort_store::network::Project;

use super::{can_manage, fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::{done, enc};
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/projects", get(list).post(create))
        .route("/network/projects/{id}/stage", post(stage))
}

#[derive(Template)]
#[template(path = "network_projects.html")]
struct ListPage<'a> {
    page: &'a Layout,
    projects: &'a [Project],
    pager: Pager,
    stage: String,
    stages: &'static [ProjectStage],
    kinds: &'static [ProjectKind],
    clusters: &'static [Cluster],
    can_edit: bool,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let offset = first(&p, "offset").and_then(|o| o.parse().ok());
    let stage = first(&p, "stage").unwrap_or_default();
    let list = match state
        .app
        .list_projects(&actor, Some(&stage), PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let can_edit = can_manage(&actor);
    let layout = Layout::new(&ctx, "network-projects-title").with_notice(notice(&ctx.tr, &p));
    let base = if stage.is_empty() {
        "/network/projects".to_owned()
    } else {
        format!("/network/projects?stage={}", enc(&stage))
    };
    render(&ListPage {
        page: &layout,
        projects: &list.items,
        pager: Pager::new(&ctx.tr, &list, &base),
        stage,
        stages: ProjectStage::ALL,
        kinds: ProjectKind::ALL,
        clusters: Cluster::ALL,
        can_edit,
        orgs: if can_edit {
            org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await
        } else {
            Vec::new()
        },
        org_query: first(&p, "oq").unwrap_or_default(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ProjectInput>,
) -> Response {
    let r = state.app.create_project(&actor, &form).await.map(|_| ());
    done(r, &ctx, "/network/projects?done=network-saved-ok".into())
}

pub async fn stage(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<StageInput>,
) -> Response {
    let r = state
        .app
        .set_project_stage(&actor, id, &form)
        .await
        .map(|_| ());
    done(r, &ctx, "/network/projects?done=network-saved-ok".into())
}
