//! Case 10 of the shared cases (Fader & Hardie 2007, 2010) and projections
//! cross-checked against the independent Python in `an independent Python check (math.lgamma, Nelder–Mead)`.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::retention_curve::sbg::{
    del, derl, fit, retention_curve, survival_curve, yearly_retention, Cohort, Cohorts, Fit, Period, Settings,
};

const HIGH: [f64; 8] = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];
const REGULAR: [f64; 8] = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];

fn one(name: &str, counts: &[f64]) -> Cohorts {
    Cohorts::new(vec![Cohort::new(name, counts.to_vec())]).unwrap_or_else(|e| panic!("{e}"))
}

fn fitted(counts: &[f64]) -> Fit {
    fit(&one("c", counts)).unwrap_or_else(|e| panic!("{e}"))
}

fn r3(x: f64) -> String {
    format!("{x:.3}")
}

#[test]
fn high_end_alpha_beta() {
    let f = fitted(&HIGH);
    assert!(f.converged);
    assert_eq!((r3(f.alpha), r3(f.beta)), ("0.668".into(), "3.806".into()));
    // Python (Nelder–Mead on the Beta-function likelihood): 0.668088444, 3.806095834.
    assert!((f.alpha - 0.668_088_444).abs() < 1e-6);
    assert!((f.beta - 3.806_095_834).abs() < 1e-6);
    assert!((f.log_likelihood - -1_611.158_147_391).abs() < 1e-6);
    let se = f.standard_errors;
    assert!(se.alpha.is_some_and(|s| s > 0.0 && s < 1.0));
    assert!(se.beta.is_some_and(|s| s > 0.0 && s < 10.0));
}

#[test]
fn regular_alpha_beta() {
    let f = fitted(&REGULAR);
    assert!(f.converged);
    assert_eq!((r3(f.alpha), r3(f.beta)), ("0.704".into(), "1.182".into()));
    assert!((f.alpha - 0.704_077_322).abs() < 1e-6);
    assert!((f.beta - 1.182_043_075).abs() < 1e-6);
    assert!((f.log_likelihood - -1_680.265_188_463).abs() < 1e-6);
}

#[test]
fn high_end_derl_after_seven_renewals() {
    let f = fitted(&HIGH);
    let v = derl(f.alpha, f.beta, 0.10, 7, 1.0).unwrap_or(f64::NAN);
    assert_eq!(r3(v), "7.530");
    assert!((v - 7.529_627_853).abs() < 1e-6);
    let regular = fitted(&REGULAR);
    let v = derl(regular.alpha, regular.beta, 0.10, 7, 1.0).unwrap_or(f64::NAN);
    assert!((v - 6.842_314_864).abs() < 1e-6);
}

#[test]
fn survival_projections_years_8_to_12() {
    // Pinned: Rust recursions and the Python Beta-function form agree.
    let cases: [(&[f64], [&str; 5]); 2] =
        [(&HIGH, ["0.460", "0.436", "0.414", "0.395", "0.378"]), (&REGULAR, ["0.220", "0.204", "0.191", "0.180", "0.170"])];
    let python: [[f64; 5]; 2] = [
        [0.460_439_675, 0.435_779_592, 0.414_172_398, 0.395_055_342, 0.377_999_069],
        [0.220_084_963, 0.204_410_783, 0.191_190_187, 0.179_864_988, 0.170_037_449],
    ];
    for ((counts, want), py) in cases.iter().zip(python) {
        let f = fitted(counts);
        let s = survival_curve(f.alpha, f.beta, 12);
        let got: Vec<String> = s[8..=12].iter().map(|&x| r3(x)).collect();
        assert_eq!(got, want.to_vec());
        for (x, y) in s[8..=12].iter().zip(py) {
            assert!((x - y).abs() < 1e-7, "{x} vs {y}");
        }
    }
}

#[test]
fn full_results_for_high_end() {
    let cohorts = one("High end", &HIGH);
    let r = retention_curve(&cohorts, &Settings::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.retention.len(), 12);
    assert_eq!(r.survival.len(), 13);
    assert_eq!(r.derl.len(), 8);
    assert_eq!(r.observed_survival.len(), 1);
    assert!((r.observed_survival[0][7] - 0.491).abs() < 1e-12);
    assert_eq!(r3(r.derl[7]), "7.530");
    assert!((r.del - 5.922_253_520).abs() < 1e-6);
    assert!((r.constant_retention_del - 1.1 / (1.1 - 0.869)).abs() < 1e-12);
    assert!((r.undervaluation - 0.195_930_275).abs() < 1e-6);
    // Retention rises: the loyal stay.
    assert!(r.retention.windows(2).all(|w| w[1] > w[0]));
    let v: serde_json::Value = serde_json::to_value(&r).unwrap_or_default();
    let mut keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "alpha",
            "beta",
            "constant_retention_del",
            "del",
            "derl",
            "log_likelihood",
            "observed_survival",
            "retention",
            "standard_errors",
            "survival",
            "undervaluation"
        ]
    );
    assert!(v["standard_errors"]["alpha"].is_number());
}

#[test]
fn both_cohorts_together_and_settings_errors() {
    let both = Cohorts::new(vec![Cohort::new("High end", HIGH.to_vec()), Cohort::new("Regular", REGULAR.to_vec())])
        .unwrap_or_else(|e| panic!("{e}"));
    let r = retention_curve(&both, &Settings::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.converged && r.alpha > 0.0 && r.beta > 0.0);
    assert!((r.constant_retention_del - 1.1 / (1.1 - 0.75)).abs() < 1e-12);
    let bad = Settings { horizon_periods: 0, ..Settings::default() };
    assert_eq!(
        retention_curve(&both, &bad).err().map(|e| e.to_string()),
        Some("horizon_periods must be a whole number from 1 to 100, got 0".into())
    );
    let bad = Settings { discount_rate: 1.5, ..Settings::default() };
    let e = retention_curve(&both, &bad).err();
    assert_eq!(e.as_ref().map(|e| e.field_key()), Some("discount_rate".into()));
}

#[test]
fn yearly_curve_for_the_value_calculator() {
    let f = fitted(&HIGH);
    let yearly = yearly_retention(f.alpha, f.beta, Period::Year, 3).unwrap_or_default();
    let s = survival_curve(f.alpha, f.beta, 3);
    assert!((yearly[1] - s[2] / s[1]).abs() < 1e-14);
    // Monthly periods: 12 model periods make one year.
    let monthly = yearly_retention(f.alpha, f.beta, Period::Month, 2).unwrap_or_default();
    let s = survival_curve(f.alpha, f.beta, 24);
    assert!((monthly[1] - s[24] / s[12]).abs() < 1e-14);
    assert!(del(f.alpha, f.beta, 0.1, 0.0).unwrap_or(f64::NAN) == 0.0);
}
