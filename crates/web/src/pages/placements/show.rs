//! One placement: its six tracks with the allowed next steps as forms, refused steps with
//! their reasons, history, checklist, costs and owners; re-rendered with the error when a
//! change is refused.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use standort_app::placements::{BORNE_BY, PlacementView, format_day};
use standort_app::{AppError, PageRequest};
use standort_placement::{Event, Track};

use super::{due_label, event_label, fail, first, money, notice, pairs, stage_label};
use crate::AppState;
use crate::context::{Ctx, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::Tr;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/placements/{id}", get(show))
}

/// A form for one allowed step.
pub struct StepForm {
    pub id: String,
    /// `state-bad` for a refusal (visa refused, recognition refused, exam failed), else empty.
    pub tone: &'static str,
    pub kind: &'static str,
    pub hidden: Vec<(&'static str, String)>,
    pub label: String,
    pub needs_on: bool,
}

pub struct TrackBlock {
    pub key: &'static str,
    pub name: String,
    /// Whether the track's work (steps, checklist, owner) is shown open: the track the user
    /// chose in the overview or just acted on. The others stay folded, so the page reads as
    /// an overview and six short sections instead of one long column.
    pub open: bool,
    /// The first open due item, as the overview's "next deadline": (label, day, overdue).
    pub next_due: Option<(String, String, bool)>,
    pub stage: String,
    /// `state-bad`, `state-good` or empty: the stage's look (colour and a marker).
    pub tone: &'static str,
    /// The result of the last action on this track (a step recorded, a step refused), shown
    /// next to the track's forms where the user acted: (is an error, text).
    pub message: Option<(bool, String)>,
    pub since: String,
    pub owner: String,
    pub steps: Vec<StepForm>,
    pub blocked: Vec<(String, String)>,
    pub checklist: Vec<ChecklistLine>,
    pub due: Vec<(String, String, bool)>,
}

pub struct ChecklistLine {
    pub id: i64,
    pub label: String,
    /// `YYYY-MM-DD` (the date field's value), empty when none.
    pub due: String,
    /// The due date as the language writes it.
    pub due_text: String,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "placement_show.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    id: i64,
    /// (label, value, link to the record where the reader may open it).
    facts: Vec<(String, String, Option<String>)>,
    error: Option<String>,
    can_manage: bool,
    show_costs: bool,
    today: String,
    tracks: Vec<TrackBlock>,
    overdue: Vec<(String, String)>,
    history: Vec<(String, String, String, String)>,
    costs: Vec<(String, String, String, String, bool)>,
    costs_flagged: bool,
    borne_by: Vec<(&'static str, String)>,
    /// Agency staff and counsellors who can own a track (empty: no owner form).
    owner_options: Vec<(i64, String)>,
}

/// The people who can own a track, for agency staff's owner form.
async fn owner_options(state: &AppState, actor: &standort_app::Actor) -> Vec<(i64, String)> {
    if actor.role() != standort_domain::Role::AgencyStaff {
        return Vec::new();
    }
    match state
        .app
        .list_users(
            actor,
            Some(actor.user.org_id),
            PageRequest::new(Some(200), None),
        )
        .await
    {
        Ok(list) => list
            .items
            .iter()
            .filter(|u| {
                matches!(
                    u.role,
                    standort_domain::Role::AgencyStaff | standort_domain::Role::JobCounsellor
                ) && !u.disabled
            })
            .map(|u| (u.id.0, u.display_name.clone()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn step_form(tr: &Tr, track: Track, i: usize, e: &Event) -> StepForm {
    let v = e.to_json();
    let mut hidden = Vec::new();
    for key in ["level", "measure", "route", "contract"] {
        if let Some(s) = v.get(key).and_then(|x| x.as_str()) {
            hidden.push((key, s.to_owned()));
        }
    }
    if v.get("passed").and_then(|x| x.as_bool()) == Some(true) {
        hidden.push(("passed", "on".to_owned()));
    }
    let needs_on = matches!(e, Event::EmbassyAppointmentBooked { .. });
    StepForm {
        tone: super::event_tone(e.key(), v.get("passed").and_then(|x| x.as_bool())),
        id: format!("{}-{i}", track.as_str()),
        kind: e.key(),
        hidden,
        label: if needs_on {
            tr.t("event-embassy_appointment_booked")
        } else {
            event_label(tr, e)
        },
        needs_on,
    }
}

fn show_page(
    ctx: &Ctx,
    v: &PlacementView,
    error: Option<String>,
    notice: Option<String>,
    at_track: Option<&str>,
    owner_options: Vec<(i64, String)>,
) -> Response {
    let tr = &ctx.tr;
    // A message about one track is shown in that track's section, where the user acted;
    // anything else at the top of the page.
    let on_track = |key: &str| at_track == Some(key);
    let at_known = v.tracks.iter().any(|t| on_track(t.track.as_str()));
    let (top_error, top_notice) = if at_known {
        (None, None)
    } else {
        (error.clone(), notice.clone())
    };
    let mut layout = Layout::new(ctx, "placements-title").with_notice(top_notice);
    layout.title = tr.ts2(
        "placement-heading",
        "name",
        &v.name(),
        "position",
        &v.summary.position_title,
    );
    let mut facts = record_links(ctx, v);
    facts.push((
        tr.t("placement-milestone"),
        tr.t(format!("milestone-{}", v.milestone.as_str())),
        None,
    ));
    let rules: Vec<String> = [
        (
            v.summary.data.apprenticeship,
            "placement-rule-apprenticeship",
        ),
        (
            v.summary.data.recognition_required,
            "placement-rule-recognition",
        ),
        (
            v.summary.data.partnership_accepted,
            "placement-rule-partnership",
        ),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, k)| tr.t(k))
    .collect();
    facts.push((
        tr.t("placement-rules"),
        if rules.is_empty() {
            "–".into()
        } else {
            rules.join("; ")
        },
        None,
    ));
    let tracks = v
        .tracks
        .iter()
        .map(|t| TrackBlock {
            key: t.track.as_str(),
            name: tr.t(format!("track-{}", t.track.as_str())),
            open: on_track(t.track.as_str()),
            next_due: t
                .due
                .iter()
                .min_by_key(|d| d.due)
                .map(|d| (due_label(tr, d), tr.day(d.due), d.overdue(v.today))),
            stage: stage_label(tr, t.stage, &t.detail),
            tone: super::stage_tone(t.stage, &t.detail),
            message: if on_track(t.track.as_str()) {
                error
                    .clone()
                    .map(|e| (true, e))
                    .or_else(|| notice.clone().map(|n| (false, n)))
            } else {
                None
            },
            since: tr.day(t.since),
            owner: t.owner.clone().unwrap_or_else(|| "–".into()),
            steps: t
                .allowed
                .iter()
                .enumerate()
                .map(|(i, e)| step_form(tr, t.track, i, e))
                .collect(),
            blocked: t
                .refused
                .iter()
                .map(|(e, r)| (event_label(tr, e), tr.t(format!("conflict-{}", r.code))))
                .collect(),
            checklist: t
                .checklist
                .iter()
                .map(|c| ChecklistLine {
                    id: c.id,
                    label: tr.t(format!("checklist-{}", c.item)),
                    due: c
                        .due_on
                        .map(standort_domain::date::format_date)
                        .unwrap_or_default(),
                    due_text: tr.date(c.due_on),
                    done: c.done_on.map(|d| tr.date(d)),
                })
                .collect(),
            due: t
                .due
                .iter()
                .filter(|d| !d.checklist)
                .map(|d| (due_label(tr, d), tr.day(d.due), d.overdue(v.today)))
                .collect(),
        })
        .collect();
    render(&ShowPage {
        page: &layout,
        id: v.summary.id,
        facts,
        error: top_error,
        can_manage: v.can_manage(),
        show_costs: v.access != standort_app::policy::PlacementAccess::Employer,
        today: format_day(v.today),
        tracks,
        overdue: v
            .overdue
            .iter()
            .map(|d| (due_label(tr, d), tr.day(d.due)))
            .collect(),
        history: v
            .history
            .iter()
            .rev()
            .map(|e| {
                let label = Event::from_json(&e.data)
                    .map(|ev| event_label(tr, &ev))
                    .unwrap_or_else(|| e.kind.clone());
                (
                    tr.date(e.happened_on),
                    tr.t(format!("track-{}", e.track)),
                    label,
                    e.actor_label.clone(),
                )
            })
            .collect(),
        costs: v
            .costs
            .iter()
            .map(|c| {
                (
                    tr.date(c.incurred_on),
                    c.purpose.clone(),
                    money(tr, c.amount_cents, &c.currency),
                    tr.t(format!("borne-{}", c.borne_by)),
                    c.flagged(),
                )
            })
            .collect(),
        costs_flagged: v.costs_flagged,
        borne_by: BORNE_BY
            .iter()
            .map(|b| (*b, tr.t(format!("borne-{b}"))))
            .collect(),
        owner_options: if v.can_manage() {
            owner_options
        } else {
            Vec::new()
        },
    })
}

/// The placement's candidate, position and programme, each linked to its record where the
/// reader's role may open it (a page they cannot open would answer 404).
fn record_links(ctx: &Ctx, v: &PlacementView) -> Vec<(String, String, Option<String>)> {
    use standort_app::policy::{Permission, PlacementAccess, allows};
    let tr = &ctx.tr;
    let may = |p: Permission| ctx.actor().is_some_and(|a| allows(a.role(), p));
    let s = &v.summary;
    let candidate = match v.access {
        PlacementAccess::Own => "/portal".to_owned(),
        _ => format!("/recruitment/candidates/{}", s.data.candidate_id),
    };
    let position = may(Permission::ReadPositions)
        .then(|| format!("/recruitment/positions/{}", s.data.position_id));
    let programme = s
        .data
        .programme_id
        .filter(|_| may(Permission::ReadProgrammes))
        .map(|g| format!("/programmes/{g}"));
    vec![
        (tr.t("placement-candidate"), v.name(), Some(candidate)),
        (
            tr.t("placement-position"),
            s.position_title.clone(),
            position,
        ),
        (
            tr.t("placement-programme"),
            s.programme_name.clone().unwrap_or_else(|| "–".into()),
            programme,
        ),
    ]
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    match state.app.get_placement(&actor, id).await {
        Ok(v) => {
            let owners = owner_options(&state, &actor).await;
            let track = first(&p, "track");
            show_page(
                &ctx,
                &v,
                None,
                notice(&ctx.tr, &p),
                track.as_deref(),
                owners,
            )
        }
        Err(e) => fail(e, &ctx),
    }
}

/// Re-renders the placement with the error (a refused step keeps the page, with the reason;
/// nothing was written).
pub(super) async fn with_error(
    state: &AppState,
    ctx: &Ctx,
    actor: &standort_app::Actor,
    id: i64,
    e: AppError,
    track: Option<String>,
) -> Response {
    let failure: Failure = e.into();
    if !matches!(failure, Failure::Conflict(_) | Failure::Validation { .. }) {
        return PageError::new(failure, ctx).into_response();
    }
    let status = failure.status();
    let message = match &failure {
        Failure::Conflict(code) => ctx.tr.ts(
            "placement-refused",
            "reason",
            &ctx.tr.t(format!("conflict-{code}")),
        ),
        other => other.message(&ctx.tr),
    };
    match state.app.get_placement(actor, id).await {
        Ok(v) => {
            let owners = owner_options(state, actor).await;
            let mut r = show_page(ctx, &v, Some(message), None, track.as_deref(), owners);
            *r.status_mut() = status;
            r
        }
        Err(e) => fail(e, ctx),
    }
}
