//! Tables as CSV or XLSX downloads (column names are stable English identifiers, documented
//! in `docs/demography.md`, so scripts can rely on them).

use crate::AppError;

pub use crate::export::{Dialect, Download, Format, Value};

/// A named table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    /// File name stem, e.g. `indicators-14729`.
    pub name: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn render(&self, format: Format) -> Result<Download, AppError> {
        crate::export::render(
            &self.name,
            &self.columns,
            &self.rows,
            format,
            Dialect::Comma,
        )
    }

    pub fn csv(&self) -> Result<Vec<u8>, AppError> {
        crate::export::csv(&self.columns, &self.rows, Dialect::Comma)
    }

    pub fn xlsx(&self) -> Result<Vec<u8>, AppError> {
        crate::export::xlsx(&self.name, &self.columns, &self.rows)
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
