//! Recruitment-tracks pages: placements with their six tracks (next allowed steps as forms,
//! refused next steps with the reason), the programme list and the programme board (funnel as
//! server-rendered SVG with a table, time in stage, where each person stands). No JavaScript.
//!
//! One file per entity or view, each registering its own routes; this file holds the labels
//! and form helpers they share (the labels are also used by the dashboard and the portal).

mod board;
mod checklist;
mod costs;
mod list;
mod programmes;
mod show;
mod steps;

use axum::Router;
use standort_app::AppError;
use standort_app::policy::{Permission, allows};
use standort_placement::{DueItem, Event};

use crate::AppState;
use crate::i18n::{Tr, locales};
use crate::module::{NavEntry, WebModule};

pub(crate) const MODULE: WebModule = WebModule {
    name: "placements",
    help: &["help-placements"],
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
    ..WebModule::EMPTY
};

/// Every page of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(list::routes())
        .merge(show::routes())
        .merge(steps::routes())
        .merge(checklist::routes())
        .merge(costs::routes())
        .merge(programmes::routes())
        .merge(board::routes())
}

use super::form::{fail, first, pairs};

/// Confirmations this module may show after a redirect.
fn notice(tr: &Tr, p: &[(String, String)]) -> Option<String> {
    const KNOWN: &[&str] = &[
        "placement-created-ok",
        "placement-step-ok",
        "placement-saved-ok",
        "programme-created-ok",
    ];
    super::form::notice(tr, first(p, "done").as_deref(), KNOWN)
}

/// "Visa beantragt (§ 16a)".
pub fn event_label(tr: &Tr, e: &Event) -> String {
    let base = tr.t(format!("event-{}", e.key()));
    match e {
        Event::EmbassyAppointmentBooked { on } => format!("{base} ({})", tr.day(*on)),
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

/// How a step looks: a refusal (visa or recognition refused, an exam failed) is `state-bad`
/// (error colour and a ✗ marker), so it never looks like its good counterpart.
pub fn event_tone(kind: &str, passed: Option<bool>) -> &'static str {
    match kind {
        "visa_refused" | "recognition_refused" => "state-bad",
        "language_exam_taken" if passed == Some(false) => "state-bad",
        "visa_granted" | "recognised" | "language_certified" | "employment_started" => "state-good",
        _ => "",
    }
}

/// How a track's stage looks (see `event_tone`); a failed exam's detail ends in `✗`.
pub fn stage_tone(stage: &str, detail: &Option<String>) -> &'static str {
    let failed = detail.as_deref().is_some_and(|d| d.ends_with('✗'));
    event_tone(stage, Some(!failed))
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

/// "1.234,50 EUR": the amount as the language writes it (cents are exact in an `f64` far
/// beyond any cost), the currency's code after it.
fn money(tr: &Tr, cents: i64, currency: &str) -> String {
    format!("{} {currency}", tr.decimal(cents as f64 / 100.0, 2))
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

/// The placements of one candidate or one position that the reader may see, as links for the
/// record's own page ("and back" from a placement): (link, what the reader does not see on
/// that page already — the position on the candidate's page, the person on the position's).
/// At most the first fifty; the placements list has the rest.
pub(crate) async fn placements_of(
    state: &AppState,
    actor: &standort_app::Actor,
    candidate: Option<i64>,
    position: Option<i64>,
) -> Result<Vec<(String, String)>, AppError> {
    if !allows(actor.role(), Permission::ReadPlacements) {
        return Ok(Vec::new());
    }
    let query = standort_app::placements::PlacementQuery {
        candidate,
        position,
        ..Default::default()
    };
    let list = state
        .app
        .query_placements(
            actor,
            &query,
            standort_app::PageRequest::new(Some(50), None),
        )
        .await?;
    Ok(list
        .items
        .iter()
        .map(|p| {
            let what = if candidate.is_some() {
                p.position_title.clone()
            } else {
                format!("{} {}", p.family_name, p.given_names)
            };
            let label = match &p.programme_name {
                Some(programme) => format!("{what} ({programme})"),
                None => what,
            };
            (format!("/placements/{}", p.id), label)
        })
        .collect())
}
