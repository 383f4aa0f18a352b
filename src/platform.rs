//! Browser side effects, in one place: the URL, the document, preferred
//! languages, performance marks and locale number formatting through
//! `Intl.NumberFormat`. Components call these; reducers never do.

use crate::core::i18n::Lang;
use crate::core::math::{NumberFormat, Unit};
use crate::core::Currency;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current query string, including the leading `?` (or empty).
pub fn query_string() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Replaces the query string without adding a history entry, so the
/// address bar is always a share link for the current view.
pub fn replace_query(query: &str) {
    let Some(w) = window() else { return };
    let Ok(path) = w.location().pathname() else { return };
    let hash = w.location().hash().unwrap_or_default();
    let url = format!("{path}?{query}{hash}");
    if w.location().search().ok().as_deref() == Some(&format!("?{query}")) {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
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

/// Sets `<html lang>` and the document title.
pub fn set_document_language(tag: &str, title: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.document_element() {
        let _ = el.set_attribute("lang", tag);
    }
    doc.set_title(title);
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
    money: Option<Function>,
    count: Option<Function>,
    percent: Option<Function>,
    ratio: Option<Function>,
}

impl PartialEq for IntlFormat {
    fn eq(&self, other: &Self) -> bool {
        // Two formatters format alike exactly when language and currency agree.
        self.lang == other.lang && self.currency == other.currency
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
    /// Builds the formatters for `lang` and `currency`.
    pub fn new(lang: Lang, currency: Currency) -> IntlFormat {
        let tag = lang.tag();
        let max = |n: u32| ("maximumFractionDigits", JsValue::from(n));
        let min0 = ("minimumFractionDigits", JsValue::from(0));
        IntlFormat {
            lang,
            currency,
            money: formatter(
                tag,
                &[
                    ("style", "currency".into()),
                    ("currency", currency.code().into()),
                    min0.clone(),
                    max(2),
                ],
            ),
            count: formatter(tag, &[max(2)]),
            percent: formatter(tag, &[("style", "percent".into()), max(2)]),
            ratio: formatter(tag, &[max(4)]),
        }
    }
}

impl NumberFormat for IntlFormat {
    fn format(&self, v: f64, unit: Unit) -> String {
        let f = match unit {
            Unit::Money => &self.money,
            Unit::Percent => &self.percent,
            Unit::Ratio => &self.ratio,
            Unit::Count | Unit::Years => &self.count,
        };
        f.as_ref()
            .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_f64(v)).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| crate::core::math::PlainFormat.format(v, unit))
    }
}

/// Moves keyboard focus to the element with `id`.
pub fn focus(id: &str) {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}
