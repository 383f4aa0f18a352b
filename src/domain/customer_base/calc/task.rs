//! The customer base's worker tasks as JSON: the requests the form builds,
//! [`run`] (what the worker does with them) and the readers of the answers.
//!
//! * `read` — a file's bytes → the first rows, the detected shape and
//!   column mapping, and whether the user must confirm it;
//! * `summarise` — the bytes and a (confirmed) mapping → `inputs.data`, the
//!   listed problem rows and the observation end used;
//! * `fit` — `inputs.data` and a model → the fits (or why not).
//!
//! Only the worker calls [`run`]; the page's bundle never links the import
//! or the fits.

use super::data::CbData;
use super::inputs::{self, Fitted};
use crate::domain::customer_base::import::{Date, DatePattern, ImportFile, Limits, Mapping, Role, Shape, SummaryOptions};
use crate::domain::customer_base::model::{
    BgNbdErrors, BgNbdFit, GammaGammaErrors, GammaGammaFit, ModelKind, Params, ParetoNbdErrors, ParetoNbdFit, TimeUnit,
};
use crate::domain::i18n::Lang;
use serde_json::{json, Map, Value};

/// Rows shown in the mapping step's preview (a header included).
pub const PREVIEW_ROWS: usize = 8;

/// The `read` request.
pub fn read_request(name: &str, lang: Lang) -> String {
    json!({"task": "read", "name": name, "lang": lang.tag()}).to_string()
}

/// The `summarise` request.
pub fn summarise_request(
    name: &str,
    mapping: &Value,
    time_unit: &str,
    observation_end: Option<&str>,
    calibration_end: Option<&str>,
    lang: Lang,
) -> String {
    json!({"task": "summarise", "name": name, "mapping": mapping, "time_unit": time_unit, "lang": lang.tag(),
        "observation_end": observation_end, "calibration_end": calibration_end})
    .to_string()
}

/// The `fit` request.
pub fn fit_request(data: &CbData, model: &str) -> String {
    json!({"task": "fit", "model": model, "data": data.to_value()}).to_string()
}

fn error(msg: impl std::fmt::Display) -> Value {
    json!({"error": msg.to_string()})
}

fn time_unit(s: Option<&str>) -> TimeUnit {
    match s {
        Some("day") => TimeUnit::Day,
        Some("month") => TimeUnit::Month,
        _ => TimeUnit::Week,
    }
}

/// The mapping as JSON: `{shape, header, date_pattern, roles: {key: column}}`.
pub fn mapping_value(m: &Mapping) -> Value {
    let roles: Map<String, Value> = Role::ALL.iter().filter_map(|r| Some((r.key().to_string(), json!(m.column(*r)?)))).collect();
    let shape = match m.shape {
        Shape::Transactions => "transactions",
        Shape::Summary => "summary",
    };
    let pattern = match m.date_pattern {
        DatePattern::Auto => "auto",
        DatePattern::Iso => "YYYY-MM-DD",
        DatePattern::DayMonthYear => "DD/MM/YYYY",
        DatePattern::MonthDayYear => "MM/DD/YYYY",
    };
    json!({"shape": shape, "header": m.header, "date_pattern": pattern, "roles": roles})
}

fn mapping_from(v: &Value) -> Result<Mapping, String> {
    let shape = match v.get("shape").and_then(Value::as_str) {
        Some("summary") => Shape::Summary,
        Some("transactions") => Shape::Transactions,
        _ => return Err("mapping: unknown shape".into()),
    };
    let mut m = Mapping::new(shape, v.get("header").and_then(Value::as_bool).unwrap_or(true));
    m.date_pattern = DatePattern::from_name(v.get("date_pattern").and_then(Value::as_str).unwrap_or("auto")).map_err(|e| e.to_string())?;
    if let Some(roles) = v.get("roles").and_then(Value::as_object) {
        for r in Role::ALL {
            let col = roles.get(r.key()).and_then(Value::as_u64).map(|c| c as usize);
            m.set_column(r, col);
        }
    }
    Ok(m)
}

fn date(v: Option<&Value>) -> Result<Option<Date>, String> {
    match v.and_then(Value::as_str) {
        None => Ok(None),
        Some(s) => Date::parse_iso(s).map(Some).map_err(|e| e.to_string()),
    }
}

/// Runs one request in the worker; `progress` is told the fraction done.
pub fn run(request: &str, bytes: &[u8], progress: &mut dyn FnMut(f64)) -> String {
    let Ok(req) = serde_json::from_str::<Value>(request) else { return error("bad request").to_string() };
    let name = req.get("name").and_then(Value::as_str).unwrap_or("data");
    let lang = Lang::parse(req.get("lang").and_then(Value::as_str).unwrap_or("en")).unwrap_or(Lang::En);
    let out = match req.get("task").and_then(Value::as_str) {
        Some("read") => match ImportFile::read(name, bytes, &Limits::default()) {
            Ok(f) => {
                progress(0.8);
                let t = f.table();
                json!({"ok": {"rows": t.rows(), "columns": t.columns(), "preview": f.preview(PREVIEW_ROWS),
                    "mapping": mapping_value(f.mapping()), "needs_confirmation": f.needs_confirmation(),
                    "format": serde_json::to_value(f.format()).unwrap_or(Value::Null),
                    "encoding": serde_json::to_value(f.encoding()).unwrap_or(Value::Null)}})
            }
            Err(e) => error(e.message(lang)),
        },
        Some("summarise") => summarise(&req, name, bytes, lang, progress).unwrap_or_else(error),
        Some("fit") => match req.get("data").map(CbData::from_value) {
            Some(Ok(data)) => {
                progress(0.1);
                let kind =
                    if req.get("model").and_then(Value::as_str) == Some("pareto_nbd") { ModelKind::ParetoNbd } else { ModelKind::Bgnbd };
                fitted_value(&inputs::fit(&data, kind))
            }
            Some(Err(e)) => error(e),
            None => error("no data"),
        },
        _ => error("unknown task"),
    };
    out.to_string()
}

fn summarise(req: &Value, name: &str, bytes: &[u8], lang: Lang, progress: &mut dyn FnMut(f64)) -> Result<Value, String> {
    let file = ImportFile::read(name, bytes, &Limits::default()).map_err(|e| e.message(lang))?;
    progress(0.4);
    let mapping = mapping_from(req.get("mapping").unwrap_or(&Value::Null))?;
    let options = SummaryOptions {
        time_unit: time_unit(req.get("time_unit").and_then(Value::as_str)),
        observation_end: date(req.get("observation_end"))?,
        calibration_end: date(req.get("calibration_end"))?,
    };
    let summary = file.summarise(&mapping, &options).map_err(|e| e.message(lang))?;
    progress(0.8);
    let data = serde_json::to_value(summary.to_data()).map_err(|e| e.to_string())?;
    let issues: Vec<Value> = summary.issues.iter().map(|i| json!({"row": i.row, "reason": i.reason.message(lang)})).collect();
    let listed = Limits::default().max_listed_issues;
    Ok(json!({"ok": {"data": data, "issues": issues, "listed_at_most": listed,
        "observation_end": summary.observation_end.map(|d| d.to_string()),
        "calibration_end": summary.calibration_end.map(|d| d.to_string())}}))
}

fn fitted_value(f: &Fitted) -> Value {
    let (params, params_error) = match &f.params {
        Ok(p) => (serde_json::to_value(p).unwrap_or(Value::Null), Value::Null),
        Err(c) => (Value::Null, json!(c)),
    };
    let (spend, spend_error) = match &f.spend {
        None => (Value::Null, Value::Null),
        Some(Ok(g)) => (
            json!({"p": g.p, "q": g.q, "v": g.v, "log_likelihood": g.log_likelihood,
            "standard_errors": g.standard_errors, "converged": g.converged, "iterations": g.iterations}),
            Value::Null,
        ),
        Some(Err(c)) => (Value::Null, json!(c)),
    };
    json!({"ok": {"params": params, "params_error": params_error, "spend": spend, "spend_error": spend_error, "has_spend": f.spend.is_some()}})
}

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
    Some(Fitted::new(params, spend))
}

/// The customer table as CSV (the columns of DESIGN §2.5).
pub fn table_csv(lines: &[super::inputs::CustomerLine]) -> String {
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
