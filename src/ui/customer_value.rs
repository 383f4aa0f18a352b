//! The customer value calculator (DESIGN §2.1): grouped inputs, results,
//! the word-of-mouth summary, the cumulative value chart and the steps.

use super::chart::LineChartView;
use super::{tr, AppContext};
use crate::core::customer_value::{CashFlowTiming, CvField, CvPreset, FieldKind, Period};
use crate::core::i18n::{fill, Msg};
use crate::core::math::{NumberFormat, Unit};
use crate::core::model::{Action, CvGroup, CvView, FieldView};
use crate::platform::IntlFormat;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props: the locale formatter shared by the panel.
#[derive(Properties, PartialEq)]
pub struct CvProps {
    /// Locale formatter.
    pub fmt: IntlFormat,
}

/// The calculator panel.
#[component]
pub fn CustomerValue(props: &CvProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let view = ctx.model.cv_view();
    let fmt = &props.fmt;
    html! {
        <div class="calc cv">
            <Presets />
            <div class="columns">
                <form class="inputs card" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <FieldGroup group={CvGroup::Purchase} title={Msg::GroupPurchase} view={view.clone()} />
                    <FieldGroup group={CvGroup::WordOfMouth} title={Msg::GroupWordOfMouth} view={view.clone()} />
                    <RetentionGroup view={view.clone()} />
                </form>
                <div class="outputs">
                    <Results view={view.clone()} fmt={fmt.clone()} />
                    <WordOfMouth view={view.clone()} fmt={fmt.clone()} />
                    { chart(&ctx, &view, fmt) }
                    <MathPanel view={view} fmt={fmt.clone()} />
                </div>
            </div>
        </div>
    }
}

#[component]
fn Presets() -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    html! {
        <div class="presets" role="group" aria-label={tr(&ctx, Msg::PresetsLabel)}>
            <span class="presets-label">{ tr(&ctx, Msg::PresetsLabel) }</span>
            { for CvPreset::ALL.iter().map(|&p| {
                let onapply = {
                    let ctx = ctx.clone();
                    Callback::from(move |_: MouseEvent| ctx.dispatch(Action::ApplyCvPreset(p)))
                };
                let id = match p { CvPreset::CourseExercise => "preset-course", CvPreset::Retention => "preset-retention" };
                html! { <button type="button" class="chip" data-testid={id} onclick={onapply}>{ tr(&ctx, p.label()) }</button> }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: CvGroup,
    title: Msg,
    view: CvView,
}

#[component]
fn FieldGroup(props: &GroupProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    html! {
        <fieldset class="group">
            <legend>{ tr(&ctx, props.title) }</legend>
            { for props.view.group(props.group).map(|f| html! { <Field view={f.clone()} /> }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct RetentionProps {
    view: CvView,
}

#[component]
fn RetentionGroup(props: &RetentionProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let on = props.view.retention_on;
    let ontoggle = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            ctx.dispatch(Action::SetRetention(checked));
        })
    };
    html! {
        <fieldset class="group retention">
            <legend>{ tr(&ctx, Msg::GroupRetention) }</legend>
            <label class="toggle">
                <input type="checkbox" data-testid="toggle-retention" checked={on} onchange={ontoggle} />
                <span>{ tr(&ctx, Msg::RetentionToggle) }</span>
            </label>
            if on {
                { for props.view.group(CvGroup::Retention).map(|f| html! { <Field view={f.clone()} /> }) }
            } else {
                <p class="hint">{ tr(&ctx, Msg::RetentionOff) }</p>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FieldProps {
    view: FieldView,
}

#[component]
fn Field(props: &FieldProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let f = &props.view;
    let field = f.field;
    let key = field.key();
    let id = format!("in-{key}");
    let err_id = format!("err-{key}");
    let help_id = format!("help-{key}");
    let described = if f.error.is_some() { format!("{err_id} {help_id}") } else { help_id.clone() };
    let invalid = f.error.is_some();
    let onedit = {
        let ctx = ctx.clone();
        Callback::from(move |text: String| ctx.dispatch(Action::EditCv(field, text)))
    };
    let control = match field.kind() {
        FieldKind::Bool => {
            let checked = f.text == "true";
            let onchange = onedit.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked().to_string());
            return html! {
                <div class={classes!("field", "check", invalid.then_some("invalid"))}>
                    <label for={id.clone()}>
                        <input type="checkbox" id={id} data-testid={format!("input-{key}")} {checked} {onchange}
                            aria-invalid={invalid.to_string()} aria-describedby={described} />
                        <span>{ tr(&ctx, field.label()) }</span>
                    </label>
                    <small class="help" id={help_id}>{ tr(&ctx, field.help()) }</small>
                    { error_line(key, &err_id, &f.error) }
                </div>
            };
        }
        FieldKind::Choice(options) => {
            let onchange = onedit.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
            let label_of = |o: &str| -> &'static str {
                match field {
                    CvField::Period => Period::ALL.iter().find(|p| p.as_str() == o).map(|p| tr(&ctx, p.label())).unwrap_or(""),
                    _ => CashFlowTiming::ALL.iter().find(|t| t.as_str() == o).map(|t| tr(&ctx, t.label())).unwrap_or(""),
                }
            };
            html! {
                <select id={id.clone()} data-testid={format!("input-{key}")} {onchange}
                    aria-invalid={invalid.to_string()} aria-describedby={described}>
                    if invalid {
                        <option value={f.text.clone()} selected=true>{ f.text.clone() }</option>
                    }
                    { for options.iter().map(|o| html! {
                        <option value={*o} selected={f.text == *o}>{ label_of(o) }</option>
                    }) }
                </select>
            }
        }
        FieldKind::Number(_) | FieldKind::NullableNumber(_) => {
            let oninput = onedit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            let suffix = if f.percent {
                Some("%".to_string())
            } else if f.money {
                Some(ctx.model.currency().code().to_string())
            } else {
                None
            };
            html! {
                <div class="number">
                    <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                        id={id.clone()} data-testid={format!("input-{key}")} value={f.text.clone()} {oninput}
                        aria-invalid={invalid.to_string()} aria-describedby={described} />
                    if let Some(s) = suffix { <span class="suffix" aria-hidden="true">{ s }</span> }
                </div>
            }
        }
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id}>{ tr(&ctx, field.label()) }</label>
            { control }
            <small class="help" id={help_id}>{ tr(&ctx, field.help()) }</small>
            { error_line(key, &err_id, &f.error) }
        </div>
    }
}

fn error_line(key: &str, id: &str, error: &Option<String>) -> Html {
    html! {
        <p class="error" id={id.to_string()} data-testid={format!("error-{key}")} role="alert" hidden={error.is_none()}>
            { error.clone().unwrap_or_default() }
        </p>
    }
}

fn value_text(fmt: &IntlFormat, v: Option<f64>, unit: Unit) -> String {
    v.map(|v| fmt.format(v, unit)).unwrap_or_else(|| "—".into())
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    view: CvView,
    fmt: IntlFormat,
}

#[component]
fn Results(props: &ViewProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let v = &props.view;
    html! {
        <section class="card results" aria-live="polite">
            <h2>{ tr(&ctx, Msg::ResultsTitle) }</h2>
            if v.has_errors { <p class="hint">{ tr(&ctx, Msg::ResultsInvalid) }</p> }
            <dl class="result-list">
                { for v.results.iter().map(|r| {
                    let highlight = r.key == "satisfaction_swing" || r.key == "net_clv";
                    html! {
                        <div class={classes!("result", highlight.then_some("key-result"), r.retention.then_some("retention"))}>
                            <dt>{ tr(&ctx, r.label) }</dt>
                            <dd><output data-testid={format!("result-{}", r.key)}
                                data-value={r.value.map(|x| x.to_string())}>{ value_text(&props.fmt, r.value, r.unit) }</output></dd>
                        </div>
                    }
                }) }
            </dl>
            <p class="hint">{ tr(&ctx, Msg::SwingExplain) }</p>
        </section>
    }
}

#[component]
fn WordOfMouth(props: &ViewProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let v = &props.view;
    let fmt = &props.fmt;
    let people = |k| value_text(fmt, v.result(k), Unit::Count);
    let money = |k| value_text(fmt, v.result(k), Unit::Money);
    let gained = v.result("referral_value_gained").unwrap_or(0.0).max(0.0);
    let lost = v.result("dissatisfied_customer_loss").unwrap_or(0.0).max(0.0);
    let top = gained.max(lost).max(f64::MIN_POSITIVE);
    let width = |x: f64| format!("width:{:.1}%", 100.0 * x / top);
    html! {
        <section class="card wom">
            <h2>{ tr(&ctx, Msg::WomTitle) }</h2>
            <p class="gain">{ fill(tr(&ctx, Msg::WomGained), &[("people", &people("referral_customers_gained")), ("value", &money("referral_value_gained"))]) }</p>
            <div class="bar gain" style={width(gained)} aria-hidden="true"></div>
            <p class="loss">{ fill(tr(&ctx, Msg::WomLost), &[("people", &people("referral_customers_lost")), ("value", &money("referral_value_lost"))]) }</p>
            <div class="bar loss" style={width(lost)} aria-hidden="true"></div>
        </section>
    }
}

fn chart(ctx: &AppContext, view: &CvView, fmt: &IntlFormat) -> Html {
    let Some(c) = view.chart.clone() else { return html! {} };
    let mut labels = vec![tr(ctx, Msg::ChartSimple)];
    if view.chart_has_retention {
        labels.push(tr(ctx, Msg::ChartRetention));
    }
    html! {
        <section class="card chart">
            <h2 id="cv-chart-title">{ tr(ctx, Msg::ChartTitle) }</h2>
            <LineChartView chart={c} series={labels} title={tr(ctx, Msg::ChartTitle)}
                desc={tr(ctx, Msg::ChartDesc)} x_label={tr(ctx, Msg::AxisYear)} fmt={fmt.clone()} />
        </section>
    }
}

#[component]
fn MathPanel(props: &ViewProps) -> Html {
    let ctx = use_context::<AppContext>().expect("AppContext");
    let lang = ctx.model.lang;
    let fmt = &props.fmt;
    html! {
        <details class="card math" open=true data-testid="math-panel">
            <summary><h2>{ tr(&ctx, Msg::MathTitle) }</h2></summary>
            <ol>
                { for props.view.steps.iter().map(|s| html! {
                    <li data-testid={format!("step-{}", s.key)}>
                        <div class="formula">{ s.formula_line(lang, fmt) }</div>
                        <div class="substituted"><span aria-hidden="true">{ "= " }</span>{ s.line(lang, fmt) }</div>
                        if let Some(n) = s.note { <div class="note">{ tr(&ctx, n) }</div> }
                    </li>
                }) }
            </ol>
        </details>
    }
}
