//! What every module's pages share for query strings, form fields, redirects and error pages,
//! so a module's page handlers only say what is particular to them.

use axum::response::{IntoResponse, Redirect, Response};
use standort_app::AppError;

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::Tr;

/// Pairs of a raw query string or form body, repeated keys kept in order (multi-selects).
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first non-blank value of `key`: a blank field counts as not given.
pub fn first(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty())
}

/// Every distinct id given under `key` (checkbox lists), in order; values that are not
/// numbers are ignored, because a checkbox list only offers ids.
pub fn ids(pairs: &[(String, String)], key: &str) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for (k, v) in pairs {
        if k == key
            && let Ok(id) = v.trim().parse()
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// `value` encoded for a query string (a search term carried into a link).
pub fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The trimmed value of `key` in a raw query string, empty when absent.
pub fn query(raw: Option<&str>, key: &str) -> String {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// The error page for a failed use case, in the user's language.
pub fn fail(e: AppError, ctx: &Ctx) -> Response {
    PageError::new(e.into(), ctx).into_response()
}

/// After a form's write: redirect to `to` (POST–redirect–GET), or the error page.
pub fn done(result: Result<(), AppError>, ctx: &Ctx, to: String) -> Response {
    match result {
        Ok(()) => Redirect::to(&to).into_response(),
        Err(e) => fail(e, ctx),
    }
}

/// The confirmation named by `?done=` after a redirect, translated — only if it is one of the
/// module's `known` keys, so a crafted link cannot make the page show arbitrary text.
pub fn notice(tr: &Tr, done: Option<&str>, known: &[&str]) -> Option<String> {
    done.filter(|d| known.contains(d)).map(|d| tr.t(d))
}

/// Irreversible steps ask first: their form carries a required checkbox `confirm` with the
/// value `yes` (it works without JavaScript; the browser refuses to send the form unchecked),
/// and the server refuses a request without it with a field error, writing nothing.
pub fn confirmed(confirm: Option<&str>) -> Result<(), AppError> {
    if confirm.map(str::trim) == Some("yes") {
        Ok(())
    } else {
        Err(standort_domain::ValidationError::new("confirm", "confirm-required").into())
    }
}
