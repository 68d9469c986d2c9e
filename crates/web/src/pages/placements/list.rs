//! The list of placements each role may see, and creating a placement.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::policy::{Permission, allows};
use standort_app::{AppError, PageRequest};

use super::{fail, first, id_field, notice, pairs};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements", get(list).post(create))
        .route("/placements/new", get(new_placement))
}

#[derive(Template)]
#[template(path = "placement_list.html")]
struct ListPage<'a> {
    page: &'a Layout,
    count: String,
    rows: Vec<(i64, String, String, String)>,
    pager: Pager,
    can_create: bool,
}

/// How many candidates and positions the new-placement page offers per search.
const PICK_LIMIT: i64 = 20;

#[derive(Template)]
#[template(path = "placement_new.html")]
struct NewPage<'a> {
    page: &'a Layout,
    candidate_query: String,
    position_query: String,
    candidates: Vec<(i64, String)>,
    positions: Vec<(i64, String)>,
    programmes: Vec<(i64, String)>,
    /// Whether the staff member has searched yet (before that, the lists say nothing).
    searched: bool,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let programme = first(&p, "programme").and_then(|v| v.parse().ok());
    let mine = first(&p, "mine").is_some();
    let app = &state.app;
    // One page of the list (default 50), like every other list: at 5,000 placements a page of
    // everything is neither readable nor cheap.
    let page_req = PageRequest::new(
        first(&p, "limit").and_then(|v| v.parse().ok()),
        first(&p, "offset").and_then(|v| v.parse().ok()),
    );
    let list = match app.list_placements(&actor, programme, mine, page_req).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let can_create = allows(actor.role(), Permission::ManagePlacements);
    let layout = Layout::new(&ctx, "placements-title").with_notice(notice(&ctx.tr, &p));
    let mut base = String::from("/placements");
    let mut sep = '?';
    if let Some(programme) = programme {
        base.push_str(&format!("{sep}programme={programme}"));
        sep = '&';
    }
    if mine {
        base.push_str(&format!("{sep}mine=1"));
    }
    render(&ListPage {
        page: &layout,
        count: ctx.tr.tn("placements-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, &base),
        rows: list
            .items
            .iter()
            .map(|s| {
                (
                    s.id,
                    format!("{} {}", s.family_name, s.given_names),
                    s.position_title.clone(),
                    s.programme_name.clone().unwrap_or_else(|| "–".into()),
                )
            })
            .collect(),
        can_create,
    })
}

/// The new-placement form: the staff member searches a person by name and a position by title
/// (any of thousands, where a select could only offer a first page) and picks one of each. A
/// search reads (and audits) only the candidates asked for, not a page of everyone.
pub async fn new_placement(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    if !allows(actor.role(), Permission::ManagePlacements) {
        return fail(AppError::NotFound, &ctx);
    }
    let p = pairs(raw.as_deref());
    let candidate_query = first(&p, "cq").unwrap_or_default().trim().to_owned();
    let position_query = first(&p, "pq").unwrap_or_default().trim().to_owned();
    let app = &state.app;
    let mut candidates = Vec::new();
    if !candidate_query.is_empty() {
        let mine = actor.role() == standort_domain::Role::JobCounsellor;
        match app
            .list_candidates(
                &actor,
                Some(&candidate_query),
                mine,
                PageRequest::new(Some(PICK_LIMIT), None),
            )
            .await
        {
            Ok(l) => {
                candidates = l
                    .items
                    .iter()
                    .map(|c| {
                        (
                            c.id,
                            format!("{} {}", c.data.family_name, c.data.given_names),
                        )
                    })
                    .collect()
            }
            Err(e) => return fail(e, &ctx),
        }
    }
    let mut positions = Vec::new();
    if !position_query.is_empty() {
        match app
            .search_open_positions(&actor, &position_query, PICK_LIMIT)
            .await
        {
            Ok(l) => positions = l.into_iter().map(|p| (p.id, p.data.title)).collect(),
            Err(e) => return fail(e, &ctx),
        }
    }
    let mut programmes = Vec::new();
    if allows(actor.role(), Permission::ReadProgrammes) {
        match app
            .list_programmes(&actor, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
            .await
        {
            Ok(l) => {
                programmes = l
                    .items
                    .iter()
                    .map(|g| (g.id, g.data.name.clone()))
                    .collect()
            }
            Err(e) => return fail(e, &ctx),
        }
    }
    let layout = Layout::new(&ctx, "placement-new");
    render(&NewPage {
        page: &layout,
        searched: !candidate_query.is_empty() || !position_query.is_empty(),
        candidate_query,
        position_query,
        candidates,
        positions,
        programmes,
    })
}

#[derive(serde::Deserialize)]
pub struct CreateForm {
    candidate_id: Option<String>,
    position_id: Option<String>,
    programme_id: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<CreateForm>,
) -> Response {
    let ids = (|| {
        let c = id_field("candidate_id", &form.candidate_id)?.ok_or(
            standort_domain::ValidationError::new("candidate_id", "required"),
        )?;
        let p = id_field("position_id", &form.position_id)?.ok_or(
            standort_domain::ValidationError::new("position_id", "required"),
        )?;
        Ok::<_, AppError>((c, p, id_field("programme_id", &form.programme_id)?))
    })();
    let (c, p, g) = match ids {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    match state.app.create_placement(&actor, c, p, g).await {
        Ok(id) => {
            Redirect::to(&format!("/placements/{id}?done=placement-created-ok")).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}
