//! Which input of our offer closes the gap to the best offer cheapest: the
//! link from delivered value to the what-if tools (the course chain).
//!
//! Delivered value is total value − total cost, so raising any value
//! component or lowering any cost component by the gap closes it. What
//! differs is how far each component must move from today's figure; the
//! smallest relative change is marked cheapest, and goal seek (on our
//! offer's delivered value, target the best offer's) confirms it.

use super::*;

/// One way to close the gap: move one component of our offer.
#[derive(Clone, Debug, PartialEq)]
pub struct GapOption {
    /// The component.
    pub field: DvField,
    /// Its value today.
    pub current: f64,
    /// The value that closes the gap.
    pub target: f64,
    /// target − current (negative for a cost).
    pub change: f64,
    /// |change| ÷ current; `None` when the component is 0 today.
    pub relative: Option<f64>,
    /// Whether the component alone can close the gap (a cost cannot go below 0).
    pub feasible: bool,
}

/// How each component of our offer (the first) closes the gap to the best
/// offer, cheapest first (feasible options by relative change, then the
/// others); empty when our offer is (one of) the best.
pub fn close_gap(i: &DeliveredValueInputs) -> Vec<GapOption> {
    let r = compute(i);
    let Some(ours) = i.offers.first() else { return Vec::new() };
    let gap = r.gap_to_best;
    if gap <= 0.0 {
        return Vec::new();
    }
    let mut options: Vec<GapOption> = DvField::ALL
        .iter()
        .map(|&field| {
            let current = field.get(ours);
            let change = if field.is_cost() { -gap } else { gap };
            let target = current + change;
            GapOption { field, current, target, change, relative: (current > 0.0).then(|| gap / current), feasible: target >= 0.0 }
        })
        .collect();
    crate::domain::sort::sort_by(&mut options, |a, b| {
        let key = |o: &GapOption| (!o.feasible, o.relative.unwrap_or(f64::INFINITY));
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    options
}

/// The best offer's delivered value (the goal seek target), if there are offers.
pub fn best_delivered_value(i: &DeliveredValueInputs) -> Option<f64> {
    compute(i).offers.iter().map(|o| o.delivered_value).reduce(f64::max)
}
