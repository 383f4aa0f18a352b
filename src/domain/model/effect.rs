//! Effects: what an update asks the browser to do, as data (the crux
//! pattern). The platform module runs them; tests read them.

use crate::domain::whatif::tools::Job;

/// One thing for the browser to do after an update.
pub enum Effect {
    /// The state may have changed: ask [`super::Model::persist`] for the
    /// writes below when the page is idle.
    Persist,
    /// Replace the URL's query (without `?`).
    WriteUrl(String),
    /// Write a storage entry.
    Save {
        /// Storage key.
        key: String,
        /// Text.
        text: String,
    },
    /// Tell the parent page the results changed (the full document).
    PostChange(String),
    /// Answer a parent's `load` that could not be taken.
    PostLoadRefused(&'static str),
    /// Start stepping a long task between frames.
    StartTask(Box<dyn Job>),
    /// Stop the running task.
    CancelTask,
    /// Post a job to the Web Worker (started on first use).
    Worker(crate::domain::worker::WorkerJob),
    /// Stop the worker's running job (the worker is ended and started anew).
    CancelWorker,
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Persist => write!(f, "Persist"),
            Effect::WriteUrl(q) => write!(f, "WriteUrl({q})"),
            Effect::Save { key, .. } => write!(f, "Save({key})"),
            Effect::PostChange(_) => write!(f, "PostChange"),
            Effect::PostLoadRefused(r) => write!(f, "PostLoadRefused({r})"),
            Effect::StartTask(_) => write!(f, "StartTask"),
            Effect::CancelTask => write!(f, "CancelTask"),
            Effect::Worker(j) => write!(f, "Worker({})", j.id),
            Effect::CancelWorker => write!(f, "CancelWorker"),
        }
    }
}
