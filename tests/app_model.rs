//! The application model: URL parsing and writing, language negotiation,
//! actions, the view model and the "show the math" steps.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_value::CvAction;
use customer_value_calculator::domain::customer_value::{CvField, CvForm, CvPreset};
use customer_value_calculator::domain::delivered_value::DvAction;
use customer_value_calculator::domain::i18n::{Lang, Msg};
use customer_value_calculator::domain::math::PlainFormat;
use customer_value_calculator::domain::model::{Action, CalcAction, Model};
use customer_value_calculator::domain::whatif::tools::ToolAction;
use customer_value_calculator::domain::{Calculator, Currency};
use proptest::prelude::*;

const NONE: &[&str] = &[];

#[test]
fn calc_parameter_and_fallback() {
    assert_eq!(Model::from_query("?calc=delivered_value", NONE).calc, Calculator::DeliveredValue);
    assert_eq!(Model::from_query("calc=satisfaction_gap", NONE).calc, Calculator::SatisfactionGap);
    assert_eq!(Model::from_query("?calc=nonsense", NONE).calc, Calculator::CustomerValue);
    assert_eq!(Model::from_query("?calc=", NONE).calc, Calculator::CustomerValue);
    assert_eq!(Model::from_query("", NONE).calc, Calculator::CustomerValue);
}

#[test]
fn lang_parameter_then_browser_then_english() {
    assert_eq!(Model::from_query("?lang=zh-CN", &["en-US"]).lang, Lang::ZhCn);
    assert_eq!(Model::from_query("?lang=zh-TW", NONE).lang, Lang::ZhTw);
    assert_eq!(Model::from_query("?lang=en", &["zh-CN"]).lang, Lang::En);
    assert_eq!(Model::from_query("?lang=klingon", &["zh-HK", "en"]).lang, Lang::ZhTw);
    assert_eq!(Model::from_query("", &["fr-FR", "zh-Hans-CN"]).lang, Lang::ZhCn);
    assert_eq!(Model::from_query("", &["fr-FR", "de"]).lang, Lang::En);
    assert_eq!(Model::from_query("", NONE).lang, Lang::En);
}

#[test]
fn currency_follows_language_unless_chosen() {
    assert_eq!(Model::from_query("?lang=zh-CN", NONE).currency(), Currency::Cny);
    assert_eq!(Model::from_query("?lang=zh-TW", NONE).currency(), Currency::Twd);
    assert_eq!(Model::from_query("?lang=en", NONE).currency(), Currency::Usd);
    assert_eq!(Model::from_query("?lang=en&currency=eur", NONE).currency(), Currency::Eur);
    assert_eq!(Model::from_query("?lang=en&currency=XXX", NONE).currency(), Currency::Usd);
}

#[test]
fn inputs_from_the_url() {
    let m = Model::from_query("?spend_per_purchase=100&period=year&conversion_rate=0.25&retention_rate=0.8&round_people=true", NONE);
    assert_eq!(m.cv().text(CvField::SpendPerPurchase), "100");
    assert_eq!(m.cv().text(CvField::ConversionRate), "25");
    assert_eq!(m.cv().text(CvField::RetentionRate), "80");
    let v = m.cv_view();
    assert!(v.retention_on);
    assert_eq!(v.result("purchases_per_year"), Some(1.0));
    assert_eq!(v.result("annual_value"), Some(100.0));
    assert!((v.result("expected_lifetime_years").unwrap() - 5.0).abs() < 1e-12);
}

#[test]
fn bad_url_values_show_in_their_field() {
    let m = Model::from_query("?spend_per_purchase=abc&period=fortnight&conversion_rate=150%25&round_people=maybe", NONE);
    assert_eq!(m.cv().text(CvField::SpendPerPurchase), "abc");
    assert_eq!(m.cv().error(CvField::SpendPerPurchase).unwrap().to_string(), "not a number");
    assert_eq!(m.cv().error(CvField::Period).unwrap().to_string(), "is not one of the offered choices");
    assert_eq!(m.cv().error(CvField::ConversionRate).unwrap().to_string(), "must be at most 100");
    assert_eq!(m.cv().error(CvField::RoundPeople).unwrap().to_string(), "must be true or false");
    let v = m.cv_view();
    assert!(v.has_errors);
    assert_eq!(v.result("annual_value"), None);
    // A bad value is written back as typed so the link shows the same error.
    assert!(m.to_query().contains("spend_per_purchase=abc"));
}

#[test]
fn a_urls_rates_are_fractions_and_a_bare_number_beyond_shows_its_error() {
    let error = |m: &Model| m.cv().error(CvField::ConversionRate).map(|e| e.to_string());
    for (query, text, err) in [
        ("conversion_rate=0.2", "20", None),
        ("conversion_rate=20%25", "20", None),
        // A bare number is a fraction: 20 is 2000% and 1.5 is 150%, never quietly 20% or 1.5%.
        ("conversion_rate=20", "2000", Some("must be at most 100")),
        ("conversion_rate=1.5", "150", Some("must be at most 100")),
        ("conversion_rate=abc", "abc", Some("not a number")),
    ] {
        let m = Model::from_query(&format!("?{query}"), NONE);
        assert_eq!(m.cv().text(CvField::ConversionRate), text, "{query}");
        assert_eq!(error(&m).as_deref(), err, "{query}");
    }
    // Typed in the field, 150 means 150%: the link carries it with its `%` and opens the same.
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::ConversionRate, "150".into()))));
    let q = m.to_query();
    assert!(q.contains("conversion_rate=150%25"), "{q}");
    let back = Model::from_query(&format!("?{q}"), NONE);
    assert_eq!(error(&back).as_deref(), Some("must be at most 100"));
    assert_eq!(back.to_query(), q);
    // The retention curve's and the customer base's rates read alike.
    let rc = Model::from_query("?calc=retention_curve&discount_rate=10", NONE);
    assert_eq!(rc.slot().scalar_text("discount_rate").as_deref(), Some("1000"));
    let cb = Model::from_query("?calc=customer_base&margin_rate=0.3", NONE);
    assert_eq!(cb.slot().scalar_text("margin_rate").as_deref(), Some("30"));
}

#[test]
fn url_writes_every_input_as_json_values() {
    let m = Model::from_query("?lang=en", NONE);
    let q = m.to_query();
    assert!(q.starts_with("calc=customer_value&lang=en&"), "{q}");
    for f in CvField::ALL {
        if !matches!(f, CvField::RetentionRate | CvField::SatisfiedShare | CvField::DissatisfiedShare) {
            assert!(q.contains(&format!("{}=", f.key())), "{q} lacks {}", f.key());
        }
    }
    assert!(q.contains("conversion_rate=0.2"));
    assert!(!q.contains("retention_rate"), "null retention is absent: {q}");
}

#[test]
fn actions() {
    let mut m = Model::new(Lang::En);
    m.update(Action::SetLang(Lang::ZhTw));
    assert_eq!(m.lang, Lang::ZhTw);
    m.update(Action::SetCalc(Calculator::SatisfactionGap));
    assert_eq!(m.calc, Calculator::SatisfactionGap);
    m.update(Action::SetCurrency(Currency::Hkd));
    assert_eq!(m.currency(), Currency::Hkd);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "60".into()))));
    assert_eq!(m.cv().text(CvField::SpendPerPurchase), "60");
    m.update(Action::Calc(CalcAction::Cv(CvAction::Retention(true))));
    assert_eq!(m.cv().text(CvField::RetentionRate), "80");
    m.update(Action::Calc(CalcAction::Cv(CvAction::Retention(false))));
    assert_eq!(m.cv().text(CvField::RetentionRate), "");
    m.update(Action::Calc(CalcAction::Cv(CvAction::Preset(CvPreset::CourseExercise))));
    assert_eq!(*m.cv(), CvForm::default());
    m.update(Action::Calc(CalcAction::Cv(CvAction::Preset(CvPreset::Retention))));
    assert!(m.cv_view().retention_on);
}

#[test]
fn math_steps_show_the_users_numbers() {
    let m = Model::new(Lang::En);
    let v = m.cv_view();
    let line = |key: &str| v.steps().iter().find(|s| s.key == key).unwrap().line(Lang::En, &PlainFormat);
    assert_eq!(line("purchases_per_year"), "1 × 52 = 52");
    assert_eq!(line("annual_value"), "52 × 50 × 100% = 2,600");
    assert_eq!(line("lifetime_value"), "2,600 × 10 = 26,000");
    assert_eq!(line("referral_customers_gained"), "5 × (1 + 0) × 20% = 1");
    assert_eq!(line("referral_value_gained"), "1 × 26,000 = 26,000");
    assert_eq!(line("satisfied_customer_value"), "26,000 + 26,000 = 52,000");
    assert_eq!(line("referral_customers_lost"), "10 × (1 + 0) × 20% = 2");
    assert_eq!(line("dissatisfied_customer_loss"), "52,000 + 26,000 = 78,000");
    assert_eq!(line("satisfaction_swing"), "52,000 + 78,000 = 130,000");
    let formula = v.steps()[1].formula_line(Lang::ZhCn, &PlainFormat);
    assert_eq!(formula, "年价值 = 每年购买次数 × 每次消费额 × 利润率");
    // No retention steps while the model is off.
    assert!(v.steps().iter().all(|s| s.key != "retention_clv"));
}

#[test]
fn retention_math_steps() {
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Preset(CvPreset::Retention))));
    let v = m.cv_view();
    let line = |key: &str| v.steps().iter().find(|s| s.key == key).unwrap().line(Lang::En, &PlainFormat);
    assert_eq!(line("q"), "80% / (1 + 10%) = 0.7273");
    assert_eq!(line("retention_clv_perpetuity"), "100 × 80% / (1 + 10% − 80%) = 266.67");
    assert_eq!(line("retention_clv"), "Σ t = 1 … 10 : 100 × 0.7273^t = 255.63");
    assert_eq!(line("expected_lifetime_years"), "1 / (1 − 80%) = 5");
    assert_eq!(line("net_clv"), "255.63 − 150 = 105.63");
}

#[test]
fn invalid_input_shows_a_dash_in_the_math() {
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "".into()))));
    let v = m.cv_view();
    let s = v.steps().into_iter().find(|s| s.key == "annual_value").unwrap();
    assert_eq!(s.line(Lang::En, &PlainFormat), "52 × — × 100% = —");
    assert_eq!(v.fields[0].error.as_deref(), Some("enter a number"));
    assert!(v.chart().is_none());
}

#[test]
fn view_has_a_label_for_every_field_in_every_language() {
    for lang in Lang::ALL {
        for f in CvField::ALL {
            assert!(!f.label().text(lang).is_empty());
            assert!(!f.help().text(lang).is_empty());
        }
    }
    assert!(Msg::ALL.len() > 50);
}

#[test]
fn chart_has_both_series_with_the_retention_model() {
    let mut m = Model::new(Lang::En);
    assert_eq!(m.cv_view().chart().unwrap().0.paths.len(), 1);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Retention(true))));
    let v = m.cv_view();
    assert!(v.chart().unwrap().1);
    assert_eq!(v.chart().unwrap().0.paths.len(), 2);
}

proptest! {
    #[test]
    fn query_parsing_never_panics(q in "\\PC*") {
        let m = Model::from_query(&q, &["en"]);
        let _ = m.to_query();
        let _ = m.cv_view();
    }

    #[test]
    fn url_encode_decode_is_the_identity(texts in proptest::collection::vec("[0-9a-z.,%-]{0,6}", 17), lang in 0usize..3, calc in 0usize..1) {
        let mut m = Model::new(Lang::ALL[lang]);
        m.calc = Calculator::ALL[calc];
        for (f, t) in CvField::ALL.iter().zip(texts) {
            m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(*f, t))));
        }
        let back = Model::from_query(&m.to_query(), NONE);
        prop_assert_eq!(back.to_query(), m.to_query());
        prop_assert_eq!(back.lang, m.lang);
        // Every valid value survives exactly; the view computes the same results.
        for f in CvField::ALL {
            prop_assert_eq!(back.cv().url_value(*f), m.cv().url_value(*f));
        }
        prop_assert_eq!(back.cv_view().results, m.cv_view().results);
    }
}

#[test]
fn embed_parameters() {
    use customer_value_calculator::domain::model::Embed;
    let m = Model::from_query(
        "?calc=satisfaction_gap&embed=1&tabs=delivered_value,customer_value,bogus&lock=spend_per_purchase,period&hide=retention_rate",
        NONE,
    );
    assert_eq!(
        m.embed,
        Embed {
            compact: true,
            tabs: vec![Calculator::DeliveredValue, Calculator::CustomerValue],
            lock: vec!["spend_per_purchase".into(), "period".into()],
            parent_origin: None,
            hide: vec!["retention_rate".into()],
        }
    );
    // A calculator that is not offered falls back to the first offered one.
    assert_eq!(m.calc, Calculator::DeliveredValue);
    assert!(m.embed.locked("period") && !m.embed.locked("lifetime_years"));
    let q = m.to_query();
    assert!(
        q.contains("embed=1") && q.contains("tabs=delivered_value%2Ccustomer_value") && q.contains("lock=spend_per_purchase%2Cperiod"),
        "{q}"
    );
    assert!(!m.url_has_inputs);
    assert!(Model::from_query("?spend_per_purchase=3", NONE).url_has_inputs);
}

#[test]
fn autosave_round_trip_and_corrupted_storage() {
    use customer_value_calculator::domain::model::{storage_key, Notice};
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "65".into()))));
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::LifetimeYears, "abc".into()))));
    m.update(Action::Calc(CalcAction::Dv(DvAction::Rename(0, "Saved".into()))));
    let entries = m.autosave_entries();
    assert_eq!(entries[0].0, storage_key(Calculator::CustomerValue));
    assert_eq!(entries[0].0, "customer-value-calculator:v1:customer_value");
    let mut fresh = Model::new(Lang::En);
    fresh.update(Action::RestoreSaved(vec![
        (Calculator::CustomerValue, entries[0].1.clone()),
        (Calculator::DeliveredValue, entries[1].1.clone()),
    ]));
    assert_eq!(fresh.cv(), m.cv());
    assert_eq!(fresh.dv(), m.dv());
    assert_eq!(fresh.notice, Some(Notice::Restored));
    let mut broken = Model::new(Lang::En);
    broken.update(Action::RestoreSaved(vec![(Calculator::CustomerValue, "{\"broken".into())]));
    assert_eq!(*broken.cv(), CvForm::default());
    assert_eq!(broken.notice, Some(Notice::BadSaved));
}

#[test]
fn import_and_export_through_actions() {
    use customer_value_calculator::domain::model::Notice;
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::WeeksPerYear, "50".into()))));
    let text = m.export_document().unwrap().to_json();
    let mut other = Model::new(Lang::ZhCn);
    other.calc = Calculator::DeliveredValue;
    other.update(Action::ImportText(text.clone()));
    assert_eq!(other.calc, Calculator::CustomerValue);
    assert_eq!(other.cv_view().result("lifetime_value"), Some(25000.0));
    assert_eq!(other.notice, Some(Notice::Imported));
    // A rejected import changes nothing and lists the errors.
    let before = other.clone();
    other.update(Action::ImportText(text.replace("\"period\": \"week\"", "\"period\": \"fortnight\"")));
    assert_eq!(other.cv(), before.cv());
    assert_eq!(other.import_errors.len(), 1);
    assert_eq!(other.import_errors[0].line(Lang::En), "inputs.period: is not one of the offered choices");
    // Invalid inputs cannot be exported.
    other.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "x".into()))));
    assert!(other.export_document().is_none());
    other.update(Action::Reset);
    assert_eq!(*other.cv(), CvForm::default());
}

#[test]
fn scenarios_actions_limits_and_the_url() {
    use customer_value_calculator::domain::model::Notice;
    let mut m = Model::new(Lang::En);
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "60".into()))));
    m.update(Action::SaveScenario("Loyalty card".into()));
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "50".into()))));
    assert_eq!(m.slots.cv.scenarios.len(), 1);
    let v = m.scenario_view();
    let swing = v.rows.iter().find(|r| r.key == "satisfaction_swing").unwrap();
    assert_eq!(swing.baseline, Some(130000.0));
    assert_eq!(swing.scenarios[0], (Some(156000.0), Some(26000.0), Some(0.2)));
    // The URL carries the scenarios in `state`.
    let back = Model::from_query(&m.to_query(), NONE);
    assert_eq!(back.slots.cv.scenarios, m.slots.cv.scenarios);
    assert_eq!(back.cv(), m.cv());
    // Names are required; at most 8.
    m.update(Action::SaveScenario("  ".into()));
    assert_eq!(m.notice, Some(Notice::ScenarioName));
    for k in 0..7 {
        m.update(Action::SaveScenario(format!("S{k}")));
    }
    m.update(Action::SaveScenario("ninth".into()));
    assert_eq!(m.slots.cv.scenarios.len(), 8);
    assert_eq!(m.notice, Some(Notice::TooManyScenarios));
    m.update(Action::LoadScenario(0));
    assert_eq!(m.cv().text(CvField::SpendPerPurchase), "60");
    m.update(Action::RenameScenario(0, "Card".into()));
    m.update(Action::DeleteScenario(1));
    assert_eq!(m.slots.cv.scenarios.len(), 7);
    assert_eq!(m.slots.cv.scenarios[0].0, "Card");
    // Scenarios and analysis go into the document.
    m.update(Action::Tool(ToolAction::SensOutput("satisfaction_swing".into())));
    m.update(Action::Tool(ToolAction::SensP("10".into())));
    m.update(Action::Tool(ToolAction::RunSensitivity));
    m.update(Action::Tool(ToolAction::GoalInput("spend_per_purchase".into())));
    m.update(Action::Tool(ToolAction::GoalOutput("lifetime_value".into())));
    m.update(Action::Tool(ToolAction::GoalTarget("52000".into())));
    m.update(Action::Tool(ToolAction::RunGoalSeek));
    assert!((m.slots.cv.tools.goal.as_ref().unwrap().value - 100.0).abs() < 1e-6);
    let doc: serde_json::Value = serde_json::from_str(&m.export_document().unwrap().to_json()).unwrap();
    assert_eq!(doc["scenarios"][0]["name"], "Card");
    assert_eq!(doc["analysis"]["sensitivity"]["output"], "satisfaction_swing");
    assert_eq!(doc["analysis"]["goal_seek"]["status"], "found");
    // Another calculator's document does not carry this analysis.
    m.update(Action::SetCalc(Calculator::DeliveredValue));
    let dv: serde_json::Value = serde_json::from_str(&m.export_document().unwrap().to_json()).unwrap();
    assert!(dv.get("analysis").is_none());
}
