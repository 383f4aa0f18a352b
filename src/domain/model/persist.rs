//! What a change of the state writes outside the page: the address, the
//! autosave entry and (when framed) the parent's `change` message.
//!
//! [`Model::update`] only says that something may have changed
//! ([`Effect::Persist`]); the shell asks [`Model::persist`] for the writes
//! once the page is idle (and at once when the page goes away). A keystroke
//! thus updates its results first; the address and the autosave text (and
//! the whole document for a parent page) are built once for a burst of
//! changes, against what was written last, instead of twice per keystroke.

use super::{storage_key, Action, Effect, Model, Notice};
use crate::domain::Calculator;

/// What was last written: the address's query and the autosave entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persisted {
    query: String,
    saved: Option<(Calculator, String)>,
    /// On a page opened from a link with inputs, which restores none of the
    /// user's own: each calculator's autosave text as the page opened. A
    /// calculator is not saved while it still holds that text (saving would
    /// overwrite the user's own inputs with the link's, or with defaults).
    untouched: Vec<(Calculator, String)>,
}

impl Persisted {
    /// As if the state at hand had just been written (tests start from it).
    pub fn of(m: &Model) -> Persisted {
        Persisted { query: m.to_query(), saved: Some((m.calc, m.slot().autosave_text())), untouched: Vec::new() }
    }

    /// What a page that starts from the state has written before its first
    /// view: nothing, so the first [`Model::persist`] writes the address,
    /// the autosave entry and (framed) the parent's first `change`. On a
    /// link's page no calculator is saved until the user changes it.
    pub fn unwritten(m: &Model) -> Persisted {
        let untouched = if m.url_has_inputs { Calculator::ALL.iter().map(|c| (*c, m.autosave_entry(*c).1)).collect() } else { Vec::new() };
        Persisted { query: String::new(), saved: None, untouched }
    }
}

impl Model {
    /// On a page opened from a link with inputs: restores the autosaved
    /// entries (`saved`) when the shown calculator's reproduces the link's
    /// view, that is when the page is a reload of the user's own address. A
    /// link carries settings, not a customer base's data: without this a
    /// reload showed the sample data, and the user's next change saved over
    /// their own; the other calculators then come back too, as on a visit
    /// without a link. A link with other settings (a teacher's) still shows
    /// its own view. Whether the page was the user's own.
    pub fn restore_own_page(&mut self, saved: Vec<(Calculator, String)>) -> bool {
        let Some((_, text)) = saved.iter().find(|(c, _)| *c == self.calc) else { return false };
        let mut own = self.clone();
        own.update(Action::RestoreSaved(vec![(self.calc, text.clone())]));
        if own.notice != Some(Notice::Restored) || own.to_query() != self.to_query() {
            return false;
        }
        let others: Vec<(Calculator, String)> = saved.into_iter().filter(|(c, _)| *c != self.calc).collect();
        if !others.is_empty() {
            own.update(Action::RestoreSaved(others));
        }
        // Quietly, as a visit without a link; only a discarded entry is told.
        own.notice = if own.notice == Some(Notice::BadSaved) { own.notice } else { self.notice };
        *self = own;
        true
    }

    /// The writes the state needs since `last`, which it then records: a new
    /// address, the shown calculator's autosave entry (also after a switch
    /// of calculator), and the parent's `change` with the whole document
    /// when framed (the shell sends it only if it differs from the last).
    /// Nothing when nothing changed.
    pub fn persist(&self, last: &mut Persisted) -> Vec<Effect> {
        let mut effects = Vec::new();
        let query = self.to_query();
        if query != last.query {
            effects.push(Effect::WriteUrl(query.clone()));
            last.query = query;
        }
        let text = self.slot().autosave_text();
        // Still as the link opened it? Once changed, it is the user's.
        let untouched = match last.untouched.iter().position(|(c, _)| *c == self.calc) {
            Some(i) if last.untouched[i].1 == text => true,
            Some(i) => {
                last.untouched.swap_remove(i);
                false
            }
            None => false,
        };
        if !untouched && last.saved.as_ref().is_none_or(|(c, t)| *c != self.calc || *t != text) {
            effects.push(Effect::Save { key: storage_key(self.calc), text: text.clone() });
            last.saved = Some((self.calc, text));
        }
        if self.framed {
            if let Some(d) = self.export_document() {
                effects.push(Effect::PostChange(d.to_json()));
            }
        }
        effects
    }
}
