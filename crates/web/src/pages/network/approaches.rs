//! The visit log shared with partner agencies, and recording an approach. Choosing a company
//! first (`?org=`) shows who approached it within the last 90 days; recording an approach of
//! such a company answers 409 with that list and a box to record it anyway.
//!
//! A partner agency's people get the same page within the scope agreed with their
//! organisation (shown at the top): the companies to choose from are those in scope, a
//! company's name leads to its recent approaches here (the registry's page is not theirs), and
//! a company outside the scope answers 404.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use standort_app::export::Value;
use standort_app::network::{ApproachInput, ApproachQuery, RECENT_DAYS, day_start};
use standort_app::policy::{Permission, allows};
use standort_app::{Actor, AppError, PageRequest};
use standort_domain::OrgId;
use standort_domain::network::Channel;
use standort_store::network::{Approach, ApproachSort};

use super::{ORG_PICK, can_manage, fail, first, notice, org_options, pairs, today};
use crate::context::{Ctx, PageForm, UserCtx};
use crate::pages::list::{ListState, ListView, download};
use crate::pages::{Layout, Pager, render};
use crate::{AppState, Tr};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/network/approaches", get(list).post(record))
}

/// One row of the log: (org id, company, channel key, day, topic, outcome, by).
type Row = (i64, String, String, String, String, String, String);

fn row(tr: &Tr, a: &Approach) -> Row {
    (
        a.data.org_id.0,
        a.org_name.clone(),
        format!("network-channel-{}", a.data.channel.as_str()),
        tr.date(a.data.on_day),
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
    list: ListView,
    /// The log's search and filters as the URL gives them.
    q: String,
    company: String,
    by: String,
    channel: String,
    from: String,
    to: String,
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
    /// For a partner agency: the scope agreed with its organisation, in words.
    shared: Option<SharedScope>,
}

/// The scope agreed with a partner agency, as its people read it on the log.
struct SharedScope {
    partner: String,
    /// Translation keys of the clusters.
    clusters: Vec<String>,
    /// Section letter and title.
    sections: Vec<(char, String)>,
    companies: Vec<String>,
}

impl SharedScope {
    fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.sections.is_empty() && self.companies.is_empty()
    }
}

/// The log's filters (query parameters besides `q`, `sort`, `dir`, the page); `org` is not
/// one of them: it chooses the company of the recording form. `from` and `to` are days.
const LOG_FILTERS: &[&str] = &["company", "by", "channel", "from", "to"];

/// The log's columns: translation key and sort key (shared by the table and its download).
const LOG_COLUMNS: &[(&str, Option<ApproachSort>)] = &[
    ("network-on", Some(ApproachSort::Day)),
    ("network-company", Some(ApproachSort::Company)),
    ("network-channel", Some(ApproachSort::Channel)),
    ("network-topic", None),
    ("network-outcome", None),
    ("network-by", Some(ApproachSort::By)),
];

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    p: &[(String, String)],
    chosen: Option<i64>,
    form: ApproachInput,
    refused: bool,
    done: Option<String>,
    org_query: String,
) -> Response {
    let st = match ListState::<ApproachSort>::parse("/network/approaches", p, LOG_FILTERS) {
        Ok(st) => st,
        Err(refused) => return crate::error::PageError::new(refused, ctx).into_response(),
    };
    let text = |k: &str| st.filter(k).map(str::to_owned);
    let query = ApproachQuery {
        text: Some(st.q.clone()),
        company: text("company"),
        by: text("by"),
        channel: text("channel"),
        from: text("from"),
        to: text("to"),
        order: st.order,
    };
    let found = match state.app.query_approaches(actor, &query, st.rows()).await {
        Ok(l) => l,
        Err(e) => return fail(e, ctx),
    };
    if let Some(format) = st.format {
        let tr = &ctx.tr;
        let rows = found
            .items
            .iter()
            .map(|a| {
                let (_, company, channel, _, topic, outcome, by) = row(tr, a);
                vec![
                    crate::pages::list::date_cell(Some(a.data.on_day)),
                    Value::from(company),
                    Value::from(tr.t(channel)),
                    Value::from(topic),
                    Value::from(outcome),
                    Value::from(by),
                ]
            })
            .collect();
        let columns: Vec<&str> = LOG_COLUMNS.iter().map(|(k, _)| *k).collect();
        return download(ctx, format, "approaches", &columns, rows);
    }
    let list = &found;
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
            Ok(r) => r.iter().map(|a| row(&ctx.tr, a)).collect(),
            Err(e) => return fail(e, ctx),
        },
    };
    let layout = Layout::new(ctx, "network-approaches-title").with_notice(done);
    let partner = allows(actor.role(), Permission::ReadSharedVisitLog);
    let shared = if partner {
        match state.app.partner_scope(actor, actor.user.org_id).await {
            Ok(v) => Some(SharedScope {
                partner: v.partner.name,
                clusters: v
                    .stored
                    .scope
                    .clusters
                    .iter()
                    .map(|c| format!("network-cluster-{}", c.as_str()))
                    .collect(),
                sections: v
                    .stored
                    .scope
                    .sections
                    .iter()
                    .map(|c| (*c, ctx.tr.t(format!("network-section-{c}"))))
                    .collect(),
                companies: v.companies.into_iter().map(|(_, n)| n).collect(),
            }),
            Err(e) => return fail(e, ctx),
        }
    } else {
        None
    };
    // The chosen company stays offered even when the search or the first page lacks it.
    let mut options = if partner {
        state
            .app
            .visit_log_companies(actor, &org_query, PageRequest::new(Some(ORG_PICK), None))
            .await
            .map(|p| p.items.into_iter().map(|(id, n)| (id.0, n)).collect())
            .unwrap_or_default()
    } else {
        org_options(state, actor, &org_query).await
    };
    if let Some(id) = chosen
        && !options.iter().any(|(o, _)| *o == id)
        && let Ok((_, name)) = state.app.visit_log_company(actor, OrgId(id)).await
    {
        options.insert(0, (id, name));
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
        rows: list.items.iter().map(|a| row(&ctx.tr, a)).collect(),
        pager: Pager::new(&ctx.tr, list, &st.base()),
        list: st.view(&ctx.tr, LOG_COLUMNS),
        company: query.company.clone().unwrap_or_default(),
        by: query.by.clone().unwrap_or_default(),
        channel: query.channel.clone().unwrap_or_default(),
        from: query.from.clone().unwrap_or_default(),
        to: query.to.clone().unwrap_or_default(),
        q: st.q.clone(),
        can_record: can_manage(actor) || partner,
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
        shared,
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
    let form = ApproachInput {
        org_id: chosen.map(|o: i64| o.to_string()),
        ..ApproachInput::default()
    };
    let done = notice(&ctx.tr, &p);
    let org_query = first(&p, "oq").unwrap_or_default();
    page(
        &state, &ctx, &actor, &p, chosen, form, false, done, org_query,
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
                &[],
                chosen,
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
