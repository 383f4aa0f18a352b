//! Chart data of the customer base results: the Pareto (ABC) curve and
//! the repeat-purchase histogram, observed against the BG/NBD's expectation.

use super::data::CbData;
use super::inputs::CustomerLine;
use crate::domain::customer_base::model::Params;
use statrs::function::gamma::ln_gamma;

/// P(X(t) = x) under BG/NBD (Fader, Hardie & Lee 2005, eq. 8): the chance
/// that a customer makes x repeat purchases in a period of length t.
pub(crate) fn bgnbd_pmf(p: &Params, x: u32, t: f64) -> Option<f64> {
    let Params::Bgnbd(f) = p else { return None };
    let (r, alpha, a, b) = (f.r, f.alpha, f.a, f.b);
    let lg = ln_gamma;
    let lb = |p: f64, q: f64| lg(p) + lg(q) - lg(p + q);
    let xf = x as f64;
    let base = lb(a, b + xf) - lb(a, b) + lg(r + xf) - lg(r) - lg(xf + 1.0) + r * (alpha / (alpha + t)).ln() + xf * (t / (alpha + t)).ln();
    let mut p_x = base.exp();
    if x > 0 {
        let mut tail = 0.0;
        let ln_pre = lb(a + 1.0, b + xf - 1.0) - lb(a, b);
        let mut term_sum = 0.0;
        for j in 0..x {
            let jf = j as f64;
            term_sum += (lg(r + jf) - lg(r) - lg(jf + 1.0) + jf * (t / (alpha + t)).ln()).exp();
        }
        tail += ln_pre.exp() * (1.0 - (r * (alpha / (alpha + t)).ln()).exp() * term_sum);
        p_x += tail;
    }
    p_x.is_finite().then_some(p_x)
}

/// The Pareto curve in at most 100 points: customers by CLV (at least 0),
/// highest first, ties by row. `order` is that order when already known
/// (the ABC classes by CLV sort the same values): then every line has a CLV.
pub(crate) fn pareto(lines: &[CustomerLine], order: Option<&[usize]>) -> Vec<(f64, f64)> {
    let vals: Vec<(f64, f64)> = lines.iter().filter_map(|l| Some((l.clv?.max(0.0), l.count))).collect();
    if vals.is_empty() {
        return Vec::new();
    }
    let sorted;
    let order = match order.filter(|o| o.len() == vals.len()) {
        Some(o) => o,
        None => {
            let key = |x: f64| u128::from(!crate::domain::sort::key_f64(x)) << 64;
            sorted = crate::domain::sort::order_by_key(vals.iter().map(|&(v, _)| key(v)));
            &sorted
        }
    };
    let vals: Vec<(f64, f64)> = order.iter().filter_map(|&i| vals.get(i).copied()).collect();
    let total: f64 = vals.iter().map(|(v, c)| v * c).sum();
    let customers: f64 = vals.iter().map(|(_, c)| c).sum();
    if total <= 0.0 || customers <= 0.0 {
        return Vec::new();
    }
    let mut out = vec![(0.0, 0.0)];
    let (mut cum_c, mut cum_v) = (0.0, 0.0);
    let step = (customers / 100.0).max(1.0);
    let mut next = step;
    for (v, c) in vals {
        cum_c += c;
        cum_v += v * c;
        if cum_c >= next {
            out.push((cum_c / customers, cum_v / total));
            next = cum_c + step;
        }
    }
    if out.last().is_some_and(|p| p.0 < 1.0) {
        out.push((1.0, 1.0));
    }
    out
}

/// Customers by repeat purchases 0..=7 (7 = 7 or more), observed and, for
/// BG/NBD, as the model expects.
pub(crate) fn histogram(data: &CbData, params: Option<&Params>) -> Vec<(f64, Option<f64>)> {
    let mut out = vec![(0.0, Some(0.0)); 8];
    // A fixed hasher: the same data sum in the same order, to the same bits
    // (the standard map's random order changed the last digits between runs).
    let mut by_t: super::bits::BitsMap<u64, f64> = super::bits::BitsMap::default();
    for row in &data.rows {
        let bin = (row.frequency as usize).min(7);
        out[bin].0 += row.count;
        *by_t.entry(row.t.to_bits()).or_insert(0.0) += row.count;
    }
    match params {
        Some(p @ Params::Bgnbd(_)) => {
            for (t, count) in by_t {
                let t = f64::from_bits(t);
                let mut below = 0.0;
                for x in 0..7u32 {
                    let px = bgnbd_pmf(p, x, t).unwrap_or(0.0);
                    below += px;
                    if let Some(e) = &mut out[x as usize].1 {
                        *e += count * px;
                    }
                }
                if let Some(e) = &mut out[7].1 {
                    *e += count * (1.0 - below).max(0.0);
                }
            }
        }
        _ => out.iter_mut().for_each(|b| b.1 = None),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(clv: Option<f64>, count: f64) -> CustomerLine {
        CustomerLine {
            customer_id: String::new(),
            frequency: 0.0,
            recency: 0.0,
            t: 1.0,
            monetary_value: None,
            count,
            p_alive: 1.0,
            expected_transactions: 0.0,
            expected_spend: None,
            clv,
            abc_class: None,
        }
    }

    #[test]
    fn the_pareto_curve_from_the_abc_order_is_the_curve_sorted_afresh() {
        // Ties, groups, a negative CLV (counted as 0) and 250 rows (steps of 1 %).
        let lines: Vec<CustomerLine> = (0..250).map(|i| line(Some(f64::from((i * 37) % 23) - 2.0), f64::from(1 + i % 3))).collect();
        let clvs: Vec<f64> = lines.iter().map(|l| l.clv.unwrap_or(0.0).max(0.0)).collect();
        let counts: Vec<f64> = lines.iter().map(|l| l.count).collect();
        let (_, _, order) = crate::domain::customer_base::model::abc_classes_ordered(&clvs, &counts).unwrap();
        let fresh = pareto(&lines, None);
        assert!(fresh.len() > 50, "{}", fresh.len());
        assert_eq!(pareto(&lines, Some(&order)), fresh);
        // An order of other lines (another length) is not used.
        assert_eq!(pareto(&lines, Some(&order[1..])), fresh);
        // Without any CLV there is no curve.
        assert!(pareto(&[line(None, 1.0)], None).is_empty());
    }
}
