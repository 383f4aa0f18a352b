//! Limits, hostile files and property tests.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::time::Instant;

use customer_value_calculator::domain::customer_base::import::{Date, ImportFile, Limits, SummaryOptions, TimeUnit, TransactionLog};
use proptest::prelude::*;

fn err(bytes: &[u8], limits: &Limits) -> String {
    match ImportFile::read("f", bytes, limits) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.to_string(),
    }
}

/// A zip holding one file of `size` zeros under an `.xlsx` part name.
fn zip_of_zeros(size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("xl/sharedStrings.xml", opts).expect("start");
    let chunk = vec![b' '; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        w.write_all(&chunk[..n]).expect("write");
        left -= n;
    }
    w.finish().expect("finish").into_inner()
}

/// Patches every declared uncompressed size (local and central headers).
fn lie_about_sizes(mut bytes: Vec<u8>, declared: u32) -> Vec<u8> {
    let le = declared.to_le_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let at = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 22),
            b"PK\x01\x02" => Some(i + 24),
            _ => None,
        };
        if let Some(at) = at.filter(|a| a + 4 <= bytes.len()) {
            bytes[at..at + 4].copy_from_slice(&le);
        }
        i += 1;
    }
    bytes
}

#[test]
fn limits_and_pinned_messages() {
    let small = Limits { max_file_bytes: 10, ..Limits::default() };
    assert_eq!(err(b"customer_id,date,amount\n", &small), "the file has 24 bytes; at most 10 bytes can be imported");
    assert_eq!(err(b"", &Limits::default()), "the file holds no data");
    assert_eq!(err(b" \n\n,,\n", &Limits::default()), "the file holds no data");
    let rows = Limits { max_rows: 2, ..Limits::default() };
    assert_eq!(err(b"h\n1\n2\n", &rows), "ok");
    assert_eq!(err(b"h\n1\n2\n3\n", &rows), "the file has more than 2 rows; at most 2 can be imported");
    let wide = "a,".repeat(200) + "a\n";
    assert_eq!(err(wide.as_bytes(), &Limits::default()), "row 1 has 201 columns; at most 200 can be imported");
    let cell = format!("id,date\n1,{}\n", "x".repeat(1024 * 1024 + 1));
    assert_eq!(err(cell.as_bytes(), &Limits::default()), "row 2, column 2 holds more than 1048576 bytes");
    assert_eq!(
        err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", &Limits::default()),
        "the workbook cannot be read: legacy .xls is not supported; save it as .xlsx or CSV"
    );
    let f = ImportFile::read("f", b"customer_id,date,amount\n1,2020-01-01,-5\n", &Limits::default()).expect("read");
    let log = f.transactions(f.mapping()).expect("log");
    assert_eq!(
        log.summarise(&SummaryOptions::default()).map(|_| ()).unwrap_err().to_string(),
        "no readable transaction up to observation_end"
    );
    let f = ImportFile::read("f", b"customer_id,frequency,recency,T\n1,-1,0,1\n", &Limits::default()).expect("read");
    assert_eq!(f.summary(f.mapping(), TimeUnit::Day).map(|_| ()).unwrap_err().to_string(), "no readable customer row");
}

#[test]
fn zip_bombs_are_refused_quickly() {
    let limits = Limits { max_xlsx_unpacked_bytes: 1024 * 1024, ..Limits::default() };
    let bomb = zip_of_zeros(8 * 1024 * 1024);
    assert!(bomb.len() < 100_000, "bomb is {} bytes", bomb.len());
    let start = Instant::now();
    assert_eq!(err(&bomb, &limits), "the workbook unpacks to 8388608 bytes; at most 1048576 bytes can be imported");
    // Lying headers: declared small, actually large — stops past the declared size.
    let liar = lie_about_sizes(bomb, 1000);
    assert_eq!(err(&liar, &limits), "the workbook part \"xl/sharedStrings.xml\" unpacks to more than it declares; the file is refused");
    println!("zip bombs refused in {:?}", start.elapsed());
    assert!(err(b"PK\x03\x04garbage", &Limits::default()).starts_with("the workbook cannot be read: "));
    let entries = Limits { max_xlsx_entries: 0, ..Limits::default() };
    assert_eq!(err(&zip_of_zeros(10), &entries), "the workbook holds 1 parts; at most 0 are accepted");
}

#[test]
fn hand_made_hostile_text() {
    for bytes in [
        &b"\"unterminated,quote\n1,2"[..],
        b"\xFF\xFE\x00",
        b"\xFE\xFF\xD8\x00",
        b"\x00\x00\x00\x00",
        b"customer_id,date,amount\n\"1\n2\",\"2020-01-01\",\"1e308\"\n1,2020-01-01,1e309\n",
        b"id date amount\n1 99999999 1\n1 10000101 NaN\n",
        b";;;;\n;;;;\n",
    ] {
        if let Ok(f) = ImportFile::read("f", bytes, &Limits::default()) {
            let _ = f.preview(20);
            if let Ok(log) = f.transactions(f.mapping()) {
                let _ = log.summarise(&SummaryOptions::default());
            }
        }
    }
}

fn valid_xlsx() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["customer_id", "date", "amount"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for r in 1..30u32 {
            ws.write_string(r, 0, format!("c{}", r % 7)).expect("write");
            ws.write_string(r, 1, format!("2020-01-{:02}", r)).expect("write");
            ws.write_number(r, 2, f64::from(r) * 1.25).expect("write");
        }
        wb.save_to_buffer().expect("xlsx")
    })
}

fn exercise(bytes: &[u8]) {
    if let Ok(f) = ImportFile::read("f", bytes, &Limits::default()) {
        let _ = f.preview(20);
        let _ = f.needs_confirmation();
        let opts = SummaryOptions { time_unit: TimeUnit::Week, observation_end: None, calibration_end: Date::parse_iso("2000-01-01").ok() };
        if let Ok(s) = f.summarise(f.mapping(), &opts) {
            let _ = s.to_csv();
            let _ = customer_value_calculator::domain::customer_base::import::group_customers(&s.customers);
        }
        let _ = f.summarise(f.mapping(), &SummaryOptions::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(512)
    })]

    #[test]
    fn no_panic_on_damaged_xlsx(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let mut bytes = valid_xlsx().to_vec();
        for (at, value) in flips {
            let n = bytes.len();
            bytes[at % n] = value;
        }
        exercise(&bytes);
    }

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
        let mut zipish = b"PK\x03\x04".to_vec();
        zipish.extend_from_slice(&bytes);
        exercise(&zipish);
    }

    #[test]
    fn no_panic_on_textish_bytes(text in "[0-9a-zA-Z,;\t \n\"./\\-客户日期金额]{0,300}") {
        exercise(text.as_bytes());
        exercise(format!("customer_id,date,amount\n{text}").as_bytes());
    }

    #[test]
    fn shuffled_log_summarises_like_sorted(
        rows in proptest::collection::vec((0u8..20, 0i32..400, 0u32..5000), 1..300),
        seed in any::<u64>(),
        calibrate in any::<bool>(),
    ) {
        let base = Date::parse_iso("2020-01-01").expect("date").days();
        let ids: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let mut log: Vec<(&str, Date, f64)> = rows
            .iter()
            .map(|(c, d, a)| (ids[*c as usize].as_str(), Date::from_days(base + d), f64::from(*a) / 100.0))
            .collect();
        log.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
        let mut shuffled = log.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let opts = SummaryOptions {
            time_unit: TimeUnit::Week,
            observation_end: Some(Date::from_days(base + 350)),
            calibration_end: calibrate.then(|| Date::from_days(base + 200)),
        };
        let a = TransactionLog::from_rows("a", log).summarise(&opts);
        let b = TransactionLog::from_rows("a", shuffled).summarise(&opts);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.customers, &b.customers);
                prop_assert_eq!(&a.source.skipped, &b.source.skipped);
                prop_assert_eq!(&a.source.flagged, &b.source.flagged);
                prop_assert_eq!(&a.source.holdout, &b.source.holdout);
                prop_assert_eq!(a.source.transactions, b.source.transactions);
                prop_assert_eq!(a.source.total_spend, b.source.total_spend);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }
}

#[test]
fn speed_one_million_rows() {
    // ~1,000,000 rows, 100,000 customers, in a pseudo-random order.
    let mut text = String::with_capacity(32 * 1_000_000);
    text.push_str("customer_id,date,amount\n");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..1_000_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let customer = state % 100_000;
        let d = Date::from_days(10_000 + (state >> 20) as i32 % 700);
        let cents = (state >> 40) % 20_000;
        text.push_str(&format!("C{customer},{d},{}.{:02}\n", cents / 100, cents % 100));
    }
    let start = Instant::now();
    let f = ImportFile::read("big.csv", text.as_bytes(), &Limits::default()).expect("read");
    let read = start.elapsed();
    let log = f.transactions(f.mapping()).expect("log");
    let parsed = start.elapsed();
    let s = log.summarise(&SummaryOptions::default()).expect("summary");
    let total = start.elapsed();
    println!(
        "1,000,000 rows ({} MB): table {read:?}, log {parsed:?}, summary {total:?} ({} customers; {} build)",
        text.len() / 1_000_000,
        s.customers.len(),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    assert_eq!(s.source.rows_read, 1_000_000);
}
