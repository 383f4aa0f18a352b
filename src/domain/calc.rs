//! The one calculator interface (DESIGN §4).
//!
//! Every calculator implements [`Calc`]: it declares its scalar inputs once
//! ([`InputDecl`]: key, kind, valid range, unit), keeps what the user typed,
//! validates it into typed inputs, and handles its own actions. Everything
//! generic — URL parameters and `state`, the JSON document, autosave, lock
//! and hide, scenarios and the what-if tools — is written once in
//! [`crate::domain::slot`] against this trait.

use crate::domain::document::{Body, Document, ImportError};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::math::Unit;
use crate::domain::notice::Notice;
use crate::domain::number::NumberSpec;
use crate::domain::whatif::WhatIf;
use crate::domain::Calculator;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Debug;

/// How a scalar input is typed and checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InputKind {
    /// A number with its valid range.
    Number(NumberSpec),
    /// A number that may be empty (= null).
    NullableNumber(NumberSpec),
    /// One of fixed identifiers.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
    /// A calendar date `YYYY-MM-DD`; empty means null.
    Date,
}

impl InputKind {
    /// The numeric range, for number kinds.
    pub fn spec(self) -> Option<NumberSpec> {
        match self {
            InputKind::Number(s) | InputKind::NullableNumber(s) => Some(s),
            _ => None,
        }
    }
}

/// The declaration of one scalar input: the single source of its key
/// (JSON key, URL parameter, `data-testid` suffix), range and unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputDecl {
    /// Public key.
    pub key: &'static str,
    /// Catalog key of the label.
    pub label: Msg,
    /// Kind and range.
    pub kind: InputKind,
    /// How its value is shown.
    pub unit: Unit,
}

/// What a calculator's own action asks the application to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the change itself.
    Changed,
    /// The change was refused: tell the user.
    Refused(Notice),
    /// Done, and the user should be told.
    Told(Notice),
}

/// One calculator: its declared inputs, its form state, its validation and
/// its actions. Implemented once per calculator module.
pub trait Calc: Clone + PartialEq + Debug + 'static {
    /// The validated inputs (the JSON `inputs` object).
    type Inputs: WhatIf + Clone + PartialEq + Debug + Serialize;
    /// The results (the JSON `results` object).
    type Results: Clone + PartialEq + Debug + Serialize;
    /// The calculator's own actions.
    type Action: Clone + PartialEq + Debug;

    /// The registry identifier.
    const ID: Calculator;

    /// The declared scalar inputs (read from and written to the URL, lockable
    /// and hideable by a teacher).
    fn scalar_inputs() -> &'static [InputDecl];

    /// A fresh form (a new page or a reset) in `lang`.
    fn fresh(lang: Lang) -> Self;

    /// The text of a scalar input as typed (percent fields as percentages).
    fn scalar_text(&self, key: &str) -> Option<String>;

    /// The canonical URL/JSON text of a scalar input (rates as fractions), or
    /// `None` when it is invalid or empty; read from the declaration.
    fn scalar_value(&self, key: &str) -> Option<String> {
        let text = self.scalar_text(key)?;
        match decl::<Self>(key)?.kind {
            InputKind::Number(spec) | InputKind::NullableNumber(spec) => {
                crate::domain::number::parse(&text, &spec).ok().map(crate::domain::number::plain)
            }
            InputKind::Choice(options) => options.iter().find(|o| **o == text.trim()).map(|o| o.to_string()),
            InputKind::Bool => matches!(text.trim(), "true" | "false").then(|| text.trim().to_string()),
            InputKind::Date => crate::domain::number::iso_date(&text).ok(),
        }
    }

    /// Sets a scalar input from a URL or JSON value (rates as fractions). An
    /// invalid value is kept as typed, so the field shows it with its error.
    fn set_scalar(&mut self, key: &str, raw: &str);

    /// Sets a scalar input as the user typed it (percent fields as percentages).
    fn edit_scalar(&mut self, key: &str, text: String, _lang: Lang) {
        self.set_scalar(key, &text);
    }

    /// The label of one option of a choice input.
    fn option_label(_key: &str, _option: &str) -> Option<Msg> {
        None
    }

    /// The help text of a scalar input.
    fn help(_key: &str) -> Option<Msg> {
        None
    }

    /// The form as an `inputs` object (valid values typed, unfinished ones as
    /// typed text) for `state`, autosave and scenarios.
    fn to_value(&self) -> Value;

    /// The form as autosaved (by default the same as [`Calc::to_value`]; a
    /// calculator whose data do not belong in a share link saves them here).
    fn autosave_value(&self) -> Value {
        self.to_value()
    }

    /// A task for the Web Worker that the form is waiting for (taken once:
    /// the form records that it was started).
    fn worker_job(&mut self) -> Option<crate::domain::worker::WorkerJob> {
        None
    }

    /// The worker's reply (`done` or `progress`) to the job `id`.
    fn worker_reply(&mut self, _id: u64, _reply: &crate::domain::worker::WorkerReply, _lang: Lang) -> Outcome {
        Outcome::Changed
    }

    /// The running worker job was cancelled: the previous results stay.
    fn worker_cancelled(&mut self) {}

    /// Reads a form from an `inputs` object; `None` if it cannot be one.
    fn from_value(v: &Value, lang: Lang) -> Option<Self>;

    /// The validated inputs, `None` while any input is invalid.
    fn inputs(&self) -> Option<Self::Inputs>;

    /// The form showing valid inputs.
    fn from_inputs(i: &Self::Inputs) -> Self;

    /// The results of valid inputs.
    fn compute(i: &Self::Inputs) -> Self::Results;

    /// Checks an imported `inputs` object, listing every problem with its path.
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>);

    /// Applies one of the calculator's own actions.
    fn update(&mut self, action: Self::Action, lang: Lang) -> Outcome;

    /// The output the what-if tools study first.
    fn default_output() -> &'static str;

    /// Extra results the document carries beyond [`Calc::compute`] (such as
    /// a survey's statistics); the default keeps the computed ones.
    fn finish_results(&self, results: Self::Results) -> Self::Results {
        results
    }

    /// Where linked inputs came from (the document's `links`).
    fn links(&self) -> Option<serde_json::Map<String, Value>> {
        None
    }

    /// Takes the links of an imported document.
    fn set_links(&mut self, _links: Option<serde_json::Map<String, Value>>) {}

    /// Wraps a body in the document enum.
    fn wrap(body: Body<Self::Inputs, Self::Results>) -> Document;

    /// Unwraps this calculator's body from a document.
    fn unwrap(doc: Document) -> Option<Body<Self::Inputs, Self::Results>>;
}

/// The declaration of a key, if the calculator declares it.
pub fn decl<C: Calc>(key: &str) -> Option<&'static InputDecl> {
    C::scalar_inputs().iter().find(|d| d.key == key)
}

/// The translated error of a declared input's text, `None` when it is
/// valid (an empty nullable number or date is valid: it means null).
pub fn field_error(d: &InputDecl, text: &str, lang: Lang) -> Option<String> {
    use crate::domain::number::{self, InputError};
    let err = match d.kind {
        InputKind::Number(spec) => number::parse(text, &spec).err(),
        InputKind::NullableNumber(spec) => (!text.trim().is_empty()).then(|| number::parse(text, &spec).err()).flatten(),
        InputKind::Choice(options) => (!options.contains(&text.trim())).then(InputError::unknown_choice),
        InputKind::Bool => (!matches!(text.trim(), "true" | "false")).then(InputError::not_bool),
        InputKind::Date => (!text.trim().is_empty()).then(|| number::iso_date(text).err()).flatten(),
    };
    err.map(|e| e.message(lang))
}
