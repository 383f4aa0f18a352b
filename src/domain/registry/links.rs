//! Links between calculators (the course chain, DESIGN §3.1 `links`):
//! the retention curve's fitted curve becomes the customer value
//! calculator's year-by-year retention; the customer base's fitted models
//! give it spend, purchase rate and retention; the satisfaction gap's item
//! verdicts give it the satisfied and dissatisfied shares. A linked input
//! records its source and follows it while both calculators are in the app;
//! unlinking keeps the calculator's own value.

use super::Slots;
use crate::domain::calc::{Calc, Outcome};
use crate::domain::customer_base::model::{Model, Params};
use crate::domain::customer_value::{meets_as_satisfied, CashFlowTiming, CvField, CvForm};
use crate::domain::i18n::Msg;
use crate::domain::notice::Notice;
use crate::domain::number;
use crate::domain::retention_curve::{compute, yearly_curve};
use crate::domain::satisfaction::{self, Verdict};
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
pub(super) fn follow(slots: &mut Slots, source: Calculator) {
    match source {
        Calculator::RetentionCurve => follow_curve(slots),
        Calculator::SatisfactionGap => follow_shares(slots),
        Calculator::CustomerBase => follow_model(slots),
        Calculator::CustomerValue | Calculator::DeliveredValue => {}
    }
}

/// The calculator a linked input came from.
pub(super) fn source_of(form: &CvForm, key: &str) -> Option<Calculator> {
    form.link(key)?.get("calculator")?.as_str().and_then(Calculator::parse)
}

fn follow_curve(slots: &mut Slots) {
    if source_of(&slots.cv.form, KEY) != Some(Calculator::RetentionCurve) {
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

/// Item verdict counts of the satisfaction gap now: (exceeds, meets, below).
fn verdicts(slots: &Slots) -> Option<(f64, f64, f64)> {
    let r = satisfaction::compute(slots.sg.inputs()?);
    let count = |v: Verdict| r.items.iter().filter(|i| i.verdict == v).count() as f64;
    Some((count(Verdict::Exceeds), count(Verdict::Meets), count(Verdict::Below))).filter(|c| c.0 + c.1 + c.2 > 0.0)
}

/// Rounds a share to six decimals (four decimals of a percentage), close
/// enough that 1/3 + 1/3 − 1/3 shows no stray cents.
fn share(part: f64, all: f64) -> f64 {
    (part / all * 1e6).round() / 1e6
}

/// Writes the shares and their links into the customer value form.
fn set_shares(form: &mut CvForm, (exceeds, meets, below): (f64, f64, f64), meets_satisfied: bool) {
    let all = exceeds + meets + below;
    let satisfied = share(exceeds + if meets_satisfied { meets } else { 0.0 }, all);
    let dissatisfied = share(below, all);
    let assumption = json!({"meets_as_satisfied": meets_satisfied, "exceeds": exceeds, "meets": meets, "below": below});
    let mut links = form.links.take().unwrap_or_default();
    for (field, v) in [(CvField::SatisfiedShare, satisfied), (CvField::DissatisfiedShare, dissatisfied)] {
        form.set(field, number::percent_text(v));
        links.insert(
            field.key().into(),
            json!({"calculator": "satisfaction_gap", "result": "items", "value": v, "assumption": assumption.clone()}),
        );
    }
    form.links = Some(links);
}

/// Sends the satisfaction gap's shares to the customer value calculator.
pub(super) fn send_shares(slots: &mut Slots) -> (Calculator, Outcome) {
    let Some(counts) = verdicts(slots) else {
        return (Calculator::SatisfactionGap, Outcome::Refused(Notice::Message(Msg::SgSendInvalid)));
    };
    let mut form = slots.cv.form.clone();
    let meets = form.link("satisfied_share").map(meets_as_satisfied).unwrap_or(true);
    set_shares(&mut form, counts, meets);
    slots.cv.set_form(form);
    (CvForm::ID, Outcome::Told(Notice::Message(Msg::SgSent)))
}

fn follow_shares(slots: &mut Slots) {
    let form = &slots.cv.form;
    let linked =
        [CvField::SatisfiedShare, CvField::DissatisfiedShare].iter().any(|f| source_of(form, f.key()) == Some(Calculator::SatisfactionGap));
    if !linked {
        return;
    }
    let Some(counts) = verdicts(slots) else { return };
    let meets = form.link("satisfied_share").or_else(|| form.link("dissatisfied_share")).map(meets_as_satisfied).unwrap_or(true);
    let mut next = form.clone();
    // Only the inputs still linked follow.
    let keep: Vec<bool> =
        [CvField::SatisfiedShare, CvField::DissatisfiedShare].iter().map(|f| source_of(form, f.key()).is_some()).collect();
    set_shares(&mut next, counts, meets);
    for (f, k) in [CvField::SatisfiedShare, CvField::DissatisfiedShare].into_iter().zip(keep) {
        if !k {
            next.set(f, form.text(f).to_string());
            next.unlink(f.key());
        }
    }
    if next != *form {
        slots.cv.set_form(next);
    }
}

/// What the customer base's fit gives the customer value calculator:
/// spend per purchase, purchases a year, the yearly retention curve, and
/// the link objects that say how.
struct ModelLink {
    spend: f64,
    purchases: f64,
    curve: Vec<f64>,
    links: [(CvField, Value); 2],
    curve_link: Value,
}

fn model_link(slots: &Slots, years: u32) -> Option<ModelLink> {
    let results = slots.cb.form.results()?;
    let params = results.params.as_ref()?;
    let gg = results.spend_params.as_ref().filter(|g| g.q > 1.0)?;
    let unit = slots.cb.inputs()?.time_unit;
    let per_year = 365.25 / unit.days();
    let model: Model = params.model();
    let (r, alpha, shape) = match params {
        Params::Bgnbd(f) => (f.r, f.alpha, json!({"model": "bgnbd", "r": f.r, "alpha": f.alpha, "a": f.a, "b": f.b})),
        Params::ParetoNbd(f) => (f.r, f.alpha, json!({"model": "pareto_nbd", "r": f.r, "alpha": f.alpha, "s": f.s, "beta": f.beta})),
    };
    let spend = (gg.p * gg.v / (gg.q - 1.0) * 100.0).round() / 100.0;
    let purchases = (r / alpha * per_year * 1000.0).round() / 1000.0;
    let mut curve = Vec::with_capacity(years as usize);
    for t in 1..=years {
        let (now, before) = (model.survival(t as f64 * per_year), model.survival((t - 1) as f64 * per_year));
        let rate = if before > 0.0 { now / before } else { 0.0 };
        curve.push(((rate * 1e6).round() / 1e6).clamp(0.0, 1.0));
    }
    if !(spend.is_finite() && purchases.is_finite() && curve.iter().all(|r| r.is_finite())) {
        return None;
    }
    let mut purchase_assumption = shape.clone();
    if let Some(o) = purchase_assumption.as_object_mut() {
        o.insert("time_unit".into(), json!(unit));
        o.insert("units_per_year".into(), json!(per_year));
        o.insert("period".into(), json!("year"));
    }
    let mut curve_assumption = shape;
    if let Some(o) = curve_assumption.as_object_mut() {
        o.insert("time_unit".into(), json!(unit));
        // Margins count for the customers still active at each year's end.
        o.insert("cash_flow_timing".into(), json!("end"));
    }
    Some(ModelLink {
        spend,
        purchases,
        links: [
            (
                CvField::SpendPerPurchase,
                json!({"calculator": "customer_base", "result": "spend_params", "value": spend,
                       "assumption": {"model": "gamma_gamma", "p": gg.p, "q": gg.q, "v": gg.v}}),
            ),
            (
                CvField::PurchasesPerPeriod,
                json!({"calculator": "customer_base", "result": "params", "value": purchases, "assumption": purchase_assumption}),
            ),
        ],
        curve_link: json!({"calculator": "customer_base", "result": "params", "value": curve, "assumption": curve_assumption}),
        curve,
    })
}

/// Writes a model link into the form; only the keys in `keys` change.
fn set_model(form: &mut CvForm, m: ModelLink, keys: &[&str]) {
    let mut links = form.links.take().unwrap_or_default();
    for (field, link) in m.links {
        if keys.contains(&field.key()) {
            let v = if field == CvField::SpendPerPurchase { m.spend } else { m.purchases };
            form.set(field, number::plain(v));
            links.insert(field.key().into(), link);
        }
    }
    if keys.contains(&"purchases_per_period") {
        form.set(CvField::Period, "year");
    }
    if keys.contains(&KEY) {
        form.set(CvField::CashFlowTiming, CashFlowTiming::End.as_str());
        form.curve = Some(m.curve);
        links.insert(KEY.into(), m.curve_link);
    }
    form.links = Some(links);
}

/// Sends the customer base's fitted models to the customer value calculator.
pub(super) fn send_model(slots: &mut Slots) -> (Calculator, Outcome) {
    let Some(m) = model_link(slots, years(&slots.cv.form)) else {
        return (Calculator::CustomerBase, Outcome::Refused(Notice::Message(Msg::CbSendNoFit)));
    };
    let mut form = slots.cv.form.clone();
    set_model(&mut form, m, &["spend_per_purchase", "purchases_per_period", KEY]);
    slots.cv.set_form(form);
    (CvForm::ID, Outcome::Told(Notice::Message(Msg::CbSent)))
}

fn follow_model(slots: &mut Slots) {
    let form = &slots.cv.form;
    let keys: Vec<&str> = ["spend_per_purchase", "purchases_per_period", KEY]
        .into_iter()
        .filter(|k| source_of(form, k) == Some(Calculator::CustomerBase))
        .collect();
    if keys.is_empty() {
        return;
    }
    // While the customer base has no fit (a file being read, a fit running),
    // the linked inputs keep their last values.
    let Some(m) = model_link(slots, years(form)) else { return };
    let mut next = form.clone();
    set_model(&mut next, m, &keys);
    if next != *form {
        slots.cv.set_form(next);
    }
}
