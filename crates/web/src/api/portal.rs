//! Personal data over the API: a candidate's documents (upload as the raw request body, type
//! checked by its bytes), consents, the GDPR export and erasure. Same use cases and permissions
//! as the portal pages: the candidate and managing staff; anyone else gets 404.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::portal::MAX_DOCUMENT_BYTES;
use standort_domain::OrgId;
use standort_store::portal::DocumentMeta;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/recruitment/candidates/{id}/documents",
            get(list_documents)
                .post(upload_document)
                // One byte more than allowed reaches the use case, which refuses it with a
                // clear message; anything larger is cut off here.
                .layer(DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 1)),
        )
        .route("/documents/{id}", get(download_document))
        .route("/recruitment/candidates/{id}/consents", post(set_consent))
        .route("/recruitment/candidates/{id}/export", get(export))
        .route("/recruitment/candidates/{id}", delete(erase))
}

/// This module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    PortalDoc::openapi()
}

// Named through the module's own name, as the document has always listed them; the tag
// (`portal`) is the module's name, set for every operation by `api::openapi_doc`.
use super::portal;

#[derive(OpenApi)]
#[openapi(paths(
    portal::list_documents,
    portal::upload_document,
    portal::download_document,
    portal::set_consent,
    portal::export,
    portal::erase
),
    tags((name = "portal", description = "A candidate's personal data: documents, consents, the GDPR export and erasure. For the candidate and managing staff."))
)]
struct PortalDoc;

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDto {
    pub id: i64,
    pub candidate_id: i64,
    pub request_id: Option<i64>,
    /// `passport`, `diploma`, `language_certificate`, `cv`, `recognition_notice`, `other`.
    pub kind: String,
    pub file_name: String,
    /// Detected from the bytes: `application/pdf`, `image/jpeg`, `image/png`.
    pub media_type: String,
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_at: i64,
}

impl From<&DocumentMeta> for DocumentDto {
    fn from(d: &DocumentMeta) -> Self {
        DocumentDto {
            id: d.id,
            candidate_id: d.candidate_id,
            request_id: d.request_id,
            kind: d.kind.clone(),
            file_name: d.file_name.clone(),
            media_type: d.media_type.clone(),
            size: d.size,
            sha256: d.sha256.clone(),
            uploaded_at: d.uploaded_at,
        }
    }
}

/// A candidate's documents (metadata).
#[utoipa::path(get, path = "/api/v1/recruitment/candidates/{id}/documents", params(("id" = i64, Path)),
    responses((status = 200, body = [DocumentDto]), (status = 404, body = crate::error::Problem)))]
pub async fn list_documents(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<DocumentDto>>, ApiError> {
    let list = state.app.list_documents(&actor, id).await?;
    Ok(Json(list.iter().map(DocumentDto::from).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The document request this answers (its kind is taken over).
    pub request: Option<i64>,
    /// Kind of document when no request is given (default `other`).
    pub kind: Option<String>,
    /// The original file name (cleaned; the extension follows the detected type).
    pub file_name: Option<String>,
}

/// Upload a document as the raw request body (PDF, JPEG or PNG, at most 5 MB; the type is
/// decided by the bytes).
#[utoipa::path(post, path = "/api/v1/recruitment/candidates/{id}/documents", params(("id" = i64, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = DocumentDto), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn upload_document(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<UploadParams>,
    body: Bytes,
) -> Result<(StatusCode, Json<DocumentDto>), ApiError> {
    let doc = state
        .app
        .upload_document(
            &actor,
            id,
            q.request,
            q.kind.as_deref(),
            q.file_name.as_deref().unwrap_or("document"),
            &body,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(DocumentDto::from(&doc))))
}

/// A document's bytes (header `X-Content-SHA256` carries the stored checksum).
#[utoipa::path(get, path = "/api/v1/documents/{id}", params(("id" = i64, Path)),
    responses((status = 200, description = "The document's bytes, with the media type detected at upload.",
        content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
        (status = 404, body = crate::error::Problem)))]
pub async fn download_document(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (meta, bytes) = state.app.download_document(&actor, id).await?;
    Ok(crate::download::document(&meta, bytes))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentDto {
    /// `share_employers` (all employers), `share_employer` (one organisation), `talent_pool`.
    #[schema(schema_with = crate::api::schema::consent_purpose)]
    pub purpose: String,
    /// The employer organisation, for `share_employer`.
    pub org_id: Option<i64>,
    pub granted: bool,
}

/// Give or withdraw a consent (the candidate, or staff recording it). Takes effect at once.
#[utoipa::path(post, path = "/api/v1/recruitment/candidates/{id}/consents", params(("id" = i64, Path)), request_body = ConsentDto,
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<ConsentDto>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .set_consent(&actor, id, &b.purpose, b.org_id.map(OrgId), b.granted)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything stored about a candidate (GDPR Art. 15/20), for the candidate and managing staff.
#[utoipa::path(get, path = "/api/v1/recruitment/candidates/{id}/export", params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn export(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(state.app.export_candidate(&actor, id).await?))
}

/// Erase a candidate (GDPR Art. 17; agency staff): the record and everything about the person
/// is deleted, the audit log keeps ids only. Returns the rows removed per table.
#[utoipa::path(delete, path = "/api/v1/recruitment/candidates/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn erase(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let erased = state.app.erase_candidate(&actor, id).await?;
    Ok(Json(serde_json::to_value(erased).unwrap_or_default()))
}
