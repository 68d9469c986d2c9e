//! Tables as CSV or XLSX downloads (column names are stable English identifiers, documented
//! in `docs/demography.md`, so scripts can rely on them).

use crate::AppError;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
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

/// A named table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    /// File name stem, e.g. `indicators-14729`.
    pub name: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
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

impl Table {
    pub fn render(&self, format: Format) -> Result<Download, AppError> {
        let bytes = match format {
            Format::Csv => self.csv()?,
            Format::Xlsx => self.xlsx()?,
        };
        Ok(Download {
            file_name: format!("{}.{}", self.name, format.extension()),
            content_type: format.content_type(),
            bytes,
        })
    }

    pub fn csv(&self) -> Result<Vec<u8>, AppError> {
        let internal = |e: csv::Error| AppError::Internal(format!("csv export: {e}"));
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.columns).map_err(internal)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|v| match v {
                Value::Text(s) => s.clone(),
                Value::Number(n) => number_text(*n),
                Value::Empty => String::new(),
            }))
            .map_err(internal)?;
        }
        w.into_inner()
            .map_err(|e| AppError::Internal(format!("csv export: {e}")))
    }

    pub fn xlsx(&self) -> Result<Vec<u8>, AppError> {
        use rust_xlsxwriter::{Format as XFormat, Workbook};
        let internal =
            |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx export: {e}"));
        let mut book = Workbook::new();
        let bold = XFormat::new().set_bold();
        let sheet = book.add_worksheet();
        let name: String = self.name.chars().take(31).collect();
        sheet.set_name(&name).map_err(internal)?;
        for (c, h) in self.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(internal)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                match v {
                    Value::Text(s) => {
                        sheet.write_string(r, c as u16, s).map_err(internal)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number(r, c as u16, *n).map_err(internal)?;
                    }
                    Value::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(internal)?;
        book.save_to_buffer().map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_xlsx_carry_the_same_table() {
        let t = Table {
            name: "gap-14729150".into(),
            columns: vec!["year", "region", "places"],
            rows: vec![
                vec![2030i64.into(), "Grimma, Ort".into(), 12.5f64.into()],
                vec![2031i64.into(), "Nerchau".into(), Value::Empty],
            ],
        };
        let csv = String::from_utf8(t.csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "year,region,places\n2030,\"Grimma, Ort\",12.500\n2031,Nerchau,\n"
        );
        let x = t.render(Format::Xlsx).unwrap();
        assert!(x.bytes.starts_with(b"PK"));
        assert_eq!(x.file_name, "gap-14729150.xlsx");
        // Our own XLSX reads back through the import reader.
        let sheet = super::super::parse::read_sheet("population", &x.bytes).unwrap();
        assert_eq!(sheet.header, ["year", "region", "places"]);
        assert_eq!(sheet.rows[0].1[0], "2030");
        assert_eq!(sheet.rows[0].0, 2);
    }
}
