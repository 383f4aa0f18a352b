//! Summarises a transaction file with the app's own importer
//! (`domain::customer_base::import`) and writes the summary as CSV, for
//! `tests/support/check_sql.py` (`make test-sql`), which compares it with
//! `tests/support/summary.sql` run in DuckDB.
//!
//! `cargo run --example export_summary -- IN OUT [OBSERVATION_END] [day|week|month] [grouped]`

use customer_value_calculator::domain::customer_base::import::{group_customers, Date, ImportFile, Limits, SummaryOptions, TimeUnit};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: export_summary IN OUT [OBSERVATION_END] [day|week|month] [grouped]".into());
    };
    let observation_end = args.get(3).map(|d| Date::parse_iso(d)).transpose()?;
    let time_unit = match args.get(4).map(String::as_str) {
        Some("week") => TimeUnit::Week,
        Some("month") => TimeUnit::Month,
        _ => TimeUnit::Day,
    };
    let bytes = std::fs::read(input)?;
    let start = Instant::now();
    let file = ImportFile::read(input, &bytes, &Limits::default())?;
    let log = file.transactions(file.mapping())?;
    let options = SummaryOptions { time_unit, observation_end, calibration_end: None };
    let mut summary = log.summarise(&options)?;
    let elapsed = start.elapsed();
    if args.get(5).map(String::as_str) == Some("grouped") {
        summary.customers = group_customers(&summary.customers);
    }
    std::fs::write(output, summary.to_csv())?;
    eprintln!(
        "{} rows, {} customers, {} transactions, total spend {:?}, skipped {:?}, flagged {:?}; import+summary {:?}",
        summary.source.rows_read,
        summary.customer_count(),
        summary.source.transactions,
        summary.source.total_spend,
        summary.source.skipped,
        summary.source.flagged,
        elapsed
    );
    Ok(())
}
