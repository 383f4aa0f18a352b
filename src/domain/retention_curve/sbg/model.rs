//! The shifted-beta-geometric model: retention r_t, survival S(t), churn
//! P(t), and the log-likelihood with its analytic gradient and Hessian.
//!
//! Everything is computed by the recursions S(t) = S(t−1)·r_t and
//! P(t) = S(t−1)·(1 − r_t) with 1 − r_t = α/(α+β+t−1), in log space where
//! products get long, so no Beta function value is ever formed.

use super::error::Error;
use super::input::Cohorts;

/// Retention in period t ≥ 1: r_t = (β+t−1)/(α+β+t−1). For t = 0 gives 1.
pub fn retention_rate(alpha: f64, beta: f64, t: u32) -> f64 {
    if t == 0 {
        return 1.0;
    }
    let b = beta + f64::from(t - 1);
    b / (alpha + b)
}

/// Survival S(t) = B(α, β+t)/B(α, β) for t = 0..=horizon (horizon + 1 values).
///
/// Allocates horizon + 1 values: callers bound the horizon (the calculator
/// uses at most [`MAX_HORIZON_PERIODS`](super::MAX_HORIZON_PERIODS)).
pub fn survival_curve(alpha: f64, beta: f64, horizon: u32) -> Vec<f64> {
    let mut out = Vec::with_capacity(horizon as usize + 1);
    let mut ln_s = 0.0_f64;
    out.push(1.0);
    for t in 1..=horizon {
        ln_s += ln_retention(alpha, beta, t);
        out.push(ln_s.exp());
    }
    out
}

/// Churn probabilities P(t) = B(α+1, β+t−1)/B(α, β) for t = 1..=horizon
/// (allocates horizon values; callers bound the horizon).
pub fn churn_probabilities(alpha: f64, beta: f64, horizon: u32) -> Vec<f64> {
    let mut out = Vec::with_capacity(horizon as usize);
    let mut ln_s = 0.0_f64;
    for t in 1..=horizon {
        out.push((ln_s + ln_churn_given_alive(alpha, beta, t)).exp());
        ln_s += ln_retention(alpha, beta, t);
    }
    out
}

/// ln r_t, computed without cancellation.
fn ln_retention(alpha: f64, beta: f64, t: u32) -> f64 {
    let b = beta + f64::from(t.saturating_sub(1));
    b.ln() - (alpha + b).ln()
}

/// ln(1 − r_t) = ln α − ln(α+β+t−1).
fn ln_churn_given_alive(alpha: f64, beta: f64, t: u32) -> f64 {
    alpha.ln() - (alpha + beta + f64::from(t.saturating_sub(1))).ln()
}

/// Cohort data pooled for the likelihood: churned counts per period and
/// right-censored survivors per last period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pooled {
    /// `churned[t-1]` = Σ over cohorts of n_{t−1} − n_t.
    pub churned: Vec<f64>,
    /// `censored[t-1]` = Σ of n_k over cohorts whose last period k = t.
    pub censored: Vec<f64>,
    /// Σ n_0: the number of customers.
    pub customers: f64,
}

impl Pooled {
    pub(crate) fn from_cohorts(cohorts: &Cohorts) -> Self {
        let k = cohorts.longest_periods();
        let mut churned = vec![0.0; k];
        let mut censored = vec![0.0; k];
        let mut customers = 0.0;
        for c in cohorts.as_slice() {
            customers += c.active.first().copied().unwrap_or(0.0);
            for (t, pair) in c.active.windows(2).enumerate() {
                if let (Some(slot), [a, b]) = (churned.get_mut(t), pair) {
                    *slot += a - b;
                }
            }
            let last = c.active.len().saturating_sub(1);
            if let (Some(slot), Some(n_k)) = (last.checked_sub(1).and_then(|i| censored.get_mut(i)), c.active.last()) {
                *slot += n_k;
            }
        }
        Pooled { churned, censored, customers }
    }

    pub(crate) fn total_churned(&self) -> f64 {
        self.churned.iter().sum()
    }

    /// True when nobody is observed beyond period 1: all churn is in
    /// period 1 and no cohort has survivors.
    pub(crate) fn all_churned_first(&self) -> bool {
        self.churned.iter().skip(1).all(|&c| c == 0.0) && self.censored.iter().all(|&c| c == 0.0)
    }
}

/// Log-likelihood with first and second derivatives in (α, β).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LogLik {
    pub value: f64,
    /// ∂LL/∂α, ∂LL/∂β.
    pub grad: [f64; 2],
    /// ∂²LL/∂α², ∂²LL/∂α∂β, ∂²LL/∂β².
    pub hess: [f64; 3],
}

/// LL(α, β) = Σ_t churned_t · ln P(t) + Σ_k censored_k · ln S(k), with its
/// analytic gradient and Hessian, in one pass over the periods.
pub(crate) fn log_likelihood_full(data: &Pooled, alpha: f64, beta: f64) -> LogLik {
    let mut out = LogLik { value: 0.0, grad: [0.0; 2], hess: [0.0; 3] };
    // ln S(t-1) and its derivatives, carried along.
    let (mut s, mut sa, mut sb, mut saa, mut sab, mut sbb) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (i, (&churned, &censored)) in data.churned.iter().zip(&data.censored).enumerate() {
        let b = beta + i as f64; // β + t − 1 for t = i + 1
        let c = alpha + b; // α + β + t − 1
        let (ic, ib) = (1.0 / c, 1.0 / b);
        if churned != 0.0 {
            // ln P(t) = ln S(t−1) + ln α − ln(α+β+t−1)
            let lp = s + alpha.ln() - c.ln();
            out.value += churned * lp;
            out.grad[0] += churned * (sa + 1.0 / alpha - ic);
            out.grad[1] += churned * (sb - ic);
            out.hess[0] += churned * (saa - 1.0 / (alpha * alpha) + ic * ic);
            out.hess[1] += churned * (sab + ic * ic);
            out.hess[2] += churned * (sbb + ic * ic);
        }
        // ln S(t) = ln S(t−1) + ln b − ln c
        s += b.ln() - c.ln();
        sa -= ic;
        sb += ib - ic;
        saa += ic * ic;
        sab += ic * ic;
        sbb += ic * ic - ib * ib;
        if censored != 0.0 {
            out.value += censored * s;
            out.grad[0] += censored * sa;
            out.grad[1] += censored * sb;
            out.hess[0] += censored * saa;
            out.hess[1] += censored * sab;
            out.hess[2] += censored * sbb;
        }
    }
    out
}

/// The log-likelihood of checked cohorts at (α, β): churned counts times
/// ln P(t) plus each cohort's survivors n_k times ln S(k).
///
/// Errors when α or β is not a finite number above 0.
pub fn log_likelihood(cohorts: &Cohorts, alpha: f64, beta: f64) -> Result<f64, Error> {
    check_shape(alpha, beta)?;
    Ok(log_likelihood_full(&Pooled::from_cohorts(cohorts), alpha, beta).value)
}

/// The gradient (∂LL/∂α, ∂LL/∂β) of [`log_likelihood`], analytic.
///
/// Errors when α or β is not a finite number above 0.
pub fn log_likelihood_gradient(cohorts: &Cohorts, alpha: f64, beta: f64) -> Result<[f64; 2], Error> {
    check_shape(alpha, beta)?;
    Ok(log_likelihood_full(&Pooled::from_cohorts(cohorts), alpha, beta).grad)
}

/// Errors unless α and β are finite and above 0.
pub(crate) fn check_shape(alpha: f64, beta: f64) -> Result<(), Error> {
    const RULE: &str = "a finite number above 0";
    if !(alpha.is_finite() && alpha > 0.0) {
        return Err(Error::parameter("alpha", alpha, RULE));
    }
    if !(beta.is_finite() && beta > 0.0) {
        return Err(Error::parameter("beta", beta, RULE));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::input::Cohort;
    use super::*;

    #[test]
    fn survival_matches_closed_form_for_alpha_one() {
        // α = 1: S(t) = β/(β+t).
        let s = survival_curve(1.0, 3.0, 10);
        for (t, v) in s.iter().enumerate() {
            assert!((v - 3.0 / (3.0 + t as f64)).abs() < 1e-14);
        }
        let p = churn_probabilities(1.0, 3.0, 10);
        for (i, v) in p.iter().enumerate() {
            let t = i as f64 + 1.0;
            let want = 3.0 / (3.0 + t - 1.0) - 3.0 / (3.0 + t);
            assert!((v - want).abs() < 1e-14);
        }
        assert_eq!(retention_rate(1.0, 3.0, 0), 1.0);
        assert!((retention_rate(1.0, 3.0, 2) - 4.0 / 5.0).abs() < 1e-15);
    }

    #[test]
    fn churn_and_survival_add_up() {
        let (a, b) = (0.668, 3.806);
        let s = survival_curve(a, b, 50);
        let p = churn_probabilities(a, b, 50);
        for t in 1..=50 {
            assert!((s[t - 1] - s[t] - p[t - 1]).abs() < 1e-14);
        }
    }

    #[test]
    fn analytic_derivatives_match_finite_differences() {
        let cohorts = Cohorts::new(vec![
            Cohort::new("h", vec![1000.0, 869.0, 743.0, 653.0, 593.0]),
            Cohort::new("r", vec![1000.0, 631.0, 468.0, 382.0, 326.0, 289.0]),
        ])
        .unwrap_or_else(|_| unreachable!());
        let data = Pooled::from_cohorts(&cohorts);
        let (a, b) = (0.9, 2.3);
        let h = 1e-5;
        let f = |a: f64, b: f64| log_likelihood_full(&data, a, b);
        let at = f(a, b);
        let ga = (f(a + h, b).value - f(a - h, b).value) / (2.0 * h);
        let gb = (f(a, b + h).value - f(a, b - h).value) / (2.0 * h);
        assert!((at.grad[0] - ga).abs() < 1e-4 * ga.abs().max(1.0));
        assert!((at.grad[1] - gb).abs() < 1e-4 * gb.abs().max(1.0));
        let haa = (f(a + h, b).grad[0] - f(a - h, b).grad[0]) / (2.0 * h);
        let hab = (f(a, b + h).grad[0] - f(a, b - h).grad[0]) / (2.0 * h);
        let hbb = (f(a, b + h).grad[1] - f(a, b - h).grad[1]) / (2.0 * h);
        assert!((at.hess[0] - haa).abs() < 1e-4 * haa.abs().max(1.0));
        assert!((at.hess[1] - hab).abs() < 1e-4 * hab.abs().max(1.0));
        assert!((at.hess[2] - hbb).abs() < 1e-4 * hbb.abs().max(1.0));
        // The public wrappers agree with the pooled pass.
        let ll = log_likelihood(&cohorts, a, b).unwrap_or(f64::NAN);
        assert!((ll - at.value).abs() < 1e-9);
        let g = log_likelihood_gradient(&cohorts, a, b).unwrap_or([f64::NAN; 2]);
        assert_eq!(g, at.grad);
    }

    #[test]
    fn likelihood_equals_direct_sum() {
        let active = [1000.0, 869.0, 743.0, 653.0];
        let cohorts = Cohorts::new(vec![Cohort::new("h", active.to_vec())]).unwrap_or_else(|_| unreachable!());
        let (a, b) = (0.7, 3.5);
        let s = survival_curve(a, b, 3);
        let p = churn_probabilities(a, b, 3);
        let mut want = 0.0;
        for t in 1..=3 {
            want += (active[t - 1] - active[t]) * p[t - 1].ln();
        }
        want += active[3] * s[3].ln();
        let got = log_likelihood(&cohorts, a, b).unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        assert_eq!(
            log_likelihood(&cohorts, 0.0, 1.0).err().map(|e| e.to_string()),
            Some("alpha must be a finite number above 0, got 0".to_string())
        );
        assert_eq!(log_likelihood(&cohorts, 1.0, f64::INFINITY).err().map(|e| e.field_key()), Some("beta".to_string()));
    }
}
