//! The one number parser used by every numeric field of the application.
//!
//! It accepts what people actually type: surrounding spaces, full-width
//! digits and punctuation (`５０`, `２０％`), thousands separators (`26,000`)
//! and, in percent fields, an optional trailing `%`. It rejects empty text,
//! `NaN`, infinities, overflowing exponents (`1e400`) and garbage, and it checks
//! the field's range. It never panics: every failure is an [`InputError`].
//!
//! ```
//! use customer_value_calculator::domain::number::{NumberSpec, parse};
//! let money = NumberSpec::non_negative();
//! assert_eq!(parse("26,000", &money).unwrap(), 26000.0);
//! assert_eq!(parse("５０", &money).unwrap(), 50.0);
//! let rate = NumberSpec::fraction().percent();
//! assert_eq!(parse("20", &rate).unwrap(), 0.2);
//! assert_eq!(parse("２０％", &rate).unwrap(), 0.2);
//! assert_eq!(parse("-5", &money).unwrap_err().to_string(), "must be at least 0");
//! ```

use crate::domain::i18n::{Lang, Msg};
use std::fmt;

/// The valid range and presentation of one numeric field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberSpec {
    /// Smallest allowed value.
    pub min: f64,
    /// Whether `min` itself is allowed.
    pub min_inclusive: bool,
    /// Largest allowed value, if any.
    pub max: Option<f64>,
    /// Whether `max` itself is allowed.
    pub max_inclusive: bool,
    /// Only whole numbers are allowed.
    pub whole: bool,
    /// The field shows a fraction as a percentage: `20` means 0.2.
    pub percent: bool,
}

/// Largest magnitude any field accepts; beyond it results lose meaning.
pub const MAX_MAGNITUDE: f64 = 1e15;

impl NumberSpec {
    /// Any number ≥ 0 (money, counts).
    pub const fn non_negative() -> NumberSpec {
        NumberSpec { min: 0.0, min_inclusive: true, max: None, max_inclusive: true, whole: false, percent: false }
    }

    /// Any number a field accepts at all (±[`MAX_MAGNITUDE`]).
    pub const fn any() -> NumberSpec {
        NumberSpec { min: -MAX_MAGNITUDE, min_inclusive: true, max: Some(MAX_MAGNITUDE), max_inclusive: true, whole: false, percent: false }
    }

    /// A fraction in 0..=1.
    pub const fn fraction() -> NumberSpec {
        NumberSpec { min: 0.0, min_inclusive: true, max: Some(1.0), max_inclusive: true, whole: false, percent: false }
    }

    /// A range `min..=max`.
    pub const fn range(min: f64, max: f64) -> NumberSpec {
        NumberSpec { min, min_inclusive: true, max: Some(max), max_inclusive: true, whole: false, percent: false }
    }

    /// Excludes the lower bound.
    pub const fn exclusive_min(mut self) -> NumberSpec {
        self.min_inclusive = false;
        self
    }

    /// Allows whole numbers only.
    pub const fn whole(mut self) -> NumberSpec {
        self.whole = true;
        self
    }

    /// Shows and types the value as a percentage.
    pub const fn percent(mut self) -> NumberSpec {
        self.percent = true;
        self
    }

    /// The upper limit a search may use (the declared maximum, else
    /// [`MAX_MAGNITUDE`]).
    pub fn upper(&self) -> f64 {
        self.max.unwrap_or(MAX_MAGNITUDE)
    }

    /// Checks a value against the range.
    pub fn check(&self, v: f64) -> Result<f64, InputError> {
        if !v.is_finite() || v.abs() > MAX_MAGNITUDE {
            return Err(InputError::new(ErrorKind::TooLarge));
        }
        let below = if self.min_inclusive { v < self.min } else { v <= self.min };
        if below {
            return Err(InputError::new(if self.min_inclusive {
                ErrorKind::AtLeast(self.shown(self.min))
            } else {
                ErrorKind::GreaterThan(self.shown(self.min))
            }));
        }
        if let Some(max) = self.max {
            let above = if self.max_inclusive { v > max } else { v >= max };
            if above {
                return Err(InputError::new(ErrorKind::AtMost(self.shown(max))));
            }
        }
        if self.whole && v.fract() != 0.0 {
            return Err(InputError::new(ErrorKind::NotWhole));
        }
        Ok(v)
    }

    fn shown(&self, v: f64) -> f64 {
        if self.percent {
            v * 100.0
        } else {
            v
        }
    }
}

/// Why a field's text was rejected. Opaque: its message is available in
/// every language through [`InputError::message`] and, in English, through
/// `Display` (lowercase, no trailing period).
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
enum ErrorKind {
    Empty,
    NotANumber,
    TooLarge,
    PercentNotAllowed,
    BadGrouping,
    AtLeast(f64),
    GreaterThan(f64),
    AtMost(f64),
    NotWhole,
    UnknownChoice,
    NotBool,
    NotDate,
}

impl InputError {
    fn new(kind: ErrorKind) -> InputError {
        InputError { kind }
    }

    /// The error for a choice field given an unknown value.
    pub fn unknown_choice() -> InputError {
        InputError::new(ErrorKind::UnknownChoice)
    }

    /// The error for a yes/no field given something else.
    pub fn not_bool() -> InputError {
        InputError::new(ErrorKind::NotBool)
    }

    /// A stable machine-readable code (`empty`, `not_a_number`, …).
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty => "empty",
            ErrorKind::NotANumber => "not_a_number",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::PercentNotAllowed => "percent_not_allowed",
            ErrorKind::BadGrouping => "bad_grouping",
            ErrorKind::AtLeast(_) => "at_least",
            ErrorKind::GreaterThan(_) => "greater_than",
            ErrorKind::AtMost(_) => "at_most",
            ErrorKind::NotWhole => "not_whole",
            ErrorKind::UnknownChoice => "unknown_choice",
            ErrorKind::NotBool => "not_bool",
            ErrorKind::NotDate => "not_date",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (msg, bound) = match self.kind {
            ErrorKind::Empty => (Msg::ErrEmpty, None),
            ErrorKind::NotANumber => (Msg::ErrNotANumber, None),
            ErrorKind::TooLarge => (Msg::ErrTooLarge, None),
            ErrorKind::PercentNotAllowed => (Msg::ErrPercentNotAllowed, None),
            ErrorKind::BadGrouping => (Msg::ErrBadGrouping, None),
            ErrorKind::AtLeast(b) => (Msg::ErrAtLeast, Some(b)),
            ErrorKind::GreaterThan(b) => (Msg::ErrGreaterThan, Some(b)),
            ErrorKind::AtMost(b) => (Msg::ErrAtMost, Some(b)),
            ErrorKind::NotWhole => (Msg::ErrNotWhole, None),
            ErrorKind::UnknownChoice => (Msg::ErrUnknownChoice, None),
            ErrorKind::NotBool => (Msg::ErrNotBool, None),
            ErrorKind::NotDate => (Msg::ErrNotDate, None),
        };
        let text = msg.text(lang);
        match bound {
            Some(b) => text.replace("{n}", &plain(b)),
            None => text.to_string(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// Reads a calendar date written `YYYY-MM-DD` (full-width digits and `／`
/// or `/` separators accepted) between 1900 and 2200, returning its
/// canonical `YYYY-MM-DD` text. `1997-02-30` is refused.
pub fn iso_date(text: &str) -> Result<String, InputError> {
    let t: String = text.trim().chars().map(to_ascii).collect();
    if t.is_empty() {
        return Err(InputError::new(ErrorKind::Empty));
    }
    let bad = || InputError::new(ErrorKind::NotDate);
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(y.len() == 4 && digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return Err(bad());
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1900..=2200).contains(&y) || d == 0 || d > days {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// Maps full-width forms (U+FF01..U+FF5E) and the ideographic space to ASCII,
/// and a few other separators people paste to their plain equivalents.
fn to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{202F}' => ' ',
        '\u{3002}' => '.',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// Parses `text` for a field described by `spec`.
///
/// In a percent field the text is a percentage (`20` or `20%` → 0.2); in any
/// other field a `%` is an error.
pub fn parse(text: &str, spec: &NumberSpec) -> Result<f64, InputError> {
    let v = parse_plain(text, spec.percent)?;
    spec.check(v)
}

/// Parses a fraction as written in a URL or JSON-like context: `0.2` or
/// `20%` both mean 0.2. Range checks apply.
pub fn parse_fraction_text(text: &str, spec: &NumberSpec) -> Result<f64, InputError> {
    let norm: String = text.chars().map(to_ascii).collect();
    let t = norm.trim();
    if t.ends_with('%') {
        parse(t, spec)
    } else {
        let v = parse_plain(t, false)?;
        spec.check(v)
    }
}

/// A URL's rate (a fraction: `0.2` or `20%`) as a percent field's text.
/// A number that is not a valid fraction is shown as the percentage it
/// means (`20` is 2000%, `1.5` is 150%, `150%` is 150), so the field shows
/// its error instead of quietly reading it as a percentage; other text
/// stays as written.
pub fn url_fraction_text(raw: &str, spec: &NumberSpec) -> String {
    if let Ok(v) = parse_fraction_text(raw, spec) {
        return percent_text(v);
    }
    let norm: String = raw.chars().map(to_ascii).collect();
    match norm.trim().strip_suffix('%') {
        Some(n) if parse_plain(n, false).is_ok() => n.trim().to_string(),
        Some(_) => raw.to_string(),
        None => parse_plain(&norm, false).map_or_else(|_| raw.to_string(), percent_text),
    }
}

/// A percent field's text that is not valid, as the URL carries it: a plain
/// number gets its `%` (a URL's bare number is a fraction), so the link
/// opens the same percentage with the same error; other text as typed.
pub fn invalid_percent_url_text(text: &str) -> String {
    match parse_plain(text, false) {
        Ok(_) => format!("{}%", text.trim()),
        Err(_) => text.to_string(),
    }
}

fn parse_plain(text: &str, percent_field: bool) -> Result<f64, InputError> {
    let norm: String = text.chars().map(to_ascii).collect();
    let mut t = norm.trim();
    if t.is_empty() {
        return Err(InputError::new(ErrorKind::Empty));
    }
    let mut percent = percent_field;
    if let Some(rest) = t.strip_suffix('%') {
        if !percent_field {
            return Err(InputError::new(ErrorKind::PercentNotAllowed));
        }
        t = rest.trim_end();
        percent = true;
    }
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => ("", &t[1..]),
        Some(b'-') => ("-", &t[1..]),
        _ => ("", t),
    };
    // Split off an exponent.
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa = ungroup(mantissa)?;
    let mut exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(InputError::new(ErrorKind::NotANumber));
            }
            e.parse::<i64>().map_err(|_| InputError::new(ErrorKind::NotANumber))?
        }
    };
    if percent {
        exp -= 2;
    }
    let literal = format!("{sign}{mantissa}e{exp}");
    let v: f64 = literal.parse().map_err(|_| InputError::new(ErrorKind::NotANumber))?;
    if !v.is_finite() {
        return Err(InputError::new(ErrorKind::TooLarge));
    }
    Ok(if v == 0.0 { 0.0 } else { v })
}

/// Validates the digits of a mantissa and removes thousands separators,
/// which must group the integer part by three.
fn ungroup(m: &str) -> Result<String, InputError> {
    let (int, frac) = match m.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (m, None),
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = frac {
        if !digits_only(f) {
            return Err(InputError::new(ErrorKind::NotANumber));
        }
    }
    if int.is_empty() && frac.is_none_or(|f| f.is_empty()) {
        return Err(InputError::new(ErrorKind::NotANumber));
    }
    let int_plain = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len()) && digits_only(groups[0]);
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3 && digits_only(g));
        if !(first_ok && rest_ok) {
            return Err(InputError::new(if int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
                ErrorKind::BadGrouping
            } else {
                ErrorKind::NotANumber
            }));
        }
        groups.concat()
    } else {
        if !digits_only(int) {
            return Err(InputError::new(ErrorKind::NotANumber));
        }
        int.to_string()
    };
    let int_plain = if int_plain.is_empty() { "0".to_string() } else { int_plain };
    Ok(match frac {
        Some(f) if !f.is_empty() => format!("{int_plain}.{f}"),
        _ => int_plain,
    })
}

/// Formats a number plainly (no grouping), as short as exact: `0.2`, `26000`.
pub fn plain(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
}

/// Formats a fraction as the percentage a percent field shows: 0.2 → `20`,
/// 0.333 → `33.3` (decimal shift of the shortest representation, so no
/// binary noise such as `33.300000000000004`).
pub fn percent_text(v: f64) -> String {
    shift_decimal(&plain(v), 2)
}

/// Moves the decimal point of a plain decimal string `places` to the right.
fn shift_decimal(s: &str, places: usize) -> String {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut frac = frac.to_string();
    while frac.len() < places {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places);
    let mut int = format!("{int}{moved}");
    let trimmed = int.trim_start_matches('0');
    int = if trimmed.is_empty() { "0".into() } else { trimmed.into() };
    let out = if rest.is_empty() { int } else { format!("{int}.{rest}") };
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift() {
        assert_eq!(percent_text(0.2), "20");
        assert_eq!(percent_text(0.333), "33.3");
        assert_eq!(percent_text(1.0), "100");
        assert_eq!(percent_text(0.0), "0");
        assert_eq!(percent_text(0.00001), "0.001");
    }
}
