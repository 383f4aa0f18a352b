//! The address bar: the query the page starts from, and its rewrites, held
//! back while the user types and never lost to a reload.

use super::window;
use wasm_bindgen::JsValue;

/// Where the last address rewrite is noted (its previous query, its new one
/// and when, a line each; session storage), for a reload that started before
/// a held-back rewrite was written.
const HELD_QUERY_KEY: &str = "cvc-held-query";

/// The current query string, including the leading `?` (or empty). On a
/// load of an address the page rewrote as this load began, the rewritten
/// one: a reload started within 250 ms of a keystroke carries the address
/// from before it, and no keystroke is lost to the delayed rewrite.
pub fn query_string() -> String {
    let search = window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let Some(store) = window().and_then(|w| w.session_storage().ok().flatten()) else { return search };
    let note = store.get_item(HELD_QUERY_KEY).ok().flatten().unwrap_or_default();
    let mut parts = note.split('\n');
    let held = match (parts.next(), parts.next(), parts.next().and_then(|t| t.parse::<f64>().ok())) {
        (Some(from), Some(to), Some(at)) => Some((from.to_string(), to.to_string(), at)),
        _ => None,
    };
    // Only a note written about when this load began (the reload was asked
    // for before the rewrite it notes; the browser may take a while to start
    // it): an older one is from another visit.
    let began = window().and_then(|w| w.performance()).map_or(f64::INFINITY, |p| p.time_origin());
    match held {
        Some((from, to, at)) if from == search && from != to && to.starts_with('?') && at >= began - 2000.0 => {
            if let Some(Ok(h)) = window().map(|w| w.history()) {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&to));
            }
            to
        }
        _ => search,
    }
}

/// The address bar is rewritten at most this often while the user types: a
/// history replace costs Chromium about 1.3 ms (and it throttles more than
/// 100 in 10 s), more than the rest of a keystroke's work.
const URL_INTERVAL_MS: f64 = 250.0;

#[derive(Default)]
struct UrlWriter {
    pending: Option<String>,
    last: f64,
    timer: Option<gloo::timers::callback::Timeout>,
}

thread_local! {
    static URL: std::cell::RefCell<UrlWriter> = std::cell::RefCell::new(UrlWriter::default());
}

/// Replaces the query string without adding a history entry, so the
/// address bar is always a share link for the current view: at once when
/// the last rewrite is older than 250 ms, else with the latest query when
/// that time is up ([`flush_query`] writes it sooner).
pub fn replace_query(query: &str) {
    let now = js_sys::Date::now();
    let now_due = URL.with_borrow_mut(|u| {
        u.pending = Some(query.to_string());
        if u.timer.is_some() {
            return false;
        }
        let since = now - u.last;
        // (A clock set back makes `since` negative: write at once.)
        if !(0.0..URL_INTERVAL_MS).contains(&since) {
            return true;
        }
        u.timer = Some(gloo::timers::callback::Timeout::new((URL_INTERVAL_MS - since).ceil() as u32, || {
            URL.with_borrow_mut(|u| u.timer = None);
            flush_query();
        }));
        false
    });
    if now_due {
        flush_query();
    }
}

/// Writes the query [`replace_query`] is holding back, if any (before the
/// URL is read, and when the page goes away), noting the rewrite in the
/// tab's session storage for [`query_string`].
pub fn flush_query() {
    let query = URL.with_borrow_mut(|u| {
        u.last = js_sys::Date::now();
        u.pending.take()
    });
    let (Some(query), Some(w)) = (query, window()) else { return };
    let Ok(path) = w.location().pathname() else { return };
    let hash = w.location().hash().unwrap_or_default();
    let search = w.location().search().unwrap_or_default();
    let to = format!("?{query}");
    if search == to {
        return;
    }
    // A reload that already started from the previous address finds this one.
    if let Some(store) = w.session_storage().ok().flatten() {
        // Lines: an address's query never holds a raw line break.
        let _ = store.set_item(HELD_QUERY_KEY, &format!("{search}\n{to}\n{}", js_sys::Date::now()));
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{to}{hash}")));
    }
}
