//! Fairs and delegation trips as iCalendar (RFC 5545) downloads, for staff's own calendars:
//! a fair is an all-day event over its days; a trip is an all-day event over its days plus
//! one event per itinerary item — all-day when the item has no time, else from its time for
//! an hour (the itinerary holds no end). Times are local: Europe/Berlin (with its VTIMEZONE)
//! for inbound trips, which take place here; floating for outbound trips, whose times are the
//! destination's and the model holds no zone, so the traveller's calendar shows them as typed.
//! UIDs are stable per record, so a second import updates the events instead of adding them.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use standort_app::network::{FairView, TripView};
use standort_domain::network::Direction;

use super::fail;
use crate::AppState;
use crate::context::{PagePath, UserCtx};
use crate::i18n::Tr;
use crate::ics::{self, line, text};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/fairs/{id}/calendar.ics", get(fair))
        .route("/network/trips/{id}/calendar.ics", get(trip))
}

fn begin(out: &mut String, name: &str) {
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Standort//Network//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, &format!("X-WR-CALNAME:{}", text(name)));
}

/// One event; `start`/`end` are the DTSTART/DTEND lines' parameters and values.
struct Event<'a> {
    uid: String,
    start: String,
    end: String,
    summary: &'a str,
    location: &'a str,
    description: String,
}

fn event(out: &mut String, stamp: &str, e: &Event) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", e.uid));
    line(out, &format!("DTSTAMP:{stamp}"));
    line(out, &format!("DTSTART{}", e.start));
    line(out, &format!("DTEND{}", e.end));
    line(out, &format!("SUMMARY:{}", text(e.summary)));
    if !e.location.is_empty() {
        line(out, &format!("LOCATION:{}", text(e.location)));
    }
    if !e.description.is_empty() {
        line(out, &format!("DESCRIPTION:{}", text(&e.description)));
    }
    line(out, "END:VEVENT");
}

fn all_day(first: i64, last: i64) -> (String, String) {
    (
        format!(";VALUE=DATE:{}", ics::date(first)),
        format!(";VALUE=DATE:{}", ics::date(last + 86_400)),
    )
}

/// A fair as one all-day event.
pub fn fair_ics(tr: &Tr, v: &FairView, link: &dyn Fn(&str) -> String, now: i64) -> String {
    let f = &v.fair;
    let host = ics::host(link);
    let mut out = String::new();
    begin(&mut out, &f.data.name);
    let (start, end) = all_day(f.data.start_day, f.data.end_day);
    let location = [f.data.city.clone(), tr.country(&f.data.country)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    event(
        &mut out,
        &ics::stamp(now),
        &Event {
            uid: format!("network-fair-{}@{host}", f.id),
            start,
            end,
            summary: &f.data.name,
            location: &location,
            description: link(&format!("/network/fairs/{}", f.id)),
        },
    );
    line(&mut out, "END:VCALENDAR");
    out
}

/// A trip as an all-day event over its days and an event per itinerary item.
pub fn trip_ics(tr: &Tr, v: &TripView, link: &dyn Fn(&str) -> String, now: i64) -> String {
    let t = &v.trip;
    let host = ics::host(link);
    let stamp = ics::stamp(now);
    let inbound = t.data.direction == Direction::Inbound;
    let mut out = String::new();
    begin(&mut out, &t.data.title);
    if inbound && v.items.iter().any(|i| !i.time.is_empty()) {
        ics::europe_berlin(&mut out);
    }
    let url = link(&format!("/network/trips/{}", t.id));
    let (start, end) = all_day(t.data.start_day, t.data.end_day);
    let description = if t.data.notes.is_empty() {
        url.clone()
    } else {
        format!("{}\n\n{url}", t.data.notes)
    };
    event(
        &mut out,
        &stamp,
        &Event {
            uid: format!("network-trip-{}@{host}", t.id),
            start,
            end,
            summary: &t.data.title,
            location: &tr.country(&t.data.country),
            description,
        },
    );
    for i in &v.items {
        let (start, end) = if i.time.is_empty() {
            all_day(i.day, i.day)
        } else {
            let zone = if inbound { ";TZID=Europe/Berlin" } else { "" };
            let (h, m) = i.time.split_once(':').unwrap_or(("0", "0"));
            let h: i64 = h.parse().unwrap_or(0);
            // An hour later; past midnight it is the next day's time.
            let (end_day, end_h) = if h == 23 {
                (i.day + 86_400, 0)
            } else {
                (i.day, h + 1)
            };
            (
                format!("{zone}:{}", ics::local_time(i.day, &i.time)),
                format!(
                    "{zone}:{}",
                    ics::local_time(end_day, &format!("{end_h:02}:{m}"))
                ),
            )
        };
        let mut description = Vec::new();
        if let Some(org) = &i.org_name {
            description.push(format!("{}: {org}", tr.t("network-organisation")));
        }
        description.push(url.clone());
        event(
            &mut out,
            &stamp,
            &Event {
                uid: format!("network-trip-item-{}@{host}", i.id),
                start,
                end,
                summary: &i.title,
                location: &i.place,
                description: description.join("\n"),
            },
        );
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn calendar_file(body: String, name: &str) -> Response {
    crate::download::attachment(body, "text/calendar; charset=utf-8", name)
}

pub async fn fair(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.get_fair(&actor, id).await {
        Ok(v) => calendar_file(
            fair_ics(&ctx.tr, &v, &|p| state.app.public_link(p), state.app.now()),
            &format!("messe-{id}.ics"),
        ),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn trip(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state.app.get_trip(&actor, id).await {
        Ok(v) => calendar_file(
            trip_ics(&ctx.tr, &v, &|p| state.app.public_link(p), state.app.now()),
            &format!("reise-{id}.ics"),
        ),
        Err(e) => fail(e, &ctx),
    }
}
