//! The visit log shared with partner agencies, and recording an approach. Choosing a company
//! first (`?org=`) shows who approached it within the last 90 days; recording an approach of
//! such a company answers 409 with that list and a box to record it anyway.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::network::{ApproachInput, RECENT_DAYS, day_start};
use standort_app::{Actor, AppError, PageRequest};
use standort_domain::OrgId;
use standort_domain::network::Channel;
use standort_store::network::Approach;

use super::{can_manage, day, fail, first, notice, org_options, pairs, today};
use crate::AppState;
use crate::context::{Ctx, PageForm, UserCtx};
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/network/approaches", get(list).post(record))
}

/// One row of the log: (org id, company, channel key, day, topic, outcome, by).
type Row = (i64, String, String, String, String, String, String);

fn row(a: &Approach) -> Row {
    (
        a.data.org_id.0,
        a.org_name.clone(),
        format!("network-channel-{}", a.data.channel.as_str()),
        day(Some(a.data.on_day)),
        a.data.topic.clone(),
        a.data.outcome.clone(),
        a.by_org_name.clone(),
    )
}

#[derive(Template)]
#[template(path = "network_approaches.html")]
struct LogPage<'a> {
    page: &'a Layout,
    rows: Vec<Row>,
    pager: Pager,
    can_record: bool,
    /// (id, name, chosen)
    orgs: Vec<(i64, String, bool)>,
    /// The organisation picker's search.
    org_query: String,
    channels: Vec<(&'static str, String)>,
    /// The company chosen and its recent approaches (the warning).
    chosen: Option<i64>,
    recent: Vec<Row>,
    recent_days: i64,
    /// Values of a refused form, shown again.
    form: ApproachInput,
    /// The form was refused because the company was approached recently.
    refused: bool,
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    chosen: Option<i64>,
    offset: Option<i64>,
    form: ApproachInput,
    refused: bool,
    done: Option<String>,
    org_query: String,
) -> Response {
    let list = match state
        .app
        .list_approaches(actor, None, PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, ctx),
    };
    let on = form
        .on
        .as_ref()
        .and_then(|d| {
            standort_domain::date::parse_date("on", &Some(d.clone()))
                .ok()
                .flatten()
        })
        .unwrap_or_else(|| day_start(state.app.now()));
    let recent = match chosen {
        None => Vec::new(),
        Some(org) => match state.app.recent_approaches(actor, OrgId(org), on).await {
            Ok(r) => r.iter().map(row).collect(),
            Err(e) => return fail(e, ctx),
        },
    };
    let layout = Layout::new(ctx, "network-approaches-title").with_notice(done);
    // The chosen company stays offered even when the search or the first page lacks it.
    let mut options = org_options(state, actor, &org_query).await;
    if let Some(id) = chosen
        && !options.iter().any(|(o, _)| *o == id)
        && let Ok(org) = state
            .app
            .get_organisation(actor, standort_domain::OrgId(id))
            .await
    {
        options.insert(0, (id, org.name));
    }
    let orgs = options
        .into_iter()
        .map(|(id, name)| (id, name, chosen == Some(id)))
        .collect();
    let mut form = form;
    if form.on.is_none() {
        form.on = Some(today(state));
    }
    let r = render(&LogPage {
        page: &layout,
        rows: list.items.iter().map(row).collect(),
        pager: Pager::new(&ctx.tr, &list, "/network/approaches"),
        can_record: can_manage(actor),
        orgs,
        org_query,
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str(), format!("network-channel-{}", c.as_str())))
            .collect(),
        chosen,
        recent,
        recent_days: RECENT_DAYS,
        form,
        refused,
    });
    if refused {
        (StatusCode::CONFLICT, r).into_response()
    } else {
        r
    }
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let chosen = first(&p, "org").and_then(|o| o.trim().parse().ok());
    let offset = first(&p, "offset").and_then(|o| o.parse().ok());
    let form = ApproachInput {
        org_id: chosen.map(|o: i64| o.to_string()),
        ..ApproachInput::default()
    };
    let done = notice(&ctx.tr, &p);
    let org_query = first(&p, "oq").unwrap_or_default();
    page(
        &state, &ctx, &actor, chosen, offset, form, false, done, org_query,
    )
    .await
}

pub async fn record(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ApproachInput>,
) -> Response {
    match state.app.record_approach(&actor, &form).await {
        Ok(_) => Redirect::to("/network/approaches?done=network-approach-ok").into_response(),
        Err(AppError::Conflict("approached-recently")) => {
            let chosen = form.org_id.as_deref().and_then(|o| o.trim().parse().ok());
            page(
                &state,
                &ctx,
                &actor,
                chosen,
                None,
                form,
                true,
                None,
                String::new(),
            )
            .await
        }
        Err(e) => fail(e, &ctx),
    }
}
