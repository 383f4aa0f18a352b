//! The page's readers of the worker's answers: a fit, and the customer
//! table as CSV.

use super::super::inputs::{CustomerLine, Fitted};
use crate::domain::customer_base::model::{BgNbdErrors, BgNbdFit, GammaGammaErrors, GammaGammaFit, Params, ParetoNbdErrors, ParetoNbdFit};
use serde_json::Value;

fn f(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64).filter(|x| x.is_finite())
}

fn se(v: &Value, k: &str) -> Option<f64> {
    v.get("standard_errors").and_then(|s| s.get(k)).and_then(Value::as_f64)
}

/// Reads a `fit` answer.
pub fn read_fitted(ok: &Value) -> Option<Fitted> {
    let p = ok.get("params")?;
    let params = if p.is_null() {
        Err(ok.get("params_error").and_then(Value::as_str).unwrap_or("numerical").to_string())
    } else {
        let (ll, converged, iterations) = (f(p, "log_likelihood")?, p.get("converged")?.as_bool()?, p.get("iterations")?.as_u64()? as u32);
        Ok(match p.get("model")?.as_str()? {
            "bgnbd" => Params::Bgnbd(BgNbdFit {
                r: f(p, "r")?,
                alpha: f(p, "alpha")?,
                a: f(p, "a")?,
                b: f(p, "b")?,
                log_likelihood: ll,
                standard_errors: BgNbdErrors { r: se(p, "r"), alpha: se(p, "alpha"), a: se(p, "a"), b: se(p, "b") },
                converged,
                iterations,
            }),
            "pareto_nbd" => Params::ParetoNbd(ParetoNbdFit {
                r: f(p, "r")?,
                alpha: f(p, "alpha")?,
                s: f(p, "s")?,
                beta: f(p, "beta")?,
                log_likelihood: ll,
                standard_errors: ParetoNbdErrors { r: se(p, "r"), alpha: se(p, "alpha"), s: se(p, "s"), beta: se(p, "beta") },
                converged,
                iterations,
            }),
            _ => return None,
        })
    };
    let spend = if !ok.get("has_spend")?.as_bool()? {
        None
    } else {
        let g = ok.get("spend")?;
        Some(if g.is_null() {
            Err(ok.get("spend_error").and_then(Value::as_str).unwrap_or("numerical").to_string())
        } else {
            Ok(GammaGammaFit {
                p: f(g, "p")?,
                q: f(g, "q")?,
                v: f(g, "v")?,
                log_likelihood: f(g, "log_likelihood")?,
                standard_errors: GammaGammaErrors { p: se(g, "p"), q: se(g, "q"), v: se(g, "v") },
                converged: g.get("converged")?.as_bool()?,
                iterations: g.get("iterations").and_then(Value::as_u64).unwrap_or(0) as u32,
            })
        })
    };
    let fitted = Fitted::new(params, spend);
    if let Some(p) = ok.get("paths").filter(|p| p.is_object()) {
        fitted.set_paths_wire(p);
    }
    Some(fitted)
}

/// The customer table as CSV (the columns of DESIGN §2.5).
pub fn table_csv(lines: &[CustomerLine]) -> String {
    use crate::domain::customer_base::model::AbcClass;
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let _ = w.write_record([
        "customer_id",
        "frequency",
        "recency",
        "T",
        "monetary_value",
        "count",
        "p_alive",
        "expected_transactions",
        "expected_spend",
        "clv",
        "abc_class",
    ]);
    for l in lines {
        let class = match l.abc_class {
            Some(AbcClass::A) => "A",
            Some(AbcClass::B) => "B",
            Some(AbcClass::C) => "C",
            None => "",
        };
        let _ = w.write_record([
            l.customer_id.clone(),
            l.frequency.to_string(),
            l.recency.to_string(),
            l.t.to_string(),
            opt(l.monetary_value),
            l.count.to_string(),
            l.p_alive.to_string(),
            l.expected_transactions.to_string(),
            opt(l.expected_spend),
            opt(l.clv),
            class.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
