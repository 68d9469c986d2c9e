//! Delegation trips: the list with a form for a new trip, and a trip's page — itinerary
//! (visits and meetings by day and time, the organisation met, the outcome of each, recorded
//! on the page), participants with their organisation and role, the agreements that came
//! out of it. The page prints as the itinerary (print stylesheet hides the forms).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::network::{ItemInput, ParticipantInput, TripInput, TripView};
use standort_store::network::Trip;

use super::{can_manage, fail, first, notice, org_options, pairs};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::pages::form::done;
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/trips", get(list).post(create))
        .route("/network/trips/{id}", get(show))
        .route("/network/trips/{id}/items", post(add_item))
        .route("/network/trips/{id}/items/{item}/outcome", post(outcome))
        .route("/network/trips/{id}/participants", post(add_participant))
}

#[derive(Template)]
#[template(path = "network_trips.html")]
struct ListPage<'a> {
    page: &'a Layout,
    trips: &'a [Trip],
    pager: Pager,
    can_create: bool,
}

pub async fn list(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let offset = first(&p, "offset").and_then(|o| o.parse().ok());
    let list = match state
        .app
        .list_trips(&actor, PageRequest::new(Some(50), offset))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "network-trips-title").with_notice(notice(&ctx.tr, &p));
    render(&ListPage {
        page: &layout,
        trips: &list.items,
        pager: Pager::new(&ctx.tr, &list, "/network/trips"),
        can_create: can_manage(&actor),
    })
}

pub async fn create(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<TripInput>,
) -> Response {
    match state.app.create_trip(&actor, &form).await {
        Ok(t) => {
            Redirect::to(&format!("/network/trips/{}?done=network-saved-ok", t.id)).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}

/// One line of the itinerary: (item id, day, time, place, title, org id, org name, outcome).
type ItemRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    String,
);

#[derive(Template)]
#[template(path = "network_trip.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    view: &'a TripView,
    items: Vec<ItemRow>,
    can_edit: bool,
    orgs: Vec<(i64, String)>,
    /// The organisation picker's search.
    org_query: String,
    /// (contact id, name)
    contacts: Vec<(i64, String)>,
    start: String,
    end: String,
    /// The period as `YYYY-MM-DD`, the bounds of the itinerary's date field.
    start_iso: String,
    end_iso: String,
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let v = match state.app.get_trip(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let can_edit = can_manage(&actor);
    let contacts = if can_edit {
        match state
            .app
            .list_contacts(
                &actor,
                None,
                PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
            )
            .await
        {
            Ok(l) => l.items.iter().map(|c| (c.id, c.display_name())).collect(),
            Err(e) => return fail(e, &ctx),
        }
    } else {
        Vec::new()
    };
    let mut layout = Layout::new(&ctx, "network-trips-title").with_notice(notice(&ctx.tr, &p));
    layout.title = v.trip.data.title.clone();
    render(&ShowPage {
        page: &layout,
        items: v
            .items
            .iter()
            .map(|i| {
                (
                    i.id,
                    ctx.tr.date(Some(i.day)),
                    i.time.clone(),
                    i.place.clone(),
                    i.title.clone(),
                    i.org_id.map(|o| o.0),
                    i.org_name.clone().unwrap_or_default(),
                    i.outcome.clone(),
                )
            })
            .collect(),
        can_edit,
        orgs: if can_edit {
            org_options(&state, &actor, &first(&p, "oq").unwrap_or_default()).await
        } else {
            Vec::new()
        },
        org_query: first(&p, "oq").unwrap_or_default(),
        contacts,
        start: ctx.tr.date(Some(v.trip.data.start_day)),
        end: ctx.tr.date(Some(v.trip.data.end_day)),
        start_iso: standort_domain::date::format_date(v.trip.data.start_day),
        end_iso: standort_domain::date::format_date(v.trip.data.end_day),
        view: &v,
    })
}

pub async fn add_item(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ItemInput>,
) -> Response {
    let r = state.app.add_trip_item(&actor, id, &form).await.map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/trips/{id}?done=network-saved-ok"),
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct OutcomeForm {
    outcome: Option<String>,
}

pub async fn outcome(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, item)): PagePath<(i64, i64)>,
    PageForm(form): PageForm<OutcomeForm>,
) -> Response {
    let r = state
        .app
        .record_item_outcome(&actor, id, item, &form.outcome)
        .await;
    done(
        r,
        &ctx,
        format!("/network/trips/{id}?done=network-saved-ok"),
    )
}

pub async fn add_participant(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<ParticipantInput>,
) -> Response {
    let r = state
        .app
        .add_trip_participant(&actor, id, &form)
        .await
        .map(|_| ());
    done(
        r,
        &ctx,
        format!("/network/trips/{id}?done=network-saved-ok"),
    )
}
