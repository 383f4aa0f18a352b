//! Maximum-likelihood fit of α and β: a damped Newton method in
//! (ln α, ln β) using the analytic gradient and Hessian, with an Armijo
//! backtracking line search and restarts from other points when the
//! default start fails.

use serde::Serialize;

use super::error::{Error, ErrorKind};
use super::input::Cohorts;
use super::model::{log_likelihood_full, LogLik, Pooled};

/// ln α and ln β are kept within ±this (α, β in [1e-8, 1e8]).
const LN_BOUND: f64 = 18.420_680_743_952_367;
/// Newton iterations per start.
const MAX_ITERATIONS: u32 = 100;
/// Largest step in log space per iteration.
const MAX_STEP: f64 = 3.0;
/// A Newton step shorter than this (in log space) means converged.
const STEP_TOL: f64 = 1e-10;

/// Standard errors of α and β from the inverse of the Hessian of the
/// negative log-likelihood at the optimum; `None` where that Hessian is not
/// positive definite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StandardErrors {
    /// Standard error of α.
    pub alpha: Option<f64>,
    /// Standard error of β.
    pub beta: Option<f64>,
}

/// The fitted sBG model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fit {
    /// Shape α of the beta distribution of churn probabilities.
    pub alpha: f64,
    /// Shape β of the beta distribution of churn probabilities.
    pub beta: f64,
    /// Log-likelihood at (α, β).
    pub log_likelihood: f64,
    /// Standard errors from the inverse Hessian.
    pub standard_errors: StandardErrors,
    /// True when a strict local maximum inside the bounds was reached; when
    /// false, (α, β) is the best point found (for example, data with
    /// constant retention drive α and β towards infinity).
    pub converged: bool,
    /// Newton iterations used, summed over all starts tried.
    pub iterations: u32,
}

/// Fits α and β by maximum likelihood over all cohorts.
///
/// Errors when nobody ever churned or everybody churned in the first period
/// (the likelihood then has no maximum); otherwise returns the fit, with
/// `converged` false when no start reached a strict maximum.
pub fn fit(cohorts: &Cohorts) -> Result<Fit, Error> {
    let data = Pooled::from_cohorts(cohorts);
    if data.total_churned() <= 0.0 {
        return Err(Error::new(ErrorKind::NoChurn));
    }
    if data.all_churned_first() {
        return Err(Error::new(ErrorKind::AllChurnedFirstPeriod));
    }
    let mut iterations = 0;
    let first = newton(&data, [0.0, 0.0]);
    iterations += first.iterations;
    let mut best = first;
    if !best.converged {
        // Other starts: the pooled first-period churn p = α/(α+β) at several
        // concentrations α+β, and a few spread-out points.
        let p = (data.churned.first().copied().unwrap_or(0.0) / data.customers).clamp(0.01, 0.99);
        let mut starts = Vec::with_capacity(7);
        for total in [0.5, 5.0, 50.0] {
            starts.push([(p * total).ln(), ((1.0 - p) * total).ln()]);
        }
        starts.extend([[-2.3, -2.3], [2.3, 2.3], [-1.0, 1.5], [1.5, -1.0]]);
        for start in starts {
            let run = newton(&data, start);
            iterations += run.iterations;
            if better(&run, &best) {
                best = run;
            }
        }
    }
    let [u, v] = best.theta;
    let (alpha, beta) = (u.exp(), v.exp());
    let at = log_likelihood_full(&data, alpha, beta);
    if !at.value.is_finite() {
        // Cannot happen for α, β within the bounds; refuse to return NaN.
        return Err(Error::new(ErrorKind::NoChurn));
    }
    Ok(Fit { alpha, beta, log_likelihood: at.value, standard_errors: standard_errors(&at), converged: best.converged, iterations })
}

/// Prefers converged runs, then the higher log-likelihood.
fn better(a: &Run, b: &Run) -> bool {
    match (a.converged, b.converged) {
        (true, false) => true,
        (false, true) => false,
        _ => a.value > b.value,
    }
}

#[derive(Debug, Clone, Copy)]
struct Run {
    theta: [f64; 2],
    value: f64,
    converged: bool,
    iterations: u32,
}

/// Value, gradient and Hessian in θ = (ln α, ln β).
fn eval_log_space(data: &Pooled, theta: [f64; 2]) -> (f64, [f64; 2], [f64; 3]) {
    let (a, b) = (theta[0].exp(), theta[1].exp());
    let LogLik { value, grad, hess } = log_likelihood_full(data, a, b);
    let g = [a * grad[0], b * grad[1]];
    let h = [a * a * hess[0] + g[0], a * b * hess[1], b * b * hess[2] + g[1]];
    (value, g, h)
}

/// Smallest eigenvalue of the symmetric 2×2 matrix [[m0, m1], [m1, m2]].
fn min_eigen(m: [f64; 3]) -> f64 {
    let mean = 0.5 * (m[0] + m[2]);
    let half = 0.5 * (m[0] - m[2]);
    mean - (half * half + m[1] * m[1]).sqrt()
}

fn newton(data: &Pooled, start: [f64; 2]) -> Run {
    let clamp = |x: f64| x.clamp(-LN_BOUND, LN_BOUND);
    let mut theta = [clamp(start[0]), clamp(start[1])];
    let (mut value, mut g, mut h) = eval_log_space(data, theta);
    let mut run = Run { theta, value, converged: false, iterations: 0 };
    if !value.is_finite() {
        return run;
    }
    let scale = data.customers.max(f64::MIN_POSITIVE);
    for it in 1..=MAX_ITERATIONS {
        run.iterations = it;
        // Maximise: A = −H should be positive definite; shift it if not.
        let a = [-h[0], -h[1], -h[2]];
        let lo = min_eigen(a);
        let hi = 0.5 * (a[0] + a[2]) * 2.0 - lo;
        let floor = 1e-10 * scale;
        let curvature_ok = lo > floor;
        let shift = if curvature_ok { 0.0 } else { floor - lo + 1e-6 * hi.abs() };
        let (m0, m1, m2) = (a[0] + shift, a[1], a[2] + shift);
        let det = m0 * m2 - m1 * m1;
        if !(det > 0.0 && det.is_finite()) {
            break;
        }
        let mut step = [(m2 * g[0] - m1 * g[1]) / det, (m0 * g[1] - m1 * g[0]) / det];
        let len = step[0].abs().max(step[1].abs());
        if curvature_ok && (len < STEP_TOL || g[0].abs().max(g[1].abs()) < 1e-13 * scale) {
            run.converged = true;
            break;
        }
        // Without usable curvature the shifted step only gives a direction:
        // try a full-length move and let the line search shorten it.
        if len > MAX_STEP || (!curvature_ok && len > 0.0) {
            step = [step[0] * MAX_STEP / len, step[1] * MAX_STEP / len];
        }
        // Armijo backtracking.
        let slope = g[0] * step[0] + g[1] * step[1];
        let mut t = 1.0;
        let mut moved = false;
        for _ in 0..60 {
            let cand = [clamp(theta[0] + t * step[0]), clamp(theta[1] + t * step[1])];
            let (v, cg, ch) = eval_log_space(data, cand);
            if v.is_finite() && v >= value + 1e-4 * t * slope && cand != theta {
                moved = v > value || (v == value && curvature_ok);
                theta = cand;
                value = v;
                g = cg;
                h = ch;
                break;
            }
            t *= 0.5;
        }
        if !moved {
            // No ascent possible: converged only at an interior strict maximum
            // whose step is already at rounding level.
            run.converged = curvature_ok && len < 1e-6 && interior(theta);
            break;
        }
    }
    run.converged = run.converged && interior(theta);
    run.theta = theta;
    run.value = value;
    run
}

fn interior(theta: [f64; 2]) -> bool {
    theta.iter().all(|x| x.abs() < LN_BOUND - 1e-9)
}

/// Standard errors from the inverse of −H in (α, β).
fn standard_errors(at: &LogLik) -> StandardErrors {
    let (a, b, c) = (-at.hess[0], -at.hess[1], -at.hess[2]);
    let det = a * c - b * b;
    let none = StandardErrors { alpha: None, beta: None };
    if !(a > 0.0 && c > 0.0 && det > 0.0 && det.is_finite()) {
        return none;
    }
    let finite = |x: f64| {
        if x.is_finite() && x > 0.0 {
            Some(x.sqrt())
        } else {
            None
        }
    };
    StandardErrors { alpha: finite(c / det), beta: finite(a / det) }
}

#[cfg(test)]
mod tests {
    use super::super::input::Cohort;
    use super::*;

    fn cohorts(rows: &[&[f64]]) -> Cohorts {
        let list = rows.iter().enumerate().map(|(i, r)| Cohort::new(format!("c{i}"), r.to_vec())).collect();
        Cohorts::new(list).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn degenerate_data_gives_typed_errors() {
        let none = cohorts(&[&[100.0, 100.0, 100.0]]);
        assert_eq!(fit(&none).err().map(|e| e.to_string()), Some("no customer ever left, so there is no retention curve to fit".into()));
        let all = cohorts(&[&[100.0, 0.0, 0.0], &[50.0, 0.0]]);
        assert_eq!(
            fit(&all).err().map(|e| e.to_string()),
            Some("every customer left in the first period, so there is no retention curve to fit".into())
        );
    }

    #[test]
    fn constant_retention_data_is_not_converged_but_finite() {
        // Exactly geometric data: the maximum is at α, β → ∞.
        let geo = cohorts(&[&[1000.0, 500.0, 250.0, 125.0, 62.5]]);
        let f = fit(&geo).unwrap_or_else(|e| panic!("{e}"));
        assert!(!f.converged);
        assert!(f.alpha.is_finite() && f.beta.is_finite() && f.log_likelihood.is_finite());
        assert!((f.alpha / (f.alpha + f.beta) - 0.5).abs() < 1e-3);
    }

    #[test]
    fn one_period_only_is_a_ridge() {
        let one = cohorts(&[&[100.0, 60.0]]);
        let f = fit(&one).unwrap_or_else(|e| panic!("{e}"));
        assert!(f.log_likelihood.is_finite());
        assert!((f.alpha / (f.alpha + f.beta) - 0.4).abs() < 1e-6);
        assert!(!f.converged);
        assert_eq!(f.standard_errors.alpha, None);
    }

    #[test]
    fn converges_from_far_starts() {
        let data = Pooled::from_cohorts(&cohorts(&[&[1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0]]));
        for start in [[-5.0, -5.0], [5.0, 5.0], [-4.0, 6.0], [6.0, -4.0]] {
            let r = newton(&data, start);
            assert!(r.converged, "start {start:?}");
            assert!((r.theta[0].exp() - 0.668).abs() < 5e-4);
            assert!((r.theta[1].exp() - 3.806).abs() < 5e-4);
        }
    }
}
