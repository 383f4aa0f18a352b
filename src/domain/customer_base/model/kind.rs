//! One interface over the two transaction models.

use super::bgnbd::{fit_bgnbd, BgNbd, BgNbdFit};
use super::error::Error;
use super::pareto_nbd::{fit_pareto_nbd, ParetoNbd, ParetoNbdFit};
use super::summary::CustomerRow;
use serde::{Deserialize, Serialize};

/// Which transaction model to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// BG/NBD (the default).
    #[default]
    Bgnbd,
    /// Pareto/NBD.
    ParetoNbd,
}

/// A fitted transaction model as reported in `params`
/// (`{"model": "bgnbd", "r": …}` or `{"model": "pareto_nbd", …}`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum Params {
    /// A BG/NBD fit.
    Bgnbd(BgNbdFit),
    /// A Pareto/NBD fit.
    ParetoNbd(ParetoNbdFit),
}

impl Params {
    /// The parameters as a model for predictions.
    pub fn model(&self) -> Model {
        match self {
            Params::Bgnbd(f) => Model::Bgnbd(f.model()),
            Params::ParetoNbd(f) => Model::ParetoNbd(f.model()),
        }
    }

    /// The estimates with their standard errors, in the model's order.
    pub fn estimates(&self) -> [(f64, Option<f64>); 4] {
        match self {
            Params::Bgnbd(f) => {
                let e = &f.standard_errors;
                [(f.r, e.r), (f.alpha, e.alpha), (f.a, e.a), (f.b, e.b)]
            }
            Params::ParetoNbd(f) => {
                let e = &f.standard_errors;
                [(f.r, e.r), (f.alpha, e.alpha), (f.s, e.s), (f.beta, e.beta)]
            }
        }
    }

    /// Whether the optimiser converged.
    pub fn converged(&self) -> bool {
        match self {
            Params::Bgnbd(f) => f.converged,
            Params::ParetoNbd(f) => f.converged,
        }
    }
}

/// Fits the chosen transaction model.
pub fn fit(rows: &[CustomerRow], kind: ModelKind) -> Result<Params, Error> {
    Ok(match kind {
        ModelKind::Bgnbd => Params::Bgnbd(fit_bgnbd(rows)?),
        ModelKind::ParetoNbd => Params::ParetoNbd(fit_pareto_nbd(rows)?),
    })
}

/// Transaction-model parameters, for predictions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum Model {
    /// BG/NBD.
    Bgnbd(BgNbd),
    /// Pareto/NBD.
    ParetoNbd(ParetoNbd),
}

impl Model {
    /// P(alive | x, t_x, T).
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        match self {
            Model::Bgnbd(m) => m.p_alive(x, t_x, t),
            Model::ParetoNbd(m) => m.p_alive(x, t_x, t),
        }
    }

    /// E[X(h) | x, t_x, T]: expected transactions in (T, T + h].
    pub fn expected_conditional(&self, x: f64, t_x: f64, t: f64, horizon: f64) -> f64 {
        match self {
            Model::Bgnbd(m) => m.expected_conditional(x, t_x, t, horizon),
            Model::ParetoNbd(m) => m.expected_conditional(x, t_x, t, horizon),
        }
    }

    /// E[X(h) | x, t_x, T] for each horizon, written to `out`.
    pub fn expected_conditional_path(&self, x: f64, t_x: f64, t: f64, horizons: &[f64], out: &mut [f64]) {
        self.alive_path(x, t, horizons, out);
        let pa = self.p_alive(x, t_x, t);
        for o in out.iter_mut() {
            *o *= pa;
        }
    }

    /// E[X(h) | x, T, alive at T] for each horizon, written to `out`: the
    /// expected transactions of a customer still alive. It does not depend
    /// on t_x, so a valuation computes it once per distinct (x, T) and
    /// multiplies by each customer's P(alive).
    pub fn alive_path(&self, x: f64, t: f64, horizons: &[f64], out: &mut [f64]) {
        match self {
            Model::Bgnbd(m) => m.alive_path(x, t, horizons, out),
            Model::ParetoNbd(m) => {
                for (o, &h) in out.iter_mut().zip(horizons) {
                    *o = m.alive_expected(x, t, h);
                }
            }
        }
    }

    /// The share of newly acquired customers still active at time t.
    pub fn survival(&self, t: f64) -> f64 {
        match self {
            Model::Bgnbd(m) => m.survival(t),
            Model::ParetoNbd(m) => m.survival(t),
        }
    }

    /// E[X(h)] for a newly acquired customer.
    pub fn expected_unconditional(&self, horizon: f64) -> f64 {
        match self {
            Model::Bgnbd(m) => m.expected_unconditional(horizon),
            Model::ParetoNbd(m) => m.expected_unconditional(horizon),
        }
    }
}

/// Fewer customers than this make any fit rough.
pub const FEW_CUSTOMERS: f64 = 100.0;
/// Fewer repeat customers than this make any fit rough.
pub const FEW_REPEAT_CUSTOMERS: f64 = 20.0;
/// Estimates beyond `[1/EXTREME, EXTREME]` mean the likelihood has no
/// interior maximum in that direction (the optimiser ran to its bound).
pub const EXTREME: f64 = 1e4;

/// Why a fit that converged may still not be worth much, as stable codes:
/// `few_customers` (fewer than [`FEW_CUSTOMERS`] customers or
/// [`FEW_REPEAT_CUSTOMERS`] repeat customers), `extreme_parameters` (an
/// estimate above [`EXTREME`] or below its inverse: the data cannot
/// pin it down) and `imprecise` (a standard error unknown or larger than
/// its estimate). Empty for a trustworthy fit.
pub fn fit_warnings(estimates: &[(f64, Option<f64>)], customers: f64, repeat_customers: f64) -> Vec<&'static str> {
    let mut out = Vec::new();
    if customers < FEW_CUSTOMERS || repeat_customers < FEW_REPEAT_CUSTOMERS {
        out.push("few_customers");
    }
    if estimates.iter().any(|(v, _)| !(1.0 / EXTREME..=EXTREME).contains(v)) {
        out.push("extreme_parameters");
    }
    if estimates.iter().any(|(v, se)| se.is_none_or(|se| !se.is_finite() || se > v.abs())) {
        out.push("imprecise");
    }
    out
}
