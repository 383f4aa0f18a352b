//! The customer value calculator (DESIGN §2.1): grouped inputs, results,
//! the word-of-mouth summary, the cumulative value chart and the steps.
//!
//! Only [`CustomerValue`] reads the whole state; fields, results and steps
//! are components with their own props and the [`Dispatch`] context, so a
//! keystroke re-renders just the parts whose data changed.

mod econ;

use super::chart::LineChartView;
use super::field::{options, DeclField};
use super::{AppContext, Dispatch};
use crate::domain::customer_value::{CvAction, CvGroup, CvView, ResultView};
use crate::domain::customer_value::{CvPreset, DECLS};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Step, Unit};
use crate::domain::model::{Action, CalcAction};
use crate::platform::IntlFormat;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The calculator panel.
/// (A function of the root's state, not a component: it renders on every
/// change of the state anyway; its leaves are components.)
/// Kept a function of its own (not inlined into the shell), so that the
/// code one keystroke runs is in functions V8 optimises soon and cheaply.
#[inline(never)]
pub fn customer_value(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let dispatch: Dispatch = ctx.dispatcher();
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let view = ctx.model.cv_view();
    let currency: AttrValue = ctx.model.currency().code().into();
    let embed = &ctx.model.embed;
    let fields = |g: CvGroup| -> Html {
        view.group(g)
            .filter(|f| !embed.hidden(f.field.key()))
            .map(|f| {
                let suffix = if f.percent {
                    Some(AttrValue::from("%"))
                } else if f.money {
                    Some(currency.clone())
                } else {
                    None
                };
                let locked = embed.locks(ctx.model.calc, f.field.key());
                let decl = DECLS[f.field as usize];
                let compact = g == CvGroup::Churn;
                let field = html! {
                    <DeclField key={f.field.key()} {decl} text={f.text.clone()} error={f.error.clone()} {lang} {suffix} {locked} {compact}
                        help={(!compact).then(|| f.field.help())} options={options(ctx.model.slot(), &decl, lang)} />
                };
                match view.link(f.field.key()) {
                    Some(l) => html! {
                        <div class="linked-field" key={f.field.key()}>{ field }{ econ::link_badge(l, lang, fmt, &dispatch) }</div>
                    },
                    None => field,
                }
            })
            .collect()
    };
    let ontoggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::Calc(CalcAction::Cv(CvAction::Retention(e.target_unchecked_into::<HtmlInputElement>().checked()))))
        })
    };
    html! {
        <div class="calc cv">
            <div class="presets" role="group" aria-label={t(Msg::PresetsLabel)}>
                <span class="presets-label">{ t(Msg::PresetsLabel) }</span>
                { for CvPreset::ALL.iter().map(|&p| {
                    let onapply = {
                        let dispatch = dispatch.clone();
                        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Calc(CalcAction::Cv(CvAction::Preset(p)))))
                    };
                    let id = match p { CvPreset::CourseExercise => "preset-course", CvPreset::Retention => "preset-retention" };
                    html! { <button type="button" class="chip" data-testid={id} onclick={onapply}>{ t(p.label()) }</button> }
                }) }
            </div>
            <div class="columns">
                <form class="inputs card" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset class="group">
                        <legend>{ t(Msg::GroupPurchase) }</legend>
                        { fields(CvGroup::Purchase) }
                    </fieldset>
                    <fieldset class="group">
                        <legend>{ t(Msg::GroupWordOfMouth) }</legend>
                        { fields(CvGroup::WordOfMouth) }
                        <h3 class="subgroup">{ t(Msg::GroupSurvey) }</h3>
                        { fields(CvGroup::Survey) }
                    </fieldset>
                    <fieldset class="group retention">
                        <legend>{ t(Msg::GroupRetention) }</legend>
                        <label class="toggle">
                            <input type="checkbox" data-testid="toggle-retention" checked={view.retention_on} onchange={ontoggle} />
                            <span>{ t(Msg::RetentionToggle) }</span>
                        </label>
                        if view.retention_on {
                            { curve_link(&ctx.model, &view, lang, fmt, &dispatch) }
                            { fields(CvGroup::Retention) }
                        } else {
                            <p class="hint">{ t(Msg::RetentionOff) }</p>
                        }
                    </fieldset>
                    <fieldset class="group economics">
                        <legend>{ t(Msg::GroupEconomics) }</legend>
                        { fields(CvGroup::Economics) }
                        <fieldset class="group churn">
                            <legend>{ t(Msg::GroupChurn) }</legend>
                            <p class="hint">{ t(Msg::HChurnReason) }</p>
                            <div class="churn-fields">{ fields(CvGroup::Churn) }</div>
                        </fieldset>
                    </fieldset>
                </form>
                <div class="outputs">
                    <section class="card results" aria-live="polite">
                        <h2>{ t(Msg::ResultsTitle) }</h2>
                        if view.has_errors { <p class="hint">{ t(Msg::ResultsInvalid) }</p> }
                        <dl class="result-list">
                            { for view.results_in(false).map(|r| html! {
                                <ResultItem key={r.key} view={r.clone()} {lang} fmt={fmt.clone()} />
                            }) }
                        </dl>
                        <p class="hint">{ t(Msg::SwingExplain) }</p>
                    </section>
                    // Below the results: one task later (see `Later`).
                    <super::later::Later render={below_results(fmt)} />
                </div>
            </div>
        </div>
    }
}

/// The panels below the results (word of mouth, retention economics, the
/// chart and the steps), built from the state one task later.
fn below_results(fmt: &IntlFormat) -> Callback<AppContext, Html> {
    let fmt = fmt.clone();
    Callback::from(move |ctx: AppContext| {
        let view = ctx.model.cv_view();
        let lang = ctx.model.lang;
        html! {
            <>
                { word_of_mouth(&view, lang, &fmt) }
                { econ::economics(&view, lang, &fmt) }
                { chart(&view, lang, &fmt) }
                <details class="card math" open=true data-testid="math-panel">
                    <summary><h2>{ Msg::MathTitle.text(lang) }</h2></summary>
                    <ol>
                        { for view.steps().into_iter().map(|s| {
                            let key = s.key;
                            html! { <MathStep {key} step={s} {lang} fmt={fmt.clone()} /> }
                        }) }
                    </ol>
                </details>
            </>
        }
    })
}

pub(super) fn value_text(fmt: &IntlFormat, v: Option<f64>, unit: Unit) -> String {
    v.map(|v| fmt.format(v, unit)).unwrap_or_else(|| "—".into())
}

#[derive(Properties, PartialEq)]
pub(super) struct ResultProps {
    pub(super) view: ResultView,
    pub(super) lang: Lang,
    pub(super) fmt: IntlFormat,
}

#[component]
pub(super) fn ResultItem(props: &ResultProps) -> Html {
    let r = &props.view;
    let highlight = r.key == "satisfaction_swing" || r.key == "net_clv";
    html! {
        <div class={classes!("result", highlight.then_some("key-result"), r.retention.then_some("retention"))}>
            <dt>{ r.label.text(props.lang) }</dt>
            <dd><output data-testid={format!("result-{}", r.key)}
                data-value={r.value.map(|x| x.to_string())}>{ value_text(&props.fmt, r.value, r.unit) }</output></dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct StepProps {
    pub(crate) step: Step,
    pub(crate) lang: Lang,
    pub(crate) fmt: IntlFormat,
}

#[component]
pub(crate) fn MathStep(props: &StepProps) -> Html {
    let s = &props.step;
    let lang = props.lang;
    html! {
        <li data-testid={format!("step-{}", s.key)}>
            <div class="formula">{ s.formula_line(lang, &props.fmt) }</div>
            <div class="substituted"><span aria-hidden="true">{ "= " }</span>{ s.line(lang, &props.fmt) }</div>
            if let Some(n) = s.note { <div class="note">{ n.text(lang) }</div> }
        </li>
    }
}

fn word_of_mouth(v: &CvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let people = |k| value_text(fmt, v.result(k), Unit::Count);
    let money = |k| value_text(fmt, v.result(k), Unit::Money);
    let count = |k| v.result(k).map_or(f64::NAN, |x| crate::domain::i18n::shown(x, 2));
    let gained = v.result("referral_value_gained").unwrap_or(0.0).max(0.0);
    let lost = v.result("dissatisfied_customer_loss").unwrap_or(0.0).max(0.0);
    let top = gained.max(lost).max(f64::MIN_POSITIVE);
    // Drawn as SVG (attributes, not inline styles: the strict CSP forbids those).
    let bar = |x: f64, class: &'static str| {
        html! {
            <svg class="meter" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class={class} x="0" y="0" height="10" rx="2" width={format!("{:.1}", (100.0 * x / top).max(0.5))} />
            </svg>
        }
    };
    html! {
        <section class="card wom">
            <h2>{ Msg::WomTitle.text(lang) }</h2>
            <p class="gain">{ fill(Msg::WomGained.plural(lang, count("referral_customers_gained")), &[("people", &people("referral_customers_gained")), ("value", &money("referral_value_gained"))]) }</p>
            { bar(gained, "gain") }
            <p class="loss">{ fill(Msg::WomLost.plural(lang, count("referral_customers_lost")), &[("people", &people("referral_customers_lost")), ("value", &money("referral_value_lost"))]) }</p>
            { bar(lost, "loss") }
            { econ::ripple(v, lang, fmt) }
        </section>
    }
}

fn chart(view: &CvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let Some((c, with_retention)) = view.chart() else { return html! {} };
    let mut labels = vec![Msg::ChartSimple.text(lang)];
    if with_retention {
        labels.push(Msg::ChartRetention.text(lang));
    }
    html! {
        <section class="card chart">
            <h2>{ Msg::ChartTitle.text(lang) }</h2>
            <LineChartView chart={c} series={labels} title={Msg::ChartTitle.text(lang)}
                desc={Msg::ChartDesc.text(lang)} x_label={Msg::AxisYear.text(lang)} fmt={fmt.clone()}
                table_label={Some(Msg::RcShowTable.text(lang))} />
        </section>
    }
}

/// The year-by-year curve, where it came from, and the way back to one rate.
fn curve_link(m: &crate::domain::model::Model, view: &CvView, lang: Lang, fmt: &IntlFormat, dispatch: &Dispatch) -> Html {
    let Some(curve) = &m.cv().curve else { return html! {} };
    if let Some(l) = view.link("retention_curve") {
        return econ::link_badge(l, lang, fmt, dispatch);
    }
    let pct = |i: usize| curve.get(i).or(curve.last()).map(|r| fmt.format(*r, Unit::Percent)).unwrap_or_default();
    let text = fill(Msg::CvCurveOwn.text(lang), &[("r1", &pct(0)), ("r2", &pct(1))]);
    html! {
        <div class="link-badge" data-testid="link-retention_curve" role="note">
            <p>{ text }</p>
            { econ::unlink_button("retention_curve", lang, dispatch) }
        </div>
    }
}
