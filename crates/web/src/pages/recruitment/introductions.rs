//! Introduction requests: the list (staff: every employer's, to answer; an employer: its own,
//! with the answers) on the list kit, the employer's request from a candidate's page, staff's
//! answer, and the blocks of the candidate's page (the employer's actions, the requests about
//! the candidate). The use cases decide who may and audit; 404 outside the scope.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::export::Value;
use standort_app::policy::{Permission, allows};
use standort_app::recruitment::{IntroductionAnswer, IntroductionInput, IntroductionQuery};
use standort_app::{Actor, AppError};
use standort_domain::IntroductionId;
use standort_store::PageRequest;
use standort_store::recruitment::{Introduction, IntroductionSort};

use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};

use super::shortlist::own_positions;
use super::{fail, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/recruitment/introductions", get(list))
        .route("/recruitment/candidates/{id}/introductions", post(request))
        .route("/recruitment/introductions/{id}/answer", post(answer))
}

/// One request as the pages show it.
pub(crate) struct IntroRow {
    pub id: i64,
    pub org: String,
    pub candidate_id: i64,
    pub candidate: String,
    pub position: String,
    pub message: String,
    pub state_label: String,
    /// The state's class (`state-warn`, `state-good`, `state-bad`).
    pub tone: &'static str,
    pub answer: String,
    pub requested: String,
    pub answered: String,
    pub open: bool,
    /// "Leipziger Verkehrsbetriebe, 04.12.2026, for: Busfahrer/in" in the reader's language.
    pub line: String,
}

fn rows(tr: &Tr, list: &[Introduction]) -> Vec<IntroRow> {
    list.iter()
        .map(|r| IntroRow {
            id: r.id.0,
            org: r.org_name.clone(),
            candidate_id: r.candidate_id,
            candidate: r.candidate_name.clone(),
            position: r.position_title.clone().unwrap_or_else(|| "–".into()),
            message: r.message.clone(),
            state_label: tr.t(format!("introduction-state-{}", r.state.as_str())),
            tone: r.state.tone(),
            answer: r.answer.clone(),
            requested: tr.date_of(r.requested_at),
            answered: r.answered_at.map(|a| tr.date_of(a)).unwrap_or_default(),
            open: r.state == standort_domain::introduction::IntroductionState::Open,
            line: tr.targs(
                "introduction-line",
                &[
                    ("org", &r.org_name),
                    ("date", &tr.date_of(r.requested_at)),
                    ("position", r.position_title.as_deref().unwrap_or("–")),
                ],
            ),
        })
        .collect()
}

/// The employer's actions on a candidate's page: shortlist and the request form.
pub(crate) struct EmployerActions {
    /// On the shortlist: the position it is for ("" for none).
    pub shortlisted: Option<String>,
    pub positions: Vec<(i64, String)>,
}

/// The requests about a candidate on the candidate's page (staff: all, to answer; an
/// employer: its own).
pub(crate) struct IntroductionsBlock {
    pub rows: Vec<IntroRow>,
    pub can_answer: bool,
}

/// The candidate page's blocks for the actor: `None` for roles without the feature.
pub(crate) async fn candidate_blocks(
    state: &AppState,
    tr: &Tr,
    actor: &Actor,
    candidate: i64,
) -> Result<(Option<EmployerActions>, Option<IntroductionsBlock>), AppError> {
    let role = actor.role();
    let employer = allows(role, Permission::ActOnSharedCandidates);
    if !employer && !allows(role, Permission::AnswerIntroductions) {
        return Ok((None, None));
    }
    let found = state
        .app
        .query_introductions(
            actor,
            &IntroductionQuery {
                candidate: Some(candidate),
                ..Default::default()
            },
            PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
        )
        .await?;
    let block = IntroductionsBlock {
        rows: rows(tr, &found.items),
        can_answer: !employer,
    };
    if !employer {
        return Ok((None, Some(block)));
    }
    let positions = own_positions(state, actor).await;
    let shortlisted = state.app.shortlist_state(actor, candidate).await?.map(|p| {
        p.and_then(|id| positions.iter().find(|(i, _)| *i == id))
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    });
    Ok((
        Some(EmployerActions {
            shortlisted,
            positions,
        }),
        Some(block),
    ))
}

#[derive(Template)]
#[template(path = "recruitment_introductions.html")]
struct ListPage<'a> {
    page: &'a Layout,
    rows: Vec<IntroRow>,
    count: String,
    pager: Pager,
    list: ListView,
    q: String,
    state: String,
    /// Staff see the employer column and answer.
    staff: bool,
}

const FILTERS: &[&str] = &["state"];

const COLUMNS: &[(&str, Option<IntroductionSort>)] = &[
    ("introduction-requested", Some(IntroductionSort::Requested)),
    ("candidate-name", Some(IntroductionSort::Candidate)),
    ("introduction-employer", Some(IntroductionSort::Employer)),
    ("shortlist-position", None),
    ("introduction-state", Some(IntroductionSort::State)),
    ("introduction-message", None),
    ("introduction-answer", None),
];

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st = match ListState::<IntroductionSort>::parse("/recruitment/introductions", &p, FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let query = IntroductionQuery {
        state: st.filter("state").map(str::to_owned),
        candidate: None,
        name: Some(st.q.clone()),
        order: st.order,
        export: st.export(),
    };
    let found = match state
        .app
        .query_introductions(&actor, &query, st.rows())
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let shown = rows(tr, &found.items);
    if let Some(format) = st.format {
        let cells = shown
            .iter()
            .map(|r| {
                vec![
                    Value::from(r.requested.clone()),
                    Value::from(r.candidate.clone()),
                    Value::from(r.org.clone()),
                    Value::from(r.position.clone()),
                    Value::from(r.state_label.clone()),
                    Value::from(r.message.clone()),
                    Value::from(r.answer.clone()),
                ]
            })
            .collect();
        let columns: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "introductions", &columns, cells);
    }
    let layout = Layout::new(&ctx, "introductions-title");
    render(&ListPage {
        page: &layout,
        count: tr.tn("introductions-count", "count", found.total),
        pager: Pager::new(tr, &found, &st.base()),
        list: st.view(tr, COLUMNS),
        rows: shown,
        state: query.state.unwrap_or_default(),
        q: st.q,
        staff: allows(actor.role(), Permission::AnswerIntroductions),
    })
}

pub async fn request(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<IntroductionInput>,
) -> Response {
    match state.app.request_introduction(&actor, id, &form).await {
        Ok(r) => Redirect::to(&format!(
            "/recruitment/candidates/{id}?done=introduction-requested-ok#introduction-{}",
            r.id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<IntroductionAnswer>,
) -> Response {
    match state
        .app
        .answer_introduction(&actor, IntroductionId(id), &form)
        .await
    {
        Ok(r) => Redirect::to(&format!(
            "/recruitment/candidates/{}?done=introduction-answered-ok#introduction-{id}",
            r.candidate_id
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}
