//! The delivered value calculator behind the one calculator interface:
//! its list of offers, actions, what-if model (varying our offer) and
//! import checks.

use super::*;
use crate::domain::calc::{Calc, InputDecl, Outcome};
use crate::domain::document::check::{check_name_value, check_number, object, unknown_keys};
use crate::domain::document::{Body, Document, ImportError, ImportKind};
use crate::domain::notice::Notice;
use crate::domain::state;
use crate::domain::whatif::{Param, WhatIf};
use crate::domain::Calculator;
use serde_json::Value;

/// What the user does in the delivered value calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum DvAction {
    /// Type into an offer's component.
    Edit(usize, DvField, String),
    /// Rename an offer.
    Rename(usize, String),
    /// Add a blank competitor (refused with a notice at 10 offers).
    Add,
    /// Copy an offer to the end (refused with a notice at 10 offers).
    Duplicate(usize),
    /// Remove an offer (refused with a notice for the only one).
    Remove(usize),
    /// Switch an offer's Heskett section on or off.
    Heskett(usize, bool),
    /// Type into an offer's Heskett input.
    EditHeskett(usize, HeskettField, String),
    /// Fill the comparison from the class preset.
    Preset,
}

impl DvForm {
    fn push_offer(&mut self, copy_of: Option<usize>, lang: Lang) -> Outcome {
        if self.offers.len() >= MAX_OFFERS {
            return Outcome::Refused(Notice::TooManyOffers);
        }
        let new = match copy_of.and_then(|i| self.offers.get(i)) {
            Some(o) => {
                let mut c = o.clone();
                let suffix = Msg::DvCopySuffix.text(lang);
                let base: String = c.name.trim().chars().take(MAX_NAME_CHARS - suffix.chars().count()).collect();
                c.name = format!("{base}{suffix}");
                c
            }
            None => OfferForm::from_offer(&blank_offer(lang, self.offers.len() + 1)),
        };
        self.offers.push(new);
        Outcome::Changed
    }
}

impl Calc for DvForm {
    type Inputs = DeliveredValueInputs;
    type Results = DeliveredValueResults;
    type Action = DvAction;
    const ID: Calculator = Calculator::DeliveredValue;

    fn scalar_inputs() -> &'static [InputDecl] {
        &[]
    }
    fn fresh(lang: Lang) -> Self {
        DvForm::from_inputs(&preset(lang))
    }
    fn scalar_text(&self, _: &str) -> Option<String> {
        None
    }
    fn set_scalar(&mut self, _: &str, _: &str) {}
    fn to_value(&self) -> Value {
        state::dv_to_value(self)
    }
    fn from_value(v: &Value, _: Lang) -> Option<Self> {
        state::dv_from_value(v)
    }
    fn inputs(&self) -> Option<DeliveredValueInputs> {
        DvForm::inputs(self)
    }
    fn from_inputs(i: &DeliveredValueInputs) -> Self {
        DvForm::from_inputs(i)
    }
    fn compute(i: &DeliveredValueInputs) -> DeliveredValueResults {
        compute(i)
    }
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
        let Some(o) = object(v, path, errs) else { return };
        unknown_keys(o, &["offers"], path, errs);
        let p = format!("{path}.offers");
        let list = match o.get("offers") {
            None => return errs.push(ImportError::new(p, ImportKind::Missing)),
            Some(Value::Array(list)) => list,
            Some(_) => return errs.push(ImportError::new(p, ImportKind::NotList)),
        };
        if list.is_empty() || list.len() > MAX_OFFERS {
            errs.push(ImportError::new(p, ImportKind::OfferCount));
        }
        let amount = NumberSpec::non_negative();
        for (i, offer) in list.iter().enumerate().take(MAX_OFFERS + 1) {
            let p = format!("{path}.offers[{i}]");
            let Some(o) = object(offer, &p, errs) else { continue };
            let mut known: Vec<&str> = DvField::ALL.iter().map(|f| f.key()).collect();
            known.extend(["name", "heskett"]);
            unknown_keys(o, &known, &p, errs);
            check_name_value(o.get("name"), &p, errs);
            for f in DvField::ALL {
                check_number(o.get(f.key()), &amount, format!("{p}.{}", f.key()), errs);
            }
            match o.get("heskett") {
                None | Some(Value::Null) => {}
                Some(h) => {
                    let hp = format!("{p}.heskett");
                    if let Some(h) = object(h, &hp, errs) {
                        let known: Vec<&str> = HeskettField::ALL.iter().map(|f| f.key()).collect();
                        unknown_keys(h, &known, &hp, errs);
                        for f in HeskettField::ALL {
                            check_number(h.get(f.key()), &amount, format!("{hp}.{}", f.key()), errs);
                        }
                    }
                }
            }
        }
    }
    fn update(&mut self, action: DvAction, lang: Lang) -> Outcome {
        match action {
            DvAction::Edit(i, f, text) => {
                if let Some(o) = self.offers.get_mut(i) {
                    o.amounts[f as usize] = text;
                }
            }
            DvAction::Rename(i, text) => {
                if let Some(o) = self.offers.get_mut(i) {
                    o.name = text;
                }
            }
            DvAction::Add => return self.push_offer(None, lang),
            DvAction::Duplicate(i) => return self.push_offer(Some(i), lang),
            DvAction::Remove(i) => {
                if self.offers.len() <= 1 {
                    return Outcome::Refused(Notice::LastOffer);
                } else if i < self.offers.len() {
                    self.offers.remove(i);
                }
            }
            DvAction::Heskett(i, on) => {
                if let Some(o) = self.offers.get_mut(i) {
                    o.heskett = if on { Some(std::array::from_fn(|_| "0".to_string())) } else { None };
                }
            }
            DvAction::EditHeskett(i, f, text) => {
                if let Some(h) = self.offers.get_mut(i).and_then(|o| o.heskett.as_mut()) {
                    h[f as usize] = text;
                }
            }
            DvAction::Preset => *self = DvForm::from_inputs(&preset(lang)),
        }
        Outcome::Changed
    }
    fn default_output() -> &'static str {
        "delivered_value"
    }
    fn wrap(body: Body<DeliveredValueInputs, DeliveredValueResults>) -> Document {
        Document::DeliveredValue(body)
    }
    fn unwrap(doc: Document) -> Option<Body<DeliveredValueInputs, DeliveredValueResults>> {
        match doc {
            Document::DeliveredValue(b) => Some(b),
            _ => None,
        }
    }
}

impl WhatIf for DeliveredValueInputs {
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64> {
        crate::domain::whatif::vary(self, changes, key)
    }
    fn params(&self) -> Vec<Param> {
        DvField::ALL
            .iter()
            .map(|f| Param {
                key: f.key().to_string(),
                label: f.label(),
                detail: None,
                unit: crate::domain::math::Unit::Money,
                spec: NumberSpec::non_negative(),
            })
            .collect()
    }
    fn outputs(&self) -> Vec<(&'static str, Msg)> {
        vec![
            ("delivered_value", Msg::DvDelivered),
            ("gap_to_best", Msg::DvGapLabel),
            ("value_cost_ratio", Msg::DvRatio),
            ("rank", Msg::DvRank),
        ]
    }
    fn output_unit(&self, key: &str) -> crate::domain::math::Unit {
        use crate::domain::math::Unit;
        match key {
            "rank" => Unit::Count,
            "value_cost_ratio" => Unit::Ratio,
            _ => Unit::Money,
        }
    }
    fn get(&self, key: &str) -> Option<f64> {
        let o = self.offers.first()?;
        let f = DvField::from_key(key)?;
        Some(f.get(o))
    }
    fn with(&self, key: &str, v: f64) -> Self {
        let mut i = self.clone();
        if let (Some(o), Some(f)) = (i.offers.first_mut(), DvField::from_key(key)) {
            f.set(o, v);
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        let r = compute(self);
        let ours = r.offers.first()?;
        match key {
            "delivered_value" => Some(ours.delivered_value),
            "gap_to_best" => Some(r.gap_to_best),
            "value_cost_ratio" => ours.value_cost_ratio,
            "rank" => Some(f64::from(ours.rank)),
            _ => None,
        }
    }
}
