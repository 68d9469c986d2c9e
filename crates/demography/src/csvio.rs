//! Small helpers for reading CSV with column lookup by name and line-numbered errors.

use crate::population::{AGES, Nat, Sex};
use crate::{Error, Result};
use std::io::Read;

/// A CSV reader with named columns.
pub(crate) struct Table<R: Read> {
    reader: csv::Reader<R>,
    headers: Vec<String>,
}

/// One record with its line number.
pub(crate) struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
}

impl<R: Read> Table<R> {
    pub fn new(input: R) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(input);
        let headers = reader
            .headers()?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table { reader, headers })
    }

    /// Index of a required column.
    pub fn column(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::MissingColumn(name.to_string()))
    }

    /// Indices of several required columns, in order.
    pub fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N]> {
        let mut out = [0; N];
        for (o, n) in out.iter_mut().zip(names) {
            *o = self.column(n)?;
        }
        Ok(out)
    }

    /// Calls `f` for every record.
    pub fn for_each(&mut self, mut f: impl FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            f(Row {
                line,
                record: &record,
            })?;
        }
    }
}

impl Row<'_> {
    pub fn str(&self, col: usize) -> &str {
        self.record.get(col).unwrap_or("")
    }
    pub fn f64(&self, col: usize, name: &str) -> Result<f64> {
        let s = self.str(col);
        let v: f64 = s.parse().map_err(|_| {
            Error::parse(self.line, format!("column `{name}`: `{s}` is not a number"))
        })?;
        if !v.is_finite() {
            return Err(Error::parse(
                self.line,
                format!("column `{name}`: `{s}` is not finite"),
            ));
        }
        Ok(v)
    }
    /// A finite, non-negative number.
    pub fn nonneg(&self, col: usize, name: &str) -> Result<f64> {
        let v = self.f64(col, name)?;
        if v < 0.0 {
            return Err(Error::parse(
                self.line,
                format!("column `{name}`: {v} is negative"),
            ));
        }
        Ok(v)
    }
    /// A probability in [0, 1].
    pub fn prob(&self, col: usize, name: &str) -> Result<f64> {
        let v = self.nonneg(col, name)?;
        if v > 1.0 {
            return Err(Error::parse(
                self.line,
                format!("column `{name}`: {v} is not a probability (> 1)"),
            ));
        }
        Ok(v)
    }
    pub fn year(&self, col: usize) -> Result<i32> {
        let s = self.str(col);
        s.parse()
            .map_err(|_| Error::parse(self.line, format!("column `year`: `{s}` is not a year")))
    }
    pub fn age(&self, col: usize) -> Result<usize> {
        let s = self.str(col);
        let a: usize = s
            .parse()
            .map_err(|_| Error::parse(self.line, format!("column `age`: `{s}` is not an age")))?;
        if a >= AGES {
            return Err(Error::parse(
                self.line,
                format!("column `age`: {a} is outside 0..=100"),
            ));
        }
        Ok(a)
    }
    pub fn sex(&self, col: usize) -> Result<Sex> {
        let s = self.str(col);
        Sex::parse(s).ok_or_else(|| {
            Error::parse(self.line, format!("column `sex`: `{s}` is not `m` or `f`"))
        })
    }
    pub fn nat(&self, col: usize) -> Result<Nat> {
        let s = self.str(col);
        Nat::parse(s).ok_or_else(|| {
            Error::parse(
                self.line,
                format!("column `nat`: `{s}` is not `ch` or `int`"),
            )
        })
    }
}
