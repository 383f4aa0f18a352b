//! Save and share: export, copy, import (file, drop, paste), share link and
//! reset. Effects go through the platform module; outcomes come back as
//! actions, so the reducer stays pure.

use super::AppContext;
use crate::domain::document::{file_name, ImportError, MAX_BYTES};
use crate::domain::i18n::Msg;
use crate::domain::model::{Action, Notice};
use crate::platform;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Reads a dropped or chosen file and imports it (all or nothing).
pub fn import_file(file: web_sys::File, dispatch: UseReducerDispatcher<super::AppState>) {
    if file.size() > MAX_BYTES as f64 {
        dispatch.dispatch(Action::ImportFailed(vec![ImportError::too_large()]));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match platform::read_file(&file).await {
            Some(text) => dispatch.dispatch(Action::ImportText(text)),
            None => dispatch.dispatch(Action::ImportText(String::from("\u{0}"))),
        }
    });
}

/// The toolbar under the tabs.
#[component]
pub fn Toolbar() -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let share_url = use_state(|| None::<String>);
    let t = |m: Msg| m.text(ctx.model.lang);
    if !ctx.model.calc.available() {
        return html! {};
    }
    let onexport = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| match ctx.model.export_document() {
            Some(doc) => platform::download(&file_name(ctx.model.calc, &platform::today_iso()), &doc.to_json(), "application/json"),
            None => ctx.dispatch(Action::Notify(Notice::ExportInvalid)),
        })
    };
    let oncopy = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(doc) = ctx.model.export_document() else {
                ctx.dispatch(Action::Notify(Notice::ExportInvalid));
                return;
            };
            let d = ctx.dispatcher();
            let calc = ctx.model.calc;
            wasm_bindgen_futures::spawn_local(async move {
                let text = doc.to_json();
                if platform::copy_text(&text).await {
                    d.dispatch(Action::Notify(Notice::Copied));
                } else {
                    platform::download(&file_name(calc, &platform::today_iso()), &text, "application/json");
                }
            });
        })
    };
    let onimport = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import_file(file, ctx.dispatcher());
            }
            input.set_value("");
        })
    };
    let onshare = {
        let ctx = ctx.clone();
        let share_url = share_url.clone();
        Callback::from(move |_: MouseEvent| {
            // The newest state's address (the page writes it in the task
            // after a change; a click may come first).
            platform::replace_query(&ctx.model.to_query());
            let url = platform::current_url();
            share_url.set(Some(url.clone()));
            let d = ctx.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = platform::copy_text(&url).await;
                d.dispatch(Action::Notify(if ok { Notice::LinkCopied } else { Notice::CopyByHand }));
                platform::select("share-url");
            });
        })
    };
    let onreset = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::Reset))
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label={t(Msg::ToolbarLabel)}>
            <button type="button" class="button small" data-testid="export-json" onclick={onexport}>{ t(Msg::ExportJson) }</button>
            <button type="button" class="button small" data-testid="copy-json" onclick={oncopy}>{ t(Msg::CopyJson) }</button>
            <label class="button small file" title={t(Msg::ImportHint)}>
                { t(Msg::ImportJson) }
                <input type="file" accept=".json,application/json" data-testid="import-json" onchange={onimport} />
            </label>
            <button type="button" class="button small" data-testid="share-link" onclick={onshare}>{ t(Msg::ShareLink) }</button>
            <button type="button" class="button small" data-testid="reset-defaults" onclick={onreset}>{ t(Msg::ResetDefaults) }</button>
            <button type="button" class="button small" data-testid="print-report" onclick={Callback::from(|_: MouseEvent| platform::print_report())}>{ t(Msg::PrintReport) }</button>
            <span class="hint">{ t(Msg::ImportHint) }</span>
            if let Some(url) = (*share_url).clone() {
                <label class="share-box">
                    <span>{ t(Msg::ShareUrlLabel) }</span>
                    <input type="text" id="share-url" data-testid="share-url" readonly=true value={url} />
                </label>
            }
        </div>
    }
}
