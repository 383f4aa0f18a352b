//! A survey's respondents and α travel with the inputs (a reload, a share
//! link, a document imported again); a questionnaire left for another comes
//! back as the user left it.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::model::{Action, CalcAction, Model};
use customer_value_calculator::domain::satisfaction::SgAction;
use customer_value_calculator::domain::worker::SharedBytes;

mod common;
use common::{sg_model as model, survey_header as header};

#[test]
fn a_surveys_summary_survives_export_import_links_and_autosave_and_an_edit_drops_it() {
    use customer_value_calculator::domain::i18n::Lang;
    use customer_value_calculator::domain::Calculator;
    use serde_json::{json, Value};
    let mut m = model();
    // Two items share a dimension, so it has an α.
    let first = &m.slots.sg.form.items[0];
    let dim = if first.dimension.is_empty() { first.id.clone() } else { first.dimension.clone() };
    m.update(Action::Calc(CalcAction::Sg(SgAction::ItemDimension(1, dim))));
    let csv = format!("{}5,6,7,4,4,4\n3,4,5,6,6,6\n4,4,6,5,6,5\n", header(&m));
    m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(csv.into_bytes())))));
    let summary = m.slots.sg.form.survey.clone().expect("a summary");
    assert_eq!(summary.respondents, 3);
    assert!(summary.alpha.values().any(|a| a.expected.is_some()), "{summary:?}");
    // The document carries it in its inputs, so the recomputed results show it again.
    let text = m.export_document().unwrap().to_json();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["inputs"]["survey"], doc["results"]["survey"]);
    assert_eq!(doc["inputs"]["survey"]["respondents"], 3);
    let mut imported = model();
    imported.update(Action::ImportText(text.clone()));
    assert!(imported.import_errors.is_empty(), "{:?}", imported.import_errors);
    assert_eq!(imported.slots.sg.form.survey.as_ref(), Some(&summary));
    assert_eq!(imported.sg_view().results.and_then(|r| r.survey), Some(summary.clone()));
    // So do the share link (its `state`) and the autosave entry.
    let linked = Model::from_query(&format!("?{}", m.to_query()), &[] as &[&str]);
    assert_eq!(linked.slots.sg.form.survey.as_ref(), Some(&summary));
    let mut restored = model();
    restored.update(Action::RestoreSaved(vec![(Calculator::SatisfactionGap, m.autosave_entry(Calculator::SatisfactionGap).1)]));
    assert_eq!(restored.slots.sg.form.survey.as_ref(), Some(&summary));
    // A bad summary is refused with its paths, and changes nothing.
    let mut bad = doc.clone();
    bad["inputs"]["survey"]["respondents"] = json!(2.5);
    bad["inputs"]["survey"]["alpha"]["nowhere"] = json!({"expected": 2.0, "perceived": null});
    imported.update(Action::ImportText(bad.to_string()));
    let lines: Vec<String> = imported.import_errors.iter().map(|e| e.line(Lang::En)).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("inputs.survey.respondents: "), "{lines:?}");
    assert!(lines[1].starts_with("inputs.survey.alpha.nowhere: "), "{lines:?}");
    assert!(lines[2].starts_with("inputs.survey.alpha.nowhere.expected: "), "{lines:?}");
    assert_eq!(imported.slots.sg.form.survey.as_ref(), Some(&summary));
    // New ratings, or items grouped anew, are no longer the survey's.
    let mut regrouped = imported.clone();
    regrouped.update(Action::Calc(CalcAction::Sg(SgAction::ItemDimension(1, String::new()))));
    assert!(regrouped.slots.sg.form.survey.is_none());
    m.update(Action::Calc(CalcAction::Sg(SgAction::Rating(0, true, "6".into()))));
    assert!(m.slots.sg.form.survey.is_none());
    let doc: Value = serde_json::from_str(&m.export_document().unwrap().to_json()).unwrap();
    assert!(doc["inputs"].get("survey").is_none() && doc["results"]["survey"].is_null(), "{doc}");
}

#[test]
fn a_questionnaire_left_for_another_comes_back_as_the_user_left_it() {
    use customer_value_calculator::domain::satisfaction::Instrument;
    let mut m = model();
    let sg = |a: SgAction| Action::Calc(CalcAction::Sg(a));
    m.update(sg(SgAction::ItemLabel(0, "Delivery".into())));
    m.update(sg(SgAction::AddAttribute));
    let csv = format!("{}5,6,7,4,4,4,3,4\n3,4,5,6,6,6,5,5\n", header(&m));
    m.update(sg(SgAction::Survey(SharedBytes::new(csv.into_bytes()))));
    assert!(m.slots.sg.form.survey.is_some());
    let mine = m.slots.sg.form.clone();
    m.update(sg(SgAction::Instrument(Instrument::Servqual22)));
    assert_eq!(m.slots.sg.form.items.len(), 22);
    assert!(m.slots.sg.form.survey.is_none());
    m.update(sg(SgAction::Rating(0, true, "6".into())));
    m.update(sg(SgAction::Instrument(Instrument::Custom)));
    let back = &m.slots.sg.form;
    assert_eq!((&back.items, &back.weights, &back.survey), (&mine.items, &mine.weights, &mine.survey));
    // SERVQUAL's ratings were set aside too.
    m.update(sg(SgAction::Instrument(Instrument::Servqual22)));
    assert_eq!(m.slots.sg.form.items[0].expected, "6");
    // A survey read on another scale does not come back.
    m.update(sg(SgAction::Setting(customer_value_calculator::domain::satisfaction::SgSetting::ScaleMax, "5".into())));
    m.update(sg(SgAction::Instrument(Instrument::Custom)));
    assert_eq!(m.slots.sg.form.items, mine.items);
    assert!(m.slots.sg.form.survey.is_none());
}

#[test]
fn perfectly_consistent_answers_give_alpha_1_and_their_document_imports() {
    use serde_json::{json, Value};
    let mut m = model();
    for i in 1..3 {
        m.update(Action::Calc(CalcAction::Sg(SgAction::ItemDimension(i, "service".into()))));
    }
    m.update(Action::Calc(CalcAction::Sg(SgAction::ItemDimension(0, "service".into()))));
    // Straight-lined expectations: α is 1 exactly (in floating point it came out 1.0000000000000004).
    let csv = format!("{}1,1,1,4,5,4\n2,2,2,5,4,4\n2,2,2,6,6,5\n", header(&m));
    m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(csv.into_bytes())))));
    let a = m.slots.sg.form.survey.as_ref().unwrap().alpha["service"].expected.unwrap();
    assert!(a <= 1.0 && a > 0.999_999, "{a}");
    let text = m.export_document().unwrap().to_json();
    let mut back = model();
    back.update(Action::ImportText(text.clone()));
    assert!(back.import_errors.is_empty(), "{:?}", back.import_errors);
    // A whole number written as 12.0 (as Python's json writes floats) imports too.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["inputs"]["survey"]["respondents"] = json!(12.0);
    back.update(Action::ImportText(doc.to_string()));
    assert!(back.import_errors.is_empty(), "{:?}", back.import_errors);
    assert_eq!(back.slots.sg.form.survey.as_ref().map(|s| s.respondents), Some(12));
}

#[test]
fn a_scale_given_in_the_url_over_a_state_drops_the_survey_read_on_another_scale() {
    let mut m = model();
    let csv = format!("{}5,6,7,4,4,4\n3,4,5,6,6,6\n", header(&m));
    m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(csv.into_bytes())))));
    let q = m.to_query();
    assert!(Model::from_query(&format!("?{q}"), &[] as &[&str]).slots.sg.form.survey.is_some());
    let other = Model::from_query(&format!("?{q}&scale_max=9"), &[] as &[&str]);
    assert!(other.slots.sg.form.survey.is_none());
}
