//! The programme list and creating a programme.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::export::Value;
use standort_app::placements::{ProgrammeInput, ProgrammeQuery};
use standort_app::policy::{Permission, allows};

use super::{fail, notice, pairs};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};
use standort_store::placements::ProgrammeSort;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/programmes", get(programmes).post(create_programme))
}

#[derive(Template)]
#[template(path = "programme_list.html")]
struct ProgrammesPage<'a> {
    page: &'a Layout,
    count: String,
    /// id, name, organisation, planned size, start.
    rows: Vec<(i64, String, String, i64, String)>,
    pager: Pager,
    list: ListView,
    /// The list's search and filters as the URL gives them.
    q: String,
    org: String,
    from: String,
    to: String,
    can_create: bool,
}

/// The programmes list's filters (query parameters besides `q`, `sort`, `dir`, the page);
/// `from` and `to` are days (`YYYY-MM-DD`) the start lies between, both included.
const PROGRAMME_FILTERS: &[&str] = &["org", "from", "to"];

/// The list's columns: translation key and sort key (shared by the table and its download).
const PROGRAMME_COLUMNS: &[(&str, Option<ProgrammeSort>)] = &[
    ("programme-name", Some(ProgrammeSort::Name)),
    ("programme-organisation", Some(ProgrammeSort::Organisation)),
    ("programme-target", Some(ProgrammeSort::Target)),
    ("programme-start", Some(ProgrammeSort::Start)),
];

pub async fn programmes(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let st = match ListState::<ProgrammeSort>::parse("/programmes", &p, PROGRAMME_FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, &ctx).into_response(),
    };
    let text = |k: &str| st.filter(k).map(str::to_owned);
    let query = ProgrammeQuery {
        text: Some(st.q.clone()),
        org: text("org"),
        from: text("from"),
        to: text("to"),
        order: st.order,
    };
    let found = match state.app.query_programmes(&actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let rows: Vec<(i64, String, String, i64, String)> = found
        .items
        .iter()
        .map(|r| {
            let g = &r.programme;
            (
                g.id,
                g.data.name.clone(),
                r.organisation.clone(),
                g.data.target_size,
                ctx.tr.date(g.data.start_date),
            )
        })
        .collect();
    if let Some(format) = st.format {
        let cells = found
            .items
            .iter()
            .map(|r| {
                let g = &r.programme.data;
                vec![
                    Value::from(g.name.as_str()),
                    Value::from(r.organisation.as_str()),
                    Value::from(g.target_size),
                    crate::pages::list::date_cell(g.start_date),
                ]
            })
            .collect();
        let columns: Vec<&str> = PROGRAMME_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(&ctx, format, "programmes", &columns, cells);
    }
    let layout = Layout::new(&ctx, "programmes-title").with_notice(notice(&ctx.tr, &p));
    render(&ProgrammesPage {
        page: &layout,
        count: ctx.tr.tn("programmes-count", "count", found.total),
        pager: Pager::new(&ctx.tr, &found, &st.base()),
        list: st.view(&ctx.tr, PROGRAMME_COLUMNS),
        rows,
        org: query.org.unwrap_or_default(),
        from: query.from.unwrap_or_default(),
        to: query.to.unwrap_or_default(),
        q: st.q,
        can_create: allows(actor.role(), Permission::ManageProgrammes),
    })
}

pub async fn create_programme(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ProgrammeInput>,
) -> Response {
    match state.app.create_programme(&actor, &form).await {
        Ok(g) => {
            Redirect::to(&format!("/programmes/{}?done=programme-created-ok", g.id)).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}
