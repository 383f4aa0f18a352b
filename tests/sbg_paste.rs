//! The paste / CSV parser: layouts, headers, cell errors, caps.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::retention_curve::sbg::{
    detect_layout, parse_paste, parse_paste_as, parse_paste_bytes, Layout, Pasted,
};

fn ok(text: &str) -> Pasted {
    parse_paste(text).unwrap_or_else(|e| panic!("{e}"))
}

fn errs(text: &str) -> Vec<(String, String)> {
    match parse_paste(text) {
        Ok(p) => panic!("parsed: {p:?}"),
        Err(list) => list.errors().iter().map(|e| (e.field_key(), e.to_string())).collect(),
    }
}

fn summary(p: &Pasted) -> Vec<(String, Vec<f64>)> {
    p.cohorts.as_slice().iter().map(|c| (c.name.clone(), c.active.clone())).collect()
}

fn pair(name: &str, v: &[f64]) -> (String, Vec<f64>) {
    (name.to_string(), v.to_vec())
}

#[test]
fn rows_from_a_spreadsheet_with_tabs() {
    let p = ok("High end\t1000\t869\t743\nRegular\t1000\t631\t468\t382\n");
    assert_eq!(p.layout, Layout::Rows);
    assert!(!p.header);
    assert_eq!(summary(&p), vec![pair("High end", &[1000.0, 869.0, 743.0]), pair("Regular", &[1000.0, 631.0, 468.0, 382.0])]);
}

#[test]
fn rows_with_header_and_trailing_blanks() {
    let text = "Cohort,Year 0,Year 1,Year 2\r\n2019,1000,869,743\r\n2020,800,700,\r\n\r\n";
    let p = ok(text);
    assert_eq!(p.layout, Layout::Rows);
    assert!(p.header);
    assert_eq!(summary(&p), vec![pair("2019", &[1000.0, 869.0, 743.0]), pair("2020", &[800.0, 700.0])]);
    // Numeric period labels as header.
    let p = ok("Cohort;0;1;2\nA;10;9,5;9\n");
    assert!(p.header);
    assert_eq!(summary(&p), vec![pair("A", &[10.0, 9.5, 9.0])]);
}

#[test]
fn transposed_layout_is_detected() {
    let text = "High end,Regular\n1000,1000\n869,631\n743,468\n,382\n";
    assert_eq!(detect_layout(text), Some(Layout::Columns));
    let p = ok(text);
    assert_eq!(p.layout, Layout::Columns);
    assert_eq!(summary(&p), vec![pair("High end", &[1000.0, 869.0, 743.0]), pair("Regular", &[1000.0, 631.0, 468.0, 382.0])]);
    // With a column of period labels.
    let p = ok("Year\tA\tB\n0\t100\t50\n1\t90\t40\n2\t80\t\n");
    assert_eq!(p.layout, Layout::Columns);
    assert!(p.header);
    assert_eq!(summary(&p), vec![pair("A", &[100.0, 90.0, 80.0]), pair("B", &[50.0, 40.0])]);
    // The user overrides the detection.
    let forced = parse_paste_as("A,B\n10,9\n8,7\n", Layout::Rows);
    assert!(forced.is_ok());
}

#[test]
fn unnamed_numbers_and_quotes() {
    // No delimiter: a line is one cell, so this is text, not 1000869743.
    assert!(parse_paste("1000 869 743\n").is_err());
    // Digit groups with spaces inside a cell are one number.
    let p = ok("A\t1 000\t869,5\t743\n");
    assert_eq!(summary(&p), vec![pair("A", &[1000.0, 869.5, 743.0])]);
    let p = ok("1000,869,743\n500,400,300\n");
    assert_eq!(p.layout, Layout::Rows);
    assert_eq!(summary(&p), vec![pair("Cohort 1", &[1000.0, 869.0, 743.0]), pair("Cohort 2", &[500.0, 400.0, 300.0])]);
    let p = ok("\"Plan \"\"Gold\"\", 2020\",\"1,000\",\"869\",743.5\n");
    assert_eq!(summary(&p), vec![pair("Plan \"Gold\", 2020", &[1000.0, 869.0, 743.5])]);
}

#[test]
fn cell_errors_are_located_and_pinned() {
    assert_eq!(
        errs("A\t1000\t\t743\nB\t500\tabc\t600\t700\n"),
        vec![
            ("cohorts-0-active-1".into(), "cohort 1, n_1: blank cell inside the cohort; only trailing cells may be blank".into()),
            ("cohorts-1-active-1".into(), "cohort 2, n_1: \"abc\" is not a number".into()),
            ("cohorts-1-active-2".into(), "cohort 2, n_2: 600 is more than the 500 of the period before; counts cannot rise".into()),
            ("cohorts-1-active-3".into(), "cohort 2, n_3: 700 is more than the 600 of the period before; counts cannot rise".into()),
        ]
    );
    // Transposed: the blank sits in cohort 2 ("B"), period 1.
    assert_eq!(errs("A,B\n100,50\n90,\n80,30\n")[0].0, "cohorts-1-active-1".to_string());
    assert_eq!(
        errs("A,0,-5\n"),
        vec![
            ("cohorts-0-active-0".into(), "cohort 1, n_0: the cohort size n_0 must be above 0".into()),
            ("cohorts-0-active-1".into(), "cohort 1, n_1: the count must be a finite number of at least 0, got -5".into()),
        ]
    );
    assert_eq!(
        errs("A,100\n"),
        vec![("cohorts-0-active-1".into(), "cohort 1, n_1: enter the cohort size n_0 and at least one later count".into())]
    );
    assert_eq!(errs("A,100,inf\n")[0].1, "cohort 1, n_1: \"inf\" is not a number");
}

#[test]
fn caps_are_enforced() {
    assert_eq!(errs(" \n\n"), vec![("cohorts".into(), "no cohort counts found in the pasted text".into())]);
    let big = "x".repeat(customer_value_calculator::domain::retention_curve::sbg::MAX_TEXT_BYTES + 1);
    assert_eq!(errs(&big)[0].1, "the pasted text has 1048577 bytes; at most 1048576 are accepted");
    let many: String = (0..21).map(|i| format!("C{i},10,9\n")).collect();
    let e = errs(&many);
    assert!(e.iter().any(|(_, m)| m == "at most 20 cohorts are allowed, got 21"));
    let wide = format!("A,{}\n", vec!["5"; 300].join(","));
    assert_eq!(errs(&wide)[0].1, "the pasted table is larger than 20 cohorts of 200 periods");
    let ok_wide = format!("A,{}\n", vec!["5"; 201].join(","));
    assert!(parse_paste(&ok_wide).is_ok());
    let rising = format!("A,{}\n", (0..100).map(|i| i.to_string()).collect::<Vec<_>>().join(","));
    let list = parse_paste(&format!("x,1\n{rising}")).err().unwrap_or_default();
    assert_eq!(list.errors().len(), customer_value_calculator::domain::retention_curve::sbg::MAX_ERRORS);
    assert!(list.truncated());
}

#[test]
fn bytes_are_accepted_lossily() {
    let p = parse_paste_bytes(b"A\xff,10,9\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.cohorts.as_slice()[0].active, vec![10.0, 9.0]);
    assert!(parse_paste_bytes(&[0xff; 10]).is_err());
}
