//! The pure domain of the Customer Value Calculator.
//!
//! Everything a user can compute lives here: inputs and their validation, the
//! formulas, the results, the "show the math" steps, the URL codec and the
//! application model that the user interface renders. This module never
//! imports yew, web-sys, gloo or js-sys, so it builds for any target and is
//! tested natively with `cargo test`.
//!
//! * [`i18n`] — languages and the message catalog (zh-CN, zh-TW, en).
//! * [`number`] — the one number parser behind every numeric field.
//! * [`customer_value`] — §2.1: lifetime value, word of mouth, retention model.
//! * [`delivered_value`] — §2.2: Kotler's delivered value across offers, Heskett's equation.
//! * [`document`] — the versioned JSON document: export, checked import, schema.
//! * [`satisfaction`] — §2.3: satisfaction gap, SERVQUAL, importance–performance, survey CSV.
//! * [`math`] — the display-ready "show the math" steps.
//! * [`chart`] — chart geometry (pure SVG path data).
//! * [`query`] — the URL query codec.
//! * [`state`] — the `state` URL parameter (base64url JSON inputs).
//! * [`customer_base`] — §2.5: transaction import, the BG/NBD, Pareto/NBD and Gamma-Gamma models, the calculator.
//! * [`retention_curve`] — §2.6: the shifted-beta-geometric model, DEL and DERL.
//! * [`whatif`] — §2.4: scenarios, sensitivity, goal seek, Monte Carlo.
//! * [`calc`] — the one calculator interface: declared inputs, form, actions.
//! * [`slot`] — everything generic around a calculator: URL, autosave, documents, scenarios, what-if.
//! * [`registry`] — the one place that lists the calculators.
//! * [`name`], [`notice`] — names the user types, messages shown once.
//! * [`model`] — the application model: shared state, actions, effects, the URL.
//! * [`worker`] — jobs for the Web Worker and its replies, as data.
//! * [`sort`] — the page's shared sorts (one compiled instance each).
#![deny(missing_docs)]

pub mod calc;
pub mod chart;
pub mod customer_base;
pub mod customer_value;
pub mod delivered_value;
pub mod document;
pub mod i18n;
pub mod locale;
pub mod math;
pub mod model;
pub mod name;
pub mod notice;
pub mod number;
pub mod query;
pub mod registry;
pub mod retention_curve;
pub mod satisfaction;
pub mod slot;
pub mod sort;
pub mod state;
pub mod whatif;
pub mod worker;

/// The calculators the application offers, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calculator {
    /// §2.1 customer (lifetime) value with word of mouth.
    CustomerValue,
    /// §2.2 customer delivered value.
    DeliveredValue,
    /// §2.3 satisfaction gap.
    SatisfactionGap,
    /// §2.5 customer base from a transaction log.
    CustomerBase,
    /// §2.6 retention curve from cohorts.
    RetentionCurve,
}

impl Calculator {
    /// All calculators in tab order.
    pub const ALL: [Calculator; 5] = [
        Calculator::CustomerValue,
        Calculator::DeliveredValue,
        Calculator::SatisfactionGap,
        Calculator::CustomerBase,
        Calculator::RetentionCurve,
    ];

    /// The public identifier used in the `calc` URL parameter and the JSON document.
    pub fn as_str(self) -> &'static str {
        match self {
            Calculator::CustomerValue => "customer_value",
            Calculator::DeliveredValue => "delivered_value",
            Calculator::SatisfactionGap => "satisfaction_gap",
            Calculator::CustomerBase => "customer_base",
            Calculator::RetentionCurve => "retention_curve",
        }
    }

    /// Parses a `calc` value; `None` for anything unknown (the caller falls back).
    pub fn parse(s: &str) -> Option<Calculator> {
        Calculator::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// The catalog key of the calculator's tab title.
    pub fn title(self) -> i18n::Msg {
        match self {
            Calculator::CustomerValue => i18n::Msg::CalcCustomerValue,
            Calculator::DeliveredValue => i18n::Msg::CalcDeliveredValue,
            Calculator::SatisfactionGap => i18n::Msg::CalcSatisfactionGap,
            Calculator::CustomerBase => i18n::Msg::CalcCustomerBase,
            Calculator::RetentionCurve => i18n::Msg::CalcRetentionCurve,
        }
    }

    /// Whether the calculator is implemented in this version (all three are).
    pub fn available(self) -> bool {
        true
    }
}

/// Currency codes offered in the currency selector. Money is a label only:
/// nothing is converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Currency {
    /// Chinese yuan.
    Cny,
    /// US dollar.
    Usd,
    /// Euro.
    Eur,
    /// New Taiwan dollar.
    Twd,
    /// Hong Kong dollar.
    Hkd,
    /// Japanese yen.
    Jpy,
    /// Pound sterling.
    Gbp,
}

impl Currency {
    /// All offered currencies.
    pub const ALL: [Currency; 7] =
        [Currency::Cny, Currency::Usd, Currency::Eur, Currency::Twd, Currency::Hkd, Currency::Jpy, Currency::Gbp];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Twd => "TWD",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
        }
    }

    /// Parses an ISO code, case-insensitively.
    pub fn parse(s: &str) -> Option<Currency> {
        let s = s.trim();
        Currency::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(s))
    }

    /// The default currency of a language (DESIGN §2).
    pub fn default_for(lang: i18n::Lang) -> Currency {
        match lang {
            i18n::Lang::ZhCn => Currency::Cny,
            i18n::Lang::ZhTw => Currency::Twd,
            i18n::Lang::En => Currency::Usd,
        }
    }
}
