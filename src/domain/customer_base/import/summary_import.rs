//! Summary-shaped imports (`customer_id, frequency, recency, T, ...`).

use super::error::ImportError;
use super::issue::{IssueLog, Reason};
use super::mapping::{parse_number, Mapping, Role, Shape};
use super::read::{Row, Table};
use super::summary::{CustomerRow, Source, Summary, TimeUnit};

fn number(row: &Row<'_>, column: Option<usize>, decimal_comma: bool) -> Option<Option<f64>> {
    match column {
        None => Some(None),
        Some(c) => parse_number(row.get(c), decimal_comma).map(Some),
    }
}

fn whole(v: f64) -> bool {
    v.fract() == 0.0 && (0.0..9.0e15).contains(&v)
}

/// Reads and validates one summary row.
fn read_row(row: &Row<'_>, m: &Mapping, dc: bool) -> Result<CustomerRow, Reason> {
    let req = |role: Role, bad: Reason| number(row, m.column(role), dc).flatten().ok_or(bad);
    let frequency = req(Role::Frequency, Reason::BadFrequency)?;
    if !whole(frequency) {
        return Err(Reason::BadFrequency);
    }
    let recency = req(Role::Recency, Reason::BadRecency)?;
    if recency < 0.0 {
        return Err(Reason::BadRecency);
    }
    let t = req(Role::T, Reason::BadT)?;
    if recency > t {
        return Err(Reason::RecencyAboveT);
    }
    let monetary_value = number(row, m.column(Role::MonetaryValue), dc).ok_or(Reason::BadMonetary)?;
    if monetary_value.is_some_and(|v| v < 0.0) {
        return Err(Reason::BadMonetary);
    }
    let count = match m.column(Role::Count) {
        Some(c) if row.get(c).is_empty() => 1.0,
        Some(_) => number(row, m.column(Role::Count), dc).flatten().ok_or(Reason::BadCount)?,
        None => 1.0,
    };
    if !whole(count) || count < 1.0 {
        return Err(Reason::BadCount);
    }
    let historical_spend = number(row, m.column(Role::HistoricalSpend), dc).ok_or(Reason::BadHistoricalSpend)?;
    if historical_spend.is_some_and(|v| v < 0.0) {
        return Err(Reason::BadHistoricalSpend);
    }
    Ok(CustomerRow {
        customer_id: String::new(),
        frequency: frequency as u64,
        recency,
        t,
        monetary_value,
        count: count as u64,
        historical_spend,
        holdout_frequency: None,
    })
}

/// Reads a summary-shaped table; bad rows are skipped and listed.
pub(crate) fn read_summary(
    file: &str,
    table: &Table,
    mapping: &Mapping,
    decimal_comma: bool,
    max_listed: usize,
) -> Result<Summary, ImportError> {
    if mapping.shape != Shape::Summary {
        return Err(ImportError::wrong_shape("summary"));
    }
    mapping.validate(table.columns())?;
    let mut issues = IssueLog::default();
    let mut customers = Vec::new();
    let mut source = Source { file: file.to_string(), ..Source::default() };
    for r in usize::from(mapping.header)..table.rows() {
        let row = table.row(r);
        let number = table.row_number(r);
        source.rows_read += 1;
        let id = match mapping.column(Role::CustomerId) {
            Some(c) => row.get(c).to_string(),
            None => format!("row {number}"),
        };
        if id.is_empty() {
            issues.add(number, Reason::MissingCustomer);
            continue;
        }
        match read_row(&row, mapping, decimal_comma) {
            Ok(mut c) => {
                c.customer_id = id;
                source.transactions += (c.frequency + 1) * c.count;
                customers.push(c);
            }
            Err(reason) => issues.add(number, reason),
        }
    }
    if customers.is_empty() {
        return Err(ImportError::no_customers());
    }
    source.skipped = issues.skipped;
    source.flagged = issues.flagged;
    Ok(Summary {
        time_unit: TimeUnit::default(),
        observation_end: None,
        calibration_end: None,
        has_money: mapping.column(Role::MonetaryValue).is_some(),
        customers,
        source,
        issues: issues.listed(max_listed),
    })
}
