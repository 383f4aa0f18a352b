//! `.xlsx` workbooks: zip-bomb checks, then the first sheet via `calamine`.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::date::Date;
use super::error::ImportError;
use super::read::{Limits, Table, TableBuilder};

/// True when the bytes start like a zip archive.
pub(crate) fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// True when the bytes start like a legacy OLE file (`.xls`).
pub(crate) fn looks_like_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Refuses zip bombs before calamine sees the bytes: the number of entries
/// and the sum of the declared sizes are checked from the central directory,
/// then every entry is unpacked into a counter that stops one byte past its
/// declared size (so a lying header costs at most the declared total).
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(ImportError::xlsx)?;
    if zip.len() > limits.max_xlsx_entries {
        return Err(ImportError::xlsx_too_many_entries(zip.len(), limits.max_xlsx_entries));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(ImportError::xlsx)?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > limits.max_xlsx_unpacked_bytes {
        return Err(ImportError::xlsx_too_large(declared, limits.max_xlsx_unpacked_bytes));
    }
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(ImportError::xlsx)?;
        let size = entry.size();
        let name = entry.name().to_string();
        let mut total = 0u64;
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(ImportError::xlsx(format!("{name}: {e}"))),
            };
            total = total.saturating_add(n as u64);
            if total > size {
                return Err(ImportError::xlsx_entry_larger(&name));
            }
        }
    }
    Ok(())
}

/// Reads the first sheet of a workbook into a table. Dates formatted as
/// dates become `YYYY-MM-DD`; numbers are written in their shortest form.
pub(crate) fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Table, ImportError> {
    check_zip(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(ImportError::xlsx)?;
    let first = book.sheet_names().into_iter().next().ok_or_else(|| ImportError::xlsx("the workbook has no sheet"))?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(ImportError::xlsx)?;
    let mut b = TableBuilder::new(limits);
    // Current sheet row (0-based) and the next column to fill in it.
    let mut row: Option<u32> = None;
    let mut next_col: u32 = 0;
    let max_row = u32::try_from(limits.max_rows).unwrap_or(u32::MAX);
    let max_col = u32::try_from(limits.max_columns).unwrap_or(u32::MAX);
    while let Some(cell) = cells.next_cell().map_err(ImportError::xlsx)? {
        let (r, c) = cell.get_position();
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if row != Some(r) {
            if let Some(prev) = row {
                if r < prev {
                    return Err(ImportError::xlsx("the sheet's rows are out of order"));
                }
                b.end_row(prev as usize + 1)?;
            }
            // Rows past the limit (plus a header) are refused while streaming.
            if r > max_row {
                return Err(ImportError::too_many_rows(limits.max_rows));
            }
            row = Some(r);
            next_col = 0;
        }
        let line = r as usize + 1;
        if c < next_col {
            return Err(ImportError::xlsx("the sheet's cells are out of order"));
        }
        if c >= max_col {
            return Err(ImportError::too_many_columns(line, c as usize + 1, limits.max_columns));
        }
        while next_col < c {
            b.push_cell("", line)?;
            next_col += 1;
        }
        b.push_cell(&text, line)?;
        next_col += 1;
    }
    if let Some(prev) = row {
        b.end_row(prev as usize + 1)?;
    }
    b.finish()
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => {
            let v = dt.as_f64();
            if dt.is_datetime() && v.is_finite() && (0.0..2_958_466.0).contains(&v) {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match Date::from_ymd(i32::from(y), u32::from(m), u32::from(d)) {
                    Some(date) => date.to_string(),
                    None => float_text(v),
                }
            } else {
                float_text(v)
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
        DataRef::Empty => String::new(),
    }
}

/// Shortest text that reads back as the same number (`12` for 12.0).
fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(float_text(12.0), "12");
        assert_eq!(float_text(11.77), "11.77");
        assert_eq!(float_text(-0.5), "-0.5");
    }
}
