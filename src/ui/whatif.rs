//! What-if tools for managers (DESIGN §2.4): scenarios side by side,
//! sensitivity (tornado), goal seek and Monte Carlo ranges. The maths is in
//! `domain::whatif`; long Monte Carlo runs proceed in chunks between frames,
//! with progress and a cancel button.

use super::AppContext;
use crate::domain::chart::{histogram, tornado};
use crate::domain::customer_value::CustomerValueInputs;
use crate::domain::i18n::{fill, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, McRun};
use crate::domain::number::{self, NumberSpec};
use crate::domain::whatif::{GoalStatus, MonteCarlo, Triangular, WhatIf};
use crate::domain::Calculator;
use crate::platform::IntlFormat;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: the locale formatter.
#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    /// Locale formatter.
    pub fmt: IntlFormat,
}

fn unit_of(key: &str) -> Unit {
    match key {
        "purchases_per_year" | "referral_customers_gained" | "referral_customers_lost" | "rank" => Unit::Count,
        "expected_lifetime_years" => Unit::Years,
        "value_cost_ratio" | "unweighted_score" | "weighted_score" | "mean_expected" | "mean_perceived" => Unit::Ratio,
        _ => Unit::Money,
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The what-if section under a calculator.
#[component]
pub fn WhatIfPanel(props: &WhatIfProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let fmt = &props.fmt;
    let view = ctx.model.scenario_view();
    let calc = ctx.model.calc;
    let scenario_name = use_state(String::new);
    let sens_output = use_state(|| None::<String>);
    let sens_p = use_state(|| "10".to_string());
    let goal_input = use_state(|| None::<String>);
    let goal_output = use_state(|| None::<String>);
    let goal_target = use_state(String::new);
    let label_of = |key: &str| -> String {
        view.outputs.iter().find(|(k, _)| *k == key).map(|(_, m)| t(*m).to_string())
            .or_else(|| view.params.iter().find(|(k, _, _)| *k == key).map(|(_, m, _)| t(*m).to_string()))
            .unwrap_or_else(|| key.to_string())
    };
    let default_output = match calc {
        Calculator::CustomerValue => "satisfaction_swing",
        Calculator::DeliveredValue => "delivered_value",
        Calculator::SatisfactionGap => "unweighted_score",
    };
    let onsave = {
        let ctx = ctx.clone();
        let name = scenario_name.clone();
        let n = view.names.len() + 1;
        Callback::from(move |_: MouseEvent| {
            let chosen = if name.trim().is_empty() { fill(Msg::DefaultScenarioName.text(ctx.model.lang), &[("n", &n.to_string())]) } else { (*name).clone() };
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
                    oninput={{ let n = scenario_name.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e))) }} />
                <button type="button" class="button small" data-testid="save-scenario" onclick={onsave}>{ t(Msg::SaveScenario) }</button>
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
                    <div class="table-scroll">
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
                                    let unit = unit_of(r.key);
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
    if calc == Calculator::SatisfactionGap || view.params.is_empty() {
        return html! { <section class="whatif"><h2>{ t(Msg::WhatIfTitle) }</h2>{ scenarios }</section> };
    }
    // Sensitivity.
    let s_out = (*sens_output).clone().unwrap_or_else(|| default_output.to_string());
    let onsens = {
        let ctx = ctx.clone();
        let out = s_out.clone();
        let p = sens_p.clone();
        Callback::from(move |_: MouseEvent| {
            let pct = number::parse(&p, &NumberSpec::range(0.0, 100.0).percent()).unwrap_or(0.1);
            ctx.dispatch(Action::RunSensitivity(out.clone(), pct));
        })
    };
    let output_select = |id: &str, current: &str, state: UseStateHandle<Option<String>>| {
        html! {
            <select data-testid={id.to_string()} aria-label={t(Msg::OutputLabel)}
                onchange={Callback::from(move |e: Event| state.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value())))}>
                { for view.outputs.iter().map(|(k, m)| html! { <option value={*k} selected={*k == current}>{ t(*m) }</option> }) }
            </select>
        }
    };
    let sens = ctx.model.sensitivity.clone();
    let sensitivity = html! {
        <section class="card sensitivity">
            <h3>{ t(Msg::SensitivityTitle) }</h3>
            <p class="hint">{ t(Msg::SensitivityHelp) }</p>
            <div class="inline-form">
                <label>{ t(Msg::OutputLabel) }{ output_select("sensitivity-output", &s_out, sens_output.clone()) }</label>
                <label>{ t(Msg::SensitivityP) }
                    <input type="text" inputmode="decimal" data-testid="sensitivity-p" value={(*sens_p).clone()}
                        oninput={{ let p = sens_p.clone(); Callback::from(move |e: InputEvent| p.set(input_value(&e))) }} /></label>
                <button type="button" class="button small" data-testid="run-sensitivity" onclick={onsens}>{ t(Msg::RunSensitivity) }</button>
            </div>
            if let Some(run) = sens {
                { tornado_view(&run, &label_of, fmt, lang) }
            }
        </section>
    };
    // Goal seek.
    let g_in = (*goal_input).clone().unwrap_or_else(|| view.params.first().map(|p| p.0.to_string()).unwrap_or_default());
    let g_out = (*goal_output).clone().unwrap_or_else(|| default_output.to_string());
    let ongoal = {
        let ctx = ctx.clone();
        let (i, o, target) = (g_in.clone(), g_out.clone(), goal_target.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(v) = number::parse(&target, &NumberSpec::any()) {
                ctx.dispatch(Action::RunGoalSeek(i.clone(), o.clone(), v));
            }
        })
    };
    let target_err = (!goal_target.trim().is_empty())
        .then(|| number::parse(&goal_target, &NumberSpec::any()).err())
        .flatten()
        .map(|e| e.message(lang));
    let goal = ctx.model.goal.clone();
    let param_unit = |key: &str| -> Unit {
        match crate::domain::customer_value::CvField::from_key(key).map(|f| f.kind()) {
            Some(crate::domain::customer_value::FieldKind::Number(s) | crate::domain::customer_value::FieldKind::NullableNumber(s)) if s.percent => Unit::Percent,
            _ if key.ends_with("_cost") || key.ends_with("_value") || key == "spend_per_purchase" => Unit::Money,
            _ => Unit::Count,
        }
    };
    let goal_section = html! {
        <section class="card goal">
            <h3>{ t(Msg::GoalSeekTitle) }</h3>
            <p class="hint">{ t(Msg::GoalSeekHelp) }</p>
            <div class="inline-form">
                <label>{ t(Msg::InputLabel) }
                    <select data-testid="goal-input" onchange={{ let s = goal_input.clone(); Callback::from(move |e: Event| s.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value()))) }}>
                        { for view.params.iter().map(|(k, m, _)| html! { <option value={*k} selected={*k == g_in}>{ t(*m) }</option> }) }
                    </select></label>
                <label>{ t(Msg::OutputLabel) }{ output_select("goal-output", &g_out, goal_output.clone()) }</label>
                <label>{ t(Msg::GoalTarget) }
                    <input type="text" inputmode="decimal" data-testid="goal-target" value={(*goal_target).clone()} aria-invalid={target_err.is_some().to_string()}
                        oninput={{ let s = goal_target.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e))) }} /></label>
                <button type="button" class="button small" data-testid="run-goal-seek" onclick={ongoal} disabled={goal_target.trim().is_empty() || target_err.is_some()}>{ t(Msg::RunGoalSeek) }</button>
            </div>
            if let Some(e) = target_err { <p class="error" data-testid="error-goal-target">{ e }</p> }
            if let Some(g) = goal {
                <p class={classes!("goal-result", (g.status == GoalStatus::Unreachable).then_some("unreachable"))} data-testid="goal-result"
                    data-value={g.value.to_string()} data-status={match g.status { GoalStatus::Found => "found", GoalStatus::Unreachable => "unreachable" }}>
                    { fill(t(if g.status == GoalStatus::Found { Msg::GoalFound } else { Msg::GoalUnreachable }), &[
                        ("input", &label_of(&g.input)),
                        ("value", &fmt.format(g.value, param_unit(&g.input))),
                        ("output", &label_of(&g.output)),
                        ("achieved", &g.achieved.map(|a| fmt.format(a, unit_of(&g.output))).unwrap_or_else(|| "—".into())),
                        ("target", &fmt.format(g.target, unit_of(&g.output))),
                    ]) }
                </p>
            }
        </section>
    };
    let monte = match (calc, ctx.model.cv.values().complete()) {
        (Calculator::CustomerValue, Some(base)) => html! { <MonteCarloView {base} fmt={fmt.clone()} /> },
        _ => html! {},
    };
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

fn tornado_view(run: &crate::domain::model::SensitivityRun, label_of: &dyn Fn(&str) -> String, fmt: &IntlFormat, lang: crate::domain::i18n::Lang) -> Html {
    let t = |m: Msg| m.text(lang);
    let unit = unit_of(&run.output);
    let varied: Vec<&crate::domain::whatif::SensitivityRow> = run.rows.iter().filter(|r| r.swing.is_some()).collect();
    let chart = tornado(&varied.iter().map(|r| (r.low.unwrap_or(0.0), r.high.unwrap_or(0.0))).collect::<Vec<_>>(), run.base.unwrap_or(0.0), 560.0);
    html! {
        <>
            <figure class="tornado">
                <svg viewBox={format!("0 0 {} {}", chart.width, chart.height)} role="img" aria-label={t(Msg::TornadoDesc)}>
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
            <div class="table-scroll">
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

#[derive(Properties, PartialEq)]
struct McProps {
    base: CustomerValueInputs,
    fmt: IntlFormat,
}

/// One input's range row: whether it is on, and min / mode / max texts.
#[derive(Clone, PartialEq)]
struct RangeRow {
    on: bool,
    min: String,
    mode: String,
    max: String,
}

/// Reads a range row: rate inputs (range 0..=1) are typed as percentages.
fn parse_range(params: &[crate::domain::whatif::Param], key: &str, r: &RangeRow) -> Option<Triangular> {
    let spec = params.iter().find(|x| x.key == key)?.spec;
    let typed = NumberSpec { percent: spec.max == Some(1.0), ..NumberSpec::any() };
    let num = |s: &str| number::parse(s, &typed).ok();
    let tri = Triangular { min: num(&r.min)?, mode: num(&r.mode)?, max: num(&r.max)? };
    tri.is_valid().then_some(tri)
}

#[component]
fn MonteCarloView(p: &McProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let fmt = &p.fmt;
    let params = p.base.params();
    let rows = use_state(Vec::<(String, RangeRow)>::new);
    let output = use_state(|| "satisfaction_swing".to_string());
    let draws = use_state(|| "10000".to_string());
    let seed = use_state(|| "42".to_string());
    let progress = use_state(|| None::<(usize, usize)>);
    let cancel = use_mut_ref(|| false);
    let message = use_state(|| None::<Msg>);
    // A row per input, defaulting to ±20% around the current value.
    let row_of = |key: &str, current: f64| -> RangeRow {
        rows.iter().find(|(k, _)| k == key).map(|(_, r)| r.clone()).unwrap_or_else(|| {
            let param = params.iter().find(|x| x.key == key);
            // ±20% around the current value, inside the valid range, without binary noise.
            let tidy = |v: f64| (v * 1e9).round() / 1e9;
            let fit = |v: f64| param.map(|x| v.max(x.spec.min).min(x.spec.max.unwrap_or(f64::MAX))).unwrap_or(v);
            let shown = |v: f64| {
                let v = tidy(fit(v));
                if param.is_some_and(|x| x.spec.max == Some(1.0)) { number::percent_text(v) } else { number::plain(v) }
            };
            RangeRow { on: false, min: shown(current * 0.8), mode: shown(current), max: shown(current * 1.2) }
        })
    };
    let set_row = {
        let rows = rows.clone();
        move |key: String, row: RangeRow| {
            let mut v = (*rows).clone();
            match v.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = row,
                None => v.push((key, row)),
            }
            rows.set(v);
        }
    };
    let range_of = |key: &str, r: &RangeRow| parse_range(&params, key, r);
    let onrun = {
        let ctx = ctx.clone();
        let base = p.base.clone();
        let params = params.clone();
        let rows = rows.clone();
        let output = output.clone();
        let draws = draws.clone();
        let seed = seed.clone();
        let progress = progress.clone();
        let cancel = cancel.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let ranges: Vec<(String, Triangular)> =
                rows.iter().filter(|(_, r)| r.on).filter_map(|(k, r)| Some((k.clone(), parse_range(&params, k, r)?))).collect();
            let n = number::parse(&draws, &NumberSpec::range(1.0, 1_000_000.0).whole()).ok();
            let s = number::parse(&seed, &NumberSpec::range(0.0, 9_007_199_254_740_991.0).whole()).ok();
            let (Some(n), Some(s)) = (n, s) else {
                message.set(Some(Msg::McDrawsRange));
                return;
            };
            if ranges.is_empty() || rows.iter().filter(|(_, r)| r.on).count() != ranges.len() {
                message.set(Some(Msg::McNoRange));
                return;
            }
            message.set(None);
            *cancel.borrow_mut() = false;
            let n = n as usize;
            let seed = s as u64;
            let mc = Rc::new(RefCell::new(MonteCarlo::new(base.clone(), &output, ranges.clone(), seed, n)));
            progress.set(Some((0, n)));
            let (ctx, progress, cancel, message, output) = (ctx.clone(), progress.clone(), cancel.clone(), message.clone(), (*output).clone());
            // Work in chunks between timer ticks so the page stays responsive.
            fn tick(
                mc: Rc<RefCell<MonteCarlo<CustomerValueInputs>>>,
                ctx: AppContext,
                progress: UseStateHandle<Option<(usize, usize)>>,
                cancel: Rc<RefCell<bool>>,
                message: UseStateHandle<Option<Msg>>,
                meta: (String, u64, usize, Vec<(String, Triangular)>),
            ) {
                if *cancel.borrow() {
                    progress.set(None);
                    message.set(Some(Msg::McCancelled));
                    return;
                }
                let finished = mc.borrow_mut().step(25_000);
                let (done, total) = (mc.borrow().done(), mc.borrow().total());
                if finished {
                    progress.set(None);
                    if let Some((summary, hist)) = mc.borrow().summary(24) {
                        ctx.dispatch(Action::SetMonteCarlo(McRun { output: meta.0, seed: meta.1, draws: meta.2, ranges: meta.3, summary, histogram: hist }));
                    }
                } else {
                    progress.set(Some((done, total)));
                    gloo::timers::callback::Timeout::new(0, move || tick(mc, ctx, progress, cancel, message, meta)).forget();
                }
            }
            tick(mc, ctx, progress, cancel, message, (output, seed, n, ranges));
        })
    };
    let oncancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| *cancel.borrow_mut() = true)
    };
    let run = ctx.model.monte_carlo.clone();
    let outputs = p.base.outputs();
    html! {
        <section class="card monte-carlo">
            <h3>{ t(Msg::MonteCarloTitle) }</h3>
            <p class="hint">{ t(Msg::MonteCarloHelp) }</p>
            <div class="table-scroll">
                <table class="grid mc-ranges">
                    <thead><tr><th scope="col">{ t(Msg::InputLabel) }</th><th scope="col">{ t(Msg::McMin) }</th><th scope="col">{ t(Msg::McMode) }</th><th scope="col">{ t(Msg::McMax) }</th></tr></thead>
                    <tbody>
                        { for params.iter().filter_map(|prm| Some((prm, p.base.get(prm.key)?))).map(|(prm, current)| {
                            let key = prm.key.to_string();
                            let row = row_of(prm.key, current);
                            let bad = row.on && range_of(prm.key, &row).is_none();
                            let edit = |which: u8| {
                                let (set_row, key, row) = (set_row.clone(), key.clone(), row.clone());
                                Callback::from(move |e: InputEvent| {
                                    let mut r = row.clone();
                                    let v = input_value(&e);
                                    match which { 0 => r.min = v, 1 => r.mode = v, _ => r.max = v }
                                    r.on = true;
                                    set_row(key.clone(), r);
                                })
                            };
                            let ontoggle = {
                                let (set_row, key, row) = (set_row.clone(), key.clone(), row.clone());
                                Callback::from(move |e: Event| {
                                    let mut r = row.clone();
                                    r.on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                    set_row(key.clone(), r);
                                })
                            };
                            let pct = prm.spec.max == Some(1.0);
                            html! {
                                <tr class={classes!(bad.then_some("invalid"))}>
                                    <th scope="row" class="item-label">
                                        <label class="toggle"><input type="checkbox" data-testid={format!("mc-{key}-on")} checked={row.on} onchange={ontoggle} />
                                        { format!("{}{}", t(prm.label), if pct { " (%)" } else { "" }) }</label>
                                        if bad { <p class="error">{ t(Msg::McBadRange) }</p> }
                                    </th>
                                    <td class="rating" data-label={t(Msg::McMin)}><input type="text" inputmode="decimal" aria-label={format!("{} {}", t(prm.label), t(Msg::McMin))} data-testid={format!("mc-{key}-min")} value={row.min.clone()} oninput={edit(0)} /></td>
                                    <td class="rating" data-label={t(Msg::McMode)}><input type="text" inputmode="decimal" aria-label={format!("{} {}", t(prm.label), t(Msg::McMode))} data-testid={format!("mc-{key}-mode")} value={row.mode.clone()} oninput={edit(1)} /></td>
                                    <td class="rating" data-label={t(Msg::McMax)}><input type="text" inputmode="decimal" aria-label={format!("{} {}", t(prm.label), t(Msg::McMax))} data-testid={format!("mc-{key}-max")} value={row.max.clone()} oninput={edit(2)} /></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="inline-form">
                <label>{ t(Msg::OutputLabel) }
                    <select data-testid="mc-output" onchange={{ let o = output.clone(); Callback::from(move |e: Event| o.set(e.target_unchecked_into::<HtmlSelectElement>().value())) }}>
                        { for outputs.iter().map(|(k, m)| html! { <option value={*k} selected={**k == *output}>{ t(*m) }</option> }) }
                    </select></label>
                <label>{ t(Msg::McDraws) }<input type="text" inputmode="numeric" data-testid="mc-draws" value={(*draws).clone()}
                    oninput={{ let d = draws.clone(); Callback::from(move |e: InputEvent| d.set(input_value(&e))) }} /></label>
                <label>{ t(Msg::McSeed) }<input type="text" inputmode="numeric" data-testid="mc-seed" value={(*seed).clone()}
                    oninput={{ let s = seed.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e))) }} /></label>
                <button type="button" class="button small" data-testid="run-monte-carlo" onclick={onrun} disabled={progress.is_some()}>{ t(Msg::RunMonteCarlo) }</button>
                if progress.is_some() {
                    <button type="button" class="button small danger" data-testid="cancel-monte-carlo" onclick={oncancel}>{ t(Msg::CancelLabel) }</button>
                }
            </div>
            if let Some((done, total)) = *progress {
                <p data-testid="mc-progress"><progress max={total.to_string()} value={done.to_string()}></progress>
                    { fill(Msg::McProgress.plural(lang, total as f64), &[("done", &fmt.format(done as f64, Unit::Count)), ("total", &fmt.format(total as f64, Unit::Count))]) }</p>
            }
            if let Some(m) = *message { <p class="hint" data-testid="mc-message" role="status">{ t(m) }</p> }
            if let Some(r) = run {
                <dl class="result-list">
                    { for [("mean", Msg::McMean, r.summary.mean), ("p5", Msg::McP5, r.summary.p5), ("p50", Msg::McP50, r.summary.p50), ("p95", Msg::McP95, r.summary.p95)].into_iter().map(|(k, m, v)| html! {
                        <div class="result"><dt>{ t(m) }</dt><dd><output data-testid={format!("mc-{k}")} data-value={v.to_string()}>{ fmt.format(v, unit_of(&r.output)) }</output></dd></div>
                    }) }
                </dl>
                <figure class="histogram">
                    <svg viewBox="0 0 560 160" role="img" aria-label={t(Msg::McHistDesc)}>
                        { for histogram(&r.histogram.iter().map(|h| h.1).collect::<Vec<_>>(), 560.0, 160.0).into_iter().map(|(x, y, w, h)| html! {
                            <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{w:.1}")} height={format!("{h:.1}")} class="sbar" />
                        }) }
                        <text x="8" y="156">{ r.histogram.first().map(|h| fmt.format(h.0, unit_of(&r.output))).unwrap_or_default() }</text>
                        <text x="552" y="156" text-anchor="end">{ fmt.format(r.summary.p95.max(r.histogram.last().map(|h| h.0).unwrap_or(0.0)), unit_of(&r.output)) }</text>
                    </svg>
                </figure>
                <p class="hint">{ format!("{}: {} · {}: {}", t(Msg::McDraws), r.draws, t(Msg::McSeed), r.seed) }</p>
            }
        </section>
    }
}
