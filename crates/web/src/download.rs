//! Files sent to the browser for saving: one place that writes `Content-Disposition`, so every
//! download — page or API — is an attachment with a safe name and is never cached.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use standort_store::portal::DocumentMeta;

/// `body` as an attachment named `file_name`: a plain-ASCII `filename` for old clients and the
/// exact UTF-8 name in `filename*` (RFC 6266 / RFC 8187). Personal data, so `no-store`; and
/// `nosniff` so a browser never renders an uploaded file as a page.
pub fn attachment(body: impl IntoResponse, content_type: &str, file_name: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&content_disposition(file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// A stored document's bytes, with its checksum in `X-Content-SHA256`.
pub fn document(meta: &DocumentMeta, bytes: Vec<u8>) -> Response {
    let mut r = attachment(bytes, &meta.media_type, &meta.file_name);
    if let Ok(v) = HeaderValue::from_str(&meta.sha256) {
        r.headers_mut().insert("x-content-sha256", v);
    }
    r
}

fn content_disposition(file_name: &str) -> String {
    // Quotes and backslashes would end or escape the quoted string; anything beyond printable
    // ASCII goes into `filename*` only.
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String =
        percent_encoding::utf8_percent_encode(file_name, percent_encoding::NON_ALPHANUMERIC)
            .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_break_out_of_the_header() {
        assert_eq!(
            content_disposition("a\"b\\c.pdf"),
            "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc%2Epdf"
        );
        assert_eq!(
            content_disposition("Hộ chiếu.pdf"),
            "attachment; filename=\"H_ chi_u.pdf\"; filename*=UTF-8''H%E1%BB%99%20chi%E1%BA%BFu%2Epdf"
        );
    }
}
