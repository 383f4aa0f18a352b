//! Data the models cannot describe gives typed errors with pinned messages.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::model::*;

fn msg<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    r.unwrap_err().to_string()
}

fn base() -> Vec<CustomerRow> {
    (0..12)
        .map(|i| {
            let x = (i % 4) as f64;
            CustomerRow::new(x, if x > 0.0 { 3.0 + x } else { 0.0 }, 20.0).with_monetary_value(if x > 0.0 { 10.0 + i as f64 } else { 0.0 })
        })
        .collect()
}

#[test]
fn model_requirements() {
    assert_eq!(msg(fit_bgnbd(&[])), "the summary has no customers; the models need at least 10 customers");
    assert_eq!(msg(fit_bgnbd(&base()[..5])), "only 5 customers; the models need at least 10 customers");
    let no_repeat: Vec<_> = (0..20).map(|_| CustomerRow::new(0.0, 0.0, 5.0)).collect();
    assert_eq!(
        msg(fit_pareto_nbd(&no_repeat)),
        "no customer made a repeat purchase; the models need some customers with frequency above 0"
    );
    let one_day: Vec<_> = (0..20).map(|_| CustomerRow::new(0.0, 0.0, 0.0)).collect();
    assert_eq!(
        msg(fit_bgnbd(&one_day)),
        "every purchase falls on one day (all recency or all T are 0); the models need purchases spread over time"
    );
    let zero_recency: Vec<_> = (0..20).map(|i| CustomerRow::new((i % 2) as f64, 0.0, 5.0)).collect();
    assert!(msg(fit_bgnbd(&zero_recency)).starts_with("every purchase falls on one day"));
    // counts make a small table a large base
    let grouped = vec![CustomerRow::new(0.0, 0.0, 10.0).with_count(8.0), CustomerRow::new(1.0, 2.0, 10.0).with_count(1.0)];
    assert_eq!(msg(fit_bgnbd(&grouped)), "only 9 customers; the models need at least 10 customers");
}

#[test]
fn spend_requirements() {
    let no_money: Vec<_> = base().into_iter().map(|r| CustomerRow { monetary_value: None, ..r }).collect();
    assert_eq!(
        msg(fit_gamma_gamma(&no_money)),
        "no repeat customer has a monetary value above 0; the spend model needs repeat customers with spend"
    );
    assert_eq!(msg(fit_gamma_gamma(&base())), "only 9 repeat customers with spend; the spend model needs at least 10");
}

#[test]
fn row_validation() {
    let cases: Vec<(CustomerRow, &str)> = vec![
        (CustomerRow::new(1.5, 1.0, 2.0), "row 1: frequency must be a whole number from 0 to 1000000"),
        (CustomerRow::new(-1.0, 1.0, 2.0), "row 1: frequency must be a whole number from 0 to 1000000"),
        (CustomerRow::new(f64::NAN, 1.0, 2.0), "row 1: frequency must be a whole number from 0 to 1000000"),
        (CustomerRow::new(1.0, 1.0, f64::INFINITY), "row 1: T must be a number from 0 to 10000000"),
        (CustomerRow::new(1.0, -1.0, 2.0), "row 1: recency must be a number from 0 to 10000000"),
        (CustomerRow::new(1.0, 3.0, 2.0), "row 1: recency must not exceed T"),
        (CustomerRow::new(0.0, 1.0, 2.0), "row 1: recency must be 0 when frequency is 0"),
        (CustomerRow::new(1.0, 1.0, 2.0).with_monetary_value(-5.0), "row 1: monetary_value must be a number from 0 to 1e15"),
        (CustomerRow::new(1.0, 1.0, 2.0).with_count(0.0), "row 1: count must be a whole number from 1 to 1e12"),
        (CustomerRow::new(1.0, 1.0, 2.0).with_count(2.5), "row 1: count must be a whole number from 1 to 1e12"),
        (CustomerRow::new(1e300, 1.0, 2.0), "row 1: frequency must be a whole number from 0 to 1000000"),
    ];
    for (row, want) in cases {
        assert_eq!(msg(validate(&[row])), want);
        let mut rows = base();
        rows.insert(0, row);
        assert_eq!(msg(fit_bgnbd(&rows)), want);
        assert_eq!(msg(fit_gamma_gamma(&rows)), want);
    }
}

#[test]
fn settings_validation() {
    let m = Model::Bgnbd(BgNbd { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 });
    let rows = base();
    let bad = |s: ClvSettings| msg(value_customers(&m, None, &rows, &s));
    let d = ClvSettings::default();
    assert_eq!(bad(ClvSettings { horizon_months: 0, ..d }), "horizon_months must be from 1 to 120");
    assert_eq!(bad(ClvSettings { horizon_months: 121, ..d }), "horizon_months must be from 1 to 120");
    assert_eq!(bad(ClvSettings { discount_rate: f64::NAN, ..d }), "discount_rate must be from 0 to 10");
    assert_eq!(bad(ClvSettings { margin_rate: 1.5, ..d }), "margin_rate must be from 0 to 1");
    let nan_model = Model::Bgnbd(BgNbd { r: f64::NAN, alpha: 4.4, a: 0.79, b: 2.4 });
    assert_eq!(msg(value_customers(&nan_model, None, &rows, &d)), "row 1: the model's prediction is not a finite number");
    assert_eq!(msg(BgNbd { r: -1.0, alpha: 1.0, a: 1.0, b: 1.0 }.log_likelihood(&rows)), "BG/NBD parameters must be positive numbers");
}

#[test]
fn simulation_settings() {
    let spec = SimulationSpec {
        customers: 0,
        params: BgNbd { r: 1.0, alpha: 1.0, a: 1.0, b: 1.0 },
        spend: None,
        acquisition_period: 1.0,
        observation_end: 2.0,
        seed: 1,
    };
    assert_eq!(msg(simulate(&spec)), "customers must be from 1 to 1000000");
    assert_eq!(
        msg(simulate(&SimulationSpec { customers: 5, observation_end: 0.5, ..spec })),
        "observation_end must be finite, at most 10000000 and not before the acquisition period ends"
    );
}
