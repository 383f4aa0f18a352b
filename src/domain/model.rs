//! The application model: what the user sees and edits, the actions that
//! change it, and the display-ready view of it.
//!
//! The user interface wraps [`Model`] in a yew reducer and renders the
//! view models built here; everything in this module is tested natively.

use crate::domain::chart::{line_chart, LineChart};
use crate::domain::chart::{stacked_bars, BarChart};
use crate::domain::customer_value::{self, CvField, CvForm, CvPreset, FieldKind, RESULT_KEYS};
use crate::domain::delivered_value::{
    self as dv, check_name, DeliveredValueResults, DvField, DvForm, HeskettField, OfferForm, MAX_OFFERS,
};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::math::{self, Step, Unit};
use crate::domain::customer_value::CustomerValueInputs;
use crate::domain::delivered_value::DeliveredValueInputs;
use crate::domain::satisfaction::{self, Instrument, SatisfactionInputs, SgForm, SurveyError, Verdict, MAX_CUSTOM_ITEMS};
use crate::domain::document::{self, Document, ImportError};
use crate::domain::query;
use crate::domain::state;
use crate::domain::whatif::{self, GoalSeek, SensitivityRow, Summary, Triangular, WhatIf};
use serde_json::{Map, Value};
use crate::domain::{Calculator, Currency};

/// The whole state of the application.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Interface language.
    pub lang: Lang,
    /// The calculator shown.
    pub calc: Calculator,
    /// The currency chosen by the user or the URL; `None` follows the language.
    pub currency_choice: Option<Currency>,
    /// The customer value form.
    pub cv: CvForm,
    /// The delivered value form.
    pub dv: DvForm,
    /// The satisfaction gap form.
    pub sg: SgForm,
    /// Why the last survey CSV was refused (empty when it was not).
    pub survey_errors: Vec<SurveyError>,
    /// A message for the user about something the app refused or repaired.
    pub notice: Option<Notice>,
    /// Why the last import was refused (empty when it was not).
    pub import_errors: Vec<ImportError>,
    /// Embedding settings from the URL.
    pub embed: Embed,
    /// The URL carried inputs (so autosaved ones are not restored).
    pub url_has_inputs: bool,
    /// Customer value scenarios (name, inputs) kept from an imported document.
    pub cv_scenarios: Vec<(String, CustomerValueInputs)>,
    /// Delivered value scenarios kept from an imported document.
    pub dv_scenarios: Vec<(String, DeliveredValueInputs)>,
    /// Satisfaction gap scenarios kept from an imported document.
    pub sg_scenarios: Vec<(String, SatisfactionInputs)>,
    /// What-if settings and summaries per calculator (index: tab order).
    pub analysis: [Option<Map<String, Value>>; 3],
    /// The last sensitivity run of the calculator shown.
    pub sensitivity: Option<SensitivityRun>,
    /// The last goal seek of the calculator shown.
    pub goal: Option<GoalSeek>,
    /// The last Monte Carlo run (customer value).
    pub monte_carlo: Option<McRun>,
}

/// A sensitivity run: the output studied, ±p, and the tornado rows.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRun {
    /// Output key.
    pub output: String,
    /// Variation as a fraction (0.1 = ±10%).
    pub p: f64,
    /// Rows, largest swing first.
    pub rows: Vec<SensitivityRow>,
    /// The output at the current inputs.
    pub base: Option<f64>,
}

/// A finished Monte Carlo run.
#[derive(Clone, Debug, PartialEq)]
pub struct McRun {
    /// Output key.
    pub output: String,
    /// Seed.
    pub seed: u64,
    /// Draws.
    pub draws: usize,
    /// Ranges per input key.
    pub ranges: Vec<(String, Triangular)>,
    /// Mean and percentiles.
    pub summary: Summary,
    /// Histogram `(lower edge, count)`.
    pub histogram: Vec<(f64, usize)>,
}

fn calc_index(c: Calculator) -> usize {
    match c {
        Calculator::CustomerValue => 0,
        Calculator::DeliveredValue => 1,
        Calculator::SatisfactionGap => 2,
    }
}

/// How a teacher's page embeds the app (`embed`, `tabs`, `lock`, `hide`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Embed {
    /// Compact: no header or language bar, no outer margin.
    pub compact: bool,
    /// Calculators offered (empty: all).
    pub tabs: Vec<Calculator>,
    /// Input keys shown read-only.
    pub lock: Vec<String>,
    /// Input keys not shown.
    pub hide: Vec<String>,
}

impl Embed {
    /// Whether a calculator's tab is offered.
    pub fn offers(&self, c: Calculator) -> bool {
        self.tabs.is_empty() || self.tabs.contains(&c)
    }
    /// Whether an input key is locked.
    pub fn locked(&self, key: &str) -> bool {
        self.lock.iter().any(|k| k == key)
    }
    /// Whether an input key is hidden.
    pub fn hidden(&self, key: &str) -> bool {
        self.hide.iter().any(|k| k == key)
    }
}

fn list(raw: Option<&str>) -> Vec<String> {
    raw.map(|r| r.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

/// The localStorage key under which a calculator's inputs are autosaved.
pub fn storage_key(c: Calculator) -> String {
    format!("customer-value-calculator:v1:{}", c.as_str())
}

/// Something the user should be told once (shown until dismissed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// An 11th offer was refused.
    TooManyOffers,
    /// Removing the only offer was refused.
    LastOffer,
    /// The link's `state` parameter could not be read; defaults are shown.
    BadState,
    /// Autosaved inputs were unreadable and have been discarded.
    BadSaved,
    /// Autosaved inputs from the last visit were restored.
    Restored,
    /// A document was imported.
    Imported,
    /// Inputs were reset to the defaults.
    Reset,
    /// The JSON was copied to the clipboard.
    Copied,
    /// The share link was copied to the clipboard.
    LinkCopied,
    /// The clipboard was unavailable: the link is shown for copying by hand.
    CopyByHand,
    /// Export needs valid inputs.
    ExportInvalid,
    /// A ninth scenario was refused.
    TooManyScenarios,
    /// A scenario needs a name of 1 to 60 characters.
    ScenarioName,
}

impl Notice {
    /// The message.
    pub fn msg(self) -> Msg {
        match self {
            Notice::TooManyOffers => Msg::NoticeTooManyOffers,
            Notice::LastOffer => Msg::NoticeLastOffer,
            Notice::BadState => Msg::NoticeBadState,
            Notice::BadSaved => Msg::NoticeBadSaved,
            Notice::Restored => Msg::NoticeRestored,
            Notice::Imported => Msg::NoticeImported,
            Notice::Reset => Msg::NoticeReset,
            Notice::Copied => Msg::NoticeCopied,
            Notice::LinkCopied => Msg::NoticeLinkCopied,
            Notice::CopyByHand => Msg::NoticeCopyByHand,
            Notice::ExportInvalid => Msg::NoticeExportInvalid,
            Notice::TooManyScenarios => Msg::NoticeTooManyScenarios,
            Notice::ScenarioName => Msg::NoticeScenarioName,
        }
    }
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch the calculator tab.
    SetCalc(Calculator),
    /// Choose the currency label.
    SetCurrency(Currency),
    /// Type into a customer value field.
    EditCv(CvField, String),
    /// Fill the customer value form from a preset.
    ApplyCvPreset(CvPreset),
    /// Switch the retention model on (with a starting rate) or off.
    SetRetention(bool),
    /// Type into an offer's component.
    EditOffer(usize, DvField, String),
    /// Rename an offer.
    RenameOffer(usize, String),
    /// Add a blank competitor (refused with a notice at 10 offers).
    AddOffer,
    /// Copy an offer to the end (refused with a notice at 10 offers).
    DuplicateOffer(usize),
    /// Remove an offer (refused with a notice for the only one).
    RemoveOffer(usize),
    /// Switch an offer's Heskett section on or off.
    SetHeskett(usize, bool),
    /// Type into an offer's Heskett input.
    EditHeskett(usize, HeskettField, String),
    /// Fill the delivered value comparison from the class preset.
    ApplyDvPreset,
    /// Hide the notice.
    DismissNotice,
    /// Show a notice (the outcome of a browser effect such as copying).
    Notify(Notice),
    /// Import a JSON document: all of it, or nothing with every error listed.
    ImportText(String),
    /// An import refused before parsing (a file over 5 MB, unreadable bytes).
    ImportFailed(Vec<ImportError>),
    /// Put the current calculator's inputs back to their defaults.
    Reset,
    /// Restore autosaved inputs: `(calculator, stored text)` pairs.
    RestoreSaved(Vec<(Calculator, String)>),
    /// Choose the questionnaire (fresh items, same scale and tolerance).
    SetInstrument(Instrument),
    /// Type a scale bound or the tolerance.
    EditSgSetting(SgSetting, String),
    /// Type an item's expectation (`true`) or perception (`false`).
    EditRating(usize, bool, String),
    /// Rename a custom attribute.
    EditItemLabel(usize, String),
    /// Set a custom attribute's dimension (empty: its own).
    EditItemDimension(usize, String),
    /// Add a custom attribute (at most 50).
    AddAttribute,
    /// Remove a custom attribute (at least 1 stays).
    RemoveAttribute(usize),
    /// Switch dimension weights on or off.
    SetWeights(bool),
    /// Type a dimension's weight.
    EditWeight(String, String),
    /// Fill the form from a preset.
    ApplySgPreset(SgPreset),
    /// Import a survey CSV (all or nothing).
    ImportSurvey(Vec<u8>),
    /// Save the current (valid) inputs as a named scenario (at most 8).
    SaveScenario(String),
    /// Rename a scenario.
    RenameScenario(usize, String),
    /// Delete a scenario.
    DeleteScenario(usize),
    /// Load a scenario's inputs into the form.
    LoadScenario(usize),
    /// Vary every numeric input by ±p and rank the swings of an output.
    RunSensitivity(String, f64),
    /// Solve for an input that makes an output reach a target.
    RunGoalSeek(String, String, f64),
    /// Record a finished Monte Carlo run.
    SetMonteCarlo(McRun),
}

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

/// The retention rate the model starts with when switched on.
pub const DEFAULT_RETENTION_PERCENT: &str = "80";

impl Model {
    /// A model with defaults in `lang`.
    pub fn new(lang: Lang) -> Model {
        Model {
            lang,
            calc: Calculator::CustomerValue,
            currency_choice: None,
            cv: CvForm::default(),
            dv: DvForm::from_inputs(&dv::preset(lang)),
            sg: SgForm::from_inputs(&satisfaction::preset_custom(lang)),
            survey_errors: Vec::new(),
            notice: None,
            import_errors: Vec::new(),
            embed: Embed::default(),
            url_has_inputs: false,
            cv_scenarios: Vec::new(),
            dv_scenarios: Vec::new(),
            sg_scenarios: Vec::new(),
            analysis: [None, None, None],
            sensitivity: None,
            goal: None,
            monte_carlo: None,
        }
    }

    /// Builds the model from a URL query and the browser's preferred
    /// languages. Unknown or bad values fall back (calculator, language,
    /// currency) or stay visible with their error (inputs); nothing panics.
    pub fn from_query<S: AsRef<str>>(query_string: &str, preferred: &[S]) -> Model {
        let pairs = query::parse(query_string);
        let lang = Lang::negotiate(query::get(&pairs, "lang"), preferred);
        let mut m = Model::new(lang);
        if let Some(c) = query::get(&pairs, "calc").and_then(Calculator::parse) {
            m.calc = c;
        }
        m.embed = Embed {
            compact: query::get(&pairs, "embed").is_some_and(|v| v == "1" || v == "true"),
            tabs: list(query::get(&pairs, "tabs")).iter().filter_map(|t| Calculator::parse(t)).collect(),
            lock: list(query::get(&pairs, "lock")),
            hide: list(query::get(&pairs, "hide")),
        };
        if !m.embed.offers(m.calc) {
            m.calc = m.embed.tabs[0];
        }
        m.url_has_inputs = pairs.iter().any(|(k, _)| k == "state" || CvField::from_key(k).is_some());
        m.currency_choice = query::get(&pairs, "currency").and_then(Currency::parse);
        // `state` carries the whole inputs object of the calculator shown;
        // scalar parameters override it.
        let mut scalars = Vec::new();
        if let Some(raw) = query::get(&pairs, "state") {
            let decoded = state::decode(raw);
            if let Some(list) = decoded.as_ref().and_then(|v| v.get("scenarios")).and_then(Value::as_array) {
                m.read_scenarios(list);
            }
            let ok = match (m.calc, decoded) {
                (Calculator::DeliveredValue, Some(v)) => state::dv_from_value(&v).map(|f| m.dv = f).is_some(),
                (Calculator::CustomerValue, Some(v)) if v.is_object() => {
                    scalars = state::scalar_pairs(&v);
                    true
                }
                (Calculator::SatisfactionGap, Some(v)) => state::sg_from_value(&v).map(|f| m.sg = f).is_some(),
                _ => false,
            };
            if !ok {
                m.notice = Some(Notice::BadState);
            }
        }
        scalars.extend(pairs.iter().cloned());
        let pairs = scalars;
        for &f in CvField::ALL {
            match query::get(&pairs, f.key()) {
                Some(raw) => m.cv.set_from_url(f, raw),
                // A nullable input is null when absent.
                None if matches!(f.kind(), FieldKind::NullableNumber(_)) => m.cv.set(f, ""),
                None => {}
            }
        }
        m
    }

    /// The query string that reproduces this view (without `?`). Valid
    /// inputs are written as JSON values (rates as fractions); an invalid
    /// one is written as typed, so the link shows the same error.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("calc", self.calc.as_str().to_string()),
            ("lang", self.lang.tag().to_string()),
        ];
        if let Some(c) = self.currency_choice {
            pairs.push(("currency", c.code().to_string()));
        }
        if self.calc == Calculator::CustomerValue {
            for &f in CvField::ALL {
                let text = self.cv.text(f);
                match self.cv.url_value(f) {
                    Some(v) => pairs.push((f.key(), v)),
                    None if text.trim().is_empty() && matches!(f.kind(), FieldKind::NullableNumber(_)) => {}
                    None => pairs.push((f.key(), text.to_string())),
                }
            }
        }
        // `state`: the inputs object (lists), plus the scenarios when there are any.
        let scenarios = self.scenarios_value();
        let state_value = match self.calc {
            Calculator::CustomerValue => scenarios.map(|s| {
                let mut v = state::cv_to_value(&self.cv);
                v["scenarios"] = s;
                v
            }),
            Calculator::DeliveredValue => {
                let mut v = state::dv_to_value(&self.dv);
                if let Some(s) = scenarios {
                    v["scenarios"] = s;
                }
                Some(v)
            }
            Calculator::SatisfactionGap => {
                let mut v = state::sg_to_value(&self.sg);
                if let Some(s) = scenarios {
                    v["scenarios"] = s;
                }
                Some(v)
            }
        };
        if let Some(v) = state_value {
            pairs.push(("state", state::encode(&v)));
        }
        let e = &self.embed;
        if e.compact {
            pairs.push(("embed", "1".into()));
        }
        for (key, items) in [
            ("tabs", e.tabs.iter().map(|c| c.as_str().to_string()).collect::<Vec<_>>()),
            ("lock", e.lock.clone()),
            ("hide", e.hide.clone()),
        ] {
            if !items.is_empty() {
                pairs.push((key, items.join(",")));
            }
        }
        query::encode(&pairs)
    }

    /// The currency in effect.
    pub fn currency(&self) -> Currency {
        self.currency_choice.unwrap_or_else(|| Currency::default_for(self.lang))
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::SetCalc(c) => {
                if c != self.calc {
                    self.sensitivity = None;
                    self.goal = None;
                }
                self.calc = c;
            }
            Action::SetCurrency(c) => self.currency_choice = Some(c),
            Action::EditCv(f, text) => self.cv.set(f, text),
            Action::ApplyCvPreset(p) => self.cv = CvForm::from_inputs(&p.inputs()),
            Action::SetRetention(on) => {
                let text = if on { DEFAULT_RETENTION_PERCENT } else { "" };
                self.cv.set(CvField::RetentionRate, text);
            }
            Action::EditOffer(i, f, text) => {
                if let Some(o) = self.dv.offers.get_mut(i) {
                    o.amounts[f as usize] = text;
                }
            }
            Action::RenameOffer(i, text) => {
                if let Some(o) = self.dv.offers.get_mut(i) {
                    o.name = text;
                }
            }
            Action::AddOffer => self.push_offer(None),
            Action::DuplicateOffer(i) => self.push_offer(Some(i)),
            Action::RemoveOffer(i) => {
                if self.dv.offers.len() <= 1 {
                    self.notice = Some(Notice::LastOffer);
                } else if i < self.dv.offers.len() {
                    self.dv.offers.remove(i);
                    self.notice = None;
                }
            }
            Action::SetHeskett(i, on) => {
                if let Some(o) = self.dv.offers.get_mut(i) {
                    o.heskett = if on { Some(std::array::from_fn(|_| "0".to_string())) } else { None };
                }
            }
            Action::EditHeskett(i, f, text) => {
                if let Some(h) = self.dv.offers.get_mut(i).and_then(|o| o.heskett.as_mut()) {
                    h[f as usize] = text;
                }
            }
            Action::ApplyDvPreset => self.dv = DvForm::from_inputs(&dv::preset(self.lang)),
            Action::DismissNotice => {
                self.notice = None;
                self.import_errors.clear();
            }
            Action::Notify(n) => self.notice = Some(n),
            Action::ImportText(text) => match document::import(&text) {
                Ok(doc) => {
                    self.load_document(doc);
                    self.import_errors.clear();
                    self.notice = Some(Notice::Imported);
                }
                Err(errors) => {
                    self.import_errors = errors;
                    self.notice = None;
                }
            },
            Action::ImportFailed(errors) => {
                self.import_errors = errors;
                self.notice = None;
            }
            Action::Reset => {
                match self.calc {
                    Calculator::CustomerValue => self.cv = CvForm::default(),
                    Calculator::DeliveredValue => self.dv = DvForm::from_inputs(&dv::preset(self.lang)),
                    Calculator::SatisfactionGap => {
                        self.sg = SgForm::from_inputs(&satisfaction::preset_custom(self.lang));
                        self.survey_errors.clear();
                    }
                }
                self.notice = Some(Notice::Reset);
            }
            Action::RestoreSaved(entries) => {
                let mut restored = false;
                let mut bad = false;
                for (calc, text) in entries {
                    let value: Option<Value> = serde_json::from_str(&text).ok();
                    let ok = match (calc, value) {
                        (Calculator::CustomerValue, Some(v)) => state::cv_from_value(&v).map(|f| self.cv = f).is_some(),
                        (Calculator::DeliveredValue, Some(v)) => state::dv_from_value(&v).map(|f| self.dv = f).is_some(),
                        (Calculator::SatisfactionGap, Some(v)) => state::sg_from_value(&v).map(|f| self.sg = f).is_some(),
                        _ => false,
                    };
                    restored |= ok;
                    bad |= !ok;
                }
                self.notice = if bad { Some(Notice::BadSaved) } else if restored { Some(Notice::Restored) } else { self.notice };
            }
            Action::SetInstrument(i) => {
                let old = std::mem::replace(&mut self.sg, SgForm::new(i, self.lang));
                self.sg.scale_min = old.scale_min;
                self.sg.scale_max = old.scale_max;
                self.sg.tolerance = old.tolerance;
                let mid = self.sg.scale().map(|(lo, hi)| crate::domain::number::plain(((lo + hi) / 2.0).round()));
                if let Some(mid) = mid {
                    for it in &mut self.sg.items {
                        it.expected = mid.clone();
                        it.perceived = mid.clone();
                    }
                }
                self.survey_errors.clear();
            }
            Action::EditSgSetting(which, text) => {
                match which {
                    SgSetting::ScaleMin => self.sg.scale_min = text,
                    SgSetting::ScaleMax => self.sg.scale_max = text,
                    SgSetting::Tolerance => self.sg.tolerance = text,
                }
                if which != SgSetting::Tolerance {
                    self.sg.survey = None;
                }
            }
            Action::EditRating(i, expected, text) => {
                if let Some(it) = self.sg.items.get_mut(i) {
                    if expected {
                        it.expected = text;
                    } else {
                        it.perceived = text;
                    }
                    self.sg.survey = None;
                }
            }
            Action::EditItemLabel(i, text) => {
                if let Some(it) = self.sg.items.get_mut(i) {
                    it.label = text;
                }
            }
            Action::EditItemDimension(i, text) => {
                if self.sg.instrument == Instrument::Custom {
                    if let Some(it) = self.sg.items.get_mut(i) {
                        it.dimension = text;
                    }
                    self.sg.sync_weights();
                }
            }
            Action::AddAttribute => {
                if self.sg.instrument == Instrument::Custom && self.sg.items.len() < MAX_CUSTOM_ITEMS {
                    let n = (1..).find(|n| !self.sg.items.iter().any(|it| it.id == format!("a{n}"))).unwrap_or(0);
                    let mid = self.sg.scale().map(|(lo, hi)| crate::domain::number::plain(((lo + hi) / 2.0).round())).unwrap_or_default();
                    self.sg.items.push(satisfaction::ItemForm {
                        id: format!("a{n}"),
                        label: Msg::SgNewAttribute.text(self.lang).replace("{n}", &self.sg.items.len().saturating_add(1).to_string()),
                        dimension: String::new(),
                        expected: mid.clone(),
                        perceived: mid,
                    });
                    self.sg.sync_weights();
                    self.sg.survey = None;
                }
            }
            Action::RemoveAttribute(i) => {
                if self.sg.instrument == Instrument::Custom && self.sg.items.len() > 1 && i < self.sg.items.len() {
                    self.sg.items.remove(i);
                    self.sg.sync_weights();
                    self.sg.survey = None;
                }
            }
            Action::SetWeights(on) => {
                self.sg.weights = if on { Some(Vec::new()) } else { None };
                self.sg.sync_weights();
            }
            Action::EditWeight(dim, text) => {
                if let Some(w) = self.sg.weights.as_mut().and_then(|w| w.iter_mut().find(|(d, _)| *d == dim)) {
                    w.1 = text;
                }
            }
            Action::ApplySgPreset(p) => {
                self.sg = SgForm::from_inputs(&match p {
                    SgPreset::Custom => satisfaction::preset_custom(self.lang),
                    SgPreset::Servqual => satisfaction::preset_servqual(),
                });
                self.survey_errors.clear();
            }
            Action::SaveScenario(name) => self.save_scenario(name),
            Action::RenameScenario(i, name) => match self.calc {
                Calculator::CustomerValue => rename(&mut self.cv_scenarios, i, name),
                Calculator::DeliveredValue => rename(&mut self.dv_scenarios, i, name),
                Calculator::SatisfactionGap => rename(&mut self.sg_scenarios, i, name),
            },
            Action::DeleteScenario(i) => match self.calc {
                Calculator::CustomerValue => remove_at(&mut self.cv_scenarios, i),
                Calculator::DeliveredValue => remove_at(&mut self.dv_scenarios, i),
                Calculator::SatisfactionGap => remove_at(&mut self.sg_scenarios, i),
            },
            Action::LoadScenario(i) => match self.calc {
                Calculator::CustomerValue => {
                    if let Some((_, s)) = self.cv_scenarios.get(i) {
                        self.cv = CvForm::from_inputs(s);
                    }
                }
                Calculator::DeliveredValue => {
                    if let Some((_, s)) = self.dv_scenarios.get(i) {
                        self.dv = DvForm::from_inputs(s);
                    }
                }
                Calculator::SatisfactionGap => {
                    if let Some((_, s)) = self.sg_scenarios.get(i) {
                        self.sg = SgForm::from_inputs(s);
                    }
                }
            },
            Action::RunSensitivity(output, p) => {
                let run = match self.calc {
                    Calculator::CustomerValue => self.cv.values().complete().map(|i| (whatif::sensitivity(&i, &output, p), i.output(&output))),
                    Calculator::DeliveredValue => self.dv.inputs().map(|i| (whatif::sensitivity(&i, &output, p), i.output(&output))),
                    Calculator::SatisfactionGap => None,
                };
                match run {
                    Some((rows, base)) => {
                        let json = serde_json::json!({
                            "output": output, "p": p,
                            "rows": rows.iter().map(|r| serde_json::json!({"input": r.input, "low": r.low, "high": r.high, "swing": r.swing})).collect::<Vec<_>>(),
                        });
                        self.set_analysis("sensitivity", json);
                        self.sensitivity = Some(SensitivityRun { output, p, rows, base });
                    }
                    None => self.notice = Some(Notice::ExportInvalid),
                }
            }
            Action::RunGoalSeek(input, output, target) => {
                let g = match self.calc {
                    Calculator::CustomerValue => self.cv.values().complete().and_then(|i| whatif::goal_seek(&i, &input, &output, target)),
                    Calculator::DeliveredValue => self.dv.inputs().and_then(|i| whatif::goal_seek(&i, &input, &output, target)),
                    Calculator::SatisfactionGap => None,
                };
                match g {
                    Some(g) => {
                        self.set_analysis("goal_seek", serde_json::to_value(&g).unwrap_or(Value::Null));
                        self.goal = Some(g);
                    }
                    None => self.notice = Some(Notice::ExportInvalid),
                }
            }
            Action::SetMonteCarlo(run) => {
                let ranges: Map<String, Value> = run
                    .ranges
                    .iter()
                    .map(|(k, t)| (k.clone(), serde_json::json!({"min": t.min, "mode": t.mode, "max": t.max})))
                    .collect();
                let json = serde_json::json!({
                    "output": run.output, "seed": run.seed, "draws": run.draws, "ranges": ranges,
                    "summary": {"mean": run.summary.mean, "p5": run.summary.p5, "p50": run.summary.p50, "p95": run.summary.p95},
                });
                self.set_analysis("monte_carlo", json);
                self.monte_carlo = Some(run);
            }
            Action::ImportSurvey(bytes) => {
                let items: Vec<(String, String)> = self
                    .sg
                    .items
                    .iter()
                    .map(|it| {
                        let d = if it.dimension.trim().is_empty() { it.id.clone() } else { it.dimension.trim().to_string() };
                        (it.id.clone(), d)
                    })
                    .collect();
                let scale = self.sg.scale().unwrap_or((f64::MIN, f64::MAX));
                match satisfaction::parse_survey(&bytes, self.sg.instrument, &items, scale) {
                    Ok(survey) => {
                        for (k, it) in self.sg.items.iter_mut().enumerate() {
                            it.expected = crate::domain::number::plain(survey.expected[k]);
                            it.perceived = crate::domain::number::plain(survey.perceived[k]);
                        }
                        self.sg.survey = Some(survey.summary);
                        self.survey_errors.clear();
                    }
                    Err(errors) => self.survey_errors = errors,
                }
            }
        }
    }

    /// The scenarios of the calculator shown as `[{name, inputs}]`, if any.
    fn scenarios_value(&self) -> Option<Value> {
        let list: Vec<Value> = match self.calc {
            Calculator::CustomerValue => self
                .cv_scenarios
                .iter()
                .map(|(n, i)| serde_json::json!({"name": n, "inputs": state::cv_to_value(&CvForm::from_inputs(i))}))
                .collect(),
            Calculator::DeliveredValue => self
                .dv_scenarios
                .iter()
                .map(|(n, i)| serde_json::json!({"name": n, "inputs": state::dv_to_value(&DvForm::from_inputs(i))}))
                .collect(),
            Calculator::SatisfactionGap => self
                .sg_scenarios
                .iter()
                .map(|(n, i)| serde_json::json!({"name": n, "inputs": state::sg_to_value(&SgForm::from_inputs(i))}))
                .collect(),
        };
        (!list.is_empty()).then_some(Value::Array(list))
    }

    /// Reads `[{name, inputs}]` scenarios for the calculator shown; invalid ones are skipped.
    fn read_scenarios(&mut self, list: &[Value]) {
        for s in list.iter().take(document::MAX_SCENARIOS) {
            let Some(name) = s.get("name").and_then(Value::as_str) else { continue };
            let Some(inputs) = s.get("inputs") else { continue };
            let name = name.to_string();
            match self.calc {
                Calculator::CustomerValue => {
                    if let Some(i) = state::cv_from_value(inputs).and_then(|f| f.values().complete()) {
                        self.cv_scenarios.push((name, i));
                    }
                }
                Calculator::DeliveredValue => {
                    if let Some(i) = state::dv_from_value(inputs).and_then(|f| f.inputs()) {
                        self.dv_scenarios.push((name, i));
                    }
                }
                Calculator::SatisfactionGap => {
                    if let Some(i) = state::sg_from_value(inputs).and_then(|f| f.inputs()) {
                        self.sg_scenarios.push((name, i));
                    }
                }
            }
        }
    }

    fn set_analysis(&mut self, key: &str, value: Value) {
        self.analysis[calc_index(self.calc)].get_or_insert_with(Map::new).insert(key.into(), value);
    }

    fn save_scenario(&mut self, name: String) {
        let name = name.trim().to_string();
        if dv::check_name(&name).is_err() {
            self.notice = Some(Notice::ScenarioName);
            return;
        }
        let count = match self.calc {
            Calculator::CustomerValue => self.cv_scenarios.len(),
            Calculator::DeliveredValue => self.dv_scenarios.len(),
            Calculator::SatisfactionGap => self.sg_scenarios.len(),
        };
        if count >= document::MAX_SCENARIOS {
            self.notice = Some(Notice::TooManyScenarios);
            return;
        }
        let saved = match self.calc {
            Calculator::CustomerValue => self.cv.values().complete().map(|i| self.cv_scenarios.push((name, i))),
            Calculator::DeliveredValue => self.dv.inputs().map(|i| self.dv_scenarios.push((name, i))),
            Calculator::SatisfactionGap => self.sg.inputs().map(|i| self.sg_scenarios.push((name, i))),
        };
        self.notice = if saved.is_some() { None } else { Some(Notice::ExportInvalid) };
    }

    /// Replaces the state with an imported document's calculator, currency,
    /// inputs, scenarios and analysis.
    fn load_document(&mut self, doc: Document) {
        self.calc = doc.calculator();
        if let Some(c) = doc.currency() {
            self.currency_choice = Some(c);
        }
        match doc {
            Document::CustomerValue(b) => {
                self.cv = CvForm::from_inputs(&b.inputs);
                self.cv_scenarios = b.scenarios.into_iter().map(|s| (s.name, s.inputs)).collect();
                self.analysis[0] = b.analysis;
            }
            Document::DeliveredValue(b) => {
                self.dv = DvForm::from_inputs(&b.inputs);
                self.dv_scenarios = b.scenarios.into_iter().map(|s| (s.name, s.inputs)).collect();
                self.analysis[1] = b.analysis;
            }
            Document::SatisfactionGap(b) => {
                self.sg = SgForm::from_inputs(&b.inputs);
                self.sg_scenarios = b.scenarios.into_iter().map(|s| (s.name, s.inputs)).collect();
                self.analysis[2] = b.analysis;
            }
        }
    }

    /// The JSON document of the calculator shown, with fresh results; `None`
    /// while an input is invalid or for a calculator without documents yet.
    pub fn export_document(&self) -> Option<Document> {
        let mut doc = match self.calc {
            Calculator::CustomerValue => {
                Document::customer_value(self.cv.values().complete()?, self.currency(), self.cv_scenarios.clone())
            }
            Calculator::DeliveredValue => {
                Document::delivered_value(self.dv.inputs()?, self.currency(), self.dv_scenarios.clone())
            }
            Calculator::SatisfactionGap => {
                let mut d = Document::satisfaction_gap(self.sg.inputs()?, self.currency(), self.sg_scenarios.clone());
                if let Document::SatisfactionGap(b) = &mut d {
                    b.results.survey = self.sg.survey.clone();
                }
                d
            }
        };
        let analysis = self.analysis[calc_index(self.calc)].clone();
        match &mut doc {
            Document::CustomerValue(b) => b.analysis = analysis,
            Document::DeliveredValue(b) => b.analysis = analysis,
            Document::SatisfactionGap(b) => b.analysis = analysis,
        }
        Some(doc)
    }

    /// What to autosave for one calculator: `(storage key, text)`.
    pub fn autosave_entry(&self, c: Calculator) -> (String, String) {
        let value = match c {
            Calculator::CustomerValue => state::cv_to_value(&self.cv),
            Calculator::DeliveredValue => state::dv_to_value(&self.dv),
            Calculator::SatisfactionGap => state::sg_to_value(&self.sg),
        };
        (storage_key(c), value.to_string())
    }

    /// What to autosave for every calculator.
    pub fn autosave_entries(&self) -> Vec<(String, String)> {
        Calculator::ALL.iter().map(|c| self.autosave_entry(*c)).collect()
    }

    fn push_offer(&mut self, copy_of: Option<usize>) {
        if self.dv.offers.len() >= MAX_OFFERS {
            self.notice = Some(Notice::TooManyOffers);
            return;
        }
        let new = match copy_of.and_then(|i| self.dv.offers.get(i)) {
            Some(o) => {
                let mut c = o.clone();
                let suffix = Msg::DvCopySuffix.text(self.lang);
                let base: String = c.name.trim().chars().take(dv::MAX_NAME_CHARS - suffix.chars().count()).collect();
                c.name = format!("{base}{suffix}");
                c
            }
            None => OfferForm::from_offer(&dv::blank_offer(self.lang, self.dv.offers.len() + 1)),
        };
        self.dv.offers.push(new);
        self.notice = None;
    }

    /// The display-ready view of the delivered value calculator.
    pub fn dv_view(&self) -> DvView {
        DvView::build(&self.dv, self.lang)
    }

    /// The display-ready view of the customer value calculator.
    pub fn cv_view(&self) -> CvView {
        CvView::build(&self.cv, self.lang)
    }
}

/// The groups of the customer value form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvGroup {
    /// Spend, frequency, life, margin.
    Purchase,
    /// Tell counts, retellings, conversion, flags.
    WordOfMouth,
    /// Retention rate, discount, horizon, timing, acquisition cost.
    Retention,
}

/// One input field, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldView {
    /// The field.
    pub field: CvField,
    /// Its group.
    pub group: CvGroup,
    /// The text shown in the control.
    pub text: String,
    /// The translated error message, if the text is invalid.
    pub error: Option<String>,
    /// Percent fields show a `%` after the control.
    pub percent: bool,
    /// Money fields show the currency after the control.
    pub money: bool,
}

/// One result, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    /// Public key (`result-<key>`).
    pub key: &'static str,
    /// Label.
    pub label: Msg,
    /// The unrounded value (`None`: dash).
    pub value: Option<f64>,
    /// How to format it.
    pub unit: Unit,
    /// Part of the retention model.
    pub retention: bool,
}

/// The customer value calculator, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct CvView {
    /// Fields in form order.
    pub fields: Vec<FieldView>,
    /// Whether the retention model is on (or its rate is being typed).
    pub retention_on: bool,
    /// Results in display order (retention results only when the model is on).
    pub results: Vec<ResultView>,
    /// "Show the math" steps.
    pub steps: Vec<Step>,
    /// The cumulative value chart; `None` while the values it needs are invalid.
    pub chart: Option<LineChart>,
    /// Whether the chart has the retention series.
    pub chart_has_retention: bool,
    /// Any field invalid.
    pub has_errors: bool,
}

impl CvView {
    fn build(form: &CvForm, lang: Lang) -> CvView {
        let values = form.values();
        let results = customer_value::compute(&values);
        let retention_on = !form.text(CvField::RetentionRate).trim().is_empty();
        let fields: Vec<FieldView> = CvField::ALL
            .iter()
            .map(|&f| {
                let percent = matches!(f.kind(), FieldKind::Number(s) | FieldKind::NullableNumber(s) if s.percent);
                let group = group_of(f);
                FieldView {
                    field: f,
                    group,
                    text: form.text(f).to_string(),
                    error: form.error(f).map(|e| e.message(lang)),
                    percent,
                    money: f.is_money(),
                }
            })
            .collect();
        let result_views = RESULT_KEYS
            .iter()
            .filter_map(|&(key, label)| {
                let retention = matches!(
                    key,
                    "retention_clv" | "retention_clv_perpetuity" | "net_clv" | "expected_lifetime_years"
                );
                if retention && !retention_on {
                    return None;
                }
                let unit = match key {
                    "purchases_per_year" | "referral_customers_gained" | "referral_customers_lost" => Unit::Count,
                    "expected_lifetime_years" => Unit::Years,
                    _ => Unit::Money,
                };
                Some(ResultView { key, label, value: results.get(key).flatten(), unit, retention })
            })
            .collect();
        let series = customer_value::cumulative_by_year(&values);
        let chart_has_retention = series.iter().any(|p| p.2.is_some());
        let chart = if series.is_empty() {
            None
        } else {
            let simple: Vec<(f64, f64)> = series.iter().map(|p| (p.0, p.1)).collect();
            let mut all = vec![simple];
            if chart_has_retention {
                all.push(series.iter().filter_map(|p| p.2.map(|r| (p.0, r))).collect());
            }
            Some(line_chart(&all, 640.0, 260.0))
        };
        CvView {
            has_errors: fields.iter().any(|f| f.error.is_some()),
            fields,
            retention_on,
            results: result_views,
            steps: math::customer_value_steps(&values, &results),
            chart,
            chart_has_retention,
        }
    }

    /// The fields of one group.
    pub fn group(&self, g: CvGroup) -> impl Iterator<Item = &FieldView> {
        self.fields.iter().filter(move |f| f.group == g)
    }

    /// A result by key.
    pub fn result(&self, key: &str) -> Option<f64> {
        self.results.iter().find(|r| r.key == key).and_then(|r| r.value)
    }
}

fn group_of(f: CvField) -> CvGroup {
    use CvField as F;
    match f {
        F::SpendPerPurchase | F::PurchasesPerPeriod | F::Period | F::WeeksPerYear | F::LifetimeYears | F::MarginRate => {
            CvGroup::Purchase
        }
        _ if f.is_retention() => CvGroup::Retention,
        _ => CvGroup::WordOfMouth,
    }
}

/// One offer's input, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferInputView {
    /// The component.
    pub field: DvField,
    /// Its text.
    pub text: String,
    /// Its translated error.
    pub error: Option<String>,
}

/// One Heskett input, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct HeskettInputView {
    /// The input.
    pub field: HeskettField,
    /// Its text.
    pub text: String,
    /// Its translated error.
    pub error: Option<String>,
}

/// One offer's results; totals appear as soon as the offer is valid, the
/// rank only when every offer is.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferResultView {
    /// Total customer value.
    pub total_customer_value: Option<f64>,
    /// Total customer cost.
    pub total_customer_cost: Option<f64>,
    /// Delivered value.
    pub delivered_value: Option<f64>,
    /// Value / cost.
    pub value_cost_ratio: Option<f64>,
    /// Heskett's ratio.
    pub heskett_value: Option<f64>,
    /// Rank (1 = best).
    pub rank: Option<u32>,
    /// Ranked 1.
    pub best: bool,
}

/// One offer, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferView {
    /// Position (0 = ours).
    pub index: usize,
    /// Name text.
    pub name: String,
    /// Translated name error.
    pub name_error: Option<String>,
    /// The eight components.
    pub inputs: Vec<OfferInputView>,
    /// Heskett inputs when the section is on.
    pub heskett: Option<Vec<HeskettInputView>>,
    /// Results.
    pub result: OfferResultView,
    /// "Show the math" steps.
    pub steps: Vec<Step>,
}

/// The delivered value calculator, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct DvView {
    /// The offers, ours first.
    pub offers: Vec<OfferView>,
    /// Full results when every offer is valid.
    pub results: Option<DeliveredValueResults>,
    /// Whether another offer may be added.
    pub can_add: bool,
    /// Whether an offer may be removed.
    pub can_remove: bool,
    /// The stacked bar chart (valid offers only).
    pub chart: Option<BarChart>,
    /// Names of the charted offers, in chart order.
    pub chart_names: Vec<String>,
}

impl DvView {
    fn build(form: &DvForm, lang: Lang) -> DvView {
        let results = form.inputs().map(|i| dv::compute(&i));
        let mut chart_data = Vec::new();
        let mut chart_names = Vec::new();
        let offers: Vec<OfferView> = form
            .offers
            .iter()
            .enumerate()
            .map(|(index, o)| {
                let valid = o.offer();
                let single = valid.as_ref().map(|v| dv::compute(&dv::DeliveredValueInputs { offers: vec![v.clone()] }));
                let own = single.as_ref().map(|r| &r.offers[0]);
                let full = results.as_ref().map(|r| &r.offers[index]);
                if let Some(v) = &valid {
                    let get = |f: DvField| f.get(v);
                    chart_data.push((
                        [get(DvField::ProductValue), get(DvField::ServiceValue), get(DvField::PersonnelValue), get(DvField::ImageValue)],
                        [get(DvField::MonetaryCost), get(DvField::TimeCost), get(DvField::EnergyCost), get(DvField::PsychicCost)],
                    ));
                    chart_names.push(v.name.clone());
                }
                OfferView {
                    index,
                    name: o.name.clone(),
                    name_error: check_name(&o.name).err().map(|e| e.message(lang)),
                    inputs: DvField::ALL
                        .iter()
                        .map(|&f| OfferInputView { field: f, text: o.text(f).to_string(), error: o.error(f).map(|e| e.message(lang)) })
                        .collect(),
                    heskett: o.heskett.as_ref().map(|h| {
                        HeskettField::ALL
                            .iter()
                            .map(|&f| HeskettInputView {
                                field: f,
                                text: h[f as usize].clone(),
                                error: o.heskett_error(f).map(|e| e.message(lang)),
                            })
                            .collect()
                    }),
                    result: OfferResultView {
                        total_customer_value: own.map(|r| r.total_customer_value),
                        total_customer_cost: own.map(|r| r.total_customer_cost),
                        delivered_value: own.map(|r| r.delivered_value),
                        value_cost_ratio: own.and_then(|r| r.value_cost_ratio),
                        heskett_value: own.and_then(|r| r.heskett_value),
                        rank: full.map(|r| r.rank),
                        best: full.is_some_and(|r| r.rank == 1),
                    },
                    steps: math::delivered_value_steps(o),
                }
            })
            .collect();
        DvView {
            can_add: form.offers.len() < MAX_OFFERS,
            can_remove: form.offers.len() > 1,
            chart: if chart_data.is_empty() { None } else { Some(stacked_bars(&chart_data, 640.0, 280.0)) },
            chart_names,
            offers,
            results,
        }
    }
}


/// One rated item, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct SgItemView {
    /// Position.
    pub index: usize,
    /// Id.
    pub id: String,
    /// The wording shown (fixed instruments) or the attribute name (custom).
    pub label: String,
    /// The custom attribute's dimension text.
    pub dimension: String,
    /// The dimension's display name.
    pub dimension_name: String,
    /// Expectation text and its error.
    pub expected: (String, Option<String>),
    /// Perception text and its error.
    pub perceived: (String, Option<String>),
    /// perceived − expected, when both are valid.
    pub gap: Option<f64>,
    /// The verdict of the gap.
    pub verdict: Option<Verdict>,
}

/// One dimension, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct SgDimView {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Weight text and its error, when weights are on.
    pub weight: Option<(String, Option<String>)>,
}

/// The satisfaction gap calculator, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct SgView {
    /// Questionnaire.
    pub instrument: Instrument,
    /// Lowest rating text and error.
    pub scale_min: (String, Option<String>),
    /// Highest rating text and error.
    pub scale_max: (String, Option<String>),
    /// Tolerance text and error.
    pub tolerance: (String, Option<String>),
    /// Items.
    pub items: Vec<SgItemView>,
    /// Dimensions in order.
    pub dims: Vec<SgDimView>,
    /// Total of the valid weights, when weights are on.
    pub weight_total: Option<f64>,
    /// The weights are all zero.
    pub weights_zero: bool,
    /// Results, when every input is valid.
    pub results: Option<satisfaction::SatisfactionResults>,
    /// Gap chart.
    pub gap_chart: Option<crate::domain::chart::GapChart>,
    /// Importance–performance chart.
    pub ipa_chart: Option<crate::domain::chart::IpaChart>,
    /// Survey errors, translated.
    pub survey_errors: Vec<String>,
    /// Whether an attribute may be added / removed (custom only).
    pub can_add: bool,
    /// Whether an attribute may be removed.
    pub can_remove: bool,
    /// The blank CSV template.
    pub template: String,
}

impl SgView {
    fn build(m: &Model) -> SgView {
        let f = &m.sg;
        let lang = m.lang;
        let msg = |e: Option<crate::domain::number::InputError>| e.map(|e| e.message(lang));
        let (min_err, max_err) = f.scale_error();
        let max_err = max_err.map(|e| match e {
            satisfaction::ScaleError::Input(e) => e.message(lang),
            satisfaction::ScaleError::NotAboveMin => Msg::SgScaleAboveMin.text(lang).to_string(),
        });
        let custom = f.instrument == Instrument::Custom;
        let dim_name = |d: &str| -> String {
            if let Some(m) = satisfaction::dimension_label(d) {
                return m.text(lang).to_string();
            }
            // A custom item that is its own dimension is named by its label.
            f.items
                .iter()
                .find(|it| it.id == d && it.dimension.trim().is_empty() && !it.label.trim().is_empty())
                .map(|it| it.label.trim().to_string())
                .unwrap_or_else(|| d.to_string())
        };
        let tol = crate::domain::number::parse(&f.tolerance, &crate::domain::number::NumberSpec::non_negative()).ok();
        let items: Vec<SgItemView> = f
            .items
            .iter()
            .enumerate()
            .map(|(index, it)| {
                let e_err = f.rating_error(&it.expected);
                let p_err = f.rating_error(&it.perceived);
                let num = |t: &str| crate::domain::number::parse(t, &crate::domain::number::NumberSpec::range(-1e9, 1e9)).ok();
                let gap = match (&e_err, &p_err, f.scale()) {
                    (None, None, Some(_)) => num(&it.perceived).zip(num(&it.expected)).map(|(p, e)| p - e),
                    _ => None,
                };
                let d = if it.dimension.trim().is_empty() { it.id.clone() } else { it.dimension.trim().to_string() };
                SgItemView {
                    index,
                    id: it.id.clone(),
                    label: if custom {
                        it.label.clone()
                    } else {
                        satisfaction::item_label(f.instrument, &it.id).map(|m| m.text(lang).to_string()).unwrap_or_else(|| it.id.clone())
                    },
                    dimension: it.dimension.clone(),
                    dimension_name: dim_name(&d),
                    expected: (it.expected.clone(), msg(e_err)),
                    perceived: (it.perceived.clone(), msg(p_err)),
                    gap,
                    verdict: gap.zip(tol).map(|(g, t)| Verdict::of(g, t)),
                }
            })
            .collect();
        let dims: Vec<SgDimView> = f
            .dimensions()
            .into_iter()
            .map(|d| SgDimView {
                name: dim_name(&d),
                weight: f.weights.as_ref().map(|w| {
                    let text = w.iter().find(|(x, _)| *x == d).map(|(_, t)| t.clone()).unwrap_or_default();
                    let err = f.weight_error(&text).map(|e| e.message(lang));
                    (text, err)
                }),
                id: d,
            })
            .collect();
        let weight_total = f.weight_total();
        let results = f.inputs().map(|i| {
            let mut r = satisfaction::compute(&i);
            r.survey = f.survey.clone();
            r
        });
        let gap_chart = results.as_ref().map(|r| crate::domain::chart::gap_chart(&r.dimensions.iter().map(|d| d.gap).collect::<Vec<_>>(), 560.0));
        let ipa_chart = results.as_ref().map(|r| {
            let pts: Vec<(f64, f64)> = r.dimensions.iter().map(|d| (d.weight.unwrap_or(d.expected), d.perceived)).collect();
            crate::domain::chart::ipa_chart(&pts, 360.0)
        });
        let scale = f.scale().unwrap_or((1.0, 7.0));
        let ids: Vec<String> = f.items.iter().map(|it| it.id.clone()).collect();
        SgView {
            instrument: f.instrument,
            scale_min: (f.scale_min.clone(), msg(min_err)),
            scale_max: (f.scale_max.clone(), max_err),
            tolerance: (f.tolerance.clone(), msg(f.tolerance_error())),
            weights_zero: weight_total == Some(0.0),
            weight_total,
            results,
            gap_chart,
            ipa_chart,
            survey_errors: m.survey_errors.iter().map(|e| e.message(lang, scale)).collect(),
            can_add: custom && f.items.len() < MAX_CUSTOM_ITEMS,
            can_remove: custom && f.items.len() > 1,
            template: satisfaction::csv_template(f.instrument, &ids),
            items,
            dims,
        }
    }
}

impl Model {
    /// The display-ready view of the satisfaction gap calculator.
    pub fn sg_view(&self) -> SgView {
        SgView::build(self)
    }
}

fn rename<T>(list: &mut [(String, T)], i: usize, name: String) {
    if let Some(s) = list.get_mut(i) {
        s.0 = name;
    }
}

fn remove_at<T>(list: &mut Vec<(String, T)>, i: usize) {
    if i < list.len() {
        list.remove(i);
    }
}

/// The scenario comparison of the calculator shown: column names and rows.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioView {
    /// Scenario names (the baseline is the form).
    pub names: Vec<String>,
    /// Whether each name is valid.
    pub name_ok: Vec<bool>,
    /// Rows per output (empty while the form is invalid).
    pub rows: Vec<whatif::ComparisonRow>,
    /// Numeric inputs that the tools can vary `(key, label, current value)`.
    pub params: Vec<(&'static str, Msg, f64)>,
    /// Outputs the tools can study.
    pub outputs: Vec<(&'static str, Msg)>,
}

impl Model {
    /// The scenario comparison and tool choices for the calculator shown.
    pub fn scenario_view(&self) -> ScenarioView {
        fn build<M: WhatIf>(base: Option<M>, list: &[(String, M)]) -> ScenarioView {
            let names: Vec<String> = list.iter().map(|(n, _)| n.clone()).collect();
            let name_ok = names.iter().map(|n| dv::check_name(n).is_ok()).collect();
            match base {
                Some(b) => {
                    let scen: Vec<M> = list.iter().map(|(_, s)| s.clone()).collect();
                    ScenarioView {
                        rows: whatif::compare(&b, &scen),
                        params: b.params().iter().filter_map(|p| Some((p.key, p.label, b.get(p.key)?))).collect(),
                        outputs: b.outputs(),
                        names,
                        name_ok,
                    }
                }
                None => ScenarioView { names, name_ok, rows: Vec::new(), params: Vec::new(), outputs: Vec::new() },
            }
        }
        match self.calc {
            Calculator::CustomerValue => build(self.cv.values().complete(), &self.cv_scenarios),
            Calculator::DeliveredValue => build(self.dv.inputs(), &self.dv_scenarios),
            Calculator::SatisfactionGap => build(self.sg.inputs(), &self.sg_scenarios),
        }
    }
}
