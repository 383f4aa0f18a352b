//! The satisfaction gap calculator behind the one calculator interface:
//! its declared settings, actions, what-if model and import checks.

use super::check::{check_items, check_survey};
use super::*;
use crate::domain::calc::{Calc, InputDecl, InputKind, Outcome};
use crate::domain::document::check::{check_number, check_scalars, object, unknown_keys};
use crate::domain::document::{Body, Document, ImportError, ImportKind};
use crate::domain::math::Unit;
use crate::domain::state;
use crate::domain::whatif::{Detail, Param, WhatIf};
use crate::domain::worker::{SharedBytes, WorkerJob, WorkerReply};
use crate::domain::Calculator;
use serde_json::Value;

const INSTRUMENTS: &[&str] = &["servqual22", "determinants10", "custom"];

/// The declared scalar inputs: the questionnaire, the scale and the tolerance.
pub const DECLS: &[InputDecl] = &[
    InputDecl { key: "instrument", label: Msg::SgInstrument, kind: InputKind::Choice(INSTRUMENTS), unit: Unit::Count },
    InputDecl { key: "scale_min", label: Msg::SgScaleMin, kind: InputKind::Number(SCALE_BOUNDS), unit: Unit::Ratio },
    InputDecl { key: "scale_max", label: Msg::SgScaleMax, kind: InputKind::Number(SCALE_BOUNDS), unit: Unit::Ratio },
    InputDecl { key: "tolerance", label: Msg::SgTolerance, kind: InputKind::Number(NumberSpec::non_negative()), unit: Unit::Ratio },
];

/// The satisfaction gap settings that are typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SgSetting {
    /// `scale_min`
    ScaleMin,
    /// `scale_max`
    ScaleMax,
    /// `tolerance`
    Tolerance,
}

/// Satisfaction gap presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SgPreset {
    /// Three custom attributes (reference case 6).
    Custom,
    /// SERVQUAL with weights (reference case 7).
    Servqual,
}

/// What the user does in the satisfaction gap calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum SgAction {
    /// Choose the questionnaire (fresh items, same scale and tolerance).
    Instrument(Instrument),
    /// Type a scale bound or the tolerance.
    Setting(SgSetting, String),
    /// Type an item's expectation (`true`) or perception (`false`).
    Rating(usize, bool, String),
    /// Rename a custom attribute.
    ItemLabel(usize, String),
    /// Set a custom attribute's dimension (empty: its own).
    ItemDimension(usize, String),
    /// Add a custom attribute (at most 50).
    AddAttribute,
    /// Remove a custom attribute (at least 1 stays).
    RemoveAttribute(usize),
    /// Switch dimension weights on or off.
    Weights(bool),
    /// Type a dimension's weight.
    Weight(String, String),
    /// Fill the form from a preset.
    Preset(SgPreset),
    /// Import a survey CSV (all or nothing): read at once, or by the Web
    /// Worker when it is large.
    Survey(SharedBytes),
    /// The browser could not read the chosen survey file.
    SurveyUnreadable,
    /// Send the satisfied and dissatisfied shares to the customer value calculator (handled by the registry).
    SendToCustomerValue,
}

fn mid(f: &SgForm) -> Option<String> {
    f.scale().map(|(lo, hi)| number::plain(((lo + hi) / 2.0).round()))
}

impl SgForm {
    fn switch_instrument(&mut self, i: Instrument, lang: Lang) {
        let mut old = std::mem::replace(self, SgForm::new(i, lang));
        // A survey being read stays known, so that its answer is refused
        // as for another questionnaire rather than dropped without a word.
        self.survey_job = std::mem::take(&mut old.survey_job);
        self.scale_min = old.scale_min.clone();
        self.scale_max = old.scale_max.clone();
        self.tolerance = old.tolerance.clone();
        // The questionnaire left is set aside; one left earlier comes back
        // as the user left it (its survey only on the same scale).
        let mut set_aside = std::mem::take(&mut old.set_aside);
        let back = set_aside.iter().position(|s| s.instrument == i).map(|k| set_aside.remove(k));
        set_aside.retain(|s| s.instrument != old.instrument);
        set_aside.push(SetAside {
            instrument: old.instrument,
            survey: old.survey.map(|s| (s, old.scale_min, old.scale_max)),
            items: old.items,
            weights: old.weights,
        });
        self.set_aside = set_aside;
        match back {
            Some(s) => {
                self.items = s.items;
                self.weights = s.weights;
                self.survey = s.survey.filter(|(_, lo, hi)| *lo == self.scale_min && *hi == self.scale_max).map(|(s, _, _)| s);
            }
            None => {
                if let Some(mid) = mid(self) {
                    for it in &mut self.items {
                        it.expected = mid.clone();
                        it.perceived = mid.clone();
                    }
                }
            }
        }
    }
}

impl Calc for SgForm {
    type Inputs = SatisfactionInputs;
    type Results = SatisfactionResults;
    type Action = SgAction;
    const ID: Calculator = Calculator::SatisfactionGap;

    fn scalar_inputs() -> &'static [InputDecl] {
        DECLS
    }
    fn fresh(lang: Lang) -> Self {
        SgForm::from_inputs(&preset_custom(lang))
    }
    fn scalar_text(&self, key: &str) -> Option<String> {
        Some(match key {
            "instrument" => self.instrument.as_str().to_string(),
            "scale_min" => self.scale_min.clone(),
            "scale_max" => self.scale_max.clone(),
            "tolerance" => self.tolerance.clone(),
            _ => return None,
        })
    }
    fn set_scalar(&mut self, key: &str, raw: &str) {
        match key {
            "instrument" => {
                if let Some(i) = Instrument::parse(raw).filter(|i| *i != self.instrument) {
                    self.switch_instrument(i, Lang::En);
                }
            }
            "scale_min" | "scale_max" => {
                let scale = if key == "scale_min" { &mut self.scale_min } else { &mut self.scale_max };
                if *scale != raw {
                    *scale = raw.to_string();
                    // The survey was read on the other scale.
                    self.survey = None;
                }
            }
            "tolerance" => self.tolerance = raw.to_string(),
            _ => {}
        }
    }
    fn edit_scalar(&mut self, key: &str, text: String, lang: Lang) {
        let _ = match key {
            "instrument" => match Instrument::parse(&text) {
                Some(i) => self.update(SgAction::Instrument(i), lang),
                None => Outcome::Changed,
            },
            "scale_min" => self.update(SgAction::Setting(SgSetting::ScaleMin, text), lang),
            "scale_max" => self.update(SgAction::Setting(SgSetting::ScaleMax, text), lang),
            "tolerance" => self.update(SgAction::Setting(SgSetting::Tolerance, text), lang),
            _ => Outcome::Changed,
        };
    }
    fn option_label(key: &str, option: &str) -> Option<Msg> {
        (key == "instrument").then(|| Instrument::parse(option).map(Instrument::label)).flatten()
    }
    fn help(key: &str) -> Option<Msg> {
        (key == "tolerance").then_some(Msg::SgToleranceHelp)
    }
    fn to_value(&self) -> Value {
        state::sg_to_value(self)
    }
    fn from_value(v: &Value, _: Lang) -> Option<Self> {
        state::sg_from_value(v)
    }
    fn inputs(&self) -> Option<SatisfactionInputs> {
        SgForm::inputs(self)
    }
    fn from_inputs(i: &SatisfactionInputs) -> Self {
        SgForm::from_inputs(i)
    }
    fn compute(i: &SatisfactionInputs) -> SatisfactionResults {
        compute(i)
    }
    fn finish_results(&self, mut r: SatisfactionResults) -> SatisfactionResults {
        r.survey = self.survey.clone();
        r
    }
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
        let Some(o) = object(v, path, errs) else { return };
        unknown_keys(o, &["instrument", "scale_min", "scale_max", "tolerance", "items", "dimension_weights", "survey"], path, errs);
        let before = errs.len();
        check_scalars(DECLS, o, path, errs);
        let scalars_ok = errs.len() == before;
        let instrument = o.get("instrument").and_then(Value::as_str).and_then(Instrument::parse);
        let lo = o.get("scale_min").and_then(Value::as_f64);
        let hi = o.get("scale_max").and_then(Value::as_f64);
        let scale = match (lo, hi) {
            (Some(l), Some(h)) if h > l => Some(NumberSpec::range(l, h)),
            (Some(_), Some(_)) if scalars_ok => {
                errs.push(ImportError::new(format!("{path}.scale_max"), ImportKind::ScaleOrder));
                None
            }
            _ => None,
        };
        let dims = check_items(o.get("items"), instrument, scale, path, errs);
        match o.get("dimension_weights") {
            None | Some(Value::Null) => {}
            Some(Value::Object(w)) => {
                let mut total = 0.0;
                for (d, v) in w {
                    let p = format!("{path}.dimension_weights.{d}");
                    if !dims.contains(d) {
                        errs.push(ImportError::new(p.clone(), ImportKind::UnknownDimension));
                    }
                    check_number(Some(v), &NumberSpec::non_negative(), p, errs);
                    total += v.as_f64().unwrap_or(0.0).max(0.0);
                }
                if total <= 0.0 {
                    errs.push(ImportError::new(format!("{path}.dimension_weights"), ImportKind::WeightsZero));
                }
            }
            Some(_) => errs.push(ImportError::new(format!("{path}.dimension_weights"), ImportKind::NotObject)),
        }
        check_survey(o.get("survey"), &dims, &format!("{path}.survey"), errs);
    }
    fn update(&mut self, action: SgAction, lang: Lang) -> Outcome {
        match action {
            SgAction::Instrument(i) => {
                self.switch_instrument(i, lang);
                self.survey_errors.clear();
            }
            SgAction::Setting(which, text) => {
                match which {
                    SgSetting::ScaleMin => self.scale_min = text,
                    SgSetting::ScaleMax => self.scale_max = text,
                    SgSetting::Tolerance => self.tolerance = text,
                }
                if which != SgSetting::Tolerance {
                    self.survey = None;
                }
            }
            SgAction::Rating(i, expected, text) => {
                if let Some(it) = self.items.get_mut(i) {
                    if expected {
                        it.expected = text;
                    } else {
                        it.perceived = text;
                    }
                    self.survey = None;
                }
            }
            SgAction::ItemLabel(i, text) => {
                if let Some(it) = self.items.get_mut(i) {
                    it.label = text;
                }
            }
            SgAction::ItemDimension(i, text) => {
                if self.instrument == Instrument::Custom {
                    if let Some(it) = self.items.get_mut(i) {
                        it.dimension = text;
                    }
                    self.sync_weights();
                    // α was computed per dimension: regrouped items drop it.
                    self.survey = None;
                }
            }
            SgAction::AddAttribute => {
                if self.instrument == Instrument::Custom && self.items.len() < MAX_CUSTOM_ITEMS {
                    let n = (1..).find(|n| !self.items.iter().any(|it| it.id == format!("a{n}"))).unwrap_or(0);
                    let mid = mid(self).unwrap_or_default();
                    self.items.push(ItemForm {
                        id: format!("a{n}"),
                        label: Msg::SgNewAttribute.text(lang).replace("{n}", &self.items.len().saturating_add(1).to_string()),
                        dimension: String::new(),
                        expected: mid.clone(),
                        perceived: mid,
                    });
                    self.sync_weights();
                    self.survey = None;
                }
            }
            SgAction::RemoveAttribute(i) => {
                if self.instrument == Instrument::Custom && self.items.len() > 1 && i < self.items.len() {
                    self.items.remove(i);
                    self.sync_weights();
                    self.survey = None;
                }
            }
            SgAction::Weights(on) => {
                self.weights = if on { Some(Vec::new()) } else { None };
                self.sync_weights();
            }
            SgAction::Weight(dim, text) => {
                if let Some(w) = self.weights.as_mut().and_then(|w| w.iter_mut().find(|(d, _)| *d == dim)) {
                    w.1 = text;
                }
            }
            SgAction::Preset(p) => {
                let job = std::mem::take(&mut self.survey_job);
                *self = SgForm::from_inputs(&match p {
                    SgPreset::Custom => preset_custom(lang),
                    SgPreset::Servqual => preset_servqual(),
                });
                self.survey_job = job;
            }
            SgAction::SurveyUnreadable => self.survey_errors = vec![SurveyError::unreadable()],
            SgAction::Survey(bytes) => self.ask_survey(bytes),
            SgAction::SendToCustomerValue => {}
        }
        Outcome::Changed
    }
    fn default_output() -> &'static str {
        "unweighted_score"
    }
    fn worker_job(&mut self) -> Option<WorkerJob> {
        if !self.survey_job.waiting() {
            return None;
        }
        let shape = self.survey_shape();
        self.survey_job.take(shape)
    }
    fn worker_reply(&mut self, id: u64, reply: &WorkerReply, _lang: Lang) -> Outcome {
        let Some((_, sent)) = self.survey_job.running.as_ref().filter(|(rid, _)| *rid == id) else { return Outcome::Changed };
        let answer = match reply {
            WorkerReply::Progress(_) | WorkerReply::Part(_) => return Outcome::Changed,
            WorkerReply::Done(_) if *sent != self.survey_shape() => Err(vec![SurveyError::stale()]),
            WorkerReply::Done(text) => read_answer(text),
            WorkerReply::Failed(e) => Err(vec![SurveyError::failed(e)]),
        };
        self.survey_job.running = None;
        self.import_survey(answer);
        Outcome::Changed
    }
    fn worker_cancelled(&mut self) {
        self.survey_job = SurveyJob::default();
    }
    fn wrap(body: Body<SatisfactionInputs, SatisfactionResults>) -> Document {
        Document::SatisfactionGap(body)
    }
    fn unwrap(doc: Document) -> Option<Body<SatisfactionInputs, SatisfactionResults>> {
        match doc {
            Document::SatisfactionGap(b) => Some(b),
            _ => None,
        }
    }
}

/// Item ratings are varied as `items.<id>.perceived` / `items.<id>.expected`,
/// weights as `dimension_weights.<dimension>`.
impl WhatIf for SatisfactionInputs {
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64> {
        crate::domain::whatif::vary(self, changes, key)
    }
    fn params(&self) -> Vec<Param> {
        let scale = NumberSpec::range(self.scale_min, self.scale_max);
        let mut out = Vec::new();
        for it in &self.items {
            let name = match item_label(self.instrument, &it.id) {
                Some(m) if self.instrument != Instrument::Custom => Detail::Msg(m),
                _ => Detail::Text(it.label.clone().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| it.id.clone())),
            };
            for (which, label) in [("perceived", Msg::SgPerceived), ("expected", Msg::SgExpected)] {
                out.push(Param {
                    key: format!("items.{}.{which}", it.id),
                    label,
                    detail: Some(name.clone()),
                    unit: Unit::Ratio,
                    spec: scale,
                });
            }
        }
        if let Some(w) = &self.dimension_weights {
            for d in w.keys() {
                out.push(Param {
                    key: format!("dimension_weights.{d}"),
                    label: Msg::SgWeight,
                    detail: Some(dimension_label(d).map(Detail::Msg).unwrap_or_else(|| Detail::Text(d.clone()))),
                    unit: Unit::Count,
                    spec: NumberSpec::non_negative(),
                });
            }
        }
        out
    }
    fn outputs(&self) -> Vec<(&'static str, Msg)> {
        let mut v = vec![("unweighted_score", Msg::SgUnweighted)];
        if self.dimension_weights.is_some() {
            v.push(("weighted_score", Msg::SgWeighted));
        }
        v.extend([("mean_expected", Msg::SgMeanExpected), ("mean_perceived", Msg::SgMeanPerceived)]);
        v
    }
    fn output_unit(&self, _: &str) -> crate::domain::math::Unit {
        // Scores and means are on the survey's scale.
        crate::domain::math::Unit::Ratio
    }
    fn get(&self, key: &str) -> Option<f64> {
        if let Some(rest) = key.strip_prefix("items.") {
            let (id, which) = rest.rsplit_once('.')?;
            let it = self.items.iter().find(|it| it.id == id)?;
            return match which {
                "perceived" => Some(it.perceived),
                "expected" => Some(it.expected),
                _ => None,
            };
        }
        let d = key.strip_prefix("dimension_weights.")?;
        self.dimension_weights.as_ref()?.get(d).copied()
    }
    fn with(&self, key: &str, v: f64) -> Self {
        let mut i = self.clone();
        if let Some((id, which)) = key.strip_prefix("items.").and_then(|r| r.rsplit_once('.')) {
            if let Some(it) = i.items.iter_mut().find(|it| it.id == id) {
                match which {
                    "perceived" => it.perceived = v,
                    "expected" => it.expected = v,
                    _ => {}
                }
            }
        } else if let Some(d) = key.strip_prefix("dimension_weights.") {
            if let Some(w) = i.dimension_weights.as_mut().and_then(|w| w.get_mut(d)) {
                *w = v;
            }
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        let r = compute(self);
        match key {
            "unweighted_score" => Some(r.unweighted_score),
            "weighted_score" => r.weighted_score,
            "mean_expected" => Some(r.mean_expected),
            "mean_perceived" => Some(r.mean_perceived),
            _ => None,
        }
    }
}
