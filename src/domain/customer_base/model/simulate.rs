//! A seeded simulator of the BG/NBD purchase process (with Gamma-Gamma
//! spend), for sample data and parameter-recovery tests. Gamma and Beta
//! variates are drawn here (Marsaglia–Tsang) from `rand_pcg`'s Pcg64Mcg, so
//! the same seed gives the same base on every machine.

use super::bgnbd::BgNbd;
use super::error::Error;
use super::gamma_gamma::GammaGamma;
use super::summary::CustomerRow;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimulationSpec {
    /// Number of customers, 1..=1,000,000.
    pub customers: usize,
    /// The purchase process.
    pub params: BgNbd,
    /// The spend process; `None` draws no amounts.
    pub spend: Option<GammaGamma>,
    /// First purchases are uniform on [0, acquisition_period).
    pub acquisition_period: f64,
    /// End of observation (≥ acquisition_period), in the same time unit.
    pub observation_end: f64,
    /// Seed of the generator.
    pub seed: u64,
}

/// One simulated customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulatedCustomer {
    /// Times of all transactions, the first purchase first.
    pub purchases: Vec<f64>,
    /// Value of each transaction (empty without a spend process).
    pub amounts: Vec<f64>,
}

/// Most transactions drawn for one customer.
const MAX_PURCHASES: usize = 100_000;

struct Draw(Pcg64Mcg);

impl Draw {
    /// Uniform on the open interval (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.0.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// ln of a Gamma(shape, 1) variate (Marsaglia & Tsang 2000).
    fn ln_gamma_variate(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let boost = self.uniform().ln() / shape;
            return self.ln_gamma_variate(shape + 1.0) + boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            if self.uniform().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return (d * v).ln();
            }
        }
    }
}

fn positive(v: &[f64]) -> bool {
    v.iter().all(|x| x.is_finite() && *x > 0.0)
}

/// Simulates a customer base. Each customer makes a first purchase, then
/// repeat purchases at Poisson rate λ ~ Gamma(r, α), and after each repeat
/// purchase drops out with probability p ~ Beta(a, b). With `spend`, each
/// transaction's value is Gamma(p, ν) with ν ~ Gamma(q, v) per customer.
pub fn simulate(spec: &SimulationSpec) -> Result<Vec<SimulatedCustomer>, Error> {
    let bg = spec.params;
    if !positive(&[bg.r, bg.alpha, bg.a, bg.b]) {
        return Err(Error::setting("BG/NBD parameters", "must be positive numbers"));
    }
    if let Some(g) = spec.spend {
        if !positive(&[g.p, g.q, g.v]) {
            return Err(Error::setting("Gamma-Gamma parameters", "must be positive numbers"));
        }
    }
    if !(1..=1_000_000).contains(&spec.customers) {
        return Err(Error::setting("customers", "must be from 1 to 1000000"));
    }
    let (acq, end) = (spec.acquisition_period, spec.observation_end);
    if !(acq.is_finite() && end.is_finite() && acq >= 0.0 && end >= acq && end <= 1e7) {
        return Err(Error::setting("observation_end", "must be finite, at most 10000000 and not before the acquisition period ends"));
    }
    let mut rng = Draw(Pcg64Mcg::seed_from_u64(spec.seed));
    let mut out = Vec::with_capacity(spec.customers);
    for _ in 0..spec.customers {
        let first = acq * rng.uniform();
        let lambda = (rng.ln_gamma_variate(bg.r) - bg.alpha.ln()).exp();
        let ln_x = rng.ln_gamma_variate(bg.a);
        let ln_y = rng.ln_gamma_variate(bg.b);
        let p = 1.0 / (1.0 + (ln_y - ln_x).exp());
        let mut purchases = vec![first];
        let mut t = first;
        while purchases.len() < MAX_PURCHASES {
            t += -rng.uniform().ln() / lambda;
            if t.is_nan() || t > end {
                break;
            }
            purchases.push(t);
            if rng.uniform() < p {
                break;
            }
        }
        let amounts = match spec.spend {
            Some(g) => {
                let ln_nu = rng.ln_gamma_variate(g.q) - g.v.ln();
                purchases.iter().map(|_| (rng.ln_gamma_variate(g.p) - ln_nu).exp()).collect()
            }
            None => Vec::new(),
        };
        out.push(SimulatedCustomer { purchases, amounts });
    }
    Ok(out)
}

/// Summarises one customer's transactions up to `observation_end` into a
/// row (frequency, recency, T and the mean repeat amount when amounts are
/// known, 0 for a customer without repeats). `None` when the first purchase
/// is after `observation_end` or there is none.
pub fn summarise(customer: &SimulatedCustomer, observation_end: f64) -> Option<CustomerRow> {
    let first = *customer.purchases.first()?;
    if first.is_nan() || observation_end.is_nan() || first > observation_end {
        return None;
    }
    let kept = customer.purchases.iter().take_while(|&&t| t <= observation_end).count();
    let last = customer.purchases.get(kept.checked_sub(1)?)?;
    let x = (kept - 1) as f64;
    let mut row = CustomerRow::new(x, last - first, observation_end - first);
    if !customer.amounts.is_empty() {
        let repeat: f64 = customer.amounts.iter().take(kept).skip(1).sum();
        row.monetary_value = Some(if kept > 1 { repeat / x } else { 0.0 });
    }
    Some(row)
}
