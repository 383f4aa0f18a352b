//! The number parser: accepted spellings, pinned error messages, and a
//! property test that it never panics.
#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::number::{parse, percent_text, NumberSpec};
use proptest::prelude::*;

const MONEY: NumberSpec = NumberSpec::non_negative();

fn rate() -> NumberSpec {
    NumberSpec::fraction().percent()
}

#[test]
fn accepts_what_people_type() {
    for (text, expected) in [
        ("50", 50.0),
        ("  50  ", 50.0),
        ("５０", 50.0),
        ("２６，０００", 26000.0),
        ("26,000", 26000.0),
        ("1,234,567.5", 1234567.5),
        ("0.5", 0.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("+7", 7.0),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        ("\u{3000}12\u{3000}", 12.0),
        ("-0", 0.0),
    ] {
        assert_eq!(parse(text, &MONEY), Ok(expected), "{text:?}");
    }
}

#[test]
fn percent_fields() {
    assert_eq!(parse("20", &rate()), Ok(0.2));
    assert_eq!(parse("20%", &rate()), Ok(0.2));
    assert_eq!(parse("２０％", &rate()), Ok(0.2));
    assert_eq!(parse("33.3", &rate()), Ok(0.333));
    assert_eq!(parse("7", &rate()), Ok(0.07));
    assert_eq!(parse("100", &rate()), Ok(1.0));
    assert_eq!(percent_text(0.07), "7");
    assert_eq!(percent_text(0.333), "33.3");
}

#[test]
fn error_messages_are_pinned() {
    let cases: &[(&str, NumberSpec, &str, &str)] = &[
        ("", MONEY, "empty", "enter a number"),
        ("   ", MONEY, "empty", "enter a number"),
        ("abc", MONEY, "not_a_number", "not a number"),
        ("NaN", MONEY, "not_a_number", "not a number"),
        ("inf", MONEY, "not_a_number", "not a number"),
        ("infinity", MONEY, "not_a_number", "not a number"),
        ("1e400", MONEY, "too_large", "number too large"),
        ("1e16", MONEY, "too_large", "number too large"),
        ("12abc", MONEY, "not_a_number", "not a number"),
        ("1.2.3", MONEY, "not_a_number", "not a number"),
        ("1e", MONEY, "not_a_number", "not a number"),
        ("--5", MONEY, "not_a_number", "not a number"),
        ("20%", MONEY, "percent_not_allowed", "a percent sign is not allowed here"),
        ("1,00", MONEY, "bad_grouping", "thousands separators must group 3 digits"),
        ("-5", MONEY, "at_least", "must be at least 0"),
        ("101", rate(), "at_most", "must be at most 100"),
        ("-1", rate(), "at_least", "must be at least 0"),
        ("0", NumberSpec::range(0.0, 100.0).exclusive_min(), "greater_than", "must be greater than 0"),
        ("2.5", NumberSpec::range(1.0, 100.0).whole(), "not_whole", "must be a whole number"),
    ];
    for (text, spec, code, message) in cases {
        let err = parse(text, spec).unwrap_err();
        assert_eq!(err.code(), *code, "{text:?}");
        assert_eq!(err.to_string(), *message, "{text:?}");
        assert!(!err.message(Lang::ZhCn).is_empty());
    }
    assert_eq!(parse("-5", &MONEY).unwrap_err().message(Lang::ZhCn), "不能小于 0");
    assert_eq!(parse("-5", &MONEY).unwrap_err().message(Lang::ZhTw), "不能小於 0");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC*") {
        let _ = parse(&s, &MONEY);
        let _ = parse(&s, &rate());
    }

    #[test]
    fn never_panics_on_number_like_text(s in "[-+0-9.,eE%％０-９ ]{0,40}") {
        if let Ok(v) = parse(&s, &MONEY) {
            prop_assert!(v.is_finite() && v >= 0.0);
        }
        if let Ok(v) = parse(&s, &rate()) {
            prop_assert!((0.0..=1.0).contains(&v));
        }
    }

    #[test]
    fn plain_numbers_round_trip(v in 0.0..1e12f64) {
        prop_assert_eq!(parse(&format!("{v}"), &MONEY), Ok(v));
    }

    #[test]
    fn percent_text_round_trips(v in 0.0..=1.0f64) {
        prop_assert_eq!(parse(&percent_text(v), &rate()), Ok(v));
    }
}
