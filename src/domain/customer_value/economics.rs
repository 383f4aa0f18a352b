//! The course's retention economics (§2.1, issue "One course, one model"):
//! keeping a customer against winning one, how many new customers replace a
//! lost one, why customers leave and what that costs, and the expected word
//! of mouth of a customer base whose satisfaction a survey measured.
//!
//! The defaults are the course's figures: winning a customer costs five
//! times keeping one; one lost customer is made up only by ten new ones (a
//! new customer brings a tenth of an established one's value); of customers
//! who leave, 1% die, 3% move, 4% change their taste, 5% follow a friend's
//! advice, 9% find it cheaper, 10% are unhappy with the product and 68% meet
//! staff indifferent to them.

use super::*;
use crate::domain::math::{n, Step, Tok, MINUS, TIMES};

/// Default of `retention_cost_ratio`: winning costs 5 × keeping.
pub fn default_retention_cost_ratio() -> f64 {
    5.0
}
/// Default of `new_customer_value_share`: a new customer brings a tenth.
pub fn default_new_customer_value_share() -> f64 {
    0.1
}
/// Default of `customers_lost`.
pub fn default_customers_lost() -> f64 {
    100.0
}
/// Default of `churn_died`.
pub fn default_churn_died() -> f64 {
    0.01
}
/// Default of `churn_moved`.
pub fn default_churn_moved() -> f64 {
    0.03
}
/// Default of `churn_taste`.
pub fn default_churn_taste() -> f64 {
    0.04
}
/// Default of `churn_advice`.
pub fn default_churn_advice() -> f64 {
    0.05
}
/// Default of `churn_price`.
pub fn default_churn_price() -> f64 {
    0.09
}
/// Default of `churn_product`.
pub fn default_churn_product() -> f64 {
    0.10
}
/// Default of `churn_indifference`.
pub fn default_churn_indifference() -> f64 {
    0.68
}

/// The churn reasons in table order: (reason id, its share field).
pub const CHURN_REASONS: [(&str, CvField); 7] = [
    ("died", CvField::ChurnDied),
    ("moved", CvField::ChurnMoved),
    ("taste", CvField::ChurnTaste),
    ("advice", CvField::ChurnAdvice),
    ("price", CvField::ChurnPrice),
    ("product", CvField::ChurnProduct),
    ("indifference", CvField::ChurnIndifference),
];

/// Keys added to the inputs after format version 1 first shipped: a
/// document without them takes their defaults.
pub const ADDED_INPUTS: &[&str] = &[
    "satisfied_share",
    "dissatisfied_share",
    "retention_cost_ratio",
    "new_customer_value_share",
    "customers_lost",
    "churn_died",
    "churn_moved",
    "churn_taste",
    "churn_advice",
    "churn_price",
    "churn_product",
    "churn_indifference",
];

/// One churn reason's share of the lost customers and what they were worth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChurnReasonResult {
    /// `died`, `moved`, `taste`, `advice`, `price`, `product` or `indifference`.
    pub reason: String,
    /// Share of the customers who leave.
    pub share: f64,
    /// Customers lost for this reason (`customers_lost` × share).
    pub customers: f64,
    /// Their value (customers × `lifetime_value`).
    pub value_lost: Option<f64>,
}

/// The economics results computed from (possibly partially valid) values.
pub(super) struct EconomicsParts {
    pub(super) expected_word_of_mouth_value: Option<f64>,
    pub(super) retention_cost: Option<f64>,
    pub(super) replacement_customers: Option<f64>,
    pub(super) replacement_cost: Option<f64>,
    pub(super) retention_saving: Option<f64>,
    pub(super) churn_value_lost: Option<f64>,
    pub(super) indifference_value_lost: Option<f64>,
    pub(super) churn_reasons: Vec<ChurnReasonResult>,
}

/// The share of a churn reason by its field.
pub fn churn_share(v: &CvValues, f: CvField) -> Option<f64> {
    match f {
        CvField::ChurnDied => v.churn_died,
        CvField::ChurnMoved => v.churn_moved,
        CvField::ChurnTaste => v.churn_taste,
        CvField::ChurnAdvice => v.churn_advice,
        CvField::ChurnPrice => v.churn_price,
        CvField::ChurnProduct => v.churn_product,
        CvField::ChurnIndifference => v.churn_indifference,
        _ => None,
    }
}

/// Whether the satisfied and dissatisfied shares together exceed 100%.
pub fn shares_overlap(v: &CvValues) -> bool {
    matches!((v.satisfied_share, v.dissatisfied_share), (Some(Some(s)), Some(Some(d))) if s + d > 1.0 + 1e-9)
}

impl EconomicsParts {
    pub(super) fn new(v: &CvValues, gained: Option<f64>, lost: Option<f64>, lifetime_value: Option<f64>) -> EconomicsParts {
        let expected_word_of_mouth_value = (|| {
            let (s, d) = (v.satisfied_share??, v.dissatisfied_share??);
            if shares_overlap(v) {
                return None;
            }
            Some(s * gained? - d * lost?)
        })();
        let retention_cost = (|| Some(v.acquisition_cost? / v.retention_cost_ratio?))();
        let replacement_customers = v.new_customer_value_share.map(|s| 1.0 / s);
        let replacement_cost = (|| Some(replacement_customers? * v.acquisition_cost?))();
        let retention_saving = (|| Some(replacement_cost? - retention_cost?))();
        let churn_value_lost = (|| Some(v.customers_lost? * lifetime_value?))();
        let indifference_value_lost = (|| Some(v.churn_indifference? * churn_value_lost?))();
        let churn_reasons = match v.customers_lost {
            Some(lost) => CHURN_REASONS
                .iter()
                .filter_map(|&(reason, f)| {
                    let share = churn_share(v, f)?;
                    Some(ChurnReasonResult {
                        reason: reason.to_string(),
                        share,
                        customers: lost * share,
                        value_lost: lifetime_value.map(|l| lost * share * l),
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        EconomicsParts {
            expected_word_of_mouth_value,
            retention_cost,
            replacement_customers,
            replacement_cost,
            retention_saving,
            churn_value_lost,
            indifference_value_lost,
            churn_reasons,
        }
    }
}

fn f(field: CvField) -> Tok {
    Tok::Name(field.label())
}

fn step(key: &'static str, label: Msg, formula: Vec<Tok>, substituted: Vec<Tok>, result: Option<f64>, unit: Unit) -> Step {
    Step { key, label, formula, substituted, result, unit, note: None }
}

/// The steps of the expected word of mouth (when the shares are set) and of
/// the retention economics.
pub fn economics_steps(v: &CvValues, r: &CustomerValueResults) -> Vec<Step> {
    use CvField as F;
    let mut steps = Vec::new();
    if let (Some(Some(s)), Some(Some(d))) = (v.satisfied_share, v.dissatisfied_share) {
        let mut st = step(
            "expected_word_of_mouth_value",
            Msg::RExpectedWom,
            vec![
                f(F::SatisfiedShare),
                TIMES,
                Tok::Name(Msg::RValueGained),
                MINUS,
                f(F::DissatisfiedShare),
                TIMES,
                Tok::Name(Msg::RValueLost),
            ],
            vec![
                n(Some(s), Unit::Percent),
                TIMES,
                n(r.referral_value_gained, Unit::Money),
                MINUS,
                n(Some(d), Unit::Percent),
                TIMES,
                n(r.referral_value_lost, Unit::Money),
            ],
            r.expected_word_of_mouth_value,
            Unit::Money,
        );
        if shares_overlap(v) {
            st.note = Some(Msg::NoteSharesOverlap);
        }
        steps.push(st);
    }
    steps.push(step(
        "retention_cost",
        Msg::RRetentionCost,
        vec![f(F::AcquisitionCost), Tok::Op("÷"), f(F::RetentionCostRatio)],
        vec![n(v.acquisition_cost, Unit::Money), Tok::Op("÷"), n(v.retention_cost_ratio, Unit::Ratio)],
        r.retention_cost,
        Unit::Money,
    ));
    steps.push(step(
        "replacement_customers",
        Msg::RReplacementCustomers,
        vec![n(Some(1.0), Unit::Count), Tok::Op("÷"), f(F::NewCustomerValueShare)],
        vec![n(Some(1.0), Unit::Count), Tok::Op("÷"), n(v.new_customer_value_share, Unit::Percent)],
        r.replacement_customers,
        Unit::Count,
    ));
    steps.push(step(
        "replacement_cost",
        Msg::RReplacementCost,
        vec![Tok::Name(Msg::RReplacementCustomers), TIMES, f(F::AcquisitionCost)],
        vec![n(r.replacement_customers, Unit::Count), TIMES, n(v.acquisition_cost, Unit::Money)],
        r.replacement_cost,
        Unit::Money,
    ));
    steps.push(step(
        "retention_saving",
        Msg::RRetentionSaving,
        vec![Tok::Name(Msg::RReplacementCost), MINUS, Tok::Name(Msg::RRetentionCost)],
        vec![n(r.replacement_cost, Unit::Money), MINUS, n(r.retention_cost, Unit::Money)],
        r.retention_saving,
        Unit::Money,
    ));
    steps.push(step(
        "churn_value_lost",
        Msg::RChurnValueLost,
        vec![f(F::CustomersLost), TIMES, Tok::Name(Msg::RLifetimeValue)],
        vec![n(v.customers_lost, Unit::Count), TIMES, n(r.lifetime_value, Unit::Money)],
        r.churn_value_lost,
        Unit::Money,
    ));
    steps.push(step(
        "indifference_value_lost",
        Msg::RIndifferenceLost,
        vec![f(F::ChurnIndifference), TIMES, Tok::Name(Msg::RChurnValueLost)],
        vec![n(v.churn_indifference, Unit::Percent), TIMES, n(r.churn_value_lost, Unit::Money)],
        r.indifference_value_lost,
        Unit::Money,
    ));
    steps
}
