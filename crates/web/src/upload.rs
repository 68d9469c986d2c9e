//! File uploads on pages, without JavaScript: a `<form method="post" enctype="multipart/form-data">`
//! whose **first** field is the hidden `csrf` input.
//!
//! The CSRF middleware ([`crate::context::resolve`]) buffers a multipart body up to
//! [`crate::WebSettings::upload_limit`] (larger → 413 page), finds the `csrf` field with
//! [`csrf_field`] (or takes the `X-CSRF-Token` header) and hands the unchanged body on. Handlers
//! then read it with the [`Upload`] extractor:
//!
//! ```ignore
//! async fn handler(UserCtx { ctx, actor }: UserCtx, upload: Upload) -> Response {
//!     let note = upload.text("note").unwrap_or_default();
//!     let Some(file) = upload.file("document") else { /* nothing chosen */ };
//!     // file.file_name, file.content_type, file.bytes
//! }
//! ```
//!
//! `Upload` also accepts an ordinary urlencoded form (text fields only), so one handler serves
//! both a file and a pasted text; [`Upload::form`] deserialises the text fields into the same
//! struct a [`crate::context::PageForm`] would.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;

use crate::context::{Ctx, form_is_utf8};
use crate::error::{Failure, PageError};

/// Default for [`crate::WebSettings::upload_limit`]: 25 MiB per request.
pub const DEFAULT_UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// How much of an over-long body is still read (and thrown away) before the 413 answer, so the
/// client, still sending, sees the answer instead of a reset connection.
const DRAIN_FACTOR: usize = 4;

/// Whether the request carries a multipart form.
pub fn is_multipart(headers: &HeaderMap) -> bool {
    content_type(headers).is_some_and(|ct| {
        ct.trim_start()
            .to_ascii_lowercase()
            .starts_with("multipart/form-data")
    })
}

pub(crate) fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// Reads a whole body of at most `limit` bytes. A longer body is drained (up to a bound) and
/// answered with `too_large`; nothing of it is kept.
pub(crate) async fn read_limited(
    mut body: Body,
    limit: usize,
    too_large: Failure,
) -> Result<Bytes, Failure> {
    let mut buf: Vec<u8> = Vec::new();
    let mut seen: usize = 0;
    let drain_cap = limit.saturating_mul(DRAIN_FACTOR);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Failure::BadRequest("the request body broke off".into()))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit {
            buf.extend_from_slice(&data);
        } else {
            buf = Vec::new();
            if seen > drain_cap {
                break;
            }
        }
    }
    if seen > limit {
        Err(too_large)
    } else {
        Ok(Bytes::from(buf))
    }
}

/// The value of the first text field named `csrf` of a buffered multipart body; `None` when there
/// is none. A body that is not well-formed multipart is a bad request.
pub async fn csrf_field(headers: &HeaderMap, body: Bytes) -> Result<Option<String>, Failure> {
    let boundary = content_type(headers)
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or_else(|| Failure::BadRequest("the multipart form has no boundary".into()))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                if field.name() == Some("csrf") && field.file_name().is_none() {
                    let bytes = field.bytes().await.map_err(malformed)?;
                    return Ok(String::from_utf8(bytes.to_vec()).ok());
                }
            }
            Ok(None) => return Ok(None),
            Err(e) => return Err(malformed(e)),
        }
    }
}

fn malformed(e: multer::Error) -> Failure {
    Failure::BadRequest(format!("the multipart form is malformed: {e}"))
}

/// One uploaded file part.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// The form field's name.
    pub field: String,
    /// The name the browser sent (only for display; never used as a path).
    pub file_name: String,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

impl UploadedFile {
    /// The file name's extension in lower case (`csv`, `xlsx`, …), if any.
    pub fn extension(&self) -> Option<String> {
        self.file_name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
    }
}

/// A submitted page form: its text fields and its (non-empty) file parts.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    texts: Vec<(String, String)>,
    files: Vec<UploadedFile>,
}

impl Upload {
    /// The first text field of that name.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first file of that field; a file input left empty by the user is absent.
    pub fn file(&self, name: &str) -> Option<&UploadedFile> {
        self.files.iter().find(|f| f.field == name)
    }

    /// All files, in form order.
    pub fn files(&self) -> &[UploadedFile] {
        &self.files
    }

    /// The text fields deserialised like a urlencoded form (`csrf` included, as in `PageForm`).
    pub fn form<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.texts)
            .finish();
        serde_urlencoded::from_str(&encoded)
            .map_err(|e| Failure::BadRequest(format!("invalid form data: {e}")))
    }

    async fn from_multipart(mut multipart: Multipart) -> Result<Upload, Failure> {
        let mut upload = Upload::default();
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    return Err(if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        Failure::TooLarge
                    } else {
                        Failure::BadRequest(format!("the multipart form is malformed: {e}"))
                    });
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| {
                Failure::BadRequest(format!("the multipart form is malformed: {e}"))
            })?;
            match file_name {
                // A file input without a chosen file sends an empty part with an empty name.
                Some(file_name) => {
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        upload.files.push(UploadedFile {
                            field: name,
                            file_name,
                            content_type,
                            bytes,
                        });
                    }
                }
                None => {
                    let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                        Failure::BadRequest("the form data is not valid UTF-8".into())
                    })?;
                    upload.texts.push((name, text));
                }
            }
        }
        Ok(upload)
    }

    fn from_urlencoded(bytes: &[u8]) -> Result<Upload, Failure> {
        if !form_is_utf8(bytes) {
            return Err(Failure::BadRequest(
                "the form data is not valid UTF-8".into(),
            ));
        }
        Ok(Upload {
            texts: form_urlencoded::parse(bytes).into_owned().collect(),
            files: Vec::new(),
        })
    }
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        let fail = |failure: Failure| {
            PageError {
                failure,
                ctx: ctx.clone(),
            }
            .into_response()
        };
        if is_multipart(req.headers()) {
            let multipart = Multipart::from_request(req, state)
                .await
                .map_err(|e| fail(Failure::BadRequest(e.body_text())))?;
            Upload::from_multipart(multipart).await.map_err(fail)
        } else if content_type(req.headers())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
        {
            let bytes = Bytes::from_request(req, state)
                .await
                .map_err(|_| fail(Failure::TooLarge))?;
            Upload::from_urlencoded(&bytes).map_err(fail)
        } else {
            Err(fail(Failure::BadRequest(
                "send the form as multipart/form-data or application/x-www-form-urlencoded".into(),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> (HeaderMap, Bytes) {
        let boundary = "XyZ-boundary";
        let mut out = Vec::new();
        for (name, file, data) in parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
                ),
                None => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}")
                .parse()
                .unwrap(),
        );
        (h, Bytes::from(out))
    }

    #[tokio::test]
    async fn finds_the_csrf_field_first_or_later() {
        let (h, b) = body(&[("csrf", None, b"tok"), ("f", Some("a.csv"), b"x,y\n")]);
        assert_eq!(csrf_field(&h, b).await.unwrap().as_deref(), Some("tok"));
        let (h, b) = body(&[("f", Some("a.csv"), b"x,y\n"), ("csrf", None, b"tok2")]);
        assert_eq!(csrf_field(&h, b).await.unwrap().as_deref(), Some("tok2"));
    }

    #[tokio::test]
    async fn a_file_named_csrf_is_not_a_token() {
        let (h, b) = body(&[("csrf", Some("csrf.txt"), b"tok")]);
        assert_eq!(csrf_field(&h, b).await.unwrap(), None);
    }

    #[tokio::test]
    async fn garbage_is_a_bad_request() {
        let (h, _) = body(&[]);
        let r = csrf_field(&h, Bytes::from_static(b"--nope\r\nbroken")).await;
        assert!(matches!(r, Err(Failure::BadRequest(_))), "{r:?}");
    }

    #[tokio::test]
    async fn long_bodies_are_refused_whole() {
        let ok = read_limited(Body::from(vec![1u8; 10]), 10, Failure::TooLarge).await;
        assert_eq!(ok.unwrap().len(), 10);
        let too = read_limited(Body::from(vec![1u8; 11]), 10, Failure::TooLarge).await;
        assert!(matches!(too, Err(Failure::TooLarge)));
    }
}
