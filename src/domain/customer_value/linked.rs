//! Where linked inputs came from, ready to render as a badge and as steps,
//! and the word-of-mouth ripple (generations of listeners).

use super::*;
use crate::domain::math::{n, Step, Tok, PLUS, TIMES};
use crate::domain::Calculator;
use serde_json::{Map, Value};

/// A linked input's source, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkView {
    /// The linked input's key (`link-<key>`, `unlink-<key>`).
    pub key: &'static str,
    /// The calculator the value came from.
    pub source: Calculator,
    /// The sentence that says how, with `{name}` placeholders.
    pub detail: Msg,
    /// The placeholders' numbers and how to show them.
    pub args: Vec<(&'static str, f64, Unit)>,
    /// The editable assumption "items that meet expectations count as
    /// satisfied", for a link from the satisfaction gap.
    pub meets_as_satisfied: Option<bool>,
}

fn num(a: &Map<String, Value>, k: &str) -> f64 {
    a.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN)
}

fn assumption(link: &Map<String, Value>) -> Map<String, Value> {
    link.get("assumption").and_then(Value::as_object).cloned().unwrap_or_default()
}

/// Whether a satisfaction-gap link counts "meets" as satisfied (the default).
pub fn meets_as_satisfied(link: &Map<String, Value>) -> bool {
    assumption(link).get("meets_as_satisfied").and_then(Value::as_bool).unwrap_or(true)
}

/// The badge of each linked input, in form order.
pub fn link_views(form: &CvForm) -> Vec<LinkView> {
    let mut out = Vec::new();
    for key in LINKABLE {
        let Some(link) = form.link(key) else { continue };
        let Some(source) = link.get("calculator").and_then(Value::as_str).and_then(Calculator::parse) else { continue };
        let a = assumption(link);
        let curve = |i: usize| form.curve.as_ref().and_then(|c| c.get(i).or(c.last()).copied()).unwrap_or(f64::NAN);
        let (detail, args, meets) = match (source, *key) {
            (Calculator::SatisfactionGap, "satisfied_share") => {
                let meets = meets_as_satisfied(link);
                let items = num(&a, "exceeds") + num(&a, "meets") + num(&a, "below");
                (
                    if meets { Msg::LinkSgSatisfied } else { Msg::LinkSgSatisfiedStrict },
                    vec![
                        ("exceeds", num(&a, "exceeds"), Unit::Count),
                        ("meets", num(&a, "meets"), Unit::Count),
                        ("items", items, Unit::Count),
                    ],
                    Some(meets),
                )
            }
            (Calculator::SatisfactionGap, "dissatisfied_share") => {
                let items = num(&a, "exceeds") + num(&a, "meets") + num(&a, "below");
                (Msg::LinkSgDissatisfied, vec![("below", num(&a, "below"), Unit::Count), ("items", items, Unit::Count)], None)
            }
            (Calculator::CustomerBase, "spend_per_purchase") => (
                Msg::LinkCbSpend,
                vec![("p", num(&a, "p"), Unit::Ratio), ("q", num(&a, "q"), Unit::Ratio), ("v", num(&a, "v"), Unit::Ratio)],
                None,
            ),
            (Calculator::CustomerBase, "purchases_per_period") => (
                Msg::LinkCbPurchases,
                vec![
                    ("r", num(&a, "r"), Unit::Ratio),
                    ("alpha", num(&a, "alpha"), Unit::Ratio),
                    ("units", num(&a, "units_per_year"), Unit::Ratio),
                ],
                None,
            ),
            (Calculator::CustomerBase, "retention_curve") => {
                (Msg::LinkCbCurve, vec![("r1", curve(0), Unit::Percent), ("r2", curve(1), Unit::Percent)], None)
            }
            (Calculator::RetentionCurve, "retention_curve") => (
                Msg::CvLinkedCurve,
                vec![
                    ("alpha", num(&a, "alpha"), Unit::Ratio),
                    ("beta", num(&a, "beta"), Unit::Ratio),
                    ("r1", curve(0), Unit::Percent),
                    ("r2", curve(1), Unit::Percent),
                ],
                None,
            ),
            _ => continue,
        };
        out.push(LinkView { key, source, detail, args, meets_as_satisfied: meets });
    }
    out
}

fn op(s: &'static str) -> Tok {
    Tok::Op(s)
}

/// The steps that show where linked inputs came from.
pub fn link_steps(form: &CvForm) -> Vec<Step> {
    let mut steps = Vec::new();
    let value = |key: &str| form.link(key).and_then(|l| l.get("value")).and_then(Value::as_f64);
    for view in link_views(form) {
        let Some(link) = form.link(view.key) else { continue };
        let a = assumption(link);
        let c = |k| Some(num(&a, k));
        let (label, formula, substituted, result, unit, note) = match (view.source, view.key) {
            (Calculator::SatisfactionGap, "satisfied_share") => {
                let items = num(&a, "exceeds") + num(&a, "meets") + num(&a, "below");
                if view.meets_as_satisfied == Some(false) {
                    (
                        Msg::FSatisfiedShare,
                        vec![Tok::Name(Msg::LinkItemsExceed), op("÷"), Tok::Name(Msg::LinkItems)],
                        vec![n(c("exceeds"), Unit::Count), op("÷"), n(Some(items), Unit::Count)],
                        value(view.key),
                        Unit::Percent,
                        Msg::NoteLinkedSg,
                    )
                } else {
                    (
                        Msg::FSatisfiedShare,
                        vec![
                            op("("),
                            Tok::Name(Msg::LinkItemsExceed),
                            PLUS,
                            Tok::Name(Msg::LinkItemsMeet),
                            op(")"),
                            op("÷"),
                            Tok::Name(Msg::LinkItems),
                        ],
                        vec![
                            op("("),
                            n(c("exceeds"), Unit::Count),
                            PLUS,
                            n(c("meets"), Unit::Count),
                            op(")"),
                            op("÷"),
                            n(Some(items), Unit::Count),
                        ],
                        value(view.key),
                        Unit::Percent,
                        Msg::NoteLinkedSg,
                    )
                }
            }
            (Calculator::SatisfactionGap, "dissatisfied_share") => {
                let items = num(&a, "exceeds") + num(&a, "meets") + num(&a, "below");
                (
                    Msg::FDissatisfiedShare,
                    vec![Tok::Name(Msg::LinkItemsBelow), op("÷"), Tok::Name(Msg::LinkItems)],
                    vec![n(c("below"), Unit::Count), op("÷"), n(Some(items), Unit::Count)],
                    value(view.key),
                    Unit::Percent,
                    Msg::NoteLinkedSg,
                )
            }
            (Calculator::CustomerBase, "spend_per_purchase") => (
                Msg::FSpend,
                vec![op("p"), TIMES, op("v"), op("÷"), op("("), op("q"), op("−"), n(Some(1.0), Unit::Count), op(")")],
                vec![
                    n(c("p"), Unit::Ratio),
                    TIMES,
                    n(c("v"), Unit::Ratio),
                    op("÷"),
                    op("("),
                    n(c("q"), Unit::Ratio),
                    op("−"),
                    n(Some(1.0), Unit::Count),
                    op(")"),
                ],
                value(view.key),
                Unit::Money,
                Msg::NoteLinkedCb,
            ),
            (Calculator::CustomerBase, "purchases_per_period") => (
                Msg::FPurchases,
                vec![op("r"), op("÷"), op("α"), TIMES, Tok::Name(Msg::LinkUnitsPerYear)],
                vec![n(c("r"), Unit::Ratio), op("÷"), n(c("alpha"), Unit::Ratio), TIMES, n(c("units_per_year"), Unit::Ratio)],
                value(view.key),
                Unit::Count,
                Msg::NoteLinkedCb,
            ),
            (source, "retention_curve") => {
                let r1 = form.curve.as_ref().and_then(|c| c.first().copied());
                (
                    Msg::LinkFirstYearRetention,
                    vec![op("S(1)"), op("÷"), op("S(0)")],
                    vec![n(r1, Unit::Percent), op("÷"), n(Some(1.0), Unit::Percent)],
                    r1,
                    Unit::Percent,
                    if source == Calculator::CustomerBase { Msg::NoteLinkedCb } else { Msg::NoteLinkedRc },
                )
            }
            _ => continue,
        };
        steps.push(Step { key: view.key, label, formula, substituted, result, unit, note: Some(note) });
    }
    steps
}

/// One customer's word of mouth, generation by generation.
#[derive(Clone, Debug, PartialEq)]
pub struct Ripple {
    /// People the customer tells (first generation).
    pub first: f64,
    /// People each of them tells again.
    pub retell: f64,
    /// Second generation: first × retell.
    pub second: f64,
    /// Everyone who hears: first + second.
    pub heard: f64,
    /// Of them, customers won or lost (× conversion, rounded if asked).
    pub converted: Option<f64>,
}

/// The ripple of a satisfied and of a dissatisfied customer.
pub fn ripples(v: &CvValues, r: &CustomerValueResults) -> Option<(Ripple, Ripple)> {
    let retell = v.retell_count?;
    let make = |tell: Option<f64>, converted: Option<f64>| {
        let first = tell?;
        Some(Ripple { first, retell, second: first * retell, heard: first * (1.0 + retell), converted })
    };
    Some((make(v.satisfied_tell_count, r.referral_customers_gained)?, make(v.dissatisfied_tell_count, r.referral_customers_lost)?))
}
