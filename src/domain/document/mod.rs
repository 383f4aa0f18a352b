//! The JSON document (format version 1, DESIGN §3.1): export, and an import
//! that checks everything and reports every offending path at once.
//!
//! Import is all-or-nothing: [`import`] either returns a fully valid
//! [`Document`] (whose `results` the caller recomputes, never trusting the
//! file) or the list of [`ImportError`]s, and the caller changes nothing.

use crate::domain::customer_base::calc::{CustomerBaseInputs, CustomerBaseResults};
use crate::domain::customer_value::{self, CustomerValueInputs, CustomerValueResults};
use crate::domain::delivered_value::{self as dv, DeliveredValueInputs, DeliveredValueResults};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::name::NameError;
use crate::domain::number::InputError;
use crate::domain::registry;
use crate::domain::retention_curve::{sbg, RetentionCurveInputs, RetentionCurveResults};
use crate::domain::satisfaction::{self, SatisfactionInputs, SatisfactionResults};
use crate::domain::{Calculator, Currency};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod analysis;
pub(crate) mod check;

/// The `format` value of every document.
pub const FORMAT: &str = "customer-value-calculator";
/// The format version this app writes (and the newest it reads).
pub const FORMAT_VERSION: u32 = 1;
/// Largest file accepted on import (a customer base document, which
/// carries its data; other calculators' documents stay under
/// [`MAX_OTHER_BYTES`]).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Largest document of any calculator but the customer base.
pub const MAX_OTHER_BYTES: usize = 5 * 1024 * 1024;
/// Most scenarios besides the baseline.
pub const MAX_SCENARIOS: usize = 8;
/// Deepest nesting accepted on import.
pub const MAX_DEPTH: usize = 32;

/// The constant `format` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum FormatName {
    /// `customer-value-calculator`
    #[serde(rename = "customer-value-calculator")]
    CustomerValueCalculator,
}

/// A named copy of the inputs, with its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario<I, R> {
    /// Scenario name.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 60)))]
    pub name: String,
    /// Its inputs.
    pub inputs: I,
    /// Its results (recomputed on import).
    pub results: R,
}

/// The body shared by every calculator's document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, bound(deserialize = "I: Deserialize<'de>, R: Deserialize<'de>"))]
pub struct Body<I, R> {
    /// Always `customer-value-calculator`.
    pub format: FormatName,
    /// Always 1 for this version.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 1)))]
    pub format_version: u32,
    /// The app version that wrote the file.
    pub app_version: String,
    /// Currency label (ISO 4217 code).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^[A-Z]{3}$")))]
    pub currency: String,
    /// The inputs.
    pub inputs: I,
    /// The results (recomputed on import, never trusted).
    pub results: R,
    /// Named what-if copies of the inputs (at most 8).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 8)))]
    pub scenarios: Vec<Scenario<I, R>>,
    /// What-if settings and summaries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Map<String, Value>>,
    /// Where linked inputs came from: input key → `{calculator, result, value, assumption}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Map<String, Value>>,
}

/// A body with freshly computed results for the inputs and every scenario.
fn body<I, R>(inputs: I, currency: Currency, scenarios: Vec<(String, I)>, compute: impl Fn(&I) -> R) -> Body<I, R> {
    Body {
        format: FormatName::CustomerValueCalculator,
        format_version: FORMAT_VERSION,
        app_version: crate::APP_VERSION.to_string(),
        currency: currency.code().to_string(),
        results: compute(&inputs),
        inputs,
        scenarios: scenarios.into_iter().map(|(name, i)| Scenario { name, results: compute(&i), inputs: i }).collect(),
        analysis: None,
        links: None,
    }
}

/// A whole document, tagged by `calculator`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "calculator", rename_all = "snake_case")]
// A document is built once per export or import, never stored in bulk, so
// the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Document {
    /// §2.1
    CustomerValue(Body<CustomerValueInputs, CustomerValueResults>),
    /// §2.2
    DeliveredValue(Body<DeliveredValueInputs, DeliveredValueResults>),
    /// §2.3
    SatisfactionGap(Body<SatisfactionInputs, SatisfactionResults>),
    /// §2.5
    CustomerBase(Body<CustomerBaseInputs, CustomerBaseResults>),
    /// §2.6
    RetentionCurve(Body<RetentionCurveInputs, RetentionCurveResults>),
}

/// Applies the same expression to the body of whichever variant a document
/// is (the document half of the calculator registry).
macro_rules! each_body {
    ($doc:expr, $b:ident => $e:expr) => {
        match $doc {
            Document::CustomerValue($b) => $e,
            Document::DeliveredValue($b) => $e,
            Document::SatisfactionGap($b) => $e,
            Document::CustomerBase($b) => $e,
            Document::RetentionCurve($b) => $e,
        }
    };
}

impl Document {
    /// The calculator the document belongs to.
    pub fn calculator(&self) -> Calculator {
        match self {
            Document::CustomerValue(_) => Calculator::CustomerValue,
            Document::DeliveredValue(_) => Calculator::DeliveredValue,
            Document::SatisfactionGap(_) => Calculator::SatisfactionGap,
            Document::CustomerBase(_) => Calculator::CustomerBase,
            Document::RetentionCurve(_) => Calculator::RetentionCurve,
        }
    }

    /// A satisfaction gap document with freshly computed results.
    pub fn satisfaction_gap(inputs: SatisfactionInputs, currency: Currency, scenarios: Vec<(String, SatisfactionInputs)>) -> Document {
        Document::SatisfactionGap(body(inputs, currency, scenarios, satisfaction::compute))
    }

    /// A customer value document with freshly computed results.
    pub fn customer_value(inputs: CustomerValueInputs, currency: Currency, scenarios: Vec<(String, CustomerValueInputs)>) -> Document {
        Document::CustomerValue(body(inputs, currency, scenarios, customer_value::compute_inputs))
    }

    /// A delivered value document with freshly computed results.
    pub fn delivered_value(inputs: DeliveredValueInputs, currency: Currency, scenarios: Vec<(String, DeliveredValueInputs)>) -> Document {
        Document::DeliveredValue(body(inputs, currency, scenarios, dv::compute))
    }

    /// Sets the `analysis` object and the app version read from a file.
    pub(crate) fn set_meta(&mut self, analysis: Option<Map<String, Value>>, app_version: String) {
        each_body!(self, b => {
            b.analysis = analysis;
            if !app_version.is_empty() {
                b.app_version = app_version;
            }
        })
    }

    /// The `analysis` object.
    pub fn analysis(&self) -> Option<&Map<String, Value>> {
        each_body!(self, b => b.analysis.as_ref())
    }

    /// The document as pretty JSON (two-space indent, trailing newline).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The currency label.
    pub fn currency(&self) -> Option<Currency> {
        each_body!(self, b => Currency::parse(&b.currency))
    }
}

/// The file name an export is saved under, e.g. `customer-value-2026-11-22.json`.
pub fn file_name(calc: Calculator, date_iso: &str) -> String {
    let stem = calc.as_str().replace('_', "-");
    format!("{stem}-{date_iso}.json")
}

/// One reason an import was refused: where, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    /// A path such as `inputs.offers[2].time_cost`, or empty for the whole file.
    pub path: String,
    kind: ImportKind,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ImportKind {
    Cohorts(Box<sbg::Error>),
    Data(String),
    TooLargeData,
    Links,
    Curve,
    NotOffered,
    Analysis,
    TooLarge,
    NotJson(String),
    TooDeep,
    NotObject,
    WrongFormat,
    Version(String),
    UnknownCalculator,
    ScaleOrder,
    ItemCount,
    DuplicateId,
    WrongItems,
    UnknownDimension,
    WeightsZero,
    UnknownKey,
    Missing,
    NotNumber,
    NotText,
    NotBool,
    NotList,
    OfferCount,
    TooManyScenarios,
    Currency,
    Value(InputError),
    Name(NameError),
}

impl ImportError {
    pub(crate) fn new(path: impl Into<String>, kind: ImportKind) -> ImportError {
        ImportError { path: path.into(), kind }
    }

    /// The reason in `lang` (English is lowercase, for tests and logs).
    pub fn message(&self, lang: Lang) -> String {
        let t = |m: Msg| m.text(lang).to_string();
        match &self.kind {
            ImportKind::Cohorts(e) => e.message(lang),
            ImportKind::Data(d) => t(Msg::ImpData).replace("{detail}", d),
            ImportKind::Links => t(Msg::ImpLinks),
            ImportKind::Curve => t(Msg::ImpCurve),
            ImportKind::NotOffered => t(Msg::ImpNotOffered),
            ImportKind::Analysis => t(Msg::ImpAnalysis),
            ImportKind::TooLarge => t(Msg::ImpTooLarge),
            ImportKind::TooLargeData => t(Msg::ImpTooLargeData),
            ImportKind::NotJson(d) => t(Msg::ImpNotJson).replace("{detail}", d),
            ImportKind::TooDeep => t(Msg::ImpTooDeep),
            ImportKind::NotObject => t(Msg::ImpNotObject),
            ImportKind::WrongFormat => t(Msg::ImpWrongFormat),
            ImportKind::Version(v) => t(Msg::ImpVersion).replace("{v}", v),
            ImportKind::UnknownCalculator => t(Msg::ImpUnknownCalculator),
            ImportKind::UnknownKey => t(Msg::ImpUnknownKey),
            ImportKind::Missing => t(Msg::ImpMissing),
            ImportKind::NotNumber => t(Msg::ImpNotNumber),
            ImportKind::NotText => t(Msg::ImpNotText),
            ImportKind::NotBool => t(Msg::ErrNotBool),
            ImportKind::NotList => t(Msg::ImpNotList),
            ImportKind::OfferCount => t(Msg::ImpOfferCount),
            ImportKind::TooManyScenarios => t(Msg::ImpTooManyScenarios),
            ImportKind::Currency => t(Msg::ImpCurrency),
            ImportKind::Value(e) => e.message(lang),
            ImportKind::ScaleOrder => t(Msg::SgScaleAboveMin),
            ImportKind::ItemCount => t(Msg::ImpItemCount),
            ImportKind::DuplicateId => t(Msg::ImpDuplicateId),
            ImportKind::WrongItems => t(Msg::ImpWrongItems),
            ImportKind::UnknownDimension => t(Msg::ImpUnknownDimension),
            ImportKind::WeightsZero => t(Msg::SgWeightsZero),
            ImportKind::Name(e) => e.message(lang),
        }
    }

    /// The error for a file over [`MAX_BYTES`], refused before it is read.
    pub fn too_large() -> ImportError {
        ImportError::new("", ImportKind::TooLarge)
    }

    /// The error for a document of a calculator the page does not offer.
    pub fn not_offered() -> ImportError {
        ImportError::new("calculator", ImportKind::NotOffered)
    }

    /// Whether this is the refusal of a calculator outside `tabs`.
    pub fn is_not_offered(&self) -> bool {
        self.kind == ImportKind::NotOffered
    }

    /// `path: message`, or the message alone for the whole file.
    pub fn line(&self, lang: Lang) -> String {
        if self.path.is_empty() {
            self.message(lang)
        } else {
            format!("{}: {}", self.path, self.message(lang))
        }
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// Reads a document. On success its results are recomputed; on failure
/// every problem found is listed with its path.
pub fn import(text: &str) -> Result<Document, Vec<ImportError>> {
    if text.len() > MAX_BYTES {
        return Err(vec![ImportError::new("", ImportKind::TooLargeData)]);
    }
    if text.len() > MAX_OTHER_BYTES && !text.contains("\"customer_base\"") {
        return Err(vec![ImportError::new("", ImportKind::TooLarge)]);
    }
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) if e.to_string().contains("recursion limit") => return Err(vec![ImportError::new("", ImportKind::TooDeep)]),
        Err(e) => return Err(vec![ImportError::new("", ImportKind::NotJson(e.to_string()))]),
    };
    if depth(&value) > MAX_DEPTH {
        return Err(vec![ImportError::new("", ImportKind::TooDeep)]);
    }
    let mut errs = Vec::new();
    let Some(root) = value.as_object() else {
        return Err(vec![ImportError::new("", ImportKind::NotObject)]);
    };
    if root.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(vec![ImportError::new("format", ImportKind::WrongFormat)]);
    }
    match root.get("format_version") {
        Some(v) if v.as_u64() == Some(1) => {}
        Some(v) => return Err(vec![ImportError::new("format_version", ImportKind::Version(v.to_string()))]),
        None => return Err(vec![ImportError::new("format_version", ImportKind::Missing)]),
    }
    let calc = match root.get("calculator").and_then(Value::as_str).map(Calculator::parse) {
        Some(Some(c)) => c,
        _ => return Err(vec![ImportError::new("calculator", ImportKind::UnknownCalculator)]),
    };
    if calc != Calculator::CustomerBase && text.len() > MAX_OTHER_BYTES {
        return Err(vec![ImportError::too_large()]);
    }
    const TOP: &[&str] =
        &["format", "format_version", "app_version", "calculator", "currency", "inputs", "results", "scenarios", "analysis", "links"];
    for k in root.keys() {
        if !TOP.contains(&k.as_str()) {
            errs.push(ImportError::new(k.clone(), ImportKind::UnknownKey));
        }
    }
    match root.get("app_version") {
        Some(Value::String(_)) => {}
        Some(_) => errs.push(ImportError::new("app_version", ImportKind::NotText)),
        None => errs.push(ImportError::new("app_version", ImportKind::Missing)),
    }
    match root.get("currency") {
        Some(Value::String(c)) if Currency::parse(c).is_some() => {}
        Some(Value::String(_)) => errs.push(ImportError::new("currency", ImportKind::Currency)),
        Some(_) => errs.push(ImportError::new("currency", ImportKind::NotText)),
        None => errs.push(ImportError::new("currency", ImportKind::Missing)),
    }
    let check_inputs = |v: Option<&Value>, path: &str, errs: &mut Vec<ImportError>| match v {
        None => errs.push(ImportError::new(path, ImportKind::Missing)),
        Some(v) => registry::check_inputs(calc, v, path, errs),
    };
    check_inputs(root.get("inputs"), "inputs", &mut errs);
    match root.get("results") {
        None | Some(Value::Object(_)) => {}
        Some(_) => errs.push(ImportError::new("results", ImportKind::NotObject)),
    }
    match root.get("scenarios") {
        None => {}
        Some(Value::Array(list)) => {
            if list.len() > MAX_SCENARIOS {
                errs.push(ImportError::new("scenarios", ImportKind::TooManyScenarios));
            }
            for (i, s) in list.iter().enumerate() {
                let p = format!("scenarios[{i}]");
                let Some(o) = s.as_object() else {
                    errs.push(ImportError::new(p, ImportKind::NotObject));
                    continue;
                };
                for k in o.keys() {
                    if !["name", "inputs", "results"].contains(&k.as_str()) {
                        errs.push(ImportError::new(format!("{p}.{k}"), ImportKind::UnknownKey));
                    }
                }
                check::check_name_value(o.get("name"), &p, &mut errs);
                check_inputs(o.get("inputs"), &format!("{p}.inputs"), &mut errs);
            }
        }
        Some(_) => errs.push(ImportError::new("scenarios", ImportKind::NotList)),
    }
    match root.get("analysis") {
        None => {}
        Some(Value::Object(a)) => analysis::check(a, &mut errs),
        Some(_) => errs.push(ImportError::new("analysis", ImportKind::NotObject)),
    }
    match root.get("links") {
        None | Some(Value::Null) => {}
        Some(Value::Object(l)) => analysis::check_links(l, &mut errs),
        Some(_) => errs.push(ImportError::new("links", ImportKind::NotObject)),
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    // Everything is valid: build the typed document from the inputs (the
    // same readers the URL and autosave use, which keep every value exact);
    // results are recomputed, never read.
    typed(calc, root).ok_or_else(|| vec![ImportError::new("", ImportKind::NotJson("inconsistent document".into()))])
}

fn typed(calc: Calculator, root: &Map<String, Value>) -> Option<Document> {
    let currency = Currency::parse(root.get("currency")?.as_str()?)?;
    let mut doc = registry::read_document(calc, root, currency)?;
    let analysis = root.get("analysis").and_then(Value::as_object).cloned();
    let app_version = root.get("app_version").and_then(Value::as_str).unwrap_or_default().to_string();
    doc.set_meta(analysis, app_version);
    let links = root.get("links").and_then(Value::as_object).cloned();
    each_body!(&mut doc, b => b.links = links);
    Some(doc)
}

/// The JSON Schema of the document, generated from the Rust types.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(Document);
    // The ranges of scalar inputs come from the calculators' declarations,
    // the same ones the forms, the URL and the import checks use.
    for (name, decls) in registry::declared_inputs() {
        if let Some(props) =
            schema.as_object_mut().and_then(|o| o.get_mut("$defs")).and_then(|d| d.get_mut(name)).and_then(|d| d.get_mut("properties"))
        {
            for d in decls {
                let (Some(spec), Some(p)) = (d.kind.spec(), props.get_mut(d.key).and_then(Value::as_object_mut)) else { continue };
                let n = |v: f64| serde_json::json!(v);
                p.insert(if spec.min_inclusive { "minimum" } else { "exclusiveMinimum" }.into(), n(spec.min));
                if let Some(max) = spec.max {
                    p.insert(if spec.max_inclusive { "maximum" } else { "exclusiveMaximum" }.into(), n(max));
                }
                if spec.whole {
                    p.insert("multipleOf".into(), serde_json::json!(1));
                }
            }
        }
    }
    if let Some(o) = schema.as_object_mut() {
        o.insert("$id".into(), Value::String("schema/customer-value-calculator.v1.json".into()));
        o.insert("title".into(), Value::String("Customer Value Calculator document, format version 1".into()));
    }
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
