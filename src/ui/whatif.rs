//! What-if tools for managers (DESIGN §2.4): scenarios side by side,
//! sensitivity (tornado), goal seek and Monte Carlo ranges. The maths is in
//! `domain::whatif`; long Monte Carlo runs proceed in chunks between frames,
//! with progress and a cancel button.

use super::AppContext;
use crate::domain::chart::tornado;
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::Action;
use crate::domain::whatif::tools::{SensitivityRun, ToolAction};
use crate::domain::whatif::{Detail, GoalStatus, Param};
use crate::platform::IntlFormat;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: the locale formatter.
#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    /// Locale formatter.
    pub fmt: IntlFormat,
}

/// A text box's Enter key does what its button does.
fn on_enter(action: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && !e.is_composing() && !e.repeat() {
            e.prevent_default();
            action.emit(());
        }
    })
}

pub(crate) fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// An input's label with the item or dimension it belongs to.
pub(crate) fn param_label(p: &Param, lang: Lang) -> String {
    match &p.detail {
        None => p.label.text(lang).to_string(),
        Some(Detail::Text(d)) => format!("{} · {}", p.label.text(lang), d),
        Some(Detail::Msg(m)) => format!("{} · {}", p.label.text(lang), m.text(lang)),
    }
}

/// The what-if section under a calculator.
#[component]
pub fn WhatIfPanel(props: &WhatIfProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    // The page is complete once the panels that follow the first render are in.
    use_effect_with((), |_| crate::platform::mark("app-complete"));
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let fmt = &props.fmt;
    let view = ctx.model.scenario_view();
    let tools = ctx.model.slot().tools().clone();
    let scenario_name = use_state(String::new);
    let label_of = |key: &str| -> String {
        view.outputs
            .iter()
            .find(|o| o.0 == key)
            .map(|o| t(o.1).to_string())
            .or_else(|| view.params.iter().find(|(p, _)| p.key == key).map(|(p, _)| param_label(p, lang)))
            .unwrap_or_else(|| key.to_string())
    };
    let tool = |make: fn(String) -> ToolAction| {
        let d = ctx.dispatcher();
        Callback::from(move |v: String| d.dispatch(Action::Tool(make(v))))
    };
    let onsave = {
        let ctx = ctx.clone();
        let name = scenario_name.clone();
        let n = view.names.len() + 1;
        Callback::from(move |_: ()| {
            let chosen = if name.trim().is_empty() {
                fill(Msg::DefaultScenarioName.text(ctx.model.lang), &[("n", &n.to_string())])
            } else {
                (*name).clone()
            };
            ctx.dispatch(Action::SaveScenario(chosen));
            name.set(String::new());
        })
    };
    let scenarios = html! {
        <section class="card scenarios">
            <h3>{ t(Msg::ScenariosTitle) }</h3>
            <p class="hint">{ t(Msg::ScenariosHelp) }</p>
            <div class="inline-form">
                <input type="text" aria-label={t(Msg::ScenarioNameLabel)} placeholder={t(Msg::ScenarioNameLabel)} data-testid="scenario-name"
                    value={(*scenario_name).clone()} maxlength="60"
                    oninput={{ let n = scenario_name.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e))) }}
                    onkeydown={on_enter(onsave.clone())} />
                <button type="button" class="button small" data-testid="save-scenario" onclick={onsave.reform(|_: MouseEvent| ())}>{ t(Msg::SaveScenario) }</button>
            </div>
            if view.names.is_empty() {
                <p class="hint">{ t(Msg::ScenarioNone) }</p>
            } else {
                <ul class="scenario-list">
                    { for view.names.iter().enumerate().map(|(i, n)| {
                        let d = ctx.dispatcher();
                        let onrename = Callback::from(move |e: InputEvent| d.dispatch(Action::RenameScenario(i, input_value(&e))));
                        let d2 = ctx.dispatcher();
                        let d3 = ctx.dispatcher();
                        html! {
                            <li>
                                <input type="text" aria-label={t(Msg::ScenarioNameLabel)} data-testid={format!("scenario-{i}-name")} value={n.clone()}
                                    oninput={onrename} maxlength="60" aria-invalid={(!view.name_ok[i]).to_string()} />
                                <button type="button" class="button small" data-testid={format!("scenario-{i}-load")}
                                    onclick={Callback::from(move |_: MouseEvent| d2.dispatch(Action::LoadScenario(i)))}>{ t(Msg::LoadScenario) }</button>
                                <button type="button" class="button small danger" data-testid={format!("scenario-{i}-delete")}
                                    onclick={Callback::from(move |_: MouseEvent| d3.dispatch(Action::DeleteScenario(i)))}>{ t(Msg::DeleteScenario) }</button>
                            </li>
                        }
                    }) }
                </ul>
                if !view.rows.is_empty() {
                    <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::ScenariosTitle)}>
                        <table class="compare" data-testid="scenario-compare">
                            <thead>
                                <tr>
                                    <th scope="col">{ t(Msg::OutputLabel) }</th>
                                    <th scope="col">{ t(Msg::Baseline) }</th>
                                    { for view.names.iter().map(|n| html! { <th scope="col">{ n.clone() }</th> }) }
                                </tr>
                            </thead>
                            <tbody>
                                { for view.rows.iter().map(|r| {
                                    let unit = view.unit_of(r.key);
                                    let show = |v: Option<f64>| v.map(|x| fmt.format(x, unit)).unwrap_or_else(|| "—".into());
                                    html! {
                                        <tr>
                                            <th scope="row">{ t(r.label) }</th>
                                            <td><output data-testid={format!("compare-{}-base", r.key)} data-value={r.baseline.map(|x| x.to_string())}>{ show(r.baseline) }</output></td>
                                            { for r.scenarios.iter().enumerate().map(|(j, (v, a, rel))| html! {
                                                <td>
                                                    <output data-testid={format!("compare-{}-{j}", r.key)} data-value={v.map(|x| x.to_string())}>{ show(*v) }</output>
                                                    <div class="delta" data-testid={format!("compare-{}-{j}-delta", r.key)} data-value={a.map(|x| x.to_string())}
                                                        data-relative={rel.map(|x| x.to_string())}>
                                                        { match (a, rel) {
                                                            (Some(a), Some(rel)) => format!("{}{} ({}{})", if *a > 0.0 { "+" } else { "" }, fmt.format(*a, unit), if *rel > 0.0 { "+" } else { "" }, fmt.format(*rel, Unit::Percent)),
                                                            (Some(a), None) => format!("{}{}", if *a > 0.0 { "+" } else { "" }, fmt.format(*a, unit)),
                                                            _ => String::new(),
                                                        } }
                                                    </div>
                                                </td>
                                            }) }
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            }
        </section>
    };
    if view.params.is_empty() {
        return html! { <section class="whatif"><h2>{ t(Msg::WhatIfTitle) }</h2>{ scenarios }</section> };
    }
    // Sensitivity.
    let s_out = view.chosen_outputs[0].clone();
    let onsens = {
        let d = ctx.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Tool(ToolAction::RunSensitivity)))
    };
    let output_select = |id: &str, current: &str, on: Callback<String>| {
        html! {
            <select data-testid={id.to_string()} aria-label={t(Msg::OutputLabel)}
                onchange={Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                { for view.outputs.iter().map(|(k, m)| html! { <option value={*k} selected={*k == current}>{ t(*m) }</option> }) }
            </select>
        }
    };
    let p_err = tools.sens_p_error().map(|e| e.message(lang));
    let sens = tools.sensitivity.clone();
    let sensitivity = html! {
        <section class="card sensitivity">
            <h3>{ t(Msg::SensitivityTitle) }</h3>
            <p class="hint">{ t(Msg::SensitivityHelp) }</p>
            <div class="inline-form">
                <label>{ t(Msg::OutputLabel) }{ output_select("sensitivity-output", &s_out, tool(ToolAction::SensOutput)) }</label>
                <label>{ t(Msg::SensitivityP) }
                    <input type="text" inputmode="decimal" data-testid="sensitivity-p" value={tools.sens_p.clone()}
                        aria-invalid={p_err.is_some().to_string()} aria-describedby="error-sensitivity-p"
                        oninput={{ let on = tool(ToolAction::SensP); Callback::from(move |e: InputEvent| on.emit(input_value(&e))) }} /></label>
                <button type="button" class="button small" data-testid="run-sensitivity" onclick={onsens} disabled={p_err.is_some()}>{ t(Msg::RunSensitivity) }</button>
            </div>
            if let Some(e) = p_err { <p class="error" id="error-sensitivity-p" data-testid="error-sensitivity-p" role="alert">{ e }</p> }
            if let Some(run) = sens {
                { tornado_view(&run, &label_of, fmt, lang, view.unit_of(&run.output)) }
            }
        </section>
    };
    // Goal seek.
    let g_in = view.goal_input.clone();
    let g_out = view.chosen_outputs[1].clone();
    let target_err = tools.goal_target_error().map(|e| e.message(lang));
    let can_solve = !tools.goal_target.trim().is_empty() && target_err.is_none();
    let ongoal = {
        let d = ctx.dispatcher();
        Callback::from(move |_: ()| {
            if can_solve {
                d.dispatch(Action::Tool(ToolAction::RunGoalSeek));
            }
        })
    };
    let goal = tools.goal.clone();
    let param_unit = |key: &str| -> Unit { view.params.iter().find(|(p, _)| p.key == key).map(|(p, _)| p.unit).unwrap_or(Unit::Count) };
    let goal_section = html! {
        <section class="card goal" data-testid="goal-seek">
            <h3>{ t(Msg::GoalSeekTitle) }</h3>
            <p class="hint">{ t(Msg::GoalSeekHelp) }</p>
            <div class="inline-form">
                <label>{ t(Msg::InputLabel) }
                    <select data-testid="goal-input" onchange={{ let on = tool(ToolAction::GoalInput); Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value())) }}>
                        { for view.params.iter().map(|(p, _)| html! { <option value={p.key.clone()} selected={p.key == g_in}>{ param_label(p, lang) }</option> }) }
                    </select></label>
                <label>{ t(Msg::OutputLabel) }{ output_select("goal-output", &g_out, tool(ToolAction::GoalOutput)) }</label>
                <label>{ t(Msg::GoalTarget) }
                    <input type="text" inputmode="decimal" data-testid="goal-target" value={tools.goal_target.clone()} aria-invalid={target_err.is_some().to_string()}
                        aria-describedby="error-goal-target"
                        oninput={{ let on = tool(ToolAction::GoalTarget); Callback::from(move |e: InputEvent| on.emit(input_value(&e))) }}
                        onkeydown={on_enter(ongoal.clone())} /></label>
                <button type="button" class="button small" data-testid="run-goal-seek" onclick={ongoal.reform(|_: MouseEvent| ())} disabled={!can_solve}>{ t(Msg::RunGoalSeek) }</button>
            </div>
            if let Some(e) = target_err { <p class="error" id="error-goal-target" data-testid="error-goal-target" role="alert">{ e }</p> }
            if let Some(g) = goal {
                <p class={classes!("goal-result", (g.status == GoalStatus::Unreachable).then_some("unreachable"))} data-testid="goal-result"
                    data-value={g.value.to_string()} data-status={match g.status { GoalStatus::Found => "found", GoalStatus::Unreachable => "unreachable" }}>
                    { fill(t(if g.status == GoalStatus::Found { Msg::GoalFound } else { Msg::GoalUnreachable }), &[
                        ("input", &label_of(&g.input)),
                        ("value", &fmt.format(g.value, param_unit(&g.input))),
                        ("output", &label_of(&g.output)),
                        ("achieved", &g.achieved.map(|a| fmt.format(a, view.unit_of(&g.output))).unwrap_or_else(|| "—".into())),
                        ("target", &fmt.format(g.target, view.unit_of(&g.output))),
                    ]) }
                </p>
            }
        </section>
    };
    let monte = super::montecarlo::monte_carlo(&ctx, fmt);
    html! {
        <section class="whatif">
            <h2>{ t(Msg::WhatIfTitle) }</h2>
            { scenarios }
            <div class="columns whatif-tools">
                { sensitivity }
                { goal_section }
            </div>
            { monte }
        </section>
    }
}

fn tornado_view(run: &SensitivityRun, label_of: &dyn Fn(&str) -> String, fmt: &IntlFormat, lang: Lang, unit: Unit) -> Html {
    let t = |m: Msg| m.text(lang);
    let varied: Vec<&crate::domain::whatif::SensitivityRow> = run.rows.iter().filter(|r| r.swing.is_some()).collect();
    let chart =
        tornado(&varied.iter().map(|r| (r.low.unwrap_or(0.0), r.high.unwrap_or(0.0))).collect::<Vec<_>>(), run.base.unwrap_or(0.0), 560.0);
    html! {
        <>
            <figure class="tornado">
                <svg viewBox={format!("0 0 {} {}", chart.width, chart.height)} role="img" aria-labelledby="tornado-t tornado-d">
                    <title id="tornado-t">{ t(Msg::SensitivityTitle) }</title>
                    <desc id="tornado-d">{ t(Msg::TornadoDesc) }</desc>
                    { for varied.iter().zip(&chart.bars).map(|(r, (y, x, w))| {
                        let name: String = label_of(&r.input).chars().take(22).collect();
                        html! {
                            <g>
                                <text class="label" x="4" y={(y + chart.bar_h * 0.75).to_string()}>{ name }</text>
                                <rect x={format!("{x:.1}")} y={y.to_string()} width={format!("{w:.1}")} height={chart.bar_h.to_string()} class="sbar" />
                            </g>
                        }
                    }) }
                    <line x1={chart.base_x.to_string()} x2={chart.base_x.to_string()} y1="2" y2={(chart.height - 2.0).to_string()} class="axis" />
                </svg>
            </figure>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::SensitivityTitle)}>
                <table class="compare">
                    <thead><tr><th scope="col">{ t(Msg::InputLabel) }</th><th scope="col">{ t(Msg::LowLabel) }</th><th scope="col">{ t(Msg::HighLabel) }</th><th scope="col">{ t(Msg::Swing) }</th></tr></thead>
                    <tbody>
                        { for run.rows.iter().map(|r| html! {
                            <tr data-testid={format!("tornado-{}", r.input)} data-value={r.swing.map(|x| x.to_string())}>
                                <th scope="row">{ label_of(&r.input) }</th>
                                if r.swing.is_some() {
                                    <td>{ r.low.map(|x| fmt.format(x, unit)).unwrap_or_else(|| "—".into()) }</td>
                                    <td>{ r.high.map(|x| fmt.format(x, unit)).unwrap_or_else(|| "—".into()) }</td>
                                    <td>{ r.swing.map(|x| fmt.format(x, unit)).unwrap_or_default() }</td>
                                } else {
                                    <td colspan="3" class="hint">{ t(Msg::NotVaried) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}
