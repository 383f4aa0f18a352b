//! The retention model of §2.1: one annual rate, or a year-by-year curve
//! (S(t) = r_1 ⋯ r_t, the last rate continuing), discounted.

use super::*;

pub(super) struct RetentionParts {
    pub(super) clv: Option<f64>,
    pub(super) perpetuity: Option<f64>,
    pub(super) net: Option<f64>,
    pub(super) expected_lifetime: Option<f64>,
}

impl RetentionParts {
    pub(super) fn new(v: &CvValues, m: Option<f64>) -> RetentionParts {
        if let Some(curve) = v.retention_curve.as_deref().filter(|c| !c.is_empty()) {
            return RetentionParts::curve(v, m, curve);
        }
        // The model is off (or its switch invalid): every retention result is null.
        let Some(Some(r)) = v.retention_rate else {
            return RetentionParts { clv: None, perpetuity: None, net: None, expected_lifetime: None };
        };
        let clv = (|| {
            let series = retention_series(m?, r, v.discount_rate?, v.horizon_years?, v.cash_flow_timing?);
            series.last().copied()
        })();
        let perpetuity = (|| {
            let d = v.discount_rate?;
            let m = m?;
            let denom = 1.0 + d - r;
            if denom <= 0.0 {
                return None;
            }
            Some(match v.cash_flow_timing? {
                CashFlowTiming::End => m * r / denom,
                CashFlowTiming::Start => m * (1.0 + d) / denom,
            })
        })();
        let net = (|| Some(clv? - v.acquisition_cost?))();
        let expected_lifetime = if r < 1.0 { Some(1.0 / (1.0 - r)) } else { None };
        RetentionParts { clv, perpetuity, net, expected_lifetime }
    }
}

impl RetentionParts {
    /// The model with a year-by-year curve: S(t) = r_1 ⋯ r_t, the last rate
    /// continuing; the perpetuity adds the geometric tail after the list.
    fn curve(v: &CvValues, m: Option<f64>, curve: &[f64]) -> RetentionParts {
        let last = curve[curve.len() - 1];
        let clv = (|| curve_series(m?, curve, v.discount_rate?, v.horizon_years?, v.cash_flow_timing?).last().copied())();
        let perpetuity = (|| {
            let (m, d) = (m?, v.discount_rate?);
            let q = last / (1.0 + d);
            if q >= 1.0 {
                return None;
            }
            // Σ_{t≥1} S(t)/(1+d)^t: the listed years, then a geometric tail.
            let (mut s, mut disc, mut total) = (1.0, 1.0, 0.0);
            for r in curve {
                s *= r;
                disc /= 1.0 + d;
                total += s * disc;
            }
            total += s * disc * q / (1.0 - q);
            Some(match v.cash_flow_timing? {
                CashFlowTiming::End => m * total,
                CashFlowTiming::Start => m * (1.0 + total),
            })
        })();
        let net = (|| Some(clv? - v.acquisition_cost?))();
        let expected_lifetime = (last < 1.0).then(|| {
            let (mut s, mut total) = (1.0, 1.0);
            for r in curve {
                s *= r;
                total += s;
            }
            total + s * last / (1.0 - last)
        });
        RetentionParts { clv, perpetuity, net, expected_lifetime }
    }
}

/// The share still a customer after each year 0..=n under a curve (the last rate continues).
pub fn survival_by_year(curve: &[f64], n: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(n + 1);
    let mut s = 1.0;
    out.push(s);
    for t in 1..=n {
        s *= curve.get(t - 1).or(curve.last()).copied().unwrap_or(0.0);
        out.push(s);
    }
    out
}

/// Cumulative discounted value after each year 1..=N under a curve.
pub fn curve_series(m: f64, curve: &[f64], d: f64, horizon: f64, timing: CashFlowTiming) -> Vec<f64> {
    let n = horizon.clamp(0.0, 100.0) as usize;
    let surv = survival_by_year(curve, n);
    let mut total = 0.0;
    (0..n)
        .map(|k| {
            let t = match timing {
                CashFlowTiming::End => k + 1,
                CashFlowTiming::Start => k,
            };
            total += m * surv[t] / (1.0 + d).powi(t as i32);
            total
        })
        .collect()
}

/// Cumulative discounted retention value after each year 1..=N: element
/// `k` is the value of the first `k + 1` yearly margins.
pub fn retention_series(m: f64, r: f64, d: f64, horizon: f64, timing: CashFlowTiming) -> Vec<f64> {
    let q = r / (1.0 + d);
    let n = horizon.clamp(0.0, 100.0) as usize;
    let mut out = Vec::with_capacity(n);
    let mut term = match timing {
        CashFlowTiming::End => m * q,
        CashFlowTiming::Start => m,
    };
    let mut total = 0.0;
    for _ in 0..n {
        total += term;
        out.push(total);
        term *= q;
    }
    out
}
