//! wasm-bindgen browser tests: the real components mounted in headless
//! Chromium. Rendering is awaited with `yew::scheduler::flush()`, never sleeps.
#![cfg(target_arch = "wasm32")]

use customer_value_calculator::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh element, with `query` as the page's URL
/// query (the app reads its state from the URL), and waits for the first render.
async fn mount_with(query: &str) -> Element {
    let window = web_sys::window().unwrap();
    // Each test starts without inputs autosaved by another.
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?{query}"))).unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<App>::with_root(host.clone()).render();
    yew::scheduler::flush().await;
    host
}

async fn mount() -> Element {
    mount_with("lang=en").await
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap().unwrap_or_else(|| panic!("no element with data-testid {testid}"))
}

fn fire(el: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

async fn select(root: &Element, testid: &str, value: &str) {
    let sel: HtmlSelectElement = find(root, testid).dyn_into().unwrap();
    sel.set_value(value);
    fire(&sel, "change");
    yew::scheduler::flush().await;
}

async fn type_into(root: &Element, testid: &str, text: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(text);
    fire(&input, "input");
    yew::scheduler::flush().await;
}

fn text_of(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn language_switch_changes_visible_text() {
    let root = mount().await;
    select(&root, "lang-select", "en").await;
    let en = text_of(&root, "calc-tab-customer_value");
    assert_eq!(en, "Customer value");
    select(&root, "lang-select", "zh-CN").await;
    assert_eq!(text_of(&root, "calc-tab-customer_value"), "客户价值");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    select(&root, "lang-select", "zh-TW").await;
    assert_eq!(text_of(&root, "calc-tab-customer_value"), "客戶價值");
    root.remove();
}

#[wasm_bindgen_test]
async fn form_updates_results_on_input() {
    let root = mount().await;
    let value = |id: &str| find(&root, id).get_attribute("data-value");
    assert_eq!(value("result-satisfaction_swing").as_deref(), Some("130000"));
    type_into(&root, "input-spend_per_purchase", "60").await;
    assert_eq!(value("result-annual_value").as_deref(), Some("3120"));
    type_into(&root, "input-spend_per_purchase", "abc").await;
    assert_eq!(value("result-annual_value"), None, "an invalid input leaves no stale number");
    assert_eq!(text_of(&root, "result-annual_value"), "—");
    assert!(!text_of(&root, "error-spend_per_purchase").is_empty());
    type_into(&root, "input-spend_per_purchase", "５０").await;
    assert_eq!(value("result-satisfaction_swing").as_deref(), Some("130000"));
    root.remove();
}

#[wasm_bindgen_test]
async fn url_parameters_preset_the_form() {
    let root = mount_with("lang=zh-CN&calc=customer_value&weeks_per_year=50&spend_per_purchase=-5").await;
    assert_eq!(text_of(&root, "calc-tab-customer_value"), "客户价值");
    assert_eq!(text_of(&root, "error-spend_per_purchase"), "不能小于 0");
    let input: HtmlInputElement = find(&root, "input-spend_per_purchase").dyn_into().unwrap();
    assert_eq!(input.value(), "-5");
    type_into(&root, "input-spend_per_purchase", "50").await;
    assert_eq!(find(&root, "result-lifetime_value").get_attribute("data-value").as_deref(), Some("25000"));
    // The address follows typing in the task after it (and then at most
    // every 250 ms); the Share link button writes the newest first.
    let share: web_sys::HtmlElement = find(&root, "share-link").dyn_into().unwrap();
    share.click();
    yew::scheduler::flush().await;
    let url: HtmlInputElement = find(&root, "share-url").dyn_into().unwrap();
    assert!(url.value().contains("spend_per_purchase=50"), "{}", url.value());
    root.remove();
}

#[wasm_bindgen_test]
async fn tabs_switch_calculators() {
    let root = mount().await;
    let tab = find(&root, "calc-tab-satisfaction_gap");
    tab.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(root.query_selector("[data-testid=\"result-satisfaction_swing\"]").unwrap().is_none());
    assert_eq!(find(&root, "result-verdict").get_attribute("data-value").as_deref(), Some("meets"));
    type_into(&root, "input-items-0-perceived", "7").await;
    assert_eq!(find(&root, "result-items-0-verdict").get_attribute("data-value").as_deref(), Some("exceeds"));
    root.remove();
}
