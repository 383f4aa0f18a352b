//! DESIGN §2.5 reference figures on the CDNOW summaries (cases 8, 8b, 9).

#![cfg(not(target_arch = "wasm32"))]

mod customer_base_common;
use customer_base_common::*;
use customer_value_calculator::domain::customer_base::model::*;
use std::time::Instant;

#[test]
fn bgnbd_cdnow_summary() {
    let rows = cdnow_summary();
    assert_eq!(rows.len(), 2357);
    let t0 = Instant::now();
    let fit = fit_bgnbd(&rows).unwrap();
    println!("BG/NBD fit on 2,357 rows: {:?} {fit:?}", t0.elapsed());
    assert!(fit.converged);
    assert!(rel(fit.r, 0.243) < 2e-3, "r {}", fit.r);
    assert!(rel(fit.alpha, 4.414) < 2e-3, "alpha {}", fit.alpha);
    assert!(rel(fit.a, 0.793) < 2e-3, "a {}", fit.a);
    assert!(rel(fit.b, 2.426) < 2e-3, "b {}", fit.b);
    assert!((fit.log_likelihood + 9582.4).abs() < 0.05, "ll {}", fit.log_likelihood);
    let se = fit.standard_errors;
    for v in [se.r, se.alpha, se.a, se.b] {
        assert!(v.is_some_and(|s| s > 0.0 && s.is_finite()));
    }
    // A sound fit carries no warning.
    let w = fit_warnings(&Params::Bgnbd(fit).estimates(), 2357.0, 1411.0);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn pareto_cdnow_summary() {
    let rows = cdnow_summary();
    let t0 = Instant::now();
    let fit = fit_pareto_nbd(&rows).unwrap();
    println!("Pareto/NBD fit on 2,357 rows: {:?} {fit:?}", t0.elapsed());
    assert!(fit.converged);
    assert!(rel(fit.r, 0.553) < 2e-3, "r {}", fit.r);
    assert!(rel(fit.alpha, 10.578) < 2e-3, "alpha {}", fit.alpha);
    assert!(rel(fit.s, 0.606) < 2e-3, "s {}", fit.s);
    assert!(rel(fit.beta, 11.669) < 2e-3, "beta {}", fit.beta);
    assert!((fit.log_likelihood + 9595.0).abs() < 0.05, "ll {}", fit.log_likelihood);
    let w = fit_warnings(&Params::ParetoNbd(fit).estimates(), 2357.0, 1411.0);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn gamma_gamma_cdnow() {
    let rows = cdnow_summary_with_spend();
    let repeat = rows.iter().filter(|r| r.frequency > 0.0).count();
    assert_eq!(repeat, 946);
    let fit = fit_gamma_gamma(&rows).unwrap();
    println!("Gamma-Gamma: {fit:?}");
    assert!(fit.converged);
    assert!(rel(fit.p, 6.25) < 2e-3, "p {}", fit.p);
    assert!(rel(fit.q, 3.74) < 2e-3, "q {}", fit.q);
    assert!(rel(fit.v, 15.44) < 2e-3, "v {}", fit.v);
    let e = fit.standard_errors;
    let w = fit_warnings(&[(fit.p, e.p), (fit.q, e.q), (fit.v, e.v)], 946.0, 946.0);
    assert!(w.is_empty(), "{w:?}");
}
