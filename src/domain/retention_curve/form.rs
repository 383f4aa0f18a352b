//! What the user typed in the retention curve calculator: the settings as
//! text, the cohort grid cell by cell, and the paste box with its preview.

use super::sbg::{self, Layout};
use super::*;
use crate::domain::i18n::{Lang, Msg};
use crate::domain::name::check_name;
use crate::domain::number::{self, InputError};

/// One cohort as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortForm {
    /// Name text.
    pub name: String,
    /// n_0, n_1, … as typed (trailing blanks end the cohort).
    pub cells: Vec<String>,
}

/// The paste box: the text and how it was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PasteBox {
    /// The pasted or imported text.
    pub text: String,
    /// The layout chosen (`None`: detected).
    pub layout: Option<Layout>,
}

/// What the user typed.
#[derive(Clone, Debug, PartialEq)]
pub struct RcForm {
    /// `month`, `quarter` or `year`.
    pub period: String,
    /// Margin per period text.
    pub margin: String,
    /// Discount rate text (percent).
    pub discount: String,
    /// Horizon text.
    pub horizon: String,
    /// The cohorts.
    pub cohorts: Vec<CohortForm>,
    /// The paste box.
    pub paste: PasteBox,
}

/// A cell's problem: a typed-number error, or a rule of the cohort data
/// (rising, blank inside…). Opaque: its message is its interface.
#[derive(Clone, Debug, PartialEq)]
pub struct CellError(CellKind);

#[derive(Clone, Debug, PartialEq)]
enum CellKind {
    Input(InputError),
    Rule(sbg::Error),
}

impl CellError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match &self.0 {
            CellKind::Input(e) => e.message(lang),
            CellKind::Rule(e) => e.message(lang),
        }
    }
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CellError {}

impl CohortForm {
    /// The counts up to the last non-blank cell: `Err` at the first bad cell.
    fn counts(&self) -> Vec<Result<f64, CellError>> {
        let end = self.cells.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1);
        self.cells[..end].iter().map(|c| number::parse(c, &NumberSpec::non_negative()).map_err(|e| CellError(CellKind::Input(e)))).collect()
    }
}

impl RcForm {
    /// The form showing valid inputs.
    pub fn from_inputs(i: &RetentionCurveInputs) -> RcForm {
        RcForm {
            period: i.period.as_str().to_string(),
            margin: number::plain(i.margin_per_period),
            discount: number::percent_text(i.discount_rate),
            horizon: number::plain(i.horizon_periods),
            cohorts: i
                .cohorts
                .iter()
                .map(|c| CohortForm { name: c.name.clone(), cells: c.active.iter().map(|v| number::plain(*v)).collect() })
                .collect(),
            paste: PasteBox::default(),
        }
    }

    /// The number of period columns the grid shows (n_0 … n_k).
    pub fn columns(&self) -> usize {
        self.cohorts.iter().map(|c| c.cells.len()).max().unwrap_or(2).clamp(2, MAX_GRID_PERIODS + 1)
    }

    /// Every cell's error `(cohort, period, error)`, and errors of whole cohorts.
    pub fn cell_errors(&self) -> Vec<(usize, Option<usize>, CellError)> {
        let mut out = Vec::new();
        let mut parsed = Vec::new();
        for (i, c) in self.cohorts.iter().enumerate() {
            let counts = c.counts();
            let mut ok = true;
            for (t, r) in counts.iter().enumerate() {
                if let Err(e) = r {
                    let e = match (e, c.cells[t].trim().is_empty()) {
                        (_, true) => CellError(CellKind::Rule(sbg::Error::blank_at(i, t))),
                        (e, false) => e.clone(),
                    };
                    out.push((i, Some(t), e));
                    ok = false;
                }
            }
            if ok {
                parsed.push((i, sbg::Cohort::new(c.name.clone(), counts.into_iter().flatten().collect())));
            }
        }
        for (i, cohort) in parsed {
            if let Err(list) = sbg::Cohorts::new(vec![cohort]) {
                for e in list.errors() {
                    out.push((i, e.period(), CellError(CellKind::Rule(e.relocated(i)))));
                }
            }
        }
        out
    }

    /// The error of a cohort's name, if any.
    pub fn name_error(&self, i: usize) -> Option<crate::domain::name::NameError> {
        self.cohorts.get(i).and_then(|c| check_name(&c.name).err())
    }

    /// The typed settings and cohorts, `None` while anything is invalid
    /// (the fit itself is checked by the caller).
    pub fn typed(&self) -> Option<RetentionCurveInputs> {
        if self.cohorts.is_empty() || self.cohorts.len() > MAX_COHORTS || !self.cell_errors().is_empty() {
            return None;
        }
        let cohorts = self
            .cohorts
            .iter()
            .map(|c| {
                check_name(&c.name).ok()?;
                Some(CohortInput { name: c.name.trim().to_string(), active: c.counts().into_iter().collect::<Result<_, _>>().ok()? })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(RetentionCurveInputs {
            period: RcPeriod::parse(&self.period)?,
            cohorts,
            margin_per_period: number::parse(&self.margin, &NumberSpec::non_negative()).ok()?,
            discount_rate: number::parse(&self.discount, &DISCOUNT_SPEC).ok()?,
            horizon_periods: number::parse(&self.horizon, &HORIZON_SPEC).ok()?,
        })
    }

    /// The paste box read with its layout: the cohorts, or the errors.
    pub fn paste_preview(&self) -> Option<Result<sbg::Pasted, sbg::ErrorList>> {
        if self.paste.text.trim().is_empty() {
            return None;
        }
        Some(match self.paste.layout {
            Some(l) => sbg::parse_paste_as(&self.paste.text, l),
            None => sbg::parse_paste(&self.paste.text),
        })
    }

    /// Replaces the cohorts with the paste box's, if it reads cleanly.
    pub fn apply_paste(&mut self) -> Result<(), Msg> {
        match self.paste_preview() {
            Some(Ok(p)) => {
                self.cohorts = p
                    .cohorts
                    .as_slice()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| CohortForm {
                        name: if c.name.trim().is_empty() { format!("{}", i + 1) } else { c.name.chars().take(60).collect() },
                        cells: c.active.iter().map(|v| number::plain(*v)).collect(),
                    })
                    .collect();
                self.paste = PasteBox::default();
                Ok(())
            }
            _ => Err(Msg::RcPasteFix),
        }
    }
}
