//! The Web Worker's entry (DESIGN §4): runs the heavy tasks off the page's
//! thread — the customer base's reading a data file, summarising a
//! transaction log and fitting the models, and the satisfaction gap's
//! survey CSV import — posting progress as it goes (at most every 100 ms).
//! Built by Trunk as a second wasm (`cb-worker_bg.wasm`), fetched only on
//! first use, so the page's first load never carries the imports or the fits.

#[cfg(target_arch = "wasm32")]
fn main() {
    use customer_value_calculator::domain::customer_base::calc::task;
    use customer_value_calculator::domain::registry;
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        // Texts travel as UTF-8 bytes: a megabyte-long JS string would cost
        // the receiver a character-by-character copy into wasm memory.
        let request = Reflect::get(&data, &"request".into())
            .ok()
            .filter(|b| b.is_object())
            .and_then(|b| String::from_utf8(Uint8Array::new(&b).to_vec()).ok())
            .unwrap_or_default();
        // The file's bytes, or the user's `File` itself, read here (the page
        // never copies it). A file the browser cannot read (moved, deleted,
        // or no longer held by the page) is answered as such.
        let sent = Reflect::get(&data, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
        let bytes = if let Some(blob) = sent.dyn_ref::<web_sys::Blob>() {
            web_sys::FileReaderSync::new().and_then(|r| r.read_as_array_buffer(blob)).ok().map(|b| Uint8Array::new(&b).to_vec())
        } else if sent.is_null() {
            None
        } else {
            Some(if sent.is_object() { Uint8Array::new(&sent).to_vec() } else { Vec::new() })
        };
        let post = |key: &str, value: JsValue| {
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id));
            let _ = Reflect::set(&msg, &key.into(), &value);
            // An answer's bytes are handed over, not copied.
            let _ = match value.dyn_ref::<Uint8Array>() {
                Some(b) => post_scope.post_message_with_transfer(&msg, &js_sys::Array::of1(&b.buffer())),
                None => post_scope.post_message(&msg),
            };
        };
        // Progress at most every 100 ms: each message re-renders the page,
        // and a short task needs none.
        let mut last = js_sys::Date::now();
        let mut progress = |f: f64| {
            let now = js_sys::Date::now();
            if now - last >= 100.0 {
                last = now;
                post("progress", JsValue::from_f64(f));
            }
        };
        let mut part = |text: &str| post("part", Uint8Array::from(text.as_bytes()).into());
        let Some(bytes) = bytes else {
            post("done", Uint8Array::from(task::unreadable().as_bytes()).into());
            return;
        };
        let answer = registry::run_worker_task(&request, &bytes, &mut progress, &mut part);
        post("done", Uint8Array::from(answer.as_bytes()).into());
        // While the user reads the answer (the customer base: its mapping
        // step), prepare what they will likely ask next.
        registry::worker_after_task();
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("cb-worker runs in the browser as the app's Web Worker: `make serve` builds it.");
}
