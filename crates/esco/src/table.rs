//! A thin CSV reader that knows its file name and reports line numbers in every error.

use std::io::Read;

use csv::StringRecord;

use crate::error::LoadError;

/// A column the reader asks for.
#[derive(Clone, Copy)]
pub(crate) struct Col {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
}

pub(crate) const fn req(name: &'static str) -> Col {
    Col {
        name,
        required: true,
    }
}

pub(crate) const fn opt(name: &'static str) -> Col {
    Col {
        name,
        required: false,
    }
}

pub(crate) struct Table<'r, 'f> {
    pub(crate) file: &'f str,
    rdr: csv::Reader<Box<dyn Read + 'r>>,
    rec: StringRecord,
    /// For each requested column, its index in the record.
    cols: Vec<Option<usize>>,
    line: u64,
}

impl<'r, 'f> Table<'r, 'f> {
    /// Reads the header and locates `cols`. `flexible` allows records shorter than the header
    /// (missing trailing fields read as empty), as `skillsHierarchy_<lang>.csv` has them.
    pub(crate) fn open(
        reader: Box<dyn Read + 'r>,
        file: &'f str,
        cols: &[Col],
        flexible: bool,
    ) -> Result<Table<'r, 'f>, LoadError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(flexible)
            .from_reader(reader);
        let headers = rdr.headers().map_err(|e| csv_error(file, &e, 1))?.clone();
        let names: Vec<&str> = headers
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim())
            .collect();
        let mut found = Vec::with_capacity(cols.len());
        for c in cols {
            let idx = names.iter().position(|n| n.eq_ignore_ascii_case(c.name));
            if idx.is_none() && c.required {
                return Err(LoadError::MissingColumn {
                    file: file.to_string(),
                    column: c.name,
                });
            }
            found.push(idx);
        }
        Ok(Table {
            file,
            rdr,
            rec: StringRecord::new(),
            cols: found,
            line: 1,
        })
    }

    /// Advances to the next record; `false` at the end.
    pub(crate) fn next(&mut self) -> Result<bool, LoadError> {
        match self.rdr.read_record(&mut self.rec) {
            Ok(more) => {
                if let Some(p) = self.rec.position() {
                    self.line = p.line();
                }
                Ok(more)
            }
            Err(e) => Err(csv_error(self.file, &e, self.line + 1)),
        }
    }

    /// Field of requested column `i` (in the order given to [`Table::open`]), trimmed; `""`
    /// if the column is absent or the record is short.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        self.cols[i]
            .and_then(|c| self.rec.get(c))
            .unwrap_or("")
            .trim()
    }

    /// 1-based line where the current record starts.
    #[inline]
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Bytes consumed so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.rdr.position().byte()
    }

    pub(crate) fn invalid(&self, column: &'static str, value: &str) -> LoadError {
        LoadError::InvalidValue {
            file: self.file.to_string(),
            line: self.line,
            column,
            value: value.to_string(),
        }
    }

    pub(crate) fn unknown(&self, kind: &'static str, uri: &str) -> LoadError {
        LoadError::UnknownUri {
            file: self.file.to_string(),
            line: self.line,
            kind,
            uri: uri.to_string(),
        }
    }

    pub(crate) fn here(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

fn csv_error(file: &str, e: &csv::Error, fallback_line: u64) -> LoadError {
    let line = e.position().map(|p| p.line()).unwrap_or(fallback_line);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::Io(io) => format!("read error: {io}"),
        _ => e.to_string(),
    };
    LoadError::Csv {
        file: file.to_string(),
        line,
        message,
    }
}

/// Splits a multi-valued ESCO field (one value per line) into trimmed, non-empty values.
pub(crate) fn split_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
