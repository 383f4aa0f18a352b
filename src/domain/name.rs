//! Names typed by the user (offers, scenarios, cohorts): 1..=60 characters.

use crate::domain::i18n::{Lang, Msg};

/// Most characters of a name.
pub const MAX_NAME_CHARS: usize = 60;

/// Checks a name (offers, scenarios): 1..=60 characters after trimming.
pub fn check_name(name: &str) -> Result<(), NameError> {
    let n = name.trim().chars().count();
    if n == 0 {
        Err(NameError::Empty)
    } else if n > MAX_NAME_CHARS {
        Err(NameError::TooLong)
    } else {
        Ok(())
    }
}

/// Why a name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// No characters.
    Empty,
    /// More than 60 characters.
    TooLong,
}

impl NameError {
    /// The message in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            NameError::Empty => Msg::ErrNameEmpty.text(lang).to_string(),
            NameError::TooLong => Msg::ErrNameTooLong.plural(lang, MAX_NAME_CHARS as f64).replace("{n}", &MAX_NAME_CHARS.to_string()),
        }
    }
}
