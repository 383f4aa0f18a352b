//! The calculator registry: the one place that lists the calculators and
//! maps each [`Calculator`] to its state, its actions and its document.
//! Adding a calculator adds one line to each table here; nothing else in
//! the shared code asks which calculator it is.

use crate::domain::calc::{Calc, Outcome};
use crate::domain::customer_base::calc::{CbAction, CbForm};
use crate::domain::customer_value::{CvAction, CvForm};
use crate::domain::delivered_value::{DvAction, DvForm};
use crate::domain::document::{Body, Document, ImportError, Scenario};
use crate::domain::i18n::Lang;
use crate::domain::retention_curve::{RcAction, RcForm};
use crate::domain::satisfaction::{SgAction, SgForm};
use crate::domain::slot::{AnySlot, Slot};
use crate::domain::{Calculator, Currency};
use serde_json::{Map, Value};

mod links;

/// One state per calculator.
#[derive(Clone, Debug, PartialEq)]
pub struct Slots {
    /// Customer value (§2.1).
    pub cv: Slot<CvForm>,
    /// Customer delivered value (§2.2).
    pub dv: Slot<DvForm>,
    /// Satisfaction gap (§2.3).
    pub sg: Slot<SgForm>,
    /// Customer base (§2.5).
    pub cb: Slot<CbForm>,
    /// Retention curve (§2.6).
    pub rc: Slot<RcForm>,
}

/// An action that belongs to one calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum CalcAction {
    /// Customer value.
    Cv(CvAction),
    /// Delivered value.
    Dv(DvAction),
    /// Satisfaction gap.
    Sg(SgAction),
    /// Customer base.
    Cb(CbAction),
    /// Retention curve.
    Rc(RcAction),
}

impl Slots {
    /// Fresh state for every calculator.
    pub fn new(lang: Lang) -> Slots {
        Slots { cv: Slot::new(lang), dv: Slot::new(lang), sg: Slot::new(lang), cb: Slot::new(lang), rc: Slot::new(lang) }
    }

    /// The state of a calculator.
    pub fn get(&self, c: Calculator) -> &dyn AnySlot {
        match c {
            Calculator::CustomerValue => &self.cv,
            Calculator::DeliveredValue => &self.dv,
            Calculator::SatisfactionGap => &self.sg,
            Calculator::CustomerBase => &self.cb,
            Calculator::RetentionCurve => &self.rc,
        }
    }

    /// The state of a calculator, to change it.
    pub fn get_mut(&mut self, c: Calculator) -> &mut dyn AnySlot {
        match c {
            Calculator::CustomerValue => &mut self.cv,
            Calculator::DeliveredValue => &mut self.dv,
            Calculator::SatisfactionGap => &mut self.sg,
            Calculator::CustomerBase => &mut self.cb,
            Calculator::RetentionCurve => &mut self.rc,
        }
    }

    /// Forwards an action to the calculator that owns it.
    pub fn apply(&mut self, action: CalcAction, lang: Lang) -> (Calculator, Outcome) {
        match action {
            CalcAction::Cv(CvAction::LinkAssumption(key, name, value)) => {
                // A changed assumption applies at once: the input follows its source again.
                let out = self.cv.apply(CvAction::LinkAssumption(key.clone(), name, value), lang);
                if let Some(source) = links::source_of(&self.cv.form, &key) {
                    links::follow(self, source);
                }
                (CvForm::ID, out)
            }
            CalcAction::Cv(a) => (CvForm::ID, self.cv.apply(a, lang)),
            CalcAction::Dv(a) => (DvForm::ID, self.dv.apply(a, lang)),
            CalcAction::Sg(SgAction::SendToCustomerValue) => links::send_shares(self),
            CalcAction::Sg(a) => (SgForm::ID, self.sg.apply(a, lang)),
            CalcAction::Cb(CbAction::SendToCustomerValue) => links::send_model(self),
            CalcAction::Cb(a) => (CbForm::ID, self.cb.apply(a, lang)),
            CalcAction::Rc(RcAction::SendToCustomerValue) => links::send_curve(self),
            CalcAction::Rc(a) => (RcForm::ID, self.rc.apply(a, lang)),
        }
    }

    /// Linked inputs follow a source that changed.
    pub fn sync_links(&mut self, source: Calculator) {
        links::follow(self, source);
    }
}

/// Each calculator's inputs type name (as in the JSON Schema) and its declared scalars.
pub fn declared_inputs() -> [(&'static str, &'static [crate::domain::calc::InputDecl]); 5] {
    [
        ("CustomerValueInputs", CvForm::scalar_inputs()),
        ("DeliveredValueInputs", DvForm::scalar_inputs()),
        ("SatisfactionInputs", SgForm::scalar_inputs()),
        ("CustomerBaseInputs", CbForm::scalar_inputs()),
        ("RetentionCurveInputs", RcForm::scalar_inputs()),
    ]
}

impl CalcAction {
    /// The calculator the action belongs to.
    pub fn calculator(&self) -> Calculator {
        match self {
            CalcAction::Cv(_) => CvForm::ID,
            CalcAction::Dv(_) => DvForm::ID,
            CalcAction::Sg(_) => SgForm::ID,
            CalcAction::Cb(_) => CbForm::ID,
            CalcAction::Rc(_) => RcForm::ID,
        }
    }
}

/// Checks an imported `inputs` object with its calculator's checks.
pub fn check_inputs(c: Calculator, v: &Value, path: &str, errs: &mut Vec<ImportError>) {
    match c {
        Calculator::CustomerValue => CvForm::check_inputs(v, path, errs),
        Calculator::DeliveredValue => DvForm::check_inputs(v, path, errs),
        Calculator::SatisfactionGap => SgForm::check_inputs(v, path, errs),
        Calculator::CustomerBase => CbForm::check_inputs(v, path, errs),
        Calculator::RetentionCurve => RcForm::check_inputs(v, path, errs),
    }
}

/// Builds the typed document of a checked file (results recomputed).
pub fn read_document(c: Calculator, root: &Map<String, Value>, currency: Currency) -> Option<Document> {
    match c {
        Calculator::CustomerValue => read::<CvForm>(root, currency),
        Calculator::DeliveredValue => read::<DvForm>(root, currency),
        Calculator::SatisfactionGap => read::<SgForm>(root, currency),
        Calculator::CustomerBase => read::<CbForm>(root, currency),
        Calculator::RetentionCurve => read::<RcForm>(root, currency),
    }
}

fn read<C: Calc>(root: &Map<String, Value>, currency: Currency) -> Option<Document> {
    let inputs_of = |v: &Value| C::from_value(v, Lang::En)?.inputs();
    let inputs = inputs_of(root.get("inputs")?)?;
    let scenarios = match root.get("scenarios").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .map(|s| {
                let inputs = inputs_of(s.get("inputs")?)?;
                Some(Scenario { name: s.get("name")?.as_str()?.trim().to_string(), results: C::compute(&inputs), inputs })
            })
            .collect::<Option<Vec<_>>>()?,
        None => Vec::new(),
    };
    Some(C::wrap(Body {
        format: crate::domain::document::FormatName::CustomerValueCalculator,
        format_version: crate::domain::document::FORMAT_VERSION,
        app_version: crate::APP_VERSION.to_string(),
        currency: currency.code().to_string(),
        results: C::compute(&inputs),
        inputs,
        scenarios,
        analysis: None,
        links: None,
    }))
}

/// The Web Worker's side of every calculator's worker tasks (DESIGN §4):
/// the answer to `request` (JSON text naming its task) for `bytes`, telling
/// `progress` the fraction done and `part` an answer's first part. Only the
/// worker calls this, so the page's bundle links none of these tasks.
pub fn run_worker_task(request: &str, bytes: &[u8], progress: &mut dyn FnMut(f64), part: &mut dyn FnMut(&str)) -> String {
    if let Some(answer) = crate::domain::satisfaction::run_task(request, bytes, progress) {
        return answer;
    }
    crate::domain::customer_base::calc::task::run_parts(request, bytes, progress, part)
}

/// What the worker does once a task is answered, while the user reads it
/// (the customer base prepares the import the user will likely confirm).
pub fn worker_after_task() {
    crate::domain::customer_base::calc::task::prepare_ahead();
}
