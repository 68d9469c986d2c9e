//! The list of placements each role may see, and creating a placement.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::export::Value;
use standort_app::placements::PlacementQuery;
use standort_app::policy::{Permission, allows};
use standort_app::{AppError, PageRequest};
use standort_store::placements::PlacementSort;

use super::{fail, first, id_field, notice, pairs};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::list::{ListState, ListView, download};
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
    rows: Vec<(i64, String, String, String, String)>,
    pager: Pager,
    list: ListView,
    q: String,
    overdue: bool,
    mine: bool,
    is_counsellor: bool,
    /// The programme filter (words of the programme's name), for roles that read programmes.
    programme_filter: bool,
    programme: String,
    can_create: bool,
}

/// The placements list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const FILTERS: &[&str] = &["programme", "mine", "overdue"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const COLUMNS: &[(&str, Option<PlacementSort>)] = &[
    ("placement-candidate", Some(PlacementSort::Candidate)),
    ("placement-position", Some(PlacementSort::Position)),
    ("placement-programme", Some(PlacementSort::Programme)),
    ("placement-created", Some(PlacementSort::Created)),
];

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
    let st = match ListState::<PlacementSort>::parse("/placements", &p, FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let app = &state.app;
    // One page of the list (default 50), like every other list: at 5,000 placements a page of
    // everything is neither readable nor cheap.
    let query = PlacementQuery {
        search: Some(st.q.clone()),
        programme: None,
        programme_named: st.filter("programme").map(str::to_owned),
        mine: st.filter("mine").is_some(),
        overdue: st.filter("overdue").is_some(),
        order: st.order,
        export: st.export(),
        ..Default::default()
    };
    let list = match app.query_placements(&actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    if let Some(format) = st.format {
        let rows = list
            .items
            .iter()
            .map(|s| {
                vec![
                    Value::from(format!("{} {}", s.family_name, s.given_names)),
                    Value::from(s.position_title.as_str()),
                    s.programme_name.clone().map_or(Value::Empty, Value::from),
                    crate::pages::list::datetime_cell(&ctx.tr, s.created_at),
                ]
            })
            .collect();
        let columns: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "placements", &columns, rows);
    }
    let can_create = allows(actor.role(), Permission::ManagePlacements);
    let layout = Layout::new(&ctx, "placements-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        count: ctx.tr.tn("placements-count", "count", list.total),
        pager: Pager::new(&ctx.tr, &list, &st.base()),
        list: st.view(&ctx.tr, COLUMNS),
        rows: list
            .items
            .iter()
            .map(|s| {
                (
                    s.id,
                    format!("{} {}", s.family_name, s.given_names),
                    s.position_title.clone(),
                    s.programme_name.clone().unwrap_or_else(|| "–".into()),
                    ctx.tr.date_of(s.created_at),
                )
            })
            .collect(),
        q: st.q.clone(),
        overdue: query.overdue,
        mine: query.mine,
        is_counsellor: actor.role() == standort_domain::Role::JobCounsellor,
        programme_filter: allows(actor.role(), Permission::ReadProgrammes),
        programme: query.programme_named.clone().unwrap_or_default(),
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
    let programmes = match programme_choices(app, &actor).await {
        Ok(p) => p,
        Err(e) => return fail(e, &ctx),
    };
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

/// The programmes a placement can be filed under (id, name): the new placement's form; none for
/// a role that may not read programmes.
async fn programme_choices(
    app: &standort_app::App,
    actor: &standort_app::Actor,
) -> Result<Vec<(i64, String)>, AppError> {
    if !allows(actor.role(), Permission::ReadProgrammes) {
        return Ok(Vec::new());
    }
    let page = app
        .list_programmes(actor, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
        .await?;
    Ok(page
        .items
        .iter()
        .map(|g| (g.id, g.data.name.clone()))
        .collect())
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
