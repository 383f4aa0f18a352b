//! BG/NBD model (Fader, Hardie & Lee 2005): likelihood with analytic
//! gradient, maximum-likelihood fit and predictions.

use super::error::{Error, ErrorKind};
use super::fit::{errors_from_hessian, minimize_multistart, standard_errors, Gradient};
use super::newton::newton;
use super::special::{
    alive_rate_term, digamma, hyp2f1_small_b, ln_gamma, ln_hyp2f1_series, sigmoid, softplus_sigmoid, trigamma, BetaQuadrature,
};
use super::summary::{at, check_fit_data, validate, CustomerRow, Grouped};
use serde::{Deserialize, Serialize};

/// BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α), drop-out
/// probability after each repeat purchase p ~ Beta(a, b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Rate (inverse scale) of the purchase-rate distribution, per time unit.
    pub alpha: f64,
    /// First shape of the drop-out probability distribution.
    pub a: f64,
    /// Second shape of the drop-out probability distribution.
    pub b: f64,
}

/// Standard errors of a BG/NBD fit, `None` where not available.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BgNbdErrors {
    /// Standard error of r.
    pub r: Option<f64>,
    /// Standard error of α.
    pub alpha: Option<f64>,
    /// Standard error of a.
    pub a: Option<f64>,
    /// Standard error of b.
    pub b: Option<f64>,
}

/// A maximum-likelihood BG/NBD fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BgNbdFit {
    /// Shape r.
    pub r: f64,
    /// Rate α.
    pub alpha: f64,
    /// Beta shape a.
    pub a: f64,
    /// Beta shape b.
    pub b: f64,
    /// Log-likelihood at the estimate (count-weighted).
    pub log_likelihood: f64,
    /// Standard errors from the inverse Hessian.
    pub standard_errors: BgNbdErrors,
    /// Whether the optimiser met its gradient tolerance.
    pub converged: bool,
    /// Optimiser iterations of the reported run.
    pub iterations: u32,
}

impl BgNbdFit {
    /// The fitted parameters as a model for predictions.
    pub fn model(&self) -> BgNbd {
        BgNbd { r: self.r, alpha: self.alpha, a: self.a, b: self.b }
    }
}

/// Log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b).
pub(crate) fn ll_grad(data: &Grouped, th: &[f64; 4], grad: &mut [f64; 4]) -> f64 {
    let [r, alpha, a, b] = *th;
    let lt: Vec<f64> = data.ages.iter().map(|t| (alpha + t).ln()).collect();
    let it: Vec<f64> = data.ages.iter().map(|t| 1.0 / (alpha + t)).collect();
    let lx: Vec<f64> = data.recencies.iter().map(|t| (alpha + t).ln()).collect();
    let ix: Vec<f64> = data.recencies.iter().map(|t| 1.0 / (alpha + t)).collect();
    let (lg_r, dg_r) = (ln_gamma(r), digamma(r));
    let (lg_ab, dg_ab) = (ln_gamma(a + b), digamma(a + b));
    let (lg_b, dg_b) = (ln_gamma(b), digamma(b));
    let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
    let mut ll = 0.0;
    let mut g = [0.0; 4];
    for grp in &data.groups {
        let x = grp.x;
        let rx = r + x;
        let w = grp.weight;
        let dg_abx = digamma(a + b + x);
        ll += w * (ln_gamma(rx) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x));
        g[0] += w * (digamma(rx) - dg_r + ln_alpha);
        g[1] += w * r / alpha;
        g[2] += w * (dg_ab - dg_abx);
        g[3] += w * (dg_ab + digamma(b + x) - dg_b - dg_abx);
        let (mut sl, mut si, mut s4) = (0.0, 0.0, 0.0);
        if x == 0.0 {
            for c in &grp.cells {
                ll -= c.w * rx * at(&lt, c.t);
                sl -= c.w * at(&lt, c.t);
                si -= c.w * at(&it, c.t);
            }
        } else {
            let c4 = ln_a - (b + x - 1.0).ln();
            for c in &grp.cells {
                let (l3, l4) = (at(&lt, c.t), at(&lx, c.tx));
                let a3 = -rx * l3;
                let d = c4 - rx * l4 - a3;
                let (sp, w4) = softplus_sigmoid(d);
                ll += c.w * (a3 + sp);
                let w3 = 1.0 - w4;
                sl -= c.w * (w3 * l3 + w4 * l4);
                si -= c.w * (w3 * at(&it, c.t) + w4 * at(&ix, c.tx));
                s4 += c.w * w4;
            }
            g[2] += s4 / a;
            g[3] -= s4 / (b + x - 1.0);
        }
        g[0] += sl;
        g[1] += rx * si;
    }
    for ((out, gi), ti) in grad.iter_mut().zip(g).zip(th) {
        *out = gi * ti;
    }
    ll
}

/// Log-likelihood with its gradient and Hessian in (ln r, ln α, ln a, ln b),
/// for Newton's method. The cells' terms need no transcendental function
/// beyond those of [`ll_grad`] (one exponential and one logarithm a cell):
/// with w₄ = σ(d) the weight of the drop-out term and q = w₄(1 − w₄),
/// ∂²ℓ = ∂²a₃ + w₄ ∂²d + q ∂d ∂dᵀ, whose sums split into a few running totals.
pub(crate) fn ll_grad_hess(data: &Grouped, th: &[f64; 4], grad: &mut [f64; 4], hess: &mut [[f64; 4]; 4]) -> f64 {
    let [r, alpha, a, b] = *th;
    let per = |v: &[f64], f: &dyn Fn(f64) -> f64| -> Vec<f64> { v.iter().map(|t| f(alpha + t)).collect() };
    let (lt, it, lx, ix) =
        (per(&data.ages, &f64::ln), per(&data.ages, &|v| 1.0 / v), per(&data.recencies, &f64::ln), per(&data.recencies, &|v| 1.0 / v));
    let (lg_r, dg_r, tg_r) = (ln_gamma(r), digamma(r), trigamma(r));
    let (lg_ab, dg_ab, tg_ab) = (ln_gamma(a + b), digamma(a + b), trigamma(a + b));
    let (lg_b, dg_b, tg_b) = (ln_gamma(b), digamma(b), trigamma(b));
    let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
    let mut ll = 0.0;
    let mut g = [0.0; 4];
    let mut h = [[0.0; 4]; 4];
    for grp in &data.groups {
        let (x, w) = (grp.x, grp.weight);
        let rx = r + x;
        let (dg_abx, tg_abx) = (digamma(a + b + x), trigamma(a + b + x));
        ll += w * (ln_gamma(rx) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x) - lg_b - ln_gamma(a + b + x));
        g[0] += w * (digamma(rx) - dg_r + ln_alpha);
        g[1] += w * r / alpha;
        g[2] += w * (dg_ab - dg_abx);
        g[3] += w * (dg_ab + digamma(b + x) - dg_b - dg_abx);
        h[0][0] += w * (trigamma(rx) - tg_r);
        h[0][1] += w / alpha;
        h[1][1] -= w * r / (alpha * alpha);
        h[2][2] += w * (tg_ab - tg_abx);
        h[2][3] += w * (tg_ab - tg_abx);
        h[3][3] += w * (tg_ab + trigamma(b + x) - tg_b - tg_abx);
        // Running totals over the cells (each times its weight): see above.
        let (mut sl, mut si, mut s4, mut sm, mut s2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let (mut q0, mut ql, mut qll, mut qi, mut qii, mut qli) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        if x == 0.0 {
            for c in &grp.cells {
                let (l3, i3) = (at(&lt, c.t), at(&it, c.t));
                ll -= c.w * rx * l3;
                sl -= c.w * l3;
                si -= c.w * i3;
                sm -= c.w * i3;
                s2 += c.w * i3 * i3;
            }
        } else {
            let c4 = ln_a - (b + x - 1.0).ln();
            for c in &grp.cells {
                let (l3, l4, i3, i4) = (at(&lt, c.t), at(&lx, c.tx), at(&it, c.t), at(&ix, c.tx));
                let a3 = -rx * l3;
                let d = c4 - rx * l4 - a3;
                let (sp, w4) = softplus_sigmoid(d);
                ll += c.w * (a3 + sp);
                let w3 = 1.0 - w4;
                let (dl, di) = (l3 - l4, i3 - i4);
                let q = c.w * w4 * w3;
                sl -= c.w * (w3 * l3 + w4 * l4);
                si -= c.w * (w3 * i3 + w4 * i4);
                s4 += c.w * w4;
                sm += c.w * (w4 * di - i3);
                s2 += c.w * (w3 * i3 * i3 + w4 * i4 * i4);
                q0 += q;
                ql += q * dl;
                qll += q * dl * dl;
                qi += q * di;
                qii += q * di * di;
                qli += q * dl * di;
            }
            let ib = 1.0 / (b + x - 1.0);
            g[2] += s4 / a;
            g[3] -= s4 * ib;
            h[0][2] += ql / a;
            h[0][3] -= ql * ib;
            h[1][2] += rx * qi / a;
            h[1][3] -= rx * qi * ib;
            h[2][2] += (q0 - s4) / (a * a);
            h[2][3] -= q0 * ib / a;
            h[3][3] += (s4 + q0) * ib * ib;
        }
        g[0] += sl;
        g[1] += rx * si;
        h[0][0] += qll;
        h[0][1] += sm + rx * qli;
        h[1][1] += rx * s2 + rx * rx * qii;
    }
    // To log-parameters: ∂²/∂φₖ∂φₗ = θₖθₗ ∂²/∂θₖ∂θₗ + δₖₗ θₖ ∂/∂θₖ.
    for k in 0..4 {
        for l in k..4 {
            let v = h[k][l] * th[k] * th[l] + if k == l { g[k] * th[k] } else { 0.0 };
            hess[k][l] = v;
            hess[l][k] = v;
        }
    }
    for ((out, gi), ti) in grad.iter_mut().zip(g).zip(th) {
        *out = gi * ti;
    }
    ll
}

/// Fits the BG/NBD model by maximum likelihood, weighting rows by `count`.
pub fn fit_bgnbd(rows: &[CustomerRow]) -> Result<BgNbdFit, Error> {
    check_fit_data(rows)?;
    let data = Grouped::new(rows);
    let n = data.total_weight;
    let mut obj = |phi: &[f64; 4], g: &mut [f64; 4]| {
        let th = phi.map(f64::exp);
        let ll = ll_grad(&data, &th, g);
        for v in g.iter_mut() {
            *v = -*v / n;
        }
        -ll / n
    };
    let s = (1.0 / data.mean_rate).ln();
    let starts = [
        [0.0, s, 0.0, 0.0],
        [0.5f64.ln(), s - 2f64.ln(), 0.5f64.ln(), 2f64.ln()],
        [0.0, 0.0, 0.0, 0.0],
        [2f64.ln(), s + 2f64.ln(), 2f64.ln(), 5f64.ln()],
    ];
    // Newton's method with the exact Hessian from the first start (nine
    // iterations on CDNOW where BFGS takes twenty, and the standard errors
    // from its Hessian); BFGS from every start should it not converge.
    let mut newton_obj = |phi: &[f64; 4], g: &mut [f64; 4], h: &mut [[f64; 4]; 4]| {
        let ll = ll_grad_hess(&data, &phi.map(f64::exp), g, h);
        for v in g.iter_mut().chain(h.iter_mut().flatten()) {
            *v = -*v / n;
        }
        -ll / n
    };
    let by_newton = starts.first().and_then(|s| newton(&mut newton_obj, *s));
    // Unconverged (a ridge, say), BFGS from the usual starts, as before
    // Newton was used: its fit of such data is kept as it was. (Far out on
    // a ridge the likelihood is a difference of huge terms; where BFGS's
    // ridge stop ends is its own matter, and Newton's point gave another.)
    let (m, se) = match by_newton.filter(|m| m.min.converged) {
        Some(nm) => {
            // The totals' Hessian and gradient: n times the mean's.
            let (h, g) = (nm.hess.map(|row| row.map(|v| v * n)), nm.grad.map(|v| v * n));
            (nm.min, errors_from_hessian(&h, &g, &nm.min.x))
        }
        None => {
            let m = minimize_multistart(&mut obj, &starts).ok_or_else(|| Error::new(ErrorKind::Numerical("BG/NBD likelihood")))?;
            let mut total = |phi: &[f64; 4], g: &mut [f64; 4]| {
                let ll = ll_grad(&data, &phi.map(f64::exp), g);
                for v in g.iter_mut() {
                    *v = -*v;
                }
                -ll
            };
            (m, standard_errors(&mut total, &m.x, Gradient::Analytic))
        }
    };
    let [r, alpha, a, b] = m.x.map(f64::exp);
    Ok(BgNbdFit {
        r,
        alpha,
        a,
        b,
        log_likelihood: -m.f * n,
        standard_errors: BgNbdErrors { r: se[0], alpha: se[1], a: se[2], b: se[3] },
        converged: m.converged,
        iterations: m.iterations,
    })
}

impl BgNbd {
    fn valid(&self) -> bool {
        [self.r, self.alpha, self.a, self.b].iter().all(|v| v.is_finite() && *v > 0.0)
    }

    /// Count-weighted log-likelihood of validated rows at these parameters.
    pub fn log_likelihood(&self, rows: &[CustomerRow]) -> Result<f64, Error> {
        validate(rows)?;
        if !self.valid() {
            return Err(Error::setting("BG/NBD parameters", "must be positive numbers"));
        }
        let mut g = [0.0; 4];
        let th = [self.r, self.alpha, self.a, self.b];
        Ok(ll_grad(&Grouped::new(rows), &th, &mut g))
    }

    /// P(alive | x, t_x, T): probability the customer has not dropped out.
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        if x == 0.0 {
            return if self.valid() { 1.0 } else { f64::NAN };
        }
        let odds = self.a.ln() - (self.b + x - 1.0).ln() + (self.r + x) * ((self.alpha + t).ln() - (self.alpha + t_x).ln());
        sigmoid(-odds)
    }

    /// E[X(t) | x, t_x, T]: expected transactions in (T, T + t].
    pub fn expected_conditional(&self, x: f64, t_x: f64, t: f64, horizon: f64) -> f64 {
        let mut out = [0.0];
        self.expected_conditional_path(x, t_x, t, &[horizon], &mut out);
        out[0]
    }

    /// E[X(h) | x, t_x, T] for each horizon h in `horizons`, written to `out`.
    pub fn expected_conditional_path(&self, x: f64, t_x: f64, t: f64, horizons: &[f64], out: &mut [f64]) {
        let pa = self.p_alive(x, t_x, t);
        self.alive_path(x, t, horizons, out);
        for v in out.iter_mut() {
            *v *= pa;
        }
    }

    /// E[X(h) | x, T, alive at T] for each horizon (independent of t_x).
    pub fn alive_path(&self, x: f64, t: f64, horizons: &[f64], out: &mut [f64]) {
        alive_expectation(self.r + x, self.a, self.b + x, self.alpha + t, horizons, out);
    }

    /// The share of new customers still active at time t:
    /// E[exp(−λ p t)] = E_p[(1 + p t / α)^(−r)] for p ~ Beta(a, b).
    pub fn survival(&self, t: f64) -> f64 {
        if t <= 0.0 {
            return 1.0;
        }
        let (r, c) = (self.r, t / self.alpha);
        super::special::BetaQuadrature::new(self.a, self.b).expect(|p| (-r * (p * c).ln_1p()).exp())
    }

    /// E[X(t)]: expected repeat transactions of a new customer by time t.
    pub fn expected_unconditional(&self, horizon: f64) -> f64 {
        let mut out = [0.0];
        alive_expectation(self.r, self.a, self.b, self.alpha, &[horizon], &mut out);
        out[0]
    }
}

/// E_p[(1 − (1 + p h/scale)^{−k}) / p] for p ~ Beta(a, bb) for each horizon
/// h: the expected transactions in the next h of a customer alive now, whose
/// rate posterior is Gamma(k, scale). Gauss series where it converges fast
/// and is well conditioned, quadrature otherwise.
pub(crate) fn alive_expectation(k: f64, a: f64, bb: f64, scale: f64, hs: &[f64], out: &mut [f64]) {
    let c_big = a + bb - 1.0;
    let mut quad: Option<BetaQuadrature> = None;
    for (o, &h) in out.iter_mut().zip(hs) {
        let c = h / scale;
        let z = c / (1.0 + c);
        *o = if !(c >= 0.0 && k > 0.0 && a > 0.0 && bb > 0.0 && c.is_finite()) {
            f64::NAN
        } else if c == 0.0 {
            0.0
        } else if z <= 0.9 && (a - 1.0).abs() > 0.02 && c_big > 0.1 {
            // ln[(1 + c)^(−k) ₂F₁(k, bb; C; z)] with C = a + bb − 1. Euler's
            // transformation ₂F₁(k, bb; C; z) = (1 − z)^(C−k−bb) ₂F₁(C − k, a − 1; C; z)
            // needs a few terms where the direct series needs a hundred
            // (a frequent buyer: k and bb large, z near 1); the direct series
            // where the transformed one does not apply.
            let euler = if c_big > k && ((0.0..1.0).contains(&a) || (a > 1.0 && a < 2.0)) {
                hyp2f1_small_b(c_big - k, a - 1.0, c_big, z)
            } else {
                f64::NAN
            };
            let f = if euler > 0.0 { (1.0 - a) * c.ln_1p() + euler.ln() } else { ln_hyp2f1_series(k, bb, c_big, z) - k * c.ln_1p() };
            c_big / (a - 1.0) * (-f.exp_m1())
        } else {
            let q = quad.get_or_insert_with(|| BetaQuadrature::new(a, bb));
            q.expect(|p| alive_rate_term(p, k, c))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_with_no_sign_of_drop_out_fit_quickly_and_as_well_as_bfgs_alone() {
        // Every customer bought regularly up to the end: a likelihood ridge
        // (b grows without bound). Newton stops on it and BFGS fits from the
        // usual starts: the fit is BFGS's, as before Newton was used.
        let rows: Vec<CustomerRow> = (0..400u32)
            .map(|i| {
                let x = f64::from(1 + i % 9);
                let t = 40.0 + f64::from(i % 13);
                CustomerRow::new(x, t - 0.5 - f64::from(i % 3) * 0.25, t)
            })
            .collect();
        let fit = fit_bgnbd(&rows).expect("a fit");
        let data = Grouped::new(&rows);
        let n = data.total_weight;
        let mut obj = |phi: &[f64; 4], g: &mut [f64; 4]| {
            let ll = ll_grad(&data, &phi.map(f64::exp), g);
            for v in g.iter_mut() {
                *v = -*v / n;
            }
            -ll / n
        };
        let s = (1.0 / data.mean_rate).ln();
        let bfgs = minimize_multistart(&mut obj, &[[0.0, s, 0.0, 0.0]]).expect("bfgs");
        assert!(fit.log_likelihood >= -bfgs.f * n - 1e-6 * n, "{} vs {}", fit.log_likelihood, -bfgs.f * n);
        assert!(fit.iterations <= 200, "{fit:?}");
    }

    #[test]
    fn the_hessian_is_the_gradients_derivative() {
        // Rows of every kind: no repeat, repeats with recency below and at T,
        // counts above one, several x and T.
        let mut rows = Vec::new();
        for i in 0..60u32 {
            let x = f64::from(i % 7);
            let t = 20.0 + f64::from(i % 5) * 7.5;
            let tx = if x == 0.0 { 0.0 } else { t * f64::from(1 + i % 4) / 4.0 };
            rows.push(CustomerRow::new(x, tx, t).with_count(f64::from(1 + i % 3)));
        }
        let data = Grouped::new(&rows);
        for th in [[0.24, 4.4, 0.79, 2.4], [1.0, 1.0, 1.0, 1.0], [3.0, 0.2, 0.1, 8.0]] {
            let (mut g, mut h) = ([0.0; 4], [[0.0; 4]; 4]);
            let ll = ll_grad_hess(&data, &th, &mut g, &mut h);
            let mut g1 = [0.0; 4];
            assert!((ll - ll_grad(&data, &th, &mut g1)).abs() < 1e-9 * ll.abs());
            for k in 0..4 {
                assert!((g[k] - g1[k]).abs() < 1e-9 * g1[k].abs().max(1.0), "gradient {k}");
            }
            // Central differences of the gradient in ln θ.
            let phi = th.map(f64::ln);
            for l in 0..4 {
                let step = 1e-5;
                let (mut p, mut m) = (phi, phi);
                p[l] += step;
                m[l] -= step;
                let (mut gp, mut gm) = ([0.0; 4], [0.0; 4]);
                ll_grad(&data, &p.map(f64::exp), &mut gp);
                ll_grad(&data, &m.map(f64::exp), &mut gm);
                for k in 0..4 {
                    let d = (gp[k] - gm[k]) / (2.0 * step);
                    assert!((h[k][l] - d).abs() < 1e-6 * d.abs().max(1.0), "{th:?} H[{k}][{l}] {} vs {d}", h[k][l]);
                }
            }
        }
    }
}
