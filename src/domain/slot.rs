//! One calculator's place in the application: its form, its scenarios, its
//! what-if settings and runs, and its `analysis` — and every generic
//! capability written once against [`Calc`]: URL scalars and `state`,
//! autosave, the JSON document, scenarios, sensitivity, goal seek and Monte
//! Carlo. [`AnySlot`] is the object-safe face the application model uses, so
//! shared code never asks which calculator it is.

use crate::domain::calc::{Calc, InputDecl, Outcome};
use crate::domain::document::{self, Body, Document, FormatName, Scenario, FORMAT_VERSION, MAX_SCENARIOS};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::math::Unit;
use crate::domain::name::check_name;
use crate::domain::whatif::tools::{Job, McRun, ToolAction, Tools};
use crate::domain::whatif::{self, ComparisonRow, Param, WhatIf};
use crate::domain::{Calculator, Currency};
use serde_json::{Map, Value};

/// A calculator's state: the form plus everything generic around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot<C: Calc> {
    /// What the user typed.
    pub form: C,
    /// Named copies of valid inputs.
    pub scenarios: Vec<(String, C::Inputs)>,
    /// What-if settings and runs.
    pub tools: Tools,
    /// The document's `analysis` object.
    pub analysis: Option<Map<String, Value>>,
    /// The typed inputs, parsed once per change, when first read: a page
    /// parses (and, for the retention curve, fits) only the calculators it
    /// reads, not all five at start-up.
    inputs: Parsed<C::Inputs>,
}

/// A value derived from the form, computed when first read.
#[derive(Clone, Debug)]
struct Parsed<T>(std::cell::OnceCell<Option<T>>);

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed(std::cell::OnceCell::new())
    }
}

/// Always equal: the value follows from the form, which the slot compares.
impl<T> PartialEq for Parsed<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<C: Calc> Slot<C> {
    /// A fresh slot in `lang`.
    pub fn new(lang: Lang) -> Slot<C> {
        Slot::with_form(C::fresh(lang))
    }

    fn with_form(form: C) -> Slot<C> {
        Slot { form, scenarios: Vec::new(), tools: Tools::default(), analysis: None, inputs: Parsed::default() }
    }

    /// The validated inputs, `None` while any is invalid.
    pub fn inputs(&self) -> Option<&C::Inputs> {
        self.inputs.0.get_or_init(|| self.form.inputs()).as_ref()
    }

    /// Replaces the form (and re-parses it once).
    pub fn set_form(&mut self, form: C) {
        self.form = form;
        self.inputs = Parsed::default();
    }

    /// Applies a calculator action to the form.
    pub fn apply(&mut self, action: C::Action, lang: Lang) -> Outcome {
        let out = self.form.update(action, lang);
        self.inputs = Parsed::default();
        out
    }

    fn set_analysis(&mut self, key: &str, value: Value) {
        self.analysis.get_or_insert_with(Map::new).insert(key.into(), value);
    }

    fn scenarios_value(&self) -> Option<Value> {
        let list: Vec<Value> =
            self.scenarios.iter().map(|(n, i)| serde_json::json!({"name": n, "inputs": C::from_inputs(i).to_value()})).collect();
        (!list.is_empty()).then_some(Value::Array(list))
    }

    fn read_scenarios(&mut self, list: &[Value], lang: Lang) {
        self.scenarios.clear();
        for s in list.iter().take(MAX_SCENARIOS) {
            let Some(name) = s.get("name").and_then(Value::as_str) else { continue };
            if check_name(name).is_err() {
                continue;
            }
            let Some(inputs) = s.get("inputs").and_then(|v| C::from_value(v, lang)).and_then(|f| f.inputs()) else {
                continue;
            };
            self.scenarios.push((name.trim().to_string(), inputs));
        }
    }
}

/// The scenario comparison and the what-if choices of one calculator.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioView {
    /// Scenario names (the baseline is the form).
    pub names: Vec<String>,
    /// Whether each name is valid.
    pub name_ok: Vec<bool>,
    /// Rows per output (empty while the form is invalid).
    pub rows: Vec<ComparisonRow>,
    /// Numeric inputs that the tools can vary, with their current values.
    pub params: Vec<(Param, f64)>,
    /// Outputs the tools can study.
    pub outputs: Vec<(&'static str, Msg)>,
    /// How each output is shown, also while the inputs are invalid (the
    /// tools' last runs stay on screen then).
    pub units: Vec<(&'static str, Unit)>,
    /// The output each tool studies (sensitivity, goal seek, Monte Carlo).
    pub chosen_outputs: [String; 3],
    /// The goal seek input.
    pub goal_input: String,
}

impl ScenarioView {
    /// How the output `key` is shown (money when it is not one of them).
    pub fn unit_of(&self, key: &str) -> Unit {
        self.units.iter().find(|u| u.0 == key).map_or(Unit::Money, |u| u.1)
    }
}

/// What the application model can do with any calculator's slot.
pub trait AnySlot {
    /// The registry identifier.
    fn calculator(&self) -> Calculator;
    /// The declared scalar inputs.
    fn decls(&self) -> &'static [InputDecl];
    /// A scalar input as typed.
    fn scalar_text(&self, key: &str) -> Option<String>;
    /// A scalar input's canonical value (URL and JSON form).
    fn scalar_value(&self, key: &str) -> Option<String>;
    /// Sets a scalar input from a URL or JSON value.
    fn set_scalar(&mut self, key: &str, raw: &str);
    /// Breaks the link of an input to another calculator (its value stays).
    fn unlink(&mut self, key: &str);
    /// Sets a scalar input as typed.
    fn edit_scalar(&mut self, key: &str, text: String, lang: Lang);
    /// The label of an option of a choice input.
    fn option_label(&self, key: &str, option: &str) -> Option<Msg>;
    /// The help text of a scalar input.
    fn help(&self, key: &str) -> Option<Msg>;
    /// Puts the form back to its defaults (scenarios and tools stay).
    fn reset(&mut self, lang: Lang);
    /// The `state` object: the inputs plus the scenarios when there are any.
    fn state_value(&self) -> Value;
    /// Reads a `state` object; `false` (and nothing changed) if it is not one.
    fn load_state(&mut self, v: &Value, lang: Lang) -> bool;
    /// The autosave text of the form.
    fn autosave_text(&self) -> String;
    /// Restores an autosaved form; `false` if unreadable.
    fn restore(&mut self, text: &str, lang: Lang) -> bool;
    /// The document with fresh results; `None` while an input is invalid.
    fn export(&self, currency: Currency) -> Option<Document>;
    /// Takes an imported document's inputs, scenarios and analysis.
    fn load_document(&mut self, doc: Document) -> bool;
    /// Whether the inputs are valid.
    fn valid(&self) -> bool;
    /// Saves the inputs as a named scenario.
    fn save_scenario(&mut self, name: &str) -> Result<(), Msg>;
    /// Renames a scenario.
    fn rename_scenario(&mut self, i: usize, name: String);
    /// Deletes a scenario.
    fn delete_scenario(&mut self, i: usize);
    /// Loads a scenario into the form.
    fn load_scenario(&mut self, i: usize);
    /// The what-if settings and runs.
    fn tools(&self) -> &Tools;
    /// Changes a what-if setting or runs sensitivity or goal seek.
    fn tool(&mut self, action: ToolAction) -> Result<(), Msg>;
    /// Builds a Monte Carlo job from the settings.
    fn monte_carlo_job(&mut self) -> Result<Box<dyn Job>, Msg>;
    /// Records a finished Monte Carlo run.
    fn set_monte_carlo(&mut self, run: McRun);
    /// Notes that the running Monte Carlo run was cancelled (its previous result stays).
    fn tools_cancelled(&mut self);
    /// The scenario comparison and tool choices.
    fn scenario_view(&self) -> ScenarioView;
    /// The Monte Carlo range rows `(key, label, row, error)` of the inputs.
    fn range_rows(&self) -> Vec<RangeRowView>;
    /// A job for the Web Worker the form waits for.
    fn worker_job(&mut self) -> Option<crate::domain::worker::WorkerJob>;
    /// The worker's answer to a job.
    fn worker_reply(&mut self, id: u64, reply: &crate::domain::worker::WorkerReply, lang: Lang) -> crate::domain::calc::Outcome;
    /// The running worker job was cancelled.
    fn worker_cancelled(&mut self);
}

/// One Monte Carlo range row, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeRowView {
    /// The input.
    pub param: Param,
    /// Rates are typed as percentages.
    pub percent: bool,
    /// The row as typed.
    pub row: whatif::tools::RangeText,
    /// The row's error, when it is on and invalid.
    pub error: Option<whatif::tools::RangeError>,
}

fn body<C: Calc>(form: &C, inputs: C::Inputs, currency: Currency, scenarios: &[(String, C::Inputs)]) -> Body<C::Inputs, C::Results> {
    Body {
        format: FormatName::CustomerValueCalculator,
        format_version: FORMAT_VERSION,
        app_version: crate::APP_VERSION.to_string(),
        currency: currency.code().to_string(),
        results: form.finish_results(C::compute(&inputs)),
        inputs,
        scenarios: scenarios.iter().map(|(name, i)| Scenario { name: name.clone(), results: C::compute(i), inputs: i.clone() }).collect(),
        analysis: None,
        links: None,
    }
}

impl<C: Calc> AnySlot for Slot<C>
where
    C::Inputs: 'static,
{
    fn calculator(&self) -> Calculator {
        C::ID
    }
    fn decls(&self) -> &'static [InputDecl] {
        C::scalar_inputs()
    }
    fn scalar_text(&self, key: &str) -> Option<String> {
        self.form.scalar_text(key)
    }
    fn scalar_value(&self, key: &str) -> Option<String> {
        self.form.scalar_value(key)
    }
    fn set_scalar(&mut self, key: &str, raw: &str) {
        self.form.set_scalar(key, raw);
        self.inputs = Parsed::default();
    }
    fn unlink(&mut self, key: &str) {
        if let Some(mut links) = self.form.links() {
            if links.remove(key).is_some() {
                self.form.set_links(Some(links).filter(|l| !l.is_empty()));
            }
        }
    }
    fn edit_scalar(&mut self, key: &str, text: String, lang: Lang) {
        self.form.edit_scalar(key, text, lang);
        self.inputs = Parsed::default();
    }
    fn option_label(&self, key: &str, option: &str) -> Option<Msg> {
        C::option_label(key, option)
    }
    fn help(&self, key: &str) -> Option<Msg> {
        C::help(key)
    }
    fn reset(&mut self, lang: Lang) {
        self.set_form(C::fresh(lang));
    }
    fn state_value(&self) -> Value {
        let mut v = self.form.to_value();
        if let (Some(s), Some(o)) = (self.scenarios_value(), v.as_object_mut()) {
            o.insert("scenarios".into(), s);
        }
        v
    }
    fn load_state(&mut self, v: &Value, lang: Lang) -> bool {
        let Some(form) = C::from_value(v, lang) else { return false };
        if let Some(list) = v.get("scenarios").and_then(Value::as_array) {
            self.read_scenarios(list, lang);
        }
        self.set_form(form);
        true
    }
    fn autosave_text(&self) -> String {
        self.form.autosave_value().to_string()
    }
    fn restore(&mut self, text: &str, lang: Lang) -> bool {
        match serde_json::from_str::<Value>(text).ok().and_then(|v| C::from_value(&v, lang)) {
            Some(form) => {
                self.set_form(form);
                true
            }
            None => false,
        }
    }
    fn export(&self, currency: Currency) -> Option<Document> {
        let mut b = body(&self.form, self.inputs().cloned()?, currency, &self.scenarios);
        b.analysis = self.analysis.clone();
        b.links = self.form.links();
        Some(C::wrap(b))
    }
    fn load_document(&mut self, doc: Document) -> bool {
        let Some(b) = C::unwrap(doc) else { return false };
        let mut form = C::from_inputs(&b.inputs);
        form.set_links(b.links);
        self.set_form(form);
        self.scenarios = b.scenarios.into_iter().map(|s| (s.name, s.inputs)).collect();
        self.analysis = b.analysis;
        self.tools = Tools::default();
        true
    }
    fn valid(&self) -> bool {
        self.inputs().is_some()
    }
    fn save_scenario(&mut self, name: &str) -> Result<(), Msg> {
        let name = name.trim().to_string();
        if check_name(&name).is_err() {
            return Err(Msg::NoticeScenarioName);
        }
        if self.scenarios.len() >= document::MAX_SCENARIOS {
            return Err(Msg::NoticeTooManyScenarios);
        }
        let inputs = self.inputs().cloned().ok_or(Msg::NoticeExportInvalid)?;
        self.scenarios.push((name, inputs));
        Ok(())
    }
    fn rename_scenario(&mut self, i: usize, name: String) {
        if let Some(s) = self.scenarios.get_mut(i) {
            s.0 = name;
        }
    }
    fn delete_scenario(&mut self, i: usize) {
        if i < self.scenarios.len() {
            self.scenarios.remove(i);
        }
    }
    fn load_scenario(&mut self, i: usize) {
        if let Some((_, s)) = self.scenarios.get(i) {
            let form = C::from_inputs(s);
            self.set_form(form);
        }
    }
    fn tools(&self) -> &Tools {
        &self.tools
    }
    fn tool(&mut self, action: ToolAction) -> Result<(), Msg> {
        match action {
            ToolAction::RunSensitivity => {
                let m = self.inputs().cloned().ok_or(Msg::ToolInvalidInputs)?;
                let json = self.tools.run_sensitivity(&m, C::default_output())?;
                self.set_analysis("sensitivity", json);
            }
            ToolAction::RunGoalSeek => {
                let m = self.inputs().cloned().ok_or(Msg::ToolInvalidInputs)?;
                let json = self.tools.run_goal_seek(&m, C::default_output())?;
                self.set_analysis("goal_seek", json);
            }
            ToolAction::McToggle(key, on) => {
                let m = self.inputs().cloned().ok_or(Msg::ToolInvalidInputs)?;
                self.tools.set_range(&m, key, None, String::new(), on);
            }
            ToolAction::McRange(key, which, text) => {
                let m = self.inputs().cloned().ok_or(Msg::ToolInvalidInputs)?;
                self.tools.set_range(&m, key, Some(which), text, true);
            }
            other => self.tools.set(other),
        }
        Ok(())
    }
    fn monte_carlo_job(&mut self) -> Result<Box<dyn Job>, Msg> {
        let m = self.inputs().cloned().ok_or(Msg::ToolInvalidInputs)?;
        let job = self.tools.monte_carlo_job(Box::new(m), C::default_output());
        self.tools.mc_message = job.as_ref().err().copied();
        job
    }
    fn set_monte_carlo(&mut self, run: McRun) {
        self.set_analysis("monte_carlo", Tools::monte_carlo_json(&run));
        self.tools.monte_carlo = Some(run);
        self.tools.mc_message = None;
    }
    fn tools_cancelled(&mut self) {
        self.tools.mc_message = Some(Msg::McCancelled);
    }
    fn scenario_view(&self) -> ScenarioView {
        let scenarios: Vec<&dyn WhatIf> = self.scenarios.iter().map(|(_, s)| s as &dyn WhatIf).collect();
        let base = self.inputs().map(|b| b as &dyn WhatIf);
        let fallback = if base.is_none() { C::fresh(Lang::En).inputs() } else { None };
        scenario_view(
            base,
            fallback.as_ref().map(|f| f as &dyn WhatIf),
            &scenarios,
            &self.scenarios_names(),
            &self.tools,
            C::default_output(),
        )
    }
    fn worker_job(&mut self) -> Option<crate::domain::worker::WorkerJob> {
        self.form.worker_job()
    }
    fn worker_reply(&mut self, id: u64, reply: &crate::domain::worker::WorkerReply, lang: Lang) -> Outcome {
        let out = self.form.worker_reply(id, reply, lang);
        self.inputs = Parsed::default();
        out
    }
    fn worker_cancelled(&mut self) {
        self.form.worker_cancelled();
        self.inputs = Parsed::default();
    }
    fn range_rows(&self) -> Vec<RangeRowView> {
        range_rows(self.inputs().map(|m| m as &dyn WhatIf), &self.tools)
    }
}

impl<C: Calc> Slot<C> {
    fn scenarios_names(&self) -> Vec<String> {
        self.scenarios.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// The scenario comparison and the what-if choices (compiled once for every calculator).
fn units(m: &dyn WhatIf) -> Vec<(&'static str, Unit)> {
    m.outputs().into_iter().map(|(k, _)| (k, m.output_unit(k))).collect()
}

/// The scenario view; `fallback` (the default inputs) gives the outputs'
/// units while the form is invalid.
fn scenario_view(
    base: Option<&dyn WhatIf>,
    fallback: Option<&dyn WhatIf>,
    scenarios: &[&dyn WhatIf],
    names: &[String],
    t: &Tools,
    d: &str,
) -> ScenarioView {
    let names = names.to_vec();
    let name_ok = names.iter().map(|n| check_name(n).is_ok()).collect();
    match base {
        Some(b) => ScenarioView {
            rows: whatif::compare(b, scenarios),
            params: b
                .params()
                .into_iter()
                .filter_map(|p| {
                    let v = b.get(&p.key)?;
                    Some((p, v))
                })
                .collect(),
            outputs: b.outputs(),
            units: units(b),
            chosen_outputs: [
                Tools::output_or(&t.sens_output, b, d),
                Tools::output_or(&t.goal_output, b, d),
                Tools::output_or(&t.mc_output, b, d),
            ],
            goal_input: t.goal_input_of(b),
            names,
            name_ok,
        },
        None => ScenarioView {
            names,
            name_ok,
            rows: Vec::new(),
            params: Vec::new(),
            outputs: Vec::new(),
            units: fallback.map(units).unwrap_or_default(),
            chosen_outputs: Default::default(),
            goal_input: String::new(),
        },
    }
}

/// The Monte Carlo range rows of the inputs (compiled once for every calculator).
fn range_rows(m: Option<&dyn WhatIf>, tools: &Tools) -> Vec<RangeRowView> {
    let Some(m) = m else { return Vec::new() };
    m.params()
        .into_iter()
        .filter(|p| m.get(&p.key).is_some())
        .map(|p| {
            let row = tools.range_row(m, &p.key);
            let error = if row.on { Tools::check_range(m, &row).err() } else { None };
            RangeRowView { percent: p.spec.max == Some(1.0), param: p, row, error }
        })
        .collect()
}
