//! Fuzz targets as property tests (`cargo fuzz` needs a nightly toolchain,
//! which cannot be installed here). Every parser of untrusted input gets
//! arbitrary bytes and structure-aware mutations; the property is "never
//! panics, and a refusal is an error value". The customer base's data files
//! (transactions, summaries, `.xlsx`) are read as the worker reads them. `make test` runs a few hundred
//! cases each; `make fuzz` runs `FUZZ_CASES` (default 100,000) per target in
//! release mode and prints how many inputs each target executed.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::import::{ImportFile, Limits, Shape, SummaryOptions, TimeUnit};
use customer_value_calculator::domain::document::import;
use customer_value_calculator::domain::model::{Action, Model};
use customer_value_calculator::domain::number::{parse, NumberSpec};
use customer_value_calculator::domain::retention_curve::sbg::{parse_paste, parse_paste_bytes};
use customer_value_calculator::domain::satisfaction::{parse_survey, Instrument};
use customer_value_calculator::domain::state;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

/// Runs one target and reports the number of inputs it executed.
fn run<S: Strategy>(name: &str, strategy: S, f: impl Fn(S::Value)) {
    let n = cases();
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, ..Config::default() });
    runner
        .run(&strategy, |v| {
            f(v);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    println!("fuzz target {name}: {n} inputs, 0 crashes");
}

/// Text that looks like what each parser expects, with hostile pieces mixed in.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("".to_string()),
        Just(" ".to_string()),
        Just("-0".into()),
        Just("NaN".into()),
        Just("Infinity".into()),
        Just("1e309".into()),
        Just("1e15".into()),
        Just("1,2,3".into()),
        Just("５０".into()),
        Just("20%%".into()),
        Just("\u{0}".into()),
        Just("\u{202e}".into()),
        Just("😀".into()),
        Just("<img src=x onerror=alert(1)>".into()),
        Just("javascript:alert(1)".into()),
        Just("\"__proto__\"".into()),
        Just("1997-02-30".into()),
        Just(",".into()),
        Just("\t".into()),
        Just("\n".into()),
        Just("{".into()),
        Just("[".into()),
        "[0-9.,%-]{0,12}",
        "\\PC{0,12}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

#[test]
fn fuzz_number_parser() {
    run("number", prop_oneof![hostile_text(), "\\PC{0,64}"], |t| {
        for spec in [NumberSpec::non_negative(), NumberSpec::fraction().percent(), NumberSpec::range(1.0, 100.0).whole(), NumberSpec::any()]
        {
            if let Ok(v) = parse(&t, &spec) {
                assert!(v.is_finite());
            }
        }
    });
}

#[test]
fn fuzz_url_decoder() {
    let key = prop_oneof![
        Just("calc"),
        Just("lang"),
        Just("state"),
        Just("spend_per_purchase"),
        Just("instrument"),
        Just("scale_max"),
        Just("discount_rate"),
        Just("lock"),
        Just("tabs"),
        Just("hide"),
        Just("parent_origin"),
        Just("period"),
    ];
    let pair = (key, prop_oneof![hostile_text(), "[A-Za-z0-9_-]{0,80}"]);
    run("url", proptest::collection::vec(pair, 0..8), |pairs| {
        let q: String = pairs.iter().map(|(k, v)| format!("{k}={}&", v.replace('&', "%26"))).collect();
        let m = Model::from_query(&q, &["en"]);
        let _ = m.to_query();
        let _ = m.export_document();
        let _ = m.cv_view();
        let _ = m.rc_view();
    });
}

#[test]
fn fuzz_state_decoder() {
    run("state", prop_oneof![hostile_text(), "[A-Za-z0-9_-]{0,400}"], |t| {
        let _ = state::decode(&t);
    });
}

#[test]
fn fuzz_json_import() {
    // Valid documents with one value replaced by something hostile, and raw text.
    let base: Vec<String> = ["customer_value", "delivered_value", "satisfaction_gap", "retention_curve"]
        .iter()
        .map(|c| Model::from_query(&format!("?calc={c}"), &["en"]).export_document().expect("defaults are valid").to_json())
        .collect();
    let strategy = (0..base.len(), any::<prop::sample::Index>(), hostile_text(), any::<bool>());
    run("json_import", strategy, |(i, at, junk, raw)| {
        let text = if raw {
            junk
        } else {
            let doc = &base[i];
            let mut cut = at.index(doc.len());
            while !doc.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}{}{}", &doc[..cut], junk, &doc[cut..])
        };
        let _ = import(&text);
        let mut m = Model::new(customer_value_calculator::domain::i18n::Lang::En);
        let before = m.slots.clone();
        m.update(Action::ImportText(text));
        if !m.import_errors.is_empty() {
            assert_eq!(m.slots, before, "a refused import changed nothing");
        }
    });
}

#[test]
fn fuzz_survey_csv() {
    let items: Vec<(String, String)> = ["a", "b", "c"].iter().map(|i| (i.to_string(), "d".to_string())).collect();
    let csv = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        hostile_text().prop_map(|t| format!("e_a,e_b,e_c,p_a,p_b,p_c\n{t}\n5,5,5,{t}").into_bytes()),
    ];
    run("survey_csv", csv, |bytes| {
        let _ = parse_survey(&bytes, Instrument::Custom, &items, (1.0, 7.0));
        let _ = parse_survey(&bytes, Instrument::Servqual22, &[], (1.0, 7.0));
    });
}

#[test]
fn fuzz_cohort_paste() {
    let text = prop_oneof![
        hostile_text(),
        hostile_text().prop_map(|t| format!("name\t1000\t900\t{t}\nb,{t},3")),
        proptest::collection::vec(any::<u8>(), 0..400).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ];
    run("cohort_paste", text, |t| {
        let _ = parse_paste(&t);
        let _ = parse_paste_bytes(t.as_bytes());
    });
}

/// Reads a data file of the customer base as the worker does: read, then
/// (with the detected mapping) the transaction log and its summary, or the
/// ready summary; every step may refuse, none may panic.
fn read_data_file(name: &str, bytes: &[u8]) {
    let Ok(file) = ImportFile::read(name, bytes, &Limits::default()) else { return };
    let _ = file.preview(10);
    let mapping = file.mapping().clone();
    match mapping.shape {
        Shape::Transactions => {
            if let Ok(log) = file.transactions(&mapping) {
                for unit in [TimeUnit::Day, TimeUnit::Week, TimeUnit::Month] {
                    let _ = log.summarise(&SummaryOptions { time_unit: unit, ..SummaryOptions::default() });
                }
            }
        }
        Shape::Summary => {
            let _ = file.summary(&mapping, TimeUnit::Week);
        }
    }
}

#[test]
fn fuzz_transaction_file() {
    let row = (hostile_text(), prop_oneof![hostile_text(), Just("1997-01-01".to_string()), Just("19970230".to_string())], hostile_text());
    let file = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(row, 0..20).prop_map(|rows| {
            let body: String = rows.iter().map(|(c, d, a)| format!("{c},{d},{a}\n")).collect();
            format!("customer_id,date,amount\n{body}").into_bytes()
        }),
        hostile_text().prop_map(|t| format!("客户\t日期\t金额\n1\t1997-01-01\t{t}\n1\t{t}\t5\n").into_bytes()),
    ];
    run("transaction_file", (file, any::<bool>()), |(bytes, xlsx)| {
        read_data_file(if xlsx { "f.xlsx" } else { "f.csv" }, &bytes);
    });
}

#[test]
fn fuzz_summary_file() {
    let row = (hostile_text(), hostile_text(), hostile_text());
    let file = proptest::collection::vec(row, 0..20).prop_map(|rows| {
        let body: String = rows.iter().map(|(f, r, t)| format!("c,{f},{r},{t},5\n")).collect();
        format!("customer_id,frequency,recency,T,monetary_value\n{body}").into_bytes()
    });
    run("summary_file", file, |bytes| read_data_file("summary.csv", &bytes));
}

#[test]
fn fuzz_xlsx_file() {
    // Zip-like bytes: the local file header's signature, then anything.
    let bytes = proptest::collection::vec(any::<u8>(), 0..600).prop_map(|b| [b"PK\x03\x04".as_slice(), &b].concat());
    run("xlsx_file", bytes, |bytes| read_data_file("f.xlsx", &bytes));
}
