//! Small helpers for reading CSV with column lookup by name and line-numbered errors.
//!
//! Line numbers are counted here ([`line_counting`]), not taken from the csv crate: its
//! `Position::line` is one too low after CRLF line ends (BurntSushi/rust-csv#395: the reader
//! consumes only the `\r` of a record's terminator), while its byte offsets are right.

use crate::population::{AGES, Nat, Sex};
use crate::{Error, Result};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Wraps CSV input so that [`Lines::line_of`] can turn a record's byte offset into its line.
pub fn line_counting<R: Read>(input: R) -> (LineCounting<R>, Lines) {
    let breaks = Rc::new(RefCell::new(Breaks::default()));
    (
        LineCounting {
            inner: input,
            offset: 0,
            breaks: breaks.clone(),
        },
        Lines(breaks),
    )
}

/// A reader that notes where its line ends are (only those not yet asked about are kept, so
/// memory stays bounded by the CSV reader's read-ahead).
#[derive(Debug)]
pub struct LineCounting<R> {
    inner: R,
    offset: u64,
    breaks: Rc<RefCell<Breaks>>,
}

#[derive(Debug, Default)]
struct Breaks {
    /// Offsets of `\r` and `\n` bytes read but not yet passed, with whether it is a `\n`.
    pending: VecDeque<(u64, bool)>,
    /// `\n` bytes passed so far.
    newlines: u64,
}

impl<R: Read> Read for LineCounting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if matches!(b, b'\n' | b'\r') {
                breaks
                    .pending
                    .push_back((self.offset + i as u64, *b == b'\n'));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Answers line numbers for the input of a [`LineCounting`] reader.
#[derive(Debug)]
pub struct Lines(Rc<RefCell<Breaks>>);

impl Lines {
    /// The 1-based line on which a record starting at byte `start` begins. Line ends at `start`
    /// belong to the previous record (or are blank lines) and are skipped. Ask in increasing
    /// order of `start`, as records come.
    pub fn line_of(&self, start: u64) -> u64 {
        let mut breaks = self.0.borrow_mut();
        let mut start = start;
        while let Some(&(at, newline)) = breaks.pending.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            breaks.newlines += u64::from(newline);
            breaks.pending.pop_front();
        }
        breaks.newlines + 1
    }
}

/// A csv error with the line counted by [`Lines`].
fn csv_error(e: csv::Error, lines: &Lines) -> Error {
    let line = e.position().map_or(0, |p| lines.line_of(p.byte()));
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Io(io),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::parse(
            line,
            format!("the row has {len} fields, the header {expected_len}"),
        ),
        kind => Error::parse(line, format!("{kind:?}")),
    }
}

/// A CSV reader with named columns.
pub(crate) struct Table<R: Read> {
    reader: csv::Reader<LineCounting<R>>,
    lines: Lines,
    headers: Vec<String>,
}

/// One record with its line number.
pub(crate) struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
}

impl<R: Read> Table<R> {
    pub fn new(input: R) -> Result<Self> {
        let (counting, lines) = line_counting(input);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(counting);
        let headers = reader
            .headers()?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table {
            reader,
            lines,
            headers,
        })
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
                Err(e) => return Err(csv_error(e, &self.lines)),
            }
            let line = record
                .position()
                .map(|p| self.lines.line_of(p.byte()))
                .unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of every record of `text` as `Table` reports them.
    fn record_lines(text: &str) -> Vec<u64> {
        let mut t = Table::new(text.as_bytes()).unwrap();
        let mut out = Vec::new();
        t.for_each(|r| {
            out.push(r.line);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn crlf_lf_and_blank_lines_count_alike() {
        let lf = "a,b\n1,2\n3,4\n\n5,6\n";
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(record_lines(lf), vec![2, 3, 5]);
        assert_eq!(record_lines(&crlf), vec![2, 3, 5]);
    }

    #[test]
    fn quoted_line_breaks_are_lines_too() {
        let text = "a,b\r\n\"x\r\ny\",2\r\n3,4\r\n";
        assert_eq!(record_lines(text), vec![2, 4]);
    }

    #[test]
    fn a_bad_crlf_row_is_reported_on_its_line() {
        let text = "year,age\r\n2020,1\r\n2020,2\r\n2020,x\r\n";
        let mut t = Table::new(text.as_bytes()).unwrap();
        let [year, age] = t.columns(["year", "age"]).unwrap();
        let err = t
            .for_each(|r| {
                r.year(year)?;
                r.age(age)?;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(err.line(), Some(4), "{err}");
        let short = "year,age\r\n2020,1\r\n2020\r\n";
        let err = Table::new(short.as_bytes())
            .unwrap()
            .for_each(|_| Ok(()))
            .unwrap_err();
        assert_eq!(err.line(), Some(3), "{err}");
    }

    #[test]
    fn small_reads_do_not_lose_line_ends() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(3);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "a,b\r\n1,2\r\n\r\n3,4\r\n5,6";
        let mut t = Table::new(Trickle(text.as_bytes())).unwrap();
        let mut lines = Vec::new();
        t.for_each(|r| {
            lines.push(r.line);
            Ok(())
        })
        .unwrap();
        assert_eq!(lines, vec![2, 4, 5]);
    }
}
