//! Names typed by the user (offers, scenarios, cohorts): 1..=60 characters.

use crate::domain::i18n::{Lang, Msg};

/// Most characters of a name.
pub const MAX_NAME_CHARS: usize = 60;

/// Checks a name (offers, scenarios): 1..=60 characters after trimming.
pub fn check_name(name: &str) -> Result<(), NameError> {
    let n = name.trim().chars().count();
    if n == 0 {
        Err(NameError(Kind::Empty))
    } else if n > MAX_NAME_CHARS {
        Err(NameError(Kind::TooLong))
    } else {
        Ok(())
    }
}

/// Why a name is refused (opaque: its message is its interface).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameError(Kind);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    TooLong,
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for NameError {}

impl NameError {
    /// The message in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self.0 {
            Kind::Empty => Msg::ErrNameEmpty.text(lang).to_string(),
            Kind::TooLong => Msg::ErrNameTooLong.plural(lang, MAX_NAME_CHARS as f64).replace("{n}", &MAX_NAME_CHARS.to_string()),
        }
    }
}
