//! CDNOW figures (cases 8 and 8b).

#![cfg(not(target_arch = "wasm32"))]

mod customer_base_common;

use std::time::Instant;

use customer_value_calculator::domain::customer_base::import::{
    group_customers, Date, FileFormat, ImportFile, Limits, Reason, Role, Shape, SummaryOptions, TimeUnit,
};

fn day(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

#[test]
fn cdnow_master_case_8b() {
    let bytes = customer_base_common::cdnow_bytes("CDNOW_master.txt");
    let start = Instant::now();
    let file = ImportFile::read("CDNOW_master.txt", &bytes, &Limits::default()).expect("read");
    let read_time = start.elapsed();
    assert_eq!(file.format(), FileFormat::Whitespace);
    let m = file.mapping();
    assert_eq!(m.shape, Shape::Transactions);
    assert_eq!(m.column(Role::CustomerId), Some(0));
    assert_eq!(m.column(Role::Date), Some(1));
    assert_eq!(m.column(Role::Quantity), Some(2));
    assert_eq!(m.column(Role::Amount), Some(3));
    let log = file.transactions(m).expect("log");
    let parse_time = start.elapsed();
    let options = SummaryOptions { time_unit: TimeUnit::Day, observation_end: Some(day("1998-06-30")), calibration_end: None };
    let s = log.summarise(&options).expect("summary");
    let total_time = start.elapsed();
    println!("CDNOW master: read {read_time:?}, parsed {parse_time:?}, summarised {total_time:?} (debug or release as built)");
    assert_eq!(s.source.rows_read, 69_659);
    assert_eq!(s.source.flagged.zero_amount, 80);
    assert_eq!(s.source.flagged.duplicate_rows, 255);
    assert_eq!(s.source.skipped.negative, 0);
    assert_eq!(s.source.skipped.unreadable, 0);
    assert_eq!(s.source.skipped.after_end, 0);
    assert_eq!(s.customer_count(), 23_570);
    assert_eq!(s.repeat_customers(), 11_516);
    assert_eq!(s.spend_sample(), 11_515);
    assert_eq!(s.frequency_sum(), 44_021);
    assert_eq!(s.source.transactions, 23_570 + 44_021);
    assert_eq!(s.source.first_date, Some(day("1997-01-01")));
    assert_eq!(s.source.last_date, Some(day("1998-06-30")));
    assert_eq!(s.issues.len(), 50);
    assert!(s.issues.iter().all(|i| i.reason == Reason::ZeroAmount || i.reason == Reason::Duplicate));
    let c1 = &s.customers[0];
    assert_eq!(c1.customer_id, "00001");
    // Grouped by (frequency, recency, T) in days: 11,104 distinct (DESIGN §2.5).
    let mut no_money = s.customers.clone();
    for c in &mut no_money {
        c.monetary_value = None;
        c.historical_spend = None;
    }
    let groups = group_customers(&no_money);
    assert_eq!(groups.len(), 11_104);
    assert_eq!(groups.iter().map(|g| g.count).sum::<u64>(), 23_570);
}

#[test]
fn cdnow_master_with_calibration() {
    let bytes = customer_base_common::cdnow_bytes("CDNOW_master.txt");
    let file = ImportFile::read("CDNOW_master.txt", &bytes, &Limits::default()).expect("read");
    let log = file.transactions(file.mapping()).expect("log");
    let options =
        SummaryOptions { time_unit: TimeUnit::Week, observation_end: Some(day("1998-06-30")), calibration_end: Some(day("1997-09-30")) };
    let s = log.summarise(&options).expect("summary");
    let h = s.source.holdout.as_ref().expect("holdout");
    // CDNOW's customers all made their first purchase in Q1 1997.
    assert_eq!(h.new_customers, 0);
    assert_eq!(s.customer_count(), 23_570);
    let held: u64 = s.customers.iter().filter_map(|c| c.holdout_frequency).sum();
    assert_eq!(h.actual_total, held);
    let last = h.tracking.last().expect("tracking");
    assert_eq!(last.actual, 44_021);
    assert_eq!(last.actual - held, s.frequency_sum());
    assert_eq!(h.tracking.len(), 78);
    assert_eq!(h.acquisitions.iter().map(|a| a.customers).sum::<u64>(), 23_570);
    assert!(h.tracking.windows(2).all(|w| w[0].actual <= w[1].actual));
}

#[test]
fn cdnow_summaries_case_8() {
    let bytes = customer_base_common::cdnow_bytes("cdnow_customers_summary.csv");
    let file = ImportFile::read("cdnow_customers_summary.csv", &bytes, &Limits::default()).expect("read");
    assert!(!file.needs_confirmation());
    assert_eq!(file.mapping().shape, Shape::Summary);
    let s = file.summary(file.mapping(), TimeUnit::Week).expect("summary");
    assert_eq!(s.customer_count(), 2_357);
    assert!(!s.has_money);
    let c = &s.customers[0];
    assert_eq!((c.frequency, c.recency, c.t), (2, 30.43, 38.86));

    let bytes = customer_base_common::cdnow_bytes("cdnow_customers_summary_with_transactions.csv");
    let file = ImportFile::read("x.csv", &bytes, &Limits::default()).expect("read");
    assert!(!file.needs_confirmation());
    let s = file.summary(file.mapping(), TimeUnit::Week).expect("summary");
    assert_eq!(s.customer_count(), 2_357);
    assert_eq!(s.spend_sample(), 946);
    assert_eq!(s.customers[0].monetary_value, Some(22.35));
}
