//! Checks of a satisfaction gap document's list inputs: the items and the
//! survey's summary.

use super::*;
use crate::domain::document::check::{check_number, object, unknown_keys};
use crate::domain::document::{ImportError, ImportKind};
use serde_json::Value;

/// Checks the items list; returns the dimensions found.
pub(super) fn check_items(
    items: Option<&Value>,
    instrument: Option<Instrument>,
    scale: Option<NumberSpec>,
    path: &str,
    errs: &mut Vec<ImportError>,
) -> Vec<String> {
    let mut dims: Vec<String> = Vec::new();
    let list = match items {
        None => {
            errs.push(ImportError::new(format!("{path}.items"), ImportKind::Missing));
            return dims;
        }
        Some(Value::Array(list)) => list,
        Some(_) => {
            errs.push(ImportError::new(format!("{path}.items"), ImportKind::NotList));
            return dims;
        }
    };
    if list.is_empty() || list.len() > MAX_CUSTOM_ITEMS {
        errs.push(ImportError::new(format!("{path}.items"), ImportKind::ItemCount));
    }
    let mut ids: Vec<String> = Vec::new();
    for (i, it) in list.iter().enumerate().take(MAX_CUSTOM_ITEMS + 1) {
        let p = format!("{path}.items[{i}]");
        let Some(it) = object(it, &p, errs) else { continue };
        unknown_keys(it, &["id", "label", "dimension", "expected", "perceived"], &p, errs);
        let id = match it.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) | None => {
                errs.push(ImportError::new(format!("{p}.id"), ImportKind::Missing));
                continue;
            }
            Some(_) => {
                errs.push(ImportError::new(format!("{p}.id"), ImportKind::NotText));
                continue;
            }
        };
        if ids.contains(&id) {
            errs.push(ImportError::new(format!("{p}.id"), ImportKind::DuplicateId));
        }
        ids.push(id.clone());
        for k in ["label", "dimension"] {
            match it.get(k) {
                None | Some(Value::Null) | Some(Value::String(_)) => {}
                Some(_) => errs.push(ImportError::new(format!("{p}.{k}"), ImportKind::NotText)),
            }
        }
        let d = match it.get("dimension") {
            Some(Value::String(d)) if !d.trim().is_empty() => d.trim().to_string(),
            _ => id.clone(),
        };
        if !dims.contains(&d) {
            dims.push(d);
        }
        for k in ["expected", "perceived"] {
            check_number(it.get(k), &scale.unwrap_or(SCALE_BOUNDS), format!("{p}.{k}"), errs);
        }
    }
    if let Some(fixed) = instrument.filter(|i| *i != Instrument::Custom) {
        let want: Vec<String> = fixed.fixed_items().into_iter().map(|(id, _)| id).collect();
        if ids != want {
            errs.push(ImportError::new(format!("{path}.items"), ImportKind::WrongItems));
        }
    }
    dims
}

/// Checks `inputs.survey`: `{respondents, alpha: {dimension: {expected,
/// perceived}}}` with a whole number of respondents, dimensions of the
/// items, and each α null or at most 1.
pub(super) fn check_survey(v: Option<&Value>, dims: &[String], path: &str, errs: &mut Vec<ImportError>) {
    let o = match v {
        None | Some(Value::Null) => return,
        Some(v) => match object(v, path, errs) {
            Some(o) => o,
            None => return,
        },
    };
    unknown_keys(o, &["respondents", "alpha"], path, errs);
    check_number(o.get("respondents"), &NumberSpec::range(0.0, 1e12).whole(), format!("{path}.respondents"), errs);
    let Some(alpha) = o.get("alpha").and_then(|a| object(a, &format!("{path}.alpha"), errs)) else {
        if o.get("alpha").is_none() {
            errs.push(ImportError::new(format!("{path}.alpha"), ImportKind::Missing));
        }
        return;
    };
    for (d, pair) in alpha {
        let p = format!("{path}.alpha.{d}");
        if !dims.contains(d) {
            errs.push(ImportError::new(p.clone(), ImportKind::UnknownDimension));
        }
        let Some(pair) = object(pair, &p, errs) else { continue };
        unknown_keys(pair, &["expected", "perceived"], &p, errs);
        for side in ["expected", "perceived"] {
            match pair.get(side) {
                None => errs.push(ImportError::new(format!("{p}.{side}"), ImportKind::Missing)),
                Some(Value::Null) => {}
                Some(x) => {
                    check_number(Some(x), &NumberSpec::range(-crate::domain::number::MAX_MAGNITUDE, 1.0), format!("{p}.{side}"), errs)
                }
            }
        }
    }
}
