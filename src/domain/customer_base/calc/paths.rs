//! The valuation paths: each customer's P(alive) and, per distinct
//! (frequency, T), the expected cumulative purchases month by month — the
//! model evaluations a valuation needs, computed once per fit.

use super::bits::BitsMap;
use super::data::CbData;
use crate::domain::customer_base::model::{self, TimeUnit};

/// Each row's P(alive), and per distinct (x, T) the expected cumulative
/// purchases of a customer alive now, E[X(i months) | x, T, alive] for
/// i = 1..=months (it does not depend on t_x: CDNOW's 23,570 customers have
/// far fewer distinct (x, T) than (x, t_x, T)); `index[row]` is the row's path.
#[derive(Clone, Debug)]
pub(super) struct Paths {
    pub(super) unit: TimeUnit,
    pub(super) months: usize,
    pub(super) index: Vec<usize>,
    pub(super) p_alive: Vec<f64>,
    pub(super) cum: Vec<f64>,
}

pub(super) fn paths(m: &model::Model, d: &CbData, unit: TimeUnit, months: usize) -> Option<Paths> {
    let mut seen: BitsMap<[u64; 2], usize> = BitsMap::default();
    let mut alive: BitsMap<[u64; 3], f64> = BitsMap::default();
    let mut index = Vec::with_capacity(d.rows.len());
    let mut p_alive = Vec::with_capacity(d.rows.len());
    let mut cum = Vec::new();
    let horizons: Vec<f64> = (1..=months).map(|i| i as f64 * unit.per_month()).collect();
    let mut path = vec![0.0; months];
    for r in &d.rows {
        let key = [r.frequency.to_bits(), r.recency.to_bits(), r.t.to_bits()];
        let pa = *alive.entry(key).or_insert_with(|| m.p_alive(r.frequency, r.recency, r.t));
        if !pa.is_finite() {
            return None;
        }
        p_alive.push(pa);
        let k = match seen.get(&[key[0], key[2]]) {
            Some(k) => *k,
            None => {
                let k = cum.len() / months.max(1);
                m.alive_path(r.frequency, r.t, &horizons, &mut path);
                if path.iter().any(|x| !x.is_finite()) {
                    return None;
                }
                cum.extend_from_slice(&path);
                seen.insert([key[0], key[2]], k);
                k
            }
        };
        index.push(k);
    }
    Some(Paths { unit, months, index, p_alive, cum })
}
