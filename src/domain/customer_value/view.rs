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
#[derive(Clone, Debug, PartialEq)]
pub struct CvView {
    /// Fields in form order.
    pub fields: Vec<FieldView>,
    /// Whether the retention model is on (or its rate is being typed).
    pub retention_on: bool,
    /// Results in display order (retention results only when the model is on).
    pub results: Vec<ResultView>,
    /// "Show the math" steps.
    pub steps: Vec<Step>,
    /// The cumulative value chart; `None` while the values it needs are invalid.
    pub chart: Option<LineChart>,
    /// Whether the chart has the retention series.
    pub chart_has_retention: bool,
    /// Any field invalid.
    pub has_errors: bool,
    /// Where linked inputs came from.
    pub links: Vec<LinkView>,
    /// The word-of-mouth generations of a satisfied and a dissatisfied customer.
    pub ripples: Option<(Ripple, Ripple)>,
    /// Each churn reason's customers and value lost.
    pub churn: Vec<ChurnReasonResult>,
    /// The survey shares add up to more than 100%.
    pub shares_overlap: bool,
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
                let unit = match key {
                    "purchases_per_year" | "referral_customers_gained" | "referral_customers_lost" | "replacement_customers" => Unit::Count,
                    "expected_lifetime_years" => Unit::Years,
                    _ => Unit::Money,
                };
                Some(ResultView { key, label, value: results.get(key).flatten(), unit, retention, economics })
            })
            .collect();
        let series = cumulative_by_year(&values);
        let chart_has_retention = series.iter().any(|p| p.2.is_some());
        let chart = if series.is_empty() {
            None
        } else {
            let simple: Vec<(f64, f64)> = series.iter().map(|p| (p.0, p.1)).collect();
            let mut all = vec![simple];
            if chart_has_retention {
                all.push(series.iter().filter_map(|p| p.2.map(|r| (p.0, r))).collect());
            }
            Some(line_chart(&all, 640.0, 260.0))
        };
        let mut steps = link_steps(form);
        steps.extend(math::customer_value_steps(&values, &results));
        steps.extend(economics_steps(&values, &results));
        CvView {
            has_errors: fields.iter().any(|f| f.error.is_some()),
            links: link_views(form),
            ripples: ripples(&values, &results),
            shares_overlap: shares_overlap(&values),
            churn: results.churn_reasons.clone(),
            fields,
            retention_on,
            results: result_views,
            steps,
            chart,
            chart_has_retention,
        }
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
