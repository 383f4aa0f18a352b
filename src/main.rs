//! Entry point: mounts the application on wasm32; natively it only says how
//! to build the site.

#[cfg(target_arch = "wasm32")]
fn main() {
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
