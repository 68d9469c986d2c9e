//! The calendar feed (RFC 5545): `/calendar/{secret}.ics`, a public route (no session, no
//! cookie — calendar programs cannot log in; the secret is the credential), read-only. Each due
//! date is an all-day event on its day (a date, which calendars show on that day in Germany
//! and everywhere else), with a UID that stays the same between calls and when the date moves,
//! so a calendar updates the event instead of adding one; each links back to its record.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use standort_app::notifications::CalendarFeed;

use crate::AppState;
use crate::i18n::Tr;
use crate::ics::{self, line, text};

pub(super) fn public_routes(_: &AppState) -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    match state.app.calendar_feed(secret).await {
        Ok(feed) => {
            let tr = Tr::new(state.catalog.clone(), feed.language, state.web.time_zone);
            let body = write_ics(
                &tr,
                &feed,
                &|path| state.app.public_link(path),
                state.app.now(),
            );
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            // The URL is a secret: no shared cache keeps it.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(_) => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

/// The feed as an iCalendar text.
pub fn write_ics(tr: &Tr, feed: &CalendarFeed, link: &dyn Fn(&str) -> String, now: i64) -> String {
    let host = ics::host(link);
    let stamp = ics::stamp(now);
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Standort//Due dates//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            text(&tr.ts("calendar-name", "name", &feed.name))
        ),
    );
    line(&mut out, "X-WR-TIMEZONE:Europe/Berlin");
    for d in &feed.dates {
        let (uid, summary) = match d.source.as_str() {
            "placement" => {
                let mut step = format!(
                    "{}: {}",
                    tr.t(format!("track-{}", d.track)),
                    tr.t(format!("due-{}", d.code))
                );
                if d.legal {
                    step.push_str(&format!(" ({})", tr.t("due-legal")));
                }
                (
                    format!("placement-{}-{}-{}@{host}", d.record_id, d.track, d.code),
                    step,
                )
            }
            "document_request" => (
                format!("document-request-{}@{host}", d.record_id),
                tr.ts(
                    "notification-text-document_request",
                    "document",
                    &tr.t(format!("document-kind-{}", d.track.replace('_', "-"))),
                ),
            ),
            "follow_up" => (
                format!("follow-up-{}@{host}", d.record_id),
                tr.ts("calendar-follow-up", "org", &d.label),
            ),
            "obligation" => (
                format!("obligation-{}@{host}", d.record_id),
                tr.ts2(
                    "calendar-obligation",
                    "obligation",
                    &d.code,
                    "agreement",
                    &d.label,
                ),
            ),
            _ => (
                format!("{}-{}@{host}", d.source.replace('_', "-"), d.record_id),
                tr.ts("calendar-round", "order", &d.label),
            ),
        };
        let path = &d.link;
        let url = link(path);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{uid}"));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ics::date(d.due_on)),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", ics::date(d.due_on + 86_400)),
        );
        line(&mut out, &format!("SUMMARY:{}", text(&summary)));
        line(&mut out, &format!("URL:{url}"));
        line(&mut out, &format!("DESCRIPTION:{}", text(&url)));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}
