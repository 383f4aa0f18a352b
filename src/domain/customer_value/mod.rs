//! §2.1 Customer value: lifetime value by sales or profit, the gain and loss
//! through word of mouth, and a retention/discount model.
//!
//! [`CustomerValueInputs`] is the validated input document; [`CvForm`] is what
//! the user typed, field by field, so that a bad value stays visible with its
//! error. [`compute`] works on partially valid input: a result that depends on
//! an invalid field is `None` (shown as a dash), never a stale number.

use crate::domain::calc::InputDecl;
use crate::domain::i18n::Msg;
use crate::domain::math::Unit;
use crate::domain::number::{self, InputError, NumberSpec};
use serde::{Deserialize, Serialize};

/// The period of `purchases_per_period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Per week (× `weeks_per_year`).
    Week,
    /// Per month (× 12).
    Month,
    /// Per quarter (× 4).
    Quarter,
    /// Per year (× 1).
    Year,
}

impl Period {
    /// All periods.
    pub const ALL: [Period; 4] = [Period::Week, Period::Month, Period::Quarter, Period::Year];
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
    /// Catalog key of the period's name.
    pub fn label(self) -> Msg {
        match self {
            Period::Week => Msg::PeriodWeek,
            Period::Month => Msg::PeriodMonth,
            Period::Quarter => Msg::PeriodQuarter,
            Period::Year => Msg::PeriodYear,
        }
    }
}

/// When the yearly margins of the retention model arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CashFlowTiming {
    /// At the end of each year; the first one only if the customer is retained.
    End,
    /// At the start of each year; the first one is certain.
    Start,
}

impl CashFlowTiming {
    /// Both timings.
    pub const ALL: [CashFlowTiming; 2] = [CashFlowTiming::End, CashFlowTiming::Start];
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            CashFlowTiming::End => "end",
            CashFlowTiming::Start => "start",
        }
    }
    /// Catalog key of the timing's name.
    pub fn label(self) -> Msg {
        match self {
            CashFlowTiming::End => Msg::TimingEnd,
            CashFlowTiming::Start => Msg::TimingStart,
        }
    }
}

/// The validated inputs of the customer value calculator (JSON `inputs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerValueInputs {
    /// Average spend per purchase.
    pub spend_per_purchase: f64,
    /// Purchases per `period`.
    pub purchases_per_period: f64,
    /// The period of the purchase frequency.
    pub period: Period,
    /// Weeks per year, used when `period` is `week`.
    pub weeks_per_year: f64,
    /// Customer life in years.
    pub lifetime_years: f64,
    /// 1 = value by sales; below 1 = value by profit.
    pub margin_rate: f64,
    /// People a satisfied customer tells.
    pub satisfied_tell_count: f64,
    /// People a dissatisfied customer tells.
    pub dissatisfied_tell_count: f64,
    /// Second-hand listeners per first-hand listener.
    pub retell_count: f64,
    /// Share of listeners who become (or stop being) loyal customers.
    pub conversion_rate: f64,
    /// The dissatisfied customer's own lifetime value is lost too.
    pub dissatisfied_customer_defects: bool,
    /// Round converted people to whole persons (half up).
    pub round_people: bool,
    /// Annual retention rate; `None` switches the retention model off.
    pub retention_rate: Option<f64>,
    /// Annual discount rate.
    pub discount_rate: f64,
    /// Horizon of the retention model in whole years.
    pub horizon_years: f64,
    /// Timing of the yearly margins.
    pub cash_flow_timing: CashFlowTiming,
    /// Cost to acquire the customer.
    pub acquisition_cost: f64,
    /// Year-by-year retention r_1, r_2, … (the last one continues); replaces
    /// `retention_rate` when set (for example sent from the retention curve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 100)))]
    pub retention_curve: Option<Vec<f64>>,
}

impl Default for CustomerValueInputs {
    fn default() -> Self {
        CustomerValueInputs {
            spend_per_purchase: 50.0,
            purchases_per_period: 1.0,
            period: Period::Week,
            weeks_per_year: 52.0,
            lifetime_years: 10.0,
            margin_rate: 1.0,
            satisfied_tell_count: 5.0,
            dissatisfied_tell_count: 10.0,
            retell_count: 0.0,
            conversion_rate: 0.2,
            dissatisfied_customer_defects: true,
            round_people: false,
            retention_rate: None,
            discount_rate: 0.1,
            horizon_years: 10.0,
            cash_flow_timing: CashFlowTiming::End,
            acquisition_cost: 0.0,
            retention_curve: None,
        }
    }
}

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
}

pub use crate::domain::calc::InputKind as FieldKind;

macro_rules! fields {
    ($($variant:ident => $key:literal, $label:ident, $help:ident, $kind:expr, $unit:ident;)*) => {
        /// The input fields, in form order. Their keys are the JSON keys,
        /// the URL parameter names and the `data-testid` suffixes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CvField {
            $(
                #[doc = concat!("`", $key, "`")]
                $variant,
            )*
        }
        /// The declaration of every field, in form order.
        pub const DECLS: &[InputDecl] = &[$(InputDecl { key: $key, label: Msg::$label, kind: $kind, unit: Unit::$unit },)*];
        impl CvField {
            /// Every field in form order.
            pub const ALL: &'static [CvField] = &[$(CvField::$variant,)*];
            /// The public key.
            pub fn key(self) -> &'static str {
                match self { $(CvField::$variant => $key,)* }
            }
            /// Catalog key of the field's label.
            pub fn label(self) -> Msg {
                match self { $(CvField::$variant => Msg::$label,)* }
            }
            /// Catalog key of the field's help text.
            pub fn help(self) -> Msg {
                match self { $(CvField::$variant => Msg::$help,)* }
            }
            /// How the field is typed and checked.
            pub fn kind(self) -> FieldKind {
                match self { $(CvField::$variant => $kind,)* }
            }
        }
    };
}

const PERIODS: &[&str] = &["week", "month", "quarter", "year"];
const TIMINGS: &[&str] = &["end", "start"];

fields! {
    SpendPerPurchase => "spend_per_purchase", FSpend, HSpend, FieldKind::Number(NumberSpec::non_negative()), Money;
    PurchasesPerPeriod => "purchases_per_period", FPurchases, HPurchases, FieldKind::Number(NumberSpec::non_negative()), Count;
    Period => "period", FPeriod, HPeriod, FieldKind::Choice(PERIODS), Count;
    WeeksPerYear => "weeks_per_year", FWeeks, HWeeks, FieldKind::Number(NumberSpec::range(1.0, 53.0)), Count;
    LifetimeYears => "lifetime_years", FLifetime, HLifetime, FieldKind::Number(NumberSpec::range(0.0, 100.0).exclusive_min()), Years;
    MarginRate => "margin_rate", FMargin, HMargin, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    SatisfiedTellCount => "satisfied_tell_count", FSatTell, HSatTell, FieldKind::Number(NumberSpec::non_negative()), Count;
    DissatisfiedTellCount => "dissatisfied_tell_count", FDisTell, HDisTell, FieldKind::Number(NumberSpec::non_negative()), Count;
    RetellCount => "retell_count", FRetell, HRetell, FieldKind::Number(NumberSpec::non_negative()), Count;
    ConversionRate => "conversion_rate", FConversion, HConversion, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    DissatisfiedCustomerDefects => "dissatisfied_customer_defects", FDefects, HDefects, FieldKind::Bool, Count;
    RoundPeople => "round_people", FRoundPeople, HRoundPeople, FieldKind::Bool, Count;
    RetentionRate => "retention_rate", FRetention, HRetention, FieldKind::NullableNumber(NumberSpec::fraction().percent()), Percent;
    DiscountRate => "discount_rate", FDiscount, HDiscount, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    HorizonYears => "horizon_years", FHorizon, HHorizon, FieldKind::Number(NumberSpec::range(1.0, 100.0).whole()), Years;
    CashFlowTiming => "cash_flow_timing", FTiming, HTiming, FieldKind::Choice(TIMINGS), Count;
    AcquisitionCost => "acquisition_cost", FAcquisition, HAcquisition, FieldKind::Number(NumberSpec::non_negative()), Money;
}

impl CvField {
    /// Parses a public key.
    pub fn from_key(key: &str) -> Option<CvField> {
        CvField::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// Whether the field belongs to the retention model group.
    pub fn is_retention(self) -> bool {
        matches!(
            self,
            CvField::RetentionRate | CvField::DiscountRate | CvField::HorizonYears | CvField::CashFlowTiming | CvField::AcquisitionCost
        )
    }

    /// Whether the field holds money (shown with the currency).
    pub fn is_money(self) -> bool {
        matches!(self, CvField::SpendPerPurchase | CvField::AcquisitionCost)
    }
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
            _ => return None,
        })
    }
}

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
    }
}

/// Computes the results of valid inputs.
pub fn compute_inputs(inputs: &CustomerValueInputs) -> CustomerValueResults {
    compute(&CvValues::from(inputs))
}

mod calc;
mod form;
mod presets;
mod retention;
mod view;
pub use calc::CvAction;
pub use form::*;
pub use presets::*;
use retention::RetentionParts;
pub use retention::*;
pub use view::*;
