//! The one field renderer for every calculator's declared scalar inputs: a
//! number box (with its unit), a choice list or a check box, chosen by the
//! declaration; the error is announced and tied to the control; a teacher's
//! lock makes it read-only. Typing dispatches `Action::EditScalar`.

use super::Dispatch;
use crate::domain::calc::{InputDecl, InputKind};
use crate::domain::i18n::{Lang, Msg};
use crate::domain::model::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`DeclField`].
#[derive(Properties, PartialEq)]
pub struct DeclFieldProps {
    /// The declaration.
    pub decl: InputDecl,
    /// The text shown.
    pub text: String,
    /// The translated error, if the text is invalid.
    pub error: Option<String>,
    /// Interface language.
    pub lang: Lang,
    /// A unit after the control (`%`, the currency).
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    /// Locked by the teacher: read-only.
    #[prop_or_default]
    pub locked: bool,
    /// Read-only for another reason than a teacher's lock (the help says why).
    #[prop_or_default]
    pub readonly: bool,
    /// Help text under the control.
    #[prop_or_default]
    pub help: Option<Msg>,
    /// Labels of a choice's options `(value, label)`.
    #[prop_or_default]
    pub options: Vec<(&'static str, &'static str)>,
    /// Compact layout (settings rows).
    #[prop_or_default]
    pub compact: bool,
}

fn error_line(key: &str, id: &str, error: &Option<String>) -> Html {
    html! {
        <p class="error" id={id.to_string()} data-testid={format!("error-{key}")} role="alert" hidden={error.is_none()}>
            { error.clone().unwrap_or_default() }
        </p>
    }
}

/// A declared scalar input with its label, unit, help, error and lock.
#[component]
pub fn DeclField(p: &DeclFieldProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Dispatch");
    let t = |m: Msg| m.text(p.lang);
    let key = p.decl.key;
    let id = format!("in-{key}");
    let err_id = format!("err-{key}");
    let help_id = format!("help-{key}");
    let described = if p.error.is_some() { format!("{err_id} {help_id}") } else { help_id.clone() };
    let invalid = p.error.is_some();
    let onedit = Callback::from(move |text: String| dispatch.dispatch(Action::EditScalar(key.to_string(), text)));
    let testid = format!("input-{key}");
    let locked = p.locked || p.readonly;
    let lock_note = p.locked.then(|| html! { <span class="locked-note">{ format!("🔒 {}", t(Msg::LockedHint)) }</span> });
    let help = p.help.map(|h| html! { <small class="help" id={help_id.clone()}>{ t(h) }</small> });
    let control = match p.decl.kind {
        InputKind::Bool => {
            let onchange = onedit.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked().to_string());
            return html! {
                <div class={classes!("field", "check", invalid.then_some("invalid"))}>
                    <label for={id.clone()}>
                        <input type="checkbox" id={id} data-testid={testid} checked={p.text == "true"} {onchange}
                            disabled={locked} aria-invalid={invalid.to_string()} aria-describedby={described} />
                        <span>{ t(p.decl.label) }</span>
                    </label>
                    { lock_note }
                    { help }
                    { error_line(key, &err_id, &p.error) }
                </div>
            };
        }
        InputKind::Choice(_) => {
            let onchange = onedit.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
            html! {
                <select id={id.clone()} data-testid={testid} {onchange} disabled={locked}
                    aria-invalid={invalid.to_string()} aria-describedby={described}>
                    if invalid {
                        <option value={p.text.clone()} selected=true>{ p.text.clone() }</option>
                    }
                    { for p.options.iter().map(|(v, label)| html! {
                        <option value={*v} selected={p.text == *v}>{ *label }</option>
                    }) }
                </select>
            }
        }
        InputKind::Date => {
            let oninput = onedit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            html! {
                <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" placeholder="YYYY-MM-DD"
                    id={id.clone()} data-testid={testid} value={p.text.clone()} {oninput}
                    readonly={locked} aria-readonly={locked.to_string()}
                    aria-invalid={invalid.to_string()} aria-describedby={described} />
            }
        }
        InputKind::Number(_) | InputKind::NullableNumber(_) => {
            let oninput = onedit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            html! {
                <div class="number">
                    <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                        id={id.clone()} data-testid={testid} value={p.text.clone()} {oninput}
                        readonly={locked} aria-readonly={locked.to_string()}
                        aria-invalid={invalid.to_string()} aria-describedby={described} />
                    if let Some(s) = p.suffix.clone() { <span class="suffix" aria-hidden="true">{ s }</span> }
                </div>
            }
        }
    };
    html! {
        <div class={classes!("field", p.compact.then_some("compact"), invalid.then_some("invalid"))}>
            <label for={id}>{ t(p.decl.label) }</label>
            { control }
            { lock_note }
            { help }
            { error_line(key, &err_id, &p.error) }
        </div>
    }
}

/// The options of a choice input with their labels, from the calculator shown.
pub fn options(slot: &dyn crate::domain::slot::AnySlot, decl: &InputDecl, lang: Lang) -> Vec<(&'static str, &'static str)> {
    match decl.kind {
        InputKind::Choice(opts) => opts.iter().map(|o| (*o, slot.option_label(decl.key, o).map_or(*o, |m| m.text(lang)))).collect(),
        _ => Vec::new(),
    }
}
