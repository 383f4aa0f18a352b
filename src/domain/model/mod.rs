//! The application model: what is shared (language, calculator shown,
//! currency, embedding, notices, the running what-if task) plus one state
//! per calculator in [`Slots`]. [`Model::update`] is pure: it changes the
//! model and returns the [`Effect`]s for the platform to run (the crux
//! pattern); calculator actions go to the calculator that owns them.

mod effect;
mod embed;
mod persist;
mod url;

pub use crate::domain::notice::Notice;
pub use crate::domain::registry::CalcAction;
pub use crate::domain::slot::ScenarioView;
pub use effect::Effect;
pub use embed::Embed;
pub use persist::Persisted;

use crate::domain::calc::Outcome;
use crate::domain::customer_value::{CvForm, CvView};
use crate::domain::delivered_value::{DvForm, DvView};
use crate::domain::document::{self, Document, ImportError};
use crate::domain::i18n::Lang;
use crate::domain::registry::Slots;
use crate::domain::retention_curve::RcView;
use crate::domain::satisfaction::{SgForm, SgView};
use crate::domain::slot::AnySlot;
use crate::domain::whatif::tools::{McRun, ToolAction};
use crate::domain::{Calculator, Currency};

/// Where an imported document came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A chosen or dropped file, or pasted text.
    User,
    /// A `load` message from the parent page.
    Parent,
}

/// A what-if task in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task {
    /// The calculator it belongs to.
    pub calc: Calculator,
    /// Work done.
    pub done: usize,
    /// Work in all.
    pub total: usize,
}

/// The whole state of the application.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Interface language.
    pub lang: Lang,
    /// The calculator shown.
    pub calc: Calculator,
    /// The currency chosen by the user or the URL; `None` follows the language.
    pub currency_choice: Option<Currency>,
    /// One state per calculator.
    pub slots: Slots,
    /// A message for the user about something the app refused or repaired.
    pub notice: Option<Notice>,
    /// Why the last import was refused (empty when it was not).
    pub import_errors: Vec<ImportError>,
    /// Embedding settings from the URL.
    pub embed: Embed,
    /// The URL carried inputs (so autosaved ones are not restored).
    pub url_has_inputs: bool,
    /// The running what-if task.
    pub task: Option<Task>,
    /// Inside a teacher's page: results are posted to the parent.
    pub framed: bool,
    /// The running worker job (import, fit).
    pub worker: Option<crate::domain::worker::WorkerTask>,
    /// The teacher's values of locked inputs `(calculator, key, value)`.
    locked: Vec<(Calculator, String, String)>,
}

/// Everything the user (or the platform, reporting back) can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Switch the calculator tab.
    SetCalc(Calculator),
    /// Choose the currency label.
    SetCurrency(Currency),
    /// An action of one calculator.
    Calc(CalcAction),
    /// Type into a declared scalar input of the calculator shown.
    EditScalar(String, String),
    /// Hide the notice.
    DismissNotice,
    /// Show a notice (the outcome of a browser effect such as copying).
    Notify(Notice),
    /// Import a JSON document: all of it, or nothing with every error listed.
    ImportText(String),
    /// A document from the parent page (`load`).
    LoadFromParent(String),
    /// An import refused before parsing (a file over 5 MB, unreadable bytes).
    ImportFailed(Vec<ImportError>),
    /// Put the current calculator's inputs back to their defaults.
    Reset,
    /// Restore autosaved inputs: `(calculator, stored text)` pairs.
    RestoreSaved(Vec<(Calculator, String)>),
    /// Save the current (valid) inputs as a named scenario (at most 8).
    SaveScenario(String),
    /// Rename a scenario.
    RenameScenario(usize, String),
    /// Delete a scenario.
    DeleteScenario(usize),
    /// Load a scenario's inputs into the form.
    LoadScenario(usize),
    /// Change a what-if setting, or run sensitivity or goal seek.
    Tool(ToolAction),
    /// Start a Monte Carlo run with the current settings.
    RunMonteCarlo,
    /// The running task's progress.
    TaskProgress(usize, usize),
    /// The running task finished.
    TaskDone(McRun),
    /// Cancel the running task (the previous results stay).
    CancelTask,
    /// The worker answered job `id`.
    Worker(u64, crate::domain::worker::WorkerReply),
    /// Cancel the running worker job (the previous results stay).
    CancelWorker,
    /// Start the work the calculator shown waits for (after the first render).
    Wake,
}

/// The localStorage key under which a calculator's inputs are autosaved.
pub fn storage_key(c: Calculator) -> String {
    format!("customer-value-calculator:v1:{}", c.as_str())
}

impl Model {
    /// A model with defaults in `lang`.
    pub fn new(lang: Lang) -> Model {
        Model {
            lang,
            calc: Calculator::CustomerValue,
            currency_choice: None,
            slots: Slots::new(lang),
            notice: None,
            import_errors: Vec::new(),
            embed: Embed::default(),
            url_has_inputs: false,
            task: None,
            framed: false,
            worker: None,
            locked: Vec::new(),
        }
    }

    /// The currency in effect.
    pub fn currency(&self) -> Currency {
        self.currency_choice.unwrap_or_else(|| Currency::default_for(self.lang))
    }

    /// The state of the calculator shown.
    pub fn slot(&self) -> &dyn AnySlot {
        self.slots.get(self.calc)
    }

    fn slot_mut(&mut self) -> &mut dyn AnySlot {
        self.slots.get_mut(self.calc)
    }

    /// The customer value form.
    pub fn cv(&self) -> &CvForm {
        &self.slots.cv.form
    }
    /// The delivered value form.
    pub fn dv(&self) -> &DvForm {
        &self.slots.dv.form
    }
    /// The satisfaction gap form.
    pub fn sg(&self) -> &SgForm {
        &self.slots.sg.form
    }

    /// Records the teacher's values of every locked input (after the URL is read).
    fn remember_locks(&mut self) {
        self.locked.clear();
        for c in Calculator::ALL {
            let slot = self.slots.get(c);
            for d in slot.decls() {
                if self.embed.locks(c, d.key) {
                    self.locked.push((c, d.key.to_string(), url::url_value(slot, d)));
                }
            }
        }
    }

    /// Puts the teacher's values back into locked inputs; `true` if any had changed.
    fn enforce_locks(&mut self) -> bool {
        let mut changed = false;
        for (c, key, v) in &self.locked {
            let slot = self.slots.get_mut(*c);
            // The teacher's value in its URL form, which `set_scalar` reads.
            let Some(d) = slot.decls().iter().find(|d| d.key == key) else { continue };
            if url::url_value(&*slot, d) != *v {
                slot.set_scalar(key, v);
                // A locked input never follows a link.
                slot.unlink(key);
                changed = true;
            }
        }
        changed
    }

    /// Applies an action and returns the effects to run.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        let mut arrived = false;
        // Restoring autosaved inputs happens while the page starts, before
        // anything can run an effect: the worker jobs it implies start with
        // `Wake`, after the first render (their effect would be lost).
        let starting = matches!(action, Action::RestoreSaved(_));
        // Linked inputs follow a source only when this action changed it (a
        // share link or an import carries one calculator: the others'
        // defaults must not overwrite what its links recorded).
        let imported = matches!(action, Action::ImportText(_) | Action::LoadFromParent(_));
        let touched = match &action {
            Action::Calc(a) => Some(a.calculator()),
            Action::EditScalar(..) | Action::Reset | Action::LoadScenario(_) => Some(self.calc),
            Action::Worker(..) | Action::CancelWorker => self.worker.as_ref().map(|t| t.calc),
            _ => None,
        };
        match action {
            Action::SetLang(l) => self.lang = l,
            Action::SetCalc(c) => {
                if self.embed.offers(c) {
                    self.calc = c;
                }
            }
            Action::SetCurrency(c) => self.currency_choice = Some(c),
            Action::Calc(a) => {
                let (c, out) = self.slots.apply(a, self.lang);
                self.calc = c;
                self.notice = match out {
                    Outcome::Changed => self.notice.filter(|n| !matches!(n, Notice::TooManyOffers | Notice::LastOffer)),
                    Outcome::Refused(n) | Outcome::Told(n) => Some(n),
                };
                arrived = true;
            }
            Action::EditScalar(key, text) => {
                let lang = self.lang;
                self.slot_mut().edit_scalar(&key, text, lang);
                arrived = true;
            }
            Action::DismissNotice => {
                self.notice = None;
                self.import_errors.clear();
            }
            Action::Notify(n) => self.notice = Some(n),
            Action::ImportText(text) => {
                self.import(&text, Source::User, &mut effects);
                arrived = true;
            }
            Action::LoadFromParent(text) => {
                self.import(&text, Source::Parent, &mut effects);
                arrived = true;
            }
            Action::ImportFailed(errors) => {
                self.import_errors = errors;
                self.notice = None;
            }
            Action::Reset => {
                let lang = self.lang;
                self.slot_mut().reset(lang);
                self.notice = Some(Notice::Reset);
                arrived = true;
            }
            Action::RestoreSaved(entries) => {
                self.restore(entries);
                arrived = true;
            }
            Action::SaveScenario(name) => {
                self.notice = self.slot_mut().save_scenario(&name).err().map(Notice::from_msg);
            }
            Action::RenameScenario(i, name) => self.slot_mut().rename_scenario(i, name),
            Action::DeleteScenario(i) => self.slot_mut().delete_scenario(i),
            Action::LoadScenario(i) => {
                self.slot_mut().load_scenario(i);
                arrived = true;
            }
            Action::Tool(t) => {
                if let Err(m) = self.slot_mut().tool(t) {
                    self.notice = Some(Notice::from_msg(m));
                }
            }
            Action::RunMonteCarlo => {
                if self.task.is_none() {
                    if let Ok(job) = self.slot_mut().monte_carlo_job() {
                        let (done, total) = job.progress();
                        self.task = Some(Task { calc: self.calc, done, total });
                        effects.push(Effect::StartTask(job));
                    }
                }
            }
            Action::TaskProgress(done, total) => {
                if let Some(t) = &mut self.task {
                    t.done = done;
                    t.total = total;
                }
            }
            Action::TaskDone(run) => {
                if let Some(t) = self.task.take() {
                    self.slots.get_mut(t.calc).set_monte_carlo(run);
                }
            }
            Action::CancelTask => {
                if let Some(t) = self.task.take() {
                    self.slots.get_mut(t.calc).tools_cancelled();
                    effects.push(Effect::CancelTask);
                }
            }
            Action::Worker(id, reply) => self.worker_reply(id, reply),
            Action::Wake => {}
            Action::CancelWorker => {
                if let Some(t) = self.worker.take() {
                    self.slots.get_mut(t.calc).worker_cancelled();
                    self.notice = Some(Notice::from_msg(crate::domain::i18n::Msg::TaskCancelled));
                    effects.push(Effect::CancelWorker);
                }
            }
        }
        if !starting {
            self.start_worker_jobs(&mut effects);
        }
        if arrived && self.enforce_locks() {
            self.notice = Some(Notice::LockedKept);
        }
        // An import shows the calculator it was for.
        if let Some(source) = if imported { Some(self.calc) } else { touched } {
            self.slots.sync_links(source);
        }
        // The address, autosave and parent's `change` follow when the page is idle.
        effects.push(Effect::Persist);
        effects
    }

    /// Takes the worker job the calculator shown waits for (one at a time: a
    /// new job replaces the calculator's running one, whose answer is then
    /// ignored). A calculator not shown waits until it is, so the worker is
    /// never loaded for a page that does not need it; and one waits while
    /// another calculator's job runs (its import is not lost to a tab
    /// opened meanwhile), starting when that job ends.
    fn start_worker_jobs(&mut self, effects: &mut Vec<Effect>) {
        let c = self.calc;
        if self.worker.is_some_and(|t| t.calc != c) {
            return;
        }
        {
            if let Some(job) = self.slots.get_mut(c).worker_job() {
                if self.worker.is_some() {
                    effects.push(Effect::CancelWorker);
                }
                self.worker = Some(crate::domain::worker::WorkerTask { calc: c, id: job.id, fraction: 0.0 });
                effects.push(Effect::Worker(job));
            }
        }
    }

    fn worker_reply(&mut self, id: u64, reply: crate::domain::worker::WorkerReply) {
        use crate::domain::worker::WorkerReply;
        let Some(task) = self.worker.filter(|t| t.id == id) else { return };
        if let WorkerReply::Progress(f) = reply {
            self.worker = Some(crate::domain::worker::WorkerTask { fraction: f.clamp(0.0, 1.0), ..task });
            return;
        }
        if !matches!(reply, WorkerReply::Part(_)) {
            self.worker = None;
        }
        let lang = self.lang;
        match self.slots.get_mut(task.calc).worker_reply(id, &reply, lang) {
            Outcome::Changed => {}
            Outcome::Refused(n) | Outcome::Told(n) => self.notice = Some(n),
        }
    }

    fn import(&mut self, text: &str, source: Source, effects: &mut Vec<Effect>) {
        let result = document::import(text).and_then(|doc| {
            if self.embed.offers(doc.calculator()) {
                Ok(doc)
            } else {
                Err(vec![ImportError::not_offered()])
            }
        });
        match result {
            Ok(doc) => {
                self.calc = doc.calculator();
                if let Some(c) = doc.currency() {
                    self.currency_choice = Some(c);
                }
                self.slots.get_mut(doc.calculator()).load_document(doc);
                self.import_errors.clear();
                self.notice = Some(Notice::Imported);
            }
            Err(errors) => {
                if source == Source::Parent {
                    let reason = if errors.iter().any(ImportError::is_not_offered) { "calculator-not-offered" } else { "invalid-document" };
                    effects.push(Effect::PostLoadRefused(reason));
                }
                self.import_errors = errors;
                self.notice = None;
            }
        }
    }

    fn restore(&mut self, entries: Vec<(Calculator, String)>) {
        let mut restored = false;
        let mut bad = false;
        let lang = self.lang;
        for (calc, text) in entries {
            let ok = self.slots.get_mut(calc).restore(&text, lang);
            restored |= ok;
            bad |= !ok;
        }
        self.notice = if bad {
            Some(Notice::BadSaved)
        } else if restored {
            Some(Notice::Restored)
        } else {
            self.notice
        };
    }

    /// The JSON document of the calculator shown, with fresh results; `None`
    /// while an input is invalid.
    pub fn export_document(&self) -> Option<Document> {
        self.slot().export(self.currency())
    }

    /// What to autosave for one calculator: `(storage key, text)`.
    pub fn autosave_entry(&self, c: Calculator) -> (String, String) {
        (storage_key(c), self.slots.get(c).autosave_text())
    }

    /// What to autosave for every calculator.
    pub fn autosave_entries(&self) -> Vec<(String, String)> {
        Calculator::ALL.iter().map(|c| self.autosave_entry(*c)).collect()
    }

    /// The display-ready view of the customer value calculator.
    pub fn cv_view(&self) -> CvView {
        CvView::build(self.cv(), self.lang)
    }

    /// The display-ready view of the delivered value calculator.
    pub fn dv_view(&self) -> DvView {
        DvView::build(self.dv(), self.lang)
    }

    /// The display-ready view of the satisfaction gap calculator.
    pub fn sg_view(&self) -> SgView {
        SgView::build(self.sg(), self.lang)
    }

    /// The display-ready view of the retention curve calculator.
    pub fn rc_view(&self) -> RcView {
        RcView::build(&self.slots.rc.form, self.lang)
    }

    /// The scenario comparison and tool choices for the calculator shown.
    pub fn scenario_view(&self) -> ScenarioView {
        self.slot().scenario_view()
    }
}
