//! Notifications: the list behind the bell in the header (filters by kind and unread, mark one
//! or all read) and each person's choice of delivery per kind (`/account/notifications`). The
//! texts of a notification are written here from its kind and codes, for the pages and for the
//! letters (`crate::mail`).

mod calendar;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::PageRequest;
use standort_app::notifications::{Delivery, Notification, NotificationKind};

use super::form::{self, fail};
use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{PageForm, PagePath, PageQuery, UserCtx};
use crate::i18n::{Tr, locales};
use crate::module::WebModule;

pub(crate) const MODULE: WebModule = WebModule {
    name: "notifications",
    locales: locales!("notifications"),
    pages: routes,
    public: calendar::public_routes,
    api: crate::api::notifications::routes,
    openapi: crate::api::notifications::openapi,
    ..WebModule::EMPTY
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/{id}/read", post(read_one))
        .route(
            "/account/notifications",
            get(preferences).post(set_preference),
        )
        .route("/account/calendar", post(create_feed))
        .route("/account/calendar/revoke", post(revoke_feed))
}

/// What a notification says, in `tr`'s language: "Visum: Entscheidung über das Visum — fällig
/// am 2026-12-01 (gesetzliche Frist)".
pub fn notice_text(
    tr: &Tr,
    kind: NotificationKind,
    params: &serde_json::Value,
    due_on: Option<i64>,
) -> String {
    let param = |k: &str| params.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let date = due_on.map(|d| tr.date(d)).unwrap_or_default();
    match kind {
        NotificationKind::TrackDue | NotificationKind::TrackOverdue => {
            let mut step = format!(
                "{}: {}",
                tr.t(format!("track-{}", param("track"))),
                tr.t(format!("due-{}", param("code")))
            );
            if params.get("legal").and_then(|v| v.as_bool()) == Some(true) {
                step.push_str(&format!(" ({})", tr.t("due-legal")));
            }
            let key = if kind == NotificationKind::TrackDue {
                "notification-text-track_due"
            } else {
                "notification-text-track_overdue"
            };
            tr.targs(key, &[("step", &step), ("date", &date)])
        }
        NotificationKind::DocumentRequest => {
            let document = tr.t(format!(
                "document-kind-{}",
                param("document").replace('_', "-")
            ));
            if date.is_empty() {
                tr.ts("notification-text-document_request", "document", &document)
            } else {
                tr.targs(
                    "notification-text-document_request-due",
                    &[("document", &document), ("date", &date)],
                )
            }
        }
        NotificationKind::ErasureRequest => tr.t("notification-text-erasure_request"),
        NotificationKind::IntroductionRequested => tr.ts(
            "notification-text-introduction_requested",
            "org",
            param("org"),
        ),
        NotificationKind::IntroductionAnswered => tr.t(format!(
            "notification-text-introduction_answered-{}",
            if param("state") == "accepted" {
                "accepted"
            } else {
                "declined"
            }
        )),
        NotificationKind::NetworkFollowUpDue | NotificationKind::AgreementObligationDue => {
            let (key, name) = if kind == NotificationKind::NetworkFollowUpDue {
                ("notification-text-network_follow_up_due", "org")
            } else {
                ("notification-text-agreement_obligation_due", "agreement")
            };
            let overdue = params.get("overdue").and_then(|v| v.as_bool()) == Some(true);
            let key = if overdue {
                format!("{key}-overdue")
            } else {
                key.to_owned()
            };
            tr.targs(&key, &[(name, param(name)), ("date", &date)])
        }
        NotificationKind::AgreementTermEnding => tr.targs(
            "notification-text-agreement_term_ending",
            &[("agreement", param("agreement")), ("date", &date)],
        ),
        NotificationKind::StockLow => {
            let number = |k: &str| params.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            tr.targs(
                "notification-text-stock_low",
                &[
                    ("item", param("item")),
                    ("days", &tr.tn("notification-days", "count", number("days"))),
                    (
                        "threshold",
                        &tr.tn("notification-days", "count", number("threshold")),
                    ),
                    ("date", &date),
                ],
            )
        }
        NotificationKind::LotExpiring => tr.targs(
            "notification-text-lot_expiring",
            &[
                ("item", param("item")),
                ("lot", param("lot")),
                ("date", &date),
            ],
        ),
        NotificationKind::RoundDeadline => tr.targs(
            "notification-text-round_deadline",
            &[("order", param("order")), ("date", &date)],
        ),
    }
}

/// The label of a kind ("Überfällige Schritte").
pub fn kind_label(tr: &Tr, kind: NotificationKind) -> String {
    tr.t(format!("notification-kind-{}", kind.as_str()))
}

struct Row {
    id: i64,
    kind: String,
    text: String,
    link: String,
    created: String,
    unread: bool,
}

struct KindOption {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage<'a> {
    page: &'a Layout,
    rows: Vec<Row>,
    count: String,
    kinds: Vec<KindOption>,
    unread_only: bool,
    any_unread: bool,
    pager: Pager,
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    kind: Option<String>,
    show: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
    done: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<ListQuery>,
) -> Response {
    let unread_only = q.show.as_deref() == Some("unread");
    let kind = q.kind.clone().unwrap_or_default();
    let page = match state
        .app
        .notifications(
            &actor,
            Some(&kind),
            unread_only,
            PageRequest::new(q.limit, q.offset),
        )
        .await
    {
        Ok(p) => p,
        Err(e) => return fail(e, &ctx),
    };
    let tr = &ctx.tr;
    let base: String = form_urlencoded::Serializer::new(String::from("/notifications?"))
        .append_pair("kind", &kind)
        .append_pair("show", if unread_only { "unread" } else { "all" })
        .finish();
    let rows = page
        .items
        .iter()
        .map(|n: &Notification| Row {
            id: n.id,
            kind: kind_label(tr, n.kind),
            text: notice_text(tr, n.kind, &n.params, n.due_on),
            link: n.link.clone(),
            created: tr.datetime(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    let layout = Layout::new(&ctx, "notifications-title").with_notice(form::notice(
        tr,
        q.done.as_deref(),
        &["notifications-read-ok", "notifications-read-all-ok"],
    ));
    render(&ListPage {
        page: &layout,
        count: tr.tn("notifications-count", "count", page.total),
        any_unread: ctx.unread.unwrap_or(0) > 0,
        rows,
        kinds: NotificationKind::for_role(actor.role())
            .into_iter()
            .map(|k| KindOption {
                value: k.as_str(),
                label: kind_label(tr, k),
                selected: k.as_str() == kind,
            })
            .collect(),
        unread_only,
        pager: Pager::new(tr, &page, &base),
    })
}

async fn read_one(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    form::done(
        state.app.read_notification(&actor, id).await,
        &ctx,
        "/notifications?done=notifications-read-ok".into(),
    )
}

async fn read_all(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    form::done(
        state.app.read_all_notifications(&actor).await.map(|_| ()),
        &ctx,
        "/notifications?done=notifications-read-all-ok".into(),
    )
}

struct PreferenceRow {
    kind: &'static str,
    label: String,
    choices: Vec<Choice>,
}

struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "notification_preferences.html")]
struct PreferencesPage<'a> {
    page: &'a Layout,
    rows: Vec<PreferenceRow>,
    /// "Active since …", or that there is no feed.
    feed_state: String,
    has_feed: bool,
    /// The feed's address, shown once after it was created.
    feed_url: Option<String>,
}

async fn preferences(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<super::ListQuery>,
) -> Response {
    preferences_page(&state, &ctx, &actor, q.done.as_deref(), None).await
}

async fn preferences_page(
    state: &AppState,
    ctx: &crate::context::Ctx,
    actor: &standort_app::Actor,
    done: Option<&str>,
    feed_url: Option<String>,
) -> Response {
    let chosen = match state.app.notification_preferences(actor).await {
        Ok(c) => c,
        Err(e) => return fail(e, ctx),
    };
    let since = match state.app.calendar_feed_since(actor).await {
        Ok(s) => s,
        Err(e) => return fail(e, ctx),
    };
    let tr = &ctx.tr;
    let rows = chosen
        .into_iter()
        .map(|(kind, delivery)| PreferenceRow {
            kind: kind.as_str(),
            label: kind_label(tr, kind),
            choices: Delivery::ALL
                .into_iter()
                .map(|d| Choice {
                    value: d.as_str(),
                    label: tr.t(format!("notification-delivery-{}", d.as_str())),
                    checked: d == delivery,
                })
                .collect(),
        })
        .collect();
    let layout = Layout::new(ctx, "notification-preferences-title").with_notice(form::notice(
        tr,
        done,
        &["notification-preferences-ok", "calendar-revoked-ok"],
    ));
    render(&PreferencesPage {
        page: &layout,
        rows,
        feed_state: match since {
            Some(at) => tr.ts("calendar-active", "since", &tr.datetime(at)),
            None => tr.t("calendar-none"),
        },
        has_feed: since.is_some(),
        feed_url,
    })
}

async fn create_feed(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    match state.app.create_calendar_feed(&actor).await {
        Ok(secret) => {
            let url = state.app.public_link(&format!("/calendar/{secret}.ics"));
            preferences_page(&state, &ctx, &actor, None, Some(url)).await
        }
        Err(e) => fail(e, &ctx),
    }
}

async fn revoke_feed(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    form::done(
        state.app.revoke_calendar_feed(&actor).await,
        &ctx,
        "/account/notifications?done=calendar-revoked-ok".into(),
    )
}

#[derive(Debug, Deserialize)]
struct PreferenceForm {
    kind: String,
    delivery: String,
}

async fn set_preference(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(f): PageForm<PreferenceForm>,
) -> Response {
    match state
        .app
        .set_notification_preference(&actor, &f.kind, &f.delivery)
        .await
    {
        Ok(()) => {
            Redirect::to("/account/notifications?done=notification-preferences-ok").into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}
