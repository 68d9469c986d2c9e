//! Partner-network API under `/api/v1/network`: the same use cases and permissions as the
//! pages (records outside the caller's view are 404). Records are returned as the use cases
//! give them (`item` / `items`: ids, stable names of vocabularies, days as Unix seconds at
//! 00:00 UTC); bodies take the fields of the page forms (numbers may be sent as numbers or
//! strings, dates as `YYYY-MM-DD`). Recording an approach of a company approached within 90
//! days answers 409 `approached-recently` unless the body has `"confirm": true`.
//!
//! One file per entity, each registering its routes; [`NetworkDoc`] lists them.

mod agreements;
mod approaches;
mod contacts;
mod fairs;
mod figures;
mod projects;
mod trips;

use axum::Router;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use standort_app::Paged;
use utoipa::{OpenApi, ToSchema};

use crate::AppState;
use crate::error::{ApiError, Failure};

use agreements::*;
use approaches::*;
use contacts::*;
use fairs::*;
use figures::*;
use projects::*;
use trips::*;

/// Every endpoint of the module: each file registers its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(contacts::routes())
        .merge(approaches::routes())
        .merge(trips::routes())
        .merge(agreements::routes())
        .merge(fairs::routes())
        .merge(projects::routes())
        .merge(figures::routes())
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    NetworkDoc::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_contacts,
        create_contact,
        get_contact,
        export_contact,
        erase_contact,
        list_approaches,
        record_approach,
        list_trips,
        create_trip,
        get_trip,
        add_trip_item,
        add_trip_participant,
        list_agreements,
        create_agreement,
        get_agreement,
        add_obligation,
        obligations_due,
        list_fairs,
        create_fair,
        get_fair,
        add_lead,
        list_projects,
        create_project,
        set_project_stage,
        get_figures
    ),
    components(schemas(NetworkItem, NetworkList, NetworkCreated)),
    tags((name = "network", description = "The partner network: contacts (people at organisations, personal data, every read audited), the visit log of direct approaches (a company approached recently is refused unless confirmed), delegation trips, agreements with obligations, trade fairs with leads, investment projects and the yearly figures. Agency staff edit; clinics and employers read the agreements they are a party to."))
)]
struct NetworkDoc;

/// One record of the network.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkItem {
    #[schema(value_type = Object)]
    pub item: Value,
}

/// One page of records.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkList {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkCreated {
    pub id: i64,
}

fn item(v: impl Serialize) -> NetworkItem {
    NetworkItem {
        item: serde_json::to_value(v).unwrap_or_default(),
    }
}

fn list<T: Serialize>(p: Paged<T>) -> NetworkList {
    NetworkList {
        items: p
            .items
            .iter()
            .map(|i| serde_json::to_value(i).unwrap_or_default())
            .collect(),
        total: p.total,
        limit: p.limit,
        offset: p.offset,
    }
}

/// A JSON object read into a use case's input, whose fields are the form's texts: numbers
/// and booleans are taken as their text (`5` → `"5"`, `true` → `"true"`), null as absent.
fn input<T: DeserializeOwned>(body: Value) -> Result<T, ApiError> {
    let Value::Object(map) = body else {
        return Err(ApiError(Failure::BadRequest(
            "a JSON object is expected".into(),
        )));
    };
    let map: serde_json::Map<String, Value> = map
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let v = match v {
                Value::Number(n) => Value::String(n.to_string()),
                Value::Bool(b) => Value::String(b.to_string()),
                Value::Array(a) => Value::String(
                    a.iter()
                        .map(|x| match x {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                other => other,
            };
            (k, v)
        })
        .collect();
    serde_json::from_value(Value::Object(map))
        .map_err(|e| ApiError(Failure::BadRequest(e.to_string())))
}
