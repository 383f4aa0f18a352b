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
        match self {
            Model::Bgnbd(m) => m.expected_conditional_path(x, t_x, t, horizons, out),
            Model::ParetoNbd(m) => {
                for (o, &h) in out.iter_mut().zip(horizons) {
                    *o = m.expected_conditional(x, t_x, t, h);
                }
            }
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
