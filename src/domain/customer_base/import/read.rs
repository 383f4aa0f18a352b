//! Bytes to a table of text cells: encodings, delimiters, size limits.

use std::borrow::Cow;

use serde::Serialize;

use super::error::ImportError;

/// Size limits, enforced before parsing or while streaming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes, before anything is parsed.
    pub max_file_bytes: usize,
    /// Largest total unpacked size of an `.xlsx` (declared sizes checked
    /// first, actual sizes while unpacking).
    pub max_xlsx_unpacked_bytes: u64,
    /// Most parts (zip entries) an `.xlsx` may hold.
    pub max_xlsx_entries: usize,
    /// Most data rows (a header row comes on top).
    pub max_rows: usize,
    /// Most columns in a row.
    pub max_columns: usize,
    /// Largest cell, in bytes of UTF-8.
    pub max_cell_bytes: usize,
    /// Most row issues listed one by one (their counts stay exact).
    pub max_listed_issues: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_xlsx_unpacked_bytes: 300 * 1024 * 1024,
            max_xlsx_entries: 10_000,
            max_rows: 2_000_000,
            max_columns: 200,
            max_cell_bytes: 1024 * 1024,
            max_listed_issues: 50,
        }
    }
}

/// The kind of file that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// Comma-separated text.
    Csv,
    /// Semicolon-separated text (numbers may use a decimal comma).
    Semicolon,
    /// Tab-separated text.
    Tsv,
    /// Columns separated by runs of spaces or tabs (like `CDNOW_master.txt`).
    Whitespace,
    /// An Office Open XML workbook (first sheet).
    Xlsx,
}

/// The text encoding that was detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 without byte-order mark.
    Utf8,
    /// UTF-8 with byte-order mark.
    Utf8Bom,
    /// UTF-16 (with byte-order mark), as Excel's "Unicode text" export.
    Utf16,
    /// GB18030 (a superset of GBK and GB2312), used when the bytes are not UTF-8.
    Gb18030,
    /// Not applicable: an `.xlsx` workbook.
    Workbook,
}

/// A table of text cells held compactly (one string, offsets), so that later
/// passes need no parsing and hold no per-cell allocation. Blank rows are
/// dropped; each kept row remembers its row number in the file.
#[derive(Clone, Debug, Default)]
pub struct Table {
    text: String,
    cell_ends: Vec<u32>,
    row_starts: Vec<u32>,
    row_numbers: Vec<u32>,
    columns: usize,
}

impl Table {
    /// Number of rows (a header row included).
    pub fn rows(&self) -> usize {
        self.row_numbers.len()
    }

    /// Largest number of cells in a row.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// The row number in the file (1-based line of a text file, sheet row of
    /// a workbook) of table row `index`.
    pub fn row_number(&self, index: usize) -> usize {
        self.row_numbers.get(index).map_or(0, |n| *n as usize)
    }

    /// The cells of table row `index` (empty when out of range).
    pub fn row(&self, index: usize) -> Row<'_> {
        let start = self.row_starts.get(index).map_or(0, |s| *s as usize);
        let end = self.row_starts.get(index + 1).map_or(start, |s| *s as usize);
        Row { table: self, start, end: end.max(start) }
    }

    fn cell_text(&self, global: usize) -> &str {
        let start = match global.checked_sub(1) {
            Some(prev) => self.cell_ends.get(prev).map_or(0, |e| *e as usize),
            None => 0,
        };
        let end = self.cell_ends.get(global).map_or(start, |e| *e as usize);
        self.text.get(start..end).unwrap_or("")
    }
}

/// One row of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'t> {
    table: &'t Table,
    start: usize,
    end: usize,
}

impl<'t> Row<'t> {
    /// Number of cells.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    /// Cell `column` (0-based), trimmed; `""` when the row is shorter.
    pub fn get(&self, column: usize) -> &'t str {
        if column >= self.len() {
            return "";
        }
        self.table.cell_text(self.start + column)
    }
    /// The cells, trimmed.
    pub fn cells(&self) -> impl Iterator<Item = &'t str> + 't {
        let (t, s, e) = (self.table, self.start, self.end);
        (s..e).map(move |g| t.cell_text(g))
    }
}

/// Builds a [`Table`] while enforcing the limits.
pub(crate) struct TableBuilder<'l> {
    table: Table,
    limits: &'l Limits,
    row_cells: usize,
}

impl<'l> TableBuilder<'l> {
    pub(crate) fn new(limits: &'l Limits) -> Self {
        let mut table = Table::default();
        table.row_starts.push(0);
        TableBuilder { table, limits, row_cells: 0 }
    }

    /// Adds a cell to the current row, trimmed (cells are stored trimmed,
    /// so reading them needs no work); `row_number` is for messages.
    pub(crate) fn push_cell(&mut self, cell: &str, row_number: usize) -> Result<(), ImportError> {
        let cell = if cell.is_ascii() { cell.trim_ascii() } else { cell.trim() };
        if cell.len() > self.limits.max_cell_bytes {
            let col = self.row_cells + 1;
            return Err(ImportError::cell_too_large(row_number, col, self.limits.max_cell_bytes));
        }
        self.row_cells += 1;
        if self.row_cells > self.limits.max_columns {
            return Err(ImportError::too_many_columns(row_number, self.row_cells, self.limits.max_columns));
        }
        self.table.text.push_str(cell);
        let end = u32::try_from(self.table.text.len()).map_err(|_| ImportError::too_much_text())?;
        self.table.cell_ends.push(end);
        Ok(())
    }

    /// Ends the current row; a row whose cells are all blank is dropped.
    pub(crate) fn end_row(&mut self, row_number: usize) -> Result<(), ImportError> {
        let t = &mut self.table;
        let first = t.row_starts.last().map_or(0, |s| *s as usize);
        let start = first.checked_sub(1).and_then(|p| t.cell_ends.get(p)).map_or(0, |e| *e as usize);
        // Cells are trimmed: the row is blank when it added no text.
        let blank = t.text.len() == start;
        if blank {
            let keep = first.checked_sub(1).and_then(|p| t.cell_ends.get(p)).map_or(0, |e| *e);
            t.text.truncate(keep as usize);
            t.cell_ends.truncate(first);
        } else {
            if t.row_numbers.len() > self.limits.max_rows {
                return Err(ImportError::too_many_rows(self.limits.max_rows));
            }
            t.columns = t.columns.max(self.row_cells);
            let cells = u32::try_from(t.cell_ends.len()).map_err(|_| ImportError::too_much_text())?;
            t.row_starts.push(cells);
            t.row_numbers.push(u32::try_from(row_number).unwrap_or(u32::MAX));
        }
        self.row_cells = 0;
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<Table, ImportError> {
        if self.table.rows() == 0 {
            return Err(ImportError::empty());
        }
        Ok(self.table)
    }
}

/// Decodes text bytes: UTF-8 (BOM stripped), UTF-16 with BOM, else GB18030.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), TextEncoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes.starts_with(b"\xFF\xFE") { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, _) = enc.decode(bytes);
        return (text, TextEncoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text, TextEncoding::Gb18030)
        }
    }
}

/// Guesses the delimiter from the first lines: the candidate found on the
/// first line and with the same count on most lines; none → whitespace.
pub(crate) fn detect_format(text: &str) -> FileFormat {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let Some(first) = lines.first() else {
        return FileFormat::Whitespace;
    };
    let mut best: Option<(usize, usize, FileFormat)> = None;
    for (ch, format) in [('\t', FileFormat::Tsv), (';', FileFormat::Semicolon), (',', FileFormat::Csv)] {
        let n = first.matches(ch).count();
        if n == 0 {
            continue;
        }
        let same = lines.iter().filter(|l| l.matches(ch).count() == n).count();
        if best.is_none_or(|(s, c, _)| (same, n) > (s, c)) {
            best = Some((same, n, format));
        }
    }
    best.map_or(FileFormat::Whitespace, |(_, _, f)| f)
}

/// Reads delimited or whitespace-separated text into a table.
pub(crate) fn read_text(text: &str, format: FileFormat, limits: &Limits) -> Result<Table, ImportError> {
    let mut b = TableBuilder::new(limits);
    // The cells' text is at most the file's: one allocation, no copies as
    // it grows (a few megabytes copied two or three times otherwise).
    b.table.text.reserve(text.len());
    let delimiter = match format {
        FileFormat::Tsv => b'\t',
        FileFormat::Semicolon => b';',
        FileFormat::Csv => b',',
        FileFormat::Whitespace | FileFormat::Xlsx => {
            for (i, line) in text.lines().enumerate() {
                if line.is_ascii() {
                    for cell in line.split_ascii_whitespace() {
                        b.push_cell(cell, i + 1)?;
                    }
                } else {
                    for cell in line.split_whitespace() {
                        b.push_cell(cell, i + 1)?;
                    }
                }
                b.end_row(i + 1)?;
            }
            return b.finish();
        }
    };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    // Line numbers are counted from the record's byte offset (the csv
    // crate's own line count ignores skipped blank lines).
    let bytes = text.as_bytes();
    let (mut cursor, mut line) = (0usize, 1usize);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // Only I/O or UTF-8 errors are possible here, and neither occurs
            // on an in-memory `&str`; stop reading rather than panic.
            Err(_) => break,
        }
        let mut at = record.position().map_or(cursor, |p| p.byte() as usize).max(cursor);
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        line += bytes.get(cursor..at).map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
        cursor = at;
        for field in record.iter() {
            let cell = String::from_utf8_lossy(field);
            b.push_cell(&cell, line)?;
        }
        b.end_row(line)?;
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_format("a,b,c\n1,2,3\n"), FileFormat::Csv);
        assert_eq!(detect_format("a;b;c\n1;2;3,5\n"), FileFormat::Semicolon);
        assert_eq!(detect_format("a\tb\n1\t2\n"), FileFormat::Tsv);
        assert_eq!(detect_format(" 00001 19970101  1   11.77\r\n"), FileFormat::Whitespace);
    }

    #[test]
    fn table_keeps_row_numbers_and_drops_blank_rows() {
        let t = read_text("a,b\n\n1,\"x,y\"\n ,  \n2,3,4\n", FileFormat::Csv, &Limits::default());
        let t = t.expect("table");
        assert_eq!(t.rows(), 3);
        assert_eq!(t.columns(), 3);
        assert_eq!(t.row(1).get(1), "x,y");
        assert_eq!(t.row_number(1), 3);
        assert_eq!(t.row_number(2), 5);
        assert_eq!(t.row(2).cells().collect::<Vec<_>>(), ["2", "3", "4"]);
        assert_eq!(t.row(9).get(0), "");
    }

    #[test]
    fn decodes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa").1, TextEncoding::Utf8Bom);
        let (gb, _, _) = encoding_rs::GB18030.encode("客户,日期");
        let (text, enc) = decode(&gb);
        assert_eq!((text.as_ref(), enc), ("客户,日期", TextEncoding::Gb18030));
        assert_eq!(decode(b"\xFF\xFEa\x00").0, "a");
    }
}
