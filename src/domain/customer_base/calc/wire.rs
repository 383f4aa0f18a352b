//! How the worker hands its summary and its valuation paths to the page:
//! the numbers as little-endian `f64` columns in base64 (URL-safe, unpadded), the ids as a list.
//! Reading this back takes the page a few milliseconds for CDNOW's 23,570
//! customers, where the document's JSON rows took about 30 (each number
//! parsed from text); the values are bit for bit the same.

use super::data::{check_row, CbData, CbRow, COLUMNS, MAX_ROWS};
use super::paths::Paths;
use crate::domain::customer_base::import::Summary;
use crate::domain::customer_base::model::TimeUnit;
// The engine the `state` URL parameter uses: the page carries one base64 codec.
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64;
use base64::Engine;
use serde_json::{json, Map, Value};

/// The summary as a [`CbData`], with the columns the document would list
/// (the customers move over; the summary keeps its other facts).
pub fn data_from_summary(s: &mut Summary) -> CbData {
    let columns = s.column_names();
    let has_money = s.has_money;
    let rows = std::mem::take(&mut s.customers)
        .into_iter()
        .map(|c| CbRow {
            customer_id: c.customer_id,
            frequency: c.frequency as f64,
            recency: c.recency,
            t: c.t,
            monetary_value: if has_money { c.monetary_value } else { None },
            count: c.count as f64,
            historical_spend: c.historical_spend,
            holdout_frequency: c.holdout_frequency.map(|h| h as f64),
        })
        .collect();
    let source = match serde_json::to_value(&s.source) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    CbData { columns, rows, source }
}

fn field(r: &CbRow, column: &str) -> f64 {
    let opt = |v: Option<f64>| v.unwrap_or(f64::NAN);
    match column {
        "frequency" => r.frequency,
        "recency" => r.recency,
        "T" => r.t,
        "monetary_value" => opt(r.monetary_value),
        "count" => r.count,
        "historical_spend" => opt(r.historical_spend),
        _ => opt(r.holdout_frequency),
    }
}

/// Appends `text` as a JSON string.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn encode(values: impl Iterator<Item = f64>) -> String {
    let mut bytes = Vec::with_capacity(values.size_hint().0 * 8);
    for v in values {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    BASE64.encode(bytes)
}

fn decode(text: Option<&Value>, len: usize) -> Option<Vec<f64>> {
    let bytes = BASE64.decode(text?.as_str()?).ok()?;
    (bytes.len() == len * 8).then(|| bytes.chunks_exact(8).map(|c| f64::from_le_bytes(c.try_into().unwrap_or_default())).collect())
}

impl CbData {
    /// The wire form as JSON text: `{columns, ids, numbers, source}`,
    /// `numbers` holding every numeric column present, column after column
    /// (NaN for no value). Written by hand rather than by a derived
    /// serialiser: the page (which sends it for a refit) then carries no
    /// serialiser of its own for it.
    pub fn to_wire(&self) -> String {
        let numeric: Vec<&str> = self.columns.iter().copied().filter(|c| *c != "customer_id").collect();
        let numbers = encode(numeric.iter().flat_map(|c| self.rows.iter().map(move |r| field(r, c))));
        let ids: usize = self.rows.iter().map(|r| r.customer_id.len() + 3).sum();
        let mut out = String::with_capacity(ids + numbers.len() + 200);
        out.push_str("{\"columns\":");
        out.push_str(&json!(self.columns).to_string());
        out.push_str(",\"ids\":[");
        for (k, r) in self.rows.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_json_string(&mut out, &r.customer_id);
        }
        out.push_str("],\"numbers\":\"");
        out.push_str(&numbers);
        out.push_str("\",\"source\":");
        out.push_str(&Value::Object(self.source.clone()).to_string());
        out.push('}');
        out
    }

    /// Reads the wire form, with the checks of the JSON form.
    pub fn from_wire(v: &Value) -> Result<CbData, String> {
        let names = v.get("columns").and_then(Value::as_array).ok_or("columns: must be a list")?;
        let columns: Vec<&'static str> = names
            .iter()
            .map(|c| c.as_str().and_then(|s| COLUMNS.iter().find(|k| **k == s).copied()))
            .collect::<Option<_>>()
            .ok_or("columns: unknown column")?;
        if COLUMNS[..4].iter().any(|c| !columns.contains(c)) || columns.len() > COLUMNS.len() {
            return Err("columns: customer_id, frequency, recency and T are needed".into());
        }
        let ids = v.get("ids").and_then(Value::as_array).ok_or("ids: must be a list")?;
        if ids.len() > MAX_ROWS {
            return Err(format!("rows: at most {MAX_ROWS}"));
        }
        let n = ids.len();
        let numeric: Vec<&str> = columns.iter().copied().filter(|c| *c != "customer_id").collect();
        let numbers = decode(v.get("numbers"), n * numeric.len()).ok_or("numbers: must hold every row's values")?;
        let col = |name: &str| numeric.iter().position(|c| *c == name).map(|k| &numbers[k * n..(k + 1) * n]);
        let (freq, rec, t) = (col("frequency").unwrap_or_default(), col("recency").unwrap_or_default(), col("T").unwrap_or_default());
        let opt = |name: &str, i: usize| col(name).map(|c| c[i]).filter(|x| !x.is_nan());
        let mut rows = Vec::with_capacity(n);
        for (i, id) in ids.iter().enumerate() {
            let row = CbRow {
                customer_id: id.as_str().unwrap_or_default().to_string(),
                frequency: freq[i],
                recency: rec[i],
                t: t[i],
                monetary_value: opt("monetary_value", i),
                count: col("count").map_or(1.0, |c| c[i]),
                historical_spend: opt("historical_spend", i),
                holdout_frequency: opt("holdout_frequency", i),
            };
            check_row(i, &row)?;
            rows.push(row);
        }
        let source = match v.get("source") {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        Ok(CbData { columns, rows, source })
    }
}

fn unit_name(u: TimeUnit) -> &'static str {
    match u {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    }
}

/// The valuation paths in the wire form.
pub(super) fn paths_to_wire(p: &Paths) -> Value {
    json!({"unit": unit_name(p.unit), "months": p.months, "index": encode(p.index.iter().map(|&k| k as f64)),
        "p_alive": encode(p.p_alive.iter().copied()), "cum": encode(p.cum.iter().copied())})
}

/// Reads the valuation paths back; `None` unless they are whole and finite.
pub(super) fn paths_from_wire(v: &Value) -> Option<Paths> {
    let unit = match v.get("unit")?.as_str()? {
        "day" => TimeUnit::Day,
        "month" => TimeUnit::Month,
        "week" => TimeUnit::Week,
        _ => return None,
    };
    let months = usize::try_from(v.get("months")?.as_u64()?).ok().filter(|m| (1..=120).contains(m))?;
    let text_len = |k: &str| v.get(k).and_then(Value::as_str).map_or(0, |s| s.len() * 3 / 4 / 8);
    let rows = text_len("index");
    let index: Vec<usize> =
        decode(v.get("index"), rows)?.into_iter().map(|k| (k >= 0.0 && k.fract() == 0.0).then_some(k as usize)).collect::<Option<_>>()?;
    let p_alive = decode(v.get("p_alive"), rows)?;
    let cum = decode(v.get("cum"), text_len("cum"))?;
    let ok = cum.len() % months == 0
        && index.iter().all(|&k| (k + 1) * months <= cum.len())
        && p_alive.iter().chain(&cum).all(|x| x.is_finite());
    ok.then_some(Paths { unit, months, index, p_alive, cum })
}
