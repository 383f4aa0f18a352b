//! The customer value calculator, ready to render: fields with their
//! errors, results, steps and the chart.

use super::*;
use crate::domain::chart::{line_chart, LineChart};
use crate::domain::i18n::Lang;
use crate::domain::math::{self, Step};

/// The groups of the customer value form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvGroup {
    /// Spend, frequency, life, margin.
    Purchase,
    /// Tell counts, retellings, conversion, flags.
    WordOfMouth,
    /// Retention rate, discount, horizon, timing.
    Retention,
    /// A survey's satisfied and dissatisfied shares.
    Survey,
    /// Acquisition cost, the cost ratio, the new customer's share, customers lost.
    Economics,
    /// The churn reasons' shares (the editable table).
    Churn,
}

/// One input field, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldView {
    /// The field.
    pub field: CvField,
    /// Its group.
    pub group: CvGroup,
    /// The text shown in the control.
    pub text: String,
    /// The translated error message, if the text is invalid.
    pub error: Option<String>,
    /// Percent fields show a `%` after the control.
    pub percent: bool,
    /// Money fields show the currency after the control.
    pub money: bool,
}

/// One result, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    /// Public key (`result-<key>`).
    pub key: &'static str,
    /// Label.
    pub label: Msg,
    /// The unrounded value (`None`: dash).
    pub value: Option<f64>,
    /// How to format it.
    pub unit: Unit,
    /// Part of the retention model.
    pub retention: bool,
    /// Shown in the retention economics panel, not in the results list.
    pub economics: bool,
}

/// The customer value calculator, ready to render.
///
/// What sits beside the fields (the fields, the results, the links) is
/// built at once; what sits below them (the steps, the chart, the word of
/// mouth generations) is built when asked for, from the values and results
/// kept here: a keystroke renders the first part only, and the rest follows
/// one task later (`ui::later`).
#[derive(Clone, Debug, PartialEq)]
pub struct CvView {
    /// Fields in form order.
    pub fields: Vec<FieldView>,
    /// Whether the retention model is on (or its rate is being typed).
    pub retention_on: bool,
    /// Results in display order (retention results only when the model is on).
    pub results: Vec<ResultView>,
    /// Any field invalid.
    pub has_errors: bool,
    /// Where linked inputs came from.
    pub links: Vec<LinkView>,
    /// Each churn reason's customers and value lost.
    pub churn: Vec<ChurnReasonResult>,
    /// The survey shares add up to more than 100%.
    pub shares_overlap: bool,
    /// The typed values, for the parts built on demand.
    values: CvValues,
    /// The results, for the parts built on demand.
    computed: CustomerValueResults,
    /// The steps of the linked inputs (they need the form).
    link_steps: Vec<Step>,
}

impl CvView {
    /// Builds the view of a form.
    pub fn build(form: &CvForm, lang: Lang) -> CvView {
        let values = form.values();
        let results = compute(&values);
        let retention_on = !form.text(CvField::RetentionRate).trim().is_empty() || form.curve.is_some();
        let fields: Vec<FieldView> = CvField::ALL
            .iter()
            .map(|&f| {
                let percent = matches!(f.kind(), FieldKind::Number(s) | FieldKind::NullableNumber(s) if s.percent);
                let group = group_of(f);
                FieldView {
                    field: f,
                    group,
                    text: form.text(f).to_string(),
                    error: form.error(f).map(|e| e.message(lang)),
                    percent,
                    money: f.is_money(),
                }
            })
            .collect();
        let result_views = RESULT_KEYS
            .iter()
            .filter_map(|&(key, label)| {
                let retention = matches!(key, "retention_clv" | "retention_clv_perpetuity" | "net_clv" | "expected_lifetime_years");
                if retention && !retention_on {
                    return None;
                }
                if key == "expected_word_of_mouth_value"
                    && (values.satisfied_share == Some(None) || values.dissatisfied_share == Some(None))
                {
                    return None;
                }
                let economics = ECONOMICS_RESULTS.contains(&key);
                let unit = result_unit(key);
                Some(ResultView { key, label, value: results.get(key).flatten(), unit, retention, economics })
            })
            .collect();
        CvView {
            has_errors: fields.iter().any(|f| f.error.is_some()),
            links: link_views(form),
            shares_overlap: shares_overlap(&values),
            churn: results.churn_reasons.clone(),
            fields,
            retention_on,
            results: result_views,
            link_steps: link_steps(form),
            values,
            computed: results,
        }
    }

    /// "Show the math" steps.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = self.link_steps.clone();
        steps.extend(math::customer_value_steps(&self.values, &self.computed));
        steps.extend(economics_steps(&self.values, &self.computed));
        steps
    }

    /// The cumulative value chart, and whether it has the retention series;
    /// `None` while the values it needs are invalid.
    pub fn chart(&self) -> Option<(LineChart, bool)> {
        let series = cumulative_by_year(&self.values, &self.computed);
        if series.is_empty() {
            return None;
        }
        let with_retention = series.iter().any(|p| p.2.is_some());
        let mut all = vec![series.iter().map(|p| (p.0, p.1)).collect::<Vec<(f64, f64)>>()];
        if with_retention {
            all.push(series.iter().filter_map(|p| p.2.map(|r| (p.0, r))).collect());
        }
        Some((line_chart(&all, 640.0, 260.0), with_retention))
    }

    /// The word-of-mouth generations of a satisfied and a dissatisfied customer.
    pub fn ripples(&self) -> Option<(Ripple, Ripple)> {
        ripples(&self.values, &self.computed)
    }

    /// The fields of one group.
    pub fn group(&self, g: CvGroup) -> impl Iterator<Item = &FieldView> {
        self.fields.iter().filter(move |f| f.group == g)
    }

    /// The results of one place: the results list or the economics panel.
    pub fn results_in(&self, economics: bool) -> impl Iterator<Item = &ResultView> {
        self.results.iter().filter(move |r| r.economics == economics)
    }

    /// The badge of a linked input.
    pub fn link(&self, key: &str) -> Option<&LinkView> {
        self.links.iter().find(|l| l.key == key)
    }

    /// A result by key.
    pub fn result(&self, key: &str) -> Option<f64> {
        self.results.iter().find(|r| r.key == key).and_then(|r| r.value)
    }
}

/// The results shown in the retention economics panel.
pub const ECONOMICS_RESULTS: &[&str] =
    &["retention_cost", "replacement_customers", "replacement_cost", "retention_saving", "churn_value_lost", "indifference_value_lost"];

fn group_of(f: CvField) -> CvGroup {
    use CvField as F;
    match f {
        F::SpendPerPurchase | F::PurchasesPerPeriod | F::Period | F::WeeksPerYear | F::LifetimeYears | F::MarginRate => CvGroup::Purchase,
        _ if f.is_retention() => CvGroup::Retention,
        F::SatisfiedShare | F::DissatisfiedShare => CvGroup::Survey,
        F::AcquisitionCost | F::RetentionCostRatio | F::NewCustomerValueShare | F::CustomersLost => CvGroup::Economics,
        _ if CHURN_REASONS.iter().any(|(_, c)| *c == f) => CvGroup::Churn,
        _ => CvGroup::WordOfMouth,
    }
}

/// How a result is shown (also in the what-if tools).
pub(crate) fn result_unit(key: &str) -> Unit {
    match key {
        "purchases_per_year" | "referral_customers_gained" | "referral_customers_lost" | "replacement_customers" => Unit::Count,
        "expected_lifetime_years" => Unit::Years,
        _ => Unit::Money,
    }
}
