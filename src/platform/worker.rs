//! The Web Worker (DESIGN §4): started on first use from
//! `cb-worker_loader.js` (Trunk's loader for the worker's own wasm, which
//! the first page load never fetches), fed jobs as `{id, request, bytes}`
//! (`bytes`: the bytes, or the user's `File` itself, which the worker reads)
//! and answering `{id, progress}`, `{id, part}` (an answer's first half, sent while the task goes on) or `{id, done}`;
//! texts (`request`, `part`, `done`) travel as UTF-8 bytes. Cancelling ends the
//! worker; the next job starts a new one.

use crate::domain::worker::{SharedBytes, WorkerJob, WorkerReply};
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The loader Trunk writes for the worker binary.
const LOADER: &str = "./cb-worker_loader.js";

type OnReply = Box<dyn Fn(u64, WorkerReply)>;

struct Running {
    worker: web_sys::Worker,
    ready: bool,
    queue: Vec<JsValue>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// How many of the latest files the page holds for the worker: handles,
/// not bytes, so enough that the valued log's file stays held however many
/// files a user tries (or has refused) after it.
const HELD_FILES: usize = 16;

thread_local! {
    static FILES: RefCell<Vec<(u64, web_sys::File)>> = const { RefCell::new(Vec::new()) };
    static NEXT_FILE: RefCell<u64> = const { RefCell::new(0) };
    static WORKER: RefCell<Option<Running>> = const { RefCell::new(None) };
    static REPLY: RefCell<Option<OnReply>> = const { RefCell::new(None) };
    static LAST_ID: RefCell<u64> = const { RefCell::new(0) };
}

fn reply(id: u64, r: WorkerReply) {
    REPLY.with(|f| {
        if let Some(f) = f.borrow().as_ref() {
            f(id, r);
        }
    });
}

/// A text sent as UTF-8 bytes (a long JS string would be copied into wasm
/// memory character by character).
fn text(data: &JsValue, key: &str) -> Option<String> {
    let b = Reflect::get(data, &key.into()).ok().filter(JsValue::is_object)?;
    String::from_utf8(Uint8Array::new(&b).to_vec()).ok()
}

fn start() -> Result<Running, JsValue> {
    let worker = web_sys::Worker::new(LOADER)?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let data = e.data();
        if data.as_string().as_deref() == Some("ready") {
            let queued = WORKER.with(|w| {
                let mut w = w.borrow_mut();
                let Some(r) = w.as_mut() else { return Vec::new() };
                r.ready = true;
                std::mem::take(&mut r.queue).into_iter().map(|m| (r.worker.clone(), m)).collect::<Vec<_>>()
            });
            for (worker, m) in queued {
                let _ = worker.post_message(&m);
            }
            return;
        }
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u64;
        if let Some(p) = Reflect::get(&data, &"progress".into()).ok().and_then(|v| v.as_f64()) {
            reply(id, WorkerReply::Progress(p));
        } else if let Some(part) = text(&data, "part") {
            reply(id, WorkerReply::Part(part));
        } else if let Some(done) = text(&data, "done") {
            reply(id, WorkerReply::Done(done));
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        e.prevent_default();
        let id = LAST_ID.with(|l| *l.borrow());
        let msg = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "the worker stopped".into());
        cancel();
        reply(id, WorkerReply::Failed(msg));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running { worker, ready: false, queue: Vec::new(), _on_message: on_message, _on_error: on_error })
}

/// Holds a user's file for the worker, which reads it itself: the page never
/// copies its bytes into its own memory (nor back out to the worker).
/// A file over `max` bytes is not held (the form refuses it by its size).
pub fn hold_file(file: web_sys::File, max: usize) -> SharedBytes {
    let len = file.size() as usize;
    if len > max {
        return SharedBytes::held(0, len);
    }
    let key = NEXT_FILE.with_borrow_mut(|n| {
        *n += 1;
        *n
    });
    FILES.with_borrow_mut(|f| {
        if f.len() >= HELD_FILES {
            f.remove(0);
        }
        f.push((key, file));
    });
    SharedBytes::held(key, len)
}

/// Where the worker's answers go (set once by the root component).
pub fn on_reply(f: impl Fn(u64, WorkerReply) + 'static) {
    REPLY.with(|r| *r.borrow_mut() = Some(Box::new(f)));
}

/// Posts a job, starting the worker if it is not running.
pub fn post(job: &WorkerJob) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"id".into(), &JsValue::from_f64(job.id as f64));
    let _ = Reflect::set(&msg, &"request".into(), &Uint8Array::from(job.request.as_bytes()).into());
    if let Some(b) = &job.bytes {
        // A held file goes as the `File` itself (a handle, not a copy).
        let bytes: JsValue = match b.key() {
            Some(k) => {
                FILES.with_borrow(|f| f.iter().find(|(key, _)| *key == k).map(|(_, file)| file.clone().into())).unwrap_or(JsValue::NULL)
            }
            None => Uint8Array::from(b.bytes()).into(),
        };
        let _ = Reflect::set(&msg, &"bytes".into(), &bytes);
    }
    LAST_ID.with(|l| *l.borrow_mut() = job.id);
    let failed = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            match start() {
                Ok(r) => *w = Some(r),
                Err(e) => return Some(format!("{e:?}")),
            }
        }
        let r = w.as_mut()?;
        if r.ready {
            r.worker.post_message(&msg).err().map(|e| format!("{e:?}"))
        } else {
            r.queue.push(msg.into());
            None
        }
    });
    if let Some(e) = failed {
        reply(job.id, WorkerReply::Failed(e));
    }
}

/// Ends the running job (and the worker with it).
pub fn cancel() {
    WORKER.with(|w| {
        if let Some(r) = w.borrow_mut().take() {
            r.worker.terminate();
        }
    });
}
