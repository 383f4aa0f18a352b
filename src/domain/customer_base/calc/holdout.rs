//! The holdout comparison of a log summarised with a `calibration_end`:
//! actual against predicted repeat purchases after it, and the tracking series.

use super::inputs::{CustomerBaseInputs, HoldoutResults, TrackingRow};
use crate::domain::customer_base::model;
use serde_json::Value;

fn days(iso: &str) -> Option<f64> {
    crate::domain::customer_base::import::Date::parse_iso(iso).ok().map(|d| d.days() as f64)
}

/// The holdout comparison, when the data carry a holdout (a log summarised
/// with a `calibration_end`).
pub(super) fn holdout(i: &CustomerBaseInputs, m: &model::Model, rows: &[model::CustomerRow]) -> Option<HoldoutResults> {
    let d = i.data.get();
    let h = d.source.get("holdout")?;
    let cal = days(i.calibration_end.as_deref()?)?;
    let end = match &i.observation_end {
        Some(e) => days(e)?,
        None => days(d.source.get("last_date")?.as_str()?)?,
    };
    let unit = i.time_unit.days();
    let hf: Option<Vec<f64>> = d.rows.iter().map(|r| r.holdout_frequency).collect();
    let s = model::holdout(m, rows, &hf?, (end - cal) / unit).ok()?;
    let firsts: Vec<(f64, f64)> = h
        .get("acquisitions")?
        .as_array()?
        .iter()
        .filter_map(|a| Some((a.get("offset")?.as_f64()?, a.get("customers")?.as_f64()?)))
        .collect();
    let actual: Vec<(f64, f64)> =
        h.get("tracking")?.as_array()?.iter().filter_map(|p| Some((p.get("period")?.as_f64()?, p.get("actual")?.as_f64()?))).collect();
    let predicted = model::tracking(m, &firsts, actual.len() as u32).ok()?;
    Some(HoldoutResults {
        actual_total: s.actual_total,
        predicted_total: s.predicted_total,
        new_customers: h.get("new_customers").and_then(Value::as_f64).unwrap_or(0.0),
        by_frequency: s.by_frequency,
        tracking: actual.iter().zip(predicted).map(|(&(period, actual), predicted)| TrackingRow { period, actual, predicted }).collect(),
    })
}
