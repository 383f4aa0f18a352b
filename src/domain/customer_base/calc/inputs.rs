//! The customer base calculator's validated inputs and results (the JSON
//! `inputs` and `results` of DESIGN §2.5), and the valuation that turns a
//! fitted model into every customer's P(alive), expected transactions and
//! CLV, the aggregates and the ABC classes.
//!
//! The fits themselves are heavy: in the browser they run in the Web Worker
//! and arrive as [`Fitted`]; natively (tests, tools) [`fit`] runs them at
//! once, so the same inputs give the same results everywhere.

use super::data::{CbData, SharedData};
use super::paths::{paths, Paths};
use crate::domain::customer_base::model::{self, Abc, AbcClass, GammaGammaFit, ModelKind, Params, TimeUnit};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// The fitted models of one summary (for one model choice).
#[derive(Clone, Debug)]
pub struct Fitted {
    /// The transaction model, or the code of why it could not be fitted.
    pub params: Result<Params, String>,
    /// The spend model: `None` without money, else the fit or why not.
    pub spend: Option<Result<GammaGammaFit, String>>,
    /// Each distinct customer's expected cumulative purchases month by month
    /// (computed once per time unit and horizon, so a change of the
    /// horizon, the discount rate or the margin needs no model evaluation).
    paths: RefCell<Option<Paths>>,
}

impl PartialEq for Fitted {
    fn eq(&self, other: &Fitted) -> bool {
        self.params == other.params && self.spend == other.spend
    }
}

impl Fitted {
    /// The fits, with no paths computed yet.
    pub fn new(params: Result<Params, String>, spend: Option<Result<GammaGammaFit, String>>) -> Fitted {
        Fitted { params, spend, paths: RefCell::new(None) }
    }

    /// Computes the paths of a 12-month horizon now (the worker does, right
    /// after the fit, so that the page only sums them).
    pub fn prepare_paths(&self, d: &CbData, unit: TimeUnit) {
        if let Ok(p) = &self.params {
            *self.paths.borrow_mut() = paths(&p.model(), d, unit, 12);
        }
    }

    /// The paths computed so far, in the wire form.
    pub fn paths_wire(&self) -> Option<Value> {
        self.paths.borrow().as_ref().map(super::wire::paths_to_wire)
    }

    /// Takes paths the worker computed (ignored when malformed).
    pub fn set_paths_wire(&self, v: &Value) {
        if let Some(p) = super::wire::paths_from_wire(v) {
            *self.paths.borrow_mut() = Some(p);
        }
    }
}

/// A stable code for a model error (the UI shows its message in the user's language).
pub fn error_code(e: &model::Error) -> String {
    e.code().to_string()
}

/// Fits the transaction model and, with money, Gamma-Gamma.
pub fn fit(data: &CbData, kind: ModelKind) -> Fitted {
    fit_rows(&data.model_rows(), data.has_money(), kind)
}

/// [`fit`] on model rows (the worker fits the summary it has just made).
pub fn fit_rows(rows: &[model::CustomerRow], has_money: bool, kind: ModelKind) -> Fitted {
    let params = model::fit(rows, kind).map_err(|e| error_code(&e));
    let spend = has_money.then(|| model::fit_gamma_gamma(rows).map_err(|e| error_code(&e)));
    Fitted::new(params, spend)
}

/// The validated inputs (JSON `inputs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CustomerBaseInputs {
    /// `day`, `week` or `month`: the unit of recency, T and the model's rates.
    pub time_unit: TimeUnit,
    /// Last day observed (`YYYY-MM-DD`); null: the last transaction date (and for summary imports).
    pub observation_end: Option<String>,
    /// End of the calibration period (`YYYY-MM-DD`) or null.
    pub calibration_end: Option<String>,
    /// `bgnbd` or `pareto_nbd`.
    pub model: ModelKind,
    /// Valuation horizon in months, 1..=120.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 120)))]
    pub horizon_months: f64,
    /// Annual discount rate (0.1 = 10 %).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0, max = 10)))]
    pub discount_rate: f64,
    /// Margin on revenue, 0..=1.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0, max = 1)))]
    pub margin_rate: f64,
    /// Whether the per-customer table goes into the document.
    pub include_customers: bool,
    /// The customer summary.
    pub data: SharedData,
    /// The fits of `data` for `model`, when known (never serialised).
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub fitted: Option<Rc<Fitted>>,
}

/// Skipped rows by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SkippedRows {
    /// Dated after `observation_end`.
    pub after_end: f64,
    /// Negative amounts (returns).
    pub negative: f64,
    /// Unreadable rows.
    pub unreadable: f64,
}

/// Flagged (kept) rows by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct FlaggedRows {
    /// Amount 0.
    pub zero_amount: f64,
    /// Exact duplicates of an earlier row.
    pub duplicate_rows: f64,
}

/// ABC classes by CLV and by historical spend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct AbcResults {
    /// By CLV (null without money).
    pub by_clv: Option<Abc>,
    /// By historical spend (null for summary imports without it).
    pub by_spend: Option<Abc>,
}

/// One customer (or group) valued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CustomerLine {
    /// Customer id or group label.
    pub customer_id: String,
    /// Repeat transactions.
    pub frequency: f64,
    /// Recency, in time units.
    pub recency: f64,
    /// T, in time units.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean repeat spend.
    pub monetary_value: Option<f64>,
    /// Customers the row stands for.
    pub count: f64,
    /// P(alive).
    pub p_alive: f64,
    /// Expected transactions over the horizon.
    pub expected_transactions: f64,
    /// Gamma-Gamma expected spend per transaction.
    pub expected_spend: Option<f64>,
    /// Discounted margin over the horizon.
    pub clv: Option<f64>,
    /// `A`, `B` or `C` (by CLV, else by historical spend).
    pub abc_class: Option<AbcClass>,
}

/// One period of the tracking chart: cumulative repeat transactions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TrackingRow {
    /// Period (1 starts at the earliest first purchase; one time unit each).
    pub period: f64,
    /// Actual cumulative repeat transactions.
    pub actual: f64,
    /// The model's expectation.
    pub predicted: f64,
}

/// The holdout comparison (with a `calibration_end`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct HoldoutResults {
    /// Actual repeat transactions in the holdout period.
    pub actual_total: f64,
    /// Predicted repeat transactions in the holdout period.
    pub predicted_total: f64,
    /// Customers first seen after `calibration_end` (not in the fit).
    pub new_customers: f64,
    /// By calibration frequency 0..=6 and 7 = "7 or more".
    pub by_frequency: Vec<model::FrequencyBin>,
    /// Cumulative repeat transactions per period.
    pub tracking: Vec<TrackingRow>,
}

/// The Pareto curve `(share of customers, share of value)` and the
/// histogram of repeat purchases 0..=7+ `(observed, expected)`.
pub type Charts = (Vec<(f64, f64)>, Vec<(f64, Option<f64>)>);

/// The results (JSON `results`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CustomerBaseResults {
    /// Customers (Σ count).
    pub customers: f64,
    /// Customers with a repeat purchase.
    pub repeat_customers: f64,
    /// Transactions (customer-days), or Σ (frequency + 1) × count for summaries.
    pub transactions: f64,
    /// Spend of the log (null for summary imports).
    pub total_spend: Option<f64>,
    /// Skipped rows.
    pub skipped: SkippedRows,
    /// Flagged rows.
    pub flagged: FlaggedRows,
    /// The transaction model's fit (null while it runs or when it cannot be fitted).
    pub params: Option<Params>,
    /// The Gamma-Gamma fit (null without money).
    pub spend_params: Option<GammaGammaFit>,
    /// Why there is no fit (`too_few_customers`, `no_repeat_customers`,
    /// `one_day`, `numerical`, …), `pending` while it runs, or null.
    pub fit_message: Option<String>,
    /// Why there are no money results (`no_money`, `q_at_most_1`, a spend fit error), or null.
    pub spend_message: Option<String>,
    /// Why the transaction fit, though it converged, may not be worth much:
    /// `few_customers`, `extreme_parameters`, `imprecise` (empty when sound).
    #[serde(default)]
    pub fit_warnings: Vec<String>,
    /// The same for the Gamma-Gamma fit.
    #[serde(default)]
    pub spend_warnings: Vec<String>,
    /// Expected transactions over the horizon, all customers.
    pub expected_transactions: Option<f64>,
    /// Σ expected transactions × expected spend.
    pub expected_revenue: Option<f64>,
    /// Σ CLV.
    pub total_clv: Option<f64>,
    /// Mean CLV per customer.
    pub mean_clv: Option<f64>,
    /// Mean P(alive).
    pub mean_p_alive: Option<f64>,
    /// ABC classes.
    pub abc: AbcResults,
    /// The holdout comparison (null without `calibration_end`).
    pub holdout: Option<HoldoutResults>,
    /// Every customer, only when `include_customers` is true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_table: Option<Vec<CustomerLine>>,
    /// Every customer, for the table in the page (never serialised).
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub lines: Rc<Vec<CustomerLine>>,
    /// The lines by CLV, highest first, ties by row (the order the ABC
    /// classes by CLV sorted), when every line has a CLV of 0 or more: the
    /// table's default order, with no sort of its own (never serialised).
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub by_clv: Rc<Vec<u32>>,
    /// Chart data: the Pareto curve and the repeat-purchase histogram (never serialised).
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub charts: Rc<Charts>,
}

fn source_num(o: &serde_json::Map<String, Value>, path: &[&str]) -> Option<f64> {
    let mut v = o.get(path[0])?;
    for p in &path[1..] {
        v = v.get(p)?;
    }
    v.as_f64()
}

/// The results of valid inputs. Without a fit in `inputs.fitted`, the
/// models are fitted now natively; in the browser the results wait for the
/// worker (`fit_message` = `pending`).
pub fn compute(i: &CustomerBaseInputs) -> CustomerBaseResults {
    compute_with(i, true)
}

/// The results; without `full`, only the totals (no table, classes or charts).
pub(super) fn compute_with(i: &CustomerBaseInputs, full: bool) -> CustomerBaseResults {
    let d = i.data.get();
    let src = &d.source;
    let customers = d.customers();
    let repeat_customers = d.rows.iter().filter(|r| r.frequency > 0.0).map(|r| r.count).sum();
    let transactions = source_num(src, &["transactions"]).unwrap_or_else(|| d.rows.iter().map(|r| (r.frequency + 1.0) * r.count).sum());
    let mut r = CustomerBaseResults {
        customers,
        repeat_customers,
        transactions,
        total_spend: source_num(src, &["total_spend"]),
        skipped: SkippedRows {
            after_end: source_num(src, &["skipped", "after_end"]).unwrap_or(0.0),
            negative: source_num(src, &["skipped", "negative"]).unwrap_or(0.0),
            unreadable: source_num(src, &["skipped", "unreadable"]).unwrap_or(0.0),
        },
        flagged: FlaggedRows {
            zero_amount: source_num(src, &["flagged", "zero_amount"]).unwrap_or(0.0),
            duplicate_rows: source_num(src, &["flagged", "duplicate_rows"]).unwrap_or(0.0),
        },
        params: None,
        spend_params: None,
        fit_message: None,
        spend_message: None,
        fit_warnings: Vec::new(),
        spend_warnings: Vec::new(),
        expected_transactions: None,
        expected_revenue: None,
        total_clv: None,
        mean_clv: None,
        mean_p_alive: None,
        abc: AbcResults::default(),
        holdout: None,
        customer_table: None,
        lines: Rc::new(Vec::new()),
        by_clv: Rc::new(Vec::new()),
        charts: Rc::new((Vec::new(), Vec::new())),
    };
    let fitted = match &i.fitted {
        Some(f) => f.clone(),
        None => match native_fit(d, i.model) {
            Some(f) => f,
            None => {
                r.fit_message = Some("pending".into());
                return r;
            }
        },
    };
    value(i, &fitted, &mut r, full);
    r
}

#[cfg(not(target_arch = "wasm32"))]
fn native_fit(d: &CbData, kind: ModelKind) -> Option<Rc<Fitted>> {
    Some(Rc::new(fit(d, kind)))
}

#[cfg(target_arch = "wasm32")]
fn native_fit(_: &CbData, _: ModelKind) -> Option<Rc<Fitted>> {
    None
}

fn value(i: &CustomerBaseInputs, fitted: &Fitted, r: &mut CustomerBaseResults, full: bool) {
    let d = i.data.get();
    let params = match &fitted.params {
        Ok(p) => *p,
        Err(code) => {
            r.fit_message = Some(code.clone());
            return;
        }
    };
    r.params = Some(params);
    let warn = |w: Vec<&str>| w.into_iter().map(str::to_string).collect::<Vec<_>>();
    r.fit_warnings = warn(model::fit_warnings(&params.estimates(), r.customers, r.repeat_customers));
    let spend = match &fitted.spend {
        None => {
            r.spend_message = Some("no_money".into());
            None
        }
        Some(Err(code)) => {
            r.spend_message = Some(code.clone());
            None
        }
        Some(Ok(g)) => {
            r.spend_params = Some(*g);
            let e = &g.standard_errors;
            r.spend_warnings = warn(model::fit_warnings(&[(g.p, e.p), (g.q, e.q), (g.v, e.v)], r.repeat_customers, r.repeat_customers));
            if g.q <= 1.0 {
                r.spend_message = Some("q_at_most_1".into());
                None
            } else {
                Some(g.model())
            }
        }
    };
    let rows = d.model_rows();
    let h = i.horizon_months as usize;
    let stale = fitted.paths.borrow().as_ref().is_none_or(|p| p.unit != i.time_unit || p.months < h || p.index.len() != d.rows.len());
    if stale {
        // Enough months for the horizon (a what-if on the horizon reuses them).
        let months = if h <= 12 { 12 } else { 120 };
        *fitted.paths.borrow_mut() = paths(&params.model(), d, i.time_unit, months);
    }
    let cache = fitted.paths.borrow();
    let Some(p) = cache.as_ref() else {
        r.fit_message = Some("prediction".into());
        return;
    };
    let d_m = (1.0 + i.discount_rate).powf(1.0 / 12.0) - 1.0;
    let factors: Vec<f64> = (1..=h).map(|k| (1.0 + d_m).powi(-(k as i32))).collect();
    let values: Vec<model::CustomerValue> = d
        .rows
        .iter()
        .zip(p.index.iter().zip(&p.p_alive))
        .map(|(row, (&k, &pa))| {
            let path = &p.cum[k * p.months..k * p.months + h];
            let (mut prev, mut disc) = (0.0, 0.0);
            for (&e, &f) in path.iter().zip(&factors) {
                disc += (e - prev) * f;
                prev = e;
            }
            let (prev, disc) = (prev * pa, disc * pa);
            let expected_spend = spend.as_ref().and_then(|g| {
                let m = if row.frequency > 0.0 { row.monetary_value } else { Some(0.0) };
                match m {
                    Some(m) => g.expected_spend(row.frequency, m),
                    None => g.expected_spend(0.0, 0.0),
                }
            });
            model::CustomerValue {
                p_alive: pa,
                expected_transactions: prev,
                expected_spend,
                clv: expected_spend.map(|s| i.margin_rate * s * disc),
            }
        })
        .collect();
    drop(cache);
    if let Ok(a) = model::aggregate(&rows, &values) {
        r.expected_transactions = Some(a.expected_transactions);
        r.expected_revenue = a.expected_revenue;
        r.total_clv = a.total_clv;
        r.mean_clv = a.mean_clv;
        r.mean_p_alive = Some(a.mean_p_alive);
    }
    if !full {
        return;
    }
    let counts: Vec<f64> = rows.iter().map(|x| x.count).collect();
    let clvs: Option<Vec<f64>> = values.iter().map(|v| v.clv.map(|c| c.max(0.0))).collect();
    let by_clv = clvs.and_then(|v| model::abc_classes_ordered(&v, &counts).ok());
    let by_spend = super::spend_classes::abc_by_spend(i.data.get(), &counts);
    r.abc = AbcResults { by_clv: by_clv.as_ref().map(|x| x.0), by_spend: by_spend.as_ref().map(|x| x.0) };
    // The Pareto curve orders the same values as the classes by CLV.
    let (classes, by_clv_order) = match by_clv {
        Some((_, classes, order)) => (Some(classes), Some(order)),
        None => (by_spend.map(|x| x.1), None),
    };
    let lines: Vec<CustomerLine> = d
        .rows
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(k, (row, v))| CustomerLine {
            customer_id: row.customer_id.clone(),
            frequency: row.frequency,
            recency: row.recency,
            t: row.t,
            monetary_value: row.monetary_value,
            count: row.count,
            p_alive: v.p_alive,
            expected_transactions: v.expected_transactions,
            expected_spend: v.expected_spend,
            clv: v.clv,
            abc_class: classes.as_ref().and_then(|c| c.get(k).copied()),
        })
        .collect();
    if i.include_customers {
        r.customer_table = Some(lines.clone());
    }
    r.holdout = super::holdout::holdout(i, &params.model(), &rows);
    r.charts = Rc::new((super::charts::pareto(&lines, by_clv_order.as_deref()), super::charts::histogram(d, Some(&params))));
    // The same order is the table's by CLV, descending, unless a CLV below
    // 0 (or −0) sorts differently from the classes' CLV at least 0.
    if let Some(o) =
        by_clv_order.filter(|o| o.len() == lines.len() && lines.iter().all(|l| l.clv.is_some_and(|c| c.max(0.0).to_bits() == c.to_bits())))
    {
        r.by_clv = Rc::new(o.into_iter().filter_map(|i| u32::try_from(i).ok()).collect());
    }
    r.lines = Rc::new(lines);
}
