//! "Show the math" for one offer: total value, total cost, delivered value.

use crate::domain::i18n::Msg;
use crate::domain::math::*;

/// The steps of one offer's delivered value (and Heskett's ratio).
pub fn delivered_value_steps(o: &crate::domain::delivered_value::OfferForm) -> Vec<Step> {
    use crate::domain::delivered_value::{heskett_value, DvField, HeskettField};
    use crate::domain::number::{parse, NumberSpec};
    let amount = |t: &str| parse(t, &NumberSpec::non_negative()).ok();
    let vals: Vec<Option<f64>> = DvField::ALL.iter().map(|f| amount(o.text(*f))).collect();
    let sum = |xs: &[Option<f64>]| xs.iter().copied().sum::<Option<f64>>();
    let total_value = sum(&vals[..4]);
    let total_cost = sum(&vals[4..]);
    let chain = |range: std::ops::Range<usize>, names: bool| -> Vec<Tok> {
        let mut toks = Vec::new();
        for i in range {
            if !toks.is_empty() {
                toks.push(PLUS);
            }
            toks.push(if names { Tok::Name(DvField::ALL[i].label()) } else { n(vals[i], Unit::Money) });
        }
        toks
    };
    let mut steps = vec![
        Step {
            key: "total_customer_value",
            label: Msg::DvTotalValue,
            formula: chain(0..4, true),
            substituted: chain(0..4, false),
            result: total_value,
            unit: Unit::Money,
            note: None,
        },
        Step {
            key: "total_customer_cost",
            label: Msg::DvTotalCost,
            formula: chain(4..8, true),
            substituted: chain(4..8, false),
            result: total_cost,
            unit: Unit::Money,
            note: None,
        },
        Step {
            key: "delivered_value",
            label: Msg::DvDelivered,
            formula: vec![Tok::Name(Msg::DvTotalValue), MINUS, Tok::Name(Msg::DvTotalCost)],
            substituted: vec![n(total_value, Unit::Money), MINUS, n(total_cost, Unit::Money)],
            result: total_value.zip(total_cost).map(|(v, c)| v - c),
            unit: Unit::Money,
            note: None,
        },
        Step {
            key: "value_cost_ratio",
            label: Msg::DvRatio,
            formula: vec![Tok::Name(Msg::DvTotalValue), Tok::Op("/"), Tok::Name(Msg::DvTotalCost)],
            substituted: vec![n(total_value, Unit::Money), Tok::Op("/"), n(total_cost, Unit::Money)],
            result: total_value.zip(total_cost).and_then(|(v, c)| if c == 0.0 { None } else { Some(v / c) }),
            unit: Unit::Ratio,
            note: if total_cost == Some(0.0) { Some(Msg::NoteZeroCost) } else { None },
        },
    ];
    if let Some(h) = &o.heskett {
        let hv: Vec<Option<f64>> = h.iter().map(|t| amount(t)).collect();
        let heskett = match (hv[0], hv[1], hv[2], hv[3]) {
            (Some(r), Some(q), Some(p), Some(a)) => {
                heskett_value(&crate::domain::delivered_value::Heskett { results: r, process_quality: q, price: p, acquisition_costs: a })
            }
            _ => None,
        };
        let name = |f: HeskettField| Tok::Name(f.label());
        steps.push(Step {
            key: "heskett_value",
            label: Msg::HkValue,
            formula: vec![
                Tok::Op("("),
                name(HeskettField::Results),
                PLUS,
                name(HeskettField::ProcessQuality),
                Tok::Op(")"),
                Tok::Op("/"),
                Tok::Op("("),
                name(HeskettField::Price),
                PLUS,
                name(HeskettField::AcquisitionCosts),
                Tok::Op(")"),
            ],
            substituted: vec![
                Tok::Op("("),
                n(hv[0], Unit::Money),
                PLUS,
                n(hv[1], Unit::Money),
                Tok::Op(")"),
                Tok::Op("/"),
                Tok::Op("("),
                n(hv[2], Unit::Money),
                PLUS,
                n(hv[3], Unit::Money),
                Tok::Op(")"),
            ],
            result: heskett,
            unit: Unit::Ratio,
            note: if hv[2].zip(hv[3]).map(|(p, a)| p + a) == Some(0.0) { Some(Msg::NoteZeroCost) } else { None },
        });
    }
    steps
}
