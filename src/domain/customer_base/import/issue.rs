//! Skipped and flagged rows: reasons, counts and the capped list.

use std::fmt;

use serde::Serialize;

/// Why a row was skipped or flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Skipped: the customer id is empty.
    MissingCustomer,
    /// Skipped: the date is not a real calendar date in the chosen pattern.
    UnreadableDate,
    /// Skipped: the amount is not a number.
    UnreadableAmount,
    /// Skipped: a negative amount (a return).
    Negative,
    /// Skipped: dated after `observation_end`.
    AfterEnd,
    /// Kept and flagged: amount 0.
    ZeroAmount,
    /// Kept and flagged: same customer, date and amount as an earlier row.
    Duplicate,
    /// Skipped (summary import): frequency is not a whole number ≥ 0.
    BadFrequency,
    /// Skipped (summary import): recency is not a number ≥ 0.
    BadRecency,
    /// Skipped (summary import): `T` is not a number.
    BadT,
    /// Skipped (summary import): recency is larger than `T`.
    RecencyAboveT,
    /// Skipped (summary import): monetary value is not a number ≥ 0.
    BadMonetary,
    /// Skipped (summary import): count is not a whole number ≥ 1.
    BadCount,
    /// Skipped (summary import): historical spend is not a number ≥ 0.
    BadHistoricalSpend,
}

impl Reason {
    /// True for the flags (the row is kept), false for skips.
    pub fn is_flag(self) -> bool {
        matches!(self, Reason::ZeroAmount | Reason::Duplicate)
    }
}

impl Reason {
    /// The reason in `lang` (the `Display` text is the English one).
    pub fn message(self, lang: crate::domain::i18n::Lang) -> &'static str {
        use crate::domain::i18n::Msg;
        match self {
            Reason::MissingCustomer => Msg::CbrMissingCustomer,
            Reason::UnreadableDate => Msg::CbrUnreadableDate,
            Reason::UnreadableAmount => Msg::CbrUnreadableAmount,
            Reason::Negative => Msg::CbrNegative,
            Reason::AfterEnd => Msg::CbrAfterEnd,
            Reason::ZeroAmount => Msg::CbrZeroAmount,
            Reason::Duplicate => Msg::CbrDuplicate,
            Reason::BadFrequency => Msg::CbrBadFrequency,
            Reason::BadRecency => Msg::CbrBadRecency,
            Reason::BadT => Msg::CbrBadT,
            Reason::RecencyAboveT => Msg::CbrRecencyAboveT,
            Reason::BadMonetary => Msg::CbrBadMonetary,
            Reason::BadCount => Msg::CbrBadCount,
            Reason::BadHistoricalSpend => Msg::CbrBadHistoricalSpend,
        }
        .text(lang)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(crate::domain::i18n::Lang::En))
    }
}

/// One listed row: its row number in the file and the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RowIssue {
    /// Row number in the file (1-based; a header is row 1).
    pub row: usize,
    /// Why.
    pub reason: Reason,
}

/// Skipped rows by reason (DESIGN §2.5 `skipped`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Dated after `observation_end`.
    pub after_end: usize,
    /// Negative amounts.
    pub negative: usize,
    /// Unreadable rows (no customer, bad date or amount; bad summary rows).
    pub unreadable: usize,
}

/// Flagged (kept) rows by reason (DESIGN §2.5 `flagged`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flagged {
    /// Amount 0.
    pub zero_amount: usize,
    /// Same customer, date and amount as an earlier row.
    pub duplicate_rows: usize,
}

/// Collects issues: exact counts, and a list of the first ones by row.
#[derive(Clone, Debug, Default)]
pub(crate) struct IssueLog {
    pub(crate) skipped: Skipped,
    pub(crate) flagged: Flagged,
    all: Vec<RowIssue>,
}

impl IssueLog {
    pub(crate) fn add(&mut self, row: usize, reason: Reason) {
        match reason {
            Reason::AfterEnd => self.skipped.after_end += 1,
            Reason::Negative => self.skipped.negative += 1,
            Reason::ZeroAmount => self.flagged.zero_amount += 1,
            Reason::Duplicate => self.flagged.duplicate_rows += 1,
            _ => self.skipped.unreadable += 1,
        }
        self.all.push(RowIssue { row, reason });
    }

    /// The first `max` issues by row number.
    pub(crate) fn listed(mut self, max: usize) -> Vec<RowIssue> {
        if self.all.len() > max {
            self.all.select_nth_unstable(max);
            self.all.truncate(max);
        }
        self.all.sort_unstable();
        self.all
    }
}
