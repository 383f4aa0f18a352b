//! Customer values under the sBG model (Fader & Hardie 2010): the
//! discounted expected lifetime (DEL) of a new customer, the discounted
//! expected residual lifetime (DERL) of one who has renewed n times, the
//! same with one constant retention rate, and the per-year retention curve.

use serde::Serialize;

use super::error::Error;
use super::model::{check_shape, retention_rate};

/// Most terms summed in one series; beyond it the tail is estimated from
/// its bounds (only reached for discount rates below about 1e-6).
const MAX_TERMS: u32 = 10_000_000;
/// The series stops when the tail's uncertainty is below this share of the sum.
const REL_TOL: f64 = 1e-13;
/// Most years of a per-year retention curve.
pub const MAX_HORIZON_YEARS: u32 = 1000;

/// Length of one model period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Monthly renewals: 12 periods a year.
    Month,
    /// Quarterly renewals: 4 periods a year.
    Quarter,
    /// Yearly renewals.
    #[default]
    Year,
}

impl Period {
    /// Periods per year: 12, 4 or 1.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
        }
    }
}

/// Sums Σ_{j≥0} T_j with T_0 = `first` and T_{j+1} = T_j · z · (b+j)/(c+j),
/// that is `first` · ₂F₁(1, b; c; z). Needs b, c > 0 and 0 ≤ z < 1.
///
/// Ratios move monotonically towards z, so once they are below 1 the tail
/// after T_J lies between T_J·ρ/(1−ρ) for the smallest and largest ratio
/// still to come; the sum stops when those bounds are within [`REL_TOL`]
/// and adds their midpoint.
fn ratio_series(first: f64, b: f64, c: f64, z: f64) -> f64 {
    let mut term = first;
    let mut sum = first;
    if first == 0.0 || z == 0.0 {
        return sum;
    }
    let mut j = 0.0_f64;
    for _ in 0..MAX_TERMS {
        let rho = z * (b + j) / (c + j);
        let (lo, hi) = if rho < z { (rho, z) } else { (z, rho) };
        if hi < 1.0 {
            let tail_lo = term * lo / (1.0 - lo);
            let tail_hi = term * hi / (1.0 - hi);
            if tail_hi - tail_lo <= REL_TOL * sum || !(tail_hi - tail_lo).is_finite() {
                return sum + 0.5 * (tail_lo + tail_hi);
            }
        }
        term *= rho;
        sum += term;
        j += 1.0;
    }
    let rho = z * (b + j) / (c + j);
    let (lo, hi) = if rho < z { (rho, z) } else { (z, rho) };
    if hi < 1.0 {
        sum + 0.5 * term * (lo / (1.0 - lo) + hi / (1.0 - hi))
    } else {
        sum
    }
}

/// The Gauss hypergeometric function ₂F₁(1, b; c; z) by its power series,
/// for b > 0, c > 0 and 0 ≤ z < 1 (where the series converges).
pub fn hyp2f1_one(b: f64, c: f64, z: f64) -> Result<f64, Error> {
    const POS: &str = "a finite number above 0";
    if !(b.is_finite() && b > 0.0) {
        return Err(Error::parameter("b", b, POS));
    }
    if !(c.is_finite() && c > 0.0) {
        return Err(Error::parameter("c", c, POS));
    }
    if !(z.is_finite() && (0.0..1.0).contains(&z)) {
        return Err(Error::parameter("z", z, "at least 0 and below 1"));
    }
    Ok(ratio_series(1.0, b, c, z))
}

pub(crate) fn check_discount(d: f64) -> Result<(), Error> {
    if d.is_finite() && d > 0.0 && d <= 1.0 {
        Ok(())
    } else {
        Err(Error::parameter("discount_rate", d, "above 0 and at most 1"))
    }
}

pub(crate) fn check_margin(margin: f64) -> Result<(), Error> {
    if margin.is_finite() && margin >= 0.0 {
        Ok(())
    } else {
        Err(Error::parameter("margin_per_period", margin, "a finite number of at least 0"))
    }
}

/// Discounted expected lifetime value of a new customer:
/// margin × Σ_{t≥0} S(t)/(1+d)^t, with `d` the discount rate per period in
/// (0, 1].
pub fn del(alpha: f64, beta: f64, d: f64, margin: f64) -> Result<f64, Error> {
    check_shape(alpha, beta)?;
    check_discount(d)?;
    check_margin(margin)?;
    // S(t+1)/S(t) = r_{t+1} = (β+t)/(α+β+t).
    Ok(margin * ratio_series(1.0, beta, alpha + beta, 1.0 / (1.0 + d)))
}

/// Discounted expected residual lifetime value of a customer who has made
/// `n` renewals (is active at the start of period n, before renewal n+1):
/// margin × B(α, β+n+1)/B(α, β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)).
pub fn derl(alpha: f64, beta: f64, d: f64, n: u32, margin: f64) -> Result<f64, Error> {
    check_shape(alpha, beta)?;
    check_discount(d)?;
    check_margin(margin)?;
    let bn = beta + f64::from(n);
    // B(α, β+n+1)/B(α, β+n) = (β+n)/(α+β+n) = r_{n+1}.
    let first = bn / (alpha + bn);
    Ok(margin * ratio_series(first, bn + 1.0, alpha + bn + 1.0, 1.0 / (1.0 + d)))
}

/// DERL for n = 0..=`k` renewals in one pass: the series once for n = k,
/// then the stable backward recursion DERL(n) = r_{n+1}·(margin + DERL(n+1)/(1+d)).
/// `k` may be at most [`MAX_PERIODS`](super::MAX_PERIODS).
pub fn derl_curve(alpha: f64, beta: f64, d: f64, k: u32, margin: f64) -> Result<Vec<f64>, Error> {
    if k as usize > super::input::MAX_PERIODS {
        return Err(Error::parameter("renewals", f64::from(k), "at most 200"));
    }
    let last = derl(alpha, beta, d, k, margin)?;
    let mut out = vec![0.0; k as usize + 1];
    let mut next = last;
    for n in (0..=k).rev() {
        let value = if n == k { last } else { retention_rate(alpha, beta, n + 1) * (margin + next / (1.0 + d)) };
        if let Some(slot) = out.get_mut(n as usize) {
            *slot = value;
        }
        next = value;
    }
    Ok(out)
}

/// DEL with one constant retention rate r in [0, 1]:
/// margin × Σ_t r^t/(1+d)^t = margin × (1+d)/(1+d−r).
pub fn constant_retention_del(r: f64, d: f64, margin: f64) -> Result<f64, Error> {
    if !(r.is_finite() && (0.0..=1.0).contains(&r)) {
        return Err(Error::parameter("retention", r, "between 0 and 1"));
    }
    check_discount(d)?;
    check_margin(margin)?;
    Ok(margin * (1.0 + d) / (1.0 + d - r))
}

/// How much one constant retention rate r undervalues a new customer:
/// 1 − constant-retention DEL / sBG DEL (independent of the margin).
pub fn undervaluation(alpha: f64, beta: f64, r: f64, d: f64) -> Result<f64, Error> {
    let constant = constant_retention_del(r, d, 1.0)?;
    let model = del(alpha, beta, d, 1.0)?;
    Ok(1.0 - constant / model)
}

/// Per-year retention for the customer value calculator:
/// r_year(t) = S(t·p)/S((t−1)·p) for t = 1..=`horizon_years`, with p the
/// periods per year. Computed as the product of the period retentions, so
/// it stays finite even where S underflows.
pub fn yearly_retention(alpha: f64, beta: f64, period: Period, horizon_years: u32) -> Result<Vec<f64>, Error> {
    check_shape(alpha, beta)?;
    if horizon_years > MAX_HORIZON_YEARS {
        return Err(Error::parameter("horizon_years", f64::from(horizon_years), "at most 1000"));
    }
    let p = period.periods_per_year();
    let mut out = Vec::with_capacity(horizon_years as usize);
    let mut t = 0_u32;
    for _ in 0..horizon_years {
        let mut ln_r = 0.0;
        for _ in 0..p {
            t += 1;
            ln_r += retention_rate(alpha, beta, t).ln();
        }
        out.push(ln_r.exp());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::model::survival_curve;
    use super::*;

    /// Independent DERL: Σ_{t≥n+1} S(t)/S(n) / (1+d)^{t−n−1} from the
    /// survival curve, summed term by term until terms are negligible.
    fn derl_direct(alpha: f64, beta: f64, d: f64, n: u32) -> f64 {
        let horizon = 20_000;
        let s = survival_curve(alpha, beta, horizon);
        let sn = s[n as usize];
        let mut sum = 0.0;
        let mut disc = 1.0;
        for st in s.iter().skip(n as usize + 1) {
            let term = st / sn * disc;
            sum += term;
            if term < 1e-17 * sum {
                break;
            }
            disc /= 1.0 + d;
        }
        sum
    }

    #[test]
    fn hypergeometric_known_values() {
        // ₂F₁(1, b; b; z) = 1/(1−z); ₂F₁(1, 1; 2; z) = −ln(1−z)/z.
        let f = hyp2f1_one(2.5, 2.5, 0.9).unwrap_or(f64::NAN);
        assert!((f - 10.0).abs() < 1e-11);
        let z = 0.95_f64;
        let f = hyp2f1_one(1.0, 2.0, z).unwrap_or(f64::NAN);
        assert!((f - (-(1.0 - z).ln() / z)).abs() < 1e-12);
        // b > c: ratios fall towards z.
        let f = hyp2f1_one(3.0, 1.0, 0.5).unwrap_or(f64::NAN);
        // ₂F₁(1, 3; 1; z) = Σ (3)_j/j! z^j = (1−z)^{−3}.
        assert!((f - 8.0).abs() < 1e-12);
        assert!(hyp2f1_one(1.0, 2.0, 1.0).is_err());
        assert!(hyp2f1_one(0.0, 2.0, 0.5).is_err());
    }

    #[test]
    fn derl_series_matches_direct_sum_and_del() {
        for &(a, b) in &[(0.668, 3.806), (0.704, 1.182), (2.0, 0.3), (0.1, 50.0)] {
            for &d in &[0.05, 0.1, 0.5, 1.0] {
                let del_v = del(a, b, d, 1.0).unwrap_or(f64::NAN);
                for n in [0, 1, 7, 30] {
                    let got = derl(a, b, d, n, 1.0).unwrap_or(f64::NAN);
                    let want = derl_direct(a, b, d, n);
                    assert!((got - want).abs() < 1e-10 * want, "{a} {b} {d} {n}: {got} {want}");
                }
                // DEL = m + DERL(0)/(1+d).
                let derl0 = derl(a, b, d, 0, 1.0).unwrap_or(f64::NAN);
                assert!((del_v - (1.0 + derl0 / (1.0 + d))).abs() < 1e-10 * del_v);
                // DEL is the 2F1 with b = β, c = α+β.
                let f = hyp2f1_one(b, a + b, 1.0 / (1.0 + d)).unwrap_or(f64::NAN);
                assert!((del_v - f).abs() < 1e-12 * f);
            }
        }
    }

    #[test]
    fn small_discount_rates_stay_finite_and_close() {
        // α = 1, β = 1: S(t) = 1/(1+t), DEL = Σ z^t/(1+t) = −ln(1−z)/z.
        for (d, tol) in [(1e-3_f64, 1e-11), (1e-5, 1e-9), (1e-7, 1e-2)] {
            let z = 1.0 / (1.0 + d);
            let want = -(1.0 - z).ln() / z;
            let got = del(1.0, 1.0, d, 1.0).unwrap_or(f64::NAN);
            assert!((got - want).abs() < tol * want, "{d}: {got} vs {want}");
        }
    }

    #[test]
    fn derl_curve_matches_single_values() {
        let (a, b, d) = (0.668, 3.806, 0.1);
        let curve = derl_curve(a, b, d, 40, 2.0).unwrap_or_default();
        assert_eq!(curve.len(), 41);
        assert!(derl_curve(a, b, d, 201, 1.0).is_err());
        for (n, v) in curve.iter().enumerate() {
            let want = derl(a, b, d, n as u32, 2.0).unwrap_or(f64::NAN);
            assert!((v - want).abs() < 1e-11 * want, "{n}: {v} vs {want}");
        }
    }

    #[test]
    fn constant_retention_and_undervaluation() {
        let c = constant_retention_del(0.8, 0.1, 2.0).unwrap_or(f64::NAN);
        assert!((c - 2.0 * 1.1 / 0.3).abs() < 1e-12);
        // With β/(α+β) as the rate the constant model undervalues.
        let u = undervaluation(0.668, 3.806, 3.806 / 4.474, 0.1).unwrap_or(f64::NAN);
        assert!(u > 0.0 && u < 1.0);
        assert_eq!(
            constant_retention_del(1.2, 0.1, 1.0).err().map(|e| e.to_string()),
            Some("retention must be between 0 and 1, got 1.2".into())
        );
        assert_eq!(del(1.0, 1.0, 0.0, 1.0).err().map(|e| e.to_string()), Some("discount_rate must be above 0 and at most 1, got 0".into()));
        assert_eq!(derl(1.0, 1.0, 0.1, 0, -1.0).err().map(|e| e.field_key()), Some("margin_per_period".into()));
    }

    #[test]
    fn yearly_curve_is_ratio_of_survival() {
        let (a, b) = (0.704, 1.182);
        for period in [Period::Month, Period::Quarter, Period::Year] {
            let p = period.periods_per_year();
            let years = 5;
            let s = survival_curve(a, b, p * years);
            let r = yearly_retention(a, b, period, years).unwrap_or_default();
            assert_eq!(r.len(), years as usize);
            for t in 1..=years as usize {
                let want = s[t * p as usize] / s[(t - 1) * p as usize];
                assert!((r[t - 1] - want).abs() < 1e-13);
            }
        }
        assert!(yearly_retention(a, b, Period::Year, 1001).is_err());
        // Huge α: S underflows but the ratio stays finite.
        let r = yearly_retention(1e8, 1.0, Period::Month, 3).unwrap_or_default();
        assert!(r.iter().all(|x| x.is_finite()));
    }
}
