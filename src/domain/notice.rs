//! Messages the application shows once, until dismissed.

use crate::domain::i18n::Msg;

/// Something the user should be told once (shown until dismissed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// An 11th offer was refused.
    TooManyOffers,
    /// Removing the only offer was refused.
    LastOffer,
    /// The link's `state` parameter could not be read; defaults are shown.
    BadState,
    /// Autosaved inputs were unreadable and have been discarded.
    BadSaved,
    /// Autosaved inputs from the last visit were restored.
    Restored,
    /// A document was imported.
    Imported,
    /// Inputs were reset to the defaults.
    Reset,
    /// The JSON was copied to the clipboard.
    Copied,
    /// The share link was copied to the clipboard.
    LinkCopied,
    /// The clipboard was unavailable: the link is shown for copying by hand.
    CopyByHand,
    /// Export needs valid inputs.
    ExportInvalid,
    /// A ninth scenario was refused.
    TooManyScenarios,
    /// A scenario needs a name of 1 to 60 characters.
    ScenarioName,
    /// Inputs locked by the teacher kept their values.
    LockedKept,
    /// A message from the catalog (a tool's or a calculator's refusal).
    Message(Msg),
}

impl Notice {
    /// The message.
    pub fn msg(self) -> Msg {
        match self {
            Notice::TooManyOffers => Msg::NoticeTooManyOffers,
            Notice::LastOffer => Msg::NoticeLastOffer,
            Notice::BadState => Msg::NoticeBadState,
            Notice::BadSaved => Msg::NoticeBadSaved,
            Notice::Restored => Msg::NoticeRestored,
            Notice::Imported => Msg::NoticeImported,
            Notice::Reset => Msg::NoticeReset,
            Notice::Copied => Msg::NoticeCopied,
            Notice::LinkCopied => Msg::NoticeLinkCopied,
            Notice::CopyByHand => Msg::NoticeCopyByHand,
            Notice::ExportInvalid => Msg::NoticeExportInvalid,
            Notice::TooManyScenarios => Msg::NoticeTooManyScenarios,
            Notice::ScenarioName => Msg::NoticeScenarioName,
            Notice::LockedKept => Msg::NoticeLockedKept,
            Notice::Message(m) => m,
        }
    }
}

impl Notice {
    /// The notice for a catalog message (the named notices where one exists).
    pub fn from_msg(m: Msg) -> Notice {
        match m {
            Msg::NoticeScenarioName => Notice::ScenarioName,
            Msg::NoticeTooManyScenarios => Notice::TooManyScenarios,
            Msg::NoticeExportInvalid => Notice::ExportInvalid,
            m => Notice::Message(m),
        }
    }
}
