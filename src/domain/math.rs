//! "Show the math": the ordered steps of a calculation with the user's own
//! numbers, as display-ready tokens.
//!
//! The core decides what is shown (formula, substituted values, result); the
//! user interface only formats numbers for the locale through a
//! [`NumberFormat`]. [`PlainFormat`] is the native formatter used in tests
//! and anywhere without a browser.

use crate::domain::customer_value::{CashFlowTiming, CustomerValueResults, CvField, CvValues, Period};
use crate::domain::i18n::{Lang, Msg};

/// What a number is, for formatting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Money in the chosen currency.
    Money,
    /// A count or plain quantity (purchases, people).
    Count,
    /// A fraction shown as a percentage.
    Percent,
    /// Years.
    Years,
    /// A dimensionless ratio.
    Ratio,
}

/// One token of a formula or of its substitution.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A number (`None` when its input is invalid: shown as a dash).
    Num(Option<f64>, Unit),
    /// An operator or bracket such as `×`, `+`, `(`.
    Op(&'static str),
    /// A named quantity from the catalog.
    Name(Msg),
}

/// One step: `name = formula`, then `= substituted = result`.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The public key of the result this step computes (or an intermediate name).
    pub key: &'static str,
    /// Name of the result.
    pub label: Msg,
    /// The formula in words.
    pub formula: Vec<Tok>,
    /// The formula with the user's numbers.
    pub substituted: Vec<Tok>,
    /// The result (`None`: an input is invalid, or the formula gives null).
    pub result: Option<f64>,
    /// Unit of the result.
    pub unit: Unit,
    /// An optional remark (rounding, null rule).
    pub note: Option<Msg>,
}

/// Locale-aware number formatting, supplied by the user interface.
pub trait NumberFormat {
    /// Formats `v` as a `unit`.
    fn format(&self, v: f64, unit: Unit) -> String;
}

/// A plain formatter: thousands separators, at most 2 decimals (4 for
/// ratios), percentages with `%`, money without a symbol.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlainFormat;

impl NumberFormat for PlainFormat {
    fn format(&self, v: f64, unit: Unit) -> String {
        match unit {
            Unit::Percent => format!("{}%", group(v * 100.0, 2)),
            Unit::Ratio => group(v, 4),
            _ => group(v, 2),
        }
    }
}

/// Formats with grouping and up to `decimals` decimals, trailing zeros trimmed.
pub fn group(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    let negative = v < 0.0 && out.bytes().any(|b| (b'1'..=b'9').contains(&b));
    if negative {
        format!("−{out}")
    } else {
        out
    }
}

/// Renders tokens as one line of text.
pub fn render(toks: &[Tok], lang: Lang, fmt: &dyn NumberFormat) -> String {
    let mut parts: Vec<String> = Vec::new();
    for t in toks {
        parts.push(match t {
            Tok::Num(Some(v), unit) => fmt.format(*v, *unit),
            Tok::Num(None, _) => "—".into(),
            Tok::Op(op) => (*op).into(),
            Tok::Name(m) => m.text(lang).into(),
        });
    }
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        let glue = i > 0 && !matches!(p.as_str(), ")" | "^t") && !out.ends_with('(');
        if glue {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

impl Step {
    /// `substituted = result`, e.g. `52 × 50 × 100% = 2,600`.
    pub fn line(&self, lang: Lang, fmt: &dyn NumberFormat) -> String {
        let result = match self.result {
            Some(v) => fmt.format(v, self.unit),
            None => "—".into(),
        };
        format!("{} = {}", render(&self.substituted, lang, fmt), result)
    }

    /// `label = formula in words`.
    pub fn formula_line(&self, lang: Lang, fmt: &dyn NumberFormat) -> String {
        format!("{} = {}", self.label.text(lang), render(&self.formula, lang, fmt))
    }
}

pub(crate) fn n(v: Option<f64>, unit: Unit) -> Tok {
    Tok::Num(v, unit)
}

fn f(field: CvField) -> Tok {
    Tok::Name(field.label())
}

pub(crate) const TIMES: Tok = Tok::Op("×");
pub(crate) const PLUS: Tok = Tok::Op("+");
pub(crate) const MINUS: Tok = Tok::Op("−");

/// The steps of the customer value calculation.
pub fn customer_value_steps(v: &CvValues, r: &CustomerValueResults) -> Vec<Step> {
    use CvField as F;
    let mut steps = Vec::new();
    let factor: (Tok, Tok) = match v.period {
        Some(Period::Week) | None => (f(F::WeeksPerYear), n(v.weeks_per_year, Unit::Count)),
        Some(Period::Month) => (n(Some(12.0), Unit::Count), n(Some(12.0), Unit::Count)),
        Some(Period::Quarter) => (n(Some(4.0), Unit::Count), n(Some(4.0), Unit::Count)),
        Some(Period::Year) => (n(Some(1.0), Unit::Count), n(Some(1.0), Unit::Count)),
    };
    steps.push(Step {
        key: "purchases_per_year",
        label: Msg::RPurchasesPerYear,
        formula: vec![f(F::PurchasesPerPeriod), TIMES, factor.0],
        substituted: vec![n(v.purchases_per_period, Unit::Count), TIMES, factor.1],
        result: r.purchases_per_year,
        unit: Unit::Count,
        note: None,
    });
    steps.push(Step {
        key: "annual_value",
        label: Msg::RAnnualValue,
        formula: vec![Tok::Name(Msg::RPurchasesPerYear), TIMES, f(F::SpendPerPurchase), TIMES, f(F::MarginRate)],
        substituted: vec![
            n(r.purchases_per_year, Unit::Count),
            TIMES,
            n(v.spend_per_purchase, Unit::Money),
            TIMES,
            n(v.margin_rate, Unit::Percent),
        ],
        result: r.annual_value,
        unit: Unit::Money,
        note: None,
    });
    steps.push(Step {
        key: "lifetime_value",
        label: Msg::RLifetimeValue,
        formula: vec![Tok::Name(Msg::RAnnualValue), TIMES, f(F::LifetimeYears)],
        substituted: vec![n(r.annual_value, Unit::Money), TIMES, n(v.lifetime_years, Unit::Years)],
        result: r.lifetime_value,
        unit: Unit::Money,
        note: None,
    });
    let rounding = if v.round_people == Some(true) { Some(Msg::NoteRounded) } else { None };
    let people = |key, label, tell: CvField, tell_v: Option<f64>, result| Step {
        key,
        label,
        formula: vec![
            f(tell),
            TIMES,
            Tok::Op("("),
            n(Some(1.0), Unit::Count),
            PLUS,
            f(F::RetellCount),
            Tok::Op(")"),
            TIMES,
            f(F::ConversionRate),
        ],
        substituted: vec![
            n(tell_v, Unit::Count),
            TIMES,
            Tok::Op("("),
            n(Some(1.0), Unit::Count),
            PLUS,
            n(v.retell_count, Unit::Count),
            Tok::Op(")"),
            TIMES,
            n(v.conversion_rate, Unit::Percent),
        ],
        result,
        unit: Unit::Count,
        note: rounding,
    };
    let value_of = |key, label, people_label, people_v: Option<f64>, result| Step {
        key,
        label,
        formula: vec![Tok::Name(people_label), TIMES, Tok::Name(Msg::RLifetimeValue)],
        substituted: vec![n(people_v, Unit::Count), TIMES, n(r.lifetime_value, Unit::Money)],
        result,
        unit: Unit::Money,
        note: None,
    };
    steps.push(people(
        "referral_customers_gained",
        Msg::RCustomersGained,
        F::SatisfiedTellCount,
        v.satisfied_tell_count,
        r.referral_customers_gained,
    ));
    steps.push(value_of(
        "referral_value_gained",
        Msg::RValueGained,
        Msg::RCustomersGained,
        r.referral_customers_gained,
        r.referral_value_gained,
    ));
    steps.push(Step {
        key: "satisfied_customer_value",
        label: Msg::RSatisfiedValue,
        formula: vec![Tok::Name(Msg::RLifetimeValue), PLUS, Tok::Name(Msg::RValueGained)],
        substituted: vec![n(r.lifetime_value, Unit::Money), PLUS, n(r.referral_value_gained, Unit::Money)],
        result: r.satisfied_customer_value,
        unit: Unit::Money,
        note: None,
    });
    steps.push(people(
        "referral_customers_lost",
        Msg::RCustomersLost,
        F::DissatisfiedTellCount,
        v.dissatisfied_tell_count,
        r.referral_customers_lost,
    ));
    steps.push(value_of("referral_value_lost", Msg::RValueLost, Msg::RCustomersLost, r.referral_customers_lost, r.referral_value_lost));
    let defects = v.dissatisfied_customer_defects;
    steps.push(Step {
        key: "dissatisfied_customer_loss",
        label: Msg::RDissatisfiedLoss,
        formula: vec![Tok::Name(Msg::RValueLost), PLUS, Tok::Name(Msg::RLifetimeValue)],
        substituted: vec![
            n(r.referral_value_lost, Unit::Money),
            PLUS,
            n(
                match defects {
                    Some(true) => r.lifetime_value,
                    Some(false) => Some(0.0),
                    None => None,
                },
                Unit::Money,
            ),
        ],
        result: r.dissatisfied_customer_loss,
        unit: Unit::Money,
        note: if defects == Some(false) { Some(Msg::NoteNoDefect) } else { None },
    });
    steps.push(Step {
        key: "satisfaction_swing",
        label: Msg::RSwing,
        formula: vec![Tok::Name(Msg::RSatisfiedValue), PLUS, Tok::Name(Msg::RDissatisfiedLoss)],
        substituted: vec![n(r.satisfied_customer_value, Unit::Money), PLUS, n(r.dissatisfied_customer_loss, Unit::Money)],
        result: r.satisfaction_swing,
        unit: Unit::Money,
        note: None,
    });

    if let Some(curve) = v.retention_curve.as_deref().filter(|c| !c.is_empty()) {
        steps.extend(curve_steps(v, r, curve));
        return steps;
    }
    let Some(Some(rr)) = v.retention_rate else {
        return steps;
    };
    let rate = Some(rr);
    let q = v.discount_rate.map(|d| rr / (1.0 + d));
    steps.push(Step {
        key: "q",
        label: Msg::RQ,
        formula: vec![f(F::RetentionRate), Tok::Op("/"), Tok::Op("("), n(Some(1.0), Unit::Count), PLUS, f(F::DiscountRate), Tok::Op(")")],
        substituted: vec![
            n(rate, Unit::Percent),
            Tok::Op("/"),
            Tok::Op("("),
            n(Some(1.0), Unit::Count),
            PLUS,
            n(v.discount_rate, Unit::Percent),
            Tok::Op(")"),
        ],
        result: q,
        unit: Unit::Ratio,
        note: None,
    });
    let start = v.cash_flow_timing == Some(CashFlowTiming::Start);
    let (lo, hi) = match (start, v.horizon_years) {
        (false, h) => (Some(1.0), h),
        (true, h) => (Some(0.0), h.map(|h| h - 1.0)),
    };
    steps.push(Step {
        key: "retention_clv",
        label: Msg::RRetentionClv,
        formula: vec![
            Tok::Op("Σ"),
            Tok::Op("t ="),
            n(lo, Unit::Count),
            Tok::Op("…"),
            f(F::HorizonYears),
            Tok::Op(":"),
            Tok::Name(Msg::RAnnualValue),
            TIMES,
            Tok::Name(Msg::RQ),
            Tok::Op("^t"),
        ],
        substituted: vec![
            Tok::Op("Σ"),
            Tok::Op("t ="),
            n(lo, Unit::Count),
            Tok::Op("…"),
            n(hi, Unit::Count),
            Tok::Op(":"),
            n(r.annual_value, Unit::Money),
            TIMES,
            n(q, Unit::Ratio),
            Tok::Op("^t"),
        ],
        result: r.retention_clv,
        unit: Unit::Money,
        note: Some(if start { Msg::NoteTimingStart } else { Msg::NoteTimingEnd }),
    });
    let first = if start {
        (Tok::Op("(1 +"), f(F::DiscountRate), n(v.discount_rate.map(|d| 1.0 + d), Unit::Ratio))
    } else {
        (Tok::Op(""), f(F::RetentionRate), n(rate, Unit::Percent))
    };
    let mut formula = vec![Tok::Name(Msg::RAnnualValue), TIMES];
    if start {
        formula.extend([first.0.clone(), first.1.clone(), Tok::Op(")")]);
    } else {
        formula.push(first.1.clone());
    }
    formula.extend([Tok::Op("/"), Tok::Op("(1 +"), f(F::DiscountRate), MINUS, f(F::RetentionRate), Tok::Op(")")]);
    steps.push(Step {
        key: "retention_clv_perpetuity",
        label: Msg::RPerpetuity,
        formula,
        substituted: vec![
            n(r.annual_value, Unit::Money),
            TIMES,
            first.2,
            Tok::Op("/"),
            Tok::Op("(1 +"),
            n(v.discount_rate, Unit::Percent),
            MINUS,
            n(rate, Unit::Percent),
            Tok::Op(")"),
        ],
        result: r.retention_clv_perpetuity,
        unit: Unit::Money,
        note: if r.retention_clv_perpetuity.is_none() && v.discount_rate.is_some() { Some(Msg::NoteDiverges) } else { None },
    });
    steps.push(Step {
        key: "net_clv",
        label: Msg::RNetClv,
        formula: vec![Tok::Name(Msg::RRetentionClv), MINUS, f(F::AcquisitionCost)],
        substituted: vec![n(r.retention_clv, Unit::Money), MINUS, n(v.acquisition_cost, Unit::Money)],
        result: r.net_clv,
        unit: Unit::Money,
        note: None,
    });
    steps.push(Step {
        key: "expected_lifetime_years",
        label: Msg::RExpectedLifetime,
        formula: vec![n(Some(1.0), Unit::Count), Tok::Op("/"), Tok::Op("(1 −"), f(F::RetentionRate), Tok::Op(")")],
        substituted: vec![n(Some(1.0), Unit::Count), Tok::Op("/"), Tok::Op("(1 −"), n(rate, Unit::Percent), Tok::Op(")")],
        result: r.expected_lifetime_years,
        unit: Unit::Years,
        note: if rr >= 1.0 { Some(Msg::NoteForever) } else { None },
    });
    steps
}

/// The retention steps with a year-by-year curve: S(t) = r_1 ⋯ r_t.
fn curve_steps(v: &CvValues, r: &CustomerValueResults, curve: &[f64]) -> Vec<Step> {
    let pct = |x: Option<f64>| n(x, Unit::Percent);
    let s2 = curve.first().zip(curve.get(1).or(curve.first())).map(|(a, b)| a * b);
    let start = v.cash_flow_timing == Some(CashFlowTiming::Start);
    vec![
        Step {
            key: "survival",
            label: Msg::RcStepSurvival,
            formula: vec![Tok::Op("S(2) = r₁ × r₂")],
            substituted: vec![pct(curve.first().copied()), TIMES, pct(curve.get(1).or(curve.first()).copied())],
            result: s2,
            unit: Unit::Percent,
            note: None,
        },
        Step {
            key: "retention_clv",
            label: Msg::RRetentionClv,
            formula: vec![
                Tok::Op(if start { "Σₜ₌₀…N−1" } else { "Σₜ₌₁…N" }),
                Tok::Name(Msg::RAnnualValue),
                TIMES,
                Tok::Op("S(t) / (1 +"),
                f(CvField::DiscountRate),
                Tok::Op(")ᵗ"),
            ],
            substituted: vec![
                Tok::Op("Σ"),
                n(r.annual_value, Unit::Money),
                TIMES,
                Tok::Op("S(t) / (1 +"),
                pct(v.discount_rate),
                Tok::Op(")ᵗ, N ="),
                n(v.horizon_years, Unit::Count),
            ],
            result: r.retention_clv,
            unit: Unit::Money,
            note: None,
        },
        Step {
            key: "retention_clv_perpetuity",
            label: Msg::RPerpetuity,
            formula: vec![
                Tok::Op("Σₜ"),
                Tok::Name(Msg::RAnnualValue),
                TIMES,
                Tok::Op("S(t) / (1 +"),
                f(CvField::DiscountRate),
                Tok::Op(")ᵗ, t → ∞"),
            ],
            substituted: vec![
                Tok::Op("Σ"),
                n(r.annual_value, Unit::Money),
                TIMES,
                Tok::Op("S(t) / (1 +"),
                pct(v.discount_rate),
                Tok::Op(")ᵗ"),
            ],
            result: r.retention_clv_perpetuity,
            unit: Unit::Money,
            note: None,
        },
        Step {
            key: "expected_lifetime_years",
            label: Msg::RExpectedLifetime,
            formula: vec![Tok::Op("Σₜ S(t)")],
            substituted: vec![Tok::Op("1 +"), pct(curve.first().copied()), PLUS, pct(s2), PLUS, Tok::Op("…")],
            result: r.expected_lifetime_years,
            unit: Unit::Years,
            note: None,
        },
        Step {
            key: "net_clv",
            label: Msg::RNetClv,
            formula: vec![Tok::Name(Msg::RRetentionClv), MINUS, f(CvField::AcquisitionCost)],
            substituted: vec![n(r.retention_clv, Unit::Money), MINUS, n(v.acquisition_cost, Unit::Money)],
            result: r.net_clv,
            unit: Unit::Money,
            note: None,
        },
    ]
}
