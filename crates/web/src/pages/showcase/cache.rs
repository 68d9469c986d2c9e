//! The public pages' answer cache: a page rendered once is answered again from memory while
//! the catalogue is unchanged and the minute is the same.
//!
//! Why: a public page is the same for every visitor, but rendering it (the template, the SVG
//! map, the translations, the JSON-LD, the body's hash for the ETag) cost more than everything
//! else of a view together (see BENCHMARKS.md, seventh session). The cache keeps the finished
//! answer — status 200, headers, body — keyed by what the page depends on:
//! - the path and query (language, search, filters, page);
//! - the installation's address as the client reached it (`public::base_url`: Open Graph and
//!   canonical links carry it), so a forged `Host` only ever reaches its own entry;
//! - the minute of the app's clock: "open now", the season and the next market dates change
//!   with time, never within a minute;
//! - and, checked on every request, the catalogue's version (a counter the showcase tables'
//!   triggers move in every changing transaction, migration 0027; one read by primary key): a
//!   published or withdrawn entry shows at once, on every instance.
//!
//! What else a page shows (a region's or an organisation's name) changes rarely and outside the
//! showcase; it is at most one minute old, well within the `max-age` every public answer
//! already allows shared caches. The cache is derived and bounded (by bytes), so it is not
//! state another instance would need: each instance fills its own.

use std::sync::Arc;

use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use super::public::base_url;
use crate::AppState;

/// The most bytes of answers kept (a search with every filter combination cannot grow it
/// further; the least used leave first).
const CAPACITY_BYTES: u64 = 32 * 1024 * 1024;
/// The largest answer kept (the open-data downloads of a large catalogue are not).
const LARGEST_ANSWER: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    base: String,
    minute: i64,
}

/// A finished answer and the catalogue version it was rendered at.
struct Stored {
    version: i64,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<Key, Arc<Stored>> for ByBytes {
    fn weight(&self, key: &Key, value: &Arc<Stored>) -> u64 {
        (key.path_and_query.len() + key.base.len() + value.body.len() + 512) as u64
    }
}

/// The cache of one app instance, shared by its public routes.
#[derive(Clone)]
pub(super) struct PublicCache {
    pages: Arc<Cache<Key, Arc<Stored>, ByBytes>>,
}

impl PublicCache {
    pub(super) fn new() -> Self {
        PublicCache {
            pages: Arc::new(Cache::with_weighter(4096, CAPACITY_BYTES, ByBytes)),
        }
    }
}

/// The middleware of the public routes: answers a GET from the cache when it holds the page
/// at the current version and minute; otherwise lets the page render (without the client's
/// `If-None-Match`, so a full answer can be kept), keeps it, and answers conditionally.
pub(super) async fn serve(
    State((state, cache)): State<(AppState, PublicCache)>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    // Without the version no answer can be checked: render as if there were no cache.
    let Ok(version) = state.app.showcase_catalogue_version().await else {
        return next.run(request).await;
    };
    let key = Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        base: base_url(request.headers(), &state),
        minute: state.app.now().div_euclid(60),
    };
    let conditional = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(hit) = cache.pages.get(&key)
        && hit.version == version
    {
        return answer(&hit, conditional.as_ref());
    }
    request.headers_mut().remove(header::IF_NONE_MATCH);
    let rendered = next.run(request).await;
    let size = rendered.body().size_hint().exact();
    if rendered.status() != StatusCode::OK || size.is_none_or(|n| n > LARGEST_ANSWER as u64) {
        // Not kept (an error page, or too large): still answered conditionally.
        let (parts, body) = rendered.into_parts();
        return if rendered_matches(&parts.headers, conditional.as_ref()) {
            not_modified(&parts.headers)
        } else {
            Response::from_parts(parts, body)
        };
    }
    let (parts, body) = rendered.into_parts();
    let Ok(body) = to_bytes(body, LARGEST_ANSWER).await else {
        // The body said its exact size; reading it from memory cannot fail.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let stored = Arc::new(Stored {
        version,
        headers: parts.headers,
        body,
    });
    cache.pages.insert(key, stored.clone());
    answer(&stored, conditional.as_ref())
}

/// The kept answer, or 304 when the client already holds it.
fn answer(stored: &Stored, if_none_match: Option<&HeaderValue>) -> Response {
    if rendered_matches(&stored.headers, if_none_match) {
        return not_modified(&stored.headers);
    }
    let mut response = Response::new(Body::from(stored.body.clone()));
    *response.headers_mut() = stored.headers.clone();
    response
}

/// Whether the client's `If-None-Match` names the answer's `ETag`.
fn rendered_matches(answer: &HeaderMap, if_none_match: Option<&HeaderValue>) -> bool {
    answer
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|etag| crate::assets::if_none_match(if_none_match, etag))
}

/// 304 with the answer's validators and caching headers, without a body (RFC 9110 15.4.5).
fn not_modified(answer: &HeaderMap) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    for (name, value) in answer {
        if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}
