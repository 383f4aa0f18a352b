//! The retention curve calculator (DESIGN §2.6): settings, the cohort grid
//! (one card per cohort on a phone), the paste box and CSV import, the
//! fitted model with the undervaluation explained, the survival chart with
//! its data table, DERL, and "show the math".

use super::chart::LineChartView;
use super::customer_value::MathStep;
use super::field::{options, DeclField};
use super::{AppContext, Dispatch};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, CalcAction};
use crate::domain::retention_curve::sbg::Layout;
use crate::domain::retention_curve::{RcAction, RcPreset, RcView, DECLS};
use crate::platform::{self, IntlFormat};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

fn rc(a: RcAction) -> Action {
    Action::Calc(CalcAction::Rc(a))
}

/// Reads a cohorts CSV file and imports it.
fn import_file(file: web_sys::File, dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = platform::read_bytes(&file, crate::domain::retention_curve::sbg::MAX_TEXT_BYTES).await.unwrap_or_default();
        dispatch.dispatch(rc(RcAction::Csv(bytes)));
    });
}

fn grid(view: &RcView, lang: Lang, dispatch: &Dispatch) -> Html {
    let t = |m: Msg| m.text(lang);
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::RcCohortsTitle)}>
            <table class="grid cohorts" data-testid="cohort-grid">
                <thead><tr>
                    <th scope="col">{ t(Msg::RcCohortName) }</th>
                    { for (0..view.columns).map(|k| html! { <th scope="col">{ format!("n{k}") }</th> }) }
                    <th scope="col"><span class="visually-hidden">{ t(Msg::RcRemove) }</span></th>
                </tr></thead>
                <tbody>
                    { for view.cohorts.iter().enumerate().map(|(i, c)| {
                        let d = dispatch.clone();
                        let onname = Callback::from(move |e: InputEvent| d.dispatch(rc(RcAction::Name(i, e.target_unchecked_into::<HtmlInputElement>().value()))));
                        let d = dispatch.clone();
                        let onremove = Callback::from(move |_: MouseEvent| d.dispatch(rc(RcAction::RemoveCohort(i))));
                        html! {
                            <tr>
                                <th scope="row" class="item-label">
                                    <input type="text" aria-label={t(Msg::RcCohortName)} data-testid={format!("input-cohorts-{i}-name")}
                                        value={c.name.0.clone()} oninput={onname} maxlength="60" aria-invalid={c.name.1.is_some().to_string()} />
                                    if let Some(e) = &c.name.1 { <p class="error" data-testid={format!("error-cohorts-{i}-name")}>{ e.clone() }</p> }
                                    if let Some(e) = &c.error { <p class="error" data-testid={format!("error-cohorts-{i}")}>{ e.clone() }</p> }
                                </th>
                                { for c.cells.iter().enumerate().map(|(k, (text, err))| {
                                    let d = dispatch.clone();
                                    let oninput = Callback::from(move |e: InputEvent| d.dispatch(rc(RcAction::Cell(i, k, e.target_unchecked_into::<HtmlInputElement>().value()))));
                                    let id = format!("cohorts-{i}-active-{k}");
                                    html! {
                                        <td class={classes!("rating", err.is_some().then_some("invalid"))} data-label={format!("n{k}")}>
                                            <input type="text" inputmode="decimal" autocomplete="off" aria-label={format!("{} n{k}", c.name.0)}
                                                data-testid={format!("input-{id}")} value={text.clone()} {oninput}
                                                aria-invalid={err.is_some().to_string()} aria-describedby={format!("error-{id}")} />
                                            if let Some(e) = err { <p class="error" id={format!("error-{id}")} data-testid={format!("error-{id}")} role="alert">{ e.clone() }</p> }
                                        </td>
                                    }
                                }) }
                                <td><button type="button" class="button small danger" data-testid={format!("remove-cohort-{i}")} onclick={onremove}
                                    disabled={view.cohorts.len() <= 1}>{ t(Msg::RcRemove) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn paste_box(view: &RcView, lang: Lang, dispatch: &Dispatch) -> Html {
    let t = |m: Msg| m.text(lang);
    let d = dispatch.clone();
    let oninput =
        Callback::from(move |e: InputEvent| d.dispatch(rc(RcAction::Paste(e.target_unchecked_into::<HtmlTextAreaElement>().value()))));
    let d = dispatch.clone();
    let onlayout = Callback::from(move |e: Event| {
        let l = if e.target_unchecked_into::<HtmlSelectElement>().value() == "columns" { Layout::Columns } else { Layout::Rows };
        d.dispatch(rc(RcAction::Layout(l)));
    });
    let d = dispatch.clone();
    let onapply = Callback::from(move |_: MouseEvent| d.dispatch(rc(RcAction::ApplyPaste)));
    let d = dispatch.clone();
    let oncsv = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(file, d.clone());
        }
        input.set_value("");
    });
    html! {
        <section class="card paste">
            <h3>{ t(Msg::RcPasteTitle) }</h3>
            <p class="hint">{ t(Msg::RcPasteHelp) }</p>
            <label class="block">{ t(Msg::RcPasteLabel) }
                <textarea data-testid="cohort-paste" rows="4" value={view.paste_text.clone()} {oninput} spellcheck="false" /></label>
            <label class="file-button">{ t(Msg::RcImportCsv) }
                <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="import-cohorts" onchange={oncsv} /></label>
            { match &view.paste {
                None => html! {},
                Some(Ok(p)) => html! {
                    <div class="inline-form" data-testid="paste-preview">
                        <label>{ t(Msg::RcReadAs) }
                            <select data-testid="paste-layout" onchange={onlayout}>
                                <option value="rows" selected={p.layout == Layout::Rows}>{ t(Msg::RcLayoutRows) }</option>
                                <option value="columns" selected={p.layout == Layout::Columns}>{ t(Msg::RcLayoutColumns) }</option>
                            </select></label>
                        <p class="hint">{ fill(t(Msg::RcPasteFound), &[("n", &p.found.len().to_string()),
                            ("list", &p.found.iter().map(|(n, k)| format!("{n} (n0–n{k})")).collect::<Vec<_>>().join(", "))]) }</p>
                        <button type="button" class="button small" data-testid="paste-apply" onclick={onapply}>{ t(Msg::RcPasteApply) }</button>
                    </div>
                },
                Some(Err(errors)) => html! {
                    <ul class="import-errors" role="alert" data-testid="paste-errors">
                        { for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                    </ul>
                },
            } }
        </section>
    }
}

fn result(key: &str, label: &str, v: f64, unit: Unit, fmt: &IntlFormat, extra: Option<String>) -> Html {
    html! {
        <div class="result">
            <dt>{ label.to_string() }</dt>
            <dd><output data-testid={format!("result-{key}")} data-value={v.to_string()}>{ fmt.format(v, unit) }</output>
                if let Some(x) = extra { <small class="help block">{ x }</small> }</dd>
        </div>
    }
}

/// The calculator panel.
/// (A function of the root's state, not a component: it renders on every
/// change of the state anyway; its leaves are components.)
/// Kept a function of its own (not inlined into the shell), so that the
/// code one keystroke runs is in functions V8 optimises soon and cheaply.
#[inline(never)]
pub fn retention_curve(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let dispatch: Dispatch = ctx.dispatcher();
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let view = ctx.model.rc_view();
    let embed = &ctx.model.embed;
    let calc = ctx.model.calc;
    let linked =
        ctx.model.cv().link("retention_curve").and_then(|l| l.get("calculator")).and_then(|c| c.as_str()) == Some("retention_curve");
    let d = |a: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(a.clone()))
    };
    let se = |v: Option<f64>| match v {
        Some(s) => fill(t(Msg::RcSe), &[("se", &fmt.format(s, Unit::Ratio))]),
        None => t(Msg::RcSeNone).to_string(),
    };
    html! {
        <div class="calculator retention-curve">
            <p class="intro">{ t(Msg::RcIntro) }</p>
            <div class="presets" role="group" aria-label={t(Msg::PresetsLabel)}>
                <span>{ t(Msg::PresetsLabel) }</span>
                { for RcPreset::ALL.iter().map(|p| html! {
                    <button type="button" class="chip" data-testid={format!("preset-rc-{}", p.id())} onclick={d(rc(RcAction::Preset(*p)))}>{ t(p.label()) }</button>
                }) }
            </div>
            <section class="card settings-row">
                    { for view.settings.iter().filter(|s| !embed.hides(calc, s.key)).filter_map(|s| Some((s, DECLS.iter().find(|d| d.key == s.key)?))).map(|(s, d)| html! {
                        <DeclField key={s.key} decl={*d} text={s.text.clone()} error={s.error.clone()} {lang} compact=true
                            locked={embed.locks(calc, s.key)} suffix={(s.key == "discount_rate").then(|| AttrValue::from("%"))}
                            options={options(ctx.model.slot(), d, lang)} />
                    }) }
            </section>
            <section class="card">
                <h3>{ t(Msg::RcCohortsTitle) }</h3>
                <p class="hint">{ t(Msg::RcCohortsHelp) }</p>
                { grid(&view, lang, &dispatch) }
                <div class="inline-form">
                    <button type="button" class="button small" data-testid="add-cohort" onclick={d(rc(RcAction::AddCohort))} disabled={!view.can_add}>{ t(Msg::RcAddCohort) }</button>
                    <button type="button" class="button small" data-testid="add-period" onclick={d(rc(RcAction::AddPeriod))}>{ t(Msg::RcAddPeriod) }</button>
                </div>
            </section>
            { paste_box(&view, lang, &dispatch) }
            if let Some(r) = view.results.clone() {
                <section class="card results" aria-live="polite">
                    <h2>{ t(Msg::RcFitTitle) }</h2>
                    if !r.converged { <p class="hint" role="status">{ t(Msg::RcNotConverged) }</p> }
                    <dl class="result-list">
                        { result("alpha", t(Msg::RcAlpha), r.alpha, Unit::Ratio, fmt, Some(se(r.standard_errors.alpha))) }
                        { result("beta", t(Msg::RcBeta), r.beta, Unit::Ratio, fmt, Some(se(r.standard_errors.beta))) }
                        { result("log_likelihood", t(Msg::RcLogLik), r.log_likelihood, Unit::Ratio, fmt, None) }
                        { result("del", t(Msg::RcDel), r.del, Unit::Money, fmt, None) }
                        { result("constant_retention_del", t(Msg::RcConstantDel), r.constant_retention_del, Unit::Money, fmt, None) }
                        { result("undervaluation", t(Msg::RcUndervaluation), r.undervaluation, Unit::Percent, fmt, None) }
                    </dl>
                    <p class="explain" data-testid="undervaluation-explained">{ fill(t(Msg::RcExplain), &[
                        ("rate", &view.pooled_retention.map(|p| fmt.format(p, Unit::Percent)).unwrap_or_default()),
                        ("constant", &fmt.format(r.constant_retention_del, Unit::Money)),
                        ("del", &fmt.format(r.del, Unit::Money)),
                        ("under", &fmt.format(r.undervaluation, Unit::Percent)),
                    ]) }</p>
                    <div class="inline-form">
                        <button type="button" class="button" data-testid="send-to-customer-value" onclick={d(rc(RcAction::SendToCustomerValue))}>{ t(Msg::RcSend) }</button>
                    </div>
                    <p class="hint">{ t(Msg::RcSendHelp) }</p>
                    if linked { <p class="link-badge" data-testid="rc-linked" role="status">{ t(Msg::RcSent) }</p> }
                </section>
                if let Some(c) = view.chart.clone() {
                    <section class="card chart">
                        <h2>{ t(Msg::RcChartTitle) }</h2>
                        <LineChartView chart={c} series={std::iter::once(t(Msg::RcProjected)).chain(view.cohorts.iter().map(|_| t(Msg::RcObservedCol))).collect::<Vec<_>>()}
                            title={t(Msg::RcChartTitle)} desc={t(Msg::RcChartDesc)} x_label={t(Msg::RcPeriodCol)} fmt={fmt.clone()} y_unit={Unit::Percent} />
                        <details data-testid="survival-table">
                            <summary>{ t(Msg::RcShowTable) }</summary>
                            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::RcTableTitle)}>
                                <table class="compare">
                                    <caption>{ t(Msg::RcTableTitle) }</caption>
                                    <thead><tr><th scope="col">{ t(Msg::RcPeriodCol) }</th><th scope="col">{ t(Msg::RcRetentionCol) }</th>
                                        <th scope="col">{ t(Msg::RcSurvivalCol) }</th><th scope="col">{ t(Msg::RcObservedCol) }</th></tr></thead>
                                    <tbody>
                                        { for r.survival.iter().enumerate().map(|(k, s)| html! {
                                            <tr>
                                                <th scope="row">{ k }</th>
                                                <td data-testid={(k > 0).then(|| format!("result-retention-{}", k - 1))} data-value={(k > 0).then(|| r.retention[k - 1].to_string())}>
                                                    { if k > 0 { fmt.format(r.retention[k - 1], Unit::Percent) } else { "—".into() } }</td>
                                                <td data-testid={format!("result-survival-{k}")} data-value={s.to_string()}>{ fmt.format(*s, Unit::Percent) }</td>
                                                <td>{ r.observed_survival.iter().map(|o| o.get(k).map(|x| fmt.format(*x, Unit::Percent)).unwrap_or_else(|| "—".into())).collect::<Vec<_>>().join(" · ") }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                        </details>
                    </section>
                }
                <section class="card">
                    <h2>{ t(Msg::RcDerlTitle) }</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::RcDerlTitle)}>
                        <table class="compare">
                            <thead><tr><th scope="col">{ t(Msg::RcRenewals) }</th><th scope="col">{ "DERL" }</th></tr></thead>
                            <tbody>
                                { for r.derl.iter().enumerate().map(|(k, v)| html! {
                                    <tr><th scope="row">{ k }</th><td data-testid={format!("result-derl-{k}")} data-value={v.to_string()}>{ fmt.format(*v, Unit::Money) }</td></tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </section>
                <super::later::Later render={steps(fmt)} />
            } else {
                <p class="hint" data-testid="rc-waiting" role="status">{ view.fit_error.clone().unwrap_or_else(|| t(Msg::RcWaiting).to_string()) }</p>
            }
        </div>
    }
}

/// The steps, built from the state one task later (see `Later`).
fn steps(fmt: &IntlFormat) -> Callback<AppContext, Html> {
    let fmt = fmt.clone();
    Callback::from(move |ctx: AppContext| {
        let lang = ctx.model.lang;
        let view = ctx.model.rc_view();
        html! {
            <details class="card math" open=true data-testid="math-panel">
                <summary><h2>{ Msg::MathTitle.text(lang) }</h2></summary>
                <ol>{ for view.steps.iter().map(|s| html! { <MathStep key={s.key} step={s.clone()} {lang} fmt={fmt.clone()} /> }) }</ol>
            </details>
        }
    })
}
