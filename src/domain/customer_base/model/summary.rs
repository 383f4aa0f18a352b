//! Customer summary rows, their validation, and the grouped form the fits use.

use super::error::{Error, ErrorKind};
use serde::{Deserialize, Serialize};

/// Largest accepted `frequency` (repeat transactions of one customer).
pub const MAX_FREQUENCY: f64 = 1e6;
/// Largest accepted `recency` or `T`, in time units.
pub const MAX_TIME: f64 = 1e7;
/// Largest accepted `count` of one row.
pub const MAX_COUNT: f64 = 1e12;
/// Largest accepted `monetary_value`.
pub const MAX_MONEY: f64 = 1e15;

/// One row of a customer summary in the `lifetimes` convention.
///
/// `frequency` is the number of repeat transactions, `recency` the time from
/// the first to the last transaction and `t` (serialised as `T`) the time from
/// the first transaction to the end of observation, all in one time unit.
/// `count` says how many identical customers the row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    /// Repeat transactions x (a whole number, 0 or more).
    pub frequency: f64,
    /// Time of the last transaction after the first, t_x (0 when x is 0).
    pub recency: f64,
    /// Time from the first transaction to the end of observation, T.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean spend of the repeat transactions, when known.
    pub monetary_value: Option<f64>,
    /// How many identical customers this row stands for (a whole number ≥ 1).
    pub count: f64,
}

impl CustomerRow {
    /// A row for one customer without spend.
    pub fn new(frequency: f64, recency: f64, t: f64) -> Self {
        CustomerRow { frequency, recency, t, monetary_value: None, count: 1.0 }
    }

    /// The same row standing for `count` identical customers.
    pub fn with_count(mut self, count: f64) -> Self {
        self.count = count;
        self
    }

    /// The same row with a mean repeat spend.
    pub fn with_monetary_value(mut self, monetary_value: f64) -> Self {
        self.monetary_value = Some(monetary_value);
        self
    }
}

fn whole(v: f64) -> bool {
    v.fract() == 0.0
}

/// Checks every row; the first offending row gives the error.
///
/// Rules: `frequency` a whole number in 0..=[`MAX_FREQUENCY`]; `recency` and
/// `T` finite in 0..=[`MAX_TIME`] with `recency` ≤ `T`; `recency` 0 when
/// `frequency` is 0; `monetary_value` finite in 0..=[`MAX_MONEY`] when given;
/// `count` a whole number in 1..=[`MAX_COUNT`].
pub fn validate(rows: &[CustomerRow]) -> Result<(), Error> {
    for (i, r) in rows.iter().enumerate() {
        if !(r.frequency.is_finite() && r.frequency >= 0.0 && r.frequency <= MAX_FREQUENCY && whole(r.frequency)) {
            return Err(Error::invalid(i, "frequency", "must be a whole number from 0 to 1000000"));
        }
        if !(r.t.is_finite() && r.t >= 0.0 && r.t <= MAX_TIME) {
            return Err(Error::invalid(i, "T", "must be a number from 0 to 10000000"));
        }
        if !(r.recency.is_finite() && r.recency >= 0.0 && r.recency <= MAX_TIME) {
            return Err(Error::invalid(i, "recency", "must be a number from 0 to 10000000"));
        }
        if r.recency > r.t {
            return Err(Error::invalid(i, "recency", "must not exceed T"));
        }
        if r.frequency == 0.0 && r.recency != 0.0 {
            return Err(Error::invalid(i, "recency", "must be 0 when frequency is 0"));
        }
        if let Some(m) = r.monetary_value {
            if !(m.is_finite() && (0.0..=MAX_MONEY).contains(&m)) {
                return Err(Error::invalid(i, "monetary_value", "must be a number from 0 to 1e15"));
            }
        }
        if !(r.count.is_finite() && r.count >= 1.0 && r.count <= MAX_COUNT && whole(r.count)) {
            return Err(Error::invalid(i, "count", "must be a whole number from 1 to 1e12"));
        }
    }
    Ok(())
}

/// Validates rows and checks that the transaction models can describe them.
pub(crate) fn check_fit_data(rows: &[CustomerRow]) -> Result<(), Error> {
    if rows.is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    validate(rows)?;
    let n: f64 = rows.iter().map(|r| r.count).sum();
    if n < 10.0 {
        return Err(Error::new(ErrorKind::TooFewCustomers(n)));
    }
    if rows.iter().all(|r| r.t == 0.0) {
        return Err(Error::new(ErrorKind::OneDay));
    }
    if !rows.iter().any(|r| r.frequency > 0.0) {
        return Err(Error::new(ErrorKind::NoRepeatCustomers));
    }
    if rows.iter().all(|r| r.recency == 0.0) {
        return Err(Error::new(ErrorKind::OneDay));
    }
    Ok(())
}

/// A distinct (x, t_x, T) with its summed weight, as indices into the
/// distinct-value tables of [`Grouped`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub tx: usize,
    pub t: usize,
    pub w: f64,
}

/// Rows of one distinct frequency.
#[derive(Debug, Clone)]
pub(crate) struct XGroup {
    pub x: f64,
    pub weight: f64,
    pub cells: Vec<Cell>,
}

/// Validated rows grouped for fast likelihood evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Grouped {
    pub groups: Vec<XGroup>,
    pub recencies: Vec<f64>,
    pub ages: Vec<f64>,
    pub total_weight: f64,
    pub mean_rate: f64,
    pub mean_age: f64,
}

/// A non-negative number's sort key: such numbers order like their bits
/// (-0 is made +0 first), so integer sorts and searches replace comparators.
fn bits(v: f64) -> u64 {
    (v + 0.0).to_bits()
}

/// The distinct values' keys, ascending.
fn distinct(values: impl Iterator<Item = f64>) -> Vec<u64> {
    let mut v: Vec<u64> = values.map(bits).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn position(table: &[u64], v: f64) -> usize {
    table.binary_search(&bits(v)).unwrap_or_else(|i| i)
}

impl Grouped {
    /// Groups already validated rows by distinct (x, t_x, T).
    pub fn new(rows: &[CustomerRow]) -> Self {
        let recencies = distinct(rows.iter().map(|r| r.recency));
        let ages = distinct(rows.iter().map(|r| r.t));
        // Sorted by (x, T, t_x) so that runs of equal T (few distinct first
        // purchase dates) share per-T terms; as one integer key when the
        // three fit in 64 bits (always, short of millions of distinct
        // values), else as a tuple.
        let (nt, ntx) = (ages.len() as u64, recencies.len() as u64);
        let max_x = rows.iter().fold(0.0f64, |m, r| m.max(r.frequency)) as u64;
        let fits = max_x.checked_add(1).and_then(|v| v.checked_mul(nt)).and_then(|v| v.checked_mul(ntx)).is_some();
        let mut keyed: Vec<(u64, u64, f64)> = rows
            .iter()
            .map(|r| {
                let (x, t, tx) = (r.frequency as u64, position(&ages, r.t) as u64, position(&recencies, r.recency) as u64);
                if fits {
                    ((x * nt + t) * ntx + tx, 0, r.count)
                } else {
                    (x, t << 32 | tx, r.count)
                }
            })
            .collect();
        keyed.sort_unstable_by_key(|k| (k.0, k.1));
        let split =
            |k: &(u64, u64, f64)| if fits { (k.0 / (nt * ntx), k.0 / ntx % nt, k.0 % ntx) } else { (k.0, k.1 >> 32, k.1 & 0xffff_ffff) };
        let mut groups: Vec<XGroup> = Vec::new();
        for k in &keyed {
            let (x, t, tx) = split(k);
            let (x, t, tx, w) = (x as f64, t as usize, tx as usize, k.2);
            let same_x = matches!(groups.last(), Some(g) if g.x == x);
            if !same_x {
                groups.push(XGroup { x, weight: 0.0, cells: Vec::new() });
            }
            if let Some(g) = groups.last_mut() {
                g.weight += w;
                match g.cells.last_mut() {
                    Some(c) if c.tx == tx && c.t == t => c.w += w,
                    _ => g.cells.push(Cell { tx, t, w }),
                }
            }
        }
        let total_weight: f64 = rows.iter().map(|r| r.count).sum();
        let sum_x: f64 = rows.iter().map(|r| r.frequency * r.count).sum();
        let sum_t: f64 = rows.iter().map(|r| r.t * r.count).sum();
        let mean_age = if total_weight > 0.0 { sum_t / total_weight } else { 1.0 };
        let mean_rate = if sum_t > 0.0 && sum_x > 0.0 { sum_x / sum_t } else { 1.0 };
        let values = |keys: Vec<u64>| keys.into_iter().map(f64::from_bits).collect();
        Grouped { groups, recencies: values(recencies), ages: values(ages), total_weight, mean_rate, mean_age }
    }
}

/// Value at `i`, or NaN (which fails the evaluation) when out of range.
#[inline]
pub(crate) fn at(v: &[f64], i: usize) -> f64 {
    v.get(i).copied().unwrap_or(f64::NAN)
}
