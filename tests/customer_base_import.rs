//! Conventions, mappings, encodings, workbooks and pinned messages.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::import::{
    Date, DatePattern, FileFormat, ImportFile, Limits, Reason, Role, Shape, SummaryOptions, TextEncoding, TimeUnit,
};

fn day(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn read(text: &str) -> ImportFile {
    ImportFile::read("t.csv", text.as_bytes(), &Limits::default()).expect("read")
}

fn days(end: Option<&str>) -> SummaryOptions {
    SummaryOptions { time_unit: TimeUnit::Day, observation_end: end.map(day), calibration_end: None }
}

const LOG: &str = "customer_id,date,amount
A,2020-01-01,10
A,2020-01-01,5
A,2020-01-08,20
A,2020-01-08,20
A,2020-01-15,0
B,2020-01-03,7
B,2020-02-30,7
C,2020-01-05,-4
,2020-01-05,4
C,2020-01-06,x
C,2020-03-01,9
";

#[test]
fn conventions_of_section_2_5() {
    let f = read(LOG);
    assert!(!f.needs_confirmation());
    let s = f.transactions(f.mapping()).expect("log").summarise(&days(Some("2020-01-31"))).expect("summary");
    assert_eq!(s.customers.len(), 2);
    let a = &s.customers[0];
    assert_eq!((a.customer_id.as_str(), a.frequency, a.recency, a.t), ("A", 2, 14.0, 30.0));
    // Repeat days: 2020-01-08 (40) and 2020-01-15 (0) → mean 20.
    assert_eq!(a.monetary_value, Some(20.0));
    assert_eq!(a.historical_spend, Some(55.0));
    let b = &s.customers[1];
    assert_eq!((b.frequency, b.recency, b.t, b.monetary_value), (0, 0.0, 28.0, Some(0.0)));
    assert_eq!(s.source.rows_read, 11);
    assert_eq!(s.source.transactions, 4);
    assert_eq!(s.source.total_spend, Some(62.0));
    assert_eq!(s.source.skipped.after_end, 1);
    assert_eq!(s.source.skipped.negative, 1);
    assert_eq!(s.source.skipped.unreadable, 3);
    assert_eq!(s.source.flagged.zero_amount, 1);
    assert_eq!(s.source.flagged.duplicate_rows, 1);
    let listed: Vec<(usize, Reason)> = s.issues.iter().map(|i| (i.row, i.reason)).collect();
    assert_eq!(
        listed,
        [
            (5, Reason::Duplicate),
            (6, Reason::ZeroAmount),
            (8, Reason::UnreadableDate),
            (9, Reason::Negative),
            (10, Reason::MissingCustomer),
            (11, Reason::UnreadableAmount),
            (12, Reason::AfterEnd),
        ]
    );
    // Weeks and months are fractional.
    let w = f.transactions(f.mapping()).expect("log");
    let opts = SummaryOptions { time_unit: TimeUnit::Week, ..days(Some("2020-01-31")) };
    assert_eq!(w.summarise(&opts).expect("s").customers[0].t, 30.0 / 7.0);
    let opts = SummaryOptions { time_unit: TimeUnit::Month, ..days(Some("2020-01-31")) };
    assert_eq!(w.summarise(&opts).expect("s").customers[0].recency, 14.0 / (365.25 / 12.0));
    // observation_end defaults to the last date; the listed issues are capped.
    let limits = Limits { max_listed_issues: 2, ..Limits::default() };
    let f2 = ImportFile::read("t.csv", LOG.as_bytes(), &limits).expect("read");
    let s2 = f2.transactions(f2.mapping()).expect("log").summarise(&days(None)).expect("s");
    assert_eq!(s2.observation_end, Some(day("2020-03-01")));
    assert_eq!(s2.customers.len(), 3);
    assert_eq!(s2.issues.len(), 2);
    assert_eq!(s2.source.skipped.unreadable, 3);
}

#[test]
fn calibration_and_holdout() {
    let log = "customer_id,date,amount
A,2020-01-01,1
A,2020-01-02,1
A,2020-01-05,1
A,2020-01-06,1
B,2020-01-03,1
B,2020-01-06,1
C,2020-01-05,1
C,2020-01-06,1
";
    let f = read(log);
    let l = f.transactions(f.mapping()).expect("log");
    let opts =
        SummaryOptions { time_unit: TimeUnit::Day, observation_end: Some(day("2020-01-06")), calibration_end: Some(day("2020-01-03")) };
    let s = l.summarise(&opts).expect("summary");
    assert_eq!(s.customers.len(), 2);
    let a = &s.customers[0];
    assert_eq!((a.frequency, a.recency, a.t, a.holdout_frequency), (1, 1.0, 2.0, Some(2)));
    let b = &s.customers[1];
    assert_eq!((b.frequency, b.t, b.holdout_frequency), (0, 0.0, Some(1)));
    let h = s.source.holdout.as_ref().expect("holdout");
    assert_eq!(h.new_customers, 1);
    assert_eq!(h.actual_total, 3);
    let actual: Vec<u64> = h.tracking.iter().map(|p| p.actual).collect();
    assert_eq!(actual, [0, 1, 1, 1, 2, 4]);
    let acq: Vec<(f64, u64)> = h.acquisitions.iter().map(|a| (a.offset, a.customers)).collect();
    assert_eq!(acq, [(0.0, 1), (2.0, 1)]);
    assert_eq!(s.source.transactions, 8);
    let err = l.summarise(&SummaryOptions { calibration_end: Some(day("2020-01-06")), ..opts });
    assert_eq!(err.map(|_| ()).unwrap_err().to_string(), "calibration_end must be before observation_end");
    let data = s.to_data();
    assert_eq!(data.columns, ["customer_id", "frequency", "recency", "T", "monetary_value", "historical_spend", "holdout_frequency"]);
}

const CHINESE: &str = "客户编号,交易日期,数量,消费金额\n1001,2021/3/5,2,35.5\n1001,2021/03/09,1,12\n1002,2021-03-07,1,8.25\n";

#[test]
fn chinese_headers_and_gb18030() {
    let utf8 = read(CHINESE);
    let m = utf8.mapping();
    assert_eq!(m.shape, Shape::Transactions);
    assert_eq!([Role::CustomerId, Role::Date, Role::Quantity, Role::Amount].map(|r| m.column(r)), [Some(0), Some(1), Some(2), Some(3)]);
    assert!(utf8.needs_confirmation());
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(CHINESE);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err());
    let gbf = ImportFile::read("gb.csv", &gb, &Limits::default()).expect("read");
    assert_eq!(gbf.encoding(), TextEncoding::Gb18030);
    assert_eq!(gbf.preview(20), utf8.preview(20));
    assert_eq!(gbf.mapping(), utf8.mapping());
    let s1 = utf8.transactions(m).expect("l").summarise(&days(None)).expect("s");
    let s2 = gbf.transactions(gbf.mapping()).expect("l").summarise(&days(None)).expect("s");
    assert_eq!(s1.customers, s2.customers);
    assert_eq!(s1.customers[0].monetary_value, Some(12.0));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(CHINESE.as_bytes());
    let bf = ImportFile::read("bom.csv", &bom, &Limits::default()).expect("read");
    assert_eq!((bf.encoding(), bf.preview(20)), (TextEncoding::Utf8Bom, utf8.preview(20)));
}

#[test]
fn mappings_patterns_and_overrides() {
    let f = read("Kunde;Datum;Betrag\n7;05/03/2021;1,5\n7;25/03/2021;2,5\n");
    assert_eq!(f.format(), FileFormat::Semicolon);
    assert!(f.needs_confirmation());
    let mut m = f.mapping().clone();
    assert_eq!(m.date_pattern, DatePattern::DayMonthYear);
    assert!(m.header);
    m.set_column(Role::CustomerId, Some(0));
    m.set_column(Role::Amount, Some(2));
    let s = f.transactions(&m).expect("l").summarise(&days(None)).expect("s");
    assert_eq!((s.customers[0].recency, s.customers[0].monetary_value), (20.0, Some(2.5)));
    m.date_pattern = DatePattern::MonthDayYear;
    let s = f.transactions(&m).expect("l").summarise(&days(None)).expect("s");
    assert_eq!(s.source.skipped.unreadable, 1);
    m.set_column(Role::Amount, Some(9));
    assert_eq!(f.transactions(&m).map(|_| ()).unwrap_err().to_string(), "amount is mapped to column 9, but the file has 3 columns");
    m.set_column(Role::Amount, Some(0));
    assert_eq!(f.transactions(&m).map(|_| ()).unwrap_err().to_string(), "column 0 is mapped to two roles");
    m.set_column(Role::Date, None);
    assert_eq!(f.transactions(&m).map(|_| ()).unwrap_err().to_string(), "no column is mapped to date");
    assert_eq!(f.summary(&m, TimeUnit::Week).map(|_| ()).unwrap_err().to_string(), "the column mapping is not for a summary file");
    // A tab-separated headerless file.
    let t = read("9\t20200101\t3.5\n9\t20200111\t1\n");
    assert_eq!((t.format(), t.mapping().header, t.needs_confirmation()), (FileFormat::Tsv, false, true));
    assert_eq!(t.mapping().column(Role::Amount), Some(2));
    // Unreadable calendar dates.
    let f = read("customer_id,date,amount\n1,1997-02-30,1\n1,1997-02-28,1\n1,19970229,1\n");
    let s = f.transactions(f.mapping()).expect("l").summarise(&days(None)).expect("s");
    assert_eq!(s.source.skipped.unreadable, 2);
    assert!(s.issues.iter().all(|i| i.reason == Reason::UnreadableDate));
    assert_eq!(
        DatePattern::from_name("YYYY/DD").unwrap_err().to_string(),
        "\"YYYY/DD\" is not a known date pattern (YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, DD/MM/YYYY, MM/DD/YYYY)"
    );
    assert_eq!(Date::parse_iso("1997-02-30").unwrap_err().to_string(), "\"1997-02-30\" is not a date of the form YYYY-MM-DD");
}

#[test]
fn summary_import_validation() {
    let f = read(
        "ID,x,t_x,T,zbar,count\n1,2,30.43,38.86,22.35,3\n2,1.5,1,2,1,1\n3,1,5,4,1,1\n4,1,1,2,-1,1\n5,0,0,2,0,0\n6,0,0,2,0,\n7,-1,0,2,0,1\n",
    );
    assert!(!f.needs_confirmation());
    let s = f.summary(f.mapping(), TimeUnit::Week).expect("summary");
    assert_eq!(s.customers.len(), 2);
    assert_eq!(s.customer_count(), 4);
    assert_eq!(s.source.transactions, 3 * 3 + 1);
    assert_eq!(s.source.skipped.unreadable, 5);
    let reasons: Vec<Reason> = s.issues.iter().map(|i| i.reason).collect();
    assert_eq!(reasons, [Reason::BadFrequency, Reason::RecencyAboveT, Reason::BadMonetary, Reason::BadCount, Reason::BadFrequency]);
    assert_eq!(s.to_data().columns, ["customer_id", "frequency", "recency", "T", "monetary_value", "count"]);
    let f = read("customer_id,frequency,recency,T,extra\n1,0,0,1,z\n");
    assert!(f.needs_confirmation());
    assert_eq!(f.mapping().shape, Shape::Summary);
}

fn xlsx_bytes(rows: &[(&str, Option<Date>, &str, f64)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["customer_id", "date", "amount"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (i, (id, date, raw, amount)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *id).expect("write");
        match date {
            Some(d) => {
                let (y, m, dd) = d.ymd();
                let dt = ExcelDateTime::from_ymd(y as u16, m as u8, dd as u8).expect("date");
                ws.write_datetime_with_format(r, 1, &dt, &date_format).expect("write");
            }
            None => {
                ws.write_string(r, 1, *raw).expect("write");
            }
        }
        ws.write_number(r, 2, *amount).expect("write");
    }
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn xlsx_reads_like_csv() {
    let rows = [
        ("00001", Some(day("1997-01-01")), "", 11.77),
        ("00001", None, "1997-01-12", 12.0),
        ("00002", None, "19970112", 0.0),
        ("00002", Some(day("1997-03-02")), "", 29.33),
        ("00003", None, "1997-02-30", 5.0),
    ];
    let csv = "customer_id,date,amount\n00001,1997-01-01,11.77\n00001,1997-01-12,12\n00002,19970112,0\n00002,1997-03-02,29.33\n00003,1997-02-30,5\n";
    let x = ImportFile::read("t.xlsx", &xlsx_bytes(&rows), &Limits::default()).expect("xlsx");
    let c = read(csv);
    assert_eq!(x.format(), FileFormat::Xlsx);
    assert!(!x.needs_confirmation());
    assert_eq!(x.mapping(), c.mapping());
    assert_eq!(x.preview(20)[1], ["00001", "1997-01-01", "11.77"]);
    let sx = x.transactions(x.mapping()).expect("l").summarise(&days(None)).expect("s");
    let sc = c.transactions(c.mapping()).expect("l").summarise(&days(None)).expect("s");
    assert_eq!(sx.customers, sc.customers);
    assert_eq!(sx.source.skipped, sc.source.skipped);
    assert_eq!(sx.source.flagged, sc.source.flagged);
    assert_eq!(sx.issues, sc.issues);
}
