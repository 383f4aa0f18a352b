//! Imports a manager's transaction log (or an RFM summary) and summarises it
//! for customer-base models ("buy till you die": BG/NBD, Pareto/NBD,
//! Gamma-Gamma), following DESIGN §2.5.
//!
//! Pure Rust, no I/O: bytes in, a [`Summary`] out. It compiles for
//! `wasm32-unknown-unknown` and is meant to run inside a Web Worker.
//!
//! ```
//! use customer_value_calculator::domain::customer_base::import::{ImportFile, Limits, SummaryOptions, TimeUnit};
//!
//! let csv = "customer_id,date,amount\n1,1997-01-01,10\n1,1997-01-08,20\n2,1997-01-02,5\n";
//! let file = ImportFile::read("log.csv", csv.as_bytes(), &Limits::default()).unwrap();
//! assert!(!file.needs_confirmation());
//! let log = file.transactions(file.mapping()).unwrap();
//! let options = SummaryOptions { time_unit: TimeUnit::Day, ..Default::default() };
//! let summary = log.summarise(&options).unwrap();
//! assert_eq!(summary.customers[0].frequency, 1);
//! assert_eq!(summary.customers[0].recency, 7.0);
//! assert_eq!(summary.customers[0].t, 7.0);
//! assert_eq!(summary.customers[0].monetary_value, Some(20.0));
//! ```
#![deny(missing_docs)]

mod date;
mod error;
mod export;
mod holdout;
mod issue;
mod log;
mod mapping;
mod read;
mod role;
mod summary;
mod summary_import;
mod xlsx;

pub use date::{Date, DatePattern};
pub use error::ImportError;
pub use export::{DataCell, SummaryData};
pub use holdout::{Acquisition, Holdout, TrackingPoint};
pub use issue::{Flagged, Reason, RowIssue, Skipped};
pub use log::TransactionLog;
pub use mapping::{Detection, Mapping, Role, Shape};
pub use read::{FileFormat, Limits, Row, Table, TextEncoding};
pub use summary::{group_customers, CustomerRow, Source, Summary, SummaryOptions, TimeUnit};

/// A file read into a table, with the detected column mapping.
#[derive(Clone, Debug)]
pub struct ImportFile {
    name: String,
    format: FileFormat,
    encoding: TextEncoding,
    table: Table,
    detection: Detection,
    max_listed: usize,
}

impl ImportFile {
    /// Reads a file's bytes: `.xlsx` (first sheet) when they are a zip
    /// archive, else text (UTF-8 with or without BOM, UTF-16 with BOM, else
    /// GB18030) separated by commas, semicolons, tabs or runs of spaces. The
    /// limits are enforced before parsing (file size, unpacked workbook size)
    /// and while streaming (rows, columns, cell size).
    pub fn read(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<ImportFile, ImportError> {
        if bytes.len() > limits.max_file_bytes {
            return Err(ImportError::file_too_large(bytes.len(), limits.max_file_bytes));
        }
        if xlsx::looks_like_xls(bytes) {
            return Err(ImportError::xlsx("legacy .xls is not supported; save it as .xlsx or CSV"));
        }
        let (format, encoding, table) = if xlsx::looks_like_zip(bytes) {
            (FileFormat::Xlsx, TextEncoding::Workbook, xlsx::read_xlsx(bytes, limits)?)
        } else {
            let (text, encoding) = read::decode(bytes);
            let format = read::detect_format(&text);
            (format, encoding, read::read_text(&text, format, limits)?)
        };
        let detection = mapping::detect(&table, format == FileFormat::Semicolon);
        Ok(ImportFile { name: file_name.to_string(), format, encoding, table, detection, max_listed: limits.max_listed_issues })
    }

    /// The file name given to [`ImportFile::read`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The detected file format.
    pub fn format(&self) -> FileFormat {
        self.format
    }

    /// The detected text encoding.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// The whole table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The first `rows` rows (a header included) as strings, for the
    /// column-mapping step.
    pub fn preview(&self, rows: usize) -> Vec<Vec<String>> {
        (0..self.table.rows().min(rows)).map(|r| self.table.row(r).cells().map(str::to_string).collect()).collect()
    }

    /// The detected mapping.
    pub fn mapping(&self) -> &Mapping {
        &self.detection.mapping
    }

    /// The detected mapping and whether it needs confirming.
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// False only when the header names exactly the DESIGN §2.5 columns (or
    /// their aliases), so that the file imports without the mapping step.
    pub fn needs_confirmation(&self) -> bool {
        self.detection.needs_confirmation
    }

    /// True when numbers may use a decimal comma (semicolon files).
    fn decimal_comma(&self) -> bool {
        self.format == FileFormat::Semicolon
    }

    /// Reads a transactions-shaped file with a (possibly edited) mapping.
    pub fn transactions(&self, mapping: &Mapping) -> Result<TransactionLog, ImportError> {
        TransactionLog::from_table(&self.name, &self.table, mapping, self.decimal_comma(), self.max_listed)
    }

    /// Reads a summary-shaped file with a (possibly edited) mapping; bad rows
    /// (frequency not whole ≥ 0, recency outside 0..=T, negative monetary
    /// value, count not whole ≥ 1) are skipped and listed.
    pub fn summary(&self, mapping: &Mapping, time_unit: TimeUnit) -> Result<Summary, ImportError> {
        let mut s = summary_import::read_summary(&self.name, &self.table, mapping, self.decimal_comma(), self.max_listed)?;
        s.time_unit = time_unit;
        Ok(s)
    }

    /// Summarises with a mapping, whatever its shape.
    pub fn summarise(&self, mapping: &Mapping, options: &SummaryOptions) -> Result<Summary, ImportError> {
        match mapping.shape {
            Shape::Transactions => self.transactions(mapping)?.summarise(options),
            Shape::Summary => self.summary(mapping, options.time_unit),
        }
    }
}
