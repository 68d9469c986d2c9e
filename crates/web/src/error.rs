//! The one place where errors become HTTP answers: pages get a translated error page, the API
//! gets `application/problem+json` (RFC 9457). Internal causes are logged, never sent.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use standort_app::AppError;

use crate::context::Ctx;
use crate::i18n::Tr;

/// What went wrong, independent of how it is shown.
#[derive(Debug)]
pub enum Failure {
    BadRequest(String),
    /// A body sent with another `Content-Type` than the endpoint reads.
    UnsupportedMediaType(String),
    Validation {
        field: &'static str,
        code: &'static str,
    },
    /// A validation failure whose message names what was found (`AppError::Unreadable`).
    Unreadable {
        field: &'static str,
        code: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// Content refused with its own English explanation (an import's problems with their
    /// lines), answered 422 like a validation failure.
    Invalid(String),
    Unauthenticated,
    Forbidden,
    Csrf,
    NotFound,
    Conflict(&'static str),
    TooLarge,
    /// An upload over the configured limit (in MiB).
    UploadTooLarge {
        limit_mib: usize,
    },
    TooManyAttempts {
        retry_after_seconds: i64,
    },
    InvalidCredentials,
    Unavailable,
    Internal,
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::Validation { .. } | Failure::Unreadable { .. } | Failure::Invalid(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Failure::Unauthenticated | Failure::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Failure::Forbidden | Failure::Csrf => StatusCode::FORBIDDEN,
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Conflict(_) => StatusCode::CONFLICT,
            Failure::TooLarge | Failure::UploadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            Failure::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine-readable code, also the `type` suffix in problem documents.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::BadRequest(_) => "bad-request",
            Failure::UnsupportedMediaType(_) => "unsupported-media-type",
            Failure::Validation { .. } | Failure::Unreadable { .. } | Failure::Invalid(_) => {
                "validation"
            }
            Failure::Unauthenticated => "unauthenticated",
            Failure::InvalidCredentials => "invalid-credentials",
            Failure::Forbidden => "forbidden",
            Failure::Csrf => "csrf",
            Failure::NotFound => "not-found",
            Failure::Conflict(_) => "conflict",
            Failure::TooLarge | Failure::UploadTooLarge { .. } => "too-large",
            Failure::TooManyAttempts { .. } => "too-many-attempts",
            Failure::Unavailable => "unavailable",
            Failure::Internal => "internal",
        }
    }

    /// A translated sentence a person can act on.
    pub fn message(&self, tr: &Tr) -> String {
        match self {
            Failure::BadRequest(detail) | Failure::UnsupportedMediaType(detail) => {
                tr.ts("error-bad-request", "detail", detail)
            }
            Failure::Validation { field, code } => {
                format!(
                    "{}: {}",
                    tr.ts("field-label", "field", field),
                    tr.t(format!("validation-{code}"))
                )
            }
            Failure::Unreadable { field, code, args } => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                format!(
                    "{}: {}",
                    tr.ts("field-label", "field", field),
                    tr.targs(&format!("validation-{code}"), &args)
                )
            }
            Failure::Invalid(detail) => detail.clone(),
            Failure::Unauthenticated => tr.t("login-intro"),
            Failure::InvalidCredentials => tr.t("login-failed"),
            Failure::Forbidden => tr.t("error-forbidden"),
            Failure::Csrf => tr.t("error-csrf"),
            Failure::NotFound => tr.t("error-not-found"),
            Failure::Conflict(code) => tr.ts(
                "error-conflict",
                "detail",
                &tr.t(format!("conflict-{code}")),
            ),
            Failure::TooLarge => tr.t("error-too-large"),
            Failure::UploadTooLarge { limit_mib } => {
                tr.tn("error-upload-too-large", "mib", *limit_mib as i64)
            }
            Failure::TooManyAttempts {
                retry_after_seconds,
            } => tr.tn(
                "login-throttled",
                "minutes",
                (retry_after_seconds + 59) / 60,
            ),
            Failure::Unavailable | Failure::Internal => tr.t("error-internal"),
        }
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Validation(v) => Failure::Validation {
                field: v.field,
                code: v.code,
            },
            AppError::Unreadable { field, code, args } => Failure::Unreadable { field, code, args },
            AppError::Unauthenticated => Failure::Unauthenticated,
            AppError::InvalidCredentials => Failure::InvalidCredentials,
            AppError::TooManyAttempts {
                retry_after_seconds,
            } => Failure::TooManyAttempts {
                retry_after_seconds,
            },
            AppError::Forbidden => Failure::Forbidden,
            AppError::NotFound => Failure::NotFound,
            AppError::Conflict(code) => Failure::Conflict(code),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                Failure::Internal
            }
        }
    }
}

/// An error answered with an HTML page in the request's language.
#[derive(Debug)]
pub struct PageError {
    pub failure: Failure,
    pub ctx: Option<Ctx>,
}

impl PageError {
    pub fn new(failure: Failure, ctx: &Ctx) -> PageError {
        PageError {
            failure,
            ctx: Some(ctx.clone()),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: &'a crate::pages::Layout,
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.failure.status();
        let Some(ctx) = self.ctx else {
            return (status, self.failure.code()).into_response();
        };
        let layout = crate::pages::Layout::new(&ctx, "error-title");
        let body = ErrorPage {
            page: &layout,
            status: status.as_u16(),
            message: self.failure.message(&ctx.tr),
        };
        let mut response = (status, crate::pages::render(&body)).into_response();
        if let Failure::TooManyAttempts {
            retry_after_seconds,
        } = self.failure
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        response
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// URI reference identifying the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What happened and what to do about it.
    pub detail: String,
    /// The input field at fault, for validation problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error answered with `application/problem+json`; messages are English (API clients log
/// them), translated pages are for people.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let catalog = crate::CATALOG.clone();
        let tr = Tr::new(
            catalog,
            standort_domain::Language::En,
            crate::format::TimeZone::DEFAULT,
        );
        let failure = self.0;
        let status = failure.status();
        let field = match &failure {
            Failure::Validation { field, .. } | Failure::Unreadable { field, .. } => {
                Some((*field).to_owned())
            }
            _ => None,
        };
        let detail = match &failure {
            Failure::Unauthenticated => {
                "Authenticate with a personal access token: 'Authorization: Bearer <token>' (create one under My account).".to_owned()
            }
            other => other.message(&tr),
        };
        let problem = Problem {
            kind: format!("https://standort.example/problems/{}", failure.code()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            field,
        };
        let mut response = (status, axum::Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Failure::TooManyAttempts {
            retry_after_seconds,
        } = failure
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"standort\""),
            );
        }
        response
    }
}

impl From<axum::extract::rejection::JsonRejection> for Failure {
    fn from(r: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection::*;
        match r {
            MissingJsonContentType(_) => Failure::UnsupportedMediaType(
                "send the body as JSON with 'Content-Type: application/json'".into(),
            ),
            JsonSyntaxError(e) => {
                Failure::BadRequest(format!("the body is not valid JSON: {}", e.body_text()))
            }
            JsonDataError(e) => Failure::BadRequest(format!(
                "the JSON does not have the expected fields: {}",
                e.body_text()
            )),
            BytesRejection(_) => Failure::TooLarge,
            other => Failure::BadRequest(other.body_text()),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for Failure {
    fn from(r: axum::extract::rejection::QueryRejection) -> Self {
        Failure::BadRequest(format!("invalid query parameters: {}", r.body_text()))
    }
}

impl From<axum::extract::rejection::PathRejection> for Failure {
    fn from(_: axum::extract::rejection::PathRejection) -> Self {
        Failure::NotFound
    }
}

impl From<axum::extract::rejection::FormRejection> for Failure {
    fn from(r: axum::extract::rejection::FormRejection) -> Self {
        use axum::extract::rejection::FormRejection::*;
        match r {
            BytesRejection(_) => Failure::TooLarge,
            other => Failure::BadRequest(other.body_text()),
        }
    }
}
