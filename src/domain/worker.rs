//! Work for the Web Worker (DESIGN §4 "Heavy work off the main thread"), as
//! data: a calculator's form asks for a [`WorkerJob`], the application model
//! returns it as an effect, the platform posts it to the worker and reports
//! the worker's [`WorkerReply`] back as an action. Nothing here knows which
//! calculator asked or what the task computes.

use std::fmt;
use std::rc::Rc;

/// Bytes shared between the form and the job without copying (a file can be
/// tens of megabytes); two handles are equal when they hold the same bytes
/// object.
#[derive(Clone, Default)]
pub struct SharedBytes(pub Rc<Vec<u8>>);

impl SharedBytes {
    /// Wraps bytes.
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes(Rc::new(bytes))
    }
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &SharedBytes) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedBytes({} bytes)", self.0.len())
    }
}

/// One task for the worker: its id, the request as JSON text and, for
/// file tasks, the file's bytes (sent beside the text, never encoded in it).
#[derive(Clone, Debug, PartialEq)]
pub struct WorkerJob {
    /// Identifies the job's replies.
    pub id: u64,
    /// The request (`{"task": …, …}`) as JSON text.
    pub request: String,
    /// A file's bytes, when the task reads one.
    pub bytes: Option<SharedBytes>,
}

/// What the worker answered.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerReply {
    /// The fraction done, 0..=1.
    Progress(f64),
    /// The first part of the answer as JSON text, sent while the task goes
    /// on (the page can show it and parse it while the worker works); the
    /// task is still running.
    Part(String),
    /// The finished task's answer as JSON text.
    Done(String),
    /// The worker could not be started or failed (the page shows why).
    Failed(String),
}

/// The running worker job, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorkerTask {
    /// The calculator that asked.
    pub calc: crate::domain::Calculator,
    /// The job id.
    pub id: u64,
    /// The fraction done, 0..=1.
    pub fraction: f64,
}
