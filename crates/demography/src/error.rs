//! The one error type of this crate.

/// Everything that can go wrong in `standort-demography`.
///
/// Input errors carry the 1-based line number of the offending CSV line (the header is
/// line 1) so a person can fix the file; all other variants describe invalid arguments.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A CSV line could not be read or a field could not be interpreted.
    #[error("line {line}: {message}")]
    Parse {
        /// 1-based line number in the input (header = line 1).
        line: u64,
        /// What is wrong, for a person.
        message: String,
    },
    /// A required column is absent from the header (line 1).
    #[error("line 1: missing column `{0}`")]
    MissingColumn(String),
    /// The same cell (year × nationality × sex × age …) occurs twice.
    #[error("line {line}: duplicate row for {key} (first seen on line {first})")]
    Duplicate {
        /// Line of the second occurrence.
        line: u64,
        /// Line of the first occurrence.
        first: u64,
        /// Human-readable key of the cell.
        key: String,
    },
    /// The input is well-formed line by line but incomplete or inconsistent as a whole
    /// (missing cells, gaps between years, several spatial units, …).
    #[error("incomplete input: {0}")]
    Incomplete(String),
    /// The requested scenario does not occur in the parameter file.
    #[error("scenario `{requested}` not found; available: {available}")]
    UnknownScenario {
        /// The scenario that was asked for.
        requested: String,
        /// Comma-separated list of the scenarios present.
        available: String,
    },
    /// An argument passed to an engine is invalid (wrong dimensions, negative rate, …).
    #[error("invalid argument: {0}")]
    Invalid(String),
    /// Writing the output failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Shorthand for [`Error::Parse`].
    pub(crate) fn parse(line: u64, message: impl Into<String>) -> Self {
        Error::Parse {
            line,
            message: message.into(),
        }
    }

    /// The input line this error refers to, if any.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Parse { line, .. } | Error::Duplicate { line, .. } => Some(*line),
            Error::MissingColumn(_) => Some(1),
            _ => None,
        }
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Io(io),
            kind => Error::parse(line, format!("{kind:?}")),
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
