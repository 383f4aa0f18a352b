//! Checks of an imported `analysis` object (DESIGN §3.1): what-if settings
//! and summaries are validated like inputs, with the same limits the tools
//! enforce, so a file cannot smuggle in a 10¹² draw run or a huge table.

use super::check::{number, object, unknown_keys};
use super::{ImportError, ImportKind};
use crate::domain::number::NumberSpec;
use crate::domain::whatif::tools::{DRAWS_SPEC, SEED_SPEC};
use serde_json::{Map, Value};

/// Most rows a sensitivity table or Monte Carlo ranges object may hold.
const MAX_ROWS: usize = 200;
/// Longest key text (an output or input key).
const MAX_KEY_CHARS: usize = 80;

fn key_text(o: &Map<String, Value>, k: &str, path: &str, errs: &mut Vec<ImportError>) {
    let p = format!("{path}.{k}");
    match o.get(k) {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= MAX_KEY_CHARS => {}
        Some(Value::String(_)) => errs.push(ImportError::new(p, ImportKind::Analysis)),
        Some(_) => errs.push(ImportError::new(p, ImportKind::NotText)),
        None => errs.push(ImportError::new(p, ImportKind::Missing)),
    }
}

fn num(o: &Map<String, Value>, k: &str, spec: &NumberSpec, path: &str, nullable: bool, errs: &mut Vec<ImportError>) {
    let p = format!("{path}.{k}");
    match o.get(k) {
        None | Some(Value::Null) if nullable => {}
        None => errs.push(ImportError::new(p, ImportKind::Missing)),
        Some(v) => number(v, spec, p, errs),
    }
}

fn sensitivity(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
    let Some(o) = object(v, path, errs) else { return };
    unknown_keys(o, &["output", "p", "rows"], path, errs);
    key_text(o, "output", path, errs);
    num(o, "p", &NumberSpec::range(0.0, 1.0).exclusive_min(), path, false, errs);
    match o.get("rows") {
        Some(Value::Array(rows)) if rows.len() <= MAX_ROWS => {
            for (i, r) in rows.iter().enumerate() {
                let p = format!("{path}.rows[{i}]");
                let Some(r) = object(r, &p, errs) else { continue };
                unknown_keys(r, &["input", "low", "high", "swing"], &p, errs);
                key_text(r, "input", &p, errs);
                for k in ["low", "high", "swing"] {
                    num(r, k, &NumberSpec::any(), &p, true, errs);
                }
            }
        }
        Some(Value::Array(_)) => errs.push(ImportError::new(format!("{path}.rows"), ImportKind::Analysis)),
        Some(_) => errs.push(ImportError::new(format!("{path}.rows"), ImportKind::NotList)),
        None => errs.push(ImportError::new(format!("{path}.rows"), ImportKind::Missing)),
    }
}

fn goal_seek(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
    let Some(o) = object(v, path, errs) else { return };
    unknown_keys(o, &["input", "output", "target", "status", "value", "achieved"], path, errs);
    key_text(o, "input", path, errs);
    key_text(o, "output", path, errs);
    num(o, "target", &NumberSpec::any(), path, false, errs);
    num(o, "value", &NumberSpec::any(), path, false, errs);
    num(o, "achieved", &NumberSpec::any(), path, true, errs);
    match o.get("status").and_then(Value::as_str) {
        Some("found" | "unreachable") => {}
        _ => errs.push(ImportError::new(format!("{path}.status"), ImportKind::Analysis)),
    }
}

fn monte_carlo(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
    let Some(o) = object(v, path, errs) else { return };
    unknown_keys(o, &["output", "seed", "draws", "ranges", "summary"], path, errs);
    key_text(o, "output", path, errs);
    num(o, "seed", &SEED_SPEC, path, false, errs);
    num(o, "draws", &DRAWS_SPEC, path, false, errs);
    let rp = format!("{path}.ranges");
    match o.get("ranges") {
        Some(Value::Object(r)) if r.len() <= MAX_ROWS => {
            for (k, tri) in r {
                let p = format!("{rp}.{k}");
                let Some(t) = object(tri, &p, errs) else { continue };
                unknown_keys(t, &["min", "mode", "max"], &p, errs);
                for b in ["min", "mode", "max"] {
                    num(t, b, &NumberSpec::any(), &p, false, errs);
                }
                let get = |b: &str| t.get(b).and_then(Value::as_f64);
                if let (Some(lo), Some(m), Some(hi)) = (get("min"), get("mode"), get("max")) {
                    if !(lo <= m && m <= hi) {
                        errs.push(ImportError::new(p, ImportKind::Analysis));
                    }
                }
            }
        }
        Some(Value::Object(_)) => errs.push(ImportError::new(rp, ImportKind::Analysis)),
        Some(_) => errs.push(ImportError::new(rp, ImportKind::NotObject)),
        None => errs.push(ImportError::new(rp, ImportKind::Missing)),
    }
    match o.get("summary") {
        Some(s) => {
            let p = format!("{path}.summary");
            if let Some(s) = object(s, &p, errs) {
                unknown_keys(s, &["mean", "p5", "p50", "p95"], &p, errs);
                for k in ["mean", "p5", "p50", "p95"] {
                    num(s, k, &NumberSpec::any(), &p, false, errs);
                }
            }
        }
        None => errs.push(ImportError::new(format!("{path}.summary"), ImportKind::Missing)),
    }
}

/// Checks a `links` object: input key → `{calculator, result, value, assumption}`.
pub(crate) fn check_links(l: &Map<String, Value>, errs: &mut Vec<ImportError>) {
    if l.len() > 20 {
        return errs.push(ImportError::new("links", ImportKind::Links));
    }
    for (k, v) in l {
        let p = format!("links.{k}");
        let Some(o) = object(v, &p, errs) else { continue };
        unknown_keys(o, &["calculator", "result", "value", "assumption"], &p, errs);
        let calc_ok = o.get("calculator").and_then(Value::as_str).and_then(crate::domain::Calculator::parse).is_some();
        let value_ok = match o.get("value") {
            Some(Value::Number(_)) => true,
            Some(Value::Array(a)) => a.len() <= 100 && a.iter().all(Value::is_number),
            _ => false,
        };
        let assumption_ok = matches!(o.get("assumption"), None | Some(Value::Null) | Some(Value::Object(_)));
        if !calc_ok || !value_ok || !assumption_ok || !o.get("result").is_some_and(Value::is_string) {
            errs.push(ImportError::new(p, ImportKind::Links));
        }
    }
}

/// Checks an `analysis` object, listing every problem with its path.
pub(crate) fn check(a: &Map<String, Value>, errs: &mut Vec<ImportError>) {
    unknown_keys(a, &["sensitivity", "goal_seek", "monte_carlo"], "analysis", errs);
    if let Some(v) = a.get("sensitivity") {
        sensitivity(v, "analysis.sensitivity", errs);
    }
    if let Some(v) = a.get("goal_seek") {
        goal_seek(v, "analysis.goal_seek", errs);
    }
    if let Some(v) = a.get("monte_carlo") {
        monte_carlo(v, "analysis.monte_carlo", errs);
    }
}
