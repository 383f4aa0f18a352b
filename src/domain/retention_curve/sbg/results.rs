//! The `retention_curve` calculator: settings in, the DESIGN §2.6 results out.

use serde::Serialize;

use super::error::Error;
use super::fit::{fit, StandardErrors};
use super::input::Cohorts;
use super::model::{retention_rate, survival_curve};
use super::value::{check_discount, check_margin, constant_retention_del, del, derl_curve, undervaluation, Period};

/// Most periods of the projected curves.
pub const MAX_HORIZON_PERIODS: u32 = 100;

/// The calculator's settings besides the cohorts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Settings {
    /// Length of one period (default a year).
    pub period: Period,
    /// Margin per customer per period, money ≥ 0 (default 1).
    pub margin_per_period: f64,
    /// Discount rate per period, above 0 and at most 1 (default 0.1).
    pub discount_rate: f64,
    /// Periods of the projected retention and survival curves, 1..=100
    /// (default 12).
    pub horizon_periods: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { period: Period::Year, margin_per_period: 1.0, discount_rate: 0.1, horizon_periods: 12 }
    }
}

/// The results, with the keys of DESIGN §2.6.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RetentionCurveResults {
    /// Fitted α.
    pub alpha: f64,
    /// Fitted β.
    pub beta: f64,
    /// Log-likelihood at the optimum.
    pub log_likelihood: f64,
    /// Standard errors of α and β (`null` where not available).
    pub standard_errors: StandardErrors,
    /// Projected retention r_t for t = 1..=horizon.
    pub retention: Vec<f64>,
    /// Projected survival S(t) for t = 0..=horizon.
    pub survival: Vec<f64>,
    /// Per cohort, in cohort order, the observed shares n_t / n_0.
    pub observed_survival: Vec<Vec<f64>>,
    /// Discounted expected lifetime value of a new customer.
    pub del: f64,
    /// DERL for n = 0..=k renewals, k the longest cohort's periods.
    pub derl: Vec<f64>,
    /// DEL with the pooled observed first-period retention Σ n_1 / Σ n_0.
    pub constant_retention_del: f64,
    /// 1 − `constant_retention_del` / `del`.
    pub undervaluation: f64,
    /// Whether the fit reached a strict maximum (not serialized: not a
    /// DESIGN key; the UI may warn when false).
    #[serde(skip)]
    pub converged: bool,
    /// Optimiser iterations (not serialized).
    #[serde(skip)]
    pub iterations: u32,
}

/// Fits the model to the cohorts and computes every result.
pub fn retention_curve(cohorts: &Cohorts, settings: &Settings) -> Result<RetentionCurveResults, Error> {
    let d = settings.discount_rate;
    let margin = settings.margin_per_period;
    check_discount(d)?;
    check_margin(margin)?;
    let horizon = settings.horizon_periods;
    if !(1..=MAX_HORIZON_PERIODS).contains(&horizon) {
        return Err(Error::parameter("horizon_periods", f64::from(horizon), "a whole number from 1 to 100"));
    }
    let f = fit(cohorts)?;
    let (a, b) = (f.alpha, f.beta);
    let k = u32::try_from(cohorts.longest_periods()).unwrap_or(u32::MAX);
    let r_pooled = cohorts.pooled_first_retention();
    Ok(RetentionCurveResults {
        alpha: a,
        beta: b,
        log_likelihood: f.log_likelihood,
        standard_errors: f.standard_errors,
        retention: (1..=horizon).map(|t| retention_rate(a, b, t)).collect(),
        survival: survival_curve(a, b, horizon),
        observed_survival: cohorts.observed_survival(),
        del: del(a, b, d, margin)?,
        derl: derl_curve(a, b, d, k, margin)?,
        constant_retention_del: constant_retention_del(r_pooled, d, margin)?,
        undervaluation: undervaluation(a, b, r_pooled, d)?,
        converged: f.converged,
        iterations: f.iterations,
    })
}
