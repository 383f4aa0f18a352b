//! A parsed transaction log: interned customers, one compact record per
//! readable row, sorted once by (customer, date, amount, row).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher (FxHash-like) for interning ids: much
/// faster than SipHash, and ids come from the user's own file.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        // `str`'s terminator: one step, not a call to `write`.
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

use super::date::{Date, DatePattern};
use super::error::ImportError;
use super::issue::{IssueLog, Reason};
use super::mapping::{parse_number, Mapping, Role, Shape};
use super::read::Table;

/// One readable, non-negative purchase row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tx {
    pub(crate) customer: u32,
    pub(crate) day: i32,
    pub(crate) amount: f64,
    pub(crate) row: u32,
}

/// A transaction log held in memory so that changing `time_unit`,
/// `observation_end` or `calibration_end` re-summarises it without reading
/// the file again.
#[derive(Clone, Debug)]
pub struct TransactionLog {
    pub(crate) file: String,
    pub(crate) ids: Vec<String>,
    pub(crate) txs: Vec<Tx>,
    pub(crate) rows_read: usize,
    pub(crate) has_amount: bool,
    pub(crate) max_listed: usize,
    /// Rows skipped whatever the options: unreadable and negative.
    pub(crate) fixed: IssueLog,
}

impl TransactionLog {
    /// Data rows read (the header excluded, blank rows not counted).
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Distinct customer ids among the readable rows.
    pub fn customer_ids(&self) -> usize {
        self.ids.len()
    }

    /// True when an amount column was mapped.
    pub fn has_amount(&self) -> bool {
        self.has_amount
    }

    /// Date of the last readable, non-negative row.
    pub fn last_date(&self) -> Option<Date> {
        self.txs.iter().map(|t| t.day).max().map(Date::from_days)
    }

    /// Date of the first readable, non-negative row.
    pub fn first_date(&self) -> Option<Date> {
        self.txs.iter().map(|t| t.day).min().map(Date::from_days)
    }

    /// Builds a log from rows `(customer_id, date, amount)` (row numbers
    /// 1, 2, ...); for tests and for callers that hold parsed data.
    pub fn from_rows<'a>(file: &str, rows: impl IntoIterator<Item = (&'a str, Date, f64)>) -> TransactionLog {
        let mut b = Builder::new(file, true, usize::MAX);
        for (i, (id, date, amount)) in rows.into_iter().enumerate() {
            b.push(i + 1, id, Ok(date), Some(amount));
        }
        b.finish()
    }

    /// Reads the rows of a table with a transactions mapping.
    pub(crate) fn from_table(
        file: &str,
        table: &Table,
        mapping: &Mapping,
        decimal_comma: bool,
        max_listed: usize,
    ) -> Result<TransactionLog, ImportError> {
        if mapping.shape != Shape::Transactions {
            return Err(ImportError::wrong_shape("transactions"));
        }
        mapping.validate(table.columns())?;
        let id_col = mapping.column(Role::CustomerId).ok_or_else(|| ImportError::missing_column("customer_id"))?;
        let date_col = mapping.column(Role::Date).ok_or_else(|| ImportError::missing_column("date"))?;
        let amount_col = mapping.column(Role::Amount);
        let pattern: DatePattern = mapping.date_pattern;
        let mut b = Builder::new(file, amount_col.is_some(), max_listed);
        for r in usize::from(mapping.header)..table.rows() {
            let row = table.row(r);
            let number = table.row_number(r);
            let date = pattern.parse(row.get(date_col)).ok_or(());
            let amount = amount_col.map(|c| parse_number(row.get(c), decimal_comma).unwrap_or(f64::NAN));
            b.push(number, row.get(id_col), date, amount);
        }
        Ok(b.finish())
    }
}

struct Builder<'a> {
    log: TransactionLog,
    index: HashMap<&'a str, u32, BuildHasherDefault<IdHasher>>,
    last: Option<(&'a str, u32)>,
}

impl<'a> Builder<'a> {
    fn new(file: &str, has_amount: bool, max_listed: usize) -> Self {
        Builder {
            log: TransactionLog {
                file: file.to_string(),
                ids: Vec::new(),
                txs: Vec::new(),
                rows_read: 0,
                has_amount,
                max_listed,
                fixed: IssueLog::default(),
            },
            index: HashMap::default(),
            last: None,
        }
    }

    fn intern(&mut self, id: &'a str) -> u32 {
        if let Some((last, i)) = self.last {
            if last == id {
                return i;
            }
        }
        if let Some(i) = self.index.get(id) {
            self.last = Some((id, *i));
            return *i;
        }
        let i = u32::try_from(self.log.ids.len()).unwrap_or(u32::MAX);
        self.log.ids.push(id.to_string());
        self.index.insert(id, i);
        self.last = Some((id, i));
        i
    }

    fn push(&mut self, row: usize, id: &'a str, date: Result<Date, ()>, amount: Option<f64>) {
        self.log.rows_read += 1;
        let reason = if id.is_empty() {
            Some(Reason::MissingCustomer)
        } else if date.is_err() {
            Some(Reason::UnreadableDate)
        } else if amount.is_some_and(|a| !a.is_finite()) {
            Some(Reason::UnreadableAmount)
        } else if amount.is_some_and(|a| a < 0.0) {
            Some(Reason::Negative)
        } else {
            None
        };
        match (reason, date) {
            (None, Ok(date)) => {
                let customer = self.intern(id);
                self.log.txs.push(Tx {
                    customer,
                    day: date.days(),
                    // -0.0 reads as 0 so that duplicates compare equal.
                    amount: amount.unwrap_or(0.0) + 0.0,
                    row: u32::try_from(row).unwrap_or(u32::MAX),
                });
            }
            (reason, _) => {
                self.log.fixed.add(row, reason.unwrap_or(Reason::UnreadableDate));
            }
        }
    }

    fn finish(mut self) -> TransactionLog {
        // Number customers in id order (numeric ids numerically), so that the
        // output does not depend on the order of the rows.
        // Ids of up to 19 digits (most files) compare by a precomputed
        // number; ties of such numbers and other ids by [`id_order`]. Files
        // sorted by customer (most exports) are found sorted in one pass.
        let id = |i: u32| self.log.ids.get(i as usize).map_or("", String::as_str);
        let keys: Vec<u64> = self.log.ids.iter().map(|s| numeric_key(s)).collect();
        let key = |i: u32| keys.get(i as usize).copied().unwrap_or(u64::MAX);
        let cmp = |a: &u32, b: &u32| match (key(*a), key(*b)) {
            (ka, kb) if ka != kb && ka != u64::MAX && kb != u64::MAX => ka.cmp(&kb),
            _ => id_order(id(*a), id(*b)),
        };
        let mut order: Vec<u32> = (0..self.log.ids.len() as u32).collect();
        if !order.is_sorted_by(|a, b| cmp(a, b).is_le()) {
            order.sort_unstable_by(cmp);
        }
        let mut rank = vec![0u32; order.len()];
        for (new, old) in order.iter().enumerate() {
            if let Some(r) = rank.get_mut(*old as usize) {
                *r = new as u32;
            }
        }
        let mut ids: Vec<String> = Vec::with_capacity(order.len());
        for old in &order {
            ids.push(std::mem::take(self.log.ids.get_mut(*old as usize).unwrap_or(&mut String::new())));
        }
        self.log.ids = ids;
        for t in &mut self.log.txs {
            t.customer = rank.get(t.customer as usize).copied().unwrap_or(t.customer);
        }
        // A counting sort by customer (linear), then each customer's few
        // rows by (day, amount, row). Amounts are finite and ≥ 0 (-0
        // normalised), so their bit patterns order like their values.
        let txs = std::mem::take(&mut self.log.txs);
        let mut starts = vec![0usize; self.log.ids.len() + 1];
        for t in &txs {
            if let Some(s) = starts.get_mut(t.customer as usize + 1) {
                *s += 1;
            }
        }
        let mut acc = 0;
        for s in starts.iter_mut() {
            acc += *s;
            *s = acc;
        }
        let mut next = starts.clone();
        let mut sorted = vec![Tx { customer: 0, day: 0, amount: 0.0, row: 0 }; txs.len()];
        for t in txs {
            if let Some(n) = next.get_mut(t.customer as usize) {
                if let Some(slot) = sorted.get_mut(*n) {
                    *slot = t;
                }
                *n += 1;
            }
        }
        for w in starts.windows(2) {
            if let Some(group) = sorted.get_mut(w[0]..w[1]) {
                if !group.is_sorted_by_key(|t| (t.day, t.amount.to_bits(), t.row)) {
                    group.sort_unstable_by_key(|t| (t.day, t.amount.to_bits(), t.row));
                }
            }
        }
        self.log.txs = sorted;
        self.log
    }
}

/// An all-digit id of at most 19 digits (leading zeros ignored) as its
/// number, which orders such ids as [`id_order`] does up to ties of equal
/// numbers (`"01"`, `"1"`); `u64::MAX` for other ids.
fn numeric_key(id: &str) -> u64 {
    let b = id.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return u64::MAX;
    }
    let t = id.trim_start_matches('0');
    if t.len() > 19 {
        return u64::MAX;
    }
    t.bytes().fold(0u64, |n, c| n * 10 + u64::from(c - b'0'))
}

/// Orders ids: all-digit ids numerically (leading zeros ignored, then as
/// text), before other ids, which sort as text.
pub(crate) fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    match (digits(a), digits(b)) {
        (true, true) => {
            let (ta, tb) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then(ta.cmp(tb)).then(a.cmp(b))
        }
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_in_id_order_whatever_the_row_order() {
        let mut ids =
            vec!["10", "9", "010", "0", "00", "a", "B", "12345678901234567890", "12345678901234567891", "99999999999999999999", "7", "x1"];
        let mut want = ids.clone();
        want.sort_by(|a, b| id_order(a, b));
        let date = Date::from_ymd(2020, 1, 1).unwrap_or(Date::from_days(0));
        for turn in 0..3 {
            let log = TransactionLog::from_rows("t", ids.iter().map(|id| (*id, date, 1.0)));
            assert_eq!(log.ids, want, "turn {turn}");
            ids.rotate_left(5);
            ids.reverse();
        }
        // Already in order: the one-pass check keeps it.
        let log = TransactionLog::from_rows("t", want.iter().map(|id| (*id, date, 1.0)));
        assert_eq!(log.ids, want);
        assert_eq!(numeric_key("0042"), 42);
        assert_eq!(numeric_key("4a"), u64::MAX);
        assert_eq!(numeric_key("12345678901234567890"), u64::MAX);
    }
}
