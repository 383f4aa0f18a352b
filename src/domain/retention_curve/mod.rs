//! §2.6 Retention curve from cohorts: the shifted-beta-geometric model fitted
//! to survivor counts, retention by period, DEL and DERL, and why one
//! constant retention rate undervalues customers.
//!
//! [`sbg`] is the model (pure maths, natively tested against the published
//! figures); [`RcForm`] is what the user typed (cohort cells as text, so a
//! bad cell stays visible with its error at that cell); the calculator
//! interface is implemented in `calc`.

pub mod sbg;

mod calc;
mod form;
mod view;

pub use calc::{RcAction, RcPreset, DECLS};
pub use form::*;
pub use view::*;

use crate::domain::number::NumberSpec;
use serde::{Deserialize, Serialize};

/// Most cohorts.
pub const MAX_COHORTS: usize = sbg::MAX_COHORTS;
/// Most periods after n_0 the grid offers (the model accepts more from a paste).
pub const MAX_GRID_PERIODS: usize = 40;

/// The valid range of the discount rate per period: above 0, at most 1.
pub const DISCOUNT_SPEC: NumberSpec = NumberSpec::range(0.0, 1.0).exclusive_min().percent();
/// The valid range of the horizon.
pub const HORIZON_SPEC: NumberSpec = NumberSpec::range(1.0, 100.0).whole();

/// One cohort: a name and the customers active at the start of each period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CohortInput {
    /// Cohort name.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 60)))]
    pub name: String,
    /// n_0, n_1, …, n_k (non-increasing, n_0 > 0, k ≥ 1).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 2, max = 201)))]
    pub active: Vec<f64>,
}

/// The validated inputs of the retention curve calculator (JSON `inputs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RetentionCurveInputs {
    /// `month`, `quarter` or `year`.
    pub period: RcPeriod,
    /// Cohorts (1..=20).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 20)))]
    pub cohorts: Vec<CohortInput>,
    /// Margin per customer per period.
    pub margin_per_period: f64,
    /// Discount rate per period (above 0, at most 1).
    pub discount_rate: f64,
    /// Periods of the projection.
    pub horizon_periods: f64,
}

/// The length of one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RcPeriod {
    /// Monthly renewals.
    Month,
    /// Quarterly renewals.
    Quarter,
    /// Yearly renewals.
    Year,
}

impl RcPeriod {
    /// All periods.
    pub const ALL: [RcPeriod; 3] = [RcPeriod::Month, RcPeriod::Quarter, RcPeriod::Year];
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            RcPeriod::Month => "month",
            RcPeriod::Quarter => "quarter",
            RcPeriod::Year => "year",
        }
    }
    /// Parses an identifier.
    pub fn parse(s: &str) -> Option<RcPeriod> {
        RcPeriod::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
    fn model(self) -> sbg::Period {
        match self {
            RcPeriod::Month => sbg::Period::Month,
            RcPeriod::Quarter => sbg::Period::Quarter,
            RcPeriod::Year => sbg::Period::Year,
        }
    }
}

/// The results (JSON `results`): the fitted model and the values of §2.6.
pub type RetentionCurveResults = sbg::RetentionCurveResults;

/// Fits and values valid inputs; `Err` when the data cannot be described
/// (nobody left, everybody left at once).
pub fn compute(i: &RetentionCurveInputs) -> Result<RetentionCurveResults, sbg::Error> {
    let cohorts = sbg::Cohorts::new(i.cohorts.iter().map(|c| sbg::Cohort::new(c.name.clone(), c.active.clone())).collect())
        .map_err(|l| l.errors().first().cloned().unwrap_or_else(sbg::Error::no_cohorts))?;
    let settings = sbg::Settings {
        period: i.period.model(),
        margin_per_period: i.margin_per_period,
        discount_rate: i.discount_rate,
        horizon_periods: i.horizon_periods as u32,
    };
    sbg::retention_curve(&cohorts, &settings)
}

/// The fitted curve per year, for the customer value calculator's retention
/// model: r_year(t) = S(t·p) / S((t−1)·p), t = 1..=years.
pub fn yearly_curve(i: &RetentionCurveInputs, r: &RetentionCurveResults, years: u32) -> Option<Vec<f64>> {
    sbg::yearly_retention(r.alpha, r.beta, i.period.model(), years).ok()
}
