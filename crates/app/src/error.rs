use standort_domain::ValidationError;
use standort_store::StoreError;

/// Errors of the use-case layer. The web layer maps each variant to one HTTP status in one
/// place; `Internal` is logged there and never shown.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationError),
    /// A refused value whose message names what was found in it (a position, an AI, a GTIN):
    /// translated as `validation-<code>` with `args` as its named values.
    #[error("invalid input: {field}: {code} {args:?}")]
    Unreadable {
        field: &'static str,
        code: &'static str,
        args: Vec<(&'static str, String)>,
    },
    #[error("not logged in")]
    Unauthenticated,
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    #[error("too many failed logins; try again in {retry_after_seconds} s")]
    TooManyAttempts { retry_after_seconds: i64 },
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A uniqueness or state conflict; the code is a translation key suffix.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(_) => AppError::Conflict("already-exists"),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::from(e).into()
    }
}
