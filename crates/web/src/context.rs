//! Per-request context for pages: who is logged in, which language, the CSRF token — resolved
//! once by [`resolve`] (a middleware in front of every page route) and read by handlers through
//! the [`Ctx`] and [`UserCtx`] extractors.
//!
//! CSRF: every state-changing request to a page route must carry the token of its session (or,
//! before login, of the `standort_csrf` cookie) in the form field `csrf` or the `X-CSRF-Token`
//! header. The check lives here, in front of all page routes, so no form can forget it.
//! Multipart forms (file uploads) carry the token as their first field; see [`crate::upload`].

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::de::DeserializeOwned;
use standort_app::Actor;
use standort_app::auth::Session;
use standort_domain::Language;

use crate::error::{Failure, PageError};
use crate::i18n::Tr;
use crate::upload;
use crate::{AppState, WebSettings};

pub const SESSION_COOKIE: &str = "standort_session";
pub const CSRF_COOKIE: &str = "standort_csrf";
pub const LANG_COOKIE: &str = "standort_lang";
/// Largest form body accepted by page routes.
pub const FORM_LIMIT: usize = 256 * 1024;

/// What a page handler knows about the request.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub tr: Tr,
    pub session: Option<Session>,
    pub session_token: Option<String>,
    pub csrf: String,
    pub client_ip: String,
    /// Path and query of this request, for the language selector's way back.
    pub path: String,
    pub secure_cookies: bool,
    /// The logged-in user's unread notifications, for the bell in the header (read for pages,
    /// not for form posts, which answer with a redirect).
    pub unread: Option<i64>,
}

impl Ctx {
    pub fn lang(&self) -> Language {
        self.tr.lang
    }
    pub fn actor(&self) -> Option<&Actor> {
        self.session.as_ref().map(|s| &s.actor)
    }
    /// A cookie with the installation's security attributes.
    pub fn cookie(
        &self,
        name: &'static str,
        value: String,
        max_age_seconds: Option<i64>,
    ) -> Cookie<'static> {
        let mut c = Cookie::build((name, value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure_cookies)
            .build();
        if let Some(s) = max_age_seconds {
            c.set_max_age(time::Duration::seconds(s));
        }
        c
    }
}

/// The client's address. Behind trusted reverse proxies (`--behind-proxy`), each proxy appends
/// the address it was reached from to `X-Forwarded-For`, so the last `trusted_proxy_hops`
/// entries were written by our own proxies and the first of those names the client; anything
/// further left came from the client and proves nothing. When that entry is missing or is no
/// IP address, the peer's address counts: a client must never choose its own.
pub fn client_ip(headers: &HeaderMap, peer: Option<SocketAddr>, web: &WebSettings) -> String {
    web.behind_proxy
        .then(|| forwarded_client(headers, web.trusted_proxy_hops))
        .flatten()
        .or(peer.map(|p| p.ip()))
        .map(|ip| ip.to_canonical().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn forwarded_client(headers: &HeaderMap, trusted_proxy_hops: usize) -> Option<IpAddr> {
    // Several header lines are one comma-separated list, in order (RFC 9110, 5.3).
    let lines = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().ok())
        .collect::<Option<Vec<_>>>()?;
    let entries: Vec<&str> = lines.iter().flat_map(|l| l.split(',')).collect();
    let entry = entries
        .get(entries.len().checked_sub(trusted_proxy_hops)?)?
        .trim();
    // Some proxies add the port ("203.0.113.7:51234", "[2001:db8::1]:443").
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The middleware in front of every page route.
pub async fn resolve(
    State(state): State<AppState>,
    jar: CookieJar,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ip = client_ip(request.headers(), peer, &state.web);
    let session_token = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let session = match &session_token {
        Some(token) => match state.app.session(token, Some(ip.clone())).await {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                None
            }
        },
        None => None,
    };
    let lang = jar
        .get(LANG_COOKIE)
        .and_then(|c| Language::parse(c.value()))
        .or_else(|| session.as_ref().map(|s| s.actor.user.language))
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();
    let anon_csrf = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned());
    let set_anon_csrf = session.is_none() && anon_csrf.is_none();
    let csrf = match (&session, anon_csrf) {
        (Some(s), _) => s.csrf_token.clone(),
        (None, Some(t)) => t,
        (None, None) => random_token(),
    };
    // The bell's count comes with the session (one statement, one pooled connection); a form's
    // answer is a redirect, which shows no header.
    let unread = session
        .as_ref()
        .filter(|_| !is_state_changing(request.method()))
        .map(|s| s.unread_notifications);
    let ctx = Ctx {
        tr: Tr::new(state.catalog.clone(), lang, state.web.time_zone),
        session,
        session_token,
        csrf: csrf.clone(),
        client_ip: ip,
        path: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into()),
        secure_cookies: state.web.secure_cookies,
        unread,
    };

    let (mut parts, body) = request.into_parts();
    let body = if is_state_changing(&parts.method) {
        match check_csrf(&parts.headers, body, &csrf, state.web.upload_limit).await {
            Ok(body) => body,
            Err(failure) => return PageError::new(failure, &ctx).into_response(),
        }
    } else {
        body
    };
    parts.extensions.insert(ctx.clone());
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if set_anon_csrf {
        let cookie = ctx.cookie(CSRF_COOKIE, csrf, None);
        if let Ok(v) = cookie.to_string().parse() {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        lang.code()
            .parse()
            .expect("language code is a header value"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::{client_ip, form_is_utf8};
    use crate::WebSettings;
    use axum::http::HeaderMap;
    use proptest::prelude::*;

    #[test]
    fn the_client_address_is_the_one_the_trusted_proxies_saw() {
        let peer = Some("10.0.0.2:40000".parse().unwrap());
        let proxy = |hops| WebSettings {
            behind_proxy: true,
            trusted_proxy_hops: hops,
            ..WebSettings::default()
        };
        let cases: &[(&[&str], usize, &str)] = &[
            // nginx `proxy_add_x_forwarded_for`: whatever the client sent, then its address.
            (&["203.0.113.7"], 1, "203.0.113.7"),
            (&["6.6.6.6, 203.0.113.7"], 1, "203.0.113.7"),
            (&["6.6.6.6", "203.0.113.7"], 1, "203.0.113.7"),
            (&["garbage, 6.6.6.6,203.0.113.7"], 1, "203.0.113.7"),
            // Two proxies: the second entry from the right.
            (&["6.6.6.6, 203.0.113.7, 10.0.0.1"], 2, "203.0.113.7"),
            (&["203.0.113.7:51234"], 1, "203.0.113.7"),
            (&["[2001:db8::1]:443"], 1, "2001:db8::1"),
            (&["::ffff:203.0.113.7"], 1, "203.0.113.7"),
            // Missing or unusable: the peer.
            (&[], 1, "10.0.0.2"),
            (&["203.0.113.7"], 2, "10.0.0.2"),
            (&["203.0.113.7, not-an-address"], 1, "10.0.0.2"),
            (&["203.0.113.7, "], 1, "10.0.0.2"),
            (&["unknown"], 1, "10.0.0.2"),
        ];
        for (lines, hops, expected) in cases {
            let mut headers = HeaderMap::new();
            for line in *lines {
                headers.append("x-forwarded-for", line.parse().unwrap());
            }
            assert_eq!(
                client_ip(&headers, peer, &proxy(*hops)),
                *expected,
                "{lines:?} with {hops} trusted hops"
            );
            assert_eq!(
                client_ip(&headers, peer, &WebSettings::default()),
                "10.0.0.2",
                "without --behind-proxy the header is ignored: {lines:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_in_forms_is_detected() {
        assert!(form_is_utf8(b"name=Nguy%E1%BB%85n+Th%E1%BB%8B&kind=clinic"));
        assert!(!form_is_utf8(b"name=%FF%FE"));
        assert!(!form_is_utf8(&[b'a', b'=', 0xff]));
        assert!(form_is_utf8(b""));
    }

    proptest! {
        #[test]
        fn any_encoded_text_is_accepted(pairs in proptest::collection::vec((".*", ".*"), 0..5)) {
            let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
            prop_assert!(form_is_utf8(body.as_bytes()));
        }
    }
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Reads the token from the header, the urlencoded form body or the `csrf` field of a multipart
/// body, and hands the body on unchanged. Form bodies are buffered: urlencoded up to
/// [`FORM_LIMIT`], multipart up to `upload_limit` (larger → 413, nothing handed on).
async fn check_csrf(
    headers: &HeaderMap,
    body: Body,
    expected: &str,
    upload_limit: usize,
) -> Result<Body, Failure> {
    let header_token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    if upload::is_multipart(headers) {
        let too_large = Failure::UploadTooLarge {
            limit_mib: upload_limit.div_ceil(1024 * 1024),
        };
        let bytes = upload::read_limited(body, upload_limit, too_large).await?;
        let token = match header_token {
            Some(t) => Some(t.to_owned()),
            None => upload::csrf_field(headers, bytes.clone()).await?,
        };
        return match token {
            Some(t) if same_token(&t, expected) => Ok(Body::from(bytes)),
            _ => Err(Failure::Csrf),
        };
    }
    if let Some(token) = header_token {
        return if same_token(token, expected) {
            Ok(body)
        } else {
            Err(Failure::Csrf)
        };
    }
    let is_form = upload::content_type(headers)
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(Failure::Csrf);
    }
    let bytes = upload::read_limited(body, FORM_LIMIT, Failure::TooLarge).await?;
    if !form_is_utf8(&bytes) {
        return Err(Failure::BadRequest(
            "the form data is not valid UTF-8".into(),
        ));
    }
    let token = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    match token {
        Some(t) if same_token(&t, expected) => Ok(Body::from(bytes)),
        _ => Err(Failure::Csrf),
    }
}

/// Whether every name and value of a urlencoded body decodes to UTF-8. Form parsers replace
/// invalid bytes with U+FFFD silently; we refuse such input instead of storing mangled text.
pub fn form_is_utf8(body: &[u8]) -> bool {
    body.split(|b| *b == b'&').all(|pair| {
        pair.split(|b| *b == b'=').all(|part| {
            let spaced: Vec<u8> = part
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            percent_encoding::percent_decode(&spaced)
                .decode_utf8()
                .is_ok()
        })
    })
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(|| {
            PageError {
                failure: Failure::Internal,
                ctx: None,
            }
            .into_response()
        })
    }
}

/// A page request by a logged-in user; anonymous visitors are sent to the login page.
#[derive(Clone, Debug)]
pub struct UserCtx {
    pub ctx: Ctx,
    pub actor: Actor,
}

impl<S: Send + Sync> FromRequestParts<S> for UserCtx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        match ctx.actor().cloned() {
            Some(actor) => Ok(UserCtx { ctx, actor }),
            None => {
                let next: String = form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect();
                Err(Redirect::to(&format!("/login?next={next}")).into_response())
            }
        }
    }
}

/// A urlencoded form whose parse errors become a translated 400 page.
#[derive(Debug)]
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(PageForm(v)),
            Err(rejection) => Err(PageError {
                failure: rejection.into(),
                ctx,
            }
            .into_response()),
        }
    }
}

/// Query parameters whose parse errors become a translated 400 page.
#[derive(Debug)]
pub struct PageQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for PageQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = parts.extensions.get::<Ctx>().cloned();
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(PageQuery(v)),
            Err(rejection) => Err(PageError {
                failure: rejection.into(),
                ctx,
            }
            .into_response()),
        }
    }
}

/// A path parameter; anything unparsable is "not found".
#[derive(Debug)]
pub struct PagePath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PagePath<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = parts.extensions.get::<Ctx>().cloned();
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(PagePath(v)),
            Err(rejection) => Err(PageError {
                failure: rejection.into(),
                ctx,
            }
            .into_response()),
        }
    }
}
