//! The ABC classes by historical spend, kept for the data valued last: they
//! depend on the data only, so a what-if edit (horizon, discount, margin)
//! and the valuation after a fit find them here, and new data can be
//! classed while the worker fits them ([`prepare`]).

use super::data::CbData;
use crate::domain::customer_base::model::{self, Abc, AbcClass};
use std::cell::RefCell;
use std::rc::Rc;

/// ABC classes: the summary and each row's class.
type Classes = (Abc, Vec<AbcClass>);

thread_local! {
    /// The ABC classes by historical spend of the data valued last: they
    /// depend on the data only, not on the fit or the settings, and a what-if
    /// edit of the horizon, discount or margin values the data again.
    static BY_SPEND: RefCell<Option<(std::rc::Weak<CbData>, Option<Classes>)>> = const { RefCell::new(None) };
}

/// Work on new data that needs no fit, done ahead (while the worker fits
/// them): the ABC classes by historical spend, one of the valuation's two
/// sorts of every customer, are then found in their cache.
pub(crate) fn prepare(data: &Rc<CbData>) {
    let counts: Vec<f64> = data.rows.iter().map(|r| r.count).collect();
    abc_by_spend(data, &counts);
}

/// The classes of `data` by historical spend (`None` when a row has none),
/// from the cache when `data` were classed last.
pub(super) fn abc_by_spend(data: &Rc<CbData>, counts: &[f64]) -> Option<Classes> {
    BY_SPEND.with_borrow_mut(|cache| {
        // A weak reference: freed data never match (and are not kept).
        if let Some((_, r)) = cache.as_ref().filter(|(w, _)| w.upgrade().is_some_and(|d| Rc::ptr_eq(&d, data))) {
            return r.clone();
        }
        let spends: Option<Vec<f64>> = data.rows.iter().map(|x| x.historical_spend).collect();
        let r = spends.and_then(|v| model::abc_classes(&v, counts).ok());
        *cache = Some((Rc::downgrade(data), r.clone()));
        r
    })
}
