//! The user interface: yew function components that render the core's view
//! models and dispatch [`Action`]s. The provider owns the reducer and hands
//! it down through [`AppContext`] (the pattern of yew's `contexts` example).

mod chart;
mod customer_base;
mod customer_value;
mod delivered_value;
mod field;
mod later;
mod montecarlo;
mod retention_curve;
mod satisfaction;
mod task;
mod toolbar;
mod whatif;
mod writes;

use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::model::{storage_key, Action, Effect, Model};
use crate::domain::{Calculator, Currency};
use crate::platform::{self, IntlFormat};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

/// The reducer state: the domain model, and the effects its updates asked
/// for, which the root component runs after rendering.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The model.
    pub model: Model,
    /// Effects waiting to run.
    effects: Rc<RefCell<Vec<Effect>>>,
}

/// The same state, not an equal one: every change makes a new state, and
/// comparing addresses spares the context provider a walk of the whole
/// model on every keystroke (its consumers re-render on each new state,
/// which a change re-renders anyway).
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut model = self.model.clone();
        let effects = model.update(action);
        self.effects.borrow_mut().extend(effects);
        Rc::new(AppState { model, effects: self.effects.clone() })
    }
}

/// The context that components which render the whole state read. Every
/// state change re-renders its consumers, so leaf components avoid it.
pub type AppContext = UseReducerHandle<AppState>;

/// The dispatcher alone, as a context that never changes: leaf components
/// (fields, results, steps) use it with their own props, so a keystroke
/// re-renders only what it changed.
pub type Dispatch = UseReducerDispatcher<AppState>;

/// Translates a message in the current language.
pub fn tr(state: &AppState, m: Msg) -> &'static str {
    m.text(state.model.lang)
}

/// Builds the first model: the URL, else (or on the user's own page) autosave.
fn initial_model() -> Model {
    let mut model = Model::from_query(&platform::query_string(), &platform::preferred_languages());
    model.framed = platform::in_frame();
    platform::set_parent_origin(model.embed.parent_origin.clone());
    let saved: Vec<(Calculator, String)> =
        Calculator::ALL.into_iter().filter_map(|c| platform::load(&storage_key(c)).map(|t| (c, t))).collect();
    if !model.url_has_inputs {
        if !saved.is_empty() {
            let notice = model.notice;
            model.update(Action::RestoreSaved(saved));
            match model.notice {
                // Quietly restored values need no banner; only a discard does.
                Some(crate::domain::model::Notice::Restored) => model.notice = notice,
                // Unreadable data is replaced at once, so the notice appears only once.
                Some(crate::domain::model::Notice::BadSaved) => {
                    for (key, value) in model.autosave_entries() {
                        platform::save(&key, &value);
                    }
                }
                _ => {}
            }
        }
    } else {
        model.restore_own_page(saved);
    }
    model
}

/// The root component: owns the reducer, mirrors the state into the URL, local storage and (when framed) the parent window.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState { model: initial_model(), effects: Rc::new(RefCell::new(Vec::new())) });
    // The latest document sent to the parent in a `change`.
    let latest_doc = use_mut_ref(|| None::<String>);
    // The generation of the running task: cancelling bumps it.
    let task_gen = use_mut_ref(|| 0u64);
    let writer = {
        let state = state.clone();
        let latest_doc = latest_doc.clone();
        use_memo((), move |_| writes::Writer::new(state, latest_doc))
    };
    {
        let state = state.clone();
        let writer = writer.clone();
        use_effect_with((), move |_| {
            // The first view's address, autosave and the parent's first
            // `change` are written like any change's: in a task of their own,
            // after the page is interactive (a framed page's, just before
            // its `ready`).
            writer.started(crate::domain::model::Persisted::unwritten(&state.model));
            writer.later();
        });
    }
    {
        let queue = state.effects.clone();
        let dispatch = state.dispatcher();
        let writer = writer.clone();
        let task_gen = task_gen.clone();
        // After each new state (compared by address, see `AppState`'s
        // equality: no copy of the model to compare with the next one).
        use_effect_with(state.clone(), move |s| {
            let m = &s.model;
            platform::set_document_language(m.lang.tag(), Msg::AppName.text(m.lang));
            let effects: Vec<Effect> = queue.borrow_mut().drain(..).collect();
            for e in effects {
                run_effect(e, &dispatch, &writer, &task_gen);
            }
        });
    }
    // The calculator shown, for the page-wide drop handler.
    let calc_now = use_memo((), |_| Rc::new(Cell::new(Calculator::CustomerValue)));
    // Numbers are first formatted by the app's own formatter, which prints
    // what `Intl` prints; `Intl`, whose first use loads the locale's data,
    // takes over in a task after the page is interactive.
    let intl = use_state_eq(|| false);
    calc_now.set(state.model.calc);
    {
        let dispatch = state.dispatcher();
        let calc_now = (*calc_now).clone();
        let writer = writer.clone();
        let intl = intl.setter();
        use_effect_with((), move |_| {
            platform::mark("app-interactive");
            gloo::timers::callback::Timeout::new(0, move || {
                intl.set(true);
                platform::mark("app-intl");
            })
            .forget();
            {
                let dispatch = dispatch.clone();
                platform::worker::on_reply(move |id, reply| dispatch.dispatch(Action::Worker(id, reply)));
            }
            dispatch.dispatch(Action::Wake);
            let window = web_sys::window().expect("window");
            let on_message = {
                let dispatch = dispatch.clone();
                let writer = writer.clone();
                gloo::events::EventListener::new(&window, "message", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else { return };
                    match platform::parent_message(e) {
                        Some(platform::ParentMessage::Load(text)) => dispatch.dispatch(Action::LoadFromParent(text)),
                        Some(platform::ParentMessage::RequestExport) => {
                            // The newest state's document (none while an input is
                            // invalid), after any `change` still waiting to be sent.
                            writer.now();
                            platform::post_to_parent("export", None, writer.document().as_deref());
                        }
                        None => {}
                    }
                })
            };
            let last_height = Rc::new(Cell::new(-1.0));
            let resize = if platform::in_frame() {
                // The parent hears the first view's `change` before `ready`.
                writer.now();
                platform::post_to_parent("ready", None, None);
                let last = last_height.clone();
                let post = move || {
                    let h = platform::content_height();
                    if h != last.get() {
                        last.set(h);
                        platform::post_to_parent("resize", Some(h), None);
                    }
                };
                post();
                platform::observe_resize(post)
            } else {
                None
            };
            let doc = window.document().expect("document");
            let on_paste = {
                let dispatch = dispatch.clone();
                gloo::events::EventListener::new(&doc, "paste", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
                    if platform::event_in_field(e) {
                        return;
                    }
                    if let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) {
                        if text.trim_start().starts_with('{') {
                            dispatch.dispatch(Action::ImportText(text));
                        }
                    }
                })
            };
            let on_dragover = gloo::events::EventListener::new_with_options(
                &doc,
                "dragover",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                |e| e.prevent_default(),
            );
            let on_drop = {
                let dispatch = dispatch.clone();
                gloo::events::EventListener::new_with_options(
                    &doc,
                    "drop",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        e.prevent_default();
                        let file = e
                            .dyn_ref::<web_sys::DragEvent>()
                            .and_then(|d| d.data_transfer())
                            .and_then(|t| t.files())
                            .and_then(|f| f.get(0));
                        if let Some(file) = file {
                            let lower = file.name().to_ascii_lowercase();
                            if calc_now.get() == Calculator::CustomerBase && !lower.ends_with(".json") {
                                customer_base::import_data_file(file, dispatch.clone());
                            } else if lower.ends_with(".csv") {
                                satisfaction::import_survey_file(file, dispatch.clone());
                            } else {
                                toolbar::import_file(file, dispatch.clone());
                            }
                        }
                    },
                )
            };
            // No keystroke lost: the writes of the newest state (rendered or
            // not), and the address held back, are done when the page goes
            // away (a reload, a link).
            let on_pagehide = {
                let writer = writer.clone();
                gloo::events::EventListener::new(&window, "pagehide", move |_| {
                    writer.now();
                    platform::flush_query();
                })
            };
            let keep = RefCell::new(Some((on_message, resize, on_paste, on_dragover, on_drop, on_pagehide)));
            move || drop(keep.take())
        });
    }
    let fmt = use_memo((state.model.lang, state.model.currency(), *intl), |(l, c, intl)| IntlFormat::of(*l, *c, *intl));
    let dispatch = state.dispatcher();
    html! {
        <ContextProvider<Dispatch> context={dispatch}>
            <ContextProvider<AppContext> context={state.clone()}>
                { shell(&state, &fmt) }
            </ContextProvider<AppContext>>
        </ContextProvider<Dispatch>>
    }
}

/// Runs one effect of an update in the browser.
fn run_effect(e: Effect, dispatch: &Dispatch, writer: &Rc<writes::Writer>, task_gen: &Rc<RefCell<u64>>) {
    match e {
        Effect::Persist => writer.later(),
        Effect::WriteUrl(_) | Effect::Save { .. } | Effect::PostChange(_) => writer.now(),
        Effect::PostLoadRefused(reason) => platform::post_load_refused(reason),
        Effect::CancelTask => *task_gen.borrow_mut() += 1,
        Effect::Worker(job) => platform::worker::post(&job),
        Effect::CancelWorker => platform::worker::cancel(),
        Effect::StartTask(job) => {
            *task_gen.borrow_mut() += 1;
            let gen = *task_gen.borrow();
            step_task(Rc::new(RefCell::new(job)), dispatch.clone(), task_gen.clone(), gen);
        }
    }
}

/// Steps a task in chunks between timer ticks, so the page stays responsive.
fn step_task(job: Rc<RefCell<Box<dyn crate::domain::whatif::tools::Job>>>, dispatch: Dispatch, task_gen: Rc<RefCell<u64>>, gen: u64) {
    if *task_gen.borrow() != gen {
        return;
    }
    let finished = job.borrow_mut().step(25_000);
    if finished {
        if let Some(run) = job.borrow().finish() {
            dispatch.dispatch(Action::TaskDone(run));
        }
    } else {
        let (done, total) = job.borrow().progress();
        dispatch.dispatch(Action::TaskProgress(done, total));
        gloo::timers::callback::Timeout::new(0, move || step_task(job, dispatch, task_gen, gen)).forget();
    }
}

/// The page around the calculator (a function of the root's state: the
/// root renders on every change anyway).
fn shell(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let m = &ctx.model;
    let lang = m.lang;
    let panel = match m.calc {
        Calculator::CustomerValue => customer_value::customer_value(ctx, fmt),
        Calculator::DeliveredValue => delivered_value::delivered_value(ctx, fmt),
        Calculator::SatisfactionGap => satisfaction::satisfaction_gap(ctx, fmt),
        Calculator::CustomerBase => customer_base::customer_base(ctx, fmt),
        Calculator::RetentionCurve => retention_curve::retention_curve(ctx, fmt),
    };
    let compact = m.embed.compact;
    html! {
        <div class={classes!("app", compact.then_some("embed"))}>
            if !compact {
                <header class="app-header">
                    <div class="brand">
                        <h1>{ tr(ctx, Msg::AppName) }</h1>
                        <p class="tagline">{ tr(ctx, Msg::AppTagline) }</p>
                    </div>
                    <Settings lang={lang} currency={m.currency()} />
                </header>
            }
            <Tabs lang={lang} calc={m.calc} offered={Calculator::ALL.into_iter().filter(|c| m.embed.offers(*c)).collect::<Vec<_>>()} compact={compact} />
            <toolbar::Toolbar />
            if !m.import_errors.is_empty() {
                <div class="import-errors" role="alert" data-testid="import-errors">
                    <p>{ tr(ctx, Msg::ImportErrorsTitle) }</p>
                    <ul>
                        { for m.import_errors.iter().map(|e| html! { <li>{ e.line(lang) }</li> }) }
                    </ul>
                    <button type="button" class="button small" data-testid="import-errors-dismiss"
                        onclick={{ let d = ctx.dispatcher(); Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice)) }}>
                        { tr(ctx, Msg::NoticeDismiss) }</button>
                </div>
            }
            if let Some(n) = m.notice {
                <div class="notice" role="status" data-testid="notice">
                    <span>{ tr(ctx, n.msg()) }</span>
                    <button type="button" class="button small" data-testid="notice-dismiss"
                        onclick={{ let d = ctx.dispatcher(); Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice)) }}>
                        { tr(ctx, Msg::NoticeDismiss) }</button>
                </div>
            }
            <main id="main" class="panel" role="tabpanel" aria-labelledby={format!("tab-{}", m.calc.as_str())}>
                { panel }
                <later::Later render={{ let fmt = fmt.clone(); Callback::from(move |_| html! { <whatif::WhatIfPanel fmt={fmt.clone()} /> }) }} />
            </main>
            <footer class="app-footer">
                <p>{ tr(ctx, Msg::FooterPrivacy) }</p>
                <p class="version">{ fill(tr(ctx, Msg::FooterVersion), &[("v", crate::APP_VERSION)]) }</p>
            </footer>
        </div>
    }
}

/// Props of the language and currency menus.
#[derive(Properties, PartialEq)]
struct SettingsProps {
    lang: Lang,
    currency: Currency,
}

/// The language and currency menus: a component, so that a keystroke,
/// which changes neither, does not build them again.
#[component]
fn Settings(p: &SettingsProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Dispatch");
    html! {
        <div class="settings">
            { lang_select(p.lang, &dispatch) }
            { currency_select(p.lang, p.currency, &dispatch) }
        </div>
    }
}

fn lang_select(lang: Lang, dispatch: &Dispatch) -> Html {
    let onchange = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(l) = Lang::parse(&v) {
                if crate::domain::i18n::is_installed(l) {
                    d.dispatch(Action::SetLang(l));
                    return;
                }
                // The language's texts are read first, then shown.
                let d = d.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if crate::platform::load_catalog(l).await {
                        d.dispatch(Action::SetLang(l));
                    } else {
                        d.dispatch(Action::Notify(crate::domain::notice::Notice::from_msg(Msg::LangUnavailable)));
                    }
                });
            }
        })
    };
    html! {
        <label class="setting">
            <span>{ Msg::LangLabel.text(lang) }</span>
            <select data-testid="lang-select" {onchange}>
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.tag()} selected={*l == lang} lang={l.tag()}>{ l.native_name() }</option>
                }) }
            </select>
        </label>
    }
}

fn currency_select(lang: Lang, current: Currency, dispatch: &Dispatch) -> Html {
    let onchange = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(c) = Currency::parse(&v) {
                d.dispatch(Action::SetCurrency(c));
            }
        })
    };
    html! {
        <label class="setting">
            <span>{ Msg::CurrencyLabel.text(lang) }</span>
            <select data-testid="currency-select" {onchange}>
                { for Currency::ALL.iter().map(|c| html! {
                    <option value={c.code()} selected={*c == current}>{ c.code() }</option>
                }) }
            </select>
        </label>
    }
}

/// Props of the calculator tabs.
#[derive(Properties, PartialEq)]
struct TabsProps {
    lang: Lang,
    calc: Calculator,
    /// The calculators the page offers, in order.
    offered: Vec<Calculator>,
    compact: bool,
}

/// The calculator tabs (a component for the same reason as [`Settings`]).
#[component]
fn Tabs(p: &TabsProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Dispatch");
    let current = p.calc;
    let offered = &p.offered;
    if offered.len() < 2 && p.compact {
        return html! {};
    }
    let onkeydown = {
        let d = dispatch.clone();
        let all = offered.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = all.iter().position(|c| *c == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => all[(i + 1) % all.len()],
                "ArrowLeft" => all[(i + all.len() - 1) % all.len()],
                "Home" => all[0],
                "End" => all[all.len() - 1],
                _ => return,
            };
            e.prevent_default();
            d.dispatch(Action::SetCalc(next));
            platform::focus(&format!("tab-{}", next.as_str()));
        })
    };
    html! {
        <nav class="tabs" role="tablist" aria-label={Msg::TabsLabel.text(p.lang)} {onkeydown}>
            { for offered.iter().map(|&c| {
                let selected = c == current;
                let onselect = {
                    let d = dispatch.clone();
                    Callback::from(move |_: MouseEvent| d.dispatch(Action::SetCalc(c)))
                };
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", c.as_str())}
                        class={classes!("tab", selected.then_some("selected"))}
                        aria-selected={selected.to_string()} aria-controls="main"
                        tabindex={if selected { "0" } else { "-1" }}
                        data-testid={format!("calc-tab-{}", c.as_str())}
                        onclick={onselect}>
                        { c.title().text(p.lang) }
                    </button>
                }
            }) }
        </nav>
    }
}
