//! The course chain (issue "One course, one model"): the retention
//! economics, the expected word of mouth and its ripple, and the links
//! satisfaction gap → customer value, customer base → customer value and
//! delivered value → goal seek. Links follow their source, break when the
//! linked input is typed into, and survive export, import and share links.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::calc::CbAction;
use customer_value_calculator::domain::customer_base::model::{BgNbd, Model as TxModel, ParetoNbd};
use customer_value_calculator::domain::customer_value::{compute_inputs, ripples, CustomerValueInputs, CvAction, CvField, CvValues};
use customer_value_calculator::domain::delivered_value::{self as dv, close_gap, DvField};
use customer_value_calculator::domain::document::import;
use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::math::{PlainFormat, Step};
use customer_value_calculator::domain::model::{Action, CalcAction, Model};
use customer_value_calculator::domain::satisfaction::{Instrument, SgAction};
use customer_value_calculator::domain::whatif::{goal_seek, GoalStatus};
use customer_value_calculator::domain::Calculator;
use serde_json::{json, Value};

const NONE: &[&str] = &[];

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn retention_economics_with_the_course_figures() {
    let i = CustomerValueInputs { acquisition_cost: 500.0, ..CustomerValueInputs::default() };
    let r = compute_inputs(&i);
    // Keeping costs a fifth of winning; one lost customer takes ten new ones.
    assert_eq!(r.retention_cost, Some(100.0));
    assert_eq!(r.replacement_customers, Some(10.0));
    assert_eq!(r.replacement_cost, Some(5000.0));
    assert_eq!(r.retention_saving, Some(4900.0));
    // 100 customers lost a year, each worth the course's 26,000.
    assert_eq!(r.churn_value_lost, Some(2_600_000.0));
    assert!(close(r.indifference_value_lost.unwrap(), 1_768_000.0, 1e-12));
    let reasons: Vec<&str> = r.churn_reasons.iter().map(|c| c.reason.as_str()).collect();
    assert_eq!(reasons, ["died", "moved", "taste", "advice", "price", "product", "indifference"]);
    let shares: f64 = r.churn_reasons.iter().map(|c| c.share).sum();
    assert!(close(shares, 1.0, 1e-12), "the course's shares add up to 100%: {shares}");
    let moved = &r.churn_reasons[1];
    assert!(close(moved.customers, 3.0, 1e-12) && close(moved.value_lost.unwrap(), 78_000.0, 1e-12));
}

#[test]
fn expected_word_of_mouth_from_the_shares() {
    // 60% satisfied, 20% dissatisfied: 0.6 × 26,000 − 0.2 × 52,000.
    let i = CustomerValueInputs { satisfied_share: Some(0.6), dissatisfied_share: Some(0.2), ..CustomerValueInputs::default() };
    assert!(close(compute_inputs(&i).expected_word_of_mouth_value.unwrap(), 5200.0, 1e-12));
    // Off without shares; null when they add up to more than 100%.
    assert_eq!(compute_inputs(&CustomerValueInputs::default()).expected_word_of_mouth_value, None);
    let over = CustomerValueInputs { satisfied_share: Some(0.7), dissatisfied_share: Some(0.4), ..i };
    assert_eq!(compute_inputs(&over).expected_word_of_mouth_value, None);
}

#[test]
fn the_ripple_shows_how_500_people_hear() {
    // A dissatisfied customer tells 25, each of whom tells 19 more.
    let i = CustomerValueInputs { dissatisfied_tell_count: 25.0, retell_count: 19.0, ..CustomerValueInputs::default() };
    let r = compute_inputs(&i);
    let (_, dis) = ripples(&CvValues::from(&i), &r).unwrap();
    assert_eq!((dis.first, dis.second, dis.heard), (25.0, 475.0, 500.0));
    assert_eq!(dis.converted, Some(100.0));
}

#[test]
fn a_version_1_document_without_the_new_inputs_takes_their_defaults() {
    let doc = json!({"format": "customer-value-calculator", "format_version": 1, "app_version": "0.1.0", "calculator": "customer_value",
        "currency": "CNY", "inputs": {"spend_per_purchase": 50, "purchases_per_period": 1, "period": "week", "weeks_per_year": 52,
        "lifetime_years": 10, "margin_rate": 1, "satisfied_tell_count": 5, "dissatisfied_tell_count": 10, "retell_count": 0,
        "conversion_rate": 0.2, "dissatisfied_customer_defects": true, "round_people": false, "retention_rate": null,
        "discount_rate": 0.1, "horizon_years": 10, "cash_flow_timing": "end", "acquisition_cost": 0}, "results": {}});
    let mut m = Model::new(Lang::En);
    m.update(Action::ImportText(doc.to_string()));
    assert!(m.import_errors.is_empty(), "{:?}", m.import_errors);
    assert_eq!(m.cv().text(CvField::RetentionCostRatio), "5");
    assert_eq!(m.cv().text(CvField::ChurnIndifference), "68");
    assert_eq!(m.cv().text(CvField::SatisfiedShare), "");
    // A new key with a bad value is still checked.
    let mut bad = doc.clone();
    bad["inputs"]["churn_died"] = json!(2);
    assert!(import(&bad.to_string()).is_err());
}

fn cv(m: &mut Model, a: CvAction) {
    m.update(Action::Calc(CalcAction::Cv(a)));
}

fn sg(m: &mut Model, a: SgAction) {
    m.update(Action::Calc(CalcAction::Sg(a)));
}

/// Four custom attributes: two exceed, one meets, one falls below.
fn survey_model() -> Model {
    let mut m = Model::from_query("?calc=satisfaction_gap&lang=en", NONE);
    sg(&mut m, SgAction::Instrument(Instrument::Custom));
    sg(&mut m, SgAction::AddAttribute);
    for (i, (e, p)) in [("5", "6"), ("5", "5"), ("6", "4"), ("4", "6")].into_iter().enumerate() {
        sg(&mut m, SgAction::Rating(i, true, e.into()));
        sg(&mut m, SgAction::Rating(i, false, p.into()));
    }
    m
}

fn link(m: &Model, key: &str) -> Value {
    Value::Object(m.cv().link(key).cloned().unwrap_or_default())
}

#[test]
fn survey_shares_drive_word_of_mouth_and_follow_the_survey() {
    let mut m = survey_model();
    sg(&mut m, SgAction::SendToCustomerValue);
    assert_eq!(m.calc, Calculator::CustomerValue, "the student is taken to the linked value");
    assert_eq!(m.cv().text(CvField::SatisfiedShare), "75");
    assert_eq!(m.cv().text(CvField::DissatisfiedShare), "25");
    let l = link(&m, "satisfied_share");
    assert_eq!(l["calculator"], "satisfaction_gap");
    assert_eq!(l["assumption"], json!({"meets_as_satisfied": true, "exceeds": 2.0, "meets": 1.0, "below": 1.0}));
    // 0.75 × 26,000 − 0.25 × 52,000 = 6,500.
    assert_eq!(m.cv_view().result("expected_word_of_mouth_value"), Some(6500.0));
    // The steps say where the shares came from.
    let steps: Vec<Step> = m.cv_view().steps();
    let s = steps.iter().find(|s| s.key == "satisfied_share").expect("a step for the linked share");
    assert_eq!(s.line(Lang::En, &PlainFormat), "(2 + 1) ÷ 4 = 75%");
    assert!(steps.iter().any(|s| s.key == "expected_word_of_mouth_value"));
    // The stated assumption is editable: "meets" as neutral.
    cv(&mut m, CvAction::LinkAssumption("satisfied_share".into(), "meets_as_satisfied".into(), json!(false)));
    assert_eq!(m.cv().text(CvField::SatisfiedShare), "50");
    assert_eq!(m.cv_view().result("expected_word_of_mouth_value"), Some(0.5 * 26000.0 - 0.25 * 52000.0));
    // The link follows the survey: the item below now meets expectations.
    sg(&mut m, SgAction::Rating(2, false, "6".into()));
    assert_eq!(m.cv().text(CvField::DissatisfiedShare), "0");
    // It survives the customer value calculator's share link (the other
    // calculators' defaults there do not overwrite it) and an export and import.
    m.update(Action::SetCalc(Calculator::CustomerValue));
    let mut again = Model::from_query(&m.to_query(), NONE);
    assert_eq!(again.cv().links, m.cv().links);
    again.update(Action::EditScalar("spend_per_purchase".into(), "60".into()));
    assert_eq!(again.cv().links, m.cv().links);
    assert_eq!(again.cv().text(CvField::SatisfiedShare), "50");
    let doc = m.export_document().unwrap().to_json();
    let mut other = Model::new(Lang::En);
    other.update(Action::ImportText(doc));
    assert_eq!(other.cv().links, m.cv().links);
    // Typing into a linked input breaks its link and keeps the typed value.
    m.update(Action::EditScalar("dissatisfied_share".into(), "10".into()));
    assert!(m.cv().link("dissatisfied_share").is_none());
    assert!(m.cv().link("satisfied_share").is_some());
    sg(&mut m, SgAction::Rating(2, false, "1".into()));
    assert_eq!(m.cv().text(CvField::DissatisfiedShare), "10", "an unlinked input no longer follows");
    // The unlink button keeps the value too.
    cv(&mut m, CvAction::Unlink("satisfied_share".into()));
    assert!(m.cv().links.is_none());
    assert_eq!(m.cv().text(CvField::SatisfiedShare), "50");
}

#[test]
fn invalid_ratings_cannot_be_sent() {
    let mut m = survey_model();
    sg(&mut m, SgAction::Rating(0, true, "abc".into()));
    sg(&mut m, SgAction::SendToCustomerValue);
    assert_eq!(m.calc, Calculator::SatisfactionGap);
    assert!(m.notice.is_some());
    assert!(m.cv().links.is_none());
}

#[test]
fn new_customer_survival_matches_its_integral() {
    // BG/NBD: S(t) = ∫ (α / (α + p t))^r Beta(p; a, b) dp, by a fine midpoint rule.
    let m = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    let (a, b) = (m.a, m.b);
    let ln_beta = |a: f64, b: f64| {
        statrs::function::gamma::ln_gamma(a) + statrs::function::gamma::ln_gamma(b) - statrs::function::gamma::ln_gamma(a + b)
    };
    for t in [1.0, 10.0, 52.0, 260.0] {
        let n = 400_000;
        let mut s = 0.0;
        for k in 0..n {
            let p = (k as f64 + 0.5) / n as f64;
            let dens = ((a - 1.0) * p.ln() + (b - 1.0) * (1.0 - p).ln() - ln_beta(a, b)).exp();
            s += dens * (m.alpha / (m.alpha + p * t)).powf(m.r) / n as f64;
        }
        assert!(close(TxModel::Bgnbd(m).survival(t), s, 2e-3), "t {t}: {} vs {s}", m.survival(t));
    }
    assert_eq!(m.survival(0.0), 1.0);
    // Pareto/NBD: (β / (β + t))^s.
    let p = ParetoNbd { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    assert!(close(p.survival(52.0), (11.669f64 / 63.669).powf(0.606), 1e-12));
}

#[test]
fn the_customer_base_model_supplies_spend_frequency_and_retention() {
    let mut m = Model::from_query("?calc=customer_base&lang=en&horizon_years=5", NONE);
    m.update(Action::Calc(CalcAction::Cb(CbAction::SendToCustomerValue)));
    assert_eq!(m.calc, Calculator::CustomerValue);
    let r = m.slots.cb.form.results().expect("the sample is fitted");
    let gg = r.spend_params.unwrap();
    let spend: f64 = m.cv().text(CvField::SpendPerPurchase).parse().unwrap();
    assert!(close(spend, gg.p * gg.v / (gg.q - 1.0), 0.01));
    assert_eq!(m.cv().text(CvField::Period), "year");
    let purchases: f64 = m.cv().text(CvField::PurchasesPerPeriod).parse().unwrap();
    let (rr, alpha) = match r.params.unwrap() {
        customer_value_calculator::domain::customer_base::model::Params::Bgnbd(f) => (f.r, f.alpha),
        customer_value_calculator::domain::customer_base::model::Params::ParetoNbd(f) => (f.r, f.alpha),
    };
    assert!(close(purchases, rr / alpha * 365.25 / 7.0, 1e-3), "{purchases}");
    // One rate a year, falling as the survivors are the loyal ones... or at least valid.
    let curve = m.cv().curve.clone().expect("a retention curve");
    assert_eq!(curve.len(), 10, "one rate per year of the horizon");
    assert!(curve.iter().all(|r| (0.0..=1.0).contains(r)));
    let model = r.params.unwrap().model();
    let year1 = model.survival(365.25 / 7.0);
    assert!(close(curve[0], year1, 1e-5));
    for key in ["spend_per_purchase", "purchases_per_period", "retention_curve"] {
        assert_eq!(link(&m, key)["calculator"], "customer_base", "{key}");
    }
    assert!(m.cv_view().result("retention_clv").is_some());
    // Margins count at each year's end, for customers still active then.
    assert_eq!(m.cv().text(CvField::CashFlowTiming), "end");
    // Unlinking the curve goes back to one rate, the first year's; spend stays linked.
    cv(&mut m, CvAction::Unlink("retention_curve".into()));
    assert!(m.cv().curve.is_none());
    let one: f64 = m.cv().text(CvField::RetentionRate).parse().unwrap();
    assert!((one / 100.0 - curve[0]).abs() < 1e-4, "{one}");
    assert!(m.cv().link("spend_per_purchase").is_some());
}

#[test]
fn a_locked_input_never_follows_a_link() {
    let mut m =
        Model::from_query("?calc=satisfaction_gap&lang=en&lock=customer_value.satisfied_share&customer_value.satisfied_share=0.4", NONE);
    let before = m.cv().text(CvField::SatisfiedShare).to_string();
    sg(&mut m, SgAction::SendToCustomerValue);
    assert_eq!(m.cv().text(CvField::SatisfiedShare), before);
    assert!(m.cv().link("satisfied_share").is_none());
}

#[test]
fn the_cheapest_way_to_close_the_gap_and_goal_seek_agree() {
    let mut i = dv::preset(Lang::En);
    // A rival with a better product than the preset's.
    DvField::ProductValue.set(&mut i.offers[1], 160.0);
    let r = dv::compute(&i);
    assert!(r.gap_to_best > 0.0, "the class preset's own offer is behind");
    let options = close_gap(&i);
    assert_eq!(options.len(), 8);
    let best = options[0].clone();
    assert!(best.feasible);
    // Relative changes are sorted and each option closes the gap exactly.
    for w in options.windows(2) {
        if w[0].feasible && w[1].feasible {
            assert!(w[0].relative.unwrap_or(f64::INFINITY) <= w[1].relative.unwrap_or(f64::INFINITY));
        }
    }
    for o in &options {
        let mut moved = i.clone();
        o.field.set(&mut moved.offers[0], o.target);
        if o.feasible {
            assert!(dv::compute(&moved).gap_to_best.abs() < 1e-9, "{:?}", o.field);
        }
    }
    // Goal seek on our delivered value, target the best offer's, finds the same value.
    let target = dv::best_delivered_value(&i).unwrap();
    let g = goal_seek(&i, best.field.key(), "delivered_value", target).expect("a goal seek");
    assert_eq!(g.status, GoalStatus::Found);
    assert!(close(g.value, best.target, 1e-6), "{} vs {}", g.value, best.target);
    // When we are the best there is nothing to close.
    let mut ours_best = i.clone();
    DvField::ProductValue.set(&mut ours_best.offers[0], 1000.0);
    assert!(close_gap(&ours_best).is_empty());
}
