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
    /// Change a stated assumption of a link: input key, assumption name, value.
    LinkAssumption(String, String, Value),
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
            // Typing into a linked input breaks its link and keeps the typed value.
            self.unlink(key);
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
        // Inputs added since format version 1 first shipped may be absent.
        let decls: Vec<InputDecl> = DECLS.iter().filter(|d| o.contains_key(d.key) || !ADDED_INPUTS.contains(&d.key)).copied().collect();
        check_scalars(&decls, o, path, errs);
        match o.get("retention_curve") {
            None | Some(Value::Null) => {}
            Some(v) if state::read_curve(v).is_some() => {}
            Some(_) => errs.push(ImportError::new(format!("{path}.retention_curve"), ImportKind::Curve)),
        }
    }
    fn update(&mut self, action: CvAction, _: Lang) -> Outcome {
        match action {
            CvAction::Edit(f, text) => {
                // Typing into a linked input breaks its link and keeps the typed value.
                self.unlink(f.key());
                self.set(f, text)
            }
            CvAction::Preset(p) => *self = CvForm::from_inputs(&p.inputs()),
            CvAction::Retention(on) => {
                self.set(CvField::RetentionRate, if on { DEFAULT_RETENTION_PERCENT } else { "" });
                if !on {
                    self.curve = None;
                    self.unlink("retention_curve");
                }
            }
            CvAction::Unlink(key) => {
                if key == "retention_curve" {
                    // Back to one rate, the curve's first year's, so the model stays on.
                    if let Some(first) = self.curve.take().and_then(|c| c.first().copied()) {
                        if self.text(CvField::RetentionRate).trim().is_empty() {
                            self.set(CvField::RetentionRate, crate::domain::number::percent_text((first * 1e4).round() / 1e4));
                        }
                    }
                }
                self.unlink(&key);
            }
            CvAction::LinkAssumption(key, name, value) => {
                let Some(link) = self.links.as_mut().and_then(|l| l.get_mut(&key)).and_then(Value::as_object_mut) else {
                    return Outcome::Changed;
                };
                let a = link.entry("assumption").or_insert_with(|| Value::Object(Default::default()));
                if !a.is_object() {
                    *a = Value::Object(Default::default());
                }
                if let Some(a) = a.as_object_mut() {
                    a.insert(name, value);
                }
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
        self.links = keep_links(links, self.curve.is_some());
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

/// The inputs a link may set (`links` keys of a customer value document).
pub const LINKABLE: &[&str] = &["retention_curve", "satisfied_share", "dissatisfied_share", "spend_per_purchase", "purchases_per_period"];

/// The links worth keeping: known keys only, and the curve's only with a curve.
pub fn keep_links(links: Option<serde_json::Map<String, Value>>, has_curve: bool) -> Option<serde_json::Map<String, Value>> {
    let mut l = links?;
    l.retain(|k, _| LINKABLE.contains(&k.as_str()) && (k != "retention_curve" || has_curve));
    Some(l).filter(|l| !l.is_empty())
}

impl CvForm {
    /// Breaks the link of an input (its value stays).
    pub fn unlink(&mut self, key: &str) {
        if let Some(l) = &mut self.links {
            l.remove(key);
        }
        self.links = self.links.take().filter(|l| !l.is_empty());
    }

    /// The link of an input, if it has one.
    pub fn link(&self, key: &str) -> Option<&serde_json::Map<String, Value>> {
        self.links.as_ref()?.get(key)?.as_object()
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
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64> {
        crate::domain::whatif::vary(self, changes, key)
    }
    fn params(&self) -> Vec<Param> {
        CvField::ALL
            .iter()
            .filter(|f| !(**f == CvField::WeeksPerYear && self.period != Period::Week))
            .filter(|f| self.retention_rate.is_some() || !f.is_retention())
            .filter(|f| !matches!(f, CvField::SatisfiedShare | CvField::DissatisfiedShare) || self.get(f.key()).is_some())
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
            .filter(|(k, _)| *k != "expected_word_of_mouth_value" || (self.satisfied_share.is_some() && self.dissatisfied_share.is_some()))
            .collect()
    }
    fn output_unit(&self, key: &str) -> crate::domain::math::Unit {
        super::view::result_unit(key)
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
            CvField::SatisfiedShare => i.satisfied_share?,
            CvField::DissatisfiedShare => i.dissatisfied_share?,
            CvField::RetentionCostRatio => i.retention_cost_ratio,
            CvField::NewCustomerValueShare => i.new_customer_value_share,
            CvField::CustomersLost => i.customers_lost,
            CvField::ChurnDied => i.churn_died,
            CvField::ChurnMoved => i.churn_moved,
            CvField::ChurnTaste => i.churn_taste,
            CvField::ChurnAdvice => i.churn_advice,
            CvField::ChurnPrice => i.churn_price,
            CvField::ChurnProduct => i.churn_product,
            CvField::ChurnIndifference => i.churn_indifference,
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
            Some(CvField::SatisfiedShare) => i.satisfied_share = Some(v),
            Some(CvField::DissatisfiedShare) => i.dissatisfied_share = Some(v),
            Some(CvField::RetentionCostRatio) => i.retention_cost_ratio = v,
            Some(CvField::NewCustomerValueShare) => i.new_customer_value_share = v,
            Some(CvField::CustomersLost) => i.customers_lost = v,
            Some(CvField::ChurnDied) => i.churn_died = v,
            Some(CvField::ChurnMoved) => i.churn_moved = v,
            Some(CvField::ChurnTaste) => i.churn_taste = v,
            Some(CvField::ChurnAdvice) => i.churn_advice = v,
            Some(CvField::ChurnPrice) => i.churn_price = v,
            Some(CvField::ChurnProduct) => i.churn_product = v,
            Some(CvField::ChurnIndifference) => i.churn_indifference = v,
            _ => {}
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        compute_inputs(self).get(key)?
    }
}
