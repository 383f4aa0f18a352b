//! The Web Worker task a calculator is waiting for: its progress bar
//! (`task-progress`, the fraction done) and its cancel button
//! (`task-cancel`), shown only while the task runs (DESIGN §3, §4).

use super::AppContext;
use crate::domain::i18n::Msg;
use crate::domain::model::Action;
use yew::prelude::*;

/// The progress and cancel of the worker task the calculator shown waits
/// for, or nothing.
pub fn task_progress(ctx: &AppContext) -> Html {
    let Some(w) = ctx.model.worker.filter(|w| w.calc == ctx.model.calc) else { return Html::default() };
    let lang = ctx.model.lang;
    let dispatch = ctx.dispatcher();
    let oncancel = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::CancelWorker));
    html! {
        <div class="task" role="status">
            <label>{ Msg::CbWorking.text(lang) }<progress data-testid="task-progress" max="1" value={w.fraction.to_string()}></progress></label>
            <button type="button" class="button small" data-testid="task-cancel" onclick={oncancel}>{ Msg::CancelLabel.text(lang) }</button>
        </div>
    }
}
