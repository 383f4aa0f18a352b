//! §2.2 Customer delivered value (Kotler): total customer value − total
//! customer cost for 1..=10 offers, ranked; and Heskett's service value
//! equation as a second, ratio view.
//!
//! [`DeliveredValueInputs`] is the validated document; [`DvForm`] holds what
//! the user typed so that bad text stays visible with its error.

use crate::domain::i18n::{Lang, Msg};
use crate::domain::number::{self, InputError, NumberSpec};
use serde::{Deserialize, Serialize};

/// Most offers a comparison may hold.
pub const MAX_OFFERS: usize = 10;
/// Longest offer name, in characters.
pub use crate::domain::name::MAX_NAME_CHARS;

/// Heskett's service value equation inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Heskett {
    /// Results produced for the customer.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub results: f64,
    /// Process quality.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub process_quality: f64,
    /// Price to the customer.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub price: f64,
    /// Other costs of acquiring the service.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub acquisition_costs: f64,
}

/// One offer: four value and four cost components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Name (1..=60 characters).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 60)))]
    pub name: String,
    /// Product value.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub product_value: f64,
    /// Service value.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub service_value: f64,
    /// Personnel value.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub personnel_value: f64,
    /// Image value.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub image_value: f64,
    /// Monetary cost.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub monetary_cost: f64,
    /// Time cost.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub time_cost: f64,
    /// Energy (physical) cost.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub energy_cost: f64,
    /// Psychic cost.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub psychic_cost: f64,
    /// Optional Heskett equation inputs.
    #[serde(default)]
    pub heskett: Option<Heskett>,
}

/// The validated inputs (JSON `inputs`). The first offer is "ours".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveredValueInputs {
    /// 1..=10 offers.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 10)))]
    pub offers: Vec<Offer>,
}

/// One offer's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferResult {
    /// The offer's name.
    pub name: String,
    /// Product + service + personnel + image value.
    pub total_customer_value: f64,
    /// Monetary + time + energy + psychic cost.
    pub total_customer_cost: f64,
    /// Total value − total cost.
    pub delivered_value: f64,
    /// Total value / total cost (null when cost is 0).
    pub value_cost_ratio: Option<f64>,
    /// Competition rank by delivered value (1 = best; ties share).
    pub rank: u32,
    /// Heskett's ratio (null without inputs or with a zero denominator).
    pub heskett_value: Option<f64>,
}

/// The results (JSON `results`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveredValueResults {
    /// Per offer, in input order.
    pub offers: Vec<OfferResult>,
    /// Names of all offers ranked 1.
    pub best_offers: Vec<String>,
    /// Best delivered value − ours (0 when ours is best).
    pub gap_to_best: f64,
}

/// The value and cost components, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DvField {
    /// `product_value`
    ProductValue,
    /// `service_value`
    ServiceValue,
    /// `personnel_value`
    PersonnelValue,
    /// `image_value`
    ImageValue,
    /// `monetary_cost`
    MonetaryCost,
    /// `time_cost`
    TimeCost,
    /// `energy_cost`
    EnergyCost,
    /// `psychic_cost`
    PsychicCost,
}

impl DvField {
    /// All components: four values, then four costs.
    pub const ALL: [DvField; 8] = [
        DvField::ProductValue,
        DvField::ServiceValue,
        DvField::PersonnelValue,
        DvField::ImageValue,
        DvField::MonetaryCost,
        DvField::TimeCost,
        DvField::EnergyCost,
        DvField::PsychicCost,
    ];
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            DvField::ProductValue => "product_value",
            DvField::ServiceValue => "service_value",
            DvField::PersonnelValue => "personnel_value",
            DvField::ImageValue => "image_value",
            DvField::MonetaryCost => "monetary_cost",
            DvField::TimeCost => "time_cost",
            DvField::EnergyCost => "energy_cost",
            DvField::PsychicCost => "psychic_cost",
        }
    }
    /// Catalog key of the label.
    pub fn label(self) -> Msg {
        match self {
            DvField::ProductValue => Msg::DvProduct,
            DvField::ServiceValue => Msg::DvService,
            DvField::PersonnelValue => Msg::DvPersonnel,
            DvField::ImageValue => Msg::DvImage,
            DvField::MonetaryCost => Msg::DvMonetary,
            DvField::TimeCost => Msg::DvTime,
            DvField::EnergyCost => Msg::DvEnergy,
            DvField::PsychicCost => Msg::DvPsychic,
        }
    }
    /// Whether the component is a cost.
    pub fn is_cost(self) -> bool {
        matches!(self, DvField::MonetaryCost | DvField::TimeCost | DvField::EnergyCost | DvField::PsychicCost)
    }
    /// Parses a JSON key.
    pub fn from_key(k: &str) -> Option<DvField> {
        DvField::ALL.into_iter().find(|f| f.key() == k)
    }
    /// The component's value in an offer.
    pub fn get(self, o: &Offer) -> f64 {
        match self {
            DvField::ProductValue => o.product_value,
            DvField::ServiceValue => o.service_value,
            DvField::PersonnelValue => o.personnel_value,
            DvField::ImageValue => o.image_value,
            DvField::MonetaryCost => o.monetary_cost,
            DvField::TimeCost => o.time_cost,
            DvField::EnergyCost => o.energy_cost,
            DvField::PsychicCost => o.psychic_cost,
        }
    }
    /// Sets the component's value in an offer.
    pub fn set(self, o: &mut Offer, v: f64) {
        let slot = match self {
            DvField::ProductValue => &mut o.product_value,
            DvField::ServiceValue => &mut o.service_value,
            DvField::PersonnelValue => &mut o.personnel_value,
            DvField::ImageValue => &mut o.image_value,
            DvField::MonetaryCost => &mut o.monetary_cost,
            DvField::TimeCost => &mut o.time_cost,
            DvField::EnergyCost => &mut o.energy_cost,
            DvField::PsychicCost => &mut o.psychic_cost,
        };
        *slot = v;
    }
}

/// Heskett's four inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeskettField {
    /// `results`
    Results,
    /// `process_quality`
    ProcessQuality,
    /// `price`
    Price,
    /// `acquisition_costs`
    AcquisitionCosts,
}

impl HeskettField {
    /// All four, numerator first.
    pub const ALL: [HeskettField; 4] =
        [HeskettField::Results, HeskettField::ProcessQuality, HeskettField::Price, HeskettField::AcquisitionCosts];
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            HeskettField::Results => "results",
            HeskettField::ProcessQuality => "process_quality",
            HeskettField::Price => "price",
            HeskettField::AcquisitionCosts => "acquisition_costs",
        }
    }
    /// Catalog key of the label.
    pub fn label(self) -> Msg {
        match self {
            HeskettField::Results => Msg::HkResults,
            HeskettField::ProcessQuality => Msg::HkProcess,
            HeskettField::Price => Msg::HkPrice,
            HeskettField::AcquisitionCosts => Msg::HkAcquisition,
        }
    }
    fn get(self, h: &Heskett) -> f64 {
        match self {
            HeskettField::Results => h.results,
            HeskettField::ProcessQuality => h.process_quality,
            HeskettField::Price => h.price,
            HeskettField::AcquisitionCosts => h.acquisition_costs,
        }
    }
}

const AMOUNT: NumberSpec = NumberSpec::non_negative();

pub use crate::domain::name::{check_name, NameError};

/// Computes the results of valid inputs.
pub fn compute(inputs: &DeliveredValueInputs) -> DeliveredValueResults {
    let totals: Vec<(f64, f64)> = inputs
        .offers
        .iter()
        .map(|o| {
            let v = DvField::ALL[..4].iter().map(|f| f.get(o)).sum::<f64>();
            let c = DvField::ALL[4..].iter().map(|f| f.get(o)).sum::<f64>();
            (v, c)
        })
        .collect();
    let delivered: Vec<f64> = totals.iter().map(|(v, c)| v - c).collect();
    let ranks = competition_ranks(&delivered);
    let offers: Vec<OfferResult> = inputs
        .offers
        .iter()
        .zip(&totals)
        .zip(&ranks)
        .map(|((o, &(v, c)), &rank)| OfferResult {
            name: o.name.clone(),
            total_customer_value: v,
            total_customer_cost: c,
            delivered_value: v - c,
            value_cost_ratio: if c == 0.0 { None } else { Some(v / c) },
            rank,
            heskett_value: o.heskett.as_ref().and_then(heskett_value),
        })
        .collect();
    let best = delivered.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let best_offers = offers.iter().filter(|o| o.rank == 1).map(|o| o.name.clone()).collect();
    let gap_to_best = match delivered.first() {
        Some(ours) => (best - ours).max(0.0),
        None => 0.0,
    };
    DeliveredValueResults { offers, best_offers, gap_to_best }
}

/// Heskett's ratio: (results + process quality) / (price + acquisition costs),
/// `None` when the denominator is 0.
pub fn heskett_value(h: &Heskett) -> Option<f64> {
    let denom = h.price + h.acquisition_costs;
    if denom == 0.0 {
        None
    } else {
        Some((h.results + h.process_quality) / denom)
    }
}

/// Competition ranking ("1224"): 1 + the number of strictly better values.
pub fn competition_ranks(values: &[f64]) -> Vec<u32> {
    values.iter().map(|v| 1 + values.iter().filter(|w| *w > v).count() as u32).collect()
}

/// What the user typed for one offer.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferForm {
    /// Name text.
    pub name: String,
    /// Texts of the eight components, in [`DvField::ALL`] order.
    pub amounts: [String; 8],
    /// Heskett texts in [`HeskettField::ALL`] order, or `None` when off.
    pub heskett: Option<[String; 4]>,
}

impl OfferForm {
    /// The form showing a valid offer.
    pub fn from_offer(o: &Offer) -> OfferForm {
        OfferForm {
            name: o.name.clone(),
            amounts: DvField::ALL.map(|f| number::plain(f.get(o))),
            heskett: o.heskett.as_ref().map(|h| HeskettField::ALL.map(|f| number::plain(f.get(h)))),
        }
    }

    /// The text of a component.
    pub fn text(&self, f: DvField) -> &str {
        &self.amounts[f as usize]
    }

    /// The error of a component's text.
    pub fn error(&self, f: DvField) -> Option<InputError> {
        number::parse(self.text(f), &AMOUNT).err()
    }

    /// The error of a Heskett input's text.
    pub fn heskett_error(&self, f: HeskettField) -> Option<InputError> {
        let h = self.heskett.as_ref()?;
        number::parse(&h[f as usize], &AMOUNT).err()
    }

    /// The valid offer, if every text is valid.
    pub fn offer(&self) -> Option<Offer> {
        check_name(&self.name).ok()?;
        let mut o = offer(self.name.trim(), [0.0; 8]);
        for f in DvField::ALL {
            f.set(&mut o, number::parse(self.text(f), &AMOUNT).ok()?);
        }
        if let Some(h) = &self.heskett {
            let v = |i: usize| number::parse(&h[i], &AMOUNT).ok();
            o.heskett = Some(Heskett { results: v(0)?, process_quality: v(1)?, price: v(2)?, acquisition_costs: v(3)? });
        }
        Some(o)
    }
}

/// What the user typed for the whole comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct DvForm {
    /// The offers (1..=10), ours first.
    pub offers: Vec<OfferForm>,
}

impl DvForm {
    /// The form showing valid inputs.
    pub fn from_inputs(i: &DeliveredValueInputs) -> DvForm {
        DvForm { offers: i.offers.iter().map(OfferForm::from_offer).collect() }
    }

    /// The valid inputs, if every offer is valid.
    pub fn inputs(&self) -> Option<DeliveredValueInputs> {
        if self.offers.is_empty() || self.offers.len() > MAX_OFFERS {
            return None;
        }
        Some(DeliveredValueInputs { offers: self.offers.iter().map(OfferForm::offer).collect::<Option<_>>()? })
    }
}

/// An offer from a name and its eight components in [`DvField::ALL`] order.
pub fn offer(name: impl Into<String>, v: [f64; 8]) -> Offer {
    let mut o = Offer {
        name: name.into(),
        product_value: 0.0,
        service_value: 0.0,
        personnel_value: 0.0,
        image_value: 0.0,
        monetary_cost: 0.0,
        time_cost: 0.0,
        energy_cost: 0.0,
        psychic_cost: 0.0,
        heskett: None,
    };
    for (f, x) in DvField::ALL.into_iter().zip(v) {
        f.set(&mut o, x);
    }
    o
}

/// A class preset: our offer and two competitors, named in `lang`.
pub fn preset(lang: Lang) -> DeliveredValueInputs {
    let o = |name: Msg, v: [f64; 8]| offer(name.text(lang), v);
    DeliveredValueInputs {
        offers: vec![
            o(Msg::DvPresetOurs, [100.0, 40.0, 30.0, 30.0, 120.0, 10.0, 5.0, 5.0]),
            o(Msg::DvPresetRivalA, [110.0, 20.0, 20.0, 40.0, 100.0, 20.0, 10.0, 10.0]),
            o(Msg::DvPresetRivalB, [90.0, 30.0, 25.0, 20.0, 80.0, 15.0, 10.0, 5.0]),
        ],
    }
}

/// A new, empty competitor named for its position.
pub fn blank_offer(lang: Lang, position: usize) -> Offer {
    offer(Msg::DvNewOffer.text(lang).replace("{n}", &position.to_string()), [0.0; 8])
}

mod calc;
mod gap;
mod steps;
mod view;
pub use calc::DvAction;
pub use gap::*;
pub use steps::delivered_value_steps;
pub use view::*;
