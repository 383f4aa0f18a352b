//! Native tests of §2.2: reference case 5 with its tie, null rules, the
//! editor's actions and properties of the ranking.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::delivered_value::DvAction;
use customer_value_calculator::domain::delivered_value::{
    competition_ranks, compute, heskett_value, DeliveredValueInputs, DvField, Heskett, Offer,
};
use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::math::PlainFormat;
use customer_value_calculator::domain::model::{Action, CalcAction, Model, Notice};
use customer_value_calculator::domain::Calculator;
use proptest::prelude::*;

fn offer(name: &str, v: [f64; 8]) -> Offer {
    customer_value_calculator::domain::delivered_value::offer(name, v)
}

fn case5() -> DeliveredValueInputs {
    DeliveredValueInputs {
        offers: vec![
            offer("ours", [100.0, 40.0, 30.0, 30.0, 120.0, 10.0, 5.0, 5.0]),
            offer("rival", [110.0, 20.0, 20.0, 40.0, 100.0, 20.0, 10.0, 10.0]),
        ],
    }
}

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[test]
fn case_5_two_offers() {
    let r = compute(&case5());
    let (ours, rival) = (&r.offers[0], &r.offers[1]);
    assert_eq!((ours.total_customer_value, ours.total_customer_cost, ours.delivered_value), (200.0, 140.0, 60.0));
    assert_eq!(r4(ours.value_cost_ratio.unwrap()), 1.4286);
    assert_eq!(ours.rank, 1);
    assert_eq!((rival.total_customer_value, rival.total_customer_cost, rival.delivered_value), (190.0, 140.0, 50.0));
    assert_eq!(r4(rival.value_cost_ratio.unwrap()), 1.3571);
    assert_eq!(rival.rank, 2);
    assert_eq!(r.best_offers, vec!["ours".to_string()]);
    assert_eq!(r.gap_to_best, 0.0);
}

#[test]
fn case_5_tie() {
    let mut i = case5();
    i.offers[1].image_value = 50.0;
    let r = compute(&i);
    assert_eq!(r.offers[1].delivered_value, 60.0);
    assert_eq!((r.offers[0].rank, r.offers[1].rank), (1, 1));
    assert_eq!(r.best_offers, vec!["ours".to_string(), "rival".to_string()]);
    assert_eq!(r.gap_to_best, 0.0);
}

#[test]
fn gap_to_best_when_ours_trails() {
    let mut i = case5();
    i.offers[1].image_value = 60.0;
    let r = compute(&i);
    assert_eq!(r.gap_to_best, 10.0);
    assert_eq!(r.best_offers, vec!["rival".to_string()]);
}

#[test]
fn ratio_null_at_zero_cost_and_heskett_null_at_zero_denominator() {
    let r = compute(&DeliveredValueInputs { offers: vec![offer("free", [10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])] });
    assert_eq!(r.offers[0].value_cost_ratio, None);
    assert_eq!(r.offers[0].heskett_value, None);
    let h = Heskett { results: 80.0, process_quality: 20.0, price: 0.0, acquisition_costs: 0.0 };
    assert_eq!(heskett_value(&h), None);
    assert_eq!(heskett_value(&Heskett { price: 40.0, acquisition_costs: 10.0, ..h }), Some(2.0));
}

#[test]
fn competition_ranking_shares_ties() {
    assert_eq!(competition_ranks(&[5.0, 3.0, 3.0, 1.0]), vec![1, 2, 2, 4]);
    assert_eq!(competition_ranks(&[1.0, 1.0, 1.0]), vec![1, 1, 1]);
    assert_eq!(competition_ranks(&[-1.0, 2.0]), vec![2, 1]);
}

#[test]
fn json_round_trip_rejects_unknown_keys() {
    let json = serde_json::to_string(&case5()).unwrap();
    assert_eq!(serde_json::from_str::<DeliveredValueInputs>(&json).unwrap(), case5());
    let bad = json.replacen("\"name\"", "\"nmae\"", 1);
    assert!(serde_json::from_str::<DeliveredValueInputs>(&bad).is_err());
}

#[test]
fn editor_actions_and_limits() {
    let mut m = Model::new(Lang::En);
    m.calc = Calculator::DeliveredValue;
    assert_eq!(m.dv().offers.len(), 3);
    for _ in 0..7 {
        m.update(Action::Calc(CalcAction::Dv(DvAction::Add)));
    }
    assert_eq!(m.dv().offers.len(), 10);
    assert_eq!(m.dv().offers[9].name, "Competitor 10");
    m.update(Action::Calc(CalcAction::Dv(DvAction::Add)));
    assert_eq!(m.dv().offers.len(), 10, "an 11th offer is refused");
    assert_eq!(m.notice, Some(Notice::TooManyOffers));
    m.update(Action::Calc(CalcAction::Dv(DvAction::Duplicate(0))));
    assert_eq!(m.dv().offers.len(), 10);
    for _ in 0..9 {
        m.update(Action::Calc(CalcAction::Dv(DvAction::Remove(1))));
    }
    assert_eq!(m.dv().offers.len(), 1);
    assert_eq!(m.notice, None);
    m.update(Action::Calc(CalcAction::Dv(DvAction::Remove(0))));
    assert_eq!(m.dv().offers.len(), 1);
    assert_eq!(m.notice, Some(Notice::LastOffer));
    m.update(Action::DismissNotice);
    assert_eq!(m.notice, None);
    m.update(Action::Calc(CalcAction::Dv(DvAction::Duplicate(0))));
    assert_eq!(m.dv().offers[1].name, "Our café (copy)");
    m.update(Action::Calc(CalcAction::Dv(DvAction::Rename(1, "".into()))));
    let v = m.dv_view();
    assert_eq!(v.offers[1].name_error.as_deref(), Some("enter a name"));
    assert!(v.results.is_none());
    m.update(Action::Calc(CalcAction::Dv(DvAction::Rename(1, "x".repeat(61)))));
    assert_eq!(m.dv_view().offers[1].name_error.as_deref(), Some("at most 60 characters"));
}

#[test]
fn invalid_amount_keeps_other_offers_totals_but_no_ranking() {
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Dv(DvAction::Edit(1, DvField::TimeCost, "-3".into()))));
    let v = m.dv_view();
    assert_eq!(v.offers[1].inputs[DvField::TimeCost as usize].error.as_deref(), Some("must be at least 0"));
    assert_eq!(v.offers[1].result.delivered_value, None);
    assert_eq!(v.offers[0].result.delivered_value, Some(60.0));
    assert_eq!(v.offers[0].result.rank, None);
    assert!(v.results.is_none());
}

#[test]
fn heskett_section() {
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Dv(DvAction::Heskett(0, true))));
    for (f, t) in [("results", "80"), ("process_quality", "20"), ("price", "40"), ("acquisition_costs", "10")] {
        let field = customer_value_calculator::domain::delivered_value::HeskettField::ALL.into_iter().find(|h| h.key() == f).unwrap();
        m.update(Action::Calc(CalcAction::Dv(DvAction::EditHeskett(0, field, t.into()))));
    }
    let v = m.dv_view();
    assert_eq!(v.offers[0].result.heskett_value, Some(2.0));
    assert_eq!(v.results.unwrap().offers[0].heskett_value, Some(2.0));
    let step = v.offers[0].steps.iter().find(|s| s.key == "heskett_value").unwrap();
    assert_eq!(step.line(Lang::En, &PlainFormat), "(80 + 20) / (40 + 10) = 2");
}

#[test]
fn steps_show_the_arithmetic() {
    let m = Model::new(Lang::En);
    let v = m.dv_view();
    let line = |k: &str| v.offers[0].steps.iter().find(|s| s.key == k).unwrap().line(Lang::En, &PlainFormat);
    assert_eq!(line("total_customer_value"), "100 + 40 + 30 + 30 = 200");
    assert_eq!(line("total_customer_cost"), "120 + 10 + 5 + 5 = 140");
    assert_eq!(line("delivered_value"), "200 − 140 = 60");
    assert_eq!(line("value_cost_ratio"), "200 / 140 = 1.4286");
}

#[test]
fn state_parameter_round_trips_the_editor() {
    let mut m = Model::new(Lang::ZhCn);
    m.calc = Calculator::DeliveredValue;
    m.update(Action::Calc(CalcAction::Dv(DvAction::Edit(2, DvField::EnergyCost, "abc".into()))));
    m.update(Action::Calc(CalcAction::Dv(DvAction::Heskett(1, true))));
    m.update(Action::Calc(CalcAction::Dv(DvAction::Rename(0, "我们 & Co.".into()))));
    let back = Model::from_query(&m.to_query(), &["en"]);
    assert_eq!(back.dv(), m.dv());
    assert_eq!(back.notice, None);
    let broken = Model::from_query("calc=delivered_value&state=%%%not-base64", &["en"]);
    assert_eq!(broken.notice, Some(Notice::BadState));
    assert_eq!(broken.dv().offers.len(), 3);
}

fn amounts() -> impl Strategy<Value = [f64; 8]> {
    proptest::array::uniform8(0.0..1000.0f64)
}

proptest! {
    #[test]
    fn adding_value_never_lowers_rank(offers in proptest::collection::vec(amounts(), 1..=10), who in 0usize..10, extra in 0.0..500.0f64, part in 0usize..4) {
        let inputs = DeliveredValueInputs { offers: offers.iter().enumerate().map(|(i, v)| offer(&format!("o{i}"), *v)).collect() };
        let who = who % inputs.offers.len();
        let before = compute(&inputs).offers[who].rank;
        let mut more = inputs.clone();
        let o = &mut more.offers[who];
        match part { 0 => o.product_value += extra, 1 => o.service_value += extra, 2 => o.personnel_value += extra, _ => o.image_value += extra }
        prop_assert!(compute(&more).offers[who].rank <= before);
    }

    #[test]
    fn ranks_are_a_competition_ranking(values in proptest::collection::vec(-100i32..100, 1..=10)) {
        let v: Vec<f64> = values.iter().map(|x| *x as f64).collect();
        let ranks = competition_ranks(&v);
        for (i, r) in ranks.iter().enumerate() {
            let better = v.iter().filter(|w| **w > v[i]).count() as u32;
            prop_assert_eq!(*r, better + 1);
        }
        prop_assert!(ranks.contains(&1));
    }
}
