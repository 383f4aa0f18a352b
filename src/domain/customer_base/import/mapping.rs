//! Header detection and the column mapping (which column plays which role).

use serde::Serialize;

use super::date::DatePattern;
use super::error::ImportError;
use super::read::Table;
pub use super::role::Role;

/// The two shapes of data DESIGN §2.5 accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One purchase a row: `customer_id`, `date`, `amount`, optional `quantity`.
    Transactions,
    /// One customer (or group) a row: `customer_id`, `frequency`, `recency`,
    /// `T`, optional `monetary_value`, `count`.
    Summary,
}

fn normalise(header: &str) -> String {
    header.trim().chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Which column (0-based) plays each role, whether the first row is a header,
/// and how dates are written. Detected by [`super::ImportFile::read`]; the
/// caller may change any part before summarising.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// The data's shape.
    pub shape: Shape,
    /// True when the first row is a header.
    pub header: bool,
    /// The date pattern (transactions).
    pub date_pattern: DatePattern,
    columns: [Option<usize>; 10],
}

impl Mapping {
    /// An empty mapping of a shape (no column assigned, auto dates).
    pub fn new(shape: Shape, header: bool) -> Mapping {
        Mapping { shape, header, date_pattern: DatePattern::Auto, columns: [None; 10] }
    }

    /// The column of a role.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns.get(role.index()).copied().flatten()
    }

    /// Assigns (or with `None` clears) the column of a role.
    pub fn set_column(&mut self, role: Role, column: Option<usize>) {
        if let Some(slot) = self.columns.get_mut(role.index()) {
            *slot = column;
        }
    }

    /// Checks that the required roles of the shape are mapped, inside the
    /// table, and that no column plays two roles.
    pub fn validate(&self, columns: usize) -> Result<(), ImportError> {
        let (required, optional) = Role::of(self.shape);
        let mut seen = Vec::new();
        for role in required.iter().chain(optional) {
            let Some(c) = self.column(*role) else {
                if required.contains(role) {
                    return Err(ImportError::missing_column(role.key()));
                }
                continue;
            };
            if c >= columns {
                return Err(ImportError::column_out_of_range(role.key(), c, columns));
            }
            if seen.contains(&c) {
                return Err(ImportError::same_column_twice(c));
            }
            seen.push(c);
        }
        Ok(())
    }
}

/// The detected mapping and whether the user must confirm it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The proposed mapping.
    pub mapping: Mapping,
    /// False only when the header names exactly the §2.5 columns (or their
    /// aliases), every required role is present and dates are unambiguous.
    pub needs_confirmation: bool,
}

/// Reads a number: an optional leading currency sign, thousands commas
/// (when a `.` follows), or a decimal comma when `decimal_comma` is set.
/// Digits with at most one decimal point and at most 15 digits in all
/// (`11.77`, `120`): the integer of the digits divided by a power of ten.
/// Both are exact in binary and IEEE division rounds correctly, so this is
/// the correctly rounded value, the same as `str::parse` (Clinger's fast
/// path), in a fraction of its time. `None` for anything else.
fn simple_decimal(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (mut n, mut digits, mut point) = (0u64, 0usize, None);
    for (i, c) in b.iter().enumerate() {
        if *c == b'.' {
            if point.is_some() {
                return None;
            }
            point = Some(i);
        } else {
            n = n * 10 + u64::from(c - b'0');
            digits += 1;
            if digits > 15 {
                return None;
            }
        }
    }
    if digits == 0 {
        return None;
    }
    let decimals = point.map_or(0, |p| b.len() - 1 - p);
    Some(n as f64 / POW10.get(decimals).copied()?)
}

pub(crate) fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    // Plain digits with at most a decimal point (most cells): straight to the parser.
    let b = text.as_bytes();
    if !b.is_empty() && b.len() < 32 && b.iter().all(|c| c.is_ascii_digit() || *c == b'.') {
        return simple_decimal(b).or_else(|| text.parse::<f64>().ok().filter(|v| v.is_finite()));
    }
    let t = text.trim();
    let t = t.trim_start_matches(['$', '€', '£', '¥', '￥']).trim_end_matches('元').trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'e' | b'E')) {
        return None;
    }
    let v = if t.contains(',') {
        if t.contains('.') {
            t.replace(',', "").parse::<f64>().ok()?
        } else if decimal_comma {
            t.replace(',', ".").parse::<f64>().ok()?
        } else {
            return None;
        }
    } else {
        t.parse::<f64>().ok()?
    };
    v.is_finite().then_some(v)
}

const SAMPLE: usize = 200;

/// Detects the shape, header and columns of a table.
pub(crate) fn detect(table: &Table, decimal_comma: bool) -> Detection {
    let first = table.row(0);
    let headers: Vec<&str> = first.cells().collect();
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let matches = |role: Role| normalised.iter().position(|n| role.variants().contains(&n.as_str()));
    let named = Role::ALL.iter().any(|r| matches(*r).is_some());
    let looks_numeric = |s: &str| parse_number(s, decimal_comma).is_some() || DatePattern::Auto.parse(s).is_some();
    let header =
        named || (0..headers.len()).any(|c| !looks_numeric(first.get(c)) && table.rows() > 1 && looks_numeric(table.row(1).get(c)));
    let summary = [Role::Frequency, Role::Recency, Role::T].iter().all(|r| matches(*r).is_some());
    let shape = if summary { Shape::Summary } else { Shape::Transactions };
    let mut m = Mapping::new(shape, header);
    let (required, optional) = Role::of(shape);
    let mut exact = header;
    if header {
        for role in required.iter().chain(optional) {
            let taken: Vec<usize> = m.columns.iter().flatten().copied().collect();
            let col = normalised.iter().enumerate().position(|(c, n)| !taken.contains(&c) && role.variants().contains(&n.as_str()));
            m.set_column(*role, col);
        }
        for (c, h) in headers.iter().enumerate() {
            let lower = h.to_lowercase();
            let known = required.iter().chain(optional).any(|r| m.column(*r) == Some(c) && r.exact_names().contains(&lower.as_str()));
            exact &= known;
        }
    }
    let start = usize::from(header);
    let end = table.rows().min(start + SAMPLE);
    let column_values = |c: usize| (start..end).map(move |r| table.row(r).get(c)).filter(|s| !s.is_empty());
    if shape == Shape::Transactions {
        let taken = |m: &Mapping, c: usize| m.columns.contains(&Some(c));
        if m.column(Role::Date).is_none() {
            let col = (0..table.columns()).find(|c| {
                !taken(&m, *c) && {
                    let (n, ok) = column_values(*c).fold((0, 0), |(n, ok), v| (n + 1, ok + usize::from(guess_date(v))));
                    n > 0 && ok * 10 >= n * 8
                }
            });
            m.set_column(Role::Date, col);
        }
        if let Some(dc) = m.column(Role::Date) {
            let (pattern, clear) = detect_date_pattern(column_values(dc));
            m.date_pattern = pattern;
            exact &= clear;
        }
        if m.column(Role::CustomerId).is_none() {
            let col = (0..table.columns()).find(|c| !taken(&m, *c) && column_values(*c).next().is_some());
            m.set_column(Role::CustomerId, col);
        }
        let numeric = |c: usize| {
            let (n, ok) = column_values(c).fold((0, 0), |(n, ok), v| (n + 1, ok + usize::from(parse_number(v, decimal_comma).is_some())));
            n > 0 && ok == n
        };
        let has_decimals = |c: usize| column_values(c).any(|v| v.contains(['.', ',']));
        if m.column(Role::Amount).is_none() {
            let free: Vec<usize> = (0..table.columns()).filter(|c| !taken(&m, *c) && numeric(*c)).collect();
            let col = free.iter().rev().find(|c| has_decimals(**c)).or(free.last()).copied();
            m.set_column(Role::Amount, col);
        }
        if !header && m.column(Role::Quantity).is_none() {
            let col = (0..table.columns()).find(|c| !taken(&m, *c) && numeric(*c) && !has_decimals(*c));
            m.set_column(Role::Quantity, col);
        }
    }
    let complete = m.validate(table.columns()).is_ok();
    Detection { needs_confirmation: !(exact && complete), mapping: m }
}

fn guess_date(v: &str) -> bool {
    [DatePattern::Auto, DatePattern::DayMonthYear, DatePattern::MonthDayYear].iter().any(|p| p.parse(v).is_some())
}

/// The pattern that reads the sample, and whether the choice is clear.
fn detect_date_pattern<'a>(values: impl Iterator<Item = &'a str>) -> (DatePattern, bool) {
    let (mut auto, mut dmy, mut mdy, mut n) = (0, 0, 0, 0);
    for v in values {
        n += 1;
        auto += usize::from(DatePattern::Auto.parse(v).is_some());
        dmy += usize::from(DatePattern::DayMonthYear.parse(v).is_some());
        mdy += usize::from(DatePattern::MonthDayYear.parse(v).is_some());
    }
    if auto >= dmy && auto >= mdy {
        (DatePattern::Auto, true)
    } else if dmy > mdy {
        (DatePattern::DayMonthYear, n == dmy)
    } else if mdy > dmy {
        (DatePattern::MonthDayYear, n == mdy)
    } else {
        (DatePattern::DayMonthYear, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number(" 11.77 ", false), Some(11.77));
        assert_eq!(parse_number("$1,234.50", false), Some(1234.5));
        assert_eq!(parse_number("11,77", true), Some(11.77));
        assert_eq!(parse_number("11,77", false), None);
        assert_eq!(parse_number("-3", false), Some(-3.0));
        assert_eq!(parse_number("inf", false), None);
        assert_eq!(parse_number("NaN", false), None);
        assert_eq!(parse_number("1e999", false), None);
        assert_eq!(parse_number("¥12元", false), Some(12.0));
    }

    #[test]
    fn the_fast_decimal_path_reads_as_the_standard_parser() {
        // Every price of 0.00..=9999.99 and digit strings up to the 15-digit
        // limit: the same bits as `str::parse`.
        let mut texts: Vec<String> = (0..1_000_000).map(|c| format!("{}.{:02}", c / 100, c % 100)).collect();
        let mut x: u64 = 7;
        for _ in 0..200_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let digits = format!("{:015}", (x >> 11) % 1_000_000_000_000_000);
            let cut = (x % 16) as usize;
            texts.push(format!("{}.{}", &digits[..cut], &digits[cut..]));
            texts.push(digits[..1 + (x >> 60) as usize % 15].to_string());
        }
        texts.extend(["007", ".5", "5.", "0.1", "0.3", "123456789012345", "1234567890123456", "1..2", "."].map(String::from));
        for t in &texts {
            assert_eq!(parse_number(t, false).map(f64::to_bits), t.parse::<f64>().ok().map(f64::to_bits), "{t}");
        }
    }

    #[test]
    fn normalises_headers() {
        assert_eq!(normalise(" Customer ID "), "customerid");
        assert_eq!(normalise("t_x"), "tx");
        assert_eq!(normalise("客户ID"), "客户id");
    }
}
