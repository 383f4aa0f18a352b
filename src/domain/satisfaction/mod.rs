//! §2.3 Satisfaction gap: perceived − expected, per item and per dimension,
//! with SERVQUAL's 22 items in 5 dimensions, the 10 determinants of the 1985
//! model, or the user's own attributes; optional dimension weights;
//! importance–performance analysis; and survey CSV import with Cronbach's α.

use crate::domain::i18n::{Lang, Msg};
use crate::domain::number::{self, InputError, NumberSpec};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Most custom attributes.
pub const MAX_CUSTOM_ITEMS: usize = 50;
/// Comparisons of means allow this much floating-point noise.
const EPS: f64 = 1e-9;

/// The questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// SERVQUAL: 22 items in 5 dimensions.
    Servqual22,
    /// The 1985 model's 10 determinants, one item each.
    Determinants10,
    /// The user's own attributes (1..=50).
    Custom,
}

impl Instrument {
    /// All instruments.
    pub const ALL: [Instrument; 3] = [Instrument::Servqual22, Instrument::Determinants10, Instrument::Custom];
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Instrument::Servqual22 => "servqual22",
            Instrument::Determinants10 => "determinants10",
            Instrument::Custom => "custom",
        }
    }
    /// Parses an identifier.
    pub fn parse(s: &str) -> Option<Instrument> {
        Instrument::ALL.into_iter().find(|i| i.as_str() == s.trim())
    }
    /// Catalog key of the name.
    pub fn label(self) -> Msg {
        match self {
            Instrument::Servqual22 => Msg::SgServqual,
            Instrument::Determinants10 => Msg::SgDeterminants,
            Instrument::Custom => Msg::SgCustom,
        }
    }
    /// The fixed items `(id, dimension)` of a fixed instrument (empty for custom).
    pub fn fixed_items(self) -> Vec<(String, &'static str)> {
        match self {
            Instrument::Servqual22 => (1..=22)
                .map(|i| {
                    let d = match i {
                        1..=4 => "tangibles",
                        5..=9 => "reliability",
                        10..=13 => "responsiveness",
                        14..=17 => "assurance",
                        _ => "empathy",
                    };
                    (format!("q{i}"), d)
                })
                .collect(),
            Instrument::Determinants10 => DETERMINANTS.iter().map(|d| (d.to_string(), *d)).collect(),
            Instrument::Custom => Vec::new(),
        }
    }
}

/// The ten determinants (1985), each its own dimension.
pub const DETERMINANTS: [&str; 10] = [
    "reliability",
    "responsiveness",
    "competence",
    "access",
    "courtesy",
    "communication",
    "credibility",
    "security",
    "understanding",
    "tangibles",
];

/// Catalog key of a known dimension's name, if it is one.
pub fn dimension_label(id: &str) -> Option<Msg> {
    Some(match id {
        "tangibles" => Msg::DimTangibles,
        "reliability" => Msg::DimReliability,
        "responsiveness" => Msg::DimResponsiveness,
        "assurance" => Msg::DimAssurance,
        "empathy" => Msg::DimEmpathy,
        "competence" => Msg::DimCompetence,
        "access" => Msg::DimAccess,
        "courtesy" => Msg::DimCourtesy,
        "communication" => Msg::DimCommunication,
        "credibility" => Msg::DimCredibility,
        "security" => Msg::DimSecurity,
        "understanding" => Msg::DimUnderstanding,
        _ => return None,
    })
}

/// Catalog key of a fixed item's wording.
pub fn item_label(instrument: Instrument, id: &str) -> Option<Msg> {
    const Q: [Msg; 22] = [
        Msg::Q1,
        Msg::Q2,
        Msg::Q3,
        Msg::Q4,
        Msg::Q5,
        Msg::Q6,
        Msg::Q7,
        Msg::Q8,
        Msg::Q9,
        Msg::Q10,
        Msg::Q11,
        Msg::Q12,
        Msg::Q13,
        Msg::Q14,
        Msg::Q15,
        Msg::Q16,
        Msg::Q17,
        Msg::Q18,
        Msg::Q19,
        Msg::Q20,
        Msg::Q21,
        Msg::Q22,
    ];
    match instrument {
        Instrument::Servqual22 => {
            let n: usize = id.strip_prefix('q')?.parse().ok()?;
            Q.get(n.checked_sub(1)?).copied()
        }
        Instrument::Determinants10 => Some(match id {
            "reliability" => Msg::DetReliability,
            "responsiveness" => Msg::DetResponsiveness,
            "competence" => Msg::DetCompetence,
            "access" => Msg::DetAccess,
            "courtesy" => Msg::DetCourtesy,
            "communication" => Msg::DetCommunication,
            "credibility" => Msg::DetCredibility,
            "security" => Msg::DetSecurity,
            "understanding" => Msg::DetUnderstanding,
            "tangibles" => Msg::DetTangibles,
            _ => return None,
        }),
        Instrument::Custom => None,
    }
}

/// One rated item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier (`q1`…, a determinant, or a custom id).
    pub id: String,
    /// Optional wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Dimension id; an item without one is its own dimension.
    #[serde(default)]
    pub dimension: Option<String>,
    /// Expected quality, inside the scale.
    pub expected: f64,
    /// Perceived quality, inside the scale.
    pub perceived: f64,
}

/// The validated inputs (JSON `inputs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SatisfactionInputs {
    /// Questionnaire.
    pub instrument: Instrument,
    /// Lowest rating.
    pub scale_min: f64,
    /// Highest rating.
    pub scale_max: f64,
    /// A gap with absolute value ≤ tolerance "meets".
    pub tolerance: f64,
    /// The items.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 50)))]
    pub items: Vec<Item>,
    /// Dimension → points (normalised by their sum), or null.
    pub dimension_weights: Option<BTreeMap<String, f64>>,
    /// What an imported survey CSV told beyond the item means (respondents
    /// and Cronbach's α, which the means cannot give back), so that a
    /// document, a link or a reload shows them again. Absent without a
    /// survey; any edit of the items drops it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveySummary>,
}

/// Exceeds, meets or falls below expectations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// perceived > expected (beyond the tolerance): very satisfied.
    Exceeds,
    /// within the tolerance: basically satisfied.
    Meets,
    /// perceived < expected: dissatisfied.
    Below,
}

impl Verdict {
    /// The verdict of a gap.
    pub fn of(gap: f64, tolerance: f64) -> Verdict {
        if gap.abs() <= tolerance + EPS {
            Verdict::Meets
        } else if gap > 0.0 {
            Verdict::Exceeds
        } else {
            Verdict::Below
        }
    }
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Exceeds => "exceeds",
            Verdict::Meets => "meets",
            Verdict::Below => "below",
        }
    }
    /// Catalog key of the verdict in words.
    pub fn label(self) -> Msg {
        match self {
            Verdict::Exceeds => Msg::VerdictExceeds,
            Verdict::Meets => Msg::VerdictMeets,
            Verdict::Below => Msg::VerdictBelow,
        }
    }
}

/// Importance–performance quadrant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Important, performing below the mean.
    ConcentrateHere,
    /// Important, performing well.
    KeepUp,
    /// Less important, performing below the mean.
    LowPriority,
    /// Less important, performing well.
    PossibleOverkill,
}

impl Quadrant {
    /// Catalog key.
    pub fn label(self) -> Msg {
        match self {
            Quadrant::ConcentrateHere => Msg::IpaConcentrate,
            Quadrant::KeepUp => Msg::IpaKeepUp,
            Quadrant::LowPriority => Msg::IpaLowPriority,
            Quadrant::PossibleOverkill => Msg::IpaOverkill,
        }
    }
    /// Public identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::ConcentrateHere => "concentrate_here",
            Quadrant::KeepUp => "keep_up",
            Quadrant::LowPriority => "low_priority",
            Quadrant::PossibleOverkill => "possible_overkill",
        }
    }
}

/// One item's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemResult {
    /// Item id.
    pub id: String,
    /// Its dimension.
    pub dimension: String,
    /// perceived − expected.
    pub gap: f64,
    /// Verdict of the gap.
    pub verdict: Verdict,
}

/// One dimension's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DimensionResult {
    /// Dimension id.
    pub id: String,
    /// Mean expectation over its items.
    pub expected: f64,
    /// Mean perception over its items.
    pub perceived: f64,
    /// Mean gap.
    pub gap: f64,
    /// Normalised weight, or null without weights.
    pub weight: Option<f64>,
    /// Verdict of the gap.
    pub verdict: Verdict,
    /// Importance–performance quadrant.
    pub ipa_quadrant: Quadrant,
}

/// Cronbach's α of one dimension, for expectations and perceptions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlphaPair {
    /// α of the expectation items (null when undefined).
    pub expected: Option<f64>,
    /// α of the perception items (null when undefined).
    pub perceived: Option<f64>,
}

/// What a survey import adds to the results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveySummary {
    /// Number of data rows.
    pub respondents: u64,
    /// α per dimension.
    pub alpha: BTreeMap<String, AlphaPair>,
}

impl SurveySummary {
    /// Reads `{respondents, alpha: {dimension: {expected, perceived}}}`,
    /// checked on import; by hand, as the page reads documents.
    pub fn from_value(v: &Value) -> Option<SurveySummary> {
        let mut alpha = BTreeMap::new();
        for (d, pair) in v.get("alpha")?.as_object()? {
            let side = |k: &str| pair.get(k).and_then(Value::as_f64);
            alpha.insert(d.clone(), AlphaPair { expected: side("expected"), perceived: side("perceived") });
        }
        // Checked to be a whole number ≥ 0 (also written as `12.0`).
        let respondents = v.get("respondents")?.as_f64().filter(|r| *r >= 0.0 && r.fract() == 0.0)?;
        Some(SurveySummary { respondents: respondents as u64, alpha })
    }

    /// The JSON form (as in `results.survey`).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The results (JSON `results`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SatisfactionResults {
    /// Per item, in input order.
    pub items: Vec<ItemResult>,
    /// Per dimension, in order of first appearance.
    pub dimensions: Vec<DimensionResult>,
    /// Mean of the dimension gaps.
    pub unweighted_score: f64,
    /// Σ normalised weight × dimension gap, or null without weights.
    pub weighted_score: Option<f64>,
    /// Mean expectation over dimensions.
    pub mean_expected: f64,
    /// Mean perception over dimensions.
    pub mean_perceived: f64,
    /// Verdict of the unweighted score.
    pub verdict: Verdict,
    /// Survey statistics, when the ratings came from a survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveySummary>,
}

/// The dimension of an item: its own, or its id.
pub fn dimension_of(item: &Item) -> String {
    match &item.dimension {
        Some(d) if !d.trim().is_empty() => d.trim().to_string(),
        _ => item.id.clone(),
    }
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 {
        0.0
    } else {
        s / n as f64
    }
}

/// Computes the results of valid inputs.
pub fn compute(i: &SatisfactionInputs) -> SatisfactionResults {
    let tol = i.tolerance;
    let items: Vec<ItemResult> = i
        .items
        .iter()
        .map(|it| {
            let gap = it.perceived - it.expected;
            ItemResult { id: it.id.clone(), dimension: dimension_of(it), gap, verdict: Verdict::of(gap, tol) }
        })
        .collect();
    let mut order: Vec<String> = Vec::new();
    for it in &items {
        if !order.contains(&it.dimension) {
            order.push(it.dimension.clone());
        }
    }
    let weight_sum: f64 = i.dimension_weights.as_ref().map(|w| order.iter().map(|d| w.get(d).copied().unwrap_or(0.0)).sum()).unwrap_or(0.0);
    let weights: Option<Vec<f64>> = match &i.dimension_weights {
        Some(w) if weight_sum > 0.0 => Some(order.iter().map(|d| w.get(d).copied().unwrap_or(0.0) / weight_sum).collect()),
        _ => None,
    };
    let per_dim: Vec<(f64, f64, f64)> = order
        .iter()
        .map(|d| {
            let its = || i.items.iter().filter(|it| dimension_of(it) == *d);
            let e = mean(its().map(|it| it.expected));
            let p = mean(its().map(|it| it.perceived));
            let g = mean(its().map(|it| it.perceived - it.expected));
            (e, p, g)
        })
        .collect();
    let importance: Vec<f64> = match &weights {
        Some(w) => w.clone(),
        None => per_dim.iter().map(|x| x.0).collect(),
    };
    let imp_mean = mean(importance.iter().copied());
    let perf_mean = mean(per_dim.iter().map(|x| x.1));
    let scale = |m: f64| EPS * m.abs().max(1.0);
    let dimensions: Vec<DimensionResult> = order
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let (e, p, g) = per_dim[k];
            let important = importance[k] >= imp_mean - scale(imp_mean);
            let performing = p >= perf_mean - scale(perf_mean);
            DimensionResult {
                id: d.clone(),
                expected: e,
                perceived: p,
                gap: g,
                weight: weights.as_ref().map(|w| w[k]),
                verdict: Verdict::of(g, tol),
                ipa_quadrant: match (important, performing) {
                    (true, false) => Quadrant::ConcentrateHere,
                    (true, true) => Quadrant::KeepUp,
                    (false, false) => Quadrant::LowPriority,
                    (false, true) => Quadrant::PossibleOverkill,
                },
            }
        })
        .collect();
    let unweighted = mean(dimensions.iter().map(|d| d.gap));
    let weighted = weights.as_ref().map(|w| dimensions.iter().zip(w).map(|(d, w)| d.gap * w).sum());
    SatisfactionResults {
        items,
        unweighted_score: unweighted,
        weighted_score: weighted,
        mean_expected: mean(dimensions.iter().map(|d| d.expected)),
        mean_perceived: perf_mean,
        verdict: Verdict::of(unweighted, tol),
        dimensions,
        survey: None,
    }
}

mod form;
mod survey;
mod survey_task;
pub use form::*;
pub use survey::*;
pub use survey_task::{read_answer, run_task, SurveyJob, SurveyShape};
mod calc;
mod check;
mod view;
pub use calc::{SgAction, SgPreset, SgSetting, DECLS};
pub use view::*;
