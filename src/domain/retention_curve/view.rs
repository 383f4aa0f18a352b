//! The retention curve calculator, ready to render: settings with their
//! errors, the cohort grid with an error per cell, the paste preview, the
//! fitted results, the chart and "show the math".

use super::sbg::Layout;
use super::*;
use crate::domain::calc::Calc;
use crate::domain::chart::{line_chart, LineChart};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::math::{n, Step, Tok, Unit, MINUS, PLUS, TIMES};
use crate::domain::number;

/// One setting, ready to render: key, text, error.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingView {
    /// Public key.
    pub key: &'static str,
    /// Label.
    pub label: Msg,
    /// Text.
    pub text: String,
    /// Translated error.
    pub error: Option<String>,
}

/// One cohort row of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortView {
    /// Name text and its error.
    pub name: (String, Option<String>),
    /// Cells (as many as the grid's columns) and their errors.
    pub cells: Vec<(String, Option<String>)>,
    /// A problem of the whole cohort (too few periods…).
    pub error: Option<String>,
}

/// The paste box's reading.
#[derive(Clone, Debug, PartialEq)]
pub struct PasteView {
    /// The layout read.
    pub layout: Layout,
    /// Cohorts and their period counts found.
    pub found: Vec<(String, usize)>,
}

/// The retention curve calculator, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RcView {
    /// The four settings.
    pub settings: Vec<SettingView>,
    /// The period identifier (for the select).
    pub period: String,
    /// Grid columns (n_0 … n_k).
    pub columns: usize,
    /// Cohort rows.
    pub cohorts: Vec<CohortView>,
    /// The paste box text.
    pub paste_text: String,
    /// What the paste box reads as, or its errors.
    pub paste: Option<Result<PasteView, Vec<String>>>,
    /// Results, when the inputs are valid and the model fits.
    pub results: Option<RetentionCurveResults>,
    /// Why there are no results although every cell is valid (no churn…).
    pub fit_error: Option<String>,
    /// The pooled first-period retention Σ n_1 / Σ n_0.
    pub pooled_retention: Option<f64>,
    /// Observed (one series per cohort) and projected survival.
    pub chart: Option<LineChart>,
    /// "Show the math".
    pub steps: Vec<Step>,
    /// Whether another cohort may be added.
    pub can_add: bool,
}

impl RcView {
    /// Builds the view of a form.
    pub fn build(f: &RcForm, lang: Lang) -> RcView {
        let settings = DECLS
            .iter()
            .map(|d| {
                let text = f.scalar_text(d.key).unwrap_or_default();
                let error = match d.kind.spec() {
                    Some(spec) => number::parse(&text, &spec).err().map(|e| e.message(lang)),
                    None => RcPeriod::parse(&text).is_none().then(|| crate::domain::number::InputError::unknown_choice().message(lang)),
                };
                SettingView { key: d.key, label: d.label, text, error }
            })
            .collect();
        let columns = f.columns();
        let errors = f.cell_errors();
        let cohorts = f
            .cohorts
            .iter()
            .enumerate()
            .map(|(i, c)| CohortView {
                name: (c.name.clone(), f.name_error(i).map(|e| e.message(lang))),
                cells: (0..columns)
                    .map(|t| {
                        let text = c.cells.get(t).cloned().unwrap_or_default();
                        let err = errors.iter().find(|(ci, ti, _)| *ci == i && *ti == Some(t)).map(|(_, _, e)| e.message(lang));
                        (text, err)
                    })
                    .collect(),
                error: errors.iter().find(|(ci, ti, _)| *ci == i && ti.is_none()).map(|(_, _, e)| e.message(lang)),
            })
            .collect();
        let paste = f.paste_preview().map(|r| match r {
            Ok(p) => Ok(PasteView {
                layout: p.layout,
                found: p.cohorts.as_slice().iter().map(|c| (c.name.clone(), c.active.len().saturating_sub(1))).collect(),
            }),
            Err(list) => Err(list.errors().iter().map(|e| e.message(lang)).collect()),
        });
        let typed = f.typed();
        let fitted = typed.as_ref().map(compute);
        let fit_error = match &fitted {
            Some(Err(e)) => Some(e.message(lang)),
            _ => None,
        };
        let results = fitted.and_then(Result::ok);
        let pooled_retention = typed.as_ref().and_then(|i| {
            let n0: f64 = i.cohorts.iter().map(|c| c.active[0]).sum();
            let n1: f64 = i.cohorts.iter().map(|c| c.active[1]).sum();
            (n0 > 0.0).then(|| n1 / n0)
        });
        let chart = results.as_ref().map(|r| {
            let mut series: Vec<Vec<(f64, f64)>> = vec![r.survival.iter().enumerate().map(|(t, s)| (t as f64, *s)).collect()];
            series.extend(r.observed_survival.iter().map(|o| o.iter().enumerate().map(|(t, s)| (t as f64, *s)).collect()));
            line_chart(&series, 640.0, 260.0)
        });
        let steps = match (&typed, &results) {
            (Some(i), Some(r)) => steps(i, r, pooled_retention),
            _ => Vec::new(),
        };
        RcView {
            settings,
            period: f.period.clone(),
            columns,
            cohorts,
            paste_text: f.paste.text.clone(),
            paste,
            results,
            fit_error,
            pooled_retention,
            chart,
            steps,
            can_add: f.cohorts.len() < MAX_COHORTS,
        }
    }
}

fn step(key: &'static str, label: Msg, formula: Vec<Tok>, substituted: Vec<Tok>, result: f64, unit: Unit) -> Step {
    Step { key, label, formula, substituted, result: Some(result).filter(|v| v.is_finite()), unit, note: None }
}

/// The formulas with the user's fitted numbers.
fn steps(i: &RetentionCurveInputs, r: &RetentionCurveResults, pooled: Option<f64>) -> Vec<Step> {
    let (a, b, d, m) = (r.alpha, r.beta, i.discount_rate, i.margin_per_period);
    let num = |v: f64| n(Some(v), Unit::Ratio);
    let mut out = vec![step(
        "retention",
        Msg::RcStepRetention,
        vec![Tok::Op("r₁ = β / (α + β)")],
        vec![num(b), Tok::Op("/"), Tok::Op("("), num(a), PLUS, num(b), Tok::Op(")")],
        r.retention.first().copied().unwrap_or(f64::NAN),
        Unit::Percent,
    )];
    if let (Some(s1), Some(s2)) = (r.survival.get(1), r.survival.get(2)) {
        out.push(step(
            "survival",
            Msg::RcStepSurvival,
            vec![Tok::Op("S(2) = r₁ × r₂ = β(β + 1) / ((α + β)(α + β + 1))")],
            vec![n(Some(*s1), Unit::Percent), TIMES, n(r.retention.get(1).copied(), Unit::Percent)],
            *s2,
            Unit::Percent,
        ));
    }
    out.push(step(
        "del",
        Msg::RcDel,
        vec![Tok::Name(Msg::RcMargin), TIMES, Tok::Op("Σₜ S(t) / (1 + d)ᵗ")],
        vec![n(Some(m), Unit::Money), TIMES, Tok::Op("Σₜ S(t) /"), Tok::Op("(1 +"), n(Some(d), Unit::Percent), Tok::Op(")ᵗ")],
        r.del,
        Unit::Money,
    ));
    if let Some(last) = r.derl.last() {
        let k = r.derl.len() - 1;
        out.push(step(
            "derl",
            Msg::RcDerlLast,
            vec![Tok::Op("m × B(α, β+n+1) / B(α, β+n) × ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d))")],
            vec![Tok::Op("n ="), n(Some(k as f64), Unit::Count), Tok::Op(", α ="), num(a), Tok::Op(", β ="), num(b)],
            *last,
            Unit::Money,
        ));
    }
    if let Some(p) = pooled {
        out.push(step(
            "constant_retention_del",
            Msg::RcConstantDel,
            vec![Tok::Op("m × (1 + d) / (1 + d − r),  r = Σ n₁ / Σ n₀")],
            vec![
                n(Some(m), Unit::Money),
                TIMES,
                Tok::Op("(1 +"),
                n(Some(d), Unit::Percent),
                Tok::Op(") / (1 +"),
                n(Some(d), Unit::Percent),
                MINUS,
                n(Some(p), Unit::Percent),
                Tok::Op(")"),
            ],
            r.constant_retention_del,
            Unit::Money,
        ));
    }
    out.push(step(
        "undervaluation",
        Msg::RcUndervaluation,
        vec![Tok::Op("1 −"), Tok::Name(Msg::RcConstantDel), Tok::Op("/"), Tok::Name(Msg::RcDel)],
        vec![Tok::Op("1 −"), n(Some(r.constant_retention_del), Unit::Money), Tok::Op("/"), n(Some(r.del), Unit::Money)],
        r.undervaluation,
        Unit::Percent,
    ));
    out
}
