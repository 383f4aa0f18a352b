//! The application model: what the user sees and edits, the actions that
//! change it, and the display-ready view of it.
//!
//! The user interface wraps [`Model`] in a yew reducer and renders the
//! view models built here; everything in this module is tested natively.

use crate::core::chart::{line_chart, LineChart};
use crate::core::customer_value::{self, CvField, CvForm, CvPreset, FieldKind, RESULT_KEYS};
use crate::core::i18n::{Lang, Msg};
use crate::core::math::{self, Step, Unit};
use crate::core::query;
use crate::core::{Calculator, Currency};

/// The whole state of the application.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Interface language.
    pub lang: Lang,
    /// The calculator shown.
    pub calc: Calculator,
    /// The currency chosen by the user or the URL; `None` follows the language.
    pub currency_choice: Option<Currency>,
    /// The customer value form.
    pub cv: CvForm,
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch the calculator tab.
    SetCalc(Calculator),
    /// Choose the currency label.
    SetCurrency(Currency),
    /// Type into a customer value field.
    EditCv(CvField, String),
    /// Fill the customer value form from a preset.
    ApplyCvPreset(CvPreset),
    /// Switch the retention model on (with a starting rate) or off.
    SetRetention(bool),
}

/// The retention rate the model starts with when switched on.
pub const DEFAULT_RETENTION_PERCENT: &str = "80";

impl Model {
    /// A model with defaults in `lang`.
    pub fn new(lang: Lang) -> Model {
        Model { lang, calc: Calculator::CustomerValue, currency_choice: None, cv: CvForm::default() }
    }

    /// Builds the model from a URL query and the browser's preferred
    /// languages. Unknown or bad values fall back (calculator, language,
    /// currency) or stay visible with their error (inputs); nothing panics.
    pub fn from_query<S: AsRef<str>>(query_string: &str, preferred: &[S]) -> Model {
        let pairs = query::parse(query_string);
        let lang = Lang::negotiate(query::get(&pairs, "lang"), preferred);
        let mut m = Model::new(lang);
        if let Some(c) = query::get(&pairs, "calc").and_then(Calculator::parse) {
            m.calc = c;
        }
        m.currency_choice = query::get(&pairs, "currency").and_then(Currency::parse);
        for &f in CvField::ALL {
            match query::get(&pairs, f.key()) {
                Some(raw) => m.cv.set_from_url(f, raw),
                // A nullable input is null when absent.
                None if matches!(f.kind(), FieldKind::NullableNumber(_)) => m.cv.set(f, ""),
                None => {}
            }
        }
        m
    }

    /// The query string that reproduces this view (without `?`). Valid
    /// inputs are written as JSON values (rates as fractions); an invalid
    /// one is written as typed, so the link shows the same error.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("calc", self.calc.as_str().to_string()),
            ("lang", self.lang.tag().to_string()),
        ];
        if let Some(c) = self.currency_choice {
            pairs.push(("currency", c.code().to_string()));
        }
        if self.calc == Calculator::CustomerValue {
            for &f in CvField::ALL {
                let text = self.cv.text(f);
                match self.cv.url_value(f) {
                    Some(v) => pairs.push((f.key(), v)),
                    None if text.trim().is_empty() && matches!(f.kind(), FieldKind::NullableNumber(_)) => {}
                    None => pairs.push((f.key(), text.to_string())),
                }
            }
        }
        query::encode(&pairs)
    }

    /// The currency in effect.
    pub fn currency(&self) -> Currency {
        self.currency_choice.unwrap_or_else(|| Currency::default_for(self.lang))
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::SetCalc(c) => self.calc = c,
            Action::SetCurrency(c) => self.currency_choice = Some(c),
            Action::EditCv(f, text) => self.cv.set(f, text),
            Action::ApplyCvPreset(p) => self.cv = CvForm::from_inputs(&p.inputs()),
            Action::SetRetention(on) => {
                let text = if on { DEFAULT_RETENTION_PERCENT } else { "" };
                self.cv.set(CvField::RetentionRate, text);
            }
        }
    }

    /// The display-ready view of the customer value calculator.
    pub fn cv_view(&self) -> CvView {
        CvView::build(&self.cv, self.lang)
    }
}

/// The groups of the customer value form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvGroup {
    /// Spend, frequency, life, margin.
    Purchase,
    /// Tell counts, retellings, conversion, flags.
    WordOfMouth,
    /// Retention rate, discount, horizon, timing, acquisition cost.
    Retention,
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
}

impl CvView {
    fn build(form: &CvForm, lang: Lang) -> CvView {
        let values = form.values();
        let results = customer_value::compute(&values);
        let retention_on = !form.text(CvField::RetentionRate).trim().is_empty();
        let fields: Vec<FieldView> = CvField::ALL
            .iter()
            .map(|&f| {
                let (percent, group) = match f.kind() {
                    FieldKind::Number(s) | FieldKind::NullableNumber(s) => (s.percent, group_of(f)),
                    _ => (false, group_of(f)),
                };
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
                let retention = matches!(
                    key,
                    "retention_clv" | "retention_clv_perpetuity" | "net_clv" | "expected_lifetime_years"
                );
                if retention && !retention_on {
                    return None;
                }
                let unit = match key {
                    "purchases_per_year" | "referral_customers_gained" | "referral_customers_lost" => Unit::Count,
                    "expected_lifetime_years" => Unit::Years,
                    _ => Unit::Money,
                };
                Some(ResultView { key, label, value: results.get(key).flatten(), unit, retention })
            })
            .collect();
        let series = customer_value::cumulative_by_year(&values);
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
        CvView {
            has_errors: fields.iter().any(|f| f.error.is_some()),
            fields,
            retention_on,
            results: result_views,
            steps: math::customer_value_steps(&values, &results),
            chart,
            chart_has_retention,
        }
    }

    /// The fields of one group.
    pub fn group(&self, g: CvGroup) -> impl Iterator<Item = &FieldView> {
        self.fields.iter().filter(move |f| f.group == g)
    }

    /// A result by key.
    pub fn result(&self, key: &str) -> Option<f64> {
        self.results.iter().find(|r| r.key == key).and_then(|r| r.value)
    }
}

fn group_of(f: CvField) -> CvGroup {
    use CvField as F;
    match f {
        F::SpendPerPurchase | F::PurchasesPerPeriod | F::Period | F::WeeksPerYear | F::LifetimeYears | F::MarginRate => {
            CvGroup::Purchase
        }
        _ if f.is_retention() => CvGroup::Retention,
        _ => CvGroup::WordOfMouth,
    }
}
