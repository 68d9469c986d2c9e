//! The JSON API under `/api/v1`: the same use cases and permissions as the pages, errors as
//! `application/problem+json`, every list paged, OpenAPI at `/api/v1/openapi.json` (generated
//! from these handlers by utoipa).
//!
//! Authentication: `Authorization: Bearer <personal access token>`. A browser session cookie is
//! accepted for reading only, so cross-site requests cannot change anything through it.

pub(crate) mod account;
pub(crate) mod admin;
pub(crate) mod demography;
pub mod document;
mod dto;
pub(crate) mod network;
pub(crate) mod notifications;
pub(crate) mod organisations;
pub(crate) mod placements;
pub(crate) mod portal;
pub(crate) mod procurement;
pub(crate) mod recruitment;
pub mod schema;
pub(crate) mod showcase;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::de::DeserializeOwned;
use standort_app::{Actor, PageRequest};
use utoipa::OpenApi;

pub use dto::*;

use crate::AppState;
use crate::context::{SESSION_COOKIE, client_ip};
use crate::error::{ApiError, Failure, Problem};
use crate::module::MODULES;

/// Every module's API routes (see [`MODULES`]) and the OpenAPI document.
pub fn routes() -> Router<AppState> {
    MODULES
        .iter()
        .fold(
            Router::new().route("/openapi.json", get(openapi)),
            |router, module| router.merge((module.api)()),
        )
        .fallback(|| async { ApiError(Failure::NotFound) })
}

/// The frame of the OpenAPI document: its title, the health check, the shared problem type
/// and the bearer authentication. Each module's part is merged in by [`openapi_doc`].
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Standort API",
        description = "JSON API of Standort, the platform of a regional economic-development agency: the same records, use cases and permissions as the pages. Authenticate with a personal access token (My account → Personal access tokens): `Authorization: Bearer <token>`. Every error is an `application/problem+json` document (RFC 9457). Lists are paged with `limit` (1–200, default 50) and `offset`. Records outside the caller's view answer 404, as records that do not exist."
    ),
    paths(health),
    components(schemas(Problem, HealthDto)),
    tags((name = "system", description = "Liveness and readiness of the server.")),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

/// The tag of the frame's own operations (the health check).
const FRAME_TAG: &str = "system";

/// The whole OpenAPI document: the frame and every module's part, in registry order, each
/// module's operations tagged with its name, then the rules of [`document::finish`] (shared
/// problem responses, implied status codes, links).
pub fn openapi_doc() -> serde_json::Value {
    let mut frame = ApiDoc::openapi();
    tag_operations(&mut frame, FRAME_TAG);
    let merged = MODULES.iter().fold(frame, |mut doc, module| {
        let mut part = (module.openapi)();
        tag_operations(&mut part, module.name);
        doc.merge(part);
        doc
    });
    let mut doc = serde_json::to_value(merged).expect("the OpenAPI document serialises");
    document::finish(&mut doc);
    doc
}

/// Every operation of `doc` tagged `tag` only.
fn tag_operations(doc: &mut utoipa::openapi::OpenApi, tag: &str) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            op.tags = Some(vec![tag.to_owned()]);
        }
    }
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

async fn openapi() -> Json<serde_json::Value> {
    static DOC: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(openapi_doc);
    Json(DOC.clone())
}

/// A list's page from its `limit` and `offset` query parameters; values outside the documented
/// bounds (`limit` 1–[`PageRequest::MAX_LIMIT`], `offset` ≥ 0) are refused with 400 rather than
/// silently changed, so a client learns of its mistake.
pub fn page(limit: Option<i64>, offset: Option<i64>) -> Result<PageRequest, ApiError> {
    if limit.is_some_and(|l| !(1..=PageRequest::MAX_LIMIT).contains(&l)) {
        return Err(ApiError(Failure::BadRequest(format!(
            "invalid query parameters: limit must be 1–{}",
            PageRequest::MAX_LIMIT
        ))));
    }
    if offset.is_some_and(|o| o < 0) {
        return Err(ApiError(Failure::BadRequest(
            "invalid query parameters: offset must be 0 or more".into(),
        )));
    }
    Ok(PageRequest::new(limit, offset))
}

/// The caller, from a bearer token (or a session cookie on reads).
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        let ip = client_ip(&parts.headers, peer, &state.web);
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or(ApiError(Failure::Unauthenticated))?;
            return match state
                .app
                .actor_for_api_token(token.trim(), Some(ip))
                .await?
            {
                Some(actor) => Ok(ApiActor(actor)),
                None => Err(ApiError(Failure::Unauthenticated)),
            };
        }
        if matches!(parts.method, Method::GET | Method::HEAD) {
            let jar = CookieJar::from_headers(&parts.headers);
            if let Some(cookie) = jar.get(SESSION_COOKIE)
                && let Some(session) = state.app.session(cookie.value(), Some(ip)).await?
            {
                return Ok(ApiActor(session.actor));
            }
        }
        Err(ApiError(Failure::Unauthenticated))
    }
}

/// A JSON body whose problems become problem documents. A number without a fractional part
/// is an integer whether written `7` or `7.0` (JSON Schema's `integer`; JSON does not tell them
/// apart), so integer fields accept both. The body must be an object.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(mut value) = Json::<serde_json::Value>::from_request(req, state).await?;
        // Every body is an object: serde would also read a struct from an array of its
        // fields in order, which the document does not offer.
        if !value.is_object() {
            return Err(ApiError(Failure::BadRequest(
                "the body must be a JSON object".into(),
            )));
        }
        integral_numbers_as_integers(&mut value);
        serde_json::from_value(value).map(ApiJson).map_err(|e| {
            ApiError(Failure::BadRequest(format!(
                "the JSON does not have the expected fields: {e}"
            )))
        })
    }
}

/// `7.0` → `7` wherever it occurs, within the range of `i64`.
pub(crate) fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f > i64::MIN as f64
                && f < i64::MAX as f64
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(ApiError::from)
    }
}

pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(ApiError::from)
    }
}

/// Liveness and readiness: 200 with version and database facts, 503 when the database cannot
/// be reached.
#[utoipa::path(get, path = "/health", security(()), responses((status = 200, body = HealthDto), (status = 503, body = Problem)))]
pub async fn health(State(state): State<AppState>) -> Response {
    match state.app.db.health().await {
        Ok(h) => Json(HealthDto {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            database: h.kind.into(),
            migrations_applied: h.migrations_applied,
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            ApiError(Failure::Unavailable).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    type Operation = (String, String);

    /// `(METHOD, path)` of every `.route("…", …)` in the API's source files. axum cannot list
    /// a router's routes, so the test reads them where modules write them.
    fn routed_in_source() -> BTreeSet<Operation> {
        let mut found = BTreeSet::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("api folder") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source file");
                // A nested router's paths carry a prefix this reading does not see.
                assert!(
                    !text.contains(".nest(\""),
                    "{}: write API routes with their full path (no `nest`)",
                    path.display()
                );
                for (at, _) in text.match_indices(".route(") {
                    let call = parenthesised(&text[at + ".route".len()..]);
                    let route = call.split('"').nth(1).expect("route path literal");
                    for method in ["get", "post", "put", "delete", "patch"] {
                        if calls(call, method) {
                            found.insert((method.to_uppercase(), format!("/api/v1{route}")));
                        }
                    }
                }
            }
        }
        found
    }

    /// The text from the opening parenthesis at the start of `s` to its closing one.
    fn parenthesised(s: &str) -> &str {
        let mut depth = 0;
        for (i, ch) in s.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return &s[..=i];
                    }
                }
                _ => {}
            }
        }
        panic!("unbalanced parentheses after .route");
    }

    /// Whether `call` contains `method(` as a word (`get(…)`, `.post(…)`), not `get_user(`.
    fn calls(call: &str, method: &str) -> bool {
        call.match_indices(&format!("{method}(")).any(|(i, _)| {
            call[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    }

    fn documented() -> BTreeSet<Operation> {
        let doc = super::openapi_doc();
        let mut found = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
                if item.get(method.to_lowercase()).is_some() {
                    found.insert((method.to_owned(), path.clone()));
                }
            }
        }
        found
    }

    /// A module that routes an endpoint but leaves it out of its OpenAPI part (or documents
    /// one it does not route, or is missing from `MODULES` while its files are compiled) fails
    /// here.
    #[test]
    fn every_api_route_is_documented_and_every_documented_operation_is_routed() {
        let routed = routed_in_source();
        let documented = documented();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        // The document itself is not part of the document; `/health` is routed outside
        // `/api/v1` (in `lib.rs`), next to it.
        assert_eq!(
            undocumented,
            [&("GET".to_owned(), "/api/v1/openapi.json".to_owned())],
            "routed but not in the OpenAPI document"
        );
        assert_eq!(
            unrouted,
            [&("GET".to_owned(), "/health".to_owned())],
            "documented but not routed under /api/v1"
        );
        assert!(routed.len() > 40, "the source reading found the routes");
    }

    /// `(path, method, operation)` of every operation of the document.
    fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
        let mut ops = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("path item") {
                ops.push((path.clone(), method.clone(), op.clone()));
            }
        }
        ops
    }

    /// Errors are declared once: every error answer of every operation refers to a shared
    /// response, and each shared one is `application/problem+json` with the `Problem` schema.
    #[test]
    fn every_error_response_is_the_shared_problem_document() {
        let doc = super::openapi_doc();
        let shared = doc["components"]["responses"]
            .as_object()
            .expect("shared responses");
        for (status, name, _) in super::document::PROBLEMS {
            let r = &shared[*name];
            let content = r["content"].as_object().expect("content");
            assert_eq!(content.len(), 1, "{name}: one media type");
            assert_eq!(
                content[super::document::PROBLEM_JSON]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{name} ({status})"
            );
        }
        for (path, method, op) in operations(&doc) {
            for (status, response) in op["responses"].as_object().expect("responses") {
                if status.as_str() >= "400" {
                    let target = response["$ref"].as_str().unwrap_or_else(|| {
                        panic!("{method} {path} {status}: not a shared problem response")
                    });
                    let name = target.trim_start_matches("#/components/responses/");
                    assert!(shared.contains_key(name), "{method} {path}: {target}");
                    let code: u16 = status.parse().expect("numeric status");
                    assert_eq!(
                        super::document::problem_ref(code).as_ref(),
                        Some(response),
                        "{method} {path}: {status} refers to the response of its status"
                    );
                }
            }
        }
    }

    /// The status codes every operation of a shape can answer are declared.
    #[test]
    fn every_operation_declares_the_status_codes_its_shape_implies() {
        let doc = super::openapi_doc();
        for (path, method, op) in operations(&doc) {
            let responses = op["responses"].as_object().expect("responses");
            let has = |s: &str| responses.contains_key(s);
            // Public operations (the health check, the showcase's open data) declare an empty
            // security requirement and answer without a login.
            let public = op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            assert_eq!(
                public,
                path == "/health" || path.starts_with("/api/v1/showcase/"),
                "{method} {path}: public?"
            );
            if !public {
                assert!(has("401"), "{method} {path}: 401");
            }
            if path.contains('{') {
                assert!(has("404"), "{method} {path}: 404");
            }
            if op["requestBody"]["content"]
                .get("application/json")
                .is_some()
            {
                for s in ["400", "413", "415"] {
                    assert!(has(s), "{method} {path}: {s}");
                }
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if params.iter().any(|p| p["in"] == "query") {
                assert!(has("400"), "{method} {path}: 400 for its query");
            }
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}: a success response"
            );
        }
    }

    /// Every paged list declares the bounds the server enforces (`api::page`).
    #[test]
    fn every_list_parameter_declares_its_bounds() {
        let doc = super::openapi_doc();
        let mut lists = 0;
        for (path, method, op) in operations(&doc) {
            for p in op["parameters"].as_array().cloned().unwrap_or_default() {
                let schema = &p["schema"];
                match p["name"].as_str() {
                    Some("offset") => assert_eq!(schema["minimum"], 0, "{method} {path}: offset"),
                    Some("limit") => {
                        lists += 1;
                        assert_eq!(schema["minimum"], 1, "{method} {path}: limit");
                        let max = schema["maximum"].as_i64().expect("a maximum");
                        if path.ends_with("/esco/search") {
                            assert_eq!(max, 50, "{path}: limit");
                        } else {
                            assert_eq!(
                                max,
                                super::PageRequest::MAX_LIMIT,
                                "{method} {path}: limit"
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(lists >= 9, "the lists were found ({lists})");
    }

    /// A generated client names its functions after operation ids and groups them by tag: ids
    /// are unique, and every operation has one tag, described in English.
    #[test]
    fn operations_have_unique_ids_and_one_described_tag() {
        let doc = super::openapi_doc();
        let described: BTreeSet<String> = doc["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .filter(|t| t["description"].as_str().is_some_and(|d| d.len() > 10))
            .map(|t| t["name"].as_str().expect("a tag name").to_owned())
            .collect();
        let mut ids = BTreeSet::new();
        for (path, method, op) in operations(&doc) {
            let id = op["operationId"].as_str().expect("an operation id");
            assert!(
                ids.insert(id.to_owned()),
                "{method} {path}: operation id {id} twice"
            );
            let tags = op["tags"].as_array().expect("tags");
            assert_eq!(tags.len(), 1, "{method} {path}: one tag");
            let tag = tags[0].as_str().expect("a tag");
            assert!(described.contains(tag), "tag {tag} has no description");
        }
    }

    /// An operation that creates a record links to the operations on it (the stateful test
    /// follows them), e.g. a new candidate to reading and changing it.
    #[test]
    fn creating_operations_link_to_the_records_operations() {
        let doc = super::openapi_doc();
        let links =
            &doc["paths"]["/api/v1/recruitment/candidates"]["post"]["responses"]["201"]["links"];
        assert_eq!(links["GetCandidate"]["operationId"], "get_candidate");
        assert_eq!(
            links["UpdateCandidate"]["parameters"]["path.id"],
            "$response.body#/id"
        );
        let placement = &doc["paths"]["/api/v1/placements"]["post"]["responses"]["201"]["links"];
        assert_eq!(
            placement["GetPlacement"]["parameters"]["path.id"],
            "$response.body#/placement/id"
        );
        let qualification = &doc["paths"]["/api/v1/recruitment/candidates/{id}/qualifications"]["post"]
            ["responses"]["201"]["links"]["RemoveQualification"]["parameters"];
        assert_eq!(qualification["path.q"], "$response.body#/id");
        assert_eq!(qualification["path.id"], "$request.path.id");
        assert!(links.get("Erase").is_none(), "no link to the erasure");
    }

    #[test]
    fn reading_routes_from_source_sees_methods_as_words() {
        assert!(calls("(\"/x\", get(list).post(create))", "get"));
        assert!(calls("(\"/x\", get(list).post(create))", "post"));
        assert!(!calls("(\"/x\", get(get_user))", "post"));
        assert!(!calls("(\"/x\", post(undelete(x)))", "delete"));
    }
}
