//! The satisfaction gap calculator, ready to render: the rating grid,
//! dimensions, weights, results and charts.

use super::*;
use crate::domain::i18n::Lang;

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
    pub results: Option<SatisfactionResults>,
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
    /// Builds the view of a form.
    pub fn build(f: &SgForm, lang: Lang) -> SgView {
        let msg = |e: Option<crate::domain::number::InputError>| e.map(|e| e.message(lang));
        let (min_err, max_err) = f.scale_error();
        let max_err = max_err.map(|e| match e {
            ScaleError::Input(e) => e.message(lang),
            ScaleError::NotAboveMin => Msg::SgScaleAboveMin.text(lang).to_string(),
        });
        let custom = f.instrument == Instrument::Custom;
        let dim_name = |d: &str| -> String {
            if let Some(m) = dimension_label(d) {
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
                        item_label(f.instrument, &it.id).map(|m| m.text(lang).to_string()).unwrap_or_else(|| it.id.clone())
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
            let mut r = compute(&i);
            r.survey = f.survey.clone();
            r
        });
        let gap_chart =
            results.as_ref().map(|r| crate::domain::chart::gap_chart(&r.dimensions.iter().map(|d| d.gap).collect::<Vec<_>>(), 560.0));
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
            survey_errors: f.survey_errors.iter().map(|e| e.message(lang, scale)).collect(),
            can_add: custom && f.items.len() < MAX_CUSTOM_ITEMS,
            can_remove: custom && f.items.len() > 1,
            template: csv_template(f.instrument, &ids),
            items,
            dims,
        }
    }
}
