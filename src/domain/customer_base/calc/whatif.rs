//! The what-if tools on the customer base: the horizon, the discount rate
//! and the margin are varied; the fit stays.

use super::inputs::{compute_with, CustomerBaseInputs, CustomerBaseResults};
use std::cell::RefCell;
use std::rc::Rc;

/// The horizon, the discount rate and the margin are varied; the fit stays
/// (it depends on the data and the model only).
impl crate::domain::whatif::WhatIf for CustomerBaseInputs {
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64> {
        crate::domain::whatif::vary(self, changes, key)
    }
    fn params(&self) -> Vec<crate::domain::whatif::Param> {
        super::DECLS
            .iter()
            .filter(|d| matches!(d.key, "horizon_months" | "discount_rate" | "margin_rate"))
            .filter_map(|d| {
                let mut spec = d.kind.spec()?;
                spec.percent = false;
                Some(crate::domain::whatif::Param { key: d.key.to_string(), label: d.label, detail: None, unit: d.unit, spec })
            })
            .collect()
    }
    fn outputs(&self) -> Vec<(&'static str, crate::domain::i18n::Msg)> {
        use crate::domain::i18n::Msg;
        vec![
            ("total_clv", Msg::CbTotalClv),
            ("mean_clv", Msg::CbMeanClv),
            ("expected_revenue", Msg::CbExpectedRevenue),
            ("expected_transactions", Msg::CbExpectedTransactions),
        ]
    }
    fn output_unit(&self, key: &str) -> crate::domain::math::Unit {
        use crate::domain::math::Unit;
        if key == "expected_transactions" {
            Unit::Count
        } else {
            Unit::Money
        }
    }
    fn get(&self, key: &str) -> Option<f64> {
        match key {
            "horizon_months" => Some(self.horizon_months),
            "discount_rate" => Some(self.discount_rate),
            "margin_rate" => Some(self.margin_rate),
            _ => None,
        }
    }
    fn with(&self, key: &str, v: f64) -> Self {
        let mut i = self.clone();
        match key {
            "horizon_months" => i.horizon_months = v.round().clamp(1.0, 120.0),
            "discount_rate" => i.discount_rate = v,
            "margin_rate" => i.margin_rate = v,
            _ => {}
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        pick(&valued(self), key)
    }
}

thread_local! {
    /// The last what-if valuation: a comparison asks for four outputs of
    /// the same inputs, and each would value every customer again.
    static LAST: RefCell<Option<(CustomerBaseInputs, Rc<CustomerBaseResults>)>> = const { RefCell::new(None) };
}

fn valued(i: &CustomerBaseInputs) -> Rc<CustomerBaseResults> {
    if let Some(r) = LAST.with_borrow(|l| l.as_ref().filter(|(k, _)| k == i).map(|(_, r)| r.clone())) {
        return r;
    }
    let r = Rc::new(compute_with(i, false));
    LAST.with_borrow_mut(|l| *l = Some((i.clone(), r.clone())));
    r
}

fn pick(r: &CustomerBaseResults, key: &str) -> Option<f64> {
    match key {
        "total_clv" => r.total_clv,
        "mean_clv" => r.mean_clv,
        "expected_revenue" => r.expected_revenue,
        "expected_transactions" => r.expected_transactions,
        _ => None,
    }
    .filter(|v| v.is_finite())
}
