//! Monte Carlo ranges for the calculator shown: one range row per numeric
//! input, the settings with their errors, progress, cancel and the summary.
//! Settings, validation and the run itself live in the domain
//! (`whatif::tools`); this component renders them and dispatches actions.

use super::whatif::{input_value, param_label};
use super::AppContext;
use crate::domain::chart::histogram;
use crate::domain::i18n::{fill, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::Action;
use crate::domain::whatif::tools::ToolAction;
use crate::platform::IntlFormat;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The Monte Carlo card (a function of the what-if panel's state, not a
/// component of its own: it would re-render with the panel anyway).
pub fn monte_carlo(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let slot = ctx.model.slot();
    let tools = slot.tools().clone();
    let view = slot.scenario_view();
    let rows = slot.range_rows();
    let running = ctx.model.task.filter(|task| task.calc == ctx.model.calc);
    let tool = |make: fn(String) -> ToolAction| {
        let d = ctx.dispatcher();
        Callback::from(move |e: InputEvent| d.dispatch(Action::Tool(make(input_value(&e)))))
    };
    let draws_err = tools.draws_error().map(|e| e.message(lang));
    let seed_err = tools.seed_error().map(|e| e.message(lang));
    let onrun = {
        let d = ctx.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::RunMonteCarlo))
    };
    let oncancel = {
        let d = ctx.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::CancelTask))
    };
    let mc_out = view.chosen_outputs[2].clone();
    let run = tools.monte_carlo.clone();
    html! {
        <section class="card monte-carlo">
            <h3>{ t(Msg::MonteCarloTitle) }</h3>
            <p class="hint">{ t(Msg::MonteCarloHelp) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::MonteCarloTitle)}>
                <table class="grid mc-ranges">
                    <thead><tr><th scope="col">{ t(Msg::InputLabel) }</th><th scope="col">{ t(Msg::McMin) }</th><th scope="col">{ t(Msg::McMode) }</th><th scope="col">{ t(Msg::McMax) }</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| {
                            let key = r.param.key.clone();
                            let label = param_label(&r.param, lang);
                            let bad = r.error.as_ref().map(|e| e.message(lang));
                            let edit = |which: usize| {
                                let (d, key) = (ctx.dispatcher(), key.clone());
                                Callback::from(move |e: InputEvent| d.dispatch(Action::Tool(ToolAction::McRange(key.clone(), which, input_value(&e)))))
                            };
                            let ontoggle = {
                                let (d, key) = (ctx.dispatcher(), key.clone());
                                Callback::from(move |e: Event| {
                                    let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                    d.dispatch(Action::Tool(ToolAction::McToggle(key.clone(), on)))
                                })
                            };
                            let cell = |which: usize, m: Msg, name: &str| html! {
                                <td class="rating" data-label={t(m)}><input type="text" inputmode="decimal" aria-label={format!("{label} {}", t(m))}
                                    aria-invalid={bad.is_some().to_string()}
                                    data-testid={format!("mc-{key}-{name}")} value={r.row.texts[which].clone()} oninput={edit(which)} /></td>
                            };
                            html! {
                                <tr class={classes!(bad.is_some().then_some("invalid"))}>
                                    <th scope="row" class="item-label">
                                        <label class="toggle"><input type="checkbox" data-testid={format!("mc-{key}-on")} checked={r.row.on} onchange={ontoggle} />
                                        { format!("{}{}", label, if r.percent { " (%)" } else { "" }) }</label>
                                        if let Some(e) = &bad { <p class="error" data-testid={format!("error-mc-{key}")}>{ e.clone() }</p> }
                                    </th>
                                    { cell(0, Msg::McMin, "min") }
                                    { cell(1, Msg::McMode, "mode") }
                                    { cell(2, Msg::McMax, "max") }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="inline-form">
                <label>{ t(Msg::OutputLabel) }
                    <select data-testid="mc-output" onchange={{ let d = ctx.dispatcher(); Callback::from(move |e: Event| d.dispatch(Action::Tool(ToolAction::McOutput(e.target_unchecked_into::<HtmlSelectElement>().value())))) }}>
                        { for view.outputs.iter().map(|(k, m)| html! { <option value={*k} selected={*k == mc_out}>{ t(*m) }</option> }) }
                    </select></label>
                <label>{ t(Msg::McDraws) }<input type="text" inputmode="numeric" data-testid="mc-draws" value={tools.mc_draws.clone()}
                    aria-invalid={draws_err.is_some().to_string()} aria-describedby="error-mc-draws" oninput={tool(ToolAction::McDraws)} /></label>
                <label>{ t(Msg::McSeed) }<input type="text" inputmode="numeric" data-testid="mc-seed" value={tools.mc_seed.clone()}
                    aria-invalid={seed_err.is_some().to_string()} aria-describedby="error-mc-seed" oninput={tool(ToolAction::McSeed)} /></label>
                <button type="button" class="button small" data-testid="run-monte-carlo" onclick={onrun} disabled={running.is_some()}>{ t(Msg::RunMonteCarlo) }</button>
                if running.is_some() {
                    <button type="button" class="button small danger" data-testid="cancel-monte-carlo" onclick={oncancel}>{ t(Msg::CancelLabel) }</button>
                }
            </div>
            if let Some(e) = draws_err { <p class="error" id="error-mc-draws" data-testid="error-mc-draws" role="alert">{ format!("{}: {e}", t(Msg::McDraws)) }</p> }
            if let Some(e) = seed_err { <p class="error" id="error-mc-seed" data-testid="error-mc-seed" role="alert">{ format!("{}: {e}", t(Msg::McSeed)) }</p> }
            if let Some(task) = running {
                <p data-testid="mc-progress"><progress max={task.total.to_string()} value={task.done.to_string()}></progress>
                    { fill(Msg::McProgress.plural(lang, task.total as f64), &[("done", &fmt.format(task.done as f64, Unit::Count)), ("total", &fmt.format(task.total as f64, Unit::Count))]) }</p>
            }
            if let Some(m) = tools.mc_message { <p class="hint" data-testid="mc-message" role="status">{ t(m) }</p> }
            if let Some(r) = run {
                <dl class="result-list">
                    { for [("mean", Msg::McMean, r.summary.mean), ("p5", Msg::McP5, r.summary.p5), ("p50", Msg::McP50, r.summary.p50), ("p95", Msg::McP95, r.summary.p95)].into_iter().map(|(k, m, v)| html! {
                        <div class="result"><dt>{ t(m) }</dt><dd><output data-testid={format!("mc-{k}")} data-value={v.to_string()}>{ fmt.format(v, view.unit_of(&r.output)) }</output></dd></div>
                    }) }
                </dl>
                <figure class="histogram">
                    <svg viewBox="0 0 560 160" role="img" aria-labelledby="mc-hist-t mc-hist-d">
                        <title id="mc-hist-t">{ t(Msg::McHistTitle) }</title>
                        <desc id="mc-hist-d">{ t(Msg::McHistDesc) }</desc>
                        { for histogram(&r.histogram.iter().map(|h| h.1).collect::<Vec<_>>(), 560.0, 160.0).into_iter().map(|(x, y, w, h)| html! {
                            <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{w:.1}")} height={format!("{h:.1}")} class="sbar" />
                        }) }
                        <text x="8" y="156">{ r.histogram.first().map(|h| fmt.format(h.0, view.unit_of(&r.output))).unwrap_or_default() }</text>
                        <text x="552" y="156" text-anchor="end">{ fmt.format(r.summary.p95.max(r.histogram.last().map(|h| h.0).unwrap_or(0.0)), view.unit_of(&r.output)) }</text>
                    </svg>
                    { super::chart::data_table(t(Msg::RcShowTable), t(Msg::McHistTitle), vec![t(Msg::McBinFrom).to_string(), t(Msg::McBinDraws).to_string()],
                        r.histogram.iter().map(|h| vec![fmt.format(h.0, view.unit_of(&r.output)), fmt.format(h.1 as f64, Unit::Count)]).collect()) }
                </figure>
                <p class="hint">{ format!("{}: {} · {}: {}", t(Msg::McDraws), r.draws, t(Msg::McSeed), r.seed) }</p>
            }
        </section>
    }
}
