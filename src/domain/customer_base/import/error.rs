//! The import error: an opaque type with a private kind and a stable message.

use std::fmt;

use crate::domain::i18n::{fill, Lang, Msg};

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

impl ImportError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let n = |v: &dyn fmt::Display| v.to_string();
        let (msg, args): (Msg, Vec<(&str, String)>) = match &self.kind {
            Kind::FileTooLarge { size, limit } => (Msg::CbeFileTooLarge, vec![("size", n(size)), ("limit", n(limit))]),
            Kind::Empty => (Msg::CbeEmpty, vec![]),
            Kind::TooManyRows { limit } => (Msg::CbeTooManyRows, vec![("limit", n(limit))]),
            Kind::TooManyColumns { row, columns, limit } => {
                (Msg::CbeTooManyColumns, vec![("row", n(row)), ("columns", n(columns)), ("limit", n(limit))])
            }
            Kind::CellTooLarge { row, column, limit } => {
                (Msg::CbeCellTooLarge, vec![("row", n(row)), ("column", n(column)), ("limit", n(limit))])
            }
            Kind::XlsxTooLarge { size, limit } => (Msg::CbeXlsxTooLarge, vec![("size", n(size)), ("limit", n(limit))]),
            Kind::XlsxTooManyEntries { entries, limit } => (Msg::CbeXlsxTooManyEntries, vec![("entries", n(entries)), ("limit", n(limit))]),
            Kind::XlsxEntryLargerThanDeclared { entry } => (Msg::CbeXlsxEntry, vec![("entry", format!("{entry:?}"))]),
            Kind::Xlsx(m) => (Msg::CbeXlsx, vec![("detail", m.clone())]),
            Kind::TooMuchText => (Msg::CbeTooMuchText, vec![]),
            Kind::BadDate(t) => (Msg::CbeBadDate, vec![("text", format!("{t:?}"))]),
            Kind::BadDatePattern(t) => (Msg::CbeBadDatePattern, vec![("text", format!("{t:?}"))]),
            Kind::MissingColumn(role) => (Msg::CbeMissingColumn, vec![("role", n(role))]),
            Kind::ColumnOutOfRange { role, column, columns } => {
                (Msg::CbeColumnOutOfRange, vec![("role", n(role)), ("column", n(column)), ("columns", n(columns))])
            }
            Kind::SameColumnTwice { column } => (Msg::CbeSameColumnTwice, vec![("column", n(column))]),
            Kind::WrongShape { expected } => (Msg::CbeWrongShape, vec![("expected", n(expected))]),
            Kind::CalibrationNotBeforeEnd => (Msg::CbeCalibration, vec![]),
            Kind::NoTransactions => (Msg::CbeNoTransactions, vec![]),
            Kind::NoCustomers => (Msg::CbeNoCustomers, vec![]),
        };
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(msg.text(lang), &args)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}
