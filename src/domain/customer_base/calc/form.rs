//! What the user typed and chose in the customer base calculator, the data
//! being valued, the import steps waiting for the worker, and the
//! [`Calc`] implementation.

use super::data::{CbData, SharedData};
use super::inputs::{self, CustomerBaseInputs, CustomerBaseResults, Fitted};
use super::{DECLS, DISCOUNT_SPEC, MARGIN_SPEC};
use crate::domain::calc::{Calc, InputDecl, Outcome};
use crate::domain::customer_base::model::{ModelKind, TimeUnit};
use crate::domain::document::check::{check_scalars, object, unknown_keys};
use crate::domain::document::{Body, Document, ImportError, ImportKind};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::number;
use crate::domain::worker::{SharedBytes, WorkerJob, WorkerReply};
use crate::domain::Calculator;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;

mod steps;

/// Largest data file (checked before it is read).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Data up to this many rows are autosaved with the settings.
pub const AUTOSAVE_ROWS: usize = 5_000;

/// A file read by the worker, waiting for the user to confirm its mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The first rows as text (a header included).
    pub rows: Vec<Vec<String>>,
    /// Rows and columns in the file.
    pub size: (u64, u64),
    /// The mapping (`{shape, header, date_pattern, roles}`), as edited.
    pub mapping: Value,
}

/// Where the import of a data file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportStep {
    /// No file being imported.
    Idle,
    /// The worker reads the file.
    Reading,
    /// The user checks the column mapping.
    Confirm(Preview),
    /// The worker summarises the file.
    Summarising,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    Read,
    Summarise,
    /// Natively the fit runs at once, so only the browser asks the worker.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Fit,
}

/// The file being imported or valued (kept in memory for re-summarising).
#[derive(Clone, Debug, PartialEq)]
struct LogFile {
    name: String,
    bytes: SharedBytes,
    mapping: Value,
    /// The number the worker holds the bytes under, once sent.
    number: Option<u64>,
}

/// The customer base form.
#[derive(Clone, Debug, PartialEq)]
pub struct CbForm {
    texts: Vec<String>,
    data: SharedData,
    data_id: u64,
    fit: Option<(u64, String, Rc<Fitted>)>,
    file: Option<LogFile>,
    log_loaded: bool,
    /// Where the import stands.
    pub step: ImportStep,
    /// Why the last import failed, if it did.
    pub import_error: Option<String>,
    /// The listed problem rows of the last import `(row, reason)`.
    pub issues: Vec<(u64, String)>,
    want: Option<Want>,
    running: Option<(u64, Want)>,
    /// The data a running summarise-and-fit showed first (its fit is for them only).
    summarised: u64,
    next_id: u64,
    /// The customer table: sort key, descending, search text, page.
    pub table: (String, bool, String, usize),
    cache: RefCell<Option<(CustomerBaseInputs, Rc<CustomerBaseResults>)>>,
    /// The customer table's order, kept between renders (see [`super::view`]).
    pub(super) order: RefCell<Option<super::view::Order>>,
    /// The language of the last action (the worker's messages are in it).
    lang: Lang,
    /// Whether the data are the app's own sample (never autosaved), whatever
    /// name the user's own files carry.
    sample: bool,
    /// What the import steps remember (see [`steps::Memo`]).
    memo: steps::Memo,
}

/// What the user does in the customer base calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum CbAction {
    /// A data file's name and bytes (chosen or dropped).
    File(String, SharedBytes),
    /// Map a role (`customer_id`, `date`, …) to a column, or to none.
    MapRole(String, Option<usize>),
    /// Choose the data's shape (`transactions` or `summary`).
    MapShape(String),
    /// Whether the first row is a header.
    MapHeader(bool),
    /// The date pattern (`auto`, `DD/MM/YYYY`, `MM/DD/YYYY`).
    MapDates(String),
    /// Accept the mapping and import.
    Confirm,
    /// Drop the file being imported.
    CancelImport,
    /// Value the project's own sample data.
    Sample,
    /// Sort the customer table by a key (again: reverse).
    Sort(String),
    /// Search the customer table.
    Search(String),
    /// Show a page of the customer table.
    Page(usize),
    /// Send the fitted model to the customer value calculator (handled by the registry).
    SendToCustomerValue,
}

fn idx(key: &str) -> Option<usize> {
    DECLS.iter().position(|d| d.key == key)
}

impl CbForm {
    fn with_shared(data: SharedData) -> CbForm {
        let mut f = CbForm {
            texts: vec![
                "week".into(),
                "bgnbd".into(),
                String::new(),
                String::new(),
                "12".into(),
                "10".into(),
                "100".into(),
                "false".into(),
            ],
            data,
            data_id: 1,
            fit: None,
            file: None,
            log_loaded: false,
            step: ImportStep::Idle,
            import_error: None,
            issues: Vec::new(),
            want: None,
            running: None,
            summarised: 0,
            next_id: 1,
            table: ("clv".into(), true, String::new(), 0),
            cache: RefCell::new(None),
            order: RefCell::new(None),
            memo: steps::Memo::default(),
            lang: Lang::En,
            sample: false,
        };
        f.refresh();
        f
    }

    /// The text of a setting.
    fn text(&self, key: &str) -> &str {
        idx(key).and_then(|i| self.texts.get(i)).map_or("", String::as_str)
    }

    /// The data valued now.
    pub fn data(&self) -> &CbData {
        self.data.get()
    }

    /// True while the data are the built-in sample.
    pub fn is_sample(&self) -> bool {
        self.sample && self.file.is_none()
    }

    /// True when a transaction log is in memory (so the dates re-summarise it).
    pub fn has_log(&self) -> bool {
        self.log_loaded
    }

    /// True while a worker job runs or waits.
    pub fn busy(&self) -> bool {
        self.want.is_some() || self.running.is_some()
    }

    fn model_text(&self) -> String {
        self.text("model").trim().to_string()
    }

    /// Asks for a fit when the data or the model changed (natively: fits now).
    fn refresh(&mut self) {
        let model = self.model_text();
        if !super::MODELS.contains(&model.as_str()) {
            return;
        }
        if self.fit.as_ref().is_some_and(|(id, m, _)| *id == self.data_id && *m == model) {
            return;
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let kind = if model == "pareto_nbd" { ModelKind::ParetoNbd } else { ModelKind::Bgnbd };
            self.fit = Some((self.data_id, model, Rc::new(inputs::fit(self.data.get(), kind))));
        }
        // Not over a file being read or summarised (its answer brings the fit,
        // or a refresh follows it).
        #[cfg(target_arch = "wasm32")]
        if !matches!(self.want, Some(Want::Summarise | Want::Read)) && !matches!(self.running, Some((_, Want::Summarise | Want::Read))) {
            self.want = Some(Want::Fit);
        }
    }

    fn set_text(&mut self, key: &str, text: String) {
        let Some(i) = idx(key) else { return };
        let changed = self.texts[i] != text;
        self.texts[i] = text;
        // The valued log is summarised again, unless a new file is being
        // read or mapped (its summary is asked with the settings then).
        let importing = matches!(self.step, ImportStep::Reading | ImportStep::Confirm(_));
        if changed && self.log_loaded && !importing && matches!(key, "time_unit" | "observation_end" | "calibration_end") {
            self.want = Some(Want::Summarise);
        }
        self.refresh();
    }

    fn typed(&self) -> Option<CustomerBaseInputs> {
        let t = |k: &str| self.text(k).trim().to_string();
        let time_unit = match t("time_unit").as_str() {
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            _ => return None,
        };
        let model = match t("model").as_str() {
            "bgnbd" => ModelKind::Bgnbd,
            "pareto_nbd" => ModelKind::ParetoNbd,
            _ => return None,
        };
        let date = |k: &str| -> Option<Option<String>> {
            let s = t(k);
            if s.is_empty() {
                Some(None)
            } else {
                number::iso_date(&s).ok().map(Some)
            }
        };
        let model_text = self.model_text();
        Some(CustomerBaseInputs {
            time_unit,
            observation_end: date("observation_end")?,
            calibration_end: date("calibration_end")?,
            model,
            horizon_months: number::parse(self.text("horizon_months"), &super::HORIZON_SPEC).ok()?,
            discount_rate: number::parse(self.text("discount_rate"), &DISCOUNT_SPEC).ok()?,
            margin_rate: number::parse(self.text("margin_rate"), &MARGIN_SPEC).ok()?,
            include_customers: match t("include_customers").as_str() {
                "true" => true,
                "false" => false,
                _ => return None,
            },
            data: self.data.clone(),
            fitted: self.fit.as_ref().filter(|(id, m, _)| *id == self.data_id && *m == model_text).map(|f| f.2.clone()),
        })
    }

    /// The results of the inputs now (computed once per change of inputs).
    pub fn results(&self) -> Option<Rc<CustomerBaseResults>> {
        let i = self.typed()?;
        if let Some((ci, r)) = self.cache.borrow().as_ref() {
            if *ci == i {
                return Some(r.clone());
            }
        }
        let r = Rc::new(inputs::compute(&i));
        *self.cache.borrow_mut() = Some((i, r.clone()));
        Some(r)
    }
}

impl Calc for CbForm {
    type Inputs = CustomerBaseInputs;
    type Results = CustomerBaseResults;
    type Action = CbAction;
    const ID: Calculator = Calculator::CustomerBase;

    fn scalar_inputs() -> &'static [InputDecl] {
        DECLS
    }
    fn fresh(lang: Lang) -> Self {
        let mut f = CbForm::with_shared(SharedData::sample());
        f.lang = lang;
        f.sample = true;
        f
    }
    fn scalar_text(&self, key: &str) -> Option<String> {
        idx(key).map(|i| self.texts[i].clone())
    }
    fn set_scalar(&mut self, key: &str, raw: &str) {
        let text = match key {
            "discount_rate" | "margin_rate" => {
                let spec = if key == "margin_rate" { MARGIN_SPEC } else { DISCOUNT_SPEC };
                number::url_fraction_text(raw, &spec)
            }
            _ => raw.to_string(),
        };
        self.set_text(key, text);
    }
    fn edit_scalar(&mut self, key: &str, text: String, lang: Lang) {
        self.lang = lang;
        self.set_text(key, text);
    }
    fn option_label(key: &str, option: &str) -> Option<Msg> {
        Some(match (key, option) {
            ("time_unit", "day") => Msg::CbUnitDay,
            ("time_unit", "week") => Msg::CbUnitWeek,
            ("time_unit", "month") => Msg::CbUnitMonth,
            ("model", "bgnbd") => Msg::CbModelBgnbd,
            ("model", "pareto_nbd") => Msg::CbModelPareto,
            _ => return None,
        })
    }
    fn help(key: &str) -> Option<Msg> {
        Some(match key {
            "time_unit" => Msg::CbTimeUnitHelp,
            "observation_end" => Msg::CbObservationEndHelp,
            "calibration_end" => Msg::CbCalibrationEndHelp,
            "include_customers" => Msg::CbIncludeCustomersHelp,
            _ => return None,
        })
    }
    /// Settings only: the data do not fit in a share link.
    fn to_value(&self) -> Value {
        let mut o = serde_json::Map::new();
        for d in DECLS {
            let text = self.text(d.key).to_string();
            let v = match self.scalar_value(d.key) {
                Some(v) => match d.kind {
                    crate::domain::calc::InputKind::Number(_) => v.parse::<f64>().map(|x| json!(x)).unwrap_or(json!(v)),
                    crate::domain::calc::InputKind::Bool => json!(v == "true"),
                    _ => json!(v),
                },
                None if text.trim().is_empty() && matches!(d.kind, crate::domain::calc::InputKind::Date) => Value::Null,
                None => json!(text),
            };
            o.insert(d.key.into(), v);
        }
        Value::Object(o)
    }
    fn autosave_value(&self) -> Value {
        let mut v = self.to_value();
        // The sample is never saved, also while a file is being imported
        // over it (every update compares the autosave text before and after).
        if !self.sample && self.data.get().rows.len() <= AUTOSAVE_ROWS {
            v["data"] = self.data.get().to_value();
        }
        v
    }
    fn from_value(v: &Value, lang: Lang) -> Option<Self> {
        let o = v.as_object()?;
        let data = match o.get("data") {
            Some(d) => Some(CbData::from_value(d).ok()?),
            None => None,
        };
        let sample = data.is_none();
        let mut f = CbForm::with_shared(data.map_or_else(SharedData::sample, |d| SharedData::new(Rc::new(d))));
        f.lang = lang;
        f.sample = sample;
        for d in DECLS {
            match o.get(d.key) {
                Some(Value::String(s)) => f.set_scalar(d.key, s),
                Some(Value::Number(n)) => f.set_scalar(d.key, &number::plain(n.as_f64().unwrap_or(0.0))),
                Some(Value::Bool(b)) => f.set_scalar(d.key, &b.to_string()),
                Some(Value::Null) => f.set_scalar(d.key, ""),
                _ => {}
            }
        }
        Some(f)
    }
    fn inputs(&self) -> Option<CustomerBaseInputs> {
        self.typed()
    }
    fn from_inputs(i: &CustomerBaseInputs) -> Self {
        let mut f = CbForm::with_shared(i.data.clone());
        // Typed inputs (a scenario, a document) know the data only by their source.
        f.sample = i.data.get().file() == Some("sample");
        let unit = match i.time_unit {
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
        };
        let model = match i.model {
            ModelKind::Bgnbd => "bgnbd",
            ModelKind::ParetoNbd => "pareto_nbd",
        };
        f.texts = vec![
            unit.into(),
            model.into(),
            i.observation_end.clone().unwrap_or_default(),
            i.calibration_end.clone().unwrap_or_default(),
            number::plain(i.horizon_months),
            number::percent_text(i.discount_rate),
            number::percent_text(i.margin_rate),
            i.include_customers.to_string(),
        ];
        f.fit = None;
        if let Some(fit) = &i.fitted {
            f.fit = Some((f.data_id, model.to_string(), fit.clone()));
        }
        f.refresh();
        f
    }
    fn compute(i: &CustomerBaseInputs) -> CustomerBaseResults {
        inputs::compute(i)
    }
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
        let Some(o) = object(v, path, errs) else { return };
        let keys: Vec<&str> = DECLS.iter().map(|d| d.key).chain(["data"]).collect();
        unknown_keys(o, &keys, path, errs);
        check_scalars(DECLS, o, path, errs);
        match o.get("data") {
            None => errs.push(ImportError::new(format!("{path}.data"), ImportKind::Missing)),
            Some(d) => {
                if let Err(e) = CbData::from_value(d) {
                    errs.push(ImportError::new(format!("{path}.data"), ImportKind::Data(e)));
                }
            }
        }
    }
    fn update(&mut self, action: CbAction, lang: Lang) -> Outcome {
        self.lang = lang;
        self.apply(action)
    }
    fn default_output() -> &'static str {
        "total_clv"
    }
    fn worker_job(&mut self) -> Option<WorkerJob> {
        self.next_job()
    }
    fn worker_reply(&mut self, id: u64, reply: &WorkerReply, _lang: Lang) -> Outcome {
        let Some((_, want)) = self.running.filter(|(rid, _)| *rid == id) else { return Outcome::Changed };
        if let WorkerReply::Part(text) = reply {
            // The summary, while the worker goes on fitting it: the job still
            // runs. A read's is shown with the fit; a summarise's at once.
            return if want == Want::Read { self.stage(id, text) } else { self.reply(want, text) };
        }
        self.running = None;
        let out = match reply {
            WorkerReply::Done(text) => self.reply_to(id, want, text),
            WorkerReply::Failed(e) => self.failed(want, e.clone()),
            WorkerReply::Progress(_) | WorkerReply::Part(_) => return Outcome::Changed,
        };
        if want != Want::Fit && self.want.is_none() {
            self.refresh();
        }
        out
    }
    fn worker_cancelled(&mut self) {
        if let Some((_, want)) = self.running.take() {
            match want {
                Want::Fit => {
                    // The previous fit's model comes back, so what is shown matches the results.
                    if let Some((_, m, _)) = &self.fit {
                        self.texts[1] = m.clone();
                    }
                }
                _ => self.stop_import(),
            }
        }
    }
    fn wrap(body: Body<CustomerBaseInputs, CustomerBaseResults>) -> Document {
        Document::CustomerBase(body)
    }
    fn unwrap(doc: Document) -> Option<Body<CustomerBaseInputs, CustomerBaseResults>> {
        match doc {
            Document::CustomerBase(b) => Some(b),
            _ => None,
        }
    }
}
