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
use crate::domain::customer_base::import::TransactionLog;
use crate::domain::customer_base::import::{Date, DatePattern, ImportFile, Limits, Mapping, Role, Shape, SummaryOptions};
use crate::domain::customer_base::model::{ModelKind, TimeUnit};
use crate::domain::i18n::Lang;
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::rc::Rc;

mod answers;
pub use answers::{read_fitted, table_csv};

/// Rows shown in the mapping step's preview (a header included).
pub const PREVIEW_ROWS: usize = 8;

/// The `read` request.
pub fn read_request(name: &str, lang: Lang) -> String {
    json!({"task": "read", "name": name, "lang": lang.tag()}).to_string()
}

/// What a `summarise` request asks for, besides the file's bytes.
#[derive(Clone, Copy, Debug)]
pub struct SummariseRequest<'a> {
    /// The file name.
    pub name: &'a str,
    /// The confirmed mapping ([`mapping_value`]'s form).
    pub mapping: &'a Value,
    /// `day`, `week` or `month`.
    pub time_unit: &'a str,
    /// `YYYY-MM-DD` or none (the last transaction date).
    pub observation_end: Option<&'a str>,
    /// `YYYY-MM-DD` or none.
    pub calibration_end: Option<&'a str>,
    /// When set (`bgnbd`, `pareto_nbd`), the worker fits the summary too, so
    /// that the summary need not travel back to the worker for its fit.
    pub model: Option<&'a str>,
    /// The language of messages.
    pub lang: Lang,
    /// How the file's bytes reach the worker.
    pub file: FileRef,
}

/// How a request's file reaches the worker: a file of several megabytes
/// costs the page, the browser and the worker a copy each (tens of
/// milliseconds), so after the first request the page names the file the
/// worker already holds instead of sending it again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum FileRef {
    /// The bytes come with the request; nothing is remembered by number.
    #[default]
    Bytes,
    /// The bytes come with the request; the worker keeps them as file `n`.
    Sent(u64),
    /// No bytes: the worker uses its file `n`, or answers `{"resend": true}`
    /// when it no longer holds it (a worker started afresh).
    Held(u64),
}

impl FileRef {
    fn value(self) -> Value {
        match self {
            FileRef::Bytes => Value::Null,
            FileRef::Sent(n) => json!({"sent": n}),
            FileRef::Held(n) => json!({"held": n}),
        }
    }
}

/// The `summarise` request.
pub fn summarise_request(r: &SummariseRequest<'_>) -> String {
    summarise_value(r).to_string()
}

fn summarise_value(r: &SummariseRequest<'_>) -> Value {
    json!({"task": "summarise", "name": r.name, "mapping": r.mapping, "time_unit": r.time_unit, "lang": r.lang.tag(),
        "observation_end": r.observation_end, "calibration_end": r.calibration_end, "model": r.model, "file": r.file.value()})
}

/// The `read` request with the summarise-and-fit the page will ask for if
/// the user confirms the detected mapping as it is (`r.mapping` is not
/// used): after answering the read, the worker prepares that answer while
/// the user reads the mapping step ([`prepare_ahead`]).
pub fn read_request_ahead(r: &SummariseRequest<'_>) -> String {
    json!({"task": "read", "name": r.name, "lang": r.lang.tag(), "file": r.file.value(), "ahead": summarise_value(r)}).to_string()
}

/// Files up to this size are summarised and fitted ahead: a guess the user
/// then corrects holds the worker for at most about half a second.
pub const AHEAD_MAX_BYTES: usize = 8 << 20;

/// The `fit` request (`time_unit`: `day`, `week` or `month`, the unit of the
/// data's times, for the valuation paths the worker computes with the fit).
pub fn fit_request(data: &CbData, model: &str, time_unit: &str) -> String {
    // The document form: the page already writes it, and a refit is rare
    // (the wire form's encoder would cost the first load its bytes).
    json!({"task": "fit", "model": model, "time_unit": time_unit, "data": data.to_value()}).to_string()
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

/// The last file read and the last log built from it, so that the
/// `summarise` after a `read` (and after a change of the time unit or the
/// dates) does not parse the same bytes again. One worker serves one page,
/// so one entry is enough.
#[derive(Default)]
struct Cache {
    key: Option<(u64, usize, String)>,
    /// The page's number for the file (`FileRef::Sent`).
    number: Option<u64>,
    file: Option<Rc<ImportFile>>,
    log: Option<(String, Rc<TransactionLog>)>,
    /// A summarise answer prepared ahead, in one piece: its request's key
    /// and the answer (taken by the summarise that asks, or dropped by one
    /// that asks something else).
    ahead: Option<(String, String)>,
    /// The summarise the last `read` asked to prepare (its `ahead`, with the
    /// detected mapping), for [`prepare_ahead`].
    pending: Option<Value>,
    /// The last summary's rows, freed after the answer is posted (about a
    /// millisecond for CDNOW's 23,570 ids that the page need not wait for).
    spent: Option<CbData>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Forgets the cached file and log (for benchmarks that time a cold start).
pub fn forget() {
    CACHE.with_borrow_mut(|c| *c = Cache::default());
}

/// Why a request's file could not be had.
enum FileError {
    /// The page named a file this worker does not hold.
    Resend,
    /// The bytes could not be read.
    Import(crate::domain::customer_base::import::ImportError),
}

/// The request's file: the one the worker holds under the number the page
/// gave (`{"file": {"held": n}}`), or the bytes sent with it.
fn request_file(req: &Value, name: &str, bytes: &[u8]) -> Result<Rc<ImportFile>, FileError> {
    let file = req.get("file");
    if let Some(n) = file.and_then(|f| f.get("held")).and_then(Value::as_u64) {
        return CACHE.with_borrow(|c| c.file.clone().filter(|_| c.number == Some(n))).ok_or(FileError::Resend);
    }
    let f = read_file(name, bytes).map_err(FileError::Import)?;
    let number = file.and_then(|f| f.get("sent")).and_then(Value::as_u64);
    CACHE.with_borrow_mut(|c| c.number = number);
    Ok(f)
}

/// The answer when the browser could not read the file the page named (the
/// worker reads the user's file itself): the page says so and imports nothing.
pub fn unreadable() -> String {
    json!({"unreadable": true}).to_string()
}

fn resend() -> String {
    json!({"resend": true}).to_string()
}

fn read_file(name: &str, bytes: &[u8]) -> Result<Rc<ImportFile>, crate::domain::customer_base::import::ImportError> {
    let key = (super::bits::hash_bytes(bytes), bytes.len(), name.to_string());
    if let Some(f) = CACHE.with_borrow(|c| c.file.clone().filter(|_| c.key.as_ref() == Some(&key))) {
        return Ok(f);
    }
    // Drop the previous file before reading the next (memory stays bounded).
    CACHE.with_borrow_mut(|c| *c = Cache::default());
    let file = Rc::new(ImportFile::read(name, bytes, &Limits::default())?);
    CACHE.with_borrow_mut(|c| *c = Cache { key: Some(key), file: Some(file.clone()), ..Cache::default() });
    Ok(file)
}

fn read_log(file: &ImportFile, mapping: &Mapping) -> Result<Rc<TransactionLog>, crate::domain::customer_base::import::ImportError> {
    let key = mapping_value(mapping).to_string();
    if let Some(l) = CACHE.with_borrow(|c| c.log.as_ref().filter(|(k, _)| *k == key).map(|(_, l)| l.clone())) {
        return Ok(l);
    }
    let log = Rc::new(file.transactions(mapping)?);
    CACHE.with_borrow_mut(|c| c.log = Some((key, log.clone())));
    Ok(log)
}

fn model_kind(s: Option<&str>) -> ModelKind {
    if s == Some("pareto_nbd") {
        ModelKind::ParetoNbd
    } else {
        ModelKind::Bgnbd
    }
}

/// Runs one request and answers in one piece: a summarise-and-fit's two
/// parts (see [`run_parts`]) come merged into one `ok` object.
pub fn run(request: &str, bytes: &[u8], progress: &mut dyn FnMut(f64)) -> String {
    let mut first: Option<String> = None;
    let last = run_parts(request, bytes, progress, &mut |p| first = Some(p.to_string()));
    merge(first, last)
}

/// A summarise-and-fit's two parts as one answer.
fn merge(first: Option<String>, last: String) -> String {
    match first {
        Some(first) => splice(&first, &last).unwrap_or(last),
        None => last,
    }
}

/// Two `{"ok":{…}}` answers as one, joined as text: the summary is most of
/// the answer, and reading it into a JSON tree and writing it again would
/// cost the worker milliseconds for nothing. `None` unless both are such
/// answers with something in them (their keys never overlap).
fn splice(a: &str, b: &str) -> Option<String> {
    const HEAD: &str = "{\"ok\":{";
    let a = a.strip_prefix(HEAD)?.strip_suffix("}}")?;
    let b = b.strip_prefix(HEAD)?.strip_suffix("}}")?;
    if a.trim().is_empty() || b.trim().is_empty() {
        return None;
    }
    Some(format!("{HEAD}{a},{b}}}}}"))
}

/// Runs one request in the worker; `progress` is told the fraction done.
/// A `summarise` with a `model` hands its summary to `part` as soon as it is
/// made (`{"ok": {"summary", "issues", …}}`) and answers with the fit
/// (`{"ok": {"fit_model", "fitted"}}`), so that the page reads the summary
/// while the worker fits it. So does a `read` of a file with nothing to
/// confirm, its part being the read's answer and the summary together.
pub fn run_parts(request: &str, bytes: &[u8], progress: &mut dyn FnMut(f64), part: &mut dyn FnMut(&str)) -> String {
    CACHE.with_borrow_mut(|c| c.pending = None);
    let Ok(req) = serde_json::from_str::<Value>(request) else { return error("bad request").to_string() };
    let name = req.get("name").and_then(Value::as_str).unwrap_or("data");
    let lang = Lang::parse(req.get("lang").and_then(Value::as_str).unwrap_or("en")).unwrap_or(Lang::En);
    let out = match req.get("task").and_then(Value::as_str) {
        Some("read") => match request_file(&req, name, bytes) {
            Err(FileError::Resend) => return resend(),
            Ok(f) => {
                progress(0.8);
                let t = f.table();
                let read = json!({"ok": {"rows": t.rows(), "columns": t.columns(), "preview": f.preview(PREVIEW_ROWS),
                    "mapping": mapping_value(f.mapping()), "needs_confirmation": f.needs_confirmation(),
                    "format": serde_json::to_value(f.format()).unwrap_or(Value::Null),
                    "encoding": serde_json::to_value(f.encoding()).unwrap_or(Value::Null)}});
                // The summarise that would follow, with the detected mapping.
                let ahead = req.get("ahead").filter(|a| a.is_object() && bytes.len() <= AHEAD_MAX_BYTES).cloned().map(|mut a| {
                    if let Some(o) = a.as_object_mut() {
                        o.insert("mapping".into(), mapping_value(f.mapping()));
                    }
                    a
                });
                match ahead {
                    // Prepared while the user reads the mapping step.
                    Some(a) if f.needs_confirmation() => CACHE.with_borrow_mut(|c| c.pending = Some(a)),
                    // Nothing to confirm: the summary and its fit come with
                    // this task (no second trip, one render). The read and the
                    // summary go first, as a part the page takes in (but does
                    // not show) while the worker fits; the fit is the answer.
                    // Should the summary fail, the read answers alone and the
                    // page's summarise reports why.
                    // Only for BG/NBD, whose fit is quick: a slower fit shows
                    // the summary first (the two-part answer of `summarise`).
                    Some(a) if a.get("model").and_then(Value::as_str) == Some("bgnbd") => {
                        let read_text = read.to_string();
                        let mut sent = false;
                        let mut rest = |f: f64| progress(0.8 + 0.2 * f);
                        let mut first = |p: &str| {
                            if let Some(both) = splice(&read_text, p) {
                                part(&both);
                                sent = true;
                            }
                        };
                        if let Ok(last) = summarise(&a, &f, lang, &mut rest, &mut first) {
                            if sent {
                                return last;
                            }
                            // No part made (an answer in one piece): joined.
                            if let Some(both) = splice(&read_text, &last) {
                                return both;
                            }
                        }
                    }
                    _ => {}
                }
                read
            }
            Err(FileError::Import(e)) => error(e.message(lang)),
        },
        Some("summarise") => {
            let file = match request_file(&req, name, bytes) {
                Ok(f) => f,
                Err(FileError::Resend) => return resend(),
                Err(FileError::Import(e)) => return error(e.message(lang)).to_string(),
            };
            return summarise(&req, &file, lang, progress, part).unwrap_or_else(|e| error(e).to_string());
        }
        Some("fit") => match req.get("data").map(CbData::from_value) {
            Some(Ok(data)) => {
                progress(0.1);
                let kind = model_kind(req.get("model").and_then(Value::as_str));
                let fitted = inputs::fit(&data, kind);
                fitted.prepare_paths(&data, time_unit(req.get("time_unit").and_then(Value::as_str)));
                fitted_value(&fitted)
            }
            Some(Err(e)) => error(e),
            None => error("no data"),
        },
        _ => error("unknown task"),
    };
    out.to_string()
}

/// The `summarise` answer, written as text at once: the summary is most of
/// it, and serialising it straight to a string skips a JSON tree.
fn summarise(
    req: &Value,
    file: &ImportFile,
    lang: Lang,
    progress: &mut dyn FnMut(f64),
    part: &mut dyn FnMut(&str),
) -> Result<String, String> {
    progress(0.3);
    let mapping = mapping_from(req.get("mapping").unwrap_or(&Value::Null))?;
    let key = ahead_key(req, &mapping);
    // Prepared ahead: the summary and its fit in one answer (the page then
    // takes in and shows the data once, not twice).
    if let Some((_, answer)) = CACHE.with_borrow_mut(|c| c.ahead.take()).filter(|a| a.0 == key) {
        return Ok(answer);
    }
    let options = SummaryOptions {
        time_unit: time_unit(req.get("time_unit").and_then(Value::as_str)),
        observation_end: date(req.get("observation_end"))?,
        calibration_end: date(req.get("calibration_end"))?,
    };
    let summary = match mapping.shape {
        Shape::Transactions => {
            let log = read_log(file, &mapping).map_err(|e| e.message(lang))?;
            progress(0.45);
            log.summarise(&options)
        }
        Shape::Summary => file.summary(&mapping, options.time_unit),
    }
    .map_err(|e| e.message(lang))?;
    progress(0.55);
    let mut summary = summary;
    let data = super::wire::data_from_summary(&mut summary);
    let wire = data.to_wire();
    let issues: Vec<Value> = summary.issues.iter().map(|i| json!({"row": i.row, "reason": i.reason.message(lang)})).collect();
    let listed = Limits::default().max_listed_issues;
    let rest = json!({"issues": issues, "listed_at_most": listed,
        "observation_end": summary.observation_end.map(|d| d.to_string()),
        "calibration_end": summary.calibration_end.map(|d| d.to_string())})
    .to_string();
    let first = format!("{{\"ok\":{{\"summary\":{wire},{}}}", rest.get(1..).unwrap_or("}"));
    let Some(model) = req.get("model").and_then(Value::as_str) else { return Ok(first) };
    part(&first);
    drop((first, wire, summary));
    progress(0.6);
    let fitted = inputs::fit_rows(&data.model_rows(), data.has_money(), model_kind(Some(model)));
    // The 12-month valuation paths too: the page then only sums them.
    fitted.prepare_paths(&data, options.time_unit);
    progress(0.95);
    let answer = json!({"ok": {"fit_model": model, "fitted": fitted_value(&fitted)["ok"].take()}}).to_string();
    CACHE.with_borrow_mut(|c| c.spent = Some(data));
    Ok(answer)
}

/// What a summarise answer depends on besides the file.
fn ahead_key(req: &Value, mapping: &Mapping) -> String {
    let k = |name: &str| req.get(name).cloned().unwrap_or(Value::Null);
    json!([k("name"), mapping_value(mapping), k("time_unit"), k("observation_end"), k("calibration_end"), k("model"), k("lang")])
        .to_string()
}

/// After a `read` answer: when the file needs its mapping confirmed, is at
/// most [`AHEAD_MAX_BYTES`] and the request said what would follow
/// (`ahead`), summarises and fits it with the detected mapping now, so that
/// a confirmation of that mapping is answered at once. The worker calls
/// this after posting each answer. It first frees the rows of the summary
/// just answered (the answer need not wait for that); the rest happens only
/// after such a `read`. It posts nothing itself.
pub fn prepare_ahead() {
    free_spent();
    let Some(ahead) = CACHE.with_borrow_mut(|c| c.pending.take()) else { return };
    let Some(file) = CACHE.with_borrow(|c| c.file.clone()) else { return };
    let lang = Lang::parse(ahead.get("lang").and_then(Value::as_str).unwrap_or("en")).unwrap_or(Lang::En);
    let mut first = None;
    if let Ok(last) = summarise(&ahead, &file, lang, &mut |_| {}, &mut |p| first = Some(p.to_string())) {
        let key = ahead_key(&ahead, file.mapping());
        CACHE.with_borrow_mut(|c| c.ahead = Some((key, merge(first, last))));
        // Its rows are not needed while the answer waits.
        free_spent();
    }
}

/// Frees the rows of the last summary answered (outside the cache's borrow).
fn free_spent() {
    let spent = CACHE.with_borrow_mut(|c| c.spent.take());
    drop(spent);
}

/// Whether a summarise answer is prepared ahead for the file read last.
pub fn prepared_ahead() -> bool {
    CACHE.with_borrow(|c| c.ahead.is_some())
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
    json!({"ok": {"params": params, "params_error": params_error, "spend": spend, "spend_error": spend_error, "has_spend": f.spend.is_some(),
        "paths": f.paths_wire()}})
}
