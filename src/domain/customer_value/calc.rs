//! The customer value calculator behind the one calculator interface:
//! its actions, its what-if model and its import checks.

use super::*;
use crate::domain::calc::{Calc, Outcome};
use crate::domain::document::check::{check_scalars, object, unknown_keys};
use crate::domain::document::{Body, Document, ImportError, ImportKind};
use crate::domain::i18n::Lang;
use crate::domain::state;
use crate::domain::whatif::{Param, WhatIf};
use crate::domain::Calculator;
use serde_json::Value;

/// The retention rate the model starts with when switched on.
pub const DEFAULT_RETENTION_PERCENT: &str = "80";

/// What the user does in the customer value calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum CvAction {
    /// Type into a field.
    Edit(CvField, String),
    /// Fill the form from a preset.
    Preset(CvPreset),
    /// Switch the retention model on (with a starting rate) or off.
    Retention(bool),
    /// Break the link of an input to its source (the retention curve: back to one rate).
    Unlink(String),
}

impl Calc for CvForm {
    type Inputs = CustomerValueInputs;
    type Results = CustomerValueResults;
    type Action = CvAction;
    const ID: Calculator = Calculator::CustomerValue;

    fn scalar_inputs() -> &'static [InputDecl] {
        DECLS
    }
    fn fresh(_: Lang) -> Self {
        CvForm::default()
    }
    fn scalar_text(&self, key: &str) -> Option<String> {
        CvField::from_key(key).map(|f| self.text(f).to_string())
    }
    fn scalar_value(&self, key: &str) -> Option<String> {
        self.url_value(CvField::from_key(key)?)
    }
    fn set_scalar(&mut self, key: &str, raw: &str) {
        if let Some(f) = CvField::from_key(key) {
            self.set_from_url(f, raw);
        }
    }
    fn edit_scalar(&mut self, key: &str, text: String, _: Lang) {
        if let Some(f) = CvField::from_key(key) {
            self.set(f, text);
        }
    }
    fn option_label(key: &str, option: &str) -> Option<Msg> {
        match key {
            "period" => Period::ALL.iter().find(|p| p.as_str() == option).map(|p| p.label()),
            "cash_flow_timing" => CashFlowTiming::ALL.iter().find(|c| c.as_str() == option).map(|c| c.label()),
            _ => None,
        }
    }
    fn help(key: &str) -> Option<Msg> {
        CvField::from_key(key).map(CvField::help)
    }
    fn to_value(&self) -> Value {
        state::cv_to_value(self)
    }
    fn from_value(v: &Value, _: Lang) -> Option<Self> {
        state::cv_from_value(v)
    }
    fn inputs(&self) -> Option<CustomerValueInputs> {
        self.values().complete()
    }
    fn from_inputs(i: &CustomerValueInputs) -> Self {
        CvForm::from_inputs(i)
    }
    fn compute(i: &CustomerValueInputs) -> CustomerValueResults {
        compute_inputs(i)
    }
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
        let Some(o) = object(v, path, errs) else { return };
        let known: Vec<&str> = DECLS.iter().map(|d| d.key).collect();
        let mut known = known;
        known.push("retention_curve");
        unknown_keys(o, &known, path, errs);
        check_scalars(DECLS, o, path, errs);
        match o.get("retention_curve") {
            None | Some(Value::Null) => {}
            Some(v) if state::read_curve(v).is_some() => {}
            Some(_) => errs.push(ImportError::new(format!("{path}.retention_curve"), ImportKind::Curve)),
        }
    }
    fn update(&mut self, action: CvAction, _: Lang) -> Outcome {
        match action {
            CvAction::Edit(f, text) => self.set(f, text),
            CvAction::Preset(p) => *self = CvForm::from_inputs(&p.inputs()),
            CvAction::Retention(on) => {
                self.set(CvField::RetentionRate, if on { DEFAULT_RETENTION_PERCENT } else { "" });
                if !on {
                    self.curve = None;
                    self.links = None;
                }
            }
            CvAction::Unlink(key) => {
                if key == "retention_curve" {
                    self.curve = None;
                }
                if let Some(l) = &mut self.links {
                    l.remove(&key);
                }
                self.links = self.links.take().filter(|l| !l.is_empty());
            }
        }
        Outcome::Changed
    }
    fn default_output() -> &'static str {
        "satisfaction_swing"
    }
    fn links(&self) -> Option<serde_json::Map<String, Value>> {
        self.links.clone()
    }
    fn set_links(&mut self, links: Option<serde_json::Map<String, Value>>) {
        self.links = links.filter(|_| self.curve.is_some());
    }
    fn wrap(body: Body<CustomerValueInputs, CustomerValueResults>) -> Document {
        Document::CustomerValue(body)
    }
    fn unwrap(doc: Document) -> Option<Body<CustomerValueInputs, CustomerValueResults>> {
        match doc {
            Document::CustomerValue(b) => Some(b),
            _ => None,
        }
    }
}

fn cv_numeric(f: CvField) -> Option<NumberSpec> {
    match f.kind() {
        FieldKind::Number(mut s) | FieldKind::NullableNumber(mut s) => {
            s.percent = false;
            Some(s)
        }
        _ => None,
    }
}

impl WhatIf for CustomerValueInputs {
    fn params(&self) -> Vec<Param> {
        CvField::ALL
            .iter()
            .filter(|f| !(**f == CvField::WeeksPerYear && self.period != Period::Week))
            .filter(|f| self.retention_rate.is_some() || !f.is_retention())
            .filter_map(|&f| {
                Some(Param { key: f.key().to_string(), label: f.label(), detail: None, unit: DECLS[f as usize].unit, spec: cv_numeric(f)? })
            })
            .collect()
    }
    fn outputs(&self) -> Vec<(&'static str, Msg)> {
        let on = self.retention_rate.is_some();
        RESULT_KEYS
            .iter()
            .copied()
            .filter(|(k, _)| on || !matches!(*k, "retention_clv" | "retention_clv_perpetuity" | "net_clv" | "expected_lifetime_years"))
            .collect()
    }
    fn get(&self, key: &str) -> Option<f64> {
        let i = self;
        Some(match CvField::from_key(key)? {
            CvField::SpendPerPurchase => i.spend_per_purchase,
            CvField::PurchasesPerPeriod => i.purchases_per_period,
            CvField::WeeksPerYear => i.weeks_per_year,
            CvField::LifetimeYears => i.lifetime_years,
            CvField::MarginRate => i.margin_rate,
            CvField::SatisfiedTellCount => i.satisfied_tell_count,
            CvField::DissatisfiedTellCount => i.dissatisfied_tell_count,
            CvField::RetellCount => i.retell_count,
            CvField::ConversionRate => i.conversion_rate,
            CvField::RetentionRate => i.retention_rate?,
            CvField::DiscountRate => i.discount_rate,
            CvField::HorizonYears => i.horizon_years,
            CvField::AcquisitionCost => i.acquisition_cost,
            _ => return None,
        })
    }
    fn with(&self, key: &str, v: f64) -> Self {
        let mut i = self.clone();
        match CvField::from_key(key) {
            Some(CvField::SpendPerPurchase) => i.spend_per_purchase = v,
            Some(CvField::PurchasesPerPeriod) => i.purchases_per_period = v,
            Some(CvField::WeeksPerYear) => i.weeks_per_year = v,
            Some(CvField::LifetimeYears) => i.lifetime_years = v,
            Some(CvField::MarginRate) => i.margin_rate = v,
            Some(CvField::SatisfiedTellCount) => i.satisfied_tell_count = v,
            Some(CvField::DissatisfiedTellCount) => i.dissatisfied_tell_count = v,
            Some(CvField::RetellCount) => i.retell_count = v,
            Some(CvField::ConversionRate) => i.conversion_rate = v,
            Some(CvField::RetentionRate) => i.retention_rate = Some(v),
            Some(CvField::DiscountRate) => i.discount_rate = v,
            Some(CvField::HorizonYears) => i.horizon_years = v,
            Some(CvField::AcquisitionCost) => i.acquisition_cost = v,
            _ => {}
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        compute_inputs(self).get(key)?
    }
}
