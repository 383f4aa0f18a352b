//! The document form of a summary (`inputs.data`) and its CSV.

use serde::Serialize;

use super::summary::{CustomerRow, Source, Summary};

/// One cell of `inputs.data.rows`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DataCell {
    /// Text (the customer id).
    Text(String),
    /// A number.
    Number(f64),
    /// No value.
    Null,
}

/// `inputs.data` of DESIGN §2.5: `{shape: "summary", columns, rows, source}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryData {
    /// Always `"summary"`.
    pub shape: &'static str,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// One row per customer or group, in `columns` order.
    pub rows: Vec<Vec<DataCell>>,
    /// What only the log could tell.
    pub source: Source,
}

type Column = (&'static str, fn(&CustomerRow) -> DataCell);

fn opt(v: Option<f64>) -> DataCell {
    v.map_or(DataCell::Null, DataCell::Number)
}

impl Summary {
    /// The columns present: `customer_id, frequency, recency, T`, then
    /// `monetary_value` (with money), `count` (when a row stands for more than
    /// one customer), `historical_spend` (when known) and `holdout_frequency`
    /// (with a calibration end).
    fn export_columns(&self) -> Vec<Column> {
        let mut cols: Vec<Column> = vec![
            ("customer_id", |c| DataCell::Text(c.customer_id.clone())),
            ("frequency", |c| DataCell::Number(c.frequency as f64)),
            ("recency", |c| DataCell::Number(c.recency)),
            ("T", |c| DataCell::Number(c.t)),
        ];
        if self.has_money {
            cols.push(("monetary_value", |c| opt(c.monetary_value)));
        }
        if self.customers.iter().any(|c| c.count != 1) {
            cols.push(("count", |c| DataCell::Number(c.count as f64)));
        }
        if self.customers.iter().any(|c| c.historical_spend.is_some()) {
            cols.push(("historical_spend", |c| opt(c.historical_spend)));
        }
        if self.customers.iter().any(|c| c.holdout_frequency.is_some()) {
            cols.push(("holdout_frequency", |c| opt(c.holdout_frequency.map(|h| h as f64))));
        }
        cols
    }

    /// The names of the columns present, in order.
    pub fn column_names(&self) -> Vec<&'static str> {
        self.export_columns().iter().map(|(name, _)| *name).collect()
    }

    /// The document form (`inputs.data`).
    pub fn to_data(&self) -> SummaryData {
        let cols = self.export_columns();
        SummaryData {
            shape: "summary",
            columns: cols.iter().map(|(name, _)| *name).collect(),
            rows: self.customers.iter().map(|c| cols.iter().map(|(_, f)| f(c)).collect()).collect(),
            source: self.source.clone(),
        }
    }

    /// The summary as CSV text with the same columns (numbers in their
    /// shortest exact form, empty cells for no value).
    pub fn to_csv(&self) -> String {
        let cols = self.export_columns();
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let mut record: Vec<String> = cols.iter().map(|(n, _)| (*n).to_string()).collect();
        let mut ok = w.write_record(&record).is_ok();
        for c in &self.customers {
            record.clear();
            record.extend(cols.iter().map(|(_, f)| match f(c) {
                DataCell::Text(t) => t,
                DataCell::Number(n) => format!("{n}"),
                DataCell::Null => String::new(),
            }));
            ok &= w.write_record(&record).is_ok();
        }
        let bytes = w.into_inner().unwrap_or_default();
        debug_assert!(ok);
        String::from_utf8(bytes).unwrap_or_default()
    }
}
