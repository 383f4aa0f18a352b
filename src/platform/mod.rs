//! Browser side effects, in one place: the URL, the document, preferred
//! languages, performance marks and locale number formatting through
//! `Intl.NumberFormat`. Components call these; reducers never do.

use crate::domain::i18n::Lang;
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::Currency;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

mod url;
pub mod worker;

pub use url::{flush_query, query_string, replace_query};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The browser's preferred languages (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let Some(w) = window() else { return Vec::new() };
    let nav = w.navigator();
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Sets `<html lang>` and the document title, when they differ: setting
/// `lang` on the root, even to its value, makes the browser restyle the
/// whole page (about 3 ms a keystroke).
pub fn set_document_language(tag: &str, title: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.document_element() {
        if el.get_attribute("lang").as_deref() != Some(tag) {
            let _ = el.set_attribute("lang", tag);
        }
    }
    if doc.title() != title {
        doc.set_title(title);
    }
}

/// Sets a `performance.mark` (used by the benchmark).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Formats numbers for a language and currency with `Intl.NumberFormat`.
#[derive(Clone, Debug)]
pub struct IntlFormat {
    lang: Lang,
    currency: Currency,
    /// Whether the formatters are `Intl`'s (else the app's own, which print
    /// the same: `domain::locale`).
    intl: bool,
    money: Option<Function>,
    money_minor: Option<Function>,
    count: Option<Function>,
    percent: Option<Function>,
    ratio: Option<Function>,
}

impl PartialEq for IntlFormat {
    fn eq(&self, other: &Self) -> bool {
        // Two formatters format alike when language and currency agree; the
        // switch to `Intl` still renders again, in case a browser's `Intl`
        // prints otherwise than `domain::locale`.
        self.lang == other.lang && self.currency == other.currency && self.intl == other.intl
    }
}

fn formatter(tag: &str, options: &[(&str, JsValue)]) -> Option<Function> {
    let locales = Array::of1(&JsValue::from_str(tag));
    let opts = Object::new();
    for (k, v) in options {
        Reflect::set(&opts, &JsValue::from_str(k), v).ok()?;
    }
    let nf = js_sys::Intl::NumberFormat::new(&locales, &opts);
    Reflect::get(&nf, &JsValue::from_str("format")).ok()?.dyn_into::<Function>().ok()
}

impl IntlFormat {
    /// The app's own formatters for `lang` and `currency`, which print what
    /// `Intl` prints (`domain::locale`) without loading its locale data: for
    /// the first render (the first `Intl.NumberFormat` of a page costs 20–60
    /// ms here, 90–190 ms on a 4× slower CPU).
    pub fn local(lang: Lang, currency: Currency) -> IntlFormat {
        IntlFormat { lang, currency, intl: false, money: None, money_minor: None, count: None, percent: None, ratio: None }
    }

    /// `Intl`'s formatters when `intl`, else the app's own ([`IntlFormat::local`]).
    pub fn of(lang: Lang, currency: Currency, intl: bool) -> IntlFormat {
        if intl {
            IntlFormat::new(lang, currency)
        } else {
            IntlFormat::local(lang, currency)
        }
    }

    /// Builds the `Intl.NumberFormat` formatters for `lang` and `currency`.
    pub fn new(lang: Lang, currency: Currency) -> IntlFormat {
        let tag = lang.tag();
        let max = |n: u32| ("maximumFractionDigits", JsValue::from(n));
        let min0 = ("minimumFractionDigits", JsValue::from(0));
        IntlFormat {
            lang,
            currency,
            intl: true,
            money: formatter(tag, &[("style", "currency".into()), ("currency", currency.code().into()), min0.clone(), max(2)]),
            // Amounts with cents show the currency's minor units ($5.90, not $5.9).
            money_minor: formatter(tag, &[("style", "currency".into()), ("currency", currency.code().into())]),
            count: formatter(tag, &[max(2)]),
            percent: formatter(tag, &[("style", "percent".into()), max(2)]),
            ratio: formatter(tag, &[max(4)]),
        }
    }
}

impl NumberFormat for IntlFormat {
    fn format(&self, v: f64, unit: Unit) -> String {
        use crate::domain::locale::{self, Style};
        let (f, style) = match unit {
            // Cents only when there are some (not for a float's 1768000.0000000002).
            Unit::Money if (v * 100.0).round() % 100.0 != 0.0 => (&self.money_minor, Style::MoneyMinor),
            Unit::Money => (&self.money, Style::Money),
            Unit::Percent => (&self.percent, Style::Percent),
            Unit::Ratio => (&self.ratio, Style::Ratio),
            Unit::Count | Unit::Years => (&self.count, Style::Count),
        };
        f.as_ref()
            .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_f64(v)).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| locale::format(v, style, self.lang, self.currency))
    }
}

/// Moves keyboard focus to the element with `id`.
pub fn focus(id: &str) {
    let el =
        window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// Whether the app runs inside a frame of another page.
pub fn in_frame() -> bool {
    window().and_then(|w| w.parent().ok().flatten().map(|p| !Object::is(&p, &w))).unwrap_or(false)
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Saves `text` as a download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let parts = Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        let _ = doc.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Copies `text` to the clipboard; `false` when the clipboard is unavailable
/// or the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The full current URL (with any query still held back).
pub fn current_url() -> String {
    flush_query();
    window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Reads a file as text; `None` if it cannot be read.
pub async fn read_file(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?.as_string()
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads an autosaved value.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes an autosaved value (ignored when storage is unavailable or full).
pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The message envelope's `source` (DESIGN §3.3).
pub const MESSAGE_SOURCE: &str = "customer-value-calculator";

thread_local! {
    static PARENT_ORIGIN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Restricts `postMessage` to one parent origin (the `parent_origin` URL
/// parameter): messages from any other origin are ignored, and the app's
/// own messages are addressed to that origin only.
pub fn set_parent_origin(origin: Option<String>) {
    PARENT_ORIGIN.with(|o| *o.borrow_mut() = origin);
}

fn target_origin() -> String {
    PARENT_ORIGIN.with(|o| o.borrow().clone()).unwrap_or_else(|| "*".into())
}

/// Posts `{source, type, ...fields}` to the parent window, if framed.
fn post_fields(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(w) = window() else { return };
    let Some(parent) = w.parent().ok().flatten() else { return };
    if Object::is(&parent, &w) {
        return;
    }
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"source".into(), &MESSAGE_SOURCE.into());
    let _ = Reflect::set(&msg, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &(*k).into(), v);
    }
    let _ = parent.post_message(&msg, &target_origin());
}

/// Answers a parent's `load` that was refused, with the reason.
pub fn post_load_refused(reason: &str) {
    post_fields("load-refused", &[("reason", reason.into())]);
}

/// Posts `{source, type, ...extra}` to the parent window, if framed.
/// `document` is JSON text that is sent as an object.
pub fn post_to_parent(kind: &str, height: Option<f64>, document: Option<&str>) {
    let mut fields = Vec::new();
    if let Some(h) = height {
        fields.push(("height", JsValue::from(h)));
    }
    if let Some(d) = document.and_then(|d| js_sys::JSON::parse(d).ok()) {
        fields.push(("document", d));
    }
    post_fields(kind, &fields);
}

/// A message from the parent window that the app accepts.
pub enum ParentMessage {
    /// `load` with the document as JSON text.
    Load(String),
    /// `request-export`.
    RequestExport,
}

/// Decodes a `message` event: only from `window.parent`, only with
/// `target: "customer-value-calculator"` and a known `type`.
pub fn parent_message(e: &web_sys::MessageEvent) -> Option<ParentMessage> {
    let w = window()?;
    let parent = w.parent().ok().flatten()?;
    if Object::is(&parent, &w) {
        return None;
    }
    let source: JsValue = e.source()?.into();
    if !Object::is(&source, &parent) {
        return None;
    }
    if let Some(o) = PARENT_ORIGIN.with(|o| o.borrow().clone()) {
        if e.origin() != o {
            return None;
        }
    }
    let data = e.data();
    let get = |k: &str| Reflect::get(&data, &JsValue::from_str(k)).ok();
    if get("target")?.as_string()? != MESSAGE_SOURCE {
        return None;
    }
    match get("type")?.as_string()?.as_str() {
        "load" => {
            let doc = get("document")?;
            let text = match doc.as_string() {
                Some(s) => s,
                None => js_sys::JSON::stringify(&doc).ok()?.as_string()?,
            };
            Some(ParentMessage::Load(text))
        }
        "request-export" => Some(ParentMessage::RequestExport),
        _ => None,
    }
}

/// The document's full height, for `resize` messages.
pub fn content_height() -> f64 {
    window().and_then(|w| w.document()).and_then(|d| d.document_element()).map(|e| e.scroll_height() as f64).unwrap_or(0.0)
}

/// Calls `f` whenever the document's size changes; the observer lives as
/// long as the returned handle.
pub fn observe_resize(f: impl Fn() + 'static) -> Option<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn Fn()>)> {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let obs = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
    let el = window()?.document()?.body()?;
    obs.observe(&el);
    Some((obs, cb))
}

/// Whether an event happened in a text field (where paste means typing).
pub fn event_in_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

/// Prints the calculator shown as a report (the print stylesheet in
/// `static/style.css` leaves out the controls): every closed `<details>`
/// (data tables, problem rows) is opened for the print and closed again.
pub fn print_report() {
    let Some(w) = window() else { return };
    let mut opened = Vec::new();
    if let Some(list) = w.document().and_then(|d| d.query_selector_all("details:not([open])").ok()) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.set_attribute("open", "");
                opened.push(el);
            }
        }
    }
    let _ = w.print();
    for el in opened {
        let _ = el.remove_attribute("open");
    }
}

/// Focuses a text field by id and selects its text.
pub fn select(id: &str) {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        el.select();
    }
}

/// Reads a file's bytes, at most `max + 1` of them: a file over the limit is
/// never read whole, and the caller refuses it by its length before parsing.
/// `None` if it cannot be read.
pub async fn read_bytes(file: &web_sys::File, max: usize) -> Option<Vec<u8>> {
    let blob: &web_sys::Blob = file;
    let part;
    let blob = if file.size() > max as f64 {
        part = blob.slice_with_f64_and_f64(0.0, max as f64 + 1.0).ok()?;
        &part
    } else {
        blob
    };
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Scrolls the element with a `data-testid` into view once the page has
/// rendered the change that shows it (a zero timeout runs after the render).
pub fn scroll_to_testid(testid: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        let el = window().and_then(|w| w.document()).and_then(|d| d.query_selector(&format!("[data-testid=\"{testid}\"]")).ok().flatten());
        if let Some(el) = el {
            el.scroll_into_view();
        }
    })
    .forget();
}

/// The language the page starts in, chosen as the model chooses it: the
/// `lang` parameter, else the browser's languages, else English.
pub fn start_lang() -> crate::domain::i18n::Lang {
    let pairs = crate::domain::query::parse(&query_string());
    crate::domain::i18n::Lang::negotiate(crate::domain::query::get(&pairs, "lang"), &preferred_languages())
}

/// Makes `lang`'s texts available: reads its catalog (`<tag>.txt`, beside
/// the page), using the fetch the bootstrap started for the first language.
/// `false` if it cannot be read (offline before the first visit).
pub async fn load_catalog(lang: crate::domain::i18n::Lang) -> bool {
    #[cfg(feature = "embedded-catalogs")]
    {
        let _ = lang;
        true
    }
    #[cfg(not(feature = "embedded-catalogs"))]
    {
        use crate::domain::i18n;
        use wasm_bindgen_futures::JsFuture;
        if i18n::is_installed(lang) {
            return true;
        }
        let early = window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("__cvcCatalog")).ok()).filter(|v| v.is_object());
        let mut text = None;
        if let Some(early) = early {
            let tag = js_sys::Reflect::get(&early, &JsValue::from_str("tag")).ok().and_then(|t| t.as_string());
            let promise = js_sys::Reflect::get(&early, &JsValue::from_str("text")).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
            if let (Some(tag), Some(promise)) = (tag, promise) {
                if tag == lang.tag() {
                    text = JsFuture::from(promise).await.ok().and_then(|v| v.as_string());
                }
            }
        }
        if text.is_none() {
            text = fetch_text(&format!("./{}.txt", lang.tag())).await;
        }
        text.is_some_and(|t| i18n::install(lang, &t))
    }
}

#[cfg(not(feature = "embedded-catalogs"))]
async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(window()?.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}
