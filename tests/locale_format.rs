//! The app's own number formatter (used for the first render, before
//! `Intl` is ready, and where `Intl` is missing) prints exactly what
//! Chromium's `Intl.NumberFormat` prints, for every language, currency and
//! number style of the app (`tests/common/intl_chromium.json`, written by
//! `node tests/support/intl_reference.mjs`).
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::locale::{format, Style};
use customer_value_calculator::domain::Currency;
use serde_json::Value;

fn value(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "-0" => -0.0,
        Value::String(s) => s.parse().expect("NaN or ±Infinity"),
        v => v.as_f64().expect("a number"),
    }
}

#[test]
fn the_first_render_formats_numbers_as_chromium_intl_does() {
    let table: Value = serde_json::from_str(include_str!("common/intl_chromium.json")).unwrap();
    let values: Vec<f64> = table["values"].as_array().unwrap().iter().map(value).collect();
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3 * 7 * 5);
    let mut wrong = Vec::new();
    for row in rows {
        let lang = Lang::parse(row["lang"].as_str().unwrap()).unwrap();
        let currency = Currency::parse(row["currency"].as_str().unwrap()).unwrap();
        let style = match row["style"].as_str().unwrap() {
            "money" => Style::Money,
            "money_minor" => Style::MoneyMinor,
            "count" => Style::Count,
            "percent" => Style::Percent,
            "ratio" => Style::Ratio,
            s => panic!("{s}"),
        };
        for (v, want) in values.iter().zip(row["out"].as_array().unwrap()) {
            let got = format(*v, style, lang, currency);
            if got != want.as_str().unwrap() {
                wrong.push(format!("{} {} {style:?} {v:?}: {got} (Intl: {want})", row["lang"], row["currency"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
}

proptest::proptest! {
    /// Any finite value reads back as itself within half the last place shown.
    #[test]
    fn a_formatted_value_reads_back_within_half_its_last_place(v in -1e12f64..1e12) {
        let shown = format(v, Style::Ratio, Lang::En, Currency::Usd).replace(',', "");
        let back: f64 = shown.parse().unwrap();
        proptest::prop_assert!((back - v).abs() <= 0.5e-4 * (1.0 + 1e-9) + v.abs() * 1e-15, "{v} → {shown}");
        let cents = format(v, Style::MoneyMinor, Lang::ZhCn, Currency::Cny);
        proptest::prop_assert!(cents.contains('¥') && cents.split('.').nth(1).map(str::len) == Some(2), "{cents}");
    }
}
