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
    /// Share of customers satisfied (for example from a survey); null = not used.
    #[serde(default)]
    pub satisfied_share: Option<f64>,
    /// Share of customers dissatisfied; null = not used.
    #[serde(default)]
    pub dissatisfied_share: Option<f64>,
    /// Winning a customer costs this many times keeping one.
    #[serde(default = "economics::default_retention_cost_ratio")]
    pub retention_cost_ratio: f64,
    /// A new customer's value as a share of an established customer's.
    #[serde(default = "economics::default_new_customer_value_share")]
    pub new_customer_value_share: f64,
    /// Customers lost in a year (for the churn reasons).
    #[serde(default = "economics::default_customers_lost")]
    pub customers_lost: f64,
    /// Share of those who leave because they died.
    #[serde(default = "economics::default_churn_died")]
    pub churn_died: f64,
    /// Share of those who leave because they moved away.
    #[serde(default = "economics::default_churn_moved")]
    pub churn_moved: f64,
    /// Share of those who leave because they changed their taste.
    #[serde(default = "economics::default_churn_taste")]
    pub churn_taste: f64,
    /// Share of those who leave because they followed a friend's advice.
    #[serde(default = "economics::default_churn_advice")]
    pub churn_advice: f64,
    /// Share of those who leave because they found it cheaper elsewhere.
    #[serde(default = "economics::default_churn_price")]
    pub churn_price: f64,
    /// Share of those who leave because they were unhappy with the product.
    #[serde(default = "economics::default_churn_product")]
    pub churn_product: f64,
    /// Share of those who leave because they met staff indifferent to them.
    #[serde(default = "economics::default_churn_indifference")]
    pub churn_indifference: f64,
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
            satisfied_share: None,
            dissatisfied_share: None,
            retention_cost_ratio: economics::default_retention_cost_ratio(),
            new_customer_value_share: economics::default_new_customer_value_share(),
            customers_lost: economics::default_customers_lost(),
            churn_died: economics::default_churn_died(),
            churn_moved: economics::default_churn_moved(),
            churn_taste: economics::default_churn_taste(),
            churn_advice: economics::default_churn_advice(),
            churn_price: economics::default_churn_price(),
            churn_product: economics::default_churn_product(),
            churn_indifference: economics::default_churn_indifference(),
        }
    }
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
    SatisfiedShare => "satisfied_share", FSatisfiedShare, HSatisfiedShare, FieldKind::NullableNumber(NumberSpec::fraction().percent()), Percent;
    DissatisfiedShare => "dissatisfied_share", FDissatisfiedShare, HDissatisfiedShare, FieldKind::NullableNumber(NumberSpec::fraction().percent()), Percent;
    RetentionCostRatio => "retention_cost_ratio", FRetentionCostRatio, HRetentionCostRatio, FieldKind::Number(NumberSpec::range(1.0, 100.0)), Ratio;
    NewCustomerValueShare => "new_customer_value_share", FNewCustomerShare, HNewCustomerShare, FieldKind::Number(NumberSpec::fraction().exclusive_min().percent()), Percent;
    CustomersLost => "customers_lost", FCustomersLost, HCustomersLost, FieldKind::Number(NumberSpec::non_negative()), Count;
    ChurnDied => "churn_died", FChurnDied, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnMoved => "churn_moved", FChurnMoved, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnTaste => "churn_taste", FChurnTaste, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnAdvice => "churn_advice", FChurnAdvice, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnPrice => "churn_price", FChurnPrice, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnProduct => "churn_product", FChurnProduct, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
    ChurnIndifference => "churn_indifference", FChurnIndifference, HChurnReason, FieldKind::Number(NumberSpec::fraction().percent()), Percent;
}

impl CvField {
    /// Parses a public key.
    pub fn from_key(key: &str) -> Option<CvField> {
        CvField::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// Whether the field belongs to the retention model group.
    pub fn is_retention(self) -> bool {
        matches!(self, CvField::RetentionRate | CvField::DiscountRate | CvField::HorizonYears | CvField::CashFlowTiming)
    }

    /// Whether the field holds money (shown with the currency).
    pub fn is_money(self) -> bool {
        matches!(self, CvField::SpendPerPurchase | CvField::AcquisitionCost)
    }
}

mod calc;
mod economics;
mod form;
mod linked;
mod presets;
mod results;
mod retention;
mod values;
mod view;
pub use calc::{keep_links, CvAction, LINKABLE};
pub use economics::*;
pub use form::*;
pub use linked::*;
pub use presets::*;
pub use results::*;
use retention::RetentionParts;
pub use retention::*;
pub use values::*;
pub use view::*;
