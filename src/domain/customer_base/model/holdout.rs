//! Holdout validation: predicted vs actual repeat transactions by calibration
//! frequency, and the cumulative tracking series.

use super::error::{Error, ErrorKind};
use super::kind::Model;
use super::summary::{validate, CustomerRow};
use serde::{Deserialize, Serialize};

/// Customers of one calibration frequency (7 stands for "7 or more").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct FrequencyBin {
    /// Calibration frequency 0..=7 (7 = "7 or more").
    pub frequency: u32,
    /// Customers in the bin (Σ count).
    pub customers: f64,
    /// Mean actual holdout repeat transactions (`None` for an empty bin).
    pub actual_mean: Option<f64>,
    /// Mean predicted holdout repeat transactions (`None` for an empty bin).
    pub predicted_mean: Option<f64>,
}

/// Holdout comparison over all calibration customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutSummary {
    /// Σ count × actual holdout repeat transactions.
    pub actual_total: f64,
    /// Σ count × E[X(holdout length) | calibration summary].
    pub predicted_total: f64,
    /// Bins of calibration frequency 0..=6 and 7 = "7 or more".
    pub by_frequency: Vec<FrequencyBin>,
}

/// Compares holdout-period repeat transactions with the model's conditional
/// expectations. `holdout_frequency[i]` belongs to `rows[i]` (per customer of
/// the row); `holdout_length` is in the summary's time unit.
pub fn holdout(model: &Model, rows: &[CustomerRow], holdout_frequency: &[f64], holdout_length: f64) -> Result<HoldoutSummary, Error> {
    validate(rows)?;
    if rows.len() != holdout_frequency.len() {
        return Err(Error::mismatch("holdout_frequency", rows.len(), holdout_frequency.len()));
    }
    if !(holdout_length.is_finite() && holdout_length > 0.0) {
        return Err(Error::setting("holdout length", "must be a positive number"));
    }
    let mut bins = [(0.0, 0.0, 0.0); 8];
    for (i, (r, &actual)) in rows.iter().zip(holdout_frequency).enumerate() {
        if !(actual.is_finite() && actual >= 0.0) {
            return Err(Error::invalid(i, "holdout_frequency", "must be a number of 0 or more"));
        }
        let predicted = model.expected_conditional(r.frequency, r.recency, r.t, holdout_length);
        if !predicted.is_finite() {
            return Err(Error::new(ErrorKind::Prediction(i)));
        }
        let k = (r.frequency.min(7.0)) as usize;
        if let Some(b) = bins.get_mut(k) {
            b.0 += r.count;
            b.1 += r.count * actual;
            b.2 += r.count * predicted;
        }
    }
    let by_frequency = bins
        .iter()
        .enumerate()
        .map(|(k, &(n, a, p))| FrequencyBin {
            frequency: k as u32,
            customers: n,
            actual_mean: (n > 0.0).then(|| a / n),
            predicted_mean: (n > 0.0).then(|| p / n),
        })
        .collect();
    Ok(HoldoutSummary { actual_total: bins.iter().map(|b| b.1).sum(), predicted_total: bins.iter().map(|b| b.2).sum(), by_frequency })
}

/// Expected cumulative repeat transactions at the end of periods 1..=periods
/// (period 1 starts at time 0, the earliest first purchase):
/// Σᵢ countᵢ · E[X(t − firstᵢ)] over customers with firstᵢ < t.
/// `first_purchases` holds (first purchase time in time units after the
/// earliest one, count) per customer or group.
pub fn tracking(model: &Model, first_purchases: &[(f64, f64)], periods: u32) -> Result<Vec<f64>, Error> {
    if periods > 100_000 {
        return Err(Error::setting("periods", "must be at most 100000"));
    }
    let mut firsts: Vec<(f64, f64)> = Vec::with_capacity(first_purchases.len());
    for (i, &(f, c)) in first_purchases.iter().enumerate() {
        if !(f.is_finite() && f >= 0.0) {
            return Err(Error::invalid(i, "first purchase", "must be a number of 0 or more"));
        }
        if !(c.is_finite() && c >= 1.0) {
            return Err(Error::invalid(i, "count", "must be a whole number from 1 to 1e12"));
        }
        firsts.push((f, c));
    }
    crate::domain::sort::sort_by(&mut firsts, |a, b| a.0.total_cmp(&b.0));
    let mut grouped: Vec<(f64, f64)> = Vec::new();
    for (f, c) in firsts {
        match grouped.last_mut() {
            Some(g) if g.0 == f => g.1 += c,
            _ => grouped.push((f, c)),
        }
    }
    let mut out = Vec::with_capacity(periods as usize);
    for p in 1..=periods {
        let t = p as f64;
        let mut sum = 0.0;
        for &(f, c) in grouped.iter().take_while(|g| g.0 < t) {
            sum += c * model.expected_unconditional(t - f);
        }
        if !sum.is_finite() {
            return Err(Error::new(ErrorKind::Numerical("tracking series")));
        }
        out.push(sum);
    }
    Ok(out)
}
