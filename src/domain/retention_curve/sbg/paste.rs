//! Cohorts from text pasted from a spreadsheet or read from a CSV file.
//!
//! Cells are separated by tabs, else semicolons, else commas (CSV quotes
//! are honoured); a line with none of them is one cell. Two layouts:
//!
//! * [`Layout::Rows`]: one cohort per row, `name, n_0, n_1, …`, with or
//!   without a header row (a header has mostly text after its first cell,
//!   or period numbers 0, 1, 2, … / 1, 2, 3, …). A table whose first
//!   column holds only numbers (none looking like a year label) is read as
//!   unnamed cohorts.
//! * [`Layout::Columns`]: one cohort per column, names in the header row;
//!   a first column of period labels is skipped.
//!
//! [`parse_paste`] detects the layout and reports it, so the UI can ask the
//! user to confirm; [`parse_paste_as`] forces one. Trailing blanks end a
//! cohort; a blank, a text or a rising count inside a cohort is an error at
//! that cell. Work is capped: at most 1 MB of text, a table of
//! 20 cohorts × 200 periods, 20 errors listed.

use serde::Serialize;

use super::error::{Error, ErrorKind, ErrorList};
use super::input::{check_counts, Cohort, Cohorts, MAX_COHORTS, MAX_PERIODS};

/// Most bytes of text accepted.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// Rows and columns kept: a header, a label or name column, 201 counts.
const GRID_CAP: usize = MAX_PERIODS + 3;
/// Longest name or echoed cell text kept, in characters.
const MAX_CELL_CHARS: usize = 100;

/// How the pasted table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One cohort per row: `name, n_0, n_1, …`.
    Rows,
    /// One cohort per column, names in the header row.
    Columns,
}

/// The outcome of a successful paste.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pasted {
    /// The layout used (detected, or as forced).
    pub layout: Layout,
    /// Whether a header row (names, or period labels) was skipped.
    pub header: bool,
    /// The checked cohorts.
    pub cohorts: Cohorts,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    Number(f64),
    Text,
}

#[derive(Debug, Clone, PartialEq)]
struct Cell {
    raw: String,
    kind: Kind,
}

impl Cell {
    fn blank() -> Self {
        Cell { raw: String::new(), kind: Kind::Blank }
    }

    fn from_text(text: &str) -> Self {
        let trimmed = text.trim();
        let kind = if trimmed.is_empty() { Kind::Blank } else { parse_number(trimmed).map_or(Kind::Text, Kind::Number) };
        Cell { raw: trimmed.chars().take(MAX_CELL_CHARS).collect(), kind }
    }

    fn is_text(&self) -> bool {
        self.kind == Kind::Text
    }

    fn number(&self) -> Option<f64> {
        match self.kind {
            Kind::Number(v) => Some(v),
            _ => None,
        }
    }
}

/// A finite number in the cell, accepting digit groups (`1,000`,
/// `1 000`) and a decimal comma (`869,5`).
fn parse_number(t: &str) -> Option<f64> {
    let finite = |x: f64| if x.is_finite() { Some(x) } else { None };
    // Only digits, signs, separators and exponents: keeps out "inf"/"NaN".
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | ',' | 'e' | 'E' | ' ' | '\u{a0}' | '\u{202f}');
    if t.is_empty() || !t.chars().all(allowed) {
        return None;
    }
    if let Ok(x) = t.parse::<f64>() {
        return finite(x);
    }
    for sep in [',', ' ', '\u{a0}', '\u{202f}'] {
        if is_grouped(t, sep) {
            return t.replace(sep, "").parse::<f64>().ok().and_then(finite);
        }
    }
    if t.matches(',').count() == 1 && !t.contains('.') && !t.contains(' ') {
        return t.replace(',', ".").parse::<f64>().ok().and_then(finite);
    }
    None
}

/// `-?d{1,3}(<sep>ddd)+(.d+)?`
fn is_grouped(t: &str, sep: char) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split(sep);
    let head_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()) && digits(g));
    let mut rest = 0;
    let rest_ok = groups.all(|g| {
        rest += 1;
        g.len() == 3 && digits(g)
    });
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && digits(f));
    head_ok && rest > 0 && rest_ok && frac_ok
}

/// Splits one line into cells (CSV quotes honoured), calling `emit` for each.
fn split_line(line: &str, delim: Option<char>, mut emit: impl FnMut(&str)) {
    let Some(delim) = delim else {
        emit(line);
        return;
    };
    let mut cell = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_quotes {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cell.push(ch);
            }
        } else if ch == delim {
            emit(&cell);
            cell.clear();
        } else if ch == '"' && cell.trim().is_empty() {
            in_quotes = true;
            cell.clear();
        } else {
            cell.push(ch);
        }
    }
    emit(&cell);
}

/// The cells of the text, capped at [`GRID_CAP`] rows and columns; the flag
/// is true when non-blank cells lay beyond the cap.
fn grid(text: &str) -> Result<(Vec<Vec<Cell>>, bool), Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::new(ErrorKind::TextTooLarge { bytes: text.len() }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = ['\t', ';', ','].into_iter().find(|&d| text.contains(d));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut overflow = false;
    for line in text.lines() {
        let blank_line = line.trim().is_empty();
        if rows.is_empty() && blank_line {
            continue;
        }
        if rows.len() >= GRID_CAP {
            overflow |= !blank_line;
            continue;
        }
        let mut row = Vec::new();
        split_line(line, delim, |cell| {
            if row.len() < GRID_CAP {
                row.push(Cell::from_text(cell));
            } else if !cell.trim().is_empty() {
                overflow = true;
            }
        });
        while row.last().is_some_and(|c| c.kind == Kind::Blank) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Ok((rows, overflow))
}

fn transpose(rows: &[Vec<Cell>]) -> Vec<Vec<Cell>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let mut col: Vec<Cell> = rows.iter().map(|r| r.get(c).cloned().unwrap_or_else(Cell::blank)).collect();
            while col.last().is_some_and(|x| x.kind == Kind::Blank) {
                col.pop();
            }
            col
        })
        .collect()
}

/// True when the cells are consecutive integers starting at 0 or 1.
fn period_labels(cells: &[Cell]) -> bool {
    let Some(first) = cells.first().and_then(Cell::number) else {
        return false;
    };
    (first == 0.0 || first == 1.0) && cells.len() >= 2 && cells.iter().enumerate().all(|(i, c)| c.number() == Some(first + i as f64))
}

fn year_label(cell: &Cell) -> bool {
    cell.number().is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v))
}

/// One way of reading a table: one cohort per row.
struct Reading {
    cohorts: Vec<Cohort>,
    errors: ErrorList,
    header: bool,
}

fn read_rows(rows: &[Vec<Cell>], overflow: bool) -> Reading {
    let mut errors = ErrorList::default();
    let header = rows.len() >= 2
        && rows.first().is_some_and(|r| {
            let rest = r.get(1..).unwrap_or(&[]);
            let texts = rest.iter().filter(|c| c.is_text()).count();
            let numbers = rest.iter().filter(|c| c.number().is_some()).count();
            (texts > 0 && texts >= numbers) || period_labels(rest) || period_labels(r)
        });
    let data: Vec<&Vec<Cell>> = rows.iter().skip(usize::from(header)).filter(|r| !r.is_empty()).collect();
    let unnamed = !data.is_empty() && data.iter().all(|r| r.first().is_some_and(|c| c.number().is_some() && !year_label(c)));
    let mut cohorts = Vec::new();
    if overflow {
        errors.push(Error::new(ErrorKind::TableTooLarge));
    } else if data.is_empty() {
        errors.push(Error::new(ErrorKind::NothingPasted));
    } else if data.len() > MAX_COHORTS {
        errors.push(Error::new(ErrorKind::TooManyCohorts { count: data.len() }));
    }
    if !errors.is_empty() {
        return Reading { cohorts, errors, header };
    }
    for (i, row) in data.iter().enumerate() {
        let (name, counts) = if unnamed {
            (String::new(), row.as_slice())
        } else {
            let name = row.first().map(|c| c.raw.clone()).unwrap_or_default();
            (name, row.get(1..).unwrap_or(&[]))
        };
        let name = if name.is_empty() { format!("Cohort {}", i + 1) } else { name };
        let mut active = Vec::with_capacity(counts.len());
        for (t, cell) in counts.iter().enumerate() {
            let kind = match cell.kind {
                Kind::Number(v) => {
                    active.push(v);
                    continue;
                }
                Kind::Blank => ErrorKind::Blank,
                Kind::Text => ErrorKind::NotANumber { text: cell.raw.clone() },
            };
            active.push(f64::NAN);
            if t <= MAX_PERIODS && !errors.push(Error::at_cell(kind, i, t)) {
                break;
            }
        }
        if errors.is_full() {
            break;
        }
        if !check_counts(i, &active, &mut errors, true) {
            break;
        }
        cohorts.push(Cohort::new(name, active));
    }
    Reading { cohorts, errors, header }
}

fn finish(layout: Layout, reading: Reading) -> Result<Pasted, ErrorList> {
    if !reading.errors.is_empty() {
        return Err(reading.errors);
    }
    Ok(Pasted { layout, header: reading.header, cohorts: Cohorts::new(reading.cohorts)? })
}

fn read(rows: &[Vec<Cell>], overflow: bool, layout: Layout) -> Reading {
    match layout {
        Layout::Rows => read_rows(rows, overflow),
        Layout::Columns => read_rows(&transpose(rows), overflow),
    }
}

/// Picks the layout: rows when the first column holds names below the first
/// row, columns when only the first row holds text; for all-numeric tables
/// the one with fewer errors (rows on a tie). The other layout wins when it
/// reads without error and the preferred one has only cell errors.
fn choose(rows: &[Vec<Cell>], overflow: bool) -> (Layout, Reading) {
    let by_rows = read_rows(rows, overflow);
    let by_cols = read(rows, overflow, Layout::Columns);
    let names_in_first_column = rows.iter().skip(1).any(|r| r.first().is_some_and(Cell::is_text));
    let names_in_first_row = rows.len() >= 2 && rows.first().is_some_and(|r| r.iter().any(Cell::is_text));
    let columns_first = if names_in_first_column {
        false
    } else if names_in_first_row {
        true
    } else {
        by_cols.errors.len() < by_rows.errors.len()
    };
    let (mut preferred, mut other) = ((Layout::Rows, by_rows), (Layout::Columns, by_cols));
    if columns_first {
        std::mem::swap(&mut preferred, &mut other);
    }
    let cell_errors_only = preferred.1.errors.errors().iter().all(|e| e.period().is_some());
    if !preferred.1.errors.is_empty() && other.1.errors.is_empty() && cell_errors_only {
        other
    } else {
        preferred
    }
}

/// The layout [`parse_paste`] would use, or `None` when the text is empty
/// or too large.
pub fn detect_layout(text: &str) -> Option<Layout> {
    let (rows, overflow) = grid(text).ok()?;
    if rows.is_empty() {
        return None;
    }
    Some(choose(&rows, overflow).0)
}

/// Parses pasted text, detecting the layout (reported in the result).
pub fn parse_paste(text: &str) -> Result<Pasted, ErrorList> {
    let (rows, overflow) = grid(text)?;
    let (layout, reading) = choose(&rows, overflow);
    finish(layout, reading)
}

/// Parses pasted text in the given layout (after the user corrected the
/// detected one).
pub fn parse_paste_as(text: &str, layout: Layout) -> Result<Pasted, ErrorList> {
    let (rows, overflow) = grid(text)?;
    finish(layout, read(&rows, overflow, layout))
}

/// [`parse_paste`] for raw bytes (a dropped file); invalid UTF-8 becomes
/// replacement characters.
pub fn parse_paste_bytes(bytes: &[u8]) -> Result<Pasted, ErrorList> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Error::new(ErrorKind::TextTooLarge { bytes: bytes.len() }).into());
    }
    parse_paste(&String::from_utf8_lossy(bytes))
}
