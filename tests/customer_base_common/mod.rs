//! Helpers shared by the `customer_base_*` test files: locating and reading
//! the CDNOW files of the `lifetimes` 0.11.3 wheel (never committed; `make
//! data` fetches them into `.cache/`), and a tiny independent summariser of
//! `CDNOW_master.txt` for the model tests.
#![allow(dead_code)]

use customer_value_calculator::domain::customer_base::model::CustomerRow;
use std::collections::HashMap;
use std::path::PathBuf;

/// The folder holding the CDNOW files: `$CDNOW_DIR`, or where `make data`
/// unpacks them (`.cache/cdnow/lifetimes/datasets` in this repository).
pub fn cdnow_dir() -> PathBuf {
    match std::env::var_os("CDNOW_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".cache/cdnow/lifetimes/datasets"),
    }
}

/// The path of a CDNOW file; fails with instructions when it is missing
/// (a missing data file is a failure, never a skipped test).
pub fn cdnow_file(name: &str) -> PathBuf {
    let path = cdnow_dir().join(name);
    assert!(
        path.is_file(),
        "CDNOW file {} is missing. The CDNOW files ship in the `lifetimes` 0.11.3 wheel: run `make data` \
         (downloads it into .cache/ and unpacks lifetimes/datasets/) and test with `make test-native`, \
         or set CDNOW_DIR to the folder holding CDNOW_master.txt and the cdnow_customers_summary*.csv files.",
        path.display()
    );
    path
}

/// The bytes of a CDNOW file (see [`cdnow_file`]).
pub fn cdnow_bytes(name: &str) -> Vec<u8> {
    let path = cdnow_file(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn read_csv(name: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let text = String::from_utf8(cdnow_bytes(name)).expect("UTF-8 CDNOW file");
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().expect("header").split(',').map(|s| s.trim().to_string()).collect();
    let rows =
        lines.filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(|v| v.trim().parse::<f64>().expect("number")).collect()).collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// cdnow_customers_summary.csv (ID, frequency, recency, T) in weeks.
pub fn cdnow_summary() -> Vec<CustomerRow> {
    let (h, rows) = read_csv("cdnow_customers_summary.csv");
    let (f, r, t) = (col(&h, "frequency"), col(&h, "recency"), col(&h, "T"));
    rows.iter().map(|v| CustomerRow::new(v[f], v[r], v[t])).collect()
}

/// cdnow_customers_summary_with_transactions.csv (ID, x, t_x, T, zbar).
pub fn cdnow_summary_with_spend() -> Vec<CustomerRow> {
    let (h, rows) = read_csv("cdnow_customers_summary_with_transactions.csv");
    let (x, tx, t, z) = (col(&h, "x"), col(&h, "t_x"), col(&h, "T"), col(&h, "zbar"));
    rows.iter().map(|v| CustomerRow::new(v[x], v[tx], v[t]).with_monetary_value(v[z])).collect()
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Tiny summariser of CDNOW_master.txt (id, YYYYMMDD, quantity, amount),
/// independent of the import module: same-day purchases merged, observation
/// end 1998-06-30, times in days; one row per customer.
pub fn cdnow_master_days() -> Vec<CustomerRow> {
    let text = String::from_utf8(cdnow_bytes("CDNOW_master.txt")).expect("UTF-8 CDNOW file");
    let mut by_customer: HashMap<u64, HashMap<i64, f64>> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 4 || f[0] == "customer_id" {
            continue;
        }
        let id: u64 = f[0].parse().expect("id");
        let d: i64 = f[1].parse().expect("date");
        let day = days_from_civil(d / 10_000, d / 100 % 100, d % 100);
        let amount: f64 = f[3].parse().expect("amount");
        *by_customer.entry(id).or_default().entry(day).or_insert(0.0) += amount;
    }
    let end = days_from_civil(1998, 6, 30) as f64;
    let mut ids: Vec<u64> = by_customer.keys().copied().collect();
    ids.sort_unstable();
    ids.iter()
        .map(|id| {
            let mut days: Vec<(i64, f64)> = by_customer[id].iter().map(|(d, a)| (*d, *a)).collect();
            days.sort_unstable_by_key(|p| p.0);
            let first = days[0].0 as f64;
            let last = days[days.len() - 1].0 as f64;
            let x = (days.len() - 1) as f64;
            let repeat: f64 = days[1..].iter().map(|p| p.1).sum();
            let m = if x > 0.0 { repeat / x } else { 0.0 };
            CustomerRow::new(x, last - first, end - first).with_monetary_value(m)
        })
        .collect()
}

/// Groups rows by (frequency, recency, T), summing counts (monetary dropped).
pub fn group_rows(rows: &[CustomerRow]) -> Vec<CustomerRow> {
    let mut map: HashMap<[u64; 3], f64> = HashMap::new();
    for r in rows {
        *map.entry([r.frequency.to_bits(), r.recency.to_bits(), r.t.to_bits()]).or_default() += r.count;
    }
    let mut out: Vec<CustomerRow> = map
        .into_iter()
        .map(|(k, c)| CustomerRow::new(f64::from_bits(k[0]), f64::from_bits(k[1]), f64::from_bits(k[2])).with_count(c))
        .collect();
    out.sort_by(|a, b| (a.frequency, a.recency, a.t).partial_cmp(&(b.frequency, b.recency, b.t)).unwrap());
    out
}

/// Relative difference.
pub fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}
