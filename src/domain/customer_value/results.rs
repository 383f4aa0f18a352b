//! The results of the customer value calculator and how they are computed.

use super::*;

/// The results (JSON `results`). `None` is JSON `null`: either the formula
/// says null (retention model off, r = 1, …) or, in the form view, an input
/// it depends on is invalid.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerValueResults {
    /// Purchases per year.
    pub purchases_per_year: Option<f64>,
    /// Value per year.
    pub annual_value: Option<f64>,
    /// Value over the customer life.
    pub lifetime_value: Option<f64>,
    /// Customers won through a satisfied customer's word of mouth.
    pub referral_customers_gained: Option<f64>,
    /// Their lifetime value.
    pub referral_value_gained: Option<f64>,
    /// Own lifetime value plus referral value gained.
    pub satisfied_customer_value: Option<f64>,
    /// Customers lost through a dissatisfied customer's word of mouth.
    pub referral_customers_lost: Option<f64>,
    /// Their lifetime value.
    pub referral_value_lost: Option<f64>,
    /// Referral value lost plus, if the customer defects, their own value.
    pub dissatisfied_customer_loss: Option<f64>,
    /// What keeping the customer satisfied instead of dissatisfied is worth.
    pub satisfaction_swing: Option<f64>,
    /// Discounted value over the horizon with retention.
    pub retention_clv: Option<f64>,
    /// The same over an infinite horizon.
    pub retention_clv_perpetuity: Option<f64>,
    /// `retention_clv` − acquisition cost.
    pub net_clv: Option<f64>,
    /// 1 / (1 − r).
    pub expected_lifetime_years: Option<f64>,
    /// satisfied share × referral value gained − dissatisfied share ×
    /// referral value lost: a customer's expected word of mouth (null
    /// unless both shares are set).
    #[serde(default)]
    pub expected_word_of_mouth_value: Option<f64>,
    /// Cost of keeping a customer: acquisition cost ÷ `retention_cost_ratio`.
    #[serde(default)]
    pub retention_cost: Option<f64>,
    /// New customers that replace one lost customer's value: 1 ÷ `new_customer_value_share`.
    #[serde(default)]
    pub replacement_customers: Option<f64>,
    /// What winning them costs: replacement customers × acquisition cost.
    #[serde(default)]
    pub replacement_cost: Option<f64>,
    /// Replacement cost − retention cost: what keeping a customer saves.
    #[serde(default)]
    pub retention_saving: Option<f64>,
    /// `customers_lost` × `lifetime_value`.
    #[serde(default)]
    pub churn_value_lost: Option<f64>,
    /// The part of it lost to staff indifference.
    #[serde(default)]
    pub indifference_value_lost: Option<f64>,
    /// Each churn reason's customers and value lost, in table order.
    #[serde(default)]
    pub churn_reasons: Vec<ChurnReasonResult>,
}

/// The scalar result keys, in display order, with their catalog labels.
pub const RESULT_KEYS: &[(&str, Msg)] = &[
    ("purchases_per_year", Msg::RPurchasesPerYear),
    ("annual_value", Msg::RAnnualValue),
    ("lifetime_value", Msg::RLifetimeValue),
    ("referral_customers_gained", Msg::RCustomersGained),
    ("referral_value_gained", Msg::RValueGained),
    ("satisfied_customer_value", Msg::RSatisfiedValue),
    ("referral_customers_lost", Msg::RCustomersLost),
    ("referral_value_lost", Msg::RValueLost),
    ("dissatisfied_customer_loss", Msg::RDissatisfiedLoss),
    ("satisfaction_swing", Msg::RSwing),
    ("retention_clv", Msg::RRetentionClv),
    ("retention_clv_perpetuity", Msg::RPerpetuity),
    ("net_clv", Msg::RNetClv),
    ("expected_lifetime_years", Msg::RExpectedLifetime),
    ("expected_word_of_mouth_value", Msg::RExpectedWom),
    ("retention_cost", Msg::RRetentionCost),
    ("replacement_customers", Msg::RReplacementCustomers),
    ("replacement_cost", Msg::RReplacementCost),
    ("retention_saving", Msg::RRetentionSaving),
    ("churn_value_lost", Msg::RChurnValueLost),
    ("indifference_value_lost", Msg::RIndifferenceLost),
];

impl CustomerValueResults {
    /// The value of a result by its public key (`None` for an unknown key).
    pub fn get(&self, key: &str) -> Option<Option<f64>> {
        Some(match key {
            "purchases_per_year" => self.purchases_per_year,
            "annual_value" => self.annual_value,
            "lifetime_value" => self.lifetime_value,
            "referral_customers_gained" => self.referral_customers_gained,
            "referral_value_gained" => self.referral_value_gained,
            "satisfied_customer_value" => self.satisfied_customer_value,
            "referral_customers_lost" => self.referral_customers_lost,
            "referral_value_lost" => self.referral_value_lost,
            "dissatisfied_customer_loss" => self.dissatisfied_customer_loss,
            "satisfaction_swing" => self.satisfaction_swing,
            "retention_clv" => self.retention_clv,
            "retention_clv_perpetuity" => self.retention_clv_perpetuity,
            "net_clv" => self.net_clv,
            "expected_lifetime_years" => self.expected_lifetime_years,
            "expected_word_of_mouth_value" => self.expected_word_of_mouth_value,
            "retention_cost" => self.retention_cost,
            "replacement_customers" => self.replacement_customers,
            "replacement_cost" => self.replacement_cost,
            "retention_saving" => self.retention_saving,
            "churn_value_lost" => self.churn_value_lost,
            "indifference_value_lost" => self.indifference_value_lost,
            _ => return None,
        })
    }
}

/// Round half up to a whole person.
fn round_half_up(x: f64) -> f64 {
    (x + 0.5).floor()
}

/// Computes every result from (possibly partially valid) values.
pub fn compute(v: &CvValues) -> CustomerValueResults {
    let purchases_per_year = (|| {
        let factor = match v.period? {
            Period::Week => v.weeks_per_year?,
            Period::Month => 12.0,
            Period::Quarter => 4.0,
            Period::Year => 1.0,
        };
        Some(v.purchases_per_period? * factor)
    })();
    let annual_value = (|| Some(purchases_per_year? * v.spend_per_purchase? * v.margin_rate?))();
    let lifetime_value = (|| Some(annual_value? * v.lifetime_years?))();
    let people = |tell: Option<f64>| -> Option<f64> {
        let raw = tell? * (1.0 + v.retell_count?) * v.conversion_rate?;
        Some(if v.round_people? { round_half_up(raw) } else { raw })
    };
    let referral_customers_gained = people(v.satisfied_tell_count);
    let referral_value_gained = (|| Some(referral_customers_gained? * lifetime_value?))();
    let satisfied_customer_value = (|| Some(lifetime_value? + referral_value_gained?))();
    let referral_customers_lost = people(v.dissatisfied_tell_count);
    let referral_value_lost = (|| Some(referral_customers_lost? * lifetime_value?))();
    let dissatisfied_customer_loss = (|| {
        let own = if v.dissatisfied_customer_defects? { lifetime_value? } else { 0.0 };
        Some(referral_value_lost? + own)
    })();
    let satisfaction_swing = (|| Some(satisfied_customer_value? + dissatisfied_customer_loss?))();

    let retention = RetentionParts::new(v, annual_value);
    let e = economics::EconomicsParts::new(v, referral_value_gained, referral_value_lost, lifetime_value);
    CustomerValueResults {
        purchases_per_year,
        annual_value,
        lifetime_value,
        referral_customers_gained,
        referral_value_gained,
        satisfied_customer_value,
        referral_customers_lost,
        referral_value_lost,
        dissatisfied_customer_loss,
        satisfaction_swing,
        retention_clv: retention.clv,
        retention_clv_perpetuity: retention.perpetuity,
        net_clv: retention.net,
        expected_lifetime_years: retention.expected_lifetime,
        expected_word_of_mouth_value: e.expected_word_of_mouth_value,
        retention_cost: e.retention_cost,
        replacement_customers: e.replacement_customers,
        replacement_cost: e.replacement_cost,
        retention_saving: e.retention_saving,
        churn_value_lost: e.churn_value_lost,
        indifference_value_lost: e.indifference_value_lost,
        churn_reasons: e.churn_reasons,
    }
}

/// Computes the results of valid inputs.
pub fn compute_inputs(inputs: &CustomerValueInputs) -> CustomerValueResults {
    compute(&CvValues::from(inputs))
}
