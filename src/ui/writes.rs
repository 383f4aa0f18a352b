//! The page's writes outside itself: the address, the autosave entry and,
//! when framed, the parent's `change` message. A change asks for them
//! ([`Effect::Persist`]); they are written in a task of their own once the
//! keystroke's results are on screen, for the newest state only, and at
//! once when the page goes away (no keystroke lost).

use super::AppContext;
use crate::domain::model::{Effect, Persisted};
use crate::platform;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Writes for the root's state.
pub struct Writer {
    state: AppContext,
    persisted: RefCell<Persisted>,
    latest_doc: Rc<RefCell<Option<String>>>,
    pending: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
}

impl Writer {
    /// A writer for the state (a handle that always reads the newest) and
    /// the parent's last document.
    pub fn new(state: AppContext, latest_doc: Rc<RefCell<Option<String>>>) -> Writer {
        Writer { state, persisted: RefCell::new(Persisted::default()), latest_doc, pending: Cell::new(false), timer: RefCell::new(None) }
    }

    /// Records what the first view wrote (or, for a link's inputs, chose
    /// not to write).
    pub fn started(&self, first: Persisted) {
        *self.persisted.borrow_mut() = first;
    }

    /// Writes in a task of its own, soon: one task for any number of
    /// changes before it runs.
    pub fn later(self: &Rc<Self>) {
        if self.pending.replace(true) {
            return;
        }
        let me: Weak<Writer> = Rc::downgrade(self);
        // Replaces a timer that has fired (dropping it clears nothing).
        *self.timer.borrow_mut() = Some(Timeout::new(0, move || {
            if let Some(w) = me.upgrade() {
                w.now();
            }
        }));
    }

    /// The newest state's document for the parent; `None` while an input
    /// is invalid.
    pub fn document(&self) -> Option<String> {
        self.state.model.export_document().map(|d| d.to_json())
    }

    /// Writes what the newest state needs now.
    pub fn now(&self) {
        self.pending.set(false);
        let effects = self.state.model.persist(&mut self.persisted.borrow_mut());
        for e in effects {
            write(e, &self.latest_doc);
        }
    }
}

/// Runs one write; other effects are not writes and are ignored.
pub fn write(e: Effect, latest_doc: &RefCell<Option<String>>) {
    match e {
        Effect::WriteUrl(q) => platform::replace_query(&q),
        Effect::Save { key, text } => platform::save(&key, &text),
        Effect::PostChange(doc) if latest_doc.borrow().as_deref() != Some(doc.as_str()) => {
            platform::post_to_parent("change", None, Some(&doc));
            *latest_doc.borrow_mut() = Some(doc);
        }
        _ => {}
    }
}
