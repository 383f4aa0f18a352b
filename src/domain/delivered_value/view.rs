//! The delivered value calculator, ready to render: one card per offer,
//! the comparison and the chart.

use super::*;
use crate::domain::chart::{stacked_bars, BarChart};
use crate::domain::i18n::Lang;
use crate::domain::math::Step;

/// One offer's input, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferInputView {
    /// The component.
    pub field: DvField,
    /// Its text.
    pub text: String,
    /// Its translated error.
    pub error: Option<String>,
}

/// One Heskett input, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct HeskettInputView {
    /// The input.
    pub field: HeskettField,
    /// Its text.
    pub text: String,
    /// Its translated error.
    pub error: Option<String>,
}

/// One offer's results; totals appear as soon as the offer is valid, the
/// rank only when every offer is.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferResultView {
    /// Total customer value.
    pub total_customer_value: Option<f64>,
    /// Total customer cost.
    pub total_customer_cost: Option<f64>,
    /// Delivered value.
    pub delivered_value: Option<f64>,
    /// Value / cost.
    pub value_cost_ratio: Option<f64>,
    /// Heskett's ratio.
    pub heskett_value: Option<f64>,
    /// Rank (1 = best).
    pub rank: Option<u32>,
    /// Ranked 1.
    pub best: bool,
}

/// One offer, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferView {
    /// Position (0 = ours).
    pub index: usize,
    /// Name text.
    pub name: String,
    /// Translated name error.
    pub name_error: Option<String>,
    /// The eight components.
    pub inputs: Vec<OfferInputView>,
    /// Heskett inputs when the section is on.
    pub heskett: Option<Vec<HeskettInputView>>,
    /// Results.
    pub result: OfferResultView,
    /// "Show the math" steps.
    pub steps: Vec<Step>,
}

/// The delivered value calculator, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct DvView {
    /// The offers, ours first.
    pub offers: Vec<OfferView>,
    /// Full results when every offer is valid.
    pub results: Option<DeliveredValueResults>,
    /// Whether another offer may be added.
    pub can_add: bool,
    /// Whether an offer may be removed.
    pub can_remove: bool,
    /// The stacked bar chart (valid offers only).
    pub chart: Option<BarChart>,
    /// Names of the charted offers, in chart order.
    pub chart_names: Vec<String>,
    /// How each component of our offer closes the gap, cheapest first (empty when we are best).
    pub gap_options: Vec<GapOption>,
    /// The best offer's delivered value (the goal seek target).
    pub best_delivered_value: Option<f64>,
}

impl DvView {
    /// Builds the view of a form.
    pub fn build(form: &DvForm, lang: Lang) -> DvView {
        let inputs = form.inputs();
        let results = inputs.as_ref().map(compute);
        let mut chart_data = Vec::new();
        let mut chart_names = Vec::new();
        let offers: Vec<OfferView> = form
            .offers
            .iter()
            .enumerate()
            .map(|(index, o)| {
                let valid = o.offer();
                let single = valid.as_ref().map(|v| compute(&DeliveredValueInputs { offers: vec![v.clone()] }));
                let own = single.as_ref().map(|r| &r.offers[0]);
                let full = results.as_ref().map(|r| &r.offers[index]);
                if let Some(v) = &valid {
                    let get = |f: DvField| f.get(v);
                    chart_data.push((
                        [get(DvField::ProductValue), get(DvField::ServiceValue), get(DvField::PersonnelValue), get(DvField::ImageValue)],
                        [get(DvField::MonetaryCost), get(DvField::TimeCost), get(DvField::EnergyCost), get(DvField::PsychicCost)],
                    ));
                    chart_names.push(v.name.clone());
                }
                OfferView {
                    index,
                    name: o.name.clone(),
                    name_error: check_name(&o.name).err().map(|e| e.message(lang)),
                    inputs: DvField::ALL
                        .iter()
                        .map(|&f| OfferInputView { field: f, text: o.text(f).to_string(), error: o.error(f).map(|e| e.message(lang)) })
                        .collect(),
                    heskett: o.heskett.as_ref().map(|h| {
                        HeskettField::ALL
                            .iter()
                            .map(|&f| HeskettInputView {
                                field: f,
                                text: h[f as usize].clone(),
                                error: o.heskett_error(f).map(|e| e.message(lang)),
                            })
                            .collect()
                    }),
                    result: OfferResultView {
                        total_customer_value: own.map(|r| r.total_customer_value),
                        total_customer_cost: own.map(|r| r.total_customer_cost),
                        delivered_value: own.map(|r| r.delivered_value),
                        value_cost_ratio: own.and_then(|r| r.value_cost_ratio),
                        heskett_value: own.and_then(|r| r.heskett_value),
                        rank: full.map(|r| r.rank),
                        best: full.is_some_and(|r| r.rank == 1),
                    },
                    steps: delivered_value_steps(o),
                }
            })
            .collect();
        DvView {
            can_add: form.offers.len() < MAX_OFFERS,
            can_remove: form.offers.len() > 1,
            chart: if chart_data.is_empty() { None } else { Some(stacked_bars(&chart_data, 640.0, 280.0)) },
            chart_names,
            offers,
            results,
            gap_options: inputs.as_ref().map(close_gap).unwrap_or_default(),
            best_delivered_value: inputs.as_ref().and_then(best_delivered_value),
        }
    }
}
