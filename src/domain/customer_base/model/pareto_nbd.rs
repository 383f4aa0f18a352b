//! Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) in the form of
//! Fader & Hardie's note "A Note on Deriving the Pareto/NBD Model and Related
//! Expressions": likelihood, maximum-likelihood fit (numerical gradient) and
//! predictions.

use super::error::{Error, ErrorKind};
use super::fit::{minimize_multistart, numerical_gradient, standard_errors, Gradient};
use super::special::{ln_gamma, ln_hyp2f1_series, log_add_exp, sigmoid};
use super::summary::{at, check_fit_data, validate, CustomerRow, Grouped};
use serde::{Deserialize, Serialize};

/// Pareto/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α), drop-out
/// rate μ ~ Gamma(shape s, rate β).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbd {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Rate of the purchase-rate distribution, per time unit.
    pub alpha: f64,
    /// Shape of the drop-out-rate distribution.
    pub s: f64,
    /// Rate of the drop-out-rate distribution, per time unit.
    pub beta: f64,
}

/// Standard errors of a Pareto/NBD fit, `None` where not available.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ParetoNbdErrors {
    /// Standard error of r.
    pub r: Option<f64>,
    /// Standard error of α.
    pub alpha: Option<f64>,
    /// Standard error of s.
    pub s: Option<f64>,
    /// Standard error of β.
    pub beta: Option<f64>,
}

/// A maximum-likelihood Pareto/NBD fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ParetoNbdFit {
    /// Shape r.
    pub r: f64,
    /// Rate α.
    pub alpha: f64,
    /// Shape s.
    pub s: f64,
    /// Rate β.
    pub beta: f64,
    /// Log-likelihood at the estimate (count-weighted).
    pub log_likelihood: f64,
    /// Standard errors from the inverse Hessian.
    pub standard_errors: ParetoNbdErrors,
    /// Whether the optimiser met its gradient tolerance.
    pub converged: bool,
    /// Optimiser iterations of the reported run.
    pub iterations: u32,
}

impl ParetoNbdFit {
    /// The fitted parameters as a model for predictions.
    pub fn model(&self) -> ParetoNbd {
        ParetoNbd { r: self.r, alpha: self.alpha, s: self.s, beta: self.beta }
    }
}

/// The two terms u(τ) = ln ₂F₁(r+s+x, b'; r+s+x+1; |α−β|/(max+τ)) −
/// (r+s+x) ln(max+τ) of A₀ = e^{u(t_x)} − e^{u(T)} (Fader–Hardie note).
fn a0_term(th: &[f64; 4], x: f64, tau: f64) -> f64 {
    let [r, alpha, s, beta] = *th;
    let (lo, hi, b) = if alpha < beta { (alpha, beta, r + x) } else { (beta, alpha, s + 1.0) };
    let rsx = r + s + x;
    let q = hi + tau;
    ln_hyp2f1_series(rsx, b, rsx + 1.0, (hi - lo) / q) - rsx * q.ln()
}

/// ln(e^{u1} − e^{u2}), −∞ when u2 ≥ u1 (t_x = T).
fn ln_diff(u1: f64, u2: f64) -> f64 {
    if u2 >= u1 {
        f64::NEG_INFINITY
    } else {
        u1 + (-(u2 - u1).exp_m1()).ln()
    }
}

/// Largest argument of the Gauss series used for A₀; beyond it (a very
/// unequal α and β) the integral form is used, which has no slow series.
const SERIES_MAX_Z: f64 = 0.95;

/// Whether A₀ of a customer should use the integral form: when the series
/// argument z is near 1 or the series would need many terms (large shapes).
fn use_integral(th: &[f64; 4], x: f64, t_x: f64) -> bool {
    let [r, alpha, s, beta] = *th;
    let hi = alpha.max(beta);
    let z = (hi - alpha.min(beta)) / (hi + t_x);
    let b = if alpha < beta { r + x } else { s + 1.0 };
    z > SERIES_MAX_Z || b * z > 400.0 * (1.0 - z)
}

/// ln A₀ of the Fader–Hardie note (−∞ when t_x = T).
fn ln_a0(th: &[f64; 4], x: f64, t_x: f64, t: f64) -> f64 {
    if use_integral(th, x, t_x) {
        ln_a0_integral(th, x, t_x, t)
    } else {
        ln_diff(a0_term(th, x, t_x), a0_term(th, x, t))
    }
}

const GL8: [(f64, f64); 4] = [
    (0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (0.796_666_477_413_626_7, 0.222_381_034_453_374_5),
    (0.960_289_856_497_536_3, 0.101_228_536_290_376_3),
];

/// ln A₀ = ln[(r+s+x) ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ], the same
/// quantity as the series form (the drop-out time integrated directly), by
/// composite Gauss–Legendre in y = ln(min(α,β) + τ).
fn ln_a0_integral(th: &[f64; 4], x: f64, t_x: f64, t: f64) -> f64 {
    let [r, alpha, s, beta] = *th;
    if t.is_nan() || t_x.is_nan() || t <= t_x {
        return f64::NEG_INFINITY;
    }
    let m = alpha.min(beta);
    let (ka, kb) = (r + x, s + 1.0);
    let (y0, y1) = ((m + t_x).ln(), (m + t).ln());
    let log_h = |y: f64| {
        let e = y.exp();
        let la = if alpha == m { y } else { (e + (alpha - m)).ln() };
        let lb = if beta == m { y } else { (e + (beta - m)).ln() };
        y - ka * la - kb * lb
    };
    // slope of ln h in y: 1 − k_a (m+τ)/(α+τ) − k_b (m+τ)/(β+τ)
    let slope = |y: f64| {
        let e = y.exp();
        1.0 - ka * e / (e + alpha - m) - kb * e / (e + beta - m)
    };
    let reference = log_h(y0);
    let mut sum = 0.0;
    let mut start = y0;
    let mut left = reference;
    for _ in 0..10_000 {
        let width = (y1 - start).min(1.0).min(2.0 / (1.0 + slope(start).abs()));
        if width.is_nan() || width <= 0.0 {
            break;
        }
        let mid = start + 0.5 * width;
        let mut panel = 0.0;
        for &(node, weight) in &GL8 {
            let d = 0.5 * width * node;
            panel += weight * ((log_h(mid - d) - reference).exp() + (log_h(mid + d) - reference).exp());
        }
        sum += 0.5 * width * panel;
        start += width;
        // ln h is concave in y: once it falls and the panel is negligible,
        // every later panel is smaller still.
        let right = log_h(start);
        if right < left && 0.5 * width * panel < 1e-17 * sum {
            break;
        }
        left = right;
    }
    (r + s + x).ln() + reference + sum.ln()
}

/// Count-weighted log-likelihood at natural parameters (r, α, s, β).
pub(crate) fn ll(data: &Grouped, th: &[f64; 4]) -> f64 {
    let [r, alpha, s, beta] = *th;
    let la: Vec<f64> = data.ages.iter().map(|t| (alpha + t).ln()).collect();
    let lb: Vec<f64> = data.ages.iter().map(|t| (beta + t).ln()).collect();
    let head = -ln_gamma(r) + r * alpha.ln() + s * beta.ln();
    let mut total = 0.0;
    for grp in &data.groups {
        let x = grp.x;
        total += grp.weight * (ln_gamma(r + x) + head);
        let c3 = s.ln() - (r + s + x).ln();
        // Cells run in (T, t_x) order: reuse the last per-T and per-t_x terms.
        let (mut last_t, mut u2) = (usize::MAX, 0.0);
        let (mut last_tx, mut u1) = (usize::MAX, 0.0);
        for c in &grp.cells {
            let (t, t_x) = (at(&data.ages, c.t), at(&data.recencies, c.tx));
            let a0 = if use_integral(th, x, t_x) {
                ln_a0_integral(th, x, t_x, t)
            } else {
                if c.t != last_t {
                    last_t = c.t;
                    u2 = a0_term(th, x, t);
                }
                if c.tx != last_tx {
                    last_tx = c.tx;
                    u1 = a0_term(th, x, t_x);
                }
                ln_diff(u1, u2)
            };
            let a2 = -(r + x) * at(&la, c.t) - s * at(&lb, c.t);
            let a3 = c3 + a0;
            total += c.w * log_add_exp(a2, a3);
        }
    }
    total
}

/// Fits the Pareto/NBD model by maximum likelihood, weighting rows by `count`.
pub fn fit_pareto_nbd(rows: &[CustomerRow]) -> Result<ParetoNbdFit, Error> {
    check_fit_data(rows)?;
    let data = Grouped::new(rows);
    let n = data.total_weight;
    let mut value = |phi: &[f64; 4]| {
        let v = -ll(&data, &phi.map(f64::exp)) / n;
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut obj = |phi: &[f64; 4], g: &mut [f64; 4]| {
        let f = value(phi);
        if f.is_finite() {
            *g = numerical_gradient(&mut value, phi, 1e-5);
        }
        f
    };
    let s0 = (1.0 / data.mean_rate).ln();
    let b0 = data.mean_age.max(1e-3).ln();
    let starts = [
        [0.0, s0, 0.0, b0],
        [0.5f64.ln(), s0 - 2f64.ln(), 0.5f64.ln(), b0 - 2f64.ln()],
        [0.0, 0.0, 0.0, 0.0],
        [2f64.ln(), s0 + 2f64.ln(), 2f64.ln(), b0 + 2f64.ln()],
    ];
    let m = minimize_multistart(&mut obj, &starts).ok_or_else(|| Error::new(ErrorKind::Numerical("Pareto/NBD likelihood")))?;
    let mut total = |phi: &[f64; 4], g: &mut [f64; 4]| {
        let mut f = |p: &[f64; 4]| -ll(&data, &p.map(f64::exp));
        *g = numerical_gradient(&mut f, phi, 1e-5);
        f(phi)
    };
    let se = standard_errors(&mut total, &m.x, Gradient::Numerical);
    let [r, alpha, s, beta] = m.x.map(f64::exp);
    Ok(ParetoNbdFit {
        r,
        alpha,
        s,
        beta,
        log_likelihood: -m.f * n,
        standard_errors: ParetoNbdErrors { r: se[0], alpha: se[1], s: se[2], beta: se[3] },
        converged: m.converged,
        iterations: m.iterations,
    })
}

impl ParetoNbd {
    /// The share of new customers still active at time t: (β / (β + t))^s.
    pub fn survival(&self, t: f64) -> f64 {
        (-self.s * (t.max(0.0) / self.beta).ln_1p()).exp()
    }

    fn theta(&self) -> [f64; 4] {
        [self.r, self.alpha, self.s, self.beta]
    }

    fn valid(&self) -> bool {
        self.theta().iter().all(|v| v.is_finite() && *v > 0.0)
    }

    /// Count-weighted log-likelihood of validated rows at these parameters.
    pub fn log_likelihood(&self, rows: &[CustomerRow]) -> Result<f64, Error> {
        validate(rows)?;
        if !self.valid() {
            return Err(Error::setting("Pareto/NBD parameters", "must be positive numbers"));
        }
        Ok(ll(&Grouped::new(rows), &self.theta()))
    }

    /// P(alive | x, t_x, T): probability the customer is still active at T.
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        if !self.valid() {
            return f64::NAN;
        }
        let (r, s) = (self.r, self.s);
        let odds = s.ln() - (r + s + x).ln() + (r + x) * (self.alpha + t).ln() + s * (self.beta + t).ln() + ln_a0(&self.theta(), x, t_x, t);
        if odds == f64::NEG_INFINITY {
            1.0
        } else {
            sigmoid(-odds)
        }
    }

    /// E[X(t) | x, t_x, T]: expected transactions in (T, T + t].
    pub fn expected_conditional(&self, x: f64, t_x: f64, t: f64, horizon: f64) -> f64 {
        self.p_alive(x, t_x, t) * self.alive_expected(x, t, horizon)
    }

    /// E[X(h) | x, T, alive at T] (independent of t_x).
    pub fn alive_expected(&self, x: f64, t: f64, horizon: f64) -> f64 {
        (self.r + x) / (self.alpha + t) * dropout_integral(self.s, self.beta + t, horizon)
    }

    /// E[X(t)]: expected repeat transactions of a new customer by time t.
    pub fn expected_unconditional(&self, horizon: f64) -> f64 {
        if !self.valid() {
            return f64::NAN;
        }
        self.r / self.alpha * dropout_integral(self.s, self.beta, horizon)
    }
}

/// ∫₀ʰ E[e^{−μu}] du for μ ~ Gamma(s, rate b):
/// b / (s − 1) · (1 − (b / (b + h))^{s−1}), continuous at s = 1.
fn dropout_integral(s: f64, b: f64, h: f64) -> f64 {
    if !(h >= 0.0 && b > 0.0 && s > 0.0) {
        return f64::NAN;
    }
    let l = -(h / b).ln_1p();
    let sm1 = s - 1.0;
    if sm1.abs() < 1e-10 {
        -b * l
    } else {
        -b * (sm1 * l).exp_m1() / sm1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_form_matches_series_form() {
        for th in [[0.55, 10.6, 0.61, 11.7], [0.3, 2.0, 1.5, 9.0], [2.0, 30.0, 0.4, 4.0], [0.8, 1.0, 0.8, 1.0]] {
            for &(x, tx, t) in &[(0.0, 0.0, 38.9), (2.0, 30.4, 38.9), (12.0, 5.0, 60.0), (1.0, 1.7, 1.8)] {
                let series = ln_diff(a0_term(&th, x, tx), a0_term(&th, x, t));
                let integral = ln_a0_integral(&th, x, tx, t);
                assert!((series - integral).abs() < 1e-11, "{th:?} {x}: {series} vs {integral}");
            }
        }
        assert_eq!(ln_a0_integral(&[1.0, 1.0, 1.0, 1.0], 1.0, 5.0, 5.0), f64::NEG_INFINITY);
    }
}
