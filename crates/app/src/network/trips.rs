//! Delegation trips, inbound and outbound: days, visits and meetings with place and time,
//! the organisation met and the outcome of each meeting; participants with their
//! organisation, role and the language of their itinerary.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::ValidationError;
use standort_domain::network::{Direction, ParticipantRole};
use standort_store::network::{self as store, Participant, Trip, TripData, TripItem};
use standort_store::{PageRequest, Paged, audit};

use super::{line, network_reader, org_field, required, required_day, text};
use crate::organisations::parse_country;
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TripInput {
    pub title: Option<String>,
    /// `inbound` or `outbound`
    pub direction: Option<String>,
    pub country: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ItemInput {
    pub day: Option<String>,
    /// `HH:MM`
    pub time: Option<String>,
    pub place: Option<String>,
    pub title: Option<String>,
    pub org_id: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ParticipantInput {
    pub contact_id: Option<String>,
    pub org_id: Option<String>,
    pub role: Option<String>,
    /// `de`, `en` or `vi`: the language of the itinerary.
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TripView {
    pub trip: Trip,
    pub items: Vec<TripItem>,
    pub participants: Vec<Participant>,
    /// Agreements that came out of the trip (id, title).
    pub agreements: Vec<(i64, String)>,
}

fn parse_time(s: &Option<String>) -> Result<String, AppError> {
    let t = line("time", s, 5)?;
    let b = t.as_bytes();
    let ok = t.is_empty()
        || (b.len() == 5
            && b[2] == b':'
            && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && t[3..].parse::<u8>().is_ok_and(|m| m < 60));
    if ok {
        Ok(t)
    } else {
        Err(ValidationError::new("time", "invalid-time").into())
    }
}

impl App {
    /// Plans a delegation trip (agency staff).
    pub async fn create_trip(&self, actor: &Actor, input: &TripInput) -> Result<Trip, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let direction = input
            .direction
            .as_deref()
            .and_then(Direction::parse)
            .ok_or(ValidationError::new("direction", "unknown-direction"))?;
        let start_day = required_day("start", &input.start)?;
        let end_day = required_day("end", &input.end)?;
        if end_day < start_day {
            return Err(ValidationError::new("end", "before-start").into());
        }
        let data = TripData {
            title: required("title", &input.title, 200)?,
            direction,
            country: parse_country(Some(input.country.as_deref().unwrap_or("")))?,
            start_day,
            end_day,
            notes: text("notes", &input.notes, 2000)?,
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let t = store::insert_trip(&mut tx, &data, actor.id(), now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_trip", t.id, None)
                .with_after(serde_json::to_value(&t.data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(t)
    }

    pub async fn list_trips(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Trip>, AppError> {
        network_reader(actor)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_trips(&mut conn, page).await?)
    }

    /// A trip with its itinerary, participants and the agreements that came out of it.
    pub async fn get_trip(&self, actor: &Actor, id: i64) -> Result<TripView, AppError> {
        network_reader(actor)?;
        let mut conn = self.db.conn().await?;
        let trip = store::get_trip(&mut conn, id).await?;
        let items = store::items(&mut conn, id).await?;
        let participants = store::participants(&mut conn, id).await?;
        let agreements = store::trip_agreements(&mut conn, id).await?;
        Ok(TripView {
            trip,
            items,
            participants,
            agreements,
        })
    }

    /// Adds a visit or meeting to the itinerary; its day lies within the trip.
    pub async fn add_trip_item(
        &self,
        actor: &Actor,
        trip: i64,
        input: &ItemInput,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let day = required_day("day", &input.day)?;
        let time = parse_time(&input.time)?;
        let place = line("place", &input.place, 200)?;
        let title = required("title", &input.title, 200)?;
        let outcome = text("outcome", &input.outcome, 2000)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let t = store::get_trip(&mut tx, trip).await?;
        if day < t.data.start_day || day > t.data.end_day {
            return Err(ValidationError::new("day", "outside-trip").into());
        }
        let org_id = match input
            .org_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(_) => Some(org_field(&mut tx, "org_id", &input.org_id).await?),
        };
        let id = store::add_item(
            &mut tx,
            trip,
            &store::NewTripItem {
                day,
                time: &time,
                place: &place,
                title: &title,
                org_id,
                outcome: &outcome,
            },
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_item", "network_trip", trip, org_id)
                .with_after(json!({"item": id, "day": day, "org_id": org_id.map(|o| o.0)})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the outcome of a meeting of the itinerary.
    pub async fn record_item_outcome(
        &self,
        actor: &Actor,
        trip: i64,
        item: i64,
        outcome: &Option<String>,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let outcome = text("outcome", outcome, 2000)?;
        if outcome.is_empty() {
            return Err(ValidationError::new("outcome", "required").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::set_item_outcome(&mut tx, trip, item, &outcome).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("outcome", "network_trip", trip, None)
                .with_after(json!({"item": item})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a participant (a contact, with the organisation they travel for).
    pub async fn add_trip_participant(
        &self,
        actor: &Actor,
        trip: i64,
        input: &ParticipantInput,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let role = input
            .role
            .as_deref()
            .and_then(ParticipantRole::parse)
            .ok_or(ValidationError::new("role", "unknown-role"))?;
        let language = standort_domain::Language::parse(input.language.as_deref().unwrap_or("de"))
            .ok_or(ValidationError::new("language", "invalid-language"))?;
        let contact = input
            .contact_id
            .as_deref()
            .and_then(|c| c.trim().parse::<i64>().ok())
            .ok_or(ValidationError::new("contact_id", "unknown-contact"))?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_trip(&mut tx, trip).await?;
        store::get_contact(&mut tx, contact)
            .await
            .map_err(|_| AppError::from(ValidationError::new("contact_id", "unknown-contact")))?;
        let org = org_field(&mut tx, "org_id", &input.org_id).await?;
        let id = store::add_participant(&mut tx, trip, contact, org, role, language.code())
            .await
            .map_err(|e| match e {
                standort_store::StoreError::Conflict(_) => {
                    AppError::Conflict("already-participant")
                }
                other => other.into(),
            })?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_participant", "network_trip", trip, Some(org))
                .with_after(json!({"contact_id": contact, "role": role.as_str()})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
