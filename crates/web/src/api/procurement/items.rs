//! The catalogue.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::procurement::ItemInput;
use standort_store::procurement::Item;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{ApiActor, ApiJson};
use crate::error::{ApiError, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/procurement/items", get(list_items).post(create_item))
}

/// An item of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// `respirator`, `mask`, `gloves`, `gown`, `face_shield`, `goggles`, `disinfectant`, `test_kit`.
    pub category: String,
    /// E.g. `EN 149`, `EN 14683`, `EN 455`, `EN 14126`.
    pub standard: String,
    pub pack_size: i64,
    /// GTIN-14 of the pack.
    pub gtin: Option<String>,
}

impl From<&Item> for ItemDto {
    fn from(i: &Item) -> Self {
        ItemDto {
            id: i.id,
            code: i.code.clone(),
            name: i.name.clone(),
            category: i.category.clone(),
            standard: i.standard.clone(),
            pack_size: i.pack_size,
            gtin: i.gtin.clone(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewItemDto {
    /// Letters, digits, `-`, `_` (stored in upper case); a code taken is 409.
    #[schema(schema_with = crate::api::schema::item_code)]
    pub code: String,
    #[schema(schema_with = crate::api::schema::required_line::<200>)]
    pub name: String,
    #[schema(schema_with = crate::api::schema::item_category)]
    pub category: String,
    /// The standard it meets (`EN 149 FFP2`).
    #[schema(schema_with = crate::api::schema::required_line::<100>)]
    pub standard: String,
    /// Units per pack.
    #[schema(schema_with = crate::api::schema::quantity::<1>)]
    pub pack_size: i64,
    /// GTIN-8/12/13/14; the check digit is verified.
    #[schema(schema_with = crate::api::schema::optional_gtin)]
    pub gtin: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/procurement/items", tag = "procurement",
    responses((status = 200, body = [ItemDto]), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_items(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<ItemDto>>, ApiError> {
    let items = state.app.list_items(&actor).await?;
    Ok(Json(items.iter().map(ItemDto::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/procurement/items", tag = "procurement", request_body = NewItemDto,
    responses((status = 201, body = ItemDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewItemDto>,
) -> Result<(StatusCode, Json<ItemDto>), ApiError> {
    let input = ItemInput {
        code: Some(body.code),
        name: Some(body.name),
        category: Some(body.category),
        standard: Some(body.standard),
        pack_size: Some(body.pack_size.to_string()),
        gtin: body.gtin,
    };
    let item = state.app.create_item(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(ItemDto::from(&item))))
}
