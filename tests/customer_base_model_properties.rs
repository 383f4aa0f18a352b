//! Property tests: parameter recovery, count weighting, and no panics.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::model::*;
use proptest::prelude::*;

fn simulated(params: BgNbd, n: usize, seed: u64, spend: Option<GammaGamma>) -> Vec<CustomerRow> {
    let spec = SimulationSpec { customers: n, params, spend, acquisition_period: 12.0, observation_end: 104.0, seed };
    simulate(&spec).unwrap().iter().filter_map(|c| summarise(c, 104.0)).collect()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

proptest! {
    // A statistical check, so its cases are fixed (the same 8 draws in every
    // run): with random seeds an estimate beyond 3 standard errors, which
    // maximum likelihood gives now and then, failed a run by chance
    // (seen: a 0.437 for a 0.550, 3.3 standard errors, with b as far off;
    // the fit's log-likelihood was 5.6 above the truth's, so the optimiser
    // had found the maximum: the sample itself was unusual, p ≈ 0.03).
    #![proptest_config(ProptestConfig { cases: 8, rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_2026), ..ProptestConfig::default() })]

    /// 5,000 simulated customers: each estimate within 15 % of the truth,
    /// or within 3 standard errors where the data carry less information.
    #[test]
    fn bgnbd_recovers_parameters(
        r in 0.4f64..1.5,
        alpha in 2.0f64..8.0,
        a in 0.5f64..1.5,
        b in 2.0f64..5.0,
        seed in any::<u64>(),
    ) {
        let truth = BgNbd { r, alpha, a, b };
        let rows = simulated(truth, 5000, seed, None);
        let fit = fit_bgnbd(&rows).unwrap();
        prop_assert!(fit.converged);
        let se = fit.standard_errors;
        for (est, want, s, name) in [
            (fit.r, r, se.r, "r"), (fit.alpha, alpha, se.alpha, "alpha"),
            (fit.a, a, se.a, "a"), (fit.b, b, se.b, "b"),
        ] {
            let ok = rel(est, want) < 0.15 || s.is_some_and(|s| (est - want).abs() < 3.0 * s);
            prop_assert!(ok, "{name}: {est} vs {want} (se {s:?}) in {fit:?}");
        }
    }

    /// Duplicated rows and count = 2 give the same fit.
    #[test]
    fn count_weighting_equals_duplication(seed in any::<u64>()) {
        let truth = BgNbd { r: 0.6, alpha: 4.0, a: 0.8, b: 2.5 };
        let spend = GammaGamma { p: 6.0, q: 4.0, v: 15.0 };
        let rows = simulated(truth, 400, seed, Some(spend));
        let doubled: Vec<CustomerRow> = rows.iter().flat_map(|r| [*r, *r]).collect();
        let counted: Vec<CustomerRow> = rows.iter().map(|r| r.with_count(2.0)).collect();
        let (d, c) = (fit_bgnbd(&doubled).unwrap(), fit_bgnbd(&counted).unwrap());
        // Same grouped cells either way; only summation order differs, so the
        // optimiser may stop at a slightly different point within tolerance.
        for (x, y) in [(d.r, c.r), (d.alpha, c.alpha), (d.a, c.a), (d.b, c.b)] {
            prop_assert!(rel(x, y) < 1e-5, "{x} vs {y}");
        }
        prop_assert!(rel(d.log_likelihood, c.log_likelihood) < 1e-12);
        let (d, c) = (fit_pareto_nbd(&doubled).unwrap(), fit_pareto_nbd(&counted).unwrap());
        // numerical gradient: the optimiser's end point is only as exact as
        // its tolerance, the likelihood much more so
        for (x, y) in [(d.r, c.r), (d.alpha, c.alpha), (d.s, c.s), (d.beta, c.beta)] {
            prop_assert!(rel(x, y) < 1e-4, "{x} vs {y}");
        }
        prop_assert!(rel(d.log_likelihood, c.log_likelihood) < 1e-10);
        let (d, c) = (fit_gamma_gamma(&doubled).unwrap(), fit_gamma_gamma(&counted).unwrap());
        for (x, y) in [(d.p, c.p), (d.q, c.q), (d.v, c.v)] {
            prop_assert!(rel(x, y) < 1e-5, "{x} vs {y}");
        }
        let (abc_d, _) = abc_classes(&doubled.iter().map(|r| r.frequency).collect::<Vec<_>>(), &vec![1.0; doubled.len()]).unwrap();
        prop_assert!(abc_d.a.customers + abc_d.b.customers + abc_d.c.customers == doubled.len() as f64);
    }
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-1.0),
        Just(1e300),
        Just(1e-300),
        0.0f64..5.0,
        0.0f64..100.0,
        (0u32..30).prop_map(f64::from),
    ]
}

fn any_row() -> impl Strategy<Value = CustomerRow> {
    (any_number(), any_number(), any_number(), proptest::option::of(any_number()), prop_oneof![Just(1.0), any_number()])
        .prop_map(|(frequency, recency, t, monetary_value, count)| CustomerRow { frequency, recency, t, monetary_value, count })
}

/// Mostly valid rows with extreme but legal values.
fn legal_row() -> impl Strategy<Value = CustomerRow> {
    (0u32..40, 0.0f64..1.0, prop_oneof![0.0f64..200.0, Just(0.0), Just(1e6)], 0.0f64..1e4, 1u32..5).prop_map(|(x, frac, t, m, c)| {
        let x = f64::from(x);
        let recency = if x == 0.0 { 0.0 } else { frac * t };
        CustomerRow::new(x, recency, t).with_monetary_value(m).with_count(f64::from(c))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_summaries_never_panic(rows in proptest::collection::vec(prop_oneof![any_row(), legal_row()], 0..30)) {
        let _ = validate(&rows);
        if let Ok(p) = fit(&rows, ModelKind::Bgnbd) {
            prop_assert!(p.model().p_alive(1.0, 1.0, 2.0).is_finite() || !p.converged());
        }
        let _ = fit_gamma_gamma(&rows);
        let m = Model::Bgnbd(BgNbd { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 });
        if let Ok(v) = value_customers(&m, Some(&GammaGamma { p: 6.0, q: 3.7, v: 15.0 }), &rows, &ClvSettings::default()) {
            prop_assert!(v.iter().all(|c| c.p_alive.is_finite() && c.clv.is_some_and(f64::is_finite)));
            let _ = aggregate(&rows, &v);
            let vals: Vec<f64> = v.iter().map(|c| c.clv.unwrap_or(0.0)).collect();
            let counts: Vec<f64> = rows.iter().map(|r| r.count).collect();
            prop_assert!(abc_classes(&vals, &counts).is_ok());
        }
        let hf: Vec<f64> = rows.iter().map(|r| r.frequency).collect();
        let _ = holdout(&m, &rows, &hf, 10.0);
        let firsts: Vec<(f64, f64)> = rows.iter().map(|r| (r.t, r.count)).collect();
        let _ = tracking(&m, &firsts, 10);
    }

    #[test]
    fn pareto_on_legal_summaries_never_panics(rows in proptest::collection::vec(legal_row(), 10..25)) {
        if let Ok(p) = fit_pareto_nbd(&rows) {
            prop_assert!(p.log_likelihood.is_finite());
        }
    }
}

#[test]
fn simulation_is_deterministic_and_summarised_correctly() {
    let params = BgNbd { r: 0.5, alpha: 3.0, a: 0.8, b: 2.0 };
    let spec = SimulationSpec {
        customers: 50,
        params,
        spend: Some(GammaGamma { p: 6.0, q: 4.0, v: 15.0 }),
        acquisition_period: 12.0,
        observation_end: 52.0,
        seed: 42,
    };
    let a = simulate(&spec).unwrap();
    assert_eq!(a, simulate(&spec).unwrap());
    assert_ne!(a, simulate(&SimulationSpec { seed: 43, ..spec }).unwrap());
    for c in &a {
        assert_eq!(c.purchases.len(), c.amounts.len());
        assert!(c.purchases.windows(2).all(|w| w[0] < w[1]));
        assert!(c.purchases[0] < 12.0 && *c.purchases.last().unwrap() <= 52.0);
        let row = summarise(c, 52.0).unwrap();
        assert_eq!(row.frequency as usize, c.purchases.len() - 1);
        assert_eq!(row.t, 52.0 - c.purchases[0]);
        if row.frequency > 0.0 {
            let mean = c.amounts[1..].iter().sum::<f64>() / row.frequency;
            assert!((row.monetary_value.unwrap() - mean).abs() < 1e-12);
        }
    }
    // cut at an earlier end: fewer purchases kept
    let early = summarise(&a[0], a[0].purchases[0]).unwrap();
    assert_eq!((early.frequency, early.recency, early.t), (0.0, 0.0, 0.0));
    assert!(summarise(&a[0], a[0].purchases[0] - 1.0).is_none());
}
