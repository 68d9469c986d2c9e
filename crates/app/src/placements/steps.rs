//! Steps on the tracks: recording an event through the engine (refusals become
//! `Conflict(code)`), ending the candidate's process when the last placement closed, and the
//! tracks' owners.

use serde::Deserialize;
use serde_json::json;
use standort_domain::{Role, UserId, ValidationError};
use standort_placement::{Day, Event, Level, Placement, Route, Track};
use standort_store::audit::NewAuditEntry;
use standort_store::placements::{self as store, EventRecord, NewEvent, PlacementFilter};
use standort_store::{AnyConnection, audit, recruitment as rec, users};

use super::{
    bounded, context, day_field, format_day, history, placement_json, store_due, text, unix_of,
};
use crate::{Actor, App, AppError};

/// One step on a track, as it arrives from a form or JSON: `kind` is the event key
/// (`visa_applied` …), `date` the day it happened (`YYYY-MM-DD`, default today), plus the
/// fields the kind needs (`level`, `passed`, `measure`, `route`, `contract`, `on`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventInput {
    pub kind: Option<String>,
    pub date: Option<String>,
    pub level: Option<String>,
    pub passed: Option<String>,
    pub measure: Option<String>,
    pub route: Option<String>,
    pub contract: Option<String>,
    /// The appointment day of `embassy_appointment_booked`.
    pub on: Option<String>,
    pub note: Option<String>,
}

impl EventInput {
    /// The engine event and its day; `today` when no date is given.
    pub fn parse(&self, today: Day) -> Result<(Event, Day), AppError> {
        let kind = text(&self.kind).ok_or(ValidationError::new("kind", "required"))?;
        let mut obj = serde_json::Map::new();
        obj.insert("kind".into(), json!(kind));
        if let Some(l) = text(&self.level) {
            let level = Level::parse(l).ok_or(ValidationError::new("level", "invalid-cefr"))?;
            obj.insert("level".into(), json!(level.as_str()));
        }
        obj.insert(
            "passed".into(),
            json!(matches!(
                text(&self.passed),
                Some("on" | "1" | "true" | "yes")
            )),
        );
        if let Some(m) = text(&self.measure) {
            obj.insert("measure".into(), json!(m));
        }
        if let Some(r) = text(&self.route) {
            let route = Route::parse(r).ok_or(ValidationError::new("route", "invalid-choice"))?;
            obj.insert("route".into(), json!(route.as_str()));
        }
        if let Some(c) = text(&self.contract) {
            obj.insert("contract".into(), json!(c));
        }
        if let Some(on) = day_field("on", &self.on)? {
            obj.insert("on".into(), json!(on));
        }
        let event = Event::from_json(&serde_json::Value::Object(obj))
            .ok_or(ValidationError::new("kind", "invalid-choice"))?;
        let day = day_field("date", &self.date)?.unwrap_or(today);
        Ok((event, day))
    }
}

impl App {
    /// Records one step. A step the law or the process forbids is refused with
    /// `Conflict(<reason code>)` and nothing is written.
    pub async fn record_event(
        &self,
        actor: &Actor,
        id: i64,
        input: &EventInput,
    ) -> Result<EventRecord, AppError> {
        let today = self.today();
        let (event, day) = input.parse(today)?;
        let note = bounded("note", &input.note, 1000)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let summary = self.managed_placement(&mut tx, actor, id).await?;
        let events = store::events(&mut tx, id).await?;
        // The state after the step; `apply` refuses what the law or the process forbids.
        let mut state = Placement::replay(context(&summary), history(&events)?.iter());
        state
            .apply(event, day, today)
            .map_err(|r| AppError::Conflict(r.code))?;
        let data = event.to_json();
        let event_id = store::append_event(
            &mut tx,
            &NewEvent {
                placement_id: id,
                track: event.track().as_str(),
                kind: event.key(),
                data: &data,
                happened_on: unix_of(day),
                note: note.as_deref(),
                actor: Some(actor.id()),
                actor_label: &actor.user.email,
            },
            now,
        )
        .await?;
        store_due(&mut tx, id, &state).await?;
        // A step that is due within the notice period (or overdue already) is announced now.
        let mailed = self.raise_due_of(&mut tx, id, now).await?.mailed;
        let process_ended = match state.closed_on() {
            Some(_) => {
                self.end_process_when_all_closed(&mut tx, actor, summary.data.candidate_id, now)
                    .await?
            }
            None => None,
        };
        // The audit entries last: appending holds the audit chain's head until commit, and a
        // write after it could wait for a row another transaction holds while that one waits
        // for the head (a deadlock on PostgreSQL).
        audit::append(
            &mut tx,
            &actor
                .audit("create", "placement_event", id, None)
                .with_after(json!({ "event_id": event_id, "event": data, "day": format_day(day) })),
            now,
        )
        .await?;
        if let Some(entry) = process_ended {
            audit::append(&mut tx, &entry, now).await?;
        }
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        let mut conn = self.db.conn().await?;
        store::events(&mut conn, id)
            .await?
            .into_iter()
            .find(|e| e.id == event_id)
            .ok_or(AppError::NotFound)
    }

    /// When the last of a candidate's placements closed (employment ended or the 12-month
    /// check recorded), the candidate's process ended on the latest closing day — unless staff
    /// already set a date. That date starts the retention period (docs/recruitment.md,
    /// "Retention"). Returns the audit entry (the field's name only) for the caller to append
    /// after its last write.
    async fn end_process_when_all_closed(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        candidate: i64,
        now: i64,
    ) -> Result<Option<NewAuditEntry>, AppError> {
        let c = rec::get_candidate(conn, candidate).await?;
        if c.process_ended_at.is_some() {
            return Ok(None);
        }
        let filter = PlacementFilter {
            candidate: Some(candidate),
            ..Default::default()
        };
        let mut last_closed = None;
        for p in store::all_placements(conn, &filter).await? {
            let events = store::events(conn, p.id).await?;
            let state = Placement::replay(context(&p), history(&events)?.iter());
            match state.closed_on() {
                Some(d) => last_closed = last_closed.max(Some(d)),
                None => return Ok(None), // another placement still runs
            }
        }
        let Some(day) = last_closed else {
            return Ok(None);
        };
        standort_store::portal::set_process_ended(conn, candidate, Some(unix_of(day)), now).await?;
        Ok(Some(
            actor
                .audit("update", "candidate", candidate, Some(c.data.org_id))
                .with_after(json!({
                    "fields": ["process_ended_at"],
                    "via": "placements_closed",
                })),
        ))
    }

    /// Sets (or clears) the owner of a track: a member of the agency staff or a counsellor.
    pub async fn set_track_owner(
        &self,
        actor: &Actor,
        placement: i64,
        track: &str,
        owner: Option<i64>,
    ) -> Result<(), AppError> {
        let track = Track::parse(track).ok_or(ValidationError::new("track", "invalid-choice"))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let summary = self.managed_placement(&mut tx, actor, placement).await?;
        if let Some(o) = owner {
            let user = users::get(&mut tx, UserId(o))
                .await
                .map_err(|_| ValidationError::new("owner", "invalid-choice"))?;
            if !matches!(user.role, Role::AgencyStaff | Role::JobCounsellor) {
                return Err(ValidationError::new("owner", "invalid-choice").into());
            }
        }
        store::set_owner(&mut tx, placement, track.as_str(), owner.map(UserId)).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "placement_track", placement, None)
                .with_before(placement_json(&summary))
                .with_after(json!({ "track": track.as_str(), "owner": owner })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_input_builds_engine_events() {
        let input = EventInput {
            kind: Some("visa_route_chosen".into()),
            route: Some("§ 16a".into()),
            date: Some("2026-03-01".into()),
            ..Default::default()
        };
        let (e, d) = input.parse(30_000).unwrap();
        assert_eq!(e, Event::VisaRouteChosen { route: Route::S16a });
        assert_eq!(format_day(d), "2026-03-01");
        let bad = EventInput {
            kind: Some("teleported".into()),
            ..Default::default()
        };
        assert!(bad.parse(1).is_err());
        let exam = EventInput {
            kind: Some("language_exam_taken".into()),
            level: Some("b1".into()),
            passed: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(
            exam.parse(5).unwrap(),
            (
                Event::LanguageExamTaken {
                    level: Level::B1,
                    passed: true
                },
                5
            )
        );
    }
}
