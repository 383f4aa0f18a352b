//! `inputs.data` (DESIGN §2.5): the customer summary a document keeps,
//! `{shape: "summary", columns, rows, source}`, read and checked from JSON
//! (an imported document, autosave, the worker's answer) into typed rows,
//! and the project's own sample data drawn from the BG/NBD process.

use crate::domain::customer_base::model::{self, BgNbd, GammaGamma, SimulationSpec};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::cell::OnceCell;
use std::rc::Rc;

/// Most rows `inputs.data` may hold (a grouped summary of a larger base
/// stays under it).
pub const MAX_ROWS: usize = 200_000;

/// The columns a summary may have, in order.
pub const COLUMNS: [&str; 8] =
    ["customer_id", "frequency", "recency", "T", "monetary_value", "count", "historical_spend", "holdout_frequency"];

/// One customer (or group) of the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct CbRow {
    /// Customer id or group label.
    pub customer_id: String,
    /// Repeat transactions.
    pub frequency: f64,
    /// Last − first purchase, in time units.
    pub recency: f64,
    /// Observation end − first purchase, in time units.
    pub t: f64,
    /// Mean repeat day total (0 without repeats); `None` without money.
    pub monetary_value: Option<f64>,
    /// Customers the row stands for.
    pub count: f64,
    /// Spend in the fit period.
    pub historical_spend: Option<f64>,
    /// Repeat transactions after `calibration_end`.
    pub holdout_frequency: Option<f64>,
}

/// The summary: its columns as exported, typed rows and the source facts.
#[derive(Clone, Debug, PartialEq)]
pub struct CbData {
    /// Column names present (a subset of [`COLUMNS`], in that order).
    pub columns: Vec<&'static str>,
    /// Rows.
    pub rows: Vec<CbRow>,
    /// What only the log could tell (`file`, `rows_read`, …), kept as given.
    pub source: Map<String, Value>,
}

/// Cheap to clone and compare: the same data object compares equal at once.
/// The built-in sample is drawn on first use ([`SharedData::sample`]), so a
/// page that opens another calculator never simulates its 1,000 customers
/// (about 10 ms of a phone's start-up).
#[derive(Clone, Debug)]
pub struct SharedData(Rc<OnceCell<Rc<CbData>>>);

impl SharedData {
    /// Data at hand.
    pub fn new(data: Rc<CbData>) -> SharedData {
        SharedData(Rc::new(OnceCell::from(data)))
    }

    /// The built-in sample, drawn when first read.
    pub fn sample() -> SharedData {
        SharedData(Rc::new(OnceCell::new()))
    }

    /// False while the sample has not been drawn.
    pub fn drawn(&self) -> bool {
        self.0.get().is_some()
    }

    /// The data (drawing the sample on the first read).
    pub fn get(&self) -> &Rc<CbData> {
        self.0.get_or_init(|| Rc::new(sample()))
    }
}

impl PartialEq for SharedData {
    fn eq(&self, other: &SharedData) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || Rc::ptr_eq(self.get(), other.get()) || self.get() == other.get()
    }
}

impl Serialize for SharedData {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().to_value().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for SharedData {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        CbData::from_value(&v).map(|c| SharedData::new(Rc::new(c))).map_err(serde::de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for SharedData {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CustomerBaseData".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "The customer summary: {shape: \"summary\", columns, rows, source} (DESIGN §2.5).",
            "required": ["shape", "columns", "rows"],
            "additionalProperties": false,
            "properties": {
                "shape": {"const": "summary"},
                "columns": {"type": "array", "items": {"enum": COLUMNS}, "maxItems": 8},
                "rows": {"type": "array", "maxItems": MAX_ROWS, "items": {"type": "array", "maxItems": 8}},
                "source": {"type": "object"}
            }
        })
    }
}

/// Checks one row's values; the error names the row and the first problem
/// (`rows[3]: recency must be from 0 to T`).
pub(super) fn check_row(i: usize, r: &CbRow) -> Result<(), String> {
    let bad = |what: &str| Err(format!("rows[{i}]: {what}"));
    let within = |x: f64, max: f64| x >= 0.0 && x <= max;
    let whole = |x: f64| x.fract() == 0.0;
    if r.customer_id.is_empty() || r.customer_id.len() > 200 {
        return bad("customer_id must be a text of 1 to 200 bytes");
    }
    if !(within(r.frequency, model::MAX_FREQUENCY) && whole(r.frequency)) {
        return bad("frequency must be a whole number of 0 or more");
    }
    if !within(r.t, model::MAX_TIME) {
        return bad("T must be a number of 0 or more");
    }
    if !within(r.recency, r.t) {
        return bad("recency must be from 0 to T");
    }
    let optional = [
        ("monetary_value", r.monetary_value, model::MAX_MONEY),
        ("historical_spend", r.historical_spend, model::MAX_MONEY),
        ("holdout_frequency", r.holdout_frequency, model::MAX_FREQUENCY),
    ];
    if optional[0].1.is_some_and(|x| !within(x, optional[0].2)) {
        return bad("monetary_value must be a number of 0 or more");
    }
    if !(r.count >= 1.0 && r.count <= model::MAX_COUNT && whole(r.count)) {
        return bad("count must be a whole number of 1 or more");
    }
    for (name, value, max) in &optional[1..] {
        if value.is_some_and(|x| !within(x, *max)) {
            return bad(&format!("{name} must be a number of 0 or more"));
        }
    }
    Ok(())
}

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64).filter(|x| x.is_finite())
}

impl CbData {
    /// The JSON form.
    pub fn to_value(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                Value::Array(
                    self.columns
                        .iter()
                        .map(|c| match *c {
                            "customer_id" => json!(r.customer_id),
                            "frequency" => json!(r.frequency),
                            "recency" => json!(r.recency),
                            "T" => json!(r.t),
                            "monetary_value" => json!(r.monetary_value),
                            "count" => json!(r.count),
                            "historical_spend" => json!(r.historical_spend),
                            _ => json!(r.holdout_frequency),
                        })
                        .collect(),
                )
            })
            .collect();
        json!({"shape": "summary", "columns": self.columns, "rows": rows, "source": self.source})
    }

    /// Reads and checks the JSON form; the error names the first problem
    /// (`rows[3]: recency must be from 0 to T`).
    pub fn from_value(v: &Value) -> Result<CbData, String> {
        let o = v.as_object().ok_or("must be an object")?;
        if let Some(k) = o.keys().find(|k| !["shape", "columns", "rows", "source"].contains(&k.as_str())) {
            return Err(format!("{k}: unknown key"));
        }
        if o.get("shape").and_then(Value::as_str) != Some("summary") {
            return Err("shape: must be \"summary\"".into());
        }
        let cols = o.get("columns").and_then(Value::as_array).ok_or("columns: must be a list")?;
        let mut columns = Vec::new();
        for c in cols {
            let name = c.as_str().and_then(|s| COLUMNS.iter().find(|k| **k == s)).ok_or("columns: unknown column")?;
            if columns.contains(name) {
                return Err(format!("columns: {name} twice"));
            }
            columns.push(*name);
        }
        for need in &COLUMNS[..4] {
            if !columns.contains(need) {
                return Err(format!("columns: {need} is missing"));
            }
        }
        let rows = o.get("rows").and_then(Value::as_array).ok_or("rows: must be a list")?;
        if rows.len() > MAX_ROWS {
            return Err(format!("rows: at most {MAX_ROWS}"));
        }
        let at = |c: &str| columns.iter().position(|k| *k == c);
        let mut out = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let r = r
                .as_array()
                .filter(|r| r.len() == columns.len())
                .ok_or_else(|| format!("rows[{i}]: must list {} values", columns.len()))?;
            let get = |c: &str| at(c).and_then(|j| r.get(j));
            let id = match get("customer_id") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            // A missing or non-numeric value becomes NaN, which `check_row` refuses.
            let n = |c: &str| num(get(c)).unwrap_or(f64::NAN);
            let opt = |c: &str| match get(c) {
                None | Some(Value::Null) => None,
                v => Some(num(v).unwrap_or(f64::NAN)),
            };
            let row = CbRow {
                customer_id: id,
                frequency: n("frequency"),
                recency: n("recency"),
                t: n("T"),
                monetary_value: opt("monetary_value"),
                count: if get("count").is_none() { 1.0 } else { n("count") },
                historical_spend: opt("historical_spend"),
                holdout_frequency: opt("holdout_frequency"),
            };
            check_row(i, &row)?;
            out.push(row);
        }
        let source = match o.get("source") {
            None => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err("source: must be an object".into()),
        };
        Ok(CbData { columns, rows: out, source })
    }

    /// Whether the rows carry money.
    pub fn has_money(&self) -> bool {
        self.columns.contains(&"monetary_value") && self.rows.iter().any(|r| r.monetary_value.is_some())
    }

    /// The rows as the models take them.
    pub fn model_rows(&self) -> Vec<model::CustomerRow> {
        self.rows
            .iter()
            .map(|r| model::CustomerRow {
                frequency: r.frequency,
                recency: r.recency,
                t: r.t,
                monetary_value: r.monetary_value,
                count: r.count,
            })
            .collect()
    }

    /// Customers (Σ count).
    pub fn customers(&self) -> f64 {
        self.rows.iter().map(|r| r.count).sum()
    }

    /// The source's file name, if any.
    pub fn file(&self) -> Option<&str> {
        self.source.get("file").and_then(Value::as_str)
    }
}

/// The parameters the sample data are drawn from (weeks): close to what
/// retail logs give, so the fit has something to find.
pub const SAMPLE_PARAMS: BgNbd = BgNbd { r: 0.25, alpha: 4.0, a: 0.8, b: 2.5 };
/// Spend parameters of the sample data.
pub const SAMPLE_SPEND: GammaGamma = GammaGamma { p: 6.0, q: 4.0, v: 15.0 };
/// Customers in the sample.
pub const SAMPLE_CUSTOMERS: usize = 1_000;
/// The sample's seed.
pub const SAMPLE_SEED: u64 = 20_260_101;

/// The project's own sample data: 1,000 customers drawn from the BG/NBD
/// process with Gamma-Gamma spend (seeded, so every page shows the same),
/// acquired over 12 weeks and observed for 39 weeks, as a weekly summary.
pub fn sample() -> CbData {
    let spec = SimulationSpec {
        customers: SAMPLE_CUSTOMERS,
        params: SAMPLE_PARAMS,
        spend: Some(SAMPLE_SPEND),
        acquisition_period: 12.0,
        observation_end: 39.0,
        seed: SAMPLE_SEED,
    };
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let rows = model::simulate(&spec)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let row = model::summarise(c, spec.observation_end)?;
            let spend: f64 = c.purchases.iter().zip(&c.amounts).filter(|(t, _)| **t <= spec.observation_end).map(|(_, a)| *a).sum();
            let t = round(row.t);
            Some(CbRow {
                customer_id: format!("S{:04}", i + 1),
                frequency: row.frequency,
                recency: round(row.recency).min(t),
                t,
                monetary_value: row.monetary_value.map(round),
                count: 1.0,
                historical_spend: Some(round(spend)),
                holdout_frequency: None,
            })
        })
        .collect();
    let mut source = Map::new();
    source.insert("file".into(), json!("sample"));
    CbData { columns: vec!["customer_id", "frequency", "recency", "T", "monetary_value", "historical_spend"], rows, source }
}
