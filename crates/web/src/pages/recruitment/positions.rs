//! Positions: the list, creating one, the position page with its matches, editing the facts
//! and the skill list.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::AppError;
use standort_app::PageRequest;
use standort_app::esco::SearchHit;
use standort_app::export::Value;
use standort_app::policy::{Permission, allows};
use standort_app::recruitment::{
    CEFR_LEVELS, POSITION_KINDS, PositionInput, PositionQuery, PositionView,
};
use standort_domain::date::format_date;
use standort_store::esco::Concept;
use standort_store::recruitment::{PositionListRow, PositionSort};

use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};

use super::matches::{Row, candidate_rows};
use super::{done, fail, first, number, pairs, query, search};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/positions",
            get(positions).post(create_position),
        )
        .route("/recruitment/positions/{id}", get(position))
        .route(
            "/recruitment/positions/{id}/edit",
            get(position_edit).post(position_save),
        )
        .route(
            "/recruitment/positions/{id}/skills",
            post(position_skill_add),
        )
        .route(
            "/recruitment/positions/{id}/skills/reset",
            post(position_skills_reset),
        )
        .route(
            "/recruitment/positions/{id}/skills/{skill}/relation",
            post(position_skill_relation),
        )
        .route(
            "/recruitment/positions/{id}/skills/{skill}/remove",
            post(position_skill_remove),
        )
}

#[derive(Template)]
#[template(path = "recruitment_positions.html")]
struct PositionsPage<'a> {
    page: &'a Layout,
    count: String,
    /// The listed positions with their occupation's label.
    items: Vec<(PositionListRow, String)>,
    pager: Pager,
    list: ListView,
    /// The list's search and filters as the URL gives them.
    q: String,
    employer: String,
    status: String,
    occupation: String,
    /// The employer filter (words of the name) is left out for employers, who see their own
    /// positions only.
    employer_filter: bool,
    /// The occupation filter's choices (id, label): the occupations positions are for.
    occupation_choices: Vec<(i64, String)>,
    can_create: bool,
    /// The ESCO occupation search of the new-position form (`oq`; `q` searches the list).
    occupation_query: String,
    /// The organisation search typed into the new-position form.
    employer_query: String,
    occupation_hits: Vec<SearchHit>,
    levels: &'static [&'static str],
    /// Agency staff post for an employer of their choice (id, name; their own organisation
    /// first). Empty for employers, who always post for their own organisation.
    employers: Vec<(i64, String)>,
}

/// The positions list's filters (query parameters besides `q`, `sort`, `dir`, the page).
const POSITION_FILTERS: &[&str] = &["employer", "status", "occupation"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const POSITION_COLUMNS: &[(&str, Option<PositionSort>)] = &[
    ("position-title", Some(PositionSort::Title)),
    ("position-employer", Some(PositionSort::Employer)),
    ("position-occupation", None),
    ("position-kind", None),
    ("position-place", Some(PositionSort::Place)),
    ("position-places", Some(PositionSort::Places)),
    ("candidate-german", Some(PositionSort::German)),
    ("position-start", Some(PositionSort::Start)),
    ("position-state", None),
];

pub async fn positions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st = match ListState::<PositionSort>::parse("/recruitment/positions", &p, POSITION_FILTERS)
    {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let query = PositionQuery {
        text: Some(st.q.clone()),
        employer: st.filter("employer").map(str::to_owned),
        status: st.filter("status").map(str::to_owned),
        occupation: st.filter("occupation").map(str::to_owned),
        order: st.order,
    };
    let found = match state.app.query_positions(&actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let items: Vec<(PositionListRow, String)> = found
        .rows
        .items
        .iter()
        .cloned()
        .zip(found.occupation_labels.iter().cloned())
        .map(|(row, label)| (row, label.unwrap_or_default()))
        .collect();
    if let Some(format) = st.format {
        let rows = items
            .iter()
            .map(|(row, occupation)| {
                let d = &row.position.data;
                vec![
                    Value::from(d.title.as_str()),
                    Value::from(row.employer.as_str()),
                    Value::from(occupation.as_str()),
                    Value::from(tr.t(format!("position-kind-{}", d.kind))),
                    Value::from(d.place.as_str()),
                    Value::from(d.places),
                    d.german_level.clone().map_or(Value::Empty, Value::from),
                    crate::pages::list::date_cell(Some(d.start_date)),
                    Value::from(tr.t(if d.is_open {
                        "position-open"
                    } else {
                        "position-closed"
                    })),
                ]
            })
            .collect();
        let columns: Vec<&str> = POSITION_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "positions", &columns, rows);
    }
    let can_create = allows(actor.role(), Permission::ManagePositions);
    let occupation_query = first(&p, "oq").unwrap_or_default();
    let occupation_hits = if can_create && !occupation_query.is_empty() {
        match state
            .app
            .search_concepts(
                &actor,
                &occupation_query,
                Some(Concept::Occupation),
                None,
                10,
            )
            .await
        {
            Ok(h) => h,
            Err(e) => return fail(e, &ctx),
        }
    } else {
        Vec::new()
    };
    // Agency staff post for their own organisation or one they searched for by name: with
    // hundreds of organisations a select of all of them (or of a first page) does not work.
    let employer_query = first(&p, "eq").unwrap_or_default();
    let employers = if can_create && actor.role() == standort_domain::Role::AgencyStaff {
        let own = match state.app.get_organisation(&actor, actor.user.org_id).await {
            Ok(o) => o,
            Err(e) => return fail(e, &ctx),
        };
        let mut list = vec![(own.id.0, own.name)];
        if !employer_query.trim().is_empty() {
            let search = standort_app::organisations::OrgSearchInput {
                q: Some(employer_query.clone()),
                ..Default::default()
            };
            match state
                .app
                .search_organisations(
                    &actor,
                    &search,
                    PageRequest::new(Some(standort_app::accounts::ORG_CHOICES), None),
                )
                .await
            {
                Ok(found) => list.extend(
                    found
                        .items
                        .into_iter()
                        .filter(|o| o.id != actor.user.org_id)
                        .map(|o| (o.id.0, o.name)),
                ),
                Err(e) => return fail(e, &ctx),
            }
        }
        list
    } else {
        Vec::new()
    };
    let layout = Layout::new(&ctx, "positions-title");
    render(&PositionsPage {
        page: &layout,
        count: ctx.tr.tn("positions-count", "count", found.rows.total),
        pager: Pager::new(&ctx.tr, &found.rows, &st.base()),
        list: st.view(&ctx.tr, POSITION_COLUMNS),
        items,
        employer: query.employer.unwrap_or_default(),
        status: query.status.unwrap_or_default(),
        occupation: query.occupation.unwrap_or_default(),
        employer_filter: !found.one_employer,
        occupation_choices: found.occupations,
        q: st.q,
        can_create,
        occupation_query,
        employer_query,
        occupation_hits,
        levels: &CEFR_LEVELS,
        employers,
    })
}

pub async fn create_position(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<PositionInput>,
) -> Response {
    match state.app.create_position(&actor, &form).await {
        Ok(p) => Redirect::to(&format!(
            "/recruitment/positions/{}?done=position-created-ok",
            p.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Template)]
#[template(path = "recruitment_position.html")]
struct PositionPage<'a> {
    page: &'a Layout,
    view: &'a PositionView,
    kind_key: String,
    start: String,
    matches: Vec<Row>,
    can_edit: bool,
    /// The position's placements the reader may see: (link, person).
    placements: Vec<(String, String)>,
}

pub async fn position(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let view = match state.app.get_position(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let matches = match state.app.match_candidates(&actor, id, 20).await {
        Ok(m) => candidate_rows(&ctx.tr, &m, true),
        Err(e) => return fail(e, &ctx),
    };
    let placements =
        match crate::pages::placements::placements_of(&state, &actor, None, Some(id)).await {
            Ok(p) => p,
            Err(e) => return fail(e, &ctx),
        };
    let mut layout = Layout::new(&ctx, "positions-title").with_notice(
        first(&p, "done")
            .filter(|d| d == "position-created-ok")
            .map(|d| ctx.tr.t(d)),
    );
    layout.title = view.record.data.title.clone();
    render(&PositionPage {
        page: &layout,
        kind_key: format!("position-kind-{}", view.record.data.kind),
        start: ctx.tr.date(view.record.data.start_date),
        matches,
        can_edit: allows(actor.role(), Permission::ManagePositions),
        view: &view,
        placements,
    })
}

#[derive(Template)]
#[template(path = "recruitment_position_edit.html")]
struct PositionEditPage<'a> {
    page: &'a Layout,
    view: &'a PositionView,
    start: String,
    licences: String,
    kinds: &'static [&'static str],
    levels: &'static [&'static str],
    q: String,
    occupation_hits: Vec<SearchHit>,
    sq: String,
    skill_hits: Vec<SearchHit>,
    /// (skill id, label, relation, the other relation)
    skill_rows: Vec<(i64, String, &'static str, &'static str)>,
}

pub async fn position_edit(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Err(e) =
        standort_app::policy::require(&actor, standort_app::policy::Permission::ManagePositions)
    {
        return fail(e, &ctx);
    }
    let view = match state.app.get_position(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let q = query(raw.as_deref(), "q");
    let sq = query(raw.as_deref(), "sq");
    let occupation_hits = match search(&state, &actor, &q, Concept::Occupation).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| view.record.data.occupation_id != Some(h.id))
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let skill_hits = match search(&state, &actor, &sq, Concept::Skill).await {
        Ok(h) => h
            .into_iter()
            .filter(|h| {
                !view.essential.iter().any(|s| s.id == h.id)
                    && !view.optional.iter().any(|s| s.id == h.id)
            })
            .collect(),
        Err(e) => return fail(e, &ctx),
    };
    let done = query(raw.as_deref(), "done");
    let mut layout = Layout::new(&ctx, "position-edit-title").with_notice(
        matches!(
            done.as_str(),
            "position-updated-ok" | "position-skills-updated-ok"
        )
        .then(|| ctx.tr.t(&done)),
    );
    layout.title = ctx
        .tr
        .ts("position-edit-heading", "title", &view.record.data.title);
    let skill_rows = view
        .essential
        .iter()
        .map(|s| (s.id, s.text(), "essential", "optional"))
        .chain(
            view.optional
                .iter()
                .map(|s| (s.id, s.text(), "optional", "essential")),
        )
        .collect();
    render(&PositionEditPage {
        page: &layout,
        skill_rows,
        start: format_date(view.record.data.start_date),
        licences: view.record.data.licences.join(", "),
        kinds: &POSITION_KINDS,
        levels: &CEFR_LEVELS,
        q,
        occupation_hits,
        sq,
        skill_hits,
        view: &view,
    })
}

/// The position form as posted (all text, so an empty or mistyped number is a clear
/// validation error rather than a parse failure).
#[derive(Deserialize)]
pub struct PositionForm {
    title: Option<String>,
    kind: Option<String>,
    occupation_id: Option<String>,
    german_level: Option<String>,
    recognition_required: Option<String>,
    recognition_partnership: Option<String>,
    licences: Option<String>,
    place: Option<String>,
    places: Option<String>,
    start_date: Option<String>,
    is_open: Option<String>,
}

pub async fn position_save(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<PositionForm>,
) -> Response {
    let input = match (|| -> Result<PositionInput, AppError> {
        Ok(PositionInput {
            title: f.title,
            kind: f.kind,
            org_id: None,
            occupation_id: number("occupation_id", &f.occupation_id)?,
            german_level: f.german_level,
            recognition_required: f.recognition_required,
            recognition_partnership: f.recognition_partnership,
            licences: f.licences,
            place: f.place,
            // An empty field is not "one place": ask again.
            places: Some(number("places", &f.places)?.unwrap_or(0)),
            start_date: f.start_date,
            is_open: Some(f.is_open.unwrap_or_else(|| "open".into())),
        })
    })() {
        Ok(i) => i,
        Err(e) => return fail(e, &ctx),
    };
    match state.app.update_position(&actor, id, &input).await {
        Ok(_) => Redirect::to(&format!(
            "/recruitment/positions/{id}/edit?done=position-updated-ok"
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

#[derive(Deserialize)]
pub struct SkillForm {
    skill_id: i64,
    relation: Option<String>,
}

fn skills_done(id: i64) -> String {
    format!("/recruitment/positions/{id}/edit?done=position-skills-updated-ok#skills")
}

pub async fn position_skill_add(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(f): PageForm<SkillForm>,
) -> Response {
    let relation = f.relation.unwrap_or_else(|| "essential".into());
    let r = state
        .app
        .change_position_skill(&actor, id, f.skill_id, Some(&relation))
        .await;
    done(r, &ctx, skills_done(id))
}

#[derive(Deserialize)]
pub struct RelationForm {
    relation: String,
}

pub async fn position_skill_relation(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, skill)): PagePath<(i64, i64)>,
    PageForm(f): PageForm<RelationForm>,
) -> Response {
    let r = state
        .app
        .change_position_skill(&actor, id, skill, Some(&f.relation))
        .await;
    done(r, &ctx, skills_done(id))
}

pub async fn position_skill_remove(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, skill)): PagePath<(i64, i64)>,
) -> Response {
    let r = state
        .app
        .change_position_skill(&actor, id, skill, None)
        .await;
    done(r, &ctx, skills_done(id))
}

pub async fn position_skills_reset(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    let r = state.app.reset_position_skills(&actor, id).await;
    done(r, &ctx, skills_done(id))
}
