//! The customer base view model: the results, one page of the customer
//! table (searched and sorted), the ABC / Pareto curve and the
//! repeat-purchase histogram, ready to render.

use super::form::CbForm;
use super::inputs::{CustomerBaseResults, CustomerLine};
use crate::domain::customer_base::model::AbcClass;
use std::cmp::Ordering;
use std::rc::Rc;

/// Rows per page of the customer table.
pub const PAGE_SIZE: usize = 25;
/// The columns the table can be sorted by.
pub const SORT_KEYS: [&str; 9] =
    ["customer_id", "frequency", "recency", "T", "monetary_value", "p_alive", "expected_transactions", "clv", "abc_class"];

/// One row of the table page.
pub type TableRow = CustomerLine;

/// Everything the customer base page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CbView {
    /// The results (`None` while a setting is invalid).
    pub results: Option<Rc<CustomerBaseResults>>,
    /// The page of customers shown.
    pub rows: Vec<TableRow>,
    /// Customers matching the search.
    pub matches: usize,
    /// Pages.
    pub pages: usize,
    /// The page shown (0-based).
    pub page: usize,
    /// Sort key and direction.
    pub sort: (String, bool),
    /// The search text.
    pub search: String,
    /// The Pareto curve: (share of customers, share of value) from the most valuable down.
    pub pareto: Vec<(f64, f64)>,
    /// Repeat transactions 0..=7+ : (customers observed, customers the model expects).
    pub histogram: Vec<(f64, Option<f64>)>,
}

fn key_of(l: &CustomerLine, key: &str) -> Option<f64> {
    match key {
        "frequency" => Some(l.frequency),
        "recency" => Some(l.recency),
        "T" => Some(l.t),
        "monetary_value" => l.monetary_value,
        "p_alive" => Some(l.p_alive),
        "expected_transactions" => Some(l.expected_transactions),
        "clv" => l.clv,
        "abc_class" => l.abc_class.map(|c| match c {
            AbcClass::A => 0.0,
            AbcClass::B => 1.0,
            AbcClass::C => 2.0,
        }),
        _ => None,
    }
}

/// Ids in a total order (a sort's comparator must be one): numeric ids by
/// value, then the others as text.
fn compare_ids(a: (Option<f64>, &str), b: (Option<f64>, &str)) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.1.cmp(b.1)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(b.1),
    }
}

/// The matching rows of the customer table in display order, for one list
/// of lines, sort and search: sorting 25,000 rows on every render (each
/// keystroke, each progress message) was most of a render's time.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    lines: Rc<Vec<CustomerLine>>,
    key: String,
    desc: bool,
    needle: String,
    rows: Rc<Vec<u32>>,
}

fn order(lines: &Rc<Vec<CustomerLine>>, key: &str, desc: bool, needle: &str) -> Vec<u32> {
    let mut hits: Vec<u32> = (0..lines.len() as u32)
        .filter(|&i| needle.is_empty() || lines.get(i as usize).is_some_and(|l| l.customer_id.to_lowercase().contains(needle)))
        .collect();
    // Descending reverses the comparison (ties keep the file's order).
    let dir = |o: Ordering| if desc { o.reverse() } else { o };
    if key == "customer_id" {
        // Each id parsed once, not at every comparison.
        let ids: Vec<(Option<f64>, &str)> = lines.iter().map(|l| (l.customer_id.parse::<f64>().ok(), l.customer_id.as_str())).collect();
        let id = |i: u32| ids.get(i as usize).copied().unwrap_or((None, ""));
        crate::domain::sort::sort_by(&mut hits, |&a, &b| dir(compare_ids(id(a), id(b))));
    } else {
        // One integer key per row (rows without a number first), then a
        // sort on it; descending reverses the keys, ties keep the file's order.
        let k = |i: u32| {
            let k = lines.get(i as usize).and_then(|l| key_of(l, key)).map_or(0, |x| u128::from(crate::domain::sort::key_f64(x)) + 1);
            if desc {
                u128::MAX - k
            } else {
                k
            }
        };
        let order = crate::domain::sort::order_by_key(hits.iter().map(|&i| k(i)));
        hits = order.into_iter().filter_map(|p| hits.get(p).copied()).collect();
    }
    hits
}

impl CbView {
    /// Builds the view of the form.
    pub fn build(form: &CbForm) -> CbView {
        let results = form.results();
        let (key, desc, search, page) = form.table.clone();
        let mut view = CbView {
            results: results.clone(),
            rows: Vec::new(),
            matches: 0,
            pages: 1,
            page: 0,
            sort: (key.clone(), desc),
            search: search.clone(),
            pareto: Vec::new(),
            histogram: Vec::new(),
        };
        let Some(r) = results else { return view };
        let needle = search.trim().to_lowercase();
        let cached = form
            .order
            .borrow()
            .as_ref()
            .filter(|o| Rc::ptr_eq(&o.lines, &r.lines) && o.key == key && o.desc == desc && o.needle == needle)
            .map(|o| o.rows.clone());
        let hits = cached.unwrap_or_else(|| {
            // By CLV, descending, unsearched: the order the results carry.
            let known = (key == "clv" && desc && needle.is_empty() && r.by_clv.len() == r.lines.len()).then(|| r.by_clv.clone());
            let rows = known.unwrap_or_else(|| Rc::new(order(&r.lines, &key, desc, &needle)));
            *form.order.borrow_mut() =
                Some(Order { lines: r.lines.clone(), key: key.clone(), desc, needle: needle.clone(), rows: rows.clone() });
            rows
        });
        view.matches = hits.len();
        view.pages = hits.len().div_ceil(PAGE_SIZE).max(1);
        view.page = page.min(view.pages - 1);
        view.rows = hits.iter().skip(view.page * PAGE_SIZE).take(PAGE_SIZE).filter_map(|&i| r.lines.get(i as usize).cloned()).collect();
        view.pareto = r.charts.0.clone();
        view.histogram = r.charts.1.clone();
        view
    }
}

#[cfg(test)]
mod tests {
    use super::{compare_ids, order};
    use crate::domain::calc::Calc;
    use crate::domain::customer_base::calc::{compute, CbForm};
    use crate::domain::i18n::Lang;

    #[test]
    fn the_table_by_clv_is_the_order_the_results_carry() {
        let r = compute(&CbForm::fresh(Lang::En).inputs().expect("the sample"));
        assert_eq!(r.lines.len(), 1000);
        assert_eq!(*r.by_clv, order(&r.lines, "clv", true, ""));
        // Not the ascending order (ties keep the file's order both ways).
        assert_ne!(*r.by_clv, order(&r.lines, "clv", false, ""));
    }

    #[test]
    fn ids_sort_in_a_total_order_numbers_first() {
        // Numeric where both parse and text otherwise was no order at all
        // ("9" < "10" < "1a" < "9"): a sort may panic on such a comparator.
        let mut ids = vec!["1a", "10", "9", "b", "2", "02", "-1"];
        ids.sort_by(|a, b| compare_ids((a.parse().ok(), a), (b.parse().ok(), b)));
        assert_eq!(ids, ["-1", "02", "2", "9", "10", "1a", "b"]);
    }
}
