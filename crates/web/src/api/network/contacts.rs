//! `/api/v1/network/contacts`: people at organisations (personal data; reads audited).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::network::CardImportError;
use utoipa::{IntoParams, ToSchema};

use super::bodies::{AffiliationBody, ContactBody, ContactConsentBody};
use super::{NetworkCreated, NetworkItem, NetworkList, item, list};
use crate::AppState;
use crate::api::{ApiActor, ApiJson, ApiPath, ApiQuery, ListParams};
use crate::error::{ApiError, Failure, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/contacts", get(list_contacts).post(create_contact))
        .route(
            "/network/contacts/{id}",
            get(get_contact).delete(erase_contact),
        )
        .route("/network/contacts/{id}/export", get(export_contact))
        .route("/network/contacts/{id}/vcard", get(contact_vcard))
        .route(
            "/network/contacts/vcards",
            get(contacts_vcards).post(import_vcards),
        )
        .route("/network/contacts/{id}/affiliations", post(add_affiliation))
        .route("/network/contacts/{id}/consent", post(record_consent))
}

#[utoipa::path(get, path = "/api/v1/network/contacts", params(ListParams), tag = "network",
    responses((status = 200, body = NetworkList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_contacts(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<ListParams>,
) -> Result<Json<NetworkList>, ApiError> {
    Ok(Json(list(
        state.app.list_contacts(&actor, None, q.page()?).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/network/contacts", request_body = ContactBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ContactBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let c = state.app.create_contact(&actor, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id: c.id })))
}

#[utoipa::path(get, path = "/api/v1/network/contacts/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.get_contact(&actor, id).await?)))
}

/// Everything stored about the contact (GDPR Art. 15/20).
#[utoipa::path(get, path = "/api/v1/network/contacts/{id}/export", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, body = NetworkItem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn export_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NetworkItem>, ApiError> {
    Ok(Json(item(state.app.export_contact(&actor, id).await?)))
}

/// Erases the contact (GDPR Art. 17) with its affiliations, consents and trip participations.
#[utoipa::path(delete, path = "/api/v1/network/contacts/{id}", params(("id" = i64, Path)), tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn erase_contact(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.erase_contact(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds the person's position at an organisation.
#[utoipa::path(post, path = "/api/v1/network/contacts/{id}/affiliations", params(("id" = i64, Path)),
    request_body = AffiliationBody, tag = "network",
    responses((status = 201, body = NetworkCreated), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_affiliation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AffiliationBody>,
) -> Result<(StatusCode, Json<NetworkCreated>), ApiError> {
    let id = state.app.add_affiliation(&actor, id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(NetworkCreated { id })))
}

/// Records a consent given or withdrawn (the history is kept; the latest counts).
#[utoipa::path(post, path = "/api/v1/network/contacts/{id}/consent", params(("id" = i64, Path)),
    request_body = ContactConsentBody, tag = "network",
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn record_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ContactConsentBody>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .record_contact_consent(&actor, id, &body.purpose, body.granted)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The contact as a vCard 4.0 (RFC 6350): names as written (any script), organisations with
/// role titles, e-mail, phone, languages. Audited as an export; 404 for whoever may not read it.
#[utoipa::path(get, path = "/api/v1/network/contacts/{id}/vcard", params(("id" = i64, Path)), tag = "network",
    responses((status = 200, description = "One vCard 4.0.", content((String = "text/vcard"))),
        (status = 404, body = Problem)))]
pub async fn contact_vcard(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let card = state.app.contact_vcard(&actor, id).await?;
    Ok(crate::download::attachment(
        card,
        crate::pages::network::VCARD_TYPE,
        &format!("kontakt-{id}.vcf"),
    ))
}

/// Every contact of the list (its first 10,000) as vCards 4.0 in one file; audited as an export.
#[utoipa::path(get, path = "/api/v1/network/contacts/vcards", tag = "network",
    responses((status = 200, description = "vCards 4.0, one after the other.", content((String = "text/vcard"))),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn contacts_vcards(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Response, ApiError> {
    let cards = state.app.contacts_vcards(&actor, None).await?;
    Ok(crate::download::attachment(
        cards,
        crate::pages::network::VCARD_TYPE,
        "kontakte.vcf",
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VCardImportParams {
    /// The legal basis of every contact created: `legitimate_interest` (default) or `consent`
    /// (recorded as the newsletter consent, as by the form).
    #[param(schema_with = crate::api::schema::optional_legal_basis)]
    pub legal_basis: Option<String>,
}

/// A contact created from a card.
#[derive(Debug, Serialize, ToSchema)]
pub struct VCardCreated {
    /// The card's position in the file, from 1.
    pub card: usize,
    pub id: i64,
}

/// A card not imported because a contact already holds its e-mail address.
#[derive(Debug, Serialize, ToSchema)]
pub struct VCardDuplicate {
    pub card: usize,
    pub email: String,
    /// The contact holding the address; absent when an earlier card of the same file had it.
    pub contact_id: Option<i64>,
}

/// An organisation named on a card that no registry entry bears (the contact was created
/// without that position).
#[derive(Debug, Serialize, ToSchema)]
pub struct VCardUnknownOrg {
    pub card: usize,
    pub organisation: String,
}

/// What a vCard import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct VCardImportResult {
    pub created: Vec<VCardCreated>,
    pub duplicates: Vec<VCardDuplicate>,
    pub unknown_organisations: Vec<VCardUnknownOrg>,
}

/// Creates contacts from a file of vCards 3.0 or 4.0 (the raw body, as Outlook, Apple
/// Contacts, Google Contacts or Thunderbird export it), all or nothing: a card that cannot be
/// read refuses the file (422, `detail` names the card and the line). Cards whose e-mail
/// address a contact already holds are reported, not created twice; an organisation on a card
/// is linked when a registry entry bears that name (any case).
#[utoipa::path(post, path = "/api/v1/network/contacts/vcards", params(VCardImportParams), tag = "network",
    request_body(content = String, content_type = "text/vcard"),
    responses((status = 200, body = VCardImportResult), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn import_vcards(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<VCardImportParams>,
    body: Bytes,
) -> Result<Json<VCardImportResult>, ApiError> {
    match state
        .app
        .import_vcards(&actor, &body, q.legal_basis.as_deref())
        .await
    {
        Ok(r) => Ok(Json(VCardImportResult {
            created: r
                .created
                .into_iter()
                .map(|(card, id)| VCardCreated { card, id })
                .collect(),
            duplicates: r
                .duplicates
                .into_iter()
                .map(|(card, email, id)| VCardDuplicate {
                    card,
                    email,
                    contact_id: (id > 0).then_some(id),
                })
                .collect(),
            unknown_organisations: r
                .unknown_orgs
                .into_iter()
                .map(|(card, organisation)| VCardUnknownOrg { card, organisation })
                .collect(),
        })),
        Err(e @ CardImportError::Invalid(_)) => Err(ApiError(Failure::Invalid(e.to_string()))),
        Err(CardImportError::App(e)) => Err(e.into()),
    }
}
