//! A page the user comes back to keeps what they had: a reload of their own
//! address restores the autosave (a customer base's data, which no URL
//! carries, and the other calculators), a teacher's link does not; locked
//! inputs keep the teacher's value in the URL's own form.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_value::{CvAction, CvField};
use customer_value_calculator::domain::delivered_value::DvAction;
use customer_value_calculator::domain::model::{Action, CalcAction, Model, Notice};
use customer_value_calculator::domain::Calculator;
use serde_json::{json, Value};

const NONE: &[&str] = &[];

#[test]
fn a_reload_of_the_users_own_page_keeps_their_data_a_teachers_link_does_not() {
    let none: &[&str] = &[];
    // The user's page: their own 12 customers (through a document import),
    // then a setting; the address then carries the settings, not the data.
    let mut own = Model::from_query("?calc=customer_base&lang=en", none);
    let mut doc: Value = serde_json::from_str(&own.export_document().unwrap().to_json()).unwrap();
    let rows: Vec<Value> = (0..12)
        .map(|k| json!([format!("c{k}"), k % 3, (k % 3) as f64 * 4.0, 20.0, if k % 3 > 0 { 10.0 + k as f64 } else { 0.0 }, 50.0]))
        .collect();
    doc["inputs"]["data"]["rows"] = Value::Array(rows);
    doc["inputs"]["data"]["source"]["file"] = json!("mine.csv");
    own.update(Action::ImportText(doc.to_string()));
    assert!(own.import_errors.is_empty(), "{:?}", own.import_errors);
    own.update(Action::EditScalar("horizon_months".into(), "24".into()));
    let address = own.to_query();
    let saved = own.autosave_entry(Calculator::CustomerBase).1;
    // Reloading that address finds the link's settings and the sample data,
    // then takes the autosaved data back, quietly.
    let mut reload = Model::from_query(&format!("?{address}"), none);
    assert!(reload.url_has_inputs);
    assert_eq!(reload.slots.cb.form.data().rows.len(), 1000);
    assert!(reload.restore_own_page(vec![(Calculator::CustomerBase, saved.clone())]));
    assert_eq!(reload.slots.cb.form.data().rows.len(), 12);
    assert_eq!(reload.to_query(), address);
    assert_eq!(reload.notice, None);
    // A link with other settings is somebody else's view: it keeps its own.
    let mut teacher = Model::from_query(&format!("?{}", address.replace("horizon_months=24", "horizon_months=36")), none);
    assert!(!teacher.restore_own_page(vec![(Calculator::CustomerBase, saved.clone())]));
    assert_eq!(teacher.slots.cb.form.data().rows.len(), 1000);
    assert!(teacher.to_query().contains("horizon_months=36"));
    // Unreadable storage changes nothing.
    let mut broken = Model::from_query(&format!("?{address}"), none);
    assert!(!broken.restore_own_page(vec![(Calculator::CustomerBase, "{\"broken".into())]));
    assert_eq!(broken.slots.cb.form.data().rows.len(), 1000);
    assert_eq!(broken.notice, None);
}

#[test]
fn on_the_users_own_page_the_other_calculators_come_back_too() {
    let mut own = Model::from_query("?lang=en", NONE);
    own.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "65".into()))));
    own.update(Action::Calc(CalcAction::Dv(DvAction::Rename(0, "Saved".into()))));
    let dv_saved = own.autosave_entry(Calculator::DeliveredValue).1;
    let saved =
        vec![(Calculator::CustomerValue, own.autosave_entry(Calculator::CustomerValue).1), (Calculator::DeliveredValue, dv_saved.clone())];
    let address = own.to_query();
    let mut reload = Model::from_query(&format!("?{address}"), NONE);
    assert!(reload.restore_own_page(saved.clone()));
    assert_eq!(reload.autosave_entry(Calculator::DeliveredValue).1, dv_saved);
    assert_eq!(reload.notice, None);
    // A teacher's link restores none of them.
    let mut link = Model::from_query("?lang=en&spend_per_purchase=70", NONE);
    let defaults = link.autosave_entry(Calculator::DeliveredValue).1;
    assert!(!link.restore_own_page(saved));
    assert_eq!(link.autosave_entry(Calculator::DeliveredValue).1, defaults);
}

#[test]
fn a_locked_rate_given_as_a_bare_number_keeps_its_text_and_error() {
    let mut m = Model::from_query("?lang=en&conversion_rate=20&lock=conversion_rate", NONE);
    assert_eq!(m.cv().text(CvField::ConversionRate), "2000");
    let q = m.to_query();
    assert!(q.contains("conversion_rate=2000%25"), "{q}");
    // Reset puts the teacher's value back, as it was, once.
    m.update(Action::Reset);
    assert_eq!(m.cv().text(CvField::ConversionRate), "2000");
    assert_eq!(m.to_query(), q);
    assert_eq!(m.notice, Some(Notice::LockedKept));
    // Nothing to put back after that: no notice on the next change.
    m.notice = None;
    m.update(Action::Calc(CalcAction::Cv(CvAction::Edit(CvField::SpendPerPurchase, "60".into()))));
    assert_eq!(m.notice, None);
    assert_eq!(m.cv().text(CvField::ConversionRate), "2000");
}
