//! The one error type of the reader.

use std::path::PathBuf;

/// Why a dataset could not be loaded. Loading is all-or-nothing: on any of these, no dataset
/// is returned.
///
/// Messages name the file — for a file inside a zip, `archive.zip!name.csv` — and, where there
/// is one, the 1-based line number (the line where the offending CSV record starts).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// No path was given.
    #[error("no ESCO source given (expected zip files or folders of the ESCO CSV download)")]
    NoSources,
    /// A path could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A path is neither a folder nor a readable zip archive.
    #[error("{path}: not a folder or a readable zip archive: {reason}")]
    NotAnArchive {
        /// The path.
        path: PathBuf,
        /// What the zip reader said.
        reason: String,
    },
    /// A file every ESCO download has is absent from all sources.
    #[error("missing file {name} (looked in: {searched})")]
    MissingFile {
        /// The file name, with `<lang>` where any language will do.
        name: &'static str,
        /// The sources searched, comma-separated.
        searched: String,
    },
    /// The same per-language file was given twice (e.g. two `occupations_en.csv`).
    #[error("{file}: same file as {first} (one file per kind and language)")]
    DuplicateFile {
        /// The second file.
        file: String,
        /// The first file.
        first: String,
    },
    /// The CSV itself is malformed: wrong number of fields, invalid UTF-8, unreadable bytes.
    #[error("{file}:{line}: malformed CSV: {message}")]
    Csv {
        /// The file.
        file: String,
        /// Line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The header lacks a column the reader needs.
    #[error("{file}:1: missing column {column:?}")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column name.
        column: &'static str,
    },
    /// A field has a value the reader does not understand (e.g. `relationType` = `maybe`).
    #[error("{file}:{line}: invalid {column} {value:?}")]
    InvalidValue {
        /// The file.
        file: String,
        /// Line number.
        line: u64,
        /// The column name.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// A relation or hierarchy row names a concept that no concept file defines.
    #[error("{file}:{line}: unknown {kind} URI {uri}")]
    UnknownUri {
        /// The file.
        file: String,
        /// Line number.
        line: u64,
        /// What the URI should be (`occupation`, `skill`, `skill group`, …).
        kind: &'static str,
        /// The URI.
        uri: String,
    },
    /// A concept appears twice in the same file.
    #[error("{file}:{line}: duplicate URI {uri} (first at line {first_line})")]
    DuplicateUri {
        /// The file.
        file: String,
        /// Line number of the second occurrence.
        line: u64,
        /// Line number of the first occurrence.
        first_line: u64,
        /// The URI.
        uri: String,
    },
    /// Two files disagree about a language-independent fact (ISCO group, skill type, the type
    /// of a relation…), as when packs of different ESCO versions are mixed.
    #[error("{file}:{line}: conflicting {what}: {message}")]
    Conflict {
        /// The file.
        file: String,
        /// Line number.
        line: u64,
        /// What disagrees, e.g. `iscoGroup`.
        what: &'static str,
        /// The concept, the two values and where the first came from.
        message: String,
    },
}

impl LoadError {
    pub(crate) fn conflict(
        file: String,
        line: u64,
        what: &'static str,
        uri: &str,
        value: &str,
        first: &str,
        first_value: &str,
    ) -> LoadError {
        LoadError::Conflict {
            file,
            line,
            what,
            message: format!("{uri} has {value:?} here, but {first_value:?} at {first}"),
        }
    }

    /// The file (`archive.zip!name.csv` or a path) and line the error points at, if any.
    pub fn location(&self) -> Option<(&str, u64)> {
        match self {
            LoadError::Csv { file, line, .. }
            | LoadError::InvalidValue { file, line, .. }
            | LoadError::UnknownUri { file, line, .. }
            | LoadError::DuplicateUri { file, line, .. }
            | LoadError::Conflict { file, line, .. } => Some((file, *line)),
            LoadError::MissingColumn { file, .. } => Some((file, 1)),
            _ => None,
        }
    }
}
