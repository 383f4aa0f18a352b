//! Entry point: mounts the application on wasm32; natively it only says how
//! to build the site.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The page's texts come from its language's catalog, read first (the
    // bootstrap has already started fetching it, beside the wasm).
    wasm_bindgen_futures::spawn_local(async {
        use customer_value_calculator::{domain::i18n::Lang, platform};
        let lang = platform::start_lang();
        if platform::load_catalog(lang).await || platform::load_catalog(Lang::En).await {
            mount();
        } else if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
            // Without any catalog there is no text to show but this one.
            root.set_inner_html(
                "<p class=\"loading\" role=\"alert\" data-testid=\"no-catalog\">The page's texts could not be loaded: reload to try again. \
                 无法加载页面文字，请刷新重试。無法載入頁面文字，請重新整理再試。</p>",
            );
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn mount() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Remove the "Loading…" placeholder before mounting.
            root.set_inner_html("");
            yew::Renderer::<customer_value_calculator::ui::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<customer_value_calculator::ui::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("customer-value-calculator runs in the browser: `make serve` builds and serves it.");
}
