//! Links between calculators (the course chain, DESIGN §3.1 `links`): the
//! retention curve's fitted curve becomes the customer value calculator's
//! year-by-year retention. A linked input records its source and follows it
//! while both calculators are in the app; unlinking keeps the calculator's
//! own value.

use super::Slots;
use crate::domain::calc::{Calc, Outcome};
use crate::domain::customer_value::{CashFlowTiming, CvField, CvForm};
use crate::domain::i18n::Msg;
use crate::domain::notice::Notice;
use crate::domain::number;
use crate::domain::retention_curve::{compute, yearly_curve};
use crate::domain::Calculator;
use serde_json::{json, Map, Value};

/// The key of the linked input and of its source result.
const KEY: &str = "retention_curve";

/// Years of the curve: the customer value calculator's horizon (10 while it is invalid).
fn years(cv: &CvForm) -> u32 {
    number::parse(cv.text(CvField::HorizonYears), &number::NumberSpec::range(1.0, 100.0).whole()).map_or(10, |v| v as u32)
}

/// The curve of the current fit, or `None` while the retention curve's inputs are invalid.
fn curve(slots: &Slots) -> Option<(Vec<f64>, f64, f64)> {
    let i = slots.rc.inputs()?;
    let r = compute(i).ok()?;
    Some((yearly_curve(i, &r, years(&slots.cv.form))?, r.alpha, r.beta))
}

fn link_value(curve: &[f64], alpha: f64, beta: f64) -> Value {
    json!({"calculator": "retention_curve", "result": KEY, "value": curve,
           "assumption": {"alpha": alpha, "beta": beta, "cash_flow_timing": "start"}})
}

/// Sends the fitted curve to the customer value calculator and shows it there.
pub(super) fn send_curve(slots: &mut Slots) -> (Calculator, Outcome) {
    let Some((c, a, b)) = curve(slots) else {
        return (Calculator::RetentionCurve, Outcome::Refused(Notice::Message(Msg::RcSendInvalid)));
    };
    let mut form = slots.cv.form.clone();
    form.curve = Some(c.clone());
    // DEL's convention: the first margin is certain.
    form.set(CvField::CashFlowTiming, CashFlowTiming::Start.as_str());
    let mut links = form.links.take().unwrap_or_default();
    links.insert(KEY.into(), link_value(&c, a, b));
    form.links = Some(links);
    slots.cv.set_form(form);
    (CvForm::ID, Outcome::Told(Notice::Message(Msg::RcSent)))
}

/// Updates linked inputs from their sources.
pub(super) fn follow(slots: &mut Slots) {
    let linked = slots.cv.form.links.as_ref().and_then(|l| l.get(KEY)).and_then(|l| l.get("calculator")).and_then(Value::as_str)
        == Some("retention_curve");
    if !linked {
        return;
    }
    let Some((c, a, b)) = curve(slots) else { return };
    if slots.cv.form.curve.as_deref() == Some(&c[..]) {
        return;
    }
    let mut form = slots.cv.form.clone();
    form.curve = Some(c.clone());
    let mut links: Map<String, Value> = form.links.take().unwrap_or_default();
    links.insert(KEY.into(), link_value(&c, a, b));
    form.links = Some(links);
    slots.cv.set_form(form);
}
