//! Customer lifetime value, aggregates and ABC classes (DESIGN §2.5).

use super::error::{Error, ErrorKind};
use super::gamma_gamma::GammaGamma;
use super::kind::Model;
use super::summary::{validate, CustomerRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Days in a month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The unit `recency`, `T` and model rates are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Calendar days.
    Day,
    /// Weeks of 7 days (the default).
    #[default]
    Week,
    /// Months of 365.25 / 12 days.
    Month,
}

impl TimeUnit {
    /// Length of the unit in days.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => DAYS_PER_MONTH,
        }
    }

    /// Length of one month in this unit.
    pub fn per_month(self) -> f64 {
        match self {
            TimeUnit::Day => DAYS_PER_MONTH,
            TimeUnit::Week => DAYS_PER_MONTH / 7.0,
            TimeUnit::Month => 1.0,
        }
    }
}

/// Settings of the valuation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvSettings {
    /// Unit of the summary's times.
    pub time_unit: TimeUnit,
    /// Valuation horizon H in months, 1..=120.
    pub horizon_months: u32,
    /// Annual discount rate, 0..=10 (0.1 = 10 %).
    pub discount_rate: f64,
    /// Margin on revenue, 0..=1.
    pub margin_rate: f64,
}

impl Default for ClvSettings {
    fn default() -> Self {
        ClvSettings { time_unit: TimeUnit::Week, horizon_months: 12, discount_rate: 0.1, margin_rate: 1.0 }
    }
}

impl ClvSettings {
    fn check(&self) -> Result<(), Error> {
        if !(1..=120).contains(&self.horizon_months) {
            return Err(Error::setting("horizon_months", "must be from 1 to 120"));
        }
        if !(self.discount_rate.is_finite() && (0.0..=10.0).contains(&self.discount_rate)) {
            return Err(Error::setting("discount_rate", "must be from 0 to 10"));
        }
        if !(self.margin_rate.is_finite() && (0.0..=1.0).contains(&self.margin_rate)) {
            return Err(Error::setting("margin_rate", "must be from 0 to 1"));
        }
        Ok(())
    }
}

/// Valuation of one summary row (per customer of the row).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    /// P(alive) at the end of observation.
    pub p_alive: f64,
    /// Expected transactions over the horizon.
    pub expected_transactions: f64,
    /// Gamma-Gamma expected spend per transaction (`None` without money).
    pub expected_spend: Option<f64>,
    /// Discounted margin over the horizon (`None` without money).
    pub clv: Option<f64>,
}

/// Values every row: P(alive), expected transactions over the horizon,
/// expected spend and CLV = margin × E[spend] × Σᵢ (E[X(tᵢ)] − E[X(tᵢ₋₁)]) /
/// (1 + d_m)^i with tᵢ = i months and d_m = (1 + discount_rate)^(1/12) − 1.
/// Rows with the same (x, t_x, T) are computed once. Without `spend`, or when
/// its q ≤ 1, the money results are `None`.
pub fn value_customers(
    model: &Model,
    spend: Option<&GammaGamma>,
    rows: &[CustomerRow],
    settings: &ClvSettings,
) -> Result<Vec<CustomerValue>, Error> {
    validate(rows)?;
    settings.check()?;
    let h = settings.horizon_months as usize;
    let month = settings.time_unit.per_month();
    let horizons: Vec<f64> = (1..=h).map(|i| i as f64 * month).collect();
    let d_m = (1.0 + settings.discount_rate).powf(1.0 / 12.0) - 1.0;
    let factors: Vec<f64> = (1..=h).map(|i| (1.0 + d_m).powi(-(i as i32))).collect();
    let mut cache: HashMap<[u64; 3], (f64, f64, f64)> = HashMap::new();
    let mut path = vec![0.0; h];
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let key = [row.frequency.to_bits(), row.recency.to_bits(), row.t.to_bits()];
        let (pa, total, discounted) = match cache.get(&key) {
            Some(v) => *v,
            None => {
                let pa = model.p_alive(row.frequency, row.recency, row.t);
                model.expected_conditional_path(row.frequency, row.recency, row.t, &horizons, &mut path);
                let mut prev = 0.0;
                let mut disc = 0.0;
                for (&e, &f) in path.iter().zip(&factors) {
                    disc += (e - prev) * f;
                    prev = e;
                }
                let v = (pa, prev, disc);
                cache.insert(key, v);
                v
            }
        };
        if !(pa.is_finite() && total.is_finite() && discounted.is_finite()) {
            return Err(Error::new(ErrorKind::Prediction(i)));
        }
        let expected_spend = spend.and_then(|g| {
            let m = if row.frequency > 0.0 { row.monetary_value } else { Some(0.0) };
            match m {
                Some(m) => g.expected_spend(row.frequency, m),
                None => g.expected_spend(0.0, 0.0),
            }
        });
        out.push(CustomerValue {
            p_alive: pa,
            expected_transactions: total,
            expected_spend,
            clv: expected_spend.map(|s| settings.margin_rate * s * discounted),
        });
    }
    Ok(out)
}

/// Count-weighted totals over all customers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Aggregates {
    /// Customers (Σ count).
    pub customers: f64,
    /// Expected transactions over the horizon, all customers.
    pub expected_transactions: f64,
    /// Σ expected transactions × expected spend (no margin, no discount).
    pub expected_revenue: Option<f64>,
    /// Σ CLV.
    pub total_clv: Option<f64>,
    /// Mean CLV per customer.
    pub mean_clv: Option<f64>,
    /// Mean P(alive) per customer.
    pub mean_p_alive: f64,
}

/// Aggregates of [`value_customers`] results, each row weighted by `count`.
pub fn aggregate(rows: &[CustomerRow], values: &[CustomerValue]) -> Result<Aggregates, Error> {
    if rows.len() != values.len() {
        return Err(Error::mismatch("values", rows.len(), values.len()));
    }
    let mut customers = 0.0;
    let mut tx = 0.0;
    let mut alive = 0.0;
    let mut revenue = Some(0.0);
    let mut clv = Some(0.0);
    for (r, v) in rows.iter().zip(values) {
        customers += r.count;
        tx += r.count * v.expected_transactions;
        alive += r.count * v.p_alive;
        revenue = revenue.zip(v.expected_spend).map(|(acc, s)| acc + r.count * v.expected_transactions * s);
        clv = clv.zip(v.clv).map(|(acc, c)| acc + r.count * c);
    }
    if customers == 0.0 {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(Aggregates {
        customers,
        expected_transactions: tx,
        expected_revenue: revenue,
        total_clv: clv,
        mean_clv: clv.map(|c| c / customers),
        mean_p_alive: alive / customers,
    })
}

/// ABC class of a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum AbcClass {
    /// The most valuable customers, up to 80 % of the value.
    A,
    /// The next customers, up to 95 % of the value.
    B,
    /// The rest.
    C,
}

/// One ABC class.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ClassSummary {
    /// Customers in the class (Σ count).
    pub customers: f64,
    /// Share of all customers.
    pub share_of_customers: f64,
    /// Share of the total value (0 when the total is 0).
    pub share_of_value: f64,
}

/// The three ABC classes.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Abc {
    /// Class A.
    #[serde(rename = "A")]
    pub a: ClassSummary,
    /// Class B.
    #[serde(rename = "B")]
    pub b: ClassSummary,
    /// Class C.
    #[serde(rename = "C")]
    pub c: ClassSummary,
}

/// ABC classes by a per-customer value (CLV or historical spend).
///
/// Rows are sorted most valuable first (ties keep their order); a customer is
/// in A while the value of the customers before them is below 80 % of the
/// total (so the customer who crosses 80 % is in A), in B while it is below
/// 95 %, otherwise in C. A grouped row goes whole to the class of its first
/// member. Returns the summary and each row's class, in input order.
pub fn abc_classes(values: &[f64], counts: &[f64]) -> Result<(Abc, Vec<AbcClass>), Error> {
    abc_classes_ordered(values, counts).map(|(abc, classes, _)| (abc, classes))
}

/// [`abc_classes`] and the rows' order it used (most valuable first, ties
/// by row), for a Pareto curve of the same values without a second sort.
pub fn abc_classes_ordered(values: &[f64], counts: &[f64]) -> Result<(Abc, Vec<AbcClass>, Vec<usize>), Error> {
    if values.len() != counts.len() {
        return Err(Error::mismatch("counts", values.len(), counts.len()));
    }
    for (i, (&v, &c)) in values.iter().zip(counts).enumerate() {
        if !(v.is_finite() && v >= 0.0) {
            return Err(Error::invalid(i, "value", "must be a number of 0 or more"));
        }
        if !(c.is_finite() && c >= 1.0) {
            return Err(Error::invalid(i, "count", "must be a whole number from 1 to 1e12"));
        }
    }
    let value = |i: usize| values.get(i).copied().unwrap_or(0.0);
    let count = |i: usize| counts.get(i).copied().unwrap_or(0.0);
    // Highest value first; ties by row (a stable sort).
    let order = crate::domain::sort::order_by_key((0..values.len()).map(|i| u128::from(!crate::domain::sort::key_f64(value(i))) << 64));
    let total: f64 = order.iter().map(|&i| value(i) * count(i)).sum();
    let customers: f64 = counts.iter().sum();
    let eps = 1e-12 * total;
    let mut classes = vec![AbcClass::C; values.len()];
    let mut abc = Abc::default();
    let mut before = 0.0;
    for &i in &order {
        let class = if before < 0.8 * total - eps {
            AbcClass::A
        } else if before < 0.95 * total - eps {
            AbcClass::B
        } else {
            AbcClass::C
        };
        if let Some(slot) = classes.get_mut(i) {
            *slot = class;
        }
        let v = value(i) * count(i);
        let s = match class {
            AbcClass::A => &mut abc.a,
            AbcClass::B => &mut abc.b,
            AbcClass::C => &mut abc.c,
        };
        s.customers += count(i);
        s.share_of_value += v;
        before += v;
    }
    for s in [&mut abc.a, &mut abc.b, &mut abc.c] {
        s.share_of_customers = if customers > 0.0 { s.customers / customers } else { 0.0 };
        s.share_of_value = if total > 0.0 { s.share_of_value / total } else { 0.0 };
    }
    Ok((abc, classes, order))
}
