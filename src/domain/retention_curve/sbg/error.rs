//! Error types: one opaque [`Error`] (a private kind plus an optional cell
//! location) and [`ErrorList`], the capped list the input checks return.

use std::fmt;

/// Most errors an [`ErrorList`] keeps; scanning stops after this many.
pub const MAX_ERRORS: usize = 20;

/// Where an error sits: a cohort and, when it concerns one cell, a period
/// index into `active` (0 is the cohort size n_0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Location {
    cohort: usize,
    period: Option<usize>,
}

/// What went wrong. Private so that new kinds are not breaking changes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ErrorKind {
    NoCohorts,
    TooManyCohorts { count: usize },
    TooFewPeriods,
    TooManyPeriods,
    Blank,
    NotANumber { text: String },
    NotFiniteNonNegative { value: f64 },
    ZeroSize,
    Rising { value: f64, previous: f64 },
    TextTooLarge { bytes: usize },
    TableTooLarge,
    NothingPasted,
    NoChurn,
    AllChurnedFirstPeriod,
    Parameter { name: &'static str, value: f64, rule: &'static str },
}

/// An error in the cohort data, the pasted text, a setting, or the fit.
///
/// Its [`Display`](fmt::Display) is the message to show; [`Error::field_key`]
/// says which input it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    kind: ErrorKind,
    location: Option<Location>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind, location: None }
    }

    pub(crate) fn at_cell(kind: ErrorKind, cohort: usize, period: usize) -> Self {
        Error { kind, location: Some(Location { cohort, period: Some(period) }) }
    }

    pub(crate) fn parameter(name: &'static str, value: f64, rule: &'static str) -> Self {
        Error::new(ErrorKind::Parameter { name, value, rule })
    }

    /// A blank cell inside a cohort.
    pub fn blank_at(cohort: usize, period: usize) -> Self {
        Error::at_cell(ErrorKind::Blank, cohort, period)
    }

    /// The same error for another cohort index (when cohorts are checked one at a time).
    pub fn relocated(&self, cohort: usize) -> Self {
        let mut e = self.clone();
        if let Some(l) = &mut e.location {
            l.cohort = cohort;
        }
        e
    }

    /// "Enter at least one cohort".
    pub fn no_cohorts() -> Self {
        Error::new(ErrorKind::NoCohorts)
    }

    /// Zero-based index of the cohort the error belongs to, if any.
    pub fn cohort(&self) -> Option<usize> {
        self.location.map(|l| l.cohort)
    }

    /// Index into the cohort's `active` list (0 = n_0) of the offending cell,
    /// if the error concerns one cell.
    pub fn period(&self) -> Option<usize> {
        self.location.and_then(|l| l.period)
    }

    /// The input key the message belongs to, without the `error-` prefix:
    /// `cohorts-<i>-active-<t>` for a cell, `cohorts-<i>` for a whole
    /// cohort, the setting's name for a bad setting, else `cohorts`.
    pub fn field_key(&self) -> String {
        match (&self.kind, self.location) {
            (ErrorKind::Parameter { name, .. }, _) => (*name).to_string(),
            (_, Some(Location { cohort, period: Some(t) })) => format!("cohorts-{cohort}-active-{t}"),
            (_, Some(Location { cohort, .. })) => format!("cohorts-{cohort}"),
            (_, None) => "cohorts".to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = self.location {
            write!(f, "cohort {}", loc.cohort + 1)?;
            if let Some(t) = loc.period {
                write!(f, ", n_{t}")?;
            }
            f.write_str(": ")?;
        }
        match &self.kind {
            ErrorKind::NoCohorts => f.write_str("enter at least one cohort"),
            ErrorKind::TooManyCohorts { count } => write!(f, "at most {} cohorts are allowed, got {count}", super::input::MAX_COHORTS),
            ErrorKind::TooFewPeriods => f.write_str("enter the cohort size n_0 and at least one later count"),
            ErrorKind::TooManyPeriods => write!(f, "at most {} periods after n_0 are allowed", super::input::MAX_PERIODS),
            ErrorKind::Blank => f.write_str("blank cell inside the cohort; only trailing cells may be blank"),
            ErrorKind::NotANumber { text } => write!(f, "\"{text}\" is not a number"),
            ErrorKind::NotFiniteNonNegative { value } => {
                write!(f, "the count must be a finite number of at least 0, got {value}")
            }
            ErrorKind::ZeroSize => f.write_str("the cohort size n_0 must be above 0"),
            ErrorKind::Rising { value, previous } => {
                write!(f, "{value} is more than the {previous} of the period before; counts cannot rise")
            }
            ErrorKind::TextTooLarge { bytes } => {
                write!(f, "the pasted text has {bytes} bytes; at most {} are accepted", super::paste::MAX_TEXT_BYTES)
            }
            ErrorKind::TableTooLarge => {
                write!(f, "the pasted table is larger than {} cohorts of {} periods", super::input::MAX_COHORTS, super::input::MAX_PERIODS)
            }
            ErrorKind::NothingPasted => f.write_str("no cohort counts found in the pasted text"),
            ErrorKind::NoChurn => f.write_str("no customer ever left, so there is no retention curve to fit"),
            ErrorKind::AllChurnedFirstPeriod => {
                f.write_str("every customer left in the first period, so there is no retention curve to fit")
            }
            ErrorKind::Parameter { name, value, rule } => {
                write!(f, "{name} must be {rule}, got {value}")
            }
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The message in `lang`, with the cell it belongs to.
    pub fn message(&self, lang: crate::domain::i18n::Lang) -> String {
        use crate::domain::i18n::{fill, Msg};
        let t = |m: Msg| m.text(lang);
        let plain = match &self.kind {
            ErrorKind::NoCohorts => t(Msg::RcErrNoCohorts).to_string(),
            ErrorKind::TooManyCohorts { .. } => fill(t(Msg::RcErrTooManyCohorts), &[("n", &super::input::MAX_COHORTS.to_string())]),
            ErrorKind::TooFewPeriods => t(Msg::RcErrTooFewPeriods).to_string(),
            ErrorKind::TooManyPeriods => fill(t(Msg::RcErrTooManyPeriods), &[("n", &super::input::MAX_PERIODS.to_string())]),
            ErrorKind::Blank => t(Msg::RcErrBlank).to_string(),
            ErrorKind::NotANumber { text } => {
                let shown: String = text.chars().take(20).collect();
                fill(t(Msg::RcErrNotNumber), &[("text", &shown)])
            }
            ErrorKind::NotFiniteNonNegative { .. } => t(Msg::RcErrNegative).to_string(),
            ErrorKind::ZeroSize => t(Msg::RcErrZeroSize).to_string(),
            ErrorKind::Rising { value, previous } => {
                fill(t(Msg::RcErrRising), &[("value", &value.to_string()), ("previous", &previous.to_string())])
            }
            ErrorKind::TextTooLarge { .. } => fill(t(Msg::RcErrTextTooLarge), &[("n", "1 MB")]),
            ErrorKind::TableTooLarge => t(Msg::RcErrTableTooLarge).to_string(),
            ErrorKind::NothingPasted => t(Msg::RcErrNothingPasted).to_string(),
            ErrorKind::NoChurn => t(Msg::RcErrNoChurn).to_string(),
            ErrorKind::AllChurnedFirstPeriod => t(Msg::RcErrAllChurned).to_string(),
            ErrorKind::Parameter { name, .. } => fill(t(Msg::RcErrParameter), &[("name", name)]),
        };
        match self.location {
            Some(Location { cohort, period: Some(p) }) => {
                fill(t(Msg::RcErrAtCell), &[("c", &(cohort + 1).to_string()), ("t", &p.to_string()), ("msg", &plain)])
            }
            Some(Location { cohort, period: None }) => fill(t(Msg::RcErrAtCohort), &[("c", &(cohort + 1).to_string()), ("msg", &plain)]),
            None => plain,
        }
    }
}

/// Several input errors at once (at most [`MAX_ERRORS`]), so the form can
/// show each message at its cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorList {
    errors: Vec<Error>,
    truncated: bool,
}

impl ErrorList {
    /// The errors, in the order they were found.
    pub fn errors(&self) -> &[Error] {
        &self.errors
    }

    /// True when scanning stopped at [`MAX_ERRORS`] and more may exist.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Adds an error; returns false once the list is full (stop scanning).
    pub(crate) fn push(&mut self, error: Error) -> bool {
        if self.errors.len() >= MAX_ERRORS {
            self.truncated = true;
            return false;
        }
        self.errors.push(error);
        if self.errors.len() >= MAX_ERRORS {
            self.truncated = true;
            return false;
        }
        true
    }

    pub(crate) fn is_full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.errors.len()
    }
}

impl From<Error> for ErrorList {
    fn from(error: Error) -> Self {
        ErrorList { errors: vec![error], truncated: false }
    }
}

impl fmt::Display for ErrorList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        if self.truncated {
            f.write_str("\n(further errors not listed)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ErrorList {}
