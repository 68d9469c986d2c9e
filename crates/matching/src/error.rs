use thiserror::Error;

/// The one error type of the matching engine.
#[derive(Debug, Error)]
pub enum MatchError {
    /// A skill URI that the taxonomy does not know.
    #[error("unknown skill URI: {0}")]
    UnknownSkill(String),
    /// An occupation URI that the taxonomy does not know.
    #[error("unknown occupation URI: {0}")]
    UnknownOccupation(String),
    /// A batch input line that is not a valid request (1-based line number).
    #[error("line {line}: {message}")]
    BadLine { line: usize, message: String },
    /// Reading the batch input or writing its output failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A configuration value out of range.
    #[error("invalid configuration: {0}")]
    Config(String),
}
