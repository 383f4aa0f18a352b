//! What a change of the state writes outside the page: the address, the
//! autosave entry and (when framed) the parent's `change` message.
//!
//! [`Model::update`] only says that something may have changed
//! ([`Effect::Persist`]); the shell asks [`Model::persist`] for the writes
//! once the page is idle (and at once when the page goes away). A keystroke
//! thus updates its results first; the address and the autosave text (and
//! the whole document for a parent page) are built once for a burst of
//! changes, against what was written last, instead of twice per keystroke.

use super::{storage_key, Effect, Model};
use crate::domain::Calculator;

/// What was last written: the address's query and the autosave entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persisted {
    query: String,
    saved: Option<(Calculator, String)>,
}

impl Persisted {
    /// What the state at hand would write: a page that starts from it has
    /// written (or, for a link's inputs, deliberately not written) just this.
    pub fn of(m: &Model) -> Persisted {
        Persisted { query: m.to_query(), saved: Some((m.calc, m.slot().autosave_text())) }
    }
}

impl Persisted {
    /// What a page that starts from the state has written before its first
    /// view: nothing, so the first [`Model::persist`] writes the address,
    /// the autosave entry and (framed) the parent's first `change`. A link's
    /// inputs count as saved: they are not saved over the user's own until
    /// the user edits them.
    pub fn unwritten(m: &Model) -> Persisted {
        Persisted { query: String::new(), saved: m.url_has_inputs.then(|| (m.calc, m.slot().autosave_text())) }
    }
}

impl Model {
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
        if last.saved.as_ref().is_none_or(|(c, t)| *c != self.calc || *t != text) {
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
