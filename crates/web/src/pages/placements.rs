//! Recruitment-tracks pages: placements with their six tracks (next allowed steps as forms,
//! refused next steps with the reason), the programme list and the programme board (funnel as
//! server-rendered SVG with a table, time in stage, where each person stands). No JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::placements::{
    BORNE_BY, ChecklistInput, CostInput, EventInput, PlacementView, ProgrammeBoard, ProgrammeInput,
    format_day,
};
use standort_app::policy::{Permission, allows};
use standort_app::{AppError, PageRequest};
use standort_domain::date::format_date;
use standort_placement::board::Milestone;
use standort_placement::{DueItem, Event, Track};

use super::{Layout, Pager, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "placements",
    locales: locales!("placements"),
    pages: routes,
    api: crate::api::placements::routes,
    openapi: crate::api::placements::openapi,
    nav: &[
        NavEntry {
            href: "/placements",
            label_key: "nav-placements",
            visible: |role| allows(role, Permission::ReadPlacements),
        },
        NavEntry {
            href: "/programmes",
            label_key: "nav-programmes",
            visible: |role| allows(role, Permission::ReadProgrammes),
        },
    ],
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/placements", get(list).post(create))
        .route("/placements/{id}", get(show))
        .route("/placements/{id}/events", post(record_event))
        .route("/placements/{id}/checklist/{item}", post(update_checklist))
        .route("/placements/{id}/costs", post(add_cost))
        .route("/placements/{id}/owners", post(set_owner))
        .route("/programmes", get(programmes).post(create_programme))
        .route("/programmes/{id}", get(board))
}

fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn first(p: &[(String, String)], key: &str) -> Option<String> {
    p.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty())
}

fn fail(e: AppError, ctx: &Ctx) -> Response {
    PageError::new(e.into(), ctx).into_response()
}

/// Confirmations this module may show after a redirect.
fn notice(tr: &Tr, p: &[(String, String)]) -> Option<String> {
    first(p, "done")
        .filter(|d| {
            matches!(
                d.as_str(),
                "placement-created-ok"
                    | "placement-step-ok"
                    | "placement-saved-ok"
                    | "programme-created-ok"
            )
        })
        .map(|d| tr.t(d))
}

/// "Visa beantragt (§ 16a)".
pub fn event_label(tr: &Tr, e: &Event) -> String {
    let base = tr.t(format!("event-{}", e.key()));
    match e {
        Event::EmbassyAppointmentBooked { on } => format!("{base} ({})", format_day(*on)),
        _ => match e.detail() {
            Some(d) if d.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                format!("{base} ({})", tr.t(format!("detail-{d}")))
            }
            Some(d) => format!("{base} ({d})"),
            None => base,
        },
    }
}

/// "Visum: Termin bei der Botschaft (gesetzliche Frist)".
pub fn due_label(tr: &Tr, d: &DueItem) -> String {
    let what = if d.checklist {
        tr.t(format!("checklist-{}", d.code))
    } else {
        tr.t(format!("due-{}", d.code))
    };
    let mut s = format!("{}: {what}", tr.t(format!("track-{}", d.track.as_str())));
    if d.legal {
        s.push_str(&format!(" ({})", tr.t("due-legal")));
    }
    s
}

pub fn stage_label(tr: &Tr, stage: &str, detail: &Option<String>) -> String {
    let base = if stage == "not_started" {
        tr.t("stage-not-started")
    } else {
        tr.t(format!("event-{stage}"))
    };
    match detail {
        Some(d) if d.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
            format!("{base} ({})", tr.t(format!("detail-{d}")))
        }
        Some(d) => format!("{base} ({d})"),
        None => base,
    }
}

fn money(cents: i64, currency: &str) -> String {
    format!("{}.{:02} {currency}", cents / 100, (cents % 100).abs())
}

// ------------------------------------------------------------------ list

#[derive(Template)]
#[template(path = "placement_list.html")]
struct ListPage<'a> {
    page: &'a Layout,
    count: String,
    rows: Vec<(i64, String, String, String)>,
    pager: Pager,
    can_create: bool,
    candidates: Vec<(i64, String)>,
    positions: Vec<(i64, String)>,
    programmes: Vec<(i64, String)>,
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
    let (mut candidates, mut positions, mut programmes) = (Vec::new(), Vec::new(), Vec::new());
    if can_create {
        let page = PageRequest::new(Some(200), None);
        match app
            .list_candidates(
                &actor,
                None,
                actor.role() == standort_domain::Role::JobCounsellor,
                page,
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
        match app.list_positions(&actor, page).await {
            Ok(l) => {
                positions = l
                    .items
                    .iter()
                    .map(|p| (p.id, p.data.title.clone()))
                    .collect()
            }
            Err(e) => return fail(e, &ctx),
        }
        if allows(actor.role(), Permission::ReadProgrammes) {
            match app.list_programmes(&actor, page).await {
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
    }
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

fn id_field(field: &'static str, v: &Option<String>) -> Result<Option<i64>, AppError> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| standort_domain::ValidationError::new(field, "invalid-choice").into()),
    }
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

// ------------------------------------------------------------------ one placement

/// A form for one allowed step.
pub struct StepForm {
    pub id: String,
    pub kind: &'static str,
    pub hidden: Vec<(&'static str, String)>,
    pub label: String,
    pub needs_on: bool,
}

pub struct TrackBlock {
    pub key: &'static str,
    pub name: String,
    pub stage: String,
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
    pub due: String,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "placement_show.html")]
struct ShowPage<'a> {
    page: &'a Layout,
    id: i64,
    facts: Vec<(String, String)>,
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
    owner_options: Vec<(i64, String)>,
) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "placements-title").with_notice(notice);
    layout.title = tr.ts2(
        "placement-heading",
        "name",
        &v.name(),
        "position",
        &v.summary.position_title,
    );
    let mut facts = vec![
        (tr.t("placement-position"), v.summary.position_title.clone()),
        (
            tr.t("placement-programme"),
            v.summary
                .programme_name
                .clone()
                .unwrap_or_else(|| "–".into()),
        ),
        (
            tr.t("placement-milestone"),
            tr.t(format!("milestone-{}", v.milestone.as_str())),
        ),
    ];
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
    ));
    let tracks = v
        .tracks
        .iter()
        .map(|t| TrackBlock {
            key: t.track.as_str(),
            name: tr.t(format!("track-{}", t.track.as_str())),
            stage: stage_label(tr, t.stage, &t.detail),
            since: t.since.map(format_day).unwrap_or_else(|| "–".into()),
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
                    due: c.due_on.map(format_date).unwrap_or_default(),
                    done: c.done_on.map(format_date),
                })
                .collect(),
            due: t
                .due
                .iter()
                .filter(|d| !d.checklist)
                .map(|d| (due_label(tr, d), format_day(d.due), d.overdue(v.today)))
                .collect(),
        })
        .collect();
    render(&ShowPage {
        page: &layout,
        id: v.summary.id,
        facts,
        error,
        can_manage: v.can_manage(),
        show_costs: v.access != standort_app::policy::PlacementAccess::Employer,
        today: format_day(v.today),
        tracks,
        overdue: v
            .overdue
            .iter()
            .map(|d| (due_label(tr, d), format_day(d.due)))
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
                    format_date(e.happened_on),
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
                    format_date(c.incurred_on),
                    c.purpose.clone(),
                    money(c.amount_cents, &c.currency),
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
            show_page(&ctx, &v, None, notice(&ctx.tr, &p), owners)
        }
        Err(e) => fail(e, &ctx),
    }
}

/// Re-renders the placement with the error (a refused step keeps the page, with the reason;
/// nothing was written).
async fn with_error(
    state: &AppState,
    ctx: &Ctx,
    actor: &standort_app::Actor,
    id: i64,
    e: AppError,
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
            let mut r = show_page(ctx, &v, Some(message), None, owners);
            *r.status_mut() = status;
            r
        }
        Err(e) => fail(e, ctx),
    }
}

pub async fn record_event(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<EventInput>,
) -> Response {
    match state.app.record_event(&actor, id, &form).await {
        Ok(e) => Redirect::to(&format!(
            "/placements/{id}?done=placement-step-ok#track-{}",
            e.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}

pub async fn update_checklist(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, item)): PagePath<(i64, i64)>,
    PageForm(form): PageForm<ChecklistInput>,
) -> Response {
    match state
        .app
        .update_checklist_item(&actor, id, item, &form)
        .await
    {
        Ok(row) => Redirect::to(&format!(
            "/placements/{id}?done=placement-saved-ok#track-{}",
            row.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}

pub async fn add_cost(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<CostInput>,
) -> Response {
    match state.app.add_cost(&actor, id, &form).await {
        Ok(_) => {
            Redirect::to(&format!("/placements/{id}?done=placement-saved-ok#costs")).into_response()
        }
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}

#[derive(serde::Deserialize)]
pub struct OwnerForm {
    track: String,
    owner: Option<String>,
}

pub async fn set_owner(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<OwnerForm>,
) -> Response {
    let owner = match id_field("owner", &form.owner) {
        Ok(o) => o,
        Err(e) => return with_error(&state, &ctx, &actor, id, e).await,
    };
    match state
        .app
        .set_track_owner(&actor, id, &form.track, owner)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/placements/{id}?done=placement-saved-ok#track-{}",
            form.track
        ))
        .into_response(),
        Err(e) => with_error(&state, &ctx, &actor, id, e).await,
    }
}

// ------------------------------------------------------------------ programmes

#[derive(Template)]
#[template(path = "programme_list.html")]
struct ProgrammesPage<'a> {
    page: &'a Layout,
    rows: Vec<(i64, String, i64, String)>,
    can_create: bool,
}

pub async fn programmes(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let list = match state
        .app
        .list_programmes(&actor, PageRequest::new(Some(200), None))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "programmes-title").with_notice(notice(&ctx.tr, &p));
    render(&ProgrammesPage {
        page: &layout,
        rows: list
            .items
            .iter()
            .map(|g| {
                (
                    g.id,
                    g.data.name.clone(),
                    g.data.target_size,
                    g.data
                        .start_date
                        .map(format_date)
                        .unwrap_or_else(|| "–".into()),
                )
            })
            .collect(),
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

#[derive(Template)]
#[template(path = "programme_board.html")]
struct BoardPage<'a> {
    page: &'a Layout,
    description: String,
    target: String,
    funnel_svg: String,
    funnel: Vec<(String, usize)>,
    track_names: Vec<String>,
    rows: Vec<BoardLine>,
    stats: Vec<(String, String, usize, String, String)>,
    overdue_total: usize,
    flagged_total: usize,
}

pub struct BoardLine {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub milestone: String,
    pub stages: Vec<String>,
    pub overdue: usize,
    pub flagged: bool,
}

/// The funnel as a horizontal bar chart (one bar per milestone), described for screen readers
/// by its title and the table next to it.
pub fn funnel_svg(tr: &Tr, funnel: &[(Milestone, usize)]) -> String {
    let total = funnel.first().map(|(_, n)| *n).unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (230.0, 420.0, 30.0);
    let height = row_h * funnel.len() as f64 + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-labelledby=\"funnel-title\"><title id=\"funnel-title\">{title}</title>",
        w = label_w + bar_w + 60.0,
        title = escape(&tr.t("board-funnel-alt")),
    );
    for (i, (m, n)) in funnel.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let w = bar_w * *n as f64 / total as f64;
        s.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">{label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"#005a9c\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"14\" fill=\"#1a1a1a\">{n}</text>",
            lx = label_w - 8.0,
            ty = y + row_h * 0.62,
            label = escape(&tr.t(format!("milestone-{}", m.as_str()))),
            bx = label_w,
            h = row_h - 8.0,
            vx = label_w + w + 6.0,
        ));
    }
    s.push_str("</svg>");
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn board_page(ctx: &Ctx, b: &ProgrammeBoard, notice: Option<String>) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "programmes-title").with_notice(notice);
    layout.title = b.programme.data.name.clone();
    let days = |v: f64| format!("{v:.1}");
    render(&BoardPage {
        page: &layout,
        description: b.programme.data.description.clone(),
        target: tr.tnn(
            "board-size",
            &[
                ("placed", b.rows.len() as i64),
                ("target", b.programme.data.target_size),
            ],
        ),
        funnel_svg: funnel_svg(tr, &b.funnel),
        funnel: b
            .funnel
            .iter()
            .map(|(m, n)| (tr.t(format!("milestone-{}", m.as_str())), *n))
            .collect(),
        track_names: Track::ALL
            .iter()
            .map(|t| tr.t(format!("track-{}", t.as_str())))
            .collect(),
        rows: b
            .rows
            .iter()
            .map(|r| BoardLine {
                id: r.placement_id,
                name: r.name.clone(),
                position: r.position_title.clone(),
                milestone: tr.t(format!("milestone-{}", r.milestone.as_str())),
                stages: r
                    .stages
                    .iter()
                    .map(|(_, s, d)| stage_label(tr, s, d))
                    .collect(),
                overdue: r.overdue,
                flagged: r.costs_flagged,
            })
            .collect(),
        stats: b
            .stats
            .iter()
            .map(|s| {
                (
                    tr.t(format!("track-{}", s.track.as_str())),
                    tr.t(format!("event-{}", s.stage)),
                    s.n,
                    days(s.median_days),
                    days(s.mean_days),
                )
            })
            .collect(),
        overdue_total: b.overdue_total,
        flagged_total: b.flagged_total,
    })
}

pub async fn board(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    match state.app.programme_board(&actor, id).await {
        Ok(b) => board_page(&ctx, &b, notice(&ctx.tr, &p)),
        Err(e) => fail(e, &ctx),
    }
}
