//! The import steps of the customer base form: the user's actions on a data
//! file and its column mapping, the worker jobs they ask for, and the
//! worker's answers turned back into the form's state.

use super::super::{data, task, CbData, Fitted, SharedData};
use super::{CbAction, CbForm, ImportStep, LogFile, Preview, Want, MAX_FILE_BYTES};
use crate::domain::calc::Outcome;
use crate::domain::i18n::Msg;
use crate::domain::notice::Notice;
use crate::domain::number;
use crate::domain::worker::WorkerJob;
use serde_json::{json, Value};
use std::rc::Rc;

/// The settings a summary depends on besides the file and its mapping.
const SETTINGS: [&str; 3] = ["time_unit", "observation_end", "calibration_end"];

/// What the import steps remember between a request and its answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Memo {
    /// The summarise a `read` asked the worker to do at once (its request as
    /// sent, with the form's settings then): its answer is taken only if the
    /// settings are still those.
    read_asked: Option<String>,
    /// The time unit and dates of the last summarise or read sent.
    sent: [String; 3],
    /// Those the valued log was summarised with, and its file: a failed or
    /// cancelled import (or re-summary) leaves them as they were.
    valued: Option<(LogFile, [String; 3])>,
    /// A `read` job's first part (its answer and the summary), taken in
    /// while the worker fits but shown only with the fit (see [`CbForm::stage`]).
    staged: Option<Rc<Staged>>,
}

/// A `read` answer and its summary, read from the worker's first part.
#[derive(Debug)]
pub(super) struct Staged {
    /// The job it belongs to.
    id: u64,
    /// The part's `ok` object, without its summary.
    ok: Value,
    /// The summary, read (shared: the page's state is copied per action).
    data: Result<Rc<CbData>, String>,
}

/// Jobs have distinct numbers: the same job's part is the same part.
impl PartialEq for Staged {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl CbForm {
    fn settings(&self) -> [String; 3] {
        SETTINGS.map(|k| self.text(k).to_string())
    }

    /// The summarise request the form would send now for the file (without
    /// its mapping or bytes): what an answer prepared earlier must match.
    fn summarise_now(&self) -> Option<String> {
        let f = self.file.as_ref()?;
        Some(self.with_summarise_request(&f.name, &Value::Null, task::FileRef::Bytes, task::summarise_request))
    }

    /// New data, with its fit when the worker already made it.
    pub(super) fn set_data(&mut self, data: CbData, fitted: Option<(String, Fitted)>) {
        self.set_shared(Rc::new(data), fitted);
    }

    /// [`CbForm::set_data`] with data already shared.
    fn set_shared(&mut self, data: Rc<CbData>, fitted: Option<(String, Fitted)>) {
        self.data = SharedData::new(data);
        self.sample = false;
        self.data_id += 1;
        self.table.3 = 0;
        if let Some((model, f)) = fitted {
            self.fit = Some((self.data_id, model, Rc::new(f)));
        }
        self.refresh();
    }

    pub(super) fn preview_mut(&mut self) -> Option<&mut Value> {
        match &mut self.step {
            ImportStep::Confirm(p) => Some(&mut p.mapping),
            _ => None,
        }
    }

    pub(super) fn apply(&mut self, action: CbAction) -> Outcome {
        match action {
            CbAction::File(name, bytes) => {
                if bytes.len() > MAX_FILE_BYTES {
                    self.import_error = Some(format!("{name}: > {} MB", MAX_FILE_BYTES >> 20));
                    return Outcome::Refused(Notice::Message(Msg::CbFileTooLarge));
                }
                self.file = Some(LogFile { name: name.chars().take(200).collect(), bytes, mapping: Value::Null, number: None });
                self.step = ImportStep::Reading;
                self.import_error = None;
                self.want = Some(Want::Read);
            }
            CbAction::MapRole(role, col) => {
                if let Some(m) = self.preview_mut() {
                    let roles = m.get_mut("roles").and_then(Value::as_object_mut);
                    if let Some(roles) = roles {
                        roles.retain(|_, v| col.is_none() || v.as_u64() != col.map(|c| c as u64));
                        match col {
                            Some(c) => roles.insert(role, json!(c)),
                            None => roles.remove(&role),
                        };
                    }
                }
            }
            CbAction::MapShape(s) => {
                if let Some(m) = self.preview_mut() {
                    m["shape"] = json!(if s == "summary" { "summary" } else { "transactions" });
                }
            }
            CbAction::MapHeader(h) => {
                if let Some(m) = self.preview_mut() {
                    m["header"] = json!(h);
                }
            }
            CbAction::MapDates(p) => {
                if let Some(m) = self.preview_mut() {
                    m["date_pattern"] = json!(p);
                }
            }
            CbAction::Confirm => {
                if let (ImportStep::Confirm(p), Some(f)) = (&self.step, &mut self.file) {
                    f.mapping = p.mapping.clone();
                    self.step = ImportStep::Summarising;
                    self.want = Some(Want::Summarise);
                }
            }
            CbAction::CancelImport => self.stop_import(),
            CbAction::Sample => {
                self.memo.staged = None;
                self.file = None;
                self.log_loaded = false;
                self.step = ImportStep::Idle;
                self.issues.clear();
                self.import_error = None;
                self.want = None;
                self.texts[2].clear();
                self.texts[3].clear();
                // An import still running is for a file no longer wanted.
                if matches!(self.running, Some((_, Want::Read | Want::Summarise))) {
                    self.running = None;
                }
                self.set_data(data::sample(), None);
                self.sample = true;
                self.memo.valued = None;
            }
            CbAction::Sort(key) => {
                if self.table.0 == key {
                    self.table.1 = !self.table.1;
                } else {
                    self.table = (key, true, self.table.2.clone(), 0);
                }
            }
            CbAction::Search(t) => {
                self.table.2 = t.chars().take(200).collect();
                self.table.3 = 0;
            }
            CbAction::Page(p) => self.table.3 = p,
            CbAction::SendToCustomerValue => {}
        }
        Outcome::Changed
    }

    /// Drops a file being imported; the data valued now stay, and so do the
    /// file, time unit and dates of a valued log (a re-summary that failed or
    /// was cancelled leaves the settings the data were summarised with).
    pub(super) fn stop_import(&mut self) {
        self.memo.staged = None;
        match self.memo.valued.clone().filter(|_| self.log_loaded) {
            Some((file, settings)) => {
                self.file = Some(file);
                for (k, v) in SETTINGS.iter().zip(settings) {
                    if let Some(i) = super::idx(k) {
                        self.texts[i] = v;
                    }
                }
            }
            None => self.file = None,
        }
        self.step = ImportStep::Idle;
        if matches!(self.want, Some(Want::Read | Want::Summarise)) {
            self.want = None;
        }
        // A model chosen meanwhile is fitted now.
        self.refresh();
    }

    /// A `read` job's first part: the read's answer and the summary the
    /// worker made at once (a file with nothing to confirm). The page reads
    /// the summary now, while the worker fits it, but changes nothing the
    /// user sees until the fit comes ([`CbForm::reply_to`]): one render.
    pub(super) fn stage(&mut self, id: u64, text: &str) -> Outcome {
        let mut v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let Some(ok) = v.get_mut("ok").and_then(Value::as_object_mut) else {
            // Unreadable: the answer that follows (a fit alone) fails with it.
            self.memo.staged = Some(Rc::new(Staged { id, ok: Value::Null, data: Err("the worker's answer could not be read".into()) }));
            return Outcome::Changed;
        };
        let data = match ok.remove("summary") {
            Some(summary) => CbData::from_wire(&summary).map(Rc::new),
            None => Err("no summary".into()),
        };
        let ok = v.get_mut("ok").map(Value::take).unwrap_or(Value::Null);
        if let Ok(d) = &data {
            super::super::spend_classes::prepare(d);
        }
        self.memo.staged = Some(Rc::new(Staged { id, ok, data }));
        Outcome::Changed
    }

    /// The answer to job `id`: with a staged first part, the two together.
    pub(super) fn reply_to(&mut self, id: u64, want: Want, text: &str) -> Outcome {
        let Some(staged) = self.memo.staged.take().filter(|s| s.id == id) else { return self.reply(want, text) };
        if !staged.ok.is_object() {
            let e = staged.data.as_ref().err().cloned().unwrap_or_default();
            return self.failed(want, e);
        }
        let mut v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        // The fit (`fit_model`, `fitted`) joins the read's answer; anything
        // else (an error) is answered as it came.
        let Some(fit) = v.get_mut("ok").and_then(Value::as_object_mut).map(std::mem::take) else { return self.reply_value(want, v, None) };
        let mut ok = staged.ok.clone();
        if let Some(o) = ok.as_object_mut() {
            o.extend(fit);
        }
        self.reply_value(want, json!({ "ok": ok }), Some(staged.data.clone()))
    }

    pub(super) fn reply(&mut self, want: Want, text: &str) -> Outcome {
        self.reply_value(want, serde_json::from_str(text).unwrap_or(Value::Null), None)
    }

    /// An answer, read; `staged`: its summary, already read from a first part.
    fn reply_value(&mut self, want: Want, v: Value, staged: Option<Result<Rc<CbData>, String>>) -> Outcome {
        if v.get("resend").and_then(Value::as_bool) == Some(true) {
            // A worker started afresh (after a cancel) no longer holds the
            // file: the same request again, with the bytes this time. Without
            // a file (the user took the sample since), nothing is asked.
            if let Some(f) = self.file.as_mut().filter(|f| f.number.is_some()) {
                f.number = None;
                self.want = Some(want);
            }
            return Outcome::Changed;
        }
        if v.get("unreadable").and_then(Value::as_bool) == Some(true) {
            // The worker could not read the user's file (moved or deleted since).
            self.import_error = None;
            self.stop_import();
            return Outcome::Refused(Notice::Message(Msg::CbFileUnreadable));
        }
        let Some(ok) = v.get("ok") else {
            let e = v.get("error").and_then(Value::as_str).unwrap_or("the worker gave no answer").to_string();
            return self.failed(want, e);
        };
        match want {
            Want::Read => {
                let rows: Vec<Vec<String>> = ok
                    .get("preview")
                    .and_then(Value::as_array)
                    .map(|r| {
                        r.iter()
                            .map(|r| {
                                r.as_array().map(|c| c.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let size = (ok.get("rows").and_then(Value::as_u64).unwrap_or(0), ok.get("columns").and_then(Value::as_u64).unwrap_or(0));
                let mapping = ok.get("mapping").cloned().unwrap_or(Value::Null);
                if ok.get("needs_confirmation").and_then(Value::as_bool) == Some(false) {
                    if let Some(f) = &mut self.file {
                        f.mapping = mapping;
                    }
                    // The worker summarised and fitted it already (a small
                    // file with nothing to confirm): one answer, one render,
                    // unless the settings changed since it was asked.
                    let summarised = ok.get("summary").is_some() || staged.is_some();
                    if summarised && self.memo.read_asked.is_some() && self.summarise_now() == self.memo.read_asked {
                        return self.take_summary(ok, staged);
                    }
                    self.step = ImportStep::Summarising;
                    self.want = Some(Want::Summarise);
                } else {
                    self.step = ImportStep::Confirm(Preview { rows, size, mapping });
                }
            }
            Want::Summarise if ok.get("summary").is_none() => {
                // The second half of a summarise-and-fit: the fit of the data
                // its first half showed, unless other data came since (the sample).
                if self.summarised != self.data_id {
                    return Outcome::Changed;
                }
                let model = ok.get("fit_model").and_then(Value::as_str).map(str::to_string);
                match (ok.get("fitted").and_then(task::read_fitted), model) {
                    (Some(f), Some(m)) => self.fit = Some((self.data_id, m, Rc::new(f))),
                    _ => return self.failed(Want::Fit, "the fit could not be read".into()),
                }
            }
            Want::Summarise => return self.take_summary(ok, None),
            Want::Fit => match task::read_fitted(ok) {
                Some(f) => self.fit = Some((self.data_id, self.model_text(), Rc::new(f))),
                None => return self.failed(want, "the fit could not be read".into()),
            },
        }
        Outcome::Changed
    }

    /// A summarise answer (the summary, its problem rows and, when the worker
    /// fitted it too, the fit) taken in as the form's data.
    fn take_summary(&mut self, ok: &Value, staged: Option<Result<Rc<CbData>, String>>) -> Outcome {
        let data = staged.or_else(|| ok.get("summary").map(|s| CbData::from_wire(s).map(Rc::new)));
        let Some(Ok(data)) = data else { return self.failed(Want::Summarise, "the summary could not be read".into()) };
        self.issues = ok
            .get("issues")
            .and_then(Value::as_array)
            .map(|l| l.iter().map(|i| (i["row"].as_u64().unwrap_or(0), i["reason"].as_str().unwrap_or("").to_string())).collect())
            .unwrap_or_default();
        self.log_loaded = self.file.as_ref().is_some_and(|f| f.mapping["shape"] == "transactions");
        self.memo.valued = self.file.clone().filter(|_| self.log_loaded).map(|f| (f, self.memo.sent.clone()));
        self.step = ImportStep::Idle;
        self.import_error = None;
        // The worker fitted the summary too (no second trip for the fit).
        let fitted = ok.get("fitted").and_then(task::read_fitted);
        let model = ok.get("fit_model").and_then(Value::as_str).map(str::to_string);
        self.set_shared(data, model.zip(fitted));
        self.summarised = self.data_id;
        Outcome::Told(Notice::Message(Msg::CbImported))
    }

    pub(super) fn failed(&mut self, want: Want, e: String) -> Outcome {
        match want {
            Want::Fit => {
                self.fit = Some((self.data_id, self.model_text(), Rc::new(Fitted::new(Err("worker".into()), None))));
            }
            _ => {
                self.import_error = Some(e);
                self.stop_import();
            }
        }
        Outcome::Refused(Notice::Message(Msg::CbImportFailed))
    }

    /// `make` applied to the summarise request of the file `name` with `mapping`
    /// and the form's time unit, dates, model and language.
    fn with_summarise_request(
        &self,
        name: &str,
        mapping: &Value,
        file: task::FileRef,
        make: fn(&task::SummariseRequest<'_>) -> String,
    ) -> String {
        let t = |k: &str| Some(self.text(k).trim()).filter(|s| !s.is_empty()).and_then(|s| number::iso_date(s).ok());
        let (obs, cal) = (t("observation_end"), t("calibration_end"));
        let model = self.model_text();
        make(&task::SummariseRequest {
            name,
            mapping,
            time_unit: self.text("time_unit"),
            observation_end: obs.as_deref(),
            calibration_end: cal.as_deref(),
            model: super::super::MODELS.contains(&model.as_str()).then_some(model.as_str()),
            lang: self.lang,
            file,
        })
    }

    /// The worker job the last action asked for, if any.
    pub(super) fn next_job(&mut self) -> Option<WorkerJob> {
        let want = self.want.take()?;
        // A new job: a part staged for another is for nothing now.
        self.memo.staged = None;
        let id = self.next_id;
        self.next_id += 1;
        // The file's bytes go to the worker once; later requests name them.
        let (file, bytes) = match (want, self.file.as_mut()) {
            (Want::Fit, _) | (_, None) => (task::FileRef::Bytes, None),
            (Want::Summarise, Some(LogFile { number: Some(n), .. })) => (task::FileRef::Held(*n), None),
            (_, Some(f)) => {
                f.number = Some(id);
                (task::FileRef::Sent(id), Some(f.bytes.clone()))
            }
        };
        if want != Want::Fit {
            self.memo.sent = self.settings();
            self.memo.read_asked = if want == Want::Read { self.summarise_now() } else { None };
        }
        let f = self.file.as_ref();
        let request = match want {
            Want::Read => {
                let f = f?;
                self.with_summarise_request(&f.name, &Value::Null, file, task::read_request_ahead)
            }
            Want::Summarise => {
                let f = f?;
                self.with_summarise_request(&f.name, &f.mapping, file, task::summarise_request)
            }
            Want::Fit => task::fit_request(self.data.get(), &self.model_text(), self.text("time_unit")),
        };
        self.running = Some((id, want));
        Some(WorkerJob { id, request, bytes })
    }
}
