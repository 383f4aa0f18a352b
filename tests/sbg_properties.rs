//! Property tests: scale and split invariance of the fit, recovery of the
//! parameters from noiseless data, no panics or NaN on any input.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::retention_curve::sbg::{
    detect_layout, fit, parse_paste, parse_paste_as, parse_paste_bytes, retention_curve, survival_curve, Cohort, Cohorts, Layout, Settings,
};
use proptest::prelude::*;

const HIGH: [f64; 8] = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];
const REGULAR: [f64; 8] = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];

fn fit_of(cohorts: Vec<Cohort>) -> (f64, f64) {
    let c = Cohorts::new(cohorts).unwrap_or_else(|e| panic!("{e}"));
    let f = fit(&c).unwrap_or_else(|e| panic!("{e}"));
    assert!(f.converged);
    (f.alpha, f.beta)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// Published data sets, or noiseless counts 1000·S(t) from a random model.
fn data() -> impl Strategy<Value = Vec<Vec<f64>>> {
    let published = prop_oneof![Just(vec![HIGH.to_vec()]), Just(vec![REGULAR.to_vec()]), Just(vec![HIGH.to_vec(), REGULAR[..5].to_vec()]),];
    let synthetic =
        (0.2_f64..5.0, 0.5_f64..20.0, 4_u32..12).prop_map(|(a, b, k)| vec![survival_curve(a, b, k).iter().map(|s| 1000.0 * s).collect()]);
    prop_oneof![published, synthetic]
}

fn named(rows: &[Vec<f64>]) -> Vec<Cohort> {
    rows.iter().enumerate().map(|(i, r)| Cohort::new(format!("c{i}"), r.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scaling_counts_keeps_the_fit(rows in data(), factor in 0.1_f64..1000.0) {
        let (a, b) = fit_of(named(&rows));
        let scaled: Vec<Vec<f64>> =
            rows.iter().map(|r| r.iter().map(|n| n * factor).collect()).collect();
        let (a2, b2) = fit_of(named(&scaled));
        prop_assert!(close(a, a2, 1e-6), "alpha {a} vs {a2}");
        prop_assert!(close(b, b2, 1e-6), "beta {b} vs {b2}");
    }

    #[test]
    fn splitting_a_cohort_in_halves_keeps_the_fit(rows in data()) {
        let (a, b) = fit_of(named(&rows));
        let half: Vec<f64> = rows[0].iter().map(|n| n / 2.0).collect();
        let mut split = vec![half.clone(), half];
        split.extend(rows.iter().skip(1).cloned());
        let (a2, b2) = fit_of(named(&split));
        prop_assert!(close(a, a2, 1e-6), "alpha {a} vs {a2}");
        prop_assert!(close(b, b2, 1e-6), "beta {b} vs {b2}");
    }

    #[test]
    fn noiseless_counts_give_back_the_model(
        a in 0.2_f64..5.0, b in 0.5_f64..20.0, k in 4_u32..12
    ) {
        let counts: Vec<f64> = survival_curve(a, b, k).iter().map(|s| 1000.0 * s).collect();
        let (fa, fb) = fit_of(vec![Cohort::new("x", counts)]);
        prop_assert!(close(a, fa, 1e-5), "alpha {a} vs {fa}");
        prop_assert!(close(b, fb, 1e-5), "beta {b} vs {fb}");
    }

    #[test]
    fn any_valid_cohorts_fit_without_nan(
        sizes in prop::collection::vec(
            (1.0_f64..1e6, prop::collection::vec(0.0_f64..=1.0, 1..30)), 1..5)
    ) {
        // Non-increasing counts from random keep-shares.
        let cohorts: Vec<Cohort> = sizes
            .iter()
            .enumerate()
            .map(|(i, (n0, keep))| {
                let mut n = *n0;
                let mut active = vec![n];
                for k in keep {
                    n *= k;
                    active.push(n);
                }
                Cohort::new(format!("c{i}"), active)
            })
            .collect();
        let c = Cohorts::new(cohorts).unwrap_or_else(|e| panic!("{e}"));
        match retention_curve(&c, &Settings::default()) {
            Ok(r) => {
                prop_assert!(r.alpha.is_finite() && r.beta.is_finite());
                prop_assert!(r.log_likelihood.is_finite());
                prop_assert!(r.del.is_finite() && r.undervaluation.is_finite());
                prop_assert!(r.derl.iter().chain(&r.survival).all(|x| x.is_finite()));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn cohort_checks_never_panic(
        rows in prop::collection::vec(prop::collection::vec(any::<f64>(), 0..8), 0..25)
    ) {
        let _ = Cohorts::new(named(&rows));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn paste_never_panics_on_any_string(text in any::<String>()) {
        let _ = parse_paste(&text);
        let _ = detect_layout(&text);
        let _ = parse_paste_as(&text, Layout::Columns);
    }

    #[test]
    fn paste_never_panics_on_table_like_text(
        text in "[0-9a-c,;\t\n\r\" .eE+-]{0,600}"
    ) {
        let _ = detect_layout(&text);
        for layout in [Layout::Rows, Layout::Columns] {
            if let Ok(p) = parse_paste_as(&text, layout) {
                prop_assert!(p.cohorts.as_slice().len() <= customer_value_calculator::domain::retention_curve::sbg::MAX_COHORTS);
            }
        }
        if let Err(list) = parse_paste(&text) {
            prop_assert!(list.errors().len() <= customer_value_calculator::domain::retention_curve::sbg::MAX_ERRORS);
            prop_assert!(!list.errors().is_empty());
        }
    }

    #[test]
    fn paste_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_paste_bytes(&bytes);
    }
}
