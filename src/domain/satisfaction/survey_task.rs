//! The survey CSV import as a Web Worker task (DESIGN §4: large imports run
//! off the page's thread, with progress and cancel): the request the form
//! sends, [`run_task`] (what the worker does with it) and the reader of the
//! answer. Only the worker calls [`run_task`]; the page reads a class's
//! survey itself, at once (`SURVEY_PAGE_BYTES`).

use super::*;
use crate::domain::worker::{SharedBytes, WorkerJob};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

/// The task's name in its request.
const TASK: &str = "survey";

/// What the questionnaire was when the file was sent: the items as
/// `(id, dimension)` pairs and the scale. An answer for another
/// questionnaire is refused ([`SurveyError::stale`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyShape {
    /// The questionnaire.
    pub instrument: Instrument,
    /// `(id, dimension)` per item, in order.
    pub items: Vec<(String, String)>,
    /// Lowest and highest rating.
    pub scale: (f64, f64),
}

/// The form's survey import: a file waiting to be sent, or the job running.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyJob {
    /// The file the user chose, not yet sent.
    pub(super) want: Option<SharedBytes>,
    /// The running job's id and the questionnaire it was sent for.
    pub(super) running: Option<(u64, SurveyShape)>,
}

/// Job ids of survey imports: a range of their own (the customer base's
/// forms count from 1), shared by every form so that a preset or a new
/// questionnaire, which replace the form, never reuse a running job's id.
static NEXT_ID: AtomicU64 = AtomicU64::new(1 << 40);

impl SurveyJob {
    /// Whether a file is being read.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// Whether a file waits to be sent.
    pub(super) fn waiting(&self) -> bool {
        self.want.is_some()
    }

    /// The job for the file waiting, if any (taken once).
    pub(super) fn take(&mut self, shape: SurveyShape) -> Option<WorkerJob> {
        let bytes = self.want.take()?;
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        // Built as a `Value` (the page's JSON code; typed serialisation
        // would add its own to the first load).
        let items: Vec<Value> = shape.items.iter().map(|(id, d)| json!([id, d])).collect();
        let request = json!({
            "task": TASK,
            "instrument": shape.instrument.as_str(),
            "items": items,
            "scale": [shape.scale.0, shape.scale.1],
        })
        .to_string();
        self.running = Some((id, shape));
        Some(WorkerJob { id, request, bytes: Some(bytes) })
    }
}

impl SgForm {
    /// The questionnaire a survey file is read for.
    pub(super) fn survey_shape(&self) -> SurveyShape {
        let items = self
            .items
            .iter()
            .map(|it| {
                let d = if it.dimension.trim().is_empty() { it.id.clone() } else { it.dimension.trim().to_string() };
                (it.id.clone(), d)
            })
            .collect();
        SurveyShape { instrument: self.instrument, items, scale: self.scale().unwrap_or((f64::MIN, f64::MAX)) }
    }

    /// A chosen survey file: one over the size limit is refused at once; a
    /// small one (a class's survey) is read at once, on the page; a larger
    /// one goes to the Web Worker ([`Calc::worker_job`]), so that the page
    /// never stops answering while it is read. (A small one chosen while a
    /// file is being read goes to the worker too: its job then replaces the
    /// running one, and the progress bar goes with it.)
    pub(super) fn ask_survey(&mut self, bytes: SharedBytes) {
        // A file chosen later wins: the answer for an earlier one is ignored.
        let reading = self.survey_job.running.take().is_some();
        self.survey_job.want = None;
        if bytes.len() > MAX_SURVEY_BYTES {
            self.survey_errors = vec![SurveyError::too_large()];
        } else if bytes.key().is_none() && bytes.len() <= SURVEY_PAGE_BYTES && !reading {
            let shape = self.survey_shape();
            self.import_survey(parse_survey(bytes.bytes(), shape.instrument, &shape.items, shape.scale));
        } else {
            self.survey_job.want = Some(bytes);
        }
    }

    /// The worker's survey, or why it was refused (all or nothing: a
    /// refused file changes no rating).
    pub(super) fn import_survey(&mut self, answer: Result<Survey, Vec<SurveyError>>) {
        match answer {
            Ok(survey) if survey.expected.len() == self.items.len() && survey.perceived.len() == self.items.len() => {
                for (k, it) in self.items.iter_mut().enumerate() {
                    it.expected = number::plain(survey.expected[k]);
                    it.perceived = number::plain(survey.perceived[k]);
                }
                self.survey = Some(survey.summary);
                self.survey_errors.clear();
            }
            Ok(_) => self.survey_errors = vec![SurveyError::stale()],
            Err(errors) => self.survey_errors = errors,
        }
    }
}

/// The worker's side: `Some(answer)` when `request` is a survey import,
/// `None` for another task.
pub fn run_task(request: &str, bytes: &[u8], progress: &mut dyn FnMut(f64)) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(borrow)]
        task: Option<&'a str>,
    }
    let head: Head<'_> = serde_json::from_str(request).ok()?;
    if head.task != Some(TASK) {
        return None;
    }
    let answer = match read_request(request) {
        Some(shape) => match parse_survey_with_progress(bytes, shape.instrument, &shape.items, shape.scale, progress) {
            Ok(s) => {
                let alpha: Vec<Value> = s.summary.alpha.iter().map(|(d, a)| json!([d, a.expected, a.perceived])).collect();
                json!({"survey": {"expected": s.expected, "perceived": s.perceived, "respondents": s.summary.respondents, "alpha": alpha}})
            }
            Err(errors) => json!({ "errors": errors.iter().map(SurveyError::to_value).collect::<Vec<_>>() }),
        },
        None => json!({ "errors": [SurveyError::failed("").to_value()] }),
    };
    Some(answer.to_string())
}

fn read_request(request: &str) -> Option<SurveyShape> {
    let v: Value = serde_json::from_str(request).ok()?;
    let instrument = Instrument::parse(v.get("instrument")?.as_str()?)?;
    let items: Vec<(String, String)> = serde_json::from_value(v.get("items")?.clone()).ok()?;
    let scale: (f64, f64) = serde_json::from_value(v.get("scale")?.clone()).ok()?;
    Some(SurveyShape { instrument, items, scale })
}

/// The page's side: the survey, or why it was refused, from the worker's
/// answer.
pub fn read_answer(text: &str) -> Result<Survey, Vec<SurveyError>> {
    // Read by hand from a `Value`, as the page reads documents: derived
    // readers would add their own code to the first load.
    let unexpected = || vec![SurveyError::failed("")];
    let v: Value = serde_json::from_str(text).map_err(|_| unexpected())?;
    if v.get("unreadable").and_then(Value::as_bool) == Some(true) {
        return Err(vec![SurveyError::unreadable()]);
    }
    if let Some(errors) = v.get("errors").and_then(Value::as_array) {
        let mut out = Vec::with_capacity(errors.len());
        for e in errors {
            out.push(SurveyError::from_value(e).ok_or_else(unexpected)?);
        }
        return Err(if out.is_empty() { unexpected() } else { out });
    }
    read_survey(v.get("survey")).ok_or_else(unexpected)
}

fn read_survey(s: Option<&Value>) -> Option<Survey> {
    let s = s?;
    let numbers = |key: &str| -> Option<Vec<f64>> {
        let list = s.get(key)?.as_array()?;
        let mut out = Vec::with_capacity(list.len());
        for x in list {
            out.push(x.as_f64()?);
        }
        Some(out)
    };
    // One by one: collecting would sort, and carry its own sort to the page.
    let mut alpha = BTreeMap::new();
    for a in s.get("alpha")?.as_array()? {
        let a = a.as_array()?;
        let pair = AlphaPair { expected: a.get(1)?.as_f64(), perceived: a.get(2)?.as_f64() };
        alpha.insert(a.first()?.as_str()?.to_string(), pair);
    }
    let summary = SurveySummary { respondents: s.get("respondents")?.as_u64()?, alpha };
    Some(Survey { expected: numbers("expected")?, perceived: numbers("perceived")?, summary })
}
