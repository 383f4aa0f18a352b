//! The customer delivered value calculator (DESIGN §2.2): an editor with
//! one card per offer, the ranked comparison, the stacked bar chart and the
//! steps for every offer.

use super::chart::BarChartView;
use super::{AppContext, Dispatch};
use crate::domain::delivered_value::DvField;
use crate::domain::delivered_value::{DvAction, DvView, OfferView};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, CalcAction, Embed};
use crate::domain::whatif::tools::ToolAction;
use crate::platform::IntlFormat;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn money(fmt: &IntlFormat, v: Option<f64>, unit: Unit) -> String {
    v.map(|v| fmt.format(v, unit)).unwrap_or_else(|| "—".into())
}

/// The calculator panel.
/// (A function of the root's state, not a component: it renders on every
/// change of the state anyway; its leaves are components.)
/// Kept a function of its own (not inlined into the shell), so that the
/// code one keystroke runs is in functions V8 optimises soon and cheaply.
#[inline(never)]
pub fn delivered_value(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let dispatch: Dispatch = ctx.dispatcher();
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let view = ctx.model.dv_view();
    let currency: AttrValue = ctx.model.currency().code().into();
    let onpreset = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Preset))))
    };
    let onadd = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Add))))
    };
    html! {
        <div class="calc dv">
            <p class="intro">{ t(Msg::DvIntro) }</p>
            <div class="presets">
                <span class="presets-label">{ t(Msg::PresetsLabel) }</span>
                <button type="button" class="chip" data-testid="preset-dv-class" onclick={onpreset}>{ t(Msg::DvPreset) }</button>
            </div>
            <div class="offers">
                { for view.offers.iter().map(|o| html! {
                    <OfferCard key={o.index} view={o.clone()} {lang} currency={currency.clone()}
                        can_remove={view.can_remove} fmt={fmt.clone()} embed={ctx.model.embed.clone()} />
                }) }
            </div>
            <div class="offer-actions">
                <button type="button" class="button" data-testid="add-offer" onclick={onadd} disabled={ctx.model.embed.locked("offers")}
                    aria-describedby="offer-count">{ format!("+ {}", t(Msg::DvAdd)) }</button>
                <span id="offer-count" class="hint">{ fill(Msg::DvOfferCount.plural(lang, view.offers.len() as f64), &[("n", &view.offers.len().to_string())]) }</span>
            </div>
            <div class="columns dv-out">
                { comparison(&view, lang, fmt) }
                { close_gap(&view, lang, fmt, &dispatch) }
                { chart(&view, lang, fmt) }
            </div>
            <super::later::Later render={steps(fmt)} />
        </div>
    }
}

/// The steps, built from the state one task later (see `Later`).
fn steps(fmt: &IntlFormat) -> Callback<AppContext, Html> {
    let fmt = fmt.clone();
    Callback::from(move |ctx: AppContext| {
        let lang = ctx.model.lang;
        let t = |m: Msg| m.text(lang);
        let view = ctx.model.dv_view();
        let fmt = &fmt;
        html! {
            <details class="card math" open=true data-testid="math-panel">
                <summary><h2>{ t(Msg::MathTitle) }</h2></summary>
                { for view.offers.iter().map(|o| html! {
                    <section class="offer-steps" data-testid={format!("steps-offers-{}", o.index)}>
                        <h3>{ fill(t(Msg::DvMathFor), &[("name", &o.name)]) }</h3>
                        <ol>
                            { for o.steps.iter().map(|s| html! {
                                <li>
                                    <div class="formula">{ s.formula_line(lang, fmt) }</div>
                                    <div class="substituted"><span aria-hidden="true">{ "= " }</span>{ s.line(lang, fmt) }</div>
                                    if let Some(n) = s.note { <div class="note">{ t(n) }</div> }
                                </li>
                            }) }
                        </ol>
                    </section>
                }) }
                if let Some(r) = &view.results {
                    <p class="gap-step">{ format!("{} = {} − {} = {}", t(Msg::DvGapLabel),
                        fmt.format(r.offers.iter().map(|o| o.delivered_value).fold(f64::NEG_INFINITY, f64::max), Unit::Money),
                        fmt.format(r.offers[0].delivered_value, Unit::Money),
                        fmt.format(r.gap_to_best, Unit::Money)) }</p>
                }
            </details>
        }
    })
}

fn comparison(view: &DvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let cell = |i: usize, key: &str, v: Option<f64>, unit: Unit| {
        html! {
            <td><output data-testid={format!("result-offers-{i}-{key}")} data-value={v.map(|x| x.to_string())}>{ money(fmt, v, unit) }</output></td>
        }
    };
    let explanation = match &view.results {
        None => t(Msg::DvWaiting).to_string(),
        Some(r) if r.gap_to_best == 0.0 => {
            let others: Vec<&str> = r.best_offers.iter().skip(1).map(String::as_str).collect();
            if others.is_empty() || r.offers[0].rank != 1 {
                t(Msg::DvGapOursBest).to_string()
            } else {
                fill(t(Msg::DvGapTied), &[("others", &lang.list(&others))])
            }
        }
        Some(r) => fill(t(Msg::DvGapBehind), &[("gap", &fmt.format(r.gap_to_best, Unit::Money)), ("best", &lang.list(&r.best_offers))]),
    };
    html! {
        <section class="card results" aria-live="polite">
            <h2>{ t(Msg::DvCompareTitle) }</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::DvCompareTitle)}>
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{ t(Msg::DvOfferName) }</th>
                            <th scope="col">{ t(Msg::DvTotalValue) }</th>
                            <th scope="col">{ t(Msg::DvTotalCost) }</th>
                            <th scope="col">{ t(Msg::DvDelivered) }</th>
                            <th scope="col">{ t(Msg::DvRatio) }</th>
                            <th scope="col">{ t(Msg::HkValue) }</th>
                            <th scope="col">{ t(Msg::DvRank) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for view.offers.iter().map(|o| {
                            let r = &o.result;
                            let i = o.index;
                            html! {
                                <tr class={classes!(r.best.then_some("best"))}>
                                    <th scope="row">
                                        { o.name.clone() }
                                        if i == 0 { <span class="tag">{ t(Msg::DvOurs) }</span> }
                                        if r.best { <span class="tag best">{ t(Msg::DvBest) }</span> }
                                    </th>
                                    { cell(i, "total_customer_value", r.total_customer_value, Unit::Money) }
                                    { cell(i, "total_customer_cost", r.total_customer_cost, Unit::Money) }
                                    { cell(i, "delivered_value", r.delivered_value, Unit::Money) }
                                    { cell(i, "value_cost_ratio", r.value_cost_ratio, Unit::Ratio) }
                                    { cell(i, "heskett_value", r.heskett_value, Unit::Ratio) }
                                    { cell(i, "rank", r.rank.map(f64::from), Unit::Count) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <dl class="result-list">
                <div class="result key-result">
                    <dt>{ t(Msg::DvGapLabel) }</dt>
                    <dd><output data-testid="result-gap_to_best" data-value={view.results.as_ref().map(|r| r.gap_to_best.to_string())}>
                        { money(fmt, view.results.as_ref().map(|r| r.gap_to_best), Unit::Money) }</output></dd>
                </div>
                <div class="result">
                    <dt>{ Msg::DvBestLabel.plural(lang, view.results.as_ref().map_or(f64::NAN, |r| r.best_offers.len() as f64)) }</dt>
                    <dd><output data-testid="result-best_offers">{ view.results.as_ref().map(|r| lang.list(&r.best_offers)).unwrap_or_else(|| "—".into()) }</output></dd>
                </div>
            </dl>
            <p class="explain" data-testid="gap-explanation">{ explanation }</p>
        </section>
    }
}

/// Which component of our offer closes the gap to the best offer cheapest,
/// with a goal seek per component (the link to the what-if tools).
fn close_gap(view: &DvView, lang: Lang, fmt: &IntlFormat, dispatch: &Dispatch) -> Html {
    let t = |m: Msg| m.text(lang);
    let (Some(best), Some(first)) = (view.best_delivered_value, view.gap_options.first()) else { return html! {} };
    let cheapest = first.feasible.then_some(first.field);
    html! {
        <section class="card close-gap" data-testid="close-gap">
            <h2>{ t(Msg::DvGapTitle) }</h2>
            <p class="hint">{ t(Msg::DvGapExplain) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::DvGapTitle)}>
                <table class="compare">
                    <thead><tr>
                        <th scope="col">{ t(Msg::DvGapInput) }</th>
                        <th scope="col">{ t(Msg::DvGapChange) }</th>
                        <th scope="col">{ t(Msg::DvGapRelative) }</th>
                        <th scope="col"><span class="visually-hidden">{ t(Msg::DvGapSeek) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for view.gap_options.iter().map(|o| {
                            let key = o.field.key();
                            let d = dispatch.clone();
                            let onclick = Callback::from(move |_: MouseEvent| {
                                for a in [
                                    ToolAction::GoalInput(key.into()),
                                    ToolAction::GoalOutput("delivered_value".into()),
                                    ToolAction::GoalTarget(crate::domain::number::plain(best)),
                                    ToolAction::RunGoalSeek,
                                ] {
                                    d.dispatch(Action::Tool(a));
                                }
                                crate::platform::scroll_to_testid("goal-seek");
                            });
                            let is_cheapest = cheapest == Some(o.field);
                            html! {
                                <tr class={classes!(is_cheapest.then_some("best"))} data-testid={format!("close-gap-row-{key}")}>
                                    <th scope="row">{ t(o.field.label()) }
                                        if is_cheapest { <span class="badge" data-testid="close-gap-cheapest" data-value={key}>{ t(Msg::DvGapCheapest) }</span> }</th>
                                    <td data-label={t(Msg::DvGapChange)}>{ format!("{}{} → {}", if o.change > 0.0 { "+" } else { "−" }, fmt.format(o.change.abs(), Unit::Money),
                                        if o.feasible { fmt.format(o.target, Unit::Money) } else { "—".into() }) }</td>
                                    <td data-label={t(Msg::DvGapRelative)}>{ if o.feasible { o.relative.map(|r| fmt.format(r, Unit::Percent)).unwrap_or_else(|| "—".into()) } else { t(Msg::DvGapImpossible).to_string() } }</td>
                                    <td class="seek"><button type="button" class="button small" data-testid={format!("close-gap-{key}")} disabled={!o.feasible} {onclick}>{ t(Msg::DvGapSeek) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn chart(view: &DvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let Some(c) = view.chart.clone() else { return html! {} };
    let t = |m: Msg| m.text(lang);
    html! {
        <section class="card chart">
            <h2>{ t(Msg::DvChartTitle) }</h2>
            <BarChartView chart={c} names={view.chart_names.clone()} title={t(Msg::DvChartTitle)} desc={t(Msg::DvChartDesc)}
                value_parts={DvField::ALL[..4].iter().map(|f| t(f.label())).collect::<Vec<_>>()}
                cost_parts={DvField::ALL[4..].iter().map(|f| t(f.label())).collect::<Vec<_>>()}
                delivered_label={t(Msg::DvDelivered)} fmt={fmt.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OfferProps {
    view: OfferView,
    lang: Lang,
    currency: AttrValue,
    can_remove: bool,
    fmt: IntlFormat,
    embed: Embed,
}

#[component]
fn OfferCard(props: &OfferProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Dispatch");
    let o = &props.view;
    let i = o.index;
    let lang = props.lang;
    let t = |m: Msg| m.text(lang);
    let onrename = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Rename(i, e.target_unchecked_into::<HtmlInputElement>().value()))))
        })
    };
    let onduplicate = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Duplicate(i)))))
    };
    let onremove = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Remove(i)))))
    };
    let onheskett = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Heskett(i, e.target_unchecked_into::<HtmlInputElement>().checked()))))
        })
    };
    let embed = &props.embed;
    let structure_locked = embed.locked("offers");
    let input = |key: String,
                 label: &'static str,
                 text: &str,
                 error: &Option<String>,
                 suffix: Option<AttrValue>,
                 locked: bool,
                 on: Callback<String>| {
        let id = format!("in-{key}");
        let err = format!("err-{key}");
        let oninput = on.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <div class={classes!("field", "compact", error.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ label }</label>
                <div class="number">
                    <input type="text" inputmode="decimal" autocomplete="off" id={id} data-testid={format!("input-{key}")}
                        value={text.to_string()} {oninput} readonly={locked} aria-readonly={locked.to_string()}
                        aria-invalid={error.is_some().to_string()} aria-describedby={err.clone()} />
                    if let Some(s) = suffix { <span class="suffix" aria-hidden="true">{ s }</span> }
                </div>
                if locked { <span class="locked-note">{ format!("🔒 {}", t(Msg::LockedHint)) }</span> }
                <p class="error" id={err} data-testid={format!("error-{key}")} role="alert" hidden={error.is_none()}>{ error.clone().unwrap_or_default() }</p>
            </div>
        }
    };
    let amounts = |costs: bool| -> Html {
        o.inputs
            .iter()
            .filter(|f| f.field.is_cost() == costs && !embed.hidden(f.field.key()))
            .map(|f| {
                let field = f.field;
                let d = dispatch.clone();
                input(
                    format!("offers-{i}-{}", field.key()),
                    t(field.label()),
                    &f.text,
                    &f.error,
                    Some(props.currency.clone()),
                    embed.locked(field.key()),
                    Callback::from(move |s| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::Edit(i, field, s))))),
                )
            })
            .collect()
    };
    let name_id = format!("in-offers-{i}-name");
    html! {
        <article class={classes!("card", "offer", o.result.best.then_some("best"))} data-testid={format!("offer-{i}")}>
            <header class="offer-head">
                <span class="tag">{ if i == 0 { t(Msg::DvOurs) } else { t(Msg::DvCompetitor) } }</span>
                if o.result.best { <span class="tag best">{ t(Msg::DvBest) }</span> }
            </header>
            <div class={classes!("field", o.name_error.is_some().then_some("invalid"))}>
                <label for={name_id.clone()}>{ t(Msg::DvOfferName) }</label>
                <input type="text" id={name_id} data-testid={format!("input-offers-{i}-name")} value={o.name.clone()}
                    oninput={onrename} maxlength="80" readonly={structure_locked} aria-readonly={structure_locked.to_string()} aria-invalid={o.name_error.is_some().to_string()} />
                <p class="error" data-testid={format!("error-offers-{i}-name")} role="alert" hidden={o.name_error.is_none()}>
                    { o.name_error.clone().unwrap_or_default() }</p>
            </div>
            <fieldset class="group">
                <legend>{ t(Msg::DvValueGroup) }</legend>
                { amounts(false) }
                <p class="subtotal">{ format!("{}: {}", t(Msg::DvTotalValue), money(&props.fmt, o.result.total_customer_value, Unit::Money)) }</p>
            </fieldset>
            <fieldset class="group">
                <legend>{ t(Msg::DvCostGroup) }</legend>
                { amounts(true) }
                <p class="subtotal">{ format!("{}: {}", t(Msg::DvTotalCost), money(&props.fmt, o.result.total_customer_cost, Unit::Money)) }</p>
            </fieldset>
            <p class="delivered">{ format!("{}: {}", t(Msg::DvDelivered), money(&props.fmt, o.result.delivered_value, Unit::Money)) }</p>
            <fieldset class="group heskett">
                <label class="toggle">
                    <input type="checkbox" data-testid={format!("toggle-offers-{i}-heskett")} checked={o.heskett.is_some()} onchange={onheskett} />
                    <span>{ t(Msg::HkToggle) }</span>
                </label>
                if let Some(h) = &o.heskett {
                    <p class="hint">{ t(Msg::HkExplain) }</p>
                    { for h.iter().map(|f| {
                        let field = f.field;
                        let d = dispatch.clone();
                        input(format!("offers-{i}-heskett-{}", field.key()), t(field.label()), &f.text, &f.error, None,
                            embed.locked("heskett"), Callback::from(move |s| d.dispatch(Action::Calc(CalcAction::Dv(DvAction::EditHeskett(i, field, s))))))
                    }) }
                }
            </fieldset>
            <div class="offer-buttons">
                <button type="button" class="button small" data-testid={format!("offer-{i}-duplicate")} onclick={onduplicate} disabled={structure_locked}>{ t(Msg::DvDuplicate) }</button>
                <button type="button" class="button small danger" data-testid={format!("offer-{i}-remove")} onclick={onremove}
                    disabled={!props.can_remove || structure_locked}>{ t(Msg::DvRemove) }</button>
            </div>
        </article>
    }
}
