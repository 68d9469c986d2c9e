//! Each clinic's supply, its movements and its census.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::procurement::{
    CensusInput, ClinicQuery, ClinicSummary, ClinicSupply, ItemSupply, MovementInput, format_day,
};
use standort_domain::OrgId;
use utoipa::{IntoParams, ToSchema};

use super::date;
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/procurement/clinics", get(list_clinics))
        .route("/procurement/clinics/{id}/supply", get(get_supply))
        .route("/procurement/clinics/{id}/movements", post(record_movement))
        .route("/procurement/clinics/{id}/census", post(record_census))
}

/// A clinic's state at a glance.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicSummaryDto {
    pub id: i64,
    pub name: String,
    /// Items under 14 days of supply.
    pub critical: usize,
    /// Items at or below their reorder point.
    pub reorder: usize,
    /// Lots expiring within 90 days.
    pub short_dated_lots: usize,
}

impl From<&ClinicSummary> for ClinicSummaryDto {
    fn from(s: &ClinicSummary) -> Self {
        ClinicSummaryDto {
            id: s.clinic.id.0,
            name: s.clinic.name.clone(),
            critical: s.critical,
            reorder: s.reorder,
            short_dated_lots: s.short_dated_lots,
        }
    }
}

/// One lot in stock.
#[derive(Debug, Serialize, ToSchema)]
pub struct LotDto {
    pub lot: String,
    pub expires_on: Option<String>,
    pub quantity: i64,
    pub expired: bool,
    pub short_dated: bool,
}

/// One item at a clinic.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemSupplyDto {
    pub item_id: i64,
    pub code: String,
    pub name: String,
    /// Units in lots that have not expired.
    pub usable: i64,
    pub expired: i64,
    /// Average units per day over the last 90 days.
    pub per_day: f64,
    pub per_patient_day: Option<f64>,
    /// `null` when nothing is used.
    pub days_of_supply: Option<f64>,
    pub stockout_on: Option<String>,
    /// `critical`, `reorder`, `ok`, `unused`.
    pub state: String,
    pub on_order: i64,
    pub safety_stock: i64,
    pub reorder_point: i64,
    /// Suggested units (whole packs), 0 when no order is due.
    pub suggested_quantity: i64,
    pub lots: Vec<LotDto>,
}

impl From<&ItemSupply> for ItemSupplyDto {
    fn from(s: &ItemSupply) -> Self {
        ItemSupplyDto {
            item_id: s.item.id,
            code: s.item.code.clone(),
            name: s.item.name.clone(),
            usable: s.usable,
            expired: s.expired,
            per_day: s.rate.per_day,
            per_patient_day: s.rate.per_patient_day,
            days_of_supply: s.days,
            stockout_on: s.stockout.map(format_day),
            state: s.state.as_str().into(),
            on_order: s.on_order,
            safety_stock: s.suggestion.safety_stock,
            reorder_point: s.suggestion.reorder_point,
            suggested_quantity: s.suggestion.quantity,
            lots: s
                .lots
                .iter()
                .map(|l| LotDto {
                    lot: l.lot.clone(),
                    expires_on: l.expires_on.map(format_day),
                    quantity: l.quantity,
                    expired: l.expired,
                    short_dated: l.short_dated,
                })
                .collect(),
        }
    }
}

/// A clinic's supply by item.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplyDto {
    pub clinic_id: i64,
    pub clinic: String,
    pub today: String,
    /// The transport mode whose lead time the suggestions use.
    pub transport_mode: String,
    pub items: Vec<ItemSupplyDto>,
}

impl From<&ClinicSupply> for SupplyDto {
    fn from(v: &ClinicSupply) -> Self {
        SupplyDto {
            clinic_id: v.clinic.id.0,
            clinic: v.clinic.name.clone(),
            today: format_day(v.today),
            transport_mode: v.mode.as_str().into(),
            items: v.items.iter().map(ItemSupplyDto::from).collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupplyParams {
    /// `air` (default), `sea`, `rail`, `road`.
    #[param(schema_with = crate::api::schema::transport_mode_filter)]
    pub transport_mode: Option<String>,
}

/// A movement to record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMovementDto {
    /// `receipt`, `issue` (taken first expiry first out), `count` (units counted in the lot),
    /// `write_off`.
    #[schema(schema_with = crate::api::schema::movement_kind)]
    pub kind: String,
    /// Required unless `gs1` is given (then the item is the one with the scan's GTIN).
    pub item_id: Option<i64>,
    /// Required except for issues.
    #[schema(schema_with = crate::api::schema::optional_line::<60>)]
    pub lot: Option<String>,
    /// `YYYY-MM-DD`, receipts.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub expires_on: Option<String>,
    /// Units (at least 1; a count may be 0). Required unless `gs1` carries a count (30).
    #[schema(schema_with = crate::api::schema::optional_quantity::<0>)]
    pub quantity: Option<i64>,
    /// `YYYY-MM-DD`, default today; not in the future.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub happened_on: Option<String>,
    #[schema(schema_with = crate::api::schema::optional_line::<200>)]
    pub reference: Option<String>,
    /// Receipts only: a GS1 element string as a scanner reads it from a GS1 DataMatrix or
    /// GS1-128 label — raw with group separators (U+001D, or the substitutes `<GS>`, `^]`,
    /// `␝`), optionally after a symbology identifier (`]d2`, `]C1`, `]Q3`), or bracketed,
    /// e.g. `(01)04012345000016(17)271231(10)LOT-7(30)200`; a bare GTIN-8/12/13/14 also works.
    /// The GTIN (01) names the catalogue item; lot (10), expiry (17, day `00` = end of
    /// month) and count (30, units) take the place of `lot`, `expires_on` and `quantity`
    /// where present; a serial (21) is kept in the audit trail. What cannot be read is a 422
    /// naming the position and the AI (`field`: `gs1`); a GTIN no catalogue item carries is
    /// a 422 naming the GTIN.
    #[schema(schema_with = crate::api::schema::optional_gs1)]
    pub gs1: Option<String>,
}

/// A ledger row written.
#[derive(Debug, Serialize, ToSchema)]
pub struct MovementDto {
    pub id: i64,
    pub item_id: i64,
    pub lot: String,
    pub expires_on: Option<String>,
    pub kind: String,
    /// Signed: + into stock, − out of it.
    pub quantity: i64,
    pub happened_on: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CensusDto {
    /// `YYYY-MM-DD`, default today; not in the future.
    #[schema(schema_with = crate::api::schema::optional_date)]
    pub day: Option<String>,
    /// Patients (occupied beds) that day.
    #[schema(schema_with = crate::api::schema::quantity::<0>)]
    pub patients: i64,
}

/// A page of the clinics' overview.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicPage {
    pub items: Vec<ClinicSummaryDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClinicListParams {
    /// Words of the clinic's name (any case, diacritics optional).
    pub q: Option<String>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

/// The clinics the caller may see (staff: all; a buyer: their own), the one needing help
/// first on top: most critical items, then most to reorder, then fewest days of supply.
#[utoipa::path(get, path = "/api/v1/procurement/clinics", tag = "procurement", params(ClinicListParams),
    responses((status = 200, body = ClinicPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_clinics(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ClinicListParams>,
) -> Result<Json<ClinicPage>, ApiError> {
    let query = ClinicQuery {
        q: q.q.unwrap_or_default(),
        page: crate::api::page(q.limit, q.offset)?,
        ..ClinicQuery::default()
    };
    let page = state.app.supply_overview(&actor, &query).await?;
    Ok(Json(ClinicPage {
        items: page.items.iter().map(ClinicSummaryDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

#[utoipa::path(get, path = "/api/v1/procurement/clinics/{id}/supply", tag = "procurement",
    params(("id" = i64, Path), SupplyParams),
    responses((status = 200, body = SupplyDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_supply(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<SupplyParams>,
) -> Result<Json<SupplyDto>, ApiError> {
    let v = state
        .app
        .clinic_supply(&actor, OrgId(id), q.transport_mode.as_deref())
        .await?;
    Ok(Json(SupplyDto::from(&v)))
}

#[utoipa::path(post, path = "/api/v1/procurement/clinics/{id}/movements", tag = "procurement",
    params(("id" = i64, Path)), request_body = NewMovementDto,
    responses((status = 201, body = [MovementDto]), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn record_movement(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewMovementDto>,
) -> Result<(StatusCode, Json<Vec<MovementDto>>), ApiError> {
    let input = MovementInput {
        kind: Some(body.kind),
        item_id: body.item_id.map(|i| i.to_string()),
        lot: body.lot,
        expires_on: body.expires_on,
        quantity: body.quantity.map(|q| q.to_string()),
        happened_on: body.happened_on,
        reference: body.reference,
        gs1: body.gs1,
    };
    let rows = state.app.record_movement(&actor, OrgId(id), &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            rows.iter()
                .map(|m| MovementDto {
                    id: m.id,
                    item_id: m.item_id,
                    lot: m.lot.clone(),
                    expires_on: m.expires_on.map(date),
                    kind: m.kind.clone(),
                    quantity: m.quantity,
                    happened_on: date(m.happened_on),
                })
                .collect(),
        ),
    ))
}

#[utoipa::path(post, path = "/api/v1/procurement/clinics/{id}/census", tag = "procurement",
    params(("id" = i64, Path)), request_body = CensusDto,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn record_census(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CensusDto>,
) -> Result<StatusCode, ApiError> {
    let input = CensusInput {
        day: body.day,
        patients: Some(body.patients.to_string()),
    };
    state.app.record_census(&actor, OrgId(id), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
