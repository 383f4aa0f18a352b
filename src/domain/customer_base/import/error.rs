//! The import error: an opaque type with a private kind and a stable message.

use std::fmt;

/// Why a file could not be imported, or an option could not be used.
///
/// The type is opaque (like `semver::Error`): match on nothing, show its
/// `Display` message to the user. Row-level problems are not errors; they are
/// counted and listed in the summary's issues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    FileTooLarge { size: usize, limit: usize },
    Empty,
    TooManyRows { limit: usize },
    TooManyColumns { row: usize, columns: usize, limit: usize },
    CellTooLarge { row: usize, column: usize, limit: usize },
    XlsxTooLarge { size: u64, limit: u64 },
    XlsxTooManyEntries { entries: usize, limit: usize },
    XlsxEntryLargerThanDeclared { entry: String },
    Xlsx(String),
    TooMuchText,
    BadDate(String),
    BadDatePattern(String),
    MissingColumn(&'static str),
    ColumnOutOfRange { role: &'static str, column: usize, columns: usize },
    SameColumnTwice { column: usize },
    WrongShape { expected: &'static str },
    CalibrationNotBeforeEnd,
    NoTransactions,
    NoCustomers,
}

impl ImportError {
    fn new(kind: Kind) -> Self {
        ImportError { kind }
    }
    pub(crate) fn file_too_large(size: usize, limit: usize) -> Self {
        Self::new(Kind::FileTooLarge { size, limit })
    }
    pub(crate) fn empty() -> Self {
        Self::new(Kind::Empty)
    }
    pub(crate) fn too_many_rows(limit: usize) -> Self {
        Self::new(Kind::TooManyRows { limit })
    }
    pub(crate) fn too_many_columns(row: usize, columns: usize, limit: usize) -> Self {
        Self::new(Kind::TooManyColumns { row, columns, limit })
    }
    pub(crate) fn cell_too_large(row: usize, column: usize, limit: usize) -> Self {
        Self::new(Kind::CellTooLarge { row, column, limit })
    }
    pub(crate) fn xlsx_too_large(size: u64, limit: u64) -> Self {
        Self::new(Kind::XlsxTooLarge { size, limit })
    }
    pub(crate) fn xlsx_too_many_entries(entries: usize, limit: usize) -> Self {
        Self::new(Kind::XlsxTooManyEntries { entries, limit })
    }
    pub(crate) fn xlsx_entry_larger(entry: &str) -> Self {
        Self::new(Kind::XlsxEntryLargerThanDeclared { entry: entry.chars().take(100).collect() })
    }
    pub(crate) fn xlsx(message: impl fmt::Display) -> Self {
        let m: String = message.to_string().chars().take(200).collect();
        Self::new(Kind::Xlsx(m))
    }
    pub(crate) fn too_much_text() -> Self {
        Self::new(Kind::TooMuchText)
    }
    pub(crate) fn bad_date(text: &str) -> Self {
        Self::new(Kind::BadDate(text.chars().take(40).collect()))
    }
    pub(crate) fn bad_date_pattern(text: &str) -> Self {
        Self::new(Kind::BadDatePattern(text.chars().take(40).collect()))
    }
    pub(crate) fn missing_column(role: &'static str) -> Self {
        Self::new(Kind::MissingColumn(role))
    }
    pub(crate) fn column_out_of_range(role: &'static str, column: usize, columns: usize) -> Self {
        Self::new(Kind::ColumnOutOfRange { role, column, columns })
    }
    pub(crate) fn same_column_twice(column: usize) -> Self {
        Self::new(Kind::SameColumnTwice { column })
    }
    pub(crate) fn wrong_shape(expected: &'static str) -> Self {
        Self::new(Kind::WrongShape { expected })
    }
    pub(crate) fn calibration_not_before_end() -> Self {
        Self::new(Kind::CalibrationNotBeforeEnd)
    }
    pub(crate) fn no_transactions() -> Self {
        Self::new(Kind::NoTransactions)
    }
    pub(crate) fn no_customers() -> Self {
        Self::new(Kind::NoCustomers)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::FileTooLarge { size, limit } => write!(f, "the file has {size} bytes; at most {limit} bytes can be imported"),
            Kind::Empty => f.write_str("the file holds no data"),
            Kind::TooManyRows { limit } => {
                write!(f, "the file has more than {limit} rows; at most {limit} can be imported")
            }
            Kind::TooManyColumns { row, columns, limit } => write!(f, "row {row} has {columns} columns; at most {limit} can be imported"),
            Kind::CellTooLarge { row, column, limit } => write!(f, "row {row}, column {column} holds more than {limit} bytes"),
            Kind::XlsxTooLarge { size, limit } => write!(f, "the workbook unpacks to {size} bytes; at most {limit} bytes can be imported"),
            Kind::XlsxTooManyEntries { entries, limit } => write!(f, "the workbook holds {entries} parts; at most {limit} are accepted"),
            Kind::XlsxEntryLargerThanDeclared { entry } => {
                write!(f, "the workbook part {entry:?} unpacks to more than it declares; the file is refused")
            }
            Kind::Xlsx(m) => write!(f, "the workbook cannot be read: {m}"),
            Kind::TooMuchText => f.write_str("the file holds too much text to import"),
            Kind::BadDate(t) => write!(f, "{t:?} is not a date of the form YYYY-MM-DD"),
            Kind::BadDatePattern(t) => {
                write!(f, "{t:?} is not a known date pattern (YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, DD/MM/YYYY, MM/DD/YYYY)")
            }
            Kind::MissingColumn(role) => write!(f, "no column is mapped to {role}"),
            Kind::ColumnOutOfRange { role, column, columns } => {
                write!(f, "{role} is mapped to column {column}, but the file has {columns} columns")
            }
            Kind::SameColumnTwice { column } => {
                write!(f, "column {column} is mapped to two roles")
            }
            Kind::WrongShape { expected } => {
                write!(f, "the column mapping is not for a {expected} file")
            }
            Kind::CalibrationNotBeforeEnd => f.write_str("calibration_end must be before observation_end"),
            Kind::NoTransactions => f.write_str("no readable transaction up to observation_end"),
            Kind::NoCustomers => f.write_str("no readable customer row"),
        }
    }
}

impl std::error::Error for ImportError {}
