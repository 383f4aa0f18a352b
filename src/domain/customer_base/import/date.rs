//! Calendar dates as days since 1970-01-01 and the date patterns of an import.

use std::fmt;

use serde::{Serialize, Serializer};

use super::error::ImportError;

/// A calendar date, stored as the number of days since 1970-01-01
/// (proleptic Gregorian calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Smallest year a date may have.
const MIN_YEAR: i32 = 1000;
/// Largest year a date may have.
const MAX_YEAR: i32 = 9999;

impl Date {
    /// The date of a year, month (1..=12) and day (1..=31); `None` when no
    /// such calendar day exists (1997-02-30) or the year is outside 1000..=9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m as u32, d as u32)
    }

    /// Parses an ISO date `YYYY-MM-DD` (as used in documents and options).
    pub fn parse_iso(text: &str) -> Result<Date, ImportError> {
        DatePattern::Iso.parse(text).ok_or_else(|| ImportError::bad_date(text))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// How the date column is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePattern {
    /// Year first: `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`, `YYYY.MM.DD`,
    /// `YYYY年MM月DD日` (month and day may have one digit when separated);
    /// a trailing time of day (` 00:00:00`, `T12:30`) is ignored.
    #[default]
    Auto,
    /// Exactly `YYYY-MM-DD`.
    Iso,
    /// Day first: `DD/MM/YYYY` (also with `-` or `.`).
    DayMonthYear,
    /// Month first: `MM/DD/YYYY` (also with `-` or `.`).
    MonthDayYear,
}

impl DatePattern {
    /// Reads a pattern name: `auto`, `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`,
    /// `YYYY.MM.DD` (all year-first patterns read the same), `DD/MM/YYYY`,
    /// `MM/DD/YYYY` (any of `/`, `-`, `.` as separator), case-insensitive.
    pub fn from_name(name: &str) -> Result<DatePattern, ImportError> {
        let n: String = name.trim().to_ascii_uppercase().chars().filter(|c| !matches!(c, '/' | '-' | '.')).collect();
        match n.as_str() {
            "AUTO" | "YYYYMMDD" => Ok(DatePattern::Auto),
            "DDMMYYYY" => Ok(DatePattern::DayMonthYear),
            "MMDDYYYY" => Ok(DatePattern::MonthDayYear),
            _ => Err(ImportError::bad_date_pattern(name)),
        }
    }

    /// Parses one cell; `None` when it is not a real calendar date in this
    /// pattern.
    pub fn parse(self, text: &str) -> Option<Date> {
        // The common shapes first, straight from the bytes: `YYYYMMDD`
        // (year-first) and `YYYY-MM-DD` (year-first and ISO).
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r).filter(|d| d.iter().all(u8::is_ascii_digit)).map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
        };
        let year_first = matches!(self, DatePattern::Auto | DatePattern::Iso);
        if year_first && b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
                return Date::from_ymd(y as i32, m, d);
            }
        }
        if self == DatePattern::Auto && b.len() == 8 {
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
                return Date::from_ymd(y as i32, m, d);
            }
        }
        let t = strip_time(text.trim());
        match self {
            DatePattern::Iso => {
                let b = t.as_bytes();
                if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
                    return None;
                }
                let (y, m, d) = three(t, '-')?;
                Date::from_ymd(y, m, d)
            }
            DatePattern::Auto => parse_year_first(t),
            DatePattern::DayMonthYear => {
                let (d, m, y) = three_any(t)?;
                year4(y).and_then(|y| Date::from_ymd(y, m, d))
            }
            DatePattern::MonthDayYear => {
                let (m, d, y) = three_any(t)?;
                year4(y).and_then(|y| Date::from_ymd(y, m, d))
            }
        }
    }
}

fn year4(y: u32) -> Option<i32> {
    i32::try_from(y).ok().filter(|y| *y >= 1000)
}

/// Drops a trailing time of day (`2014-03-08 00:00:00`, `2014-03-08T10:00Z`).
fn strip_time(t: &str) -> &str {
    if let Some(pos) = t.find([' ', 'T']) {
        let rest = t.get(pos + 1..).unwrap_or("").trim();
        let timeish = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'));
        if timeish {
            return t.get(..pos).unwrap_or(t).trim_end();
        }
    }
    t
}

fn parse_year_first(t: &str) -> Option<Date> {
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y = t.get(0..4)?.parse().ok()?;
        let m = t.get(4..6)?.parse().ok()?;
        let d = t.get(6..8)?.parse().ok()?;
        return Date::from_ymd(y, m, d);
    }
    if let Some(rest) = t.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return Date::from_ymd(num(y, 4, 4)? as i32, num(m, 1, 2)?, num(d, 1, 2)?);
    }
    let sep = t.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = t.split(sep);
    let y = num(parts.next()?, 4, 4)?;
    let m = num(parts.next()?, 1, 2)?;
    let d = num(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_ymd(y as i32, m, d)
}

/// A run of `min..=max` ASCII digits.
fn num(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn three(t: &str, sep: char) -> Option<(i32, u32, u32)> {
    let mut p = t.split(sep);
    let y = num(p.next()?, 4, 4)? as i32;
    let m = num(p.next()?, 2, 2)?;
    let d = num(p.next()?, 2, 2)?;
    if p.next().is_some() {
        return None;
    }
    Some((y, m, d))
}

/// `a?b?yyyy` with one separator out of `/`, `-`, `.` used twice.
fn three_any(t: &str) -> Option<(u32, u32, u32)> {
    let sep = t.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut p = t.split(sep);
    let a = num(p.next()?, 1, 2)?;
    let b = num(p.next()?, 1, 2)?;
    let y = num(p.next()?, 4, 4)?;
    if p.next().is_some() {
        return None;
    }
    Some((a, b, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_validates() {
        assert_eq!(Date::from_ymd(1970, 1, 1).map(Date::days), Some(0));
        assert_eq!(Date::from_ymd(1997, 1, 1).map(Date::days), Some(9862));
        assert_eq!(Date::from_ymd(1997, 2, 30), None);
        assert_eq!(Date::from_ymd(2000, 2, 29).map(|d| d.to_string()).as_deref(), Some("2000-02-29"));
        assert_eq!(Date::from_ymd(1900, 2, 29), None);
        for days in -200_000..200_000 {
            let (y, m, d) = Date(days).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(days)).filter(|_| y >= 1000));
        }
    }

    #[test]
    fn patterns() {
        let d = Date::from_ymd(1997, 3, 5);
        for s in [
            "1997-03-05",
            "19970305",
            "1997/03/05",
            "1997/3/5",
            "1997.03.05",
            "1997年3月5日",
            "1997-03-05 00:00:00",
            "1997-03-05T10:11:12Z",
        ] {
            assert_eq!(DatePattern::Auto.parse(s), d, "{s}");
        }
        assert_eq!(DatePattern::Auto.parse("1997-02-30"), None);
        assert_eq!(DatePattern::Auto.parse("05/03/1997"), None);
        assert_eq!(DatePattern::DayMonthYear.parse("05/03/1997"), d);
        assert_eq!(DatePattern::MonthDayYear.parse("03/05/1997"), d);
        assert_eq!(DatePattern::MonthDayYear.parse("13/05/1997"), None);
        assert_eq!(DatePattern::Iso.parse("1997-3-5"), None);
        assert_eq!(DatePattern::from_name("dd.mm.yyyy").ok(), Some(DatePattern::DayMonthYear));
        assert_eq!(DatePattern::from_name("YYYY.MM.DD").ok(), Some(DatePattern::Auto));
        assert!(DatePattern::from_name("DD/YYYY").is_err());
    }
}
