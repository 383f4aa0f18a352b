//! What the user typed in the customer value calculator, one text per
//! declared field, and its conversion to and from valid inputs.

use super::*;

/// Parses one field's text into the typed value it stands for.
/// Returned as `f64` for numbers, 1.0/0.0 for booleans and the choice index.
fn check_text(field: CvField, text: &str) -> Result<Option<f64>, InputError> {
    match field.kind() {
        FieldKind::Number(spec) => number::parse(text, &spec).map(Some),
        FieldKind::NullableNumber(spec) => {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                number::parse(text, &spec).map(Some)
            }
        }
        FieldKind::Choice(options) => {
            options.iter().position(|o| *o == text.trim()).map(|i| Some(i as f64)).ok_or_else(InputError::unknown_choice)
        }
        FieldKind::Bool => match text.trim() {
            "true" => Ok(Some(1.0)),
            "false" => Ok(Some(0.0)),
            _ => Err(InputError::not_bool()),
        },
        FieldKind::Date => number::iso_date(text).map(|_| None),
    }
}

/// What the user typed, one text per field (percent fields hold the
/// percentage, choices their identifier, booleans `true`/`false`).
#[derive(Clone, Debug, PartialEq)]
pub struct CvForm {
    texts: Vec<String>,
    /// The year-by-year retention curve, when one was sent or imported.
    pub curve: Option<Vec<f64>>,
    /// Where linked inputs came from (`links` of the document).
    pub links: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Default for CvForm {
    fn default() -> Self {
        CvForm::from_inputs(&CustomerValueInputs::default())
    }
}

impl CvForm {
    /// The form showing valid inputs.
    pub fn from_inputs(i: &CustomerValueInputs) -> CvForm {
        let mut form = CvForm { texts: vec![String::new(); CvField::ALL.len()], curve: i.retention_curve.clone(), links: None };
        for &f in CvField::ALL {
            form.texts[f as usize] = input_text(i, f);
        }
        form
    }

    /// The text of a field.
    pub fn text(&self, f: CvField) -> &str {
        &self.texts[f as usize]
    }

    /// Replaces the text of a field.
    pub fn set(&mut self, f: CvField, text: impl Into<String>) {
        self.texts[f as usize] = text.into();
    }

    /// The field's error, if its text is invalid.
    pub fn error(&self, f: CvField) -> Option<InputError> {
        check_text(f, self.text(f)).err()
    }

    /// Whether every field is valid.
    pub fn is_valid(&self) -> bool {
        CvField::ALL.iter().all(|&f| self.error(f).is_none())
    }

    /// The typed values, `None` where invalid.
    pub fn values(&self) -> CvValues {
        let num = |f| check_text(f, self.text(f)).ok().flatten();
        let flag = |f| num(f).map(|x| x == 1.0);
        CvValues {
            spend_per_purchase: num(CvField::SpendPerPurchase),
            purchases_per_period: num(CvField::PurchasesPerPeriod),
            period: num(CvField::Period).map(|i| Period::ALL[i as usize]),
            weeks_per_year: num(CvField::WeeksPerYear),
            lifetime_years: num(CvField::LifetimeYears),
            margin_rate: num(CvField::MarginRate),
            satisfied_tell_count: num(CvField::SatisfiedTellCount),
            dissatisfied_tell_count: num(CvField::DissatisfiedTellCount),
            retell_count: num(CvField::RetellCount),
            conversion_rate: num(CvField::ConversionRate),
            dissatisfied_customer_defects: flag(CvField::DissatisfiedCustomerDefects),
            round_people: flag(CvField::RoundPeople),
            retention_rate: check_text(CvField::RetentionRate, self.text(CvField::RetentionRate)).ok(),
            discount_rate: num(CvField::DiscountRate),
            horizon_years: num(CvField::HorizonYears),
            cash_flow_timing: num(CvField::CashFlowTiming).map(|i| CashFlowTiming::ALL[i as usize]),
            acquisition_cost: num(CvField::AcquisitionCost),
            retention_curve: self.curve.clone(),
            satisfied_share: check_text(CvField::SatisfiedShare, self.text(CvField::SatisfiedShare)).ok(),
            dissatisfied_share: check_text(CvField::DissatisfiedShare, self.text(CvField::DissatisfiedShare)).ok(),
            retention_cost_ratio: num(CvField::RetentionCostRatio),
            new_customer_value_share: num(CvField::NewCustomerValueShare),
            customers_lost: num(CvField::CustomersLost),
            churn_died: num(CvField::ChurnDied),
            churn_moved: num(CvField::ChurnMoved),
            churn_taste: num(CvField::ChurnTaste),
            churn_advice: num(CvField::ChurnAdvice),
            churn_price: num(CvField::ChurnPrice),
            churn_product: num(CvField::ChurnProduct),
            churn_indifference: num(CvField::ChurnIndifference),
        }
    }

    /// The field's value as written in a URL or JSON (rates as fractions),
    /// or `None` when the text is invalid or a nullable field is empty.
    pub fn url_value(&self, f: CvField) -> Option<String> {
        let v = check_text(f, self.text(f)).ok()??;
        Some(match f.kind() {
            FieldKind::Choice(options) => options[v as usize].to_string(),
            FieldKind::Bool => (v == 1.0).to_string(),
            _ => number::plain(v),
        })
    }

    /// Sets a field from a URL value (rates as fractions: `0.2` or `20%`).
    /// An invalid value is kept as typed so that the field shows it with its error.
    pub fn set_from_url(&mut self, f: CvField, raw: &str) {
        let text = match f.kind() {
            FieldKind::Number(spec) | FieldKind::NullableNumber(spec) if spec.percent => number::url_fraction_text(raw, &spec),
            _ => raw.to_string(),
        };
        self.set(f, text);
    }
}

fn input_text(i: &CustomerValueInputs, f: CvField) -> String {
    let n = |v: f64| match f.kind() {
        FieldKind::Number(s) | FieldKind::NullableNumber(s) if s.percent => number::percent_text(v),
        _ => number::plain(v),
    };
    match f {
        CvField::SpendPerPurchase => n(i.spend_per_purchase),
        CvField::PurchasesPerPeriod => n(i.purchases_per_period),
        CvField::Period => i.period.as_str().into(),
        CvField::WeeksPerYear => n(i.weeks_per_year),
        CvField::LifetimeYears => n(i.lifetime_years),
        CvField::MarginRate => n(i.margin_rate),
        CvField::SatisfiedTellCount => n(i.satisfied_tell_count),
        CvField::DissatisfiedTellCount => n(i.dissatisfied_tell_count),
        CvField::RetellCount => n(i.retell_count),
        CvField::ConversionRate => n(i.conversion_rate),
        CvField::DissatisfiedCustomerDefects => i.dissatisfied_customer_defects.to_string(),
        CvField::RoundPeople => i.round_people.to_string(),
        CvField::RetentionRate => i.retention_rate.map(n).unwrap_or_default(),
        CvField::DiscountRate => n(i.discount_rate),
        CvField::HorizonYears => n(i.horizon_years),
        CvField::CashFlowTiming => i.cash_flow_timing.as_str().into(),
        CvField::AcquisitionCost => n(i.acquisition_cost),
        CvField::SatisfiedShare => i.satisfied_share.map(n).unwrap_or_default(),
        CvField::DissatisfiedShare => i.dissatisfied_share.map(n).unwrap_or_default(),
        CvField::RetentionCostRatio => n(i.retention_cost_ratio),
        CvField::NewCustomerValueShare => n(i.new_customer_value_share),
        CvField::CustomersLost => n(i.customers_lost),
        CvField::ChurnDied => n(i.churn_died),
        CvField::ChurnMoved => n(i.churn_moved),
        CvField::ChurnTaste => n(i.churn_taste),
        CvField::ChurnAdvice => n(i.churn_advice),
        CvField::ChurnPrice => n(i.churn_price),
        CvField::ChurnProduct => n(i.churn_product),
        CvField::ChurnIndifference => n(i.churn_indifference),
    }
}
