//! CDNOW master file in days (case 8b) via a tiny test-only summariser:
//! grouping, weighting and native timing on ~11,000 distinct rows.

#![cfg(not(target_arch = "wasm32"))]

mod customer_base_common;
use customer_base_common::*;
use customer_value_calculator::domain::customer_base::model::*;
use std::time::Instant;

#[test]
fn master_file_grouped_fit_and_timing() {
    let rows = cdnow_master_days();
    assert_eq!(rows.len(), 23_570);
    let repeat = rows.iter().filter(|r| r.frequency > 0.0).count();
    assert_eq!(repeat, 11_516);
    let sum_x: f64 = rows.iter().map(|r| r.frequency).sum();
    assert_eq!(sum_x, 44_021.0);
    let spend = rows.iter().filter(|r| r.frequency > 0.0 && r.monetary_value.unwrap_or(0.0) > 0.0).count();
    assert_eq!(spend, 11_515);
    let grouped = group_rows(&rows);
    assert_eq!(grouped.len(), 11_104);

    let t0 = Instant::now();
    let g = fit_bgnbd(&grouped).unwrap();
    let bg_time = t0.elapsed();
    let t0 = Instant::now();
    let u = fit_bgnbd(&rows).unwrap();
    let bg_ungrouped = t0.elapsed();
    println!(
        "TIMING BG/NBD on {} grouped rows: {bg_time:?} ({} iterations); on 23,570 rows: {bg_ungrouped:?}",
        grouped.len(),
        g.iterations
    );
    println!("master BG/NBD (days): {g:?}");
    assert!(g.converged && u.converged);
    for (a, b) in [(g.r, u.r), (g.alpha, u.alpha), (g.a, u.a), (g.b, u.b)] {
        assert!(rel(a, b) < 1e-5, "{a} vs {b}");
    }
    assert!(rel(g.log_likelihood, u.log_likelihood) < 1e-10);

    let t0 = Instant::now();
    let p = fit_pareto_nbd(&grouped).unwrap();
    println!("TIMING Pareto/NBD on {} grouped rows: {:?} ({} iterations)", grouped.len(), t0.elapsed(), p.iterations);
    println!("master Pareto/NBD (days): {p:?}");
    assert!(p.converged);

    let t0 = Instant::now();
    let gg = fit_gamma_gamma(&rows).unwrap();
    println!("TIMING Gamma-Gamma on 11,515 spenders: {:?}; {gg:?}", t0.elapsed());
    assert!(gg.converged && gg.q > 1.0);

    let settings = ClvSettings { time_unit: TimeUnit::Day, ..ClvSettings::default() };
    let t0 = Instant::now();
    let values = value_customers(&Model::Bgnbd(g.model()), Some(&gg.model()), &rows, &settings).unwrap();
    let agg = aggregate(&rows, &values).unwrap();
    println!("TIMING value 23,570 customers, 12 months: {:?}; {agg:?}", t0.elapsed());
    assert_eq!(agg.customers, 23_570.0);
    assert!(agg.total_clv.unwrap() > 0.0);
}
