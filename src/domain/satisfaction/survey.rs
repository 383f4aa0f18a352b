//! Survey CSV import (DESIGN §2.3): one pass, item means, Cronbach's α per
//! dimension, errors with row and column, all or nothing.

use super::*;

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
        // At most 1 exactly; perfectly consistent answers could round just above it.
        Some((k / (k - 1.0) * (1.0 - items / total)).min(1.0))
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
/// (It travels from the Web Worker that reads a large file as
/// [`SurveyError::to_value`].)
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
    TooLarge,
    Malformed(String),
    UnknownColumn,
    MissingColumn,
    DuplicateColumn,
    NotANumber(String),
    OutOfScale(String),
    NoAnswers,
    NoRespondents,
    TooManyErrors,
    /// The worker could not read the file (its reason).
    Failed(String),
    /// The questionnaire or scale changed while the file was read.
    Stale,
    /// The browser could not read the file (moved or deleted since chosen).
    Unreadable,
}

impl SurveyError {
    fn new(row: usize, column: Option<&str>, kind: SurveyErrorKind) -> SurveyError {
        SurveyError { row, column: column.map(str::to_string), kind }
    }

    /// As JSON: `[row, column or null, kind, detail or null]` (the page
    /// reads it by hand: a derived reader would add its own code to the
    /// first load).
    pub fn to_value(&self) -> serde_json::Value {
        use SurveyErrorKind as K;
        let (kind, detail) = match &self.kind {
            K::Empty => ("empty", None),
            K::NotText => ("not_text", None),
            K::TooLarge => ("too_large", None),
            K::Malformed(d) => ("malformed", Some(d)),
            K::UnknownColumn => ("unknown_column", None),
            K::MissingColumn => ("missing_column", None),
            K::DuplicateColumn => ("duplicate_column", None),
            K::NotANumber(v) => ("not_a_number", Some(v)),
            K::OutOfScale(v) => ("out_of_scale", Some(v)),
            K::NoAnswers => ("no_answers", None),
            K::NoRespondents => ("no_respondents", None),
            K::TooManyErrors => ("too_many_errors", None),
            K::Failed(d) => ("failed", Some(d)),
            K::Stale => ("stale", None),
            K::Unreadable => ("unreadable", None),
        };
        serde_json::json!([self.row, self.column, kind, detail])
    }

    /// Reads [`SurveyError::to_value`]'s form.
    pub fn from_value(v: &serde_json::Value) -> Option<SurveyError> {
        use SurveyErrorKind as K;
        let a = v.as_array()?;
        let row = usize::try_from(a.first()?.as_u64()?).ok()?;
        let column = a.get(1)?.as_str().map(str::to_string);
        let detail = || a.get(3).and_then(serde_json::Value::as_str).map(str::to_string);
        let kind = match a.get(2)?.as_str()? {
            "empty" => K::Empty,
            "not_text" => K::NotText,
            "too_large" => K::TooLarge,
            "malformed" => K::Malformed(detail()?),
            "unknown_column" => K::UnknownColumn,
            "missing_column" => K::MissingColumn,
            "duplicate_column" => K::DuplicateColumn,
            "not_a_number" => K::NotANumber(detail()?),
            "out_of_scale" => K::OutOfScale(detail()?),
            "no_answers" => K::NoAnswers,
            "no_respondents" => K::NoRespondents,
            "too_many_errors" => K::TooManyErrors,
            "failed" => K::Failed(detail()?),
            "stale" => K::Stale,
            "unreadable" => K::Unreadable,
            _ => return None,
        };
        Some(SurveyError { row, column, kind })
    }

    /// The whole file refused: larger than [`MAX_SURVEY_BYTES`].
    pub fn too_large() -> SurveyError {
        SurveyError::new(0, None, SurveyErrorKind::TooLarge)
    }

    /// The whole file refused: the worker could not read it (`reason`: the
    /// browser's words, or empty).
    pub fn failed(reason: &str) -> SurveyError {
        SurveyError::new(0, None, SurveyErrorKind::Failed(reason.chars().take(200).collect()))
    }

    /// The whole file refused: the browser could not read it.
    pub fn unreadable() -> SurveyError {
        SurveyError::new(0, None, SurveyErrorKind::Unreadable)
    }

    /// The whole file refused: the questionnaire or the scale changed while
    /// it was read, so its columns may no longer be the items'.
    pub fn stale() -> SurveyError {
        SurveyError::new(0, None, SurveyErrorKind::Stale)
    }

    /// The message in `lang`, with the row and column.
    pub fn message(&self, lang: Lang, scale: (f64, f64)) -> String {
        let t = |m: Msg| m.text(lang).to_string();
        let what = match &self.kind {
            SurveyErrorKind::Empty => t(Msg::CsvEmpty),
            SurveyErrorKind::NotText => t(Msg::CsvNotText),
            SurveyErrorKind::TooLarge => t(Msg::CsvTooLarge).replace("{max}", &(MAX_SURVEY_BYTES >> 20).to_string()),
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
            // The browser's own words, when it gave any.
            SurveyErrorKind::Failed(d) if d.is_empty() => t(Msg::CsvFailed),
            SurveyErrorKind::Failed(d) => format!("{} ({d})", t(Msg::CsvFailed)),
            SurveyErrorKind::Stale => t(Msg::CsvStale),
            SurveyErrorKind::Unreadable => t(Msg::CbFileUnreadable),
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
/// Largest survey file read on the page (a class's survey, a few
/// milliseconds); a larger one is read by the Web Worker (DESIGN §4). About
/// 3,000 respondents of SERVQUAL's 44 columns; 10 ms here, about 40 ms on a
/// slow phone.
pub const SURVEY_PAGE_BYTES: usize = 256 * 1024;
/// Largest survey file, in bytes (checked before parsing; the browser reads
/// at most one byte more of a larger file).
pub const MAX_SURVEY_BYTES: usize = 32 * 1024 * 1024;

/// Parses a survey CSV for `items` (`(id, dimension)` pairs) on a scale.
/// All or nothing: any problem refuses the whole file.
pub fn parse_survey(
    bytes: &[u8],
    instrument: Instrument,
    items: &[(String, String)],
    scale: (f64, f64),
) -> Result<Survey, Vec<SurveyError>> {
    parse_survey_with_progress(bytes, instrument, items, scale, &mut |_| {})
}

/// [`parse_survey`], telling `progress` the fraction of the file read
/// (every few thousand rows).
pub fn parse_survey_with_progress(
    bytes: &[u8],
    instrument: Instrument,
    items: &[(String, String)],
    scale: (f64, f64),
    progress: &mut dyn FnMut(f64),
) -> Result<Survey, Vec<SurveyError>> {
    if bytes.len() > MAX_SURVEY_BYTES {
        return Err(vec![SurveyError::new(0, None, SurveyErrorKind::TooLarge)]);
    }
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
    for line in 0usize.. {
        let Some(rec) = records.next() else { break };
        let row = line + 2;
        if line % 4096 == 4095 {
            progress(records.reader().position().byte() as f64 / bytes.len() as f64);
        }
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
        // A row longer than the header is one error, however long it is
        // (a 100,000-cell row must not produce 100,000 messages).
        if rec.iter().skip(slots.len()).any(|c| !c.is_empty()) {
            errs.push(SurveyError::new(row, None, SurveyErrorKind::Malformed(format!("{} fields", rec.len()))));
        }
        for (c, cell) in rec.iter().enumerate().take(slots.len()) {
            if errs.len() >= MAX_ERRORS {
                break;
            }
            let Some(Some(slot)) = slots.get(c) else {
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
    Ok(Survey { expected: means[..k].to_vec(), perceived: means[k..].to_vec(), summary: SurveySummary { respondents, alpha } })
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
