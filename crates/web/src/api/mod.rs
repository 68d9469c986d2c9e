//! The JSON API under `/api/v1`: the same use cases and permissions as the pages, errors as
//! `application/problem+json`, every list paged, OpenAPI at `/api/v1/openapi.json` (generated
//! from these handlers by utoipa).
//!
//! Authentication: `Authorization: Bearer <personal access token>`. A browser session cookie is
//! accepted for reading only, so cross-site requests cannot change anything through it.

pub(crate) mod account;
pub(crate) mod admin;
pub(crate) mod demography;
mod dto;
pub(crate) mod network;
pub(crate) mod organisations;
pub(crate) mod placements;
pub(crate) mod portal;
pub(crate) mod recruitment;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::de::DeserializeOwned;
use standort_app::Actor;
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
    info(title = "Standort API", description = "JSON API of Standort. Authenticate with a personal access token (My account → Personal access tokens)."),
    paths(health),
    components(schemas(Problem, HealthDto)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

/// The whole OpenAPI document: the frame and every module's part, in registry order.
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    MODULES.iter().fold(ApiDoc::openapi(), |mut doc, module| {
        doc.merge((module.openapi)());
        doc
    })
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

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_doc())
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

/// A JSON body whose problems become problem documents.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(ApiError::from)
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
        for (path, item) in &doc.paths.paths {
            for (method, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ] {
                if op.is_some() {
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

    #[test]
    fn reading_routes_from_source_sees_methods_as_words() {
        assert!(calls("(\"/x\", get(list).post(create))", "get"));
        assert!(calls("(\"/x\", get(list).post(create))", "post"));
        assert!(!calls("(\"/x\", get(get_user))", "post"));
        assert!(!calls("(\"/x\", post(undelete(x)))", "delete"));
    }
}
