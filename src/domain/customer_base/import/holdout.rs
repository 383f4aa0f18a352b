//! The holdout's actual side: new customers and the tracking series.

use serde::Serialize;

use super::date::Date;
use super::summary::TimeUnit;

/// Cumulative actual repeat transactions at the end of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TrackingPoint {
    /// Period number; period 1 starts at the earliest first purchase and
    /// each period lasts one time unit.
    pub period: u32,
    /// Repeat transactions (of the calibration customers) made up to the
    /// end of this period, over calibration and holdout.
    pub actual: u64,
}

/// Customers whose first purchase was on one day, for the model's
/// predicted tracking (Σ over acquisitions of customers × E[X(t − offset)]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Acquisition {
    /// The first-purchase day.
    pub date: Date,
    /// Its offset from the start of period 1, in time units.
    pub offset: f64,
    /// Calibration customers first buying that day.
    pub customers: u64,
}

/// What the log tells about the holdout period (`source.holdout`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Holdout {
    /// Customers whose first purchase is after `calibration_end` (excluded).
    pub new_customers: u64,
    /// Σ holdout repeat transactions of the calibration customers.
    pub actual_total: u64,
    /// First day of period 1 (the earliest first purchase).
    pub start: Option<Date>,
    /// Cumulative repeat transactions per period.
    pub tracking: Vec<TrackingPoint>,
    /// First-purchase offsets of the calibration customers, by day.
    pub acquisitions: Vec<Acquisition>,
}

#[derive(Debug, Default)]
pub(crate) struct HoldoutBuilder {
    new_customers: u64,
    actual_total: u64,
    firsts: Vec<i32>,
    repeats: Vec<i32>,
}

impl HoldoutBuilder {
    pub(crate) fn new_customer(&mut self) {
        self.new_customers += 1;
    }

    /// A calibration customer: first day, days of repeat transactions up to
    /// the observation end, and how many of them are in the holdout.
    pub(crate) fn customer(&mut self, first: i32, repeat_days: &[i32], held: u64) {
        self.firsts.push(first);
        self.repeats.extend_from_slice(repeat_days);
        self.actual_total += held;
    }

    pub(crate) fn finish(mut self, observation_end: i32, unit: TimeUnit) -> Holdout {
        let len = unit.days();
        let Some(start) = self.firsts.iter().min().copied() else {
            return Holdout {
                new_customers: self.new_customers,
                actual_total: 0,
                start: None,
                tracking: Vec::new(),
                acquisitions: Vec::new(),
            };
        };
        let period_of = |day: i32| (f64::from(day - start) / len).floor() as usize;
        let periods = period_of(observation_end) + 1;
        let mut per_period = vec![0u64; periods];
        for day in &self.repeats {
            if let Some(n) = per_period.get_mut(period_of(*day)) {
                *n += 1;
            }
        }
        let mut cumulative = 0;
        let tracking = per_period
            .iter()
            .enumerate()
            .map(|(i, n)| {
                cumulative += n;
                TrackingPoint { period: u32::try_from(i + 1).unwrap_or(u32::MAX), actual: cumulative }
            })
            .collect();
        self.firsts.sort_unstable();
        let acquisitions = self
            .firsts
            .chunk_by(|a, b| a == b)
            .filter_map(|days| {
                let day = *days.first()?;
                Some(Acquisition { date: Date::from_days(day), offset: f64::from(day - start) / len, customers: days.len() as u64 })
            })
            .collect();
        Holdout {
            new_customers: self.new_customers,
            actual_total: self.actual_total,
            start: Some(Date::from_days(start)),
            tracking,
            acquisitions,
        }
    }
}
