//! CLV, aggregates, ABC classes and holdout helpers.

#![cfg(not(target_arch = "wasm32"))]

mod customer_base_common;
use customer_base_common::rel;
use customer_value_calculator::domain::customer_base::model::*;

const BG: BgNbd = BgNbd { r: 0.2425929102284129, alpha: 4.413531592933539, a: 0.7928860818099613, b: 2.4257531331427415 };
const GG: GammaGamma = GammaGamma { p: 6.248802507411462, q: 3.744588452653167, v: 15.447747957830185 };

fn rows() -> Vec<CustomerRow> {
    vec![
        CustomerRow::new(2.0, 30.43, 38.86).with_monetary_value(22.35),
        CustomerRow::new(0.0, 0.0, 38.86).with_monetary_value(0.0).with_count(3.0),
        CustomerRow::new(7.0, 35.0, 38.0).with_monetary_value(40.0),
    ]
}

#[test]
fn clv_follows_the_design_formula() {
    let settings = ClvSettings { time_unit: TimeUnit::Week, horizon_months: 24, discount_rate: 0.1, margin_rate: 0.3 };
    let model = Model::Bgnbd(BG);
    let values = value_customers(&model, Some(&GG), &rows(), &settings).unwrap();
    let month = 365.25 / 12.0 / 7.0;
    let d_m = 1.1_f64.powf(1.0 / 12.0) - 1.0;
    for (row, v) in rows().iter().zip(&values) {
        let spend = GG.expected_spend(row.frequency, row.monetary_value.unwrap()).unwrap();
        let mut want = 0.0;
        let mut prev = 0.0;
        for i in 1..=24 {
            let e = BG.expected_conditional(row.frequency, row.recency, row.t, i as f64 * month);
            want += (e - prev) / (1.0 + d_m).powi(i);
            prev = e;
        }
        want *= 0.3 * spend;
        assert!(rel(v.clv.unwrap(), want) < 1e-12, "{} vs {want}", v.clv.unwrap());
        assert!(rel(v.expected_transactions, prev) < 1e-12);
        assert!(rel(v.expected_spend.unwrap(), spend) < 1e-15);
        assert_eq!(v.p_alive, BG.p_alive(row.frequency, row.recency, row.t));
    }
    // no discount, margin 1: CLV = spend × E[X(H)]
    let flat = ClvSettings { discount_rate: 0.0, margin_rate: 1.0, ..settings };
    let v = value_customers(&model, Some(&GG), &rows(), &flat).unwrap();
    for x in &v {
        assert!(rel(x.clv.unwrap(), x.expected_spend.unwrap() * x.expected_transactions) < 1e-12);
    }
    // days and months give the same money as weeks
    let mut in_days = rows();
    for r in &mut in_days {
        r.recency *= 7.0;
        r.t *= 7.0;
    }
    let bg_days = BgNbd { alpha: BG.alpha * 7.0, ..BG };
    let d = value_customers(&Model::Bgnbd(bg_days), Some(&GG), &in_days, &ClvSettings { time_unit: TimeUnit::Day, ..settings }).unwrap();
    let w = value_customers(&model, Some(&GG), &rows(), &settings).unwrap();
    for (a, b) in d.iter().zip(&w) {
        assert!(rel(a.clv.unwrap(), b.clv.unwrap()) < 1e-10);
    }
}

#[test]
fn money_is_none_without_spend_model_or_with_q_at_most_one() {
    let model = Model::Bgnbd(BG);
    let s = ClvSettings::default();
    let v = value_customers(&model, None, &rows(), &s).unwrap();
    assert!(v.iter().all(|x| x.clv.is_none() && x.expected_spend.is_none()));
    let agg = aggregate(&rows(), &v).unwrap();
    assert_eq!((agg.total_clv, agg.mean_clv, agg.expected_revenue), (None, None, None));
    let bad = GammaGamma { q: 0.9, ..GG };
    let v = value_customers(&model, Some(&bad), &rows(), &s).unwrap();
    assert!(v.iter().all(|x| x.clv.is_none()));
}

#[test]
fn aggregates_weight_by_count() {
    let model = Model::Bgnbd(BG);
    let s = ClvSettings::default();
    let v = value_customers(&model, Some(&GG), &rows(), &s).unwrap();
    let agg = aggregate(&rows(), &v).unwrap();
    assert_eq!(agg.customers, 5.0);
    let tx = v[0].expected_transactions + 3.0 * v[1].expected_transactions + v[2].expected_transactions;
    assert!(rel(agg.expected_transactions, tx) < 1e-14);
    let clv = v[0].clv.unwrap() + 3.0 * v[1].clv.unwrap() + v[2].clv.unwrap();
    assert!(rel(agg.total_clv.unwrap(), clv) < 1e-14);
    assert!(rel(agg.mean_clv.unwrap(), clv / 5.0) < 1e-14);
    let pa = (v[0].p_alive + 3.0 + v[2].p_alive) / 5.0;
    assert!(rel(agg.mean_p_alive, pa) < 1e-14);
    let rev: f64 = rows().iter().zip(&v).map(|(r, x)| r.count * x.expected_transactions * x.expected_spend.unwrap()).sum();
    assert!(rel(agg.expected_revenue.unwrap(), rev) < 1e-14);
    assert_eq!(aggregate(&rows(), &v[..2]).unwrap_err().to_string(), "values has 2 entries but the summary has 3 rows");
}

#[test]
fn abc_boundaries() {
    let (abc, classes) = abc_classes(&[3.0, 50.0, 10.0, 30.0, 5.0, 2.0], &[1.0; 6]).unwrap();
    use AbcClass::*;
    // sorted: 50 (A, before 0), 30 (A, before 50), 10 (B, before 80 = 80 %),
    // 5 (B, before 90), 3 (C, before 95 = 95 %), 2 (C)
    assert_eq!(classes, vec![C, A, B, A, B, C]);
    assert_eq!((abc.a.customers, abc.b.customers, abc.c.customers), (2.0, 2.0, 2.0));
    assert!((abc.a.share_of_value - 0.8).abs() < 1e-15);
    assert!((abc.b.share_of_value - 0.15).abs() < 1e-15);
    assert!((abc.a.share_of_customers - 2.0 / 6.0).abs() < 1e-15);
    // the customer who crosses 80 % is in A
    let (_, c) = abc_classes(&[70.0, 20.0, 10.0], &[1.0; 3]).unwrap();
    assert_eq!(c, vec![A, A, B]);
    // a grouped row goes whole to the class of its first member
    let (abc, c) = abc_classes(&[1.0, 30.0, 5.0], &[10.0, 3.0, 2.0]).unwrap();
    assert_eq!(c, vec![B, A, B]);
    assert_eq!((abc.a.customers, abc.b.customers, abc.c.customers), (3.0, 12.0, 0.0));
    assert!((abc.a.share_of_customers - 3.0 / 15.0).abs() < 1e-15);
    // all zero: nobody reaches anything, everyone is C
    let (abc, c) = abc_classes(&[0.0, 0.0], &[1.0, 1.0]).unwrap();
    assert_eq!(c, vec![C, C]);
    assert_eq!(abc.c.share_of_value, 0.0);
    assert_eq!(abc_classes(&[1.0, f64::NAN], &[1.0, 1.0]).unwrap_err().to_string(), "row 2: value must be a number of 0 or more");
    let json = serde_json::to_string(&abc).unwrap();
    assert!(json.starts_with("{\"A\":{\"customers\":0.0,\"share_of_customers\""), "{json}");
}

#[test]
fn holdout_and_tracking_on_simulated_data() {
    let truth = BgNbd { r: 0.5, alpha: 5.0, a: 0.8, b: 2.5 };
    let spec = SimulationSpec { customers: 6000, params: truth, spend: None, acquisition_period: 12.0, observation_end: 90.0, seed: 7 };
    let base = simulate(&spec).unwrap();
    let calib_end = 45.0;
    let rows: Vec<CustomerRow> = base.iter().map(|c| summarise(c, calib_end).unwrap()).collect();
    let holdout_freq: Vec<f64> = base.iter().map(|c| c.purchases.iter().filter(|&&t| t > calib_end).count() as f64).collect();
    let model = Model::Bgnbd(truth);
    let h = holdout(&model, &rows, &holdout_freq, 90.0 - calib_end).unwrap();
    assert_eq!(h.by_frequency.len(), 8);
    assert_eq!(h.by_frequency.iter().map(|b| b.customers).sum::<f64>(), 6000.0);
    assert!(rel(h.predicted_total, h.actual_total) < 0.06, "{h:?}");
    for b in &h.by_frequency[..3] {
        let (a, p) = (b.actual_mean.unwrap(), b.predicted_mean.unwrap());
        assert!(rel(p, a) < 0.15, "bin {}: {p} vs {a}", b.frequency);
    }
    // tracking: cumulative repeat transactions per period vs simulation
    // first purchases on whole days, as a transaction log gives them
    let firsts: Vec<(f64, f64)> = base.iter().map(|c| ((c.purchases[0] * 7.0).floor() / 7.0, 1.0)).collect();
    let predicted = tracking(&model, &firsts, 90).unwrap();
    assert_eq!(predicted.len(), 90);
    for period in [20usize, 45, 90] {
        let t = period as f64;
        let actual = base.iter().map(|c| c.purchases.iter().skip(1).filter(|&&u| u <= t).count()).sum::<usize>() as f64;
        assert!(rel(predicted[period - 1], actual) < 0.06, "t {t}: {} vs {actual}", predicted[period - 1]);
    }
    assert!(predicted.windows(2).all(|w| w[1] >= w[0]));
    assert_eq!(
        holdout(&model, &rows, &holdout_freq[1..], 1.0).unwrap_err().to_string(),
        "holdout_frequency has 5999 entries but the summary has 6000 rows"
    );
}

#[test]
fn params_serialise_with_the_design_keys() {
    let rows: Vec<CustomerRow> =
        (0..40).map(|i| CustomerRow::new((i % 5) as f64, if i % 5 == 0 { 0.0 } else { (i % 7) as f64 + 1.0 }, 10.0)).collect();
    let p = fit(&rows, ModelKind::Bgnbd).unwrap();
    let text = serde_json::to_string(&p).unwrap();
    assert!(text.starts_with(r#"{"model":"bgnbd","r":"#), "{text}");
    let j = serde_json::to_value(p).unwrap();
    let mut keys: Vec<&str> = j.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["a", "alpha", "b", "converged", "iterations", "log_likelihood", "model", "r", "standard_errors"]);
    let p = fit(&rows, ModelKind::ParetoNbd).unwrap();
    let j = serde_json::to_value(p).unwrap();
    assert_eq!(j["model"], "pareto_nbd");
    assert!(j["standard_errors"].as_object().unwrap().contains_key("beta"));
    let gg = GammaGammaFit {
        p: 1.0,
        q: 2.0,
        v: 3.0,
        log_likelihood: -1.0,
        standard_errors: GammaGammaErrors::default(),
        converged: true,
        iterations: 3,
    };
    assert_eq!(
        serde_json::to_string(&gg).unwrap(),
        r#"{"p":1.0,"q":2.0,"v":3.0,"log_likelihood":-1.0,"standard_errors":{"p":null,"q":null,"v":null},"converged":true}"#
    );
}
