//! The models' error type: opaque, with a private kind and stable messages.

use std::fmt;

/// Why a fit, a prediction or a validation step could not be carried out.
///
/// The error is opaque: its [`Display`](fmt::Display) message says what
/// went wrong and what the models need, in words fit for an end user.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ErrorKind {
    Empty,
    InvalidValue { row: usize, field: &'static str, reason: &'static str },
    TooFewCustomers(f64),
    NoRepeatCustomers,
    OneDay,
    NoSpend,
    TooFewSpend(f64),
    Setting { name: &'static str, reason: &'static str },
    LengthMismatch { what: &'static str, expected: usize, got: usize },
    Numerical(&'static str),
    Prediction(usize),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    pub(crate) fn invalid(row: usize, field: &'static str, reason: &'static str) -> Self {
        Error::new(ErrorKind::InvalidValue { row, field, reason })
    }

    pub(crate) fn mismatch(what: &'static str, expected: usize, got: usize) -> Self {
        Error::new(ErrorKind::LengthMismatch { what, expected, got })
    }

    pub(crate) fn setting(name: &'static str, reason: &'static str) -> Self {
        Error::new(ErrorKind::Setting { name, reason })
    }

    /// A stable machine-readable code: `empty`, `invalid_value`,
    /// `too_few_customers`, `no_repeat_customers`, `one_day`, `no_spend`,
    /// `too_few_spend`, `setting`, `mismatch`, `numerical`, `prediction`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidValue { .. } => "invalid_value",
            ErrorKind::TooFewCustomers(_) => "too_few_customers",
            ErrorKind::NoRepeatCustomers => "no_repeat_customers",
            ErrorKind::OneDay => "one_day",
            ErrorKind::NoSpend => "no_spend",
            ErrorKind::TooFewSpend(_) => "too_few_spend",
            ErrorKind::Setting { .. } => "setting",
            ErrorKind::LengthMismatch { .. } => "mismatch",
            ErrorKind::Numerical(_) => "numerical",
            ErrorKind::Prediction(_) => "prediction",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Empty => f.write_str("the summary has no customers; the models need at least 10 customers"),
            ErrorKind::InvalidValue { row, field, reason } => {
                write!(f, "row {}: {} {}", row + 1, field, reason)
            }
            ErrorKind::TooFewCustomers(n) => write!(f, "only {n} customers; the models need at least 10 customers"),
            ErrorKind::NoRepeatCustomers => f.write_str(
                "no customer made a repeat purchase; the models need some customers \
                 with frequency above 0",
            ),
            ErrorKind::OneDay => f.write_str(
                "every purchase falls on one day (all recency or all T are 0); the models \
                 need purchases spread over time",
            ),
            ErrorKind::NoSpend => f.write_str(
                "no repeat customer has a monetary value above 0; the spend model needs \
                 repeat customers with spend",
            ),
            ErrorKind::TooFewSpend(n) => write!(f, "only {n} repeat customers with spend; the spend model needs at least 10"),
            ErrorKind::Setting { name, reason } => write!(f, "{name} {reason}"),
            ErrorKind::LengthMismatch { what, expected, got } => write!(f, "{what} has {got} entries but the summary has {expected} rows"),
            ErrorKind::Numerical(what) => write!(
                f,
                "the {what} could not be evaluated at any starting point; the data may \
                 be too extreme for the model"
            ),
            ErrorKind::Prediction(row) => write!(f, "row {}: the model's prediction is not a finite number", row + 1),
        }
    }
}

impl std::error::Error for Error {}
