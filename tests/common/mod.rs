//! Helpers shared by the native test files (generators of valid inputs).
#![allow(dead_code)]

use customer_value_calculator::domain::customer_value::{CashFlowTiming, CustomerValueInputs, Period};
use proptest::prelude::*;

/// Valid customer value inputs over their whole ranges.
pub fn inputs_strategy() -> impl Strategy<Value = CustomerValueInputs> {
    (
        (0.0..10_000.0f64, 0.0..20.0f64, 0usize..4, 1.0..=53.0f64, 0.01..=100.0f64, 0.0..=1.0f64),
        (0.0..50.0f64, 0.0..50.0f64, 0.0..5.0f64, 0.0..=1.0f64, any::<bool>(), any::<bool>()),
        (proptest::option::of(0.0..=1.0f64), 0.0..=1.0f64, 1u32..=100, any::<bool>(), 0.0..10_000.0f64),
    )
        .prop_map(|((s, p, per, w, l, m), (st, dt, rt, c, def, rp), (rr, d, n, start, acq))| CustomerValueInputs {
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
        })
}
