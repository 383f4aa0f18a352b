//! Newton's method with an exact Hessian, for the likelihoods that have one
//! (BG/NBD): a handful of iterations where BFGS needs about twenty, and the
//! standard errors from the same Hessian at the optimum, with no further
//! evaluation.
#![allow(clippy::needless_range_loop)] // fixed-size N×N arrays, indices bounded by N

use super::fit::{Minimum, BOUND, GTOL, LOOSE_GTOL, MAX_STEP};

/// Most Newton iterations before the caller falls back to BFGS.
const MAX_NEWTON: u32 = 40;

/// The objective, its gradient and Hessian at a point (non-finite: infeasible).
pub(crate) type Objective<'a, const N: usize> = dyn FnMut(&[f64; N], &mut [f64; N], &mut [[f64; N]; N]) -> f64 + 'a;

/// A Newton minimum with the gradient and Hessian there.
pub(crate) struct NewtonMinimum<const N: usize> {
    pub min: Minimum<N>,
    pub grad: [f64; N],
    pub hess: [[f64; N]; N],
}

fn eval<const N: usize>(f: &mut Objective<'_, N>, x: &[f64; N], g: &mut [f64; N], h: &mut [[f64; N]; N]) -> f64 {
    if x.iter().any(|v| !v.is_finite() || v.abs() > BOUND) {
        return f64::INFINITY;
    }
    let v = f(x, g, h);
    if v.is_finite() && g.iter().chain(h.iter().flatten()).all(|v| v.is_finite()) {
        v
    } else {
        f64::INFINITY
    }
}

/// Cholesky solve of (h + μI) d = −g; `None` when that is not positive definite.
fn damped_step<const N: usize>(h: &[[f64; N]; N], g: &[f64; N], mu: f64) -> Option<[f64; N]> {
    let mut l = [[0.0; N]; N];
    for i in 0..N {
        for j in 0..=i {
            let mut s = h[i][j] + if i == j { mu } else { 0.0 };
            for k in 0..j {
                s -= l[i][k] * l[j][k];
            }
            if i == j {
                if !(s > 0.0 && s.is_finite()) {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    let mut y = [0.0; N];
    for i in 0..N {
        let s: f64 = (0..i).map(|k| l[i][k] * y[k]).sum();
        y[i] = (-g[i] - s) / l[i][i];
    }
    let mut d = [0.0; N];
    for i in (0..N).rev() {
        let s: f64 = (i + 1..N).map(|k| l[k][i] * d[k]).sum();
        d[i] = (y[i] - s) / l[i][i];
    }
    d.iter().all(|v| v.is_finite()).then_some(d)
}

/// Minimises from `x0` by damped Newton steps (the Hessian shifted by μI
/// until positive definite, so far from the optimum it moves like gradient
/// descent) with a backtracking line search. `None` when the start is
/// infeasible; an unconverged result after [`MAX_NEWTON`] iterations or a
/// failed line search, which the caller replaces by a BFGS run.
pub(crate) fn newton<const N: usize>(f: &mut Objective<'_, N>, x0: [f64; N]) -> Option<NewtonMinimum<N>> {
    let (mut g, mut h) = ([0.0; N], [[0.0; N]; N]);
    let mut x = x0;
    let mut fx = eval(f, &x, &mut g, &mut h);
    if !fx.is_finite() {
        return None;
    }
    let mut iterations = 0;
    let mut converged = false;
    // A ridge (BG/NBD data with no sign of drop-out: r and α, a and b grow
    // together): full steps of the same length while the gradient is nearly
    // flat. Newton's steps shrink fast near a true optimum; steps that do
    // not, twice in a row once the gradient is below the loose tolerance,
    // end the run unconverged, for BFGS (whose ridge stop handles that).
    let (mut prev_len, mut flat) = (f64::INFINITY, 0);
    while iterations < MAX_NEWTON {
        if g.iter().all(|v| v.abs() <= GTOL) {
            converged = true;
            break;
        }
        iterations += 1;
        let scale = (0..N).fold(0.0_f64, |m, i| m.max(h[i][i].abs())).max(1e-12);
        let mut mu = 0.0;
        let mut step = None;
        for _ in 0..60 {
            step = damped_step(&h, &g, mu);
            if step.is_some() {
                break;
            }
            mu = if mu == 0.0 { 1e-8 * scale } else { mu * 10.0 };
        }
        let Some(mut d) = step else { break };
        let len = d.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        if len > MAX_STEP {
            d = d.map(|v| v * MAX_STEP / len);
        }
        let loose = g.iter().all(|v| v.abs() <= LOOSE_GTOL);
        flat = if loose && len >= 0.5 * prev_len { flat + 1 } else { 0 };
        if flat >= 2 {
            break;
        }
        prev_len = len;
        let slope: f64 = d.iter().zip(&g).map(|(a, b)| a * b).sum();
        // Not a descent direction (or NaN): stop.
        if slope.is_nan() || slope >= 0.0 {
            break;
        }
        let mut t = 1.0;
        let mut accepted = false;
        for _ in 0..20 {
            let mut xt = x;
            for (xi, di) in xt.iter_mut().zip(&d) {
                *xi += t * di;
            }
            let (mut gt, mut ht) = ([0.0; N], [[0.0; N]; N]);
            let ft = eval(f, &xt, &mut gt, &mut ht);
            if ft.is_finite() && ft <= fx + 1e-4 * t * slope {
                (x, fx, g, h) = (xt, ft, gt, ht);
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if !accepted {
            break;
        }
    }
    if !converged && g.iter().all(|v| v.abs() <= GTOL) {
        converged = true;
    }
    Some(NewtonMinimum { min: Minimum { x, f: fx, converged, iterations }, grad: g, hess: h })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_a_smooth_function_in_a_few_steps() {
        // f(φ) = Σ (e^φ − c)² / 2: minimum at φ = ln c, Hessian e^{2φ} there.
        let c = [2.0, 0.5];
        let mut f = |x: &[f64; 2], g: &mut [f64; 2], h: &mut [[f64; 2]; 2]| {
            let mut v = 0.0;
            for i in 0..2 {
                let e = x[i].exp();
                v += (e - c[i]).powi(2) / 2.0;
                g[i] = (e - c[i]) * e;
                h[i] = [0.0; 2];
                h[i][i] = (2.0 * e - c[i]) * e;
            }
            v
        };
        let m = newton(&mut f, [0.0, 0.0]).expect("feasible");
        assert!(m.min.converged, "{:?}", m.min);
        assert!(m.min.iterations <= 10, "{}", m.min.iterations);
        assert!((m.min.x[0] - 2f64.ln()).abs() < 1e-9 && (m.min.x[1] - 0.5f64.ln()).abs() < 1e-9);
        assert!((m.hess[0][0] - 4.0).abs() < 1e-6 && (m.hess[1][1] - 0.25).abs() < 1e-6);
        // An infeasible start, and a function with no minimum (a falling ridge).
        let mut bad = |_: &[f64; 2], _: &mut [f64; 2], _: &mut [[f64; 2]; 2]| f64::NAN;
        assert!(newton(&mut bad, [0.0, 0.0]).is_none());
        let mut ridge = |x: &[f64; 2], g: &mut [f64; 2], h: &mut [[f64; 2]; 2]| {
            *g = [-1.0, 0.0];
            *h = [[0.0, 0.0], [0.0, 1.0]];
            -x[0]
        };
        assert!(!newton(&mut ridge, [0.0, 0.0]).expect("feasible").min.converged);
    }
}
