//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005b, "RFM and CLV"):
//! likelihood with analytic gradient, fit and conditional expected spend.

use super::error::{Error, ErrorKind};
use super::fit::{minimize_multistart, standard_errors, Gradient};
use super::special::{digamma, ln_gamma};
use super::summary::{validate, CustomerRow};
use serde::{Deserialize, Serialize};

/// Gamma-Gamma parameters: a transaction's value is Gamma(p, ν) with the
/// customer's ν ~ Gamma(q, v).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    /// Shape of a transaction's value.
    pub p: f64,
    /// Shape of the customers' rate ν.
    pub q: f64,
    /// Rate (scale of money) of the customers' rate ν.
    pub v: f64,
}

/// Standard errors of a Gamma-Gamma fit, `None` where not available.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct GammaGammaErrors {
    /// Standard error of p.
    pub p: Option<f64>,
    /// Standard error of q.
    pub q: Option<f64>,
    /// Standard error of v.
    pub v: Option<f64>,
}

/// A maximum-likelihood Gamma-Gamma fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct GammaGammaFit {
    /// Shape p.
    pub p: f64,
    /// Shape q.
    pub q: f64,
    /// Rate v.
    pub v: f64,
    /// Log-likelihood at the estimate (count-weighted).
    pub log_likelihood: f64,
    /// Standard errors from the inverse Hessian.
    pub standard_errors: GammaGammaErrors,
    /// Whether the optimiser met its gradient tolerance.
    pub converged: bool,
    /// Optimiser iterations of the reported run (not serialised).
    #[serde(skip_serializing, default)]
    pub iterations: u32,
}

impl GammaGammaFit {
    /// The fitted parameters as a model for predictions.
    pub fn model(&self) -> GammaGamma {
        GammaGamma { p: self.p, q: self.q, v: self.v }
    }
}

struct SpendGroup {
    x: f64,
    weight: f64,
    /// (ln m, m, weight) for each distinct mean spend m.
    cells: Vec<(f64, f64, f64)>,
}

fn group(rows: &[CustomerRow]) -> Vec<SpendGroup> {
    let mut keyed: Vec<(f64, f64, f64)> = rows
        .iter()
        .filter_map(|r| match r.monetary_value {
            Some(m) if r.frequency > 0.0 && m > 0.0 => Some((r.frequency, m, r.count)),
            _ => None,
        })
        .collect();
    // Both are positive: their bits order like their values.
    keyed.sort_unstable_by_key(|k| (k.0.to_bits(), k.1.to_bits()));
    let mut groups: Vec<SpendGroup> = Vec::new();
    for (x, m, w) in keyed {
        if !matches!(groups.last(), Some(g) if g.x == x) {
            groups.push(SpendGroup { x, weight: 0.0, cells: Vec::new() });
        }
        if let Some(g) = groups.last_mut() {
            g.weight += w;
            match g.cells.last_mut() {
                Some(c) if c.1 == m => c.2 += w,
                _ => g.cells.push((m.ln(), m, w)),
            }
        }
    }
    groups
}

fn ll_grad(groups: &[SpendGroup], th: &[f64; 3], grad: &mut [f64; 3]) -> f64 {
    let [p, q, v] = *th;
    let (lg_q, dg_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
    let mut ll = 0.0;
    let mut g = [0.0; 3];
    for grp in groups {
        let x = grp.x;
        let px = p * x;
        let ln_x = x.ln();
        let (dg_pxq, dg_px) = (digamma(px + q), digamma(px));
        let w = grp.weight;
        ll += w * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + px * ln_x);
        g[0] += w * x * (dg_pxq - dg_px + ln_x);
        g[1] += w * (dg_pxq - dg_q + ln_v);
        g[2] += w * q / v;
        let (mut s_lm, mut s_ld, mut s_inv) = (0.0, 0.0, 0.0);
        for &(ln_m, m, cw) in &grp.cells {
            let d = x * m + v;
            let ln_d = d.ln();
            ll += cw * ((px - 1.0) * ln_m - (px + q) * ln_d);
            s_lm += cw * ln_m;
            s_ld += cw * ln_d;
            s_inv += cw / d;
        }
        g[0] += x * (s_lm - s_ld);
        g[1] -= s_ld;
        g[2] -= (px + q) * s_inv;
    }
    for ((out, gi), ti) in grad.iter_mut().zip(g).zip(th) {
        *out = gi * ti;
    }
    ll
}

/// Fits the Gamma-Gamma model on the repeat customers (frequency > 0) whose
/// `monetary_value` is above 0, weighting rows by `count`.
pub fn fit_gamma_gamma(rows: &[CustomerRow]) -> Result<GammaGammaFit, Error> {
    validate(rows)?;
    let groups = group(rows);
    let n: f64 = groups.iter().map(|g| g.weight).sum();
    if n == 0.0 {
        return Err(Error::new(ErrorKind::NoSpend));
    }
    if n < 10.0 {
        return Err(Error::new(ErrorKind::TooFewSpend(n)));
    }
    let mean_m: f64 = groups.iter().flat_map(|g| g.cells.iter()).map(|c| c.1 * c.2).sum::<f64>() / n;
    let mut obj = |phi: &[f64; 3], g: &mut [f64; 3]| {
        let ll = ll_grad(&groups, &phi.map(f64::exp), g);
        for v in g.iter_mut() {
            *v = -*v / n;
        }
        -ll / n
    };
    let lm = mean_m.ln();
    let starts = [[0.0, 2f64.ln(), lm], [5f64.ln(), 3f64.ln(), lm + 1.0], [0.0, 0.0, 0.0], [0.5f64.ln(), 5f64.ln(), lm + 2.0]];
    let m = minimize_multistart(&mut obj, &starts).ok_or_else(|| Error::new(ErrorKind::Numerical("Gamma-Gamma likelihood")))?;
    let mut total = |phi: &[f64; 3], g: &mut [f64; 3]| {
        let ll = ll_grad(&groups, &phi.map(f64::exp), g);
        for v in g.iter_mut() {
            *v = -*v;
        }
        -ll
    };
    let se = standard_errors(&mut total, &m.x, Gradient::Analytic);
    let [p, q, v] = m.x.map(f64::exp);
    Ok(GammaGammaFit {
        p,
        q,
        v,
        log_likelihood: -m.f * n,
        standard_errors: GammaGammaErrors { p: se[0], q: se[1], v: se[2] },
        converged: m.converged,
        iterations: m.iterations,
    })
}

impl GammaGamma {
    /// Conditional expected spend per transaction, p (v + x m̄) / (p x + q − 1),
    /// for a customer with x repeat transactions of mean value m̄ (the
    /// population mean p v / (q − 1) when x is 0). `None` when q ≤ 1 (the
    /// mean spend is infinite) or the inputs are not valid.
    pub fn expected_spend(&self, x: f64, mean_spend: f64) -> Option<f64> {
        let ok = [self.p, self.q, self.v].iter().all(|v| v.is_finite() && *v > 0.0);
        if !ok || self.q <= 1.0 || !(x >= 0.0 && x.is_finite()) {
            return None;
        }
        let m = if x == 0.0 { 0.0 } else { mean_spend };
        if !(m >= 0.0 && m.is_finite()) {
            return None;
        }
        let e = self.p * (self.v + x * m) / (self.p * x + self.q - 1.0);
        e.is_finite().then_some(e)
    }

    /// Count-weighted log-likelihood of the spend sample of `rows`.
    pub fn log_likelihood(&self, rows: &[CustomerRow]) -> Result<f64, Error> {
        validate(rows)?;
        let mut g = [0.0; 3];
        Ok(ll_grad(&group(rows), &[self.p, self.q, self.v], &mut g))
    }
}
