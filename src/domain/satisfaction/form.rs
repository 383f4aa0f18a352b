//! What the user typed in the satisfaction gap calculator, field by field,
//! and the presets.

use super::*;

// ---------------------------------------------------------------- the form

/// What the user typed for one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemForm {
    /// Id.
    pub id: String,
    /// Label text (custom attributes).
    pub label: String,
    /// Dimension text (custom attributes; empty = its own).
    pub dimension: String,
    /// Expectation text.
    pub expected: String,
    /// Perception text.
    pub perceived: String,
}

/// What the user typed for the whole calculator.
#[derive(Clone, Debug, PartialEq)]
pub struct SgForm {
    /// Questionnaire.
    pub instrument: Instrument,
    /// Lowest rating text.
    pub scale_min: String,
    /// Highest rating text.
    pub scale_max: String,
    /// Tolerance text.
    pub tolerance: String,
    /// The items.
    pub items: Vec<ItemForm>,
    /// Weights per dimension (points text) when switched on.
    pub weights: Option<Vec<(String, String)>>,
    /// The last imported survey's summary (cleared when ratings are edited).
    pub survey: Option<SurveySummary>,
    /// Why the last survey CSV was refused (empty when it was not).
    pub survey_errors: Vec<SurveyError>,
    /// The survey CSV being read by the Web Worker.
    pub survey_job: SurveyJob,
    /// The items of the other questionnaires as the user left them, given
    /// back on switching to one again (this visit only).
    pub set_aside: Vec<SetAside>,
}

/// A questionnaire's items as the user left them for another questionnaire.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The questionnaire.
    pub instrument: Instrument,
    /// Its items.
    pub items: Vec<ItemForm>,
    /// Its weights.
    pub weights: Option<Vec<(String, String)>>,
    /// Its survey, with the scale it was read on.
    pub survey: Option<(SurveySummary, String, String)>,
}

/// The range a scale bound may take.
pub const SCALE_BOUNDS: NumberSpec = NumberSpec::range(-1e9, 1e9);

impl SgForm {
    /// A fresh form for an instrument, every rating at the scale's midpoint
    /// (custom: three attributes).
    pub fn new(instrument: Instrument, lang: Lang) -> SgForm {
        let item =
            |id: String, label: String, dimension: String| ItemForm { id, label, dimension, expected: "4".into(), perceived: "4".into() };
        let items = match instrument {
            Instrument::Custom => (1..=3)
                .map(|n| item(format!("a{n}"), Msg::SgNewAttribute.text(lang).replace("{n}", &n.to_string()), String::new()))
                .collect(),
            fixed => fixed.fixed_items().into_iter().map(|(id, d)| item(id, String::new(), d.to_string())).collect(),
        };
        SgForm {
            instrument,
            scale_min: "1".into(),
            scale_max: "7".into(),
            tolerance: "0".into(),
            items,
            weights: None,
            survey: None,
            survey_errors: Vec::new(),
            survey_job: SurveyJob::default(),
            set_aside: Vec::new(),
        }
    }

    /// The form showing valid inputs.
    pub fn from_inputs(i: &SatisfactionInputs) -> SgForm {
        SgForm {
            instrument: i.instrument,
            scale_min: number::plain(i.scale_min),
            scale_max: number::plain(i.scale_max),
            tolerance: number::plain(i.tolerance),
            items: i
                .items
                .iter()
                .map(|it| ItemForm {
                    id: it.id.clone(),
                    label: it.label.clone().unwrap_or_default(),
                    dimension: it.dimension.clone().unwrap_or_default(),
                    expected: number::plain(it.expected),
                    perceived: number::plain(it.perceived),
                })
                .collect(),
            weights: i.dimension_weights.as_ref().map(|w| w.iter().map(|(d, p)| (d.clone(), number::plain(*p))).collect()),
            survey: i.survey.clone(),
            survey_errors: Vec::new(),
            survey_job: SurveyJob::default(),
            set_aside: Vec::new(),
        }
    }

    /// The scale bounds, when valid.
    pub fn scale(&self) -> Option<(f64, f64)> {
        let lo = number::parse(&self.scale_min, &SCALE_BOUNDS).ok()?;
        let hi = number::parse(&self.scale_max, &SCALE_BOUNDS).ok()?;
        (lo < hi).then_some((lo, hi))
    }

    /// Error of the scale maximum (must exceed the minimum).
    pub fn scale_error(&self) -> (Option<InputError>, Option<ScaleError>) {
        let lo = number::parse(&self.scale_min, &SCALE_BOUNDS);
        let hi = number::parse(&self.scale_max, &SCALE_BOUNDS);
        match (lo, hi) {
            (Err(e), _) => (Some(e), None),
            (Ok(_), Err(e)) => (None, Some(ScaleError::Input(e))),
            (Ok(l), Ok(h)) if h <= l => (None, Some(ScaleError::NotAboveMin)),
            _ => (None, None),
        }
    }

    /// Error of a rating text.
    pub fn rating_error(&self, text: &str) -> Option<InputError> {
        let (lo, hi) = self.scale().unwrap_or((f64::MIN, f64::MAX));
        number::parse(text, &NumberSpec::range(lo, hi)).err()
    }

    /// Error of the tolerance text.
    pub fn tolerance_error(&self) -> Option<InputError> {
        number::parse(&self.tolerance, &NumberSpec::non_negative()).err()
    }

    /// The dimension ids in order of first appearance.
    pub fn dimensions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for it in &self.items {
            let d = if it.dimension.trim().is_empty() { it.id.clone() } else { it.dimension.trim().to_string() };
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }

    /// The error of a weight's text.
    pub fn weight_error(&self, text: &str) -> Option<InputError> {
        number::parse(text, &NumberSpec::non_negative()).err()
    }

    /// The weights' total (valid ones).
    pub fn weight_total(&self) -> Option<f64> {
        let w = self.weights.as_ref()?;
        Some(w.iter().filter_map(|(_, t)| number::parse(t, &NumberSpec::non_negative()).ok()).sum())
    }

    /// The valid inputs, if everything is valid.
    pub fn inputs(&self) -> Option<SatisfactionInputs> {
        let (lo, hi) = self.scale()?;
        let tolerance = number::parse(&self.tolerance, &NumberSpec::non_negative()).ok()?;
        if self.items.is_empty() || self.items.len() > MAX_CUSTOM_ITEMS {
            return None;
        }
        let spec = NumberSpec::range(lo, hi);
        let items = self
            .items
            .iter()
            .map(|it| {
                if it.id.trim().is_empty() {
                    return None;
                }
                Some(Item {
                    id: it.id.clone(),
                    label: (!it.label.trim().is_empty()).then(|| it.label.trim().to_string()),
                    dimension: (!it.dimension.trim().is_empty()).then(|| it.dimension.trim().to_string()),
                    expected: number::parse(&it.expected, &spec).ok()?,
                    perceived: number::parse(&it.perceived, &spec).ok()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let dimension_weights = match &self.weights {
            None => None,
            Some(w) => {
                let map: BTreeMap<String, f64> =
                    w.iter().map(|(d, t)| Some((d.clone(), number::parse(t, &NumberSpec::non_negative()).ok()?))).collect::<Option<_>>()?;
                if map.values().sum::<f64>() <= 0.0 {
                    return None;
                }
                Some(map)
            }
        };
        Some(SatisfactionInputs {
            instrument: self.instrument,
            scale_min: lo,
            scale_max: hi,
            tolerance,
            items,
            dimension_weights,
            survey: self.survey.clone(),
        })
    }

    /// Keeps the weights list in step with the dimensions (new ones get 0... or
    /// an equal share of 10 points; removed ones disappear).
    pub fn sync_weights(&mut self) {
        let dims = self.dimensions();
        if let Some(w) = &mut self.weights {
            w.retain(|(d, _)| dims.contains(d));
            for d in dims {
                if !w.iter().any(|(x, _)| *x == d) {
                    w.push((d, "10".into()));
                }
            }
        }
    }
}

/// Why the scale maximum is refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ScaleError {
    /// Not a number, empty, …
    Input(InputError),
    /// Not above the minimum.
    NotAboveMin,
}

/// Reference example 6: a custom instrument with three attributes.
pub fn preset_custom(lang: Lang) -> SatisfactionInputs {
    let it = |id: &str, label: Msg, e: f64, p: f64| Item {
        id: id.into(),
        label: Some(label.text(lang).into()),
        dimension: None,
        expected: e,
        perceived: p,
    };
    SatisfactionInputs {
        instrument: Instrument::Custom,
        scale_min: 1.0,
        scale_max: 7.0,
        tolerance: 0.0,
        items: vec![
            it("speed", Msg::SgSpeed, 6.0, 5.0),
            it("friendliness", Msg::SgFriendliness, 5.0, 6.0),
            it("accuracy", Msg::SgAccuracy, 7.0, 7.0),
        ],
        dimension_weights: None,
        survey: None,
    }
}

/// Reference example 7: SERVQUAL with weights.
pub fn preset_servqual() -> SatisfactionInputs {
    let items = Instrument::Servqual22
        .fixed_items()
        .into_iter()
        .map(|(id, d)| {
            let p = match d {
                "tangibles" => 6.0,
                "reliability" => 5.0,
                "responsiveness" => 5.5,
                "assurance" => 6.5,
                _ => 4.0,
            };
            Item { id, label: None, dimension: Some(d.into()), expected: 6.0, perceived: p }
        })
        .collect();
    let weights = [("tangibles", 10.0), ("reliability", 30.0), ("responsiveness", 20.0), ("assurance", 20.0), ("empathy", 20.0)]
        .into_iter()
        .map(|(d, w)| (d.to_string(), w))
        .collect();
    SatisfactionInputs {
        instrument: Instrument::Servqual22,
        scale_min: 1.0,
        scale_max: 7.0,
        tolerance: 0.0,
        items,
        dimension_weights: Some(weights),
        survey: None,
    }
}
