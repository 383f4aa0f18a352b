//! The retention curve calculator behind the one calculator interface: its
//! declared settings, actions, presets, what-if model and import checks.

use super::sbg::Layout;
use super::*;
use crate::domain::calc::{Calc, InputDecl, InputKind, Outcome};
use crate::domain::document::check::{check_name_value, check_scalars, object, unknown_keys};
use crate::domain::document::{Body, Document, ImportError, ImportKind};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::math::Unit;
use crate::domain::notice::Notice;
use crate::domain::number;
use crate::domain::whatif::{Param, WhatIf};
use crate::domain::Calculator;
use serde_json::{json, Value};

const PERIODS: &[&str] = &["month", "quarter", "year"];

/// The declared scalar inputs.
pub const DECLS: &[InputDecl] = &[
    InputDecl { key: "period", label: Msg::RcPeriod, kind: InputKind::Choice(PERIODS), unit: Unit::Count },
    InputDecl { key: "margin_per_period", label: Msg::RcMargin, kind: InputKind::Number(NumberSpec::non_negative()), unit: Unit::Money },
    InputDecl { key: "discount_rate", label: Msg::RcDiscount, kind: InputKind::Number(DISCOUNT_SPEC), unit: Unit::Percent },
    InputDecl { key: "horizon_periods", label: Msg::RcHorizon, kind: InputKind::Number(HORIZON_SPEC), unit: Unit::Count },
];

/// The published cohorts (Fader & Hardie 2007).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RcPreset {
    /// High-end customers: 1000, 869, 743, 653, 593, 551, 517, 491.
    HighEnd,
    /// Regular customers: 1000, 631, 468, 382, 326, 289, 262, 241.
    Regular,
}

impl RcPreset {
    /// Both presets.
    pub const ALL: [RcPreset; 2] = [RcPreset::HighEnd, RcPreset::Regular];
    /// The `data-testid` suffix.
    pub fn id(self) -> &'static str {
        match self {
            RcPreset::HighEnd => "high_end",
            RcPreset::Regular => "regular",
        }
    }
    /// The label.
    pub fn label(self) -> Msg {
        match self {
            RcPreset::HighEnd => Msg::RcHighEnd,
            RcPreset::Regular => Msg::RcRegular,
        }
    }
    /// The preset's inputs (one cohort of 1,000, yearly, margin 1, 10%).
    pub fn inputs(self, lang: Lang) -> RetentionCurveInputs {
        let active: &[f64] = match self {
            RcPreset::HighEnd => &[1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0],
            RcPreset::Regular => &[1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0],
        };
        RetentionCurveInputs {
            period: RcPeriod::Year,
            cohorts: vec![CohortInput { name: self.label().text(lang).to_string(), active: active.to_vec() }],
            margin_per_period: 1.0,
            discount_rate: 0.1,
            horizon_periods: 12.0,
        }
    }
}

/// What the user does in the retention curve calculator.
#[derive(Clone, Debug, PartialEq)]
pub enum RcAction {
    /// Type a setting (`period`, `margin_per_period`, `discount_rate` in percent, `horizon_periods`).
    Setting(String, String),
    /// Type a cohort's name.
    Name(usize, String),
    /// Type a count: cohort, period, text.
    Cell(usize, usize, String),
    /// Add a cohort (at most 20).
    AddCohort,
    /// Remove a cohort (at least one stays).
    RemoveCohort(usize),
    /// Add a period column.
    AddPeriod,
    /// Type or paste into the paste box.
    Paste(String),
    /// Read the paste box by rows or by columns.
    Layout(Layout),
    /// Use the paste box's cohorts.
    ApplyPaste,
    /// A CSV file's bytes: read into the paste box, used at once when it is one cohort per row.
    Csv(Vec<u8>),
    /// Fill the form from a published cohort.
    Preset(RcPreset),
    /// Send the fitted curve to the customer value calculator (handled by the registry).
    SendToCustomerValue,
}

impl RcForm {
    fn apply(&mut self, action: RcAction, lang: Lang) -> Outcome {
        match action {
            RcAction::Setting(key, text) => match key.as_str() {
                "period" => self.period = text,
                "margin_per_period" => self.margin = text,
                "discount_rate" => self.discount = text,
                "horizon_periods" => self.horizon = text,
                _ => {}
            },
            RcAction::Name(i, t) => {
                if let Some(c) = self.cohorts.get_mut(i) {
                    c.name = t;
                }
            }
            RcAction::Cell(i, t, text) => {
                if let Some(c) = self.cohorts.get_mut(i) {
                    if t <= MAX_GRID_PERIODS {
                        if c.cells.len() <= t {
                            c.cells.resize(t + 1, String::new());
                        }
                        c.cells[t] = text;
                    }
                }
            }
            RcAction::AddCohort => {
                if self.cohorts.len() >= MAX_COHORTS {
                    return Outcome::Refused(Notice::Message(Msg::RcTooManyCohorts));
                }
                let n = self.cohorts.len() + 1;
                let cells = vec![String::new(); self.columns()];
                self.cohorts.push(CohortForm { name: format!("{} {n}", Msg::RcCohort.text(lang)), cells });
            }
            RcAction::RemoveCohort(i) => {
                if self.cohorts.len() <= 1 {
                    return Outcome::Refused(Notice::Message(Msg::RcLastCohort));
                }
                if i < self.cohorts.len() {
                    self.cohorts.remove(i);
                }
            }
            RcAction::AddPeriod => {
                let cols = self.columns();
                if cols <= MAX_GRID_PERIODS {
                    for c in &mut self.cohorts {
                        c.cells.resize(cols + 1, String::new());
                    }
                }
            }
            RcAction::Paste(text) => {
                self.paste.text = text.chars().take(sbg::MAX_TEXT_BYTES).collect();
                self.paste.layout = None;
            }
            RcAction::Layout(l) => self.paste.layout = Some(l),
            RcAction::ApplyPaste => {
                if let Err(m) = self.apply_paste() {
                    return Outcome::Refused(Notice::Message(m));
                }
            }
            RcAction::Csv(bytes) => {
                if bytes.len() > sbg::MAX_TEXT_BYTES {
                    self.paste.text = String::new();
                    return Outcome::Refused(Notice::Message(Msg::RcCsvTooLarge));
                }
                self.paste.text = String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').to_string();
                self.paste.layout = None;
                let rows = matches!(self.paste_preview(), Some(Ok(p)) if p.layout == Layout::Rows);
                if rows {
                    let _ = self.apply_paste();
                }
            }
            RcAction::Preset(p) => *self = RcForm::from_inputs(&p.inputs(lang)),
            RcAction::SendToCustomerValue => {}
        }
        Outcome::Changed
    }
}

impl Calc for RcForm {
    type Inputs = RetentionCurveInputs;
    type Results = RetentionCurveResults;
    type Action = RcAction;
    const ID: Calculator = Calculator::RetentionCurve;

    fn scalar_inputs() -> &'static [InputDecl] {
        DECLS
    }
    fn fresh(lang: Lang) -> Self {
        RcForm::from_inputs(&RcPreset::HighEnd.inputs(lang))
    }
    fn scalar_text(&self, key: &str) -> Option<String> {
        Some(match key {
            "period" => self.period.clone(),
            "margin_per_period" => self.margin.clone(),
            "discount_rate" => self.discount.clone(),
            "horizon_periods" => self.horizon.clone(),
            _ => return None,
        })
    }
    fn set_scalar(&mut self, key: &str, raw: &str) {
        match key {
            "period" => self.period = raw.to_string(),
            "margin_per_period" => self.margin = raw.to_string(),
            "discount_rate" => {
                self.discount = number::url_fraction_text(raw, &DISCOUNT_SPEC);
            }
            "horizon_periods" => self.horizon = raw.to_string(),
            _ => {}
        }
    }
    fn edit_scalar(&mut self, key: &str, text: String, lang: Lang) {
        let _ = self.apply(RcAction::Setting(key.to_string(), text), lang);
    }
    fn option_label(key: &str, option: &str) -> Option<Msg> {
        match (key, RcPeriod::parse(option)?) {
            ("period", RcPeriod::Month) => Some(Msg::RcPeriodMonth),
            ("period", RcPeriod::Quarter) => Some(Msg::RcPeriodQuarter),
            ("period", RcPeriod::Year) => Some(Msg::RcPeriodYear),
            _ => None,
        }
    }
    fn to_value(&self) -> Value {
        let num = |t: &str| number::parse(t, &NumberSpec::any()).map(|v| json!(v)).unwrap_or_else(|_| json!(t));
        json!({
            "period": self.period,
            "margin_per_period": num(&self.margin),
            "discount_rate": number::parse(&self.discount, &DISCOUNT_SPEC).map(|v| json!(v)).unwrap_or_else(|_| json!(self.discount)),
            "horizon_periods": num(&self.horizon),
            "cohorts": self.cohorts.iter().map(|c| json!({"name": c.name, "active": c.cells.iter().map(|t| if t.trim().is_empty() { Value::Null } else { num(t) }).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        })
    }
    fn from_value(v: &Value, lang: Lang) -> Option<Self> {
        let o = v.as_object()?;
        let text = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => number::plain(n.as_f64().unwrap_or(0.0)),
            _ => String::new(),
        };
        let mut f = RcForm::fresh(lang);
        if let Some(p) = o.get("period") {
            f.period = text(Some(p));
        }
        if let Some(m) = o.get("margin_per_period") {
            f.margin = text(Some(m));
        }
        if let Some(d) = o.get("discount_rate") {
            f.set_scalar("discount_rate", &text(Some(d)));
        }
        if let Some(h) = o.get("horizon_periods") {
            f.horizon = text(Some(h));
        }
        if let Some(list) = o.get("cohorts") {
            let list = list.as_array()?;
            if list.is_empty() || list.len() > MAX_COHORTS {
                return None;
            }
            f.cohorts = list
                .iter()
                .map(|c| {
                    let cells = c.get("active")?.as_array()?;
                    if cells.len() > sbg::MAX_PERIODS + 1 {
                        return None;
                    }
                    Some(CohortForm { name: text(c.get("name")), cells: cells.iter().map(|x| text(Some(x))).collect() })
                })
                .collect::<Option<Vec<_>>>()?;
        }
        Some(f)
    }
    fn inputs(&self) -> Option<RetentionCurveInputs> {
        let i = self.typed()?;
        compute(&i).ok().map(|_| i)
    }
    fn from_inputs(i: &RetentionCurveInputs) -> Self {
        RcForm::from_inputs(i)
    }
    fn compute(i: &RetentionCurveInputs) -> RetentionCurveResults {
        compute(i).unwrap_or_else(|_| empty_results())
    }
    fn check_inputs(v: &Value, path: &str, errs: &mut Vec<ImportError>) {
        let Some(o) = object(v, path, errs) else { return };
        unknown_keys(o, &["period", "margin_per_period", "discount_rate", "horizon_periods", "cohorts"], path, errs);
        check_scalars(DECLS, o, path, errs);
        let p = format!("{path}.cohorts");
        let list = match o.get("cohorts") {
            Some(Value::Array(l)) if !l.is_empty() && l.len() <= MAX_COHORTS => l,
            Some(Value::Array(_)) => return errs.push(ImportError::new(p, ImportKind::Analysis)),
            Some(_) => return errs.push(ImportError::new(p, ImportKind::NotList)),
            None => return errs.push(ImportError::new(p, ImportKind::Missing)),
        };
        let before = errs.len();
        let mut cohorts = Vec::new();
        for (i, c) in list.iter().enumerate() {
            let cp = format!("{p}[{i}]");
            let Some(c) = object(c, &cp, errs) else { continue };
            unknown_keys(c, &["name", "active"], &cp, errs);
            check_name_value(c.get("name"), &cp, errs);
            match c.get("active").and_then(Value::as_array) {
                Some(a) if a.len() <= sbg::MAX_PERIODS + 1 => match a.iter().map(Value::as_f64).collect::<Option<Vec<_>>>() {
                    Some(active) => cohorts.push(sbg::Cohort::new(String::new(), active)),
                    None => errs.push(ImportError::new(format!("{cp}.active"), ImportKind::NotNumber)),
                },
                _ => errs.push(ImportError::new(format!("{cp}.active"), ImportKind::NotList)),
            }
        }
        if errs.len() == before {
            let fitted =
                sbg::Cohorts::new(cohorts).map_err(|l| l.errors().first().cloned()).and_then(|c| sbg::fit(&c).map(|_| ()).map_err(Some));
            if let Err(e) = fitted {
                let at = e.as_ref().and_then(|e| Some(format!("{p}[{}].active[{}]", e.cohort()?, e.period()?))).unwrap_or(p);
                errs.push(ImportError::new(at, ImportKind::Cohorts(Box::new(e.unwrap_or_else(sbg::Error::no_cohorts)))));
            }
        }
    }
    fn update(&mut self, action: RcAction, lang: Lang) -> Outcome {
        self.apply(action, lang)
    }
    fn default_output() -> &'static str {
        "del"
    }
    fn wrap(body: Body<RetentionCurveInputs, RetentionCurveResults>) -> Document {
        Document::RetentionCurve(body)
    }
    fn unwrap(doc: Document) -> Option<Body<RetentionCurveInputs, RetentionCurveResults>> {
        match doc {
            Document::RetentionCurve(b) => Some(b),
            _ => None,
        }
    }
}

fn empty_results() -> RetentionCurveResults {
    RetentionCurveResults {
        alpha: f64::NAN,
        beta: f64::NAN,
        log_likelihood: f64::NAN,
        standard_errors: sbg::StandardErrors { alpha: None, beta: None },
        retention: Vec::new(),
        survival: Vec::new(),
        observed_survival: Vec::new(),
        del: f64::NAN,
        derl: Vec::new(),
        constant_retention_del: f64::NAN,
        undervaluation: f64::NAN,
        converged: false,
        iterations: 0,
    }
}

/// The margin and the discount rate are varied; every value refits the model.
impl WhatIf for RetentionCurveInputs {
    fn output_with(&self, changes: &[(&str, f64)], key: &str) -> Option<f64> {
        crate::domain::whatif::vary(self, changes, key)
    }
    fn params(&self) -> Vec<Param> {
        DECLS[1..3]
            .iter()
            .filter_map(|d| {
                let mut spec = d.kind.spec()?;
                spec.percent = false;
                Some(Param { key: d.key.to_string(), label: d.label, detail: None, unit: d.unit, spec })
            })
            .collect()
    }
    fn outputs(&self) -> Vec<(&'static str, Msg)> {
        vec![
            ("del", Msg::RcDel),
            ("constant_retention_del", Msg::RcConstantDel),
            ("undervaluation", Msg::RcUndervaluation),
            ("derl_last", Msg::RcDerlLast),
        ]
    }
    fn output_unit(&self, key: &str) -> Unit {
        if key == "undervaluation" {
            Unit::Percent
        } else {
            Unit::Money
        }
    }
    fn get(&self, key: &str) -> Option<f64> {
        match key {
            "margin_per_period" => Some(self.margin_per_period),
            "discount_rate" => Some(self.discount_rate),
            _ => None,
        }
    }
    fn with(&self, key: &str, v: f64) -> Self {
        let mut i = self.clone();
        match key {
            "margin_per_period" => i.margin_per_period = v,
            "discount_rate" => i.discount_rate = v,
            _ => {}
        }
        i
    }
    fn output(&self, key: &str) -> Option<f64> {
        let r = compute(self).ok()?;
        let v = match key {
            "del" => r.del,
            "constant_retention_del" => r.constant_retention_del,
            "undervaluation" => r.undervaluation,
            "derl_last" => *r.derl.last()?,
            _ => return None,
        };
        v.is_finite().then_some(v)
    }
}
