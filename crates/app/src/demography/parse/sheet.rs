//! The table of an import file: CSV (comma or semicolon, UTF-8) or the first worksheet of an
//! XLSX workbook, with the line number of every row.

use std::io::Cursor;

use super::{Issue, whole};

/// A table: header cells (lower-cased, trimmed) and the data rows with their line numbers.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads CSV or XLSX (recognised by its zip signature).
pub fn read_sheet(file: &'static str, bytes: &[u8]) -> Result<Sheet, Issue> {
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(file, bytes)?
    } else {
        read_csv(file, bytes)?
    };
    let mut it = rows.into_iter();
    let (_, header) = it
        .next()
        .ok_or_else(|| whole(file, "the file is empty (a header row is needed)"))?;
    let header = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let rows = it
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Sheet { header, rows })
}

fn read_csv(file: &'static str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Issue> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| whole(file, "the file is not UTF-8 text (save the CSV as UTF-8)"))?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    // Lines counted by the engine's reader, not by csv (one too low after CRLF, rust-csv#395).
    let (counting, lines) = standort_demography::csvio::line_counting(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(counting);
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Issue {
            file,
            line: e.position().map_or(0, |p| lines.line_of(p.byte()) as usize),
            message: format!("unreadable CSV: {:?}", e.kind()),
        })?;
        let line = record
            .position()
            .map_or(0, |p| lines.line_of(p.byte()) as usize);
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

fn read_xlsx(file: &'static str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Issue> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| whole(file, format!("unreadable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| whole(file, "the workbook has no worksheet"))?
        .map_err(|e| whole(file, format!("unreadable worksheet: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string(),
                })
                .collect();
            (first_row + i + 1, cells)
        })
        .collect())
}

/// Finds a column by any of its accepted names.
pub(super) fn column(sheet: &Sheet, names: &[&str]) -> Option<usize> {
    sheet
        .header
        .iter()
        .position(|h| names.contains(&h.as_str()))
}

pub(super) fn required(file: &'static str, sheet: &Sheet, names: &[&str]) -> Result<usize, Issue> {
    column(sheet, names).ok_or_else(|| Issue {
        file,
        line: 1, // the header row, as a spreadsheet numbers it
        message: format!(
            "the header has no column {:?} (found {:?})",
            names[0], sheet.header
        ),
    })
}

pub(super) fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map(|s| s.trim()).unwrap_or("")
}
