//! Special functions: ln Γ, digamma, log-sum-exp helpers, the Gauss
//! hypergeometric series the models need, and a Beta-expectation quadrature.

/// ln Γ(x) for x > 0 (Lanczos approximation from `statrs`).
#[inline]
pub(crate) fn ln_gamma(x: f64) -> f64 {
    statrs::function::gamma::ln_gamma(x)
}

/// Digamma ψ(x) = d ln Γ(x)/dx for x > 0 (AS 103 from `statrs`).
#[inline]
pub(crate) fn digamma(x: f64) -> f64 {
    statrs::function::gamma::digamma(x)
}

/// Trigamma ψ′(x) = d²ln Γ(x)/dx² for x > 0: the recurrence
/// ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series (its
/// error there is below 1e-13 of the value). `statrs` has no trigamma.
pub(crate) fn trigamma(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        return f64::NAN;
    }
    let (mut x, mut acc) = (x, 0.0);
    while x < 10.0 {
        acc += 1.0 / (x * x);
        x += 1.0;
    }
    let (z, z2) = (1.0 / x, 1.0 / (x * x));
    // 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1), Bernoulli numbers B₂…B₁₀.
    let series = z2 * (1.0 / 6.0 - z2 * (1.0 / 30.0 - z2 * (1.0 / 42.0 - z2 * (1.0 / 30.0 - z2 * 5.0 / 66.0))));
    acc + z + 0.5 * z2 + z * series
}

/// ln(1 + e^x) without overflow.
#[inline]
pub(crate) fn softplus(x: f64) -> f64 {
    if x > 35.0 {
        x
    } else if x < -35.0 {
        x.exp()
    } else {
        x.exp().ln_1p()
    }
}

/// ln(e^a + e^b); −∞ terms are allowed.
#[inline]
pub(crate) fn log_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if hi == f64::NEG_INFINITY {
        return hi;
    }
    hi + softplus(lo - hi)
}

/// Logistic function 1 / (1 + e^{−x}).
#[inline]
/// `(softplus(x), sigmoid(x))` with one exponential (the likelihoods' inner
/// loops need both): e = exp(−|x|), softplus = max(x, 0) + ln(1 + e).
pub(crate) fn softplus_sigmoid(x: f64) -> (f64, f64) {
    let e = (-x.abs()).exp();
    let s = 1.0 / (1.0 + e);
    (x.max(0.0) + e.ln_1p(), if x >= 0.0 { s } else { e * s })
}

pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

const MAX_TERMS: usize = 50_000;
const RESCALE: f64 = 1e250;

/// ln of the Gauss series Σ_n (a)_n (b)_n / ((c)_n n!) z^n for a, b, c > 0
/// and 0 ≤ z < 1 (all terms positive). Rescales to avoid overflow; NaN when
/// the arguments are outside that domain or the series does not settle.
pub(crate) fn ln_hyp2f1_series(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && c > 0.0 && (0.0..1.0).contains(&z)) {
        return f64::NAN;
    }
    if z == 0.0 {
        return 0.0;
    }
    let mut sum = 1.0_f64;
    let mut term = 1.0_f64;
    let mut offset = 0.0_f64;
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        let ratio = (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        term *= ratio;
        sum += term;
        if sum > RESCALE {
            sum /= RESCALE;
            term /= RESCALE;
            offset += RESCALE.ln();
        }
        let r = ratio.max(z);
        if r < 1.0 && term * r / (1.0 - r) <= 1e-17 * sum {
            return sum.ln() + offset;
        }
    }
    f64::NAN
}

/// The Gauss series Σ_n (a)_n (b)_n / ((c)_n n!) z^n for c > 0, a < c,
/// −1 < b < 1 and 0 ≤ z < 1, where every term after the first has one sign
/// and the terms shrink at least like zⁿ. NaN outside that domain or when
/// the series does not settle.
pub(crate) fn hyp2f1_small_b(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(c > 0.0 && a < c && b > -1.0 && b < 1.0 && (0.0..1.0).contains(&z)) {
        return f64::NAN;
    }
    let mut sum = 1.0_f64;
    let mut term = 1.0_f64;
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        term *= (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        sum += term;
        if term.abs() * z / (1.0 - z) <= 1e-17 * sum.abs() {
            return sum;
        }
    }
    f64::NAN
}

/// Expectation of g(p) for p ~ Beta(a, b), by the trapezoidal rule on the
/// logit scale after a sinh map (double-exponential decay of the tails).
/// `g` receives p (possibly 0 by underflow) and its logit.
pub(crate) struct BetaQuadrature {
    nodes: Vec<(f64, f64)>,
}

impl BetaQuadrature {
    const STEP: f64 = 1.0 / 12.0;
    const SPAN: f64 = 8.0;

    /// Nodes for Beta(a, b); empty (expectations NaN) unless a, b > 0.
    pub(crate) fn new(a: f64, b: f64) -> Self {
        let mut nodes = Vec::new();
        if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
            return BetaQuadrature { nodes };
        }
        let centre = (a / b).ln();
        let scale = (1.0 / a + 1.0 / b).sqrt().min(1.0);
        let n = (Self::SPAN / Self::STEP).round() as i64;
        let mut raw = Vec::with_capacity((2 * n + 1) as usize);
        let mut max_lw = f64::NEG_INFINITY;
        for k in -n..=n {
            let y = k as f64 * Self::STEP;
            let l = centre + scale * y.sinh();
            // log density of the logit of Beta(a, b), plus log of dl/dy.
            let lw = a * l - (a + b) * softplus(l) + (scale * y.cosh()).ln();
            if lw.is_finite() {
                max_lw = max_lw.max(lw);
                raw.push((l, lw));
            }
        }
        let mut total = 0.0;
        for &(l, lw) in &raw {
            let w = (lw - max_lw).exp();
            if w > 1e-300 {
                total += w;
                nodes.push((l, w));
            }
        }
        if total > 0.0 && total.is_finite() {
            for node in &mut nodes {
                node.1 /= total;
            }
        } else {
            nodes.clear();
        }
        BetaQuadrature { nodes }
    }

    /// E[g(p)], NaN when the quadrature could not be built.
    pub(crate) fn expect(&self, mut g: impl FnMut(f64) -> f64) -> f64 {
        if self.nodes.is_empty() {
            return f64::NAN;
        }
        self.nodes.iter().map(|&(l, w)| w * g(sigmoid(l))).sum()
    }
}

/// (1 − (1 + p c)^{−k}) / p, continuous at p = 0 (value k c).
#[inline]
pub(crate) fn alive_rate_term(p: f64, k: f64, c: f64) -> f64 {
    let pc = p * c;
    if pc < 1e-8 {
        k * c * (1.0 - 0.5 * (k + 1.0) * pc)
    } else {
        -(-k * pc.ln_1p()).exp_m1() / p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigamma_values() {
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        for (x, want) in [(1.0, pi2 / 6.0), (0.5, pi2 / 2.0), (2.0, pi2 / 6.0 - 1.0), (1.5, pi2 / 2.0 - 4.0)] {
            assert!((trigamma(x) / want - 1.0).abs() < 1e-13, "{x}: {} vs {want}", trigamma(x));
        }
        // The derivative of statrs' digamma, by central differences.
        for x in [0.01, 0.3, 2.7, 9.9, 10.0, 10.1, 40.0, 1e4] {
            let h = 1e-5 * x;
            let d = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!((trigamma(x) / d - 1.0).abs() < 1e-6, "{x}: {} vs {d}", trigamma(x));
        }
        assert!(trigamma(0.0).is_nan() && trigamma(-1.0).is_nan() && trigamma(f64::NAN).is_nan());
    }

    #[test]
    fn eulers_transformation_agrees_with_the_direct_series() {
        // ₂F₁(k, bb; C; z) = (1 − z)^(C−k−bb) ₂F₁(C − k, a − 1; C; z), C = a + bb − 1:
        // the BG/NBD's conditional expectation over its range of shapes.
        let mut checked = 0;
        for a in [0.3, 0.8, 1.5, 1.98] {
            for b in [0.5, 2.5, 10.0] {
                for r in [0.05, 0.25, 1.0, 2.5] {
                    for x in [0.0, 1.0, 5.0, 20.0, 60.0] {
                        for z in [0.01, 0.3, 0.6, 0.9] {
                            let (k, bb) = (r + x, b + x);
                            let c = a + bb - 1.0;
                            if c <= k || c <= 0.1 {
                                continue;
                            }
                            let direct = ln_hyp2f1_series(k, bb, c, z);
                            let euler = (c - k - bb) * (1.0 - z).ln() + hyp2f1_small_b(c - k, a - 1.0, c, z).ln();
                            assert!(
                                (direct - euler).abs() <= 1e-12 * direct.abs().max(1.0),
                                "a {a} b {b} r {r} x {x} z {z}: {direct} vs {euler}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
        assert!(hyp2f1_small_b(1.0, 1.5, 2.0, 0.5).is_nan(), "outside its domain");
    }

    #[test]
    fn hyp2f1_known_values() {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z
        for &z in &[0.1, 0.5, 0.9, 0.99] {
            let exact = -(1.0_f64 - z).ln() / z;
            let got = ln_hyp2f1_series(1.0, 1.0, 2.0, z).exp();
            assert!((got / exact - 1.0).abs() < 1e-13, "{z}: {got} vs {exact}");
        }
        // 2F1(a, b; b; z) = (1 − z)^{−a}
        let got = ln_hyp2f1_series(2.5, 3.0, 3.0, 0.7);
        assert!((got - (-2.5 * 0.3_f64.ln())).abs() < 1e-12);
        // huge values stay finite in log space
        let big = ln_hyp2f1_series(500.0, 800.0, 501.0, 0.95);
        assert!(big.is_finite() && big > 2000.0, "{big}");
        assert!(ln_hyp2f1_series(1.0, 1.0, 2.0, 1.0).is_nan());
        assert!(ln_hyp2f1_series(-1.0, 1.0, 2.0, 0.5).is_nan());
    }

    #[test]
    fn beta_quadrature_moments() {
        for &(a, b) in &[(0.79, 2.4), (0.05, 3.0), (3.0, 0.05), (0.8, 2000.0), (50.0, 60.0)] {
            let q = BetaQuadrature::new(a, b);
            let mean = q.expect(|p| p);
            let var = q.expect(|p| p * p) - mean * mean;
            let m = a / (a + b);
            let v = a * b / ((a + b) * (a + b) * (a + b + 1.0));
            assert!((mean / m - 1.0).abs() < 1e-10, "{a},{b}: {mean} vs {m}");
            assert!((var / v - 1.0).abs() < 1e-8, "{a},{b}: {var} vs {v}");
        }
        // E[1/p] = (a + b − 1) / (a − 1) for a > 1
        let q = BetaQuadrature::new(2.5, 4.0);
        let inv = q.expect(|p| 1.0 / p);
        assert!((inv - 5.5 / 1.5).abs() < 1e-10);
        assert!(BetaQuadrature::new(0.0, 1.0).expect(|p| p).is_nan());
    }

    #[test]
    fn helpers() {
        assert_eq!(log_add_exp(f64::NEG_INFINITY, f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!((log_add_exp(0.0, 0.0) - 2f64.ln()).abs() < 1e-15);
        assert!((log_add_exp(1000.0, 0.0) - 1000.0).abs() < 1e-12);
        assert!((sigmoid(-800.0)).abs() < 1e-300);
        assert!((alive_rate_term(0.0, 2.0, 3.0) - 6.0).abs() < 1e-15);
        let p = 0.3;
        let direct = (1.0 - (1.0_f64 + p * 3.0).powf(-2.0)) / p;
        assert!((alive_rate_term(p, 2.0, 3.0) - direct).abs() < 1e-14);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((digamma(1.0) + 0.577_215_664_901_532_9).abs() < 1e-12);
    }
}
