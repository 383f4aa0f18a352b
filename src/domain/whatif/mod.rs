//! §2.4 What-if tools: scenario comparison, one-at-a-time sensitivity
//! (tornado), goal seek and Monte Carlo ranges. Pure and deterministic.
//!
//! The tools work on any [`WhatIf`] model; every calculator's inputs
//! implement it in the calculator's own module. [`tools`] keeps the settings
//! and runs of one calculator.

use crate::domain::i18n::Msg;
use crate::domain::number::NumberSpec;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

pub mod tools;

/// The part of a label that names one of several like inputs.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// A user's own name (an attribute, an offer).
    Text(String),
    /// A catalog text (a SERVQUAL item, a dimension).
    Msg(Msg),
}

/// A numeric input a tool may vary.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Public key.
    pub key: String,
    /// Label.
    pub label: Msg,
    /// What the label applies to, when several inputs share it (an item, a dimension).
    pub detail: Option<Detail>,
    /// How its value is shown.
    pub unit: crate::domain::math::Unit,
    /// Valid range (rates as fractions).
    pub spec: NumberSpec,
}

/// A model the what-if tools can vary and evaluate. The tools take it as
/// `&dyn WhatIf`, so each is compiled once for every calculator (as five
/// generic copies they were about 40 KB of the page's wasm).
pub trait WhatIf {
    /// The numeric inputs that can be varied.
    fn params(&self) -> Vec<Param>;
    /// The outputs that can be studied `(key, label)`.
    fn outputs(&self) -> Vec<(&'static str, Msg)>;
    /// How an output is shown (a count, money, a percentage …), as the
    /// calculator's own results show it.
    fn output_unit(&self, key: &str) -> crate::domain::math::Unit;
    /// The value of an input.
    fn get(&self, key: &str) -> Option<f64>;
    /// A copy with one input changed.
    fn with(&self, key: &str, v: f64) -> Self
    where
        Self: Sized;
    /// The value of an output (`None` when null).
    fn output(&self, key: &str) -> Option<f64>;
    /// The value of an output with some inputs changed; every implementation
    /// is [`vary`].
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64>;
}

/// [`WhatIf::output_with`] by [`WhatIf::with`]: a copy with each change, then its output.
pub fn vary<M: WhatIf + Clone>(m: &M, changes: &[(&str, f64)], key: &str) -> Option<f64> {
    let mut x = m.clone();
    for (k, v) in changes {
        x = x.with(k, *v);
    }
    x.output(key)
}

/// Clamps a value into a spec's range (whole numbers rounded).
fn clamp(spec: &NumberSpec, v: f64) -> f64 {
    let mut x = v.max(spec.min);
    if let Some(m) = spec.max {
        x = x.min(m);
    }
    if spec.whole {
        x = x.round().clamp(spec.min.ceil(), spec.max.unwrap_or(f64::MAX).floor());
    }
    if !spec.min_inclusive && x <= spec.min {
        x = spec.min + (spec.upper() - spec.min) * 1e-9;
    }
    x
}

// ------------------------------------------------------------ scenarios

/// Absolute and relative difference of a scenario value against the baseline.
pub fn delta(baseline: Option<f64>, value: Option<f64>) -> (Option<f64>, Option<f64>) {
    match (baseline, value) {
        (Some(b), Some(v)) => (Some(v - b), if b == 0.0 { None } else { Some((v - b) / b.abs()) }),
        _ => (None, None),
    }
}

/// One row of the scenario comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// Output key.
    pub key: &'static str,
    /// Label.
    pub label: Msg,
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Per scenario: value, absolute and relative difference.
    pub scenarios: Vec<(Option<f64>, Option<f64>, Option<f64>)>,
}

/// The comparison of a baseline with scenarios over every output.
pub fn compare(baseline: &dyn WhatIf, scenarios: &[&dyn WhatIf]) -> Vec<ComparisonRow> {
    baseline
        .outputs()
        .into_iter()
        .map(|(key, label)| {
            let b = baseline.output(key);
            ComparisonRow {
                key,
                label,
                baseline: b,
                scenarios: scenarios
                    .iter()
                    .map(|s| {
                        let v = s.output(key);
                        let (a, r) = delta(b, v);
                        (v, a, r)
                    })
                    .collect(),
            }
        })
        .collect()
}

// ---------------------------------------------------------- sensitivity

/// One input's effect on the output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SensitivityRow {
    /// Input key.
    pub input: String,
    /// The input's low and high values, or null when it is 0 (not varied).
    pub low_input: Option<f64>,
    /// See `low_input`.
    pub high_input: Option<f64>,
    /// Output at the low input value.
    pub low: Option<f64>,
    /// Output at the high input value.
    pub high: Option<f64>,
    /// |high − low|.
    pub swing: Option<f64>,
}

/// Varies each input by ±p (clamped to its range) one at a time; rows are
/// sorted by swing, largest first; inputs at 0 are listed last, not varied.
pub fn sensitivity(m: &dyn WhatIf, output: &str, p: f64) -> Vec<SensitivityRow> {
    let mut rows: Vec<SensitivityRow> = m
        .params()
        .into_iter()
        .filter_map(|param| {
            let v = m.get(&param.key)?;
            if v == 0.0 {
                return Some(SensitivityRow {
                    input: param.key.clone(),
                    low_input: None,
                    high_input: None,
                    low: None,
                    high: None,
                    swing: None,
                });
            }
            let lo = clamp(&param.spec, v * (1.0 - p));
            let hi = clamp(&param.spec, v * (1.0 + p));
            let out_lo = m.output_with(&[(&param.key, lo)], output);
            let out_hi = m.output_with(&[(&param.key, hi)], output);
            Some(SensitivityRow {
                input: param.key.clone(),
                low_input: Some(lo),
                high_input: Some(hi),
                low: out_lo,
                high: out_hi,
                swing: out_lo.zip(out_hi).map(|(a, b)| (b - a).abs()),
            })
        })
        .collect();
    crate::domain::sort::sort_by(&mut rows, |a, b| match (a.swing, b.swing) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

// ----------------------------------------------------------- goal seek

/// The outcome of a goal seek.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// The target is reached at `value`.
    Found,
    /// The target is not reached in the range; `value` comes closest.
    Unreachable,
}

/// A goal seek result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct GoalSeek {
    /// Input key.
    pub input: String,
    /// Output key.
    pub output: String,
    /// Target.
    pub target: f64,
    /// Found or unreachable.
    pub status: GoalStatus,
    /// The input value found, or the closest one.
    pub value: f64,
    /// The output at `value`.
    pub achieved: Option<f64>,
}

/// The upper end of a search over an input without a maximum.
fn search_upper(spec: &NumberSpec, current: f64) -> f64 {
    match spec.max {
        Some(m) => m,
        None => (current.abs() * 1000.0).clamp(1e6, crate::domain::number::MAX_MAGNITUDE),
    }
}

/// Finds the input value at which the output reaches `target`: scans the
/// valid range for a crossing, then bisects to a relative tolerance of 1e-9.
pub fn goal_seek(m: &dyn WhatIf, input: &str, output: &str, target: f64) -> Option<GoalSeek> {
    let param = m.params().into_iter().find(|p| p.key == input)?;
    let current = m.get(input)?;
    let lo = if param.spec.min_inclusive { param.spec.min } else { param.spec.min + 1e-9 };
    let hi = search_upper(&param.spec, current);
    let f = |x: f64| m.output_with(&[(input, clamp(&param.spec, x))], output).map(|y| y - target);
    const N: usize = 400;
    let geometric = param.spec.max.is_none() && hi > 1e4;
    let grid: Vec<f64> = (0..=N)
        .map(|k| {
            let t = k as f64 / N as f64;
            if geometric {
                // Dense near zero, reaching far: lo + (hi − lo)·(2^(40t) − 1)/(2^40 − 1).
                lo + (hi - lo) * ((2f64).powf(40.0 * t) - 1.0) / ((2f64).powf(40.0) - 1.0)
            } else {
                lo + (hi - lo) * t
            }
        })
        .collect();
    let vals: Vec<Option<f64>> = grid.iter().map(|&x| f(x)).collect();
    let tol_y = 1e-9 * target.abs().max(1.0);
    let result = |x: f64, status| {
        let x = clamp(&param.spec, x);
        GoalSeek { input: input.into(), output: output.into(), target, status, value: x, achieved: m.output_with(&[(input, x)], output) }
    };
    // Classify each value: above (1), at (0) or below (−1) the target.
    let class = |y: f64| {
        if y > tol_y {
            1
        } else if y < -tol_y {
            -1
        } else {
            0
        }
    };
    // Prefer the crossing nearest the current value.
    let mut best: Option<(f64, f64, f64)> = None; // (distance, a, b)
    for k in 0..N {
        if let (Some(ya), Some(yb)) = (vals[k], vals[k + 1]) {
            if class(ya) != class(yb) {
                let d = ((grid[k] + grid[k + 1]) / 2.0 - current).abs();
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, grid[k], grid[k + 1]));
                }
            }
        }
    }
    if let Some((_, mut a, mut b)) = best {
        let ca = class(f(a)?);
        for _ in 0..300 {
            if (b - a).abs() <= 1e-12 * a.abs().max(b.abs()).max(1e-9) {
                break;
            }
            let mid = (a + b) / 2.0;
            if class(f(mid)?) == ca {
                a = mid;
            } else {
                b = mid;
            }
        }
        // At a boundary of a region that meets the target, return its edge.
        let x = if ca == 0 { a } else { b };
        return Some(result(x, GoalStatus::Found));
    }
    if vals.iter().flatten().all(|y| class(*y) == 0) && !vals.is_empty() {
        return Some(result(current, GoalStatus::Found));
    }
    let closest = grid.iter().zip(&vals).filter_map(|(x, y)| y.map(|y| (*x, y.abs()))).min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some(result(closest.0, GoalStatus::Unreachable))
}

// ---------------------------------------------------------- Monte Carlo

/// A triangular distribution.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Triangular {
    /// Lowest value.
    pub min: f64,
    /// Most likely value.
    pub mode: f64,
    /// Highest value.
    pub max: f64,
}

impl Triangular {
    /// Whether min ≤ mode ≤ max (all finite).
    pub fn is_valid(&self) -> bool {
        self.min.is_finite() && self.mode.is_finite() && self.max.is_finite() && self.min <= self.mode && self.mode <= self.max
    }
    /// The inverse CDF at u in [0, 1).
    pub fn quantile(&self, u: f64) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        if b <= a {
            return a;
        }
        let fc = (c - a) / (b - a);
        if u < fc {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        }
    }
}

/// The generator: PCG (`Pcg64Mcg`) seeded with `seed_from_u64`, giving a
/// uniform in [0, 1) from the top 53 bits of each draw.
pub struct Draws(Pcg64Mcg);

impl Draws {
    /// A generator for a seed.
    pub fn new(seed: u64) -> Draws {
        Draws(Pcg64Mcg::seed_from_u64(seed))
    }
    /// A uniform number in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The summary of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Summary {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Percentile by linear interpolation between order statistics (numpy's
/// default): position (n − 1)·q of the sorted values.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = (sorted.len() - 1) as f64 * q;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// A Monte Carlo run that can proceed in chunks (so a page stays responsive).
pub struct MonteCarlo {
    base: Box<dyn WhatIf>,
    output: String,
    ranges: Vec<(String, Triangular)>,
    draws: Draws,
    target: usize,
    /// Output values so far (nulls skipped).
    pub values: Vec<f64>,
    done: usize,
}

impl MonteCarlo {
    /// A run of `n` draws of `output`, each range an input key with its distribution.
    pub fn new(base: Box<dyn WhatIf>, output: &str, ranges: Vec<(String, Triangular)>, seed: u64, n: usize) -> MonteCarlo {
        MonteCarlo { base, output: output.into(), ranges, draws: Draws::new(seed), target: n, values: Vec::with_capacity(n), done: 0 }
    }
    /// Draws up to `chunk` more samples; returns whether the run is complete.
    pub fn step(&mut self, chunk: usize) -> bool {
        let end = (self.done + chunk).min(self.target);
        let params = self.base.params();
        let specs: Vec<Option<NumberSpec>> = self.ranges.iter().map(|(k, _)| params.iter().find(|p| p.key == *k).map(|p| p.spec)).collect();
        let mut changes: Vec<(&str, f64)> = Vec::with_capacity(self.ranges.len());
        for _ in self.done..end {
            changes.clear();
            for ((key, tri), spec) in self.ranges.iter().zip(&specs) {
                let u = self.draws.uniform();
                let mut v = tri.quantile(u);
                if let Some(s) = spec {
                    v = clamp(s, v);
                }
                changes.push((key, v));
            }
            if let Some(y) = self.base.output_with(&changes, &self.output) {
                self.values.push(y);
            }
        }
        self.done = end;
        self.done >= self.target
    }
    /// Draws made so far.
    pub fn done(&self) -> usize {
        self.done
    }
    /// Draws requested.
    pub fn total(&self) -> usize {
        self.target
    }
    /// The summary and a histogram of `bins` bins `(lower edge, count)`.
    pub fn summary(&self, bins: usize) -> Option<(Summary, Vec<(f64, usize)>)> {
        if self.values.is_empty() {
            return None;
        }
        let mut sorted = self.values.clone();
        crate::domain::sort::sort_f64(&mut sorted);
        let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
        let s = Summary { mean, p5: percentile(&sorted, 0.05), p50: percentile(&sorted, 0.5), p95: percentile(&sorted, 0.95) };
        let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
        let bins = bins.max(1);
        let width = if hi > lo { (hi - lo) / bins as f64 } else { 1.0 };
        let mut counts = vec![0usize; bins];
        for v in &sorted {
            let k = (((v - lo) / width) as usize).min(bins - 1);
            counts[k] += 1;
        }
        Some((s, counts.into_iter().enumerate().map(|(k, c)| (lo + width * k as f64, c)).collect()))
    }
}
