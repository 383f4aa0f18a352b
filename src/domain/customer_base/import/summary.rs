//! The customer summary (DESIGN §2.5 conventions) of a transaction log.

use serde::Serialize;

use super::date::Date;
use super::error::ImportError;
use super::holdout::{Holdout, HoldoutBuilder};
use super::issue::{Flagged, Reason, RowIssue, Skipped};
use super::log::{TransactionLog, Tx};

pub use crate::domain::customer_base::model::TimeUnit;

/// How to summarise a log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Unit of `recency` and `T` (default week).
    pub time_unit: TimeUnit,
    /// Last day observed (default: the last transaction date); later rows
    /// are skipped.
    pub observation_end: Option<Date>,
    /// End of the calibration period (must be before `observation_end`).
    pub calibration_end: Option<Date>,
}

/// One customer (or, with `count` > 1, a group of identical customers).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerRow {
    /// Customer id (a group label for grouped rows).
    pub customer_id: String,
    /// Repeat transactions (transaction days − 1) in the fit period.
    pub frequency: u64,
    /// Last − first transaction date, in time units.
    pub recency: f64,
    /// Fit period end − first transaction date, in time units.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean day total of the repeat transactions (0 when frequency is 0);
    /// `None` when the data carry no money.
    pub monetary_value: Option<f64>,
    /// Customers the row stands for.
    pub count: u64,
    /// Spend in the fit period (per customer for grouped rows); `None`
    /// without money or for summary imports lacking the column.
    pub historical_spend: Option<f64>,
    /// Repeat transactions after `calibration_end` (with a calibration end).
    pub holdout_frequency: Option<u64>,
}

/// What only the log could tell (DESIGN §2.5 `source`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Source {
    /// File name.
    pub file: String,
    /// Data rows read.
    pub rows_read: usize,
    /// Transactions (customer-days) up to `observation_end`; for summary
    /// imports Σ (frequency + 1) × count.
    pub transactions: u64,
    /// Sum of the amounts used; `None` without money and for summary imports.
    pub total_spend: Option<f64>,
    /// Skipped rows by reason.
    pub skipped: Skipped,
    /// Flagged rows by reason.
    pub flagged: Flagged,
    /// First transaction date used.
    pub first_date: Option<Date>,
    /// Last transaction date used.
    pub last_date: Option<Date>,
    /// The holdout's actual side, with a calibration end.
    pub holdout: Option<Holdout>,
}

/// A customer summary ready for the models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Unit of `recency` and `T`.
    pub time_unit: TimeUnit,
    /// The observation end used (`None` for summary imports).
    pub observation_end: Option<Date>,
    /// The calibration end used.
    pub calibration_end: Option<Date>,
    /// True when the rows carry money (`monetary_value`).
    pub has_money: bool,
    /// One row per customer (or group), ordered by customer id
    /// (numeric ids numerically).
    pub customers: Vec<CustomerRow>,
    /// Source facts.
    pub source: Source,
    /// Skipped and flagged rows, the first ones by row number (the counts in
    /// `source` are exact).
    pub issues: Vec<RowIssue>,
}

impl Summary {
    /// Customers, each row weighted by its count.
    pub fn customer_count(&self) -> u64 {
        self.customers.iter().map(|c| c.count).sum()
    }
    /// Customers with frequency > 0.
    pub fn repeat_customers(&self) -> u64 {
        self.customers.iter().filter(|c| c.frequency > 0).map(|c| c.count).sum()
    }
    /// Repeat customers with monetary value > 0 (the Gamma-Gamma sample).
    pub fn spend_sample(&self) -> u64 {
        let spent = |c: &&CustomerRow| c.frequency > 0 && c.monetary_value.is_some_and(|m| m > 0.0);
        self.customers.iter().filter(spent).map(|c| c.count).sum()
    }
    /// Σ frequency × count.
    pub fn frequency_sum(&self) -> u64 {
        self.customers.iter().map(|c| c.frequency * c.count).sum()
    }
}

/// Sums of one customer's used rows, one day at a time.
fn day_totals(txs: &[Tx]) -> impl Iterator<Item = (i32, f64)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = txs.get(i)?;
        let mut total = 0.0;
        while let Some(t) = txs.get(i).filter(|t| t.day == first.day) {
            total += t.amount;
            i += 1;
        }
        Some((first.day, total))
    })
}

impl TransactionLog {
    /// Summarises the log under DESIGN §2.5: one transaction per customer and
    /// calendar day, rows after `observation_end` skipped, zero amounts and
    /// repeated (customer, date, amount) rows kept and flagged.
    pub fn summarise(&self, options: &SummaryOptions) -> Result<Summary, ImportError> {
        let last = self.last_date().ok_or_else(ImportError::no_transactions)?;
        let obs_end = options.observation_end.unwrap_or(last).days();
        let cutoff = match options.calibration_end {
            Some(c) if c.days() >= obs_end => return Err(ImportError::calibration_not_before_end()),
            Some(c) => c.days(),
            None => obs_end,
        };
        let unit = options.time_unit.days();
        let mut issues = self.fixed.clone();
        let mut holdout = options.calibration_end.map(|_| HoldoutBuilder::default());
        let mut customers = Vec::new();
        let mut source =
            Source { file: self.file.clone(), rows_read: self.rows_read, total_spend: self.has_amount.then_some(0.0), ..Source::default() };
        let (mut first_date, mut last_date) = (i32::MAX, i32::MIN);
        let mut spend = 0.0;
        for txs in self.txs.chunk_by(|a, b| a.customer == b.customer) {
            let used_len = txs.partition_point(|t| t.day <= obs_end);
            let (used, after) = txs.split_at(used_len);
            for t in after {
                issues.add(t.row as usize, Reason::AfterEnd);
            }
            let Some(first_tx) = used.first() else {
                continue;
            };
            let mut prev: Option<&Tx> = None;
            for t in used {
                if self.has_amount && t.amount == 0.0 {
                    issues.add(t.row as usize, Reason::ZeroAmount);
                }
                if prev.is_some_and(|p| p.day == t.day && p.amount == t.amount) {
                    issues.add(t.row as usize, Reason::Duplicate);
                }
                spend += t.amount;
                prev = Some(t);
            }
            let first = first_tx.day;
            first_date = first_date.min(first);
            last_date = last_date.max(used.last().map_or(first, |t| t.day));
            let (mut days, mut last_fit, mut fit_spend, mut repeat_spend, mut held) = (0u64, first, 0.0, 0.0, 0u64);
            let mut repeat_days = Vec::new();
            for (day, total) in day_totals(used) {
                source.transactions += 1;
                if day > first {
                    repeat_days.push(day);
                }
                if day <= cutoff {
                    days += 1;
                    last_fit = day;
                    fit_spend += total;
                    if day > first {
                        repeat_spend += total;
                    }
                } else {
                    held += 1;
                }
            }
            if first > cutoff {
                if let Some(h) = holdout.as_mut() {
                    h.new_customer();
                }
                continue;
            }
            if let Some(h) = holdout.as_mut() {
                h.customer(first, &repeat_days, held);
            }
            let frequency = days.saturating_sub(1);
            let mean_repeat = if frequency > 0 { repeat_spend / frequency as f64 } else { 0.0 };
            let id = self.ids.get(first_tx.customer as usize).cloned().unwrap_or_default();
            customers.push(CustomerRow {
                customer_id: id,
                frequency,
                recency: f64::from(last_fit - first) / unit,
                t: f64::from(cutoff - first) / unit,
                monetary_value: self.has_amount.then_some(mean_repeat),
                count: 1,
                historical_spend: self.has_amount.then_some(fit_spend),
                holdout_frequency: holdout.as_ref().map(|_| held),
            });
        }
        if source.transactions == 0 {
            return Err(ImportError::no_transactions());
        }
        if self.has_amount {
            source.total_spend = Some(spend);
        }
        source.first_date = Some(Date::from_days(first_date));
        source.last_date = Some(Date::from_days(last_date));
        source.holdout = holdout.map(|h| h.finish(obs_end, options.time_unit));
        source.skipped = issues.skipped;
        source.flagged = issues.flagged;
        Ok(Summary {
            time_unit: options.time_unit,
            observation_end: Some(Date::from_days(obs_end)),
            calibration_end: options.calibration_end,
            has_money: self.has_amount,
            customers,
            source,
            issues: issues.listed(self.max_listed),
        })
    }
}

/// Groups identical customers — same frequency, recency, `T`,
/// monetary value (and holdout frequency) — into one row with `count`, as a
/// warehouse would before handing a large base to the browser. Rows are
/// ordered by (frequency, recency, T, monetary value); ids become labels
/// `g1`, `g2`, ...; `historical_spend` becomes the group's mean.
pub fn group_customers(rows: &[CustomerRow]) -> Vec<CustomerRow> {
    let key = |c: &CustomerRow| (c.frequency, c.recency.to_bits(), c.t.to_bits(), c.monetary_value.map(f64::to_bits), c.holdout_frequency);
    let mut sorted: Vec<&CustomerRow> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        a.frequency
            .cmp(&b.frequency)
            .then(a.recency.total_cmp(&b.recency))
            .then(a.t.total_cmp(&b.t))
            .then(a.monetary_value.unwrap_or(0.0).total_cmp(&b.monetary_value.unwrap_or(0.0)))
            .then(key(a).cmp(&key(b)))
    });
    let mut out: Vec<CustomerRow> = Vec::new();
    let mut spend_total: Vec<Option<f64>> = Vec::new();
    for row in sorted {
        let weighted = row.historical_spend.map(|s| s * row.count as f64);
        match out.last_mut().zip(spend_total.last_mut()) {
            Some((last, total)) if key(last) == key(row) => {
                last.count += row.count;
                *total = total.zip(weighted).map(|(a, b)| a + b);
            }
            _ => {
                let mut g = row.clone();
                g.customer_id = format!("g{}", out.len() + 1);
                out.push(g);
                spend_total.push(weighted);
            }
        }
    }
    for (g, total) in out.iter_mut().zip(spend_total) {
        g.historical_spend = total.map(|t| t / g.count as f64);
    }
    out
}
