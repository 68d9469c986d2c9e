//! Tables as CSV or XLSX downloads: the demography tables (stable English column names for
//! scripts, plain CSV) and every list's download (column names in the reader's language; CSV for
//! German Excel with `;` and a UTF-8 byte-order mark, see `docs/lists.md`).

use crate::AppError;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Number(f64),
    /// A day: a date cell in XLSX (shown in the spreadsheet's own date format, so it sorts and
    /// filters as a date), `04.10.2026` in a German CSV, `2026-10-04` otherwise.
    Date(CalendarDay),
    /// A moment as the installation's clock showed it (the web layer applies the time zone):
    /// a date-and-time cell in XLSX, `04.10.2026 14:30` in a German CSV.
    DateTime(LocalMinute),
    Empty,
}

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDay {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A day and a time of day to the minute, in the installation's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMinute {
    pub day: CalendarDay,
    pub hour: u8,
    pub minute: u8,
}

impl CalendarDay {
    fn text(self, dialect: Dialect) -> String {
        match dialect {
            Dialect::Comma => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Dialect::GermanExcel => format!("{:02}.{:02}.{:04}", self.day, self.month, self.year),
        }
    }
}

impl LocalMinute {
    fn text(self, dialect: Dialect) -> String {
        format!(
            "{} {:02}:{:02}",
            self.day.text(dialect),
            self.hour,
            self.minute
        )
    }
}

/// In JSON, the ISO 8601 text (`2026-10-04`, `2026-10-04T14:30`).
impl serde::Serialize for CalendarDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Dialect::Comma))
    }
}

impl serde::Serialize for LocalMinute {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!(
            "{}T{:02}:{:02}",
            self.day.text(Dialect::Comma),
            self.hour,
            self.minute
        ))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        if v.is_finite() {
            Value::Number(v)
        } else {
            Value::Empty
        }
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Number(v as f64)
    }
}
impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Value::Empty, Value::from)
    }
}

/// Download formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A rendered download.
#[derive(Debug, Clone)]
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.3}")
    }
}

/// How a CSV is written: plain (`,`, no byte-order mark) for scripts, or as German Excel opens
/// it (`;` between fields, since the comma is the decimal separator, and a UTF-8 byte-order
/// mark, without which Excel reads the file as Windows-1252).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Comma,
    GermanExcel,
}

impl Dialect {
    /// The dialect for a reader of `lang` (an ISO 639-1 code).
    pub fn for_language(lang: &str) -> Dialect {
        if lang == "de" {
            Dialect::GermanExcel
        } else {
            Dialect::Comma
        }
    }
}

/// A table rendered in `format`, named `name.<extension>`.
pub fn render<S: AsRef<str>>(
    name: &str,
    columns: &[S],
    rows: &[Vec<Value>],
    format: Format,
    dialect: Dialect,
) -> Result<Download, AppError> {
    let bytes = match format {
        Format::Csv => csv(columns, rows, dialect)?,
        Format::Xlsx => xlsx(name, columns, rows)?,
    };
    Ok(Download {
        file_name: format!("{name}.{}", format.extension()),
        content_type: format.content_type(),
        bytes,
    })
}

pub fn csv<S: AsRef<str>>(
    columns: &[S],
    rows: &[Vec<Value>],
    dialect: Dialect,
) -> Result<Vec<u8>, AppError> {
    let internal = |e: csv::Error| AppError::Internal(format!("csv export: {e}"));
    let (delimiter, bom): (u8, &[u8]) = match dialect {
        Dialect::Comma => (b',', b""),
        Dialect::GermanExcel => (b';', "\u{feff}".as_bytes()),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(bom.to_vec());
    w.write_record(columns.iter().map(AsRef::as_ref))
        .map_err(internal)?;
    for row in rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Text(s) => s.clone(),
            Value::Number(n) => match dialect {
                Dialect::Comma => number_text(*n),
                Dialect::GermanExcel => number_text(*n).replace('.', ","),
            },
            Value::Date(d) => d.text(dialect),
            Value::DateTime(t) => t.text(dialect),
            Value::Empty => String::new(),
        }))
        .map_err(internal)?;
    }
    w.into_inner()
        .map_err(|e| AppError::Internal(format!("csv export: {e}")))
}

pub fn xlsx<S: AsRef<str>>(
    name: &str,
    columns: &[S],
    rows: &[Vec<Value>],
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let internal = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx export: {e}"));
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    // Excel's built-in formats 14 (short date) and 22 (short date and time) are shown in the
    // reader's own regional format: 04.10.2026 in German Excel, 10/4/2026 in American.
    let date_format = XFormat::new().set_num_format_index(14);
    let datetime_format = XFormat::new().set_num_format_index(22);
    let excel_day = |d: CalendarDay| {
        u16::try_from(d.year)
            .map_err(|_| AppError::Internal(format!("xlsx export: year {}", d.year)))
            .and_then(|y| ExcelDateTime::from_ymd(y, d.month, d.day).map_err(internal))
    };
    let sheet = book.add_worksheet();
    // A sheet name has at most 31 characters and none of `[]:*?/\`.
    let sheet_name: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    sheet.set_name(&sheet_name).map_err(internal)?;
    for (c, h) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h.as_ref(), &bold)
            .map_err(internal)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            match v {
                Value::Text(s) => {
                    sheet.write_string(r, c as u16, s).map_err(internal)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c as u16, *n).map_err(internal)?;
                }
                Value::Date(d) => {
                    sheet
                        .write_datetime_with_format(r, c as u16, excel_day(*d)?, &date_format)
                        .map_err(internal)?;
                }
                Value::DateTime(t) => {
                    let at = excel_day(t.day)?
                        .and_hms(u16::from(t.hour), t.minute, 0)
                        .map_err(internal)?;
                    sheet
                        .write_datetime_with_format(r, c as u16, at, &datetime_format)
                        .map_err(internal)?;
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(internal)?;
    // Columns as wide as their contents, so dates show instead of ####.
    sheet.autofit();
    book.save_to_buffer().map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_excel_gets_semicolons_a_bom_and_decimal_commas() {
        let rows = vec![vec!["Nguyễn; Văn".into(), 12.5f64.into(), Value::Empty]];
        let csv = csv(&["Name", "Wert", "Leer"], &rows, Dialect::GermanExcel).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "\u{feff}Name;Wert;Leer\n\"Nguyễn; Văn\";12,500;\n"
        );
        let plain = super::csv(&["a", "b", "c"], &rows, Dialect::Comma).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            "a,b,c\nNguyễn; Văn,12.500,\n"
        );
    }
}
