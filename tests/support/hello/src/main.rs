use yew::prelude::*;

#[component]
fn App() -> Html {
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("app-interactive");
        }
    });
    html! { <h1>{ "Hello, yew" }</h1> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
