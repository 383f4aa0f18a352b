//! The JSON document: export → import → export round trips, every rejection
//! with its paths, and the JSON Schema generated from the Rust types.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_value::CustomerValueInputs;
use customer_value_calculator::domain::delivered_value as dv;
use customer_value_calculator::domain::document::{file_name, import, schema_json, Document};
use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::{Calculator, Currency};
use proptest::prelude::*;

mod common;
use common::{dv_inputs, inputs_strategy, sg_inputs};
use serde_json::{json, Value};

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/schema/customer-value-calculator.v1.json");

fn errors(text: &str) -> Vec<String> {
    import(text).unwrap_err().iter().map(|e| e.line(Lang::En)).collect()
}

fn cv_doc() -> Value {
    serde_json::from_str(&Document::customer_value(CustomerValueInputs::default(), Currency::Cny, vec![]).to_json()).unwrap()
}

fn dv_doc() -> Value {
    serde_json::from_str(&Document::delivered_value(dv::preset(Lang::En), Currency::Usd, vec![]).to_json()).unwrap()
}

#[test]
fn the_exported_document_has_the_documented_shape() {
    let v = cv_doc();
    assert_eq!(v["format"], "customer-value-calculator");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["calculator"], "customer_value");
    assert_eq!(v["currency"], "CNY");
    assert_eq!(v["inputs"]["conversion_rate"], 0.2);
    assert_eq!(v["inputs"]["retention_rate"], Value::Null);
    assert_eq!(v["results"]["satisfaction_swing"], 130000.0);
    assert_eq!(v["results"]["net_clv"], Value::Null);
    assert_eq!(v["scenarios"], json!([]));
    assert_eq!(file_name(Calculator::CustomerValue, "2026-11-22"), "customer-value-2026-11-22.json");
    assert_eq!(file_name(Calculator::DeliveredValue, "2026-11-22"), "delivered-value-2026-11-22.json");
}

#[test]
fn results_are_recomputed_never_trusted() {
    let mut v = cv_doc();
    v["results"]["satisfaction_swing"] = json!(1);
    v["results"]["made_up"] = json!(5);
    let doc = import(&v.to_string()).unwrap();
    let back: Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(back["results"]["satisfaction_swing"], 130000.0);
    assert!(back["results"].get("made_up").is_none());
}

#[test]
fn rejections_name_every_offending_path() {
    assert_eq!(errors("not json"), vec!["not JSON: expected ident at line 1 column 2"]);
    assert_eq!(errors("[1,2]"), vec!["must be an object"]);
    let mut v = cv_doc();
    v["format"] = json!("something-else");
    assert_eq!(errors(&v.to_string()), vec!["format: not a customer-value-calculator document"]);
    let mut v = cv_doc();
    v["format_version"] = json!(2);
    assert_eq!(errors(&v.to_string()), vec!["format_version: unsupported format version 2: this app reads version 1"]);
    let mut v = cv_doc();
    v["calculator"] = json!("pricing");
    assert_eq!(errors(&v.to_string()), vec!["calculator: unknown calculator"]);

    let mut v = cv_doc();
    v["surprise"] = json!(1);
    v["inputs"]["spend_per_purchase"] = json!(-5);
    v["inputs"]["conversion_rate"] = json!(1.5);
    v["inputs"]["period"] = json!("fortnight");
    v["inputs"]["round_people"] = json!("yes");
    v["inputs"]["lifetime_years"] = json!("10");
    v["inputs"]["extra"] = json!(true);
    v["inputs"].as_object_mut().unwrap().remove("weeks_per_year");
    v["currency"] = json!("XYZ");
    let mut got = errors(&v.to_string());
    got.sort();
    assert_eq!(
        got,
        vec![
            "currency: unsupported currency",
            "inputs.conversion_rate: must be at most 1",
            "inputs.extra: unknown key",
            "inputs.lifetime_years: must be a number",
            "inputs.period: is not one of the offered choices",
            "inputs.round_people: must be true or false",
            "inputs.spend_per_purchase: must be at least 0",
            "inputs.weeks_per_year: missing",
            "surprise: unknown key",
        ]
    );

    let mut v = dv_doc();
    v["inputs"]["offers"][2]["time_cost"] = json!(-1);
    v["inputs"]["offers"][1]["name"] = json!("");
    v["inputs"]["offers"][0]["heskett"] = json!({"results": 1, "process_quality": 1, "price": "x"});
    let mut got = errors(&v.to_string());
    got.sort();
    assert_eq!(
        got,
        vec![
            "inputs.offers[0].heskett.acquisition_costs: missing",
            "inputs.offers[0].heskett.price: must be a number",
            "inputs.offers[1].name: enter a name",
            "inputs.offers[2].time_cost: must be at least 0",
        ]
    );
    let mut v = dv_doc();
    let offers = v["inputs"]["offers"].as_array().unwrap().clone();
    v["inputs"]["offers"] = Value::Array((0..11).map(|i| offers[i % 3].clone()).collect());
    assert_eq!(errors(&v.to_string()), vec!["inputs.offers: must hold 1 to 10 offers"]);
}

#[test]
fn oversized_and_deeply_nested_files_are_refused() {
    let big = format!("{{\"format\":\"{}\"}}", "x".repeat(5 * 1024 * 1024));
    assert_eq!(errors(&big), vec!["the file is larger than 5 MB"]);
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(errors(&deep), vec!["the data is nested too deeply"]);
    let mut v = cv_doc();
    let mut nest = json!(1);
    for _ in 0..40 {
        nest = json!({ "a": nest });
    }
    v["analysis"] = nest;
    assert_eq!(errors(&v.to_string()), vec!["the data is nested too deeply"]);
}

#[test]
fn a_later_field_order_or_a_byte_order_mark_still_imports() {
    let text = format!("\u{feff}{}", cv_doc());
    assert!(import(&text).is_ok());
}

#[test]
fn the_schema_file_is_generated_from_the_types() {
    let generated = schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SCHEMA_PATH, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(committed == generated, "static/schema is stale: run `make schema` (UPDATE_SCHEMA=1 cargo test --test document)");
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_json()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn the_schema_accepts_exports_and_refuses_bad_documents() {
    let v = validator();
    assert!(v.is_valid(&cv_doc()));
    assert!(v.is_valid(&dv_doc()));
    let mut bad = cv_doc();
    bad["inputs"]["spend_per_purchase"] = json!(-1);
    assert!(!v.is_valid(&bad));
    let mut bad = cv_doc();
    bad["inputs"]["extra"] = json!(1);
    assert!(!v.is_valid(&bad));
    let mut bad = dv_doc();
    bad["calculator"] = json!("customer_value");
    assert!(!v.is_valid(&bad));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn satisfaction_gap_export_import_export_is_identical(i in sg_inputs()) {
        let doc = Document::satisfaction_gap(i, Currency::Cny, vec![]);
        let text = doc.to_json();
        let back = import(&text).unwrap();
        prop_assert_eq!(back.to_json(), text.clone());
        prop_assert!(validator().is_valid(&serde_json::from_str::<Value>(&text).unwrap()));
    }

    #[test]
    fn customer_value_export_import_export_is_identical(i in inputs_strategy(), scen in proptest::collection::vec(inputs_strategy(), 0..3)) {
        let doc = Document::customer_value(i, Currency::Eur, scen.into_iter().enumerate().map(|(k, s)| (format!("S{k}"), s)).collect());
        let text = doc.to_json();
        let back = import(&text).unwrap();
        prop_assert_eq!(back.to_json(), text.clone());
        prop_assert!(validator().is_valid(&serde_json::from_str::<Value>(&text).unwrap()));
    }

    #[test]
    fn delivered_value_export_import_export_is_identical(i in dv_inputs()) {
        let doc = Document::delivered_value(i, Currency::Twd, vec![]);
        let text = doc.to_json();
        let back = import(&text).unwrap();
        prop_assert_eq!(back.to_json(), text.clone());
        prop_assert!(validator().is_valid(&serde_json::from_str::<Value>(&text).unwrap()));
    }

    #[test]
    fn import_never_panics(s in "\\PC{0,200}") {
        let _ = import(&s);
    }

    #[test]
    fn import_never_panics_on_mutated_documents(key in "[a-z_]{1,20}", val in prop_oneof![Just(json!(null)), Just(json!(-1)), Just(json!("x")), Just(json!([])), Just(json!({}))]) {
        let mut v = cv_doc();
        v["inputs"][key.as_str()] = val.clone();
        let _ = import(&v.to_string());
        let mut v = dv_doc();
        v["inputs"]["offers"][0][key.as_str()] = val;
        let _ = import(&v.to_string());
    }
}
