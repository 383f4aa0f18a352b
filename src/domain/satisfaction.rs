//! §2.3 Satisfaction gap: perceived − expected, per item and per dimension,
//! with SERVQUAL's 22 items in 5 dimensions, the 10 determinants of the 1985
//! model, or the user's own attributes; optional dimension weights;
//! importance–performance analysis; and survey CSV import with Cronbach's α.

use crate::domain::i18n::{Lang, Msg};
use crate::domain::number::{self, InputError, NumberSpec};
use serde::{Deserialize, Serialize};
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
        Msg::Q1, Msg::Q2, Msg::Q3, Msg::Q4, Msg::Q5, Msg::Q6, Msg::Q7, Msg::Q8, Msg::Q9, Msg::Q10, Msg::Q11,
        Msg::Q12, Msg::Q13, Msg::Q14, Msg::Q15, Msg::Q16, Msg::Q17, Msg::Q18, Msg::Q19, Msg::Q20, Msg::Q21, Msg::Q22,
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
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0)))]
    pub tolerance: f64,
    /// The items.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 50)))]
    pub items: Vec<Item>,
    /// Dimension → points (normalised by their sum), or null.
    pub dimension_weights: Option<BTreeMap<String, f64>>,
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

/// Cronbach's α of complete cases: `k/(k−1) · (1 − Σ s²_item / s²_total)`
/// with sample variances. `rows` are complete respondents' answers to the
/// dimension's `k` items. `None` for fewer than 2 items or respondents, or
/// a total variance of 0.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let n = rows.len();
    let k = rows.first()?.len();
    if n < 2 || k < 2 {
        return None;
    }
    let mut acc = AlphaAcc::new(k);
    for r in rows {
        acc.add(r);
    }
    acc.alpha()
}

/// Running sums for Cronbach's α (one pass, no stored rows).
#[derive(Clone, Debug)]
struct AlphaAcc {
    n: f64,
    sum: Vec<f64>,
    sq: Vec<f64>,
    tsum: f64,
    tsq: f64,
}

impl AlphaAcc {
    fn new(k: usize) -> AlphaAcc {
        AlphaAcc { n: 0.0, sum: vec![0.0; k], sq: vec![0.0; k], tsum: 0.0, tsq: 0.0 }
    }
    fn add(&mut self, row: &[f64]) {
        self.n += 1.0;
        let mut t = 0.0;
        for (j, &x) in row.iter().enumerate() {
            self.sum[j] += x;
            self.sq[j] += x * x;
            t += x;
        }
        self.tsum += t;
        self.tsq += t * t;
    }
    fn alpha(&self) -> Option<f64> {
        let k = self.sum.len() as f64;
        let n = self.n;
        if n < 2.0 || k < 2.0 {
            return None;
        }
        let var = |s: f64, q: f64| (q - s * s / n) / (n - 1.0);
        let items: f64 = self.sum.iter().zip(&self.sq).map(|(s, q)| var(*s, *q)).sum();
        let total = var(self.tsum, self.tsq);
        if total <= 1e-12 {
            return None;
        }
        Some(k / (k - 1.0) * (1.0 - items / total))
    }
}

/// The expected CSV header for a list of item ids: `e1…eK, p1…pK` for the
/// fixed instruments, `e_<id>`/`p_<id>` for custom ones.
pub fn csv_columns(instrument: Instrument, ids: &[String]) -> Vec<String> {
    let col = |prefix: char, k: usize, id: &str| match instrument {
        Instrument::Custom => format!("{prefix}_{id}"),
        _ => format!("{prefix}{}", k + 1),
    };
    let mut cols: Vec<String> = ids.iter().enumerate().map(|(k, id)| col('e', k, id)).collect();
    cols.extend(ids.iter().enumerate().map(|(k, id)| col('p', k, id)));
    cols
}

/// A blank CSV template (the header row) for the items.
pub fn csv_template(instrument: Instrument, ids: &[String]) -> String {
    format!("{}\n", csv_columns(instrument, ids).join(","))
}

/// Why a survey CSV was refused. Row numbers count the header as row 1.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyError {
    /// 1-based line of the CSV (0 for the whole file).
    pub row: usize,
    /// The column concerned, if any.
    pub column: Option<String>,
    kind: SurveyErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
enum SurveyErrorKind {
    Empty,
    NotText,
    Malformed(String),
    UnknownColumn,
    MissingColumn,
    DuplicateColumn,
    NotANumber(String),
    OutOfScale(String),
    NoAnswers,
    NoRespondents,
    TooManyErrors,
}

impl SurveyError {
    fn new(row: usize, column: Option<&str>, kind: SurveyErrorKind) -> SurveyError {
        SurveyError { row, column: column.map(str::to_string), kind }
    }

    /// The message in `lang`, with the row and column.
    pub fn message(&self, lang: Lang, scale: (f64, f64)) -> String {
        let t = |m: Msg| m.text(lang).to_string();
        let what = match &self.kind {
            SurveyErrorKind::Empty => t(Msg::CsvEmpty),
            SurveyErrorKind::NotText => t(Msg::CsvNotText),
            SurveyErrorKind::Malformed(d) => t(Msg::CsvMalformed).replace("{detail}", d),
            SurveyErrorKind::UnknownColumn => t(Msg::CsvUnknownColumn),
            SurveyErrorKind::MissingColumn => t(Msg::CsvMissingColumn),
            SurveyErrorKind::DuplicateColumn => t(Msg::CsvDuplicateColumn),
            SurveyErrorKind::NotANumber(v) => t(Msg::CsvNotANumber).replace("{value}", v),
            SurveyErrorKind::OutOfScale(v) => t(Msg::CsvOutOfScale)
                .replace("{value}", v)
                .replace("{min}", &number::plain(scale.0))
                .replace("{max}", &number::plain(scale.1)),
            SurveyErrorKind::NoAnswers => t(Msg::CsvNoAnswers),
            SurveyErrorKind::NoRespondents => t(Msg::CsvNoRespondents),
            SurveyErrorKind::TooManyErrors => t(Msg::CsvTooManyErrors),
        };
        let place = match (&self.row, &self.column) {
            (0, None) => String::new(),
            (0, Some(c)) => t(Msg::CsvColumn).replace("{column}", c),
            (r, None) => t(Msg::CsvRow).replace("{row}", &r.to_string()),
            (r, Some(c)) => t(Msg::CsvRowColumn).replace("{row}", &r.to_string()).replace("{column}", c),
        };
        if place.is_empty() {
            what
        } else {
            format!("{place}: {what}")
        }
    }
}

/// A parsed survey: item means and the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Survey {
    /// Mean expectation per item, in item order.
    pub expected: Vec<f64>,
    /// Mean perception per item, in item order.
    pub perceived: Vec<f64>,
    /// Respondents and α per dimension.
    pub summary: SurveySummary,
}

/// Most errors listed before the import stops looking.
const MAX_ERRORS: usize = 20;

/// Parses a survey CSV for `items` (`(id, dimension)` pairs) on a scale.
/// All or nothing: any problem refuses the whole file.
pub fn parse_survey(
    bytes: &[u8],
    instrument: Instrument,
    items: &[(String, String)],
    scale: (f64, f64),
) -> Result<Survey, Vec<SurveyError>> {
    let text = std::str::from_utf8(bytes).map_err(|_| vec![SurveyError::new(0, None, SurveyErrorKind::NotText)])?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(vec![SurveyError::new(0, None, SurveyErrorKind::Empty)]);
    }
    if text.contains('\u{0}') {
        return Err(vec![SurveyError::new(0, None, SurveyErrorKind::NotText)]);
    }
    let ids: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
    let expected_cols = csv_columns(instrument, &ids);
    let k = items.len();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![SurveyError::new(1, None, SurveyErrorKind::Malformed(e.to_string()))]),
        None => return Err(vec![SurveyError::new(0, None, SurveyErrorKind::Empty)]),
    };
    // Map each CSV column to a slot: 0..k expectations, k..2k perceptions; ignored id columns are None.
    let mut errs = Vec::new();
    let mut slots: Vec<Option<usize>> = Vec::new();
    let mut seen = vec![false; 2 * k];
    for raw in header.iter() {
        let name = String::from_utf8_lossy(raw).trim().to_string();
        let lower = name.to_ascii_lowercase();
        if lower == "id" || lower == "respondent" {
            slots.push(None);
            continue;
        }
        match expected_cols.iter().position(|c| c.to_ascii_lowercase() == lower) {
            Some(j) if seen[j] => {
                errs.push(SurveyError::new(1, Some(&name), SurveyErrorKind::DuplicateColumn));
                slots.push(None);
            }
            Some(j) => {
                seen[j] = true;
                slots.push(Some(j));
            }
            None => {
                errs.push(SurveyError::new(1, Some(&name), SurveyErrorKind::UnknownColumn));
                slots.push(None);
            }
        }
    }
    for (j, ok) in seen.iter().enumerate() {
        if !ok {
            errs.push(SurveyError::new(1, Some(&expected_cols[j]), SurveyErrorKind::MissingColumn));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    // Dimensions and their item positions.
    let mut dims: Vec<(String, Vec<usize>)> = Vec::new();
    for (j, (_, d)) in items.iter().enumerate() {
        match dims.iter_mut().find(|(name, _)| name == d) {
            Some((_, v)) => v.push(j),
            None => dims.push((d.clone(), vec![j])),
        }
    }
    let mut sums = vec![0.0f64; 2 * k];
    let mut counts = vec![0u64; 2 * k];
    let mut acc_e: Vec<AlphaAcc> = dims.iter().map(|(_, v)| AlphaAcc::new(v.len())).collect();
    let mut acc_p = acc_e.clone();
    let mut row_vals = vec![f64::NAN; 2 * k];
    let mut buf = Vec::with_capacity(8);
    let mut respondents = 0u64;
    for (line, rec) in records.enumerate() {
        let row = line + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errs.push(SurveyError::new(row, None, SurveyErrorKind::Malformed(e.to_string())));
                break;
            }
        };
        if rec.iter().all(|c| c.is_empty()) {
            continue;
        }
        respondents += 1;
        row_vals.iter_mut().for_each(|v| *v = f64::NAN);
        for (c, cell) in rec.iter().enumerate() {
            let Some(Some(slot)) = slots.get(c) else {
                if c >= slots.len() && !cell.is_empty() {
                    errs.push(SurveyError::new(row, None, SurveyErrorKind::Malformed(format!("{} fields", rec.len()))));
                }
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            let v = parse_rating(cell, &mut buf);
            match v {
                Some(x) if x >= scale.0 && x <= scale.1 => row_vals[*slot] = x,
                Some(_) => errs.push(SurveyError::new(
                    row,
                    Some(&expected_cols[*slot]),
                    SurveyErrorKind::OutOfScale(String::from_utf8_lossy(cell).into_owned()),
                )),
                None => errs.push(SurveyError::new(
                    row,
                    Some(&expected_cols[*slot]),
                    SurveyErrorKind::NotANumber(String::from_utf8_lossy(cell).chars().take(20).collect()),
                )),
            }
        }
        if errs.len() >= MAX_ERRORS {
            errs.push(SurveyError::new(0, None, SurveyErrorKind::TooManyErrors));
            return Err(errs);
        }
        for (j, v) in row_vals.iter().enumerate() {
            if !v.is_nan() {
                sums[j] += v;
                counts[j] += 1;
            }
        }
        for (d, (_, members)) in dims.iter().enumerate() {
            if members.len() < 2 {
                continue;
            }
            buf_row(&row_vals, members, 0, &mut acc_e[d]);
            buf_row(&row_vals, members, k, &mut acc_p[d]);
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    if respondents == 0 {
        return Err(vec![SurveyError::new(0, None, SurveyErrorKind::NoRespondents)]);
    }
    for (j, c) in counts.iter().enumerate() {
        if *c == 0 {
            errs.push(SurveyError::new(0, Some(&expected_cols[j]), SurveyErrorKind::NoAnswers));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let means: Vec<f64> = sums.iter().zip(&counts).map(|(s, c)| s / *c as f64).collect();
    let alpha = dims
        .iter()
        .enumerate()
        .map(|(d, (name, members))| {
            let pair = if members.len() < 2 {
                AlphaPair { expected: None, perceived: None }
            } else {
                AlphaPair { expected: acc_e[d].alpha(), perceived: acc_p[d].alpha() }
            };
            (name.clone(), pair)
        })
        .collect();
    Ok(Survey {
        expected: means[..k].to_vec(),
        perceived: means[k..].to_vec(),
        summary: SurveySummary { respondents, alpha },
    })
}

/// Adds a respondent's answers to a dimension's α sums if they answered every item.
fn buf_row(vals: &[f64], members: &[usize], offset: usize, acc: &mut AlphaAcc) {
    let mut row = [0.0f64; 64];
    for (m, &j) in members.iter().enumerate() {
        let v = vals[offset + j];
        if v.is_nan() {
            return;
        }
        if m < row.len() {
            row[m] = v;
        }
    }
    acc.add(&row[..members.len().min(row.len())]);
}

/// Parses a rating cell quickly: plain decimals, full-width digits via the
/// shared parser as a fallback.
fn parse_rating(cell: &[u8], buf: &mut Vec<u8>) -> Option<f64> {
    if cell.iter().all(|b| b.is_ascii_digit() || *b == b'.') && cell.len() < 16 {
        buf.clear();
        buf.extend_from_slice(cell);
        return std::str::from_utf8(buf).ok()?.parse().ok();
    }
    let s = std::str::from_utf8(cell).ok()?;
    number::parse(s, &NumberSpec { min: f64::MIN, min_inclusive: true, max: None, max_inclusive: true, whole: false, percent: false }).ok()
}

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
}

/// The range a scale bound may take.
pub const SCALE_BOUNDS: NumberSpec = NumberSpec::range(-1e9, 1e9);

impl SgForm {
    /// A fresh form for an instrument, every rating at the scale's midpoint
    /// (custom: three attributes).
    pub fn new(instrument: Instrument, lang: Lang) -> SgForm {
        let item = |id: String, label: String, dimension: String| ItemForm {
            id,
            label,
            dimension,
            expected: "4".into(),
            perceived: "4".into(),
        };
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
            survey: None,
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
                let map: BTreeMap<String, f64> = w
                    .iter()
                    .map(|(d, t)| Some((d.clone(), number::parse(t, &NumberSpec::non_negative()).ok()?)))
                    .collect::<Option<_>>()?;
                if map.values().sum::<f64>() <= 0.0 {
                    return None;
                }
                Some(map)
            }
        };
        Some(SatisfactionInputs { instrument: self.instrument, scale_min: lo, scale_max: hi, tolerance, items, dimension_weights })
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
        items: vec![it("speed", Msg::SgSpeed, 6.0, 5.0), it("friendliness", Msg::SgFriendliness, 5.0, 6.0), it("accuracy", Msg::SgAccuracy, 7.0, 7.0)],
        dimension_weights: None,
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
    }
}
