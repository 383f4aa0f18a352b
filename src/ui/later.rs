//! Panels that follow the state one task after the rest of the page.
//!
//! A keystroke must reach the results beside the field within a frame on a
//! slow phone. The panels below them (the steps, the what-if tools) are off
//! screen while the user types, so [`Later`] updates them in a task of
//! their own right after the keystroke's: the results first, then the rest.
//! While changes keep coming, each render of them shows the newest. At start-up the
//! first render shows the page without them and they follow at once, so
//! the calculator is interactive sooner. They are built in that task too
//! (a render function of the state, not children built by the parent), so
//! a keystroke neither builds nor formats what it does not show yet.

use super::AppContext;
use gloo::timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Props: the panel.
#[derive(Properties)]
pub struct LaterProps {
    /// Builds the panel from the state it shows, one task later.
    pub render: Callback<AppContext, Html>,
}

/// Never equal: the parent renders only when the state changed, and then
/// [`Later`] must see it (no walk of the children's tree).
impl PartialEq for LaterProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// A handle on the app state (which always reads the newest, as yew's
/// reducer handles do) with the address of the state it held when it was
/// cloned: equal only to a snapshot of that same state, so it tells when the
/// state has changed (a clone keeps that state alive, so the address is not
/// reused while the snapshot exists).
#[derive(Clone)]
struct Snapshot(AppContext, *const super::AppState);

impl Snapshot {
    fn of(live: &AppContext) -> Snapshot {
        let handle = live.clone();
        let at: *const super::AppState = &*handle;
        Snapshot(handle, at)
    }
}

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.1, other.1)
    }
}

/// Renders the panel in a task of its own after each change of the state,
/// from the newest state at that moment.
#[component]
pub fn Later(props: &LaterProps) -> Html {
    let live = use_context::<AppContext>().expect("AppContext");
    let shown = use_state(|| None::<Snapshot>);
    // The newest state not yet shown, and the timer that will show it: one
    // timer at a time, which takes whatever is newest when it fires, so a
    // stream of changes (a running task's progress) still shows.
    let latest = use_mut_ref(|| None::<Snapshot>);
    let timer = use_mut_ref(|| (Rc::new(Cell::new(false)), None::<Timeout>));
    // The panel is a function of the state, so the state alone decides
    // when to render it again.
    let snapshot = Snapshot::of(&live);
    *latest.borrow_mut() = Some(snapshot.clone());
    {
        let set = shown.setter();
        use_effect_with(snapshot, move |_| {
            let mut t = timer.borrow_mut();
            if !t.0.get() {
                let pending = t.0.clone();
                pending.set(true);
                // Replaces a timer that has fired (dropping it clears nothing).
                t.1 = Some(Timeout::new(0, move || {
                    pending.set(false);
                    if let Some(d) = latest.borrow_mut().take() {
                        set.set(Some(d));
                    }
                }));
            }
        });
    }
    match &*shown {
        Some(s) => html! { <Provide state={s.clone()} render={props.render.clone()} /> },
        None => html! {},
    }
}

#[derive(Properties)]
struct ProvideProps {
    state: Snapshot,
    render: Callback<AppContext, Html>,
}

/// The panel is a function of the state (see [`Later`]). Components in it
/// that read the state from the context (the what-if panel) subscribe to
/// this provider, not the app's, so they too follow one task later.
impl PartialEq for ProvideProps {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

#[component]
fn Provide(props: &ProvideProps) -> Html {
    html! {
        <ContextProvider<AppContext> context={props.state.0.clone()}>
            { props.render.emit(props.state.0.clone()) }
        </ContextProvider<AppContext>>
    }
}
