//! What the user typed, as typed values (`None` where a text is invalid).

use super::*;

/// One field's typed value, or `None` when its text is invalid.
/// `retention_rate` is `Some(None)` when the model is off.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CvValues {
    /// See [`CustomerValueInputs`].
    pub spend_per_purchase: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub purchases_per_period: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub period: Option<Period>,
    /// See [`CustomerValueInputs`].
    pub weeks_per_year: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub lifetime_years: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub margin_rate: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub satisfied_tell_count: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub dissatisfied_tell_count: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub retell_count: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub conversion_rate: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub dissatisfied_customer_defects: Option<bool>,
    /// See [`CustomerValueInputs`].
    pub round_people: Option<bool>,
    /// See [`CustomerValueInputs`].
    pub retention_rate: Option<Option<f64>>,
    /// See [`CustomerValueInputs`].
    pub discount_rate: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub horizon_years: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub cash_flow_timing: Option<CashFlowTiming>,
    /// See [`CustomerValueInputs`].
    pub acquisition_cost: Option<f64>,
    /// See [`CustomerValueInputs`] (always valid: it is checked where it arrives).
    pub retention_curve: Option<Vec<f64>>,
    /// See [`CustomerValueInputs`].
    pub satisfied_share: Option<Option<f64>>,
    /// See [`CustomerValueInputs`].
    pub dissatisfied_share: Option<Option<f64>>,
    /// See [`CustomerValueInputs`].
    pub retention_cost_ratio: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub new_customer_value_share: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub customers_lost: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_died: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_moved: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_taste: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_advice: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_price: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_product: Option<f64>,
    /// See [`CustomerValueInputs`].
    pub churn_indifference: Option<f64>,
}

impl From<&CustomerValueInputs> for CvValues {
    fn from(i: &CustomerValueInputs) -> Self {
        CvValues {
            spend_per_purchase: Some(i.spend_per_purchase),
            purchases_per_period: Some(i.purchases_per_period),
            period: Some(i.period),
            weeks_per_year: Some(i.weeks_per_year),
            lifetime_years: Some(i.lifetime_years),
            margin_rate: Some(i.margin_rate),
            satisfied_tell_count: Some(i.satisfied_tell_count),
            dissatisfied_tell_count: Some(i.dissatisfied_tell_count),
            retell_count: Some(i.retell_count),
            conversion_rate: Some(i.conversion_rate),
            dissatisfied_customer_defects: Some(i.dissatisfied_customer_defects),
            round_people: Some(i.round_people),
            retention_rate: Some(i.retention_rate),
            discount_rate: Some(i.discount_rate),
            horizon_years: Some(i.horizon_years),
            cash_flow_timing: Some(i.cash_flow_timing),
            acquisition_cost: Some(i.acquisition_cost),
            retention_curve: i.retention_curve.clone(),
            satisfied_share: Some(i.satisfied_share),
            dissatisfied_share: Some(i.dissatisfied_share),
            retention_cost_ratio: Some(i.retention_cost_ratio),
            new_customer_value_share: Some(i.new_customer_value_share),
            customers_lost: Some(i.customers_lost),
            churn_died: Some(i.churn_died),
            churn_moved: Some(i.churn_moved),
            churn_taste: Some(i.churn_taste),
            churn_advice: Some(i.churn_advice),
            churn_price: Some(i.churn_price),
            churn_product: Some(i.churn_product),
            churn_indifference: Some(i.churn_indifference),
        }
    }
}

impl CvValues {
    /// All fields valid: the typed inputs.
    pub fn complete(&self) -> Option<CustomerValueInputs> {
        Some(CustomerValueInputs {
            spend_per_purchase: self.spend_per_purchase?,
            purchases_per_period: self.purchases_per_period?,
            period: self.period?,
            weeks_per_year: self.weeks_per_year?,
            lifetime_years: self.lifetime_years?,
            margin_rate: self.margin_rate?,
            satisfied_tell_count: self.satisfied_tell_count?,
            dissatisfied_tell_count: self.dissatisfied_tell_count?,
            retell_count: self.retell_count?,
            conversion_rate: self.conversion_rate?,
            dissatisfied_customer_defects: self.dissatisfied_customer_defects?,
            round_people: self.round_people?,
            retention_rate: self.retention_rate?,
            discount_rate: self.discount_rate?,
            horizon_years: self.horizon_years?,
            cash_flow_timing: self.cash_flow_timing?,
            acquisition_cost: self.acquisition_cost?,
            retention_curve: self.retention_curve.clone(),
            satisfied_share: self.satisfied_share?,
            dissatisfied_share: self.dissatisfied_share?,
            retention_cost_ratio: self.retention_cost_ratio?,
            new_customer_value_share: self.new_customer_value_share?,
            customers_lost: self.customers_lost?,
            churn_died: self.churn_died?,
            churn_moved: self.churn_moved?,
            churn_taste: self.churn_taste?,
            churn_advice: self.churn_advice?,
            churn_price: self.churn_price?,
            churn_product: self.churn_product?,
            churn_indifference: self.churn_indifference?,
        })
    }
}
