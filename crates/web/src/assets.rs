//! The files under `crates/web/static/` the binary serves, compiled in: the design system
//! (KERN UX, compiled with Standort's class mapping into `kern.css`, and its Fira Sans fonts),
//! the product's own `style.css`, the logo and the favicon, and the licences of what is
//! vendored. Nothing is fetched from a third party, at build or at run time (`docs/design.md`).
//!
//! Every file has a strong `ETag` (the first 12 hex digits of its SHA-256) and answers a
//! matching `If-None-Match` with 304. Pages link the files through [`href`], which appends
//! `?v=<that hash>`; a request that names the current hash may be cached for a year as
//! immutable (a new build changes the hash, so the URL), any other one for an hour. The font
//! URLs inside `kern.css` carry the same hash, written there by `tools/kern/update.sh`.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

/// One file under `/static/`.
#[derive(Debug)]
pub struct Asset {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
    /// The same content gzip-compressed (`tools/kern/update.sh` writes it for `kern.css`),
    /// sent to clients that accept gzip.
    pub gzip: Option<&'static [u8]>,
}

macro_rules! asset {
    ($path:literal, $type:expr) => {
        Asset {
            path: concat!("/static/", $path),
            content_type: $type,
            body: include_bytes!(concat!("../static/", $path)),
            gzip: None,
        }
    };
    (gzip $path:literal, $type:expr) => {
        Asset {
            path: concat!("/static/", $path),
            content_type: $type,
            body: include_bytes!(concat!("../static/", $path)),
            gzip: Some(include_bytes!(concat!("../static/", $path, ".gz"))),
        }
    };
}

const CSS: &str = "text/css; charset=utf-8";
const WOFF2: &str = "font/woff2";
const SVG: &str = "image/svg+xml";
const TEXT: &str = "text/plain; charset=utf-8";

/// Every file served under `/static/`.
pub static ASSETS: &[Asset] = &[
    asset!(gzip "kern.css", CSS),
    asset!("style.css", CSS),
    asset!("logo.svg", SVG),
    asset!("favicon.svg", SVG),
    asset!("kern/fonts/FiraSans-Regular.woff2", WOFF2),
    asset!("kern/fonts/FiraSans-Italic.woff2", WOFF2),
    asset!("kern/fonts/FiraSans-Medium.woff2", WOFF2),
    asset!("kern/fonts/FiraSans-SemiBold.woff2", WOFF2),
    asset!("kern/fonts/FiraSans-Bold.woff2", WOFF2),
    asset!("kern/LICENSE.md", TEXT),
    asset!("kern/OFL.txt", TEXT),
];

/// Each asset's version: the first 12 hex digits of its SHA-256, by path.
static VERSIONS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| (a.path, version_of(a.body)))
        .collect()
});

/// The first 12 hex digits of the SHA-256 of `body` (what `tools/kern/update.sh` writes too).
pub fn version_of(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The URL a page links an asset by: its path with `?v=<content hash>`. `path` is one of
/// [`ASSETS`] (`/static/kern.css`); a path that is not (a mistake in a template) is returned
/// as it is, and the test `every_linked_asset_exists` finds it.
pub fn href(path: &str) -> String {
    match VERSIONS.get(path) {
        Some(v) => format!("{path}?v={v}"),
        None => path.to_string(),
    }
}

/// The routes of every asset, and `/favicon.ico` for clients that ask for it without reading
/// the page (it answers with the SVG favicon).
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let router = ASSETS.iter().fold(Router::new(), |router, asset| {
        router.route(
            asset.path,
            get(move |query: RawQuery, headers: HeaderMap| async move {
                serve(asset, query.0.as_deref(), &headers)
            }),
        )
    });
    router.route(
        "/favicon.ico",
        get(|headers: HeaderMap| async move {
            let favicon = ASSETS
                .iter()
                .find(|a| a.path == "/static/favicon.svg")
                .expect("the favicon is an asset");
            serve(favicon, None, &headers)
        }),
    )
}

fn serve(asset: &'static Asset, query: Option<&str>, headers: &HeaderMap) -> Response {
    let version = &VERSIONS[asset.path];
    let gzip = asset.gzip.filter(|_| accepts_gzip(headers));
    // One ETag per representation, so a cache never mixes the compressed and the plain one.
    let etag = if gzip.is_some() {
        format!("\"{version}-gz\"")
    } else {
        format!("\"{version}\"")
    };
    // Immutable only when the URL names this very content; an old or missing `v` revalidates.
    let current = query.is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "v" && v == version.as_str())
    });
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let mut response = if if_none_match(headers.get(header::IF_NONE_MATCH), &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = (StatusCode::OK, gzip.unwrap_or(asset.body)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        if gzip.is_some() {
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        r
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if asset.gzip.is_some() {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}

/// Whether the request's `If-None-Match` value names `etag` (weak or strong) or is `*`: the answer
/// is then 304 without a body. Shared by every conditional answer (assets, public pages).
pub(crate) fn if_none_match(asked: Option<&HeaderValue>, etag: &str) -> bool {
    asked.and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',')
            .any(|t| t.trim().trim_start_matches("W/") == etag || t.trim() == "*")
    })
}

/// Whether `Accept-Encoding` allows gzip: listed (or `*`) with a weight above zero; an
/// explicit `gzip` entry decides over `*`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    for coding in headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case("gzip") {
            gzip = Some(q > 0.0);
        } else if name == "*" {
            any = Some(q > 0.0);
        }
    }
    gzip.or(any).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_has_a_type_and_content() {
        for a in ASSETS {
            assert!(!a.body.is_empty(), "{} is empty", a.path);
            assert!(
                [CSS, WOFF2, SVG, TEXT].contains(&a.content_type),
                "{}",
                a.path
            );
        }
    }

    /// The compressed copy is of the current file: its gzip trailer holds the CRC-32 and the
    /// length of the content it decompresses to (RFC 1952), so a stale `.gz` fails here.
    #[test]
    fn compressed_copies_match_their_files() {
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &byte in data {
                crc ^= u32::from(byte);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        for a in ASSETS {
            let Some(gz) = a.gzip else { continue };
            assert_eq!(&gz[..2], &[0x1f, 0x8b], "{}: not gzip", a.path);
            let n = gz.len();
            let crc = u32::from_le_bytes(gz[n - 8..n - 4].try_into().unwrap());
            let size = u32::from_le_bytes(gz[n - 4..].try_into().unwrap());
            assert_eq!(
                size as usize,
                a.body.len(),
                "{}.gz is stale: run tools/kern/update.sh build",
                a.path
            );
            assert_eq!(
                crc,
                crc32(a.body),
                "{}.gz is stale: run tools/kern/update.sh build",
                a.path
            );
        }
    }

    #[test]
    fn gzip_only_when_accepted() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            accepts_gzip(&h)
        };
        assert!(with("gzip, deflate, br"));
        assert!(with("br;q=1.0, gzip;q=0.8"));
        assert!(with("*"));
        assert!(!with("br"));
        assert!(!with("gzip;q=0"));
        assert!(!with("gzip; q=0.000"));
        assert!(!with("gzip;q=0, *"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    /// Every `url(…)` in the compiled stylesheet is an asset with its current version, so
    /// no font is fetched from elsewhere or cached under a stale URL.
    #[test]
    fn the_stylesheet_links_only_served_assets_by_their_current_version() {
        let css = std::str::from_utf8(
            ASSETS
                .iter()
                .find(|a| a.path == "/static/kern.css")
                .unwrap()
                .body,
        )
        .unwrap();
        let mut fonts = 0;
        for part in css.split("url(").skip(1) {
            let url = part
                .split(')')
                .next()
                .unwrap()
                .trim_matches(|c| c == '"' || c == '\'');
            if url.starts_with("data:") {
                continue;
            }
            let (path, v) = url.split_once("?v=").unwrap_or((url, ""));
            assert!(VERSIONS.contains_key(path), "{url} is not served");
            assert_eq!(v, VERSIONS[path], "{url}: stale version");
            fonts += 1;
        }
        assert_eq!(fonts, 5, "the five Fira Sans faces");
    }

    /// The templates link assets through `crate::assets::href`; a path they name that is not served fails.
    #[test]
    fn every_linked_asset_exists() {
        for name in ["base.html", "showcase_base.html"] {
            let path = format!("{}/templates/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("assets::href(\"").skip(1) {
                let linked = part.split('"').next().unwrap();
                assert!(
                    VERSIONS.contains_key(linked),
                    "{name}: {linked} is not an asset"
                );
            }
        }
    }
}
