//! The one calculator interface, table-driven over the registry: every
//! capability works the same way in every calculator (issue "One calculator
//! interface").

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{dv_inputs, inputs_strategy, sg_inputs};
use customer_value_calculator::domain::calc::InputKind;
use customer_value_calculator::domain::document::Document;
use customer_value_calculator::domain::i18n::{Lang, Msg};
use customer_value_calculator::domain::model::{Action, Effect, Model, Notice, Persisted};
use customer_value_calculator::domain::whatif::tools::ToolAction;
use customer_value_calculator::domain::{number, state, Calculator, Currency};
use proptest::prelude::*;
use serde_json::{json, Value};

const NONE: &[&str] = &[];

/// A valid value for a declared scalar, different from the default where possible.
fn sample(kind: InputKind, current: Option<String>) -> String {
    match kind {
        InputKind::Choice(options) => options.iter().rev().find(|o| Some(o.to_string()) != current).unwrap_or(&options[0]).to_string(),
        InputKind::Bool => if current.as_deref() == Some("true") { "false" } else { "true" }.to_string(),
        InputKind::Date => if current.as_deref() == Some("1997-06-30") { "1997-09-30" } else { "1997-06-30" }.to_string(),
        InputKind::Number(spec) | InputKind::NullableNumber(spec) => {
            // One more than now, or halfway down to the minimum at the maximum.
            let now: f64 = current.and_then(|c| c.parse().ok()).unwrap_or(spec.min);
            let up = now + 1.0;
            let v = if spec.check(up).is_ok() { up } else { (now + spec.min.max(0.0)) / 2.0 };
            number::plain(if spec.whole { v.round() } else { v })
        }
    }
}

fn export(m: &Model) -> Value {
    serde_json::from_str(&m.export_document().expect("valid inputs").to_json()).unwrap()
}

#[test]
fn every_scalar_of_every_calculator_is_read_from_the_url_and_exported() {
    let mut checked = 0;
    for calc in Calculator::ALL {
        let fresh = Model::from_query(&format!("?calc={}", calc.as_str()), NONE);
        for d in fresh.slot().decls() {
            let v = sample(d.kind, fresh.slot().scalar_value(d.key));
            let m = Model::from_query(&format!("?calc={}&{}={}", calc.as_str(), d.key, v), NONE);
            assert_eq!(m.calc, calc);
            assert!(m.url_has_inputs);
            let doc = export(&m);
            let got = &doc["inputs"][d.key];
            let want: Value = match d.kind {
                InputKind::Choice(_) | InputKind::Date => json!(v),
                InputKind::Bool => json!(v == "true"),
                _ => json!(v.parse::<f64>().unwrap()),
            };
            assert_eq!(got, &want, "{}.{}", calc.as_str(), d.key);
            // And written back into the URL.
            assert!(m.to_query().contains(&format!("{}=", d.key)), "{}", m.to_query());
            checked += 1;
        }
    }
    assert!(checked >= 21, "{checked}");
}

#[test]
fn a_teacher_presets_the_questionnaire_scale_and_tolerance_by_url() {
    let m = Model::from_query("?calc=satisfaction_gap&instrument=servqual22&scale_min=1&scale_max=5&tolerance=0.5", NONE);
    let doc = export(&m);
    assert_eq!(doc["inputs"]["instrument"], "servqual22");
    assert_eq!(doc["inputs"]["items"].as_array().unwrap().len(), 22);
    assert_eq!(doc["inputs"]["scale_max"], 5.0);
    assert_eq!(doc["inputs"]["tolerance"], 0.5);
    // Every rating starts inside the preset scale.
    assert!(doc["inputs"]["items"].as_array().unwrap().iter().all(|it| (1.0..=5.0).contains(&it["expected"].as_f64().unwrap())));
}

fn round_trip(m: &Model) {
    let doc = m.export_document().expect("valid");
    // URL → model reproduces the same document.
    let back = Model::from_query(&m.to_query(), NONE);
    assert_eq!(back.export_document().map(|d| d.to_json()), Some(doc.to_json()));
    // JSON → import → the same URL.
    let mut imported = Model::new(m.lang);
    imported.update(Action::ImportText(doc.to_json()));
    assert!(imported.import_errors.is_empty(), "{:?}", imported.import_errors);
    assert_eq!(imported.to_query(), m.to_query());
}

#[test]
fn every_calculators_defaults_round_trip_through_url_json_and_import() {
    for calc in Calculator::ALL {
        let m = Model::from_query(&format!("?calc={}&lang=en&currency=USD", calc.as_str()), NONE);
        round_trip(&m);
    }
}

fn model_with(doc: Document) -> Model {
    let mut m = Model::new(Lang::En);
    m.update(Action::ImportText(doc.to_json()));
    assert!(m.import_errors.is_empty(), "{:?}", m.import_errors);
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_valid_inputs_round_trip(cv in inputs_strategy(), dv in dv_inputs(), sg in sg_inputs()) {
        round_trip(&model_with(Document::customer_value(cv, Currency::Usd, Vec::new())));
        round_trip(&model_with(Document::delivered_value(dv, Currency::Eur, Vec::new())));
        round_trip(&model_with(Document::satisfaction_gap(sg, Currency::Cny, Vec::new())));
    }
}

fn tool(m: &mut Model, a: ToolAction) {
    m.update(Action::Tool(a));
}

#[test]
fn sensitivity_goal_seek_and_monte_carlo_run_on_every_calculators_outputs() {
    for calc in Calculator::ALL {
        let q = match calc {
            // Weights make the weighted score an output too.
            Calculator::SatisfactionGap => {
                "?calc=satisfaction_gap&lang=en&state=".to_string()
                    + &state::encode(&json!({
                "instrument": "custom", "scale_min": 1, "scale_max": 7, "tolerance": 0,
                "items": [{"id": "a", "expected": 6, "perceived": 5}, {"id": "b", "expected": 5, "perceived": 6}],
                "dimension_weights": {"a": 1, "b": 3}}))
            }
            c => format!("?calc={}&lang=en", c.as_str()),
        };
        let mut m = Model::from_query(&q, NONE);
        let view = m.scenario_view();
        assert!(!view.params.is_empty(), "{calc:?} has inputs to vary");
        for (out, _) in view.outputs.clone() {
            tool(&mut m, ToolAction::SensOutput(out.into()));
            tool(&mut m, ToolAction::RunSensitivity);
            let run = m.slot().tools().sensitivity.clone().expect("ran");
            assert_eq!(run.output, out);
            assert_eq!(run.rows.len(), view.params.len());
            // Goal seek for the output at its current value is found.
            let now = run.base.expect("defined");
            tool(&mut m, ToolAction::GoalOutput(out.into()));
            tool(&mut m, ToolAction::GoalTarget(number::plain(now)));
            tool(&mut m, ToolAction::RunGoalSeek);
            let g = m.slot().tools().goal.clone().expect("solved");
            assert_eq!(g.output, out);
            // Monte Carlo on the first input.
            let key = view.params[0].0.key.clone();
            tool(&mut m, ToolAction::McOutput(out.into()));
            tool(&mut m, ToolAction::McToggle(key, true));
            tool(&mut m, ToolAction::McDraws("500".into()));
            let mut fx = m.update(Action::RunMonteCarlo);
            let Some(Effect::StartTask(mut job)) = fx.drain(..).find(|e| matches!(e, Effect::StartTask(_))) else {
                panic!("{calc:?} {out}: no task")
            };
            while !job.step(100) {}
            m.update(Action::TaskDone(job.finish().expect("summary")));
            let mc = m.slot().tools().monte_carlo.clone().expect("recorded");
            assert_eq!((mc.output.as_str(), mc.draws), (out, 500));
            let doc = export(&m);
            assert_eq!(doc["analysis"]["monte_carlo"]["output"], out);
            assert_eq!(doc["analysis"]["sensitivity"]["output"], out);
        }
    }
}

#[test]
fn what_if_choices_never_leak_to_another_calculator() {
    let mut m = Model::from_query("?lang=en", NONE);
    tool(&mut m, ToolAction::SensOutput("satisfaction_swing".into()));
    tool(&mut m, ToolAction::GoalInput("spend_per_purchase".into()));
    m.update(Action::SetCalc(Calculator::DeliveredValue));
    let v = m.scenario_view();
    assert_eq!(v.chosen_outputs[0], "delivered_value");
    assert_eq!(v.goal_input, "product_value");
    tool(&mut m, ToolAction::RunSensitivity);
    let run = m.slot().tools().sensitivity.clone().unwrap();
    assert!(run.rows.iter().all(|r| r.swing.is_some()), "every offer input is varied: {:?}", run.rows);
    tool(&mut m, ToolAction::GoalTarget("100".into()));
    tool(&mut m, ToolAction::RunGoalSeek);
    assert_eq!(m.slot().tools().goal.as_ref().unwrap().input, "product_value");
}

#[test]
fn invalid_what_if_settings_get_a_message_and_never_run() {
    let mut m = Model::from_query("?lang=en", NONE);
    for bad in ["1e9", "-10", "abc", "0"] {
        tool(&mut m, ToolAction::SensP(bad.into()));
        assert!(m.slot().tools().sens_p_error().is_some(), "{bad}");
        tool(&mut m, ToolAction::RunSensitivity);
        assert!(m.slot().tools().sensitivity.is_none(), "{bad} ran");
        assert_eq!(m.notice, Some(Notice::Message(Msg::ToolFixSettings)));
    }
    tool(&mut m, ToolAction::McSeed("-1".into()));
    assert!(m.slot().tools().seed_error().is_some());
    tool(&mut m, ToolAction::McToggle("spend_per_purchase".into(), true));
    assert!(m.update(Action::RunMonteCarlo).iter().all(|e| !matches!(e, Effect::StartTask(_))));
    assert_eq!(m.slot().tools().mc_message, Some(Msg::McSeedRange));
    tool(&mut m, ToolAction::McSeed("7".into()));
    // A range outside the input's valid range (a rate above 100%) is refused at the row.
    tool(&mut m, ToolAction::McToggle("conversion_rate".into(), true));
    tool(&mut m, ToolAction::McRange("conversion_rate".into(), 2, "150".into()));
    let rows = m.slot().range_rows();
    let row = rows.iter().find(|r| r.param.key == "conversion_rate").unwrap();
    assert_eq!(row.error.as_ref().map(|_| ()), Some(()));
    assert!(m.update(Action::RunMonteCarlo).iter().all(|e| !matches!(e, Effect::StartTask(_))));
    // The row says what is wrong; the run points at the marked rows.
    assert_eq!(m.slot().tools().mc_message, Some(Msg::McFixRanges));
}

#[test]
fn what_if_outputs_are_shown_in_their_results_units() {
    use customer_value_calculator::domain::math::Unit;
    for (calc, key, unit) in [
        ("customer_value", "replacement_customers", Unit::Count),
        ("customer_value", "annual_value", Unit::Money),
        ("delivered_value", "rank", Unit::Count),
        ("delivered_value", "value_cost_ratio", Unit::Ratio),
        ("satisfaction_gap", "unweighted_score", Unit::Ratio),
        ("customer_base", "expected_transactions", Unit::Count),
        ("customer_base", "total_clv", Unit::Money),
        ("retention_curve", "undervaluation", Unit::Percent),
        ("retention_curve", "del", Unit::Money),
    ] {
        let view = Model::from_query(&format!("?calc={calc}&lang=en"), NONE).scenario_view();
        assert!(view.outputs.iter().any(|o| o.0 == key), "{calc}: {key} is an output");
        assert_eq!(view.unit_of(key), unit, "{calc}: {key}");
    }
    // While an input is invalid the tools' last runs stay on screen, in their units.
    for (query, key, unit) in [
        ("calc=satisfaction_gap&scale_max=abc", "unweighted_score", Unit::Ratio),
        ("calc=retention_curve&discount_rate=abc", "undervaluation", Unit::Percent),
    ] {
        let view = Model::from_query(&format!("?{query}&lang=en"), NONE).scenario_view();
        assert!(view.outputs.is_empty(), "{query}: invalid");
        assert_eq!(view.unit_of(key), unit, "{query}");
    }
}

#[test]
fn imported_analysis_is_validated() {
    let m = Model::from_query("?lang=en", NONE);
    let mut doc = export(&m);
    doc["analysis"] = json!({"monte_carlo": {"output": "lifetime_value", "seed": 1, "draws": 1e12,
        "ranges": {}, "summary": {"mean": 1, "p5": 1, "p50": 1, "p95": 1}}, "histogram": []});
    let mut other = Model::new(Lang::En);
    other.update(Action::ImportText(doc.to_string()));
    let lines: Vec<String> = other.import_errors.iter().map(|e| e.line(Lang::En)).collect();
    assert_eq!(lines, vec!["analysis.histogram: unknown key", "analysis.monte_carlo.draws: must be at most 1000000"]);
}

#[test]
fn locked_inputs_keep_the_teachers_value_whatever_arrives() {
    let q = "?embed=1&lock=spend_per_purchase&spend_per_purchase=80&lang=en";
    let teacher = Model::from_query(q, NONE);
    let student = Model::from_query("?spend_per_purchase=20&lifetime_years=3&lang=en", NONE);
    let doc = student.export_document().unwrap().to_json();
    for via in [Action::ImportText(doc.clone()), Action::LoadFromParent(doc.clone())] {
        let mut m = teacher.clone();
        m.update(via);
        assert_eq!(m.cv().text(customer_value_calculator::domain::customer_value::CvField::SpendPerPurchase), "80");
        assert_eq!(m.cv().text(customer_value_calculator::domain::customer_value::CvField::LifetimeYears), "3");
        assert_eq!(m.notice, Some(Notice::LockedKept));
    }
    let mut m = teacher.clone();
    m.update(Action::RestoreSaved(vec![(Calculator::CustomerValue, student.autosave_entry(Calculator::CustomerValue).1)]));
    assert_eq!(export(&m)["inputs"]["spend_per_purchase"], 80.0);
    m.update(Action::Reset);
    assert_eq!(export(&m)["inputs"]["spend_per_purchase"], 80.0);
    // `calculator.key` locks that calculator's input only.
    let m = Model::from_query("?calc=satisfaction_gap&lock=satisfaction_gap.instrument&instrument=servqual22", NONE);
    let mut m2 = m.clone();
    m2.update(Action::ImportText(Model::from_query("?calc=satisfaction_gap", NONE).export_document().unwrap().to_json()));
    assert_eq!(export(&m2)["inputs"]["instrument"], "servqual22");
}

#[test]
fn a_document_for_a_calculator_outside_tabs_is_refused() {
    let mut m = Model::from_query("?embed=1&tabs=customer_value&lang=en", NONE);
    let dv = Model::from_query("?calc=delivered_value", NONE).export_document().unwrap().to_json();
    let before = m.clone();
    m.update(Action::ImportText(dv.clone()));
    assert_eq!(m.calc, Calculator::CustomerValue);
    assert_eq!(
        m.import_errors.iter().map(|e| e.line(Lang::En)).collect::<Vec<_>>(),
        vec!["calculator: this calculator is not offered on this page"]
    );
    assert_eq!(m.slots, before.slots);
    let fx = m.update(Action::LoadFromParent(dv));
    assert!(fx.iter().any(|e| matches!(e, Effect::PostLoadRefused("calculator-not-offered"))), "{fx:?}");
    let fx = m.update(Action::LoadFromParent("{".into()));
    assert!(fx.iter().any(|e| matches!(e, Effect::PostLoadRefused("invalid-document"))), "{fx:?}");
    // The tab switch to a calculator the teacher hid is ignored too.
    m.update(Action::SetCalc(Calculator::SatisfactionGap));
    assert_eq!(m.calc, Calculator::CustomerValue);
}

#[test]
fn an_update_returns_its_effects_as_data() {
    let mut m = Model::from_query("?lang=en", NONE);
    let mut last = Persisted::of(&m);
    // An update asks for the writes; the shell asks for them when the page is idle.
    let fx = m.update(Action::SetLang(Lang::ZhCn));
    assert!(matches!(fx.as_slice(), [Effect::Persist]), "{fx:?}");
    let fx = m.persist(&mut last);
    assert!(matches!(fx.as_slice(), [Effect::WriteUrl(q)] if q.contains("lang=zh-CN")), "{fx:?}");
    let edit = |v: &str| {
        Action::Calc(customer_value_calculator::domain::model::CalcAction::Cv(
            customer_value_calculator::domain::customer_value::CvAction::Edit(
                customer_value_calculator::domain::customer_value::CvField::SpendPerPurchase,
                v.into(),
            ),
        ))
    };
    m.update(edit("70"));
    let fx = m.persist(&mut last);
    assert!(fx.iter().any(|e| matches!(e, Effect::Save { key, .. } if key.ends_with(":customer_value"))), "{fx:?}");
    assert!(fx.iter().all(|e| !matches!(e, Effect::PostChange(_))), "not framed: no change message");
    // A burst of changes is written once, as the newest state.
    m.update(edit("71"));
    m.update(edit("72"));
    let fx = m.persist(&mut last);
    assert!(
        matches!(fx.as_slice(), [Effect::WriteUrl(q), Effect::Save { text, .. }] if q.contains("spend_per_purchase=72") && text.contains("72")),
        "{fx:?}"
    );
    m.framed = true;
    m.update(Action::SetCurrency(Currency::Eur));
    let fx = m.persist(&mut last);
    assert!(fx.iter().any(|e| matches!(e, Effect::PostChange(d) if d.contains("\"EUR\""))), "{fx:?}");
    // Nothing changed, nothing to write.
    m.framed = false;
    m.update(Action::DismissNotice);
    assert!(m.persist(&mut last).is_empty());
    // A switch of calculator saves the one shown.
    m.update(Action::SetCalc(Calculator::DeliveredValue));
    let fx = m.persist(&mut last);
    assert!(fx.iter().any(|e| matches!(e, Effect::Save { key, .. } if key.ends_with(":delivered_value"))), "{fx:?}");
}

#[test]
fn the_first_view_is_written_like_a_change() {
    // A page writes its first view in a task after it is interactive: the
    // address, the autosave entry and, framed, the parent's first `change`.
    let mut m = Model::from_query("?lang=en", NONE);
    m.framed = true;
    let fx = m.persist(&mut Persisted::unwritten(&m));
    assert!(matches!(fx.as_slice(), [Effect::WriteUrl(_), Effect::Save { .. }, Effect::PostChange(_)]), "{fx:?}");
    // A link's inputs are not saved over the user's own until edited.
    let mut m = Model::from_query("?calc=customer_value&spend_per_purchase=80", NONE);
    assert!(m.url_has_inputs);
    let mut first = Persisted::unwritten(&m);
    let fx = m.persist(&mut first);
    assert!(matches!(fx.as_slice(), [Effect::WriteUrl(q)] if q.contains("spend_per_purchase=80")), "{fx:?}");
    assert!(m.persist(&mut first).is_empty(), "written once");
    m.update(Action::SetLang(Lang::ZhTw));
    assert!(matches!(m.persist(&mut first).as_slice(), [Effect::WriteUrl(_)]), "a language change is not an edit of the inputs");
    // The link restored none of the user's own inputs: opening another
    // calculator does not save its defaults over them; changing it does.
    m.update(Action::SetCalc(Calculator::DeliveredValue));
    let fx = m.persist(&mut first);
    assert!(fx.iter().all(|e| !matches!(e, Effect::Save { .. })), "{fx:?}");
    m.update(Action::SetCurrency(Currency::Eur));
    m.update(Action::SetCalc(Calculator::CustomerValue));
    let fx = m.persist(&mut first);
    assert!(fx.iter().all(|e| !matches!(e, Effect::Save { .. })), "the link's inputs are still unchanged: {fx:?}");
    m.update(Action::Calc(customer_value_calculator::domain::model::CalcAction::Cv(
        customer_value_calculator::domain::customer_value::CvAction::Edit(
            customer_value_calculator::domain::customer_value::CvField::SpendPerPurchase,
            "81".into(),
        ),
    )));
    let fx = m.persist(&mut first);
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Save { key, text } if key.ends_with(":customer_value") && text.contains("81"))),
        "{fx:?}"
    );
    // Back to the link's value: an edit all the same, so it is saved too.
    m.update(Action::Calc(customer_value_calculator::domain::model::CalcAction::Cv(
        customer_value_calculator::domain::customer_value::CvAction::Edit(
            customer_value_calculator::domain::customer_value::CvField::SpendPerPurchase,
            "80".into(),
        ),
    )));
    assert!(m.persist(&mut first).iter().any(|e| matches!(e, Effect::Save { .. })));
}

#[test]
fn a_calculator_is_parsed_when_first_read_and_again_after_a_change() {
    // Start-up parses (and, for the retention curve, fits) only what the
    // page reads; whether a slot was read does not make two states differ.
    let fresh = Model::from_query("?lang=en", NONE);
    let read = fresh.clone();
    assert!(read.slots.rc.inputs().is_some(), "the default cohorts are valid");
    assert!(fresh == read, "reading a slot changes no state");
    // An edit is parsed anew at the next read.
    let mut m = fresh.clone();
    assert!(m.slots.cv.inputs().is_some());
    m.update(Action::Calc(customer_value_calculator::domain::model::CalcAction::Cv(
        customer_value_calculator::domain::customer_value::CvAction::Edit(
            customer_value_calculator::domain::customer_value::CvField::SpendPerPurchase,
            "abc".into(),
        ),
    )));
    assert!(m.slots.cv.inputs().is_none(), "an invalid edit has no inputs");
    assert!(m != fresh);
}

#[test]
fn error_messages_are_pinned() {
    use customer_value_calculator::domain::name::check_name;
    use customer_value_calculator::domain::retention_curve::{CohortForm, RcForm, RcPreset};
    assert_eq!(check_name("  ").unwrap_err().to_string(), "enter a name");
    assert_eq!(check_name(&"x".repeat(61)).unwrap_err().to_string(), "at most 60 characters");
    // A Monte Carlo range out of the input's valid range, and out of order.
    let mut m = Model::from_query("?lang=en", NONE);
    tool(&mut m, ToolAction::McRange("conversion_rate".into(), 2, "150".into()));
    tool(&mut m, ToolAction::McRange("spend_per_purchase".into(), 0, "90".into()));
    let rows = m.slot().range_rows();
    let msg = |k: &str| rows.iter().find(|r| r.param.key == k).and_then(|r| r.error.as_ref()).map(|e| e.to_string());
    assert_eq!(msg("conversion_rate").as_deref(), Some("must be at most 100"));
    assert_eq!(msg("spend_per_purchase").as_deref(), Some("needs lowest ≤ most likely ≤ highest"));
    // Cohort cells.
    let mut f = RcForm::from_inputs(&RcPreset::HighEnd.inputs(Lang::En));
    f.cohorts[0].cells[3] = "900".into();
    f.cohorts.push(CohortForm { name: "b".into(), cells: vec!["100".into(), "".into(), "80".into()] });
    let errs: Vec<String> = f.cell_errors().iter().map(|(_, _, e)| e.to_string()).collect();
    assert_eq!(
        errs,
        vec![
            "cohort 2, n1: blank inside the cohort; only trailing cells may be blank",
            "cohort 1, n3: 900 is more than the 743 before it; counts cannot rise",
        ]
    );
    // Import errors display as `path: message`.
    let mut other = Model::new(Lang::En);
    other.update(Action::ImportText("{}".into()));
    assert_eq!(other.import_errors[0].to_string(), "format: not a customer-value-calculator document");
}
