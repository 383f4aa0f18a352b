//! Helpers shared by the native test files (generators of valid inputs).
#![allow(dead_code)]

use customer_value_calculator::domain::customer_value::{CashFlowTiming, CustomerValueInputs, Period};
use customer_value_calculator::domain::delivered_value::{self as dv, DeliveredValueInputs, Heskett, Offer};
use customer_value_calculator::domain::satisfaction::{Instrument, Item, SatisfactionInputs};
use proptest::prelude::*;

/// Valid customer value inputs over their whole ranges.
pub fn inputs_strategy() -> impl Strategy<Value = CustomerValueInputs> {
    (
        (0.0..10_000.0f64, 0.0..20.0f64, 0usize..4, 1.0..=53.0f64, 0.01..=100.0f64, 0.0..=1.0f64),
        (0.0..50.0f64, 0.0..50.0f64, 0.0..5.0f64, 0.0..=1.0f64, any::<bool>(), any::<bool>()),
        (proptest::option::of(0.0..=1.0f64), 0.0..=1.0f64, 1u32..=100, any::<bool>(), 0.0..10_000.0f64),
        (proptest::option::of(0.0..=0.5f64), proptest::option::of(0.0..=0.5f64), 1.0..=100.0f64, 0.001..=1.0f64, 0.0..10_000.0f64),
        proptest::array::uniform7(0.0..=1.0f64),
    )
        .prop_map(|((s, p, per, w, l, m), (st, dt, rt, c, def, rp), (rr, d, n, start, acq), (ss, ds, ratio, nv, lost), ch)| {
            CustomerValueInputs {
                spend_per_purchase: s,
                purchases_per_period: p,
                period: Period::ALL[per],
                weeks_per_year: w.round(),
                lifetime_years: l,
                margin_rate: m,
                satisfied_tell_count: st,
                dissatisfied_tell_count: dt,
                retell_count: rt,
                conversion_rate: c,
                dissatisfied_customer_defects: def,
                round_people: rp,
                retention_rate: rr,
                discount_rate: d,
                horizon_years: n as f64,
                cash_flow_timing: if start { CashFlowTiming::Start } else { CashFlowTiming::End },
                acquisition_cost: acq,
                retention_curve: None,
                satisfied_share: ss,
                dissatisfied_share: ds,
                retention_cost_ratio: ratio,
                new_customer_value_share: nv,
                customers_lost: lost,
                churn_died: ch[0],
                churn_moved: ch[1],
                churn_taste: ch[2],
                churn_advice: ch[3],
                churn_price: ch[4],
                churn_product: ch[5],
                churn_indifference: ch[6],
            }
        })
}

/// Valid delivered value inputs (1 to 10 offers).
pub fn dv_inputs() -> impl Strategy<Value = DeliveredValueInputs> {
    let offer =
        ("[a-zA-Z0-9 ]{1,20}", proptest::array::uniform8(0.0..1e6f64), proptest::option::of(proptest::array::uniform4(0.0..1e3f64)))
            .prop_filter("a name with a visible character", |(n, _, _)| !n.trim().is_empty())
            .prop_map(|(name, v, h)| Offer {
                heskett: h.map(|h| Heskett { results: h[0], process_quality: h[1], price: h[2], acquisition_costs: h[3] }),
                ..dv::offer(name.trim(), v)
            });
    proptest::collection::vec(offer, 1..=10).prop_map(|offers| DeliveredValueInputs { offers })
}

/// Valid satisfaction gap inputs.
pub fn sg_inputs() -> impl Strategy<Value = SatisfactionInputs> {
    let custom = proptest::collection::vec(("[a-z]{1,8}", proptest::option::of("[a-z]{1,6}"), 1u8..=7, 1u8..=7), 1..12).prop_map(|items| {
        let mut seen = std::collections::BTreeSet::new();
        let items: Vec<Item> = items
            .into_iter()
            .filter(|(id, _, _, _)| seen.insert(id.clone()))
            .map(|(id, dim, e, p)| Item { label: Some(id.to_uppercase()), id, dimension: dim, expected: e as f64, perceived: p as f64 })
            .collect();
        SatisfactionInputs {
            instrument: Instrument::Custom,
            scale_min: 1.0,
            scale_max: 7.0,
            tolerance: 0.0,
            items,
            dimension_weights: None,
            survey: None,
        }
    });
    (custom, 0.0..1.0f64, any::<bool>()).prop_map(|(mut i, tol, weights)| {
        i.tolerance = tol;
        if weights {
            let dims: std::collections::BTreeSet<String> =
                i.items.iter().map(customer_value_calculator::domain::satisfaction::dimension_of).collect();
            i.dimension_weights = Some(dims.into_iter().enumerate().map(|(k, d)| (d, (k + 1) as f64)).collect());
        }
        i
    })
}

/// A satisfaction gap page in English (the custom questionnaire).
pub fn sg_model() -> customer_value_calculator::domain::model::Model {
    customer_value_calculator::domain::model::Model::from_query("?calc=satisfaction_gap&lang=en", &[] as &[&str])
}

/// The survey CSV header row of the questionnaire the page shows.
pub fn survey_header(m: &customer_value_calculator::domain::model::Model) -> String {
    let ids: Vec<String> = m.slots.sg.form.items.iter().map(|i| i.id.clone()).collect();
    let e: Vec<String> = ids.iter().map(|i| format!("e_{i}")).collect();
    let p: Vec<String> = ids.iter().map(|i| format!("p_{i}")).collect();
    format!("{},{}\n", e.join(","), p.join(","))
}
