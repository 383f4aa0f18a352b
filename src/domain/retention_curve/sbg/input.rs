//! Cohort data and its checks.
//!
//! A cohort is `{name, active: [n_0, n_1, …, n_k]}`: the customers still
//! active at the start of each period, n_0 the cohort size. [`Cohorts::new`]
//! is the only way to obtain data the model accepts.

use serde::Serialize;

use super::error::{Error, ErrorKind, ErrorList};

/// Most cohorts accepted.
pub const MAX_COHORTS: usize = 20;
/// Most periods after n_0 accepted (so `active` has at most this + 1 counts).
pub const MAX_PERIODS: usize = 200;

/// One cohort as entered: a name and the active counts n_0, n_1, …, n_k.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// Label shown in the UI.
    pub name: String,
    /// Customers active at the start of each period; `active[0]` is n_0.
    pub active: Vec<f64>,
}

impl Cohort {
    /// A cohort from a name and its counts (not yet checked).
    pub fn new(name: impl Into<String>, active: Vec<f64>) -> Self {
        Cohort { name: name.into(), active }
    }
}

/// Checked cohort data: 1..=20 cohorts, each with a size n_0 > 0, at least
/// one later count, at most 200 periods, finite non-increasing counts ≥ 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Cohorts(Vec<Cohort>);

impl Cohorts {
    /// Checks the cohorts; on failure lists up to
    /// [`MAX_ERRORS`](super::MAX_ERRORS) errors, each located at its
    /// cohort and, where it concerns one count, its period index.
    pub fn new(cohorts: Vec<Cohort>) -> Result<Self, ErrorList> {
        let mut errors = ErrorList::default();
        if cohorts.is_empty() {
            errors.push(Error::new(ErrorKind::NoCohorts));
            return Err(errors);
        }
        if cohorts.len() > MAX_COHORTS {
            errors.push(Error::new(ErrorKind::TooManyCohorts { count: cohorts.len() }));
            return Err(errors);
        }
        for (i, c) in cohorts.iter().enumerate() {
            if !check_counts(i, &c.active, &mut errors, false) {
                break;
            }
        }
        if errors.is_empty() {
            Ok(Cohorts(cohorts))
        } else {
            Err(errors)
        }
    }

    /// The cohorts, in input order.
    pub fn as_slice(&self) -> &[Cohort] {
        &self.0
    }

    /// Gives the cohorts back.
    pub fn into_inner(self) -> Vec<Cohort> {
        self.0
    }

    /// k of the longest cohort: its number of periods after n_0.
    pub fn longest_periods(&self) -> usize {
        self.0.iter().map(|c| c.active.len().saturating_sub(1)).max().unwrap_or(0)
    }

    /// Observed first-period retention pooled over cohorts, Σ n_1 / Σ n_0.
    pub fn pooled_first_retention(&self) -> f64 {
        let (mut n0, mut n1) = (0.0, 0.0);
        for c in &self.0 {
            if let [a, b, ..] = c.active.as_slice() {
                n0 += a;
                n1 += b;
            }
        }
        if n0 > 0.0 {
            n1 / n0
        } else {
            0.0
        }
    }

    /// Per cohort, in order, the observed shares n_t / n_0 for t = 0..=k.
    pub fn observed_survival(&self) -> Vec<Vec<f64>> {
        self.0
            .iter()
            .map(|c| match c.active.first() {
                Some(&n0) if n0 > 0.0 => c.active.iter().map(|n| n / n0).collect(),
                _ => Vec::new(),
            })
            .collect()
    }
}

/// Checks one cohort's counts, pushing errors; returns false once the error
/// list is full (the caller stops scanning). With `skip_nan`, NaN marks a
/// cell already reported (blank or text) and is passed over.
pub(crate) fn check_counts(cohort: usize, active: &[f64], errors: &mut ErrorList, skip_nan: bool) -> bool {
    if active.len() > MAX_PERIODS + 1 {
        return errors.push(Error::at_cell(ErrorKind::TooManyPeriods, cohort, MAX_PERIODS + 1));
    }
    let mut previous: Option<f64> = None;
    for (t, &value) in active.iter().enumerate() {
        if skip_nan && value.is_nan() {
            continue;
        }
        if !value.is_finite() || value < 0.0 {
            let e = Error::at_cell(ErrorKind::NotFiniteNonNegative { value }, cohort, t);
            if !errors.push(e) {
                return false;
            }
            continue;
        }
        if t == 0 && value <= 0.0 && !errors.push(Error::at_cell(ErrorKind::ZeroSize, cohort, 0)) {
            return false;
        }
        if let Some(prev) = previous {
            if value > prev {
                let e = Error::at_cell(ErrorKind::Rising { value, previous: prev }, cohort, t);
                if !errors.push(e) {
                    return false;
                }
            }
        }
        previous = Some(value);
    }
    if active.len() < 2 {
        return errors.push(Error::at_cell(ErrorKind::TooFewPeriods, cohort, active.len()));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(r: Result<Cohorts, ErrorList>) -> Vec<(String, String)> {
        match r {
            Ok(_) => Vec::new(),
            Err(list) => list.errors().iter().map(|e| (e.field_key(), e.to_string())).collect(),
        }
    }

    #[test]
    fn accepts_published_cohorts() {
        let c = Cohorts::new(vec![Cohort::new("a", vec![1000.0, 869.0, 743.0]), Cohort::new("b", vec![10.5, 10.5])]);
        assert!(c.is_ok());
    }

    #[test]
    fn pins_messages_and_keys() {
        assert_eq!(msgs(Cohorts::new(vec![])), vec![("cohorts".into(), "enter at least one cohort".into())]);
        let many = vec![Cohort::new("x", vec![1.0, 1.0]); 21];
        assert_eq!(msgs(Cohorts::new(many)), vec![("cohorts".into(), "at most 20 cohorts are allowed, got 21".into())]);
        let got = msgs(Cohorts::new(vec![
            Cohort::new("a", vec![1000.0, 900.0, 950.0]),
            Cohort::new("b", vec![0.0, 0.0]),
            Cohort::new("c", vec![5.0, f64::NAN, -1.0]),
            Cohort::new("d", vec![5.0]),
        ]));
        let want: Vec<(String, String)> = vec![
            ("cohorts-0-active-2".into(), "cohort 1, n_2: 950 is more than the 900 of the period before; counts cannot rise".into()),
            ("cohorts-1-active-0".into(), "cohort 2, n_0: the cohort size n_0 must be above 0".into()),
            ("cohorts-2-active-1".into(), "cohort 3, n_1: the count must be a finite number of at least 0, got NaN".into()),
            ("cohorts-2-active-2".into(), "cohort 3, n_2: the count must be a finite number of at least 0, got -1".into()),
            ("cohorts-3-active-1".into(), "cohort 4, n_1: enter the cohort size n_0 and at least one later count".into()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn caps_errors_and_periods() {
        let bad = vec![Cohort::new("x", vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]); 10];
        let err = Cohorts::new(bad).err().unwrap_or_default();
        assert_eq!(err.errors().len(), super::super::MAX_ERRORS);
        assert!(err.truncated());
        let long = vec![Cohort::new("x", vec![1.0; MAX_PERIODS + 2])];
        let err = Cohorts::new(long).err().unwrap_or_default();
        assert_eq!(err.errors()[0].field_key(), "cohorts-0-active-201");
        assert_eq!(err.errors()[0].to_string(), "cohort 1, n_201: at most 200 periods after n_0 are allowed");
        let ok = vec![Cohort::new("x", vec![1.0; MAX_PERIODS + 1])];
        assert!(Cohorts::new(ok).is_ok());
    }

    #[test]
    fn observed_and_pooled() {
        let c = Cohorts::new(vec![Cohort::new("a", vec![100.0, 80.0, 60.0]), Cohort::new("b", vec![300.0, 150.0])])
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(c.longest_periods(), 2);
        assert!((c.pooled_first_retention() - 230.0 / 400.0).abs() < 1e-15);
        assert_eq!(c.observed_survival(), vec![vec![1.0, 0.8, 0.6], vec![1.0, 0.5]]);
    }
}
