//! Native tests of §2.1 through the public API: the reference cases, the
//! retention-multiple grid, both cash-flow timings, the null rules and
//! properties.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_value::{
    compute, compute_inputs, CashFlowTiming, CustomerValueInputs, CvField, CvForm, Period,
};
use proptest::prelude::*;

mod common;
use common::inputs_strategy;

fn course() -> CustomerValueInputs {
    CustomerValueInputs::default()
}

fn round(x: f64, d: i32) -> f64 {
    let p = 10f64.powi(d);
    (x * p).round() / p
}

#[test]
fn case_1_course_exercise() {
    let r = compute_inputs(&course());
    assert_eq!(r.purchases_per_year, Some(52.0));
    assert_eq!(r.annual_value, Some(2600.0));
    assert_eq!(r.lifetime_value, Some(26000.0));
    assert_eq!(r.referral_customers_gained, Some(1.0));
    assert_eq!(r.referral_value_gained, Some(26000.0));
    assert_eq!(r.satisfied_customer_value, Some(52000.0));
    assert_eq!(r.referral_customers_lost, Some(2.0));
    assert_eq!(r.referral_value_lost, Some(52000.0));
    assert_eq!(r.dissatisfied_customer_loss, Some(78000.0));
    assert_eq!(r.satisfaction_swing, Some(130000.0));
    // The retention model is off by default: all its results are null.
    assert_eq!(r.retention_clv, None);
    assert_eq!(r.retention_clv_perpetuity, None);
    assert_eq!(r.net_clv, None);
    assert_eq!(r.expected_lifetime_years, None);
}

#[test]
fn case_2_fifty_weeks() {
    let r = compute_inputs(&CustomerValueInputs { weeks_per_year: 50.0, ..course() });
    assert_eq!(r.lifetime_value, Some(25000.0));
    assert_eq!(r.satisfied_customer_value, Some(50000.0));
    assert_eq!(r.dissatisfied_customer_loss, Some(75000.0));
}

#[test]
fn case_3_customer_does_not_defect() {
    let r = compute_inputs(&CustomerValueInputs { dissatisfied_customer_defects: false, ..course() });
    assert_eq!(r.dissatisfied_customer_loss, Some(52000.0));
    assert_eq!(r.satisfaction_swing, Some(104000.0));
}

fn retention(r: f64, d: f64, timing: CashFlowTiming, horizon: f64) -> CustomerValueInputs {
    CustomerValueInputs {
        spend_per_purchase: 100.0,
        purchases_per_period: 1.0,
        period: Period::Year,
        margin_rate: 1.0,
        retention_rate: Some(r),
        discount_rate: d,
        cash_flow_timing: timing,
        horizon_years: horizon,
        ..course()
    }
}

#[test]
fn case_4_retention_multiple() {
    let r = compute_inputs(&retention(0.8, 0.1, CashFlowTiming::End, 10.0));
    assert_eq!(round(r.retention_clv_perpetuity.unwrap(), 2), 266.67);
    assert_eq!(round(r.expected_lifetime_years.unwrap(), 10), 5.0);
}

#[test]
fn retention_multiple_grid() {
    let grid = [
        (0.6, [1.20, 1.15, 1.11, 1.07]),
        (0.7, [1.75, 1.67, 1.59, 1.52]),
        (0.8, [2.67, 2.50, 2.35, 2.22]),
        (0.9, [4.50, 4.09, 3.75, 3.46]),
    ];
    for (r, row) in grid {
        for (i, expected) in [0.10, 0.12, 0.14, 0.16].into_iter().zip(row) {
            let res = compute_inputs(&retention(r, i, CashFlowTiming::End, 10.0));
            // m = 100, so the multiple is the perpetuity / 100.
            assert_eq!(round(res.retention_clv_perpetuity.unwrap() / 100.0, 2), expected, "r={r} i={i}");
        }
    }
}

#[test]
fn finite_horizon_both_timings() {
    let (m, r, d, n) = (100.0f64, 0.8f64, 0.1f64, 10.0f64);
    let q = r / (1.0 + d);
    let end = compute_inputs(&retention(r, d, CashFlowTiming::End, n));
    let start = compute_inputs(&retention(r, d, CashFlowTiming::Start, n));
    // Closed forms of the geometric sums.
    let end_expected = m * q * (1.0 - q.powf(n)) / (1.0 - q);
    let start_expected = m * (1.0 - q.powf(n)) / (1.0 - q);
    assert!((end.retention_clv.unwrap() - end_expected).abs() < 1e-9);
    assert!((start.retention_clv.unwrap() - start_expected).abs() < 1e-9);
    // Values to the cent, computed independently (Python: 100*q*(1-q**10)/(1-q)
    // = 255.6273…, 100*(1-q**10)/(1-q) = 351.4876…, q = 0.8/1.1).
    assert_eq!(round(end.retention_clv.unwrap(), 2), 255.63);
    assert_eq!(round(start.retention_clv.unwrap(), 2), 351.49);
    // Start timing = end timing / q.
    assert!((start.retention_clv.unwrap() - end.retention_clv.unwrap() / q).abs() < 1e-9);
    // Perpetuity, start timing: m(1+d)/(1+d−r) = 110 / 0.3.
    assert_eq!(round(start.retention_clv_perpetuity.unwrap(), 2), 366.67);
    // Horizon 1: one margin, discounted (end) or not (start).
    let one_end = compute_inputs(&retention(r, d, CashFlowTiming::End, 1.0));
    let one_start = compute_inputs(&retention(r, d, CashFlowTiming::Start, 1.0));
    assert!((one_end.retention_clv.unwrap() - 100.0 * q).abs() < 1e-9);
    assert_eq!(one_start.retention_clv, Some(100.0));
}

#[test]
fn net_clv_subtracts_acquisition_cost() {
    let mut i = retention(0.8, 0.1, CashFlowTiming::End, 10.0);
    i.acquisition_cost = 55.67;
    let r = compute_inputs(&i);
    assert!((r.net_clv.unwrap() - (r.retention_clv.unwrap() - 55.67)).abs() < 1e-9);
}

#[test]
fn null_rules() {
    // r = 1, d = 0: no perpetuity (1 + d − r = 0) and no expected lifetime.
    let r = compute_inputs(&retention(1.0, 0.0, CashFlowTiming::End, 10.0));
    assert_eq!(r.retention_clv_perpetuity, None);
    assert_eq!(r.expected_lifetime_years, None);
    assert_eq!(r.retention_clv, Some(1000.0));
    // r = 1, d > 0: a finite perpetuity, still no expected lifetime.
    let r = compute_inputs(&retention(1.0, 0.1, CashFlowTiming::End, 10.0));
    assert_eq!(round(r.retention_clv_perpetuity.unwrap(), 6), 1000.0);
    assert_eq!(r.expected_lifetime_years, None);
    // r = 0: nothing after the first year.
    let r = compute_inputs(&retention(0.0, 0.1, CashFlowTiming::Start, 10.0));
    assert_eq!(r.retention_clv, Some(100.0));
    assert_eq!(r.expected_lifetime_years, Some(1.0));
}

#[test]
fn round_people_rounds_half_up() {
    let i = CustomerValueInputs { satisfied_tell_count: 3.0, dissatisfied_tell_count: 7.0, conversion_rate: 0.25, ..course() };
    let raw = compute_inputs(&i);
    assert_eq!(raw.referral_customers_gained, Some(0.75));
    assert_eq!(raw.referral_customers_lost, Some(1.75));
    let rounded = compute_inputs(&CustomerValueInputs { round_people: true, ..i.clone() });
    assert_eq!(rounded.referral_customers_gained, Some(1.0));
    assert_eq!(rounded.referral_customers_lost, Some(2.0));
    let half = compute_inputs(&CustomerValueInputs { satisfied_tell_count: 2.5, conversion_rate: 1.0, round_people: true, ..course() });
    assert_eq!(half.referral_customers_gained, Some(3.0));
}

#[test]
fn retell_count_multiplies_listeners() {
    let r = compute_inputs(&CustomerValueInputs { retell_count: 2.0, ..course() });
    assert_eq!(r.referral_customers_gained, Some(3.0));
    assert_eq!(r.referral_customers_lost, Some(6.0));
}

#[test]
fn periods() {
    for (period, per_year) in [(Period::Week, 52.0), (Period::Month, 12.0), (Period::Quarter, 4.0), (Period::Year, 1.0)] {
        let r = compute_inputs(&CustomerValueInputs { period, purchases_per_period: 2.0, ..course() });
        assert_eq!(r.purchases_per_year, Some(2.0 * per_year));
    }
}

#[test]
fn invalid_field_blanks_only_dependent_results() {
    let mut form = CvForm::default();
    form.set(CvField::DissatisfiedTellCount, "abc");
    let r = compute(&form.values());
    assert_eq!(r.lifetime_value, Some(26000.0));
    assert_eq!(r.satisfied_customer_value, Some(52000.0));
    assert_eq!(r.referral_customers_lost, None);
    assert_eq!(r.dissatisfied_customer_loss, None);
    assert_eq!(r.satisfaction_swing, None);
    // weeks_per_year only matters for weekly purchases.
    let mut form = CvForm::default();
    form.set(CvField::WeeksPerYear, "-5");
    assert_eq!(compute(&form.values()).purchases_per_year, None);
    form.set(CvField::Period, "month");
    assert_eq!(compute(&form.values()).purchases_per_year, Some(12.0));
}

#[test]
fn form_round_trips_inputs() {
    let i = retention(0.85, 0.12, CashFlowTiming::Start, 7.0);
    let form = CvForm::from_inputs(&i);
    assert_eq!(form.text(CvField::RetentionRate), "85");
    assert_eq!(form.text(CvField::DiscountRate), "12");
    assert_eq!(form.values().complete(), Some(i));
}

#[test]
fn json_document_inputs_reject_unknown_keys() {
    let json = serde_json::to_string(&course()).unwrap();
    let back: CustomerValueInputs = serde_json::from_str(&json).unwrap();
    assert_eq!(back, course());
    let bad = json.replacen('{', "{\"surprise\":1,", 1);
    assert!(serde_json::from_str::<CustomerValueInputs>(&bad).is_err());
    assert!(json.contains("\"retention_rate\":null"));
    assert!(json.contains("\"period\":\"week\""));
}

proptest! {
    #[test]
    fn more_spend_never_lowers_any_value(i in inputs_strategy(), extra in 0.0..1000.0f64) {
        let a = compute_inputs(&i);
        let b = compute_inputs(&CustomerValueInputs { spend_per_purchase: i.spend_per_purchase + extra, ..i.clone() });
        for key in ["annual_value", "lifetime_value", "referral_value_gained", "satisfied_customer_value",
                    "referral_value_lost", "dissatisfied_customer_loss", "satisfaction_swing",
                    "retention_clv", "retention_clv_perpetuity", "net_clv"] {
            if let (Some(Some(x)), Some(Some(y))) = (a.get(key), b.get(key)) {
                prop_assert!(y >= x - 1e-9 * x.abs().max(1.0), "{key}: {x} -> {y}");
            }
        }
    }

    #[test]
    fn satisfaction_swing_is_never_negative(i in inputs_strategy()) {
        let r = compute_inputs(&i);
        prop_assert!(r.satisfaction_swing.unwrap() >= 0.0);
    }

    #[test]
    fn form_text_round_trips_valid_inputs(i in inputs_strategy()) {
        let form = CvForm::from_inputs(&i);
        prop_assert!(form.is_valid());
        prop_assert_eq!(form.values().complete(), Some(i));
    }
}

#[test]
fn a_retention_curve_replaces_the_single_rate() {
    use customer_value_calculator::domain::customer_value::{compute_inputs, CashFlowTiming, CustomerValueInputs, Period};
    let base = CustomerValueInputs {
        spend_per_purchase: 100.0,
        period: Period::Year,
        retention_rate: Some(0.8),
        discount_rate: 0.1,
        horizon_years: 10.0,
        ..CustomerValueInputs::default()
    };
    // A flat curve is the single rate: every retention result agrees.
    let flat = CustomerValueInputs { retention_rate: None, retention_curve: Some(vec![0.8]), ..base.clone() };
    let (a, b) = (compute_inputs(&base), compute_inputs(&flat));
    for (x, y) in [
        (a.retention_clv, b.retention_clv),
        (a.retention_clv_perpetuity, b.retention_clv_perpetuity),
        (a.expected_lifetime_years, b.expected_lifetime_years),
        (a.net_clv, b.net_clv),
    ] {
        assert!((x.unwrap() - y.unwrap()).abs() < 1e-9, "{x:?} {y:?}");
    }
    assert!((b.retention_clv_perpetuity.unwrap() - 266.666_666_666_666_6).abs() < 1e-9);
    // A rising curve: S(t) = r1·r2·…, the last rate continuing; start timing adds the first margin.
    let rising = CustomerValueInputs {
        retention_rate: None,
        retention_curve: Some(vec![0.5, 0.9]),
        horizon_years: 2.0,
        cash_flow_timing: CashFlowTiming::Start,
        ..base.clone()
    };
    let r = compute_inputs(&rising);
    assert!((r.retention_clv.unwrap() - (100.0 + 100.0 * 0.5 / 1.1)).abs() < 1e-9);
    // Perpetuity (start): 100·(1 + 0.5/1.1 + 0.45/1.21 + 0.45·(0.9/1.1)/1.21 + …)
    let end_tail = 0.5 / 1.1 + 0.45 / 1.21 + 0.45 / 1.21 * (0.9 / 1.1) / (1.0 - 0.9 / 1.1);
    assert!((r.retention_clv_perpetuity.unwrap() - 100.0 * (1.0 + end_tail)).abs() < 1e-9);
    // Expected lifetime Σ S(t) = 1 + 0.5 + 0.45 + 0.45·0.9/(1 − 0.9).
    assert!((r.expected_lifetime_years.unwrap() - (1.0 + 0.5 + 0.45 + 0.45 * 9.0)).abs() < 1e-9);
}
