//! Work for the Web Worker (DESIGN §4 "Heavy work off the main thread"), as
//! data: a calculator's form asks for a [`WorkerJob`], the application model
//! returns it as an effect, the platform posts it to the worker and reports
//! the worker's [`WorkerReply`] back as an action. Nothing here knows which
//! calculator asked or what the task computes.

use std::fmt;
use std::rc::Rc;

/// A file's bytes shared between the form and the job without copying (a
/// file can be tens of megabytes); two handles are equal when they hold the
/// same bytes object. In the browser the bytes stay with the platform (the
/// user's `File`, known by a key): the page never copies them into its own
/// memory, and the worker reads them itself.
#[derive(Clone, Default)]
pub struct SharedBytes {
    bytes: Rc<Vec<u8>>,
    /// The platform's key for bytes it holds (then `bytes` is empty).
    held: Option<u64>,
    len: usize,
}

impl SharedBytes {
    /// Wraps bytes.
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes { len: bytes.len(), bytes: Rc::new(bytes), held: None }
    }
    /// Bytes the platform holds under `key`, `len` of them.
    pub fn held(key: u64, len: usize) -> SharedBytes {
        SharedBytes { bytes: Rc::default(), held: Some(key), len }
    }
    /// The bytes (empty when the platform holds them).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The platform's key, when it holds the bytes.
    pub fn key(&self) -> Option<u64> {
        self.held
    }
    /// How many bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl From<Vec<u8>> for SharedBytes {
    fn from(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes::new(bytes)
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &SharedBytes) -> bool {
        Rc::ptr_eq(&self.bytes, &other.bytes) && self.held == other.held
    }
}

impl fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.held {
            Some(k) => write!(f, "SharedBytes(held {k}, {} bytes)", self.len),
            None => write!(f, "SharedBytes({} bytes)", self.len),
        }
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
